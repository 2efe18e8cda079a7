/* test-feature-store.c: the columnar store of an imported layer's features
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cx-feature-store.h"
#include "cx-gcj02.h"
#include "cx-import-private.h"

static CxGeometry *
make_point (double x,
            double y)
{
  CxGeometry *g = cx_geometry_new (CX_GEOMETRY_POINT);

  cx_geometry_add_coord (g, x, y);
  cx_geometry_close_part (g);
  return g;
}

static CxGeometry *
make_line (guint  n,
           double x0)
{
  CxGeometry *g = cx_geometry_new (CX_GEOMETRY_LINE_STRING);

  for (guint i = 0; i < n; i++)
    cx_geometry_add_coord (g, x0 + i * 0.001, 31.2 + i * 0.002);
  cx_geometry_close_part (g);
  return g;
}

static void
add_ring (CxGeometry *g,
          double      x,
          double      y,
          double      size)
{
  cx_geometry_add_coord (g, x, y);
  cx_geometry_add_coord (g, x + size, y);
  cx_geometry_add_coord (g, x + size, y + size);
  cx_geometry_add_coord (g, x, y + size);
  cx_geometry_add_coord (g, x, y);
  cx_geometry_close_part (g);
}

/* Two polygons, the first with a hole. */
static CxGeometry *
make_multi_polygon (void)
{
  CxGeometry *g = cx_geometry_new (CX_GEOMETRY_MULTI_POLYGON);

  add_ring (g, 121.40, 31.20, 0.01);
  add_ring (g, 121.402, 31.202, 0.002);
  cx_geometry_close_polygon (g);
  add_ring (g, 121.45, 31.21, 0.005);
  cx_geometry_close_polygon (g);
  return g;
}

static void
assert_same_geometry (CxGeometry *a,
                      CxGeometry *b)
{
  g_assert_cmpint (cx_geometry_get_geometry_type (a), ==, cx_geometry_get_geometry_type (b));
  g_assert_cmpuint (cx_geometry_get_n_coords (a), ==, cx_geometry_get_n_coords (b));
  g_assert_cmpuint (cx_geometry_get_n_parts (a), ==, cx_geometry_get_n_parts (b));
  g_assert_cmpuint (cx_geometry_get_n_polygons (a), ==, cx_geometry_get_n_polygons (b));
  g_assert_cmpmem (cx_geometry_get_coords (a), cx_geometry_get_n_coords (a) * sizeof (CxCoord),
                   cx_geometry_get_coords (b), cx_geometry_get_n_coords (b) * sizeof (CxCoord));
  for (guint p = 0; p < cx_geometry_get_n_parts (a); p++)
    {
      guint na, nb;
      const CxCoord *ca = cx_geometry_get_part (a, p, &na);
      const CxCoord *cb = cx_geometry_get_part (b, p, &nb);

      g_assert_cmpuint (na, ==, nb);
      g_assert_cmpmem (ca, na * sizeof (CxCoord), cb, nb * sizeof (CxCoord));
    }
  for (guint k = 0; k < cx_geometry_get_n_polygons (a); k++)
    {
      guint fa, na, fb, nb;

      cx_geometry_get_polygon_parts (a, k, &fa, &na);
      cx_geometry_get_polygon_parts (b, k, &fb, &nb);
      g_assert_cmpuint (fa, ==, fb);
      g_assert_cmpuint (na, ==, nb);
    }
}

static guint
add (CxFeatureStore         *store,
     guint                   source_index,
     const char             *id,
     const char             *type,
     CxGeometry             *geometry,
     const CxImportProperty *props,
     guint                   n_props,
     guint                   sublayer,
     gboolean                gcj02)
{
  CxImportFeatureInfo info = { source_index, id, type, geometry, props, n_props };

  return cx_feature_store_add (store, &info, sublayer, gcj02);
}

/* Every kind of geometry, interleaved (lines between areal features), read
 * back exactly; strings, properties, styles, sublayers. */
