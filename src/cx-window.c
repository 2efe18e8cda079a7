/* cx-window.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-announce.h"
#include "cx-details-panel.h"
#include "cx-format.h"
#include "cx-geo-uri.h"
#include "cx-handout.h"
#include "cx-layer-panel.h"
#include "cx-legend.h"
#include "cx-network-source.h"
#include "cx-pack-error.h"
#include "cx-pack-updater.h"
#include "cx-preferences.h"
#include "cx-sidebar.h"
#include "cx-sources-dialog.h"
#include "cx-window.h"

#define CX_STARTER_SCENES_URI "resource:///io/github/changning/Explorer/packs/changning/scenes.json"

struct _CxWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *header_bar;
  AdwWindowTitle      *window_title;
  AdwOverlaySplitView *layers_split;
  AdwOverlaySplitView *details_split;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkWidget           *presentation_card;
  GtkRevealer         *import_revealer;
  GtkRevealer         *offline_revealer;
  GtkLabel            *import_label;
  GtkProgressBar      *import_progress;

  /* Owned */
  GSettings       *settings;    /* NULL when the schema is not installed */
  CxSelection     *selection;   /* NULL when there is no pack */
  CxVisibility    *visibility;  /* NULL when there is no pack */
  GListStore      *scenes;      /* CxScene */
  GFile           *scenes_file;
  char            *scenes_problem; /* why scenes_file failed to load; it is never saved over meanwhile */
  AdwDialog       *scenes_dialog;  /* the choice offered about it, while it is open */
  GListStore      *imported;    /* CxImportedLayer */
  GFile           *layers_dir;
  GCancellable    *import_cancellable;
  GQueue           import_queue; /* GFile waiting for the one being imported */
  gboolean         import_gcj02;
  gboolean         update_on_demand;

  /* Borrowed */
  CxMapView       *map_view;
  GtkWidget       *details;
  GtkWidget       *layer_panel;
  GtkWidget       *sidebar;
  GtkWindow       *shortcuts;   /* built when first shown */

  int              current_scene;
  gboolean         presenting;
  gboolean         panels_before_presenting[2];
  gboolean         panels_before_hiding[2];
  gboolean         panels_hidden;

  gulong           after_paint_id;
  guint            panels_idle_id;
  GdkFrameClock   *frame_clock;
};

G_DEFINE_FINAL_TYPE (CxWindow, cx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  FIRST_FRAME,
  LAYER_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ensure_panels (CxWindow *self);
static void toast_error (CxWindow   *self,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static gboolean
build_panels_idle (gpointer data)
{
  CxWindow *self = data;

  self->panels_idle_id = 0;
  ensure_panels (self);

  return G_SOURCE_REMOVE;
}

static void on_details_collapsed_at_start (CxWindow *self);

static void
on_after_paint (GdkFrameClock *clock,
                CxWindow      *self)
{
  g_signal_handler_disconnect (clock, self->after_paint_id);
  self->after_paint_id = 0;
  self->frame_clock = NULL;

  /* The map is on screen: now the panels (see ensure_panels()). */
  if (self->sidebar == NULL && self->panels_idle_id == 0)
    self->panels_idle_id = g_idle_add (build_panels_idle, self);

  /* The window has its first size: a later collapse is the user's. */
  g_signal_handlers_disconnect_by_func (self->details_split, on_details_collapsed_at_start, self);
  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

static void
cx_window_map (GtkWidget *widget)
{
  CxWindow *self = CX_WINDOW (widget);

  GTK_WIDGET_CLASS (cx_window_parent_class)->map (widget);

  if (self->after_paint_id == 0 && self->frame_clock == NULL)
    {
      self->frame_clock = gtk_widget_get_frame_clock (widget);
      if (self->frame_clock != NULL)
        self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                                 G_CALLBACK (on_after_paint), self);
    }
}

static void
zoom_district_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    cx_map_view_fit_district (self->map_view);
}

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    cx_map_view_zoom_by (self->map_view, 1);
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    cx_map_view_zoom_by (self->map_view, -1);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->selection != NULL)
    cx_selection_go_back (self->selection);
}

static void
zoom_to_selection_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    cx_map_view_zoom_to_selection (self->map_view);
}

static void
show_sources_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->selection != NULL)
    adw_dialog_present (cx_sources_dialog_new (cx_selection_get_pack (self->selection)), widget);
}

static void
select_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cx_window_select_id (CX_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ------------------------------------------------------------------ */
/* Layers                                                              */
/* ------------------------------------------------------------------ */

static void
toggle_layer_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->visibility != NULL)
    cx_visibility_toggle_index (self->visibility, g_variant_get_uint32 (parameter));
}

static void
set_layers_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_auto(GStrv) ids = NULL;

  if (self->visibility == NULL)
    return;

  ids = g_strsplit (g_variant_get_string (parameter, NULL), ",", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      if (ids[i][0] != '\0' && cx_data_pack_lookup_layer (cx_visibility_get_pack (self->visibility), ids[i]) == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("There is no layer “%s”"), ids[i]);
          g_autofree char *escaped = g_markup_escape_text (message, -1);

          g_warning ("%s", message);
          cx_window_add_toast (self, escaped);
        }
    }
  cx_visibility_set_visible_ids (self->visibility, (const char * const *) ids);
}

static void
save_visibility (CxWindow *self)
{
  g_auto(GStrv) hidden = NULL;

  if (self->settings == NULL || self->visibility == NULL)
    return;

  hidden = cx_visibility_dup_hidden_ids (self->visibility);
  g_settings_set_strv (self->settings, "hidden-layers", (const char * const *) hidden);
}

/* ------------------------------------------------------------------ */
/* Panels and presentation mode                                        */
/* ------------------------------------------------------------------ */

static void
toggle_panels_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  gboolean any = adw_overlay_split_view_get_show_sidebar (self->layers_split) || adw_overlay_split_view_get_show_sidebar (self->details_split);

  if (any)
    {
      self->panels_before_hiding[0] = adw_overlay_split_view_get_show_sidebar (self->layers_split);
      self->panels_before_hiding[1] = adw_overlay_split_view_get_show_sidebar (self->details_split);
      self->panels_hidden = TRUE;
      adw_overlay_split_view_set_show_sidebar (self->layers_split, FALSE);
      adw_overlay_split_view_set_show_sidebar (self->details_split, FALSE);
    }
  else
    {
      gboolean restore = self->panels_hidden;

      adw_overlay_split_view_set_show_sidebar (self->layers_split, restore ? self->panels_before_hiding[0] : TRUE);
      adw_overlay_split_view_set_show_sidebar (self->details_split, restore ? self->panels_before_hiding[1] : TRUE);
      self->panels_hidden = FALSE;
    }
}

static const char *
current_title (CxWindow *self)
{
  if (self->current_scene >= 0 && (guint) self->current_scene < g_list_model_get_n_items (G_LIST_MODEL (self->scenes)))
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), (guint) self->current_scene);
      return cx_scene_get_title (scene);
    }

  return NULL;
}

/* The compact title and legend shown over the map while presenting. */

/* The district in Chinese and in the user's language; in Chinese, where the
 * two are the same, in Chinese and English ("长宁区 · Changning District"). */
static char *
district_heading (CxDataPack *pack)
{
  const char *name = cx_data_pack_get_name (pack);

  if (g_strcmp0 (cx_data_pack_get_name_zh (pack), name) == 0)
    name = cx_data_pack_get_name_en (pack);
  return g_strdup_printf ("%s · %s", cx_data_pack_get_name_zh (pack), name);
}

static void
rebuild_presentation_card (CxWindow *self)
{
  CxDataPack *pack;
  GListModel *layers;
  GtkWidget *child, *title;
  const char *scene_title = current_title (self);
  g_autofree char *heading = NULL;

  while ((child = gtk_widget_get_first_child (self->presentation_card)) != NULL)
    gtk_box_remove (GTK_BOX (self->presentation_card), child);

  if (self->visibility == NULL)
    return;

  pack = cx_visibility_get_pack (self->visibility);
  heading = district_heading (pack);
  title = gtk_label_new (scene_title != NULL ? scene_title : heading);
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (self->presentation_card), title);
  if (scene_title != NULL)
    {
      GtkWidget *sub = gtk_label_new (heading);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (self->presentation_card), sub);
    }

  layers = cx_data_pack_get_layers (pack);
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      GtkWidget *row, *label;

      if (!cx_visibility_get_visible_index (self->visibility, i))
        continue;

      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      gtk_box_append (GTK_BOX (row), cx_legend_swatch_new (layer, TRUE));
      label = gtk_label_new (cx_layer_get_name (layer));
      gtk_widget_add_css_class (label, "title-4");
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->presentation_card), row);
    }
}

