/* cx-rename-dialog.c: asks for a new name (and, for a scene, a note)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dialog for scenes and imported layers: it carries what is renamed
 * (its "item"), so that whoever answers its "response" knows.
 */

#define G_LOG_DOMAIN "cx-rename-dialog"

#include "config.h"

#include "cx-announce.h"
#include "cx-rename-dialog.h"

struct _CxRenameDialog
{
  AdwAlertDialog  parent_instance;

  /* Template widgets */
  GtkWidget      *fields;

  /* Owned */
  GObject        *item;
  char           *label;
  char           *text;
  char           *note;
  gboolean        has_note;
};

G_DEFINE_FINAL_TYPE (CxRenameDialog, cx_rename_dialog, ADW_TYPE_ALERT_DIALOG)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_LABEL,
  PROP_TEXT,
  PROP_NOTE,
  PROP_HAS_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cx_rename_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CxRenameDialog *self = CX_RENAME_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_HAS_NOTE:
      g_value_set_boolean (value, self->has_note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_rename_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CxRenameDialog *self = CX_RENAME_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_set_object (&self->item, g_value_get_object (value));
      break;
    /* Never NULL: the entry rows are bound to them. */
    case PROP_LABEL:
      if (g_set_str (&self->label, g_value_get_string (value) != NULL ? g_value_get_string (value) : ""))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_TEXT:
      if (g_set_str (&self->text, g_value_get_string (value) != NULL ? g_value_get_string (value) : ""))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_NOTE:
      if (g_set_str (&self->note, g_value_get_string (value) != NULL ? g_value_get_string (value) : ""))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_HAS_NOTE:
      self->has_note = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_rename_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CX_TYPE_RENAME_DIALOG);

  G_OBJECT_CLASS (cx_rename_dialog_parent_class)->dispose (object);
}

static void
cx_rename_dialog_finalize (GObject *object)
{
  CxRenameDialog *self = (CxRenameDialog *) object;

  g_clear_object (&self->item);
  g_free (self->label);
  g_free (self->text);
  g_free (self->note);

  G_OBJECT_CLASS (cx_rename_dialog_parent_class)->finalize (object);
}

/* The list of fields is read by its name when the focus enters it: the
 * dialog's heading ("Rename Scene"), which its caller gives. */
static void
name_fields (CxRenameDialog *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fields), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (self)), -1);
}

static void
cx_rename_dialog_class_init (CxRenameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cx_rename_dialog_get_property;
  object_class->set_property = cx_rename_dialog_set_property;
  object_class->dispose = cx_rename_dialog_dispose;
  object_class->finalize = cx_rename_dialog_finalize;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_NOTE] =
    g_param_spec_boolean ("has-note", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cx-rename-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CxRenameDialog, fields);
}

static void
cx_rename_dialog_init (CxRenameDialog *self)
{
  self->label = g_strdup ("");
  self->text = g_strdup ("");
  self->note = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (cx_accessible_name_alert_scrolled), NULL);
  g_signal_connect (self, "map", G_CALLBACK (name_fields), NULL);
}

/**
 * cx_rename_dialog_new:
 * @item: what is renamed, handed back by cx_rename_dialog_get_item()
 * @label: what the name is called ("Scene title")
 * @text: the name now
 * @note: (nullable): the note now; %NULL asks for no note
 *
 * Returns: (transfer floating): the dialog; its "rename" response renames
 */
AdwDialog *
cx_rename_dialog_new (GObject    *item,
                      const char *heading,
                      const char *label,
                      const char *text,
                      const char *note)
{
  g_return_val_if_fail (G_IS_OBJECT (item), NULL);

  return g_object_new (CX_TYPE_RENAME_DIALOG,
                       "item", item,
                       "heading", heading,
                       "label", label,
                       "text", text,
                       "note", note,
                       "has-note", note != NULL,
                       NULL);
}

GObject *
cx_rename_dialog_get_item (CxRenameDialog *self)
{
  g_return_val_if_fail (CX_IS_RENAME_DIALOG (self), NULL);

  return self->item;
}

const char *
cx_rename_dialog_get_text (CxRenameDialog *self)
{
  g_return_val_if_fail (CX_IS_RENAME_DIALOG (self), NULL);

  return self->text;
}

const char *
cx_rename_dialog_get_note (CxRenameDialog *self)
{
  g_return_val_if_fail (CX_IS_RENAME_DIALOG (self), NULL);

  return self->note;
}
