/* cx-pack-loader.c: loads and validates a data pack
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
#include "cx-item.h"
#include "cx-json-scanner.h"
#include "cx-pack-private.h"

/* Packs are a few hundred kilobytes; anything this large is not one. */
#define CX_PACK_MAX_FILE_SIZE (64 * 1024 * 1024)

typedef struct
{
  CxDataPack   *pack;
  GFile        *base_dir;
  const char   *manifest_name;
  GCancellable *cancellable;

  /* Breakdowns by feature are checked once the features are loaded:
   * the statistics (borrowed) and their index in their section. */
  GPtrArray    *feature_breakdowns;
  GArray       *feature_breakdown_indices;
  char         *statistics_display;
  GHashTable   *pending_ratio_ids;  /* ids of the computed ratios, owned */
} Loader;

static const char * const basemap_class_names[CX_BASEMAP_N_CLASSES] = {
  [CX_BASEMAP_DISTRICT] = "district",
  [CX_BASEMAP_WATER] = "water",
  [CX_BASEMAP_RIVER] = "river",
  [CX_BASEMAP_PARK] = "park",
  [CX_BASEMAP_GREENBELT] = "greenbelt",
  [CX_BASEMAP_EXPRESSWAY] = "expressway",
  [CX_BASEMAP_ARTERIAL] = "arterial",
  [CX_BASEMAP_RAIL] = "rail",
  [CX_BASEMAP_AIRPORT] = "airport",
};

/* ------------------------------------------------------------------ */
/* Sections                                                            */
/* ------------------------------------------------------------------ */

static gboolean
is_safe_file_name (const char *name)
{
  return name[0] != '\0' && name[0] != '.' &&
         strchr (name, '/') == NULL && strchr (name, '\\') == NULL;
}

static GBytes *
load_file_bytes (GFile         *file,
                 const char    *display,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: cannot be read: %s"), display, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: not a regular file"), display);
      return NULL;
    }

  if (g_file_info_get_size (info) > CX_PACK_MAX_FILE_SIZE)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: the file is %lld bytes, more than a pack file may be (%d MiB)"),
                   display, (long long) g_file_info_get_size (info), CX_PACK_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: cannot be read: %s"), display, local_error->message);
      return NULL;
    }

  return bytes;
}

/* Returns the section's JSON (owned) and the name to use for it in errors. */
static JsonNode *
load_section (Loader      *loader,
              JsonObject  *manifest,
              const char  *name,
              char       **display,
              GError     **error)
{
  CxLoadContext ctx = { loader->manifest_name, NULL, 0, NULL };
  JsonNode *node = json_object_get_member (manifest, name);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *file_name;

  if (node == NULL)
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing"), name);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *display = g_strdup_printf ("%s (%s)", loader->manifest_name, name);
      return json_node_copy (node);
    }

  file_name = json_node_get_string (node);
  if (!is_safe_file_name (file_name))
    {
      g_autofree char *quoted = cx_error_excerpt (file_name);

      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” names the file “%s”; section files must be plain names next to the manifest"),
                                 name, quoted);
      return NULL;
    }

  if (loader->base_dir == NULL)
    {
      g_autofree char *quoted = cx_error_excerpt (file_name);

      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” names the file “%s”, but this pack has no directory: sections must be inline"),
                                 name, quoted);
      return NULL;
    }

  file = g_file_get_child (loader->base_dir, file_name);
  *display = g_file_get_parse_name (file);
  bytes = load_file_bytes (file, *display, loader->cancellable, error);
  if (bytes == NULL)
    return NULL;

  return cx_json_parse_bytes (bytes, *display, error);
}

static gboolean
expect_array_section (JsonNode    *node,
                      const char  *display,
                      const char  *what,
                      JsonArray  **out,
                      GError     **error)
{
  CxLoadContext ctx = { display, NULL, 0, NULL };

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_TYPE,
                                 _("must be an array of %s, not %s"),
                                 what, cx_json_node_type_name (node));
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
entry_object (JsonArray      *array,
              guint           i,
              CxLoadContext  *ctx,
              JsonObject    **out,
              GError        **error)
{
  JsonNode *node = json_array_get_element (array, i);
  JsonNode *id_node;

  ctx->index = (int) i;
  ctx->id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("must be an object, not %s"), cx_json_node_type_name (node));
      return FALSE;
    }

  *out = json_node_get_object (node);

  /* Name the entry in later errors even before its id is checked. */
  id_node = json_object_get_member (*out, "id");
  if (id_node && JSON_NODE_HOLDS_VALUE (id_node) && json_node_get_value_type (id_node) == G_TYPE_STRING)
    ctx->id = json_node_get_string (id_node);

  return TRUE;
}

static gboolean
check_unique (GHashTable          *index,
              const char          *id,
              const CxLoadContext *ctx,
              GError             **error)
{
  if (g_hash_table_contains (index, id))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_DUPLICATE_ID,
                                 _("the id “%s” is used by an earlier %s too"), id, ctx->what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_sources (Loader      *loader,
              JsonNode    *node,
              const char  *display,
              GError     **error)
{
  CxLoadContext ctx = { display, "source", 0, NULL };
  JsonArray *array;

  if (!expect_array_section (node, display, "sources", &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CxSource) source = g_object_new (CX_TYPE_SOURCE, NULL);
      JsonObject *o;
      const char *id, *title, *publisher, *date, *url, *note;

      if (!entry_object (array, i, &ctx, &o, error) ||
          !cx_pack_get_id (o, &ctx, &id, error) ||
          !check_unique (loader->pack->source_index, id, &ctx, error) ||
          !cx_pack_get_string (o, "title", TRUE, &ctx, &title, error) ||
          !cx_pack_get_string (o, "publisher", TRUE, &ctx, &publisher, error) ||
          !cx_pack_get_date (o, "date", TRUE, &ctx, &date, error) ||
          !cx_pack_get_string (o, "url", FALSE, &ctx, &url, error) ||
          !cx_pack_get_string (o, "note", FALSE, &ctx, &note, error))
        return FALSE;

      if (url != NULL && !cx_is_web_url (url))
        {
          g_autofree char *quoted = cx_error_excerpt (url);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“url” must be an http or https address, not “%s”"), quoted);
          return FALSE;
        }

      source->id = g_strdup (id);
      source->title = g_strdup (title);
      source->publisher = g_strdup (publisher);
      source->date = g_strdup (date);
      source->url = g_strdup (url);
      source->note = g_strdup (note);

      g_list_store_append (loader->pack->sources, source);
      g_hash_table_insert (loader->pack->source_index, source->id, source);
    }

  return TRUE;
}

static gpointer
resolve_link (GHashTable          *index,
              const char          *member,
              const char          *kind,
              JsonNode            *node,
              const CxLoadContext *ctx,
              GError             **error)
{
  const char *id;
  gpointer target;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("“%s” must hold %s ids (strings), not %s"),
                                 member, kind, cx_json_node_type_name (node));
      return NULL;
    }

  id = json_node_get_string (node);
  target = g_hash_table_lookup (index, id);
  if (target == NULL)
    {
      g_autofree char *quoted = cx_error_excerpt (id);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_DANGLING_LINK,
                                 _("“%s” links to the %s “%s”, which the pack does not have"),
                                 member, kind, quoted);
      return NULL;
    }

  return target;
}

/* Resolves an array of ids into @store; @min is how many there must be. */
static gboolean
resolve_links (JsonObject          *object,
               const char          *member,
               const char          *kind,
               GHashTable          *index,
               guint                min,
               GListStore          *store,
               const CxLoadContext *ctx,
               GError             **error)
{
  JsonArray *array;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, NULL);

  if (!cx_pack_get_array (object, member, min > 0, ctx, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  if (json_array_get_length (array) < min)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” must name at least %u %s"), member, min, kind);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer target = resolve_link (index, member, kind, json_array_get_element (array, i), ctx, error);

      if (target == NULL)
        return FALSE;
      if (g_hash_table_add (seen, target))
        g_list_store_append (store, target);
    }

  return TRUE;
}


