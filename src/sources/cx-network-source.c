/* cx-network-source.c: raster tiles over HTTP, cached on disk, polite to the server
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What this does that ShumateTileDownloader does not, in 1.0.3 as in 1.4 to
 * 1.6: an identifying User-Agent (the downloader still sends a hard-coded
 * "libshumate/<version>" whatever shumate_set_user_agent() says),
 * Cache-Control/Expires freshness (it still treats every tile as fresh for
 * seven days), back-off on 429 and 5xx with Retry-After, an overall deadline
 * per tile, a cache size limit that is actually enforced, and a check that a
 * body is a complete PNG or JPEG before it is cached or handed to the
 * renderer (which g_warning()s on bad bytes). So it stays a data source of
 * its own rather than a ShumateTileDownloader.
 *
 * One tile goes: disk cache → fresh? serve : queue → (at most two on the
 * wire) → 200 validate+store / 304 refresh / error → cached copy or error.
 */

#define G_LOG_DOMAIN "cx-network-source"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cx-network-source.h"
#include "cx-tile-url.h"

#define USER_AGENT "changning-explorer/" PACKAGE_VERSION " (+" PROJECT_URL ")"

/* The OpenStreetMap tile policy allows two connections per client. */
#define MAX_IN_FLIGHT 2

#define MAX_TILE_BYTES (4 * 1024 * 1024)
#define MAX_TILE_DIMENSION 2048
#define READ_CHUNK 65536

#define MAX_AGE_LIMIT (365 * 24 * 60 * 60)

/* Back-off after a 429 or 5xx: 1 s, 2 s, 4 s … up to ten minutes, or what
 * Retry-After asks if that is longer (up to an hour). After a network error
 * or timeout the same doubling stops at 30 s, so that tiles come back soon
 * after the network does. */
#define BACKOFF_BASE_S 1
#define BACKOFF_SERVER_MAX_S (10 * 60)
#define BACKOFF_NETWORK_MAX_S 30
#define RETRY_AFTER_MAX_S (60 * 60)

/* A purge runs after stores once a minute, or sooner when an eighth of the
 * limit has been written since the last one. */
#define PURGE_INTERVAL_US (60 * G_USEC_PER_SEC)

/* How long a reopen waits for the old cache object to be finalized. */
#define REOPEN_GRACE_MS 2000

/* Stored in the cache's ETag column: our freshness data with the ETag. */
#define META_MAGIC "cx1"

struct _CxNetworkSource
{
  ShumateDataSource parent_instance;

  /* Construct-only */
  char *url_template;
  char *cache_key;
  char *cache_dir;

  /* Owned */
  SoupSession *session;
  GMainContext *context;
  GQueue pending;               /* GTask*, each owned, waiting for a slot */
  guint in_flight;
  guint64 cache_size_limit;
  guint timeout_ms;

  /* Back-off: no request is sent before backoff_until (monotonic µs). */
  gint64 backoff_until;
  guint consecutive_failures;

  gboolean offline;

  /* The disk cache. It is reopened now and then (see reopen_cache());
   * meanwhile it is NULL and tile reads wait in cache_waiters. */
  ShumateFileCache *cache;
  guint cache_ops;              /* reads and stores in progress on it */
  gboolean cache_needs_reopen;
  GSource *reopen_grace;        /* reopens anyway if the old one lingers */
  GQueue cache_waiters;         /* GTask*, each owned */
  GQueue store_waiters;         /* PendingStore*, each owned */

  /* Purging */
  guint64 bytes_since_purge;
  gint64 last_purge;            /* monotonic µs; 0: never */
  gboolean purge_wanted;
  gboolean purging;
  GPtrArray *purge_waiters;     /* GTask*, served by the next purge */

  CxNetworkSourceStats stats;
};

G_DEFINE_FINAL_TYPE (CxNetworkSource, cx_network_source, SHUMATE_TYPE_DATA_SOURCE)

G_DEFINE_QUARK (cx-network-source-error-quark, cx_network_source_error)

