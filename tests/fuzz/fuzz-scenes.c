/* fuzz-scenes.c: a scenes file a colleague shared
 *
 * A file that loads must save and load again to the same scenes, since the
 * app saves what it loaded over the user's own file.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-scene.h"
#include "fuzz-common.h"

FUZZ_DEFINE_INITIALIZE ()

static void
check_same_scene (CxScene *a,
                  CxScene *b)
{
  const char * const *la = cx_scene_get_layers (a);
  const char * const *lb = cx_scene_get_layers (b);

  FUZZ_CHECK (g_strcmp0 (cx_scene_get_title (a), cx_scene_get_title (b)) == 0);
  FUZZ_CHECK (g_strcmp0 (cx_scene_get_note (a), cx_scene_get_note (b)) == 0);
  FUZZ_CHECK (g_strcmp0 (cx_scene_get_selection (a), cx_scene_get_selection (b)) == 0);
  FUZZ_CHECK (cx_scene_get_latitude (a) == cx_scene_get_latitude (b));
  FUZZ_CHECK (cx_scene_get_longitude (a) == cx_scene_get_longitude (b));
  FUZZ_CHECK (cx_scene_get_zoom (a) == cx_scene_get_zoom (b));
  FUZZ_CHECK ((la == NULL) == (lb == NULL));
  if (la != NULL)
    FUZZ_CHECK (g_strv_equal ((const char * const *) la, (const char * const *) lb));
  /* The annotations too, to the last digit and character. */
  FUZZ_CHECK (cx_scene_same_content (a, b));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GListStore) scenes = NULL;
  g_autoptr(GListStore) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  scenes = cx_scenes_from_bytes (bytes, &error);
  if (scenes == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == CX_SCENES_ERROR);
      fuzz_check_message (error->message);
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (scenes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (scenes), i);

      fuzz_check_text (cx_scene_get_title (scene));
      fuzz_check_text (cx_scene_get_note (scene));
      FUZZ_CHECK (isfinite (cx_scene_get_latitude (scene)));
      FUZZ_CHECK (isfinite (cx_scene_get_longitude (scene)));
      FUZZ_CHECK (isfinite (cx_scene_get_zoom (scene)));
    }

  /* Written again, it loads again, or the writer refuses it for a limit
   * (shortest numbers may grow, "1" becoming "1.0"), never writing it. */
  saved = cx_scenes_to_bytes (G_LIST_MODEL (scenes), &error);
  if (saved == NULL)
    {
      FUZZ_CHECK (g_error_matches (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT));
      fuzz_check_message (error->message);
      return 0;
    }
  again = cx_scenes_from_bytes (saved, &error);
  if (again == NULL)
    {
      fprintf (stderr, "saved scenes do not load again: %s\n", error->message);
      abort ();
    }
  FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (again)) == n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxScene) a = g_list_model_get_item (G_LIST_MODEL (scenes), i);
      g_autoptr(CxScene) b = g_list_model_get_item (G_LIST_MODEL (again), i);

      check_same_scene (a, b);
    }

  return 0;
}
