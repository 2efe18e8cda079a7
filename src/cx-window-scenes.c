/* cx-window-scenes.c: the window's scenes: applying, adding, renaming,
 * moving, the scenes file and its problems, import and export
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-layer-panel.h"
#include "cx-map-view.h"
#include "cx-rename-dialog.h"
#include "cx-store-util.h"
#include "cx-window-private.h"


/**
 * _cx_window_dup_current_scene:
 *
 * Returns: (transfer full) (nullable): the scene last applied or added
 */
CxScene *
_cx_window_dup_current_scene (CxWindow *self)
{
  return cx_scene_list_dup_current_scene (self->scenes);
}

/**
 * _cx_window_caption:
 *
 * What the presentation card and the handout call the view: the current
 * scene while the view is the scene's, what is shown once the user has
 * moved on from it (CxSceneList:moved-on).
 */
void
_cx_window_caption (CxWindow  *self,
                    CxCaption *caption)
{
  g_autoptr(CxScene) scene = _cx_window_dup_current_scene (self);

  cx_caption_init (caption, cx_visibility_get_pack (self->visibility), scene,
                   cx_scene_list_get_moved_on (self->scenes), cx_selection_get_item (self->selection));
  /* A scene's title says what it shows; any other view names its circles. */
  if (cx_session_get_thematic (self->session) != NULL &&
      (scene == NULL || cx_scene_list_get_moved_on (self->scenes)))
    cx_caption_add_thematic (caption, cx_session_get_thematic (self->session));
}

/* ------------------------------------------------------------------ */
/* Moving on from a scene                                              */
/* ------------------------------------------------------------------ */

/* The view as the current scene left it, once the map has arrived there:
 * what tells, afterwards, whether the user has moved on from it. What the
 * map really shows is kept, not what the scene asked for: the map may clamp
 * the zoom or the centre, and a layer or place the pack lacks is skipped. */
static void
remember_scene_view (CxWindow *self)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (self->map_view);

  self->scene_view[0] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->scene_view[1] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  self->scene_view[2] = shumate_viewport_get_zoom_level (viewport);
}

static void
remember_scene_state (CxWindow *self)
{
  g_clear_pointer (&self->scene_layers, g_strfreev);
  self->scene_layers = cx_visibility_dup_visible_ids (self->visibility);
  g_set_object (&self->scene_selected, cx_selection_get_item (self->selection));
  g_set_object (&self->scene_thematic, cx_session_get_thematic (self->session));
}

/* Whether the map shows what it showed on arriving at the scene: the same
 * zoom, and the same centre to a pixel. */
static gboolean
view_is_scene_view (CxWindow *self)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (self->map_view);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double world = 256 * exp2 (zoom);
  double x0, y0, x1, y1;
  g_autoptr(CxScene) scene = _cx_window_dup_current_scene (self);
  CxBounds extent;

  /* Fitted to the scene's extent, and fitted again since to a new size of
   * the window (going full screen to present) or to panels coming and
   * going: still the scene. */
  if (scene != NULL && cx_scene_get_extent (scene, &extent) &&
      cx_map_view_shows_extent (self->map_view, &extent))
    return TRUE;

  if (fabs (zoom - self->scene_view[2]) > 1e-3)
    return FALSE;

  cx_mercator_project (self->scene_view[1], self->scene_view[0], &x0, &y0);
  cx_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &x1, &y1);
  return hypot (x1 - x0, y1 - y0) * world < 1;
}

/* Sets CxSceneList:moved-on from what the view is now. Switching a layer
 * back, or selecting the scene's place again, is the scene again. */
static void
update_moved_on (CxWindow *self)
{
  g_auto(GStrv) layers = NULL;
  gboolean same;

  if (self->scene_applying || cx_scene_list_get_current (self->scenes) < 0)
    return;

  layers = cx_visibility_dup_visible_ids (self->visibility);
  same = g_strv_equal ((const char * const *) layers, (const char * const *) self->scene_layers)
      && cx_selection_get_item (self->selection) == self->scene_selected
      && cx_session_get_thematic (self->session) == self->scene_thematic
      && (self->scene_arriving || view_is_scene_view (self));
  cx_scene_list_set_moved_on (self->scenes, !same);
}

