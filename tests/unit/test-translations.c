/* test-translations.c: Simplified Chinese is complete and agrees with the pack
 *
 * Runs the real getters in the zh_CN.UTF-8 locale against the catalogue
 * this build compiled (<builddir>/po/zh_CN/LC_MESSAGES/changning-explorer.mo),
 * so it checks what the app shows, not just the po file. Those cases need
 * that locale generated (build-aux/dev's environment has it) and each skips,
 * saying so, where it is not: LANGUAGE alone is no substitute, because
 * glibc 2.41 ignores it under C and C.UTF-8. The cases on the po file itself
 * (complete, covering every string of the sources) run everywhere.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "cx-data-pack.h"
#include "cx-format.h"

static CxDataPack *pack;
/* Why the zh_CN.UTF-8 locale could not be set, or NULL. */
static const char *zh_cn_missing;

/* For the cases that look at what the app shows in zh_CN. */
static gboolean
zh_cn_or_skip (void)
{
  if (zh_cn_missing == NULL)
    return TRUE;
  g_test_skip (zh_cn_missing);
  return FALSE;
}

/* Problems are collected and reported together, so that one run lists every
 * string a translator still has to fix. */
static void
check_name (GString    *problems,
            const char *what,
            const char *id,
            const char *shown,
            const char *pack_zh)
{
  if (g_strcmp0 (shown, pack_zh) != 0)
    g_string_append_printf (problems, "\n  %s “%s”: zh_CN shows “%s”, the pack's Chinese is “%s”",
                            what, id, shown, pack_zh);
}

static void
check_translated (GString    *problems,
                  const char *what,
                  const char *id,
                  const char *shown,
                  const char *english)
{
  if (english == NULL)
    return;
  if (shown == NULL || shown[0] == '\0' || g_strcmp0 (shown, english) == 0)
    g_string_append_printf (problems, "\n  %s “%s” is not translated: “%s”", what, id, english);
}

static void
assert_no_problems (GString *problems)
{
  g_auto(GStrv) lines = NULL;

  if (problems->len == 0)
    return;

  /* One TAP comment per problem; a multi-line failure message would garble
   * the TAP stream. */
  lines = g_strsplit (problems->str + 1, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("%s", g_strstrip (lines[i]));
  g_test_fail_printf ("po/zh_CN.po disagrees with the data pack in %u places (listed above); "
                      "run build-aux/pack-strings and update the translation (README.md, “Translating”)",
                      g_strv_length (lines));
}

static void
test_catalogue_loaded (void)
{
  const char *header;

  if (!zh_cn_or_skip ())
    return;

  header = g_dgettext (GETTEXT_PACKAGE, "");
  /* Without the catalogue every other test here would only see English. */
  g_assert_nonnull (strstr (header, "Language: zh_CN"));
  g_assert_nonnull (strstr (header, "Plural-Forms: nplurals=1; plural=0;"));
  g_assert_cmpstr (_("Changning Explorer"), ==, "长宁探索");
}

/* Names and titles in zh_CN are exactly the pack's own Chinese. */
static void
test_names_match_pack (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  GListModel *model;

  if (!zh_cn_or_skip ())
    return;

  check_name (problems, "pack", cx_data_pack_get_id (pack),
              cx_data_pack_get_name (pack), cx_data_pack_get_name_zh (pack));

  model = cx_data_pack_get_layers (pack);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (model, i);
      check_name (problems, "layer", cx_layer_get_id (layer),
                  cx_layer_get_name (layer), cx_layer_get_name_zh (layer));
    }

  model = cx_data_pack_get_features (pack);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 20);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxFeature) feature = g_list_model_get_item (model, i);
      check_name (problems, "feature", cx_feature_get_id (feature),
                  cx_feature_get_name (feature), cx_feature_get_name_zh (feature));
    }

  model = cx_data_pack_get_statistics (pack);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxStatistic) stat = g_list_model_get_item (model, i);
      check_name (problems, "statistic", cx_statistic_get_id (stat),
                  cx_statistic_get_title (stat), cx_statistic_get_title_zh (stat));
    }

  model = cx_data_pack_get_programs (pack);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxProgram) program = g_list_model_get_item (model, i);
      check_name (problems, "program", cx_program_get_id (program),
                  cx_program_get_title (program), cx_program_get_title_zh (program));
    }

  model = cx_data_pack_get_districts (pack);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 16);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxDistrict) district = g_list_model_get_item (model, i);
      check_name (problems, "district", cx_district_get_id (district),
                  cx_district_get_name (district), cx_district_get_name_zh (district));
    }

  assert_no_problems (problems);

  /* The official names the issue asks for, spelled out. */
  g_assert_cmpstr (cx_feature_get_name (cx_data_pack_lookup_feature (pack, "changning-district")), ==, "长宁区");
  g_assert_cmpstr (cx_feature_get_name (cx_data_pack_lookup_feature (pack, "zhongshan-park")), ==, "中山公园");
  g_assert_cmpstr (cx_feature_get_name (cx_data_pack_lookup_feature (pack, "columbia-circle")), ==, "上生·新所");
  g_assert_cmpstr (cx_feature_get_name (cx_data_pack_lookup_feature (pack, "ecupl-changning")), ==, "华东政法大学长宁校区");
  g_assert_cmpstr (cx_feature_get_name (cx_data_pack_lookup_feature (pack, "hongqiao-subdistrict")), ==, "虹桥街道");
  g_assert_cmpstr (cx_layer_get_name (cx_data_pack_lookup_layer (pack, "hongqiao")), ==, "虹桥地区");

  /* The English stays available whatever the language. */
  g_assert_cmpstr (cx_feature_get_name_en (cx_data_pack_lookup_feature (pack, "zhongshan-park")), ==, "Zhongshan Park");
  g_assert_cmpstr (cx_data_pack_get_name_en (pack), ==, "Changning District");
}

