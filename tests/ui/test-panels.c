/* test-panels.c: clicks on the map select, the panel follows (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "cx-bar-chart.h"
#include "cx-details-panel.h"
#include "cx-format.h"
#include "cx-gcj02.h"
#include "cx-geodesy.h"
#include "cx-sidebar.h"
#include "cx-statistic-card.h"
#include "cx-overlay-private.h"
#include "cx-series-chart.h"
#include "cx-test-run.h"
#include "ui-helpers.h"

static CxMapView *
map_view (void)
{
  return cx_window_get_map_view (ui_window ());
}

static CxSelection *
selection (void)
{
  return cx_window_get_selection (ui_window ());
}

static CxDetailsPanel *
panel (void)
{
  return CX_DETAILS_PANEL (cx_window_get_details_panel (ui_window ()));
}

static const char *
selected_id (void)
{
  GObject *item = cx_selection_get_item (selection ());

  if (CX_IS_FEATURE (item))
    return cx_feature_get_id (CX_FEATURE (item));
  if (CX_IS_PROGRAM (item))
    return cx_program_get_id (CX_PROGRAM (item));
  if (CX_IS_STATISTIC (item))
    return cx_statistic_get_id (CX_STATISTIC (item));
  return NULL;
}

static gboolean
selected_is (gpointer id)
{
  return g_strcmp0 (selected_id (), id) == 0;
}

/* Waits until the item @id is selected; the caller asserts it. */
static void
wait_selected (const char *id)
{
  ui_wait_for (selected_is, (gpointer) id, 5000);
}

/* The first visible widget of @type under @widget, depth first. */
static GtkWidget *
find_visible (GtkWidget *widget,
              GType      type)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const CxChartRow *
chart_row (CxChartTable *table,
           const char   *id)
{
  int i = table != NULL ? cx_chart_table_find (table, id) : -1;

  return i >= 0 ? cx_chart_table_get_row (table, i) : NULL;
}

/* Starts every test from the whole district with nothing selected. */
static void
reset (void)
{
  cx_selection_clear (selection ());
  cx_map_view_fit_district (map_view ());
  ui_settle (GTK_WIDGET (map_view ()));
}

/* Clicks the map where a location is, through the X server. */
static void
click_location (double lat,
                double lon,
                double offset_x,
                double offset_y,
                guint  n_clicks)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view ());
  double x, y;

  cx_overlay_layer_location_to_widget (overlay, lat, lon, &x, &y);
  ui_click (GTK_WIDGET (overlay), x + offset_x, y + offset_y, n_clicks);
}

static void
test_click_polygon (void)
{
  reset ();

  /* Inside the district, away from every marker and line. */
  click_location (31.2050, 121.3700, 0, 0, 1);
  g_assert_cmpstr (selected_id (), ==, "changning-district");
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "place");
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Changning District"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "长宁区"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Accurate to about 85 m"));
  /* Its area and perimeter, measured on the ellipsoid (test-geodesy), on
   * its own page (the panel keeps the overview, which says the same). */
  g_assert_true (ui_text_contains (cx_details_panel_get_page (panel ()), "Measured from the outline: 37.2 km², perimeter 36.9 km"));
  /* Its figures, with their source inline. */
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "+15.3 %"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Source: "));
  g_assert_true (cx_selection_is_highlighted (selection (), cx_selection_get_feature (selection ())));
}

/* A click a few pixels beside the Suzhou Creek waterfront still hits it. */
static void
test_click_line (void)
{
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  CxFeature *creek = cx_data_pack_lookup_feature (pack, "suzhou-creek-waterfront");
  CxOverlayLayer *overlay;
  guint n;
  const CxCoord *line = cx_geometry_get_part (cx_feature_get_geometry (creek), 0, &n);
  double ax, ay, bx, by, nx, ny, len;

  reset ();
  overlay = cx_map_view_get_overlay (map_view ());

  /* The middle of a segment in the middle of the line, 4 px to its side. */
  cx_overlay_layer_location_to_widget (overlay, line[n / 2].y, line[n / 2].x, &ax, &ay);
  cx_overlay_layer_location_to_widget (overlay, line[n / 2 + 1].y, line[n / 2 + 1].x, &bx, &by);
  len = hypot (bx - ax, by - ay);
  g_assert_cmpfloat (len, >, 4);
  nx = -(by - ay) / len;
  ny = (bx - ax) / len;

  ui_click (GTK_WIDGET (overlay), (ax + bx) / 2 + 4 * nx, (ay + by) / 2 + 4 * ny, 1);
  g_assert_cmpstr (selected_id (), ==, "suzhou-creek-waterfront");
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Suzhou Creek"));
  g_assert_true (ui_text_contains (cx_details_panel_get_page (panel ()), "Measured along the line: 11.7 km"));
}

