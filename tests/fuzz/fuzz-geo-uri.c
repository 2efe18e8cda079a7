/* fuzz-geo-uri.c: geo: URIs from the command line or another app
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-data-pack.h"
#include "cx-geo-uri.h"
#include "fuzz-common.h"

FUZZ_DEFINE_INITIALIZE ()

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *uri = g_strndup ((const char *) data, size);   /* stops at a NUL, as argv would */
  g_autoptr(GError) error = NULL;
  g_autofree char *thematic = NULL;
  double lat = 1000, lon = 1000, zoom = 1000;

  if (cx_geo_uri_parse_full (uri, &lat, &lon, &zoom, &thematic, &error))
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (isfinite (lat) && lat >= -90 && lat <= 90);
      FUZZ_CHECK (isfinite (lon) && lon >= -180 && lon <= 180);
      FUZZ_CHECK (isnan (zoom) || (zoom >= CX_GEO_URI_MIN_ZOOM && zoom <= CX_GEO_URI_MAX_ZOOM));
      FUZZ_CHECK (g_ascii_strncasecmp (uri, "geo:", 4) == 0);
      FUZZ_CHECK (strlen (uri) <= CX_GEO_URI_MAX_LENGTH);
      /* A statistic's id, or none: never anything that is not an id. */
      FUZZ_CHECK (thematic == NULL || cx_is_valid_id (thematic));
    }
  else
    {
      FUZZ_CHECK (error != NULL && error->domain == CX_GEO_URI_ERROR);
      fuzz_check_message (error->message);
      /* Outputs are untouched on failure. */
      FUZZ_CHECK (lat == 1000 && lon == 1000 && zoom == 1000 && thematic == NULL);
    }

  return 0;
}