enum {
  PROP_0,
  PROP_URL_TEMPLATE,
  PROP_CACHE_KEY,
  PROP_CACHE_DIR,
  PROP_CACHE_SIZE_LIMIT,
  PROP_TIMEOUT,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the cache knows about a tile besides its bytes. */
typedef struct
{
  gint64  max_age;         /* seconds; -1: not given, use the default */
  char   *etag;
  char   *last_modified;   /* as the server sent it */
  gboolean no_store;
} TileMeta;

typedef struct
{
  GTask        *task;              /* unowned: this is its task data */
  int           x, y, z;

  /* Cancelled when the tile's cancellable is, or at the deadline. */
  GCancellable *cancellable;
  GSource      *tile_cancelled;
  GSource      *deadline;
  gboolean      timed_out;
  gboolean      queued;
  gboolean      holds_slot;

  /* The cached copy, already checked to be an image; NULL if none. */
  GBytes       *cached;
  GDateTime    *cached_time;
  TileMeta      cached_meta;

  SoupMessage  *msg;
  GInputStream *body_stream;
  GByteArray   *body;
} TileRequest;

static void start_request   (CxNetworkSource *self,
                             GTask           *task);
static void try_start_purge (CxNetworkSource *self);

static void
tile_meta_clear (TileMeta *meta)
{
  g_clear_pointer (&meta->etag, g_free);
  g_clear_pointer (&meta->last_modified, g_free);
  meta->max_age = -1;
  meta->no_store = FALSE;
}

static void
tile_request_free (gpointer data)
{
  TileRequest *req = data;

  g_assert (!req->queued && !req->holds_slot);

  if (req->tile_cancelled != NULL)
    g_source_destroy (req->tile_cancelled);
  g_clear_pointer (&req->tile_cancelled, g_source_unref);
  if (req->deadline != NULL)
    g_source_destroy (req->deadline);
  g_clear_pointer (&req->deadline, g_source_unref);
  g_clear_object (&req->cancellable);
  g_clear_pointer (&req->cached, g_bytes_unref);
  g_clear_pointer (&req->cached_time, g_date_time_unref);
  tile_meta_clear (&req->cached_meta);
  g_clear_object (&req->msg);
  g_clear_object (&req->body_stream);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_free (req);
}

static char *
tile_meta_serialize (const TileMeta *meta)
{
  return g_strdup_printf (META_MAGIC "\n%" G_GINT64_FORMAT "\n%s\n%s",
                          meta->max_age,
                          meta->last_modified ? meta->last_modified : "",
                          meta->etag ? meta->etag : "");
}

/* Anything not written by tile_meta_serialize() is taken as a bare ETag. */
static void
tile_meta_parse (const char *stored,
                 TileMeta   *meta)
{
  g_auto(GStrv) fields = NULL;

  tile_meta_clear (meta);
  if (stored == NULL || *stored == '\0')
    return;

  if (!g_str_has_prefix (stored, META_MAGIC "\n"))
    {
      meta->etag = g_strdup (stored);
      return;
    }

  fields = g_strsplit (stored, "\n", 4);
  if (g_strv_length (fields) != 4)
    return;

  if (!g_ascii_string_to_signed (fields[1], 10, -1, MAX_AGE_LIMIT, &meta->max_age, NULL))
    meta->max_age = -1;
  if (*fields[2] != '\0')
    meta->last_modified = g_strdup (fields[2]);
  if (*fields[3] != '\0')
    meta->etag = g_strdup (fields[3]);
}

static gboolean
parse_seconds (const char *text,
               gint64      max,
               gint64     *out)
{
  guint64 value;

  if (text == NULL)
    return FALSE;

  /* Allow a quoted value, which some servers send. */
  if (*text == '"')
    {
      g_autofree char *unquoted = g_strndup (text + 1, strcspn (text + 1, "\""));

      return parse_seconds (unquoted, max, out);
    }

  if (!g_ascii_isdigit (*text))
    return FALSE;

  /* Overlong numbers are huge, not invalid: clamp them. */
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    value = G_MAXUINT64;

  *out = (gint64) MIN (value, (guint64) max);
  return TRUE;
}

static gint64
seconds_until (GDateTime *when,
               GDateTime *now)
{
  return g_date_time_difference (when, now) / G_USEC_PER_SEC;
}

/* Freshness per RFC 9111, enough of it for tiles: no-store, no-cache,
 * max-age, else Expires − Date, minus Age. */
static void
tile_meta_from_response (TileMeta           *meta,
                         SoupMessageHeaders *headers)
{
  const char *cache_control = soup_message_headers_get_list (headers, "Cache-Control");
  const char *value;
  gint64 age;

  tile_meta_clear (meta);

  if (cache_control != NULL)
    {
      GHashTable *params = soup_header_parse_param_list (cache_control);

      if (g_hash_table_contains (params, "no-store"))
        meta->no_store = TRUE;
      if (g_hash_table_contains (params, "no-cache"))
        meta->max_age = 0;
      else if (!parse_seconds (g_hash_table_lookup (params, "max-age"), MAX_AGE_LIMIT, &meta->max_age))
        meta->max_age = -1;

      soup_header_free_param_list (params);
    }

  if (meta->max_age < 0 && (value = soup_message_headers_get_one (headers, "Expires")) != NULL)
    {
      g_autoptr(GDateTime) expires = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) date = NULL;

      if ((value = soup_message_headers_get_one (headers, "Date")) != NULL)
        date = soup_date_time_new_from_http_string (value);

      /* An Expires that does not parse means "already expired". */
      if (expires == NULL)
        meta->max_age = 0;
      else
        meta->max_age = CLAMP (seconds_until (expires, date ? date : now), 0, MAX_AGE_LIMIT);
    }

  if (meta->max_age > 0 && parse_seconds (soup_message_headers_get_one (headers, "Age"), MAX_AGE_LIMIT, &age))
    meta->max_age = MAX (0, meta->max_age - age);

  meta->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  meta->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
}

/* Image checks */

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
static const guint8 png_iend[8] = { 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };

static guint
read_be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* The size from the first SOF segment, without decoding anything. */
static gboolean
jpeg_dimensions (const guint8 *d,
                 gsize         n,
                 guint        *width,
                 guint        *height)
{
  gsize i = 2;

  while (i + 4 <= n)
    {
      guint8 marker;
      guint len;

      if (d[i] != 0xff)
        return FALSE;
      while (i < n && d[i] == 0xff)
        i++;
      if (i >= n)
        return FALSE;

      marker = d[i++];
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8))
        continue;                       /* no length */
      if (marker == 0xd9 || marker == 0xda)
        return FALSE;                   /* image data before any frame header */
      if (i + 2 > n)
        return FALSE;

      len = read_be16 (d + i);
      if (len < 2)
        return FALSE;

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (len < 8 || i + 7 > n)
            return FALSE;
          *height = read_be16 (d + i + 3);
          *width = read_be16 (d + i + 5);
          return TRUE;
        }

      i += len;
    }

  return FALSE;
}

static gboolean
jpeg_has_end (const guint8 *d,
              gsize         n)
{
  /* EOI, allowing a little padding after it. */
  for (gsize i = n >= 18 ? n - 18 : 0; i + 1 < n; i++)
    if (d[i] == 0xff && d[i + 1] == 0xd9)
      return TRUE;

  return FALSE;
}

/* Whether @bytes is a complete PNG or JPEG of a sane size that gdk-pixbuf
 * decodes, exactly as ShumateRasterRenderer will (gdk_pixbuf_new_from_stream).
 * The structural checks come first: a truncated image can decode "fine" with
 * a grey bottom, and a tiny file can declare a gigapixel image. */