static void
test_click_marker (void)
{
  GtkWidget *row;

  reset ();

  click_location (31.2232, 121.4165, 2, -1, 1);
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "place");
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Zhongshan Park"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "中山公园"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Park"));

  /* Its program is listed, and activating it goes to the program. */
  row = ui_find_row (GTK_WIDGET (panel ()), "Opening the Suzhou Creek waterfront");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  wait_selected ("suzhou-creek-opening");
  g_assert_cmpstr (selected_id (), ==, "suzhou-creek-opening");

  /* Back (Alt+Left, sent as real keys) returns to the park, with the
   * keyboard wherever activating the row left it… */
  ui_key ("alt+Left");
  wait_selected ("zhongshan-park");
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");

  /* …and in the search field, and on the map. */
  cx_selection_select_by_id (selection (), "suzhou-creek-opening");
  gtk_widget_grab_focus (cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (ui_window ()))));
  ui_key ("alt+Left");
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");

  cx_selection_select_by_id (selection (), "suzhou-creek-opening");
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("alt+Left");
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
}

/* A slow machine, as the keys' first dispatch sees it: the main loop is
 * held up for longer than the key helper used to wait before sending them
 * again (2 s; under ASan a click or a page can take more). Not a wait: the
 * test's stand-in for a busy window. */
static gboolean
hold_main_loop (gpointer data)
{
  g_usleep (3 * G_USEC_PER_SEC);
  return G_SOURCE_REMOVE;
}

/* Keys pressed while the window is busy are pressed once: Alt+Left goes
 * back one step, not two. */
static void
test_back_once_when_busy (void)
{
  reset ();
  g_assert_true (cx_selection_select_by_id (selection (), "zhongshan-park"));
  g_assert_true (cx_selection_select_by_id (selection (), "suzhou-creek-opening"));
  g_assert_true (cx_selection_select_by_id (selection (), "changning-district"));
  /* Also leaves the pointer where the next keys are sent from, so that
   * nothing is waited for between sending them and looking for them. */
  ui_key ("alt+Left");
  g_assert_cmpstr (selected_id (), ==, "suzhou-creek-opening");

  /* Runs before the keys' events, which have a lower priority. */
  g_idle_add_full (G_PRIORITY_HIGH, hold_main_loop, NULL, NULL);
  ui_key ("alt+Left");
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
}

static void
test_click_empty_map (void)
{
  reset ();

  click_location (31.2232, 121.4165, 0, 0, 1);
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");

  /* South-east of the district, in Xuhui: nothing there. */
  click_location (31.1800, 121.4300, 0, 0, 1);
  g_assert_null (selected_id ());
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "overview");

  /* The district's published area, and beside it the measured one with
   * why they differ. */
  g_assert_true (ui_wait_text (cx_details_panel_get_page (panel ()), "38.3 km² · "));
  g_assert_true (ui_text_contains (cx_details_panel_get_page (panel ()), "Measured from the outline: 37.2 km², perimeter 36.9 km"));
  g_assert_true (ui_text_contains (cx_details_panel_get_page (panel ()),
                                   "The published 38.3 km² is for the district's official boundary"));
}

static gboolean
all_in_view (GListModel *features)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view ());
  int w = gtk_widget_get_width (GTK_WIDGET (overlay));
  int h = gtk_widget_get_height (GTK_WIDGET (overlay));

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (features, i);
      CxCoord c = cx_feature_get_label_point (f);
      double x, y;

      cx_overlay_layer_location_to_widget (overlay, c.y, c.x, &x, &y);
      if (x < 0 || x > w || y < 0 || y > h)
        return FALSE;
    }

  return TRUE;
}

