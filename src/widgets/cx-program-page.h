/* cx-program-page.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-details-page.h"

G_BEGIN_DECLS

#define CX_TYPE_PROGRAM_PAGE (cx_program_page_get_type ())
G_DECLARE_FINAL_TYPE (CxProgramPage, cx_program_page, CX, PROGRAM_PAGE, CxDetailsPage)

G_END_DECLS
