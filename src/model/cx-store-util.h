/* cx-store-util.h: files the app keeps in its data directory
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Which file a name held when it was read or written: another process
 * that saves replaces the file (a new inode, another time and size). */
typedef struct
{
  gboolean exists;
  guint64  dev;
  guint64  ino;
  gint64   size;
  gint64   mtime_ns;
} CxStoreIdentity;

gboolean cx_store_identity_equal (const CxStoreIdentity *a,
                                  const CxStoreIdentity *b);
gboolean cx_store_query_identity (GFile           *file,
                                  CxStoreIdentity *identity,
                                  GError         **error);

int      cx_store_lock_dir     (GFile         *dir,
                                GError       **error);
void     cx_store_unlock_dir   (int            fd);

gboolean cx_store_ensure_dir   (GFile         *dir,
                                GError       **error);

void     cx_store_write_failed (GFile         *file,
                                const GError  *cause,
                                GError       **error);

gboolean cx_store_write_atomic (GFile         *file,
                                const char    *contents,
                                gsize          length,
                                int            mode,
                                GError       **error);
gboolean cx_store_write_atomic_full (GFile           *file,
                                     const char      *contents,
                                     gsize            length,
                                     int              mode,
                                     CxStoreIdentity *written,
                                     GError         **error);

gboolean cx_store_move_aside   (GFile         *file,
                                char         **new_name,
                                GError       **error);

GBytes  *cx_store_read_file    (GFile         *file,
                                gsize          max_size,
                                GCancellable  *cancellable,
                                GError       **error);
GBytes  *cx_store_read_file_full (GFile           *file,
                                  gsize            max_size,
                                  GCancellable    *cancellable,
                                  CxStoreIdentity *identity,
                                  GError         **error);

char     *cx_store_temp_target (const char    *name,
                                gboolean       legacy);
GPtrArray *cx_store_list_temporaries (GFile    *dir,
                                      gboolean  legacy);

char     *cx_store_describe_error (const GError *error);

char     *cx_store_guard_settings_file (void);

/* Reads @file in a thread: returns what it read, or %NULL with @error set. */
typedef gpointer (*CxStoreFileLoadFunc) (GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

void        cx_store_run_file_task      (GFile               *file,
                                         gpointer             source_tag,
                                         const char          *name,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data,
                                         CxStoreFileLoadFunc  load,
                                         GDestroyNotify       result_free);

G_END_DECLS
