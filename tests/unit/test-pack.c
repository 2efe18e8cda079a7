/* test-pack.c: the embedded Changning pack
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cx-data-pack.h"

static CxDataPack *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  CxDataPack *pack = cx_data_pack_load_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
test_layers (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  const char *expected[] = { "district", "subdistricts", "hongqiao", "landmarks", "green-waterfront" };
  GListModel *layers = cx_data_pack_get_layers (pack);

  g_assert_cmpuint (g_list_model_get_n_items (layers), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CxLayer *layer = cx_data_pack_lookup_layer (pack, expected[i]);

      g_assert_nonnull (layer);
      g_assert_cmpuint (g_list_model_get_n_items (cx_layer_get_features (layer)), >, 0);
      g_assert_cmpstr (cx_layer_get_name (layer), !=, "");
      g_assert_cmpstr (cx_layer_get_name_zh (layer), !=, "");
    }

  g_assert_cmpuint (g_list_model_get_n_items (cx_layer_get_features (cx_data_pack_lookup_layer (pack, "subdistricts"))), ==, 10);
}

static void
test_required_features (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  const struct { const char *id; const char *layer; CxGeometryType type; } expected[] = {
    { "changning-district", "district", CX_GEOMETRY_POLYGON },
    { "hongqiao-airport-t1", "hongqiao", CX_GEOMETRY_POINT },
    { "hongqiao-etdz", "hongqiao", CX_GEOMETRY_POINT },
    { "linkong-park", "hongqiao", CX_GEOMETRY_POINT },
    { "east-hongqiao", "hongqiao", CX_GEOMETRY_POINT },
    { "zhongshan-park", "landmarks", CX_GEOMETRY_POINT },
    { "columbia-circle", "landmarks", CX_GEOMETRY_POINT },
    { "ecupl-changning", "landmarks", CX_GEOMETRY_POINT },
    { "yuyuan-road", "landmarks", CX_GEOMETRY_POINT },
    { "shanghai-zoo", "landmarks", CX_GEOMETRY_POINT },
    { "tianshan-park", "landmarks", CX_GEOMETRY_POINT },
    { "district-government", "landmarks", CX_GEOMETRY_POINT },
    { "suzhou-creek-waterfront", "green-waterfront", CX_GEOMETRY_LINE_STRING },
    { "outer-ring-greenbelt", "green-waterfront", CX_GEOMETRY_LINE_STRING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CxFeature *f = cx_data_pack_lookup_feature (pack, expected[i].id);

      g_assert_nonnull (f);
      g_assert_cmpstr (cx_layer_get_id (cx_feature_get_layer (f)), ==, expected[i].layer);
      g_assert_cmpint (cx_geometry_get_geometry_type (cx_feature_get_geometry (f)), ==, expected[i].type);
      g_assert_cmpfloat (cx_feature_get_accuracy_m (f), >, 0);
      g_assert_cmpstr (cx_feature_get_accuracy_note (f), !=, "");
      g_assert_cmpuint (g_list_model_get_n_items (cx_feature_get_sources (f)), >, 0);
    }

  g_assert_cmpstr (cx_feature_get_name_zh (cx_data_pack_lookup_feature (pack, "changning-district")), ==, "长宁区");
  g_assert_cmpstr (cx_feature_get_name_zh (cx_data_pack_lookup_feature (pack, "zhongshan-park")), ==, "中山公园");
}

/* Catches swapped coordinates and transcription slips: every place said to
 * be in Changning must fall inside the district outline. */
static void
test_places_inside_district (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  CxGeometry *district = cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "changning-district"));
  GListModel *features = cx_data_pack_get_features (pack);
  guint checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (features, i);
      CxGeometry *g = cx_feature_get_geometry (f);
      const CxCoord *c;

      if (cx_geometry_get_geometry_type (g) != CX_GEOMETRY_POINT)
        continue;

      c = cx_geometry_get_coords (g);
      if (!cx_geometry_contains (district, c->x, c->y))
        g_error ("%s (%f, %f) is outside the district outline", cx_feature_get_id (f), c->x, c->y);
      checked++;
    }

  g_assert_cmpuint (checked, >=, 21);
}

