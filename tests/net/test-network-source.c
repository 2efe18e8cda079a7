/* test-network-source.c: the network tile source against a loopback SoupServer
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request goes to a SoupServer on 127.0.0.1 that this program starts;
 * nothing else is contacted. No widget is created, so no display is needed.
 * Warnings and criticals are fatal here, which is also how "bad bytes never
 * reach the renderer" is checked: ShumateRasterRenderer g_warning()s on them.
 */

#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cx-http.h"
#include "cx-network-source.h"
#include "cx-test-files.h"
#include "cx-test-server.h"
#include "cx-test-wait.h"

/* Bounds on how long the machine takes grow with cx_test_slowdown() (under
 * ASan); those on what the product does (its time-out, its back-off) do
 * not. */

/* No single wait in a test may take longer (cx_test_wait_until () grows
 * it by cx_test_slowdown () itself). */
#define WAIT_LIMIT_MS 10000

/* The server finishes a stalled body after this long, which the bounds
 * that tell a time-out from a finished body are measured against; the
 * source's time-out in those tests (the product's setting) is a third of
 * it in a normal build. */
#define STALL_MS (3000 * cx_test_slowdown ())
#define SHORT_TIMEOUT_MS 1000

#define EXPECTED_USER_AGENT "changning-explorer/" PACKAGE_VERSION " (+" PROJECT_URL ")"

typedef enum
{
  MODE_OK,              /* 200 with the fixture's Cache-Control */
  MODE_ETAG,            /* 304 when If-None-Match matches, else 200 with an ETag */
  MODE_LAST_MODIFIED,   /* 304 when If-Modified-Since matches, else 200 */
  MODE_429_ONCE,        /* 429 with Retry-After: 2 the first time, then 200 */
  MODE_500,
  MODE_TRUNCATED,       /* 200 with the first half of the PNG */
  MODE_CUT,             /* Content-Length of the whole PNG, half sent, closed */
  MODE_TEXT,            /* 200 with an HTML page */
  MODE_STALL,           /* headers and half the body, the rest STALL_MS later */
  MODE_REDIRECT,        /* tiles/… is 301 to moved/…, which is the PNG */
  MODE_REDIRECT_LOOP,   /* every path is 301 to the next: /loop/1, /loop/2, … */
  MODE_REDIRECT_FILE,   /* 302 to file:///etc/passwd */
} Mode;

#define ETAG "\"tile-v1\""
#define LAST_MODIFIED "Tue, 01 Sep 2026 08:00:00 GMT"

typedef struct
{
  CxTestServer *server;
  char *url_template;
  char *cache_dir;
  GBytes *png;
  GPtrArray *hits;         /* the server's */
  Mode mode;
  const char *cache_control;
  guint n_429;
} Fixture;

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 256-pixel tile with some structure, a few KB as PNG. */
static GBytes *
make_png (guint seed)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  cairo_set_source_rgb (cr, 0.93, 0.92, 0.89);
  cairo_paint (cr);
  for (guint i = 0; i < 60; i++)
    {
      cairo_set_source_rgb (cr, g_rand_double (rand), g_rand_double (rand), g_rand_double (rand));
      cairo_rectangle (cr, g_rand_int_range (rand, 0, 240), g_rand_int_range (rand, 0, 240),
                       g_rand_int_range (rand, 4, 40), g_rand_int_range (rand, 4, 40));
      cairo_fill (cr);
    }
  cairo_destroy (cr);

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_array, out), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (out);
}

static gboolean
bytes_decode (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);

  return pixbuf != NULL;
}

/* The server */

static void
reply_png (Fixture           *f,
           SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize size;
  gconstpointer png = g_bytes_get_data (f->png, &size);

  if (f->cache_control != NULL)
    soup_message_headers_replace (headers, "Cache-Control", f->cache_control);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, png, size);
}

/* Headers that promise the whole PNG, half of it, then the connection
 * closes: what a dropped mobile connection looks like. */
