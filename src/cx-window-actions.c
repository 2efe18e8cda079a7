/* cx-window-actions.c: the window's actions, presenting, its small dialogs,
 * its one shortcut table, and the one place that enables and disables
 * actions by state
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-announce.h"
#include "cx-geo-uri.h"
#include "cx-map-view.h"
#include "cx-network-source.h"
#include "cx-pack-error.h"
#include "cx-overlay-layer.h"
#include "cx-preferences.h"
#include "cx-presentation-card.h"
#include "cx-sidebar.h"
#include "cx-sources-dialog.h"
#include "cx-window-private.h"

/* Every key of the app, in one table: a row binds its keys, so a key
 * leaves with its row. The shortcuts window (help-overlay.ui) lists the
 * same, and tests/unit/test-shortcuts.c checks that it does. */
static const CxShortcut shortcuts[] = {
  { "win.search",             "<Control>f",                                CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.places",             "<Control>l",                                CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.focus-map",          "<Control>m",                                CX_SHORTCUT_GLOBAL,  TRUE },
  /* Esc, in the bubble phase: a search field, a popover or a dialog takes
   * it first (and win.leave-presentation, global, while presenting). */
  { "win.back-to-map",        "Escape",                                    CX_SHORTCUT_TYPED,   TRUE },
  /* The map view's own actions, while it has the keyboard. The shortcuts
   * window shows them by their keys, as "Left Right Up Down" and "plus
   * equal minus" (a keypad key by its main key). */
  { "map.pan-left",           "Left KP_Left",                              CX_SHORTCUT_MAP,     FALSE },
  { "map.pan-right",          "Right KP_Right",                            CX_SHORTCUT_MAP,     FALSE },
  { "map.pan-up",             "Up KP_Up",                                  CX_SHORTCUT_MAP,     FALSE },
  { "map.pan-down",           "Down KP_Down",                              CX_SHORTCUT_MAP,     FALSE },
  { "map.zoom-in",            "plus equal KP_Add",                         CX_SHORTCUT_MAP,     FALSE },
  { "map.zoom-out",           "minus KP_Subtract",                         CX_SHORTCUT_MAP,     FALSE },
  /* The measure tool: M, typed (a text field takes the letter); while it
   * is on, the map's arrows move its crosshair (map.pan-*), and these work
   * on the map (disabled otherwise, so Esc goes on to win.back-to-map). */
  { "win.measure",            "m",                                         CX_SHORTCUT_TYPED,   TRUE },
  { "map.measure-point",      "Return KP_Enter",                           CX_SHORTCUT_MAP,     TRUE },
  { "map.measure-undo",       "BackSpace",                                 CX_SHORTCUT_MAP,     TRUE },
  { "map.measure-leave",      "Escape",                                    CX_SHORTCUT_MAP,     TRUE },
  /* A mark's vertex picked by [ or ] (see below), Enter or Esc lets go of
   * it: before a thematic view's Esc (disabled otherwise). */
  { "map.vertex-done",        "Return KP_Enter Escape",                    CX_SHORTCUT_MAP,     TRUE },
  /* The presentation pen: P, typed; Esc on the map clears its strokes
   * (enabled while it is on or strokes are shown). */
  { "win.pen",                "p",                                         CX_SHORTCUT_TYPED,   TRUE },
  { "map.pen-clear",          "Escape",                                    CX_SHORTCUT_MAP,     TRUE },
  /* Then, on the map, Esc clears a thematic view (disabled without one). */
  { "win.thematic-clear",     "Escape",                                    CX_SHORTCUT_MAP,     TRUE },
  /* Marks on the map: the tools while the map has the keyboard (they draw
   * as the measure tool measures: arrows, Enter, Backspace, Esc above);
   * Delete and F2 act on the selected mark, Tab-like N picks the next.
   * Undo and redo are typed, so that a text field undoes its own text. */
  { "map.annotate-pin",       "i",                                         CX_SHORTCUT_MAP,     TRUE },
  { "map.annotate-line",      "l",                                         CX_SHORTCUT_MAP,     TRUE },
  { "map.annotate-polygon",   "a",                                         CX_SHORTCUT_MAP,     TRUE },
  { "map.annotation-next",    "n",                                         CX_SHORTCUT_MAP,     TRUE },
  { "map.annotation-edit",    "F2",                                        CX_SHORTCUT_MAP,     TRUE },
  { "map.annotation-delete",  "Delete KP_Delete",                          CX_SHORTCUT_MAP,     TRUE },
  /* [ and ] pick a vertex of the selected mark; then the arrows (map.pan-*)
   * move it, and Enter or Esc lets go (map.vertex-done, above). */
  { "map.vertex-next",        "bracketright",                              CX_SHORTCUT_MAP,     TRUE },
  { "map.vertex-previous",    "bracketleft",                               CX_SHORTCUT_MAP,     TRUE },
  { "win.annotations-undo",   "<Control>z",                                CX_SHORTCUT_TYPED,   TRUE },
  { "win.annotations-redo",   "<Control><Shift>z",                         CX_SHORTCUT_TYPED,   TRUE },
  { "win.zoom-district",      "<Control>0",                                CX_SHORTCUT_GLOBAL,  TRUE },
  /* Global, like a browser's Back, wherever the focus is; caught before any
   * widget too: list rows and the map would otherwise swallow Alt+Left on
   * its way to the application's shortcuts. */
  { "win.back",               "<Alt>Left",                                 CX_SHORTCUT_CAPTURE, FALSE },
  { "win.zoom-in",            "<Control>plus <Control>equal <Control>KP_Add", CX_SHORTCUT_GLOBAL, TRUE },
  { "win.zoom-out",           "<Control>minus <Control>KP_Subtract",       CX_SHORTCUT_GLOBAL,  TRUE },
  /* Digits toggle layers, in the bubble phase: a focused text field types
   * them instead. */
  { "win.toggle-layer",       "1...9",                                     CX_SHORTCUT_TYPED,   FALSE },
  { "win.toggle-panels",      "F9",                                        CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.import",             "<Control>o",                                CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.presentation",       "F5",                                        CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.leave-presentation", "Escape",                                    CX_SHORTCUT_GLOBAL,  TRUE },
  /* What presentation clickers send; global, so that they work whatever
   * has the focus. */
  { "win.scene-next",         "Page_Down",                                 CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.scene-previous",     "Page_Up",                                   CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.scene-add",          "<Control>d",                                CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.export",             "<Control>e",                                CX_SHORTCUT_GLOBAL,  TRUE },
  { "win.print",              "<Control>p",                                CX_SHORTCUT_GLOBAL,  TRUE },
  /* The GNOME convention for Preferences. */
  { "win.preferences",        "<Control>comma",                            CX_SHORTCUT_GLOBAL,  TRUE },
  /* The window shows its shortcuts window itself (see
   * show_help_overlay_activated()). */
  { "win.show-help-overlay",  "<Control>question",                         CX_SHORTCUT_GLOBAL,  TRUE },
  { "window.close",           "<Control>w",                                CX_SHORTCUT_GLOBAL,  TRUE },
  { "app.quit",               "<Control>q",                                CX_SHORTCUT_GLOBAL,  TRUE },
};

static void set_presenting (CxWindow *self,
                            gboolean  presenting);

/**
 * cx_window_get_shortcuts:
 *
 * Returns: (array length=n_shortcuts): every shortcut of the app
 */
const CxShortcut *
cx_window_get_shortcuts (guint *n_shortcuts)
{
  *n_shortcuts = G_N_ELEMENTS (shortcuts);
  return shortcuts;
}

/**
 * _cx_window_install_accels:
 *
 * Gives the application the table's global shortcuts: GtkWindow catches
 * them before any widget, and the shortcuts window reads them from the
 * application.
 */
void
_cx_window_install_accels (GtkApplication *app)
{
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_auto(GStrv) accels = NULL;

      if (shortcuts[i].scope != CX_SHORTCUT_GLOBAL && shortcuts[i].scope != CX_SHORTCUT_CAPTURE)
        continue;

      accels = g_strsplit (shortcuts[i].accels, " ", -1);
      gtk_application_set_accels_for_action (app, shortcuts[i].action, (const char * const *) accels);
    }
}

/* A controller on @widget with the keys of every row of @scope. */
static void
add_shortcuts (GtkWidget           *widget,
               CxShortcutScope      scope,
               GtkPropagationPhase  phase)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, phase);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_auto(GStrv) accels = NULL;

      if (shortcuts[i].scope != scope)
        continue;

      accels = g_strsplit (shortcuts[i].accels, " ", -1);
      for (guint k = 0; accels[k] != NULL; k++)
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                              gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accels[k]),
                                                                gtk_named_action_new (shortcuts[i].action)));
    }
  gtk_widget_add_controller (widget, controller);
}

