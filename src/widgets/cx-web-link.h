/* cx-web-link.h: opening a pack's web link, or saying why not
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cx_open_web_link (GtkWidget  *parent,
                       const char *url);

G_END_DECLS
