/* test-simplify.c: Douglas–Peucker levels of detail (cx-simplify.c)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cx-simplify.h"

static CxGeometry *
line_of (const CxCoord *coords,
         guint          n)
{
  CxGeometry *g = cx_geometry_new (CX_GEOMETRY_LINE_STRING);

  for (guint i = 0; i < n; i++)
    cx_geometry_add_coord (g, coords[i].x, coords[i].y);
  cx_geometry_close_part (g);
  return g;
}

/* A closed ring of @n + 1 positions on a circle, counter-clockwise. */
static void
add_circle (CxGeometry *g,
            double      cx,
            double      cy,
            double      r,
            guint       n)
{
  for (guint i = 0; i <= n; i++)
    {
      double a = 2 * G_PI * (i % n) / n;
      cx_geometry_add_coord (g, cx + r * cos (a), cy + r * sin (a));
    }
  cx_geometry_close_part (g);
}

static double
ring_area (const CxGeometry *g,
           guint             part)
{
  guint n;
  const CxCoord *c = cx_geometry_get_part (g, part, &n);

  return cx_ring_signed_area (c, n);
}

/* The largest distance from a position of @coords to the simplified line. */
static double
max_deviation (const CxCoord    *coords,
               guint             n,
               const CxGeometry *simplified,
               guint             part)
{
  guint m;
  const CxCoord *s = cx_geometry_get_part (simplified, part, &m);
  double worst = 0;

  for (guint i = 0; i < n; i++)
    worst = MAX (worst, cx_polyline_distance (s, m, coords[i].x, coords[i].y));
  return worst;
}

static void
test_collinear_dropped (void)
{
  const CxCoord coords[] = { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 }, { 4, 1e-9 }, { 5, 0 } };
  g_autoptr(CxGeometry) line = line_of (coords, G_N_ELEMENTS (coords));
  g_autoptr(CxGeometry) simple = cx_simplify_geometry (line, 0.01);
  guint n;
  const CxCoord *s = cx_geometry_get_part (simple, 0, &n);

  /* The ends, and the split: the position farthest from the start. */
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (s[0].x, ==, 0);
  g_assert_cmpfloat (s[1].x, ==, 4);
  g_assert_cmpfloat (s[2].x, ==, 5);
  g_assert_cmpint (cx_geometry_get_geometry_type (simple), ==, CX_GEOMETRY_LINE_STRING);
}

static void
test_tolerance_respected (void)
{
  /* A zigzag of amplitude 1 along x, with one spike of 5. */
  CxCoord coords[41];
  guint8 keep[G_N_ELEMENTS (coords)];
  const double tolerances[] = { 0.1, 0.4, 0.8, 1.01, 3, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (coords); i++)
    {
      coords[i].x = i;
      coords[i].y = i % 2 ? 1 : 0;
    }
  coords[20].y = 5;

  for (guint t = 0; t < G_N_ELEMENTS (tolerances); t++)
    {
      g_autoptr(CxGeometry) line = line_of (coords, G_N_ELEMENTS (coords));
      g_autoptr(CxGeometry) simple = cx_simplify_geometry (line, tolerances[t]);
      guint n_kept;

      memset (keep, 0, sizeof keep);
      n_kept = cx_simplify_mark (coords, G_N_ELEMENTS (coords), tolerances[t], keep);
      g_assert_cmpuint (n_kept, ==, cx_geometry_get_n_coords (simple));

      /* Nothing dropped lies farther than the tolerance from what is kept. */
      g_assert_cmpfloat (max_deviation (coords, G_N_ELEMENTS (coords), simple, 0), <=, tolerances[t]);

      /* Well below the amplitude, every corner of the zigzag stays. */
      if (tolerances[t] < 0.45)
        g_assert_cmpuint (n_kept, ==, G_N_ELEMENTS (coords));
      /* The spike stays until the tolerance covers it. */
      g_assert_true (tolerances[t] >= 5 || keep[20]);
    }

  /* Larger tolerances never keep more. */
  for (guint t = 1; t < G_N_ELEMENTS (tolerances); t++)
    {
      guint8 a[G_N_ELEMENTS (coords)] = { 0, }, b[G_N_ELEMENTS (coords)] = { 0, };

      g_assert_cmpuint (cx_simplify_mark (coords, G_N_ELEMENTS (coords), tolerances[t], b), <=,
                        cx_simplify_mark (coords, G_N_ELEMENTS (coords), tolerances[t - 1], a));
    }
}

