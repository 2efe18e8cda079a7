/* cx-import-pending.c: stand-ins for what helper P (branch i25-pipe) adds
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side of importing other formats (the CRS chooser, a
 * layer's format and CRS in its row) is built against the names agreed in
 * /work/i25-notes.md. Until the helper process lands, a layer is always
 * GeoJSON read in-process, and a chosen CRS cannot be passed on: these
 * say so. This file goes when i25-pipe is merged.
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include "cx-import-queue.h"

void
cx_import_queue_add_full (CxImportQueue *self,
                          GFile         *file,
                          gboolean       gcj02,
                          const char    *crs)
{
  cx_import_queue_add (self, file, gcj02);
}

/* Tests may set these with g_object_set_data() to see the window show them. */

const char *
cx_imported_layer_get_format (CxImportedLayer *self)
{
  const char *format = g_object_get_data (G_OBJECT (self), "cx-format");

  return format != NULL ? format : "GeoJSON";
}

const char *
cx_imported_layer_get_crs (CxImportedLayer *self)
{
  return g_object_get_data (G_OBJECT (self), "cx-crs");
}

const char *
cx_imported_layer_get_crs_override (CxImportedLayer *self)
{
  return g_object_get_data (G_OBJECT (self), "cx-crs-override");
}

guint
cx_imported_layer_get_n_sublayers (CxImportedLayer *self)
{
  return 0;
}

const char *
cx_imported_layer_get_sublayer_name (CxImportedLayer *self,
                                     guint            i)
{
  return NULL;
}

guint
cx_imported_layer_get_sublayer_n_features (CxImportedLayer *self,
                                           guint            i)
{
  return 0;
}
