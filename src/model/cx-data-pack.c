/* cx-data-pack.c: the data pack and its lookups
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-data-pack"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cx-data-pack.h"
#include "cx-geojson.h"
#include "cx-json-scanner.h"
#include "cx-pack-private.h"

G_DEFINE_FINAL_TYPE (CxDataPack, cx_data_pack, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Value checks                                                        */
/* ------------------------------------------------------------------ */

gboolean
cx_is_valid_id (const char *id)
{
  size_t len;

  if (id == NULL || !g_ascii_islower (id[0]))
    return FALSE;

  len = strlen (id);
  if (len > 64)
    return FALSE;

  for (size_t i = 0; i < len; i++)
    if (!(g_ascii_islower (id[i]) || g_ascii_isdigit (id[i]) || id[i] == '-'))
      return FALSE;

  return TRUE;
}

static gboolean
parse_digits (const char **p,
              guint        n,
              guint       *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *value = *value * 10 + (guint) ((*p)[i] - '0');
    }
  *p += n;
  return TRUE;
}

/* One period: YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-MM-DD. With
 * @allow_parts FALSE only the calendar forms (a date) are accepted. */
static gboolean
parse_period_part (const char *text,
                   gsize       len,
                   gboolean    allow_parts)
{
  const char *p = text;
  const char *end = text + len;
  guint year, month, day, n;

  if (len < 4 || !parse_digits (&p, 4, &year) || year < 1000)
    return FALSE;
  if (p == end)
    return TRUE;
  if (*p++ != '-' || p == end)
    return FALSE;

  if (allow_parts && (*p == 'H' || *p == 'Q'))
    {
      char kind = *p++;

      if (end - p != 1 || !parse_digits (&p, 1, &n))
        return FALSE;
      return kind == 'H' ? (n >= 1 && n <= 2) : (n >= 1 && n <= 4);
    }

  if (end - p < 2 || !parse_digits (&p, 2, &month) || month < 1 || month > 12)
    return FALSE;
  if (p == end)
    return TRUE;
  if (*p++ != '-' || end - p != 2 || !parse_digits (&p, 2, &day))
    return FALSE;

  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

gboolean
cx_is_valid_date (const char *date)
{
  return date != NULL && parse_period_part (date, strlen (date), FALSE);
}

gboolean
cx_is_valid_period (const char *period)
{
  const char *slash;

  if (period == NULL)
    return FALSE;

  slash = strchr (period, '/');
  if (slash == NULL)
    return parse_period_part (period, strlen (period), TRUE);

  return parse_period_part (period, (gsize) (slash - period), TRUE) &&
         parse_period_part (slash + 1, strlen (slash + 1), TRUE);
}

gboolean
cx_is_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cx_data_pack_finalize (GObject *object)
{
  CxDataPack *self = (CxDataPack *) object;

  g_free (self->id);
  g_free (self->data_date);
  g_free (self->name);
  g_free (self->name_zh);
  g_free (self->attribution);
  g_free (self->license);

  g_clear_pointer (&self->layer_index, g_hash_table_unref);
  g_clear_pointer (&self->feature_index, g_hash_table_unref);
  g_clear_pointer (&self->statistic_index, g_hash_table_unref);
  g_clear_pointer (&self->program_index, g_hash_table_unref);
  g_clear_pointer (&self->source_index, g_hash_table_unref);
  g_clear_pointer (&self->district_index, g_hash_table_unref);
  g_clear_pointer (&self->statistic_aliases, g_hash_table_unref);
  g_clear_pointer (&self->program_features, g_hash_table_unref);
  g_clear_pointer (&self->statistic_features, g_hash_table_unref);

  g_clear_object (&self->features);
  g_clear_object (&self->layers);
  g_clear_object (&self->statistics);
  g_clear_object (&self->programs);
  g_clear_object (&self->sources);
  g_clear_object (&self->districts);

  for (guint i = 0; i < self->basemap->len; i++)
    {
      CxBasemapItem *item = &g_array_index (self->basemap, CxBasemapItem, i);
      g_free (item->name);
      cx_geometry_unref (item->geometry);
    }
  g_array_unref (self->basemap);

  G_OBJECT_CLASS (cx_data_pack_parent_class)->finalize (object);
}

static void
cx_data_pack_class_init (CxDataPackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_data_pack_finalize;
}

static void
cx_data_pack_init (CxDataPack *self)
{
  self->layers = g_list_store_new (CX_TYPE_LAYER);
  self->features = g_list_store_new (CX_TYPE_FEATURE);
  self->statistics = g_list_store_new (CX_TYPE_STATISTIC);
  self->programs = g_list_store_new (CX_TYPE_PROGRAM);
  self->sources = g_list_store_new (CX_TYPE_SOURCE);
  self->districts = g_list_store_new (CX_TYPE_DISTRICT);

  self->layer_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->feature_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->statistic_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->program_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->source_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->district_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->statistic_aliases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->program_features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->statistic_features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  self->basemap = g_array_new (FALSE, TRUE, sizeof (CxBasemapItem));
  cx_bounds_init_empty (&self->basemap_bounds);
}

const char *cx_data_pack_get_id (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return self->id; }
gint64 cx_data_pack_get_version (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), 0); return self->version; }
const char *cx_data_pack_get_data_date (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return self->data_date; }

