/* cx-thematic.c: the arithmetic of a thematic view (proportional symbols)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thematic view draws one statistic's breakdown by feature as circles
 * on its places. A reader compares circles by their area, so the AREA is
 * proportional to the value: r = r_max · √(v / v_max), with no minimum
 * size and no offset, which would make small values look larger than they
 * are. The legend shows round values as nested circles drawn the same way.
 * GLib only, so the unit tests check the numbers without a display.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cx-feature.h"
#include "cx-format.h"
#include "cx-thematic.h"

/**
 * cx_thematic_can_show:
 * @statistic: (nullable): a statistic
 *
 * Returns: whether @statistic has a breakdown by feature with at least one
 *   value and no negative one, the only kind a thematic view draws
 */
gboolean
cx_thematic_can_show (CxStatistic *statistic)
{
  gboolean any = FALSE;

  if (statistic == NULL ||
      cx_statistic_get_breakdown_kind (statistic) != CX_BREAKDOWN_FEATURE)
    return FALSE;

  for (guint i = 0; i < cx_statistic_get_n_entries (statistic); i++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (statistic, i);

      if (!entry->has_value)
        continue;
      /* A circle has no negative area: a breakdown with a negative value
       * (a change, a balance) is not drawn as symbols at all rather than
       * drawn wrong. */
      if (entry->value < 0)
        return FALSE;
      if (entry->value > 0)
        any = TRUE;
    }

  return any;
}

/**
 * cx_thematic_max_value:
 * @statistic: a statistic with a breakdown
 *
 * Returns: the largest value of the breakdown, 0 when it has none
 */
double
cx_thematic_max_value (CxStatistic *statistic)
{
  double max = 0;

  for (guint i = 0; i < cx_statistic_get_n_entries (statistic); i++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (statistic, i);

      if (entry->has_value && entry->value > max)
        max = entry->value;
    }

  return max;
}

/**
 * cx_thematic_radius:
 * @value: the value to draw
 * @max_value: the largest value of the view, drawn @max_radius wide
 * @max_radius: the largest circle's radius
 *
 * Returns: the radius of @value's circle, whose area is to the largest
 *   circle's as @value is to @max_value; 0 for 0, a negative value or no
 *   maximum
 */
double
cx_thematic_radius (double value,
                    double max_value,
                    double max_radius)
{
  if (!(value > 0) || !(max_value > 0) || !(max_radius > 0))
    return 0;

  return max_radius * sqrt (value / max_value);
}

/* The largest of 1, 2, 2.5 and 5 times a power of ten that is at most
 * @value: the values people read a legend in. */
static double
round_down (double value)
{
  static const double steps[] = { 5, 2.5, 2, 1 };
  double decade = pow (10, floor (log10 (value)));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * decade <= value * (1 + 1e-9))
      return steps[i] * decade;

  return decade;
}

/**
 * cx_thematic_legend_values:
 * @max_value: the largest value drawn
 * @min_value: the smallest value drawn (above 0)
 * @values: (out caller-allocates) (array fixed-size=3): the legend's values,
 *   largest first
 *
 * Chooses the legend's nested circles: the largest round value not above
 * @max_value, so the legend's biggest circle is never bigger than any
 * circle on the map would justify, then round values near a quarter and a
 * sixteenth of it (a half and a quarter of its radius, so the circles nest
 * visibly apart). A smaller value is only added while it stays at or above
 * a round value under @min_value, so the legend does not show circles far
 * smaller than anything on the map.
 *
 * Returns: how many values were chosen (0 when @max_value is not above 0)
 */
guint
cx_thematic_legend_values (double  max_value,
                           double  min_value,
                           double *values)
{
  guint n = 0;
  double floor_value;

  if (!(max_value > 0) || !isfinite (max_value))
    return 0;

  values[n++] = round_down (max_value);
  floor_value = min_value > 0 && min_value < max_value ? round_down (min_value) : 0;

  while (n < CX_THEMATIC_MAX_LEGEND)
    {
      double next = round_down (values[n - 1] / 4);

      if (next < floor_value || next >= values[n - 1])
        break;
      values[n++] = next;
    }

  return n;
}