static void
on_map_arrived (CxWindow *self)
{
  /* Every end of a flight of the map says so, the scene's and others'
   * (a zoom by the wheel flies too); only the scene's counts here. A
   * flight cut short by another leaves the map elsewhere, and the next
   * move of the map is then a move away. */
  if (!self->scene_arriving)
    return;

  self->scene_arriving = FALSE;
  remember_scene_view (self);
  update_moved_on (self);
}

/* The view is the current scene's, as it is now: after applying it, or
 * after adding it. */
static void
scene_shown (CxWindow *self,
             gboolean  arriving)
{
  remember_scene_state (self);
  self->scene_arriving = arriving;
  if (!arriving)
    remember_scene_view (self);
  cx_scene_list_set_moved_on (self->scenes, FALSE);
}

static void
watch_moving_on (CxWindow *self)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (self->map_view);
  GClosure *arrived;

  g_signal_connect_object (self->visibility, "changed", G_CALLBACK (update_moved_on), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::item", G_CALLBACK (update_moved_on), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::thematic", G_CALLBACK (update_moved_on), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (update_moved_on), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (update_moved_on), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (update_moved_on), self, G_CONNECT_SWAPPED);
  /* libshumate (1.4) declares ShumateMap::animation-completed with the
   * marshaller of a signal that has an object argument, and emits it with
   * none: through that marshaller every emission is a CRITICAL
   * ("n_param_values == 2"). A closure with a marshaller of its own is
   * called without it. */
  arrived = g_cclosure_new_object_swap (G_CALLBACK (on_map_arrived), G_OBJECT (self));
  g_closure_set_marshal (arrived, g_cclosure_marshal_VOID__VOID);
  g_signal_connect_closure (cx_map_view_get_map (self->map_view), "animation-completed::go-to", arrived, FALSE);
  /* The caption names what is selected once the view has moved on. */
  g_signal_connect_object (self->selection, "notify::item", G_CALLBACK (_cx_window_update_presentation), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenes, "notify::moved-on", G_CALLBACK (_cx_window_update_presentation), self, G_CONNECT_SWAPPED);
}

static void
on_scenes_dialog_response (AdwAlertDialog *dialog,
                           const char     *response,
                           CxWindow       *self)
{
  self->scenes_dialog = NULL;
  if (g_str_equal (response, "retry"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.scenes-retry", NULL);
  else if (g_str_equal (response, "aside"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.scenes-keep-aside", NULL);
}

/* The file the scenes came from failed to load and is still there: the
 * user chooses what becomes of it before anything is written over it. */
static void
offer_scenes_choice (CxWindow *self)
{
  AdwDialog *dialog;

  if (self->scenes_dialog != NULL || cx_scene_list_get_problem (self->scenes) == NULL)
    return;

  dialog = _cx_window_dialog_new ("scenes_problem_dialog");
  adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog), cx_scene_list_get_problem (self->scenes));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_scenes_dialog_response), self, 0);
  self->scenes_dialog = dialog;
  adw_dialog_present (dialog, GTK_WIDGET (self));
  g_object_unref (dialog);
}

