/* bench-geojson.h: generated GeoJSON for the benchmarks
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The district's box, where the polygons are scattered. */
#define BENCH_WEST  121.321
#define BENCH_SOUTH 31.174
#define BENCH_EAST  121.441
#define BENCH_NORTH 31.253

void     bench_geojson_begin          (GString *out);
void     bench_geojson_append_feature (GString *out,
                                       guint    index,
                                       guint    n_vertices,
                                       GRand   *rand);
void     bench_geojson_end            (GString *out);

GBytes  *bench_geojson_generate       (guint    n_polygons,
                                       guint    n_vertices,
                                       guint32  seed);

G_END_DECLS
