/* cx-layer.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-layer"

#include "config.h"

#include "cx-pack-private.h"

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

static void
cx_layer_class_init (CxLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_layer_finalize;
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
