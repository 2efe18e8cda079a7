/* cx-crs-dialog.c: which coordinate system a file without one is in
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Shapefile from the planning bureau often comes without its .prj, in
 * CGCS2000 Gauss–Krüger metres: the importer then refuses it
 * (CX_IMPORT_ERROR_NO_CRS) rather than guess, and this dialog asks. It
 * offers the systems a Shanghai planner meets, each with what its
 * numbers look like in Changning (so that a glance at the file's
 * coordinates tells which), and any other EPSG code. It carries the file,
 * so that whoever answers its "response" ("import" or "cancel") can queue
 * it again with cx_crs_dialog_get_crs().
 *
 * Keyboard: the rows are radio buttons, Up and Down move between them,
 * Space chooses, Enter chooses and imports, Esc cancels.
 */

#define G_LOG_DOMAIN "cx-crs-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-crs-dialog.h"

/* The eastings and northings are Changning's centre (121.42°E, 31.22°N)
 * in each system, from gdaltransform. */
static const struct
{
  const char *crs;
  const char *title;
  const char *explanation;
} choices[] = {
  { "EPSG:4549",
    N_("CGCS2000 / Gauss–Krüger 3° zone, central meridian 120°E (EPSG:4549)"),
    N_("Metres, six-digit eastings: about 635 000, 3 456 000 in Changning. The usual zone for Shanghai west of 121.5°E") },
  { "EPSG:4550",
    N_("CGCS2000 / Gauss–Krüger 3° zone, central meridian 123°E (EPSG:4550)"),
    N_("Metres, six-digit eastings: about 349 000, 3 456 000 in Changning. The zone for Pudong’s coast and Chongming") },
  { "EPSG:4528",
    N_("CGCS2000 / Gauss–Krüger 3° zone 40, with the zone number in the easting (EPSG:4528)"),
    N_("Central meridian 120°E; eight-digit eastings starting with 40: about 40 635 000 in Changning") },
  { "EPSG:4529",
    N_("CGCS2000 / Gauss–Krüger 3° zone 41, with the zone number in the easting (EPSG:4529)"),
    N_("Central meridian 123°E; eight-digit eastings starting with 41: about 41 349 000 in Changning") },
  { "EPSG:4490",
    N_("CGCS2000 longitude and latitude (EPSG:4490)"),
    N_("Degrees, about 121.42, 31.22 in Changning; China’s official geographic system, within centimetres of GPS") },
  { "EPSG:32651",
    N_("WGS 84 / UTM zone 51N (EPSG:32651)"),
    N_("Metres, about 349 500, 3 455 000 in Changning; international data and GPS software") },
  { "EPSG:3857",
    N_("Web Mercator (EPSG:3857)"),
    N_("Web maps’ metres, about 13 516 000, 3 661 000 in Changning; tiles and online map exports") },
};

struct _CxCrsDialog
{
  AdwAlertDialog  parent_instance;

  /* Template widgets */
  GtkListBox     *list;

  /* Not owned: children of list */
  GtkCheckButton *checks[G_N_ELEMENTS (choices) + 1];  /* the last: Other */
  AdwEntryRow    *code_row;

  /* Owned */
  GFile          *file;
};

G_DEFINE_FINAL_TYPE (CxCrsDialog, cx_crs_dialog, ADW_TYPE_ALERT_DIALOG)

#define OTHER G_N_ELEMENTS (choices)

/* An EPSG code: digits only, at most six (the registry's largest are
 * five; ESRI's in the same namespace six). */
static gboolean
code_is_valid (const char *text)
{
  gsize n = strlen (text);

  if (n == 0 || n > 6)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static void
update_import (CxCrsDialog *self)
{
  gboolean other = gtk_check_button_get_active (self->checks[OTHER]);
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  gboolean valid = !other || code_is_valid (code);

  /* Marked wrong only once something was typed there. */
  if (other && code[0] != '\0' && !valid)
    gtk_widget_add_css_class (GTK_WIDGET (self->code_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->code_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->code_row), GTK_ACCESSIBLE_STATE_INVALID,
                               other && code[0] != '\0' && !valid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (self), "import", valid);
}

static void
on_code_changed (CxCrsDialog *self)
{
  /* Typing a code chooses it. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->code_row))[0] != '\0')
    gtk_check_button_set_active (self->checks[OTHER], TRUE);
  update_import (self);
}

/* Enter on a row chooses it and imports; Space only chooses (the row's
 * own activation); Esc cancels. */
static gboolean
on_list_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             CxCrsDialog           *self)
{
  GtkWidget *focus;
  GtkWidget *row;
  GtkWidget *default_widget;

  if (keyval == GDK_KEY_Escape)
    {
      /* Closing is the Cancel response (close-response). Done here:
       * AdwDialog's own Esc did not reach it inside the app's window
       * (seen under Xvfb with xdotool). */
      adw_dialog_close (ADW_DIALOG (self));
      return GDK_EVENT_STOP;
    }
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return GDK_EVENT_PROPAGATE;

  /* Elsewhere (on Cancel), Enter is that widget's. */
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return GDK_EVENT_PROPAGATE;
  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "cx-crs-check");

      if (check != NULL)
        gtk_check_button_set_active (check, TRUE);
    }

  default_widget = adw_dialog_get_default_widget (ADW_DIALOG (self));
  if (default_widget != NULL && gtk_widget_is_sensitive (default_widget))
    gtk_widget_activate (default_widget);
  return GDK_EVENT_STOP;
}

