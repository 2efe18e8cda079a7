/* cx-test-packs.h: the packs of the tests: the mini pack, and the default one
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-data-pack.h"

G_BEGIN_DECLS

const char *cx_test_mini_pack       (void);
GString    *cx_test_mini_pack_with  (const char   *find,
                                     const char   *replace);
CxDataPack *cx_test_load_default_pack (void);
CxDataPack *cx_test_load_pack_text  (const char   *text,
                                     gsize         length,
                                     GError      **error);

G_END_DECLS
