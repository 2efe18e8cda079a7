/* cx-place-row.c: a place in the sidebar's Places list: its name, Chinese name and kind
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-place-row"

#include "config.h"

#include "cx-chinese.h"
#include "cx-format.h"
#include "cx-place-row.h"

struct _CxPlaceRow
{
  AdwActionRow parent_instance;

  /* Owned */
  CxFeature *feature;
};

G_DEFINE_FINAL_TYPE (CxPlaceRow, cx_place_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_FEATURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_feature (CxPlaceRow *self,
             CxFeature  *feature)
{
  g_autofree char *kind = cx_format_feature_kind (feature);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", cx_feature_get_name_zh (feature), kind);

  self->feature = g_object_ref (feature);

  cx_chinese_row (ADW_ACTION_ROW (self), cx_feature_get_name (feature), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, cx_feature_get_name (feature), -1);
}

static void
cx_place_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CxPlaceRow *self = CX_PLACE_ROW (object);

  switch (prop_id)
    {
    case PROP_FEATURE:
      if (g_value_get_object (value) != NULL)
        set_feature (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_place_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CxPlaceRow *self = CX_PLACE_ROW (object);

  switch (prop_id)
    {
    case PROP_FEATURE:
      g_value_set_object (value, self->feature);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_place_row_dispose (GObject *object)
{
  CxPlaceRow *self = CX_PLACE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_PLACE_ROW);
  g_clear_object (&self->feature);

  G_OBJECT_CLASS (cx_place_row_parent_class)->dispose (object);
}

static void
cx_place_row_class_init (CxPlaceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_place_row_set_property;
  object_class->get_property = cx_place_row_get_property;
  object_class->dispose = cx_place_row_dispose;

  properties[PROP_FEATURE] = g_param_spec_object ("feature", NULL, NULL, CX_TYPE_FEATURE,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-place-row.ui");
}

static void
cx_place_row_init (CxPlaceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_place_row_new (CxFeature *feature)
{
  g_return_val_if_fail (CX_IS_FEATURE (feature), NULL);

  return g_object_new (CX_TYPE_PLACE_ROW, "feature", feature, NULL);
}
