/* cx-sources-dialog.c: every citation in the pack, searchable
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-sources-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-web-link.h"
#include "cx-format.h"
#include "cx-sources-dialog.h"

static void
on_row_activated (AdwActionRow *row,
                  gpointer      user_data)
{
  cx_open_web_link (GTK_WIDGET (row), g_object_get_data (G_OBJECT (row), "cx-url"));
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
  AdwDialog *dialog = adw_preferences_dialog_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GListModel *sources = cx_data_pack_get_sources (pack);
  g_autofree char *description = NULL;

  adw_dialog_set_title (dialog, _("Sources"));
  adw_dialog_set_content_width (dialog, 640);
  adw_dialog_set_content_height (dialog, 640);
  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (dialog), TRUE);

  description = g_strdup_printf (ngettext ("The data pack cites %u source. Links open in your web browser.",
                                           "The data pack cites %u sources. Links open in your web browser.",
                                           g_list_model_get_n_items (sources)),
                                 g_list_model_get_n_items (sources));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(CxSource) source = g_list_model_get_item (sources, i);
      g_autofree char *citation = cx_format_source (source);
      g_autofree char *subtitle = NULL;
      const char *url = cx_source_get_url (source);
      GtkWidget *row = adw_action_row_new ();

      if (cx_source_get_note (source) != NULL)
        subtitle = g_strdup_printf ("%s\n%s", citation, cx_source_get_note (source));
      else
        subtitle = g_strdup (citation);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cx_source_get_title (source));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

      if (url != NULL && cx_is_web_url (url))
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "cx-url", g_strdup (url), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);
          gtk_widget_set_tooltip_text (row, url);
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));

  return dialog;
}