static void
set_presenting (CxWindow *self,
                gboolean  presenting)
{
  if (self->presenting == presenting || self->map_view == NULL)
    return;

  self->presenting = presenting;
  if (presenting)
    {
      self->panels_before_presenting[0] = adw_overlay_split_view_get_show_sidebar (self->layers_split);
      self->panels_before_presenting[1] = adw_overlay_split_view_get_show_sidebar (self->details_split);
      adw_overlay_split_view_set_show_sidebar (self->layers_split, FALSE);
      adw_overlay_split_view_set_show_sidebar (self->details_split, FALSE);
      gtk_widget_set_visible (self->header_bar, FALSE);
      rebuild_presentation_card (self);
      gtk_widget_set_visible (self->presentation_card, TRUE);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_set_visible (self->presentation_card, FALSE);
      gtk_widget_set_visible (self->header_bar, TRUE);
      adw_overlay_split_view_set_show_sidebar (self->layers_split, self->panels_before_presenting[0]);
      adw_overlay_split_view_set_show_sidebar (self->details_split, self->panels_before_presenting[1]);
    }

  cx_overlay_layer_set_presentation (cx_map_view_get_overlay (self->map_view), presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", presenting);
  /* The map keeps the keyboard, for the clicker's Page Down. */
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
}

/* A split view shows its sidebar again when it stops being collapsed, as
 * when presenting makes the window full screen: not while presenting. And
 * in a narrow window, where both panels float over the map, they would
 * overlap: the one asked for last is shown. */
static void
on_sidebar_shown (AdwOverlaySplitView *split,
                  GParamSpec          *pspec,
                  CxWindow            *self)
{
  AdwOverlaySplitView *other = split == self->layers_split ? self->details_split : self->layers_split;

  if (!adw_overlay_split_view_get_show_sidebar (split))
    return;

  if (self->presenting)
    adw_overlay_split_view_set_show_sidebar (split, FALSE);
  else if (adw_overlay_split_view_get_collapsed (split) && adw_overlay_split_view_get_collapsed (other))
    adw_overlay_split_view_set_show_sidebar (other, FALSE);
}

static void
presentation_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  set_presenting (self, !self->presenting);
}

static void
leave_presentation_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  set_presenting (CX_WINDOW (widget), FALSE);
}

/* ------------------------------------------------------------------ */
/* Scenes                                                              */
/* ------------------------------------------------------------------ */

static void add_toast (CxWindow   *self,
                       const char *message,
                       gboolean    urgent);
static void add_lasting_notice (CxWindow   *self,
                                const char *text);
static void toast_error (CxWindow   *self,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

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

  if (self->scenes_dialog != NULL || self->scenes_problem == NULL)
    return;

  dialog = adw_alert_dialog_new (_("Scenes File Unreadable"), self->scenes_problem);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Not Now"),
                                  "retry", _("_Try Again"),
                                  "aside", _("_Keep It Aside and Start Afresh"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "retry", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "retry");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_scenes_dialog_response), self, 0);
  self->scenes_dialog = dialog;
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
save_scenes (CxWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* Never over a file that failed to load: that would replace the user's
   * scenes with the starters. The change stays in this window until the
   * user chooses. */
  if (self->scenes_problem != NULL)
    {
      g_autofree char *shown = g_file_get_parse_name (self->scenes_file);

      g_warning ("Scenes not saved: %s failed to load and is not written over until the user chooses", shown);
      add_toast (self, _("Scenes not saved: your scenes file could not be read, and is not written over"), TRUE);
      offer_scenes_choice (self);
      return;
    }

  if (!cx_scenes_save_file (G_LIST_MODEL (self->scenes), self->scenes_file, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Scenes could not be saved: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      g_warning ("%s", message);
      cx_window_add_toast (self, escaped);
    }
}

static void
set_current_scene (CxWindow *self,
                   int       index)
{
  self->current_scene = index;
  if (self->layer_panel != NULL)
    cx_layer_panel_set_current_scene (CX_LAYER_PANEL (self->layer_panel), index);
  if (self->presenting)
    rebuild_presentation_card (self);
}

static void
apply_scene (CxWindow *self,
             guint     index)
{
  g_autoptr(CxScene) scene = NULL;
  const char *selection;

  if (self->map_view == NULL || index >= g_list_model_get_n_items (G_LIST_MODEL (self->scenes)))
    return;

  scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), index);
  cx_visibility_set_visible_ids (self->visibility, cx_scene_get_layers (scene));

  /* The scene says where to look: selecting must not move the map too. */
  selection = cx_scene_get_selection (scene);
  cx_map_view_set_follow_selection (self->map_view, FALSE);
  if (selection == NULL)
    cx_selection_clear (self->selection);
  else if (!cx_selection_select_by_id (self->selection, selection))
    g_warning ("Scene “%s” selects “%s”, which this data pack does not have", cx_scene_get_title (scene), selection);
  cx_map_view_set_follow_selection (self->map_view, TRUE);

  cx_map_view_go_to (self->map_view, cx_scene_get_latitude (scene), cx_scene_get_longitude (scene), cx_scene_get_zoom (scene));
  set_current_scene (self, (int) index);
}

static void
scene_apply_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  apply_scene (CX_WINDOW (widget), g_variant_get_uint32 (parameter));
}

static void
scene_step (CxWindow *self,
            int       step)
{
  int n = (int) g_list_model_get_n_items (G_LIST_MODEL (self->scenes));
  int next;

  if (n == 0)
    {
      cx_window_add_toast (self, _("There are no scenes yet: add one with Ctrl+D"));
      return;
    }

  next = self->current_scene < 0 ? (step > 0 ? 0 : n - 1) : CLAMP (self->current_scene + step, 0, n - 1);
  apply_scene (self, (guint) next);
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
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    cx_window_add_scene (self, NULL);
}

static void
on_rename_response (AdwAlertDialog *dialog,
                    const char     *response,
                    CxWindow       *self)
{
  CxScene *scene = g_object_get_data (G_OBJECT (dialog), "cx-scene");
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "cx-title");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "cx-note");
  g_autofree char *new_title = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  new_title = g_strstrip (g_strdup (gtk_editable_get_text (title)));
  if (new_title[0] == '\0')
    {
      cx_window_add_toast (self, _("A scene needs a title; it was not renamed"));
      return;
    }

  cx_scene_set_title (scene, new_title);
  cx_scene_set_note (scene, gtk_editable_get_text (note));
  save_scenes (self);
  if (self->presenting)
    rebuild_presentation_card (self);
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
  GtkWidget *box, *title, *note;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->scenes)))
    return;
  scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), index);

  dialog = adw_alert_dialog_new (_("Rename Scene"), NULL);
  /* Entry rows: their titles say which field is which, also once filled. */
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  title = adw_entry_row_new ();
  note = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Scene title"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note for the audience (optional)"));
  gtk_editable_set_text (GTK_EDITABLE (title), cx_scene_get_title (scene));
  gtk_editable_set_text (GTK_EDITABLE (note), cx_scene_get_note (scene));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (title), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (box), title);
  gtk_list_box_append (GTK_LIST_BOX (box), note);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), box);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "rename", _("_Rename"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "rename");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "cx-scene", g_object_ref (scene), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "cx-title", title);
  g_object_set_data (G_OBJECT (dialog), "cx-note", note);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), self);
  adw_dialog_present (ADW_DIALOG (dialog), widget);
}

