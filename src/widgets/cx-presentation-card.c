/* cx-presentation-card.c: the compact title and legend shown over the map
 * while presenting
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-presentation-card"

#include "config.h"

#include <math.h>

#include "cx-chinese.h"
#include "cx-format.h"
#include "cx-legend.h"
#include "cx-presentation-card.h"

struct _CxPresentationCard
{
  GtkBox        parent_instance;

  /* Template widgets */
  GtkLabel     *title;
  GtkLabel     *subtitle;
  GtkBox       *legend;

  /* Owned */
  CxVisibility *visibility;
  GListModel   *imported;       /* CxImportedLayer, nullable */
  GPtrArray    *watched;        /* CxImportedLayer: those whose name and visibility the legend follows */
  char         *caption_title;
  char         *caption_subtitle;
  double        text_scale;     /* the screen's height over 1080 px */
};

/* Pixel sizes of the card's text on a screen 1080 px high, read from the
 * back of a meeting room; other screens scale them by their height. */
#define TITLE_PX    30.0
#define SUBTITLE_PX 20.0
#define LEGEND_PX   22.0
#define SWATCH_W    36.0
#define SWATCH_H    26.0

G_DEFINE_FINAL_TYPE (CxPresentationCard, cx_presentation_card, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_VISIBILITY,
  PROP_CAPTION_TITLE,
  PROP_CAPTION_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The caption (cx_caption_init()); before there is one, the district. */
static void
update_titles (CxPresentationCard *self)
{
  g_autofree char *district = NULL;

  if (self->visibility == NULL)
    return;

  district = cx_format_district (cx_visibility_get_pack (self->visibility));
  gtk_label_set_text (self->title, self->caption_title != NULL ? self->caption_title : district);
  gtk_label_set_text (self->subtitle, self->caption_subtitle != NULL ? self->caption_subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), self->caption_subtitle != NULL);
}

/* One swatch and name per layer shown. */
static gboolean
is_size (PangoAttribute *attr,
         gpointer        user_data)
{
  return attr->klass->type == PANGO_ATTR_ABSOLUTE_SIZE || attr->klass->type == PANGO_ATTR_SIZE;
}

/**
 * cx_presentation_label_set_px:
 * @px: the text's size in pixels, or 0 for the style's
 *
 * Keeps the label's other attributes (the Chinese language tag).
 */
void
cx_presentation_label_set_px (GtkLabel *label,
                              double    px)
{
  PangoAttrList *old = gtk_label_get_attributes (label);
  g_autoptr(PangoAttrList) attrs = old != NULL ? pango_attr_list_copy (old) : pango_attr_list_new ();

  pango_attr_list_unref (pango_attr_list_filter (attrs, is_size, NULL));
  if (px > 0)
    pango_attr_list_insert (attrs, pango_attr_size_new_absolute ((int) round (px * PANGO_SCALE)));
  gtk_label_set_attributes (label, attrs);
}

static void
update_sizes (CxPresentationCard *self)
{
  double k = self->text_scale;

  cx_presentation_label_set_px (self->title, TITLE_PX * k);
  cx_presentation_label_set_px (self->subtitle, SUBTITLE_PX * k);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->legend)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *swatch = gtk_widget_get_first_child (row);
      GtkWidget *label = gtk_widget_get_next_sibling (swatch);

      gtk_widget_set_size_request (swatch, (int) round (SWATCH_W * k), (int) round (SWATCH_H * k));
      cx_presentation_label_set_px (GTK_LABEL (label), LEGEND_PX * k);
    }
}

static void
append_legend_row (CxPresentationCard *self,
                   GtkWidget          *swatch,
                   const char         *name)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (name);

  gtk_box_append (GTK_BOX (row), swatch);
  gtk_widget_add_css_class (label, "title-4");
  /* An imported layer's name can be Chinese, in any interface language. */
  cx_chinese_label (GTK_LABEL (label));
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (self->legend, row);
}

static void update_legend (CxPresentationCard *self);

static void
unwatch_imported (CxPresentationCard *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), update_legend, self);
  g_ptr_array_set_size (self->watched, 0);
}

/* The pack's layers shown, in the presentation palette, then the imported
 * layers shown, in their own colours, as the map draws them. */
static void
update_legend (CxPresentationCard *self)
{
  GListModel *layers;
  GtkWidget *child;
  guint n_imported = self->imported != NULL ? g_list_model_get_n_items (self->imported) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))) != NULL)
    gtk_box_remove (self->legend, child);
  unwatch_imported (self);

  if (self->visibility != NULL)
    {
      layers = cx_data_pack_get_layers (cx_visibility_get_pack (self->visibility));
      for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
        {
          g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);

          if (cx_visibility_get_visible_index (self->visibility, i))
            append_legend_row (self, cx_legend_swatch_new (layer, TRUE), cx_layer_get_name (layer));
        }
    }

  for (guint i = 0; i < n_imported; i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (self->imported, i);

      /* Shown or hidden, renamed: the legend follows. */
      g_signal_connect_swapped (layer, "notify::visible", G_CALLBACK (update_legend), self);
      g_signal_connect_swapped (layer, "notify::name", G_CALLBACK (update_legend), self);
      g_ptr_array_add (self->watched, g_object_ref (layer));

      if (cx_imported_layer_get_visible (layer))
        append_legend_row (self, cx_legend_imported_swatch_new (layer), cx_imported_layer_get_name (layer));
    }
  update_sizes (self);
}

