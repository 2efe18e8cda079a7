/* test-selection.c: one selection, with history and highlights
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-item.h"
#include "cx-selection.h"
#include "cx-test-packs.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_select_and_back (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxSelection) sel = cx_selection_new (pack);
  CxFeature *park = cx_data_pack_lookup_feature (pack, "zhongshan-park");
  CxProgram *program = cx_data_pack_lookup_program (pack, "suzhou-creek-opening");
  guint notifications = 0;

  g_signal_connect (sel, "notify::item", G_CALLBACK (count_notify), &notifications);

  g_assert_cmpint (cx_selection_get_kind (sel), ==, CX_SELECTION_NONE);
  g_assert_false (cx_selection_get_can_go_back (sel));

  cx_selection_select (sel, G_OBJECT (park));
  g_assert_cmpint (cx_selection_get_kind (sel), ==, CX_SELECTION_FEATURE);
  g_assert_true (cx_selection_get_feature (sel) == park);
  g_assert_true (cx_selection_get_can_go_back (sel));

  /* Selecting the same again changes nothing and adds no history. */
  cx_selection_select (sel, G_OBJECT (park));
  g_assert_cmpuint (notifications, ==, 1);

  cx_selection_select (sel, G_OBJECT (program));
  g_assert_true (cx_selection_get_program (sel) == program);
  g_assert_null (cx_selection_get_feature (sel));

  cx_selection_go_back (sel);
  g_assert_true (cx_selection_get_feature (sel) == park);
  cx_selection_go_back (sel);
  g_assert_null (cx_selection_get_item (sel));
  g_assert_false (cx_selection_get_can_go_back (sel));

  /* Back with no history is harmless. */
  cx_selection_go_back (sel);
  g_assert_null (cx_selection_get_item (sel));
  g_assert_cmpuint (notifications, ==, 4);
}

static void
test_highlighted (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxSelection) sel = cx_selection_new (pack);
  CxFeature *park = cx_data_pack_lookup_feature (pack, "zhongshan-park");
  CxFeature *ecupl = cx_data_pack_lookup_feature (pack, "ecupl-changning");
  CxFeature *zoo = cx_data_pack_lookup_feature (pack, "shanghai-zoo");

  g_assert_cmpuint (g_list_model_get_n_items (cx_selection_get_highlighted (sel)), ==, 0);

  g_assert_true (cx_selection_select_by_id (sel, "suzhou-creek-opening"));
  g_assert_true (cx_selection_is_highlighted (sel, park));
  g_assert_true (cx_selection_is_highlighted (sel, ecupl));
  g_assert_false (cx_selection_is_highlighted (sel, zoo));

  g_assert_true (cx_selection_select_by_id (sel, "shanghai-zoo"));
  g_assert_cmpuint (g_list_model_get_n_items (cx_selection_get_highlighted (sel)), ==, 1);
  g_assert_true (cx_selection_is_highlighted (sel, zoo));
  g_assert_false (cx_selection_is_highlighted (sel, park));

  g_assert_true (cx_selection_select_by_id (sel, "gdp-growth-h1-2023"));
  g_assert_cmpint (cx_selection_get_kind (sel), ==, CX_SELECTION_STATISTIC);
  g_assert_true (cx_selection_is_highlighted (sel, cx_data_pack_lookup_feature (pack, "changning-district")));

  /* An id a statistic had before its value joined a breakdown, as a scene
   * or --feature saved it, selects the breakdown, which highlights the
   * place the value was for. */
  g_assert_true (cx_selection_select_by_id (sel, "jobs-2023-chengjiaqiao"));
  g_assert_true (cx_selection_get_statistic (sel) == cx_data_pack_lookup_statistic (pack, "jobs-2023"));
  g_assert_cmpstr (cx_item_get_id (CX_ITEM (cx_selection_get_item (sel))), ==, "jobs-2023");
  g_assert_true (cx_selection_is_highlighted (sel, cx_data_pack_lookup_feature (pack, "chengjiaqiao")));

  g_assert_false (cx_selection_select_by_id (sel, "nowhere"));
  g_assert_false (cx_selection_select_by_id (sel, NULL));
  g_assert_cmpint (cx_selection_get_kind (sel), ==, CX_SELECTION_STATISTIC);

  cx_selection_clear (sel);
  g_assert_cmpuint (g_list_model_get_n_items (cx_selection_get_highlighted (sel)), ==, 0);
}

static void
test_history_is_bounded (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxSelection) sel = cx_selection_new (pack);
  guint backs = 0;

  for (guint i = 0; i < 500; i++)
    cx_selection_select_by_id (sel, i % 2 ? "zhongshan-park" : "shanghai-zoo");

  while (cx_selection_get_can_go_back (sel))
    {
      cx_selection_go_back (sel);
      backs++;
    }
  g_assert_cmpuint (backs, ==, 100);
}

/* Stands in for the map: the view it shows now. */
static gboolean
current_view (CxSelectionView *view,
              gpointer         user_data)
{
  *view = *(CxSelectionView *) user_data;
  return TRUE;
}

/* Back gives the view each earlier selection was left at, and only Back. */
static void
test_back_gives_view (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxSelection) sel = cx_selection_new (pack);
  CxSelectionView shown = { 31.20, 121.40, 12 };
  CxSelectionView view;

  cx_selection_set_view_func (sel, current_view, &shown, NULL);
  g_assert_false (cx_selection_get_view (sel, &view));

  /* Nothing selected, the district at zoom 12; then the park at 16. */
  g_assert_true (cx_selection_select_by_id (sel, "zhongshan-park"));
  g_assert_false (cx_selection_get_view (sel, NULL));
  shown = (CxSelectionView) { 31.22, 121.41, 16 };
  g_assert_true (cx_selection_select_by_id (sel, "shanghai-zoo"));
  shown = (CxSelectionView) { 31.19, 121.36, 15 };

  cx_selection_go_back (sel);
  g_assert_cmpstr (cx_feature_get_id (cx_selection_get_feature (sel)), ==, "zhongshan-park");
  g_assert_true (cx_selection_get_view (sel, &view));
  g_assert_cmpfloat (view.latitude, ==, 31.22);
  g_assert_cmpfloat (view.longitude, ==, 121.41);
  g_assert_cmpfloat (view.zoom, ==, 16);

  cx_selection_go_back (sel);
  g_assert_null (cx_selection_get_item (sel));
  g_assert_true (cx_selection_get_view (sel, &view));
  g_assert_cmpfloat (view.zoom, ==, 12);

  /* A new selection is not a return: no view to restore. */
  g_assert_true (cx_selection_select_by_id (sel, "shanghai-zoo"));
  g_assert_false (cx_selection_get_view (sel, &view));

  /* Without a view func, history still works, with no view. */
  cx_selection_set_view_func (sel, NULL, NULL, NULL);
  g_assert_true (cx_selection_select_by_id (sel, "zhongshan-park"));
  cx_selection_go_back (sel);
  g_assert_cmpstr (cx_feature_get_id (cx_selection_get_feature (sel)), ==, "shanghai-zoo");
  g_assert_false (cx_selection_get_view (sel, &view));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/selection/select-and-back", test_select_and_back);
  g_test_add_func ("/selection/highlighted", test_highlighted);
  g_test_add_func ("/selection/history-is-bounded", test_history_is_bounded);
  g_test_add_func ("/selection/back-gives-view", test_back_gives_view);

  return g_test_run ();
}
