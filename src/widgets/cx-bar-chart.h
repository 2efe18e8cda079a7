/* cx-bar-chart.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-chart-table.h"

G_BEGIN_DECLS

#define CX_TYPE_BAR_CHART (cx_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (CxBarChart, cx_bar_chart, CX, BAR_CHART, GtkWidget)

GtkWidget    *cx_bar_chart_new             (void);
void          cx_bar_chart_set_table       (CxBarChart   *self,
                                            CxChartTable *table);
CxChartTable *cx_bar_chart_get_table       (CxBarChart   *self);
void          cx_bar_chart_set_selected_id (CxBarChart   *self,
                                            const char   *id);
const char   *cx_bar_chart_get_selected_id (CxBarChart   *self);
void          cx_bar_chart_set_hovered_id  (CxBarChart   *self,
                                            const char   *id);
const char   *cx_bar_chart_get_hovered_id  (CxBarChart   *self);
GtkWidget    *cx_bar_chart_get_row_widget  (CxBarChart   *self,
                                            guint         i);
void          cx_bar_chart_copy            (CxBarChart   *self);

G_END_DECLS
