/* test-import-helper.c: the window's side of the import helper
 *
 * With tests/helpers/fake-import-helper as the helper (CX_IMPORT_HELPER):
 * a layer built from the pipe is the layer the GeoJSON reader makes of the
 * same data; and every way a helper can end badly (half a record, a crash,
 * a hang, running out of memory, garbage, an exit, not starting at all)
 * is a CX_IMPORT_ERROR_HELPER that says which, with the file untouched.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cx-import.h"
#include "cx-import-helper.h"
#include "cx-test-files.h"

static char *tmp_dir;
static char *csv_path;
static char *real_helper;   /* CX_IMPORT_HELPER as tests/meson.build set it */

static const char csv_text[] = "name,lon,lat\nsite,121.4,31.2\n";

static const char same_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"title\":\"中山公园\",\"marker-color\":\"#ff0000\","
  "\"visitors\":12000,\"closed\":null},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4187,31.2197]}},"
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"far north\"},"
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4,89.0]}},"
  "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}]}";

static void
use_fake (const char *mode)
{
  g_autofree char *fake = g_test_build_filename (G_TEST_BUILT, "fake-import-helper", NULL);

  g_setenv ("CX_IMPORT_HELPER", fake, TRUE);
  g_setenv ("FAKE_IMPORT_HELPER_MODE", mode, TRUE);
}

static CxImportedLayer *
import (const char  *crs,
        gboolean     gcj02,
        GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);

  return cx_import_helper_import (file, NULL, crs, gcj02, NULL, NULL, NULL, error);
}

static void
assert_file_untouched (void)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, csv_text);
}

static void
test_handles (void)
{
  struct { const char *name; const char *head; gsize size; gboolean expected; } cases[] = {
    { "a.shp", "", 0, TRUE },
    { "A.GPKG", "", 0, TRUE },
    { "roads.shp.zip", "", 0, TRUE },
    { "walk.gpx", "", 0, TRUE },
    { "sketch.kmz", "", 0, TRUE },
    { "sites.csv", "", 0, TRUE },
    { "x.fgb", "", 0, TRUE },
    { "zones.geojson", "PK\x03\x04", 4, FALSE },
    { "zones.json", "", 0, FALSE },
    { "download", "PK\x03\x04....", 8, TRUE },
    { "download", "SQLite format 3\0....", 20, TRUE },
    { "download", "fgb\x03\x00", 5, TRUE },
    { "download", "\xEF\xBB\xBF  <?xml version", 16, TRUE },
    { "download", "\n<kml xmlns", 11, TRUE },
    { "download", "{\"type\":", 8, FALSE },
    { "download", "", 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (cx_import_helper_handles (file, (const guint8 *) cases[i].head, cases[i].size),
                       ==, cases[i].expected);
    }
}

/* The same data through the pipe and through the GeoJSON reader. */
static void
test_same_as_geojson (gconstpointer data)
{
  gboolean gcj02 = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (same_geojson, strlen (same_geojson));
  g_autoptr(CxImportedLayer) expected = cx_import_bytes (bytes, "sites.geojson", "sites.geojson", gcj02, NULL, &error);
  g_autoptr(CxImportedLayer) layer = NULL;
  GListModel *a, *b;
  CxBounds ba, bb;

  g_assert_no_error (error);
  use_fake ("layer");
  layer = import (NULL, gcj02, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layer);

  g_assert_cmpstr (cx_imported_layer_get_name (layer), ==, "sites");
  g_assert_cmpstr (cx_imported_layer_get_format (layer), ==, "CSV");
  g_assert_cmpstr (cx_imported_layer_get_format (expected), ==, "GeoJSON");
  g_assert_null (cx_imported_layer_get_crs (layer));
  g_assert_null (cx_imported_layer_get_crs_override (layer));
  g_assert_cmpuint (cx_imported_layer_get_n_sublayers (layer), ==, 1);
  g_assert_cmpstr (cx_imported_layer_get_sublayer_name (layer, 0), ==, "sites");
  g_assert_cmpuint (cx_imported_layer_get_sublayer_n_features (layer, 0), ==, 3);
  g_assert_cmpint (cx_imported_layer_get_gcj02 (layer), ==, gcj02);

  g_assert_cmpuint (cx_imported_layer_get_n_unlocated (layer), ==, cx_imported_layer_get_n_unlocated (expected));
  g_assert_cmpuint (cx_imported_layer_get_n_unlocated (layer), ==, 1);
  g_assert_cmpuint (cx_imported_layer_get_n_clamped (layer), ==, cx_imported_layer_get_n_clamped (expected));
  g_assert_cmpuint (cx_imported_layer_get_n_clamped (layer), ==, 1);
  ba = cx_imported_layer_get_bounds (layer);
  bb = cx_imported_layer_get_bounds (expected);
  g_assert_cmpmem (&ba, sizeof ba, &bb, sizeof bb);

  a = cx_imported_layer_get_features (layer);
  b = cx_imported_layer_get_features (expected);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(CxImportedFeature) fa = g_list_model_get_item (a, i);
      g_autoptr(CxImportedFeature) fb = g_list_model_get_item (b, i);
      CxGeometry *ga = cx_imported_feature_get_geometry (fa);
      CxGeometry *gb = cx_imported_feature_get_geometry (fb);

      g_assert_cmpstr (cx_imported_feature_get_geojson_type (fa), ==, cx_imported_feature_get_geojson_type (fb));
      g_assert_cmpstr (cx_imported_feature_get_title (fa), ==, cx_imported_feature_get_title (fb));
      g_assert_cmpstr (cx_imported_feature_get_display_name (fa), ==, cx_imported_feature_get_display_name (fb));
      g_assert_cmpuint (cx_imported_feature_get_source_index (fa), ==, cx_imported_feature_get_source_index (fb));
      g_assert_cmpmem (cx_imported_feature_get_style (fa), sizeof (CxStyle),
                       cx_imported_feature_get_style (fb), sizeof (CxStyle));
      g_assert_cmpuint (cx_imported_feature_get_n_properties (fa), ==, cx_imported_feature_get_n_properties (fb));
      for (guint p = 0; p < cx_imported_feature_get_n_properties (fa); p++)
        {
          g_assert_cmpstr (cx_imported_feature_get_property_key (fa, p), ==, cx_imported_feature_get_property_key (fb, p));
          g_assert_cmpstr (cx_imported_feature_get_property_text (fa, p), ==, cx_imported_feature_get_property_text (fb, p));
        }
      g_assert_cmpuint (cx_geometry_get_n_coords (ga), ==, cx_geometry_get_n_coords (gb));
      g_assert_cmpmem (cx_geometry_get_coords (ga), cx_geometry_get_n_coords (ga) * sizeof (CxCoord),
                       cx_geometry_get_coords (gb), cx_geometry_get_n_coords (gb) * sizeof (CxCoord));
    }
  assert_file_untouched ();
}

