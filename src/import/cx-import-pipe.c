/* cx-import-pipe.c: the records between the import helper and the window
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stream is a sequence of records:
 *
 *   u32 length   of the payload (not counting this header)
 *   u8  kind     HELLO, LAYER, FEATURE, PROGRESS, END or ERROR
 *   payload
 *
 * Numbers are little-endian; a string is a u32 byte count and that many
 * bytes of UTF-8 (no NUL); an optional string is a u8 0 (absent) or 1 and
 * a string. The first record is HELLO (magic "CXIP", version); the last is
 * END (the reader finished) or ERROR (u32 CxImportError code, message).
 *
 *   LAYER     name, driver, optional crs, i64 n_features
 *   FEATURE   u32 source_index, optional id, optional geojson type,
 *             u8 has_geometry, then when 1:
 *               u8 CxGeometryType,
 *               (areal only) u32 n_polygons, u32 n_rings of each,
 *               u32 n_parts, u32 n_coords of each,
 *               the coordinates as f64 longitude, f64 latitude;
 *             u32 n_properties, each: key, u8 CxImportValueType,
 *               and a string unless the type is NULL
 *   PROGRESS  f64 fraction, 0 to 1
 *
 * The reader trusts nothing: a record grows only as its bytes arrive (a
 * header claiming 64 MiB allocates nothing until they come), and every
 * count is checked against the bytes left in the record before anything
 * is allocated for it. Geometry must be what CxGeometry and the renderer
 * expect (parts that are not empty, lines of 2 positions or more, rings of
 * 4 or more, finite longitude and latitude in range), so that nothing
 * the helper sends can break an invariant the window relies on.
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cx-import-pipe.h"
#include "cx-import.h"

#define PIPE_MAGIC   0x50495843u  /* "CXIP" read as a little-endian u32 */
#define PIPE_VERSION 1u

/* A message in an ERROR record is cut to this many bytes. */
#define MAX_MESSAGE_BYTES 1024

enum
{
  RECORD_HELLO = 1,
  RECORD_LAYER,
  RECORD_FEATURE,
  RECORD_PROGRESS,
  RECORD_END,
  RECORD_ERROR,
};

#define HEADER_SIZE 5

/* The types a feature may name, as the static strings an imported feature keeps. */
static const char * const geojson_types[] = {
  "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
};

static const CxGeometryType geojson_geometry_types[] = {
  CX_GEOMETRY_POINT, CX_GEOMETRY_POINT, CX_GEOMETRY_LINE_STRING,
  CX_GEOMETRY_MULTI_LINE_STRING, CX_GEOMETRY_POLYGON, CX_GEOMETRY_MULTI_POLYGON,
};

static int
geojson_type_index (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (geojson_types); i++)
    if (g_str_equal (type, geojson_types[i]))
      return (int) i;
  return -1;
}

/* Whether @geometry is one the window can take for a feature of @type.
 * The writer asks it too, so that a reader bug is named in the helper
 * rather than as a stream the app cannot read. */
static gboolean
geometry_is_valid (const CxGeometry *geometry,
                   const char       *type)
{
  CxGeometryType gtype = cx_geometry_get_geometry_type (geometry);
  guint n_parts = cx_geometry_get_n_parts (geometry);
  guint n_coords;
  const CxCoord *coords = cx_geometry_get_coords (geometry);
  int index = type != NULL ? geojson_type_index (type) : -1;

  if (index < 0 || geojson_geometry_types[index] != gtype || n_parts == 0)
    return FALSE;

  n_coords = cx_geometry_get_n_coords (geometry);
  for (guint i = 0; i < n_coords; i++)
    if (!isfinite (coords[i].x) || !isfinite (coords[i].y) ||
        fabs (coords[i].x) > 180.0 || fabs (coords[i].y) > 90.0)
      return FALSE;

  for (guint p = 0; p < n_parts; p++)
    {
      guint n;

      cx_geometry_get_part (geometry, p, &n);
      if (gtype == CX_GEOMETRY_POINT && n != 1)
        return FALSE;
      if (cx_geometry_type_is_linear (gtype) && n < 2)
        return FALSE;
      if (cx_geometry_type_is_areal (gtype) && n < 4)
        return FALSE;
    }

  if ((gtype == CX_GEOMETRY_LINE_STRING || g_str_equal (type, "Point")) && n_parts != 1)
    return FALSE;

  if (cx_geometry_type_is_areal (gtype))
    {
      guint n_polygons = cx_geometry_get_n_polygons (geometry);
      guint next = 0;

      if (n_polygons == 0 || (gtype == CX_GEOMETRY_POLYGON && n_polygons != 1))
        return FALSE;
      for (guint p = 0; p < n_polygons; p++)
        {
          guint first, n;

          cx_geometry_get_polygon_parts (geometry, p, &first, &n);
          if (first != next || n == 0)
            return FALSE;
          next = first + n;
        }
      if (next != n_parts)
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

struct _CxImportPipeWriter
{
  GOutputStream *stream;
  GByteArray    *record;
  gboolean       hello_sent;
  gboolean       finished;
};

static void
put_u8 (GByteArray *out,
        guint8      value)
{
  g_byte_array_append (out, &value, 1);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_u64 (GByteArray *out,
         guint64     value)
{
  guint64 le = GUINT64_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, 8);
}

static void
put_f64 (GByteArray *out,
         double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  put_u64 (out, bits);
}

static void
put_string (GByteArray *out,
            const char *text)
{
  gsize len = strlen (text);

  put_u32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) text, (guint) len);
}

