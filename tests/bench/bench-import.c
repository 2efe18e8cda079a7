/* bench-import.c: how long an import takes, and how much memory, beside GDAL
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
 *   bench-import --runs 5 [--ogr BENCH-OGR] [--ogrinfo OGRINFO]
 *                [--memory-budget-mb MB] FILE...
 *
 * What build-aux/bench runs: for each FILE, N runs of our import
 * (cx_import_file_async(), the window's way: GeoJSON in this process, other
 * formats through the import helper) and, as baselines, N runs of GDAL
 * reading the same file: `bench-ogr FILE` (an OGR loop touching every
 * feature's geometry and fields: the fair comparison) and `ogrinfo -al -so
 * -ro FILE` (its wall time and peak RSS taken by wait4(), so process start
 * and driver registration are in it). Alternated, each in a fresh process
 * so that ru_maxrss is that run's own peak. Prints the medians as rows of
 * the benchmark table; the targets are issue 25's (≥ 150 MB/s, peak RSS ≤
 * 2× the file, faster than GDAL, the main loop never blocked a frame) for
 * GeoJSON, and figures without a target ("info") for the other formats,
 * which GDAL itself reads in the helper.
 *
 * A GeoJSON file over cx_import_get_max_file_size() is imported once to show it is
 * refused, and GDAL runs anyway. A GeoJSON import whose expected peak (15×
 * the file, as measured before issue 25) is over --memory-budget-mb (default
 * 4096) is skipped with the reason, and GDAL runs anyway.
 *
 *   bench-import --once import|parse FILE
 *
 * One such run: prints "seconds S", "rss-kb K", "features N", and for
 * import "gap-ms G" (the main loop's longest gap), "idle-gap-ms I" (the
 * same timer's longest gap with nothing to do, after the import, for as long
 * as it took but at most 2 s: the floor on this machine), "helper-rss-kb H"
 * (the helper process's peak, its VmHWM watched from outside; 0 for
 * GeoJSON) and "children-rss-kb C" (RUSAGE_CHILDREN, which misses the
 * helper under bubblewrap: see watch_helper()). parse
 * is json-glib's JsonParser reading the file into a tree, the floor of an
 * importer built on a DOM parser (not in the table any more).
 */

#include "config.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* The import helper's peak RSS, watched from outside. RUSAGE_CHILDREN does
 * not see it under bubblewrap: bwrap's outer process exits as soon as its
 * init inside the sandbox reports the helper's status, before reaping it, so
 * the helper's rusage never reaches us (measured: 3.7 MB, bwrap's own,
 * against 59–72 MB with CX_IMPORT_NO_SANDBOX). So a thread reads VmHWM of
 * every process named like the helper that descends from this one, every
 * 5 ms, until the import ends; the helper's peak in its last 5 ms may be
 * missed, which a streaming reader's flat peak makes small. */
typedef struct
{
  gint   done;
  long   peak_kb;
} Watch;

static gboolean
descends_from_us (const char *pid_dir)
{
  g_autofree char *path = g_build_filename (pid_dir, "stat", NULL);

  for (int depth = 0; depth < 6; depth++)
    {
      g_autofree char *stat = NULL;
      const char *after_comm;
      long ppid;

      if (!g_file_get_contents (path, &stat, NULL, NULL) || (after_comm = strrchr (stat, ')')) == NULL ||
          sscanf (after_comm, ") %*c %ld", &ppid) != 1)
        return FALSE;
      if (ppid == (long) getpid ())
        return TRUE;
      if (ppid <= 1)
        return FALSE;
      g_free (path);
      path = g_strdup_printf ("/proc/%ld/stat", ppid);
    }
  return FALSE;
}

static gpointer
watch_helper (gpointer data)
{
  Watch *watch = data;

  while (!g_atomic_int_get (&watch->done))
    {
      g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
      const char *name;

      while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
        {
          g_autofree char *dir = NULL, *cmdline_path = NULL, *cmdline = NULL, *status_path = NULL, *status = NULL;
          const char *hwm;

          if (!g_ascii_isdigit (name[0]))
            continue;
          dir = g_build_filename ("/proc", name, NULL);
          cmdline_path = g_build_filename (dir, "cmdline", NULL);
          /* argv[0] only: the helper, not the bwrap that starts it. */
          if (!g_file_get_contents (cmdline_path, &cmdline, NULL, NULL) ||
              !g_str_has_suffix (cmdline, "changning-explorer-import") || !descends_from_us (dir))
            continue;
          status_path = g_build_filename (dir, "status", NULL);
          if (g_file_get_contents (status_path, &status, NULL, NULL) &&
              (hwm = strstr (status, "VmHWM:")) != NULL)
            watch->peak_kb = MAX (watch->peak_kb, strtol (hwm + strlen ("VmHWM:"), NULL, 10));
        }
      g_usleep (5000);
    }
  return NULL;
}

