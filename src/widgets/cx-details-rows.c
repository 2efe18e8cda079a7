/* cx-details-rows.c: the rows of the details pages' lists
 *
 * Pack text is never markup: it is set as plain text (use-markup is off in
 * the templates), or escaped where a row tags its Chinese (cx_chinese_row()).
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include "cx-chinese.h"
#include "cx-data-pack.h"
#include "cx-details-rows.h"
#include "cx-web-link.h"

struct _CxItemRow
{
  AdwActionRow parent_instance;

  /* Owned */
  CxSelection *selection;
  GObject     *item;
};

G_DEFINE_FINAL_TYPE (CxItemRow, cx_item_row, ADW_TYPE_ACTION_ROW)

static void
cx_item_row_activated (AdwActionRow *row)
{
  CxItemRow *self = CX_ITEM_ROW (row);

  ADW_ACTION_ROW_CLASS (cx_item_row_parent_class)->activate (row);
  cx_selection_select (self->selection, self->item);
}

static void
cx_item_row_dispose (GObject *object)
{
  CxItemRow *self = CX_ITEM_ROW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cx_item_row_parent_class)->dispose (object);
}

static void
cx_item_row_class_init (CxItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwActionRowClass *row_class = ADW_ACTION_ROW_CLASS (klass);

  object_class->dispose = cx_item_row_dispose;
  row_class->activate = cx_item_row_activated;

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass), "/io/github/changning/Explorer/cx-item-row.ui");
}

static void
cx_item_row_init (CxItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_item_row_new (CxSelection *selection,
                 GObject     *item,
                 const char  *title,
                 const char  *subtitle)
{
  CxItemRow *self;

  g_return_val_if_fail (CX_IS_SELECTION (selection), NULL);
  g_return_val_if_fail (G_IS_OBJECT (item), NULL);

  self = g_object_new (CX_TYPE_ITEM_ROW, NULL);
  cx_chinese_row (ADW_ACTION_ROW (self), title, subtitle);
  self->selection = g_object_ref (selection);
  self->item = g_object_ref (item);

  return GTK_WIDGET (self);
}

struct _CxLinkRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget *icon;

  /* Owned */
  char      *url;
};

G_DEFINE_FINAL_TYPE (CxLinkRow, cx_link_row, ADW_TYPE_ACTION_ROW)

static void
cx_link_row_activated (AdwActionRow *row)
{
  CxLinkRow *self = CX_LINK_ROW (row);

  ADW_ACTION_ROW_CLASS (cx_link_row_parent_class)->activate (row);
  if (self->url != NULL)
    cx_open_web_link (GTK_WIDGET (self), self->url);
}

static void
cx_link_row_finalize (GObject *object)
{
  CxLinkRow *self = CX_LINK_ROW (object);

  g_free (self->url);

  G_OBJECT_CLASS (cx_link_row_parent_class)->finalize (object);
}

static void
cx_link_row_class_init (CxLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwActionRowClass *row_class = ADW_ACTION_ROW_CLASS (klass);

  object_class->finalize = cx_link_row_finalize;
  row_class->activate = cx_link_row_activated;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-link-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CxLinkRow, icon);
}

static void
cx_link_row_init (CxLinkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cx_link_row_new:
 * @url: (nullable): the address to open; only a web address makes the row
 *   a link
 */
GtkWidget *
cx_link_row_new (const char *title,
                 const char *subtitle,
                 const char *url)
{
  CxLinkRow *self = g_object_new (CX_TYPE_LINK_ROW, "title", title, "subtitle", subtitle, NULL);
  gboolean is_link = url != NULL && cx_is_web_url (url);

  if (is_link)
    {
      self->url = g_strdup (url);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), url);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), is_link);
  gtk_widget_set_visible (self->icon, is_link);

  return GTK_WIDGET (self);
}
