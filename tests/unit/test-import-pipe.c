/* test-import-pipe.c: the records between the import helper and the window
 *
 * What the writer sends, the reader hands on unchanged, however the bytes
 * are cut up; anything else (a stream cut short at any byte, or any of the
 * malformations the reader checks) is CX_IMPORT_ERROR_HELPER, never a
 * crash and never a call with bad data.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cx-import.h"
#include "cx-import-pipe.h"

/* A sink that writes each call as a line of text. */

static void
describe_geometry (GString          *out,
                   const CxGeometry *geometry)
{
  CxGeometryType type = cx_geometry_get_geometry_type (geometry);

  g_string_append_printf (out, " %s", cx_geometry_type_to_string (type));
  if (cx_geometry_type_is_areal (type))
    for (guint p = 0; p < cx_geometry_get_n_polygons (geometry); p++)
      {
        guint first, n;

        cx_geometry_get_polygon_parts (geometry, p, &first, &n);
        g_string_append_printf (out, " poly[%u+%u]", first, n);
      }
  for (guint p = 0; p < cx_geometry_get_n_parts (geometry); p++)
    {
      guint n;
      const CxCoord *coords = cx_geometry_get_part (geometry, p, &n);

      g_string_append (out, " (");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s%.17g %.17g", i > 0 ? "," : "", coords[i].x, coords[i].y);
      g_string_append (out, ")");
    }
}

static gboolean
describe_layer (gpointer                 user_data,
                const CxImportLayerInfo *layer,
                GError                 **error)
{
  g_string_append_printf (user_data, "layer %s|%s|%s|%" G_GINT64_FORMAT "\n",
                          layer->name, layer->driver, layer->crs ? layer->crs : "(none)",
                          layer->n_features);
  return TRUE;
}

static gboolean
describe_feature (gpointer                   user_data,
                  const CxImportFeatureInfo *feature,
                  GError                   **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "feature %u id=%s type=%s", feature->source_index,
                          feature->id ? feature->id : "(none)",
                          feature->geojson_type ? feature->geojson_type : "(none)");
  if (feature->geometry != NULL)
    describe_geometry (out, feature->geometry);
  for (guint i = 0; i < feature->n_properties; i++)
    g_string_append_printf (out, " [%s:%d:%s]", feature->properties[i].key,
                            feature->properties[i].type,
                            feature->properties[i].text ? feature->properties[i].text : "NULL");
  g_string_append_c (out, '\n');
  return TRUE;
}

static gboolean
describe_progress (gpointer   user_data,
                   double     fraction,
                   GError   **error)
{
  g_string_append_printf (user_data, "progress %.17g\n", fraction);
  return TRUE;
}

static const CxImportSink describe_sink = { describe_layer, describe_feature, describe_progress };

/* The input: one layer with every geometry kind and property type. */

static CxGeometry *
make_geometry (CxGeometryType type,
               guint          n_polygons,
               guint          n_rings,
               guint          n_parts,
               guint          n_coords)
{
  CxGeometry *geometry = cx_geometry_new (type);
  double x = 121.4, y = 31.2;

  if (cx_geometry_type_is_areal (type))
    for (guint p = 0; p < n_polygons; p++)
      {
        for (guint r = 0; r < n_rings; r++)
          {
            double s = 0.01 / (r + 1);

            cx_geometry_add_coord (geometry, x, y);
            cx_geometry_add_coord (geometry, x + s, y);
            cx_geometry_add_coord (geometry, x + s, y + s);
            cx_geometry_add_coord (geometry, x, y);
            cx_geometry_close_part (geometry);
          }
        cx_geometry_close_polygon (geometry);
        x += 0.1;
      }
  else
    for (guint p = 0; p < n_parts; p++)
      {
        for (guint i = 0; i < n_coords; i++)
          cx_geometry_add_coord (geometry, x + 0.001 * i + 1e-9 * p, y - 0.000123456789 * i);
        cx_geometry_close_part (geometry);
      }

  return geometry;
}

