/* cx-overlay-layer.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "cx-annotation.h"
#include "cx-data-pack.h"
#include "cx-import.h"
#include "cx-selection.h"
#include "cx-visibility.h"

G_BEGIN_DECLS

/* The radius of a line's or an area's number badge (cx-annotation-layer.c),
 * which labels keep clear of. */
#define CX_MARK_BADGE_RADIUS 9.0

/* How much larger lines, markers and labels are in presentation mode. */
#define CX_PRESENTATION_SCALE 1.6

#define CX_TYPE_OVERLAY_LAYER (cx_overlay_layer_get_type ())
G_DECLARE_FINAL_TYPE (CxOverlayLayer, cx_overlay_layer, CX, OVERLAY_LAYER, ShumateLayer)

CxOverlayLayer *cx_overlay_layer_new                (ShumateViewport *viewport,
                                                     CxDataPack      *pack);
CxDataPack     *cx_overlay_layer_get_pack           (CxOverlayLayer  *self);
GObject        *cx_overlay_layer_feature_at         (CxOverlayLayer  *self,
                                                     double           x,
                                                     double           y);
void            cx_overlay_layer_set_selection      (CxOverlayLayer  *self,
                                                     CxSelection     *selection);
void            cx_overlay_layer_set_thematic       (CxOverlayLayer  *self,
                                                     CxStatistic     *statistic);
CxStatistic    *cx_overlay_layer_get_thematic       (CxOverlayLayer  *self);
void            cx_overlay_layer_set_symbol_hover   (CxOverlayLayer  *self,
                                                     GObject         *feature);
double          cx_overlay_layer_get_symbol_radius  (CxOverlayLayer  *self);
double          cx_overlay_layer_get_symbol_radius_at (CxOverlayLayer *self,
                                                       double          zoom,
                                                       double          scale);
guint           cx_overlay_draw_symbol_legend       (cairo_t         *cr,
                                                     PangoLayout     *layout,
                                                     CxStatistic     *statistic,
                                                     double           max_radius,
                                                     gboolean         dark,
                                                     double          *width,
                                                     double          *height);
void            cx_overlay_layer_set_visibility     (CxOverlayLayer  *self,
                                                     CxVisibility    *visibility);
CxVisibility   *cx_overlay_layer_get_visibility     (CxOverlayLayer  *self);
void             cx_overlay_layer_set_presentation_text_scale (CxOverlayLayer *self,
                                                               double          scale);
void            cx_overlay_layer_set_presentation   (CxOverlayLayer  *self,
                                                     gboolean         presentation);
gboolean        cx_overlay_layer_get_presentation   (CxOverlayLayer  *self);
void            cx_overlay_layer_add_imported       (CxOverlayLayer  *self,
                                                     CxImportedLayer *layer);
void            cx_overlay_layer_remove_imported    (CxOverlayLayer  *self,
                                                     CxImportedLayer *layer);
void            cx_overlay_layer_set_model          (CxOverlayLayer  *self,
                                                     GListModel      *model);
GListModel     *cx_overlay_layer_get_model          (CxOverlayLayer  *self);
void            cx_overlay_layer_set_gcj02          (CxOverlayLayer  *self,
                                                     gboolean         gcj02);
void            cx_overlay_layer_location_to_widget (CxOverlayLayer  *self,
                                                     double           latitude,
                                                     double           longitude,
                                                     double          *x,
                                                     double          *y);
void            cx_overlay_layer_widget_to_location (CxOverlayLayer  *self,
                                                     double           x,
                                                     double           y,
                                                     double          *latitude,
                                                     double          *longitude);
void            cx_overlay_layer_set_avoided_path   (CxOverlayLayer  *self,
                                                     const CxCoord   *points,
                                                     guint            n_points,
                                                     gboolean         closed);
void            cx_overlay_layer_set_bilingual      (CxOverlayLayer  *self,
                                                     gboolean         bilingual);
gboolean        cx_overlay_layer_get_bilingual      (CxOverlayLayer  *self);
void            cx_overlay_layer_set_style_flags    (CxOverlayLayer  *self,
                                                     gboolean         dark,
                                                     gboolean         high_contrast);
void            cx_overlay_layer_set_covered        (CxOverlayLayer        *self,
                                                     const graphene_rect_t *rects,
                                                     guint                  n_rects);
void            cx_overlay_layer_render             (CxOverlayLayer        *self,
                                                     cairo_t               *cr,
                                                     double                 width,
                                                     double                 height,
                                                     double                 latitude,
                                                     double                 longitude,
                                                     double                 zoom,
                                                     double                 scale,
                                                     const graphene_rect_t *covered,
                                                     guint                  n_covered);
void            cx_overlay_layer_set_marks          (CxOverlayLayer        *self,
                                                     GPtrArray             *marks);
void            cx_overlay_layer_set_page_marks     (CxOverlayLayer        *self,
                                                     GPtrArray             *marks,
                                                     double                 scale);

G_END_DECLS
