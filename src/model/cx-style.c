/* cx-style.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-style"

#include "config.h"

#include <string.h>

#include "cx-style.h"

/* Parses "#rrggbb" or "#rrggbbaa"; nothing else, so that a pack means the
 * same colour everywhere it is read. */
gboolean
cx_color_parse (const char *text,
                CxColor    *color)
{
  guint8 v[4] = { 0, 0, 0, 0xff };
  size_t len;

  if (text == NULL || text[0] != '#')
    return FALSE;

  len = strlen (text + 1);
  if (len != 6 && len != 8)
    return FALSE;

  for (size_t i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (text[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      v[i] = (guint8) (hi * 16 + lo);
    }

  color->red = v[0] / 255.0;
  color->green = v[1] / 255.0;
  color->blue = v[2] / 255.0;
  color->alpha = v[3] / 255.0;

  return TRUE;
}
