/* test-basemap.c: a network basemap from a local tile server, and the
 * overlay staying on it in WGS84 and in GCJ-02 (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <libsoup/soup.h>
#include <math.h>
#include <stdlib.h>

#include "cx-gcj02.h"
#include "cx-overlay-private.h"
#include "cx-test-server.h"
#include "ui-helpers.h"

/* Zhongshan Park, as the pack has it (WGS84). */
#define PARK_LAT 31.2232
#define PARK_LON 121.4165

static CxTestServer *server;
static guint requests;
static guint fail_status;   /* answer every tile with this, when not 0 */

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Tiles with one red dot where the park is in the tile's datum. */
static void
serve_tile (SoupServer        *srv,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  guint z, x, y;
  double lat = PARK_LAT, lon = PARK_LON, mx, my, n;

  requests++;
  if (fail_status != 0)
    {
      soup_server_message_set_status (msg, fail_status, NULL);
      return;
    }
  /* /DATUM/Z/X/Y.png */
  if (g_strv_length (parts) != 5)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  z = (guint) atoi (parts[2]);
  x = (guint) atoi (parts[3]);
  y = (guint) atoi (parts[4]);
  if (g_str_equal (parts[1], "gcj02"))
    cx_wgs84_to_gcj02 (PARK_LAT, PARK_LON, &lat, &lon);

  n = exp2 (z);
  cx_mercator_project (lon, lat, &mx, &my);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_paint (cr);
  cairo_arc (cr, (mx * n - x) * 256, (my * n - y) * 256, 7, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, (const char *) png->data, png->len);
}

typedef struct
{
  double x, y;
  guint  count;
} Dot;

/* The centre of the red pixels of the map as drawn. */
static Dot
find_red_dot (CxMapView *view)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (GTK_WIDGET (view));
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);
  Dot dot = { 0, 0, 0 };

  gdk_texture_download (texture, data, (gsize) w * 4);
  for (int j = 0; j < h; j++)
    for (int i = 0; i < w; i++)
      {
        const guint8 *p = data + ((gsize) j * w + i) * 4;   /* B G R A */

        if (p[2] > 220 && p[1] < 40 && p[0] < 40)
          {
            dot.x += i;
            dot.y += j;
            dot.count++;
          }
      }

  if (dot.count > 0)
    {
      dot.x /= dot.count;
      dot.y /= dot.count;
    }
  return dot;
}

typedef struct
{
  CxMapView *view;
  Dot        away_from;   /* when it has a count: the dot must have moved */
  Dot        dot;
  guint      paints;      /* frames drawn so far */
  guint      looked_at;   /* frames drawn when last looked at */
} DotWait;

static void
after_paint_cb (GdkFrameClock *clock,
                DotWait       *wait)
{
  wait->paints++;
}

/* Looked at each time the map has been drawn: a dot of at least 30
 * pixels, somewhere else than @away_from's when that is given. */
static gboolean
dot_shown (gpointer data)
{
  DotWait *wait = data;

  if (wait->paints == wait->looked_at)
    return FALSE;
  wait->looked_at = wait->paints;
  wait->dot = find_red_dot (wait->view);
  return wait->dot.count >= 30 &&
         (wait->away_from.count == 0 ||
          hypot (wait->dot.x - wait->away_from.x, wait->dot.y - wait->away_from.y) > 20);
}

/* The red dot once the tiles with it have been drawn, within 12 s; the
 * caller asserts what it must be. */
static Dot
wait_for_dot (CxMapView *view,
              Dot        away_from)
{
  DotWait wait = { view, away_from, { 0, 0, 0 }, 0, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);

  ui_wait_for (dot_shown, &wait, 12000);
  g_signal_handler_disconnect (clock, id);
  return wait.dot;
}

static gboolean
not_gcj02 (gpointer overlay)
{
  return !cx_overlay_layer_get_gcj02 (overlay);
}
static void
use_datum (GSettings  *settings,
           const char *datum)
{
  g_autofree char *url = g_strdup_printf ("%s%s/{z}/{x}/{y}.png", cx_test_server_get_url (server), datum);

  g_settings_set_string (settings, "custom-tile-url", url);
  g_settings_set_string (settings, "custom-tile-datum", datum);
  g_settings_set_string (settings, "custom-tile-attribution", "Test tiles");
  g_settings_set_string (settings, "basemap", "custom");
}