static const CxImportProperty all_properties[] = {
  { "名称", "长宁区 “中山公园”", CX_IMPORT_VALUE_STRING },
  { "area", "1234.5", CX_IMPORT_VALUE_NUMBER },
  { "open", "true", CX_IMPORT_VALUE_BOOLEAN },
  { "nothing", NULL, CX_IMPORT_VALUE_NULL },
  { "list", "[1,\"a\"]", CX_IMPORT_VALUE_JSON },
  { "empty", "", CX_IMPORT_VALUE_STRING },
};

/* Makes every call of the input on @sink; then the writer's finish. */
static void
play (const CxImportSink *sink,
      gpointer            data)
{
  CxImportLayerInfo layer1 = { "parcels", "GPKG", "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)", 6 };
  CxImportLayerInfo layer2 = { "轨迹", "GPX", NULL, -1 };
  struct { const char *type; CxGeometryType gtype; guint polys, rings, parts, coords; } shapes[] = {
    { "Point", CX_GEOMETRY_POINT, 0, 0, 1, 1 },
    { "MultiPoint", CX_GEOMETRY_POINT, 0, 0, 3, 1 },
    { "LineString", CX_GEOMETRY_LINE_STRING, 0, 0, 1, 5 },
    { "MultiLineString", CX_GEOMETRY_MULTI_LINE_STRING, 0, 0, 3, 2 },
    { "Polygon", CX_GEOMETRY_POLYGON, 1, 2, 0, 0 },
    { "MultiPolygon", CX_GEOMETRY_MULTI_POLYGON, 3, 2, 0, 0 },
  };

  g_assert_true (sink->progress (data, 0.0, NULL));
  g_assert_true (sink->layer (data, &layer1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(CxGeometry) geometry = make_geometry (shapes[i].gtype, shapes[i].polys, shapes[i].rings,
                                                      shapes[i].parts, shapes[i].coords);
      g_autofree char *id = g_strdup_printf ("f%u", i);
      CxImportFeatureInfo feature = {
        i, i % 2 ? id : NULL, shapes[i].type, geometry, all_properties, G_N_ELEMENTS (all_properties) - i % 3,
      };

      g_assert_true (sink->feature (data, &feature, NULL));
      g_assert_true (sink->progress (data, (i + 1) / 10.0, NULL));
    }

  g_assert_true (sink->layer (data, &layer2, NULL));
  {
    /* No location, no properties. */
    CxImportFeatureInfo feature = { 7, NULL, NULL, NULL, NULL, 0 };

    g_assert_true (sink->feature (data, &feature, NULL));
  }
  g_assert_true (sink->progress (data, 1.0, NULL));
}

static GBytes *
encode (const GError *result)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(CxImportPipeWriter) writer = cx_import_pipe_writer_new (stream);
  g_autoptr(GError) error = NULL;

  play (cx_import_pipe_writer_sink (), writer);
  g_assert_true (cx_import_pipe_writer_finish (writer, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

/* Feeds @size bytes of @data in pieces of @piece; FALSE with @error at the first failure. */
static gboolean
decode (const guint8  *data,
        gsize          size,
        gsize          piece,
        GString       *out,
        GError       **error)
{
  g_autoptr(CxImportPipeReader) reader = cx_import_pipe_reader_new (&describe_sink, out);

  for (gsize at = 0; at < size; at += piece)
    if (!cx_import_pipe_reader_push (reader, data + at, MIN (piece, size - at), error))
      return FALSE;
  return cx_import_pipe_reader_finish (reader, error);
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) bytes = encode (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  gsize pieces[] = { G_MAXSIZE, 1, 2, 3, 7, 64 };

  play (&describe_sink, expected);
  /* Every kind is in it. */
  for (guint i = 0; i < 6; i++)
    g_assert_nonnull (strstr (expected->str, (const char *[]) { "type=Point ", "type=MultiPoint ", "type=LineString ",
                                                                 "type=MultiLineString ", "type=Polygon ", "type=MultiPolygon " }[i]));

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autoptr(GString) got = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);

      g_assert_true (decode (data, size, pieces[i], got, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (got->str, ==, expected->str);
    }
}

/* An error record carries its code and message across. */
static void
test_error_record (void)
{
  g_autoptr(GError) sent = g_error_new_literal (CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS,
                                                "the file names no coordinate system\n\x1b[31mred");
  g_autoptr(GBytes) bytes = encode (sent);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  g_assert_false (decode (data, size, 5, got, &error));
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS);
  /* The line break and the escape become spaces. */
  g_assert_cmpstr (error->message, ==, "the file names no coordinate system  [31mred");
  /* What came before it was handed on. */
  g_assert_nonnull (strstr (got->str, "layer 轨迹|GPX|(none)|-1"));
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) bytes = encode (NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize cut = 0; cut < size; cut++)
    {
      g_autoptr(GString) got = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (decode (data, cut, cut % 2 ? 1 : G_MAXSIZE, got, &error));
      g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER);
      g_assert_cmpstr (error->message, ==, "the import helper sent data the app cannot read");
    }
}

