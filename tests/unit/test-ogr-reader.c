/* test-ogr-reader.c: every format through GDAL, in the right place, and hostile files
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are made in the run from the pack's own features
 * (data/packs/changning/features.geojson) with ogr2ogr (CX_TEST_OGR2OGR),
 * or written here when ogr2ogr cannot make them (a GPX with all three
 * kinds, CSVs as Excel writes them, zips). Every feature read must be at
 * its source position within 1 m, after a round trip through Gauss–Krüger
 * too.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <cpl_error.h>
#include <cpl_vsi.h>

#include "cx-import.h"
#include "cx-ogr-reader.h"
#include "cx-test-files.h"
#include "cx-test-wait.h"

/* A hostile file must end, with an error, within this (times
 * cx_test_slowdown ()). */
#define HOSTILE_LIMIT_S 20

static char *tmp_dir;

/* ------------------------------------------------------------------ */
/* The source                                                          */
/* ------------------------------------------------------------------ */

typedef struct
{
  char    *name_en;
  char    *name_zh;
  char    *type;
  GArray  *coords;  /* CxCoord, every position in order */
} SourceFeature;

static GPtrArray *source_features;

static void
source_feature_free (SourceFeature *f)
{
  g_free (f->name_en);
  g_free (f->name_zh);
  g_free (f->type);
  g_array_unref (f->coords);
  g_free (f);
}

static void
collect_positions (JsonNode *node,
                   GArray   *coords)
{
  JsonArray *array = json_node_get_array (node);

  if (json_array_get_length (array) > 0 &&
      JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0)))
    {
      CxCoord c = { json_array_get_double_element (array, 0),
                    json_array_get_double_element (array, 1) };

      g_array_append_val (coords, c);
      return;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    collect_positions (json_array_get_element (array, i), coords);
}

static void
load_source (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", "packs",
                                            "changning", "features.geojson", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *features;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "features");
  source_features = g_ptr_array_new_with_free_func ((GDestroyNotify) source_feature_free);
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *properties = json_object_get_object_member (feature, "properties");
      JsonObject *name = json_object_get_object_member (properties, "name");
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      SourceFeature *f = g_new0 (SourceFeature, 1);

      f->name_en = g_strdup (json_object_get_string_member (name, "en"));
      f->name_zh = g_strdup (json_object_get_string_member (name, "zh"));
      f->type = g_strdup (json_object_get_string_member (geometry, "type"));
      f->coords = g_array_new (FALSE, FALSE, sizeof (CxCoord));
      collect_positions (json_object_get_member (geometry, "coordinates"), f->coords);
      g_ptr_array_add (source_features, f);
    }
  g_assert_cmpuint (source_features->len, ==, 24);
}

static const SourceFeature *
source_by_name (const char *name)
{
  for (guint i = 0; i < source_features->len; i++)
    {
      const SourceFeature *f = g_ptr_array_index (source_features, i);

      if (g_strcmp0 (f->name_en, name) == 0 || g_strcmp0 (f->name_zh, name) == 0)
        return f;
    }
  return NULL;
}

static guint
n_source_of_type (const char *type)
{
  guint n = 0;

  for (guint i = 0; i < source_features->len; i++)
    n += g_str_equal (((SourceFeature *) g_ptr_array_index (source_features, i))->type, type);
  return n;
}

/* ------------------------------------------------------------------ */
/* A sink that collects                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  char       *name;
  char       *driver;
  char       *crs;
  gint64      n_features;
} LayerRecord;

typedef struct
{
  guint       layer;
  guint       source_index;
  char       *geojson_type;
  CxGeometry *geometry;
  GHashTable *texts;   /* key → text ("" for null) */
  GHashTable *types;   /* key → CxImportValueType */
} FeatureRecord;

typedef struct
{
  GPtrArray *layers;
  GPtrArray *features;
  double     last_fraction;
  guint      n_progress;
} Collected;

static void
layer_record_free (LayerRecord *r)
{
  g_free (r->name);
  g_free (r->driver);
  g_free (r->crs);
  g_free (r);
}

static void
feature_record_free (FeatureRecord *r)
{
  g_free (r->geojson_type);
  g_clear_pointer (&r->geometry, cx_geometry_unref);
  g_hash_table_unref (r->texts);
  g_hash_table_unref (r->types);
  g_free (r);
}

static gboolean
collect_layer (gpointer                 user_data,
               const CxImportLayerInfo *layer,
               GError                 **error)
{
  Collected *c = user_data;
  LayerRecord *r = g_new0 (LayerRecord, 1);

  g_assert_true (g_utf8_validate (layer->name, -1, NULL));
  r->name = g_strdup (layer->name);
  r->driver = g_strdup (layer->driver);
  r->crs = g_strdup (layer->crs);
  r->n_features = layer->n_features;
  g_ptr_array_add (c->layers, r);
  return TRUE;
}

static gboolean
collect_feature (gpointer                   user_data,
                 const CxImportFeatureInfo *feature,
                 GError                   **error)
{
  Collected *c = user_data;
  FeatureRecord *r = g_new0 (FeatureRecord, 1);

  g_assert_cmpuint (c->layers->len, >, 0);
  r->layer = c->layers->len - 1;
  r->source_index = feature->source_index;
  r->geojson_type = g_strdup (feature->geojson_type);
  r->geometry = feature->geometry != NULL ? cx_geometry_ref (feature->geometry) : NULL;
  r->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < feature->n_properties; i++)
    {
      const CxImportProperty *p = &feature->properties[i];

      g_assert_true (g_utf8_validate (p->key, -1, NULL));
      g_assert_true (p->text == NULL || g_utf8_validate (p->text, -1, NULL));
      g_assert_true ((p->text == NULL) == (p->type == CX_IMPORT_VALUE_NULL));
      g_hash_table_insert (r->texts, g_strdup (p->key), g_strdup (p->text ? p->text : ""));
      g_hash_table_insert (r->types, g_strdup (p->key), GINT_TO_POINTER (p->type));
    }
  g_ptr_array_add (c->features, r);
  return TRUE;
}

