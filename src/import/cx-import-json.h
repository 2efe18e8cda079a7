/* cx-import-json.h: a strict JSON reader that streams a FeatureCollection
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the importer (cx-import.c); not installed, not API.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cx-json-util.h"

G_BEGIN_DECLS

/* Called for each element of the streamed array, in order. @element is
 * borrowed and freed right after; @root holds the top-level members read
 * before the array. Returning FALSE (with @error set) stops reading. */
typedef gboolean (*CxJsonElementFunc)  (JsonObject *root,
                                        JsonNode   *element,
                                        guint       index,
                                        gpointer    user_data,
                                        GError    **error);

/* What a fast element callback did with the element at @pos. */
typedef enum
{
  CX_JSON_FAST_NOT_MINE,   /* nothing: the reader reads it the usual way, from @pos */
  CX_JSON_FAST_HANDLED,    /* all of it: the reader goes on at *end */
  CX_JSON_FAST_ERROR,      /* the callback's own error (cancelled…): reading stops */
} CxJsonFastResult;

/* Offered each element of the streamed array before it is read, as the
 * bytes @data[@pos…] (@pos is at its first character, after white space;
 * @len is the whole document's length), to read it in one go without
 * building a tree. HANDLED promises that the reader would have read
 * those bytes, up to *end (just after the element), as valid JSON
 * without a problem, and that the callback did with them what the
 * element callback would have done with the tree; it is then not called
 * for that element. Anything it is not sure of it must leave: NOT_MINE,
 * with nothing done. */
typedef CxJsonFastResult (*CxJsonFastElementFunc) (JsonObject  *root,
                                                   const char  *data,
                                                   gsize        len,
                                                   gsize        pos,
                                                   guint        index,
                                                   gpointer     user_data,
                                                   gsize       *end,
                                                   GError     **error);

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
  /* Optional: tried first on each element of the streamed array. */
  CxJsonFastElementFunc fast_element_func;
  CxJsonProgressFunc  progress_func;
  gpointer            user_data;
} CxJsonStreamOptions;

/* A number as the reader converts it (see cx_import_json_read_number()). */
typedef struct
{
  gboolean whole;     /* an integer within 64 bits: json-glib's int */
  gint64   integer;   /* when whole */
  double   real;      /* the value as json_node_get_double() gives it */
} CxJsonNumber;

CxJsonNumberStatus cx_import_json_read_number (const char   *data,
                                               gsize         len,
                                               gsize         start,
                                               gsize        *end,
                                               CxJsonNumber *number);

JsonNode *cx_import_json_parse (GBytes                    *bytes,
                                const char                *file,
                                const CxJsonStreamOptions *options,
                                gboolean                  *streamed,
                                GError                   **error);

G_END_DECLS