static GtkCheckButton *
add_check (CxCrsDialog *self,
           AdwPreferencesRow *row,
           const char *name)
{
  GtkCheckButton *check = GTK_CHECK_BUTTON (gtk_check_button_new ());

  gtk_widget_set_valign (GTK_WIDGET (check), GTK_ALIGN_CENTER);
  /* The row's title names the radio button: a screen reader says the
   * system chosen, not only "checked". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (self->checks[0] != NULL)
    gtk_check_button_set_group (check, self->checks[0]);
  g_signal_connect_object (check, "notify::active", G_CALLBACK (update_import), self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (row), "cx-crs-check", check);
  return check;
}

static void
build_rows (CxCrsDialog *self)
{
  GtkEventController *keys;

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(choices[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(choices[i].explanation));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      self->checks[i] = add_check (self, ADW_PREFERENCES_ROW (row), _(choices[i].title));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->checks[i]));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->checks[i]));
      gtk_list_box_append (self->list, row);
    }

  /* Other: an EPSG code typed in. */
  self->code_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->code_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row), _("Other EPSG code"));
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->code_row), 6);
  adw_entry_row_set_input_purpose (self->code_row, GTK_INPUT_PURPOSE_DIGITS);
  self->checks[OTHER] = add_check (self, ADW_PREFERENCES_ROW (self->code_row), _("Other coordinate system, by its EPSG code"));
  adw_entry_row_add_prefix (self->code_row, GTK_WIDGET (self->checks[OTHER]));
  g_signal_connect_object (self->code_row, "changed", G_CALLBACK (on_code_changed), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->list, GTK_WIDGET (self->code_row));

  gtk_check_button_set_active (self->checks[0], TRUE);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_list_key), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static void
cx_crs_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CX_TYPE_CRS_DIALOG);

  G_OBJECT_CLASS (cx_crs_dialog_parent_class)->dispose (object);
}

static void
cx_crs_dialog_finalize (GObject *object)
{
  CxCrsDialog *self = (CxCrsDialog *) object;

  g_clear_object (&self->file);

  G_OBJECT_CLASS (cx_crs_dialog_parent_class)->finalize (object);
}

static void
cx_crs_dialog_class_init (CxCrsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_crs_dialog_dispose;
  object_class->finalize = cx_crs_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-crs-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CxCrsDialog, list);
}

/* The first choice has the focus once shown (set before, it is lost), so
 * that Enter imports it, the arrows move to the others and Esc reaches
 * the dialog. */
static void
on_map (CxCrsDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->checks); i++)
    if (gtk_check_button_get_active (self->checks[i]))
      {
        gtk_widget_grab_focus (gtk_widget_get_ancestor (GTK_WIDGET (self->checks[i]), GTK_TYPE_LIST_BOX_ROW));
        return;
      }
}

static void
cx_crs_dialog_init (CxCrsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

/**
 * cx_crs_dialog_new:
 * @file: the file to import again
 * @reason: why it is asked: the importer's message, shown as it is
 */
AdwDialog *
cx_crs_dialog_new (GFile      *file,
                   const char *reason)
{
  CxCrsDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CX_TYPE_CRS_DIALOG, NULL);
  self->file = g_object_ref (file);
  /* TRANSLATORS: the importer's reason, then what to do */
  body = g_strdup_printf (_("%s\n\nChoose the system the file’s coordinates are in; whoever sent it can tell. Nothing is imported until you do."),
                          reason);
  adw_alert_dialog_set_body (ADW_ALERT_DIALOG (self), body);
  return ADW_DIALOG (self);
}

GFile *
cx_crs_dialog_get_file (CxCrsDialog *self)
{
  g_return_val_if_fail (CX_IS_CRS_DIALOG (self), NULL);

  return self->file;
}

/**
 * cx_crs_dialog_get_crs:
 *
 * Returns: (transfer full) (nullable): the system chosen, "EPSG:4549";
 *   %NULL when Other is chosen without a valid code
 */
char *
cx_crs_dialog_get_crs (CxCrsDialog *self)
{
  const char *code;

  g_return_val_if_fail (CX_IS_CRS_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (gtk_check_button_get_active (self->checks[i]))
      return g_strdup (choices[i].crs);

  code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  return code_is_valid (code) ? g_strconcat ("EPSG:", code, NULL) : NULL;
}

/**
 * cx_crs_dialog_select:
 * @crs: "EPSG:4549": one of the choices, or any other EPSG code
 *
 * Chooses @crs as if clicked (or typed in Other).
 *
 * Returns: whether @crs is an EPSG code
 */
gboolean
cx_crs_dialog_select (CxCrsDialog *self,
                      const char  *crs)
{
  g_return_val_if_fail (CX_IS_CRS_DIALOG (self), FALSE);
  g_return_val_if_fail (crs != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (g_str_equal (choices[i].crs, crs))
      {
        gtk_check_button_set_active (self->checks[i], TRUE);
        return TRUE;
      }

  if (!g_str_has_prefix (crs, "EPSG:") || !code_is_valid (crs + 5))
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), crs + 5);
  return TRUE;
}
