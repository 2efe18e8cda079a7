/* cx-store-util.c: files the app keeps in its data directory
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored packs and layers are never edited in place and never deleted
 * because they failed to load: they are written whole under a temporary
 * name and renamed (so a crash leaves the old file or the new one, never
 * half of one), and a file that fails is renamed aside for a human to look
 * at.
 */

#define G_LOG_DOMAIN "cx-store"

#include "config.h"


#include "cx-store-util.h"

/* Creates @dir and its parents; an existing directory is fine. */
gboolean
cx_store_ensure_dir (GFile   *dir,
                     GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_make_directory_with_parents (dir, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Replaces @file with @contents atomically and durably (fsync before the
 * rename). @file must be local. */
gboolean
cx_store_write_atomic (GFile       *file,
                       const char  *contents,
                       gsize        length,
                       int          mode,
                       GError     **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s is not a local file", uri);
      return FALSE;
    }

  return g_file_set_contents_full (path, contents, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT,
                                   mode, error);
}

/* Renames @file to "NAME.corrupt-YYYYMMDD-HHMMSS" (with "-2", "-3"… if
 * that is taken) beside it. @new_name: (out) (optional): the new base name. */
gboolean
cx_store_move_aside (GFile   *file,
                     char   **new_name,
                     GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; n < 100; n++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GFile) target = NULL;

      if (n == 1)
        name = g_strdup_printf ("%s.corrupt-%s", basename, stamp);
      else
        name = g_strdup_printf ("%s.corrupt-%s-%u", basename, stamp, n);
      target = g_file_get_child (parent, name);

      if (g_file_move (file, target, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &local_error))
        {
          if (new_name != NULL)
            *new_name = g_steal_pointer (&name);
          return TRUE;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               "%s: too many files moved aside already", basename);
  return FALSE;
}
