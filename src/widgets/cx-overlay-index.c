/* cx-overlay-index.c: the overlay's spatial index, and simplified copies of shapes
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>

#include "cx-overlay-private.h"
#include "cx-simplify.h"

/* A frame draws, and a click tests, only the items whose bounds meet the
 * part of the unit square in question: a uniform grid over the items'
 * bounds finds them without looking at the others. With 10,000 imported
 * polygons a click costs a few microseconds instead of milliseconds, and a
 * zoomed-in frame walks a few cells instead of every item. */

/* About this many items per cell, and at most this many cells. */
#define INDEX_ITEMS_PER_CELL 2
#define INDEX_MAX_SIDE 512
/* An item over more cells than this (the district outline, say) is not
 * put in the cells but in a list that every query takes whole. */
#define INDEX_MAX_CELLS_PER_ITEM 64

/* Simplified copies of a shape, made the first time it is drawn at a
 * level: Douglas–Peucker at LOD_TOLERANCE_PX of the zoom of the level.
 * A frame uses the coarsest level whose tolerance is at most that many
 * pixels at its own zoom, so its error is 0.25 to 0.5 px; from zoom 16 on
 * it draws the full shape. At zoom 11, a 100-vertex ring of an imported
 * parcel, 5 px across, is drawn with 6 to 10. */
#define LOD_TOLERANCE_PX 0.5
#define LOD_MIN_COORDS 16
static const double lod_zooms[N_LOD_LEVELS] = { 8, 10, 12, 14, 16 };

/* Guards the levels of every ItemLod. */
static GMutex lod_lock;

static void
item_lod_clear (gpointer data)
{
  ItemLod *lod = data;

  for (guint l = 0; l < N_LOD_LEVELS; l++)
    g_clear_pointer (&lod->levels[l], cx_geometry_unref);
}

ItemLod *
cx_overlay_item_lod_new (void)
{
  return g_atomic_rc_box_new0 (ItemLod);
}

void
cx_overlay_item_lod_release (ItemLod *lod)
{
  if (lod != NULL)
    g_atomic_rc_box_release_full (lod, item_lod_clear);
}

/* A uniform grid over one run of items (the pack's, or one imported
 * layer's), with indices within the run: made once for the run (a large
 * layer's in the worker that makes its items) and kept while its items
 * are, so that adding or removing a layer never indexes the others again.
 * An atomic rc box, read-only once made. */
struct _IndexGrid
{
  guint     n_items;
  CxBounds  bounds;             /* of every item's reach */
  guint     cols, rows;
  double    cell_width, cell_height;
  guint    *cell_starts;        /* cols × rows + 1 offsets into @cell_items */
  guint    *cell_items;         /* item indices, ascending within a cell */
  GArray   *wide;               /* guint: items over too many cells, ascending */
  double    max_stroke_width;   /* the widest line of any item, in any style */
  gsize     n_coords;           /* of every item */
};

static void
index_grid_clear (gpointer data)
{
  IndexGrid *grid = data;

  g_free (grid->cell_starts);
  g_free (grid->cell_items);
  g_array_unref (grid->wide);
}

void
cx_overlay_index_grid_release (IndexGrid *grid)
{
  if (grid != NULL)
    g_atomic_rc_box_release_full (grid, index_grid_clear);
}

static void
index_clear (gpointer data)
{
  OverlayIndex *index = data;

  for (guint p = 0; p < index->n_parts; p++)
    cx_overlay_index_grid_release (index->parts[p].grid);
  g_free (index->parts);
}

void
cx_overlay_index_release (OverlayIndex *index)
{
  if (index != NULL)
    g_atomic_rc_box_release_full (index, index_clear);
}

