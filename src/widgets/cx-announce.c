/* cx-announce.c: saying something to a screen reader, safely
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_accessible_announce() (GTK 4.14) calls its AT context's announce
 * vfunc without checking it. In GTK 4.18 only the AT-SPI context has one;
 * GtkTestATContext leaves it NULL, so the call jumps to address 0. That
 * context is not only GTK_A11Y=test: GTK falls back to it whenever it cannot
 * reach the accessibility bus (no D-Bus session, a bare kiosk), so the app
 * itself crashed on the first selection there. Announcements go through
 * here, which skips that context (nobody could hear them anyway).
 */

#define G_LOG_DOMAIN "cx-announce"

#include "config.h"

#include <adwaita.h>

#include "cx-announce.h"

/**
 * cx_accessible_can_announce:
 *
 * Returns: whether @accessible's AT context can deliver an announcement;
 *   %FALSE without one (GTK_A11Y=none) or with GTK's test context
 */
gboolean
cx_accessible_can_announce (GtkAccessible *accessible)
{
  g_autoptr(GtkATContext) context = NULL;
  GType test_context;

  g_return_val_if_fail (GTK_IS_ACCESSIBLE (accessible), FALSE);

  context = gtk_accessible_get_at_context (accessible);
  if (context == NULL)
    return FALSE;

  /* Not public API: known by name. Registered once any is created. */
  test_context = g_type_from_name ("GtkTestATContext");

  return test_context == G_TYPE_INVALID || !g_type_is_a (G_OBJECT_TYPE (context), test_context);
}

/**
 * cx_accessible_announce:
 * @message: what to say, already translated
 *
 * Asks the screen reader to say @message now, at medium priority, where
 * that is possible; callers keep a second path (a name or a label that
 * changes) for where it is not.
 *
 * Returns: whether the announcement was made
 */
gboolean
cx_accessible_announce (GtkAccessible *accessible,
                        const char    *message)
{
  g_return_val_if_fail (GTK_IS_ACCESSIBLE (accessible), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (!cx_accessible_can_announce (accessible))
    {
      g_debug ("No screen reader to announce to: %s", message);
      return FALSE;
    }

  gtk_accessible_announce (accessible, message, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  return TRUE;
}

/**
 * cx_accessible_name_scrolled:
 * @widget: a widget that scrolls in a GtkScrolledWindow of its own, made
 *   by a library (AdwPreferencesPage, AdwAlertDialog's body in libadwaita
 *   1.7)
 * @name: (nullable): its name, already translated
 *
 * Names the scrolled windows under @widget (not those inside them), which
 * a screen reader otherwise reads as an unnamed "scroll pane" when the
 * focus enters them; the library gives no property for it.
 */
void
cx_accessible_name_scrolled (GtkWidget  *widget,
                             const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (name == NULL || name[0] == '\0')
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    else
      cx_accessible_name_scrolled (child, name);
}

/**
 * cx_accessible_name_alert_scrolled:
 * @dialog: an AdwAlertDialog
 *
 * A handler of @dialog's #GtkWidget::map: names the scroll pane around its
 * heading and body by its heading. libadwaita 1.7 puts that part in place
 * when the dialog is presented, not when it is made.
 */
void
cx_accessible_name_alert_scrolled (GtkWidget *dialog)
{
  g_return_if_fail (ADW_IS_ALERT_DIALOG (dialog));

  cx_accessible_name_scrolled (dialog, adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)));
}
