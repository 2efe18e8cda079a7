/* cx-cli.c: what the command line does without a display
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-cli.h"
#include "cx-data-pack.h"
#include "cx-import.h"

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

  g_string_append_printf (out, _("Data pack “%s”: %s (%s), version %lld, data of %s\n"),
                          cx_data_pack_get_id (pack),
                          cx_data_pack_get_name (pack),
                          cx_data_pack_get_name_zh (pack),
                          (long long) cx_data_pack_get_version (pack),
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

  {
    GListModel *statistics = cx_data_pack_get_statistics (pack);
    guint n_series = 0, n_points = 0, n_breakdowns = 0, n_entries = 0;

    for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
      {
        g_autoptr(CxStatistic) stat = g_list_model_get_item (statistics, i);

        n_series += cx_statistic_get_n_points (stat) > 0;
        n_points += cx_statistic_get_n_points (stat);
        n_breakdowns += cx_statistic_get_breakdown_kind (stat) != CX_BREAKDOWN_NONE;
        n_entries += cx_statistic_get_n_entries (stat);
      }
    /* TRANSLATORS: --validate's summary of what the statistics hold */
    g_string_append_printf (out, _("  series %u (%u values), breakdowns %u (%u values), districts %u\n"),
                            n_series, n_points, n_breakdowns, n_entries,
                            g_list_model_get_n_items (cx_data_pack_get_districts (pack)));

    /* Each computed ratio by name, with what it divides: the loader has
     * computed its values, so a pack that says this is consistent. */
    for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
      {
        g_autoptr(CxStatistic) stat = g_list_model_get_item (statistics, i);
        CxStatistic *numerator, *denominator;

        if (cx_statistic_get_ratio (stat, &numerator, &denominator))
          /* TRANSLATORS: --validate: "computed ratio jobs-density-2023 =
           * jobs-2023 ÷ subdistrict-area-osm (10 values)" */
          g_string_append_printf (out, _("  computed ratio %s = %s ÷ %s (%u values)\n"),
                                  cx_statistic_get_id (stat), cx_statistic_get_id (numerator),
                                  cx_statistic_get_id (denominator), cx_statistic_get_n_entries (stat));
      }
  }
}

/* "121.4460°E", "31.2339°N": degrees as a planner reads them; each format
 * is translated whole, so that Chinese can put the hemisphere first
 * (东经121.4460°). */
static char *
format_degrees (double   value,
                gboolean longitude)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.4f", fabs (value));
  if (longitude && value < 0)
    /* TRANSLATORS: --validate: degrees west; %s is the number */
    return g_strdup_printf (C_("longitude", "%s°W"), number);
  if (longitude)
    /* TRANSLATORS: --validate: degrees east ("121.4460°E"); %s is the number */
    return g_strdup_printf (C_("longitude", "%s°E"), number);
  if (value < 0)
    /* TRANSLATORS: --validate: degrees south; %s is the number */
    return g_strdup_printf (C_("latitude", "%s°S"), number);
  /* TRANSLATORS: --validate: degrees north ("31.2339°N"); %s is the number */
  return g_strdup_printf (C_("latitude", "%s°N"), number);
}

static void
append_counts (GString          *out,
               const char       *name,
               const guint      *counts,
               const char * const *types,
               guint             n_types)
{
  gboolean first = TRUE;
  guint n = 0;

  for (guint t = 0; t < n_types; t++)
    n += counts[t];

  g_string_append_printf (out, "  %-18s ", name);
  g_string_append_printf (out, ngettext ("%3u feature   ", "%3u features  ", n), n);
  for (guint t = 0; t < n_types; t++)
    {
      if (counts[t] == 0)
        continue;
      g_string_append_printf (out, "%s%s %u", first ? "" : ", ", types[t], counts[t]);
      first = FALSE;
    }
  if (first)
    g_string_append (out, "—");
  g_string_append_c (out, '\n');
}

/* A file is checked by the importer itself (GeoJSON in the window's own
 * reader, other formats in the import helper), so that --validate accepts
 * exactly what File → Open accepts, with the same messages. */