/* ------------------------------------------------------------------ */
/* Series, breakdowns and districts                                    */
/* ------------------------------------------------------------------ */

static const char * const status_names[] = { "confirmed", "reported", "estimate", NULL };

static int
status_from_name (const char *name)
{
  for (int k = 0; status_names[k]; k++)
    if (g_str_equal (status_names[k], name))
      return k;
  return -1;
}

static void
point_clear (gpointer data)
{
  CxStatisticPoint *point = data;

  g_free (point->period);
  g_clear_object (&point->source);
  g_free (point->note);
  g_free (point->former_id);
}

static void
entry_clear (gpointer data)
{
  CxStatisticEntry *entry = data;

  g_free (entry->id);
  g_clear_object (&entry->source);
  g_free (entry->note);
  g_free (entry->former_id);
}

/* What a value of a series or a breakdown holds besides its period or id;
 * the source and status are the statistic's unless it names its own. */
typedef struct
{
  gboolean           has_value;
  double             value;
  CxSource          *source;      /* borrowed */
  CxStatisticStatus  status;
  const char        *note;
  const char        *former_id;
} ValueFields;

static gboolean
load_value_fields (Loader               *loader,
                   JsonObject           *o,
                   CxStatistic          *stat,
                   const CxLoadContext  *ctx,
                   ValueFields          *out,
                   GError              **error)
{
  JsonNode *value_node = json_object_get_member (o, "value");
  JsonNode *source_node = json_object_get_member (o, "source");
  const char *status;

  if (value_node == NULL)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing (null where there is no value)"), "value");
      return FALSE;
    }

  out->has_value = !JSON_NODE_HOLDS_NULL (value_node);
  out->value = 0;
  if (out->has_value)
    {
      if (!cx_pack_get_number (o, "value", TRUE, ctx, &out->value, NULL, error))
        return FALSE;
      if (stat->kind == CX_STATISTIC_COUNT && out->value < 0)
        {
          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“value” is %g; a count cannot be negative"), out->value);
          return FALSE;
        }
    }

  out->source = stat->source;
  if (source_node != NULL)
    {
      out->source = resolve_link (loader->pack->source_index, "source", "source", source_node, ctx, error);
      if (out->source == NULL)
        return FALSE;
    }

  if (!cx_pack_get_string (o, "status", FALSE, ctx, &status, error) ||
      !cx_pack_get_string (o, "note", FALSE, ctx, &out->note, error) ||
      !cx_pack_get_string (o, "former_id", FALSE, ctx, &out->former_id, error))
    return FALSE;

  out->status = stat->status;
  if (status != NULL)
    {
      int index = status_from_name (status);

      if (index < 0)
        {
          g_autofree char *quoted = cx_error_excerpt (status);

          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“status” is “%s”; it must be confirmed, reported or estimate"), quoted);
          return FALSE;
        }
      out->status = (CxStatisticStatus) index;
    }

  if (out->former_id != NULL && !cx_is_valid_id (out->former_id))
    {
      g_autofree char *quoted = cx_error_excerpt (out->former_id);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“former_id” is “%s”, which is not a valid id"), quoted);
      return FALSE;
    }

  return TRUE;
}

/* A period's kind (year, half, quarter, month, day) and its place in
 * time within that kind; @period is valid and not a range. */
static void
period_key (const char *period,
            int        *kind,
            gint64     *ordinal)
{
  size_t len = strlen (period);
  gint64 year = g_ascii_strtoll (period, NULL, 10);

  if (len == 4)
    {
      *kind = 0;
      *ordinal = year;
    }
  else if (period[5] == 'H' || period[5] == 'Q')
    {
      gint64 n = period[6] - '0';

      *kind = period[5] == 'H' ? 1 : 2;
      *ordinal = year * (period[5] == 'H' ? 2 : 4) + n;
    }
  else if (len == 7)
    {
      *kind = 3;
      *ordinal = year * 12 + g_ascii_strtoll (period + 5, NULL, 10);
    }
  else
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) g_ascii_strtoll (period + 8, NULL, 10),
                      (GDateMonth) g_ascii_strtoll (period + 5, NULL, 10), (GDateYear) year);
      *kind = 4;
      *ordinal = g_date_get_julian (&date);
    }
}

