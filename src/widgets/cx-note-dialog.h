/* cx-note-dialog.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CX_TYPE_NOTE_DIALOG (cx_note_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CxNoteDialog, cx_note_dialog, CX, NOTE_DIALOG, AdwAlertDialog)

AdwDialog  *cx_note_dialog_new      (GObject      *item,
                                     const char   *text);
GObject    *cx_note_dialog_get_item (CxNoteDialog *self);
char       *cx_note_dialog_dup_text (CxNoteDialog *self);
GtkTextView *cx_note_dialog_get_view (CxNoteDialog *self);

G_END_DECLS