static void
test_two_layers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(CxImportedFeature) first = NULL;
  g_autoptr(CxImportedFeature) last = NULL;
  GListModel *features;

  use_fake ("two-layers");
  layer = import ("EPSG:4549", FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cx_imported_layer_get_crs_override (layer), ==, "EPSG:4549");
  g_assert_cmpuint (cx_imported_layer_get_n_sublayers (layer), ==, 2);
  g_assert_cmpstr (cx_imported_layer_get_sublayer_name (layer, 1), ==, "more");
  g_assert_cmpuint (cx_imported_layer_get_sublayer_n_features (layer, 1), ==, 1);

  features = cx_imported_layer_get_features (layer);
  g_assert_cmpuint (g_list_model_get_n_items (features), ==, 3);
  first = g_list_model_get_item (features, 0);
  last = g_list_model_get_item (features, 2);
  g_assert_cmpstr (cx_imported_feature_lookup_property (first, "layer"), ==, "sites");
  g_assert_cmpstr (cx_imported_feature_lookup_property (last, "layer"), ==, "more");
  g_assert_cmpstr (cx_imported_feature_get_property_key (last, 0), ==, "layer");
}

static void
test_crs_argument (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;

  use_fake ("crs");
  layer = import ("EPSG:4549", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cx_imported_layer_get_sublayer_name (layer, 0), ==, "EPSG:4549");
}

typedef struct
{
  const char *mode;
  const char *message;
} BadEnd;

static const BadEnd bad_ends[] = {
  { "half", "*sites.csv: the import helper sent data the app cannot read" },
  { "abort", "The reader stopped unexpectedly (signal 6) while reading “sites.csv”; the file may be damaged. Nothing was changed." },
  { "hang", "The reader stopped answering for 1 second while reading “sites.csv” and was stopped. Nothing was changed." },
  { "allocate", "The reader needed more than 256 MB of memory while reading “sites.csv” and was stopped. Nothing was changed." },
  { "garbage", "sites.csv: the import helper sent data the app cannot read" },
  { "exit", "The reader stopped unexpectedly (exit status 3) while reading “sites.csv”; the file may be damaged. Nothing was changed." },
  { "missing", "“sites.csv” cannot be imported: the import helper could not be started: No such file or directory" },
};