static void
reply_cut (Fixture           *f,
           SoupServerMessage *msg)
{
  gsize size;
  const guint8 *png = g_bytes_get_data (f->png, &size);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: image/png\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "\r\n", size);

  cx_test_reply_raw (msg, head, png, size / 2);
}
static void
reply_stall (Fixture           *f,
             SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize size;
  const guint8 *png = g_bytes_get_data (f->png, &size);
  g_autoptr(GBytes) rest = g_bytes_new_from_bytes (f->png, size / 2, size - size / 2);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "image/png", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_append (body, SOUP_MEMORY_COPY, png, size / 2);
  cx_test_server_finish_later (f->server, msg, rest, STALL_MS);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  CxTestHit *hit = cx_test_server_last_hit (f->server);

  switch (f->mode)
    {
    case MODE_OK:
      reply_png (f, msg);
      break;

    case MODE_ETAG:
      soup_message_headers_replace (response, "ETag", ETAG);
      if (g_strcmp0 (hit->if_none_match, ETAG) == 0)
        {
          soup_message_headers_replace (response, "Cache-Control", f->cache_control);
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
        }
      else
        reply_png (f, msg);
      break;

    case MODE_LAST_MODIFIED:
      soup_message_headers_replace (response, "Last-Modified", LAST_MODIFIED);
      if (g_strcmp0 (hit->if_modified_since, LAST_MODIFIED) == 0)
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      else
        reply_png (f, msg);
      break;

    case MODE_429_ONCE:
      if (f->n_429++ == 0)
        {
          soup_message_headers_replace (response, "Retry-After", "2");
          soup_server_message_set_status (msg, 429, "Too Many Requests");
        }
      else
        reply_png (f, msg);
      break;

    case MODE_500:
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "oops", 4);
      break;

    case MODE_TRUNCATED:
      {
        gsize size;
        gconstpointer png = g_bytes_get_data (f->png, &size);

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, png, size / 2);
      }
      break;

    case MODE_CUT:
      reply_cut (f, msg);
      break;

    case MODE_TEXT:
      {
        static const char page[] = "<!DOCTYPE html><title>Sign in</title><p>Please sign in to use this Wi-Fi.</p>";

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
      }
      break;

    case MODE_STALL:
      reply_stall (f, msg);
      break;

    case MODE_REDIRECT:
      if (g_str_has_prefix (path, "/tiles/"))
        {
          g_autofree char *moved = g_strconcat ("/moved/", path + strlen ("/tiles/"), NULL);

          soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, moved);
        }
      else
        reply_png (f, msg);
      break;

    case MODE_REDIRECT_LOOP:
      {
        g_autofree char *next = g_strdup_printf ("/loop/%u", f->hits->len);

        soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, next);
      }
      break;

    case MODE_REDIRECT_FILE:
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "file:///etc/passwd");
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->png = make_png (1);
  f->mode = MODE_OK;
  f->cache_control = "max-age=3600";
  f->cache_dir = cx_test_make_tmp_dir ("cx-net-cache-XXXXXX");

  f->server = cx_test_server_new (server_cb, f);
  f->hits = cx_test_server_get_hits (f->server);
  f->url_template = g_strconcat (cx_test_server_get_url (f->server), "tiles/{z}/{x}/{y}.png", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, cx_test_server_free);

  cx_test_remove_tree (f->cache_dir);
  g_clear_pointer (&f->cache_dir, g_free);
  g_clear_pointer (&f->url_template, g_free);
  g_clear_pointer (&f->png, g_bytes_unref);
  f->hits = NULL;
}

/* Waiting */

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for @ms: to see that nothing happens meanwhile, and
 * for the tests whose subject is time itself (a cache age, a back-off).
 * Never to wait for something to happen: that is cx_test_wait_until(). */
static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint wake = g_timeout_add (10, wake_up_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);
}

/* A tile asked for the way the map asks: ShumateRasterRenderer (libshumate
 * ≥ 1.1) calls shumate_data_source_start_request() and makes its texture
 * from the request's data, each time that changes, until it completes. */
typedef struct
{
  ShumateDataSourceRequest *request;
  gboolean done;
  GBytes *bytes;        /* the data when it completed */
  GError *error;
  guint n_data;         /* times data reached the renderer */
  gint64 elapsed;
} Fetch;