static void
test_district_area (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  CxGeometry *district = cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "changning-district"));
  guint n;
  const CxCoord *ring = cx_geometry_get_part (district, 0, &n);
  g_autofree CxCoord *metres = g_new (CxCoord, n);
  double area_km2;

  /* Local equirectangular projection is plenty at this size. */
  for (guint i = 0; i < n; i++)
    {
      metres[i].x = (ring[i].x - ring[0].x) * 111320.0 * cos (31.21 * G_PI / 180);
      metres[i].y = (ring[i].y - ring[0].y) * 110574.0;
    }
  area_km2 = fabs (cx_ring_signed_area (metres, n)) / 1e6;

  /* The fact sheet: 37.3 km² for this outline, 37.19–38.30 officially. */
  g_assert_cmpfloat (area_km2, >, 36);
  g_assert_cmpfloat (area_km2, <, 39);
}

/* What Zoom to place and the scenes show of a feature: an area's or a
 * line's extent as it is; a point's grown by its stated accuracy, in
 * metres (the government's ±250 m: 500 m tall and, at 31° N, wide). */
static void
test_shown_bounds (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  CxFeature *district = cx_data_pack_lookup_feature (pack, "changning-district");
  CxFeature *government = cx_data_pack_lookup_feature (pack, "district-government");
  g_autoptr(GListStore) both = g_list_store_new (CX_TYPE_FEATURE);
  g_autoptr(GListStore) none = g_list_store_new (CX_TYPE_FEATURE);
  CxBounds b = cx_feature_get_bounds (district);
  CxBounds shown = cx_feature_get_shown_bounds (district);
  CxBounds all;
  double lat;

  g_assert_true (memcmp (&b, &shown, sizeof b) == 0);

  b = cx_feature_get_bounds (government);
  shown = cx_feature_get_shown_bounds (government);
  lat = b.min_y * G_PI / 180;
  g_assert_cmpfloat (cx_feature_get_accuracy_m (government), ==, 250);
  g_assert_cmpfloat (fabs ((shown.max_y - shown.min_y) * 111320.0 - 500), <, 1);
  g_assert_cmpfloat (fabs ((shown.max_x - shown.min_x) * 111320.0 * cos (lat) - 500), <, 1);
  g_assert_cmpfloat (fabs ((shown.min_x + shown.max_x) / 2 - b.min_x), <, 1e-12);
  g_assert_cmpfloat (fabs ((shown.min_y + shown.max_y) / 2 - b.min_y), <, 1e-12);

  g_list_store_append (both, district);
  g_list_store_append (both, government);
  all = cx_features_get_shown_bounds (G_LIST_MODEL (both));
  b = cx_feature_get_bounds (district);
  cx_bounds_union (&b, &shown);
  g_assert_true (memcmp (&b, &all, sizeof b) == 0);

  all = cx_features_get_shown_bounds (G_LIST_MODEL (none));
  g_assert_true (cx_bounds_is_empty (&all));
}

static void
test_statistics (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  const char *required[] = { "gdp-growth-h1-2023", "software-revenue-growth-h1-2023", "area", "population-2020", "gdp-2024" };
  CxStatistic *gdp;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      CxStatistic *s = cx_data_pack_lookup_statistic (pack, required[i]);
      CxSource *source;

      g_assert_nonnull (s);
      source = cx_statistic_get_source (s);
      g_assert_nonnull (source);
      g_assert_true (cx_is_valid_date (cx_source_get_date (source)));
      g_assert_true (cx_is_valid_period (cx_statistic_get_period (s)));
    }

  gdp = cx_data_pack_lookup_statistic (pack, "gdp-growth-h1-2023");
  g_assert_cmpfloat (cx_statistic_get_value (gdp), ==, 15.3);
  g_assert_cmpstr (cx_statistic_get_period (gdp), ==, "2023-H1");
  g_assert_cmpint (cx_statistic_get_kind (gdp), ==, CX_STATISTIC_GROWTH);
  g_assert_cmpfloat (cx_statistic_get_value (cx_data_pack_lookup_statistic (pack, "software-revenue-growth-h1-2023")), ==, 59);
  g_assert_cmpfloat (cx_statistic_get_value (cx_data_pack_lookup_statistic (pack, "population-2020")), ==, 693051);
}


/* GDP and the census population are series of the values the pack held as
 * separate statistics, each value with its own source and status. */
