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

#include "cx-announce.h"
#include "cx-details-panel.h"
#include "cx-format.h"
#include "cx-sidebar.h"
#include "cx-overlay-private.h"
#include "ui-helpers.h"

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

  if (ui_is_interactive (widget))
    {
      census->interactive++;
      if (ui_has_accessible_name (widget))
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

/* The census's rule for a menu button's toggle is GTK's, not a free pass. */
static void
test_menu_button_names (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon_only = gtk_menu_button_new ();
  GtkWidget *tooltip = gtk_menu_button_new ();
  GtkWidget *labelled = gtk_menu_button_new ();
  GtkWidget *text = gtk_menu_button_new ();

  g_object_ref_sink (box);
  gtk_box_append (GTK_BOX (box), icon_only);
  gtk_box_append (GTK_BOX (box), tooltip);
  gtk_box_append (GTK_BOX (box), labelled);
  gtk_box_append (GTK_BOX (box), text);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (icon_only), "view-more-symbolic");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (tooltip), "view-more-symbolic");
  gtk_widget_set_tooltip_text (tooltip, "More");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (labelled), "view-more-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (labelled), GTK_ACCESSIBLE_PROPERTY_LABEL, "More", -1);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (text), "More");

  /* A name on the inner toggle itself is not what GTK reads. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (icon_only)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Ignored", -1);

  g_assert_false (ui_has_accessible_name (gtk_widget_get_first_child (icon_only)));
  g_assert_true (ui_has_accessible_name (gtk_widget_get_first_child (tooltip)));
  g_assert_true (ui_has_accessible_name (gtk_widget_get_first_child (labelled)));
  g_assert_true (ui_has_accessible_name (gtk_widget_get_first_child (text)));

  g_object_unref (box);
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

static GtkWidget *
search_entry (void)
{
  return cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (ui_window ())));
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
  ui_settle (GTK_WIDGET (window));
  census_of ("overview, layers", &total);

  cx_selection_select_by_id (selection, "zhongshan-park");
  cx_sidebar_show_page (sidebar, "places");
  ui_settle (GTK_WIDGET (window));
  census_of ("place page, places list", &total);

  cx_selection_select_by_id (selection, "suzhou-creek-opening");
  ui_settle (GTK_WIDGET (window));
  census_of ("program page", &total);

  cx_selection_select_by_id (selection, "gdp-2024");
  ui_search (search_entry (), "park", FALSE);
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

/* Search with the keyboard only: Ctrl+F, a name, Enter. */
static void
test_keyboard_search (void)
{
  cx_selection_clear (cx_window_get_selection (ui_window ()));
  ui_key ("ctrl+m");

  ui_key ("ctrl+f");
  g_assert_true (gtk_widget_has_focus (gtk_widget_get_focus_child (cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (ui_window ()))))) ||
                 gtk_widget_has_focus (cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (ui_window ())))));
  ui_search (search_entry (), "zhongshan", TRUE);
  ui_key ("Return");

  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  g_assert_cmpstr (cx_details_panel_get_page_name (CX_DETAILS_PANEL (panel ())), ==, "place");
  g_assert_true (ui_text_contains (panel (), "Zhongshan Park"));
  g_assert_true (ui_text_contains (panel (), "中山公园"));

  /* Chinese works too (typed through an input method, which xdotool cannot
   * drive: the text is set as the IME would commit it); Down goes to the
   * results, Enter picks one. */
  ui_search (search_entry (), "华东政法", FALSE);
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

/* The map itself: arrows pan a quarter of the view (not libshumate's
 * 25 px), plus and minus zoom a whole level. */
