/* cx-district-figures.c: Changning among the city's districts, as tables
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table per measure, one row per district of the pack (all of them,
 * always: a district without a figure is a row "not available", never left
 * out), the pack's own district highlighted.
 *
 * Which figure each row takes:
 * - population: the census statistic's breakdown by district;
 * - area: the area statistic's breakdown by district;
 * - density: population ÷ area of the same district, computed here, and
 *   only where both are published; the source names both;
 * - GDP: the GDP statistic's breakdown by district where it has one, else
 *   the statistic's own value for the pack's own district (the pack is a
 *   district's: its headline figures are that district's);
 * - GDP per resident: GDP ÷ the resident population of the same year and
 *   district (a statistic in people with the GDP's period: its breakdown,
 *   or its own value for the own district). Two figures of different years
 *   are never divided; such a district is not available.
 */

#define G_LOG_DOMAIN "cx-district-figures"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-data-pack.h"
#include "cx-district-figures.h"
#include "cx-format.h"
#include "cx-source.h"
#include "cx-statistic.h"

static const char * const statistic_ids[CX_DISTRICT_N_MEASURES] = {
  [CX_DISTRICT_POPULATION] = "population-census",
  [CX_DISTRICT_AREA] = "area",
  [CX_DISTRICT_DENSITY] = "population-census",
  [CX_DISTRICT_GDP] = "gdp",
  [CX_DISTRICT_GDP_PER_RESIDENT] = "gdp",
};

/**
 * cx_district_measure_statistic:
 *
 * Returns: the id of the statistic a measure starts from: the page that
 *   shows the comparison first
 */
const char *
cx_district_measure_statistic (CxDistrictMeasure measure)
{
  g_return_val_if_fail (measure < CX_DISTRICT_N_MEASURES, NULL);

  return statistic_ids[measure];
}

gboolean
cx_district_measure_computed (CxDistrictMeasure measure)
{
  return measure == CX_DISTRICT_DENSITY || measure == CX_DISTRICT_GDP_PER_RESIDENT;
}

