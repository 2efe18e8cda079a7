/* cx-tile-url.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest template accepted, in bytes. */
#define CX_TILE_URL_MAX_LENGTH 2048

#define CX_TILE_URL_ERROR (cx_tile_url_error_quark ())

typedef enum
{
  CX_TILE_URL_ERROR_EMPTY,
  CX_TILE_URL_ERROR_TOO_LONG,
  CX_TILE_URL_ERROR_INVALID_CHARACTER,    /* whitespace, control or non-ASCII */
  CX_TILE_URL_ERROR_MALFORMED,            /* not a URL, unbalanced braces, a fragment */
  CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME,   /* anything but http and https */
  CX_TILE_URL_ERROR_NO_HOST,
  CX_TILE_URL_ERROR_CREDENTIALS,          /* user:password@ in the URL */
  CX_TILE_URL_ERROR_MISSING_PLACEHOLDER,
  CX_TILE_URL_ERROR_UNKNOWN_PLACEHOLDER,
  CX_TILE_URL_ERROR_PLACEHOLDER_IN_HOST,
} CxTileUrlError;

GQuark    cx_tile_url_error_quark        (void);

gboolean  cx_tile_url_template_validate  (const char  *url_template,
                                          GError     **error);

char     *cx_tile_url_expand             (const char  *url_template,
                                          guint        z,
                                          guint        x,
                                          guint        y);

G_END_DECLS