/**
 * cx_data_pack_get_name:
 *
 * Returns: the pack's name in the user's language: its English name
 *   translated through gettext (for zh_CN, the pack's Chinese name)
 */
const char *
cx_data_pack_get_name (CxDataPack *self)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);

  return cx_pack_gettext ("pack-name", self->id, self->name);
}

const char *cx_data_pack_get_name_en (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return self->name; }
const char *cx_data_pack_get_name_zh (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return self->name_zh; }
/**
 * cx_data_pack_get_attribution:
 *
 * Returns: the pack's credits in the user's language (the names in them
 *   stay as they are)
 */
const char *
cx_data_pack_get_attribution (CxDataPack *self)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);

  return cx_pack_gettext ("pack-attribution", self->id, self->attribution);
}

const char *cx_data_pack_get_attribution_en (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return self->attribution; }

const char *cx_data_pack_get_license (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return self->license; }
CxBounds cx_data_pack_get_bounds (CxDataPack *self) { return self->bounds; }
CxBounds cx_data_pack_get_max_bounds (CxDataPack *self) { return self->max_bounds; }
guint cx_data_pack_get_min_zoom (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), 0); return self->min_zoom; }
guint cx_data_pack_get_max_zoom (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), 0); return self->max_zoom; }

GListModel *cx_data_pack_get_layers (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return G_LIST_MODEL (self->layers); }
GListModel *cx_data_pack_get_features (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return G_LIST_MODEL (self->features); }
GListModel *cx_data_pack_get_statistics (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return G_LIST_MODEL (self->statistics); }
GListModel *cx_data_pack_get_programs (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return G_LIST_MODEL (self->programs); }
GListModel *cx_data_pack_get_sources (CxDataPack *self) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return G_LIST_MODEL (self->sources); }

CxLayer *cx_data_pack_lookup_layer (CxDataPack *self, const char *id) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return g_hash_table_lookup (self->layer_index, id); }
CxFeature *cx_data_pack_lookup_feature (CxDataPack *self, const char *id) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return g_hash_table_lookup (self->feature_index, id); }

/**
 * cx_data_pack_lookup_statistic:
 * @id: a statistic's id, or the id a value of its series or breakdown had
 *   as a statistic of its own in earlier packs ("gdp-2018" for the 2018
 *   value of "gdp")
 *
 * Scenes, `--feature` and links saved with earlier packs keep working
 * through the former ids; cx_data_pack_resolve_statistic() also tells
 * which value a former id stood for.
 *
 * Returns: (transfer none) (nullable): the statistic
 */
