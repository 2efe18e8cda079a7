/* test-pack-errors.c: every kind of bad pack gets its own precise error
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cx-data-pack.h"

#include "cx-test-packs.h"

static void
test_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (cx_test_mini_pack (), strlen (cx_test_mini_pack ()), &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  g_assert_cmpint (cx_data_pack_get_version (pack), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_features (pack)), ==, 2);
  g_assert_cmpuint (cx_data_pack_get_n_basemap_items (pack), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_program_features (pack, cx_data_pack_lookup_program (pack, "prog"))), ==, 1);
  g_assert_cmpuint (cx_program_get_n_links (cx_data_pack_lookup_program (pack, "prog")), ==, 1);
}

typedef struct
{
  const char  *name;
  const char  *find;      /* replaced once in the valid pack */
  const char  *replace;
  CxPackError  code;
  const char  *message;   /* must appear in the error message */
} BadCase;

static const BadCase bad_cases[] = {
  { "truncated", "  ]}\n}\n", "  ]", CX_PACK_ERROR_PARSE, "pack.json: not valid JSON" },
  { "not-utf8", "\"Mini\"", "\"Mi\xff\xfe\"", CX_PACK_ERROR_PARSE, "not valid UTF-8" },
  { "not-a-pack", "\"changning-explorer-pack\"", "\"something-else\"", CX_PACK_ERROR_FORMAT, "not a Changning Explorer data pack" },
  { "newer-format", "\"format_version\": 1", "\"format_version\": 2", CX_PACK_ERROR_FORMAT, "newer version" },
  { "unknown-layer", "\"layer\": \"landmarks\", \"kind\": \"park\"", "\"layer\": \"parks\", \"kind\": \"park\"", CX_PACK_ERROR_UNKNOWN_LAYER, "feature 0 (“park”): its layer “parks” is not one of the pack's layers" },
  { "dangling-program", "\"programs\": [\"prog\"]", "\"programs\": [\"prog-x\"]", CX_PACK_ERROR_DANGLING_LINK, "feature 0 (“park”): “programs” links to the program “prog-x”" },
  { "dangling-statistic-source", "\"source\": \"src\"", "\"source\": \"nowhere\"", CX_PACK_ERROR_DANGLING_LINK, "statistic 0 (“stat”): “source” links to the source “nowhere”" },
  { "duplicate-id", "\"id\": \"area\"", "\"id\": \"park\"", CX_PACK_ERROR_DUPLICATE_ID, "feature 1 (“park”): the id “park” is used by an earlier feature" },
  { "longitude-out-of-range", "[121.4165, 31.2232]", "[221.4165, 31.2232]", CX_PACK_ERROR_COORDINATE, "feature 0 (“park”): the point: longitude 221.417 is outside" },
  { "latitude-out-of-range", "[121.4165, 31.2232]", "[121.4165, 91]", CX_PACK_ERROR_COORDINATE, "latitude 91 is outside" },
  { "non-finite", "[121.4165, 31.2232]", "[121.4165, 1e400]", CX_PACK_ERROR_COORDINATE, "the point: the latitude is not a finite number" },
  { "unclosed-ring", "[121.5, 31.3], [121.3, 31.1]]]", "[121.5, 31.3], [121.3, 31.2]]]", CX_PACK_ERROR_UNCLOSED_RING, "feature 1 (“area”): the polygon, outer ring is not closed" },
  { "short-ring", "[[121.3, 31.1], [121.5, 31.1], [121.5, 31.3], [121.3, 31.1]]", "[[121.3, 31.1], [121.5, 31.1], [121.3, 31.1]]", CX_PACK_ERROR_SHORT_RING, "has 3 positions; a ring needs at least 4" },
  { "string-coordinate", "[121.4165, 31.2232]", "[\"121.4165\", 31.2232]", CX_PACK_ERROR_TYPE, "coordinate 1 must be a number, not a string" },
  { "name-wrong-type", "\"name\": {\"en\": \"Park\", \"zh\": \"公园\"}", "\"name\": \"Park\"", CX_PACK_ERROR_TYPE, "feature 0 (“park”): “name” must be an object, not a string" },
  { "missing-accuracy", "\"accuracy_m\": 150, ", "", CX_PACK_ERROR_MISSING, "feature 0 (“park”): the required member “accuracy_m” is missing" },
  { "missing-zh-name", "{\"en\": \"Park\", \"zh\": \"公园\"}", "{\"en\": \"Park\"}", CX_PACK_ERROR_MISSING, "“name.zh” is missing" },
  { "geometry-type", "\"type\": \"Point\"", "\"type\": \"Circle\"", CX_PACK_ERROR_GEOMETRY, "unsupported geometry type “Circle”" },
  { "missing-geometry", "\"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4165, 31.2232]}", "\"geometry\": null", CX_PACK_ERROR_MISSING, "feature 0 (“park”): has no geometry" },
  { "bad-period", "\"2023-H1\"", "\"first half of 2023\"", CX_PACK_ERROR_VALUE, "statistic 0 (“stat”): “period” is “first half of 2023”" },
  { "bad-colour", "\"#1f5fa8\"", "\"blue\"", CX_PACK_ERROR_VALUE, "layer 0 (“landmarks”): the colour “blue”" },
  { "unsafe-link", "\"https://example.org/b\"", "\"javascript:alert(1)\"", CX_PACK_ERROR_VALUE, "link 1 must be an http or https address" },
  { "bad-id", "\"id\": \"park\"", "\"id\": \"Park Gate\"", CX_PACK_ERROR_VALUE, "the id “Park Gate” is not valid" },
  { "zero-accuracy", "\"accuracy_m\": 150", "\"accuracy_m\": 0", CX_PACK_ERROR_VALUE, "“accuracy_m” must be more than 0" },
  { "value-wrong-type", "\"value\": 15.3", "\"value\": \"15.3\"", CX_PACK_ERROR_TYPE, "“value” must be a number, not a string" },
  { "basemap-class", "\"class\": \"river\"", "\"class\": \"volcano\"", CX_PACK_ERROR_VALUE, "basemap feature 0: the class “volcano” is not a basemap class" },
  { "basemap-geometry-mismatch", "\"class\": \"river\"", "\"class\": \"park\"", CX_PACK_ERROR_GEOMETRY, "a LineString cannot be drawn as a “park”" },
  { "min-above-max-zoom", "\"min_zoom\": 10", "\"min_zoom\": 19", CX_PACK_ERROR_VALUE, "larger than “max_zoom”" },
  { "features-not-collection", "\"features\": {\"type\": \"FeatureCollection\"", "\"features\": {\"type\": \"Feature\"", CX_PACK_ERROR_TYPE, "pack.json (features): must be a GeoJSON FeatureCollection" },
  { "file-section-without-dir", "\"statistics\": [", "\"statistics\": \"statistics.json\", \"unused\": [", CX_PACK_ERROR_VALUE, "sections must be inline" },
  { "deep-nesting", "\"license\": \"CC0\"", "\"license\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", CX_PACK_ERROR_PARSE, "nested more than 64 levels deep" },
};

