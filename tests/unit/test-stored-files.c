/* test-stored-files.c: the files the app keeps survive every read error
 *
 * Scenes, imported layers (document and settings) and stored packs: a file
 * that cannot be read or understood is never overwritten and never
 * silently dropped (docs/stored-files.md). Started as root, the test runs
 * itself again as nobody (tests/common/cx-test-as-user.c) so that "permission denied" is
 * real.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cx-import.h"
#include "cx-pack-updater.h"
#include "cx-scene.h"
#include "cx-store-util.h"
#include "cx-test-as-user.h"
#include "cx-test-files.h"
#include "cx-test-wait.h"

#define POINT_DOC "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}"
#define SIDECAR(id, name) \
  "{\"format\": \"changning-explorer-layer\", \"format_version\": 1, \"id\": \"" id "\", " \
  "\"name\": \"" name "\", \"file_name\": \"plan.geojson\", \"gcj02\": false, \"visible\": false, \"imported\": 5}"

static const char user_scenes[] =
  "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": ["
  "{\"title\": \"My own scene\", \"center\": [121.4, 31.2], \"zoom\": 14, \"layers\": [], \"selection\": null}]}";

static char *root;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static char *
fresh_dir (const char *name)
{
  char *path = g_build_filename (root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static char *
put (const char *dir,
     const char *name,
     const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
slurp (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static GListStore *
load_scenes (const char  *path,
             char       **aside,
             char       **notices,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cx_scenes_load_file_full (file, aside, notices, error);
}

static GListStore *
load_layers (const char  *dir,
             char       **warnings)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  GListStore *store = cx_import_store_load_all (file, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (warnings != NULL && *warnings != NULL)
    g_test_message ("%s", *warnings);
  return store;
}

static CxImportedLayer *
layer_at (GListStore *store,
          guint       i)
{
  CxImportedLayer *layer = g_list_model_get_item (G_LIST_MODEL (store), i);

  g_assert_nonnull (layer);
  g_object_unref (layer);  /* the store holds it */
  return layer;
}

/* ------------------------------------------------------------------ */
/* Scenes                                                              */
/* ------------------------------------------------------------------ */

/* Finding 1: permission denied left the file to be saved over. */
static void
test_scenes_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *after = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GListStore) scenes = NULL;
  g_autoptr(GError) error = NULL;

  if (!cx_test_as_user_or_skip ())
    return;

  dir = fresh_dir ("scenes-unreadable");
  path = put (dir, "scenes.json", user_scenes);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  scenes = load_scenes (path, &aside, NULL, &error);
  g_assert_null (scenes);
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_READ);
  g_test_message ("%s", error->message);
  /* Which file, why, and what happens to it. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "permission denied"));
  g_assert_nonnull (strstr (error->message, "nothing is saved over it until you choose"));
  g_assert_null (aside);

  /* Left exactly where and as it was. */
  names = cx_test_listing (dir, "scenes");
  g_assert_cmpstr (names, ==, "scenes.json");
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  after = slurp (path);
  g_assert_cmpstr (after, ==, user_scenes);
}

