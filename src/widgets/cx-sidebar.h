/* cx-sidebar.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-selection.h"
#include "cx-visibility.h"

G_BEGIN_DECLS

#define CX_TYPE_SIDEBAR (cx_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (CxSidebar, cx_sidebar, CX, SIDEBAR, GtkWidget)

GtkWidget *cx_sidebar_new              (CxSelection  *selection,
                                        CxVisibility *visibility,
                                        GListModel   *scenes);
GtkWidget *cx_sidebar_get_layer_panel  (CxSidebar    *self);
GtkWidget *cx_sidebar_get_search_entry (CxSidebar    *self);
GtkWidget *cx_sidebar_get_places_list  (CxSidebar    *self);
GtkWidget *cx_sidebar_get_results_list (CxSidebar    *self);
void       cx_sidebar_show_page        (CxSidebar    *self,
                                        const char   *name);

G_END_DECLS
