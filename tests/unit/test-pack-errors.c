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

/* A pack made of files: a truncated file is named, with the JSON position. */
static void
test_truncated_file (void)
{
  g_autofree char *src_dir = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", "packs", "changning", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("cx-pack-XXXXXX", NULL);
  const char *files[] = { "pack.json", "features.geojson", "statistics.json", "programs.json", "sources.json", "basemap.geojson" };
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
  g_test_add_func ("/pack-errors/truncated-file", test_truncated_file);
  g_test_add_func ("/pack-errors/unsafe-section-path", test_unsafe_section_path);

  return g_test_run ();
}