static gboolean
collect_progress (gpointer   user_data,
                  double     fraction,
                  GError   **error)
{
  Collected *c = user_data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  c->last_fraction = fraction;
  c->n_progress++;
  return TRUE;
}

static const CxImportSink collecting_sink = {
  collect_layer, collect_feature, collect_progress,
};

static void
collected_free (Collected *c)
{
  g_ptr_array_unref (c->layers);
  g_ptr_array_unref (c->features);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Collected, collected_free)

static Collected *
read_file (const char  *path,
           const char  *crs,
           GError     **error)
{
  Collected *c = g_new0 (Collected, 1);
  CxOgrReaderOptions options = { crs };

  c->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_record_free);
  c->features = g_ptr_array_new_with_free_func ((GDestroyNotify) feature_record_free);
  if (!cx_ogr_reader_read (path, &options, &collecting_sink, c, error))
    {
      g_assert (error == NULL || *error != NULL);
      g_assert_true (g_utf8_validate ((*error)->message, -1, NULL));
      g_test_message ("%s: %s", path, (*error)->message);
    }
  return c;
}

static Collected *
read_ok (const char *path,
         const char *crs)
{
  g_autoptr(GError) error = NULL;
  Collected *c = read_file (path, crs, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (c->last_fraction, ==, 1.0);
  return c;
}

/* Every feature whose @name_key names a source feature is at its source
 * positions within 1 m; returns how many were checked. */
static guint
check_positions (Collected  *c,
                 const char *name_key)
{
  guint checked = 0;

  for (guint i = 0; i < c->features->len; i++)
    {
      FeatureRecord *r = g_ptr_array_index (c->features, i);
      const char *name = g_hash_table_lookup (r->texts, name_key);
      const SourceFeature *source = name != NULL ? source_by_name (name) : NULL;
      const CxCoord *coords;
      guint n;

      if (source == NULL)
        continue;
      g_assert_nonnull (r->geometry);
      n = cx_geometry_get_n_coords (r->geometry);
      coords = cx_geometry_get_coords (r->geometry);
      g_assert_cmpuint (n, ==, source->coords->len);
      for (guint k = 0; k < n; k++)
        {
          const CxCoord *s = &g_array_index (source->coords, CxCoord, k);
          double d = cx_haversine_distance (coords[k].x, coords[k].y, s->x, s->y);

          if (d > 1.0)
            g_error ("%s, position %u: %.3f m from the source", name, k, d);
        }
      checked++;
    }
  return checked;
}

static FeatureRecord *
feature_named (Collected  *c,
               const char *key,
               const char *name)
{
  for (guint i = 0; i < c->features->len; i++)
    {
      FeatureRecord *r = g_ptr_array_index (c->features, i);

      if (g_strcmp0 (g_hash_table_lookup (r->texts, key), name) == 0)
        return r;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

#define POINTS_SQL \
  "SELECT json_extract(name, '$.en') AS name, json_extract(name, '$.zh') AS name_zh, " \
  "kind, accuracy_m, geometry FROM features WHERE layer NOT IN ('district', 'green-waterfront')"
#define OTHERS_SQL \
  "SELECT json_extract(name, '$.en') AS name, json_extract(name, '$.zh') AS name_zh, " \
  "kind, geometry FROM features WHERE layer IN ('district', 'green-waterfront')"
#define ALL_SQL \
  "SELECT json_extract(name, '$.en') AS name, json_extract(name, '$.zh') AS name_zh, " \
  "kind, accuracy_m, geometry FROM features"

static char *
fixture (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
source_path (void)
{
  return g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", "packs", "changning",
                           "features.geojson", NULL);
}

/* ogr2ogr OUT SOURCE ARGS…; NULL-terminated. */
static void
ogr2ogr (const char *out,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *source = source_path ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("CX_TEST_OGR2OGR")));
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, g_strdup (out));
  g_ptr_array_add (argv, g_strdup (source));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ogr2ogr %s failed: %s", out, err);
}

static gboolean
have_ogr2ogr (void)
{
  if (g_getenv ("CX_TEST_OGR2OGR") == NULL || *g_getenv ("CX_TEST_OGR2OGR") == '\0')
    {
      g_test_skip ("ogr2ogr is not installed");
      return FALSE;
    }
  return TRUE;
}

static void
make_shapefile (const char *name,
                const char *srs)
{
  g_autofree char *path = fixture (name);

  if (srs != NULL)
    ogr2ogr (path, "-f", "ESRI Shapefile", "-dialect", "SQLite", "-sql", POINTS_SQL,
             "-lco", "ENCODING=UTF-8", "-t_srs", srs, NULL);
  else
    ogr2ogr (path, "-f", "ESRI Shapefile", "-dialect", "SQLite", "-sql", POINTS_SQL,
             "-lco", "ENCODING=UTF-8", NULL);
}

/* Writes @members (file names in tmp_dir, stored under @folder) into a new
 * zip, through GDAL's own zip writer. */
