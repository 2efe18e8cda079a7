/* test-keys.c: the keyboard and the focus: where the keyboard starts and
 * whether it shows, Esc, narrow windows from search or the map to the
 * details, stepping past the last scene, and Back (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "cx-annotation.h"
#include "cx-details-panel.h"
#include "cx-format.h"
#include "cx-measure-bar.h"
#include "cx-overlay-private.h"
#include "cx-pen-layer.h"
#include "cx-scene-row.h"
#include "cx-sidebar.h"
#include "ui-helpers.h"

/* Beside docked panels the breakpoints leave the map 340 px (cx-window.ui:
 * 320 + 360 + 340 = 1020): room for the zoom buttons, the scale bar and a
 * district that still reads as one. What a floating panel leaves of the
 * map, above the width where both panels float, is held to the same. */
#define MAP_MIN_WIDTH 340

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

static gboolean
is_focus (GtkWidget *widget)
{
  return gtk_root_get_focus (GTK_ROOT (window ())) == widget;
}

static gboolean
focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window ()));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Resizes the window and waits for the breakpoints to follow; no panel
 * floats open after it. */
static void
resize_window (int width,
               int height)
{
  ui_resize_window (width, height);
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

/* Types @text into the focused search field, as keys, and waits until the
 * sidebar has searched for it (GtkSearchEntry waits a little after the
 * last change). */
/* ------------------------------------------------------------------ */
/* Seeing the focus                                                    */
/* ------------------------------------------------------------------ */

static guint8 *
download (GtkWidget *widget,
          int       *width,
          int       *height,
          gsize     *stride)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (widget);
  guint8 *pixels;

  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  *stride = (gsize) *width * 4;
  pixels = g_malloc (*stride * (gsize) *height);
  /* GDK_MEMORY_DEFAULT: B, G, R, A, premultiplied. */
  gdk_texture_download (texture, pixels, *stride);
  return pixels;
}

/* Whether a pixel (B, G, R, A) is of the accent colour as CSS draws it,
 * @accent_color, a deep blue (#0461be in light mode) here, where no settings
 * portal sets another accent; or, for @blended, that colour at most half
 * blended with the map under it. Water and the basemap are paler. */
static gboolean
is_accent (const guint8 *p,
           gboolean      blended)
{
  if (blended)
    return p[0] > 150 && p[0] - p[2] > 80 && p[0] - p[1] > 35;
  return p[0] > 150 && p[0] - p[2] > 150 && p[0] - p[1] > 75;
}

/* The share of the pixels down the map's left edge, 1 px in, that have
 * the accent colour: about all of them when it is framed, next to none
 * when it is not. */
static double
map_edge_share (gboolean blended)
{
  g_autofree guint8 *pixels = NULL;
  int width, height, accented = 0, counted = 0;
  gsize stride;

  g_assert_cmpint (adw_style_manager_get_accent_color (adw_style_manager_get_default ()), ==, ADW_ACCENT_COLOR_BLUE);
  pixels = download (map_view (), &width, &height, &stride);
  for (int y = height / 5; y < height * 4 / 5; y++)
    {
      counted++;
      accented += is_accent (pixels + (gsize) y * stride + 1 * 4, blended);
    }

  return (double) accented / counted;
}

/* Whether the map draws its frame: the one it has whenever it has the
 * keyboard. */
static gboolean
map_framed (void)
{
  double share = map_edge_share (TRUE);

  g_test_message ("map framed along %.0f %% of its edge", share * 100);
  g_assert_true (share > 0.8 || share < 0.2);
  return share > 0.8;
}

/* Whether the map draws its strong frame, as with GTK's focus rings on. */
static gboolean
map_ringed (void)
{
  double share = map_edge_share (FALSE);

  g_test_message ("map ringed along %.0f %% of its edge", share * 100);
  g_assert_true (share > 0.8 || share < 0.2);
  return share > 0.8;
}

/* How many of @widget's pixels are near white. */
static double
light_pixels (GtkWidget *widget)
{
  g_autofree guint8 *pixels = NULL;
  int width, height, n = 0;
  gsize stride;

  pixels = download (widget, &width, &height, &stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + (gsize) x * 4;

        n += p[0] > 215 && p[1] > 215 && p[2] > 215;
      }

  return n;
}

static void
focus_visible_changed (GtkWindow  *window,
                       GParamSpec *pspec,
                       gboolean   *dropped)
{
  if (!gtk_window_get_focus_visible (window))
    *dropped = TRUE;
}

