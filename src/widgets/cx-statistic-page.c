/* cx-statistic-page.c: the details of a statistic: value, period, status,
 * places and source
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include "cx-details-page.h"
#include "cx-details-section.h"
#include "cx-details-text.h"
#include "cx-format.h"
#include "cx-statistic-page.h"

struct _CxStatisticPage
{
  CxDetailsPage parent_instance;

  /* Template widgets */
  CxDetailsSection *places;
  CxDetailsSection *sources;

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

static void
cx_statistic_page_show_lists (CxDetailsPage *page)
{
  CxStatisticPage *self = CX_STATISTIC_PAGE (page);
  CxSelection *selection = cx_details_page_get_selection (page);
  CxStatistic *item = selection != NULL ? cx_details_page_get_item (page) : NULL;

  g_list_store_remove_all (self->source);
  if (item != NULL)
    g_list_store_append (self->source, cx_statistic_get_source (item));
  cx_details_section_show_places (self->places, selection,
                                  item != NULL ? cx_data_pack_get_statistic_features (cx_selection_get_pack (selection), item) : NULL);
  cx_details_section_show_sources (self->sources, G_LIST_MODEL (self->source));
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
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_statistic_page_init (CxStatisticPage *self)
{
  self->source = g_list_store_new (CX_TYPE_SOURCE);
  gtk_widget_init_template (GTK_WIDGET (self));
}
