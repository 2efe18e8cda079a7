/* cx-map-view.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "cx-data-pack.h"
#include "cx-annotations.h"
#include "cx-measure.h"
#include "cx-overlay-layer.h"

G_BEGIN_DECLS

#define CX_TYPE_MAP_VIEW (cx_map_view_get_type ())
G_DECLARE_FINAL_TYPE (CxMapView, cx_map_view, CX, MAP_VIEW, GtkWidget)

CxMapView        *cx_map_view_new              (CxDataPack *pack);
CxDataPack       *cx_map_view_get_pack         (CxMapView  *self);
ShumateMap       *cx_map_view_get_map          (CxMapView  *self);
ShumateViewport  *cx_map_view_get_viewport     (CxMapView  *self);
CxOverlayLayer   *cx_map_view_get_overlay      (CxMapView  *self);
void              cx_map_view_fit_district     (CxMapView  *self);
void              cx_map_view_zoom_by          (CxMapView  *self,
                                                double      levels);
void              cx_map_view_set_selection    (CxMapView   *self,
                                                CxSelection *selection);
void              cx_map_view_zoom_to_selection (CxMapView *self);
gboolean          cx_map_view_include_bounds   (CxMapView      *self,
                                                const CxBounds *bounds);
void              cx_map_view_reset_limits     (CxMapView      *self);
void              cx_map_view_zoom_to_bounds   (CxMapView      *self,
                                                const CxBounds *bounds);
gboolean          cx_map_view_set_basemap      (CxMapView   *self,
                                                const char  *id,
                                                const char  *name,
                                                const char  *url_template,
                                                const char  *attribution,
                                                guint        max_zoom,
                                                gboolean     gcj02,
                                                guint64      cache_size,
                                                GError     **error);
gboolean          cx_map_view_get_offline      (CxMapView  *self);
void              cx_map_view_retry_network    (CxMapView  *self);
void              cx_map_view_set_follow_selection (CxMapView *self,
                                                    gboolean   follow);
void              cx_map_view_add_cover        (CxMapView  *self,
                                                GtkWidget  *widget);
gboolean          cx_map_view_go_to            (CxMapView  *self,
                                                double      latitude,
                                                double      longitude,
                                                double      zoom);
void              cx_map_view_set_covered      (CxMapView  *self,
                                                int         start,
                                                int         end);
void              cx_map_view_set_card         (CxMapView  *self,
                                                int         width,
                                                int         height);
gboolean          cx_map_view_fit_extent       (CxMapView      *self,
                                                const CxBounds *extent,
                                                gboolean        animate);
gboolean          cx_map_view_shows_extent     (CxMapView      *self,
                                                const CxBounds *extent);
gboolean          cx_map_view_get_visible_extent (CxMapView *self,
                                                  CxBounds  *extent);
void              cx_map_view_set_presenting   (CxMapView  *self,
                                                gboolean    presenting);
gboolean          cx_map_view_get_presenting   (CxMapView  *self);
double            cx_map_view_get_presentation_scale (CxMapView *self);
void              cx_map_view_set_measuring    (CxMapView  *self,
                                                gboolean    measuring);
gboolean          cx_map_view_get_measuring    (CxMapView  *self);
void              cx_map_view_set_pen          (CxMapView  *self,
                                                gboolean    pen);
gboolean          cx_map_view_get_pen          (CxMapView  *self);
void              cx_map_view_clear_strokes    (CxMapView  *self);
guint             cx_map_view_get_n_strokes    (CxMapView  *self);
gboolean          cx_map_view_get_pen_drawing  (CxMapView  *self);
void              cx_map_view_set_tools_shown  (CxMapView  *self,
                                                gboolean    shown);
GtkWidget        *cx_map_view_get_tools_bar    (CxMapView  *self);
CxMeasure        *cx_map_view_get_measure      (CxMapView  *self);
void              cx_map_view_set_annotating   (CxMapView  *self,
                                                int         kind);
int               cx_map_view_get_annotating   (CxMapView  *self);
void              cx_map_view_set_annotations  (CxMapView     *self,
                                                CxAnnotations *annotations);
CxAnnotations    *cx_map_view_get_annotations  (CxMapView     *self);
const char       *cx_map_view_get_selected_annotation (CxMapView *self);
void              cx_map_view_select_annotation (CxMapView  *self,
                                                 const char *id);
guint             cx_map_view_count_annotations_in_view (CxMapView *self);
void              cx_map_view_jump_to          (CxMapView  *self,
                                                double      latitude,
                                                double      longitude,
                                                double      zoom);

G_END_DECLS