/* Where an item can leave ink: its bounds, and a point's accuracy disc. */
CxBounds
cx_overlay_item_reach (const Item *item)
{
  CxBounds reach = item->bounds;

  if (cx_geometry_get_geometry_type (item->projected) == CX_GEOMETRY_POINT)
    {
      reach.min_x -= item->accuracy_unit;
      reach.max_x += item->accuracy_unit;
      reach.min_y -= item->accuracy_unit;
      reach.max_y += item->accuracy_unit;
    }

  return reach;
}

static void
index_cell_range (const IndexGrid *grid,
                  const CxBounds  *b,
                  guint           *c0,
                  guint           *r0,
                  guint           *c1,
                  guint           *r1)
{
  *c0 = (guint) CLAMP ((b->min_x - grid->bounds.min_x) / grid->cell_width, 0, grid->cols - 1);
  *c1 = (guint) CLAMP ((b->max_x - grid->bounds.min_x) / grid->cell_width, 0, grid->cols - 1);
  *r0 = (guint) CLAMP ((b->min_y - grid->bounds.min_y) / grid->cell_height, 0, grid->rows - 1);
  *r1 = (guint) CLAMP ((b->max_y - grid->bounds.min_y) / grid->cell_height, 0, grid->rows - 1);
}

/* The grid of @n items. Reads only the items: safe in the worker that made
 * them. */
IndexGrid *
cx_overlay_index_grid_new (const Item *items,
                           guint       n)
{
  IndexGrid *grid = g_atomic_rc_box_new0 (IndexGrid);
  g_autofree CxBounds *reach = g_new (CxBounds, MAX (n, 1));
  double width, height;
  guint n_cells;

  grid->n_items = n;
  grid->wide = g_array_new (FALSE, FALSE, sizeof (guint));
  cx_bounds_init_empty (&grid->bounds);

  for (guint i = 0; i < n; i++)
    {
      const Item *item = &items[i];

      reach[i] = cx_overlay_item_reach (item);
      if (!cx_bounds_is_empty (&reach[i]))
        cx_bounds_union (&grid->bounds, &reach[i]);
      grid->max_stroke_width = MAX (grid->max_stroke_width,
                                    MAX (item->styles->pack.stroke_width, item->styles->presentation.stroke_width));
      grid->n_coords += cx_geometry_get_n_coords (item->projected);
    }

  /* Cells about as wide as they are high, for shapes that are too. */
  width = cx_bounds_is_empty (&grid->bounds) ? 0 : grid->bounds.max_x - grid->bounds.min_x;
  height = cx_bounds_is_empty (&grid->bounds) ? 0 : grid->bounds.max_y - grid->bounds.min_y;
  n_cells = MAX (n / INDEX_ITEMS_PER_CELL, 1);
  if (width > 0 && height > 0)
    {
      grid->cols = (guint) CLAMP (round (sqrt (n_cells * width / height)), 1, INDEX_MAX_SIDE);
      grid->rows = (guint) CLAMP (round ((double) n_cells / grid->cols), 1, INDEX_MAX_SIDE);
    }
  else
    grid->cols = grid->rows = 1;
  grid->cell_width = width > 0 ? width / grid->cols : 1;
  grid->cell_height = height > 0 ? height / grid->rows : 1;

  /* Counting sort: count the entries of each cell, then fill them in item
   * order, which keeps every cell ascending. */
  grid->cell_starts = g_new0 (guint, grid->cols * grid->rows + 1);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree guint *fill = pass == 1 ? g_memdup2 (grid->cell_starts, grid->cols * grid->rows * sizeof (guint)) : NULL;

      for (guint i = 0; i < n; i++)
        {
          guint c0, r0, c1, r1;

          if (cx_bounds_is_empty (&reach[i]))
            continue;
          index_cell_range (grid, &reach[i], &c0, &r0, &c1, &r1);
          if ((c1 - c0 + 1) * (r1 - r0 + 1) > INDEX_MAX_CELLS_PER_ITEM)
            {
              if (pass == 0)
                g_array_append_val (grid->wide, i);
              continue;
            }
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                if (pass == 0)
                  grid->cell_starts[r * grid->cols + c + 1]++;
                else
                  grid->cell_items[fill[r * grid->cols + c]++] = i;
              }
        }

      if (pass == 0)
        {
          for (guint k = 0; k < grid->cols * grid->rows; k++)
            grid->cell_starts[k + 1] += grid->cell_starts[k];
          grid->cell_items = g_new (guint, MAX (grid->cell_starts[grid->cols * grid->rows], 1));
        }
    }

  return grid;
}

