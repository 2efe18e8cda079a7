/* fuzz-tile-url.c: tile URL templates typed into Preferences or set with
 * GSettings
 *
 * The input is six bytes of tile coordinates followed by the template.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-tile-url.h"
#include "fuzz-common.h"

FUZZ_DEFINE_INITIALIZE ()

/* A template that passed validation must give, for every tile, a web
 * address on the one server it names. */
static void
check_expansion (const char *url_template,
                 guint       z,
                 guint       x,
                 guint       y,
                 const char *expected_host)
{
  g_autofree char *url = cx_tile_url_expand (url_template, z, x, y);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  FUZZ_CHECK (uri != NULL);
  scheme = g_uri_get_scheme (uri);
  FUZZ_CHECK (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
  FUZZ_CHECK (g_uri_get_userinfo (uri) == NULL);
  FUZZ_CHECK (g_uri_get_fragment (uri) == NULL);
  FUZZ_CHECK (g_strcmp0 (g_uri_get_host (uri), expected_host) == 0);
  FUZZ_CHECK (strpbrk (url, " \t\r\n") == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *url_template = NULL;
  g_autofree char *expanded = NULL;
  g_autoptr(GError) error = NULL;
  guint z, x, y;

  if (size < 6)
    return 0;

  z = data[0] % 21;
  x = ((guint) data[1] << 8 | data[2]) & ((1u << z) - 1);
  y = ((guint) data[3] << 8 | data[4]) & ((1u << z) - 1);
  url_template = g_strndup ((const char *) data + 6, size - 6);

  /* Expansion takes any template and any numbers, validated or not. */
  expanded = cx_tile_url_expand (url_template, data[5], G_MAXUINT - data[1], G_MAXUINT - data[3]);
  FUZZ_CHECK (expanded != NULL);

  if (cx_tile_url_template_validate (url_template, &error))
    {
      g_autofree char *first = cx_tile_url_expand (url_template, 0, 0, 0);
      g_autoptr(GUri) first_uri = g_uri_parse (first, G_URI_FLAGS_NONE, NULL);

      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (strlen (url_template) <= CX_TILE_URL_MAX_LENGTH);
      FUZZ_CHECK (first_uri != NULL);
      check_expansion (url_template, z, x, y, g_uri_get_host (first_uri));
      check_expansion (url_template, 20, (1u << 20) - 1, (1u << 20) - 1, g_uri_get_host (first_uri));
    }
  else
    {
      FUZZ_CHECK (error != NULL && error->domain == CX_TILE_URL_ERROR);
      fuzz_check_message (error->message);
    }

  return 0;
}