static void
make_zip (const char         *zip_name,
          const char         *folder,
          const char * const *members)
{
  g_autofree char *zip = fixture (zip_name);
  g_autofree char *archive_name = g_strconcat ("/vsizip/", zip, NULL);
  /* Members are added while the archive is open; closing it writes the
   * central directory. */
  VSILFILE *archive = VSIFOpenL (archive_name, "wb");

  g_assert_nonnull (archive);
  for (guint i = 0; members[i] != NULL; i++)
    {
      g_autofree char *path = fixture (members[i]);
      g_autofree char *inside = g_build_filename (archive_name, folder, members[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      VSILFILE *out;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      out = VSIFOpenL (inside, "wb");
      if (out == NULL)
        g_error ("%s: %s", inside, CPLGetLastErrorMsg ());
      g_assert_cmpuint (VSIFWriteL (contents, 1, length, out), ==, length);
      VSIFCloseL (out);
    }
  VSIFCloseL (archive);
}

static void
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_points_shapefile (Collected *c)
{
  FeatureRecord *park;

  g_assert_cmpuint (c->layers->len, ==, 1);
  g_assert_cmpuint (c->features->len, ==, n_source_of_type ("Point"));
  g_assert_cmpuint (check_positions (c, "name"), ==, c->features->len);
  park = feature_named (c, "name", "Zhongshan Park");
  g_assert_nonnull (park);
  g_assert_cmpstr (g_hash_table_lookup (park->texts, "name_zh"), ==, "中山公园");
  g_assert_cmpstr (park->geojson_type, ==, "Point");
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (park->types, "accuracy_m")), ==,
                   CX_IMPORT_VALUE_NUMBER);
}

/* ------------------------------------------------------------------ */
/* Formats                                                             */
/* ------------------------------------------------------------------ */

static void
test_shapefile_wgs84 (void)
{
  g_autofree char *path = fixture ("wgs84.shp");
  g_autoptr(Collected) c = NULL;
  LayerRecord *layer;

  if (!have_ogr2ogr ())
    return;
  make_shapefile ("wgs84.shp", NULL);
  c = read_ok (path, NULL);
  assert_points_shapefile (c);
  layer = g_ptr_array_index (c->layers, 0);
  g_assert_cmpstr (layer->name, ==, "wgs84");
  g_assert_cmpstr (layer->driver, ==, "ESRI Shapefile");
  g_assert_cmpstr (layer->crs, ==, "WGS 84 (EPSG:4326)");
  g_assert_cmpint (layer->n_features, ==, c->features->len);
}

static void
test_shapefile_gauss_kruger (void)
{
  /* Shanghai, 121.4°E: CM 120°E without the zone prefix (4549) and zone 40
   * with it (4528), and CM 123°E, a zone away. */
  const struct { const char *epsg; const char *crs; } cases[] = {
    { "EPSG:4549", "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)" },
    { "EPSG:4528", "CGCS2000 / 3-degree Gauss-Kruger zone 40 (EPSG:4528)" },
    { "EPSG:4550", "CGCS2000 / 3-degree Gauss-Kruger CM 123E (EPSG:4550)" },
    { "EPSG:4490", "China Geodetic Coordinate System 2000 (EPSG:4490)" },
  };

  if (!have_ogr2ogr ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("gk%u.shp", i);
      g_autofree char *path = fixture (name);
      g_autoptr(Collected) c = NULL;

      make_shapefile (name, cases[i].epsg);
      c = read_ok (path, NULL);
      assert_points_shapefile (c);
      /* The .prj is ESRI's WKT, with no EPSG code: found by PROJ. */
      g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 0))->crs, ==, cases[i].crs);
    }
}

static void
test_shapefile_no_prj (void)
{
  g_autofree char *path = fixture ("noprj.shp");
  g_autofree char *prj = fixture ("noprj.prj");
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) refused = NULL;
  g_autoptr(Collected) c = NULL;

  if (!have_ogr2ogr ())
    return;
  make_shapefile ("noprj.shp", "EPSG:4549");
  g_assert_cmpint (g_unlink (prj), ==, 0);

  refused = read_file (path, NULL, &error);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS);
  g_assert_nonnull (strstr (error->message, "“noprj.shp” does not say which coordinate system"));
  /* Its own numbers, as a person compares them: 441,203 / 3,452,871 */
  g_assert_true (g_regex_match_simple ("\\(e\\.g\\. [0-9]{3},[0-9]{3} / 3,[0-9]{3},[0-9]{3}\\)",
                                       error->message, 0, 0));
  g_assert_cmpuint (refused->features->len, ==, 0);

  /* The person chose the CRS. */
  c = read_ok (path, "EPSG:4549");
  assert_points_shapefile (c);
  g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 0))->crs, ==,
                   "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)");

  /* A CRS nobody knows. */
  g_clear_error (&error);
  g_clear_pointer (&refused, collected_free);
  refused = read_file (path, "EPSG:999999", &error);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_CRS);
}

static void
test_shapefile_lonlat_no_prj (void)
{
  g_autofree char *path = fixture ("lonlat.shp");
  g_autofree char *prj = fixture ("lonlat.prj");
  g_autoptr(Collected) c = NULL;

  if (!have_ogr2ogr ())
    return;
  make_shapefile ("lonlat.shp", NULL);
  g_assert_cmpint (g_unlink (prj), ==, 0);
  c = read_ok (path, NULL);
  assert_points_shapefile (c);
  g_assert_null (((LayerRecord *) g_ptr_array_index (c->layers, 0))->crs);
}

