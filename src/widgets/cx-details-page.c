/* cx-details-page.c: what every page of the details panel shares
 *
 * A page shows one item (a place, a program, a statistic, an imported
 * feature, or for the overview the pack): its template binds its text to
 * the item through closures, and show_lists() fills what a template cannot
 * bind. Its rows and cards select in the page's selection.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include "cx-details-page.h"
#include "cx-details-section.h"
#include "cx-details-title.h"

typedef struct
{
  CxSelection *selection;
  GObject     *item;
} CxDetailsPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CxDetailsPage, cx_details_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_lists (CxDetailsPage *self)
{
  CxDetailsPageClass *klass = CX_DETAILS_PAGE_GET_CLASS (self);

  if (klass->show_lists != NULL)
    klass->show_lists (self);
}

static void
cx_details_page_dispose (GObject *object)
{
  CxDetailsPage *self = CX_DETAILS_PAGE (object);
  CxDetailsPagePrivate *priv = cx_details_page_get_instance_private (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  g_clear_object (&priv->selection);
  g_clear_object (&priv->item);

  G_OBJECT_CLASS (cx_details_page_parent_class)->dispose (object);
}

static void
cx_details_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CxDetailsPage *self = CX_DETAILS_PAGE (object);
  CxDetailsPagePrivate *priv = cx_details_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, priv->selection);
      break;
    case PROP_ITEM:
      g_value_set_object (value, priv->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CxDetailsPage *self = CX_DETAILS_PAGE (object);
  CxDetailsPagePrivate *priv = cx_details_page_get_instance_private (self);
  GObject *item;

  switch (prop_id)
    {
    case PROP_SELECTION:
      if (g_set_object (&priv->selection, g_value_get_object (value)))
        show_lists (self);
      break;
    case PROP_ITEM:
      item = g_value_get_object (value);
      g_return_if_fail (item == NULL || g_type_is_a (G_OBJECT_TYPE (item), CX_DETAILS_PAGE_GET_CLASS (self)->item_type));
      if (g_set_object (&priv->item, item))
        {
          show_lists (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_page_class_init (CxDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cx_details_page_dispose;
  object_class->get_property = cx_details_page_get_property;
  object_class->set_property = cx_details_page_set_property;

  klass->item_type = G_TYPE_OBJECT;

  /**
   * CxDetailsPage:selection:
   *
   * Where the page's rows and cards select what they stand for.
   */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * CxDetailsPage:item:
   *
   * What the page shows, of the class's item type; %NULL for nothing.
   */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* What the pages' templates use. */
  g_type_ensure (CX_TYPE_DETAILS_TITLE);
  g_type_ensure (CX_TYPE_DETAILS_SECTION);
}

static void
cx_details_page_init (CxDetailsPage *self)
{
}

CxSelection *
cx_details_page_get_selection (CxDetailsPage *self)
{
  CxDetailsPagePrivate *priv = cx_details_page_get_instance_private (self);

  g_return_val_if_fail (CX_IS_DETAILS_PAGE (self), NULL);

  return priv->selection;
}

/**
 * cx_details_page_get_item:
 *
 * Returns: (transfer none) (nullable): the item shown
 */
gpointer
cx_details_page_get_item (CxDetailsPage *self)
{
  CxDetailsPagePrivate *priv = cx_details_page_get_instance_private (self);

  g_return_val_if_fail (CX_IS_DETAILS_PAGE (self), NULL);

  return priv->item;
}