static void
test_bad_case (gconstpointer data)
{
  const BadCase *bad = data;
  /* The case must actually change the pack, or it tests nothing. */
  g_autoptr(GString) text = cx_test_mini_pack_with (bad->find, bad->replace);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);

  g_assert_null (pack);
  g_assert_error (error, CX_PACK_ERROR, (int) bad->code);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("case %s: expected “%s” in the message “%s”", bad->name, bad->message, error->message);
}


/* The mini pack with the members added after format 1 was first published:
 * districts, a series with a gap, breakdowns by feature and by district,
 * former ids. */
#define RICH_DISTRICTS \
  "\"districts\": [{\"id\": \"north\", \"name\": {\"en\": \"North\", \"zh\": \"北\"}}," \
  " {\"id\": \"south\", \"name\": {\"en\": \"South\", \"zh\": \"南\"}}], \"own_district\": \"north\",\n"
#define RICH_JOBS \
  "{\"id\": \"jobs\", \"title\": {\"en\": \"J\", \"zh\": \"就\"}, \"kind\": \"count\", \"value\": 30, \"unit\": \"jobs\"," \
  " \"period\": \"2023\", \"status\": \"reported\", \"source\": \"src\"," \
  " \"series\": [{\"period\": \"2018\", \"value\": 20, \"status\": \"estimate\", \"note\": \"old\", \"former_id\": \"jobs-2018\"}," \
  " {\"period\": \"2020\", \"value\": null}, {\"period\": \"2023\", \"value\": 30, \"former_id\": \"jobs-2023\"}]," \
  " \"breakdown\": {\"by\": \"feature\", \"values\": [{\"id\": \"park\", \"value\": 10, \"former_id\": \"jobs-park\"}," \
  " {\"id\": \"area\", \"value\": 15}]}},\n"