/* Hand-made records. */

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 b[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
put_u8 (GByteArray *out,
        guint8      value)
{
  g_byte_array_append (out, &value, 1);
}

static void
put_f64 (GByteArray *out,
         double      value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  put_u32 (out, (guint32) bits);
  put_u32 (out, (guint32) (bits >> 32));
}

static void
put_string (GByteArray *out,
            const char *text,
            gssize      len)
{
  if (len < 0)
    len = (gssize) strlen (text);
  put_u32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) text, (guint) len);
}

static void
put_record (GByteArray *out,
            guint8      kind,
            GByteArray *payload)
{
  put_u32 (out, payload->len);
  put_u8 (out, kind);
  g_byte_array_append (out, payload->data, payload->len);
}

static void
put_hello (GByteArray *out)
{
  g_autoptr(GByteArray) p = g_byte_array_new ();

  put_u32 (p, 0x50495843u);
  put_u32 (p, 1);
  put_record (out, 1, p);
}

static void
put_end (GByteArray *out)
{
  g_autoptr(GByteArray) p = g_byte_array_new ();

  put_record (out, 5, p);
}

typedef enum
{
  BAD_NONE,
  BAD_MAGIC,
  BAD_VERSION,
  BAD_NO_HELLO,
  BAD_KIND,
  BAD_AFTER_END,
  BAD_RECORD_TOO_LONG,
  BAD_UTF8,
  BAD_NUL_IN_STRING,
  BAD_STRING_TOO_LONG,
  BAD_NAN,
  BAD_INFINITY,
  BAD_LATITUDE,
  BAD_COUNT_VS_PARTS,
  BAD_HUGE_PART,
  BAD_ZERO_PARTS,
  BAD_RINGS_VS_PARTS,
  BAD_SHORT_RING,
  BAD_GEOMETRY_TYPE,
  BAD_TYPE_MISMATCH,
  BAD_GEOJSON_TYPE,
  BAD_TOO_MANY_PROPERTIES,
  BAD_VALUE_TYPE,
  BAD_TRAILING_BYTES,
  BAD_PROGRESS,
  BAD_ERROR_CODE,
  BAD_OPTIONAL_FLAG,
  N_BAD
} Bad;