static void
test_bad_end (gconstpointer data)
{
  const BadEnd *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  gint64 start = g_get_monotonic_time ();

  if (g_str_equal (bad->mode, "allocate") && !cx_import_helper_has_memory_limit ())
    {
      g_test_skip ("AddressSanitizer build: RLIMIT_AS cannot limit a process whose shadow memory takes terabytes of address space");
      return;
    }

  use_fake (bad->mode);
  if (g_str_equal (bad->mode, "missing"))
    g_setenv ("CX_IMPORT_HELPER", "/nonexistent/changning-explorer-import", TRUE);
  g_setenv ("CX_IMPORT_HELPER_TIMEOUT", "1", TRUE);
  g_setenv ("CX_IMPORT_HELPER_MEMORY_MB", "256", TRUE);

  g_test_expect_message ("cx-import", G_LOG_LEVEL_WARNING, "import helper*");
  layer = import (NULL, FALSE, &error);
  g_test_assert_expected_messages ();

  g_assert_null (layer);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER);
  g_test_message ("%s: %s", bad->mode, error->message);
  g_assert_true (g_pattern_match_simple (bad->message, error->message));
  assert_file_untouched ();
  /* No waiting for the watchdog's default minute. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  g_unsetenv ("CX_IMPORT_HELPER_TIMEOUT");
  g_unsetenv ("CX_IMPORT_HELPER_MEMORY_MB");
}

/* The helper's own error comes across as it was sent. */
static void
test_error_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;

  use_fake ("error");
  layer = import (NULL, FALSE, &error);
  g_assert_null (layer);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS);
  g_assert_cmpstr (error->message, ==, "“sites.csv” names no coordinate system");
}

/* A cancel kills a helper that would never have answered. */
static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  gint64 start = g_get_monotonic_time ();

  use_fake ("hang");
  g_cancellable_cancel (cancellable);
  layer = cx_import_helper_import (file, NULL, NULL, FALSE, cancellable, NULL, NULL, &error);
  g_assert_null (layer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

/* cx_import_file() sends other formats to the helper, by name or by
 * their first bytes, and keeps GeoJSON. */
static void
test_dispatch (void)
{
  g_autofree char *zip_path = g_build_filename (tmp_dir, "download", NULL);
  g_autofree char *json_path = g_build_filename (tmp_dir, "zones.geojson", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) zip = g_file_new_for_path (zip_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(CxImportedLayer) a = NULL;
  g_autoptr(CxImportedLayer) b = NULL;
  g_autoptr(CxImportedLayer) c = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (zip_path, "PK\x03\x04 not really", -1, NULL));
  g_assert_true (g_file_set_contents (json_path, same_geojson, -1, NULL));
  use_fake ("layer");

  a = cx_import_file (csv, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cx_imported_layer_get_format (a), ==, "CSV");
  b = cx_import_file (zip, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cx_imported_layer_get_format (b), ==, "CSV");
  c = cx_import_file (json, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cx_imported_layer_get_format (c), ==, "GeoJSON");
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CxImportedLayer **layer = user_data;
  g_autoptr(GError) error = NULL;

  *layer = cx_import_file_finish (result, &error);
  g_assert_no_error (error);
}

/* The CRS chosen in the window reaches the helper. */
static void
test_async_crs (void)
{
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(CxImportedLayer) layer = NULL;

  use_fake ("crs");
  cx_import_file_async_full (csv, FALSE, "EPSG:4549", NULL, NULL, NULL, imported_cb, &layer);
  while (layer == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (cx_imported_layer_get_sublayer_name (layer, 0), ==, "EPSG:4549");
  g_assert_cmpstr (cx_imported_layer_get_crs_override (layer), ==, "EPSG:4549");
}

/* The real helper (changning-explorer-import), where it was built. */
static gboolean
use_real_or_skip (void)
{
  if (real_helper == NULL)
    {
      g_test_skip ("the import helper is not built here (no GDAL)");
      return FALSE;
    }
  g_setenv ("CX_IMPORT_HELPER", real_helper, TRUE);
  g_unsetenv ("FAKE_IMPORT_HELPER_MODE");
  return TRUE;
}

static void
test_real_csv (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "场地.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(CxImportedFeature) first = NULL;
  g_autoptr(GError) error = NULL;

  if (!use_real_or_skip ())
    return;

  g_assert_true (g_file_set_contents (path, "title,经度,纬度\n中山公园,121.4187,31.2197\n天山公园,121.4005,31.2120\n", -1, NULL));
  layer = cx_import_file (file, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cx_imported_layer_get_format (layer), ==, "CSV");
  g_assert_cmpstr (cx_imported_layer_get_name (layer), ==, "场地");
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (layer)), ==, 2);
  first = g_list_model_get_item (cx_imported_layer_get_features (layer), 0);
  g_assert_cmpstr (cx_imported_feature_get_title (first), ==, "中山公园");
  g_assert_cmpfloat_with_epsilon (cx_geometry_get_coords (cx_imported_feature_get_geometry (first))[0].x, 121.4187, 1e-9);
}

