/* cx-feature.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-feature"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-format.h"
#include "cx-item.h"
#include "cx-pack-private.h"
#include "cx-properties.h"

static void cx_feature_item_iface_init (CxItemInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxFeature, cx_feature, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CX_TYPE_ITEM, cx_feature_item_iface_init))

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

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_NAME_EN,
  PROP_NAME_ZH,
  PROP_PINYIN,
  PROP_DESCRIPTION,
  PROP_DESCRIPTION_EN,
  PROP_ACCURACY_NOTE,
  PROP_ACCURACY_NOTE_EN,
  PROP_LAYER,
  PROP_ACCURACY_M,
  PROP_GEOMETRY,
  PROP_SOURCES,
  PROP_STATISTICS,
  PROP_PROGRAMS,
  N_PROPS,
  PROP_ITEM_FIRST = N_PROPS,   /* id, title, kind-label: CxItem */
};

static GParamSpec *properties[N_PROPS];

static const CxStringProperty string_properties[] = {
  { PROP_KIND, "kind" },
  { PROP_NAME, "name" },
  { PROP_NAME_EN, "name-en" },
  { PROP_NAME_ZH, "name-zh" },
  { PROP_PINYIN, "pinyin" },
  { PROP_DESCRIPTION, "description" },
  { PROP_DESCRIPTION_EN, "description-en" },
  { PROP_ACCURACY_NOTE, "accuracy-note" },
  { PROP_ACCURACY_NOTE_EN, "accuracy-note-en" },
};

static const char *
cx_feature_item_get_id (CxItem *item)
{
  return cx_feature_get_id (CX_FEATURE (item));
}

static const char *
cx_feature_item_get_title (CxItem *item)
{
  return cx_feature_get_name (CX_FEATURE (item));
}

static const char *
cx_feature_item_get_kind_label (CxItem *item)
{
  return _("Place");
}

static CxSelectionKind
cx_feature_item_get_kind (CxItem *item)
{
  return CX_SELECTION_FEATURE;
}

static char *
cx_feature_item_dup_announcement (CxItem *item)
{
  CxFeature *feature = CX_FEATURE (item);
  guint n_programs = g_list_model_get_n_items (cx_feature_get_programs (feature));
  guint n_figures = g_list_model_get_n_items (cx_feature_get_statistics (feature));
  g_autofree char *kind = cx_format_feature_kind (feature);
  g_autofree char *kind_lower = g_utf8_strdown (kind, -1);
  g_autofree char *programs = g_strdup_printf (ngettext ("%u program", "%u programs", n_programs), n_programs);
  g_autofree char *figures = g_strdup_printf (ngettext ("%u figure", "%u figures", n_figures), n_figures);

  /* TRANSLATORS: read aloud when a place is selected: name, kind, programs, figures */
  return g_strdup_printf (_("%1$s, %2$s, %3$s, %4$s"), cx_feature_get_name (feature), kind_lower, programs, figures);
}

static GListModel *
cx_feature_item_dup_places (CxItem     *item,
                            CxDataPack *pack)
{
  GListStore *places = g_list_store_new (CX_TYPE_FEATURE);

  g_list_store_append (places, item);
  return G_LIST_MODEL (places);
}

static void
cx_feature_item_iface_init (CxItemInterface *iface)
{
  iface->get_id = cx_feature_item_get_id;
  iface->get_title = cx_feature_item_get_title;
  iface->get_kind_label = cx_feature_item_get_kind_label;
  iface->get_kind = cx_feature_item_get_kind;
  iface->dup_announcement = cx_feature_item_dup_announcement;
  iface->dup_places = cx_feature_item_dup_places;
}

