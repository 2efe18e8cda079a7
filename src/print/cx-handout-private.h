/* cx-handout-private.h: the handout renderer's test hook
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-handout.h"

G_BEGIN_DECLS

void _cx_handout_get_map_extent (const CxHandoutView *view,
                                 double               width,
                                 double               height,
                                 CxBounds            *extent);

G_END_DECLS
