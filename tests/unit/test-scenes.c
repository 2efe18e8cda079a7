/* test-scenes.c: scenes files are read strictly, saved atomically, and a
 * corrupt one is kept, never dropped
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cx-annotations.h"
#include "cx-scene.h"
#include "cx-test-wait.h"

static GListStore *
two_scenes (void)
{
  GListStore *store = g_list_store_new (CX_TYPE_SCENE);
  const char *layers[] = { "district", "hongqiao", NULL };
  g_autoptr(CxScene) a = cx_scene_new ("Hongqiao hub", 31.2, 121.36, 13.5, layers, "hongqiao-etdz");
  g_autoptr(CxScene) b = cx_scene_new ("Creek <b>&amp;", 31.23, 121.41, 15, NULL, NULL);

  cx_scene_set_note (a, "Airport, ETDZ, Linkong — the gateway.");
  cx_scene_set_extent (a, &(CxBounds) { 121.3274, 31.1806, 121.4349, 31.2461 });
  g_list_store_append (store, a);
  g_list_store_append (store, b);
  return store;
}

static void
test_round_trip (void)
{
  g_autoptr(GListStore) store = two_scenes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cx_scenes_to_bytes (G_LIST_MODEL (store), &error);
  g_autoptr(GListStore) back = cx_scenes_from_bytes (bytes, &error);
  g_autoptr(CxScene) a = NULL;
  g_autoptr(CxScene) b = NULL;
  CxBounds extent;

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

  g_assert_true (cx_scene_get_extent (a, &extent));
  g_assert_cmpfloat (extent.min_x, ==, 121.3274);
  g_assert_cmpfloat (extent.min_y, ==, 31.1806);
  g_assert_cmpfloat (extent.max_x, ==, 121.4349);
  g_assert_cmpfloat (extent.max_y, ==, 31.2461);
  /* A scene without one is written without one. */
  g_assert_false (cx_scene_get_extent (b, &extent));

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
  bytes = cx_scenes_to_bytes (G_LIST_MODEL (store), &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (bytes, &size);
  for (gsize i = 0; i < size; i++)
    g_assert_cmpint ((guchar) data[i], !=, 0x1f);

  back = cx_scenes_from_bytes (bytes, &error);
  g_assert_no_error (error);
  again = g_list_model_get_item (G_LIST_MODEL (back), 0);
  g_assert_cmpstr (cx_scene_get_title (again), ==, "Unit\x1fseparator");
  g_assert_cmpstr (cx_scene_get_note (again), ==, "A note\x1f with \x01 and \x1f\x1f");
}

/* A file of an earlier version has no extents: its scenes load, with none
 * (shown at their centre and zoom); an extent of null is none either. */