/* Keeping it aside moves it intact, after which saving starts afresh. */
static void
test_scenes_keep_aside (void)
{
  g_autofree char *dir = fresh_dir ("scenes-keep-aside");
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *kept_as = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GListStore) fresh = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(CxScene) scene = cx_scene_new ("New", 31.2, 121.4, 14, NULL, NULL);
  g_autoptr(GListStore) again = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder where the file should be: named in words, never opened. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  again = load_scenes (path, NULL, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_READ);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "it is a folder, not a file"));
  g_assert_null (strstr (error->message, "Error opening"));
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (path), ==, 0);

  g_free (put (dir, "scenes.json", "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": ["));
  g_assert_true (cx_scenes_keep_aside (file, &kept_as, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (kept_as, "scenes.json.corrupt-"));
  kept = slurp (kept_as);
  g_assert_cmpstr (kept, ==, "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_list_store_append (fresh, scene);
  g_assert_true (cx_scenes_save_file (G_LIST_MODEL (fresh), file, &error));
  g_assert_no_error (error);
  again = load_scenes (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
}

/* Finding 5: a FIFO hung the start, /dev/zero aborted it, 1 GB was read
 * whole. Each is refused at once and left as it is. */
static void
test_scenes_not_regular (void)
{
  g_autofree char *dir = fresh_dir ("scenes-not-regular");
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  struct {
    const char *what;
    const char *expected;
  } cases[] = {
    { "fifo", "not a regular file" },
    { "dev-zero", "not a regular file" },
    { "huge", "larger than 4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListStore) scenes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *aside = NULL;
      g_autofree char *names = NULL;
      gint64 start;
      GStatBuf st;

      if (g_str_equal (cases[i].what, "fifo"))
        g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      else if (g_str_equal (cases[i].what, "dev-zero"))
        g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
      else
        {
          /* Sparse: a gigabyte that costs no disk. */
          int fd = g_open (path, O_WRONLY | O_CREAT, 0600);

          g_assert_cmpint (fd, >=, 0);
          g_assert_cmpint (ftruncate (fd, (off_t) 1 << 30), ==, 0);
          g_close (fd, NULL);
        }

      start = g_get_monotonic_time ();
      scenes = load_scenes (path, &aside, NULL, &error);
      g_assert_null (scenes);
      g_assert_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_READ);
      g_test_message ("%s: %s", cases[i].what, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expected));
      g_assert_null (aside);
      /* Refused before reading, not after a gigabyte (2 s, more under ASan
       * and valgrind: tests/common/cx-test-wait.c). */
      g_assert_cmpint (g_get_monotonic_time () - start, <, cx_test_scaled_usec (2 * G_USEC_PER_SEC));

      names = cx_test_listing (dir, "scenes");
      g_assert_cmpstr (names, ==, "scenes.json");
      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (g_str_equal (cases[i].what, "huge"))
        g_assert_cmpint (st.st_size, ==, (goffset) 1 << 30);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

/* Finding 6, for scenes: a temporary an interrupted save left. */
static void
test_scenes_interrupted_save (void)
{
  g_autofree char *dir = fresh_dir ("scenes-interrupted");
  g_autofree char *path = put (dir, "scenes.json", user_scenes);
  g_autofree char *newer = g_strdup_printf ("{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": ["
                                            "{\"title\": \"My own scene\", \"center\": [121.4, 31.2], \"zoom\": 14, \"layers\": []},"
                                            "{\"title\": \"Newer\", \"center\": [121.4, 31.2], \"zoom\": 15, \"layers\": []}]}");
  g_autoptr(GListStore) scenes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *names = NULL;

  /* Complete: it was the newest save, and takes the file's place. */
  g_free (put (dir, "scenes.json.partial-Ab12Cd", newer));
  /* A copy of the user's own, under a name like a temporary's: never touched. */
  g_free (put (dir, "scenes.json.backup", user_scenes));
  g_free (put (dir, "scenes.json.Ab12Cd", "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"sc"));
  scenes = load_scenes (path, NULL, &notices, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scenes)), ==, 2);
  g_assert_nonnull (notices);
  g_test_message ("%s", notices);
  g_assert_nonnull (strstr (notices, "was recovered from scenes.json.partial-Ab12Cd"));
  g_assert_null (strstr (notices, "backup"));
  g_assert_null (strstr (notices, "scenes.json.Ab12Cd"));
  names = cx_test_listing (dir, "scenes");
  g_assert_cmpstr (names, ==, "scenes.json scenes.json.Ab12Cd scenes.json.backup");
  g_clear_object (&scenes);
  g_clear_pointer (&notices, g_free);
  g_clear_pointer (&names, g_free);

  /* Cut short: removed, the file as it was. */
  g_free (put (dir, "scenes.json.partial-Zz9876", "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"sc"));
  scenes = load_scenes (path, NULL, &notices, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scenes)), ==, 2);
  g_assert_nonnull (strstr (notices, "the unfinished copy scenes.json.partial-Zz9876 was removed"));
  names = cx_test_listing (dir, "scenes");
  g_assert_cmpstr (names, ==, "scenes.json scenes.json.Ab12Cd scenes.json.backup");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
shared_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GListStore) scenes = cx_scenes_load_shared_finish (result, error);

  g_assert_null (scenes);
  g_assert_nonnull (*error);
}

/* Finding 5: Scenes → Import read a user-chosen file whole, on the main
 * thread. A FIFO or a huge file now fails in the worker, and the main loop
 * keeps running meanwhile. */
static void
test_scenes_import_not_regular (void)
{
  g_autofree char *dir = fresh_dir ("scenes-import");
  g_autofree char *fifo = g_build_filename (dir, "shared.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  const char *paths[] = { fifo, huge };
  const char *expected[] = { "not a regular file", "larger than 4.0" };
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1 << 30), ==, 0);
  g_close (fd, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;

      cx_scenes_load_shared_async (file, NULL, shared_loaded_cb, &error);
      /* Returned at once: nothing was read on this thread. */
      g_assert_null (error);
      cx_test_wait_until (error_set, &error, 10000);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, expected[i]));
    }
}

/* ------------------------------------------------------------------ */
/* Imported layers                                                     */
/* ------------------------------------------------------------------ */

/* Settings unreadable: the layer comes back with defaults; the settings
 * are kept aside intact. */
static void
test_layer_settings_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *names = NULL;
  g_autofree char *warnings = NULL;
  g_autoptr(GListStore) layers = NULL;
  CxImportedLayer *layer;

  if (!cx_test_as_user_or_skip ())
    return;

  dir = fresh_dir ("layer-settings-unreadable");
  g_free (put (dir, "user-plan-1.geojson", POINT_DOC));
  sidecar = put (dir, "user-plan-1.json", SIDECAR ("user-plan-1", "My plan"));
  g_assert_cmpint (g_chmod (sidecar, 0), ==, 0);

  layers = load_layers (dir, &warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (layers)), ==, 1);
  layer = layer_at (layers, 0);
  g_assert_cmpstr (cx_imported_layer_get_id (layer), ==, "user-plan-1");
  g_assert_cmpstr (cx_imported_layer_get_name (layer), ==, "plan");
  g_assert_true (cx_imported_layer_get_visible (layer));
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (layer)), ==, 1);
  g_assert_nonnull (strstr (warnings, "The layer user-plan-1 was restored with default settings"));
  g_assert_nonnull (strstr (warnings, "permission denied"));
  g_assert_nonnull (strstr (warnings, "kept as user-plan-1.json.corrupt-"));

  names = cx_test_listing (dir, "user-plan-1");
  g_test_message ("%s", names);
  g_assert_true (g_str_has_prefix (names, "user-plan-1.geojson user-plan-1.json user-plan-1.json.corrupt-"));
  {
    g_autofree char *kept_name = g_strdup (strrchr (names, ' ') + 1);
    g_autofree char *kept = g_build_filename (dir, kept_name, NULL);
    g_autofree char *contents = NULL;

    g_assert_cmpint (g_chmod (kept, 0600), ==, 0);
    contents = slurp (kept);
    g_assert_cmpstr (contents, ==, SIDECAR ("user-plan-1", "My plan"));
  }
}

