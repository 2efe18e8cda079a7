/* test-kept-files.c: the window never saves over a file that failed to
 * load, and brings back what it can (needs a display)
 *
 * Started as root, the test runs itself again as nobody (tests/common/cx-test-as-user.c),
 * so that an unreadable scenes.json is really unreadable.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cx-scene.h"
#include "cx-test-as-user.h"
#include "cx-test-files.h"
#include "ui-helpers.h"

static const char *data_home;

static const char user_scenes[] =
  "{\"format\": \"changning-explorer-scenes\", \"version\": 1, \"scenes\": ["
  "{\"title\": \"My own scene\", \"center\": [121.4, 31.2], \"zoom\": 14, \"layers\": [], \"selection\": null}]}";

static char *
app_path (const char *name)
{
  return g_build_filename (data_home, "changning-explorer", name, NULL);
}

static gboolean
has_scene (GListModel *scenes,
           const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (scenes); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);

      if (g_str_equal (cx_scene_get_title (scene), title))
        return TRUE;
    }
  return FALSE;
}

/* Finding 1: Ctrl+D after an unreadable scenes.json wrote the starters
 * over it. Now it touches nothing, and offers the choice. */
/* Whether the window shows no dialog (its closing takes a while under
 * ASan). */
static gboolean
no_dialog (gpointer data)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (data)) == NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return !no_dialog (data);
}

/* Activates the button @label of @dialog as a user would: once it is on
 * screen. AdwDialog opens its sheet on the second frame after it is
 * mapped, and until then the buttons are not realized; GtkButton ignores
 * an activation when it is not realized (gtk_real_button_activate), so the
 * dialog would never respond. Under ASan, Ctrl+D's dialog was often not
 * drawn yet when the test pressed Try Again: the case then waited 20 s for
 * a dialog that had never been answered. */
static void
respond (AdwDialog  *dialog,
         const char *label)
{
  GtkWidget *button = ui_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_assert_true (ui_wait_mapped (button));
  g_assert_true (gtk_widget_activate (button));
}

static void
test_unreadable_scenes_not_saved_over (void)
{
  g_autofree char *path = app_path ("scenes.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  CxWindow *window;
  GListModel *scenes;
  AdwDialog *dialog;
  GStatBuf before, after;
  guint n;

  if (!cx_test_as_user_or_skip ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, user_scenes, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*Your scenes file*scenes.json could not be read: permission denied*");
  window = ui_window ();
  g_test_assert_expected_messages ();
  scenes = cx_window_get_scenes (window);
  n = g_list_model_get_n_items (scenes);
  /* The starters stand in, in this window only. */
  g_assert_cmpuint (n, >=, 3);

  /* The choice is offered at once, saying which file and why. */
  g_assert_true (ui_wait_for (has_dialog, window, 20000));
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), "permission denied"));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), path));
  /* Not now: the window is usable, and the file safe. */
  respond (dialog, "Not Now");
  g_assert_true (ui_wait_for (no_dialog, window, 20000));

  gtk_widget_grab_focus (GTK_WIDGET (cx_window_get_map_view (window)));
  ui_settle (GTK_WIDGET (window));
  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*Scenes not saved*");
  ui_key ("ctrl+d");
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (scenes), ==, n + 1);

  /* The file: same inode, same size, same time, same mode; nothing beside it. */
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);
  g_assert_cmpuint (after.st_mode & 07777, ==, 0);
  names = cx_test_listing (dir, "scenes");
  g_assert_cmpstr (names, ==, "scenes.json");

  /* The choice is offered. The user fixes the permission and tries again:
   * their scenes come back, and the one just added follows them. */
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_nonnull (ui_find_button (GTK_WIDGET (dialog), "Keep It Aside and Start Afresh"));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  respond (dialog, "Try Again");
  if (!ui_wait_for (no_dialog, window, 20000))
    {
      AdwDialog *left = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

      g_error ("a dialog is still shown after Try Again: %s (%s)", G_OBJECT_TYPE_NAME (left),
               ADW_IS_ALERT_DIALOG (left) ? adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (left)) : "");
    }
  g_assert_cmpuint (g_list_model_get_n_items (scenes), ==, 2);
  g_assert_true (has_scene (scenes, "My own scene"));
  contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "My own scene"));
  {
    g_autoptr(CxScene) added = g_list_model_get_item (scenes, 1);
    g_assert_nonnull (strstr (contents, cx_scene_get_title (added)));
  }
}

