/* test-geodesy.c: lengths and areas on the WGS84 ellipsoid, against published values
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <geodesic.h>
#include <locale.h>
#include <math.h>

#include "cx-data-pack.h"
#include "cx-feature.h"
#include "cx-format.h"
#include "cx-gcj02.h"
#include "cx-geodesy.h"
#include "cx-measure.h"
#include "cx-test-packs.h"

/* Twenty rows of Karney's GeodTest.dat test set (GeographicLib,
 * https://sourceforge.net/projects/geographiclib/files/testdata/, described
 * at https://geographiclib.sourceforge.io/C++/doc/geodesic.html#testgeod),
 * as PROJ's own test suite carries them: src/tests/geodtest.c, testcases[],
 * in OSGeo/PROJ at tag 9.6.2. Columns kept: lat1, lon1, lat2, lon2 (degrees)
 * and s12 (metres); the other columns (azimuths, reduced length, area) are
 * not what this app measures. geodtest.c checks s12 to 1e-8 m. */
static const struct
{
  double lat1, lon1, lat2, lon2, s12;
} geodtest_rows[] = {
  { 35.60777, -139.44815, -11.17491, -69.95921, 8935244.5604818305 },
  { 55.52454, 106.05087, 77.03196, 197.18234, 4105086.1713924406 },
  { -21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671 },
  { -66.99028, 112.2363, -12.70631, 285.90344, 11150344.2312080241 },
  { -17.42761, 173.34268, -15.84784, 5.93557, 16076603.1631180673 },
  { 32.84994, 48.28919, -56.28556, 202.29132, 16727068.9438164461 },
  { 6.96833, 52.74123, -7.39675, 206.17291, 17102477.2496958388 },
  { -50.56724, -16.30485, -33.56571, -94.97412, 6455670.5118668696 },
  { -58.93002, -8.90775, -8.91104, 133.13503, 11756066.0219864627 },
  { -68.82867, -74.28391, -50.63005, -8.36685, 3956936.926063544 },
  { -10.62672, -32.0898, 5.883, -134.31681, 11470869.3864563009 },
  { -21.76221, 166.90563, 48.72884, 213.97627, 9098627.3986554915 },
  { -19.79938, -174.47484, -11.99349, -154.35109, 2319004.8601169389 },
  { -11.95887, -116.94513, 4.57352, 7.16501, 13834722.5801401374 },
  { -87.85331, 85.66836, 66.48646, 16.09921, 17286615.3147144645 },
  { 1.74708, 128.32011, -11.16617, 11.87109, 12942901.1241347408 },
  { -25.72959, -144.90758, -57.70581, -269.17879, 9413446.7452453107 },
  { -41.22777, 122.32875, -7.57291, 130.37946, 3812686.035106021 },
  { 11.01307, 138.25278, 6.62726, 247.05981, 11911190.819018408 },
  { -29.47124, 95.14681, -27.46601, -69.15955, 13487015.8381145492 },
};

static void
test_geodtest_distances (void)
{
  double worst = 0;

  for (guint i = 0; i < G_N_ELEMENTS (geodtest_rows); i++)
    {
      double s = cx_geodesy_distance (geodtest_rows[i].lon1, geodtest_rows[i].lat1,
                                      geodtest_rows[i].lon2, geodtest_rows[i].lat2);
      double rel = fabs (s - geodtest_rows[i].s12) / geodtest_rows[i].s12;

      g_assert_cmpfloat_with_epsilon (s, geodtest_rows[i].s12, 1e-8);
      worst = MAX (worst, rel);
    }
  g_test_message ("GeodTest.dat rows: largest relative error %.3g", worst);
}

static CxGeometry *
ring_geometry (const double (*lat_lon)[2],
               guint          n,
               CxGeometryType type)
{
  CxGeometry *g = cx_geometry_new (type);

  for (guint i = 0; i < n; i++)
    cx_geometry_add_coord (g, lat_lon[i][1], lat_lon[i][0]);
  cx_geometry_close_part (g);
  if (cx_geometry_type_is_areal (type))
    cx_geometry_close_polygon (g);
  return g;
}

