/* cx-import.c: GeoJSON documents (RFC 7946) read into user layers
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A planner's file is read as strictly as a data pack (the first problem
 * stops the import and is named with its position), but it needs much less:
 * any properties, any number of features, and every RFC 7946 geometry.
 *
 * Geometry goes through cx_geojson_parse_geometry(), so that layers and
 * packs accept the same positions and rings with the same messages; the
 * importer adds what that parser leaves out:
 *
 *  - MultiPoint becomes a CX_GEOMETRY_POINT geometry with one part per
 *    point (cx-geometry.h has no multi-point type; its point helpers
 *    already look at every position). cx_imported_feature_get_geojson_type()
 *    still says "MultiPoint".
 *  - A GeometryCollection is flattened: each member becomes a feature of
 *    its own, sharing the collection's properties.
 *  - "geometry": null (a feature without a location) is allowed by the RFC;
 *    such features cannot be drawn, so they are counted, not listed. So
 *    are empty geometries ("coordinates": [], or a GeometryCollection
 *    with no "geometries"), which RFC 7946 §3.1 lets a reader take as null.
 *  - A latitude between ±85.05° and ±90° (Antarctica, the poles) is drawn
 *    at ±85.05°, where Web Mercator ends, and counted, so that the window
 *    can say so; cx_imported_layer_get_n_clamped().
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cx-gcj02.h"
#include "cx-geojson.h"
#include "cx-import-fast.h"
#include "cx-import-json.h"
#include "cx-import-private.h"
#include "cx-json-scanner.h"
#include "cx-json-util.h"
#include "cx-store-util.h"

/* simplestyle-spec 1.1.0 defaults */
#define DEFAULT_STROKE "#555555"
#define DEFAULT_STROKE_WIDTH 2.0
#define DEFAULT_FILL "#555555"
#define DEFAULT_FILL_OPACITY 0.6
#define DEFAULT_MARKER "#7e7e7e"

/* The widest line a pack style may have, and so a layer's. */
#define MAX_STROKE_WIDTH 20.0

G_DEFINE_QUARK (cx-import-error-quark, cx_import_error)

/* What the geometries of one Feature share: its properties, typed, with
 * the texts made for the values that are not strings. */
typedef struct
{
  guint       source_index;
  const char *id;
  GArray     *properties;   /* CxImportProperty */
  GPtrArray  *texts;        /* char *, owned */
} FeatureInfo;

typedef struct
{
  const char           *display;
  gboolean              gcj02;
  GCancellable         *cancellable;
  CxFeatureStore       *store;        /* owned until the layer takes it */
  guint                 n_unlocated;
  guint                 n_clamped;

  CxImportProgressSink  progress;
  gpointer              progress_data;
  double                progress_from;

  /* NULL when switched off (CX_IMPORT_NO_FAST_PATH) */
  CxImportFast         *fast;
} Walk;

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* Appends @text cut to CX_IMPORT_MAX_TEXT_BYTES on a character boundary. */
static void
append_display_text (GString    *out,
                     const char *text,
                     gsize       len)
{
  const char *end;

  if (len <= CX_IMPORT_MAX_TEXT_BYTES)
    {
      g_string_append_len (out, text, (gssize) len);
      return;
    }

  end = text + CX_IMPORT_MAX_TEXT_BYTES;
  while (end > text && ((guchar) *end & 0xC0) == 0x80)
    end--;
  g_string_append_len (out, text, end - text);
  g_string_append (out, "…");
}

/* The shortest text that reads back as the same double, without the
 * locale's decimal comma. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      g_string_append (out, "NaN");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "Infinity" : "-Infinity");
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

/* For the fast path (cx-import-fast.c), which must write numbers as
 * value_display_text() does. */
void
cx_import_append_double (GString *out,
                         double   value)
{
  append_double (out, value);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* Compact JSON, in the document's member order; stops growing once past
 * the display limit, since it is cut there anyway. */
static void
append_json (GString  *out,
             JsonNode *node)
{
  if (out->len > CX_IMPORT_MAX_TEXT_BYTES)
    return;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL && out->len <= CX_IMPORT_MAX_TEXT_BYTES; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            append_json_string (out, l->data);
            g_string_append_c (out, ':');
            append_json (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
        g_list_free (members);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n && out->len <= CX_IMPORT_MAX_TEXT_BYTES; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_json_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        default:
          append_double (out, json_node_get_double (node));
          break;
        }
      break;
    }
}

