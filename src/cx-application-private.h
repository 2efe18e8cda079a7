/* cx-application-private.h: what the window and the tests read of the
 * application
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-application.h"
#include "cx-data-pack.h"
#include "cx-session.h"

G_BEGIN_DECLS

CxSession    *cx_application_get_session        (CxApplication *self);
CxSession    *cx_application_dup_window_session (CxApplication *self);
CxDataPack   *cx_application_get_pack           (CxApplication *self);
gint64        cx_application_get_process_start  (void);

G_END_DECLS
