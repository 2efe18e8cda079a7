/* test-import-fast.c: the importer's fast path never changes an outcome
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * src/import/cx-import-fast.c reads the common GeoJSON feature straight
 * from the bytes and leaves everything else to the slow way. Every input
 * here is imported with it and without it (CX_IMPORT_NO_FAST_PATH) and the
 * outcomes must be the same to the last bit (tests/fuzz/import-compare.h):
 * the same error, or the same features, properties, styles, coordinates,
 * unlocated and clamped counts. The inputs: the fuzz corpora and the
 * pack's GeoJSON files, hand-made cases on each edge of what the fast
 * path takes, generated documents of every shape, and those documents
 * damaged at random. tests/fuzz/fuzz-import-fast.c does the same with
 * what libFuzzer makes.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "cx-import-json.h"
#include "cx-json-util.h"
#include "../fuzz/import-compare.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static gboolean
under_valgrind (void)
{
  return g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL;
}

/* Both ways, with and without GCJ-02; fails the test naming @what. */
static void
assert_same (const char *what,
             GBytes     *bytes)
{
  for (int gcj02 = 0; gcj02 <= 1; gcj02++)
    {
      g_autofree char *difference = import_compare_both_ways (bytes, gcj02);

      if (difference != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          g_autofree char *start = g_strndup (data, MIN (size, 400));

          g_test_fail_printf ("%s (gcj02 %d): fast path %s\n%s", what, gcj02, difference, start);
          return;
        }
    }
}

static void
assert_same_text (const char *what,
                  const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  assert_same (what, bytes);
}

/* ------------------------------------------------------------------ */
/* Hand-made cases                                                     */
/* ------------------------------------------------------------------ */

#define FC(features) "{\"type\": \"FeatureCollection\", \"features\": [" features "]}"
#define PT "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}"
#define FEATURE(members) "{\"type\": \"Feature\", " members "}"
#define WITH_PROPS(props) FEATURE ("\"properties\": " props ", \"geometry\": " PT)
#define WITH_ID(id) FEATURE ("\"id\": " id ", \"properties\": {}, \"geometry\": " PT)
#define WITH_GEOMETRY(g) FEATURE ("\"id\": \"g\", \"properties\": {\"name\": \"x\"}, \"geometry\": " g)
#define RING(a) "[[121.4, " a "], [121.5, 31.2], [121.5, 31.3], [121.4, " a "]]"
#define SQUARE "[[121.40, 31.20], [121.41, 31.20], [121.41, 31.21], [121.40, 31.21], [121.40, 31.20]]"

typedef struct
{
  const char *name;
  const char *text;
} Case;

