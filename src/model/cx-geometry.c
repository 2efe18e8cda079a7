/* cx-geometry.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-geometry"

#include "config.h"

#include <math.h>

#include "cx-geometry.h"

struct _CxGeometry
{
  gatomicrefcount  ref_count;
  CxGeometryType   type;
  GArray          *coords;         /* CxCoord */
  GArray          *part_starts;    /* guint; n_parts + 1 entries once closed */
  GArray          *polygon_starts; /* guint; n_polygons + 1 entries once closed */
};

G_DEFINE_BOXED_TYPE (CxGeometry, cx_geometry, cx_geometry_ref, cx_geometry_unref)

CxGeometry *
cx_geometry_new (CxGeometryType type)
{
  return cx_geometry_new_sized (type, 0, 0, 0);
}

/**
 * cx_geometry_new_sized:
 * @n_coords: positions to make room for
 * @n_parts: parts to make room for
 * @n_polygons: polygons to make room for
 *
 * An empty geometry with room for what will be added, so that adding it
 * does not grow (reallocate) the arrays step by step. That is more than
 * saving a few copies: growing a small block in place into a large free
 * one next to it splits that free block again on every step, and where
 * freed memory is filled (glibc's MALLOC_PERTURB_, which meson sets for
 * every test), each split fills all of it: projecting the 20,000 polygons
 * of a big import that way blocked the main thread for 1–10 s.
 *
 * Returns: (transfer full): the geometry
 */
CxGeometry *
cx_geometry_new_sized (CxGeometryType type,
                       guint          n_coords,
                       guint          n_parts,
                       guint          n_polygons)
{
  CxGeometry *self = g_new0 (CxGeometry, 1);
  guint zero = 0;

  g_atomic_ref_count_init (&self->ref_count);
  self->type = type;
  self->coords = g_array_sized_new (FALSE, FALSE, sizeof (CxCoord), n_coords);
  self->part_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_parts + 1);
  self->polygon_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_polygons + 1);
  g_array_append_val (self->part_starts, zero);
  g_array_append_val (self->polygon_starts, zero);

  return self;
}

/**
 * cx_geometry_copy:
 *
 * Returns: (transfer full): a geometry of the same type, positions, parts
 *   and polygons, with arrays just large enough for them
 */
CxGeometry *
cx_geometry_copy (const CxGeometry *self)
{
  CxGeometry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cx_geometry_new_sized (self->type, self->coords->len,
                                self->part_starts->len - 1, self->polygon_starts->len - 1);
  g_array_append_vals (copy->coords, self->coords->data, self->coords->len);
  g_array_append_vals (copy->part_starts, &g_array_index (self->part_starts, guint, 1),
                       self->part_starts->len - 1);
  g_array_append_vals (copy->polygon_starts, &g_array_index (self->polygon_starts, guint, 1),
                       self->polygon_starts->len - 1);
  return copy;
}

/**
 * cx_geometry_reset:
 *
 * Empties the geometry and gives it @type, keeping the room its arrays
 * have, so that a reader can use one geometry as scratch space for many
 * (cx-import-fast.c). Only for a geometry nobody else holds.
 */
void
cx_geometry_reset (CxGeometry     *self,
                   CxGeometryType  type)
{
  g_return_if_fail (self != NULL);

  self->type = type;
  g_array_set_size (self->coords, 0);
  g_array_set_size (self->part_starts, 1);
  g_array_set_size (self->polygon_starts, 1);
}

CxGeometry *
cx_geometry_ref (CxGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cx_geometry_unref (CxGeometry *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->coords);
      g_array_unref (self->part_starts);
      g_array_unref (self->polygon_starts);
      g_free (self);
    }
}

void
cx_geometry_add_coord (CxGeometry *self,
                       double      x,
                       double      y)
{
  CxCoord c = { x, y };

  g_array_append_val (self->coords, c);
}

/* @n positions at once: the array grows once, not once per doubling. */
void
cx_geometry_add_coords (CxGeometry    *self,
                        const CxCoord *coords,
                        guint          n)
{
  g_array_append_vals (self->coords, coords, n);
}

