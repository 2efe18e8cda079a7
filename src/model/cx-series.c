/* cx-series.c: a statistic's values over time, as a chart's table, and its
 * published growth rates checked against them
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A series of years is drawn with every year from the first to the last:
 * the years the pack has no figure for are a row without a value, drawn
 * as a gap, never interpolated. A growth rate shown beside a series must agree
 * with it; where a published rate and the published levels disagree (GDP:
 * +7.4 % published for 2024, +22 % from the 2023 and 2024 levels), both
 * are shown and the reader is told why they can differ.
 */

#define G_LOG_DOMAIN "cx-series"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "cx-data-pack.h"
#include "cx-format.h"
#include "cx-series.h"
#include "cx-statistic.h"

/* The year of a period that is one plain year ("2018"), else 0. */
static int
plain_year (const char *period)
{
  if (period == NULL || strlen (period) != 4)
    return 0;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (period[i]))
      return 0;
  return atoi (period);
}

static void
append_point (CxChartTable           *table,
              CxStatistic            *statistic,
              const char             *period,
              const CxStatisticPoint *point)
{
  g_autofree char *label = cx_format_period (period);
  g_autofree char *text = NULL;
  g_autofree char *cited = NULL;
  gboolean has_value = point != NULL && point->has_value;
  CxChartRow *row;

  if (has_value)
    {
      text = cx_format_statistic_figure (statistic, point->value);
      cited = cx_chart_cite (point->source);
    }
  row = cx_chart_table_append (table, period, label, has_value, has_value ? point->value : 0);
  cx_chart_row_set_details (row, text, cx_statistic_get_unit (statistic), label, cited);
}

/**
 * cx_series_table:
 * @statistic: a statistic with a series
 *
 * Returns: (transfer full): one row per period, in the series' order, the
 *   row's id being the period as the pack writes it; in a series of plain
 *   years, each year between the first and the last that the series does
 *   not list is a row without a value; a run of such years is one row,
 *   its period a range ("2019/2022")
 */
CxChartTable *
cx_series_table (CxStatistic *statistic)
{
  guint n;
  gboolean years = TRUE;
  CxChartTable *table;

  g_return_val_if_fail (CX_IS_STATISTIC (statistic), NULL);

  n = cx_statistic_get_n_points (statistic);
  /* TRANSLATORS: heading of the first column of a series' table */
  table = cx_chart_table_new (cx_statistic_get_title (statistic), _("Period"));
  for (guint i = 0; i < n; i++)
    years = years && plain_year (cx_statistic_get_point (statistic, i)->period) > 0;

  for (guint i = 0; i < n; i++)
    {
      const CxStatisticPoint *point = cx_statistic_get_point (statistic, i);

      if (years && i > 0)
        {
          int previous = plain_year (cx_statistic_get_point (statistic, i - 1)->period);

          /* The years missing between two values are one gap, as a
           * range ("2019–2022"): drawn as one, and not a dozen empty
           * columns. Years go forward in a valid pack; a series going
           * backwards simply gets no gap. */
          if (previous > 0 && plain_year (point->period) > previous + 1)
            {
              g_autofree char *missing = NULL;

              if (plain_year (point->period) == previous + 2)
                missing = g_strdup_printf ("%d", previous + 1);
              else
                missing = g_strdup_printf ("%d/%d", previous + 1, plain_year (point->period) - 1);
              append_point (table, statistic, missing, NULL);
            }
        }
      append_point (table, statistic, point->period, point);
    }

  return table;
}

static const CxStatisticPoint *
level (CxStatistic *statistic,
       int          year)
{
  g_autofree char *period = g_strdup_printf ("%d", year);
  const CxStatisticPoint *point = cx_statistic_lookup_point (statistic, period);

  return point != NULL && point->has_value && point->value > 0 ? point : NULL;
}

/* Checks one growth rate: appends a sentence to @out. */
static void
check_growth (GString     *out,
              CxStatistic *statistic,
              CxStatistic *growth)
{
  const char *period = cx_statistic_get_period (growth);
  g_auto(GStrv) ends = g_strsplit (period, "/", 2);
  int first = plain_year (ends[0]);
  int last = ends[1] != NULL ? plain_year (ends[1]) : first;
  const CxStatisticPoint *from, *to;
  g_autofree char *published = NULL;
  g_autofree char *when = NULL;
  g_autofree char *base = NULL;
  double computed;

  /* Half-years and months cannot be checked against yearly levels. */
  if (first == 0 || last < first)
    return;

  published = cx_format_statistic_value (growth);
  when = cx_format_period (period);
  from = level (statistic, first - 1);
  to = level (statistic, last);
  if (out->len > 0)
    g_string_append_c (out, ' ');
  if (from == NULL || to == NULL)
    {
      base = g_strdup_printf ("%d", from == NULL ? first - 1 : last);
      /* TRANSLATORS: a published growth rate that the series cannot
       * check: "The published growth for 2021–2024 (+7.8 %) cannot be
       * checked against this series: it has no figure for 2020." */
      g_string_append_printf (out, _("The published growth for %1$s (%2$s) cannot be checked against this series: it has no figure for %3$s."),
                              when, published, base);
      return;
    }

  /* Average yearly growth over the years from @first to @last. */
  computed = (pow (to->value / from->value, 1.0 / (last - first + 1)) - 1) * 100;
  {
    g_autofree char *from_levels = cx_format_statistic_figure (growth, round (computed * 10) / 10);

    /* The levels and the rate are each rounded to a tenth or so. */
    if (fabs (computed - cx_statistic_get_value (growth)) < 0.15)
      /* TRANSLATORS: "The published growth for 2024 (+7.4 %) agrees with
       * the levels in this series (+7.4 %)." */
      g_string_append_printf (out, _("The published growth for %1$s (%2$s) agrees with the levels in this series (%3$s)."),
                              when, published, from_levels);
    else
      /* TRANSLATORS: a published growth rate that the published levels do
       * not give; both are shown, and why they can differ */
      g_string_append_printf (out, _("The published growth for %1$s is %2$s, but the levels in this series give %3$s. "
                                     "Both are shown as published: growth rates are reckoned at comparable prices and "
                                     "on revised figures, while each level is the one first published for its year, "
                                     "at current prices; see each value's note."),
                              when, published, from_levels);
  }
}

/**
 * cx_series_growth_check:
 * @pack: the pack holding @statistic
 * @statistic: a statistic with a series
 *
 * The growth rates the pack publishes for @statistic (the statistics
 * whose id is @statistic's followed by "-growth-"), each checked against
 * the levels of the series: agreeing, disagreeing (both shown, and why),
 * or not to be checked for want of a level.
 *
 * Returns: (transfer full) (nullable): sentences, or %NULL when there are
 *   no yearly growth rates to check
 */
char *
cx_series_growth_check (CxDataPack  *pack,
                        CxStatistic *statistic)
{
  g_autofree char *prefix = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GListModel *stats;

  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);
  g_return_val_if_fail (CX_IS_STATISTIC (statistic), NULL);

  if (cx_statistic_get_n_points (statistic) == 0)
    return NULL;
  prefix = g_strconcat (cx_statistic_get_id (statistic), "-growth-", NULL);
  stats = cx_data_pack_get_statistics (pack);
  for (guint i = 0; i < g_list_model_get_n_items (stats); i++)
    {
      g_autoptr(CxStatistic) growth = g_list_model_get_item (stats, i);

      if (cx_statistic_get_kind (growth) == CX_STATISTIC_GROWTH
          && g_str_has_prefix (cx_statistic_get_id (growth), prefix))
        check_growth (out, statistic, growth);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}