/* Karney's planimeter checks, in the same src/tests/geodtest.c
 * (Planimeter0, "pc" and "pd"; positions as lat, lon): a diamond around
 * 0°N 0°E and the octant triangle (90°N 0°E, 0°N 0°E, 0°N 90°E). There
 * the areas are checked to 1 m² and the perimeters to 1e-4 m and 1 m. */
static void
test_planimeter (void)
{
  static const double diamond[][2] = { { 0, -1 }, { -1, 0 }, { 0, 1 }, { 1, 0 } };
  static const double octant[][2] = { { 90, 0 }, { 0, 0 }, { 0, 90 } };
  CxMeasurement m;

  {
    g_autoptr(CxGeometry) g = ring_geometry (diamond, G_N_ELEMENTS (diamond), CX_GEOMETRY_POLYGON);

    g_assert_true (cx_geodesy_measure_geometry (g, &m));
    g_assert_cmpint (m.kind, ==, CX_MEASURE_AREA);
    g_assert_cmpfloat_with_epsilon (m.area_m2, 24619419146.0, 1);
    g_assert_cmpfloat_with_epsilon (m.length_m, 627598.2731, 1e-4);
    g_test_message ("diamond: %.1f m² (reference 24619419146), %.4f m (reference 627598.2731)",
                    m.area_m2, m.length_m);
  }
  {
    g_autoptr(CxGeometry) g = ring_geometry (octant, G_N_ELEMENTS (octant), CX_GEOMETRY_POLYGON);
    g_autoptr(CxGeometry) line = ring_geometry (octant, G_N_ELEMENTS (octant), CX_GEOMETRY_LINE_STRING);

    g_assert_true (cx_geodesy_measure_geometry (g, &m));
    g_assert_cmpfloat_with_epsilon (m.area_m2, 63758202715511.0, 1);
    g_assert_cmpfloat_with_epsilon (m.length_m, 30022685, 1);
    g_test_message ("octant: %.1f m² (reference 63758202715511), %.1f m (reference 30022685)",
                    m.area_m2, m.length_m);

    /* The same three positions as a polyline (geodtest.c's polylength). */
    g_assert_true (cx_geodesy_measure_geometry (line, &m));
    g_assert_cmpint (m.kind, ==, CX_MEASURE_LENGTH);
    g_assert_cmpfloat_with_epsilon (m.length_m, 20020719, 1);
    g_assert_cmpfloat (m.area_m2, ==, 0);
  }
}

/* A square of 1 km sides at 31°N 121.4°E (Changning's latitude): from its
 * south-west corner 1 km east and 1 km north along geodesics, then 1 km east
 * from the north-west corner. Its area is 1 km² to well within 0.1 %; Web
 * Mercator, which the map is drawn in, would make it 1/cos²(31°) = 1.36
 * times as large. */