/* Every other piece of the pack's English text has a translation. */
static void
test_pack_text_translated (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  GListModel *model;

  if (!zh_cn_or_skip ())
    return;

  /* The credits under the map and at the foot of handouts. */
  check_translated (problems, "pack attribution", cx_data_pack_get_id (pack),
                    cx_data_pack_get_attribution (pack), cx_data_pack_get_attribution_en (pack));

  model = cx_data_pack_get_layers (pack);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (model, i);
      const char *id = cx_layer_get_id (layer);

      check_translated (problems, "layer description", id,
                        cx_layer_get_description (layer), cx_layer_get_description_en (layer));
    }

  model = cx_data_pack_get_features (pack);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxFeature) feature = g_list_model_get_item (model, i);
      const char *id = cx_feature_get_id (feature);

      check_translated (problems, "feature description", id,
                        cx_feature_get_description (feature), cx_feature_get_description_en (feature));
      check_translated (problems, "feature accuracy note", id,
                        cx_feature_get_accuracy_note (feature), cx_feature_get_accuracy_note_en (feature));
    }

  model = cx_data_pack_get_statistics (pack);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxStatistic) stat = g_list_model_get_item (model, i);
      const char *id = cx_statistic_get_id (stat);

      check_translated (problems, "statistic comparison", id,
                        cx_statistic_get_comparison (stat), cx_statistic_get_comparison_en (stat));
      check_translated (problems, "statistic note", id,
                        cx_statistic_get_note (stat), cx_statistic_get_note_en (stat));
    }

  model = cx_data_pack_get_programs (pack);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CxProgram) program = g_list_model_get_item (model, i);
      const char *id = cx_program_get_id (program);

      check_translated (problems, "program summary", id,
                        cx_program_get_summary (program), cx_program_get_summary_en (program));
      for (guint l = 0; l < cx_program_get_n_links (program); l++)
        check_translated (problems, "program link title", id,
                          cx_program_get_link_title (program, l), cx_program_get_link_title_en (program, l));
    }

  assert_no_problems (problems);
}

/* The starter scenes are meant to be translated when a first start copies
 * them into the user's scenes, with these contexts (build-aux/pack-strings). */
static void
test_starter_scenes_translated (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_uri ("resource:///io/github/changning/Explorer/packs/changning/scenes.json");
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *scenes;

  if (!zh_cn_or_skip ())
    return;

  if (bytes == NULL)
    {
      g_test_skip ("the pack has no starter scenes");
      return;
    }

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  scenes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "scenes");
  g_assert_nonnull (scenes);

  for (guint i = 0; i < json_array_get_length (scenes); i++)
    {
      JsonObject *scene = json_array_get_object_element (scenes, i);
      const char *title = json_object_get_string_member_with_default (scene, "title", NULL);
      const char *note = json_object_get_string_member_with_default (scene, "note", NULL);

      if (title != NULL)
        check_translated (problems, "starter scene title", title,
                          g_dpgettext2 (GETTEXT_PACKAGE, "starter-scene-title", title), title);
      if (note != NULL)
        check_translated (problems, "starter scene note", title,
                          g_dpgettext2 (GETTEXT_PACKAGE, "starter-scene-note", note), note);
    }

  assert_no_problems (problems);
}