/* Document unreadable: touched in no way, and back at the next start. */
static void
test_layer_document_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *document = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GListStore) layers = NULL;

  if (!cx_test_as_user_or_skip ())
    return;

  dir = fresh_dir ("layer-document-unreadable");
  document = put (dir, "user-plan-1.geojson", POINT_DOC);
  g_free (put (dir, "user-plan-1.json", SIDECAR ("user-plan-1", "My plan")));
  g_assert_cmpint (g_chmod (document, 0), ==, 0);

  layers = load_layers (dir, &warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (layers)), ==, 0);
  g_assert_nonnull (strstr (warnings, "The layer user-plan-1 was not loaded: user-plan-1.geojson: cannot be read: permission denied"));
  g_assert_nonnull (strstr (warnings, "left as they are"));
  names = cx_test_listing (dir, "user-plan-1");
  g_assert_cmpstr (names, ==, "user-plan-1.geojson user-plan-1.json");
  g_clear_object (&layers);
  g_clear_pointer (&warnings, g_free);

  /* Readable again: the layer, with its own settings. */
  g_assert_cmpint (g_chmod (document, 0600), ==, 0);
  layers = load_layers (dir, &warnings);
  g_assert_null (warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (layers)), ==, 1);
  g_assert_cmpstr (cx_imported_layer_get_name (layer_at (layers, 0)), ==, "My plan");
  g_assert_false (cx_imported_layer_get_visible (layer_at (layers, 0)));
}

