/* main.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cx-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CxApplication) app = NULL;

  cx_application_mark_process_start ();

  setlocale (LC_ALL, "");
  /* CX_LOCALEDIR points at a build tree's po/ (build-aux/dev run, the tests)
   * so that translations can be tried without installing them. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CX_LOCALEDIR") != NULL ? g_getenv ("CX_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cx_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