static void
fetch_clear (Fetch *fetch)
{
  if (fetch->request != NULL)
    g_signal_handlers_disconnect_by_data (fetch->request, fetch);
  g_clear_object (&fetch->request);
  g_clear_pointer (&fetch->bytes, g_bytes_unref);
  g_clear_error (&fetch->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

/* Whatever reaches the renderer must decode. */
static void
request_data_cb (ShumateDataSourceRequest *request,
                 GParamSpec               *pspec,
                 Fetch                    *fetch)
{
  GBytes *bytes = shumate_data_source_request_get_data (request);

  if (bytes == NULL)
    return;

  g_assert_true (bytes_decode (bytes));
  fetch->n_data++;
}

static void
request_completed_cb (ShumateDataSourceRequest *request,
                      GParamSpec               *pspec,
                      Fetch                    *fetch)
{
  GBytes *bytes = shumate_data_source_request_get_data (request);
  const GError *error = shumate_data_source_request_get_error (request);

  /* Not "== TRUE": libshumate 1.4 returns its 1-bit field as -1. */
  if (!shumate_data_source_request_is_completed (request))
    return;

  g_assert_false (fetch->done);
  fetch->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  fetch->error = error != NULL ? g_error_copy (error) : NULL;
  g_assert_true ((fetch->bytes == NULL) != (fetch->error == NULL));
  fetch->done = TRUE;
}

static void
fetch_start (CxNetworkSource *source,
             int              x,
             int              y,
             int              z,
             GCancellable    *cancellable,
             Fetch           *fetch)
{
  memset (fetch, 0, sizeof *fetch);
  fetch->request = shumate_data_source_start_request (SHUMATE_DATA_SOURCE (source), x, y, z, cancellable);
  g_signal_connect (fetch->request, "notify::data", G_CALLBACK (request_data_cb), fetch);
  g_signal_connect (fetch->request, "notify::completed", G_CALLBACK (request_completed_cb), fetch);

  if (shumate_data_source_request_is_completed (fetch->request))
    {
      request_data_cb (fetch->request, NULL, fetch);
      request_completed_cb (fetch->request, NULL, fetch);
    }
}

/* Fetches one tile and waits for it; the result is in @fetch. */
static void
fetch_tile (CxNetworkSource *source,
            int              x,
            int              y,
            int              z,
            Fetch           *fetch)
{
  gint64 start = g_get_monotonic_time ();

  fetch_start (source, x, y, z, NULL, fetch);
  cx_test_wait_flag (&fetch->done, WAIT_LIMIT_MS);
  fetch->elapsed = g_get_monotonic_time () - start;
}

static void
purge_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  cx_network_source_purge_cache_finish (CX_NETWORK_SOURCE (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* Purges, which also waits for every store in progress. */
static void
purge_and_wait (CxNetworkSource *source)
{
  gboolean done = FALSE;

  cx_network_source_purge_cache_async (source, NULL, purge_done_cb, &done);
  cx_test_wait_flag (&done, WAIT_LIMIT_MS);
}

static CxNetworkSource *
new_source (Fixture *f)
{
  CxNetworkSource *source = cx_network_source_new (f->url_template, "test", f->cache_dir, 100 * 1024 * 1024);

  g_assert_nonnull (source);

  return source;
}

/* Tests */

static void
test_user_agent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  g_auto(Fetch) fetch = { 0, };
  CxNetworkSourceStats stats;
  CxTestHit *hit;

  fetch_tile (source, 3, 5, 4, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_true (g_bytes_equal (fetch.bytes, f->png));

  g_assert_cmpuint (f->hits->len, ==, 1);
  hit = cx_test_server_last_hit (f->server);
  g_assert_cmpstr (hit->path, ==, "/tiles/4/3/5.png");
  g_assert_cmpstr (hit->user_agent, ==, EXPECTED_USER_AGENT);
  g_assert_true (g_str_has_prefix (hit->user_agent, "changning-explorer/0."));
  g_assert_nonnull (strstr (hit->accept, "image/png"));
  g_assert_null (hit->if_none_match);

  /* The renderer got the server's bytes, once. */
  g_assert_cmpuint (fetch.n_data, ==, 1);

  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (stats.downloads, ==, 1);
  g_assert_cmpuint (stats.cache_hits, ==, 0);
  g_assert_false (cx_network_source_get_offline (source));

  purge_and_wait (source);
}

/* With no directory given, tiles go under $XDG_CACHE_HOME, which main()
 * points at a temporary directory. */
static void
test_default_cache_dir (void)
{
  g_autoptr(CxNetworkSource) source = cx_network_source_new (CX_OSM_TILE_URL, "osm/../x", NULL, 1000000);
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "changning-explorer", "tiles", NULL);

  g_assert_cmpstr (cx_network_source_get_cache_dir (source), ==, expected);
  g_assert_true (g_str_has_prefix (expected, g_getenv ("XDG_CACHE_HOME")));

  /* The key names a directory: no way out of the cache. */
  g_assert_cmpstr (cx_network_source_get_cache_key (source), ==, "osm____x");
  g_assert_cmpuint (cx_network_source_get_timeout (source), ==, CX_NETWORK_SOURCE_DEFAULT_TIMEOUT_MS);
}

static void
test_invalid_template (void)
{
  if (g_test_subprocess ())
    {
      cx_network_source_new ("file:///tmp/{z}/{x}/{y}.png", "x", NULL, 1000);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*cx_tile_url_template_validate*");
}

static void
test_bad_tile (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  const int bad[][3] = { { -1, 0, 3 }, { 8, 0, 3 }, { 0, 8, 3 }, { 0, 0, -1 }, { 0, 0, 31 } };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Fetch) fetch = { 0, };

      fetch_tile (source, bad[i][0], bad[i][1], bad[i][2], &fetch);
      g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_BAD_TILE);
    }

  g_assert_cmpuint (f->hits->len, ==, 0);
}

/* A second source over the same directory serves from disk, no request. */
static void
test_disk_cache (Fixture       *f,
                 gconstpointer  data)
{
  const int tiles[][3] = { { 13720, 6695, 14 }, { 13721, 6695, 14 }, { 6860, 3347, 13 } };
  CxNetworkSourceStats stats;

  {
    g_autoptr(CxNetworkSource) first = new_source (f);

    for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
      {
        g_auto(Fetch) fetch = { 0, };

        fetch_tile (first, tiles[i][0], tiles[i][1], tiles[i][2], &fetch);
        g_assert_no_error (fetch.error);
      }
    purge_and_wait (first);
    g_assert_cmpuint (f->hits->len, ==, G_N_ELEMENTS (tiles));
  }

  {
    g_autoptr(CxNetworkSource) second = new_source (f);

    for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
      {
        g_auto(Fetch) fetch = { 0, };

        fetch_tile (second, tiles[i][0], tiles[i][1], tiles[i][2], &fetch);
        g_assert_no_error (fetch.error);
        g_assert_true (g_bytes_equal (fetch.bytes, f->png));
        g_assert_cmpuint (fetch.n_data, ==, 1);
      }

    g_assert_cmpuint (f->hits->len, ==, G_N_ELEMENTS (tiles));
    cx_network_source_get_stats (second, &stats);
    g_assert_cmpuint (stats.requests, ==, 0);
    g_assert_cmpuint (stats.cache_hits, ==, G_N_ELEMENTS (tiles));
  }
}

/* Cache-Control: no-store is honoured: served, but not kept. */
static void
test_no_store (Fixture       *f,
               gconstpointer  data)
{
  f->cache_control = "no-store";

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(CxNetworkSource) source = new_source (f);
      g_auto(Fetch) fetch = { 0, };

      fetch_tile (source, 1, 1, 2, &fetch);
      g_assert_no_error (fetch.error);
      purge_and_wait (source);
    }

  g_assert_cmpuint (f->hits->len, ==, 2);
}