static void
test_series (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  CxStatistic *gdp = cx_data_pack_lookup_statistic (pack, "gdp");
  CxStatistic *census = cx_data_pack_lookup_statistic (pack, "population-census");
  const CxStatisticPoint *point;

  g_assert_nonnull (gdp);
  g_assert_cmpuint (cx_statistic_get_n_points (gdp), ==, 3);
  point = cx_statistic_get_point (gdp, 0);
  g_assert_cmpstr (point->period, ==, "2018");
  g_assert_true (point->has_value);
  g_assert_cmpfloat (point->value, ==, 141.88);
  g_assert_cmpstr (cx_source_get_id (point->source), ==, "travelchinaguide-changning");
  g_assert_cmpint (point->status, ==, CX_STATISTIC_REPORTED);
  point = cx_statistic_get_point (gdp, 1);
  g_assert_cmpstr (point->period, ==, "2023");
  g_assert_cmpfloat (point->value, ==, 228.62);
  g_assert_cmpstr (cx_source_get_id (point->source), ==, "changning-work-report-2024");
  point = cx_statistic_get_point (gdp, 2);
  g_assert_cmpstr (point->period, ==, "2024");
  g_assert_cmpfloat (point->value, ==, cx_statistic_get_value (gdp));
  g_assert_true (point->source == cx_statistic_get_source (gdp));
  g_assert_cmpint (point->status, ==, CX_STATISTIC_CONFIRMED);

  /* Census counts only: the year-end estimate is a statistic of its own. */
  g_assert_nonnull (census);
  g_assert_cmpuint (cx_statistic_get_n_points (census), ==, 2);
  g_assert_cmpfloat (cx_statistic_lookup_point (census, "2010")->value, ==, 690571);
  g_assert_cmpfloat (cx_statistic_lookup_point (census, "2020")->value, ==, 693051);
  g_assert_null (cx_statistic_lookup_point (census, "2024"));
  g_assert_cmpuint (cx_statistic_get_n_points (cx_data_pack_lookup_statistic (pack, "population-2024")), ==, 0);
}

/* The jobs of the ten subdistricts and the town are one breakdown, shown on
 * each place's page and highlighting the places. */
static void
test_breakdown_by_feature (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  CxStatistic *jobs = cx_data_pack_lookup_statistic (pack, "jobs-2023");
  CxFeature *xinjing = cx_data_pack_lookup_feature (pack, "xinjing-town");
  GListModel *places;
  double sum = 0;

  g_assert_nonnull (jobs);
  g_assert_cmpint (cx_statistic_get_breakdown_kind (jobs), ==, CX_BREAKDOWN_FEATURE);
  g_assert_cmpuint (cx_statistic_get_n_entries (jobs), ==, 10);
  for (guint i = 0; i < cx_statistic_get_n_entries (jobs); i++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (jobs, i);
      CxFeature *feature = cx_data_pack_lookup_feature (pack, entry->id);

      g_assert_nonnull (feature);
      g_assert_true (entry->has_value);
      sum += entry->value;
      g_assert_true (g_list_store_find (G_LIST_STORE (cx_feature_get_statistics (feature)), jobs, NULL));
    }
  /* As the statistic's note says: the rest is not assigned to a place. */
  g_assert_cmpfloat (sum, ==, 596976);
  g_assert_cmpfloat (cx_statistic_get_value (jobs), ==, 602150);
  g_assert_cmpfloat (cx_statistic_lookup_entry (jobs, "xinjing-town")->value, ==, 148418);
  g_assert_null (cx_statistic_lookup_entry (jobs, "zhongshan-park"));

  places = cx_data_pack_get_statistic_features (pack, jobs);
  g_assert_true (g_list_store_find (G_LIST_STORE (places), xinjing, NULL));
  g_assert_true (g_list_store_find (G_LIST_STORE (places), cx_data_pack_lookup_feature (pack, "changning-district"), NULL));
  g_assert_cmpuint (g_list_model_get_n_items (places), ==, 11);
}

/* The sixteen districts, with the 2020 census population of each. */
static void
test_districts (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  GListModel *districts = cx_data_pack_get_districts (pack);
  CxStatistic *census = cx_data_pack_lookup_statistic (pack, "population-census");
  double sum = 0;

  g_assert_cmpuint (g_list_model_get_n_items (districts), ==, 16);
  g_assert_true (cx_data_pack_get_own_district (pack) == cx_data_pack_lookup_district (pack, "changning"));
  g_assert_cmpstr (cx_district_get_name_zh (cx_data_pack_get_own_district (pack)), ==, "长宁区");
  g_assert_cmpstr (cx_district_get_name_en (cx_data_pack_lookup_district (pack, "pudong")), ==, "Pudong New Area");

  g_assert_cmpint (cx_statistic_get_breakdown_kind (census), ==, CX_BREAKDOWN_DISTRICT);
  g_assert_cmpuint (cx_statistic_get_n_entries (census), ==, 16);
  for (guint i = 0; i < g_list_model_get_n_items (districts); i++)
    {
      g_autoptr(CxDistrict) district = g_list_model_get_item (districts, i);
      const CxStatisticEntry *entry = cx_statistic_lookup_entry (census, cx_district_get_id (district));

      g_assert_nonnull (entry);
      g_assert_true (entry->has_value);
      g_assert_cmpstr (cx_source_get_id (entry->source), ==, "citypopulation-shanghai-districts");
      g_assert_cmpint (entry->status, ==, CX_STATISTIC_CONFIRMED);
      sum += entry->value;
    }
  /* The table's own total for Shanghai. */
  g_assert_cmpfloat (sum, ==, 24870895);
  g_assert_cmpfloat (cx_statistic_lookup_entry (census, "changning")->value, ==, cx_statistic_get_value (census));
}