#define RICH_POP \
  "{\"id\": \"pop\", \"title\": {\"en\": \"P\", \"zh\": \"人\"}, \"kind\": \"count\", \"value\": 5, \"unit\": \"people\"," \
  " \"period\": \"2020\", \"status\": \"confirmed\", \"source\": \"src\"," \
  " \"breakdown\": {\"by\": \"district\", \"values\": [{\"id\": \"north\", \"value\": 5}," \
  " {\"id\": \"south\", \"value\": null, \"note\": \"not found\"}]}},\n"

static GString *
rich_pack_with (const char *find,
                const char *replace)
{
  g_autoptr(GString) rich = cx_test_mini_pack_with ("  \"statistics\": [",
                                                    "  " RICH_DISTRICTS "  \"statistics\": [" RICH_JOBS RICH_POP);
  GString *text = g_string_new (rich->str);

  if (find != NULL)
    g_assert_cmpuint (g_string_replace (text, find, replace, 1), ==, 1);
  return text;
}

static void
test_valid_rich (void)
{
  g_autoptr(GString) text = rich_pack_with (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);
  CxStatistic *jobs, *pop;
  const CxStatisticPoint *point;
  const char *key;

  g_assert_no_error (error);
  jobs = cx_data_pack_lookup_statistic (pack, "jobs");
  pop = cx_data_pack_lookup_statistic (pack, "pop");

  /* The series, its gap kept, each point with the statistic's source and
   * status unless it names its own. */
  g_assert_cmpuint (cx_statistic_get_n_points (jobs), ==, 3);
  point = cx_statistic_get_point (jobs, 0);
  g_assert_cmpstr (point->period, ==, "2018");
  g_assert_cmpfloat (point->value, ==, 20);
  g_assert_cmpint (point->status, ==, CX_STATISTIC_ESTIMATE);
  g_assert_cmpstr (cx_statistic_get_point_note (jobs, point), ==, "old");
  point = cx_statistic_get_point (jobs, 1);
  g_assert_cmpstr (point->period, ==, "2020");
  g_assert_false (point->has_value);
  g_assert_cmpint (point->status, ==, CX_STATISTIC_REPORTED);
  g_assert_true (point->source == cx_statistic_get_source (jobs));
  g_assert_null (cx_statistic_lookup_point (jobs, "2019"));

  /* The breakdown by feature: on the feature's page, and a place of the
   * statistic. */
  g_assert_cmpint (cx_statistic_get_breakdown_kind (jobs), ==, CX_BREAKDOWN_FEATURE);
  g_assert_cmpfloat (cx_statistic_lookup_entry (jobs, "area")->value, ==, 15);
  g_assert_true (g_list_store_find (G_LIST_STORE (cx_feature_get_statistics (cx_data_pack_lookup_feature (pack, "area"))), jobs, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_statistic_features (pack, jobs)), ==, 2);
  /* park names "stat" itself; the breakdown adds "jobs" after it. */
  g_assert_cmpuint (g_list_model_get_n_items (cx_feature_get_statistics (cx_data_pack_lookup_feature (pack, "park"))), ==, 2);

  /* By district, a district without a value listed as such. */
  g_assert_cmpint (cx_statistic_get_breakdown_kind (pop), ==, CX_BREAKDOWN_DISTRICT);
  g_assert_false (cx_statistic_lookup_entry (pop, "south")->has_value);
  g_assert_cmpstr (cx_statistic_get_entry_note (pop, cx_statistic_lookup_entry (pop, "south")), ==, "not found");
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_districts (pack)), ==, 2);
  g_assert_cmpstr (cx_district_get_name (cx_data_pack_get_own_district (pack)), ==, "North");
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_statistic_features (pack, pop)), ==, 0);

  /* Former ids find the statistic, and the value they stood for. */
  g_assert_true (cx_data_pack_resolve_statistic (pack, "jobs-2018", &key) == jobs);
  g_assert_cmpstr (key, ==, "2018");
  g_assert_true (cx_data_pack_resolve_statistic (pack, "jobs-park", &key) == jobs);
  g_assert_cmpstr (key, ==, "park");
  g_assert_true (cx_data_pack_resolve_statistic (pack, "jobs", &key) == jobs);
  g_assert_null (key);
  g_assert_true (cx_data_pack_lookup_statistic (pack, "jobs-2023") == jobs);
  g_assert_null (cx_data_pack_lookup_statistic (pack, "jobs-2020"));
}