static void
cx_feature_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CxFeature *self = CX_FEATURE (object);

  if (cx_item_get_property (object, PROP_ITEM_FIRST, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, cx_feature_get_kind (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, cx_feature_get_name (self));
      break;
    case PROP_NAME_EN:
      g_value_set_string (value, cx_feature_get_name_en (self));
      break;
    case PROP_NAME_ZH:
      g_value_set_string (value, cx_feature_get_name_zh (self));
      break;
    case PROP_PINYIN:
      g_value_set_string (value, cx_feature_get_pinyin (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, cx_feature_get_description (self));
      break;
    case PROP_DESCRIPTION_EN:
      g_value_set_string (value, cx_feature_get_description_en (self));
      break;
    case PROP_ACCURACY_NOTE:
      g_value_set_string (value, cx_feature_get_accuracy_note (self));
      break;
    case PROP_ACCURACY_NOTE_EN:
      g_value_set_string (value, cx_feature_get_accuracy_note_en (self));
      break;
    case PROP_LAYER:
      g_value_set_object (value, cx_feature_get_layer (self));
      break;
    case PROP_ACCURACY_M:
      g_value_set_double (value, cx_feature_get_accuracy_m (self));
      break;
    case PROP_GEOMETRY:
      g_value_set_boxed (value, cx_feature_get_geometry (self));
      break;
    case PROP_SOURCES:
      g_value_set_object (value, cx_feature_get_sources (self));
      break;
    case PROP_STATISTICS:
      g_value_set_object (value, cx_feature_get_statistics (self));
      break;
    case PROP_PROGRAMS:
      g_value_set_object (value, cx_feature_get_programs (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_feature_class_init (CxFeatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_feature_finalize;
  object_class->get_property = cx_feature_get_property;

  cx_string_properties_install (properties, string_properties, G_N_ELEMENTS (string_properties));
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CX_TYPE_LAYER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCURACY_M] =
    g_param_spec_double ("accuracy-m", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GEOMETRY] =
    g_param_spec_boxed ("geometry", NULL, NULL, CX_TYPE_GEOMETRY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATISTICS] =
    g_param_spec_object ("statistics", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRAMS] =
    g_param_spec_object ("programs", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  cx_item_install_properties (object_class, PROP_ITEM_FIRST);
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

/* Metres in a degree of latitude (and of longitude at the equator). */
#define METRES_PER_DEGREE 111320.0

/**
 * cx_feature_get_shown_bounds:
 *
 * What to show of the feature: its extent, and for a point the area of
 * its stated accuracy around it, so that "somewhere around here" is seen
 * whole.
 *
 * Returns: a box in degrees (WGS84)
 */
CxBounds
cx_feature_get_shown_bounds (CxFeature *self)
{
  CxBounds b;

  cx_bounds_init_empty (&b);
  g_return_val_if_fail (CX_IS_FEATURE (self), b);

  b = self->bounds;
  if (cx_geometry_get_geometry_type (self->geometry) == CX_GEOMETRY_POINT)
    {
      double dlat = self->accuracy_m / METRES_PER_DEGREE;
      double dlon = dlat / MAX (cos (b.min_y * G_PI / 180), 0.1);

      b.min_x -= dlon;
      b.max_x += dlon;
      b.min_y -= dlat;
      b.max_y += dlat;
    }

  return b;
}

/**
 * cx_features_get_shown_bounds:
 * @features: a #GListModel of #CxFeature
 *
 * What to show of some features: the union of their
 * cx_feature_get_shown_bounds().
 *
 * Returns: a box in degrees (WGS84), empty for no features
 */
CxBounds
cx_features_get_shown_bounds (GListModel *features)
{
  CxBounds b;

  cx_bounds_init_empty (&b);
  g_return_val_if_fail (G_IS_LIST_MODEL (features), b);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) feature = g_list_model_get_item (features, i);
      CxBounds fb = cx_feature_get_shown_bounds (feature);

      cx_bounds_union (&b, &fb);
    }

  return b;
}

CxCoord
cx_feature_get_label_point (CxFeature *self)
{
  if (self->has_label_point)
    return self->label_point;

  return cx_geometry_get_label_point (self->geometry);
}
