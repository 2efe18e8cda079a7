/* cx-handout.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cx-annotations.h"
#include "cx-overlay-layer.h"

G_BEGIN_DECLS

typedef enum
{
  CX_HANDOUT_A4_LANDSCAPE,
  CX_HANDOUT_HD,
} CxHandoutSize;

typedef enum
{
  CX_HANDOUT_PDF,
  CX_HANDOUT_PNG,
} CxHandoutFormat;

/* What to hand out: what the view is about, as it is on screen, and what
 * to call it. */
typedef struct
{
  CxOverlayLayer *overlay;      /* its pack, visible layers, selection, presentation mode */
  gboolean        has_extent;
  CxBounds        extent;       /* what the page's map shows whole, when has_extent:
                                 * the scene's content, or the view's visible extent;
                                 * else the on-screen view below, scaled to the page */
  double          latitude;
  double          longitude;
  double          zoom;
  double          view_width;   /* the on-screen map's size: its extent is what is shown */
  double          view_height;
  const char     *title;        /* what the view is: a CxCaption's */
  const char     *subtitle;     /* nullable */
  const char     *note;         /* nullable */
  GDateTime      *date;         /* nullable: now */
  GPtrArray      *annotations;  /* nullable; CxAnnotation: the marks drawn on the map,
                                 * numbered on the page's map and listed with their notes */
} CxHandoutView;

/* Where the map and its north arrow are on a handout's first page. */
typedef struct
{
  double map_x, map_y, map_width, map_height;
  double arrow_x, arrow_y, arrow_radius;   /* the north arrow's disc */
} CxHandoutLayout;

void     cx_handout_page_size   (CxHandoutSize        size,
                                 CxHandoutFormat      format,
                                 double              *width,
                                 double              *height);
void     cx_handout_get_layout  (double               width,
                                 double               height,
                                 CxHandoutLayout     *layout);
guint    cx_handout_get_n_pages (const CxHandoutView *view,
                                 CxHandoutFormat      format,
                                 cairo_t             *cr,
                                 double               width,
                                 double               height);
void     cx_handout_draw_page   (const CxHandoutView *view,
                                 CxHandoutFormat      format,
                                 cairo_t             *cr,
                                 double               width,
                                 double               height,
                                 guint                page);
gboolean cx_handout_write       (const CxHandoutView *view,
                                 CxHandoutFormat      format,
                                 CxHandoutSize        size,
                                 GOutputStream       *out,
                                 GError             **error);

G_END_DECLS
