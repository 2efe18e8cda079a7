/* cx-window-thematic.c: the window's thematic view: one statistic's
 * breakdown by subdistrict as proportional symbols on the map, its legend
 * over the map and its ranked bars in the Layers panel
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which statistic is shown is the session's (CxSession:thematic), so that
 * scenes, the handout and the command line see it; the window follows it
 * here: the overlay draws the circles, the legend and the panel show it,
 * and win.thematic-clear (Esc on the map, the legend's close button) is
 * enabled while there is one.
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-feature.h"
#include "cx-layer.h"
#include "cx-layer-panel.h"
#include "cx-map-view.h"
#include "cx-overlay-layer.h"
#include "cx-thematic.h"
#include "cx-thematic-legend.h"
#include "cx-window-private.h"

/* The places of the view are on the map: the layers their features are in
 * are switched on (the subdistricts are off at start). */
static void
show_places (CxWindow    *self,
             CxStatistic *statistic)
{
  CxDataPack *pack = cx_session_get_pack (self->session);

  for (guint i = 0; i < cx_statistic_get_n_entries (statistic); i++)
    {
      CxFeature *feature = cx_data_pack_lookup_feature (pack, cx_statistic_get_entry (statistic, i)->id);
      CxLayer *layer = feature != NULL ? cx_feature_get_layer (feature) : NULL;

      if (layer != NULL && !cx_visibility_get_visible (self->visibility, cx_layer_get_id (layer)))
        cx_visibility_set_visible (self->visibility, cx_layer_get_id (layer), TRUE);
    }
}

static void
update_legend_radius (CxWindow *self)
{
  cx_thematic_legend_set_max_radius (CX_THEMATIC_LEGEND (self->thematic_legend),
                                     cx_overlay_layer_get_symbol_radius (cx_map_view_get_overlay (self->map_view)));
}

static void
on_thematic_changed (CxWindow *self)
{
  CxStatistic *statistic = cx_session_get_thematic (self->session);

  if (statistic != NULL)
    show_places (self, statistic);
  cx_overlay_layer_set_thematic (cx_map_view_get_overlay (self->map_view), statistic);
  update_legend_radius (self);
  cx_thematic_legend_set_statistic (CX_THEMATIC_LEGEND (self->thematic_legend),
                                    cx_session_get_pack (self->session), statistic);
  if (self->layer_panel != NULL)
    cx_thematic_panel_set_statistic (cx_layer_panel_get_thematic_panel (CX_LAYER_PANEL (self->layer_panel)),
                                     statistic);
  _cx_window_actions_update (self);
  /* The card names the statistic while presenting. */
  _cx_window_update_presentation (self);
}

/**
 * _cx_window_show_thematic:
 * @id: (nullable): a statistic's id (a former id finds it too), or %NULL
 *   or "" for none
 *
 * Shows that statistic as the thematic view, or says in a toast why not.
 *
 * Returns: whether it is shown now
 */
gboolean
_cx_window_show_thematic (CxWindow   *self,
                          const char *id)
{
  CxStatistic *statistic;

  if (id == NULL || *id == '\0')
    return cx_session_set_thematic (self->session, NULL);

  statistic = cx_data_pack_lookup_statistic (cx_session_get_pack (self->session), id);
  if (statistic == NULL)
    {
      _cx_window_toast (self, CX_TOAST_NONE, _("No statistic “%s”"), id);
      return FALSE;
    }
  if (!cx_session_set_thematic (self->session, statistic))
    {
      _cx_window_toast (self, CX_TOAST_NONE, _("“%s” has no figures by place to show on the map"),
                        cx_statistic_get_title (statistic));
      return FALSE;
    }

  return TRUE;
}

static void
thematic_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _cx_window_show_thematic (CX_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
thematic_clear_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  cx_session_set_thematic (CX_WINDOW (widget)->session, NULL);
}

/* The pointer over a circle on the map: the circle and its bar are drawn
 * as hovered, as when the pointer is on the bar. */
static void
on_map_motion (GtkEventControllerMotion *motion,
               double                    x,
               double                    y,
               CxWindow                 *self)
{
  CxStatistic *statistic = cx_session_get_thematic (self->session);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (self->map_view);
  GObject *item = NULL;
  graphene_point_t p;

  /* The map view has the pointer; the overlay lies over the whole map. */
  if (statistic != NULL &&
      gtk_widget_compute_point (GTK_WIDGET (self->map_view), GTK_WIDGET (overlay),
                                &GRAPHENE_POINT_INIT (x, y), &p))
    {
      item = cx_overlay_layer_feature_at (overlay, p.x, p.y);
      if (item != NULL && (!CX_IS_FEATURE (item) ||
                           cx_statistic_lookup_entry (statistic, cx_feature_get_id (CX_FEATURE (item))) == NULL))
        item = NULL;
    }
  cx_overlay_layer_set_symbol_hover (overlay, item);
  if (self->layer_panel != NULL)
    cx_thematic_panel_set_hovered (cx_layer_panel_get_thematic_panel (CX_LAYER_PANEL (self->layer_panel)), item);
}

static void
on_map_leave (GtkEventControllerMotion *motion,
              CxWindow                 *self)
{
  cx_overlay_layer_set_symbol_hover (cx_map_view_get_overlay (self->map_view), NULL);
  if (self->layer_panel != NULL)
    cx_thematic_panel_set_hovered (cx_layer_panel_get_thematic_panel (CX_LAYER_PANEL (self->layer_panel)), NULL);
}

static void
on_bar_hover (CxThematicPanel *panel,
              GObject         *feature,
              CxWindow        *self)
{
  cx_overlay_layer_set_symbol_hover (cx_map_view_get_overlay (self->map_view), feature);
}

/* Once the Layers panel is built (_cx_window_ensure_panels()), it offers
 * the statistics, shows the view's bars and links them to the selection. */
void
_cx_window_thematic_panel_init (CxWindow *self)
{
  CxThematicPanel *panel = cx_layer_panel_get_thematic_panel (CX_LAYER_PANEL (self->layer_panel));

  cx_thematic_panel_set_selection (panel, self->selection);
  cx_thematic_panel_set_statistic (panel, cx_session_get_thematic (self->session));
  g_signal_connect_object (panel, "hover", G_CALLBACK (on_bar_hover), self, 0);
}

void
_cx_window_class_thematic_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (CX_TYPE_THEMATIC_LEGEND);
  gtk_widget_class_install_action (widget_class, "win.thematic", "s", thematic_activated);
  gtk_widget_class_install_action (widget_class, "win.thematic-clear", NULL, thematic_clear_activated);
}

void
_cx_window_thematic_init (CxWindow *self)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (self->map_view);

  /* Names on the map keep clear of the legend. */
  cx_map_view_add_cover (self->map_view, self->thematic_legend);
  g_signal_connect_object (self->session, "notify::thematic", G_CALLBACK (on_thematic_changed), self, G_CONNECT_SWAPPED);
  /* The legend's circles are the map's at its zoom. */
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (update_legend_radius), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "notify::presentation-scale", G_CALLBACK (update_legend_radius), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();

    g_signal_connect (motion, "motion", G_CALLBACK (on_map_motion), self);
    g_signal_connect (motion, "leave", G_CALLBACK (on_map_leave), self);
    gtk_widget_add_controller (GTK_WIDGET (self->map_view), motion);
  }
  on_thematic_changed (self);
}
