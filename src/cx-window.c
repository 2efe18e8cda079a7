/* cx-window.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-details-panel.h"
#include "cx-sources-dialog.h"
#include "cx-window.h"

struct _CxWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  AdwFlap         *flap;
  GtkStack        *stack;
  AdwStatusPage   *error_page;

  /* Owned */
  GSettings       *settings;    /* NULL when the schema is not installed */
  CxSelection     *selection;   /* NULL when there is no pack */

  /* Borrowed */
  CxMapView       *map_view;
  GtkWidget       *details;

  gulong           after_paint_id;
  GdkFrameClock   *frame_clock;
};

G_DEFINE_FINAL_TYPE (CxWindow, cx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  FIRST_FRAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_after_paint (GdkFrameClock *clock,
                CxWindow      *self)
{
  g_signal_handler_disconnect (clock, self->after_paint_id);
  self->after_paint_id = 0;
  self->frame_clock = NULL;

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
    gtk_window_present (cx_sources_dialog_new (GTK_WINDOW (self), cx_selection_get_pack (self->selection)));
}

static void
select_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cx_window_select_id (CX_WINDOW (widget), g_variant_get_string (parameter, NULL));
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

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_WINDOW);

  G_OBJECT_CLASS (cx_window_parent_class)->dispose (object);
}

static void
cx_window_finalize (GObject *object)
{
  CxWindow *self = (CxWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cx_window_parent_class)->finalize (object);
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CxWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.zoom-district", NULL, zoom_district_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-to-selection", NULL, zoom_to_selection_activated);
  gtk_widget_class_install_action (widget_class, "win.show-sources", NULL, show_sources_activated);
  gtk_widget_class_install_action (widget_class, "win.select", "s", select_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
cx_window_init (CxWindow *self)
{
  g_type_ensure (CX_TYPE_MAP_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

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

  self->map_view = cx_map_view_new (pack);
  cx_map_view_set_selection (self->map_view, self->selection);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->map_view), "map");
  gtk_stack_set_visible_child_name (self->stack, "map");

  self->details = cx_details_panel_new (self->selection);
  gtk_widget_set_size_request (self->details, 360, -1);
  adw_flap_set_flap (self->flap, self->details);

  subtitle = g_strdup_printf ("%s · %s", cx_data_pack_get_name_zh (pack), cx_data_pack_get_name (pack));
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

  return self->details;
}

void
cx_window_add_toast (CxWindow   *self,
                     const char *message)
{
  g_return_if_fail (CX_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
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

  message = g_strdup_printf (_("There is no place, program or statistic “%s” in the data"), id);
  g_warning ("%s", message);
  /* The id came from outside: show it as typed, never as markup. */
  {
    g_autofree char *escaped = g_markup_escape_text (message, -1);
    cx_window_add_toast (self, escaped);
  }
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
