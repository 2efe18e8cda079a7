/* test-import-formats.c: every way a file comes in, and every format
 * (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files of other formats are made here from GeoJSON with GDAL's
 * ogr2ogr (OGR2OGR in the tests' environment, else on PATH), and read by
 * the import helper (CX_IMPORT_HELPER): a GeoPackage and a GPX import with
 * their counts, a Shapefile in Gauss–Krüger metres without its .prj asks
 * for its coordinate system and, once told, lands in Changning. Dropping
 * a Shapefile's set imports it once; its .dbf alone, or a folder, is
 * refused in words. The coordinate system dialog is also driven by the
 * keyboard, with no helper needed.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cx-crs-dialog.h"
#include "cx-import-queue.h"
#include "cx-session.h"
#include "cx-test-run.h"
#include "ui-helpers.h"

static const char *data_home;

/* Three points in Changning, by name. */
static const char sites[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"Zhongshan Park\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4170,31.2220]}},"
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"Hongqiao Road\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4050,31.1990]}},"
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"Xianxia Road\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.3800,31.2140]}}"
  "]}";

/* A failed import is logged as a warning, by the helper's side and by the
 * window; where a test fails one on purpose, warnings are not fatal for a
 * while (a fatal handler would not do: GLib bails out of TAP first). */
static GLogLevelFlags fatal_before;

static void
tolerate_warnings (gboolean tolerate)
{
  if (tolerate)
    fatal_before = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  else
    g_log_set_always_fatal (fatal_before);
}

static void
close_dialogs (void)
{
  while (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (ui_window ())) != NULL)
    {
      adw_dialog_force_close (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (ui_window ())));
      ui_settle (GTK_WIDGET (ui_window ()));
    }
}

static char *
data_path (const char *name)
{
  return g_build_filename (data_home, name, NULL);
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = data_path (name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Converts the sites to @name with ogr2ogr and its @options (a NULL-ended
 * list); FALSE (the test skipped) when there is no ogr2ogr or no helper. */
static gboolean
make_with_ogr2ogr (const char *name,
                   ...)
{
  const char *ogr2ogr = g_getenv ("OGR2OGR") != NULL && g_getenv ("OGR2OGR")[0] != '\0' ? g_getenv ("OGR2OGR") : "ogr2ogr";
  g_autofree char *source = write_file ("sites.geojson", sites);
  g_autofree char *target = data_path (name);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  const char *option;
  va_list args;

  if (g_getenv ("CX_IMPORT_HELPER") == NULL)
    {
      g_test_skip ("The import helper is not built here (CX_IMPORT_HELPER is not set by tests/meson.build)");
      return FALSE;
    }

  g_ptr_array_add (argv, (gpointer) ogr2ogr);
  g_ptr_array_add (argv, (gpointer) "-overwrite");
  va_start (args, name);
  while ((option = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) option);
  va_end (args);
  g_ptr_array_add (argv, target);
  g_ptr_array_add (argv, source);
  g_ptr_array_add (argv, NULL);

  out = ui_run_tool ((const char * const *) argv->pdata);
  return out != NULL;
}

/* What the queue finished, by file name, and the layers imported. */
static GPtrArray *done_names;
static GPtrArray *layers;

static void
on_done (CxImportQueue   *queue,
         GFile           *file,
         CxImportedLayer *layer,
         const GError    *error,
         gpointer         user_data)
{
  g_ptr_array_add (done_names, g_file_get_basename (file));
  if (layer != NULL)
    g_ptr_array_add (layers, g_object_ref (layer));
}

static gulong
watch_queue (void)
{
  CxImportQueue *queue = cx_session_get_import_queue (cx_application_get_session (ui_app ()));

  g_ptr_array_set_size (done_names, 0);
  g_ptr_array_set_size (layers, 0);
  return g_signal_connect (queue, "done", G_CALLBACK (on_done), NULL);
}

static void
unwatch_queue (gulong handler)
{
  g_signal_handler_disconnect (cx_session_get_import_queue (cx_application_get_session (ui_app ())), handler);
}

static gboolean
n_done (gpointer n)
{
  return done_names->len >= GPOINTER_TO_UINT (n);
}

static gboolean
queue_idle (gpointer data)
{
  return !cx_import_queue_get_busy (cx_session_get_import_queue (cx_application_get_session (ui_app ())));
}

static gboolean
window_says (gpointer needle)
{
  return ui_text_contains (GTK_WIDGET (ui_window ()), needle);
}

static AdwDialog *
visible_dialog (void)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (ui_window ()));
}

