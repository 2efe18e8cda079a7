/* cx-chart-table.h: what a chart shows, as a table to rank, copy and export
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-types.h"

G_BEGIN_DECLS

/**
 * CxChartRow:
 * @id: what the row is about: a district's or a feature's id, or a period
 * @label: the row's name as shown ("Changning District", "2018")
 * @has_value: %FALSE when the value is not available; @value is then 0 and
 *   must not be shown, and the row is listed all the same
 * @value: the value, in @unit
 * @text: (nullable): @value as shown, with its unit ("693,051 people")
 * @unit: (nullable): the unit as shown ("people", "people per km²")
 * @period: (nullable): the value's period as shown ("2020")
 * @source: (nullable): where the value is from, as cited
 * @highlighted: whether the chart stands the row out (Changning among the
 *   districts)
 *
 * One row of a #CxChartTable; read-only, owned by the table.
 */
typedef struct
{
  char     *id;
  char     *label;
  gboolean  has_value;
  double    value;
  char     *text;
  char     *unit;
  char     *period;
  char     *source;
  gboolean  highlighted;
} CxChartRow;

typedef struct _CxChartTable CxChartTable;

#define CX_TYPE_CHART_TABLE (cx_chart_table_get_type ())
GType             cx_chart_table_get_type      (void) G_GNUC_CONST;

CxChartTable     *cx_chart_table_new           (const char   *title,
                                                const char   *label_heading);
CxChartTable     *cx_chart_table_ref           (CxChartTable *self);
void              cx_chart_table_unref         (CxChartTable *self);

const char       *cx_chart_table_get_title     (CxChartTable *self);
const char       *cx_chart_table_get_label_heading (CxChartTable *self);

CxChartRow       *cx_chart_table_append        (CxChartTable *self,
                                                const char   *id,
                                                const char   *label,
                                                gboolean      has_value,
                                                double        value);
void              cx_chart_row_set_details     (CxChartRow   *row,
                                                const char   *text,
                                                const char   *unit,
                                                const char   *period,
                                                const char   *source);

guint             cx_chart_table_get_n_rows    (CxChartTable *self);
const CxChartRow *cx_chart_table_get_row       (CxChartTable *self,
                                                guint         i);
int               cx_chart_table_find          (CxChartTable *self,
                                                const char   *id);
void              cx_chart_table_rank          (CxChartTable *self);

char             *cx_chart_cite                (CxSource     *source);

char             *cx_chart_table_to_tsv        (CxChartTable *self);
char             *cx_chart_table_to_csv        (CxChartTable *self);
gboolean          cx_chart_table_write_csv     (CxChartTable *self,
                                                GFile        *file,
                                                GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CxChartTable, cx_chart_table_unref)

G_END_DECLS