static double
map_ringed_share (GtkWidget *widget)
{
  return map_ringed () ? 1 : 0;
}

/* @measure (@widget) drawn with GTK's focus rings on, as after Tab. GTK
 * turns them off 3 s after they came on (VISIBLE_FOCUS_DURATION): a
 * measurement they did not last through is made again. */
static double
with_rings_on (double    (*measure) (GtkWidget *),
               GtkWidget  *widget)
{
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      gboolean dropped = FALSE;
      gulong id = g_signal_connect (window (), "notify::focus-visible", G_CALLBACK (focus_visible_changed), &dropped);
      double result;

      gtk_window_set_focus_visible (GTK_WINDOW (window ()), TRUE);
      ui_wait_drawn (widget);
      result = measure (widget);
      g_signal_handler_disconnect (window (), id);
      if (!dropped)
        return result;
      g_test_message ("GTK's focus rings went off while drawing; again");
    }

  g_error ("GTK's focus rings never lasted through a frame");
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The window opens with the keyboard on the map, and shows it: the map is
 * the focus and draws its frame, as a focused text field draws its
 * outline, with or without GTK's focus rings. From the map, the digits,
 * arrows and Page Down work at once. */
static void
test_focus_at_start (void)
{
  g_assert_true (is_focus (map_view ()));
  g_assert_true (gtk_widget_get_state_flags (map_view ()) & GTK_STATE_FLAG_FOCUSED);
  g_assert_true (map_framed ());
  /* …strongly while the rings are on, as after Tab. */
  g_assert_cmpfloat (with_rings_on (map_ringed_share, map_view ()), ==, 1);
}

/* A zoom button with the keyboard shows a clear ring of its own, and the
 * map's frame goes: one focus indication at a time. */
static void
test_one_focus_ring (void)
{
  GtkWidget *zoom_in = find_action_button (map_view (), "win.zoom-in");
  double unfocused, focused;

  reset ();
  g_assert_nonnull (zoom_in);
  unfocused = with_rings_on (light_pixels, zoom_in);

  g_assert_true (gtk_widget_grab_focus (zoom_in));
  focused = with_rings_on (light_pixels, zoom_in);
  g_test_message ("light pixels of the zoom button: %.0f without the focus, %.0f with it", unfocused, focused);
  /* A ring right round the button (about 30 px a side, 3 px wide). */
  g_assert_cmpfloat (focused - unfocused, >, 200);
  g_assert_false (map_framed ());
  g_assert_cmpfloat (with_rings_on (map_ringed_share, map_view ()), ==, 0);

  /* Back on the map, its frame is back. */
  gtk_widget_grab_focus (map_view ());
  ui_wait_drawn (map_view ());
  g_assert_true (map_framed ());
}

/* F5: the map keeps the keyboard, for the clicker, but no frame is drawn
 * round the whole presentation, rings or not. */
static void
test_presenting_has_no_focus_frame (void)
{
  reset ();
  g_assert_true (map_framed ());

  ui_key ("F5");
  g_assert_true (cx_window_get_presenting (window ()));
  g_assert_true (is_focus (map_view ()));
  g_assert_false (map_framed ());
  g_assert_cmpfloat (with_rings_on (map_ringed_share, map_view ()), ==, 0);

  ui_key ("Escape");
  g_assert_false (cx_window_get_presenting (window ()));
  ui_wait_drawn (map_view ());
  g_assert_true (map_framed ());
}

/* ------------------------------------------------------------------ */
/* Esc                                                                 */
/* ------------------------------------------------------------------ */

/* Esc in search leaves it for the map: pressing 1 then toggles the first
 * layer instead of typing "1". */
static void
test_escape_leaves_search (void)
{
  CxVisibility *visibility = cx_window_get_visibility (window ());
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  g_autoptr(CxLayer) first = g_list_model_get_item (cx_data_pack_get_layers (pack), 0);
  gboolean shown;

  reset ();
  ui_key ("ctrl+f");
  g_assert_true (focus_within (search_entry ()));
  ui_search (search_entry (), "zhong", TRUE);

  ui_key ("Escape");
  g_assert_true (is_focus (map_view ()));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry ())), ==, "");

  shown = cx_visibility_get_visible (visibility, cx_layer_get_id (first));
  ui_key ("1");
  g_assert_cmpint (cx_visibility_get_visible (visibility, cx_layer_get_id (first)), !=, shown);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry ())), ==, "");
  ui_key ("1");
  g_assert_cmpint (cx_visibility_get_visible (visibility, cx_layer_get_id (first)), ==, shown);
}

