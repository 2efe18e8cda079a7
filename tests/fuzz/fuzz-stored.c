/* fuzz-stored.c: the scenes and layer-settings files, as read at start
 *
 * The first byte chooses the file, the rest is its contents, written into
 * a data directory that the app's start-up code then reads:
 *
 *   0  scenes.json                          cx_scenes_load_file_full()
 *   1  user-fuzz-1.json, the settings of a layer whose document is intact
 *   2  user-fuzz-1.json.AbC123, what a save of those settings left when it
 *      was killed, beside valid settings          cx_import_store_load_all()
 *
 * What the start promises whatever the bytes (docs/stored-files.md): the
 * bytes are never lost (the file is where it was, or moved aside intact, or
 * is a temporary whose content is now in place or was incomplete), a layer
 * whose document is intact always comes back with its features, and every
 * message is short valid text naming what happened.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cx-import.h"
#include "cx-scene.h"
#include "fuzz-common.h"

#define DOCUMENT "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}"
#define SETTINGS "{\"format\": \"changning-explorer-layer\", \"format_version\": 1, \"id\": \"user-fuzz-1\", " \
                 "\"name\": \"Fuzz\", \"file_name\": \"fuzz.geojson\", \"gcj02\": false, \"visible\": true, \"imported\": 1}"

static char *dir;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  dir = g_dir_make_tmp ("cx-fuzz-stored-XXXXXX", NULL);
  FUZZ_CHECK (dir != NULL);
  return 0;
}

/* Empties the directory, and says whether a file in it whose name starts
 * with @prefix holds @data, and under which name. */
static char *
clear_dir_finding (const char    *prefix,
                   const uint8_t *data,
                   size_t         size)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  FUZZ_CHECK (d != NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (found == NULL && data != NULL && g_str_has_prefix (name, prefix) && g_file_get_contents (path, &contents, &length, NULL) &&
          length == size && memcmp (contents, data, size) == 0)
        found = g_strdup (name);
      FUZZ_CHECK (g_unlink (path) == 0);
    }
  return found;
}

static void
put (const char *name,
     const void *data,
     gsize       size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  FUZZ_CHECK (g_file_set_contents (path, data, (gssize) size, NULL));
}

static void
check_lines (const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    fuzz_check_message (lines[i]);
}

static void
fuzz_scenes (const uint8_t *data,
             size_t         size)
{
  g_autofree char *path = g_build_filename (dir, "scenes.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListStore) scenes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *kept = NULL;

  put ("scenes.json", data, size);
  scenes = cx_scenes_load_file_full (file, &aside, &notices, &error);
  FUZZ_CHECK (notices == NULL);
  if (scenes == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == CX_SCENES_ERROR);
      fuzz_check_message (error->message);
      /* Moved aside, or (a read error) left in place: never gone. */
      FUZZ_CHECK (aside != NULL || error->code == CX_SCENES_ERROR_READ);
    }
  else
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (aside == NULL);
    }

  kept = clear_dir_finding ("scenes.json", data, size);
  FUZZ_CHECK (kept != NULL);
  if (scenes != NULL || error->code == CX_SCENES_ERROR_READ)
    FUZZ_CHECK (g_str_equal (kept, "scenes.json"));
  else
    FUZZ_CHECK (g_str_has_prefix (kept, "scenes.json.corrupt-"));
}

static void
fuzz_settings (const uint8_t *data,
               size_t         size,
               gboolean       as_temporary)
{
  g_autoptr(GFile) store = g_file_new_for_path (dir);
  g_autoptr(GListStore) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  put ("user-fuzz-1.geojson", DOCUMENT, strlen (DOCUMENT));
  if (as_temporary)
    {
      put ("user-fuzz-1.json", SETTINGS, strlen (SETTINGS));
      put ("user-fuzz-1.json.AbC123", data, size);
    }
  else
    put ("user-fuzz-1.json", data, size);

  layers = cx_import_store_load_all (store, &warnings, &error);
  FUZZ_CHECK (error == NULL && layers != NULL);
  check_lines (warnings);

  /* The document is intact: the layer always comes back, whole. */
  FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (layers)) == 1);
  layer = g_list_model_get_item (G_LIST_MODEL (layers), 0);
  FUZZ_CHECK (g_str_equal (cx_imported_layer_get_id (layer), "user-fuzz-1"));
  FUZZ_CHECK (g_list_model_get_n_items (cx_imported_layer_get_features (layer)) == 1);
  fuzz_check_text (cx_imported_layer_get_name (layer));
  FUZZ_CHECK (cx_imported_layer_get_name (layer)[0] != '\0');

  /* Nothing left over: a temporary is in place or removed, and said so. */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    FUZZ_CHECK (g_str_equal (name, "user-fuzz-1.geojson") || g_str_equal (name, "user-fuzz-1.json") ||
                g_str_has_prefix (name, "user-fuzz-1.json.corrupt-"));
  if (as_temporary)
    FUZZ_CHECK (warnings != NULL);

  kept = clear_dir_finding ("user-fuzz-1.json", data, size);
  if (!as_temporary)
    {
      /* Settings used as they are, or kept aside intact and replaced with
       * defaults, which is said. */
      FUZZ_CHECK (kept != NULL);
      if (g_str_has_prefix (kept, "user-fuzz-1.json.corrupt-"))
        FUZZ_CHECK (warnings != NULL);
      else
        FUZZ_CHECK (g_str_equal (kept, "user-fuzz-1.json") && warnings == NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size == 0)
    return 0;

  switch (data[0] % 3)
    {
    case 0:
      fuzz_scenes (data + 1, size - 1);
      break;
    case 1:
      fuzz_settings (data + 1, size - 1, FALSE);
      break;
    default:
      fuzz_settings (data + 1, size - 1, TRUE);
      break;
    }

  g_free (clear_dir_finding ("", NULL, 0));
  return 0;
}
