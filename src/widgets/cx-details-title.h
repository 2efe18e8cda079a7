/* cx-details-title.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CX_TYPE_DETAILS_TITLE (cx_details_title_get_type ())
G_DECLARE_FINAL_TYPE (CxDetailsTitle, cx_details_title, CX, DETAILS_TITLE, GtkBox)

G_END_DECLS