static void
test_shapefile_zipped (void)
{
  const char * const members[] = { "zipped.shp", "zipped.shx", "zipped.dbf", "zipped.prj", NULL };
  g_autofree char *path = fixture ("zipped.zip");
  g_autofree char *in_folder = fixture ("folder.zip");
  g_autoptr(Collected) c = NULL;
  g_autoptr(Collected) c2 = NULL;

  if (!have_ogr2ogr ())
    return;
  make_shapefile ("zipped.shp", "EPSG:4549");
  make_zip ("zipped.zip", "", members);
  c = read_ok (path, NULL);
  assert_points_shapefile (c);

  /* As a planning bureau zips it: in a folder. */
  make_zip ("folder.zip", "规划", members);
  c2 = read_ok (in_folder, NULL);
  assert_points_shapefile (c2);
}

static void
test_shapefile_gbk (void)
{
  g_autofree char *path = fixture ("gbk.shp");
  g_autofree char *cpg = fixture ("gbk.cpg");
  g_autofree char *dbf = fixture ("gbk.dbf");
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) c = NULL;
  gsize length;

  if (!have_ogr2ogr ())
    return;
  ogr2ogr (path, "-f", "ESRI Shapefile", "-dialect", "SQLite", "-sql", POINTS_SQL,
           "-lco", "ENCODING=GBK", NULL);
  /* Only the bytes remain, as a Chinese tool writes them: no .cpg, and no
   * language id in the DBF (or Latin-1's, 0x57, which they also write). */
  g_assert_cmpint (g_unlink (cpg), ==, 0);
  g_file_get_contents (dbf, &bytes, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 32);
  g_assert_null (g_strstr_len (bytes, length, "中山公园"));
  bytes[29] = 0x57;
  g_file_set_contents (dbf, bytes, length, &error);
  g_assert_no_error (error);

  c = read_ok (path, NULL);
  assert_points_shapefile (c);
  g_assert_nonnull (feature_named (c, "name_zh", "上海虹桥国际机场1号航站楼"));
}

static void
test_geopackage (void)
{
  g_autofree char *path = fixture ("two.gpkg");
  g_autoptr(Collected) c = NULL;
  FeatureRecord *district, *creek;

  if (!have_ogr2ogr ())
    return;
  ogr2ogr (path, "-f", "GPKG", "-dialect", "SQLite", "-sql", POINTS_SQL, "-nln", "places", NULL);
  ogr2ogr (path, "-update", "-dialect", "SQLite", "-sql", OTHERS_SQL, "-nln", "areas",
           "-nlt", "GEOMETRY", "-t_srs", "EPSG:4528", NULL);
  /* An attribute table is no map layer. */
  ogr2ogr (path, "-update", "-dialect", "SQLite", "-sql", "SELECT id, kind FROM features",
           "-nln", "table", "-nlt", "NONE", NULL);
  c = read_ok (path, NULL);

  g_assert_cmpuint (c->layers->len, ==, 2);
  g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 0))->name, ==, "places");
  g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 1))->name, ==, "areas");
  g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 1))->crs, ==,
                   "CGCS2000 / 3-degree Gauss-Kruger zone 40 (EPSG:4528)");
  g_assert_cmpuint (c->features->len, ==, source_features->len);
  g_assert_cmpuint (check_positions (c, "name"), ==, source_features->len);

  district = feature_named (c, "name", "Changning District");
  g_assert_cmpstr (district->geojson_type, ==, "Polygon");
  g_assert_cmpint (cx_geometry_get_geometry_type (district->geometry), ==, CX_GEOMETRY_POLYGON);
  g_assert_cmpuint (district->layer, ==, 1);
  creek = feature_named (c, "name_zh", "苏州河长宁段滨水");
  g_assert_cmpstr (creek->geojson_type, ==, "LineString");
  g_assert_cmpint (cx_geometry_get_geometry_type (creek->geometry), ==, CX_GEOMETRY_LINE_STRING);
  /* An integer field with no value is null, not 0. */
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (feature_named (c, "name", "Zhongshan Park")->types,
                                                         "accuracy_m")), ==, CX_IMPORT_VALUE_NUMBER);
}

static void
test_kml_kmz (void)
{
  /* kml.zip: the KML found inside a zip through /vsizip/, which is also how
   * a KMZ is read where GDAL has no LIBKML (the Flatpak). */
  const char *names[] = { "doc.kml", "all.kmz", "kml.zip" };
  const char * const members[] = { "doc.kml", NULL };

  if (!have_ogr2ogr ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      g_autoptr(Collected) c = NULL;
      FeatureRecord *park;
      const char *description;

      /* The KMZ is the KML zipped as doc.kml, as Google Earth writes it;
       * made here, since the Flatpak's GDAL has no LIBKML to write one. */
      if (i == 0)
        ogr2ogr (path, "-f", "KML", "-dialect", "SQLite", "-sql",
                 "SELECT json_extract(name, '$.en') AS Name, json_extract(name, '$.zh') AS Description, "
                 "geometry FROM features", "-nln", "changning", NULL);
      else
        make_zip (names[i], "", members);
      c = read_ok (path, NULL);
      g_assert_cmpuint (c->features->len, ==, source_features->len);
      g_assert_cmpuint (check_positions (c, "Name"), ==, source_features->len);
      park = feature_named (c, "Name", "Zhongshan Park");
      /* Handed on as the driver names them: LIBKML says "description". */
      description = g_hash_table_lookup (park->texts, "description");
      if (description == NULL)
        description = g_hash_table_lookup (park->texts, "Description");
      g_assert_cmpstr (description, ==, "中山公园");
    }
}

static void
append_gpx_points (GString             *gpx,
                   const char          *element,
                   const SourceFeature *f)
{
  for (guint i = 0; i < f->coords->len; i++)
    {
      const CxCoord *c = &g_array_index (f->coords, CxCoord, i);
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (gpx, "<%s lat=\"%s\" lon=\"%s\"/>\n", element,
                              g_ascii_dtostr (lat, sizeof lat, c->y),
                              g_ascii_dtostr (lon, sizeof lon, c->x));
    }
}