static void
cx_presentation_card_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CxPresentationCard *self = CX_PRESENTATION_CARD (object);

  switch (prop_id)
    {
    case PROP_VISIBILITY:
      g_value_set_object (value, self->visibility);
      break;
    case PROP_CAPTION_TITLE:
      g_value_set_string (value, self->caption_title);
      break;
    case PROP_CAPTION_SUBTITLE:
      g_value_set_string (value, self->caption_subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_presentation_card_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CxPresentationCard *self = CX_PRESENTATION_CARD (object);

  switch (prop_id)
    {
    case PROP_VISIBILITY:
      cx_presentation_card_set_visibility (self, g_value_get_object (value));
      break;
    case PROP_CAPTION_TITLE:
      cx_presentation_card_set_caption (self, g_value_get_string (value), self->caption_subtitle);
      break;
    case PROP_CAPTION_SUBTITLE:
      cx_presentation_card_set_caption (self, self->caption_title, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_presentation_card_dispose (GObject *object)
{
  CxPresentationCard *self = (CxPresentationCard *) object;

  if (self->visibility != NULL)
    g_signal_handlers_disconnect_by_data (self->visibility, self);
  g_clear_object (&self->visibility);
  if (self->imported != NULL)
    g_signal_handlers_disconnect_by_data (self->imported, self);
  g_clear_object (&self->imported);
  if (self->watched != NULL)
    unwatch_imported (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_PRESENTATION_CARD);

  G_OBJECT_CLASS (cx_presentation_card_parent_class)->dispose (object);
}

static void
cx_presentation_card_finalize (GObject *object)
{
  CxPresentationCard *self = (CxPresentationCard *) object;

  g_free (self->caption_title);
  g_free (self->caption_subtitle);

  G_OBJECT_CLASS (cx_presentation_card_parent_class)->finalize (object);
}

static void
cx_presentation_card_class_init (CxPresentationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cx_presentation_card_get_property;
  object_class->set_property = cx_presentation_card_set_property;
  object_class->dispose = cx_presentation_card_dispose;
  object_class->finalize = cx_presentation_card_finalize;

  properties[PROP_VISIBILITY] =
    g_param_spec_object ("visibility", NULL, NULL, CX_TYPE_VISIBILITY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION_TITLE] =
    g_param_spec_string ("caption-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION_SUBTITLE] =
    g_param_spec_string ("caption-subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cx-presentation-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CxPresentationCard, title);
  gtk_widget_class_bind_template_child (widget_class, CxPresentationCard, subtitle);
  gtk_widget_class_bind_template_child (widget_class, CxPresentationCard, legend);
}

static void
cx_presentation_card_init (CxPresentationCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->text_scale = 1;
  /* Names in both scripts: the Chinese in Simplified Chinese glyphs. */
  cx_chinese_label (self->title);
  cx_chinese_label (self->subtitle);
  update_sizes (self);
}

void
cx_presentation_card_set_visibility (CxPresentationCard *self,
                                     CxVisibility       *visibility)
{
  g_return_if_fail (CX_IS_PRESENTATION_CARD (self));
  g_return_if_fail (visibility == NULL || CX_IS_VISIBILITY (visibility));

  if (self->visibility != NULL)
    g_signal_handlers_disconnect_by_data (self->visibility, self);
  if (!g_set_object (&self->visibility, visibility))
    return;
  if (visibility != NULL)
    g_signal_connect_object (visibility, "changed", G_CALLBACK (update_legend), self, G_CONNECT_SWAPPED);

  update_titles (self);
  update_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBILITY]);
}

/**
 * cx_presentation_card_set_imported:
 * @imported: (nullable): the imported layers (#CxImportedLayer)
 *
 * The legend lists those shown after the pack's layers.
 */
void
cx_presentation_card_set_imported (CxPresentationCard *self,
                                   GListModel         *imported)
{
  g_return_if_fail (CX_IS_PRESENTATION_CARD (self));
  g_return_if_fail (imported == NULL || G_IS_LIST_MODEL (imported));

  if (self->imported != NULL)
    g_signal_handlers_disconnect_by_data (self->imported, self);
  if (!g_set_object (&self->imported, imported))
    return;
  if (imported != NULL)
    g_signal_connect_object (imported, "items-changed", G_CALLBACK (update_legend), self, G_CONNECT_SWAPPED);
  update_legend (self);
}

/**
 * cx_presentation_card_set_caption:
 * @title: (nullable): the caption's title (#CxCaption); %NULL for the district
 * @subtitle: (nullable): the line under it
 */
void
cx_presentation_card_set_caption (CxPresentationCard *self,
                                  const char         *title,
                                  const char         *subtitle)
{
  gboolean title_changed, subtitle_changed;

  g_return_if_fail (CX_IS_PRESENTATION_CARD (self));

  title_changed = g_set_str (&self->caption_title, title);
  subtitle_changed = g_set_str (&self->caption_subtitle, subtitle);
  if (!title_changed && !subtitle_changed)
    return;

  update_titles (self);
  if (title_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION_TITLE]);
  if (subtitle_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION_SUBTITLE]);
}

/**
 * cx_presentation_card_set_text_scale:
 * @scale: the screen's height over 1080 px (CxMapView:presentation-scale)
 *
 * Sizes the card's text for the screen it is shown on.
 */
void
cx_presentation_card_set_text_scale (CxPresentationCard *self,
                                     double              scale)
{
  g_return_if_fail (CX_IS_PRESENTATION_CARD (self));
  g_return_if_fail (scale > 0);

  if (self->text_scale == scale)
    return;

  self->text_scale = scale;
  update_sizes (self);
}