static void
test_square_at_31n (void)
{
  struct geod_geodesic wgs84;
  double sw_lat = 31, sw_lon = 121.4, se_lat, se_lon, nw_lat, nw_lon, ne_lat, ne_lon;
  double x[4], y[4], mercator, metres_per_unit;
  g_autoptr(CxGeometry) square = cx_geometry_new (CX_GEOMETRY_POLYGON);
  CxMeasurement m;

  geod_init (&wgs84, 6378137, 1 / 298.257223563);
  geod_direct (&wgs84, sw_lat, sw_lon, 90, 1000, &se_lat, &se_lon, NULL);
  geod_direct (&wgs84, sw_lat, sw_lon, 0, 1000, &nw_lat, &nw_lon, NULL);
  geod_direct (&wgs84, nw_lat, nw_lon, 90, 1000, &ne_lat, &ne_lon, NULL);

  cx_geometry_add_coord (square, sw_lon, sw_lat);
  cx_geometry_add_coord (square, se_lon, se_lat);
  cx_geometry_add_coord (square, ne_lon, ne_lat);
  cx_geometry_add_coord (square, nw_lon, nw_lat);
  cx_geometry_add_coord (square, sw_lon, sw_lat);
  cx_geometry_close_part (square);
  cx_geometry_close_polygon (square);

  g_assert_true (cx_geodesy_measure_geometry (square, &m));
  g_test_message ("1 km square at 31°N: %.2f m², perimeter %.3f m", m.area_m2, m.length_m);
  g_assert_cmpfloat (fabs (m.area_m2 - 1e6) / 1e6, <, 0.001);
  g_assert_cmpfloat (fabs (m.length_m - 4000) / 4000, <, 0.001);

  /* The shoelace formula in Web Mercator metres, for contrast. */
  cx_mercator_project (sw_lon, sw_lat, &x[0], &y[0]);
  cx_mercator_project (se_lon, se_lat, &x[1], &y[1]);
  cx_mercator_project (ne_lon, ne_lat, &x[2], &y[2]);
  cx_mercator_project (nw_lon, nw_lat, &x[3], &y[3]);
  metres_per_unit = 2 * G_PI * 6378137;
  mercator = 0;
  for (guint i = 0; i < 4; i++)
    mercator += x[i] * y[(i + 1) % 4] - x[(i + 1) % 4] * y[i];
  mercator = fabs (mercator) / 2 * metres_per_unit * metres_per_unit;
  g_test_message ("Web Mercator would say %.0f m² (%.1f %% more)", mercator, (mercator / m.area_m2 - 1) * 100);
  g_assert_cmpfloat (mercator / m.area_m2, >, 1.3);
}

/* Holes are taken away whichever way they turn; a closing position is
 * optional; the polygons of a multi-polygon add up; the perimeter counts
 * holes too. Checked against the rings measured one by one, so no
 * reference number is needed. */
static void
test_holes_and_multipolygons (void)
{
  /* lat, lon: about 1.1 km × 0.95 km near Zhongshan Park, and a hole in it. */
  static const double outer[][2] = { { 31.215, 121.410 }, { 31.215, 121.420 }, { 31.225, 121.420 }, { 31.225, 121.410 } };
  static const double hole_cw[][2] = { { 31.218, 121.413 }, { 31.222, 121.413 }, { 31.222, 121.417 }, { 31.218, 121.417 }, { 31.218, 121.413 } };
  static const double far[][2] = { { 31.195, 121.35 }, { 31.195, 121.36 }, { 31.205, 121.36 }, { 31.205, 121.35 } };
  CxCoord outer_c[4], hole_c[5], far_c[4];
  double outer_p, hole_p, far_p, outer_a, hole_a, far_a;
  g_autoptr(CxGeometry) holed = cx_geometry_new (CX_GEOMETRY_POLYGON);
  g_autoptr(CxGeometry) multi = cx_geometry_new (CX_GEOMETRY_MULTI_POLYGON);
  CxMeasurement m;

  for (guint i = 0; i < 4; i++)
    {
      outer_c[i] = (CxCoord) { outer[i][1], outer[i][0] };
      far_c[i] = (CxCoord) { far[i][1], far[i][0] };
    }
  for (guint i = 0; i < 5; i++)
    hole_c[i] = (CxCoord) { hole_cw[i][1], hole_cw[i][0] };

  outer_a = cx_geodesy_ring_area (outer_c, 4, &outer_p);
  hole_a = cx_geodesy_ring_area (hole_c, 5, &hole_p);
  far_a = cx_geodesy_ring_area (far_c, 4, &far_p);
  /* Anticlockwise positive, clockwise negative. */
  g_assert_cmpfloat (outer_a, >, 0);
  g_assert_cmpfloat (hole_a, <, 0);
  g_assert_cmpfloat (far_a, >, 0);
  /* The closing position changes nothing. */
  g_assert_cmpfloat_with_epsilon (cx_geodesy_ring_area (hole_c, 4, NULL), hole_a, 1e-6);

  for (guint i = 0; i < 4; i++)
    cx_geometry_add_coord (holed, outer_c[i].x, outer_c[i].y);
  cx_geometry_close_part (holed);
  for (guint i = 0; i < 5; i++)
    cx_geometry_add_coord (holed, hole_c[i].x, hole_c[i].y);
  cx_geometry_close_part (holed);
  cx_geometry_close_polygon (holed);

  g_assert_true (cx_geodesy_measure_geometry (holed, &m));
  g_assert_cmpfloat_with_epsilon (m.area_m2, outer_a + hole_a, 1e-3);
  g_assert_cmpfloat_with_epsilon (m.length_m, outer_p + hole_p, 1e-6);

  /* The holed polygon, then the far one turning the other way. */
  for (guint i = 0; i < 4; i++)
    cx_geometry_add_coord (multi, outer_c[i].x, outer_c[i].y);
  cx_geometry_close_part (multi);
  for (guint i = 0; i < 5; i++)
    cx_geometry_add_coord (multi, hole_c[i].x, hole_c[i].y);
  cx_geometry_close_part (multi);
  cx_geometry_close_polygon (multi);
  for (guint i = 4; i-- > 0;)
    cx_geometry_add_coord (multi, far_c[i].x, far_c[i].y);
  cx_geometry_close_part (multi);
  cx_geometry_close_polygon (multi);

  g_assert_true (cx_geodesy_measure_geometry (multi, &m));
  g_assert_cmpfloat_with_epsilon (m.area_m2, outer_a + hole_a + far_a, 1e-3);
  g_assert_cmpfloat_with_epsilon (m.length_m, outer_p + hole_p + far_p, 1e-6);
}

