/* test-properties.c: the model objects' read-only properties and CxItem
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Templates and bindings read the model through properties, so every
 * property must say what its getter says. Each check below records the
 * property it read, and every property a class has must have been read.
 */

#include "config.h"

#include <string.h>

#include "cx-data-pack.h"
#include "cx-enums.h"
#include "cx-import.h"
#include "cx-item.h"
#include "cx-selection.h"

typedef struct
{
  GObject    *object;
  GHashTable *checked;   /* property names */
} Checker;

static void
checker_init (Checker *c,
              gpointer object)
{
  c->object = object;
  c->checked = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Every property the class has was checked, and none is writable that
 * should not be. */
static void
checker_finish (Checker *c)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (c->object), &n);
  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (c->checked, pspecs[i]->name))
      g_error ("%s:%s is not checked", G_OBJECT_TYPE_NAME (c->object), pspecs[i]->name);

  g_hash_table_unref (c->checked);
}

static GParamSpec *
checked_pspec (Checker    *c,
               const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (c->object), name);

  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_hash_table_add (c->checked, (gpointer) g_intern_string (name));
  return pspec;
}

static void
check_string (Checker    *c,
              const char *name,
              const char *expected)
{
  g_autofree char *value = NULL;

  checked_pspec (c, name);
  g_object_get (c->object, name, &value, NULL);
  g_assert_cmpstr (value, ==, expected);
}

static void
check_pointer (Checker       *c,
               const char    *name,
               gconstpointer  expected)
{
  GParamSpec *pspec = checked_pspec (c, name);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (c->object, name, &value);
  if (G_IS_PARAM_SPEC_BOXED (pspec))
    g_assert_true (g_value_get_boxed (&value) == expected);
  else
    g_assert_true (g_value_get_object (&value) == expected);
}

static void
check_double (Checker    *c,
              const char *name,
              double      expected)
{
  double value;

  checked_pspec (c, name);
  g_object_get (c->object, name, &value, NULL);
  g_assert_cmpfloat (value, ==, expected);
}

static void
check_uint (Checker    *c,
            const char *name,
            guint       expected)
{
  guint value;

  checked_pspec (c, name);
  g_object_get (c->object, name, &value, NULL);
  g_assert_cmpuint (value, ==, expected);
}

static void
check_enum (Checker    *c,
            const char *name,
            GType       type,
            int         expected)
{
  GParamSpec *pspec = checked_pspec (c, name);
  int value;

  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == type);
  g_object_get (c->object, name, &value, NULL);
  g_assert_cmpint (value, ==, expected);
}

static void
check_boolean (Checker    *c,
               const char *name,
               gboolean    expected)
{
  gboolean value;

  checked_pspec (c, name);
  g_object_get (c->object, name, &value, NULL);
  g_assert_cmpint (value, ==, expected);
}

/* The CxItem properties, and that they say what the interface says. */
static void
check_item (Checker    *c,
            const char *id,
            const char *title,
            const char *kind_label)
{
  CxItem *item = CX_ITEM (c->object);

  g_assert_true (CX_IS_ITEM (c->object));
  g_assert_cmpstr (cx_item_get_id (item), ==, id);
  g_assert_cmpstr (cx_item_get_title (item), ==, title);
  g_assert_cmpstr (cx_item_get_kind_label (item), ==, kind_label);
  g_assert_nonnull (kind_label);

  check_string (c, "id", id);
  check_string (c, "title", title);
  check_string (c, "kind-label", kind_label);
}