const char *
cx_district_measure_name (CxDistrictMeasure measure)
{
  switch (measure)
    {
    case CX_DISTRICT_POPULATION:
      /* TRANSLATORS: what the districts are compared by */
      return C_("district measure", "Population");
    case CX_DISTRICT_AREA:
      /* TRANSLATORS: what the districts are compared by */
      return C_("district measure", "Area");
    case CX_DISTRICT_DENSITY:
      /* TRANSLATORS: what the districts are compared by: people per km² */
      return C_("district measure", "Density");
    case CX_DISTRICT_GDP:
      /* TRANSLATORS: what the districts are compared by */
      return C_("district measure", "GDP");
    case CX_DISTRICT_GDP_PER_RESIDENT:
      /* TRANSLATORS: what the districts are compared by */
      return C_("district measure", "GDP per resident");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A district's value of @stat: its breakdown's entry, else, for the own
 * district only, the statistic's own value. */
static gboolean
district_value (CxStatistic  *stat,
                CxDistrict   *district,
                CxDistrict   *own,
                double       *value,
                CxSource    **source)
{
  const char *id = cx_district_get_id (district);

  if (stat == NULL)
    return FALSE;
  if (cx_statistic_get_breakdown_kind (stat) == CX_BREAKDOWN_DISTRICT)
    {
      const CxStatisticEntry *entry = cx_statistic_lookup_entry (stat, id);

      if (entry == NULL || !entry->has_value)
        return FALSE;
      *value = entry->value;
      *source = entry->source;
      return TRUE;
    }
  if (district != own)
    return FALSE;
  *value = cx_statistic_get_value (stat);
  *source = cx_statistic_get_source (stat);
  return TRUE;
}

/* The statistic counting residents in @period for @district, if any:
 * one with a district breakdown first, then one of the pack's own. */
static CxStatistic *
population_in (CxDataPack *pack,
               const char *period,
               CxDistrict *district,
               CxDistrict *own,
               double     *value,
               CxSource  **source)
{
  GListModel *stats = cx_data_pack_get_statistics (pack);
  guint n = g_list_model_get_n_items (stats);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(CxStatistic) stat = g_list_model_get_item (stats, i);
        gboolean by_district = cx_statistic_get_breakdown_kind (stat) == CX_BREAKDOWN_DISTRICT;

        if (g_strcmp0 (cx_statistic_get_unit (stat), "people") != 0
            || g_strcmp0 (cx_statistic_get_period (stat), period) != 0
            || by_district != (pass == 0))
          continue;
        if (district_value (stat, district, own, value, source))
          return stat;
      }
  return NULL;
}

static char *
computed_source (CxSource *a,
                 CxSource *b)
{
  g_autofree char *first = cx_chart_cite (a);
  g_autofree char *second = cx_chart_cite (b);

  if (a == b)
    /* TRANSLATORS: the source of a figure computed from two of one source */
    return g_strdup_printf (_("Computed from: %s"), first);
  /* TRANSLATORS: the sources of a figure computed from two others */
  return g_strdup_printf (_("Computed from: %1$s; %2$s"), first, second);
}

/**
 * cx_district_figures:
 * @pack: a pack with districts
 * @measure: what to compare
 *
 * Returns: (transfer full): one row per district of @pack, in the pack's
 *   order (cx_chart_table_rank() orders them), the own district
 *   highlighted; the table's title says when the figures are computed
 */
CxChartTable *
cx_district_figures (CxDataPack        *pack,
                     CxDistrictMeasure  measure)
{
  GListModel *districts;
  CxDistrict *own;
  CxStatistic *stat;
  g_autofree char *title = NULL;
  CxChartTable *table;
  guint n;

  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);
  g_return_val_if_fail (measure < CX_DISTRICT_N_MEASURES, NULL);

  districts = cx_data_pack_get_districts (pack);
  own = cx_data_pack_get_own_district (pack);
  stat = cx_data_pack_resolve_statistic (pack, statistic_ids[measure], NULL);
  if (cx_district_measure_computed (measure))
    /* TRANSLATORS: a chart's title for figures the app computed */
    title = g_strdup_printf (_("%s (computed)"), cx_district_measure_name (measure));
  else
    title = g_strdup (cx_district_measure_name (measure));
  /* TRANSLATORS: heading of the first column of the districts' table */
  table = cx_chart_table_new (title, _("District"));

  n = districts != NULL ? g_list_model_get_n_items (districts) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxDistrict) district = g_list_model_get_item (districts, i);
      const char *id = cx_district_get_id (district);
      double value = 0;
      CxSource *source = NULL;
      gboolean has_value = district_value (stat, district, own, &value, &source);
      g_autofree char *text = NULL;
      g_autofree char *cited = NULL;
      g_autofree char *period = NULL;
      const char *unit = NULL;
      CxChartRow *row;

      if (stat != NULL)
        period = cx_format_period (cx_statistic_get_period (stat));

      switch (measure)
        {
        case CX_DISTRICT_POPULATION:
        case CX_DISTRICT_AREA:
        case CX_DISTRICT_GDP:
          if (has_value)
            {
              text = cx_format_statistic_figure (stat, value);
              cited = cx_chart_cite (source);
            }
          unit = stat != NULL ? cx_statistic_get_unit (stat) : NULL;
          break;

        case CX_DISTRICT_DENSITY:
          {
            CxStatistic *area = cx_data_pack_resolve_statistic (pack, statistic_ids[CX_DISTRICT_AREA], NULL);
            double km2 = 0;
            CxSource *area_source = NULL;

            has_value = has_value && district_value (area, district, own, &km2, &area_source) && km2 > 0;
            if (has_value)
              {
                g_autofree char *number = NULL;

                value = value / km2;
                number = cx_format_quantity (round (value));
                /* TRANSLATORS: a population density, e.g. "18,238 people per km²" */
                text = g_strdup_printf (_("%s people per km²"), number);
                cited = computed_source (source, area_source);
              }
            /* TRANSLATORS: the unit of a density in a chart's copied table */
            unit = _("people per km²");
            break;
          }

        case CX_DISTRICT_GDP_PER_RESIDENT:
          {
            double residents = 0;
            CxSource *population_source = NULL;

            has_value = has_value
                        && population_in (pack, cx_statistic_get_period (stat), district, own,
                                          &residents, &population_source) != NULL
                        && residents > 0;
            if (has_value)
              {
                g_autofree char *number = NULL;

                /* The pack keeps GDP in billions or trillions of yuan. */
                value = value * (g_strcmp0 (cx_statistic_get_unit (stat), "CNY trn") == 0 ? 1e12 : 1e9) / residents;
                number = cx_format_quantity (round (value));
                /* TRANSLATORS: GDP per resident in yuan, e.g. "¥406,975" (zh: "40.7万元") */
                text = g_strdup_printf (_("¥%s per resident"), number);
                cited = computed_source (source, population_source);
              }
            /* TRANSLATORS: the unit of GDP per resident in a chart's copied table */
            unit = _("CNY per resident");
            break;
          }

        default:
          g_assert_not_reached ();
        }

      row = cx_chart_table_append (table, id, cx_district_get_name (district), has_value, value);
      row->highlighted = district == own;
      cx_chart_row_set_details (row, text, unit, period, cited);
    }

  return table;
}

/**
 * cx_district_figures_missing:
 *
 * Returns: (transfer full) (nullable): the names of the table's rows
 *   without a value, as a list in words ("Huangpu District, Xuhui
 *   District"), or %NULL when every row has one
 */
char *
cx_district_figures_missing (CxChartTable *table)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < cx_chart_table_get_n_rows (table); i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (table, i);

      if (row->has_value)
        continue;
      if (names->len > 0)
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, row->label);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}
