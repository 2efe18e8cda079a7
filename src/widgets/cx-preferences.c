/* cx-preferences.c: the basemap, and a custom tile server checked as typed
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-announce.h"
#include "cx-preferences.h"
#include "cx-tile-url.h"

struct _CxPreferences
{
  AdwPreferencesDialog parent_instance;

  /* Template widgets */
  GtkWidget *page;
  GtkWidget *basemap_dropdown;
  GtkWidget *url_row;
  GtkWidget *attribution_row;
  GtkWidget *zoom_button;
  GtkWidget *datum_dropdown;
  GtkWidget *url_message;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (CxPreferences, cx_preferences, ADW_TYPE_PREFERENCES_DIALOG)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The keys hold names, the drop-downs show them in this order. */
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

/* Checked as it is typed; stored only when valid, so the map never gets a
 * template it cannot use. That is why this one is not g_settings_bind(). */
static void
on_url_changed (GtkEditable   *editable,
                CxPreferences *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;

  if (text[0] == '\0' || cx_tile_url_template_validate (text, &error))
    {
      gtk_widget_remove_css_class (self->url_row, "error");
      gtk_label_set_text (GTK_LABEL (self->url_message),
                          _("An http or https address with {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png"));
      g_settings_set_string (self->settings, "custom-tile-url", text);
      return;
    }

  gtk_widget_add_css_class (self->url_row, "error");
  gtk_label_set_text (GTK_LABEL (self->url_message), error->message);
}

static void
set_settings (CxPreferences *self,
              GSettings     *settings)
{
  g_autofree char *url = NULL;

  if (settings == NULL)
    return;

  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "basemap", self->basemap_dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index, index_to_string, (gpointer) basemaps, NULL);
  g_settings_bind_with_mapping (settings, "custom-tile-datum", self->datum_dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index, index_to_string, (gpointer) datums, NULL);
  g_settings_bind (settings, "custom-tile-attribution", self->attribution_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "custom-tile-max-zoom", self->zoom_button, "value", G_SETTINGS_BIND_DEFAULT);

  url = g_settings_get_string (settings, "custom-tile-url");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  on_url_changed (GTK_EDITABLE (self->url_row), self);
}

static void
cx_preferences_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CxPreferences *self = CX_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_preferences_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CxPreferences *self = CX_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_preferences_dispose (GObject *object)
{
  CxPreferences *self = CX_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cx_preferences_parent_class)->dispose (object);
}

static void
cx_preferences_class_init (CxPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_preferences_set_property;
  object_class->get_property = cx_preferences_get_property;
  object_class->dispose = cx_preferences_dispose;

  /** CxPreferences:settings: the app's settings, which the rows are bound to */
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CxPreferences, page);
  gtk_widget_class_bind_template_child (widget_class, CxPreferences, basemap_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CxPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, CxPreferences, attribution_row);
  gtk_widget_class_bind_template_child (widget_class, CxPreferences, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, CxPreferences, datum_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CxPreferences, url_message);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
}

static void
cx_preferences_init (CxPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its page's scroll pane, by the dialog's title ("Preferences"). */
  cx_accessible_name_scrolled (self->page, adw_dialog_get_title (ADW_DIALOG (self)));
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
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CX_TYPE_PREFERENCES, "settings", settings, NULL);
}
