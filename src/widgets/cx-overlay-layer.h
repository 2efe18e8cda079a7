/* cx-overlay-layer.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "cx-data-pack.h"
#include "cx-selection.h"

G_BEGIN_DECLS

#define CX_TYPE_OVERLAY_LAYER (cx_overlay_layer_get_type ())
G_DECLARE_FINAL_TYPE (CxOverlayLayer, cx_overlay_layer, CX, OVERLAY_LAYER, ShumateLayer)

CxOverlayLayer *cx_overlay_layer_new                (ShumateViewport *viewport,
                                                     CxDataPack      *pack);
CxDataPack     *cx_overlay_layer_get_pack           (CxOverlayLayer  *self);
guint           cx_overlay_layer_get_n_features     (CxOverlayLayer  *self);
gboolean        cx_overlay_layer_has_feature        (CxOverlayLayer  *self,
                                                     const char      *id);
void            cx_overlay_layer_set_layer_visible  (CxOverlayLayer  *self,
                                                     const char      *layer_id,
                                                     gboolean         visible);
gboolean        cx_overlay_layer_get_layer_visible  (CxOverlayLayer  *self,
                                                     const char      *layer_id);
CxFeature      *cx_overlay_layer_feature_at         (CxOverlayLayer  *self,
                                                     double           x,
                                                     double           y);
void            cx_overlay_layer_location_to_widget (CxOverlayLayer  *self,
                                                     double           latitude,
                                                     double           longitude,
                                                     double          *x,
                                                     double          *y);
guint           cx_overlay_layer_get_n_drawn        (CxOverlayLayer  *self);
void            cx_overlay_layer_set_selection      (CxOverlayLayer  *self,
                                                     CxSelection     *selection);

G_END_DECLS
