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

/* Whether anything is connected to @signal of @instance. */
static gboolean
has_handler (gpointer    instance,
             const char *signal)
{
  guint id = g_signal_lookup (signal, G_OBJECT_TYPE (instance));

  g_assert_cmpuint (id, !=, 0);
  return g_signal_has_handler_pending (instance, id, 0, TRUE);
}

/* The group may outlive the visibility (a panel disposed late), and the
 * other way round, without a dangling handler: neither holds the other,
 * and each one's handlers on the other go with it. */
static void
test_lifetimes (void)
{
  g_autoptr(CxDataPack) pack = load ();
  CxVisibility *visibility = cx_visibility_new (pack);
  GObject *group = G_OBJECT (cx_layer_actions_new (visibility));
  GAction *show_all, *landmarks;
  gpointer group_alive = group, visibility_alive = visibility;

  /* The group goes first: its handler on the visibility goes with it. */
  g_assert_true (has_handler (visibility, "changed"));
  g_object_add_weak_pointer (group, &group_alive);
  g_object_unref (group);
  g_assert_null (group_alive);
  g_assert_false (has_handler (visibility, "changed"));
  cx_visibility_set_all (visibility, FALSE);
  g_assert_false (cx_visibility_get_visible (visibility, "landmarks"));

  /* The visibility goes first: the actions' handlers go with it, so
   * using the actions reaches nothing freed (ASan and valgrind would say). */
  group = G_OBJECT (cx_layer_actions_new (visibility));
  show_all = g_action_map_lookup_action (G_ACTION_MAP (group), "show-all");
  landmarks = g_action_map_lookup_action (G_ACTION_MAP (group), "landmarks");
  g_assert_true (has_handler (show_all, "activate"));
  g_assert_true (has_handler (landmarks, "change-state"));
  g_object_add_weak_pointer (G_OBJECT (visibility), &visibility_alive);
  g_object_unref (visibility);
  g_assert_null (visibility_alive);
  g_assert_false (has_handler (show_all, "activate"));
  g_assert_false (has_handler (landmarks, "change-state"));
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