static gboolean
dialog_shown (gpointer data)
{
  return visible_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return visible_dialog () == NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  g_autoptr(GtkATContext) context = gtk_accessible_get_at_context (GTK_ACCESSIBLE (widget));

  if (context != NULL && gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);

      if (wrong == NULL)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The coordinate system dialog, found as a screen reader would: by the
 * accessible name of its list of systems, once it is shown. */
static CxCrsDialog *
crs_dialog (void)
{
  AdwDialog *dialog = visible_dialog ();

  if (dialog == NULL || !gtk_widget_get_mapped (GTK_WIDGET (dialog)) ||
      find_named (GTK_WIDGET (dialog), "Coordinate systems") == NULL)
    return NULL;
  g_assert_true (CX_IS_CRS_DIALOG (dialog));
  return CX_CRS_DIALOG (dialog);
}

static gboolean
crs_dialog_shown (gpointer data)
{
  return crs_dialog () != NULL;
}

/* A response button of an alert dialog: it keeps one for each of its
 * layouts, the one shown is the one to press. */
static GtkWidget *
find_shown_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The files of the test's folder by name, chosen together, as
 * cx_window_import_files() takes them. */
static GListModel *
files_of_valist (const char *first,
                 va_list     args)
{
  GListStore *files = g_list_store_new (G_TYPE_FILE);

  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = data_path (name);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_list_store_append (files, file);
    }
  return G_LIST_MODEL (files);
}

static void
import_files_of (CxWindow   *window,
                 const char *first,
                 ...)
{
  g_autoptr(GListModel) files = NULL;
  va_list args;

  va_start (args, first);
  files = files_of_valist (first, args);
  va_end (args);
  cx_window_import_files (window, files, FALSE);
}

static void
remove_layers (void)
{
  CxWindow *window = ui_window ();

  for (guint i = 0; i < layers->len; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s",
                                cx_imported_layer_get_id (layers->pdata[i]));
  g_ptr_array_set_size (layers, 0);
}

/* A feature named @name lies within about a metre of @lon, @lat. */
static void
assert_site (CxImportedLayer *layer,
             const char      *name,
             double           lon,
             double           lat)
{
  GListModel *features = cx_imported_layer_get_features (layer);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxImportedFeature) feature = g_list_model_get_item (features, i);
      CxBounds b = cx_imported_feature_get_bounds (feature);

      if (g_strcmp0 (cx_imported_feature_lookup_property (feature, "name"), name) != 0)
        continue;
      /* 1e-5° is about a metre here. */
      g_assert_cmpfloat (fabs (b.min_x - lon), <, 1e-5);
      g_assert_cmpfloat (fabs (b.min_y - lat), <, 1e-5);
      return;
    }
  g_error ("No feature “%s” in “%s”", name, cx_imported_layer_get_name (layer));
}

static void
test_geopackage_and_gpx (void)
{
  CxWindow *window = ui_window ();
  gulong handler;

  if (!make_with_ogr2ogr ("sites.gpkg", "-f", "GPKG", NULL) ||
      !make_with_ogr2ogr ("sites.gpx", "-f", "GPX", NULL))
    return;

  handler = watch_queue ();
  import_files_of (window, "sites.gpkg", "sites.gpx", NULL);
  g_assert_true (ui_wait_for (n_done, GUINT_TO_POINTER (2), 60000));
  unwatch_queue (handler);
  g_assert_cmpuint (layers->len, ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      CxImportedLayer *layer = layers->pdata[i];

      g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (layer)), ==, 3);
      assert_site (layer, "Zhongshan Park", 121.4170, 31.2220);
    }
  g_assert_cmpstr (cx_imported_layer_get_format (layers->pdata[0]), ==, "GPKG");
  g_assert_cmpstr (cx_imported_layer_get_format (layers->pdata[1]), ==, "GPX");
  /* The layer panel's row says which format. */
  g_assert_true (ui_wait_for (window_says, "GeoPackage", 10000));
  remove_layers ();
}

/* The keyboard alone: Down moves to the next system, Enter imports it;
 * Esc cancels and nothing is queued. The dialog is brought up as an
 * import's "done" would, so no helper is needed. */
static char *responded_crs;

static void
on_crs_response (CxCrsDialog *dialog,
                 const char  *response,
                 gpointer     user_data)
{
  g_free (responded_crs);
  responded_crs = g_strcmp0 (response, "import") == 0 ? cx_crs_dialog_get_crs (dialog) : g_strdup (response);
}

