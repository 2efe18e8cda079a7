/* cx-geodesy.h: lengths and areas on the WGS84 ellipsoid
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-geometry.h"

G_BEGIN_DECLS

/* What a geometry measures: lines have a length, areas an area and a
 * perimeter (their outlines and holes together), points nothing. */
typedef enum
{
  CX_MEASURE_NONE,
  CX_MEASURE_LENGTH,
  CX_MEASURE_AREA,
} CxMeasureKind;

typedef struct
{
  CxMeasureKind kind;
  double        length_m;   /* a line's length, or an area's perimeter */
  double        area_m2;    /* 0 for lines */
} CxMeasurement;

double   cx_geodesy_distance          (double             lon1,
                                       double             lat1,
                                       double             lon2,
                                       double             lat2);
double   cx_geodesy_line_length       (const CxCoord     *coords,
                                       guint              n_coords);
double   cx_geodesy_ring_area         (const CxCoord     *ring,
                                       guint              n_coords,
                                       double            *perimeter_m);
gboolean cx_geodesy_measure_geometry  (const CxGeometry  *geometry,
                                       CxMeasurement     *measurement);

G_END_DECLS
