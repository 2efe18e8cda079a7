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
} CxStyle;

gboolean cx_color_parse (const char *text,
                         CxColor    *color);
gboolean cx_style_equal (const CxStyle *a,
                         const CxStyle *b);

G_END_DECLS
