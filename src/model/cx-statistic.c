/* cx-statistic.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-statistic"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-enums.h"
#include "cx-data-pack.h"
#include "cx-format.h"
#include "cx-item.h"
#include "cx-pack-private.h"
#include "cx-properties.h"

static void cx_statistic_item_iface_init (CxItemInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxStatistic, cx_statistic, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CX_TYPE_ITEM, cx_statistic_item_iface_init))

static void
cx_statistic_finalize (GObject *object)
{
  CxStatistic *self = (CxStatistic *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->title_zh);
  g_free (self->unit);
  g_free (self->period);
  g_free (self->comparison);
  g_free (self->note);
  g_clear_object (&self->source);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->entry_index, g_hash_table_unref);

  G_OBJECT_CLASS (cx_statistic_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_TITLE_EN,
  PROP_TITLE_ZH,
  PROP_UNIT,
  PROP_PERIOD,
  PROP_COMPARISON,
  PROP_COMPARISON_EN,
  PROP_NOTE,
  PROP_NOTE_EN,
  PROP_KIND,
  PROP_VALUE,
  PROP_STATUS,
  PROP_SOURCE,
  N_PROPS,
  PROP_ITEM_FIRST = N_PROPS,   /* id, title, kind-label: CxItem */
};

static GParamSpec *properties[N_PROPS];

static const CxStringProperty string_properties[] = {
  { PROP_TITLE_EN, "title-en" },
  { PROP_TITLE_ZH, "title-zh" },
  { PROP_UNIT, "unit" },
  { PROP_PERIOD, "period" },
  { PROP_COMPARISON, "comparison" },
  { PROP_COMPARISON_EN, "comparison-en" },
  { PROP_NOTE, "note" },
  { PROP_NOTE_EN, "note-en" },
};

static const char *
cx_statistic_item_get_id (CxItem *item)
{
  return cx_statistic_get_id (CX_STATISTIC (item));
}

static const char *
cx_statistic_item_get_title (CxItem *item)
{
  return cx_statistic_get_title (CX_STATISTIC (item));
}

static const char *
cx_statistic_item_get_kind_label (CxItem *item)
{
  return _("Statistic");
}

static CxSelectionKind
cx_statistic_item_get_kind (CxItem *item)
{
  return CX_SELECTION_STATISTIC;
}

static char *
cx_statistic_item_dup_announcement (CxItem *item)
{
  g_autofree char *value = cx_format_statistic_value (CX_STATISTIC (item));
  g_autofree char *period = cx_format_period (cx_statistic_get_period (CX_STATISTIC (item)));

  /* TRANSLATORS: read aloud when a statistic is selected: title, value, period */
  return g_strdup_printf (_("Statistic: %1$s, %2$s, %3$s"), cx_statistic_get_title (CX_STATISTIC (item)), value, period);
}

static GListModel *
cx_statistic_item_dup_places (CxItem     *item,
                              CxDataPack *pack)
{
  return g_object_ref (cx_data_pack_get_statistic_features (pack, CX_STATISTIC (item)));
}

static void
cx_statistic_item_iface_init (CxItemInterface *iface)
{
  iface->get_id = cx_statistic_item_get_id;
  iface->get_title = cx_statistic_item_get_title;
  iface->get_kind_label = cx_statistic_item_get_kind_label;
  iface->get_kind = cx_statistic_item_get_kind;
  iface->dup_announcement = cx_statistic_item_dup_announcement;
  iface->dup_places = cx_statistic_item_dup_places;
}

static void
cx_statistic_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CxStatistic *self = CX_STATISTIC (object);

  if (cx_item_get_property (object, PROP_ITEM_FIRST, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_TITLE_EN:
      g_value_set_string (value, cx_statistic_get_title_en (self));
      break;
    case PROP_TITLE_ZH:
      g_value_set_string (value, cx_statistic_get_title_zh (self));
      break;
    case PROP_UNIT:
      g_value_set_string (value, cx_statistic_get_unit (self));
      break;
    case PROP_PERIOD:
      g_value_set_string (value, cx_statistic_get_period (self));
      break;
    case PROP_COMPARISON:
      g_value_set_string (value, cx_statistic_get_comparison (self));
      break;
    case PROP_COMPARISON_EN:
      g_value_set_string (value, cx_statistic_get_comparison_en (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, cx_statistic_get_note (self));
      break;
    case PROP_NOTE_EN:
      g_value_set_string (value, cx_statistic_get_note_en (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, cx_statistic_get_kind (self));
      break;
    case PROP_VALUE:
      g_value_set_double (value, cx_statistic_get_value (self));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, cx_statistic_get_status (self));
      break;
    case PROP_SOURCE:
      g_value_set_object (value, cx_statistic_get_source (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_statistic_class_init (CxStatisticClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_statistic_finalize;
  object_class->get_property = cx_statistic_get_property;

  cx_string_properties_install (properties, string_properties, G_N_ELEMENTS (string_properties));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CX_TYPE_STATISTIC_KIND, CX_STATISTIC_GROWTH,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CX_TYPE_STATISTIC_STATUS, CX_STATISTIC_CONFIRMED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, CX_TYPE_SOURCE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  cx_item_install_properties (object_class, PROP_ITEM_FIRST);
}

static void
cx_statistic_init (CxStatistic *self)
{
}

const char *cx_statistic_get_id (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->id; }

/**
 * cx_statistic_get_title:
 *
 * Returns: the title in the user's language: the pack's English title
 *   translated through gettext (for zh_CN, the pack's Chinese title)
 */
const char *
cx_statistic_get_title (CxStatistic *self)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);

  return cx_pack_gettext ("statistic-title", self->id, self->title);
}

const char *cx_statistic_get_title_en (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->title; }
const char *cx_statistic_get_title_zh (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->title_zh; }
CxStatisticKind cx_statistic_get_kind (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), 0); return self->kind; }
double cx_statistic_get_value (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), 0); return self->value; }
const char *cx_statistic_get_unit (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->unit; }
const char *cx_statistic_get_period (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->period; }

