/* cx-feature-store.c: every feature of an imported layer, in a few columns
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns (each a growable array, doubled when full, trimmed by
 * cx_feature_store_finish()):
 *
 *  - coords: every position of every feature, in order;
 *  - part_ends: where each part ends in coords, after a leading 0, so that
 *    the entry before a feature's first part is where that part starts;
 *  - polygon_ends: the same for polygons, counted in parts;
 *  - records: per feature, where its parts, polygons and properties start,
 *    its strings (offsets in the arena), its style and source index;
 *  - props: per property a key (an index in the interned keys) and a value
 *    (an offset in the arena);
 *  - arena: NUL-terminated texts, offset 0 the empty one.
 *
 * A feature's counts are the difference between its record's starts and
 * the next one's. Sublayers come in runs (a reader reads them one after
 * another), so only where each run starts is kept.
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include <string.h>

#include "cx-feature-store.h"
#include "cx-gcj02.h"
#include "cx-import-private.h"

#define NO_TEXT G_MAXUINT32

/* The values worth comparing with the previous feature's, to share one
 * copy: short ones, the kind that repeat (a category, "true", a year). */
#define SHARED_VALUE_MAX 64

typedef struct
{
  guint8 *data;
  gsize   len;       /* in elements */
  gsize   cap;
} Column;

typedef struct
{
  guint32 first_part;      /* in part_ends (after the leading 0) */
  guint32 first_polygon;   /* in polygon_ends (after the leading 0) */
  guint32 first_property;  /* in props */
  guint32 id;              /* arena offsets, or NO_TEXT */
  guint32 title;
  guint32 description;
  guint32 source_index;
  guint32 style;           /* in styles */
  guint8  type;            /* CxGeometryType */
  guint8  geojson_type;    /* in geojson_types */
} Record;

typedef struct
{
  guint32 key;             /* in keys */
  guint32 value;           /* arena offset */
} Prop;

typedef struct
{
  guint32 first_feature;
  guint32 sublayer;
} SublayerRun;

struct _CxFeatureStore
{
  Column      coords;          /* CxCoord */
  Column      part_ends;       /* guint32 */
  Column      polygon_ends;    /* guint32 */
  Column      records;         /* Record */
  Column      props;           /* Prop */
  Column      arena;           /* char */
  Column      runs;            /* SublayerRun */

  GPtrArray  *keys;            /* char *, owned */
  GHashTable *key_index;       /* key → index + 1; NULL once finished */
  GPtrArray  *styles;          /* CxStyle *, owned */
  GHashTable *style_index;     /* CxStyle * → index + 1; NULL once finished */
  GArray     *kept;            /* guint8 scratch: which properties go in the table */
  CxBounds    extent;
};

static const char * const geojson_types[] = {
  "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
};

/* ------------------------------------------------------------------ */
/* Columns                                                             */
/* ------------------------------------------------------------------ */

/* Room for @n more, doubling: a store of a million features grows its
 * columns some twenty times, not a million. */
static inline gpointer
column_reserve (Column *c,
                gsize   elt,
                gsize   n)
{
  if (c->len + n > c->cap)
    {
      gsize cap = MAX (c->cap * 2, 64);

      while (cap < c->len + n)
        cap *= 2;
      c->data = g_realloc_n (c->data, cap, elt);
      c->cap = cap;
    }
  return c->data + c->len * elt;
}

#define COLUMN_AT(c, type, i) (((type *) (gpointer) (c)->data)[i])

static inline void
column_append (Column        *c,
               gsize          elt,
               gconstpointer  value)
{
  memcpy (column_reserve (c, elt, 1), value, elt);
  c->len++;
}

static void
column_trim (Column *c,
             gsize   elt)
{
  if (c->cap > c->len)
    {
      c->data = g_realloc_n (c->data, MAX (c->len, 1), elt);
      c->cap = MAX (c->len, 1);
    }
}

