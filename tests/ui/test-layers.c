/* test-layers.c: the planners' own GeoJSON layers (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <string.h>

#include "cx-details-panel.h"
#include "cx-format.h"
#include "cx-overlay-private.h"
#include "cx-palette.h"
#include "cx-test-wait.h"
#include "ui-helpers.h"


/* The longest run of characters without a place to break a line in any
 * label under @widget: Pango's line breaking of one long word is quadratic
 * (a 16 KiB word took 15 s before the details panel gave it places to
 * break; selecting it now takes 0.3–1 s, printed by the test). */
static gsize
longest_unbroken_run (GtkWidget *widget)
{
  gsize longest = 0;

  if (GTK_IS_LABEL (widget))
    {
      gsize run = 0;

      for (const char *p = gtk_label_get_text (GTK_LABEL (widget)); *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          run = (g_unichar_isspace (c) || c == 0x200B || c == '-') ? 0 : run + 1;
          longest = MAX (longest, run);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    longest = MAX (longest, longest_unbroken_run (child));
  return longest;
}

static const char *data_home;

static const char zoning[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"title\":\"Proposed block\",\"description\":\"A zoning proposal.\","
  "  \"fill\":\"#9c27b0\",\"fill-opacity\":0.35,\"stroke\":\"#6a1b9a\",\"zone\":\"C2\",\"area_ha\":4.2,\"approved\":false,\"名称\":\"混合用地\"},"
  " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.405,31.215],[121.412,31.215],[121.412,31.220],[121.405,31.220],[121.405,31.215]],"
  "   [[121.407,31.216],[121.409,31.216],[121.409,31.218],[121.407,31.218],[121.407,31.216]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"title\":\"Survey point\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.39,31.21,4.5]}}"
  "]}";

static CxImportedLayer *imported_layer;

static void
on_imported (CxWindow        *window,
             CxImportedLayer *layer,
             gpointer         user_data)
{
  g_set_object (&imported_layer, layer);
}

static gboolean
layer_arrived (gpointer data)
{
  return imported_layer != NULL;
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (data_home, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* The data directory holds @n layers, as a new window would load them. */
static gboolean
layers_kept (gpointer n)
{
  g_autoptr(GFile) dir = cx_import_store_get_default_dir ();
  g_autoptr(GListStore) layers = cx_import_store_load_all (dir, NULL, NULL);

  return layers != NULL && g_list_model_get_n_items (G_LIST_MODEL (layers)) == GPOINTER_TO_UINT (n);
}

static void
test_import_select_and_keep (void)
{
  CxWindow *window = ui_window ();
  g_autofree char *path = write_file ("zoning.geojson", zoning);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (window));
  CxSelection *selection = cx_window_get_selection (window);
  GtkWidget *panel = cx_window_get_details_panel (window);
  guint before = cx_overlay_layer_get_n_features (overlay);
  double x, y;
  CxWindow *second;

  g_signal_connect (window, "layer-imported", G_CALLBACK (on_imported), NULL);
  cx_window_import_file (window, file, FALSE);
  g_assert_true (ui_wait_for (layer_arrived, NULL, 10000));
  ui_settle (GTK_WIDGET (window));

  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_imported (window)), ==, 1);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (overlay), ==, before + 2);
  /* It shows in the layer panel. */
  g_assert_true (ui_text_contains (cx_window_get_layer_panel (window), "zoning"));

  /* A real click inside the polygon, outside its hole, selects it. */
  cx_overlay_layer_location_to_widget (overlay, 31.2190, 121.4060, &x, &y);
  ui_click (GTK_WIDGET (overlay), x, y, 1);
  g_assert_true (CX_IS_IMPORTED_FEATURE (cx_selection_get_item (selection)));
  /* Features are made when asked for: while the selection holds this one,
   * the layer's model and the map give that very object for it. */
  {
    gpointer selected = cx_selection_get_item (selection);
    g_autoptr(CxImportedFeature) again =
      g_list_model_get_item (cx_imported_layer_get_features (cx_imported_feature_get_layer (selected)),
                             cx_imported_feature_get_index (selected));

    g_assert_true (again == selected);
    g_assert_true (cx_overlay_layer_feature_at (overlay, x, y) == selected);
  }
  g_assert_cmpstr (cx_details_panel_get_page_name (CX_DETAILS_PANEL (panel)), ==, "imported");
  g_assert_true (ui_text_contains (panel, "Proposed block"));
  g_assert_true (ui_text_contains (panel, "A zoning proposal."));
  g_assert_true (ui_text_contains (panel, "混合用地"));
  g_assert_true (ui_text_contains (panel, "4.2"));
  /* Measured from its outline, less its hole. */
  {
    CxImportedFeature *block = CX_IMPORTED_FEATURE (cx_selection_get_item (selection));
    g_autofree char *measured = cx_format_measured_shape (cx_imported_feature_get_geometry (block));

    g_assert_true (g_str_has_prefix (measured, "Measured from the outline: "));
    g_assert_true (ui_text_contains (cx_details_panel_get_page (CX_DETAILS_PANEL (panel)), measured));
  }

  /* In the hole: not the polygon. */
  cx_overlay_layer_location_to_widget (overlay, 31.2170, 121.4080, &x, &y);
  ui_click (GTK_WIDGET (overlay), x, y, 1);
  g_assert_false (CX_IS_IMPORTED_FEATURE (cx_selection_get_item (selection)));

  /* Hidden, it is not hit. */
  cx_imported_layer_set_visible (imported_layer, FALSE);
  cx_overlay_layer_location_to_widget (overlay, 31.2190, 121.4060, &x, &y);
  g_assert_false (CX_IS_IMPORTED_FEATURE (cx_overlay_layer_feature_at (overlay, x, y)));
  cx_imported_layer_set_visible (imported_layer, TRUE);

  /* Kept for next time: a new window loads it from the data directory,
   * once the window has saved it there. */
  g_assert_true (ui_wait_for (layers_kept, GUINT_TO_POINTER (1), 10000));
  second = cx_window_new (ui_app ());
  g_assert_true (ui_wait_for ((gboolean (*) (gpointer)) g_list_model_get_n_items, cx_window_get_imported (second), 5000));
  {
    g_autoptr(CxImportedLayer) again = g_list_model_get_item (cx_window_get_imported (second), 0);
    g_assert_cmpstr (cx_imported_layer_get_name (again), ==, "zoning");
    g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (again)), ==, 2);
  }
  gtk_window_destroy (GTK_WINDOW (second));

  /* Removed, it is gone from the map and from the data directory. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (imported_layer));
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_imported (window)), ==, 0);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (overlay), ==, before);
  g_assert_true (layers_kept (GUINT_TO_POINTER (0)));
  second = cx_window_new (ui_app ());
  /* It loads nothing: a negative, so watched for a while. */
  ui_observe (500);
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_imported (second)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (second));

  g_clear_object (&imported_layer);
  g_unlink (path);
}

