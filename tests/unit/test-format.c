/* test-format.c: figures and periods in words, in English and Chinese locales
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cx-data-pack.h"
#include "cx-format.h"
#include "cx-test-packs.h"

#define assert_formatted(expr, expected) \
  G_STMT_START { g_autofree char *_s = (expr); g_assert_cmpstr (_s, ==, (expected)); } G_STMT_END

static void
test_values (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();

  assert_formatted (cx_format_statistic_value (cx_data_pack_lookup_statistic (pack, "gdp-growth-h1-2023")), "+15.3 %");
  assert_formatted (cx_format_statistic_value (cx_data_pack_lookup_statistic (pack, "software-revenue-growth-h1-2023")), "+59 %");
  assert_formatted (cx_format_statistic_value (cx_data_pack_lookup_statistic (pack, "tertiary-share-2024")), "97.1 %");
  assert_formatted (cx_format_statistic_value (cx_data_pack_lookup_statistic (pack, "gdp-2024")), "¥278.9 bn");
  assert_formatted (cx_format_statistic_value (cx_data_pack_lookup_statistic (pack, "area")), "38.3 km²");
  assert_formatted (cx_format_statistic_value (cx_data_pack_lookup_statistic (pack, "ecommerce-2024")), "¥1.62 trn");
}

static void
test_grouping_follows_locale (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  CxStatistic *population = cx_data_pack_lookup_statistic (pack, "population-2020");
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);

  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL && setlocale (LC_NUMERIC, "C.UTF-8") == NULL)
    {
      g_test_skip ("no UTF-8 locale");
      return;
    }

  if (g_str_has_prefix (setlocale (LC_NUMERIC, NULL), "en_US"))
    assert_formatted (cx_format_statistic_value (population), "693,051 people");
  else
    assert_formatted (cx_format_statistic_value (population), "693051 people");

  setlocale (LC_NUMERIC, saved);
}


/* Counts in English: the locale's grouping, never 万 (item 6 of issue 23;
 * the Chinese side is in test-translations, which has the catalogue). */