static const Case edge_cases[] = {
  /* What the fast path takes */
  { "plain", FC (WITH_PROPS ("{\"name\": \"a\", \"n\": 1, \"x\": 1.5, \"t\": true, \"f\": false, \"z\": null}")) },
  { "every-type",
    FC (WITH_GEOMETRY (PT) ","
        WITH_GEOMETRY ("{\"type\": \"MultiPoint\", \"coordinates\": [[121.4, 31.2], [121.5, 31.3]]}") ","
        WITH_GEOMETRY ("{\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [121.5, 31.3]]}") ","
        WITH_GEOMETRY ("{\"type\": \"MultiLineString\", \"coordinates\": [[[121.4, 31.2], [121.5, 31.3]], [[121.1, 31.2], [121.2, 31.3], [121.3, 31.1]]]}") ","
        WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [" SQUARE ", " RING ("31.25") "]}") ","
        WITH_GEOMETRY ("{\"type\": \"MultiPolygon\", \"coordinates\": [[" SQUARE "], [" RING ("31.2") ", " SQUARE "]]}")) },
  { "geometry-null", FC (FEATURE ("\"properties\": {\"a\": 1}, \"geometry\": null") "," WITH_GEOMETRY ("null")) },
  { "properties-null-and-missing", FC (WITH_PROPS ("null") "," FEATURE ("\"geometry\": " PT)) },
  { "properties-empty", FC (WITH_PROPS ("{}") "," WITH_PROPS ("{ }")) },
  { "ids", FC (WITH_ID ("\"a\"") "," WITH_ID ("7") "," WITH_ID ("-3") "," WITH_ID ("1.25") "," WITH_ID ("null") ","
               WITH_ID ("1e3") "," WITH_ID ("\"\"") "," WITH_ID ("9223372036854775807") "," WITH_ID ("0.1")) },
  { "bbox", FC (FEATURE ("\"bbox\": [121.4, 31.2, 121.4, 31.2], \"properties\": null, \"geometry\": " PT) ","
                FEATURE ("\"bbox\": [], \"geometry\": " PT)) },
  { "odd-member-order",
    FC ("{\"geometry\": {\"coordinates\": [[121.4, 31.2], [121.5, 31.3]], \"type\": \"LineString\"}, \"id\": 4, \"properties\": {\"b\": 2, \"a\": 1}, \"type\": \"Feature\"}") },
  { "white-space-everywhere",
    "\r\n{ \"type\" :\t\"FeatureCollection\" , \"features\" :\n[ \n{\n\"type\"\r\n:\n\"Feature\"\t,\t\"id\" : \"w\" , \"properties\" : { \"a\" : 1 , \"b\" : \"c\" , \"d\" : null } ,"
    " \"geometry\" : { \"type\" : \"Polygon\" , \"coordinates\" : [ [ [ 121.4 , 31.2 ] , [ 121.5 , 31.2 ] , [ 121.5 , 31.3 ] , [ 121.4 , 31.2 ] ] ] } } \n,\n"
    "  {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4,31.2]},\"properties\":{}}  ] \n}\n" },
  { "compact", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4,31.2]}}]}" },
  { "three-number-positions",
    FC (WITH_GEOMETRY ("{\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2, 5], [121.5, 31.3, -2.5e1]]}") ","
        WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2, 12345678901234567890123]}")) },
  { "four-number-positions", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2, 5, 6]}")) },
  { "one-number-position", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4]}")) },
  { "polar-latitudes",
    FC (WITH_GEOMETRY ("{\"type\": \"LineString\", \"coordinates\": [[0, 89], [1, -89], [2, 85.0511287798], [3, 85.05112877981], [4, 90], [5, -90], [6, -85.06]]}") ","
        WITH_GEOMETRY ("{\"type\": \"MultiPoint\", \"coordinates\": [[0, 86], [1, 87]]}")) },
  { "latitude-91", FC (WITH_PROPS ("{}") "," WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, 90.0000001]}")) },
  { "longitude-181", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [180.0000001, 31.2]}")) },
  { "longitude-edges", FC (WITH_GEOMETRY ("{\"type\": \"MultiPoint\", \"coordinates\": [[180, 0], [-180, 0], [-0, -0], [-0.0, 0.0], [0e5, -0e-3]]}")) },
  /* A ring closed only once its latitudes are clamped, as the slow way compares them. */
  { "ring-closed-by-clamping",
    FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [[[0, 86], [1, 80], [2, 80], [0, 87]]]}")) },
  { "ring-not-closed", FC (WITH_PROPS ("{}") "," WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [" RING ("31.2") ", [[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.25]]]}")) },
  { "ring-closed-by-minus-zero", FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [-0.0, -0]]]}")) },
  { "ring-too-short", FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [[[121.4, 31.2], [121.5, 31.2], [121.4, 31.2]]]}")) },
  { "ring-empty", FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [[]]}")) },
  { "line-one-position", FC (WITH_GEOMETRY ("{\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2]]}")) },
  { "multi-line-short-member", FC (WITH_GEOMETRY ("{\"type\": \"MultiLineString\", \"coordinates\": [[[121.4, 31.2], [121.5, 31.3]], [[121.4, 31.2]]]}")) },
  { "multi-polygon-empty-member", FC (WITH_GEOMETRY ("{\"type\": \"MultiPolygon\", \"coordinates\": [[" SQUARE "], []]}")) },
  { "multi-polygon-hole-open", FC (WITH_GEOMETRY ("{\"type\": \"MultiPolygon\", \"coordinates\": [[" SQUARE ", [[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.3]]]]}")) },
  { "empty-coordinates", FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": []}") "," WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": []}")) },
  { "mixed-depths", FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [" SQUARE ", [121.4, 31.2]]}")) },
  { "wrong-depths",
    FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [[121.4, 31.2]]}")) },
  { "wrong-depth-line", FC (WITH_GEOMETRY ("{\"type\": \"LineString\", \"coordinates\": [121.4, 31.2]}")) },
  { "wrong-depth-multipoint", FC (WITH_GEOMETRY ("{\"type\": \"MultiPoint\", \"coordinates\": [[[121.4, 31.2]]]}")) },
  { "too-deep-coordinates", FC (WITH_GEOMETRY ("{\"type\": \"MultiPolygon\", \"coordinates\": [[[[[121.4, 31.2]]]]]}")) },
  { "coordinate-not-number", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, \"31.2\"]}")) },
  { "coordinate-null", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, null]}")) },
  { "coordinate-1e400", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, 1e400]}")) },
  { "coordinate-huge-integer", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [12345678901234567890123, 31.2]}")) },
  { "coordinate-forms",
    FC (WITH_GEOMETRY ("{\"type\": \"MultiPoint\", \"coordinates\": [[1.214e2, 3.12E+1], [121, 31], [121.40000000000000568, 31.199999999999999289],"
                       " [121.4165123456789, 31.2232], [0.000000000000000000000001, 1e-300], [12e-1, 5E0], [-179.99999999999999999, 0.1]]}")) },
  { "geometry-extra-member", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2], \"bbox\": [1, 2]}")) },
  { "geometry-no-type", FC (WITH_GEOMETRY ("{\"coordinates\": [121.4, 31.2]}")) },
  { "geometry-no-coordinates", FC (WITH_GEOMETRY ("{\"type\": \"Point\"}")) },
  { "geometry-empty-object", FC (WITH_GEOMETRY ("{}")) },
  { "geometry-array", FC (WITH_GEOMETRY ("[]")) },
  { "geometry-unknown-type", FC (WITH_GEOMETRY ("{\"type\": \"Circle\", \"coordinates\": [121.4, 31.2]}")) },
  { "geometry-type-number", FC (WITH_GEOMETRY ("{\"type\": 3, \"coordinates\": [121.4, 31.2]}")) },
  { "geometry-collection",
    FC (WITH_GEOMETRY ("{\"type\": \"GeometryCollection\", \"geometries\": [" PT ", {\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [121.5, 31.3]]}]}")) },
  { "geometry-missing", FC (WITH_PROPS ("{}") "," FEATURE ("\"properties\": {}")) },
  /* Escapes and other strings */
  { "escape-in-value", FC (WITH_PROPS ("{\"a\": \"x\\ny\", \"b\": \"\\u00e9\\\"\\\\\\/\"}")) },
  { "escape-in-key", FC (WITH_PROPS ("{\"k\\u00e9y\": 1}")) },
  { "escape-in-id", FC (WITH_ID ("\"a\\tb\"")) },
  { "escape-in-type", FC (FEATURE ("\"type\": \"Feat\\u0075re\", \"geometry\": " PT)) },
  { "escape-in-feature-member", FC ("{\"typ\\u0065\": \"Feature\", \"geometry\": " PT "}") },
  { "escape-in-geometry-type", FC (WITH_GEOMETRY ("{\"type\": \"Po\\u0069nt\", \"coordinates\": [121.4, 31.2]}")) },
  { "nul-in-value", FC (WITH_PROPS ("{\"a\": \"x\\u0000y\"}")) },
  { "nul-in-key", FC (WITH_PROPS ("{\"a\\u0000\": 1}")) },
  { "nul-in-id", FC (WITH_ID ("\"\\u0000\"")) },
  { "nul-in-geometry-type", FC (WITH_GEOMETRY ("{\"type\": \"Point\\u0000\", \"coordinates\": [121.4, 31.2]}")) },
  { "lone-surrogate-in-value", FC (WITH_PROPS ("{\"a\": \"\\ud800\"}")) },
  { "surrogate-pair", FC (WITH_PROPS ("{\"a\": \"\\ud83d\\ude00\"}")) },
  { "raw-control-character", FC (WITH_PROPS ("{\"a\": \"x\ty\"}")) },
  { "raw-control-in-key", FC (WITH_PROPS ("{\"a\nb\": 1}")) },
  { "bad-escape", FC (WITH_PROPS ("{\"a\": \"\\x\"}")) },
  { "non-latin", FC (FEATURE ("\"id\": \"长宁-1\", \"properties\": {\"名称\": \"中山公园\", \"title\": \"虹桥\", \"note\": \"\xe2\x80\xa8\"}, \"geometry\": " PT)) },
  { "empty-strings", FC (FEATURE ("\"id\": \"\", \"properties\": {\"\": \"\", \"title\": \"\"}, \"geometry\": " PT)) },
  /* Members twice */
  { "feature-type-twice", FC ("{\"type\": \"Feature\", \"type\": \"Feature\", \"geometry\": " PT "}") },
  { "feature-id-twice", FC (FEATURE ("\"id\": 1, \"id\": 2, \"geometry\": " PT)) },
  { "feature-properties-twice", FC (FEATURE ("\"properties\": {}, \"properties\": null, \"geometry\": " PT)) },
  { "feature-geometry-twice", FC (FEATURE ("\"geometry\": null, \"geometry\": " PT)) },
  { "feature-bbox-twice", FC (FEATURE ("\"bbox\": [], \"bbox\": [], \"geometry\": " PT)) },
  { "geometry-type-twice", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"type\": \"Point\", \"coordinates\": [121.4, 31.2]}")) },
  { "geometry-coordinates-twice", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2], \"coordinates\": [121.5, 31.2]}")) },
  { "property-twice", FC (WITH_PROPS ("{\"a\": 1, \"b\": 2, \"a\": \"last\"}")) },
  { "property-twice-many",
    FC (WITH_PROPS ("{\"p1\": 1, \"p2\": 2, \"p3\": 3, \"p4\": 4, \"p5\": 5, \"p6\": 6, \"p7\": 7, \"p8\": 8, \"p9\": 9, \"p10\": 10, \"p3\": \"again\"}")) },
  { "many-properties",
    FC (WITH_PROPS ("{\"p1\": 1, \"p2\": 2, \"p3\": 3, \"p4\": 4, \"p5\": 5, \"p6\": 6, \"p7\": 7, \"p8\": 8, \"p9\": 9, \"p10\": 10, \"p11\": 11, \"title\": \"t\"}")) },
  { "property-names-alike", FC (WITH_PROPS ("{\"a\": 1, \"ab\": 2, \"abc\": 3, \"b\": 4, \"ba\": 5}")) },
  /* Values the fast path leaves */
  { "nested-object", FC (WITH_PROPS ("{\"a\": {\"b\": [1, 2.5, \"c\", null, true]}, \"z\": 1}")) },
  { "nested-array", FC (WITH_PROPS ("{\"a\": [], \"b\": [1e400]}")) },
  { "huge-integer-property", FC (WITH_PROPS ("{\"a\": 12345678901234567890123, \"b\": -9223372036854775808, \"c\": 9223372036854775808}")) },
  { "huge-integer-id", FC (WITH_ID ("12345678901234567890123")) },
  { "1e400-property", FC (WITH_PROPS ("{\"a\": 1e400, \"b\": -1E+999}")) },
  { "1e400-id", FC (WITH_ID ("1e400")) },
  { "1e400-bbox", FC (FEATURE ("\"bbox\": [1e400], \"geometry\": " PT)) },
  { "bbox-nested", FC (FEATURE ("\"bbox\": [[1, 2]], \"geometry\": " PT)) },
  { "bbox-object", FC (FEATURE ("\"bbox\": {}, \"geometry\": " PT)) },
  { "minus-zero", FC (WITH_PROPS ("{\"a\": -0, \"b\": -0.0, \"c\": 0, \"d\": -0e0}") "," WITH_ID ("-0") "," WITH_ID ("-0.0")) },
  { "number-texts",
    FC (WITH_PROPS ("{\"a\": 0.1, \"b\": 1e5, \"c\": 1E-7, \"d\": 123456789012345.6, \"e\": 0.30000000000000004, \"f\": 5e-324,"
                    " \"g\": 1.7976931348623157e308, \"h\": 100.0, \"i\": 1.50, \"j\": 12.3, \"k\": -7.25, \"l\": 1234567890123456789,"
                    " \"m\": 0.000001, \"n\": 1e21, \"o\": 123456789012345678, \"p\": 2.5e-5, \"q\": 99999999999999999999.5}")) },
  { "id-types-refused", FC (WITH_ID ("true")) },
  { "id-object", FC (WITH_ID ("{}")) },
  { "properties-array", FC (WITH_PROPS ("[]")) },
  { "properties-string", FC (WITH_PROPS ("\"x\"")) },
  { "simplestyle",
    FC (WITH_PROPS ("{\"title\": \"T\", \"description\": \"D\", \"stroke\": \"#abc\", \"stroke-width\": 3.5, \"stroke-opacity\": 0.5,"
                    " \"fill\": \"00ff00\", \"fill-opacity\": 0.25, \"marker-color\": \"#11223344\"}") ","
        WITH_PROPS ("{\"title\": 5, \"stroke\": \"red\", \"stroke-width\": 25, \"fill-opacity\": 2, \"description\": null, \"marker-color\": true}") ","
        WITH_PROPS ("{\"title\": \"a\", \"title\": \"b\"}")) },
  { "literals-glued", FC (WITH_PROPS ("{\"a\": truex}")) },
  { "literal-cut", FC (WITH_PROPS ("{\"a\": tru}")) },
  { "trailing-comma-properties", FC (WITH_PROPS ("{\"a\": 1,}")) },
  { "trailing-comma-coordinates", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2,]}")) },
  { "trailing-comma-feature", FC ("{\"type\": \"Feature\", \"geometry\": " PT ",}") },
  { "missing-colon", FC (WITH_PROPS ("{\"a\" 1}")) },
  { "missing-comma", FC (FEATURE ("\"properties\": {} \"geometry\": " PT)) },
  { "malformed-number", FC (WITH_PROPS ("{\"a\": 01}")) },
  { "malformed-coordinate", FC (WITH_GEOMETRY ("{\"type\": \"Point\", \"coordinates\": [121., 31.2]}")) },
  { "feature-members-unknown", FC (FEATURE ("\"foo\": 1, \"geometry\": " PT)) },
  { "feature-type-wrong", FC ("{\"type\": \"feature\", \"geometry\": " PT "}") },
  { "feature-type-number", FC ("{\"type\": 1, \"geometry\": " PT "}") },
  { "feature-no-type", FC ("{\"geometry\": " PT "}") },
  { "feature-empty", FC ("{}") },
  /* Elements that are not objects */
  { "element-number", FC (WITH_PROPS ("{}") ", 7") },
  { "element-string", FC ("\"Feature\"") },
  { "element-array", FC ("[]") },
  { "element-null", FC ("null") },
  { "element-true", FC (WITH_PROPS ("{}") ", true") },
  /* Around the streamed array */
  { "empty-features", FC ("") },
  { "features-before-type",
    "{\"features\": [" WITH_PROPS ("{\"a\": 1}") "], \"type\": \"FeatureCollection\"}" },
  { "crs-accepted",
    "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4326\"}}, \"features\": [" WITH_PROPS ("{}") "]}" },
  { "crs-projected",
    "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:3857\"}}, \"features\": [" WITH_PROPS ("{}") "]}" },
  { "crs-after-features",
    "{\"type\": \"FeatureCollection\", \"features\": [" WITH_PROPS ("{}") "], \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:3857\"}}}" },
  { "crs-projected-unlocated",
    "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:3857\"}}, \"features\": [" FEATURE ("\"geometry\": null") "]}" },
  { "truncated-after-feature", "{\"type\": \"FeatureCollection\", \"features\": [" WITH_PROPS ("{}") },
  { "truncated-in-feature", "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31" },
  { "text-after", FC (WITH_PROPS ("{}")) " x" },
  { "single-feature", WITH_PROPS ("{\"a\": 1}") },
  { "bare-geometry", PT },
  { "features-nested-deep", FC (WITH_PROPS ("{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")) },
};