static void
test_older_file (void)
{
  const char *text = "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": ["
                     "{\"title\": \"Old\", \"center\": [121.41, 31.226], \"zoom\": 14.3, \"layers\": [\"district\"]},"
                     "{\"title\": \"Null\", \"center\": [121.41, 31.226], \"zoom\": 14.3, \"layers\": [], \"extent\": null}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) store = cx_scenes_from_bytes (bytes, &error);
  g_autoptr(CxScene) old = NULL;
  g_autoptr(CxScene) null = NULL;
  g_autoptr(GBytes) again = NULL;
  CxBounds extent;

  g_assert_no_error (error);
  old = g_list_model_get_item (G_LIST_MODEL (store), 0);
  null = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_assert_false (cx_scene_get_extent (old, &extent));
  g_assert_false (cx_scene_get_extent (null, &extent));
  g_assert_cmpfloat (cx_scene_get_zoom (old), ==, 14.3);

  /* Saved again, still without: nothing is made up for it. */
  again = cx_scenes_to_bytes (G_LIST_MODEL (store), &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (g_bytes_get_data (again, NULL), (gssize) g_bytes_get_size (again), "extent"));
}

/* Annotations are saved with their scene and come back exactly, through
 * the scenes file and through a copy; a scene without any is written as
 * earlier versions wrote it, and a file of an earlier version (above)
 * loads with none. */
static void
test_annotations (void)
{
  g_autoptr(GListStore) store = two_scenes ();
  g_autoptr(CxScene) a = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(CxScene) b = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_autoptr(CxScene) copy = NULL;
  g_autoptr(CxScene) a_back = NULL;
  g_autoptr(CxScene) b_back = NULL;
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GListStore) back = NULL;
  g_autoptr(GError) error = NULL;
  const CxCoord area[] = { { 121.415, 31.222 }, { 121.419, 31.222 }, { 121.419, 31.225 } };
  const char *bad =
    "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": ["
    "{\"title\": \"Bad mark\", \"center\": [121.41, 31.226], \"zoom\": 14.3, \"layers\": [],"
    " \"annotations\": [{\"type\": \"Feature\", \"properties\": {},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.41, 95]}}]}]}";
  g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, strlen (bad));
  g_autoptr(GListStore) refused = NULL;
  GPtrArray *got;

  g_assert_cmpuint (cx_scene_get_annotations (a)->len, ==, 0);
  g_ptr_array_add (marks, cx_annotation_new (CX_ANNOTATION_PIN, area, 1, "Gate \"A\"\n东门\x1f", NULL));
  g_ptr_array_add (marks, cx_annotation_new (CX_ANNOTATION_POLYGON, area, 3, "Proposed park", NULL));
  g_ptr_array_add (marks, cx_annotation_new (CX_ANNOTATION_STROKE, area, 3, NULL, NULL));
  cx_scene_set_annotations (a, marks);

  copy = cx_scene_copy (a);
  g_assert_true (cx_scene_same_content (a, copy));
  cx_scene_set_annotations (copy, NULL);
  g_assert_false (cx_scene_same_content (a, copy));

  bytes = cx_scenes_to_bytes (G_LIST_MODEL (store), &error);
  g_assert_no_error (error);
  /* Only the scene that has some says so. */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), "\"annotations\""));
  g_assert_null (g_strrstr (g_strstr_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), "Creek"),
                            "\"annotations\""));

  back = cx_scenes_from_bytes (bytes, &error);
  g_assert_no_error (error);
  a_back = g_list_model_get_item (G_LIST_MODEL (back), 0);
  b_back = g_list_model_get_item (G_LIST_MODEL (back), 1);
  g_assert_true (cx_scene_same_content (a, a_back));
  g_assert_true (cx_scene_same_content (b, b_back));
  got = cx_scene_get_annotations (a_back);
  g_assert_cmpuint (got->len, ==, 3);
  g_assert_cmpstr (cx_annotation_get_note (got->pdata[0]), ==, "Gate \"A\"\n东门\x1f");
  g_assert_cmpstr (cx_annotation_get_id (got->pdata[1]), ==, cx_annotation_get_id (marks->pdata[1]));
  g_assert_cmpint (cx_annotation_get_kind (got->pdata[2]), ==, CX_ANNOTATION_STROKE);

  /* A bad mark sinks the file like any bad value: never half-loaded. */
  refused = cx_scenes_from_bytes (bad_bytes, &error);
  g_assert_null (refused);
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_VALUE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "scene 1: annotations: feature 1"));
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
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 31], \"zoom\": 12, \"layers\": [], \"extent\": [121, 31, 122]}]}", "“extent” must be" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 31], \"zoom\": 12, \"layers\": [], \"extent\": [121, 31, \"122\", 32]}]}", "“extent” must be" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 31], \"zoom\": 12, \"layers\": [], \"extent\": [122, 31, 121, 32]}]}", "not a box on the map" },
    { "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\": \"t\", \"center\": [121, 31], \"zoom\": 12, \"layers\": [], \"extent\": [121, 31, 122, 1e400]}]}", "“extent”" },
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

/* ------------------------------------------------------------------ */
/* Anything the app saves, it loads (issue 21, items 10 and 11)        */
/* ------------------------------------------------------------------ */

/* Pieces of text of every width in UTF-8 and in JSON: ASCII, a quote and a
 * backslash (escaped to 2 bytes), control characters (escaped to 6), CJK
 * (3 bytes), an emoji (4). */
