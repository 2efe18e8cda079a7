/* import-compare.h: whether two GeoJSON imports came out the same
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer's fast path (src/import/cx-import-fast.c) must never change
 * an outcome. tests/unit/test-import-fast.c and fuzz-import-fast.c import
 * each input with it and without it (CX_IMPORT_NO_FAST_PATH) and compare
 * with this: the same error (domain, code, message), or the same layer to
 * the last bit of every coordinate. Header only, so that the fuzz target
 * needs nothing but libcx-model.
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include "cx-import.h"
#include "cx-import-fast.h"

/* Imports @bytes with the fast path on or off (and puts the setting back). */
static inline CxImportedLayer *
import_compare_import (GBytes    *bytes,
                       gboolean   gcj02,
                       gboolean   fast,
                       GError   **error)
{
  g_autofree char *before = g_strdup (g_getenv (CX_IMPORT_NO_FAST_PATH_ENV));
  CxImportedLayer *layer;

  if (fast)
    g_unsetenv (CX_IMPORT_NO_FAST_PATH_ENV);
  else
    g_setenv (CX_IMPORT_NO_FAST_PATH_ENV, "1", TRUE);

  layer = cx_import_bytes (bytes, "import.geojson", "import.geojson", gcj02, NULL, error);

  if (before != NULL)
    g_setenv (CX_IMPORT_NO_FAST_PATH_ENV, before, TRUE);
  else
    g_unsetenv (CX_IMPORT_NO_FAST_PATH_ENV);
  return layer;
}

static inline gboolean
import_compare_same_bits (const void *a,
                          const void *b,
                          gsize       size)
{
  return memcmp (a, b, size) == 0;
}

static inline gboolean
import_compare_same_color (const CxColor *a,
                           const CxColor *b)
{
  return import_compare_same_bits (&a->red, &b->red, sizeof (double)) &&
         import_compare_same_bits (&a->green, &b->green, sizeof (double)) &&
         import_compare_same_bits (&a->blue, &b->blue, sizeof (double)) &&
         import_compare_same_bits (&a->alpha, &b->alpha, sizeof (double));
}

/* Field by field: a struct's padding is not part of its value. */
static inline gboolean
import_compare_same_style (const CxStyle *a,
                           const CxStyle *b)
{
  if (a->has_fill != b->has_fill || a->n_dashes != b->n_dashes || a->label != b->label ||
      !import_compare_same_color (&a->fill, &b->fill) ||
      !import_compare_same_color (&a->stroke, &b->stroke) ||
      !import_compare_same_color (&a->marker, &b->marker) ||
      !import_compare_same_bits (&a->stroke_width, &b->stroke_width, sizeof (double)))
    return FALSE;

  for (guint i = 0; i < a->n_dashes && i < CX_STYLE_MAX_DASHES; i++)
    if (!import_compare_same_bits (&a->dashes[i], &b->dashes[i], sizeof (double)))
      return FALSE;
  return TRUE;
}

static inline gboolean
import_compare_same_bounds (const CxBounds *a,
                            const CxBounds *b)
{
  return import_compare_same_bits (&a->min_x, &b->min_x, sizeof (double)) &&
         import_compare_same_bits (&a->min_y, &b->min_y, sizeof (double)) &&
         import_compare_same_bits (&a->max_x, &b->max_x, sizeof (double)) &&
         import_compare_same_bits (&a->max_y, &b->max_y, sizeof (double));
}

