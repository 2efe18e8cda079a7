/* cx-store-util.c: files the app keeps in its data directory
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored packs and layers are never edited in place and never deleted
 * because they failed to load: they are written whole under a temporary
 * name and renamed (so a crash leaves the old file or the new one, never
 * half of one), and a file that fails is renamed aside for a human to look
 * at. docs/stored-files.md lists what happens to each file on each failure.
 *
 * Files are read with cx_store_read_file(): only regular files, their size
 * checked on the opened descriptor before anything is read, and the read
 * bounded, so that a FIFO, a device or a huge file in the data directory
 * can neither hang nor exhaust the app.
 */

#define G_LOG_DOMAIN "cx-store"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cx-store-private.h"
#include "cx-store-util.h"

#define READ_CHUNK (64 * 1024)

/* A save in progress is "NAME.partial-XXXXXX" beside NAME: a name no one
 * would give a file of their own, so that a start can remove one that was
 * left without risk to anything else. */
#define TEMP_TAG ".partial-"
#define TEMP_RANDOM_LENGTH 6

static void set_write_error (GError **error, GIOErrorEnum code, int saved_errno, const char *detail);
static GIOErrorEnum write_error_code (int saved_errno);

static void
identity_from_stat (const struct stat *st,
                    CxStoreIdentity   *identity)
{
  identity->exists = TRUE;
  identity->dev = st->st_dev;
  identity->ino = st->st_ino;
  identity->size = st->st_size;
  identity->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
}

gboolean
cx_store_identity_equal (const CxStoreIdentity *a,
                         const CxStoreIdentity *b)
{
  if (!a->exists || !b->exists)
    return a->exists == b->exists;
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_ns == b->mtime_ns;
}

/**
 * cx_store_query_identity:
 * @identity: (out): which file @file names now; `exists` is %FALSE when
 *   there is none
 *
 * Returns: %FALSE with @error set when it cannot be told (not "missing")
 */
gboolean
cx_store_query_identity (GFile           *file,
                         CxStoreIdentity *identity,
                         GError         **error)
{
  g_autofree char *path = g_file_get_path (file);
  struct stat st;

  memset (identity, 0, sizeof *identity);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("it is not a local file"));
      return FALSE;
    }
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
      return FALSE;
    }
  identity_from_stat (&st, identity);
  return TRUE;
}

/* Waits this long at most for another process's save to finish. */
#define LOCK_TRIES 100
#define LOCK_WAIT_US (20 * 1000)

/**
 * cx_store_lock_dir:
 * @dir: a folder the app keeps files in
 *
 * Takes an exclusive flock() on @dir itself (no lock file in the user's
 * folder), so that two processes saving there (two sessions, a Flatpak and
 * a native build on one data folder) take turns between "what is on disk
 * now" and the rename that replaces it. Waits up to 2 s for the other.
 *
 * Returns: the descriptor to give cx_store_unlock_dir(), or -1 with @error
 */
int
cx_store_lock_dir (GFile   *dir,
                   GError **error)
{
  g_autofree char *path = g_file_get_path (dir);
  int fd;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("it is not a local file"));
      return -1;
    }
  fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_message ("Locking %s failed: %s", path, g_strerror (saved_errno));
      set_write_error (error, write_error_code (saved_errno), saved_errno, g_strerror (saved_errno));
      return -1;
    }

  for (guint i = 0; i < LOCK_TRIES; i++)
    {
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        return fd;
      /* A file system without locks (some network shares): the check of
       * the file's identity before the write still sees most saves. */
      if (errno != EWOULDBLOCK && errno != EINTR)
        {
          g_debug ("Folder %s cannot be locked (%s); saving without the lock", path, g_strerror (errno));
          return fd;
        }
      g_usleep (LOCK_WAIT_US);
    }

  g_message ("Locking %s failed: %s", path, g_strerror (errno));
  g_close (fd, NULL);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("another window or program kept saving in the same folder (try again in a moment)"));
  return -1;
}

void
cx_store_unlock_dir (int fd)
{
  if (fd < 0)
    return;
  flock (fd, LOCK_UN);
  g_close (fd, NULL);
}

/* What a failed write means and what to do about it, in words and without
 * the path (the caller names the file in words: "your scenes", a layer's
 * name). The path and the system's own message go to the log. */
