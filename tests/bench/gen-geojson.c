/* gen-geojson.c: writes a large GeoJSON FeatureCollection for import benchmarks
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gen-geojson [--kind polygons|points|footprints] [--polygons N]
 *               [--vertices M] [--size MB] [--output FILE]
 *
 * --kind polygons (the default) writes N polygons of M vertices each (a
 * closed ring, so M + 1 positions) scattered over Changning District, each
 * with a few properties of every JSON type. --kind points writes N points of
 * interest (name, kind, visits, open); --kind footprints writes N building
 * footprints (closed rings of 5–12 vertices, 8–40 m across, with name, use,
 * height and floors), both over 121.35–121.45°E, 31.19–31.24°N. With
 * --size, N is chosen so that the file is about that many megabytes.
 * Deterministic: the same arguments give the same bytes.
 */

#include "config.h"

#include <glib.h>
#include <stdio.h>

#include "bench-geojson.h"

int
main (int   argc,
      char *argv[])
{
  gint64 n_polygons = 1000;
  gint64 n_vertices = 64;
  gint64 size_mb = 0;
  g_autofree char *output = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) chunk = g_string_new (NULL);
  FILE *file = stdout;
  guint64 written = 0;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, "What to write: polygons (default), points or footprints", "KIND" },
    { "polygons", 'n', 0, G_OPTION_ARG_INT64, &n_polygons, "Number of features", "N" },
    { "vertices", 'm', 0, G_OPTION_ARG_INT64, &n_vertices, "Vertices per polygon", "M" },
    { "size", 's', 0, G_OPTION_ARG_INT64, &size_mb, "Approximate file size in MB (overrides --polygons)", "MB" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file (default: standard output)", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("— write a large GeoJSON FeatureCollection");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_vertices < 3 || n_polygons < 0 || size_mb < 0)
    {
      g_printerr ("need --vertices ≥ 3 and non-negative counts\n");
      return 2;
    }
  if (kind != NULL && g_strcmp0 (kind, "polygons") != 0 && g_strcmp0 (kind, "points") != 0 &&
      g_strcmp0 (kind, "footprints") != 0)
    {
      g_printerr ("--kind polygons, points or footprints, please\n");
      return 2;
    }

  if (output != NULL && (file = fopen (output, "wb")) == NULL)
    {
      g_printerr ("%s: cannot be written\n", output);
      return 1;
    }

  bench_geojson_begin (chunk);
  fwrite (chunk->str, 1, chunk->len, file);
  for (gint64 i = 0; size_mb > 0 ? written < (guint64) size_mb * 1000 * 1000 : i < n_polygons; i++)
    {
      g_string_truncate (chunk, 0);
      if (g_strcmp0 (kind, "points") == 0)
        bench_geojson_append_point (chunk, (guint) i, rand);
      else if (g_strcmp0 (kind, "footprints") == 0)
        bench_geojson_append_footprint (chunk, (guint) i, rand);
      else
        bench_geojson_append_feature (chunk, (guint) i, (guint) n_vertices, rand);
      fwrite (chunk->str, 1, chunk->len, file);
      written += chunk->len;
    }
  g_string_truncate (chunk, 0);
  bench_geojson_end (chunk);
  fwrite (chunk->str, 1, chunk->len, file);

  if (fflush (file) != 0 || (file != stdout && fclose (file) != 0))
    {
      g_printerr ("write failed\n");
      return 1;
    }

  return 0;
}
