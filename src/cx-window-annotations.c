/* cx-window-annotations.c: the marks drawn on the map, as the window keeps them
 *
 * The window holds one CxAnnotations, drawn and edited by the map view.
 * Marks belong to a scene: showing a scene puts its marks on the map (and
 * forgets the undo history: undoing into another scene's marks would
 * surprise), adding one (Ctrl+D) keeps the marks shown, and each edit
 * while a scene is current is saved into that scene at once, through the
 * same atomic, merging save as any change to scenes. Undo, redo, clearing
 * all, and GeoJSON export and import are the window's actions.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-store-util.h"
#include "cx-window-private.h"

/* An imported annotations file is read whole; its limit is small. */
static void
on_annotations_read (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  info = g_file_query_info (G_FILE (source), G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  name = info != NULL ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (G_FILE (source));
  if (bytes == NULL)
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The marks could not be imported: %s"), error->message);
      return;
    }
  if (self->annotations == NULL)
    return;

  annotations = cx_annotations_from_geojson (bytes, name, &error);
  if (annotations == NULL || !cx_annotations_add_all (self->annotations, annotations, &error))
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The marks were not imported: %s"), error->message);
      return;
    }

  _cx_window_toast (self, CX_TOAST_NONE,
                    ngettext ("%u mark imported", "%u marks imported", annotations->len),
                    annotations->len);
}

/* Reads @file as an annotations file and adds its marks, as one step of
 * undo; a file that cannot be used changes nothing and says why. */
void
cx_window_import_annotations (CxWindow *self,
                              GFile    *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CX_IS_WINDOW (self));

  /* A FIFO or a device would never end; a huge file is a layer. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The marks could not be imported: %s"), error->message);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The marks could not be imported: it is not a regular file"));
      return;
    }
  if (g_file_info_get_size (info) > CX_ANNOTATIONS_MAX_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size_full (CX_ANNOTATIONS_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      _cx_window_toast (self, CX_TOAST_ERROR,
                        _("The marks were not imported: the file is larger than %s (import it as a layer instead)"),
                        limit);
      return;
    }

  g_file_load_bytes_async (file, NULL, on_annotations_read, g_object_ref (self));
}

static GListModel *
geojson_filters (void)
{
  static const char * const patterns[] = { "*.geojson", "*.json", NULL };

  return _cx_window_file_filters (_("GeoJSON files"), "application/geo+json", patterns);
}

static void
annotations_import_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = geojson_filters ();

  gtk_file_dialog_set_title (dialog, _("Import Marks"));
  gtk_file_dialog_set_accept_label (dialog, _("_Import"));
  gtk_file_dialog_set_filters (dialog, filters);
  _cx_window_choose_file (self, dialog, FALSE, cx_window_import_annotations);
}

/**
 * cx_window_export_annotations:
 *
 * Writes the marks on the map to @file as GeoJSON, atomically.
 *
 * Returns: whether it was written (a toast says either way)
 */
gboolean
cx_window_export_annotations (CxWindow *self,
                              GFile    *file)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->annotations != NULL, FALSE);

  all = cx_annotations_dup_all (self->annotations);
  bytes = cx_annotations_to_geojson (all);
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_autoptr(GError) cause = NULL;

      /* In words; the path and GIO's message go to the log. */
      cx_store_write_failed (file, error, &cause);
      _cx_window_toast (self, CX_TOAST_ERROR, _("The marks could not be exported: %s"), cause->message);
      return FALSE;
    }

  _cx_window_toast (self, CX_TOAST_NONE,
                    ngettext ("%u mark exported", "%u marks exported", all->len), all->len);
  return TRUE;
}

/* What the file dialog calls: the toast says how it went. */
static void
export_annotations (CxWindow *self,
                    GFile    *file)
{
  cx_window_export_annotations (self, file);
}

static void
annotations_export_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = geojson_filters ();

  gtk_file_dialog_set_title (dialog, _("Export Marks"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_initial_name (dialog, "changning-marks.geojson");
  _cx_window_choose_file (self, dialog, TRUE, export_annotations);
}

static void
annotations_undo_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->annotations != NULL)
    cx_annotations_undo (self->annotations);
}

static void
annotations_redo_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->annotations != NULL)
    cx_annotations_redo (self->annotations);
}

