/* cx-test-wait.h: waiting on a condition, never for a set time
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*CxTestCondition) (gpointer data);

gboolean cx_test_wait_until   (CxTestCondition  condition,
                               gpointer         data,
                               guint            timeout_ms);
void     cx_test_wait_flag    (const gboolean  *flag,
                               guint            timeout_ms);
void     cx_test_drain        (void);

gboolean cx_test_under_valgrind (void);
guint    cx_test_slowdown     (void);
gint64   cx_test_scaled_usec  (gint64           usec);

G_END_DECLS
