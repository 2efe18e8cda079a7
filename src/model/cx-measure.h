/* cx-measure.h: the points of a measurement on the map, and what they measure
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-geodesy.h"

G_BEGIN_DECLS

#define CX_TYPE_MEASURE (cx_measure_get_type ())
G_DECLARE_FINAL_TYPE (CxMeasure, cx_measure, CX, MEASURE, GObject)

CxMeasure     *cx_measure_new              (void);
void           cx_measure_add_point        (CxMeasure     *self,
                                            double         lon,
                                            double         lat);
gboolean       cx_measure_remove_last      (CxMeasure     *self);
void           cx_measure_clear            (CxMeasure     *self);
const CxCoord *cx_measure_get_points       (CxMeasure     *self,
                                            guint         *n_points);
guint          cx_measure_get_n_points     (CxMeasure     *self);
void           cx_measure_set_area         (CxMeasure     *self,
                                            gboolean       area);
gboolean       cx_measure_get_area         (CxMeasure     *self);
void           cx_measure_set_finished     (CxMeasure     *self,
                                            gboolean       finished);
gboolean       cx_measure_get_finished     (CxMeasure     *self);
void           cx_measure_get_measurement  (CxMeasure     *self,
                                            CxMeasurement *measurement);
char          *cx_measure_dup_readout      (CxMeasure     *self);

G_END_DECLS