static void
move_scene (CxWindow *self,
            guint     index,
            int       step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenes));
  g_autoptr(CxScene) scene = NULL;
  int target = (int) index + step;

  if (index >= n || target < 0 || target >= (int) n)
    return;

  scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), index);
  g_list_store_remove (self->scenes, index);
  g_list_store_insert (self->scenes, (guint) target, scene);

  if (self->current_scene == (int) index)
    set_current_scene (self, target);
  else if (self->current_scene == target)
    set_current_scene (self, (int) index);
  save_scenes (self);
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
  guint index = g_variant_get_uint32 (parameter);

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->scenes)))
    return;

  g_list_store_remove (self->scenes, index);
  if (self->current_scene == (int) index)
    set_current_scene (self, -1);
  else if (self->current_scene > (int) index)
    set_current_scene (self, self->current_scene - 1);
  save_scenes (self);
}

static void
scene_open_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  CxScene *scene = cx_scenes_find (G_LIST_MODEL (self->scenes), name);
  guint position;

  if (scene != NULL && g_list_store_find (self->scenes, scene, &position))
    apply_scene (self, position);
  else
    {
      g_autofree char *message = g_strdup_printf (_("There is no scene “%s”"), name);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      g_warning ("%s", message);
      cx_window_add_toast (self, escaped);
    }
}

static GListModel *
json_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Scenes files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  /* A scenes file kept aside at start can be imported again. */
  gtk_file_filter_add_pattern (filter, "*.json.corrupt-*");
  g_list_store_append (filters, filter);
  return G_LIST_MODEL (filters);
}

/* Whether a file dialog gave nothing because of an error worth telling:
 * cancelling it is not one. */
static gboolean
file_dialog_failed (CxWindow     *self,
                    const GError *error)
{
  if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
      g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    return FALSE;

  toast_error (self, _("The file chooser could not be opened: %s"), error->message);
  return TRUE;
}

static void
on_scenes_import_chosen (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);

  if (file == NULL)
    {
      file_dialog_failed (self, error);
      return;
    }

  /* Read in a thread; a file that cannot be used is told by a toast. */
  cx_window_import_scenes (self, file);
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
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_scenes_import_chosen, g_object_ref (self));
}

static void
on_scenes_export_chosen (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (file == NULL)
    {
      file_dialog_failed (self, error);
      return;
    }

  bytes = cx_scenes_to_bytes (G_LIST_MODEL (self->scenes));
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    toast_error (self, _("The scenes could not be exported: %s"), error->message);
  else
    cx_window_add_toast (self, _("Scenes exported"));
}

static void
scenes_export_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = json_filters ();

  gtk_file_dialog_set_title (dialog, _("Export Scenes"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_initial_name (dialog, "changning-scenes.json");
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_scenes_export_chosen, g_object_ref (self));
}

static void
append_starter_scenes (CxWindow *self)
{
  g_autoptr(GFile) starter = g_file_new_for_uri (CX_STARTER_SCENES_URI);
  g_autoptr(GBytes) bytes = g_file_load_bytes (starter, NULL, NULL, NULL);
  g_autoptr(GListStore) starters = bytes != NULL ? cx_scenes_from_bytes (bytes, NULL) : NULL;

  for (guint i = 0; starters != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (starters)); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (starters), i);

      /* The pack's starter scenes come in the user's language; once
       * saved they are the user's own text. */
      cx_scene_set_title (scene, g_dpgettext2 (GETTEXT_PACKAGE, "starter-scene-title", cx_scene_get_title (scene)));
      if (cx_scene_get_note (scene)[0] != '\0')
        cx_scene_set_note (scene, g_dpgettext2 (GETTEXT_PACKAGE, "starter-scene-note", cx_scene_get_note (scene)));
      /* Replaced by the user's own scenes if their file reads later. */
      g_object_set_data (G_OBJECT (scene), "cx-starter", GINT_TO_POINTER (TRUE));
      g_list_store_append (self->scenes, scene);
    }
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
load_scenes (CxWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *notices = NULL;
  g_autoptr(GListStore) loaded = NULL;
  gboolean existed;

  loaded = cx_scenes_load_file_full (self->scenes_file, &aside, &notices, &error);
  existed = g_file_query_exists (self->scenes_file, NULL);

  if (notices != NULL)
    add_lasting_notice (self, notices);

  if (loaded == NULL && aside == NULL)
    {
      /* Left where it is: saving is refused until the user chooses. */
      self->scenes_problem = g_strdup (error->message);
      g_warning ("%s", self->scenes_problem);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        offer_scenes_choice (self);
      else
        g_signal_connect (self, "map", G_CALLBACK (on_mapped_offer_scenes_choice), NULL);
      existed = FALSE;
    }
  else if (loaded == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* Nothing is lost: the file was moved aside, and the message says where. */
      g_warning ("%s", error->message);
      add_toast (self, escaped, TRUE);
      existed = FALSE;
    }
  else if (existed)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (loaded)); i++)
        {
          g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (loaded), i);
          g_list_store_append (self->scenes, scene);
        }
    }

  /* A first start (or a start after a file that could not be read) begins
   * with the pack's starter scenes. */
  if (!existed)
    append_starter_scenes (self);
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
  g_autofree char *aside = NULL;
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_loaded;

  if (self->scenes_problem == NULL)
    return;

  loaded = cx_scenes_load_file_full (self->scenes_file, &aside, NULL, &error);
  if (loaded == NULL && aside == NULL)
    {
      g_free (self->scenes_problem);
      self->scenes_problem = g_strdup (error->message);
      g_warning ("%s", self->scenes_problem);
      offer_scenes_choice (self);
      return;
    }

  g_clear_pointer (&self->scenes_problem, g_free);
  if (loaded == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* Readable now but not scenes: it was moved aside, so saving is safe. */
      g_warning ("%s", error->message);
      add_toast (self, escaped, TRUE);
      save_scenes (self);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->scenes)); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), i);

      if (g_object_get_data (G_OBJECT (scene), "cx-starter") == NULL)
        g_ptr_array_add (added, g_steal_pointer (&scene));
    }

  n_loaded = g_list_model_get_n_items (G_LIST_MODEL (loaded));
  for (guint i = 0; i < added->len; i++)
    g_list_store_append (loaded, g_ptr_array_index (added, i));
  g_list_store_remove_all (self->scenes);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (loaded)); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (loaded), i);
      g_list_store_append (self->scenes, scene);
    }
  set_current_scene (self, -1);

  if (added->len > 0)
    save_scenes (self);

  {
    g_autofree char *message = g_strdup_printf (ngettext ("Your scenes file was read: %u scene", "Your scenes file was read: %u scenes", n_loaded), n_loaded);
    add_toast (self, message, FALSE);
  }
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
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  if (self->scenes_problem == NULL)
    return;

  if (!cx_scenes_keep_aside (self->scenes_file, &kept_as, &error))
    {
      toast_error (self, _("Your scenes file could not be moved aside, so nothing was saved: %s"), error->message);
      return;
    }

  g_clear_pointer (&self->scenes_problem, g_free);
  save_scenes (self);

  if (kept_as != NULL)
    message = g_strdup_printf (_("Your old scenes file was kept as %s; scenes are saved afresh"), kept_as);
  else
    message = g_strdup (_("Scenes are saved afresh"));
  g_message ("%s", message);
  escaped = g_markup_escape_text (message, -1);
  add_toast (self, escaped, FALSE);
}

/* ------------------------------------------------------------------ */
/* Handouts and printing                                               */
/* ------------------------------------------------------------------ */

static void
fill_handout_view (CxWindow      *self,
                   CxHandoutView *view)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (self->map_view);
  CxDataPack *pack = cx_visibility_get_pack (self->visibility);
  const char *scene_title = current_title (self);

  view->overlay = cx_map_view_get_overlay (self->map_view);
  view->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->view_width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map_view)), 1);
  view->view_height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map_view)), 1);
  view->title = scene_title != NULL ? scene_title : cx_data_pack_get_name (pack);
  view->note = NULL;
  view->date = NULL;

  if (scene_title != NULL)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (self->scenes), (guint) self->current_scene);
      view->note = cx_scene_get_note (scene);
    }
}

/* GtkFileDialog has no "choices" (the file chooser's combo boxes), so a
 * small dialog asks first what they asked. */
