/* cx-geo-uri.h: RFC 5870 geo: URIs
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CX_GEO_URI_ERROR (cx_geo_uri_error_quark ())

typedef enum
{
  CX_GEO_URI_ERROR_INVALID,         /* not a geo: URI, or malformed */
  CX_GEO_URI_ERROR_UNSUPPORTED_CRS, /* a coordinate system other than WGS 84 */
  CX_GEO_URI_ERROR_OUT_OF_RANGE,    /* latitude, longitude or zoom outside its range */
} CxGeoUriError;

/* geo: URIs longer than this are refused without being looked at further. */
#define CX_GEO_URI_MAX_LENGTH 1024

/* The zoom levels a ?z= may ask for; the map clamps it to the pack's range. */
#define CX_GEO_URI_MIN_ZOOM 0
#define CX_GEO_URI_MAX_ZOOM 22

GQuark   cx_geo_uri_error_quark (void);

gboolean cx_geo_uri_parse       (const char  *uri,
                                 double      *lat,
                                 double      *lon,
                                 double      *zoom,
                                 GError     **error);

gboolean cx_geo_uri_parse_full  (const char  *uri,
                                 double      *lat,
                                 double      *lon,
                                 double      *zoom,
                                 char       **thematic,
                                 GError     **error);

G_END_DECLS
