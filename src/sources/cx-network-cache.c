/* cx-network-cache.c: the network source's disk cache and its purging
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-network-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-network-source-private.h"

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

static void start_store (CxNetworkSource *self,
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

ShumateFileCache *
cx_net_new_file_cache (CxNetworkSource *self)
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

  self->cache = cx_net_new_file_cache (self);
  self->cache_needs_reopen = FALSE;
  g_debug ("Reopened the tile cache");

  while ((store = g_queue_pop_head (&self->store_waiters)) != NULL)
    {
      start_store (self, store->x, store->y, store->z, store->bytes, store->meta);
      pending_store_free (store);
    }

  while ((task = g_queue_pop_head (&self->cache_waiters)) != NULL)
    cx_net_start_cache_read (self, task);

  cx_net_try_start_purge (self);

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

  cx_net_try_start_purge (self);

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

void
cx_net_try_start_purge (CxNetworkSource *self)
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
  cx_net_try_start_purge (self);
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

  cx_net_try_start_purge (self);
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

void
cx_net_store_tile (CxNetworkSource *self,
            TileRequest     *req,
            GBytes          *bytes,
            const TileMeta  *meta)
{
  g_autofree char *stored_meta = NULL;

  if (meta->no_store)
    return;

  stored_meta = cx_net_tile_meta_serialize (meta);
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

  if (!cx_net_check_image_finish (result, &error))
    {
      g_debug ("Ignoring cached tile %d/%d/%d: %s", req->z, req->x, req->y, error->message);
      g_clear_pointer (&req->cached, g_bytes_unref);
      g_clear_pointer (&req->cached_time, g_date_time_unref);
      cx_net_tile_meta_clear (&req->cached_meta);
    }
  else if (is_fresh (req))
    {
      self->stats.cache_hits++;
      cx_net_complete_with_data (task, req->cached);
      return;
    }

  cx_net_fetch_from_network (self, task);
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
      cx_net_complete_cancelled (task);
      return;
    }
  if (error != NULL)
    g_debug ("Reading tile %d/%d/%d from the cache failed: %s", req->z, req->x, req->y, error->message);

  if (bytes == NULL)
    {
      cx_net_fetch_from_network (self, task);
      return;
    }

  req->cached = g_steal_pointer (&bytes);
  req->cached_time = g_steal_pointer (&modtime);
  cx_net_tile_meta_parse (stored_meta, &req->cached_meta);
  cx_net_check_image_async (self, req->cached, on_cached_checked, g_steal_pointer (&task));
}

gboolean
cx_net_on_tile_cancelled (GCancellable *cancellable,
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
      cx_net_complete_cancelled (task);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  /* Cancelling may complete the request, and free it, right away. */
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

/* Takes over the reference to @task. */
void
cx_net_start_cache_read (CxNetworkSource *self,
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

