/* test-window.c: the window opens on a map of Changning (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "cx-overlay-private.h"
#include "cx-schematic-source.h"
#include "ui-helpers.h"

static void
test_first_frame (void)
{
  CxWindow *window = ui_window ();

  g_test_message ("first frame after %.1f ms", ui_first_frame_ms ());
  g_assert_cmpfloat (ui_first_frame_ms (), >, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cx_window_get_map_view (window))));
}

static void
test_overlay_holds_pack (void)
{
  CxMapView *view;
  CxOverlayLayer *overlay;
  GListModel *features;

  view = cx_window_get_map_view (ui_window ());
  g_assert_nonnull (view);
  overlay = cx_map_view_get_overlay (view);
  features = cx_data_pack_get_features (cx_application_get_pack (ui_app ()));

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

  view = cx_window_get_map_view (ui_window ());
  viewport = cx_map_view_get_viewport (view);
  b = cx_data_pack_get_bounds (cx_application_get_pack (ui_app ()));
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

  view = cx_window_get_map_view (ui_window ());
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
  return CX_FEATURE (cx_overlay_layer_feature_at (overlay, x, y));
}

static void
test_feature_at (void)
{
  CxOverlayLayer *overlay;
  CxFeature *f;

  overlay = cx_map_view_get_overlay (cx_window_get_map_view (ui_window ()));

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

static guint32
texel (const guint8 *data,
       gsize         stride,
       int           x,
       int           y)
{
  return *(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff;
}

/* Far outside the district, where the basemap has nothing to draw: at
 * the centre of the view (so always on screen) once the map is moved
 * there. */
#define PAPER_LATITUDE 31.17
#define PAPER_LONGITUDE 121.45

static guint32
centre_texel (CxMapView *view)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (GTK_WIDGET (view));
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  gsize stride = (gsize) w * 4;
  g_autofree guint8 *pixels = g_malloc (stride * h);

  gdk_texture_download (texture, pixels, stride);
  return texel (pixels, stride, w / 2, h / 2);
}

/* Whether a basemap tile has been drawn at the centre: before, nothing
 * is (transparent, read as black). */
static gboolean
centre_drawn (gpointer view)
{
  return centre_texel (view) != 0;
}

/* Whether tiles have been drawn at the centre and near the four corners,
 * outside the district, where only the basemap draws. */
static gboolean
view_drawn (gpointer view)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (GTK_WIDGET (view));
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  gsize stride = (gsize) w * 4;
  g_autofree guint8 *pixels = g_malloc (stride * h);

  gdk_texture_download (texture, pixels, stride);
  return texel (pixels, stride, w / 2, h / 2) != 0 &&
         texel (pixels, stride, 8, 8) != 0 && texel (pixels, stride, w - 9, 8) != 0 &&
         texel (pixels, stride, 8, h - 9) != 0 && texel (pixels, stride, w - 9, h - 9) != 0;
}

/* What the schematic basemap draws at @lat, @lon at @zoom, one pixel of
 * it rendered on its own, in the palette the map view uses. */
static guint32
basemap_texel (CxDataPack *pack,
               double      zoom,
               double      lat,
               double      lon)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double world = 256 * exp2 (zoom);
  double x = (lon + 180) / 360 * world;
  double y = (1 - log (tan (lat * G_PI / 180) + 1 / cos (lat * G_PI / 180)) / G_PI) / 2 * world;
  guint32 rgb;

  cx_schematic_render_area_full (pack, cr, zoom, floor (x), floor (y), 1, 1,
                                 adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cairo_surface_flush (surface);
  rgb = *(const guint32 *) (gconstpointer) cairo_image_surface_get_data (surface) & 0xffffff;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return rgb;
}

