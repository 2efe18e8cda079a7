/* gen-geojson.c: writes a large GeoJSON FeatureCollection for import benchmarks
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gen-geojson [--polygons N] [--vertices M] [--size MB] [--output FILE]
 *
 * Writes N polygons of M vertices each (a closed ring, so M + 1 positions)
 * scattered over Changning District, each with a few properties of every
 * JSON type. With --size, N is chosen so that the file is about that many
 * megabytes. Deterministic: the same arguments give the same bytes.
 */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>

/* The district's box, where the polygons are scattered. */
#define WEST  121.321
#define SOUTH 31.174
#define EAST  121.441
#define NORTH 31.253

static void
write_feature (GString *out,
               guint    index,
               guint    n_vertices,
               GRand   *rand)
{
  double cx = g_rand_double_range (rand, WEST, EAST);
  double cy = g_rand_double_range (rand, SOUTH, NORTH);
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

int
main (int   argc,
      char *argv[])
{
  gint64 n_polygons = 1000;
  gint64 n_vertices = 64;
  gint64 size_mb = 0;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) chunk = g_string_new (NULL);
  FILE *file = stdout;
  guint64 written = 0;
  const GOptionEntry entries[] = {
    { "polygons", 'n', 0, G_OPTION_ARG_INT64, &n_polygons, "Number of polygons", "N" },
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

  if (output != NULL && (file = fopen (output, "wb")) == NULL)
    {
      g_printerr ("%s: cannot be written\n", output);
      return 1;
    }

  fputs ("{\"type\":\"FeatureCollection\",\"features\":[\n", file);
  for (gint64 i = 0; size_mb > 0 ? written < (guint64) size_mb * 1000 * 1000 : i < n_polygons; i++)
    {
      g_string_truncate (chunk, 0);
      write_feature (chunk, (guint) i, (guint) n_vertices, rand);
      fwrite (chunk->str, 1, chunk->len, file);
      written += chunk->len;
    }
  fputs ("\n]}\n", file);

  if (fflush (file) != 0 || (file != stdout && fclose (file) != 0))
    {
      g_printerr ("write failed\n");
      return 1;
    }

  return 0;
}
