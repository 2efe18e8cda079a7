/* cx-result-row.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-search.h"

G_BEGIN_DECLS

#define CX_TYPE_RESULT_ROW (cx_result_row_get_type ())
G_DECLARE_FINAL_TYPE (CxResultRow, cx_result_row, CX, RESULT_ROW, AdwActionRow)

GtkWidget *cx_result_row_new (CxSearchResult *result);

G_END_DECLS
