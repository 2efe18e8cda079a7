/* cx-application.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CX_TYPE_APPLICATION (cx_application_get_type ())
G_DECLARE_FINAL_TYPE (CxApplication, cx_application, CX, APPLICATION, AdwApplication)

CxApplication *cx_application_new                 (void);
void           cx_application_mark_process_start  (void);

G_END_DECLS