/* A property value as a table shows it: strings as they are, numbers in
 * the C locale, objects and arrays as compact JSON. */
static char *
value_display_text (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      append_display_text (out, text, strlen (text));
    }
  else
    {
      append_json (out, node);
      if (out->len > CX_IMPORT_MAX_TEXT_BYTES)
        {
          g_autofree char *whole = g_string_free (out, FALSE);

          out = g_string_new (NULL);
          append_display_text (out, whole, strlen (whole));
        }
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* simplestyle-spec                                                    */
/* ------------------------------------------------------------------ */

/* "#rgb", "#rrggbb" (the "#" may be left out, as the spec allows) or
 * "#rrggbbaa". */
static gboolean
parse_simplestyle_color (const CxImportProperty *property,
                         CxColor                *color)
{
  const char *text, *hex;
  char expanded[10];
  gsize len;

  if (property->type != CX_IMPORT_VALUE_STRING)
    return FALSE;

  text = property->text;
  hex = text[0] == '#' ? text + 1 : text;
  len = strlen (hex);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;

  if (len == 3)
    g_snprintf (expanded, sizeof expanded, "#%c%c%c%c%c%c",
                hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]);
  else if (len == 6 || (len == 8 && hex != text))
    g_snprintf (expanded, sizeof expanded, "#%s", hex);
  else
    return FALSE;

  return cx_color_parse (expanded, color);
}

/* A number property's value, when finite. */
static gboolean
parse_number (const CxImportProperty *property,
              double                 *value)
{
  char *end;

  if (property->type != CX_IMPORT_VALUE_NUMBER || property->text[0] == '\0')
    return FALSE;

  *value = g_ascii_strtod (property->text, &end);
  return *end == '\0' && isfinite (*value);
}

static gboolean
parse_fraction (const CxImportProperty *property,
                double                 *value)
{
  return parse_number (property, value) && *value >= 0 && *value <= 1;
}

/* Made once: every feature starts from it (parsing its three colours for
 * each of 5 million points was a tenth of the import). */
static void
style_init_default (CxStyle *style)
{
  static CxStyle default_style;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      memset (&default_style, 0, sizeof default_style);
      cx_color_parse (DEFAULT_STROKE, &default_style.stroke);
      cx_color_parse (DEFAULT_FILL, &default_style.fill);
      cx_color_parse (DEFAULT_MARKER, &default_style.marker);
      default_style.has_fill = TRUE;
      default_style.stroke_width = DEFAULT_STROKE_WIDTH;
      default_style.label = CX_LABEL_ZOOM;
      g_once_init_leave (&made, 1);
    }
  *style = default_style;
}

/* Takes the simplestyle members (and "title", "description") that hold
 * valid values; every other member, and a simplestyle member whose value
 * is not valid, goes into the table (@kept[i] set), so that nothing in
 * the file is lost from view. @title and @description are the indices of
 * the properties that give them, -1 for none. Every reader's features
 * come here (through cx_feature_store_add()), so a property means the
 * same whatever the format. */