static void
test_round_trip (void)
{
  CxFeatureStore *store = cx_feature_store_new ();
  g_autoptr(CxGeometry) point = make_point (121.42, 31.22);
  g_autoptr(CxGeometry) multi_point = cx_geometry_new (CX_GEOMETRY_POINT);
  g_autoptr(CxGeometry) line = make_line (7, 121.4);
  g_autoptr(CxGeometry) multi_line = cx_geometry_new (CX_GEOMETRY_MULTI_LINE_STRING);
  g_autoptr(CxGeometry) polygon = cx_geometry_new (CX_GEOMETRY_POLYGON);
  g_autoptr(CxGeometry) multi_polygon = make_multi_polygon ();
  g_autoptr(GString) long_text = g_string_new (NULL);
  const CxImportProperty styled[] = {
    { "title", "People's Park", CX_IMPORT_VALUE_STRING },
    { "description", "Green", CX_IMPORT_VALUE_STRING },
    { "fill", "#00ff00", CX_IMPORT_VALUE_STRING },
    { "fill-opacity", "0.5", CX_IMPORT_VALUE_NUMBER },
    { "stroke-width", "99", CX_IMPORT_VALUE_NUMBER },   /* too wide: stays in the table */
    { "area", "12.5", CX_IMPORT_VALUE_NUMBER },
    { "open", "true", CX_IMPORT_VALUE_BOOLEAN },
    { "note", NULL, CX_IMPORT_VALUE_NULL },
  };
  const CxImportProperty plain[] = {
    { "name", "A", CX_IMPORT_VALUE_STRING },
    { "kind", "school", CX_IMPORT_VALUE_STRING },
  };
  const CxImportProperty other_keys[] = {
    { "kind", "school", CX_IMPORT_VALUE_STRING },
    { "名称", "学校", CX_IMPORT_VALUE_STRING },
  };
  CxImportProperty long_props[2] = {
    { "long", NULL, CX_IMPORT_VALUE_STRING },
    { NULL, "x", CX_IMPORT_VALUE_STRING },
  };
  g_autofree char *long_key = NULL;
  g_autofree char *cut = NULL;
  CxGeometry *expected[6];
  const char *types[] = { "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon" };
  CxStyle style;

  for (guint i = 0; i < 3; i++)
    {
      cx_geometry_add_coord (multi_point, 121.4 + i, 31.2);
      cx_geometry_close_part (multi_point);
    }
  for (guint l = 0; l < 2; l++)
    {
      for (guint i = 0; i < 3 + l; i++)
        cx_geometry_add_coord (multi_line, 121.3 + i * 0.01, 31.1 + l * 0.01);
      cx_geometry_close_part (multi_line);
    }
  add_ring (polygon, 121.41, 31.21, 0.02);
  add_ring (polygon, 121.415, 31.215, 0.001);
  add_ring (polygon, 121.42, 31.22, 0.001);
  cx_geometry_close_polygon (polygon);

  expected[0] = point;
  expected[1] = multi_point;
  expected[2] = multi_polygon;   /* an areal one, then lines, then areal ones again */
  expected[3] = line;
  expected[4] = multi_line;
  expected[5] = polygon;

  g_assert_cmpuint (add (store, 0, "p1", "Point", point, plain, 2, 0, FALSE), ==, 0);
  g_assert_cmpuint (add (store, 1, NULL, "MultiPoint", multi_point, other_keys, 2, 0, FALSE), ==, 1);
  g_assert_cmpuint (add (store, 2, "", "MultiPolygon", multi_polygon, styled, G_N_ELEMENTS (styled), 1, FALSE), ==, 2);
  g_assert_cmpuint (add (store, 3, "l", "LineString", line, NULL, 0, 1, FALSE), ==, 3);
  g_assert_cmpuint (add (store, 3, "l", "MultiLineString", multi_line, plain, 2, 2, FALSE), ==, 4);
  g_assert_cmpuint (add (store, 9, "poly", "Polygon", polygon, plain, 1, 2, FALSE), ==, 5);

  /* Texts past the display limit are cut on a character boundary. */
  for (guint i = 0; i < CX_IMPORT_MAX_TEXT_BYTES; i++)
    g_string_append (long_text, "长");
  long_key = g_strdup (long_text->str);
  long_props[0].text = long_text->str;
  long_props[1].key = long_key;
  g_assert_cmpuint (add (store, 10, long_text->str, "Point", point, long_props, 2, 2, FALSE), ==, 6);

  cx_feature_store_finish (store);
  g_assert_cmpuint (cx_feature_store_get_n_features (store), ==, 7);

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(CxGeometry) copy = cx_feature_store_dup_geometry (store, i);
      CxBounds a = cx_feature_store_get_bounds (store, i), b = cx_geometry_get_bounds (expected[i]);

      assert_same_geometry (copy, expected[i]);
      g_assert_cmpint (cx_feature_store_get_geometry_type (store, i), ==,
                       cx_geometry_get_geometry_type (expected[i]));
      g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
    }
  g_assert_cmpstr (cx_feature_store_get_geojson_type (store, 0), ==, types[0]);
  g_assert_cmpstr (cx_feature_store_get_geojson_type (store, 1), ==, types[1]);
  g_assert_cmpstr (cx_feature_store_get_geojson_type (store, 2), ==, types[5]);
  g_assert_cmpstr (cx_feature_store_get_geojson_type (store, 4), ==, types[3]);

  /* The borrowed view reads as the copy. */
  {
    CxFeatureGeometry view;
    guint first, n;

    cx_feature_store_get_geometry_view (store, 5, &view);
    g_assert_cmpuint (view.n_coords, ==, 15);
    g_assert_cmpuint (view.n_parts, ==, 3);
    g_assert_cmpuint (view.n_polygons, ==, 1);
    cx_feature_geometry_get_polygon_parts (&view, 0, &first, &n);
    g_assert_cmpuint (first, ==, 0);
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpfloat (cx_feature_geometry_get_part (&view, 2, &n)[0].x, ==, 121.42);
    g_assert_cmpuint (n, ==, 5);

    cx_feature_store_get_geometry_view (store, 2, &view);
    g_assert_cmpuint (view.n_polygons, ==, 2);
    cx_feature_geometry_get_polygon_parts (&view, 1, &first, &n);
    g_assert_cmpuint (first, ==, 2);
    g_assert_cmpuint (n, ==, 1);
  }

  g_assert_cmpstr (cx_feature_store_get_id (store, 0), ==, "p1");
  g_assert_null (cx_feature_store_get_id (store, 1));
  g_assert_cmpstr (cx_feature_store_get_id (store, 2), ==, "");
  g_assert_cmpuint (cx_feature_store_get_source_index (store, 5), ==, 9);
  g_assert_cmpuint (cx_feature_store_get_sublayer (store, 0), ==, 0);
  g_assert_cmpuint (cx_feature_store_get_sublayer (store, 1), ==, 0);
  g_assert_cmpuint (cx_feature_store_get_sublayer (store, 2), ==, 1);
  g_assert_cmpuint (cx_feature_store_get_sublayer (store, 3), ==, 1);
  g_assert_cmpuint (cx_feature_store_get_sublayer (store, 4), ==, 2);
  g_assert_cmpuint (cx_feature_store_get_sublayer (store, 6), ==, 2);

  /* Shared keys, a key of one feature only, the previous one's keys in
   * another order. */
  g_assert_cmpuint (cx_feature_store_get_n_properties (store, 0), ==, 2);
  g_assert_cmpstr (cx_feature_store_get_property_key (store, 0, 1), ==, "kind");
  g_assert_cmpstr (cx_feature_store_get_property_text (store, 0, 1), ==, "school");
  g_assert_cmpstr (cx_feature_store_get_property_key (store, 1, 0), ==, "kind");
  g_assert_cmpstr (cx_feature_store_get_property_key (store, 1, 1), ==, "名称");
  g_assert_cmpstr (cx_feature_store_get_property_text (store, 1, 1), ==, "学校");
  g_assert_cmpuint (cx_feature_store_get_n_properties (store, 3), ==, 0);
  g_assert_cmpuint (cx_feature_store_get_n_properties (store, 5), ==, 1);
  g_assert_cmpstr (cx_feature_store_get_property_text (store, 5, 0), ==, "A");

  /* simplestyle: title, description and valid style members taken out. */
  g_assert_cmpstr (cx_feature_store_get_title (store, 2), ==, "People's Park");
  g_assert_cmpstr (cx_feature_store_get_description (store, 2), ==, "Green");
  g_assert_null (cx_feature_store_get_title (store, 0));
  g_assert_cmpuint (cx_feature_store_get_n_properties (store, 2), ==, 4);
  g_assert_cmpstr (cx_feature_store_get_property_key (store, 2, 0), ==, "stroke-width");
  g_assert_cmpstr (cx_feature_store_get_property_text (store, 2, 1), ==, "12.5");
  g_assert_cmpstr (cx_feature_store_get_property_text (store, 2, 2), ==, "true");
  g_assert_cmpstr (cx_feature_store_get_property_key (store, 2, 3), ==, "note");
  g_assert_cmpstr (cx_feature_store_get_property_text (store, 2, 3), ==, "null");
  style = *cx_feature_store_get_style (store, 2);
  g_assert_cmpfloat (style.fill.green, ==, 1.0);
  g_assert_cmpfloat (style.fill.red, ==, 0.0);
  g_assert_cmpfloat (style.fill.alpha, ==, 0.5);
  g_assert_cmpfloat (style.stroke_width, ==, 2.0);
  /* One style for the rest, the default one. */
  g_assert_true (cx_feature_store_get_style (store, 0) == cx_feature_store_get_style (store, 5));
  g_assert_false (cx_feature_store_get_style (store, 0) == cx_feature_store_get_style (store, 2));
  g_assert_cmpfloat (cx_feature_store_get_style (store, 0)->fill.alpha, ==, 0.6);

  /* 16 KiB cut to whole characters, with "…". */
  cut = g_strdup_printf ("%.*s…", (CX_IMPORT_MAX_TEXT_BYTES / 3) * 3, long_text->str);
  g_assert_cmpstr (cx_feature_store_get_id (store, 6), ==, cut);
  g_assert_cmpstr (cx_feature_store_get_property_text (store, 6, 0), ==, cut);
  g_assert_cmpstr (cx_feature_store_get_property_key (store, 6, 1), ==, cut);
  g_assert_true (g_utf8_validate (cut, -1, NULL));

  /* Different features, different keys. */
  g_assert_true (cx_feature_store_get_key (store, 0) != cx_feature_store_get_key (store, 1));

  cx_feature_store_free (store);
}

