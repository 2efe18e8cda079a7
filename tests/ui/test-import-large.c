/* test-import-large.c: a 100 MB GeoJSON layer, imported while the window
 * keeps drawing, then panned across and clicked (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is written by the test: building footprints over the district
 * like those of build-aux/bench's generator (tests/bench/gen-geojson.c), a
 * grid of rings of 6 to 12 positions with four properties each, about
 * 400 bytes a building, none overlapping another. CX_TEST_LARGE_MB sets its size (default 100).
 *
 * What is asserted is what a user sees: the window goes on drawing frames
 * while the file is read and while the layer is added to the map, the
 * layer then has every building, panning across it draws every tile, and a
 * click on a building finds that building; and at the next start, the
 * window is drawn at once and the layer appears when it has loaded, with
 * its progress shown. "Goes on drawing" is measured
 * by ui_watch_start(), as in test-layers.c: a 10 ms timer on the main loop, whose runs are at
 * most BUSY_LIMIT_MS of the main thread's CPU time apart (its wall time
 * also depends on the machine's other work, so it is reported, and frames
 * are counted); limits grow with cx_test_slowdown () under ASan.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include "cx-overlay-private.h"
#include "cx-test-wait.h"
#include "ui-helpers.h"

/* At most this much of the main thread's CPU between two chances to draw.
 * Drawing a frame of the map under Mesa's software renderer takes 20–60 ms
 * of it on its own; the frame in which the 245,000 buildings first appear
 * takes 100–150 ms (the spatial index, the frame's copy of every item, and
 * listing what each tile in view draws, on the main thread: measured, left
 * for later). Adding the layer to the map took 2.4 s of it before its
 * items were made in a worker. */
#define BUSY_LIMIT_MS 250
/* Bounds a failure only: a normal build reads 100 MB in seconds. */
#define IMPORT_LIMIT_S 240
#define DRAW_LIMIT_S 60

/* The district, roughly: where the buildings stand. */
#define WEST 121.355
#define SOUTH 31.190
#define EAST 121.445
#define ROW_HEIGHT 0.0001125

static const char *data_home;

static CxImportedLayer *imported_layer;

static void
on_imported (CxWindow        *window,
             CxImportedLayer *layer,
             gpointer         data)
{
  g_set_object (&imported_layer, layer);
}

/* One footprint, written as gen-geojson writes them: a ring around
 * (@x, @y) of @n corners, closed. */
static void
append_footprint (GString *doc,
                  guint    i,
                  double   x,
                  double   y,
                  GRand   *rand)
{
  guint n = (guint) g_rand_int_range (rand, 6, 13);
  /* Within its cell of the grid (0.0001° by 0.0001125°): buildings do
   * not overlap, so that a click finds one. */
  double rx = 0.00002 + g_rand_double (rand) * 0.00002;
  double ry = 0.00002 + g_rand_double (rand) * 0.00002;
  static const char *uses[] = { "residential", "office", "retail", "school", "hospital" };
  double first_x = 0, first_y = 0;

  g_string_append_printf (doc, "%s\n{\"type\":\"Feature\",\"id\":%u,\"properties\":{\"name\":\"%u号楼\",\"use\":\"%s\","
                          "\"height\":%.1f,\"floors\":%u},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                          i > 0 ? "," : "", i, i + 1, uses[i % G_N_ELEMENTS (uses)],
                          6 + (i % 97) * 0.9, 2 + i % 30);
  for (guint k = 0; k < n; k++)
    {
      double a = 2 * G_PI * k / n;
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];
      double px = x + rx * cos (a), py = y + ry * sin (a);

      if (k == 0)
        {
          first_x = px;
          first_y = py;
        }
      g_ascii_formatd (lon, sizeof lon, "%.7f", px);
      g_ascii_formatd (lat, sizeof lat, "%.7f", py);
      g_string_append_printf (doc, "[%s,%s],", lon, lat);
    }
  {
    char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_formatd (lon, sizeof lon, "%.7f", first_x);
    g_ascii_formatd (lat, sizeof lat, "%.7f", first_y);
    g_string_append_printf (doc, "[%s,%s]]]}}", lon, lat);
  }
}

