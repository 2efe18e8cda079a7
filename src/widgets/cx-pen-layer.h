/* cx-pen-layer.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "cx-overlay-layer.h"

G_BEGIN_DECLS

/* How long a fading stroke stays before it goes. */
#define CX_PEN_FADE_MS 4000

#define CX_TYPE_PEN_LAYER (cx_pen_layer_get_type ())
G_DECLARE_FINAL_TYPE (CxPenLayer, cx_pen_layer, CX, PEN_LAYER, ShumateLayer)

CxPenLayer *cx_pen_layer_new          (CxOverlayLayer *overlay);
void        cx_pen_layer_begin        (CxPenLayer     *self,
                                       double          x,
                                       double          y);
void        cx_pen_layer_extend       (CxPenLayer     *self,
                                       double          x,
                                       double          y);
GArray     *cx_pen_layer_end          (CxPenLayer     *self,
                                       gboolean        fade);
void        cx_pen_layer_clear        (CxPenLayer     *self);
guint       cx_pen_layer_get_n_strokes (CxPenLayer    *self);
gboolean    cx_pen_layer_get_drawing  (CxPenLayer     *self);

G_END_DECLS
