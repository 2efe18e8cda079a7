/* cx-pack-store.c: the data packs kept on disk
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Updates (cx-pack-updater.c) are kept in
 * $XDG_DATA_HOME/changning-explorer/packs as pack-VERSION.json, the newest
 * two; at start the newest one that loads is used, or the embedded pack.
 */

#define G_LOG_DOMAIN "cx-pack-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-pack-store.h"
#include "cx-store-util.h"

/* Packs kept on disk: the one in use and the one before it. */
#define KEEP_PACKS 2

/* ------------------------------------------------------------------ */
/* Stored packs                                                        */
/* ------------------------------------------------------------------ */

/* The version in "pack-VERSION.json", or 0 for any other name. */
static gint64
stored_pack_version (const char *name)
{
  const char *digits;
  gint64 version = 0;

  if (!g_str_has_prefix (name, "pack-") || !g_str_has_suffix (name, ".json"))
    return 0;

  digits = name + strlen ("pack-");
  if (digits[0] < '1' || digits[0] > '9')
    return 0;

  for (const char *p = digits; *p != '.'; p++)
    {
      if (!g_ascii_isdigit (*p) || version > (G_MAXINT64 - 9) / 10)
        return 0;
      version = version * 10 + (*p - '0');
    }

  if (strcmp (strchr (digits, '.'), ".json") != 0)
    return 0;
  return version;
}

static int
compare_versions_descending (gconstpointer a,
                             gconstpointer b)
{
  gint64 va = *(const gint64 *) a, vb = *(const gint64 *) b;

  return va > vb ? -1 : va < vb ? 1 : 0;
}

/* The versions of the stored packs, newest first. */
static GArray *
list_stored_packs (GFile *packs_dir)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GArray *versions = g_array_new (FALSE, FALSE, sizeof (gint64));

  enumerator = g_file_enumerate_children (packs_dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return versions;

  for (;;)
    {
      GFileInfo *info;
      gint64 version;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, NULL) || info == NULL)
        break;
      version = stored_pack_version (g_file_info_get_name (info));
      if (version > 0)
        g_array_append_val (versions, version);
    }

  g_array_sort (versions, compare_versions_descending);
  return versions;
}

/**
 * cx_pack_store_get_file:
 *
 * Returns: (transfer full): where the pack of @version is kept
 */
GFile *
cx_pack_store_get_file (GFile  *packs_dir,
                        gint64  version)
{
  g_autofree char *name = g_strdup_printf ("pack-%" G_GINT64_FORMAT ".json", version);

  return g_file_get_child (packs_dir, name);
}

/**
 * cx_pack_store_prune:
 *
 * Keeps the newest KEEP_PACKS; a failure to delete only costs space.
 */
void
cx_pack_store_prune (GFile *packs_dir)
{
  g_autoptr(GArray) versions = list_stored_packs (packs_dir);

  for (guint i = KEEP_PACKS; i < versions->len; i++)
    {
      g_autoptr(GFile) file = cx_pack_store_get_file (packs_dir, g_array_index (versions, gint64, i));
      g_autoptr(GError) error = NULL;

      if (!g_file_delete (file, NULL, &error))
        g_debug ("Could not delete an old pack: %s", error->message);
    }
}

/* Stored packs are single files: a section named as a file would be looked
 * up beside it, which is refused by giving no directory. */
static CxDataPack *
load_stored_pack (GFile   *file,
                  gint64   version,
                  GError **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Only a regular file, no larger than a download may be. */
  bytes = cx_store_read_file (file, CX_PACK_STORE_MAX_FILE_SIZE, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  pack = cx_data_pack_load_from_bytes (bytes, NULL, name, NULL, error);
  if (pack == NULL)
    return NULL;

  if (cx_data_pack_get_version (pack) != version)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE,
                   _("%s: holds version %lld, not the one in its name"),
                   name, (long long) cx_data_pack_get_version (pack));
      return NULL;
    }

  return g_steal_pointer (&pack);
}

/**
 * cx_pack_store_get_default_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/changning-explorer/packs
 */
GFile *
cx_pack_store_get_default_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "changning-explorer", "packs", NULL);

  return g_file_new_for_path (path);
}

/* A download stored while the app was killed leaves
 * "pack-N.json.partial-XXXXXX" (".XXXXXX" from older versions).
 * A complete one (a pack of version N) takes its place if that is free;
 * any other is removed: a pack can always be downloaded again. */
