/* test-scene-list.c: the user's scenes as a list model: the current scene
 * follows moves and removals, the file round-trips, and a file that failed
 * to load is never written over
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "cx-scene-list.h"
#include "cx-test-wait.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cx-scene-list-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);
  const char *name;

  if (listing == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static CxScene *
scene_named (const char *title)
{
  const char *layers[] = { "parks", NULL };

  return cx_scene_new (title, 31.22, 121.42, 14, layers, NULL);
}

static const char *
title_at (GListModel *model,
          guint       i)
{
  g_autoptr(CxScene) scene = g_list_model_get_item (model, i);

  /* The list keeps it. */
  return cx_scene_get_title (scene);
}

/* The name of the one entry of @dir that starts with @prefix, or NULL. */
static char *
find_entry (const char *dir,
            const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_assert_null (found);
        found = g_strdup (name);
      }
  return found;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_current_follows (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) list = cx_scene_list_new (file, NULL);
  GListModel *model = G_LIST_MODEL (list);
  guint notified = 0;

  g_signal_connect (list, "notify::current", G_CALLBACK (count_notify), &notified);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("S%u", i);
      g_autoptr(CxScene) scene = scene_named (title);
      cx_scene_list_append (list, scene);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_true (g_list_model_get_item_type (model) == CX_TYPE_SCENE);
  g_assert_cmpint (cx_scene_list_get_current (list), ==, -1);

  cx_scene_list_set_current (list, 1);          /* S1 */
  g_assert_cmpuint (notified, ==, 1);

  /* The current scene moves up: current moves with it. */
  g_assert_true (cx_scene_list_move (list, 1, -1));
  g_assert_cmpstr (title_at (model, 0), ==, "S1");
  g_assert_cmpint (cx_scene_list_get_current (list), ==, 0);

  /* Another scene moves onto its place: current steps aside. */
  g_assert_true (cx_scene_list_move (list, 1, -1));  /* S0 back up */
  g_assert_cmpstr (title_at (model, 0), ==, "S0");
  g_assert_cmpint (cx_scene_list_get_current (list), ==, 1);

  /* Not past either end. */
  g_assert_false (cx_scene_list_move (list, 0, -1));
  g_assert_false (cx_scene_list_move (list, 3, 1));
  g_assert_false (cx_scene_list_move (list, 9, 1));

  /* A scene before it goes: current keeps pointing at S1. */
  g_assert_true (cx_scene_list_remove (list, 0));
  g_assert_cmpint (cx_scene_list_get_current (list), ==, 0);
  {
    g_autoptr(CxScene) current = cx_scene_list_dup_current_scene (list);
    g_assert_cmpstr (cx_scene_get_title (current), ==, "S1");
  }

  /* A scene after it goes: nothing changes. */
  notified = 0;
  g_assert_true (cx_scene_list_remove (list, 2));
  g_assert_cmpint (cx_scene_list_get_current (list), ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  /* The current scene goes: there is none. */
  g_assert_true (cx_scene_list_remove (list, 0));
  g_assert_cmpint (cx_scene_list_get_current (list), ==, -1);
  g_assert_null (cx_scene_list_dup_current_scene (list));
  g_assert_false (cx_scene_list_remove (list, 5));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  remove_tree (dir);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) first = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) second = cx_scene_list_new (file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxScene) a = scene_named ("Parks of the west");
  g_autoptr(CxScene) b = scene_named ("长宁 “quoted” & <marked>");
  g_autoptr(CxScene) read = NULL;

  /* No file yet: a first start, and no starters given. */
  g_assert_true (cx_scene_list_load (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 0);

  cx_scene_set_note (b, "For the audience");
  cx_scene_list_append (first, a);
  cx_scene_list_append (first, b);
  g_assert_true (cx_scene_list_save (first, &error));
  g_assert_no_error (error);

  g_assert_true (cx_scene_list_load (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (cx_scene_list_get_problem (second));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 2);
  g_assert_cmpstr (title_at (G_LIST_MODEL (second), 0), ==, "Parks of the west");
  g_assert_cmpstr (title_at (G_LIST_MODEL (second), 1), ==, "长宁 “quoted” & <marked>");
  read = g_list_model_get_item (G_LIST_MODEL (second), 1);
  g_assert_cmpstr (cx_scene_get_note (read), ==, "For the audience");
  g_assert_cmpfloat_with_epsilon (cx_scene_get_latitude (read), 31.22, 1e-9);
  g_assert_cmpfloat_with_epsilon (cx_scene_get_zoom (read), 14, 1e-9);
  g_assert_cmpstr (cx_scene_get_layers (read)[0], ==, "parks");

  /* No temporary is left beside it. */
  {
    g_autofree char *tmp = find_entry (dir, ".scenes.json");
    g_autofree char *tmp2 = find_entry (dir, "scenes.json.");
    g_assert_null (tmp);
    g_assert_null (tmp2);
  }

  remove_tree (dir);
}

/* A first start, or one after a file that was moved aside, begins with the
 * starters; a file that reads replaces them on retry. */
static void
test_starters_and_parse_error (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autofree char *starters_path = g_build_filename (dir, "starters.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) starters_file = g_file_new_for_path (starters_path);
  g_autoptr(CxSceneList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) starters = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(CxScene) starter = scene_named ("Starter");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_path = NULL;
  g_autofree char *aside_text = NULL;

  g_list_store_append (starters, starter);
  bytes = cx_scenes_to_bytes (G_LIST_MODEL (starters), &error);
  g_assert_true (g_file_set_contents (starters_path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL));
  g_assert_true (g_file_set_contents (path, "{ \"broken", -1, NULL));

  list = cx_scene_list_new (file, starters_file);
  g_assert_false (cx_scene_list_load (list, NULL, &error));
  g_assert_nonnull (error);
  /* Moved aside, intact: nothing is lost, so saving is allowed. */
  g_assert_null (cx_scene_list_get_problem (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (title_at (G_LIST_MODEL (list), 0), ==, "Starter");

  aside = find_entry (dir, "scenes.json.corrupt-");
  g_assert_nonnull (aside);
  aside_path = g_build_filename (dir, aside, NULL);
  g_assert_true (g_file_get_contents (aside_path, &aside_text, NULL, NULL));
  g_assert_cmpstr (aside_text, ==, "{ \"broken");

  g_clear_error (&error);
  g_assert_true (cx_scene_list_save (list, &error));
  g_assert_no_error (error);
  g_clear_pointer (&aside_text, g_free);
  g_assert_true (g_file_get_contents (aside_path, &aside_text, NULL, NULL));
  g_assert_cmpstr (aside_text, ==, "{ \"broken");

  remove_tree (dir);
}

/* A file that cannot be read stays where it is and is not saved over;
 * once it reads, its scenes come first and those added meanwhile follow;
 * or it is kept aside and the list saved afresh. */
static void
test_kept_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autofree char *inside = g_build_filename (path, "not-scenes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) list = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) other = cx_scene_list_new (file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxScene) added = scene_named ("Added meanwhile");
  g_autoptr(CxScene) saved = scene_named ("Saved before");
  guint n_loaded = 0;
  gboolean merged = FALSE;
  guint problem_notified = 0;

  /* A folder where the file should be: unreadable as a file, whoever runs
   * the test (root reads files of any mode). */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "mine", -1, NULL));

  g_signal_connect (list, "notify::problem", G_CALLBACK (count_notify), &problem_notified);
  g_assert_false (cx_scene_list_load (list, NULL, &error));
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_READ);
  g_assert_nonnull (cx_scene_list_get_problem (list));
  g_assert_cmpuint (problem_notified, ==, 1);

  cx_scene_list_append (list, added);
  g_clear_error (&error);
  g_assert_false (cx_scene_list_save (list, &error));
  g_assert_error (error, CX_SCENE_LIST_ERROR, CX_SCENE_LIST_ERROR_KEPT);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  /* Still unreadable: still kept. */
  g_clear_error (&error);
  g_assert_false (cx_scene_list_retry (list, &n_loaded, &merged, &error));
  g_assert_nonnull (cx_scene_list_get_problem (list));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  /* Mended: the file's scenes, then the one added meanwhile. */
  remove_tree (path);
  cx_scene_list_append (other, saved);
  g_clear_error (&error);
  g_assert_true (cx_scene_list_save (other, &error));
  g_assert_true (cx_scene_list_retry (list, &n_loaded, &merged, &error));
  g_assert_no_error (error);
  g_assert_null (cx_scene_list_get_problem (list));
  g_assert_cmpuint (n_loaded, ==, 1);
  g_assert_true (merged);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (title_at (G_LIST_MODEL (list), 0), ==, "Saved before");
  g_assert_cmpstr (title_at (G_LIST_MODEL (list), 1), ==, "Added meanwhile");
  g_assert_true (cx_scene_list_save (list, &error));
  g_assert_no_error (error);

  remove_tree (dir);
}

static void
test_keep_aside (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autofree char *inside = g_build_filename (path, "not-scenes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) list = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) again = cx_scene_list_new (file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxScene) added = scene_named ("Afresh");
  g_autofree char *kept_as = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_inside = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "mine", -1, NULL));
  g_assert_false (cx_scene_list_load (list, NULL, NULL));
  cx_scene_list_append (list, added);

  g_assert_true (cx_scene_list_keep_aside (list, &kept_as, &error));
  g_assert_no_error (error);
  g_assert_null (cx_scene_list_get_problem (list));
  g_assert_true (cx_scene_list_save (list, &error));
  g_assert_no_error (error);

  /* The old one is intact beside the new. */
  aside = find_entry (dir, "scenes.json.");
  g_assert_nonnull (aside);
  aside_inside = g_build_filename (dir, aside, "not-scenes", NULL);
  g_assert_true (g_file_test (aside_inside, G_FILE_TEST_IS_REGULAR));
  g_assert_true (cx_scene_list_load (again, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpstr (title_at (G_LIST_MODEL (again), 0), ==, "Afresh");

  remove_tree (dir);
}

static void
count_changes (guint *count)
{
  (*count)++;
}

/* Ctrl+D at 1,000 scenes saved a 1,001st, and the next start moved the
 * whole file aside. Adding (Ctrl+D, Import) is refused instead, in words,
 * and the file keeps what it had. */
static void
test_add_at_the_limits (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) first = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) second = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) third = cx_scene_list_new (file, NULL);
  g_autoptr(GListStore) thousand = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GListStore) one = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GListStore) five = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint changes = 0;

  for (guint i = 0; i < CX_SCENES_MAX_SCENES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scene %u", i + 1);
      g_autoptr(CxScene) scene = scene_named (title);
      g_list_store_append (thousand, scene);
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CxScene) scene = scene_named ("Imported");
      g_list_store_append (i == 0 ? one : five, scene);
      if (i == 0)
        g_list_store_append (five, scene);
    }

  g_assert_true (cx_scene_list_load (first, NULL, &error));
  g_assert_true (cx_scene_list_add (first, G_LIST_MODEL (thousand), &error));
  g_assert_no_error (error);
  g_assert_true (cx_scene_list_save (first, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* The next start has all 1,000; one more is refused, and says why. */
  g_assert_true (cx_scene_list_load (second, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, CX_SCENES_MAX_SCENES);
  g_signal_connect_swapped (second, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_false (cx_scene_list_add (second, G_LIST_MODEL (one), &error));
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "that would make 1001 scenes, and a scenes file holds at most 1000. Delete some scenes first (export them to keep a copy)");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, CX_SCENES_MAX_SCENES);
  g_assert_cmpuint (changes, ==, 0);

  /* Room for four: an import of five is refused whole, not cut. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (cx_scene_list_remove (second, 0));
  g_assert_false (cx_scene_list_add (second, G_LIST_MODEL (five), &error));
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 996);

  /* One that fits by count but not by size: refused too. */
  {
    g_autoptr(GListStore) big = g_list_store_new (CX_TYPE_SCENE);

    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(CxScene) scene = scene_named ("Long");
        g_autofree char *note = g_strnfill (CX_SCENES_MAX_TEXT, 'n');

        cx_scene_set_note (scene, note);
        g_list_store_append (big, scene);
      }
    /* 996 short scenes take about 130 KB: with long notes, 4.18 MB. */
    for (guint i = 0; i < 996; i++)
      {
        g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (second), i);
        g_autofree char *note = g_strnfill (CX_SCENES_MAX_TEXT, 'm');

        cx_scene_set_note (scene, note);
      }
    g_assert_false (cx_scene_list_add (second, G_LIST_MODEL (big), &error));
    g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "the most a scenes file holds"));
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 996);
  }

  /* Nothing refused reached the file. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_true (cx_scene_list_load (third, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (third)), ==, CX_SCENES_MAX_SCENES);

  remove_tree (dir);
}

/* A file of 999 scenes with long notes, about 4 MB: what blocked the
 * window for 9 s. */
