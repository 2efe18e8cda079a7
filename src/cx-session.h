/* cx-session.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-data-pack.h"
#include "cx-import-queue.h"
#include "cx-scene-list.h"
#include "cx-visibility.h"

G_BEGIN_DECLS

#define CX_TYPE_SESSION (cx_session_get_type ())
G_DECLARE_FINAL_TYPE (CxSession, cx_session, CX, SESSION, GObject)

CxSession     *cx_session_new                   (void);
CxSession     *cx_session_new_like              (CxSession   *other);
CxSession     *cx_session_new_failed            (const GError *error);
CxDataPack    *cx_session_get_pack              (CxSession   *self);
const GError  *cx_session_get_pack_error        (CxSession   *self);
const char    *cx_session_get_startup_warning   (CxSession   *self);
GSettings     *cx_session_get_settings          (CxSession   *self);
gboolean       cx_session_get_settings_kept     (CxSession   *self);
CxStatistic   *cx_session_get_thematic          (CxSession   *self);
gboolean       cx_session_set_thematic          (CxSession   *self,
                                                 CxStatistic *statistic);
CxVisibility  *cx_session_get_visibility        (CxSession   *self);
CxSceneList   *cx_session_get_scenes            (CxSession   *self);
GListStore    *cx_session_get_imported          (CxSession   *self);
GFile         *cx_session_get_layers_dir        (CxSession   *self);
CxImportQueue *cx_session_get_import_queue      (CxSession   *self);
void           cx_session_notice                (CxSession   *self,
                                                 gboolean     urgent,
                                                 const char  *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
void           cx_session_check_for_updates     (CxSession   *self,
                                                 gboolean     on_demand);

G_END_DECLS
