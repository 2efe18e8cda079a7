/* test-annotations.c: the annotations' undo stack and their GeoJSON
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cx-annotations.h"
#include "cx-pack-error.h"

/* Around Zhongshan Park, WGS84. */
static const CxCoord square[] = {
  { 121.4150, 31.2220 }, { 121.4190, 31.2220 }, { 121.4190, 31.2250 }, { 121.4150, 31.2250 },
};

/* Everything a note must survive: quotes, a backslash, newlines, a tab,
 * CJK, an emoji, and U+001F, which json-glib's own writer leaves raw
 * (cx_json_generator_to_data()). */
static const char hard_note[] =
  "“Quotes” \"and\" 'these' \\ back\nslash\r\n\ttab 中山公园 长宁区 🚇 unit\x1fseparator end";

static CxAnnotation *
make (CxAnnotationKind  kind,
      const char       *note)
{
  guint n = kind == CX_ANNOTATION_PIN ? 1 : kind == CX_ANNOTATION_POLYGON ? 4 : 3;

  return cx_annotation_new (kind, square, n, note, NULL);
}

static guint
n_items (CxAnnotations *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static CxAnnotation *
item (CxAnnotations *list,
      guint          position)
{
  CxAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (list), position);

  /* The list holds a reference; tests only look. */
  g_object_unref (annotation);
  return annotation;
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_undo_stack (void)
{
  g_autoptr(CxAnnotations) list = cx_annotations_new ();
  g_autoptr(CxAnnotation) pin = make (CX_ANNOTATION_PIN, "Terminal 1");
  g_autoptr(CxAnnotation) line = make (CX_ANNOTATION_LINE, NULL);
  g_autoptr(CxAnnotation) area = make (CX_ANNOTATION_POLYGON, "Proposed park");
  g_autoptr(CxAnnotation) stroke = make (CX_ANNOTATION_STROKE, NULL);
  g_autoptr(GError) error = NULL;
  const CxCoord *points;
  guint n_signals = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &n_signals);
  g_assert_false (cx_annotations_can_undo (list));
  g_assert_false (cx_annotations_undo (list));
  g_assert_false (cx_annotations_redo (list));

  g_assert_true (cx_annotations_add (list, pin, &error));
  g_assert_no_error (error);
  g_assert_true (cx_annotations_add (list, line, NULL));
  g_assert_true (cx_annotations_add (list, area, NULL));
  g_assert_cmpuint (n_items (list), ==, 3);
  g_assert_true (cx_annotations_can_undo (list));
  g_assert_false (cx_annotations_can_redo (list));

  /* Move a vertex: a new value with the same id, the old one untouched. */
  g_assert_true (cx_annotations_move_vertex (list, 2, 1, 121.4200, 31.2230));
  g_assert_true (item (list, 2) != area);
  g_assert_cmpstr (cx_annotation_get_id (item (list, 2)), ==, cx_annotation_get_id (area));
  points = cx_annotation_get_points (item (list, 2), NULL);
  g_assert_cmpfloat (points[1].x, ==, 121.4200);
  g_assert_cmpfloat (cx_annotation_get_points (area, NULL)[1].x, ==, 121.4190);
  /* Off the map, or no such vertex: nothing, and no step. */
  g_assert_false (cx_annotations_move_vertex (list, 2, 1, 121.42, 89.0));
  g_assert_false (cx_annotations_move_vertex (list, 2, 4, 121.42, 31.22));

  g_assert_true (cx_annotations_set_note (list, 0, "Terminal 1, arrivals"));
  g_assert_false (cx_annotations_set_note (list, 0, "Terminal 1, arrivals"));
  g_assert_cmpstr (cx_annotation_get_note (item (list, 0)), ==, "Terminal 1, arrivals");

  g_assert_true (cx_annotations_remove (list, 1));
  g_assert_cmpuint (n_items (list), ==, 2);
  g_assert_false (cx_annotations_remove (list, 5));

  /* Clearing all is one step, and undo brings all of it back. */
  g_assert_true (cx_annotations_clear (list));
  g_assert_cmpuint (n_items (list), ==, 0);
  g_assert_false (cx_annotations_clear (list));
  g_assert_true (cx_annotations_undo (list));
  g_assert_cmpuint (n_items (list), ==, 2);
  g_assert_true (cx_annotations_can_redo (list));

  /* Back through the delete, the note and the move, in that order. */
  g_assert_true (cx_annotations_undo (list));
  g_assert_cmpuint (n_items (list), ==, 3);
  g_assert_true (item (list, 1) == line);
  g_assert_true (cx_annotations_undo (list));
  g_assert_true (item (list, 0) == pin);
  g_assert_true (cx_annotations_undo (list));
  g_assert_true (item (list, 2) == area);

  /* And forward again to where it was. */
  g_assert_true (cx_annotations_redo (list));
  g_assert_cmpfloat (cx_annotation_get_points (item (list, 2), NULL)[1].x, ==, 121.4200);
  g_assert_true (cx_annotations_redo (list));
  g_assert_true (cx_annotations_redo (list));
  g_assert_true (cx_annotations_redo (list));
  g_assert_cmpuint (n_items (list), ==, 0);
  g_assert_false (cx_annotations_redo (list));

  /* A new edit after undo forgets the redo. */
  g_assert_true (cx_annotations_undo (list));
  g_assert_true (cx_annotations_undo (list));
  g_assert_true (cx_annotations_can_redo (list));
  g_assert_true (cx_annotations_add (list, stroke, NULL));
  g_assert_false (cx_annotations_can_redo (list));

  /* Every change is one items-changed. */
  g_assert_cmpuint (n_signals, ==, 18);

  /* Showing another scene forgets the history. */
  cx_annotations_reset (list, NULL);
  g_assert_cmpuint (n_items (list), ==, 0);
  g_assert_false (cx_annotations_can_undo (list));
  g_assert_false (cx_annotations_can_redo (list));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_undo_notify_and_limits (void)
{
  g_autoptr(CxAnnotations) list = cx_annotations_new ();
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_can_undo = 0;

  g_signal_connect (list, "notify::can-undo", G_CALLBACK (notify_cb), &n_can_undo);

  for (guint i = 0; i < CX_ANNOTATIONS_MAX_UNDO + 10; i++)
    {
      g_autoptr(CxAnnotation) pin = make (CX_ANNOTATION_PIN, NULL);

      g_assert_true (cx_annotations_add (list, pin, NULL));
    }
  /* Only when it changes. */
  g_assert_cmpuint (n_can_undo, ==, 1);

  /* The oldest steps are forgotten, the newest kept. */
  for (guint i = 0; i < CX_ANNOTATIONS_MAX_UNDO; i++)
    g_assert_true (cx_annotations_undo (list));
  g_assert_false (cx_annotations_undo (list));
  g_assert_cmpuint (n_items (list), ==, 10);
  g_assert_cmpuint (n_can_undo, ==, 2);

  /* An import that would pass the limit adds nothing. */
  for (guint i = 0; i < CX_ANNOTATIONS_MAX; i++)
    g_ptr_array_add (many, make (CX_ANNOTATION_PIN, NULL));
  g_assert_false (cx_annotations_add_all (list, many, &error));
  g_assert_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT);
  g_assert_cmpuint (n_items (list), ==, 10);
  g_clear_error (&error);

  /* One that fits is one step, and ids stay unique when a file is read twice. */
  g_ptr_array_set_size (many, 5);
  g_assert_true (cx_annotations_add_all (list, many, NULL));
  g_assert_true (cx_annotations_add_all (list, many, NULL));
  g_assert_cmpuint (n_items (list), ==, 20);
  g_assert_cmpstr (cx_annotation_get_id (item (list, 10)), ==, cx_annotation_get_id (many->pdata[0]));
  g_assert_cmpstr (cx_annotation_get_id (item (list, 15)), !=, cx_annotation_get_id (many->pdata[0]));
  g_assert_true (cx_annotation_same_content (item (list, 15), many->pdata[0]));
  g_assert_true (cx_annotations_undo (list));
  g_assert_cmpuint (n_items (list), ==, 15);
}

