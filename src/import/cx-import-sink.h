/* cx-import-sink.h: what a reader of another format hands on, feature by feature
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GDAL/OGR reader (cx-ogr-reader.c) runs in the import helper process
 * and calls a CxImportSink for each layer and feature it reads. In the
 * helper, the sink is the pipe encoder (cx-import-pipe.c), which writes
 * each call as one record; in the window, the pipe decoder reads the
 * records back and makes the same calls on a sink that builds the
 * CxImportedLayer. A unit test can hand the reader a sink that collects.
 *
 * Everything passed to a sink is borrowed for the call only.
 */

#pragma once

#include <glib.h>

#include "cx-geometry.h"

G_BEGIN_DECLS

/* A property value's JSON kind; its text is as JSON would write it (a
 * number's digits, "true", a string's characters unquoted), or, for
 * CX_IMPORT_VALUE_JSON, JSON text (a list field as an array). */
typedef enum
{
  CX_IMPORT_VALUE_NULL,
  CX_IMPORT_VALUE_STRING,
  CX_IMPORT_VALUE_NUMBER,
  CX_IMPORT_VALUE_BOOLEAN,
  CX_IMPORT_VALUE_JSON,
} CxImportValueType;

typedef struct
{
  const char        *key;       /* UTF-8 */
  const char        *text;      /* UTF-8; NULL for CX_IMPORT_VALUE_NULL */
  CxImportValueType  type;
} CxImportProperty;

typedef struct
{
  const char *name;             /* the layer's name in the file (UTF-8) */
  const char *driver;           /* GDAL's short name: "ESRI Shapefile", "GPKG", "KML", … */
  const char *crs;              /* the file's coordinate system as a person reads it,
                                 * "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)";
                                 * NULL when the file names none */
  gint64      n_features;       /* -1 when the driver cannot tell without reading */
} CxImportLayerInfo;

typedef struct
{
  guint                   source_index;  /* the feature's number in its layer, from 0 */
  const char             *id;            /* nullable: the feature's id in the file */
  const char             *geojson_type;  /* what the file calls it, in GeoJSON's words:
                                          * "Point", "MultiPoint", "LineString", … */
  CxGeometry             *geometry;      /* nullable (no location); longitude and
                                          * latitude on WGS84, already transformed */
  const CxImportProperty *properties;
  guint                   n_properties;
} CxImportFeatureInfo;

typedef struct
{
  /* A new layer of the file starts; the features that follow are its. */
  gboolean (*layer)    (gpointer                   user_data,
                        const CxImportLayerInfo   *layer,
                        GError                   **error);
  /* One feature. A multi-point or a geometry collection may come as
   * several calls with the same source_index, one a part. */
  gboolean (*feature)  (gpointer                   user_data,
                        const CxImportFeatureInfo *feature,
                        GError                   **error);
  /* The fraction of the file read, 0 to 1, now and then. */
  gboolean (*progress) (gpointer                   user_data,
                        double                     fraction,
                        GError                   **error);
} CxImportSink;

G_END_DECLS