static GtkWidget *
choice_row_new (const char         *title,
                const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* The choice under the title: the dialog is too narrow for both on a
   * line ("GCJ-02 (AMap, Tencent; converted)"). Set first: the subtitle
   * follows the selection from then on. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static AdwDialog *choice_dialog_new (const char *heading,
                                     const char *accept_label,
                                     GtkWidget  *first_row,
                                     ...) G_GNUC_NULL_TERMINATED;

static AdwDialog *
choice_dialog_new (const char *heading,
                   const char *accept_label,
                   GtkWidget  *first_row,
                   ...)
{
  AdwDialog *dialog = adw_alert_dialog_new (heading, NULL);
  GtkWidget *list = gtk_list_box_new ();
  va_list rows;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  va_start (rows, first_row);
  for (GtkWidget *row = first_row; row != NULL; row = va_arg (rows, GtkWidget *))
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  va_end (rows);

  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), list);
  adw_alert_dialog_set_prefer_wide_layout (ADW_ALERT_DIALOG (dialog), TRUE);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "choose", accept_label,
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "choose");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  return dialog;
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
      file_dialog_failed (self, error);
      return;
    }

  /* What the name says wins over the format chosen before. */
  name = g_file_get_basename (file);
  if (name != NULL && g_str_has_suffix (name, ".png"))
    format = CX_HANDOUT_PNG;
  else if (name != NULL && g_str_has_suffix (name, ".pdf"))
    format = CX_HANDOUT_PDF;

  if (!cx_window_export_handout (self, file, format, request->size, &error))
    toast_error (self, _("The handout could not be saved: %s"), error->message);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Handout saved as %s"), name);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      cx_window_add_toast (self, escaped);
    }
}

static void
on_export_format_response (AdwAlertDialog *choice,
                           const char     *response,
                           CxWindow       *self)
{
  AdwComboRow *format_row = g_object_get_data (G_OBJECT (choice), "cx-format");
  AdwComboRow *size_row = g_object_get_data (G_OBJECT (choice), "cx-size");
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
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
  if (request->format == CX_HANDOUT_PNG)
    {
      gtk_file_dialog_set_default_filter (dialog, png);
      gtk_file_dialog_set_initial_name (dialog, "changning-handout.png");
    }
  else
    {
      gtk_file_dialog_set_default_filter (dialog, pdf);
      gtk_file_dialog_set_initial_name (dialog, "changning-handout.pdf");
    }
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_export_chosen, request);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  const char *format_labels[] = { _("PDF"), _("PNG image"), NULL };
  const char *size_labels[] = { _("A4 landscape"), _("1920 × 1080"), NULL };
  GtkWidget *format_row, *size_row;
  AdwDialog *choice;

  if (self->map_view == NULL)
    return;

  format_row = choice_row_new (_("Format"), format_labels);
  size_row = choice_row_new (_("Size"), size_labels);
  choice = choice_dialog_new (_("Export Handout"), _("_Choose File…"), format_row, size_row, NULL);
  g_object_set_data (G_OBJECT (choice), "cx-format", format_row);
  g_object_set_data (G_OBJECT (choice), "cx-size", size_row);
  g_signal_connect (choice, "response", G_CALLBACK (on_export_format_response), self);
  adw_dialog_present (choice, widget);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              CxWindow          *self)
{
  CxHandoutView view;

  fill_handout_view (self, &view);
  cx_handout_draw (&view, gtk_print_context_get_cairo_context (context),
                   gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CxWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *escaped = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("Printing failed: %s"), error != NULL ? error->message : _("unknown error"));
      escaped = g_markup_escape_text (message, -1);
      g_warning ("%s", message);
      cx_window_add_toast (self, escaped);
    }
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;

  if (self->map_view == NULL)
    return;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("Changning Explorer handout"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), self);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      g_warning ("%s", message);
      cx_window_add_toast (self, escaped);
    }
}

/* ------------------------------------------------------------------ */
/* geo: links                                                          */
/* ------------------------------------------------------------------ */

static void
open_geo_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  const char *uri = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  double lat, lon, zoom;

  if (self->map_view == NULL)
    return;

  if (!cx_geo_uri_parse (uri, &lat, &lon, &zoom, &error))
    {
      /* Shortened, with control characters replaced: the link comes
       * from outside and ends up in the terminal and in a toast. */
      g_autofree char *shown = cx_error_excerpt (uri);
      g_autofree char *message = g_strdup_printf (_("The link “%s” cannot be opened: %s"), shown, error->message);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      g_warning ("%s", message);
      cx_window_add_toast (self, escaped);
      return;
    }

  cx_map_view_go_to (self->map_view, lat, lon, isnan (zoom) ? 16 : zoom);
}

/* ------------------------------------------------------------------ */
/* Search and screen readers                                           */
/* ------------------------------------------------------------------ */

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  ensure_panels (self);
  if (self->sidebar == NULL)
    return;

  if (self->presenting)
    set_presenting (self, FALSE);
  adw_overlay_split_view_set_show_sidebar (self->layers_split, TRUE);
  gtk_widget_grab_focus (cx_sidebar_get_search_entry (CX_SIDEBAR (self->sidebar)));
}

static void
places_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  GtkListBox *list;
  GtkListBoxRow *row;

  ensure_panels (self);
  if (self->sidebar == NULL)
    return;

  if (self->presenting)
    set_presenting (self, FALSE);
  adw_overlay_split_view_set_show_sidebar (self->layers_split, TRUE);
  cx_sidebar_show_page (CX_SIDEBAR (self->sidebar), "places");

  list = GTK_LIST_BOX (cx_sidebar_get_places_list (CX_SIDEBAR (self->sidebar)));
  row = gtk_list_box_get_selected_row (list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
focus_map_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
}

/* Says what got selected, for screen readers: "Zhongshan Park, park,
 * 2 programs". The map, which has the focus after a click, carries it in its
 * name, which screen readers read when the focused object's name changes;
 * it is also announced outright, where GTK can (see cx-announce.c). */
static void
announce_selection (CxWindow *self)
{
  g_autofree char *text = cx_format_announcement (cx_selection_get_item (self->selection));
  g_autofree char *label = NULL;

  if (self->map_view == NULL)
    return;

  label = text != NULL ? g_strdup_printf (_("Map of Changning District: %s"), text)
                       : g_strdup (_("Map of Changning District"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map_view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (text != NULL)
    cx_accessible_announce (GTK_ACCESSIBLE (self), text);
}

/* In a narrow window the details float over the map, hidden until asked
 * for. */
static void
reveal_details_for_selection (CxWindow *self)
{
  if (cx_selection_get_item (self->selection) == NULL || self->presenting)
    return;
  if (adw_overlay_split_view_get_collapsed (self->details_split))
    adw_overlay_split_view_set_show_sidebar (self->details_split, TRUE);
}

/* A window that opens narrow with a place chosen (`--feature`, a geo: link
 * or a scene, on a phone) collapses after the selection was made: show its
 * details then, once; later the user opens them (F9, or the header's
 * button). */
static void
on_details_collapsed_at_start (CxWindow *self)
{
  if (!adw_overlay_split_view_get_collapsed (self->details_split))
    return;
  g_signal_handlers_disconnect_by_func (self->details_split, on_details_collapsed_at_start, self);
  reveal_details_for_selection (self);
}

/* ------------------------------------------------------------------ */
/* GeoJSON layers                                                      */
/* ------------------------------------------------------------------ */

static void toast_error (CxWindow   *self,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void add_toast (CxWindow   *self,
                       const char *message,
                       gboolean    urgent);
static void add_lasting_notice (CxWindow   *self,
                                const char *text);

static void
toast_error (CxWindow   *self,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  escaped = g_markup_escape_text (message, -1);

  g_warning ("%s", message);
  add_toast (self, escaped, TRUE);
}

static CxImportedLayer *
find_imported (CxWindow   *self,
               const char *id,
               guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->imported)); i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->imported), i);

      if (g_strcmp0 (cx_imported_layer_get_id (layer), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return layer;
        }
    }

  return NULL;
}

static void
on_imported_visible (CxImportedLayer *layer,
                     GParamSpec      *pspec,
                     CxWindow        *self)
{
  g_autoptr(GError) error = NULL;

  if (!cx_import_store_set_visible (layer, self->layers_dir, cx_imported_layer_get_visible (layer), &error))
    g_warning ("Could not remember whether “%s” is shown: %s", cx_imported_layer_get_name (layer), error->message);
}

