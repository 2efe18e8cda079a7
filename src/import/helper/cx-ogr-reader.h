/* cx-ogr-reader.h: every vector format GDAL/OGR reads, inside the import helper
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the import helper (changning-explorer-import) links GDAL; the window
 * never does, so a damaged file can take down only the helper, and GDAL's
 * hundred libraries are not loaded when the app starts.
 */

#pragma once

#include <gio/gio.h>

#include "cx-import-sink.h"

G_BEGIN_DECLS

typedef struct
{
  /* The coordinate system to read the file in when it names none (or to
   * override the one it names): anything PROJ understands, "EPSG:4549".
   * NULL: the file's own; with none, longitude and latitude when every
   * coordinate can be, else CX_IMPORT_ERROR_NO_CRS. */
  const char *crs;
} CxOgrReaderOptions;

/* Reads every vector layer of @path (a Shapefile alone or zipped, a
 * GeoPackage, KML/KMZ, GPX, CSV with longitude/latitude or WKT columns,
 * FlatGeobuf, or anything else GDAL reads as vector) and hands each layer
 * and feature to @sink, in WGS84 longitude/latitude. Errors are
 * CX_IMPORT_ERROR, worded for the person who chose the file. */
gboolean cx_ogr_reader_read (const char               *path,
                             const CxOgrReaderOptions *options,
                             const CxImportSink       *sink,
                             gpointer                  sink_data,
                             GError                  **error);

G_END_DECLS
