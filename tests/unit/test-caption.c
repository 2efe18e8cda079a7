/* test-caption.c: what the presentation card and the handout call the
 * view: the scene while the view is the scene's, what is shown once the
 * user has moved on, "based on" the scene; and the state that says so
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cx-caption.h"
#include "cx-scene-list.h"
#include "cx-test-files.h"
#include "cx-test-packs.h"

static CxDataPack *pack;

static CxScene *
hongqiao_hub (void)
{
  const char *layers[] = { "district", "hongqiao", "landmarks", NULL };
  CxScene *scene = cx_scene_new ("Hongqiao hub", 31.210, 121.372, 13.2, layers, "hongqiao-hub");

  cx_scene_set_note (scene, "Terminal 1, East Hongqiao, the Linkong park and the ETDZ.");
  return scene;
}

/* While the view is the scene's, the caption is the scene's. */
static void
test_on_the_scene (void)
{
  g_autoptr(CxScene) scene = hongqiao_hub ();
  g_auto(CxCaption) caption = { NULL, };

  /* What the scene itself selected does not change that. */
  cx_caption_init (&caption, pack, scene, FALSE, G_OBJECT (cx_data_pack_lookup_program (pack, "hongqiao-hub")));
  g_assert_cmpstr (caption.title, ==, "Hongqiao hub");
  g_assert_cmpstr (caption.subtitle, ==, "长宁区 · Changning District");
  g_assert_cmpstr (caption.note, ==, "Terminal 1, East Hongqiao, the Linkong park and the ETDZ.");
  g_assert_cmpstr (caption.name, ==, "Hongqiao hub");
}

/* The steps: Page Down to "Hongqiao hub", then Zhongshan Park. */
static void
test_moved_on_to_a_place (void)
{
  g_autoptr(CxScene) scene = hongqiao_hub ();
  g_auto(CxCaption) caption = { NULL, };

  cx_caption_init (&caption, pack, scene, TRUE, G_OBJECT (cx_data_pack_lookup_feature (pack, "zhongshan-park")));
  g_assert_cmpstr (caption.title, ==, "Zhongshan Park · 中山公园");
  g_assert_cmpstr (caption.subtitle, ==, "长宁区 · Changning District · Based on “Hongqiao hub”");
  /* The scene's note describes the scene, not this. */
  g_assert_null (caption.note);
  g_assert_cmpstr (caption.name, ==, "Zhongshan Park");
}

/* Moved on with nothing on the map selected: the district, with the
 * layers shown in the legend beside it; a statistic is a figure about the
 * district. */
static void
test_moved_on_to_the_district (void)
{
  g_autoptr(CxScene) scene = hongqiao_hub ();
  GObject *selected[] = { NULL, G_OBJECT (cx_data_pack_lookup_statistic (pack, "gdp-2024")) };

  for (guint i = 0; i < G_N_ELEMENTS (selected); i++)
    {
      g_auto(CxCaption) caption = { NULL, };

      cx_caption_init (&caption, pack, scene, TRUE, selected[i]);
      g_assert_cmpstr (caption.title, ==, "长宁区 · Changning District");
      g_assert_cmpstr (caption.subtitle, ==, "Based on “Hongqiao hub”");
      g_assert_null (caption.note);
      g_assert_cmpstr (caption.name, ==, "Changning District");
    }
}

/* No scene at all: what is shown, and nothing is "based on" anything. */
static void
test_without_a_scene (void)
{
  g_auto(CxCaption) place = { NULL, };
  g_auto(CxCaption) program = { NULL, };
  g_auto(CxCaption) nothing = { NULL, };

  cx_caption_init (&place, pack, NULL, FALSE, G_OBJECT (cx_data_pack_lookup_feature (pack, "zhongshan-park")));
  g_assert_cmpstr (place.title, ==, "Zhongshan Park · 中山公园");
  g_assert_cmpstr (place.subtitle, ==, "长宁区 · Changning District");

  cx_caption_init (&program, pack, NULL, FALSE, G_OBJECT (cx_data_pack_lookup_program (pack, "hongqiao-hub")));
  g_assert_true (g_str_has_prefix (program.title, cx_program_get_title (cx_data_pack_lookup_program (pack, "hongqiao-hub"))));

  cx_caption_init (&nothing, pack, NULL, FALSE, NULL);
  g_assert_cmpstr (nothing.title, ==, "长宁区 · Changning District");
  g_assert_null (nothing.subtitle);
  g_assert_null (nothing.note);

  /* With a thematic view, its statistic: the title when nothing is
   * selected, else at the head of the subtitle. */
  {
    CxStatistic *jobs = cx_data_pack_lookup_statistic (pack, "jobs-2023");
    g_autofree char *what = g_strdup_printf ("%s by subdistrict", cx_statistic_get_title (jobs));
    g_autofree char *under = g_strdup_printf ("%s · 长宁区 · Changning District", what);

    cx_caption_add_thematic (&nothing, jobs);
    g_assert_cmpstr (nothing.title, ==, what);
    g_assert_cmpstr (nothing.subtitle, ==, "长宁区 · Changning District");
    cx_caption_add_thematic (&place, jobs);
    g_assert_cmpstr (place.title, ==, "Zhongshan Park · 中山公园");
    g_assert_cmpstr (place.subtitle, ==, under);
  }
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* CxSceneList:moved-on belongs to the current scene: it cannot be set
 * without one, and goes when the scene does. */
static void
test_moved_on_state (void)
{
  g_autofree char *dir = cx_test_make_tmp_dir ("cx-caption-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) scenes = cx_scene_list_new (file, NULL);
  g_autoptr(CxScene) first = hongqiao_hub ();
  g_autoptr(CxScene) second = hongqiao_hub ();
  guint notified = 0;

  g_signal_connect_swapped (scenes, "notify::moved-on", G_CALLBACK (count_notify), &notified);

  cx_scene_list_set_moved_on (scenes, TRUE);
  g_assert_false (cx_scene_list_get_moved_on (scenes));
  g_assert_cmpuint (notified, ==, 0);

  cx_scene_list_append (scenes, first);
  cx_scene_list_append (scenes, second);
  cx_scene_list_set_current (scenes, 1);
  cx_scene_list_set_moved_on (scenes, TRUE);
  g_assert_true (cx_scene_list_get_moved_on (scenes));
  g_assert_cmpuint (notified, ==, 1);

  /* The scene moving in the list is still the scene moved on from. */
  g_assert_true (cx_scene_list_move (scenes, 1, -1));
  g_assert_cmpint (cx_scene_list_get_current (scenes), ==, 0);
  g_assert_true (cx_scene_list_get_moved_on (scenes));

  /* Without it, there is nothing to have moved on from. */
  g_assert_true (cx_scene_list_remove (scenes, 0));
  g_assert_cmpint (cx_scene_list_get_current (scenes), ==, -1);
  g_assert_false (cx_scene_list_get_moved_on (scenes));
  g_assert_cmpuint (notified, ==, 2);

  cx_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The expectations are English (the pack's Chinese names are its own). */
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);
  pack = cx_test_load_default_pack ();

  g_test_add_func ("/caption/on-the-scene", test_on_the_scene);
  g_test_add_func ("/caption/moved-on-to-a-place", test_moved_on_to_a_place);
  g_test_add_func ("/caption/moved-on-to-the-district", test_moved_on_to_the_district);
  g_test_add_func ("/caption/without-a-scene", test_without_a_scene);
  g_test_add_func ("/caption/moved-on-state", test_moved_on_state);

  status = g_test_run ();
  g_clear_object (&pack);
  return status;
}
