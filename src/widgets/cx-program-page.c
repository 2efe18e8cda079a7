/* cx-program-page.c: the details of a program, its places and further reading
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
#include "cx-program-page.h"

struct _CxProgramPage
{
  CxDetailsPage parent_instance;

  /* Template widgets */
  CxDetailsSection *places;
  CxDetailsSection *links;
  CxDetailsSection *sources;
};

G_DEFINE_FINAL_TYPE (CxProgramPage, cx_program_page, CX_TYPE_DETAILS_PAGE)

/* Template closures: the page's text, from its item. */

static char *
title_text (CxProgramPage *self,
            CxProgram     *program)
{
  return program != NULL ? g_strdup (cx_program_get_title (program)) : NULL;
}

static char *
other_title_text (CxProgramPage *self,
                  CxProgram     *program)
{
  if (program == NULL)
    return NULL;
  return cx_details_other_name (cx_program_get_title (program), cx_program_get_title_zh (program), cx_program_get_title_en (program));
}

static char *
dates_text (CxProgramPage *self,
            CxProgram     *program)
{
  return program != NULL ? cx_format_program_dates (program) : NULL;
}

static char *
summary_text (CxProgramPage *self,
              CxProgram     *program)
{
  return program != NULL ? cx_details_breakable (cx_program_get_summary (program)) : NULL;
}

static void
cx_program_page_show_lists (CxDetailsPage *page)
{
  CxProgramPage *self = CX_PROGRAM_PAGE (page);
  CxSelection *selection = cx_details_page_get_selection (page);
  CxProgram *item = selection != NULL ? cx_details_page_get_item (page) : NULL;

  cx_details_section_show_places (self->places, selection,
                                  item != NULL ? cx_data_pack_get_program_features (cx_selection_get_pack (selection), item) : NULL);
  cx_details_section_show_links (self->links, item);
  cx_details_section_show_sources (self->sources, item != NULL ? cx_program_get_sources (item) : NULL);
}

static void
cx_program_page_class_init (CxProgramPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CxDetailsPageClass *page_class = CX_DETAILS_PAGE_CLASS (klass);

  page_class->item_type = CX_TYPE_PROGRAM;
  page_class->show_lists = cx_program_page_show_lists;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-program-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CxProgramPage, places);
  gtk_widget_class_bind_template_child (widget_class, CxProgramPage, links);
  gtk_widget_class_bind_template_child (widget_class, CxProgramPage, sources);
  gtk_widget_class_bind_template_callback (widget_class, title_text);
  gtk_widget_class_bind_template_callback (widget_class, other_title_text);
  gtk_widget_class_bind_template_callback (widget_class, dates_text);
  gtk_widget_class_bind_template_callback (widget_class, summary_text);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_program_page_init (CxProgramPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
