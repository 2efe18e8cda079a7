/* cx-overlay-tiles.c: the overlay's drawn tiles: their cache and the worker thread
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>

#include "cx-overlay-private.h"

/* On screen, what is not highlighted is drawn in tiles of TILE_SIZE pixels
 * at the frame's zoom, kept as textures: a frame that only moves the map
 * draws nothing again. Tiles with many vertices are drawn in a worker
 * thread, and the frame shows what it has meanwhile (the same tile as it
 * was before the last change, or tiles of another zoom, scaled), so that
 * no frame waits for a large layer. Highlighted items and labels are drawn
 * every frame, over the tiles. (TILE_SIZE is in cx-overlay-private.h.)
 *
 * Tiles with fewer vertices than TILE_SYNC_CHEAP_COORDS are drawn in the
 * frame that wants them, always: a fraction of a millisecond each (the
 * whole pack has 109 vertices), and no flicker. Tiles of up to
 * TILE_SYNC_MAX_COORDS are too, while the frame has spent less than
 * TILE_SYNC_BUDGET_US drawing tiles. The others go to the worker. */
#define TILE_SYNC_CHEAP_COORDS 300
#define TILE_SYNC_MAX_COORDS 4000
#define TILE_SYNC_BUDGET_US 4000
#define TILE_CACHE_MAX_BYTES (64 * 1024 * 1024)

static guint
tile_hash (gconstpointer data)
{
  const Tile *tile = data;

  return (guint) (g_double_hash (&tile->zoom) * 31 + tile->tx * 1000003 + tile->ty * 7919 +
                  tile->generation * 131 + (guint) tile->scale);
}

static gboolean
tile_equal (gconstpointer a,
            gconstpointer b)
{
  const Tile *ta = a, *tb = b;

  return ta->zoom == tb->zoom && ta->tx == tb->tx && ta->ty == tb->ty &&
         ta->generation == tb->generation && ta->scale == tb->scale;
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_free (tile);
}

static gsize
tile_bytes (const Tile *tile)
{
  return tile->surface != NULL ? (gsize) TILE_SIZE * TILE_SIZE * 4 * tile->scale * tile->scale : 64;
}

static void
tile_forget (CxOverlayLayer *self,
             Tile           *tile)
{
  g_hash_table_remove (self->tile_index, tile);
  g_ptr_array_remove (self->tiles, tile);
}

typedef struct
{
  CxOverlayLayer  *self;        /* owned */
  Tile            *tile;        /* borrowed: pending tiles stay in the cache */
  Frame            frame;       /* the tile's own: its centre, TILE_SIZE wide */
  DrawSet         *set;         /* owned */
  OverlayIndex    *index;       /* owned: of @set's items */
  CxBounds         area;        /* where the tile's items may reach */
  cairo_surface_t *surface;     /* the result; NULL if not wanted any more or empty */
  gboolean         drawn;       /* FALSE: not wanted any more */
} TileJob;

static void
tile_job_free (TileJob *job)
{
  cx_overlay_index_release (job->index);
  g_clear_pointer (&job->set, cx_overlay_draw_set_release);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_clear_object (&job->self);
  g_free (job);
}

static cairo_surface_t *
tile_draw (const Frame   *f,
           int            scale,
           const DrawSet *set,
           GArray        *items)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (items->len == 0)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE * scale, TILE_SIZE * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, TILE_SIZE / 2.0, TILE_SIZE / 2.0);
  cx_overlay_draw_setup (cr);
  cx_overlay_draw_items (cr, f, set, items);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_set_device_scale (surface, scale, scale);

  return surface;
}

/* Whether the layer still wants tiles of this job's state and zoom. */
static gboolean
tile_job_wanted (TileJob *job)
{
  CxOverlayLayer *self = job->self;
  gboolean wanted;

  g_mutex_lock (&self->tile_lock);
  wanted = self->wanted_generation == job->tile->generation && self->wanted_zoom == job->tile->zoom;
  g_mutex_unlock (&self->tile_lock);

  return wanted;
}

static gboolean
tile_job_done (gpointer data)
{
  TileJob *job = data;
  CxOverlayLayer *self = job->self;
  Tile *tile = job->tile;

  g_assert (tile->pending);
  tile->pending = FALSE;
  if (job->surface != NULL)
    tile->surface = g_steal_pointer (&job->surface);
  else if (!job->drawn)
    {
      /* Not drawn: forgotten, to be asked for again if wanted. */
      tile_forget (self, tile);
    }
  self->n_pending--;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  tile_job_free (job);

  return G_SOURCE_REMOVE;
}