static void
write_large_file (GFile *file)
{
  g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 999; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scene %u", i + 1);
      g_autoptr(CxScene) scene = scene_named (title);
      g_autoptr(GString) note = g_string_new (NULL);

      while (note->len + 10 <= 3920)
        g_string_append (note, i % 2 ? "长宁区" : "Changning ");
      cx_scene_set_note (scene, note->str);
      g_list_store_append (scenes, scene);
    }
  g_assert_true (cx_scenes_save_file (G_LIST_MODEL (scenes), file, &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint n_changes;
  guint position, removed, added;   /* of the last change */
  gboolean done;
  gboolean ok;
  char *notices;
  GError *error;
} AsyncLoad;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               AsyncLoad  *load)
{
  load->n_changes++;
  load->position = position;
  load->removed = removed;
  load->added = added;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncLoad *load = user_data;

  load->ok = cx_scene_list_load_finish (CX_SCENE_LIST (source), result, &load->notices, &load->error);
  load->done = TRUE;
}

/* The file is read in a thread: the call returns at once with the list
 * loading and empty, the window goes on; the scenes come in one splice (one
 * items-changed, so a view makes its rows once). A scene added meanwhile
 * follows them and stays current, and its save waits for the file, which
 * it would otherwise have replaced. */
static void
test_load_async (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) list = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) again = cx_scene_list_new (file, NULL);
  g_autoptr(GListStore) one = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(CxScene) added = scene_named ("Added while loading");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  AsyncLoad load = { 0, };

  write_large_file (file);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_signal_connect (list, "items-changed", G_CALLBACK (record_change), &load);

  cx_scene_list_load_async (list, NULL, loaded_cb, &load);
  g_assert_true (cx_scene_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Ctrl+D meanwhile: added, current, and its save postponed. */
  g_list_store_append (one, added);
  g_assert_true (cx_scene_list_add (list, G_LIST_MODEL (one), &error));
  g_assert_no_error (error);
  cx_scene_list_set_current (list, 0);
  g_assert_true (cx_scene_list_save (list, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &during, NULL, NULL));
  g_assert_cmpstr (during, ==, before);
  load.n_changes = 0;

  cx_test_wait_flag (&load.done, 30000);
  g_assert_no_error (load.error);
  g_assert_true (load.ok);
  g_assert_null (load.notices);
  g_assert_false (cx_scene_list_get_loading (list));

  /* One change, the file's 999 before the one added. */
  g_assert_cmpuint (load.n_changes, ==, 1);
  g_assert_cmpuint (load.position, ==, 0);
  g_assert_cmpuint (load.removed, ==, 0);
  g_assert_cmpuint (load.added, ==, 999);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_cmpstr (title_at (G_LIST_MODEL (list), 0), ==, "Scene 1");
  g_assert_cmpstr (title_at (G_LIST_MODEL (list), 999), ==, "Added while loading");
  g_assert_cmpint (cx_scene_list_get_current (list), ==, 999);

  /* Now the save happens, and holds both. */
  g_assert_true (cx_scene_list_take_save_pending (list));
  g_assert_false (cx_scene_list_take_save_pending (list));
  g_assert_true (cx_scene_list_save (list, &error));
  g_assert_no_error (error);
  g_assert_true (cx_scene_list_load (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1000);
  g_assert_cmpstr (title_at (G_LIST_MODEL (again), 999), ==, "Added while loading");

  remove_tree (dir);
}

/* ------------------------------------------------------------------ */
/* Two processes on one file (issue 21, item 13)                       */
/* ------------------------------------------------------------------ */

/* The other process: this test program run again with
 * --scene-list-child FILE, taking one command a line on stdin and
 * answering one line on stdout, as a second session of the app would act. */
static int
run_child (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) list = cx_scene_list_new (file, NULL);
  char line[4096];

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *notice = NULL;
      char *arg;
      guint position;

      g_strchomp (line);
      arg = strchr (line, ' ');
      if (arg != NULL)
        *arg++ = '\0';

      if (g_str_equal (line, "load"))
        {
          if (!cx_scene_list_load (list, NULL, &error))
            printf ("error %s\n", error->message);
          else
            printf ("loaded %u\n", g_list_model_get_n_items (G_LIST_MODEL (list)));
        }
      else if (g_str_equal (line, "add") && arg != NULL)
        {
          g_autoptr(CxScene) scene = scene_named (arg);
          cx_scene_list_append (list, scene);
          printf ("ok\n");
        }
      else if (g_str_equal (line, "rename") && arg != NULL && strchr (arg, '|') != NULL)
        {
          *strchr (arg, '|') = '\0';
          if (cx_scene_list_find (list, arg, &position))
            {
              g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (list), position);
              cx_scene_set_title (scene, arg + strlen (arg) + 1);
              printf ("ok\n");
            }
          else
            printf ("error no %s\n", arg);
        }
      else if (g_str_equal (line, "delete") && arg != NULL)
        {
          if (cx_scene_list_find (list, arg, &position) && cx_scene_list_remove (list, position))
            printf ("ok\n");
          else
            printf ("error no %s\n", arg);
        }
      else if (g_str_equal (line, "save"))
        {
          if (!cx_scene_list_save_full (list, &notice, &error))
            printf ("error %s\n", error->message);
          else
            printf ("saved %s\n", notice != NULL ? notice : "-");
        }
      else if (g_str_equal (line, "add-and-save") && arg != NULL)
        {
          /* PREFIX N: N scenes, each saved at once, as fast as it goes. */
          char *count = strchr (arg, ' ');
          guint n;

          g_assert_nonnull (count);
          *count++ = '\0';
          n = (guint) g_ascii_strtoull (count, NULL, 10);
          for (guint i = 0; i < n; i++)
            {
              g_autofree char *title = g_strdup_printf ("%s %u", arg, i + 1);
              g_autoptr(CxScene) scene = scene_named (title);

              cx_scene_list_append (list, scene);
              if (!cx_scene_list_save (list, &error))
                break;
            }
          if (error != NULL)
            printf ("error %s\n", error->message);
          else
            printf ("ok\n");
        }
      else if (g_str_equal (line, "quit"))
        break;
      else
        printf ("error what is %s\n", line);
      fflush (stdout);
    }
  return 0;
}

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Child;