/* max-age decides when a cached tile is asked about again. libshumate
 * reports the time a tile was stored in whole seconds, so ages are up to a
 * second too old: max-age=2 is still fresh right away, and stale after 2 s. */
static void
test_max_age (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  CxNetworkSourceStats stats;

  f->cache_control = "public, max-age=2";

  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 2, 2, 3, &fetch);
    g_assert_no_error (fetch.error);
    purge_and_wait (source);
  }

  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 2, 2, 3, &fetch);
    g_assert_no_error (fetch.error);
    g_assert_cmpuint (f->hits->len, ==, 1);
  }

  spin_for (2100);

  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 2, 2, 3, &fetch);
    g_assert_no_error (fetch.error);
    g_assert_cmpuint (f->hits->len, ==, 2);
    /* No validator from the server: asks about changes since it was stored. */
    g_assert_nonnull (cx_test_server_last_hit (f->server)->if_modified_since);
  }

  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.cache_hits, ==, 1);
  g_assert_cmpuint (stats.downloads, ==, 2);
  purge_and_wait (source);
}

/* A stale tile is revalidated with its ETag; 304 delivers the cached bytes. */
static void
test_revalidate_etag (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  CxNetworkSourceStats stats;

  f->mode = MODE_ETAG;
  f->cache_control = "no-cache";

  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 5, 6, 4, &fetch);
    g_assert_no_error (fetch.error);
    g_assert_null (cx_test_server_last_hit (f->server)->if_none_match);
    purge_and_wait (source);
  }

  for (guint round = 0; round < 2; round++)
    {
      g_auto(Fetch) fetch = { 0, };

      fetch_tile (source, 5, 6, 4, &fetch);
      g_assert_no_error (fetch.error);
      g_assert_true (g_bytes_equal (fetch.bytes, f->png));
      g_assert_cmpuint (fetch.n_data, ==, 1);
      g_assert_cmpstr (cx_test_server_last_hit (f->server)->if_none_match, ==, ETAG);
      purge_and_wait (source);
    }

  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (f->hits->len, ==, 3);
  g_assert_cmpuint (stats.requests, ==, 3);
  g_assert_cmpuint (stats.downloads, ==, 1);
  g_assert_cmpuint (stats.not_modified, ==, 2);
}

/* Without an ETag, Last-Modified is sent back as If-Modified-Since. */
static void
test_revalidate_last_modified (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  CxNetworkSourceStats stats;

  f->mode = MODE_LAST_MODIFIED;
  f->cache_control = "max-age=0";

  for (guint round = 0; round < 2; round++)
    {
      g_auto(Fetch) fetch = { 0, };

      fetch_tile (source, 0, 0, 0, &fetch);
      g_assert_no_error (fetch.error);
      g_assert_true (g_bytes_equal (fetch.bytes, f->png));
      purge_and_wait (source);
    }

  g_assert_cmpstr (cx_test_server_last_hit (f->server)->if_modified_since, ==, LAST_MODIFIED);
  g_assert_null (cx_test_server_last_hit (f->server)->if_none_match);
  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.downloads, ==, 1);
  g_assert_cmpuint (stats.not_modified, ==, 1);
}

/* 429 with Retry-After: 2 — nothing is sent for two seconds, requests in
 * between fail fast, and then tiles load again. */
static void
test_backoff_429 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  CxNetworkSourceStats stats;
  gint64 gap;

  f->mode = MODE_429_ONCE;

  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 1, 0, 1, &fetch);
    g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP);
    g_assert_nonnull (strstr (fetch.error->message, "429"));
  }

  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 0, 1, 1, &fetch);
    g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_BACKING_OFF);
    g_assert_cmpint (fetch.elapsed, <, cx_test_scaled_usec (G_USEC_PER_SEC));
    g_assert_cmpuint (f->hits->len, ==, 1);
  }

  /* Ask every 50 ms, as a map being panned would. */
  for (guint attempt = 0;; attempt++)
    {
      g_auto(Fetch) fetch = { 0, };

      g_assert_cmpuint (attempt, <, 100);
      fetch_tile (source, 1, 1, 1, &fetch);
      if (fetch.error == NULL)
        break;
      g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_BACKING_OFF);
      spin_for (50);
    }

  g_assert_cmpuint (f->hits->len, ==, 2);
  gap = ((CxTestHit *) g_ptr_array_index (f->hits, 1))->time - ((CxTestHit *) g_ptr_array_index (f->hits, 0))->time;
  g_test_message ("next request %.3f s after the 429", gap / 1e6);
  g_assert_cmpint (gap, >=, 2 * G_USEC_PER_SEC);
  /* The back-off, then at most 2 s (times the slowdown) to ask again. */
  g_assert_cmpint (gap, <, 2 * G_USEC_PER_SEC + cx_test_scaled_usec (2 * G_USEC_PER_SEC));

  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.requests, ==, 2);
  g_assert_cmpuint (stats.backed_off, >=, 2);
  purge_and_wait (source);
}