/**
 * _cx_window_install_map_shortcuts:
 *
 * Binds the table's map keys on the window's map view, in the bubble
 * phase: they work while the map has the keyboard, and a text field
 * elsewhere keeps its typing.
 */
void
_cx_window_install_map_shortcuts (CxWindow *self)
{
  add_shortcuts (GTK_WIDGET (self->map_view), CX_SHORTCUT_MAP, GTK_PHASE_BUBBLE);
}

static void
install_typed_shortcuts (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_auto(GStrv) accels = NULL;

      if (shortcuts[i].scope != CX_SHORTCUT_TYPED)
        continue;

      /* "1...9" is the one range, as the shortcuts window writes it. */
      if (g_str_equal (shortcuts[i].accels, "1...9"))
        {
          for (guint k = 0; k < 9; k++)
            {
              gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + k, 0, shortcuts[i].action, "u", (guint32) k);
              gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + k, 0, shortcuts[i].action, "u", (guint32) k);
            }
          continue;
        }

      accels = g_strsplit (shortcuts[i].accels, " ", -1);
      for (guint k = 0; accels[k] != NULL; k++)
        {
          guint key;
          GdkModifierType mods;

          if (!gtk_accelerator_parse (accels[k], &key, &mods))
            g_error ("The shortcut table's %s has a key GTK does not know: %s", shortcuts[i].action, accels[k]);
          gtk_widget_class_add_binding_action (widget_class, key, mods, shortcuts[i].action, NULL);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Dialogs                                                             */
/* ------------------------------------------------------------------ */

/* Whether a file dialog gave nothing because of an error worth telling:
 * cancelling it is not one. */
gboolean
_cx_window_file_dialog_failed (CxWindow     *self,
                               const GError *error)
{
  if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
      g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    return FALSE;

  _cx_window_toast (self, CX_TOAST_ERROR, _("The file chooser could not be opened: %s"), error->message);
  return TRUE;
}

/**
 * _cx_window_file_filters:
 * @name: what the files are, for the file dialog to show
 * @mime_type: their type
 * @patterns: (array zero-terminated=1): the names they may have
 *
 * Returns: (transfer full): the one filter, as gtk_file_dialog_set_filters()
 *   takes it
 */
GListModel *
_cx_window_file_filters (const char         *name,
                         const char         *mime_type,
                         const char * const *patterns)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  g_list_store_append (filters, filter);
  return G_LIST_MODEL (filters);
}

