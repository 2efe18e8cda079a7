/* test-scenes.c: scenes files are read strictly, saved atomically, and a
 * corrupt one is kept, never dropped
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cx-scene.h"

static GListStore *
two_scenes (void)
{
  GListStore *store = g_list_store_new (CX_TYPE_SCENE);
  const char *layers[] = { "district", "hongqiao", NULL };
  g_autoptr(CxScene) a = cx_scene_new ("Hongqiao hub", 31.2, 121.36, 13.5, layers, "hongqiao-etdz");
  g_autoptr(CxScene) b = cx_scene_new ("Creek <b>&amp;", 31.23, 121.41, 15, NULL, NULL);

  cx_scene_set_note (a, "Airport, ETDZ, Linkong — the gateway.");
  g_list_store_append (store, a);
  g_list_store_append (store, b);
  return store;
}

static void
test_round_trip (void)
{
  g_autoptr(GListStore) store = two_scenes ();
  g_autoptr(GBytes) bytes = cx_scenes_to_bytes (G_LIST_MODEL (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) back = cx_scenes_from_bytes (bytes, &error);
  g_autoptr(CxScene) a = NULL;
  g_autoptr(CxScene) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (back)), ==, 2);
  a = g_list_model_get_item (G_LIST_MODEL (back), 0);
  b = g_list_model_get_item (G_LIST_MODEL (back), 1);

  g_assert_cmpstr (cx_scene_get_title (a), ==, "Hongqiao hub");
  g_assert_cmpstr (cx_scene_get_note (a), ==, "Airport, ETDZ, Linkong — the gateway.");
  g_assert_cmpfloat (cx_scene_get_latitude (a), ==, 31.2);
  g_assert_cmpfloat (cx_scene_get_longitude (a), ==, 121.36);
  g_assert_cmpfloat (cx_scene_get_zoom (a), ==, 13.5);
  g_assert_cmpstr (cx_scene_get_layers (a)[1], ==, "hongqiao");
  g_assert_null (cx_scene_get_layers (a)[2]);
  g_assert_cmpstr (cx_scene_get_selection (a), ==, "hongqiao-etdz");

  g_assert_cmpstr (cx_scene_get_title (b), ==, "Creek <b>&amp;");
  g_assert_null (cx_scene_get_layers (b)[0]);
  g_assert_null (cx_scene_get_selection (b));
}

/* json-glib 1.6 writes U+001F unescaped, which is not JSON: scenes with it
 * (found by fuzz-scenes) must still load after being saved. */
static void
test_control_characters_round_trip (void)
{
  g_autoptr(GListStore) store = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(CxScene) scene = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GListStore) back = NULL;
  g_autoptr(CxScene) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *layers[] = { "district", NULL };
  gsize size;
  const char *data;

  scene = cx_scene_new ("Unit\x1fseparator", 31.2, 121.36, 13.5, layers, NULL);
  cx_scene_set_note (scene, "A note\x1f with \x01 and \x1f\x1f");
  g_list_store_append (store, scene);
  bytes = cx_scenes_to_bytes (G_LIST_MODEL (store));

  data = g_bytes_get_data (bytes, &size);
  for (gsize i = 0; i < size; i++)
    g_assert_cmpint ((guchar) data[i], !=, 0x1f);

  back = cx_scenes_from_bytes (bytes, &error);
  g_assert_no_error (error);
  again = g_list_model_get_item (G_LIST_MODEL (back), 0);
  g_assert_cmpstr (cx_scene_get_title (again), ==, "Unit\x1fseparator");
  g_assert_cmpstr (cx_scene_get_note (again), ==, "A note\x1f with \x01 and \x1f\x1f");
}

static void
test_strict (void)
{
  const struct { const char *text; const char *message; } bad[] = {
    { "{", "not valid JSON" },
    { "[]", "not a Changning Explorer scenes file" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 2, \"scenes\": []}", "newer version" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1}", "no list of scenes" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"\", \"center\": [121, 31], \"zoom\": 12, \"layers\": []}]}", "scene 1: needs a “title”" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 91], \"zoom\": 12, \"layers\": []}]}", "not a position" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 31], \"zoom\": 1e400, \"layers\": []}]}", "“zoom”" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 31], \"zoom\": 12, \"layers\": [\"../x\"]}]}", "layer ids" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 31], \"zoom\": 12, \"layers\": [], \"selection\": 5}]}", "“selection”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i].text, strlen (bad[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(GListStore) store = cx_scenes_from_bytes (bytes, &error);

      g_assert_null (store);
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].message) == NULL)
        g_error ("case %u: expected “%s” in “%s”", i, bad[i].message, error->message);
    }
}

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cx-scenes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListStore) store = two_scenes ();
  g_autoptr(GListStore) missing = NULL;
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GListStore) corrupt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_contents = NULL;

  /* No file yet: an empty list, no error. */
  missing = cx_scenes_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (missing)), ==, 0);

  /* Saved (directories made as needed), then loaded back. */
  g_assert_true (cx_scenes_save_file (G_LIST_MODEL (store), file, &error));
  g_assert_no_error (error);
  loaded = cx_scenes_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);

  /* Corrupt: moved aside with its contents intact, and reported. */
  g_assert_true (g_file_set_contents (path, "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [", -1, NULL));
  corrupt = cx_scenes_load_file (file, &aside, &error);
  g_assert_null (corrupt);
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_PARSE);
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (aside, "scenes.json.corrupt-"));
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (aside, &aside_contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (aside_contents, "\"scenes\": ["));

  g_unlink (aside);
  {
    g_autofree char *sub = g_path_get_dirname (path);
    g_rmdir (sub);
  }
  g_rmdir (dir);
}

static void
test_find (void)
{
  g_autoptr(GListStore) store = two_scenes ();

  g_assert_cmpstr (cx_scene_get_title (cx_scenes_find (G_LIST_MODEL (store), "hongqiao HUB")), ==, "Hongqiao hub");
  g_assert_cmpstr (cx_scene_get_title (cx_scenes_find (G_LIST_MODEL (store), "2")), ==, "Creek <b>&amp;");
  g_assert_null (cx_scenes_find (G_LIST_MODEL (store), "3"));
  g_assert_null (cx_scenes_find (G_LIST_MODEL (store), "0"));
  g_assert_null (cx_scenes_find (G_LIST_MODEL (store), "nowhere"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenes/round-trip", test_round_trip);
  g_test_add_func ("/scenes/control-characters-round-trip", test_control_characters_round_trip);
  g_test_add_func ("/scenes/strict", test_strict);
  g_test_add_func ("/scenes/files", test_files);
  g_test_add_func ("/scenes/find", test_find);

  return g_test_run ();
}