static void
child_start (Child      *child,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  child->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     self_exe, "--scene-list-child", path, NULL);
  g_assert_no_error (error);
  child->in = g_subprocess_get_stdin_pipe (child->process);
  child->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child->process));
}

/* Sends one command; returns the answer. */
static char *
child_say (Child      *child,
           const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  char *answer;

  g_assert_true (g_output_stream_write_all (child->in, line, strlen (line), NULL, NULL, &error));
  g_assert_no_error (error);
  answer = g_data_input_stream_read_line_utf8 (child->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_test_message ("other process: %s → %s", command, answer);
  return answer;
}

static void
child_expect (Child      *child,
              const char *command,
              const char *prefix)
{
  g_autofree char *answer = child_say (child, command);

  if (!g_str_has_prefix (answer, prefix))
    g_error ("%s: expected “%s…”, got “%s”", command, prefix, answer);
}

static void
child_stop (Child *child)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (child->in, "quit\n", 5, NULL, NULL, NULL);
  g_assert_true (g_subprocess_wait_check (child->process, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&child->out);
  g_clear_object (&child->process);
}

static gboolean
find_title (CxSceneList *list,
            const char  *title)
{
  guint position;

  return cx_scene_list_find (list, title, &position);
}

static char *
titles_of (GListModel *model)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", title_at (model, i));
  return g_string_free (text, FALSE);
}