typedef struct
{
  CxWindow           *self;
  CxWindowFileChosen  chosen;
  gboolean            save;
} FileChoice;

static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FileChoice *choice = user_data;
  g_autoptr(CxWindow) self = choice->self;
  CxWindowFileChosen chosen = choice->chosen;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = choice->save ? gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error)
                      : gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  g_free (choice);
  if (file == NULL)
    {
      _cx_window_file_dialog_failed (self, error);
      return;
    }
  chosen (self, file);
}

/**
 * _cx_window_choose_file:
 * @dialog: the file dialog, its title, filters and so on set
 * @save: whether it asks where to save, rather than what to open
 * @chosen: called with the file, if one is chosen
 *
 * Shows @dialog over the window. Cancelling it does nothing; a dialog that
 * could not be shown is said in a toast.
 */
void
_cx_window_choose_file (CxWindow           *self,
                        GtkFileDialog      *dialog,
                        gboolean            save,
                        CxWindowFileChosen  chosen)
{
  FileChoice *choice = g_new0 (FileChoice, 1);

  choice->self = g_object_ref (self);
  choice->chosen = chosen;
  choice->save = save;
  if (save)
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_file_chosen, choice);
  else
    gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_file_chosen, choice);
}

/**
 * _cx_window_dialog_new:
 * @id: a dialog of cx-window-dialogs.ui
 *
 * Returns: (transfer full): the dialog, built alone
 */
