/* cx-measure-bar.h: the measure tool's small bar over the map
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-measure.h"

G_BEGIN_DECLS

#define CX_TYPE_MEASURE_BAR (cx_measure_bar_get_type ())
G_DECLARE_FINAL_TYPE (CxMeasureBar, cx_measure_bar, CX, MEASURE_BAR, GtkBox)

void        cx_measure_bar_set_measure (CxMeasureBar *self,
                                        CxMeasure    *measure);
const char *cx_measure_bar_get_readout (CxMeasureBar *self);

G_END_DECLS