static void
test_edge_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (edge_cases); i++)
    assert_same_text (edge_cases[i].name, edge_cases[i].text);
}

/* Texts longer than the display limit, in every place a text goes. */
static void
test_long_texts (void)
{
  g_autofree char *long_text = g_strnfill (CX_IMPORT_MAX_TEXT_BYTES + 10, 'x');
  g_autofree char *text = g_strdup_printf (FC (FEATURE ("\"id\": \"%s\", \"properties\": {\"title\": \"%s\", \"%s\": \"%s\", \"d\": \"长%s\"}, \"geometry\": " PT)),
                                           long_text, long_text, long_text, long_text, long_text);

  assert_same_text ("long-texts", text);
}

/* ------------------------------------------------------------------ */
/* The fast path is taken                                              */
/* ------------------------------------------------------------------ */

/* The differential tests would pass with a fast path that takes nothing. */
static void
test_taken (void)
{
  static const struct
  {
    const char *text;
    guint       n_fast;
  } cases[] = {
    { edge_cases[0].text, 1 },   /* plain */
    { FC (WITH_PROPS ("{}") "," WITH_GEOMETRY ("null") "," WITH_PROPS ("{\"a\": [1]}")), 2 },
    { FC (WITH_PROPS ("{\"a\": \"\\n\"}")), 0 },
    { FC (WITH_PROPS ("{\"a\": 1, \"a\": 2}")), 0 },
    { FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [" SQUARE "]}")), 1 },
    { FC (WITH_GEOMETRY ("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0.5]]]}")), 0 },
    { "{\"features\": [" WITH_PROPS ("{}") "], \"type\": \"FeatureCollection\"}", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(CxImportedLayer) layer = NULL;
      guint before = cx_import_fast_get_n_read ();

      layer = import_compare_import (bytes, FALSE, FALSE, &error);
      g_assert_cmpuint (cx_import_fast_get_n_read (), ==, before);
      g_clear_object (&layer);
      g_clear_error (&error);

      layer = import_compare_import (bytes, FALSE, TRUE, &error);
      g_assert_cmpuint (cx_import_fast_get_n_read () - before, ==, cases[i].n_fast);
    }
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static void
compare_folder (const char *path,
                gboolean    flag_byte,
                guint      *n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;

      if (name[0] == '.' || g_file_test (file, G_FILE_TEST_IS_DIR))
        continue;
      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      assert_same (file, bytes);
      if (flag_byte && length > 0)
        {
          g_autoptr(GBytes) document = g_bytes_new_from_bytes (bytes, 1, length - 1);

          assert_same (file, document);
        }
      (*n_files)++;
    }
}

/* Every GeoJSON the tests and the pack already have. The import corpora
 * hold a byte before the document (GCJ-02 or not), the others none: both
 * are fed as they are, and the first are also fed without that byte. */
static void
test_fixtures (void)
{
  static const char * const folders[] = {
    "fuzz/corpus/import", "fuzz/regressions/import",
    "fuzz/corpus/import-fast", "fuzz/regressions/import-fast",
    "fuzz/corpus/geojson", "fuzz/regressions/geojson",
  };
  const char *root = g_getenv ("CX_SOURCE_ROOT");
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, folders[i], NULL);

      compare_folder (path, g_str_has_prefix (folders[i] + strlen ("fuzz/"), "corpus/import") ||
                            g_str_has_prefix (folders[i] + strlen ("fuzz/"), "regressions/import"),
                      &n_files);
    }

  g_assert_nonnull (root);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (root, "data", "packs", "changning",
                                                i == 0 ? "features.geojson" : "basemap.geojson", NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      assert_same (path, bytes);
      n_files++;
    }

  g_test_message ("%u files compared", n_files);
  g_assert_cmpuint (n_files, >=, 30);
}