static void
test_activate_program (void)
{
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  CxProgram *program = cx_data_pack_lookup_program (pack, "life-circles-15min");
  GListModel *places = cx_data_pack_get_program_features (pack, program);
  ShumateViewport *viewport = cx_map_view_get_viewport (map_view ());
  GtkWidget *row;
  g_autofree char *places_heading = NULL;

  reset ();

  /* Zoom far into a corner first, so that fitting to the program shows. */
  shumate_viewport_set_zoom_level (viewport, 17);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 31.19, 121.34);
  ui_settle (GTK_WIDGET (map_view ()));
  g_assert_false (all_in_view (places));

  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "overview");
  row = ui_find_row (GTK_WIDGET (panel ()), "15-minute community life circles");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  wait_selected ("life-circles-15min");
  ui_settle (GTK_WIDGET (map_view ()));

  g_assert_cmpstr (selected_id (), ==, "life-circles-15min");
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "program");
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "15分钟社区生活圈"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Since 2023, ongoing"));
  places_heading = g_strdup_printf ("%u Places", g_list_model_get_n_items (places));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), places_heading));

  /* The map shows where it happens: every place highlighted and in view. */
  g_assert_cmpuint (g_list_model_get_n_items (places), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (places, i);
      g_assert_true (cx_selection_is_highlighted (selection (), f));
    }
  g_assert_false (cx_selection_is_highlighted (selection (), cx_data_pack_lookup_feature (pack, "shanghai-zoo")));
  g_assert_true (all_in_view (places));

  /* A place of the program, activated in the list, is selected. */
  {
    g_autoptr(CxFeature) first = g_list_model_get_item (places, 0);

    row = ui_find_row (GTK_WIDGET (panel ()), cx_feature_get_name (first));
    g_assert_nonnull (row);
    gtk_widget_activate (row);
    wait_selected (cx_feature_get_id (first));
    g_assert_cmpstr (selected_id (), ==, cx_feature_get_id (first));
  }
}

static GtkWidget *
find_card (GtkWidget  *widget,
           const char *stat_id)
{
  GObject *item = g_object_get_data (G_OBJECT (widget), "cx-item");

  if (GTK_IS_BUTTON (widget) && CX_IS_STATISTIC (item) &&
      g_str_equal (cx_statistic_get_id (CX_STATISTIC (item)), stat_id))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card (child, stat_id);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Where @card is inside its scrolled window, as last laid out. */
static graphene_rect_t
card_bounds (GtkWidget *card)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_bounds (card, scrolled, &bounds));
  return bounds;
}

/* Whether @card shows whole inside its scrolled window, as last laid out
 * and painted (ui_wait_drawn() first: bounds read before a frame would
 * not yet show a scroll just asked for). */
static gboolean
card_in_view (GtkWidget *card)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds = card_bounds (card);

  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}


/* The card of @stat_id on the page of the place @place (the overview has a
 * card of the same statistic, for the district). */