/* ------------------------------------------------------------------ */
/* Narrow windows                                                      */
/* ------------------------------------------------------------------ */

/* @feature's box in the map view's coordinates. */
static graphene_rect_t
feature_rect (CxFeature *feature)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (cx_window_get_map_view (window ()));
  CxBounds b = cx_feature_get_bounds (feature);
  double x0, y0, x1, y1;

  shumate_viewport_location_to_widget_coords (viewport, map_view (), b.max_y, b.min_x, &x0, &y0);
  shumate_viewport_location_to_widget_coords (viewport, map_view (), b.min_y, b.max_x, &x1, &y1);
  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

/* The floating details panel, in the map view's coordinates. */
static graphene_rect_t
details_rect (void)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (details (), map_view (), &rect));
  return rect;
}

/* @feature lies wholly on the map beside the floating details panel. */
static void
assert_beside_details (CxFeature *feature)
{
  graphene_rect_t place = feature_rect (feature);
  graphene_rect_t panel = details_rect ();

  g_test_message ("place from x %.0f to %.0f, panel from %.0f to %.0f, map %d wide",
                  place.origin.x, place.origin.x + place.size.width,
                  panel.origin.x, panel.origin.x + panel.size.width, gtk_widget_get_width (map_view ()));
  g_assert_cmpfloat (place.origin.x, >=, 0);
  g_assert_cmpfloat (place.origin.x + place.size.width, <=, panel.origin.x);
  g_assert_cmpfloat (place.origin.y, >=, 0);
  g_assert_cmpfloat (place.origin.y + place.size.height, <=, gtk_widget_get_height (map_view ()));
}

/* 600×800, both panels float, one at a time: Ctrl+F, a name, Enter opens
 * the place's details in place of the search, the place beside them, not
 * under them. Esc goes back to the map. */
static void
test_narrow_search_opens_details (void)
{
  CxFeature *park = cx_data_pack_lookup_feature (cx_application_get_pack (ui_app ()), "zhongshan-park");

  reset ();
  resize_window (600, 800);
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));

  ui_key ("ctrl+f");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  ui_search (search_entry (), "zhongshan", TRUE);
  ui_key ("Return");

  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details_split ()));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  g_assert_true (ui_wait_mapped (details ()));
  g_assert_cmpstr (cx_details_panel_get_page_name (CX_DETAILS_PANEL (details ())), ==, "place");
  g_assert_true (ui_text_contains (details (), "Zhongshan Park"));
  /* The keyboard is in the panel it opened, ready to read it. */
  g_assert_true (focus_within (details ()));
  assert_beside_details (park);

  ui_key ("Escape");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  g_assert_true (is_focus (map_view ()));
  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
}

/* Enter right after the text, before the search entry's delay has passed
 * (a quick typist, or a busy window that takes the keys at once): the
 * place typed opens, not nothing or the result of the text before. */
static void
test_enter_before_search_delay (void)
{
  GtkWidget *entry = search_entry ();

  reset ();
  ui_key ("ctrl+f");
  ui_search (search_entry (), "tianshan", TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "zhongshan");
  g_signal_emit_by_name (entry, "activate");

  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
}

/* 600×800: Esc in the search closes the floating panel too. */
static void
test_narrow_escape_closes_search (void)
{
  reset ();
  resize_window (600, 800);

  ui_key ("ctrl+f");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  ui_search (search_entry (), "park", TRUE);
  ui_key ("Escape");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  g_assert_true (is_focus (map_view ()));
}

/* 600×800: a click on a place opens its floating details, and the map
 * brings the place out from under them; Esc goes back to the map. */
