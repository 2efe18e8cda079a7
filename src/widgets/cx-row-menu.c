/* cx-row-menu.c: a list row's menu, declared once in its .ui, aimed at the
 * row's own item
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-row-menu"

#include "config.h"

#include "cx-row-menu.h"

/**
 * cx_row_menu_with_target:
 * @menu: a flat menu whose items name window actions (win.scene-rename …)
 * @target: (transfer floating): the parameter every item passes: the
 *   scene's index, the imported layer's id
 *
 * A GMenu in a .ui cannot say which row it belongs to; this copy of it can.
 *
 * Returns: (transfer full): a copy of @menu with @target on each item
 */
GMenuModel *
cx_row_menu_with_target (GMenuModel *menu,
                         GVariant   *target)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (target);
  GMenu *copy = g_menu_new ();

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new_from_model (menu, i);
      g_autofree char *action = NULL;

      if (g_menu_item_get_attribute (item, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_menu_item_set_action_and_target_value (item, action, owned);
      g_menu_append_item (copy, item);
    }

  return G_MENU_MODEL (copy);
}