/* ------------------------------------------------------------------ */
/* Generated documents                                                 */
/* ------------------------------------------------------------------ */

typedef struct
{
  GRand   *rand;
  GString *out;
} Gen;

static gboolean
chance (Gen    *g,
        double  p)
{
  return g_rand_double (g->rand) < p;
}

static guint
pick (Gen   *g,
      guint  n)
{
  return (guint) g_rand_int_range (g->rand, 0, (gint32) n);
}

static void
space (Gen *g)
{
  static const char * const spaces[] = { " ", "\n", "\t", "\r\n  ", "  " };

  if (chance (g, 0.2))
    g_string_append (g->out, spaces[pick (g, G_N_ELEMENTS (spaces))]);
}

static void
number (Gen    *g,
        double  low,
        double  high)
{
  double value = g_rand_double_range (g->rand, low, high);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (pick (g, 10))
    {
    case 0:
      g_string_append_printf (g->out, "%d", (int) value);
      break;
    case 1:
      g_string_append (g->out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
      break;
    case 2:
      g_string_append (g->out, g_ascii_formatd (buffer, sizeof buffer, "%.3e", value));
      break;
    case 3:
      g_string_append (g->out, g_ascii_formatd (buffer, sizeof buffer, "%.20f", value));
      break;
    default:
      g_string_append (g->out, g_ascii_formatd (buffer, sizeof buffer, "%.7f", value));
      break;
    }
}

static void
position (Gen    *g,
          double *first_x,
          double *first_y,
          gboolean repeat)
{
  static const double edge_latitudes[] = { 86, -89.5, 90, -90, 85.0511287798, 90.5, 0, -0.0 };
  static const double edge_longitudes[] = { 180, -180, 180.5, -0.0 };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double x = repeat ? *first_x : g_rand_double_range (g->rand, 121.3, 121.5);
  double y = repeat ? *first_y : g_rand_double_range (g->rand, 31.1, 31.3);

  /* Now and then the poles, the edges, or beyond. */
  if (!repeat && chance (g, 0.02))
    y = edge_latitudes[pick (g, G_N_ELEMENTS (edge_latitudes))];
  if (!repeat && chance (g, 0.005))
    x = edge_longitudes[pick (g, G_N_ELEMENTS (edge_longitudes))];
  if (!repeat)
    *first_x = x, *first_y = y;

  g_string_append_c (g->out, '[');
  space (g);
  g_string_append (g->out, g_ascii_formatd (buffer, sizeof buffer, chance (g, 0.8) ? "%.7f" : "%.17g", x));
  g_string_append_c (g->out, ',');
  space (g);
  g_string_append (g->out, g_ascii_formatd (buffer, sizeof buffer, chance (g, 0.8) ? "%.7f" : "%.17g", y));
  if (chance (g, 0.1))
    {
      g_string_append (g->out, ", ");
      number (g, -10, 100);
    }
  if (chance (g, 0.01))
    g_string_append (g->out, ", 7");
  space (g);
  g_string_append_c (g->out, ']');
}

/* @n positions; a ring's last repeats its first, but now and then. */
static void
positions (Gen      *g,
           guint     n,
           gboolean  ring)
{
  double first_x = 0, first_y = 0;
  gsize first_start = 0, first_end = 0;

  g_string_append_c (g->out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (g->out, ',');
      space (g);
      if (i == 0)
        first_start = g->out->len;
      if (ring && i > 0 && i == n - 1 && !chance (g, 0.01))
        {
          /* The first again, as written. */
          g_autofree char *first = g_strndup (g->out->str + first_start, first_end - first_start);

          g_string_append (g->out, first);
        }
      else
        position (g, &first_x, &first_y, FALSE);
      if (i == 0)
        first_end = g->out->len;
    }
  g_string_append_c (g->out, ']');
}

static guint
count (Gen   *g,
       guint  usual_min,
       guint  usual_max)
{
  /* Now and then one short of what a type needs. */
  if (chance (g, 0.01))
    return usual_min > 0 ? usual_min - 1 : 0;
  return usual_min + pick (g, usual_max - usual_min + 1);
}

static void
geometry (Gen *g)
{
  static const char * const types[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
  };
  guint t = pick (g, G_N_ELEMENTS (types) + 1);
  double x = 0, y = 0;
  gboolean type_last = chance (g, 0.2);

  if (t == G_N_ELEMENTS (types))
    {
      g_string_append (g->out, "{\"type\": \"GeometryCollection\", \"geometries\": [");
      geometry (g);
      g_string_append (g->out, "]}");
      return;
    }

  g_string_append_c (g->out, '{');
  space (g);
  if (!type_last)
    g_string_append_printf (g->out, "\"type\":%s\"%s\", ", chance (g, 0.5) ? " " : "", types[t]);
  g_string_append (g->out, "\"coordinates\":");
  space (g);
  if (chance (g, 0.02))
    g_string_append (g->out, "[]");
  else
    switch (t)
      {
      case 0:
        position (g, &x, &y, FALSE);
        break;
      case 1:
      case 2:
        positions (g, count (g, 2, 6), FALSE);
        break;
      case 3:
      case 4:
        {
          guint n = count (g, 1, 3);

          g_string_append_c (g->out, '[');
          for (guint i = 0; i < n; i++)
            {
              if (i > 0)
                g_string_append (g->out, ", ");
              positions (g, t == 3 ? count (g, 2, 5) : count (g, 4, 9), t == 4);
            }
          g_string_append_c (g->out, ']');
        }
        break;
      default:
        {
          guint n = count (g, 1, 3);

          g_string_append_c (g->out, '[');
          for (guint i = 0; i < n; i++)
            {
              guint n_rings = count (g, 1, 2);

              g_string_append (g->out, i > 0 ? ", [" : "[");
              for (guint r = 0; r < n_rings; r++)
                {
                  if (r > 0)
                    g_string_append (g->out, ", ");
                  positions (g, count (g, 4, 8), TRUE);
                }
              g_string_append_c (g->out, ']');
            }
          g_string_append_c (g->out, ']');
        }
        break;
      }
  if (type_last)
    g_string_append_printf (g->out, ", \"type\": \"%s\"", types[t]);
  if (chance (g, 0.01))
    g_string_append (g->out, ", \"bbox\": [0, 0, 1, 1]");
  space (g);
  g_string_append_c (g->out, '}');
}

static void
value (Gen *g)
{
  static const char * const texts[] = {
    "\"\"", "\"plain\"", "\"虹桥路 1号\"", "\"#3a8a4a\"", "\"#abc\"", "\"a\\nb\"", "\"\\u00e9\"",
    "\"x\\u0000\"", "\"q\\\"\"", "\"0.5\"", "\"\xe2\x80\xa8\"",
    "true", "false", "null", "0", "-0", "7", "-12", "0.4", "1.5e3", "-0.0", "1e400",
    "12345678901234567890", "9223372036854775807", "[1, 2]", "{\"k\": \"v\"}", "[]", "{}",
  };

  if (chance (g, 0.5))
    number (g, -1e6, 1e6);
  else
    g_string_append (g->out, texts[pick (g, G_N_ELEMENTS (texts))]);
}

static void
properties (Gen *g)
{
  static const char * const keys[] = {
    "name", "title", "description", "stroke", "stroke-width", "stroke-opacity", "fill",
    "fill-opacity", "marker-color", "height", "use", "名称", "", "k\\u00e9y", "a", "b",
  };
  guint n = pick (g, 12);

  if (chance (g, 0.1))
    {
      g_string_append (g->out, chance (g, 0.95) ? "null" : "[]");
      return;
    }

  g_string_append_c (g->out, '{');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (g->out, ',');
      space (g);
      if (chance (g, 0.7))
        g_string_append_printf (g->out, "\"%s\"", keys[pick (g, G_N_ELEMENTS (keys))]);
      else
        g_string_append_printf (g->out, "\"p%u\"", i);
      g_string_append_c (g->out, ':');
      space (g);
      value (g);
    }
  space (g);
  g_string_append_c (g->out, '}');
}

