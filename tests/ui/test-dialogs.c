/* test-dialogs.c: every dialog opens, works and closes, with GLib's
 * deprecation diagnostics on (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cx-web-link.h"
#include "cx-annotations.h"
#include "cx-scene.h"
#include "cx-test-files.h"
#include "ui-helpers.h"

static const char *data_home;

/* GTK's own file chooser (what GtkFileDialog shows with no portal, as
 * under the tests' Xvfb) leaks, in GTK 4.18's GtkPathBar (gtk/gtkpathbar.c,
 * read in the 4.18.6 source): gtk_path_bar_get_info_callback() never
 * unrefs the GFileInfo of each folder it shows, from the current one up to
 * the root, and gtk_path_bar_set_file_finish() drops the previous button
 * list when it sets a new one. No LeakSanitizer suppression can name that:
 * the GFileInfos are allocated on a GIO worker thread, in a stack with no
 * GTK frame at all, and the list's only GTK frame is a static function
 * (Debian's libgtk-4 has no symbols, and the debug archive with its
 * -dbgsym is out of reach here). A suppression by library (libgio,
 * libgtk) would hide leaks of ours as well. So under ASan each case that
 * opens the chooser runs in a child process of its own, with
 * AddressSanitizer and UBSan as everywhere and LeakSanitizer off, and the
 * child must pass; the normal build, and the leak check of every other
 * case, are unchanged. Returns TRUE in the parent, which is then done. */
static gboolean
file_chooser_case_in_child (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_auto(GStrv) envp = NULL;
  g_autofree char *options = NULL;
  const char *asan;

  if (g_test_subprocess ())
    return FALSE;

  envp = g_get_environ ();
  asan = g_environ_getenv (envp, "ASAN_OPTIONS");
  options = g_strconcat (asan != NULL ? asan : "", asan != NULL ? ":" : "", "detect_leaks=0", NULL);
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", options, TRUE);
  g_test_trap_subprocess_with_envp (NULL, (const char * const *) envp, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
#else
  return FALSE;
#endif
}

static CxWindow *
window (void)
{
  return ui_window ();
}

static AdwDialog *
visible_dialog (void)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window ()));
}

static gboolean
dialog_shown (gpointer data)
{
  return visible_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return visible_dialog () == NULL;
}

/* Waits for the window's dialog, which adw_dialog_present() shows inside it. */
/* Shown, and drawn at least once, so its buttons take clicks (slowly under
 * ASan). */
