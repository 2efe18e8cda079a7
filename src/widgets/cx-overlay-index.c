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

void
cx_overlay_index_free (OverlayIndex *index)
{
  g_free (index->cell_starts);
  g_free (index->cell_items);
  g_free (index->marks);
  g_array_unref (index->wide);
  g_free (index);
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
index_cell_range (const OverlayIndex *index,
                  const CxBounds     *b,
                  guint              *c0,
                  guint              *r0,
                  guint              *c1,
                  guint              *r1)
{
  *c0 = (guint) CLAMP ((b->min_x - index->bounds.min_x) / index->cell_width, 0, index->cols - 1);
  *c1 = (guint) CLAMP ((b->max_x - index->bounds.min_x) / index->cell_width, 0, index->cols - 1);
  *r0 = (guint) CLAMP ((b->min_y - index->bounds.min_y) / index->cell_height, 0, index->rows - 1);
  *r1 = (guint) CLAMP ((b->max_y - index->bounds.min_y) / index->cell_height, 0, index->rows - 1);
}

static OverlayIndex *
overlay_index_new (GArray *items)
{
  OverlayIndex *index = g_new0 (OverlayIndex, 1);
  guint n = items->len;
  g_autofree CxBounds *reach = g_new (CxBounds, MAX (n, 1));
  g_autofree guint8 *wide = g_new0 (guint8, MAX (n, 1));
  double width, height;
  guint n_cells;

  index->n_items = n;
  index->marks = g_new0 (guint32, n / 32 + 1);
  index->wide = g_array_new (FALSE, FALSE, sizeof (guint));
  cx_bounds_init_empty (&index->bounds);

  for (guint i = 0; i < n; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      reach[i] = cx_overlay_item_reach (item);
      if (!cx_bounds_is_empty (&reach[i]))
        cx_bounds_union (&index->bounds, &reach[i]);
      index->max_stroke_width = MAX (index->max_stroke_width,
                                     MAX (item->pack_style->stroke_width, item->styles->presentation_style.stroke_width));
      index->n_coords += cx_geometry_get_n_coords (item->projected);
    }

  /* Cells about as wide as they are high, for shapes that are too. */
  width = cx_bounds_is_empty (&index->bounds) ? 0 : index->bounds.max_x - index->bounds.min_x;
  height = cx_bounds_is_empty (&index->bounds) ? 0 : index->bounds.max_y - index->bounds.min_y;
  n_cells = MAX (n / INDEX_ITEMS_PER_CELL, 1);
  if (width > 0 && height > 0)
    {
      index->cols = (guint) CLAMP (round (sqrt (n_cells * width / height)), 1, INDEX_MAX_SIDE);
      index->rows = (guint) CLAMP (round ((double) n_cells / index->cols), 1, INDEX_MAX_SIDE);
    }
  else
    index->cols = index->rows = 1;
  index->cell_width = width > 0 ? width / index->cols : 1;
  index->cell_height = height > 0 ? height / index->rows : 1;

  /* Counting sort: count the entries of each cell, then fill them in item
   * order, which keeps every cell ascending. */
  index->cell_starts = g_new0 (guint, index->cols * index->rows + 1);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree guint *fill = pass == 1 ? g_memdup2 (index->cell_starts, index->cols * index->rows * sizeof (guint)) : NULL;

      for (guint i = 0; i < n; i++)
        {
          guint c0, r0, c1, r1;

          if (cx_bounds_is_empty (&reach[i]))
            continue;
          index_cell_range (index, &reach[i], &c0, &r0, &c1, &r1);
          if ((c1 - c0 + 1) * (r1 - r0 + 1) > INDEX_MAX_CELLS_PER_ITEM)
            {
              if (pass == 0)
                {
                  wide[i] = TRUE;
                  g_array_append_val (index->wide, i);
                }
              continue;
            }
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                if (pass == 0)
                  index->cell_starts[r * index->cols + c + 1]++;
                else
                  index->cell_items[fill[r * index->cols + c]++] = i;
              }
        }

      if (pass == 0)
        {
          for (guint k = 0; k < index->cols * index->rows; k++)
            index->cell_starts[k + 1] += index->cell_starts[k];
          index->cell_items = g_new (guint, MAX (index->cell_starts[index->cols * index->rows], 1));
        }
    }

  return index;
}

/* The index of the items as they are now. */
OverlayIndex *
cx_overlay_index_ensure (CxOverlayLayer *self)
{
  if (self->index != NULL && !self->index->stale && self->index->n_items == self->items->len)
    return self->index;

  g_clear_pointer (&self->index, cx_overlay_index_free);
  self->index = overlay_index_new (self->items);

  return self->index;
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

static inline void
index_mark (OverlayIndex *index,
            guint         i)
{
  index->marks[i / 32] |= 1u << (i % 32);
}

/* Appends to @out, ascending, every item whose reach may meet @area (and
 * some that do not: the caller still checks the bounds). */
void
cx_overlay_index_query (OverlayIndex   *index,
                        const CxBounds *area,
                        GArray         *out)
{
  guint n_words = index->n_items / 32 + 1;
  guint c0, r0, c1, r1;

  if (index->n_items == 0 || cx_bounds_is_empty (&index->bounds) ||
      !cx_bounds_intersects (area, &index->bounds))
    return;

  if (area->min_x <= index->bounds.min_x && area->max_x >= index->bounds.max_x &&
      area->min_y <= index->bounds.min_y && area->max_y >= index->bounds.max_y)
    {
      /* Everything is in view: no need for the cells. */
      g_array_set_size (out, out->len + index->n_items);
      for (guint i = 0; i < index->n_items; i++)
        g_array_index (out, guint, out->len - index->n_items + i) = i;
      return;
    }

  index_cell_range (index, area, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      for (guint k = index->cell_starts[r * index->cols + c]; k < index->cell_starts[r * index->cols + c + 1]; k++)
        index_mark (index, index->cell_items[k]);
  for (guint k = 0; k < index->wide->len; k++)
    index_mark (index, g_array_index (index->wide, guint, k));

  /* The bits come out in item order, which is the drawing order, and are
   * cleared for the next query. */
  for (guint w = 0; w < n_words; w++)
    {
      guint32 bits = index->marks[w];

      while (bits != 0)
        {
          guint i = w * 32 + (guint) __builtin_ctz (bits);

          g_array_append_val (out, i);
          bits &= bits - 1;
        }
      index->marks[w] = 0;
    }
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
