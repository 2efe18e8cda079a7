/* test-zh.c: the whole window in Simplified Chinese (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  /* The translations this build made, in the locale of a Chinese desktop.
   * LANGUAGE alone is not enough: glibc 2.41 ignores it under C.UTF-8.
   * gtk_init() sets the locale again from these. */
  g_unsetenv ("LANG");
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_data_func ("/zh/window-in-chinese",
                            "the zh_CN.UTF-8 locale is not generated here (locale-gen zh_CN.UTF-8; "
                            "build-aux/dev's environment has it)",
                            (GTestDataFunc) g_test_skip);
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  ui_init (&argc, &argv);
  g_test_add_func ("/zh/window-in-chinese", test_window_in_chinese);
  return ui_run ();
}
