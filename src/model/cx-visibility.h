/* cx-visibility.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-data-pack.h"

G_BEGIN_DECLS

#define CX_TYPE_VISIBILITY (cx_visibility_get_type ())
G_DECLARE_FINAL_TYPE (CxVisibility, cx_visibility, CX, VISIBILITY, GObject)

CxVisibility *cx_visibility_new               (CxDataPack    *pack);
CxDataPack   *cx_visibility_get_pack          (CxVisibility  *self);
gboolean      cx_visibility_get_visible       (CxVisibility  *self,
                                               const char    *layer_id);
gboolean      cx_visibility_get_visible_index (CxVisibility  *self,
                                               guint          index);
void          cx_visibility_set_visible       (CxVisibility  *self,
                                               const char    *layer_id,
                                               gboolean       visible);
gboolean      cx_visibility_toggle_index      (CxVisibility  *self,
                                               guint          index);
void          cx_visibility_set_all           (CxVisibility  *self,
                                               gboolean       visible);
GStrv         cx_visibility_dup_visible_ids   (CxVisibility  *self);
GStrv         cx_visibility_dup_hidden_ids    (CxVisibility  *self);
void          cx_visibility_set_visible_ids   (CxVisibility  *self,
                                               const char * const *ids);
void          cx_visibility_set_hidden_ids    (CxVisibility  *self,
                                               const char * const *ids);

G_END_DECLS