void
_cx_window_save_scenes (CxWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = NULL;
  gboolean saved;

  /* Never over a file that failed to load: that would replace the user's
   * scenes with the starters. The change stays in this window until the
   * user chooses. Another window's or program's save since is merged in,
   * and said. */
  saved = cx_scene_list_save_full (self->scenes, &merged, &error);
  if (merged != NULL)
    _cx_window_toast (self, CX_TOAST_LOG | CX_TOAST_LASTING, "%s", merged);
  if (!saved)
    {
      if (g_error_matches (error, CX_SCENE_LIST_ERROR, CX_SCENE_LIST_ERROR_KEPT))
        {
          g_autofree char *shown = g_file_get_parse_name (cx_scene_list_get_file (self->scenes));

          g_warning ("Scenes not saved: %s failed to load and is not written over until the user chooses", shown);
          _cx_window_toast (self, CX_TOAST_URGENT, "%s", error->message);
          offer_scenes_choice (self);
        }
      else
        _cx_window_toast (self, CX_TOAST_ERROR,
                          _("Your scenes could not be saved: %s. They stay in this window; the file keeps your last save."),
                          error->message);
    }
}

/* The panel and the presentation card follow the list's current scene. */
static void
on_current_scene (CxWindow *self)
{
  if (self->layer_panel != NULL)
    cx_layer_panel_set_current_scene (CX_LAYER_PANEL (self->layer_panel), cx_scene_list_get_current (self->scenes));
  _cx_window_update_presentation (self);
}

/* @jump: set the view at once rather than fly there (a scene opened from
 * outside, such as --scene at start). */
static void
apply_scene (CxWindow *self,
             guint     index,
             gboolean  jump)
{
  g_autoptr(CxScene) scene = NULL;
  const char *selection;
  gboolean arriving;
  CxBounds extent;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->scenes)))
    return;

  scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), index);
  /* Each step below changes the view; none of them is moving on. */
  self->scene_applying = TRUE;
  self->scene_arriving = FALSE;
  cx_visibility_set_visible_ids (self->visibility, cx_scene_get_layers (scene));

  /* The scene says where to look: selecting must not move the map too. */
  selection = cx_scene_get_selection (scene);
  cx_map_view_set_follow_selection (self->map_view, FALSE);
  if (selection == NULL)
    cx_selection_clear (self->selection);
  else if (!cx_selection_select_by_id (self->selection, selection))
    g_warning ("Scene “%s” selects “%s”, which this data pack does not have", cx_scene_get_title (scene), selection);
  cx_map_view_set_follow_selection (self->map_view, TRUE);

  /* Its thematic view, or none; a statistic this pack does not have (or
   * cannot show) is skipped, as a place it lacks is. */
  if (cx_scene_get_thematic (scene) == NULL)
    cx_session_set_thematic (self->session, NULL);
  else
    {
      CxStatistic *statistic = cx_data_pack_lookup_statistic (cx_session_get_pack (self->session),
                                                              cx_scene_get_thematic (scene));

      if (statistic == NULL || !cx_session_set_thematic (self->session, statistic))
        {
          g_warning ("Scene “%s” shows “%s” on the map, which this data pack cannot", cx_scene_get_title (scene),
                     cx_scene_get_thematic (scene));
          cx_session_set_thematic (self->session, NULL);
        }
    }

  /* What the scene is about, fitted to this screen; a scene of an earlier
   * version knows only the centre and zoom of the screen it was saved on. */
  if (cx_scene_get_extent (scene, &extent))
    arriving = cx_map_view_fit_extent (self->map_view, &extent, !jump);
  else if (jump)
    {
      cx_map_view_jump_to (self->map_view, cx_scene_get_latitude (scene), cx_scene_get_longitude (scene),
                           cx_scene_get_zoom (scene));
      arriving = FALSE;
    }
  else
    arriving = cx_map_view_go_to (self->map_view, cx_scene_get_latitude (scene), cx_scene_get_longitude (scene),
                                  cx_scene_get_zoom (scene));
  _cx_window_annotations_show_scene (self, scene);
  cx_scene_list_set_current (self->scenes, (int) index);
  self->scene_applying = FALSE;
  scene_shown (self, arriving);
}

static void
scene_apply_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  apply_scene (CX_WINDOW (widget), g_variant_get_uint32 (parameter), FALSE);
}

/* Says that there is no scene further that way. One toast, made once and
 * shown again: a clicker pressed five times at the end restarts its time
 * instead of queueing five (what _cx_window_toast() would do). A toast is
 * read out by screen readers too (libadwaita 1.7 announces each). */
