/* test-chart-table.c: a chart's table: ranking, TSV and CSV escaping
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cx-chart-table.h"
#include "cx-data-pack.h"
#include "cx-district-figures.h"
#include "cx-series.h"
#include "cx-statistic.h"
#include "cx-test-packs.h"

static CxChartTable *
ranked_table (void)
{
  CxChartTable *table = cx_chart_table_new ("Population", "District");

  cx_chart_table_append (table, "huangpu", "Huangpu", TRUE, 662030);
  cx_chart_table_append (table, "nowhere", "Nowhere", FALSE, 0);
  cx_chart_table_append (table, "pudong", "Pudong", TRUE, 5681512);
  cx_chart_table_append (table, "changning", "Changning", TRUE, 693051)->highlighted = TRUE;
  cx_chart_table_append (table, "tie", "Tie", TRUE, 662030);
  cx_chart_table_append (table, "nan", "Not a number", TRUE, NAN);
  cx_chart_table_append (table, "negative", "Negative", TRUE, -5);
  return table;
}

static void
test_rank (void)
{
  g_autoptr(CxChartTable) table = ranked_table ();
  const char *expected[] = { "pudong", "changning", "huangpu", "tie", "negative", "nowhere", "nan" };

  cx_chart_table_rank (table);
  g_assert_cmpuint (cx_chart_table_get_n_rows (table), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (cx_chart_table_get_row (table, i)->id, ==, expected[i]);
  /* Not finite is not available, never drawn as a value. */
  g_assert_false (cx_chart_table_get_row (table, 6)->has_value);
  g_assert_true (cx_chart_table_get_row (table, 1)->highlighted);
  g_assert_cmpint (cx_chart_table_find (table, "changning"), ==, 1);
  g_assert_cmpint (cx_chart_table_find (table, "unknown"), ==, -1);
  g_assert_cmpint (cx_chart_table_find (table, NULL), ==, -1);
}

static CxChartTable *
awkward_table (void)
{
  CxChartTable *table = cx_chart_table_new ("Awkward", NULL);
  CxChartRow *row;

  row = cx_chart_table_append (table, "a", "Tab\there, \"quoted\", comma", TRUE, 278.9);
  cx_chart_row_set_details (row, "¥278.9 bn", "CNY bn", "2024", "Line one\nline two");
  row = cx_chart_table_append (table, "b", "长宁区", TRUE, 693051);
  cx_chart_row_set_details (row, "69.3万人", "人", "2020年", "上海市统计局, 2021");
  row = cx_chart_table_append (table, "c", "=HYPERLINK(\"x\")", TRUE, -3.2);
  cx_chart_row_set_details (row, NULL, "+1", "-", "@SUM(A1)");
  row = cx_chart_table_append (table, "d", "\"Leading quote", FALSE, 0);
  cx_chart_row_set_details (row, NULL, NULL, NULL, "CR\r\nLF");
  return table;
}

static void
test_tsv (void)
{
  g_autoptr(CxChartTable) table = awkward_table ();
  g_autofree char *tsv = cx_chart_table_to_tsv (table);

  g_assert_cmpstr (tsv, ==,
                   "Label\tValue\tUnit\tPeriod\tSource\n"
                   "Tab here, \"quoted\", comma\t278.9\tCNY bn\t2024\tLine one line two\n"
                   "长宁区\t693051\t人\t2020年\t上海市统计局, 2021\n"
                   "'=HYPERLINK(\"x\")\t-3.2\t'+1\t'-\t'@SUM(A1)\n"
                   "\"\"\"Leading quote\"\t\t\t\tCR LF\n");
}

static void
test_csv (void)
{
  g_autoptr(CxChartTable) table = awkward_table ();
  g_autofree char *csv = cx_chart_table_to_csv (table);

  g_assert_cmpstr (csv, ==,
                   "Label,Value,Unit,Period,Source\r\n"
                   "\"Tab\there, \"\"quoted\"\", comma\",278.9,CNY bn,2024,\"Line one\nline two\"\r\n"
                   "长宁区,693051,人,2020年,\"上海市统计局, 2021\"\r\n"
                   "\"'=HYPERLINK(\"\"x\"\")\",-3.2,'+1,'-,'@SUM(A1)\r\n"
                   "\"\"\"Leading quote\",,,,\"CR\r\nLF\"\r\n");
}

