/* test-fit.c: views fit the screen they are on. The default view and every
 * starter scene, presenting, fill the part of the map that nothing covers
 * (at least 80 % of its width or height); a scene's handout shows the same
 * extent from whatever window it was exported (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "cx-geometry.h"
#include "cx-handout-private.h"
#include "cx-map-view-private.h"
#include "cx-overlay-private.h"
#include "cx-test-files.h"
#include "ui-helpers.h"

/* The bar for presentation, held by the default view too. */
#define MIN_FILL 0.8

static char *out_dir;

static CxWindow *
window (void)
{
  return ui_window ();
}

static CxMapView *
map_view (void)
{
  return cx_window_get_map_view (window ());
}

/* Where @b lies in the map view as it shows now (widget coordinates),
 * worked out from the viewport, not from what the map view says it did. */
static void
bounds_in_view (const CxBounds  *b,
                graphene_rect_t *r)
{
  ShumateViewport *viewport = cx_map_view_get_viewport (map_view ());
  double scale = 256 * exp2 (shumate_viewport_get_zoom_level (viewport));
  double width = gtk_widget_get_width (GTK_WIDGET (map_view ()));
  double height = gtk_widget_get_height (GTK_WIDGET (map_view ()));
  double cx, cy, x0, y0, x1, y1;

  cx_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  cx_mercator_project (b->min_x, b->max_y, &x0, &y0);
  cx_mercator_project (b->max_x, b->min_y, &x1, &y1);
  graphene_rect_init (r, width / 2 + (x0 - cx) * scale, height / 2 + (y0 - cy) * scale,
                      (x1 - x0) * scale, (y1 - y0) * scale);
}

/* Whether @widget shows over the map view, and where (map view
 * coordinates). */
static gboolean
covers (GtkWidget       *widget,
        graphene_rect_t *r)
{
  return widget != NULL && gtk_widget_get_mapped (widget) &&
         gtk_widget_compute_bounds (widget, GTK_WIDGET (map_view ()), r);
}

static gboolean
overlaps (const graphene_rect_t *a,
          const graphene_rect_t *b)
{
  /* A pixel of rounding either way is no overlap. */
  return a->origin.x + a->size.width > b->origin.x + 1 && b->origin.x + b->size.width > a->origin.x + 1 &&
         a->origin.y + a->size.height > b->origin.y + 1 && b->origin.y + b->size.height > a->origin.y + 1;
}

/* How much of the uncovered part the view's fitted content fills (the
 * larger of its share of the width and of the height), after checking that
 * the view is still fitted to @expected, that the content lies whole in
 * the uncovered part, and that the uncovered part is inside the view and
 * clear of the presentation card and of the panels floating over the map. */
static double
fill_ratio (const char     *what,
            const CxBounds *expected)
{
  CxBounds extent;
  graphene_rect_t uncovered, content, view, card, panel;
  AdwOverlaySplitView *splits[] = { window ()->layers_split, window ()->details_split };
  double fill;

  g_assert_true (_cx_map_view_get_fit (map_view (), &extent, &uncovered));
  if (expected != NULL)
    {
      g_assert_cmpfloat (extent.min_x, ==, expected->min_x);
      g_assert_cmpfloat (extent.max_y, ==, expected->max_y);
    }

  graphene_rect_init (&view, 0, 0, gtk_widget_get_width (GTK_WIDGET (map_view ())),
                      gtk_widget_get_height (GTK_WIDGET (map_view ())));
  g_assert_true (graphene_rect_contains_rect (&view, &uncovered));
  if (covers (cx_window_get_presentation_card (window ()), &card))
    g_assert_false (overlaps (&card, &uncovered));
  for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
    if (adw_overlay_split_view_get_collapsed (splits[i]) && adw_overlay_split_view_get_show_sidebar (splits[i]) &&
        covers (adw_overlay_split_view_get_sidebar (splits[i]), &panel) &&
        panel.size.width < view.size.width - 64)
      g_assert_false (overlaps (&panel, &uncovered));

  bounds_in_view (&extent, &content);
  g_assert_cmpfloat (content.origin.x, >=, uncovered.origin.x - 1);
  g_assert_cmpfloat (content.origin.y, >=, uncovered.origin.y - 1);
  g_assert_cmpfloat (content.origin.x + content.size.width, <=, uncovered.origin.x + uncovered.size.width + 1);
  g_assert_cmpfloat (content.origin.y + content.size.height, <=, uncovered.origin.y + uncovered.size.height + 1);

  fill = MAX (content.size.width / uncovered.size.width, content.size.height / uncovered.size.height);
  g_test_message ("%s: window %d × %d, uncovered %.0f × %.0f at (%.0f, %.0f), content %.0f × %.0f, fill %.1f %%",
                  what, gtk_widget_get_width (GTK_WIDGET (window ())), gtk_widget_get_height (GTK_WIDGET (window ())),
                  uncovered.size.width, uncovered.size.height, uncovered.origin.x, uncovered.origin.y,
                  content.size.width, content.size.height, 100 * fill);
  return fill;
}