static void
test_crs_dialog_keyboard (void)
{
  CxWindow *window = ui_window ();
  CxImportQueue *queue = cx_session_get_import_queue (cx_application_get_session (ui_app ()));
  g_autofree char *path = write_file ("no-crs.shp", "not read here");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = g_error_new (CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS,
                                         "“no-crs.shp” names no coordinate system, and its coordinates (635310, 3456235) cannot be longitude and latitude.");
  CxCrsDialog *dialog;
  g_autofree char *crs = NULL;
  gulong handler;

  gtk_window_present (GTK_WINDOW (window));
  ui_wait_drawn (GTK_WIDGET (window));

  /* Esc: as it was. */
  g_signal_emit_by_name (queue, "done", file, NULL, error);
  g_assert_true (ui_wait_for (crs_dialog_shown, NULL, 10000));
  dialog = crs_dialog ();
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), "names no coordinate system"));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), "central meridian 120°E (EPSG:4549)"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_crs_response), NULL);
  ui_key ("Escape");
  g_assert_true (ui_wait_for (dialog_gone, NULL, 10000));
  g_assert_cmpstr (responded_crs, ==, "cancel");
  g_assert_false (cx_import_queue_get_busy (queue));

  /* Every control has a name. */
  g_signal_emit_by_name (queue, "done", file, NULL, error);
  g_assert_true (ui_wait_for (crs_dialog_shown, NULL, 10000));
  dialog = crs_dialog ();
  ui_settle (GTK_WIDGET (dialog));
  for (GtkWidget *w = GTK_WIDGET (dialog); w != NULL; )
    {
      if ((GTK_IS_CHECK_BUTTON (w) || GTK_IS_BUTTON (w) || ADW_IS_ENTRY_ROW (w)) && gtk_widget_get_mapped (w))
        g_assert_true (ui_has_accessible_name (w));
      /* Depth first through the widget tree. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (dialog) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == GTK_WIDGET (dialog)) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }

  /* Other: only digits import. */
  g_assert_false (cx_crs_dialog_select (dialog, "EPSG:45x7"));
  g_assert_true (cx_crs_dialog_select (dialog, "EPSG:4547"));
  crs = cx_crs_dialog_get_crs (dialog);
  g_assert_cmpstr (crs, ==, "EPSG:4547");
  g_clear_pointer (&crs, g_free);

  /* The first system, then Down to the second (CM 123°E), Enter. */
  g_assert_true (cx_crs_dialog_select (dialog, "EPSG:4549"));
  adw_dialog_set_focus (ADW_DIALOG (dialog), gtk_widget_get_ancestor (ui_find_row (GTK_WIDGET (dialog), "CGCS2000 / Gauss–Krüger 3° zone, central meridian 120°E (EPSG:4549)"), GTK_TYPE_LIST_BOX_ROW));
  g_signal_connect (dialog, "response", G_CALLBACK (on_crs_response), NULL);
  handler = watch_queue ();
  /* The file is queued again, and fails again here: it is no Shapefile. */
  tolerate_warnings (TRUE);
  ui_key ("Down");
  ui_key ("Return");
  g_assert_true (ui_wait_for (dialog_gone, NULL, 10000));
  g_assert_cmpstr (responded_crs, ==, "EPSG:4550");
  g_assert_true (ui_wait_for (n_done, GUINT_TO_POINTER (1), 60000));
  unwatch_queue (handler);
  g_assert_cmpstr (done_names->pdata[0], ==, "no-crs.shp");
  g_assert_true (ui_wait_for (queue_idle, NULL, 60000));
  tolerate_warnings (FALSE);
  close_dialogs ();
  g_unlink (path);
}

/* A Shapefile in CGCS2000 Gauss–Krüger metres (CM 120°E) without its
 * .prj: refused, asked, and once told, imported where it belongs. */
