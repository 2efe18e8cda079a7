/* cx-import-json.h: a strict JSON reader that streams a FeatureCollection
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the importer (cx-import.c); not installed, not API.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Called for each element of the streamed array, in order. @element is
 * borrowed and freed right after; @root holds the top-level members read
 * before the array. Returning FALSE (with @error set) stops reading. */
typedef gboolean (*CxJsonElementFunc)  (JsonObject *root,
                                        JsonNode   *element,
                                        guint       index,
                                        gpointer    user_data,
                                        GError    **error);

/* Called whenever another CX_JSON_PROGRESS_STEP bytes have been read.
 * Returning FALSE (with @error set, e.g. cancelled) stops reading. */
typedef gboolean (*CxJsonProgressFunc) (gsize      done,
                                        gsize      total,
                                        gpointer   user_data,
                                        GError   **error);

#define CX_JSON_PROGRESS_STEP (256 * 1024)

typedef struct
{
  /* The top-level member whose array is streamed ("features"), and the
   * top-level "type" that must have been read before it for it to be
   * streamed ("FeatureCollection"). Otherwise the member is kept whole. */
  const char         *stream_member;
  const char         *stream_when_type;
  CxJsonElementFunc   element_func;
  CxJsonProgressFunc  progress_func;
  gpointer            user_data;
} CxJsonStreamOptions;

JsonNode *cx_import_json_parse (GBytes                    *bytes,
                                const char                *file,
                                const CxJsonStreamOptions *options,
                                gboolean                  *streamed,
                                GError                   **error);

G_END_DECLS
