/* cx-style.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-style"

#include "config.h"

#include <math.h>
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

/* "#rrggbb", which cx_color_parse() reads back; the alpha is left out. */
char *
cx_color_to_hex (const CxColor *color)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) round (CLAMP (color->red, 0, 1) * 255),
                          (guint) round (CLAMP (color->green, 0, 1) * 255),
                          (guint) round (CLAMP (color->blue, 0, 1) * 255));
}

/* Whether @a and @b are the same colour, whatever their alphas. */
gboolean
cx_color_equal_rgb (const CxColor *a,
                    const CxColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue;
}

static gboolean
color_equal (const CxColor *a,
             const CxColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

/* Field by field: styles are drawn the same exactly when this is TRUE. */
gboolean
cx_style_equal (const CxStyle *a,
                const CxStyle *b)
{
  if (a == b)
    return TRUE;

  if (a->has_fill != b->has_fill || (a->has_fill && !color_equal (&a->fill, &b->fill)) ||
      !color_equal (&a->stroke, &b->stroke) || a->stroke_width != b->stroke_width ||
      !color_equal (&a->marker, &b->marker) || a->label != b->label || a->n_dashes != b->n_dashes ||
      a->given != b->given)
    return FALSE;

  for (guint i = 0; i < a->n_dashes; i++)
    if (a->dashes[i] != b->dashes[i])
      return FALSE;

  return TRUE;
}
