/* cx-scene.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-geometry.h"
#include "cx-store-util.h"

G_BEGIN_DECLS

#define CX_SCENES_ERROR (cx_scenes_error_quark ())

typedef enum
{
  CX_SCENES_ERROR_PARSE,
  CX_SCENES_ERROR_FORMAT,
  CX_SCENES_ERROR_VALUE,
  CX_SCENES_ERROR_READ,         /* cannot be read; the file was left where it is */
  CX_SCENES_ERROR_LIMIT,        /* not written: the file would break a limit below */
} CxScenesError;

/* The limits of a scenes file, the same for the reader and the writer, so
 * that anything the app saves (or exports) it loads again: a list that would
 * break one is refused before anything is written. A scenes file holds a
 * meeting's worth of views, not megabytes. */
#define CX_SCENES_MAX_FILE_SIZE (4 * 1024 * 1024)   /* bytes */
#define CX_SCENES_MAX_SCENES    1000
#define CX_SCENES_MAX_TEXT      4096                /* bytes of UTF-8 in a title or a note */

GQuark cx_scenes_error_quark (void);

/* A prepared view: where the map is, what shows, what is selected, and what
 * the presenter wants to say about it. */
#define CX_TYPE_SCENE (cx_scene_get_type ())
G_DECLARE_FINAL_TYPE (CxScene, cx_scene, CX, SCENE, GObject)

CxScene            *cx_scene_new            (const char         *title,
                                             double              latitude,
                                             double              longitude,
                                             double              zoom,
                                             const char * const *visible_layers,
                                             const char         *selection);
CxScene            *cx_scene_copy           (CxScene            *self);
gboolean            cx_scene_same_content   (CxScene            *a,
                                             CxScene            *b);
const char         *cx_scene_get_id         (CxScene            *self);
void                cx_scene_set_new_id     (CxScene            *self);
const char         *cx_scene_get_title      (CxScene            *self);
void                cx_scene_set_title      (CxScene            *self,
                                             const char         *title);
const char         *cx_scene_get_note       (CxScene            *self);
void                cx_scene_set_note       (CxScene            *self,
                                             const char         *note);
double              cx_scene_get_latitude   (CxScene            *self);
double              cx_scene_get_longitude  (CxScene            *self);
double              cx_scene_get_zoom       (CxScene            *self);
gboolean            cx_scene_get_extent     (CxScene            *self,
                                             CxBounds           *extent);
void                cx_scene_set_extent     (CxScene            *self,
                                             const CxBounds     *extent);
const char * const *cx_scene_get_layers     (CxScene            *self);
const char         *cx_scene_get_selection  (CxScene            *self);
GPtrArray          *cx_scene_get_annotations (CxScene           *self);
void                cx_scene_set_annotations (CxScene           *self,
                                             GPtrArray          *annotations);

/* Scenes files: {"format": "changning-explorer-scenes", "version": 1, "scenes": [...]} */
GListStore         *cx_scenes_from_bytes    (GBytes             *bytes,
                                             GError            **error);
GBytes             *cx_scenes_to_bytes      (GListModel         *scenes,
                                             GError            **error);
gboolean            cx_scenes_check_fits    (GListModel         *scenes,
                                             GError            **error);
gboolean            cx_scenes_check_count   (guint               n_scenes,
                                             GError            **error);
gboolean            cx_scenes_check_text    (const char         *title,
                                             const char         *note,
                                             GError            **error);
GListStore         *cx_scenes_load_file     (GFile              *file,
                                             char              **moved_aside,
                                             GError            **error);
GListStore         *cx_scenes_load_file_full (GFile            *file,
                                             char              **moved_aside,
                                             char              **notices,
                                             GError            **error);
GListStore         *cx_scenes_load_file_identity (GFile          *file,
                                             char              **moved_aside,
                                             char              **notices,
                                             CxStoreIdentity    *identity,
                                             GError            **error);
gboolean            cx_scenes_keep_aside    (GFile              *file,
                                             char              **kept_as,
                                             GError            **error);
void                cx_scenes_load_shared_async  (GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GListStore         *cx_scenes_load_shared_finish (GAsyncResult        *result,
                                                  GError             **error);
gboolean            cx_scenes_save_file     (GListModel         *scenes,
                                             GFile              *file,
                                             GError            **error);
GFile              *cx_scenes_default_file  (void);
CxScene            *cx_scenes_find          (GListModel         *scenes,
                                             const char         *title);

G_END_DECLS