static void
test_keyboard_map (void)
{
  CxMapView *view = cx_window_get_map_view (ui_window ());
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  double lon, lat, zoom, x, y;

  cx_map_view_fit_district (view);
  ui_settle (GTK_WIDGET (view));
  ui_key ("ctrl+m");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  zoom = shumate_viewport_get_zoom_level (viewport);

  ui_key ("Right");
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon);
  /* The old centre is now a quarter of the width left of the middle. */
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (view), lat, lon, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, gtk_widget_get_width (GTK_WIDGET (view)) / 4.0, 2);
  g_assert_cmpfloat_with_epsilon (y, gtk_widget_get_height (GTK_WIDGET (view)) / 2.0, 2);
  ui_key ("Up");
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), >, lat);
  ui_key ("plus");
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (zoom) + 1, 0.01);
  ui_key ("minus");
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (zoom), 0.01);

  /* The other keys of the same rows: = (plus without Shift) and the
   * keypad's. */
  ui_key ("equal");
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (zoom) + 1, 0.01);
  ui_key ("KP_Subtract");
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (zoom), 0.01);
  ui_key ("KP_Add");
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (zoom) + 1, 0.01);
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  ui_key ("KP_Left");
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), <, lon);
}

/* Whether @widget is the map or inside it, other than its buttons. */
static gboolean
is_map_surface (GtkWidget *widget,
                GtkWidget *view)
{
  return widget == view ||
         (gtk_widget_is_ancestor (widget, view) && gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) == NULL);
}

/* Tab goes through the map once, and lands on something with a name. The
 * zoom buttons are Tab stops of their own, named by libshumate. */
static void
test_map_is_one_tab_stop (void)
{
  CxWindow *window = ui_window ();
  GtkWidget *view = GTK_WIDGET (cx_window_get_map_view (window));
  GtkWidget *search = cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (window)));
  GtkWidget *start, *before_map = NULL, *previous = NULL;
  guint map_stops = 0, stops = 0, laps = 0;

  cx_selection_clear (cx_window_get_selection (window));
  gtk_widget_grab_focus (search);
  start = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (start);

  /* What the Tab key does (GtkWindow's keybinding signal), round the
   * whole window until the search entry has the focus again. */
  while (laps == 0)
    {
      GtkWidget *focus;

      g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;           /* past the last stop; the next Tab wraps */

      stops++;
      g_assert_cmpuint (stops, <, 500);
      if (focus == start)
        laps++;
      else if (is_map_surface (focus, view))
        {
          g_test_message ("map Tab stop: %s", G_OBJECT_TYPE_NAME (focus));
          g_assert_true (focus == view);
          map_stops++;
          before_map = previous;
        }
      previous = focus;
    }

  g_test_message ("%u Tab stops in the window", stops);
  g_assert_cmpuint (map_stops, ==, 1);
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (cx_map_view_get_map (CX_MAP_VIEW (view)))));

  /* A name a screen reader reads: role group (GTK 4.18 exposes no name for
   * role generic), and a label. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_GROUP);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* The real key, from the stop before it. */
  g_assert_nonnull (before_map);
  gtk_widget_grab_focus (before_map);
  ui_key ("Tab");
  g_assert_true (gtk_widget_has_focus (view));
}

/* A click on the map gives it the keyboard: arrows pan it next. */
static gboolean
has_focus (gpointer widget)
{
  return gtk_widget_has_focus (widget);
}

static void
test_click_focuses_map (void)
{
  CxWindow *window = ui_window ();
  GtkWidget *view = GTK_WIDGET (cx_window_get_map_view (window));

  gtk_widget_grab_focus (cx_sidebar_get_search_entry (CX_SIDEBAR (cx_window_get_sidebar (window))));
  g_assert_false (gtk_widget_has_focus (view));

  ui_click (view, gtk_widget_get_width (view) / 2.0, gtk_widget_get_height (view) / 2.0, 1);
  ui_wait_for (has_focus, view, 5000);
  g_assert_true (gtk_widget_has_focus (view));
  cx_selection_clear (cx_window_get_selection (window));
}

/* Selecting a place names the focused map after it: screen readers read
 * the focused object's name when it changes. Under GtkTestATContext, which
 * cannot announce (asked to, GTK 4.18 jumps to a NULL vfunc), selecting
 * must not try. */
