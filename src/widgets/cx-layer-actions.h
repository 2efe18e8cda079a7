/* cx-layer-actions.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-visibility.h"

G_BEGIN_DECLS

GActionGroup *cx_layer_actions_new (CxVisibility *visibility);

G_END_DECLS
