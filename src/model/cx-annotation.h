/* cx-annotation.h: one mark drawn on the map (a pin with a note, a line, an area, a pen stroke)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-geometry.h"

G_BEGIN_DECLS

/* What was drawn. A pin has one point; a line two or more; a polygon three
 * or more (its outline, not closed: the last point does not repeat the
 * first); a stroke is the presentation pen's freehand line, two or more
 * points, drawn wide and translucent like a highlighter. */
typedef enum
{
  CX_ANNOTATION_PIN,
  CX_ANNOTATION_LINE,
  CX_ANNOTATION_POLYGON,
  CX_ANNOTATION_STROKE,
} CxAnnotationKind;

/* Limits shared by every reader and writer of annotations (GeoJSON files
 * and scenes), so that anything saved loads again. A note is as long as a
 * scene's note (CX_SCENES_MAX_TEXT). */
#define CX_ANNOTATIONS_MAX         1000
#define CX_ANNOTATION_MAX_POINTS   10000
#define CX_ANNOTATION_MAX_NOTE     4096    /* bytes of UTF-8 */
#define CX_ANNOTATIONS_MAX_FILE_SIZE (8 * 1024 * 1024)  /* an imported GeoJSON file */

/* An annotation is a value: once made it never changes, so a scene, the
 * undo stack and a worker thread can share one without copying. An edit
 * makes a new annotation with the same id (cx_annotation_with_*()) and
 * CxAnnotations replaces the old one with it. */
#define CX_TYPE_ANNOTATION (cx_annotation_get_type ())
G_DECLARE_FINAL_TYPE (CxAnnotation, cx_annotation, CX, ANNOTATION, GObject)

/* Points are WGS84 longitude (x) and latitude (y), whatever the basemap's
 * datum. @color may be NULL for the kind's default; otherwise "#rrggbb". */
CxAnnotation     *cx_annotation_new            (CxAnnotationKind  kind,
                                                const CxCoord    *points,
                                                guint             n_points,
                                                const char       *note,
                                                const char       *color);
CxAnnotation     *cx_annotation_new_full       (CxAnnotationKind  kind,
                                                const char       *id,
                                                const CxCoord    *points,
                                                guint             n_points,
                                                const char       *note,
                                                const char       *color,
                                                double            width,
                                                double            opacity);
gboolean          cx_annotation_check          (CxAnnotationKind  kind,
                                                const CxCoord    *points,
                                                guint             n_points,
                                                const char       *note,
                                                GError          **error);

const char       *cx_annotation_get_id         (CxAnnotation     *self);
CxAnnotationKind  cx_annotation_get_kind       (CxAnnotation     *self);
const CxCoord    *cx_annotation_get_points     (CxAnnotation     *self,
                                                guint            *n_points);
guint             cx_annotation_get_n_points   (CxAnnotation     *self);
const char       *cx_annotation_get_note       (CxAnnotation     *self);
const char       *cx_annotation_get_color      (CxAnnotation     *self);
double            cx_annotation_get_width      (CxAnnotation     *self);
double            cx_annotation_get_opacity    (CxAnnotation     *self);
CxBounds          cx_annotation_get_bounds     (CxAnnotation     *self);
CxGeometry       *cx_annotation_to_geometry    (CxAnnotation     *self);
gboolean          cx_annotation_same_content   (CxAnnotation     *a,
                                                CxAnnotation     *b);

/* New annotations with one thing changed and the same id. */
CxAnnotation     *cx_annotation_with_note      (CxAnnotation     *self,
                                                const char       *note);
CxAnnotation     *cx_annotation_with_point     (CxAnnotation     *self,
                                                guint             index,
                                                double            lon,
                                                double            lat);

const char       *cx_annotation_kind_to_string (CxAnnotationKind  kind);
gboolean          cx_annotation_kind_from_string (const char     *string,
                                                CxAnnotationKind *kind);
const char       *cx_annotation_default_color  (CxAnnotationKind  kind);
gboolean          cx_annotation_color_is_valid (const char       *color);

G_END_DECLS
