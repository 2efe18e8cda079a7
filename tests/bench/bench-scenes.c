/* bench-scenes.c: starting with a large scenes file, against starting without
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-scenes --generate short|large PATH
 *
 * Writes a scenes file: "short" is 1,000 scenes as Ctrl+D makes them (a
 * title, five layers, no note), "large" is 999 scenes with notes of about
 * 3,900 bytes of Latin and CJK text, about 4.15 MB: the two files of
 * issue 21 (item 12), where the window stayed blank for 5–7 s and 9.3 s.
 *
 *   bench-scenes --runs N FILE...
 *
 * What build-aux/bench runs: for each FILE, and for the baseline (no
 * scenes file: the three starter scenes), N starts of the app, alternated,
 * each in a fresh process with its own empty XDG directories and the FILE
 * as its scenes.json. Prints the medians as rows of the benchmark table:
 *  - main() to the first frame;
 *  - main() until the scene list is filled: the layer panel holds a row for
 *    every scene and a frame with them has been painted;
 *  - the longest the main loop went without running a 5 ms timer of
 *    default priority (the priority of input events) from the first frame
 *    until then: how late a key press could have been answered (before the
 *    first frame there is no window to type into; that time is the first
 *    figure);
 *  - the longest stretch of main-thread CPU time between two runs of that
 *    timer: the same, but what the app spent itself, whatever else the
 *    machine was doing.
 *
 *   bench-scenes --once --expect N
 *
 * One start, in this process, with the XDG directories of the environment:
 * prints "first-frame-ms", "filled-ms", "stall-ms" and "rows". It links the
 * app's library, as the ui tests do, and starts the window as they do.
 * Needs a display (build-aux/bench provides Xvfb and a session bus).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-common.h"
#include "cx-application-private.h"
#include "cx-scene-row.h"
#include "cx-window-private.h"

#define STARTERS_URI "resource:///io/github/changning/Explorer/packs/changning/scenes.json"
#define TICK_MS 5
#define GIVE_UP_S 120

/* ------------------------------------------------------------------ */
/* One start                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  CxWindow  *window;
  guint      expect;
  double     start_us;
  double     first_frame_us;
  double     filled_us;
  double     filled_cpu_us;     /* main-thread CPU from the process start */
  double     last_tick_us;
  double     longest_stall_us;
  double     last_tick_cpu_us;
  double     longest_busy_us;   /* main-thread CPU between two ticks */
  guint      rows;
  GtkWidget *scene_box;      /* the list box of the scene rows, once found */
  gulong     after_paint_id;
} Start;

/* CPU time of this thread (the main one): what the app itself spent,
 * whatever else the machine is doing. */