/* Ends the part (ring or line) made of the positions added since the last one. */
void
cx_geometry_close_part (CxGeometry *self)
{
  guint end = self->coords->len;

  g_array_append_val (self->part_starts, end);
}

/* Ends the polygon made of the parts closed since the last one. */
void
cx_geometry_close_polygon (CxGeometry *self)
{
  guint end = self->part_starts->len - 1;

  g_array_append_val (self->polygon_starts, end);
}

CxGeometryType
cx_geometry_get_geometry_type (const CxGeometry *self)
{
  return self->type;
}

const char *
cx_geometry_type_to_string (CxGeometryType type)
{
  switch (type)
    {
    case CX_GEOMETRY_POINT: return "Point";
    case CX_GEOMETRY_LINE_STRING: return "LineString";
    case CX_GEOMETRY_MULTI_LINE_STRING: return "MultiLineString";
    case CX_GEOMETRY_POLYGON: return "Polygon";
    case CX_GEOMETRY_MULTI_POLYGON: return "MultiPolygon";
    default: return "Unknown";
    }
}

gboolean
cx_geometry_type_is_areal (CxGeometryType type)
{
  return type == CX_GEOMETRY_POLYGON || type == CX_GEOMETRY_MULTI_POLYGON;
}

gboolean
cx_geometry_type_is_linear (CxGeometryType type)
{
  return type == CX_GEOMETRY_LINE_STRING || type == CX_GEOMETRY_MULTI_LINE_STRING;
}

guint
cx_geometry_get_n_coords (const CxGeometry *self)
{
  return self->coords->len;
}

const CxCoord *
cx_geometry_get_coords (const CxGeometry *self)
{
  return (const CxCoord *) (gpointer) self->coords->data;
}

guint
cx_geometry_get_n_parts (const CxGeometry *self)
{
  return self->part_starts->len - 1;
}

const CxCoord *
cx_geometry_get_part (const CxGeometry *self,
                      guint             part,
                      guint            *n_coords)
{
  guint start, end;

  g_return_val_if_fail (part < cx_geometry_get_n_parts (self), NULL);

  start = g_array_index (self->part_starts, guint, part);
  end = g_array_index (self->part_starts, guint, part + 1);
  *n_coords = end - start;

  return &g_array_index (self->coords, CxCoord, start);
}

guint
cx_geometry_get_n_polygons (const CxGeometry *self)
{
  return self->polygon_starts->len - 1;
}

void
cx_geometry_get_polygon_parts (const CxGeometry *self,
                               guint             polygon,
                               guint            *first_part,
                               guint            *n_parts)
{
  guint start, end;

  g_return_if_fail (polygon < cx_geometry_get_n_polygons (self));

  start = g_array_index (self->polygon_starts, guint, polygon);
  end = g_array_index (self->polygon_starts, guint, polygon + 1);
  *first_part = start;
  *n_parts = end - start;
}

CxBounds
cx_geometry_get_bounds (const CxGeometry *self)
{
  CxBounds bounds;

  cx_bounds_init_empty (&bounds);
  for (guint i = 0; i < self->coords->len; i++)
    {
      const CxCoord *c = &g_array_index (self->coords, CxCoord, i);
      cx_bounds_extend (&bounds, c->x, c->y);
    }

  return bounds;
}

/* A point is inside a polygon when it is inside its outline and outside every
 * hole; counting crossings over all rings together (even-odd) gives exactly
 * that for well-formed polygons. */
gboolean
cx_geometry_contains (const CxGeometry *self,
                      double            x,
                      double            y)
{
  if (!cx_geometry_type_is_areal (self->type))
    return FALSE;

  for (guint p = 0; p < cx_geometry_get_n_polygons (self); p++)
    {
      guint first, n_parts;
      gboolean inside = FALSE;

      cx_geometry_get_polygon_parts (self, p, &first, &n_parts);
      for (guint r = first; r < first + n_parts; r++)
        {
          guint n;
          const CxCoord *ring = cx_geometry_get_part (self, r, &n);

          if (cx_ring_contains (ring, n, x, y))
            inside = !inside;
        }

      if (inside)
        return TRUE;
    }

  return FALSE;
}