static gboolean
dialog_shown (gpointer window)
{
  return adw_application_window_get_visible_dialog (window) != NULL;
}

static gboolean
dialog_gone (gpointer window)
{
  return adw_application_window_get_visible_dialog (window) == NULL;
}

static gboolean
details_shown (gpointer window)
{
  return ui_find_button (window, "Details") != NULL;
}

static void
test_bad_file_is_reported (void)
{
  CxWindow *window = ui_window ();
  g_autofree char *path = write_file ("broken.geojson", "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": \"Feature\", ");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint before = g_list_model_get_n_items (cx_window_get_imported (window));

  GtkWidget *details;
  AdwDialog *dialog;

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*could not be imported*broken.geojson*");
  cx_window_import_file (window, file, FALSE);
  /* The warning is logged as the toast is shown. */
  g_assert_true (ui_wait_for (details_shown, window, 10000));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_imported (window)), ==, before);

  /* The toast is too short for the reason: Details shows all of it. */
  g_assert_true (ui_wait_for (details_shown, window, 3000));
  details = ui_find_button (GTK_WIDGET (window), "Details");
  gtk_widget_activate (details);
  ui_wait_for (dialog_shown, window, 10000);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), "broken.geojson"));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), "not valid JSON"));
  g_assert_true (adw_dialog_close (dialog));
  ui_wait_for (dialog_gone, window, 10000);
  g_assert_null (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)));
  g_unlink (path);
}

