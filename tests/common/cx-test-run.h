/* cx-test-run.h: the built changning-explorer, run as a second process
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CX_TEST_RUN_DEFAULT  = 0,
  /* No display at all, and the C locale: the command line must not need
   * either. */
  CX_TEST_RUN_HEADLESS = 1 << 0,
} CxTestRunFlags;

typedef struct
{
  int   status;   /* the exit status; a run always exits, never crashes */
  char *out;
  char *err;
} CxTestRun;

void cx_test_run_clear (CxTestRun           *run);
void cx_test_run_app   (CxTestRun           *run,
                        CxTestRunFlags       flags,
                        const char * const  *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CxTestRun, cx_test_run_clear)

G_END_DECLS
