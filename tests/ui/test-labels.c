/* test-labels.c: the map's labels where people look at them (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at 1400×900 with the default view, each starter scene in
 * presentation mode at 1400×900, 1920×1080 and 600×800, and a 600×800
 * window with the default view, then with the floating details panel
 * opened by a click on a place. In each, the labels the overlay placed
 * (read back with cx_overlay_layer_dup_labels()) overlap nowhere, lie in
 * the map and off everything over it (panels, the presentation card, the
 * map's buttons, scale and licence, found here by walking the widgets, not
 * from what the overlay was told), and every feature the scene is about
 * that is in sight has its label; presenting, no label of a point crosses
 * the district's outline where a place was free. A place whose label was
 * dropped is still in the Places list and found by search.
 *
 * With CX_TEST_LANGUAGE=zh_CN (the test-labels-zh run), the same in
 * Simplified Chinese.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "cx-overlay-private.h"
#include "cx-scene.h"
#include "cx-search.h"
#include "cx-sidebar.h"
#include "ui-helpers.h"

static CxOverlayLayer *
overlay (void)
{
  return cx_map_view_get_overlay (cx_window_get_map_view (ui_window ()));
}

static AdwOverlaySplitView *
split_of (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (ADW_IS_OVERLAY_SPLIT_VIEW (widget))
      return ADW_OVERLAY_SPLIT_VIEW (widget);
  return NULL;
}

/* Where @widget lies over the map, in the overlay's coordinates; FALSE
 * when it is not shown there. */
static gboolean
cover_of (GtkWidget       *widget,
          graphene_rect_t *out)
{
  GtkWidget *map = GTK_WIDGET (overlay ());
  graphene_rect_t all = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (map), gtk_widget_get_height (map));
  graphene_rect_t bounds;

  return widget != NULL && gtk_widget_get_mapped (widget) &&
         gtk_widget_compute_bounds (widget, map, &bounds) &&
         graphene_rect_intersection (&bounds, &all, out) &&
         out->size.width >= 1 && out->size.height >= 1;
}

/* Everything over the map, found by walking the widgets: the window's
 * panels, card and notices, and the map view's own children other than
 * the map (buttons, scale, licence). */
static GArray *
find_covers (void)
{
  CxWindow *window = ui_window ();
  GtkWidget *view = GTK_WIDGET (cx_window_get_map_view (window));
  GArray *covers = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  GtkWidget *widgets[] = {
    cx_window_get_details_panel (window), cx_window_get_sidebar (window), window->presentation_card,
    GTK_WIDGET (window->import_revealer), GTK_WIDGET (window->offline_revealer),
  };
  graphene_rect_t r;

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (cover_of (widgets[i], &r))
      g_array_append_val (covers, r);
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (!SHUMATE_IS_MAP (child) && cover_of (child, &r))
      g_array_append_val (covers, r);

  return covers;
}

static const CxOverlayLabel *
find_label (GArray     *labels,
            const char *id)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_array_index (labels, CxOverlayLabel, i).id, id))
      return &g_array_index (labels, CxOverlayLabel, i);
  return NULL;
}

/* Whether a feature is in sight, where its label could go: a point whose
 * marker is in the map and under nothing; a line or area any of whose
 * bounds' corners or middle is. */
static gboolean
in_sight (CxFeature *feature,
          GArray    *covers)
{
  CxGeometry *geometry = cx_feature_get_geometry (feature);
  CxBounds b = cx_geometry_get_bounds (geometry);
  GtkWidget *map = GTK_WIDGET (overlay ());
  CxCoord label = cx_feature_get_label_point (feature);
  CxCoord probes[6] = {
    { label.x, label.y },
    { b.min_x, b.min_y }, { b.max_x, b.min_y }, { b.min_x, b.max_y }, { b.max_x, b.max_y },
    { (b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2 },
  };
  guint n = cx_geometry_get_geometry_type (geometry) == CX_GEOMETRY_POINT ? 1 : G_N_ELEMENTS (probes);

  for (guint i = 0; i < n; i++)
    {
      double x, y;
      gboolean covered = FALSE;

      cx_overlay_layer_location_to_widget (overlay (), probes[i].y, probes[i].x, &x, &y);
      if (x < 0 || y < 0 || x > gtk_widget_get_width (map) || y > gtk_widget_get_height (map))
        continue;
      for (guint c = 0; c < covers->len && !covered; c++)
        covered = graphene_rect_contains_point (&g_array_index (covers, graphene_rect_t, c), &GRAPHENE_POINT_INIT (x, y));
      if (!covered)
        return TRUE;
    }
  return FALSE;
}

static gboolean
search_finds (CxDataPack *pack,
              CxFeature  *feature)
{
  g_autoptr(GListModel) results = cx_search (pack, cx_feature_get_name (feature));

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CxSearchResult) r = g_list_model_get_item (results, i);

      if (cx_search_result_get_item (r) == G_OBJECT (feature))
        return TRUE;
    }
  return FALSE;
}

