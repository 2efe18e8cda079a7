/* cx-web-link.c: opening a pack's web link, or saying why not
 *
 * Links come from data packs (sources, programs' further reading): only
 * http and https are ever handed to the desktop, and a link that cannot be
 * opened is said where the user is looking and in the log.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-web-link"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cx-data-pack.h"
#include "cx-pack-error.h"
#include "cx-web-link.h"

/* Tells about a link that could not be opened where the user is looking:
 * in the dialog the link is in, else over the window. */
static void
show_link_error (GtkWidget  *widget,
                 const char *message)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_DIALOG);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_warning ("%s", message);
  if (ancestor != NULL)
    adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (ancestor), adw_toast_new (escaped));
  else if ((ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY)) != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (ancestor), adw_toast_new (escaped));
}

static void
on_link_launched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    {
      g_autofree char *shown = cx_error_excerpt (gtk_uri_launcher_get_uri (GTK_URI_LAUNCHER (source)));
      g_autofree char *message = g_strdup_printf (_("The link “%s” could not be opened: %s"), shown, error->message);

      show_link_error (widget, message);
    }
}

void
cx_open_web_link (GtkWidget  *parent,
                  const char *url)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autoptr(GtkUriLauncher) launcher = NULL;

  /* The pack's loader refuses other schemes already; check again here,
   * where it matters, so that nothing else is ever handed to the desktop. */
  if (!cx_is_web_url (url))
    {
      /* Shortened, with control characters replaced: it comes from a pack. */
      g_autofree char *shown = cx_error_excerpt (url);
      g_autofree char *message = g_strdup_printf (_("The link “%s” was not opened: only http and https links are opened"), shown);

      show_link_error (parent, message);
      return;
    }

  launcher = gtk_uri_launcher_new (url);
  gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                           on_link_launched, g_object_ref (parent));
}
