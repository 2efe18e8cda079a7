/* bench-start.c: the app's cost at start, against a bare window
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-start [--runs N] [--compare OTHER --compare-label NAME]... APP BARE
 *
 * Runs `APP --first-frame-time` (changning-explorer with the full pack) and
 * BARE (bench-bare-window: a window holding only a ShumateSimpleMap)
 * alternately, N times each after one round of warm-up runs, turning the
 * order every round so that none always runs on a warmer cache. Each
 * OTHER is another build of the app (an earlier landing, say), run in the
 * same rounds, so that they are compared under the same load.
 *
 * Each program runs with CX_BENCH_PANELS set: it prints "first-frame-ms N"
 * at its first frame, then "panels-built-ms N" once the app's side panels
 * are painted (in its first frame, as they are built with the window; an
 * earlier build, compared, built them in an idle after it), or at the bare
 * window's first idle, and stays until ended here. Per run:
 *  - wall: from just before the fork to the moment each line arrives on
 *    the pipe, so it includes exec, the dynamic linker and constructors,
 *    which a clock read in main() cannot see. Both run under `stdbuf -oL`,
 *    so that the line is not held in a pipe's buffer;
 *  - in-process: the number the program prints, from the top of main() to
 *    the frame clock's first after-paint after the window maps;
 *  - memory (stdbuf execs the program, so the pid is the program's own):
 *    the peak resident set up to the first frame (VmHWM of
 *    /proc/PID/status when the line arrives), the resident and
 *    proportional set (Rss, Pss of /proc/PID/smaps_rollup) once the panels
 *    are built, and again 2.5 s after the fork (as issue 25 measured it),
 *    or when the panels are built if that is later.
 * Memory is what load on the machine does not change: timings on a busy
 * machine are noisy, and only their ratios in one run mean much.
 * Needs a display (build-aux/bench provides Xvfb and a session bus).
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-common.h"

#define LATE_READING_MS 2500.0
#define MAX_COMPARED 3

typedef struct
{
  double wall_ms;          /* fork → first frame */
  double inproc_ms;        /* main() → first frame */
  double panels_wall_ms;   /* fork → panels built and painted */
  double hwm_first_mb;     /* peak RSS up to the first frame */
  double rss_panels_mb;
  double pss_panels_mb;
  double rss_late_mb;      /* 2.5 s after the fork */
  double pss_late_mb;
} Run;

#define N_FIGURES (sizeof (Run) / sizeof (double))

typedef struct
{
  const char *label;
  char       *argv[5];
  char      **envp;                   /* NULL: this process's */
  double     *figures[N_FIGURES];   /* per run */
  Run         median;
} Program;

/* A "Key:   1234 kB" line of a /proc file, in MB; NAN if absent. */
static double
read_proc_kb (GPid        pid,
              const char *file,
              const char *key)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", (int) pid, file);
  g_autofree char *text = NULL;
  const char *line;
  gsize key_len = strlen (key);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NAN;
  for (line = text; line != NULL && *line != '\0'; line = strchr (line, '\n') ? strchr (line, '\n') + 1 : NULL)
    if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
      return g_ascii_strtod (line + key_len + 1, NULL) / 1024.0;
  return NAN;
}

/* The number after @key at the start of a line of @text, or -1. */
static double
find_line (const char *text,
           const char *key)
{
  const char *at = strstr (text, key);

  if (at == NULL || strchr (at, '\n') == NULL)
    return -1;
  return g_ascii_strtod (at + strlen (key), NULL);
}

/* A build of the app reads the settings schemas and translations of its
 * own build directory (BUILD/src/changning-explorer → BUILD/data, BUILD/po)
 * when it has them: an earlier build may not know a later schema. */
static char **
environ_for_app (const char *app)
{
  g_autofree char *src_dir = g_path_get_dirname (app);
  g_autofree char *build_dir = g_path_get_dirname (src_dir);
  g_autofree char *data_dir = g_build_filename (build_dir, "data", NULL);
  g_autofree char *compiled = g_build_filename (data_dir, "gschemas.compiled", NULL);
  g_autofree char *po_dir = g_build_filename (build_dir, "po", NULL);
  char **envp = g_get_environ ();

  if (!g_file_test (compiled, G_FILE_TEST_EXISTS))
    return envp;
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", data_dir, TRUE);
  envp = g_environ_setenv (envp, "CX_LOCALEDIR", po_dir, TRUE);
  return envp;
}

