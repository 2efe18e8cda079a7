/* bench-import.c: how long a GeoJSON import takes, and how much memory
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gen-geojson --size 50 --output /tmp/50mb.geojson
 *   bench-import [--gcj02] /tmp/50mb.geojson
 *
 * Imports the file the way the window does (cx_import_file_async() with a
 * progress callback) while a 10 ms timer runs on the main loop, and
 * reports: the wall time, the peak RSS (getrusage), the number of progress
 * calls, and the longest the main loop went without running the timer,
 * which is how long a window would have been frozen.
 *
 *   bench-import --runs 5 FILE...
 *
 * What build-aux/bench runs: for each FILE, N runs of cx_import_file()
 * (synchronous, as the importer's worker thread calls it) and, as the
 * baseline, N runs of json-glib's JsonParser reading the same file into a
 * tree (the floor for an importer built on a DOM parser), alternated, each
 * in a fresh process so that ru_maxrss is that run's own peak. Prints the
 * medians as rows of the benchmark table.
 *
 *   bench-import --once import|parse FILE
 *
 * One such run: prints "seconds S", "rss-kb K" and "features N".
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "cx-import.h"

typedef struct
{
  GMainLoop       *loop;
  CxImportedLayer *layer;
  GError          *error;
  guint            n_progress;
  double           last_fraction;
  gint64           last_tick;
  gint64           longest_gap;
} Bench;

static gboolean
tick_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  bench->longest_gap = MAX (bench->longest_gap, now - bench->last_tick);
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Bench *bench = user_data;

  g_assert (fraction >= bench->last_fraction);
  bench->last_fraction = fraction;
  bench->n_progress++;
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Bench *bench = user_data;

  bench->layer = cx_import_file_finish (result, &bench->error);
  g_main_loop_quit (bench->loop);
}

/* One timed run in this process; the caller is a fresh process. */
static int
run_once (const char *mode,
          const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  guint n_features = 0;
  double start, seconds;

  start = bench_now_us ();
  if (g_strcmp0 (mode, "import") == 0)
    {
      g_autoptr(CxImportedLayer) layer = cx_import_file (file, NULL, FALSE, NULL, &error);

      seconds = (bench_now_us () - start) / 1e6;
      if (layer != NULL)
        n_features = g_list_model_get_n_items (cx_imported_layer_get_features (layer));
      getrusage (RUSAGE_SELF, &usage);
    }
  else if (g_strcmp0 (mode, "parse") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonNode *root;

      if (json_parser_load_from_mapped_file (parser, path, &error))
        {
          root = json_parser_get_root (parser);
          if (JSON_NODE_HOLDS_OBJECT (root) &&
              json_object_has_member (json_node_get_object (root), "features"))
            n_features = json_array_get_length (json_object_get_array_member (json_node_get_object (root), "features"));
        }
      seconds = (bench_now_us () - start) / 1e6;
      getrusage (RUSAGE_SELF, &usage);
    }
  else
    {
      g_printerr ("--once import|parse, please\n");
      return 2;
    }

  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("seconds %.4f\nrss-kb %ld\nfeatures %u\n", seconds, usage.ru_maxrss, n_features);
  return 0;
}

typedef struct
{
  double seconds;
  double rss_mb;
  guint  n_features;
} Once;

static gboolean
spawn_once (const char  *self_exe,
            const char  *mode,
            const char  *path,
            Once        *once,
            GError     **error)
{
  const char *argv[] = { self_exe, "--once", mode, path, NULL };
  g_autofree char *out = NULL;
  int status;
  const char *s, *r, *f;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;

  s = strstr (out, "seconds ");
  r = strstr (out, "rss-kb ");
  f = strstr (out, "features ");
  if (s == NULL || r == NULL || f == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unexpected output: %s", out);
      return FALSE;
    }
  once->seconds = g_ascii_strtod (s + strlen ("seconds "), NULL);
  once->rss_mb = g_ascii_strtod (r + strlen ("rss-kb "), NULL) / 1024.0;
  once->n_features = (guint) g_ascii_strtoull (f + strlen ("features "), NULL, 10);
  return TRUE;
}

