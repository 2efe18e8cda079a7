/* cx-geojson.c: RFC 7946 geometry, read strictly
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-geojson"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-geojson.h"
#include "cx-json-scanner.h"
#include "cx-json-util.h"

#define CX_MAX_LATITUDE CX_GEOJSON_MAX_LATITUDE

static const char *
coordinate_name (guint i)
{
  switch (i)
    {
    case 0: return N_("the longitude");
    case 1: return N_("the latitude");
    case 2: return N_("the altitude");
    default: return NULL;
    }
}

static gboolean
is_number (JsonNode *node)
{
  GType t;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  t = json_node_get_value_type (node);
  return t == G_TYPE_DOUBLE || t == G_TYPE_INT64;
}

gboolean
cx_geojson_parse_position (JsonNode            *node,
                           const CxLoadContext *ctx,
                           const char          *where,
                           CxCoord             *coord,
                           GError             **error)
{
  JsonArray *array;
  double lon, lat;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("%s: a position must be an array [longitude, latitude], not %s"),
                                 where, cx_json_node_type_name (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  /* RFC 7946 §3.1.1: "two or more elements"; past the altitude, they are
   * read (they must be numbers) and not used. */
  if (n < 2)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("%s: a position must have at least 2 numbers [longitude, latitude], not %u"),
                                 where, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *c = json_array_get_element (array, i);

      if (!is_number (c))
        {
          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                     _("%s: coordinate %u must be a number, not %s"),
                                     where, i + 1, cx_json_node_type_name (c));
          return FALSE;
        }
      /* The readers refuse numbers beyond a double ("1e400") by their
       * text, so this is only for nodes made some other way. */
      if (!isfinite (json_node_get_double (c)))
        {
          if (coordinate_name (i) != NULL)
            cx_load_context_set_error (ctx, error, CX_PACK_ERROR_COORDINATE,
                                       _("%s: %s is not a finite number"),
                                       where, _(coordinate_name (i)));
          else
            cx_load_context_set_error (ctx, error, CX_PACK_ERROR_COORDINATE,
                                       _("%s: number %u is not a finite number"),
                                       where, i + 1);
          return FALSE;
        }
    }

  lon = json_array_get_double_element (array, 0);
  lat = json_array_get_double_element (array, 1);

  if (lon < -180 || lon > 180)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_COORDINATE,
                                 _("%s: longitude %g is outside −180…180 (positions are [longitude, latitude])"),
                                 where, lon);
      return FALSE;
    }
  if (lat < -90 || lat > 90)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_COORDINATE,
                                 _("%s: latitude %g is outside −90…90 (positions are [longitude, latitude])"),
                                 where, lat);
      return FALSE;
    }
  if (lat < -CX_MAX_LATITUDE || lat > CX_MAX_LATITUDE)
    {
      if (ctx->n_clamped == NULL)
        {
          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_COORDINATE,
                                     _("%s: latitude %g is outside −85.05…85.05, the range a web map can show"),
                                     where, lat);
          return FALSE;
        }
      lat = CLAMP (lat, -CX_MAX_LATITUDE, CX_MAX_LATITUDE);
      (*ctx->n_clamped)++;
    }

  coord->x = lon;
  coord->y = lat;
  return TRUE;
}

static gboolean
parse_positions (CxGeometry          *geometry,
                 JsonNode            *node,
                 const CxLoadContext *ctx,
                 const char          *where,
                 guint                min_positions,
                 gboolean             ring,
                 GError             **error)
{
  JsonArray *array;
  guint n;
  CxCoord first = { 0, 0 }, last = { 0, 0 };

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("%s must be an array of positions, not %s"),
                                 where, cx_json_node_type_name (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  if (n < min_positions)
    {
      if (ring)
        cx_load_context_set_error (ctx, error, CX_PACK_ERROR_SHORT_RING,
                                   _("%s has %u positions; a ring needs at least 4 (the last repeating the first)"),
                                   where, n);
      else
        cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                   _("%s has %u positions; a line needs at least %u"),
                                   where, n, min_positions);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *position = json_array_get_element (array, i);
      CxCoord c;

      /* Rings can have a million positions: where a position is only gets
       * spelt out for the one that is wrong. */
      if (!cx_geojson_parse_position (position, ctx, where, &c, NULL))
        {
          g_autofree char *pos_where = g_strdup_printf (_("%s, position %u"), where, i + 1);

          cx_geojson_parse_position (position, ctx, pos_where, &c, error);
          return FALSE;
        }

      if (i == 0)
        first = c;
      last = c;
      cx_geometry_add_coord (geometry, c.x, c.y);
    }

  if (ring && (first.x != last.x || first.y != last.y))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_UNCLOSED_RING,
                                 _("%s is not closed: its last position must repeat its first"),
                                 where);
      return FALSE;
    }

  cx_geometry_close_part (geometry);
  return TRUE;
}

