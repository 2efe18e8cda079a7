/* test-scene-files.c: the scene list is made without a quadratic step or
 * a long stall, and shows what fits; a window with 1,000 scenes refuses a
 * 1,001st in words (needs a display)
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

#define N_LONG 100
#define N_SHORT 900
#define N_SCENES (N_LONG + N_SHORT)
#define LONG_NOTE_BYTES 3900
/* For the test of pacing alone: a few frames' worth, cheap under ASan. */
#define N_PACED 300

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

/* 100 scenes with notes of 3,900 bytes, then short ones as Ctrl+D makes
 * them, @n in all. */
static GListStore *
make_scenes (guint n)
{
  GListStore *scenes = g_list_store_new (CX_TYPE_SCENE);
  const char *layers[] = { "district", "landmarks", NULL };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scene %u", i + 1);
      g_autoptr(CxScene) scene = cx_scene_new (title, 31.21, 121.40 + i * 1e-5, 14, layers, NULL);

      if (i < N_LONG)
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
  gpointer *panel_and_n = data;
  g_autoptr(GPtrArray) rows = scene_rows (panel_and_n[0]);

  return rows->len >= GPOINTER_TO_UINT (panel_and_n[1]);
}

/* Waits until the panel has made at least @n rows; returns them all. */
static GPtrArray *
wait_rows (GtkWidget *panel,
           guint      n)
{
  gpointer data[] = { panel, GUINT_TO_POINTER (n) };

  g_assert_true (ui_wait_for (has_rows, data, 60000));
  return scene_rows (panel);
}

/* A layer panel of its own in a window of its own, holding @n scenes:
 * the app's window keeps its 1,000 to itself (under ASan, with full
 * stacks, each row takes tens of milliseconds to make). */
typedef struct
{
  CxVisibility *visibility;
  GListStore   *scenes;
  GtkWidget    *window;
  GtkWidget    *panel;
} Holder;

static void
holder_open (Holder *holder,
             guint   n)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  holder->visibility = cx_visibility_new (cx_application_get_pack (ui_app ()));
  holder->scenes = make_scenes (n);
  holder->window = gtk_window_new ();
  holder->panel = cx_layer_panel_new (holder->visibility, G_LIST_MODEL (holder->scenes));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), holder->panel);
  gtk_window_set_child (GTK_WINDOW (holder->window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (holder->window), 360, 800);
}

static void
holder_close (Holder *holder)
{
  gtk_window_destroy (GTK_WINDOW (holder->window));
  g_clear_object (&holder->scenes);
  g_clear_object (&holder->visibility);
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
  Holder holder = { 0, };
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *button;

  holder_open (&holder, 150);
  gtk_window_present (GTK_WINDOW (holder.window));
  rows = wait_rows (holder.panel, 150);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *b = menu_button_of (g_ptr_array_index (rows, i));

      g_assert_nonnull (b);
      g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (b)));
      /* Still a button a screen reader names, reachable by keyboard. */
      g_assert_true (gtk_widget_get_sensitive (b));
      g_assert_true (gtk_widget_get_focusable (b) || gtk_widget_get_focusable (gtk_widget_get_first_child (b)));
    }

  /* Opened, the 31st row's menu acts on scene 31 (index 30). */
  ui_wait_drawn (holder.panel);
  button = menu_button_of (g_ptr_array_index (rows, 30));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_cmpuint (menu_target (button), ==, 30);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* The scene after it moves up past it (as win.scene-up moves it): the
   * row, kept by the list box, is one place down, and so is what its menu
   * acts on; and back. */
  {
    g_autoptr(CxScene) next = g_list_model_get_item (G_LIST_MODEL (holder.scenes), 31);

    g_list_store_remove (holder.scenes, 31);
    g_list_store_insert (holder.scenes, 30, next);
    g_assert_cmpuint (menu_target (button), ==, 31);
    g_list_store_remove (holder.scenes, 30);
    g_list_store_insert (holder.scenes, 31, next);
    g_assert_cmpuint (menu_target (button), ==, 30);
  }

  holder_close (&holder);
}

/* A row shows the beginning of a long note (two lines at most are seen),
 * not all 3,900 bytes laid out by Pango in each of a hundred rows. */
