/* bench-start.c: process start to first frame, the app against a bare window
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-start [--runs N] APP BARE
 *
 * Runs `APP --first-frame-time` (changning-explorer with the full pack) and
 * BARE (bench-bare-window: a window holding only a ShumateSimpleMap)
 * alternately, N times each after one pair of warm-up runs, swapping which
 * goes first every round so that neither always runs on a warmer cache.
 *
 * Two figures per run:
 *  - wall: from just before the fork to the moment the "first-frame-ms"
 *    line arrives on the pipe, so it includes exec, the dynamic linker and
 *    constructors, which a clock read in main() cannot see. Both run
 *    under `stdbuf -oL`, so that the line is not held in a pipe's buffer
 *    until the program exits;
 *  - in-process: the number the program prints, from the top of main() to
 *    the frame clock's first after-paint after the window maps.
 * And the peak resident memory of each process (wait4's ru_maxrss; stdbuf
 * execs the program, so it is the program's own), compared as the app's
 * excess over the bare window.
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

typedef struct
{
  double wall_ms;
  double inproc_ms;
  double peak_rss_mb;
  char  *renderer;
} Run;

static gboolean
run_once (char   **argv,
          Run     *run,
          GError **error)
{
  GPid pid;
  int out_fd;
  g_autoptr(GString) text = g_string_new (NULL);
  double start, found = -1;
  int status;
  struct rusage usage = { 0, };
  gboolean ok = TRUE;

  start = bench_now_us ();
  if (!g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, error))
    return FALSE;

  for (;;)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      char buf[4096];
      ssize_t n;
      int ready = poll (&pfd, 1, 60000);

      if (ready == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s: no first frame within 60 s", argv[2]);
          kill (pid, SIGKILL);
          ok = FALSE;
          break;
        }
      if (ready < 0 && errno == EINTR)
        continue;
      n = read (out_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (text, buf, n);
      if (found < 0 && strstr (text->str, "first-frame-ms ") != NULL &&
          strchr (strstr (text->str, "first-frame-ms "), '\n') != NULL)
        found = bench_now_us ();
    }
  close (out_fd);
  wait4 (pid, &status, 0, &usage);
  g_spawn_close_pid (pid);

  if (ok && found < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no first-frame-ms (exit status %d)",
                   argv[2], WIFEXITED (status) ? WEXITSTATUS (status) : -1);
      return FALSE;
    }
  if (!ok)
    return FALSE;

  run->wall_ms = (found - start) / 1000.0;
  run->peak_rss_mb = usage.ru_maxrss / 1024.0;
  run->inproc_ms = g_ascii_strtod (strstr (text->str, "first-frame-ms ") + strlen ("first-frame-ms "), NULL);
  if (strstr (text->str, "renderer ") != NULL)
    run->renderer = g_strndup (strstr (text->str, "renderer ") + strlen ("renderer "),
                               strcspn (strstr (text->str, "renderer ") + strlen ("renderer "), "\n"));
  return TRUE;
}

static void
printerr_no_stdbuf (void)
{
  g_printerr ("bench-start: stdbuf (coreutils) is needed to see the line when it is printed\n");
}

int
main (int   argc,
      char *argv[])
{
  gint runs = 7;
  gboolean header = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs of each program (at least 5)", "N" },
    { "header", 0, 0, G_OPTION_ARG_NONE, &header, "Only print the header of the benchmark table", NULL },
    { NULL }
  };
  g_autofree char *stdbuf = g_find_program_in_path ("stdbuf");
  char *app_argv[] = { stdbuf, (char *) "-oL", NULL, (char *) "--first-frame-time", NULL };
  char *bare_argv[] = { stdbuf, (char *) "-oL", NULL, NULL };
  g_autofree double *app_wall = NULL, *bare_wall = NULL, *app_in = NULL, *bare_in = NULL;
  g_autofree double *app_rss = NULL, *bare_rss = NULL;
  g_autofree char *renderer = NULL;
  double am, bm, ai, bi, arss, brss;
  char a[32], b[32], r[32], a2[32], b2[32], r2[32], a3[32], b3[32], r3[32];

  context = g_option_context_new ("APP BARE — time from process start to the first frame");
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
      printerr_no_stdbuf ();
      return 1;
    }
  app_argv[2] = argv[1];
  bare_argv[2] = argv[2];

  app_wall = g_new0 (double, runs);
  bare_wall = g_new0 (double, runs);
  app_in = g_new0 (double, runs);
  bare_in = g_new0 (double, runs);
  app_rss = g_new0 (double, runs);
  bare_rss = g_new0 (double, runs);

  for (int i = -1; i < runs; i++)
    for (int k = 0; k < 2; k++)
      {
        /* Round i runs the app first when i is even, the bare window first
         * when it is odd; round -1 is the warm-up. */
        gboolean app_turn = (k == 0) == (i % 2 == 0);
        Run run = { 0, };

        if (!run_once (app_turn ? app_argv : bare_argv, &run, &error))
          {
            g_printerr ("bench-start: %s\n", error->message);
            return 1;
          }
        if (run.renderer != NULL && renderer == NULL)
          renderer = g_steal_pointer (&run.renderer);
        g_free (run.renderer);
        if (i < 0)
          continue;
        (app_turn ? app_wall : bare_wall)[i] = run.wall_ms;
        (app_turn ? app_in : bare_in)[i] = run.inproc_ms;
        (app_turn ? app_rss : bare_rss)[i] = run.peak_rss_mb;
      }

  am = bench_median (app_wall, runs);
  bm = bench_median (bare_wall, runs);
  ai = bench_median (app_in, runs);
  bi = bench_median (bare_in, runs);
  arss = bench_median (app_rss, runs);
  brss = bench_median (bare_rss, runs);

  g_snprintf (a, sizeof a, "%.1f ms", am);
  g_snprintf (b, sizeof b, "%.1f ms", bm);
  g_snprintf (r, sizeof r, "%.2f×", am / bm);
  g_snprintf (a2, sizeof a2, "%.1f ms", ai);
  g_snprintf (b2, sizeof b2, "%.1f ms", bi);
  g_snprintf (r2, sizeof r2, "%.2f×", ai / bi);
  g_snprintf (a3, sizeof a3, "%.1f MB", arss);
  g_snprintf (b3, sizeof b3, "%.1f MB", brss);
  g_snprintf (r3, sizeof r3, "%+.1f MB", arss - brss);

  printf ("start: %d runs of each, alternated; window 1200×800; GSK renderer (bare window's): %s\n",
           runs, renderer != NULL ? renderer : "unknown");
  printf ("  app wall (ms): ");
  for (int i = 0; i < runs; i++)
    printf ("%.0f ", app_wall[i]);
  printf ("\n  bare wall (ms): ");
  for (int i = 0; i < runs; i++)
    printf ("%.0f ", bare_wall[i]);
  printf ("\n  app peak RSS (MB): ");
  for (int i = 0; i < runs; i++)
    printf ("%.1f ", app_rss[i]);
  printf ("\n  bare peak RSS (MB): ");
  for (int i = 0; i < runs; i++)
    printf ("%.1f ", bare_rss[i]);
  printf ("\n");

  bench_print_row ("start", "fork → first frame (wall)", a, b, "bare ShumateSimpleMap window", r, "≤ 1.10×",
                   bench_status (am / bm <= 1.10));
  bench_print_row ("start", "main() → first frame (in-process)", a2, b2, "bare ShumateSimpleMap window", r2, "≤ 1.10×",
                   bench_status (ai / bi <= 1.10));
  bench_print_row ("start", "peak RSS up to the first frame", a3, b3, "bare ShumateSimpleMap window", r3, "≤ bare + 30 MB",
                   bench_status (arss - brss <= 30.0));

  return 0;
}