static const char * const pieces[] = {
  "a", "Z", " ", "7", "\"", "\\", "\x01", "\x1f", "\n", "\t", "/",
  "长", "宁", "虹", "桥", "枢", "纽", "é", "—", "😀",
};

/* Random text of exactly @bytes bytes of UTF-8 (padded with ASCII). */
static char *
random_text (GRand *rand,
             gsize  bytes)
{
  GString *text = g_string_sized_new (bytes + 4);

  while (text->len < bytes)
    {
      const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

      if (text->len + strlen (piece) > bytes)
        piece = "x";
      g_string_append (text, piece);
    }
  return g_string_free (text, FALSE);
}

static const char * const some_layers[] = { "district", "subdistricts", "green-waterfront", "hongqiao", "landmarks", NULL };

static CxScene *
random_scene (GRand *rand,
              gsize  title_bytes,
              gsize  note_bytes)
{
  g_autofree char *title = random_text (rand, MAX (title_bytes, 1));
  g_autofree char *note = random_text (rand, note_bytes);
  g_auto(GStrv) layers = NULL;
  guint n_layers = g_rand_int_range (rand, 0, G_N_ELEMENTS (some_layers));
  CxScene *scene;

  layers = g_new0 (char *, n_layers + 1);
  for (guint i = 0; i < n_layers; i++)
    layers[i] = g_strdup (some_layers[i]);
  scene = cx_scene_new (title, g_rand_double_range (rand, 31.15, 31.25), g_rand_double_range (rand, 121.35, 121.45),
                        g_rand_double_range (rand, 0, 20), (const char * const *) layers,
                        g_rand_boolean (rand) ? "zhongshan-park" : NULL);
  cx_scene_set_note (scene, note);
  /* Scenes of earlier versions have no extent; a scene about one place
   * may have a box of no size. */
  if (g_rand_int_range (rand, 0, 3) != 0)
    {
      CxBounds b;

      b.min_x = g_rand_double_range (rand, -180, 180);
      b.max_x = g_rand_boolean (rand) ? b.min_x : g_rand_double_range (rand, b.min_x, 180);
      b.min_y = g_rand_double_range (rand, -85.05, 85.05);
      b.max_y = g_rand_double_range (rand, b.min_y, 85.05);
      cx_scene_set_extent (scene, &b);
    }
  return scene;
}

static void
assert_same_scenes (GListModel *a,
                    GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(CxScene) x = g_list_model_get_item (a, i);
      g_autoptr(CxScene) y = g_list_model_get_item (b, i);
      CxBounds ex, ey;

      g_assert_cmpstr (cx_scene_get_id (x), ==, cx_scene_get_id (y));
      g_assert_cmpstr (cx_scene_get_title (x), ==, cx_scene_get_title (y));
      g_assert_cmpstr (cx_scene_get_note (x), ==, cx_scene_get_note (y));
      g_assert_cmpfloat (cx_scene_get_latitude (x), ==, cx_scene_get_latitude (y));
      g_assert_cmpfloat (cx_scene_get_longitude (x), ==, cx_scene_get_longitude (y));
      g_assert_cmpfloat (cx_scene_get_zoom (x), ==, cx_scene_get_zoom (y));
      g_assert_true (g_strv_equal (cx_scene_get_layers (x), cx_scene_get_layers (y)));
      g_assert_cmpstr (cx_scene_get_selection (x), ==, cx_scene_get_selection (y));
      g_assert_cmpint (cx_scene_get_extent (x, &ex), ==, cx_scene_get_extent (y, &ey));
      g_assert_cmpfloat (ex.min_x, ==, ey.min_x);
      g_assert_cmpfloat (ex.min_y, ==, ey.min_y);
      g_assert_cmpfloat (ex.max_x, ==, ey.max_x);
      g_assert_cmpfloat (ex.max_y, ==, ey.max_y);
      g_assert_true (cx_scene_same_content (x, y));
    }
}