static CxDataPack *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  CxDataPack *pack = cx_data_pack_load_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
test_features (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  GListModel *features = cx_data_pack_get_features (pack);

  g_assert_cmpuint (g_list_model_get_n_items (features), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (features, i);
      Checker c;

      checker_init (&c, f);
      check_item (&c, cx_feature_get_id (f), cx_feature_get_name (f), "Place");
      check_pointer (&c, "layer", cx_feature_get_layer (f));
      check_string (&c, "kind", cx_feature_get_kind (f));
      check_string (&c, "name", cx_feature_get_name (f));
      check_string (&c, "name-en", cx_feature_get_name_en (f));
      check_string (&c, "name-zh", cx_feature_get_name_zh (f));
      check_string (&c, "pinyin", cx_feature_get_pinyin (f));
      check_string (&c, "description", cx_feature_get_description (f));
      check_string (&c, "description-en", cx_feature_get_description_en (f));
      check_double (&c, "accuracy-m", cx_feature_get_accuracy_m (f));
      check_string (&c, "accuracy-note", cx_feature_get_accuracy_note (f));
      check_string (&c, "accuracy-note-en", cx_feature_get_accuracy_note_en (f));
      check_pointer (&c, "geometry", cx_feature_get_geometry (f));
      check_pointer (&c, "sources", cx_feature_get_sources (f));
      check_pointer (&c, "statistics", cx_feature_get_statistics (f));
      check_pointer (&c, "programs", cx_feature_get_programs (f));
      checker_finish (&c);
    }
}

static void
test_programs (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  GListModel *programs = cx_data_pack_get_programs (pack);

  g_assert_cmpuint (g_list_model_get_n_items (programs), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (programs); i++)
    {
      g_autoptr(CxProgram) p = g_list_model_get_item (programs, i);
      Checker c;

      checker_init (&c, p);
      check_item (&c, cx_program_get_id (p), cx_program_get_title (p), "Program");
      check_string (&c, "title-en", cx_program_get_title_en (p));
      check_string (&c, "title-zh", cx_program_get_title_zh (p));
      check_string (&c, "summary", cx_program_get_summary (p));
      check_string (&c, "summary-en", cx_program_get_summary_en (p));
      check_string (&c, "start", cx_program_get_start (p));
      check_string (&c, "end", cx_program_get_end (p));
      check_pointer (&c, "sources", cx_program_get_sources (p));
      check_uint (&c, "n-links", cx_program_get_n_links (p));
      checker_finish (&c);
    }
}

static void
test_statistics (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  GListModel *statistics = cx_data_pack_get_statistics (pack);

  g_assert_cmpuint (g_list_model_get_n_items (statistics), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CxStatistic) s = g_list_model_get_item (statistics, i);
      Checker c;

      checker_init (&c, s);
      check_item (&c, cx_statistic_get_id (s), cx_statistic_get_title (s), "Statistic");
      check_string (&c, "title-en", cx_statistic_get_title_en (s));
      check_string (&c, "title-zh", cx_statistic_get_title_zh (s));
      check_enum (&c, "kind", CX_TYPE_STATISTIC_KIND, cx_statistic_get_kind (s));
      check_double (&c, "value", cx_statistic_get_value (s));
      check_string (&c, "unit", cx_statistic_get_unit (s));
      check_string (&c, "period", cx_statistic_get_period (s));
      check_string (&c, "comparison", cx_statistic_get_comparison (s));
      check_string (&c, "comparison-en", cx_statistic_get_comparison_en (s));
      check_enum (&c, "status", CX_TYPE_STATISTIC_STATUS, cx_statistic_get_status (s));
      check_pointer (&c, "source", cx_statistic_get_source (s));
      check_string (&c, "note", cx_statistic_get_note (s));
      check_string (&c, "note-en", cx_statistic_get_note_en (s));
      checker_finish (&c);
    }
}