/* A big file imports off the main thread: the window keeps handling
 * events. Measured by ui_watch_start()'s 10 ms timer on the main loop: the main thread's
 * CPU time between two of its runs is what the main thread spent without
 * handling events, and is asserted; how late it fires is reported (it also
 * depends on the machine's load: with a dozen processes on two cores, a
 * 200 ms block made it 1.7 s late). Frame gaps under Xvfb also depend on
 * the X server's share of the cores, so they are reported too. Both limits
 * grow with cx_test_slowdown() under ASan (6 times, here); the import's
 * stays well below meson's time-out for the test (300 s, tests/meson.build,
 * times 3 under ASan), so that its own message is what a failure prints. */
#define IMPORT_LIMIT_S 60
#define BUSY_LIMIT_MS 1000
static guint progress_updates;

static CxWindow *zoom_window;

/* The map's zoom, in hundredths, has reached the target's. */
static gboolean
zoom_reached (gpointer target)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (cx_window_get_map_view (zoom_window));

  return round (shumate_viewport_get_zoom_level (viewport) * 100) >= GPOINTER_TO_INT (target) - 1;
}

/* The last frame drew every tile, and none is pending. (No frame is asked
 * for here: the overlay must ask for its own.) */
static gboolean
overlay_complete (gpointer overlay)
{
  return cx_overlay_layer_get_n_stand_ins (overlay) == 0 && cx_overlay_layer_get_n_pending_tiles (overlay) == 0;
}

static void
test_big_file_stays_responsive (void)
{
  CxWindow *window = zoom_window = ui_window ();
  g_autofree char *path = g_build_filename (data_home, "big.geojson", NULL);
  g_autoptr(GString) doc = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GFile) file = NULL;
  UiWatch watch;
  gint64 start, took;
  gint64 import_limit = cx_test_scaled_usec (IMPORT_LIMIT_S * G_USEC_PER_SEC);
  gint64 busy_limit = cx_test_scaled_usec (BUSY_LIMIT_MS * 1000);

  /* About 8 MB: 20,000 small polygons. */
  for (guint i = 0; i < 20000; i++)
    {
      double x = 121.33 + (i % 200) * 0.0005, y = 31.19 + (i / 200) * 0.0005;

      g_string_append_printf (doc, "%s{\"type\":\"Feature\",\"properties\":{\"n\":%u,\"name\":\"parcel %u\"},"
                              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]]}}",
                              i ? "," : "", i, i, x, y, x + 0.0004, y, x + 0.0004, y + 0.0002, x + 0.0003, y + 0.0004, x + 0.0001, y + 0.0004, x, y + 0.0002, x, y);
    }
  g_string_append (doc, "]}");
  g_assert_true (g_file_set_contents (path, doc->str, (gssize) doc->len, NULL));
  file = g_file_new_for_path (path);

  g_signal_connect (window, "layer-imported", G_CALLBACK (on_imported), NULL);
  ui_watch_start (&watch, GTK_WIDGET (window));
  start = g_get_monotonic_time ();
  cx_window_import_file (window, file, FALSE);

  /* The limit only bounds a failure: it takes 2 s in a normal build, and
   * under ASan with whole-stack malloc unwinding on two busy cores from
   * most of a minute to 264 s. */
  while (imported_layer == NULL && g_get_monotonic_time () - start < import_limit)
    {
      g_main_context_iteration (NULL, TRUE);
      progress_updates++;
    }
  took = g_get_monotonic_time () - start;
  /* The layer arrives at the end of the import's last step on the main
   * loop (adding it to the map): the timer fires once more, so that a
   * block there is measured too. */
  if (imported_layer != NULL)
    ui_watch_wait_timer (&watch);
  ui_watch_stop (&watch);

  if (imported_layer == NULL)
    g_error ("The %.1f MB import did not finish within %" G_GINT64_FORMAT " s", doc->len / 1e6, import_limit / G_USEC_PER_SEC);
  g_test_message ("%.1f MB imported in %.2f s; main thread busy at most %.0f ms at a time (limit %.0f ms), "
                  "main loop at most %.0f ms late; longest gap between frames %.0f ms",
                  doc->len / 1e6, took / 1e6, watch.worst_busy / 1000.0,
                  busy_limit / 1000.0, watch.worst_lateness / 1000.0, watch.worst_gap / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (imported_layer)), ==, 20000);
  /* Responsive: the main thread never works for more than a second of CPU
   * (times the slowdown of a sanitized build) without handling events, all
   * along, including when the finished layer is added to the map (50 ms
   * to 0.3 s of CPU, more with meson's MALLOC_PERTURB_; over a second of
   * wall time on a loaded machine). (On this 2-core machine, with Mesa's software renderer and
   * Xvfb sharing the cores with the import thread, frames take a few
   * hundred ms while parsing runs; the figures are in the test log.) */
  g_assert_cmpint (watch.worst_busy, <, busy_limit);

  /* Zooming in over this large layer: while the zoom moves, cached tiles
   * stand in for those of the zooms passed through; once it has stopped,
   * the view is drawn in full without anything else happening. */
  {
    CxMapView *view = cx_window_get_map_view (window);
    CxOverlayLayer *overlay = cx_map_view_get_overlay (view);
    double from = shumate_viewport_get_zoom_level (cx_map_view_get_viewport (view));

    g_assert_true (ui_wait_for (overlay_complete, overlay, 20000));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
    g_assert_true (ui_wait_for (zoom_reached, GINT_TO_POINTER ((int) round (from * 100) + 100), 5000));
    g_assert_true (ui_wait_for (overlay_complete, overlay, 20000));
    g_test_message ("zoom %.2f → %.2f, drawn in full", from,
                    shumate_viewport_get_zoom_level (cx_map_view_get_viewport (view)));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (imported_layer));
  g_clear_object (&imported_layer);
  g_unlink (path);
}

