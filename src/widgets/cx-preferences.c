/* cx-preferences.c: the basemap, and a custom tile server checked as typed
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-preferences.h"
#include "cx-tile-url.h"

static const char * const basemaps[] = { "schematic", "openstreetmap", "custom", NULL };
static const char * const datums[] = { "wgs84", "gcj02", NULL };

static gboolean
string_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], s))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_string (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char * const *choices = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[i]);
}

static GtkWidget *
choice_row (const char         *title,
            const char         *subtitle,
            const char * const *labels,
            GSettings          *settings,
            const char         *key,
            const char * const *choices)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_settings_bind_with_mapping (settings, key, dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index, index_to_string, (gpointer) choices, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);

  return row;
}

typedef struct
{
  GSettings *settings;
  GtkWidget *url_row;
  GtkWidget *message;
} UrlCheck;

static void
url_check_free (gpointer data)
{
  UrlCheck *check = data;

  g_object_unref (check->settings);
  g_free (check);
}

/* Checked as it is typed; stored only when valid, so the map never gets a
 * template it cannot use. */
static void
on_url_changed (GtkEditable *editable,
                UrlCheck    *check)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GError) error = NULL;

  if (text[0] == '\0' || cx_tile_url_template_validate (text, &error))
    {
      gtk_widget_remove_css_class (check->url_row, "error");
      gtk_label_set_text (GTK_LABEL (check->message),
                          _("An http or https address with {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png"));
      g_settings_set_string (check->settings, "custom-tile-url", text);
      return;
    }

  gtk_widget_add_css_class (check->url_row, "error");
  gtk_label_set_text (GTK_LABEL (check->message), error->message);
}

/**
 * cx_preferences_new:
 *
 * Returns: (transfer floating): the preferences dialog, to show with
 *   adw_dialog_present()
 */
AdwDialog *
cx_preferences_new (GSettings *settings)
{
  const char *basemap_labels[] = { _("Schematic (offline)"), _("OpenStreetMap"), _("Custom tile server"), NULL };
  const char *datum_labels[] = { _("WGS84 (GPS, OpenStreetMap)"), _("GCJ-02 (AMap, Tencent)"), NULL };
  AdwDialog *dialog = adw_preferences_dialog_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *custom = adw_preferences_group_new ();
  GtkWidget *attribution = adw_entry_row_new ();
  GtkWidget *zoom_row = adw_action_row_new ();
  GtkWidget *zoom = gtk_spin_button_new_with_range (1, 20, 1);
  UrlCheck *check = g_new0 (UrlCheck, 1);

  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (dialog), FALSE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Basemap"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The map under the district’s layers. Network maps show the schematic map wherever a tile cannot be had."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_row (_("Map"), NULL, basemap_labels, settings, "basemap", basemaps));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (custom), _("Custom Tile Server"));

  check->settings = g_object_ref (settings);
  check->url_row = adw_entry_row_new ();
  check->message = gtk_label_new (NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (check->url_row), _("Tile address"));
  {
    g_autofree char *url = g_settings_get_string (settings, "custom-tile-url");

    gtk_editable_set_text (GTK_EDITABLE (check->url_row), url);
  }
  gtk_label_set_wrap (GTK_LABEL (check->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (check->message), 0);
  gtk_widget_add_css_class (check->message, "dim-label");
  gtk_widget_add_css_class (check->message, "caption");
  g_signal_connect_data (check->url_row, "changed", G_CALLBACK (on_url_changed), check,
                         (GClosureNotify) (void (*) (void)) url_check_free, 0);
  on_url_changed (GTK_EDITABLE (check->url_row), check);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (custom), check->url_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (attribution), _("Attribution"));
  g_settings_bind (settings, "custom-tile-attribution", attribution, "text", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (custom), attribution);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (zoom_row), _("Maximum zoom"));
  gtk_widget_set_valign (zoom, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (zoom), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Maximum zoom"), -1);
  g_settings_bind (settings, "custom-tile-max-zoom", zoom, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (zoom_row), zoom);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (custom), zoom_row);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (custom),
                             choice_row (_("Datum"), _("Tiles made for mainland Chinese maps are usually GCJ-02; the layers are shifted to match them"),
                                         datum_labels, settings, "custom-tile-datum", datums));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (custom), NULL);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (custom));
  {
    GtkWidget *message_group = adw_preferences_group_new ();
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (message_group), check->message);
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (message_group));
  }
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));

  return dialog;
}
