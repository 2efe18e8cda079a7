/* cx-source-row.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-source.h"

G_BEGIN_DECLS

#define CX_TYPE_SOURCE_ROW (cx_source_row_get_type ())
G_DECLARE_FINAL_TYPE (CxSourceRow, cx_source_row, CX, SOURCE_ROW, AdwActionRow)

GtkWidget *cx_source_row_new (CxSource *source);

G_END_DECLS
