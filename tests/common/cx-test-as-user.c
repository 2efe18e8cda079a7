/* cx-test-as-user.c: run a test as an ordinary user, where permissions matter
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * root reads every file whatever its mode, so "permission denied" cannot
 * happen to it. A test started as root (CI containers) starts itself again
 * as nobody through setpriv; where that is impossible it stays root, and
 * the cases that need an ordinary user skip, saying why (or fail, on CI).
 *
 * Under valgrind (`meson test --setup=valgrind`) the exec of setpriv leaves
 * valgrind, which follows no child: the test would run natively and
 * unchecked. So valgrind is put back in front of the test, after setpriv;
 * the setup gives valgrind its options in VALGRIND_OPTS, which valgrind
 * reads itself, so the second run has the same ones.
 */

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cx-test-as-user.h"
#include "cx-test-wait.h"

#define AS_USER_UID "65534"

/* Why this process is root still, when cx_test_as_user_reexec() returned. */
static char *as_user_unavailable;

/* Whether nobody can reach @path, o+x on every folder above it, and read
 * it (and, with @run, run it). */
static gboolean
as_user_can_reach (const char *path,
                   gboolean    run)
{
  g_autofree char *real = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_strdup (real);
  GStatBuf st;

  if (g_stat (real, &st) != 0 || (run && !(st.st_mode & S_IXOTH)) || !(st.st_mode & S_IROTH))
    return FALSE;

  for (;;)
    {
      char *parent = g_path_get_dirname (dir);

      g_free (dir);
      dir = parent;
      if (g_stat (dir, &st) != 0 || !(st.st_mode & S_IXOTH))
        return FALSE;
      if (g_str_equal (dir, "/"))
        return TRUE;
    }
}

/* Copies @from into @dir (made for nobody), readable by all. */
static char *
as_user_copy (const char *from,
              const char *dir,
              const char *name,
              int         mode)
{
  g_autofree char *contents = NULL;
  gsize length;
  char *to = g_build_filename (dir, name, NULL);

  if (!g_file_get_contents (from, &contents, &length, NULL) ||
      !g_file_set_contents_full (to, contents, (gssize) length, G_FILE_SET_CONTENTS_NONE, mode, NULL) ||
      chown (to, 65534, 65534) != 0)
    g_clear_pointer (&to, g_free);
  return to;
}

/* A copy of the suppressions file @path that nobody can read, or NULL when
 * nobody reads @path itself. LeakSanitizer reads its file at exit, after
 * cx_test_as_user_cleanup(), so copies go to the temporary folder under a
 * name that is the same every run from one checkout (the path's hash:
 * checkouts side by side on one machine have files of their own). */
static char *
as_user_suppressions_copy (const char *path)
{
  g_autofree char *base = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (as_user_can_reach (path, FALSE))
    return NULL;
  base = g_path_get_basename (path);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  name = g_strdup_printf ("cx-as-user-%.12s-%s", hash, base);
  return as_user_copy (path, g_get_tmp_dir (), name, 0644);
}

/* The suppressions files named in the options in @variable (PREFIX=PATH,
 * the options split at @separator), copied where nobody can read them. */
static void
as_user_copy_suppressions (const char *variable,
                           const char *prefix,
                           const char *separator)
{
  const char *options = g_getenv (variable);
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  if (options == NULL || strstr (options, prefix) == NULL)
    return;

  parts = g_strsplit (options, separator, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_has_prefix (parts[i], prefix))
      {
        g_autofree char *copy = as_user_suppressions_copy (parts[i] + strlen (prefix));

        if (copy != NULL)
          {
            g_free (parts[i]);
            parts[i] = g_strconcat (prefix, copy, NULL);
          }
      }
  joined = g_strjoinv (separator, parts);
  g_setenv (variable, joined, TRUE);
}

/* Call first in main(). Returns only when the process is not to be
 * replaced: already an ordinary user, or unable to become one (then
 * cx_test_as_user_or_skip() says why).
 *
 * When nobody cannot reach the test where it was built (a build tree under
 * a private folder), the test, the compiled settings schemas and the X
 * authority are copied into a folder nobody owns, which
 * cx_test_as_user_cleanup() removes. */
