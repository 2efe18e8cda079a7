/* test-crash-save.c: kill -9 at random points of a save; nothing is lost
 *
 * A child process does what the app does when the user saves: it writes
 * the scenes (a scene added), the settings of a stored layer (a rename),
 * and a newly imported layer of a few megabytes (reserve the id, write the
 * document, write its settings). The parent kills it with SIGKILL in the
 * middle of that save, and then starts as the app does (scenes and layers
 * loaded from disk). Every start must keep every scene and layer the user
 * had, each scene whole and in its place, hold the new ones whole or not at
 * all, leave no debris, and mention whatever debris it found.
 *
 * Random moments miss the short steps (one run put 23 of 50 kills after
 * everything was written, and none in two phases), so the kills are
 * steered: the child stops at each step of each write (the store's test
 * hook, cx-store-private.h) and says where, the parent checks that the disk
 * shows that phase and kills it there, three times per step; every phase
 * must get its kills. Kills at random moments follow, for what lies
 * between the steps (a temporary half written).
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx-import.h"
#include "cx-scene.h"
#include "cx-store-private.h"
#include "cx-store-util.h"

#define N_KILLS 30
/* Kills at each step the child stops at. */
#define N_KILLS_PER_STEP 3

/* The new layer: big enough that writing it takes a while, smaller under
 * AddressSanitizer and valgrind, where each start parses it 10× slower. */
#if defined(__SANITIZE_ADDRESS__)
#define BIG_FEATURES_DEFAULT 4000
#else
#define BIG_FEATURES_DEFAULT 40000
#endif
static guint big_features = BIG_FEATURES_DEFAULT;

static const char *self_path;
static char *root;

/* Where the child was when it died, in the order a save goes. */
typedef enum
{
  PHASE_SCENES_NOT_WRITTEN,
  PHASE_SCENES_TEMP,            /* scenes.json.partial-XXXXXX beside the old file */
  PHASE_SCENES_SAVED,           /* new scenes in place, rename not written */
  PHASE_SETTINGS_TEMP,          /* user-base-1.json.partial-XXXXXX */
  PHASE_RENAMED,                /* rename in place, new layer not begun */
  PHASE_RESERVED,               /* empty user-big-1.geojson only */
  PHASE_DOCUMENT_TEMP,          /* and user-big-1.geojson.partial-XXXXXX */
  PHASE_DOCUMENT_ONLY,          /* the document, no settings */
  PHASE_NEW_SETTINGS_TEMP,      /* the document, user-big-1.json.partial-XXXXXX */
  PHASE_COMPLETE,               /* everything written, before exit */
  PHASE_EXITED,                 /* the child finished before the kill */
  N_PHASES
} Phase;

static const char *phase_names[N_PHASES] = {
  "before the scenes were written",
  "scenes temporary being written",
  "scenes saved, rename not yet",
  "settings temporary (rename) being written",
  "rename saved, import not begun",
  "empty reserved document only",
  "document temporary being written",
  "document written, no settings yet",
  "settings temporary of the new layer",
  "all written, child not yet exited",
  "child had exited",
};

/* ------------------------------------------------------------------ */
/* The child: one save, as the app does it                             */
/* ------------------------------------------------------------------ */

/* The scene the child of run @n adds: every field its own, so that a
 * start that mixed scenes up, or lost a field, shows. */
static CxScene *
crash_scene (guint n)
{
  g_autofree char *title = g_strdup_printf ("Crash %u", n);
  g_autofree char *note = g_strdup_printf ("Kept whole, %u", n);
  g_autofree char *layer = g_strdup_printf ("layer-%u", n);
  const char *layer_ids[] = { "landmarks", layer, NULL };
  CxScene *scene = cx_scene_new (title, 31.2 + n * 1e-4, 121.4 - n * 1e-4, 10 + n % 8,
                                 n % 2 == 0 ? layer_ids : NULL, n % 3 == 0 ? "zhongshan-park" : NULL);

  cx_scene_set_note (scene, note);
  return scene;
}

/* The place the child stops at, counted from 1 (0: it does not stop). */
static guint stop_at;
static guint places_passed;