static gboolean
check_count (const char          *member,
             guint                n,
             guint                max,
             const CxLoadContext *ctx,
             GError             **error)
{
  if (n == 0)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” is empty; leave it out where there is nothing to list"), member);
      return FALSE;
    }
  if (n > max)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” has %u values; at most %u are allowed"), member, n, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_series (Loader         *loader,
             JsonObject     *o,
             CxStatistic    *stat,
             CxLoadContext  *ctx,
             GError        **error)
{
  JsonArray *array;
  const CxStatisticPoint *own;
  int last_kind = -1;
  gint64 last_ordinal = 0;

  if (!cx_pack_get_array (o, "series", FALSE, ctx, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  if (!check_count ("series", json_array_get_length (array), CX_STATISTIC_MAX_POINTS, ctx, error))
    return FALSE;

  stat->points = g_array_sized_new (FALSE, TRUE, sizeof (CxStatisticPoint), json_array_get_length (array));
  g_array_set_clear_func (stat->points, point_clear);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *part = g_strdup_printf (_("series value %u"), i + 1);
      CxLoadContext pctx = *ctx;
      CxStatisticPoint point = { NULL, };
      ValueFields fields;
      JsonObject *p;
      const char *period;
      int kind;
      gint64 ordinal;

      pctx.part = part;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          cx_load_context_set_error (&pctx, error, CX_PACK_ERROR_TYPE,
                                     _("must be an object with “period” and “value”, not %s"),
                                     cx_json_node_type_name (node));
          return FALSE;
        }
      p = json_node_get_object (node);
      if (!cx_pack_get_string (p, "period", TRUE, &pctx, &period, error))
        return FALSE;

      {
        g_autofree char *quoted = cx_error_excerpt (period);

        g_free (part);
        part = g_strdup_printf (_("series value %u (“%s”)"), i + 1, quoted);
        pctx.part = part;

        if (strchr (period, '/') != NULL || !cx_is_valid_period (period))
          {
            cx_load_context_set_error (&pctx, error, CX_PACK_ERROR_VALUE,
                                       _("“period” must be one period (YYYY, YYYY-H1, YYYY-Q3, YYYY-MM or YYYY-MM-DD), not “%s”"),
                                       quoted);
            return FALSE;
          }
      }

      period_key (period, &kind, &ordinal);
      if (last_kind >= 0 && kind != last_kind)
        {
          cx_load_context_set_error (&pctx, error, CX_PACK_ERROR_VALUE,
                                     _("the period is not of the same kind as the one before it (“%s”); a series counts in one kind of period"),
                                     g_array_index (stat->points, CxStatisticPoint, i - 1).period);
          return FALSE;
        }
      if (last_kind >= 0 && ordinal == last_ordinal)
        {
          cx_load_context_set_error (&pctx, error, CX_PACK_ERROR_DUPLICATE_ID,
                                     _("the period is listed twice"));
          return FALSE;
        }
      if (last_kind >= 0 && ordinal < last_ordinal)
        {
          cx_load_context_set_error (&pctx, error, CX_PACK_ERROR_VALUE,
                                     _("the period comes before “%s”; a series lists its periods from the oldest"),
                                     g_array_index (stat->points, CxStatisticPoint, i - 1).period);
          return FALSE;
        }
      last_kind = kind;
      last_ordinal = ordinal;

      if (!load_value_fields (loader, p, stat, &pctx, &fields, error))
        return FALSE;

      point.period = g_strdup (period);
      point.has_value = fields.has_value;
      point.value = fields.value;
      point.source = g_object_ref (fields.source);
      point.status = fields.status;
      point.note = g_strdup (fields.note);
      point.former_id = g_strdup (fields.former_id);
      g_array_append_val (stat->points, point);
    }

  /* The statistic's own value is the series' value for its period, so a
   * card and a chart never disagree. */
  own = cx_statistic_lookup_point (stat, stat->period);
  if (own == NULL)
    {
      g_autofree char *quoted = cx_error_excerpt (stat->period);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("the series has no value for the statistic's own period “%s”"), quoted);
      return FALSE;
    }
  if (!own->has_value || own->value != stat->value)
    {
      if (own->has_value)
        cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                   _("the series gives %g for %s, but “value” is %g"),
                                   own->value, own->period, stat->value);
      else
        cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                   _("the series has no value for %s, but “value” is %g"),
                                   own->period, stat->value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_breakdown (Loader         *loader,
                JsonObject     *o,
                CxStatistic    *stat,
                CxLoadContext  *ctx,
                GError        **error)
{
  JsonObject *breakdown;
  JsonArray *array;
  const char *by;

  if (!cx_pack_get_object (o, "breakdown", FALSE, ctx, &breakdown, error))
    return FALSE;
  if (breakdown == NULL)
    return TRUE;
  if (!cx_pack_get_string (breakdown, "by", TRUE, ctx, &by, error) ||
      !cx_pack_get_array (breakdown, "values", TRUE, ctx, &array, error))
    return FALSE;

  if (g_str_equal (by, "feature"))
    stat->breakdown_kind = CX_BREAKDOWN_FEATURE;
  else if (g_str_equal (by, "district"))
    stat->breakdown_kind = CX_BREAKDOWN_DISTRICT;
  else
    {
      g_autofree char *quoted = cx_error_excerpt (by);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“by” is “%s”; it must be feature or district"), quoted);
      return FALSE;
    }

  if (!check_count ("values", json_array_get_length (array), CX_STATISTIC_MAX_ENTRIES, ctx, error))
    return FALSE;

  stat->entries = g_array_sized_new (FALSE, TRUE, sizeof (CxStatisticEntry), json_array_get_length (array));
  g_array_set_clear_func (stat->entries, entry_clear);
  stat->entry_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *part = g_strdup_printf (_("breakdown value %u"), i + 1);
      CxLoadContext ectx = *ctx;
      CxStatisticEntry entry = { NULL, };
      ValueFields fields;
      JsonObject *e;
      const char *id;

      ectx.part = part;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          cx_load_context_set_error (&ectx, error, CX_PACK_ERROR_TYPE,
                                     _("must be an object with “id” and “value”, not %s"),
                                     cx_json_node_type_name (node));
          return FALSE;
        }
      e = json_node_get_object (node);
      if (!cx_pack_get_string (e, "id", TRUE, &ectx, &id, error))
        return FALSE;

      {
        g_autofree char *quoted = cx_error_excerpt (id);

        g_free (part);
        part = g_strdup_printf (_("breakdown value %u (“%s”)"), i + 1, quoted);
        ectx.part = part;

        if (!cx_is_valid_id (id))
          {
            cx_load_context_set_error (&ectx, error, CX_PACK_ERROR_VALUE,
                                       _("the id “%s” is not valid (1–64 characters of a–z, 0–9 and -, starting with a letter)"),
                                       quoted);
            return FALSE;
          }
        if (g_hash_table_contains (stat->entry_index, id))
          {
            cx_load_context_set_error (&ectx, error, CX_PACK_ERROR_DUPLICATE_ID,
                                       _("“%s” is listed twice"), quoted);
            return FALSE;
          }
        /* Districts are loaded before the statistics; features after
         * them, so those are checked in resolve_feature_breakdowns(). */
        if (stat->breakdown_kind == CX_BREAKDOWN_DISTRICT &&
            !g_hash_table_contains (loader->pack->district_index, id))
          {
            cx_load_context_set_error (&ectx, error, CX_PACK_ERROR_DANGLING_LINK,
                                       _("names the district “%s”, which the pack does not have"), quoted);
            return FALSE;
          }
      }

      if (!load_value_fields (loader, e, stat, &ectx, &fields, error))
        return FALSE;

      entry.id = g_strdup (id);
      entry.has_value = fields.has_value;
      entry.value = fields.value;
      entry.source = g_object_ref (fields.source);
      entry.status = fields.status;
      entry.note = g_strdup (fields.note);
      entry.former_id = g_strdup (fields.former_id);
      g_array_append_val (stat->entries, entry);
      g_hash_table_insert (stat->entry_index, entry.id, GUINT_TO_POINTER (stat->entries->len));
    }

  return TRUE;
}

static gboolean
add_former_id (Loader               *loader,
               CxStatistic          *stat,
               const char           *former_id,
               const char           *key,
               const CxLoadContext  *ctx,
               GError              **error)
{
  CxDataPack *pack = loader->pack;
  CxStatisticAlias *alias;

  if (former_id == NULL)
    return TRUE;

  if (g_hash_table_contains (pack->statistic_index, former_id) || g_str_equal (former_id, stat->id))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_DUPLICATE_ID,
                                 _("“former_id” “%s” is the id of a statistic of this pack"), former_id);
      return FALSE;
    }
  if (g_hash_table_contains (pack->statistic_aliases, former_id))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_DUPLICATE_ID,
                                 _("“former_id” “%s” is given to an earlier value too"), former_id);
      return FALSE;
    }

  alias = g_new0 (CxStatisticAlias, 1);
  alias->statistic = stat;
  alias->key = key;
  g_hash_table_insert (pack->statistic_aliases, (gpointer) former_id, alias);
  return TRUE;
}

/* Old packs had a statistic for each of these values: their ids go on
 * finding the statistic that holds the value now. */
