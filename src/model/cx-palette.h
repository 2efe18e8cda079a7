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

void   cx_palette_presentation_style (const CxStyle *base,
                                      guint          layer_index,
                                      CxStyle       *out);
void   cx_palette_get_presentation   (guint          i,
                                      CxColor       *color);
void   cx_color_simulate             (const CxColor *color,
                                      CxVision       vision,
                                      CxColor       *out);
double cx_color_delta_e              (const CxColor *a,
                                      const CxColor *b);

G_END_DECLS
