/* fuzz-import.c: a GeoJSON file a planner imports as a layer of their own
 *
 * The import reads with its own streaming JSON reader (cx-import-json.c),
 * so it is fuzzed apart from the pack's parser. The first input byte
 * chooses whether positions are converted from GCJ-02.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-import.h"
#include "fuzz-common.h"
#include "fuzz-geometry.h"

FUZZ_DEFINE_INITIALIZE ()

static void
check_layer (CxImportedLayer *layer)
{
  GListModel *features = cx_imported_layer_get_features (layer);

  fuzz_check_text (cx_imported_layer_get_name (layer));
  FUZZ_CHECK (cx_imported_layer_get_id (layer) != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxImportedFeature) feature = g_list_model_get_item (features, i);
      CxGeometry *geometry = cx_imported_feature_get_geometry (feature);

      /* Unlocated features are counted, not listed. */
      FUZZ_CHECK (geometry != NULL);
      fuzz_check_geometry (geometry);
      fuzz_check_text (cx_imported_feature_get_id (feature));
      fuzz_check_text (cx_imported_feature_get_title (feature));
      fuzz_check_text (cx_imported_feature_get_description (feature));
      fuzz_check_text (cx_imported_feature_get_display_name (feature));
      FUZZ_CHECK (cx_imported_feature_get_style (feature) != NULL);

      for (guint p = 0; p < cx_imported_feature_get_n_properties (feature); p++)
        {
          fuzz_check_text (cx_imported_feature_get_property_key (feature, p));
          fuzz_check_text (cx_imported_feature_get_property_text (feature, p));
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  gboolean gcj02;

  if (size < 1)
    return 0;

  gcj02 = data[0] & 1;
  bytes = g_bytes_new_static (data + 1, size - 1);
  layer = cx_import_bytes (bytes, "import.geojson", "import.geojson", gcj02, NULL, &error);
  if (layer == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == CX_IMPORT_ERROR || error->domain == CX_PACK_ERROR);
      fuzz_check_message (error->message);
      return 0;
    }

  FUZZ_CHECK (error == NULL);
  check_layer (layer);
  return 0;
}
