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

#include <glib/gi18n.h>
#include <string.h>

#include "cx-network-source-private.h"
#include "cx-tile-url.h"

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

/* Network state and back-off */

void
cx_net_set_offline (CxNetworkSource *self,
             gboolean         offline)
{
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

gboolean
cx_net_backing_off (CxNetworkSource *self)
{
  return self->backoff_until != 0 && g_get_monotonic_time () < self->backoff_until;
}

void
cx_net_note_server_ok (CxNetworkSource *self)
{
  self->consecutive_failures = 0;
  self->backoff_until = 0;
}

/* @retry_after: seconds the server asked for, or -1 */
void
cx_net_note_failure (CxNetworkSource *self,
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
gint64
cx_net_parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;

  if (cx_net_parse_seconds (value, RETRY_AFTER_MAX_S, &seconds))
    return seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return CLAMP (cx_net_seconds_until (when, now), 0, RETRY_AFTER_MAX_S);
}

/* Completing a tile */

void
cx_net_complete_with_data (GTask  *task,
                    GBytes *bytes)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The default ShumateDataSource.cx_net_start_request (libshumate ≥ 1.1) turns
   * this into the request's data, which is what the renderer reads. */
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

void
cx_net_complete_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Tile request cancelled");
}

/* The end of every failure: the cached copy, stale or not, beats nothing. */
void
cx_net_complete_with_fallback (GTask  *task,
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
      cx_net_complete_with_data (task, req->cached);
    }
  else
    {
      self->stats.errors++;
      g_task_return_error (task, error);
    }
}

GError *
cx_net_backing_off_error (CxNetworkSource *self)
{
  gint64 seconds = (self->backoff_until - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  return g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_BACKING_OFF,
                      _("Waiting %d s before asking the tile server again"),
                      (int) MAX (seconds, 1));
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

  if (self->stopped)
    {
      cx_net_complete_cancelled (task);
      return;
    }

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
  g_task_set_task_data (task, req, cx_net_tile_request_free);

  /* A source, not g_cancellable_connect(): the handler would run inside
   * g_cancellable_cancel() and could end up disconnecting itself. */
  if (cancellable != NULL)
    {
      req->tile_cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (req->tile_cancelled, (GSourceFunc) G_CALLBACK (cx_net_on_tile_cancelled), req, NULL);
      g_source_set_static_name (req->tile_cancelled, "[cx-network-source] tile cancelled");
      g_source_attach (req->tile_cancelled, g_task_get_context (task));
    }
  req->source_stopped = g_cancellable_source_new (self->stop_cancellable);
  g_source_set_callback (req->source_stopped, (GSourceFunc) G_CALLBACK (cx_net_on_tile_cancelled), req, NULL);
  g_source_set_static_name (req->source_stopped, "[cx-network-source] source stopped");
  g_source_attach (req->source_stopped, g_task_get_context (task));

  cx_net_start_cache_read (self, g_steal_pointer (&task));
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
  self->cache = cx_net_new_file_cache (self);
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
  g_clear_object (&self->stop_cancellable);
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
  self->stop_cancellable = g_cancellable_new ();
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
      cx_net_try_start_purge (self);
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

  cx_net_note_server_ok (self);
}

/**
 * cx_network_source_stop:
 *
 * For a source the map no longer shows: the tiles under way or waiting end
 * as cancelled, and those asked later fail at once the same way, so that
 * nothing more is asked of its server. A ShumateMapLayer taken off the map
 * stays alive until its tiles have loaded, and meanwhile goes on asking
 * for the tiles of the view as it moves (libshumate 1.4 to 1.6.2): without
 * this, a basemap switched away from went on downloading.
 */
void
cx_network_source_stop (CxNetworkSource *self)
{
  g_return_if_fail (CX_IS_NETWORK_SOURCE (self));

  self->stopped = TRUE;
  g_cancellable_cancel (self->stop_cancellable);
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
  cx_net_try_start_purge (self);
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