static void
test_overlay_stays_on_basemap (void)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (view);
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  double wx, wy, gx, gy;
  Dot wgs, gcj;

  /* The dot is what is compared: the overlay's own marker would hide it. */
  cx_visibility_set_all (cx_window_get_visibility (window), FALSE);

  use_datum (settings, "wgs84");
  shumate_viewport_set_zoom_level (viewport, 15);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), PARK_LAT, PARK_LON);
  wgs = wait_for_dot (view, (Dot) { 0, 0, 0 });
  g_assert_cmpuint (requests, >, 0);
  g_assert_cmpuint (wgs.count, >, 30);
  g_assert_false (cx_overlay_layer_get_gcj02 (overlay));
  cx_overlay_layer_location_to_widget (overlay, PARK_LAT, PARK_LON, &wx, &wy);
  g_test_message ("WGS84: tile dot at %.1f,%.1f; overlay at %.1f,%.1f", wgs.x, wgs.y, wx, wy);
  g_assert_cmpfloat (hypot (wgs.x - wx, wgs.y - wy), <, 2.5);

  /* GCJ-02 tiles put the park about 500 m away; the overlay follows. */
  use_datum (settings, "gcj02");
  shumate_location_set_location (SHUMATE_LOCATION (viewport), PARK_LAT, PARK_LON);
  gcj = wait_for_dot (view, wgs);
  g_assert_cmpuint (gcj.count, >, 30);
  g_assert_true (cx_overlay_layer_get_gcj02 (overlay));
  cx_overlay_layer_location_to_widget (overlay, PARK_LAT, PARK_LON, &gx, &gy);
  g_test_message ("GCJ-02: tile dot at %.1f,%.1f; overlay at %.1f,%.1f", gcj.x, gcj.y, gx, gy);
  g_assert_cmpfloat (hypot (gcj.x - gx, gcj.y - gy), <, 2.5);
  /* …and that is a real shift, not nothing. */
  g_assert_cmpfloat (hypot (gcj.x - wgs.x, gcj.y - wgs.y), >, 20);

  /* The overlay's marker is drawn on the dot, too. */
  cx_visibility_set_all (cx_window_get_visibility (window), TRUE);
  g_assert_true (CX_IS_FEATURE (cx_overlay_layer_feature_at (overlay, gx, gy)));

  /* An unusable template is refused with a message and the map stays. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cx_map_view_set_basemap (view, "x", "x", "file:///etc/{z}/{x}/{y}", NULL, 18, FALSE, 1 << 20, &error));
    g_assert_nonnull (error);
  }

  g_settings_set_string (settings, "basemap", "schematic");
  ui_wait_for (not_gcj02, overlay, 5000);
  g_assert_false (cx_overlay_layer_get_gcj02 (overlay));
}

static gboolean
some_requests (gpointer data)
{
  return requests > 0;
}

/* Tiles that failed are asked for again when the network comes back
 * (the window calls this when GNetworkMonitor says so). */
static void
test_retry_after_failure (void)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint before;
  Dot dot;

  cx_visibility_set_all (cx_window_get_visibility (window), FALSE);
  shumate_viewport_set_zoom_level (viewport, 14);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), PARK_LAT, PARK_LON);

  /* The server is down: every tile fails, and no dot is drawn. */
  fail_status = 503;
  requests = 0;
  use_datum (settings, "wgs84");
  g_assert_true (ui_wait_for (some_requests, NULL, 5000));
  /* Negatives, so watched for a while. */
  ui_observe (500);
  g_assert_cmpuint (find_red_dot (view).count, ==, 0);

  /* Back: nothing asks by itself… */
  fail_status = 0;
  before = requests;
  ui_observe (500);
  g_assert_cmpuint (requests, ==, before);

  /* …until the retry, which gets the tiles. */
  cx_map_view_retry_network (view);
  dot = wait_for_dot (view, (Dot) { 0, 0, 0 });
  g_assert_cmpuint (requests, >, before);
  g_assert_cmpuint (dot.count, >, 30);

  cx_visibility_set_all (cx_window_get_visibility (window), TRUE);
  g_settings_set_string (settings, "basemap", "schematic");
  ui_settle (GTK_WIDGET (view));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("cx-tiles-XXXXXX", NULL);

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  ui_init (&argc, &argv);

  server = cx_test_server_new (serve_tile, NULL);

  g_test_add_func ("/basemap/overlay-stays-on-basemap", test_overlay_stays_on_basemap);
  g_test_add_func ("/basemap/retry-after-failure", test_retry_after_failure);
  return ui_run ();
}
