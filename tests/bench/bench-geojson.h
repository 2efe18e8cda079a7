/* bench-geojson.h: generated GeoJSON for the benchmarks
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the points and building footprints go (gen-geojson --kind): the
 * built-up middle of the district, as a footprint layer would cover it. */
#define BENCH_FOOTPRINT_WEST  121.35
#define BENCH_FOOTPRINT_SOUTH 31.19
#define BENCH_FOOTPRINT_EAST  121.45
#define BENCH_FOOTPRINT_NORTH 31.24

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
void     bench_geojson_append_point   (GString *out,
                                       guint    index,
                                       GRand   *rand);
void     bench_geojson_append_footprint (GString *out,
                                         guint    index,
                                         GRand   *rand);
void     bench_geojson_end            (GString *out);

GBytes  *bench_geojson_generate       (guint    n_polygons,
                                       guint    n_vertices,
                                       guint32  seed);

G_END_DECLS