/* The labels of the last frame, checked; with @about, also that what the
 * view is about is labelled. */
static void
check_labels (const char *what,
              gboolean    about)
{
  CxWindow *window = ui_window ();
  CxDataPack *pack = cx_map_view_get_pack (cx_window_get_map_view (window));
  GtkWidget *map = GTK_WIDGET (overlay ());
  g_autoptr(GArray) labels = cx_overlay_layer_dup_labels (overlay ());
  g_autoptr(GArray) covers = find_covers ();
  GListModel *highlighted = cx_selection_get_highlighted (cx_window_get_selection (window));
  GtkWidget *places = cx_sidebar_get_places_list (CX_SIDEBAR (cx_window_get_sidebar (window)));
  g_autoptr(GString) placed = g_string_new (NULL);
  g_autoptr(GString) dropped = g_string_new (NULL);
  guint n_placed = 0;

  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const CxOverlayLabel *a = &g_array_index (labels, CxOverlayLabel, i);

      if (!a->placed)
        {
          CxFeature *feature = cx_data_pack_lookup_feature (pack, a->id);

          g_string_append_printf (dropped, "%s“%s”", dropped->len > 0 ? ", " : "", a->text);
          /* Dropped from the map, still findable. */
          g_assert_nonnull (feature);
          if (ui_find_row (places, cx_feature_get_name (feature)) == NULL)
            g_error ("%s: “%s” has no label on the map and no row in the Places list", what, a->text);
          if (!search_finds (pack, feature))
            g_error ("%s: “%s” has no label on the map and search does not find it", what, a->text);
          continue;
        }

      n_placed++;
      g_string_append_printf (placed, "%s“%s”", placed->len > 0 ? ", " : "", a->text);

      /* In the map… */
      if (a->rect.origin.x < 0 || a->rect.origin.y < 0 ||
          a->rect.origin.x + a->rect.size.width > gtk_widget_get_width (map) ||
          a->rect.origin.y + a->rect.size.height > gtk_widget_get_height (map))
        g_error ("%s: “%s” at (%g, %g %g×%g) crosses the edge of the %d×%d map", what, a->text,
                 a->rect.origin.x, a->rect.origin.y, a->rect.size.width, a->rect.size.height,
                 gtk_widget_get_width (map), gtk_widget_get_height (map));
      /* …under nothing… */
      for (guint c = 0; c < covers->len; c++)
        {
          const graphene_rect_t *cover = &g_array_index (covers, graphene_rect_t, c);

          if (ui_rects_overlap (&a->rect, cover))
            g_error ("%s: “%s” at (%g, %g %g×%g) is under something at (%g, %g %g×%g)", what, a->text,
                     a->rect.origin.x, a->rect.origin.y, a->rect.size.width, a->rect.size.height,
                     cover->origin.x, cover->origin.y, cover->size.width, cover->size.height);
        }
      /* …and on no other label. */
      for (guint j = i + 1; j < labels->len; j++)
        {
          const CxOverlayLabel *b = &g_array_index (labels, CxOverlayLabel, j);

          if (b->placed && ui_rects_overlap (&a->rect, &b->rect))
            g_error ("%s: “%s” and “%s” overlap", what, a->text, b->text);
        }
    }
  g_test_message ("%s: %u covers; %u labels placed: %s; %u dropped: %s", what, covers->len,
                  n_placed, placed->str, labels->len - n_placed, dropped->len > 0 ? dropped->str : "none");

  /* What the scene is about, in sight, has its label. */
  for (guint i = 0; about && i < g_list_model_get_n_items (highlighted); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (highlighted, i);
      const CxOverlayLabel *label;
      CxFeature *feature;

      if (!CX_IS_FEATURE (item))
        continue;
      feature = CX_FEATURE (item);
      if (!cx_visibility_get_visible (cx_window_get_visibility (window), cx_layer_get_id (cx_feature_get_layer (feature))) ||
          !in_sight (feature, covers))
        continue;
      label = find_label (labels, cx_feature_get_id (feature));
      /* Unless it is wider than the map (no line breaks in labels yet). */
      if (label != NULL && !label->placed && label->rect.size.width > gtk_widget_get_width (map))
        {
          g_test_message ("%s: “%s” is wider than the map", what, label->text);
          continue;
        }
      if (label == NULL || !label->placed)
        g_error ("%s: “%s”, which the view is about, has no label", what, cx_feature_get_name (feature));
      g_assert_true (label->selected);
    }
}

