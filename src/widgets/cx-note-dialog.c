/* cx-note-dialog.c: edits a mark's note, on as many lines as it needs
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A note is a few sentences, not a name: a text view rather than the
 * rename dialog's one-line entry. Enter starts a new line there, so
 * Ctrl+Enter saves (the "save" response), as the Save button does; Escape
 * cancels. Like the rename dialog it carries what it edits (its "item"),
 * so that whoever answers its "response" knows.
 */

#define G_LOG_DOMAIN "cx-note-dialog"

#include "config.h"

#include "cx-note-dialog.h"

struct _CxNoteDialog
{
  AdwAlertDialog  parent_instance;

  /* Template widgets */
  GtkTextView    *view;

  /* Owned */
  GObject        *item;
};

G_DEFINE_FINAL_TYPE (CxNoteDialog, cx_note_dialog, ADW_TYPE_ALERT_DIALOG)

static void
cx_note_dialog_dispose (GObject *object)
{
  CxNoteDialog *self = CX_NOTE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CX_TYPE_NOTE_DIALOG);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cx_note_dialog_parent_class)->dispose (object);
}

/* Ctrl+Enter: what the Save button does, a response and then closing,
 * without asking the dialog to close (which would answer "cancel"). */
static gboolean
save_activated (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  g_signal_emit_by_name (widget, "response::save", "save");
  adw_dialog_force_close (ADW_DIALOG (widget));
  return TRUE;
}

static void
cx_note_dialog_class_init (CxNoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_note_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cx-note-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CxNoteDialog, view);
}

static void
cx_note_dialog_init (CxNoteDialog *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter");

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the text view, which could take Ctrl+Enter for a new line. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger, gtk_callback_action_new (save_activated, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * cx_note_dialog_new:
 * @item: what the note is of, for whoever answers
 * @text: (nullable): the note as it is
 *
 * Returns: (transfer floating): the dialog; its "save" response saves
 */
AdwDialog *
cx_note_dialog_new (GObject    *item,
                    const char *text)
{
  CxNoteDialog *self = g_object_new (CX_TYPE_NOTE_DIALOG, NULL);

  g_set_object (&self->item, item);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), text != NULL ? text : "", -1);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (self), "save");
  adw_dialog_set_focus (ADW_DIALOG (self), GTK_WIDGET (self->view));
  return ADW_DIALOG (self);
}

GObject *
cx_note_dialog_get_item (CxNoteDialog *self)
{
  g_return_val_if_fail (CX_IS_NOTE_DIALOG (self), NULL);

  return self->item;
}

/**
 * cx_note_dialog_dup_text:
 *
 * Returns: (transfer full): the note as written, trailing blank lines
 *   left out
 */
char *
cx_note_dialog_dup_text (CxNoteDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  char *text;

  g_return_val_if_fail (CX_IS_NOTE_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strchomp (text);
}

GtkTextView *
cx_note_dialog_get_view (CxNoteDialog *self)
{
  g_return_val_if_fail (CX_IS_NOTE_DIALOG (self), NULL);

  return self->view;
}