static gboolean
run_once (char   **argv,
          char   **envp,
          Run     *run,
          char   **renderer,
          GError **error)
{
  GPid pid;
  int out_fd;
  g_autoptr(GString) text = g_string_new (NULL);
  double start, first = -1, panels = -1;
  gboolean late_read = FALSE, ended = FALSE;
  int status;
  gboolean ok = TRUE;

  start = bench_now_us ();
  if (!g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, error))
    return FALSE;

  while (!late_read)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      char buf[4096];
      ssize_t n;
      double now = bench_now_us ();
      int timeout = 60000;
      int ready;

      /* Once the panels are built, wake up for the reading at 2.5 s. */
      if (panels >= 0)
        timeout = MAX (0, (int) ((start + LATE_READING_MS * 1000 - now) / 1000) + 1);
      else if ((now - start) / 1000 > 60000)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s: no panels within 60 s", argv[2]);
          ok = FALSE;
          break;
        }
      ready = poll (&pfd, 1, timeout);
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready == 0)
        {
          if (panels < 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s: no output within 60 s", argv[2]);
              ok = FALSE;
              break;
            }
        }
      else
        {
          n = read (out_fd, buf, sizeof buf);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              ended = TRUE;
              ok = FALSE;
              break;
            }
          g_string_append_len (text, buf, n);
        }

      now = bench_now_us ();
      if (first < 0 && find_line (text->str, "first-frame-ms ") >= 0)
        {
          first = now;
          run->hwm_first_mb = read_proc_kb (pid, "status", "VmHWM");
        }
      if (panels < 0 && find_line (text->str, "panels-built-ms ") >= 0)
        {
          panels = now;
          run->rss_panels_mb = read_proc_kb (pid, "smaps_rollup", "Rss");
          run->pss_panels_mb = read_proc_kb (pid, "smaps_rollup", "Pss");
        }
      if (panels >= 0 && (now - start) / 1000 >= LATE_READING_MS)
        {
          run->rss_late_mb = read_proc_kb (pid, "smaps_rollup", "Rss");
          run->pss_late_mb = read_proc_kb (pid, "smaps_rollup", "Pss");
          late_read = TRUE;
        }
    }
  kill (pid, SIGTERM);
  close (out_fd);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  if (ended)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s ended before its panels were built (%s %d), having printed: %s",
                 argv[2], WIFSIGNALED (status) ? "signal" : "exit status",
                 WIFSIGNALED (status) ? WTERMSIG (status) : WEXITSTATUS (status), text->str);

  if (!ok)
    return FALSE;

  run->wall_ms = (first - start) / 1000.0;
  run->panels_wall_ms = (panels - start) / 1000.0;
  run->inproc_ms = find_line (text->str, "first-frame-ms ");
  if (*renderer == NULL && strstr (text->str, "renderer ") != NULL)
    *renderer = g_strndup (strstr (text->str, "renderer ") + strlen ("renderer "),
                           strcspn (strstr (text->str, "renderer ") + strlen ("renderer "), "\n"));
  return TRUE;
}

static void
print_runs (const char *what,
            Program    *p,
            guint       figure,
            int         runs,
            int         decimals)
{
  printf ("  %s %s:", p->label, what);
  for (int i = 0; i < runs; i++)
    printf (" %.*f", decimals, p->figures[figure][i]);
  printf ("\n");
}

#define FIGURE(member) (G_STRUCT_OFFSET (Run, member) / sizeof (double))

static void
print_time_row (const char *name,
                double      ours,
                double      bare,
                const char *target_text,
                gboolean    has_target)
{
  char a[32], b[32], r[32];

  g_snprintf (a, sizeof a, "%.1f ms", ours);
  g_snprintf (b, sizeof b, "%.1f ms", bare);
  g_snprintf (r, sizeof r, "%.2f×", ours / bare);
  bench_print_row ("start", name, a, b, "bare ShumateSimpleMap window", r, target_text,
                   has_target ? bench_status (ours / bare <= 1.10) : "");
}