static gboolean
dialog_ready (gpointer data)
{
  AdwDialog *dialog = visible_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static AdwDialog *
wait_for_dialog (void)
{
  g_assert_true (ui_wait_for (dialog_shown, NULL, 20000));
  g_assert_true (ui_wait_for (dialog_ready, NULL, 20000));
  ui_settle (GTK_WIDGET (visible_dialog ()));
  return visible_dialog ();
}

static void
close_dialog (AdwDialog *dialog)
{
  g_assert_true (adw_dialog_close (dialog));
  g_assert_true (ui_wait_for (dialog_gone, NULL, 20000));
}

static gboolean
file_dialog_gone (gpointer title)
{
  return ui_find_toplevel (title) == NULL;
}

static GtkWidget *
find_type (GtkWidget  *widget,
           const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  const char *title;
  const char *folder;   /* the folder its path bar must show, or NULL */
} FileDialogWait;

/* GTK's own file chooser works in the background once it shows: it lists
 * the folder (a busy cursor on the dialog meanwhile), and its path bar
 * looks up the folders from the current one up to the root, one at a time,
 * and only then shows their buttons. Closed while the path bar is half way
 * (a save dialog's current folder is several levels deep), GTK 4.18 gives
 * a CRITICAL: gtk_path_bar_set_file_finish() calls gtk_box_remove() on the
 * buttons it made but had not added yet ("gtk_box_remove: assertion
 * 'gtk_widget_get_parent (child) == (GtkWidget *) box' failed"), seen in 3
 * of 20 runs (every run from the folder main () starts in). So the tests
 * close it once both are done, as a user would. */
static gboolean
file_dialog_settled (gpointer data)
{
  FileDialogWait *wait = data;
  GtkWindow *toplevel = ui_find_toplevel (wait->title);
  GtkWidget *path_bar;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *line = NULL;

  if (toplevel == NULL || !gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
    return FALSE;
  /* GtkFileChooserWidget sets the "progress" cursor on its dialog while it
   * lists a folder (set_busy_cursor ()). */
  if (gtk_widget_get_cursor (GTK_WIDGET (toplevel)) != NULL)
    return FALSE;
  if (wait->folder == NULL)
    return TRUE;

  path_bar = find_type (GTK_WIDGET (toplevel), "GtkPathBar");
  g_assert_nonnull (path_bar);
  text = ui_collect_text (path_bar);
  shown = g_strconcat ("\n", text, NULL);
  line = g_strconcat ("\n", wait->folder, "\n", NULL);
  return strstr (shown, line) != NULL;
}

/* Waits until the file dialog @title has shown and done its work: for a
 * save dialog (@saving), which starts in the current folder, until its
 * path bar shows that folder. */
static void
wait_file_dialog_settled (const char *title,
                          gboolean    saving)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *folder = g_path_get_basename (cwd);
  FileDialogWait wait = { title, saving ? folder : NULL };

  g_assert_true (ui_wait_for (file_dialog_settled, &wait, 20000));
}

/* Opens and cancels the file dialog a response of the visible dialog
 * leads to: cancelling is no error, so no toast and no warning. */
static void
respond_and_cancel_file_dialog (AdwDialog  *dialog,
                                const char *button,
                                const char *file_dialog_title,
                                gboolean    saving)
{
  GtkWidget *choose = ui_find_button (GTK_WIDGET (dialog), button);

  g_assert_nonnull (choose);
  /* The file dialog is built before the alert has gone: slow under ASan. */
  gtk_widget_activate (choose);
  g_assert_true (ui_wait_for (dialog_gone, NULL, 20000));
  wait_file_dialog_settled (file_dialog_title, saving);
  gtk_window_close (ui_find_toplevel (file_dialog_title));
  g_assert_true (ui_wait_for (file_dialog_gone, (gpointer) file_dialog_title, 20000));
  ui_settle (GTK_WIDGET (window ()));
}

static void
test_about (void)
{
  AdwDialog *dialog;

  gtk_window_present (GTK_WINDOW (window ()));
  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "about", NULL);
  dialog = wait_for_dialog ();
  g_assert_true (ADW_IS_ABOUT_DIALOG (dialog));
  g_assert_cmpstr (adw_about_dialog_get_application_name (ADW_ABOUT_DIALOG (dialog)), ==, "Changning Explorer");
  close_dialog (dialog);
}

static void
test_preferences (void)
{
  AdwDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.preferences", NULL);
  dialog = wait_for_dialog ();
  g_assert_true (ADW_IS_PREFERENCES_DIALOG (dialog));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "Tile address"));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "Map"));
  close_dialog (dialog);
}

static void
test_sources (void)
{
  AdwDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-sources", NULL);
  dialog = wait_for_dialog ();
  g_assert_true (ADW_IS_PREFERENCES_DIALOG (dialog));
  g_assert_true (ui_text_contains (GTK_WIDGET (dialog), "Links open in your web browser"));

  /* A link that is not opened is said so in the dialog, and logged. */
  g_test_expect_message ("cx-web-link", G_LOG_LEVEL_WARNING, "*file:///etc/passwd*only http and https*");
  cx_open_web_link (GTK_WIDGET (dialog), "file:///etc/passwd");
  g_test_assert_expected_messages ();
  g_assert_true (ui_wait_text (GTK_WIDGET (dialog), "only http and https links are opened"));
  close_dialog (dialog);
}

static GtkWindow *
find_shortcuts (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
shortcuts_shown (gpointer data)
{
  return find_shortcuts () != NULL;
}

static gboolean
shortcuts_hidden (gpointer shortcuts)
{
  return !gtk_widget_get_visible (shortcuts);
}

static void
test_shortcuts (void)
{
  GtkWindow *shortcuts;

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-help-overlay", NULL);
  g_assert_true (ui_wait_for (shortcuts_shown, NULL, 20000));
  shortcuts = find_shortcuts ();
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window ()));
  g_assert_true (ui_text_contains (GTK_WIDGET (shortcuts), "Search places, programs and figures"));
  gtk_window_close (shortcuts);
  ui_wait_for (shortcuts_hidden, shortcuts, 5000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
}

static void
rename_scene_to (const char *title)
{
  AdwDialog *dialog;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-rename", "u", 0);
  dialog = wait_for_dialog ();
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Rename Scene");
  entry = adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog));
  entry = gtk_widget_get_first_child (entry);
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  gtk_widget_activate (ui_find_button (GTK_WIDGET (dialog), "Rename"));
  g_assert_true (ui_wait_for (dialog_gone, NULL, 20000));
}

