/* cx-annotations.h: the annotations of a meeting, with undo and redo, and as GeoJSON
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cx-annotation.h"

G_BEGIN_DECLS

#define CX_ANNOTATIONS_ERROR (cx_annotations_error_quark ())

typedef enum
{
  CX_ANNOTATIONS_ERROR_FORMAT,   /* not GeoJSON, or not what an annotation can be */
  CX_ANNOTATIONS_ERROR_VALUE,    /* a value out of range: a note too long, too few points */
  CX_ANNOTATIONS_ERROR_LIMIT,    /* more than CX_ANNOTATIONS_MAX, or too many points */
} CxAnnotationsError;

GQuark cx_annotations_error_quark (void);

/* How many edits can be undone; older ones are forgotten. */
#define CX_ANNOTATIONS_MAX_UNDO 200

/* A GListModel of CxAnnotation, changed only through the calls below, each
 * of which is one step of undo (clearing all, or adding a whole imported
 * file, included). Properties "can-undo" and "can-redo" are notified when
 * they change, for the actions. A change past CX_ANNOTATIONS_MAX is
 * refused (FALSE, with @error). */
#define CX_TYPE_ANNOTATIONS (cx_annotations_get_type ())
G_DECLARE_FINAL_TYPE (CxAnnotations, cx_annotations, CX, ANNOTATIONS, GObject)

CxAnnotations *cx_annotations_new           (void);

gboolean       cx_annotations_add           (CxAnnotations  *self,
                                             CxAnnotation   *annotation,
                                             GError        **error);
gboolean       cx_annotations_add_all       (CxAnnotations  *self,
                                             GPtrArray      *annotations,
                                             GError        **error);
gboolean       cx_annotations_remove        (CxAnnotations  *self,
                                             guint           position);
gboolean       cx_annotations_replace       (CxAnnotations  *self,
                                             guint           position,
                                             CxAnnotation   *annotation);
gboolean       cx_annotations_move_vertex   (CxAnnotations  *self,
                                             guint           position,
                                             guint           vertex,
                                             double          lon,
                                             double          lat);
gboolean       cx_annotations_set_note      (CxAnnotations  *self,
                                             guint           position,
                                             const char     *note);
gboolean       cx_annotations_clear         (CxAnnotations  *self);
gboolean       cx_annotations_replace_all   (CxAnnotations  *self,
                                             GPtrArray      *annotations);

gboolean       cx_annotations_can_undo      (CxAnnotations  *self);
gboolean       cx_annotations_can_redo      (CxAnnotations  *self);
gboolean       cx_annotations_undo          (CxAnnotations  *self);
gboolean       cx_annotations_redo          (CxAnnotations  *self);

/* Replaces everything and forgets the undo history: a scene was shown. */
void           cx_annotations_reset         (CxAnnotations  *self,
                                             GPtrArray      *annotations);
/* The annotations as they are now, a new array of borrowed-then-reffed items. */
GPtrArray     *cx_annotations_dup_all       (CxAnnotations  *self);
gboolean       cx_annotations_find          (CxAnnotations  *self,
                                             const char     *id,
                                             guint          *position);

/* GeoJSON (RFC 7946) FeatureCollection with simplestyle-spec properties
 * ("marker-color", "stroke", "stroke-width", "stroke-opacity", "fill",
 * "fill-opacity", "title", "description") and our own
 * "changning-explorer:kind", so that QGIS and geojson.io show them and the
 * app reads them back exactly. @annotations is a GPtrArray of CxAnnotation.
 * Reading goes through the app's strict JSON scanner and GeoJSON checks
 * (docs/geojson-conformance.md), then the limits above. */
GBytes        *cx_annotations_to_geojson    (GPtrArray      *annotations);
GPtrArray     *cx_annotations_from_geojson  (GBytes         *bytes,
                                             const char     *file,
                                             GError        **error);

/* The same as JSON nodes, for the scenes file: an array of Feature objects. */
JsonNode      *cx_annotations_to_json_array (GPtrArray      *annotations);
GPtrArray     *cx_annotations_from_json_array (JsonNode     *array,
                                             const char     *file,
                                             GError        **error);

G_END_DECLS