/* Whether the segment from @a to @b comes within @half of @r (Liang–Barsky
 * against @r grown by @half on every side). */
static gboolean
segment_meets_rect (const graphene_point_t *a,
                    const graphene_point_t *b,
                    double                  half,
                    const graphene_rect_t  *r)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = {
    a->x - (r->origin.x - half), r->origin.x + r->size.width + half - a->x,
    a->y - (r->origin.y - half), r->origin.y + r->size.height + half - a->y,
  };
  double t0 = 0, t1 = 1;

  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* No label of a point (issue 22 names Hongqiao Airport Terminal 1's and
 * the District Government's) crosses the district's outline, its band as
 * drawn and read back from the overlay, unless the overlay says that no
 * place around its marker was free. */
static void
check_outline (const char *what)
{
  CxDataPack *pack = cx_map_view_get_pack (cx_window_get_map_view (ui_window ()));
  g_autoptr(GArray) labels = cx_overlay_layer_dup_labels (overlay ());
  g_autoptr(GArray) band = cx_overlay_layer_dup_avoided_line (overlay (), "changning-district");
  g_autoptr(GString) across = g_string_new (NULL);

  g_assert_cmpuint (band->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const CxOverlayLabel *label = &g_array_index (labels, CxOverlayLabel, i);
      CxFeature *feature = cx_data_pack_lookup_feature (pack, label->id);
      gboolean meets = FALSE;

      if (!label->placed || feature == NULL ||
          cx_geometry_get_geometry_type (cx_feature_get_geometry (feature)) != CX_GEOMETRY_POINT)
        continue;
      for (guint k = 0; k < band->len && !meets; k++)
        {
          const CxOverlaySegment *s = &g_array_index (band, CxOverlaySegment, k);

          meets = segment_meets_rect (&s->from, &s->to, s->width / 2, &label->rect);
        }
      if (!meets)
        continue;
      if (!label->crossing)
        g_error ("%s: “%s” at (%g, %g %g×%g) is written across the district's outline, and a place was free",
                 what, label->text, label->rect.origin.x, label->rect.origin.y,
                 label->rect.size.width, label->rect.size.height);
      g_string_append_printf (across, "%s“%s”", across->len > 0 ? ", " : "", label->text);
    }
  g_test_message ("%s: across the district's outline, no place around them being free: %s", what,
                  across->len > 0 ? across->str : "none");
}

typedef struct
{
  int width, height;
} Size;

static gboolean
surface_has_size (gpointer data)
{
  const Size *size = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (ui_window ()));

  return gdk_surface_get_width (surface) == size->width && gdk_surface_get_height (surface) == size->height;
}

/* The window's surface at @width × @height (its frame drawn inside, as
 * the X server sees it: what a screenshot of it shows). */
static void
wait_for_size (int width,
               int height)
{
  Size size = { width, height };

  gtk_window_set_default_size (GTK_WINDOW (ui_window ()), width, height);
  g_assert_true (ui_wait_for (surface_has_size, &size, 10000));
  ui_settle (GTK_WIDGET (ui_window ()));
}

static void
test_default_view (void)
{
  CxWindow *window = ui_window ();

  wait_for_size (1400, 900);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-district", NULL);
  ui_settle (GTK_WIDGET (window));
  check_labels ("1400×900, the default view", TRUE);
}

/* Panned a pixel at a time, every label moves with the map: none jumps
 * to another place around its marker, and the creek's, whose visible part
 * changes as it runs off the view's edge, stays where it was on it. */
