/* test-layer-actions.c: the `layers` action group follows CxVisibility and
 * sets it, whoever changes which
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-layer-actions.h"

static CxDataPack *
load (void)
{
  g_autoptr(GError) error = NULL;
  CxDataPack *pack = cx_data_pack_load_default (&error);

  g_assert_no_error (error);
  return pack;
}

static gboolean
state_of (GActionGroup *group,
          const char   *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (group, name);

  g_assert_nonnull (state);
  return g_variant_get_boolean (state);
}

static void
test_one_action_per_layer (void)
{
  g_autoptr(CxDataPack) pack = load ();
  g_autoptr(CxVisibility) visibility = cx_visibility_new (pack);
  g_autoptr(GObject) group = G_OBJECT (cx_layer_actions_new (visibility));
  GListModel *layers = cx_data_pack_get_layers (pack);
  g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (group));

  g_assert_cmpuint (g_strv_length (names), ==, g_list_model_get_n_items (layers) + 2);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (group), "show-all"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (group), "hide-all"));

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      const GVariantType *type = g_action_group_get_action_state_type (G_ACTION_GROUP (group), cx_layer_get_id (layer));

      g_assert_nonnull (type);
      g_assert_true (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN));
      g_assert_null (g_action_group_get_action_parameter_type (G_ACTION_GROUP (group), cx_layer_get_id (layer)));
    }
}

static void
test_follows_and_sets (void)
{
  g_autoptr(CxDataPack) pack = load ();
  g_autoptr(CxVisibility) visibility = cx_visibility_new (pack);
  g_autoptr(GObject) object = G_OBJECT (cx_layer_actions_new (visibility));
  GActionGroup *group = G_ACTION_GROUP (object);

  cx_visibility_set_all (visibility, TRUE);
  g_assert_true (state_of (group, "landmarks"));

  /* The model changed elsewhere (a digit key, a scene): the state follows. */
  cx_visibility_set_visible (visibility, "landmarks", FALSE);
  g_assert_false (state_of (group, "landmarks"));
  g_assert_true (state_of (group, "subdistricts"));

  /* A switch asks for a state: the model takes it, and the state follows. */
  g_action_group_change_action_state (group, "landmarks", g_variant_new_boolean (TRUE));
  g_assert_true (cx_visibility_get_visible (visibility, "landmarks"));
  g_assert_true (state_of (group, "landmarks"));

  /* Activating a boolean action without a parameter toggles it. */
  g_action_group_activate_action (group, "subdistricts", NULL);
  g_assert_false (cx_visibility_get_visible (visibility, "subdistricts"));
  g_assert_false (state_of (group, "subdistricts"));

  g_action_group_activate_action (group, "hide-all", NULL);
  g_assert_false (state_of (group, "district"));
  g_assert_false (cx_visibility_get_visible (visibility, "district"));
  g_action_group_activate_action (group, "show-all", NULL);
  g_assert_true (state_of (group, "district"));
  g_assert_true (state_of (group, "subdistricts"));
}

/* The group may outlive the visibility (a panel disposed late), and the
 * other way round, without a dangling handler. */
static void
test_lifetimes (void)
{
  g_autoptr(CxDataPack) pack = load ();
  CxVisibility *visibility = cx_visibility_new (pack);
  GObject *group = G_OBJECT (cx_layer_actions_new (visibility));

  g_object_unref (group);
  cx_visibility_set_all (visibility, FALSE);

  group = G_OBJECT (cx_layer_actions_new (visibility));
  g_object_unref (visibility);
  g_action_group_activate_action (G_ACTION_GROUP (group), "show-all", NULL);
  g_action_group_change_action_state (G_ACTION_GROUP (group), "landmarks", g_variant_new_boolean (TRUE));
  g_object_unref (group);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layer-actions/one-per-layer", test_one_action_per_layer);
  g_test_add_func ("/layer-actions/follows-and-sets", test_follows_and_sets);
  g_test_add_func ("/layer-actions/lifetimes", test_lifetimes);

  return g_test_run ();
}
