/* cx-sources-dialog.c: every citation in the pack, searchable
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-sources-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-announce.h"
#include "cx-source-row.h"
#include "cx-sources-dialog.h"

struct _CxSourcesDialog
{
  AdwPreferencesDialog parent_instance;

  /* Template widgets */
  GtkWidget  *page;
  GtkWidget  *group;

  /* Owned */
  CxDataPack *pack;
};

G_DEFINE_FINAL_TYPE (CxSourcesDialog, cx_sources_dialog, ADW_TYPE_PREFERENCES_DIALOG)

enum {
  PROP_0,
  PROP_PACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_pack (CxSourcesDialog *self,
          CxDataPack      *pack)
{
  GListModel *sources;
  guint n;
  g_autofree char *description = NULL;

  if (pack == NULL)
    return;

  self->pack = g_object_ref (pack);
  sources = cx_data_pack_get_sources (pack);
  n = g_list_model_get_n_items (sources);

  description = g_strdup_printf (ngettext ("The data pack cites %u source. Links open in your web browser.",
                                           "The data pack cites %u sources. Links open in your web browser.",
                                           n),
                                 n);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxSource) source = g_list_model_get_item (sources, i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), cx_source_row_new (source));
    }
}

static void
cx_sources_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CxSourcesDialog *self = CX_SOURCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PACK:
      set_pack (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_sources_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CxSourcesDialog *self = CX_SOURCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PACK:
      g_value_set_object (value, self->pack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_sources_dialog_dispose (GObject *object)
{
  CxSourcesDialog *self = CX_SOURCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_SOURCES_DIALOG);
  g_clear_object (&self->pack);

  G_OBJECT_CLASS (cx_sources_dialog_parent_class)->dispose (object);
}

static void
cx_sources_dialog_class_init (CxSourcesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_sources_dialog_set_property;
  object_class->get_property = cx_sources_dialog_get_property;
  object_class->dispose = cx_sources_dialog_dispose;

  /** CxSourcesDialog:pack: the data pack whose sources are listed */
  properties[PROP_PACK] = g_param_spec_object ("pack", NULL, NULL, CX_TYPE_DATA_PACK,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-sources-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CxSourcesDialog, page);
  gtk_widget_class_bind_template_child (widget_class, CxSourcesDialog, group);
}

static void
cx_sources_dialog_init (CxSourcesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its page's scroll pane, by the dialog's title ("Sources"). */
  cx_accessible_name_scrolled (self->page, adw_dialog_get_title (ADW_DIALOG (self)));
}

/**
 * cx_sources_dialog_new:
 *
 * Returns: (transfer floating): a new dialog listing every source of @pack,
 *   to show with adw_dialog_present()
 */
AdwDialog *
cx_sources_dialog_new (CxDataPack *pack)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  return g_object_new (CX_TYPE_SOURCES_DIALOG, "pack", pack, NULL);
}