/* The pack as it was in format 1 before series, breakdowns and districts
 * (tests/common/changning-format-1.json): it still loads as it did, and
 * every statistic id it had still finds the same value in today's pack,
 * for the scenes, --feature and links made with it. */
static void
test_format_1_ids_resolve (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  g_autofree char *path = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "tests", "common", "changning-format-1.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) old = cx_data_pack_load (file, NULL, &error);
  GListModel *old_statistics;
  guint n_former = 0;

  g_assert_no_error (error);
  g_assert_nonnull (old);
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_districts (old)), ==, 0);
  g_assert_null (cx_data_pack_get_own_district (old));

  old_statistics = cx_data_pack_get_statistics (old);
  g_assert_cmpuint (g_list_model_get_n_items (old_statistics), ==, 33);
  for (guint i = 0; i < g_list_model_get_n_items (old_statistics); i++)
    {
      g_autoptr(CxStatistic) was = g_list_model_get_item (old_statistics, i);
      const char *key = NULL;
      CxStatistic *now = cx_data_pack_resolve_statistic (pack, cx_statistic_get_id (was), &key);
      double value;

      /* Nothing in a format-1 pack has a series or a breakdown, and its
       * ids are its own. */
      g_assert_cmpuint (cx_statistic_get_n_points (was), ==, 0);
      g_assert_cmpint (cx_statistic_get_breakdown_kind (was), ==, CX_BREAKDOWN_NONE);
      g_assert_true (cx_data_pack_lookup_statistic (old, cx_statistic_get_id (was)) == was);

      if (now == NULL)
        g_error ("the format-1 statistic “%s” no longer resolves", cx_statistic_get_id (was));
      if (key == NULL)
        value = cx_statistic_get_value (now);
      else if (cx_statistic_lookup_point (now, key) != NULL)
        {
          g_assert_cmpstr (key, ==, cx_statistic_get_period (was));
          value = cx_statistic_lookup_point (now, key)->value;
          n_former++;
        }
      else
        {
          g_assert_nonnull (cx_statistic_lookup_entry (now, key));
          g_assert_cmpstr (cx_statistic_get_period (now), ==, cx_statistic_get_period (was));
          value = cx_statistic_lookup_entry (now, key)->value;
          n_former++;
        }
      g_assert_cmpfloat (value, ==, cx_statistic_get_value (was));
    }
  /* gdp-2018 and -2024, population-2010 and -2020, the ten places' jobs */
  g_assert_cmpuint (n_former, ==, 14);
}

static void
test_programs_and_links (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  const char *required[] = { "hongqiao-hub", "digital-transformation", "life-circles-15min", "suzhou-creek-opening", "outer-ring-greenbelt" };
  CxProgram *opening;
  GListModel *places;
  gboolean has_park = FALSE, has_ecupl = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      CxProgram *p = cx_data_pack_lookup_program (pack, required[i]);

      g_assert_nonnull (p);
      g_assert_cmpuint (g_list_model_get_n_items (cx_program_get_sources (p)), >, 0);
      /* Every program is somewhere on the map. */
      g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_program_features (pack, p)), >, 0);
    }

  g_assert_cmpstr (cx_program_get_start (cx_data_pack_lookup_program (pack, "hongqiao-hub")), ==, "2021");

  opening = cx_data_pack_lookup_program (pack, "suzhou-creek-opening");
  places = cx_data_pack_get_program_features (pack, opening);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (places, i);
      has_park |= g_str_equal (cx_feature_get_id (f), "zhongshan-park");
      has_ecupl |= g_str_equal (cx_feature_get_id (f), "ecupl-changning");
    }
  g_assert_true (has_park);
  g_assert_true (has_ecupl);

  /* The Hongqiao areas all concern the Hongqiao hub. */
  {
    GListModel *hongqiao = cx_layer_get_features (cx_data_pack_lookup_layer (pack, "hongqiao"));

    for (guint i = 0; i < g_list_model_get_n_items (hongqiao); i++)
      {
        g_autoptr(CxFeature) f = g_list_model_get_item (hongqiao, i);
        GListModel *programs = cx_feature_get_programs (f);
        gboolean found = FALSE;

        for (guint j = 0; j < g_list_model_get_n_items (programs); j++)
          {
            g_autoptr(CxProgram) p = g_list_model_get_item (programs, j);
            found |= g_str_equal (cx_program_get_id (p), "hongqiao-hub");
          }
        g_assert_true (found);
      }
  }
}

