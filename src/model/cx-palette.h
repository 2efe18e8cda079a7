/* cx-palette.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-style.h"

G_BEGIN_DECLS

typedef enum
{
  CX_VISION_NORMAL,
  CX_VISION_PROTANOPIA,
  CX_VISION_DEUTERANOPIA,
  CX_VISION_TRITANOPIA,
  CX_VISION_N
} CxVision;

#define CX_PRESENTATION_PALETTE_SIZE 5
#define CX_IMPORTED_PALETTE_SIZE 5

void   cx_palette_presentation_style (const CxStyle *base,
                                      guint          layer_index,
                                      CxStyle       *out);
void   cx_palette_get_presentation   (guint          i,
                                      CxColor       *color);
void   cx_palette_get_imported       (guint          i,
                                      CxColor       *color);
guint  cx_palette_pick_imported      (const CxColor *taken,
                                      guint          n_taken);
void   cx_color_simulate             (const CxColor *color,
                                      CxVision       vision,
                                      CxColor       *out);
double cx_color_delta_e              (const CxColor *a,
                                      const CxColor *b);

/* WCAG 2.1: text (1.4.3) and graphics such as lines and markers (1.4.11). */
#define CX_MIN_TEXT_CONTRAST 4.5
#define CX_MIN_GRAPHIC_CONTRAST 3.0

/* The colours the map's text and halos take in one colour scheme. */
typedef struct
{
  CxColor ground;      /* the basemap's land, under most of the map */
  CxColor text;        /* names */
  CxColor minor_text;  /* small names (subdistricts) */
  CxColor halo;        /* round every name */
  CxColor under_text;  /* @halo over @ground: what names are read against */
} CxMapPalette;

const CxMapPalette *cx_map_palette_get    (gboolean       dark);
double cx_color_luminance            (const CxColor *color);
double cx_color_contrast             (const CxColor *fg,
                                      const CxColor *bg);
void   cx_color_ensure_contrast      (const CxColor *color,
                                      const CxColor *ground,
                                      double         ratio,
                                      CxColor       *out);
void   cx_palette_scheme_style       (const CxStyle *base,
                                      gboolean       dark,
                                      CxStyle       *out);

G_END_DECLS
