/* cx-overview-page.c: the pack as a whole, shown when nothing is selected:
 * size, growth, key figures, programs and the data in use
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-details-page.h"
#include "cx-details-section.h"
#include "cx-details-text.h"
#include "cx-format.h"
#include "cx-growth-chart.h"
#include "cx-overview-page.h"
#include "cx-pack-updater.h"

struct _CxOverviewPage
{
  CxDetailsPage parent_instance;

  /* Template widgets */
  CxGrowthChart    *chart;
  CxDetailsSection *key_figures;
  CxDetailsSection *programs;

  /* Owned */
  GListStore  *key_statistics;
};

G_DEFINE_FINAL_TYPE (CxOverviewPage, cx_overview_page, CX_TYPE_DETAILS_PAGE)

/* Template closures: the page's text, from its pack. */

static char *
name_text (CxOverviewPage *self,
           CxDataPack     *pack)
{
  return pack != NULL ? g_strdup (cx_data_pack_get_name (pack)) : NULL;
}

static char *
other_name_text (CxOverviewPage *self,
                 CxDataPack     *pack)
{
  if (pack == NULL)
    return NULL;
  return cx_details_other_name (cx_data_pack_get_name (pack), cx_data_pack_get_name_zh (pack), cx_data_pack_get_name_en (pack));
}

static char *
size_text (CxOverviewPage *self,
           CxDataPack     *pack)
{
  CxStatistic *area = pack != NULL ? cx_data_pack_lookup_statistic (pack, "area") : NULL;
  CxStatistic *population = pack != NULL ? cx_data_pack_lookup_statistic (pack, "population-2020") : NULL;
  g_autofree char *a = NULL;
  g_autofree char *p = NULL;
  g_autofree char *p_period = NULL;

  if (area == NULL || population == NULL)
    return NULL;

  a = cx_format_statistic_value (area);
  p = cx_format_statistic_value (population);
  p_period = cx_format_period (cx_statistic_get_period (population));
  /* TRANSLATORS: area · population (census year), e.g. "38.3 km² · 693,051 people (2020)" */
  return g_strdup_printf (_("%1$s · %2$s (%3$s)"), a, p, p_period);
}

static CxGeometry *
district_outline (CxDataPack *pack)
{
  CxFeature *district = pack != NULL ? cx_data_pack_lookup_feature (pack, "changning-district") : NULL;

  return district != NULL ? cx_feature_get_geometry (district) : NULL;
}

/* The district measured from the outline the map draws, beside the
 * published figure above. */
static char *
measured_text (CxOverviewPage *self,
               CxDataPack     *pack)
{
  return cx_format_measured_shape (district_outline (pack));
}

/* Why the two differ. The published area (the pack's "area" statistic, from
 * reference sources) is that of the district's official boundary; the pack's
 * outline is the ECharts map boundary, quantised to about 100 m and
 * simplified: the official-map outline measures about 38.2 km², this one
 * about 37.2 km² (the pack's note on the statistic). */
static char *
difference_text (CxOverviewPage *self,
                 CxDataPack     *pack)
{
  CxStatistic *area = pack != NULL ? cx_data_pack_lookup_statistic (pack, "area") : NULL;
  g_autofree char *published = NULL;
  g_autofree char *measured = measured_text (self, pack);

  if (area == NULL || measured == NULL)
    return NULL;

  published = cx_format_statistic_value (area);
  /* TRANSLATORS: under the district's measured area, e.g. "The published
   * 38.3 km² is for the district's official boundary; …" */
  return g_strdup_printf (_("The published %s is for the district's official boundary; "
                            "the outline on this map is simplified from a web map's boundary, hence the difference."),
                          published);
}

