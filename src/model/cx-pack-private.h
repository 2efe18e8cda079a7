/* cx-pack-private.h: the fields of the pack's objects, filled in by the loader.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cx-data-pack.h"
#include "cx-district.h"
#include "cx-feature.h"
#include "cx-layer.h"
#include "cx-program.h"
#include "cx-source.h"
#include "cx-pack-error.h"
#include "cx-statistic.h"

G_BEGIN_DECLS

struct _CxSource
{
  GObject parent_instance;

  char *id;
  char *title;
  char *publisher;
  char *date;
  char *url;
  char *note;
};

struct _CxLayer
{
  GObject parent_instance;

  char       *id;
  char       *name;
  char       *name_zh;
  char       *description;
  CxStyle     style;
  guint       index;
  GListStore *features;   /* CxFeature, owned; each feature points back without a ref */
};

struct _CxStatistic
{
  GObject parent_instance;

  char              *id;
  char              *title;
  char              *title_zh;
  CxStatisticKind    kind;
  double             value;
  char              *unit;
  char              *period;
  char              *comparison;
  CxStatisticStatus  status;
  CxSource          *source;
  char              *note;

  GArray            *points;       /* CxStatisticPoint, oldest first; NULL without a series */
  CxBreakdownKind    breakdown_kind;
  GArray            *entries;      /* CxStatisticEntry, as the pack lists them; NULL without */
  GHashTable        *entry_index;  /* id → index + 1 into entries */
  /* A computed ratio: its breakdown is numerator ÷ denominator, place by
   * place, computed when the pack is loaded (docs/data-pack.md). Both are
   * statistics of the same pack, which holds them: borrowed. */
  CxStatistic       *numerator;
  CxStatistic       *denominator;
};

struct _CxDistrict
{
  GObject parent_instance;

  char *id;
  char *name;
  char *name_zh;
};

/* What a former statistic id stands for now: a value of a series or a
 * breakdown of @statistic. */
typedef struct
{
  CxStatistic *statistic;   /* borrowed from the pack */
  const char  *key;         /* the point's period or the entry's id, owned by the statistic */
} CxStatisticAlias;

struct _CxProgram
{
  GObject parent_instance;

  char       *id;
  char       *title;
  char       *title_zh;
  char       *summary;
  char       *start;
  char       *end;
  GListStore *sources;
  GPtrArray  *link_titles;
  GPtrArray  *link_urls;
};

struct _CxFeature
{
  GObject parent_instance;

  char       *id;
  CxLayer    *layer;      /* borrowed: the pack owns the layers and outlives its features' use */
  char       *kind;
  char       *name;
  char       *name_zh;
  char       *pinyin;
  char       *description;
  double      accuracy_m;
  char       *accuracy_note;
  CxGeometry *geometry;
  gboolean    has_label_point;
  CxCoord     label_point;
  CxBounds    bounds;
  GListStore *sources;
  GListStore *statistics;
  GListStore *programs;
};

/* The pack's English text is translated through the app's own catalogue:
 * build-aux/pack-strings extracts each string with the context "FIELD:ID"
 * (e.g. "feature-name:zhongshan-park"), and the getters look it up here with
 * the same context. Text nobody translated, or that a newer pack changed,
 * comes back as the English it is. */
static inline const char *
cx_pack_gettext (const char *field,
                 const char *id,
                 const char *english)
{
  /* "statistic-entry-note:" and two ids of up to 64 characters */
  char context[192];

  /* gettext ("") would return the catalogue's header. */
  if (english == NULL || english[0] == '\0' || id == NULL)
    return english;

  g_snprintf (context, sizeof context, "%s:%s", field, id);

  return g_dpgettext2 (GETTEXT_PACKAGE, context, english);
}

struct _CxDataPack
{
  GObject parent_instance;

  char       *id;
  gint64      version;
  char       *data_date;
  char       *name;
  char       *name_zh;
  char       *attribution;
  char       *license;
  CxBounds    bounds;
  CxBounds    max_bounds;
  guint       min_zoom;
  guint       max_zoom;

  GListStore *layers;
  GListStore *features;
  GListStore *statistics;
  GListStore *programs;
  GListStore *sources;
  GListStore *districts;
  CxDistrict *own_district;     /* borrowed from districts; nullable */

  /* id → object, borrowed from the stores above */
  GHashTable *layer_index;
  GHashTable *feature_index;
  GHashTable *statistic_index;
  GHashTable *program_index;
  GHashTable *source_index;
  GHashTable *district_index;
  GHashTable *statistic_aliases;   /* former id (borrowed) → CxStatisticAlias (owned) */

  /* program or statistic id → GListStore of CxFeature */
  GHashTable *program_features;
  GHashTable *statistic_features;

  GArray     *basemap;          /* CxBasemapItem */
  CxBounds    basemap_bounds;
};

/* The loader's member accessors (cx-pack-members.c): each checks the
 * member's type (and range), and names the member in its error. */

gboolean cx_pack_get_string  (JsonObject           *object,
                              const char           *name,
                              gboolean              required,
                              const CxLoadContext  *ctx,
                              const char          **out,
                              GError              **error);
gboolean cx_pack_get_number  (JsonObject           *object,
                              const char           *name,
                              gboolean              required,
                              const CxLoadContext  *ctx,
                              double               *out,
                              gboolean             *present,
                              GError              **error);
gboolean cx_pack_get_integer (JsonObject           *object,
                              const char           *name,
                              const CxLoadContext  *ctx,
                              gint64                min,
                              gint64                max,
                              gint64               *out,
                              GError              **error);
gboolean cx_pack_get_object  (JsonObject           *object,
                              const char           *name,
                              gboolean              required,
                              const CxLoadContext  *ctx,
                              JsonObject          **out,
                              GError              **error);
gboolean cx_pack_get_array   (JsonObject           *object,
                              const char           *name,
                              gboolean              required,
                              const CxLoadContext  *ctx,
                              JsonArray           **out,
                              GError              **error);
gboolean cx_pack_get_id      (JsonObject           *object,
                              const CxLoadContext  *ctx,
                              const char          **out,
                              GError              **error);
gboolean cx_pack_get_names   (JsonObject           *object,
                              const char           *name,
                              const CxLoadContext  *ctx,
                              char                **en,
                              char                **zh,
                              GError              **error);
gboolean cx_pack_get_date    (JsonObject           *object,
                              const char           *name,
                              gboolean              required,
                              const CxLoadContext  *ctx,
                              const char          **out,
                              GError              **error);
gboolean cx_pack_get_bounds  (JsonObject           *object,
                              const char           *name,
                              const CxLoadContext  *ctx,
                              CxBounds             *bounds,
                              GError              **error);

G_END_DECLS
