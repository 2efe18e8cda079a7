/* cx-gcj02.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cx_gcj02_applies  (double  lat,
                            double  lon);

void     cx_wgs84_to_gcj02 (double  lat,
                            double  lon,
                            double *glat,
                            double *glon);

void     cx_gcj02_to_wgs84 (double  glat,
                            double  glon,
                            double *lat,
                            double *lon);

G_END_DECLS