static gboolean
index_former_ids (Loader         *loader,
                  CxStatistic    *stat,
                  CxLoadContext  *ctx,
                  GError        **error)
{
  for (guint i = 0; i < cx_statistic_get_n_points (stat); i++)
    {
      CxStatisticPoint *point = &g_array_index (stat->points, CxStatisticPoint, i);
      g_autofree char *part = g_strdup_printf (_("series value %u (“%s”)"), i + 1, point->period);
      CxLoadContext pctx = *ctx;

      pctx.part = part;
      if (!add_former_id (loader, stat, point->former_id, point->period, &pctx, error))
        return FALSE;
    }

  for (guint i = 0; i < cx_statistic_get_n_entries (stat); i++)
    {
      CxStatisticEntry *entry = &g_array_index (stat->entries, CxStatisticEntry, i);
      g_autofree char *part = g_strdup_printf (_("breakdown value %u (“%s”)"), i + 1, entry->id);
      CxLoadContext ectx = *ctx;

      ectx.part = part;
      if (!add_former_id (loader, stat, entry->former_id, entry->id, &ectx, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_districts (Loader      *loader,
                JsonNode    *node,
                const char  *display,
                GError     **error)
{
  CxLoadContext top = { display, NULL, 0, NULL };
  CxLoadContext ctx = { display, "district", 0, NULL };
  JsonArray *array;

  if (!expect_array_section (node, display, "districts", &array, error))
    return FALSE;
  if (json_array_get_length (array) > CX_DATA_PACK_MAX_DISTRICTS)
    {
      cx_load_context_set_error (&top, error, CX_PACK_ERROR_VALUE,
                                 _("%u districts are listed; at most %d are allowed"),
                                 json_array_get_length (array), CX_DATA_PACK_MAX_DISTRICTS);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CxDistrict) district = g_object_new (CX_TYPE_DISTRICT, NULL);
      JsonObject *o;
      const char *id;

      if (!entry_object (array, i, &ctx, &o, error) ||
          !cx_pack_get_id (o, &ctx, &id, error) ||
          !check_unique (loader->pack->district_index, id, &ctx, error) ||
          !cx_pack_get_names (o, "name", &ctx, &district->name, &district->name_zh, error))
        return FALSE;

      district->id = g_strdup (id);
      g_list_store_append (loader->pack->districts, district);
      g_hash_table_insert (loader->pack->district_index, district->id, district);
    }

  return TRUE;
}

/* Each feature a breakdown names shows the statistic on its page, and is
 * one of the places the statistic highlights. */
static gboolean
resolve_feature_breakdowns (Loader  *loader,
                            GError **error)
{
  for (guint s = 0; s < loader->feature_breakdowns->len; s++)
    {
      CxStatistic *stat = g_ptr_array_index (loader->feature_breakdowns, s);
      CxLoadContext ctx = { loader->statistics_display, "statistic",
                            g_array_index (loader->feature_breakdown_indices, guint, s), stat->id };

      for (guint i = 0; i < stat->entries->len; i++)
        {
          CxStatisticEntry *entry = &g_array_index (stat->entries, CxStatisticEntry, i);
          CxFeature *feature = g_hash_table_lookup (loader->pack->feature_index, entry->id);
          GListStore *places;

          if (feature == NULL)
            {
              g_autofree char *part = g_strdup_printf (_("breakdown value %u (“%s”)"), i + 1, entry->id);

              ctx.part = part;
              cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_DANGLING_LINK,
                                         _("names the feature “%s”, which the pack does not have"), entry->id);
              return FALSE;
            }

          if (!g_list_store_find (feature->statistics, stat, NULL))
            g_list_store_append (feature->statistics, stat);

          places = g_hash_table_lookup (loader->pack->statistic_features, stat->id);
          if (places == NULL)
            {
              places = g_list_store_new (CX_TYPE_FEATURE);
              g_hash_table_insert (loader->pack->statistic_features, g_strdup (stat->id), places);
            }
          if (!g_list_store_find (places, feature, NULL))
            g_list_store_append (places, feature);
        }
    }

  return TRUE;
}

/* A statistic computed as a ratio of two others, waiting for the end of
 * the section, where every statistic it may name is known. */
typedef struct
{
  CxStatistic *stat;          /* borrowed */
  guint        index;         /* in the section */
  char        *numerator;
  char        *denominator;
} PendingRatio;

static void
pending_ratio_clear (gpointer data)
{
  PendingRatio *ratio = data;

  g_free (ratio->numerator);
  g_free (ratio->denominator);
}

static gboolean
get_ratio_id (JsonObject     *ratio,
              const char     *name,
              CxLoadContext  *ctx,
              const char    **out,
              GError        **error)
{
  if (!cx_pack_get_string (ratio, name, TRUE, ctx, out, error))
    return FALSE;
  if (!cx_is_valid_id (*out))
    {
      g_autofree char *quoted = cx_error_excerpt (*out);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("the “ratio”’s “%s” “%s” is not a valid id"), name, quoted);
      return FALSE;
    }
  return TRUE;
}

/* "ratio": {"numerator": ID, "denominator": ID}. Its breakdown is
 * computed, not listed, so it has none of its own, nor a series. */
static gboolean
load_ratio (JsonObject     *o,
            CxStatistic    *stat,
            guint           index,
            GArray         *pending,
            CxLoadContext  *ctx,
            GError        **error)
{
  JsonObject *ratio;
  const char *numerator, *denominator;
  PendingRatio entry;

  if (!cx_pack_get_object (o, "ratio", FALSE, ctx, &ratio, error))
    return FALSE;
  if (ratio == NULL)
    return TRUE;
  if (!get_ratio_id (ratio, "numerator", ctx, &numerator, error) ||
      !get_ratio_id (ratio, "denominator", ctx, &denominator, error))
    return FALSE;
  if (stat->entries != NULL || stat->points != NULL)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("a computed “ratio” has no “breakdown” or “series” of its own: they are computed"));
      return FALSE;
    }
  if (g_str_equal (numerator, denominator) || g_str_equal (numerator, stat->id) || g_str_equal (denominator, stat->id))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("a “ratio” divides two other statistics, not one by itself"));
      return FALSE;
    }

  entry = (PendingRatio) { stat, index, g_strdup (numerator), g_strdup (denominator) };
  g_array_append_val (pending, entry);
  return TRUE;
}

static CxStatisticStatus
weaker_status (CxStatisticStatus a,
               CxStatisticStatus b)
{
  /* confirmed < reported < estimate: a ratio is no surer than either. */
  return MAX (a, b);
}

/* Computes each ratio's breakdown, place by place, from its operands'
 * breakdowns (docs/data-pack.md, "Computed ratios"). */
static gboolean
resolve_ratios (Loader  *loader,
                GArray  *pending,
                GError **error)
{
  for (guint r = 0; r < pending->len; r++)
    {
      PendingRatio *ratio = &g_array_index (pending, PendingRatio, r);
      CxStatistic *stat = ratio->stat;
      CxLoadContext ctx = { loader->statistics_display, "statistic", ratio->index, stat->id };
      CxStatistic *num = g_hash_table_lookup (loader->pack->statistic_index, ratio->numerator);
      CxStatistic *den = g_hash_table_lookup (loader->pack->statistic_index, ratio->denominator);
      double computed;

      if (num == NULL || den == NULL)
        {
          g_autofree char *quoted = cx_error_excerpt (num == NULL ? ratio->numerator : ratio->denominator);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_DANGLING_LINK,
                                     _("the “ratio” names the statistic “%s”, which the pack does not have (a former id does not do)"),
                                     quoted);
          return FALSE;
        }
      if (num->numerator != NULL || den->numerator != NULL ||
          g_hash_table_contains (loader->pending_ratio_ids, num->id) ||
          g_hash_table_contains (loader->pending_ratio_ids, den->id))
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("the “ratio” divides a computed ratio: only published figures are divided"));
          return FALSE;
        }
      if (num->entries == NULL || den->entries == NULL || num->breakdown_kind != den->breakdown_kind)
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("the “ratio” divides “%s” by “%s”, which need breakdowns by the same kind of place"),
                                     num->id, den->id);
          return FALSE;
        }
      if (!(den->value != 0) || !isfinite (num->value / den->value))
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("the “ratio” divides by “%s”, whose own value is 0"), den->id);
          return FALSE;
        }
      /* The statistic's own value is what an app that does not know
       * "ratio" shows: it must be the ratio of the two own values, as
       * the pack rounds it. */
      computed = num->value / den->value;
      if (fabs (stat->value - computed) > 0.005 * fabs (computed))
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“value” is %g, but “%s” ÷ “%s” is %g (it must agree to 0.5 %%)"),
                                     stat->value, num->id, den->id, computed);
          return FALSE;
        }

      stat->numerator = num;
      stat->denominator = den;
      stat->breakdown_kind = num->breakdown_kind;
      stat->entries = g_array_sized_new (FALSE, TRUE, sizeof (CxStatisticEntry), num->entries->len);
      g_array_set_clear_func (stat->entries, entry_clear);
      stat->entry_index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < num->entries->len; i++)
        {
          const CxStatisticEntry *top = &g_array_index (num->entries, CxStatisticEntry, i);
          const CxStatisticEntry *bottom = cx_statistic_lookup_entry (den, top->id);
          CxStatisticEntry entry = { NULL, };

          entry.id = g_strdup (top->id);
          /* A place without both values, or with nothing to divide by, is
           * listed as not available: nothing is guessed. */
          entry.has_value = top->has_value && bottom != NULL && bottom->has_value &&
                            bottom->value != 0 && isfinite (top->value / bottom->value);
          entry.value = entry.has_value ? top->value / bottom->value : 0;
          entry.source = g_object_ref (top->source);
          entry.status = bottom != NULL ? weaker_status (top->status, bottom->status) : top->status;
          g_array_append_val (stat->entries, entry);
          g_hash_table_insert (stat->entry_index, entry.id, GUINT_TO_POINTER (stat->entries->len));
        }

      if (stat->breakdown_kind == CX_BREAKDOWN_FEATURE)
        {
          g_ptr_array_add (loader->feature_breakdowns, stat);
          g_array_append_val (loader->feature_breakdown_indices, ratio->index);
        }
    }

  return TRUE;
}