/* Positions in GCJ-02 are stored in WGS84, as cx_gcj02_to_wgs84() gives. */
static void
test_gcj02 (void)
{
  CxFeatureStore *store = cx_feature_store_new ();
  g_autoptr(CxGeometry) point = make_point (121.4241, 31.2203);
  g_autoptr(CxGeometry) line = make_line (4, 121.4);
  double lat, lon;
  CxFeatureGeometry view;
  CxBounds extent;

  add (store, 0, NULL, "Point", point, NULL, 0, 0, TRUE);
  add (store, 1, NULL, "LineString", line, NULL, 0, 0, TRUE);
  cx_feature_store_finish (store);

  cx_gcj02_to_wgs84 (31.2203, 121.4241, &lat, &lon);
  cx_feature_store_get_geometry_view (store, 0, &view);
  g_assert_cmpfloat (view.coords[0].x, ==, lon);
  g_assert_cmpfloat (view.coords[0].y, ==, lat);
  /* Half a kilometre or so moved. */
  g_assert_cmpfloat (fabs (view.coords[0].x - 121.4241), >, 0.002);

  cx_feature_store_get_geometry_view (store, 1, &view);
  for (guint i = 0; i < 4; i++)
    {
      cx_gcj02_to_wgs84 (cx_geometry_get_coords (line)[i].y, cx_geometry_get_coords (line)[i].x, &lat, &lon);
      g_assert_cmpfloat (view.coords[i].x, ==, lon);
      g_assert_cmpfloat (view.coords[i].y, ==, lat);
    }

  extent = cx_feature_store_get_extent (store);
  g_assert_cmpfloat (extent.max_x, ==, MAX (view.coords[3].x, cx_feature_store_get_bounds (store, 0).max_x));

  cx_feature_store_free (store);
}

