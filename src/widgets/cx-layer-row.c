/* cx-layer-row.c: one of the pack's layers in the layer panel, its switch
 * bound to the `layers.<id>` action
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-layer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-chinese.h"
#include "cx-format.h"
#include "cx-layer-row.h"
#include "cx-legend.h"

struct _CxLayerRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget *layer_switch;

  /* Owned */
  CxLayer   *layer;
};

G_DEFINE_FINAL_TYPE (CxLayerRow, cx_layer_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_LAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_layer (CxLayerRow *self,
           CxLayer    *layer)
{
  guint n = g_list_model_get_n_items (cx_layer_get_features (layer));
  guint index = cx_layer_get_index (layer);
  g_autofree char *count = g_strdup_printf (ngettext ("%u place", "%u places", n), n);
  g_autofree char *subtitle = NULL;
  g_autofree char *switch_label = NULL;
  g_autofree char *action = g_strdup_printf ("layers.%s", cx_layer_get_id (layer));
  /* The other script: Chinese, or English when the interface is Chinese. */
  g_autofree char *other = cx_format_other_name (cx_layer_get_name (layer), cx_layer_get_name_zh (layer),
                                                 cx_layer_get_name_en (layer));

  self->layer = g_object_ref (layer);

  if (other == NULL)
    other = g_strdup (cx_layer_get_name (layer));

  if (index < 9)
    /* TRANSLATORS: a layer row's subtitle: its Chinese name, how many places, and the key that
     * toggles it. Between the word for "key" and the digit is a no-break space (U+00A0): keep
     * it, so that a narrow panel never leaves the digit alone on the next line. A word that
     * may break between its own letters (Chinese) takes a word joiner (U+2060) between them. */
    subtitle = g_strdup_printf (_("%1$s · %2$s · key\u00a0%3$u"), other, count, index + 1);
  else
    subtitle = g_strdup_printf ("%s · %s", other, count);

  cx_chinese_row (ADW_ACTION_ROW (self), cx_layer_get_name (layer), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), cx_legend_swatch_new (layer, FALSE));

  /* TRANSLATORS: the accessible name of a layer's switch, e.g. "Show Landmarks" */
  switch_label = g_strdup_printf (_("Show %s"), cx_layer_get_name (layer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->layer_switch), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->layer_switch), action);
}

static void
cx_layer_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CxLayerRow *self = CX_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      if (g_value_get_object (value) != NULL)
        set_layer (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_layer_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CxLayerRow *self = CX_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_layer_row_dispose (GObject *object)
{
  CxLayerRow *self = CX_LAYER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_LAYER_ROW);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (cx_layer_row_parent_class)->dispose (object);
}

static void
cx_layer_row_class_init (CxLayerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_layer_row_set_property;
  object_class->get_property = cx_layer_row_get_property;
  object_class->dispose = cx_layer_row_dispose;

  properties[PROP_LAYER] = g_param_spec_object ("layer", NULL, NULL, CX_TYPE_LAYER,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CxLayerRow, layer_switch);
}

static void
cx_layer_row_init (CxLayerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_layer_row_new (CxLayer *layer)
{
  g_return_val_if_fail (CX_IS_LAYER (layer), NULL);

  return g_object_new (CX_TYPE_LAYER_ROW, "layer", layer, NULL);
}

CxLayer *
cx_layer_row_get_layer (CxLayerRow *self)
{
  g_return_val_if_fail (CX_IS_LAYER_ROW (self), NULL);

  return self->layer;
}

GtkWidget *
cx_layer_row_get_switch (CxLayerRow *self)
{
  g_return_val_if_fail (CX_IS_LAYER_ROW (self), NULL);

  return self->layer_switch;
}