static gboolean
tile_bytes_check_image (GBytes  *bytes,
                        GError **error)
{
  gsize n;
  const guint8 *d = g_bytes_get_data (bytes, &n);
  guint width = 0, height = 0;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;

  if (n > MAX_TILE_BYTES)
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TOO_LARGE,
                   "Tile of %" G_GSIZE_FORMAT " bytes is too large", n);
      return FALSE;
    }

  if (n >= 33 && memcmp (d, png_signature, 8) == 0 && memcmp (d + 12, "IHDR", 4) == 0)
    {
      width = read_be32 (d + 16);
      height = read_be32 (d + 20);
      if (memcmp (d + n - 8, png_iend, 8) != 0)
        {
          g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                       "Truncated PNG (%" G_GSIZE_FORMAT " bytes, no IEND chunk)", n);
          return FALSE;
        }
    }
  else if (n >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
    {
      if (!jpeg_dimensions (d, n, &width, &height))
        {
          g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                       "JPEG without a frame header");
          return FALSE;
        }
      if (!jpeg_has_end (d, n))
        {
          g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                       "Truncated JPEG (%" G_GSIZE_FORMAT " bytes, no end marker)", n);
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                   "Not a PNG or JPEG image (%" G_GSIZE_FORMAT " bytes)", n);
      return FALSE;
    }

  if (width == 0 || height == 0 || width > MAX_TILE_DIMENSION || height > MAX_TILE_DIMENSION)
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                   "Image of %u×%u pixels is not a tile", width, height);
      return FALSE;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                   "Undecodable image: %s", local_error ? local_error->message : "unknown error");
      return FALSE;
    }

  return TRUE;
}

static void
check_image_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (tile_bytes_check_image (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Decoding takes a millisecond or so per tile: off the main thread. */
static void
check_image_async (CxNetworkSource     *self,
                   GBytes              *bytes,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, check_image_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, check_image_thread);
}

static gboolean
check_image_finish (GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Network state and back-off */

static void
set_offline (CxNetworkSource *self,
             gboolean         offline)
{
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static gboolean
backing_off (CxNetworkSource *self)
{
  return self->backoff_until != 0 && g_get_monotonic_time () < self->backoff_until;
}

static void
note_server_ok (CxNetworkSource *self)
{
  self->consecutive_failures = 0;
  self->backoff_until = 0;
}

/* @retry_after: seconds the server asked for, or -1 */
static void
note_failure (CxNetworkSource *self,
              gint64           retry_after,
              gint64           max_delay)
{
  guint n;
  gint64 delay;
  gint64 until;

  self->consecutive_failures = MIN (self->consecutive_failures + 1, 20);
  n = self->consecutive_failures;
  delay = MIN ((gint64) BACKOFF_BASE_S << (n - 1), max_delay);

  if (retry_after >= 0)
    delay = MAX (delay, MIN (retry_after, RETRY_AFTER_MAX_S));

  until = g_get_monotonic_time () + delay * G_USEC_PER_SEC;
  self->backoff_until = MAX (self->backoff_until, until);
  g_debug ("Backing off for %" G_GINT64_FORMAT " s after %u failures", delay, n);
}

/* Retry-After is seconds or an HTTP date; -1 when absent or unreadable. */
static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;

  if (parse_seconds (value, RETRY_AFTER_MAX_S, &seconds))
    return seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return CLAMP (seconds_until (when, now), 0, RETRY_AFTER_MAX_S);
}

/* Completing a tile */

static void
complete_with_data (GTask  *task,
                    GBytes *bytes)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The default ShumateDataSource.start_request (libshumate ≥ 1.1) turns
   * this into the request's data, which is what the renderer reads. */
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
complete_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Tile request cancelled");
}

/* The end of every failure: the cached copy, stale or not, beats nothing. */
static void
complete_with_fallback (GTask  *task,
                        GError *error)
{
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);

  g_debug ("Tile %d/%d/%d: %s%s", req->z, req->x, req->y, error->message,
           req->cached != NULL ? "; using the cached copy" : "");

  if (req->cached != NULL)
    {
      self->stats.fallbacks++;
      g_error_free (error);
      complete_with_data (task, req->cached);
    }
  else
    {
      self->stats.errors++;
      g_task_return_error (task, error);
    }
}

static GError *
backing_off_error (CxNetworkSource *self)
{
  gint64 seconds = (self->backoff_until - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  return g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_BACKING_OFF,
                      _("Waiting %d s before asking the tile server again"),
                      (int) MAX (seconds, 1));
}

/* The disk cache and purging
 *
 * libshumate's ShumateFileCache has two traps. Both are still there in 1.4
 * (shumate-file-cache.c is unchanged from 1.0.3 to 1.6.2), so what follows
 * stays until a release fixes them:
 *
 * - A purge that finds nothing to delete leaves its "purge in progress" flag
 *   set, so every later purge on that object is a silent no-op.
 * - Its ETag lookup leaves its SELECT statement un-reset, so the connection
 *   keeps a read lock (and defers its own commits) until the next lookup.
 *   Another ShumateFileCache opened on the same directory meanwhile fails
 *   its PRAGMAs with "database is locked" and is left without prepared
 *   statements: no ETags, no popularity, for its whole life.
 *
 * So the cache object is reopened before a purge whenever the previous one
 * was a no-op (and once at the start, in case it was opened while another
 * source still held the database), and only once the old object — and the
 * purge task, which holds it — are finalized, i.e. its connection is closed.
 * "Finalized" is observed with object data, whose destroy notify runs at the
 * very end of g_object_finalize(), after the SQLite handle is closed. */

static void start_cache_read (CxNetworkSource *self,
                              GTask           *task);
static void start_store      (CxNetworkSource *self,
                              int              x,
                              int              y,
                              int              z,
                              GBytes          *bytes,
                              const char      *stored_meta);

