/* cx-window.c: the window: the session it shows, its life from the first
 * frame to closing, the side panels, and what it tells the user
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is one class over several files that share
 * cx-window-private.h: actions, presenting and shortcuts
 * (cx-window-actions.c), scenes (cx-window-scenes.c), GeoJSON layers
 * (cx-window-import.c), handouts and printing (cx-window-handout.c). What
 * it shows, and keeps across windows, is the CxSession it is given.
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-announce.h"
#include "cx-application-private.h"
#include "cx-chinese.h"
#include "cx-details-panel.h"
#include "cx-format.h"
#include "cx-item.h"
#include "cx-layer-panel.h"
#include "cx-map-view.h"
#include "cx-overlay-layer.h"
#include "cx-pack-error.h"
#include "cx-presentation-card.h"
#include "cx-sidebar.h"
#include "cx-window-private.h"

G_DEFINE_FINAL_TYPE (CxWindow, cx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  FIRST_FRAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A toast shows one line; a longer message gets a Details button that
 * shows all of it (an error's reason is usually at its end). */
#define TOAST_MAX_CHARS 60

/**
 * _cx_window_toast:
 * @flags: how to show and log it
 * @format: a printf() format for plain text, never markup
 *
 * Tells the user something in a toast, escaped, and logs it as @flags say.
 */
static void
add_toast (CxWindow     *self,
           CxToastFlags  flags,
           const char   *text,
           const char   *button_label,
           const char   *action_name,
           GVariant     *action_target)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (flags & CX_TOAST_ERROR)
    g_warning ("%s", text);
  else if (flags & CX_TOAST_LOG)
    g_message ("%s", text);

  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  /* An error shows at once, instead of waiting for the toasts before it. */
  if (flags & (CX_TOAST_ERROR | CX_TOAST_URGENT | CX_TOAST_LASTING))
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* A notice about the user's own files stays until dismissed. */
  if (flags & CX_TOAST_LASTING)
    adw_toast_set_timeout (toast, 0);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      adw_toast_set_action_target_value (toast, action_target);
    }
  else if (g_utf8_strlen (text, -1) > TOAST_MAX_CHARS)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-message");
      adw_toast_set_action_target_value (toast, g_variant_new_string (text));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_cx_window_toast (CxWindow     *self,
                  CxToastFlags  flags,
                  const char   *format,
                  ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  add_toast (self, flags, text, NULL, NULL, NULL);
}

/**
 * _cx_window_toast_open:
 * @file: what the Open button opens (win.open-file)
 *
 * As _cx_window_toast(), about a file just written, with a button that
 * opens it.
 */
void
_cx_window_toast_open (CxWindow     *self,
                       GFile        *file,
                       CxToastFlags  flags,
                       const char   *format,
                       ...)
{
  g_autofree char *text = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  add_toast (self, flags, text, _("_Open"), "win.open-file", g_variant_new_string (uri));
}

/* ------------------------------------------------------------------ */
/* The side panels, and the first frame                               */
/* ------------------------------------------------------------------ */

/* The side panels are built with the window, before its first frame, which
 * shows them. They were once built in an idle after it: the first frame
 * showed the map between two empty stand-ins, which the panels filled some
 * 200 ms later, so the whole window was drawn twice before it was complete.
 * Measured by build-aux/bench start, the complete window now shows about
 * 100 ms sooner and the app keeps 11 MB less (under llvmpipe), for a first
 * frame about 50 ms later. Building them is cheap since their hidden pages
 * wait until shown; what costs is laying out their labels (Pango, the CJK
 * fallback font), which the first frame now does. */