void
cx_import_classify_properties (const CxImportProperty *properties,
                               guint                   n_properties,
                               CxStyle                *style,
                               guint8                 *kept,
                               int                    *title,
                               int                    *description)
{
  double stroke_opacity = 1.0, fill_opacity = DEFAULT_FILL_OPACITY;

  style_init_default (style);
  *title = *description = -1;

  for (guint i = 0; i < n_properties; i++)
    {
      const CxImportProperty *property = &properties[i];
      const char *key = property->key;
      gboolean taken = TRUE;
      CxColor color;
      double number;

      /* Most keys name none of the members below, which all begin so. */
      if (key[0] == '\0' || strchr ("tdsfm", key[0]) == NULL)
        {
          kept[i] = TRUE;
          continue;
        }

      if (g_str_equal (key, "title") && property->type == CX_IMPORT_VALUE_STRING)
        *title = (int) i;
      else if (g_str_equal (key, "description") && property->type == CX_IMPORT_VALUE_STRING)
        *description = (int) i;
      else if (g_str_equal (key, "stroke") && parse_simplestyle_color (property, &color))
        {
          style->stroke = color;
          style->given |= CX_STYLE_GIVEN_STROKE;
        }
      else if (g_str_equal (key, "stroke-width") && parse_number (property, &number) &&
               number >= 0 && number <= MAX_STROKE_WIDTH)
        style->stroke_width = number;
      else if (g_str_equal (key, "stroke-opacity") && parse_fraction (property, &number))
        stroke_opacity = number;
      else if (g_str_equal (key, "fill") && parse_simplestyle_color (property, &color))
        {
          style->fill = color;
          style->given |= CX_STYLE_GIVEN_FILL;
        }
      else if (g_str_equal (key, "fill-opacity") && parse_fraction (property, &number))
        {
          fill_opacity = number;
          style->given |= CX_STYLE_GIVEN_FILL_OPACITY;
        }
      else if (g_str_equal (key, "marker-color") && parse_simplestyle_color (property, &color))
        {
          style->marker = color;
          style->given |= CX_STYLE_GIVEN_MARKER;
        }
      else
        taken = FALSE;

      kept[i] = !taken;
    }

  /* An alpha in the colour itself ("#rrggbbaa") and the opacity multiply. */
  style->stroke.alpha *= stroke_opacity;
  style->fill.alpha *= fill_opacity;
}

/* A GeoJSON "properties" object as typed pairs: a string as it is, any
 * other value as compact JSON (already cut to the display limit, which
 * cutting again leaves as it is). Keys and strings are borrowed from
 * @object. */
static void
read_properties (JsonObject  *object,
                 FeatureInfo *info)
{
  GList *members = object != NULL ? json_object_get_members (object) : NULL;

  info->properties = g_array_new (FALSE, TRUE, sizeof (CxImportProperty));
  info->texts = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      CxImportProperty property = { l->data, NULL, CX_IMPORT_VALUE_JSON };

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          property.type = CX_IMPORT_VALUE_STRING;
          property.text = json_node_get_string (node);
        }
      else
        {
          char *text = value_display_text (node);

          g_ptr_array_add (info->texts, text);
          property.text = text;
          if (JSON_NODE_HOLDS_NULL (node))
            property.type = CX_IMPORT_VALUE_NULL;
          else if (JSON_NODE_HOLDS_VALUE (node))
            property.type = json_node_get_value_type (node) == G_TYPE_BOOLEAN ? CX_IMPORT_VALUE_BOOLEAN
                                                                               : CX_IMPORT_VALUE_NUMBER;
        }
      g_array_append_val (info->properties, property);
    }

  g_list_free (members);
}

static void
feature_info_clear (FeatureInfo *info)
{
  g_clear_pointer (&info->properties, g_array_unref);
  g_clear_pointer (&info->texts, g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* Geometry                                                            */
/* ------------------------------------------------------------------ */

/* "FILE: feature N (“ID”)": what cx_load_context_set_error() puts before
 * the problem, to name the members of a GeometryCollection. */
static char *
context_prefix (const CxLoadContext *ctx)
{
  g_autofree char *id = NULL;

  if (ctx->what == NULL)
    return g_strdup (ctx->file);

  if (ctx->id == NULL)
    return g_strdup_printf ("%s: %s %d", ctx->file, ctx->what, ctx->index);

  id = cx_error_excerpt (ctx->id);
  return g_strdup_printf ("%s: %s %d (“%s”)", ctx->file, ctx->what, ctx->index, id);
}

/* The geometry types a feature can have, as static strings; NULL for any
 * other (GeometryCollection is flattened before this is asked). */
static const char *
supported_type (const char *type)
{
  static const char * const types[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (type, types[i]))
      return types[i];
  return NULL;
}

static CxGeometry *
parse_multi_point (JsonObject          *object,
                   const CxLoadContext *ctx,
                   GError             **error)
{
  g_autoptr(CxGeometry) geometry = NULL;
  JsonNode *coordinates = json_object_get_member (object, "coordinates");
  JsonArray *points;
  guint n;

  /* Worded as cx_geojson_parse_geometry() words them for the other types. */
  if (coordinates == NULL)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the %s has no \"coordinates\""), "MultiPoint");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (coordinates))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("the coordinates of a %s must be an array, not %s"),
                                 "MultiPoint", cx_json_node_type_name (coordinates));
      return NULL;
    }

  points = json_node_get_array (coordinates);
  n = json_array_get_length (points);
  if (n == 0)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("the %s is empty"), "MultiPoint");
      return NULL;
    }

  geometry = cx_geometry_new (CX_GEOMETRY_POINT);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf (_("point %u"), i + 1);
      CxCoord c;

      if (!cx_geojson_parse_position (json_array_get_element (points, i), ctx, where, &c, error))
        return NULL;
      cx_geometry_add_coord (geometry, c.x, c.y);
      cx_geometry_close_part (geometry);
    }

  return g_steal_pointer (&geometry);
}