/* Values are written with a dot whatever the locale's decimal mark. */
static void
test_numbers_ignore_locale (void)
{
  g_autoptr(CxChartTable) table = cx_chart_table_new (NULL, NULL);
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *csv = NULL;

  cx_chart_table_append (table, "x", "x", TRUE, 1234567.25);
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    g_test_message ("no de_DE locale: the decimal mark is the C one");
  csv = cx_chart_table_to_csv (table);
  setlocale (LC_NUMERIC, saved);
  g_assert_true (g_str_has_suffix (csv, "\r\nx,1234567.25,,,\r\n"));
}

static void
test_write_csv (void)
{
  g_autoptr(CxChartTable) table = awkward_table ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cx-chart-table-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *csv = cx_chart_table_to_csv (table);
  g_autoptr(GDir) listing = NULL;

  g_assert_no_error (error);
  g_assert_true (cx_chart_table_write_csv (table, file, &error));
  g_assert_no_error (error);
  /* Again, over the first: replaced whole. */
  g_assert_true (cx_chart_table_write_csv (table, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
  g_assert_cmpstr (contents + 3, ==, csv);
  /* No temporary left beside it. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "table.csv");
  g_assert_null (g_dir_read_name (listing));

  g_remove (path);
  g_rmdir (dir);
}

static void
test_write_csv_fails (void)
{
  g_autoptr(CxChartTable) table = awkward_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-cx-dir/table.csv");

  g_assert_false (cx_chart_table_write_csv (table, file, &error));
  g_assert_nonnull (error);
}

static const CxChartRow *
row_of (CxChartTable *table,
        const char   *id)
{
  int i = cx_chart_table_find (table, id);

  g_assert_cmpint (i, >=, 0);
  return cx_chart_table_get_row (table, i);
}

/* Every district is a row, Changning highlighted; density is population
 * over area of the same district. */
static void
test_districts_density (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxChartTable) population = cx_district_figures (pack, CX_DISTRICT_POPULATION);
  g_autoptr(CxChartTable) area = cx_district_figures (pack, CX_DISTRICT_AREA);
  g_autoptr(CxChartTable) density = cx_district_figures (pack, CX_DISTRICT_DENSITY);
  const CxChartRow *changning = row_of (density, "changning");
  const CxChartRow *pudong = row_of (density, "pudong");

  g_assert_cmpuint (cx_chart_table_get_n_rows (density), ==, 16);
  g_assert_true (changning->highlighted);
  g_assert_false (pudong->highlighted);
  g_assert_true (changning->has_value);
  g_assert_cmpfloat_with_epsilon (changning->value, 693051.0 / 38.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (pudong->value, 5681512.0 / 1210.0, 1e-6);
  for (guint i = 0; i < 16; i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (density, i);

      g_assert_cmpfloat_with_epsilon (row->value, row_of (population, row->id)->value / row_of (area, row->id)->value, 1e-6);
    }
  /* Rounded to the person, grouped as the locale does (C.UTF-8: not). */
  g_assert_cmpstr (changning->text, ==, "18238 people per km²");
  g_assert_true (g_str_has_prefix (changning->source, "Computed from: "));
  g_assert_nonnull (strstr (changning->source, "citypopulation.de"));
  g_assert_nonnull (strstr (changning->source, "tcmap.com.cn"));
  g_assert_nonnull (strstr (cx_chart_table_get_title (density), "computed"));
  g_assert_null (cx_district_figures_missing (density));

  /* Ranked: Huangpu is the densest (33,102 per km²; Hongkou 32,935),
   * Chongming the least dense. */
  cx_chart_table_rank (density);
  g_assert_cmpstr (cx_chart_table_get_row (density, 0)->id, ==, "huangpu");
  g_assert_cmpstr (cx_chart_table_get_row (density, 15)->id, ==, "chongming");
}

/* GDP is taken where sourced, and only then divided by the residents of
 * the same year; the others are listed, not dropped. */
static void
test_districts_gdp (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxChartTable) gdp = cx_district_figures (pack, CX_DISTRICT_GDP);
  g_autoptr(CxChartTable) per_resident = cx_district_figures (pack, CX_DISTRICT_GDP_PER_RESIDENT);
  g_autofree char *missing = cx_district_figures_missing (gdp);
  const CxChartRow *changning = row_of (per_resident, "changning");

  g_assert_cmpuint (cx_chart_table_get_n_rows (gdp), ==, 16);
  g_assert_true (row_of (gdp, "changning")->has_value);
  g_assert_cmpfloat (row_of (gdp, "changning")->value, ==, 278.9);
  g_assert_false (row_of (gdp, "xuhui")->has_value);
  g_assert_nonnull (strstr (missing, "Huangpu District"));
  g_assert_nonnull (strstr (missing, "Chongming District"));
  g_assert_null (strstr (missing, "Changning"));

  /* 2024 GDP over the 2024 year-end residents, not the 2020 census. */
  g_assert_true (changning->has_value);
  g_assert_cmpfloat_with_epsilon (changning->value, 278.9e9 / 685300, 1e-3);
  g_assert_cmpstr (changning->period, ==, "2024");
  g_assert_false (row_of (per_resident, "pudong")->has_value);
}

/* Every year from the first to the last, each run of missing ones as one
 * gap. */
static void
test_series_gaps (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxChartTable) gdp = cx_series_table (cx_data_pack_lookup_statistic (pack, "gdp"));
  g_autoptr(CxChartTable) census = cx_series_table (cx_data_pack_lookup_statistic (pack, "population-census"));
  const char *periods[] = { "2018", "2019/2022", "2023", "2024" };

  g_assert_cmpuint (cx_chart_table_get_n_rows (gdp), ==, G_N_ELEMENTS (periods));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (gdp, i);
      gboolean published = i != 1;

      g_assert_cmpstr (row->id, ==, periods[i]);
      g_assert_cmpint (row->has_value, ==, published);
      g_assert_cmpint (row->source != NULL, ==, published);
    }
  g_assert_cmpfloat (cx_chart_table_get_row (gdp, 2)->value, ==, 228.62);
  g_assert_nonnull (strstr (cx_chart_table_get_row (gdp, 2)->source, "bx2200.com"));
  g_assert_cmpuint (cx_chart_table_get_n_rows (census), ==, 3);
  g_assert_cmpstr (cx_chart_table_get_row (census, 1)->id, ==, "2011/2019");
  g_assert_false (cx_chart_table_get_row (census, 1)->has_value);
}

