/* cx-test-wait.c: waiting on a condition, never for a set time
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test that waits a set time either waits too long or, on a loaded
 * machine, not long enough. These run the main loop until what the test
 * waits for is true; the time-out is only the limit after which it fails.
 */

#include "config.h"

#include "cx-test-wait.h"

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * cx_test_wait_until:
 * @condition: looked at before each main loop iteration
 * @timeout_ms: the failure limit
 *
 * Runs the default main context until @condition (@data) is true.
 *
 * Returns: %FALSE when @timeout_ms passed first
 */
gboolean
cx_test_wait_until (CxTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  /* Looks again at least every 20 ms, even when nothing else happens
   * (a condition on a worker thread's progress wakes no main loop). */
  guint wake = g_timeout_add (20, wake_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  /* The limit can pass inside one dispatch: a handler that holds the loop
   * for longer (a click that builds a page, under ASan on a loaded
   * machine). What came due meanwhile, such as the timeout the condition
   * waits for, has not run yet; run what is ready, looking after each,
   * before calling it a time-out. */
  while (!met && g_main_context_iteration (NULL, FALSE))
    met = condition (data);

  return met;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(const gboolean *) data;
}

/**
 * cx_test_wait_flag:
 *
 * Runs the default main context until *@flag, which a callback sets;
 * fails the test after @timeout_ms.
 */
void
cx_test_wait_flag (const gboolean *flag,
                   guint           timeout_ms)
{
  if (!cx_test_wait_until (flag_is_set, (gpointer) flag, timeout_ms))
    g_error ("Timed out after %u ms", timeout_ms);
}

/**
 * cx_test_drain:
 *
 * Dispatches what is ready in the default main context, without waiting:
 * the closes and frees that follow an object's disposal.
 */
void
cx_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