static gboolean
load_statistics (Loader      *loader,
                 JsonNode    *node,
                 const char  *display,
                 GError     **error)
{
  static const char * const kinds[] = { "growth", "amount", "share", "count", NULL };
  static const char * const statuses[] = { "confirmed", "reported", "estimate", NULL };
  CxLoadContext ctx = { display, "statistic", 0, NULL };
  JsonArray *array;

  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (PendingRatio));

  g_array_set_clear_func (ratios, pending_ratio_clear);
  if (!expect_array_section (node, display, "statistics", &array, error))
    return FALSE;
  g_free (loader->statistics_display);
  loader->statistics_display = g_strdup (display);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CxStatistic) stat = g_object_new (CX_TYPE_STATISTIC, NULL);
      JsonObject *o;
      const char *id, *kind, *unit, *period, *comparison, *status, *note;
      double value;
      JsonNode *source_node;
      CxSource *source;
      int kind_index, status_index;

      if (!entry_object (array, i, &ctx, &o, error) ||
          !cx_pack_get_id (o, &ctx, &id, error) ||
          !check_unique (loader->pack->statistic_index, id, &ctx, error) ||
          !cx_pack_get_names (o, "title", &ctx, &stat->title, &stat->title_zh, error) ||
          !cx_pack_get_string (o, "kind", TRUE, &ctx, &kind, error) ||
          !cx_pack_get_number (o, "value", TRUE, &ctx, &value, NULL, error) ||
          !cx_pack_get_string (o, "unit", TRUE, &ctx, &unit, error) ||
          !cx_pack_get_string (o, "period", TRUE, &ctx, &period, error) ||
          !cx_pack_get_string (o, "comparison", FALSE, &ctx, &comparison, error) ||
          !cx_pack_get_string (o, "status", TRUE, &ctx, &status, error) ||
          !cx_pack_get_string (o, "note", FALSE, &ctx, &note, error))
        return FALSE;

      kind_index = -1;
      for (int k = 0; kinds[k]; k++)
        if (g_str_equal (kinds[k], kind))
          kind_index = k;
      if (kind_index < 0)
        {
          g_autofree char *quoted = cx_error_excerpt (kind);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“kind” is “%s”; it must be growth, amount, share or count"), quoted);
          return FALSE;
        }

      status_index = -1;
      for (int k = 0; statuses[k]; k++)
        if (g_str_equal (statuses[k], status))
          status_index = k;
      if (status_index < 0)
        {
          g_autofree char *quoted = cx_error_excerpt (status);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“status” is “%s”; it must be confirmed, reported or estimate"), quoted);
          return FALSE;
        }

      if (!cx_is_valid_period (period))
        {
          g_autofree char *quoted = cx_error_excerpt (period);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“period” is “%s”, which is not a period (YYYY, YYYY-H1, YYYY-Q3, YYYY-MM, YYYY-MM-DD, or a range A/B)"),
                                     quoted);
          return FALSE;
        }

      source_node = json_object_get_member (o, "source");
      if (source_node == NULL)
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_MISSING,
                                     _("the required member “%s” is missing"), "source");
          return FALSE;
        }
      source = resolve_link (loader->pack->source_index, "source", "source", source_node, &ctx, error);
      if (source == NULL)
        return FALSE;

      if (g_hash_table_contains (loader->pack->statistic_aliases, id))
        {
          CxStatisticAlias *alias = g_hash_table_lookup (loader->pack->statistic_aliases, id);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_DUPLICATE_ID,
                                     _("the id “%s” is the former id of a value of the earlier statistic “%s”"),
                                     id, alias->statistic->id);
          return FALSE;
        }

      stat->id = g_strdup (id);
      stat->kind = (CxStatisticKind) kind_index;
      stat->value = value;
      stat->unit = g_strdup (unit);
      stat->period = g_strdup (period);
      stat->comparison = g_strdup (comparison);
      stat->status = (CxStatisticStatus) status_index;
      stat->source = g_object_ref (source);
      stat->note = g_strdup (note);

      if (!load_series (loader, o, stat, &ctx, error) ||
          !load_breakdown (loader, o, stat, &ctx, error) ||
          !load_ratio (o, stat, i, ratios, &ctx, error) ||
          !index_former_ids (loader, stat, &ctx, error))
        return FALSE;
      if (ratios->len > 0 && g_array_index (ratios, PendingRatio, ratios->len - 1).stat == stat)
        g_hash_table_add (loader->pending_ratio_ids, g_strdup (stat->id));
      if (stat->breakdown_kind == CX_BREAKDOWN_FEATURE)
        {
          g_ptr_array_add (loader->feature_breakdowns, stat);
          g_array_append_val (loader->feature_breakdown_indices, i);
        }

      g_list_store_append (loader->pack->statistics, stat);
      g_hash_table_insert (loader->pack->statistic_index, stat->id, stat);
    }

  return resolve_ratios (loader, ratios, error);
}

static gboolean
load_programs (Loader      *loader,
               JsonNode    *node,
               const char  *display,
               GError     **error)
{
  CxLoadContext ctx = { display, "program", 0, NULL };
  JsonArray *array;

  if (!expect_array_section (node, display, "programs", &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CxProgram) program = g_object_new (CX_TYPE_PROGRAM, NULL);
      JsonObject *o;
      JsonArray *links;
      const char *id, *summary, *start, *end;

      if (!entry_object (array, i, &ctx, &o, error) ||
          !cx_pack_get_id (o, &ctx, &id, error) ||
          !check_unique (loader->pack->program_index, id, &ctx, error) ||
          !cx_pack_get_names (o, "title", &ctx, &program->title, &program->title_zh, error) ||
          !cx_pack_get_string (o, "summary", TRUE, &ctx, &summary, error) ||
          !cx_pack_get_date (o, "start", TRUE, &ctx, &start, error) ||
          !cx_pack_get_date (o, "end", FALSE, &ctx, &end, error) ||
          !resolve_links (o, "sources", "source", loader->pack->source_index, 1,
                          program->sources, &ctx, error) ||
          !cx_pack_get_array (o, "links", FALSE, &ctx, &links, error))
        return FALSE;

      for (guint l = 0; links != NULL && l < json_array_get_length (links); l++)
        {
          JsonNode *link_node = json_array_get_element (links, l);
          JsonObject *link;
          const char *title, *url;

          if (!JSON_NODE_HOLDS_OBJECT (link_node))
            {
              cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_TYPE,
                                         _("link %u must be an object with “title” and “url”, not %s"),
                                         l + 1, cx_json_node_type_name (link_node));
              return FALSE;
            }
          link = json_node_get_object (link_node);
          if (!cx_pack_get_string (link, "title", TRUE, &ctx, &title, error) ||
              !cx_pack_get_string (link, "url", TRUE, &ctx, &url, error))
            return FALSE;
          if (!cx_is_web_url (url))
            {
              g_autofree char *quoted = cx_error_excerpt (url);

              cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                         _("link %u must be an http or https address, not “%s”"),
                                         l + 1, quoted);
              return FALSE;
            }
          g_ptr_array_add (program->link_titles, g_strdup (title));
          g_ptr_array_add (program->link_urls, g_strdup (url));
        }

      program->id = g_strdup (id);
      program->summary = g_strdup (summary);
      program->start = g_strdup (start);
      program->end = g_strdup (end);

      g_list_store_append (loader->pack->programs, program);
      g_hash_table_insert (loader->pack->program_index, program->id, program);
    }

  return TRUE;
}

