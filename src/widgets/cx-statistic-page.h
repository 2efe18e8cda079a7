/* cx-statistic-page.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-details-page.h"

G_BEGIN_DECLS

#define CX_TYPE_STATISTIC_PAGE (cx_statistic_page_get_type ())
G_DECLARE_FINAL_TYPE (CxStatisticPage, cx_statistic_page, CX, STATISTIC_PAGE, CxDetailsPage)

G_END_DECLS