/* RFC 7946 §3.1: "coordinates": [] is an empty geometry, which a reader
 * may take as null; GDAL and GNOME Maps read such files. */
static gboolean
is_empty_geometry (JsonObject *object)
{
  JsonNode *coordinates = json_object_get_member (object, "coordinates");

  return coordinates != NULL && JSON_NODE_HOLDS_ARRAY (coordinates) &&
         json_array_get_length (json_node_get_array (coordinates)) == 0;
}

/* Every feature of the document, from either reader, is added here: the
 * store copies it (moving GCJ-02 positions to WGS84). */
static void
walk_add (Walk                      *walk,
          const CxImportFeatureInfo *info)
{
  cx_feature_store_add (walk->store, info, 0, walk->gcj02);
}

static gboolean
walk_geometry (Walk                *walk,
               JsonNode            *node,
               const CxLoadContext *ctx,
               const FeatureInfo   *info,
               GError             **error)
{
  g_autoptr(CxGeometry) geometry = NULL;
  const char *type = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    type = cx_json_member_string (json_node_get_object (node), "type");

  if (g_strcmp0 (type, "GeometryCollection") == 0)
    {
      JsonNode *members = json_object_get_member (json_node_get_object (node), "geometries");
      g_autofree char *prefix = NULL;
      JsonArray *array;

      if (members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
        {
          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                     _("a GeometryCollection needs a \"geometries\" array"));
          return FALSE;
        }

      prefix = context_prefix (ctx);
      array = json_node_get_array (members);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf (_("%s, geometry %u"), prefix, i + 1);
          CxLoadContext member_ctx = { where, NULL, 0, NULL, ctx->n_clamped };

          if (!walk_geometry (walk, json_array_get_element (array, i), &member_ctx, info, error))
            return FALSE;
        }
      return TRUE;
    }

  if (type != NULL && supported_type (type) == NULL)
    {
      g_autofree char *quoted = cx_error_excerpt (type);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("unsupported geometry type “%s” (use Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"),
                                 quoted);
      return FALSE;
    }

  if (type != NULL && is_empty_geometry (json_node_get_object (node)))
    return TRUE;

  if (g_strcmp0 (type, "MultiPoint") == 0)
    geometry = parse_multi_point (json_node_get_object (node), ctx, error);
  else
    geometry = cx_geojson_parse_geometry (node, ctx, error);

  if (geometry == NULL)
    return FALSE;

  /* Only a geometry with a supported "type" string parses. */
  {
    CxImportFeatureInfo feature = {
      info->source_index, info->id, supported_type (type), geometry,
      (const CxImportProperty *) (gpointer) info->properties->data, info->properties->len,
    };

    walk_add (walk, &feature);
  }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Features                                                            */
/* ------------------------------------------------------------------ */

static gboolean
check_cancelled (Walk    *walk,
                 GError **error)
{
  return !g_cancellable_set_error_if_cancelled (walk->cancellable, error);
}

