/* cx-overlay-index.c: the overlay's spatial index, and simplified copies of shapes
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>

#include "cx-overlay-private.h"

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
                                     MAX (item->pack_style->stroke_width, item->presentation_style.stroke_width));
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

static inline double
segment_distance2 (const CxCoord *p,
                   const CxCoord *a,
                   const CxCoord *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / len2 : 0;
  double ex, ey;

  t = CLAMP (t, 0.0, 1.0);
  ex = a->x + t * dx - p->x;
  ey = a->y + t * dy - p->y;
  return ex * ex + ey * ey;
}

/* Douglas–Peucker over coords[first..last], marking what it keeps. */
static void
simplify_span (const CxCoord *coords,
               guint          first,
               guint          last,
               double         tolerance2,
               guint8        *keep,
               GArray        *stack)
{
  guint span[2] = { first, last };

  g_array_set_size (stack, 0);
  g_array_append_vals (stack, span, 2);
  while (stack->len > 0)
    {
      guint a = g_array_index (stack, guint, stack->len - 2);
      guint b = g_array_index (stack, guint, stack->len - 1);
      double worst = -1;
      guint worst_i = a;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = a + 1; i < b; i++)
        {
          double d = segment_distance2 (&coords[i], &coords[a], &coords[b]);

          if (d > worst)
            {
              worst = d;
              worst_i = i;
            }
        }
      if (worst > tolerance2)
        {
          guint left[2] = { a, worst_i }, right[2] = { worst_i, b };

          keep[worst_i] = TRUE;
          g_array_append_vals (stack, left, 2);
          g_array_append_vals (stack, right, 2);
        }
    }
}

static void
simplify_part (const CxCoord *coords,
               guint          n,
               double         tolerance,
               CxGeometry    *out)
{
  g_autofree guint8 *keep = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  if (n > 2)
    {
      /* A ring starts and ends on the same position: split it at the
       * vertex farthest from there, which keeps its area. */
      guint far = 0;
      double far_d = -1;

      for (guint i = 1; i + 1 < n; i++)
        {
          double dx = coords[i].x - coords[0].x, dy = coords[i].y - coords[0].y;

          if (dx * dx + dy * dy > far_d)
            {
              far_d = dx * dx + dy * dy;
              far = i;
            }
        }
      keep[far] = TRUE;
      simplify_span (coords, 0, far, tolerance * tolerance, keep, stack);
      simplify_span (coords, far, n - 1, tolerance * tolerance, keep, stack);
    }
  keep[0] = TRUE;
  keep[n - 1] = TRUE;

  for (guint i = 0; i < n; i++)
    if (keep[i])
      cx_geometry_add_coord (out, coords[i].x, coords[i].y);
}

/**
 * cx_geometry_map_parts:
 * @func: appends to its @out what it makes of one part
 *
 * The one walk over a geometry's parts: polygon by polygon, then any loose
 * parts (the line strings of a line, the position of a point), each part
 * given to @func with whether it is the first of its polygon (an outer
 * ring) or of the loose parts. The new geometry has the same type and
 * structure: the walk closes every part and polygon after @func.
 *
 * Returns: (transfer full): the new geometry
 */
CxGeometry *
cx_geometry_map_parts (const CxGeometry *geometry,
                       CxPartFunc        func,
                       gpointer          user_data)
{
  CxGeometry *out = cx_geometry_new (cx_geometry_get_geometry_type (geometry));
  guint n_polygons = cx_geometry_get_n_polygons (geometry);
  guint part = 0;

  for (guint p = 0; p <= n_polygons; p++)
    {
      guint first = part, n_parts;

      if (p < n_polygons)
        cx_geometry_get_polygon_parts (geometry, p, &first, &n_parts);
      else
        n_parts = cx_geometry_get_n_parts (geometry) - part;

      for (guint r = first; r < first + n_parts; r++)
        {
          guint n;
          const CxCoord *coords = cx_geometry_get_part (geometry, r, &n);

          func (coords, n, r == first, out, user_data);
          cx_geometry_close_part (out);
        }
      part = first + n_parts;

      if (p < n_polygons)
        cx_geometry_close_polygon (out);
    }

  return out;
}

static void
simplify_part_cb (const CxCoord *coords,
                  guint          n,
                  gboolean       outer,
                  CxGeometry    *out,
                  gpointer       user_data)
{
  const double *tolerance = user_data;

  if (n > 0)
    simplify_part (coords, n, *tolerance, out);
}

static CxGeometry *
simplify_geometry (const CxGeometry *geometry,
                   double            tolerance)
{
  return cx_geometry_map_parts (geometry, simplify_part_cb, &tolerance);
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
      geometry = simplify_geometry (projected, tolerance);
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