static int
compare_by_value (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  CxStatistic *statistic = user_data;
  const CxStatisticEntry *ea = cx_statistic_get_entry (statistic, *(const guint *) a);
  const CxStatisticEntry *eb = cx_statistic_get_entry (statistic, *(const guint *) b);
  double va = ea->has_value ? ea->value : -INFINITY;
  double vb = eb->has_value ? eb->value : -INFINITY;

  if (va != vb)
    return va > vb ? -1 : 1;
  /* Equal values keep the pack's order: the same every time. */
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/**
 * cx_thematic_order:
 * @statistic: a statistic with a breakdown
 * @n_order: (out): the number of indices returned
 *
 * The breakdown's entries from the largest value to the smallest, those
 * without a value last: the order circles are drawn in (largest first, so a
 * small circle is never hidden under a large one) and bars are ranked in.
 *
 * Returns: (transfer full) (array length=n_order): entry indices
 */
guint *
cx_thematic_order (CxStatistic *statistic,
                   guint       *n_order)
{
  guint n = cx_statistic_get_n_entries (statistic);
  guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_sort_array (order, n, sizeof (guint), compare_by_value, statistic);
  *n_order = n;

  return order;
}

/**
 * cx_thematic_statistic_legend_values:
 * @statistic: a statistic that cx_thematic_can_show()
 * @values: (out caller-allocates) (array fixed-size=3): as
 *   cx_thematic_legend_values() chooses them for the breakdown's values
 *
 * Returns: how many values were chosen
 */
guint
cx_thematic_statistic_legend_values (CxStatistic *statistic,
                                     double      *values)
{
  double max_value = cx_thematic_max_value (statistic);
  double min_value = max_value;

  for (guint i = 0; i < cx_statistic_get_n_entries (statistic); i++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (statistic, i);

      if (entry->has_value && entry->value > 0 && entry->value < min_value)
        min_value = entry->value;
    }

  return cx_thematic_legend_values (max_value, min_value, values);
}

/**
 * cx_thematic_shown_value:
 * @statistic: a statistic with a breakdown
 * @value: one of its values
 *
 * A computed ratio's values have every digit a division gives (37,257.65
 * jobs per km²), more than either figure divided is sure of: they are shown
 * to whole units (to hundredths below 10). Published values are shown as
 * published.
 *
 * Returns: the value as shown
 */
double
cx_thematic_shown_value (CxStatistic *statistic,
                         double       value)
{
  if (!cx_statistic_get_ratio (statistic, NULL, NULL) || !isfinite (value))
    return value;

  return fabs (value) >= 10 ? round (value) : round (value * 100) / 100;
}

/**
 * cx_thematic_table:
 * @pack: the statistic's pack, which names its places
 * @statistic: a statistic with a breakdown by feature
 *
 * The thematic view's values as a chart table, for its ranked bars: one
 * row per place (its id the feature's), the value as shown
 * (cx_thematic_shown_value()), a place without a value listed as such. A
 * computed ratio's rows cite both statistics' sources.
 *
 * Returns: (transfer full): the table, not yet ranked
 */
CxChartTable *
cx_thematic_table (CxDataPack  *pack,
                   CxStatistic *statistic)
{
  CxStatistic *numerator = NULL, *denominator = NULL;
  g_autofree char *period = cx_format_period (cx_statistic_get_period (statistic));
  g_autofree char *ratio_cited = NULL;
  /* TRANSLATORS: heading of the first column of a thematic view's table */
  CxChartTable *table = cx_chart_table_new (cx_statistic_get_title (statistic), _("Place"));

  if (cx_statistic_get_ratio (statistic, &numerator, &denominator))
    {
      g_autofree char *a = cx_chart_cite (cx_statistic_get_source (numerator));
      g_autofree char *b = cx_chart_cite (cx_statistic_get_source (denominator));

      /* TRANSLATORS: where a computed ratio's value is from: "Computed
       * from <source of A>; <source of B>" */
      ratio_cited = g_strdup_printf (_("Computed from %1$s; %2$s"), a, b);
    }

  for (guint i = 0; i < cx_statistic_get_n_entries (statistic); i++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (statistic, i);
      CxFeature *feature = cx_data_pack_lookup_feature (pack, entry->id);
      double value = entry->has_value ? cx_thematic_shown_value (statistic, entry->value) : 0;
      g_autofree char *text = entry->has_value ? cx_format_statistic_figure (statistic, value) : NULL;
      g_autofree char *cited = ratio_cited == NULL ? cx_chart_cite (entry->source) : NULL;
      CxChartRow *row;

      row = cx_chart_table_append (table, entry->id, feature != NULL ? cx_feature_get_name (feature) : entry->id,
                                   entry->has_value, value);
      cx_chart_row_set_details (row, text, cx_statistic_get_unit (statistic), period,
                                ratio_cited != NULL ? ratio_cited : cited);
    }

  return table;
}