static void
column_clear (Column *c)
{
  g_clear_pointer (&c->data, g_free);
  c->len = c->cap = 0;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* How much of @text is kept: all of it up to CX_IMPORT_MAX_TEXT_BYTES,
 * else that much cut on a character boundary (and "…" added). */
static gsize
display_length (const char *text,
                gsize       len,
                gboolean   *cut)
{
  const char *end;

  *cut = len > CX_IMPORT_MAX_TEXT_BYTES;
  if (!*cut)
    return len;

  end = text + CX_IMPORT_MAX_TEXT_BYTES;
  while (end > text && ((guchar) *end & 0xC0) == 0x80)
    end--;
  return (gsize) (end - text);
}

/* @text as the details table shows it, into the arena. */
static guint32
arena_add (CxFeatureStore *self,
           const char     *text)
{
  gsize len = strlen (text);
  gboolean cut;
  gsize keep = display_length (text, len, &cut);
  gsize size = keep + (cut ? strlen ("…") : 0) + 1;
  guint32 offset;
  char *p;

  if (len == 0)
    return 0;

  /* Offsets are 32-bit: 4 GiB of text, far past what the window can hold
   * in features anyway. */
  if (self->arena.len + size > G_MAXUINT32)
    {
      g_critical ("Imported layer holds more than 4 GiB of text; the rest is left out");
      return 0;
    }

  offset = (guint32) self->arena.len;
  p = column_reserve (&self->arena, 1, size);
  memcpy (p, text, keep);
  if (cut)
    memcpy (p + keep, "…", strlen ("…"));
  p[size - 1] = '\0';
  self->arena.len += size;
  return offset;
}

static inline const char *
arena_text (const CxFeatureStore *self,
            guint32               offset)
{
  return offset == NO_TEXT ? NULL : (const char *) self->arena.data + offset;
}

static guint32
intern_key (CxFeatureStore *self,
            const char     *key)
{
  gpointer found = g_hash_table_lookup (self->key_index, key);
  gsize len = strlen (key);
  gboolean cut;
  gsize keep;
  char *text;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  keep = display_length (key, len, &cut);
  text = cut ? g_strdup_printf ("%.*s…", (int) keep, key) : g_strdup (key);
  /* The cut key may be one there already. */
  found = g_hash_table_lookup (self->key_index, text);
  if (found != NULL)
    {
      /* Remembered under the whole key too; the table owns its copy. */
      g_hash_table_insert (self->key_index, g_strdup (key), found);
      g_free (text);
      return GPOINTER_TO_UINT (found) - 1;
    }

  g_ptr_array_add (self->keys, text);
  g_hash_table_insert (self->key_index, g_strdup (key), GUINT_TO_POINTER (self->keys->len));
  return self->keys->len - 1;
}

/* ------------------------------------------------------------------ */
/* Styles                                                              */
/* ------------------------------------------------------------------ */

/* Every style comes zeroed from cx_import_classify_properties() before its
 * fields are set, so its bytes (padding too) say what it is. */
static guint
style_hash (gconstpointer key)
{
  const guint8 *p = key;
  guint h = 5381;

  for (gsize i = 0; i < sizeof (CxStyle); i++)
    h = h * 33 + p[i];
  return h;
}

static gboolean
style_equal (gconstpointer a,
             gconstpointer b)
{
  return memcmp (a, b, sizeof (CxStyle)) == 0;
}

static guint32
intern_style (CxFeatureStore *self,
              const CxStyle  *style)
{
  gpointer found;
  CxStyle *copy;

  /* Most layers have one style: the last one is asked first. */
  if (self->styles->len > 0 &&
      style_equal (g_ptr_array_index (self->styles, self->styles->len - 1), style))
    return self->styles->len - 1;

  found = g_hash_table_lookup (self->style_index, style);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  copy = g_memdup2 (style, sizeof *style);
  g_ptr_array_add (self->styles, copy);
  g_hash_table_insert (self->style_index, copy, GUINT_TO_POINTER (self->styles->len));
  return self->styles->len - 1;
}

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

CxFeatureStore *
cx_feature_store_new (void)
{
  CxFeatureStore *self = g_new0 (CxFeatureStore, 1);
  guint32 zero = 0;

  column_append (&self->part_ends, sizeof (guint32), &zero);
  column_append (&self->polygon_ends, sizeof (guint32), &zero);
  /* Offset 0: the empty text. */
  column_append (&self->arena, 1, "");
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->key_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->styles = g_ptr_array_new_with_free_func (g_free);
  self->style_index = g_hash_table_new (style_hash, style_equal);
  self->kept = g_array_new (FALSE, FALSE, sizeof (guint8));
  cx_bounds_init_empty (&self->extent);
  return self;
}

void
cx_feature_store_free (CxFeatureStore *self)
{
  if (self == NULL)
    return;

  column_clear (&self->coords);
  column_clear (&self->part_ends);
  column_clear (&self->polygon_ends);
  column_clear (&self->records);
  column_clear (&self->props);
  column_clear (&self->arena);
  column_clear (&self->runs);
  g_ptr_array_unref (self->keys);
  g_clear_pointer (&self->key_index, g_hash_table_unref);
  g_ptr_array_unref (self->styles);
  g_clear_pointer (&self->style_index, g_hash_table_unref);
  g_clear_pointer (&self->kept, g_array_unref);
  g_free (self);
}

static guint8
geojson_type_index (const char     *type,
                    CxGeometryType  geometry_type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (geojson_types); i++)
    if (g_str_equal (type, geojson_types[i]))
      return i;

  /* Readers always say; should one not, the geometry's own kind. */
  switch (geometry_type)
    {
    case CX_GEOMETRY_POINT: return 0;
    case CX_GEOMETRY_LINE_STRING: return 2;
    case CX_GEOMETRY_MULTI_LINE_STRING: return 3;
    case CX_GEOMETRY_POLYGON: return 4;
    case CX_GEOMETRY_MULTI_POLYGON: return 5;
    default: return 0;
    }
}