/* A stream of one layer and one polygon feature, broken in one way. */
static GByteArray *
make_stream (Bad bad)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) p = g_byte_array_new ();
  double ring[][2] = { { 121.4, 31.2 }, { 121.5, 31.2 }, { 121.5, 31.3 }, { 121.4, 31.2 } };
  guint n_ring = G_N_ELEMENTS (ring);

  if (bad != BAD_NO_HELLO)
    {
      g_autoptr(GByteArray) h = g_byte_array_new ();

      put_u32 (h, bad == BAD_MAGIC ? 0x50495844u : 0x50495843u);
      put_u32 (h, bad == BAD_VERSION ? 2 : 1);
      put_record (out, 1, h);
    }

  put_string (p, bad == BAD_UTF8 ? "la\xffyer" : "layer", -1);
  if (bad == BAD_NUL_IN_STRING)
    put_string (p, "GP\0KG", 5);
  else
    put_string (p, "GPKG", -1);
  put_u8 (p, bad == BAD_OPTIONAL_FLAG ? 2 : 0);
  put_u32 (p, 1);
  put_u32 (p, 0);
  put_record (out, bad == BAD_KIND ? 9 : 2, p);

  g_byte_array_set_size (p, 0);
  put_u32 (p, 0);
  put_u8 (p, 0);
  put_u8 (p, 1);
  put_string (p, bad == BAD_GEOJSON_TYPE ? "Circle" : bad == BAD_TYPE_MISMATCH ? "LineString" : "Polygon", -1);
  put_u8 (p, 1);
  put_u8 (p, bad == BAD_GEOMETRY_TYPE ? 7 : CX_GEOMETRY_POLYGON);
  put_u32 (p, 1);                                       /* polygons */
  put_u32 (p, bad == BAD_RINGS_VS_PARTS ? 2 : 1);       /* its rings */
  put_u32 (p, bad == BAD_ZERO_PARTS ? 0 : 1);           /* parts */
  if (bad == BAD_HUGE_PART)
    put_u32 (p, 0x7fffffff);
  else if (bad == BAD_SHORT_RING)
    put_u32 (p, 3);
  else
    put_u32 (p, bad == BAD_COUNT_VS_PARTS ? n_ring + 1 : n_ring);
  for (guint i = 0; i < (bad == BAD_SHORT_RING ? 3 : n_ring); i++)
    {
      double x = ring[i][0], y = ring[i][1];

      if (i == 1 && bad == BAD_NAN)
        x = NAN;
      if (i == 1 && bad == BAD_INFINITY)
        y = -INFINITY;
      if (i == 1 && bad == BAD_LATITUDE)
        y = 91;
      put_f64 (p, x);
      put_f64 (p, y);
    }
  if (bad == BAD_TOO_MANY_PROPERTIES)
    {
      put_u32 (p, CX_IMPORT_PIPE_MAX_PROPERTIES + 1);
      for (guint i = 0; i <= CX_IMPORT_PIPE_MAX_PROPERTIES; i++)
        {
          put_string (p, "k", -1);
          put_u8 (p, CX_IMPORT_VALUE_NULL);
        }
    }
  else
    {
      put_u32 (p, 2);
      put_string (p, "name", -1);
      put_u8 (p, bad == BAD_VALUE_TYPE ? 5 : CX_IMPORT_VALUE_STRING);
      if (bad == BAD_STRING_TOO_LONG)
        {
          put_u32 (p, 1000);
          g_byte_array_append (p, (const guint8 *) "park", 4);
        }
      else
        put_string (p, "park", -1);
      put_string (p, "n", -1);
      put_u8 (p, CX_IMPORT_VALUE_NULL);
    }
  if (bad == BAD_TRAILING_BYTES)
    put_u8 (p, 0);
  put_record (out, 3, p);

  g_byte_array_set_size (p, 0);
  put_f64 (p, bad == BAD_PROGRESS ? 1.5 : 0.5);
  put_record (out, 4, p);

  if (bad == BAD_ERROR_CODE)
    {
      g_byte_array_set_size (p, 0);
      put_u32 (p, 99);
      put_string (p, "no", -1);
      put_record (out, 6, p);
    }
  else
    put_end (out);

  if (bad == BAD_AFTER_END)
    {
      g_byte_array_set_size (p, 0);
      put_f64 (p, 0.5);
      put_record (out, 4, p);
    }
  if (bad == BAD_RECORD_TOO_LONG)
    {
      /* Put before END: a header that claims more than the limit. */
      g_autoptr(GByteArray) fresh = g_byte_array_new ();

      put_hello (fresh);
      put_u32 (fresh, (guint32) CX_IMPORT_PIPE_MAX_RECORD + 1);
      put_u8 (fresh, 4);
      g_byte_array_unref (out);
      return g_steal_pointer (&fresh);
    }

  return out;
}