static void
test_gpx (void)
{
  g_autofree char *path = fixture ("walk.gpx");
  g_autoptr(GString) gpx = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<gpx version=\"1.1\" creator=\"test\" "
                                         "xmlns=\"http://www.topografix.com/GPX/1/1\">\n");
  const SourceFeature *creek = source_by_name ("Suzhou Creek waterfront (Changning)");
  const SourceFeature *ring = source_by_name ("Outer Ring ecological greenway");
  g_autoptr(Collected) c = NULL;
  guint n_points = n_source_of_type ("Point");

  /* ogr2ogr writes one kind of GPX layer a file: written here. */
  for (guint i = 0; i < source_features->len; i++)
    {
      const SourceFeature *f = g_ptr_array_index (source_features, i);
      const CxCoord *p = &g_array_index (f->coords, CxCoord, 0);
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      if (!g_str_equal (f->type, "Point"))
        continue;
      g_string_append_printf (gpx, "<wpt lat=\"%s\" lon=\"%s\"><name>%s</name><desc>%s</desc></wpt>\n",
                              g_ascii_dtostr (lat, sizeof lat, p->y),
                              g_ascii_dtostr (lon, sizeof lon, p->x), f->name_en, f->name_zh);
    }
  g_string_append_printf (gpx, "<rte><name>%s</name>\n", creek->name_en);
  append_gpx_points (gpx, "rtept", creek);
  g_string_append_printf (gpx, "</rte>\n<trk><name>%s</name><trkseg>\n", ring->name_en);
  append_gpx_points (gpx, "trkpt", ring);
  g_string_append (gpx, "</trkseg></trk>\n</gpx>\n");
  write_file ("walk.gpx", gpx->str, gpx->len);

  c = read_ok (path, NULL);
  /* waypoints, routes, tracks; not route_points and track_points. */
  g_assert_cmpuint (c->layers->len, ==, 3);
  g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 0))->name, ==, "waypoints");
  g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 1))->name, ==, "routes");
  g_assert_cmpstr (((LayerRecord *) g_ptr_array_index (c->layers, 2))->name, ==, "tracks");
  g_assert_cmpuint (c->features->len, ==, n_points + 2);
  g_assert_cmpuint (check_positions (c, "name"), ==, n_points + 2);
  g_assert_cmpstr (g_hash_table_lookup (feature_named (c, "name", "Zhongshan Park")->texts, "desc"),
                   ==, "中山公园");
  g_assert_cmpstr (feature_named (c, "name", ring->name_en)->geojson_type, ==, "MultiLineString");
}

/* A CSV as Excel saves it: a byte-order mark, Chinese headers. */
static void
test_csv (void)
{
  g_autoptr(GString) zh = g_string_new ("\xef\xbb\xbf" "名称,经度,纬度,人数\r\n");
  g_autoptr(GString) en = g_string_new ("Name,Lon,LAT\n");
  g_autofree char *zh_path = fixture ("sites-zh.csv");
  g_autofree char *en_path = fixture ("sites-en.csv");
  g_autoptr(Collected) c_zh = NULL;
  g_autoptr(Collected) c_en = NULL;
  guint n_points = n_source_of_type ("Point");

  for (guint i = 0; i < source_features->len; i++)
    {
      const SourceFeature *f = g_ptr_array_index (source_features, i);
      const CxCoord *p = &g_array_index (f->coords, CxCoord, 0);
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      if (!g_str_equal (f->type, "Point"))
        continue;
      g_ascii_dtostr (lat, sizeof lat, p->y);
      g_ascii_dtostr (lon, sizeof lon, p->x);
      g_string_append_printf (zh, "%s,%s,%s,%u\r\n", f->name_zh, lon, lat, i * 100);
      g_string_append_printf (en, "\"%s\",%s,%s\n", f->name_en, lon, lat);
    }
  write_file ("sites-zh.csv", zh->str, zh->len);
  write_file ("sites-en.csv", en->str, en->len);

  c_zh = read_ok (zh_path, NULL);
  g_assert_cmpuint (c_zh->features->len, ==, n_points);
  g_assert_cmpuint (check_positions (c_zh, "名称"), ==, n_points);
  /* Typed, and the coordinate columns are the geometry, not properties. */
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (feature_named (c_zh, "名称", "中山公园")->types,
                                                         "人数")), ==, CX_IMPORT_VALUE_NUMBER);
  g_assert_false (g_hash_table_contains (feature_named (c_zh, "名称", "中山公园")->texts, "经度"));

  c_en = read_ok (en_path, NULL);
  g_assert_cmpuint (check_positions (c_en, "Name"), ==, n_points);
}

static void
test_csv_wkt (void)
{
  g_autofree char *path = fixture ("wkt.csv");
  g_autoptr(Collected) c = NULL;

  if (!have_ogr2ogr ())
    return;
  ogr2ogr (path, "-f", "CSV", "-dialect", "SQLite", "-sql", ALL_SQL, "-lco", "GEOMETRY=AS_WKT", NULL);
  c = read_ok (path, NULL);
  g_assert_cmpuint (c->features->len, ==, source_features->len);
  g_assert_cmpuint (check_positions (c, "name"), ==, source_features->len);
}

static void
test_csv_without_positions (void)
{
  g_autofree char *path = fixture ("table.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) c = NULL;

  write_file ("table.csv", "区,人口\n长宁,693051\n", -1);
  c = read_file (path, NULL, &error);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "经度/纬度"));
}