static void
recover_interrupted_stores (GFile   *packs_dir,
                            GString *warnings)
{
  g_autoptr(GPtrArray) names = cx_store_list_temporaries (packs_dir, TRUE);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *target = cx_store_temp_target (name, TRUE);
      g_autoptr(GFile) temp = NULL;
      g_autoptr(GFile) target_file = NULL;
      g_autoptr(CxDataPack) pack = NULL;
      g_autoptr(GError) error = NULL;

      /* Only temporaries of packs: anything else here is not ours to touch. */
      if (stored_pack_version (target) <= 0)
        continue;
      temp = g_file_get_child (packs_dir, name);
      target_file = g_file_get_child (packs_dir, target);

      if (warnings->len > 0)
        g_string_append_c (warnings, '\n');

      if (!g_file_query_exists (target_file, NULL))
        pack = load_stored_pack (temp, stored_pack_version (target), NULL);
      if (pack != NULL &&
          g_file_move (temp, target_file, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &error))
        g_string_append_printf (warnings, _("Storing the data pack %s was interrupted; it was complete and was recovered."),
                                target);
      else if (g_file_delete (temp, NULL, &error))
        g_string_append_printf (warnings, _("Storing the data pack %s was interrupted; the unfinished copy %s was removed (it can be downloaded again)."),
                                target, name);
      else
        g_string_append_printf (warnings, _("Storing the data pack %s was interrupted; its unfinished copy %s could not be removed: %s"),
                                target, name, error->message);
    }
}

/**
 * cx_pack_store_load_best:
 * @packs_dir: where updates are stored; it need not exist
 * @warning: (out) (optional) (nullable): when a stored pack failed to load:
 *   which, why, and where it was moved; %NULL otherwise
 *
 * Loads the newest stored pack that is newer than the embedded one and
 * loads without a problem; one that cannot be read (permission, I/O error,
 * not a regular file, too large) is left where it is, one that reads but is
 * not a valid pack is renamed pack-VERSION.json.corrupt-DATE, and the next
 * is tried, down to the embedded pack; @warning says which and why.
 * Temporaries a killed store left are recovered or removed first, and said.
 * Synchronous: stored packs are a few hundred kilobytes.
 *
 * Returns: (transfer full): the pack to use; %NULL only if even the
 *   embedded pack fails to load (and no stored one loads)
 */
CxDataPack *
cx_pack_store_load_best (GFile   *packs_dir,
                         char   **warning,
                         GError **error)
{
  g_autoptr(CxDataPack) fallback = NULL;
  g_autoptr(GError) fallback_error = NULL;
  g_autoptr(GArray) versions = NULL;
  g_autoptr(GString) warnings = g_string_new (NULL);
  CxDataPack *best = NULL;
  gint64 floor = 0;

  g_return_val_if_fail (G_IS_FILE (packs_dir), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A newer app may embed newer data than it ever downloaded. */
  fallback = cx_data_pack_load_default (&fallback_error);
  if (fallback != NULL)
    floor = cx_data_pack_get_version (fallback);

  recover_interrupted_stores (packs_dir, warnings);

  versions = list_stored_packs (packs_dir);
  for (guint i = 0; i < versions->len && best == NULL; i++)
    {
      gint64 version = g_array_index (versions, gint64, i);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *new_name = NULL;

      if (version <= floor)
        break;

      file = cx_pack_store_get_file (packs_dir, version);
      best = load_stored_pack (file, version, &load_error);
      if (best != NULL)
        break;

      name = g_file_get_basename (file);
      if (warnings->len > 0)
        g_string_append_c (warnings, '\n');
      /* Unreadable is perhaps only for now (a permission, a disk): left
       * where it is, and tried again at the next start. */
      if (g_error_matches (load_error, CX_PACK_ERROR, CX_PACK_ERROR_IO))
        g_string_append_printf (warnings, _("The stored data pack %s could not be used and was left as it is: %s"),
                                name, load_error->message);
      else if (cx_store_move_aside (file, &new_name, &move_error))
        g_string_append_printf (warnings, _("The stored data pack %s could not be used and was moved aside as %s: %s"),
                                name, new_name, load_error->message);
      else
        g_string_append_printf (warnings, _("The stored data pack %s could not be used, nor moved aside (%s): %s"),
                                name, move_error->message, load_error->message);
    }

  if (warning != NULL)
    *warning = warnings->len > 0 ? g_strdup (warnings->str) : NULL;

  if (best != NULL)
    return best;

  if (fallback == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&fallback_error));
      return NULL;
    }

  return g_steal_pointer (&fallback);
}
