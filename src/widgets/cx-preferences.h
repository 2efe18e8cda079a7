/* cx-preferences.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CX_TYPE_PREFERENCES (cx_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CxPreferences, cx_preferences, CX, PREFERENCES, AdwPreferencesDialog)

AdwDialog *cx_preferences_new (GSettings *settings);

G_END_DECLS
