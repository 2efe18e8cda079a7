/* cx-test-files.c: temporary folders and what they hold
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cx-test-files.h"

/* A new folder in the temporary folder, from @tmpl ("cx-…-XXXXXX"). */
char *
cx_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/**
 * cx_test_remove_tree:
 *
 * Removes @path and all below it, as `chmod -R u+rwX; rm -rf` would: the
 * tests of kept files take permissions away. Links are removed, never
 * followed.
 */
void
cx_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, (st.st_mode & 07777) | S_IRWXU);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          cx_test_remove_tree (child);
        }
    }

  g_remove (path);
}

/* The names in @dir that start with @prefix, sorted, space-separated;
 * "" when there are none. */
char *
cx_test_listing (const char *dir,
                 const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort_values (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/**
 * cx_test_private_data_home:
 *
 * A new XDG_DATA_HOME for this process and the apps it starts, so that
 * scenes and layers never touch the user's. Call before anything reads
 * it; remove it with cx_test_remove_tree() at the end.
 */
char *
cx_test_private_data_home (const char *tmpl)
{
  char *dir = cx_test_make_tmp_dir (tmpl);

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  return dir;
}
