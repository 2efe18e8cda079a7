/* cx-imported-layer.c: a layer read from one file
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-import-private.h"

G_DEFINE_FINAL_TYPE (CxImportedLayer, cx_imported_layer, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* The features, as a list model                                       */
/* ------------------------------------------------------------------ */

/* The layer's features as CxImportedFeature objects, made when asked for:
 * the store holds the data, and an object is a reference on the layer and
 * an index. While someone holds one, asking again for its index gives the
 * same object (the selection and the map compare features by pointer). */
#define CX_TYPE_IMPORTED_FEATURES (cx_imported_features_get_type ())
G_DECLARE_FINAL_TYPE (CxImportedFeatures, cx_imported_features, CX, IMPORTED_FEATURES, GObject)

struct _CxImportedFeatures
{
  GObject          parent_instance;

  CxImportedLayer *layer;   /* borrowed: the layer owns the model; NULL once it is gone */
  GMutex           lock;    /* the features may be asked for from any thread */
  GHashTable      *live;    /* index → GWeakRef * of the CxImportedFeature made for it */
};

static void cx_imported_features_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxImportedFeatures, cx_imported_features, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cx_imported_features_model_init))

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
cx_imported_features_finalize (GObject *object)
{
  CxImportedFeatures *self = CX_IMPORTED_FEATURES (object);

  g_hash_table_unref (self->live);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cx_imported_features_parent_class)->finalize (object);
}

static void
cx_imported_features_class_init (CxImportedFeaturesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_imported_features_finalize;
}

static void
cx_imported_features_init (CxImportedFeatures *self)
{
  g_mutex_init (&self->lock);
  self->live = g_hash_table_new_full (NULL, NULL, NULL, weak_ref_free);
}

static GType
cx_imported_features_get_item_type (GListModel *model)
{
  return CX_TYPE_IMPORTED_FEATURE;
}

static guint
cx_imported_features_get_n_items (GListModel *model)
{
  CxImportedFeatures *self = CX_IMPORTED_FEATURES (model);

  if (self->layer == NULL || self->layer->store == NULL)
    return 0;
  return cx_feature_store_get_n_features (self->layer->store);
}

static gpointer
cx_imported_features_get_item (GListModel *model,
                               guint       position)
{
  CxImportedFeatures *self = CX_IMPORTED_FEATURES (model);
  CxImportedFeature *feature;
  GWeakRef *ref;

  if (position >= cx_imported_features_get_n_items (model))
    return NULL;

  g_mutex_lock (&self->lock);
  ref = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  feature = ref != NULL ? g_weak_ref_get (ref) : NULL;
  if (feature == NULL)
    {
      feature = g_object_new (CX_TYPE_IMPORTED_FEATURE, NULL);
      feature->layer = g_object_ref (self->layer);
      feature->index = position;
      if (ref == NULL)
        {
          ref = g_new0 (GWeakRef, 1);
          g_weak_ref_init (ref, NULL);
          g_hash_table_insert (self->live, GUINT_TO_POINTER (position), ref);
        }
      g_weak_ref_set (ref, feature);
    }
  g_mutex_unlock (&self->lock);

  return feature;
}

static void
cx_imported_features_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cx_imported_features_get_item_type;
  iface->get_n_items = cx_imported_features_get_n_items;
  iface->get_item = cx_imported_features_get_item;
}

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FILE_NAME,
  PROP_GCJ02,
  PROP_VISIBLE,
  PROP_COLOR,
  PROP_FEATURES,
  PROP_N_UNLOCATED,
  PROP_N_CLAMPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* CxImportedLayer                                                     */
/* ------------------------------------------------------------------ */

static void
cx_imported_layer_finalize (GObject *object)
{
  CxImportedLayer *self = CX_IMPORTED_LAYER (object);

  g_free (self->id);
  g_free (self->slug);
  g_free (self->name);
  g_free (self->file_name);
  /* Anyone still holding the model finds it empty. */
  CX_IMPORTED_FEATURES (self->features)->layer = NULL;
  g_clear_object (&self->features);
  g_clear_pointer (&self->store, cx_feature_store_free);
  g_clear_pointer (&self->source, g_bytes_unref);
  g_free (self->format);
  g_free (self->crs);
  g_free (self->crs_override);
  g_clear_object (&self->source_file);
  g_free (self->source_ext);
  g_clear_pointer (&self->sublayers, g_array_unref);

  G_OBJECT_CLASS (cx_imported_layer_parent_class)->finalize (object);
}

