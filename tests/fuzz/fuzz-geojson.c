/* fuzz-geojson.c: a GeoJSON file, as an import or --validate reads it
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-geojson.h"
#include "cx-json-scanner.h"
#include "fuzz-common.h"
#include "fuzz-geometry.h"

typedef struct
{
  guint n_calls;
  guint fail_at;   /* exercise the callback's error path too */
} Walk;

static gboolean
visit_geometry (guint        index,
                const char  *id,
                CxGeometry  *geometry,
                JsonObject  *properties,
                gpointer     user_data,
                GError     **error)
{
  Walk *walk = user_data;

  FUZZ_CHECK (index == walk->n_calls);
  FUZZ_CHECK (geometry != NULL);
  fuzz_check_text (id);
  fuzz_check_geometry (geometry);

  if (properties != NULL)
    {
      JsonNode *name = json_object_get_member (properties, "name");

      if (name != NULL && JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
        fuzz_check_text (json_node_get_string (name));
    }

  if (++walk->n_calls == walk->fail_at)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE, "stopped at geometry %u", index);
      return FALSE;
    }

  return TRUE;
}

FUZZ_DEFINE_INITIALIZE ()

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  Walk walk = { 0, 0 };

  root = cx_json_parse_bytes (bytes, "import.geojson", &error);
  if (root == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == CX_PACK_ERROR);
      fuzz_check_message (error->message);
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  /* A different stopping point for different inputs, never for most. */
  walk.fail_at = size % 7 == 0 ? 1 + size % 5 : 0;

  if (!cx_geojson_foreach (root, "import.geojson", visit_geometry, &walk, &error))
    {
      FUZZ_CHECK (error != NULL && error->domain == CX_PACK_ERROR);
      fuzz_check_message (error->message);
    }
  else
    FUZZ_CHECK (error == NULL);

  return 0;
}