static void
test_narrow_click_opens_details (void)
{
  CxFeature *park = cx_data_pack_lookup_feature (cx_application_get_pack (ui_app ()), "zhongshan-park");
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (window ()));
  ShumateViewport *viewport = cx_map_view_get_viewport (cx_window_get_map_view (window ()));
  double x, y, zoom;
  int panel_width;

  reset ();
  resize_window (600, 800);
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));

  /* The park's marker, where the details will float. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  gtk_widget_get_size_request (details (), &panel_width, NULL);
  cx_overlay_layer_location_to_widget (overlay, 31.2232, 121.4165, &x, &y);
  g_assert_cmpfloat (x, >, gtk_widget_get_width (map_view ()) - panel_width);
  ui_click (GTK_WIDGET (overlay), x, y, 1);

  g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details_split ()));
  g_assert_true (ui_wait_mapped (details ()));
  g_assert_true (ui_text_contains (details (), "Zhongshan Park"));
  /* The map moved aside, at the same zoom. */
  assert_beside_details (park);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.01);

  ui_key ("Escape");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));
  g_assert_true (is_focus (map_view ()));

  /* A double click on it zooms to it, and opens the details too: the panel
   * comes once the clicks are over, so the second click is the map's. */
  cx_map_view_fit_district (cx_window_get_map_view (window ()));
  ui_settle (GTK_WIDGET (window ()));
  zoom = shumate_viewport_get_zoom_level (viewport);
  cx_overlay_layer_location_to_widget (overlay, 31.2232, 121.4165, &x, &y);
  ui_click (GTK_WIDGET (overlay), x, y, 2);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom + 1);
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details_split ()));
  assert_beside_details (park);
}

/* The details panel's Back button. */
static GtkWidget *
details_back_button (void)
{
  for (GtkWidget *w = gtk_widget_get_first_child (details ()); w != NULL; w = gtk_widget_get_next_sibling (w))
    for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_BUTTON (c))
        return c;

  g_assert_not_reached ();
}

/* 600×800: a place clicked on the map, then Back, by Alt+Left or by the
 * panel's button, returns to the map as Esc does: nothing selected any
 * more, so no floating details left over the map, and the keyboard on
 * the map. */
static void
test_narrow_back_returns_to_map (void)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (window ()));

  for (guint by_button = 0; by_button < 2; by_button++)
    {
      double x, y;

      reset ();
      resize_window (600, 800);
      cx_overlay_layer_location_to_widget (overlay, 31.2232, 121.4165, &x, &y);
      ui_click (GTK_WIDGET (overlay), x, y, 1);
      g_assert_cmpstr (selected_id (), ==, "zhongshan-park");
      g_assert_true (adw_overlay_split_view_get_show_sidebar (details_split ()));
      g_assert_true (ui_wait_mapped (details ()));

      if (by_button)
        {
          GtkWidget *back = details_back_button ();

          ui_click (back, gtk_widget_get_width (back) / 2.0, gtk_widget_get_height (back) / 2.0, 1);
        }
      else
        ui_key ("alt+Left");

      g_test_message ("Back by %s", by_button ? "the panel's button" : "Alt+Left");
      g_assert_null (selected_id ());
      g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));
      g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split ()));
      g_assert_true (is_focus (map_view ()));
    }
}

/* How much of the map is not under a floating panel, in pixels across. */
static double
uncovered_map_width (void)
{
  graphene_rect_t map, panel;
  double left, right;

  g_assert_true (gtk_widget_compute_bounds (map_view (), GTK_WIDGET (window ()), &map));
  left = map.origin.x;
  right = map.origin.x + map.size.width;

  if (adw_overlay_split_view_get_collapsed (details_split ()) &&
      adw_overlay_split_view_get_show_sidebar (details_split ()))
    {
      g_assert_true (gtk_widget_compute_bounds (details (), GTK_WIDGET (window ()), &panel));
      right = MIN (right, panel.origin.x);
    }
  if (adw_overlay_split_view_get_collapsed (layers_split ()) &&
      adw_overlay_split_view_get_show_sidebar (layers_split ()))
    {
      g_assert_true (gtk_widget_compute_bounds (cx_window_get_sidebar (window ()), GTK_WIDGET (window ()), &panel));
      left = MAX (left, panel.origin.x + panel.size.width);
    }

  return MAX (right - left, 0);
}

/* 800×600: the layers panel docked, the details floating. Asking for both
 * (the header's two buttons) leaves the map at least MAP_MIN_WIDTH: the
 * docked panel gives way, and comes back when the details close. Both
 * panels stay whole in the window. */
