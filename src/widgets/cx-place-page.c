/* cx-place-page.c: the details of a place (a feature of the pack)
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
#include "cx-place-page.h"

struct _CxPlacePage
{
  CxDetailsPage parent_instance;

  /* Template widgets */
  CxDetailsSection *figures;
  CxDetailsSection *programs;
  CxDetailsSection *sources;
};

G_DEFINE_FINAL_TYPE (CxPlacePage, cx_place_page, CX_TYPE_DETAILS_PAGE)

/* Template closures: the page's text, from its place. */

static char *
name_text (CxPlacePage *self,
           CxFeature   *feature)
{
  return feature != NULL ? g_strdup (cx_feature_get_name (feature)) : NULL;
}

static char *
other_name_text (CxPlacePage *self,
                 CxFeature   *feature)
{
  if (feature == NULL)
    return NULL;
  return cx_details_other_name (cx_feature_get_name (feature), cx_feature_get_name_zh (feature), cx_feature_get_name_en (feature));
}

static char *
kind_text (CxPlacePage *self,
           CxFeature   *feature)
{
  g_autofree char *kind = NULL;

  if (feature == NULL)
    return NULL;
  kind = cx_format_feature_kind (feature);
  return g_strdup_printf ("%s · %s", kind, cx_layer_get_name (cx_feature_get_layer (feature)));
}

static char *
description_text (CxPlacePage *self,
                  CxFeature   *feature)
{
  return feature != NULL ? cx_details_breakable (cx_feature_get_description (feature)) : NULL;
}

/* A line's length, an area's area and perimeter, measured on the ellipsoid. */
static char *
measured_text (CxPlacePage *self,
               CxFeature   *feature)
{
  return feature != NULL ? cx_format_measured_shape (cx_feature_get_geometry (feature)) : NULL;
}

static char *
accuracy_text (CxPlacePage *self,
               CxFeature   *feature)
{
  return feature != NULL ? cx_format_accuracy (feature) : NULL;
}

static char *
accuracy_note_text (CxPlacePage *self,
                    CxFeature   *feature)
{
  return feature != NULL ? cx_details_breakable (cx_feature_get_accuracy_note (feature)) : NULL;
}

static void
cx_place_page_show_lists (CxDetailsPage *page)
{
  CxPlacePage *self = CX_PLACE_PAGE (page);
  CxSelection *selection = cx_details_page_get_selection (page);
  CxFeature *item = selection != NULL ? cx_details_page_get_item (page) : NULL;

  cx_details_section_show_place_statistics (self->figures, selection,
                                            item != NULL ? cx_feature_get_statistics (item) : NULL,
                                            item != NULL ? cx_feature_get_id (item) : NULL);
  cx_details_section_show_programs (self->programs, selection, item != NULL ? cx_feature_get_programs (item) : NULL);
  cx_details_section_show_sources (self->sources, item != NULL ? cx_feature_get_sources (item) : NULL);
}

static void
cx_place_page_class_init (CxPlacePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CxDetailsPageClass *page_class = CX_DETAILS_PAGE_CLASS (klass);

  page_class->item_type = CX_TYPE_FEATURE;
  page_class->show_lists = cx_place_page_show_lists;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-place-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CxPlacePage, figures);
  gtk_widget_class_bind_template_child (widget_class, CxPlacePage, programs);
  gtk_widget_class_bind_template_child (widget_class, CxPlacePage, sources);
  gtk_widget_class_bind_template_callback (widget_class, name_text);
  gtk_widget_class_bind_template_callback (widget_class, other_name_text);
  gtk_widget_class_bind_template_callback (widget_class, kind_text);
  gtk_widget_class_bind_template_callback (widget_class, description_text);
  gtk_widget_class_bind_template_callback (widget_class, measured_text);
  gtk_widget_class_bind_template_callback (widget_class, accuracy_text);
  gtk_widget_class_bind_template_callback (widget_class, accuracy_note_text);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_place_page_init (CxPlacePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