/* Under bubblewrap the helper has no network and sees only its file. */
static void
test_real_sandbox (void)
{
  g_autofree char *secret = g_build_filename (tmp_dir, "secret.txt", NULL);
  g_autofree char *report = NULL;
  g_autofree char *home_report = NULL;
  g_autofree char *own_report = NULL;
  g_autofree char *home_file = NULL;

  if (!use_real_or_skip ())
    return;
  if (!cx_import_helper_sandboxed ())
    {
      g_test_skip ("bwrap is not installed or cannot make namespaces here, so the helper runs unsandboxed (with only its seccomp filter against sockets)");
      return;
    }

  g_assert_true (g_file_set_contents (secret, "not for the helper", -1, NULL));
  g_assert_true (cx_import_helper_check_sandbox (csv_path, secret, &report));
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "socket: Permission denied"));

  /* Nothing of $HOME either. */
  home_file = g_build_filename (g_get_home_dir (), ".", NULL);
  g_assert_true (cx_import_helper_check_sandbox (csv_path, home_file, &home_report));

  /* The control: its own file it can read, and so it says FALSE. */
  g_assert_false (cx_import_helper_check_sandbox (csv_path, csv_path, &own_report));
  g_assert_nonnull (strstr (own_report, ": opened"));
}

static gboolean killed;

/* Our own children: the helper (or the bwrap in front of it). */
static void
kill_children (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *close_paren;
      int ppid = 0;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      close_paren = strrchr (stat, ')');
      if (close_paren != NULL && sscanf (close_paren + 2, "%*c %d", &ppid) == 1 && ppid == getpid ())
        {
          kill ((pid_t) atoi (name), SIGKILL);
          killed = TRUE;
        }
    }
}

static void
kill_on_progress (double   fraction,
                  gpointer user_data)
{
  if (!killed && fraction > 0)
    kill_children ();
}

/* The real helper killed (SIGKILL) in the middle of a large file. */
static void
test_real_killed (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "many.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new ("name,lon,lat\n");
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!use_real_or_skip ())
    return;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "p%u,%.6f,%.6f\n", i, 121.35 + (i % 1000) * 0.0001, 31.19 + (i / 1000) * 0.0002);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  before = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);

  killed = FALSE;
  g_test_expect_message ("cx-import", G_LOG_LEVEL_WARNING, "import helper: signal 9*");
  layer = cx_import_helper_import (file, NULL, NULL, FALSE, NULL, kill_on_progress, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_true (killed);
  g_assert_null (layer);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER);
  g_assert_cmpstr (error->message, ==, "The reader stopped unexpectedly (signal 9) while reading “many.csv”; the file may be damaged. Nothing was changed.");

  {
    g_autofree char *contents = NULL;
    gsize size;

    g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
    after = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, size);
  }
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  real_helper = g_strdup (g_getenv ("CX_IMPORT_HELPER"));

  tmp_dir = cx_test_make_tmp_dir ("test-import-helper-XXXXXX");
  csv_path = g_build_filename (tmp_dir, "sites.csv", NULL);
  g_assert_true (g_file_set_contents (csv_path, csv_text, -1, NULL));

  g_test_add_func ("/import-helper/handles", test_handles);
  g_test_add_data_func ("/import-helper/same-as-geojson", GINT_TO_POINTER (FALSE), test_same_as_geojson);
  g_test_add_data_func ("/import-helper/same-as-geojson-gcj02", GINT_TO_POINTER (TRUE), test_same_as_geojson);
  g_test_add_func ("/import-helper/two-layers", test_two_layers);
  g_test_add_func ("/import-helper/crs-argument", test_crs_argument);
  g_test_add_func ("/import-helper/error-record", test_error_record);
  g_test_add_func ("/import-helper/cancel", test_cancel);
  g_test_add_func ("/import-helper/dispatch", test_dispatch);
  g_test_add_func ("/import-helper/real/csv", test_real_csv);
  g_test_add_func ("/import-helper/real/sandbox", test_real_sandbox);
  g_test_add_func ("/import-helper/real/killed", test_real_killed);
  g_test_add_func ("/import-helper/async-crs", test_async_crs);
  for (guint i = 0; i < G_N_ELEMENTS (bad_ends); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import-helper/ends-badly/%s", bad_ends[i].mode);

      g_test_add_data_func (name, &bad_ends[i], test_bad_end);
    }

  status = g_test_run ();

  cx_test_remove_tree (tmp_dir);
  g_free (csv_path);
  g_free (real_helper);
  g_free (tmp_dir);
  return status;
}