static void
test_endpoints_kept (void)
{
  const CxCoord coords[] = { { 0, 0 }, { 0.1, 0.05 }, { 0.2, -0.05 }, { 0.3, 0 }, { 0.35, 0.02 } };
  guint8 keep[G_N_ELEMENTS (coords)] = { 0, };
  guint n_kept = cx_simplify_mark (coords, G_N_ELEMENTS (coords), 100, keep);

  g_assert_true (keep[0]);
  g_assert_true (keep[G_N_ELEMENTS (coords) - 1]);
  /* The ends, and the split at the position farthest from the start. */
  g_assert_cmpuint (n_kept, ==, 3);
  g_assert_true (keep[3]);
}

static void
test_rings_stay_closed (void)
{
  const double tolerances[] = { 0, 0.001, 0.05, 0.5, 5, 1000 };

  for (guint t = 0; t < G_N_ELEMENTS (tolerances); t++)
    {
      g_autoptr(CxGeometry) polygon = cx_geometry_new (CX_GEOMETRY_MULTI_POLYGON);
      g_autoptr(CxGeometry) simple = NULL;

      /* A disc with a hole, and a second, small disc. */
      add_circle (polygon, 0, 0, 10, 64);
      add_circle (polygon, 0, 0, 3, 32);
      cx_geometry_close_polygon (polygon);
      add_circle (polygon, 30, 0, 1, 16);
      cx_geometry_close_polygon (polygon);

      simple = cx_simplify_geometry (polygon, tolerances[t]);
      g_assert_cmpint (cx_geometry_get_geometry_type (simple), ==, CX_GEOMETRY_MULTI_POLYGON);
      g_assert_cmpuint (cx_geometry_get_n_polygons (simple), ==, 2);
      g_assert_cmpuint (cx_geometry_get_n_parts (simple), ==, 3);

      for (guint p = 0; p < 3; p++)
        {
          guint n, m;
          const CxCoord *s = cx_geometry_get_part (simple, p, &n);

          cx_geometry_get_part (polygon, p, &m);
          /* Closed, a ring (four positions at least), turning the same way
           * as before, with an area. */
          g_assert_cmpuint (n, >=, 4);
          g_assert_cmpuint (n, <=, m);
          g_assert_cmpfloat (s[0].x, ==, s[n - 1].x);
          g_assert_cmpfloat (s[0].y, ==, s[n - 1].y);
          g_assert_cmpfloat (ring_area (simple, p) * ring_area (polygon, p), >, 0);
        }

      /* Tolerance 0 keeps the circles whole. */
      if (tolerances[t] == 0)
        g_assert_cmpuint (cx_geometry_get_n_coords (simple), ==, cx_geometry_get_n_coords (polygon));
    }
}

