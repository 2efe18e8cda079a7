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

/* A WGS84 position to the unit square, over GCJ-02 tiles or not. */
static void
project_point (gboolean  gcj02,
               double    lat,
               double    lon,
               double   *x,
               double   *y)
{
  if (gcj02)
    cx_wgs84_to_gcj02 (lat, lon, &lat, &lon);
  cx_mercator_project (lon, lat, x, y);
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

  /* Room for any part from the start, as in project_geometry(). */
  cx_feature_store_get_geometry_view (store, index, &g);
  ring = g_array_sized_new (FALSE, FALSE, sizeof (CxCoord), g.n_coords);
  data = (ProjectData) { gcj02, cx_geometry_type_is_areal (g.type), ring };

  return cx_feature_store_map_parts (store, index, project_part, &data);
}

/* A WGS84 position to the unit square, in the datum the map is drawn in. */
void
cx_overlay_project_point (CxOverlayLayer *self,
                          double          lat,
                          double          lon,
                          double         *x,
                          double         *y)
{
  project_point (self->gcj02, lat, lon, x, y);
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
  g_clear_pointer (&item->styles, cx_overlay_item_styles_release);
}

/* The styles in both colour schemes (see cx_palette_scheme_style()); which
 * one an item draws in is set once it is in self->items, by update_styles()
 * of cx-overlay-layer.c. */
ItemStyles *
cx_overlay_item_styles_new (const CxStyle *pack,
                            const CxStyle *presentation)
{
  ItemStyles *styles = g_atomic_rc_box_new0 (ItemStyles);

  styles->pack = *pack;
  styles->presentation = *presentation;
  for (guint dark = 0; dark < 2; dark++)
    {
      cx_palette_scheme_style (&styles->pack, dark, &styles->schemed[dark][FALSE]);
      cx_palette_scheme_style (&styles->presentation, dark, &styles->schemed[dark][TRUE]);
    }
  return styles;
}

void
cx_overlay_item_styles_release (ItemStyles *styles)
{
  g_atomic_rc_box_release (styles);
}

/* A hash agreeing with cx_style_equal(). */
static guint
style_hash (gconstpointer data)
{
  const CxStyle *style = data;
  double values[] = {
    style->has_fill ? style->fill.red : -1, style->has_fill ? style->fill.green : -1,
    style->has_fill ? style->fill.blue : -1, style->has_fill ? style->fill.alpha : -1,
    style->stroke.red, style->stroke.green, style->stroke.blue, style->stroke.alpha,
    style->stroke_width, style->marker.red, style->marker.green, style->marker.blue, style->marker.alpha,
  };
  guint hash = style->label * 31 + style->n_dashes;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    hash = hash * 1000003 + g_double_hash (&values[i]);
  return hash;
}

static gboolean
style_equal (gconstpointer a,
             gconstpointer b)
{
  return cx_style_equal (a, b);
}

/* Projects the item's feature for tiles in WGS84 or GCJ-02 (@gcj02), with
 * fresh simplified copies. Touches only the item: imported layers' items
 * are placed in a worker thread (cx_overlay_items_make_imported()).
 *
 * Returns: the feature's label point, in WGS84 */
static CxCoord
item_place (gboolean  gcj02,
            Item     *item)
{
  CxCoord label;

  g_clear_pointer (&item->projected, cx_geometry_unref);
  if (item->feature != NULL)
    {
      label = cx_feature_get_label_point (item->feature);
      item->projected = project_geometry (cx_feature_get_geometry (item->feature), gcj02);
    }
  else
    {
      CxFeatureStore *store = cx_imported_layer_get_store (item->user_layer);

      item->projected = project_stored (store, item->feature_index, gcj02);
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
  project_point (gcj02, label.y, label.x, &item->label_x, &item->label_y);
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
      const CxStyle *style = cx_layer_get_style (layer);
      CxStyle presentation;
      ItemStyles *styles;

      cx_palette_presentation_style (style, l, &presentation);
      styles = cx_overlay_item_styles_new (style, &presentation);

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
          item.styles = g_atomic_rc_box_acquire (styles);
          /* Points of a layer without labels of their own weight, like the
           * subdistricts' representative points, stay discreet. */
          item.minor = style->label == CX_LABEL_NEVER ||
                       g_strcmp0 (cx_layer_get_id (layer), "subdistricts") == 0;
          label = item_place (self->gcj02, &item);

          /* One metre is 1/(C·cos φ) of the unit square at latitude φ. */
          lat = label.y * G_PI / 180;
          item.accuracy_unit = cx_feature_get_accuracy_m (item.feature) / (EARTH_CIRCUMFERENCE * cos (lat));

          g_array_append_val (self->items, item);
        }
      cx_overlay_item_styles_release (styles);
    }
}

/* The items of an imported layer's features, drawn at @order and placed
 * for tiles in WGS84 or GCJ-02 (@gcj02). Reads only the layer, whose
 * features do not change once imported: called in a worker thread for a
 * large layer (cx-overlay-layer.c), so that adding it never holds up a
 * frame. The items' styles are set when they join the layer's items.
 *
 * Returns: (transfer full): an array of Item, with its clear function */
