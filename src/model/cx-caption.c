/* cx-caption.c: what the presentation card and the handout call the view
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One function for both, so that the card over the map and the paper
 * handed out always say the same: the scene while the view is the scene's;
 * once the user has moved on (another place selected, layers switched, the
 * map moved: CxSceneList:moved-on), what is shown, "based on" the scene.
 */

#define G_LOG_DOMAIN "cx-caption"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-caption.h"
#include "cx-format.h"
#include "cx-item.h"

/* What is selected, by name, when it is something on the map: a place (in
 * both scripts), a program (its places are highlighted) or a feature of an
 * imported layer. A statistic is a figure for the district: NULL. */
static char *
shown_title (GObject *selected)
{
  if (CX_IS_FEATURE (selected))
    {
      CxFeature *feature = CX_FEATURE (selected);

      return cx_format_two_names (cx_feature_get_name (feature), cx_feature_get_name_zh (feature),
                                  cx_feature_get_name_en (feature));
    }

  if (CX_IS_PROGRAM (selected))
    {
      CxProgram *program = CX_PROGRAM (selected);

      return cx_format_two_names (cx_program_get_title (program), cx_program_get_title_zh (program),
                                  cx_program_get_title_en (program));
    }

  if (CX_IS_ITEM (selected) && cx_item_get_kind (CX_ITEM (selected)) == CX_SELECTION_IMPORTED)
    return g_strdup (cx_item_get_title (CX_ITEM (selected)));

  return NULL;
}

/**
 * cx_caption_init:
 * @scene: (nullable): the scene last applied (CxSceneList:current)
 * @moved_on: whether the view has moved on from @scene (CxSceneList:moved-on)
 * @selected: (nullable): what is selected
 *
 * Fills @caption for the view: @scene's title, the district and @scene's
 * note while the view is @scene's; otherwise what is selected, or the
 * district (its visible layers are in the legend beside the caption),
 * "based on" @scene when there is one.
 */
void
cx_caption_init (CxCaption  *caption,
                 CxDataPack *pack,
                 CxScene    *scene,
                 gboolean    moved_on,
                 GObject    *selected)
{
  g_autofree char *district = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *basis = NULL;

  g_return_if_fail (caption != NULL);
  g_return_if_fail (CX_IS_DATA_PACK (pack));
  g_return_if_fail (scene == NULL || CX_IS_SCENE (scene));

  district = cx_format_district (pack);

  if (scene != NULL && !moved_on)
    {
      const char *note = cx_scene_get_note (scene);

      caption->title = g_strdup (cx_scene_get_title (scene));
      caption->subtitle = g_steal_pointer (&district);
      caption->note = note != NULL && note[0] != '\0' ? g_strdup (note) : NULL;
      caption->name = g_strdup (cx_scene_get_title (scene));
      return;
    }

  if (scene != NULL)
    /* TRANSLATORS: under the title of a view that began as a saved scene and
     * was changed since, e.g. "Based on “Hongqiao hub”" */
    basis = g_strdup_printf (_("Based on “%s”"), cx_scene_get_title (scene));

  shown = shown_title (selected);
  caption->note = NULL;
  if (shown != NULL)
    {
      caption->name = g_strdup (cx_item_get_title (CX_ITEM (selected)));
      caption->title = g_steal_pointer (&shown);
      caption->subtitle = basis != NULL ? g_strdup_printf ("%s · %s", district, basis) : g_steal_pointer (&district);
    }
  else
    {
      caption->name = g_strdup (cx_data_pack_get_name (pack));
      caption->title = g_steal_pointer (&district);
      caption->subtitle = g_steal_pointer (&basis);
    }
}

/**
 * cx_caption_add_thematic:
 * @thematic: the statistic of the thematic view on the map
 *
 * Says in @caption (filled by cx_caption_init() for a view that is not a
 * scene's as it was) which statistic the circles show: the title when
 * nothing is selected, otherwise at the head of the subtitle. A room that
 * sees circles should be told what they measure.
 */
void
cx_caption_add_thematic (CxCaption   *caption,
                         CxStatistic *thematic)
{
  g_autofree char *what = NULL;
  char *subtitle;

  g_return_if_fail (caption != NULL && caption->title != NULL);
  g_return_if_fail (CX_IS_STATISTIC (thematic));

  /* TRANSLATORS: the title of a thematic view, the statistic shown by
   * circles, e.g. "Jobs (2023 economic census) by subdistrict" */
  what = g_strdup_printf (_("%s by subdistrict"), cx_statistic_get_title (thematic));
  if (caption->subtitle == NULL)
    {
      /* Nothing selected: the title was the district. */
      caption->subtitle = g_steal_pointer (&caption->title);
      caption->title = g_steal_pointer (&what);
      return;
    }
  subtitle = g_strdup_printf ("%s · %s", what, caption->subtitle);
  g_free (caption->subtitle);
  caption->subtitle = subtitle;
}

void
cx_caption_clear (CxCaption *caption)
{
  g_clear_pointer (&caption->title, g_free);
  g_clear_pointer (&caption->subtitle, g_free);
  g_clear_pointer (&caption->note, g_free);
  g_clear_pointer (&caption->name, g_free);
}
