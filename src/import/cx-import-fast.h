/* cx-import-fast.h: the common GeoJSON feature, read without a JSON tree
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the importer (cx-import.c); not installed, not API.
 */

#pragma once

#include <glib.h>

#include "cx-import-sink.h"

G_BEGIN_DECLS

typedef struct _CxImportFast CxImportFast;

typedef enum
{
  CX_IMPORT_FAST_NOT_MINE,    /* not the common shape, or in doubt: nothing was done */
  CX_IMPORT_FAST_FEATURE,     /* a Feature with a location: *feature is filled */
  CX_IMPORT_FAST_UNLOCATED,   /* a valid Feature with "geometry": null */
} CxImportFastResult;

/* Set (to anything) to switch the fast path off: for the tests that
 * compare both paths (test-import-fast, fuzz-import-fast) and for
 * build-aux/bench, never for users. */
#define CX_IMPORT_NO_FAST_PATH_ENV "CX_IMPORT_NO_FAST_PATH"

gboolean            cx_import_fast_enabled (void);

CxImportFast       *cx_import_fast_new     (void);
void                cx_import_fast_free    (CxImportFast        *fast);

CxImportFastResult  cx_import_fast_read    (CxImportFast        *fast,
                                            const char          *data,
                                            gsize                len,
                                            gsize                pos,
                                            guint                index,
                                            gsize               *end,
                                            CxImportFeatureInfo *feature,
                                            guint               *n_clamped);

/* How many elements the fast path has read since the process started
 * (FEATURE or UNLOCATED): the tests check that it was used at all. */
guint               cx_import_fast_get_n_read (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CxImportFast, cx_import_fast_free)

G_END_DECLS
