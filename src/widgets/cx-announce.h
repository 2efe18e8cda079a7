/* cx-announce.h: saying something to a screen reader, safely
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean cx_accessible_can_announce (GtkAccessible *accessible);
gboolean cx_accessible_announce     (GtkAccessible *accessible,
                                     const char    *message);
void     cx_accessible_name_scrolled (GtkWidget    *widget,
                                      const char   *name);
void     cx_accessible_name_alert_scrolled (GtkWidget *dialog);

G_END_DECLS