/* Returns whether the layer lies (partly) outside the pack's pan limit,
 * which then widens to take it in. */
static gboolean
show_imported (CxWindow        *self,
               CxImportedLayer *layer)
{
  CxBounds bounds = cx_imported_layer_get_bounds (layer);

  g_list_store_append (self->imported, layer);
  g_signal_connect_object (layer, "notify::visible", G_CALLBACK (on_imported_visible), self, 0);
  return cx_map_view_include_bounds (self->map_view, &bounds);
}

/* "100.0°E, 0.0°N": where a box's centre is, for a message. */
static char *
describe_place (const CxBounds *b)
{
  double lon = (b->min_x + b->max_x) / 2;
  double lat = (b->min_y + b->max_y) / 2;
  char lon_text[G_ASCII_DTOSTR_BUF_SIZE], lat_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lon_text, sizeof lon_text, "%.1f", fabs (lon));
  g_ascii_formatd (lat_text, sizeof lat_text, "%.1f", fabs (lat));
  /* TRANSLATORS: a place as longitude and latitude, e.g. "100.0°E, 0.0°N" */
  return g_strdup_printf (_("%s°%s, %s°%s"), lon_text, lon < 0 ? C_("longitude", "W") : C_("longitude", "E"),
                          lat_text, lat < 0 ? C_("latitude", "S") : C_("latitude", "N"));
}

/* What the toast after an import says: how much was imported, and, so that
 * no import ends out of sight or in silence, whether anything could be
 * drawn, where the data is when it lies outside the district, and what
 * was drawn other than as written. Sets @warning when something the user
 * may not expect happened: the toast is then shown at once. */
static char *
import_summary (CxImportedLayer *layer,
                gboolean         outside,
                gboolean        *warning)
{
  guint n = g_list_model_get_n_items (cx_imported_layer_get_features (layer));
  guint unlocated = cx_imported_layer_get_n_unlocated (layer);
  guint clamped = cx_imported_layer_get_n_clamped (layer);
  const char *name = cx_imported_layer_get_name (layer);
  CxBounds bounds = cx_imported_layer_get_bounds (layer);
  GString *out = g_string_new (NULL);

  *warning = FALSE;

  if (n == 0)
    {
      *warning = TRUE;
      if (unlocated == 0)
        g_string_append_printf (out, _("“%s” was added, but it holds no features: there is nothing to draw"), name);
      else
        g_string_append_printf (out, ngettext ("“%2$s” was added, but there is nothing to draw: its %1$u feature has no location (its geometry is null or empty)",
                                               "“%2$s” was added, but there is nothing to draw: none of its %1$u features has a location (their geometries are null or empty)",
                                               unlocated),
                                unlocated, name);
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out, ngettext ("“%2$s”: %1$u feature imported", "“%2$s”: %1$u features imported", n),
                          n, name);

  if (outside)
    {
      g_autofree char *place = describe_place (&bounds);

      /* Shown at once, not behind other toasts: the map has moved far
       * from the district, and this says why. */
      *warning = TRUE;

      /* TRANSLATORS: after "“Layer”: 3 features imported" */
      g_string_append_printf (out, _(", around %s, outside the district’s map; the map now reaches it"), place);
    }

  if (unlocated > 0)
    {
      *warning = TRUE;
      /* TRANSLATORS: between two sentences of a message */
      g_string_append (out, _(". "));
      g_string_append_printf (out, ngettext ("%u feature has no location and is not drawn",
                                             "%u features have no location and are not drawn", unlocated),
                              unlocated);
    }

  if (clamped > 0)
    {
      *warning = TRUE;
      g_string_append (out, _(". "));
      g_string_append_printf (out, ngettext ("%u position lies beyond 85.05° latitude, where the map ends, and is drawn at its edge",
                                             "%u positions lie beyond 85.05° latitude, where the map ends, and are drawn at its edge", clamped),
                              clamped);
    }

  return g_string_free (out, FALSE);
}

static void
on_imported_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings = NULL;
  g_autoptr(GListStore) layers = cx_import_store_load_all_finish (result, &warnings, &error);

  if (self->map_view == NULL)
    return;

  if (layers == NULL)
    {
      toast_error (self, _("Your layers could not be loaded: %s"), error->message);
      return;
    }

  /* Nothing is dropped silently: what happened to each layer's files is
   * said, and stays on screen until read (a dialog may be over it). */
  if (warnings != NULL && warnings[0] != '\0')
    add_lasting_notice (self, warnings);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (layers)); i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (layers), i);
      show_imported (self, layer);
    }
}

static void
load_imported (CxWindow *self)
{
  cx_import_store_load_all_async (self->layers_dir, NULL, on_imported_loaded, g_object_ref (self));
}

static void import_next (CxWindow *self);

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  CxWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->import_progress, CLAMP (fraction, 0, 1));
}

static void
on_layer_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cx_import_store_save_finish (CX_IMPORTED_LAYER (source), result, &error))
    toast_error (self, _("The layer is shown but could not be kept for next time: %s"), error->message);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = cx_import_file_finish (result, &error);

  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-cancel", FALSE);

  if (layer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cx_window_add_toast (self, _("Import cancelled"));
      else if (self->map_view != NULL)
        toast_error (self, _("The file could not be imported: %s"), error->message);
    }
  else if (self->map_view != NULL)
    {
      CxBounds bounds = cx_imported_layer_get_bounds (layer);
      gboolean outside = show_imported (self, layer);
      gboolean warning;
      g_autofree char *message = import_summary (layer, outside, &warning);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      cx_import_store_save_async (layer, self->layers_dir, NULL, on_layer_saved, g_object_ref (self));
      g_message ("%s", message);
      add_toast (self, escaped, warning);
      cx_map_view_zoom_to_bounds (self->map_view, &bounds);
      g_signal_emit (self, signals[LAYER_IMPORTED], 0, layer);
    }

  import_next (self);
}

/* One file at a time, off the main thread, with a progress bar. */
static void
import_next (CxWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (self->import_cancellable != NULL || self->map_view == NULL)
    return;

  file = g_queue_pop_head (&self->import_queue);
  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  label = g_strdup_printf (_("Importing %s…"), name);
  gtk_label_set_text (self->import_label, label);
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-cancel", TRUE);

  self->import_cancellable = g_cancellable_new ();
  cx_import_file_async (file, self->import_gcj02, self->import_cancellable,
                        on_import_progress, self, on_import_done, g_object_ref (self));
}

/**
 * cx_window_import_file:
 * @gcj02: the file's coordinates are GCJ-02 and are to be converted
 *
 * Imports a GeoJSON file as a layer, after any import under way.
 */
void
cx_window_import_file (CxWindow *self,
                       GFile    *file,
                       gboolean  gcj02)
{
  g_return_if_fail (CX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  self->import_gcj02 = gcj02;
  g_queue_push_tail (&self->import_queue, g_object_ref (file));
  import_next (self);
}

static void
import_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  cx_window_import_file (CX_WINDOW (widget), file, FALSE);
}

static void
import_cancel_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  g_queue_clear_full (&self->import_queue, g_object_unref);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CxWindow      *self)
{
  GSList *files = g_value_get_boxed (value);

  if (self->map_view == NULL)
    return FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    cx_window_import_file (self, l->data, FALSE);

  return files != NULL;
}

typedef struct
{
  CxWindow *window;  /* owned */
  gboolean  gcj02;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_object_unref (request->window);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportRequest, import_request_free)

static void
on_import_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ImportRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);

  if (files == NULL)
    {
      file_dialog_failed (request->window, error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      cx_window_import_file (request->window, file, request->gcj02);
    }
}

