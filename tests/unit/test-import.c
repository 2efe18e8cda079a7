/* test-import.c: GeoJSON layers: what is read, what is refused, what is kept
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cx-gcj02.h"
#include "cx-import.h"
#include "cx-json-scanner.h"
#include "cx-test-files.h"
#include "cx-test-wait.h"
#include "../fuzz/import-compare.h"

/* No single wait in a test may take longer. */
#define WAIT_LIMIT_MS 20000

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static CxImportedLayer *
import_text (const char  *text,
             gboolean     gcj02,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autofree char *difference = import_compare_both_ways (bytes, gcj02);

  /* Every document here is a case for the importer's fast path too
   * (cx-import-fast.c): with it or without it, the same outcome. */
  if (difference != NULL)
    g_error ("the fast path changed the outcome: %s", difference);

  return cx_import_bytes (bytes, "test.geojson", "test.geojson", gcj02, NULL, error);
}

static CxImportedLayer *
import_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CxImportedLayer *layer = import_text (text, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layer);
  return layer;
}

static CxImportedFeature *
feature_at (CxImportedLayer *layer,
            guint            i)
{
  GListModel *features = cx_imported_layer_get_features (layer);
  CxImportedFeature *feature = g_list_model_get_item (features, i);

  g_assert_nonnull (feature);
  /* Features are made when asked for: the test holds this one (and so
   * its layer) until the case ends. */
  g_test_queue_unref (feature);
  return feature;
}

static guint
n_features (CxImportedLayer *layer)
{
  return g_list_model_get_n_items (cx_imported_layer_get_features (layer));
}

static char *
make_temp_dir (void)
{
  return cx_test_make_tmp_dir ("cx-import-XXXXXX");
}

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
under_valgrind (void)
{
  return g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL;
}

/* ------------------------------------------------------------------ */
/* Valid documents                                                     */
/* ------------------------------------------------------------------ */

static const char every_geometry[] =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  /* 0 */ " {\"type\": \"Feature\", \"id\": \"p\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.40, 31.20]}},"
  /* 1 */ " {\"type\": \"Feature\", \"id\": \"mp\", \"properties\": {}, \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [[121.41, 31.21], [121.42, 31.22], [121.43, 31.23]]}},"
  /* 2 */ " {\"type\": \"Feature\", \"id\": \"l\", \"properties\": {}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.40, 31.20], [121.45, 31.20], [121.45, 31.25]]}},"
  /* 3 */ " {\"type\": \"Feature\", \"id\": \"ml\", \"properties\": {}, \"geometry\": {\"type\": \"MultiLineString\", \"coordinates\": [[[121.40, 31.20], [121.41, 31.20]], [[121.42, 31.21], [121.43, 31.21], [121.44, 31.22]]]}},"
  /* 4: a 0.1° square with a 0.02° hole in the middle */
  " {\"type\": \"Feature\", \"id\": \"poly\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": ["
  "   [[121.30, 31.10], [121.40, 31.10], [121.40, 31.20], [121.30, 31.20], [121.30, 31.10]],"
  "   [[121.34, 31.14], [121.34, 31.16], [121.36, 31.16], [121.36, 31.14], [121.34, 31.14]]]}},"
  /* 5: two squares, the second with a hole */
  " {\"type\": \"Feature\", \"id\": \"mpoly\", \"properties\": {}, \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": ["
  "   [[[121.50, 31.10], [121.51, 31.10], [121.51, 31.11], [121.50, 31.11], [121.50, 31.10]]],"
  "   [[[121.60, 31.10], [121.70, 31.10], [121.70, 31.20], [121.60, 31.20], [121.60, 31.10]],"
  "    [[121.64, 31.14], [121.66, 31.14], [121.66, 31.16], [121.64, 31.16], [121.64, 31.14]]]]}},"
  /* 6, 7: a collection, flattened; a nested one inside it, 8 */
  " {\"type\": \"Feature\", \"id\": \"gc\", \"properties\": {\"name\": \"both\"}, \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
  "   {\"type\": \"Point\", \"coordinates\": [121.47, 31.27]},"
  "   {\"type\": \"LineString\", \"coordinates\": [[121.47, 31.27], [121.48, 31.28]]},"
  "   {\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\", \"coordinates\": [121.49, 31.29]}]}]}}"
  "]}";

static void
test_every_geometry (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (every_geometry);
  static const char * const types[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
    "Point", "LineString", "Point",
  };
  CxImportedFeature *f;
  CxGeometry *g;
  CxBounds bounds;
  guint first, n_parts, n;

  g_assert_cmpuint (n_features (layer), ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      f = feature_at (layer, i);
      g_assert_cmpstr (cx_imported_feature_get_geojson_type (f), ==, types[i]);
      g_assert_cmpuint (cx_imported_feature_get_index (f), ==, i);
      g_assert_true (cx_imported_feature_get_layer (f) == layer);
    }

  /* Point */
  g = cx_imported_feature_get_geometry (feature_at (layer, 0));
  g_assert_cmpint (cx_geometry_get_geometry_type (g), ==, CX_GEOMETRY_POINT);
  g_assert_cmpuint (cx_geometry_get_n_coords (g), ==, 1);
  g_assert_cmpfloat (cx_geometry_get_coords (g)[0].x, ==, 121.40);
  g_assert_cmpfloat (cx_geometry_get_coords (g)[0].y, ==, 31.20);

  /* MultiPoint: a point geometry of three one-position parts */
  g = cx_imported_feature_get_geometry (feature_at (layer, 1));
  g_assert_cmpint (cx_geometry_get_geometry_type (g), ==, CX_GEOMETRY_POINT);
  g_assert_cmpuint (cx_geometry_get_n_parts (g), ==, 3);
  g_assert_cmpfloat (cx_geometry_get_part (g, 2, &n)[0].x, ==, 121.43);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (cx_geometry_distance_to_lines (g, 121.43, 31.23), ==, 0);

  /* LineString, MultiLineString */
  g = cx_imported_feature_get_geometry (feature_at (layer, 2));
  g_assert_cmpint (cx_geometry_get_geometry_type (g), ==, CX_GEOMETRY_LINE_STRING);
  g_assert_cmpuint (cx_geometry_get_n_coords (g), ==, 3);
  g = cx_imported_feature_get_geometry (feature_at (layer, 3));
  g_assert_cmpint (cx_geometry_get_geometry_type (g), ==, CX_GEOMETRY_MULTI_LINE_STRING);
  g_assert_cmpuint (cx_geometry_get_n_parts (g), ==, 2);
  cx_geometry_get_part (g, 1, &n);
  g_assert_cmpuint (n, ==, 3);

  /* Polygon with a hole: inside the ring, but not inside the hole */
  g = cx_imported_feature_get_geometry (feature_at (layer, 4));
  g_assert_cmpint (cx_geometry_get_geometry_type (g), ==, CX_GEOMETRY_POLYGON);
  g_assert_cmpuint (cx_geometry_get_n_polygons (g), ==, 1);
  cx_geometry_get_polygon_parts (g, 0, &first, &n_parts);
  g_assert_cmpuint (n_parts, ==, 2);
  g_assert_true (cx_geometry_contains (g, 121.32, 31.12));
  g_assert_false (cx_geometry_contains (g, 121.35, 31.15));
  g_assert_false (cx_geometry_contains (g, 121.45, 31.15));

  /* MultiPolygon: both polygons, the hole of the second kept */
  g = cx_imported_feature_get_geometry (feature_at (layer, 5));
  g_assert_cmpint (cx_geometry_get_geometry_type (g), ==, CX_GEOMETRY_MULTI_POLYGON);
  g_assert_cmpuint (cx_geometry_get_n_polygons (g), ==, 2);
  cx_geometry_get_polygon_parts (g, 1, &first, &n_parts);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (n_parts, ==, 2);
  g_assert_true (cx_geometry_contains (g, 121.505, 31.105));
  g_assert_true (cx_geometry_contains (g, 121.62, 31.12));
  g_assert_false (cx_geometry_contains (g, 121.65, 31.15));

  /* The collection's members share its id, index and properties. */
  for (guint i = 6; i < 9; i++)
    {
      f = feature_at (layer, i);
      g_assert_cmpstr (cx_imported_feature_get_id (f), ==, "gc");
      g_assert_cmpuint (cx_imported_feature_get_source_index (f), ==, 6);
      g_assert_cmpstr (cx_imported_feature_lookup_property (f, "name"), ==, "both");
      g_assert_cmpstr (cx_imported_feature_get_display_name (f), ==, "both");
    }

  bounds = cx_imported_layer_get_bounds (layer);
  g_assert_cmpfloat (bounds.min_x, ==, 121.30);
  g_assert_cmpfloat (bounds.max_x, ==, 121.70);
  g_assert_cmpfloat (bounds.min_y, ==, 31.10);
  g_assert_cmpfloat (bounds.max_y, ==, 31.29);
  bounds = cx_imported_feature_get_bounds (feature_at (layer, 4));
  g_assert_cmpfloat (bounds.min_x, ==, 121.30);
  g_assert_cmpfloat (bounds.max_y, ==, 31.20);
  g_assert_cmpuint (cx_imported_layer_get_n_unlocated (layer), ==, 0);
}

/* "type" after "features": read whole rather than feature by feature, with
 * the same result. */
static void
test_type_last (void)
{
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(GString) text = g_string_new (every_geometry);

  /* Move {"type": "FeatureCollection", …} to the end. */
  g_string_erase (text, 0, strlen ("{\"type\": \"FeatureCollection\", "));
  g_string_prepend_c (text, '{');
  g_string_truncate (text, text->len - 1);
  g_string_append (text, ", \"type\": \"FeatureCollection\"}");

  layer = import_ok (text->str);
  g_assert_cmpuint (n_features (layer), ==, 9);
  g_assert_cmpstr (cx_imported_feature_get_geojson_type (feature_at (layer, 5)), ==, "MultiPolygon");
}

static void
test_bare_documents (void)
{
  g_autoptr(CxImportedLayer) polygon = NULL;
  g_autoptr(CxImportedLayer) collection = NULL;
  g_autoptr(CxImportedLayer) feature = NULL;
  g_autoptr(CxImportedLayer) multi_point = NULL;
  g_autoptr(CxImportedLayer) empty = NULL;

  polygon = import_ok ("{\"type\": \"Polygon\", \"coordinates\": [[[121.3, 31.1], [121.4, 31.1], [121.4, 31.2], [121.3, 31.1]]]}");
  g_assert_cmpuint (n_features (polygon), ==, 1);
  g_assert_cmpuint (cx_imported_feature_get_n_properties (feature_at (polygon, 0)), ==, 0);
  g_assert_null (cx_imported_feature_get_id (feature_at (polygon, 0)));
  g_assert_null (cx_imported_feature_get_display_name (feature_at (polygon, 0)));

  collection = import_ok ("{\"type\": \"GeometryCollection\", \"geometries\": ["
                          "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]},"
                          "{\"type\": \"MultiLineString\", \"coordinates\": [[[121.4, 31.2], [121.5, 31.2]]]}]}");
  g_assert_cmpuint (n_features (collection), ==, 2);
  g_assert_cmpstr (cx_imported_feature_get_geojson_type (feature_at (collection, 1)), ==, "MultiLineString");

  feature = import_ok ("{\"type\": \"Feature\", \"id\": 42, \"properties\": {\"title\": \"T\"},"
                       " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}}");
  g_assert_cmpuint (n_features (feature), ==, 1);
  g_assert_cmpstr (cx_imported_feature_get_id (feature_at (feature, 0)), ==, "42");
  g_assert_cmpstr (cx_imported_feature_get_title (feature_at (feature, 0)), ==, "T");

  multi_point = import_ok ("{\"type\": \"MultiPoint\", \"coordinates\": [[121.4, 31.2]]}");
  g_assert_cmpuint (n_features (multi_point), ==, 1);

  /* Valid, if not much use: nothing to draw. */
  empty = import_ok ("{\"type\": \"FeatureCollection\", \"features\": []}");
  g_assert_cmpuint (n_features (empty), ==, 0);
  g_assert_true (cx_bounds_is_empty ((CxBounds[]) { cx_imported_layer_get_bounds (empty) }));
}

static void
test_3d_positions (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2, 12.5]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2, 0], [121.5, 31.3, -3]]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [[121.4, 31.2, 1], [121.5, 31.3]]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.3, 31.1, 5], [121.4, 31.1, 5], [121.4, 31.2, 5], [121.3, 31.1, 5]]]}}"
    "]}");
  CxGeometry *line;

  g_assert_cmpuint (n_features (layer), ==, 4);
  line = cx_imported_feature_get_geometry (feature_at (layer, 1));
  g_assert_cmpfloat (cx_geometry_get_coords (line)[1].x, ==, 121.5);
  g_assert_cmpfloat (cx_geometry_get_coords (line)[1].y, ==, 31.3);
}

