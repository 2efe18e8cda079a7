/* cx-statistic-page.c: the details of a statistic: value, period, status, places and source
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include "cx-details-section.h"
#include "cx-details-text.h"
#include "cx-details-title.h"
#include "cx-format.h"
#include "cx-statistic-page.h"

struct _CxStatisticPage
{
  GtkBox parent_instance;

  /* Template widgets */
  CxDetailsSection *places;
  CxDetailsSection *sources;

  /* Owned */
  CxSelection *selection;
  CxStatistic *item;
  GListStore  *source;       /* its one source, as a list */
};

G_DEFINE_FINAL_TYPE (CxStatisticPage, cx_statistic_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Lists are not properties of the model: they are shown here, once both
 * the item and the selection their rows select in are known. */
static void
show_lists (CxStatisticPage *self)
{
  CxStatistic *item = self->selection != NULL ? self->item : NULL;

  g_list_store_remove_all (self->source);
  if (item != NULL)
    g_list_store_append (self->source, cx_statistic_get_source (item));
  cx_details_section_show_places (self->places, self->selection,
                                  item != NULL ? cx_data_pack_get_statistic_features (cx_selection_get_pack (self->selection), item) : NULL);
  cx_details_section_show_sources (self->sources, G_LIST_MODEL (self->source));
}

static void
set_item (CxStatisticPage *self,
          CxStatistic     *item)
{
  if (!g_set_object (&self->item, item))
    return;

  show_lists (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
cx_statistic_page_dispose (GObject *object)
{
  CxStatisticPage *self = CX_STATISTIC_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_STATISTIC_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->item);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (cx_statistic_page_parent_class)->dispose (object);
}

static void
cx_statistic_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CxStatisticPage *self = CX_STATISTIC_PAGE (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_statistic_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CxStatisticPage *self = CX_STATISTIC_PAGE (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      if (g_set_object (&self->selection, g_value_get_object (value)))
        show_lists (self);
      break;
    case PROP_ITEM:
      set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_statistic_page_class_init (CxStatisticPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_statistic_page_dispose;
  object_class->get_property = cx_statistic_page_get_property;
  object_class->set_property = cx_statistic_page_set_property;

  /* Where the page's rows and cards select what they stand for. */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, CX_TYPE_STATISTIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_DETAILS_TITLE);
  g_type_ensure (CX_TYPE_DETAILS_SECTION);
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