static double
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static gboolean
tick_cb (gpointer user_data)
{
  Start *start = user_data;
  double now = bench_now_us ();
  double cpu = thread_cpu_us ();

  /* From the first frame: there is a window to type into. */
  if (start->first_frame_us != 0 && start->filled_us == 0)
    {
      start->longest_stall_us = MAX (start->longest_stall_us, now - start->last_tick_us);
      start->longest_busy_us = MAX (start->longest_busy_us, cpu - start->last_tick_cpu_us);
    }
  start->last_tick_us = now;
  start->last_tick_cpu_us = cpu;
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
find_scene_box (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (CX_IS_SCENE_ROW (child))
        return widget;
      found = find_scene_box (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* After each frame: are all the scenes' rows there, laid out and drawn? */
static void
after_paint_cb (GdkFrameClock *clock,
                Start         *start)
{
  GtkListBoxRow *last;

  if (start->filled_us != 0 || start->window->layer_panel == NULL)
    return;
  if (start->scene_box == NULL)
    start->scene_box = find_scene_box (start->window->layer_panel);
  if (start->scene_box == NULL)
    return;

  last = gtk_list_box_get_row_at_index (GTK_LIST_BOX (start->scene_box), (int) start->expect - 1);
  if (last == NULL || gtk_list_box_get_row_at_index (GTK_LIST_BOX (start->scene_box), (int) start->expect) != NULL ||
      gtk_widget_get_width (GTK_WIDGET (last)) <= 0)
    return;

  start->rows = start->expect;
  start->filled_us = bench_now_us ();
  start->filled_cpu_us = thread_cpu_us ();
}

static void
first_frame_cb (CxWindow *window,
                Start    *start)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  start->first_frame_us = bench_now_us ();
  start->last_tick_us = start->first_frame_us;
  start->last_tick_cpu_us = thread_cpu_us ();
  start->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), start);
  /* Keep frames coming until the list is filled. */
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

static gboolean
keep_drawing (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  Start *start = user_data;

  return start->filled_us == 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static int
run_once (guint expect)
{
  g_autoptr(CxApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  Start start = { 0, };
  guint tick;

  start.expect = expect;
  start.start_us = bench_now_us ();

  app = cx_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-scenes: %s\n", error->message);
      return 1;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  start.last_tick_us = bench_now_us ();
  start.last_tick_cpu_us = thread_cpu_us ();
  tick = g_timeout_add (TICK_MS, tick_cb, &start);

  start.window = cx_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (start.window), 1200, 800);
  g_signal_connect (start.window, "first-frame", G_CALLBACK (first_frame_cb), &start);
  gtk_widget_add_tick_callback (GTK_WIDGET (start.window), keep_drawing, &start, NULL);
  gtk_window_present (GTK_WINDOW (start.window));

  while (start.filled_us == 0 && bench_now_us () - start.start_us < GIVE_UP_S * 1e6)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  if (start.after_paint_id != 0)
    g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (start.window)), start.after_paint_id);

  if (start.filled_us == 0)
    {
      g_printerr ("bench-scenes: the scene list did not fill with %u rows within %d s\n", expect, GIVE_UP_S);
      return 1;
    }

  printf ("first-frame-ms %.1f\nfilled-ms %.1f\nstall-ms %.1f\nbusy-ms %.1f\ncpu-ms %.1f\nrows %u\n",
          (start.first_frame_us - start.start_us) / 1000.0,
          (start.filled_us - start.start_us) / 1000.0,
          start.longest_stall_us / 1000.0, start.longest_busy_us / 1000.0,
          start.filled_cpu_us / 1000.0, start.rows);
  gtk_window_destroy (GTK_WINDOW (start.window));
  return 0;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static int
generate (const char *kind,
          const char *path)
{
  g_autoptr(GListStore) scenes = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(GError) error = NULL;
  const char *layers[] = { "district", "subdistricts", "green-waterfront", "hongqiao", "landmarks", NULL };
  gboolean large = g_strcmp0 (kind, "large") == 0;
  guint n = large ? 999 : 1000;

  if (!large && g_strcmp0 (kind, "short") != 0)
    {
      g_printerr ("bench-scenes: --generate short|large, please\n");
      return 2;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scene %u", i + 1);
      g_autoptr(CxScene) scene = cx_scene_new (title, g_rand_double_range (rand, 31.18, 31.24),
                                               g_rand_double_range (rand, 121.36, 121.44),
                                               g_rand_double_range (rand, 12, 17), layers,
                                               i % 3 == 0 ? "zhongshan-park" : NULL);

      if (large)
        {
          g_autoptr(GString) note = g_string_new (NULL);

          /* Latin and CJK (3 bytes a character), up to 3,920 bytes: 4.15 MB in all. */
          while (note->len + 10 <= 3920)
            g_string_append (note, g_rand_boolean (rand) ? "长宁区" : "Changning ");
          cx_scene_set_note (scene, note->str);
        }
      g_list_store_append (scenes, scene);
    }

  if (!cx_scenes_save_file (G_LIST_MODEL (scenes), file, &error))
    {
      g_printerr ("bench-scenes: %s\n", error->message);
      return 1;
    }
  return 0;
}

static guint
count_scenes (const char *path)
{
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : g_file_new_for_uri (STARTERS_URI);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GListStore) scenes = bytes != NULL ? cx_scenes_from_bytes (bytes, NULL) : NULL;

  return scenes != NULL ? g_list_model_get_n_items (G_LIST_MODEL (scenes)) : 0;
}

