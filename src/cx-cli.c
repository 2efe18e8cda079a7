/* cx-cli.c: what the command line does without a display
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-cli.h"
#include "cx-data-pack.h"
#include "cx-geojson.h"

/* GeoJSON files for --validate may be larger than pack files. */
#define CX_GEOJSON_MAX_FILE_SIZE (256 * 1024 * 1024)

static void
append_type_counts (GString    *out,
                    const guint counts[CX_GEOMETRY_MULTI_POLYGON + 1])
{
  gboolean first = TRUE;

  for (guint t = 0; t <= CX_GEOMETRY_MULTI_POLYGON; t++)
    {
      if (counts[t] == 0)
        continue;
      g_string_append_printf (out, "%s%s %u", first ? "" : ", ",
                              cx_geometry_type_to_string (t), counts[t]);
      first = FALSE;
    }
  if (first)
    g_string_append (out, "—");
}

static void
summarize_pack (CxDataPack *pack,
                GString    *out)
{
  GListModel *layers = cx_data_pack_get_layers (pack);

  g_string_append_printf (out, _("Data pack “%s”: %s (%s), version %" G_GINT64_FORMAT ", data of %s\n"),
                          cx_data_pack_get_id (pack),
                          cx_data_pack_get_name (pack),
                          cx_data_pack_get_name_zh (pack),
                          cx_data_pack_get_version (pack),
                          cx_data_pack_get_data_date (pack));

  for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
      GListModel *features = cx_layer_get_features (layer);
      guint counts[CX_GEOMETRY_MULTI_POLYGON + 1] = { 0, };
      guint n = g_list_model_get_n_items (features);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CxFeature) feature = g_list_model_get_item (features, i);
          counts[cx_geometry_get_geometry_type (cx_feature_get_geometry (feature))]++;
        }

      g_string_append_printf (out, "  %-18s ", cx_layer_get_id (layer));
      g_string_append_printf (out, ngettext ("%3u feature   ", "%3u features  ", n), n);
      append_type_counts (out, counts);
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, _("  statistics %u, programs %u, sources %u, basemap items %u\n"),
                          g_list_model_get_n_items (cx_data_pack_get_statistics (pack)),
                          g_list_model_get_n_items (cx_data_pack_get_programs (pack)),
                          g_list_model_get_n_items (cx_data_pack_get_sources (pack)),
                          cx_data_pack_get_n_basemap_items (pack));
}

static gboolean
count_geometry (guint        index,
                const char  *id,
                CxGeometry  *geometry,
                JsonObject  *properties,
                gpointer     user_data,
                GError     **error)
{
  guint *counts = user_data;

  counts[cx_geometry_get_geometry_type (geometry)]++;
  return TRUE;
}

static gboolean
looks_like_pack (JsonNode *root)
{
  return JSON_NODE_HOLDS_OBJECT (root) &&
         json_object_has_member (json_node_get_object (root), "format");
}

/**
 * cx_cli_validate:
 * @path: a pack directory, a pack manifest, or a GeoJSON file
 * @out: where the summary goes
 * @err: where the first problem goes
 *
 * Returns: the exit status: 0 when valid, 1 otherwise
 */
int
cx_cli_validate (const char *path,
                 GString    *out,
                 GString    *err)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *display = g_file_get_parse_name (file);
  guint counts[CX_GEOMETRY_MULTI_POLYGON + 1] = { 0, };
  guint total = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    {
      g_string_append_printf (err, _("%s: cannot be read: %s\n"), display, error->message);
      return 1;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(CxDataPack) pack = cx_data_pack_load (file, NULL, &error);

      if (pack == NULL)
        {
          g_string_append_printf (err, "%s\n", error->message);
          return 1;
        }
      summarize_pack (pack, out);
      return 0;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_string_append_printf (err, _("%s: not a regular file or directory\n"), display);
      return 1;
    }

  if (g_file_info_get_size (info) > CX_GEOJSON_MAX_FILE_SIZE)
    {
      g_string_append_printf (err, _("%s: the file is larger than %d MiB\n"),
                              display, CX_GEOJSON_MAX_FILE_SIZE / (1024 * 1024));
      return 1;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_string_append_printf (err, _("%s: cannot be read: %s\n"), display, error->message);
      return 1;
    }

  root = cx_json_parse_bytes (bytes, display, &error);
  if (root == NULL)
    {
      g_string_append_printf (err, "%s\n", error->message);
      return 1;
    }

  if (looks_like_pack (root))
    {
      g_autoptr(CxDataPack) pack = cx_data_pack_load (file, NULL, &error);

      if (pack == NULL)
        {
          g_string_append_printf (err, "%s\n", error->message);
          return 1;
        }
      summarize_pack (pack, out);
      return 0;
    }

  if (!cx_geojson_foreach (root, display, count_geometry, counts, &error))
    {
      g_string_append_printf (err, "%s\n", error->message);
      return 1;
    }

  for (guint t = 0; t <= CX_GEOMETRY_MULTI_POLYGON; t++)
    total += counts[t];

  g_string_append_printf (out, _("GeoJSON file %s\n"), display);
  g_string_append_printf (out, "  %-18s ", _("(one layer)"));
  g_string_append_printf (out, ngettext ("%3u feature   ", "%3u features  ", total), total);
  append_type_counts (out, counts);
  g_string_append_c (out, '\n');

  return 0;
}
