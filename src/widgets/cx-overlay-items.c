/* cx-overlay-items.c: the overlay's features, projected once to the unit square
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>

#include "cx-overlay-private.h"
#include "cx-gcj02.h"
#include "cx-import-private.h"
#include "cx-palette.h"
#include "cx-simplify.h"

/* Twice the signed area of a ring. */
static double
ring_area2 (const CxCoord *coords,
            guint          n)
{
  double sum = 0;

  for (guint i = 0; i + 1 < n; i++)
    sum += coords[i].x * coords[i + 1].y - coords[i + 1].x * coords[i].y;
  if (n > 0)
    sum += coords[n - 1].x * coords[0].y - coords[0].x * coords[n - 1].y;
  return sum;
}

typedef struct
{
  gboolean  gcj02;
  gboolean  areal;
  GArray   *ring;    /* CxCoord: scratch space for one part */
} ProjectData;

static void
project_part (const CxCoord *coords,
              guint          n,
              gboolean       outer,
              CxGeometry    *out,
              gpointer       user_data)
{
  ProjectData *data = user_data;
  GArray *ring = data->ring;
  gboolean reverse;

  g_array_set_size (ring, n);
  for (guint i = 0; i < n; i++)
    {
      double lat = coords[i].y, lon = coords[i].x;
      CxCoord *c = &g_array_index (ring, CxCoord, i);

      /* Over GCJ-02 tiles, everything moves where those tiles put it. */
      if (data->gcj02)
        cx_wgs84_to_gcj02 (coords[i].y, coords[i].x, &lat, &lon);
      cx_mercator_project (lon, lat, &c->x, &c->y);
    }

  /* Outer rings (the first of a polygon) positive, holes negative. */
  reverse = data->areal && ((ring_area2 ((CxCoord *) ring->data, n) < 0) == outer);
  for (guint i = 0; reverse && i < n / 2; i++)
    {
      CxCoord c = g_array_index (ring, CxCoord, i);

      g_array_index (ring, CxCoord, i) = g_array_index (ring, CxCoord, n - 1 - i);
      g_array_index (ring, CxCoord, n - 1 - i) = c;
    }
  cx_geometry_add_coords (out, (const CxCoord *) (gpointer) ring->data, n);
}

/* Every outer ring turns one way and every hole the other, so that shapes
 * drawn together are filled with the non-zero rule: where two overlap,
 * both are filled; a hole stays empty unless another shape covers it. (The
 * even-odd rule left overlaps of a batch unfilled.) */
static CxGeometry *
project_geometry (CxGeometry *geometry,
                  gboolean    gcj02)
{
  /* Room for any part from the start: see cx_geometry_new_sized(). */
  g_autoptr(GArray) ring = g_array_sized_new (FALSE, FALSE, sizeof (CxCoord), cx_geometry_get_n_coords (geometry));
  ProjectData data = {
    gcj02,
    cx_geometry_type_is_areal (cx_geometry_get_geometry_type (geometry)),
    ring,
  };

  return cx_geometry_map_parts (geometry, project_part, &data);
}

/* The same as project_geometry(), straight from an imported layer's store:
 * the item's projected copy is the only one made. */
static CxGeometry *
project_stored (CxFeatureStore *store,
                guint           index,
                gboolean        gcj02)
{
  CxFeatureGeometry g;
  g_autoptr(GArray) ring = NULL;
  ProjectData data;
  CxGeometry *out;

  cx_feature_store_get_geometry_view (store, index, &g);
  ring = g_array_sized_new (FALSE, FALSE, sizeof (CxCoord), g.n_coords);
  data = (ProjectData) { gcj02, cx_geometry_type_is_areal (g.type), ring };
  out = cx_geometry_new_sized (g.type, g.n_coords, g.n_parts, g.n_polygons);

  if (data.areal)
    for (guint k = 0; k < g.n_polygons; k++)
      {
        guint first, n_parts;

        cx_feature_geometry_get_polygon_parts (&g, k, &first, &n_parts);
        for (guint p = first; p < first + n_parts; p++)
          {
            guint n;
            const CxCoord *c = cx_feature_geometry_get_part (&g, p, &n);

            project_part (c, n, p == first, out, &data);
            cx_geometry_close_part (out);
          }
        cx_geometry_close_polygon (out);
      }
  else
    for (guint p = 0; p < g.n_parts; p++)
      {
        guint n;
        const CxCoord *c = cx_feature_geometry_get_part (&g, p, &n);

        project_part (c, n, p == 0, out, &data);
        cx_geometry_close_part (out);
      }

  return out;
}