static void
test_both_panels_keep_map_width (void)
{
  graphene_rect_t panel;

  reset ();
  resize_window (800, 600);
  g_assert_false (adw_overlay_split_view_get_collapsed (layers_split ()));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers_split ()));

  /* What the header's Details Panel button does. */
  adw_overlay_split_view_set_show_sidebar (details_split (), TRUE);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_true (ui_wait_mapped (details ()));
  g_test_message ("map %d px wide, %.0f px of it uncovered", gtk_widget_get_width (map_view ()), uncovered_map_width ());
  g_assert_cmpfloat (uncovered_map_width (), >=, MAP_MIN_WIDTH);
  g_assert_true (gtk_widget_compute_bounds (details (), GTK_WIDGET (window ()), &panel));
  g_assert_cmpfloat (panel.origin.x, >=, 0);
  g_assert_cmpfloat (panel.origin.x + panel.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window ())));

  /* The layers panel, asked for again, takes its turn. */
  adw_overlay_split_view_set_show_sidebar (layers_split (), TRUE);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));
  g_assert_cmpfloat (uncovered_map_width (), >=, MAP_MIN_WIDTH);

  /* The details again, then Esc: the layers panel that gave way is back. */
  adw_overlay_split_view_set_show_sidebar (details_split (), TRUE);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  ui_key ("Escape");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  g_assert_cmpfloat (uncovered_map_width (), >=, MAP_MIN_WIDTH);
}

/* ------------------------------------------------------------------ */
/* Scenes and Back                                                     */
/* ------------------------------------------------------------------ */

/* Page Down at the last scene stays there and says so; Page Up at the
 * first too. */
static void
test_scene_ends_are_told (void)
{
  guint n = g_list_model_get_n_items (cx_window_get_scenes (window ()));

  reset ();
  g_assert_cmpuint (n, >=, 2);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", (guint32) (n - 1));
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, (int) n - 1);
  g_assert_false (ui_text_contains (GTK_WIDGET (window ()), "Last scene"));

  ui_key ("Next");
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, (int) n - 1);
  g_assert_true (ui_wait_text (GTK_WIDGET (window ()), "Last scene"));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", (guint32) 0);
  ui_key ("Prior");
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, 0);
  g_assert_true (ui_wait_text (GTK_WIDGET (window ()), "First scene"));
}

static void
collect_scene_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (CX_IS_SCENE_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_scene_rows (child, rows);
}

/* The colour of a row near its top, clear of its text and buttons. */
static guint32
row_colour (GtkWidget *row)
{
  g_autofree guint8 *pixels = NULL;
  int width, height;
  gsize stride;
  const guint8 *p;

  pixels = download (row, &width, &height, &stride);
  p = pixels + 3 * stride + (gsize) (width * 3 / 5) * 4;
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16;
}

/* The scene shown last is marked in the list, and only that one. */
static void
test_current_scene_highlighted (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  reset ();
  collect_scene_rows (cx_window_get_layer_panel (window ()), rows);
  g_assert_cmpuint (rows->len, >=, 3);

  for (int step = 0; step < 2; step++)
    {
      int current;
      guint32 marked, other;

      ui_key ("Next");
      current = cx_window_get_current_scene (window ());
      g_assert_cmpint (current, >=, 0);
      for (guint i = 0; i < rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (rows, i);

          g_assert_cmpint (cx_scene_row_get_current (CX_SCENE_ROW (row)), ==, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) == current);
        }

      marked = row_colour (g_ptr_array_index (rows, current));
      other = row_colour (g_ptr_array_index (rows, (current + 1) % rows->len));
      g_test_message ("scene %d: its row %06x, the next %06x", current + 1, marked, other);
      g_assert_cmpuint (marked, !=, other);
    }
}

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

static CxMeasure *
measure (void)
{
  return cx_map_view_get_measure (cx_window_get_map_view (window ()));
}

static gboolean
n_points_is (gpointer n)
{
  return cx_measure_get_n_points (measure ()) == GPOINTER_TO_UINT (n);
}

/* The measure bar's words, under the map view. */
static const char *
readout (void)
{
  GtkWidget *bar = NULL;

  for (GtkWidget *w = gtk_widget_get_first_child (map_view ()); w != NULL && bar == NULL; w = gtk_widget_get_next_sibling (w))
    if (CX_IS_MEASURE_BAR (w))
      bar = w;
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_mapped (bar));
  return cx_measure_bar_get_readout (CX_MEASURE_BAR (bar));
}

/* How many lines the bar's readout takes: one while the bar has room
 * (a wrapping label in a row of buttons otherwise asks for the narrowest
 * width that fits their height: "Distance:" over "4.68 km"). */
static int
readout_lines (void)
{
  GtkWidget *bar = NULL;

  for (GtkWidget *w = gtk_widget_get_first_child (map_view ()); w != NULL && bar == NULL; w = gtk_widget_get_next_sibling (w))
    if (CX_IS_MEASURE_BAR (w))
      bar = w;
  g_assert_nonnull (bar);
  for (GtkWidget *w = gtk_widget_get_first_child (bar); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w))
      return pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (w)));
  g_assert_not_reached ();
}