/* Writes about @megabytes of footprints on a grid over the district; the
 * centre of building @probe is put in *lat, *lon.
 *
 * Returns: how many */
static guint
write_footprints (const char *path,
                  guint       megabytes,
                  guint       probe,
                  double     *lat,
                  double     *lon)
{
  g_autoptr(GString) doc = g_string_sized_new (1 << 20);
  g_autoptr(GRand) rand = g_rand_new_with_seed (25);
  FILE *out = g_fopen (path, "wb");
  gsize target = (gsize) megabytes * 1000 * 1000, written = 0;
  guint cols = 900, n = 0;

  g_assert_nonnull (out);
  g_string_append (doc, "{\"type\":\"FeatureCollection\",\"features\":[");
  while (written + doc->len < target)
    {
      /* 900 columns over the district's width, rows from its south
       * (272 rows for 100 MB), as far north as they go. */
      guint row = n / cols, col = n % cols;
      double x = WEST + (EAST - WEST) * (col + 0.5) / cols;
      double y = SOUTH + ROW_HEIGHT * (row + 0.5);

      if (n == probe)
        {
          *lon = x;
          *lat = y;
        }
      append_footprint (doc, n, x, y, rand);
      n++;
      if (doc->len > (1 << 20))
        {
          g_assert_cmpuint (fwrite (doc->str, 1, doc->len, out), ==, doc->len);
          written += doc->len;
          g_string_truncate (doc, 0);
        }
    }
  g_string_append (doc, "\n]}\n");
  g_assert_cmpuint (fwrite (doc->str, 1, doc->len, out), ==, doc->len);
  g_assert_cmpint (fclose (out), ==, 0);
  return n;
}

/* The last frame drew every tile, and none is pending. */
static gboolean
overlay_complete (gpointer overlay)
{
  return cx_overlay_layer_get_n_stand_ins (overlay) == 0 && cx_overlay_layer_get_n_pending_tiles (overlay) == 0;
}