static void
say_scene_edge (CxWindow   *self,
                const char *text)
{
  if (self->scene_edge_toast == NULL)
    {
      self->scene_edge_toast = adw_toast_new ("");
      adw_toast_set_use_markup (self->scene_edge_toast, FALSE);
      /* At once, before any notice waiting: it answers a key. */
      adw_toast_set_priority (self->scene_edge_toast, ADW_TOAST_PRIORITY_HIGH);
    }

  adw_toast_set_title (self->scene_edge_toast, text);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->scene_edge_toast));
}

/* Page Down and Page Up. At either end the view stays and a toast says so:
 * a presenter's clicker pressed once too often should neither wrap round
 * (the audience would see the first scene again, unannounced) nor seem to
 * do nothing. */
static void
scene_step (CxWindow *self,
            int       step)
{
  int n = (int) g_list_model_get_n_items (G_LIST_MODEL (self->scenes));
  int current, next;

  /* The key is answered at once, even while a large file is read. */
  if (cx_scene_list_get_loading (self->scenes))
    {
      _cx_window_toast (self, CX_TOAST_NONE, _("Your scenes are still being read; try again in a moment"));
      return;
    }

  if (n == 0)
    {
      _cx_window_toast (self, CX_TOAST_NONE, _("There are no scenes yet: add one with Ctrl+D"));
      return;
    }

  current = cx_scene_list_get_current (self->scenes);
  if (current < 0)
    next = step > 0 ? 0 : n - 1;
  else if (current + step >= n)
    {
      say_scene_edge (self, _("Last scene"));
      return;
    }
  else if (current + step < 0)
    {
      say_scene_edge (self, _("First scene"));
      return;
    }
  else
    next = current + step;

  apply_scene (self, (guint) next, FALSE);
}

static void
scene_next_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  scene_step (CX_WINDOW (widget), 1);
}

static void
scene_previous_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  scene_step (CX_WINDOW (widget), -1);
}

static void
scene_add_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cx_window_add_scene (CX_WINDOW (widget), NULL);
}

static void
on_rename_response (CxRenameDialog *dialog,
                    const char     *response,
                    CxWindow       *self)
{
  CxScene *scene = CX_SCENE (cx_rename_dialog_get_item (dialog));
  g_autofree char *new_title = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *old_note = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  new_title = g_strstrip (g_strdup (cx_rename_dialog_get_text (dialog)));
  if (new_title[0] == '\0')
    {
      _cx_window_toast (self, CX_TOAST_NONE, _("A scene needs a title; it was not renamed"));
      return;
    }

  /* Only what the scenes file can hold, so that it loads again. */
  old_title = g_strdup (cx_scene_get_title (scene));
  old_note = g_strdup (cx_scene_get_note (scene));
  cx_scene_set_title (scene, new_title);
  cx_scene_set_note (scene, cx_rename_dialog_get_note (dialog));
  if (!cx_scenes_check_fits (G_LIST_MODEL (self->scenes), &error))
    {
      cx_scene_set_title (scene, old_title);
      cx_scene_set_note (scene, old_note);
      _cx_window_toast (self, CX_TOAST_ERROR, _("The scene was not renamed: %s"), error->message);
      return;
    }

  _cx_window_save_scenes (self);
  _cx_window_update_presentation (self);
}

static void
scene_rename_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(CxScene) scene = NULL;
  AdwDialog *dialog;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->scenes)))
    return;
  scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), index);

  dialog = cx_rename_dialog_new (G_OBJECT (scene), _("Rename Scene"), _("Scene title"),
                                 cx_scene_get_title (scene), cx_scene_get_note (scene));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  adw_dialog_present (dialog, widget);
}

static void
move_scene (CxWindow *self,
            guint     index,
            int       step)
{
  if (cx_scene_list_move (self->scenes, index, step))
    _cx_window_save_scenes (self);
}