static void
test_selection_names_the_map (void)
{
  CxMapView *view = cx_window_get_map_view (ui_window ());

  g_assert_false (cx_accessible_can_announce (GTK_ACCESSIBLE (ui_window ())));
  g_assert_false (cx_accessible_announce (GTK_ACCESSIBLE (ui_window ()), "test"));

  cx_selection_select_by_id (cx_window_get_selection (ui_window ()), "zhongshan-park");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Map of Changning District: Zhongshan Park, park, 2 programs, 0 figures");
  cx_selection_clear (cx_window_get_selection (ui_window ()));
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Map of Changning District");
}

/* ------------------------------------------------------------------ */
/* What a screen reader hears, over AT-SPI                             */
/* ------------------------------------------------------------------ */

/* A stand-in for the AT-SPI registry (at-spi2-registryd) on the test's
 * private bus, which doubles as the accessibility bus: GTK embeds its
 * application there and asks which events are listened to. Its connection
 * also listens as a screen reader does, to the Announcement signal GTK
 * sends for gtk_accessible_announce(). */
#define ATSPI_ROOT_PATH "/org/a11y/atspi/accessible/root"
#define ATSPI_REGISTRY_PATH "/org/a11y/atspi/registry"

static const char registry_xml[] =
  "<node>"
  "  <interface name='org.a11y.atspi.Socket'>"
  "    <method name='Embed'><arg type='(so)' direction='in'/><arg type='(so)' direction='out'/></method>"
  "    <method name='Unembed'><arg type='(so)' direction='in'/></method>"
  "  </interface>"
  "  <interface name='org.a11y.atspi.Registry'>"
  "    <method name='GetRegisteredEvents'><arg type='a(ss)' direction='out'/></method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *connection;
  gboolean         named;
  gboolean         embedded;
  GPtrArray       *said;        /* the announcements' text, in order */
  GArray          *politeness;  /* their AtspiLive, in order */
} Registry;

static void
registry_method (GDBusConnection       *connection,
                 const char            *sender,
                 const char            *path,
                 const char            *interface,
                 const char            *method,
                 GVariant              *parameters,
                 GDBusMethodInvocation *invocation,
                 gpointer               user_data)
{
  Registry *registry = user_data;

  if (g_str_equal (method, "Embed"))
    {
      registry->embedded = TRUE;
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("((so))", g_dbus_connection_get_unique_name (connection), ATSPI_ROOT_PATH));
    }
  else if (g_str_equal (method, "GetRegisteredEvents"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@a(ss) [],)"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_announcement (GDBusConnection *connection,
                 const char      *sender,
                 const char      *path,
                 const char      *interface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         user_data)
{
  Registry *registry = user_data;
  g_autoptr(GVariant) text = NULL;
  const char *detail;
  int live, detail2;

  g_assert_true (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(siiva{sv})")));
  g_variant_get (parameters, "(&siiv@a{sv})", &detail, &live, &detail2, &text, NULL);
  g_assert_true (g_variant_is_of_type (text, G_VARIANT_TYPE_STRING));
  g_ptr_array_add (registry->said, g_variant_dup_string (text, NULL));
  g_array_append_val (registry->politeness, live);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Registry *) user_data)->named = TRUE;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