static void
test_import_pan_and_click (void)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (view);
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  g_autofree char *path = g_build_filename (data_home, "footprints.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *mb_text = g_getenv ("CX_TEST_LARGE_MB");
  guint megabytes = mb_text != NULL ? (guint) g_ascii_strtoull (mb_text, NULL, 10) : 100;
  gint64 busy_limit = cx_test_scaled_usec (BUSY_LIMIT_MS * 1000);
  gint64 import_limit = cx_test_scaled_usec ((gint64) IMPORT_LIMIT_S * G_USEC_PER_SEC);
  guint draw_limit_ms = (guint) (cx_test_scaled_usec ((gint64) DRAW_LIMIT_S * G_USEC_PER_SEC) / 1000);
  guint probe, n;
  UiWatch watch;
  double probe_lat = 0, probe_lon = 0;
  gint64 start, took;
  double import_frames_per_s;

  /* A building about half-way through the file (about 2,450 a MB). */
  probe = MAX (megabytes, 1) * 1234 + 57;
  start = g_get_monotonic_time ();
  n = write_footprints (path, MAX (megabytes, 1), probe, &probe_lat, &probe_lon);
  g_test_message ("wrote %u buildings, %u MB, in %.1f s", n, megabytes,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (n, >, probe);

  g_signal_connect (window, "layer-imported", G_CALLBACK (on_imported), NULL);
  ui_watch_start (&watch, GTK_WIDGET (window));
  start = g_get_monotonic_time ();
  cx_window_import_file (window, file, FALSE);

  while (imported_layer == NULL && g_get_monotonic_time () - start < import_limit)
    g_main_context_iteration (NULL, TRUE);
  if (imported_layer == NULL)
    g_error ("The %u MB import did not finish within %" G_GINT64_FORMAT " s", megabytes, import_limit / G_USEC_PER_SEC);
  took = g_get_monotonic_time () - start;
  /* Then the map draws it: the layer is added to the overlay (its items
   * made by a worker), a frame drawn with it, and every tile in view, with
   * the timer and the frames still watched. */
  ui_watch_wait_timer (&watch);
  g_assert_true (ui_wait_for (overlay_complete, overlay, draw_limit_ms));
  ui_wait_drawn (GTK_WIDGET (view));
  g_assert_true (ui_wait_for (overlay_complete, overlay, draw_limit_ms));
  import_frames_per_s = watch.frames / ((g_get_monotonic_time () - start) / 1e6);
  g_test_message ("%u MB imported in %.2f s (%.0f MB/s) and drawn by %.2f s: %u frames (%.1f a second), "
                  "longest gap between frames %.0f ms; main thread busy at most %.0f ms at a time "
                  "(limit %.0f ms), main loop at most %.0f ms late",
                  megabytes, took / 1e6, megabytes / (took / 1e6), (g_get_monotonic_time () - start) / 1e6,
                  watch.frames, import_frames_per_s, watch.worst_gap / 1000.0, watch.worst_busy / 1000.0,
                  busy_limit / 1000.0, watch.worst_lateness / 1000.0);

  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (imported_layer)), ==, n);
  /* Frames kept coming: the main thread never went without a chance to
   * draw for more than a few frames' worth of its own work, and frames
   * were drawn throughout (more than one a second on average, on a
   * machine where the import takes both cores). */
  g_assert_cmpint (watch.worst_busy, <, busy_limit);
  g_assert_cmpfloat (import_frames_per_s, >, 1);

  /* Panning across the layer at zoom 17, where each tile holds hundreds
   * of buildings and the view 20,000: every step is drawn in full, without
   * blocking. (At zoom 16, 80,000 in view, the main thread spends 115 ms
   * listing each new tile's buildings for the worker that draws them.) */
  {
    double zoom = 17, lat = 31.2025;
    guint steps = 8;

    shumate_viewport_set_zoom_level (viewport, zoom);
    ui_watch_reset (&watch);
    start = g_get_monotonic_time ();
    for (guint s = 0; s <= steps; s++)
      {
        double lon = 121.36 + (121.44 - 121.36) * s / steps;

        shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
        ui_wait_drawn (GTK_WIDGET (view));
        ui_watch_wait_timer (&watch);
        g_assert_true (ui_wait_for (overlay_complete, overlay, draw_limit_ms));
      }
    g_test_message ("panned %u steps across the layer at zoom %.0f in %.2f s, each drawn in full: "
                    "%u frames, main thread busy at most %.0f ms at a time",
                    steps, zoom, (g_get_monotonic_time () - start) / 1e6, watch.frames, watch.worst_busy / 1000.0);
    g_assert_cmpint (watch.worst_busy, <, busy_limit);
  }

  /* A click on a building finds it. */
  {
    double x, y;
    GObject *found;
    gint64 t0;

    shumate_location_set_location (SHUMATE_LOCATION (viewport), probe_lat, probe_lon);
    shumate_viewport_set_zoom_level (viewport, 18);
    gtk_widget_queue_draw (GTK_WIDGET (view));
    ui_watch_wait_timer (&watch);
    cx_overlay_layer_location_to_widget (overlay, probe_lat, probe_lon, &x, &y);
    t0 = g_get_monotonic_time ();
    found = cx_overlay_layer_feature_at (overlay, x, y);
    g_test_message ("the building under a click found in %.3f ms", (g_get_monotonic_time () - t0) / 1000.0);
    g_assert_true (CX_IS_IMPORTED_FEATURE (found));
    g_assert_cmpuint (cx_imported_feature_get_source_index (CX_IMPORTED_FEATURE (found)), ==, probe);
    {
      g_autofree char *probe_name = g_strdup_printf ("%u号楼", probe + 1);
      g_assert_cmpstr (cx_imported_feature_lookup_property (CX_IMPORTED_FEATURE (found), "name"), ==, probe_name);
    }
  }

  ui_watch_stop (&watch);
  /* The layer stays, kept for /import-large/restored-at-start. */
  g_unlink (path);
}