/* A version-1 pack, without any of those members, loads as before. */
static void
test_valid_format_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (cx_test_mini_pack (), strlen (cx_test_mini_pack ()), &error);
  CxStatistic *stat;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (cx_test_mini_pack (), "\"format_version\": 1"));
  stat = cx_data_pack_lookup_statistic (pack, "stat");
  g_assert_cmpuint (cx_statistic_get_n_points (stat), ==, 0);
  g_assert_cmpint (cx_statistic_get_breakdown_kind (stat), ==, CX_BREAKDOWN_NONE);
  g_assert_cmpuint (cx_statistic_get_n_entries (stat), ==, 0);
  g_assert_null (cx_statistic_lookup_entry (stat, "park"));
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_districts (pack)), ==, 0);
  g_assert_null (cx_data_pack_get_own_district (pack));
}

static const BadCase rich_cases[] = {
  { "unknown-breakdown-feature", "{\"id\": \"park\", \"value\": 10", "{\"id\": \"parkx\", \"value\": 10", CX_PACK_ERROR_DANGLING_LINK,
    "statistic 0 (“jobs”), breakdown value 1 (“parkx”): names the feature “parkx”, which the pack does not have" },
  { "unknown-breakdown-district", "{\"id\": \"north\", \"value\": 5}", "{\"id\": \"west\", \"value\": 5}", CX_PACK_ERROR_DANGLING_LINK,
    "statistic 1 (“pop”), breakdown value 1 (“west”): names the district “west”, which the pack does not have" },
  { "duplicate-period", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2018\", \"value\": null}", CX_PACK_ERROR_DUPLICATE_ID,
    "statistic 0 (“jobs”), series value 2 (“2018”): the period is listed twice" },
  { "period-out-of-order", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2017\", \"value\": null}", CX_PACK_ERROR_VALUE,
    "series value 2 (“2017”): the period comes before “2018”" },
  { "mixed-period-kinds", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2020-H1\", \"value\": null}", CX_PACK_ERROR_VALUE,
    "series value 2 (“2020-H1”): the period is not of the same kind as the one before it (“2018”)" },
  { "range-period-in-series", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2019/2020\", \"value\": null}", CX_PACK_ERROR_VALUE,
    "“period” must be one period" },
  { "bad-period-in-series", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"twenty\", \"value\": null}", CX_PACK_ERROR_VALUE,
    "series value 2 (“twenty”): “period” must be one period" },
  { "duplicate-entry", "{\"id\": \"area\", \"value\": 15}", "{\"id\": \"park\", \"value\": 15}", CX_PACK_ERROR_DUPLICATE_ID,
    "breakdown value 2 (“park”): “park” is listed twice" },
  { "bad-entry-id", "{\"id\": \"area\", \"value\": 15}", "{\"id\": \"Area 51\", \"value\": 15}", CX_PACK_ERROR_VALUE,
    "breakdown value 2 (“Area 51”): the id “Area 51” is not valid" },
  { "infinite-entry", "{\"id\": \"area\", \"value\": 15}", "{\"id\": \"area\", \"value\": 1e999}", CX_PACK_ERROR_VALUE,
    "statistic 0 (“jobs”), breakdown value 2 (“area”): “value” is not a finite number" },
  { "infinite-point", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2020\", \"value\": -1e999}", CX_PACK_ERROR_VALUE,
    "series value 2 (“2020”): “value” is not a finite number" },
  { "nan-point", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2020\", \"value\": NaN}", CX_PACK_ERROR_PARSE,
    "pack.json: not valid JSON" },
  { "negative-count", "{\"id\": \"area\", \"value\": 15}", "{\"id\": \"area\", \"value\": -15}", CX_PACK_ERROR_VALUE,
    "breakdown value 2 (“area”): “value” is -15; a count cannot be negative" },
  { "negative-count-in-series", "\"value\": 20, \"status\"", "\"value\": -20, \"status\"", CX_PACK_ERROR_VALUE,
    "series value 1 (“2018”): “value” is -20; a count cannot be negative" },
  { "point-value-wrong-type", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2020\", \"value\": \"n/a\"}", CX_PACK_ERROR_TYPE,
    "series value 2 (“2020”): “value” must be a number, not a string" },
  { "entry-value-wrong-type", "{\"id\": \"area\", \"value\": 15}", "{\"id\": \"area\", \"value\": [15]}", CX_PACK_ERROR_TYPE,
    "breakdown value 2 (“area”): “value” must be a number, not an array" },
  { "point-value-missing", "{\"period\": \"2020\", \"value\": null}", "{\"period\": \"2020\"}", CX_PACK_ERROR_MISSING,
    "series value 2 (“2020”): the required member “value” is missing" },
  { "period-wrong-type", "{\"period\": \"2020\", \"value\": null}", "{\"period\": 2020, \"value\": null}", CX_PACK_ERROR_TYPE,
    "series value 2: “period” must be a string, not a number" },
  { "series-not-array", "\"series\": [", "\"series\": 3, \"unused\": [", CX_PACK_ERROR_TYPE,
    "statistic 0 (“jobs”): “series” must be an array, not a number" },
  { "point-not-object", "\"series\": [", "\"series\": [true, ", CX_PACK_ERROR_TYPE,
    "statistic 0 (“jobs”), series value 1: must be an object with “period” and “value”, not a boolean" },
  { "breakdown-not-object", "\"breakdown\": {\"by\": \"district\"", "\"breakdown\": [], \"unused\": {\"by\": \"district\"", CX_PACK_ERROR_TYPE,
    "statistic 1 (“pop”): “breakdown” must be an object, not an array" },
  { "entry-not-object", "\"values\": [{\"id\": \"north\"", "\"values\": [\"north\", {\"id\": \"north\"", CX_PACK_ERROR_TYPE,
    "breakdown value 1: must be an object with “id” and “value”, not a string" },
  { "breakdown-by", "\"by\": \"feature\"", "\"by\": \"subdistrict\"", CX_PACK_ERROR_VALUE,
    "statistic 0 (“jobs”): “by” is “subdistrict”; it must be feature or district" },
  { "breakdown-empty", "{\"id\": \"north\", \"value\": 5}, {\"id\": \"south\", \"value\": null, \"note\": \"not found\"}", "", CX_PACK_ERROR_VALUE,
    "statistic 1 (“pop”): “values” is empty" },
  { "headline-disagrees", "\"value\": 30, \"unit\": \"jobs\"", "\"value\": 31, \"unit\": \"jobs\"", CX_PACK_ERROR_VALUE,
    "statistic 0 (“jobs”): the series gives 30 for 2023, but “value” is 31" },
  { "headline-in-gap", "{\"period\": \"2023\", \"value\": 30,", "{\"period\": \"2023\", \"value\": null,", CX_PACK_ERROR_VALUE,
    "the series has no value for 2023, but “value” is 30" },
  { "headline-period-missing", "\"period\": \"2023\", \"status\": \"reported\"", "\"period\": \"2024\", \"status\": \"reported\"", CX_PACK_ERROR_VALUE,
    "statistic 0 (“jobs”): the series has no value for the statistic's own period “2024”" },
  { "point-status", "\"status\": \"estimate\", \"note\": \"old\"", "\"status\": \"guess\", \"note\": \"old\"", CX_PACK_ERROR_VALUE,
    "series value 1 (“2018”): “status” is “guess”" },
  { "point-source", "\"note\": \"old\"", "\"note\": \"old\", \"source\": \"nowhere\"", CX_PACK_ERROR_DANGLING_LINK,
    "series value 1 (“2018”): “source” links to the source “nowhere”" },
  { "former-id-invalid", "\"former_id\": \"jobs-2018\"", "\"former_id\": \"Jobs 2018\"", CX_PACK_ERROR_VALUE,
    "series value 1 (“2018”): “former_id” is “Jobs 2018”, which is not a valid id" },
  { "former-id-is-own-id", "\"former_id\": \"jobs-park\"", "\"former_id\": \"jobs\"", CX_PACK_ERROR_DUPLICATE_ID,
    "breakdown value 1 (“park”): “former_id” “jobs” is the id of a statistic of this pack" },
  { "former-id-twice", "\"former_id\": \"jobs-park\"", "\"former_id\": \"jobs-2018\"", CX_PACK_ERROR_DUPLICATE_ID,
    "“former_id” “jobs-2018” is given to an earlier value too" },
  { "former-id-of-later-statistic", "\"former_id\": \"jobs-park\"", "\"former_id\": \"stat\"", CX_PACK_ERROR_DUPLICATE_ID,
    "statistic 2 (“stat”): the id “stat” is the former id of a value of the earlier statistic “jobs”" },
  { "unknown-own-district", "\"own_district\": \"north\"", "\"own_district\": \"east\"", CX_PACK_ERROR_DANGLING_LINK,
    "pack.json: “own_district” names the district “east”, which the pack does not have" },
  { "duplicate-district", "{\"id\": \"south\", \"name\"", "{\"id\": \"north\", \"name\"", CX_PACK_ERROR_DUPLICATE_ID,
    "district 1 (“north”): the id “north” is used by an earlier district" },
  { "district-without-zh", "{\"en\": \"South\", \"zh\": \"南\"}", "{\"en\": \"South\"}", CX_PACK_ERROR_MISSING,
    "district 1 (“south”): the required member “name.zh” is missing" },
  { "districts-not-array", "\"districts\": [", "\"districts\": {\"a\": 1}, \"unused\": [", CX_PACK_ERROR_TYPE,
    "pack.json (districts): must be an array of districts, not an object" },
};

