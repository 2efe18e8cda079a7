/* test-cli.c: changning-explorer --validate, --version and --help, no display
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cx-test-run.h"

/* No display at all: the command line must not need one. */
static void
run_app (CxTestRun  *run,
         const char *arg1,
         const char *arg2)
{
  cx_test_run_app (run, CX_TEST_RUN_HEADLESS, (const char *[]) { arg1, arg2, NULL });
}

static char *
pack_dir (void)
{
  return g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", "packs", "changning", NULL);
}

static void
test_validate_pack (void)
{
  g_autofree char *dir = pack_dir ();
  g_auto(CxTestRun) run = { 0, };

  run_app (&run, "--validate", dir);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Data pack “changning”"));
  g_assert_nonnull (strstr (run.out, "subdistricts"));
  g_assert_nonnull (strstr (run.out, " 10 features  Point 10"));
  g_assert_nonnull (strstr (run.out, "Polygon 1"));
}

static void
test_validate_manifest (void)
{
  g_autofree char *dir = pack_dir ();
  g_autofree char *manifest = g_build_filename (dir, "pack.json", NULL);
  g_auto(CxTestRun) run = { 0, };

  run_app (&run, "--validate", manifest);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "green-waterfront"));
}

static char *
write_temp (const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *dir = g_dir_make_tmp ("cx-cli-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_validate_geojson (void)
{
  const char *geojson =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2, 4]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
    "   {\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [121.5, 31.2]]},"
    "   {\"type\": \"Point\", \"coordinates\": [121.41, 31.21]}]}}]}";
  g_autofree char *path = write_temp ("survey.geojson", geojson, -1);
  g_auto(CxTestRun) run = { 0, };

  run_app (&run, "--validate", path);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 features  Point 2, LineString 1"));
  g_assert_nonnull (strstr (run.out, "coordinate system: WGS 84 (RFC 7946)"));
  g_assert_nonnull (strstr (run.out, "extent 121.4000°E 31.2000°N – 121.5000°E 31.2100°N"));
  remove_temp (path);
}

/* Other formats go through the import helper (CX_IMPORT_HELPER, set by
 * tests/meson.build where GDAL is built): each layer's counts, the CRS
 * and the extent. */
static void
test_validate_csv (void)
{
  const char *csv = "title,经度,纬度\n中山公园,121.4187,31.2197\n天山公园,121.4005,31.2120\n";
  g_autofree char *path = NULL;
  g_auto(CxTestRun) run = { 0, };

  if (g_getenv ("CX_IMPORT_HELPER") == NULL)
    {
      g_test_skip ("the import helper is not built here (no GDAL)");
      return;
    }

  path = write_temp ("sites.csv", csv, -1);
  run_app (&run, "--validate", path);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "CSV file "));
  g_assert_nonnull (strstr (run.out, "coordinate system: none (longitude and latitude)"));
  g_assert_nonnull (strstr (run.out, "extent 121.4005°E 31.2120°N – 121.4187°E 31.2197°N"));
  g_assert_nonnull (strstr (run.out, "  sites                2 features  Point 2"));
  remove_temp (path);
}

static void
test_validate_bad_geojson (void)
{
  const char *geojson =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"id\": \"lot-7\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.25]]]}}]}";
  g_autofree char *path = write_temp ("zoning.geojson", geojson, -1);
  g_auto(CxTestRun) run = { 0, };

  run_app (&run, "--validate", path);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "zoning.geojson: feature 0 (“lot-7”): the polygon, outer ring is not closed"));
  remove_temp (path);
}

/* A file that names no coordinate system and whose coordinates cannot be
 * longitude and latitude (Gauss–Krüger eastings and northings) is refused
 * in words that say how to give one; with --crs it is read in that one. */
static void
test_validate_crs (void)
{
  const char *csv = "name,x,y\nHongqiao Airport Terminal 1,627988,3453179\n";
  g_autofree char *path = write_temp ("sites-gk.csv", csv, -1);
  g_auto(CxTestRun) refused = { 0, };
  g_auto(CxTestRun) read = { 0, };

  run_app (&refused, "--validate", path);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "“sites-gk.csv” does not say which coordinate system it uses"));
  g_assert_nonnull (strstr (refused.err, "--crs EPSG:4549"));

  cx_test_run_app (&read, CX_TEST_RUN_HEADLESS, (const char *[]) { "--crs", "EPSG:4549", "--validate", path, NULL });
  g_assert_cmpint (read.status, ==, 0);
  g_assert_nonnull (strstr (read.out, "coordinate system: EPSG:4549 (chosen)"));
  /* Where the Gauss–Krüger point is, by PROJ's gdaltransform. */
  g_assert_nonnull (strstr (read.out, "extent 121.3428°E 31.1933°N – 121.3428°E 31.1933°N"));
  remove_temp (path);
}

/* The acceptance check of the Foundation issue: one truncated file. */
static void
test_validate_truncated_pack (void)
{
  g_autofree char *src = pack_dir ();
  g_autofree char *tmp = g_dir_make_tmp ("cx-cli-pack-XXXXXX", NULL);
  const char *files[] = { "pack.json", "features.geojson", "statistics.json", "programs.json", "sources.json", "basemap.geojson", "districts.json" };
  g_auto(CxTestRun) run = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (src, files[i], NULL);
      g_autofree char *to = g_build_filename (tmp, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      if (g_str_equal (files[i], "features.geojson"))
        len = len * 2 / 3;
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }

  run_app (&run, "--validate", tmp);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "features.geojson: not valid JSON"));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (tmp, files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (tmp);
}


/* --validate names the file, the statistic and the value at fault in a
 * breakdown, and sums up series, breakdowns and districts when all is well. */