void
_cx_window_ensure_panels (CxWindow *self)
{
  if (self->sidebar != NULL)
    return;

  self->details = cx_details_panel_new (self->selection);
  gtk_widget_set_size_request (self->details, 360, -1);
  adw_overlay_split_view_set_sidebar (self->details_split, self->details);

  self->sidebar = cx_sidebar_new (self->selection, self->visibility, G_LIST_MODEL (self->scenes));
  self->layer_panel = cx_sidebar_get_layer_panel (CX_SIDEBAR (self->sidebar));
  cx_layer_panel_set_imported (CX_LAYER_PANEL (self->layer_panel), G_LIST_MODEL (self->imported));
  cx_layer_panel_set_annotations (CX_LAYER_PANEL (self->layer_panel), self->annotations);
  cx_layer_panel_set_current_scene (CX_LAYER_PANEL (self->layer_panel), cx_scene_list_get_current (self->scenes));
  g_object_bind_property (self->scenes, "loading", self->layer_panel, "scenes-loading", G_BINDING_SYNC_CREATE);
  _cx_window_thematic_panel_init (self);
  gtk_widget_set_size_request (self->sidebar, 320, -1);
  adw_overlay_split_view_set_sidebar (self->layers_split, self->sidebar);

  /* Map labels keep off the panels where they float over the map. */
  if (self->map_view != NULL)
    {
      cx_map_view_add_cover (self->map_view, self->details);
      cx_map_view_add_cover (self->map_view, self->sidebar);
    }
}

static void on_details_collapsed_at_start (CxWindow *self);

static void
on_after_paint (GdkFrameClock *clock,
                CxWindow      *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_clear_weak_pointer (&self->frame_clock);
  if (self->first_frame_us == 0)
    self->first_frame_us = g_get_monotonic_time ();

  /* The window has its first size: a later collapse is the user's. */
  g_signal_handlers_disconnect_by_func (self->details_split, on_details_collapsed_at_start, self);

  /* The keyboard starts on the map, which shows it (style.css): arrows
   * pan, +/- zoom, the digits toggle layers and Page Down steps through
   * scenes at once; Ctrl+F searches (a search field with the focus would
   * type the digits instead). Unless something else has the focus already
   * (a dialog about the scenes file), or a floating panel is open over the
   * map. */
  if (self->map_view != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || focus == GTK_WIDGET (self->map_view) ||
          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->map_view)))
        gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
    }

  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

static void
cx_window_map (GtkWidget *widget)
{
  CxWindow *self = CX_WINDOW (widget);

  GTK_WIDGET_CLASS (cx_window_parent_class)->map (widget);

  if (self->after_paint_id == 0 && self->frame_clock == NULL)
    {
      /* Weak: a window destroyed before its first paint loses its frame
       * clock while something (a pending load) still holds the window. */
      g_set_weak_pointer (&self->frame_clock, gtk_widget_get_frame_clock (widget));
      if (self->frame_clock != NULL)
        self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                                 G_CALLBACK (on_after_paint), self);
    }
}

/* ------------------------------------------------------------------ */
/* Panels: while presenting (see cx-window-actions.c), and floating  */
/* ------------------------------------------------------------------ */

/* How much of the map a panel covers: its width if it floats over the map
 * and shows, else nothing. A floating panel is as wide as its largest
 * width (libadwaita 1.7), or the whole window if that is narrower: the map
 * then centres things in the whole view (cx_map_view_set_covered()). */
static int
covered_by (AdwOverlaySplitView *split)
{
  if (!adw_overlay_split_view_get_collapsed (split) || !adw_overlay_split_view_get_show_sidebar (split))
    return 0;

  return (int) ceil (adw_length_unit_to_px (adw_overlay_split_view_get_sidebar_width_unit (split),
                                            adw_overlay_split_view_get_max_sidebar_width (split),
                                            gtk_widget_get_settings (GTK_WIDGET (split))));
}

/* The map centres what is chosen in the part that no floating panel
 * covers, and keeps the selection out from under one. */
static void
update_covered (CxWindow *self)
{
  if (self->map_view != NULL)
    cx_map_view_set_covered (self->map_view, covered_by (self->layers_split), covered_by (self->details_split));
}

/* A split view shows its sidebar again when it stops being collapsed, as
 * when presenting makes the window full screen: not while presenting.
 *
 * Where the details panel floats over the map, the panels take turns: the
 * one asked for last is shown. Both would overlap in a narrow window, where
 * both float; above 700 px, where the layers panel is docked, they would
 * leave the map a strip (at 800 px: 800 − 320 − 360 = 120 px). One at a
 * time, the map keeps at least the 340 px the breakpoints give it beside
 * docked panels. A docked layers panel that gave way comes back when the
 * details panel is closed, as it was. */
