/* cx-pack-error.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CX_PACK_ERROR (cx_pack_error_quark ())

typedef enum
{
  CX_PACK_ERROR_IO,
  CX_PACK_ERROR_PARSE,          /* not strict JSON, not UTF-8, nested too deep, a member twice… */
  CX_PACK_ERROR_FORMAT,         /* not a pack, or a newer format */
  CX_PACK_ERROR_TYPE,           /* a member has the wrong JSON type */
  CX_PACK_ERROR_MISSING,        /* a required member is absent */
  CX_PACK_ERROR_VALUE,          /* a member has a value outside what it may hold */
  CX_PACK_ERROR_UNKNOWN_LAYER,
  CX_PACK_ERROR_DANGLING_LINK,
  CX_PACK_ERROR_DUPLICATE_ID,
  CX_PACK_ERROR_COORDINATE,     /* non-finite or out of range */
  CX_PACK_ERROR_UNCLOSED_RING,
  CX_PACK_ERROR_SHORT_RING,
  CX_PACK_ERROR_GEOMETRY,       /* any other malformed geometry */
} CxPackError;

GQuark cx_pack_error_quark (void);

/* Where in the input a problem is: "FILE: WHAT INDEX (“ID”): problem". */
typedef struct
{
  const char *file;
  const char *what;   /* "feature", "statistic", …; NULL when not about one entry */
  int         index;
  const char *id;     /* may be NULL */

  /* Where set, a latitude between ±85.05° (as far as Web Mercator goes)
   * and ±90° is drawn at ±85.05° and counted here instead of being
   * refused: an imported file may reach the poles, a pack may not. */
  guint      *n_clamped;

  /* Where set, the part of the entry the problem is in, named after it:
   * "FILE: statistic 4 (“gdp”), series value 1 (“2018”): problem". */
  const char *part;
} CxLoadContext;

void         cx_load_context_set_error  (const CxLoadContext *ctx,
                                         GError             **error,
                                         CxPackError          code,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (4, 5);

/* How much of a value from the input an error message quotes. */
#define CX_ERROR_EXCERPT_CHARS 64

char        *cx_error_excerpt           (const char          *text);

G_END_DECLS
