/* cx-application-private.h: what the window and the tests read of the
 * application
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-application.h"
#include "cx-data-pack.h"

G_BEGIN_DECLS

CxDataPack   *cx_application_get_pack           (CxApplication *self);
const GError *cx_application_get_pack_error     (CxApplication *self);
gint64        cx_application_get_process_start  (void);

G_END_DECLS