/* Two sessions on one data folder save in turn, each from what it read at
 * start: the last save used to win, and the other's scenes were gone
 * without a word. Now every save merges what the other saved since. */
static void
test_two_processes_in_turn (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) first = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) here = cx_scene_list_new (file, NULL);
  g_autoptr(CxSceneList) last = cx_scene_list_new (file, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *titles = NULL;
  Child other = { 0, };
  guint position;

  /* What both start from. */
  g_assert_true (cx_scene_list_load (first, NULL, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CxScene) scene = scene_named ((const char *[]) { "A", "B", "C" }[i]);
      cx_scene_list_append (first, scene);
    }
  g_assert_true (cx_scene_list_save (first, &error));
  g_assert_no_error (error);

  g_assert_true (cx_scene_list_load (here, NULL, &error));
  child_start (&other, path);
  child_expect (&other, "load", "loaded 3");

  /* Here adds one; there adds another: there, this one is merged in. */
  {
    g_autoptr(CxScene) scene = scene_named ("Here 1");
    cx_scene_list_append (here, scene);
  }
  g_assert_true (cx_scene_list_save_full (here, &notice, &error));
  g_assert_no_error (error);
  g_assert_null (notice);
  child_expect (&other, "add There 1", "ok");
  child_expect (&other, "save", "saved Your scenes file had been saved by another window or program since it was read here; the two were merged, and nothing was lost. 1 scene saved there was added here.");

  /* Here renames B: there's scene comes in, B renamed goes out. */
  g_assert_true (cx_scene_list_find (here, "B", &position));
  {
    g_autoptr(CxScene) b = g_list_model_get_item (G_LIST_MODEL (here), position);
    cx_scene_set_title (b, "B renamed here");
  }
  g_assert_true (cx_scene_list_save_full (here, &notice, &error));
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "1 scene saved there was added here."));
  g_assert_true (find_title (here, "There 1"));
  g_clear_pointer (&notice, g_free);

  /* There deletes C, which here never touched: it stays deleted. */
  child_expect (&other, "delete C", "ok");
  child_expect (&other, "save", "saved Your scenes file had been saved");
  {
    g_autoptr(CxScene) scene = scene_named ("Here 2");
    cx_scene_list_append (here, scene);
  }
  g_assert_true (cx_scene_list_save_full (here, &notice, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (notice, "1 scene deleted there was removed here."));
  g_assert_false (find_title (here, "C"));
  g_clear_pointer (&notice, g_free);

  /* Both rename A, differently: both are kept. */
  g_assert_true (cx_scene_list_find (here, "A", &position));
  {
    g_autoptr(CxScene) a = g_list_model_get_item (G_LIST_MODEL (here), position);
    cx_scene_set_title (a, "A as here left it");
  }
  g_assert_true (cx_scene_list_save (here, &error));
  g_assert_no_error (error);
  child_expect (&other, "rename A|A as there left it", "ok");
  child_expect (&other, "save", "saved Your scenes file had been saved");

  child_stop (&other);

  /* The next start has every scene either side made, and not C. */
  g_assert_true (cx_scene_list_load (last, NULL, &error));
  g_assert_no_error (error);
  titles = titles_of (G_LIST_MODEL (last));
  g_test_message ("in the file: %s", titles);
  g_assert_cmpstr (titles, ==, "A as there left it|A as here left it|B renamed here|There 1|Here 1|Here 2");

  remove_tree (dir);
}