typedef struct
{
  char  *dir;
  char  *path;
  GFile *file;
  char  *before;        /* what the file held before each save */
  guint  n_saved;       /* saves that were written (and loaded back) */
  guint  n_refused;     /* saves that were refused */
  gsize  largest;       /* the largest file written */
} Limits;

static void
limits_init (Limits *l)
{
  g_autoptr(GListStore) one = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(CxScene) scene = cx_scene_new ("Kept", 31.2, 121.4, 14, NULL, NULL);
  g_autoptr(GError) error = NULL;

  l->dir = g_dir_make_tmp ("cx-scenes-limits-XXXXXX", NULL);
  l->path = g_build_filename (l->dir, "scenes.json", NULL);
  l->file = g_file_new_for_path (l->path);
  g_list_store_append (one, scene);
  g_assert_true (cx_scenes_save_file (G_LIST_MODEL (one), l->file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (l->path, &l->before, NULL, NULL));
}

static void
limits_clear (Limits *l)
{
  g_unlink (l->path);
  g_rmdir (l->dir);
  g_free (l->dir);
  g_free (l->path);
  g_clear_object (&l->file);
  g_free (l->before);
}

/* The property: a list the writer writes is loaded back whole by the
 * reader; a list it refuses leaves the old file exactly as it was, nothing
 * beside it, and an error in words saying which limit and what to do.
 * Returns whether it was written. */
static gboolean
check_save (Limits     *l,
            GListModel *scenes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize size;

  if (cx_scenes_save_file (scenes, l->file, &error))
    {
      g_autoptr(GListStore) back = NULL;

      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (l->path, &after, &size, NULL));
      g_assert_cmpuint (size, <=, CX_SCENES_MAX_FILE_SIZE);
      back = cx_scenes_load_file (l->file, NULL, &error);
      g_assert_no_error (error);
      assert_same_scenes (scenes, G_LIST_MODEL (back));
      g_free (l->before);
      l->before = g_steal_pointer (&after);
      l->largest = MAX (l->largest, size);
      l->n_saved++;
      return TRUE;
    }

  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT);
  g_assert_true (strstr (error->message, "at most") != NULL || strstr (error->message, "the most") != NULL);
  g_assert_true (strstr (error->message, "Delete some scenes") != NULL || strstr (error->message, "Shorten it") != NULL);
  g_assert_true (g_file_get_contents (l->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, l->before);
  dir = g_dir_open (l->dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "scenes.json");
  g_assert_null (g_dir_read_name (dir));
  l->n_refused++;
  return FALSE;
}

/* Random lists around every limit: counts up to and just past 1,000, titles
 * and notes up to and just past 4,096 bytes (CJK, escapes, emoji), files up
 * to and past 4 MiB. */
static void
test_limits_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  Limits l = { 0, };
  const guint counts[] = { 0, 1, 2, 999, 1000, 1001, 1002 };
  /* Each round writes and reads up to 4 MB: fewer under valgrind (the
   * boundaries are tested exactly by /scenes/limits/boundaries). */
  guint rounds = g_test_slow () ? 60 : g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL ? 4 : 16;

  limits_init (&l);
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
      guint n = g_rand_boolean (rand) ? counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (counts))]
                                      : (guint) g_rand_int_range (rand, 0, 1003);
      /* Short texts, texts that fill the file past 4 MiB, or texts at the
       * limit of one scene. */
      guint regime = g_rand_int_range (rand, 0, 3);
      gboolean overlong = FALSE, too_many = n > CX_SCENES_MAX_SCENES;
      gboolean written;

      for (guint i = 0; i < n; i++)
        {
          gsize title = g_rand_int_range (rand, 1, 60), note = g_rand_int_range (rand, 0, 200);
          g_autoptr(CxScene) scene = NULL;

          if (regime == 1)
            note = g_rand_int_range (rand, 3000, CX_SCENES_MAX_TEXT + 1);
          else if (regime == 2 && g_rand_int_range (rand, 0, 50) == 0)
            {
              /* At the limit, or one byte past it. */
              title = CX_SCENES_MAX_TEXT + g_rand_int_range (rand, 0, 2);
              note = CX_SCENES_MAX_TEXT + g_rand_int_range (rand, -1, 2);
            }
          overlong |= title > CX_SCENES_MAX_TEXT || note > CX_SCENES_MAX_TEXT;
          scene = random_scene (rand, title, note);
          g_list_store_append (scenes, scene);
        }

      written = check_save (&l, G_LIST_MODEL (scenes));
      g_test_message ("round %u: %u scenes, texts %s%s: %s", round, n,
                      regime == 0 ? "short" : regime == 1 ? "long" : "at the limit",
                      overlong ? " (one too long)" : "", written ? "written" : "refused");
      if (too_many || overlong)
        g_assert_false (written);
    }
  g_test_message ("%u written (largest %" G_GSIZE_FORMAT " bytes), %u refused", l.n_saved, l.largest, l.n_refused);
  limits_clear (&l);
}