/* Distance from (x, y) to the nearest line or ring edge, in the units of the
 * coordinates; for points, the distance to the nearest point. */
double
cx_geometry_distance_to_lines (const CxGeometry *self,
                               double            x,
                               double            y)
{
  double best = INFINITY;

  if (self->type == CX_GEOMETRY_POINT)
    {
      for (guint i = 0; i < self->coords->len; i++)
        {
          const CxCoord *c = &g_array_index (self->coords, CxCoord, i);
          best = MIN (best, hypot (c->x - x, c->y - y));
        }
      return best;
    }

  for (guint i = 0; i < cx_geometry_get_n_parts (self); i++)
    {
      guint n;
      const CxCoord *part = cx_geometry_get_part (self, i, &n);

      best = MIN (best, cx_polyline_distance (part, n, x, y));
    }

  return best;
}

static CxCoord
ring_centroid (const CxCoord *ring,
               guint          n,
               double        *area_out)
{
  double a = 0, cx = 0, cy = 0;
  CxCoord c = { 0, 0 };

  for (guint i = 0; i + 1 < n; i++)
    {
      double cross = ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;

      a += cross;
      cx += (ring[i].x + ring[i + 1].x) * cross;
      cy += (ring[i].y + ring[i + 1].y) * cross;
    }
  a /= 2;
  *area_out = fabs (a);

  if (fabs (a) < 1e-18)
    {
      /* Degenerate: fall back to the mean of the positions. */
      for (guint i = 0; i < n; i++)
        {
          c.x += ring[i].x / n;
          c.y += ring[i].y / n;
        }
      return c;
    }

  c.x = cx / (6 * a);
  c.y = cy / (6 * a);
  return c;
}

/* Where a label or marker of the geometry goes: the point itself, the middle
 * (by length) of the longest line, or the centroid of the largest polygon's
 * outline. */
CxCoord
cx_geometry_get_label_point (const CxGeometry *self)
{
  CxCoord result = { 0, 0 };

  if (self->coords->len == 0)
    return result;

  if (self->type == CX_GEOMETRY_POINT)
    return g_array_index (self->coords, CxCoord, 0);

  if (cx_geometry_type_is_linear (self->type))
    {
      double best_len = -1;
      guint best_part = 0;

      for (guint i = 0; i < cx_geometry_get_n_parts (self); i++)
        {
          guint n;
          const CxCoord *part = cx_geometry_get_part (self, i, &n);
          double len = 0;

          for (guint j = 0; j + 1 < n; j++)
            len += hypot (part[j + 1].x - part[j].x, part[j + 1].y - part[j].y);
          if (len > best_len)
            {
              best_len = len;
              best_part = i;
            }
        }

      {
        guint n;
        const CxCoord *part = cx_geometry_get_part (self, best_part, &n);
        double walked = 0, half = best_len / 2;

        result = part[0];
        for (guint j = 0; j + 1 < n; j++)
          {
            double seg = hypot (part[j + 1].x - part[j].x, part[j + 1].y - part[j].y);

            if (seg > 0 && walked + seg >= half)
              {
                double t = (half - walked) / seg;
                result.x = part[j].x + t * (part[j + 1].x - part[j].x);
                result.y = part[j].y + t * (part[j + 1].y - part[j].y);
                return result;
              }
            walked += seg;
          }
        return part[n - 1];
      }
    }

  {
    double best_area = -1;

    for (guint p = 0; p < cx_geometry_get_n_polygons (self); p++)
      {
        guint first, n_parts, n;
        const CxCoord *ring;
        double area;
        CxCoord c;

        cx_geometry_get_polygon_parts (self, p, &first, &n_parts);
        if (n_parts == 0)
          continue;
        ring = cx_geometry_get_part (self, first, &n);
        c = ring_centroid (ring, n, &area);
        if (area > best_area)
          {
            best_area = area;
            result = c;
          }
      }
  }

  return result;
}

void
cx_bounds_init_empty (CxBounds *bounds)
{
  bounds->min_x = bounds->min_y = INFINITY;
  bounds->max_x = bounds->max_y = -INFINITY;
}

