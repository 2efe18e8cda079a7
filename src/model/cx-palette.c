/* cx-palette.c: the presentation palette and how it was checked
 *
 * Presentation mode draws the layers in a palette built from the Okabe–Ito
 * colours (Okabe & Ito, "Color Universal Design", 2002) and adjusted until it
 * stays apart for people with the common colour-vision deficiencies: the
 * Okabe–Ito bluish green and blue fell to ΔE 17 under tritanopia, so green
 * is darker and landmarks are purple. That claim is checked, not assumed: the
 * unit test test-palette simulates protanopia, deuteranopia and tritanopia
 * with the matrices of Machado, Oliveira & Fernandes (2009, severity 1.0) on
 * linear RGB, and requires every pair of layer colours, and every colour
 * against the basemap's paper, to stay at least a CIE76 ΔE apart (see
 * docs/presentation-palette.md for the figures).
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-palette"

#include "config.h"

#include <math.h>

#include "cx-palette.h"

/* By layer index; layers beyond the palette keep their pack colours. */
static const char * const presentation[CX_PRESENTATION_PALETTE_SIZE] = {
  "#000000",  /* district outline: black */
  "#8a8a8a",  /* subdistrict points: grey, by lightness alone */
  "#1b7837",  /* green space and waterfront: dark green */
  "#e69f00",  /* Hongqiao areas: Okabe–Ito orange */
  "#5b2c83",  /* landmarks: purple */
};

/* Imported layers, in turn: colours none of the pack's layers has (navy
 * outline, grey, green, orange, blue), dark enough for lines and points on
 * the light basemap. */
static const char * const imported[CX_IMPORTED_PALETTE_SIZE] = {
  "#c01c28",  /* red */
  "#0f7f86",  /* teal */
  "#9141ac",  /* purple */
  "#865e3c",  /* brown */
  "#c2347e",  /* magenta */
};

void
cx_palette_get_imported (guint    i,
                         CxColor *color)
{
  g_return_if_fail (i < CX_IMPORTED_PALETTE_SIZE);

  cx_color_parse (imported[i], color);
}

/**
 * cx_palette_pick_imported:
 * @taken: (array length=n_taken): the colours of the other imported layers
 *
 * Returns: the index of the palette's first colour that none of @taken
 *   has; with every colour taken, the one taken fewest times
 */
guint
cx_palette_pick_imported (const CxColor *taken,
                          guint          n_taken)
{
  guint uses[CX_IMPORTED_PALETTE_SIZE] = { 0, };
  guint best = 0;

  for (guint k = 0; k < CX_IMPORTED_PALETTE_SIZE; k++)
    {
      CxColor c;

      cx_palette_get_imported (k, &c);
      for (guint i = 0; i < n_taken; i++)
        if (fabs (taken[i].red - c.red) < 0.5 / 255 && fabs (taken[i].green - c.green) < 0.5 / 255 &&
            fabs (taken[i].blue - c.blue) < 0.5 / 255)
          uses[k]++;
      if (uses[k] < uses[best])
        best = k;
    }

  return best;
}

void
cx_palette_get_presentation (guint    i,
                             CxColor *color)
{
  g_return_if_fail (i < CX_PRESENTATION_PALETTE_SIZE);

  cx_color_parse (presentation[i], color);
}

/**
 * cx_palette_presentation_style:
 *
 * The style a layer gets in presentation mode: its colours replaced by the
 * palette's (alpha kept), everything else as the pack says.
 */
