/* cx-network-source-private.h: what the parts of CxNetworkSource share
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One tile goes: disk cache (cx-network-cache.c) → fresh? serve : queue →
 * (at most two on the wire, cx-network-fetch.c) → 200 validate
 * (cx-network-tile.c) + store / 304 refresh / error → cached copy or error
 * (cx-network-source.c).
 */

#pragma once

#include <libsoup/soup.h>

#include "cx-network-source.h"

G_BEGIN_DECLS

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

  /* Stopped (cx_network_source_stop()): every request ends as cancelled. */
  gboolean stopped;
  GCancellable *stop_cancellable;

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
  GSource      *source_stopped;
  GSource      *deadline;
  gboolean      timed_out;
  gboolean      queued;
  gboolean      holds_slot;

  /* The cached copy, already checked to be an image; NULL if none. */
  GBytes       *cached;
  GDateTime    *cached_time;
  TileMeta      cached_meta;

  GUri         *uri;               /* where msg went, after redirects */
  guint         n_redirects;
  SoupMessage  *msg;
  GInputStream *body_stream;
  GByteArray   *body;
} TileRequest;

/* cx-network-source.c: network state, back-off, completing a tile */

gboolean          cx_net_backing_off             (CxNetworkSource *self);
GError           *cx_net_backing_off_error       (CxNetworkSource *self);
void              cx_net_complete_cancelled      (GTask *task);
void              cx_net_complete_with_data      (GTask  *task,
                                                  GBytes *bytes);
void              cx_net_complete_with_fallback  (GTask  *task,
                                                  GError *error);
void              cx_net_note_failure            (CxNetworkSource *self,
                                                  gint64           retry_after,
                                                  gint64           max_delay);
void              cx_net_note_server_ok          (CxNetworkSource *self);
gint64            cx_net_parse_retry_after       (SoupMessageHeaders *headers);
void              cx_net_set_offline             (CxNetworkSource *self,
                                                  gboolean         offline);

/* cx-network-tile.c: freshness metadata and image checks */

void              cx_net_check_image_async       (CxNetworkSource     *self,
                                                  GBytes              *bytes,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          cx_net_check_image_finish      (GAsyncResult  *result,
                                                  GError       **error);
gboolean          cx_net_parse_seconds           (const char *text,
                                                  gint64      max,
                                                  gint64     *out);
gint64            cx_net_seconds_until           (GDateTime *when,
                                                  GDateTime *now);
void              cx_net_tile_meta_clear         (TileMeta *meta);
void              cx_net_tile_meta_from_response (TileMeta           *meta,
                                                  SoupMessageHeaders *headers);
void              cx_net_tile_meta_parse         (const char *stored,
                                                  TileMeta   *meta);
char             *cx_net_tile_meta_serialize     (const TileMeta *meta);
void              cx_net_tile_request_free       (gpointer data);

/* cx-network-cache.c: the disk cache, purging, and reading from it */

ShumateFileCache *cx_net_new_file_cache          (CxNetworkSource *self);
gboolean          cx_net_on_tile_cancelled       (GCancellable *cancellable,
                                                  gpointer      user_data);
void              cx_net_start_cache_read        (CxNetworkSource *self,
                                                  GTask           *task);
void              cx_net_store_tile              (CxNetworkSource *self,
                                                  TileRequest     *req,
                                                  GBytes          *bytes,
                                                  const TileMeta  *meta);
void              cx_net_try_start_purge         (CxNetworkSource *self);

/* cx-network-fetch.c: downloading a tile */

void              cx_net_fetch_from_network      (CxNetworkSource *self,
                                                  GTask           *task);
void              cx_net_start_request           (CxNetworkSource *self,
                                                  GTask           *task);

G_END_DECLS