/* A starter scene's extent is what it selects, from the pack's coordinates:
 * the highlighted places' extent, each point with its stated accuracy
 * around it (as Zoom to place frames it), rounded out to 1e-4 degrees. */
static void
assert_extent_is_selection (const CxBounds *extent)
{
  GListModel *highlighted = cx_selection_get_highlighted (cx_window_get_selection (window ()));
  CxBounds b;

  g_assert_cmpuint (g_list_model_get_n_items (highlighted), >, 0);
  b = cx_features_get_shown_bounds (highlighted);

  g_assert_cmpfloat (extent->min_x, <=, b.min_x);
  g_assert_cmpfloat (extent->min_y, <=, b.min_y);
  g_assert_cmpfloat (extent->max_x, >=, b.max_x);
  g_assert_cmpfloat (extent->max_y, >=, b.max_y);
  g_assert_cmpfloat (b.min_x - extent->min_x, <, 1e-4);
  g_assert_cmpfloat (b.min_y - extent->min_y, <, 1e-4);
  g_assert_cmpfloat (extent->max_x - b.max_x, <, 1e-4);
  g_assert_cmpfloat (extent->max_y - b.max_y, <, 1e-4);
}

static void
set_presenting (gboolean presenting)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), presenting ? "win.presentation" : "win.leave-presentation", NULL);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpint (cx_window_get_presenting (window ()), ==, presenting);
}

/* F5 at @width × @height (the window's size: there is no window manager
 * to make it full screen here, and a projector is just a screen that
 * size), then every starter scene in turn. */
static void
present_scenes (int width,
                int height)
{
  GListModel *scenes = cx_window_get_scenes (window ());
  guint n = g_list_model_get_n_items (scenes);

  ui_resize_window (width, height);
  g_assert_cmpuint (n, >=, 3);
  set_presenting (TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);
      g_autofree char *what = g_strdup_printf ("presenting “%s”", cx_scene_get_title (scene));
      CxBounds extent;

      g_assert_true (cx_scene_get_extent (scene, &extent));
      gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", i);
      ui_settle (GTK_WIDGET (window ()));
      g_assert_cmpint (cx_window_get_current_scene (window ()), ==, (int) i);
      assert_extent_is_selection (&extent);
      g_assert_cmpfloat (fill_ratio (what, &extent), >=, MIN_FILL);
      /* Fitted again to this screen, the view is still the scene. */
      g_assert_false (cx_scene_list_get_moved_on (CX_SCENE_LIST (scenes)));
    }
  set_presenting (FALSE);
}

static void
test_present_1400 (void)
{
  present_scenes (1400, 900);
}

static void
test_present_1920 (void)
{
  present_scenes (1920, 1080);
}

/* The scene is applied in the window as it is, then F5: the view fits
 * itself to the card and the new size. */
static void
test_present_after_scene (void)
{
  GListModel *scenes = cx_window_get_scenes (window ());
  g_autoptr(CxScene) scene = g_list_model_get_item (scenes, 1);
  CxBounds extent;

  ui_resize_window (1400, 900);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", 1);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_true (cx_scene_get_extent (scene, &extent));
  set_presenting (TRUE);
  g_assert_cmpfloat (fill_ratio ("“Suzhou Creek waterfront”, then F5", &extent), >=, MIN_FILL);
  /* Fitted again to the card, the view is still the scene's: the card
   * and the handout say the scene. */
  g_assert_false (cx_scene_list_get_moved_on (CX_SCENE_LIST (scenes)));
  set_presenting (FALSE);
}

