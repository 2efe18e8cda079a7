/* cx-layer.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-style.h"

G_BEGIN_DECLS

#define CX_TYPE_LAYER (cx_layer_get_type ())
G_DECLARE_FINAL_TYPE (CxLayer, cx_layer, CX, LAYER, GObject)

const char    *cx_layer_get_id          (CxLayer *self);
const char    *cx_layer_get_name        (CxLayer *self);
const char    *cx_layer_get_name_en     (CxLayer *self);
const char    *cx_layer_get_name_zh     (CxLayer *self);
const char    *cx_layer_get_description (CxLayer *self);
const char    *cx_layer_get_description_en (CxLayer *self);
const CxStyle *cx_layer_get_style       (CxLayer *self);
guint          cx_layer_get_index       (CxLayer *self);
GListModel    *cx_layer_get_features    (CxLayer *self);

G_END_DECLS
