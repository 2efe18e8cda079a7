/* cx-feature-store.h: every feature of an imported layer, in a few columns
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/import and the map's overlay. An imported layer may hold
 * millions of features; an object with its own geometry and strings for
 * each took about 1.9 KB for a point. The store keeps them as columns that
 * grow geometrically: every position in one array of doubles, the parts
 * and polygons as end offsets into it, the strings in one arena, property
 * keys and styles interned. A 2-property point costs about 100 bytes.
 *
 * Features are appended once, by cx_feature_store_add() (every reader
 * comes there, so a property means the same whatever the format), then the
 * store is read-only: cx_feature_store_finish() gives back the spare room,
 * and from then on any thread may read it.
 */

#pragma once

#include <glib.h>

#include "cx-geometry.h"
#include "cx-import-sink.h"
#include "cx-simplify.h"
#include "cx-style.h"

G_BEGIN_DECLS

typedef struct _CxFeatureStore CxFeatureStore;

/* A feature's geometry as the store holds it, borrowed: @coords are the
 * feature's @n_coords positions (WGS84); @part_ends[j] is where its part j
 * ends, as an offset into the store's positions, @part_ends[-1] where its
 * first part starts (@coords_base); @polygon_ends[k], for an areal type,
 * where its polygon k ends, counted in the store's parts, the first
 * starting at @parts_base. cx_feature_geometry_get_part() and
 * cx_feature_geometry_get_polygon_parts() read them as CxGeometry does. */
typedef struct
{
  CxGeometryType  type;
  const CxCoord  *coords;
  guint           n_coords;
  const guint32  *part_ends;
  guint           n_parts;
  const guint32  *polygon_ends;
  guint           n_polygons;
  guint32         coords_base;
  guint32         parts_base;
} CxFeatureGeometry;

static inline const CxCoord *
cx_feature_geometry_get_part (const CxFeatureGeometry *g,
                              guint                    part,
                              guint                   *n_coords)
{
  guint32 start = g->part_ends[(int) part - 1];

  *n_coords = g->part_ends[part] - start;
  return g->coords + (start - g->coords_base);
}

static inline void
cx_feature_geometry_get_polygon_parts (const CxFeatureGeometry *g,
                                       guint                    polygon,
                                       guint                   *first_part,
                                       guint                   *n_parts)
{
  /* Not polygon_ends[-1]: lines may have come between two areal features. */
  guint32 start = polygon == 0 ? g->parts_base : g->polygon_ends[polygon - 1];

  *first_part = start - g->parts_base;
  *n_parts = g->polygon_ends[polygon] - start;
}

CxFeatureStore *cx_feature_store_new                (void);
void            cx_feature_store_free               (CxFeatureStore            *self);

guint           cx_feature_store_add                (CxFeatureStore            *self,
                                                     const CxImportFeatureInfo *info,
                                                     guint                      sublayer,
                                                     gboolean                   gcj02);
void            cx_feature_store_finish             (CxFeatureStore            *self);

guint           cx_feature_store_get_n_features     (const CxFeatureStore      *self);
gsize           cx_feature_store_get_memory_size    (const CxFeatureStore      *self);
CxBounds        cx_feature_store_get_extent         (const CxFeatureStore      *self);

CxGeometryType  cx_feature_store_get_geometry_type  (const CxFeatureStore      *self,
                                                     guint                      i);
void            cx_feature_store_get_geometry_view  (const CxFeatureStore      *self,
                                                     guint                      i,
                                                     CxFeatureGeometry         *view);
CxGeometry     *cx_feature_store_map_parts          (const CxFeatureStore      *self,
                                                     guint                      i,
                                                     CxPartFunc                 func,
                                                     gpointer                   user_data);
CxGeometry     *cx_feature_store_dup_geometry       (const CxFeatureStore      *self,
                                                     guint                      i);
CxBounds        cx_feature_store_get_bounds         (const CxFeatureStore      *self,
                                                     guint                      i);
const char     *cx_feature_store_get_geojson_type   (const CxFeatureStore      *self,
                                                     guint                      i);
const char     *cx_feature_store_get_id             (const CxFeatureStore      *self,
                                                     guint                      i);
const char     *cx_feature_store_get_title          (const CxFeatureStore      *self,
                                                     guint                      i);
const char     *cx_feature_store_get_description    (const CxFeatureStore      *self,
                                                     guint                      i);
guint           cx_feature_store_get_n_properties   (const CxFeatureStore      *self,
                                                     guint                      i);
const char     *cx_feature_store_get_property_key   (const CxFeatureStore      *self,
                                                     guint                      i,
                                                     guint                      p);
const char     *cx_feature_store_get_property_text  (const CxFeatureStore      *self,
                                                     guint                      i,
                                                     guint                      p);
const CxStyle  *cx_feature_store_get_style          (const CxFeatureStore      *self,
                                                     guint                      i);
guint           cx_feature_store_get_sublayer       (const CxFeatureStore      *self,
                                                     guint                      i);
guint           cx_feature_store_get_source_index   (const CxFeatureStore      *self,
                                                     guint                      i);
gconstpointer   cx_feature_store_get_key            (const CxFeatureStore      *self,
                                                     guint                      i);

G_END_DECLS
