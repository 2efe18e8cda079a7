/* cx-details-panel.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-selection.h"

G_BEGIN_DECLS

#define CX_TYPE_DETAILS_PANEL (cx_details_panel_get_type ())
G_DECLARE_FINAL_TYPE (CxDetailsPanel, cx_details_panel, CX, DETAILS_PANEL, GtkWidget)

GtkWidget   *cx_details_panel_new            (CxSelection    *selection);
CxSelection *cx_details_panel_get_selection  (CxDetailsPanel *self);
const char  *cx_details_panel_get_page_name  (CxDetailsPanel *self);
GtkWidget   *cx_details_panel_get_page       (CxDetailsPanel *self);

G_END_DECLS