/* One timed run in this process; the caller is a fresh process. */
static int
run_once (const char *mode,
          const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  struct rusage usage, children;
  guint n_features = 0;
  double start, seconds, gap_ms = 0, idle_gap_ms = 0;
  long helper_kb = 0;

  start = bench_now_us ();
  if (g_strcmp0 (mode, "import") == 0)
    {
      /* As the window imports: in a worker thread (or the helper), with
       * the main loop running a 10 ms timer to see how long it stalls. */
      Bench bench = { 0, };
      Watch watch = { 0, };
      GThread *watcher = g_thread_new ("helper-watch", watch_helper, &watch);
      guint tick;

      bench.loop = g_main_loop_new (NULL, FALSE);
      bench.last_tick = g_get_monotonic_time ();
      tick = g_timeout_add (10, tick_cb, &bench);
      cx_import_file_async (file, FALSE, NULL, progress_cb, &bench, imported_cb, &bench);
      g_main_loop_run (bench.loop);
      seconds = (bench_now_us () - start) / 1e6;
      g_atomic_int_set (&watch.done, 1);
      g_thread_join (watcher);
      helper_kb = watch.peak_kb;
      tick_cb (&bench);
      gap_ms = bench.longest_gap / 1e3;
      /* The same timer with nothing to do, as long as the import took (at
       * most 2 s): how late it runs anyway on this machine at this load. */
      bench.longest_gap = 0;
      g_timeout_add_once ((guint) (MIN (seconds, 2.0) * 1000), (GSourceOnceFunc) g_main_loop_quit, bench.loop);
      g_main_loop_run (bench.loop);
      idle_gap_ms = bench.longest_gap / 1e3;
      g_source_remove (tick);
      g_main_loop_unref (bench.loop);
      if (bench.layer != NULL)
        n_features = g_list_model_get_n_items (cx_imported_layer_get_features (bench.layer));
      else
        g_propagate_error (&error, bench.error);
      getrusage (RUSAGE_SELF, &usage);
      g_clear_object (&bench.layer);
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
      /* As UTF-8, whatever the locale: the parent quotes it in the notes. */
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  /* RUSAGE_CHILDREN for comparison: the helper's own peak without a
   * sandbox, bwrap's under it, and any other child (a D-Bus autolaunch
   * where there is no session bus). */
  getrusage (RUSAGE_CHILDREN, &children);
  printf ("seconds %.4f\nrss-kb %ld\nfeatures %u\ngap-ms %.1f\nidle-gap-ms %.1f\nhelper-rss-kb %ld\nchildren-rss-kb %ld\n",
          seconds, usage.ru_maxrss, n_features, gap_ms, idle_gap_ms, helper_kb, children.ru_maxrss);
  return 0;
}

typedef struct
{
  double seconds;
  double rss_mb;
  double helper_rss_mb;
  double gap_ms;
  double idle_gap_ms;
  double cpu_s;
  guint  n_features;
} Once;

/* The number after NAME at the start of a line of OUT. */
static double
field (const char *out,
       const char *name)
{
  for (const char *line = out; line != NULL && *line != '\0'; line = strchr (line, '\n'), line = line ? line + 1 : NULL)
    if (g_str_has_prefix (line, name))
      return g_ascii_strtod (line + strlen (name), NULL);
  return NAN;
}

/* Runs ARGV in a child and waits for it with wait4(): the wall time from
 * fork to exit, the child's own peak RSS and its CPU time (user + system,
 * the whole process: on a shared machine the wall time grows with the
 * load, the CPU time much less), measured from outside. */
static gboolean
spawn_measured (const char * const *argv,
                char              **out,
                double             *wall_seconds,
                double             *rss_mb,
                double             *cpu_s,
                GError            **error)
{
  GPid pid;
  int out_fd = -1, err_fd = -1, status;
  struct rusage usage;
  double start = bench_now_us ();
  g_autoptr(GString) out_text = g_string_new (NULL);
  g_autoptr(GString) err_all = g_string_new (NULL);
  char buf[65536];
  ssize_t n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, &err_fd, error))
    return FALSE;
  /* Small outputs (ogrinfo -so, a few lines from --once): read stdout to
   * its end, then stderr; neither fills a pipe before the other is read. */
  while ((n = read (out_fd, buf, sizeof buf)) > 0)
    g_string_append_len (out_text, buf, n);
  while ((n = read (err_fd, buf, sizeof buf)) > 0)
    g_string_append_len (err_all, buf, n);
  close (out_fd);
  close (err_fd);
  if (wait4 (pid, &status, 0, &usage) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "wait4: %s", g_strerror (errno));
      return FALSE;
    }
  *wall_seconds = (bench_now_us () - start) / 1e6;
  *rss_mb = usage.ru_maxrss / 1024.0;
  *cpu_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  g_spawn_close_pid (pid);
  if (out != NULL)
    *out = g_strdup (out_text->str);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *program = g_path_get_basename (argv[0]);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", program,
                   g_strstrip (err_all->str)[0] != '\0' ? err_all->str : "failed");
      return FALSE;
    }
  return TRUE;
}