static void
test_rich_case (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GString) text = rich_pack_with (bad->find, bad->replace);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);

  g_assert_null (pack);
  if (error == NULL || error->domain != CX_PACK_ERROR || error->code != (int) bad->code ||
      strstr (error->message, bad->message) == NULL)
    g_error ("case %s: expected code %d and “%s” in the message, got %d “%s”", bad->name, bad->code,
             bad->message, error != NULL ? error->code : -1, error != NULL ? error->message : "(no error)");
}

/* A computed ratio, listed before one of the statistics it divides (the
 * order does not matter): jobs ÷ size, by feature. The area has no size to
 * divide by (0). */
#define RATIO_DENS \
  "{\"id\": \"dens\", \"title\": {\"en\": \"D\", \"zh\": \"密\"}, \"kind\": \"amount\", \"value\": 6, \"unit\": \"jobs/km²\"," \
  " \"period\": \"2023\", \"status\": \"reported\", \"source\": \"src\"," \
  " \"ratio\": {\"numerator\": \"jobs\", \"denominator\": \"size\"}},\n"
#define RATIO_SIZE \
  "{\"id\": \"size\", \"title\": {\"en\": \"S\", \"zh\": \"面\"}, \"kind\": \"amount\", \"value\": 5, \"unit\": \"km²\"," \
  " \"period\": \"2026-07\", \"status\": \"estimate\", \"source\": \"src\"," \
  " \"breakdown\": {\"by\": \"feature\", \"values\": [{\"id\": \"park\", \"value\": 2.5}, {\"id\": \"area\", \"value\": 0}]}},\n"