/* Marks replaced by a scene's in one step, which undo takes back. */
static void
test_replace_all (void)
{
  g_autoptr(CxAnnotations) list = cx_annotations_new ();
  g_autoptr(CxAnnotation) pin = make (CX_ANNOTATION_PIN, "drawn before any scene");
  g_autoptr(GPtrArray) scene = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (scene, make (CX_ANNOTATION_LINE, "the scene's"));
  g_ptr_array_add (scene, make (CX_ANNOTATION_POLYGON, NULL));
  g_assert_false (cx_annotations_replace_all (list, NULL));
  g_assert_true (cx_annotations_add (list, pin, NULL));
  g_assert_true (cx_annotations_replace_all (list, scene));
  g_assert_cmpuint (n_items (list), ==, 2);
  g_assert_true (item (list, 0) == scene->pdata[0]);
  g_assert_true (cx_annotations_undo (list));
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_true (item (list, 0) == pin);
  g_assert_true (cx_annotations_redo (list));
  g_assert_cmpuint (n_items (list), ==, 2);
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_note = g_strnfill (CX_ANNOTATION_MAX_NOTE + 1, 'x');
  CxCoord off[] = { { 121.4, 31.2 }, { 200, 31.2 } };

  g_assert_false (cx_annotation_check (CX_ANNOTATION_LINE, square, 1, NULL, &error));
  g_assert_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_false (cx_annotation_check (CX_ANNOTATION_POLYGON, square, 2, NULL, &error));
  g_clear_error (&error);
  g_assert_false (cx_annotation_check (CX_ANNOTATION_PIN, square, 2, NULL, &error));
  g_clear_error (&error);
  g_assert_false (cx_annotation_check (CX_ANNOTATION_LINE, off, 2, NULL, &error));
  g_assert_nonnull (strstr (error->message, "longitude 200"));
  g_clear_error (&error);
  g_assert_false (cx_annotation_check (CX_ANNOTATION_PIN, square, 1, long_note, &error));
  g_assert_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_false (cx_annotation_check (CX_ANNOTATION_PIN, square, 1, "\xff", &error));
  g_clear_error (&error);
  long_note[CX_ANNOTATION_MAX_NOTE] = '\0';
  g_assert_true (cx_annotation_check (CX_ANNOTATION_PIN, square, 1, long_note, NULL));

  g_assert_true (cx_annotation_color_is_valid ("#AbC"));
  g_assert_true (cx_annotation_color_is_valid ("#a0b1c2"));
  g_assert_false (cx_annotation_color_is_valid ("red"));
  g_assert_false (cx_annotation_color_is_valid ("#12345g"));
  g_assert_false (cx_annotation_color_is_valid ("#1234"));
}