void
cx_palette_presentation_style (const CxStyle *base,
                               guint          layer_index,
                               CxStyle       *out)
{
  CxColor c;

  *out = *base;
  if (layer_index >= CX_PRESENTATION_PALETTE_SIZE)
    return;

  cx_palette_get_presentation (layer_index, &c);

  out->stroke.red = c.red;
  out->stroke.green = c.green;
  out->stroke.blue = c.blue;
  out->marker = c;
  out->fill.red = c.red;
  out->fill.green = c.green;
  out->fill.blue = c.blue;

  /* White strokes (marker rims) stay white; the marker carries the colour. */
  if (base->stroke.red > 0.95 && base->stroke.green > 0.95 && base->stroke.blue > 0.95)
    out->stroke = base->stroke;
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
to_srgb (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? c * 12.92 : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

void
cx_color_simulate (const CxColor *color,
                   CxVision       vision,
                   CxColor       *out)
{
  static const double machado[CX_VISION_N][3][3] = {
    [CX_VISION_NORMAL] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
    [CX_VISION_PROTANOPIA] = { { 0.152286, 1.052583, -0.204868 },
                               { 0.114503, 0.786281, 0.099216 },
                               { -0.003882, -0.048116, 1.051998 } },
    [CX_VISION_DEUTERANOPIA] = { { 0.367322, 0.860646, -0.227968 },
                                 { 0.280085, 0.672501, 0.047413 },
                                 { -0.011820, 0.042940, 0.968881 } },
    [CX_VISION_TRITANOPIA] = { { 1.255528, -0.076749, -0.178779 },
                               { -0.078411, 0.930809, 0.147602 },
                               { 0.004733, 0.691367, 0.303900 } },
  };
  double lin[3] = { to_linear (color->red), to_linear (color->green), to_linear (color->blue) };
  double res[3];

  g_return_if_fail (vision < CX_VISION_N);

  for (int r = 0; r < 3; r++)
    res[r] = machado[vision][r][0] * lin[0] + machado[vision][r][1] * lin[1] + machado[vision][r][2] * lin[2];

  out->red = to_srgb (res[0]);
  out->green = to_srgb (res[1]);
  out->blue = to_srgb (res[2]);
  out->alpha = color->alpha;
}

static void
to_lab (const CxColor *c,
        double         lab[3])
{
  double r = to_linear (c->red), g = to_linear (c->green), b = to_linear (c->blue);
  /* sRGB to XYZ (D65), normalised by the white point. */
  double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  double y = (0.2126 * r + 0.7152 * g + 0.0722 * b);
  double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  double f[3] = { x, y, z };

  for (int i = 0; i < 3; i++)
    f[i] = f[i] > 0.008856 ? cbrt (f[i]) : 7.787 * f[i] + 16.0 / 116;

  lab[0] = 116 * f[1] - 16;
  lab[1] = 500 * (f[0] - f[1]);
  lab[2] = 200 * (f[1] - f[2]);
}

/* CIE76: Euclidean distance in L*a*b*; about 2.3 is just noticeable, over
 * 10 is a different colour at a glance. */
double
cx_color_delta_e (const CxColor *a,
                  const CxColor *b)
{
  double la[3], lb[3];

  to_lab (a, la);
  to_lab (b, lb);

  return sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) +
               (la[1] - lb[1]) * (la[1] - lb[1]) +
               (la[2] - lb[2]) * (la[2] - lb[2]));
}

/* ------------------------------------------------------------------ */
/* The two colour schemes                                              */
/* ------------------------------------------------------------------ */

/* What the map's colours lie on, by scheme: the schematic basemap's land
 * inside the district (cx-schematic-source.c, .district of its palettes),
 * and the halo round every label. Labels are read against their halo. */
static const CxMapPalette map_palettes[2] = {
  [FALSE] = {
    .ground = { 0.976, 0.969, 0.949, 1 },
    .text = { 0.13, 0.13, 0.16, 1 },
    .minor_text = { 0.33, 0.33, 0.36, 1 },
    .halo = { 1, 1, 1, 0.9 },
    .under_text = { 0.9976, 0.9969, 0.9949, 1 },
  },
  [TRUE] = {
    .ground = { 0.176, 0.180, 0.192, 1 },
    .text = { 0.92, 0.92, 0.95, 1 },
    .minor_text = { 0.72, 0.72, 0.75, 1 },
    .halo = { 0.1, 0.1, 0.12, 0.9 },
    .under_text = { 0.1076, 0.108, 0.1272, 1 },
  },
};

