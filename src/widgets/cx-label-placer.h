/* cx-label-placer.h: where map labels go, against each other and everything they could hit
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib and math only (and the planar geometry of cx-geometry.h), so that a
 * unit test and a benchmark run it without a display.
 */

#pragma once

#include <glib.h>

#include "cx-geometry.h"

G_BEGIN_DECLS

/* An upright box, in view (widget) pixels. */
typedef struct
{
  double x, y, width, height;
} CxLabelRect;

/* What a label names, which decides where around its anchors it may go. */
typedef enum
{
  CX_LABEL_KIND_AREA,    /* centred on a point well inside the area */
  CX_LABEL_KIND_POINT,   /* beside its marker: eight slots, then eight slid */
  CX_LABEL_KIND_LINE,    /* beside a point along the line, or on it */
  CX_LABEL_KIND_MINOR,   /* a small point's name: under its dot first */
} CxLabelKind;

typedef struct
{
  gconstpointer key;       /* the feature: a label keeps its place by it */
  CxLabelKind   kind;
  gboolean      selected;  /* placed before all others, and always */
  gboolean      names_area; /* a point standing for an area: ranked with areas */
  guint         layer;     /* drawing order of its layer: higher goes first */
  guint         rank;      /* within its layer: lower goes first */
  double        width;     /* the box, halo included */
  double        height;
  double        gap;       /* points, lines: from the anchor to the box */
  gboolean      context;   /* a point's name the view is not about (another
                            * is selected): left out rather than written
                            * across a thick line, when no place is free */
  gboolean      own_marker_only; /* a thematic view's value: never on another
                            * item's marker of its tier, even when
                            * selected, or it reads as that one's */
} CxLabelSpec;

/* Where the map is in the view: view = M · unit + t, M a rotation and
 * scale (the frame's). Anchors are given in unit coordinates, so that a
 * label remembers where it was on the map, not on the screen. */
typedef struct
{
  double width, height;    /* of the view */
  double xx, xy, x0;       /* x = xx · ux + xy · uy + x0 */
  double yx, yy, y0;       /* y = yx · ux + yy · uy + y0 */
} CxLabelView;

typedef struct _CxLabelPlacer CxLabelPlacer;

CxLabelPlacer *cx_label_placer_new              (void);
void           cx_label_placer_free             (CxLabelPlacer       *self);

void           cx_label_placer_begin            (CxLabelPlacer       *self,
                                                 const CxLabelView   *view,
                                                 guint64              state);
void           cx_label_placer_add_covered      (CxLabelPlacer       *self,
                                                 const CxLabelRect   *rect);
void           cx_label_placer_add_marker       (CxLabelPlacer       *self,
                                                 gconstpointer        owner,
                                                 double               x,
                                                 double               y,
                                                 double               radius);
void           cx_label_placer_add_small_marker (CxLabelPlacer       *self,
                                                 gconstpointer        owner,
                                                 double               x,
                                                 double               y,
                                                 double               radius);
void           cx_label_placer_add_line         (CxLabelPlacer       *self,
                                                 gconstpointer        owner,
                                                 const CxCoord       *points,
                                                 guint                n_points,
                                                 gboolean             closed,
                                                 double               width,
                                                 double               weight);
guint          cx_label_placer_get_n_segments   (CxLabelPlacer       *self);
void           cx_label_placer_get_segment      (CxLabelPlacer       *self,
                                                 guint                segment,
                                                 gconstpointer       *owner,
                                                 CxCoord             *from,
                                                 CxCoord             *to,
                                                 double              *width);
guint          cx_label_placer_add_label        (CxLabelPlacer       *self,
                                                 const CxLabelSpec   *spec);
void           cx_label_placer_add_anchor       (CxLabelPlacer       *self,
                                                 guint                label,
                                                 double               ux,
                                                 double               uy);
void           cx_label_placer_add_line_anchors (CxLabelPlacer       *self,
                                                 guint                label,
                                                 const CxGeometry    *geometry);
void           cx_label_placer_run              (CxLabelPlacer       *self);

guint          cx_label_placer_get_n_labels     (CxLabelPlacer       *self);
gboolean       cx_label_placer_get_box          (CxLabelPlacer       *self,
                                                 guint                label,
                                                 CxLabelRect         *box);
gboolean       cx_label_placer_get_crossing     (CxLabelPlacer       *self,
                                                 guint                label);
double         cx_label_placer_get_xalign       (CxLabelPlacer       *self,
                                                 guint                label);
void           cx_label_placer_view_to_unit     (const CxLabelView   *view,
                                                 double               x,
                                                 double               y,
                                                 double              *ux,
                                                 double              *uy);

guint          cx_polygon_label_points          (const CxGeometry    *geometry,
                                                 const CxBounds      *clip,
                                                 double               precision,
                                                 CxCoord             *points,
                                                 guint                max_points);
gboolean       cx_polygon_pole                  (const CxCoord      **rings,
                                                 const guint         *ring_sizes,
                                                 guint                n_rings,
                                                 double               precision,
                                                 CxCoord             *pole,
                                                 double              *distance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CxLabelPlacer, cx_label_placer_free)

G_END_DECLS