static int
run_suite (int    runs,
           int    n_files,
           char **files)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  runs = MAX (runs, 5);
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
      g_autofree double *import_s = g_new0 (double, runs);
      g_autofree double *import_rss = g_new0 (double, runs);
      g_autofree double *parse_s = g_new0 (double, runs);
      g_autofree double *parse_rss = g_new0 (double, runs);
      double size_mb, is, ir, ps, pr;
      guint n_features = 0;
      char name[64], median[32], baseline[32], ratio[32];

      if (info == NULL)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }
      size_mb = g_file_info_get_size (info) / 1e6;

      for (int r = 0; r < runs; r++)
        for (int k = 0; k < 2; k++)
          {
            gboolean import_turn = (k == 0) == (r % 2 == 0);
            Once once;

            if (!spawn_once (self_exe, import_turn ? "import" : "parse", files[i], &once, &error))
              {
                g_printerr ("bench-import: %s: %s\n", files[i], error->message);
                return 1;
              }
            if (import_turn)
              {
                import_s[r] = once.seconds;
                import_rss[r] = once.rss_mb;
                n_features = once.n_features;
              }
            else
              {
                parse_s[r] = once.seconds;
                parse_rss[r] = once.rss_mb;
              }
          }

      is = bench_median (import_s, runs);
      ir = bench_median (import_rss, runs);
      ps = bench_median (parse_s, runs);
      pr = bench_median (parse_rss, runs);

      g_snprintf (name, sizeof name, "%.0f MB file: throughput", size_mb);
      g_snprintf (median, sizeof median, "%.1f MB/s", size_mb / is);
      g_snprintf (baseline, sizeof baseline, "%.1f MB/s", size_mb / ps);
      g_snprintf (ratio, sizeof ratio, "%.2f× time", is / ps);
      bench_print_row ("import", name, median, baseline, "json-glib JsonParser, same file", ratio, "≥ 20 MB/s",
                       bench_status (size_mb / is >= 20));

      g_snprintf (name, sizeof name, "%.0f MB file: peak RSS ÷ file size", size_mb);
      g_snprintf (median, sizeof median, "%.1f× %.0f MB", ir / size_mb, ir);
      g_snprintf (baseline, sizeof baseline, "%.1f× %.0f MB", pr / size_mb, pr);
      g_snprintf (ratio, sizeof ratio, "%.2f× RSS", ir / pr);
      bench_print_row ("import", name, median, baseline, "json-glib JsonParser, same file", ratio, "≤ 5× file",
                       bench_status (ir <= 5 * size_mb));
      printf ("  import %s: %.1f MB, %u features, median %.2f s (JsonParser %.2f s); %d runs of each, alternated, one process per run\n",
               files[i], size_mb, n_features, is, ps, runs);
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  gboolean gcj02 = FALSE;
  gint runs = 0;
  g_autofree char *once = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  Bench bench = { 0, };
  struct rusage usage;
  gint64 start, elapsed;
  guint tick;
  const GOptionEntry entries[] = {
    { "gcj02", 0, 0, G_OPTION_ARG_NONE, &gcj02, "Convert from GCJ-02", NULL },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Benchmark table rows: N runs of each FILE, and a baseline", "N" },
    { "once", 0, 0, G_OPTION_ARG_STRING, &once, "One run of cx_import_file() or of JsonParser alone", "import|parse" },
    { NULL }
  };

  context = g_option_context_new ("FILE… — import GeoJSON files and report time and memory");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || (runs == 0 && argc != 2))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "one FILE, please");
      return 2;
    }
  if (once != NULL)
    return run_once (once, argv[1]);
  if (runs > 0)
    return run_suite (runs, argc - 1, argv + 1);

  file = g_file_new_for_commandline_arg (argv[1]);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
  if (info == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  bench.loop = g_main_loop_new (NULL, FALSE);
  start = bench.last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (10, tick_cb, &bench);

  cx_import_file_async (file, gcj02, NULL, progress_cb, &bench, imported_cb, &bench);
  g_main_loop_run (bench.loop);

  elapsed = g_get_monotonic_time () - start;
  g_source_remove (tick);
  getrusage (RUSAGE_SELF, &usage);

  if (bench.layer == NULL)
    {
      g_printerr ("%s\n", bench.error->message);
      return 1;
    }

  printf ("file             %.1f MB\n", g_file_info_get_size (info) / 1e6);
  printf ("features         %u\n", g_list_model_get_n_items (cx_imported_layer_get_features (bench.layer)));
  printf ("import time      %.2f s\n", elapsed / 1e6);
  printf ("peak RSS         %.0f MB\n", usage.ru_maxrss / 1024.0);
  printf ("progress calls   %u (last %.3f)\n", bench.n_progress, bench.last_fraction);
  printf ("longest stall    %.1f ms of the main loop\n", bench.longest_gap / 1e3);

  g_object_unref (bench.layer);
  g_main_loop_unref (bench.loop);
  return 0;
}
