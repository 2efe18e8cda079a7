/* cx-import-helper-main.c: changning-explorer-import, the import helper process
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   changning-explorer-import [--crs=CRS] FILE
 *   changning-explorer-import --check-sandbox FILE
 *
 * Reads FILE with GDAL (cx-ogr-reader.c) and writes what it reads as pipe
 * records (cx-import-pipe.c) on fd 1; messages go to fd 2, which the window
 * keeps the end of for its log. The window starts it with its limits
 * (memory, CPU time, no core dump) and, where bubblewrap works, in a
 * sandbox with no network and only FILE readable (cx-import-helper.c).
 * Here it adds a seccomp filter that makes socket() fail, so that even
 * without bubblewrap a reader taken over by a hostile file cannot reach
 * the network. It never loads GTK.
 *
 * --check-sandbox is a diagnostic for the tests: it tries to open a
 * socket and to read FILE (which the sandbox does not let it see), says
 * what happened on stdout, and exits 0 only when both failed.
 */

#define G_LOG_DOMAIN "cx-import-helper"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* Built with AddressSanitizer (build-aux/sanitize, CI): its leak checker
 * reads /proc at exit, and a sandbox that could not mount a /proc (inside
 * build-aux/dev's own bubblewrap) has none, so the check would fail and the
 * helper exit in error after a good import. There, and only there, leaks
 * are not checked; the unsandboxed runs still check them. */
#if defined(__SANITIZE_ADDRESS__)
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return access ("/proc/self/maps", R_OK) == 0 ? "" : "detect_leaks=0";
}
#endif

#ifdef __linux__
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>
#endif

#include "cx-import-pipe.h"
#include "cx-import.h"
#include "cx-ogr-reader.h"

/* socket() and socketpair() fail with EACCES; every other call is allowed.
 * The architecture is checked first, so that a 32-bit call through the
 * compat entry cannot get around the filter. */
static gboolean
forbid_sockets (void)
{
#if defined(__linux__) && defined(SECCOMP_MODE_FILTER) && defined(__NR_socket) && \
    (defined(__x86_64__) || defined(__aarch64__))
#if defined(__x86_64__)
#define CX_AUDIT_ARCH AUDIT_ARCH_X86_64
#else
#define CX_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif
  struct sock_filter filter[] = {
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, arch)),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, CX_AUDIT_ARCH, 1, 0),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, nr)),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 2, 0),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, __NR_socketpair, 1, 0),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
  };
  struct sock_fprog program = { G_N_ELEMENTS (filter), filter };

  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl (PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0)
    {
      g_message ("no seccomp filter against sockets: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
#else
  g_message ("no seccomp filter against sockets on this system");
  return FALSE;
#endif
}

static int
check_sandbox (const char *path)
{
  int fd, sock, socket_errno, open_errno;

  sock = socket (AF_INET, SOCK_STREAM, 0);
  socket_errno = errno;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  open_errno = errno;

  printf ("socket: %s\n", sock < 0 ? g_strerror (socket_errno) : "opened");
  printf ("read %s: %s\n", path, fd < 0 ? g_strerror (open_errno) : "opened");
  if (sock >= 0)
    close (sock);
  if (fd >= 0)
    close (fd);
  return sock < 0 && fd < 0 ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(CxImportPipeWriter) writer = NULL;
  g_autoptr(GError) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *crs = NULL;
  gboolean sandbox_check = FALSE;
  const char *path = NULL;
  CxOgrReaderOptions options = { NULL };
  int pipe_fd;

  setlocale (LC_ALL, "");
  /* As main.c: CX_LOCALEDIR is a build tree's po/ (build-aux/dev run, the
   * tests), so that its messages are in the window's language there too. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CX_LOCALEDIR") != NULL ? g_getenv ("CX_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--") && i + 2 == argc && path == NULL)
        {
          path = argv[++i];
          break;
        }
      else if (g_str_has_prefix (argv[i], "--crs="))
        {
          g_free (crs);
          crs = g_strdup (argv[i] + strlen ("--crs="));
        }
      else if (g_str_equal (argv[i], "--check-sandbox"))
        sandbox_check = TRUE;
      else if (path == NULL && argv[i][0] != '-')
        path = argv[i];
      else
        {
          fprintf (stderr, "usage: %s [--crs=CRS] FILE | --check-sandbox FILE\n", argv[0]);
          return 2;
        }
    }
  if (path == NULL)
    {
      fprintf (stderr, "usage: %s [--crs=CRS] FILE | --check-sandbox FILE\n", argv[0]);
      return 2;
    }

  forbid_sockets ();

  if (sandbox_check)
    return check_sandbox (path);

  /* The records have fd 1 to themselves: anything a library prints on
   * stdout goes to stderr instead, where it cannot break a record. */
  pipe_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (pipe_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    {
      fprintf (stderr, "cannot set up the pipe: %s\n", g_strerror (errno));
      return 2;
    }
  g_log_writer_default_set_use_stderr (TRUE);

  out = g_unix_output_stream_new (pipe_fd, TRUE);
  writer = cx_import_pipe_writer_new (out);

  options.crs = crs != NULL && crs[0] != '\0' ? crs : NULL;
  cx_ogr_reader_read (path, &options, cx_import_pipe_writer_sink (), writer, &result);

  if (!cx_import_pipe_writer_finish (writer, result, &error))
    {
      /* The window has gone, or closed the pipe on purpose. */
      fprintf (stderr, "cannot write to the window: %s\n", error->message);
      return 1;
    }

  return 0;
}