static gboolean
same_colour (guint32 a,
             guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 2)
      return FALSE;
  return TRUE;
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

  view = cx_window_get_map_view (ui_window ());
  overlay = cx_map_view_get_overlay (view);

  /* The basemap's tiles arrive asynchronously (slowly under ASan): wait
   * until they cover the view. */
  g_assert_true (ui_wait_for (view_drawn, view, 30000));
  texture = ui_render_widget (GTK_WIDGET (view));
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

  /* Far outside the district, only the basemap's paper shows, in its
   * own colour: the map is moved there, so that it is on screen whatever
   * the window's size, and compared with the basemap drawn on its own,
   * which is its paper there (the colour of the empty Arctic). */
  {
    ShumateViewport *viewport = cx_map_view_get_viewport (view);
    double zoom = shumate_viewport_get_zoom_level (viewport);
    CxDataPack *pack = cx_map_view_get_pack (view);
    guint32 paper = basemap_texel (pack, zoom, 85, -179);
    guint32 shown;

    g_assert_cmpuint (basemap_texel (pack, zoom, PAPER_LATITUDE, PAPER_LONGITUDE), ==, paper);
    cx_map_view_go_to (view, PAPER_LATITUDE, PAPER_LONGITUDE, zoom);
    ui_settle (GTK_WIDGET (view));
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), PAPER_LATITUDE, 1e-6);
    g_assert_true (ui_wait_for (centre_drawn, view, 30000));
    shown = centre_texel (view);
    if (!same_colour (shown, paper))
      g_error ("the map shows #%06x far outside the district, where its basemap's paper is #%06x", shown, paper);
    cx_map_view_fit_district (view);
    ui_settle (GTK_WIDGET (view));
  }
}

typedef struct
{
  gboolean panels_shown;
  int      map_width;
} FirstFrame;

static void
on_first_frame_check_panels (CxWindow   *window,
                             FirstFrame *seen)
{
  GtkWidget *details = cx_window_get_details_panel (window);
  GtkWidget *layers = cx_window_get_layer_panel (window);

  seen->panels_shown = gtk_widget_get_mapped (details) && gtk_widget_get_width (details) > 0 &&
                       gtk_widget_get_mapped (layers) && gtk_widget_get_width (layers) > 0;
  seen->map_width = gtk_widget_get_width (GTK_WIDGET (cx_window_get_map_view (window)));
}

static gboolean
panels_built (gpointer data)
{
  return cx_window_get_panels_built (data);
}

static gboolean
first_frame_painted (gpointer data)
{
  return cx_window_get_first_frame_time (data) != 0;
}

/* The first frame shows the whole window: the side panels are in it
 * (instead of empty stand-ins that they fill later), and the map has the
 * width it keeps. */
static void
test_panels_in_first_frame (void)
{
  CxWindow *window = cx_window_new (ui_app ());
  FirstFrame seen = { FALSE, 0 };

  g_assert_true (cx_window_get_panels_built (window));
  g_signal_connect (window, "first-frame", G_CALLBACK (on_first_frame_check_panels), &seen);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (first_frame_painted, window, 10000));
  g_assert_true (seen.panels_shown);
  g_assert_true (ui_text_contains (cx_window_get_details_panel (window), "Changning District"));
  g_assert_true (ui_text_contains (cx_window_get_layer_panel (window), "Landmarks"));

  ui_settle (GTK_WIDGET (window));
  g_test_message ("map %d px wide at the first frame, %d px once settled", seen.map_width,
                  gtk_widget_get_width (GTK_WIDGET (cx_window_get_map_view (window))));
  g_assert_cmpint (seen.map_width, >, 0);
  g_assert_cmpint (seen.map_width, ==, gtk_widget_get_width (GTK_WIDGET (cx_window_get_map_view (window))));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_untagged_chinese (GtkWidget *widget,
                          GString   *untagged)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) && !ui_label_han_is_simplified (GTK_LABEL (child)))
        g_string_append_printf (untagged, "“%s” ", gtk_label_get_text (GTK_LABEL (child)));
      collect_untagged_chinese (child, untagged);
    }
}