/* The limits exactly: 1,000 scenes are written and 1,001 refused; a title of
 * 4,096 bytes (CJK) is written and one of 4,097 refused; and the largest
 * list below 4 MiB is written (it loads) and one more scene refused. */
static void
test_limits_boundaries (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GError) error = NULL;
  Limits l = { 0, };
  guint n_long;

  limits_init (&l);

  for (guint i = 0; i < CX_SCENES_MAX_SCENES; i++)
    {
      g_autoptr(CxScene) scene = random_scene (rand, 20, 20);
      g_list_store_append (scenes, scene);
    }
  g_assert_true (check_save (&l, G_LIST_MODEL (scenes)));
  {
    g_autoptr(CxScene) one_more = random_scene (rand, 20, 20);

    g_list_store_append (scenes, one_more);
    g_assert_false (cx_scenes_save_file (G_LIST_MODEL (scenes), l.file, &error));
    g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT);
    g_assert_cmpstr (error->message, ==, "that would make 1001 scenes, and a scenes file holds at most 1000. Delete some scenes first (export them to keep a copy)");
    g_clear_error (&error);
    g_assert_false (check_save (&l, G_LIST_MODEL (scenes)));
  }

  /* 1,365 CJK characters and one letter: 4,096 bytes. */
  g_list_store_remove_all (scenes);
  {
    g_autoptr(GString) title = g_string_new ("a");
    g_autoptr(CxScene) scene = NULL;

    for (guint i = 0; i < 1365; i++)
      g_string_append (title, "长");
    g_assert_cmpuint (title->len, ==, CX_SCENES_MAX_TEXT);
    scene = cx_scene_new (title->str, 31.2, 121.4, 14, NULL, NULL);
    cx_scene_set_note (scene, title->str);
    g_list_store_append (scenes, scene);
    g_assert_true (check_save (&l, G_LIST_MODEL (scenes)));

    g_string_append_c (title, 'b');
    cx_scene_set_title (scene, title->str);
    g_assert_false (check_save (&l, G_LIST_MODEL (scenes)));
  }

  /* Scenes of 4 KB notes: the file limit comes before the count. Bisect for
   * the most that are written; they load, and one more is refused. */
  g_list_store_remove_all (scenes);
  for (guint i = 0; i < CX_SCENES_MAX_SCENES; i++)
    {
      g_autoptr(CxScene) scene = random_scene (rand, 40, CX_SCENES_MAX_TEXT);
      g_list_store_append (scenes, scene);
    }
  g_assert_false (cx_scenes_check_fits (G_LIST_MODEL (scenes), &error));
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "the scenes would take more than 4.0\u00a0MiB, the most a scenes file holds. Delete some scenes or shorten long notes first (export them to keep a copy)");
  g_clear_error (&error);
  {
    guint lo = 0, hi = CX_SCENES_MAX_SCENES;   /* lo fits, hi does not */

    while (hi - lo > 1)
      {
        guint mid = (lo + hi) / 2;
        g_autoptr(GListModel) head = G_LIST_MODEL (g_list_store_new (CX_TYPE_SCENE));

        for (guint i = 0; i < mid; i++)
          {
            g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (scenes), i);
            g_list_store_append (G_LIST_STORE (head), scene);
          }
        if (cx_scenes_check_fits (head, NULL))
          lo = mid;
        else
          hi = mid;
      }
    n_long = lo;
  }
  g_list_store_splice (scenes, n_long + 1, CX_SCENES_MAX_SCENES - n_long - 1, NULL, 0);
  g_assert_false (check_save (&l, G_LIST_MODEL (scenes)));
  g_list_store_remove (scenes, n_long);
  g_assert_true (check_save (&l, G_LIST_MODEL (scenes)));
  g_test_message ("%u scenes with 4 KB notes: %" G_GSIZE_FORMAT " bytes written", n_long, l.largest);
  /* Right up to the limit: within one scene's line of it. */
  g_assert_cmpuint (l.largest, >, CX_SCENES_MAX_FILE_SIZE - 3 * CX_SCENES_MAX_TEXT);

  limits_clear (&l);
}

