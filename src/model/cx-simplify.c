/* cx-simplify.c: Douglas–Peucker simplification of geometry, for levels of detail
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure geometry (GLib only): the map draws a shape far from the viewer
 * with a simplified copy, as what cairo spends on a path grows with its
 * vertices, not only with its pixels.
 */

#define G_LOG_DOMAIN "cx-simplify"

#include "config.h"

#include "cx-simplify.h"

/**
 * cx_geometry_map_parts:
 * @func: appends to its @out what it makes of one part
 *
 * The one walk over a geometry's parts: polygon by polygon, then any loose
 * parts (the line strings of a line, the position of a point), each part
 * given to @func with whether it is the first of its polygon (an outer
 * ring) or of the loose parts. The new geometry has the same type and
 * structure: the walk closes every part and polygon after @func. Its parts
 * and polygons are sized from the start (see cx_geometry_new_sized()); its
 * positions are not, as @func may keep fewer: it had best add each part's
 * at once, with cx_geometry_add_coords().
 *
 * Returns: (transfer full): the new geometry
 */
CxGeometry *
cx_geometry_map_parts (const CxGeometry *geometry,
                       CxPartFunc        func,
                       gpointer          user_data)
{
  guint n_polygons = cx_geometry_get_n_polygons (geometry);
  CxGeometry *out = cx_geometry_new_sized (cx_geometry_get_geometry_type (geometry), 0,
                                           cx_geometry_get_n_parts (geometry), n_polygons);
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

/**
 * cx_simplify_mark:
 * @coords: a part: a ring (closed: its last position repeats its first) or
 *   a line string
 * @n: how many positions
 * @tolerance: how far a dropped position may lie from what is kept, in the
 *   units of @coords
 * @keep: (out caller-allocates) (array length=n): zeroed; set to %TRUE for
 *   each position kept
 *
 * Douglas–Peucker: keeps the first and last positions, and every position
 * without which the line would move by more than @tolerance. The part is
 * first split at the position farthest from its start, so that a ring
 * (whose ends are one position) keeps its extent; a closed ring keeps at
 * least four positions, so that it stays a ring.
 *
 * Returns: how many positions are kept
 */
guint
cx_simplify_mark (const CxCoord *coords,
                  guint          n,
                  double         tolerance,
                  guint8        *keep)
{
  g_autoptr(GArray) stack = NULL;
  guint far = 0;
  guint n_kept = 0;

  if (n == 0)
    return 0;

  if (n > 2)
    {
      /* A ring starts and ends on the same position: split it at the
       * vertex farthest from there, which keeps its area. */
      double far_d = -1;

      stack = g_array_new (FALSE, FALSE, sizeof (guint));
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
    n_kept += keep[i] ? 1 : 0;

  /* A closed ring cut down to its start, its far vertex and its end would
   * be a line there and back, no ring: it keeps the vertex farthest from
   * that line too. Only rings smaller than the tolerance get here. */
  if (n_kept < 4 && n >= 4 && coords[0].x == coords[n - 1].x && coords[0].y == coords[n - 1].y)
    {
      guint widest = 0;
      double widest_d = -1;

      for (guint i = 1; i + 1 < n; i++)
        {
          double d = segment_distance2 (&coords[i], &coords[0], &coords[far]);

          if (!keep[i] && d > widest_d)
            {
              widest_d = d;
              widest = i;
            }
        }
      if (widest != 0)
        {
          keep[widest] = TRUE;
          n_kept++;
        }
    }

  return n_kept;
}

static void
simplify_part_cb (const CxCoord *coords,
                  guint          n,
                  gboolean       outer,
                  CxGeometry    *out,
                  gpointer       user_data)
{
  const double *tolerance = user_data;
  g_autofree guint8 *keep = g_new0 (guint8, MAX (n, 1));

  cx_simplify_mark (coords, n, *tolerance, keep);
  for (guint i = 0; i < n; i++)
    if (keep[i])
      cx_geometry_add_coord (out, coords[i].x, coords[i].y);
}

/**
 * cx_simplify_geometry:
 * @tolerance: see cx_simplify_mark()
 *
 * Every part of @geometry simplified with cx_simplify_mark(), in a geometry
 * of the same type, polygons and parts; a point stays as it is.
 *
 * Returns: (transfer full): the simplified geometry
 */
CxGeometry *
cx_simplify_geometry (const CxGeometry *geometry,
                      double            tolerance)
{
  g_return_val_if_fail (geometry != NULL, NULL);

  return cx_geometry_map_parts (geometry, simplify_part_cb, &tolerance);
}