static void
on_sidebar_shown (AdwOverlaySplitView *split,
                  GParamSpec          *pspec,
                  CxWindow            *self)
{
  AdwOverlaySplitView *other = split == self->layers_split ? self->details_split : self->layers_split;

  if (!adw_overlay_split_view_get_show_sidebar (split))
    {
      if (split == self->details_split && self->layers_gave_way)
        {
          self->layers_gave_way = FALSE;
          if (!self->presenting && !self->panels_hidden &&
              adw_overlay_split_view_get_collapsed (split) &&
              !adw_overlay_split_view_get_collapsed (self->layers_split))
            adw_overlay_split_view_set_show_sidebar (self->layers_split, TRUE);
        }
      update_covered (self);
      return;
    }

  if (split == self->layers_split)
    self->layers_gave_way = FALSE;

  /* Presenting, the panels stay hidden, but for the details panel once F9
   * asked for it (toggle_presenting_panels()). */
  if (self->presenting && !(split == self->details_split && self->presenting_details))
    adw_overlay_split_view_set_show_sidebar (split, FALSE);
  else if (adw_overlay_split_view_get_collapsed (self->details_split) &&
           adw_overlay_split_view_get_show_sidebar (other))
    {
      gboolean gave_way = other == self->layers_split && !adw_overlay_split_view_get_collapsed (other);

      adw_overlay_split_view_set_show_sidebar (other, FALSE);
      self->layers_gave_way = gave_way;
    }

  update_covered (self);
}

/* ------------------------------------------------------------------ */
/* The selection, for screen readers and narrow windows                */
/* ------------------------------------------------------------------ */

/* Says what got selected, for screen readers: "Zhongshan Park, park,
 * 2 programs". The map, which has the focus after a click, carries it in its
 * name, which screen readers read when the focused object's name changes;
 * it is also announced outright, where GTK can (see cx-announce.c). */
static void
announce_selection (CxWindow *self)
{
  g_autofree char *text = cx_format_announcement (cx_selection_get_item (self->selection));
  g_autofree char *label = NULL;

  label = text != NULL ? g_strdup_printf (_("Map of Changning District: %s"), text)
                       : g_strdup (_("Map of Changning District"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map_view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (text != NULL)
    cx_accessible_announce (GTK_ACCESSIBLE (self), text);
}

/* A window that opens narrow with a place chosen (`--feature`, a geo: link
 * or a scene, on a phone) collapses after the selection was made: show its
 * details then, once; later the user opens them (F9, or the header's
 * button). In a narrow window the details float over the map, hidden until
 * asked for. */
static void
on_details_collapsed_at_start (CxWindow *self)
{
  if (!adw_overlay_split_view_get_collapsed (self->details_split))
    return;
  g_signal_handlers_disconnect_by_func (self->details_split, on_details_collapsed_at_start, self);
  if (cx_selection_get_item (self->selection) != NULL && !self->presenting)
    adw_overlay_split_view_set_show_sidebar (self->details_split, TRUE);
}

/* ------------------------------------------------------------------ */
/* Settings and the network                                            */
/* ------------------------------------------------------------------ */

static void
bind_settings (CxWindow *self)
{
  g_autoptr(GAction) bilingual = g_settings_create_action (self->settings, "bilingual-labels");
  g_autoptr(GAction) basemap = g_settings_create_action (self->settings, "basemap");
  const char *keys[] = { "basemap", "custom-tile-url", "custom-tile-attribution",
                         "custom-tile-max-zoom", "custom-tile-datum", "tile-cache-size-mb" };

  g_action_map_add_action (G_ACTION_MAP (self), basemap);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", keys[i]);
      g_signal_connect_object (self->settings, signal, G_CALLBACK (_cx_window_apply_basemap), self, G_CONNECT_SWAPPED);
    }

  g_action_map_add_action (G_ACTION_MAP (self), bilingual);
  g_settings_bind (self->settings, "bilingual-labels",
                   cx_map_view_get_overlay (self->map_view), "bilingual", G_SETTINGS_BIND_GET);
  /* win.pen-strokes-fade: the tools bar's Strokes Fade switch. */
  {
    g_autoptr(GAction) fade = g_settings_create_action (self->settings, "pen-strokes-fade");

    g_action_map_add_action (G_ACTION_MAP (self), fade);
    g_settings_bind (self->settings, "pen-strokes-fade", self->map_view, "pen-fades", G_SETTINGS_BIND_GET);
  }
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    CxWindow        *self)
{
  /* Back online: ask again for the tiles that failed. */
  if (available && cx_map_view_get_offline (self->map_view))
    cx_map_view_retry_network (self->map_view);
}

/* ------------------------------------------------------------------ */
/* GObject and GtkWidget                                               */
/* ------------------------------------------------------------------ */

static gboolean
save_window_state (CxWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));

  return GDK_EVENT_PROPAGATE;
}

