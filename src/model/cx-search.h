/* cx-search.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-data-pack.h"

G_BEGIN_DECLS

#define CX_TYPE_SEARCH_RESULT (cx_search_result_get_type ())
G_DECLARE_FINAL_TYPE (CxSearchResult, cx_search_result, CX, SEARCH_RESULT, GObject)

GObject    *cx_search_result_get_item        (CxSearchResult *self);
const char *cx_search_result_get_title       (CxSearchResult *self);
const char *cx_search_result_get_matched     (CxSearchResult *self);
guint       cx_search_result_get_match_start (CxSearchResult *self);
guint       cx_search_result_get_match_end   (CxSearchResult *self);
int         cx_search_result_get_score       (CxSearchResult *self);

char       *cx_search_normalize              (const char     *text);
GListModel *cx_search                        (CxDataPack     *pack,
                                              const char     *query);

G_END_DECLS