static GString *
ratio_pack_with (const char *find,
                 const char *replace)
{
  g_autoptr(GString) rich = rich_pack_with (RICH_POP, RICH_POP RATIO_DENS RATIO_SIZE);
  GString *text = g_string_new (rich->str);

  if (find != NULL)
    g_assert_cmpuint (g_string_replace (text, find, replace, 1), ==, 1);
  return text;
}

static void
test_valid_ratio (void)
{
  g_autoptr(GString) text = ratio_pack_with (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);
  CxStatistic *dens, *numerator = NULL, *denominator = NULL;
  const CxStatisticEntry *entry;

  g_assert_no_error (error);
  dens = cx_data_pack_lookup_statistic (pack, "dens");
  g_assert_true (cx_statistic_get_ratio (dens, &numerator, &denominator));
  g_assert_true (numerator == cx_data_pack_lookup_statistic (pack, "jobs"));
  g_assert_true (denominator == cx_data_pack_lookup_statistic (pack, "size"));
  g_assert_false (cx_statistic_get_ratio (numerator, NULL, NULL));

  /* Place by place, in the numerator's order: 10 ÷ 2.5, and the area,
   * with nothing to divide by, listed as not available. */
  g_assert_cmpint (cx_statistic_get_breakdown_kind (dens), ==, CX_BREAKDOWN_FEATURE);
  g_assert_cmpuint (cx_statistic_get_n_entries (dens), ==, 2);
  entry = cx_statistic_get_entry (dens, 0);
  g_assert_cmpstr (entry->id, ==, "park");
  g_assert_true (entry->has_value);
  g_assert_cmpfloat_with_epsilon (entry->value, 4, 1e-12);
  /* No surer than the less sure of the two. */
  g_assert_cmpint (entry->status, ==, CX_STATISTIC_ESTIMATE);
  entry = cx_statistic_get_entry (dens, 1);
  g_assert_cmpstr (entry->id, ==, "area");
  g_assert_false (entry->has_value);

  /* Its places show it, as any breakdown's. */
  g_assert_true (g_list_store_find (G_LIST_STORE (cx_feature_get_statistics (cx_data_pack_lookup_feature (pack, "park"))), dens, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (cx_data_pack_get_statistic_features (pack, dens)), ==, 2);
}

static const BadCase ratio_cases[] = {
  { "unknown-operand", "\"denominator\": \"size\"", "\"denominator\": \"sizes\"", CX_PACK_ERROR_DANGLING_LINK,
    "statistic 2 (“dens”): the “ratio” names the statistic “sizes”, which the pack does not have" },
  { "former-id-operand", "\"numerator\": \"jobs\"", "\"numerator\": \"jobs-park\"", CX_PACK_ERROR_DANGLING_LINK,
    "the “ratio” names the statistic “jobs-park”, which the pack does not have (a former id does not do)" },
  { "by-itself", "\"numerator\": \"jobs\"", "\"numerator\": \"dens\"", CX_PACK_ERROR_VALUE,
    "statistic 2 (“dens”): a “ratio” divides two other statistics, not one by itself" },
  { "same-operands", "\"denominator\": \"size\"", "\"denominator\": \"jobs\"", CX_PACK_ERROR_VALUE,
    "not one by itself" },
  { "places-of-another-kind", "\"denominator\": \"size\"", "\"denominator\": \"pop\"", CX_PACK_ERROR_VALUE,
    "statistic 2 (“dens”): the “ratio” divides “jobs” by “pop”, which need breakdowns by the same kind of place" },
  { "operand-without-breakdown", "\"denominator\": \"size\"", "\"denominator\": \"stat\"", CX_PACK_ERROR_VALUE,
    "which need breakdowns by the same kind of place" },
  { "value-disagrees", "\"value\": 6, \"unit\": \"jobs/km²\"", "\"value\": 6.1, \"unit\": \"jobs/km²\"", CX_PACK_ERROR_VALUE,
    "statistic 2 (“dens”): “value” is 6.1, but “jobs” ÷ “size” is 6 (it must agree to 0.5 %)" },
  { "divides-by-zero", "\"value\": 5, \"unit\": \"km²\"", "\"value\": 0, \"unit\": \"km²\"", CX_PACK_ERROR_VALUE,
    "the “ratio” divides by “size”, whose own value is 0" },
  { "own-breakdown", "\"ratio\": {", "\"breakdown\": {\"by\": \"feature\", \"values\": [{\"id\": \"park\", \"value\": 1}]}, \"ratio\": {", CX_PACK_ERROR_VALUE,
    "statistic 2 (“dens”): a computed “ratio” has no “breakdown” or “series” of its own" },
  { "ratio-of-ratio", "\"breakdown\": {\"by\": \"feature\", \"values\": [{\"id\": \"park\", \"value\": 2.5}, {\"id\": \"area\", \"value\": 0}]}",
    "\"ratio\": {\"numerator\": \"jobs\", \"denominator\": \"dens\"}", CX_PACK_ERROR_VALUE,
    "the “ratio” divides a computed ratio: only published figures are divided" },
  { "bad-operand-id", "\"numerator\": \"jobs\"", "\"numerator\": \"Jobs!\"", CX_PACK_ERROR_VALUE,
    "statistic 2 (“dens”): the “ratio”’s “numerator” “Jobs!” is not a valid id" },
  { "operand-missing", "\"numerator\": \"jobs\", ", "", CX_PACK_ERROR_MISSING,
    "statistic 2 (“dens”): the required member “numerator” is missing" },
  { "ratio-not-object", "\"ratio\": {", "\"ratio\": [], \"unused\": {", CX_PACK_ERROR_TYPE,
    "statistic 2 (“dens”): “ratio” must be an object, not an array" },
};

static void
test_ratio_case (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GString) text = ratio_pack_with (bad->find, bad->replace);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);

  g_assert_null (pack);
  if (error == NULL || error->domain != CX_PACK_ERROR || error->code != (int) bad->code ||
      strstr (error->message, bad->message) == NULL)
    g_error ("case %s: expected code %d and “%s” in the message, got %d “%s”", bad->name, bad->code,
             bad->message, error != NULL ? error->code : -1, error != NULL ? error->message : "(no error)");
}

