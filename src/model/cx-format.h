/* cx-format.h: figures, periods and dates as people read them
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-data-pack.h"
#include "cx-feature.h"
#include "cx-geodesy.h"
#include "cx-program.h"
#include "cx-source.h"
#include "cx-statistic.h"

G_BEGIN_DECLS

char *cx_format_number           (double       value);
char *cx_format_quantity         (double       value);
char *cx_format_statistic_value  (CxStatistic *statistic);
char *cx_format_unit             (CxStatistic *statistic);
char *cx_format_statistic_figure (CxStatistic *statistic,
                                  double       value);
char *cx_format_period           (const char  *period);
char *cx_format_title_with_period (const char *title,
                                   const char *period);
char *cx_format_date             (const char  *date);
char *cx_format_program_dates    (CxProgram   *program);
char *cx_format_source           (CxSource    *source);
char *cx_format_statistic_status (CxStatistic *statistic);
char *cx_format_feature_kind     (CxFeature   *feature);
char *cx_format_accuracy         (CxFeature   *feature);
char *cx_format_length           (double       metres);
char *cx_format_area             (double       square_metres);
char *cx_format_measurement      (const CxMeasurement *measurement);
char *cx_format_measured_shape   (const CxGeometry    *geometry);
char *cx_format_announcement     (GObject     *item);
char *cx_format_other_name       (const char  *shown,
                                  const char  *other,
                                  const char  *instead);
char *cx_format_two_names        (const char  *first,
                                  const char  *second,
                                  const char  *instead);
char *cx_format_district         (CxDataPack  *pack);
char *cx_format_file_name        (const char  *name,
                                  const char  *extension,
                                  const char  *fallback);

G_END_DECLS
