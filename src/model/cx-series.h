/* cx-series.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-chart-table.h"
#include "cx-types.h"

G_BEGIN_DECLS

CxChartTable *cx_series_table        (CxStatistic *statistic);
char         *cx_series_growth_check (CxDataPack  *pack,
                                      CxStatistic *statistic);

G_END_DECLS