/* The figure the bar should show for the points so far, after @prefix. */
static char *
expected_distance (const char *prefix)
{
  CxMeasurement m;
  g_autofree char *figure = NULL;

  cx_measure_get_measurement (measure (), &m);
  figure = cx_format_length (m.length_m);
  return g_strconcat (prefix, figure, NULL);
}

/* Measuring by keyboard alone: M, the arrows move the crosshair, Enter adds
 * points, Backspace drops the last, a second Enter finishes, Esc leaves.
 * The bar reads out each figure; the first leg is checked against the map's
 * own scale (its metres per pixel at this latitude and zoom). */
static void
test_measure_by_keyboard (void)
{
  CxMapView *view = cx_window_get_map_view (window ());
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  CxMeasurement m;
  guint n;
  const CxCoord *points;
  double ground_m, zoom, lat;
  g_autofree char *after_two = NULL;

  reset ();
  g_assert_false (cx_map_view_get_measuring (view));

  ui_key ("m");
  g_assert_true (cx_map_view_get_measuring (view));
  g_assert_true (is_focus (map_view ()));
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpstr (readout (), ==, "Distance: click points, or move the crosshair and press Enter");

  ui_key ("Return");
  g_assert_true (ui_wait_for (n_points_is, GUINT_TO_POINTER (1), 2000));
  g_assert_cmpstr (readout (), ==, "Distance: 0 m");

  /* Ten steps of 16 px east, then Enter. */
  for (guint i = 0; i < 10; i++)
    ui_key ("Right");
  ui_key ("Return");
  g_assert_true (ui_wait_for (n_points_is, GUINT_TO_POINTER (2), 2000));
  after_two = expected_distance ("Distance: ");
  g_assert_cmpstr (readout (), ==, after_two);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpint (readout_lines (), ==, 1);

  points = cx_measure_get_points (measure (), &n);
  g_assert_cmpfloat_with_epsilon (points[1].y, points[0].y, 1e-9);
  cx_measure_get_measurement (measure (), &m);
  zoom = shumate_viewport_get_zoom_level (viewport);
  lat = points[0].y;
  ground_m = 160 * cos (lat * G_PI / 180) * 2 * G_PI * 6378137 / (256 * exp2 (zoom));
  g_test_message ("160 px at zoom %.2f: measured %.1f m, the map's scale says %.1f m", zoom, m.length_m, ground_m);
  g_assert_cmpfloat (fabs (m.length_m - ground_m) / ground_m, <, 0.005);

  /* Down five steps, a third point, then Backspace drops it. */
  for (guint i = 0; i < 5; i++)
    ui_key ("Down");
  ui_key ("Return");
  g_assert_true (ui_wait_for (n_points_is, GUINT_TO_POINTER (3), 2000));
  g_assert_cmpstr (readout (), !=, after_two);
  ui_key ("BackSpace");
  g_assert_true (ui_wait_for (n_points_is, GUINT_TO_POINTER (2), 2000));
  g_assert_cmpstr (readout (), ==, after_two);

  /* The crosshair is still where the dropped point was: Enter puts it back,
   * and a second Enter there finishes. */
  ui_key ("Return");
  g_assert_true (ui_wait_for (n_points_is, GUINT_TO_POINTER (3), 2000));
  ui_key ("Return");
  g_assert_true (cx_measure_get_finished (measure ()));
  g_assert_cmpuint (cx_measure_get_n_points (measure ()), ==, 3);
  {
    g_autofree char *finished = expected_distance ("Distance (finished): ");

    g_assert_cmpstr (readout (), ==, finished);
  }

  {
    g_autoptr(GdkTexture) texture = ui_render_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window ())));
    g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "measure-keyboard.png", NULL);

    g_assert_true (gdk_texture_save_to_png (texture, path));
    g_test_message ("screenshot: %s", path);
  }

  /* Esc leaves, and clears; the map has the keyboard still. */
  ui_key ("Escape");
  g_assert_false (cx_map_view_get_measuring (view));
  g_assert_cmpuint (cx_measure_get_n_points (measure ()), ==, 0);
  g_assert_true (is_focus (map_view ()));
}

/* Presenting and measuring, Esc ends the measurement only: the presenter
 * stays in front of the audience; a second Esc leaves the presentation. */
