/* test-planner.c: layers from the keyboard, presentation mode, scenes that
 * survive a restart, handouts, and the command line (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cx-layer-panel.h"
#include "cx-overlay-private.h"
#include "cx-test-run.h"
#include "ui-helpers.h"

static const char *data_home;

static CxWindow *
window (void)
{
  return ui_window ();
}

static CxVisibility *
visibility (void)
{
  return cx_window_get_visibility (window ());
}

static char *
scenes_path (void)
{
  return g_build_filename (data_home, "changning-explorer", "scenes.json", NULL);
}

/* Keys go to the map, as in a meeting. */
static void
focus_map (void)
{
  gtk_widget_grab_focus (GTK_WIDGET (cx_window_get_map_view (window ())));
  ui_settle (GTK_WIDGET (window ()));
}

static void
test_keys_toggle_layers (void)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (window ()));
  GtkWidget *sw = cx_layer_panel_get_switch (CX_LAYER_PANEL (cx_window_get_layer_panel (window ())), 1);

  cx_visibility_set_all (visibility (), TRUE);
  focus_map ();

  g_assert_true (cx_overlay_layer_get_layer_visible (overlay, "subdistricts"));
  ui_key ("2");
  g_assert_false (cx_overlay_layer_get_layer_visible (overlay, "subdistricts"));
  /* The layer panel follows. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  ui_key ("5");
  g_assert_false (cx_overlay_layer_get_layer_visible (overlay, "landmarks"));
  ui_key ("2");
  g_assert_true (cx_overlay_layer_get_layer_visible (overlay, "subdistricts"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));

  /* A key beyond the layers does nothing. */
  ui_key ("9");
  g_assert_true (cx_overlay_layer_get_layer_visible (overlay, "district"));

  /* The switch works the other way round. */
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  g_assert_false (cx_visibility_get_visible (visibility (), "subdistricts"));

  cx_visibility_set_all (visibility (), TRUE);
}

static void
test_visibility_remembered (void)
{
  CxWindow *second;

  cx_visibility_set_all (visibility (), TRUE);
  cx_visibility_set_visible (visibility (), "hongqiao", FALSE);

  /* A new window reads the settings, as the app does at its next start. */
  second = cx_window_new (ui_app ());
  g_assert_false (cx_visibility_get_visible (cx_window_get_visibility (second), "hongqiao"));
  g_assert_true (cx_visibility_get_visible (cx_window_get_visibility (second), "landmarks"));
  gtk_window_destroy (GTK_WINDOW (second));

  cx_visibility_set_all (visibility (), TRUE);
}

static void
test_f9_hides_every_panel (void)
{
  GtkWidget *panel = cx_window_get_layer_panel (window ());
  AdwOverlaySplitView *layers_split = ADW_OVERLAY_SPLIT_VIEW (gtk_widget_get_ancestor (panel, ADW_TYPE_OVERLAY_SPLIT_VIEW));
  AdwOverlaySplitView *details_split = ADW_OVERLAY_SPLIT_VIEW (gtk_widget_get_ancestor (cx_window_get_details_panel (window ()), ADW_TYPE_OVERLAY_SPLIT_VIEW));

  g_assert_true (layers_split != details_split);
  adw_overlay_split_view_set_show_sidebar (layers_split, TRUE);
  adw_overlay_split_view_set_show_sidebar (details_split, FALSE);
  focus_map ();

  ui_key ("F9");
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split));
  ui_key ("F9");
  /* Back as it was, not everything. */
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers_split));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split));

  adw_overlay_split_view_set_show_sidebar (details_split, TRUE);
}

