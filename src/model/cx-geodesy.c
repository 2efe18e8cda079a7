/* cx-geodesy.c: lengths and areas on the WGS84 ellipsoid
 *
 * Geodesic lengths and ellipsoidal areas by Karney's algorithms, through
 * PROJ's C geodesic API (geodesic.h) rather than a copy of our own: they are
 * exact to a few nanometres, where the map's Web Mercator would inflate an
 * area at 31°N by 1/cos²(31°), about 36 %. Everything here takes positions
 * in WGS84 (x longitude, y latitude), as CxGeometry keeps them; the GCJ-02
 * shift some basemaps need is a matter of drawing only.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-geodesy"

#include "config.h"

#include <geodesic.h>
#include <math.h>

#include "cx-geodesy.h"

/* The WGS84 ellipsoid (NIMA TR8350.2): semi-major axis and flattening. */
#define WGS84_A 6378137.0
#define WGS84_F (1 / 298.257223563)

static const struct geod_geodesic *
wgs84 (void)
{
  static struct geod_geodesic g;
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      geod_init (&g, WGS84_A, WGS84_F);
      g_once_init_leave (&initialised, 1);
    }

  return &g;
}

/**
 * cx_geodesy_distance:
 *
 * The length of the shortest path between two WGS84 positions (in degrees)
 * on the ellipsoid.
 *
 * Returns: metres
 */
double
cx_geodesy_distance (double lon1,
                     double lat1,
                     double lon2,
                     double lat2)
{
  double s12 = 0;

  geod_inverse (wgs84 (), lat1, lon1, lat2, lon2, &s12, NULL, NULL);
  return s12;
}

/**
 * cx_geodesy_line_length:
 * @coords: (array length=n_coords): WGS84 positions, x longitude, y latitude
 *
 * The length of the polyline through @coords, each leg a geodesic.
 *
 * Returns: metres; 0 for fewer than two positions
 */
double
cx_geodesy_line_length (const CxCoord *coords,
                        guint          n_coords)
{
  struct geod_polygon p;
  double length = 0;

  if (n_coords < 2)
    return 0;

  /* The polyline accumulates in double-double, like the areas below. */
  geod_polygon_init (&p, TRUE);
  for (guint i = 0; i < n_coords; i++)
    geod_polygon_addpoint (wgs84 (), &p, coords[i].y, coords[i].x);
  geod_polygon_compute (wgs84 (), &p, FALSE, TRUE, NULL, &length);

  return length;
}

/**
 * cx_geodesy_ring_area:
 * @ring: (array length=n_coords): WGS84 positions, closed or not (a last
 *   position equal to the first, as GeoJSON repeats it, is the same ring)
 * @perimeter_m: (out) (optional): the ring's length, closing leg included
 *
 * The area inside the ring of geodesics through @ring, on the ellipsoid.
 *
 * Returns: square metres, positive when the ring turns anticlockwise (as
 *   seen from above), negative when clockwise
 */
double
cx_geodesy_ring_area (const CxCoord *ring,
                      guint          n_coords,
                      double        *perimeter_m)
{
  struct geod_polygon p;
  double area = 0, perimeter = 0;

  if (n_coords > 1 && ring[0].x == ring[n_coords - 1].x && ring[0].y == ring[n_coords - 1].y)
    n_coords--;

  if (n_coords >= 2)
    {
      geod_polygon_init (&p, FALSE);
      for (guint i = 0; i < n_coords; i++)
        geod_polygon_addpoint (wgs84 (), &p, ring[i].y, ring[i].x);
      /* sign: a clockwise ring is a negative area, not the rest of the Earth. */
      geod_polygon_compute (wgs84 (), &p, FALSE, TRUE, &area, &perimeter);
    }

  if (perimeter_m != NULL)
    *perimeter_m = perimeter;
  return area;
}

/**
 * cx_geodesy_measure_geometry:
 * @geometry: in WGS84
 * @measurement: (out caller-allocates): what it measures
 *
 * Measures a line's length (the sum of its parts), or a polygon's area (each
 * outline less its holes, whichever way they turn; the polygons of a
 * multi-polygon added up) and perimeter (every ring's length, holes
 * included, as GIS tools count it).
 *
 * Returns: %TRUE for lines and areas, %FALSE for points (nothing to measure)
 */
gboolean
cx_geodesy_measure_geometry (const CxGeometry *geometry,
                             CxMeasurement    *measurement)
{
  CxGeometryType type;

  g_return_val_if_fail (geometry != NULL, FALSE);
  g_return_val_if_fail (measurement != NULL, FALSE);

  *measurement = (CxMeasurement) { CX_MEASURE_NONE, 0, 0 };
  type = cx_geometry_get_geometry_type (geometry);

  if (cx_geometry_type_is_linear (type))
    {
      measurement->kind = CX_MEASURE_LENGTH;
      for (guint i = 0; i < cx_geometry_get_n_parts (geometry); i++)
        {
          guint n;
          const CxCoord *part = cx_geometry_get_part (geometry, i, &n);

          measurement->length_m += cx_geodesy_line_length (part, n);
        }
      return TRUE;
    }

  if (cx_geometry_type_is_areal (type))
    {
      measurement->kind = CX_MEASURE_AREA;
      for (guint poly = 0; poly < cx_geometry_get_n_polygons (geometry); poly++)
        {
          guint first, n_rings;
          double area = 0;

          cx_geometry_get_polygon_parts (geometry, poly, &first, &n_rings);
          for (guint r = 0; r < n_rings; r++)
            {
              guint n;
              const CxCoord *ring = cx_geometry_get_part (geometry, first + r, &n);
              double perimeter = 0;
              double a = fabs (cx_geodesy_ring_area (ring, n, &perimeter));

              area += r == 0 ? a : -a;
              measurement->length_m += perimeter;
            }
          /* Holes larger than their outline are not a polygon; they take
           * nothing away from the others. */
          measurement->area_m2 += MAX (area, 0);
        }
      return TRUE;
    }

  return FALSE;
}