static void
test_layers_and_sources (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  GListModel *layers = cx_data_pack_get_layers (pack);
  GListModel *sources = cx_data_pack_get_sources (pack);

  g_assert_cmpuint (g_list_model_get_n_items (layers), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) l = g_list_model_get_item (layers, i);
      Checker c;

      g_assert_false (CX_IS_ITEM (l));
      checker_init (&c, l);
      check_string (&c, "id", cx_layer_get_id (l));
      check_string (&c, "name", cx_layer_get_name (l));
      check_string (&c, "name-en", cx_layer_get_name_en (l));
      check_string (&c, "name-zh", cx_layer_get_name_zh (l));
      check_string (&c, "description", cx_layer_get_description (l));
      check_string (&c, "description-en", cx_layer_get_description_en (l));
      check_uint (&c, "index", cx_layer_get_index (l));
      check_pointer (&c, "features", cx_layer_get_features (l));
      checker_finish (&c);
    }

  g_assert_cmpuint (g_list_model_get_n_items (sources), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(CxSource) s = g_list_model_get_item (sources, i);
      Checker c;

      checker_init (&c, s);
      check_string (&c, "id", cx_source_get_id (s));
      check_string (&c, "title", cx_source_get_title (s));
      check_string (&c, "publisher", cx_source_get_publisher (s));
      check_string (&c, "date", cx_source_get_date (s));
      check_string (&c, "url", cx_source_get_url (s));
      check_string (&c, "note", cx_source_get_note (s));
      checker_finish (&c);
    }
}

static void
test_imported (void)
{
  static const char geojson[] =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"id\": \"a\", \"properties\": {\"title\": \"Stop A\", \"description\": \"New\", \"k\": 1},"
    "  \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.41, 31.22]}},"
    " {\"type\": \"Feature\", \"properties\": {\"name\": \"Line B\"},"
    "  \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.40, 31.20], [121.42, 31.21]]}},"
    " {\"type\": \"Feature\", \"properties\": null, \"geometry\": null}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (geojson, sizeof geojson - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  GListModel *features;
  Checker c;

  layer = cx_import_bytes (bytes, "stops.geojson", "stops.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  features = cx_imported_layer_get_features (layer);
  g_assert_cmpuint (g_list_model_get_n_items (features), ==, 2);

  checker_init (&c, layer);
  check_string (&c, "id", cx_imported_layer_get_id (layer));
  check_string (&c, "name", cx_imported_layer_get_name (layer));
  check_string (&c, "file-name", cx_imported_layer_get_file_name (layer));
  check_boolean (&c, "gcj02", cx_imported_layer_get_gcj02 (layer));
  check_boolean (&c, "visible", cx_imported_layer_get_visible (layer));
  check_pointer (&c, "features", features);
  check_uint (&c, "n-unlocated", 1);
  check_uint (&c, "n-clamped", cx_imported_layer_get_n_clamped (layer));
  checker_finish (&c);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxImportedFeature) f = g_list_model_get_item (features, i);

      checker_init (&c, f);
      check_item (&c, cx_imported_feature_get_id (f), cx_imported_feature_get_display_name (f), "Your Layer");
      check_pointer (&c, "layer", layer);
      check_uint (&c, "index", i);
      check_uint (&c, "source-index", cx_imported_feature_get_source_index (f));
      check_string (&c, "geojson-type", cx_imported_feature_get_geojson_type (f));
      check_pointer (&c, "geometry", cx_imported_feature_get_geometry (f));
      check_string (&c, "description", cx_imported_feature_get_description (f));
      check_string (&c, "display-name", cx_imported_feature_get_display_name (f));
      check_uint (&c, "n-properties", cx_imported_feature_get_n_properties (f));
      checker_finish (&c);
    }
}