static void
summarize_layer (CxImportedLayer *layer,
                 const char      *display,
                 GString         *out)
{
  static const char * const types[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
  };
  GListModel *features = cx_imported_layer_get_features (layer);
  guint n = g_list_model_get_n_items (features);
  guint n_sublayers = MAX (1, cx_imported_layer_get_n_sublayers (layer));
  g_autofree guint *counts = g_new0 (guint, n_sublayers * G_N_ELEMENTS (types));
  guint unlocated = cx_imported_layer_get_n_unlocated (layer);
  guint clamped = cx_imported_layer_get_n_clamped (layer);
  const char *format = cx_imported_layer_get_format (layer);
  gboolean geojson = cx_imported_layer_get_n_sublayers (layer) == 0;
  CxBounds bounds = cx_imported_layer_get_bounds (layer);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxImportedFeature) feature = g_list_model_get_item (features, i);
      const char *type = cx_imported_feature_get_geojson_type (feature);
      guint sublayer = MIN (cx_imported_feature_get_sublayer (feature), n_sublayers - 1);

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        if (g_str_equal (type, types[t]))
          counts[sublayer * G_N_ELEMENTS (types) + t]++;
    }

  if (geojson)
    g_string_append_printf (out, _("GeoJSON file %s\n"), display);
  else
    /* TRANSLATORS: --validate: "GPKG file /path/parcels.gpkg"; the first
     * %s is GDAL's name for the format */
    g_string_append_printf (out, _("%s file %s\n"), format, display);

  if (geojson)
    g_string_append_printf (out, _("  coordinate system: %s\n"), _("WGS 84 (RFC 7946)"));
  else if (cx_imported_layer_get_crs_override (layer) != NULL)
    /* TRANSLATORS: --validate: the CRS given with the file rather than in it */
    g_string_append_printf (out, _("  coordinate system: %s (chosen)\n"),
                            cx_imported_layer_get_crs_override (layer));
  else if (cx_imported_layer_get_crs (layer) != NULL)
    g_string_append_printf (out, _("  coordinate system: %s\n"), cx_imported_layer_get_crs (layer));
  else
    g_string_append_printf (out, _("  coordinate system: %s\n"), _("none (longitude and latitude)"));

  if (!cx_bounds_is_empty (&bounds))
    {
      g_autofree char *west = format_degrees (bounds.min_x, TRUE);
      g_autofree char *south = format_degrees (bounds.min_y, FALSE);
      g_autofree char *east = format_degrees (bounds.max_x, TRUE);
      g_autofree char *north = format_degrees (bounds.max_y, FALSE);

      /* TRANSLATORS: --validate: "extent 121.3541°E 31.1975°N – 121.4460°E 31.2339°N",
       * south-west corner, then north-east, in WGS84 degrees */
      g_string_append_printf (out, _("  extent %s %s – %s %s\n"), west, south, east, north);
    }

  for (guint s = 0; s < n_sublayers; s++)
    {
      const char *crs = geojson ? NULL : cx_imported_layer_get_sublayer_crs (layer, s);

      append_counts (out,
                     geojson ? _("(one layer)") : cx_imported_layer_get_sublayer_name (layer, s),
                     counts + s * G_N_ELEMENTS (types), types, G_N_ELEMENTS (types));
      /* A layer in another system than the first says so. */
      if (s > 0 && cx_imported_layer_get_crs_override (layer) == NULL &&
          g_strcmp0 (crs, cx_imported_layer_get_crs (layer)) != 0)
        g_string_append_printf (out, _("    coordinate system: %s\n"),
                                crs != NULL ? crs : _("none (longitude and latitude)"));
    }

  if (unlocated > 0)
    g_string_append_printf (out, ngettext ("  %u more feature has no location (a null or empty geometry) and is not drawn\n",
                                           "  %u more features have no location (a null or empty geometry) and are not drawn\n",
                                           unlocated),
                            unlocated);
  if (clamped > 0)
    g_string_append_printf (out, ngettext ("  %u position lies beyond 85.05° latitude, where the map ends, and is drawn at its edge\n",
                                           "  %u positions lie beyond 85.05° latitude, where the map ends, and are drawn at its edge\n",
                                           clamped),
                            clamped);
}

/**
 * cx_cli_validate:
 * @path: a pack directory, a pack manifest, or a GeoJSON file or any other
 *   format the import helper reads (checked
 *   by the importer, as if opened in the window)
 * @crs: (nullable): the coordinate system of a file that names none
 *   (`--crs`), "EPSG:4549"
 * @out: where the summary goes
 * @err: where the first problem goes
 *
 * Returns: the exit status: 0 when valid, 1 otherwise
 */
int
cx_cli_validate (const char *path,
                 const char *crs,
                 GString    *out,
                 GString    *err)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autofree char *display = g_file_get_parse_name (file);

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

  layer = cx_import_file_full (file, display, crs, FALSE, NULL, &error);
  if (layer != NULL)
    {
      summarize_layer (layer, display, out);
      return 0;
    }

  /* A pack manifest is JSON without a GeoJSON "type". */
  if (g_error_matches (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_DATA_PACK))
    {
      g_autoptr(CxDataPack) pack = NULL;

      g_clear_error (&error);
      pack = cx_data_pack_load (file, NULL, &error);
      if (pack == NULL)
        {
          /* Named as the window names it, then why it cannot be used. */
          g_string_append_printf (err, _("%s: this is a Changning Explorer data pack, not a GeoJSON layer, and as a pack it is not valid: %s\n"),
                                  display, error->message);
          return 1;
        }
      summarize_pack (pack, out);
      return 0;
    }

  g_string_append_printf (err, "%s\n", error->message);
  /* The window offers the choice; here it is an option. */
  if (g_error_matches (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS))
    g_string_append_printf (err, _("changning-explorer: give it with --crs, for example --crs EPSG:4549 for CGCS2000 Gauss–Krüger with central meridian 120°E\n"));
  return 1;
}