/* The index of the items as they are now: a part for each run of items,
 * whose grid is the run's own from before when its items have not changed
 * (cx_overlay_index_forget()). */
OverlayIndex *
cx_overlay_index_ensure (CxOverlayLayer *self)
{
  OverlayIndex *index;
  guint n = self->items->len;
  GArray *parts;

  if (self->index != NULL && !self->index->stale && self->index->n_items == n)
    return self->index;

  g_clear_pointer (&self->index, cx_overlay_index_release);
  index = g_atomic_rc_box_new0 (OverlayIndex);
  index->n_items = n;
  cx_bounds_init_empty (&index->bounds);
  parts = g_array_new (FALSE, FALSE, sizeof (IndexPart));

  for (guint first = 0; first < n;)
    {
      gpointer key;
      guint end = cx_overlay_items_run (self, first, &key);
      IndexGrid *grid = g_hash_table_lookup (self->index_grids, key);
      IndexPart part;

      if (grid == NULL || grid->n_items != end - first)
        {
          grid = cx_overlay_index_grid_new (&g_array_index (self->items, Item, first), end - first);
          g_hash_table_replace (self->index_grids, key, grid);
        }

      part.base = first;
      part.grid = g_atomic_rc_box_acquire (grid);
      g_array_append_val (parts, part);
      if (!cx_bounds_is_empty (&grid->bounds))
        cx_bounds_union (&index->bounds, &grid->bounds);
      index->max_stroke_width = MAX (index->max_stroke_width, grid->max_stroke_width);
      index->n_coords += grid->n_coords;
      first = end;
    }

  index->n_parts = parts->len;
  index->parts = (IndexPart *) (gpointer) g_array_free (parts, FALSE);
  self->index = index;
  return index;
}

/* Called whenever items are added, removed or moved. */
void
cx_overlay_index_invalidate (CxOverlayLayer *self)
{
  if (self->index != NULL)
    self->index->stale = TRUE;
  /* The last frame's labels name items by index. */
  if (self->label_record != NULL)
    g_array_set_size (self->label_record, 0);
}

/* The items of @key (an imported layer, or the pack; NULL: every one)
 * changed: their grid is made again when next needed. */
void
cx_overlay_index_forget (CxOverlayLayer *self,
                         gpointer        key)
{
  if (key == NULL)
    g_hash_table_remove_all (self->index_grids);
  else
    g_hash_table_remove (self->index_grids, key);
  cx_overlay_index_invalidate (self);
}

/* Appends to @out, ascending, every item of @grid whose reach may meet
 * @area (and some that do not: the caller still checks the bounds), each
 * plus @base. */