static void
test_presenting_escape_ends_measure_first (void)
{
  CxMapView *view = cx_window_get_map_view (window ());

  reset ();
  ui_key ("F5");
  g_assert_true (cx_window_get_presenting (window ()));
  ui_key ("m");
  g_assert_true (cx_map_view_get_measuring (view));
  ui_key ("Return");
  g_assert_true (ui_wait_for (n_points_is, GUINT_TO_POINTER (1), 2000));

  ui_key ("Escape");
  g_assert_false (cx_map_view_get_measuring (view));
  g_assert_cmpuint (cx_measure_get_n_points (measure ()), ==, 0);
  g_assert_true (cx_window_get_presenting (window ()));

  ui_key ("Escape");
  g_assert_false (cx_window_get_presenting (window ()));
}

/* The presenter's tools bar: over the map while presenting, gone with the
 * panels on F9 and back with them; its Measure button, named for screen
 * readers, follows the tool whoever turns it on; a tool on gives the map
 * the big crosshair pointer. */
static void
test_presenting_tools_bar (void)
{
  CxMapView *view = cx_window_get_map_view (window ());
  GtkWidget *bar = cx_map_view_get_tools_bar (view);
  GtkWidget *map = gtk_widget_get_first_child (map_view ());
  GtkWidget *button;

  reset ();
  g_assert_false (gtk_widget_get_visible (bar));
  ui_key ("F5");
  g_assert_true (cx_window_get_presenting (window ()));
  g_assert_true (ui_wait_mapped (bar));

  button = ui_find_button (bar, "Measure");
  g_assert_nonnull (button);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_true (ui_has_accessible_name (button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "(M)"));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_null (gtk_widget_get_cursor (map));

  /* M turns the tool on: the button shows it, the pointer is the tool's. */
  ui_key ("m");
  g_assert_true (cx_map_view_get_measuring (view));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_nonnull (gtk_widget_get_cursor (map));
  g_assert_cmpstr (gdk_cursor_get_name (gdk_cursor_get_fallback (gtk_widget_get_cursor (map))), ==, "crosshair");
  /* The button turns it off. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (cx_map_view_get_measuring (view));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_null (gtk_widget_get_cursor (map));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (cx_map_view_get_measuring (view));
  g_signal_emit_by_name (button, "clicked");

  /* The marks' tools are in the bar too: Area turns that tool on (and the
   * measure tool off), the key L moves the bar's state to Line, Esc ends
   * the tool and no toggle is left on. */
  {
    GtkWidget *area = ui_find_button (bar, "Area");
    GtkWidget *line = ui_find_button (bar, "Line");

    g_assert_nonnull (area);
    g_assert_nonnull (line);
    g_assert_nonnull (ui_find_button (bar, "Pin"));
    g_assert_true (ui_has_accessible_name (area));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (area), "(A)"));
    g_signal_emit_by_name (area, "clicked");
    g_assert_cmpint (cx_map_view_get_annotating (view), ==, CX_ANNOTATION_POLYGON);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (area)));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
    g_assert_nonnull (gtk_widget_get_cursor (map));
    gtk_widget_grab_focus (map_view ());
    ui_key ("l");
    g_assert_cmpint (cx_map_view_get_annotating (view), ==, CX_ANNOTATION_LINE);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (line)));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (area)));
    ui_key ("Escape");
    g_assert_cmpint (cx_map_view_get_annotating (view), ==, -1);
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (line)));
    g_assert_true (cx_window_get_presenting (window ()));
  }

  /* F9 steps: the details panel joins the bar (a statistic's charts on
   * the projector, the map fitted beside it), then the bare map, then the
   * bar alone again; the layers panel stays hidden throughout. */
  ui_key ("F9");
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details_split ()));
  g_assert_true (ui_wait_mapped (details ()));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split ()));
  ui_key ("F9");
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));
  ui_key ("F9");
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split ()));
  ui_key ("F9");
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details_split ()));

  ui_key ("Escape");
  g_assert_false (cx_window_get_presenting (window ()));
  g_assert_false (gtk_widget_get_visible (bar));
}

/* The pen has drawn @n strokes, none is being drawn any more. */
static gboolean
n_strokes_is (gpointer n)
{
  CxMapView *view = cx_window_get_map_view (window ());

  return !cx_map_view_get_pen_drawing (view) && cx_map_view_get_n_strokes (view) == GPOINTER_TO_UINT (n);
}

