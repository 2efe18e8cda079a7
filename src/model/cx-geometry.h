/* cx-geometry.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CX_GEOMETRY_POINT,
  CX_GEOMETRY_LINE_STRING,
  CX_GEOMETRY_MULTI_LINE_STRING,
  CX_GEOMETRY_POLYGON,
  CX_GEOMETRY_MULTI_POLYGON,
} CxGeometryType;

/* A position: x is longitude, y is latitude (GeoJSON order). The same type is
 * used for projected coordinates (x right, y down) in the helpers below. */
typedef struct
{
  double x;
  double y;
} CxCoord;

typedef struct
{
  double min_x;
  double min_y;
  double max_x;
  double max_y;
} CxBounds;

/* Geometry is stored flat: all positions in one array; parts (rings or line
 * strings) index into it; polygons index into the parts. A Point has one
 * part of one position; a LineString one part; a Polygon one polygon of
 * n rings (the first is the outline, the rest holes). */
typedef struct _CxGeometry CxGeometry;

#define CX_TYPE_GEOMETRY (cx_geometry_get_type ())

GType           cx_geometry_get_type           (void) G_GNUC_CONST;

CxGeometry     *cx_geometry_new                (CxGeometryType    type);
CxGeometry     *cx_geometry_new_sized          (CxGeometryType    type,
                                                guint             n_coords,
                                                guint             n_parts,
                                                guint             n_polygons);
CxGeometry     *cx_geometry_copy               (const CxGeometry *self);
void            cx_geometry_reset              (CxGeometry       *self,
                                                CxGeometryType    type);
CxGeometry     *cx_geometry_ref                (CxGeometry       *self);
void            cx_geometry_unref              (CxGeometry       *self);

void            cx_geometry_add_coord          (CxGeometry       *self,
                                                double            x,
                                                double            y);
void            cx_geometry_add_coords         (CxGeometry       *self,
                                                const CxCoord    *coords,
                                                guint             n);
void            cx_geometry_close_part         (CxGeometry       *self);
void            cx_geometry_close_polygon      (CxGeometry       *self);

CxGeometryType  cx_geometry_get_geometry_type  (const CxGeometry *self);
const char     *cx_geometry_type_to_string     (CxGeometryType    type);
gboolean        cx_geometry_type_is_areal      (CxGeometryType    type);
gboolean        cx_geometry_type_is_linear     (CxGeometryType    type);
guint           cx_geometry_get_n_coords       (const CxGeometry *self);
const CxCoord  *cx_geometry_get_coords         (const CxGeometry *self);
guint           cx_geometry_get_n_parts        (const CxGeometry *self);
const CxCoord  *cx_geometry_get_part           (const CxGeometry *self,
                                                guint             part,
                                                guint            *n_coords);
guint           cx_geometry_get_n_polygons     (const CxGeometry *self);
void            cx_geometry_get_polygon_parts  (const CxGeometry *self,
                                                guint             polygon,
                                                guint            *first_part,
                                                guint            *n_parts);
CxBounds        cx_geometry_get_bounds         (const CxGeometry *self);
gboolean        cx_geometry_contains           (const CxGeometry *self,
                                                double            x,
                                                double            y);
double          cx_geometry_distance_to_lines  (const CxGeometry *self,
                                                double            x,
                                                double            y);
CxCoord         cx_geometry_get_label_point    (const CxGeometry *self);

/* Plain planar helpers; the map uses them on projected pixel coordinates. */
void            cx_bounds_init_empty           (CxBounds         *bounds);
void            cx_bounds_extend               (CxBounds         *bounds,
                                                double            x,
                                                double            y);
void            cx_bounds_union                (CxBounds         *bounds,
                                                const CxBounds   *other);
gboolean        cx_bounds_is_empty             (const CxBounds   *bounds);
gboolean        cx_bounds_contains             (const CxBounds   *bounds,
                                                double            x,
                                                double            y);
gboolean        cx_bounds_intersects           (const CxBounds   *a,
                                                const CxBounds   *b);

gboolean        cx_ring_contains               (const CxCoord    *ring,
                                                guint             n_coords,
                                                double            x,
                                                double            y);
double          cx_segment_distance            (double            px,
                                                double            py,
                                                double            ax,
                                                double            ay,
                                                double            bx,
                                                double            by);
double          cx_polyline_distance           (const CxCoord    *coords,
                                                guint             n_coords,
                                                double            x,
                                                double            y);
double          cx_ring_signed_area            (const CxCoord    *ring,
                                                guint             n_coords);

/* Web Mercator, normalised to the unit square (0,0 top-left, 1,1 bottom-right). */
void            cx_mercator_project            (double            lon,
                                                double            lat,
                                                double           *x,
                                                double           *y);
void            cx_mercator_unproject          (double            x,
                                                double            y,
                                                double           *lon,
                                                double           *lat);
double          cx_haversine_distance          (double            lon1,
                                                double            lat1,
                                                double            lon2,
                                                double            lat2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CxGeometry, cx_geometry_unref)

G_END_DECLS
