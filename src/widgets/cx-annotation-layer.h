/* cx-annotation-layer.h: the annotations drawn over the map
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-annotations.h"
#include "cx-overlay-layer.h"

G_BEGIN_DECLS

#define CX_TYPE_ANNOTATION_LAYER (cx_annotation_layer_get_type ())
G_DECLARE_FINAL_TYPE (CxAnnotationLayer, cx_annotation_layer, CX, ANNOTATION_LAYER, ShumateLayer)

CxAnnotationLayer *cx_annotation_layer_new           (CxOverlayLayer    *overlay);
void               cx_annotation_layer_set_annotations (CxAnnotationLayer *self,
                                                      CxAnnotations     *annotations);
void               cx_annotation_layer_set_selected  (CxAnnotationLayer *self,
                                                      const char        *id);
int                cx_annotation_layer_annotation_at (CxAnnotationLayer *self,
                                                      double             x,
                                                      double             y);
guint              cx_annotation_layer_count_in_view (CxAnnotationLayer *self);
void               cx_annotation_layer_set_vertex    (CxAnnotationLayer *self,
                                                      int                vertex);
void               cx_annotation_layer_set_dragged   (CxAnnotationLayer *self,
                                                      int                vertex,
                                                      double             x,
                                                      double             y);
int                cx_annotation_layer_vertex_at     (CxAnnotationLayer *self,
                                                      double             x,
                                                      double             y);
gboolean           cx_annotation_layer_get_vertex_xy (CxAnnotationLayer *self,
                                                      guint              vertex,
                                                      double            *x,
                                                      double            *y);

/* Shared with the handout, so that page and screen draw marks alike. */
void               cx_annotation_draw                (cairo_t           *cr,
                                                      CxAnnotation      *annotation,
                                                      const graphene_point_t *xy,
                                                      guint              number,
                                                      double             scale,
                                                      gboolean           selected);

gboolean           cx_annotation_badge_box           (CxAnnotation      *annotation,
                                                      double             mx,
                                                      double             my,
                                                      double             world,
                                                      double             width,
                                                      double             height,
                                                      double             scale,
                                                      graphene_rect_t   *box);

G_END_DECLS
