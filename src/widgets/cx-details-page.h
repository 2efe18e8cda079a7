/* cx-details-page.h: what every page of the details panel shares
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-selection.h"

G_BEGIN_DECLS

#define CX_TYPE_DETAILS_PAGE (cx_details_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CxDetailsPage, cx_details_page, CX, DETAILS_PAGE, GtkBox)

/**
 * CxDetailsPageClass:
 * @item_type: the type of the items the page shows
 * @show_lists: shows what the template cannot bind (lists of rows and
 *   cards); called whenever the item or the selection changes, with either
 *   possibly %NULL
 */
struct _CxDetailsPageClass
{
  GtkBoxClass parent_class;

  GType item_type;
  void (*show_lists) (CxDetailsPage *self);
};

CxSelection *cx_details_page_get_selection (CxDetailsPage *self);
gpointer     cx_details_page_get_item      (CxDetailsPage *self);

G_END_DECLS
