/* cx-imported-layer.c: a layer read from one GeoJSON document
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

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FILE_NAME,
  PROP_GCJ02,
  PROP_VISIBLE,
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
  g_clear_object (&self->features);
  g_clear_pointer (&self->source, g_bytes_unref);
  g_free (self->format);
  g_free (self->crs);
  g_free (self->crs_override);
  g_clear_object (&self->source_file);
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
  self->features = g_list_store_new (CX_TYPE_IMPORTED_FEATURE);
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
  return G_LIST_MODEL (self->features);
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
