/* cx-item.c: what can be selected, searched for and announced
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A place (CxFeature), a program, a statistic and a feature of an imported
 * layer are each an item: it has an id, a title to show (in the language
 * the app runs in), and a kind label that a heading shows ("Program").
 * Code that only needs those asks the item instead of switching on its
 * type.
 */

#define G_LOG_DOMAIN "cx-item"

#include "config.h"

#include "cx-item.h"

G_DEFINE_INTERFACE (CxItem, cx_item, G_TYPE_OBJECT)

static void
cx_item_default_init (CxItemInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("kind-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

/**
 * cx_item_get_id:
 *
 * Returns: (transfer none) (nullable): the id, unique among items of its
 *   kind; %NULL for a feature of an imported layer that has none
 */
const char *
cx_item_get_id (CxItem *self)
{
  g_return_val_if_fail (CX_IS_ITEM (self), NULL);

  return CX_ITEM_GET_IFACE (self)->get_id (self);
}

/**
 * cx_item_get_title:
 *
 * Returns: (transfer none): what the item is called, as the app shows it
 */
const char *
cx_item_get_title (CxItem *self)
{
  g_return_val_if_fail (CX_IS_ITEM (self), NULL);

  return CX_ITEM_GET_IFACE (self)->get_title (self);
}

/**
 * cx_item_get_kind_label:
 *
 * Returns: (transfer none): what kind of item it is, translated, as a
 *   heading shows it: "Place", "Program", "Statistic" or "Your Layer"
 */
const char *
cx_item_get_kind_label (CxItem *self)
{
  g_return_val_if_fail (CX_IS_ITEM (self), NULL);

  return CX_ITEM_GET_IFACE (self)->get_kind_label (self);
}

/**
 * cx_item_get_kind:
 *
 * Returns: what kind of item it is
 */
CxSelectionKind
cx_item_get_kind (CxItem *self)
{
  g_return_val_if_fail (CX_IS_ITEM (self), CX_SELECTION_NONE);

  return CX_ITEM_GET_IFACE (self)->get_kind (self);
}

/**
 * cx_item_dup_announcement:
 *
 * What a screen reader says when the item is selected, e.g. "Zhongshan
 * Park, park, 2 programs, 1 figure".
 *
 * Returns: (transfer full): the text
 */
char *
cx_item_dup_announcement (CxItem *self)
{
  g_return_val_if_fail (CX_IS_ITEM (self), NULL);

  return CX_ITEM_GET_IFACE (self)->dup_announcement (self);
}

/**
 * cx_item_dup_places:
 * @pack: the data pack the item belongs to
 *
 * The pack's places that stand for the item on the map: a place itself,
 * the places of a program or of a statistic; none for a feature of an
 * imported layer, which is not one of the pack's places.
 *
 * Returns: (transfer full): a list of CxFeature
 */
GListModel *
cx_item_dup_places (CxItem     *self,
                    CxDataPack *pack)
{
  g_return_val_if_fail (CX_IS_ITEM (self), NULL);

  return CX_ITEM_GET_IFACE (self)->dup_places (self, pack);
}

void
cx_item_install_properties (GObjectClass *klass,
                            guint         first_prop_id)
{
  g_object_class_override_property (klass, first_prop_id, "id");
  g_object_class_override_property (klass, first_prop_id + 1, "title");
  g_object_class_override_property (klass, first_prop_id + 2, "kind-label");
}

/* Returns FALSE if @prop_id is not one of the item's. */
gboolean
cx_item_get_property (GObject *object,
                      guint    first_prop_id,
                      guint    prop_id,
                      GValue  *value)
{
  CxItem *self = CX_ITEM (object);

  if (prop_id == first_prop_id)
    g_value_set_string (value, cx_item_get_id (self));
  else if (prop_id == first_prop_id + 1)
    g_value_set_string (value, cx_item_get_title (self));
  else if (prop_id == first_prop_id + 2)
    g_value_set_string (value, cx_item_get_kind_label (self));
  else
    return FALSE;

  return TRUE;
}
