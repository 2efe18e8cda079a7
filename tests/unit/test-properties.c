/* test-properties.c: the model objects' read-only properties and CxItem
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Templates and bindings read the model through properties, so every
 * property must say what its getter says. Each check below records the
 * property it read, and every property a class has must have been read.
 * They are read-only, as the model promises (an imported layer's name and
 * visibility excepted, which the layer panel sets): not writable, not set
 * at construction. And each is compared at least once with a value other
 * than its default, from the default pack or the mini pack with every
 * optional member, so that a property stuck at NULL or 0 fails.
 */

#include "config.h"

#include <string.h>

#include "cx-data-pack.h"
#include "cx-enums.h"
#include "cx-import.h"
#include "cx-item.h"
#include "cx-selection.h"
#include "cx-test-packs.h"

/* For each "Type:property" checked in a test, whether some object was
 * expected to hold a value other than the property's default: a property
 * stuck at its default (NULL, 0, FALSE, the first enum value) would pass
 * every comparison with NULL or 0, so at least one comparison of each must
 * be one that could fail. coverage_end() checks it. */
static GHashTable *coverage;

static void
coverage_begin (void)
{
  g_assert_null (coverage);
  coverage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
coverage_end (void)
{
  GHashTableIter iter;
  gpointer key, varied;
  g_autoptr(GString) stuck = g_string_new (NULL);

  g_hash_table_iter_init (&iter, coverage);
  while (g_hash_table_iter_next (&iter, &key, &varied))
    if (!GPOINTER_TO_INT (varied))
      g_string_append_printf (stuck, "%s%s", stuck->len > 0 ? ", " : "", (const char *) key);
  g_clear_pointer (&coverage, g_hash_table_unref);
  if (stuck->len > 0)
    g_error ("only ever compared with their defaults, so these checks could not fail: %s", stuck->str);
}

typedef struct
{
  GObject    *object;
  GHashTable *checked;   /* property names */
  const char *const *writable;   /* the properties that are meant to be set */
} Checker;

static void
checker_init (Checker *c,
              gpointer object)
{
  c->object = object;
  c->checked = g_hash_table_new (g_str_hash, g_str_equal);
  c->writable = NULL;
}

/* Every property the class has was checked. */
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

/* The property is readable, and read-only unless the class means it to be
 * set (c->writable): neither writable nor set at construction. */
static GParamSpec *
checked_pspec (Checker    *c,
               const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (c->object), name);
  gboolean writable = c->writable != NULL && g_strv_contains (c->writable, name);

  g_assert_nonnull (pspec);
  if (!(pspec->flags & G_PARAM_READABLE))
    g_error ("%s:%s is not readable", G_OBJECT_TYPE_NAME (c->object), name);
  if (writable && !(pspec->flags & G_PARAM_WRITABLE))
    g_error ("%s:%s cannot be set", G_OBJECT_TYPE_NAME (c->object), name);
  if (!writable && (pspec->flags & (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT | G_PARAM_CONSTRUCT_ONLY)))
    g_error ("%s:%s is not read-only", G_OBJECT_TYPE_NAME (c->object), name);
  g_hash_table_add (c->checked, (gpointer) g_intern_string (name));
  return pspec;
}

/* The property holds @expected; notes whether that is its default. */
static void
check_value (Checker      *c,
             const char   *name,
             const GValue *expected)
{
  GParamSpec *pspec = checked_pspec (c, name);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *key = g_strdup_printf ("%s:%s", G_OBJECT_TYPE_NAME (c->object), name);
  gboolean varied;

  g_assert_true (G_VALUE_TYPE (expected) == pspec->value_type);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (c->object, name, &value);
  if (g_param_values_cmp (pspec, &value, expected) != 0)
    {
      g_autofree char *got = g_strdup_value_contents (&value);
      g_autofree char *wanted = g_strdup_value_contents (expected);

      g_error ("%s is %s, its getter says %s", key, got, wanted);
    }

  varied = g_param_values_cmp (pspec, expected, g_param_spec_get_default_value (pspec)) != 0;
  varied = varied || GPOINTER_TO_INT (g_hash_table_lookup (coverage, key));
  g_hash_table_insert (coverage, g_steal_pointer (&key), GINT_TO_POINTER (varied));
}

static void
check_string (Checker    *c,
              const char *name,
              const char *expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, expected);
  check_value (c, name, &value);
}

static void
check_pointer (Checker       *c,
               const char    *name,
               gconstpointer  expected)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (c->object), name);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_nonnull (pspec);
  g_value_init (&value, pspec->value_type);
  if (G_IS_PARAM_SPEC_BOXED (pspec))
    g_value_set_static_boxed (&value, expected);
  else
    g_value_set_object (&value, (gpointer) expected);
  check_value (c, name, &value);
}

static void
check_double (Checker    *c,
              const char *name,
              double      expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, expected);
  check_value (c, name, &value);
}

static void
check_uint (Checker    *c,
            const char *name,
            guint       expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, expected);
  check_value (c, name, &value);
}

static void
check_enum (Checker    *c,
            const char *name,
            GType       type,
            int         expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, type);
  g_value_set_enum (&value, expected);
  check_value (c, name, &value);
}

static void
check_boolean (Checker    *c,
               const char *name,
               gboolean    expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, expected);
  check_value (c, name, &value);
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