/* Passes one place of the save: at the one to stop at, says where it is
 * and waits for the parent's SIGKILL. */
static void
pass_place (const char *where)
{
  if (++places_passed != stop_at)
    return;

  printf ("stopped at %s\n", where);
  fflush (stdout);
  for (;;)
    pause ();
}

static void
on_store_step (CxStoreStep  step,
               GFile       *file,
               gpointer     user_data)
{
  static const char *steps[] = { "begin", "temp-created", "temp-written", "replaced" };
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *where = g_strdup_printf ("%s %s", steps[step], name);

  pass_place (where);
}

static int
run_child (const char *scenes_path,
           const char *layers_path,
           const char *big_path,
           const char *n,
           const char *stop)
{
  g_autoptr(GFile) scenes_file = g_file_new_for_path (scenes_path);
  g_autoptr(GFile) layers_dir = g_file_new_for_path (layers_path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GListStore) scenes = NULL;
  g_autoptr(GListStore) layers = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(CxScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Renamed %s", n);
  CxImportedLayer *base = NULL;

  stop_at = (guint) g_ascii_strtoull (stop, NULL, 10);
  cx_store_set_step_func (on_store_step, NULL);

  scenes = cx_scenes_load_file (scenes_file, NULL, &error);
  g_assert_no_error (error);
  layers = cx_import_store_load_all (layers_dir, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (layers)); i++)
    {
      g_autoptr(CxImportedLayer) l = g_list_model_get_item (G_LIST_MODEL (layers), i);

      if (g_str_equal (cx_imported_layer_get_id (l), "user-base-1"))
        base = l;
    }
  g_assert_nonnull (base);
  layer = cx_import_file (big, "big.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  scene = crash_scene ((guint) g_ascii_strtoull (n, NULL, 10));
  g_list_store_append (scenes, scene);

  printf ("saving\n");
  fflush (stdout);
  pass_place ("before-saving");

  g_assert_true (cx_scenes_save_file (G_LIST_MODEL (scenes), scenes_file, &error));
  g_assert_true (cx_import_store_rename (base, layers_dir, name, &error));
  g_assert_true (cx_import_store_save (layer, layers_dir, &error));
  g_assert_no_error (error);

  pass_place ("saved");
  printf ("saved\n");
  fflush (stdout);
  return 0;
}

/* ------------------------------------------------------------------ */
/* The parent                                                          */
/* ------------------------------------------------------------------ */

/* Where the disk must be when the child stopped at @where. */
static const struct
{
  const char *where;
  Phase       phase;
} phase_at_place[] = {
  { "before-saving", PHASE_SCENES_NOT_WRITTEN },
  { "begin scenes.json", PHASE_SCENES_NOT_WRITTEN },
  { "temp-created scenes.json", PHASE_SCENES_TEMP },
  { "temp-written scenes.json", PHASE_SCENES_TEMP },
  { "replaced scenes.json", PHASE_SCENES_SAVED },
  { "begin user-base-1.json", PHASE_SCENES_SAVED },
  { "temp-created user-base-1.json", PHASE_SETTINGS_TEMP },
  { "temp-written user-base-1.json", PHASE_SETTINGS_TEMP },
  { "replaced user-base-1.json", PHASE_RENAMED },
  { "begin user-big-1.geojson", PHASE_RESERVED },
  { "temp-created user-big-1.geojson", PHASE_DOCUMENT_TEMP },
  { "temp-written user-big-1.geojson", PHASE_DOCUMENT_TEMP },
  { "replaced user-big-1.geojson", PHASE_DOCUMENT_ONLY },
  { "begin user-big-1.json", PHASE_DOCUMENT_ONLY },
  { "temp-created user-big-1.json", PHASE_NEW_SETTINGS_TEMP },
  { "temp-written user-big-1.json", PHASE_NEW_SETTINGS_TEMP },
  { "replaced user-big-1.json", PHASE_COMPLETE },
  { "saved", PHASE_COMPLETE },
};

static char *
big_document (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  char *path = g_build_filename (root, "big.geojson", NULL);

  for (guint i = 0; i < big_features; i++)
    g_string_append_printf (text, "%s{\"type\": \"Feature\", \"properties\": {\"title\": \"Point %u\", \"note\": \"a survey point of the plan\"}, "
                            "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%.6f, %.6f]}}\n",
                            i > 0 ? "," : "", i, 121.38 + (i % 200) * 0.0002, 31.20 + (i / 200) * 0.0001);
  g_string_append (text, "]}\n");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  return path;
}

static gboolean
has_temp (const char *dir,
          const char *target)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *of = cx_store_temp_target (name, TRUE);

      if (g_strcmp0 (of, target) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL;
}

static Phase
phase_on_disk (const char *data_dir,
               const char *layers_dir,
               guint       n)
{
  g_autofree char *scenes = g_build_filename (data_dir, "scenes.json", NULL);
  g_autofree char *settings = g_build_filename (layers_dir, "user-base-1.json", NULL);
  g_autofree char *big_doc = g_build_filename (layers_dir, "user-big-1.geojson", NULL);
  g_autofree char *big_settings = g_build_filename (layers_dir, "user-big-1.json", NULL);
  g_autofree char *title = g_strdup_printf ("\"Crash %u\"", n);
  g_autofree char *name = g_strdup_printf ("\"Renamed %u\"", n);
  GStatBuf st;

  if (g_file_test (big_settings, G_FILE_TEST_EXISTS))
    return PHASE_COMPLETE;
  if (has_temp (layers_dir, "user-big-1.json"))
    return PHASE_NEW_SETTINGS_TEMP;
  if (has_temp (layers_dir, "user-big-1.geojson"))
    return PHASE_DOCUMENT_TEMP;
  if (g_stat (big_doc, &st) == 0)
    return st.st_size == 0 ? PHASE_RESERVED : PHASE_DOCUMENT_ONLY;
  if (file_contains (settings, name))
    return PHASE_RENAMED;
  if (has_temp (layers_dir, "user-base-1.json"))
    return PHASE_SETTINGS_TEMP;
  if (file_contains (scenes, title))
    return PHASE_SCENES_SAVED;
  if (has_temp (data_dir, "scenes.json"))
    return PHASE_SCENES_TEMP;
  return PHASE_SCENES_NOT_WRITTEN;
}

/* Only what belongs: no temporaries, no empty files, nothing moved aside. */
static void
assert_no_debris (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_str_equal (name, "layers") || g_str_equal (name, "big.geojson"))
        continue;
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if (!g_str_equal (name, "scenes.json") && !g_str_has_suffix (name, ".geojson") && !g_str_has_suffix (name, ".json"))
        g_error ("%s was left in %s", name, dir);
      g_assert_cmpint (st.st_size, >, 0);
    }
}