static void
test_validate_breakdown (void)
{
  g_autofree char *src = pack_dir ();
  g_autofree char *tmp = g_dir_make_tmp ("cx-cli-pack-XXXXXX", NULL);
  const char *files[] = { "pack.json", "features.geojson", "statistics.json", "programs.json", "sources.json", "basemap.geojson", "districts.json" };
  g_auto(CxTestRun) good = { 0, };
  g_auto(CxTestRun) bad = { 0, };
  g_autofree char *stats_path = g_build_filename (tmp, "statistics.json", NULL);
  g_autofree char *stats = NULL;
  g_autoptr(GString) broken = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (src, files[i], NULL);
      g_autofree char *to = g_build_filename (tmp, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }

  run_app (&good, "--validate", tmp);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "series 2 (5 values), breakdowns 5 (62 values), districts 16"));
  g_assert_nonnull (strstr (good.out, "computed ratio jobs-density-2023 = jobs-2023 ÷ subdistrict-area-osm (10 values)"));

  g_assert_true (g_file_get_contents (stats_path, &stats, NULL, NULL));
  broken = g_string_new (stats);
  /* In the jobs breakdown, and in the areas one after it. */
  g_assert_cmpuint (g_string_replace (broken, "\"id\": \"huayang-road\"", "\"id\": \"huayang-roadx\"", 0), ==, 2);
  g_assert_true (g_file_set_contents (stats_path, broken->str, (gssize) broken->len, NULL));

  run_app (&bad, "--validate", tmp);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "statistics.json: statistic "));
  g_assert_nonnull (strstr (bad.err, " (“jobs-2023”), breakdown value 1 (“huayang-roadx”): names the feature “huayang-roadx”, which the pack does not have"));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (tmp, files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (tmp);
}

/* A JSON object with a "format" member is called a data pack, as the
 * window calls it (cx_import_bytes(): CX_IMPORT_ERROR_DATA_PACK), even when
 * it is not a valid one; a file of white space is not called empty; and
 * what the window would draw other than as written is said. */
static void
test_validate_pack_like (void)
{
  static const char manifest[] = "{\"format\": \"changning-explorer-pack\", \"format_version\": 1}";
  g_autofree char *path = write_temp ("pack-like.json", manifest, strlen (manifest));
  g_autofree char *blank_path = write_temp ("blank.geojson", " \n\n\t", 4);
  g_auto(CxTestRun) run = { 0, };
  g_auto(CxTestRun) blank = { 0, };
  g_auto(CxTestRun) polar = { 0, };
  static const char polar_text[] = "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [[0, 90], [0, -89.5, 7, 8]]}},"
    "{\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": []}}]}";
  g_autofree char *polar_path = write_temp ("polar.geojson", polar_text, strlen (polar_text));

  run_app (&run, "--validate", path);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "pack-like.json: this is a Changning Explorer data pack, not a GeoJSON layer, and as a pack it is not valid: "));
  g_assert_nonnull (strstr (run.err, "the required member “id” is missing"));

  run_app (&polar, "--validate", polar_path);
  g_assert_cmpint (polar.status, ==, 0);
  g_assert_nonnull (strstr (polar.out, "2 positions lie beyond 85.05° latitude, where the map ends, and are drawn at its edge"));
  g_assert_nonnull (strstr (polar.out, "1 more feature has no location (a null or empty geometry) and is not drawn"));

  run_app (&blank, "--validate", blank_path);
  g_assert_cmpint (blank.status, ==, 1);
  g_assert_nonnull (strstr (blank.err, "blank.geojson: the file contains only white space, no JSON value"));

  remove_temp (path);
  remove_temp (blank_path);
  remove_temp (polar_path);
}

static void
test_validate_garbage (void)
{
  const char garbage[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xff";
  g_autofree char *path = write_temp ("image.png", garbage, sizeof garbage);
  g_auto(CxTestRun) run = { 0, };
  g_auto(CxTestRun) missing = { 0, };
  g_auto(CxTestRun) empty = { 0, };
  g_autofree char *empty_path = write_temp ("empty.json", "", 0);

  run_app (&run, "--validate", path);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "image.png: the file contains a NUL byte (at byte 8), so it is not a text file"));

  run_app (&missing, "--validate", "/nonexistent/pack");
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/pack: cannot be read"));

  run_app (&empty, "--validate", empty_path);
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_nonnull (strstr (empty.err, "empty.json"));

  remove_temp (path);
  remove_temp (empty_path);
}

static void
test_version_and_help (void)
{
  g_auto(CxTestRun) version = { 0, };
  g_auto(CxTestRun) help = { 0, };

  run_app (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "changning-explorer " PACKAGE_VERSION "\n");

  run_app (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--validate=PATH"));
  g_assert_nonnull (strstr (help.out, "--version"));
  g_assert_null (strstr (help.out, "first-frame-time"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/validate-pack", test_validate_pack);
  g_test_add_func ("/cli/validate-manifest", test_validate_manifest);
  g_test_add_func ("/cli/validate-geojson", test_validate_geojson);
  g_test_add_func ("/cli/validate-bad-geojson", test_validate_bad_geojson);
  g_test_add_func ("/cli/validate-csv", test_validate_csv);
  g_test_add_func ("/cli/validate-crs", test_validate_crs);
  g_test_add_func ("/cli/validate-truncated-pack", test_validate_truncated_pack);
  g_test_add_func ("/cli/validate-breakdown", test_validate_breakdown);
  g_test_add_func ("/cli/validate-garbage", test_validate_garbage);
  g_test_add_func ("/cli/validate-pack-like", test_validate_pack_like);
  g_test_add_func ("/cli/version-and-help", test_version_and_help);

  return g_test_run ();
}
