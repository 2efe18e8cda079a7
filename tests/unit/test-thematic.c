/* test-thematic.c: proportional symbols' radii, the legend's values, the
 * ranking, and the session's one thematic view
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-session.h"
#include "cx-test-files.h"
#include "cx-test-packs.h"
#include "cx-thematic.h"

/* Circle AREA is proportional to the value, to 1 %, over the whole range:
 * doubling a value doubles the area, not the radius. */
static void
test_radius_area (void)
{
  const double max_radius = 40;
  const double values[] = { 1, 6332, 25426, 50000, 100000, 148418 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double r = cx_thematic_radius (values[i], 148418, max_radius);
      double area_ratio = (r * r) / (max_radius * max_radius);

      g_assert_cmpfloat (fabs (area_ratio / (values[i] / 148418) - 1), <, 0.01);
    }

  g_assert_cmpfloat_with_epsilon (cx_thematic_radius (148418, 148418, 40), 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (cx_thematic_radius (37104.5, 148418, 40), 20, 1e-9);
  g_assert_cmpfloat (cx_thematic_radius (0, 100, 40), ==, 0);
  g_assert_cmpfloat (cx_thematic_radius (-5, 100, 40), ==, 0);
  g_assert_cmpfloat (cx_thematic_radius (5, 0, 40), ==, 0);
  g_assert_cmpfloat (cx_thematic_radius (NAN, 100, 40), ==, 0);
}

static void
check_legend (double        max,
              double        min,
              const double *expected,
              guint         n_expected)
{
  double values[CX_THEMATIC_MAX_LEGEND] = { 0 };
  guint n = cx_thematic_legend_values (max, min, values);

  g_test_message ("legend for %g…%g", min, max);
  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (values[i], expected[i], expected[i] * 1e-9);
}

/* Round values (1, 2, 2.5 or 5 × 10ⁿ), the largest not above the largest
 * value shown, then about a quarter and a sixteenth of it, none far below
 * the smallest value shown. */
static void
test_legend_values (void)
{
  /* The jobs breakdown: 6,332 … 148,418. */
  check_legend (148418, 6332, (double[]) { 100000, 25000, 5000 }, 3);
  /* A maximum that is round itself is the largest circle. */
  check_legend (500, 10, (double[]) { 500, 100, 25 }, 3);
  /* Nothing under a round value below the smallest. */
  check_legend (2.5, 1, (double[]) { 2.5 }, 1);
  check_legend (2.5, 0.4, (double[]) { 2.5, 0.5 }, 2);
  /* Jobs per km²: 4,447 … 37,258. */
  check_legend (37258, 4447, (double[]) { 25000, 5000 }, 2);
  /* Everything about the same: one circle. */
  check_legend (980, 900, (double[]) { 500 }, 1);
  /* Small values. */
  check_legend (0.073, 0.001, (double[]) { 0.05, 0.01, 0.0025 }, 3);
  /* Nothing to show. */
  check_legend (0, 0, NULL, 0);
  check_legend (-3, -10, NULL, 0);
  check_legend (INFINITY, 1, NULL, 0);
}

static void
test_order (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  CxStatistic *jobs = cx_data_pack_lookup_statistic (pack, "jobs-2023");
  guint n = 0;
  g_autofree guint *order = cx_thematic_order (jobs, &n);

  g_assert_true (cx_thematic_can_show (jobs));
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpstr (cx_statistic_get_entry (jobs, order[0])->id, ==, "xinjing-town");
  g_assert_cmpstr (cx_statistic_get_entry (jobs, order[9])->id, ==, "beixinjing");
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (cx_statistic_get_entry (jobs, order[i - 1])->value, >=,
                       cx_statistic_get_entry (jobs, order[i])->value);
  g_assert_cmpfloat (cx_thematic_max_value (jobs), ==, 148418);

  /* A breakdown by district is not drawn on the map, nor a plain figure. */
  g_assert_false (cx_thematic_can_show (cx_data_pack_lookup_statistic (pack, "population-census")));
  g_assert_false (cx_thematic_can_show (cx_data_pack_lookup_statistic (pack, "gdp")));
  g_assert_false (cx_thematic_can_show (NULL));
}

/* Jobs per km²: the jobs breakdown divided by the areas', place by place,
 * saying it is computed and from what. */
static void
test_computed_ratio (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  CxStatistic *density = cx_data_pack_lookup_statistic (pack, "jobs-density-2023");
  CxStatistic *jobs = cx_data_pack_lookup_statistic (pack, "jobs-2023");
  CxStatistic *area = cx_data_pack_lookup_statistic (pack, "subdistrict-area-osm");
  CxStatistic *numerator = NULL, *denominator = NULL;

  g_assert_nonnull (density);
  g_assert_true (cx_statistic_get_ratio (density, &numerator, &denominator));
  g_assert_true (numerator == jobs);
  g_assert_true (denominator == area);
  g_assert_false (cx_statistic_get_ratio (jobs, NULL, NULL));
  g_assert_true (cx_thematic_can_show (density));
  g_assert_true (cx_thematic_can_show (area));

  g_assert_cmpuint (cx_statistic_get_n_entries (density), ==, 10);
  for (guint i = 0; i < cx_statistic_get_n_entries (density); i++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (density, i);
      const CxStatisticEntry *top = cx_statistic_lookup_entry (jobs, entry->id);
      const CxStatisticEntry *bottom = cx_statistic_lookup_entry (area, entry->id);

      g_assert_true (entry->has_value);
      g_assert_cmpfloat_with_epsilon (entry->value, top->value / bottom->value, 1e-9);
      /* The areas are estimates, so is every ratio of them. */
      g_assert_cmpint (entry->status, ==, CX_STATISTIC_ESTIMATE);
    }
  /* Xinjing Town: 148,418 jobs on 11.9084 km²; Tianshan Road the densest. */
  g_assert_cmpfloat_with_epsilon (cx_statistic_lookup_entry (density, "xinjing-town")->value, 148418 / 11.9084, 1e-9);
  g_assert_cmpfloat (cx_thematic_shown_value (density, cx_statistic_lookup_entry (density, "xinjing-town")->value), ==, 12463);
  g_assert_cmpfloat (cx_thematic_shown_value (density, 4.444), ==, 4.44);
  /* Published values as published. */
  g_assert_cmpfloat (cx_thematic_shown_value (area, 2.044), ==, 2.044);
  {
    guint n = 0;
    g_autofree guint *order = cx_thematic_order (density, &n);

    g_assert_cmpstr (cx_statistic_get_entry (density, order[0])->id, ==, "tianshan-road");
  }
  /* The district's own figure: all jobs over the ten areas. */
  g_assert_cmpfloat (fabs (cx_statistic_get_value (density) - 602150 / 37.1602), <, 0.5);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* One thematic view at a time, kept by the session. */
static void
test_session_thematic (void)
{
  g_autoptr(CxSession) session = cx_session_new ();
  CxDataPack *pack = cx_session_get_pack (session);
  CxStatistic *jobs = cx_data_pack_lookup_statistic (pack, "jobs-2023");
  guint notified = 0;

  g_signal_connect (session, "notify::thematic", G_CALLBACK (count_notify), &notified);
  g_assert_null (cx_session_get_thematic (session));

  g_assert_true (cx_session_set_thematic (session, jobs));
  g_assert_true (cx_session_get_thematic (session) == jobs);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (cx_session_set_thematic (session, jobs));
  g_assert_cmpuint (notified, ==, 1);

  /* Refused, and the view stays. */
  g_assert_false (cx_session_set_thematic (session, cx_data_pack_lookup_statistic (pack, "gdp")));
  g_assert_true (cx_session_get_thematic (session) == jobs);

  g_assert_true (cx_session_set_thematic (session, NULL));
  g_assert_null (cx_session_get_thematic (session));
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* The session reads the stored packs and scenes: never the user's. */
  g_autofree char *data_home = cx_test_private_data_home ("cx-test-thematic-XXXXXX");
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thematic/radius-area", test_radius_area);
  g_test_add_func ("/thematic/legend-values", test_legend_values);
  g_test_add_func ("/thematic/order", test_order);
  g_test_add_func ("/thematic/computed-ratio", test_computed_ratio);
  g_test_add_func ("/thematic/session", test_session_thematic);

  status = g_test_run ();
  cx_test_remove_tree (data_home);
  return status;
}