static void
on_import_datum_response (AdwAlertDialog *choice,
                          const char     *response,
                          CxWindow       *self)
{
  AdwComboRow *datum_row = g_object_get_data (G_OBJECT (choice), "cx-datum");
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ImportRequest *request;

  if (g_strcmp0 (response, "choose") != 0)
    return;

  request = g_new0 (ImportRequest, 1);
  request->window = g_object_ref (self);
  request->gcj02 = adw_combo_row_get_selected (datum_row) == 1;

  gtk_file_filter_set_name (filter, _("GeoJSON files"));
  gtk_file_filter_add_mime_type (filter, "application/geo+json");
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  /* A layer's document kept aside at start (docs/stored-files.md) can be
   * opened again once mended. */
  gtk_file_filter_add_pattern (filter, "*.geojson.corrupt-*");
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_list_store_append (filters, filter);

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, _("Open GeoJSON Layer"));
  gtk_file_dialog_set_accept_label (dialog, _("_Open"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, on_import_chosen, request);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  const char *datum_labels[] = { _("WGS84 (GPS, OpenStreetMap)"), _("GCJ-02 (AMap, Tencent; converted)"), NULL };
  GtkWidget *datum_row;
  AdwDialog *choice;

  if (self->map_view == NULL)
    return;

  datum_row = choice_row_new (_("Coordinates"), datum_labels);
  choice = choice_dialog_new (_("Open GeoJSON Layer"), _("_Choose Files…"), datum_row, NULL);
  g_object_set_data (G_OBJECT (choice), "cx-datum", datum_row);
  g_signal_connect (choice, "response", G_CALLBACK (on_import_datum_response), self);
  adw_dialog_present (choice, widget);
}

static void
imported_zoom_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  CxImportedLayer *layer = find_imported (self, g_variant_get_string (parameter, NULL), NULL);

  if (layer != NULL && self->map_view != NULL)
    {
      CxBounds bounds = cx_imported_layer_get_bounds (layer);

      cx_imported_layer_set_visible (layer, TRUE);
      cx_map_view_zoom_to_bounds (self->map_view, &bounds);
    }
}

static void
on_layer_rename_response (AdwAlertDialog *dialog,
                          const char     *response,
                          CxWindow       *self)
{
  CxImportedLayer *layer = g_object_get_data (G_OBJECT (dialog), "cx-layer");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cx-entry");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  if (!cx_import_store_rename (layer, self->layers_dir, gtk_editable_get_text (entry), &error))
    toast_error (self, _("The layer was not renamed: %s"), error->message);
}

static void
imported_rename_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  CxImportedLayer *layer = find_imported (self, g_variant_get_string (parameter, NULL), NULL);
  AdwDialog *dialog;
  GtkWidget *entry;

  if (layer == NULL)
    return;

  dialog = adw_alert_dialog_new (_("Rename Layer"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), cx_imported_layer_get_name (layer));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layer name"), -1);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), entry);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "rename");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cx-layer", g_object_ref (layer), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "cx-entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_layer_rename_response), self);
  adw_dialog_present (ADW_DIALOG (dialog), widget);
}

static void
imported_remove_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  guint position;
  CxImportedLayer *found = find_imported (self, g_variant_get_string (parameter, NULL), &position);
  g_autoptr(CxImportedLayer) layer = found != NULL ? g_object_ref (found) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  if (layer == NULL)
    return;

  if (CX_IS_IMPORTED_FEATURE (cx_selection_get_item (self->selection)) &&
      cx_imported_feature_get_layer (cx_selection_get_imported (self->selection)) == layer)
    cx_selection_clear (self->selection);

  if (!cx_import_store_remove (layer, self->layers_dir, &error))
    {
      toast_error (self, _("The layer could not be removed: %s"), error->message);
      return;
    }

  g_signal_handlers_disconnect_by_data (layer, self);
  g_list_store_remove (self->imported, position);

  /* The map reaches only as far as the layers still there need. */
  cx_map_view_reset_limits (self->map_view);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->imported)); i++)
    {
      g_autoptr(CxImportedLayer) other = g_list_model_get_item (G_LIST_MODEL (self->imported), i);
      CxBounds bounds = cx_imported_layer_get_bounds (other);

      cx_map_view_include_bounds (self->map_view, &bounds);
    }

  message = g_strdup_printf (_("Layer “%s” removed"), cx_imported_layer_get_name (layer));
  escaped = g_markup_escape_text (message, -1);
  cx_window_add_toast (self, escaped);
}

/* ------------------------------------------------------------------ */
/* Basemaps and data updates                                           */
/* ------------------------------------------------------------------ */

static void
apply_basemap_settings (CxWindow *self)
{
  g_autofree char *kind = NULL;
  g_autoptr(GError) error = NULL;
  guint64 cache = 200 << 20;

  if (self->map_view == NULL || self->settings == NULL)
    return;

  kind = g_settings_get_string (self->settings, "basemap");
  cache = (guint64) g_settings_get_int (self->settings, "tile-cache-size-mb") << 20;

  if (g_str_equal (kind, "openstreetmap"))
    {
      if (!cx_map_view_set_basemap (self->map_view, CX_OSM_SOURCE_ID, "OpenStreetMap", CX_OSM_TILE_URL,
                                    _("Map tiles © OpenStreetMap contributors (ODbL)"), CX_OSM_MAX_ZOOM,
                                    FALSE, cache, &error))
        toast_error (self, _("OpenStreetMap cannot be shown: %s"), error->message);
      return;
    }

  if (g_str_equal (kind, "custom"))
    {
      g_autofree char *url = g_settings_get_string (self->settings, "custom-tile-url");
      g_autofree char *attribution = g_settings_get_string (self->settings, "custom-tile-attribution");
      g_autofree char *datum = g_settings_get_string (self->settings, "custom-tile-datum");
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url, -1);
      g_autofree char *id = g_strdup_printf ("custom-%.12s", hash);

      if (url[0] == '\0')
        {
          cx_window_add_toast (self, _("Set a custom tile server in Preferences first; showing the schematic map"));
        }
      else if (cx_map_view_set_basemap (self->map_view, id, _("Custom tile server"), url,
                                        attribution[0] != '\0' ? attribution : url,
                                        (guint) g_settings_get_int (self->settings, "custom-tile-max-zoom"),
                                        g_str_equal (datum, "gcj02"), cache, &error))
        return;
      else
        toast_error (self, _("The custom tile server cannot be used: %s"), error->message);
    }

  /* The schematic map, drawn from the data: always there. */
  cx_map_view_set_basemap (self->map_view, NULL, NULL, NULL, NULL, 0, FALSE, 0, NULL);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    CxWindow        *self)
{
  /* Back online: ask again for the tiles that failed. */
  if (available && self->map_view != NULL && cx_map_view_get_offline (self->map_view))
    cx_map_view_retry_network (self->map_view);
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->settings == NULL)
    {
      cx_window_add_toast (self, _("Preferences need the settings schema, which is not installed"));
      return;
    }

  adw_dialog_present (cx_preferences_new (self->settings), widget);
}

static void
on_update_checked (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  CxPackUpdater *updater = CX_PACK_UPDATER (source);
  g_autoptr(GError) error = NULL;
  CxPackUpdateResult outcome;

  if (!cx_pack_updater_check_finish (updater, result, &outcome, &error))
    {
      toast_error (self, _("The data could not be updated: %s"), error->message);
      return;
    }

  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "pack-last-check", g_get_real_time () / G_USEC_PER_SEC);

  if (outcome == CX_PACK_UPDATE_UPDATED)
    {
      CxDataPack *pack = cx_pack_updater_get_pack (updater);
      g_autofree char *date = cx_format_date (cx_data_pack_get_data_date (pack));
      g_autofree char *message = g_strdup_printf (_("New data downloaded (version %d, data of %s); it is used from the next start"),
                                                  (int) cx_data_pack_get_version (pack), date);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      cx_window_add_toast (self, escaped);
    }
  else if (self->update_on_demand)
    cx_window_add_toast (self, _("The data is up to date"));
}

static void
check_for_updates (CxWindow *self,
                   gboolean  on_demand)
{
  g_autofree char *url = NULL;
  g_autoptr(CxPackUpdater) updater = NULL;
  g_autoptr(GFile) packs_dir = NULL;

  if (self->settings == NULL || self->selection == NULL)
    return;

  url = g_settings_get_string (self->settings, "pack-update-url");
  if (url[0] == '\0')
    {
      if (on_demand)
        cx_window_add_toast (self, _("No update address is set: the data built into the app is used"));
      return;
    }

  self->update_on_demand = on_demand;
  packs_dir = cx_pack_store_get_default_dir ();
  updater = cx_pack_updater_new (url, packs_dir, cx_data_pack_get_version (cx_selection_get_pack (self->selection)));
  /* Never blocks: the answer comes back as a toast. */
  cx_pack_updater_check_async (updater, NULL, on_update_checked, g_object_ref (self));
}