static void
add_geometry (CxFeatureStore   *self,
              const CxGeometry *geometry,
              gboolean          gcj02)
{
  CxGeometryType type = cx_geometry_get_geometry_type (geometry);
  guint n_coords = cx_geometry_get_n_coords (geometry);
  guint n_parts = cx_geometry_get_n_parts (geometry);
  const CxCoord *in = cx_geometry_get_coords (geometry);
  guint32 first_coord = (guint32) self->coords.len;
  guint32 first_part = (guint32) self->part_ends.len - 1;
  CxCoord *out = column_reserve (&self->coords, sizeof (CxCoord), n_coords);
  guint32 *ends;

  for (guint i = 0; i < n_coords; i++)
    {
      CxCoord c = in[i];

      if (gcj02)
        cx_gcj02_to_wgs84 (in[i].y, in[i].x, &c.y, &c.x);
      out[i] = c;
      cx_bounds_extend (&self->extent, c.x, c.y);
    }
  self->coords.len += n_coords;

  /* The geometry's parts are contiguous in its positions, so each ends
   * where the next starts. */
  ends = column_reserve (&self->part_ends, sizeof (guint32), n_parts);
  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const CxCoord *part = cx_geometry_get_part (geometry, p, &n);

      ends[p] = first_coord + (guint32) (part - in) + n;
    }
  self->part_ends.len += n_parts;

  if (cx_geometry_type_is_areal (type))
    {
      guint n_polygons = cx_geometry_get_n_polygons (geometry);
      guint32 *polygon_ends = column_reserve (&self->polygon_ends, sizeof (guint32), n_polygons);

      for (guint k = 0; k < n_polygons; k++)
        {
          guint first, n;

          cx_geometry_get_polygon_parts (geometry, k, &first, &n);
          polygon_ends[k] = first_part + first + n;
        }
      self->polygon_ends.len += n_polygons;
    }
}

/* Appends the properties kept for the table; a key and a short value the
 * same as the previous feature's in the same place are taken from it. */
static void
add_properties (CxFeatureStore         *self,
                const CxImportProperty *properties,
                guint                   n_properties,
                const guint8           *kept,
                guint32                 prev_first,
                guint32                 prev_n)
{
  guint slot = 0;

  for (guint i = 0; i < n_properties; i++)
    {
      const char *text;
      Prop prop;
      Prop prev = { G_MAXUINT32, NO_TEXT };

      if (!kept[i])
        continue;

      text = properties[i].text != NULL ? properties[i].text : "null";
      if (slot < prev_n)
        prev = COLUMN_AT (&self->props, Prop, prev_first + slot);

      if (prev.key != G_MAXUINT32 && g_str_equal (g_ptr_array_index (self->keys, prev.key), properties[i].key))
        {
          prop.key = prev.key;
          if (strlen (text) <= SHARED_VALUE_MAX && g_str_equal (arena_text (self, prev.value), text))
            prop.value = prev.value;
          else
            prop.value = arena_add (self, text);
        }
      else
        {
          prop.key = intern_key (self, properties[i].key);
          prop.value = arena_add (self, text);
        }

      column_append (&self->props, sizeof (Prop), &prop);
      slot++;
    }
}