GArray *
cx_overlay_items_make_imported (CxImportedLayer *layer,
                                guint            order,
                                gboolean         gcj02,
                                GCancellable    *cancellable)
{
  CxFeatureStore *store = cx_imported_layer_get_store (layer);
  guint n = store != NULL ? cx_feature_store_get_n_features (store) : 0;
  GArray *items = g_array_sized_new (FALSE, TRUE, sizeof (Item), n);
  /* CxStyle → ItemStyles: the features of one style share them */
  g_autoptr(GHashTable) shared = g_hash_table_new_full (style_hash, style_equal, NULL,
                                                        (GDestroyNotify) cx_overlay_item_styles_release);
  const CxStyle *last_given = NULL;
  ItemStyles *last_styles = NULL;

  g_array_set_clear_func (items, cx_overlay_item_clear);
  for (guint i = 0; i < n; i++)
    {
      const CxStyle *given;
      ItemStyles *styles;
      Item item = { 0, };

      /* Checked now and then: a layer removed while its items are made. */
      if (i % 4096 == 0 && g_cancellable_is_cancelled (cancellable))
        break;

      /* No object: the feature is its place in the layer's store. */
      item.user_layer = layer;
      item.feature_index = i;
      item.order = order;
      item.name = n <= CX_USER_LAYER_MAX_LABELS ? cx_feature_store_get_title (store, i) : NULL;
      /* In the layer's colour, where the file gives none. The store keeps
       * one copy of each style: most features have the one before's. */
      given = cx_feature_store_get_style (store, i);
      if (given != last_given)
        {
          CxStyle style;

          cx_imported_layer_resolve_style (layer, given, &style);
          styles = g_hash_table_lookup (shared, &style);
          if (styles == NULL)
            {
              styles = cx_overlay_item_styles_new (&style, &style);
              g_hash_table_insert (shared, &styles->pack, styles);
            }
          last_given = given;
          last_styles = styles;
        }
      styles = last_styles;
      item.styles = g_atomic_rc_box_acquire (styles);
      item.style = NULL;
      item_place (gcj02, &item);

      g_array_append_val (items, item);
    }

  return items;
}

/* Moves @items (of cx_overlay_items_make_imported()) among the layer's
 * items, after those drawn below them: the caller's array is left empty,
 * or becomes the layer's own (it keeps a reference either way, to drop). */
void
cx_overlay_items_insert (CxOverlayLayer *self,
                         GArray         *items)
{
  guint at = self->items->len;

  if (items->len == 0)
    return;

  /* Items are in drawing order; layers whose items were made in a worker
   * can finish in any order. */
  while (at > 0 && g_array_index (self->items, Item, at - 1).order > g_array_index (items, Item, 0).order)
    at--;

  /* Moved, not copied: the items' references go with them. */
  g_array_set_clear_func (items, NULL);
  if (at == self->items->len && items->len > self->items->len)
    {
      /* Appended, and more than there were: those there were go in front
       * of the new ones, whose array becomes the layer's. Copying 245,000
       * items into fresh memory took the main thread 170 ms. */
      GArray *old = self->items;

      g_array_prepend_vals (items, old->data, old->len);
      g_array_set_clear_func (old, NULL);
      g_array_set_size (old, 0);
      self->items = g_array_ref (items);
      g_array_set_clear_func (self->items, cx_overlay_item_clear);
      g_array_unref (old);
      return;
    }
  g_array_insert_vals (self->items, at, items->data, items->len);
  g_array_set_size (items, 0);
}

/* Appends the features of an imported layer, drawn at @order. */
void
cx_overlay_items_add_imported (CxOverlayLayer  *self,
                               CxImportedLayer *layer,
                               guint            order)
{
  g_autoptr(GArray) items = cx_overlay_items_make_imported (layer, order, self->gcj02, NULL);

  cx_overlay_items_insert (self, items);
}

/* The run of items from @first that come from one place (the pack, or
 * one imported layer), whose DrawRun and IndexGrid are made and kept
 * together: their key in those tables, and the index after its last item.
 * The items are in drawing order, each layer's together. */
guint
cx_overlay_items_run (CxOverlayLayer *self,
                      guint           first,
                      gpointer       *key)
{
  const Item *head = &g_array_index (self->items, Item, first);
  guint end = first + 1;

  while (end < self->items->len && g_array_index (self->items, Item, end).user_layer == head->user_layer)
    end++;
  *key = head->user_layer != NULL ? (gpointer) head->user_layer : (gpointer) self->pack;
  return end;
}

/* Projects every item again, after the datum changed. */
void
cx_overlay_items_reproject (CxOverlayLayer *self)
{
  for (guint i = 0; i < self->items->len; i++)
    item_place (self->gcj02, &g_array_index (self->items, Item, i));
}
