/* cx-imported-row.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-import.h"

G_BEGIN_DECLS

#define CX_TYPE_IMPORTED_ROW (cx_imported_row_get_type ())
G_DECLARE_FINAL_TYPE (CxImportedRow, cx_imported_row, CX, IMPORTED_ROW, AdwActionRow)

GtkWidget *cx_imported_row_new             (CxImportedLayer *layer);

char      *cx_imported_layer_describe_format (CxImportedLayer *layer);
char      *cx_imported_layer_describe_crs    (CxImportedLayer *layer);
char      *cx_imported_layer_describe_parts  (CxImportedLayer *layer);

G_END_DECLS