/* Repeated 500s: the pauses double, 1 s then 2 s. */
static void
test_backoff_5xx (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  gint64 gap1, gap2;

  f->mode = MODE_500;

  while (f->hits->len < 3)
    {
      g_auto(Fetch) fetch = { 0, };

      fetch_tile (source, 2, 1, 2, &fetch);
      g_assert_nonnull (fetch.error);
      g_assert_cmpint (fetch.elapsed, <, cx_test_scaled_usec (2 * G_USEC_PER_SEC));
      spin_for (50);
    }

  gap1 = ((CxTestHit *) g_ptr_array_index (f->hits, 1))->time - ((CxTestHit *) g_ptr_array_index (f->hits, 0))->time;
  gap2 = ((CxTestHit *) g_ptr_array_index (f->hits, 2))->time - ((CxTestHit *) g_ptr_array_index (f->hits, 1))->time;
  g_test_message ("gaps %.3f s, %.3f s", gap1 / 1e6, gap2 / 1e6);
  g_assert_cmpint (gap1, >=, 1 * G_USEC_PER_SEC);
  g_assert_cmpint (gap2, >=, 2 * G_USEC_PER_SEC);
  /* Doubled once, not twice (that would be 4 s). Not scaled: a bound on
   * the product's back-off, which is the same in every build; the requests
   * around it take milliseconds even under ASan. */
  g_assert_cmpint (gap2, <, 4 * G_USEC_PER_SEC - 100 * 1000);

  /* When the network comes back the UI may clear the back-off. */
  cx_network_source_reset_backoff (source);
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 2, 1, 2, &fetch);
    g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP);
    g_assert_cmpuint (f->hits->len, ==, 4);
  }
}

typedef struct
{
  const char *name;
  Mode mode;
  CxNetworkSourceError code;
  gboolean offline;
} Fault;

static const Fault faults[] = {
  { "500", MODE_500, CX_NETWORK_SOURCE_ERROR_HTTP, FALSE },
  { "truncated", MODE_TRUNCATED, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE, FALSE },
  { "cut", MODE_CUT, CX_NETWORK_SOURCE_ERROR_NETWORK, TRUE },
  { "not-an-image", MODE_TEXT, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE, FALSE },
  { "slower-than-timeout", MODE_STALL, CX_NETWORK_SOURCE_ERROR_TIMED_OUT, TRUE },
};

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Each fault gives an error for a tile never seen, and the cached copy for
 * one seen before; nothing undecodable reaches the renderer (a warning
 * would abort the test). */
static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const Fault *fault = data;
  g_autoptr(CxNetworkSource) source = new_source (f);
  CxNetworkSourceStats stats;
  guint offline_notifies = 0;

  cx_network_source_set_timeout (source, SHORT_TIMEOUT_MS);
  g_signal_connect (source, "notify::offline", G_CALLBACK (notify_count_cb), &offline_notifies);

  /* Tile A is cached, and stale at once. */
  f->cache_control = "max-age=0";
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 10, 10, 5, &fetch);
    g_assert_no_error (fetch.error);
    purge_and_wait (source);
  }

  f->mode = fault->mode;

  /* Tile B was never fetched: an error, and nothing for the renderer. */
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 11, 10, 5, &fetch);
    g_test_message ("%s: %s (%.3f s)", fault->name, fetch.error ? fetch.error->message : "no error",
                    fetch.elapsed / 1e6);
    g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, (int) fault->code);
    g_assert_cmpuint (fetch.n_data, ==, 0);
    if (fault->mode == MODE_STALL)
      {
        g_assert_cmpint (fetch.elapsed, >=, (SHORT_TIMEOUT_MS - 50) * 1000);
        g_assert_cmpint (fetch.elapsed, <, ((gint64) STALL_MS - 500) * 1000);
      }
  }
  g_assert_cmpint (cx_network_source_get_offline (source), ==, fault->offline);
  g_assert_cmpuint (offline_notifies, ==, fault->offline ? 1 : 0);

  /* Tile A: the server fails again, the cached copy is served. */
  cx_network_source_reset_backoff (source);
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 10, 10, 5, &fetch);
    g_assert_no_error (fetch.error);
    g_assert_true (g_bytes_equal (fetch.bytes, f->png));
    g_assert_cmpuint (fetch.n_data, ==, 1);
  }

  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.requests, ==, 3);
  g_assert_cmpuint (stats.downloads, ==, 1);
  g_assert_cmpuint (stats.fallbacks, ==, 1);
  g_assert_cmpuint (stats.errors, ==, 1);
  g_assert_cmpuint (f->hits->len, ==, 3);

  /* The cached copy was not overwritten by the bad answer. */
  f->mode = MODE_OK;
  f->cache_control = "max-age=3600";
  cx_network_source_reset_backoff (source);
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 12, 10, 5, &fetch);
    g_assert_no_error (fetch.error);
  }
  g_assert_false (cx_network_source_get_offline (source));
  g_assert_cmpuint (offline_notifies, ==, fault->offline ? 2 : 0);

  purge_and_wait (source);
}