static void
test_stable_while_panning (void)
{
  CxWindow *window = ui_window ();
  ShumateViewport *viewport = cx_map_view_get_viewport (cx_window_get_map_view (window));
  g_autoptr(GArray) before = NULL;
  const CxOverlayLabel *creek;
  guint n_moved_with_map = 0;

  wait_for_size (1400, 900);
  /* "Suzhou Creek waterfront": the creek runs off the left edge. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-apply", "u", 1);
  ui_settle (GTK_WIDGET (window));
  before = cx_overlay_layer_dup_labels (overlay ());
  creek = find_label (before, "suzhou-creek-waterfront");
  g_assert_nonnull (creek);
  g_assert_true (creek->placed);

  for (guint step = 0; step < 8; step++)
    {
      double world = 256 * exp2 (shumate_viewport_get_zoom_level (viewport));
      double x, y, lat, lon;
      g_autoptr(GArray) after = NULL;

      /* The centre a pixel east: everything moves a pixel west. */
      cx_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                           shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &x, &y);
      cx_mercator_unproject (x + 1 / world, y, &lon, &lat);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      ui_settle (GTK_WIDGET (window));
      after = cx_overlay_layer_dup_labels (overlay ());

      for (guint i = 0; i < after->len; i++)
        {
          const CxOverlayLabel *a = &g_array_index (after, CxOverlayLabel, i);
          const CxOverlayLabel *b = find_label (before, a->id);

          if (b == NULL || !a->placed || !b->placed)
            continue;
          if (fabs (a->rect.origin.x - (b->rect.origin.x - 1)) > 0.01 || fabs (a->rect.origin.y - b->rect.origin.y) > 0.01)
            g_error ("panned a pixel, “%s” went from (%g, %g) to (%g, %g)", a->text,
                     b->rect.origin.x, b->rect.origin.y, a->rect.origin.x, a->rect.origin.y);
          n_moved_with_map++;
        }
      g_clear_pointer (&before, g_array_unref);
      before = g_steal_pointer (&after);
    }
  g_test_message ("%u labels moved with the map, a pixel at a time", n_moved_with_map);
  g_assert_cmpuint (n_moved_with_map, >=, 8 * 5);
  /* The creek's among them, each time. */
  creek = find_label (before, "suzhou-creek-waterfront");
  g_assert_true (creek != NULL && creek->placed);
  cx_selection_select_by_id (cx_window_get_selection (window), NULL);
}

/* Each starter scene, presented. Without a window manager under Xvfb the
 * window keeps its size when it asks to be full screen: @width × @height
 * stands for the screen. */
static void
present_scenes (int      width,
                int      height,
                gboolean about)
{
  CxWindow *window = ui_window ();
  GListModel *scenes = cx_window_get_scenes (window);

  wait_for_size (width, height);
  for (guint i = 0; i < g_list_model_get_n_items (scenes); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);
      g_autofree char *what = g_strdup_printf ("%d×%d, presenting “%s”", width, height, cx_scene_get_title (scene));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-apply", "u", i);
      if (!cx_window_get_presenting (window))
        gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
      ui_settle (GTK_WIDGET (window));
      g_assert_true (cx_window_get_presenting (window));
      g_assert_true (gtk_widget_get_mapped (window->presentation_card));
      /* The scene is about its selection. */
      g_assert_cmpuint (g_list_model_get_n_items (cx_selection_get_highlighted (cx_window_get_selection (window))), >, 0);
      check_labels (what, about);
      if (about)
        check_outline (what);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL);
  ui_settle (GTK_WIDGET (window));
}

static void
test_presenting_1400 (void)
{
  present_scenes (1400, 900, TRUE);
}

static void
test_presenting_1920 (void)
{
  present_scenes (1920, 1080, TRUE);
}

/* Moves the map so that @feature_id's marker is at the middle of @rect
 * (overlay coordinates). */
static void
pan_feature_to (const char            *feature_id,
                const graphene_rect_t *rect)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  ShumateViewport *viewport = cx_map_view_get_viewport (view);
  CxFeature *feature = cx_data_pack_lookup_feature (cx_map_view_get_pack (view), feature_id);
  CxCoord at = cx_feature_get_label_point (feature);
  double world = 256 * exp2 (shumate_viewport_get_zoom_level (viewport));
  double x, y, cx, cy, lat, lon;

  /* Where it is now, and how far the centre must go for it to be there. */
  cx_overlay_layer_location_to_widget (overlay (), at.y, at.x, &x, &y);
  cx_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  cx_mercator_unproject (cx + (x - (rect->origin.x + rect->size.width / 2)) / world,
                         cy + (y - (rect->origin.y + rect->size.height / 2)) / world, &lon, &lat);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  ui_settle (GTK_WIDGET (window));
}

/* A place under the presentation card: its label is not drawn there (nor
 * anywhere, as its marker is hidden), and nothing else is. */
