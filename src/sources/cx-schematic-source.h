/* cx-schematic-source.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <shumate/shumate.h>

#include "cx-data-pack.h"

G_BEGIN_DECLS

#define CX_SCHEMATIC_SOURCE_ID "changning-schematic"

#define CX_TYPE_SCHEMATIC_SOURCE (cx_schematic_source_get_type ())
G_DECLARE_FINAL_TYPE (CxSchematicSource, cx_schematic_source, CX, SCHEMATIC_SOURCE, ShumateMapSource)

CxSchematicSource *cx_schematic_source_new   (CxDataPack *pack);
CxSchematicSource *cx_schematic_source_new_full (CxDataPack *pack,
                                                 gboolean    dark);
void               cx_schematic_render_area_full (CxDataPack *pack,
                                                  cairo_t    *cr,
                                                  double      zoom,
                                                  double      x0,
                                                  double      y0,
                                                  double      width,
                                                  double      height,
                                                  gboolean    dark);

void               cx_schematic_render_area  (CxDataPack *pack,
                                              cairo_t    *cr,
                                              double      zoom,
                                              double      x0,
                                              double      y0,
                                              double      width,
                                              double      height);
guint              cx_schematic_legend_classes (CxDataPack     *pack,
                                                double          zoom,
                                                double          x0,
                                                double          y0,
                                                double          width,
                                                double          height,
                                                CxBasemapClass *classes);
const char        *cx_schematic_class_name   (CxBasemapClass  klass);
void               cx_schematic_draw_swatch  (cairo_t        *cr,
                                              CxBasemapClass  klass,
                                              double          x,
                                              double          y,
                                              double          width,
                                              double          height);
void               cx_schematic_render_tile  (CxDataPack *pack,
                                              cairo_t    *cr,
                                              guint       zoom,
                                              guint       x,
                                              guint       y,
                                              guint       tile_size);

G_END_DECLS
