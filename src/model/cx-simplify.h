/* cx-simplify.h: Douglas–Peucker simplification of geometry, for levels of detail
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cx-geometry.h"

G_BEGIN_DECLS

/**
 * CxPartFunc:
 * @coords: the part's positions
 * @n: how many
 * @outer: whether it is the first part of its polygon (an outer ring), or
 *   the first of the loose parts
 * @out: the geometry being made; append this part's positions to it
 * @user_data: what was given to cx_geometry_map_parts()
 *
 * Makes one part of a new geometry from one part of another. The walk
 * closes the part afterwards.
 */
typedef void (*CxPartFunc) (const CxCoord *coords,
                            guint          n,
                            gboolean       outer,
                            CxGeometry    *out,
                            gpointer       user_data);

CxGeometry *cx_geometry_map_parts  (const CxGeometry *geometry,
                                    CxPartFunc        func,
                                    gpointer          user_data);

guint       cx_simplify_mark       (const CxCoord    *coords,
                                    guint             n,
                                    double            tolerance,
                                    guint8           *keep);
CxGeometry *cx_simplify_geometry   (const CxGeometry *geometry,
                                    double            tolerance);

G_END_DECLS