static void
put_opt_string (GByteArray *out,
                const char *text)
{
  put_u8 (out, text != NULL);
  if (text != NULL)
    put_string (out, text);
}

static void
begin_record (CxImportPipeWriter *writer,
              guint8              kind)
{
  g_byte_array_set_size (writer->record, 0);
  put_u32 (writer->record, 0);
  put_u8 (writer->record, kind);
}

static gboolean
write_bytes (CxImportPipeWriter  *writer,
             const guint8        *data,
             gsize                size,
             GError             **error)
{
  return g_output_stream_write_all (writer->stream, data, size, NULL, NULL, error);
}

static gboolean
send_record (CxImportPipeWriter  *writer,
             GError             **error)
{
  gsize payload = writer->record->len - HEADER_SIZE;
  guint32 le = GUINT32_TO_LE ((guint32) payload);

  if (payload > CX_IMPORT_PIPE_MAX_RECORD)
    {
      g_autofree char *size = g_format_size (payload);

      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ,
                   _("a feature of the file is too large to import (%s)"), size);
      return FALSE;
    }

  memcpy (writer->record->data, &le, 4);
  return write_bytes (writer, writer->record->data, writer->record->len, error);
}

static gboolean
send_hello (CxImportPipeWriter  *writer,
            GError             **error)
{
  if (writer->hello_sent)
    return TRUE;

  begin_record (writer, RECORD_HELLO);
  put_u32 (writer->record, PIPE_MAGIC);
  put_u32 (writer->record, PIPE_VERSION);
  if (!send_record (writer, error))
    return FALSE;
  writer->hello_sent = TRUE;
  return TRUE;
}

static gboolean
writer_layer (gpointer                 user_data,
              const CxImportLayerInfo *layer,
              GError                 **error)
{
  CxImportPipeWriter *writer = user_data;

  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (layer->name != NULL && layer->driver != NULL, FALSE);

  if (!send_hello (writer, error))
    return FALSE;

  begin_record (writer, RECORD_LAYER);
  put_string (writer->record, layer->name);
  put_string (writer->record, layer->driver);
  put_opt_string (writer->record, layer->crs);
  put_u64 (writer->record, (guint64) layer->n_features);
  return send_record (writer, error);
}