static void
test_quantity_english (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  static const struct { double value; const char *expected; } cases[] = {
    { 0, "0" },
    { 9999, "9,999" },
    { 10000, "10,000" },
    { 693051, "693,051" },
    { 99999999, "99,999,999" },
    { 100000000, "100,000,000" },
    { 278.9e9, "278,900,000,000" },
    { -15000, "-15,000" },
  };

  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    {
      g_test_skip ("the en_US.UTF-8 locale is not generated here (build-aux/dev's environment has it)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_formatted (cx_format_quantity (cases[i].value), cases[i].expected);

  setlocale (LC_NUMERIC, saved);
}

/* A value of a series or a breakdown reads like the statistic's own. */
static void
test_statistic_figure (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  CxStatistic *gdp = cx_data_pack_lookup_statistic (pack, "gdp");
  CxStatistic *jobs = cx_data_pack_lookup_statistic (pack, "jobs-2023");

  assert_formatted (cx_format_statistic_figure (gdp, cx_statistic_lookup_point (gdp, "2018")->value), "¥141.88 bn");
  assert_formatted (cx_format_statistic_figure (jobs, 6332), "6332 jobs");
  assert_formatted (cx_format_statistic_figure (jobs, 1), "1 job");
  /* A chart's unit, as the figures are written. */
  assert_formatted (cx_format_unit (gdp), "billions of yuan (¥ bn)");
  assert_formatted (cx_format_unit (jobs), "jobs");
}

static void
test_periods (void)
{
  assert_formatted (cx_format_period ("2024"), "2024");
  assert_formatted (cx_format_period ("2023-H1"), "first half of 2023");
  assert_formatted (cx_format_period ("2023-H2"), "second half of 2023");
  assert_formatted (cx_format_period ("2024-Q3"), "Q3 2024");
  assert_formatted (cx_format_period ("2021/2024"), "2021 – 2024");
  assert_formatted (cx_format_period ("2025-09"), "September 2025");
  assert_formatted (cx_format_period ("2023-08-31"), "31 August 2023");
  assert_formatted (cx_format_period ("2023-01/2023-07"), "January 2023 – July 2023");
}

/* A caption says its period once. */
static void
test_title_with_period (void)
{
  assert_formatted (cx_format_title_with_period ("GDP growth", "2024"), "GDP growth (2024)");
  assert_formatted (cx_format_title_with_period ("Average GDP growth, 2021–2024", "2021 – 2024"),
                    "Average GDP growth, 2021–2024");
  assert_formatted (cx_format_title_with_period ("GDP growth, first half of 2023", "first half of 2023"),
                    "GDP growth, first half of 2023");
  assert_formatted (cx_format_title_with_period ("Revenue, First Half of 2023", "first half of 2023"),
                    "Revenue, First Half of 2023");
  assert_formatted (cx_format_title_with_period ("2023年上半年地区生产总值增长", "2023年上半年"),
                    "2023年上半年地区生产总值增长");
  /* Another year in the title is not the period. */
  assert_formatted (cx_format_title_with_period ("Growth since 2020", "2024"), "Growth since 2020 (2024)");
}

static void
test_program_dates_and_accuracy (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();

  assert_formatted (cx_format_program_dates (cx_data_pack_lookup_program (pack, "hongqiao-hub")), "Since 2021, ongoing");
  assert_formatted (cx_format_accuracy (cx_data_pack_lookup_feature (pack, "zhongshan-park")), "Accurate to about 150 m");
  assert_formatted (cx_format_accuracy (cx_data_pack_lookup_feature (pack, "xinjing-town")), "Accurate to about 1 km");
  assert_formatted (cx_format_feature_kind (cx_data_pack_lookup_feature (pack, "ecupl-changning")), "University");
}

/* Both scripts, each once: in a Chinese interface the name shown is the
 * Chinese one, and English takes the other place ("区界 · 区界" was the
 * Chinese handout's legend). */
static void
test_two_names (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();

  assert_formatted (cx_format_two_names ("District", "区界", "District"), "District · 区界");
  assert_formatted (cx_format_two_names ("区界", "区界", "District"), "区界 · District");
  assert_formatted (cx_format_two_names ("Park", NULL, "Park"), "Park");
  assert_formatted (cx_format_two_names ("Park", "", NULL), "Park");
  assert_formatted (cx_format_other_name ("区界", "区界", "District"), "District");
  g_assert_null (cx_format_other_name ("Park", "", "Park"));
  /* The district: Chinese first, in either language. */
  assert_formatted (cx_format_district (pack), "长宁区 · Changning District");
}

/* A handout's name from what it shows. */
static void
test_file_name (void)
{
  assert_formatted (cx_format_file_name ("Hongqiao hub", "pdf", "handout"), "Hongqiao hub.pdf");
  assert_formatted (cx_format_file_name ("中山公园", "png", "handout"), "中山公园.png");
  /* What file systems refuse or hide, and runs of space, become one space. */
  assert_formatted (cx_format_file_name ("  Before / after: \"A\"\t<B>?  ", "pdf", "handout"), "Before after A B.pdf");
  assert_formatted (cx_format_file_name ("..hidden.", "pdf", "handout"), "hidden.pdf");
  assert_formatted (cx_format_file_name ("a\nb\x7f", "pdf", "handout"), "a b.pdf");
  /* Nothing left, or nothing at all. */
  assert_formatted (cx_format_file_name ("///", "pdf", "handout"), "handout.pdf");
  assert_formatted (cx_format_file_name (NULL, "pdf", "handout"), "handout.pdf");
  /* A letter outside ASCII whose low byte is a slash (U+012F) stays. */
  assert_formatted (cx_format_file_name ("į", "pdf", "handout"), "į.pdf");
  /* Long titles are cut, on a character. */
  {
    g_autofree char *name = cx_format_file_name ("长宁区长宁区长宁区长宁区长宁区长宁区长宁区长宁区长宁区长宁区"
                                                 "长宁区长宁区长宁区长宁区长宁区长宁区长宁区长宁区长宁区长宁区x", "pdf", "handout");

    g_assert_true (g_utf8_validate (name, -1, NULL));
    g_assert_cmpuint (g_utf8_strlen (name, -1), ==, 60 + strlen (".pdf"));
  }
}

/* Measured lengths and areas, to three significant figures (C.UTF-8 has no
 * digit grouping); the Chinese units are in test-translations. */
static void
test_measured (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  CxMeasurement line = { CX_MEASURE_LENGTH, 11715.96, 0 };
  CxMeasurement area = { CX_MEASURE_AREA, 36859.97, 37216896.8 };
  CxMeasurement none = { CX_MEASURE_NONE, 0, 0 };

  assert_formatted (cx_format_length (0.4), "0 m");
  assert_formatted (cx_format_length (850.4), "850 m");
  assert_formatted (cx_format_length (999.6), "1.00 km");
  assert_formatted (cx_format_length (1234), "1.23 km");
  assert_formatted (cx_format_length (36859.97), "36.9 km");
  assert_formatted (cx_format_length (123456), "123 km");

  assert_formatted (cx_format_area (0), "0 m²");
  assert_formatted (cx_format_area (999.4), "999 m²");
  assert_formatted (cx_format_area (4532), "4530 m²");
  assert_formatted (cx_format_area (99999), "0.100 km²");
  assert_formatted (cx_format_area (1e6), "1.00 km²");
  assert_formatted (cx_format_area (37216896.8), "37.2 km²");

  assert_formatted (cx_format_measurement (&line), "11.7 km");
  assert_formatted (cx_format_measurement (&area), "37.2 km², perimeter 36.9 km");
  g_assert_null (cx_format_measurement (&none));

  /* What the details pages say, from the pack's shapes. */
  assert_formatted (cx_format_measured_shape (cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "changning-district"))),
                    "Measured from the outline: 37.2 km², perimeter 36.9 km");
  assert_formatted (cx_format_measured_shape (cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "suzhou-creek-waterfront"))),
                    "Measured along the line: 11.7 km");
  g_assert_null (cx_format_measured_shape (cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "zhongshan-park"))));
  g_assert_null (cx_format_measured_shape (NULL));
}

int
main (int   argc,
      char *argv[])
{
  /* The expectations are English; month names come from the C library. */
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/values", test_values);
  g_test_add_func ("/format/grouping-follows-locale", test_grouping_follows_locale);
  g_test_add_func ("/format/quantity-english", test_quantity_english);
  g_test_add_func ("/format/statistic-figure", test_statistic_figure);
  g_test_add_func ("/format/periods", test_periods);
  g_test_add_func ("/format/title-with-period", test_title_with_period);
  g_test_add_func ("/format/program-dates-and-accuracy", test_program_dates_and_accuracy);
  g_test_add_func ("/format/two-names", test_two_names);
  g_test_add_func ("/format/file-name", test_file_name);
  g_test_add_func ("/format/measured", test_measured);

  return g_test_run ();
}