/* Periods and dates come from translated format strings, not concatenation. */
static void
test_periods_and_values (void)
{
  struct { const char *period; const char *expected; } periods[] = {
    { "2024", "2024" },
    { "2023-H1", "2023年上半年" },
    { "2023-H2", "2023年下半年" },
    { "2024-Q3", "2024年第3季度" },
    { "2025-09", "2025年9月" },
    { "2023-08-31", "2023年8月31日" },
    { "2021/2024", "2021—2024" },
    { "2023-01/2023-07", "2023年1月—2023年7月" },
  };
  CxStatistic *stat;

  if (!zh_cn_or_skip ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *text = cx_format_period (periods[i].period);
      g_assert_cmpstr (text, ==, periods[i].expected);
    }

  stat = cx_data_pack_lookup_statistic (pack, "gdp-growth-h1-2023");
  {
    g_autofree char *value = cx_format_statistic_value (stat);
    g_assert_cmpstr (value, ==, "+15.3%");
  }
  /* Chinese counts in 亿 (10⁸): ¥278.9 bn is 2789亿元, the scaled number
   * not grouped (cx_format_quantity). */
  stat = cx_data_pack_lookup_statistic (pack, "gdp-2024");
  {
    g_autofree char *value = cx_format_statistic_value (stat);
    g_assert_cmpstr (value, ==, "2789亿元");
  }
  /* and people in 万 (10⁴): 693,051 is 69.3万人. */
  stat = cx_data_pack_lookup_statistic (pack, "population-2020");
  {
    g_autofree char *value = cx_format_statistic_value (stat);
    g_assert_cmpstr (value, ==, "69.3万人");
  }
  stat = cx_data_pack_lookup_statistic (pack, "ecommerce-2024");
  {
    g_autofree char *value = cx_format_statistic_value (stat);
    g_assert_cmpstr (value, ==, "1.62万亿元");
  }
  stat = cx_data_pack_lookup_statistic (pack, "area");
  {
    g_autofree char *value = cx_format_statistic_value (stat);
    g_assert_cmpstr (value, ==, "38.3平方公里");
  }

  /* Measured areas also in 公顷 and 亩 (1 亩 = 10000/15 m²): 37,216,897 m²
   * is 3,721.7 公顷 and 55,825 亩, to three figures. */
  {
    g_autofree char *district = cx_format_measured_shape (cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "changning-district")));
    g_autofree char *creek = cx_format_measured_shape (cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "suzhou-creek-waterfront")));
    g_autofree char *small = cx_format_area (4532);
    g_autofree char *short_line = cx_format_length (850.4);

    g_assert_cmpstr (district, ==, "按轮廓量算：37.2平方公里（3,720公顷，55,800亩），周长36.9公里");
    g_assert_cmpstr (creek, ==, "沿线量算：11.7公里");
    g_assert_cmpstr (small, ==, "4,530平方米（0.453公顷，6.80亩）");
    g_assert_cmpstr (short_line, ==, "850米");
  }

  /* A program running since a year, and since a day. */
  {
    g_autofree char *since_year = cx_format_program_dates (cx_data_pack_lookup_program (pack, "hongqiao-hub"));
    g_autofree char *since_day = NULL;
    GListModel *programs = cx_data_pack_get_programs (pack);

    g_assert_cmpstr (since_year, ==, "自2021年起，持续进行中");
    for (guint i = 0; i < g_list_model_get_n_items (programs) && since_day == NULL; i++)
      {
        g_autoptr(CxProgram) program = g_list_model_get_item (programs, i);

        if (cx_program_get_end (program) == NULL && g_strcmp0 (cx_program_get_start (program), "2021-09-23") == 0)
          since_day = cx_format_program_dates (program);
      }
    g_assert_cmpstr (since_day, ==, "自2021年9月23日起，持续进行中");
  }
}

/* Runs the gettext tool @tool with @args, in English (its own messages
 * are translated too), and returns its stderr; its stdout in @out. */
static char *
run_gettext_tool (const char         *tool,
                  const char * const *args,
                  char              **out)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* gettext is needed to build (the .mo files): its tools are there. */
  if (program == NULL)
    g_error ("%s is not installed (it comes with gettext, which the build needs)", tool);
  g_ptr_array_add (argv, program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", tool, error->message, err);

  return err;
}