static void
set_write_error (GError      **error,
                 GIOErrorEnum  code,
                 int           saved_errno,
                 const char   *detail)
{
  if (saved_errno == EIO)
    {
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("the disk reported an input/output error (the disk or network share may be failing)"));
      return;
    }

  switch ((int) code)
    {
    case G_IO_ERROR_PERMISSION_DENIED:
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("your account may not write in its folder (check the folder’s permissions)"));
      break;
    case G_IO_ERROR_NO_SPACE:
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("the disk is full (free some space, then try again)"));
      break;
    case G_IO_ERROR_READ_ONLY:
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("the disk is read-only (it may be write-protected, or mounted read-only)"));
      break;
    case G_IO_ERROR_NOT_FOUND:
    case G_IO_ERROR_NOT_DIRECTORY:
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("its folder is missing, or is not a folder"));
      break;
    case G_IO_ERROR_IS_DIRECTORY:
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("a folder of the same name is in the way"));
      break;
    default:
      g_set_error (error, G_IO_ERROR, code,
                   _("the system refused to write it (%s); check the folder’s permissions and free space"), detail);
      break;
    }
}

/* errno values GIO has no code for that still mean "full" or "failing". */
static GIOErrorEnum
write_error_code (int saved_errno)
{
#ifdef EDQUOT
  if (saved_errno == EDQUOT)
    return G_IO_ERROR_NO_SPACE;
#endif
  return g_io_error_from_errno (saved_errno);
}

/**
 * cx_store_write_failed:
 * @file: the file (or folder) that could not be written
 * @cause: the error GIO gave
 *
 * Sets @error to what @cause means for a write, in words without the path
 * (cx-store-util.c's write errors are worded the same way), and logs the
 * technical detail: the path and GIO's own message.
 */
void
cx_store_write_failed (GFile         *file,
                       const GError  *cause,
                       GError       **error)
{
  g_autofree char *shown = g_file_get_parse_name (file);

  g_message ("Writing %s failed: %s", shown, cause->message);
  if (cause->domain == G_IO_ERROR)
    set_write_error (error, cause->code, 0, cause->message);
  else
    set_write_error (error, G_IO_ERROR_FAILED, 0, cause->message);
}

/* Creates @dir and its parents; an existing directory is fine. Errors as
 * cx_store_write_failed() words them. */