void
cx_bounds_extend (CxBounds *bounds,
                  double    x,
                  double    y)
{
  bounds->min_x = MIN (bounds->min_x, x);
  bounds->min_y = MIN (bounds->min_y, y);
  bounds->max_x = MAX (bounds->max_x, x);
  bounds->max_y = MAX (bounds->max_y, y);
}

void
cx_bounds_union (CxBounds       *bounds,
                 const CxBounds *other)
{
  if (cx_bounds_is_empty (other))
    return;
  cx_bounds_extend (bounds, other->min_x, other->min_y);
  cx_bounds_extend (bounds, other->max_x, other->max_y);
}

gboolean
cx_bounds_is_empty (const CxBounds *bounds)
{
  return !(bounds->min_x <= bounds->max_x && bounds->min_y <= bounds->max_y);
}

gboolean
cx_bounds_contains (const CxBounds *bounds,
                    double          x,
                    double          y)
{
  return x >= bounds->min_x && x <= bounds->max_x &&
         y >= bounds->min_y && y <= bounds->max_y;
}

gboolean
cx_bounds_intersects (const CxBounds *a,
                      const CxBounds *b)
{
  if (cx_bounds_is_empty (a) || cx_bounds_is_empty (b))
    return FALSE;

  return a->min_x <= b->max_x && b->min_x <= a->max_x &&
         a->min_y <= b->max_y && b->min_y <= a->max_y;
}

/* Even-odd crossing test. Works for closed and unclosed rings alike. */
gboolean
cx_ring_contains (const CxCoord *ring,
                  guint          n_coords,
                  double         x,
                  double         y)
{
  gboolean inside = FALSE;

  if (n_coords < 3)
    return FALSE;

  for (guint i = 0, j = n_coords - 1; i < n_coords; j = i++)
    {
      const CxCoord *a = &ring[i];
      const CxCoord *b = &ring[j];

      if ((a->y > y) != (b->y > y) &&
          x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
        inside = !inside;
    }

  return inside;
}

double
cx_segment_distance (double px,
                     double py,
                     double ax,
                     double ay,
                     double bx,
                     double by)
{
  double dx = bx - ax;
  double dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t;

  if (len2 <= 0)
    return hypot (px - ax, py - ay);

  t = ((px - ax) * dx + (py - ay) * dy) / len2;
  t = CLAMP (t, 0.0, 1.0);

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

double
cx_polyline_distance (const CxCoord *coords,
                      guint          n_coords,
                      double         x,
                      double         y)
{
  double best = INFINITY;

  if (n_coords == 1)
    return hypot (coords[0].x - x, coords[0].y - y);

  for (guint i = 0; i + 1 < n_coords; i++)
    best = MIN (best, cx_segment_distance (x, y,
                                           coords[i].x, coords[i].y,
                                           coords[i + 1].x, coords[i + 1].y));

  return best;
}

/* Shoelace formula; positive for counter-clockwise rings in a y-up plane. */
double
cx_ring_signed_area (const CxCoord *ring,
                     guint          n_coords)
{
  double a = 0;

  for (guint i = 0, j = n_coords - 1; i < n_coords; j = i++)
    a += (ring[j].x * ring[i].y) - (ring[i].x * ring[j].y);

  return a / 2;
}

#define CX_MAX_LATITUDE 85.0511287798

void
cx_mercator_project (double  lon,
                     double  lat,
                     double *x,
                     double *y)
{
  double s;

  lat = CLAMP (lat, -CX_MAX_LATITUDE, CX_MAX_LATITUDE);
  s = sin (lat * G_PI / 180.0);
  *x = (lon + 180.0) / 360.0;
  *y = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
}

void
cx_mercator_unproject (double  x,
                       double  y,
                       double *lon,
                       double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = 90.0 - 360.0 * atan (exp ((y - 0.5) * 2 * G_PI)) / G_PI;
}

double
cx_haversine_distance (double lon1,
                       double lat1,
                       double lon2,
                       double lat2)
{
  const double r = 6371008.8;
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * r * atan2 (sqrt (a), sqrt (1 - a));
}