/* A tile to store once the cache is reopened. */
typedef struct
{
  int     x, y, z;
  GBytes *bytes;
  char   *meta;
} PendingStore;

static void
pending_store_free (PendingStore *store)
{
  g_bytes_unref (store->bytes);
  g_free (store->meta);
  g_free (store);
}

static ShumateFileCache *
new_file_cache (CxNetworkSource *self)
{
  guint limit = (guint) CLAMP (self->cache_size_limit, 1, (guint64) G_MAXINT);

  return shumate_file_cache_new_full (limit, self->cache_key, self->cache_dir);
}

/* Runs @func on @self in the source's main context, from any thread. */
static void
invoke_later (CxNetworkSource *self,
              GSourceFunc      func,
              gpointer         data,
              GDestroyNotify   destroy)
{
  GSource *idle = g_idle_source_new ();

  g_source_set_callback (idle, func, data, destroy);
  g_source_set_static_name (idle, "[cx-network-source] cache");
  g_source_attach (idle, self->context);
  g_source_unref (idle);
}

static gboolean
cache_reopened_cb (gpointer user_data)
{
  CxNetworkSource *self = user_data;
  PendingStore *store;
  GTask *task;

  /* Whichever of the finalization and the grace period comes second. */
  if (self->cache != NULL)
    return G_SOURCE_REMOVE;

  if (self->reopen_grace != NULL)
    {
      g_source_destroy (self->reopen_grace);
      g_clear_pointer (&self->reopen_grace, g_source_unref);
    }

  self->cache = new_file_cache (self);
  self->cache_needs_reopen = FALSE;
  g_debug ("Reopened the tile cache");

  while ((store = g_queue_pop_head (&self->store_waiters)) != NULL)
    {
      start_store (self, store->x, store->y, store->z, store->bytes, store->meta);
      pending_store_free (store);
    }

  while ((task = g_queue_pop_head (&self->cache_waiters)) != NULL)
    start_cache_read (self, task);

  try_start_purge (self);

  return G_SOURCE_REMOVE;
}

static void
old_cache_finalized (gpointer user_data)
{
  CxNetworkSource *self = user_data;

  invoke_later (self, cache_reopened_cb, self, g_object_unref);
}

static void
reopen_cache (CxNetworkSource *self)
{
  ShumateFileCache *old = g_steal_pointer (&self->cache);

  g_object_set_data_full (G_OBJECT (old), "cx-network-source-reopen",
                          g_object_ref (self), old_cache_finalized);
  g_object_unref (old);

  /* Should something keep the old object alive, tiles must not wait on it
   * for ever: after a while, open the new one regardless. */
  if (self->cache == NULL && self->reopen_grace == NULL)
    {
      self->reopen_grace = g_timeout_source_new (REOPEN_GRACE_MS);
      g_source_set_callback (self->reopen_grace, cache_reopened_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->reopen_grace, "[cx-network-source] reopen grace");
      g_source_attach (self->reopen_grace, self->context);
    }
}

typedef struct
{
  CxNetworkSource *self;      /* owned */
  GPtrArray       *waiters;   /* GTask*, owned */
  gboolean         purged;
} PurgeRun;

static void
purge_run_free (gpointer data)
{
  PurgeRun *run = data;

  g_clear_object (&run->self);
  g_clear_pointer (&run->waiters, g_ptr_array_unref);
  g_free (run);
}

static gboolean
purge_run_complete_cb (gpointer user_data)
{
  PurgeRun *run = user_data;
  CxNetworkSource *self = run->self;

  self->purging = FALSE;
  self->stats.purges++;

  /* A purge that deleted nothing leaves the object unable to purge again. */
  if (!run->purged)
    self->cache_needs_reopen = TRUE;

  for (guint i = 0; i < run->waiters->len; i++)
    g_task_return_boolean (g_ptr_array_index (run->waiters, i), run->purged);

  try_start_purge (self);

  return G_SOURCE_REMOVE;
}

/* At the end of the purge task's finalization, maybe in its worker thread:
 * its statement and its reference on the cache object are gone by then. */
static void
purge_task_finalized (gpointer user_data)
{
  PurgeRun *run = user_data;

  invoke_later (run->self, purge_run_complete_cb, run, purge_run_free);
}

static void
on_purged (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PurgeRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->purged = shumate_file_cache_purge_cache_finish (SHUMATE_FILE_CACHE (object), result, &error);
  if (error != NULL)
    g_debug ("Purging the tile cache failed: %s", error->message);

  g_object_set_data_full (G_OBJECT (result), "cx-network-source-purge", run, purge_task_finalized);
}

static void
try_start_purge (CxNetworkSource *self)
{
  PurgeRun *run;

  if (!self->purge_wanted || self->purging || self->cache == NULL || self->cache_ops > 0)
    return;

  if (self->cache_needs_reopen)
    {
      /* cache_reopened_cb() comes back here. */
      reopen_cache (self);
      return;
    }

  self->purge_wanted = FALSE;
  self->purging = TRUE;
  self->last_purge = g_get_monotonic_time ();
  self->bytes_since_purge = 0;

  run = g_new0 (PurgeRun, 1);
  run->self = g_object_ref (self);
  run->waiters = g_steal_pointer (&self->purge_waiters);
  self->purge_waiters = g_ptr_array_new_with_free_func (g_object_unref);

  shumate_file_cache_purge_cache_async (self->cache, NULL, on_purged, run);
}

static void
cache_op_begin (CxNetworkSource *self)
{
  self->cache_ops++;
}

static void
cache_op_end (CxNetworkSource *self)
{
  g_assert (self->cache_ops > 0);
  self->cache_ops--;
  try_start_purge (self);
}

