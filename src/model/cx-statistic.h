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

/* What a statistic's breakdown is by: places of the map, or the city's
 * districts (cx_data_pack_get_districts()). */
typedef enum
{
  CX_BREAKDOWN_NONE,
  CX_BREAKDOWN_FEATURE,
  CX_BREAKDOWN_DISTRICT,
} CxBreakdownKind;

/* More than this many values in a series or a breakdown is not a statistic
 * of one district: the pack is refused rather than drawn as a chart nobody
 * can read (docs/data-pack.md). */
#define CX_STATISTIC_MAX_POINTS  500
#define CX_STATISTIC_MAX_ENTRIES 1000

/**
 * CxStatisticPoint:
 * @period: the period, in the pack's form ("2018", "2023-H1")
 * @has_value: %FALSE for a gap: the period is listed, its value was not
 *   published or not found; @value is then 0 and must not be shown
 * @value: the value, in the statistic's unit
 * @source: the point's source (the statistic's unless the point names one)
 * @status: the point's status (likewise)
 * @note: (nullable): the point's note, in English; see
 *   cx_statistic_get_point_note()
 * @former_id: (nullable): the id this value had as a statistic of its own in
 *   earlier packs; cx_data_pack_lookup_statistic() still finds it
 *
 * One value of a statistic's series; read-only, owned by the statistic.
 */
typedef struct
{
  char              *period;
  gboolean           has_value;
  double             value;
  CxSource          *source;
  CxStatisticStatus  status;
  char              *note;
  char              *former_id;
} CxStatisticPoint;

/**
 * CxStatisticEntry:
 * @id: the feature's or the district's id
 * @has_value: %FALSE when the value for this place is listed as not
 *   available; @value is then 0 and must not be shown
 * @value: the value, in the statistic's unit, for the statistic's period
 *
 * One value of a statistic's breakdown; read-only, owned by the statistic.
 * The other members are as in #CxStatisticPoint.
 */
typedef struct
{
  char              *id;
  gboolean           has_value;
  double             value;
  CxSource          *source;
  CxStatisticStatus  status;
  char              *note;
  char              *former_id;
} CxStatisticEntry;

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

guint                   cx_statistic_get_n_points       (CxStatistic            *self);
const CxStatisticPoint *cx_statistic_get_point          (CxStatistic            *self,
                                                         guint                   i);
const CxStatisticPoint *cx_statistic_lookup_point       (CxStatistic            *self,
                                                         const char             *period);
const char             *cx_statistic_get_point_note     (CxStatistic            *self,
                                                         const CxStatisticPoint *point);

CxBreakdownKind         cx_statistic_get_breakdown_kind (CxStatistic            *self);
guint                   cx_statistic_get_n_entries      (CxStatistic            *self);
const CxStatisticEntry *cx_statistic_get_entry          (CxStatistic            *self,
                                                         guint                   i);
const CxStatisticEntry *cx_statistic_lookup_entry       (CxStatistic            *self,
                                                         const char             *id);
gboolean                cx_statistic_get_ratio          (CxStatistic            *self,
                                                         CxStatistic           **numerator,
                                                         CxStatistic           **denominator);
const char             *cx_statistic_get_entry_note     (CxStatistic            *self,
                                                         const CxStatisticEntry *entry);

G_END_DECLS
