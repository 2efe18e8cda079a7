/* test-access.c: every control has a name, and everything works from the
 * keyboard (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "cx-details-panel.h"
#include "cx-sidebar.h"
#include "ui-helpers.h"

static gboolean
has_text_content (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_text_content (child))
      return TRUE;

  return FALSE;
}

/* A name as a screen reader gets it: set outright, borrowed from a label,
 * or (for buttons and rows) the text they show. */
static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget) || GTK_IS_LIST_BOX_ROW (widget) || GTK_IS_CHECK_BUTTON (widget))
    return has_text_content (widget);

  return FALSE;
}

/* What a user can operate: anything that takes focus or is a button. */
static gboolean
is_interactive (GtkWidget *widget)
{
  GtkWidget *entry_parent;

  if (GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget) ||
      GTK_IS_MENU_BUTTON (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget))
    return TRUE;

  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
           gtk_list_box_get_selection_mode (GTK_LIST_BOX (gtk_widget_get_parent (widget))) != GTK_SELECTION_NONE;

  /* The text inside an entry is named by the entry. */
  entry_parent = gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_ENTRY);
  if (entry_parent == NULL)
    entry_parent = gtk_widget_get_ancestor (widget, GTK_TYPE_ENTRY);
  if (GTK_IS_TEXT (widget) && entry_parent != NULL)
    return FALSE;

  return gtk_widget_get_focusable (widget) && !GTK_IS_LIST_BOX (widget) &&
         !GTK_IS_SCROLLED_WINDOW (widget) && !GTK_IS_VIEWPORT (widget) &&
         !GTK_IS_FLOW_BOX (widget) && !GTK_IS_WINDOW (widget) && !GTK_IS_POPOVER (widget);
}

typedef struct
{
  guint      interactive;
  guint      named;
  GPtrArray *unnamed;
} Census;

static void
walk (GtkWidget *widget,
      Census    *census)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (is_interactive (widget))
    {
      census->interactive++;
      if (has_name (widget))
        census->named++;
      else
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);
          g_ptr_array_add (census->unnamed, g_strdup_printf ("%s (%s)", G_OBJECT_TYPE_NAME (widget),
                                                             tooltip != NULL ? tooltip : "no tooltip"));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    walk (child, census);
}

static void
census_of (const char *what,
           Census     *total)
{
  Census census = { 0, 0, g_ptr_array_new_with_free_func (g_free) };

  walk (GTK_WIDGET (ui_window ()), &census);
  g_test_message ("%s: %u interactive elements, %u named", what, census.interactive, census.named);
  for (guint i = 0; i < census.unnamed->len; i++)
    g_test_message ("  unnamed: %s", (char *) g_ptr_array_index (census.unnamed, i));

  total->interactive += census.interactive;
  total->named += census.named;
  if (census.unnamed->len > 0)
    g_error ("%s: %u interactive elements have no accessible name (first: %s)", what,
             census.unnamed->len, (char *) g_ptr_array_index (census.unnamed, 0));
  g_ptr_array_unref (census.unnamed);
}

static void
test_every_control_is_named (void)
{
  CxWindow *window = ui_window ();
  CxSelection *selection = cx_window_get_selection (window);
  CxSidebar *sidebar = CX_SIDEBAR (cx_window_get_sidebar (window));
  Census total = { 0, 0, NULL };

  cx_selection_clear (selection);
  cx_sidebar_show_page (sidebar, "layers");
  ui_spin (200);
  census_of ("overview, layers", &total);

  cx_selection_select_by_id (selection, "zhongshan-park");
  cx_sidebar_show_page (sidebar, "places");
  ui_spin (200);
  census_of ("place page, places list", &total);

  cx_selection_select_by_id (selection, "suzhou-creek-opening");
  ui_spin (200);
  census_of ("program page", &total);

  cx_selection_select_by_id (selection, "gdp-2024");
  gtk_editable_set_text (GTK_EDITABLE (cx_sidebar_get_search_entry (sidebar)), "park");
  ui_spin (300);
  census_of ("statistic page, search results", &total);

  g_test_message ("all views: %u interactive elements, %u named", total.interactive, total.named);
  g_assert_cmpuint (total.interactive, >, 50);
  g_assert_cmpuint (total.named, ==, total.interactive);

  gtk_editable_set_text (GTK_EDITABLE (cx_sidebar_get_search_entry (sidebar)), "");
  cx_selection_clear (selection);
}

static const char *
selected_id (void)
{
  CxFeature *feature = cx_selection_get_feature (cx_window_get_selection (ui_window ()));

  return feature != NULL ? cx_feature_get_id (feature) : NULL;
}

static GtkWidget *
panel (void)
{
  return cx_window_get_details_panel (ui_window ());
}