static void
cx_imported_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CxImportedLayer *self = CX_IMPORTED_LAYER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_GCJ02:
      g_value_set_boolean (value, self->gcj02);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_COLOR:
      g_value_take_string (value, self->has_color ? cx_color_to_hex (&self->color) : NULL);
      break;
    case PROP_FEATURES:
      g_value_set_object (value, self->features);
      break;
    case PROP_N_UNLOCATED:
      g_value_set_uint (value, self->n_unlocated);
      break;
    case PROP_N_CLAMPED:
      g_value_set_uint (value, self->n_clamped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_imported_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CxImportedLayer *self = CX_IMPORTED_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      cx_imported_layer_set_name (self, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      cx_imported_layer_set_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_imported_layer_class_init (CxImportedLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_imported_layer_finalize;
  object_class->get_property = cx_imported_layer_get_property;
  object_class->set_property = cx_imported_layer_set_property;

  /**
   * CxImportedLayer:id:
   *
   * "user-SLUG-N", unique among the stored layers. An imported layer has
   * a provisional id ("user-SLUG-1") until cx_import_store_save() gives it
   * its final one; after that it never changes.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CxImportedLayer:name:
   *
   * What the layer panel shows: the file name without its extension until
   * renamed. Setting it does not store it; see cx_import_store_rename().
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CxImportedLayer:gcj02:
   *
   * Whether the file was in GCJ-02 and has been converted to WGS84.
   */
  properties[PROP_GCJ02] =
    g_param_spec_boolean ("gcj02", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CxImportedLayer:visible:
   *
   * Setting it does not store it; see cx_import_store_set_visible().
   */
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CxImportedLayer:color:
   *
   * The colour its features are drawn in where the file gives none, as
   * "#rrggbb"; %NULL until set (cx_imported_layer_set_color()).
   */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* CxImportedFeature, in the file's order; see cx_imported_layer_get_features(). */
  properties[PROP_FEATURES] =
    g_param_spec_object ("features", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_UNLOCATED] =
    g_param_spec_uint ("n-unlocated", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CLAMPED] =
    g_param_spec_uint ("n-clamped", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cx_imported_layer_init (CxImportedLayer *self)
{
  CxImportedFeatures *features = g_object_new (CX_TYPE_IMPORTED_FEATURES, NULL);

  features->layer = self;
  self->features = G_LIST_MODEL (features);
  self->visible = TRUE;
  cx_bounds_init_empty (&self->bounds);
}

void
cx_imported_layer_set_id (CxImportedLayer *self,
                          const char      *id)
{
  if (g_strcmp0 (self->id, id) == 0)
    return;
  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/* Takes @store, finished, as the layer's features; once, by the reader
 * that made the layer, before anyone asks for them. */
void
cx_imported_layer_set_store (CxImportedLayer *self,
                             CxFeatureStore  *store)
{
  g_return_if_fail (self->store == NULL);

  cx_feature_store_finish (store);
  self->store = store;
}

/* The layer's features as the store holds them, for the map: read-only,
 * from any thread. */
CxFeatureStore *
cx_imported_layer_get_store (CxImportedLayer *self)
{
  return self->store;
}

/* The feature object of @index if someone holds one now, else NULL
 * (without making one). Borrowed: only for comparing. */
CxImportedFeature *
cx_imported_layer_peek_feature (CxImportedLayer *self,
                                guint            index)
{
  CxImportedFeatures *features = CX_IMPORTED_FEATURES (self->features);
  CxImportedFeature *feature = NULL;
  GWeakRef *ref;

  g_mutex_lock (&features->lock);
  ref = g_hash_table_lookup (features->live, GUINT_TO_POINTER (index));
  if (ref != NULL)
    feature = g_weak_ref_get (ref);
  g_mutex_unlock (&features->lock);

  /* Its holder keeps it; the reference just taken is not needed. */
  if (feature != NULL)
    g_object_unref (feature);
  return feature;
}

/* From the feature's finalize: its entry goes, unless a new object for the
 * same index took it meanwhile. */
void
cx_imported_layer_forget_feature (CxImportedLayer *self,
                                  guint            index)
{
  CxImportedFeatures *features = CX_IMPORTED_FEATURES (self->features);
  CxImportedFeature *newer = NULL;
  GWeakRef *ref;

  g_mutex_lock (&features->lock);
  ref = g_hash_table_lookup (features->live, GUINT_TO_POINTER (index));
  if (ref != NULL)
    {
      newer = g_weak_ref_get (ref);
      if (newer == NULL)
        g_hash_table_remove (features->live, GUINT_TO_POINTER (index));
    }
  g_mutex_unlock (&features->lock);

  g_clear_object (&newer);
}

/* ------------------------------------------------------------------ */
/* CxImportedLayer API                                                 */
/* ------------------------------------------------------------------ */

const char *
cx_imported_layer_get_id (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  return self->id;
}

const char *
cx_imported_layer_get_name (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  return self->name;
}

void
cx_imported_layer_set_name (CxImportedLayer *self,
                            const char      *name)
{
  g_return_if_fail (CX_IS_IMPORTED_LAYER (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * cx_imported_layer_get_file_name:
 *
 * Returns: the name of the file the layer was imported from
 */
const char *
cx_imported_layer_get_file_name (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  return self->file_name;
}

gboolean
cx_imported_layer_get_gcj02 (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), FALSE);
  return self->gcj02;
}

gboolean
cx_imported_layer_get_visible (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), FALSE);
  return self->visible;
}

void
cx_imported_layer_set_visible (CxImportedLayer *self,
                               gboolean         visible)
{
  g_return_if_fail (CX_IS_IMPORTED_LAYER (self));

  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

/**
 * cx_imported_layer_get_color:
 * @color: (out): the layer's colour, when it has one
 *
 * Returns: whether the layer has a colour
 */
gboolean
cx_imported_layer_get_color (CxImportedLayer *self,
                             CxColor         *color)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  *color = self->color;
  return self->has_color;
}

/**
 * cx_imported_layer_set_color:
 * @color: (nullable): opaque; %NULL for none (the simplestyle-spec greys)
 *
 * Sets the colour the layer's features are drawn in where the file gives
 * none. Set before the layer is drawn: the map reads it when the layer
 * joins it. Setting it does not store it; see cx_import_store_save().
 */
void
cx_imported_layer_set_color (CxImportedLayer *self,
                             const CxColor   *color)
{
  g_return_if_fail (CX_IS_IMPORTED_LAYER (self));

  if (color == NULL ? !self->has_color : self->has_color && cx_color_equal_rgb (&self->color, color))
    return;

  self->has_color = color != NULL;
  if (color != NULL)
    self->color = (CxColor) { color->red, color->green, color->blue, 1 };
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

/* A fill in the layer's colour, where the file gives neither colour nor
 * opacity: lighter than simplestyle-spec's 0.6, which suits its grey but
 * would hide the basemap under a full colour. */
#define LAYER_FILL_ALPHA 0.35

/**
 * cx_imported_layer_resolve_style:
 * @given: a feature's style, as its file gave it (cx_feature_store_get_style())
 * @out: (out): the style it is drawn in
 *
 * The layer's colour in place of every colour the file did not give (an
 * opacity it gave stays); @given as it is when the layer has no colour.
 */
void
cx_imported_layer_resolve_style (CxImportedLayer *self,
                                 const CxStyle   *given,
                                 CxStyle         *out)
{
  const CxColor *c = &self->color;

  g_return_if_fail (CX_IS_IMPORTED_LAYER (self));
  g_return_if_fail (given != NULL && out != NULL);

  *out = *given;
  if (!self->has_color)
    return;

  if (!(given->given & CX_STYLE_GIVEN_STROKE))
    out->stroke = (CxColor) { c->red, c->green, c->blue, given->stroke.alpha };
  if (!(given->given & CX_STYLE_GIVEN_FILL))
    out->fill = (CxColor) { c->red, c->green, c->blue,
                            (given->given & CX_STYLE_GIVEN_FILL_OPACITY) ? given->fill.alpha : LAYER_FILL_ALPHA };
  if (!(given->given & CX_STYLE_GIVEN_MARKER))
    out->marker = (CxColor) { c->red, c->green, c->blue, given->marker.alpha };
}

/**
 * cx_imported_layer_get_legend_style:
 * @out: (out): the style a legend shows the layer in
 *
 * Its first feature's style, as drawn (most files give all their features
 * one); without features, the style a feature without style members gets.
 */
void
cx_imported_layer_get_legend_style (CxImportedLayer *self,
                                    CxStyle         *out)
{
  CxStyle given;

  g_return_if_fail (CX_IS_IMPORTED_LAYER (self));
  g_return_if_fail (out != NULL);

  if (self->store != NULL && cx_feature_store_get_n_features (self->store) > 0)
    given = *cx_feature_store_get_style (self->store, 0);
  else
    {
      guint8 kept = 0;
      int title, description;

      cx_import_classify_properties (NULL, 0, &given, &kept, &title, &description);
    }
  cx_imported_layer_resolve_style (self, &given, out);
}

/**
 * cx_imported_layer_get_kind:
 *
 * What a legend shows the layer as: areas if it has any, else lines if it
 * has any, else points (also for a layer without features).
 */
CxGeometryType
cx_imported_layer_get_kind (CxImportedLayer *self)
{
  guint n;
  gboolean lines = FALSE;

  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), CX_GEOMETRY_POINT);

  n = self->store != NULL ? cx_feature_store_get_n_features (self->store) : 0;
  for (guint i = 0; i < n; i++)
    {
      CxGeometryType t = cx_feature_store_get_geometry_type (self->store, i);

      if (cx_geometry_type_is_areal (t))
        return CX_GEOMETRY_POLYGON;
      lines |= cx_geometry_type_is_linear (t);
    }

  return lines ? CX_GEOMETRY_LINE_STRING : CX_GEOMETRY_POINT;
}

/**
 * cx_imported_layer_get_bounds:
 *
 * Returns: the box around every feature, in WGS84 degrees; empty (see
 *   cx_bounds_is_empty()) when no feature has a location
 */
CxBounds
cx_imported_layer_get_bounds (CxImportedLayer *self)
{
  return self->bounds;
}

/**
 * cx_imported_layer_get_features:
 *
 * Returns: (transfer none): the CxImportedFeature items, in the file's order
 */
GListModel *
cx_imported_layer_get_features (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  return self->features;
}

/**
 * cx_imported_layer_get_n_unlocated:
 *
 * Returns: how many features have "geometry": null or an empty geometry;
 *   they are not in cx_imported_layer_get_features(), since they cannot be
 *   drawn
 */
guint
cx_imported_layer_get_n_unlocated (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), 0);
  return self->n_unlocated;
}

/**
 * cx_imported_layer_get_n_clamped:
 *
 * Returns: how many positions lie beyond ±85.05° latitude, where Web
 *   Mercator ends; they are drawn at ±85.05°
 */
guint
cx_imported_layer_get_n_clamped (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), 0);
  return self->n_clamped;
}

