/* cx-feature.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-feature"

#include "config.h"

#include "cx-pack-private.h"

G_DEFINE_FINAL_TYPE (CxFeature, cx_feature, G_TYPE_OBJECT)

static void
cx_feature_finalize (GObject *object)
{
  CxFeature *self = (CxFeature *) object;

  g_free (self->id);
  g_free (self->kind);
  g_free (self->name);
  g_free (self->name_zh);
  g_free (self->pinyin);
  g_free (self->description);
  g_free (self->accuracy_note);
  g_clear_pointer (&self->geometry, cx_geometry_unref);
  g_clear_object (&self->sources);
  g_clear_object (&self->statistics);
  g_clear_object (&self->programs);

  G_OBJECT_CLASS (cx_feature_parent_class)->finalize (object);
}

static void
cx_feature_class_init (CxFeatureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_feature_finalize;
}

static void
cx_feature_init (CxFeature *self)
{
  self->sources = g_list_store_new (CX_TYPE_SOURCE);
  self->statistics = g_list_store_new (CX_TYPE_STATISTIC);
  self->programs = g_list_store_new (CX_TYPE_PROGRAM);
  cx_bounds_init_empty (&self->bounds);
}

const char *cx_feature_get_id (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->id; }
CxLayer *cx_feature_get_layer (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->layer; }
const char *cx_feature_get_kind (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->kind; }

/**
 * cx_feature_get_name:
 *
 * Returns: the name in the user's language: the pack's English name
 *   translated through gettext (for zh_CN, the pack's Chinese name)
 */
const char *
cx_feature_get_name (CxFeature *self)
{
  g_return_val_if_fail (CX_IS_FEATURE (self), NULL);

  return cx_pack_gettext ("feature-name", self->id, self->name);
}

/**
 * cx_feature_get_name_en:
 *
 * Returns: the English name as the pack has it, in every language (for search)
 */
const char *cx_feature_get_name_en (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->name; }
const char *cx_feature_get_name_zh (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->name_zh; }
const char *cx_feature_get_pinyin (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->pinyin; }

/**
 * cx_feature_get_description:
 *
 * Returns: the description in the user's language (see cx_feature_get_name())
 */
const char *
cx_feature_get_description (CxFeature *self)
{
  g_return_val_if_fail (CX_IS_FEATURE (self), NULL);

  return cx_pack_gettext ("feature-description", self->id, self->description);
}

const char *cx_feature_get_description_en (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->description; }
double cx_feature_get_accuracy_m (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), 0); return self->accuracy_m; }

/**
 * cx_feature_get_accuracy_note:
 *
 * Returns: the accuracy note in the user's language (see cx_feature_get_name())
 */
const char *
cx_feature_get_accuracy_note (CxFeature *self)
{
  g_return_val_if_fail (CX_IS_FEATURE (self), NULL);

  return cx_pack_gettext ("feature-accuracy-note", self->id, self->accuracy_note);
}

const char *cx_feature_get_accuracy_note_en (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->accuracy_note; }
CxGeometry *cx_feature_get_geometry (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return self->geometry; }
CxBounds cx_feature_get_bounds (CxFeature *self) { return self->bounds; }
GListModel *cx_feature_get_sources (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return G_LIST_MODEL (self->sources); }
GListModel *cx_feature_get_statistics (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return G_LIST_MODEL (self->statistics); }
GListModel *cx_feature_get_programs (CxFeature *self) { g_return_val_if_fail (CX_IS_FEATURE (self), NULL); return G_LIST_MODEL (self->programs); }

CxCoord
cx_feature_get_label_point (CxFeature *self)
{
  if (self->has_label_point)
    return self->label_point;

  return cx_geometry_get_label_point (self->geometry);
}