static void
restore_window_state (CxWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect (self, "close-request", G_CALLBACK (save_window_state), NULL);
}

static void
on_notice (CxSession  *session,
           const char *text,
           gboolean    urgent,
           CxWindow   *self)
{
  /* The session has logged it. */
  _cx_window_toast (self, urgent ? CX_TOAST_URGENT : CX_TOAST_NONE, "%s", text);
}

static void
cx_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CxWindow *self = CX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CxWindow *self = CX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void cx_window_constructed (GObject *object);

static void
cx_window_dispose (GObject *object)
{
  CxWindow *self = (CxWindow *) object;

  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  self->after_paint_id = 0;
  g_clear_weak_pointer (&self->frame_clock);
  g_clear_handle_id (&self->restore_card_id, g_source_remove);
  g_cancellable_cancel (self->restore_cancellable);
  g_clear_object (&self->restore_cancellable);
  g_clear_pointer (&self->shortcuts, gtk_window_destroy);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_WINDOW);

  G_OBJECT_CLASS (cx_window_parent_class)->dispose (object);
}

static void
cx_window_finalize (GObject *object)
{
  CxWindow *self = (CxWindow *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->selection);
  g_clear_object (&self->annotations);
  g_clear_pointer (&self->handout_marks, g_ptr_array_unref);
  g_clear_object (&self->scene_edge_toast);
  g_clear_pointer (&self->scene_layers, g_strfreev);
  g_clear_object (&self->scene_selected);
  g_clear_object (&self->scene_thematic);
  g_free (self->scene_to_open);

  G_OBJECT_CLASS (cx_window_parent_class)->finalize (object);
}

static void
cx_window_class_init (CxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cx_window_constructed;
  object_class->get_property = cx_window_get_property;
  object_class->set_property = cx_window_set_property;
  object_class->dispose = cx_window_dispose;
  object_class->finalize = cx_window_finalize;
  widget_class->map = cx_window_map;

  /**
   * CxWindow:session:
   *
   * What the window shows: the pack (or why there is none), the settings,
   * the layers shown, the import queue.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CX_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CxWindow::first-frame:
   *
   * Emitted once, after the first frame of the mapped window is painted;
   * cx_window_get_first_frame_time() says when.
   */
  signals[FIRST_FRAME] = g_signal_new ("first-frame",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);

  g_type_ensure (CX_TYPE_MAP_VIEW);
  g_type_ensure (CX_TYPE_PRESENTATION_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, measure_button);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, layers_split);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, presentation_card);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, thematic_legend);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, import_cancel);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, details_split);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, error_page);

  _cx_window_class_actions_init (widget_class);
  _cx_window_class_annotations_init (widget_class);
}

/* The main menu's popover is made when the button first opens it (a click
 * or F10): a GtkMenuButton given its model at once builds the popover and
 * its 150 widgets before the first frame, for a menu not open then. */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  CxWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
cx_window_init (CxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu, self, NULL);

  _cx_window_actions_init (self);

  g_signal_connect (self->layers_split, "notify::show-sidebar", G_CALLBACK (on_sidebar_shown), self);
  g_signal_connect (self->details_split, "notify::show-sidebar", G_CALLBACK (on_sidebar_shown), self);
  g_signal_connect_swapped (self->layers_split, "notify::collapsed", G_CALLBACK (update_covered), self);
  g_signal_connect_swapped (self->details_split, "notify::collapsed", G_CALLBACK (update_covered), self);
}

/* A session without a pack (or settings) leaves the window with its error
 * page; with one, everything else follows. */
static void
on_presentation_scale (CxMapView          *view,
                       GParamSpec         *pspec,
                       CxPresentationCard *card)
{
  cx_presentation_card_set_text_scale (card, cx_map_view_get_presentation_scale (view));
}

/* The subtitle names the district in Chinese; AdwWindowTitle takes plain
 * text and keeps its labels to itself, so its subtitle label (the one with
 * the "subtitle" style class) is tagged as Simplified Chinese here, as
 * every other label with Chinese in it is (cx-chinese.c): else an English
 * interface shows 长宁区 in Japanese forms, from a second CJK face. */
