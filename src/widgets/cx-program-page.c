/* cx-program-page.c: the details of a program, its places and further reading
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
#include "cx-program-page.h"

struct _CxProgramPage
{
  GtkBox parent_instance;

  /* Template widgets */
  CxDetailsSection *places;
  CxDetailsSection *links;
  CxDetailsSection *sources;

  /* Owned */
  CxSelection *selection;
  CxProgram   *item;
};

G_DEFINE_FINAL_TYPE (CxProgramPage, cx_program_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Lists are not properties of the model: they are shown here, once both
 * the item and the selection their rows select in are known. */
static void
show_lists (CxProgramPage *self)
{
  CxProgram *item = self->selection != NULL ? self->item : NULL;

  cx_details_section_show_places (self->places, self->selection,
                                  item != NULL ? cx_data_pack_get_program_features (cx_selection_get_pack (self->selection), item) : NULL);
  cx_details_section_show_links (self->links, item);
  cx_details_section_show_sources (self->sources, item != NULL ? cx_program_get_sources (item) : NULL);
}

static void
set_item (CxProgramPage *self,
          CxProgram     *item)
{
  if (!g_set_object (&self->item, item))
    return;

  show_lists (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
cx_program_page_dispose (GObject *object)
{
  CxProgramPage *self = CX_PROGRAM_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_PROGRAM_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cx_program_page_parent_class)->dispose (object);
}

static void
cx_program_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CxProgramPage *self = CX_PROGRAM_PAGE (object);

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
cx_program_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CxProgramPage *self = CX_PROGRAM_PAGE (object);

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
cx_program_page_class_init (CxProgramPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_program_page_dispose;
  object_class->get_property = cx_program_page_get_property;
  object_class->set_property = cx_program_page_set_property;

  /* Where the page's rows and cards select what they stand for. */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, CX_TYPE_PROGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_DETAILS_TITLE);
  g_type_ensure (CX_TYPE_DETAILS_SECTION);
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