static void
feature (Gen   *g,
         guint  index)
{
  static const char * const not_objects[] = { "7", "null", "[]", "\"Feature\"" };
  guint order[5] = { 0, 1, 2, 3, 4 };
  gboolean first = TRUE;

  if (chance (g, 0.003))
    {
      g_string_append (g->out, not_objects[pick (g, G_N_ELEMENTS (not_objects))]);
      return;
    }

  /* Usually "type" first and "geometry" last, as most tools write them. */
  if (chance (g, 0.3))
    for (guint i = 4; i > 0; i--)
      {
        guint j = pick (g, i + 1), k = order[i];

        order[i] = order[j];
        order[j] = k;
      }

  g_string_append_c (g->out, '{');
  for (guint m = 0; m < G_N_ELEMENTS (order); m++)
    {
      if (order[m] == 1 && chance (g, 0.3))
        continue;   /* no "id" */
      if (order[m] == 4 && !chance (g, 0.05))
        continue;   /* "bbox" now and then */
      if (!first)
        g_string_append_c (g->out, ',');
      first = FALSE;
      space (g);

      switch (order[m])
        {
        case 0:
          g_string_append (g->out, chance (g, 0.99) ? "\"type\": \"Feature\"" : "\"type\": \"feature\"");
          break;
        case 1:
          if (chance (g, 0.5))
            g_string_append_printf (g->out, "\"id\": %u", index);
          else if (chance (g, 0.9))
            g_string_append_printf (g->out, "\"id\": \"%s-%u\"", chance (g, 0.5) ? "id" : "地块", index);
          else
            {
              g_string_append (g->out, "\"id\": ");
              value (g);
            }
          break;
        case 2:
          g_string_append (g->out, "\"properties\": ");
          properties (g);
          break;
        case 3:
          g_string_append (g->out, "\"geometry\": ");
          if (chance (g, 0.05))
            g_string_append (g->out, "null");
          else
            geometry (g);
          break;
        default:
          g_string_append (g->out, "\"bbox\": [121.3, 31.1, 121.5, 31.3]");
          break;
        }
    }
  if (chance (g, 0.01))
    g_string_append (g->out, ", \"extra\": 1");
  if (chance (g, 0.005))
    g_string_append (g->out, ", \"type\": \"Feature\"");
  space (g);
  g_string_append_c (g->out, '}');
}

