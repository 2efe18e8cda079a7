/* cx-style.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} CxColor;

typedef enum
{
  CX_LABEL_ZOOM,
  CX_LABEL_ALWAYS,
  CX_LABEL_NEVER,
} CxLabelMode;

#define CX_STYLE_MAX_DASHES 8

/* Which of a style's members a file gave (simplestyle-spec); the others
 * are defaults, which an imported layer's colour replaces. */
typedef enum
{
  CX_STYLE_GIVEN_STROKE       = 1 << 0,
  CX_STYLE_GIVEN_FILL         = 1 << 1,
  CX_STYLE_GIVEN_FILL_OPACITY = 1 << 2,
  CX_STYLE_GIVEN_MARKER       = 1 << 3,
} CxStyleGiven;

/* How a layer is drawn. Widths are logical pixels at zoom 14. */
typedef struct
{
  gboolean    has_fill;
  CxColor     fill;
  CxColor     stroke;
  double      stroke_width;
  CxColor     marker;
  guint       n_dashes;
  double      dashes[CX_STYLE_MAX_DASHES];
  CxLabelMode label;
  CxStyleGiven given;     /* an imported feature's; 0 for a pack layer */
} CxStyle;

gboolean cx_color_parse  (const char    *text,
                          CxColor       *color);
char    *cx_color_to_hex (const CxColor *color);
gboolean cx_color_equal_rgb (const CxColor *a,
                             const CxColor *b);
gboolean cx_style_equal (const CxStyle *a,
                         const CxStyle *b);

G_END_DECLS