static void
test_under_the_card (void)
{
  CxWindow *window = ui_window ();
  graphene_rect_t card;
  g_autoptr(GArray) labels = NULL;
  const CxOverlayLabel *label;

  wait_for_size (1400, 900);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-apply", "u", 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  ui_settle (GTK_WIDGET (window));
  g_assert_true (cover_of (window->presentation_card, &card));

  pan_feature_to ("zhongshan-park", &card);
  labels = cx_overlay_layer_dup_labels (overlay ());
  label = find_label (labels, "zhongshan-park");
  g_assert_nonnull (label);
  g_assert_false (label->placed);
  check_labels ("1400×900, presenting, Zhongshan Park under the card", FALSE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL);
  ui_settle (GTK_WIDGET (window));
}

/* In a narrow window the presentation card covers much of the map. A
 * district-wide scene presented 600 px wide has no room for every name it
 * is about (at presentation sizes, without line breaks): only where they
 * go is checked. */
static void
test_presenting_narrow (void)
{
  present_scenes (600, 800, FALSE);
}

static gboolean
details_shown (gpointer data)
{
  return adw_overlay_split_view_get_show_sidebar (data) && gtk_widget_get_mapped (cx_window_get_details_panel (ui_window ()));
}

/* A narrow window with the default view, then a click on a place: its
 * details float over the map (the map moving the place out from under
 * them), no label is under the panel, and the place is labelled. */
static void
test_narrow_click (void)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  AdwOverlaySplitView *details = split_of (cx_window_get_details_panel (window));
  CxFeature *zoo = cx_data_pack_lookup_feature (cx_map_view_get_pack (view), "shanghai-zoo");
  CxCoord at = cx_feature_get_label_point (zoo);
  g_autoptr(GArray) labels = NULL;
  const CxOverlayLabel *label;
  graphene_rect_t panel;
  double x, y;

  wait_for_size (600, 800);
  g_assert_true (adw_overlay_split_view_get_collapsed (details));
  adw_overlay_split_view_set_show_sidebar (details, FALSE);
  cx_selection_select_by_id (cx_window_get_selection (window), NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-district", NULL);
  ui_settle (GTK_WIDGET (window));
  check_labels ("600×800, the default view", TRUE);

  /* A click on the zoo's marker, as a user would. */
  cx_overlay_layer_location_to_widget (overlay (), at.y, at.x, &x, &y);
  ui_click (GTK_WIDGET (overlay ()), x, y, 1);
  g_assert_true (cx_selection_get_feature (cx_window_get_selection (window)) == zoo);
  g_assert_true (ui_wait_for (details_shown, details, 10000));
  ui_settle (GTK_WIDGET (window));

  /* The panel covers part of the map and shows the place, which is
   * labelled beside it. */
  g_assert_true (cover_of (cx_window_get_details_panel (window), &panel));
  g_assert_cmpfloat (panel.size.width, >, 100);
  labels = cx_overlay_layer_dup_labels (overlay ());
  label = find_label (labels, "shanghai-zoo");
  g_assert_true (label != NULL && label->placed);
  g_assert_true (ui_text_contains (cx_window_get_details_panel (window), label->text));
  check_labels ("600×800, a click on Shanghai Zoo, its details open", TRUE);

  adw_overlay_split_view_set_show_sidebar (details, FALSE);
  cx_selection_select_by_id (cx_window_get_selection (window), NULL);
}

/* What cx_map_view_set_covered() says a floating panel covers (where it
 * is going to be, before its widget has slid there) keeps labels off too. */
static void
test_covered_span (void)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  GtkWidget *map = GTK_WIDGET (overlay ());
  const int span = 400;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  guint n_moved = 0;
  double edge;

  wait_for_size (1400, 900);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-district", NULL);
  ui_settle (GTK_WIDGET (window));
  before = cx_overlay_layer_dup_labels (overlay ());

  /* As the window does when the details panel starts to float in from
   * the end edge. */
  cx_map_view_set_covered (view, 0, span);
  ui_settle (GTK_WIDGET (window));
  after = cx_overlay_layer_dup_labels (overlay ());
  edge = gtk_widget_get_width (map) - span;
  for (guint i = 0; i < after->len; i++)
    {
      const CxOverlayLabel *a = &g_array_index (after, CxOverlayLabel, i);
      const CxOverlayLabel *b = find_label (before, a->id);

      if (a->placed && a->rect.origin.x + a->rect.size.width > edge)
        g_error ("“%s” at (%g, %g %g×%g) is in the %d px the view was told a panel covers", a->text,
                 a->rect.origin.x, a->rect.origin.y, a->rect.size.width, a->rect.size.height, span);
      if (b != NULL && b->placed && b->rect.origin.x + b->rect.size.width > edge)
        n_moved++;
    }
  /* The span had labels in it before. */
  g_test_message ("%u labels left the covered span (the map %d px wide, the span from %g)", n_moved, gtk_widget_get_width (map), edge);
  g_assert_cmpuint (n_moved, >, 0);

  cx_map_view_set_covered (view, 0, 0);
  ui_settle (GTK_WIDGET (window));
}