static void
tag_chinese_subtitle (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        cx_chinese_label (GTK_LABEL (child));
      else
        tag_chinese_subtitle (child);
    }
}

static void
cx_window_constructed (GObject *object)
{
  CxWindow *self = (CxWindow *) object;
  CxDataPack *pack = cx_session_get_pack (self->session);
  g_autofree char *subtitle = NULL;

  G_OBJECT_CLASS (cx_window_parent_class)->constructed (object);

  g_signal_connect_object (self->session, "notice", G_CALLBACK (on_notice), self, 0);
  if (pack == NULL)
    {
      const GError *error = cx_session_get_pack_error (self->session);

      cx_window_show_error (self, error != NULL ? error->message : _("Unknown error"));
      _cx_window_actions_update (self);
      return;
    }

  self->settings = cx_session_get_settings (self->session);
  self->visibility = cx_session_get_visibility (self->session);
  self->scenes = cx_session_get_scenes (self->session);
  self->imported = cx_session_get_imported (self->session);
  self->layers_dir = cx_session_get_layers_dir (self->session);
  restore_window_state (self);

  self->selection = cx_selection_new (pack);
  self->map_view = cx_map_view_new (pack);
  cx_map_view_set_selection (self->map_view, self->selection);
  _cx_window_annotations_init (self);
  _cx_window_install_map_shortcuts (self);
  bind_settings (self);
  cx_overlay_layer_set_visibility (cx_map_view_get_overlay (self->map_view), self->visibility);
  g_object_set (cx_map_view_get_overlay (self->map_view), "model", self->imported, NULL);
  cx_presentation_card_set_visibility (CX_PRESENTATION_CARD (self->presentation_card), self->visibility);
  cx_presentation_card_set_imported (CX_PRESENTATION_CARD (self->presentation_card), G_LIST_MODEL (self->imported));
  /* The card's text is sized for the screen, as the map's is. */
  g_signal_connect_object (self->map_view, "notify::presentation-scale",
                           G_CALLBACK (on_presentation_scale), self->presentation_card, 0);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->map_view), "map");
  /* Map labels keep off what lies over the map (and off the panels, once
   * built: _cx_window_ensure_panels()). */
  cx_map_view_add_cover (self->map_view, self->presentation_card);
  cx_map_view_add_cover (self->map_view, GTK_WIDGET (self->import_revealer));
  cx_map_view_add_cover (self->map_view, GTK_WIDGET (self->offline_revealer));
  gtk_stack_set_visible_child_name (self->stack, "map");
  _cx_window_actions_update (self);

  _cx_window_apply_basemap (self);
  g_object_bind_property (self->map_view, "offline", self->offline_revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  /* The button shows whether the tool is on, however it was turned on. */
  g_object_bind_property (self->map_view, "measuring", self->measure_button, "active", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, 0);

  /* At most once a day, and only when an update address is set. */
  cx_session_check_for_updates (self->session, FALSE);

  _cx_window_thematic_init (self);
  _cx_window_load_scenes (self);
  _cx_window_import_init (self);

  g_signal_connect_object (self->selection, "notify::item", G_CALLBACK (announce_selection), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details_split, "notify::collapsed", G_CALLBACK (on_details_collapsed_at_start), self, G_CONNECT_SWAPPED);

  subtitle = cx_format_district (pack);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  tag_chinese_subtitle (GTK_WIDGET (self->window_title));

  _cx_window_ensure_panels (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

CxWindow *
cx_window_new (CxApplication *application)
{
  g_autoptr(CxSession) session = NULL;

  g_return_val_if_fail (CX_IS_APPLICATION (application), NULL);

  session = cx_application_dup_window_session (application);
  return g_object_new (CX_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

/**
 * cx_window_add_toast:
 * @message: plain text, never markup
 *
 * Tells the user something in a toast.
 */
void
cx_window_add_toast (CxWindow   *self,
                     const char *message)
{
  g_return_if_fail (CX_IS_WINDOW (self));

  _cx_window_toast (self, CX_TOAST_NONE, "%s", message);
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
  g_autofree char *shown = NULL;

  g_return_val_if_fail (CX_IS_WINDOW (self), FALSE);

  if (cx_selection_select_by_id (self->selection, id))
    return TRUE;

  /* The id came from outside: shortened, control characters replaced,
   * and shown as typed, never as markup. */
  shown = cx_error_excerpt (id);
  _cx_window_toast (self, CX_TOAST_ERROR, _("There is no place, program or statistic “%s” in the data"), shown);
  return FALSE;
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

/* ------------------------------------------------------------------ */
/* Hooks for the tests and --first-frame-time (cx-window-private.h)    */
/* ------------------------------------------------------------------ */

/**
 * cx_window_get_first_frame_time:
 *
 * Returns: the monotonic time of the window's first frame, 0 before it
 */
gint64
cx_window_get_first_frame_time (CxWindow *self)
{
  return self->first_frame_us;
}

/**
 * cx_window_describe_state:
 *
 * Returns: (transfer full): the state the window is in, one "key value"
 *   a line (selected, view, layers, scene, annotations and how many are
 *   in view), for scripts and tests
 */
char *
cx_window_describe_state (CxWindow *self)
{
  GString *out = g_string_new (NULL);

  ShumateViewport *viewport = cx_map_view_get_viewport (self->map_view);
  g_auto(GStrv) layers = cx_visibility_dup_visible_ids (self->visibility);
  g_autofree char *joined = g_strjoinv (",", layers);
  CxItem *item = (CxItem *) cx_selection_get_item (self->selection);

  if (item != NULL)
    g_string_append_printf (out, "selected %s\n", cx_item_get_id (item));
  g_string_append_printf (out, "view %.5f %.5f %.2f\n",
                          shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                          shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                          shumate_viewport_get_zoom_level (viewport));
  g_string_append_printf (out, "layers %s\n", joined);
  g_string_append_printf (out, "scene %d\n", cx_scene_list_get_current (self->scenes));
  if (cx_session_get_thematic (self->session) != NULL)
    g_string_append_printf (out, "thematic %s\n", cx_statistic_get_id (cx_session_get_thematic (self->session)));
  g_string_append_printf (out, "annotations %u in-view %u\n",
                          g_list_model_get_n_items (G_LIST_MODEL (self->annotations)),
                          cx_map_view_count_annotations_in_view (self->map_view));
  /* The planner's own layers: "imported-layer FEATURES NAME (FORMAT)". */
  g_string_append_printf (out, "imported %u\n", g_list_model_get_n_items (G_LIST_MODEL (self->imported)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->imported)); i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->imported), i);

      g_string_append_printf (out, "imported-layer %u %s (%s)\n",
                              g_list_model_get_n_items (cx_imported_layer_get_features (layer)),
                              cx_imported_layer_get_name (layer), cx_imported_layer_get_format (layer));
    }
  return g_string_free (out, FALSE);
}

CxMapView    *cx_window_get_map_view      (CxWindow *self) { return self->map_view; }
CxAnnotations *cx_window_get_annotations  (CxWindow *self) { return self->annotations; }
CxSelection  *cx_window_get_selection     (CxWindow *self) { return self->selection; }
CxVisibility *cx_window_get_visibility    (CxWindow *self) { return self->visibility; }
GListModel   *cx_window_get_scenes        (CxWindow *self) { return G_LIST_MODEL (self->scenes); }
int           cx_window_get_current_scene (CxWindow *self) { return cx_scene_list_get_current (self->scenes); }
GtkWidget    *cx_window_get_presentation_card (CxWindow *self) { return self->presentation_card; }
gboolean      cx_window_get_presenting    (CxWindow *self) { return self->presenting; }
GListModel   *cx_window_get_imported      (CxWindow *self) { return G_LIST_MODEL (self->imported); }
/* Whether the side panels are built: the getters of the panels build them. */
gboolean      cx_window_get_panels_built  (CxWindow *self) { return self->sidebar != NULL; }

GtkWidget *
cx_window_get_details_panel (CxWindow *self)
{
  _cx_window_ensure_panels (self);
  return self->details;
}

GtkWidget *
cx_window_get_sidebar (CxWindow *self)
{
  _cx_window_ensure_panels (self);
  return self->sidebar;
}

GtkWidget *
cx_window_get_layer_panel (CxWindow *self)
{
  _cx_window_ensure_panels (self);
  return self->layer_panel;
}
