/* cx-import-helper.h: reading other formats in a helper process
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every format but GeoJSON is read by changning-explorer-import, a helper
 * process that links GDAL (the window does not), limited in memory and
 * time and, where bubblewrap works, sandboxed with no network and only the
 * one file readable. It streams features back over a pipe
 * (cx-import-pipe.h); a helper that crashes, hangs or runs out of memory
 * ends in a CX_IMPORT_ERROR_HELPER that says which, and the window and its
 * other layers are untouched.
 */

#pragma once

#include <gio/gio.h>

#include "cx-import.h"

G_BEGIN_DECLS

/* Whether @file looks like a format for the helper rather than GeoJSON:
 * by its name (.shp, .zip, .gpkg, .kml, .kmz, .gpx, .csv, .fgb, …) or its
 * first bytes. GeoJSON (and anything JSON) is not. */
gboolean         cx_import_helper_handles  (GFile                *file,
                                            const guint8         *head,
                                            gsize                 head_size);

/* Reads @file in the helper and builds a layer of it, named @display_name.
 * @crs: as CxOgrReaderOptions.crs (NULL: the file's own). Blocking: call
 * it from a thread (cx_import_file_async() does). */
CxImportedLayer *cx_import_helper_import   (GFile                *file,
                                            const char           *display_name,
                                            const char           *crs,
                                            gboolean              gcj02,
                                            GCancellable         *cancellable,
                                            CxImportProgressFunc  progress,
                                            gpointer              progress_data,
                                            GError              **error);

/* Whether the helper's memory is limited: not under AddressSanitizer,
 * whose shadow memory does not fit under RLIMIT_AS. */
gboolean         cx_import_helper_has_memory_limit (void);
/* Whether the helper runs under bubblewrap here (probed once). */
gboolean         cx_import_helper_sandboxed (void);

/* The tests' proof that the sandbox is real (the helper's --check-sandbox). */
gboolean         cx_import_helper_check_sandbox (const char  *allowed,
                                                 const char  *probe,
                                                 char       **report);

G_END_DECLS
