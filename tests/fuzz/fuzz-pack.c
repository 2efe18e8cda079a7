/* fuzz-pack.c: a single-file data pack, as a pack update delivers it
 *
 * The input is the manifest with every section inline (no base directory,
 * so no file is ever opened). A pack that loads must keep every promise
 * docs/data-pack.md makes; one that does not must say why, readably.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cx-data-pack.h"
#include "fuzz-common.h"
#include "fuzz-geometry.h"

static void
check_pack (CxDataPack *pack)
{
  GListModel *layers = cx_data_pack_get_layers (pack);
  GListModel *features = cx_data_pack_get_features (pack);
  GListModel *programs = cx_data_pack_get_programs (pack);
  GListModel *sources = cx_data_pack_get_sources (pack);
  GListModel *statistics = cx_data_pack_get_statistics (pack);
  CxBounds bounds = cx_data_pack_get_bounds (pack);
  CxBounds max_bounds = cx_data_pack_get_max_bounds (pack);

  FUZZ_CHECK (cx_is_valid_id (cx_data_pack_get_id (pack)));
  FUZZ_CHECK (cx_data_pack_get_version (pack) >= 1);
  FUZZ_CHECK (cx_data_pack_get_min_zoom (pack) >= 1);
  FUZZ_CHECK (cx_data_pack_get_min_zoom (pack) <= cx_data_pack_get_max_zoom (pack));
  FUZZ_CHECK (cx_data_pack_get_max_zoom (pack) <= 20);
  FUZZ_CHECK (bounds.min_x < bounds.max_x && bounds.min_y < bounds.max_y);
  FUZZ_CHECK (max_bounds.min_x <= bounds.min_x && max_bounds.max_y >= bounds.max_y);
  fuzz_check_text (cx_data_pack_get_attribution (pack));
  FUZZ_CHECK (g_list_model_get_n_items (layers) > 0);

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      const CxStyle *style = cx_layer_get_style (layer);

      FUZZ_CHECK (cx_is_valid_id (cx_layer_get_id (layer)));
      FUZZ_CHECK (cx_data_pack_lookup_layer (pack, cx_layer_get_id (layer)) == layer);
      FUZZ_CHECK (style->stroke_width >= 0 && style->stroke_width <= 20);
      FUZZ_CHECK (style->n_dashes <= CX_STYLE_MAX_DASHES);
    }

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) feature = g_list_model_get_item (features, i);
      CxCoord label = cx_feature_get_label_point (feature);

      FUZZ_CHECK (cx_is_valid_id (cx_feature_get_id (feature)));
      FUZZ_CHECK (cx_data_pack_lookup_feature (pack, cx_feature_get_id (feature)) == feature);
      FUZZ_CHECK (cx_feature_get_layer (feature) != NULL);
      FUZZ_CHECK (cx_feature_get_accuracy_m (feature) > 0);
      FUZZ_CHECK (g_list_model_get_n_items (cx_feature_get_sources (feature)) > 0);
      fuzz_check_text (cx_feature_get_kind (feature));
      fuzz_check_text (cx_feature_get_pinyin (feature));
      fuzz_check_coord (label.x, label.y);
      fuzz_check_geometry (cx_feature_get_geometry (feature));
    }

  for (guint i = 0; i < g_list_model_get_n_items (programs); i++)
    {
      g_autoptr(CxProgram) program = g_list_model_get_item (programs, i);

      FUZZ_CHECK (cx_is_valid_date (cx_program_get_start (program)));
      FUZZ_CHECK (g_list_model_get_n_items (cx_data_pack_get_program_features (pack, program)) <=
                  g_list_model_get_n_items (features));
      /* Links are opened in a browser: only http and https may get through. */
      for (guint l = 0; l < cx_program_get_n_links (program); l++)
        FUZZ_CHECK (cx_is_web_url (cx_program_get_link_url (program, l)));
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(CxSource) source = g_list_model_get_item (sources, i);
      const char *url = cx_source_get_url (source);

      FUZZ_CHECK (url == NULL || cx_is_web_url (url));
      FUZZ_CHECK (cx_is_valid_date (cx_source_get_date (source)));
      fuzz_check_text (cx_source_get_title (source));
      fuzz_check_text (cx_source_get_note (source));
    }

  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CxStatistic) statistic = g_list_model_get_item (statistics, i);

      FUZZ_CHECK (isfinite (cx_statistic_get_value (statistic)));
      FUZZ_CHECK (cx_is_valid_period (cx_statistic_get_period (statistic)));
      FUZZ_CHECK (cx_statistic_get_source (statistic) != NULL);

      /* A series: one kind of period, oldest first, each once, within the
       * cap; the statistic's own value is the one for its period. */
      FUZZ_CHECK (cx_statistic_get_n_points (statistic) <= CX_STATISTIC_MAX_POINTS);
      for (guint p = 0; p < cx_statistic_get_n_points (statistic); p++)
        {
          const CxStatisticPoint *point = cx_statistic_get_point (statistic, p);

          FUZZ_CHECK (cx_is_valid_period (point->period) && strchr (point->period, '/') == NULL);
          FUZZ_CHECK (isfinite (point->value));
          FUZZ_CHECK (point->has_value || point->value == 0);
          FUZZ_CHECK (point->source != NULL);
          FUZZ_CHECK (cx_statistic_get_kind (statistic) != CX_STATISTIC_COUNT || point->value >= 0);
          FUZZ_CHECK (cx_statistic_lookup_point (statistic, point->period) == point);
          if (p > 0)
            FUZZ_CHECK (strlen (point->period) == strlen (cx_statistic_get_point (statistic, p - 1)->period));
          if (point->former_id != NULL)
            FUZZ_CHECK (cx_data_pack_lookup_statistic (pack, point->former_id) == statistic);
          fuzz_check_text (point->note);
        }
      if (cx_statistic_get_n_points (statistic) > 0)
        {
          const CxStatisticPoint *own = cx_statistic_lookup_point (statistic, cx_statistic_get_period (statistic));

          FUZZ_CHECK (own != NULL && own->has_value && own->value == cx_statistic_get_value (statistic));
        }

      /* A breakdown: every place is one the pack has, each once. */
      FUZZ_CHECK (cx_statistic_get_n_entries (statistic) <= CX_STATISTIC_MAX_ENTRIES);
      FUZZ_CHECK ((cx_statistic_get_n_entries (statistic) > 0) ==
                  (cx_statistic_get_breakdown_kind (statistic) != CX_BREAKDOWN_NONE));
      for (guint e = 0; e < cx_statistic_get_n_entries (statistic); e++)
        {
          const CxStatisticEntry *entry = cx_statistic_get_entry (statistic, e);

          if (cx_statistic_get_breakdown_kind (statistic) == CX_BREAKDOWN_FEATURE)
            FUZZ_CHECK (cx_data_pack_lookup_feature (pack, entry->id) != NULL);
          else
            FUZZ_CHECK (cx_data_pack_lookup_district (pack, entry->id) != NULL);
          FUZZ_CHECK (cx_statistic_lookup_entry (statistic, entry->id) == entry);
          FUZZ_CHECK (isfinite (entry->value));
          FUZZ_CHECK (entry->source != NULL);
          FUZZ_CHECK (cx_statistic_get_kind (statistic) != CX_STATISTIC_COUNT || entry->value >= 0);
          if (entry->former_id != NULL)
            FUZZ_CHECK (cx_data_pack_lookup_statistic (pack, entry->former_id) == statistic);
          fuzz_check_text (entry->note);
        }
    }

  FUZZ_CHECK (g_list_model_get_n_items (cx_data_pack_get_districts (pack)) <= CX_DATA_PACK_MAX_DISTRICTS);
  for (guint i = 0; i < g_list_model_get_n_items (cx_data_pack_get_districts (pack)); i++)
    {
      g_autoptr(CxDistrict) district = g_list_model_get_item (cx_data_pack_get_districts (pack), i);

      FUZZ_CHECK (cx_is_valid_id (cx_district_get_id (district)));
      FUZZ_CHECK (cx_data_pack_lookup_district (pack, cx_district_get_id (district)) == district);
      fuzz_check_text (cx_district_get_name_en (district));
      fuzz_check_text (cx_district_get_name_zh (district));
    }
  FUZZ_CHECK (cx_data_pack_get_own_district (pack) == NULL ||
              cx_data_pack_lookup_district (pack, cx_district_get_id (cx_data_pack_get_own_district (pack))) ==
              cx_data_pack_get_own_district (pack));

  for (guint i = 0; i < cx_data_pack_get_n_basemap_items (pack); i++)
    {
      const CxBasemapItem *item = cx_data_pack_get_basemap_item (pack, i);

      FUZZ_CHECK (item->klass < CX_BASEMAP_N_CLASSES);
      FUZZ_CHECK (item->accuracy_m == item->accuracy_m);
      fuzz_check_text (item->name);
      fuzz_check_geometry (item->geometry);
    }
}

FUZZ_DEFINE_INITIALIZE ()

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;

  pack = cx_data_pack_load_from_bytes (bytes, NULL, "pack.json", NULL, &error);
  if (pack == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == CX_PACK_ERROR);
      fuzz_check_message (error->message);
      return 0;
    }

  FUZZ_CHECK (error == NULL);
  check_pack (pack);
  return 0;
}
