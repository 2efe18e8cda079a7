/* cx-window.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-application.h"
#include "cx-handout.h"

G_BEGIN_DECLS

#define CX_TYPE_WINDOW (cx_window_get_type ())
G_DECLARE_FINAL_TYPE (CxWindow, cx_window, CX, WINDOW, AdwApplicationWindow)

CxWindow *cx_window_new             (CxApplication    *application);
void      cx_window_show_error      (CxWindow         *self,
                                     const char       *message);
void      cx_window_add_toast       (CxWindow         *self,
                                     const char       *message);
gboolean  cx_window_select_id       (CxWindow         *self,
                                     const char       *id);
void      cx_window_import_file     (CxWindow         *self,
                                     GFile            *file,
                                     gboolean          gcj02);
void      cx_window_import_files    (CxWindow         *self,
                                     GListModel       *files,
                                     gboolean          gcj02);
void      cx_window_import_files_full (CxWindow       *self,
                                       GListModel     *files,
                                       gboolean        gcj02,
                                       const char     *crs);
void      cx_window_add_scene       (CxWindow         *self,
                                     const char       *title);
void      cx_window_import_scenes   (CxWindow         *self,
                                     GFile            *file);
gboolean  cx_window_export_handout  (CxWindow         *self,
                                     GFile            *file,
                                     CxHandoutFormat   format,
                                     CxHandoutSize     size,
                                     GError          **error);

G_END_DECLS
