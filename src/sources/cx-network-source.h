/* cx-network-source.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* OpenStreetMap's standard tile layer (https://operations.osmfoundation.org/policies/tiles/). */
#define CX_OSM_SOURCE_ID        "openstreetmap"
#define CX_OSM_TILE_URL         "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define CX_OSM_LICENSE_URI      "https://www.openstreetmap.org/copyright"
#define CX_OSM_MAX_ZOOM         19

/* Tiles without Cache-Control max-age or Expires are fresh this long. */
#define CX_NETWORK_SOURCE_DEFAULT_MAX_AGE (7 * 24 * 60 * 60)
#define CX_NETWORK_SOURCE_DEFAULT_TIMEOUT_MS 15000

#define CX_NETWORK_SOURCE_ERROR (cx_network_source_error_quark ())

typedef enum
{
  CX_NETWORK_SOURCE_ERROR_FAILED,
  CX_NETWORK_SOURCE_ERROR_BAD_TILE,        /* coordinates outside the zoom level */
  CX_NETWORK_SOURCE_ERROR_HTTP,            /* the server answered with an error status */
  CX_NETWORK_SOURCE_ERROR_BACKING_OFF,     /* not sent: pausing after 429, 5xx or network errors */
  CX_NETWORK_SOURCE_ERROR_TIMED_OUT,
  CX_NETWORK_SOURCE_ERROR_NETWORK,         /* no connection, DNS, reset, … */
  CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,   /* not a complete PNG or JPEG */
  CX_NETWORK_SOURCE_ERROR_TOO_LARGE,
} CxNetworkSourceError;

GQuark cx_network_source_error_quark (void);

/* Counters since the source was created, for tests and debugging. */
typedef struct
{
  guint requests;       /* HTTP requests sent */
  guint downloads;      /* 200 responses whose image was accepted */
  guint not_modified;   /* 304 answers to a revalidation */
  guint cache_hits;     /* fresh tiles served from disk, no request */
  guint fallbacks;      /* failures answered with the cached copy */
  guint errors;         /* requests that ended with no tile */
  guint backed_off;     /* requests not sent because of back-off */
  guint purges;         /* cache purges completed */
} CxNetworkSourceStats;

#define CX_TYPE_NETWORK_SOURCE (cx_network_source_get_type ())
G_DECLARE_FINAL_TYPE (CxNetworkSource, cx_network_source, CX, NETWORK_SOURCE, ShumateDataSource)

CxNetworkSource  *cx_network_source_new                   (const char           *url_template,
                                                           const char           *cache_key,
                                                           const char           *cache_dir,
                                                           guint64               cache_size_limit);

const char       *cx_network_source_get_url_template      (CxNetworkSource      *self);
const char       *cx_network_source_get_cache_dir         (CxNetworkSource      *self);
const char       *cx_network_source_get_cache_key         (CxNetworkSource      *self);

guint64           cx_network_source_get_cache_size_limit  (CxNetworkSource      *self);
void              cx_network_source_set_cache_size_limit  (CxNetworkSource      *self,
                                                           guint64               limit);

guint             cx_network_source_get_timeout           (CxNetworkSource      *self);
void              cx_network_source_set_timeout           (CxNetworkSource      *self,
                                                           guint                 timeout_ms);

gboolean          cx_network_source_get_offline           (CxNetworkSource      *self);
void              cx_network_source_reset_backoff         (CxNetworkSource      *self);
void              cx_network_source_stop                  (CxNetworkSource      *self);

void              cx_network_source_get_stats             (CxNetworkSource      *self,
                                                           CxNetworkSourceStats *stats);

void              cx_network_source_purge_cache_async     (CxNetworkSource      *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          cx_network_source_purge_cache_finish    (CxNetworkSource      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

ShumateMapSource *cx_network_map_source_new               (const char           *id,
                                                           const char           *name,
                                                           const char           *license,
                                                           const char           *license_uri,
                                                           guint                 min_zoom,
                                                           guint                 max_zoom,
                                                           CxNetworkSource      *source);

G_END_DECLS
