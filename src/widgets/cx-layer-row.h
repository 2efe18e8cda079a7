/* cx-layer-row.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-layer.h"

G_BEGIN_DECLS

#define CX_TYPE_LAYER_ROW (cx_layer_row_get_type ())
G_DECLARE_FINAL_TYPE (CxLayerRow, cx_layer_row, CX, LAYER_ROW, AdwActionRow)

GtkWidget *cx_layer_row_new        (CxLayer    *layer);
CxLayer   *cx_layer_row_get_layer  (CxLayerRow *self);
GtkWidget *cx_layer_row_get_switch (CxLayerRow *self);

G_END_DECLS
