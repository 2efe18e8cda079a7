/* replay.c: runs a fuzz target over saved inputs, without libFuzzer
 *
 *   fuzz-pack-replay [--cpu-limit SECONDS] DIR-OR-FILE...
 *
 * Every build links each target against this instead of libFuzzer, and the
 * `unit` suite runs it over the target's seed corpus and its regressions
 * (tests/fuzz/corpus/TARGET, tests/fuzz/regressions/TARGET). So every input
 * that once crashed is fed again by every test run, with gcc, under
 * AddressSanitizer and under valgrind. Output is TAP, one line per input.
 *
 * A folder or file named here that is missing fails the run, and so does
 * finding no input at all: a moved folder must not turn the replay into a
 * test of nothing. Each input may take SECONDS of CPU time (default 10;
 * inputs take milliseconds), times 3 under AddressSanitizer and times 30
 * under valgrind (CX_TEST_UNDER_VALGRIND); one that takes longer is a hang
 * or a blow-up, and fails the run with its name, as build-aux/fuzz's
 * -timeout does.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "fuzz-common.h"

#if defined(__SANITIZE_ADDRESS__)
# define REPLAY_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define REPLAY_SANITIZED 1
# endif
#endif
#ifndef REPLAY_SANITIZED
# define REPLAY_SANITIZED 0
#endif

#define DEFAULT_CPU_LIMIT 10

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Adds the inputs under @path to @files; FALSE when @path is missing or
 * cannot be read. */
static gboolean
collect (const char  *path,
         GPtrArray   *files,
         GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s does not exist", path);
          return FALSE;
        }
      g_ptr_array_add (files, g_strdup (path));
      return TRUE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;

  /* Dot files are not inputs: an empty folder keeps itself in git with
   * a ".keep". */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));

  /* A stable order, so that a failure names the same input every time. */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (!collect (child, files, error))
        return FALSE;
    }
  return TRUE;
}

/* The line the time limit prints, made before each input so that the
 * signal handler only writes it. */
static char over_limit[4096];
static gsize over_limit_len;

static void
on_cpu_limit (int signum)
{
  ssize_t written = write (STDOUT_FILENO, over_limit, over_limit_len);

  (void) written;
  _exit (1);
}

static void
arm_cpu_limit (double seconds)
{
  struct itimerval timer = { { 0, 0 }, { (time_t) seconds, (suseconds_t) ((seconds - (time_t) seconds) * 1e6) } };

  /* ITIMER_PROF counts the CPU time of the whole process, so that a busy
   * machine (tests run in parallel) does not make an input fail; a hang
   * that burns no CPU is left to meson's timeout. */
  g_assert_true (setitimer (ITIMER_PROF, &timer, NULL) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  double cpu_limit = DEFAULT_CPU_LIMIT;
  int first = 1;

  LLVMFuzzerInitialize (&argc, &argv);

  if (argc > 2 && g_str_equal (argv[1], "--cpu-limit"))
    {
      cpu_limit = g_ascii_strtod (argv[2], NULL);
      first = 3;
    }
  if (!(cpu_limit > 0))
    {
      printf ("Bail out! --cpu-limit wants a number of seconds\n");
      return 1;
    }
  cpu_limit *= REPLAY_SANITIZED ? 3 : 1;
  cpu_limit *= g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL ? 30 : 1;

  for (int i = first; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!collect (argv[i], files, &error))
        {
          printf ("Bail out! %s\n", error->message);
          return 1;
        }
    }

  if (files->len == 0)
    {
      printf ("Bail out! no inputs to replay\n");
      return 1;
    }

  signal (SIGPROF, on_cpu_limit);

  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize len;
      int n;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          return 1;
        }

      /* Said before the input runs: if it crashes, the log names it. */
      printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
      fflush (stdout);

      n = g_snprintf (over_limit, sizeof over_limit, "not ok %u - %s: took more than %g s of CPU time\n",
                      i + 1, path, cpu_limit);
      over_limit_len = (gsize) MIN (n, (int) sizeof over_limit - 1);
      arm_cpu_limit (cpu_limit);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
      arm_cpu_limit (0);
      printf ("ok %u - %s\n", i + 1, path);
    }

  return 0;
}