CxStatistic *
cx_data_pack_lookup_statistic (CxDataPack *self,
                               const char *id)
{
  return cx_data_pack_resolve_statistic (self, id, NULL);
}

/**
 * cx_data_pack_resolve_statistic:
 * @id: a statistic's id or a former id (see cx_data_pack_lookup_statistic())
 * @key: (out) (optional) (transfer none): for a former id, the period of the
 *   series value or the id of the breakdown's place it stood for; %NULL for
 *   the statistic's own id
 *
 * Returns: (transfer none) (nullable): the statistic
 */
CxStatistic *
cx_data_pack_resolve_statistic (CxDataPack  *self,
                                const char  *id,
                                const char **key)
{
  CxStatistic *stat;
  CxStatisticAlias *alias;

  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);

  if (key != NULL)
    *key = NULL;
  if (id == NULL)
    return NULL;

  stat = g_hash_table_lookup (self->statistic_index, id);
  if (stat != NULL)
    return stat;

  alias = g_hash_table_lookup (self->statistic_aliases, id);
  if (alias == NULL)
    return NULL;
  if (key != NULL)
    *key = alias->key;
  return alias->statistic;
}

/**
 * cx_data_pack_get_districts:
 *
 * Returns: (transfer none): the city's districts (CxDistrict), as the pack
 *   lists them; empty when it lists none
 */
GListModel *
cx_data_pack_get_districts (CxDataPack *self)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);

  return G_LIST_MODEL (self->districts);
}

CxDistrict *
cx_data_pack_lookup_district (CxDataPack *self,
                              const char *id)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->district_index, id) : NULL;
}

/**
 * cx_data_pack_get_own_district:
 *
 * Returns: (transfer none) (nullable): the district the pack is about,
 *   among cx_data_pack_get_districts(), when the pack says
 */
CxDistrict *
cx_data_pack_get_own_district (CxDataPack *self)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);

  return self->own_district;
}
CxProgram *cx_data_pack_lookup_program (CxDataPack *self, const char *id) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return g_hash_table_lookup (self->program_index, id); }
CxSource *cx_data_pack_lookup_source (CxDataPack *self, const char *id) { g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL); return g_hash_table_lookup (self->source_index, id); }

static GListModel *
reverse_lookup (GHashTable *reverse,
                const char *id)
{
  static GListStore *empty;
  GListStore *store = g_hash_table_lookup (reverse, id);

  if (store != NULL)
    return G_LIST_MODEL (store);

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_list_store_new (CX_TYPE_FEATURE));

  return G_LIST_MODEL (empty);
}

/**
 * cx_data_pack_get_program_features:
 *
 * Returns: (transfer none): the features that name @program
 */
GListModel *
cx_data_pack_get_program_features (CxDataPack *self,
                                   CxProgram  *program)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);
  g_return_val_if_fail (CX_IS_PROGRAM (program), NULL);

  return reverse_lookup (self->program_features, cx_program_get_id (program));
}

/**
 * cx_data_pack_get_statistic_features:
 *
 * Returns: (transfer none): the features that name @statistic
 */
GListModel *
cx_data_pack_get_statistic_features (CxDataPack  *self,
                                     CxStatistic *statistic)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);
  g_return_val_if_fail (CX_IS_STATISTIC (statistic), NULL);

  return reverse_lookup (self->statistic_features, cx_statistic_get_id (statistic));
}

guint
cx_data_pack_get_n_basemap_items (CxDataPack *self)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), 0);

  return self->basemap->len;
}

const CxBasemapItem *
cx_data_pack_get_basemap_item (CxDataPack *self,
                               guint       i)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (self), NULL);
  g_return_val_if_fail (i < self->basemap->len, NULL);

  return &g_array_index (self->basemap, CxBasemapItem, i);
}

CxBounds
cx_data_pack_get_basemap_bounds (CxDataPack *self)
{
  return self->basemap_bounds;
}
