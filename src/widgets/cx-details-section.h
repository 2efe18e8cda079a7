/* cx-details-section.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-selection.h"

G_BEGIN_DECLS

#define CX_TYPE_DETAILS_SECTION (cx_details_section_get_type ())
G_DECLARE_FINAL_TYPE (CxDetailsSection, cx_details_section, CX, DETAILS_SECTION, GtkBox)

void cx_details_section_show_statistics (CxDetailsSection *self,
                                         CxSelection      *selection,
                                         GListModel       *statistics);
void cx_details_section_show_place_statistics (CxDetailsSection *self,
                                               CxSelection      *selection,
                                               GListModel       *statistics,
                                               const char       *place);
void cx_details_section_show_programs   (CxDetailsSection *self,
                                         CxSelection      *selection,
                                         GListModel       *programs);
void cx_details_section_show_places     (CxDetailsSection *self,
                                         CxSelection      *selection,
                                         GListModel       *features);
void cx_details_section_show_sources    (CxDetailsSection *self,
                                         GListModel       *sources);
void cx_details_section_show_links      (CxDetailsSection *self,
                                         CxProgram        *program);

G_END_DECLS
