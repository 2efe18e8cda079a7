/* cx-chart-section.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-chart-table.h"

G_BEGIN_DECLS

#define CX_TYPE_CHART_SECTION (cx_chart_section_get_type ())
G_DECLARE_FINAL_TYPE (CxChartSection, cx_chart_section, CX, CHART_SECTION, GtkBox)

void          cx_chart_section_set_chart   (CxChartSection *self,
                                            GtkWidget      *chart);
GtkWidget    *cx_chart_section_get_chart   (CxChartSection *self);
GtkWidget    *cx_chart_section_get_extra   (CxChartSection *self);
CxChartTable *cx_chart_section_get_table   (CxChartSection *self);
void          cx_chart_section_set_caption (CxChartSection *self,
                                            const char     *caption);

G_END_DECLS