static char *
run_msgfmt (const char * const *args)
{
  g_autofree char *out = NULL;

  return run_gettext_tool ("msgfmt", args, &out);
}

/* msgfmt --check passes and counts no untranslated or fuzzy messages. */

/* Numbers in 万 and 亿 in zh_CN (cx_format_quantity), at the boundaries:
 * under 10,000 grouped as the locale groups; from 10,000 in 万 with up to
 * one decimal; from 100,000,000 (or what rounds to 10000万) in 亿 with up
 * to two; from 10¹² in 万亿. */
static void
test_quantities_in_myriads (void)
{
  static const struct { double value; const char *expected; } cases[] = {
    { 0, "0" },
    { 9999, "9,999" },
    { 10000, "1万" },
    { 12345, "1.2万" },
    { 15000, "1.5万" },
    { 693051, "69.3万" },
    { 99940000, "9994万" },
    { 99999999, "1亿" },
    { 100000000, "1亿" },
    { 249000000, "2.49亿" },
    { 278.9e9, "2789亿" },
    { 999999999999, "1万亿" },
    { 1.62e12, "1.62万亿" },
    { -693051, "-69.3万" },
  };

  if (!zh_cn_or_skip ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cx_format_quantity (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* As the app shows them: people, jobs, yuan. */
  {
    g_autofree char *jobs = cx_format_statistic_figure (cx_data_pack_lookup_statistic (pack, "jobs-2023"), 148418);
    g_autofree char *few = cx_format_statistic_figure (cx_data_pack_lookup_statistic (pack, "jobs-2023"), 6332);
    g_autofree char *trn = cx_format_statistic_value (cx_data_pack_lookup_statistic (pack, "ecommerce-2024"));

    g_assert_cmpstr (jobs, ==, "14.8万人");
    g_assert_cmpstr (few, ==, "6,332人");
    g_assert_cmpstr (trn, ==, "1.62万亿元");
  }

  /* A chart's unit as its figures are written, not the pack's "CNY bn". */
  {
    g_autofree char *yuan = cx_format_unit (cx_data_pack_lookup_statistic (pack, "gdp"));
    g_autofree char *jobs = cx_format_unit (cx_data_pack_lookup_statistic (pack, "jobs-2023"));

    g_assert_cmpstr (yuan, ==, "亿元");
    g_assert_cmpstr (jobs, ==, "人");
  }
}

static void
test_po_complete (void)
{
  g_autofree char *po = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "po", "zh_CN.po", NULL);
  const char *args[] = { "--check", "--statistics", "-o", "/dev/null", po, NULL };
  g_autofree char *err = run_msgfmt (args);

  g_test_message ("msgfmt: %s", err);
  g_assert_null (strstr (err, "untranslated"));
  g_assert_null (strstr (err, "fuzzy"));
  g_assert_nonnull (strstr (err, "translated message"));
}

/* The keywords and format flags of meson's i18n "glib" preset, which
 * po/meson.build uses for the POT (mesonbuild/modules/i18n.py, PRESET_ARGS;
 * the same in meson 1.0 to 1.7). */
static const char * const glib_preset_args[] = {
  "--from-code=UTF-8", "--add-comments",
  "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
  "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
  "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
  "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
  "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
  "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
  "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
  "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
  "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
};

/* Lists, one TAP comment each, the messages msgattrib finds in @po with
 * @selection (--untranslated, --only-fuzzy); returns how many. */
static guint
list_messages (const char *po,
               const char *selection)
{
  const char *args[] = { selection, "--no-obsolete", "--no-wrap", po, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = run_gettext_tool ("msgattrib", args, &out);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *where = NULL;
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "#: "))
        {
          g_free (where);
          where = g_strdup (lines[i] + 3);
        }
      else if (g_str_has_prefix (lines[i], "msgid \"") && !g_str_equal (lines[i], "msgid \"\""))
        {
          g_test_message ("%s: %s (%s)", selection + 2, lines[i] + 6, where != NULL ? where : "?");
          n++;
        }
      else if (g_str_equal (lines[i], "msgid \"\"") && lines[i + 1] != NULL && lines[i + 1][0] == '"')
        {
          /* A long message, wrapped by the po file's own author. */
          g_test_message ("%s: %s… (%s)", selection + 2, lines[i + 1], where != NULL ? where : "?");
          n++;
        }
    }
  return n;
}