static void
print_memory_row (const char *name,
                  double      ours,
                  double      bare,
                  gboolean    has_target)
{
  char a[32], b[32], r[32];

  g_snprintf (a, sizeof a, "%.1f MB", ours);
  g_snprintf (b, sizeof b, "%.1f MB", bare);
  g_snprintf (r, sizeof r, "%+.1f MB", ours - bare);
  bench_print_row ("start", name, a, b, "bare ShumateSimpleMap window", r,
                   has_target ? "≤ bare + 30 MB" : "",
                   has_target ? bench_status (ours - bare <= 30.0) : "");
}

/* The rows of one build of the app against the bare window; those of a
 * compared build are named after it and carry no target. */
static void
print_rows (Program  *app,
            Program  *bare,
            gboolean  targets)
{
  g_autofree char *n1 = NULL, *n2 = NULL, *n3 = NULL, *n4 = NULL, *n5 = NULL, *n6 = NULL, *n7 = NULL;
  const char *suffix = targets ? "" : app->label;
  const char *sep = targets ? "" : ", ";

  n1 = g_strdup_printf ("fork → first frame (wall)%s%s", sep, suffix);
  n2 = g_strdup_printf ("main() → first frame (in-process)%s%s", sep, suffix);
  n3 = g_strdup_printf ("fork → panels built (wall)%s%s", sep, suffix);
  n4 = g_strdup_printf ("peak RSS up to the first frame%s%s", sep, suffix);
  n5 = g_strdup_printf ("RSS, panels built%s%s", sep, suffix);
  n6 = g_strdup_printf ("PSS, panels built%s%s", sep, suffix);
  n7 = g_strdup_printf ("RSS 2.5 s after start%s%s", sep, suffix);

  print_time_row (n1, app->median.wall_ms, bare->median.wall_ms, targets ? "≤ 1.10×" : "", targets);
  print_time_row (n2, app->median.inproc_ms, bare->median.inproc_ms, targets ? "≤ 1.10×" : "", targets);
  print_time_row (n3, app->median.panels_wall_ms, bare->median.panels_wall_ms, targets ? "≤ 1.10×" : "", targets);
  print_memory_row (n4, app->median.hwm_first_mb, bare->median.hwm_first_mb, targets);
  print_memory_row (n5, app->median.rss_panels_mb, bare->median.rss_panels_mb, targets);
  print_memory_row (n6, app->median.pss_panels_mb, bare->median.pss_panels_mb, FALSE);
  print_memory_row (n7, app->median.rss_late_mb, bare->median.rss_late_mb, targets);
}