/* A FIFO or a device as a document: no hang, left as it is. */
static void
test_layer_document_not_regular (void)
{
  g_autofree char *dir = fresh_dir ("layer-document-fifo");
  g_autofree char *document = g_build_filename (dir, "user-plan-1.geojson", NULL);
  g_autofree char *warnings = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GListStore) layers = NULL;

  g_assert_cmpint (mkfifo (document, 0600), ==, 0);
  g_free (put (dir, "user-plan-1.json", SIDECAR ("user-plan-1", "My plan")));

  layers = load_layers (dir, &warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (layers)), ==, 0);
  g_assert_nonnull (strstr (warnings, "not a regular file"));
  names = cx_test_listing (dir, "user-plan-1");
  g_assert_cmpstr (names, ==, "user-plan-1.geojson user-plan-1.json");
}

/* Finding 6: the 0-byte reserved document and a temporary. */
static void
test_layer_interrupted_save (void)
{
  g_autofree char *dir = fresh_dir ("layer-interrupted");
  g_autofree char *warnings = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GListStore) layers = NULL;

  /* Complete temporary beside the reserved empty file: recovered. */
  g_free (put (dir, "user-done-1.geojson", ""));
  g_free (put (dir, "user-done-1.geojson.Qw3rTy", POINT_DOC));
  /* Cut short: both removed. */
  g_free (put (dir, "user-cut-1.geojson", ""));
  g_free (put (dir, "user-cut-1.geojson.As5dFg", "{\"type\": \"Point\", \"coordi"));
  /* Only the reservation: removed. */
  g_free (put (dir, "user-empty-1.geojson", ""));
  /* What this version leaves: the same. */
  g_free (put (dir, "user-new-1.geojson", ""));
  g_free (put (dir, "user-new-1.geojson.partial-Hj4kLm", POINT_DOC));
  /* Six small letters: a word, not a temporary; left alone. */
  g_free (put (dir, "user-named-1.json.backup", "{}"));
  /* Settings being rewritten (a rename): the complete new ones win. */
  g_free (put (dir, "user-named-1.geojson", POINT_DOC));
  g_free (put (dir, "user-named-1.json", SIDECAR ("user-named-1", "Old name")));
  g_free (put (dir, "user-named-1.json.Zx8cVb", SIDECAR ("user-named-1", "New name")));
  g_free (put (dir, "user-named-1.json.Mn7bVc", "{\"format\": \"changning-explorer-layer\", \"form"));

  layers = load_layers (dir, &warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (layers)), ==, 3);
  g_assert_cmpstr (cx_imported_layer_get_id (layer_at (layers, 0)), ==, "user-done-1");
  g_assert_cmpstr (cx_imported_layer_get_name (layer_at (layers, 0)), ==, "done");
  g_assert_cmpstr (cx_imported_layer_get_id (layer_at (layers, 1)), ==, "user-new-1");
  g_assert_cmpstr (cx_imported_layer_get_id (layer_at (layers, 2)), ==, "user-named-1");
  g_assert_cmpstr (cx_imported_layer_get_name (layer_at (layers, 2)), ==, "New name");

  g_assert_nonnull (strstr (warnings, "A save of the layer user-done-1 was interrupted; it was complete and was recovered from user-done-1.geojson.Qw3rTy"));
  g_assert_nonnull (strstr (warnings, "The layer user-done-1 was restored with default settings"));
  g_assert_nonnull (strstr (warnings, "the unfinished copy user-cut-1.geojson.As5dFg was removed"));
  g_assert_nonnull (strstr (warnings, "An import that was interrupted left the empty file user-cut-1.geojson; it was removed"));
  g_assert_nonnull (strstr (warnings, "An import that was interrupted left the empty file user-empty-1.geojson; it was removed"));
  g_assert_nonnull (strstr (warnings, "recovered from user-named-1.json.Zx8cVb"));
  g_assert_nonnull (strstr (warnings, "the unfinished copy user-named-1.json.Mn7bVc was removed"));

  g_assert_nonnull (strstr (warnings, "recovered from user-new-1.geojson.partial-Hj4kLm"));
  g_assert_null (strstr (warnings, "backup"));

  names = cx_test_listing (dir, "user-");
  g_assert_cmpstr (names, ==, "user-done-1.geojson user-done-1.json user-named-1.geojson user-named-1.json user-named-1.json.backup "
                              "user-new-1.geojson user-new-1.json");
  g_clear_object (&layers);
  g_clear_pointer (&warnings, g_free);

  /* Nothing is left to mention at the next start. */
  layers = load_layers (dir, &warnings);
  g_assert_null (warnings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (layers)), ==, 3);
}

