/* cx-import.h: the planners' own GeoJSON files as layers
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-geometry.h"
#include "cx-pack-error.h"
#include "cx-style.h"

G_BEGIN_DECLS

/* The largest GeoJSON file that is imported: what this machine's memory
 * allows (cx_import_get_max_file_size()), never less than this. Memory at
 * the peak is the text and every feature read so far (in the layer's
 * store, cx-feature-store.c: about 100 bytes for a point with two
 * properties, 20 more per position): under 2× the file for points or
 * building footprints. A feature the fast path does not read
 * (cx-import-fast.c) also has its JSON tree while it is read: up to 14×
 * for one huge polygon written with escapes or extra members
 * (docs/geojson-conformance.md has the figures). */
#define CX_IMPORT_MIN_MAX_FILE_SIZE ((goffset) 512 * 1024 * 1024)

/* Text shown from a file (titles, descriptions, property values) is cut to
 * this many bytes, with "…"; the stored copy of the file keeps all of it. */
#define CX_IMPORT_MAX_TEXT_BYTES (16 * 1024)

#define CX_IMPORT_ERROR (cx_import_error_quark ())

/* Errors of the importer's own; problems in the document itself are
 * CX_PACK_ERROR, worded like the data pack loader's. */
typedef enum
{
  CX_IMPORT_ERROR_DATA_PACK,      /* the file is a Changning Explorer data pack, not GeoJSON */
  CX_IMPORT_ERROR_INVALID_NAME,   /* an empty layer name */
  /* Other formats, read by the import helper (cx-import-helper.h): */
  CX_IMPORT_ERROR_UNSUPPORTED,    /* not a vector file GDAL can read (or not a complete one) */
  CX_IMPORT_ERROR_NO_CRS,         /* no coordinate system, and the coordinates cannot be
                                   * longitude and latitude: choose one and import again */
  CX_IMPORT_ERROR_CRS,            /* a coordinate system that cannot be transformed to WGS84 */
  CX_IMPORT_ERROR_READ,           /* the reader found the file damaged (GDAL's words follow) */
  CX_IMPORT_ERROR_HELPER,         /* the reader crashed, hung, ran out of memory, or could not start */
} CxImportError;

GQuark cx_import_error_quark (void);

goffset cx_import_get_max_file_size (void);

/* A layer read from one GeoJSON document. */

#define CX_TYPE_IMPORTED_LAYER (cx_imported_layer_get_type ())
G_DECLARE_FINAL_TYPE (CxImportedLayer, cx_imported_layer, CX, IMPORTED_LAYER, GObject)

const char      *cx_imported_layer_get_id              (CxImportedLayer   *self);
const char      *cx_imported_layer_get_name            (CxImportedLayer   *self);
void             cx_imported_layer_set_name            (CxImportedLayer   *self,
                                                        const char        *name);
const char      *cx_imported_layer_get_file_name       (CxImportedLayer   *self);
gboolean         cx_imported_layer_get_gcj02           (CxImportedLayer   *self);
gboolean         cx_imported_layer_get_visible         (CxImportedLayer   *self);
void             cx_imported_layer_set_visible         (CxImportedLayer   *self,
                                                        gboolean           visible);
gboolean         cx_imported_layer_get_color           (CxImportedLayer   *self,
                                                        CxColor           *color);
void             cx_imported_layer_set_color           (CxImportedLayer   *self,
                                                        const CxColor     *color);
void             cx_imported_layer_resolve_style       (CxImportedLayer   *self,
                                                        const CxStyle     *given,
                                                        CxStyle           *out);
void             cx_imported_layer_get_legend_style    (CxImportedLayer   *self,
                                                        CxStyle           *out);
CxGeometryType   cx_imported_layer_get_kind            (CxImportedLayer   *self);
CxBounds         cx_imported_layer_get_bounds          (CxImportedLayer   *self);
GListModel      *cx_imported_layer_get_features        (CxImportedLayer   *self);
guint            cx_imported_layer_get_n_unlocated     (CxImportedLayer   *self);
guint            cx_imported_layer_get_n_clamped       (CxImportedLayer   *self);
gboolean         cx_imported_layer_is_stored           (CxImportedLayer   *self);
/* What the import helper read (cx-import-helper.h): */
const char      *cx_imported_layer_get_format          (CxImportedLayer   *self);
const char      *cx_imported_layer_get_crs             (CxImportedLayer   *self);
const char      *cx_imported_layer_get_crs_override    (CxImportedLayer   *self);
guint            cx_imported_layer_get_n_sublayers     (CxImportedLayer   *self);
const char      *cx_imported_layer_get_sublayer_name   (CxImportedLayer   *self,
                                                        guint              i);
guint            cx_imported_layer_get_sublayer_n_features (CxImportedLayer *self,
                                                        guint              i);