static gboolean
walk_feature (Walk      *walk,
              JsonNode  *node,
              guint      index,
              GError   **error)
{
  CxLoadContext ctx = { walk->display, "feature", (int) index, NULL, &walk->n_clamped };
  FeatureInfo info = { index, NULL, NULL, NULL, };
  guint n_before = cx_feature_store_get_n_features (walk->store);
  g_autofree char *id = NULL;
  JsonObject *object;
  JsonNode *id_node, *geometry;
  JsonObject *props = NULL;
  gboolean ok;

  if (!check_cancelled (walk, error))
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_TYPE,
                                 _("must be an object, not %s"), cx_json_node_type_name (node));
      return FALSE;
    }
  object = json_node_get_object (node);

  /* RFC 7946: a string or a number. */
  id_node = json_object_get_member (object, "id");
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_STRING)
    id = g_strdup (json_node_get_string (id_node));
  else if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
           json_node_get_value_type (id_node) != G_TYPE_BOOLEAN)
    id = value_display_text (id_node);
  else if (id_node != NULL && !JSON_NODE_HOLDS_NULL (id_node))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_TYPE,
                                 _("\"id\" must be a string or a number, not %s"),
                                 cx_json_node_type_name (id_node));
      return FALSE;
    }
  ctx.id = id;

  if (!cx_geojson_check_feature (object, &ctx, &props, error))
    return FALSE;

  if (!json_object_has_member (object, "geometry"))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_MISSING,
                                 _("has no \"geometry\" member (a feature without a location has \"geometry\": null)"));
      return FALSE;
    }

  geometry = json_object_get_member (object, "geometry");
  if (JSON_NODE_HOLDS_NULL (geometry))
    {
      walk->n_unlocated++;
      return TRUE;
    }

  read_properties (props, &info);
  info.id = id;

  ok = walk_geometry (walk, geometry, &ctx, &info, error);
  feature_info_clear (&info);

  /* Empty: nothing to draw, as if "geometry" were null. */
  if (ok && cx_feature_store_get_n_features (walk->store) == n_before)
    walk->n_unlocated++;
  return ok;
}

static gboolean
check_crs (Walk       *walk,
           JsonObject *root,
           GError    **error)
{
  CxLoadContext ctx = { walk->display, NULL, 0, NULL };
  JsonNode *crs = json_object_get_member (root, "crs");
  const char *name = NULL;

  /* RFC 7946 dropped "crs"; files from older tools still name one. Only
   * longitude/latitude on WGS84, or on CGCS2000 (EPSG:4490, the Chinese
   * datum, within centimetres of it), are what the map expects. */
  if (crs == NULL || JSON_NODE_HOLDS_NULL (crs))
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (crs))
    {
      JsonNode *props = json_object_get_member (json_node_get_object (crs), "properties");

      if (props != NULL && JSON_NODE_HOLDS_OBJECT (props))
        name = cx_json_member_string (json_node_get_object (props), "name");
    }

  if (name != NULL &&
      (g_str_has_suffix (name, "CRS84") || g_str_has_suffix (name, "crs84") ||
       g_str_has_suffix (name, ":4326") || g_str_has_suffix (name, ":4490")))
    return TRUE;

  if (name != NULL)
    {
      g_autofree char *quoted = cx_error_excerpt (name);

      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_FORMAT,
                                 _("the file uses the coordinate reference system “%s”; only longitude and latitude on WGS84 (RFC 7946) can be imported"),
                                 quoted);
    }
  else
    cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_FORMAT,
                               _("the file names a coordinate reference system (\"crs\") that is not recognised; only longitude and latitude on WGS84 (RFC 7946) can be imported"));
  return FALSE;
}

static gboolean
stream_feature_cb (JsonObject *root,
                   JsonNode   *element,
                   guint       index,
                   gpointer    user_data,
                   GError    **error)
{
  Walk *walk = user_data;

  /* A "crs" before the features is checked before them, so that projected
   * coordinates are named as such rather than as out of range. */
  if (index == 0 && !check_crs (walk, root, error))
    return FALSE;

  return walk_feature (walk, element, index, error);
}

/* An element of "features" in the shape almost every file has, read
 * straight from the bytes by cx-import-fast.c, without a JSON tree; every
 * other element, and any it is not sure of, is left to
 * stream_feature_cb(). Once the element is known to be one the reader
 * reads without a problem, it makes that callback's checks in the same
 * order: the "crs" (with a first element that is not valid JSON, the
 * reader's problem is the one to report), then cancellation. */