static void
test_malformed (void)
{
  for (Bad bad = BAD_NONE; bad < N_BAD; bad++)
    {
      g_autoptr(GByteArray) stream = make_stream (bad);
      g_autoptr(GString) got = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("malformation %d", bad);
      ok = decode (stream->data, stream->len, bad % 2 ? 1 : G_MAXSIZE, got, &error);
      if (bad == BAD_NONE)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_nonnull (strstr (got->str, "[name:1:park] [n:0:NULL]"));
          continue;
        }

      g_assert_false (ok);
      g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER);
      /* A broken feature never reaches the sink. */
      if (bad != BAD_AFTER_END && bad != BAD_PROGRESS && bad != BAD_ERROR_CODE)
        g_assert_null (strstr (got->str, "feature"));
    }
}

/* The writer refuses what the reader would, naming the feature. */
static void
test_writer_refuses (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(CxImportPipeWriter) writer = cx_import_pipe_writer_new (stream);
  g_autoptr(CxGeometry) line = cx_geometry_new (CX_GEOMETRY_LINE_STRING);
  g_autoptr(GError) error = NULL;
  CxImportFeatureInfo feature = { 41, NULL, "LineString", line, NULL, 0 };

  cx_geometry_add_coord (line, 121.4, 31.2);
  cx_geometry_close_part (line);
  g_assert_false (cx_import_pipe_writer_sink ()->feature (writer, &feature, &error));
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "42"));
}

/* A header claiming the largest record allocates nothing until the bytes come. */
static void
test_no_allocation_ahead (void)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(CxImportPipeReader) reader = cx_import_pipe_reader_new (&describe_sink, got);
  g_autoptr(GError) error = NULL;

  put_hello (stream);
  put_u32 (stream, (guint32) CX_IMPORT_PIPE_MAX_RECORD);
  put_u8 (stream, 3);
  g_assert_true (cx_import_pipe_reader_push (reader, stream->data, stream->len, &error));
  g_assert_false (cx_import_pipe_reader_finish (reader, &error));
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER);
}

/* test-import-pipe --write-seeds DIR: the fuzzer's seeds
 * (tests/fuzz/corpus/import-pipe/), made by the writer: the first byte is
 * the size of the pieces less one, as fuzz-import-pipe.c reads it. */
static int
write_seeds (const char *dir)
{
  g_autoptr(GError) sent = g_error_new_literal (CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS, "no coordinate system");
  GBytes *streams[] = { encode (NULL), encode (sent) };
  const char *names[] = { "every-kind", "error-record" };

  for (guint i = 0; i < G_N_ELEMENTS (streams); i++)
    {
      g_autoptr(GByteArray) seed = g_byte_array_new ();
      g_autofree char *path = g_strdup_printf ("%s/%s.bin", dir, names[i]);
      g_autoptr(GError) error = NULL;
      guint8 piece = i == 0 ? 255 : 6;
      gsize size;
      const guint8 *data = g_bytes_get_data (streams[i], &size);

      g_byte_array_append (seed, &piece, 1);
      g_byte_array_append (seed, data, (guint) size);
      if (!g_file_set_contents (path, (const char *) seed->data, seed->len, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_bytes_unref (streams[i]);
    }

  for (Bad bad = BAD_NONE; bad < N_BAD; bad += 3)
    {
      g_autoptr(GByteArray) stream = make_stream (bad);
      g_autofree char *path = g_strdup_printf ("%s/hand-made-%02d.bin", dir, bad);
      guint8 piece = 255;

      g_byte_array_prepend (stream, &piece, 1);
      if (!g_file_set_contents (path, (const char *) stream->data, stream->len, NULL))
        return 1;
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--write-seeds"))
    return write_seeds (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-pipe/round-trip", test_round_trip);
  g_test_add_func ("/import-pipe/error-record", test_error_record);
  g_test_add_func ("/import-pipe/truncated", test_truncated);
  g_test_add_func ("/import-pipe/malformed", test_malformed);
  g_test_add_func ("/import-pipe/writer-refuses", test_writer_refuses);
  g_test_add_func ("/import-pipe/no-allocation-ahead", test_no_allocation_ahead);

  return g_test_run ();
}
