/* cx-presentation-card.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-visibility.h"

G_BEGIN_DECLS

#define CX_TYPE_PRESENTATION_CARD (cx_presentation_card_get_type ())
G_DECLARE_FINAL_TYPE (CxPresentationCard, cx_presentation_card, CX, PRESENTATION_CARD, GtkBox)

void cx_presentation_card_set_visibility  (CxPresentationCard *self,
                                           CxVisibility       *visibility);
void cx_presentation_card_set_imported    (CxPresentationCard *self,
                                           GListModel         *imported);
void cx_presentation_card_set_caption     (CxPresentationCard *self,
                                           const char         *title,
                                           const char         *subtitle);

void cx_presentation_card_set_text_scale  (CxPresentationCard *self,
                                           double              scale);
void cx_presentation_label_set_px         (GtkLabel           *label,
                                           double              px);

G_END_DECLS
