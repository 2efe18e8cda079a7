/* cx-thematic-legend.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-data-pack.h"

G_BEGIN_DECLS

#define CX_TYPE_THEMATIC_LEGEND (cx_thematic_legend_get_type ())
G_DECLARE_FINAL_TYPE (CxThematicLegend, cx_thematic_legend, CX, THEMATIC_LEGEND, GtkBox)

void         cx_thematic_legend_set_statistic  (CxThematicLegend *self,
                                                CxDataPack       *pack,
                                                CxStatistic      *statistic);
CxStatistic *cx_thematic_legend_get_statistic  (CxThematicLegend *self);
void         cx_thematic_legend_set_max_radius (CxThematicLegend *self,
                                                double            max_radius);
const char  *cx_thematic_legend_get_circles_text (CxThematicLegend *self);
guint        cx_thematic_legend_get_n_circles  (CxThematicLegend *self);
char        *cx_thematic_describe_source       (CxDataPack       *pack,
                                                CxStatistic      *statistic);

G_END_DECLS