static void
test_degenerate (void)
{
  const CxCoord one[] = { { 1, 2 } };
  const CxCoord two[] = { { 1, 2 }, { 3, 4 } };
  const CxCoord same[] = { { 1, 1 }, { 1, 1 }, { 1, 1 }, { 1, 1 }, { 1, 1 } };
  guint8 keep[5] = { 0, };

  g_assert_cmpuint (cx_simplify_mark (NULL, 0, 1, keep), ==, 0);
  g_assert_cmpuint (cx_simplify_mark (one, 1, 1, keep), ==, 1);
  memset (keep, 0, sizeof keep);
  g_assert_cmpuint (cx_simplify_mark (two, 2, 100, keep), ==, 2);
  memset (keep, 0, sizeof keep);
  /* A ring of one position repeated stays a ring, if a flat one. */
  g_assert_cmpuint (cx_simplify_mark (same, 5, 1, keep), ==, 4);
  g_assert_true (keep[0] && keep[4]);

  {
    /* A point, an empty part and an empty geometry keep their shape. */
    g_autoptr(CxGeometry) point = cx_geometry_new (CX_GEOMETRY_POINT);
    g_autoptr(CxGeometry) empty = cx_geometry_new (CX_GEOMETRY_MULTI_LINE_STRING);
    g_autoptr(CxGeometry) none = cx_geometry_new (CX_GEOMETRY_POLYGON);
    g_autoptr(CxGeometry) simple_point = NULL;
    g_autoptr(CxGeometry) simple_empty = NULL;
    g_autoptr(CxGeometry) simple_none = NULL;

    cx_geometry_add_coord (point, 121.4, 31.2);
    cx_geometry_close_part (point);
    cx_geometry_close_part (empty);
    cx_geometry_add_coord (empty, 0, 0);
    cx_geometry_add_coord (empty, 1, 0);
    cx_geometry_close_part (empty);

    simple_point = cx_simplify_geometry (point, 10);
    g_assert_cmpuint (cx_geometry_get_n_coords (simple_point), ==, 1);
    g_assert_cmpfloat (cx_geometry_get_coords (simple_point)[0].x, ==, 121.4);

    simple_empty = cx_simplify_geometry (empty, 10);
    g_assert_cmpuint (cx_geometry_get_n_parts (simple_empty), ==, 2);
    g_assert_cmpuint (cx_geometry_get_n_coords (simple_empty), ==, 2);

    simple_none = cx_simplify_geometry (none, 10);
    g_assert_cmpuint (cx_geometry_get_n_parts (simple_none), ==, 0);
    g_assert_cmpuint (cx_geometry_get_n_coords (simple_none), ==, 0);
  }
}

static void
copy_part (const CxCoord *coords,
           guint          n,
           gboolean       outer,
           CxGeometry    *out,
           gpointer       user_data)
{
  guint *n_outer = user_data;

  *n_outer += outer ? 1 : 0;
  for (guint i = 0; i < n; i++)
    cx_geometry_add_coord (out, coords[i].x, coords[i].y);
}

/* The walk alone copies a geometry part for part, polygon for polygon. */
static void
test_map_parts (void)
{
  g_autoptr(CxGeometry) polygon = cx_geometry_new (CX_GEOMETRY_MULTI_POLYGON);
  g_autoptr(CxGeometry) copy = NULL;
  guint n_outer = 0;

  add_circle (polygon, 0, 0, 10, 8);
  add_circle (polygon, 0, 0, 3, 4);
  cx_geometry_close_polygon (polygon);
  add_circle (polygon, 30, 0, 1, 5);
  cx_geometry_close_polygon (polygon);

  copy = cx_geometry_map_parts (polygon, copy_part, &n_outer);
  g_assert_cmpuint (n_outer, ==, 2);
  g_assert_cmpuint (cx_geometry_get_n_polygons (copy), ==, 2);
  g_assert_cmpuint (cx_geometry_get_n_parts (copy), ==, 3);
  g_assert_cmpuint (cx_geometry_get_n_coords (copy), ==, cx_geometry_get_n_coords (polygon));
  for (guint p = 0; p < 2; p++)
    {
      guint first_a, n_a, first_b, n_b;

      cx_geometry_get_polygon_parts (polygon, p, &first_a, &n_a);
      cx_geometry_get_polygon_parts (copy, p, &first_b, &n_b);
      g_assert_cmpuint (first_a, ==, first_b);
      g_assert_cmpuint (n_a, ==, n_b);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simplify/collinear-dropped", test_collinear_dropped);
  g_test_add_func ("/simplify/tolerance-respected", test_tolerance_respected);
  g_test_add_func ("/simplify/endpoints-kept", test_endpoints_kept);
  g_test_add_func ("/simplify/rings-stay-closed", test_rings_stay_closed);
  g_test_add_func ("/simplify/degenerate", test_degenerate);
  g_test_add_func ("/simplify/map-parts", test_map_parts);

  return g_test_run ();
}