static void
check_updates_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  check_for_updates (CX_WINDOW (widget), TRUE);
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  /* Running uninstalled without the compiled schema must not abort. */
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; window size will not be remembered", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
cx_window_close_request (GtkWindow *window)
{
  CxWindow *self = CX_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (cx_window_parent_class)->close_request (window);
}

static void
cx_window_dispose (GObject *object)
{
  CxWindow *self = (CxWindow *) object;

  if (self->after_paint_id != 0 && self->frame_clock != NULL)
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  self->frame_clock = NULL;
  g_clear_handle_id (&self->panels_idle_id, g_source_remove);
  g_clear_pointer (&self->shortcuts, gtk_window_destroy);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_WINDOW);

  G_OBJECT_CLASS (cx_window_parent_class)->dispose (object);
}

static void
cx_window_finalize (GObject *object)
{
  CxWindow *self = (CxWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->selection);
  g_clear_object (&self->visibility);
  g_clear_object (&self->scenes);
  g_clear_object (&self->scenes_file);
  g_free (self->scenes_problem);
  g_clear_object (&self->imported);
  g_clear_object (&self->layers_dir);
  g_clear_object (&self->import_cancellable);
  g_queue_clear_full (&self->import_queue, g_object_unref);

  G_OBJECT_CLASS (cx_window_parent_class)->finalize (object);
}

static void
show_message_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AdwDialog *dialog = adw_alert_dialog_new (_("Details"), g_variant_get_string (parameter, NULL));

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, widget);
}

/* The shortcuts window, built when first asked for. GtkApplicationWindow's
 * help overlay (gtk_application_window_set_help_overlay) is deprecated
 * in GTK 4.18 and AdwShortcutsDialog needs libadwaita 1.8, so the window
 * shows it itself. */
static void
show_help_overlay_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/help-overlay.ui");

      self->shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts, TRUE);
    }

  gtk_window_present (self->shortcuts);
}

static void
cx_window_class_init (CxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cx_window_dispose;
  object_class->finalize = cx_window_finalize;
  widget_class->map = cx_window_map;
  window_class->close_request = cx_window_close_request;

  /**
   * CxWindow::first-frame:
   *
   * Emitted once, after the first frame of the mapped window is painted.
   */
  signals[FIRST_FRAME] = g_signal_new ("first-frame",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);

  /**
   * CxWindow::layer-imported:
   *
   * Emitted when a GeoJSON file has been imported and is shown.
   */
  signals[LAYER_IMPORTED] = g_signal_new ("layer-imported",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CX_TYPE_IMPORTED_LAYER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, layers_split);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, presentation_card);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, details_split);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.zoom-district", NULL, zoom_district_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-to-selection", NULL, zoom_to_selection_activated);
  gtk_widget_class_install_action (widget_class, "win.show-sources", NULL, show_sources_activated);
  gtk_widget_class_install_action (widget_class, "win.select", "s", select_activated);

  gtk_widget_class_install_action (widget_class, "win.toggle-layer", "u", toggle_layer_activated);
  gtk_widget_class_install_action (widget_class, "win.set-layers", "s", set_layers_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-panels", NULL, toggle_panels_activated);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_activated);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, leave_presentation_activated);
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
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.open-geo", "s", open_geo_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-map", NULL, focus_map_activated);
  gtk_widget_class_install_action (widget_class, "win.places", NULL, places_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.check-updates", NULL, check_updates_activated);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_activated);
  gtk_widget_class_install_action (widget_class, "win.import-cancel", NULL, import_cancel_activated);
  gtk_widget_class_install_action (widget_class, "win.imported-zoom", "s", imported_zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.imported-rename", "s", imported_rename_activated);
  gtk_widget_class_install_action (widget_class, "win.imported-remove", "s", imported_remove_activated);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_activated);

  /* Digits toggle layers, in the bubble phase: a focused text field types
   * them instead. */
  for (guint i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "win.toggle-layer", "u", (guint32) i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "win.toggle-layer", "u", (guint32) i);
    }
}

/* The side panels are built after the first frame: the map shows first,
 * and their hundreds of labels (Pango layout, the CJK fallback font) are
 * laid out just after, instead of before it (about 230 ms here). Anything
 * that needs them earlier builds them at once. */
static void
ensure_panels (CxWindow *self)
{
  if (self->sidebar != NULL || self->selection == NULL)
    return;

  g_clear_handle_id (&self->panels_idle_id, g_source_remove);

  self->details = cx_details_panel_new (self->selection);
  gtk_widget_set_size_request (self->details, 360, -1);
  adw_overlay_split_view_set_sidebar (self->details_split, self->details);

  self->sidebar = cx_sidebar_new (self->selection, self->visibility, G_LIST_MODEL (self->scenes));
  self->layer_panel = cx_sidebar_get_layer_panel (CX_SIDEBAR (self->sidebar));
  cx_layer_panel_set_imported (CX_LAYER_PANEL (self->layer_panel), G_LIST_MODEL (self->imported));
  cx_layer_panel_set_current_scene (CX_LAYER_PANEL (self->layer_panel), self->current_scene);
  gtk_widget_set_size_request (self->sidebar, 320, -1);
  adw_overlay_split_view_set_sidebar (self->layers_split, self->sidebar);
}

static void
cx_window_init (CxWindow *self)
{
  g_type_ensure (CX_TYPE_MAP_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  {
    /* Back, caught before any widget: list rows and the map would
     * otherwise swallow Alt+Left on its way to the application's
     * shortcuts. */
    GtkEventController *back = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (back, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (back),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Left"),
                                                            gtk_named_action_new ("win.back")));
    gtk_widget_add_controller (GTK_WIDGET (self), back);
  }

  self->current_scene = -1;
  self->scenes = g_list_store_new (CX_TYPE_SCENE);
  self->scenes_file = cx_scenes_default_file ();
  self->imported = g_list_store_new (CX_TYPE_IMPORTED_LAYER);
  self->layers_dir = cx_import_store_get_default_dir ();
  g_queue_init (&self->import_queue);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-cancel", FALSE);

  {
    /* Files dropped on the window are imported as layers. */
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);
  g_signal_connect (self->layers_split, "notify::show-sidebar", G_CALLBACK (on_sidebar_shown), self);
  g_signal_connect (self->details_split, "notify::show-sidebar", G_CALLBACK (on_sidebar_shown), self);

  self->settings = create_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

static void
setup_content (CxWindow      *self,
               CxApplication *application)
{
  CxDataPack *pack = cx_application_get_pack (application);
  g_autofree char *subtitle = NULL;

  if (pack == NULL)
    {
      const GError *error = cx_application_get_pack_error (application);

      cx_window_show_error (self, error != NULL ? error->message : _("Unknown error"));
      return;
    }

  self->selection = cx_selection_new (pack);
  self->visibility = cx_visibility_new (pack);
  if (self->settings != NULL)
    {
      g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-layers");
      cx_visibility_set_hidden_ids (self->visibility, (const char * const *) hidden);
    }
  g_signal_connect_object (self->visibility, "changed", G_CALLBACK (save_visibility), self, G_CONNECT_SWAPPED);

  self->map_view = cx_map_view_new (pack);
  cx_map_view_set_selection (self->map_view, self->selection);
  g_object_set (cx_map_view_get_overlay (self->map_view), "model", self->imported, NULL);
  if (self->settings != NULL)
    {
      g_autoptr(GAction) bilingual = g_settings_create_action (self->settings, "bilingual-labels");
      g_autoptr(GAction) basemap = g_settings_create_action (self->settings, "basemap");
      const char *keys[] = { "basemap", "custom-tile-url", "custom-tile-attribution",
                             "custom-tile-max-zoom", "custom-tile-datum", "tile-cache-size-mb" };

      g_action_map_add_action (G_ACTION_MAP (self), basemap);
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          g_autofree char *signal = g_strdup_printf ("changed::%s", keys[i]);
          g_signal_connect_object (self->settings, signal, G_CALLBACK (apply_basemap_settings), self, G_CONNECT_SWAPPED);
        }

      g_action_map_add_action (G_ACTION_MAP (self), bilingual);
      g_settings_bind (self->settings, "bilingual-labels",
                       cx_map_view_get_overlay (self->map_view), "bilingual", G_SETTINGS_BIND_GET);
    }
  cx_overlay_layer_set_visibility (cx_map_view_get_overlay (self->map_view), self->visibility);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->map_view), "map");
  gtk_stack_set_visible_child_name (self->stack, "map");

  /* Stand-ins as wide as the panels, until ensure_panels(). */
  {
    GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_set_size_request (details, 360, -1);
    adw_overlay_split_view_set_sidebar (self->details_split, details);
    gtk_widget_set_size_request (sidebar, 320, -1);
    adw_overlay_split_view_set_sidebar (self->layers_split, sidebar);
  }

  apply_basemap_settings (self);
  g_object_bind_property (self->map_view, "offline", self->offline_revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, 0);

  /* At most once a day, and only when an update address is set. */
  if (self->settings != NULL &&
      cx_pack_updater_due (g_settings_get_int64 (self->settings, "pack-last-check"), g_get_real_time () / G_USEC_PER_SEC))
    check_for_updates (self, FALSE);

  load_scenes (self);
  load_imported (self);

  g_signal_connect_object (self->selection, "notify::item", G_CALLBACK (announce_selection), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details_split, "notify::collapsed", G_CALLBACK (on_details_collapsed_at_start), self, G_CONNECT_SWAPPED);

  subtitle = district_heading (pack);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