static void
default_view (int width,
              int height)
{
  CxDataPack *pack = cx_map_view_get_pack (map_view ());
  CxBounds district = cx_data_pack_get_bounds (pack);
  g_autofree char *what = g_strdup_printf ("default view at %d × %d", width, height);

  ui_resize_window (width, height);
  cx_scene_list_set_current (CX_SCENE_LIST (cx_window_get_scenes (window ())), -1);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.zoom-district", NULL);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpfloat (fill_ratio (what, &district), >=, MIN_FILL);
}

static void
test_default_1400 (void)
{
  default_view (1400, 900);
}

static void
test_default_600 (void)
{
  default_view (600, 800);
}

/* With the details panel floating open over the map (below 1020 px), the
 * district shows beside it, not under it. */
static void
test_default_beside_details (void)
{
  CxBounds district = cx_data_pack_get_bounds (cx_map_view_get_pack (map_view ()));
  AdwOverlaySplitView *details = window ()->details_split;

  ui_resize_window (900, 700);
  g_assert_true (adw_overlay_split_view_get_collapsed (details));
  adw_overlay_split_view_set_show_sidebar (details, TRUE);
  ui_settle (GTK_WIDGET (window ()));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.zoom-district", NULL);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpfloat (fill_ratio ("default view beside the details at 900 × 700", &district), >=, MIN_FILL);

  /* Closed, the district takes the whole view again. */
  adw_overlay_split_view_set_show_sidebar (details, FALSE);
  ui_settle (GTK_WIDGET (window ()));
  g_assert_cmpfloat (fill_ratio ("default view at 900 × 700, the details closed", &district), >=, MIN_FILL);
}

/* The labels of the page just drawn: inside its map frame (none cut by
 * it), clear of what the page draws over the map and of each other, and
 * every label the scene is about placed. */
static void
check_page_labels (const char *what)
{
  graphene_size_t frame;
  g_autoptr(GArray) covered = NULL;
  g_autoptr(GArray) labels = cx_overlay_layer_dup_page_labels (cx_map_view_get_overlay (map_view ()),
                                                               &frame, &covered);
  g_autoptr(GString) placed = g_string_new (NULL);
  g_autoptr(GString) dropped = g_string_new (NULL);
  guint n_placed = 0, n_selected = 0;

  g_assert_cmpfloat (frame.width, >, 0);
  g_assert_cmpfloat (frame.height, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const CxOverlayLabel *a = &g_array_index (labels, CxOverlayLabel, i);
      const graphene_rect_t *r = &a->rect;

      n_selected += a->selected;
      if (!a->placed)
        {
          if (a->selected)
            g_error ("%s: “%s”, which the scene is about, has no label on the page", what, a->text);
          g_string_append_printf (dropped, "%s“%s”", dropped->len > 0 ? ", " : "", a->text);
          continue;
        }
      n_placed++;
      g_string_append_printf (placed, "%s“%s”", placed->len > 0 ? ", " : "", a->text);
      if (r->origin.x < 0 || r->origin.y < 0 ||
          r->origin.x + r->size.width > frame.width || r->origin.y + r->size.height > frame.height)
        g_error ("%s: “%s” at (%g, %g %g×%g) is cut by the %g×%g map frame", what, a->text,
                 r->origin.x, r->origin.y, r->size.width, r->size.height, frame.width, frame.height);
      for (guint c = 0; c < covered->len; c++)
        if (ui_rects_overlap (r, &g_array_index (covered, graphene_rect_t, c)))
          g_error ("%s: “%s” is under the north arrow or the scale bar", what, a->text);
      for (guint j = i + 1; j < labels->len; j++)
        {
          const CxOverlayLabel *b = &g_array_index (labels, CxOverlayLabel, j);

          if (b->placed && ui_rects_overlap (r, &b->rect))
            g_error ("%s: “%s” and “%s” overlap", what, a->text, b->text);
        }
    }
  g_test_message ("%s: %u labels placed on the page: %s; %u dropped: %s", what, n_placed, placed->str,
                  labels->len - n_placed, dropped->len > 0 ? dropped->str : "none");
  /* The page has what the scene is about. */
  g_assert_cmpuint (n_selected, >, 0);
  g_assert_cmpuint (covered->len, ==, 2);
}

