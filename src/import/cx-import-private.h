/* cx-import-private.h: what the importer and the layer store share
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-feature-store.h"
#include "cx-import.h"
#include "cx-import-sink.h"

G_BEGIN_DECLS

struct _CxImportedLayer
{
  GObject parent_instance;

  /* Owned */
  char       *id;
  char       *slug;            /* the file name made into an id part */
  char       *name;
  char       *file_name;
  CxFeatureStore *store;       /* every feature's data; set once, by cx_imported_layer_set_store() */
  GListModel *features;        /* CxImportedFeature, made when asked (cx-imported-layer.c) */
  GBytes     *source;          /* the document as imported, until it is stored */

  gboolean    gcj02;
  gboolean    visible;
  gboolean    has_color;       /* its colour is set (cx_imported_layer_set_color()) */
  CxColor     color;           /* what its features are drawn in, where the file gives no colour */
  gboolean    stored;
  gboolean    removed;         /* by cx_import_store_remove(): a save under way is undone when it ends */
  gboolean    settings_locked; /* its settings file could not be read, nor moved aside: never written over */
  guint       n_unlocated;
  guint       n_clamped;       /* positions drawn at ±85.05° latitude */
  gint64      imported;        /* when, in Unix seconds */
  CxBounds    bounds;

  /* Read by the import helper (cx-import-helper.c); NULL for GeoJSON */
  char       *format;          /* GDAL's driver name */
  char       *crs;             /* the file's CRS as a person reads it */
  char       *crs_override;    /* the CRS the file was read in, when chosen */
  GFile      *source_file;     /* the file as imported, until it is stored */
  char       *source_ext;      /* its extension as stored: ".gpkg", ".shp", … */
  GArray     *sublayers;       /* CxImportedSublayer */
};

typedef struct
{
  char *name;
  char *crs;
  guint n_features;
} CxImportedSublayer;

/* A light view of one feature of the layer's store, made when asked for
 * by cx_imported_layer_get_features(): the same object for the same index
 * while anyone holds it. */
struct _CxImportedFeature
{
  GObject parent_instance;

  CxImportedLayer *layer;          /* owned */
  guint            index;
  CxGeometry      *geometry;       /* owned; made when first asked */
};

/* Called from the thread that imports, with the fraction done. */
typedef void (*CxImportProgressSink) (double   fraction,
                                      gpointer user_data);

/* A worker's progress heard on its task's main context (cx-import-file.c);
 * the relay is freed with the task's data. */
typedef struct _CxProgressRelay CxProgressRelay;

CxProgressRelay *cx_progress_relay_new      (GTask                *task,
                                             CxImportProgressFunc  func,
                                             gpointer              data);
void             cx_progress_relay_free     (CxProgressRelay      *relay);
void             cx_progress_relay_report   (double                fraction,
                                             gpointer              relay);

CxImportedLayer *cx_import_bytes_full       (GBytes               *bytes,
                                             const char           *display_name,
                                             const char           *file_name,
                                             gboolean              gcj02,
                                             GCancellable         *cancellable,
                                             CxImportProgressSink  progress,
                                             gpointer              progress_data,
                                             double                progress_from,
                                             GError              **error);

GBytes          *cx_import_read_file        (GFile                *file,
                                             const char           *display_name,
                                             GCancellable         *cancellable,
                                             CxImportProgressSink  progress,
                                             gpointer              progress_data,
                                             double                progress_to,
                                             GError              **error);

char            *cx_import_make_slug        (const char           *file_name);
void             cx_import_classify_properties (const CxImportProperty *properties,
                                                guint                   n_properties,
                                                CxStyle                *style,
                                                guint8                 *kept,
                                                int                    *title,
                                                int                    *description);
void             cx_import_append_double    (GString              *out,
                                             double                value);
char            *cx_import_make_id          (const char           *slug,
                                             guint                 n);
void             cx_imported_layer_set_id   (CxImportedLayer      *self,
                                             const char           *id);
void             cx_imported_layer_set_store (CxImportedLayer     *self,
                                              CxFeatureStore      *store);
CxFeatureStore  *cx_imported_layer_get_store (CxImportedLayer     *self);
CxImportedFeature *cx_imported_layer_peek_feature (CxImportedLayer *self,
                                                   guint            index);
void             cx_imported_layer_forget_feature (CxImportedLayer *self,
                                                   guint            index);

G_END_DECLS