/* NULL when the same, or what differs. */
static inline char *
import_compare_geometry (CxGeometry *a,
                         CxGeometry *b)
{
  guint n = cx_geometry_get_n_coords (a);

  if (cx_geometry_get_geometry_type (a) != cx_geometry_get_geometry_type (b))
    return g_strdup_printf ("geometry type %d, not %d", cx_geometry_get_geometry_type (a),
                            cx_geometry_get_geometry_type (b));
  if (n != cx_geometry_get_n_coords (b) ||
      cx_geometry_get_n_parts (a) != cx_geometry_get_n_parts (b) ||
      cx_geometry_get_n_polygons (a) != cx_geometry_get_n_polygons (b))
    return g_strdup_printf ("%u positions, %u parts, %u polygons, not %u, %u, %u",
                            n, cx_geometry_get_n_parts (a), cx_geometry_get_n_polygons (a),
                            cx_geometry_get_n_coords (b), cx_geometry_get_n_parts (b),
                            cx_geometry_get_n_polygons (b));

  for (guint i = 0; i < n; i++)
    {
      const CxCoord *ca = &cx_geometry_get_coords (a)[i];
      const CxCoord *cb = &cx_geometry_get_coords (b)[i];

      if (!import_compare_same_bits (&ca->x, &cb->x, sizeof (double)) ||
          !import_compare_same_bits (&ca->y, &cb->y, sizeof (double)))
        return g_strdup_printf ("position %u is [%.17g, %.17g], not [%.17g, %.17g]",
                                i, ca->x, ca->y, cb->x, cb->y);
    }

  for (guint p = 0; p < cx_geometry_get_n_parts (a); p++)
    {
      guint na, nb;

      cx_geometry_get_part (a, p, &na);
      cx_geometry_get_part (b, p, &nb);
      if (na != nb)
        return g_strdup_printf ("part %u has %u positions, not %u", p, na, nb);
    }

  for (guint p = 0; p < cx_geometry_get_n_polygons (a); p++)
    {
      guint fa, na, fb, nb;

      cx_geometry_get_polygon_parts (a, p, &fa, &na);
      cx_geometry_get_polygon_parts (b, p, &fb, &nb);
      if (fa != fb || na != nb)
        return g_strdup_printf ("polygon %u is parts %u+%u, not %u+%u", p, fa, na, fb, nb);
    }

  return NULL;
}

static inline char *
import_compare_feature (CxImportedFeature *a,
                        CxImportedFeature *b)
{
  CxBounds ba, bb;
  char *problem;

  if (cx_imported_feature_get_index (a) != cx_imported_feature_get_index (b) ||
      cx_imported_feature_get_source_index (a) != cx_imported_feature_get_source_index (b))
    return g_strdup ("index or source index");
  if (g_strcmp0 (cx_imported_feature_get_id (a), cx_imported_feature_get_id (b)) != 0)
    return g_strdup_printf ("id “%s”, not “%s”", cx_imported_feature_get_id (a),
                            cx_imported_feature_get_id (b));
  if (g_strcmp0 (cx_imported_feature_get_geojson_type (a), cx_imported_feature_get_geojson_type (b)) != 0)
    return g_strdup_printf ("type %s, not %s", cx_imported_feature_get_geojson_type (a),
                            cx_imported_feature_get_geojson_type (b));
  if (g_strcmp0 (cx_imported_feature_get_title (a), cx_imported_feature_get_title (b)) != 0)
    return g_strdup_printf ("title “%s”, not “%s”", cx_imported_feature_get_title (a),
                            cx_imported_feature_get_title (b));
  if (g_strcmp0 (cx_imported_feature_get_description (a), cx_imported_feature_get_description (b)) != 0)
    return g_strdup_printf ("description “%s”, not “%s”", cx_imported_feature_get_description (a),
                            cx_imported_feature_get_description (b));
  if (g_strcmp0 (cx_imported_feature_get_display_name (a), cx_imported_feature_get_display_name (b)) != 0)
    return g_strdup_printf ("display name “%s”, not “%s”", cx_imported_feature_get_display_name (a),
                            cx_imported_feature_get_display_name (b));
  if (!import_compare_same_style (cx_imported_feature_get_style (a), cx_imported_feature_get_style (b)))
    return g_strdup ("style");

  if (cx_imported_feature_get_n_properties (a) != cx_imported_feature_get_n_properties (b))
    return g_strdup_printf ("%u properties, not %u", cx_imported_feature_get_n_properties (a),
                            cx_imported_feature_get_n_properties (b));
  for (guint p = 0; p < cx_imported_feature_get_n_properties (a); p++)
    {
      const char *ka = cx_imported_feature_get_property_key (a, p);
      const char *kb = cx_imported_feature_get_property_key (b, p);
      const char *ta = cx_imported_feature_get_property_text (a, p);
      const char *tb = cx_imported_feature_get_property_text (b, p);

      if (g_strcmp0 (ka, kb) != 0 || g_strcmp0 (ta, tb) != 0)
        return g_strdup_printf ("property %u is “%s”: “%s”, not “%s”: “%s”", p, ka, ta, kb, tb);
    }

  problem = import_compare_geometry (cx_imported_feature_get_geometry (a),
                                     cx_imported_feature_get_geometry (b));
  if (problem != NULL)
    return problem;

  ba = cx_imported_feature_get_bounds (a);
  bb = cx_imported_feature_get_bounds (b);
  if (!import_compare_same_bounds (&ba, &bb))
    return g_strdup ("bounds");
  return NULL;
}