typedef struct
{
  GSubprocess *child;
  GDataInputStream *out;
  gint64       save_started;
  gint64       save_took;     /* µs, when it ran to the end */
  gboolean     exited;
} Run;

/* Starts the child of run @n, which stops at place @place of its save
 * (0: nowhere), and waits until it says it starts saving. */
static void
start_child (Run        *run,
             const char *data_dir,
             const char *layers_dir,
             const char *big,
             guint       n,
             guint       place)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scenes = g_build_filename (data_dir, "scenes.json", NULL);
  g_autofree char *number = g_strdup_printf ("%u", n);
  g_autofree char *stop = g_strdup_printf ("%u", place);
  g_autofree char *line = NULL;

  run->child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 self_path, "--save-child", scenes, layers_dir, big, number, stop, NULL);
  g_assert_no_error (error);
  run->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run->child));
  line = g_data_input_stream_read_line (run->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "saving");
  run->save_started = g_get_monotonic_time ();
}

/* Waits for the child; @to_the_end: it is not killed, and the time to its
 * "saved" is measured. */
static void
finish_child (Run      *run,
              gboolean  to_the_end)
{
  g_autoptr(GError) error = NULL;

  if (to_the_end)
    {
      g_autofree char *line = g_data_input_stream_read_line (run->out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, "saved");
      run->save_took = g_get_monotonic_time () - run->save_started;
    }

  g_assert_true (g_subprocess_wait (run->child, NULL, &error));
  g_assert_no_error (error);
  run->exited = g_subprocess_get_if_exited (run->child);
  if (run->exited)
    g_assert_cmpint (g_subprocess_get_exit_status (run->child), ==, 0);
  else
    g_assert_cmpint (g_subprocess_get_term_sig (run->child), ==, SIGKILL);
  g_clear_object (&run->out);
  g_clear_object (&run->child);
}

