/* cx-search.c: places, programs and statistics found by what people type
 *
 * Matches English names (as shown, translated, and as in the pack), Chinese
 * names and pinyin, ignoring case, accents and tone marks, and spaces in
 * pinyin ("zhongshan" finds "Zhongshan Gongyuan").
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-search"

#include "config.h"

#include <string.h>

#include "cx-item.h"
#include "cx-search.h"

#define CX_SEARCH_MAX_RESULTS 50

struct _CxSearchResult
{
  GObject parent_instance;

  GObject *item;
  char    *title;      /* what to show: the item's name */
  char    *matched;    /* the text that matched (may be the title) */
  guint    match_start; /* byte offsets of the match in @matched, when it is @title */
  guint    match_end;
  int      score;
};

G_DEFINE_FINAL_TYPE (CxSearchResult, cx_search_result, G_TYPE_OBJECT)

static void
cx_search_result_finalize (GObject *object)
{
  CxSearchResult *self = (CxSearchResult *) object;

  g_clear_object (&self->item);
  g_free (self->title);
  g_free (self->matched);

  G_OBJECT_CLASS (cx_search_result_parent_class)->finalize (object);
}

static void
cx_search_result_class_init (CxSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_search_result_finalize;
}

static void
cx_search_result_init (CxSearchResult *self)
{
}

GObject *cx_search_result_get_item (CxSearchResult *self) { g_return_val_if_fail (CX_IS_SEARCH_RESULT (self), NULL); return self->item; }
const char *cx_search_result_get_title (CxSearchResult *self) { g_return_val_if_fail (CX_IS_SEARCH_RESULT (self), NULL); return self->title; }
const char *cx_search_result_get_matched (CxSearchResult *self) { g_return_val_if_fail (CX_IS_SEARCH_RESULT (self), NULL); return self->matched; }
guint cx_search_result_get_match_start (CxSearchResult *self) { g_return_val_if_fail (CX_IS_SEARCH_RESULT (self), 0); return self->match_start; }
guint cx_search_result_get_match_end (CxSearchResult *self) { g_return_val_if_fail (CX_IS_SEARCH_RESULT (self), 0); return self->match_end; }
int cx_search_result_get_score (CxSearchResult *self) { g_return_val_if_fail (CX_IS_SEARCH_RESULT (self), 0); return self->score; }

/**
 * cx_search_normalize:
 *
 * Folds case and drops accents and tone marks: "Zhōngshān Park" becomes
 * "zhongshan park". Chinese text is kept as it is.
 *
 * Returns: (transfer full): the folded text
 */
char *
cx_search_normalize (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Combining marks are the accents and tones NFKD split off. */
      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '-' && *p != '\'')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* How well @query matches @text: 0 not at all; more is better. */
static int
match_score (const char *text,
             const char *query,
             guint      *start,
             guint      *end)
{
  g_autofree char *folded = cx_search_normalize (text);
  const char *hit;

  if (query[0] == '\0')
    return 0;

  hit = strstr (folded, query);
  if (hit == NULL)
    {
      g_autofree char *compact = strip_spaces (folded);
      g_autofree char *compact_query = strip_spaces (query);

      /* Pinyin typed without its spaces. */
      if (compact_query[0] != '\0' && strstr (compact, compact_query) != NULL)
        return 20;
      return 0;
    }

  /* Offsets in @text: folding keeps ASCII and CJK byte for byte; for other
   * text the highlight may be off, so only give offsets when they agree. */
  if (strlen (folded) == strlen (text))
    {
      *start = (guint) (hit - folded);
      *end = *start + (guint) strlen (query);
    }

  if (hit == folded)
    return 100;
  if (hit[-1] == ' ' || hit[-1] == '-' || hit[-1] == '(')
    return 60;
  return 30;
}

/* @item matches by its title, then @other_names, then its id; the first
 * of those that matches best counts. */
static void
consider (GPtrArray  *results,
          CxItem     *item,
          const char *other_names[],
          guint       n_other_names,
          const char *query,
          int         bonus)
{
  const char *title = cx_item_get_title (item);
  const char *candidates[4] = { title, };
  guint n_candidates = 1;
  CxSearchResult *best = NULL;

  g_assert (n_other_names <= G_N_ELEMENTS (candidates) - 2);
  for (guint i = 0; i < n_other_names; i++)
    candidates[n_candidates++] = other_names[i];
  candidates[n_candidates++] = cx_item_get_id (item);

  for (guint i = 0; i < n_candidates; i++)
    {
      guint start = 0, end = 0;
      int score;

      if (candidates[i] == NULL)
        continue;

      score = match_score (candidates[i], query, &start, &end);
      if (score == 0 || (best != NULL && best->score >= score + bonus))
        continue;

      if (best == NULL)
        {
          best = g_object_new (CX_TYPE_SEARCH_RESULT, NULL);
          best->item = g_object_ref (G_OBJECT (item));
          best->title = g_strdup (title);
        }
      g_free (best->matched);
      best->matched = g_strdup (candidates[i]);
      best->match_start = start;
      best->match_end = end;
      best->score = score + bonus;
    }

  if (best != NULL)
    g_ptr_array_add (results, best);
}

static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  CxSearchResult *ra = *(CxSearchResult **) a;
  CxSearchResult *rb = *(CxSearchResult **) b;

  if (ra->score != rb->score)
    return rb->score - ra->score;
  return g_utf8_collate (ra->title, rb->title);
}

/**
 * cx_search:
 *
 * Returns: (transfer full): CxSearchResult items, best first; places before
 *   programs before statistics when they match equally well
 */
GListModel *
cx_search (CxDataPack *pack,
           const char *query)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = NULL;
  GListStore *store = g_list_store_new (CX_TYPE_SEARCH_RESULT);
  GListModel *features = cx_data_pack_get_features (pack);
  GListModel *programs = cx_data_pack_get_programs (pack);
  GListModel *statistics = cx_data_pack_get_statistics (pack);

  g_return_val_if_fail (CX_IS_DATA_PACK (pack), G_LIST_MODEL (store));

  folded = g_strstrip (cx_search_normalize (query));
  if (folded[0] == '\0')
    return G_LIST_MODEL (store);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (features, i);
      const char *names[] = { cx_feature_get_name_zh (f), cx_feature_get_pinyin (f) };

      consider (results, CX_ITEM (f), names, G_N_ELEMENTS (names), folded, 2);
    }

  for (guint i = 0; i < g_list_model_get_n_items (programs); i++)
    {
      g_autoptr(CxProgram) p = g_list_model_get_item (programs, i);
      const char *names[] = { cx_program_get_title_zh (p) };

      consider (results, CX_ITEM (p), names, G_N_ELEMENTS (names), folded, 1);
    }

  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CxStatistic) s = g_list_model_get_item (statistics, i);
      const char *names[] = { cx_statistic_get_title_zh (s) };

      consider (results, CX_ITEM (s), names, G_N_ELEMENTS (names), folded, 0);
    }

  g_ptr_array_sort (results, compare_results);
  for (guint i = 0; i < results->len && i < CX_SEARCH_MAX_RESULTS; i++)
    g_list_store_append (store, g_ptr_array_index (results, i));

  return G_LIST_MODEL (store);
}
