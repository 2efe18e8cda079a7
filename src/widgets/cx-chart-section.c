/* cx-chart-section.c: a chart with its heading, caption and table menu
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart on a page sits in one of these: a heading, a menu button
 * with "Copy Table" (the chart's table as tab-separated text, as Ctrl+C on
 * the chart does) and "Export CSV…" (through GtkFileDialog, so the portal
 * in a sandbox; written whole or not at all by cx_chart_table_write_csv()),
 * an optional row of controls above the chart, and a caption under it for
 * what the chart cannot say by itself (computed figures, gaps, what is
 * not available).
 *
 * An export that fails is said in a toast and logged. Widgets do not reach
 * the window's toast helper, so the section adds the toast to the nearest
 * AdwToastOverlay itself, escaped as _cx_window_toast() does it.
 */

#define G_LOG_DOMAIN "cx-chart-section"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cx-bar-chart.h"
#include "cx-chart-section.h"
#include "cx-details-text.h"
#include "cx-series-chart.h"

struct _CxChartSection
{
  GtkBox     parent_instance;

  /* Template widgets */
  GtkWidget *extra;
  AdwBin    *chart_bin;

  char      *title;
  char      *caption;
};

G_DEFINE_FINAL_TYPE (CxChartSection, cx_chart_section, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CAPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (CxChartSection *self,
       const char     *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

CxChartTable *
cx_chart_section_get_table (CxChartSection *self)
{
  GtkWidget *chart;

  g_return_val_if_fail (CX_IS_CHART_SECTION (self), NULL);

  chart = adw_bin_get_child (self->chart_bin);
  if (CX_IS_BAR_CHART (chart))
    return cx_bar_chart_get_table (CX_BAR_CHART (chart));
  if (CX_IS_SERIES_CHART (chart))
    return cx_series_chart_get_table (CX_SERIES_CHART (chart));
  return NULL;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CxChartSection *self = CX_CHART_SECTION (widget);
  CxChartTable *table = cx_chart_section_get_table (self);
  g_autofree char *tsv = NULL;

  if (table == NULL)
    return;
  tsv = cx_chart_table_to_tsv (table);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), tsv);
  /* TRANSLATORS: toast after "Copy Table" in a chart's menu */
  toast (self, _("Table copied"));
}

static void
on_export_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CxChartSection) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CxChartTable *table;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
          && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The file chooser could not be opened: %s"), error->message);

          g_warning ("%s", text);
          toast (self, text);
        }
      return;
    }

  table = cx_chart_section_get_table (self);
  if (table == NULL)
    return;
  if (!cx_chart_table_write_csv (table, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* TRANSLATORS: a chart's table could not be exported: file name, reason */
      g_autofree char *text = g_strdup_printf (_("“%1$s” could not be written: %2$s"), name, error->message);

      g_warning ("%s", text);
      toast (self, text);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    /* TRANSLATORS: toast after a chart's table was exported */
    g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

    g_message ("%s", text);
    toast (self, text);
  }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CxChartSection *self = CX_CHART_SECTION (widget);
  CxChartTable *table = cx_chart_section_get_table (self);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autofree char *name = NULL;
  const char *title;

  if (table == NULL)
    return;
  title = cx_chart_table_get_title (table);
  /* Slashes are not allowed in a file name; the rest is the chooser's. */
  name = g_strdup_printf ("%s.csv", title != NULL && *title != '\0' ? title : _("Table"));
  g_strdelimit (name, "/\\", '-');

  /* TRANSLATORS: file type in the export dialog */
  gtk_file_filter_set_name (filter, _("CSV table"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  /* TRANSLATORS: title of the file dialog exporting a chart's table */
  gtk_file_dialog_set_title (dialog, _("Export Table as CSV"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (widget)), NULL,
                        on_export_chosen, g_object_ref (self));
}

static void
cx_chart_section_finalize (GObject *object)
{
  CxChartSection *self = CX_CHART_SECTION (object);

  g_free (self->title);
  g_free (self->caption);

  G_OBJECT_CLASS (cx_chart_section_parent_class)->finalize (object);
}

static void
cx_chart_section_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CxChartSection *self = CX_CHART_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_chart_section_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CxChartSection *self = CX_CHART_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      if (g_set_str (&self->title, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CAPTION:
      cx_chart_section_set_caption (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_chart_section_class_init (CxChartSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cx_chart_section_finalize;
  object_class->get_property = cx_chart_section_get_property;
  object_class->set_property = cx_chart_section_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "chart.export", NULL, export_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-chart-section.ui");
  gtk_widget_class_bind_template_child (widget_class, CxChartSection, extra);
  gtk_widget_class_bind_template_child (widget_class, CxChartSection, chart_bin);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_chart_section_init (CxChartSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cx_chart_section_set_chart:
 * @chart: (nullable): a #CxBarChart or a #CxSeriesChart
 */
void
cx_chart_section_set_chart (CxChartSection *self,
                            GtkWidget      *chart)
{
  g_return_if_fail (CX_IS_CHART_SECTION (self));

  adw_bin_set_child (self->chart_bin, chart);
}

GtkWidget *
cx_chart_section_get_chart (CxChartSection *self)
{
  g_return_val_if_fail (CX_IS_CHART_SECTION (self), NULL);

  return adw_bin_get_child (self->chart_bin);
}

/* A box over the chart for its controls (what the districts are compared
 * by); shown once it has a child. */
GtkWidget *
cx_chart_section_get_extra (CxChartSection *self)
{
  g_return_val_if_fail (CX_IS_CHART_SECTION (self), NULL);

  return self->extra;
}

void
cx_chart_section_set_caption (CxChartSection *self,
                              const char     *caption)
{
  g_return_if_fail (CX_IS_CHART_SECTION (self));

  if (g_set_str (&self->caption, caption))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}