/* Finding 5 and 7: a folder where scenes.json should be. */
static void
test_folder_instead_of_scenes (void)
{
  g_autofree char *path = app_path ("scenes.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *names = NULL;
  g_autofree char *inside = g_build_filename (path, "keep-me.txt", NULL);
  CxWindow *window;
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_unlink (path);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "mine", -1, NULL));

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*scenes.json could not be read: it is a folder, not a file*");
  window = cx_window_new (ui_app ());
  gtk_window_present (GTK_WINDOW (window));
  ui_wait_scenes_read (window);
  g_test_assert_expected_messages ();
  /* In words, not GIO's "Error opening file …: Is a directory". */
  g_assert_true (ui_wait_text (GTK_WIDGET (window), "it is a folder, not a file"));
  g_assert_false (ui_text_contains (GTK_WIDGET (window), "Is a directory"));
  adw_dialog_force_close (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)));
  g_assert_true (ui_wait_for (no_dialog, window, 20000));

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*Scenes not saved*");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scene-add", NULL);
  g_test_assert_expected_messages ();
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  /* Keep it aside: moved whole, and the scenes are saved afresh. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scenes-keep-aside", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "scenes.json.corrupt-"))
      {
        g_autofree char *moved = g_build_filename (dir, name, "keep-me.txt", NULL);
        kept = g_file_test (moved, G_FILE_TEST_IS_REGULAR);
      }
  g_assert_true (kept);

  {
    AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

    if (dialog != NULL)
      adw_dialog_force_close (dialog);
  }
  /* Drawn before it goes, as a window a user closes has been. */
  ui_settle (GTK_WIDGET (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_layers (gpointer data)
{
  return g_list_model_get_n_items (cx_window_get_imported (data)) > 0;
}

/* A layer whose settings are gone comes back, shown, and is mentioned. */
static void
test_layer_without_settings_restored (void)
{
  g_autofree char *layers = app_path ("layers");
  g_autofree char *document = g_build_filename (layers, "user-zoning-plan-1.geojson", NULL);
  CxWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (layers, 0700), ==, 0);
  g_assert_true (g_file_set_contents (document,
                                      "{\"type\": \"Feature\", \"properties\": {\"title\": \"Kept block\"}, "
                                      "\"geometry\": {\"type\": \"Point\", \"coordinates\": [121.41, 31.215]}}", -1, NULL));

  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*The layer user-zoning-plan-1 was restored with default settings*its settings file is missing*");
  window = cx_window_new (ui_app ());
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (has_layers, window, 20000));
  g_test_assert_expected_messages ();
  ui_settle (GTK_WIDGET (window));

  g_assert_true (ui_text_contains (cx_window_get_layer_panel (window), "zoning-plan"));
  g_assert_true (ui_text_contains (GTK_WIDGET (window), "restored with default settings"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cx_test_as_user_reexec (argv);

  data_home = ui_private_data_home ("cx-kept-XXXXXX");
  g_setenv ("LANGUAGE", "en", TRUE);

  ui_init (&argc, &argv);
  g_test_message ("running as uid %u", (guint) geteuid ());

  g_test_add_func ("/kept-files/unreadable-scenes-not-saved-over", test_unreadable_scenes_not_saved_over);
  g_test_add_func ("/kept-files/folder-instead-of-scenes", test_folder_instead_of_scenes);
  g_test_add_func ("/kept-files/layer-without-settings-restored", test_layer_without_settings_restored);

  status = ui_run ();

  cx_test_as_user_cleanup ();
  return status;
}
