/* test-scene-files.c: a window with 1,000 scenes: the scene list is made
 * without a quadratic step or a long stall, shows what fits, and refuses a
 * 1,001st scene in words (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cx-layer-panel.h"
#include "cx-scene-row.h"
#include "cx-test-files.h"
#include "ui-helpers.h"

#define N_SHORT 900
#define N_LONG 100
#define LONG_NOTE_BYTES 3900

static const char *data_home;

static char *
scenes_path (void)
{
  return g_build_filename (data_home, "changning-explorer", "scenes.json", NULL);
}

static char *
long_note (guint i)
{
  GString *note = g_string_new (NULL);

  while (note->len + 10 <= LONG_NOTE_BYTES)
    g_string_append (note, i % 2 ? "长宁区" : "Changning ");
  return g_string_free (note, FALSE);
}

/* 900 scenes as Ctrl+D makes them, then 100 with notes of 3,900 bytes. */
static GListStore *
thousand_scenes (void)
{
  GListStore *scenes = g_list_store_new (CX_TYPE_SCENE);
  const char *layers[] = { "district", "landmarks", NULL };

  for (guint i = 0; i < N_SHORT + N_LONG; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scene %u", i + 1);
      g_autoptr(CxScene) scene = cx_scene_new (title, 31.21, 121.40 + i * 1e-5, 14, layers, NULL);

      if (i >= N_SHORT)
        {
          g_autofree char *note = long_note (i);
          cx_scene_set_note (scene, note);
        }
      g_list_store_append (scenes, scene);
    }
  return scenes;
}

static void
collect_scene_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (CX_IS_SCENE_ROW (child))
        g_ptr_array_add (rows, child);
      else
        collect_scene_rows (child, rows);
    }
}

static GPtrArray *
scene_rows (GtkWidget *panel)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_scene_rows (panel, rows);
  return rows;
}

static gboolean
has_rows (gpointer data)
{
  GtkWidget **panel_and_n = data;
  g_autoptr(GPtrArray) rows = scene_rows (panel_and_n[0]);

  return rows->len == GPOINTER_TO_UINT (panel_and_n[1]);
}

static void
wait_rows (GtkWidget *panel,
           guint      n)
{
  gpointer data[] = { panel, GUINT_TO_POINTER (n) };

  g_assert_true (ui_wait_for (has_rows, data, 60000));
}

static GtkWidget *
menu_button_of (GtkWidget *row)
{
  GtkWidget *found = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL && found == NULL; child = gtk_widget_get_next_sibling (child))
    found = GTK_IS_MENU_BUTTON (child) ? child : menu_button_of (child);
  return found;
}

static guint32
menu_target (GtkWidget *button)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_autoptr(GVariant) target = NULL;

  g_assert_nonnull (menu);
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_UINT32);
  g_assert_nonnull (target);
  return g_variant_get_uint32 (target);
}

/* The list box made 1,000 rows at once, each with its menu's popover made
 * at once: their items registered with the window's actions one by one,
 * each checked against all those before (quadratic), and the window froze
 * for seconds. Now a row's menu is made when it is opened, and aimed at
 * the row's place then. */
static void
test_menus_made_when_opened (void)
{
  CxWindow *window = ui_window ();
  GtkWidget *panel = cx_window_get_layer_panel (window);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *button;

  wait_rows (panel, N_SHORT + N_LONG);
  rows = scene_rows (panel);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *b = menu_button_of (g_ptr_array_index (rows, i));

      g_assert_nonnull (b);
      g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (b)));
      /* Still a button a screen reader names, reachable by keyboard. */
      g_assert_true (gtk_widget_get_sensitive (b));
      g_assert_true (gtk_widget_get_focusable (b) || gtk_widget_get_focusable (gtk_widget_get_first_child (b)));
    }

  /* Opened, the 499th row's menu acts on scene 499 (index 498). */
  ui_settle (GTK_WIDGET (window));
  button = menu_button_of (g_ptr_array_index (rows, 498));
  gtk_widget_grab_focus (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_cmpuint (menu_target (button), ==, 498);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* The scene after it moves up past it: the row (kept by the list box)
   * is one place down, and so is what its menu acts on. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-up", "u", (guint32) 499);
  g_assert_cmpuint (menu_target (button), ==, 499);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-down", "u", (guint32) 498);
  g_assert_cmpuint (menu_target (button), ==, 498);
}

/* A row shows the beginning of a long note (two lines at most are seen),
 * not all 3,900 bytes laid out by Pango in each of a hundred rows. */