static void
test_long_notes_shortened (void)
{
  Holder holder = { 0, };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *note = long_note (0);
  const char *subtitle;

  holder_open (&holder, N_LONG + 1);
  gtk_window_present (GTK_WINDOW (holder.window));
  rows = wait_rows (holder.panel, N_LONG + 1);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (g_ptr_array_index (rows, 0)));
  g_test_message ("%zu bytes of %zu shown", strlen (subtitle), strlen (note));
  g_assert_cmpuint (g_utf8_strlen (subtitle, -1), <=, 161);
  g_assert_true (g_str_has_suffix (subtitle, "…"));
  g_assert_cmpint (strncmp (subtitle, note, strlen (subtitle) - strlen ("…")), ==, 0);
  /* The title, short, in full; a short note too. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (g_ptr_array_index (rows, 0))), ==, "Scene 1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (g_ptr_array_index (rows, N_LONG))), ==, "");

  holder_close (&holder);
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

  return watch->rows == N_PACED;
}

/* Rows are made a few dozen a frame, so that keys and drawing go on while
 * a thousand are made: never all in one go. */
static void
test_rows_made_by_frames (void)
{
  Holder holder = { 0, };
  g_autoptr(GPtrArray) first = NULL;
  RowWatch watch = { 0, };
  gint64 started;
  guint id;

  holder_open (&holder, N_PACED);
  watch.panel = holder.panel;
  first = scene_rows (holder.panel);
  g_assert_cmpuint (first->len, >, 0);
  g_assert_cmpuint (first->len, <, 100);
  watch.rows = first->len;

  started = g_get_monotonic_time ();
  id = gtk_widget_add_tick_callback (holder.window, watch_rows, &watch, NULL);
  gtk_window_present (GTK_WINDOW (holder.window));
  g_assert_true (ui_wait_for (all_rows, &watch, 60000));
  gtk_widget_remove_tick_callback (holder.window, id);
  g_test_message ("%u rows in %u frames (%.1f s), at most %u made between two", N_PACED, watch.frames,
                  (g_get_monotonic_time () - started) / 1e6, watch.most);
  g_assert_cmpuint (watch.most, <=, 100);
  g_assert_cmpuint (watch.frames, >=, N_PACED / 100);

  /* A scene removed near the top: the rows after it stay (GtkSliceListModel
   * would have had them all made again). */
  {
    g_autoptr(GPtrArray) before = scene_rows (holder.panel);
    g_autoptr(GPtrArray) after = NULL;

    g_list_store_remove (holder.scenes, 1);
    after = scene_rows (holder.panel);
    g_assert_cmpuint (after->len, ==, before->len - 1);
    g_assert_true (g_ptr_array_index (after, 1) == g_ptr_array_index (before, 2));
    g_assert_true (g_ptr_array_index (after, after->len - 1) == g_ptr_array_index (before, before->len - 1));
  }

  holder_close (&holder);
}

/* Ctrl+D with 1,000 scenes saved a 1,001st, and the next start moved the
 * whole file aside: now it is refused, in words, and the file untouched. */
static void
test_add_refused_at_the_limit (void)
{
  /* Not shown: its 1,000 rows are not what this is about (under ASan they
   * would take a minute to make). */
  CxWindow *window = cx_window_new (ui_app ());
  g_autofree char *path = scenes_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  ui_wait_scenes_read (window);
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_scenes (window)), ==, N_SCENES);
  g_assert_cmpuint (N_SCENES, ==, CX_SCENES_MAX_SCENES);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* Said in a toast; _cx_window_toast() logs what it shows. */
  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "The scene was not added: that would make 1001 scenes, and a scenes file holds at most 1000*");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-add", NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (cx_window_get_scenes (window)), ==, N_SCENES);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (GTK_WINDOW (window));
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
  scenes = make_scenes (N_SCENES);
  g_assert_true (cx_scenes_save_file (G_LIST_MODEL (scenes), file, &error));
  g_assert_no_error (error);

  ui_init (&argc, &argv);

  g_test_add_func ("/scene-files/rows-made-by-frames", test_rows_made_by_frames);
  g_test_add_func ("/scene-files/menus-made-when-opened", test_menus_made_when_opened);
  g_test_add_func ("/scene-files/long-notes-shortened", test_long_notes_shortened);
  g_test_add_func ("/scene-files/add-refused-at-the-limit", test_add_refused_at_the_limit);

  return ui_run ();
}