/* RFC 7946 §3.1: "coordinates" may be empty, and a reader may take such a
 * geometry as null: it is counted as without a location, not refused. */
static void
test_empty_geometries (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"LineString\", \"coordinates\": []}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": []}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": []}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": []}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"MultiLineString\", \"coordinates\": []}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Point\", \"coordinates\": []}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": []}},"
    " {\"type\": \"Feature\", \"properties\": {\"title\": \"here\"}, \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
    "   {\"type\": \"LineString\", \"coordinates\": []}, {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}]}}"
    "]}");
  g_autoptr(CxImportedLayer) bare = import_ok ("{\"type\": \"Polygon\", \"coordinates\": []}");

  g_assert_cmpuint (n_features (layer), ==, 1);
  g_assert_cmpstr (cx_imported_feature_get_title (feature_at (layer, 0)), ==, "here");
  g_assert_cmpuint (cx_imported_layer_get_n_unlocated (layer), ==, 7);

  g_assert_cmpuint (n_features (bare), ==, 0);
  g_assert_cmpuint (cx_imported_layer_get_n_unlocated (bare), ==, 1);
}

/* RFC 7946 §3.1.1: a position has "two or more elements"; those past the
 * altitude (a time, a measure) are read and not used. */
static void
test_long_positions (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2, 12.5, 1700000000, 7]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2, 0, 1], [121.5, 31.3, -3, 2]]}}"
    "]}");
  CxGeometry *point = cx_imported_feature_get_geometry (feature_at (layer, 0));
  CxGeometry *line = cx_imported_feature_get_geometry (feature_at (layer, 1));

  g_assert_cmpuint (n_features (layer), ==, 2);
  g_assert_cmpfloat (cx_geometry_get_coords (point)[0].x, ==, 121.4);
  g_assert_cmpfloat (cx_geometry_get_coords (point)[0].y, ==, 31.2);
  g_assert_cmpfloat (cx_geometry_get_coords (line)[1].x, ==, 121.5);
  g_assert_cmpfloat (cx_geometry_get_coords (line)[1].y, ==, 31.3);
}

/* Antarctica and the poles are valid; Web Mercator ends at ±85.05°, so the
 * positions beyond are drawn there, and counted so that the window says so. */
static void
test_polar_latitudes (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
    "   [[[-180, -90], [180, -90], [180, -60], [-180, -60], [-180, -90]]]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Point\", \"coordinates\": [0, 90]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
    "   {\"type\": \"Point\", \"coordinates\": [10, 89]}]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Point\", \"coordinates\": [10, 85]}}"
    "]}");
  CxBounds bounds = cx_imported_layer_get_bounds (layer);
  CxGeometry *pole = cx_imported_feature_get_geometry (feature_at (layer, 1));

  g_assert_cmpuint (n_features (layer), ==, 4);
  /* three corners of the polygon, the pole, the point in the collection */
  g_assert_cmpuint (cx_imported_layer_get_n_clamped (layer), ==, 5);
  g_assert_cmpfloat_with_epsilon (bounds.min_y, -85.0511287798, 1e-9);
  g_assert_cmpfloat_with_epsilon (bounds.max_y, 85.0511287798, 1e-9);
  g_assert_cmpfloat (bounds.min_x, ==, -180);
  g_assert_cmpfloat (bounds.max_x, ==, 180);
  g_assert_cmpfloat_with_epsilon (cx_geometry_get_coords (pole)[0].y, 85.0511287798, 1e-9);

  {
    g_autoptr(CxImportedLayer) near = import_ok ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}");
    g_assert_cmpuint (cx_imported_layer_get_n_clamped (near), ==, 0);
  }
}

/* What the app only shows (a Feature's "properties" and "id") is taken as
 * other tools write it: whole numbers past 64 bits and numbers past a
 * double kept as written, a name twice keeping its last value, \u0000 as
 * U+2400. The same in the geometry is still refused (see refused_cases). */
static void
test_foreign_data (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"n\": 123456789012345678901234567890, \"features\": ["
    " {\"type\": \"Feature\", \"id\": 123456789012345678901234567890,"
    "  \"properties\": {\"population\": 99999999999999999999, \"huge\": 1e400, \"name\": \"first\", \"name\": \"second\","
    "                 \"note\": \"a\\u0000b\", \"k\\u0000\": {\"x\": 1, \"x\": 2, \"big\": -18446744073709551616}},"
    "  \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}}"
    "]}");
  g_autoptr(CxImportedLayer) single = import_ok (
    "{\"type\": \"Feature\", \"id\": 18446744073709551616, \"properties\": {\"a\": 1, \"a\": 2},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}}");
  CxImportedFeature *feature = feature_at (layer, 0);

  g_assert_cmpstr (cx_imported_feature_get_id (feature), ==, "123456789012345678901234567890");
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature, "population"), ==, "99999999999999999999");
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature, "huge"), ==, "1e400");
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature, "name"), ==, "second");
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature, "note"), ==, "a\xe2\x90\x80" "b");
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature, "k\xe2\x90\x80"), ==,
                   "{\"x\":2,\"big\":\"-18446744073709551616\"}");
  g_assert_cmpuint (cx_imported_feature_get_n_properties (feature), ==, 5);

  g_assert_cmpstr (cx_imported_feature_get_id (feature_at (single, 0)), ==, "18446744073709551616");
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature_at (single, 0), "a"), ==, "2");
}