static void
scene_up_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_scene (CX_WINDOW (widget), g_variant_get_uint32 (parameter), -1);
}

static void
scene_down_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_scene (CX_WINDOW (widget), g_variant_get_uint32 (parameter), 1);
}

static void
scene_delete_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (cx_scene_list_remove (self->scenes, g_variant_get_uint32 (parameter)))
    _cx_window_save_scenes (self);
}

static void
scene_open_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  guint position;

  /* --scene at start: opened once the scenes have been read. */
  if (cx_scene_list_get_loading (self->scenes))
    {
      g_set_str (&self->scene_to_open, name);
      return;
    }

  if (cx_scene_list_find (self->scenes, name, &position))
    apply_scene (self, position, TRUE);
  else
    _cx_window_toast (self, CX_TOAST_ERROR, _("There is no scene “%s”"), name);
}

static GListModel *
json_filters (void)
{
  /* A scenes file kept aside at start can be imported again. */
  static const char * const patterns[] = { "*.json", "*.json.corrupt-*", NULL };

  return _cx_window_file_filters (_("Scenes files"), "application/json", patterns);
}

static void
scenes_import_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = json_filters ();

  gtk_file_dialog_set_title (dialog, _("Import Scenes"));
  gtk_file_dialog_set_accept_label (dialog, _("_Import"));
  gtk_file_dialog_set_filters (dialog, filters);
  /* Read in a thread; a file that cannot be used is told by a toast. */
  _cx_window_choose_file (self, dialog, FALSE, cx_window_import_scenes);
}

static void
export_scenes (CxWindow *self,
               GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Within the limits of a scenes file, so that Import takes it back. */
  bytes = cx_scenes_to_bytes (G_LIST_MODEL (self->scenes), &error);
  if (bytes == NULL)
    _cx_window_toast (self, CX_TOAST_ERROR, _("The scenes could not be exported: %s"), error->message);
  else if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_autoptr(GError) cause = NULL;

      /* In words; the path and GIO's message go to the log. */
      cx_store_write_failed (file, error, &cause);
      _cx_window_toast (self, CX_TOAST_ERROR, _("The scenes could not be exported: %s"), cause->message);
    }
  else
    _cx_window_toast (self, CX_TOAST_NONE, _("Scenes exported"));
}