/* More values than any district's statistic has: refused, saying the cap. */
static void
test_absurd_counts (void)
{
  g_autoptr(GString) series = g_string_new ("\"series\": [");
  g_autoptr(GString) values = g_string_new ("\"values\": [");
  g_autoptr(GString) districts = g_string_new ("\"districts\": [");

  for (guint i = 0; i <= CX_STATISTIC_MAX_POINTS; i++)
    g_string_append_printf (series, "{\"period\": \"%u\", \"value\": 1}, ", 1000 + i);
  for (guint i = 0; i <= CX_STATISTIC_MAX_ENTRIES; i++)
    g_string_append_printf (values, "{\"id\": \"f%u\", \"value\": 1}, ", i);
  g_string_append (values, "{\"id\": \"park\"");
  for (guint i = 0; i <= CX_DATA_PACK_MAX_DISTRICTS; i++)
    g_string_append_printf (districts, "{\"id\": \"d%u\", \"name\": {\"en\": \"D\", \"zh\": \"区\"}}, ", i);

  {
    g_autoptr(GString) text = rich_pack_with ("\"series\": [", series->str);
    g_autoptr(GError) error = NULL;
    g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);

    g_assert_null (pack);
    g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE);
    g_assert_nonnull (strstr (error->message, "statistic 0 (“jobs”): “series” has 504 values; at most 500 are allowed"));
  }
  {
    g_autoptr(GString) text = rich_pack_with ("\"values\": [{\"id\": \"park\"", values->str);
    g_autoptr(GError) error = NULL;
    g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);

    g_assert_null (pack);
    g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE);
    g_assert_nonnull (strstr (error->message, "statistic 0 (“jobs”): “values” has 1003 values; at most 1000 are allowed"));
  }
  {
    g_autoptr(GString) text = rich_pack_with ("\"districts\": [", districts->str);
    g_autoptr(GError) error = NULL;
    g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);

    g_assert_null (pack);
    g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE);
    g_assert_nonnull (strstr (error->message, "pack.json (districts): 103 districts are listed; at most 100 are allowed"));
  }
}