static gboolean
load_style (JsonObject          *layer,
            const CxLoadContext *ctx,
            CxStyle             *style,
            GError             **error)
{
  static const struct { const char *name; CxLabelMode mode; } label_modes[] = {
    { "zoom", CX_LABEL_ZOOM }, { "always", CX_LABEL_ALWAYS }, { "never", CX_LABEL_NEVER },
  };
  JsonObject *o;
  JsonArray *dash;
  const char *fill, *stroke, *marker, *label;
  gboolean found;

  if (!cx_pack_get_object (layer, "style", TRUE, ctx, &o, error) ||
      !cx_pack_get_string (o, "fill", FALSE, ctx, &fill, error) ||
      !cx_pack_get_string (o, "stroke", TRUE, ctx, &stroke, error) ||
      !cx_pack_get_number (o, "stroke_width", TRUE, ctx, &style->stroke_width, NULL, error) ||
      !cx_pack_get_string (o, "marker", FALSE, ctx, &marker, error) ||
      !cx_pack_get_string (o, "label", FALSE, ctx, &label, error) ||
      !cx_pack_get_array (o, "dash", FALSE, ctx, &dash, error))
    return FALSE;

  {
    const char *bad = NULL;

    if (!cx_color_parse (stroke, &style->stroke))
      bad = stroke;
    else if (fill != NULL && !cx_color_parse (fill, &style->fill))
      bad = fill;
    else if (marker != NULL && !cx_color_parse (marker, &style->marker))
      bad = marker;

    if (bad != NULL)
      {
        g_autofree char *quoted = cx_error_excerpt (bad);

        cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                   _("the colour “%s” is not of the form #rrggbb or #rrggbbaa"), quoted);
        return FALSE;
      }
  }
  style->has_fill = fill != NULL;
  if (marker == NULL)
    style->marker = style->stroke;

  if (style->stroke_width < 0 || style->stroke_width > 20)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“stroke_width” is %g; it must be from 0 to 20"), style->stroke_width);
      return FALSE;
    }

  style->label = CX_LABEL_ZOOM;
  found = label == NULL;
  for (guint k = 0; label != NULL && k < G_N_ELEMENTS (label_modes); k++)
    if (g_str_equal (label, label_modes[k].name))
      {
        style->label = label_modes[k].mode;
        found = TRUE;
      }
  if (!found)
    {
      g_autofree char *quoted = cx_error_excerpt (label);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“label” is “%s”; it must be always, zoom or never"), quoted);
      return FALSE;
    }

  style->n_dashes = 0;
  if (dash != NULL)
    {
      guint n = json_array_get_length (dash);

      if (n > CX_STYLE_MAX_DASHES)
        {
          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“dash” has %u numbers; at most %d are allowed"), n, CX_STYLE_MAX_DASHES);
          return FALSE;
        }
      for (guint k = 0; k < n; k++)
        {
          JsonNode *d = json_array_get_element (dash, k);
          GType t = JSON_NODE_HOLDS_VALUE (d) ? json_node_get_value_type (d) : G_TYPE_INVALID;
          double v = (t == G_TYPE_DOUBLE || t == G_TYPE_INT64) ? json_node_get_double (d) : -1;

          if (!isfinite (v) || v <= 0 || v > 100)
            {
              cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                         _("“dash” must hold numbers from 0 to 100 (pixels)"));
              return FALSE;
            }
          style->dashes[k] = v;
        }
      style->n_dashes = n;
    }

  return TRUE;
}

