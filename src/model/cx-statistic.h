/* cx-statistic.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-types.h"

G_BEGIN_DECLS

typedef enum
{
  CX_STATISTIC_GROWTH,
  CX_STATISTIC_AMOUNT,
  CX_STATISTIC_SHARE,
  CX_STATISTIC_COUNT,
} CxStatisticKind;

typedef enum
{
  CX_STATISTIC_CONFIRMED,
  CX_STATISTIC_REPORTED,
  CX_STATISTIC_ESTIMATE,
} CxStatisticStatus;

#define CX_TYPE_STATISTIC (cx_statistic_get_type ())
G_DECLARE_FINAL_TYPE (CxStatistic, cx_statistic, CX, STATISTIC, GObject)

const char        *cx_statistic_get_id         (CxStatistic *self);
const char        *cx_statistic_get_title      (CxStatistic *self);
const char        *cx_statistic_get_title_en   (CxStatistic *self);
const char        *cx_statistic_get_title_zh   (CxStatistic *self);
CxStatisticKind    cx_statistic_get_kind       (CxStatistic *self);
double             cx_statistic_get_value      (CxStatistic *self);
const char        *cx_statistic_get_unit       (CxStatistic *self);
const char        *cx_statistic_get_period     (CxStatistic *self);
const char        *cx_statistic_get_comparison (CxStatistic *self);
const char        *cx_statistic_get_comparison_en (CxStatistic *self);
CxStatisticStatus  cx_statistic_get_status     (CxStatistic *self);
CxSource          *cx_statistic_get_source     (CxStatistic *self);
const char        *cx_statistic_get_note       (CxStatistic *self);
const char        *cx_statistic_get_note_en    (CxStatistic *self);

G_END_DECLS