static void
document (Gen *g)
{
  guint n = 1 + pick (g, 12);

  g_string_truncate (g->out, 0);
  g_string_append (g->out, "{\"type\": \"FeatureCollection\",");
  space (g);
  if (chance (g, 0.03))
    g_string_append (g->out, "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:3857\"}}, ");
  g_string_append (g->out, "\"features\": [");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (g->out, ',');
      space (g);
      feature (g, i);
    }
  space (g);
  g_string_append (g->out, "]}");
}

/* A few random edits: what a truncated download, a bad merge or a hand
 * edit leaves, and what keeps the slow way's refusals busy. */
static void
damage (Gen *g)
{
  static const char alphabet[] = "{}[]\",:0123456789.eE-+ \\utruefalsn";
  guint n = 1 + pick (g, 3);

  for (guint i = 0; i < n && g->out->len > 0; i++)
    {
      guint at = pick (g, g->out->len);

      switch (pick (g, 4))
        {
        case 0:
          g_string_erase (g->out, at, 1);
          break;
        case 1:
          g_string_insert_c (g->out, at, alphabet[pick (g, sizeof alphabet - 1)]);
          break;
        case 2:
          g->out->str[at] = alphabet[pick (g, sizeof alphabet - 1)];
          break;
        default:
          {
            guint n_bytes = MIN (1 + pick (g, 20), g->out->len - at);
            g_autofree char *span = g_strndup (g->out->str + at, n_bytes);

            g_string_insert (g->out, pick (g, g->out->len), span);
          }
          break;
        }
    }
}