static void
type_text (const char *text)
{
  const char *argv[] = { "xdotool", "type", "--delay", "30", text, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  ui_spin (400);
}

/* Search with the keyboard only: Ctrl+F, a name, Enter. */
static void
test_keyboard_search (void)
{
  cx_selection_clear (cx_window_get_selection (ui_window ()));
  ui_key ("ctrl+m");

  ui_key ("ctrl+f");
  g_assert_true (gtk_widget_has_focus (gtk_widget_get_focus_child (cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (ui_window ()))))) ||
                 gtk_widget_has_focus (cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (ui_window ())))));
  type_text ("zhongshan");
  ui_key ("Return");

  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  g_assert_cmpstr (cx_details_panel_get_page_name (CX_DETAILS_PANEL (panel ())), ==, "place");
  g_assert_true (ui_text_contains (panel (), "Zhongshan Park"));
  g_assert_true (ui_text_contains (panel (), "中山公园"));

  /* Chinese works too (typed through an input method, which xdotool cannot
   * drive: the text is set as the IME would commit it); Down goes to the
   * results, Enter picks one. */
  gtk_editable_set_text (GTK_EDITABLE (cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (ui_window ())))), "华东政法");
  ui_spin (400);
  ui_key ("Down");
  ui_key ("Return");
  g_assert_cmpstr (selected_id (), ==, "ecupl-changning");
  g_assert_true (ui_text_contains (panel (), "华东政法大学长宁校区"));

  ui_key ("Escape");
}

/* The Places list: moving through it selects each place and the panel follows. */
static void
test_keyboard_places_list (void)
{
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  GListModel *layers = cx_data_pack_get_layers (pack);
  g_autoptr(CxLayer) first_layer = g_list_model_get_item (layers, 0);
  g_autoptr(CxLayer) second_layer = g_list_model_get_item (layers, 1);
  g_autoptr(CxFeature) first = g_list_model_get_item (cx_layer_get_features (first_layer), 0);
  g_autoptr(CxFeature) second = g_list_model_get_item (cx_layer_get_features (second_layer), 0);
  g_autoptr(CxFeature) third = g_list_model_get_item (cx_layer_get_features (second_layer), 1);

  cx_selection_clear (cx_window_get_selection (ui_window ()));
  ui_key ("ctrl+l");
  ui_key ("Home");
  g_assert_cmpstr (selected_id (), ==, cx_feature_get_id (first));

  ui_key ("Down");
  g_assert_cmpstr (selected_id (), ==, cx_feature_get_id (second));
  g_assert_true (ui_text_contains (panel (), cx_feature_get_name (second)));
  ui_key ("Down");
  g_assert_cmpstr (selected_id (), ==, cx_feature_get_id (third));
  g_assert_true (ui_text_contains (panel (), cx_feature_get_name (third)));
  g_assert_true (ui_text_contains (panel (), cx_feature_get_name_zh (third)));

  /* …and the map centres on it. */
  {
    CxMapView *view = cx_window_get_map_view (ui_window ());
    CxOverlayLayer *overlay = cx_map_view_get_overlay (view);
    CxCoord c = cx_feature_get_label_point (third);
    double x, y;

    cx_overlay_layer_location_to_widget (overlay, c.y, c.x, &x, &y);
    g_assert_cmpfloat (fabs (x - gtk_widget_get_width (GTK_WIDGET (overlay)) / 2.0), <, 5);
    g_assert_cmpfloat (fabs (y - gtk_widget_get_height (GTK_WIDGET (overlay)) / 2.0), <, 5);
  }
}

/* The map itself: arrows pan, plus and minus zoom. */
static void
test_keyboard_map (void)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (cx_window_get_map_view (ui_window ()));
  double lon, lat, zoom;

  cx_map_view_fit_district (cx_window_get_map_view (ui_window ()));
  ui_spin (100);
  ui_key ("ctrl+m");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (cx_window_get_map_view (ui_window ()))));

  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  zoom = shumate_viewport_get_zoom_level (viewport);

  ui_key ("Right");
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon);
  ui_key ("Up");
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), >, lat);
  ui_key ("plus");
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (zoom) + 1, 0.01);
  ui_key ("minus");
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (zoom), 0.01);
}

/* Selecting a place is said: the focused map's name carries it. */
static void
test_selection_is_announced (void)
{
  CxMapView *view = cx_window_get_map_view (ui_window ());

  cx_selection_select_by_id (cx_window_get_selection (ui_window ()), "zhongshan-park");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Map of Changning District: Zhongshan Park, park, 2 programs, 0 figures");
  cx_selection_clear (cx_window_get_selection (ui_window ()));
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Map of Changning District");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  /* GtkTestATContext: the accessible tree as a screen reader would get it,
   * without an accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_init (&argc, &argv);

  g_test_add_func ("/access/every-control-is-named", test_every_control_is_named);
  g_test_add_func ("/access/keyboard-search", test_keyboard_search);
  g_test_add_func ("/access/keyboard-places-list", test_keyboard_places_list);
  g_test_add_func ("/access/keyboard-map", test_keyboard_map);
  g_test_add_func ("/access/selection-is-announced", test_selection_is_announced);

  return ui_run ();
}
