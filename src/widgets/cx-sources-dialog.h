/* cx-sources-dialog.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-data-pack.h"

G_BEGIN_DECLS

#define CX_TYPE_SOURCES_DIALOG (cx_sources_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CxSourcesDialog, cx_sources_dialog, CX, SOURCES_DIALOG, AdwPreferencesDialog)

AdwDialog *cx_sources_dialog_new (CxDataPack *pack);

G_END_DECLS
