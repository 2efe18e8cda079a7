/* cx-caption.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-data-pack.h"
#include "cx-scene.h"
#include "cx-statistic.h"

G_BEGIN_DECLS

/* What the presentation card and the handout call the view. */
typedef struct
{
  char *title;     /* the scene's title; once the view has moved on, what is
                    * selected, or the district */
  char *subtitle;  /* nullable: the district under a title that is not it,
                    * and the scene the view started from */
  char *note;      /* nullable: the scene's note, while the view is the scene's */
  char *name;      /* the title in one name, for a file: the scene's, what
                    * is selected, or the district's */
} CxCaption;

void cx_caption_init  (CxCaption  *caption,
                       CxDataPack *pack,
                       CxScene    *scene,
                       gboolean    moved_on,
                       GObject    *selected);
void cx_caption_add_thematic (CxCaption   *caption,
                              CxStatistic *thematic);
void cx_caption_clear (CxCaption  *caption);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CxCaption, cx_caption_clear)

G_END_DECLS