/* A placed label lies across the horizontal segment from @x0 to @x1 at @y. */
static gboolean
label_on_segment (const CxOverlayLabel *a,
                  double                x0,
                  double                x1,
                  double                y)
{
  return a->placed && !a->crossing &&
         a->rect.origin.y <= y && y <= a->rect.origin.y + a->rect.size.height &&
         a->rect.origin.x < x1 && x0 < a->rect.origin.x + a->rect.size.width;
}

/* Names keep off the measure tool's line and points, as off the map's own
 * thick lines: a line measured straight through a name moves it. */
static void
test_measure_line_avoided (void)
{
  CxWindow *window = ui_window ();
  CxMapView *view = cx_window_get_map_view (window);
  CxMeasure *measure = cx_map_view_get_measure (view);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  const CxOverlayLabel *target = NULL;
  double x0, x1, y, lat, lon;

  wait_for_size (1400, 900);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-district", NULL);
  ui_settle (GTK_WIDGET (window));
  before = cx_overlay_layer_dup_labels (overlay ());
  /* A short placed name, not across anything already. */
  for (guint i = 0; i < before->len && target == NULL; i++)
    {
      const CxOverlayLabel *a = &g_array_index (before, CxOverlayLabel, i);

      if (a->placed && !a->crossing && !a->selected && a->rect.size.width < 150)
        target = a;
    }
  g_assert_nonnull (target);

  /* Measured across it, through its middle, 60 px beyond each end. */
  y = target->rect.origin.y + target->rect.size.height / 2;
  x0 = target->rect.origin.x - 60;
  x1 = target->rect.origin.x + target->rect.size.width + 60;
  cx_map_view_set_measuring (view, TRUE);
  cx_overlay_layer_widget_to_location (overlay (), x0, y, &lat, &lon);
  cx_measure_add_point (measure, lon, lat);
  cx_overlay_layer_widget_to_location (overlay (), x1, y, &lat, &lon);
  cx_measure_add_point (measure, lon, lat);
  ui_settle (GTK_WIDGET (window));

  after = cx_overlay_layer_dup_labels (overlay ());
  for (guint i = 0; i < after->len; i++)
    {
      const CxOverlayLabel *a = &g_array_index (after, CxOverlayLabel, i);

      if (label_on_segment (a, x0, x1, y))
        g_error ("“%s” at (%g, %g %g×%g) lies on the measured line at y %g from %g to %g", a->text,
                 a->rect.origin.x, a->rect.origin.y, a->rect.size.width, a->rect.size.height, y, x0, x1);
    }
  {
    const CxOverlayLabel *moved = find_label (after, target->id);

    g_test_message ("“%s” moved from (%g, %g) to (%g, %g)%s", target->text, target->rect.origin.x, target->rect.origin.y,
                    moved != NULL ? moved->rect.origin.x : -1, moved != NULL ? moved->rect.origin.y : -1,
                    moved != NULL && moved->placed ? "" : ", dropped");
  }

  cx_map_view_set_measuring (view, FALSE);
  ui_settle (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("CX_TEST_LANGUAGE");

  if (language != NULL && !ui_use_language (language))
    return ui_skip_language (&argc, &argv, language, "/labels/language", NULL);

  ui_private_data_home ("cx-labels-XXXXXX");
  ui_init (&argc, &argv);

  g_test_add_func ("/labels/default-view", test_default_view);
  g_test_add_func ("/labels/stable-while-panning", test_stable_while_panning);
  g_test_add_func ("/labels/presenting-1400x900", test_presenting_1400);
  g_test_add_func ("/labels/presenting-1920x1080", test_presenting_1920);
  g_test_add_func ("/labels/narrow-click", test_narrow_click);
  g_test_add_func ("/labels/presenting-600x800", test_presenting_narrow);
  g_test_add_func ("/labels/under-the-card", test_under_the_card);
  g_test_add_func ("/labels/covered-span", test_covered_span);
  g_test_add_func ("/labels/measure-line-avoided", test_measure_line_avoided);

  return ui_run ();
}