static gboolean
load_layers (Loader      *loader,
             JsonObject  *manifest,
             GError     **error)
{
  CxLoadContext ctx = { loader->manifest_name, "layer", 0, NULL };
  CxLoadContext top = { loader->manifest_name, NULL, 0, NULL };
  JsonArray *array;

  if (!cx_pack_get_array (manifest, "layers", TRUE, &top, &array, error))
    return FALSE;

  if (json_array_get_length (array) == 0)
    {
      cx_load_context_set_error (&top, error, CX_PACK_ERROR_VALUE, _("“layers” is empty"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CxLayer) layer = g_object_new (CX_TYPE_LAYER, NULL);
      JsonObject *o;
      const char *id, *description;

      if (!entry_object (array, i, &ctx, &o, error) ||
          !cx_pack_get_id (o, &ctx, &id, error) ||
          !check_unique (loader->pack->layer_index, id, &ctx, error) ||
          !cx_pack_get_names (o, "name", &ctx, &layer->name, &layer->name_zh, error) ||
          !cx_pack_get_string (o, "description", TRUE, &ctx, &description, error) ||
          !load_style (o, &ctx, &layer->style, error))
        return FALSE;

      layer->id = g_strdup (id);
      layer->description = g_strdup (description);
      layer->index = i;

      g_list_store_append (loader->pack->layers, layer);
      g_hash_table_insert (loader->pack->layer_index, layer->id, layer);
    }

  return TRUE;
}

static void
index_feature (GHashTable *reverse,
               GListModel *linked,
               CxFeature  *feature)
{
  for (guint i = 0; i < g_list_model_get_n_items (linked); i++)
    {
      g_autoptr(GObject) target = g_list_model_get_item (linked, i);
      const char *id = cx_item_get_id (CX_ITEM (target));   /* a program or a statistic */
      GListStore *store = g_hash_table_lookup (reverse, id);

      if (store == NULL)
        {
          store = g_list_store_new (CX_TYPE_FEATURE);
          g_hash_table_insert (reverse, g_strdup (id), store);
        }
      g_list_store_append (store, feature);
    }
}

static gboolean
load_features (Loader      *loader,
               JsonNode    *node,
               const char  *display,
               GError     **error)
{
  CxLoadContext top = { display, NULL, 0, NULL };
  CxLoadContext ctx = { display, "feature", 0, NULL };
  JsonObject *collection;
  JsonArray *array;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cx_load_context_set_error (&top, error, CX_PACK_ERROR_TYPE,
                                 _("must be a GeoJSON FeatureCollection (an object), not %s"),
                                 cx_json_node_type_name (node));
      return FALSE;
    }

  collection = json_node_get_object (node);
  if (!cx_pack_get_string (collection, "type", TRUE, &top, &type, error))
    return FALSE;
  if (!g_str_equal (type, "FeatureCollection"))
    {
      g_autofree char *quoted = cx_error_excerpt (type);

      cx_load_context_set_error (&top, error, CX_PACK_ERROR_TYPE,
                                 _("must be a GeoJSON FeatureCollection, not a “%s”"), quoted);
      return FALSE;
    }
  if (!cx_pack_get_array (collection, "features", TRUE, &top, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CxFeature) feature = g_object_new (CX_TYPE_FEATURE, NULL);
      JsonObject *o, *props;
      JsonNode *label_node;
      const char *id, *feature_type, *layer_id, *kind, *pinyin, *description, *accuracy_note;
      CxLayer *layer;

      if (!entry_object (array, i, &ctx, &o, error) ||
          !cx_pack_get_string (o, "type", TRUE, &ctx, &feature_type, error))
        return FALSE;

      if (!g_str_equal (feature_type, "Feature"))
        {
          g_autofree char *quoted = cx_error_excerpt (feature_type);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_TYPE,
                                     _("“type” must be “Feature”, not “%s”"), quoted);
          return FALSE;
        }

      if (!cx_pack_get_id (o, &ctx, &id, error) ||
          !check_unique (loader->pack->feature_index, id, &ctx, error) ||
          !cx_pack_get_object (o, "properties", TRUE, &ctx, &props, error) ||
          !cx_pack_get_string (props, "layer", TRUE, &ctx, &layer_id, error))
        return FALSE;

      layer = g_hash_table_lookup (loader->pack->layer_index, layer_id);
      if (layer == NULL)
        {
          g_autofree char *quoted = cx_error_excerpt (layer_id);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_UNKNOWN_LAYER,
                                     _("its layer “%s” is not one of the pack's layers"), quoted);
          return FALSE;
        }

      feature->geometry = cx_geojson_parse_geometry (json_object_get_member (o, "geometry"), &ctx, error);
      if (feature->geometry == NULL)
        return FALSE;

      if (!cx_pack_get_string (props, "kind", TRUE, &ctx, &kind, error) ||
          !cx_pack_get_names (props, "name", &ctx, &feature->name, &feature->name_zh, error) ||
          !cx_pack_get_string (props, "pinyin", FALSE, &ctx, &pinyin, error) ||
          !cx_pack_get_string (props, "description", TRUE, &ctx, &description, error) ||
          !cx_pack_get_number (props, "accuracy_m", TRUE, &ctx, &feature->accuracy_m, NULL, error) ||
          !cx_pack_get_string (props, "accuracy_note", TRUE, &ctx, &accuracy_note, error) ||
          !resolve_links (props, "sources", "source", loader->pack->source_index, 1,
                          feature->sources, &ctx, error) ||
          !resolve_links (props, "statistics", "statistic", loader->pack->statistic_index, 0,
                          feature->statistics, &ctx, error) ||
          !resolve_links (props, "programs", "program", loader->pack->program_index, 0,
                          feature->programs, &ctx, error))
        return FALSE;

      if (feature->accuracy_m <= 0)
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("“accuracy_m” must be more than 0 metres"));
          return FALSE;
        }

      label_node = json_object_get_member (props, "label_point");
      if (label_node != NULL)
        {
          if (!cx_geojson_parse_position (label_node, &ctx, "“label_point”", &feature->label_point, error))
            return FALSE;
          feature->has_label_point = TRUE;
        }

      feature->id = g_strdup (id);
      feature->layer = layer;
      feature->kind = g_strdup (kind);
      feature->pinyin = g_strdup (pinyin);
      feature->description = g_strdup (description);
      feature->accuracy_note = g_strdup (accuracy_note);
      feature->bounds = cx_geometry_get_bounds (feature->geometry);

      g_list_store_append (loader->pack->features, feature);
      g_list_store_append (layer->features, feature);
      g_hash_table_insert (loader->pack->feature_index, feature->id, feature);
      index_feature (loader->pack->program_features, G_LIST_MODEL (feature->programs), feature);
      index_feature (loader->pack->statistic_features, G_LIST_MODEL (feature->statistics), feature);
    }

  return TRUE;
}

static gboolean
basemap_class_fits (CxBasemapClass klass,
                    CxGeometryType type)
{
  switch (klass)
    {
    case CX_BASEMAP_DISTRICT:
    case CX_BASEMAP_WATER:
    case CX_BASEMAP_PARK:
    case CX_BASEMAP_AIRPORT:
      return cx_geometry_type_is_areal (type);
    case CX_BASEMAP_GREENBELT:
      return cx_geometry_type_is_areal (type) || cx_geometry_type_is_linear (type);
    case CX_BASEMAP_RIVER:
    case CX_BASEMAP_EXPRESSWAY:
    case CX_BASEMAP_ARTERIAL:
    case CX_BASEMAP_RAIL:
      return cx_geometry_type_is_linear (type);
    case CX_BASEMAP_N_CLASSES:
    default:
      return FALSE;
    }
}

typedef struct
{
  Loader     *loader;
  const char *display;
} BasemapClosure;

static gboolean
add_basemap_item (guint        index,
                  const char  *id,
                  CxGeometry  *geometry,
                  JsonObject  *properties,
                  gpointer     user_data,
                  GError     **error)
{
  BasemapClosure *closure = user_data;
  CxDataPack *pack = closure->loader->pack;
  CxLoadContext ctx = { closure->display, "basemap feature", (int) index, id };
  CxBasemapItem item = { 0, };
  const char *klass, *name;
  int klass_index = -1;

  if (properties == NULL)
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing"), "properties");
      return FALSE;
    }

  if (!cx_pack_get_string (properties, "class", TRUE, &ctx, &klass, error) ||
      !cx_pack_get_string (properties, "name", FALSE, &ctx, &name, error) ||
      !cx_pack_get_number (properties, "accuracy_m", TRUE, &ctx, &item.accuracy_m, NULL, error))
    return FALSE;

  for (int k = 0; k < CX_BASEMAP_N_CLASSES; k++)
    if (g_str_equal (basemap_class_names[k], klass))
      klass_index = k;

  if (klass_index < 0)
    {
      g_autofree char *quoted = cx_error_excerpt (klass);

      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                 _("the class “%s” is not a basemap class"), quoted);
      return FALSE;
    }

  if (!basemap_class_fits (klass_index, cx_geometry_get_geometry_type (geometry)))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("a %s cannot be drawn as a “%s”"),
                                 cx_geometry_type_to_string (cx_geometry_get_geometry_type (geometry)),
                                 klass);
      return FALSE;
    }

  item.klass = klass_index;
  item.name = g_strdup (name);
  item.geometry = cx_geometry_ref (geometry);
  item.bounds = cx_geometry_get_bounds (geometry);
  cx_bounds_union (&pack->basemap_bounds, &item.bounds);
  g_array_append_val (pack->basemap, item);

  return TRUE;
}

static gboolean
load_basemap (Loader      *loader,
              JsonNode    *node,
              const char  *display,
              GError     **error)
{
  BasemapClosure closure = { loader, display };

  return cx_geojson_foreach (node, display, add_basemap_item, &closure, error);
}

