/* test-zh.c: the whole window in Simplified Chinese (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cx-details-panel.h"
#include "cx-overlay-private.h"
#include "cx-test-files.h"
#include "cx-thematic-legend.h"
#include "ui-helpers.h"

/* A button under @widget whose tooltip, its accessible name, is @tooltip. */
static GtkWidget *
find_button_by_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_in_chinese (void)
{
  CxWindow *window = ui_window ();
  CxSelection *selection = cx_window_get_selection (window);
  GtkWidget *panel = cx_window_get_details_panel (window);

  /* The window title. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "长宁探索");

  /* The map's zoom buttons, named by their tooltips. */
  {
    GtkWidget *map = GTK_WIDGET (cx_window_get_map_view (window));

    g_assert_nonnull (find_button_by_tooltip (map, "放大"));
    g_assert_nonnull (find_button_by_tooltip (map, "缩小"));
  }

  /* A layer name, in the layer panel. */
  g_assert_true (ui_text_contains (cx_window_get_layer_panel (window), "地标"));
  g_assert_true (ui_text_contains (cx_window_get_layer_panel (window), "虹桥地区"));

  /* A statistic, with its period formatted the Chinese way. */
  g_assert_true (ui_text_contains (panel, "2023年上半年"));
  g_assert_true (ui_text_contains (panel, "+15.3%"));
  /* Counts in 万: the district's census population on the overview
   * (693,051 in English), and the jobs card. */
  g_assert_true (ui_text_contains (panel, "69.3万人"));
  g_assert_true (ui_text_contains (panel, "60.2万人"));

  /* The district measured, in 平方公里, 公顷 and 亩. */
  g_assert_true (ui_text_contains (cx_details_panel_get_page (CX_DETAILS_PANEL (panel)),
                                   "按轮廓量算：37.2平方公里（3,720公顷，55,800亩），周长36.9公里"));

  /* A program title, and a place's page. */
  g_assert_true (ui_text_contains (panel, "15分钟社区生活圈"));
  cx_selection_select_by_id (selection, "zhongshan-park");
  ui_settle (panel);
  g_assert_true (ui_wait_text (panel, "中山公园"));
  /* The other script under the name: here the English. */
  g_assert_true (ui_text_contains (panel, "Zhongshan Park"));

  {
    g_autoptr(GdkTexture) texture = ui_render_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));
    g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "window-zh_CN.png", NULL);

    g_assert_true (gdk_texture_save_to_png (texture, path));
    g_test_message ("screenshot: %s", path);
  }

  /* The district in the header and on the presentation card: in Chinese
   * and English, not the Chinese name twice. */
  g_assert_false (ui_text_contains (GTK_WIDGET (window), "长宁区 · 长宁区"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  ui_settle (GTK_WIDGET (window));
  g_assert_true (ui_wait_text (GTK_WIDGET (window), "长宁区 · Changning District"));
  g_assert_false (ui_text_contains (GTK_WIDGET (window), "长宁区 · 长宁区"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL);
}

/* The first widget of @type under @widget. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every label under @widget that names a key (按键 N) has the word and the
 * digit on one line of its layout; returns how many there are. */
static guint
check_key_lines (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *text = pango_layout_get_text (gtk_label_get_layout (GTK_LABEL (widget)));
      const char *key = strstr (text, "键");

      if (key != NULL && key > text)
        {
          const char *digit = key;
          int key_line, digit_line, x;

          /* The word's first character, with or without a joiner. */
          key = g_utf8_prev_char (key);
          if (g_utf8_get_char (key) == 0x2060 && key > text)
            key = g_utf8_prev_char (key);
          g_assert_cmpuint (g_utf8_get_char (key), ==, g_utf8_get_char ("按"));

          while (*digit != '\0' && !g_ascii_isdigit (*digit))
            digit++;
          g_assert_true (g_ascii_isdigit (*digit));
          pango_layout_index_to_line_x (gtk_label_get_layout (GTK_LABEL (widget)), (int) (key - text), FALSE, &key_line, &x);
          pango_layout_index_to_line_x (gtk_label_get_layout (GTK_LABEL (widget)), (int) (digit - text), FALSE, &digit_line, &x);
          if (key_line != digit_line)
            g_error ("“%s” breaks its key over lines %d and %d", text, key_line, digit_line);
          n++;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += check_key_lines (child);
  return n;
}

static void
assert_key_on_one_line (GtkWidget *panel)
{
  ui_settle (panel);
  g_assert_cmpuint (check_key_lines (panel), ==, 5);
}

/* What is around the map, in Chinese: its credits, its scale bar (in the
 * handout's units), the keys of the layer rows. */
static void
test_map_in_chinese (void)
{
  CxWindow *window = ui_window ();
  GtkWidget *map = GTK_WIDGET (cx_window_get_map_view (window));
  GtkWidget *license = find_widget (map, SHUMATE_TYPE_LICENSE);
  GtkWidget *scale = find_widget (map, SHUMATE_TYPE_SCALE);
  g_autofree char *credits = NULL;
  g_autofree char *units = NULL;
  g_autofree char *rows = NULL;

  g_assert_nonnull (license);
  credits = ui_collect_text (license);
  g_test_message ("credits: %s", credits);
  g_assert_nonnull (strstr (credits, "区界轮廓来自 Apache ECharts"));
  g_assert_nonnull (strstr (credits, "示意底图"));
  g_assert_null (strstr (credits, "District outline"));
  g_assert_null (strstr (credits, "Schematic basemap"));

  /* Metric only, and in the words of the handout's scale bar. */
  g_assert_nonnull (scale);
  g_assert_cmpint (shumate_scale_get_unit (SHUMATE_SCALE (scale)), ==, SHUMATE_UNIT_METRIC);
  units = ui_collect_text (scale);
  g_test_message ("scale: %s", units);
  g_assert_true (strstr (units, "\u00a0公里\n") != NULL || strstr (units, "\u00a0米\n") != NULL);
  g_assert_null (strstr (units, "km"));
  g_assert_null (strstr (units, "mi"));
  g_assert_null (strstr (units, "英里"));

  /* "按键 4" stays on one line in every layer row, however its subtitle
   * wraps in the panel. */
  rows = ui_collect_text (cx_window_get_layer_panel (window));
  g_assert_nonnull (strstr (rows, "按"));
  assert_key_on_one_line (cx_window_get_layer_panel (window));

  {
    g_autoptr(GdkTexture) texture = ui_render_widget (map);
    g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "map-zh_CN.png", NULL);

    g_assert_true (gdk_texture_save_to_png (texture, path));
    g_test_message ("screenshot: %s", path);
  }
}

/* A layer's Chinese name once on the page, with its English. */
static void
assert_not_repeated (const char *text,
                     const char *name,
                     const char *english)
{
  g_autofree char *twice = g_strdup_printf ("%s · %s", name, name);
  /* pdftotext writes two spaces as one. */
  g_autofree char *twice_spaced = g_strdup_printf ("%s %s", name, name);
  g_autofree char *both = g_strdup_printf ("%s · %s", name, english);

  g_assert_null (strstr (text, twice));
  g_assert_null (strstr (text, twice_spaced));
  g_assert_nonnull (strstr (text, both));
}

/* The Chinese handout says each name once and has no English left but
 * the names (OpenStreetMap, ECharts…) and the English of the names. */
static void
test_handout_in_chinese (void)
{
  CxWindow *window = ui_window ();
  g_autofree char *dir = cx_test_make_tmp_dir ("cx-handout-zh-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "handout-zh_CN.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;

  cx_selection_clear (cx_window_get_selection (window));
  cx_visibility_set_all (cx_window_get_visibility (window), TRUE);
  cx_map_view_fit_district (cx_window_get_map_view (window));
  ui_settle (GTK_WIDGET (window));
  g_assert_true (cx_window_export_handout (window, file, CX_HANDOUT_PDF, CX_HANDOUT_A4_LANDSCAPE, &error));
  g_assert_no_error (error);
  bytes = ui_run_tool (argv);
  if (bytes == NULL)
    {
      cx_test_remove_tree (dir);
      return;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_test_message ("%s", text);

  /* The title: the district, in Chinese then English, never twice. */
  g_assert_true (g_str_has_prefix (text, "长宁区 · Changning District\n"));
  g_assert_null (strstr (text, "长宁区 · 长宁区"));
  g_assert_null (strstr (text, "Changning District · Changning District"));

  /* The legend. */
  g_assert_nonnull (strstr (text, "图例"));
  assert_not_repeated (text, "区界", "District");
  assert_not_repeated (text, "虹桥地区", "Hongqiao areas");
  assert_not_repeated (text, "地标", "Landmarks");
  g_assert_nonnull (strstr (text, "快速路"));
  g_assert_nonnull (strstr (text, "水系"));
  g_assert_nonnull (strstr (text, "公园"));

  /* The credits and the rest of the footer, on both pages. */
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_nonnull (strstr (pages[i], "底图和数据：点位 © OpenStreetMap 贡献者"));
      g_assert_nonnull (strstr (pages[i], "区界轮廓来自 Apache"));
      g_assert_null (strstr (pages[i], "District outline"));
      g_assert_null (strstr (pages[i], "Schematic basemap"));
      g_assert_null (strstr (pages[i], "Basemap and data"));
    }
  g_assert_nonnull (strstr (pages[0], "来源续见下页"));
  g_assert_nonnull (strstr (pages[0], "第 1 页，共 2 页"));
  g_assert_nonnull (strstr (pages[1], "来源（续）"));
  /* The scale bar says what the map's does. */
  g_assert_true (strstr (pages[0], " 公里\n") != NULL || strstr (pages[0], " 米\n") != NULL);

  cx_test_remove_tree (dir);
}

/* A thematic view in Chinese: its values in 万, on the map's labels, in
 * the ranked bars and in the legend's circles. */
static void
test_thematic_in_chinese (void)
{
  CxWindow *window = ui_window ();
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (window));
  GtkWidget *layers = cx_window_get_layer_panel (window);
  g_autoptr(GArray) labels = NULL;
  gboolean found = FALSE;

  cx_selection_clear (cx_window_get_selection (window));
  cx_map_view_fit_district (cx_window_get_map_view (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.thematic", "s", "jobs-2023"));
  ui_settle (GTK_WIDGET (window));

  /* Xinjing Town's 148,418 jobs. */
  labels = cx_overlay_layer_dup_labels (overlay);
  for (guint i = 0; i < labels->len; i++)
    {
      const CxOverlayLabel *label = &g_array_index (labels, CxOverlayLabel, i);

      if (g_strcmp0 (label->id, "xinjing-town") == 0)
        {
          g_test_message ("label: %s", label->text);
          g_assert_true (label->placed);
          g_assert_nonnull (strstr (label->text, "新泾镇"));
          g_assert_nonnull (strstr (label->text, "14.8万"));
          found = TRUE;
        }
    }
  g_assert_true (found);

  g_assert_true (ui_text_contains (layers, "地图上的统计数据"));
  g_assert_true (ui_text_contains (layers, "从业人员（2023年第五次经济普查）"));
  g_assert_cmpstr (cx_thematic_legend_get_circles_text (CX_THEMATIC_LEGEND (window->thematic_legend)), ==,
                   "圆的大小对应 10万人、2.5万人、5,000人");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.thematic-clear", NULL));
}

int
main (int   argc,
      char *argv[])
{
  /* The translations this build made, in the locale of a Chinese desktop. */
  if (!ui_use_language ("zh_CN"))
    return ui_skip_language (&argc, &argv, "zh_CN", "/zh/window-in-chinese", "/zh/map-in-chinese",
                             "/zh/handout-in-chinese", "/zh/thematic-in-chinese", NULL);

  ui_init (&argc, &argv);
  g_test_add_func ("/zh/window-in-chinese", test_window_in_chinese);
  g_test_add_func ("/zh/map-in-chinese", test_map_in_chinese);
  g_test_add_func ("/zh/handout-in-chinese", test_handout_in_chinese);
  g_test_add_func ("/zh/thematic-in-chinese", test_thematic_in_chinese);
  return ui_run ();
}