static void
test_geojson_round_trip (void)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  /* Coordinates with every digit a double has. */
  CxCoord odd[] = { { 121.41234567890123, 31.22098765432109 }, { 121.0 / 3.0 + 80, 31.1 + 1e-13 } };
  const char *text;

  g_ptr_array_add (annotations, make (CX_ANNOTATION_PIN, hard_note));
  g_ptr_array_add (annotations, make (CX_ANNOTATION_LINE, "中山公园 → 虹桥"));
  g_ptr_array_add (annotations, make (CX_ANNOTATION_POLYGON, "a \"quoted\" area\nsecond line"));
  g_ptr_array_add (annotations, make (CX_ANNOTATION_STROKE, NULL));
  g_ptr_array_add (annotations, cx_annotation_new_full (CX_ANNOTATION_LINE, "my-own-id", odd, 2,
                                                        "\x1f", "#ABC", 7.5, 0.25));

  bytes = cx_annotations_to_geojson (annotations);
  text = g_bytes_get_data (bytes, NULL);
  g_test_message ("%s", text);

  /* What QGIS and geojson.io read. */
  g_assert_nonnull (strstr (text, "\"type\": \"FeatureCollection\""));
  g_assert_nonnull (strstr (text, "\"marker-color\":\"#c0392b\""));
  g_assert_nonnull (strstr (text, "\"stroke\":\"#aabbcc\""));
  g_assert_nonnull (strstr (text, "\"fill-opacity\":0.2"));
  g_assert_nonnull (strstr (text, "\"title\":\"a \\\"quoted\\\" area\""));
  g_assert_nonnull (strstr (text, "\"type\":\"Polygon\""));
  g_assert_nonnull (strstr (text, "\\u001f"));
  g_assert_null (strchr (text, '\x1f'));

  back = cx_annotations_from_geojson (bytes, "marks.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, annotations->len);
  for (guint i = 0; i < back->len; i++)
    {
      CxAnnotation *a = g_ptr_array_index (annotations, i);
      CxAnnotation *b = g_ptr_array_index (back, i);

      g_assert_cmpint (cx_annotation_get_kind (a), ==, cx_annotation_get_kind (b));
      g_assert_cmpstr (cx_annotation_get_note (a), ==, cx_annotation_get_note (b));
      g_assert_cmpstr (cx_annotation_get_id (a), ==, cx_annotation_get_id (b));
      g_assert_true (cx_annotation_same_content (a, b));
    }
  g_assert_cmpstr (cx_annotation_get_note (back->pdata[0]), ==, hard_note);
  g_assert_cmpstr (cx_annotation_get_color (back->pdata[4]), ==, "#aabbcc");

  /* Writing what was read gives the same bytes. */
  again = cx_annotations_to_geojson (back);
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_geojson_from_elsewhere (void)
{
  /* As geojson.io writes it: no kind of ours, a title only, #rgb. */
  const char *text =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"title\":\"Gate\",\"marker-color\":\"#f00\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.22]}},"
    "{\"type\":\"Feature\",\"properties\":null,"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.41,31.22],[121.42,31.22],[121.42,31.23],[121.41,31.22]]]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) back = cx_annotations_from_geojson (bytes, "io.geojson", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpint (cx_annotation_get_kind (back->pdata[0]), ==, CX_ANNOTATION_PIN);
  g_assert_cmpstr (cx_annotation_get_note (back->pdata[0]), ==, "Gate");
  g_assert_cmpstr (cx_annotation_get_color (back->pdata[0]), ==, "#ff0000");
  g_assert_cmpint (cx_annotation_get_kind (back->pdata[1]), ==, CX_ANNOTATION_POLYGON);
  g_assert_cmpuint (cx_annotation_get_n_points (back->pdata[1]), ==, 3);
  g_assert_cmpstr (cx_annotation_get_color (back->pdata[1]), ==,
                   cx_annotation_default_color (CX_ANNOTATION_POLYGON));
}