/* The four kinds an item can be, through the interface alone. */
static void
test_item_kinds (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  static const char geojson[] =
    "{\"type\": \"Feature\", \"properties\": {\"title\": \"Depot\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.41, 31.22]}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (geojson, sizeof geojson - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = cx_import_bytes (bytes, "depot.geojson", "depot.geojson", FALSE, NULL, &error);
  g_autoptr(CxImportedFeature) imported = NULL;
  g_autoptr(CxFeature) feature = g_list_model_get_item (cx_data_pack_get_features (pack), 0);
  g_autoptr(CxProgram) program = g_list_model_get_item (cx_data_pack_get_programs (pack), 0);
  g_autoptr(CxStatistic) statistic = g_list_model_get_item (cx_data_pack_get_statistics (pack), 0);
  const struct { gpointer object; const char *kind; } items[] = {
    { feature, "Place" },
    { program, "Program" },
    { statistic, "Statistic" },
    { NULL, "Your Layer" },
  };
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  imported = g_list_model_get_item (cx_imported_layer_get_features (layer), 0);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      CxItem *item = CX_ITEM (items[i].object != NULL ? items[i].object : imported);
      g_autoptr(CxSelection) selection = cx_selection_new (pack);

      /* A GeoJSON feature need not have an id. */
      if (items[i].object != NULL)
        g_assert_nonnull (cx_item_get_id (item));
      g_assert_cmpstr (cx_item_get_title (item), !=, "");
      g_assert_cmpstr (cx_item_get_kind_label (item), ==, items[i].kind);
      g_hash_table_add (labels, (gpointer) cx_item_get_kind_label (item));

      /* What a selection of it says it is. */
      cx_selection_select (selection, G_OBJECT (item));
      g_assert_true (cx_selection_get_item (selection) == G_OBJECT (item));
      g_assert_cmpint (cx_selection_get_kind (selection), ==, CX_SELECTION_FEATURE + (int) i);
      g_assert_cmpint (cx_item_get_kind (item), ==, CX_SELECTION_FEATURE + (int) i);

      /* What a screen reader says of it names it. */
      {
        g_autofree char *said = cx_item_dup_announcement (item);

        g_assert_nonnull (strstr (said, cx_item_get_title (item)));
      }

      /* The places it stands for are the ones highlighted; the item
       * itself is highlighted too. */
      {
        g_autoptr(GListModel) places = cx_item_dup_places (item, pack);
        guint n = g_list_model_get_n_items (places);

        g_assert_cmpuint (n, ==, g_list_model_get_n_items (cx_selection_get_highlighted (selection)));
        if (items[i].object == NULL)
          g_assert_cmpuint (n, ==, 0);
        else
          g_assert_cmpuint (n, >, 0);
        if (items[i].object == feature)
          {
            g_autoptr(CxFeature) first = g_list_model_get_item (places, 0);

            g_assert_true (first == feature);
          }
        g_assert_true (cx_selection_is_highlighted (selection, item));
      }
    }
  g_assert_cmpuint (g_hash_table_size (labels), ==, G_N_ELEMENTS (items));
  g_assert_cmpstr (cx_item_get_title (CX_ITEM (imported)), ==, "Depot");
}

static void
test_selection_kind (void)
{
  g_autoptr(CxDataPack) pack = load_default ();
  g_autoptr(CxSelection) selection = cx_selection_new (pack);
  g_autoptr(CxProgram) program = g_list_model_get_item (cx_data_pack_get_programs (pack), 0);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (selection), "kind");
  CxSelectionKind kind;

  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == CX_TYPE_SELECTION_KIND);

  g_object_get (selection, "kind", &kind, NULL);
  g_assert_cmpint (kind, ==, CX_SELECTION_NONE);
  cx_selection_select (selection, G_OBJECT (program));
  g_object_get (selection, "kind", &kind, NULL);
  g_assert_cmpint (kind, ==, CX_SELECTION_PROGRAM);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/properties/features", test_features);
  g_test_add_func ("/properties/programs", test_programs);
  g_test_add_func ("/properties/statistics", test_statistics);
  g_test_add_func ("/properties/layers-and-sources", test_layers_and_sources);
  g_test_add_func ("/properties/imported", test_imported);
  g_test_add_func ("/properties/item-kinds", test_item_kinds);
  g_test_add_func ("/properties/selection-kind", test_selection_kind);

  return g_test_run ();
}
