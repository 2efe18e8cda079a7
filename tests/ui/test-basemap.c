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
#include "cx-test-wait.h"
#include "ui-helpers.h"

/* Zhongshan Park, as the pack has it (WGS84). */
#define PARK_LAT 31.2232
#define PARK_LON 121.4165

static CxTestServer *server;
static guint requests;
static guint fail_status;   /* answer every tile with this, when not 0 */
static gboolean hold;       /* keep the answers until released */
static GPtrArray *held;     /* SoupServerMessage, paused with their answers */

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
held_gone_cb (SoupServerMessage *msg)
{
  g_ptr_array_remove (held, msg);
}

static void
release_held (void)
{
  hold = FALSE;
  while (held->len > 0)
    {
      SoupServerMessage *msg = g_ptr_array_steal_index (held, 0);

      g_signal_handlers_disconnect_by_func (msg, held_gone_cb, NULL);
      soup_server_message_unpause (msg);
    }
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

  if (hold)
    {
      /* Until released, or until the client gives up on it. */
      soup_server_message_pause (msg);
      g_ptr_array_add (held, msg);
      g_signal_connect (msg, "disconnected", G_CALLBACK (held_gone_cb), NULL);
    }
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

/* The network basemap's layer, once the map has one: the ShumateMapLayer
 * over a raster renderer (the schematic underlay's source is not one). A
 * layer taken off the map is no longer the map's child. */
static gboolean
find_network_layer (gpointer data)
{
  ShumateMapLayer **layer = data;
  CxMapView *view = cx_window_get_map_view (ui_window ());

  *layer = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (cx_map_view_get_map (view)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(ShumateMapSource) source = NULL;

      if (!SHUMATE_IS_MAP_LAYER (child))
        continue;
      g_object_get (child, "map-source", &source, NULL);
      if (SHUMATE_IS_RASTER_RENDERER (source))
        *layer = SHUMATE_MAP_LAYER (child);
    }

  return *layer != NULL;
}

typedef struct
{
  gboolean loaded;
  gboolean errors;
} LoadWait;

static void
map_loaded_cb (ShumateMapLayer *layer,
               gboolean         errors,
               LoadWait        *wait)
{
  wait->loaded = TRUE;
  wait->errors = errors;
}

/* Call right after the basemap was set (before the main loop runs, so
 * that no tile has come in yet): waits until its layer has every tile of
 * the view, loaded or failed (ShumateMapLayer::map-loaded), and a frame
 * has drawn them. Returns whether any failed. */
static gboolean
wait_network_tiles (CxMapView *view)
{
  ShumateMapLayer *layer;
  LoadWait wait = { FALSE, FALSE };
  gint64 start = g_get_monotonic_time ();

  g_assert_true (find_network_layer (&layer));
  g_signal_connect (layer, "map-loaded", G_CALLBACK (map_loaded_cb), &wait);
  cx_test_wait_flag (&wait.loaded, 12000);
  g_signal_handlers_disconnect_by_data (layer, &wait);
  g_test_message ("The tiles of the view %s after %.1f s", wait.errors ? "failed" : "loaded",
                  (g_get_monotonic_time () - start) / 1e6);
  ui_wait_drawn (GTK_WIDGET (view));
  return wait.errors;
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
  g_assert_false (wait_network_tiles (view));
  wgs = find_red_dot (view);
  g_assert_cmpuint (requests, >, 0);
  g_assert_cmpuint (wgs.count, >, 30);
  g_assert_false (cx_overlay_layer_get_gcj02 (overlay));
  cx_overlay_layer_location_to_widget (overlay, PARK_LAT, PARK_LON, &wx, &wy);
  g_test_message ("WGS84: tile dot at %.1f,%.1f; overlay at %.1f,%.1f", wgs.x, wgs.y, wx, wy);
  g_assert_cmpfloat (hypot (wgs.x - wx, wgs.y - wy), <, 2.5);

  /* GCJ-02 tiles put the park about 500 m away; the overlay follows. */
  use_datum (settings, "gcj02");
  shumate_location_set_location (SHUMATE_LOCATION (viewport), PARK_LAT, PARK_LON);
  g_assert_false (wait_network_tiles (view));
  gcj = find_red_dot (view);
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

  /* The server is down: every tile of the view fails, and no dot is
   * drawn. Counted from then, not from the first request and 500 ms: under
   * ASan the first requests were those of the previous case's layer, still
   * loading (the new layer's came after, 15 == 2), and tiles that reach the
   * network after the back-off has ended go out then. */
  fail_status = 503;
  requests = 0;
  use_datum (settings, "wgs84");
  g_assert_true (wait_network_tiles (view));
  g_assert_cmpuint (requests, >, 0);
  /* A negative, so watched for a while. */
  ui_observe (500);
  g_assert_cmpuint (find_red_dot (view).count, ==, 0);

  /* Back: nothing asks by itself… */
  fail_status = 0;
  before = requests;
  ui_observe (500);
  g_assert_cmpuint (requests, ==, before);

  /* …until the retry, which gets the tiles. */
  cx_map_view_retry_network (view);
  g_assert_false (wait_network_tiles (view));
  dot = find_red_dot (view);
  g_assert_cmpuint (requests, >, before);
  g_assert_cmpuint (dot.count, >, 30);

  cx_visibility_set_all (cx_window_get_visibility (window), TRUE);
  g_settings_set_string (settings, "basemap", "schematic");
  ui_settle (GTK_WIDGET (view));
}

static gboolean
two_held (gpointer data)
{
  return held->len >= 2;
}

/* A basemap switched away from asks its server for nothing more, even
 * while its last tiles are still loading and the view moves: libshumate
 * keeps a layer taken off the map alive until its tiles have loaded, and
 * that layer goes on asking for the tiles of the view. */
static void
test_switch_away_asks_no_more (void)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint before;

  shumate_viewport_set_zoom_level (viewport, 15);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), PARK_LAT, PARK_LON);

  /* Two tiles on the wire (as many as the source sends at once), their
   * answers held, and the others of the view waiting behind them. */
  fail_status = 0;
  hold = TRUE;
  use_datum (settings, "wgs84");
  g_assert_true (ui_wait_for (two_held, NULL, 20000));

  g_settings_set_string (settings, "basemap", "schematic");
  before = requests;
  /* The view moves while the old tiles come in. */
  shumate_viewport_set_zoom_level (viewport, 14);
  release_held ();
  ui_settle (GTK_WIDGET (view));
  /* A negative, so watched for a while. */
  ui_observe (1000);
  g_assert_cmpuint (requests, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("cx-tiles-XXXXXX", NULL);

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  ui_init (&argc, &argv);

  server = cx_test_server_new (serve_tile, NULL);
  held = g_ptr_array_new ();

  g_test_add_func ("/basemap/overlay-stays-on-basemap", test_overlay_stays_on_basemap);
  g_test_add_func ("/basemap/retry-after-failure", test_retry_after_failure);
  g_test_add_func ("/basemap/switch-away-asks-no-more", test_switch_away_asks_no_more);
  return ui_run ();
}