int
main (int   argc,
      char *argv[])
{
  gint runs = 7;
  gboolean header = FALSE;
  g_auto(GStrv) compare = NULL;
  g_auto(GStrv) compare_label = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs of each program (at least 5)", "N" },
    { "compare", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &compare, "Another build of the app, run in the same rounds", "OTHER" },
    { "compare-label", 0, 0, G_OPTION_ARG_STRING_ARRAY, &compare_label, "What to call it in the table, in the order of --compare", "NAME" },
    { "header", 0, 0, G_OPTION_ARG_NONE, &header, "Only print the header of the benchmark table", NULL },
    { NULL }
  };
  g_autofree char *stdbuf = g_find_program_in_path ("stdbuf");
  Program programs[2 + MAX_COMPARED] = {
    { "app", { stdbuf, (char *) "-oL", NULL, (char *) "--first-frame-time", NULL } },
    { "bare", { stdbuf, (char *) "-oL", NULL, NULL } },
  };
  guint n_programs;
  g_autofree char *renderer = NULL;

  context = g_option_context_new ("APP BARE — the app's cost at start, against a bare window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (g_option_context_parse (context, &argc, &argv, &error) && header)
    {
      bench_print_header ();
      return 0;
    }
  if (error != NULL || argc != 3)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "APP and BARE, please");
      return 2;
    }
  runs = MAX (runs, 5);
  if (stdbuf == NULL)
    {
      g_printerr ("bench-start: stdbuf (coreutils) is needed to see the lines when they are printed\n");
      return 1;
    }
  programs[0].argv[0] = programs[1].argv[0] = stdbuf;
  programs[0].argv[2] = argv[1];
  programs[1].argv[2] = argv[2];
  /* Before the environments are copied for the builds of the app. */
  g_setenv ("CX_BENCH_PANELS", "1", TRUE);
  programs[0].envp = environ_for_app (argv[1]);
  n_programs = 2;
  for (guint c = 0; compare != NULL && compare[c] != NULL; c++)
    {
      Program *p = &programs[n_programs++];

      if (c >= MAX_COMPARED)
        {
          g_printerr ("bench-start: at most %d --compare\n", MAX_COMPARED);
          return 2;
        }
      p->label = compare_label != NULL && c < g_strv_length (compare_label) ? compare_label[c] : "other";
      p->argv[0] = stdbuf;
      p->argv[1] = (char *) "-oL";
      p->argv[2] = compare[c];
      p->argv[3] = (char *) "--first-frame-time";
      p->envp = environ_for_app (compare[c]);
    }

  for (guint p = 0; p < n_programs; p++)
    for (guint f = 0; f < N_FIGURES; f++)
      programs[p].figures[f] = g_new0 (double, runs);

  for (int i = -1; i < runs; i++)
    for (guint k = 0; k < n_programs; k++)
      {
        /* Round i starts with program i mod n, and goes on in turn; round
         * -1 is the warm-up. */
        Program *p = &programs[(k + (guint) (i + 1)) % n_programs];
        Run run = { 0, };

        if (!run_once (p->argv, p->envp, &run, &renderer, &error))
          {
            g_printerr ("bench-start: %s\n", error->message);
            return 1;
          }
        if (i < 0)
          continue;
        for (guint f = 0; f < N_FIGURES; f++)
          p->figures[f][i] = ((double *) &run)[f];
      }

  printf ("start: %d runs of each, alternated; window 1200×800; GSK renderer (bare window's): %s\n",
          runs, renderer != NULL ? renderer : "unknown");
  for (guint p = 0; p < n_programs; p++)
    {
      print_runs ("wall to first frame (ms)", &programs[p], FIGURE (wall_ms), runs, 0);
      print_runs ("wall to panels built (ms)", &programs[p], FIGURE (panels_wall_ms), runs, 0);
      print_runs ("RSS, panels built (MB)", &programs[p], FIGURE (rss_panels_mb), runs, 1);
    }
  for (guint p = 0; p < n_programs; p++)
    for (guint f = 0; f < N_FIGURES; f++)
      ((double *) &programs[p].median)[f] = bench_median (programs[p].figures[f], runs);

  print_rows (&programs[0], &programs[1], TRUE);
  for (guint c = 2; c < n_programs; c++)
    print_rows (&programs[c], &programs[1], FALSE);
  for (guint c = 2; c < n_programs; c++)
    {
      char a[32], b[32], r[32], name[64];

      /* This build against the compared one, directly. */
      g_snprintf (a, sizeof a, "%.1f ms", programs[0].median.panels_wall_ms);
      g_snprintf (b, sizeof b, "%.1f ms", programs[c].median.panels_wall_ms);
      g_snprintf (r, sizeof r, "%.2f×", programs[0].median.panels_wall_ms / programs[c].median.panels_wall_ms);
      g_snprintf (name, sizeof name, "the app against %s", programs[c].label);
      bench_print_row ("start", "fork → panels built (wall)", a, b, name, r, "", "");
      g_snprintf (a, sizeof a, "%.1f MB", programs[0].median.rss_panels_mb);
      g_snprintf (b, sizeof b, "%.1f MB", programs[c].median.rss_panels_mb);
      g_snprintf (r, sizeof r, "%+.1f MB", programs[0].median.rss_panels_mb - programs[c].median.rss_panels_mb);
      bench_print_row ("start", "RSS, panels built", a, b, name, r, "", "");
    }

  for (guint p = 0; p < n_programs; p++)
    for (guint f = 0; f < N_FIGURES; f++)
      g_free (programs[p].figures[f]);
  for (guint p = 0; p < n_programs; p++)
    g_strfreev (programs[p].envp);

  return 0;
}