static void
annotations_clear_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  guint n;

  if (self->annotations == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  if (cx_annotations_clear (self->annotations))
    _cx_window_toast (self, CX_TOAST_NONE,
                      ngettext ("%u mark cleared; Ctrl+Z brings it back",
                                "%u marks cleared; Ctrl+Z brings them back", n), n);
}

/* An edit while a scene is current is kept in that scene and saved; a
 * change the scenes file could not hold is undone and said. */
static void
on_annotations_changed (CxWindow *self)
{
  g_autoptr(CxScene) scene = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;

  _cx_window_actions_update (self);
  if (self->annotations_resetting || self->scenes == NULL)
    return;

  scene = _cx_window_dup_current_scene (self);
  if (scene == NULL)
    return;

  before = g_ptr_array_ref (cx_scene_get_annotations (scene));
  all = cx_annotations_dup_all (self->annotations);
  cx_scene_set_annotations (scene, all);
  if (!cx_scenes_check_fits (G_LIST_MODEL (self->scenes), &error))
    {
      cx_scene_set_annotations (scene, before);
      _cx_window_toast (self, CX_TOAST_ERROR, _("The marks were not saved with the scene: %s"), error->message);
      return;
    }
  _cx_window_save_scenes (self);
}

/* A scene is about to be shown: its marks become the map's. Marks drawn
 * while no scene was current are in no scene's file: rather than lose
 * them, the change is one step that Ctrl+Z undoes (the marks then come
 * back, and are saved into the scene shown); else the history is of the
 * previous scene's marks, and is forgotten. */
void
_cx_window_annotations_show_scene (CxWindow *self,
                                   CxScene  *scene)
{
  GPtrArray *marks = scene != NULL ? cx_scene_get_annotations (scene) : NULL;
  guint n = 0;

  if (self->annotations == NULL)
    return;

  self->annotations_resetting = TRUE;
  if (cx_scene_list_get_current (self->scenes) < 0 &&
      (n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations))) > 0)
    {
      cx_annotations_replace_all (self->annotations, marks);
      _cx_window_toast (self, CX_TOAST_LASTING,
                        ngettext ("%u mark drawn outside any scene was put away; Ctrl+Z brings it back into this scene",
                                  "%u marks drawn outside any scene were put away; Ctrl+Z brings them back into this scene",
                                  n), n);
    }
  else
    cx_annotations_reset (self->annotations, marks);
  self->annotations_resetting = FALSE;
}

void
_cx_window_annotations_init (CxWindow *self)
{
  self->annotations = cx_annotations_new ();
  cx_map_view_set_annotations (self->map_view, self->annotations);
  g_signal_connect_object (self->annotations, "items-changed", G_CALLBACK (on_annotations_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "notify::can-undo", G_CALLBACK (_cx_window_actions_update),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "notify::can-redo", G_CALLBACK (_cx_window_actions_update),
                           self, G_CONNECT_SWAPPED);
}

/* The tools from the menu (the map view's map.annotate-* are reached only
 * from inside it): 0 a pin, 1 a line, 2 an area. */
static void
annotate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  static const char * const tools[] = { "map.annotate-pin", "map.annotate-line", "map.annotate-polygon" };
  int kind = g_variant_get_int32 (parameter);

  if (self->map_view != NULL && kind >= 0 && kind < (int) G_N_ELEMENTS (tools))
    gtk_widget_activate_action (GTK_WIDGET (self->map_view), tools[kind], NULL);
}

/* A row of the side panel's list: that mark, selected on the map, which
 * takes the keyboard (so that F2 and Delete act on it). */
static void
annotation_select_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    {
      cx_map_view_select_annotation (self->map_view, g_variant_get_string (parameter, NULL));
      gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
    }
}

void
_cx_window_class_annotations_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.annotation-select", "s", annotation_select_activated);
  gtk_widget_class_install_action (widget_class, "win.annotate", "i", annotate_activated);
  gtk_widget_class_install_action (widget_class, "win.annotations-undo", NULL, annotations_undo_activated);
  gtk_widget_class_install_action (widget_class, "win.annotations-redo", NULL, annotations_redo_activated);
  gtk_widget_class_install_action (widget_class, "win.annotations-clear", NULL, annotations_clear_activated);
  gtk_widget_class_install_action (widget_class, "win.annotations-export", NULL, annotations_export_activated);
  gtk_widget_class_install_action (widget_class, "win.annotations-import", NULL, annotations_import_activated);
}
