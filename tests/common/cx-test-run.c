/* cx-test-run.c: the built changning-explorer, run as a second process
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * meson gives the tests the executable's path in CX_EXECUTABLE. The child
 * gets the test's environment (its private XDG_DATA_HOME, settings backend
 * and schemas) with English messages.
 */

#include "config.h"

#include "cx-test-run.h"

void
cx_test_run_clear (CxTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * cx_test_run_app:
 * @run: cleared; gets the exit status and what the app wrote
 * @args: (array zero-terminated=1): the command line after the program
 *
 * Runs the app to its end. That it exited, rather than died of a signal,
 * is asserted: a crash is never an answer.
 */
void
cx_test_run_app (CxTestRun          *run,
                 CxTestRunFlags      flags,
                 const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *executable = g_getenv ("CX_EXECUTABLE");

  g_assert_nonnull (executable);
  cx_test_run_clear (run);

  g_strv_builder_add (builder, executable);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (flags & CX_TEST_RUN_HEADLESS)
    {
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}