/* Not UTF-8 text: the message says what it is instead. */
static void
test_not_text (void)
{
  static const struct { const char *text; gsize len; const char *message; } cases[] = {
    { "\xff\xfe{\0}\0", 6, "t.geojson: the file looks like UTF-16 text; JSON must be UTF-8 (save it again as UTF-8)" },
    { "\xfe\xff\0{\0}", 6, "t.geojson: the file looks like UTF-16 text; JSON must be UTF-8 (save it again as UTF-8)" },
    { "{\0\"\0t\0", 6, "t.geojson: the file looks like UTF-16 text; JSON must be UTF-8 (save it again as UTF-8)" },
    { "\xff\xfe\0\0{\0\0\0", 8, "t.geojson: the file looks like UTF-32 text; JSON must be UTF-8 (save it again as UTF-8)" },
    { "{\"type\": \"Point\"\0}", 18, "t.geojson: the file contains a NUL byte (at byte 16), so it is not a text file" },
    { "\xef\xbb\xbf \r\n", 6, "t.geojson: the file contains only white space, no JSON value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(CxImportedLayer) layer = cx_import_bytes (bytes, "t.geojson", "t.geojson", FALSE, NULL, &error);

      g_assert_null (layer);
      g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_unlocated (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"properties\": {\"row\": 1}, \"geometry\": null},"
    " {\"type\": \"Feature\", \"properties\": {\"row\": 2}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}},"
    " {\"type\": \"Feature\", \"properties\": {\"row\": 3}, \"geometry\": null}]}");

  g_assert_cmpuint (n_features (layer), ==, 1);
  g_assert_cmpuint (cx_imported_layer_get_n_unlocated (layer), ==, 2);
  g_assert_cmpuint (cx_imported_feature_get_source_index (feature_at (layer, 0)), ==, 1);
}

static void
test_properties (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]},"
    " \"properties\": {"
    "  \"zone\": \"R2\","
    "  \"floors\": 12,"
    "  \"big\": -9007199254740993,"
    "  \"ratio\": 0.4,"
    "  \"tiny\": 1.5e-7,"
    "  \"huge\": 1e21,"
    "  \"approved\": true,"
    "  \"disputed\": false,"
    "  \"note\": null,"
    "  \"owner\": {\"name\": \"Li \\\"Ming\\\"\", \"share\": 0.25, \"tags\": []},"
    "  \"phases\": [2024, 2026.5, \"late\", null, {}],"
    "  \"empty\": \"\","
    "  \"stroke\": \"red\","
    "  \"fill-opacity\": 3,"
    "  \"stroke-width\": 3"
    " }}");
  CxImportedFeature *f = feature_at (layer, 0);
  static const char * const expected[][2] = {
    { "zone", "R2" },
    { "floors", "12" },
    { "big", "-9007199254740993" },
    { "ratio", "0.4" },
    { "tiny", "1.5e-07" },
    { "huge", "1e+21" },
    { "approved", "true" },
    { "disputed", "false" },
    { "note", "null" },
    { "owner", "{\"name\":\"Li \\\"Ming\\\"\",\"share\":0.25,\"tags\":[]}" },
    { "phases", "[2024,2026.5,\"late\",null,{}]" },
    { "empty", "" },
    /* Simplestyle members whose values cannot be used stay in the table. */
    { "stroke", "red" },
    { "fill-opacity", "3" },
  };

  g_assert_cmpuint (cx_imported_feature_get_n_properties (f), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (cx_imported_feature_get_property_key (f, i), ==, expected[i][0]);
      g_assert_cmpstr (cx_imported_feature_get_property_text (f, i), ==, expected[i][1]);
    }
  g_assert_cmpstr (cx_imported_feature_lookup_property (f, "floors"), ==, "12");
  g_assert_null (cx_imported_feature_lookup_property (f, "stroke-width"));
  g_assert_null (cx_imported_feature_get_title (f));
  g_assert_null (cx_imported_feature_get_description (f));
}

/* Whatever the locale, numbers read and print with a point. */
static void
test_properties_locale (void)
{
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);
  g_autoptr(CxImportedLayer) layer = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL && setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("neither de_DE.UTF-8 nor fr_FR.UTF-8 (locales with a decimal comma) is generated here: "
                   "build-aux/dev generates de_DE.UTF-8 in its environment and on Debian or Ubuntu hosts");
      return;
    }

  layer = import_ok ("{\"type\": \"Feature\", \"properties\": {\"ratio\": 0.75, \"e\": 2.5e10},"
                     " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.45, 31.25]}}");
  setlocale (LC_NUMERIC, saved);

  g_assert_cmpstr (cx_imported_feature_lookup_property (feature_at (layer, 0), "ratio"), ==, "0.75");
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature_at (layer, 0), "e"), ==, "2.5e+10");
  g_assert_cmpfloat (cx_geometry_get_coords (cx_imported_feature_get_geometry (feature_at (layer, 0)))[0].x, ==, 121.45);
}

static void
test_non_latin (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"id\": \"公园-1\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4165, 31.2232]},"
    "  \"properties\": {\"title\": \"中山公园\", \"description\": \"长宁区的公园 \\u2014 \\ud83c\\udf33\","
    "   \"面积\": \"21.4 公顷\", \"الاسم\": \"حديقة تشونغشان\", \"mixed\": \"Zhōngshān 中山 حديقة\"}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = cx_import_bytes (bytes, "长宁规划.geojson", "长宁规划.geojson", FALSE, NULL, &error);
  CxImportedFeature *f;

  g_assert_no_error (error);
  f = feature_at (layer, 0);
  g_assert_cmpstr (cx_imported_feature_get_id (f), ==, "公园-1");
  g_assert_cmpstr (cx_imported_feature_get_title (f), ==, "中山公园");
  g_assert_cmpstr (cx_imported_feature_get_description (f), ==, "长宁区的公园 — 🌳");
  g_assert_cmpstr (cx_imported_feature_get_property_key (f, 0), ==, "面积");
  g_assert_cmpstr (cx_imported_feature_get_property_text (f, 0), ==, "21.4 公顷");
  g_assert_cmpstr (cx_imported_feature_get_property_key (f, 1), ==, "الاسم");
  g_assert_cmpstr (cx_imported_feature_get_property_text (f, 1), ==, "حديقة تشونغشان");
  g_assert_cmpstr (cx_imported_feature_lookup_property (f, "mixed"), ==, "Zhōngshān 中山 حديقة");

  /* The layer is named after the file; the id keeps to ASCII. */
  g_assert_cmpstr (cx_imported_layer_get_name (layer), ==, "长宁规划");
  g_assert_cmpstr (cx_imported_layer_get_file_name (layer), ==, "长宁规划.geojson");
  g_assert_cmpstr (cx_imported_layer_get_id (layer), ==, "user-layer-1");
}

static void
test_names_and_ids (void)
{
  static const char text[] = "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  static const char * const cases[][3] = {
    { "Zoning Proposal 2026.geojson", "Zoning Proposal 2026", "user-zoning-proposal-2026-1" },
    { "survey.JSON", "survey", "user-survey-1" },
    { "a__b--c.geo", "a__b--c.geo", "user-a-b-c-geo-1" },
    { "规划.geojson", "规划", "user-layer-1" },
    { "Hongqiao 虹桥 hub.geojson", "Hongqiao 虹桥 hub", "user-hongqiao-hub-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CxImportedLayer) layer = cx_import_bytes (bytes, cases[i][0], cases[i][0], FALSE, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (cx_imported_layer_get_name (layer), ==, cases[i][1]);
      g_assert_cmpstr (cx_imported_layer_get_id (layer), ==, cases[i][2]);
      g_assert_true (cx_imported_layer_get_visible (layer));
      g_assert_false (cx_imported_layer_is_stored (layer));
    }
}

static void
assert_color (const CxColor *color,
              double         red,
              double         green,
              double         blue,
              double         alpha)
{
  g_assert_cmpfloat_with_epsilon (color->red, red, 1e-9);
  g_assert_cmpfloat_with_epsilon (color->green, green, 1e-9);
  g_assert_cmpfloat_with_epsilon (color->blue, blue, 1e-9);
  g_assert_cmpfloat_with_epsilon (color->alpha, alpha, 1e-9);
}

static void
test_simplestyle (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.3, 31.1], [121.4, 31.1], [121.4, 31.2], [121.3, 31.1]]]},"
    "  \"properties\": {\"title\": \"Lot 7\", \"description\": \"Proposed\", \"stroke\": \"#FF0000\", \"stroke-width\": 4,"
    "   \"stroke-opacity\": 0.5, \"fill\": \"#0f0\", \"fill-opacity\": 0.25, \"marker-color\": \"00f\", \"use\": \"mixed\"}},"
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}, \"properties\": {}},"
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]},"
    "  \"properties\": {\"stroke\": \"#11223380\", \"stroke-opacity\": 0.5, \"stroke-width\": 0}}]}");
  const CxStyle *style;
  CxImportedFeature *f = feature_at (layer, 0);

  style = cx_imported_feature_get_style (f);
  assert_color (&style->stroke, 1, 0, 0, 0.5);
  g_assert_cmpfloat (style->stroke_width, ==, 4);
  g_assert_true (style->has_fill);
  assert_color (&style->fill, 0, 1, 0, 0.25);
  assert_color (&style->marker, 0, 0, 1, 1);
  g_assert_cmpuint (style->n_dashes, ==, 0);
  g_assert_cmpstr (cx_imported_feature_get_title (f), ==, "Lot 7");
  g_assert_cmpstr (cx_imported_feature_get_description (f), ==, "Proposed");
  g_assert_cmpstr (cx_imported_feature_get_display_name (f), ==, "Lot 7");
  /* Only what did not style it is in the table. */
  g_assert_cmpuint (cx_imported_feature_get_n_properties (f), ==, 1);
  g_assert_cmpstr (cx_imported_feature_get_property_key (f, 0), ==, "use");

  /* The simplestyle-spec defaults */
  style = cx_imported_feature_get_style (feature_at (layer, 1));
  assert_color (&style->stroke, 0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0, 1);
  g_assert_cmpfloat (style->stroke_width, ==, 2);
  assert_color (&style->fill, 0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0, 0.6);
  assert_color (&style->marker, 0x7e / 255.0, 0x7e / 255.0, 0x7e / 255.0, 1);

  /* A colour's own alpha and the opacity multiply. */
  style = cx_imported_feature_get_style (feature_at (layer, 2));
  assert_color (&style->stroke, 0x11 / 255.0, 0x22 / 255.0, 0x33 / 255.0, 0x80 / 255.0 * 0.5);
  g_assert_cmpfloat (style->stroke_width, ==, 0);
}

/* A layer's colour takes the place of the colours its file did not give,
 * feature by feature; what the file gave stays. */
