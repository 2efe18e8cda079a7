/* cx-legend.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-data-pack.h"
#include "cx-import.h"

G_BEGIN_DECLS

CxGeometryType  cx_legend_layer_kind      (CxLayer        *layer);
void            cx_legend_draw_swatch     (cairo_t        *cr,
                                           const CxStyle  *style,
                                           CxGeometryType  kind,
                                           double          x,
                                           double          y,
                                           double          width,
                                           double          height);
GtkWidget      *cx_legend_swatch_new      (CxLayer        *layer,
                                           gboolean        presentation);
GtkWidget      *cx_legend_swatch_new_for_style (const CxStyle  *style,
                                                CxGeometryType  kind);
GtkWidget      *cx_legend_imported_swatch_new  (CxImportedLayer *layer);

G_END_DECLS