static void
test_rename_scene (void)
{
  GListModel *scenes = cx_window_get_scenes (window ());
  g_autoptr(CxScene) scene = g_list_model_get_item (scenes, 0);
  g_autofree char *before = g_strdup (cx_scene_get_title (scene));

  rename_scene_to ("Renamed by the test");
  g_assert_cmpstr (cx_scene_get_title (scene), ==, "Renamed by the test");

  /* An empty title is refused, with a word why. */
  rename_scene_to ("  ");
  g_assert_cmpstr (cx_scene_get_title (scene), ==, "Renamed by the test");
  g_assert_true (ui_text_contains (GTK_WIDGET (window ()), "A scene needs a title"));

  rename_scene_to (before);
}

/* GtkFileDialog has no choices: the handout's format and size are asked
 * first, then the file. */
static void
test_export_handout (void)
{
  AdwDialog *dialog;

  if (file_chooser_case_in_child ())
    return;
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.export", NULL);
  dialog = wait_for_dialog ();
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_true (ADW_IS_COMBO_ROW (ui_find_row (GTK_WIDGET (dialog), "Format")));
  g_assert_true (ADW_IS_COMBO_ROW (ui_find_row (GTK_WIDGET (dialog), "Size")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (dialog), "Format")), 1);
  respond_and_cancel_file_dialog (dialog, "Choose File…", "Export Handout", TRUE);

  /* Cancelled at the first step, nothing more opens. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.export", NULL);
  dialog = wait_for_dialog ();
  gtk_widget_activate (ui_find_button (GTK_WIDGET (dialog), "Cancel"));
  g_assert_true (ui_wait_for (dialog_gone, NULL, 20000));
  /* A negative, so watched for a while. */
  ui_observe (500);
  g_assert_null (ui_find_toplevel ("Export Handout"));
}

static void
test_import_layer (void)
{
  AdwDialog *dialog;

  if (file_chooser_case_in_child ())
    return;
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.import", NULL);
  dialog = wait_for_dialog ();
  g_assert_true (ADW_IS_COMBO_ROW (ui_find_row (GTK_WIDGET (dialog), "Coordinates")));
  respond_and_cancel_file_dialog (dialog, "Choose Files…", "Import Layers", FALSE);
}

static void
test_scene_files (void)
{
  if (file_chooser_case_in_child ())
    return;
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scenes-export", NULL);
  wait_file_dialog_settled ("Export Scenes", TRUE);
  gtk_window_close (ui_find_toplevel ("Export Scenes"));
  g_assert_true (ui_wait_for (file_dialog_gone, "Export Scenes", 20000));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scenes-import", NULL);
  wait_file_dialog_settled ("Import Scenes", FALSE);
  gtk_window_close (ui_find_toplevel ("Import Scenes"));
  g_assert_true (ui_wait_for (file_dialog_gone, "Import Scenes", 20000));
}

/* Picks @file in the file dialog @title and accepts it, once the dialog
 * has settled in @file's folder (see file_dialog_settled ()). GTK's own
 * chooser is a GtkFileChooser, deprecated but the one way to fill it. */
static void
choose_in_file_dialog (const char *title,
                       gboolean    saving,
                       GFile      *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = g_file_get_basename (parent);
  FileDialogWait wait = { title, folder };
  GtkWindow *toplevel;

  wait_file_dialog_settled (title, saving);
  toplevel = ui_find_toplevel (title);
  g_assert_true (GTK_IS_FILE_CHOOSER (toplevel));
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (saving)
    {
      /* set_file () would keep the name the dialog was given. */
      g_autofree char *name = g_file_get_basename (file);

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (toplevel), parent, NULL));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (toplevel), name);
    }
  else
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (toplevel), file, NULL));
  g_assert_true (ui_wait_for (file_dialog_settled, &wait, 20000));
  gtk_dialog_response (GTK_DIALOG (toplevel), GTK_RESPONSE_ACCEPT);
G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_true (ui_wait_for (file_dialog_gone, (gpointer) title, 20000));
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
n_marks_is (gpointer n)
{
  return g_list_model_get_n_items (G_LIST_MODEL (cx_window_get_annotations (window ()))) == GPOINTER_TO_UINT (n);
}

/* A file chosen in the dialog is used (the window's one way through a file
 * dialog, _cx_window_choose_file ()): the scenes and the marks exported
 * where chosen, and the marks read back from there. */
