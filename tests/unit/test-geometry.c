/* test-geometry.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-geometry.h"

/* A 10×10 square with a 4×4 hole in the middle. */
static CxGeometry *
square_with_hole (void)
{
  CxGeometry *g = cx_geometry_new (CX_GEOMETRY_POLYGON);
  const double outer[][2] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 }, { 0, 0 } };
  const double hole[][2] = { { 3, 3 }, { 3, 7 }, { 7, 7 }, { 7, 3 }, { 3, 3 } };

  for (guint i = 0; i < G_N_ELEMENTS (outer); i++)
    cx_geometry_add_coord (g, outer[i][0], outer[i][1]);
  cx_geometry_close_part (g);
  for (guint i = 0; i < G_N_ELEMENTS (hole); i++)
    cx_geometry_add_coord (g, hole[i][0], hole[i][1]);
  cx_geometry_close_part (g);
  cx_geometry_close_polygon (g);

  return g;
}

static void
test_bounds (void)
{
  g_autoptr(CxGeometry) g = square_with_hole ();
  CxBounds b = cx_geometry_get_bounds (g);
  CxBounds empty, other = { 9, 9, 20, 20 }, far = { 11, 11, 12, 12 };

  g_assert_cmpfloat (b.min_x, ==, 0);
  g_assert_cmpfloat (b.min_y, ==, 0);
  g_assert_cmpfloat (b.max_x, ==, 10);
  g_assert_cmpfloat (b.max_y, ==, 10);
  g_assert_true (cx_bounds_intersects (&b, &other));
  g_assert_false (cx_bounds_intersects (&b, &far));
  g_assert_true (cx_bounds_contains (&b, 10, 0));
  g_assert_false (cx_bounds_contains (&b, 10.01, 0));

  cx_bounds_init_empty (&empty);
  g_assert_true (cx_bounds_is_empty (&empty));
  g_assert_false (cx_bounds_intersects (&empty, &b));
  cx_bounds_union (&empty, &far);
  g_assert_cmpfloat (empty.min_x, ==, 11);
  g_assert_cmpfloat (empty.max_y, ==, 12);
}

/* Made with room reserved and parts added whole (as the map projects a
 * shape: see cx_geometry_new_sized()), a geometry is the same as made
 * position by position; too little room only means growing. */
static void
test_sized_and_whole_parts (void)
{
  g_autoptr(CxGeometry) by_coord = square_with_hole ();

  for (guint room = 0; room <= 10; room += 10)
    {
      g_autoptr(CxGeometry) g = cx_geometry_new_sized (CX_GEOMETRY_POLYGON, room, room / 5, room / 10);
      guint n_parts = cx_geometry_get_n_parts (by_coord);

      for (guint p = 0; p < n_parts; p++)
        {
          guint n;
          const CxCoord *part = cx_geometry_get_part (by_coord, p, &n);

          cx_geometry_add_coords (g, part, n);
          cx_geometry_close_part (g);
        }
      cx_geometry_close_polygon (g);

      g_assert_cmpuint (cx_geometry_get_n_coords (g), ==, 10);
      g_assert_cmpuint (cx_geometry_get_n_parts (g), ==, 2);
      g_assert_cmpuint (cx_geometry_get_n_polygons (g), ==, 1);
      g_assert_cmpmem (cx_geometry_get_coords (g), 10 * sizeof (CxCoord),
                       cx_geometry_get_coords (by_coord), 10 * sizeof (CxCoord));
      g_assert_true (cx_geometry_contains (g, 1, 1));
      g_assert_false (cx_geometry_contains (g, 5, 5));
    }
}

static void
test_point_in_polygon_with_hole (void)
{
  g_autoptr(CxGeometry) g = square_with_hole ();

  g_assert_true (cx_geometry_contains (g, 1, 1));
  g_assert_true (cx_geometry_contains (g, 9, 5));
  g_assert_false (cx_geometry_contains (g, 5, 5));     /* in the hole */
  g_assert_false (cx_geometry_contains (g, 11, 5));    /* outside */
  g_assert_false (cx_geometry_contains (g, -0.5, 5));
  g_assert_true (cx_geometry_contains (g, 2.9, 5));    /* just left of the hole */
}