/* A server that is not there: a network error, and the offline flag. */
static void
test_connection_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cx-net-refused-XXXXXX", NULL);
  g_autoptr(CxNetworkSource) source = NULL;
  g_auto(Fetch) fetch = { 0, };
  guint16 port;

  /* A port that was free a moment ago and has nobody listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", port);
  source = cx_network_source_new (url, "refused", dir, 1000000);

  fetch_tile (source, 0, 0, 0, &fetch);
  g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_NETWORK);
  g_assert_true (cx_network_source_get_offline (source));

  g_clear_object (&source);
  cx_test_remove_tree (dir);
}

/* Tiles that leave the view are cancelled: queued ones are never sent,
 * running ones stop at once. */
static gboolean
two_hits (gpointer data)
{
  Fixture *f = data;

  return f->hits->len >= 2;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  GCancellable *cancellables[4];
  Fetch fetches[4];
  CxNetworkSourceStats stats;
  gint64 start;

  f->mode = MODE_STALL;

  for (guint i = 0; i < 4; i++)
    {
      cancellables[i] = g_cancellable_new ();
      fetch_start (source, i, 0, 3, cancellables[i], &fetches[i]);
    }

  /* Two connections at most: two requests reach the server, and no
   * more while they stall. */
  g_assert_true (cx_test_wait_until (two_hits, f, WAIT_LIMIT_MS));
  spin_for (200);
  g_assert_cmpuint (f->hits->len, ==, 2);

  /* The queued two. */
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellables[2]);
  g_cancellable_cancel (cancellables[3]);
  cx_test_wait_flag (&fetches[2].done, WAIT_LIMIT_MS);
  cx_test_wait_flag (&fetches[3].done, WAIT_LIMIT_MS);
  g_assert_cmpint (g_get_monotonic_time () - start, <, ((gint64) STALL_MS / 2) * 1000);
  g_assert_error (fetches[2].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (fetches[3].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (fetches[0].done);

  /* The running two. */
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellables[0]);
  g_cancellable_cancel (cancellables[1]);
  cx_test_wait_flag (&fetches[0].done, WAIT_LIMIT_MS);
  cx_test_wait_flag (&fetches[1].done, WAIT_LIMIT_MS);
  g_assert_cmpint (g_get_monotonic_time () - start, <, ((gint64) STALL_MS / 2) * 1000);
  g_assert_error (fetches[0].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (fetches[1].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  spin_for (200);
  g_assert_cmpuint (f->hits->len, ==, 2);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (fetches[i].n_data, ==, 0);
  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.requests, ==, 2);

  /* Cancellation is not a network failure. */
  g_assert_false (cx_network_source_get_offline (source));

  for (guint i = 0; i < 4; i++)
    {
      fetch_clear (&fetches[i]);
      g_object_unref (cancellables[i]);
    }
}

/* A stopped source (one the map no longer shows, whose layer may live on
 * while its tiles load) asks its server for nothing more: the tiles on the
 * wire and those waiting for a connection end as cancelled, and a tile
 * asked later fails at once the same way. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  Fetch fetches[4];
  g_auto(Fetch) later = { 0 };
  CxNetworkSourceStats stats;

  f->mode = MODE_STALL;

  for (guint i = 0; i < 4; i++)
    fetch_start (source, i, 0, 3, NULL, &fetches[i]);
  /* Two on the wire, stalled; two waiting for them. */
  g_assert_true (cx_test_wait_until (two_hits, f, WAIT_LIMIT_MS));

  cx_network_source_stop (source);
  for (guint i = 0; i < 4; i++)
    {
      cx_test_wait_flag (&fetches[i].done, WAIT_LIMIT_MS);
      g_assert_error (fetches[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (fetches[i].n_data, ==, 0);
    }

  fetch_tile (source, 5, 0, 3, &later);
  g_assert_error (later.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* A negative, so watched for a while: past the stalled answers' end. */
  spin_for (STALL_MS + 200);
  g_assert_cmpuint (f->hits->len, ==, 2);
  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.requests, ==, 2);
  g_assert_false (cx_network_source_get_offline (source));

  for (guint i = 0; i < 4; i++)
    fetch_clear (&fetches[i]);
}

static guint64
tiles_size_on_disk (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint64 total = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        total += tiles_size_on_disk (child);
      else if (S_ISREG (st.st_mode))
        total += st.st_size;
    }

  return total;
}

/* Filled past its limit, the cache is purged back under it: by itself
 * after stores, and on request after the limit is lowered. */
static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  gsize png_size = g_bytes_get_size (f->png);
  guint64 limit = png_size * 10;
  g_autoptr(CxNetworkSource) source = cx_network_source_new (f->url_template, "purge", f->cache_dir, limit);
  g_autofree char *tiles_dir = g_build_filename (f->cache_dir, "purge", NULL);
  g_autofree char *db = g_build_filename (f->cache_dir, "cache.db", NULL);
  CxNetworkSourceStats stats;
  guint64 size;
  GStatBuf st;
  const guint n_tiles = 40;

  for (guint i = 0; i < n_tiles; i++)
    {
      g_auto(Fetch) fetch = { 0, };

      fetch_tile (source, i, 0, 6, &fetch);
      g_assert_no_error (fetch.error);
    }

  /* Purges ran by themselves along the way. */
  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.purges, >=, 2);
  size = tiles_size_on_disk (tiles_dir);
  g_test_message ("wrote %u tiles of %" G_GSIZE_FORMAT " bytes, limit %" G_GUINT64_FORMAT
                  ", %" G_GUINT64_FORMAT " on disk before an explicit purge",
                  n_tiles, png_size, limit, size);
  g_assert_cmpuint (size, <, n_tiles * png_size / 2);

  purge_and_wait (source);
  size = tiles_size_on_disk (tiles_dir);
  g_test_message ("%" G_GUINT64_FORMAT " bytes of tiles after the purge", size);
  g_assert_cmpuint (size, <=, limit);
  g_assert_cmpuint (size, >, 0);

  /* A lower limit takes effect at the next purge. */
  cx_network_source_set_cache_size_limit (source, limit / 2);
  g_assert_cmpuint (cx_network_source_get_cache_size_limit (source), ==, limit / 2);
  purge_and_wait (source);
  size = tiles_size_on_disk (tiles_dir);
  g_test_message ("%" G_GUINT64_FORMAT " bytes of tiles after lowering the limit", size);
  g_assert_cmpuint (size, <=, limit / 2);

  /* Purging again with nothing to delete, then after more stores, still
   * works (libshumate's FileCache, 1.0.3 to 1.6, stops purging after a
   * no-op purge unless it is reopened). */
  purge_and_wait (source);
  for (guint i = 0; i < 20; i++)
    {
      g_auto(Fetch) fetch = { 0, };

      fetch_tile (source, i, 1, 6, &fetch);
      g_assert_no_error (fetch.error);
    }
  purge_and_wait (source);
  size = tiles_size_on_disk (tiles_dir);
  g_assert_cmpuint (size, <=, limit / 2);

  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_test_message ("cache.db: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
}

