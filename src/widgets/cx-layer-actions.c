/* cx-layer-actions.c: the `layers` action group, one stateful boolean
 * action per layer (named by its id) plus show-all and hide-all, so that a
 * switch only needs action-name="layers.<id>" to follow CxVisibility and to
 * set it
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-layer-actions"

#include "config.h"

#include "cx-layer-actions.h"

/* The states follow CxVisibility, whoever changed it (a switch, a digit
 * key, a scene, the settings): one source of truth, no loop to guard. */
static void
sync_states (GSimpleActionGroup *group,
             CxVisibility       *visibility)
{
  GListModel *layers = cx_data_pack_get_layers (cx_visibility_get_pack (visibility));

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), cx_layer_get_id (layer));

      if (action != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                   g_variant_new_boolean (cx_visibility_get_visible_index (visibility, i)));
    }
}

static void
on_visibility_changed (CxVisibility       *visibility,
                       GSimpleActionGroup *group)
{
  sync_states (group, visibility);
}

static void
layer_change_state (GSimpleAction *action,
                    GVariant      *value,
                    gpointer       user_data)
{
  CxVisibility *visibility = user_data;

  /* The state itself is set by on_visibility_changed(). */
  cx_visibility_set_visible (visibility, g_action_get_name (G_ACTION (action)), g_variant_get_boolean (value));
}

static void
show_all_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  cx_visibility_set_all (CX_VISIBILITY (user_data), TRUE);
}

static void
hide_all_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  cx_visibility_set_all (CX_VISIBILITY (user_data), FALSE);
}

/* Connected with g_signal_connect_object(), like the layers' actions: no
 * action outlives the visibility it sets. */
static void
add_all_action (GSimpleActionGroup *group,
                const char         *name,
                GCallback           activated,
                CxVisibility       *visibility)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, NULL);

  g_signal_connect_object (action, "activate", activated, visibility, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
}

/**
 * cx_layer_actions_new:
 * @visibility: the layers' visibility
 *
 * Pack ids are lowercase letters, digits and '-' (cx_is_valid_id()), so
 * every id is a valid action name.
 *
 * Returns: (transfer full): a new action group, for
 *   gtk_widget_insert_action_group (widget, "layers", group)
 */
GActionGroup *
cx_layer_actions_new (CxVisibility *visibility)
{
  g_autoptr(GSimpleActionGroup) group = NULL;
  GListModel *layers;
  g_return_val_if_fail (CX_IS_VISIBILITY (visibility), NULL);

  group = g_simple_action_group_new ();
  layers = cx_data_pack_get_layers (cx_visibility_get_pack (visibility));
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      const char *id = cx_layer_get_id (layer);
      g_autoptr(GSimpleAction) action = NULL;

      if (!g_action_name_is_valid (id) || g_str_equal (id, "show-all") || g_str_equal (id, "hide-all"))
        {
          g_warning ("Layer “%s” has no switch action: its id is not a usable action name", id);
          continue;
        }

      action = g_simple_action_new_stateful (id, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect_object (action, "change-state", G_CALLBACK (layer_change_state), visibility, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  add_all_action (group, "show-all", G_CALLBACK (show_all_activated), visibility);
  add_all_action (group, "hide-all", G_CALLBACK (hide_all_activated), visibility);

  sync_states (group, visibility);
  g_signal_connect_object (visibility, "changed", G_CALLBACK (on_visibility_changed), group, 0);

  return G_ACTION_GROUP (g_steal_pointer (&group));
}
