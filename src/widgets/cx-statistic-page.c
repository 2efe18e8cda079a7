/* cx-statistic-page.c: the details of a statistic: value, period, status,
 * its values over time and by place as charts, the own district among the
 * city's, places and sources
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-bar-chart.h"
#include "cx-chart-section.h"
#include "cx-details-page.h"
#include "cx-details-section.h"
#include "cx-details-text.h"
#include "cx-district-figures.h"
#include "cx-format.h"
#include "cx-series.h"
#include "cx-series-chart.h"
#include "cx-statistic-page.h"
#include "cx-thematic.h"

struct _CxStatisticPage
{
  CxDetailsPage parent_instance;

  /* Template widgets */
  CxDetailsSection *places;
  CxDetailsSection *sources;
  CxChartSection   *series_section;
  CxChartSection   *districts_section;
  CxChartSection   *breakdown_section;

  /* Built once, kept across items */
  CxSeriesChart    *series_chart;
  CxBarChart       *districts_chart;
  CxBarChart       *breakdown_chart;
  GtkDropDown      *measure;

  /* Owned */
  GListStore  *source;       /* its one source, as a list */
};

G_DEFINE_FINAL_TYPE (CxStatisticPage, cx_statistic_page, CX_TYPE_DETAILS_PAGE)

/* Template closures: the page's text, from its item. */

static char *
title_text (CxStatisticPage *self,
            CxStatistic     *stat)
{
  return stat != NULL ? g_strdup (cx_statistic_get_title (stat)) : NULL;
}

static char *
other_title_text (CxStatisticPage *self,
                  CxStatistic     *stat)
{
  if (stat == NULL)
    return NULL;
  return cx_details_other_name (cx_statistic_get_title (stat), cx_statistic_get_title_zh (stat), cx_statistic_get_title_en (stat));
}

static char *
value_text (CxStatisticPage *self,
            CxStatistic     *stat)
{
  g_autofree char *value = stat != NULL ? cx_format_statistic_value (stat) : NULL;

  return cx_details_breakable (value);
}

static char *
period_text (CxStatisticPage *self,
             CxStatistic     *stat)
{
  g_autofree char *period = stat != NULL ? cx_format_period (cx_statistic_get_period (stat)) : NULL;

  return cx_details_breakable (period);
}

static char *
comparison_text (CxStatisticPage *self,
                 CxStatistic     *stat)
{
  return stat != NULL ? cx_details_breakable (cx_statistic_get_comparison (stat)) : NULL;
}

static char *
status_text (CxStatisticPage *self,
             CxStatistic     *stat)
{
  return stat != NULL ? cx_format_statistic_status (stat) : NULL;
}

static char *
note_text (CxStatisticPage *self,
           CxStatistic     *stat)
{
  return stat != NULL ? cx_details_breakable (cx_statistic_get_note (stat)) : NULL;
}

static gboolean
can_show_on_map (CxStatisticPage *self,
                 CxStatistic     *stat)
{
  return cx_thematic_can_show (stat);
}

/* win.thematic's target: the statistic's id ("" for none, which the
 * button, hidden then, never sends). */
static GVariant *
show_on_map_target (CxStatisticPage *self,
                    CxStatistic     *stat)
{
  return g_variant_ref_sink (g_variant_new_string (stat != NULL ? cx_statistic_get_id (stat) : ""));
}

/* The statistic a page's district comparison starts from, if any. */
static gboolean
district_measure_for (CxStatistic       *stat,
                      CxDistrictMeasure *measure)
{
  static const CxDistrictMeasure firsts[] = {
    CX_DISTRICT_POPULATION, CX_DISTRICT_AREA, CX_DISTRICT_GDP,
  };

  for (guint i = 0; i < G_N_ELEMENTS (firsts); i++)
    if (g_strcmp0 (cx_statistic_get_id (stat), cx_district_measure_statistic (firsts[i])) == 0)
      {
        *measure = firsts[i];
        return TRUE;
      }
  return FALSE;
}

static void
show_districts (CxStatisticPage *self)
{
  CxSelection *selection = cx_details_page_get_selection (CX_DETAILS_PAGE (self));
  CxDataPack *pack = selection != NULL ? cx_selection_get_pack (selection) : NULL;
  CxDistrictMeasure measure = gtk_drop_down_get_selected (self->measure);
  g_autoptr(CxChartTable) table = NULL;
  g_autoptr(GString) caption = g_string_new (NULL);
  g_autofree char *missing = NULL;

  if (pack == NULL || measure >= CX_DISTRICT_N_MEASURES)
    return;
  table = cx_district_figures (pack, measure);
  if (measure == CX_DISTRICT_DENSITY)
    /* TRANSLATORS: under the districts' density chart */
    g_string_append (caption, _("Computed here: each district's census population divided by its area as published (rounded to the km²)."));
  else if (measure == CX_DISTRICT_GDP_PER_RESIDENT)
    /* TRANSLATORS: under the districts' GDP per resident chart */
    g_string_append (caption, _("Computed here: each district's GDP divided by its resident population of the same year."));
  missing = cx_district_figures_missing (table);
  if (missing != NULL)
    {
      if (caption->len > 0)
        g_string_append_c (caption, ' ');
      /* TRANSLATORS: under a districts' chart: the districts listed without a
       * figure, e.g. "Not available: Huangpu District, Xuhui District." */
      g_string_append_printf (caption, _("Not available: %s."), missing);
    }
  cx_bar_chart_set_table (self->districts_chart, table);
  cx_chart_section_set_caption (self->districts_section, caption->len > 0 ? caption->str : NULL);
}