AdwDialog *
_cx_window_dialog_new (const char *id)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;
  AdwDialog *dialog;

  if (!gtk_builder_add_objects_from_resource (builder, RESOURCE_PREFIX "/cx-window-dialogs.ui", ids, &error))
    g_error ("%s", error->message);  /* built into the app: a bug */

  dialog = ADW_DIALOG (gtk_builder_get_object (builder, id));
  g_signal_connect (dialog, "map", G_CALLBACK (cx_accessible_name_alert_scrolled), NULL);
  return g_object_ref (dialog);
}

/**
 * _cx_window_present_choice:
 * @id: a dialog of cx-window-dialogs.ui that asks before a file chooser
 * @on_response: its "response" handler, called with the window
 *
 * Presents the dialog over the window.
 */
void
_cx_window_present_choice (CxWindow   *self,
                           const char *id,
                           GCallback   on_response)
{
  g_autoptr(AdwDialog) choice = _cx_window_dialog_new (id);

  g_signal_connect_object (choice, "response", on_response, self, 0);
  adw_dialog_present (choice, GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Map and selection                                                   */
/* ------------------------------------------------------------------ */

static void
zoom_district_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cx_map_view_fit_district (CX_WINDOW (widget)->map_view);
}

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cx_map_view_zoom_by (CX_WINDOW (widget)->map_view, 1);
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cx_map_view_zoom_by (CX_WINDOW (widget)->map_view, -1);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  cx_selection_go_back (self->selection);
  /* Back to nothing selected where the details float over the map: what
   * was there before the place was opened is the map, as after Esc, not
   * an overview left over it. */
  if (cx_selection_get_item (self->selection) == NULL &&
      adw_overlay_split_view_get_collapsed (self->details_split) &&
      adw_overlay_split_view_get_show_sidebar (self->details_split))
    gtk_widget_activate_action (widget, "win.back-to-map", NULL);
}

static void
zoom_to_selection_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  cx_map_view_zoom_to_selection (CX_WINDOW (widget)->map_view);
}

static void
show_sources_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  adw_dialog_present (cx_sources_dialog_new (cx_selection_get_pack (self->selection)), widget);
}

static void
select_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cx_window_select_id (CX_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_geo_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  const char *uri = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *thematic = NULL;
  double lat, lon, zoom;

  if (!cx_geo_uri_parse_full (uri, &lat, &lon, &zoom, &thematic, &error))
    {
      /* Shortened, with control characters replaced: the link comes
       * from outside and ends up in the terminal and in a toast. */
      g_autofree char *shown = cx_error_excerpt (uri);

      _cx_window_toast (self, CX_TOAST_ERROR, _("The link “%s” cannot be opened: %s"), shown, error->message);
      return;
    }

  /* The statistic it shows, if it names one; the view goes there all the
   * same when this pack lacks it (a toast says so). */
  if (thematic != NULL)
    _cx_window_show_thematic (self, thematic);
  cx_map_view_go_to (self->map_view, lat, lon, isnan (zoom) ? 16 : zoom);
}

/* ------------------------------------------------------------------ */
/* Layers and panels                                                   */
/* ------------------------------------------------------------------ */

static void
toggle_layer_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cx_visibility_toggle_index (CX_WINDOW (widget)->visibility, g_variant_get_uint32 (parameter));
}