/* `bench-import --once import FILE` or `bench-ogr FILE`: their own figures. */
static gboolean
spawn_once (const char * const *argv,
            Once               *once,
            GError            **error)
{
  g_autofree char *out = NULL;
  double wall, rss;

  if (!spawn_measured (argv, &out, &wall, &rss, &once->cpu_s, error))
    return FALSE;
  once->seconds = field (out, "seconds ");
  once->rss_mb = field (out, "rss-kb ") / 1024.0;
  once->n_features = (guint) field (out, "features ");
  once->gap_ms = field (out, "gap-ms ");
  once->idle_gap_ms = field (out, "idle-gap-ms ");
  once->helper_rss_mb = field (out, "helper-rss-kb ") / 1024.0;
  if (isnan (once->seconds) || isnan (once->rss_mb))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unexpected output: %s", out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_geojson (const char *path)
{
  return g_str_has_suffix (path, ".geojson") || g_str_has_suffix (path, ".json");
}

/* What the GeoJSON importer peaks at, at most, with the compact store and
 * the fast path: under 2× the file for points and footprints (it was 11–17×
 * before issue 25; docs/geojson-conformance.md, "Memory"). */
#define EXPECTED_PEAK_PER_FILE_BYTE 2

static void
print_mb_s (char *buf, gsize size, double mb, double seconds)
{
  g_snprintf (buf, size, "%.1f MB/s", mb / seconds);
}

static void
print_rss (char *buf, gsize size, double rss_mb, double size_mb)
{
  g_snprintf (buf, size, "%.1f× %.0f MB", rss_mb / size_mb, rss_mb);
}

static int
run_suite (int          runs,
           const char  *ogr_exe,
           const char  *ogrinfo_exe,
           double       budget_mb,
           int          n_files,
           char       **files)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  runs = MAX (runs, 3);
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
      g_autofree double *our_s = g_new0 (double, runs);
      g_autofree double *our_rss = g_new0 (double, runs);
      g_autofree double *our_helper_rss = g_new0 (double, runs);
      g_autofree double *our_gap = g_new0 (double, runs);
      g_autofree double *idle_gap = g_new0 (double, runs);
      g_autofree double *ogr_s = g_new0 (double, runs);
      g_autofree double *ogr_rss = g_new0 (double, runs);
      g_autofree double *info_s = g_new0 (double, runs);
      g_autofree double *info_rss = g_new0 (double, runs);
      g_autofree double *our_cpu = g_new0 (double, runs);
      g_autofree double *ogr_cpu = g_new0 (double, runs);
      g_autofree double *info_cpu = g_new0 (double, runs);
      g_autofree char *base = g_path_get_basename (files[i]);
      g_autofree char *ours_not = NULL;
      gboolean geojson = is_geojson (files[i]);
      const char *import_argv[] = { self_exe, "--once", "import", files[i], NULL };
      const char *ogr_argv[] = { ogr_exe, files[i], NULL };
      const char *info_argv[] = { ogrinfo_exe, "-al", "-so", "-ro", files[i], NULL };
      guint our_features = 0, ogr_features = 0;
      double size_mb, os = NAN, orss = NAN, ohrss = NAN, ogap = NAN, gs, grss, is, irss;
      char name[96], median[48], baseline[48], ratio[48];
      const char *ogr_is = "GDAL OGR loop, same file";

      if (info == NULL)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }
      size_mb = g_file_info_get_size (info) / 1e6;

      /* Ours only where it can run: the size limit is tried for real,
       * the memory budget is judged beforehand. */
      if (geojson && g_file_info_get_size (info) > cx_import_get_max_file_size ())
        {
          Once once;

          if (spawn_once (import_argv, &once, &error))
            ours_not = g_strdup ("NOT refused, though over this machine's size limit: the benchmark needs updating");
          else
            ours_not = g_strdup_printf ("refused: over this machine's size limit (“%s”)", error->message);
          g_clear_error (&error);
        }
      else if (geojson && size_mb * EXPECTED_PEAK_PER_FILE_BYTE > budget_mb)
        ours_not = g_strdup_printf ("skipped: its expected peak, %d× the file (%.0f MB), is over the memory budget of %.0f MB (BENCH_IMPORT_MEMORY_MB)",
                                    EXPECTED_PEAK_PER_FILE_BYTE, size_mb * EXPECTED_PEAK_PER_FILE_BYTE, budget_mb);

      for (int r = 0; r < runs; r++)
        for (int k = 0; k < 3; k++)
          {
            /* Each run starts with a different one of the three. */
            int which = (k + r) % 3;
            Once once;

            if (which == 0 && ours_not == NULL)
              {
                if (!spawn_once (import_argv, &once, &error))
                  goto failed;
                our_s[r] = once.seconds;
                our_rss[r] = once.rss_mb;
                our_helper_rss[r] = once.helper_rss_mb;
                our_gap[r] = once.gap_ms;
                idle_gap[r] = once.idle_gap_ms;
                our_cpu[r] = once.cpu_s;
                our_features = once.n_features;
              }
            else if (which == 1)
              {
                if (!spawn_once (ogr_argv, &once, &error))
                  goto failed;
                ogr_s[r] = once.seconds;
                ogr_rss[r] = once.rss_mb;
                ogr_cpu[r] = once.cpu_s;
                ogr_features = once.n_features;
              }
            else if (which == 2)
              {
                if (!spawn_measured (info_argv, NULL, &info_s[r], &info_rss[r], &info_cpu[r], &error))
                  goto failed;
              }
          }

      if (ours_not == NULL)
        {
          os = bench_median (our_s, runs);
          orss = bench_median (our_rss, runs);
          ohrss = bench_median (our_helper_rss, runs);
          ogap = bench_median (our_gap, runs);
        }
      gs = bench_median (ogr_s, runs);
      grss = bench_median (ogr_rss, runs);
      is = bench_median (info_s, runs);
      irss = bench_median (info_rss, runs);

      g_snprintf (name, sizeof name, "%s: throughput", base);
      if (ours_not == NULL)
        print_mb_s (median, sizeof median, size_mb, os);
      else
        g_strlcpy (median, g_str_has_prefix (ours_not, "refused") ? "refused" : "skipped", sizeof median);
      print_mb_s (baseline, sizeof baseline, size_mb, gs);
      if (ours_not == NULL)
        g_snprintf (ratio, sizeof ratio, "%.2f× time", os / gs);
      else
        g_strlcpy (ratio, g_str_has_prefix (ours_not, "refused") ? "over the limit" : "over budget", sizeof ratio);
      bench_print_row ("import", name, median, baseline, ogr_is, ratio, geojson ? "≥ 150 MB/s" : "—",
                       !geojson ? "info" : ours_not == NULL ? bench_status (size_mb / os >= 150) :
                       g_str_has_prefix (ours_not, "refused") ? "MISSED" : "skipped");

      if (ours_not == NULL)
        {
          g_snprintf (name, sizeof name, "%s: time", base);
          g_snprintf (median, sizeof median, "%.2f s", os);
          g_snprintf (baseline, sizeof baseline, "%.2f s", gs);
          g_snprintf (ratio, sizeof ratio, "%.2f× time", os / gs);
          bench_print_row ("import", name, median, baseline, ogr_is, ratio, geojson ? "< GDAL's time" : "—",
                           geojson ? bench_status (os < gs) : "info");
        }

      g_snprintf (name, sizeof name, "%s: peak RSS ÷ file", base);
      if (ours_not == NULL)
        print_rss (median, sizeof median, orss, size_mb);
      else
        g_strlcpy (median, "—", sizeof median);
      print_rss (baseline, sizeof baseline, grss, size_mb);
      if (ours_not == NULL)
        g_snprintf (ratio, sizeof ratio, "%.2f× RSS", orss / grss);
      bench_print_row ("import", name, median, baseline, ogr_is, ratio, geojson ? "≤ 2× file" : "—",
                       !geojson ? "info" : ours_not == NULL ? bench_status (orss <= 2 * size_mb) :
                       g_str_has_prefix (ours_not, "refused") ? "MISSED" : "skipped");

      if (ours_not == NULL && !geojson)
        {
          g_snprintf (name, sizeof name, "%s: helper peak RSS ÷ file", base);
          print_rss (median, sizeof median, ohrss, size_mb);
          print_rss (baseline, sizeof baseline, grss, size_mb);
          g_snprintf (ratio, sizeof ratio, "%.2f× RSS", ohrss / grss);
          bench_print_row ("import", name, median, baseline, ogr_is, ratio, "—", "info");
        }

      g_snprintf (name, sizeof name, "%s: time vs ogrinfo -al -so", base);
      if (ours_not == NULL)
        g_snprintf (median, sizeof median, "%.2f s", os);
      else
        g_strlcpy (median, "—", sizeof median);
      g_snprintf (baseline, sizeof baseline, "%.2f s", is);
      if (ours_not == NULL)
        g_snprintf (ratio, sizeof ratio, "%.2f× time", os / is);
      else
        g_strlcpy (ratio, "—", sizeof ratio);
      bench_print_row ("import", name, median, baseline, "ogrinfo -al -so -ro, wall time", ratio, "—", "info");

      if (ours_not == NULL)
        {
          g_snprintf (name, sizeof name, "%s: longest main-loop gap", base);
          g_snprintf (median, sizeof median, "%.0f ms", ogap);
          g_snprintf (baseline, sizeof baseline, "%.0f ms", bench_median (idle_gap, runs));
          g_snprintf (ratio, sizeof ratio, "%.2f×", ogap / bench_median (idle_gap, runs));
          bench_print_row ("import", name, median, baseline, "the 10 ms timer idle, after", ratio, "≤ 16 ms",
                           bench_status (ogap <= 16));
        }

      if (ours_not == NULL)
        ours_not = g_strdup_printf ("%u features, median %.2f s, %.2f s of CPU, window %.0f MB%s", our_features, os,
                                    bench_median (our_cpu, runs), orss,
                                    geojson ? "" : " (the helper's figure is its own row; its CPU is not counted)");
      printf ("  import %s: %.1f MB; ours: %s; GDAL OGR loop: %u features, median %.2f s, %.2f s of CPU, %.0f MB; "
              "ogrinfo -al -so -ro: median %.2f s, %.2f s of CPU, %.0f MB (process start included); "
              "CPU is the whole process's (wait4), start included; %d runs of each, alternated, one process per run\n",
              files[i], size_mb, ours_not, ogr_features, gs, bench_median (ogr_cpu, runs), grss, is,
              bench_median (info_cpu, runs), irss, runs);
      continue;

    failed:
      g_printerr ("bench-import: %s: %s\n", files[i], error->message);
      return 1;
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  gboolean gcj02 = FALSE;
  gint runs = 0;
  gint budget_mb = 4096;
  g_autofree char *ogr_exe = NULL;
  g_autofree char *ogrinfo_exe = NULL;
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
    { "ogr", 0, 0, G_OPTION_ARG_FILENAME, &ogr_exe, "The OGR loop baseline (default: bench-ogr beside this program)", "PATH" },
    { "ogrinfo", 0, 0, G_OPTION_ARG_FILENAME, &ogrinfo_exe, "ogrinfo (default: found in PATH)", "PATH" },
    { "memory-budget-mb", 0, 0, G_OPTION_ARG_INT, &budget_mb, "Skip a GeoJSON import expected to peak over this (default 4096)", "MB" },
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
    {
      if (ogr_exe == NULL)
        {
          g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
          g_autofree char *dir = g_path_get_dirname (self_exe);

          ogr_exe = g_build_filename (dir, "bench-ogr", NULL);
        }
      if (ogrinfo_exe == NULL)
        ogrinfo_exe = g_find_program_in_path ("ogrinfo");
      if (ogrinfo_exe == NULL || !g_file_test (ogr_exe, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_printerr ("bench-import: GDAL's ogrinfo and bench-ogr are needed (%s)\n", ogr_exe);
          return 1;
        }
      return run_suite (runs, ogr_exe, ogrinfo_exe, budget_mb, argc - 1, argv + 1);
    }

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