gboolean
cx_store_ensure_dir (GFile   *dir,
                     GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_make_directory_with_parents (dir, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  cx_store_write_failed (dir, local_error, error);
  return FALSE;
}

/* The test hook (cx-store-private.h); set before any save begins. */
static CxStoreStepFunc step_func;
static gpointer step_data;

void
cx_store_set_step_func (CxStoreStepFunc func,
                        gpointer        user_data)
{
  step_func = func;
  step_data = user_data;
}

static void
step (CxStoreStep  which,
      GFile       *file)
{
  if (step_func != NULL)
    step_func (which, file, step_data);
}

/* Replaces @file with @contents atomically and durably: written whole to
 * "NAME.partial-XXXXXX" (created with @mode), fsync()ed, then renamed over
 * NAME. A crash leaves the old file or the new one, and at worst the
 * temporary, which cx_store_temp_target() recognises. @file must be local.
 * A failure is said in words, without the path (cx_store_write_failed()),
 * and logged with it. */
gboolean
cx_store_write_atomic (GFile       *file,
                       const char  *contents,
                       gsize        length,
                       int          mode,
                       GError     **error)
{
  return cx_store_write_atomic_full (file, contents, length, mode, NULL, error);
}

/**
 * cx_store_write_atomic_full:
 * @written: (out) (optional): which file @file names once written
 *
 * cx_store_write_atomic(), telling which file it wrote (for
 * cx_store_identity_equal() at the next save).
 */
gboolean
cx_store_write_atomic_full (GFile            *file,
                            const char       *contents,
                            gsize             length,
                            int               mode,
                            CxStoreIdentity  *written,
                            GError          **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *temp = NULL;
  gsize done = 0;
  int fd;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s is not a local file", uri);
      return FALSE;
    }

  step (CX_STORE_STEP_BEGIN, file);
  temp = g_strconcat (path, TEMP_TAG "XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, mode);
  if (fd < 0)
    goto failed;
  step (CX_STORE_STEP_TEMP_CREATED, file);

  while (done < length)
    {
      gssize n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed_open;
      done += (gsize) n;
    }

  /* On the disk before the name points at it: a power cut must not leave
   * NAME empty (ext4 and others commit the rename first). */
  if (fsync (fd) != 0)
    goto failed_open;
  /* The rename keeps the inode, and nothing writes to it after this. */
  if (written != NULL)
    {
      struct stat st;

      if (fstat (fd, &st) != 0)
        goto failed_open;
      identity_from_stat (&st, written);
    }
  if (!g_close (fd, NULL))
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  step (CX_STORE_STEP_TEMP_WRITTEN, file);

  if (g_rename (temp, path) != 0)
    goto failed;
  step (CX_STORE_STEP_REPLACED, file);
  return TRUE;

failed_open:
  {
    int saved_errno = errno;

    g_close (fd, NULL);
    errno = saved_errno;
  }
failed:
  {
    int saved_errno = errno;
    g_autofree char *display = g_filename_display_name (path);

    if (fd >= 0 || g_file_test (temp, G_FILE_TEST_EXISTS))
      g_unlink (temp);
    g_message ("Writing %s failed: %s", display, g_strerror (saved_errno));
    set_write_error (error, write_error_code (saved_errno), saved_errno, g_strerror (saved_errno));
    return FALSE;
  }
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

/* Says what went wrong in words, without the path (the caller names the
 * file): GIO's own messages repeat the full path first, which pushes the
 * cause out of a one-line toast. */
static void
set_errno_error (GError **error,
                 int      saved_errno)
{
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);

  switch (saved_errno)
    {
    case ENOENT:
      g_set_error_literal (error, G_IO_ERROR, code, _("there is no such file"));
      break;
    case EACCES:
    case EPERM:
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("permission denied (your account may not read it; check its permissions)"));
      break;
    case EISDIR:
      g_set_error_literal (error, G_IO_ERROR, code, _("it is a folder, not a file"));
      break;
    case ELOOP:
      g_set_error_literal (error, G_IO_ERROR, code, _("it is a link that leads nowhere (a loop of links)"));
      break;
    case EIO:
      g_set_error_literal (error, G_IO_ERROR, code,
                           _("the disk reported an input/output error (the disk or network share may be failing)"));
      break;
    default:
      g_set_error (error, G_IO_ERROR, code, _("it cannot be read: %s"), g_strerror (saved_errno));
      break;
    }
}

/**
 * cx_store_read_file:
 * @file: a local file
 * @max_size: the largest size accepted, in bytes
 *
 * Reads a file the app keeps. Only a regular file is read (a FIFO, a
 * device, a socket or a directory is refused without blocking: the file is
 * opened non-blocking and checked with fstat() on the opened descriptor, so
 * a file swapped in between cannot slip past). The size is checked before
 * anything is read and the read stops at @max_size + 1 bytes, so a file
 * that grows while it is read is refused too. Nothing here changes the file.
 *
 * Errors are in %G_IO_ERROR, their messages the cause in words without the
 * path: %G_IO_ERROR_NOT_FOUND, %G_IO_ERROR_PERMISSION_DENIED,
 * %G_IO_ERROR_IS_DIRECTORY, %G_IO_ERROR_NOT_REGULAR_FILE,
 * %G_IO_ERROR_MESSAGE_TOO_LARGE, %G_IO_ERROR_CANCELLED, or another code
 * for an I/O error.
 *
 * Returns: (transfer full): the contents, followed by a NUL that is not
 *   counted in the size; %NULL with @error set
 */
GBytes *
cx_store_read_file (GFile         *file,
                    gsize          max_size,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return cx_store_read_file_full (file, max_size, cancellable, NULL, error);
}

/**
 * cx_store_read_file_full:
 * @identity: (out) (optional): which file was read, from the descriptor
 *   it was read through; unchanged on error
 *
 * cx_store_read_file(), telling which file it read: a process that later
 * finds another file under the name knows the file changed meanwhile.
 */