static void
test_presentation_mode (void)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (window ()));
  GtkWidget *panel = cx_window_get_layer_panel (window ());
  AdwOverlaySplitView *layers_split = ADW_OVERLAY_SPLIT_VIEW (gtk_widget_get_ancestor (panel, ADW_TYPE_OVERLAY_SPLIT_VIEW));
  AdwOverlaySplitView *details_split = ADW_OVERLAY_SPLIT_VIEW (gtk_widget_get_ancestor (cx_window_get_details_panel (window ()), ADW_TYPE_OVERLAY_SPLIT_VIEW));

  adw_overlay_split_view_set_show_sidebar (layers_split, TRUE);
  adw_overlay_split_view_set_show_sidebar (details_split, TRUE);
  focus_map ();

  ui_key ("F5");
  g_assert_true (cx_window_get_presenting (window ()));
  g_assert_true (cx_overlay_layer_get_presentation (overlay));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (layers_split));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (details_split));

  ui_key ("Escape");
  g_assert_false (cx_window_get_presenting (window ()));
  g_assert_false (cx_overlay_layer_get_presentation (overlay));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (layers_split));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (details_split));

  /* Escape outside presentation mode is left alone. */
  ui_key ("Escape");
  g_assert_false (cx_window_get_presenting (window ()));
}

static ShumateViewport *
viewport (void)
{
  return cx_map_view_get_viewport (cx_window_get_map_view (window ()));
}

/* The scene's extent fitted to the view; a scene without one (of an
 * earlier version) at its centre and zoom. */
static void
assert_view_is_scene (CxScene *scene)
{
  CxBounds extent;

  if (cx_scene_get_extent (scene, &extent))
    {
      g_assert_true (cx_map_view_shows_extent (cx_window_get_map_view (window ()), &extent));
      return;
    }
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport ())), cx_scene_get_latitude (scene), 1e-4);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport ())), cx_scene_get_longitude (scene), 1e-4);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport ()), cx_scene_get_zoom (scene), 1e-3);
}

/* Page Down, as a presentation clicker sends it, steps through the scenes. */
static void
test_page_down_steps_through_scenes (void)
{
  GListModel *scenes = cx_window_get_scenes (window ());
  guint n = g_list_model_get_n_items (scenes);

  /* The pack's starter scenes, on a first start. */
  g_assert_cmpuint (n, >=, 3);
  focus_map ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);
      g_auto(GStrv) visible = NULL;
      g_autofree char *joined_scene = g_strjoinv (",", (char **) cx_scene_get_layers (scene));
      g_autofree char *joined_visible = NULL;

      ui_key ("Next");
      g_assert_cmpint (cx_window_get_current_scene (window ()), ==, (int) i);
      assert_view_is_scene (scene);
      visible = cx_visibility_dup_visible_ids (visibility ());
      joined_visible = g_strjoinv (",", visible);
      g_assert_cmpstr (joined_visible, ==, joined_scene);
    }

  /* At the end it stays at the last; Page Up goes back. */
  ui_key ("Next");
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, (int) n - 1);
  ui_key ("Prior");
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, (int) n - 2);
}

