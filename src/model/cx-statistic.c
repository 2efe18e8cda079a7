/* cx-statistic.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-statistic"

#include "config.h"

#include "cx-pack-private.h"

G_DEFINE_FINAL_TYPE (CxStatistic, cx_statistic, G_TYPE_OBJECT)

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

  G_OBJECT_CLASS (cx_statistic_parent_class)->finalize (object);
}

static void
cx_statistic_class_init (CxStatisticClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_statistic_finalize;
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