static void
test_generated (void)
{
  Gen g = { g_rand_new_with_seed (20261207), g_string_new (NULL) };
  guint n = under_valgrind () ? 150 : 3000;
  guint n_ok = 0, before = cx_import_fast_get_n_read ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("generated %u", i);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CxImportedLayer) layer = NULL;

      document (&g);
      if (i % 2 == 1)
        damage (&g);
      bytes = g_bytes_new (g.out->str, g.out->len);
      assert_same (name, bytes);

      layer = import_compare_import (bytes, FALSE, TRUE, &error);
      n_ok += layer != NULL;
    }

  /* Both kinds are there: imported layers, and refusals. */
  g_test_message ("%u of %u generated documents imported, %u elements read the fast way",
                  n_ok, n, cx_import_fast_get_n_read () - before);
  g_assert_cmpuint (n_ok, >, n / 20);
  g_assert_cmpuint (n_ok, <, n - n / 20);
  g_assert_cmpuint (cx_import_fast_get_n_read () - before, >, n / 2);

  g_string_free (g.out, TRUE);
  g_rand_free (g.rand);
}

/* What build-aux/bench imports: points and footprints, many of them. */
static void
test_bench_shapes (void)
{
  g_autoptr(GString) out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GBytes) bytes = NULL;
  guint n = under_valgrind () ? 200 : 5000;
  guint before = cx_import_fast_get_n_read ();

  for (guint i = 0; i < n; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];
      double cx = g_rand_double_range (rand, 121.36, 121.44);
      double cy = g_rand_double_range (rand, 31.19, 31.23);

      g_ascii_formatd (height, sizeof height, "%.1f", g_rand_double_range (rand, 3, 100));
      if (i % 2 == 0)
        {
          g_ascii_formatd (lon, sizeof lon, "%.7f", cx);
          g_ascii_formatd (lat, sizeof lat, "%.7f", cy);
          g_string_append_printf (out, "%s{\"type\":\"Feature\",\"id\":%u,\"properties\":{\"name\":\"站点 %u\",\"kind\":\"shop\","
                                  "\"visits\":%d,\"open\":%s},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}",
                                  i == 0 ? "" : ",\n", i, i, g_rand_int_range (rand, 0, 5000),
                                  i % 3 ? "true" : "false", lon, lat);
          continue;
        }

      g_string_append_printf (out, ",\n{\"type\":\"Feature\",\"id\":%u,\"properties\":{\"name\":\"%u号楼\",\"use\":\"office\","
                              "\"height\":%s,\"floors\":%d},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                              i, i % 200 + 1, height, g_rand_int_range (rand, 1, 33));
      for (guint v = 0; v <= 8; v++)
        {
          double angle = 2 * G_PI * (v % 8) / 8;

          g_ascii_formatd (lon, sizeof lon, "%.7f", cx + 1e-4 * cos (angle));
          g_ascii_formatd (lat, sizeof lat, "%.7f", cy + 1e-4 * sin (angle));
          g_string_append_printf (out, "%s[%s,%s]", v == 0 ? "" : ",", lon, lat);
        }
      g_string_append (out, "]]}}");
    }
  g_string_append (out, "\n]}\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  assert_same ("points and footprints", bytes);
  /* Twice (with and without GCJ-02), every one of them the fast way. */
  g_assert_cmpuint (cx_import_fast_get_n_read () - before, ==, 2 * n);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/* A number as JSON allows it, of every length and form. */
static void
random_number_text (GRand   *rand,
                    GString *out)
{
  guint n_whole = g_rand_int_range (rand, 1, 21), n_fraction = g_rand_int_range (rand, 0, 26);

  g_string_truncate (out, 0);
  if (g_rand_boolean (rand))
    g_string_append_c (out, '-');
  if (g_rand_int_range (rand, 0, 4) == 0)
    g_string_append_c (out, '0');
  else
    for (guint i = 0; i < n_whole; i++)
      g_string_append_c (out, (char) ('0' + g_rand_int_range (rand, i == 0 ? 1 : 0, 10)));
  if (n_fraction > 0 && g_rand_boolean (rand))
    {
      g_string_append_c (out, '.');
      for (guint i = 0; i < n_fraction; i++)
        /* Zeros often: leading and trailing ones count differently. */
        g_string_append_c (out, (char) ('0' + (g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 0, 10))));
    }
  if (g_rand_int_range (rand, 0, 8) == 0)
    g_string_append_printf (out, "e%d", g_rand_int_range (rand, -30, 30));
}