static void
test_basemap (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  gboolean seen[CX_BASEMAP_N_CLASSES] = { FALSE, };

  for (guint i = 0; i < cx_data_pack_get_n_basemap_items (pack); i++)
    seen[cx_data_pack_get_basemap_item (pack, i)->klass] = TRUE;

  g_assert_true (seen[CX_BASEMAP_DISTRICT]);
  g_assert_true (seen[CX_BASEMAP_RIVER]);
  g_assert_true (seen[CX_BASEMAP_EXPRESSWAY]);
  g_assert_true (seen[CX_BASEMAP_ARTERIAL]);
  g_assert_true (seen[CX_BASEMAP_PARK]);
}

/* The directory in the source tree and the compiled-in copy are the same pack. */
static void
test_source_tree_matches_resource (void)
{
  g_autoptr(CxDataPack) embedded = load_default ();
  g_autofree char *dir = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", "packs", "changning", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) on_disk = cx_data_pack_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_features (embedded)), ==,
                    g_list_model_get_n_items (cx_data_pack_get_features (on_disk)));
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_statistics (embedded)), ==,
                    g_list_model_get_n_items (cx_data_pack_get_statistics (on_disk)));
  g_assert_cmpint (cx_data_pack_get_version (embedded), ==, cx_data_pack_get_version (on_disk));
}

static void
test_valid_values (void)
{
  g_assert_true (cx_is_valid_id ("a"));
  g_assert_true (cx_is_valid_id ("life-circles-15min"));
  g_assert_false (cx_is_valid_id ("15min"));
  g_assert_false (cx_is_valid_id ("Zhongshan"));
  g_assert_false (cx_is_valid_id (""));
  g_assert_false (cx_is_valid_id ("a_b"));

  g_assert_true (cx_is_valid_period ("2023-H1"));
  g_assert_true (cx_is_valid_period ("2021/2024"));
  g_assert_true (cx_is_valid_period ("2023-01/2023-07"));
  g_assert_true (cx_is_valid_period ("2024-02-29"));
  g_assert_false (cx_is_valid_period ("2023-02-29"));
  g_assert_false (cx_is_valid_period ("2023-H3"));
  g_assert_false (cx_is_valid_period ("2023-13"));
  g_assert_false (cx_is_valid_period ("23"));
  g_assert_false (cx_is_valid_period ("2023/"));

  g_assert_true (cx_is_valid_date ("2023-08-31"));
  g_assert_false (cx_is_valid_date ("2023-H1"));

  g_assert_true (cx_is_web_url ("https://cs.com.cn/x"));
  g_assert_false (cx_is_web_url ("javascript:alert(1)"));
  g_assert_false (cx_is_web_url ("file:///etc/passwd"));
  g_assert_false (cx_is_web_url ("https://"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pack/layers", test_layers);
  g_test_add_func ("/pack/required-features", test_required_features);
  g_test_add_func ("/pack/places-inside-district", test_places_inside_district);
  g_test_add_func ("/pack/district-area", test_district_area);
  g_test_add_func ("/pack/shown-bounds", test_shown_bounds);
  g_test_add_func ("/pack/statistics", test_statistics);
  g_test_add_func ("/pack/series", test_series);
  g_test_add_func ("/pack/breakdown-by-feature", test_breakdown_by_feature);
  g_test_add_func ("/pack/districts", test_districts);
  g_test_add_func ("/pack/format-1-ids-resolve", test_format_1_ids_resolve);
  g_test_add_func ("/pack/programs-and-links", test_programs_and_links);
  g_test_add_func ("/pack/basemap", test_basemap);
  g_test_add_func ("/pack/source-tree-matches-resource", test_source_tree_matches_resource);
  g_test_add_func ("/pack/valid-values", test_valid_values);

  return g_test_run ();
}
