/* cx-layer-panel.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-annotations.h"
#include "cx-scene.h"
#include "cx-thematic-panel.h"
#include "cx-visibility.h"

G_BEGIN_DECLS

#define CX_TYPE_LAYER_PANEL (cx_layer_panel_get_type ())
G_DECLARE_FINAL_TYPE (CxLayerPanel, cx_layer_panel, CX, LAYER_PANEL, GtkWidget)

GtkWidget *cx_layer_panel_new             (CxVisibility *visibility,
                                           GListModel   *scenes);
CxThematicPanel *cx_layer_panel_get_thematic_panel (CxLayerPanel *self);
GtkWidget *cx_layer_panel_get_switch      (CxLayerPanel *self,
                                           guint         index);
void       cx_layer_panel_set_current_scene (CxLayerPanel *self,
                                             int           index);
void       cx_layer_panel_set_annotations (CxLayerPanel  *self,
                                           CxAnnotations *annotations);
void       cx_layer_panel_set_imported   (CxLayerPanel *self,
                                          GListModel   *imported);

G_END_DECLS
