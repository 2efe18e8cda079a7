/* test-wait.c: the tests' condition wait (tests/common/cx-test-wait.c)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-test-wait.h"

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* The slow machine's share: one dispatch that holds the main loop for
 * longer than the wait's whole limit. Not a wait: the stand-in for a
 * handler that builds a page under ASan on a loaded machine. */
static gboolean
hold_main_loop (gpointer data)
{
  g_usleep (GPOINTER_TO_UINT (data) * 1000);
  return G_SOURCE_REMOVE;
}

/* What came due while one dispatch held the loop past the limit counts:
 * here a timeout the condition waits for, due after 10 ms, could only run
 * after a 1.5 s dispatch, when the 100 ms limit had long passed. (ui_click()
 * waits so for the double-click timeouts of the map's gestures, which a
 * click's own handling held up for 13.8 s under ASan.) */
static void
test_due_during_long_dispatch (void)
{
  gboolean flag = FALSE;

  g_timeout_add_once (10, set_flag, &flag);
  /* Before the timeout: a higher priority, ready at once. */
  g_idle_add_full (G_PRIORITY_HIGH, hold_main_loop, GUINT_TO_POINTER (1500), NULL);

  g_assert_true (cx_test_wait_until (flag_is_set, &flag, 100));
}

/* A condition that never comes true still ends in a time-out. */
static void
test_never (void)
{
  gboolean flag = FALSE;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (cx_test_wait_until (flag_is_set, &flag, 50));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 50 * 1000);
}

/* A condition already true is not waited for. */
static void
test_already (void)
{
  gboolean flag = TRUE;

  g_assert_true (cx_test_wait_until (flag_is_set, &flag, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wait/due-during-long-dispatch", test_due_during_long_dispatch);
  g_test_add_func ("/wait/never", test_never);
  g_test_add_func ("/wait/already", test_already);

  return g_test_run ();
}