/* Imports always end visibly: data outside the district widens the map's
 * pan and zoom limits, the view fits it, and the toast says where it is. */
static CxWindow *view_window;
static double view_lat, view_lon;

/* The location is inside the map widget, and the animation has settled
 * with the view centred near it. */
static gboolean
view_shows (gpointer data)
{
  CxMapView *map_view = cx_window_get_map_view (view_window);
  ShumateViewport *viewport = cx_map_view_get_viewport (map_view);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view);
  double x, y;

  cx_overlay_layer_location_to_widget (overlay, view_lat, view_lon, &x, &y);
  return x >= 0 && y >= 0 &&
         x <= gtk_widget_get_width (GTK_WIDGET (overlay)) && y <= gtk_widget_get_height (GTK_WIDGET (overlay)) &&
         fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - view_lat) < 0.5 &&
         fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - view_lon) < 0.5;
}

/* A toast (or any text in the window) says @needle. Earlier toasts may
 * still be up, so this waits. */
static gboolean
window_says (gpointer needle)
{
  return ui_text_contains (GTK_WIDGET (view_window), needle);
}

static CxImportedLayer *
import_and_wait (CxWindow   *window,
                 const char *name,
                 const char *contents)
{
  g_autofree char *path = write_file (name, contents);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gulong handler;

  g_clear_object (&imported_layer);
  handler = g_signal_connect (window, "layer-imported", G_CALLBACK (on_imported), NULL);
  cx_window_import_file (window, file, FALSE);
  g_assert_true (ui_wait_for (layer_arrived, NULL, 10000));
  g_signal_handler_disconnect (window, handler);
  g_unlink (path);
  return g_steal_pointer (&imported_layer);
}