static GtkWidget *
find_place_card (GtkWidget  *widget,
                 const char *stat_id,
                 const char *place)
{
  if (CX_IS_STATISTIC_CARD (widget))
    {
      g_autofree char *card_place = NULL;
      CxStatistic *stat = cx_statistic_card_get_statistic (CX_STATISTIC_CARD (widget));

      g_object_get (widget, "place", &card_place, NULL);
      if (stat != NULL && g_str_equal (cx_statistic_get_id (stat), stat_id) && g_strcmp0 (card_place, place) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_place_card (child, stat_id, place);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
place_card_shown (gpointer data)
{
  return find_place_card (GTK_WIDGET (panel ()), "jobs-2023", data) != NULL;
}

/* The jobs of the subdistricts and the town are one statistic broken down
 * by place: a place's page shows its own figure, the card opens the
 * breakdown, and the old id of a place's jobs (as scenes and --feature
 * saved it) opens the breakdown too. */
static void
test_breakdown_on_place_page (void)
{
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  CxStatistic *jobs = cx_data_pack_lookup_statistic (pack, "jobs-2023");
  CxFeature *town = cx_data_pack_lookup_feature (pack, "xinjing-town");
  g_autofree char *own = cx_format_statistic_figure (jobs, 148418);
  g_autofree char *total = cx_format_statistic_value (jobs);
  GtkWidget *card;

  reset ();
  g_assert_true (cx_selection_select_by_id (selection (), "xinjing-town"));
  wait_selected ("xinjing-town");
  g_assert_true (ui_wait_for (place_card_shown, (gpointer) "xinjing-town", 5000));
  card = find_place_card (GTK_WIDGET (panel ()), "jobs-2023", "xinjing-town");
  ui_settle (card);
  g_assert_true (ui_text_contains (card, own));
  g_assert_false (ui_text_contains (card, total));

  gtk_widget_activate (card);
  wait_selected ("jobs-2023");
  g_assert_cmpstr (selected_id (), ==, "jobs-2023");
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "statistic");
  g_assert_true (cx_selection_is_highlighted (selection (), town));

  reset ();
  g_assert_true (cx_selection_select_by_id (selection (), "jobs-2023-xinjing-town"));
  wait_selected ("jobs-2023");
  g_assert_cmpstr (selected_id (), ==, "jobs-2023");
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "statistic");
  g_assert_true (cx_selection_is_highlighted (selection (), town));
  /* Its page charts the value of each place, the largest first. */
  {
    GtkWidget *chart;
    CxChartTable *table;

    g_assert_true (ui_wait_text (GTK_WIDGET (panel ()), "By place"));
    chart = find_visible (cx_details_panel_get_page (panel ()), CX_TYPE_BAR_CHART);
    g_assert_nonnull (chart);
    table = cx_bar_chart_get_table (CX_BAR_CHART (chart));
    g_assert_cmpuint (cx_chart_table_get_n_rows (table), ==, 10);
    g_assert_cmpstr (cx_chart_table_get_row (table, 0)->id, ==, "xinjing-town");
    g_assert_cmpstr (cx_chart_table_get_row (table, 0)->label, ==, "Xinjing Town");
    g_assert_cmpstr (cx_chart_table_get_row (table, 0)->text, ==, own);
  }
}

/* GDP over time: the old id of the 2018 value opens the series, whose page
 * charts each value with its own source. */
static void
test_series_on_statistic_page (void)
{
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  CxStatistic *gdp = cx_data_pack_lookup_statistic (pack, "gdp");
  g_autofree char *v2018 = cx_format_statistic_figure (gdp, 141.88);
  g_autofree char *v2024 = cx_format_statistic_figure (gdp, 278.9);
  GtkWidget *chart;
  CxChartTable *table;

  reset ();
  g_assert_true (cx_selection_select_by_id (selection (), "gdp-2018"));
  wait_selected ("gdp");
  g_assert_cmpstr (selected_id (), ==, "gdp");
  g_assert_true (ui_wait_text (GTK_WIDGET (panel ()), "Over time"));
  chart = find_visible (cx_details_panel_get_page (panel ()), CX_TYPE_SERIES_CHART);
  g_assert_nonnull (chart);
  table = cx_series_chart_get_table (CX_SERIES_CHART (chart));
  g_assert_cmpstr (chart_row (table, "2018")->text, ==, v2018);
  g_assert_nonnull (strstr (chart_row (table, "2018")->source, "Travel China Guide"));
  g_assert_cmpstr (chart_row (table, "2024")->text, ==, v2024);
  /* Both sources are listed. */
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "Shanghai Information Office"));
}

static gboolean
statistic_selected (gpointer data)
{
  return g_strcmp0 (selected_id (), "gdp-growth-h1-2023") == 0;
}

static void
test_activate_statistic (void)
{
  GtkWidget *card;

  reset ();

  card = find_card (GTK_WIDGET (panel ()), "gdp-growth-h1-2023");
  g_assert_nonnull (card);
  /* Far down the overview, out of view until focus scrolls to it, as Tab
   * would. Then a real key press activates it. */
  g_assert_false (card_in_view (card));
  gtk_widget_grab_focus (card);
  ui_wait_drawn (card);
  g_assert_true (card_in_view (card));
  ui_key ("space");
  g_assert_true (ui_wait_for (statistic_selected, NULL, 10000));

  g_assert_cmpstr (selected_id (), ==, "gdp-growth-h1-2023");
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "statistic");
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "+15.3 %"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "first half of 2023"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "fastest of all Shanghai districts"));
  g_assert_true (ui_text_contains (GTK_WIDGET (panel ()), "China Securities Journal"));
  /* The district is the place it concerns, and it is highlighted. */
  g_assert_true (cx_selection_is_highlighted (selection (),
                                              cx_data_pack_lookup_feature (cx_application_get_pack (ui_app ()), "changning-district")));
}

/* Focus given before the panel has laid out its new page (a key pressed
 * right after the selection changed, or a slow machine) still scrolls the
 * focused card into view: GtkViewport scrolls at once, with the sizes of
 * the page shown before, and the panel scrolls again once laid out. The
 * place page is shorter than the overview, so the first scroll stops
 * short of the card. */
