/* test-window.c: the window opens on a map of Changning (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "cx-application.h"
#include "cx-window.h"

static CxApplication *app;
static CxWindow *window;
static double first_frame_ms = -1;
static gint64 test_start_us;

static void
on_first_frame (CxWindow *w,
                gpointer  user_data)
{
  first_frame_ms = (g_get_monotonic_time () - test_start_us) / 1000.0;
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
ensure_window (void)
{
  gboolean timed_out = FALSE;
  guint timeout;

  if (window != NULL)
    return;

  test_start_us = g_get_monotonic_time ();
  window = cx_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_signal_connect (window, "first-frame", G_CALLBACK (on_first_frame), NULL);
  gtk_window_present (GTK_WINDOW (window));

  timeout = g_timeout_add_seconds (20, on_timeout, &timed_out);
  while (first_frame_ms < 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  g_assert_false (timed_out);
  /* Let the tiles arrive and the layout settle. */
  spin (500);
}

static void
test_first_frame (void)
{
  ensure_window ();

  g_test_message ("first frame after %.1f ms", first_frame_ms);
  g_assert_cmpfloat (first_frame_ms, >, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cx_window_get_map_view (window))));
}

static void
test_overlay_holds_pack (void)
{
  CxMapView *view;
  CxOverlayLayer *overlay;
  GListModel *features;

  ensure_window ();
  view = cx_window_get_map_view (window);
  g_assert_nonnull (view);
  overlay = cx_map_view_get_overlay (view);
  features = cx_data_pack_get_features (cx_application_get_pack (app));

  g_assert_cmpuint (cx_overlay_layer_get_n_features (overlay), ==, g_list_model_get_n_items (features));
  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (features, i);
      g_assert_true (cx_overlay_layer_has_feature (overlay, cx_feature_get_id (f)));
    }

  /* All of it is on screen at the opening view, and drawn. */
  g_assert_cmpuint (cx_overlay_layer_get_n_drawn (overlay), ==, g_list_model_get_n_items (features));
}

/* The window opens fitted to the district: its whole box is visible. */
static void
test_fitted_to_district (void)
{
  CxMapView *view;
  ShumateViewport *viewport;
  CxBounds b;
  double x0, y0, x1, y1;
  int w, h;

  ensure_window ();
  view = cx_window_get_map_view (window);
  viewport = cx_map_view_get_viewport (view);
  b = cx_data_pack_get_bounds (cx_application_get_pack (app));
  w = gtk_widget_get_width (GTK_WIDGET (view));
  h = gtk_widget_get_height (GTK_WIDGET (view));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (view), b.max_y, b.min_x, &x0, &y0);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (view), b.min_y, b.max_x, &x1, &y1);

  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, w);
  g_assert_cmpfloat (y1, <=, h);
  /* …and fills a good part of the window, not a speck in the middle. */
  g_assert_cmpfloat (x1 - x0, >, w * 0.4);

  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 11);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <=, 14);
}

/* The overlay's own projection agrees with libshumate's, so features sit on
 * the basemap where they belong. */
static void
test_projection_matches_shumate (void)
{
  CxMapView *view;
  CxOverlayLayer *overlay;
  ShumateViewport *viewport;
  const double points[][2] = { { 31.2232, 121.4165 }, { 31.19327, 121.34279 }, { 31.246, 121.3405 } };

  ensure_window ();
  view = cx_window_get_map_view (window);
  overlay = cx_map_view_get_overlay (view);
  viewport = cx_map_view_get_viewport (view);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double ox, oy, sx, sy;

      cx_overlay_layer_location_to_widget (overlay, points[i][0], points[i][1], &ox, &oy);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (overlay), points[i][0], points[i][1], &sx, &sy);
      g_assert_cmpfloat_with_epsilon (ox, sx, 0.5);
      g_assert_cmpfloat_with_epsilon (oy, sy, 0.5);
    }
}

static CxFeature *
feature_at_location (CxOverlayLayer *overlay,
                     double          lat,
                     double          lon)
{
  double x, y;

  cx_overlay_layer_location_to_widget (overlay, lat, lon, &x, &y);
  return cx_overlay_layer_feature_at (overlay, x, y);
}