/* Waits for the child to say where it stopped; NULL when it ran to the
 * end of its save instead. */
static char *
wait_stopped (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line (run->out, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  if (g_str_equal (line, "saved"))
    return NULL;
  g_assert_true (g_str_has_prefix (line, "stopped at "));
  return g_strdup (line + strlen ("stopped at "));
}

static Phase
phase_at (const char *where)
{
  for (guint i = 0; i < G_N_ELEMENTS (phase_at_place); i++)
    if (g_str_equal (phase_at_place[i].where, where))
      return phase_at_place[i].phase;
  g_error ("the save passed “%s”, a place this test does not know: add it to phase_at_place[]", where);
}

/* A scene, every field of it, as one line. */
static char *
describe_scene (CxScene *scene)
{
  const char * const *layers = cx_scene_get_layers (scene);
  g_autofree char *joined = layers != NULL ? g_strjoinv (",", (char **) layers) : NULL;

  return g_strdup_printf ("%s | %s | %.17g | %.17g | %.17g | %s | %s",
                          cx_scene_get_title (scene), cx_scene_get_note (scene),
                          cx_scene_get_latitude (scene), cx_scene_get_longitude (scene),
                          cx_scene_get_zoom (scene), joined != NULL ? joined : "(no layers)",
                          cx_scene_get_selection (scene) != NULL ? cx_scene_get_selection (scene) : "(no selection)");
}

typedef struct
{
  GPtrArray *scenes;        /* every start must show these, whole, in order (describe_scene()) */
  char      *base_name;     /* the stored layer's name */
} Expected;

/* A start, as the app does it; checks that nothing was lost. */
static void
start_and_check (const char *data_dir,
                 const char *layers_dir,
                 guint       n,
                 Phase       phase,
                 Expected   *expected)
{
  g_autofree char *scenes_path = g_build_filename (data_dir, "scenes.json", NULL);
  g_autoptr(GFile) scenes_file = g_file_new_for_path (scenes_path);
  g_autoptr(GFile) layers = g_file_new_for_path (layers_dir);
  g_autoptr(GListStore) scenes = NULL;
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *warnings = NULL;
  g_autoptr(CxScene) new_scene = crash_scene (n);
  g_autofree char *new_name = g_strdup_printf ("Renamed %u", n);
  guint n_scenes;
  CxImportedLayer *base = NULL, *big = NULL;
  gboolean debris = phase == PHASE_SCENES_TEMP || phase == PHASE_SETTINGS_TEMP || phase == PHASE_RESERVED ||
                    phase == PHASE_DOCUMENT_TEMP || phase == PHASE_DOCUMENT_ONLY || phase == PHASE_NEW_SETTINGS_TEMP;

  scenes = cx_scenes_load_file_full (scenes_file, NULL, &notices, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenes);
  loaded = cx_import_store_load_all (layers, &warnings, &error);
  g_assert_no_error (error);

  /* Every scene the user had, whole and in its place; the new one whole,
   * at the end, or not at all. */
  n_scenes = g_list_model_get_n_items (G_LIST_MODEL (scenes));
  g_assert_cmpuint (n_scenes, >=, expected->scenes->len);
  g_assert_cmpuint (n_scenes, <=, expected->scenes->len + 1);
  for (guint i = 0; i < n_scenes; i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (scenes), i);
      g_autofree char *got = describe_scene (scene);

      if (i < expected->scenes->len)
        g_assert_cmpstr (got, ==, g_ptr_array_index (expected->scenes, i));
      else
        {
          g_autofree char *added = describe_scene (new_scene);

          g_assert_cmpstr (got, ==, added);
          g_ptr_array_add (expected->scenes, g_steal_pointer (&added));
        }
    }

  /* The stored layer, whole, under its old name or its new one. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (loaded)); i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (loaded), i);

      if (g_str_equal (cx_imported_layer_get_id (layer), "user-base-1"))
        base = layer;
      else if (g_str_equal (cx_imported_layer_get_id (layer), "user-big-1"))
        big = layer;
      else
        g_error ("unexpected layer %s", cx_imported_layer_get_id (layer));
    }
  g_assert_nonnull (base);
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (base)), ==, 1);
  if (g_strcmp0 (cx_imported_layer_get_name (base), new_name) == 0)
    {
      g_free (expected->base_name);
      expected->base_name = g_strdup (new_name);
    }
  g_assert_cmpstr (cx_imported_layer_get_name (base), ==, expected->base_name);

  /* The new layer: every feature, or not there. */
  if (big != NULL)
    g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (big)), ==, big_features);
  else
    g_assert_cmpint (phase, <, PHASE_DOCUMENT_ONLY);

  /* Debris found is cleaned up and mentioned. */
  if (debris)
    g_assert_true (notices != NULL || warnings != NULL);
  assert_no_debris (data_dir);
  assert_no_debris (layers_dir);

  /* Back to one stored layer for the next run (its removal is the app's
   * own). */
  if (big != NULL)
    {
      g_assert_true (cx_import_store_remove (big, layers, &error));
      g_assert_no_error (error);
    }
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_crash_during_save (void)
{
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *layers_dir = g_build_filename (data_dir, "layers", NULL);
  g_autofree char *big = big_document ();
  g_autofree char *scenes_path = g_build_filename (data_dir, "scenes.json", NULL);
  g_autoptr(GFile) scenes_file = g_file_new_for_path (scenes_path);
  g_autoptr(GFile) layers = g_file_new_for_path (layers_dir);
  g_autoptr(GString) summary = g_string_new (NULL);
  guint counts[N_PHASES] = { 0, };
  guint steered[N_PHASES] = { 0, };
  guint n_places = 0;
  gint64 save_took = 0;
  Expected expected = { g_ptr_array_new_with_free_func (g_free), g_strdup ("base") };
  guint run_number = 0;

  /* What the user has before: two scenes, one layer. */
  g_assert_cmpint (g_mkdir_with_parents (layers_dir, 0700), ==, 0);
  {
    g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
    const char *layer_ids[] = { "district", "landmarks", NULL };
    g_autoptr(CxScene) a = cx_scene_new ("Mine 1", 31.2, 121.4, 14, NULL, NULL);
    g_autoptr(CxScene) b = cx_scene_new ("Mine 2", 31.21, 121.41, 15.5, layer_ids, "zhongshan-park");
    g_autofree char *base_path = g_build_filename (root, "base.geojson", NULL);
    g_autoptr(GFile) base_file = g_file_new_for_path (base_path);
    g_autoptr(CxImportedLayer) base = NULL;
    g_autoptr(GError) error = NULL;

    cx_scene_set_note (b, "Before the meeting");
    g_list_store_append (scenes, a);
    g_list_store_append (scenes, b);
    g_assert_true (cx_scenes_save_file (G_LIST_MODEL (scenes), scenes_file, &error));
    g_ptr_array_add (expected.scenes, describe_scene (a));
    g_ptr_array_add (expected.scenes, describe_scene (b));

    g_assert_true (g_file_set_contents (base_path, "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}", -1, NULL));
    base = cx_import_file (base_file, "base.geojson", FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (cx_import_store_save (base, layers, &error));
    g_assert_cmpstr (cx_imported_layer_get_id (base), ==, "user-base-1");
  }

  /* How long a whole save takes here, from the child's "saving" to its
   * "saved": the median of five, since fsync() times vary a lot. */
  {
    gint64 took[5];

    for (guint i = 0; i < G_N_ELEMENTS (took); i++)
      {
        Run run = { 0, };

        start_child (&run, data_dir, layers_dir, big, ++run_number, 0);
        finish_child (&run, TRUE);
        g_assert_true (run.exited);
        took[i] = run.save_took;
        start_and_check (data_dir, layers_dir, run_number, PHASE_EXITED, &expected);
      }
    qsort (took, G_N_ELEMENTS (took), sizeof (gint64), compare_int64);
    save_took = took[G_N_ELEMENTS (took) / 2];
  }
  g_test_message ("a whole save takes %" G_GINT64_FORMAT " µs here (median)", save_took);

  /* Steered: the child stops at each place of its save in turn, until it
   * runs to the end; killed there, the disk must show the phase of that
   * place. */
  for (guint place = 1; ; place++)
    {
      gboolean ran_to_the_end = FALSE;

      for (guint k = 0; k < N_KILLS_PER_STEP && !ran_to_the_end; k++)
        {
          Run run = { 0, };
          g_autofree char *where = NULL;
          Phase phase;

          start_child (&run, data_dir, layers_dir, big, ++run_number, place);
          where = wait_stopped (&run);
          if (where == NULL)
            {
              finish_child (&run, FALSE);
              g_assert_true (run.exited);
              start_and_check (data_dir, layers_dir, run_number, PHASE_EXITED, &expected);
              ran_to_the_end = TRUE;
              break;
            }
          g_subprocess_send_signal (run.child, SIGKILL);
          finish_child (&run, FALSE);
          g_assert_false (run.exited);

          phase = phase_on_disk (data_dir, layers_dir, run_number);
          if (phase != phase_at (where))
            g_error ("killed at “%s”, the disk shows “%s”, not “%s”", where, phase_names[phase], phase_names[phase_at (where)]);
          steered[phase]++;
          start_and_check (data_dir, layers_dir, run_number, phase, &expected);
        }
      if (ran_to_the_end)
        break;
      n_places++;
    }

  /* Random: what lies between the places, such as a temporary half
   * written. */
  for (guint i = 0; i < N_KILLS; i++)
    {
      Run run = { 0, };
      gint64 delay = g_test_rand_int_range (0, (gint32) MIN (save_took + 1, G_MAXINT32));
      Phase phase;

      start_child (&run, data_dir, layers_dir, big, ++run_number, 0);
      g_usleep ((gulong) delay);
      g_subprocess_send_signal (run.child, SIGKILL);
      finish_child (&run, FALSE);

      phase = run.exited ? PHASE_EXITED : phase_on_disk (data_dir, layers_dir, run_number);
      counts[phase]++;
      start_and_check (data_dir, layers_dir, run_number, phase, &expected);
    }

  g_string_append_printf (summary, "%u kills steered to the %u places of a save (%u each), then %u at random (save of 1 scene + 1 rename + a %u-feature layer took %" G_GINT64_FORMAT " µs, median of 5; random kills uniform in that time after the child said it starts saving):\n"
                          "  steered  random",
                          n_places * N_KILLS_PER_STEP, n_places, N_KILLS_PER_STEP, N_KILLS, big_features, save_took);
  for (guint p = 0; p < N_PHASES; p++)
    g_string_append_printf (summary, "\n  %7u  %6u  %s", steered[p], counts[p], phase_names[p]);
  g_string_append_printf (summary, "\nscenes kept at the end: %u; every start kept all user content", expected.scenes->len);
  g_test_message ("%s", summary->str);
  /* The summary also goes where a person running the test sees it. */
  if (g_getenv ("CX_CRASH_SUMMARY") != NULL)
    g_assert_true (g_file_set_contents (g_getenv ("CX_CRASH_SUMMARY"), summary->str, -1, NULL));

  /* Every phase a crash can leave was seen, each more than once. */
  for (guint p = 0; p < PHASE_EXITED; p++)
    if (steered[p] < N_KILLS_PER_STEP)
      g_error ("only %u kills left the disk %s", steered[p], phase_names[p]);

  g_ptr_array_unref (expected.scenes);
  g_free (expected.base_name);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 7 && g_str_equal (argv[1], "--save-child"))
    return run_child (argv[2], argv[3], argv[4], argv[5], argv[6]);

  self_path = argv[0];
  if (g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL)
    big_features = 4000;
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  root = g_dir_make_tmp ("cx-crash-XXXXXX", NULL);
  g_assert_nonnull (root);

  g_test_add_func ("/stored/crash-during-save", test_crash_during_save);
  status = g_test_run ();

  {
    g_autofree char *quoted = g_shell_quote (root);
    g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

    (void) !system (command);
  }
  g_free (root);
  return status;
}
