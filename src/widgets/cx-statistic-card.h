/* cx-statistic-card.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-selection.h"

G_BEGIN_DECLS

#define CX_TYPE_STATISTIC_CARD (cx_statistic_card_get_type ())
G_DECLARE_FINAL_TYPE (CxStatisticCard, cx_statistic_card, CX, STATISTIC_CARD, GtkButton)

GtkWidget   *cx_statistic_card_new           (CxSelection     *selection,
                                              CxStatistic     *statistic);
CxStatistic *cx_statistic_card_get_statistic (CxStatisticCard *self);
void         cx_statistic_card_set_place     (CxStatisticCard *self,
                                              const char      *place);

G_END_DECLS
