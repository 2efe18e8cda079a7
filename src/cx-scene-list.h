/* cx-scene-list.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-scene.h"

G_BEGIN_DECLS

#define CX_SCENE_LIST_ERROR (cx_scene_list_error_quark ())

typedef enum
{
  /* The file failed to load and is still there: it is not written over
   * until the user chooses (cx_scene_list_retry(), cx_scene_list_keep_aside()). */
  CX_SCENE_LIST_ERROR_KEPT,
} CxSceneListError;

GQuark cx_scene_list_error_quark (void);

#define CX_TYPE_SCENE_LIST (cx_scene_list_get_type ())
G_DECLARE_FINAL_TYPE (CxSceneList, cx_scene_list, CX, SCENE_LIST, GObject)

CxSceneList *cx_scene_list_new               (GFile        *file,
                                              GFile        *starters);
gboolean     cx_scene_list_load              (CxSceneList  *self,
                                              char        **notices,
                                              GError      **error);
void         cx_scene_list_load_async        (CxSceneList         *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     cx_scene_list_load_finish       (CxSceneList  *self,
                                              GAsyncResult *result,
                                              char        **notices,
                                              GError      **error);
gboolean     cx_scene_list_get_loading       (CxSceneList  *self);
gboolean     cx_scene_list_take_save_pending (CxSceneList  *self);
gboolean     cx_scene_list_save              (CxSceneList  *self,
                                              GError      **error);
gboolean     cx_scene_list_save_full         (CxSceneList  *self,
                                              char        **notice,
                                              GError      **error);
gboolean     cx_scene_list_retry             (CxSceneList  *self,
                                              guint        *n_loaded,
                                              gboolean     *merged,
                                              GError      **error);
gboolean     cx_scene_list_keep_aside        (CxSceneList  *self,
                                              char        **kept_as,
                                              GError      **error);
const char  *cx_scene_list_get_problem       (CxSceneList  *self);
GFile       *cx_scene_list_get_file          (CxSceneList  *self);
int          cx_scene_list_get_current       (CxSceneList  *self);
void         cx_scene_list_set_current       (CxSceneList  *self,
                                              int           current);
gboolean     cx_scene_list_get_moved_on      (CxSceneList  *self);
void         cx_scene_list_set_moved_on      (CxSceneList  *self,
                                              gboolean      moved_on);
CxScene     *cx_scene_list_dup_current_scene (CxSceneList  *self);
void         cx_scene_list_append            (CxSceneList  *self,
                                              CxScene      *scene);
void         cx_scene_list_append_all        (CxSceneList  *self,
                                              GListModel   *scenes);
gboolean     cx_scene_list_add               (CxSceneList  *self,
                                              GListModel   *scenes,
                                              GError      **error);
gboolean     cx_scene_list_move              (CxSceneList  *self,
                                              guint         index,
                                              int           step);
gboolean     cx_scene_list_remove            (CxSceneList  *self,
                                              guint         index);
gboolean     cx_scene_list_find              (CxSceneList  *self,
                                              const char   *name,
                                              guint        *position);

G_END_DECLS
