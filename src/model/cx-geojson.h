/* cx-geojson.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cx-geometry.h"
#include "cx-pack-error.h"

G_BEGIN_DECLS

/* Web Mercator cannot show the poles: positions beyond this latitude are
 * refused in packs, and drawn at it (and counted, so the user is told) in
 * imported files; see CxLoadContext.n_clamped. */
#define CX_GEOJSON_MAX_LATITUDE 85.0511287798

CxGeometry *cx_geojson_parse_geometry (JsonNode            *node,
                                       const CxLoadContext *ctx,
                                       GError             **error);

gboolean    cx_geojson_parse_position (JsonNode            *node,
                                       const CxLoadContext *ctx,
                                       const char          *where,
                                       CxCoord             *coord,
                                       GError             **error);

gboolean    cx_geojson_check_feature  (JsonObject          *object,
                                       const CxLoadContext *ctx,
                                       JsonObject         **properties,
                                       GError             **error);

/* Called once per geometry found in a GeoJSON document; @properties may be NULL. */
typedef gboolean (*CxGeoJsonFeatureFunc) (guint         index,
                                          const char   *id,
                                          CxGeometry   *geometry,
                                          JsonObject   *properties,
                                          gpointer      user_data,
                                          GError      **error);

gboolean    cx_geojson_foreach        (JsonNode            *root,
                                       const char          *file,
                                       CxGeoJsonFeatureFunc func,
                                       gpointer             user_data,
                                       GError             **error);

G_END_DECLS