/* A drag with the real pointer over the map, from (@x0, @y0) across to
 * (@x1, @y1), through the X server. */
static void
pen_drag (double x0,
          double y0,
          double x1,
          double y1)
{
  GtkWidget *map = GTK_WIDGET (cx_map_view_get_overlay (cx_window_get_map_view (window ())));
  const char *down[] = { "xdotool", "mousedown", "1", NULL };
  const char *up[] = { "xdotool", "mouseup", "1", NULL };

  ui_move_pointer (map, x0, y0);
  g_bytes_unref (ui_run_tool (down));
  for (guint i = 1; i <= 8; i++)
    ui_move_pointer (map, x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8);
  g_bytes_unref (ui_run_tool (up));
}

/* The presentation pen: P, a drag draws a stroke instead of panning; with
 * Strokes Fade on it fades away, off it stays (as a mark) until Esc. */
static void
test_pen_strokes (void)
{
  CxMapView *view = cx_window_get_map_view (window ());
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.changning.Explorer");
  double lat;

  reset ();
  g_settings_set_boolean (settings, "pen-strokes-fade", TRUE);
  ui_key ("p");
  g_assert_true (cx_map_view_get_pen (view));
  g_assert_true (is_focus (map_view ()));
  g_assert_cmpuint (cx_map_view_get_n_strokes (view), ==, 0);

  /* Fading: drawn, not panned, then gone after a few seconds. */
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  pen_drag (300, 300, 500, 380);
  g_assert_true (ui_wait_for (n_strokes_is, GUINT_TO_POINTER (1), 5000));
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), ==, lat);
  g_assert_true (ui_wait_for (n_strokes_is, GUINT_TO_POINTER (0), CX_PEN_FADE_MS + 5000));

  /* Staying: two strokes, still there after the fading time. */
  g_settings_set_boolean (settings, "pen-strokes-fade", FALSE);
  pen_drag (300, 450, 500, 450);
  g_assert_true (ui_wait_for (n_strokes_is, GUINT_TO_POINTER (1), 5000));
  pen_drag (320, 250, 520, 330);
  g_assert_true (ui_wait_for (n_strokes_is, GUINT_TO_POINTER (2), 5000));
  ui_observe (CX_PEN_FADE_MS + 500);
  g_assert_cmpuint (cx_map_view_get_n_strokes (view), ==, 2);

  /* Esc clears them; P turns the pen off. */
  ui_key ("Escape");
  g_assert_cmpuint (cx_map_view_get_n_strokes (view), ==, 0);
  ui_key ("p");
  g_assert_false (cx_map_view_get_pen (view));
  g_settings_reset (settings, "pen-strokes-fade");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  /* Fresh scenes: the pack's starters. */
  ui_private_data_home ("cx-test-keys-XXXXXX");
  ui_init (&argc, &argv);

  /* First: it looks at the window as it opens. */
  g_test_add_func ("/keys/focus-at-start", test_focus_at_start);
  g_test_add_func ("/keys/one-focus-ring", test_one_focus_ring);
  g_test_add_func ("/keys/presenting-has-no-focus-frame", test_presenting_has_no_focus_frame);
  g_test_add_func ("/keys/escape-leaves-search", test_escape_leaves_search);
  g_test_add_func ("/keys/narrow-search-opens-details", test_narrow_search_opens_details);
  g_test_add_func ("/keys/enter-before-search-delay", test_enter_before_search_delay);
  g_test_add_func ("/keys/narrow-escape-closes-search", test_narrow_escape_closes_search);
  g_test_add_func ("/keys/narrow-click-opens-details", test_narrow_click_opens_details);
  g_test_add_func ("/keys/narrow-back-returns-to-map", test_narrow_back_returns_to_map);
  g_test_add_func ("/keys/both-panels-keep-map-width", test_both_panels_keep_map_width);
  g_test_add_func ("/keys/scene-ends-are-told", test_scene_ends_are_told);
  g_test_add_func ("/keys/current-scene-highlighted", test_current_scene_highlighted);
  g_test_add_func ("/keys/back-restores-view", test_back_restores_view);
  g_test_add_func ("/keys/measure-by-keyboard", test_measure_by_keyboard);
  g_test_add_func ("/keys/presenting-escape-ends-measure-first", test_presenting_escape_ends_measure_first);
  g_test_add_func ("/keys/presenting-tools-bar", test_presenting_tools_bar);
  g_test_add_func ("/keys/pen-strokes", test_pen_strokes);

  return ui_run ();
}