static void
set_layers_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  g_auto(GStrv) ids = g_strsplit (g_variant_get_string (parameter, NULL), ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      if (ids[i][0] != '\0' && cx_data_pack_lookup_layer (cx_visibility_get_pack (self->visibility), ids[i]) == NULL)
        _cx_window_toast (self, CX_TOAST_ERROR, _("There is no layer “%s”"), ids[i]);
    }
  cx_visibility_set_visible_ids (self->visibility, (const char * const *) ids);
}

/* While presenting, F9 steps through what is over the map: the tools bar
 * (as presenting starts), the tools bar and the details panel (so that a
 * statistic's charts, or a place's figures, can be shown on the projector;
 * the map is fitted beside it), then the bare map, then the tools bar again. */
static void
toggle_presenting_panels (CxWindow *self)
{
  if (!self->tools_hidden && !self->presenting_details)
    self->presenting_details = TRUE;
  else if (!self->tools_hidden)
    {
      self->presenting_details = FALSE;
      self->tools_hidden = TRUE;
    }
  else
    self->tools_hidden = FALSE;

  if (self->presenting_details)
    _cx_window_ensure_panels (self);
  adw_overlay_split_view_set_show_sidebar (self->details_split, self->presenting_details);
  cx_map_view_set_tools_shown (self->map_view, !self->tools_hidden);
}

static void
toggle_panels_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  gboolean any = adw_overlay_split_view_get_show_sidebar (self->layers_split) || adw_overlay_split_view_get_show_sidebar (self->details_split);

  if (self->presenting && self->map_view != NULL)
    {
      toggle_presenting_panels (self);
      return;
    }

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

/* Opening a search result, a place of the Places list or a place on the
 * map shows its details: also where the details panel floats over the map,
 * hidden until asked for. There the keyboard goes into it, as the floating
 * panel takes the place of what had it. */
static void
show_details_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->presenting)
    return;

  _cx_window_ensure_panels (self);
  adw_overlay_split_view_set_show_sidebar (self->details_split, TRUE);
  if (adw_overlay_split_view_get_collapsed (self->details_split))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || !gtk_widget_is_ancestor (focus, self->details))
        gtk_widget_child_focus (self->details, GTK_DIR_TAB_FORWARD);
    }
}

/* Esc: closes a panel that floats over the map, and puts the keyboard back
 * on the map, where the digits toggle layers and the arrows pan. */
static void
back_to_map_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (adw_overlay_split_view_get_collapsed (self->layers_split))
    adw_overlay_split_view_set_show_sidebar (self->layers_split, FALSE);
  if (adw_overlay_split_view_get_collapsed (self->details_split))
    adw_overlay_split_view_set_show_sidebar (self->details_split, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
}

/* M or the header's Measure button: the measure tool on or off. */
static void
measure_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    cx_map_view_set_measuring (self->map_view, !cx_map_view_get_measuring (self->map_view));
}

/* P or the tools bar's Pen button: the presentation pen on or off. */
static void
pen_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL)
    cx_map_view_set_pen (self->map_view, !cx_map_view_get_pen (self->map_view));
}

static void
presentation_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  set_presenting (self, !self->presenting);
}

/* Esc while presenting. This global key comes before the map's own Esc
 * (map.measure-leave), so it ends a measurement (or a mark being drawn)
 * first itself: a presenter who stops measuring stays in front of the
 * audience, and only a second Esc leaves the presentation. */
static void
leave_presentation_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  if (self->map_view != NULL &&
      (cx_map_view_get_measuring (self->map_view) || cx_map_view_get_annotating (self->map_view) >= 0))
    {
      cx_map_view_set_measuring (self->map_view, FALSE);
      return;
    }
  /* Then the pen's strokes, and the pen, one Esc each. */
  if (self->map_view != NULL && cx_map_view_get_n_strokes (self->map_view) > 0)
    {
      cx_map_view_clear_strokes (self->map_view);
      return;
    }
  if (self->map_view != NULL && cx_map_view_get_pen (self->map_view))
    {
      cx_map_view_set_pen (self->map_view, FALSE);
      return;
    }
  set_presenting (self, FALSE);
}

