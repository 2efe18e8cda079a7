/* cx-district-figures.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-chart-table.h"
#include "cx-types.h"

G_BEGIN_DECLS

/* What the districts are compared by; density and GDP per resident are
 * computed from two figures of the pack. */
typedef enum
{
  CX_DISTRICT_POPULATION,
  CX_DISTRICT_AREA,
  CX_DISTRICT_DENSITY,
  CX_DISTRICT_GDP,
  CX_DISTRICT_GDP_PER_RESIDENT,
} CxDistrictMeasure;

#define CX_DISTRICT_N_MEASURES (CX_DISTRICT_GDP_PER_RESIDENT + 1)

CxChartTable *cx_district_figures           (CxDataPack        *pack,
                                             CxDistrictMeasure  measure);
gboolean      cx_district_measure_computed  (CxDistrictMeasure  measure);
const char   *cx_district_measure_name      (CxDistrictMeasure  measure);
const char   *cx_district_measure_statistic (CxDistrictMeasure  measure);
char         *cx_district_figures_missing   (CxChartTable      *table);

G_END_DECLS