static void
grid_query (const IndexGrid *grid,
            guint            base,
            const CxBounds  *area,
            GArray          *out)
{
  guint n_words = grid->n_items / 32 + 1;
  g_autofree guint32 *marks = NULL;
  guint c0, r0, c1, r1;

  if (grid->n_items == 0 || cx_bounds_is_empty (&grid->bounds) ||
      !cx_bounds_intersects (area, &grid->bounds))
    return;

  if (area->min_x <= grid->bounds.min_x && area->max_x >= grid->bounds.max_x &&
      area->min_y <= grid->bounds.min_y && area->max_y >= grid->bounds.max_y)
    {
      /* Everything is in view: no need for the cells. */
      g_array_set_size (out, out->len + grid->n_items);
      for (guint i = 0; i < grid->n_items; i++)
        g_array_index (out, guint, out->len - grid->n_items + i) = base + i;
      return;
    }

  /* A bit an item, for this query: queries can run in several threads. */
  marks = g_new0 (guint32, n_words);
  index_cell_range (grid, area, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      for (guint k = grid->cell_starts[r * grid->cols + c]; k < grid->cell_starts[r * grid->cols + c + 1]; k++)
        {
          guint i = grid->cell_items[k];

          marks[i / 32] |= 1u << (i % 32);
        }
  for (guint k = 0; k < grid->wide->len; k++)
    {
      guint i = g_array_index (grid->wide, guint, k);

      marks[i / 32] |= 1u << (i % 32);
    }

  /* The bits come out in item order, which is the drawing order. */
  for (guint w = 0; w < n_words; w++)
    {
      guint32 bits = marks[w];

      while (bits != 0)
        {
          guint i = base + w * 32 + (guint) __builtin_ctz (bits);

          g_array_append_val (out, i);
          bits &= bits - 1;
        }
    }
}

/* About how many vertices the items whose reach may meet @area have, at
 * most, without listing them: the cells' items, at the average number of
 * vertices of their run. */
gsize
cx_overlay_index_estimate (OverlayIndex   *index,
                           const CxBounds *area)
{
  double total = 0;

  for (guint p = 0; p < index->n_parts; p++)
    {
      const IndexGrid *grid = index->parts[p].grid;
      guint c0, r0, c1, r1;
      gsize n = grid->wide->len;

      if (grid->n_items == 0 || cx_bounds_is_empty (&grid->bounds) ||
          !cx_bounds_intersects (area, &grid->bounds))
        continue;
      index_cell_range (grid, area, &c0, &r0, &c1, &r1);
      for (guint r = r0; r <= r1; r++)
        n += grid->cell_starts[r * grid->cols + c1 + 1] - grid->cell_starts[r * grid->cols + c0];
      total += (double) MIN (n, grid->n_items) * grid->n_coords / grid->n_items;
    }

  return (gsize) total;
}

/* Appends to @out, ascending, every item whose reach may meet @area (and
 * some that do not: the caller still checks the bounds). Safe in any
 * thread. */
void
cx_overlay_index_query (OverlayIndex   *index,
                        const CxBounds *area,
                        GArray         *out)
{
  for (guint p = 0; p < index->n_parts; p++)
    grid_query (index->parts[p].grid, index->parts[p].base, area, out);
}

/* What is drawn of @projected at the frame's scale. Safe in any thread.
 *
 * Returns: (transfer full): the geometry */
CxGeometry *
cx_overlay_lod_geometry (CxGeometry  *projected,
                         ItemLod     *lod,
                         const Frame *f)
{
  if (lod == NULL || cx_geometry_get_n_coords (projected) < LOD_MIN_COORDS)
    return cx_geometry_ref (projected);

  for (guint l = 0; l < N_LOD_LEVELS; l++)
    {
      /* The level's tolerance, in unit-square lengths. */
      double tolerance = LOD_TOLERANCE_PX / (256 * exp2 (lod_zooms[l]));
      CxGeometry *geometry;

      if (tolerance * f->world > LOD_TOLERANCE_PX)
        continue;

      g_mutex_lock (&lod_lock);
      geometry = lod->levels[l] != NULL ? cx_geometry_ref (lod->levels[l]) : NULL;
      g_mutex_unlock (&lod_lock);
      if (geometry != NULL)
        return geometry;

      /* Made outside the lock; if another thread made it meanwhile, its
       * copy is kept. */
      geometry = cx_simplify_geometry (projected, tolerance);
      g_mutex_lock (&lod_lock);
      if (lod->levels[l] == NULL)
        lod->levels[l] = cx_geometry_ref (geometry);
      else
        {
          cx_geometry_unref (geometry);
          geometry = cx_geometry_ref (lod->levels[l]);
        }
      g_mutex_unlock (&lod_lock);
      return geometry;
    }

  return cx_geometry_ref (projected);
}