static void
test_feature_at (void)
{
  CxOverlayLayer *overlay;
  CxFeature *f;

  ensure_window ();
  overlay = cx_map_view_get_overlay (cx_window_get_map_view (window));

  f = feature_at_location (overlay, 31.2232, 121.4165);
  g_assert_nonnull (f);
  g_assert_cmpstr (cx_feature_get_id (f), ==, "zhongshan-park");

  /* Inside the district, away from every marker and line. */
  f = feature_at_location (overlay, 31.2050, 121.3700);
  g_assert_nonnull (f);
  g_assert_cmpstr (cx_feature_get_id (f), ==, "changning-district");

  /* Outside the district. */
  g_assert_null (feature_at_location (overlay, 31.1700, 121.4300));

  /* A hidden layer is not hit. */
  cx_overlay_layer_set_layer_visible (overlay, "landmarks", FALSE);
  f = feature_at_location (overlay, 31.2232, 121.4165);
  g_assert_true (f == NULL || !g_str_equal (cx_feature_get_id (f), "zhongshan-park"));
  cx_overlay_layer_set_layer_visible (overlay, "landmarks", TRUE);
  g_assert_true (cx_overlay_layer_get_layer_visible (overlay, "landmarks"));
}

/* gtk_widget_snapshot() is private in GTK 4.8; a parent may snapshot its
 * child, which draws exactly what the window shows. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, parent, &bounds));
  gtk_widget_snapshot_child (parent, widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &bounds);
}

static guint32
texel (const guint8 *data,
       gsize         stride,
       int           x,
       int           y)
{
  return *(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff;
}

static void
test_screenshot_not_blank (void)
{
  CxMapView *view;
  CxOverlayLayer *overlay;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int w, h;
  gsize stride;
  double x, y;
  guint32 rgb;
  int r, g, b;

  ensure_window ();
  view = cx_window_get_map_view (window);
  overlay = cx_map_view_get_overlay (view);

  texture = render_widget (GTK_WIDGET (view));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "map-screenshot.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  stride = (gsize) w * 4;
  data = g_malloc (stride * h);
  gdk_texture_download (texture, data, stride);

  for (int j = 0; j < h; j += 3)
    for (int i = 0; i < w; i += 3)
      g_hash_table_add (colours, GUINT_TO_POINTER (texel (data, stride, i, j)));
  g_test_message ("%u distinct colours", g_hash_table_size (colours));
  g_assert_cmpuint (g_hash_table_size (colours), >, 100);

  /* The Zhongshan Park marker is drawn in the landmarks' blue. */
  cx_overlay_layer_location_to_widget (overlay, 31.2232, 121.4165, &x, &y);
  rgb = texel (data, stride, (int) round (x), (int) round (y));
  r = (rgb >> 16) & 0xff;
  g = (rgb >> 8) & 0xff;
  b = rgb & 0xff;
  g_assert_cmpint (b, >, r + 60);
  g_assert_cmpint (b, >, g);

  /* Far outside the district, only the basemap's paper shows. */
  cx_overlay_layer_location_to_widget (overlay, 31.17, 121.45, &x, &y);
  if (x >= 0 && x < w && y >= 0 && y < h)
    g_assert_cmpuint (texel (data, stride, (int) x, (int) y), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GTestDBus *bus;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A private session bus, so that GtkApplication never touches the user's
   * (or complains that CI has none). */
  {
    /* g_test_dbus_up() unsets DISPLAY to keep dbus from autolaunching X. */
    g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

    bus = g_test_dbus_new (G_TEST_DBUS_NONE);
    g_test_dbus_up (bus);
    if (display != NULL)
      g_setenv ("DISPLAY", display, TRUE);
  }

  app = cx_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window/first-frame", test_first_frame);
  g_test_add_func ("/window/overlay-holds-pack", test_overlay_holds_pack);
  g_test_add_func ("/window/fitted-to-district", test_fitted_to_district);
  g_test_add_func ("/window/projection-matches-shumate", test_projection_matches_shumate);
  g_test_add_func ("/window/feature-at", test_feature_at);
  g_test_add_func ("/window/screenshot-not-blank", test_screenshot_not_blank);

  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  /* GTK keeps the bus connection until exit, so g_test_dbus_down() (also run
   * by unref) would wait for it in vain: stop the daemon and let exit free
   * the rest. */
  g_test_dbus_stop (bus);

  return status;
}