static void
fill_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fetch *fetch = user_data;

  if (!shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &fetch->error))
    g_assert_nonnull (fetch->error);
  fetch->done = TRUE;
}

/* The whole chain as the map uses it: a raster renderer over the source
 * turns a good tile into a texture, and a bad one into an error (without
 * the warning that undecodable bytes would cause). */
static void
test_renderer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  g_autoptr(ShumateMapSource) map_source = NULL;

  map_source = cx_network_map_source_new ("test-net", "Test", "© Test", "https://example.org/", 0, 19, source);
  g_assert_cmpstr (shumate_map_source_get_id (map_source), ==, "test-net");
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© Test");
  g_assert_cmpuint (shumate_map_source_get_tile_size (map_source), ==, 256);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 19);

  {
    g_autoptr(ShumateTile) tile = shumate_tile_new_full (7, 7, 256, 4);
    g_auto(Fetch) fetch = { 0, };

    shumate_map_source_fill_tile_async (map_source, tile, NULL, fill_done_cb, &fetch);
    cx_test_wait_flag (&fetch.done, WAIT_LIMIT_MS);
    g_assert_no_error (fetch.error);
    g_assert_nonnull (shumate_tile_get_paintable (tile));
  }

  f->mode = MODE_TEXT;
  {
    g_autoptr(ShumateTile) tile = shumate_tile_new_full (8, 7, 256, 4);
    g_auto(Fetch) fetch = { 0, };

    shumate_map_source_fill_tile_async (map_source, tile, NULL, fill_done_cb, &fetch);
    cx_test_wait_flag (&fetch.done, WAIT_LIMIT_MS);
    g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE);
    g_assert_null (shumate_tile_get_paintable (tile));
  }

  purge_and_wait (source);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
median_ms (GArray *samples)
{
  g_array_sort (samples, compare_gint64);
  return g_array_index (samples, gint64, samples->len / 2) / 1000.0;
}

/* Tile latency from the loopback server, then from disk. Reported, and
 * bounded only loosely: this also runs under valgrind. */
