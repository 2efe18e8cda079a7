/* cx-pack-store.h: the data packs kept on disk
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-data-pack.h"

G_BEGIN_DECLS

/* The largest stored pack that is read, as large as a download may be
 * (CX_PACK_UPDATER_MAX_SIZE). */
#define CX_PACK_STORE_MAX_FILE_SIZE (20 * 1024 * 1024)

/* The packs kept in $XDG_DATA_HOME/changning-explorer/packs as
 * pack-VERSION.json, the newest two. */

GFile          *cx_pack_store_get_default_dir       (void);

CxDataPack     *cx_pack_store_load_best             (GFile               *packs_dir,
                                                     char               **warning,
                                                     GError             **error);

GFile          *cx_pack_store_get_file              (GFile               *packs_dir,
                                                     gint64               version);
void            cx_pack_store_prune                 (GFile               *packs_dir);

G_END_DECLS
