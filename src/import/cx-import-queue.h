/* cx-import-queue.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-import.h"

G_BEGIN_DECLS

#define CX_TYPE_IMPORT_QUEUE (cx_import_queue_get_type ())
G_DECLARE_FINAL_TYPE (CxImportQueue, cx_import_queue, CX, IMPORT_QUEUE, GObject)

CxImportQueue *cx_import_queue_new              (void);
void           cx_import_queue_add              (CxImportQueue *self,
                                                 GFile         *file,
                                                 gboolean       gcj02);
void           cx_import_queue_add_full         (CxImportQueue *self,
                                                 GFile         *file,
                                                 gboolean       gcj02,
                                                 const char    *crs);
void           cx_import_queue_cancel           (CxImportQueue *self);
gboolean       cx_import_queue_get_busy         (CxImportQueue *self);
double         cx_import_queue_get_fraction     (CxImportQueue *self);
const char    *cx_import_queue_get_current_name (CxImportQueue *self);
guint          cx_import_queue_get_n_waiting    (CxImportQueue *self);

G_END_DECLS
