/* cx-imported-feature.c: a feature of an imported layer, a view of its store
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-feature.h"
#include "cx-import-private.h"
#include "cx-item.h"
#include "cx-properties.h"

static void cx_imported_feature_item_iface_init (CxItemInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxImportedFeature, cx_imported_feature, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CX_TYPE_ITEM, cx_imported_feature_item_iface_init))

/* ------------------------------------------------------------------ */
/* CxImportedFeature                                                   */
/* ------------------------------------------------------------------ */

static void
cx_imported_feature_finalize (GObject *object)
{
  CxImportedFeature *self = CX_IMPORTED_FEATURE (object);

  g_clear_pointer (&self->geometry, cx_geometry_unref);
  if (self->layer != NULL)
    {
      cx_imported_layer_forget_feature (self->layer, self->index);
      g_clear_object (&self->layer);
    }

  G_OBJECT_CLASS (cx_imported_feature_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_GEOJSON_TYPE,
  PROP_DESCRIPTION,
  PROP_DISPLAY_NAME,
  PROP_LAYER,
  PROP_INDEX,
  PROP_SOURCE_INDEX,
  PROP_GEOMETRY,
  PROP_N_PROPERTIES,
  N_PROPS,
  PROP_ITEM_FIRST = N_PROPS,   /* id, title, kind-label: CxItem */
};

static GParamSpec *properties[N_PROPS];

static const CxStringProperty string_properties[] = {
  { PROP_GEOJSON_TYPE, "geojson-type" },
  { PROP_DESCRIPTION, "description" },
  { PROP_DISPLAY_NAME, "display-name" },
};

static const char *
cx_imported_feature_item_get_id (CxItem *item)
{
  return cx_imported_feature_get_id (CX_IMPORTED_FEATURE (item));
}

static const char *
cx_imported_feature_item_get_title (CxItem *item)
{
  return cx_imported_feature_get_display_name (CX_IMPORTED_FEATURE (item));
}

static const char *
cx_imported_feature_item_get_kind_label (CxItem *item)
{
  return _("Your Layer");
}

static CxSelectionKind
cx_imported_feature_item_get_kind (CxItem *item)
{
  return CX_SELECTION_IMPORTED;
}

static char *
cx_imported_feature_item_dup_announcement (CxItem *item)
{
  CxImportedFeature *feature = CX_IMPORTED_FEATURE (item);

  /* TRANSLATORS: read aloud when a feature of an imported layer is selected: its name, the layer's */
  return g_strdup_printf (_("%1$s, in your layer %2$s"),
                          cx_imported_feature_get_display_name (feature),
                          cx_imported_layer_get_name (cx_imported_feature_get_layer (feature)));
}

/* Not one of the pack's places: none. */
static GListModel *
cx_imported_feature_item_dup_places (CxItem     *item,
                                     CxDataPack *pack)
{
  return G_LIST_MODEL (g_list_store_new (CX_TYPE_FEATURE));
}

static void
cx_imported_feature_item_iface_init (CxItemInterface *iface)
{
  iface->get_id = cx_imported_feature_item_get_id;
  iface->get_title = cx_imported_feature_item_get_title;
  iface->get_kind_label = cx_imported_feature_item_get_kind_label;
  iface->get_kind = cx_imported_feature_item_get_kind;
  iface->dup_announcement = cx_imported_feature_item_dup_announcement;
  iface->dup_places = cx_imported_feature_item_dup_places;
}

static void
cx_imported_feature_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CxImportedFeature *self = CX_IMPORTED_FEATURE (object);

  if (cx_item_get_property (object, PROP_ITEM_FIRST, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_GEOJSON_TYPE:
      g_value_set_string (value, cx_imported_feature_get_geojson_type (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, cx_imported_feature_get_description (self));
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, cx_imported_feature_get_display_name (self));
      break;
    case PROP_LAYER:
      g_value_set_object (value, cx_imported_feature_get_layer (self));
      break;
    case PROP_INDEX:
      g_value_set_uint (value, cx_imported_feature_get_index (self));
      break;
    case PROP_SOURCE_INDEX:
      g_value_set_uint (value, cx_imported_feature_get_source_index (self));
      break;
    case PROP_GEOMETRY:
      g_value_set_boxed (value, cx_imported_feature_get_geometry (self));
      break;
    case PROP_N_PROPERTIES:
      g_value_set_uint (value, cx_imported_feature_get_n_properties (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_imported_feature_class_init (CxImportedFeatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_imported_feature_finalize;
  object_class->get_property = cx_imported_feature_get_property;

  cx_string_properties_install (properties, string_properties, G_N_ELEMENTS (string_properties));
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CX_TYPE_IMPORTED_LAYER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_INDEX] =
    g_param_spec_uint ("source-index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GEOMETRY] =
    g_param_spec_boxed ("geometry", NULL, NULL, CX_TYPE_GEOMETRY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROPERTIES] =
    g_param_spec_uint ("n-properties", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  cx_item_install_properties (object_class, PROP_ITEM_FIRST);
}

static void
cx_imported_feature_init (CxImportedFeature *self)
{
}

/* ------------------------------------------------------------------ */
/* CxImportedFeature API                                               */
/* ------------------------------------------------------------------ */

/* With several layers in the file (the import helper's), the table
 * starts with the one the feature is from: 1 row, else 0. */
static guint
layer_row (CxImportedFeature *self)
{
  return self->layer->sublayers != NULL && self->layer->sublayers->len > 1 ? 1 : 0;
}

/**
 * cx_imported_feature_get_layer:
 *
 * Returns: (transfer none): the layer the feature belongs to
 */
CxImportedLayer *
cx_imported_feature_get_layer (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  return self->layer;
}

/**
 * cx_imported_feature_get_index:
 *
 * Returns: the position in cx_imported_layer_get_features()
 */
guint
cx_imported_feature_get_index (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), 0);
  return self->index;
}

/**
 * cx_imported_feature_get_source_index:
 *
 * Returns: the index of the Feature in the document's "features" (0 for a
 *   document that is a single Feature or geometry); the members of a
 *   GeometryCollection share it
 */
guint
cx_imported_feature_get_source_index (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), 0);
  return cx_feature_store_get_source_index (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_sublayer:
 *
 * Returns: which of its layer's sublayers the feature is from
 *   (cx_imported_layer_get_sublayer_name()); 0 for GeoJSON
 */
guint
cx_imported_feature_get_sublayer (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), 0);
  return cx_feature_store_get_sublayer (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_id:
 *
 * Returns: (nullable): the Feature's "id" as text (it may be a number)
 */
const char *
cx_imported_feature_get_id (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  return cx_feature_store_get_id (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_geojson_type:
 *
 * Returns: the geometry's type as the file had it: "Point", "MultiPoint",
 *   "LineString", "MultiLineString", "Polygon" or "MultiPolygon" (a
 *   MultiPoint's geometry is a CX_GEOMETRY_POINT of several parts)
 */
const char *
cx_imported_feature_get_geojson_type (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  return cx_feature_store_get_geojson_type (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_geometry:
 *
 * A copy of the store's, made when first asked and kept while the
 * feature lives (so, while whoever asked holds the feature).
 *
 * Returns: (transfer none): the geometry, in WGS84
 */
CxGeometry *
cx_imported_feature_get_geometry (CxImportedFeature *self)
{
  CxGeometry *geometry;

  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);

  geometry = g_atomic_pointer_get (&self->geometry);
  if (geometry != NULL)
    return geometry;

  /* Two threads asking at once: one copy wins, the other is dropped. */
  geometry = cx_feature_store_dup_geometry (self->layer->store, self->index);
  if (!g_atomic_pointer_compare_and_exchange (&self->geometry, NULL, geometry))
    {
      cx_geometry_unref (geometry);
      geometry = g_atomic_pointer_get (&self->geometry);
    }
  return geometry;
}

CxBounds
cx_imported_feature_get_bounds (CxImportedFeature *self)
{
  return cx_feature_store_get_bounds (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_title:
 *
 * Returns: (nullable): the simplestyle "title", as plain text (not markup)
 */
const char *
cx_imported_feature_get_title (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  return cx_feature_store_get_title (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_description:
 *
 * Returns: (nullable): the simplestyle "description", as plain text
 */
const char *
cx_imported_feature_get_description (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  return cx_feature_store_get_description (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_display_name:
 *
 * What to call the feature in a heading: its "title", else a string
 * "name" property, else its id.
 *
 * Returns: (nullable): the name, or %NULL when the file gives none
 */
const char *
cx_imported_feature_get_display_name (CxImportedFeature *self)
{
  const char *title, *name;

  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);

  title = cx_imported_feature_get_title (self);
  if (title != NULL && title[0] != '\0')
    return title;
  name = cx_imported_feature_lookup_property (self, "name");
  if (name != NULL && name[0] != '\0')
    return name;
  return cx_imported_feature_get_id (self);
}

/**
 * cx_imported_feature_get_style:
 *
 * The simplestyle-spec properties, over its defaults: stroke #555555,
 * 2 px, opacity 1; fill #555555 at 0.6; markers #7e7e7e.
 *
 * Returns: (transfer none): the style
 */
const CxStyle *
cx_imported_feature_get_style (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  return cx_feature_store_get_style (self->layer->store, self->index);
}

/**
 * cx_imported_feature_get_n_properties:
 *
 * The properties for the details table, in the file's order: all but
 * "title", "description" and the simplestyle members that styled the
 * feature (one with a value that could not be used stays in the table).
 */
guint
cx_imported_feature_get_n_properties (CxImportedFeature *self)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), 0);
  return cx_feature_store_get_n_properties (self->layer->store, self->index) + layer_row (self);
}

const char *
cx_imported_feature_get_property_key (CxImportedFeature *self,
                                      guint              i)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  g_return_val_if_fail (i < cx_imported_feature_get_n_properties (self), NULL);
  if (i < layer_row (self))
    return "layer";
  return cx_feature_store_get_property_key (self->layer->store, self->index, i - layer_row (self));
}

/**
 * cx_imported_feature_get_property_text:
 *
 * Returns: the value as display text: a string as it is; a number in the
 *   C locale, shortest form ("0.4", "1e+21"); "true", "false", "null";
 *   objects and arrays as compact JSON. Cut to %CX_IMPORT_MAX_TEXT_BYTES.
 */
const char *
cx_imported_feature_get_property_text (CxImportedFeature *self,
                                       guint              i)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  g_return_val_if_fail (i < cx_imported_feature_get_n_properties (self), NULL);
  if (i < layer_row (self))
    return cx_imported_layer_get_sublayer_name (self->layer, cx_imported_feature_get_sublayer (self));
  return cx_feature_store_get_property_text (self->layer->store, self->index, i - layer_row (self));
}

/**
 * cx_imported_feature_lookup_property:
 *
 * Returns: (nullable): the display text of the property @key in the table
 */
const char *
cx_imported_feature_lookup_property (CxImportedFeature *self,
                                     const char        *key)
{
  g_return_val_if_fail (CX_IS_IMPORTED_FEATURE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < cx_imported_feature_get_n_properties (self); i++)
    if (g_str_equal (cx_imported_feature_get_property_key (self, i), key))
      return cx_imported_feature_get_property_text (self, i);
  return NULL;
}