static void
test_flatgeobuf (void)
{
  g_autofree char *path = fixture ("all.fgb");
  g_autoptr(Collected) c = NULL;

  if (!have_ogr2ogr ())
    return;
  ogr2ogr (path, "-f", "FlatGeobuf", "-dialect", "SQLite", "-sql", ALL_SQL,
           "-nlt", "GEOMETRY", "-t_srs", "EPSG:4549", NULL);
  c = read_ok (path, NULL);
  g_assert_cmpuint (c->features->len, ==, source_features->len);
  g_assert_cmpuint (check_positions (c, "name"), ==, source_features->len);
}

static void
test_unsupported (void)
{
  g_autofree char *path = fixture ("notes.txt");
  g_autofree char *zip = fixture ("photos.zip");
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) c = NULL;
  g_autoptr(Collected) c2 = NULL;
  const char * const members[] = { "notes.txt", NULL };

  write_file ("notes.txt", "Meeting on Tuesday.\n", -1);
  make_zip ("photos.zip", "", members);
  c = read_file (path, NULL, &error);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "Shapefile"));
  g_clear_error (&error);

  c2 = read_file (zip, NULL, &error);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED);
}

/* Every kind of property as JSON would write it, and every kind of
 * geometry as the GeoJSON importer hands it on. */
static void
test_properties_and_geometries (void)
{
  const char *geojson =
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    "{\"type\": \"Feature\", \"properties\": {\"name\": \"all\", \"n_int\": 42,"
    " \"n_big\": 9007199254740993, \"real\": 0.1, \"third\": 0.3333333333333333,"
    " \"flag\": true, \"when\": \"2024-05-01T08:30:00Z\", \"day\": \"2024-05-01\","
    " \"tags\": [\"a\", \"\\u4e2d\"], \"nums\": [1, 2], \"obj\": {\"en\": \"x\"}, \"none\": null},"
    " \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
    "   {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]},"
    "   {\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [121.41, 31.21]]}]}},\n"
    "{\"type\": \"Feature\", \"properties\": {\"name\": \"multipoint\", \"n_int\": 7, \"flag\": false},"
    " \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [[121.4, 31.2, 5], [121.42, 31.22, 6]]}},\n"
    "{\"type\": \"Feature\", \"properties\": {\"name\": \"nowhere\"}, \"geometry\": null},\n"
    "{\"type\": \"Feature\", \"properties\": {\"name\": \"islands\"},"
    " \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": ["
    "   [[[121.40, 31.20], [121.41, 31.20], [121.41, 31.21], [121.40, 31.20]]],"
    "   [[[121.42, 31.20], [121.43, 31.20], [121.43, 31.21], [121.42, 31.20]]]]}}\n"
    "]}\n";
  const char *curves =
    "name,WKT\n"
    "arc,\"CIRCULARSTRING (121.40 31.20, 121.41 31.21, 121.42 31.20)\"\n"
    "empty,POINT EMPTY\n"
    "compound,\"COMPOUNDCURVE ((121.40 31.20, 121.41 31.21))\"\n"
    "tin,\"TIN Z (((121.40 31.20 1, 121.40 31.21 1, 121.41 31.20 1, 121.40 31.20 1)))\"\n"
    "triangle,\"TRIANGLE ((121.40 31.20, 121.40 31.21, 121.41 31.20, 121.40 31.20))\"\n";
  g_autofree char *path = fixture ("kinds.geojson");
  g_autofree char *curves_path = fixture ("curves.csv");
  g_autoptr(Collected) c = NULL;
  g_autoptr(Collected) c2 = NULL;
  FeatureRecord *r;
  const CxCoord *coords;

  write_file ("kinds.geojson", geojson, -1);
  c = read_ok (path, NULL);
  /* The collection's two members, the multipoint, the null, the islands. */
  g_assert_cmpuint (c->features->len, ==, 5);

  r = g_ptr_array_index (c->features, 0);
  g_assert_cmpuint (r->source_index, ==, 0);
  g_assert_cmpstr (r->geojson_type, ==, "Point");
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "n_int"), ==, "42");
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (r->types, "n_int")), ==, CX_IMPORT_VALUE_NUMBER);
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "n_big"), ==, "9007199254740993");
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "real"), ==, "0.1");
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "third"), ==, "0.3333333333333333");
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "flag"), ==, "true");
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (r->types, "flag")), ==, CX_IMPORT_VALUE_BOOLEAN);
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "when"), ==, "2024-05-01T08:30:00Z");
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "day"), ==, "2024-05-01");
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (r->types, "day")), ==, CX_IMPORT_VALUE_STRING);
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "tags"), ==, "[\"a\",\"中\"]");
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (r->types, "tags")), ==, CX_IMPORT_VALUE_JSON);
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "nums"), ==, "[1,2]");
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (r->types, "obj")), ==, CX_IMPORT_VALUE_JSON);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (r->types, "none")), ==, CX_IMPORT_VALUE_NULL);

  r = g_ptr_array_index (c->features, 1);
  g_assert_cmpuint (r->source_index, ==, 0);
  g_assert_cmpstr (r->geojson_type, ==, "LineString");
  g_assert_cmpint (cx_geometry_get_geometry_type (r->geometry), ==, CX_GEOMETRY_LINE_STRING);

  r = g_ptr_array_index (c->features, 2);
  g_assert_cmpuint (r->source_index, ==, 1);
  g_assert_cmpstr (r->geojson_type, ==, "MultiPoint");
  g_assert_cmpstr (g_hash_table_lookup (r->texts, "flag"), ==, "false");
  /* One point geometry of two parts, as cx-import.c makes it; Z dropped. */
  g_assert_cmpint (cx_geometry_get_geometry_type (r->geometry), ==, CX_GEOMETRY_POINT);
  g_assert_cmpuint (cx_geometry_get_n_parts (r->geometry), ==, 2);
  coords = cx_geometry_get_coords (r->geometry);
  g_assert_cmpfloat_with_epsilon (coords[1].x, 121.42, 1e-9);
  g_assert_cmpfloat_with_epsilon (coords[1].y, 31.22, 1e-9);

  r = g_ptr_array_index (c->features, 3);
  g_assert_cmpuint (r->source_index, ==, 2);
  g_assert_null (r->geometry);
  g_assert_null (r->geojson_type);

  r = g_ptr_array_index (c->features, 4);
  g_assert_cmpstr (r->geojson_type, ==, "MultiPolygon");
  g_assert_cmpint (cx_geometry_get_geometry_type (r->geometry), ==, CX_GEOMETRY_MULTI_POLYGON);
  g_assert_cmpuint (cx_geometry_get_n_polygons (r->geometry), ==, 2);

  /* Curves as line segments; an empty geometry as no location. */
  write_file ("curves.csv", curves, -1);
  c2 = read_ok (curves_path, NULL);
  g_assert_cmpuint (c2->features->len, ==, 5);
  r = g_ptr_array_index (c2->features, 0);
  g_assert_cmpstr (r->geojson_type, ==, "LineString");
  g_assert_cmpint (cx_geometry_get_geometry_type (r->geometry), ==, CX_GEOMETRY_LINE_STRING);
  g_assert_cmpuint (cx_geometry_get_n_coords (r->geometry), >, 10);
  r = g_ptr_array_index (c2->features, 1);
  g_assert_null (r->geometry);
  g_assert_cmpstr (r->geojson_type, ==, "Point");
  /* A compound curve of straight segments only is still a curve type. */
  r = g_ptr_array_index (c2->features, 2);
  g_assert_cmpstr (r->geojson_type, ==, "LineString");
  g_assert_cmpuint (cx_geometry_get_n_coords (r->geometry), ==, 2);
  r = g_ptr_array_index (c2->features, 3);
  g_assert_cmpstr (r->geojson_type, ==, "MultiPolygon");
  g_assert_cmpint (cx_geometry_get_geometry_type (r->geometry), ==, CX_GEOMETRY_MULTI_POLYGON);
  r = g_ptr_array_index (c2->features, 4);
  g_assert_cmpstr (r->geojson_type, ==, "Polygon");
  g_assert_cmpint (cx_geometry_get_geometry_type (r->geometry), ==, CX_GEOMETRY_POLYGON);
}

