/* cx-series-chart.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-chart-table.h"

G_BEGIN_DECLS

#define CX_TYPE_SERIES_CHART (cx_series_chart_get_type ())
G_DECLARE_FINAL_TYPE (CxSeriesChart, cx_series_chart, CX, SERIES_CHART, GtkWidget)

GtkWidget    *cx_series_chart_new               (void);
void          cx_series_chart_set_table         (CxSeriesChart *self,
                                                 CxChartTable  *table);
CxChartTable *cx_series_chart_get_table         (CxSeriesChart *self);
const char   *cx_series_chart_get_selected_id   (CxSeriesChart *self);
GtkWidget    *cx_series_chart_get_column        (CxSeriesChart *self,
                                                 guint          i);
GtkWidget    *cx_series_chart_get_source_popover (CxSeriesChart *self);
void          cx_series_chart_copy              (CxSeriesChart *self);

G_END_DECLS