static void
test_import_outside_district (void)
{
  CxWindow *window = view_window = ui_window ();
  CxMapView *map_view = cx_window_get_map_view (window);
  ShumateViewport *viewport = cx_map_view_get_viewport (map_view);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view);
  g_autoptr(CxImportedLayer) far = NULL;
  g_autoptr(CxImportedLayer) world = NULL;
  g_autoptr(CxImportedLayer) nowhere = NULL;
  double x, y;

  /* A point at 100°E 0°: the view goes there, and it is drawn and hit. */
  far = import_and_wait (window, "far.geojson",
                         "{\"type\":\"Feature\",\"properties\":{\"title\":\"Far point\"},"
                         "\"geometry\":{\"type\":\"Point\",\"coordinates\":[100,0]}}");
  view_lat = 0;
  view_lon = 100;
  g_assert_true (ui_wait_for (view_shows, NULL, 5000));
  ui_settle (GTK_WIDGET (window));
  g_assert_true (view_shows (NULL));
  cx_overlay_layer_location_to_widget (overlay, 0, 100, &x, &y);
  g_assert_true (CX_IS_IMPORTED_FEATURE (cx_overlay_layer_feature_at (overlay, x, y)));
  g_assert_true (ui_wait_for (window_says, "outside the district’s map", 10000));
  g_assert_true (ui_wait_for (window_says, "100.0°E, 0.0°N", 10000));

  /* The pan limit now takes it in: the view is not pulled back. */
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 0.5, 100.5);
  ui_settle (GTK_WIDGET (window));
  g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 100.5), <, 1e-6);

  /* A world-sized polygon (to the poles): shown whole, far below the
   * pack's minimum zoom, and the toast says what was drawn at the edge. */
  world = import_and_wait (window, "world.geojson",
                           "{\"type\":\"Feature\",\"properties\":{\"title\":\"World\"},"
                           "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}}");
  view_lat = 0;
  view_lon = 0;
  g_assert_true (ui_wait_for (view_shows, NULL, 5000));
  ui_settle (GTK_WIDGET (window));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <=, 3);
  cx_overlay_layer_location_to_widget (overlay, 70, -170, &x, &y);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  cx_overlay_layer_location_to_widget (overlay, -70, 170, &x, &y);
  g_assert_cmpfloat (x, <=, gtk_widget_get_width (GTK_WIDGET (overlay)));
  g_assert_cmpfloat (y, <=, gtk_widget_get_height (GTK_WIDGET (overlay)));
  g_assert_true (ui_wait_for (window_says, "5 positions lie beyond 85.05° latitude", 10000));

  /* Nothing to draw: never reported as simply imported. */
  nowhere = import_and_wait (window, "nowhere.geojson",
                             "{\"type\":\"FeatureCollection\",\"features\":["
                             "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null},"
                             "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[]}}]}");
  g_assert_true (ui_wait_for (window_says, "there is nothing to draw: none of its 2 features has a location", 10000));

  /* With the far point removed, the world still holds the limits open;
   * with the world removed too, the map keeps to the pack's again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (far));
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 0.5, 100.5);
  ui_settle (GTK_WIDGET (window));
  g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 100.5), <, 1e-6);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (world));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (nowhere));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 10);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 0.5, 100.5);
  ui_settle (GTK_WIDGET (window));
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), <=, 122.0);
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), >=, 30.68);
}

/* The colour of the map under (@lat, @lon), as drawn. */
static CxColor
map_pixel (CxOverlayLayer *overlay,
           double          lat,
           double          lon)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (GTK_WIDGET (overlay));
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) w * h * 4);
  double x, y;
  const guint8 *px;

  gdk_texture_download (texture, pixels, (gsize) w * 4);
  cx_overlay_layer_location_to_widget (overlay, lat, lon, &x, &y);
  /* The texture is in device pixels. */
  x *= (double) w / gtk_widget_get_width (GTK_WIDGET (overlay));
  y *= (double) h / gtk_widget_get_height (GTK_WIDGET (overlay));
  g_assert_true (x >= 0 && y >= 0 && x < w && y < h);
  px = pixels + (gsize) y * w * 4 + (gsize) x * 4;
  return (CxColor) { px[2] / 255.0, px[1] / 255.0, px[0] / 255.0, 1 };
}

static gboolean
layer_stored (gpointer layer)
{
  return cx_imported_layer_is_stored (layer);
}

static gboolean
toplevel_shown (gpointer title)
{
  return ui_find_toplevel (title) != NULL;
}

static gboolean
toplevel_gone (gpointer title)
{
  return ui_find_toplevel (title) == NULL;
}

static gboolean
same_rgb (const CxColor *a,
          const CxColor *b)
{
  return fabs (a->red - b->red) < 1e-3 && fabs (a->green - b->green) < 1e-3 && fabs (a->blue - b->blue) < 1e-3;
}

/* Two files with no colours of their own: each layer gets a colour of its
 * own, kept for next time, which the map draws it in and every legend
 * shows it in, under its name: the presentation card and the layer panel. */
