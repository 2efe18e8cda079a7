/* cx-pack-updater.h: data pack updates over HTTP, and the packs kept on disk
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-data-pack.h"
#include "cx-pack-store.h"

G_BEGIN_DECLS

/* The largest update that is downloaded. */
#define CX_PACK_UPDATER_MAX_SIZE CX_PACK_STORE_MAX_FILE_SIZE

/* The most a whole check (connecting, downloading, validating) may take. */
#define CX_PACK_UPDATER_DEFAULT_TIMEOUT_MS (60 * 1000)

/* Checks at start are at most this far apart. */
#define CX_PACK_UPDATER_INTERVAL_S (24 * 60 * 60)

typedef enum
{
  CX_PACK_UPDATE_UPDATED,        /* a newer pack was downloaded, checked and stored */
  CX_PACK_UPDATE_NOT_MODIFIED,   /* the server answered 304 Not Modified */
  CX_PACK_UPDATE_UP_TO_DATE,     /* the server's pack is the version in use */
} CxPackUpdateResult;

#define CX_PACK_UPDATER_ERROR (cx_pack_updater_error_quark ())

typedef enum
{
  CX_PACK_UPDATER_ERROR_URL,          /* not an http(s) URL, or redirected to one that is not */
  CX_PACK_UPDATER_ERROR_NETWORK,      /* the server could not be reached */
  CX_PACK_UPDATER_ERROR_HTTP,         /* an answer other than 200 or 304 */
  CX_PACK_UPDATER_ERROR_TOO_LARGE,    /* more than CX_PACK_UPDATER_MAX_SIZE */
  CX_PACK_UPDATER_ERROR_INCOMPLETE,   /* the connection closed before the whole pack came */
  CX_PACK_UPDATER_ERROR_TIMED_OUT,
  CX_PACK_UPDATER_ERROR_INVALID,      /* not a valid single-file pack; the message says why */
  CX_PACK_UPDATER_ERROR_OLDER,        /* an older version than the data in use */
  CX_PACK_UPDATER_ERROR_STORE,        /* the pack could not be written */
  CX_PACK_UPDATER_ERROR_BUSY,         /* a check is already running */
} CxPackUpdaterError;

GQuark          cx_pack_updater_error_quark         (void);

#define CX_TYPE_PACK_UPDATER (cx_pack_updater_get_type ())
G_DECLARE_FINAL_TYPE (CxPackUpdater, cx_pack_updater, CX, PACK_UPDATER, GObject)

CxPackUpdater  *cx_pack_updater_new                 (const char          *url,
                                                     GFile               *packs_dir,
                                                     gint64               current_version);

const char     *cx_pack_updater_get_url             (CxPackUpdater       *self);
gint64          cx_pack_updater_get_current_version (CxPackUpdater       *self);
guint           cx_pack_updater_get_timeout         (CxPackUpdater       *self);
void            cx_pack_updater_set_timeout         (CxPackUpdater       *self,
                                                     guint                timeout_ms);

void            cx_pack_updater_check_async         (CxPackUpdater       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        cx_pack_updater_check_finish        (CxPackUpdater       *self,
                                                     GAsyncResult        *result,
                                                     CxPackUpdateResult  *update_result,
                                                     GError             **error);

CxDataPack     *cx_pack_updater_get_pack            (CxPackUpdater       *self);

gboolean        cx_pack_updater_due                 (gint64               last_check_unix,
                                                     gint64               now_unix);

G_END_DECLS
