/* test-search.c: finding places by English, Chinese or pinyin
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-search.h"
#include "cx-test-packs.h"

static const char *
first_id (GListModel *results)
{
  g_autoptr(CxSearchResult) r = NULL;
  GObject *item;

  if (g_list_model_get_n_items (results) == 0)
    return NULL;
  r = g_list_model_get_item (results, 0);
  item = cx_search_result_get_item (r);
  if (CX_IS_FEATURE (item))
    return cx_feature_get_id (CX_FEATURE (item));
  if (CX_IS_PROGRAM (item))
    return cx_program_get_id (CX_PROGRAM (item));
  return cx_statistic_get_id (CX_STATISTIC (item));
}

#define assert_first(pack, query, id) \
  G_STMT_START { \
    g_autoptr(GListModel) _r = cx_search ((pack), (query)); \
    g_assert_cmpstr (first_id (_r), ==, (id)); \
  } G_STMT_END

static void
test_languages (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();

  assert_first (pack, "Zhongshan", "zhongshan-park");
  assert_first (pack, "ZHONGSHAN PARK", "zhongshan-park");
  assert_first (pack, "中山公园", "zhongshan-park");
  assert_first (pack, "中山", "zhongshan-park");
  /* Tone marks and spaces do not matter. */
  assert_first (pack, "Zhōngshān", "zhongshan-park");
  assert_first (pack, "zhongshangongyuan", "zhongshan-park");
  assert_first (pack, "华东政法", "ecupl-changning");
  assert_first (pack, "zoo", "shanghai-zoo");
  assert_first (pack, "15-minute", "life-circles-15min");
  assert_first (pack, "生活圈", "life-circles-15min");
}

static void
test_ranking_and_match (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(GListModel) results = cx_search (pack, "park");
  g_autoptr(GListModel) none = cx_search (pack, "xyzzy-nowhere");
  g_autoptr(GListModel) empty = cx_search (pack, "   ");
  g_autoptr(CxSearchResult) r = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 3);
  r = g_list_model_get_item (results, 0);
  /* A word that starts with the query ranks above one that contains it. */
  g_assert_cmpint (cx_search_result_get_score (r), >=, 60);
  g_assert_cmpuint (cx_search_result_get_match_end (r) - cx_search_result_get_match_start (r), ==, 4);
  g_assert_true (g_ascii_strncasecmp (cx_search_result_get_matched (r) + cx_search_result_get_match_start (r), "park", 4) == 0);

  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (empty), ==, 0);
}

static void
test_normalize (void)
{
  g_autofree char *a = cx_search_normalize ("Zhōngshān GŌNGYUÁN");
  g_autofree char *b = cx_search_normalize ("長寧 Café");

  g_assert_cmpstr (a, ==, "zhongshan gongyuan");
  g_assert_cmpstr (b, ==, "長寧 cafe");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/languages", test_languages);
  g_test_add_func ("/search/ranking-and-match", test_ranking_and_match);
  g_test_add_func ("/search/normalize", test_normalize);

  return g_test_run ();
}