static void
test_colours_and_legends (void)
{
  CxWindow *window = view_window = ui_window ();
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (window));
  GtkWidget *card = cx_window_get_presentation_card (window);
  GtkWidget *panel = cx_window_get_layer_panel (window);
  g_autoptr(CxImportedLayer) wells = NULL;
  g_autoptr(CxImportedLayer) routes = NULL;
  CxColor first, second, c, drawn;
  CxWindow *again;

  wells = import_and_wait (window, "wells.geojson",
                           "{\"type\":\"Feature\",\"properties\":{\"title\":\"Well\"},"
                           "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.415,31.212]}}");
  routes = import_and_wait (window, "routes.geojson",
                            "{\"type\":\"Feature\",\"properties\":{},"
                            "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[121.40,31.23],[121.43,31.24]]}}");
  ui_settle (GTK_WIDGET (window));

  /* The palette's first two colours, one each. */
  g_assert_true (cx_imported_layer_get_color (wells, &first));
  g_assert_true (cx_imported_layer_get_color (routes, &second));
  cx_palette_get_imported (0, &c);
  g_assert_true (same_rgb (&first, &c));
  cx_palette_get_imported (1, &c);
  g_assert_true (same_rgb (&second, &c));

  /* The well's marker, on the map, in its layer's colour (nothing
   * selected, which would dim the rest). */
  cx_selection_clear (cx_window_get_selection (window));
  cx_map_view_zoom_to_bounds (cx_window_get_map_view (window), &(CxBounds) { 121.41, 31.207, 121.42, 31.217 });
  ui_settle (GTK_WIDGET (window));
  drawn = map_pixel (overlay, 31.212, 121.415);
  g_test_message ("well drawn #%02x%02x%02x, layer #%02x%02x%02x",
                  (int) round (drawn.red * 255), (int) round (drawn.green * 255), (int) round (drawn.blue * 255),
                  (int) round (first.red * 255), (int) round (first.green * 255), (int) round (first.blue * 255));
  g_assert_cmpfloat (cx_color_delta_e (&drawn, &first), <, 10);

  /* Both in the presentation legend, under their names; hidden, gone from
   * it; renamed, renamed in it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  ui_settle (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (card));
  g_assert_true (ui_text_contains (card, "wells"));
  g_assert_true (ui_text_contains (card, "routes"));
  cx_imported_layer_set_visible (routes, FALSE);
  g_assert_false (ui_text_contains (card, "routes"));
  cx_imported_layer_set_visible (routes, TRUE);
  g_assert_true (ui_text_contains (card, "routes"));
  cx_imported_layer_set_name (routes, "Bus routes");
  g_assert_true (ui_text_contains (card, "Bus routes"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  ui_settle (GTK_WIDGET (window));

  /* The layer panel's rows show a swatch, as the pack's do. */
  {
    guint swatches = 0;

    for (GtkWidget *w = panel; w != NULL;)
      {
        if (GTK_IS_DRAWING_AREA (w) && gtk_widget_get_mapped (w))
          swatches++;
        /* Depth first through the panel. */
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != panel && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == panel ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    /* The pack's five layers and the two imported. */
    g_assert_cmpuint (swatches, >=, 7);
  }

  /* Kept for next time, with their colours (once saved: the directory is
   * not read while a save is writing to it). */
  g_assert_true (ui_wait_for (layer_stored, wells, 10000));
  g_assert_true (ui_wait_for (layer_stored, routes, 10000));
  g_assert_true (layers_kept (GUINT_TO_POINTER (2)));
  again = cx_window_new (ui_app ());
  g_assert_true (ui_wait_for ((gboolean (*) (gpointer)) g_list_model_get_n_items, cx_window_get_imported (again), 5000));
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_imported (again)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (cx_window_get_imported (again), i);

      g_assert_true (cx_imported_layer_get_color (layer, &c));
      g_assert_true (same_rgb (&c, g_str_equal (cx_imported_layer_get_file_name (layer), "wells.geojson") ? &first : &second));
    }
  gtk_window_destroy (GTK_WINDOW (again));

  /* Another colour, chosen in the row's menu: GTK's colour chooser, and
   * what it gives is drawn, and kept. Cancelled, it changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-color", "s", cx_imported_layer_get_id (wells));
  g_assert_true (ui_wait_for (toplevel_shown, "Colour of “wells”", 10000));
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (ui_find_toplevel ("Colour of “wells”")), GTK_RESPONSE_CANCEL);
G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_true (ui_wait_for (toplevel_gone, "Colour of “wells”", 10000));
  g_assert_true (cx_imported_layer_get_color (wells, &c));
  g_assert_true (same_rgb (&c, &first));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-color", "s", cx_imported_layer_get_id (wells));
  g_assert_true (ui_wait_for (toplevel_shown, "Colour of “wells”", 10000));
  {
    GtkWindow *chooser = ui_find_toplevel ("Colour of “wells”");

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    g_assert_true (GTK_IS_COLOR_CHOOSER (chooser));
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (chooser), &(GdkRGBA) { 0.2, 0.4, 0.6, 1 });
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_OK);
G_GNUC_END_IGNORE_DEPRECATIONS
  }
  g_assert_true (ui_wait_for (toplevel_gone, "Colour of “wells”", 10000));
  g_assert_true (cx_imported_layer_get_color (wells, &c));
  g_assert_true (same_rgb (&c, &(CxColor) { 0.2, 0.4, 0.6, 1 }));
  ui_settle (GTK_WIDGET (window));
  drawn = map_pixel (overlay, 31.212, 121.415);
  g_assert_cmpfloat (cx_color_delta_e (&drawn, &c), <, 10);
  {
    g_autoptr(GFile) dir = cx_import_store_get_default_dir ();
    g_autoptr(GListStore) kept = cx_import_store_load_all (dir, NULL, NULL);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (kept)); i++)
      {
        g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (kept), i);

        if (g_str_equal (cx_imported_layer_get_id (layer), cx_imported_layer_get_id (wells)))
          {
            g_assert_true (cx_imported_layer_get_color (layer, &c));
            g_assert_true (same_rgb (&c, &(CxColor) { 0.2, 0.4, 0.6, 1 }));
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* Removed, the next layer takes the free colour first. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (wells));
  g_clear_object (&wells);
  wells = import_and_wait (window, "wells.geojson",
                           "{\"type\":\"Feature\",\"properties\":{},"
                           "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.415,31.212]}}");
  g_assert_true (cx_imported_layer_get_color (wells, &c));
  g_assert_true (same_rgb (&c, &first));
  g_assert_true (ui_wait_for (layer_stored, wells, 10000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (wells));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (routes));
  g_assert_true (layers_kept (GUINT_TO_POINTER (0)));
}

/* Titles are outside input: one unbroken word of tens of megabytes must
 * not freeze the window when selected, and one of thousands of characters
 * is still drawn on the map (a label wider than cairo's 32,767 px surface
 * limit used to fail with GTK-CRITICALs, which the tests make fatal). */