/* What a point with two properties costs, keys shared: the record (36
 * bytes), its position (16), its part's end (4), two properties (2 × 8)
 * and their values' text ("Feature 123456" and a 6-digit number, 22
 * bytes), and its id's ("123456", 7): 101 bytes. Below 120 leaves room
 * for the style and key tables, and fails if any of these doubles. */
static void
test_memory (void)
{
  CxFeatureStore *store = cx_feature_store_new ();
  const guint n = 100000;
  gsize size;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxGeometry) point = make_point (121.4 + i * 1e-6, 31.2);
      g_autofree char *id = g_strdup_printf ("%06u", i % 1000000);
      g_autofree char *name = g_strdup_printf ("Feature %06u", i);
      g_autofree char *number = g_strdup_printf ("%06u", (i * 7919) % 1000000);
      CxImportProperty props[] = {
        { "name", name, CX_IMPORT_VALUE_STRING },
        { "population", number, CX_IMPORT_VALUE_NUMBER },
      };

      add (store, i, id, "Point", point, props, 2, 0, FALSE);
    }
  cx_feature_store_finish (store);

  size = cx_feature_store_get_memory_size (store);
  g_test_message ("%" G_GSIZE_FORMAT " bytes for %u points: %.1f a point",
                  size, n, (double) size / n);
  g_assert_cmpfloat ((double) size / n, <, 120);
  g_assert_cmpstr (cx_feature_store_get_property_text (store, n - 1, 0), ==, "Feature 099999");

  cx_feature_store_free (store);
}