/* A pin that carries a stroke's width and opacity (simplestyle allows them
 * on any feature) loads, saves and loads again the same: the fuzzer found a
 * pin that read them but was written without them. */
static void
test_geojson_pin_with_stroke (void)
{
  const char *text =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"marker-color\":\"#c0392b\",\"stroke\":\"#8e44ad\","
    "\"stroke-width\":3,\"stroke-opacity\":0.5},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.415,31.222]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = cx_annotations_from_geojson (bytes, "pin.geojson", &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (cx_annotation_get_kind (first->pdata[0]), ==, CX_ANNOTATION_PIN);
  saved = cx_annotations_to_geojson (first);
  again = cx_annotations_from_geojson (saved, "again.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_true (cx_annotation_same_content (first->pdata[0], again->pdata[0]));
}

/* Hostile and malformed files: refused whole, with the file named and the
 * same words as any imported GeoJSON where the rule is the same. */
static void
test_geojson_refused (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "the file is empty" },
    { "[]", "top level must be an object" },
    { "{\"type\":\"FeatureCollection\",\"features\":[],}", "not valid JSON" },
    { "{\"type\":\"FeatureCollection\",\"type\":\"Feature\",\"features\":[]}", "appears twice" },
    { "{\"type\":\"FeatureCollection\"}", "needs a \"features\" array" },
    { "{\"type\":\"Topology\"}", "not a “Topology”" },
    { "{\"type\":\"FeatureCollection\",\"features\":[1]}", "feature 1: must be an object" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{}}]}",
      "no \"geometry\"" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}]}",
      "has no geometry" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[200,31]}}]}", "longitude 200" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121,1e400]}}]}", "not a finite number" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
      "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[121.41,31.22],[121.42,31.22],[121.42,31.23],[121.41,31.22]]]]}}]}",
      "import the file as a layer instead" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
      "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.41,31.22],[121.42,31.22],[121.42,31.23],[121.41,31.22]],"
      "[[121.411,31.221],[121.412,31.221],[121.412,31.222],[121.411,31.221]]]}}]}", "no holes" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
      "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[]}}]}", "0 positions" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"description\":5},"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.22]}}]}", "\"description\" must be a string" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"marker-color\":\"red\"},"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.22]}}]}", "not #rgb or #rrggbb" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"stroke-width\":1e9},"
      "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[121.41,31.22],[121.42,31.22]]}}]}", "\"stroke-width\" must be" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"changning-explorer:kind\":\"pin\"},"
      "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[121.41,31.22],[121.42,31.22]]}}]}", "cannot be a “pin”" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"changning-explorer:kind\":\"circle\"},"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.22]}}]}", "unknown kind of annotation" },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"description\":\"\\ud800\"},"
      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.22]}}]}", "surrogate" },
    { "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}},\"features\":[]}",
      "coordinate reference system" },
  };

  g_autofree char *open = g_strnfill (100, '[');
  g_autofree char *close = g_strnfill (100, ']');
  /* Past CX_JSON_MAX_DEPTH, refused before json-glib recurses into it. */
  g_autofree char *deep = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":%s%s}", open, close);

  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      const char *text = i < G_N_ELEMENTS (cases) ? cases[i].text : deep;
      const char *message = i < G_N_ELEMENTS (cases) ? cases[i].message : "nested more than 64 levels deep";
      g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) back = cx_annotations_from_geojson (bytes, "hostile.geojson", &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(accepted)");
      g_assert_null (back);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "hostile.geojson: "));
      g_assert_nonnull (strstr (error->message, message));
    }
}