static void
test_focus_before_layout (void)
{
  GtkWidget *card;

  reset ();
  cx_selection_select_by_id (selection (), "zhongshan-park");
  ui_wait_drawn (GTK_WIDGET (panel ()));
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "place");

  /* Back to the overview, and the card focused before any frame. */
  cx_selection_clear (selection ());
  card = find_card (GTK_WIDGET (panel ()), "gdp-growth-h1-2023");
  g_assert_nonnull (card);
  gtk_widget_grab_focus (card);
  g_assert_true (gtk_widget_has_focus (card));
  ui_wait_drawn (card);
  if (!card_in_view (card))
    g_error ("the focused card is at %.0f px in a panel %d px high",
             card_bounds (card).origin.y, gtk_widget_get_height (gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW)));
}

static gboolean
at_street_level (gpointer viewport)
{
  return fabs (shumate_viewport_get_zoom_level (viewport) - 16) < 0.01;
}

/* libshumate before 1.6 zooms on a double click whatever zoom-on-double-click
 * says; ours zooms exactly once, a whole level. */
static void
test_double_click (void)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (map_view ());
  double before;

  reset ();
  before = shumate_viewport_get_zoom_level (viewport);

  /* On empty map: one zoom step, nothing selected. */
  click_location (31.1800, 121.4300, 0, 0, 2);
  g_assert_null (selected_id ());
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (before) + 1, 0.01);

  /* On a marker: selected, then zoomed to it on purpose, to street level. */
  reset ();
  click_location (31.2232, 121.4165, 0, 0, 2);
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  ui_wait_for (at_street_level, viewport, 5000);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 16, 0.01);
}

static AdwOverlaySplitView *
split_of (GtkWidget *panel_widget)
{
  GtkWidget *split = gtk_widget_get_ancestor (panel_widget, ADW_TYPE_OVERLAY_SPLIT_VIEW);

  g_assert_nonnull (split);
  return ADW_OVERLAY_SPLIT_VIEW (split);
}

typedef struct
{
  AdwOverlaySplitView *split;
  gboolean             collapsed;
} CollapseWait;

static gboolean
collapsed_as_asked (gpointer data)
{
  CollapseWait *wait = data;

  return adw_overlay_split_view_get_collapsed (wait->split) == wait->collapsed;
}

/* Resizes the window and waits for the breakpoints to follow. */
static void
resize_window (int                  width,
               int                  height,
               AdwOverlaySplitView *split,
               gboolean             collapsed)
{
  CollapseWait wait = { split, collapsed };

  gtk_window_set_default_size (GTK_WINDOW (ui_window ()), width, height);
  g_assert_true (ui_wait_for (collapsed_as_asked, &wait, 5000));
  ui_settle (GTK_WIDGET (ui_window ()));
}

/* Between the two breakpoints only the details panel floats. */
static void
test_narrow_window_folds_panel (void)
{
  AdwOverlaySplitView *details = split_of (GTK_WIDGET (panel ()));
  AdwOverlaySplitView *layers = split_of (cx_window_get_sidebar (ui_window ()));

  g_assert_true (details != layers);
  g_assert_false (adw_overlay_split_view_get_collapsed (details));
  g_assert_false (adw_overlay_split_view_get_collapsed (layers));

  resize_window (900, 700, details, TRUE);
  g_assert_false (adw_overlay_split_view_get_collapsed (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers));
  /* The map keeps its room beside the layers panel. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view ())), >=, 340);

  resize_window (1200, 800, details, FALSE);
  g_assert_false (adw_overlay_split_view_get_collapsed (layers));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details));
}

/* About 600 px, a phone or a third of a screen: both panels float over the
 * whole-width map, hidden until asked for, and the keyboard opens them. */
static void
test_phone_width_layout (void)
{
  CxWindow *window = ui_window ();
  AdwOverlaySplitView *details = split_of (GTK_WIDGET (panel ()));
  AdwOverlaySplitView *layers = split_of (cx_window_get_sidebar (window));
  GtkWidget *search = cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (window)));

  reset ();
  resize_window (600, 800, layers, TRUE);
  g_assert_true (adw_overlay_split_view_get_collapsed (details));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 620);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view ())), ==, gtk_widget_get_width (GTK_WIDGET (layers)));

  /* Ctrl+F opens the layers panel over the map, in its search field. */
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("ctrl+f");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_true (gtk_widget_is_focus (search) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search));
  g_assert_true (ui_wait_mapped (search));

  /* F9 hides it, and shows every panel again. */
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("F9");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  ui_key ("F9");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  /* With none shown and none hidden by F9, F9 shows every panel: here,
   * where they would overlap, the details panel. */
  adw_overlay_split_view_set_show_sidebar (layers, FALSE);
  ui_key ("F9");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details));
  g_assert_true (ui_wait_mapped (GTK_WIDGET (panel ())));

  /* Floating panels take turns: opening one closes the other. */
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("ctrl+l");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  adw_overlay_split_view_set_show_sidebar (details, TRUE);
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers));
  adw_overlay_split_view_set_show_sidebar (layers, TRUE);

  /* Presenting hides them, and a wider window while presenting (as full
   * screen gives) does not bring them back. */
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("F5");
  g_assert_true (cx_window_get_presenting (window));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  resize_window (1200, 800, details, FALSE);
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  ui_key ("Escape");
  g_assert_false (cx_window_get_presenting (window));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details));
  adw_overlay_split_view_set_show_sidebar (details, TRUE);
}

