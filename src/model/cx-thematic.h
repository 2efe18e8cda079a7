/* cx-thematic.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cx-chart-table.h"
#include "cx-data-pack.h"
#include "cx-statistic.h"

G_BEGIN_DECLS

/* A legend has at most this many nested circles. */
#define CX_THEMATIC_MAX_LEGEND 3

gboolean cx_thematic_can_show         (CxStatistic *statistic);
double   cx_thematic_max_value        (CxStatistic *statistic);
double   cx_thematic_radius           (double       value,
                                       double       max_value,
                                       double       max_radius);
guint    cx_thematic_legend_values    (double       max_value,
                                       double       min_value,
                                       double      *values);
guint    cx_thematic_statistic_legend_values (CxStatistic *statistic,
                                              double      *values);
double   cx_thematic_shown_value      (CxStatistic *statistic,
                                       double       value);
CxChartTable *cx_thematic_table       (CxDataPack  *pack,
                                       CxStatistic *statistic);
guint   *cx_thematic_order            (CxStatistic *statistic,
                                       guint       *n_order);

G_END_DECLS
