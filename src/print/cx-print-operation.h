/* cx-print-operation.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-handout.h"

G_BEGIN_DECLS

#define CX_TYPE_PRINT_OPERATION (cx_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (CxPrintOperation, cx_print_operation, CX, PRINT_OPERATION, GtkPrintOperation)

CxPrintOperation *cx_print_operation_new (const CxHandoutView *view);

G_END_DECLS
