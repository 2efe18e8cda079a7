/* test-keys.c: the keyboard and the selection: Back returns to the
 * view it left (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "cx-sidebar.h"
#include "ui-helpers.h"

static CxWindow *
window (void)
{
  return ui_window ();
}

static GtkWidget *
map_view (void)
{
  return GTK_WIDGET (cx_window_get_map_view (window ()));
}

static CxSelection *
selection (void)
{
  return cx_window_get_selection (window ());
}

static GtkWidget *
details (void)
{
  return cx_window_get_details_panel (window ());
}

static GtkWidget *
search_entry (void)
{
  return cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (window ())));
}

static AdwOverlaySplitView *
split_of (GtkWidget *panel)
{
  GtkWidget *split = gtk_widget_get_ancestor (panel, ADW_TYPE_OVERLAY_SPLIT_VIEW);

  g_assert_nonnull (split);
  return ADW_OVERLAY_SPLIT_VIEW (split);
}

static AdwOverlaySplitView *
details_split (void)
{
  return split_of (details ());
}

static AdwOverlaySplitView *
layers_split (void)
{
  return split_of (cx_window_get_sidebar (window ()));
}

static const char *
selected_id (void)
{
  GObject *item = cx_selection_get_item (selection ());

  return item != NULL ? cx_item_get_id (CX_ITEM (item)) : NULL;
}

typedef struct
{
  int width, height;
} Size;

static gboolean
layout_settled (gpointer data)
{
  Size *size = data;
  AdwOverlaySplitView *layers = layers_split ();
  AdwOverlaySplitView *details = details_split ();

  /* The breakpoints (cx-window.ui): details float below 1020 px, both
   * below 700 px. */
  return abs (gtk_widget_get_width (GTK_WIDGET (window ())) - size->width) < 40 &&
         adw_overlay_split_view_get_collapsed (details) == (size->width <= 1020) &&
         adw_overlay_split_view_get_collapsed (layers) == (size->width <= 700);
}

/* Resizes the window and waits for the breakpoints to follow; no panel
 * floats open after it. */
static void
resize_window (int width,
               int height)
{
  Size size = { width, height };

  gtk_window_set_default_size (GTK_WINDOW (window ()), width, height);
  if (!ui_wait_for (layout_settled, &size, 10000))
    g_error ("asked for %d × %d, the window is %d × %d", width, height,
             gtk_widget_get_width (GTK_WIDGET (window ())), gtk_widget_get_height (GTK_WIDGET (window ())));
  if (adw_overlay_split_view_get_collapsed (layers_split ()))
    adw_overlay_split_view_set_show_sidebar (layers_split (), FALSE);
  if (adw_overlay_split_view_get_collapsed (details_split ()))
    adw_overlay_split_view_set_show_sidebar (details_split (), FALSE);
  ui_settle (GTK_WIDGET (window ()));
}

/* Back to a wide window with both panels, nothing selected, the whole
 * district, the keyboard on the map. */
static void
reset (void)
{
  resize_window (1200, 800);
  adw_overlay_split_view_set_show_sidebar (layers_split (), TRUE);
  adw_overlay_split_view_set_show_sidebar (details_split (), TRUE);
  cx_selection_clear (selection ());
  gtk_editable_set_text (GTK_EDITABLE (search_entry ()), "");
  cx_map_view_fit_district (cx_window_get_map_view (window ()));
  gtk_widget_grab_focus (map_view ());
  ui_settle (GTK_WIDGET (window ()));
}

/* ------------------------------------------------------------------ */
/* Back                                                                */
/* ------------------------------------------------------------------ */

/* Alt+Left returns to the previous selection and to the view it was left
 * at; so does the panel's Back button. */
static void
test_back_restores_view (void)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (cx_window_get_map_view (window ()));
  double lat, lon, zoom;

  reset ();
  g_assert_true (cx_selection_select_by_id (selection (), "zhongshan-park"));
  cx_map_view_go_to (cx_window_get_map_view (window ()), 31.2215, 121.4140, 15);
  ui_settle (GTK_WIDGET (window ()));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  zoom = shumate_viewport_get_zoom_level (viewport);

  /* The zoo, far off: the map goes there. */
  g_assert_true (cx_selection_select_by_id (selection (), "shanghai-zoo"));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.zoom-to-selection", NULL);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - lon), >, 0.01);

  ui_key ("alt+Left");
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), lat, 1e-5);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), lon, 1e-5);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.01);

  /* The details panel's Back button. */
  g_assert_true (cx_selection_select_by_id (selection (), "shanghai-zoo"));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.zoom-to-selection", NULL);
  ui_settle (GTK_WIDGET (window ()));
  {
    GtkWidget *back = NULL;

    for (GtkWidget *w = gtk_widget_get_first_child (details ()); w != NULL && back == NULL; w = gtk_widget_get_next_sibling (w))
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && back == NULL; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_BUTTON (c))
          back = c;
    g_assert_nonnull (back);
    ui_click (back, gtk_widget_get_width (back) / 2.0, gtk_widget_get_height (back) / 2.0, 1);
  }
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), lon, 1e-5);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.01);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  /* Fresh scenes: the pack's starters. */
  ui_private_data_home ("cx-test-keys-XXXXXX");
  ui_init (&argc, &argv);

  g_test_add_func ("/keys/back-restores-view", test_back_restores_view);

  return ui_run ();
}