/* A WGS84 position to the unit square, in the datum the map is drawn in. */
void
cx_overlay_project_point (CxOverlayLayer *self,
                          double          lat,
                          double          lon,
                          double         *x,
                          double         *y)
{
  if (self->gcj02)
    cx_wgs84_to_gcj02 (lat, lon, &lat, &lon);
  cx_mercator_project (lon, lat, x, y);
}

void
cx_overlay_item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->object);
  item->feature = NULL;
  g_clear_pointer (&item->projected, cx_geometry_unref);
  cx_overlay_item_lod_release (g_steal_pointer (&item->lod));
  g_clear_pointer (&item->label_points, g_free);
  g_clear_pointer (&item->styles, g_rc_box_release);
  item->style = NULL;
}

/* The styles of an item of @pack_style, presented as @presentation_style,
 * in both colour schemes (see cx_palette_scheme_style()); which one it
 * draws in is set once it is in self->items, by update_styles() of
 * cx-overlay-layer.c. */
static ItemStyles *
item_styles_new (const CxStyle *pack_style,
                 const CxStyle *presentation_style)
{
  ItemStyles *styles = g_rc_box_new0 (ItemStyles);

  styles->presentation_style = *presentation_style;
  for (guint dark = 0; dark < 2; dark++)
    {
      cx_palette_scheme_style (pack_style, dark, &styles->schemed[dark][FALSE]);
      cx_palette_scheme_style (&styles->presentation_style, dark, &styles->schemed[dark][TRUE]);
    }
  return styles;
}

/* Projects the item's feature where the map is drawn now (its datum), with
 * fresh simplified copies.
 *
 * Returns: the feature's label point, in WGS84 */
static CxCoord
item_place (CxOverlayLayer *self,
            Item           *item)
{
  CxCoord label;

  g_clear_pointer (&item->projected, cx_geometry_unref);
  if (item->feature != NULL)
    {
      label = cx_feature_get_label_point (item->feature);
      item->projected = project_geometry (cx_feature_get_geometry (item->feature), self->gcj02);
    }
  else
    {
      CxFeatureStore *store = cx_imported_layer_get_store (item->user_layer);

      item->projected = project_stored (store, item->feature_index, self->gcj02);
      if (cx_feature_store_get_geometry_type (store, item->feature_index) == CX_GEOMETRY_POINT)
        {
          CxFeatureGeometry g;

          /* cx_geometry_get_label_point() of a point: its first position. */
          cx_feature_store_get_geometry_view (store, item->feature_index, &g);
          label = g.coords[0];
        }
      else
        {
          /* Lines and shapes are few next to points: a passing copy. */
          g_autoptr(CxGeometry) source = cx_feature_store_dup_geometry (store, item->feature_index);

          label = cx_geometry_get_label_point (source);
        }
    }

  /* Any simplified shapes were of the old position. */
  cx_overlay_item_lod_release (item->lod);
  item->lod = cx_overlay_item_lod_new ();
  item->bounds = cx_geometry_get_bounds (item->projected);
  cx_overlay_project_point (self, label.y, label.x, &item->label_x, &item->label_y);
  /* Found again when next labelled. */
  g_clear_pointer (&item->label_points, g_free);
  item->n_label_points = 0;
  item->label_points_done = FALSE;

  return label;
}

/* What tells the item's feature apart in the label placer: its object, or
 * for an imported feature its place in the store. */
gconstpointer
cx_overlay_item_key (const Item *item)
{
  if (item->object != NULL)
    return item->object;
  return cx_feature_store_get_key (cx_imported_layer_get_store (item->user_layer), item->feature_index);
}

