/* fuzz-import-pipe.c: what the import helper sends the window
 *
 * The helper reads hostile files with GDAL; if one takes it over, the
 * bytes on its pipe are the attacker's. The window's reader must refuse
 * them with CX_IMPORT_ERROR_HELPER (or the code of a well-formed error
 * record) and a clean message, never crash, and hand its sink only
 * geometry that keeps CxGeometry's invariants. The first input byte
 * chooses the size of the pieces the bytes are pushed in (1 to 256), so
 * that a record cut across pushes is fuzzed too.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-import.h"
#include "cx-import-pipe.h"
#include "fuzz-common.h"
#include "fuzz-geometry.h"

FUZZ_DEFINE_INITIALIZE ()

/* The pipe carries latitudes up to ±90°; the window draws those past
 * ±85.05° there (cx-import-helper.c, as the GeoJSON reader does), so the
 * map's checks are made on the geometry moved the same way. */
static void
check_pipe_geometry (const CxGeometry *in)
{
  CxGeometryType type = cx_geometry_get_geometry_type (in);
  const CxCoord *coords = cx_geometry_get_coords (in);
  guint n_polygons = cx_geometry_get_n_polygons (in);
  g_autoptr(CxGeometry) out = cx_geometry_new (type);

  for (guint i = 0; i < cx_geometry_get_n_coords (in); i++)
    FUZZ_CHECK (isfinite (coords[i].x) && isfinite (coords[i].y) &&
                fabs (coords[i].x) <= 180 && fabs (coords[i].y) <= 90);

  for (guint p = 0; p < (n_polygons > 0 ? n_polygons : 1); p++)
    {
      guint first = 0, n_parts = cx_geometry_get_n_parts (in);

      if (n_polygons > 0)
        cx_geometry_get_polygon_parts (in, p, &first, &n_parts);
      for (guint r = first; r < first + n_parts; r++)
        {
          guint n;
          const CxCoord *c = cx_geometry_get_part (in, r, &n);

          FUZZ_CHECK (n > 0);
          for (guint i = 0; i < n; i++)
            cx_geometry_add_coord (out, c[i].x, CLAMP (c[i].y, -85.0511287798, 85.0511287798));
          cx_geometry_close_part (out);
        }
      if (n_polygons > 0)
        cx_geometry_close_polygon (out);
    }

  FUZZ_CHECK (cx_geometry_get_n_parts (out) == cx_geometry_get_n_parts (in));
  fuzz_check_geometry (out);
}

static gboolean
layer_cb (gpointer                 user_data,
          const CxImportLayerInfo *layer,
          GError                 **error)
{
  fuzz_check_text (layer->name);
  fuzz_check_text (layer->driver);
  fuzz_check_text (layer->crs);
  FUZZ_CHECK (layer->n_features >= -1);
  return TRUE;
}

static gboolean
feature_cb (gpointer                   user_data,
            const CxImportFeatureInfo *feature,
            GError                   **error)
{
  fuzz_check_text (feature->id);
  fuzz_check_text (feature->geojson_type);
  FUZZ_CHECK (feature->n_properties <= CX_IMPORT_PIPE_MAX_PROPERTIES);
  if (feature->geometry != NULL)
    {
      FUZZ_CHECK (feature->geojson_type != NULL);
      check_pipe_geometry (feature->geometry);
    }
  for (guint i = 0; i < feature->n_properties; i++)
    {
      FUZZ_CHECK (feature->properties[i].key != NULL);
      fuzz_check_text (feature->properties[i].key);
      fuzz_check_text (feature->properties[i].text);
      FUZZ_CHECK ((feature->properties[i].text == NULL) ==
                  (feature->properties[i].type == CX_IMPORT_VALUE_NULL));
    }
  return TRUE;
}

static gboolean
progress_cb (gpointer   user_data,
             double     fraction,
             GError   **error)
{
  FUZZ_CHECK (isfinite (fraction) && fraction >= 0 && fraction <= 1);
  return TRUE;
}

static const CxImportSink sink = { layer_cb, feature_cb, progress_cb };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CxImportPipeReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gsize piece;
  gboolean ok = TRUE;

  if (size < 1)
    return 0;

  piece = (gsize) data[0] + 1;
  data++;
  size--;

  reader = cx_import_pipe_reader_new (&sink, NULL);
  for (gsize at = 0; ok && at < size; at += piece)
    ok = cx_import_pipe_reader_push (reader, data + at, MIN (piece, size - at), &error);
  if (ok)
    ok = cx_import_pipe_reader_finish (reader, &error);

  if (!ok)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == CX_IMPORT_ERROR);
      FUZZ_CHECK (error->code >= CX_IMPORT_ERROR_UNSUPPORTED && error->code <= CX_IMPORT_ERROR_HELPER);
      fuzz_check_message (error->message);
    }
  else
    FUZZ_CHECK (error == NULL);

  return 0;
}
