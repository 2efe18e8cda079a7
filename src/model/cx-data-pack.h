/* cx-data-pack.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-district.h"
#include "cx-feature.h"
#include "cx-geometry.h"
#include "cx-layer.h"
#include "cx-pack-error.h"
#include "cx-program.h"
#include "cx-source.h"
#include "cx-statistic.h"

G_BEGIN_DECLS

#define CX_DATA_PACK_FORMAT_VERSION 1
/* A city has a few dozen districts at most. */
#define CX_DATA_PACK_MAX_DISTRICTS 100
#define CX_DEFAULT_PACK_URI "resource:///io/github/changning/Explorer/packs/changning/pack.json"

typedef enum
{
  CX_BASEMAP_DISTRICT,
  CX_BASEMAP_WATER,
  CX_BASEMAP_RIVER,
  CX_BASEMAP_PARK,
  CX_BASEMAP_GREENBELT,
  CX_BASEMAP_EXPRESSWAY,
  CX_BASEMAP_ARTERIAL,
  CX_BASEMAP_RAIL,
  CX_BASEMAP_AIRPORT,
  CX_BASEMAP_N_CLASSES
} CxBasemapClass;

/* Base geometry for the schematic basemap; drawn, never explained. */
typedef struct
{
  CxBasemapClass  klass;
  char           *name;
  double          accuracy_m;
  CxGeometry     *geometry;
  CxBounds        bounds;
} CxBasemapItem;

#define CX_TYPE_DATA_PACK (cx_data_pack_get_type ())
G_DECLARE_FINAL_TYPE (CxDataPack, cx_data_pack, CX, DATA_PACK, GObject)

CxDataPack  *cx_data_pack_load                (GFile        *file,
                                               GCancellable *cancellable,
                                               GError      **error);
CxDataPack  *cx_data_pack_load_from_bytes     (GBytes       *manifest,
                                               GFile        *base_dir,
                                               const char   *display_name,
                                               GCancellable *cancellable,
                                               GError      **error);
CxDataPack  *cx_data_pack_load_default        (GError      **error);

const char  *cx_data_pack_get_id              (CxDataPack   *self);
gint64       cx_data_pack_get_version         (CxDataPack   *self);
const char  *cx_data_pack_get_data_date       (CxDataPack   *self);
const char  *cx_data_pack_get_name            (CxDataPack   *self);
const char  *cx_data_pack_get_name_en         (CxDataPack   *self);
const char  *cx_data_pack_get_name_zh         (CxDataPack   *self);
const char  *cx_data_pack_get_attribution     (CxDataPack   *self);
const char  *cx_data_pack_get_attribution_en  (CxDataPack   *self);
const char  *cx_data_pack_get_license         (CxDataPack   *self);
CxBounds     cx_data_pack_get_bounds          (CxDataPack   *self);
CxBounds     cx_data_pack_get_max_bounds      (CxDataPack   *self);
guint        cx_data_pack_get_min_zoom        (CxDataPack   *self);
guint        cx_data_pack_get_max_zoom        (CxDataPack   *self);

GListModel  *cx_data_pack_get_layers          (CxDataPack   *self);
GListModel  *cx_data_pack_get_features        (CxDataPack   *self);
GListModel  *cx_data_pack_get_statistics      (CxDataPack   *self);
GListModel  *cx_data_pack_get_programs        (CxDataPack   *self);
GListModel  *cx_data_pack_get_sources         (CxDataPack   *self);

CxLayer     *cx_data_pack_lookup_layer        (CxDataPack   *self,
                                               const char   *id);
CxFeature   *cx_data_pack_lookup_feature      (CxDataPack   *self,
                                               const char   *id);
CxStatistic *cx_data_pack_lookup_statistic    (CxDataPack   *self,
                                               const char   *id);
CxProgram   *cx_data_pack_lookup_program      (CxDataPack   *self,
                                               const char   *id);
CxSource    *cx_data_pack_lookup_source       (CxDataPack   *self,
                                               const char   *id);
CxStatistic *cx_data_pack_resolve_statistic   (CxDataPack   *self,
                                               const char   *id,
                                               const char  **key);

GListModel  *cx_data_pack_get_districts       (CxDataPack   *self);
CxDistrict  *cx_data_pack_lookup_district     (CxDataPack   *self,
                                               const char   *id);
CxDistrict  *cx_data_pack_get_own_district    (CxDataPack   *self);

GListModel  *cx_data_pack_get_program_features   (CxDataPack  *self,
                                                  CxProgram   *program);
GListModel  *cx_data_pack_get_statistic_features (CxDataPack  *self,
                                                  CxStatistic *statistic);

guint                cx_data_pack_get_n_basemap_items (CxDataPack *self);
const CxBasemapItem *cx_data_pack_get_basemap_item    (CxDataPack *self,
                                                       guint       i);
CxBounds             cx_data_pack_get_basemap_bounds  (CxDataPack *self);

gboolean     cx_is_valid_id                   (const char   *id);
gboolean     cx_is_valid_date                 (const char   *date);
gboolean     cx_is_valid_period               (const char   *period);
gboolean     cx_is_web_url                    (const char   *url);

G_END_DECLS
