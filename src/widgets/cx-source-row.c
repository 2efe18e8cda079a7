/* cx-source-row.c: one citation in the sources dialog; a web address opens on activation
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-source-row"

#include "config.h"

#include "cx-data-pack.h"
#include "cx-web-link.h"
#include "cx-format.h"
#include "cx-source-row.h"

struct _CxSourceRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget *link_icon;

  /* Owned */
  CxSource *source;
};

G_DEFINE_FINAL_TYPE (CxSourceRow, cx_source_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_activated (CxSourceRow *self)
{
  const char *url = cx_source_get_url (self->source);

  if (url != NULL && cx_is_web_url (url))
    cx_open_web_link (GTK_WIDGET (self), url);
}

static void
set_source (CxSourceRow *self,
            CxSource    *source)
{
  g_autofree char *citation = cx_format_source (source);
  g_autofree char *subtitle = NULL;
  const char *url = cx_source_get_url (source);

  self->source = g_object_ref (source);

  if (cx_source_get_note (source) != NULL)
    subtitle = g_strdup_printf ("%s\n%s", citation, cx_source_get_note (source));
  else
    subtitle = g_strdup (citation);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), cx_source_get_title (source));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (url != NULL && cx_is_web_url (url))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), url);
    }
  else
    {
      /* Removed, not hidden: an empty suffix box would still narrow the text. */
      adw_action_row_remove (ADW_ACTION_ROW (self), self->link_icon);
      self->link_icon = NULL;
    }
}

static void
cx_source_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CxSourceRow *self = CX_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      if (g_value_get_object (value) != NULL)
        set_source (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_source_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CxSourceRow *self = CX_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_source_row_dispose (GObject *object)
{
  CxSourceRow *self = CX_SOURCE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_SOURCE_ROW);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (cx_source_row_parent_class)->dispose (object);
}

static void
cx_source_row_class_init (CxSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_source_row_set_property;
  object_class->get_property = cx_source_row_get_property;
  object_class->dispose = cx_source_row_dispose;

  properties[PROP_SOURCE] = g_param_spec_object ("source", NULL, NULL, CX_TYPE_SOURCE,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CxSourceRow, link_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_activated);
}

static void
cx_source_row_init (CxSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_source_row_new (CxSource *source)
{
  g_return_val_if_fail (CX_IS_SOURCE (source), NULL);

  return g_object_new (CX_TYPE_SOURCE_ROW, "source", source, NULL);
}