/**
 * cx_statistic_get_comparison:
 *
 * Returns: (nullable): the comparison in the user's language (see
 *   cx_statistic_get_title())
 */
const char *
cx_statistic_get_comparison (CxStatistic *self)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);

  return cx_pack_gettext ("statistic-comparison", self->id, self->comparison);
}

const char *cx_statistic_get_comparison_en (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->comparison; }
CxStatisticStatus cx_statistic_get_status (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), 0); return self->status; }
CxSource *cx_statistic_get_source (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->source; }

/**
 * cx_statistic_get_note:
 *
 * Returns: (nullable): the note in the user's language (see
 *   cx_statistic_get_title())
 */
const char *
cx_statistic_get_note (CxStatistic *self)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);

  return cx_pack_gettext ("statistic-note", self->id, self->note);
}

const char *cx_statistic_get_note_en (CxStatistic *self) { g_return_val_if_fail (CX_IS_STATISTIC (self), NULL); return self->note; }

/**
 * cx_statistic_get_n_points:
 *
 * Returns: how many values the statistic's series has, gaps included; 0
 *   when it has no series (its value and period are then all there is)
 */
guint
cx_statistic_get_n_points (CxStatistic *self)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), 0);

  return self->points != NULL ? self->points->len : 0;
}

/**
 * cx_statistic_get_point:
 * @i: from 0, oldest first
 *
 * Returns: (transfer none): the value
 */
const CxStatisticPoint *
cx_statistic_get_point (CxStatistic *self,
                        guint        i)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);
  g_return_val_if_fail (i < cx_statistic_get_n_points (self), NULL);

  return &g_array_index (self->points, CxStatisticPoint, i);
}

/**
 * cx_statistic_lookup_point:
 * @period: a period in the pack's form
 *
 * Returns: (transfer none) (nullable): the series' value for @period
 */
const CxStatisticPoint *
cx_statistic_lookup_point (CxStatistic *self,
                           const char  *period)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);

  for (guint i = 0; period != NULL && i < cx_statistic_get_n_points (self); i++)
    {
      const CxStatisticPoint *point = &g_array_index (self->points, CxStatisticPoint, i);

      if (g_str_equal (point->period, period))
        return point;
    }
  return NULL;
}

/**
 * cx_statistic_get_point_note:
 *
 * Returns: (nullable): @point's note in the user's language (context
 *   "statistic-point-note:ID:PERIOD")
 */
const char *
cx_statistic_get_point_note (CxStatistic            *self,
                             const CxStatisticPoint *point)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);
  g_return_val_if_fail (point != NULL, NULL);

  key = g_strdup_printf ("%s:%s", self->id, point->period);
  return cx_pack_gettext ("statistic-point-note", key, point->note);
}

CxBreakdownKind
cx_statistic_get_breakdown_kind (CxStatistic *self)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), CX_BREAKDOWN_NONE);

  return self->breakdown_kind;
}

/**
 * cx_statistic_get_n_entries:
 *
 * Returns: how many places the breakdown lists (those without a value
 *   included); 0 without a breakdown
 */
guint
cx_statistic_get_n_entries (CxStatistic *self)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), 0);

  return self->entries != NULL ? self->entries->len : 0;
}

/**
 * cx_statistic_get_entry:
 * @i: from 0, in the pack's order
 *
 * Returns: (transfer none): the value for one place
 */
const CxStatisticEntry *
cx_statistic_get_entry (CxStatistic *self,
                        guint        i)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);
  g_return_val_if_fail (i < cx_statistic_get_n_entries (self), NULL);

  return &g_array_index (self->entries, CxStatisticEntry, i);
}

/**
 * cx_statistic_lookup_entry:
 * @id: a feature's or district's id
 *
 * Returns: (transfer none) (nullable): the breakdown's value for @id
 */
const CxStatisticEntry *
cx_statistic_lookup_entry (CxStatistic *self,
                           const char  *id)
{
  guint index;

  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);

  if (id == NULL || self->entry_index == NULL)
    return NULL;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->entry_index, id));
  return index > 0 ? &g_array_index (self->entries, CxStatisticEntry, index - 1) : NULL;
}

/**
 * cx_statistic_get_entry_note:
 *
 * Returns: (nullable): @entry's note in the user's language (context
 *   "statistic-entry-note:ID:PLACE")
 */
const char *
cx_statistic_get_entry_note (CxStatistic            *self,
                             const CxStatisticEntry *entry)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CX_IS_STATISTIC (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  key = g_strdup_printf ("%s:%s", self->id, entry->id);
  return cx_pack_gettext ("statistic-entry-note", key, entry->note);
}

/**
 * cx_statistic_get_ratio:
 * @numerator: (out) (optional) (transfer none): the statistic divided
 * @denominator: (out) (optional) (transfer none): the one it is divided by
 *
 * Whether the statistic is a ratio the app computed from two others, place
 * by place (its breakdown), rather than a figure a source published. Such a
 * statistic must say so, and cite both statistics' sources.
 *
 * Returns: %TRUE for a computed ratio
 */
gboolean
cx_statistic_get_ratio (CxStatistic  *self,
                        CxStatistic **numerator,
                        CxStatistic **denominator)
{
  g_return_val_if_fail (CX_IS_STATISTIC (self), FALSE);

  if (numerator != NULL)
    *numerator = self->numerator;
  if (denominator != NULL)
    *denominator = self->denominator;
  return self->numerator != NULL;
}
