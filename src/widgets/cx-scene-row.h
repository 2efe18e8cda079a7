/* cx-scene-row.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-scene.h"

G_BEGIN_DECLS

#define CX_TYPE_SCENE_ROW (cx_scene_row_get_type ())
G_DECLARE_FINAL_TYPE (CxSceneRow, cx_scene_row, CX, SCENE_ROW, AdwActionRow)

GtkWidget *cx_scene_row_new          (CxScene    *scene);
void       cx_scene_row_update_index (CxSceneRow *self);
void       cx_scene_row_set_current  (CxSceneRow *self,
                                      gboolean    current);
gboolean   cx_scene_row_get_current  (CxSceneRow *self);

G_END_DECLS
