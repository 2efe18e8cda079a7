/* cx-window.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-application.h"
#include "cx-handout.h"
#include "cx-map-view.h"
#include "cx-visibility.h"

G_BEGIN_DECLS

#define CX_TYPE_WINDOW (cx_window_get_type ())
G_DECLARE_FINAL_TYPE (CxWindow, cx_window, CX, WINDOW, AdwApplicationWindow)

CxWindow  *cx_window_new          (CxApplication *application);
CxMapView *cx_window_get_map_view (CxWindow      *self);
void       cx_window_show_error   (CxWindow      *self,
                                   const char    *message);
CxSelection *cx_window_get_selection     (CxWindow   *self);
GtkWidget   *cx_window_get_details_panel (CxWindow   *self);
void         cx_window_add_toast         (CxWindow   *self,
                                          const char *message);
gboolean     cx_window_select_id         (CxWindow   *self,
                                          const char *id);
CxVisibility *cx_window_get_visibility   (CxWindow   *self);
GListModel  *cx_window_get_scenes        (CxWindow   *self);
int          cx_window_get_current_scene (CxWindow   *self);
gboolean     cx_window_get_presenting    (CxWindow   *self);
GtkWidget   *cx_window_get_layer_panel   (CxWindow   *self);
gboolean     cx_window_get_panels_built  (CxWindow   *self);
GtkWidget   *cx_window_get_sidebar       (CxWindow   *self);
GListModel  *cx_window_get_imported      (CxWindow   *self);
void         cx_window_import_file       (CxWindow   *self,
                                          GFile      *file,
                                          gboolean    gcj02);
void         cx_window_add_scene         (CxWindow   *self,
                                          const char *title);
void         cx_window_import_scenes     (CxWindow   *self,
                                          GFile      *file);
gboolean     cx_window_export_handout    (CxWindow         *self,
                                          GFile            *file,
                                          CxHandoutFormat   format,
                                          CxHandoutSize     size,
                                          GError          **error);

G_END_DECLS
