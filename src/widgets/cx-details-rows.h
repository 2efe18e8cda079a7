/* cx-details-rows.h: the rows of the details pages' lists
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cx-selection.h"

G_BEGIN_DECLS

/* A row standing for a place or program: activating it selects that. */
#define CX_TYPE_ITEM_ROW (cx_item_row_get_type ())
G_DECLARE_FINAL_TYPE (CxItemRow, cx_item_row, CX, ITEM_ROW, AdwActionRow)

GtkWidget *cx_item_row_new (CxSelection *selection,
                            GObject     *item,
                            const char  *title,
                            const char  *subtitle);

/* A row for a source or a further-reading link: activating it opens its
 * web address, if it has one. */
#define CX_TYPE_LINK_ROW (cx_link_row_get_type ())
G_DECLARE_FINAL_TYPE (CxLinkRow, cx_link_row, CX, LINK_ROW, AdwActionRow)

GtkWidget *cx_link_row_new (const char *title,
                            const char *subtitle,
                            const char *url);

G_END_DECLS