/**
 * cx_feature_store_add:
 * @info: the feature, its geometry not %NULL (a feature without a
 *   location is only counted, by the caller)
 * @sublayer: which of the file's layers it is from; 0 for GeoJSON
 * @gcj02: whether its positions are GCJ-02, to be moved to WGS84
 *
 * Copies the feature in: its positions, its id, and its properties through
 * the rules of simplestyle-spec (cx_import_classify_properties()): title,
 * description and style taken out, the rest as display text for the
 * details table, each cut to %CX_IMPORT_MAX_TEXT_BYTES.
 *
 * Returns: the feature's index
 */
guint
cx_feature_store_add (CxFeatureStore            *self,
                      const CxImportFeatureInfo *info,
                      guint                      sublayer,
                      gboolean                   gcj02)
{
  Record record = { 0, };
  guint32 prev_first = 0, prev_n = 0;
  guint index = (guint) self->records.len;
  CxStyle style;
  int title, description;
  guint8 *kept;

  g_return_val_if_fail (self != NULL && self->key_index != NULL, 0);
  g_return_val_if_fail (info != NULL && info->geometry != NULL, 0);

  if (self->runs.len == 0 ||
      COLUMN_AT (&self->runs, SublayerRun, self->runs.len - 1).sublayer != sublayer)
    {
      SublayerRun run = { index, sublayer };

      column_append (&self->runs, sizeof run, &run);
    }

  record.type = cx_geometry_get_geometry_type (info->geometry);
  record.geojson_type = geojson_type_index (info->geojson_type, record.type);
  record.source_index = info->source_index;
  record.first_part = (guint32) self->part_ends.len;
  record.first_polygon = (guint32) self->polygon_ends.len;
  record.first_property = (guint32) self->props.len;
  add_geometry (self, info->geometry, gcj02);

  g_array_set_size (self->kept, info->n_properties);
  kept = (guint8 *) (gpointer) self->kept->data;
  cx_import_classify_properties (info->properties, info->n_properties, &style, kept,
                                 &title, &description);
  record.style = intern_style (self, &style);
  record.id = info->id != NULL ? arena_add (self, info->id) : NO_TEXT;
  record.title = title >= 0 ? arena_add (self, info->properties[title].text) : NO_TEXT;
  record.description = description >= 0 ? arena_add (self, info->properties[description].text) : NO_TEXT;

  if (index > 0)
    {
      prev_first = COLUMN_AT (&self->records, Record, index - 1).first_property;
      prev_n = record.first_property - prev_first;
    }
  add_properties (self, info->properties, info->n_properties, kept, prev_first, prev_n);

  column_append (&self->records, sizeof record, &record);
  return index;
}

/**
 * cx_feature_store_finish:
 *
 * Ends the appending: gives back the columns' spare room and the tables
 * that only appending needs. The store is read-only from then on, and
 * may be read from any thread.
 */