/* The same object for the same index while held; a new one after. */
static void
test_lazy_features (void)
{
  static const char document[] =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"id\":7,\"properties\":{\"name\":\"a\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.4,31.2]}},"
    "{\"type\":\"Feature\",\"properties\":{\"title\":\"b\"},"
    "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[121.4,31.2],[121.5,31.3]]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = cx_import_bytes (bytes, "t.geojson", "t.geojson", FALSE, NULL, &error);
  GListModel *features;
  CxImportedFeature *a, *again, *b;
  GWeakRef weak;

  g_assert_no_error (error);
  features = cx_imported_layer_get_features (layer);
  g_assert_cmpuint (g_list_model_get_n_items (features), ==, 2);
  g_assert_null (g_list_model_get_item (features, 2));

  a = g_list_model_get_item (features, 0);
  again = g_list_model_get_item (features, 0);
  b = g_list_model_get_item (features, 1);
  g_assert_true (a == again);
  g_assert_false (a == b);
  g_assert_true (cx_imported_layer_peek_feature (layer, 0) == a);
  g_assert_cmpstr (cx_imported_feature_get_id (a), ==, "7");
  g_assert_cmpstr (cx_imported_feature_get_display_name (a), ==, "a");
  g_assert_cmpstr (cx_imported_feature_get_display_name (b), ==, "b");
  g_assert_cmpuint (cx_imported_feature_get_index (b), ==, 1);
  g_assert_true (cx_imported_feature_get_layer (b) == layer);
  g_assert_true (cx_imported_feature_get_geometry (b) == cx_imported_feature_get_geometry (b));
  g_assert_cmpuint (cx_geometry_get_n_coords (cx_imported_feature_get_geometry (b)), ==, 2);

  g_weak_ref_init (&weak, a);
  g_object_unref (a);
  g_object_unref (again);
  g_object_unref (b);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  g_assert_null (cx_imported_layer_peek_feature (layer, 0));

  /* Made again, it reads the same. */
  a = g_list_model_get_item (features, 0);
  g_assert_cmpstr (cx_imported_feature_get_id (a), ==, "7");
  g_object_unref (a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feature-store/round-trip", test_round_trip);
  g_test_add_func ("/feature-store/gcj02", test_gcj02);
  g_test_add_func ("/feature-store/memory", test_memory);
  g_test_add_func ("/feature-store/lazy-features", test_lazy_features);

  return g_test_run ();
}
