/* cx-details-section.c: a heading and what it heads in a details page,
 * a boxed list of rows or a grid of statistic cards; hidden when empty
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-details-rows.h"
#include "cx-details-section.h"
#include "cx-format.h"
#include "cx-statistic-card.h"

struct _CxDetailsSection
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkWidget *heading;
  GtkWidget *list;
  GtkWidget *cards;

  /* Owned */
  char      *title;
};

G_DEFINE_FINAL_TYPE (CxDetailsSection, cx_details_section, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_title (CxDetailsSection *self,
           const char       *title)
{
  if (g_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Shows @model in the list (rows made by @create) or as cards, and the
 * section only if there is something in it. */
static void
show_model (CxDetailsSection           *self,
            GListModel                 *model,
            gboolean                    as_cards,
            GtkListBoxCreateWidgetFunc  create,
            gpointer                    data)
{
  gboolean any = model != NULL && g_list_model_get_n_items (model) > 0;
  GListModel *rows = any && !as_cards ? model : NULL;
  GListModel *cards = any && as_cards ? model : NULL;

  /* GTK keeps (and later frees) the data only along with a model. */
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), rows, create,
                           rows != NULL && data != NULL ? g_object_ref (data) : NULL,
                           rows != NULL && data != NULL ? g_object_unref : NULL);
  gtk_flow_box_bind_model (GTK_FLOW_BOX (self->cards), cards, (GtkFlowBoxCreateWidgetFunc) create,
                           cards != NULL && data != NULL ? g_object_ref (data) : NULL,
                           cards != NULL && data != NULL ? g_object_unref : NULL);
  gtk_widget_set_visible (self->list, !as_cards);
  gtk_widget_set_visible (self->cards, as_cards);
  gtk_widget_set_visible (GTK_WIDGET (self), any);
}

static GtkWidget *
create_card (gpointer item,
             gpointer selection)
{
  return cx_statistic_card_new (selection, item);
}

static GtkWidget *
create_program_row (gpointer item,
                    gpointer selection)
{
  g_autofree char *dates = cx_format_program_dates (item);

  return cx_item_row_new (selection, item, cx_program_get_title (item), dates);
}

static GtkWidget *
create_place_row (gpointer item,
                  gpointer selection)
{
  g_autofree char *kind = cx_format_feature_kind (item);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", cx_feature_get_name_zh (item), kind);

  return cx_item_row_new (selection, item, cx_feature_get_name (item), subtitle);
}

static GtkWidget *
create_source_row (gpointer item,
                   gpointer data)
{
  g_autofree char *citation = cx_format_source (item);

  return cx_link_row_new (cx_source_get_title (item), citation, cx_source_get_url (item));
}

static void
cx_details_section_finalize (GObject *object)
{
  CxDetailsSection *self = CX_DETAILS_SECTION (object);

  g_free (self->title);

  G_OBJECT_CLASS (cx_details_section_parent_class)->finalize (object);
}

static void
cx_details_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CxDetailsSection *self = CX_DETAILS_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_section_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CxDetailsSection *self = CX_DETAILS_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_section_class_init (CxDetailsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cx_details_section_finalize;
  object_class->get_property = cx_details_section_get_property;
  object_class->set_property = cx_details_section_set_property;

  /* The heading, which also names the list for screen readers (a list
   * without a name is read as just "list"). */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-details-section.ui");
  gtk_widget_class_bind_template_child (widget_class, CxDetailsSection, heading);
  gtk_widget_class_bind_template_child (widget_class, CxDetailsSection, list);
  gtk_widget_class_bind_template_child (widget_class, CxDetailsSection, cards);
}

static void
cx_details_section_init (CxDetailsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cx_details_section_show_statistics:
 *
 * Shows @statistics as cards; clicking one selects it in @selection.
 */
void
cx_details_section_show_statistics (CxDetailsSection *self,
                                    CxSelection      *selection,
                                    GListModel       *statistics)
{
  cx_details_section_show_place_statistics (self, selection, statistics, NULL);
}

/**
 * cx_details_section_show_place_statistics:
 * @place: (nullable): the id of the feature whose page this is
 *
 * As cx_details_section_show_statistics(), on @place's page: a statistic
 * broken down by feature shows @place's value.
 */
void
cx_details_section_show_place_statistics (CxDetailsSection *self,
                                          CxSelection      *selection,
                                          GListModel       *statistics,
                                          const char       *place)
{
  g_return_if_fail (CX_IS_DETAILS_SECTION (self));

  show_model (self, statistics, TRUE, create_card, selection);
  /* The flow box's own children need not take focus; the cards do. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->cards); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_widget_set_focusable (child, FALSE);
      if (CX_IS_STATISTIC_CARD (card))
        cx_statistic_card_set_place (CX_STATISTIC_CARD (card), place);
    }
}

void
cx_details_section_show_programs (CxDetailsSection *self,
                                  CxSelection      *selection,
                                  GListModel       *programs)
{
  g_return_if_fail (CX_IS_DETAILS_SECTION (self));

  show_model (self, programs, FALSE, create_program_row, selection);
}

/* Also titles the section with how many places there are. */
void
cx_details_section_show_places (CxDetailsSection *self,
                                CxSelection      *selection,
                                GListModel       *features)
{
  guint n = features != NULL ? g_list_model_get_n_items (features) : 0;
  g_autofree char *title = g_strdup_printf (ngettext ("%u Place", "%u Places", n), n);

  g_return_if_fail (CX_IS_DETAILS_SECTION (self));

  set_title (self, title);
  show_model (self, features, FALSE, create_place_row, selection);
}

void
cx_details_section_show_sources (CxDetailsSection *self,
                                 GListModel       *sources)
{
  g_return_if_fail (CX_IS_DETAILS_SECTION (self));

  show_model (self, sources, FALSE, create_source_row, NULL);
}

/* A program's further reading: links the pack lists by index, not as a
 * model, so their rows are added one by one. */
void
cx_details_section_show_links (CxDetailsSection *self,
                               CxProgram        *program)
{
  guint n = program != NULL ? cx_program_get_n_links (program) : 0;

  g_return_if_fail (CX_IS_DETAILS_SECTION (self));

  show_model (self, NULL, FALSE, NULL, NULL);
  gtk_list_box_remove_all (GTK_LIST_BOX (self->list));
  for (guint i = 0; i < n; i++)
    {
      const char *url = cx_program_get_link_url (program, i);

      gtk_list_box_append (GTK_LIST_BOX (self->list), cx_link_row_new (cx_program_get_link_title (program, i), url, url));
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}