registry_start (Registry *registry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (registry_xml, &error);

  g_assert_no_error (error);
  registry->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  registry->said = g_ptr_array_new_with_free_func (g_free);
  registry->politeness = g_array_new (FALSE, FALSE, sizeof (int));

  g_dbus_connection_register_object (registry->connection, ATSPI_ROOT_PATH, info->interfaces[0],
                                     &(GDBusInterfaceVTable) { registry_method, NULL, NULL, { 0 } },
                                     registry, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (registry->connection, ATSPI_REGISTRY_PATH, info->interfaces[1],
                                     &(GDBusInterfaceVTable) { registry_method, NULL, NULL, { 0 } },
                                     registry, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_signal_subscribe (registry->connection, NULL, "org.a11y.atspi.Event.Object", "Announcement",
                                      NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_announcement, registry, NULL);
  g_bus_own_name_on_connection (registry->connection, "org.a11y.atspi.Registry", G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_name_acquired, NULL, registry, NULL);
  g_assert_true (ui_wait_for (flag_set, &registry->named, 10000));
}

static gboolean
said_at_least (gpointer data)
{
  Registry *registry = data;

  return registry->said->len >= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (registry->connection), "cx-wanted"));
}

/* Waits until @n announcements have been heard. */
static gboolean
wait_said (Registry *registry,
           guint     n)
{
  g_object_set_data (G_OBJECT (registry->connection), "cx-wanted", GUINT_TO_POINTER (n));
  return ui_wait_for (said_at_least, registry, 10000);
}

/* Selecting a place is said outright, as a screen reader hears it: GTK's
 * real AT-SPI context sends an Announcement with the text on the bus.
 * GTK reads GTK_A11Y once per process, so this runs in a child where it
 * is "atspi" (see main()). */
static void
test_selection_is_announced (void)
{
  Registry registry = { 0, };
  CxWindow *window;
  CxSelection *selection;
  g_autofree char *program = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  registry_start (&registry);
  window = ui_window ();
  selection = cx_window_get_selection (window);
  g_assert_true (ui_wait_for (flag_set, &registry.embedded, 10000));
  g_assert_true (cx_accessible_can_announce (GTK_ACCESSIBLE (window)));

  cx_selection_select_by_id (selection, "zhongshan-park");
  g_assert_true (wait_said (&registry, 1));
  g_assert_cmpstr (g_ptr_array_index (registry.said, 0), ==, "Zhongshan Park, park, 2 programs, 0 figures");
  /* Medium priority: polite (ATSPI_LIVE_POLITE), not interrupting. */
  g_assert_cmpint (g_array_index (registry.politeness, int, 0), ==, 1);

  /* Nothing selected is not announced: the next thing said is the next
   * selection. */
  cx_selection_clear (selection);
  cx_selection_select_by_id (selection, "suzhou-creek-opening");
  g_assert_true (wait_said (&registry, 2));
  program = cx_format_announcement (cx_selection_get_item (selection));
  g_assert_cmpstr (g_ptr_array_index (registry.said, 1), ==, program);
  g_assert_nonnull (strstr (program, "Opening the Suzhou Creek waterfront"));

  g_ptr_array_unref (registry.said);
  g_array_unref (registry.politeness);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  ui_init (&argc, &argv);
  /* GtkTestATContext: the accessible tree as a screen reader would get it,
   * without an accessibility bus. Except in the child of
   * /access/selection-is-announced: GTK's real AT-SPI context, on the test's
   * private bus (ui_init() started it; GTK reads both once, at the first
   * widget). */
  if (g_test_subprocess ())
    {
      g_setenv ("GTK_A11Y", "atspi", TRUE);
      g_setenv ("AT_SPI_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);
    }
  else
    g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_add_func ("/access/menu-button-names", test_menu_button_names);
  g_test_add_func ("/access/every-control-is-named", test_every_control_is_named);
  g_test_add_func ("/access/keyboard-search", test_keyboard_search);
  g_test_add_func ("/access/keyboard-places-list", test_keyboard_places_list);
  g_test_add_func ("/access/keyboard-map", test_keyboard_map);
  g_test_add_func ("/access/map-is-one-tab-stop", test_map_is_one_tab_stop);
  g_test_add_func ("/access/click-focuses-map", test_click_focuses_map);
  g_test_add_func ("/access/selection-names-the-map", test_selection_names_the_map);
  g_test_add_func ("/access/selection-is-announced", test_selection_is_announced);

  return ui_run ();
}
