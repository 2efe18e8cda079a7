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

#include <string.h>

#if defined(__has_include)
# if __has_include(<valgrind/valgrind.h>)
#  include <valgrind/valgrind.h>
#  define CX_HAVE_VALGRIND_H 1
# endif
#endif

#include "cx-test-wait.h"

/* tests/common is built with the same -Db_sanitize as the tests. */
#if defined(__SANITIZE_ADDRESS__)
# define CX_TEST_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define CX_TEST_SANITIZED 1
# endif
#endif
#ifndef CX_TEST_SANITIZED
# define CX_TEST_SANITIZED 0
#endif

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * cx_test_wait_until:
 * @condition: looked at before each main loop iteration
 * @timeout_ms: the failure limit, in a normal build; times
 *   cx_test_slowdown() under ASan and valgrind (it costs nothing when the
 *   condition comes true, and a limit met on time in a normal build was
 *   missed under ASan on a loaded machine)
 *
 * Runs the default main context until @condition (@data) is true.
 *
 * Returns: %FALSE when the limit passed first
 */
gboolean
cx_test_wait_until (CxTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + cx_test_scaled_usec ((gint64) timeout_ms * 1000);
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
   * before calling it a time-out. At most a few hundred dispatches: an
   * idle that stays ready would otherwise keep this going for ever. */
  for (guint i = 0; !met && i < 500 && g_main_context_iteration (NULL, FALSE); i++)
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
    g_error ("Timed out after %u ms", timeout_ms * cx_test_slowdown ());
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

/**
 * cx_test_under_valgrind:
 *
 * Whether this process runs under valgrind: valgrind.h's client request
 * where the header is installed, else valgrind's preloaded libraries (the
 * one trace of it a process without the header can see).
 */
gboolean
cx_test_under_valgrind (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

#ifdef CX_HAVE_VALGRIND_H
  if (RUNNING_ON_VALGRIND)
    return TRUE;
#endif
  return preload != NULL && strstr (preload, "/vgpreload_") != NULL;
}

/**
 * cx_test_slowdown:
 *
 * How many times a bound on time grows in this build: 1 in a normal one,
 * 3 under AddressSanitizer and 10 under valgrind, the factors meson's asan
 * and valgrind setups give their time-outs (meson.build). The ui and net
 * tests run under ASan with ASAN_OPTIONS=fast_unwind_on_malloc=0
 * (tests/meson.build), which walks the whole stack at every allocation:
 * allocation-heavy work there takes twice as long again (adding a layer of
 * 20,000 polygons: 0.3–0.8 s of main-thread CPU in a normal build, 3.2 s
 * under ASan), so the factor is 6. A bound that is about what the product
 * does (a back-off of 2 s) is not scaled; one on how long the machine
 * takes to do it is.
 */
guint
cx_test_slowdown (void)
{
  const char *asan = g_getenv ("ASAN_OPTIONS");

  if (cx_test_under_valgrind ())
    return 10;
  if (!CX_TEST_SANITIZED)
    return 1;
  return asan != NULL && strstr (asan, "fast_unwind_on_malloc=0") != NULL ? 6 : 3;
}

/**
 * cx_test_scaled_usec:
 *
 * Returns: @usec times cx_test_slowdown()
 */
gint64
cx_test_scaled_usec (gint64 usec)
{
  return usec * cx_test_slowdown ();
}