static void
test_lines_and_points (void)
{
  static const CxCoord a[] = { { 121.40, 31.20 }, { 121.41, 31.20 }, { 121.41, 31.21 } };
  static const CxCoord b[] = { { 121.35, 31.19 }, { 121.36, 31.19 } };
  g_autoptr(CxGeometry) multi = cx_geometry_new (CX_GEOMETRY_MULTI_LINE_STRING);
  g_autoptr(CxGeometry) point = cx_geometry_new (CX_GEOMETRY_POINT);
  double expected = 0;
  CxMeasurement m;

  for (guint i = 0; i < G_N_ELEMENTS (a); i++)
    cx_geometry_add_coord (multi, a[i].x, a[i].y);
  cx_geometry_close_part (multi);
  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    cx_geometry_add_coord (multi, b[i].x, b[i].y);
  cx_geometry_close_part (multi);

  expected = cx_geodesy_distance (a[0].x, a[0].y, a[1].x, a[1].y) +
             cx_geodesy_distance (a[1].x, a[1].y, a[2].x, a[2].y) +
             cx_geodesy_distance (b[0].x, b[0].y, b[1].x, b[1].y);
  g_assert_cmpfloat_with_epsilon (cx_geodesy_line_length (a, 3) + cx_geodesy_line_length (b, 2), expected, 1e-6);
  g_assert_true (cx_geodesy_measure_geometry (multi, &m));
  g_assert_cmpint (m.kind, ==, CX_MEASURE_LENGTH);
  g_assert_cmpfloat_with_epsilon (m.length_m, expected, 1e-6);
  /* 0.01° of latitude at 31°N is about 1.109 km, of longitude about 0.954 km. */
  g_assert_cmpfloat (m.length_m, >, 2900);
  g_assert_cmpfloat (m.length_m, <, 3100);

  g_assert_cmpfloat (cx_geodesy_line_length (a, 1), ==, 0);
  g_assert_cmpfloat (cx_geodesy_line_length (a, 0), ==, 0);

  cx_geometry_add_coord (point, 121.4, 31.2);
  cx_geometry_close_part (point);
  g_assert_false (cx_geodesy_measure_geometry (point, &m));
  g_assert_cmpint (m.kind, ==, CX_MEASURE_NONE);
}