/* Two processes saving as fast as they can at the same time, 40 scenes
 * each, a save after each one: all 80 are in the file at the end. */
static void
test_two_processes_at_once (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxSceneList) last = cx_scene_list_new (file, NULL);
  g_autoptr(GError) error = NULL;
  Child one = { 0, }, two = { 0, };
  g_autofree char *answer_one = NULL, *answer_two = NULL;

  child_start (&one, path);
  child_start (&two, path);
  child_expect (&one, "load", "loaded 0");
  child_expect (&two, "load", "loaded 0");

  /* Both commands go out before either answer is read. */
  g_assert_true (g_output_stream_write_all (one.in, "add-and-save One 40\n", 20, NULL, NULL, NULL));
  g_assert_true (g_output_stream_write_all (two.in, "add-and-save Two 40\n", 20, NULL, NULL, NULL));
  answer_one = g_data_input_stream_read_line_utf8 (one.out, NULL, NULL, &error);
  g_assert_no_error (error);
  answer_two = g_data_input_stream_read_line_utf8 (two.out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer_one, ==, "ok");
  g_assert_cmpstr (answer_two, ==, "ok");
  child_stop (&one);
  child_stop (&two);

  g_assert_true (cx_scene_list_load (last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (last)), ==, 80);
  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *a = g_strdup_printf ("One %u", i);
      g_autofree char *b = g_strdup_printf ("Two %u", i);

      g_assert_true (find_title (last, a));
      g_assert_true (find_title (last, b));
    }

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--scene-list-child"))
    return run_child (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scene-list/current-follows", test_current_follows);
  g_test_add_func ("/scene-list/round-trip", test_round_trip);
  g_test_add_func ("/scene-list/starters-and-parse-error", test_starters_and_parse_error);
  g_test_add_func ("/scene-list/kept-file", test_kept_file);
  g_test_add_func ("/scene-list/keep-aside", test_keep_aside);
  g_test_add_func ("/scene-list/add-at-the-limits", test_add_at_the_limits);
  g_test_add_func ("/scene-list/load-async", test_load_async);
  g_test_add_func ("/scene-list/two-processes/in-turn", test_two_processes_in_turn);
  g_test_add_func ("/scene-list/two-processes/at-once", test_two_processes_at_once);

  return g_test_run ();
}