/**
 * cx_imported_layer_get_format:
 *
 * Returns: GDAL's name for the format the layer was read from ("ESRI
 *   Shapefile", "GPKG", "KML", …), or "GeoJSON" for the app's own reader
 */
const char *
cx_imported_layer_get_format (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  return self->format != NULL ? self->format : "GeoJSON";
}

/**
 * cx_imported_layer_get_crs:
 *
 * Returns: (nullable): the coordinate system the file names (of its first
 *   layer), as a person reads it; %NULL when it names none, and for GeoJSON
 */
const char *
cx_imported_layer_get_crs (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  return self->crs;
}

/**
 * cx_imported_layer_get_crs_override:
 *
 * Returns: (nullable): the coordinate system chosen to read the file in
 *   ("EPSG:4549"), %NULL when the file's own was used
 */
const char *
cx_imported_layer_get_crs_override (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  return self->crs_override;
}

/**
 * cx_imported_layer_get_n_sublayers:
 *
 * Returns: the layers of the file (a GeoPackage's tables, a GPX's tracks,
 *   routes and waypoints) that went into this one; 0 for GeoJSON
 */
guint
cx_imported_layer_get_n_sublayers (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), 0);
  return self->sublayers != NULL ? self->sublayers->len : 0;
}

const char *
cx_imported_layer_get_sublayer_name (CxImportedLayer *self,
                                     guint            i)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  g_return_val_if_fail (i < cx_imported_layer_get_n_sublayers (self), NULL);
  return g_array_index (self->sublayers, CxImportedSublayer, i).name;
}

/**
 * cx_imported_layer_get_sublayer_crs:
 *
 * Returns: (nullable): the coordinate system sublayer @i names, as
 *   cx_imported_layer_get_crs() gives the first one's
 */
const char *
cx_imported_layer_get_sublayer_crs (CxImportedLayer *self,
                                    guint            i)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), NULL);
  g_return_val_if_fail (i < cx_imported_layer_get_n_sublayers (self), NULL);
  return g_array_index (self->sublayers, CxImportedSublayer, i).crs;
}

/**
 * cx_imported_layer_get_sublayer_n_features:
 *
 * Returns: the features read from sublayer @i (those with a location and
 *   those without)
 */
guint
cx_imported_layer_get_sublayer_n_features (CxImportedLayer *self,
                                           guint            i)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), 0);
  g_return_val_if_fail (i < cx_imported_layer_get_n_sublayers (self), 0);
  return g_array_index (self->sublayers, CxImportedSublayer, i).n_features;
}

/**
 * cx_imported_layer_is_stored:
 *
 * Returns: whether the layer is in the layer store (saved or loaded from it)
 */
gboolean
cx_imported_layer_is_stored (CxImportedLayer *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (self), FALSE);
  return self->stored;
}