/* The measures' drop-down items: a label, and the same text as the item's
 * accessible name, which GtkDropDown's default factory leaves unset on the
 * item it shows and the items of its list. */
static void
measure_item_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
measure_item_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  gtk_list_item_set_accessible_label (item, text);
}

static void
on_measure_changed (CxStatisticPage *self)
{
  show_districts (self);
}

static void
show_charts (CxStatisticPage *self,
             CxStatistic     *item)
{
  CxSelection *selection = cx_details_page_get_selection (CX_DETAILS_PAGE (self));
  CxDataPack *pack = selection != NULL ? cx_selection_get_pack (selection) : NULL;
  CxDistrictMeasure measure;
  gboolean series = item != NULL && pack != NULL && cx_statistic_get_n_points (item) > 0;
  gboolean districts = item != NULL && pack != NULL && district_measure_for (item, &measure);
  gboolean by_place = item != NULL && pack != NULL && cx_statistic_get_breakdown_kind (item) == CX_BREAKDOWN_FEATURE;

  gtk_widget_set_visible (GTK_WIDGET (self->series_section), series);
  gtk_widget_set_visible (GTK_WIDGET (self->districts_section), districts);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_section), by_place);

  if (series)
    {
      g_autoptr(CxChartTable) table = cx_series_table (item);
      g_autofree char *growth = cx_series_growth_check (pack, item);
      g_autofree char *first = cx_format_period (cx_statistic_get_point (item, 0)->period);
      g_autofree char *last = cx_format_period (cx_statistic_get_point (item, cx_statistic_get_n_points (item) - 1)->period);
      g_autofree char *unit = cx_format_unit (item);
      g_autoptr(GString) caption = g_string_new (NULL);

      /* TRANSLATORS: under a chart over time: its unit (e.g. "billions
       * of yuan (¥ bn)"), its first and last period */
      g_string_append_printf (caption, _("Unit: %1$s. From %2$s to %3$s; a dashed column is a gap, with no figure published or found."),
                              unit, first, last);
      if (growth != NULL)
        g_string_append_printf (caption, "\n%s", growth);
      cx_series_chart_set_table (self->series_chart, table);
      cx_chart_section_set_caption (self->series_section, caption->str);
    }

  if (districts)
    {
      CxDistrict *own = cx_data_pack_get_own_district (pack);
      g_autofree char *title = NULL;

      if (own != NULL)
        /* TRANSLATORS: heading of the chart comparing the city's districts,
         * e.g. "Changning District among Shanghai's districts" */
        title = g_strdup_printf (_("%s among the districts"), cx_district_get_name (own));
      g_object_set (self->districts_section, "title", title != NULL ? title : _("The districts"), NULL);
      g_signal_handlers_block_by_func (self->measure, on_measure_changed, self);
      gtk_drop_down_set_selected (self->measure, measure);
      g_signal_handlers_unblock_by_func (self->measure, on_measure_changed, self);
      show_districts (self);
    }

  if (by_place)
    {
      /* TRANSLATORS: heading of the first column of a breakdown's table */
      g_autoptr(CxChartTable) table = cx_chart_table_new (cx_statistic_get_title (item), _("Place"));
      g_autofree char *period = cx_format_period (cx_statistic_get_period (item));

      for (guint i = 0; i < cx_statistic_get_n_entries (item); i++)
        {
          const CxStatisticEntry *entry = cx_statistic_get_entry (item, i);
          CxFeature *feature = cx_data_pack_lookup_feature (pack, entry->id);
          g_autofree char *text = entry->has_value ? cx_format_statistic_figure (item, entry->value) : NULL;
          g_autofree char *cited = cx_chart_cite (entry->source);
          CxChartRow *row = cx_chart_table_append (table, entry->id,
                                                   feature != NULL ? cx_feature_get_name (feature) : entry->id,
                                                   entry->has_value, entry->value);

          cx_chart_row_set_details (row, text, cx_statistic_get_unit (item), period, cited);
        }
      cx_bar_chart_set_table (self->breakdown_chart, table);
    }
}

static void
add_source (GListStore *store,
            CxSource   *source)
{
  if (!g_list_store_find (store, source, NULL))
    g_list_store_append (store, source);
}

