/* cx-imported-feature-page.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-details-page.h"

G_BEGIN_DECLS

#define CX_TYPE_IMPORTED_FEATURE_PAGE (cx_imported_feature_page_get_type ())
G_DECLARE_FINAL_TYPE (CxImportedFeaturePage, cx_imported_feature_page, CX, IMPORTED_FEATURE_PAGE, CxDetailsPage)

G_END_DECLS