static void
test_scenes_survive_restart (void)
{
  CxSelection *selection = cx_window_get_selection (window ());
  GListModel *scenes = cx_window_get_scenes (window ());
  guint before = g_list_model_get_n_items (scenes);
  g_autoptr(CxScene) added = NULL;
  CxWindow *second;
  g_autoptr(CxScene) reloaded = NULL;
  g_autofree char *path = scenes_path ();
  CxBounds shown, extent;

  cx_visibility_set_all (visibility (), TRUE);
  cx_visibility_set_visible (visibility (), "subdistricts", FALSE);
  cx_selection_select_by_id (selection, "columbia-circle");
  shumate_viewport_set_zoom_level (viewport (), 15.25);
  shumate_location_set_location (SHUMATE_LOCATION (viewport ()), 31.2110, 121.4215);
  focus_map ();
  /* What shows beside the panels, for a screen of another size to show. */
  g_assert_true (cx_map_view_get_visible_extent (cx_window_get_map_view (window ()), &shown));

  ui_key ("ctrl+d");
  g_assert_cmpuint (g_list_model_get_n_items (scenes), ==, before + 1);
  added = g_list_model_get_item (scenes, before);
  g_assert_cmpstr (cx_scene_get_title (added), ==, "Columbia Circle");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A new window loads the file again, as the next start does. */
  second = cx_window_new (ui_app ());
  ui_wait_scenes_read (second);
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_scenes (second)), ==, before + 1);
  reloaded = g_list_model_get_item (cx_window_get_scenes (second), before);
  g_assert_cmpstr (cx_scene_get_title (reloaded), ==, "Columbia Circle");
  g_assert_cmpstr (cx_scene_get_selection (reloaded), ==, "columbia-circle");
  g_assert_cmpfloat_with_epsilon (cx_scene_get_zoom (reloaded), 15.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (cx_scene_get_latitude (reloaded), 31.2110, 1e-6);
  g_assert_true (cx_scene_get_extent (reloaded, &extent));
  g_assert_cmpfloat (extent.min_x, ==, shown.min_x);
  g_assert_cmpfloat (extent.min_y, ==, shown.min_y);
  g_assert_cmpfloat (extent.max_x, ==, shown.max_x);
  g_assert_cmpfloat (extent.max_y, ==, shown.max_y);
  g_assert_true (cx_bounds_contains (&extent, 121.4215, 31.2110));
  g_assert_false (g_strv_contains (cx_scene_get_layers (reloaded), "subdistricts"));
  g_assert_true (g_strv_contains (cx_scene_get_layers (reloaded), "landmarks"));
  gtk_window_destroy (GTK_WINDOW (second));

  /* Applying it restores the state it was made from. */
  cx_visibility_set_all (visibility (), TRUE);
  cx_selection_clear (selection);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", (guint32) before);
  ui_settle (GTK_WIDGET (window ()));
  assert_view_is_scene (added);
  g_assert_false (cx_visibility_get_visible (visibility (), "subdistricts"));
  g_assert_true (CX_IS_FEATURE (cx_selection_get_item (selection)));
  g_assert_cmpstr (cx_feature_get_id (cx_selection_get_feature (selection)), ==, "columbia-circle");
}

static void
test_corrupt_scenes_file_is_kept (void)
{
  g_autofree char *path = scenes_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;
  CxWindow *second;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": [{\"title\"", -1, NULL));

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*Your scenes could not be read*kept as*scenes.json.corrupt-*");
  second = cx_window_new (ui_app ());
  ui_wait_scenes_read (second);
  g_test_assert_expected_messages ();

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "scenes.json.corrupt-"))
      {
        g_autofree char *aside = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
        g_assert_true (g_str_has_suffix (contents, "{\"title\""));
        kept = TRUE;
      }
  g_assert_true (kept);

  /* The window starts with the starter scenes instead of nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_scenes (second)), >=, 3);
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_export_handouts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cx-handout-XXXXXX", NULL);
  g_autofree char *png_path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "handout.png", NULL);
  g_autofree char *pdf_path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "handout.pdf", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *pdf_data = NULL;
  gsize pdf_len;
  gint64 start;

  cx_visibility_set_all (visibility (), TRUE);
  cx_map_view_fit_district (cx_window_get_map_view (window ()));
  ui_settle (GTK_WIDGET (window ()));

  start = g_get_monotonic_time ();
  g_assert_true (cx_window_export_handout (window (), png, CX_HANDOUT_PNG, CX_HANDOUT_HD, &error));
  g_assert_no_error (error);
  g_test_message ("PNG 1920×1080 in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1920);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1080);

  start = g_get_monotonic_time ();
  g_assert_true (cx_window_export_handout (window (), pdf, CX_HANDOUT_PDF, CX_HANDOUT_A4_LANDSCAPE, &error));
  g_assert_no_error (error);
  g_test_message ("PDF A4 in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (g_file_get_contents (pdf_path, &pdf_data, &pdf_len, NULL));
  /* PDF 1.4, which every reader and printer takes (no object streams, so
   * the page dictionary below is plain text). */
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF-1.4"));
  g_assert_cmpuint (pdf_len, >, 10000);
  /* A4 landscape, in points. */
  {
    const char *media_box = "/MediaBox [ 0 0 841.89 595.28 ]";
    g_assert_nonnull (memmem (pdf_data, pdf_len, media_box, strlen (media_box)));
  }

  /* A place that cannot be written is an error, not a crash. */
  {
    g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-dir/handout.pdf");
    g_autoptr(GError) write_error = NULL;

    g_assert_false (cx_window_export_handout (window (), nowhere, CX_HANDOUT_PDF, CX_HANDOUT_HD, &write_error));
    g_assert_nonnull (write_error);
  }

  g_rmdir (dir);
}