static CxJsonFastResult
stream_fast_feature_cb (JsonObject  *root,
                        const char  *data,
                        gsize        len,
                        gsize        pos,
                        guint        index,
                        gpointer     user_data,
                        gsize       *end,
                        GError     **error)
{
  Walk *walk = user_data;
  CxImportFeatureInfo info;
  guint n_clamped = 0;
  CxImportFastResult result;

  result = cx_import_fast_read (walk->fast, data, len, pos, index, end, &info, &n_clamped);
  if (result == CX_IMPORT_FAST_NOT_MINE)
    return CX_JSON_FAST_NOT_MINE;

  if (index == 0 && !check_crs (walk, root, error))
    return CX_JSON_FAST_ERROR;
  if (!check_cancelled (walk, error))
    return CX_JSON_FAST_ERROR;

  switch (result)
    {
    case CX_IMPORT_FAST_FEATURE:
      walk->n_clamped += n_clamped;
      walk_add (walk, &info);
      return CX_JSON_FAST_HANDLED;
    case CX_IMPORT_FAST_UNLOCATED:
      walk->n_unlocated++;
      return CX_JSON_FAST_HANDLED;
    case CX_IMPORT_FAST_NOT_MINE:
    default:
      return CX_JSON_FAST_NOT_MINE;
    }
}

static gboolean
stream_progress_cb (gsize      done,
                    gsize      total,
                    gpointer   user_data,
                    GError   **error)
{
  Walk *walk = user_data;

  if (!check_cancelled (walk, error))
    return FALSE;

  if (walk->progress != NULL && total > 0)
    walk->progress (walk->progress_from + (1.0 - walk->progress_from) * (double) done / (double) total,
                    walk->progress_data);
  return TRUE;
}

static gboolean
walk_document (Walk      *walk,
               JsonNode  *root,
               gboolean   streamed,
               GError   **error)
{
  CxLoadContext ctx = { walk->display, NULL, 0, NULL };
  JsonObject *object;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_FORMAT,
                                 _("not GeoJSON: the top level must be an object, not %s"),
                                 cx_json_node_type_name (root));
      return FALSE;
    }

  object = json_node_get_object (root);
  type = cx_json_member_string (object, "type");
  if (type == NULL)
    {
      if (json_object_has_member (object, "format") && !json_object_has_member (object, "type"))
        g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_DATA_PACK,
                     _("%s: this is a Changning Explorer data pack, not a GeoJSON layer"),
                     walk->display);
      else
        cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_FORMAT,
                                   _("not GeoJSON: the top level has no \"type\""));
      return FALSE;
    }

  if (!check_crs (walk, object, error))
    return FALSE;

  if (g_str_equal (type, "FeatureCollection"))
    {
      JsonNode *features = json_object_get_member (object, "features");
      JsonArray *array;

      if (features == NULL || !JSON_NODE_HOLDS_ARRAY (features))
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_FORMAT,
                                     _("a FeatureCollection needs a \"features\" array"));
          return FALSE;
        }

      /* Already walked while reading, unless "type" came after "features". */
      if (streamed)
        return TRUE;

      array = json_node_get_array (features);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!walk_feature (walk, json_array_get_element (array, i), i, error))
          return FALSE;
      return TRUE;
    }

  if (g_str_equal (type, "Feature"))
    return walk_feature (walk, root, 0, error);

  if (g_str_equal (type, "GeometryCollection") || supported_type (type) != NULL)
    {
      CxLoadContext feature_ctx = { walk->display, "feature", 0, NULL, &walk->n_clamped };
      FeatureInfo info = { 0, };
      gboolean ok;

      read_properties (NULL, &info);
      ok = walk_geometry (walk, root, &feature_ctx, &info, error);
      feature_info_clear (&info);
      if (ok && cx_feature_store_get_n_features (walk->store) == 0)
        walk->n_unlocated++;
      return ok;
    }

  {
    g_autofree char *quoted = cx_error_excerpt (type);

    cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_FORMAT,
                               _("not GeoJSON: unknown type “%s” (use FeatureCollection, Feature or a geometry)"),
                               quoted);
    return FALSE;
  }
}

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

/* "Zoning proposal 2026.geojson" → "zoning-proposal-2026": ASCII letters
 * and digits, everything else one "-", at most 40 characters; "layer"
 * when nothing is left (a name all in Chinese, say). */
char *
cx_import_make_slug (const char *file_name)
{
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = file_name; *p != '\0' && slug->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }

  while (slug->len > 40 - 1 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_append (slug, "layer");

  return g_string_free (slug, FALSE);
}