static void
test_unknown_id_is_reported (void)
{
  reset ();

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*no place, program or statistic “no-such-place”*");
  g_assert_false (cx_window_select_id (ui_window (), "no-such-place"));
  g_test_assert_expected_messages ();
  g_assert_null (selected_id ());
}

/* Pack text is never read as markup. */
static void
test_markup_shown_literally (void)
{
  static const char pack_text[] =
    "{\"format\": \"changning-explorer-pack\", \"format_version\": 1, \"id\": \"mini\", \"version\": 1,"
    " \"data_date\": \"2025-09\", \"name\": {\"en\": \"Mini <i>pack</i>\", \"zh\": \"小\"}, \"attribution\": \"a\", \"license\": \"l\","
    " \"view\": {\"bounds\": [121.3, 31.1, 121.5, 31.3], \"max_bounds\": [120, 30, 122, 32], \"min_zoom\": 10, \"max_zoom\": 18},"
    " \"layers\": [{\"id\": \"landmarks\", \"name\": {\"en\": \"L\", \"zh\": \"地\"}, \"description\": \"d\", \"style\": {\"stroke\": \"#000000\", \"stroke_width\": 1}}],"
    " \"sources\": [{\"id\": \"s\", \"title\": \"<u>Title</u>\", \"publisher\": \"P & Q\", \"date\": \"2023\"}],"
    " \"statistics\": [], "
    " \"programs\": [{\"id\": \"p\", \"title\": {\"en\": \"<span>Prog</span>\", \"zh\": \"项\"}, \"summary\": \"a < b\", \"start\": \"2021\", \"sources\": [\"s\"]}],"
    " \"features\": {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"id\": \"f\","
    "   \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]},"
    "   \"properties\": {\"layer\": \"landmarks\", \"kind\": \"park\", \"name\": {\"en\": \"<b>&amp;\", \"zh\": \"<b>园\"},"
    "   \"description\": \"<big>desc</big>\", \"accuracy_m\": 10, \"accuracy_note\": \"n\", \"sources\": [\"s\"], \"programs\": [\"p\"]}}]},"
    " \"basemap\": {\"type\": \"FeatureCollection\", \"features\": []}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (pack_text, sizeof pack_text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_from_bytes (bytes, NULL, "mini.json", NULL, &error);
  g_autoptr(CxSelection) sel = NULL;
  GtkWidget *window, *details;

  g_assert_no_error (error);
  sel = cx_selection_new (pack);
  details = cx_details_panel_new (sel);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), details);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (cx_selection_select_by_id (sel, "f"));
  ui_settle (details);
  g_assert_true (ui_wait_text (details, "<b>&amp;"));
  g_assert_true (ui_text_contains (details, "<b>园"));
  g_assert_true (ui_text_contains (details, "<big>desc</big>"));
  g_assert_true (ui_text_contains (details, "<span>Prog</span>"));
  g_assert_true (ui_text_contains (details, "<u>Title</u>"));
  g_assert_true (ui_text_contains (details, "P & Q"));
  g_assert_nonnull (ui_find_row (details, "<span>Prog</span>"));

  g_assert_true (cx_selection_select_by_id (sel, "p"));
  ui_settle (details);
  g_assert_true (ui_wait_text (details, "a < b"));
  g_assert_true (ui_text_contains (details, "<b>&amp;"));

  cx_selection_clear (sel);
  ui_settle (details);
  g_assert_true (ui_wait_text (details, "Mini <i>pack</i>"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A panel made for a selection that already has an item (as --feature
 * gives) shows that item's lists too, with rows that select. */
static void
test_panel_for_selected_item (void)
{
  g_autoptr(CxSelection) sel = cx_selection_new (cx_application_get_pack (ui_app ()));
  GtkWidget *window, *details, *row;

  g_assert_true (cx_selection_select_by_id (sel, "zhongshan-park"));
  details = cx_details_panel_new (sel);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), details);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_mapped (details));

  g_assert_cmpstr (cx_details_panel_get_page_name (CX_DETAILS_PANEL (details)), ==, "place");
  row = ui_find_row (details, "Opening the Suzhou Creek waterfront");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_cmpstr (cx_details_panel_get_page_name (CX_DETAILS_PANEL (details)), ==, "program");
  g_assert_nonnull (ui_find_row (details, "Zhongshan Park"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* --feature ID opens the app with that place selected. */
static void
test_command_line_feature (void)
{
  g_auto(CxTestRun) run = { 0, };

  cx_test_run_app (&run, CX_TEST_RUN_DEFAULT,
                   (const char *[]) { "--first-frame-time", "--feature", "ecupl-changning", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "first-frame-ms "));
  g_assert_nonnull (strstr (run.out, "selected ecupl-changning\n"));
}

static void
click_button (GtkWidget *button)
{
  g_assert_nonnull (button);
  ui_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, 1);
}

/* How far the measure tool's point @i is from a WGS84 position, in metres. */
static double
point_off_m (guint  i,
             double lat,
             double lon)
{
  guint n;
  const CxCoord *points = cx_measure_get_points (cx_map_view_get_measure (map_view ()), &n);

  g_assert_cmpuint (i, <, n);
  return cx_geodesy_distance (points[i].x, points[i].y, lon, lat);
}

/* The header's Measure button: the first outside the map view (the
 * presenter's tools bar over the map has one too, hidden but for
 * presenting). */
static GtkWidget *
find_measure_outside_map (GtkWidget *widget)
{
  if (widget == GTK_WIDGET (map_view ()))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "Measure") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_measure_outside_map (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
header_measure_button (void)
{
  GtkWidget *button = find_measure_outside_map (GTK_WIDGET (ui_window ()));

  g_assert_nonnull (button);
  return button;
}

/* Measuring with the mouse, over a map drawn in GCJ-02 (shifted some 500 m
 * here): the header's Measure button, clicks that add points instead of
 * choosing places, each kept in WGS84 where the click was; a click on the
 * first corner closes an area; the bar's Distance switch, and a double
 * click that finishes a line. */
static void
test_measure_clicks (void)
{
  CxMapView *view = map_view ();
  CxOverlayLayer *overlay = cx_map_view_get_overlay (view);
  CxMeasure *measure = cx_map_view_get_measure (view);
  static const double corners[][2] = { { 31.2150, 121.3900 }, { 31.2150, 121.4100 }, { 31.2050, 121.4100 } };
  double glat, glon, x0, y0, x1, y1, metres_per_px;
  CxMeasurement m;
  g_autofree char *expected = NULL;
  g_autofree char *figures = NULL;

  reset ();
  cx_overlay_layer_set_gcj02 (overlay, TRUE);
  ui_settle (GTK_WIDGET (view));

  click_button (header_measure_button ());
  g_assert_true (cx_map_view_get_measuring (view));

  /* The size of a pixel on the ground here: clicks land on whole pixels. */
  cx_overlay_layer_location_to_widget (overlay, corners[0][0], corners[0][1], &x0, &y0);
  cx_overlay_layer_location_to_widget (overlay, corners[1][0], corners[1][1], &x1, &y1);
  metres_per_px = cx_geodesy_distance (corners[0][1], corners[0][0], corners[1][1], corners[1][0]) / hypot (x1 - x0, y1 - y0);
  cx_wgs84_to_gcj02 (corners[0][0], corners[0][1], &glat, &glon);
  g_test_message ("a pixel is %.1f m; the GCJ-02 shift here is %.0f m",
                  metres_per_px, cx_geodesy_distance (corners[0][1], corners[0][0], glon, glat));

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      click_location (corners[i][0], corners[i][1], 0, 0, 1);
      g_assert_cmpuint (cx_measure_get_n_points (measure), ==, i + 1);
      /* Where the click was, in WGS84: within the pixel, not the shift away. */
      g_assert_cmpfloat (point_off_m (i, corners[i][0], corners[i][1]), <, 1.5 * metres_per_px);
    }
  /* Inside the district, and nothing was chosen. */
  g_assert_null (selected_id ());

  /* A click on the first corner closes the area. */
  click_location (corners[0][0], corners[0][1], 2, 1, 1);
  g_assert_true (cx_measure_get_area (measure));
  g_assert_true (cx_measure_get_finished (measure));
  g_assert_cmpuint (cx_measure_get_n_points (measure), ==, 3);
  cx_measure_get_measurement (measure, &m);
  figures = cx_format_measurement (&m);
  expected = g_strconcat ("Area (finished): ", figures, NULL);
  g_assert_true (ui_text_contains (GTK_WIDGET (view), expected));
  g_test_message ("%s", expected);
  {
    g_autoptr(GdkTexture) texture = ui_render_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (ui_window ())));
    g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "measure-area.png", NULL);

    g_assert_true (gdk_texture_save_to_png (texture, path));
    g_test_message ("screenshot: %s", path);
  }

  /* Back to a distance; a double click finishes the line there. */
  click_button (ui_find_button (GTK_WIDGET (view), "Distance"));
  g_assert_false (cx_measure_get_area (measure));
  click_location (corners[0][0], corners[0][1], 0, 0, 1);
  g_assert_cmpuint (cx_measure_get_n_points (measure), ==, 1);
  click_location (corners[1][0], corners[1][1], 0, 0, 2);
  g_assert_true (cx_measure_get_finished (measure));
  g_assert_cmpuint (cx_measure_get_n_points (measure), ==, 2);
  g_assert_null (selected_id ());

  /* The button again: off, and clicks choose places again. */
  click_button (header_measure_button ());
  g_assert_false (cx_map_view_get_measuring (view));
  g_assert_cmpuint (cx_measure_get_n_points (measure), ==, 0);
  cx_overlay_layer_set_gcj02 (overlay, FALSE);
  click_location (31.2050, 121.3700, 0, 0, 1);
  g_assert_cmpstr (selected_id (), ==, "changning-district");
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "open-menu-symbolic") == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* What the first view does not show is built when first shown
 * (docs/start-cost.md): the details panel starts with its overview page
 * alone, and the main menu without its popover; each comes when asked for,
 * and works. First of the tests, on the window as it started. */