static void
maybe_purge (CxNetworkSource *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->bytes_since_purge == 0)
    return;

  if (self->last_purge == 0 ||
      now - self->last_purge >= PURGE_INTERVAL_US ||
      self->bytes_since_purge >= self->cache_size_limit / 8)
    self->purge_wanted = TRUE;

  try_start_purge (self);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CxNetworkSource) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (object), result, &error))
    g_debug ("Could not cache a tile: %s", error->message);

  maybe_purge (self);
  cache_op_end (self);
}

static void
start_store (CxNetworkSource *self,
             int              x,
             int              y,
             int              z,
             GBytes          *bytes,
             const char      *stored_meta)
{
  cache_op_begin (self);
  shumate_file_cache_store_tile_async (self->cache, x, y, z, bytes, stored_meta,
                                       NULL, on_stored, g_object_ref (self));
}

static void
store_tile (CxNetworkSource *self,
            TileRequest     *req,
            GBytes          *bytes,
            const TileMeta  *meta)
{
  g_autofree char *stored_meta = NULL;

  if (meta->no_store)
    return;

  stored_meta = tile_meta_serialize (meta);
  self->bytes_since_purge += g_bytes_get_size (bytes);

  if (self->cache == NULL)
    {
      PendingStore *store = g_new0 (PendingStore, 1);

      store->x = req->x;
      store->y = req->y;
      store->z = req->z;
      store->bytes = g_bytes_ref (bytes);
      store->meta = g_steal_pointer (&stored_meta);
      g_queue_push_tail (&self->store_waiters, store);
      return;
    }

  start_store (self, req->x, req->y, req->z, bytes, stored_meta);
}

/* The network */

static void
release_slot (CxNetworkSource *self,
              TileRequest     *req)
{
  if (req->deadline != NULL)
    g_source_destroy (req->deadline);
  g_clear_pointer (&req->deadline, g_source_unref);
  g_clear_object (&req->body_stream);

  if (!req->holds_slot)
    return;

  req->holds_slot = FALSE;
  self->in_flight--;

  while (self->in_flight < MAX_IN_FLIGHT && !g_queue_is_empty (&self->pending))
    {
      GTask *next = g_queue_pop_head (&self->pending);
      TileRequest *next_req = g_task_get_task_data (next);

      next_req->queued = FALSE;
      start_request (self, next);
    }
}

static void
on_transport_error (GTask  *task,
                    GError *error)
{
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  gboolean cancelled = !req->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Before the slot goes to the next request in the queue. */
  if (!cancelled)
    {
      set_offline (self, TRUE);
      note_failure (self, -1, BACKOFF_NETWORK_MAX_S);
    }
  release_slot (self, req);

  if (req->timed_out)
    {
      complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TIMED_OUT,
                                                 _("The tile server did not answer within %u s"),
                                                 (self->timeout_ms + 999) / 1000));
    }
  else if (cancelled)
    {
      complete_cancelled (task);
    }
  else
    {
      complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_NETWORK,
                                                 _("Could not load a map tile: %s"), error->message));
    }
}

static void
on_download_checked (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = g_bytes_ref (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GError) error = NULL;
  TileMeta meta = { -1, NULL, NULL, FALSE };

  if (!check_image_finish (result, &error))
    {
      complete_with_fallback (task, g_steal_pointer (&error));
      return;
    }

  self->stats.downloads++;

  /* Worth keeping even if the tile has left the view meanwhile. */
  tile_meta_from_response (&meta, soup_message_get_response_headers (req->msg));
  store_tile (self, req, bytes, &meta);
  tile_meta_clear (&meta);

  complete_with_data (task, bytes);
}

static void read_body (GTask *task);

static void
on_body_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GBytes) body = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      on_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      if (req->body->len + g_bytes_get_size (chunk) > MAX_TILE_BYTES)
        {
          release_slot (self, req);
          complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TOO_LARGE,
                                                     "Tile larger than %d bytes", MAX_TILE_BYTES));
          return;
        }

      g_byte_array_append (req->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_body (g_steal_pointer (&task));
      return;
    }

  set_offline (self, FALSE);
  note_server_ok (self);
  release_slot (self, req);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&req->body));
  check_image_async (self, body, on_download_checked, g_steal_pointer (&task));
}

static void
read_body (GTask *task)
{
  TileRequest *req = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (req->body_stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->cancellable, on_body_read, task);
}

static gboolean
tile_meta_equal (const TileMeta *a,
                 const TileMeta *b)
{
  return a->max_age == b->max_age &&
         g_strcmp0 (a->etag, b->etag) == 0 &&
         g_strcmp0 (a->last_modified, b->last_modified) == 0;
}

static void
on_not_modified (GTask *task)
{
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  TileMeta meta = { -1, NULL, NULL, FALSE };

  self->stats.not_modified++;

  /* A 304 may update the stored headers; keep what it leaves out. */
  tile_meta_from_response (&meta, soup_message_get_response_headers (req->msg));
  if (meta.max_age < 0)
    meta.max_age = req->cached_meta.max_age;
  if (meta.etag == NULL)
    meta.etag = g_strdup (req->cached_meta.etag);
  if (meta.last_modified == NULL)
    meta.last_modified = g_strdup (req->cached_meta.last_modified);

  if (tile_meta_equal (&meta, &req->cached_meta) || meta.no_store)
    {
      if (self->cache != NULL)
        shumate_file_cache_mark_up_to_date (self->cache, req->x, req->y, req->z);
    }
  else
    store_tile (self, req, req->cached, &meta);
  tile_meta_clear (&meta);

  complete_with_data (task, req->cached);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  const char *phrase;
  guint status;
  goffset length;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      on_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (req->msg);

  if (status == SOUP_STATUS_OK)
    {
      length = soup_message_headers_get_content_length (soup_message_get_response_headers (req->msg));
      if (length > MAX_TILE_BYTES)
        {
          release_slot (self, req);
          complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TOO_LARGE,
                                                     "Tile of %" G_GOFFSET_FORMAT " bytes is too large", length));
          return;
        }

      req->body_stream = g_steal_pointer (&stream);
      req->body = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK);
      read_body (g_steal_pointer (&task));
      return;
    }

  /* Any complete answer, even an error, means the network works (a 200
   * counts once its body has arrived). The back-off is decided before the
   * slot goes to the next request in the queue. */
  set_offline (self, FALSE);
  if (status == 429 /* Too Many Requests */ || (status >= 500 && status <= 599))
    note_failure (self, parse_retry_after (soup_message_get_response_headers (req->msg)), BACKOFF_SERVER_MAX_S);
  else
    note_server_ok (self);
  release_slot (self, req);

  if (status == SOUP_STATUS_NOT_MODIFIED && req->cached != NULL)
    {
      on_not_modified (task);
      return;
    }

  phrase = soup_message_get_reason_phrase (req->msg);
  complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP,
                                             _("The tile server answered “%u %s”"), status,
                                             phrase != NULL ? phrase : ""));
}