/* A VRT names other files (or URLs) to read: its driver is off. */
static void
test_vrt_refused (void)
{
  g_autofree char *path = fixture ("other.vrt");
  g_autofree char *source = source_path ();
  g_autofree char *vrt = g_strdup_printf ("<OGRVRTDataSource><OGRVRTLayer name=\"features\">"
                                          "<SrcDataSource>%s</SrcDataSource>"
                                          "</OGRVRTLayer></OGRVRTDataSource>\n", source);
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) c = NULL;

  write_file ("other.vrt", vrt, -1);
  c = read_file (path, NULL, &error);
  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED);
  g_assert_cmpuint (c->features->len, ==, 0);
}

/* The window hands a file's path, never one of GDAL's virtual paths
 * (/vsicurl/ would reach the network, /vsimem/ the helper's memory). */
static void
test_virtual_paths (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) c = read_file ("/vsicurl/http://127.0.0.1:9/x.shp", NULL, &error);

  g_assert_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED);
}

/* ------------------------------------------------------------------ */
/* Hostile files                                                       */
/* ------------------------------------------------------------------ */

/* Reads @path, which must end in an error, soon. */
static void
assert_refused (const char *path)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) c = read_file (path, NULL, &error);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ) ||
                 g_error_matches (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED));
  g_assert_cmpuint (strlen (error->message), <, 1200);
  g_assert_cmpfloat (seconds, <, HOSTILE_LIMIT_S * cx_test_slowdown ());
}

static void
truncate_file (const char *name,
               gsize       keep)
{
  g_autofree char *path = fixture (name);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &bytes, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, keep);
  g_file_set_contents (path, bytes, keep, &error);
  g_assert_no_error (error);
}

static void
test_hostile_truncated (void)
{
  g_autofree char *shp = fixture ("cut-shp.shp");
  g_autofree char *shx = fixture ("cut-shx.shp");

  if (!have_ogr2ogr ())
    return;
  make_shapefile ("cut-shp.shp", NULL);
  truncate_file ("cut-shp.shp", 100 + 28 * 5 + 10);
  assert_refused (shp);

  make_shapefile ("cut-shx.shp", NULL);
  truncate_file ("cut-shx.shx", 100 + 8 * 3 + 4);
  assert_refused (shx);
}

static void
test_hostile_dbf_records (void)
{
  g_autofree char *shp = fixture ("huge-dbf.shp");
  g_autofree char *dbf = fixture ("huge-dbf.dbf");
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Collected) c = NULL;
  gint64 start;
  gsize length;

  if (!have_ogr2ogr ())
    return;
  make_shapefile ("huge-dbf.shp", NULL);
  g_file_get_contents (dbf, &bytes, &length, &error);
  g_assert_no_error (error);
  /* 2³¹ records, little-endian at byte 4. */
  bytes[4] = 0;
  bytes[5] = 0;
  bytes[6] = 0;
  bytes[7] = (char) 0x80;
  g_file_set_contents (dbf, bytes, length, &error);
  g_assert_no_error (error);

  /* GDAL counts the shapes in the .shx, not the DBF's claim: the 21 records
   * there are read, quickly, and no more. */
  start = g_get_monotonic_time ();
  c = read_file (shp, NULL, &error);
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, HOSTILE_LIMIT_S * cx_test_slowdown ());
  if (error == NULL)
    g_assert_cmpuint (c->features->len, <=, n_source_of_type ("Point"));
  else
    g_assert_true (g_error_matches (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ));
}