static void
add_scene_json (JsonBuilder *builder,
                CxScene     *scene)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, cx_scene_get_title (scene));
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, cx_scene_get_note (scene));
  json_builder_set_member_name (builder, "center");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, cx_scene_get_longitude (scene));
  json_builder_add_double_value (builder, cx_scene_get_latitude (scene));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, cx_scene_get_zoom (scene));
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint k = 0; cx_scene_get_layers (scene)[k] != NULL; k++)
    json_builder_add_string_value (builder, cx_scene_get_layers (scene)[k]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "selection");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* A scenes file as json-glib writes it, pretty-printed (as the app did) or
 * on one line (as other tools do). */
static char *
json_glib_scenes (GListModel *scenes,
                  gboolean    pretty,
                  gsize      *size)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "changning-explorer-scenes");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "scenes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (scenes); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);
      add_scene_json (builder, scene);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  return json_generator_to_data (generator, size);
}

/* The reported case: a valid file of 999 scenes, 4,149,797 bytes, loads;
 * Ctrl+D wrote it back pretty-printed at 4,291,020 bytes, over the 4 MiB
 * the reader takes. Now the 1,000 are written within the limit (one scene
 * a line) and load again. */
static void
test_limits_file_grows (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GListStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pretty = NULL;
  gsize size, pretty_size;
  Limits l = { 0, };

  limits_init (&l);
  for (guint i = 0; i < 999; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scene %u", i + 1);
      g_autoptr(GString) note = g_string_new (NULL);
      const char *layers[] = { "district", "landmarks", NULL };
      g_autoptr(CxScene) scene = NULL;

      /* Letters and CJK, 4,020 bytes a note: a file of about 4.15 MB. */
      while (note->len + 10 <= 4020)
        g_string_append (note, g_rand_boolean (rand) ? "长宁" : "Changning ");
      while (note->len < 4020)
        g_string_append_c (note, '.');
      scene = cx_scene_new (title, 31.21, 121.38 + i * 1e-5, 14.25, layers, NULL);
      cx_scene_set_note (scene, note->str);
      g_list_store_append (scenes, scene);
    }
  text = json_glib_scenes (G_LIST_MODEL (scenes), FALSE, &size);
  g_test_message ("the file: %" G_GSIZE_FORMAT " bytes", size);
  g_assert_cmpuint (size, >, 4140000);
  g_assert_cmpuint (size, <, CX_SCENES_MAX_FILE_SIZE);
  g_assert_true (g_file_set_contents (l.path, text, (gssize) size, NULL));

  loaded = cx_scenes_load_file (l.file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 999);
  {
    g_autoptr(CxScene) added = cx_scene_new ("Added with Ctrl+D", 31.2, 121.4, 15, NULL, NULL);
    g_list_store_append (loaded, added);
  }

  /* What the app wrote before: over the limit. */
  pretty = json_glib_scenes (G_LIST_MODEL (loaded), TRUE, &pretty_size);
  g_test_message ("pretty-printed with one more scene: %" G_GSIZE_FORMAT " bytes", pretty_size);
  g_assert_cmpuint (pretty_size, >, CX_SCENES_MAX_FILE_SIZE);

  g_free (l.before);
  l.before = g_steal_pointer (&text);
  g_assert_true (check_save (&l, G_LIST_MODEL (loaded)));
  g_test_message ("written now: %" G_GSIZE_FORMAT " bytes", l.largest);

  again = cx_scenes_load_file (l.file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1000);
  limits_clear (&l);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
shared_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GListStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cx_scenes_load_shared_finish (result, &error);
  g_assert_no_error (error);
}