static gboolean
layer_stored (gpointer layer)
{
  return cx_imported_layer_is_stored (layer);
}

typedef struct
{
  CxWindow *window;
  guint     frames;
  guint     frames_before_layer;   /* drawn before the layer was there */
  gboolean  card_shown;            /* the card told of the load */
  double    card_fraction;         /* the most it showed */
} Restore;

static gboolean
restore_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  Restore *r = data;

  r->frames++;
  if (g_list_model_get_n_items (cx_window_get_imported (r->window)) == 0)
    r->frames_before_layer++;
  if (gtk_revealer_get_reveal_child (r->window->import_revealer) &&
      g_strcmp0 (gtk_label_get_label (r->window->import_label), "Loading your layers…") == 0)
    {
      r->card_shown = TRUE;
      r->card_fraction = MAX (r->card_fraction, gtk_progress_bar_get_fraction (r->window->import_progress));
    }
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static gboolean
restored (gpointer data)
{
  Restore *r = data;

  return g_list_model_get_n_items (cx_window_get_imported (r->window)) == 1 &&
         !gtk_revealer_get_reveal_child (r->window->import_revealer);
}

/* The next start (a new window, which loads the kept layers as a start
 * does): its first frames come at once, with the card telling how far the
 * 100 MB layer has loaded, and the layer appears when it is ready. */
static void
test_restored_at_start (void)
{
  CxWindow *window = ui_window ();
  Restore r = { 0, };
  guint draw_limit_ms = (guint) (cx_test_scaled_usec ((gint64) DRAW_LIMIT_S * G_USEC_PER_SEC) / 1000);
  gint64 start, took;
  guint n;

  if (imported_layer == NULL)
    {
      g_test_skip ("needs the layer of /import-large/import-pan-and-click");
      return;
    }
  n = g_list_model_get_n_items (cx_imported_layer_get_features (imported_layer));
  g_assert_true (ui_wait_for (layer_stored, imported_layer, draw_limit_ms));

  start = g_get_monotonic_time ();
  r.window = cx_window_new (ui_app ());
  gtk_widget_add_tick_callback (GTK_WIDGET (r.window), restore_tick, &r, NULL);
  gtk_window_present (GTK_WINDOW (r.window));
  g_assert_true (ui_wait_for (restored, &r, draw_limit_ms));
  took = g_get_monotonic_time () - start;
  g_test_message ("the kept %u-building layer loaded in a new window in %.2f s: %u frames drawn before it "
                  "appeared, the card showing the load up to %.0f%%",
                  n, took / 1e6, r.frames_before_layer, r.card_fraction * 100);

  /* The window was drawn, and drawn again, while the layer loaded; a load
   * that takes more than a moment (the card waits 0.4 s, not to flash for
   * small layers) showed how far it was. */
  g_assert_cmpuint (r.frames_before_layer, >=, 2);
  if (took > 700 * 1000)
    {
      g_assert_true (r.card_shown);
      g_assert_cmpfloat (r.card_fraction, >, 0);
    }
  {
    g_autoptr(CxImportedLayer) again = g_list_model_get_item (cx_window_get_imported (r.window), 0);

    g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (again)), ==, n);
  }
  gtk_window_destroy (GTK_WINDOW (r.window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.imported-remove", "s", cx_imported_layer_get_id (imported_layer));
  g_clear_object (&imported_layer);
}

int
main (int   argc,
      char *argv[])
{
  data_home = ui_private_data_home ("cx-import-large-XXXXXX");
  g_setenv ("LANGUAGE", "en", TRUE);

  ui_init (&argc, &argv);

  g_test_add_func ("/import-large/import-pan-and-click", test_import_pan_and_click);
  g_test_add_func ("/import-large/restored-at-start", test_restored_at_start);

  return ui_run ();
}