/* Runs the app as a second process (in this XDG_DATA_HOME): it reports
 * the state it opened in. */
static void
run_app (CxTestRun          *run,
         const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, "--first-frame-time");
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  cx_test_run_app (run, CX_TEST_RUN_DEFAULT, (const char * const *) argv);
  g_assert_cmpint (run->status, ==, 0);
}

static void
test_command_line_state (void)
{
  g_auto(CxTestRun) layers = { 0, };
  g_auto(CxTestRun) scene = { 0, };
  g_auto(CxTestRun) geo = { 0, };
  CxScene *saved;
  const char *view;
  double lat, lon, zoom;
  CxBounds extent;

  run_app (&layers, (const char *[]) { "--layers", "district,landmarks", NULL });
  g_assert_nonnull (strstr (layers.out, "\nlayers district,landmarks\n"));

  /* A scene by its title, after a restart (the file written above). */
  run_app (&scene, (const char *[]) { "--scene", "columbia circle", NULL });
  g_assert_nonnull (strstr (scene.out, "\nselected columbia-circle\n"));
  /* Its extent fitted to that window: the middle of the area it was saved
   * showing, at about the zoom it was saved at (the panels of a window of
   * another size leave the map another width). */
  view = strstr (scene.out, "\nview ");
  g_assert_nonnull (view);
  g_assert_cmpint (sscanf (view, "\nview %lf %lf %lf", &lat, &lon, &zoom), ==, 3);
  saved = cx_scenes_find (cx_window_get_scenes (window ()), "Columbia Circle");
  g_assert_nonnull (saved);
  g_assert_true (cx_scene_get_extent (saved, &extent));
  g_assert_true (cx_bounds_contains (&extent, lon, lat));
  g_assert_cmpfloat_with_epsilon (zoom, 15.25, 1);
  g_assert_null (strstr (scene.out, "subdistricts"));

  run_app (&geo, (const char *[]) { "geo:31.2232,121.4165?z=15", NULL });
  g_assert_nonnull (strstr (geo.out, "\nview 31.22320 121.41650 15.00\n"));
}

int
main (int   argc,
      char *argv[])
{
  /* Scenes live under XDG_DATA_HOME; keep the user's out of it. */
  data_home = ui_private_data_home ("cx-planner-XXXXXX");

  ui_init (&argc, &argv);

  g_test_add_func ("/planner/keys-toggle-layers", test_keys_toggle_layers);
  g_test_add_func ("/planner/visibility-remembered", test_visibility_remembered);
  g_test_add_func ("/planner/f9-hides-every-panel", test_f9_hides_every_panel);
  g_test_add_func ("/planner/presentation-mode", test_presentation_mode);
  g_test_add_func ("/planner/page-down-steps-through-scenes", test_page_down_steps_through_scenes);
  g_test_add_func ("/planner/scenes-survive-restart", test_scenes_survive_restart);
  g_test_add_func ("/planner/export-handouts", test_export_handouts);
  g_test_add_func ("/planner/command-line-state", test_command_line_state);
  g_test_add_func ("/planner/corrupt-scenes-file-is-kept", test_corrupt_scenes_file_is_kept);

  return ui_run ();
}