/* Ids tell two processes' scenes apart (cx-scene-list.c): each scene keeps
 * its own through a save, a file without ids gets the same ones in every
 * process that reads it, and imported scenes get new ones, even from a
 * file exported here (the same ids twice in one list would merge wrongly). */
static void
test_ids (void)
{
  g_autoptr(GListStore) store = two_scenes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cx_scenes_to_bytes (G_LIST_MODEL (store), &error);
  g_autoptr(GListStore) back = cx_scenes_from_bytes (bytes, &error);
  g_autofree char *dir = g_dir_make_tmp ("cx-scenes-ids-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shared.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListStore) imported = NULL;
  static const char old_file[] =
    "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": ["
    "{\"title\": \"Old\", \"center\": [121.4, 31.2], \"zoom\": 14, \"layers\": []},"
    "{\"title\": \"Old\", \"center\": [121.4, 31.2], \"zoom\": 14, \"layers\": []},"
    "{\"id\": \"BAD ID\", \"title\": \"Bad id\", \"center\": [121.4, 31.2], \"zoom\": 14, \"layers\": []}]}";
  g_autoptr(GBytes) old_bytes = g_bytes_new_static (old_file, sizeof old_file - 1);
  g_autoptr(GListStore) once = cx_scenes_from_bytes (old_bytes, &error);
  g_autoptr(GListStore) twice = cx_scenes_from_bytes (old_bytes, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CxScene) a = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(CxScene) b = g_list_model_get_item (G_LIST_MODEL (back), i);

      g_assert_cmpstr (cx_scene_get_id (a), ==, cx_scene_get_id (b));
    }

  /* Derived the same each time; two equal scenes, two ids; a bad id replaced. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CxScene) a = g_list_model_get_item (G_LIST_MODEL (once), i);
      g_autoptr(CxScene) b = g_list_model_get_item (G_LIST_MODEL (twice), i);

      g_assert_true (g_str_has_prefix (cx_scene_get_id (a), "h-"));
      g_assert_cmpstr (cx_scene_get_id (a), ==, cx_scene_get_id (b));
    }
  {
    g_autoptr(CxScene) first = g_list_model_get_item (G_LIST_MODEL (once), 0);
    g_autoptr(CxScene) second = g_list_model_get_item (G_LIST_MODEL (once), 1);

    g_assert_cmpstr (cx_scene_get_id (first), !=, cx_scene_get_id (second));
  }

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL));
  cx_scenes_load_shared_async (file, NULL, shared_loaded_cb, &imported);
  g_assert_true (cx_test_wait_until (pointer_set, &imported, 10000));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CxScene) a = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(CxScene) b = g_list_model_get_item (G_LIST_MODEL (imported), i);

      g_assert_cmpstr (cx_scene_get_title (a), ==, cx_scene_get_title (b));
      g_assert_cmpstr (cx_scene_get_id (a), !=, cx_scene_get_id (b));
    }

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenes/round-trip", test_round_trip);
  g_test_add_func ("/scenes/control-characters-round-trip", test_control_characters_round_trip);
  g_test_add_func ("/scenes/strict", test_strict);
  g_test_add_func ("/scenes/annotations", test_annotations);
  g_test_add_func ("/scenes/older-file", test_older_file);
  g_test_add_func ("/scenes/files", test_files);
  g_test_add_func ("/scenes/find", test_find);
  g_test_add_func ("/scenes/ids", test_ids);
  g_test_add_func ("/scenes/limits/property", test_limits_property);
  g_test_add_func ("/scenes/limits/boundaries", test_limits_boundaries);
  g_test_add_func ("/scenes/limits/file-grows", test_limits_file_grows);

  return g_test_run ();
}