static void
scenes_export_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListModel) filters = NULL;

  /* Not half of them. */
  if (cx_scene_list_get_loading (self->scenes))
    {
      _cx_window_toast (self, CX_TOAST_NONE, _("Your scenes are still being read; try again in a moment"));
      return;
    }

  dialog = gtk_file_dialog_new ();
  filters = json_filters ();
  gtk_file_dialog_set_title (dialog, _("Export Scenes"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_initial_name (dialog, "changning-scenes.json");
  _cx_window_choose_file (self, dialog, TRUE, export_scenes);
}

/* The choice is offered as soon as the window shows, so the user hears of
 * the file before they change anything. */
static void
on_mapped_offer_scenes_choice (GtkWidget *widget,
                               gpointer   user_data)
{
  CxWindow *self = CX_WINDOW (widget);

  g_signal_handlers_disconnect_by_func (self, on_mapped_offer_scenes_choice, user_data);
  offer_scenes_choice (self);
}

static void
on_scenes_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *to_open = g_steal_pointer (&self->scene_to_open);
  gboolean ok;

  ok = cx_scene_list_load_finish (self->scenes, result, &notices, &error);

  /* Closed meanwhile: no one to tell, but a scene added before is saved. */
  if (self->toast_overlay == NULL)
    {
      g_autoptr(GError) save_error = NULL;

      if (cx_scene_list_take_save_pending (self->scenes) && !cx_scene_list_save (self->scenes, &save_error))
        g_warning ("Your scenes could not be saved: %s", save_error->message);
      return;
    }

  if (notices != NULL)
    _cx_window_toast (self, CX_TOAST_ERROR | CX_TOAST_LASTING, "%s", notices);

  if (!ok)
    {
      if (cx_scene_list_get_problem (self->scenes) != NULL)
        {
          /* Left where it is: saving is refused until the user chooses. */
          g_warning ("%s", error->message);
          if (gtk_widget_get_mapped (GTK_WIDGET (self)))
            offer_scenes_choice (self);
          else
            g_signal_connect (self, "map", G_CALLBACK (on_mapped_offer_scenes_choice), NULL);
        }
      else
        /* Nothing is lost: the file was moved aside, and the message says where. */
        _cx_window_toast (self, CX_TOAST_ERROR, "%s", error->message);
    }

  /* Scenes added while it was read follow the file's: now they are saved. */
  if (cx_scene_list_take_save_pending (self->scenes))
    _cx_window_save_scenes (self);

  if (to_open != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.scene-open", "s", to_open);
}

/* In a thread: a file of 1,000 scenes or of 4 MB used to keep the window
 * from its first frame for seconds. The list fills when it is read. */
void
_cx_window_load_scenes (CxWindow *self)
{
  g_signal_connect_object (self->scenes, "notify::current", G_CALLBACK (on_current_scene), self, G_CONNECT_SWAPPED);
  watch_moving_on (self);
  cx_scene_list_load_async (self->scenes, NULL, on_scenes_loaded, g_object_ref (self));
}

/* Reads the file again; if it now loads, its scenes replace the starters,
 * and the scenes added meanwhile follow them. */
static void
scenes_retry_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint n_loaded;
  gboolean merged;

  if (cx_scene_list_get_problem (self->scenes) == NULL)
    return;

  if (!cx_scene_list_retry (self->scenes, &n_loaded, &merged, &error))
    {
      if (cx_scene_list_get_problem (self->scenes) != NULL)
        {
          g_warning ("%s", error->message);
          offer_scenes_choice (self);
        }
      else
        {
          /* Readable now but not scenes: it was moved aside, so saving is safe. */
          _cx_window_toast (self, CX_TOAST_ERROR, "%s", error->message);
          _cx_window_save_scenes (self);
        }
      return;
    }

  if (merged)
    _cx_window_save_scenes (self);

  _cx_window_toast (self, CX_TOAST_NONE,
                    ngettext ("Your scenes file was read: %u scene", "Your scenes file was read: %u scenes", n_loaded), n_loaded);
}

/* Moves the file that failed aside, intact, and saves what the window has. */
static void
scenes_keep_aside_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_as = NULL;

  if (cx_scene_list_get_problem (self->scenes) == NULL)
    return;

  if (!cx_scene_list_keep_aside (self->scenes, &kept_as, &error))
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("Your scenes file could not be moved aside, so nothing was saved: %s"), error->message);
      return;
    }

  _cx_window_save_scenes (self);

  if (kept_as != NULL)
    _cx_window_toast (self, CX_TOAST_LOG, _("Your old scenes file was kept as %s; scenes are saved afresh"), kept_as);
  else
    _cx_window_toast (self, CX_TOAST_LOG, _("Scenes are saved afresh"));
}

/**
 * cx_window_add_scene:
 * @title: (nullable): the scene's title; %NULL names it after the selection
 *
 * Adds the current view, layers and selection as a scene, and saves.
 */