/* The file name without ".geojson" or ".json". */
static char *
name_from_file_name (const char *file_name)
{
  static const char * const extensions[] = { ".geojson", ".json" };
  gsize len = strlen (file_name);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize n = strlen (extensions[i]);

      if (len > n && g_ascii_strcasecmp (file_name + len - n, extensions[i]) == 0)
        return g_strndup (file_name, len - n);
    }

  return g_strdup (file_name);
}

char *
cx_import_make_id (const char *slug,
                   guint       n)
{
  return g_strdup_printf ("user-%s-%u", slug, n);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

CxImportedLayer *
cx_import_bytes_full (GBytes               *bytes,
                      const char           *display_name,
                      const char           *file_name,
                      gboolean              gcj02,
                      GCancellable         *cancellable,
                      CxImportProgressSink  progress,
                      gpointer              progress_data,
                      double                progress_from,
                      GError              **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CxImportFast) fast = cx_import_fast_enabled () ? cx_import_fast_new () : NULL;
  CxImportedLayer *layer;
  gboolean streamed;
  Walk walk = { 0, };
  CxJsonStreamOptions options = {
    .stream_member = "features",
    .stream_when_type = "FeatureCollection",
    .element_func = stream_feature_cb,
    .fast_element_func = fast != NULL ? stream_fast_feature_cb : NULL,
    .progress_func = stream_progress_cb,
    .user_data = &walk,
  };

  walk.display = display_name;
  walk.gcj02 = gcj02;
  walk.cancellable = cancellable;
  walk.progress = progress;
  walk.progress_data = progress_data;
  walk.progress_from = progress_from;
  walk.fast = fast;

  if (g_bytes_get_size (bytes) > (gsize) cx_import_get_max_file_size ())
    {
      g_autofree char *size = g_format_size_full (g_bytes_get_size (bytes), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full ((guint64) cx_import_get_max_file_size (), G_FORMAT_SIZE_IEC_UNITS);

      /* TRANSLATORS: the sizes are like "5.0 GiB"; the limit depends on the computer's memory */
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: the file is %s; a layer may be at most %s on this computer"),
                   display_name, size, limit);
      return NULL;
    }

  walk.store = cx_feature_store_new ();
  root = cx_import_json_parse (bytes, display_name, &options, &streamed, error);
  if (root == NULL || !walk_document (&walk, root, streamed, error))
    {
      cx_feature_store_free (walk.store);
      return NULL;
    }

  layer = g_object_new (CX_TYPE_IMPORTED_LAYER, NULL);
  layer->file_name = g_strdup (file_name);
  layer->name = name_from_file_name (file_name);
  layer->slug = cx_import_make_slug (layer->name);
  layer->id = cx_import_make_id (layer->slug, 1);
  layer->gcj02 = gcj02;
  layer->imported = g_date_time_to_unix (now);
  layer->source = g_bytes_ref (bytes);
  layer->n_unlocated = walk.n_unlocated;
  layer->n_clamped = walk.n_clamped;
  layer->bounds = cx_feature_store_get_extent (walk.store);
  cx_imported_layer_set_store (layer, walk.store);

  return layer;
}

/**
 * cx_import_bytes:
 * @bytes: a GeoJSON document
 * @display_name: how errors name the document, e.g. its path
 * @file_name: the name of the file it came from; the layer is named after it
 * @gcj02: whether the positions are GCJ-02, to be converted to WGS84
 *
 * Imports synchronously; cx_import_file_async() does it in a thread. The
 * layer keeps @bytes until it is stored.
 *
 * Returns: (transfer full): the layer, or %NULL with @error set: in
 *   %CX_PACK_ERROR for a problem with the document (with its line and
 *   column, or its feature index), %CX_IMPORT_ERROR_DATA_PACK for a data
 *   pack, %G_IO_ERROR_CANCELLED
 */
CxImportedLayer *
cx_import_bytes (GBytes        *bytes,
                 const char    *display_name,
                 const char    *file_name,
                 gboolean       gcj02,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return cx_import_bytes_full (bytes, display_name, file_name, gcj02, cancellable,
                               NULL, NULL, 0.0, error);
}