/**
 * cx_map_palette_get:
 * @dark: for the dark style
 *
 * Returns: the colours the map's text and its halos take in a scheme
 */
const CxMapPalette *
cx_map_palette_get (gboolean dark)
{
  return &map_palettes[!!dark];
}

/* @fg (with its alpha) over the opaque @bg. */
static CxColor
composite (const CxColor *fg,
           const CxColor *bg)
{
  double a = CLAMP (fg->alpha, 0, 1);

  return (CxColor) {
    fg->red * a + bg->red * (1 - a),
    fg->green * a + bg->green * (1 - a),
    fg->blue * a + bg->blue * (1 - a),
    1,
  };
}

/* WCAG 2 relative luminance of an opaque sRGB colour. */
double
cx_color_luminance (const CxColor *color)
{
  return 0.2126 * to_linear (color->red) + 0.7152 * to_linear (color->green) +
         0.0722 * to_linear (color->blue);
}

/**
 * cx_color_contrast:
 * @fg: a colour, drawn with its alpha over @bg
 * @bg: an opaque colour
 *
 * Returns: the WCAG 2 contrast ratio of what is seen of @fg on @bg, 1 to 21
 */
double
cx_color_contrast (const CxColor *fg,
                   const CxColor *bg)
{
  CxColor seen = composite (fg, bg);
  double a = cx_color_luminance (&seen) + 0.05;
  double b = cx_color_luminance (bg) + 0.05;

  return MAX (a, b) / MIN (a, b);
}

/**
 * cx_color_ensure_contrast:
 * @color: a colour, drawn with its alpha over @ground
 * @ground: an opaque colour
 * @ratio: the WCAG contrast it must reach
 * @out: (out): @color, mixed with white over a dark @ground (with black
 *   over a light one) just as much as needed to reach @ratio, and opaque
 *   when its alpha alone would keep it from it
 *
 * Keeps the hue, so that a layer stays recognisable in both schemes.
 */
void
cx_color_ensure_contrast (const CxColor *color,
                          const CxColor *ground,
                          double         ratio,
                          CxColor       *out)
{
  double towards = cx_color_luminance (ground) < 0.18 ? 1 : 0;
  CxColor c = *color;

  for (guint step = 0; step <= 40 && cx_color_contrast (&c, ground) < ratio; step++)
    {
      double t = step / 40.0;

      c.red = color->red + (towards - color->red) * t;
      c.green = color->green + (towards - color->green) * t;
      c.blue = color->blue + (towards - color->blue) * t;
      /* Past half way, a translucent colour grows opaque as well. */
      c.alpha = t <= 0.5 ? color->alpha : color->alpha + (1 - color->alpha) * (t - 0.5) * 2;
    }

  *out = c;
}

/**
 * cx_palette_scheme_style:
 * @base: a layer's style as the pack (or the presentation palette) gives it
 * @dark: for the dark style
 * @out: (out): the style drawn in that scheme
 *
 * Lines, outlines and markers stand out from the basemap's land by at
 * least 3:1 (WCAG 2.1, 1.4.11, for graphics). In the dark scheme every one
 * is lightened as far as that needs, to 4.5:1 against the land, so that
 * it keeps 3:1 on the lighter surfaces a legend's swatch is drawn on (a
 * row of the layer list, the card); in the light one, the pack's colours
 * were chosen for it and only those too faint are darkened (a white rim
 * round a marker is a casing, lighter than the land on purpose). Fills are
 * translucent tints and stay as they are.
 */
void
cx_palette_scheme_style (const CxStyle *base,
                         gboolean       dark,
                         CxStyle       *out)
{
  const CxColor *ground = &cx_map_palette_get (dark)->ground;
  CxColor *colors[] = { &out->stroke, &out->marker };

  *out = *base;
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      if (!dark && cx_color_luminance (colors[i]) >= cx_color_luminance (ground))
        continue;
      cx_color_ensure_contrast (colors[i], ground, dark ? CX_MIN_TEXT_CONTRAST : CX_MIN_GRAPHIC_CONTRAST, colors[i]);
    }
}