/* In an English interface every Chinese name on screen (the header's
 * subtitle, the layer rows, the details panel, the presentation card) is
 * tagged as Simplified Chinese: untagged, Pango draws Han characters in the
 * interface language's choice of forms, the Japanese ones. */
static void
test_chinese_in_english (void)
{
  CxWindow *window = ui_window ();
  g_autoptr(GString) untagged = g_string_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (panels_built, window, 10000));
  g_assert_true (ui_text_contains (GTK_WIDGET (window), "长宁区"));

  collect_untagged_chinese (GTK_WIDGET (window), untagged);
  g_assert_cmpstr (untagged->str, ==, "");
}

/* The window's shortcuts window, if it has been built. */
static GtkWindow *
find_shortcuts (GtkWindow *window)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel) && gtk_window_get_transient_for (toplevel) == window)
        return toplevel;
    }

  return NULL;
}

static gboolean
shortcuts_shown (gpointer data)
{
  GtkWindow *overlay = find_shortcuts (data);

  return overlay != NULL && gtk_widget_get_visible (GTK_WIDGET (overlay));
}

/* Ctrl+? opens the shortcuts window, though GTK does not build it with the
 * window any more. */
static gboolean
shortcuts_hidden (gpointer overlay)
{
  return !gtk_widget_get_visible (overlay);
}

/* What the GtkShortcutLabel inside @widget shows, keycap by keycap:
 * "Ctrl + + / Ctrl + =". */
static void
collect_keycaps (GtkWidget *widget,
                 gboolean   in_label,
                 GString   *shown)
{
  in_label = in_label || g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkShortcutLabel");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (in_label && GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
      g_string_append_printf (shown, "%s%s", shown->len > 0 ? " " : "", gtk_label_get_text (GTK_LABEL (child)));
    else
      collect_keycaps (child, in_label, shown);
}

/* Appends a line to @problems for each entry of the shortcuts window that
 * shows the same keys twice; @names gets "title: keys" of every entry. The
 * entries are those of its sections, not the copies its search keeps. */