void
cx_feature_store_finish (CxFeatureStore *self)
{
  g_return_if_fail (self != NULL);

  column_trim (&self->coords, sizeof (CxCoord));
  column_trim (&self->part_ends, sizeof (guint32));
  column_trim (&self->polygon_ends, sizeof (guint32));
  column_trim (&self->records, sizeof (Record));
  column_trim (&self->props, sizeof (Prop));
  column_trim (&self->arena, 1);
  column_trim (&self->runs, sizeof (SublayerRun));
  g_clear_pointer (&self->key_index, g_hash_table_unref);
  g_clear_pointer (&self->style_index, g_hash_table_unref);
  g_clear_pointer (&self->kept, g_array_unref);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

guint
cx_feature_store_get_n_features (const CxFeatureStore *self)
{
  return (guint) self->records.len;
}

/**
 * cx_feature_store_get_memory_size:
 *
 * Returns: the bytes the store holds (its columns as allocated, keys and
 *   styles; not the tables that only appending uses, gone once finished),
 *   for tests and benchmarks
 */
gsize
cx_feature_store_get_memory_size (const CxFeatureStore *self)
{
  gsize size = sizeof *self;

  size += self->coords.cap * sizeof (CxCoord);
  size += self->part_ends.cap * sizeof (guint32);
  size += self->polygon_ends.cap * sizeof (guint32);
  size += self->records.cap * sizeof (Record);
  size += self->props.cap * sizeof (Prop);
  size += self->arena.cap;
  size += self->runs.cap * sizeof (SublayerRun);
  size += self->keys->len * sizeof (gpointer) + self->styles->len * (sizeof (gpointer) + sizeof (CxStyle));
  for (guint i = 0; i < self->keys->len; i++)
    size += strlen (g_ptr_array_index (self->keys, i)) + 1;
  return size;
}

CxBounds
cx_feature_store_get_extent (const CxFeatureStore *self)
{
  return self->extent;
}

static inline const Record *
record_at (const CxFeatureStore *self,
           guint                 i)
{
  g_assert (i < self->records.len);
  return &COLUMN_AT (&self->records, Record, i);
}

/* Where the feature after @i starts in each column. */
static inline guint32
next_first_part (const CxFeatureStore *self,
                 guint                 i)
{
  return i + 1 < self->records.len ? record_at (self, i + 1)->first_part : (guint32) self->part_ends.len;
}

static inline guint32
next_first_polygon (const CxFeatureStore *self,
                    guint                 i)
{
  return i + 1 < self->records.len ? record_at (self, i + 1)->first_polygon : (guint32) self->polygon_ends.len;
}

static inline guint32
next_first_property (const CxFeatureStore *self,
                     guint                 i)
{
  return i + 1 < self->records.len ? record_at (self, i + 1)->first_property : (guint32) self->props.len;
}

CxGeometryType
cx_feature_store_get_geometry_type (const CxFeatureStore *self,
                                    guint                 i)
{
  return record_at (self, i)->type;
}

void
cx_feature_store_get_geometry_view (const CxFeatureStore *self,
                                    guint                 i,
                                    CxFeatureGeometry    *view)
{
  const Record *r = record_at (self, i);
  const guint32 *part_ends = &COLUMN_AT (&self->part_ends, guint32, 0);
  const guint32 *polygon_ends = &COLUMN_AT (&self->polygon_ends, guint32, 0);
  guint32 end_part = next_first_part (self, i);

  view->type = r->type;
  view->coords_base = part_ends[r->first_part - 1];
  view->coords = &COLUMN_AT (&self->coords, CxCoord, view->coords_base);
  view->n_coords = part_ends[end_part - 1] - view->coords_base;
  view->part_ends = part_ends + r->first_part;
  view->n_parts = end_part - r->first_part;
  view->polygon_ends = polygon_ends + r->first_polygon;
  view->n_polygons = next_first_polygon (self, i) - r->first_polygon;
  view->parts_base = r->first_part - 1;
}

/**
 * cx_feature_store_map_parts:
 * @func: makes each part of the new geometry from the same part of feature
 *   @i's (the walk closes each part, and each polygon)
 *
 * As cx_geometry_map_parts(), from the store: the map projects a feature
 * straight from it, without a copy in between.
 *
 * Returns: (transfer full): the new geometry
 */
CxGeometry *
cx_feature_store_map_parts (const CxFeatureStore *self,
                            guint                 i,
                            CxPartFunc            func,
                            gpointer              user_data)
{
  CxFeatureGeometry g;
  CxGeometry *geometry;

  cx_feature_store_get_geometry_view (self, i, &g);
  geometry = cx_geometry_new_sized (g.type, g.n_coords, g.n_parts, g.n_polygons);

  if (cx_geometry_type_is_areal (g.type))
    for (guint k = 0; k < g.n_polygons; k++)
      {
        guint first, n_parts;

        cx_feature_geometry_get_polygon_parts (&g, k, &first, &n_parts);
        for (guint p = first; p < first + n_parts; p++)
          {
            guint n;
            const CxCoord *c = cx_feature_geometry_get_part (&g, p, &n);

            func (c, n, p == first, geometry, user_data);
            cx_geometry_close_part (geometry);
          }
        cx_geometry_close_polygon (geometry);
      }
  else
    for (guint p = 0; p < g.n_parts; p++)
      {
        guint n;
        const CxCoord *c = cx_feature_geometry_get_part (&g, p, &n);

        func (c, n, p == 0, geometry, user_data);
        cx_geometry_close_part (geometry);
      }

  return geometry;
}

static void
copy_part (const CxCoord *coords,
           guint          n,
           gboolean       outer,
           CxGeometry    *out,
           gpointer       user_data)
{
  cx_geometry_add_coords (out, coords, n);
}

/**
 * cx_feature_store_dup_geometry:
 *
 * Returns: (transfer full): a copy of feature @i's geometry
 */
CxGeometry *
cx_feature_store_dup_geometry (const CxFeatureStore *self,
                               guint                 i)
{
  return cx_feature_store_map_parts (self, i, copy_part, NULL);
}

/* Not kept: found again from the positions, which for most features are
 * a handful (cx_imported_feature_get_bounds() keeps it once asked). */
CxBounds
cx_feature_store_get_bounds (const CxFeatureStore *self,
                             guint                 i)
{
  CxFeatureGeometry g;
  CxBounds bounds;

  cx_feature_store_get_geometry_view (self, i, &g);
  cx_bounds_init_empty (&bounds);
  for (guint k = 0; k < g.n_coords; k++)
    cx_bounds_extend (&bounds, g.coords[k].x, g.coords[k].y);
  return bounds;
}

const char *
cx_feature_store_get_geojson_type (const CxFeatureStore *self,
                                   guint                 i)
{
  return geojson_types[record_at (self, i)->geojson_type];
}

const char *
cx_feature_store_get_id (const CxFeatureStore *self,
                         guint                 i)
{
  return arena_text (self, record_at (self, i)->id);
}

const char *
cx_feature_store_get_title (const CxFeatureStore *self,
                            guint                 i)
{
  return arena_text (self, record_at (self, i)->title);
}

const char *
cx_feature_store_get_description (const CxFeatureStore *self,
                                  guint                 i)
{
  return arena_text (self, record_at (self, i)->description);
}

guint
cx_feature_store_get_n_properties (const CxFeatureStore *self,
                                   guint                 i)
{
  return next_first_property (self, i) - record_at (self, i)->first_property;
}

const char *
cx_feature_store_get_property_key (const CxFeatureStore *self,
                                   guint                 i,
                                   guint                 p)
{
  g_return_val_if_fail (p < cx_feature_store_get_n_properties (self, i), NULL);
  return g_ptr_array_index (self->keys,
                            COLUMN_AT (&self->props, Prop, record_at (self, i)->first_property + p).key);
}

const char *
cx_feature_store_get_property_text (const CxFeatureStore *self,
                                    guint                 i,
                                    guint                 p)
{
  g_return_val_if_fail (p < cx_feature_store_get_n_properties (self, i), NULL);
  return arena_text (self, COLUMN_AT (&self->props, Prop, record_at (self, i)->first_property + p).value);
}

const CxStyle *
cx_feature_store_get_style (const CxFeatureStore *self,
                            guint                 i)
{
  return g_ptr_array_index (self->styles, record_at (self, i)->style);
}

guint
cx_feature_store_get_sublayer (const CxFeatureStore *self,
                               guint                 i)
{
  gsize lo = 0, hi = self->runs.len;

  g_return_val_if_fail (i < self->records.len, 0);

  /* The last run starting at or before @i. */
  while (hi - lo > 1)
    {
      gsize mid = (lo + hi) / 2;

      if (COLUMN_AT (&self->runs, SublayerRun, mid).first_feature <= i)
        lo = mid;
      else
        hi = mid;
    }
  return COLUMN_AT (&self->runs, SublayerRun, lo).sublayer;
}

guint
cx_feature_store_get_source_index (const CxFeatureStore *self,
                                   guint                 i)
{
  return record_at (self, i)->source_index;
}

/**
 * cx_feature_store_get_key:
 *
 * Returns: a pointer that stands for feature @i while the store lives,
 *   different for each feature: for code that tells features apart by
 *   pointer (the label placer's owners), never to be read
 */
gconstpointer
cx_feature_store_get_key (const CxFeatureStore *self,
                          guint                 i)
{
  return record_at (self, i);
}