/* ------------------------------------------------------------------ */
/* The suite                                                           */
/* ------------------------------------------------------------------ */

/* What one start measured, in ms: the fields --once prints. */
enum { FIRST_FRAME, FILLED, STALL, BUSY, CPU, N_FIGURES };

static const char * const figure_keys[N_FIGURES] = {
  "first-frame-ms ", "filled-ms ", "stall-ms ", "busy-ms ", "cpu-ms ",
};

static const char * const figure_names[N_FIGURES] = {
  "main() → first frame (ms)",
  "main() → scene list filled (ms)",
  "longest main-loop stall after the first frame (ms)",
  "longest main-thread busy stretch after it, CPU (ms)",
  "main-thread CPU until filled (ms)",
};

/* A start in a fresh process, with fresh XDG directories holding @path
 * (or nothing) as the scenes file. */
static gboolean
spawn_once (const char  *self_exe,
            const char  *path,
            guint        expect,
            double       figures[N_FIGURES],
            GError     **error)
{
  g_autofree char *home = g_dir_make_tmp ("cx-bench-scenes-XXXXXX", error);
  g_autofree char *data = NULL, *config = NULL, *cache = NULL, *app_dir = NULL;
  g_autofree char *expect_text = g_strdup_printf ("%u", expect);
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { self_exe, "--once", "--expect", expect_text, NULL };
  int status;
  gboolean ok;

  if (home == NULL)
    return FALSE;
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  cache = g_build_filename (home, "cache", NULL);
  app_dir = g_build_filename (data, "changning-explorer", NULL);
  g_mkdir_with_parents (app_dir, 0700);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (cache, 0700);
  if (path != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *target = g_build_filename (app_dir, "scenes.json", NULL);
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, error) ||
          !g_file_set_contents (target, contents, (gssize) length, error))
        return FALSE;
    }
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);

  ok = g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, error) &&
       g_spawn_check_wait_status (status, error);

  {
    g_autofree char *rm_argv0 = g_find_program_in_path ("rm");
    const char *rm_argv[] = { rm_argv0, "-rf", "--", home, NULL };

    if (rm_argv0 != NULL)
      g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  if (!ok)
    return FALSE;

  for (int f = 0; f < N_FIGURES; f++)
    {
      const char *at = strstr (out, figure_keys[f]);

      if (at == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unexpected output: %s", out);
          return FALSE;
        }
      figures[f] = g_ascii_strtod (at + strlen (figure_keys[f]), NULL);
    }
  return TRUE;
}

/* @target NULL: a figure to know, with no target ("the list fills when
 * ready"), counted neither met nor missed. */
static void
print_row (const char *file_name,
           const char *what,
           double      ms,
           double      base_ms,
           const char *target,
           gboolean    met)
{
  char median[32], baseline[32], ratio[32];
  g_autofree char *name = g_strdup_printf ("%s: %s", file_name, what);

  g_snprintf (median, sizeof median, "%.0f ms", ms);
  g_snprintf (baseline, sizeof baseline, "%.0f ms", base_ms);
  g_snprintf (ratio, sizeof ratio, "%.2f×", ms / base_ms);
  bench_print_row ("scenes", name, median, baseline, "no scenes file, same run", ratio,
                   target != NULL ? target : "—", target != NULL ? bench_status (met) : "info");
}

static int
run_suite (int    runs,
           int    n_files,
           char **files)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  int n_cases = n_files + 1;    /* case 0: the baseline, no file */
  g_autofree double *figures = NULL;   /* [case][figure][run] */
  g_autofree guint *expect = g_new0 (guint, n_cases);
  double median[N_FIGURES], base[N_FIGURES];