/* The map fits what it shows beside or below the presentation card: as
 * much of it as the card takes with its words now, margins included (the
 * card keeps its natural size in its corner, cx-presentation-card.ui). */
static void
update_card_cover (CxWindow *self)
{
  GtkWidget *card = self->presentation_card;
  int width = 0, height = 0;

  if (self->presenting && gtk_widget_get_visible (card))
    {
      gtk_widget_measure (card, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      width += gtk_widget_get_margin_start (card) + gtk_widget_get_margin_end (card);
      height += gtk_widget_get_margin_top (card) + gtk_widget_get_margin_bottom (card);
    }
  cx_map_view_set_card (self->map_view, width, height);
}

/* The card over the map says what the view is while presenting: the
 * handout's words (_cx_window_caption()). */
void
_cx_window_update_presentation (CxWindow *self)
{
  g_auto(CxCaption) caption = { NULL, };

  if (!self->presenting)
    return;

  _cx_window_caption (self, &caption);
  cx_presentation_card_set_caption (CX_PRESENTATION_CARD (self->presentation_card), caption.title, caption.subtitle);
  update_card_cover (self);
}

static void
set_presenting (CxWindow *self,
                gboolean  presenting)
{
  if (self->presenting == presenting)
    return;

  self->presenting = presenting;
  self->presenting_details = FALSE;
  if (presenting)
    {
      self->panels_before_presenting[0] = adw_overlay_split_view_get_show_sidebar (self->layers_split);
      self->panels_before_presenting[1] = adw_overlay_split_view_get_show_sidebar (self->details_split);
      adw_overlay_split_view_set_show_sidebar (self->layers_split, FALSE);
      adw_overlay_split_view_set_show_sidebar (self->details_split, FALSE);
      gtk_widget_set_visible (self->header_bar, FALSE);
      gtk_widget_set_visible (self->presentation_card, TRUE);
      _cx_window_update_presentation (self);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_set_visible (self->presentation_card, FALSE);
      update_card_cover (self);
      gtk_widget_set_visible (self->header_bar, TRUE);
      adw_overlay_split_view_set_show_sidebar (self->layers_split, self->panels_before_presenting[0]);
      adw_overlay_split_view_set_show_sidebar (self->details_split, self->panels_before_presenting[1]);
    }

  cx_map_view_set_presenting (self->map_view, presenting);
  self->tools_hidden = FALSE;
  cx_map_view_set_tools_shown (self->map_view, presenting);
  _cx_window_actions_update (self);
  /* The map keeps the keyboard, for the clicker's Page Down and the
   * arrows; without its focus ring, which would frame the whole screen
   * (style.css): the map is all there is to have the keyboard. */
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
}

/* ------------------------------------------------------------------ */
/* Search and the keyboard                                             */
/* ------------------------------------------------------------------ */

/* The sidebar, built and shown (leaving a presentation for it). */
static CxSidebar *
show_sidebar (CxWindow *self)
{
  _cx_window_ensure_panels (self);
  if (self->presenting)
    set_presenting (self, FALSE);
  adw_overlay_split_view_set_show_sidebar (self->layers_split, TRUE);
  return CX_SIDEBAR (self->sidebar);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CxSidebar *sidebar = show_sidebar (CX_WINDOW (widget));

  gtk_widget_grab_focus (cx_sidebar_get_search_entry (sidebar));
}

static void
places_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CxSidebar *sidebar = show_sidebar (CX_WINDOW (widget));
  GtkListBox *list;
  GtkListBoxRow *row;

  cx_sidebar_show_page (sidebar, "places");
  list = GTK_LIST_BOX (cx_sidebar_get_places_list (sidebar));
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
  gtk_widget_grab_focus (GTK_WIDGET (CX_WINDOW (widget)->map_view));
}

