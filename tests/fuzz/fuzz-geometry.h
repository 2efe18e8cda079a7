/* fuzz-geometry.h: what a geometry that loaded must be
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "cx-geometry.h"
#include "fuzz-common.h"

static inline void
fuzz_check_coord (double x,
                  double y)
{
  FUZZ_CHECK (isfinite (x) && isfinite (y));
  FUZZ_CHECK (x >= -180 && x <= 180);
  FUZZ_CHECK (y >= -85.0511287798 && y <= 85.0511287798);
}

/* Walks a geometry the way the map does: bounds, label point, hit tests. */
static inline void
fuzz_check_geometry (const CxGeometry *geometry)
{
  const CxCoord *coords = cx_geometry_get_coords (geometry);
  guint n = cx_geometry_get_n_coords (geometry);
  CxBounds bounds = cx_geometry_get_bounds (geometry);
  CxCoord label;
  double px, py;

  FUZZ_CHECK (n > 0);
  for (guint i = 0; i < n; i++)
    fuzz_check_coord (coords[i].x, coords[i].y);

  FUZZ_CHECK (!cx_bounds_is_empty (&bounds));

  for (guint p = 0; p < cx_geometry_get_n_parts (geometry); p++)
    {
      guint part_n;

      FUZZ_CHECK (cx_geometry_get_part (geometry, p, &part_n) != NULL);
      if (cx_geometry_get_geometry_type (geometry) == CX_GEOMETRY_POLYGON ||
          cx_geometry_get_geometry_type (geometry) == CX_GEOMETRY_MULTI_POLYGON)
        FUZZ_CHECK (part_n >= 4);
    }

  label = cx_geometry_get_label_point (geometry);
  FUZZ_CHECK (isfinite (label.x) && isfinite (label.y));

  /* Self-intersecting and zero-area rings are accepted: hit testing must
   * still give an answer, not a crash or a NaN distance. */
  (void) cx_geometry_contains (geometry, label.x, label.y);
  FUZZ_CHECK (!isnan (cx_geometry_distance_to_lines (geometry, label.x, label.y)));

  cx_mercator_project (label.x, label.y, &px, &py);
  FUZZ_CHECK (isfinite (px) && isfinite (py));
}