void
cx_window_add_scene (CxWindow   *self,
                     const char *title)
{
  ShumateViewport *viewport;
  GObject *item;
  g_autofree char *default_title = NULL;
  g_auto(GStrv) layers = NULL;
  g_autoptr(CxScene) scene = NULL;
  g_autoptr(GListStore) one = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(GError) error = NULL;
  const char *selection = NULL;
  CxBounds extent;

  g_return_if_fail (CX_IS_WINDOW (self));
  g_return_if_fail (self->map_view != NULL);

  viewport = cx_map_view_get_viewport (self->map_view);
  item = cx_selection_get_item (self->selection);
  /* A scene names what it selects by its id in the pack: a feature of an
   * imported layer is not in it. */
  if (item != NULL && cx_item_get_kind (CX_ITEM (item)) != CX_SELECTION_IMPORTED)
    {
      selection = cx_item_get_id (CX_ITEM (item));
      default_title = g_strdup (cx_item_get_title (CX_ITEM (item)));
    }
  else
    default_title = g_strdup_printf (_("Scene %u"), g_list_model_get_n_items (G_LIST_MODEL (self->scenes)) + 1);

  layers = cx_visibility_dup_visible_ids (self->visibility);
  scene = cx_scene_new (title != NULL ? title : default_title,
                        shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                        shumate_viewport_get_zoom_level (viewport),
                        (const char * const *) layers, selection);
  /* What shows beside the panels, to show whole on any other screen. */
  if (cx_map_view_get_visible_extent (self->map_view, &extent))
    cx_scene_set_extent (scene, &extent);
  if (cx_session_get_thematic (self->session) != NULL)
    cx_scene_set_thematic (scene, cx_statistic_get_id (cx_session_get_thematic (self->session)));
  /* What is drawn on the map belongs to the scene from now on. */
  if (self->annotations != NULL)
    {
      g_autoptr(GPtrArray) marks = cx_annotations_dup_all (self->annotations);

      cx_scene_set_annotations (scene, marks);
    }
  g_list_store_append (one, scene);
  /* Refused rather than saved into a file that would not load. */
  if (!cx_scene_list_add (self->scenes, G_LIST_MODEL (one), &error))
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The scene was not added: %s"), error->message);
      return;
    }
  cx_scene_list_set_current (self->scenes, (int) g_list_model_get_n_items (G_LIST_MODEL (self->scenes)) - 1);
  scene_shown (self, FALSE);
  _cx_window_save_scenes (self);

  _cx_window_toast (self, CX_TOAST_NONE, _("Scene “%s” added"), cx_scene_get_title (scene));
}

static void
on_scenes_imported (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) imported = cx_scenes_load_shared_finish (result, &error);
  guint n;

  if (imported == NULL)
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The scenes could not be imported: %s"), error->message);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (imported));
  /* The file obeys the limits; together with the scenes here they may not. */
  if (!cx_scene_list_add (self->scenes, G_LIST_MODEL (imported), &error))
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("The scenes could not be imported: %s"), error->message);
      return;
    }
  _cx_window_save_scenes (self);

  _cx_window_toast (self, CX_TOAST_NONE, ngettext ("%u scene imported", "%u scenes imported", n), n);
}

/**
 * cx_window_import_scenes:
 *
 * Appends the scenes of a shared file, and saves. The file is read in a
 * thread (it may be anything the user chose); a file that cannot be read as
 * scenes changes nothing, and a toast says why.
 */
void
cx_window_import_scenes (CxWindow *self,
                         GFile    *file)
{
  g_return_if_fail (CX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  cx_scenes_load_shared_async (file, NULL, on_scenes_imported, g_object_ref (self));
}

void
_cx_window_class_scenes_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.scene-add", NULL, scene_add_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-apply", "u", scene_apply_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-rename", "u", scene_rename_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-up", "u", scene_up_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-down", "u", scene_down_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-delete", "u", scene_delete_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-next", NULL, scene_next_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-previous", NULL, scene_previous_activated);
  gtk_widget_class_install_action (widget_class, "win.scene-open", "s", scene_open_activated);
  gtk_widget_class_install_action (widget_class, "win.scenes-import", NULL, scenes_import_activated);
  gtk_widget_class_install_action (widget_class, "win.scenes-export", NULL, scenes_export_activated);
  gtk_widget_class_install_action (widget_class, "win.scenes-retry", NULL, scenes_retry_activated);
  gtk_widget_class_install_action (widget_class, "win.scenes-keep-aside", NULL, scenes_keep_aside_activated);
}