GBytes *
cx_store_read_file_full (GFile            *file,
                         gsize             max_size,
                         GCancellable     *cancellable,
                         CxStoreIdentity  *identity,
                         GError          **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize allocated, total = 0;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE - READ_CHUNK - 1, NULL);

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("it is not a local file"));
      return NULL;
    }

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
   * writer, forever. It changes nothing for a regular file. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      set_errno_error (error, saved_errno);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("it is a folder, not a file"));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("it is not a regular file (it is a pipe, a device or a socket, or a link to one)"));
      return NULL;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    {
      g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_close (fd, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("it is larger than %s, far larger than such a file can be"), limit);
      return NULL;
    }

  allocated = (gsize) st.st_size + 1;
  buffer = g_malloc (allocated);

  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_close (fd, NULL);
          return NULL;
        }

      /* The file may have grown since fstat(); never past the limit. */
      if (allocated - total < READ_CHUNK + 1)
        {
          allocated = MIN (MAX (allocated * 2, total + READ_CHUNK + 1), max_size + READ_CHUNK + 2);
          buffer = g_realloc (buffer, allocated);
        }

      n = read (fd, buffer + total, MIN (READ_CHUNK, allocated - total - 1));
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_close (fd, NULL);
          set_errno_error (error, saved_errno);
          return NULL;
        }
      if (n == 0)
        break;

      total += (gsize) n;
      if (total > max_size)
        {
          g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

          g_close (fd, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("it is larger than %s, far larger than such a file can be"), limit);
          return NULL;
        }
    }

  /* The size and time after the read: a write meanwhile changes them. */
  if (identity != NULL && fstat (fd, &st) == 0)
    identity_from_stat (&st, identity);
  g_close (fd, NULL);
  buffer[total] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buffer), total);
}

static gboolean
is_random_part (const char *text,
                gboolean    legacy)
{
  gboolean lower_only = TRUE;

  for (guint i = 0; i < TEMP_RANDOM_LENGTH; i++)
    {
      if (!g_ascii_isalnum (text[i]))
        return FALSE;
      if (!g_ascii_islower (text[i]))
        lower_only = FALSE;
    }

  /* g_mkstemp() draws from letters of both cases and digits; six small
   * letters are more likely a word ("backup") than its draw. */
  return text[TEMP_RANDOM_LENGTH] == '\0' && !(legacy && lower_only);
}

/**
 * cx_store_temp_target:
 * @name: a file name in a directory the app keeps
 * @legacy: whether to also accept "TARGET.XXXXXX"
 *
 * Whether @name is a temporary that a save left when the process died
 * before its rename: "TARGET.partial-XXXXXX" (cx_store_write_atomic()), or
 * with @legacy, "TARGET.XXXXXX", which g_file_set_contents() left before
 * (then not six small letters, which could be a person's "NAME.backup").
 * @legacy is only for folders whose every name the app chose.
 *
 * Returns: (transfer full) (nullable): TARGET, or %NULL
 */
char *
cx_store_temp_target (const char *name,
                      gboolean    legacy)
{
  gsize length = strlen (name);
  const char *tag;

  tag = g_strrstr (name, TEMP_TAG);
  if (tag != NULL && tag > name && is_random_part (tag + strlen (TEMP_TAG), FALSE))
    return g_strndup (name, tag - name);

  if (legacy && length > TEMP_RANDOM_LENGTH + 1 &&
      name[length - TEMP_RANDOM_LENGTH - 1] == '.' &&
      is_random_part (name + length - TEMP_RANDOM_LENGTH, TRUE))
    return g_strndup (name, length - TEMP_RANDOM_LENGTH - 1);

  return NULL;
}

/**
 * cx_store_list_temporaries:
 * @dir: a directory the app keeps
 * @legacy: as for cx_store_temp_target()
 *
 * The names in @dir that cx_store_temp_target() takes for temporaries of
 * an interrupted save, in no particular order; none when @dir cannot be
 * listed.
 *
 * Returns: (transfer full) (element-type utf8): the names
 */
GPtrArray *
cx_store_list_temporaries (GFile    *dir,
                           gboolean  legacy)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL)
    {
      GFileInfo *info;
      g_autofree char *target = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, NULL) || info == NULL)
        break;
      target = cx_store_temp_target (g_file_info_get_name (info), legacy);
      if (target != NULL)
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  return g_steal_pointer (&names);
}