static void
test_layer_colour (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]},"
    "  \"properties\": {\"stroke\": \"#FF0000\", \"fill\": \"#0f0\", \"fill-opacity\": 0.25, \"marker-color\": \"#00f\"}},"
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [121.5, 31.2]]}, \"properties\": {}},"
    " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]},"
    "  \"properties\": {\"stroke\": \"#112233\", \"fill-opacity\": 0.8}}]}");
  const CxColor teal = { 0, 0.5, 0.5, 1 };
  const CxStyle *given[3];
  CxStyle out;
  CxColor color;

  for (guint i = 0; i < 3; i++)
    given[i] = cx_imported_feature_get_style (feature_at (layer, i));
  g_assert_cmpuint (given[0]->given, ==, CX_STYLE_GIVEN_STROKE | CX_STYLE_GIVEN_FILL |
                                         CX_STYLE_GIVEN_FILL_OPACITY | CX_STYLE_GIVEN_MARKER);
  g_assert_cmpuint (given[1]->given, ==, 0);
  g_assert_cmpuint (given[2]->given, ==, CX_STYLE_GIVEN_STROKE | CX_STYLE_GIVEN_FILL_OPACITY);

  /* Without a colour, the file's style and simplestyle-spec's greys. */
  g_assert_false (cx_imported_layer_get_color (layer, &color));
  cx_imported_layer_resolve_style (layer, given[1], &out);
  assert_color (&out.stroke, 0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0, 1);
  assert_color (&out.fill, 0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0, 0.6);

  cx_imported_layer_set_color (layer, &teal);
  g_assert_true (cx_imported_layer_get_color (layer, &color));
  assert_color (&color, 0, 0.5, 0.5, 1);

  cx_imported_layer_resolve_style (layer, given[0], &out);
  assert_color (&out.stroke, 1, 0, 0, 1);
  assert_color (&out.fill, 0, 1, 0, 0.25);
  assert_color (&out.marker, 0, 0, 1, 1);

  cx_imported_layer_resolve_style (layer, given[1], &out);
  assert_color (&out.stroke, 0, 0.5, 0.5, 1);
  assert_color (&out.fill, 0, 0.5, 0.5, 0.35);
  assert_color (&out.marker, 0, 0.5, 0.5, 1);
  g_assert_cmpfloat (out.stroke_width, ==, 2);

  /* An opacity without a colour: the layer's colour at that opacity. */
  cx_imported_layer_resolve_style (layer, given[2], &out);
  assert_color (&out.stroke, 0x11 / 255.0, 0x22 / 255.0, 0x33 / 255.0, 1);
  assert_color (&out.fill, 0, 0.5, 0.5, 0.8);
  assert_color (&out.marker, 0, 0.5, 0.5, 1);

  /* The legend: its first feature's style, and lines (no areas). */
  cx_imported_layer_get_legend_style (layer, &out);
  assert_color (&out.marker, 0, 0, 1, 1);
  g_assert_cmpint (cx_imported_layer_get_kind (layer), ==, CX_GEOMETRY_LINE_STRING);

  cx_imported_layer_set_color (layer, NULL);
  g_assert_false (cx_imported_layer_get_color (layer, &color));
}

static void
test_text_limits (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}, \"properties\": {\"long\": \"");
  g_autoptr(CxImportedLayer) layer = NULL;
  const char *value;

  /* Three-byte characters, so that the cut falls inside one. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "长");
  g_string_append (text, "\", \"array\": [");
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, i > 0 ? ",1" : "1");
  g_string_append (text, "]}}");

  layer = import_ok (text->str);
  value = cx_imported_feature_lookup_property (feature_at (layer, 0), "long");
  g_assert_true (g_utf8_validate (value, -1, NULL));
  g_assert_cmpuint (strlen (value), <=, CX_IMPORT_MAX_TEXT_BYTES + strlen ("…"));
  g_assert_true (g_str_has_suffix (value, "长…"));

  value = cx_imported_feature_lookup_property (feature_at (layer, 0), "array");
  g_assert_cmpuint (strlen (value), <=, CX_IMPORT_MAX_TEXT_BYTES + strlen ("…"));
  g_assert_true (g_str_has_prefix (value, "[1,1,1"));
  g_assert_true (g_str_has_suffix (value, "…"));
}

/* Zhongshan Park's gate in WGS84 and the same place in GCJ-02, as a
 * Chinese web map would give it: some 500 m apart. */
static void
test_gcj02 (void)
{
  const double wgs_lon = 121.4165, wgs_lat = 31.2232;
  double gcj_lat, gcj_lon;
  g_autofree char *text = NULL;
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(CxImportedLayer) converted = NULL;
  g_autoptr(CxImportedLayer) as_is = NULL;
  g_autoptr(GError) error = NULL;
  const CxCoord *c;
  double shift, residual;

  cx_wgs84_to_gcj02 (wgs_lat, wgs_lon, &gcj_lat, &gcj_lon);
  g_ascii_dtostr (lon, sizeof lon, gcj_lon);
  g_ascii_dtostr (lat, sizeof lat, gcj_lat);
  text = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\": ["
                          "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [%s, %s]}},"
                          "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%s, %s], [121.43, 31.22], [121.43, 31.23], [%s, %s]]]}}]}",
                          lon, lat, lon, lat, lon, lat);

  shift = cx_haversine_distance (wgs_lon, wgs_lat, gcj_lon, gcj_lat);
  g_test_message ("GCJ-02 offset at Zhongshan Park: %.0f m", shift);
  g_assert_cmpfloat (shift, >, 400);
  g_assert_cmpfloat (shift, <, 700);

  converted = import_text (text, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (cx_imported_layer_get_gcj02 (converted));
  c = cx_geometry_get_coords (cx_imported_feature_get_geometry (feature_at (converted, 0)));
  residual = cx_haversine_distance (wgs_lon, wgs_lat, c->x, c->y);
  g_assert_cmpfloat (residual, <, 0.5);

  /* Every position of every geometry is converted; rings stay closed. */
  {
    CxGeometry *g = cx_imported_feature_get_geometry (feature_at (converted, 1));
    guint n;
    const CxCoord *ring = cx_geometry_get_part (g, 0, &n);

    g_assert_cmpfloat (cx_haversine_distance (wgs_lon, wgs_lat, ring[0].x, ring[0].y), <, 0.5);
    g_assert_cmpfloat (ring[0].x, ==, ring[n - 1].x);
    g_assert_cmpfloat (ring[0].y, ==, ring[n - 1].y);
    g_assert_cmpfloat (cx_haversine_distance (121.43, 31.22, ring[1].x, ring[1].y), >, 400);
    g_assert_cmpfloat (cx_imported_layer_get_bounds (converted).min_x, <, gcj_lon);
  }

  as_is = import_text (text, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (cx_imported_layer_get_gcj02 (as_is));
  c = cx_geometry_get_coords (cx_imported_feature_get_geometry (feature_at (as_is, 0)));
  g_assert_cmpfloat (c->x, ==, gcj_lon);
  g_assert_cmpfloat (c->y, ==, gcj_lat);
}

static void
test_bom (void)
{
  g_autoptr(CxImportedLayer) layer = import_ok ("\xEF\xBB\xBF{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}");

  g_assert_cmpuint (n_features (layer), ==, 1);
}

static void
test_crs (void)
{
  static const char * const accepted[] = {
    "urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "EPSG:4490",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"%s\"}},"
                                               " \"features\": [{\"type\": \"Feature\", \"properties\": null,"
                                               " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}}]}",
                                               accepted[i]);
      g_autoptr(CxImportedLayer) layer = import_ok (text);

      g_assert_cmpuint (n_features (layer), ==, 1);
    }
}

/* ------------------------------------------------------------------ */
/* Invalid documents                                                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *text;
  GQuark    (*domain) (void);
  int         code;
  const char *message;    /* the whole message, or (ending in "…") its start */
} Refused;

#define FC(features) "{\"type\": \"FeatureCollection\", \"features\": [" features "]}"
#define POINT "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}"
#define F(geometry) "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": " geometry "}"

