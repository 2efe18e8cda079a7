/* cx-statistic-page.c: the details of a statistic: value, period, status,
 * its values over time and by place (as text, until charts show them),
 * places and sources
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
#include "cx-statistic-page.h"
#include "cx-thematic.h"

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

/* One value of a series or a breakdown: "2018: ¥141.88 bn", with its
 * publisher where it is not the statistic's source. */
static void
append_value_line (GString     *out,
                   CxStatistic *stat,
                   const char  *label,
                   gboolean     has_value,
                   double       value,
                   CxSource    *source)
{
  g_autofree char *figure = has_value ? cx_format_statistic_figure (stat, value) : g_strdup (_("not available"));

  g_string_append_c (out, '\n');
  if (source != cx_statistic_get_source (stat))
    /* TRANSLATORS: a value of a statistic's series or breakdown and where
     * it is from: "2018: ¥141.88 bn (Travel China Guide)" */
    g_string_append_printf (out, _("%1$s: %2$s (%3$s)"), label, figure, cx_source_get_publisher (source));
  else
    /* TRANSLATORS: a value of a statistic's series or breakdown: "2024: ¥278.9 bn" */
    g_string_append_printf (out, C_("a value and what it is for", "%1$s: %2$s"), label, figure);
}

static char *
values_text (CxStatisticPage *self,
             CxStatistic     *stat)
{
  CxSelection *selection = cx_details_page_get_selection (CX_DETAILS_PAGE (self));
  CxDataPack *pack = selection != NULL ? cx_selection_get_pack (selection) : NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (stat == NULL || pack == NULL)
    return NULL;

  if (cx_statistic_get_n_points (stat) > 0)
    {
      g_string_append (out, _("Over time"));
      for (guint i = 0; i < cx_statistic_get_n_points (stat); i++)
        {
          const CxStatisticPoint *point = cx_statistic_get_point (stat, i);
          g_autofree char *period = cx_format_period (point->period);

          append_value_line (out, stat, period, point->has_value, point->value, point->source);
        }
    }

  if (cx_statistic_get_n_entries (stat) > 0)
    {
      gboolean by_district = cx_statistic_get_breakdown_kind (stat) == CX_BREAKDOWN_DISTRICT;

      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, by_district ? _("By district") : _("By place"));
      for (guint i = 0; i < cx_statistic_get_n_entries (stat); i++)
        {
          const CxStatisticEntry *entry = cx_statistic_get_entry (stat, i);
          CxDistrict *district = by_district ? cx_data_pack_lookup_district (pack, entry->id) : NULL;
          CxFeature *feature = by_district ? NULL : cx_data_pack_lookup_feature (pack, entry->id);
          const char *name = district != NULL ? cx_district_get_name (district)
                           : feature != NULL ? cx_feature_get_name (feature) : entry->id;

          append_value_line (out, stat, name, entry->has_value, entry->value, entry->source);
        }
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
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
  gtk_widget_class_bind_template_callback (widget_class, values_text);
  gtk_widget_class_bind_template_callback (widget_class, can_show_on_map);
  gtk_widget_class_bind_template_callback (widget_class, show_on_map_target);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_statistic_page_init (CxStatisticPage *self)
{
  self->source = g_list_store_new (CX_TYPE_SOURCE);
  gtk_widget_init_template (GTK_WIDGET (self));
}