/* A pack made of files: a truncated file is named, with the JSON position. */
static void
test_truncated_file (void)
{
  g_autofree char *src_dir = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", "packs", "changning", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("cx-pack-XXXXXX", NULL);
  const char *files[] = { "pack.json", "features.geojson", "statistics.json", "programs.json", "sources.json", "basemap.geojson", "districts.json" };
  g_autoptr(GFile) dir = g_file_new_for_path (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;

  g_assert_nonnull (tmp);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (src_dir, files[i], NULL);
      g_autofree char *to = g_build_filename (tmp, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      if (g_str_equal (files[i], "statistics.json"))
        len /= 2;
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }

  pack = cx_data_pack_load (dir, NULL, &error);
  g_assert_null (pack);
  g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "statistics.json: not valid JSON"));

  /* A missing file is named too. */
  {
    g_autofree char *stats = g_build_filename (tmp, "statistics.json", NULL);

    g_clear_error (&error);
    g_assert_cmpint (g_unlink (stats), ==, 0);
    pack = cx_data_pack_load (dir, NULL, &error);
    g_assert_null (pack);
    g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "statistics.json: cannot be read"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (tmp, files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (tmp);
}

static void
test_unsafe_section_path (void)
{
  g_autoptr(GString) text = g_string_new (cx_test_mini_pack ());
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;

  g_string_replace (text, "\"statistics\": [", "\"statistics\": \"../../etc/passwd\", \"unused\": [", 1);
  bytes = g_bytes_new (text->str, text->len);
  pack = cx_data_pack_load_from_bytes (bytes, dir, "pack.json", NULL, &error);
  g_assert_null (pack);
  g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "must be plain names"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pack-errors/valid", test_valid);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pack-errors/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad_case);
    }
  g_test_add_func ("/pack-errors/valid-rich", test_valid_rich);
  g_test_add_func ("/pack-errors/valid-format-1", test_valid_format_1);
  for (guint i = 0; i < G_N_ELEMENTS (rich_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pack-errors/rich/%s", rich_cases[i].name);
      g_test_add_data_func (path, &rich_cases[i], test_rich_case);
    }
  g_test_add_func ("/pack-errors/valid-ratio", test_valid_ratio);
  for (guint i = 0; i < G_N_ELEMENTS (ratio_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pack-errors/ratio/%s", ratio_cases[i].name);
      g_test_add_data_func (path, &ratio_cases[i], test_ratio_case);
    }
  g_test_add_func ("/pack-errors/absurd-counts", test_absurd_counts);
  g_test_add_func ("/pack-errors/truncated-file", test_truncated_file);
  g_test_add_func ("/pack-errors/unsafe-section-path", test_unsafe_section_path);

  return g_test_run ();
}