static void
test_hostile_zip_bomb (void)
{
  g_autofree char *zip = fixture ("bomb.zip");
  g_autofree char *archive_name = g_strconcat ("/vsizip/", zip, NULL);
  g_autofree char *inside = g_build_filename (archive_name, "sites.csv", NULL);
  /* Deflate shrinks a repeated byte about 1000 times: 1 GiB in 1 MiB. */
  gsize total = (gsize) 1024 * 1024 * 1024;
  g_autofree char *block = g_malloc (1024 * 1024);
  VSILFILE *archive, *out;
  const char header[] = "lon,lat,name\n121.4,31.2,";

  /* GDAL's CSV reader stops the line at 10 MB, in 0.3 s; it grows the line
   * by small reallocations, which valgrind copies every time (275 s), and
   * so does AddressSanitizer's realloc (75 s). */
  if (g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL)
    {
      g_test_skip ("GDAL's line reader is quadratic under valgrind's realloc");
      return;
    }
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("GDAL's line reader is quadratic under AddressSanitizer's realloc");
  return;
#endif

  archive = VSIFOpenL (archive_name, "wb");
  out = VSIFOpenL (inside, "wb");

  g_assert_nonnull (archive);
  g_assert_nonnull (out);
  VSIFWriteL (header, 1, strlen (header), out);
  memset (block, 'a', 1024 * 1024);
  for (gsize written = 0; written < total; written += 1024 * 1024)
    VSIFWriteL (block, 1, 1024 * 1024, out);
  VSIFCloseL (out);
  VSIFCloseL (archive);

  assert_refused (zip);
}

static void
test_hostile_kml_entities (void)
{
  g_autoptr(GString) kml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE kml [\n"
                                         "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n");
  g_autofree char *path = fixture ("laughs.kml");

  for (char e = 'b'; e <= 'k'; e++)
    g_string_append_printf (kml, "<!ENTITY %c \"&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;\">\n",
                            e, e - 1, e - 1, e - 1, e - 1, e - 1, e - 1, e - 1, e - 1, e - 1, e - 1);
  g_string_append (kml, "]>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
                        "<Placemark><name>&k;</name><Point><coordinates>121.4,31.2</coordinates>"
                        "</Point></Placemark></Document></kml>\n");
  write_file ("laughs.kml", kml->str, kml->len);
  assert_refused (path);
}

static void
test_hostile_gpkg (void)
{
  g_autofree char *path = fixture ("corrupt.gpkg");
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!have_ogr2ogr ())
    return;
  ogr2ogr (path, "-f", "GPKG", "-dialect", "SQLite", "-sql", ALL_SQL, "-nlt", "GEOMETRY", NULL);
  g_file_get_contents (path, &bytes, &length, &error);
  g_assert_no_error (error);
  /* The SQLite header stays (so GDAL takes it for a GeoPackage); every page
   * after the first is noise. */
  for (gsize i = 4096; i < length; i++)
    bytes[i] = (char) (i * 7919 % 251);
  g_file_set_contents (path, bytes, length, &error);
  g_assert_no_error (error);
  assert_refused (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = cx_test_make_tmp_dir ("cx-ogr-reader-XXXXXX");
  load_source ();

  g_test_add_func ("/ogr-reader/shapefile/wgs84", test_shapefile_wgs84);
  g_test_add_func ("/ogr-reader/shapefile/gauss-kruger", test_shapefile_gauss_kruger);
  g_test_add_func ("/ogr-reader/shapefile/no-prj", test_shapefile_no_prj);
  g_test_add_func ("/ogr-reader/shapefile/lonlat-no-prj", test_shapefile_lonlat_no_prj);
  g_test_add_func ("/ogr-reader/shapefile/zipped", test_shapefile_zipped);
  g_test_add_func ("/ogr-reader/shapefile/gbk", test_shapefile_gbk);
  g_test_add_func ("/ogr-reader/geopackage", test_geopackage);
  g_test_add_func ("/ogr-reader/kml-kmz", test_kml_kmz);
  g_test_add_func ("/ogr-reader/gpx", test_gpx);
  g_test_add_func ("/ogr-reader/csv", test_csv);
  g_test_add_func ("/ogr-reader/csv-wkt", test_csv_wkt);
  g_test_add_func ("/ogr-reader/csv-without-positions", test_csv_without_positions);
  g_test_add_func ("/ogr-reader/flatgeobuf", test_flatgeobuf);
  g_test_add_func ("/ogr-reader/properties-and-geometries", test_properties_and_geometries);
  g_test_add_func ("/ogr-reader/unsupported", test_unsupported);
  g_test_add_func ("/ogr-reader/virtual-paths", test_virtual_paths);
  g_test_add_func ("/ogr-reader/vrt-refused", test_vrt_refused);
  g_test_add_func ("/ogr-reader/hostile/truncated", test_hostile_truncated);
  g_test_add_func ("/ogr-reader/hostile/dbf-records", test_hostile_dbf_records);
  g_test_add_func ("/ogr-reader/hostile/zip-bomb", test_hostile_zip_bomb);
  g_test_add_func ("/ogr-reader/hostile/kml-entities", test_hostile_kml_entities);
  g_test_add_func ("/ogr-reader/hostile/gpkg", test_hostile_gpkg);

  status = g_test_run ();

  g_ptr_array_unref (source_features);
  cx_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
