/* cx-import-pipe.h: the records the import helper writes and the window reads
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helper's side is a CxImportSink that writes each call as one record;
 * the window's side reads records and makes the same calls on its own sink.
 * The reader trusts nothing it reads: every length is checked against
 * what is left and against the limits below before anything is allocated,
 * so a helper that is broken or taken over can make the window refuse the
 * file, never crash it (tests/fuzz/fuzz-import-pipe.c).
 */

#pragma once

#include <gio/gio.h>

#include "cx-import-sink.h"

G_BEGIN_DECLS

/* Limits the decoder holds the helper to. */
#define CX_IMPORT_PIPE_MAX_RECORD     ((gsize) 64 * 1024 * 1024)  /* one feature's record */
#define CX_IMPORT_PIPE_MAX_PROPERTIES 4096                         /* a feature's properties */

/* The helper's side: a sink that writes to @stream. */
typedef struct _CxImportPipeWriter CxImportPipeWriter;

CxImportPipeWriter *cx_import_pipe_writer_new    (GOutputStream      *stream);
void                cx_import_pipe_writer_free   (CxImportPipeWriter *writer);
const CxImportSink *cx_import_pipe_writer_sink   (void);
/* The last record: the reader finished (@error NULL) or failed (@error set,
 * its CX_IMPORT_ERROR code and message carried across). */
gboolean            cx_import_pipe_writer_finish (CxImportPipeWriter *writer,
                                                  const GError       *result,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CxImportPipeWriter, cx_import_pipe_writer_free)

/* The window's side: records pushed in as they arrive, in pieces of any
 * size; complete records are handed to @sink. Returns FALSE on a malformed
 * stream (CX_IMPORT_ERROR_HELPER), on an error record (its own code), or
 * when the sink returns FALSE. */
typedef struct _CxImportPipeReader CxImportPipeReader;

CxImportPipeReader *cx_import_pipe_reader_new    (const CxImportSink *sink,
                                                  gpointer            sink_data);
void                cx_import_pipe_reader_free   (CxImportPipeReader *reader);
gboolean            cx_import_pipe_reader_push   (CxImportPipeReader *reader,
                                                  const guint8       *data,
                                                  gsize               size,
                                                  GError            **error);
/* At the end of the stream: TRUE only when the last record said the
 * reader finished; a stream cut short is CX_IMPORT_ERROR_HELPER. */
gboolean            cx_import_pipe_reader_finish (CxImportPipeReader *reader,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CxImportPipeReader, cx_import_pipe_reader_free)

G_END_DECLS