const char      *cx_imported_layer_get_sublayer_crs    (CxImportedLayer   *self,
                                                        guint              i);

/* A feature of an imported layer. */

#define CX_TYPE_IMPORTED_FEATURE (cx_imported_feature_get_type ())
G_DECLARE_FINAL_TYPE (CxImportedFeature, cx_imported_feature, CX, IMPORTED_FEATURE, GObject)

CxImportedLayer *cx_imported_feature_get_layer         (CxImportedFeature *self);
guint            cx_imported_feature_get_index         (CxImportedFeature *self);
guint            cx_imported_feature_get_source_index  (CxImportedFeature *self);
guint            cx_imported_feature_get_sublayer      (CxImportedFeature *self);
const char      *cx_imported_feature_get_id            (CxImportedFeature *self);
const char      *cx_imported_feature_get_geojson_type  (CxImportedFeature *self);
CxGeometry      *cx_imported_feature_get_geometry      (CxImportedFeature *self);
CxBounds         cx_imported_feature_get_bounds        (CxImportedFeature *self);
const char      *cx_imported_feature_get_title         (CxImportedFeature *self);
const char      *cx_imported_feature_get_description   (CxImportedFeature *self);
const char      *cx_imported_feature_get_display_name  (CxImportedFeature *self);
const CxStyle   *cx_imported_feature_get_style         (CxImportedFeature *self);
guint            cx_imported_feature_get_n_properties  (CxImportedFeature *self);
const char      *cx_imported_feature_get_property_key  (CxImportedFeature *self,
                                                        guint              i);
const char      *cx_imported_feature_get_property_text (CxImportedFeature *self,
                                                        guint              i);
const char      *cx_imported_feature_lookup_property   (CxImportedFeature *self,
                                                        const char        *key);

/* Importing */

typedef void (*CxImportProgressFunc) (double   fraction,
                                      gpointer user_data);

CxImportedLayer *cx_import_bytes                       (GBytes               *bytes,
                                                        const char           *display_name,
                                                        const char           *file_name,
                                                        gboolean              gcj02,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

CxImportedLayer *cx_import_file                        (GFile                *file,
                                                        const char           *display_name,
                                                        gboolean              gcj02,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
CxImportedLayer *cx_import_file_full                   (GFile                *file,
                                                        const char           *display_name,
                                                        const char           *crs,
                                                        gboolean              gcj02,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

void             cx_import_file_async                  (GFile                *file,
                                                        gboolean              gcj02,
                                                        GCancellable         *cancellable,
                                                        CxImportProgressFunc  progress,
                                                        gpointer              progress_data,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void             cx_import_file_async_full             (GFile                *file,
                                                        gboolean              gcj02,
                                                        const char           *crs,
                                                        GCancellable         *cancellable,
                                                        CxImportProgressFunc  progress,
                                                        gpointer              progress_data,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
CxImportedLayer *cx_import_file_finish                 (GAsyncResult         *result,
                                                        GError              **error);

/* Keeping imported layers across restarts, in
 * $XDG_DATA_HOME/changning-explorer/layers: ID.geojson (the document as it
 * was imported) and ID.json (name, datum, visibility). */

GFile           *cx_import_store_get_default_dir       (void);

gboolean         cx_import_store_save                  (CxImportedLayer      *layer,
                                                        GFile                *layers_dir,
                                                        GError              **error);
void             cx_import_store_save_async            (CxImportedLayer      *layer,
                                                        GFile                *layers_dir,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         cx_import_store_save_finish           (CxImportedLayer      *layer,
                                                        GAsyncResult         *result,
                                                        GError              **error);

GListStore      *cx_import_store_load_all              (GFile                *layers_dir,
                                                        char                **warnings,
                                                        GError              **error);
void             cx_import_store_load_all_async        (GFile                *layers_dir,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void             cx_import_store_load_all_async_full   (GFile                *layers_dir,
                                                        GCancellable         *cancellable,
                                                        CxImportProgressFunc  progress,
                                                        gpointer              progress_data,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GListStore      *cx_import_store_load_all_finish       (GAsyncResult         *result,
                                                        char                **warnings,
                                                        GError              **error);

gboolean         cx_import_store_rename                (CxImportedLayer      *layer,
                                                        GFile                *layers_dir,
                                                        const char           *name,
                                                        GError              **error);
gboolean         cx_import_store_set_visible           (CxImportedLayer      *layer,
                                                        GFile                *layers_dir,
                                                        gboolean              visible,
                                                        GError              **error);
gboolean         cx_import_store_set_color             (CxImportedLayer      *layer,
                                                        GFile                *layers_dir,
                                                        const CxColor        *color,
                                                        GError              **error);
gboolean         cx_import_store_remove                (CxImportedLayer      *layer,
                                                        GFile                *layers_dir,
                                                        GError              **error);

G_END_DECLS