/* The pack's district outline (the ECharts boundary, converted to WGS84)
 * measures 37.2 km² on the ellipsoid (issue 24; the fact sheet's check
 * says "about 37.3 km²" for the 58-vertex outline). */
static void
test_district_outline (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  CxFeature *district = cx_data_pack_lookup_feature (pack, "changning-district");
  CxMeasurement m;

  g_assert_nonnull (district);
  g_assert_true (cx_geodesy_measure_geometry (cx_feature_get_geometry (district), &m));
  g_assert_cmpint (m.kind, ==, CX_MEASURE_AREA);
  g_test_message ("district outline: %.4f km², perimeter %.3f km (%+.3f %% from 37.2 km²)",
                  m.area_m2 / 1e6, m.length_m / 1e3, (m.area_m2 / 37.2e6 - 1) * 100);
  g_assert_cmpfloat (fabs (m.area_m2 - 37.2e6) / 37.2e6, <, 0.001);
}

/* Positions shown over a GCJ-02 basemap are shifted there and shifted back
 * (cx_gcj02_to_wgs84, exact to 1 cm) before they are measured, as the map
 * does with what is clicked: the figures are the same. Moving every vertex
 * by at most 1 cm changes an area by at most perimeter × 1 cm, here under
 * 1e-5 of it, and a length by at most 2 cm a vertex. */
static void
measure_round_trip (CxGeometry *geometry)
{
  g_autoptr(CxGeometry) shifted = cx_geometry_new (cx_geometry_get_geometry_type (geometry));
  g_autoptr(CxGeometry) back = cx_geometry_new (cx_geometry_get_geometry_type (geometry));
  CxMeasurement before, after, raw;
  const CxCoord *coords = cx_geometry_get_coords (geometry);
  guint n = cx_geometry_get_n_coords (geometry);
  double moved = 0;

  g_assert_cmpuint (cx_geometry_get_n_parts (geometry), ==, 1);
  for (guint i = 0; i < n; i++)
    {
      double glat, glon, lat, lon;

      cx_wgs84_to_gcj02 (coords[i].y, coords[i].x, &glat, &glon);
      cx_gcj02_to_wgs84 (glat, glon, &lat, &lon);
      cx_geometry_add_coord (shifted, glon, glat);
      cx_geometry_add_coord (back, lon, lat);
      moved = MAX (moved, cx_geodesy_distance (coords[i].x, coords[i].y, glon, glat));
    }
  cx_geometry_close_part (shifted);
  cx_geometry_close_part (back);
  if (cx_geometry_type_is_areal (cx_geometry_get_geometry_type (geometry)))
    {
      cx_geometry_close_polygon (shifted);
      cx_geometry_close_polygon (back);
    }

  g_assert_true (cx_geodesy_measure_geometry (geometry, &before));
  g_assert_true (cx_geodesy_measure_geometry (back, &after));
  g_assert_true (cx_geodesy_measure_geometry (shifted, &raw));
  g_test_message ("shifted by up to %.0f m; %.3f m / %.1f m² before, %.3f m / %.1f m² after the round trip, "
                  "%.3f m / %.1f m² measured in GCJ-02", moved,
                  before.length_m, before.area_m2, after.length_m, after.area_m2, raw.length_m, raw.area_m2);
  /* The shift is real (hundreds of metres here) ... */
  g_assert_cmpfloat (moved, >, 100);
  /* ... and undone. */
  g_assert_cmpfloat_with_epsilon (after.length_m, before.length_m, 0.02 * n);
  g_assert_cmpfloat (fabs (after.area_m2 - before.area_m2), <=, 1e-5 * before.area_m2);
}

static void
test_gcj02_invariance (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();

  measure_round_trip (cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "changning-district")));
  measure_round_trip (cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "suzhou-creek-waterfront")));
}

static void
count_changes (guint *n)
{
  (*n)++;
}

/* The measure tool's points: a line, then the same points closed into an
 * area; Backspace's remove_last; a finished measurement starts again at
 * the next point. The figures are the geodesy's, checked above. */