static gboolean
on_deadline (gpointer user_data)
{
  TileRequest *req = user_data;

  /* Cancelling may complete the request, and free it, right away. */
  req->timed_out = TRUE;
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

static void
add_conditional_headers (TileRequest        *req,
                         SoupMessageHeaders *headers)
{
  if (req->cached_meta.etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", req->cached_meta.etag);

  if (req->cached_meta.last_modified != NULL)
    {
      soup_message_headers_replace (headers, "If-Modified-Since", req->cached_meta.last_modified);
    }
  else if (req->cached_meta.etag == NULL && req->cached_time != NULL)
    {
      /* No validator from the server: ask about changes since we got it. */
      g_autofree char *since = soup_date_time_to_string (req->cached_time, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "If-Modified-Since", since);
    }
}

/* Takes over the reference to @task. */
static void
start_request (CxNetworkSource *self,
               GTask           *task)
{
  TileRequest *req = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;

  if (g_cancellable_is_cancelled (req->cancellable))
    {
      complete_cancelled (task);
      g_object_unref (task);
      return;
    }

  if (backing_off (self))
    {
      self->stats.backed_off++;
      complete_with_fallback (task, backing_off_error (self));
      g_object_unref (task);
      return;
    }

  url = cx_tile_url_expand (self->url_template, req->z, req->x, req->y);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_FAILED,
                                                 "Invalid tile URL %s", url));
      g_object_unref (task);
      return;
    }

  req->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "image/png,image/jpeg;q=0.9,image/*;q=0.5");
  if (req->cached != NULL)
    add_conditional_headers (req, headers);

  req->holds_slot = TRUE;
  self->in_flight++;
  self->stats.requests++;

  req->deadline = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (req->deadline, on_deadline, req, NULL);
  g_source_set_static_name (req->deadline, "[cx-network-source] deadline");
  g_source_attach (req->deadline, g_task_get_context (task));

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT, req->cancellable, on_sent, task);
}

static void
fetch_from_network (CxNetworkSource *self,
                    GTask           *task)
{
  TileRequest *req = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (req->cancellable))
    {
      complete_cancelled (task);
      return;
    }

  /* Fail fast rather than queue: the server asked for a pause. */
  if (backing_off (self))
    {
      self->stats.backed_off++;
      complete_with_fallback (task, backing_off_error (self));
      return;
    }

  if (self->in_flight < MAX_IN_FLIGHT)
    {
      start_request (self, g_object_ref (task));
      return;
    }

  req->queued = TRUE;
  g_queue_push_tail (&self->pending, g_object_ref (task));
}

static gboolean
is_fresh (TileRequest *req)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 max_age = req->cached_meta.max_age >= 0 ? req->cached_meta.max_age : CX_NETWORK_SOURCE_DEFAULT_MAX_AGE;
  GTimeSpan age;

  if (req->cached_time == NULL)
    return FALSE;

  age = g_date_time_difference (now, req->cached_time);
  g_debug ("Tile %d/%d/%d cached %.3f s ago, fresh for %" G_GINT64_FORMAT " s",
           req->z, req->x, req->y, age / (double) G_USEC_PER_SEC, max_age);

  /* A modification time in the future is a clock jump; do not trust it. */
  return age >= 0 && age < max_age * G_USEC_PER_SEC;
}

static void
on_cached_checked (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!check_image_finish (result, &error))
    {
      g_debug ("Ignoring cached tile %d/%d/%d: %s", req->z, req->x, req->y, error->message);
      g_clear_pointer (&req->cached, g_bytes_unref);
      g_clear_pointer (&req->cached_time, g_date_time_unref);
      tile_meta_clear (&req->cached_meta);
    }
  else if (is_fresh (req))
    {
      self->stats.cache_hits++;
      complete_with_data (task, req->cached);
      return;
    }

  fetch_from_network (self, task);
}

static void
on_cache_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored_meta = NULL;
  g_autoptr(GDateTime) modtime = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), &stored_meta, &modtime, result, &error);
  cache_op_end (self);
  if (g_cancellable_is_cancelled (req->cancellable))
    {
      complete_cancelled (task);
      return;
    }
  if (error != NULL)
    g_debug ("Reading tile %d/%d/%d from the cache failed: %s", req->z, req->x, req->y, error->message);

  if (bytes == NULL)
    {
      fetch_from_network (self, task);
      return;
    }

  req->cached = g_steal_pointer (&bytes);
  req->cached_time = g_steal_pointer (&modtime);
  tile_meta_parse (stored_meta, &req->cached_meta);
  check_image_async (self, req->cached, on_cached_checked, g_steal_pointer (&task));
}