static void
test_shapefile_without_prj (void)
{
  CxWindow *window = ui_window ();
  g_autofree char *prj = data_path ("gk.prj");
  CxCrsDialog *dialog;
  GtkWidget *row;
  gulong handler;

  if (!make_with_ogr2ogr ("gk.shp", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4549", NULL))
    return;
  g_assert_cmpint (g_unlink (prj), ==, 0);

  handler = watch_queue ();
  import_files_of (window, "gk.shp", NULL);
  g_assert_true (ui_wait_for (crs_dialog_shown, NULL, 60000));
  dialog = crs_dialog ();
  g_assert_cmpuint (layers->len, ==, 0);

  /* Chosen with the pointer's way, the row, then Import. */
  row = ui_find_row (GTK_WIDGET (dialog), "CGCS2000 / Gauss–Krüger 3° zone, central meridian 120°E (EPSG:4549)");
  g_assert_nonnull (row);
  g_assert_true (cx_crs_dialog_select (dialog, "EPSG:4550"));
  gtk_widget_activate (row);
  {
    g_autofree char *crs = cx_crs_dialog_get_crs (dialog);
    g_assert_cmpstr (crs, ==, "EPSG:4549");
  }
  ui_settle (GTK_WIDGET (dialog));
  gtk_widget_activate (find_shown_button (GTK_WIDGET (dialog), "_Import"));
  g_assert_true (ui_wait_for (dialog_gone, NULL, 10000));

  g_assert_true (ui_wait_for (n_done, GUINT_TO_POINTER (2), 60000));
  unwatch_queue (handler);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (layers->pdata[0])), ==, 3);
  assert_site (layers->pdata[0], "Zhongshan Park", 121.4170, 31.2220);
  assert_site (layers->pdata[0], "Xianxia Road", 121.3800, 31.2140);
  g_assert_cmpstr (cx_imported_layer_get_crs_override (layers->pdata[0]), ==, "EPSG:4549");
  g_assert_true (ui_wait_for (window_says, "read as EPSG:4549, chosen by you", 10000));
  remove_layers ();
}

/* A Shapefile's set dropped (or given on the command line) together is
 * imported once; its .dbf alone, and a folder, are refused in words. */
static void
test_drop_shapefile_set (void)
{
  CxWindow *window = ui_window ();
  g_autofree char *folder = data_path ("survey");
  const char *parts[] = { "set.shp", "set.shx", "set.dbf", "set.prj", "set.cpg", "lone.dbf", "lone.shx" };
  gulong handler;

  /* Made by ogr2ogr when it is there; else files that only need names
   * (the .shp then fails to import, once, which is what is counted). */
  if (g_getenv ("CX_IMPORT_HELPER") == NULL || !make_with_ogr2ogr ("set.shp", "-f", "ESRI Shapefile", NULL))
    {
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        g_free (write_file (parts[i], "x"));
    }
  else
    {
      g_free (write_file ("lone.dbf", "x"));
      g_free (write_file ("lone.shx", "x"));
      g_free (write_file ("set.cpg", "UTF-8"));
    }
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  handler = watch_queue ();
  /* Logged as they are said. */
  g_test_expect_message ("cx-window", G_LOG_LEVEL_MESSAGE, "Not imported: “lone.dbf”, “lone.shx”. These are parts of a Shapefile*");
  g_test_expect_message ("cx-window", G_LOG_LEVEL_MESSAGE, "Not imported: “survey”. A folder cannot be imported*");
  /* Without the helper, the .shp fails: once. */
  tolerate_warnings (TRUE);
  import_files_of (window, "set.dbf", "set.shx", "set.shp", "set.prj", "set.cpg",
                   "lone.dbf", "lone.shx", "survey", NULL);
  g_test_assert_expected_messages ();
  g_assert_true (ui_wait_for (n_done, GUINT_TO_POINTER (1), 60000));
  g_assert_true (ui_wait_for (queue_idle, NULL, 60000));
  /* A negative: nothing else comes. */
  ui_observe (500);
  unwatch_queue (handler);
  tolerate_warnings (FALSE);
  g_assert_cmpuint (done_names->len, ==, 1);
  g_assert_cmpstr (done_names->pdata[0], ==, "set.shp");
  g_assert_true (ui_wait_for (window_says, "“lone.dbf”, “lone.shx”", 10000));
  g_assert_true (ui_wait_for (window_says, "parts of a Shapefile", 10000));
  /* The folder's toast waits behind that one; its words were logged. */
  close_dialogs ();
  remove_layers ();
}

/* The command line's files go together: a Shapefile's set imports once,
 * a GeoJSON beside it too, and --first-frame-time reports the state once
 * they are in. */