static void
show_message_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AdwDialog *dialog = _cx_window_dialog_new ("message_dialog");

  adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog), g_variant_get_string (parameter, NULL));
  adw_dialog_present (dialog, widget);
  g_object_unref (dialog);
}

/* The keys of @accels the shortcuts window writes differently. It writes
 * a key by its character when it has one, so the keypad's + reads like
 * the main one ("Ctrl + +" twice for Zoom in): each is shown once, and
 * every key stays bound. */
static char *
keys_to_show (const char *accels)
{
  g_auto(GStrv) keys = g_strsplit (accels, " ", -1);
  g_autoptr(GArray) shown_keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) shown_mods = g_array_new (FALSE, FALSE, sizeof (GdkModifierType));
  g_autoptr(GString) shown = g_string_new (NULL);

  for (guint k = 0; keys[k] != NULL; k++)
    {
      guint key = 0;
      GdkModifierType mods = 0;
      gboolean seen = FALSE;

      if (!gtk_accelerator_parse (keys[k], &key, &mods))
        continue;
      for (guint j = 0; j < shown_keys->len && !seen; j++)
        {
          guint other = g_array_index (shown_keys, guint, j);

          seen = g_array_index (shown_mods, GdkModifierType, j) == mods &&
                 (other == key || (gdk_keyval_to_unicode (key) != 0 &&
                                   gdk_keyval_to_unicode (key) == gdk_keyval_to_unicode (other)));
        }
      if (seen)
        continue;
      g_array_append_val (shown_keys, key);
      g_array_append_val (shown_mods, mods);
      g_string_append_printf (shown, "%s%s", shown->len > 0 ? " " : "", keys[k]);
    }

  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* A shortcut the shortcuts window names by its action gets its keys from
 * the table: GTK would look them up in the application only for a window's
 * help overlay, deprecated since GTK 4.18. */
static void
give_keys (GObject *object)
{
  g_autofree char *action = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (object), "GtkShortcutsShortcut"))
    return;

  g_object_get (object, "action-name", &action, NULL);
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (shortcuts); i++)
    if (shortcuts[i].listed_by_action && g_strcmp0 (shortcuts[i].action, action) == 0)
      {
        g_autofree char *shown = keys_to_show (shortcuts[i].accels);

        g_object_set (object, "accelerator", shown, NULL);
      }
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

      g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

      self->shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      for (GSList *l = objects; l != NULL; l = l->next)
        give_keys (l->data);
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts, TRUE);
    }

  gtk_window_present (self->shortcuts);
}

/* ------------------------------------------------------------------ */
/* Basemaps, preferences and data updates (the session checks)                              */
/* ------------------------------------------------------------------ */

void
_cx_window_apply_basemap (CxWindow *self)
{
  g_autofree char *kind = NULL;
  g_autoptr(GError) error = NULL;
  guint64 cache = 200 << 20;

  kind = g_settings_get_string (self->settings, "basemap");
  cache = (guint64) g_settings_get_int (self->settings, "tile-cache-size-mb") << 20;

  if (g_str_equal (kind, "openstreetmap"))
    {
      if (!cx_map_view_set_basemap (self->map_view, CX_OSM_SOURCE_ID, "OpenStreetMap", CX_OSM_TILE_URL,
                                    _("Map tiles © OpenStreetMap contributors (ODbL)"), CX_OSM_MAX_ZOOM,
                                    FALSE, cache, &error))
        _cx_window_toast (self, CX_TOAST_ERROR, _("OpenStreetMap cannot be shown: %s"), error->message);
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
          _cx_window_toast (self, CX_TOAST_NONE, _("Set a custom tile server in Preferences first; showing the schematic map"));
        }
      else if (cx_map_view_set_basemap (self->map_view, id, _("Custom tile server"), url,
                                        attribution[0] != '\0' ? attribution : url,
                                        (guint) g_settings_get_int (self->settings, "custom-tile-max-zoom"),
                                        g_str_equal (datum, "gcj02"), cache, &error))
        return;
      else
        _cx_window_toast (self, CX_TOAST_ERROR, _("The custom tile server cannot be used: %s"), error->message);
    }

  /* The schematic map, drawn from the data: always there. */
  cx_map_view_set_basemap (self->map_view, NULL, NULL, NULL, NULL, 0, FALSE, 0, NULL);
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);

  adw_dialog_present (cx_preferences_new (self->settings), widget);
}

