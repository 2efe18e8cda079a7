/* cx-cli.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cx_cli_validate (const char *path,
                     const char *crs,
                     GString    *out,
                     GString    *err);

G_END_DECLS