static gboolean
on_tile_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  TileRequest *req = user_data;
  GTask *task = req->task;

  if (req->queued)
    {
      CxNetworkSource *self = g_task_get_source_object (task);

      /* The queue's reference keeps the task alive until the end. */
      g_queue_remove (&self->pending, task);
      req->queued = FALSE;
      g_cancellable_cancel (req->cancellable);
      complete_cancelled (task);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  /* Cancelling may complete the request, and free it, right away. */
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

/* Takes over the reference to @task. */
static void
start_cache_read (CxNetworkSource *self,
                  GTask           *task)
{
  TileRequest *req = g_task_get_task_data (task);

  if (self->cache == NULL)
    {
      g_queue_push_tail (&self->cache_waiters, task);
      return;
    }

  cache_op_begin (self);
  shumate_file_cache_get_tile_async (self->cache, req->x, req->y, req->z, req->cancellable,
                                     on_cache_read, task);
}

/* ShumateDataSource */

static void
cx_network_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CxNetworkSource *self = CX_NETWORK_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  TileRequest *req;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cx_network_source_get_tile_data_async);

  if (zoom_level < 0 || zoom_level > 30 ||
      x < 0 || y < 0 || x >= (1 << zoom_level) || y >= (1 << zoom_level))
    {
      self->stats.errors++;
      g_task_return_new_error (task, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_BAD_TILE,
                               "There is no tile %d/%d/%d", zoom_level, x, y);
      return;
    }

  req = g_new0 (TileRequest, 1);
  req->task = task;
  req->x = x;
  req->y = y;
  req->z = zoom_level;
  req->cached_meta.max_age = -1;
  req->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, req, tile_request_free);

  /* A source, not g_cancellable_connect(): the handler would run inside
   * g_cancellable_cancel() and could end up disconnecting itself. */
  if (cancellable != NULL)
    {
      req->tile_cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (req->tile_cancelled, (GSourceFunc) G_CALLBACK (on_tile_cancelled), req, NULL);
      g_source_set_static_name (req->tile_cancelled, "[cx-network-source] tile cancelled");
      g_source_attach (req->tile_cancelled, g_task_get_context (task));
    }

  start_cache_read (self, g_steal_pointer (&task));
}

/* GObject */

static void
cx_network_source_constructed (GObject *object)
{
  CxNetworkSource *self = CX_NETWORK_SOURCE (object);

  G_OBJECT_CLASS (cx_network_source_parent_class)->constructed (object);

  if (self->cache_dir == NULL)
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "changning-explorer", "tiles", NULL);

  self->context = g_main_context_ref_thread_default ();
  self->cache = new_file_cache (self);
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "max-conns-per-host", MAX_IN_FLIGHT,
                                                 "timeout", (self->timeout_ms + 999) / 1000,
                                                 NULL);
}

static void
cx_network_source_finalize (GObject *object)
{
  CxNetworkSource *self = CX_NETWORK_SOURCE (object);

  /* Every queued or running request holds a reference on the source. */
  g_assert (g_queue_is_empty (&self->pending));
  g_assert (g_queue_is_empty (&self->cache_waiters));
  g_assert (g_queue_is_empty (&self->store_waiters));
  g_assert (self->cache_ops == 0);

  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->purge_waiters, g_ptr_array_unref);
  g_free (self->url_template);
  g_free (self->cache_key);
  g_free (self->cache_dir);

  G_OBJECT_CLASS (cx_network_source_parent_class)->finalize (object);
}

static void
cx_network_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CxNetworkSource *self = CX_NETWORK_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      g_value_set_string (value, self->url_template);
      break;
    case PROP_CACHE_KEY:
      g_value_set_string (value, self->cache_key);
      break;
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;
    case PROP_CACHE_SIZE_LIMIT:
      g_value_set_uint64 (value, self->cache_size_limit);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_network_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CxNetworkSource *self = CX_NETWORK_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      self->url_template = g_value_dup_string (value);
      break;
    case PROP_CACHE_KEY:
      /* It names a directory: nothing that could climb out of the cache. */
      self->cache_key = g_value_get_string (value) != NULL ? g_value_dup_string (value) : g_strdup ("tiles");
      g_strcanon (self->cache_key, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "_-", '_');
      break;
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;
    case PROP_CACHE_SIZE_LIMIT:
      cx_network_source_set_cache_size_limit (self, g_value_get_uint64 (value));
      break;
    case PROP_TIMEOUT:
      cx_network_source_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_network_source_class_init (CxNetworkSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->constructed = cx_network_source_constructed;
  object_class->finalize = cx_network_source_finalize;
  object_class->get_property = cx_network_source_get_property;
  object_class->set_property = cx_network_source_set_property;

  source_class->get_tile_data_async = cx_network_source_get_tile_data_async;

  properties[PROP_URL_TEMPLATE] =
    g_param_spec_string ("url-template", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CACHE_KEY] =
    g_param_spec_string ("cache-key", NULL, NULL, "tiles",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CxNetworkSource:cache-dir:
   *
   * The directory of the tile cache; %NULL at construction means
   * `$XDG_CACHE_HOME/changning-explorer/tiles`.
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CxNetworkSource:cache-size-limit:
   *
   * The most bytes of tiles kept on disk, for all cache keys in the
   * directory together (they share one database). Enforced by purges after
   * stores; between two purges the cache can exceed it by an eighth.
   */
  properties[PROP_CACHE_SIZE_LIMIT] =
    g_param_spec_uint64 ("cache-size-limit", NULL, NULL, 1, G_MAXINT, 200 * 1024 * 1024,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CxNetworkSource:timeout:
   *
   * The most milliseconds one tile request may take, from sending the
   * request to the last byte of the body.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 10 * 60 * 1000, CX_NETWORK_SOURCE_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CxNetworkSource:offline:
   *
   * Whether the last request failed for network reasons: no connection,
   * no name resolution, a reset or a timeout. Any HTTP answer, even an
   * error status, clears it. Drives the "Offline" banner.
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cx_network_source_init (CxNetworkSource *self)
{
  g_queue_init (&self->pending);
  g_queue_init (&self->cache_waiters);
  g_queue_init (&self->store_waiters);
  /* The first purge reopens the cache: it may have been opened while a
   * previous source on the directory still held the database. */
  self->cache_needs_reopen = TRUE;
  self->purge_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->timeout_ms = CX_NETWORK_SOURCE_DEFAULT_TIMEOUT_MS;
}

/* Public API */

/**
 * cx_network_source_new:
 * @url_template: a template that passed cx_tile_url_template_validate()
 * @cache_key: names the tile set in the cache; letters, digits, '_' and
 *   '-' (anything else becomes '_')
 * @cache_dir: (nullable): the cache directory, or %NULL for
 *   `$XDG_CACHE_HOME/changning-explorer/tiles`
 * @cache_size_limit: bytes, at most %G_MAXINT
 *
 * Keep one source per cache directory alive at a time: each opens the
 * directory's SQLite database, and SQLite does not wait for another
 * connection's lock.
 *
 * Returns: (transfer full): a new source, or %NULL if @url_template is invalid
 */
CxNetworkSource *
cx_network_source_new (const char *url_template,
                       const char *cache_key,
                       const char *cache_dir,
                       guint64     cache_size_limit)
{
  g_return_val_if_fail (cx_tile_url_template_validate (url_template, NULL), NULL);
  g_return_val_if_fail (cache_key != NULL && *cache_key != '\0', NULL);

  return g_object_new (CX_TYPE_NETWORK_SOURCE,
                       "url-template", url_template,
                       "cache-key", cache_key,
                       "cache-dir", cache_dir,
                       "cache-size-limit", CLAMP (cache_size_limit, 1, (guint64) G_MAXINT),
                       NULL);
}

const char *
cx_network_source_get_url_template (CxNetworkSource *self)
{
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (self), NULL);

  return self->url_template;
}

const char *
cx_network_source_get_cache_dir (CxNetworkSource *self)
{
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (self), NULL);

  return self->cache_dir;
}

const char *
cx_network_source_get_cache_key (CxNetworkSource *self)
{
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (self), NULL);

  return self->cache_key;
}