/**
 * import_compare_outcomes:
 *
 * Returns: (transfer full) (nullable): %NULL when @a (or @error_a) and @b
 *   (or @error_b) are the same outcome, or what differs first
 */
static inline char *
import_compare_outcomes (CxImportedLayer *a,
                         const GError    *error_a,
                         CxImportedLayer *b,
                         const GError    *error_b)
{
  GListModel *fa, *fb;
  CxBounds ba, bb;

  if ((a == NULL) != (error_a != NULL) || (b == NULL) != (error_b != NULL))
    return g_strdup ("a layer and an error, or neither");

  if (a == NULL || b == NULL)
    {
      if (a != NULL || b != NULL)
        return g_strdup_printf ("one failed (%s)", a == NULL ? error_a->message : error_b->message);
      if (error_a->domain != error_b->domain || error_a->code != error_b->code ||
          g_strcmp0 (error_a->message, error_b->message) != 0)
        return g_strdup_printf ("error %s %d “%s”, not %s %d “%s”",
                                g_quark_to_string (error_a->domain), error_a->code, error_a->message,
                                g_quark_to_string (error_b->domain), error_b->code, error_b->message);
      return NULL;
    }

  if (cx_imported_layer_get_n_unlocated (a) != cx_imported_layer_get_n_unlocated (b) ||
      cx_imported_layer_get_n_clamped (a) != cx_imported_layer_get_n_clamped (b))
    return g_strdup_printf ("%u unlocated and %u clamped, not %u and %u",
                            cx_imported_layer_get_n_unlocated (a), cx_imported_layer_get_n_clamped (a),
                            cx_imported_layer_get_n_unlocated (b), cx_imported_layer_get_n_clamped (b));

  ba = cx_imported_layer_get_bounds (a);
  bb = cx_imported_layer_get_bounds (b);
  if (!import_compare_same_bounds (&ba, &bb))
    return g_strdup ("the layer's bounds");

  fa = cx_imported_layer_get_features (a);
  fb = cx_imported_layer_get_features (b);
  if (g_list_model_get_n_items (fa) != g_list_model_get_n_items (fb))
    return g_strdup_printf ("%u features, not %u", g_list_model_get_n_items (fa),
                            g_list_model_get_n_items (fb));

  for (guint i = 0; i < g_list_model_get_n_items (fa); i++)
    {
      g_autoptr(CxImportedFeature) feature_a = g_list_model_get_item (fa, i);
      g_autoptr(CxImportedFeature) feature_b = g_list_model_get_item (fb, i);
      g_autofree char *problem = import_compare_feature (feature_a, feature_b);

      if (problem != NULL)
        return g_strdup_printf ("feature %u: %s", i, problem);
    }

  return NULL;
}

/* Imports @bytes both ways: NULL when the outcomes are the same. */
static inline char *
import_compare_both_ways (GBytes   *bytes,
                          gboolean  gcj02)
{
  g_autoptr(GError) error_fast = NULL;
  g_autoptr(GError) error_slow = NULL;
  g_autoptr(CxImportedLayer) fast = import_compare_import (bytes, gcj02, TRUE, &error_fast);
  g_autoptr(CxImportedLayer) slow = import_compare_import (bytes, gcj02, FALSE, &error_slow);

  return import_compare_outcomes (fast, error_fast, slow, error_slow);
}