static gboolean
load_own_district (Loader      *loader,
                   JsonObject  *manifest,
                   GError     **error)
{
  CxLoadContext top = { loader->manifest_name, NULL, 0, NULL };
  const char *id;

  if (!cx_pack_get_string (manifest, "own_district", FALSE, &top, &id, error))
    return FALSE;
  if (id == NULL)
    return TRUE;

  loader->pack->own_district = g_hash_table_lookup (loader->pack->district_index, id);
  if (loader->pack->own_district == NULL)
    {
      g_autofree char *quoted = cx_error_excerpt (id);

      cx_load_context_set_error (&top, error, CX_PACK_ERROR_DANGLING_LINK,
                                 _("“own_district” names the district “%s”, which the pack does not have"), quoted);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_manifest (Loader      *loader,
               JsonNode    *root,
               GError     **error)
{
  CxDataPack *pack = loader->pack;
  CxLoadContext top = { loader->manifest_name, NULL, 0, NULL };
  CxLoadContext view_ctx = { loader->manifest_name, NULL, 0, NULL };
  static const char * const sections[] = { "sources", "districts", "statistics", "programs", "features", "basemap" };
  JsonObject *manifest, *view;
  const char *format, *id, *data_date, *attribution, *license;
  gint64 format_version, min_zoom, max_zoom;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      cx_load_context_set_error (&top, error, CX_PACK_ERROR_FORMAT,
                                 _("not a Changning Explorer data pack: the manifest must be an object, not %s"),
                                 cx_json_node_type_name (root));
      return FALSE;
    }

  manifest = json_node_get_object (root);
  if (!cx_pack_get_string (manifest, "format", TRUE, &top, &format, error))
    return FALSE;
  if (!g_str_equal (format, "changning-explorer-pack"))
    {
      g_autofree char *quoted = cx_error_excerpt (format);

      cx_load_context_set_error (&top, error, CX_PACK_ERROR_FORMAT,
                                 _("not a Changning Explorer data pack (“format” is “%s”)"), quoted);
      return FALSE;
    }

  if (!cx_pack_get_integer (manifest, "format_version", &top, 1, G_MAXINT32, &format_version, error))
    return FALSE;
  if (format_version > CX_DATA_PACK_FORMAT_VERSION)
    {
      cx_load_context_set_error (&top, error, CX_PACK_ERROR_FORMAT,
                                 _("the pack is in format %lld, made for a newer version of Changning Explorer (this one reads format %d)"),
                                 (long long) format_version, CX_DATA_PACK_FORMAT_VERSION);
      return FALSE;
    }

  if (!cx_pack_get_id (manifest, &top, &id, error) ||
      !cx_pack_get_integer (manifest, "version", &top, 1, G_MAXINT64, &pack->version, error) ||
      !cx_pack_get_date (manifest, "data_date", TRUE, &top, &data_date, error) ||
      !cx_pack_get_names (manifest, "name", &top, &pack->name, &pack->name_zh, error) ||
      !cx_pack_get_string (manifest, "attribution", TRUE, &top, &attribution, error) ||
      !cx_pack_get_string (manifest, "license", TRUE, &top, &license, error) ||
      !cx_pack_get_object (manifest, "view", TRUE, &top, &view, error) ||
      !cx_pack_get_bounds (view, "bounds", &view_ctx, &pack->bounds, error) ||
      !cx_pack_get_bounds (view, "max_bounds", &view_ctx, &pack->max_bounds, error) ||
      !cx_pack_get_integer (view, "min_zoom", &view_ctx, 1, 20, &min_zoom, error) ||
      !cx_pack_get_integer (view, "max_zoom", &view_ctx, 1, 20, &max_zoom, error))
    return FALSE;

  if (min_zoom > max_zoom)
    {
      cx_load_context_set_error (&top, error, CX_PACK_ERROR_VALUE,
                                 _("“min_zoom” (%lld) is larger than “max_zoom” (%lld)"),
                                 (long long) min_zoom, (long long) max_zoom);
      return FALSE;
    }
  if (pack->bounds.min_x < pack->max_bounds.min_x || pack->bounds.max_x > pack->max_bounds.max_x ||
      pack->bounds.min_y < pack->max_bounds.min_y || pack->bounds.max_y > pack->max_bounds.max_y)
    {
      cx_load_context_set_error (&top, error, CX_PACK_ERROR_VALUE,
                                 _("“max_bounds” must contain “bounds”"));
      return FALSE;
    }

  pack->id = g_strdup (id);
  pack->data_date = g_strdup (data_date);
  pack->attribution = g_strdup (attribution);
  pack->license = g_strdup (license);
  pack->min_zoom = (guint) min_zoom;
  pack->max_zoom = (guint) max_zoom;

  if (!load_layers (loader, manifest, error))
    return FALSE;

  /* Sources first: everything else links to them. Districts (optional,
   * added after format 1 was first published) before the statistics that
   * break down by them. */
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      g_autofree char *display = NULL;
      g_autoptr(JsonNode) node = NULL;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (loader->cancellable, error))
        return FALSE;

      if (g_str_equal (sections[s], "districts") && !json_object_has_member (manifest, "districts"))
        continue;

      node = load_section (loader, manifest, sections[s], &display, error);
      if (node == NULL)
        return FALSE;

      switch (s)
        {
        case 0: ok = load_sources (loader, node, display, error); break;
        case 1: ok = load_districts (loader, node, display, error) && load_own_district (loader, manifest, error); break;
        case 2: ok = load_statistics (loader, node, display, error); break;
        case 3: ok = load_programs (loader, node, display, error); break;
        case 4: ok = load_features (loader, node, display, error) && resolve_feature_breakdowns (loader, error); break;
        default: ok = load_basemap (loader, node, display, error); break;
        }

      if (!ok)
        return FALSE;
    }

  /* "own_district" without "districts" */
  if (loader->pack->own_district == NULL && json_object_has_member (manifest, "own_district"))
    return load_own_district (loader, manifest, error);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * cx_data_pack_load_from_bytes:
 * @manifest: the contents of `pack.json`
 * @base_dir: (nullable): where section files are looked up; %NULL when every
 *   section must be inline
 * @display_name: how to name the manifest in errors
 *
 * Returns: (transfer full): the pack, or %NULL with @error set
 */
CxDataPack *
cx_data_pack_load_from_bytes (GBytes        *manifest,
                              GFile         *base_dir,
                              const char    *display_name,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(CxDataPack) pack = NULL;
  g_autoptr(JsonNode) root = NULL;
  Loader loader;
  gboolean ok;

  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same cap as for files: pack updates arrive as bytes. */
  if (g_bytes_get_size (manifest) > CX_PACK_MAX_FILE_SIZE)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: the pack is %zu bytes, more than a pack file may be (%d MiB)"),
                   display_name, (size_t) g_bytes_get_size (manifest), CX_PACK_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  root = cx_json_parse_bytes (manifest, display_name, error);
  if (root == NULL)
    return NULL;

  pack = g_object_new (CX_TYPE_DATA_PACK, NULL);
  loader.pack = pack;
  loader.base_dir = base_dir;
  loader.manifest_name = display_name;
  loader.cancellable = cancellable;
  loader.feature_breakdowns = g_ptr_array_new ();
  loader.feature_breakdown_indices = g_array_new (FALSE, FALSE, sizeof (guint));
  loader.statistics_display = NULL;
  loader.pending_ratio_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = load_manifest (&loader, root, error);

  g_ptr_array_unref (loader.feature_breakdowns);
  g_array_unref (loader.feature_breakdown_indices);
  g_free (loader.statistics_display);
  g_hash_table_unref (loader.pending_ratio_ids);
  if (!ok)
    return NULL;

  return g_steal_pointer (&pack);
}

/**
 * cx_data_pack_load:
 * @file: a pack directory, or its `pack.json`
 *
 * Loads and validates a pack synchronously.
 *
 * Returns: (transfer full): the pack, or %NULL with @error set
 */
CxDataPack *
cx_data_pack_load (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFile) manifest_file = NULL;
  g_autoptr(GFile) base_dir = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    manifest_file = g_file_get_child (file, "pack.json");
  else
    manifest_file = g_object_ref (file);

  display = g_file_get_parse_name (manifest_file);
  bytes = load_file_bytes (manifest_file, display, cancellable, error);
  if (bytes == NULL)
    return NULL;

  base_dir = g_file_get_parent (manifest_file);

  return cx_data_pack_load_from_bytes (bytes, base_dir, display, cancellable, error);
}

/**
 * cx_data_pack_load_default:
 *
 * Loads the pack compiled into the program.
 *
 * Returns: (transfer full): the pack, or %NULL with @error set
 */
CxDataPack *
cx_data_pack_load_default (GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_uri (CX_DEFAULT_PACK_URI);

  return cx_data_pack_load (file, NULL, error);
}