/* The handout of "Hongqiao hub" exported from three windows: the same map
 * extent on the page, within 1 % of its size, with the scene's content
 * whole in it. */
static void
test_handout_extent (void)
{
  static const struct { int width, height; } sizes[] = { { 1400, 900 }, { 800, 600 }, { 600, 800 } };
  GListModel *scenes = cx_window_get_scenes (window ());
  g_autoptr(CxScene) scene = g_list_model_get_item (scenes, 0);
  CxBounds first = { 0, }, content;
  double w, h;

  g_assert_cmpstr (cx_scene_get_title (scene), ==, "Hongqiao hub");
  g_assert_true (cx_scene_get_extent (scene, &content));
  cx_handout_page_size (CX_HANDOUT_A4_LANDSCAPE, CX_HANDOUT_PDF, &w, &h);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_auto(CxCaption) caption = { NULL, };
      g_autofree char *name = g_strdup_printf ("hongqiao-%dx%d.pdf", sizes[i].width, sizes[i].height);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      CxHandoutView view = { 0, };
      CxBounds page;

      ui_resize_window (sizes[i].width, sizes[i].height);
      gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", 0);
      ui_settle (GTK_WIDGET (window ()));

      _cx_window_fill_handout_view (window (), &view, &caption);
      _cx_handout_get_map_extent (&view, w, h, &page);
      g_test_message ("handout from %d × %d: %.5f, %.5f – %.5f, %.5f", sizes[i].width, sizes[i].height,
                      page.min_x, page.min_y, page.max_x, page.max_y);

      /* The scene's content, whole on the page. */
      g_assert_cmpfloat (page.min_x, <=, content.min_x);
      g_assert_cmpfloat (page.min_y, <=, content.min_y);
      g_assert_cmpfloat (page.max_x, >=, content.max_x);
      g_assert_cmpfloat (page.max_y, >=, content.max_y);

      if (i == 0)
        first = page;
      else
        {
          double dx = 0.01 * (first.max_x - first.min_x), dy = 0.01 * (first.max_y - first.min_y);

          g_assert_cmpfloat_with_epsilon (page.min_x, first.min_x, dx);
          g_assert_cmpfloat_with_epsilon (page.max_x, first.max_x, dx);
          g_assert_cmpfloat_with_epsilon (page.min_y, first.min_y, dy);
          g_assert_cmpfloat_with_epsilon (page.max_y, first.max_y, dy);
        }

      /* And the file is written from it (kept for looking at with
       * CX_TEST_KEEP_HANDOUTS). */
      cx_window_export_handout (window (), file, CX_HANDOUT_PDF, CX_HANDOUT_A4_LANDSCAPE, &error);
      g_assert_no_error (error);
      {
        g_autofree char *what = g_strdup_printf ("handout from %d × %d", sizes[i].width, sizes[i].height);

        check_page_labels (what);
      }
    }
}

int
main (int    argc,
      char **argv)
{
  const char *keep = g_getenv ("CX_TEST_KEEP_HANDOUTS");
  int status;

  /* Scenes live under XDG_DATA_HOME: the starter scenes, on a first start. */
  ui_private_data_home ("cx-fit-XXXXXX");
  ui_init (&argc, &argv);
  out_dir = keep != NULL && keep[0] != '\0' ? g_strdup (keep) : cx_test_make_tmp_dir ("cx-fit-out-XXXXXX");

  g_test_add_func ("/fit/default-view/1400x900", test_default_1400);
  g_test_add_func ("/fit/default-view/600x800", test_default_600);
  g_test_add_func ("/fit/default-view/beside-details", test_default_beside_details);
  g_test_add_func ("/fit/presentation/1400x900", test_present_1400);
  g_test_add_func ("/fit/presentation/1920x1080", test_present_1920);
  g_test_add_func ("/fit/presentation/after-scene", test_present_after_scene);
  g_test_add_func ("/fit/handout/same-extent", test_handout_extent);

  status = ui_run ();
  if (keep == NULL || keep[0] == '\0')
    cx_test_remove_tree (out_dir);
  g_free (out_dir);
  return status;
}