static void
check_entries (GtkWidget *widget,
               gboolean   in_section,
               GString   *names,
               GString   *problems)
{
  in_section = in_section || g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkShortcutsSection");
  if (in_section && g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkShortcutsShortcut"))
    {
      g_autofree char *title = NULL;
      g_autoptr(GString) shown = g_string_new (NULL);
      g_auto(GStrv) keys = NULL;

      g_object_get (widget, "title", &title, NULL);
      collect_keycaps (widget, FALSE, shown);
      g_string_append_printf (names, "%s: %s\n", title, shown->str);
      keys = g_strsplit (shown->str, " / ", -1);
      for (guint i = 0; keys[i] != NULL; i++)
        for (guint j = 0; j < i; j++)
          if (g_str_equal (keys[i], keys[j]))
            g_string_append_printf (problems, "%s shows %s twice\n", title, keys[i]);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    check_entries (child, in_section, names, problems);
}

static gboolean
preferences_shown (gpointer window)
{
  return ADW_IS_PREFERENCES_DIALOG (adw_application_window_get_visible_dialog (window));
}

static gboolean
no_dialog (gpointer window)
{
  return adw_application_window_get_visible_dialog (window) == NULL;
}

static void
test_shortcuts_window (void)
{
  CxWindow *window = ui_window ();
  GtkWindow *overlay;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  ui_settle (GTK_WIDGET (window));
  ui_key ("ctrl+question");
  g_assert_true (ui_wait_for (shortcuts_shown, window, 5000));
  overlay = find_shortcuts (GTK_WINDOW (window));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (ui_text_contains (GTK_WIDGET (overlay), "Search places, programs and figures"));

  /* Each entry shows a key once: the keypad's + is bound, but reads like
   * the main one. The entries are read as shown, keycap by keycap. */
  check_entries (GTK_WIDGET (overlay), FALSE, names, problems);
  g_test_message ("%s", names->str);
  g_assert_cmpstr (problems->str, ==, "");
  g_assert_nonnull (strstr (names->str, "\nZoom in: Ctrl + + / Ctrl + =\n"));
  g_assert_nonnull (strstr (names->str, "\nZoom out: Ctrl + -\n"));
  g_assert_nonnull (strstr (names->str, "\nPreferences: Ctrl + ,\n"));
  gtk_window_close (overlay);
  ui_wait_for (shortcuts_hidden, overlay, 5000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Asked for again, the same window comes back. */
  ui_key ("ctrl+question");
  g_assert_true (ui_wait_for (shortcuts_shown, window, 5000));
  g_assert_true (find_shortcuts (GTK_WINDOW (window)) == overlay);
  gtk_window_close (overlay);
  ui_wait_for (shortcuts_hidden, overlay, 5000);
}

/* Ctrl+, opens Preferences, as in every GNOME app. */
static void
test_preferences_key (void)
{
  CxWindow *window = ui_window ();

  gtk_window_present (GTK_WINDOW (window));
  ui_settle (GTK_WIDGET (window));
  g_assert_true (no_dialog (window));
  ui_key ("ctrl+comma");
  g_assert_true (ui_wait_for (preferences_shown, window, 5000));
  adw_dialog_close (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)));
  g_assert_true (ui_wait_for (no_dialog, window, 5000));
}

/* A session without a pack: the window shows why, and no action that
 * needs the map can run (so none needs to check for it). */
static void
test_error_page (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The pack is torn in two");
  g_autoptr(CxSession) session = cx_session_new_failed (error);
  CxWindow *broken;
  GtkWidget *page;

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "The pack is torn in two");
  broken = g_object_new (CX_TYPE_WINDOW, "application", ui_app (), "session", session, NULL);
  g_test_assert_expected_messages ();
  gtk_window_present (GTK_WINDOW (broken));
  g_assert_true (ui_wait_mapped (GTK_WIDGET (broken)));

  g_assert_null (cx_window_get_map_view (broken));
  page = gtk_stack_get_visible_child (broken->stack);
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==, "The pack is torn in two");
  g_assert_true (ui_text_contains (GTK_WIDGET (broken), "The Map Data Could Not Be Loaded"));

  /* Disabled: activating them does nothing, and nothing crashes. */
  for (guint i = 0; i < 6; i++)
    {
      static const char *actions[] = { "win.zoom-in", "win.presentation", "win.scene-next",
                                       "win.search", "win.import", "win.preferences" };
      gtk_widget_activate_action (GTK_WIDGET (broken), actions[i], NULL);
    }
  ui_observe (100);
  g_assert_false (cx_window_get_presenting (broken));
  g_assert_false (cx_window_get_panels_built (broken));
  g_assert_null (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (broken)));
  /* What needs no map still works. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (broken), "win.show-message", "s", "Details of nothing"));

  {
    AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (broken));

    if (dialog != NULL)
      adw_dialog_force_close (dialog);
  }
  gtk_window_destroy (GTK_WINDOW (broken));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  g_test_add_func ("/window/first-frame", test_first_frame);
  g_test_add_func ("/window/overlay-holds-pack", test_overlay_holds_pack);
  g_test_add_func ("/window/fitted-to-district", test_fitted_to_district);
  g_test_add_func ("/window/projection-matches-shumate", test_projection_matches_shumate);
  g_test_add_func ("/window/feature-at", test_feature_at);
  g_test_add_func ("/window/screenshot-not-blank", test_screenshot_not_blank);
  g_test_add_func ("/window/panels-in-first-frame", test_panels_in_first_frame);
  g_test_add_func ("/window/chinese-in-english", test_chinese_in_english);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/preferences-key", test_preferences_key);
  g_test_add_func ("/window/error-page", test_error_page);

  return ui_run ();
}