static gboolean
parse_polygon (CxGeometry          *geometry,
               JsonNode            *node,
               const CxLoadContext *ctx,
               const char          *where,
               GError             **error)
{
  JsonArray *rings;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("%s must be an array of rings, not %s"),
                                 where, cx_json_node_type_name (node));
      return FALSE;
    }

  rings = json_node_get_array (node);
  n = json_array_get_length (rings);
  if (n == 0)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("%s has no rings"), where);
      return FALSE;
    }

  for (guint r = 0; r < n; r++)
    {
      g_autofree char *ring_where = NULL;

      if (r == 0)
        ring_where = g_strdup_printf (_("%s, outer ring"), where);
      else
        ring_where = g_strdup_printf (_("%s, hole %u"), where, r);

      if (!parse_positions (geometry, json_array_get_element (rings, r), ctx,
                            ring_where, 4, TRUE, error))
        return FALSE;
    }

  cx_geometry_close_polygon (geometry);
  return TRUE;
}

static gboolean
parse_part_array (JsonNode            *coordinates,
                  const CxLoadContext *ctx,
                  const char          *type_name,
                  JsonArray          **out,
                  GError             **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (coordinates))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("the coordinates of a %s must be an array, not %s"),
                                 type_name, cx_json_node_type_name (coordinates));
      return FALSE;
    }

  *out = json_node_get_array (coordinates);
  if (json_array_get_length (*out) == 0)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("the %s is empty"), type_name);
      return FALSE;
    }

  return TRUE;
}

CxGeometry *
cx_geojson_parse_geometry (JsonNode            *node,
                           const CxLoadContext *ctx,
                           GError             **error)
{
  g_autoptr(CxGeometry) geometry = NULL;
  JsonObject *object;
  JsonNode *type_node;
  JsonNode *coordinates;
  const char *type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("has no geometry"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("the geometry must be an object, not %s"),
                                 cx_json_node_type_name (node));
      return NULL;
    }

  object = json_node_get_object (node);
  type_node = json_object_get_member (object, "type");
  if (type_node == NULL || !JSON_NODE_HOLDS_VALUE (type_node) ||
      json_node_get_value_type (type_node) != G_TYPE_STRING)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("the geometry has no \"type\" string"));
      return NULL;
    }
  type = json_node_get_string (type_node);

  coordinates = json_object_get_member (object, "coordinates");
  if (coordinates == NULL)
    {
      g_autofree char *quoted = cx_error_excerpt (type);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the %s has no \"coordinates\""), quoted);
      return NULL;
    }

  if (g_str_equal (type, "Point"))
    {
      CxCoord c;

      if (!cx_geojson_parse_position (coordinates, ctx, _("the point"), &c, error))
        return NULL;
      geometry = cx_geometry_new (CX_GEOMETRY_POINT);
      cx_geometry_add_coord (geometry, c.x, c.y);
      cx_geometry_close_part (geometry);
    }
  else if (g_str_equal (type, "LineString"))
    {
      geometry = cx_geometry_new (CX_GEOMETRY_LINE_STRING);
      if (!parse_positions (geometry, coordinates, ctx, _("the line"), 2, FALSE, error))
        return NULL;
    }
  else if (g_str_equal (type, "MultiLineString"))
    {
      JsonArray *lines;

      if (!parse_part_array (coordinates, ctx, type, &lines, error))
        return NULL;
      geometry = cx_geometry_new (CX_GEOMETRY_MULTI_LINE_STRING);
      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          g_autofree char *where = g_strdup_printf (_("line %u"), i + 1);

          if (!parse_positions (geometry, json_array_get_element (lines, i), ctx,
                                where, 2, FALSE, error))
            return NULL;
        }
    }
  else if (g_str_equal (type, "Polygon"))
    {
      geometry = cx_geometry_new (CX_GEOMETRY_POLYGON);
      if (!parse_polygon (geometry, coordinates, ctx, _("the polygon"), error))
        return NULL;
    }
  else if (g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *polygons;

      if (!parse_part_array (coordinates, ctx, type, &polygons, error))
        return NULL;
      geometry = cx_geometry_new (CX_GEOMETRY_MULTI_POLYGON);
      for (guint i = 0; i < json_array_get_length (polygons); i++)
        {
          g_autofree char *where = g_strdup_printf (_("polygon %u"), i + 1);

          if (!parse_polygon (geometry, json_array_get_element (polygons, i), ctx,
                              where, error))
            return NULL;
        }
    }
  else
    {
      g_autofree char *quoted = cx_error_excerpt (type);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("unsupported geometry type “%s” (use Point, LineString, MultiLineString, Polygon or MultiPolygon)"),
                                 quoted);
      return NULL;
    }

  return g_steal_pointer (&geometry);
}