guint64
cx_network_source_get_cache_size_limit (CxNetworkSource *self)
{
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (self), 0);

  return self->cache_size_limit;
}

/**
 * cx_network_source_set_cache_size_limit:
 *
 * Sets the limit; a lower one takes effect at the next purge, which this
 * requests.
 */
void
cx_network_source_set_cache_size_limit (CxNetworkSource *self,
                                        guint64          limit)
{
  g_return_if_fail (CX_IS_NETWORK_SOURCE (self));

  limit = CLAMP (limit, 1, (guint64) G_MAXINT);
  if (self->cache_size_limit == limit)
    return;

  self->cache_size_limit = limit;

  /* While constructing, there is nothing to purge yet. */
  if (self->context != NULL)
    {
      if (self->cache != NULL)
        shumate_file_cache_set_size_limit (self->cache, (guint) limit);
      self->purge_wanted = TRUE;
      try_start_purge (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_SIZE_LIMIT]);
}

guint
cx_network_source_get_timeout (CxNetworkSource *self)
{
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (self), 0);

  return self->timeout_ms;
}

/**
 * cx_network_source_set_timeout:
 * @timeout_ms: the most one request may take, in milliseconds
 *
 * Applies to requests sent from now on.
 */
void
cx_network_source_set_timeout (CxNetworkSource *self,
                               guint            timeout_ms)
{
  g_return_if_fail (CX_IS_NETWORK_SOURCE (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", (timeout_ms + 999) / 1000, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gboolean
cx_network_source_get_offline (CxNetworkSource *self)
{
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (self), FALSE);

  return self->offline;
}

/**
 * cx_network_source_reset_backoff:
 *
 * Forgets past failures, for when GNetworkMonitor says the network is back.
 * It does not override a server's Retry-After for long: the next 429 or
 * 5xx starts a new back-off.
 */
void
cx_network_source_reset_backoff (CxNetworkSource *self)
{
  g_return_if_fail (CX_IS_NETWORK_SOURCE (self));

  note_server_ok (self);
}

void
cx_network_source_get_stats (CxNetworkSource      *self,
                             CxNetworkSourceStats *stats)
{
  g_return_if_fail (CX_IS_NETWORK_SOURCE (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

/**
 * cx_network_source_purge_cache_async:
 *
 * Deletes the least used tiles until the cache fits its limit. Purges also
 * run by themselves after stores; this one waits for stores in progress.
 */
void
cx_network_source_purge_cache_async (CxNetworkSource     *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CX_IS_NETWORK_SOURCE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cx_network_source_purge_cache_async);
  g_ptr_array_add (self->purge_waiters, task);

  self->purge_wanted = TRUE;
  try_start_purge (self);
}

/**
 * cx_network_source_purge_cache_finish:
 *
 * Returns: %TRUE if tiles were deleted
 */
gboolean
cx_network_source_purge_cache_finish (CxNetworkSource  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cx_network_map_source_new:
 * @id: unique among map sources: it keys ShumateMapLayer's memory cache
 * @license: the attribution to show, e.g. "© OpenStreetMap contributors"
 * @license_uri: (nullable): where the license is explained
 *
 * Wraps @source in a Web Mercator raster renderer of 256-pixel tiles.
 *
 * Returns: (transfer full): a map source for shumate_simple_map_set_map_source()
 */
ShumateMapSource *
cx_network_map_source_new (const char      *id,
                           const char      *name,
                           const char      *license,
                           const char      *license_uri,
                           guint            min_zoom,
                           guint            max_zoom,
                           CxNetworkSource *source)
{
  g_return_val_if_fail (id != NULL && name != NULL, NULL);
  g_return_val_if_fail (min_zoom <= max_zoom, NULL);
  g_return_val_if_fail (CX_IS_NETWORK_SOURCE (source), NULL);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id, name, license, license_uri,
                                                               min_zoom, max_zoom, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (source)));
}
