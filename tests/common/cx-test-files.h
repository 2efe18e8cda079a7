/* cx-test-files.h: temporary folders and what they hold
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cx_test_make_tmp_dir        (const char *tmpl);
void  cx_test_remove_tree         (const char *path);
char *cx_test_listing             (const char *dir,
                                   const char *prefix);
char *cx_test_private_data_home   (const char *tmpl);

G_END_DECLS