static void
cx_statistic_page_show_lists (CxDetailsPage *page)
{
  CxStatisticPage *self = CX_STATISTIC_PAGE (page);
  CxSelection *selection = cx_details_page_get_selection (page);
  CxStatistic *item = selection != NULL ? cx_details_page_get_item (page) : NULL;

  /* The statistic's source, then those of its values that differ. */
  g_list_store_remove_all (self->source);
  if (item != NULL)
    {
      add_source (self->source, cx_statistic_get_source (item));
      for (guint i = 0; i < cx_statistic_get_n_points (item); i++)
        add_source (self->source, cx_statistic_get_point (item, i)->source);
      for (guint i = 0; i < cx_statistic_get_n_entries (item); i++)
        add_source (self->source, cx_statistic_get_entry (item, i)->source);
    }
  cx_details_section_show_places (self->places, selection,
                                  item != NULL ? cx_data_pack_get_statistic_features (cx_selection_get_pack (selection), item) : NULL);
  cx_details_section_show_sources (self->sources, G_LIST_MODEL (self->source));
  show_charts (self, item);
}

static void
cx_statistic_page_finalize (GObject *object)
{
  CxStatisticPage *self = CX_STATISTIC_PAGE (object);

  g_clear_object (&self->source);

  G_OBJECT_CLASS (cx_statistic_page_parent_class)->finalize (object);
}

static void
cx_statistic_page_class_init (CxStatisticPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CxDetailsPageClass *page_class = CX_DETAILS_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cx_statistic_page_finalize;
  page_class->item_type = CX_TYPE_STATISTIC;
  page_class->show_lists = cx_statistic_page_show_lists;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-statistic-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CxStatisticPage, places);
  gtk_widget_class_bind_template_child (widget_class, CxStatisticPage, sources);
  gtk_widget_class_bind_template_callback (widget_class, title_text);
  gtk_widget_class_bind_template_callback (widget_class, other_title_text);
  gtk_widget_class_bind_template_callback (widget_class, value_text);
  gtk_widget_class_bind_template_callback (widget_class, period_text);
  gtk_widget_class_bind_template_callback (widget_class, comparison_text);
  gtk_widget_class_bind_template_callback (widget_class, status_text);
  gtk_widget_class_bind_template_callback (widget_class, note_text);
  gtk_widget_class_bind_template_child (widget_class, CxStatisticPage, series_section);
  gtk_widget_class_bind_template_child (widget_class, CxStatisticPage, districts_section);
  gtk_widget_class_bind_template_child (widget_class, CxStatisticPage, breakdown_section);
  gtk_widget_class_bind_template_callback (widget_class, can_show_on_map);
  gtk_widget_class_bind_template_callback (widget_class, show_on_map_target);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

/* A bar of the breakdown chosen (click, Enter, Space): its place is
 * selected, on the map too, as the thematic panel's bars do. */
static void
on_breakdown_activated (CxBarChart      *chart,
                        const char      *id,
                        CxStatisticPage *self)
{
  CxSelection *selection = cx_details_page_get_selection (CX_DETAILS_PAGE (self));
  CxFeature *feature;

  if (selection == NULL)
    return;

  feature = cx_data_pack_lookup_feature (cx_selection_get_pack (selection), id);
  if (feature != NULL)
    cx_selection_select (selection, G_OBJECT (feature));
}

static void
cx_statistic_page_init (CxStatisticPage *self)
{
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkWidget *row, *label;

  g_type_ensure (CX_TYPE_CHART_SECTION);
  self->source = g_list_store_new (CX_TYPE_SOURCE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->series_chart = CX_SERIES_CHART (cx_series_chart_new ());
  cx_chart_section_set_chart (self->series_section, GTK_WIDGET (self->series_chart));
  self->breakdown_chart = CX_BAR_CHART (cx_bar_chart_new ());
  cx_chart_section_set_chart (self->breakdown_section, GTK_WIDGET (self->breakdown_chart));
  g_signal_connect (self->breakdown_chart, "row-activated", G_CALLBACK (on_breakdown_activated), self);
  self->districts_chart = CX_BAR_CHART (cx_bar_chart_new ());
  cx_chart_section_set_chart (self->districts_section, GTK_WIDGET (self->districts_chart));

  /* What the districts are compared by: a drop-down, which fits a narrow
   * panel where five toggles would not. */
  for (CxDistrictMeasure m = 0; m < CX_DISTRICT_N_MEASURES; m++)
    gtk_string_list_append (measures, cx_district_measure_name (m));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* TRANSLATORS: label of the drop-down choosing what the districts are compared by */
  label = gtk_label_new_with_mnemonic (_("Compare _by"));
  self->measure = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&measures)), NULL));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (measure_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (measure_item_bind), NULL);
  gtk_drop_down_set_factory (self->measure, factory);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->measure));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->measure),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->measure));
  gtk_box_append (GTK_BOX (cx_chart_section_get_extra (self->districts_section)), row);
  gtk_widget_set_visible (cx_chart_section_get_extra (self->districts_section), TRUE);
  g_signal_connect_swapped (self->measure, "notify::selected", G_CALLBACK (on_measure_changed), self);
}
