/* cx-preferences.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwDialog *cx_preferences_new (GSettings *settings);

G_END_DECLS