static void
test_long_titles (void)
{
  CxWindow *window = view_window = ui_window ();
  CxMapView *map_view = cx_window_get_map_view (window);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view);
  GtkWidget *panel = cx_window_get_details_panel (window);
  gsize huge_len = 20 * 1000 * 1000;
  g_autoptr(GString) doc = g_string_sized_new (huge_len + 4096);
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(CxImportedFeature) huge = NULL;
  gint64 start, took;
  double x, y;

  g_string_append (doc, "{\"type\":\"FeatureCollection\",\"features\":["
                        "{\"type\":\"Feature\",\"properties\":{\"title\":\"");
  for (gsize i = 0; i < huge_len; i++)
    g_string_append_c (doc, "abcdefghijklmnopqrstuvwxyz"[i % 26]);
  g_string_append (doc, "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.40,31.21]}},"
                        "{\"type\":\"Feature\",\"properties\":{\"title\":\"");
  for (guint i = 0; i < 3000; i++)
    g_string_append (doc, i % 50 == 49 ? " " : "W");
  g_string_append (doc, "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.21]}},"
                        "{\"type\":\"Feature\",\"properties\":{\"title\":\"");
  for (guint i = 0; i < 3000; i++)
    g_string_append (doc, "長");
  g_string_append (doc, "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.42,31.21]}},"
                        "{\"type\":\"Feature\",\"properties\":{\"title\":\"Many\"");
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (doc, ",\"p%u\":%u", i, i);
  g_string_append (doc, "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.43,31.21]}}]}");

  layer = import_and_wait (window, "titles.geojson", doc->str);
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (layer)), ==, 4);
  huge = g_list_model_get_item (cx_imported_layer_get_features (layer), 0);

  /* Selected, the panel is built and laid out in well under a second (it
   * took about 30 s of Pango line breaking), and the heading is cut to
   * CX_DISPLAY_MAX_HEADING_CHARS with an ellipsis. */
  start = g_get_monotonic_time ();
  cx_selection_select (cx_window_get_selection (window), G_OBJECT (huge));
  g_assert_cmpstr (cx_details_panel_get_page_name (CX_DETAILS_PANEL (panel)), ==, "imported");
  ui_settle (panel);
  {
    int min, nat;

    gtk_widget_measure (panel, GTK_ORIENTATION_VERTICAL, 360, &min, &nat, NULL, NULL);
  }
  took = g_get_monotonic_time () - start;
  g_test_message ("a feature with a 20 MB title selected in %.0f ms", took / 1000.0);
  /* What made it slow, not the time itself (a timed test flakes on a busy
   * machine or under ASan): no label gives Pango a long unbroken word. */
  g_assert_cmpuint (longest_unbroken_run (panel), <=, 200);
  g_assert_true (ui_text_contains (panel, "abcdefghij"));
  {
    g_autofree char *text = ui_collect_text (panel);

    g_assert_cmpuint (strlen (text), <, 3 * CX_IMPORT_MAX_TEXT_BYTES);
  }

  /* 50,000 properties: the table stops at CX_DETAILS_MAX_PROPERTY_ROWS
   * and says how many more there are. */
  {
    g_autoptr(CxImportedFeature) many = g_list_model_get_item (cx_imported_layer_get_features (layer), 3);

    start = g_get_monotonic_time ();
    cx_selection_select (cx_window_get_selection (window), G_OBJECT (many));
    ui_settle (panel);
    took = g_get_monotonic_time () - start;
    g_test_message ("a feature with 50,000 properties selected in %.0f ms", took / 1000.0);
    g_assert_true (ui_text_contains (panel, "p199"));
    g_assert_false (ui_text_contains (panel, "p200"));
    g_assert_true (ui_text_contains (panel, "49800 more properties are not shown here"));
  }

  /* On the map, every label is drawn, at street level. */
  cx_map_view_go_to (map_view, 31.21, 121.41, 16);
  zoom_window = window;
  view_lat = 31.21;
  view_lon = 121.41;
  g_assert_true (ui_wait_for (zoom_reached, GINT_TO_POINTER (1600), 10000));
  g_assert_true (ui_wait_for (view_shows, NULL, 10000));
  ui_settle (GTK_WIDGET (window));
  g_assert_true (ui_wait_for (overlay_complete, overlay, 20000));
  cx_overlay_layer_location_to_widget (overlay, 31.21, 121.41, &x, &y);
  g_assert_true (CX_IS_IMPORTED_FEATURE (cx_overlay_layer_feature_at (overlay, x, y)));
  {
    g_autoptr(GdkTexture) texture = ui_render_widget (GTK_WIDGET (overlay));

    g_assert_nonnull (texture);
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (layer));
}

int
main (int   argc,
      char *argv[])
{
#ifdef __GLIBC__
  /* Freed memory filled, as meson runs every test (MALLOC_PERTURB_), also
   * when this is run by hand: the big import once blocked the main thread
   * for 1–10 s that way, and for 0.25 s without it (growing its many small
   * arrays step by step into a large free block, which glibc then fills
   * again on every step: see cx_geometry_new_sized()). */
  if (g_getenv ("MALLOC_PERTURB_") == NULL)
    mallopt (M_PERTURB, 0xa5);
#endif
  data_home = ui_private_data_home ("cx-layers-XXXXXX");
  g_setenv ("LANGUAGE", "en", TRUE);

  ui_init (&argc, &argv);

  g_test_add_func ("/layers/import-select-and-keep", test_import_select_and_keep);
  g_test_add_func ("/layers/bad-file-is-reported", test_bad_file_is_reported);
  g_test_add_func ("/layers/big-file-stays-responsive", test_big_file_stays_responsive);
  g_test_add_func ("/layers/import-outside-district", test_import_outside_district);
  g_test_add_func ("/layers/colours-and-legends", test_colours_and_legends);
  g_test_add_func ("/layers/long-titles", test_long_titles);

  return ui_run ();
}