/* The data in use, and when an update downloaded earlier came. */
static char *
data_text (CxOverviewPage *self,
           CxDataPack     *pack)
{
  g_autofree char *date = NULL;
  g_autofree char *line = NULL;
  g_autofree char *stored_name = NULL;
  g_autoptr(GFile) packs_dir = NULL;
  g_autoptr(GFile) stored = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *updated = NULL;
  gint64 days;

  if (pack == NULL)
    return NULL;

  date = cx_format_date (cx_data_pack_get_data_date (pack));
  /* TRANSLATORS: the data in use: when it was compiled, and the pack's version */
  line = g_strdup_printf (_("Data of %1$s · version %2$d"), date, (int) cx_data_pack_get_version (pack));
  packs_dir = cx_pack_store_get_default_dir ();
  stored_name = g_strdup_printf ("pack-%d.json", (int) cx_data_pack_get_version (pack));
  stored = g_file_get_child (packs_dir, stored_name);
  info = g_file_query_info (stored, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return g_steal_pointer (&line);

  modified = g_file_info_get_modification_date_time (info);
  now = g_date_time_new_now_utc ();
  days = modified != NULL ? g_date_time_difference (now, modified) / G_TIME_SPAN_DAY : 0;
  updated = days < 1 ? g_strdup (_("updated today"))
                     : g_strdup_printf (ngettext ("updated %d day ago", "updated %d days ago", (gulong) days), (int) days);
  return g_strdup_printf ("%s · %s", line, updated);
}

static gboolean
has_bars (CxOverviewPage *self,
          guint           n_bars)
{
  return n_bars > 0;
}

static void
cx_overview_page_show_lists (CxDetailsPage *page)
{
  CxOverviewPage *self = CX_OVERVIEW_PAGE (page);
  CxSelection *selection = cx_details_page_get_selection (page);
  CxDataPack *pack = selection != NULL ? cx_details_page_get_item (page) : NULL;

  /* The key figures are those the pack links to the district as a whole. */
  g_list_store_remove_all (self->key_statistics);
  if (pack != NULL)
    {
      CxFeature *district = cx_data_pack_lookup_feature (pack, "changning-district");
      GListModel *stats = district != NULL ? cx_feature_get_statistics (district) : cx_data_pack_get_statistics (pack);

      for (guint i = 0; i < g_list_model_get_n_items (stats); i++)
        {
          g_autoptr(CxStatistic) stat = g_list_model_get_item (stats, i);
          g_list_store_append (self->key_statistics, stat);
        }
    }
  cx_growth_chart_set_statistics (self->chart, NULL);
  cx_growth_chart_set_statistics (self->chart, G_LIST_MODEL (self->key_statistics));
  cx_details_section_show_statistics (self->key_figures, selection, G_LIST_MODEL (self->key_statistics));
  cx_details_section_show_programs (self->programs, selection, pack != NULL ? cx_data_pack_get_programs (pack) : NULL);
}

static void
cx_overview_page_finalize (GObject *object)
{
  CxOverviewPage *self = CX_OVERVIEW_PAGE (object);

  g_clear_object (&self->key_statistics);

  G_OBJECT_CLASS (cx_overview_page_parent_class)->finalize (object);
}

static void
cx_overview_page_class_init (CxOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CxDetailsPageClass *page_class = CX_DETAILS_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cx_overview_page_finalize;
  page_class->item_type = CX_TYPE_DATA_PACK;
  page_class->show_lists = cx_overview_page_show_lists;

  g_type_ensure (CX_TYPE_GROWTH_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CxOverviewPage, chart);
  gtk_widget_class_bind_template_child (widget_class, CxOverviewPage, key_figures);
  gtk_widget_class_bind_template_child (widget_class, CxOverviewPage, programs);
  gtk_widget_class_bind_template_callback (widget_class, name_text);
  gtk_widget_class_bind_template_callback (widget_class, other_name_text);
  gtk_widget_class_bind_template_callback (widget_class, size_text);
  gtk_widget_class_bind_template_callback (widget_class, measured_text);
  gtk_widget_class_bind_template_callback (widget_class, difference_text);
  gtk_widget_class_bind_template_callback (widget_class, data_text);
  gtk_widget_class_bind_template_callback (widget_class, has_bars);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_overview_page_init (CxOverviewPage *self)
{
  self->key_statistics = g_list_store_new (CX_TYPE_STATISTIC);
  gtk_widget_init_template (GTK_WIDGET (self));
}
