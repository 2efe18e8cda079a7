/* cx-thematic-panel.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-selection.h"

G_BEGIN_DECLS

#define CX_TYPE_THEMATIC_PANEL (cx_thematic_panel_get_type ())
G_DECLARE_FINAL_TYPE (CxThematicPanel, cx_thematic_panel, CX, THEMATIC_PANEL, GtkWidget)

void         cx_thematic_panel_set_selection (CxThematicPanel *self,
                                              CxSelection     *selection);
void         cx_thematic_panel_set_statistic (CxThematicPanel *self,
                                              CxStatistic     *statistic);
CxStatistic *cx_thematic_panel_get_statistic (CxThematicPanel *self);

/* The ranked bars, for tests: how many, which is selected (-1 for none),
 * and a bar's place, in rank order. */
guint        cx_thematic_panel_get_n_bars    (CxThematicPanel *self);
int          cx_thematic_panel_get_selected_bar (CxThematicPanel *self);
const char  *cx_thematic_panel_get_bar_id    (CxThematicPanel *self,
                                              guint            rank);
const char  *cx_thematic_panel_get_hovered_bar_id (CxThematicPanel *self);
void         cx_thematic_panel_set_hovered   (CxThematicPanel *self,
                                              GObject         *feature);
GtkWidget   *cx_thematic_panel_get_bar       (CxThematicPanel *self,
                                              guint            rank);

G_END_DECLS
