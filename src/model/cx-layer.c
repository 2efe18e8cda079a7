/* cx-layer.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-layer"

#include "config.h"

#include "cx-pack-private.h"
#include "cx-properties.h"

G_DEFINE_FINAL_TYPE (CxLayer, cx_layer, G_TYPE_OBJECT)

static void
cx_layer_finalize (GObject *object)
{
  CxLayer *self = (CxLayer *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->name_zh);
  g_free (self->description);
  g_clear_object (&self->features);

  G_OBJECT_CLASS (cx_layer_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NAME_EN,
  PROP_NAME_ZH,
  PROP_DESCRIPTION,
  PROP_DESCRIPTION_EN,
  PROP_INDEX,
  PROP_FEATURES,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const CxStringProperty string_properties[] = {
  { PROP_ID, "id" },
  { PROP_NAME, "name" },
  { PROP_NAME_EN, "name-en" },
  { PROP_NAME_ZH, "name-zh" },
  { PROP_DESCRIPTION, "description" },
  { PROP_DESCRIPTION_EN, "description-en" },
};

static void
cx_layer_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CxLayer *self = CX_LAYER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, cx_layer_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, cx_layer_get_name (self));
      break;
    case PROP_NAME_EN:
      g_value_set_string (value, cx_layer_get_name_en (self));
      break;
    case PROP_NAME_ZH:
      g_value_set_string (value, cx_layer_get_name_zh (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, cx_layer_get_description (self));
      break;
    case PROP_DESCRIPTION_EN:
      g_value_set_string (value, cx_layer_get_description_en (self));
      break;
    case PROP_INDEX:
      g_value_set_uint (value, cx_layer_get_index (self));
      break;
    case PROP_FEATURES:
      g_value_set_object (value, cx_layer_get_features (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_layer_class_init (CxLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_layer_finalize;
  object_class->get_property = cx_layer_get_property;

  cx_string_properties_install (properties, string_properties, G_N_ELEMENTS (string_properties));
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEATURES] =
    g_param_spec_object ("features", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cx_layer_init (CxLayer *self)
{
  self->features = g_list_store_new (CX_TYPE_FEATURE);
}

const char *cx_layer_get_id (CxLayer *self) { g_return_val_if_fail (CX_IS_LAYER (self), NULL); return self->id; }

/**
 * cx_layer_get_name:
 *
 * Returns: the name in the user's language: the pack's English name
 *   translated through gettext (for zh_CN, the pack's Chinese name)
 */
const char *
cx_layer_get_name (CxLayer *self)
{
  g_return_val_if_fail (CX_IS_LAYER (self), NULL);

  return cx_pack_gettext ("layer-name", self->id, self->name);
}

const char *cx_layer_get_name_en (CxLayer *self) { g_return_val_if_fail (CX_IS_LAYER (self), NULL); return self->name; }
const char *cx_layer_get_name_zh (CxLayer *self) { g_return_val_if_fail (CX_IS_LAYER (self), NULL); return self->name_zh; }

/**
 * cx_layer_get_description:
 *
 * Returns: the description in the user's language (see cx_layer_get_name())
 */
const char *
cx_layer_get_description (CxLayer *self)
{
  g_return_val_if_fail (CX_IS_LAYER (self), NULL);

  return cx_pack_gettext ("layer-description", self->id, self->description);
}

const char *cx_layer_get_description_en (CxLayer *self) { g_return_val_if_fail (CX_IS_LAYER (self), NULL); return self->description; }
const CxStyle *cx_layer_get_style (CxLayer *self) { g_return_val_if_fail (CX_IS_LAYER (self), NULL); return &self->style; }
guint cx_layer_get_index (CxLayer *self) { g_return_val_if_fail (CX_IS_LAYER (self), 0); return self->index; }

/**
 * cx_layer_get_features:
 *
 * Returns: (transfer none): the layer's features, in pack order
 */
GListModel *cx_layer_get_features (CxLayer *self) { g_return_val_if_fail (CX_IS_LAYER (self), NULL); return G_LIST_MODEL (self->features); }