static void
test_hidden_parts_built_when_shown (void)
{
  GtkWidget *menu_button = find_menu_button (GTK_WIDGET (ui_window ()));
  GtkWidget *stack;

  g_assert_nonnull (menu_button);
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));

  stack = gtk_widget_get_parent (cx_details_panel_get_page (panel ()));
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "overview");
  g_assert_cmpuint (count_children (stack), ==, 1);

  g_assert_true (cx_selection_select_by_id (selection (), "gdp-growth-h1-2023"));
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "statistic");
  g_assert_true (ui_wait_text (GTK_WIDGET (panel ()), "first half of 2023"));
  g_assert_cmpuint (count_children (stack), ==, 2);
  reset ();
  g_assert_cmpstr (cx_details_panel_get_page_name (panel ()), ==, "overview");

  /* The menu opens with its items (F10 goes the same way). */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_true (ui_wait_mapped (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)))));
  g_assert_true (ui_text_contains (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))), "Bilingual Labels"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  g_test_add_func ("/panels/hidden-parts-built-when-shown", test_hidden_parts_built_when_shown);
  g_test_add_func ("/panels/click-polygon", test_click_polygon);
  g_test_add_func ("/panels/click-line", test_click_line);
  g_test_add_func ("/panels/click-marker", test_click_marker);
  g_test_add_func ("/panels/back-once-when-busy", test_back_once_when_busy);
  g_test_add_func ("/panels/click-empty-map", test_click_empty_map);
  g_test_add_func ("/panels/activate-program", test_activate_program);
  g_test_add_func ("/panels/activate-statistic", test_activate_statistic);
  g_test_add_func ("/panels/breakdown-on-place-page", test_breakdown_on_place_page);
  g_test_add_func ("/panels/series-on-statistic-page", test_series_on_statistic_page);
  g_test_add_func ("/panels/focus-before-layout", test_focus_before_layout);
  g_test_add_func ("/panels/double-click", test_double_click);
  g_test_add_func ("/panels/narrow-window-folds-panel", test_narrow_window_folds_panel);
  g_test_add_func ("/panels/phone-width-layout", test_phone_width_layout);
  g_test_add_func ("/panels/unknown-id-is-reported", test_unknown_id_is_reported);
  g_test_add_func ("/panels/markup-shown-literally", test_markup_shown_literally);
  g_test_add_func ("/panels/panel-for-selected-item", test_panel_for_selected_item);
  g_test_add_func ("/panels/command-line-feature", test_command_line_feature);
  g_test_add_func ("/panels/measure-clicks", test_measure_clicks);

  return ui_run ();
}
