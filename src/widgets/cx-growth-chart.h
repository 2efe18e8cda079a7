/* cx-growth-chart.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-statistic.h"

G_BEGIN_DECLS

#define CX_TYPE_GROWTH_CHART (cx_growth_chart_get_type ())
G_DECLARE_FINAL_TYPE (CxGrowthChart, cx_growth_chart, CX, GROWTH_CHART, GtkWidget)

GtkWidget  *cx_growth_chart_new              (GListModel    *statistics);
void        cx_growth_chart_set_statistics   (CxGrowthChart *self,
                                              GListModel    *statistics);
const char *cx_growth_chart_get_text_alternative (CxGrowthChart *self);
guint       cx_growth_chart_get_n_bars       (CxGrowthChart *self);

G_END_DECLS
