/* cx-overview-page.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-details-page.h"

G_BEGIN_DECLS

#define CX_TYPE_OVERVIEW_PAGE (cx_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (CxOverviewPage, cx_overview_page, CX, OVERVIEW_PAGE, CxDetailsPage)

G_END_DECLS