static void
tile_job_run (gpointer data,
              gpointer user_data)
{
  TileJob *job = data;

  if (tile_job_wanted (job))
    {
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));

      /* Listed here, not on the main thread: over a large layer, the
       * frame that first shows it lists tens of thousands of items. */
      cx_overlay_collect_items_in (job->index, job->set, &job->area, COLLECT_NORMAL, items);
      /* Empty: drawn, nothing to show. */
      job->surface = tile_draw (&job->frame, job->tile->scale, job->set, items);
      job->drawn = TRUE;
    }
  g_idle_add_full (G_PRIORITY_DEFAULT, tile_job_done, job, NULL);
}

static GThreadPool *
tile_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      /* One worker: the main thread has the other core of a small machine. */
      GThreadPool *new_pool = g_thread_pool_new (tile_job_run, NULL, 1, FALSE, NULL);
      g_once_init_leave (&pool, new_pool);
    }
  return pool;
}

Tile *
cx_overlay_tile_lookup (CxOverlayLayer *self,
                        double          zoom,
                        gint64          tx,
                        gint64          ty,
                        int             scale)
{
  Tile key = { .zoom = zoom, .tx = tx, .ty = ty, .generation = self->generation, .scale = scale };

  return g_hash_table_lookup (self->tile_index, &key);
}

/* The tile of the frame's zoom at @tx, @ty as the layer is now: found,
 * drawn now, or asked of the worker (then pending). */
Tile *
cx_overlay_tile_ensure (CxOverlayLayer *self,
                        DrawSet        *set,
                        const Frame    *f,
                        int             scale,
                        gint64          tx,
                        gint64          ty)
{
  Tile *tile = cx_overlay_tile_lookup (self, f->zoom, tx, ty, scale);
  g_autoptr(GArray) items = NULL;
  OverlayIndex *index;
  Frame tf;
  CxBounds area;
  gsize n_coords;

  if (tile != NULL)
    {
      tile->used = self->frame_count;
      return tile;
    }

  tf = *f;
  tf.width = tf.height = TILE_SIZE;
  tf.rotation = 0;
  tf.cx = (tx + 0.5) * TILE_SIZE;
  tf.cy = (ty + 0.5) * TILE_SIZE;
  area = cx_overlay_frame_visible_bounds (&tf, 64);
  index = cx_overlay_index_ensure (self);
  /* At most what the index's cells hold: only a tile that may be cheap
   * lists its items here. */
  n_coords = cx_overlay_index_estimate (index, &area);
  if (n_coords < TILE_SYNC_MAX_COORDS)
    {
      items = g_array_new (FALSE, FALSE, sizeof (guint));
      n_coords = cx_overlay_collect_items_in (index, set, &area, COLLECT_NORMAL, items);
    }

  tile = g_new0 (Tile, 1);
  tile->zoom = f->zoom;
  tile->tx = tx;
  tile->ty = ty;
  tile->generation = self->generation;
  tile->scale = scale;
  tile->used = self->frame_count;
  g_ptr_array_add (self->tiles, tile);
  g_hash_table_add (self->tile_index, tile);

  if (items != NULL &&
      (n_coords < TILE_SYNC_CHEAP_COORDS ||
       (n_coords < TILE_SYNC_MAX_COORDS && self->frame_sync_us < TILE_SYNC_BUDGET_US)))
    {
      gint64 start = g_get_monotonic_time ();

      tile->surface = tile_draw (&tf, scale, set, items);
      self->frame_sync_us += g_get_monotonic_time () - start;
    }
  else
    {
      TileJob *job = g_new0 (TileJob, 1);

      job->self = g_object_ref (self);
      job->tile = tile;
      job->frame = tf;
      job->set = g_atomic_rc_box_acquire (set);
      job->index = g_atomic_rc_box_acquire (index);
      job->area = area;
      tile->pending = TRUE;
      self->n_pending++;
      g_thread_pool_push (tile_pool (), job, NULL);
    }

  return tile;
}

