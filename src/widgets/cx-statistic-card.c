/* cx-statistic-card.c: a statistic as a card (value, title, period and
 * comparison, source); clicking it selects the statistic. On a place's
 * page, a statistic broken down by place shows that place's value.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-details-text.h"
#include "cx-format.h"
#include "cx-statistic-card.h"

struct _CxStatisticCard
{
  GtkButton parent_instance;

  /* Owned */
  CxSelection *selection;
  CxStatistic *statistic;
  char        *place;       /* a feature id, or NULL */
};

G_DEFINE_FINAL_TYPE (CxStatisticCard, cx_statistic_card, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_STATISTIC,
  PROP_PLACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Template closures: the card's lines, from its statistic. */

/* The breakdown's value for the card's place, if the statistic has one. */
static const CxStatisticEntry *
place_entry (CxStatistic *stat,
             const char  *place)
{
  if (stat == NULL || place == NULL || cx_statistic_get_breakdown_kind (stat) != CX_BREAKDOWN_FEATURE)
    return NULL;
  return cx_statistic_lookup_entry (stat, place);
}

static char *
format_value (CxStatistic *stat,
              const char  *place)
{
  const CxStatisticEntry *entry = place_entry (stat, place);

  if (entry == NULL)
    return cx_format_statistic_value (stat);
  if (!entry->has_value)
    return g_strdup (_("Not available"));
  return cx_format_statistic_figure (stat, entry->value);
}

static char *
value_text (CxStatisticCard *self,
            CxStatistic     *stat,
            const char      *place)
{
  g_autofree char *value = stat != NULL ? format_value (stat, place) : NULL;

  return cx_details_breakable (value);
}

static char *
title_text (CxStatisticCard *self,
            CxStatistic     *stat)
{
  return stat != NULL ? cx_details_breakable (cx_statistic_get_title (stat)) : NULL;
}

static char *
period_text (CxStatisticCard *self,
             CxStatistic     *stat)
{
  g_autofree char *period = stat != NULL ? cx_format_period (cx_statistic_get_period (stat)) : NULL;

  return cx_details_breakable (period);
}

static char *
comparison_text (CxStatisticCard *self,
                 CxStatistic     *stat)
{
  return stat != NULL ? cx_details_breakable (cx_statistic_get_comparison (stat)) : NULL;
}

static char *
source_text (CxStatisticCard *self,
             CxStatistic     *stat,
             const char      *place)
{
  const CxStatisticEntry *entry = place_entry (stat, place);
  g_autofree char *citation = NULL;
  g_autofree char *line = NULL;

  if (stat == NULL)
    return NULL;
  citation = cx_format_source (entry != NULL ? entry->source : cx_statistic_get_source (stat));
  line = g_strdup_printf (_("Source: %s"), citation);
  return cx_details_breakable (line);
}

static void
update_accessible (CxStatisticCard *self)
{
  CxStatistic *stat = self->statistic;
  g_autofree char *value = NULL;
  g_autofree char *period = NULL;
  g_autofree char *accessible = NULL;

  if (stat != NULL)
    {
      value = format_value (stat, self->place);
      period = cx_format_period (cx_statistic_get_period (stat));
      /* TRANSLATORS: a statistic card read aloud: title: value, period */
      accessible = g_strdup_printf (_("%1$s: %2$s, %3$s"), cx_statistic_get_title (stat), value, period);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
}

static void
set_statistic (CxStatisticCard *self,
               CxStatistic     *stat)
{
  if (!g_set_object (&self->statistic, stat))
    return;

  /* Tests and the window find a card by the statistic it stands for. */
  g_object_set_data_full (G_OBJECT (self), "cx-item", stat != NULL ? g_object_ref (stat) : NULL, g_object_unref);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATISTIC]);
}

static void
cx_statistic_card_clicked (GtkButton *button)
{
  CxStatisticCard *self = CX_STATISTIC_CARD (button);

  if (self->selection != NULL && self->statistic != NULL)
    cx_selection_select (self->selection, G_OBJECT (self->statistic));
}

static void
cx_statistic_card_dispose (GObject *object)
{
  CxStatisticCard *self = CX_STATISTIC_CARD (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->statistic);
  g_clear_pointer (&self->place, g_free);

  G_OBJECT_CLASS (cx_statistic_card_parent_class)->dispose (object);
}

static void
cx_statistic_card_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CxStatisticCard *self = CX_STATISTIC_CARD (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_STATISTIC:
      g_value_set_object (value, self->statistic);
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_statistic_card_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CxStatisticCard *self = CX_STATISTIC_CARD (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_set_object (&self->selection, g_value_get_object (value));
      break;
    case PROP_STATISTIC:
      set_statistic (self, g_value_get_object (value));
      break;
    case PROP_PLACE:
      cx_statistic_card_set_place (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_statistic_card_class_init (CxStatisticCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->dispose = cx_statistic_card_dispose;
  object_class->get_property = cx_statistic_card_get_property;
  object_class->set_property = cx_statistic_card_set_property;
  button_class->clicked = cx_statistic_card_clicked;

  /* Where clicking the card selects its statistic. */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATISTIC] =
    g_param_spec_object ("statistic", NULL, NULL, CX_TYPE_STATISTIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The feature whose page the card is on: a statistic broken down by
   * feature shows that feature's value and source. */
  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-statistic-card.ui");
  gtk_widget_class_bind_template_callback (widget_class, value_text);
  gtk_widget_class_bind_template_callback (widget_class, title_text);
  gtk_widget_class_bind_template_callback (widget_class, period_text);
  gtk_widget_class_bind_template_callback (widget_class, comparison_text);
  gtk_widget_class_bind_template_callback (widget_class, source_text);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_statistic_card_init (CxStatisticCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_statistic_card_new (CxSelection *selection,
                       CxStatistic *statistic)
{
  return g_object_new (CX_TYPE_STATISTIC_CARD, "selection", selection, "statistic", statistic, NULL);
}

CxStatistic *
cx_statistic_card_get_statistic (CxStatisticCard *self)
{
  g_return_val_if_fail (CX_IS_STATISTIC_CARD (self), NULL);

  return self->statistic;
}

/**
 * cx_statistic_card_set_place:
 * @place: (nullable): the id of the feature whose page the card is on
 *
 * Where the statistic is broken down by feature and has a value for
 * @place, the card shows that value and its source instead of the
 * statistic's own (a subdistrict's page shows the subdistrict's jobs).
 */
void
cx_statistic_card_set_place (CxStatisticCard *self,
                             const char      *place)
{
  g_return_if_fail (CX_IS_STATISTIC_CARD (self));

  if (!g_set_str (&self->place, place))
    return;
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}