/* The item's feature object if one exists now (an imported feature that
 * someone holds, the selection say), else NULL: for comparing. */
GObject *
cx_overlay_item_peek_object (const Item *item)
{
  if (item->object != NULL)
    return item->object;
  return (GObject *) cx_imported_layer_peek_feature (item->user_layer, item->feature_index);
}

/* The item's feature object (a CxFeature or a CxImportedFeature), made if
 * need be. */
GObject *
cx_overlay_item_dup_object (const Item *item)
{
  if (item->object != NULL)
    return g_object_ref (item->object);
  return g_list_model_get_item (cx_imported_layer_get_features (item->user_layer), item->feature_index);
}

const char *
cx_overlay_item_get_id (const Item *item)
{
  if (item->feature != NULL)
    return cx_feature_get_id (item->feature);
  return cx_feature_store_get_id (cx_imported_layer_get_store (item->user_layer), item->feature_index);
}

void
cx_overlay_items_add_pack (CxOverlayLayer *self)
{
  GListModel *layers = cx_data_pack_get_layers (self->pack);

  self->n_layers = g_list_model_get_n_items (layers);

  for (guint l = 0; l < self->n_layers; l++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
      GListModel *features = cx_layer_get_features (layer);

      for (guint i = 0; i < g_list_model_get_n_items (features); i++)
        {
          Item item = { 0, };
          CxCoord label;
          double lat;

          item.object = g_list_model_get_item (features, i);
          item.feature = CX_FEATURE (item.object);
          item.layer = layer;
          item.order = l;
          item.name = cx_feature_get_name (item.feature);
          item.name_zh = cx_feature_get_name_zh (item.feature);
          item.pack_style = cx_layer_get_style (layer);
          {
            CxStyle presentation;

            cx_palette_presentation_style (item.pack_style, l, &presentation);
            item.styles = item_styles_new (item.pack_style, &presentation);
          }
          /* Points of a layer without labels of their own weight, like the
           * subdistricts' representative points, stay discreet. */
          item.minor = item.pack_style->label == CX_LABEL_NEVER ||
                       g_strcmp0 (cx_layer_get_id (layer), "subdistricts") == 0;
          label = item_place (self, &item);

          /* One metre is 1/(C·cos φ) of the unit square at latitude φ. */
          lat = label.y * G_PI / 180;
          item.accuracy_unit = cx_feature_get_accuracy_m (item.feature) / (EARTH_CIRCUMFERENCE * cos (lat));

          g_array_append_val (self->items, item);
        }
    }
}

/* Appends the features of an imported layer, drawn at @order. */
void
cx_overlay_items_add_imported (CxOverlayLayer  *self,
                               CxImportedLayer *layer,
                               guint            order)
{
  CxFeatureStore *store = cx_imported_layer_get_store (layer);
  guint n = store != NULL ? cx_feature_store_get_n_features (store) : 0;
  /* The store's style → the items' ItemStyles: one for each style. */
  g_autoptr(GHashTable) shared = g_hash_table_new_full (NULL, NULL, NULL, g_rc_box_release);

  for (guint i = 0; i < n; i++)
    {
      Item item = { 0, };

      item.user_layer = layer;
      item.feature_index = i;
      item.order = order;
      item.name = n <= CX_USER_LAYER_MAX_LABELS ? cx_feature_store_get_title (store, i) : NULL;
      item.pack_style = cx_feature_store_get_style (store, i);
      item.styles = g_hash_table_lookup (shared, item.pack_style);
      if (item.styles == NULL)
        {
          item.styles = item_styles_new (item.pack_style, item.pack_style);
          g_hash_table_insert (shared, (gpointer) item.pack_style, item.styles);
        }
      item.styles = g_rc_box_acquire (item.styles);
      item_place (self, &item);

      g_array_append_val (self->items, item);
    }
}

/* Projects every item again, after the datum changed. */
void
cx_overlay_items_reproject (CxOverlayLayer *self)
{
  for (guint i = 0; i < self->items->len; i++)
    item_place (self, &g_array_index (self->items, Item, i));
}