/* po/zh_CN.po translates every string the sources have now: the strings
 * are extracted from po/POTFILES.in as the POT target does, merged with the
 * po as update-po would (without fuzzy guesses), and what is left without
 * a translation is listed. Entries appended by hand, in any order, count;
 * the merged po is also checked the way msgfmt --check checks a po, with the
 * format flags the sources give (a hand-written entry may lack "c-format"). */
static void
test_po_covers_sources (void)
{
  const char *top = g_getenv ("CX_SOURCE_ROOT");
  g_autofree char *po = g_build_filename (top, "po", "zh_CN.po", NULL);
  g_autofree char *potfiles = g_build_filename (top, "po", "POTFILES.in", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("cx-po-sources-XXXXXX", NULL);
  g_autofree char *pot = g_build_filename (tmp, "sources.pot", NULL);
  g_autofree char *merged = g_build_filename (tmp, "zh_CN.po", NULL);
  g_autoptr(GPtrArray) xgettext_args = g_ptr_array_new ();
  const char *merge_args[] = { "--no-fuzzy-matching", "--no-wrap", "--quiet", "-o", merged, po, pot, NULL };
  const char *check_args[] = { "--check", "--statistics", "-o", "/dev/null", merged, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint missing;

  g_assert_nonnull (tmp);
  for (guint i = 0; i < G_N_ELEMENTS (glib_preset_args); i++)
    g_ptr_array_add (xgettext_args, (gpointer) glib_preset_args[i]);
  g_ptr_array_add (xgettext_args, "--directory");
  g_ptr_array_add (xgettext_args, (gpointer) top);
  g_ptr_array_add (xgettext_args, "--files-from");
  g_ptr_array_add (xgettext_args, potfiles);
  g_ptr_array_add (xgettext_args, "--output");
  g_ptr_array_add (xgettext_args, pot);
  g_ptr_array_add (xgettext_args, NULL);
  err = run_gettext_tool ("xgettext", (const char * const *) xgettext_args->pdata, &out);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  err = run_gettext_tool ("msgmerge", merge_args, &out);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  missing = list_messages (merged, "--untranslated") + list_messages (merged, "--only-fuzzy");
  if (missing > 0)
    g_test_fail_printf ("po/zh_CN.po has no translation for %u of the strings in the sources (listed above): "
                        "append them to po/zh_CN.po", missing);

  err = run_msgfmt (check_args);
  g_test_message ("msgfmt on the merged po: %s", err);

  g_remove (pot);
  g_remove (merged);
  g_rmdir (tmp);
}

/* Whether @tag names Simplified Chinese as written in China: gettext ≤ 0.22
 * writes the POSIX "zh_CN", 0.23 the BCP 47 "zh-Hans-CN"; "zh-CN" is the
 * short BCP 47 form. Traditional Chinese, or another region, is not it. */
static gboolean
lang_is_zh_cn (const char *tag)
{
  g_autofree char *bcp47 = g_strdelimit (g_strdup (tag), "_", '-');

  return g_ascii_strcasecmp (bcp47, "zh-CN") == 0 ||
         g_ascii_strcasecmp (bcp47, "zh-Hans-CN") == 0;
}

/* Whether the merged metainfo has <name xml:lang="…">@name</name> with a
 * language tag for zh_CN. */
static gboolean
metainfo_has_zh_cn_name (const char *metainfo,
                         const char *name)
{
  g_autofree char *tail = g_strdup_printf ("\">%s</name>", name);
  const char *open = "<name xml:lang=\"";

  for (const char *p = strstr (metainfo, open); p != NULL; p = strstr (p + 1, open))
    {
      const char *tag = p + strlen (open);
      const char *end = strchr (tag, '"');
      g_autofree char *lang = NULL;

      if (end == NULL || !g_str_has_prefix (end, tail))
        continue;

      lang = g_strndup (tag, end - tag);
      g_test_message ("metainfo: <name xml:lang=\"%s\">%s</name>", lang, name);
      if (lang_is_zh_cn (lang))
        return TRUE;
    }

  return FALSE;
}

static void
test_zh_cn_tags (void)
{
  g_assert_true (lang_is_zh_cn ("zh_CN"));
  g_assert_true (lang_is_zh_cn ("zh-CN"));
  g_assert_true (lang_is_zh_cn ("zh-Hans-CN"));
  g_assert_false (lang_is_zh_cn ("zh_TW"));
  g_assert_false (lang_is_zh_cn ("zh-Hant-TW"));
  g_assert_false (lang_is_zh_cn ("zh-Hant-CN"));
  g_assert_false (lang_is_zh_cn ("zh"));

  g_assert_true (metainfo_has_zh_cn_name ("<name>Changning Explorer</name>\n"
                                          "<name xml:lang=\"zh-Hans-CN\">长宁探索</name>", "长宁探索"));
  g_assert_false (metainfo_has_zh_cn_name ("<name xml:lang=\"zh-Hant-TW\">長寧探索</name>", "長寧探索"));
  g_assert_false (metainfo_has_zh_cn_name ("<name xml:lang=\"zh_CN\">Changning</name>", "长宁探索"));
}

/* The desktop entry and the AppStream metadata get Chinese from the po too.
 * Merged here the way i18n.merge_file () does it, because meson does not
 * rebuild the merged files in data/ when only a po file changed. */
static void
test_desktop_and_metainfo (void)
{
  const char *top = g_getenv ("CX_SOURCE_ROOT");
  g_autofree char *po_dir = g_build_filename (top, "po", NULL);
  g_autofree char *desktop_in = g_build_filename (top, "data", "io.github.changning.Explorer.desktop.in", NULL);
  g_autofree char *metainfo_in = g_build_filename (top, "data", "io.github.changning.Explorer.metainfo.xml.in", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("cx-translations-XXXXXX", NULL);
  g_autofree char *desktop_out = g_build_filename (tmp, "explorer.desktop", NULL);
  g_autofree char *metainfo_out = g_build_filename (tmp, "explorer.metainfo.xml", NULL);
  const char *desktop_args[] = { "--desktop", "--template", desktop_in, "-d", po_dir, "-o", desktop_out, NULL };
  const char *metainfo_args[] = { "--xml", "--template", metainfo_in, "-d", po_dir, "-o", metainfo_out, NULL };
  g_autofree char *desktop_err = NULL;
  g_autofree char *metainfo_err = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *metainfo = NULL;

  g_assert_nonnull (tmp);
  desktop_err = run_msgfmt (desktop_args);
  metainfo_err = run_msgfmt (metainfo_args);

  g_assert_true (g_file_get_contents (desktop_out, &desktop, NULL, NULL));
  g_assert_nonnull (strstr (desktop, "Name[zh_CN]=长宁探索\n"));
  g_assert_nonnull (strstr (desktop, "Comment[zh_CN]=浏览上海市长宁区的离线地图\n"));
  g_assert_nonnull (strstr (desktop, "Keywords[zh_CN]=地图;上海;长宁;"));

  g_assert_true (g_file_get_contents (metainfo_out, &metainfo, NULL, NULL));
  g_assert_true (metainfo_has_zh_cn_name (metainfo, "长宁探索"));
  g_assert_nonnull (strstr (metainfo, "中山公园、上生·新所、愚园路"));

  g_remove (desktop_out);
  g_remove (metainfo_out);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Before the first gettext call: GLib decides once per process whether to
   * translate at all. The locale a Chinese desktop has; LANGUAGE too, as
   * most set it, so that both have to agree on zh_CN. */
  g_unsetenv ("LANG");
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    zh_cn_missing = "the zh_CN.UTF-8 locale is not generated here (locale-gen zh_CN.UTF-8; "
                    "build-aux/dev generates it in its environment and on Debian or Ubuntu hosts)";

  /* The catalogues this build compiled, next to tests/ in the build tree. */
  if (g_getenv ("CX_LOCALEDIR") != NULL)
    localedir = g_strdup (g_getenv ("CX_LOCALEDIR"));
  else
    localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  pack = cx_data_pack_load_default (&error);
  g_assert_no_error (error);

  /* Every case is always there; those that need the zh_CN locale skip
   * one by one, saying why. */
  g_test_add_func ("/translations/zh-cn-language-tags", test_zh_cn_tags);
  g_test_add_func ("/translations/catalogue-loaded", test_catalogue_loaded);
  g_test_add_func ("/translations/names-match-pack", test_names_match_pack);
  g_test_add_func ("/translations/pack-text-translated", test_pack_text_translated);
  g_test_add_func ("/translations/starter-scenes-translated", test_starter_scenes_translated);
  g_test_add_func ("/translations/periods-and-values", test_periods_and_values);
  g_test_add_func ("/translations/quantities-in-myriads", test_quantities_in_myriads);
  g_test_add_func ("/translations/po-complete", test_po_complete);
  g_test_add_func ("/translations/po-covers-sources", test_po_covers_sources);
  g_test_add_func ("/translations/desktop-and-metainfo", test_desktop_and_metainfo);

  status = g_test_run ();
  g_clear_object (&pack);

  return status;
}