/* The mini pack with every optional member the default pack leaves out
 * (no program of it has an end), so that each property is compared with
 * something other than NULL at least once. */
static CxDataPack *
load_full_mini (void)
{
  static const struct { const char *find, *replace; } additions[] = {
    { "\"start\": \"2021\",", "\"start\": \"2021\", \"end\": \"2025-06\"," },
    { "\"status\": \"confirmed\", \"source\": \"src\"",
      "\"status\": \"estimate\", \"source\": \"src\", \"comparison\": \"year on year\", \"note\": \"provisional\"" },
    { "\"url\": \"https://example.org/a\"", "\"url\": \"https://example.org/a\", \"note\": \"mirror\"" },
    { "\"kind\": \"park\",", "\"kind\": \"park\", \"pinyin\": \"Gongyuan\"," },
  };
  g_autoptr(GString) text = g_string_new (cx_test_mini_pack ());
  g_autoptr(GError) error = NULL;
  CxDataPack *pack;

  for (guint i = 0; i < G_N_ELEMENTS (additions); i++)
    g_assert_cmpuint (g_string_replace (text, additions[i].find, additions[i].replace, 1), ==, 1);
  pack = cx_test_load_pack_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

/* The default pack, and the mini pack with everything. */
static GPtrArray *
load_packs (void)
{
  GPtrArray *packs = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (packs, load_default ());
  g_ptr_array_add (packs, load_full_mini ());
  return packs;
}

static void
test_features (void)
{
  g_autoptr(GPtrArray) packs = load_packs ();

  coverage_begin ();
  for (guint k = 0; k < packs->len; k++)
    {
      GListModel *features = cx_data_pack_get_features (g_ptr_array_index (packs, k));

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
  coverage_end ();
}

static void
test_programs (void)
{
  g_autoptr(GPtrArray) packs = load_packs ();

  coverage_begin ();
  for (guint k = 0; k < packs->len; k++)
    {
      GListModel *programs = cx_data_pack_get_programs (g_ptr_array_index (packs, k));

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
  coverage_end ();
}

static void
test_statistics (void)
{
  g_autoptr(GPtrArray) packs = load_packs ();

  coverage_begin ();
  for (guint k = 0; k < packs->len; k++)
    {
      GListModel *statistics = cx_data_pack_get_statistics (g_ptr_array_index (packs, k));

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
  coverage_end ();
}

static void
test_layers_and_sources (void)
{
  g_autoptr(GPtrArray) packs = load_packs ();

  coverage_begin ();
  for (guint k = 0; k < packs->len; k++)
    {
      GListModel *layers = cx_data_pack_get_layers (g_ptr_array_index (packs, k));
      GListModel *sources = cx_data_pack_get_sources (g_ptr_array_index (packs, k));

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
  coverage_end ();
}

/* An imported layer: its name and visibility are meant to be set (the
 * layer panel renames and hides it), everything else is read-only. */
static void
check_imported_layer (CxImportedLayer *layer)
{
  static const char * const writable[] = { "name", "visible", NULL };
  CxColor color;
  g_autofree char *hex = cx_imported_layer_get_color (layer, &color) ? cx_color_to_hex (&color) : NULL;
  Checker c;

  checker_init (&c, layer);
  c.writable = writable;
  check_string (&c, "id", cx_imported_layer_get_id (layer));
  check_string (&c, "name", cx_imported_layer_get_name (layer));
  check_string (&c, "file-name", cx_imported_layer_get_file_name (layer));
  check_boolean (&c, "gcj02", cx_imported_layer_get_gcj02 (layer));
  check_boolean (&c, "visible", cx_imported_layer_get_visible (layer));
  check_string (&c, "color", hex);
  check_pointer (&c, "features", cx_imported_layer_get_features (layer));
  check_uint (&c, "n-unlocated", cx_imported_layer_get_n_unlocated (layer));
  check_uint (&c, "n-clamped", cx_imported_layer_get_n_clamped (layer));
  checker_finish (&c);
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
  /* GCJ-02, hidden, and with a position beyond ±85.05° (drawn at the
   * edge): the layer properties that are FALSE or 0 above. */
  static const char other[] =
    "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 89.5]}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (geojson, sizeof geojson - 1);
  g_autoptr(GBytes) other_bytes = g_bytes_new_static (other, sizeof other - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autoptr(CxImportedLayer) hidden = NULL;
  GListModel *features;

  coverage_begin ();
  layer = cx_import_bytes (bytes, "stops.geojson", "stops.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  features = cx_imported_layer_get_features (layer);
  g_assert_cmpuint (g_list_model_get_n_items (features), ==, 2);
  g_assert_cmpuint (cx_imported_layer_get_n_unlocated (layer), ==, 1);
  check_imported_layer (layer);

  hidden = cx_import_bytes (other_bytes, "edge.geojson", "edge.geojson", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cx_imported_layer_get_n_clamped (hidden), ==, 1);
  g_object_set (hidden, "visible", FALSE, "name", "Edge", NULL);
  cx_imported_layer_set_color (hidden, &(CxColor) { 1, 0.5, 0, 1 });
  g_assert_false (cx_imported_layer_get_visible (hidden));
  g_assert_cmpstr (cx_imported_layer_get_name (hidden), ==, "Edge");
  check_imported_layer (hidden);
  coverage_end ();

  coverage_begin ();
  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxImportedFeature) f = g_list_model_get_item (features, i);
      Checker c;

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
  coverage_end ();
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