/* A published rate set against the levels: 2024 disagrees (+7.4 %
 * published, +22 % from the levels), 2021–2024 cannot be checked. */
static void
test_series_growth_check (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autofree char *check = cx_series_growth_check (pack, cx_data_pack_lookup_statistic (pack, "gdp"));

  g_assert_nonnull (check);
  g_assert_nonnull (strstr (check, "The published growth for 2024 is +7.4 %, but the levels in this series give +22 %."));
  g_assert_nonnull (strstr (check, "comparable prices"));
  g_assert_nonnull (strstr (check, "cannot be checked against this series: it has no figure for 2020."));
  /* Half-years are not checked against years. */
  g_assert_null (strstr (check, "H1"));
  g_assert_null (cx_series_growth_check (pack, cx_data_pack_lookup_statistic (pack, "population-census")));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-table/rank", test_rank);
  g_test_add_func ("/chart-table/tsv", test_tsv);
  g_test_add_func ("/chart-table/csv", test_csv);
  g_test_add_func ("/chart-table/numbers-ignore-locale", test_numbers_ignore_locale);
  g_test_add_func ("/chart-table/write-csv", test_write_csv);
  g_test_add_func ("/chart-table/write-csv-fails", test_write_csv_fails);

  g_test_add_func ("/chart-table/districts/density", test_districts_density);
  g_test_add_func ("/chart-table/districts/gdp", test_districts_gdp);

  g_test_add_func ("/chart-table/series/gaps", test_series_gaps);
  g_test_add_func ("/chart-table/series/growth-check", test_series_growth_check);

  return g_test_run ();
}
