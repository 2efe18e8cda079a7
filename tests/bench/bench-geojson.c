/* bench-geojson.c: generated GeoJSON for the benchmarks
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Polygons of M vertices (a closed ring, so M + 1 positions) scattered over
 * Changning District, each with a few properties of every JSON type and one
 * simplestyle fill. Deterministic: the same seed gives the same bytes.
 */

#include "config.h"

#include <math.h>

#include "bench-geojson.h"

void
bench_geojson_begin (GString *out)
{
  g_string_append (out, "{\"type\":\"FeatureCollection\",\"features\":[\n");
}

void
bench_geojson_append_feature (GString *out,
                              guint    index,
                              guint    n_vertices,
                              GRand   *rand)
{
  double cx = g_rand_double_range (rand, BENCH_WEST, BENCH_EAST);
  double cy = g_rand_double_range (rand, BENCH_SOUTH, BENCH_NORTH);
  double radius = g_rand_double_range (rand, 0.0005, 0.003);
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out,
                          "%s{\"type\":\"Feature\",\"id\":%u,\"properties\":{"
                          "\"name\":\"地块 %u\",\"zone\":\"R%u\",\"area_m2\":%u,"
                          "\"approved\":%s,\"note\":null,\"fill\":\"#3a8a4a\",\"fill-opacity\":0.4},"
                          "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                          index == 0 ? "" : ",\n", index, index, index % 4 + 1,
                          g_rand_int_range (rand, 100, 100000),
                          index % 2 ? "true" : "false");

  for (guint v = 0; v <= n_vertices; v++)
    {
      /* The last position repeats the first, closing the ring exactly. */
      double angle = 2 * G_PI * (v % n_vertices) / n_vertices;

      g_ascii_formatd (lon, sizeof lon, "%.7f", cx + radius * cos (angle));
      g_ascii_formatd (lat, sizeof lat, "%.7f", cy + radius * sin (angle));
      g_string_append_printf (out, "%s[%s,%s]", v == 0 ? "" : ",", lon, lat);
    }

  g_string_append (out, "]]}}");
}

void
bench_geojson_end (GString *out)
{
  g_string_append (out, "\n]}\n");
}

/* A whole document in memory, for cx_import_bytes(). */
GBytes *
bench_geojson_generate (guint   n_polygons,
                        guint   n_vertices,
                        guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_sized_new ((gsize) n_polygons * (n_vertices + 1) * 26 + 256);

  bench_geojson_begin (out);
  for (guint i = 0; i < n_polygons; i++)
    bench_geojson_append_feature (out, i, n_vertices, rand);
  bench_geojson_end (out);

  return g_string_free_to_bytes (out);
}