/**
 * cx_store_describe_error:
 * @error: an error from GIO about a file
 *
 * The cause of @error in words, without the path that GIO's messages start
 * with (which pushes the cause out of a one-line toast): for the common
 * codes a short phrase, for the others the message as it is.
 *
 * Returns: (transfer full): the cause
 */
char *
cx_store_describe_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        return g_strdup (_("there is no such file"));
      case G_IO_ERROR_PERMISSION_DENIED:
        return g_strdup (_("permission denied (your account may not read it; check its permissions)"));
      case G_IO_ERROR_IS_DIRECTORY:
        return g_strdup (_("it is a folder, not a file"));
      case G_IO_ERROR_NOT_REGULAR_FILE:
        return g_strdup (_("it is not a regular file (it is a pipe, a device or a socket, or a link to one)"));
      default:
        break;
      }

  return g_strdup (error->message);
}

/**
 * cx_store_guard_settings_file:
 *
 * Preferences are GSettings, written by GLib, not by the app. Under
 * Flatpak (and wherever GSETTINGS_BACKEND=keyfile) GLib keeps them in
 * `$XDG_CONFIG_HOME/glib-2.0/settings/keyfile`, and a keyfile it cannot
 * parse is read as empty and replaced whole at the next change of any
 * preference. So at start, before anything is written, such a file is
 * copied aside intact as `keyfile.corrupt-DATE`, and the user is told. (With
 * dconf, the desktop's own service keeps the database; nothing to do here.)
 *
 * Returns: (transfer full) (nullable): what to tell the user, or %NULL
 */
char *
cx_store_guard_settings_file (void)
{
  g_autoptr(GSettingsBackend) backend = g_settings_backend_get_default ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(GFile) copy = NULL;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (backend), "GKeyfileSettingsBackend") != 0)
    return NULL;

  path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  file = g_file_new_for_path (path);
  bytes = cx_store_read_file (file, 16 * 1024 * 1024, NULL, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      return g_strdup_printf (_("Your preferences file %s could not be read: %s. Preferences start from their defaults; changing one may replace that file."),
                              path, error->message);
    }

  keyfile = g_key_file_new ();
  if (g_key_file_load_from_data (keyfile, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_KEY_FILE_KEEP_COMMENTS, &error))
    return NULL;

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  copy_path = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  copy = g_file_new_for_path (copy_path);
  if (!g_file_copy (file, copy, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &copy_error))
    return g_strdup_printf (_("Your preferences file %s could not be understood (%s), and no copy of it could be kept (%s). Changing a preference will replace it."),
                            path, error->message, copy_error->message);

  return g_strdup_printf (_("Your preferences file %s could not be understood (%s). A copy was kept as %s; preferences it held may start from their defaults."),
                          path, error->message, copy_path);
}

typedef struct
{
  GFile               *file;
  CxStoreFileLoadFunc  load;
  GDestroyNotify       result_free;
} FileTask;

static void
file_task_free (gpointer data)
{
  FileTask *file_task = data;

  g_object_unref (file_task->file);
  g_free (file_task);
}

static void
file_task_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FileTask *file_task = task_data;
  GError *error = NULL;
  gpointer result = file_task->load (file_task->file, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, file_task->result_free);
}

/**
 * cx_store_run_file_task:
 * @file: the file (or folder) to read
 * @source_tag: the _async function, for its _finish to check
 * @name: the task's name, for profilers
 * @load: reads @file, in a thread
 * @result_free: frees what @load returns, if no one takes it
 *
 * Runs @load in a thread, on a task with no source object: how kept files
 * are read without blocking the window. The _finish function gets what
 * @load returned with g_task_propagate_pointer().
 */
void
cx_store_run_file_task (GFile               *file,
                        gpointer             source_tag,
                        const char          *name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        CxStoreFileLoadFunc  load,
                        GDestroyNotify       result_free)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  FileTask *file_task = g_new0 (FileTask, 1);

  file_task->file = g_object_ref (file);
  file_task->load = load;
  file_task->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, file_task, file_task_free);
  g_task_run_in_thread (task, file_task_thread);
}