/* ------------------------------------------------------------------ */
/* Packs, and messages                                                 */
/* ------------------------------------------------------------------ */

static void
test_pack_not_regular (void)
{
  g_autofree char *dir = fresh_dir ("packs");
  g_autofree char *fifo = g_build_filename (dir, "pack-99999999999.json", NULL);
  g_autoptr(GFile) packs = g_file_new_for_path (dir);
  g_autofree char *warning = NULL;
  g_autofree char *names = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  g_autoptr(GError) error = NULL;

  /* One that cannot be read is left; one that is not a pack is kept aside. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_free (put (dir, "pack-99999999998.json", "{\"format\": \"changning-explorer-pack\""));
  g_free (put (dir, "pack-99999999997.json.Tmp123", "{\"format\": \"changning-explorer-pack\""));

  pack = cx_pack_store_load_best (packs, &warning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  g_assert_nonnull (warning);
  g_test_message ("%s", warning);
  g_assert_nonnull (strstr (warning, "pack-99999999999.json could not be used and was left as it is"));
  g_assert_nonnull (strstr (warning, "not a regular file"));
  g_assert_nonnull (strstr (warning, "pack-99999999998.json could not be used and was moved aside as pack-99999999998.json.corrupt-"));
  g_assert_nonnull (strstr (warning, "the unfinished copy pack-99999999997.json.Tmp123 was removed"));
  names = cx_test_listing (dir, "pack-");
  g_assert_true (g_str_has_prefix (names, "pack-99999999998.json.corrupt-"));
  g_assert_true (g_str_has_suffix (names, " pack-99999999999.json"));
}

/* Finding 7: a missing file's cause came after the whole path, past the
 * end of a toast. */
static void
test_missing_file_message (void)
{
  g_autofree char *path = g_build_filename (root, "a", "rather", "long", "folder", "name", "for", "a", "plan.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = cx_import_file (file, NULL, FALSE, NULL, &error);

  g_assert_null (layer);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, "plan.geojson: cannot be read: there is no such file");
}

/* Preferences: GLib's keyfile backend starts afresh from a keyfile it
 * cannot parse; a copy is kept first. */
static void
test_preferences_keyfile (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *message = NULL;
  g_autofree char *names = NULL;
  const char broken[] = "\xff\xfe[io/github/changning/Explorer]\ncustom-tile-url='https://tiles.example/{z}/{x}/{y}.png'\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* None, or a good one: nothing to say. */
  g_assert_null (cx_store_guard_settings_file ());
  g_free (put (dir, "keyfile", "[io/github/changning/Explorer]\nwindow-width=900\n"));
  g_assert_null (cx_store_guard_settings_file ());

  g_assert_true (g_file_set_contents (path, broken, sizeof broken - 1, NULL));
  message = cx_store_guard_settings_file ();
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, path));
  g_assert_nonnull (strstr (message, "A copy was kept as"));
  names = cx_test_listing (dir, "keyfile");
  g_assert_true (g_str_has_prefix (names, "keyfile keyfile.corrupt-"));
  {
    g_autofree char *kept_name = g_strdup (strchr (names, ' ') + 1);
    g_autofree char *kept = g_build_filename (dir, kept_name, NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (kept, &contents, &length, NULL));
    g_assert_cmpmem (contents, length, broken, sizeof broken - 1);
  }
}