void
cx_overlay_paint_tile (Painter               *painter,
                       Tile                  *tile,
                       const graphene_rect_t *r,
                       const graphene_rect_t *clip)
{
  if (painter->cr != NULL)
    {
      cairo_t *cr = painter->cr;

      cairo_save (cr);
      if (clip != NULL)
        {
          cairo_rectangle (cr, clip->origin.x, clip->origin.y, clip->size.width, clip->size.height);
          cairo_clip (cr);
        }
      cairo_rectangle (cr, r->origin.x, r->origin.y, r->size.width, r->size.height);
      cairo_translate (cr, r->origin.x, r->origin.y);
      cairo_scale (cr, r->size.width / TILE_SIZE, r->size.height / TILE_SIZE);
      cairo_set_source_surface (cr, tile->surface, 0, 0);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }

  if (tile->texture == NULL)
    tile->texture = cx_overlay_texture_from_surface (tile->surface);
  if (clip != NULL)
    gtk_snapshot_push_clip (painter->snapshot, clip);
  gtk_snapshot_append_texture (painter->snapshot, tile->texture, r);
  if (clip != NULL)
    gtk_snapshot_pop (painter->snapshot);
}

/* While a tile is being drawn, what the cache has of its place: tiles of
 * the zooms nearest (at most two zooms away), the nearest on top, and the
 * same tile before the last change above them. */
typedef struct
{
  Tile           *tile;
  graphene_rect_t rect;      /* where it goes in this frame */
  double          score;     /* lower is better */
} Fallback;

static int
compare_fallbacks (gconstpointer a,
                   gconstpointer b)
{
  const Fallback *fa = a, *fb = b;

  /* The worst first: the better are painted over them. */
  return fa->score < fb->score ? 1 : fa->score > fb->score ? -1 : 0;
}

void
cx_overlay_tile_fallback (CxOverlayLayer        *self,
                          Painter               *painter,
                          const Frame           *f,
                          const graphene_rect_t *missing)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Fallback));

  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);
      double factor = exp2 (f->zoom - tile->zoom);
      graphene_rect_t r = GRAPHENE_RECT_INIT (tile->tx * TILE_SIZE * factor - f->cx,
                                              tile->ty * TILE_SIZE * factor - f->cy,
                                              TILE_SIZE * factor, TILE_SIZE * factor);
      Fallback fallback = { tile, r, fabs (f->zoom - tile->zoom) + (tile->generation == self->generation ? 0 : 0.5) };

      /* Tiles more than two zooms away would be a blur, and scaling them
       * up costs more than a frame should. */
      if (tile->surface == NULL || tile->scale != self->last_scale ||
          fabs (f->zoom - tile->zoom) > 2 ||
          !graphene_rect_intersection (&r, missing, NULL))
        continue;
      g_array_append_val (found, fallback);
    }

  g_array_sort (found, compare_fallbacks);
  for (guint i = 0; i < found->len; i++)
    {
      Fallback *fallback = &g_array_index (found, Fallback, i);

      cx_overlay_paint_tile (painter, fallback->tile, &fallback->rect, missing);
    }
}

/* Keeps the cache under its size: the tiles wanted longest ago go first. */
void
cx_overlay_tiles_trim (CxOverlayLayer *self)
{
  gsize total = 0;

  for (guint i = 0; i < self->tiles->len; i++)
    total += tile_bytes (g_ptr_array_index (self->tiles, i));

  while (total > TILE_CACHE_MAX_BYTES)
    {
      Tile *oldest = NULL;

      for (guint i = 0; i < self->tiles->len; i++)
        {
          Tile *tile = g_ptr_array_index (self->tiles, i);

          if (!tile->pending && tile->used != self->frame_count &&
              (oldest == NULL || tile->used < oldest->used))
            oldest = tile;
        }
      if (oldest == NULL)
        break;
      total -= tile_bytes (oldest);
      tile_forget (self, oldest);
    }
}

/* The layer's state changed: tiles are drawn again, and shown as they were
 * until then. */
void
cx_overlay_invalidate_tiles (CxOverlayLayer *self)
{
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cx_overlay_tiles_init (CxOverlayLayer *self)
{
  self->tiles = g_ptr_array_new_with_free_func (tile_free);
  self->tile_index = g_hash_table_new (tile_hash, tile_equal);
  self->last_scale = 1;
  g_mutex_init (&self->tile_lock);
}

/* At finalize: every tile job holds a reference, so none is pending. */
void
cx_overlay_tiles_clear (CxOverlayLayer *self)
{
  g_assert (self->n_pending == 0);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_pointer (&self->tile_index, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_mutex_clear (&self->tile_lock);
}

/* Forgets every drawn tile but those a worker is drawing. */
void
cx_overlay_tiles_drop (CxOverlayLayer *self)
{
  for (guint i = self->tiles->len; i-- > 0;)
    if (!((Tile *) g_ptr_array_index (self->tiles, i))->pending)
      tile_forget (self, g_ptr_array_index (self->tiles, i));
}