static void
test_multipolygon (void)
{
  g_autoptr(CxGeometry) g = cx_geometry_new (CX_GEOMETRY_MULTI_POLYGON);
  const double a[][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 0 } };
  const double b[][2] = { { 5, 5 }, { 6, 5 }, { 6, 6 }, { 5, 6 }, { 5, 5 } };

  for (guint i = 0; i < G_N_ELEMENTS (a); i++)
    cx_geometry_add_coord (g, a[i][0], a[i][1]);
  cx_geometry_close_part (g);
  cx_geometry_close_polygon (g);
  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    cx_geometry_add_coord (g, b[i][0], b[i][1]);
  cx_geometry_close_part (g);
  cx_geometry_close_polygon (g);

  g_assert_cmpuint (cx_geometry_get_n_polygons (g), ==, 2);
  g_assert_cmpuint (cx_geometry_get_n_parts (g), ==, 2);
  g_assert_true (cx_geometry_contains (g, 5.5, 5.5));
  g_assert_true (cx_geometry_contains (g, 0.7, 0.2));
  g_assert_false (cx_geometry_contains (g, 0.2, 0.7));  /* other side of the triangle's diagonal */
  g_assert_false (cx_geometry_contains (g, 3, 3));

  /* The label goes to the larger polygon. */
  {
    CxCoord c = cx_geometry_get_label_point (g);
    g_assert_cmpfloat_with_epsilon (c.x, 5.5, 1e-9);
    g_assert_cmpfloat_with_epsilon (c.y, 5.5, 1e-9);
  }
}

static void
test_distance_to_line (void)
{
  g_autoptr(CxGeometry) line = cx_geometry_new (CX_GEOMETRY_LINE_STRING);

  cx_geometry_add_coord (line, 0, 0);
  cx_geometry_add_coord (line, 10, 0);
  cx_geometry_add_coord (line, 10, 10);
  cx_geometry_close_part (line);

  g_assert_cmpfloat_with_epsilon (cx_geometry_distance_to_lines (line, 5, 3), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (cx_geometry_distance_to_lines (line, 12, 5), 2, 1e-9);
  /* Beyond the end, the distance is to the end point. */
  g_assert_cmpfloat_with_epsilon (cx_geometry_distance_to_lines (line, -3, -4), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (cx_geometry_distance_to_lines (line, 10, 10), 0, 1e-9);

  g_assert_cmpfloat_with_epsilon (cx_segment_distance (1, 1, 2, 2, 2, 2), sqrt (2), 1e-9);

  /* The label point is half way along. */
  {
    CxCoord c = cx_geometry_get_label_point (line);
    g_assert_cmpfloat_with_epsilon (c.x, 10, 1e-9);
    g_assert_cmpfloat_with_epsilon (c.y, 0, 1e-9);
  }
}

static void
test_polygon_label_point (void)
{
  g_autoptr(CxGeometry) g = square_with_hole ();
  CxCoord c = cx_geometry_get_label_point (g);

  g_assert_cmpfloat_with_epsilon (c.x, 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.y, 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (fabs (cx_ring_signed_area (cx_geometry_get_coords (g), 5)), 100, 1e-9);
}

static void
test_mercator (void)
{
  double x, y, lon, lat;

  cx_mercator_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);

  cx_mercator_project (121.3769, 31.2096, &x, &y);
  cx_mercator_unproject (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 121.3769, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 31.2096, 1e-9);
  /* North is up: a larger latitude has a smaller y. */
  {
    double x2, y2;
    cx_mercator_project (121.3769, 31.3, &x2, &y2);
    g_assert_cmpfloat (y2, <, y);
  }
}

static void
test_haversine (void)
{
  /* One degree of latitude is about 111.2 km. */
  g_assert_cmpfloat_with_epsilon (cx_haversine_distance (121, 31, 121, 32), 111195, 50);
  g_assert_cmpfloat_with_epsilon (cx_haversine_distance (121.4, 31.2, 121.4, 31.2), 0, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geometry/bounds", test_bounds);
  g_test_add_func ("/geometry/sized-and-whole-parts", test_sized_and_whole_parts);
  g_test_add_func ("/geometry/point-in-polygon-with-hole", test_point_in_polygon_with_hole);
  g_test_add_func ("/geometry/multipolygon", test_multipolygon);
  g_test_add_func ("/geometry/distance-to-line", test_distance_to_line);
  g_test_add_func ("/geometry/polygon-label-point", test_polygon_label_point);
  g_test_add_func ("/geometry/mercator", test_mercator);
  g_test_add_func ("/geometry/haversine", test_haversine);

  return g_test_run ();
}
