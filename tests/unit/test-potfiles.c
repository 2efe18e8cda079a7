/* test-potfiles.c: every file with translatable strings is in POTFILES.in
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

static gboolean
has_translatable_strings (const char *contents,
                          const char *name)
{
  static GRegex *c_regex;

  if (g_str_has_suffix (name, ".ui") || g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.in"))
    return strstr (contents, "translatable=\"yes\"") != NULL ||
           strstr (contents, "<_") != NULL ||
           strstr (contents, "gettext-domain") != NULL ||
           strstr (contents, "<summary>") != NULL;

  if (g_str_has_suffix (name, ".desktop.in"))
    return TRUE;

  if (g_once_init_enter (&c_regex))
    g_once_init_leave (&c_regex, g_regex_new ("(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\\s*\\(", G_REGEX_MULTILINE, 0, NULL));

  return g_regex_match (c_regex, contents, 0, NULL);
}

static void
scan (GFile      *root,
      GFile      *dir,
      GPtrArray  *found)
{
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, "standard::name,standard::type", G_FILE_QUERY_INFO_NONE, NULL, NULL);
  GFileInfo *info;

  g_assert_nonnull (e);
  while ((info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = g_file_get_child (dir, name);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          /* Pack strings are extracted by their own tool, not xgettext. */
          if (!g_str_equal (name, "packs") && !g_str_equal (name, "icons") && !g_str_equal (name, "screenshots"))
            scan (root, child, found);
          continue;
        }

      if (g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".ui") ||
          g_str_has_suffix (name, ".desktop.in") || g_str_has_suffix (name, ".metainfo.xml.in") ||
          g_str_has_suffix (name, ".gschema.xml"))
        {
          g_autofree char *contents = NULL;

          g_assert_true (g_file_load_contents (child, NULL, &contents, NULL, NULL, NULL));
          if (has_translatable_strings (contents, name))
            g_ptr_array_add (found, g_file_get_relative_path (root, child));
        }
    }
}

static void
test_potfiles_complete (void)
{
  const char *top = g_getenv ("CX_SOURCE_ROOT");
  g_autoptr(GFile) root = g_file_new_for_path (top);
  g_autofree char *potfiles_path = g_build_filename (top, "po", "POTFILES.in", NULL);
  g_autofree char *potfiles = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *dirs[] = { "src", "data" };

  g_assert_true (g_file_get_contents (potfiles_path, &potfiles, NULL, NULL));
  lines = g_strsplit (potfiles, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      /* Every listed file exists. */
      path = g_build_filename (top, lines[i], NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("po/POTFILES.in lists %s, which does not exist", lines[i]);
      g_hash_table_add (listed, lines[i]);
    }

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GFile) dir = g_file_get_child (root, dirs[d]);
      scan (root, dir, found);
    }

  g_assert_cmpuint (found->len, >, 5);
  for (guint i = 0; i < found->len; i++)
    if (!g_hash_table_contains (listed, g_ptr_array_index (found, i)))
      g_error ("%s has translatable strings but is missing from po/POTFILES.in",
               (char *) g_ptr_array_index (found, i));
}

/* xgettext stops a message at a macro: _("version %" G_GINT64_FORMAT)
 * becomes the msgid "version %", which nothing looks up, so the message is
 * never translated. Messages use %lld, %zu and casts instead. */
static void
check_no_format_macros (GFile *dir)
{
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, "standard::name,standard::type", G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("(^|[^A-Za-z0-9_])(_|N_|ngettext|C_\\s*\\(\\s*\"[^\"]*\"\\s*,)\\s*\\(?\\s*"
                                         "\"([^\"\\\\\\n]|\\\\.)*\"\\s*(G_G[A-Z0-9]+_FORMAT|PRI[a-zA-Z0-9]+)",
                                         G_REGEX_MULTILINE, 0, NULL);
  GFileInfo *info;

  g_assert_nonnull (e);
  g_assert_nonnull (regex);
  while ((info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = g_file_get_child (dir, name);
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          check_no_format_macros (child);
          continue;
        }
      if (!g_str_has_suffix (name, ".c"))
        continue;

      g_assert_true (g_file_load_contents (child, NULL, &contents, NULL, NULL, NULL));
      if (g_regex_match (regex, contents, 0, &match))
        {
          g_autofree char *path = g_file_get_path (child);
          g_autofree char *text = g_match_info_fetch (match, 0);

          g_error ("%s: a translatable message with a format macro, which xgettext cuts short: %s", path, text);
        }
    }
}

static void
test_no_format_macros (void)
{
  g_autofree char *src = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "src", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (src);

  check_no_format_macros (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/potfiles/complete", test_potfiles_complete);
  g_test_add_func ("/potfiles/no-format-macros", test_no_format_macros);

  return g_test_run ();
}