static const Refused refused_cases[] = {
  { "syntax-trailing-comma",
    "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\", \"geometry\": null,}\n]}",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: not valid JSON: expected a member name in double quotes (line 3, column 40)" },
  { "syntax-truncated",
    "{\"type\": \"FeatureCollection\", \"features\": [" F ("{\"type\": \"Point\", \"coordinates\": [121.4, "),
    cx_pack_error_quark, CX_PACK_ERROR_PARSE, NULL /* built in the test: where the text ends */ },
  { "syntax-single-quotes",
    "{'type': 'Point'}",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: not valid JSON: expected a member name in double quotes (line 1, column 2)" },
  { "syntax-comment",
    "{\"type\": \"Point\", /* here */ \"coordinates\": [121.4, 31.2]}",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: not valid JSON: expected a member name in double quotes (line 1, column 19)" },
  { "empty",
    "",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: the file is empty" },
  { "white-space-only",
    " \n\t ",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: the file contains only white space, no JSON value" },
  { "invalid-utf8",
    "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2], \"x\": \"\xc3\x28\"}",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: not valid UTF-8 text (at byte 54)" },
  { "duplicate-member",
    "{\"type\": \"Point\",\n\"coordinates\": [121.4, 31.2], \"type\": \"Point\"}",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: the member “type” appears twice in one object, so which one counts would be a guess (line 2, column 31)" },
  { "lone-surrogate",
    FC (F (POINT) ", {\"type\": \"Feature\", \"properties\": {\"name\": \"\\udc00\"}, \"geometry\": " POINT "}"),
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: a \\u escape is half of a surrogate pair (line 1, column …" },
  { "top-level-array",
    "[" POINT "]",
    cx_pack_error_quark, CX_PACK_ERROR_FORMAT,
    "test.geojson: not GeoJSON: the top level must be an object, not an array" },
  { "no-type",
    "{\"features\": []}",
    cx_pack_error_quark, CX_PACK_ERROR_FORMAT,
    "test.geojson: not GeoJSON: the top level has no \"type\"" },
  { "unknown-type",
    "{\"type\": \"Topology\", \"objects\": {}}",
    cx_pack_error_quark, CX_PACK_ERROR_FORMAT,
    "test.geojson: not GeoJSON: unknown type “Topology” (use FeatureCollection, Feature or a geometry)" },
  { "no-features-array",
    "{\"type\": \"FeatureCollection\", \"features\": {}}",
    cx_pack_error_quark, CX_PACK_ERROR_FORMAT,
    "test.geojson: a FeatureCollection needs a \"features\" array" },
  { "feature-not-object",
    FC (F (POINT) ", 7"),
    cx_pack_error_quark, CX_PACK_ERROR_TYPE,
    "test.geojson: feature 1: must be an object, not a number" },
  { "feature-wrong-type",
    FC ("{\"type\": \"Feat\", \"id\": \"x\", \"geometry\": " POINT "}"),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0 (“x”): its \"type\" must be \"Feature\"" },
  { "feature-id-boolean",
    FC ("{\"type\": \"Feature\", \"id\": true, \"geometry\": " POINT "}"),
    cx_pack_error_quark, CX_PACK_ERROR_TYPE,
    "test.geojson: feature 0: \"id\" must be a string or a number, not a boolean" },
  { "properties-array",
    FC (F (POINT) ", {\"type\": \"Feature\", \"id\": 9, \"properties\": [], \"geometry\": " POINT "}"),
    cx_pack_error_quark, CX_PACK_ERROR_TYPE,
    "test.geojson: feature 1 (“9”): \"properties\" must be an object or null, not an array" },
  { "geometry-missing",
    FC ("{\"type\": \"Feature\", \"properties\": {}}"),
    cx_pack_error_quark, CX_PACK_ERROR_MISSING,
    "test.geojson: feature 0: has no \"geometry\" member (a feature without a location has \"geometry\": null)" },
  { "geometry-not-object",
    FC (F ("[121.4, 31.2]")),
    cx_pack_error_quark, CX_PACK_ERROR_TYPE,
    "test.geojson: feature 0: the geometry must be an object, not an array" },
  { "geometry-no-type",
    FC (F ("{\"coordinates\": [121.4, 31.2]}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: the geometry has no \"type\" string" },
  { "geometry-unsupported",
    FC (F ("{\"type\": \"Circle\", \"coordinates\": [121.4, 31.2], \"radius\": 5}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: unsupported geometry type “Circle” (use Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)" },
  { "coordinates-missing",
    FC (F ("{\"type\": \"LineString\"}")),
    cx_pack_error_quark, CX_PACK_ERROR_MISSING,
    "test.geojson: feature 0: the LineString has no \"coordinates\"" },
  { "position-not-array",
    FC (F ("{\"type\": \"Point\", \"coordinates\": \"121.4, 31.2\"}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: the point: a position must be an array [longitude, latitude], not a string" },
  { "coordinate-string",
    FC (F ("{\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [\"121.5\", 31.2]]}")),
    cx_pack_error_quark, CX_PACK_ERROR_TYPE,
    "test.geojson: feature 0: the line, position 2: coordinate 1 must be a number, not a string" },
  { "coordinate-infinite",
    FC (F ("{\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [1e400, 31.2]]}")),
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: the number 1e400 is too large to be represented (beyond ±1.8e308) (line 1, column 149)" },
  { "coordinate-infinite-latitude",
    FC (F ("{\"type\": \"Point\", \"coordinates\": [121.4, -1E+999]}")),
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: the number -1E+999 is too large to be represented (beyond ±1.8e308) (line 1, …" },
  { "latitude-out-of-range",
    FC (F (POINT) "," "{\"type\": \"Feature\", \"id\": \"north\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 91]}}"),
    cx_pack_error_quark, CX_PACK_ERROR_COORDINATE,
    "test.geojson: feature 1 (“north”): the point: latitude 91 is outside −90…90 (positions are [longitude, latitude])" },
  { "lat-lon-swapped",
    FC (F ("{\"type\": \"Point\", \"coordinates\": [31.2, 121.4]}")),
    cx_pack_error_quark, CX_PACK_ERROR_COORDINATE,
    "test.geojson: feature 0: the point: latitude 121.4 is outside −90…90 (positions are [longitude, latitude])" },
  { "position-one-number",
    FC (F ("{\"type\": \"Point\", \"coordinates\": [121.4]}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: the point: a position must have at least 2 numbers [longitude, latitude], not 1" },
  { "position-fourth-not-number",
    FC (F ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2, 4, \"m\"]}")),
    cx_pack_error_quark, CX_PACK_ERROR_TYPE,
    "test.geojson: feature 0: the point: coordinate 4 must be a number, not a string" },
  { "ring-empty",
    FC (F ("{\"type\": \"Polygon\", \"coordinates\": [[]]}")),
    cx_pack_error_quark, CX_PACK_ERROR_SHORT_RING,
    "test.geojson: feature 0: the polygon, outer ring has 0 positions; a ring needs at least 4 (the last repeating the first)" },
  { "multi-polygon-empty-member",
    FC (F ("{\"type\": \"MultiPolygon\", \"coordinates\": [[[[121.3, 31.1], [121.4, 31.1], [121.4, 31.2], [121.3, 31.1]]], []]}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: polygon 2 has no rings" },
  { "multi-line-empty-member",
    FC (F ("{\"type\": \"MultiLineString\", \"coordinates\": [[[121.3, 31.1], [121.4, 31.1]], []]}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: line 2 has 0 positions; a line needs at least 2" },
  { "duplicate-in-geometry",
    FC (F ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2], \"coordinates\": [121.5, 31.2]}")),
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: the member “coordinates” appears twice in one object, so which one counts would be a guess (line 1, …" },
  { "nul-in-feature-type",
    FC ("{\"type\": \"Feature\\u0000\", \"properties\": {}, \"geometry\": null}"),
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: a string holds a NUL character (\\u0000) (line 1, column 61)" },
  { "nul-in-crs",
    "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4326\\u0000\"}}, \"features\": []}",
    cx_pack_error_quark, CX_PACK_ERROR_PARSE,
    "test.geojson: a string holds a NUL character (\\u0000) (line 1, …" },
  { "line-one-position",
    FC (F ("{\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2]]}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: the line has 1 positions; a line needs at least 2" },
  { "ring-not-closed",
    FC (F (POINT) ", {\"type\": \"Feature\", \"id\": \"lot-7\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.25]]]}}"),
    cx_pack_error_quark, CX_PACK_ERROR_UNCLOSED_RING,
    "test.geojson: feature 1 (“lot-7”): the polygon, outer ring is not closed: its last position must repeat its first" },
  { "ring-too-short",
    FC (F ("{\"type\": \"Polygon\", \"coordinates\": [[[121.4, 31.2], [121.5, 31.2], [121.4, 31.2]]]}")),
    cx_pack_error_quark, CX_PACK_ERROR_SHORT_RING,
    "test.geojson: feature 0: the polygon, outer ring has 3 positions; a ring needs at least 4 (the last repeating the first)" },
  { "hole-not-closed",
    FC (F ("{\"type\": \"MultiPolygon\", \"coordinates\": [[[[121.3, 31.1], [121.4, 31.1], [121.4, 31.2], [121.3, 31.1]]],"
           " [[[121.6, 31.1], [121.7, 31.1], [121.7, 31.2], [121.6, 31.1]], [[121.64, 31.14], [121.66, 31.14], [121.66, 31.16], [121.64, 31.15]]]]}")),
    cx_pack_error_quark, CX_PACK_ERROR_UNCLOSED_RING,
    "test.geojson: feature 0: polygon 2, hole 1 is not closed: its last position must repeat its first" },
  { "multi-point-bad-position",
    FC (F ("{\"type\": \"MultiPoint\", \"coordinates\": [[121.4, 31.2], [200, 31.2]]}")),
    cx_pack_error_quark, CX_PACK_ERROR_COORDINATE,
    "test.geojson: feature 0: point 2: longitude 200 is outside −180…180 (positions are [longitude, latitude])" },
  { "multi-point-not-array",
    FC (F ("{\"type\": \"MultiPoint\", \"coordinates\": {}}")),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0: the coordinates of a MultiPoint must be an array, not an object" },
  { "collection-no-geometries",
    FC ("{\"type\": \"Feature\", \"id\": \"gc\", \"geometry\": {\"type\": \"GeometryCollection\"}}"),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0 (“gc”): a GeometryCollection needs a \"geometries\" array" },
  { "collection-bad-member",
    FC ("{\"type\": \"Feature\", \"id\": \"gc\", \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
        POINT ", {\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2]]}]}}"),
    cx_pack_error_quark, CX_PACK_ERROR_GEOMETRY,
    "test.geojson: feature 0 (“gc”), geometry 2: the line has 1 positions; a line needs at least 2" },
  { "projected-crs",
    "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::3857\"}},"
    " \"features\": [" F ("{\"type\": \"Point\", \"coordinates\": [13515000, 3657000]}") "]}",
    cx_pack_error_quark, CX_PACK_ERROR_FORMAT,
    "test.geojson: the file uses the coordinate reference system “urn:ogc:def:crs:EPSG::3857”; only longitude and latitude on WGS84 (RFC 7946) can be imported" },
  { "linked-crs",
    "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2], \"crs\": {\"type\": \"link\", \"properties\": {\"href\": \"x.prj\"}}}",
    cx_pack_error_quark, CX_PACK_ERROR_FORMAT,
    "test.geojson: the file names a coordinate reference system (\"crs\") that is not recognised; only longitude and latitude on WGS84 (RFC 7946) can be imported" },
  { "data-pack",
    "{\"format\": \"changning-explorer-pack\", \"format_version\": 1}",
    cx_import_error_quark, CX_IMPORT_ERROR_DATA_PACK,
    "test.geojson: this is a Changning Explorer data pack, not a GeoJSON layer" },
};

static void
test_refused (gconstpointer data)
{
  const Refused *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autofree char *text = g_strdup (c->text);
  g_autofree char *expected = g_strdup (c->message);

  if (g_str_equal (c->name, "syntax-truncated"))
    {
      /* F () closed the feature: cut it off again. */
      text[strlen (text) - 1] = '\0';
      expected = g_strdup_printf ("test.geojson: not valid JSON: unexpected end of the text (line 1, column %u)",
                                  (guint) strlen (text) + 1);
    }

  layer = import_text (text, FALSE, &error);
  g_assert_null (layer);
  g_assert_error (error, c->domain (), c->code);

  if (g_str_has_suffix (expected, "…"))
    {
      expected[strlen (expected) - strlen ("…")] = '\0';
      if (!g_str_has_prefix (error->message, expected))
        g_test_fail_printf ("expected “%s…”, got “%s”", expected, error->message);
    }
  else
    g_assert_cmpstr (error->message, ==, expected);
}

/* Deeper than json-glib could take, found without recursing that deep. */
static void
test_refused_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"deep\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  layer = import_text (text->str, FALSE, &error);
  g_assert_null (layer);
  g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "test.geojson: nested more than 64 levels deep (line 1, column 124)");
}

/* The importer reads JSON with its own streaming reader; for text that is
 * not acceptable JSON it must say exactly what the pack loader's
 * cx_json_parse_bytes() says, position included. */
static void
test_refused_like_pack_parser (void)
{
  static const char * const texts[] = {
    "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2],}",
    "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2,]}",
    "{\"type\": \"Point\" \"coordinates\": [121.4, 31.2]}",
    "{\"type\" \"Point\"}",
    "{\"type\": 'Point'}",
    "{\"type\": \"Point\"} x",
    "{\"type\": \"Point\"}}",
    "{\"type\": \"Po\nint\"}",
    "{\"type\": \"Point\\x\"}",
    "{\"type\": \"Point\\u12\"}",
    "{\"type\": \"Point\\u0000\"}",
    "{\"type\": \"Point\\ud800\"}",
    "{\"type\": \"Point\\udc00\\ud800\"}",
    "{\"type\": \"Point",
    "{\"n\": 01}",
    "{\"n\": 1.}",
    "{\"n\": 1e}",
    "{\"n\": -}",
    "{\"n\": .5}",
    "{\"n\": +1}",
    "{\"n\": 0x10}",
    "{\"n\": tru}",
    "{\"n\": nul}",
    "{\"n\": NaN}",
    "{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}}",
    "{\"a\": [1, 2\n, 3 4]}",
    "\xEF\xBB\xBF{\"a\": [}",
    "{\"名前\": \"値\", \"名前\": 1}",
    "{\"a\": \"caf\xc3\xa9\", \"b\": x}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "",
    "   \n ",
    "{\"a\": \"\xff\"}",
    "/* comment */ {}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr(GError) import_error = NULL;
      g_autoptr(GError) pack_error = NULL;
      g_autoptr(CxImportedLayer) layer = NULL;
      g_autoptr(JsonNode) root = NULL;

      root = cx_json_parse_bytes (bytes, "test.geojson", &pack_error);
      g_assert_null (root);
      g_assert_nonnull (pack_error);

      layer = cx_import_bytes (bytes, "test.geojson", "test.geojson", FALSE, NULL, &import_error);
      g_assert_null (layer);
      g_assert_error (import_error, pack_error->domain, pack_error->code);
      g_assert_cmpstr (import_error->message, ==, pack_error->message);
    }
}

static void
test_refused_too_large (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;

  /* Sparse: refused by its size, before anything is read. */
  g_assert_true (g_file_set_contents (path, "{", 1, NULL));
  g_assert_cmpint (truncate (path, cx_import_get_max_file_size () + 1024 * 1024), ==, 0);

  layer = cx_import_file (file, NULL, FALSE, NULL, &error);
  g_assert_null (layer);
  g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "huge.geojson: the file is 513.0\u00a0MiB; a layer may be at most 512.0\u00a0MiB on this computer");

  cx_test_remove_tree (dir);
}

static void
test_refused_unreadable (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/plan.geojson");
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;

  layer = cx_import_file (missing, NULL, FALSE, NULL, &error);
  g_assert_null (layer);
  g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "plan.geojson: cannot be read: "));
  g_clear_error (&error);

  layer = cx_import_file (directory, "folder", FALSE, NULL, &error);
  g_assert_null (layer);
  g_assert_cmpstr (error->message, ==, "folder: not a regular file");

  cx_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ */
/* Importing in a thread                                               */
/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean         done;
  CxImportedLayer *layer;
  GError          *error;
  guint            n_progress;
  guint            n_progress_after_cancel;
  double           last_fraction;
  GThread         *main_thread;
  GCancellable    *cancel_at_first_progress;
  GObject         *task;          /* weak: to wait for the worker to let go */
} Import;

static void
import_clear (Import *import)
{
  g_clear_object (&import->layer);
  g_clear_error (&import->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Import *import = user_data;

  g_assert_true (g_thread_self () == import->main_thread);
  g_assert_false (import->done);
  g_assert_cmpfloat (fraction, >=, import->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  import->last_fraction = fraction;
  import->n_progress++;

  if (import->cancel_at_first_progress != NULL)
    {
      if (g_cancellable_is_cancelled (import->cancel_at_first_progress))
        import->n_progress_after_cancel++;
      g_cancellable_cancel (import->cancel_at_first_progress);
    }
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;

  g_assert_null (object);
  import->layer = cx_import_file_finish (result, &import->error);
  g_assert_true ((import->layer == NULL) != (import->error == NULL));
  import->task = G_OBJECT (result);
  g_object_add_weak_pointer (import->task, (gpointer *) &import->task);
  import->done = TRUE;
}

/* A FeatureCollection of @n squares, each with a few properties. */
static GString *
generate_squares (guint n)
{
  GString *text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");

  for (guint i = 0; i < n; i++)
    {
      double x = 121.3 + (i % 100) * 0.001, y = 31.1 + (i / 100 % 100) * 0.001;

      g_string_append_printf (text, "%s{\"type\": \"Feature\", \"id\": %u, \"properties\": {\"name\": \"地块 %u\", \"fill\": \"#3a8a4a\"},"
                              " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.4f, %.4f], [%.4f, %.4f], [%.4f, %.4f], [%.4f, %.4f], [%.4f, %.4f]]]}}\n",
                              i > 0 ? "," : "", i, i, x, y, x + 0.0005, y, x + 0.0005, y + 0.0005, x, y + 0.0005, x, y);
    }
  g_string_append (text, "]}\n");
  return text;
}

static gboolean
worker_stopped (gpointer data)
{
  Import *import = data;

  return import->task == NULL;
}

static void
wait_for_worker (Import *import)
{
  /* The worker holds the task until it stops: it must, and soon. */
  if (!cx_test_wait_until (worker_stopped, import, WAIT_LIMIT_MS))
    g_error ("The import thread did not stop within %d ms", WAIT_LIMIT_MS);
}

static void
test_async (void)
{
  g_autofree char *dir = make_temp_dir ();
  guint n = under_valgrind () ? 2000 : 20000;
  g_autoptr(GString) text = generate_squares (n);
  g_autoptr(GFile) file = write_file (dir, "Blocks.geojson", text->str, (gssize) text->len);
  g_auto(Import) import = { 0, };

  import.main_thread = g_thread_self ();
  cx_import_file_async (file, FALSE, NULL, progress_cb, &import, imported_cb, &import);
  cx_test_wait_flag (&import.done, WAIT_LIMIT_MS);

  g_assert_no_error (import.error);
  g_assert_cmpuint (n_features (import.layer), ==, n);
  g_assert_cmpstr (cx_imported_layer_get_name (import.layer), ==, "Blocks");
  g_assert_cmpstr (cx_imported_feature_get_display_name (feature_at (import.layer, n - 1)), !=, NULL);
  g_test_message ("%u progress reports for %" G_GSIZE_FORMAT " bytes", import.n_progress, text->len);
  g_assert_cmpuint (import.n_progress, >=, 1);
  wait_for_worker (&import);

  cx_test_remove_tree (dir);
}

static void
test_async_error (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = write_file (dir, "broken.geojson", "{\"type\": \"Feature\"", -1);
  g_auto(Import) import = { 0, };

  import.main_thread = g_thread_self ();
  cx_import_file_async (file, FALSE, NULL, NULL, NULL, imported_cb, &import);
  cx_test_wait_flag (&import.done, WAIT_LIMIT_MS);

  g_assert_error (import.error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE);
  g_assert_cmpstr (import.error->message, ==, "broken.geojson: not valid JSON: unexpected end of the text (line 1, column 19)");
  wait_for_worker (&import);

  cx_test_remove_tree (dir);
}

static void
test_cancel_before (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = write_file (dir, "a.geojson", POINT, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Import) import = { 0, };

  import.main_thread = g_thread_self ();
  g_cancellable_cancel (cancellable);
  cx_import_file_async (file, FALSE, cancellable, progress_cb, &import, imported_cb, &import);
  cx_test_wait_flag (&import.done, WAIT_LIMIT_MS);

  g_assert_error (import.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (import.n_progress, ==, 0);
  wait_for_worker (&import);

  cx_test_remove_tree (dir);
}

/* Cancelled at the first progress report: the callback comes with
 * CANCELLED, no progress after that, and the worker stops. */
static void
test_cancel_during (void)
{
  g_autofree char *dir = make_temp_dir ();
  guint n = under_valgrind () ? 5000 : 60000;
  g_autoptr(GString) text = generate_squares (n);
  g_autoptr(GFile) file = write_file (dir, "big.geojson", text->str, (gssize) text->len);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Import) import = { 0, };
  gint64 start;

  import.main_thread = g_thread_self ();
  import.cancel_at_first_progress = cancellable;
  start = g_get_monotonic_time ();
  cx_import_file_async (file, FALSE, cancellable, progress_cb, &import, imported_cb, &import);
  cx_test_wait_flag (&import.done, WAIT_LIMIT_MS);

  g_assert_error (import.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (import.n_progress, ==, 1);
  g_assert_cmpuint (import.n_progress_after_cancel, ==, 0);
  g_test_message ("cancelled after %.3f s", (g_get_monotonic_time () - start) / 1e6);
  wait_for_worker (&import);
  g_assert_cmpuint (import.n_progress, ==, 1);

  cx_test_remove_tree (dir);
}

static void
test_cancel_sync (void)
{
  g_autoptr(GString) text = generate_squares (100);
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;

  g_cancellable_cancel (cancellable);
  layer = cx_import_bytes (bytes, "x.geojson", "x.geojson", FALSE, cancellable, &error);
  g_assert_null (layer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------ */
/* Persistence                                                         */
/* ------------------------------------------------------------------ */

static CxImportedLayer *
import_file_ok (const char *dir,
                const char *name,
                const char *text,
                gboolean    gcj02)
{
  g_autoptr(GFile) file = write_file (dir, name, text, -1);
  g_autoptr(GError) error = NULL;
  CxImportedLayer *layer = cx_import_file (file, NULL, gcj02, NULL, &error);

  g_assert_no_error (error);
  return layer;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_store_round_trip (void)
{
  g_autofree char *source_dir = make_temp_dir ();
  g_autofree char *store_path = NULL;
  g_autoptr(GFile) store = NULL;
  g_autoptr(CxImportedLayer) first = NULL;
  g_autoptr(CxImportedLayer) second = NULL;
  g_autoptr(CxImportedLayer) third = NULL;
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *sidecar_path = NULL;
  const char *survey = FC ("{\"type\": \"Feature\", \"properties\": {\"title\": \"测量点\"}, \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [[121.41, 31.21], [121.42, 31.22]]}}");
  const char *gcj = "{\"type\": \"Point\", \"coordinates\": [121.421, 31.221]}";
  GStatBuf st;
  CxColor color;
  guint id_notifications = 0;

  /* Not created yet: it is made on the first save. */
  store_path = g_build_filename (source_dir, "data", "layers", NULL);
  store = g_file_new_for_path (store_path);

  loaded = cx_import_store_load_all (store, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 0);
  g_assert_null (warnings);
  g_clear_object (&loaded);

  first = import_file_ok (source_dir, "survey.geojson", survey, FALSE);
  second = import_file_ok (source_dir, "survey.geojson", survey, FALSE);
  third = import_file_ok (source_dir, "AMap export.geojson", gcj, TRUE);
  g_assert_cmpstr (cx_imported_layer_get_id (second), ==, "user-survey-1");
  g_signal_connect (second, "notify::id", G_CALLBACK (notify_cb), &id_notifications);

  /* A colour given before the layer is stored is stored with it. */
  cx_imported_layer_set_color (third, &(CxColor) { 0x12 / 255.0, 0x34 / 255.0, 0x56 / 255.0, 1 });
  g_assert_true (cx_import_store_save (first, store, &error));
  g_assert_no_error (error);
  g_assert_true (cx_import_store_save (second, store, &error));
  g_assert_no_error (error);
  g_assert_true (cx_import_store_save (third, store, &error));
  g_assert_no_error (error);

  /* The same file twice: two layers, two ids. */
  g_assert_cmpstr (cx_imported_layer_get_id (first), ==, "user-survey-1");
  g_assert_cmpstr (cx_imported_layer_get_id (second), ==, "user-survey-2");
  g_assert_cmpuint (id_notifications, ==, 1);
  g_assert_cmpstr (cx_imported_layer_get_id (third), ==, "user-amap-export-1");
  g_assert_true (cx_imported_layer_is_stored (first));

  listing = cx_test_listing (store_path, "");
  g_assert_cmpstr (listing, ==, "user-amap-export-1.geojson user-amap-export-1.json "
                                "user-survey-1.geojson user-survey-1.json user-survey-2.geojson user-survey-2.json");

  /* The document byte for byte, the settings private. */
  copy = read_text (store_path, "user-survey-2.geojson");
  g_assert_cmpstr (copy, ==, survey);
  sidecar_path = g_build_filename (store_path, "user-survey-2.json", NULL);
  g_assert_cmpint (g_stat (sidecar_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Changes are stored at once. */
  g_assert_true (cx_import_store_rename (second, store, "  Survey, second pass 第二次  ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cx_imported_layer_get_name (second), ==, "Survey, second pass 第二次");
  g_assert_true (cx_import_store_set_visible (first, store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (cx_imported_layer_get_visible (first));
  g_assert_true (cx_import_store_set_color (second, store, &(CxColor) { 1, 0.5, 0, 1 }, &error));
  g_assert_no_error (error);
  g_assert_true (cx_imported_layer_get_color (second, &color));

  g_assert_false (cx_import_store_rename (first, store, " \t", &error));
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_cmpstr (cx_imported_layer_get_name (first), ==, "survey");

  loaded = cx_import_store_load_all (store, &warnings, &error);
  g_assert_no_error (error);
  g_assert_null (warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (loaded), i);
      const char *id = cx_imported_layer_get_id (layer);
      g_autofree char *hex = NULL;

      g_assert_true (cx_imported_layer_is_stored (layer));
      if (g_str_equal (id, "user-survey-1"))
        {
          g_assert_cmpstr (cx_imported_layer_get_name (layer), ==, "survey");
          g_assert_false (cx_imported_layer_get_visible (layer));
          g_assert_false (cx_imported_layer_get_color (layer, &color));
          g_assert_cmpuint (n_features (layer), ==, 1);
          g_assert_cmpstr (cx_imported_feature_get_title (feature_at (layer, 0)), ==, "测量点");
        }
      else if (g_str_equal (id, "user-survey-2"))
        {
          g_assert_cmpstr (cx_imported_layer_get_name (layer), ==, "Survey, second pass 第二次");
          g_assert_true (cx_imported_layer_get_visible (layer));
          g_assert_true (cx_imported_layer_get_color (layer, &color));
          hex = cx_color_to_hex (&color);
          g_assert_cmpstr (hex, ==, "#ff8000");
          g_assert_cmpstr (cx_imported_layer_get_file_name (layer), ==, "survey.geojson");
        }
      else
        {
          const CxCoord *c;

          g_assert_cmpstr (id, ==, "user-amap-export-1");
          g_assert_true (cx_imported_layer_get_color (layer, &color));
          hex = cx_color_to_hex (&color);
          g_assert_cmpstr (hex, ==, "#123456");
          /* Converted again on load, from the original GCJ-02 document. */
          g_assert_true (cx_imported_layer_get_gcj02 (layer));
          c = cx_geometry_get_coords (cx_imported_feature_get_geometry (feature_at (layer, 0)));
          g_assert_cmpfloat (cx_haversine_distance (121.421, 31.221, c->x, c->y), >, 400);
        }
    }

  /* A colour that is not "#rrggbb" is as if there were none: the layer
   * loads, and the window gives it one again. */
  {
    g_autofree char *sidecar = read_text (store_path, "user-survey-2.json");
    g_autoptr(GString) edited = g_string_new (sidecar);
    g_autoptr(GListStore) again = NULL;
    g_autofree char *again_warnings = NULL;
    g_autofree char *path = g_build_filename (store_path, "user-survey-2.json", NULL);

    g_assert_cmpuint (g_string_replace (edited, "\"#ff8000\"", "\"orange\"", 0), ==, 1);
    g_assert_true (g_file_set_contents (path, edited->str, -1, &error));
    again = cx_import_store_load_all (store, &again_warnings, &error);
    g_assert_no_error (error);
    g_assert_null (again_warnings);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (again), i);

        if (g_str_equal (cx_imported_layer_get_id (layer), "user-survey-2"))
          g_assert_false (cx_imported_layer_get_color (layer, &color));
      }
  }

  /* Saving a stored layer again writes its settings, under the same id. */
  {
    g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
    g_autofree char *id = g_strdup (cx_imported_layer_get_id (layer));

    g_assert_true (cx_import_store_save (layer, store, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (cx_imported_layer_get_id (layer), ==, id);
  }

  /* Removing deletes both files; the others stay. */
  g_assert_true (cx_import_store_remove (second, store, &error));
  g_assert_no_error (error);
  g_assert_false (cx_imported_layer_is_stored (second));
  g_clear_pointer (&listing, g_free);
  listing = cx_test_listing (store_path, "user-survey");
  g_assert_cmpstr (listing, ==, "user-survey-1.geojson user-survey-1.json");

  /* A removed layer that is saved again has lost its text. */
  g_assert_false (cx_import_store_save (second, store, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  cx_test_remove_tree (source_dir);
}

static void
test_store_corrupt (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *store_path = g_build_filename (dir, "layers", NULL);
  g_autoptr(GFile) store = g_file_new_for_path (store_path);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *listing = NULL;
  const char *names[] = { "good.geojson", "badsettings.geojson", "baddoc.geojson", "orphan.geojson" };
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CxImportedLayer) layer = import_file_ok (dir, names[i], POINT, FALSE);

      g_assert_true (cx_import_store_save (layer, store, &error));
      g_assert_no_error (error);
    }

  /* A sidecar cut short, a document damaged, a sidecar gone. */
  g_object_unref (write_file (store_path, "user-badsettings-1.json", "{\"format\": \"changning-explorer-layer\", \"format_", -1));
  g_object_unref (write_file (store_path, "user-baddoc-1.geojson", "{\"type\": \"Point\", \"coordinates\": [121.4, 91]}", -1));
  {
    g_autofree char *path = g_build_filename (store_path, "user-orphan-1.json", NULL);
    g_assert_cmpint (g_unlink (path), ==, 0);
  }
  /* Not the store's: left alone. */
  g_object_unref (write_file (store_path, "notes.txt", "hello", -1));

  loaded = cx_import_store_load_all (store, &warnings, &error);
  g_assert_no_error (error);
  /* The documents that are intact come back, settings or not. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 3);
  {
    g_autoptr(CxImportedLayer) a = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
    g_autoptr(CxImportedLayer) b = g_list_model_get_item (G_LIST_MODEL (loaded), 1);
    g_autoptr(CxImportedLayer) c = g_list_model_get_item (G_LIST_MODEL (loaded), 2);

    /* Default settings sort first (no import time), by id. */
    g_assert_cmpstr (cx_imported_layer_get_id (a), ==, "user-badsettings-1");
    g_assert_cmpstr (cx_imported_layer_get_name (a), ==, "badsettings");
    g_assert_true (cx_imported_layer_get_visible (a));
    g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (a)), ==, 1);
    g_assert_cmpstr (cx_imported_layer_get_id (b), ==, "user-orphan-1");
    g_assert_cmpstr (cx_imported_layer_get_name (b), ==, "orphan");
    g_assert_cmpstr (cx_imported_layer_get_id (c), ==, "user-good-1");
  }

  g_assert_nonnull (warnings);
  g_test_message ("%s", warnings);
  lines = g_strsplit (warnings, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (warnings, "The layer user-badsettings-1 was restored with default settings"));
  g_assert_nonnull (strstr (warnings, "user-badsettings-1.json: not valid JSON: a string is not closed"));
  g_assert_nonnull (strstr (warnings, "they were kept as user-badsettings-1.json.corrupt-"));
  g_assert_nonnull (strstr (warnings, "The layer user-baddoc-1 could not be loaded"));
  g_assert_nonnull (strstr (warnings, "user-baddoc-1.geojson: feature 0: the point: latitude 91 is outside"));
  g_assert_nonnull (strstr (warnings, "The layer user-orphan-1 was restored with default settings"));
  g_assert_nonnull (strstr (warnings, "its settings file is missing"));

  /* Moved aside, not deleted. */
  listing = cx_test_listing (store_path, "user-bad");
  g_assert_true (g_str_has_prefix (listing, "user-baddoc-1.geojson.corrupt-"));
  g_assert_nonnull (strstr (listing, " user-baddoc-1.json.corrupt-"));
  g_assert_nonnull (strstr (listing, " user-badsettings-1.geojson "));
  g_assert_nonnull (strstr (listing, " user-badsettings-1.json "));
  g_assert_nonnull (strstr (listing, " user-badsettings-1.json.corrupt-"));
  g_clear_pointer (&listing, g_free);
  listing = cx_test_listing (store_path, "user-orphan");
  g_assert_cmpstr (listing, ==, "user-orphan-1.geojson user-orphan-1.json");

  /* The next start finds nothing more to complain about. */
  g_clear_object (&loaded);
  g_clear_pointer (&warnings, g_free);
  loaded = cx_import_store_load_all (store, &warnings, &error);
  g_assert_no_error (error);
  g_assert_null (warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 3);
  g_clear_pointer (&listing, g_free);
  listing = cx_test_listing (store_path, "notes");
  g_assert_cmpstr (listing, ==, "notes.txt");

  cx_test_remove_tree (dir);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cx_import_store_save_finish (CX_IMPORTED_LAYER (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

typedef struct
{
  gboolean    done;
  GListStore *store;
  char       *warnings;
} Loaded;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loaded *loaded = user_data;
  g_autoptr(GError) error = NULL;

  loaded->store = cx_import_store_load_all_finish (result, &loaded->warnings, &error);
  g_assert_no_error (error);
  loaded->done = TRUE;
}

static void
test_store_async (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *store_path = g_build_filename (dir, "layers", NULL);
  g_autoptr(GFile) store = g_file_new_for_path (store_path);
  g_autoptr(CxImportedLayer) layer = import_file_ok (dir, "plan.geojson", POINT, FALSE);
  g_autoptr(CxImportedLayer) reloaded = NULL;
  Loaded loaded = { 0, };
  gboolean saved = FALSE;

  cx_import_store_save_async (layer, store, NULL, saved_cb, &saved);
  /* The id is final only once saved; a rename meanwhile is not lost. */
  g_assert_false (cx_imported_layer_is_stored (layer));
  g_assert_true (cx_import_store_rename (layer, store, "Plan B", NULL));
  cx_test_wait_flag (&saved, WAIT_LIMIT_MS);
  g_assert_true (cx_imported_layer_is_stored (layer));
  g_assert_cmpstr (cx_imported_layer_get_id (layer), ==, "user-plan-1");

  cx_import_store_load_all_async (store, NULL, loaded_cb, &loaded);
  cx_test_wait_flag (&loaded.done, WAIT_LIMIT_MS);
  g_assert_null (loaded.warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded.store)), ==, 1);
  reloaded = g_list_model_get_item (G_LIST_MODEL (loaded.store), 0);
  g_assert_cmpstr (cx_imported_layer_get_id (reloaded), ==, "user-plan-1");
  g_assert_cmpstr (cx_imported_layer_get_name (reloaded), ==, "Plan B");
  g_clear_object (&loaded.store);

  /* Given a colour while saved, it keeps it. */
  {
    g_autoptr(CxImportedLayer) other = import_file_ok (dir, "wells.geojson", POINT, FALSE);
    g_autoptr(GListStore) all = NULL;
    CxColor color;

    saved = FALSE;
    cx_import_store_save_async (other, store, NULL, saved_cb, &saved);
    g_assert_true (cx_import_store_set_color (other, store, &(CxColor) { 0, 0, 1, 1 }, NULL));
    cx_test_wait_flag (&saved, WAIT_LIMIT_MS);
    all = cx_import_store_load_all (store, NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(CxImportedLayer) kept = g_list_model_get_item (G_LIST_MODEL (all), i);

        if (g_str_equal (cx_imported_layer_get_id (kept), "user-wells-1"))
          {
            g_assert_true (cx_imported_layer_get_color (kept, &color));
            g_assert_cmpfloat (color.blue, ==, 1);
          }
      }
  }

  /* Removed while it is saved: it does not come back at the next start. */
  {
    g_autoptr(CxImportedLayer) gone = import_file_ok (dir, "gone.geojson", POINT, FALSE);
    g_autoptr(GListStore) all = NULL;
    g_autofree char *listing = NULL;

    saved = FALSE;
    cx_import_store_save_async (gone, store, NULL, saved_cb, &saved);
    g_assert_true (cx_import_store_remove (gone, store, NULL));
    cx_test_wait_flag (&saved, WAIT_LIMIT_MS);
    g_assert_false (cx_imported_layer_is_stored (gone));
    listing = cx_test_listing (store_path, "user-gone");
    g_assert_cmpstr (listing, ==, "");
    all = cx_import_store_load_all (store, NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 2);
  }

  cx_test_remove_tree (dir);
}

static void
test_store_default_dir (void)
{
  g_autoptr(GFile) dir = cx_import_store_get_default_dir ();
  g_autofree char *path = g_file_get_path (dir);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "changning-explorer", "layers", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* The largest file is a quarter of the machine's memory, within 512 MiB
 * and 4 GiB; CX_IMPORT_MAX_FILE_MB sets it, within the same bounds. */
static void
test_size_limit_follows_memory (void)
{
  if (g_test_subprocess ())
    {
      goffset phys = (goffset) sysconf (_SC_PHYS_PAGES) * sysconf (_SC_PAGESIZE);
      goffset expected = CLAMP (phys / 4, CX_IMPORT_MIN_MAX_FILE_SIZE, (goffset) 4 << 30);

      if (g_strcmp0 (g_getenv ("CX_TEST_MEMORY_LIMIT"), "set") == 0)
        expected = (goffset) 3000 << 20;
      else if (g_strcmp0 (g_getenv ("CX_TEST_MEMORY_LIMIT"), "tiny") == 0)
        expected = CX_IMPORT_MIN_MAX_FILE_SIZE;
      g_assert_cmpint (cx_import_get_max_file_size (), ==, expected);
      g_assert_cmpint (cx_import_get_max_file_size (), >=, (goffset) 512 << 20);
      return;
    }

  {
    const char *unset_env[] = { "CX_TEST_MEMORY_LIMIT=derived", NULL };
    const char *set_env[] = { "CX_TEST_MEMORY_LIMIT=set", "CX_IMPORT_MAX_FILE_MB=3000", NULL };
    const char *tiny_env[] = { "CX_TEST_MEMORY_LIMIT=tiny", "CX_IMPORT_MAX_FILE_MB=1", NULL };

    g_test_trap_subprocess_with_envp (NULL, unset_env, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_subprocess_with_envp (NULL, set_env, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    /* Below the floor: the floor. */
    g_test_trap_subprocess_with_envp (NULL, tiny_env, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* The size limit of a machine with 2 GiB or less, whatever this one has
   * (/import/size-limit-follows-memory checks the rule itself). */
  if (g_getenv ("CX_TEST_MEMORY_LIMIT") == NULL)
    g_setenv ("CX_IMPORT_MAX_FILE_MB", "512", TRUE);
  /* Nothing here may touch the real data directory. */
  data_home = g_dir_make_tmp ("cx-import-xdg-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/every-geometry", test_every_geometry);
  g_test_add_func ("/import/size-limit-follows-memory", test_size_limit_follows_memory);
  g_test_add_func ("/import/type-last", test_type_last);
  g_test_add_func ("/import/bare-documents", test_bare_documents);
  g_test_add_func ("/import/3d-positions", test_3d_positions);
  g_test_add_func ("/import/rfc7946/empty-geometries", test_empty_geometries);
  g_test_add_func ("/import/rfc7946/long-positions", test_long_positions);
  g_test_add_func ("/import/rfc7946/polar-latitudes", test_polar_latitudes);
  g_test_add_func ("/import/rfc7946/foreign-data", test_foreign_data);
  g_test_add_func ("/import/not-text", test_not_text);
  g_test_add_func ("/import/unlocated", test_unlocated);
  g_test_add_func ("/import/properties", test_properties);
  g_test_add_func ("/import/properties-locale", test_properties_locale);
  g_test_add_func ("/import/non-latin", test_non_latin);
  g_test_add_func ("/import/names-and-ids", test_names_and_ids);
  g_test_add_func ("/import/simplestyle", test_simplestyle);
  g_test_add_func ("/import/layer-colour", test_layer_colour);
  g_test_add_func ("/import/text-limits", test_text_limits);
  g_test_add_func ("/import/gcj02", test_gcj02);
  g_test_add_func ("/import/bom", test_bom);
  g_test_add_func ("/import/crs", test_crs);

  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/refused/%s", refused_cases[i].name);

      g_test_add_data_func (path, &refused_cases[i], test_refused);
    }
  g_test_add_func ("/import/refused/deep-nesting", test_refused_deep_nesting);
  g_test_add_func ("/import/refused/like-pack-parser", test_refused_like_pack_parser);
  g_test_add_func ("/import/refused/too-large", test_refused_too_large);
  g_test_add_func ("/import/refused/unreadable", test_refused_unreadable);

  g_test_add_func ("/import/async", test_async);
  g_test_add_func ("/import/async-error", test_async_error);
  g_test_add_func ("/import/cancel/before", test_cancel_before);
  g_test_add_func ("/import/cancel/during", test_cancel_during);
  g_test_add_func ("/import/cancel/sync", test_cancel_sync);

  g_test_add_func ("/import/store/round-trip", test_store_round_trip);
  g_test_add_func ("/import/store/corrupt", test_store_corrupt);
  g_test_add_func ("/import/store/async", test_store_async);
  g_test_add_func ("/import/store/default-dir", test_store_default_dir);

  status = g_test_run ();

  cx_test_remove_tree (data_home);
  return status;
}