/* The cases above run as nobody when the test is started as root: under
 * valgrind too when it was started under valgrind (meson's valgrind setup
 * sets CX_TEST_UNDER_VALGRIND), or they would go unchecked. */
static void
test_as_user_still_checked (void)
{
  gboolean started_under_valgrind = g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL;

  g_test_message ("running as uid %u, %s valgrind; started %s valgrind", (guint) geteuid (),
                  cx_test_under_valgrind () ? "under" : "not under",
                  started_under_valgrind ? "under" : "not under");
  g_assert_cmpint (cx_test_under_valgrind (), ==, started_under_valgrind);
}

/* ------------------------------------------------------------------ */
/* Write failures (issue 21, item 14)                                  */
/* ------------------------------------------------------------------ */

/* A write error says in words what is wrong and what to do, and neither
 * the path nor the system's raw message (both go to the log). */
static void
assert_write_error_in_words (const GError *error,
                             const char   *dir,
                             const char   *cause)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, cause));
  g_assert_null (strstr (error->message, dir));
  g_assert_null (strstr (error->message, "Error opening"));
  g_assert_null (strstr (error->message, "Error creating"));
  g_assert_null (strstr (error->message, "Permission denied"));
  g_assert_null (strstr (error->message, "Not a directory"));
}

#define NO_PERMISSION "your account may not write in its folder (check the folder’s permissions)"

/* Saving scenes into a folder the user may not write in: the cause in
 * words; the file is left as it was. */