void
cx_test_as_user_reexec (char **argv)
{
  g_autofree char *setpriv = NULL;
  g_autofree char *valgrind = NULL;
  g_autofree char *program = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) args = NULL;
  int saved_errno;

  if (geteuid () != 0)
    return;
  if (g_getenv ("CX_TEST_AS_USER_TRIED") != NULL)
    {
      as_user_unavailable = g_strdup ("an earlier attempt (CX_TEST_AS_USER_TRIED is set) left it root");
      return;
    }

  setpriv = g_find_program_in_path ("setpriv");
  if (setpriv == NULL)
    {
      as_user_unavailable = g_strdup ("setpriv (util-linux) is not installed");
      return;
    }
  if (cx_test_under_valgrind ())
    {
      valgrind = g_find_program_in_path ("valgrind");
      if (valgrind == NULL)
        {
          /* Going on without valgrind would run the cases unchecked. */
          as_user_unavailable = g_strdup ("the test runs under valgrind, and no valgrind is in PATH to run it as nobody");
          return;
        }
    }

  /* xvfb-run keeps its X authority in a folder only its owner can enter,
   * wherever the build tree is: nobody then needs a copy too. */
  if (as_user_can_reach (argv[0], TRUE) &&
      (g_getenv ("XAUTHORITY") == NULL || as_user_can_reach (g_getenv ("XAUTHORITY"), FALSE)))
    program = g_canonicalize_filename (argv[0], NULL);
  else
    {
      g_autofree char *dir = g_dir_make_tmp ("cx-as-user-XXXXXX", NULL);
      g_autofree char *base = g_path_get_basename (argv[0]);
      const char *schemas = g_getenv ("GSETTINGS_SCHEMA_DIR");
      const char *xauthority = g_getenv ("XAUTHORITY");

      if (dir == NULL || g_chmod (dir, 0755) != 0 || chown (dir, 65534, 65534) != 0)
        {
          as_user_unavailable = g_strdup ("nobody cannot reach the test, and no folder for a copy could be made");
          return;
        }
      program = as_user_copy (argv[0], dir, base, 0755);
      if (program == NULL)
        {
          as_user_unavailable = g_strdup ("nobody cannot reach the test, and it could not be copied");
          return;
        }
      if (schemas != NULL)
        {
          g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);
          g_autofree char *copy = as_user_copy (compiled, dir, "gschemas.compiled", 0644);

          if (copy != NULL)
            g_setenv ("GSETTINGS_SCHEMA_DIR", dir, TRUE);
        }
      if (xauthority != NULL)
        {
          g_autofree char *copy = as_user_copy (xauthority, dir, "Xauthority", 0600);

          if (copy != NULL)
            g_setenv ("XAUTHORITY", copy, TRUE);
        }
      g_setenv ("CX_TEST_AS_USER_DIR", dir, TRUE);
    }
  as_user_copy_suppressions ("LSAN_OPTIONS", "suppressions=", ":");
  as_user_copy_suppressions ("VALGRIND_OPTS", "--suppressions=", " ");

  g_setenv ("CX_TEST_AS_USER_TRIED", "1", TRUE);
  g_setenv ("HOME", g_get_tmp_dir (), TRUE);
  builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, setpriv, "--reuid=" AS_USER_UID, "--regid=" AS_USER_UID,
                           "--clear-groups", "--", NULL);
  if (valgrind != NULL)
    g_strv_builder_add (builder, valgrind);
  g_strv_builder_add (builder, program);
  for (guint i = 1; argv[i] != NULL; i++)
    g_strv_builder_add (builder, argv[i]);
  args = g_strv_builder_end (builder);

  execv (setpriv, args);
  saved_errno = errno;
  as_user_unavailable = g_strdup_printf ("setpriv could not be started (%s)", g_strerror (saved_errno));
}

/* Removes what cx_test_as_user_reexec() copied. */
void
cx_test_as_user_cleanup (void)
{
  const char *dir = g_getenv ("CX_TEST_AS_USER_DIR");
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || geteuid () == 0)
    return;

  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* For the cases that need file permissions to hold. They skip where the
 * test cannot run as an ordinary user, saying why; on CI (where CI is set,
 * as CI systems and .ci/run do) they fail instead, since a skip there would
 * go unnoticed in every run. */
gboolean
cx_test_as_user_or_skip (void)
{
  g_autofree char *why = NULL;

  if (geteuid () != 0)
    return TRUE;

  why = g_strdup_printf ("running as root, which reads any file whatever its permissions, and the test "
                         "could not run itself as nobody: %s",
                         as_user_unavailable != NULL ? as_user_unavailable : "cx_test_as_user_reexec() was not called");
  if (g_getenv ("CI") != NULL && g_getenv ("CI")[0] != '\0')
    g_test_fail_printf ("%s (a skip is not accepted on CI)", why);
  else
    g_test_skip (why);
  return FALSE;
}