/* Both paths convert numbers with cx_import_json_read_number(), so the
 * differential tests cannot see a mistake in it: it is checked against
 * the lexer and the C library here. */
static void
test_read_number (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = under_valgrind () ? 5000 : 200000;

  for (guint i = 0; i < n; i++)
    {
      CxJsonNumber number;
      CxJsonNumberStatus status, expected;
      gsize end, expected_end;
      gboolean whole;

      random_number_text (rand, text);
      /* Followed by what may follow a number. */
      g_string_append (text, i % 2 ? "]" : ", ");
      status = cx_import_json_read_number (text->str, text->len, 0, &end, &number);
      expected = cx_json_lex_number (text->str, text->len, 0, &expected_end, &whole);
      g_assert_cmpint (status, ==, expected);
      g_assert_cmpuint (end, ==, expected_end);
      if (status != CX_JSON_NUMBER_OK)
        continue;

      {
        g_autofree char *digits = g_strndup (text->str, end);

        g_assert_cmpint (number.whole, ==, whole);
        if (whole)
          {
            g_assert_cmpint (number.integer, ==, g_ascii_strtoll (digits, NULL, 10));
            g_assert_true (memcmp (&number.real, &(double) { (double) number.integer }, sizeof (double)) == 0);
          }
        else
          {
            double reference = g_ascii_strtod (digits, NULL);

            if (memcmp (&number.real, &reference, sizeof (double)) != 0)
              g_error ("%s read as %.17g, not %.17g", digits, number.real, reference);
          }
      }
    }
}

/* Numbers of every form as property values: the fast path writes most
 * decimals in one step, the slow way tries precision after precision. */
static void
test_number_texts (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (43);
  g_autoptr(GString) doc = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  guint n = under_valgrind () ? 200 : 20000;
  guint before = cx_import_fast_get_n_read ();

  for (guint i = 0; i < n; i++)
    {
      do
        random_number_text (rand, text);
      while (strlen (text->str) > 60 || strchr (text->str, 'e') != NULL ? g_rand_int_range (rand, 0, 4) != 0 : FALSE);
      g_string_append_printf (doc, "%s{\"type\": \"Feature\", \"id\": %s, \"properties\": {\"n\": %s},"
                              " \"geometry\": {\"type\": \"Point\", \"coordinates\": [0, 0]}}",
                              i == 0 ? "" : ",", text->str, text->str);
    }
  g_string_append (doc, "]}");

  bytes = g_string_free_to_bytes (g_steal_pointer (&doc));
  assert_same ("numbers", bytes);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CxImportedLayer) layer = import_compare_import (bytes, FALSE, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (layer)), ==, n);
  }
  /* Most of them the fast way; those beyond a double or 64 bits not. */
  g_assert_cmpuint (cx_import_fast_get_n_read () - before, >, n / 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-fast/taken", test_taken);
  g_test_add_func ("/import-fast/edge-cases", test_edge_cases);
  g_test_add_func ("/import-fast/long-texts", test_long_texts);
  g_test_add_func ("/import-fast/fixtures", test_fixtures);
  g_test_add_func ("/import-fast/generated", test_generated);
  g_test_add_func ("/import-fast/bench-shapes", test_bench_shapes);
  g_test_add_func ("/import-fast/read-number", test_read_number);
  g_test_add_func ("/import-fast/number-texts", test_number_texts);

  return g_test_run ();
}
