/* cx-crs-dialog.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CX_TYPE_CRS_DIALOG (cx_crs_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CxCrsDialog, cx_crs_dialog, CX, CRS_DIALOG, AdwAlertDialog)

AdwDialog  *cx_crs_dialog_new        (GFile       *file,
                                      const char  *reason);
GFile      *cx_crs_dialog_get_file   (CxCrsDialog *self);
char       *cx_crs_dialog_get_crs    (CxCrsDialog *self);
gboolean    cx_crs_dialog_select     (CxCrsDialog *self,
                                      const char  *crs);

G_END_DECLS