static void
test_write_scenes_permission (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(CxScene) scene = cx_scene_new ("New", 31.2, 121.4, 14, NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (!cx_test_as_user_or_skip ())
    return;

  dir = fresh_dir ("write-scenes-permission");
  path = put (dir, "scenes.json", user_scenes);
  file = g_file_new_for_path (path);
  g_list_store_append (scenes, scene);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

  g_test_expect_message ("cx-store", G_LOG_LEVEL_MESSAGE, "Writing *write-scenes-permission/scenes.json failed: Permission denied");
  g_assert_false (cx_scenes_save_file (G_LIST_MODEL (scenes), file, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  assert_write_error_in_words (error, dir, NO_PERMISSION);

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  after = slurp (path);
  g_assert_cmpstr (after, ==, user_scenes);
}

/* A file where the scenes' folder should be: "not a folder", in words. */
static void
test_write_scenes_not_a_folder (void)
{
  g_autofree char *dir = fresh_dir ("write-scenes-not-a-folder");
  g_autofree char *blocker = put (dir, "changning-explorer", "not a folder");
  g_autofree char *path = g_build_filename (blocker, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(CxScene) scene = cx_scene_new ("New", 31.2, 121.4, 14, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_list_store_append (scenes, scene);
  g_test_expect_message ("cx-store", G_LOG_LEVEL_MESSAGE, "Writing *write-scenes-not-a-folder/changning-explorer/scenes.json failed: Not a directory");
  g_assert_false (cx_scenes_save_file (G_LIST_MODEL (scenes), file, &error));
  g_test_assert_expected_messages ();
  assert_write_error_in_words (error, dir, "its folder is missing, or is not a folder");
}

/* An imported layer that cannot be kept, and one that cannot be removed:
 * the layer's name and the cause in words (it was "Error opening file
 * “/…/layers/user-pts100kb-1.geojson”: Permission denied"). */
static void
test_write_layer_permission (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) layers_dir = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (POINT_DOC, strlen (POINT_DOC));
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(CxImportedLayer) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  if (!cx_test_as_user_or_skip ())
    return;

  dir = fresh_dir ("write-layer-permission");
  layers_dir = g_file_new_for_path (dir);
  layer = cx_import_bytes (bytes, "pts100kb.geojson", "pts100kb.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  kept = cx_import_bytes (bytes, "plan.geojson", "plan.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cx_import_store_save (kept, layers_dir, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

  g_test_expect_message ("cx-store", G_LOG_LEVEL_MESSAGE, "Writing *write-layer-permission/user-pts100kb-1.geojson failed: *Permission denied");
  g_assert_false (cx_import_store_save (layer, layers_dir, &error));
  g_test_assert_expected_messages ();
  assert_write_error_in_words (error, dir, "The layer “pts100kb” is shown, but could not be kept for next time: " NO_PERMISSION);
  g_assert_false (cx_imported_layer_is_stored (layer));
  g_clear_error (&error);

  g_test_expect_message ("cx-store", G_LOG_LEVEL_MESSAGE, "Writing *write-layer-permission/user-plan-1.json failed: *Permission denied");
  g_assert_false (cx_import_store_remove (kept, layers_dir, &error));
  g_test_assert_expected_messages ();
  assert_write_error_in_words (error, dir, "The layer “plan” could not be removed: " NO_PERMISSION);
  g_assert_true (cx_imported_layer_is_stored (kept));

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  names = cx_test_listing (dir, "user-");
  g_assert_cmpstr (names, ==, "user-plan-1.geojson user-plan-1.json");
}

/* The stores' one writer (packs, layer settings, scenes): in words. */
static void
test_write_atomic_permission (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sub = NULL;
  g_autoptr(GError) error = NULL;

  if (!cx_test_as_user_or_skip ())
    return;

  dir = fresh_dir ("write-atomic-permission");
  path = g_build_filename (dir, "pack-3.json", NULL);
  file = g_file_new_for_path (path);
  sub = g_file_new_build_filename (dir, "packs", NULL);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

  g_test_expect_message ("cx-store", G_LOG_LEVEL_MESSAGE, "Writing *pack-3.json failed: Permission denied");
  g_assert_false (cx_store_write_atomic (file, "{}", 2, 0644, &error));
  g_test_assert_expected_messages ();
  assert_write_error_in_words (error, dir, NO_PERMISSION);
  g_clear_error (&error);

  g_test_expect_message ("cx-store", G_LOG_LEVEL_MESSAGE, "Writing *write-atomic-permission/packs failed: *");
  g_assert_false (cx_store_ensure_dir (sub, &error));
  g_test_assert_expected_messages ();
  assert_write_error_in_words (error, dir, NO_PERMISSION);

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cx_test_as_user_reexec (argv);

  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  root = g_dir_make_tmp ("cx-stored-XXXXXX", NULL);
  g_assert_nonnull (root);
  /* As under Flatpak: preferences in GLib's keyfile, in a folder of ours. */
  {
    g_autofree char *config = g_build_filename (root, "config", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  }
  g_test_message ("running as uid %u", (guint) geteuid ());

  g_test_add_func ("/stored/scenes/unreadable", test_scenes_unreadable);
  g_test_add_func ("/stored/scenes/keep-aside", test_scenes_keep_aside);
  g_test_add_func ("/stored/scenes/not-regular", test_scenes_not_regular);
  g_test_add_func ("/stored/scenes/interrupted-save", test_scenes_interrupted_save);
  g_test_add_func ("/stored/scenes/import-not-regular", test_scenes_import_not_regular);
  g_test_add_func ("/stored/layers/settings-unreadable", test_layer_settings_unreadable);
  g_test_add_func ("/stored/layers/document-unreadable", test_layer_document_unreadable);
  g_test_add_func ("/stored/layers/document-not-regular", test_layer_document_not_regular);
  g_test_add_func ("/stored/layers/interrupted-save", test_layer_interrupted_save);
  g_test_add_func ("/stored/packs/not-regular", test_pack_not_regular);
  g_test_add_func ("/stored/preferences/keyfile", test_preferences_keyfile);
  g_test_add_func ("/stored/messages/missing-file", test_missing_file_message);
  g_test_add_func ("/stored/as-user/under-valgrind-as-started", test_as_user_still_checked);
  g_test_add_func ("/stored/writes/scenes-permission", test_write_scenes_permission);
  g_test_add_func ("/stored/writes/scenes-not-a-folder", test_write_scenes_not_a_folder);
  g_test_add_func ("/stored/writes/layer-permission", test_write_layer_permission);
  g_test_add_func ("/stored/writes/atomic-permission", test_write_atomic_permission);

  status = g_test_run ();

  cx_test_remove_tree (root);
  g_free (root);
  cx_test_as_user_cleanup ();
  return status;
}
