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

/* A point of interest, with the properties a survey layer has. */
void
bench_geojson_append_point (GString *out,
                            guint    index,
                            GRand   *rand)
{
  static const char *const kinds[] = { "shop", "school", "clinic", "bus_stop", "park_gate", "bank" };
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lon, sizeof lon, "%.7f",
                   g_rand_double_range (rand, BENCH_FOOTPRINT_WEST, BENCH_FOOTPRINT_EAST));
  g_ascii_formatd (lat, sizeof lat, "%.7f",
                   g_rand_double_range (rand, BENCH_FOOTPRINT_SOUTH, BENCH_FOOTPRINT_NORTH));
  g_string_append_printf (out,
                          "%s{\"type\":\"Feature\",\"id\":%u,\"properties\":{"
                          "\"name\":\"站点 %u\",\"kind\":\"%s\",\"visits\":%u,\"open\":%s},"
                          "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}",
                          index == 0 ? "" : ",\n", index, index,
                          kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))],
                          g_rand_int_range (rand, 0, 5000), index % 3 ? "true" : "false", lon, lat);
}

/* A building footprint: a small closed ring of 5 to 12 vertices (a
 * rectangle's corners with a few jogs, 8 to 40 m across), with height,
 * name and use, as a cadastre's export has them. */
void
bench_geojson_append_footprint (GString *out,
                                guint    index,
                                GRand   *rand)
{
  static const char *const uses[] = { "residential", "office", "retail", "school", "industrial", "hospital" };
  double cx = g_rand_double_range (rand, BENCH_FOOTPRINT_WEST, BENCH_FOOTPRINT_EAST);
  double cy = g_rand_double_range (rand, BENCH_FOOTPRINT_SOUTH, BENCH_FOOTPRINT_NORTH);
  /* Degrees: 1e-5° is about a metre here. */
  double half_w = g_rand_double_range (rand, 4e-5, 2e-4);
  double half_h = g_rand_double_range (rand, 4e-5, 2e-4);
  guint n_vertices = g_rand_int_range (rand, 5, 13);
  guint floors = g_rand_int_range (rand, 1, 33);
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];
  double first_x = 0, first_y = 0;

  g_ascii_formatd (height, sizeof height, "%.1f", floors * 3.1 + g_rand_double_range (rand, 0, 2));
  g_string_append_printf (out,
                          "%s{\"type\":\"Feature\",\"id\":%u,\"properties\":{"
                          "\"name\":\"%u号楼\",\"use\":\"%s\",\"height\":%s,\"floors\":%u},"
                          "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                          index == 0 ? "" : ",\n", index, index % 200 + 1,
                          uses[g_rand_int_range (rand, 0, G_N_ELEMENTS (uses))], height, floors);

  /* Vertices in order around an ellipse inscribed in the box, pushed out
   * towards its corners: a simple (non-crossing) ring, counter-clockwise. */
  for (guint v = 0; v < n_vertices; v++)
    {
      double angle = 2 * G_PI * (v + g_rand_double_range (rand, -0.3, 0.3)) / n_vertices;
      double x = cx + half_w * CLAMP (1.3 * cos (angle), -1.0, 1.0);
      double y = cy + half_h * CLAMP (1.3 * sin (angle), -1.0, 1.0);

      if (v == 0)
        first_x = x, first_y = y;
      g_ascii_formatd (lon, sizeof lon, "%.7f", x);
      g_ascii_formatd (lat, sizeof lat, "%.7f", y);
      g_string_append_printf (out, "%s[%s,%s]", v == 0 ? "" : ",", lon, lat);
    }
  /* The last position repeats the first, closing the ring exactly. */
  g_ascii_formatd (lon, sizeof lon, "%.7f", first_x);
  g_ascii_formatd (lat, sizeof lat, "%.7f", first_y);
  g_string_append_printf (out, ",[%s,%s]]]}}", lon, lat);
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
