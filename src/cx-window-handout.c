/* cx-window-handout.c: the current view as a handout, exported as PDF or
 * PNG, or printed
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-format.h"
#include "cx-map-view.h"
#include "cx-print-operation.h"
#include "cx-window-private.h"


/* What a handout or print-out of the window shows; @caption keeps the
 * strings @view points to. */
void
_cx_window_fill_handout_view (CxWindow      *self,
                              CxHandoutView *view,
                              CxCaption     *caption)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (self->map_view);
  g_autoptr(CxScene) scene = NULL;

  _cx_window_caption (self, caption);
  view->overlay = cx_map_view_get_overlay (self->map_view);
  view->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->view_width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map_view)), 1);
  view->view_height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map_view)), 1);
  /* The page shows what the scene is about, while the view is the
   * scene's; else what the window shows beside its panels: either way
   * fitted to the page, whatever the window's size. */
  scene = _cx_window_dup_current_scene (self);
  if (scene != NULL && !cx_scene_list_get_moved_on (self->scenes) && cx_scene_get_extent (scene, &view->extent))
    view->has_extent = TRUE;
  else
    view->has_extent = cx_map_view_get_visible_extent (self->map_view, &view->extent);
  view->title = caption->title;
  view->subtitle = caption->subtitle;
  view->note = caption->note;
  view->date = NULL;
  /* Borrowed by @view, kept by the window until the next handout: the
   * marks as they are now (a print operation keeps its own reference). */
  g_clear_pointer (&self->handout_marks, g_ptr_array_unref);
  if (self->annotations != NULL)
    self->handout_marks = cx_annotations_dup_all (self->annotations);
  view->annotations = self->handout_marks;
}

typedef struct
{
  CxWindow        *window;  /* owned */
  CxHandoutFormat  format;
  CxHandoutSize    size;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->window);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRequest, export_request_free)

static void
on_export_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ExportRequest) request = user_data;
  CxWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  g_autofree char *name = NULL;
  CxHandoutFormat format = request->format;

  if (file == NULL)
    {
      _cx_window_file_dialog_failed (self, error);
      return;
    }

  /* What the name says wins over the format chosen before. */
  name = g_file_get_basename (file);
  if (name != NULL && g_str_has_suffix (name, ".png"))
    format = CX_HANDOUT_PNG;
  else if (name != NULL && g_str_has_suffix (name, ".pdf"))
    format = CX_HANDOUT_PDF;

  cx_window_save_handout (self, file, format, request->size);
}

static void
on_export_format_response (AdwAlertDialog *choice,
                           const char     *response,
                           CxWindow       *self)
{
  GtkListBox *rows = GTK_LIST_BOX (adw_alert_dialog_get_extra_child (choice));
  AdwComboRow *format_row = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (rows, 0));
  AdwComboRow *size_row = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (rows, 1));
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autofree char *initial_name = NULL;
  ExportRequest *request;

  if (g_strcmp0 (response, "choose") != 0)
    return;

  request = g_new0 (ExportRequest, 1);
  request->window = g_object_ref (self);
  request->format = adw_combo_row_get_selected (format_row) == 1 ? CX_HANDOUT_PNG : CX_HANDOUT_PDF;
  request->size = adw_combo_row_get_selected (size_row) == 1 ? CX_HANDOUT_HD : CX_HANDOUT_A4_LANDSCAPE;

  gtk_file_filter_set_name (pdf, _("PDF"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (png, _("PNG image"));
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_filter_add_suffix (png, "png");
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_list_store_append (filters, pdf);
  g_list_store_append (filters, png);

  /* A portal-backed dialog: works in the Flatpak sandbox without access
   * to the file system. */
  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, _("Export Handout"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, request->format == CX_HANDOUT_PNG ? png : pdf);
  initial_name = cx_window_dup_handout_file_name (self, request->format);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_export_chosen, request);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _cx_window_present_choice (CX_WINDOW (widget), "export_dialog", G_CALLBACK (on_export_format_response));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CxWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  _cx_window_toast (self, CX_TOAST_ERROR, _("Printing failed: %s"), error != NULL ? error->message : _("unknown error"));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(CxPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CxCaption) caption = { NULL, };
  CxHandoutView view = { 0, };

  _cx_window_fill_handout_view (self, &view, &caption);
  operation = cx_print_operation_new (&view);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);

  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _cx_window_toast (self, CX_TOAST_ERROR, _("Printing failed: %s"), error->message);
}

static void
on_file_opened (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error) ||
      g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    return;

  name = g_file_get_basename (gtk_file_launcher_get_file (GTK_FILE_LAUNCHER (source)));
  _cx_window_toast (self, CX_TOAST_ERROR, _("“%1$s” could not be opened (%2$s). It is saved: open it from your files."),
                    name, error->message);
}

/* The Open button of "Handout saved": the file, in the app the desktop
 * opens such files with (through the portal in a sandbox). */
static void
open_file_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_launch (launcher, GTK_WINDOW (widget), NULL, on_file_opened, g_object_ref (widget));
}

/**
 * cx_window_dup_handout_file_name:
 *
 * Returns: (transfer full): the name the export offers: what the handout
 *   shows (the caption's name: the scene, or what is selected, or the
 *   district), made fit for a file name
 */
char *
cx_window_dup_handout_file_name (CxWindow        *self,
                                 CxHandoutFormat  format)
{
  g_auto(CxCaption) caption = { NULL, };

  _cx_window_caption (self, &caption);
  /* TRANSLATORS: a handout's file name, when what it shows has no name that can be one */
  return cx_format_file_name (caption.name, format == CX_HANDOUT_PNG ? "png" : "pdf", C_("file name", "handout"));
}

/**
 * cx_window_save_handout:
 *
 * Writes the handout to @file and says so, with a button that opens it, or
 * says why it could not.
 *
 * Returns: whether it was written
 */
gboolean
cx_window_save_handout (CxWindow        *self,
                        GFile           *file,
                        CxHandoutFormat  format,
                        CxHandoutSize    size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (!cx_window_export_handout (self, file, format, size, &error))
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The handout could not be saved: %s"), error->message);
      return FALSE;
    }

  _cx_window_toast_open (self, file, CX_TOAST_NONE, _("Handout saved as %s"), name);
  return TRUE;
}

/**
 * cx_window_export_handout:
 *
 * Writes the current view as a handout to @file.
 */
gboolean
cx_window_export_handout (CxWindow         *self,
                          GFile            *file,
                          CxHandoutFormat   format,
                          CxHandoutSize     size,
                          GError          **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_auto(CxCaption) caption = { NULL, };
  CxHandoutView view = { 0, };

  g_return_val_if_fail (CX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->map_view != NULL, FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;

  _cx_window_fill_handout_view (self, &view, &caption);
  return cx_handout_write (&view, format, size, G_OUTPUT_STREAM (out), error);
}

void
_cx_window_class_handout_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_activated);
}
