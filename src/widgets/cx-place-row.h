/* cx-place-row.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-feature.h"

G_BEGIN_DECLS

#define CX_TYPE_PLACE_ROW (cx_place_row_get_type ())
G_DECLARE_FINAL_TYPE (CxPlaceRow, cx_place_row, CX, PLACE_ROW, AdwActionRow)

GtkWidget *cx_place_row_new (CxFeature *feature);

G_END_DECLS