static void
test_files_chosen (void)
{
  const CxCoord where = { 121.41, 31.215 };
  g_autoptr(CxAnnotation) pin = cx_annotation_new (CX_ANNOTATION_PIN, &where, 1, "Chosen", NULL);
  CxAnnotations *marks = cx_window_get_annotations (window ());
  g_autofree char *out = NULL;
  g_autofree char *scenes_path = NULL;
  g_autofree char *marks_path = NULL;
  g_autoptr(GFile) scenes_file = NULL;
  g_autoptr(GFile) marks_file = NULL;

  if (file_chooser_case_in_child ())
    return;
  out = cx_test_make_tmp_dir ("cx-test-dialogs-out-XXXXXX");
  scenes_path = g_build_filename (out, "scenes.json", NULL);
  marks_path = g_build_filename (out, "marks.geojson", NULL);
  scenes_file = g_file_new_for_path (scenes_path);
  marks_file = g_file_new_for_path (marks_path);

  ui_wait_scenes_read (window ());
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scenes-export", NULL);
  choose_in_file_dialog ("Export Scenes", TRUE, scenes_file);
  g_assert_true (ui_wait_for (file_exists, scenes_path, 20000));

  cx_annotations_reset (marks, NULL);
  g_assert_true (cx_annotations_add (marks, pin, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.annotations-export", NULL);
  choose_in_file_dialog ("Export Marks", TRUE, marks_file);
  g_assert_true (ui_wait_for (file_exists, marks_path, 20000));

  cx_annotations_reset (marks, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.annotations-import", NULL);
  choose_in_file_dialog ("Import Marks", FALSE, marks_file);
  g_assert_true (ui_wait_for (n_marks_is, GUINT_TO_POINTER (1), 20000));
  {
    g_autoptr(CxAnnotation) back = g_list_model_get_item (G_LIST_MODEL (marks), 0);

    g_assert_cmpstr (cx_annotation_get_note (back), ==, "Chosen");
  }
  cx_annotations_reset (marks, NULL);
  ui_settle (GTK_WIDGET (window ()));
  cx_test_remove_tree (out);
}

static void
test_presentation (void)
{
  gtk_widget_grab_focus (GTK_WIDGET (cx_window_get_map_view (window ())));
  ui_key ("F5");
  g_assert_true (cx_window_get_presenting (window ()));
  ui_settle (GTK_WIDGET (window ()));
  ui_key ("Escape");
  g_assert_false (cx_window_get_presenting (window ()));
}

int
main (int   argc,
      char *argv[])
{
  /* GLib warns, once per type or property, about deprecated ones in use;
   * warnings are fatal here, so any of them fails the test that shows it. */
  g_setenv ("G_ENABLE_DIAGNOSTIC", "1", TRUE);
  /* Scenes live under XDG_DATA_HOME; keep the user's out of it. */
  data_home = ui_private_data_home ("cx-dialogs-XXXXXX");
  /* A save dialog starts in the current folder, and its path bar looks up
   * every folder above it: from 50 levels deep that takes long enough that
   * closing the dialog before the path bar is done gives GTK's CRITICAL
   * every time (see file_dialog_settled ()), instead of in 3 runs of 20. */
  {
    g_autoptr(GString) deep = g_string_new (data_home);

    for (guint i = 0; i < 50; i++)
      g_string_append_printf (deep, G_DIR_SEPARATOR_S "level%u", i + 1);
    g_assert_cmpint (g_mkdir_with_parents (deep->str, 0700), ==, 0);
    g_assert_cmpint (g_chdir (deep->str), ==, 0);
  }

  ui_init (&argc, &argv);

  g_test_add_func ("/dialogs/about", test_about);
  g_test_add_func ("/dialogs/preferences", test_preferences);
  g_test_add_func ("/dialogs/sources", test_sources);
  g_test_add_func ("/dialogs/shortcuts", test_shortcuts);
  g_test_add_func ("/dialogs/rename-scene", test_rename_scene);
  g_test_add_func ("/dialogs/export-handout", test_export_handout);
  g_test_add_func ("/dialogs/import-layer", test_import_layer);
  g_test_add_func ("/dialogs/scene-files", test_scene_files);
  g_test_add_func ("/dialogs/files-chosen", test_files_chosen);
  g_test_add_func ("/dialogs/presentation", test_presentation);

  return ui_run ();
}
