/* cx-store-private.h: a test hook into the writes of the stored files
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/unit/test-crash-save.c kills a process in the middle of a save at
 * each step of cx_store_write_atomic(), so that every state a crash can
 * leave on disk is seen at the next start. The app never sets it.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The steps of cx_store_write_atomic(), in order. */
typedef enum
{
  CX_STORE_STEP_BEGIN,          /* nothing written yet */
  CX_STORE_STEP_TEMP_CREATED,   /* NAME.partial-XXXXXX exists, empty */
  CX_STORE_STEP_TEMP_WRITTEN,   /* it holds everything, synced, not renamed */
  CX_STORE_STEP_REPLACED,       /* renamed over NAME */
} CxStoreStep;

/* Called in the thread that writes @file. */
typedef void (*CxStoreStepFunc) (CxStoreStep  step,
                                 GFile       *file,
                                 gpointer     user_data);

void cx_store_set_step_func (CxStoreStepFunc func,
                             gpointer        user_data);

G_END_DECLS