static void
test_command_line_files (void)
{
  g_auto(CxTestRun) run = { 0, };
  g_autofree char *geojson = write_file ("cli-sites.geojson", sites);
  g_autofree char *shp = data_path ("cli.shp");
  g_autofree char *shx = data_path ("cli.shx");
  g_autofree char *dbf = data_path ("cli.dbf");
  gboolean helper = g_getenv ("CX_IMPORT_HELPER") != NULL;

  if (!helper || !make_with_ogr2ogr ("cli.shp", "-f", "ESRI Shapefile", NULL))
    {
      /* Without the helper: names only; the .shp then fails, once. */
      g_free (write_file ("cli.shp", "x"));
      g_free (write_file ("cli.shx", "x"));
      g_free (write_file ("cli.dbf", "x"));
    }

  cx_test_run_app (&run, CX_TEST_RUN_DEFAULT,
                   (const char *[]) { "--first-frame-time", shp, shx, dbf, geojson, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nimported-layer 3 cli-sites (GeoJSON)\n"));
  g_assert_null (strstr (run.err, "cli.shx"));
  g_assert_null (strstr (run.err, "cli.dbf"));
  if (helper)
    {
      g_assert_nonnull (strstr (run.out, "\nimported 2\n"));
      g_assert_nonnull (strstr (run.out, "\nimported-layer 3 cli (ESRI Shapefile)\n"));
    }
  else
    {
      const char *failed = strstr (run.err, "could not be imported");

      /* One failure, the .shp's. */
      g_assert_nonnull (strstr (run.out, "\nimported 1\n"));
      g_assert_nonnull (failed);
      g_assert_null (strstr (failed + 1, "could not be imported"));
      g_assert_nonnull (strstr (run.err, "cli.shp"));
    }
}

/* --crs gives the command line's files a coordinate system they do not
 * name: a Shapefile in Gauss–Krüger eastings without its .prj imports at
 * once, where without it the window would ask. */
static void
test_command_line_crs (void)
{
  g_auto(CxTestRun) run = { 0, };
  g_autofree char *shp = data_path ("cli-gk.shp");
  g_autofree char *prj = data_path ("cli-gk.prj");

  if (!make_with_ogr2ogr ("cli-gk.shp", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4549", NULL))
    return;
  g_assert_cmpint (g_unlink (prj), ==, 0);

  cx_test_run_app (&run, CX_TEST_RUN_DEFAULT,
                   (const char *[]) { "--first-frame-time", "--crs", "EPSG:4549", shp, NULL });
  g_assert_cmpint (run.status, ==, 0);
  /* (The layers kept by the cases before are restored too: the message
   * is what says this run imported it.) */
  g_assert_nonnull (strstr (run.out, "\nimported-layer 3 cli-gk (ESRI Shapefile)\n"));
  g_assert_nonnull (strstr (run.err, "“cli-gk”: 3 features imported"));
  g_assert_null (strstr (run.err, "could not be imported"));
}

/* A helper's long message is shown whole in a dialog, and logged. */
static void
test_helper_error_in_full (void)
{
  CxImportQueue *queue = cx_session_get_import_queue (cx_application_get_session (ui_app ()));
  g_autoptr(GFile) file = g_file_new_for_path ("/nowhere/parcels.gpkg");
  const char *message = "The reader stopped unexpectedly (signal 11) while reading “parcels.gpkg”; the file may be damaged. "
                        "Nothing was changed: your other layers are as they were, and the file itself was only read.";
  g_autoptr(GError) error = g_error_new_literal (CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER, message);
  AdwDialog *dialog;

  gtk_window_present (GTK_WINDOW (ui_window ()));
  ui_wait_drawn (GTK_WIDGET (ui_window ()));

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*could not be imported*signal 11*parcels.gpkg*only read.");
  g_signal_emit_by_name (queue, "done", file, NULL, error);
  g_test_assert_expected_messages ();
  g_assert_true (ui_wait_for (dialog_shown, NULL, 10000));
  dialog = visible_dialog ();
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), "“parcels.gpkg” Not Imported"));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), message));
  ui_settle (GTK_WIDGET (dialog));
  gtk_widget_activate (find_shown_button (GTK_WIDGET (dialog), "_Close"));
  g_assert_true (ui_wait_for (dialog_gone, NULL, 10000));
}

int
main (int   argc,
      char *argv[])
{
  data_home = ui_private_data_home ("cx-import-formats-XXXXXX");
  g_setenv ("LANGUAGE", "en", TRUE);
  /* Accessible names are read from GTK's test backend. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  done_names = g_ptr_array_new_with_free_func (g_free);
  layers = g_ptr_array_new_with_free_func (g_object_unref);

  ui_init (&argc, &argv);

  g_test_add_func ("/import-formats/crs-dialog-keyboard", test_crs_dialog_keyboard);
  g_test_add_func ("/import-formats/helper-error-in-full", test_helper_error_in_full);
  g_test_add_func ("/import-formats/drop-shapefile-set", test_drop_shapefile_set);
  g_test_add_func ("/import-formats/command-line-files", test_command_line_files);
  g_test_add_func ("/import-formats/command-line-crs", test_command_line_crs);
  g_test_add_func ("/import-formats/geopackage-and-gpx", test_geopackage_and_gpx);
  g_test_add_func ("/import-formats/shapefile-without-prj", test_shapefile_without_prj);

  return ui_run ();
}