static void
test_long_notes_shortened (void)
{
  CxWindow *window = ui_window ();
  GtkWidget *panel = cx_window_get_layer_panel (window);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *note = long_note (N_SHORT);
  const char *subtitle;

  wait_rows (panel, N_SHORT + N_LONG);
  rows = scene_rows (panel);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (g_ptr_array_index (rows, N_SHORT)));
  g_test_message ("%zu bytes of %zu shown", strlen (subtitle), strlen (note));
  g_assert_cmpuint (g_utf8_strlen (subtitle, -1), <=, 161);
  g_assert_true (g_str_has_suffix (subtitle, "…"));
  g_assert_cmpint (strncmp (subtitle, note, strlen (subtitle) - strlen ("…")), ==, 0);
  /* The title, short, in full; a short note too. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (g_ptr_array_index (rows, 0))), ==, "Scene 1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (g_ptr_array_index (rows, 0))), ==, "");
}

typedef struct
{
  GtkWidget *panel;
  guint      frames;
  guint      rows;       /* at the last frame */
  guint      most;       /* the most made between two frames */
} RowWatch;

static gboolean
watch_rows (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  RowWatch *watch = data;
  g_autoptr(GPtrArray) rows = scene_rows (watch->panel);

  g_assert_cmpuint (rows->len, >=, watch->rows);
  watch->most = MAX (watch->most, rows->len - watch->rows);
  watch->rows = rows->len;
  watch->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
all_rows (gpointer data)
{
  RowWatch *watch = data;

  return watch->rows == N_SHORT + N_LONG;
}

/* Rows are made a few dozen a frame, so that keys and drawing go on while
 * a thousand are made: never all in one go. */
static void
test_rows_made_by_frames (void)
{
  CxWindow *window = ui_window ();
  g_autoptr(GListStore) scenes = thousand_scenes ();
  GtkWidget *holder = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *panel = cx_layer_panel_new (cx_window_get_visibility (window), G_LIST_MODEL (scenes));
  g_autoptr(GPtrArray) first = NULL;
  RowWatch watch = { panel, 0, 0, 0 };
  guint id;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), panel);
  gtk_window_set_child (GTK_WINDOW (holder), scroller);
  gtk_window_set_default_size (GTK_WINDOW (holder), 360, 800);

  first = scene_rows (panel);
  g_assert_cmpuint (first->len, >, 0);
  g_assert_cmpuint (first->len, <, 100);
  watch.rows = first->len;

  id = gtk_widget_add_tick_callback (holder, watch_rows, &watch, NULL);
  gtk_window_present (GTK_WINDOW (holder));
  g_assert_true (ui_wait_for (all_rows, &watch, 60000));
  gtk_widget_remove_tick_callback (holder, id);
  g_test_message ("1,000 rows in %u frames, at most %u made between two", watch.frames, watch.most);
  g_assert_cmpuint (watch.most, <=, 100);
  g_assert_cmpuint (watch.frames, >=, 10);

  /* A scene removed near the top: the rows after it stay (GtkSliceListModel
   * would have had them all made again). */
  {
    g_autoptr(GPtrArray) before = scene_rows (panel);
    g_autoptr(GPtrArray) after = NULL;

    g_list_store_remove (scenes, 1);
    after = scene_rows (panel);
    g_assert_cmpuint (after->len, ==, before->len - 1);
    g_assert_true (g_ptr_array_index (after, 1) == g_ptr_array_index (before, 2));
    g_assert_true (g_ptr_array_index (after, after->len - 1) == g_ptr_array_index (before, before->len - 1));
  }

  gtk_window_destroy (GTK_WINDOW (holder));
}

/* Ctrl+D with 1,000 scenes saved a 1,001st, and the next start moved the
 * whole file aside: now it is refused, in words, and the file untouched. */
static void
test_add_refused_at_the_limit (void)
{
  CxWindow *window = ui_window ();
  g_autofree char *path = scenes_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_scenes (window)), ==, CX_SCENES_MAX_SCENES);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "The scene was not added: that would make 1001 scenes, and a scenes file holds at most 1000*");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-add", NULL);
  g_test_assert_expected_messages ();
  g_assert_true (ui_wait_text (GTK_WIDGET (window), "The scene was not added"));
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_scenes (window)), ==, CX_SCENES_MAX_SCENES);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GListStore) scenes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  data_home = ui_private_data_home ("cx-scene-files-XXXXXX");
  g_setenv ("LANGUAGE", "en", TRUE);

  /* The user's scenes before the start. */
  path = scenes_path ();
  file = g_file_new_for_path (path);
  scenes = thousand_scenes ();
  g_assert_true (cx_scenes_save_file (G_LIST_MODEL (scenes), file, &error));
  g_assert_no_error (error);

  ui_init (&argc, &argv);

  g_test_add_func ("/scene-files/menus-made-when-opened", test_menus_made_when_opened);
  g_test_add_func ("/scene-files/long-notes-shortened", test_long_notes_shortened);
  g_test_add_func ("/scene-files/rows-made-by-frames", test_rows_made_by_frames);
  g_test_add_func ("/scene-files/add-refused-at-the-limit", test_add_refused_at_the_limit);

  return ui_run ();
}
