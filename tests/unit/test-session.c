/* test-session.c: a session whose settings schema is not installed
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with GSETTINGS_SCHEMA_DIR and XDG_DATA_DIRS pointing at empty
 * folders, so that GLib finds no schema: the session says so once, then
 * uses the schema built into the app's resources, with settings kept in
 * memory, so that nothing after it has to ask whether there are settings.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cx-session.h"
#include "cx-test-files.h"

static void
test_schema_not_installed (void)
{
  g_autoptr(CxSession) session = NULL;
  g_autoptr(CxSession) again = NULL;
  g_auto(GStrv) hidden = NULL;
  const char *layers[] = { "landmarks", NULL };
  GSettings *settings;

  g_test_expect_message ("cx-session", G_LOG_LEVEL_WARNING, "*schema*not installed*");
  session = cx_session_new ();
  g_test_assert_expected_messages ();

  settings = cx_session_get_settings (session);
  g_assert_nonnull (settings);
  g_assert_false (cx_session_get_settings_kept (session));
  /* The real schema, with its keys and defaults. */
  hidden = g_settings_get_strv (settings, "hidden-layers");
  g_assert_nonnull (hidden);
  g_assert_true (g_settings_set_strv (settings, "hidden-layers", layers));
  g_clear_pointer (&hidden, g_strfreev);
  hidden = g_settings_get_strv (settings, "hidden-layers");
  g_assert_cmpstrv (hidden, layers);

  /* Said once: a second start over the same session says nothing. */
  again = cx_session_new_like (session);
  g_assert_true (cx_session_get_settings (again) == settings);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *empty = g_dir_make_tmp ("cx-test-session-XXXXXX", NULL);
  int status;

  g_assert_nonnull (empty);
  g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
  g_setenv ("XDG_DATA_DIRS", empty, TRUE);
  g_setenv ("XDG_DATA_HOME", empty, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/schema-not-installed", test_schema_not_installed);
  status = g_test_run ();
  cx_test_remove_tree (empty);
  return status;
}