static gboolean
writer_feature (gpointer                   user_data,
                const CxImportFeatureInfo *feature,
                GError                   **error)
{
  CxImportPipeWriter *writer = user_data;
  GByteArray *out = writer->record;
  const CxGeometry *geometry = feature->geometry;

  g_return_val_if_fail (!writer->finished, FALSE);

  if (!send_hello (writer, error))
    return FALSE;

  if (geometry != NULL && !geometry_is_valid (geometry, feature->geojson_type))
    {
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ,
                   _("feature %u has a geometry that cannot be shown (empty parts, positions out of range, or a type that does not match)"),
                   feature->source_index + 1);
      return FALSE;
    }
  if (feature->n_properties > CX_IMPORT_PIPE_MAX_PROPERTIES)
    {
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ,
                   _("feature %u has %u fields; at most %d can be imported"),
                   feature->source_index + 1, feature->n_properties, CX_IMPORT_PIPE_MAX_PROPERTIES);
      return FALSE;
    }

  begin_record (writer, RECORD_FEATURE);
  put_u32 (out, feature->source_index);
  put_opt_string (out, feature->id);
  put_opt_string (out, feature->geojson_type);
  put_u8 (out, geometry != NULL);
  if (geometry != NULL)
    {
      CxGeometryType type = cx_geometry_get_geometry_type (geometry);
      guint n_parts = cx_geometry_get_n_parts (geometry);
      guint n_coords = cx_geometry_get_n_coords (geometry);
      const CxCoord *coords = cx_geometry_get_coords (geometry);

      put_u8 (out, (guint8) type);
      if (cx_geometry_type_is_areal (type))
        {
          guint n_polygons = cx_geometry_get_n_polygons (geometry);

          put_u32 (out, n_polygons);
          for (guint p = 0; p < n_polygons; p++)
            {
              guint first, n;

              cx_geometry_get_polygon_parts (geometry, p, &first, &n);
              put_u32 (out, n);
            }
        }
      put_u32 (out, n_parts);
      for (guint p = 0; p < n_parts; p++)
        {
          guint n;

          cx_geometry_get_part (geometry, p, &n);
          put_u32 (out, n);
        }
      for (guint i = 0; i < n_coords; i++)
        {
          put_f64 (out, coords[i].x);
          put_f64 (out, coords[i].y);
        }
    }

  put_u32 (out, feature->n_properties);
  for (guint i = 0; i < feature->n_properties; i++)
    {
      const CxImportProperty *property = &feature->properties[i];

      put_string (out, property->key);
      put_u8 (out, (guint8) property->type);
      if (property->type != CX_IMPORT_VALUE_NULL)
        put_string (out, property->text != NULL ? property->text : "");
    }

  return send_record (writer, error);
}

static gboolean
writer_progress (gpointer   user_data,
                 double     fraction,
                 GError   **error)
{
  CxImportPipeWriter *writer = user_data;

  g_return_val_if_fail (!writer->finished, FALSE);

  if (!send_hello (writer, error))
    return FALSE;

  begin_record (writer, RECORD_PROGRESS);
  put_f64 (writer->record, isfinite (fraction) ? CLAMP (fraction, 0.0, 1.0) : 0.0);
  return send_record (writer, error);
}

static const CxImportSink writer_sink = {
  writer_layer,
  writer_feature,
  writer_progress,
};

/**
 * cx_import_pipe_writer_new:
 * @stream: where the records go (the helper's stdout)
 *
 * Returns: (transfer full): a writer; its sink is
 *   cx_import_pipe_writer_sink(), with the writer as user data
 */
CxImportPipeWriter *
cx_import_pipe_writer_new (GOutputStream *stream)
{
  CxImportPipeWriter *writer = g_new0 (CxImportPipeWriter, 1);

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  writer->stream = g_object_ref (stream);
  writer->record = g_byte_array_new ();
  return writer;
}

void
cx_import_pipe_writer_free (CxImportPipeWriter *writer)
{
  if (writer == NULL)
    return;

  g_object_unref (writer->stream);
  g_byte_array_unref (writer->record);
  g_free (writer);
}

const CxImportSink *
cx_import_pipe_writer_sink (void)
{
  return &writer_sink;
}