#define AT(c, f, r) figures[((gsize) (c) * N_FIGURES + (f)) * runs + (r)]

  runs = MAX (runs, 5);
  figures = g_new0 (double, (gsize) n_cases * N_FIGURES * runs);

  for (int c = 0; c < n_cases; c++)
    {
      expect[c] = count_scenes (c == 0 ? NULL : files[c - 1]);
      if (expect[c] == 0)
        {
          g_printerr ("bench-scenes: %s holds no scenes\n", c == 0 ? STARTERS_URI : files[c - 1]);
          return 1;
        }
    }

  /* A warm-up start of each, then rounds that rotate which case goes first. */
  for (int r = -1; r < runs; r++)
    for (int k = 0; k < n_cases; k++)
      {
        int c = r < 0 ? k : (k + r) % n_cases;
        g_autoptr(GError) error = NULL;
        double once[N_FIGURES];

        if (!spawn_once (self_exe, c == 0 ? NULL : files[c - 1], expect[c], once, &error))
          {
            g_printerr ("bench-scenes: %s: %s\n", c == 0 ? "no scenes file" : files[c - 1], error->message);
            return 1;
          }
        for (int f = 0; r >= 0 && f < N_FIGURES; f++)
          AT (c, f, r) = once[f];
      }

  printf ("scenes: %d starts of each, rotated, one process each; baseline: no scenes file (%u starter scenes); "
          "the stall is wall time, the busy stretch the main thread's CPU time in the longest gap between two ticks\n",
          runs, expect[0]);
  for (int c = 0; c < n_cases; c++)
    {
      printf ("  %s (%u scenes)\n", c == 0 ? "no scenes file" : files[c - 1], expect[c]);
      for (int f = 0; f < N_FIGURES; f++)
        {
          printf ("    %s:", figure_names[f]);
          for (int r = 0; r < runs; r++)
            printf (" %.0f", AT (c, f, r));
          printf ("\n");
        }
    }

  for (int f = 0; f < N_FIGURES; f++)
    base[f] = bench_median (&AT (0, f, 0), runs);

  for (int c = 1; c < n_cases; c++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files[c - 1]);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
      g_autofree char *name = g_strdup_printf ("%u scenes, %.2f MB", expect[c],
                                               info != NULL ? g_file_info_get_size (info) / 1e6 : 0.0);

      for (int f = 0; f < N_FIGURES; f++)
        median[f] = bench_median (&AT (c, f, 0), runs);

      print_row (name, "first frame", median[FIRST_FRAME], base[FIRST_FRAME], "≤ 1.10×",
                 median[FIRST_FRAME] <= 1.10 * base[FIRST_FRAME]);
      print_row (name, "list filled", median[FILLED], base[FILLED], NULL, FALSE);
      /* Keys are answered within a second, whatever the file holds. */
      print_row (name, "main-loop stall", median[STALL], base[STALL], "≤ 1,000 ms",
                 median[STALL] <= 1000);
      print_row (name, "busy stretch (CPU)", median[BUSY], base[BUSY], "≤ 1,000 ms",
                 median[BUSY] <= 1000);
    }

#undef AT
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  gint runs = 5;
  gint expect = 0;
  gboolean once = FALSE;
  g_autofree char *kind = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Starts of each case (at least 5)", "N" },
    { "generate", 0, 0, G_OPTION_ARG_STRING, &kind, "Write a scenes file to PATH: short or large", "KIND" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, "One start in this process", NULL },
    { "expect", 0, 0, G_OPTION_ARG_INT, &expect, "With --once: the scenes the list will hold", "N" },
    { NULL }
  };

  context = g_option_context_new ("FILE... — starting with large scenes files");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (kind != NULL)
    return argc == 2 ? generate (kind, argv[1]) : 2;
  if (once)
    return expect > 0 ? run_once ((guint) expect) : 2;
  if (argc < 2)
    {
      g_printerr ("FILE..., please\n");
      return 2;
    }
  return run_suite (runs, argc - 1, argv + 1);
}