static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  const guint n = 50;
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cached = g_array_new (FALSE, FALSE, sizeof (gint64));

  {
    g_autoptr(CxNetworkSource) source = new_source (f);

    for (guint i = 0; i < n; i++)
      {
        g_auto(Fetch) fetch = { 0, };

        fetch_tile (source, i, 3, 7, &fetch);
        g_assert_no_error (fetch.error);
        g_array_append_val (cold, fetch.elapsed);
      }
    purge_and_wait (source);
  }

  {
    g_autoptr(CxNetworkSource) source = new_source (f);
    CxNetworkSourceStats stats;

    for (guint i = 0; i < n; i++)
      {
        g_auto(Fetch) fetch = { 0, };

        fetch_tile (source, i, 3, 7, &fetch);
        g_assert_no_error (fetch.error);
        g_array_append_val (cached, fetch.elapsed);
      }

    cx_network_source_get_stats (source, &stats);
    g_assert_cmpuint (stats.cache_hits, ==, n);
  }

  g_assert_cmpuint (f->hits->len, ==, n);
  g_test_message ("tile latency, median of %u: %.2f ms from the loopback server, %.2f ms from the disk cache "
                  "(%" G_GSIZE_FORMAT "-byte PNG)",
                  n, median_ms (cold), median_ms (cached), g_bytes_get_size (f->png));
  g_assert_cmpfloat (median_ms (cold), <, 2000.0 * cx_test_slowdown ());
  g_assert_cmpfloat (median_ms (cached), <, 2000.0 * cx_test_slowdown ());
}

/* Redirects: one is followed within the tile's request; a loop stops after
 * 5, as pack updates do (libsoup alone followed 20: 21 requests a tile);
 * and only to http(s). The server counts the requests. */
static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CxNetworkSource) source = new_source (f);
  CxNetworkSourceStats stats;

  f->mode = MODE_REDIRECT;
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 1, 2, 3, &fetch);
    g_assert_no_error (fetch.error);
    g_assert_true (g_bytes_equal (fetch.bytes, f->png));
  }
  g_assert_cmpuint (f->hits->len, ==, 2);
  g_assert_cmpstr (((CxTestHit *) g_ptr_array_index (f->hits, 1))->path, ==, "/moved/3/1/2.png");
  /* The redirected request asks for the same thing. */
  g_assert_cmpstr (((CxTestHit *) g_ptr_array_index (f->hits, 1))->user_agent, ==, EXPECTED_USER_AGENT);
  g_assert_nonnull (((CxTestHit *) g_ptr_array_index (f->hits, 1))->accept);

  f->mode = MODE_REDIRECT_LOOP;
  g_ptr_array_set_size (f->hits, 0);
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 4, 2, 3, &fetch);
    g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP);
    g_assert_cmpstr (fetch.error->message, ==, "The tile server redirected more than 5 times");
    g_assert_cmpuint (fetch.n_data, ==, 0);
  }
  /* The tile, then 5 redirects followed: 6 requests, as for a pack update. */
  g_assert_cmpuint (f->hits->len, ==, 6);
  g_assert_cmpuint (f->hits->len, ==, CX_HTTP_MAX_REDIRECTS + 1);
  /* A redirect is an answer: the network is up, and the next tile is sent
   * (no back-off). */
  g_assert_false (cx_network_source_get_offline (source));

  f->mode = MODE_REDIRECT_FILE;
  g_ptr_array_set_size (f->hits, 0);
  {
    g_auto(Fetch) fetch = { 0, };

    fetch_tile (source, 5, 2, 3, &fetch);
    g_assert_error (fetch.error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP);
    g_assert_cmpstr (fetch.error->message, ==, "The tile server redirected to “file:///etc/passwd”, which is not an http or https address");
  }
  g_assert_cmpuint (f->hits->len, ==, 1);

  cx_network_source_get_stats (source, &stats);
  g_assert_cmpuint (stats.requests, ==, 2 + 6 + 1);
  g_assert_cmpuint (stats.downloads, ==, 1);
  purge_and_wait (source);
}

#define ADD_TEST(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int status;

  /* Before anything asks for them: a private cache, and no proxy that could
   * send loopback traffic elsewhere. */
  cache_home = cx_test_make_tmp_dir ("cx-net-xdg-XXXXXX");
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  cx_test_no_proxy ();

  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/net/user-agent", test_user_agent, NULL);
  g_test_add_func ("/net/default-cache-dir", test_default_cache_dir);
  g_test_add_func ("/net/invalid-template", test_invalid_template);
  ADD_TEST ("/net/bad-tile", test_bad_tile, NULL);
  ADD_TEST ("/net/disk-cache", test_disk_cache, NULL);
  ADD_TEST ("/net/no-store", test_no_store, NULL);
  ADD_TEST ("/net/max-age", test_max_age, NULL);
  ADD_TEST ("/net/revalidate/etag", test_revalidate_etag, NULL);
  ADD_TEST ("/net/revalidate/last-modified", test_revalidate_last_modified, NULL);
  ADD_TEST ("/net/backoff/429-retry-after", test_backoff_429, NULL);
  ADD_TEST ("/net/backoff/5xx-exponential", test_backoff_5xx, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/net/fault/%s", faults[i].name);

      ADD_TEST (path, test_fault, &faults[i]);
    }
  g_test_add_func ("/net/connection-refused", test_connection_refused);
  ADD_TEST ("/net/cancel", test_cancel, NULL);
  ADD_TEST ("/net/stop", test_stop, NULL);
  ADD_TEST ("/net/purge", test_purge, NULL);
  ADD_TEST ("/net/renderer", test_renderer, NULL);
  ADD_TEST ("/net/latency", test_latency, NULL);
  ADD_TEST ("/net/redirects", test_redirects, NULL);

  status = g_test_run ();

  cx_test_remove_tree (cache_home);
  return status;
}
