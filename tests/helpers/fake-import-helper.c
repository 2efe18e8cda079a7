/* fake-import-helper.c: an import helper that ends badly on purpose
 *
 * Stands in for changning-explorer-import (CX_IMPORT_HELPER) in
 * tests/unit/test-import-helper.c. Called as the window calls the real one,
 * [--crs=CRS] -- FILE; FAKE_IMPORT_HELPER_MODE says what it does:
 *
 *   layer     a well-formed stream: the features of FILE's name (see the test)
 *   half      half a record, then exit 0
 *   abort     a layer, then abort()
 *   hang      a layer, then nothing, for ever
 *   allocate  allocates and touches memory until the limit stops it
 *   garbage   bytes that are no record
 *   error     an error record (CX_IMPORT_ERROR_NO_CRS)
 *   exit      a layer, then exit 3
 *   crs       a layer whose name is the --crs argument
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cx-import.h"
#include "cx-import-pipe.h"

/* As the real helper (cx-import-helper-main.c): built with AddressSanitizer
 * and run in a sandbox without /proc, the leak check at exit cannot read
 * /proc and would turn the exit status this helper chose into 1. */
#if defined(__SANITIZE_ADDRESS__)
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return access ("/proc/self/maps", R_OK) == 0 ? "" : "detect_leaks=0";
}
#endif

static void
point (CxImportPipeWriter *writer,
       guint               index,
       double              lon,
       double              lat,
       const CxImportProperty *props,
       guint               n_props)
{
  g_autoptr(CxGeometry) geometry = cx_geometry_new (CX_GEOMETRY_POINT);
  CxImportFeatureInfo feature = { index, NULL, "Point", geometry, props, n_props };

  cx_geometry_add_coord (geometry, lon, lat);
  cx_geometry_close_part (geometry);
  g_assert_true (cx_import_pipe_writer_sink ()->feature (writer, &feature, NULL));
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = g_getenv ("FAKE_IMPORT_HELPER_MODE");
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr(CxImportPipeWriter) writer = cx_import_pipe_writer_new (out);
  const CxImportSink *sink = cx_import_pipe_writer_sink ();
  const char *crs = NULL;
  CxImportLayerInfo layer = { "sites", "CSV", NULL, 3 };

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--crs="))
      crs = argv[i] + 6;

  if (mode == NULL)
    mode = "layer";

  if (g_str_equal (mode, "garbage"))
    {
      const char junk[] = "\x08\x00\x00\x00\x01NOTCXIP\x01\x00\x00\x00 and then some";

      (void) !write (STDOUT_FILENO, junk, sizeof junk);
      return 0;
    }

  if (g_str_equal (mode, "allocate"))
    {
      g_printerr ("allocating until the limit\n");
      for (;;)
        {
          char *block = g_malloc (64 * 1024 * 1024);

          memset (block, 1, 64 * 1024 * 1024);
        }
    }

  if (g_str_equal (mode, "error"))
    {
      g_autoptr(GError) result = g_error_new_literal (CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS,
                                                      "“sites.csv” names no coordinate system");

      return cx_import_pipe_writer_finish (writer, result, NULL) ? 0 : 1;
    }

  if (g_str_equal (mode, "crs"))
    layer.name = crs != NULL ? crs : "(none)";
  g_assert_true (sink->layer (writer, &layer, NULL));
  g_output_stream_flush (out, NULL, NULL);

  if (g_str_equal (mode, "half"))
    {
      const char half[] = "\x40\x00\x00\x00\x03\x00\x00";

      (void) !write (STDOUT_FILENO, half, sizeof half - 1);
      return 0;
    }
  if (g_str_equal (mode, "abort"))
    {
      g_printerr ("fake helper: aborting on purpose\n");
      abort ();
    }
  if (g_str_equal (mode, "hang"))
    for (;;)
      pause ();
  if (g_str_equal (mode, "exit"))
    return 3;

  {
    CxImportProperty first[] = {
      { "title", "中山公园", CX_IMPORT_VALUE_STRING },
      { "marker-color", "#ff0000", CX_IMPORT_VALUE_STRING },
      { "visitors", "12000", CX_IMPORT_VALUE_NUMBER },
      { "closed", NULL, CX_IMPORT_VALUE_NULL },
    };
    CxImportProperty second[] = {
      { "name", "far north", CX_IMPORT_VALUE_STRING },
    };
    CxImportFeatureInfo unlocated = { 2, NULL, NULL, NULL, NULL, 0 };
    CxImportLayerInfo other = { "more", "CSV", NULL, 1 };

    point (writer, 0, 121.4187, 31.2197, first, G_N_ELEMENTS (first));
    point (writer, 1, 121.4, 89.0, second, G_N_ELEMENTS (second));
    g_assert_true (sink->feature (writer, &unlocated, NULL));
    g_assert_true (sink->progress (writer, 0.5, NULL));
    if (g_str_equal (mode, "two-layers"))
      {
        g_assert_true (sink->layer (writer, &other, NULL));
        point (writer, 0, 121.40, 31.21, NULL, 0);
      }
  }

  return cx_import_pipe_writer_finish (writer, NULL, NULL) ? 0 : 1;
}
