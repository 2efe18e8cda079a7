/* cx-place-page.c: the details of a place (a feature of the pack)
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
#include "cx-place-page.h"

struct _CxPlacePage
{
  GtkBox parent_instance;

  /* Template widgets */
  CxDetailsSection *figures;
  CxDetailsSection *programs;
  CxDetailsSection *sources;

  /* Owned */
  CxSelection *selection;
  CxFeature   *item;
};

G_DEFINE_FINAL_TYPE (CxPlacePage, cx_place_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Lists are not properties of the model: they are shown here, once both
 * the item and the selection their rows select in are known. */
static void
show_lists (CxPlacePage *self)
{
  CxFeature *item = self->selection != NULL ? self->item : NULL;

  cx_details_section_show_statistics (self->figures, self->selection, item != NULL ? cx_feature_get_statistics (item) : NULL);
  cx_details_section_show_programs (self->programs, self->selection, item != NULL ? cx_feature_get_programs (item) : NULL);
  cx_details_section_show_sources (self->sources, item != NULL ? cx_feature_get_sources (item) : NULL);
}

static void
set_item (CxPlacePage *self,
          CxFeature   *item)
{
  if (!g_set_object (&self->item, item))
    return;

  show_lists (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
cx_place_page_dispose (GObject *object)
{
  CxPlacePage *self = CX_PLACE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_PLACE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cx_place_page_parent_class)->dispose (object);
}

static void
cx_place_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CxPlacePage *self = CX_PLACE_PAGE (object);

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
cx_place_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CxPlacePage *self = CX_PLACE_PAGE (object);

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
cx_place_page_class_init (CxPlacePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_place_page_dispose;
  object_class->get_property = cx_place_page_get_property;
  object_class->set_property = cx_place_page_set_property;

  /* Where the page's rows and cards select what they stand for. */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, CX_TYPE_FEATURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_DETAILS_TITLE);
  g_type_ensure (CX_TYPE_DETAILS_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-place-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CxPlacePage, figures);
  gtk_widget_class_bind_template_child (widget_class, CxPlacePage, programs);
  gtk_widget_class_bind_template_child (widget_class, CxPlacePage, sources);
  gtk_widget_class_bind_template_callback (widget_class, name_text);
  gtk_widget_class_bind_template_callback (widget_class, other_name_text);
  gtk_widget_class_bind_template_callback (widget_class, kind_text);
  gtk_widget_class_bind_template_callback (widget_class, description_text);
  gtk_widget_class_bind_template_callback (widget_class, accuracy_text);
  gtk_widget_class_bind_template_callback (widget_class, accuracy_note_text);
}

static void
cx_place_page_init (CxPlacePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