gboolean
cx_import_pipe_writer_finish (CxImportPipeWriter  *writer,
                              const GError        *result,
                              GError             **error)
{
  g_return_val_if_fail (!writer->finished, FALSE);

  if (!send_hello (writer, error))
    return FALSE;

  writer->finished = TRUE;
  if (result == NULL)
    begin_record (writer, RECORD_END);
  else
    {
      guint32 code = result->domain == CX_IMPORT_ERROR ? (guint32) result->code : CX_IMPORT_ERROR_READ;
      const char *message = result->message != NULL ? result->message : "";
      g_autofree char *cut = NULL;

      /* Cut on a character boundary; the reader refuses longer ones. */
      if (strlen (message) > MAX_MESSAGE_BYTES)
        {
          const char *end = message + MAX_MESSAGE_BYTES;

          while (end > message && ((guchar) *end & 0xC0) == 0x80)
            end--;
          message = cut = g_strndup (message, end - message);
        }

      begin_record (writer, RECORD_ERROR);
      put_u32 (writer->record, code);
      put_string (writer->record, message);
    }

  return send_record (writer, error) &&
         g_output_stream_flush (writer->stream, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

typedef enum
{
  STATE_START,      /* before HELLO */
  STATE_RECORDS,
  STATE_DONE,       /* after END */
  STATE_FAILED,
} ReaderState;

struct _CxImportPipeReader
{
  const CxImportSink *sink;
  gpointer            sink_data;

  ReaderState         state;
  guint8              header[HEADER_SIZE];
  gsize               header_len;
  gsize               payload_size;
  GByteArray         *payload;        /* grows as bytes come */
};

/* A cursor over one record's payload. */
typedef struct
{
  const guint8 *p;
  gsize         left;
} Cursor;

static gboolean
get_bytes (Cursor        *c,
           gsize          n,
           const guint8 **out)
{
  if (c->left < n)
    return FALSE;
  *out = c->p;
  c->p += n;
  c->left -= n;
  return TRUE;
}

static gboolean
get_u8 (Cursor *c,
        guint8 *value)
{
  const guint8 *p;

  if (!get_bytes (c, 1, &p))
    return FALSE;
  *value = p[0];
  return TRUE;
}

static gboolean
get_u32 (Cursor  *c,
         guint32 *value)
{
  const guint8 *p;

  if (!get_bytes (c, 4, &p))
    return FALSE;
  *value = (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
  return TRUE;
}

static gboolean
get_u64 (Cursor  *c,
         guint64 *value)
{
  guint32 lo, hi;

  if (!get_u32 (c, &lo) || !get_u32 (c, &hi))
    return FALSE;
  *value = (guint64) lo | (guint64) hi << 32;
  return TRUE;
}

static gboolean
get_f64 (Cursor *c,
         double *value)
{
  guint64 bits;

  if (!get_u64 (c, &bits))
    return FALSE;
  memcpy (value, &bits, sizeof bits);
  return isfinite (*value);
}

/* A string, copied with a NUL; valid UTF-8 without NULs only. */
static gboolean
get_string (Cursor  *c,
            char   **out)
{
  const guint8 *p;
  guint32 len;

  if (!get_u32 (c, &len) || !get_bytes (c, len, &p))
    return FALSE;
  if (!g_utf8_validate_len ((const char *) p, len, NULL))
    return FALSE;
  *out = g_strndup ((const char *) p, len);
  return TRUE;
}

static gboolean
get_opt_string (Cursor  *c,
                char   **out)
{
  guint8 present;

  *out = NULL;
  if (!get_u8 (c, &present) || present > 1)
    return FALSE;
  return present == 0 || get_string (c, out);
}

static gboolean
malformed (GError **error)
{
  g_set_error_literal (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                       _("the import helper sent data the app cannot read"));
  return FALSE;
}

/* Reads a geometry; NULL when malformed. */
static CxGeometry *
get_geometry (Cursor     *c,
              const char *type)
{
  g_autoptr(CxGeometry) geometry = NULL;
  g_autofree guint32 *rings = NULL;
  g_autofree guint32 *parts = NULL;
  guint32 n_polygons = 0, n_parts, ring_sum = 0;
  guint64 n_coords = 0;
  guint8 gtype;

  if (!get_u8 (c, &gtype) || gtype > CX_GEOMETRY_MULTI_POLYGON)
    return NULL;

  if (cx_geometry_type_is_areal (gtype))
    {
      if (!get_u32 (c, &n_polygons) || n_polygons == 0 || n_polygons > c->left / 4)
        return NULL;
      rings = g_new (guint32, n_polygons);
      for (guint32 i = 0; i < n_polygons; i++)
        {
          if (!get_u32 (c, &rings[i]) || rings[i] == 0 || rings[i] > G_MAXUINT32 - ring_sum)
            return NULL;
          ring_sum += rings[i];
        }
    }

  if (!get_u32 (c, &n_parts) || n_parts == 0 || n_parts > c->left / 4)
    return NULL;
  if (cx_geometry_type_is_areal (gtype) && ring_sum != n_parts)
    return NULL;

  parts = g_new (guint32, n_parts);
  for (guint32 i = 0; i < n_parts; i++)
    {
      if (!get_u32 (c, &parts[i]) || parts[i] == 0)
        return NULL;
      n_coords += parts[i];
    }

  /* Every position is 16 bytes: checked before the geometry is sized. */
  if (n_coords > c->left / 16 || n_coords > G_MAXUINT)
    return NULL;

  geometry = cx_geometry_new_sized (gtype, (guint) n_coords, n_parts, n_polygons);
  {
    guint32 part = 0;

    for (guint32 p = 0; p < (cx_geometry_type_is_areal (gtype) ? n_polygons : 1); p++)
      {
        guint32 n_in = cx_geometry_type_is_areal (gtype) ? rings[p] : n_parts;

        for (guint32 r = 0; r < n_in; r++, part++)
          {
            for (guint32 i = 0; i < parts[part]; i++)
              {
                double x, y;

                if (!get_f64 (c, &x) || !get_f64 (c, &y))
                  return NULL;
                cx_geometry_add_coord (geometry, x, y);
              }
            cx_geometry_close_part (geometry);
          }
        if (cx_geometry_type_is_areal (gtype))
          cx_geometry_close_polygon (geometry);
      }
  }

  if (!geometry_is_valid (geometry, type))
    return NULL;

  return g_steal_pointer (&geometry);
}

static void
clear_properties (CxImportProperty *properties,
                  guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free ((char *) properties[i].key);
      g_free ((char *) properties[i].text);
    }
  g_free (properties);
}

static gboolean
read_feature (CxImportPipeReader  *reader,
              Cursor              *c,
              GError             **error)
{
  g_autofree char *id = NULL;
  g_autofree char *type = NULL;
  g_autoptr(CxGeometry) geometry = NULL;
  CxImportProperty *properties = NULL;
  CxImportFeatureInfo info = { 0, };
  guint32 n_properties = 0, i;
  guint8 has_geometry;
  int type_index = -1;
  gboolean ok;

  if (!get_u32 (c, &info.source_index) ||
      !get_opt_string (c, &id) ||
      !get_opt_string (c, &type) ||
      !get_u8 (c, &has_geometry) || has_geometry > 1)
    return malformed (error);

  if (type != NULL && (type_index = geojson_type_index (type)) < 0)
    return malformed (error);
  if (has_geometry && (type == NULL || (geometry = get_geometry (c, type)) == NULL))
    return malformed (error);

  /* A property is at least a key's length and a type. */
  if (!get_u32 (c, &n_properties) || n_properties > CX_IMPORT_PIPE_MAX_PROPERTIES ||
      n_properties > c->left / 5)
    return malformed (error);

  properties = g_new0 (CxImportProperty, MAX (n_properties, 1));
  for (i = 0; i < n_properties; i++)
    {
      CxImportProperty *property = &properties[i];
      guint8 value_type;

      if (!get_string (c, (char **) &property->key) ||
          !get_u8 (c, &value_type) || value_type > CX_IMPORT_VALUE_JSON)
        break;
      property->type = value_type;
      if (value_type != CX_IMPORT_VALUE_NULL &&
          !get_string (c, (char **) &property->text))
        break;
    }

  if (i < n_properties || c->left != 0)
    {
      clear_properties (properties, n_properties);
      return malformed (error);
    }

  info.id = id;
  info.geojson_type = type_index >= 0 ? geojson_types[type_index] : NULL;
  info.geometry = geometry;
  info.properties = properties;
  info.n_properties = n_properties;

  ok = reader->sink->feature (reader->sink_data, &info, error);
  clear_properties (properties, n_properties);
  return ok;
}

/* A message fit for a toast: control and format characters (line breaks,
 * terminal escapes, bidi overrides) become spaces. */
static char *
clean_message (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (ch);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, ch);
    }

  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

static gboolean
read_record (CxImportPipeReader  *reader,
             guint8               kind,
             Cursor              *c,
             GError             **error)
{
  if (reader->state == STATE_START)
    {
      guint32 magic, version;

      if (kind != RECORD_HELLO || !get_u32 (c, &magic) || !get_u32 (c, &version) ||
          magic != PIPE_MAGIC || version != PIPE_VERSION || c->left != 0)
        return malformed (error);
      reader->state = STATE_RECORDS;
      return TRUE;
    }

  if (reader->state != STATE_RECORDS)
    return malformed (error);

  switch (kind)
    {
    case RECORD_LAYER:
      {
        g_autofree char *name = NULL, *driver = NULL, *crs = NULL;
        CxImportLayerInfo info;
        guint64 n;

        if (!get_string (c, &name) || !get_string (c, &driver) || !get_opt_string (c, &crs) ||
            !get_u64 (c, &n) || c->left != 0 || (gint64) n < -1)
          return malformed (error);

        info.name = name;
        info.driver = driver;
        info.crs = crs;
        info.n_features = (gint64) n;
        return reader->sink->layer (reader->sink_data, &info, error);
      }

    case RECORD_FEATURE:
      return read_feature (reader, c, error);

    case RECORD_PROGRESS:
      {
        double fraction;

        if (!get_f64 (c, &fraction) || fraction < 0 || fraction > 1 || c->left != 0)
          return malformed (error);
        return reader->sink->progress (reader->sink_data, fraction, error);
      }

    case RECORD_END:
      if (c->left != 0)
        return malformed (error);
      reader->state = STATE_DONE;
      return TRUE;

    case RECORD_ERROR:
      {
        g_autofree char *message = NULL, *clean = NULL;
        guint32 code;

        if (!get_u32 (c, &code) || code > CX_IMPORT_ERROR_HELPER ||
            code == CX_IMPORT_ERROR_DATA_PACK || code == CX_IMPORT_ERROR_INVALID_NAME ||
            !get_string (c, &message) || strlen (message) > MAX_MESSAGE_BYTES || c->left != 0)
          return malformed (error);

        clean = clean_message (message);
        if (clean[0] == '\0')
          return malformed (error);
        g_set_error_literal (error, CX_IMPORT_ERROR, (int) code, clean);
        return FALSE;
      }

    default:
      return malformed (error);
    }
}

/**
 * cx_import_pipe_reader_new:
 * @sink: what complete records are handed to
 * @sink_data: its user data
 *
 * Returns: (transfer full): a reader, before the first record
 */
CxImportPipeReader *
cx_import_pipe_reader_new (const CxImportSink *sink,
                           gpointer            sink_data)
{
  CxImportPipeReader *reader = g_new0 (CxImportPipeReader, 1);

  reader->sink = sink;
  reader->sink_data = sink_data;
  reader->payload = g_byte_array_new ();
  return reader;
}

void
cx_import_pipe_reader_free (CxImportPipeReader *reader)
{
  if (reader == NULL)
    return;

  g_byte_array_unref (reader->payload);
  g_free (reader);
}

gboolean
cx_import_pipe_reader_push (CxImportPipeReader  *reader,
                            const guint8        *data,
                            gsize                size,
                            GError             **error)
{
  if (reader->state == STATE_FAILED)
    return malformed (error);

  while (size > 0)
    {
      gsize take;

      if (reader->header_len < HEADER_SIZE)
        {
          take = MIN (size, HEADER_SIZE - reader->header_len);
          memcpy (reader->header + reader->header_len, data, take);
          reader->header_len += take;
          data += take;
          size -= take;

          if (reader->header_len < HEADER_SIZE)
            break;

          reader->payload_size = (gsize) reader->header[0] | (gsize) reader->header[1] << 8 |
                                 (gsize) reader->header[2] << 16 | (gsize) reader->header[3] << 24;
          if (reader->payload_size > CX_IMPORT_PIPE_MAX_RECORD || reader->state == STATE_DONE)
            {
              reader->state = STATE_FAILED;
              return malformed (error);
            }
          g_byte_array_set_size (reader->payload, 0);
        }

      take = MIN (size, reader->payload_size - reader->payload->len);
      g_byte_array_append (reader->payload, data, (guint) take);
      data += take;
      size -= take;

      if (reader->payload->len == reader->payload_size)
        {
          Cursor c = { reader->payload->data, reader->payload->len };

          reader->header_len = 0;
          if (!read_record (reader, reader->header[4], &c, error))
            {
              reader->state = STATE_FAILED;
              return FALSE;
            }

          /* A large record's buffer is not kept for the small ones after it. */
          if (reader->payload->len > 1024 * 1024)
            {
              g_byte_array_unref (reader->payload);
              reader->payload = g_byte_array_new ();
            }
        }
    }

  return TRUE;
}

gboolean
cx_import_pipe_reader_finish (CxImportPipeReader  *reader,
                              GError             **error)
{
  if (reader->state != STATE_DONE || reader->header_len != 0)
    return malformed (error);
  return TRUE;
}