static void
check_updates_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cx_session_check_for_updates (CX_WINDOW (widget)->session, TRUE);
}

/* ------------------------------------------------------------------ */

/* The actions that need the map, and so a data pack. */
static const char * const map_actions[] = {
  "win.zoom-district", "win.zoom-in", "win.zoom-out", "win.back", "win.zoom-to-selection",
  "win.show-sources", "win.toggle-layer", "win.set-layers", "win.open-geo", "win.presentation",
  "win.search", "win.places", "win.focus-map", "win.back-to-map", "win.show-details",
  "win.check-updates", "win.preferences",
  "win.scene-add", "win.scene-apply", "win.scene-rename", "win.scene-up", "win.scene-down",
  "win.scene-delete", "win.scene-next", "win.scene-previous", "win.scene-open",
  "win.scenes-import", "win.scenes-export", "win.scenes-retry", "win.scenes-keep-aside",
  "win.export", "win.print", "win.import", "win.import-file", "win.import-files",
  "win.import-files-crs", "win.imported-zoom",
  "win.imported-rename", "win.imported-color", "win.imported-remove", "win.measure", "win.thematic",
  "win.annotate", "win.annotation-select", "win.annotations-export", "win.annotations-import",
};

/**
 * _cx_window_actions_update:
 *
 * Enables the actions that the window's state allows, and disables the
 * others: the one place that does. Without a data pack, only the ones that
 * need no map are left.
 */
void
_cx_window_actions_update (CxWindow *self)
{
  gboolean has_map = self->map_view != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (map_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), map_actions[i], has_map);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", self->presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.thematic-clear",
                                 has_map && cx_session_get_thematic (self->session) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.annotations-undo",
                                 self->annotations != NULL && cx_annotations_can_undo (self->annotations));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.annotations-redo",
                                 self->annotations != NULL && cx_annotations_can_redo (self->annotations));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.annotations-clear",
                                 self->annotations != NULL &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-cancel",
                                 cx_import_queue_get_busy (cx_session_get_import_queue (self->session)));
}

void
_cx_window_actions_init (CxWindow *self)
{
  add_shortcuts (GTK_WIDGET (self), CX_SHORTCUT_CAPTURE, GTK_PHASE_CAPTURE);
}

void
_cx_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.zoom-district", NULL, zoom_district_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-to-selection", NULL, zoom_to_selection_activated);
  gtk_widget_class_install_action (widget_class, "win.show-sources", NULL, show_sources_activated);
  gtk_widget_class_install_action (widget_class, "win.select", "s", select_activated);
  gtk_widget_class_install_action (widget_class, "win.open-geo", "s", open_geo_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-layer", "u", toggle_layer_activated);
  gtk_widget_class_install_action (widget_class, "win.set-layers", "s", set_layers_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-panels", NULL, toggle_panels_activated);
  gtk_widget_class_install_action (widget_class, "win.measure", NULL, measure_activated);
  gtk_widget_class_install_action (widget_class, "win.pen", NULL, pen_activated);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_activated);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, leave_presentation_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-map", NULL, focus_map_activated);
  gtk_widget_class_install_action (widget_class, "win.back-to-map", NULL, back_to_map_activated);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL, show_details_activated);
  gtk_widget_class_install_action (widget_class, "win.places", NULL, places_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.check-updates", NULL, check_updates_activated);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_activated);

  _cx_window_class_scenes_init (widget_class);
  _cx_window_class_import_init (widget_class);
  _cx_window_class_handout_init (widget_class);
  _cx_window_class_thematic_init (widget_class);

  install_typed_shortcuts (widget_class);
}
