/* cx-measure-layer.h: the measure tool's line, corners and crosshair over the map
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "cx-measure.h"
#include "cx-overlay-layer.h"

G_BEGIN_DECLS

#define CX_TYPE_MEASURE_LAYER (cx_measure_layer_get_type ())
G_DECLARE_FINAL_TYPE (CxMeasureLayer, cx_measure_layer, CX, MEASURE_LAYER, ShumateLayer)

CxMeasureLayer *cx_measure_layer_new           (CxOverlayLayer *overlay,
                                                CxMeasure      *measure);
void            cx_measure_layer_set_crosshair (CxMeasureLayer *self,
                                                gboolean        shown,
                                                double          latitude,
                                                double          longitude);
gboolean        cx_measure_layer_get_crosshair (CxMeasureLayer *self,
                                                double         *latitude,
                                                double         *longitude);

G_END_DECLS