CxWindow *
cx_window_new (CxApplication *application)
{
  CxWindow *self;

  g_return_val_if_fail (CX_IS_APPLICATION (application), NULL);

  self = g_object_new (CX_TYPE_WINDOW, "application", application, NULL);
  setup_content (self, application);

  return self;
}

/**
 * cx_window_get_map_view:
 *
 * Returns: (transfer none) (nullable): the map, %NULL when there is no pack
 */
CxMapView *
cx_window_get_map_view (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  return self->map_view;
}

/**
 * cx_window_get_selection:
 *
 * Returns: (transfer none) (nullable): the window's selection
 */
CxSelection *
cx_window_get_selection (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  return self->selection;
}

/**
 * cx_window_get_details_panel:
 *
 * Returns: (transfer none) (nullable): the details panel
 */
GtkWidget *
cx_window_get_details_panel (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  ensure_panels (self);
  return self->details;
}

/* A toast shows one line; a longer message gets a Details button that
 * shows all of it (an error's reason is usually at its end). */
#define TOAST_MAX_CHARS 60

static void
add_toast (CxWindow   *self,
           const char *message,
           gboolean    urgent)
{
  AdwToast *toast;
  g_autofree char *text = NULL;

  toast = adw_toast_new (message);
  /* An error shows at once, instead of waiting for the toasts before it. */
  if (urgent)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (pango_parse_markup (message, -1, 0, NULL, &text, NULL, NULL) &&
      g_utf8_strlen (text, -1) > TOAST_MAX_CHARS)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-message");
      adw_toast_set_action_target_value (toast, g_variant_new_string (text));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A notice about the user's own files: logged, and shown until dismissed. */
static void
add_lasting_notice (CxWindow   *self,
                    const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_warning ("%s", text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  if (g_utf8_strlen (text, -1) > TOAST_MAX_CHARS)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-message");
      adw_toast_set_action_target_value (toast, g_variant_new_string (text));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cx_window_add_toast (CxWindow   *self,
                     const char *message)
{
  g_return_if_fail (CX_IS_WINDOW (self));

  add_toast (self, message, FALSE);
}

/**
 * cx_window_select_id:
 *
 * Selects the place, program or statistic with this id, or says in a toast
 * that there is none.
 *
 * Returns: whether something was selected
 */
gboolean
cx_window_select_id (CxWindow   *self,
                     const char *id)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (CX_IS_WINDOW (self), FALSE);

  if (self->selection != NULL && cx_selection_select_by_id (self->selection, id))
    return TRUE;

  /* The id came from outside: shortened, control characters replaced,
   * and shown as typed, never as markup. */
  {
    g_autofree char *shown = cx_error_excerpt (id);

    message = g_strdup_printf (_("There is no place, program or statistic “%s” in the data"), shown);
  }
  g_warning ("%s", message);
  {
    g_autofree char *escaped = g_markup_escape_text (message, -1);
    cx_window_add_toast (self, escaped);
  }
  return FALSE;
}

CxVisibility *
cx_window_get_visibility (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  return self->visibility;
}

GListModel *
cx_window_get_scenes (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->scenes);
}

int
cx_window_get_current_scene (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), -1);

  return self->current_scene;
}

gboolean
cx_window_get_presenting (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), FALSE);

  return self->presenting;
}

GListModel *
cx_window_get_imported (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->imported);
}

/**
 * cx_window_get_panels_built:
 *
 * Returns: whether the side panels are built (see ensure_panels()); the
 *   getters of the panels build them
 */
gboolean
cx_window_get_panels_built (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), FALSE);

  return self->sidebar != NULL;
}

GtkWidget *
cx_window_get_sidebar (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  ensure_panels (self);
  return self->sidebar;
}

GtkWidget *
cx_window_get_layer_panel (CxWindow *self)
{
  g_return_val_if_fail (CX_IS_WINDOW (self), NULL);

  ensure_panels (self);
  return self->layer_panel;
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
  const char *selection = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (CX_IS_WINDOW (self));
  g_return_if_fail (self->map_view != NULL);

  viewport = cx_map_view_get_viewport (self->map_view);
  item = cx_selection_get_item (self->selection);
  if (CX_IS_FEATURE (item))
    {
      selection = cx_feature_get_id (CX_FEATURE (item));
      default_title = g_strdup (cx_feature_get_name (CX_FEATURE (item)));
    }
  else if (CX_IS_PROGRAM (item))
    {
      selection = cx_program_get_id (CX_PROGRAM (item));
      default_title = g_strdup (cx_program_get_title (CX_PROGRAM (item)));
    }
  else if (CX_IS_STATISTIC (item))
    {
      selection = cx_statistic_get_id (CX_STATISTIC (item));
      default_title = g_strdup (cx_statistic_get_title (CX_STATISTIC (item)));
    }
  else
    default_title = g_strdup_printf (_("Scene %u"), g_list_model_get_n_items (G_LIST_MODEL (self->scenes)) + 1);

  layers = cx_visibility_dup_visible_ids (self->visibility);
  scene = cx_scene_new (title != NULL ? title : default_title,
                        shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                        shumate_viewport_get_zoom_level (viewport),
                        (const char * const *) layers, selection);
  g_list_store_append (self->scenes, scene);
  set_current_scene (self, (int) g_list_model_get_n_items (G_LIST_MODEL (self->scenes)) - 1);
  save_scenes (self);

  message = g_strdup_printf (_("Scene “%s” added"), cx_scene_get_title (scene));
  escaped = g_markup_escape_text (message, -1);
  cx_window_add_toast (self, escaped);
}

static void
on_scenes_imported (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) imported = cx_scenes_load_shared_finish (result, &error);
  g_autofree char *message = NULL;
  guint n;

  if (imported == NULL)
    {
      toast_error (self, _("The scenes could not be imported: %s"), error->message);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (imported));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (imported), i);
      g_list_store_append (self->scenes, scene);
    }
  save_scenes (self);

  message = g_strdup_printf (ngettext ("%u scene imported", "%u scenes imported", n), n);
  cx_window_add_toast (self, message);
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
  CxHandoutView view;

  g_return_val_if_fail (CX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->map_view != NULL, FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;

  fill_handout_view (self, &view);
  return cx_handout_write (&view, format, size, G_OUTPUT_STREAM (out), error);
}

/**
 * cx_window_show_error:
 *
 * Shows a problem that leaves the window without a map.
 */
void
cx_window_show_error (CxWindow   *self,
                      const char *message)
{
  g_return_if_fail (CX_IS_WINDOW (self));

  g_warning ("%s", message);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}
