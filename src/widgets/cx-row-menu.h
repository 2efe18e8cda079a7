/* cx-row-menu.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GMenuModel *cx_row_menu_with_target (GMenuModel *menu,
                                     GVariant   *target);

G_END_DECLS
