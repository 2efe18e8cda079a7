/* cx-details-title.c: a details page's name, in both scripts, and its kind
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include "cx-chinese.h"
#include "cx-details-text.h"
#include "cx-details-title.h"

struct _CxDetailsTitle
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;

  /* Owned: as shown, with places to break */
  char *title;
  char *subtitle;
  char *kind;
};

G_DEFINE_FINAL_TYPE (CxDetailsTitle, cx_details_title, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
field (CxDetailsTitle *self,
       guint           prop_id)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      return &self->title;
    case PROP_SUBTITLE:
      return &self->subtitle;
    case PROP_KIND:
      return &self->kind;
    default:
      g_assert_not_reached ();
    }
}

static void
cx_details_title_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CX_TYPE_DETAILS_TITLE);

  G_OBJECT_CLASS (cx_details_title_parent_class)->dispose (object);
}

static void
cx_details_title_finalize (GObject *object)
{
  CxDetailsTitle *self = (CxDetailsTitle *) object;

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->kind);

  G_OBJECT_CLASS (cx_details_title_parent_class)->finalize (object);
}

static void
cx_details_title_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  g_value_set_string (value, *field (CX_DETAILS_TITLE (object), prop_id));
}

static void
cx_details_title_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  char **text = field (CX_DETAILS_TITLE (object), prop_id);
  g_autofree char *breakable = cx_details_breakable (g_value_get_string (value));

  if (g_strcmp0 (*text, breakable) == 0)
    return;
  g_free (*text);
  *text = g_steal_pointer (&breakable);
  g_object_notify_by_pspec (object, pspec);
}

static void
cx_details_title_class_init (CxDetailsTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_details_title_dispose;
  object_class->finalize = cx_details_title_finalize;
  object_class->get_property = cx_details_title_get_property;
  object_class->set_property = cx_details_title_set_property;

  /* The name shown, as a level-1 heading. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The name in the other script, if it differs. */
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What it is, dimmed. */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-details-title.ui");
  gtk_widget_class_bind_template_child (widget_class, CxDetailsTitle, title_label);
  gtk_widget_class_bind_template_child (widget_class, CxDetailsTitle, subtitle_label);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_details_title_init (CxDetailsTitle *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The name in both scripts: its Chinese in Simplified Chinese glyphs. */
  cx_chinese_label (self->title_label);
  cx_chinese_label (self->subtitle_label);
}