static void
test_measure_points (void)
{
  g_autoptr(CxMeasure) measure = cx_measure_new ();
  static const CxCoord corners[] = { { 121.410, 31.215 }, { 121.420, 31.215 }, { 121.420, 31.225 } };
  CxMeasurement m;
  guint changes = 0;
  double perimeter, area;
  g_autofree char *empty = NULL;

  g_signal_connect_swapped (measure, "changed", G_CALLBACK (count_changes), &changes);

  empty = cx_measure_dup_readout (measure);
  g_assert_cmpstr (empty, ==, "Distance: click points, or move the crosshair and press Enter");
  g_assert_false (cx_measure_remove_last (measure));

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    cx_measure_add_point (measure, corners[i].x, corners[i].y);
  g_assert_cmpuint (changes, ==, 3);
  cx_measure_get_measurement (measure, &m);
  g_assert_cmpint (m.kind, ==, CX_MEASURE_LENGTH);
  g_assert_cmpfloat_with_epsilon (m.length_m, cx_geodesy_line_length (corners, 3), 1e-6);
  {
    g_autofree char *text = cx_measure_dup_readout (measure);
    g_autofree char *length = cx_format_length (m.length_m);
    g_autofree char *expected = g_strconcat ("Distance: ", length, NULL);

    g_assert_cmpstr (text, ==, expected);
  }

  /* Closed: the area inside, and the perimeter with the closing leg. */
  cx_measure_set_area (measure, TRUE);
  cx_measure_get_measurement (measure, &m);
  area = fabs (cx_geodesy_ring_area (corners, 3, &perimeter));
  g_assert_cmpint (m.kind, ==, CX_MEASURE_AREA);
  g_assert_cmpfloat_with_epsilon (m.area_m2, area, 1e-6);
  g_assert_cmpfloat_with_epsilon (m.length_m, perimeter, 1e-6);
  g_assert_cmpfloat (m.length_m, >, cx_geodesy_line_length (corners, 3));

  /* Two corners are no area yet. */
  g_assert_true (cx_measure_remove_last (measure));
  {
    g_autofree char *text = cx_measure_dup_readout (measure);

    g_assert_cmpstr (text, ==, "Area: 2 corners, add at least 3");
  }
  cx_measure_add_point (measure, corners[2].x, corners[2].y);

  /* Finished, it says so; the next point starts a new one. */
  cx_measure_set_finished (measure, TRUE);
  g_assert_true (cx_measure_get_finished (measure));
  {
    g_autofree char *text = cx_measure_dup_readout (measure);

    g_assert_true (g_str_has_prefix (text, "Area (finished): "));
  }
  cx_measure_add_point (measure, 121.4, 31.2);
  g_assert_false (cx_measure_get_finished (measure));
  g_assert_cmpuint (cx_measure_get_n_points (measure), ==, 1);

  changes = 0;
  cx_measure_clear (measure);
  cx_measure_clear (measure);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (cx_measure_get_n_points (measure), ==, 0);
  /* Nothing to finish. */
  cx_measure_set_finished (measure, TRUE);
  g_assert_false (cx_measure_get_finished (measure));
}

int
main (int   argc,
      char *argv[])
{
  /* The measure bar's words are checked in English. */
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geodesy/geodtest-distances", test_geodtest_distances);
  g_test_add_func ("/geodesy/planimeter", test_planimeter);
  g_test_add_func ("/geodesy/square-at-31n", test_square_at_31n);
  g_test_add_func ("/geodesy/holes-and-multipolygons", test_holes_and_multipolygons);
  g_test_add_func ("/geodesy/lines-and-points", test_lines_and_points);
  g_test_add_func ("/geodesy/district-outline", test_district_outline);
  g_test_add_func ("/geodesy/gcj02-invariance", test_gcj02_invariance);
  g_test_add_func ("/geodesy/measure-points", test_measure_points);

  return g_test_run ();
}