static void
test_geojson_limits (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *long_note = g_strnfill (CX_ANNOTATION_MAX_NOTE + 1, 'x');
  g_autofree char *one = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                          "\"properties\":{\"description\":\"%s\"},"
                                          "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.22]}}]}",
                                          long_note);

  for (guint i = 0; i <= CX_ANNOTATIONS_MAX; i++)
    g_string_append_printf (text, "%s{\"type\":\"Feature\",\"properties\":{},"
                            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.41,31.22]}}",
                            i > 0 ? "," : "");
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);
  back = cx_annotations_from_geojson (bytes, "many.geojson", &error);
  g_assert_null (back);
  g_assert_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new (one, strlen (one));
  back = cx_annotations_from_geojson (bytes, "long.geojson", &error);
  g_assert_null (back);
  g_assert_nonnull (strstr (error->message, "a note may be at most 4096"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annotations/undo-stack", test_undo_stack);
  g_test_add_func ("/annotations/undo-notify-and-limits", test_undo_notify_and_limits);
  g_test_add_func ("/annotations/replace-all", test_replace_all);
  g_test_add_func ("/annotations/check", test_check);
  g_test_add_func ("/annotations/geojson/round-trip", test_geojson_round_trip);
  g_test_add_func ("/annotations/geojson/from-elsewhere", test_geojson_from_elsewhere);
  g_test_add_func ("/annotations/geojson/pin-with-stroke", test_geojson_pin_with_stroke);
  g_test_add_func ("/annotations/geojson/refused", test_geojson_refused);
  g_test_add_func ("/annotations/geojson/limits", test_geojson_limits);

  return g_test_run ();
}