static gboolean
foreach_geometry_node (JsonNode             *geometry_node,
                       guint                *index,
                       const char           *id,
                       JsonObject           *properties,
                       const char           *file,
                       CxGeoJsonFeatureFunc  func,
                       gpointer              user_data,
                       GError              **error)
{
  CxLoadContext ctx = { file, "feature", (int) *index, id };
  g_autoptr(CxGeometry) geometry = NULL;

  /* A GeometryCollection is flattened into its members, each a feature of
   * its own with the collection's id and properties. */
  if (geometry_node != NULL && JSON_NODE_HOLDS_OBJECT (geometry_node))
    {
      JsonObject *object = json_node_get_object (geometry_node);
      const char *type = cx_json_member_string (object, "type");

      if (g_strcmp0 (type, "GeometryCollection") == 0)
        {
          JsonNode *members = json_object_get_member (object, "geometries");

          if (members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
            {
              cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_GEOMETRY,
                                         _("a GeometryCollection needs a \"geometries\" array"));
              return FALSE;
            }

          for (guint i = 0; i < json_array_get_length (json_node_get_array (members)); i++)
            if (!foreach_geometry_node (json_array_get_element (json_node_get_array (members), i),
                                        index, id, properties, file, func, user_data, error))
              return FALSE;
          return TRUE;
        }
    }

  geometry = cx_geojson_parse_geometry (geometry_node, &ctx, error);
  if (geometry == NULL)
    return FALSE;

  if (!func (*index, id, geometry, properties, user_data, error))
    return FALSE;

  (*index)++;
  return TRUE;
}

/**
 * cx_geojson_check_feature:
 * @object: a member of "features", or the top-level object, that claims to
 *   be a Feature
 * @properties: (out) (transfer none): its "properties", or %NULL for null or
 *   none
 *
 * What every reader of a GeoJSON Feature checks first: its "type" is
 * "Feature", and its "properties" an object or null.
 */
gboolean
cx_geojson_check_feature (JsonObject           *object,
                          const CxLoadContext  *ctx,
                          JsonObject          **properties,
                          GError              **error)
{
  JsonNode *props_node;

  *properties = NULL;

  if (g_strcmp0 (cx_json_member_string (object, "type"), "Feature") != 0)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("its \"type\" must be \"Feature\""));
      return FALSE;
    }

  props_node = json_object_get_member (object, "properties");
  if (props_node != NULL && JSON_NODE_HOLDS_OBJECT (props_node))
    *properties = json_node_get_object (props_node);
  else if (props_node != NULL && !JSON_NODE_HOLDS_NULL (props_node))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("\"properties\" must be an object or null, not %s"),
                                 cx_json_node_type_name (props_node));
      return FALSE;
    }

  return TRUE;
}

static gboolean
foreach_feature (JsonNode             *node,
                 guint                *index,
                 const char           *file,
                 CxGeoJsonFeatureFunc  func,
                 gpointer              user_data,
                 GError              **error)
{
  CxLoadContext ctx = { file, "feature", (int) *index, NULL };
  JsonObject *object;
  JsonObject *properties = NULL;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_TYPE,
                                 _("must be an object, not %s"), cx_json_node_type_name (node));
      return FALSE;
    }

  object = json_node_get_object (node);
  id = cx_json_member_string (object, "id");
  ctx.id = id;

  if (!cx_geojson_check_feature (object, &ctx, &properties, error))
    return FALSE;

  return foreach_geometry_node (json_object_get_member (object, "geometry"),
                                index, id, properties, file, func, user_data, error);
}

/**
 * cx_geojson_foreach:
 *
 * Walks a GeoJSON document (a FeatureCollection, a Feature, or a bare
 * geometry, GeometryCollections included) and calls @func for every
 * geometry, stopping at the first error.
 */
gboolean
cx_geojson_foreach (JsonNode             *root,
                    const char           *file,
                    CxGeoJsonFeatureFunc  func,
                    gpointer              user_data,
                    GError              **error)
{
  CxLoadContext ctx = { file, NULL, 0, NULL };
  JsonObject *object;
  const char *type;
  guint index = 0;

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
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_FORMAT,
                                 _("not GeoJSON: the top level has no \"type\""));
      return FALSE;
    }

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

      array = json_node_get_array (features);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!foreach_feature (json_array_get_element (array, i), &index, file, func, user_data, error))
          return FALSE;

      return TRUE;
    }

  if (g_str_equal (type, "Feature"))
    return foreach_feature (root, &index, file, func, user_data, error);

  return foreach_geometry_node (root, &index, NULL, NULL, file, func, user_data, error);
}
