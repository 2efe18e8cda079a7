/* cx-test-as-user.h: run a test as an ordinary user, where permissions matter
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     cx_test_as_user_reexec  (char **argv);
void     cx_test_as_user_cleanup (void);
gboolean cx_test_as_user_or_skip (void);

G_END_DECLS
