/* cx-rename-dialog.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CX_TYPE_RENAME_DIALOG (cx_rename_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CxRenameDialog, cx_rename_dialog, CX, RENAME_DIALOG, AdwAlertDialog)

AdwDialog  *cx_rename_dialog_new      (GObject        *item,
                                       const char     *heading,
                                       const char     *label,
                                       const char     *text,
                                       const char     *note);
GObject    *cx_rename_dialog_get_item (CxRenameDialog *self);
const char *cx_rename_dialog_get_text (CxRenameDialog *self);
const char *cx_rename_dialog_get_note (CxRenameDialog *self);

G_END_DECLS
