/* cx-growth-chart.c: growth rates as a small bar chart
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-growth-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-format.h"
#include "cx-growth-chart.h"

#define BAR_HEIGHT 12

struct _CxGrowthChart
{
  GtkWidget parent_instance;

  GListModel *statistics;
  GPtrArray  *bars;          /* CxStatistic, growth rates only */
  char       *text_alternative;
};

G_DEFINE_FINAL_TYPE (CxGrowthChart, cx_growth_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATISTICS,
  PROP_N_BARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define VALUE_WIDTH 72
#define ROW_GAP 10

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             gboolean    bold,
             int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  /* Captions wrap rather than lose the period at the end. */
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  return layout;
}

static PangoLayout *
caption_layout (CxGrowthChart *self,
                CxStatistic   *stat,
                int            width)
{
  g_autofree char *period = cx_format_period (cx_statistic_get_period (stat));
  g_autofree char *caption = cx_format_title_with_period (cx_statistic_get_title (stat), period);

  return make_layout (GTK_WIDGET (self), caption, FALSE, width);
}

static int
rows_height (CxGrowthChart *self,
             int            width)
{
  int total = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autoptr(PangoLayout) caption = caption_layout (self, g_ptr_array_index (self->bars, i), width);
      int h;

      pango_layout_get_pixel_size (caption, NULL, &h);
      total += h + 4 + BAR_HEIGHT + ROW_GAP;
    }

  return total;
}

static void
cx_growth_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CxGrowthChart *self = CX_GROWTH_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int bar_span = MAX (width - VALUE_WIDTH, 10);
  double max = 0;
  double y = 0;
  GdkRGBA fg, bar, track;

  gtk_widget_get_color (widget, &fg);
  gdk_rgba_parse (&bar, "#d9822b");
  track = fg;
  track.alpha = 0.1;

  for (guint i = 0; i < self->bars->len; i++)
    max = MAX (max, fabs (cx_statistic_get_value (g_ptr_array_index (self->bars, i))));
  if (max <= 0)
    max = 1;

  for (guint i = 0; i < self->bars->len; i++)
    {
      CxStatistic *stat = g_ptr_array_index (self->bars, i);
      g_autofree char *value = cx_format_statistic_value (stat);
      g_autoptr(PangoLayout) caption = caption_layout (self, stat, width);
      g_autoptr(PangoLayout) value_layout = make_layout (widget, value, TRUE, VALUE_WIDTH);
      double bar_width = bar_span * fabs (cx_statistic_get_value (stat)) / max;
      int caption_height, value_width, value_height;

      pango_layout_get_pixel_size (caption, NULL, &caption_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
      gtk_snapshot_append_layout (snapshot, caption, &fg);
      gtk_snapshot_restore (snapshot);
      y += caption_height + 4;

      gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, y, bar_span - 8, BAR_HEIGHT));
      gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (0, y, MAX (2, bar_width - 8), BAR_HEIGHT));

      pango_layout_get_pixel_size (value_layout, &value_width, &value_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - value_width, y + (BAR_HEIGHT - value_height) / 2.0));
      gtk_snapshot_append_layout (snapshot, value_layout, &fg);
      gtk_snapshot_restore (snapshot);

      y += BAR_HEIGHT + ROW_GAP;
    }
}

static GtkSizeRequestMode
cx_growth_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cx_growth_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CxGrowthChart *self = CX_GROWTH_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
    }
  else
    {
      *minimum = *natural = rows_height (self, for_size > 0 ? for_size : 320);
    }
}

/* Keeps the growth rates of @statistics, in order, and says them in words
 * for screen readers and as the tooltip. */
static void
set_statistics (CxGrowthChart *self,
                GListModel    *statistics)
{
  g_autoptr(GString) text = g_string_new (_("Growth rates: "));
  guint n = statistics != NULL ? g_list_model_get_n_items (statistics) : 0;

  g_ptr_array_set_size (self->bars, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxStatistic) stat = g_list_model_get_item (statistics, i);
      g_autofree char *value = NULL;
      g_autofree char *period = NULL;
      g_autofree char *caption = NULL;

      if (cx_statistic_get_kind (stat) != CX_STATISTIC_GROWTH)
        continue;

      value = cx_format_statistic_value (stat);
      period = cx_format_period (cx_statistic_get_period (stat));
      caption = cx_format_title_with_period (cx_statistic_get_title (stat), period);
      if (self->bars->len > 0)
        g_string_append (text, "; ");
      /* TRANSLATORS: one bar of the growth chart read aloud: its caption, then its value */
      g_string_append_printf (text, _("%1$s: %2$s"), caption, value);
      g_ptr_array_add (self->bars, g_object_ref (stat));
    }

  g_free (self->text_alternative);
  self->text_alternative = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Growth chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text_alternative,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->text_alternative);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATISTICS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BARS]);
}

static void
cx_growth_chart_finalize (GObject *object)
{
  CxGrowthChart *self = (CxGrowthChart *) object;

  g_clear_pointer (&self->bars, g_ptr_array_unref);
  g_clear_object (&self->statistics);
  g_free (self->text_alternative);

  G_OBJECT_CLASS (cx_growth_chart_parent_class)->finalize (object);
}

static void
cx_growth_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CxGrowthChart *self = CX_GROWTH_CHART (object);

  switch (prop_id)
    {
    case PROP_STATISTICS:
      g_value_set_object (value, self->statistics);
      break;
    case PROP_N_BARS:
      g_value_set_uint (value, self->bars->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_growth_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CxGrowthChart *self = CX_GROWTH_CHART (object);

  switch (prop_id)
    {
    case PROP_STATISTICS:
      cx_growth_chart_set_statistics (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_growth_chart_class_init (CxGrowthChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cx_growth_chart_finalize;
  object_class->get_property = cx_growth_chart_get_property;
  object_class->set_property = cx_growth_chart_set_property;
  widget_class->snapshot = cx_growth_chart_snapshot;
  widget_class->measure = cx_growth_chart_measure;
  widget_class->get_request_mode = cx_growth_chart_get_request_mode;

  /**
   * CxGrowthChart:statistics:
   *
   * Statistics; those of kind growth are charted, in order.
   */
  properties[PROP_STATISTICS] =
    g_param_spec_object ("statistics", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxGrowthChart:n-bars:
   *
   * How many bars the chart draws: none means there is nothing to show.
   */
  properties[PROP_N_BARS] =
    g_param_spec_uint ("n-bars", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cx-growth-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cx_growth_chart_init (CxGrowthChart *self)
{
  self->bars = g_ptr_array_new_with_free_func (g_object_unref);
  set_statistics (self, NULL);
}

/**
 * cx_growth_chart_new:
 * @statistics: (nullable): statistics; those of kind growth are charted, in order
 */
GtkWidget *
cx_growth_chart_new (GListModel *statistics)
{
  return g_object_new (CX_TYPE_GROWTH_CHART, "statistics", statistics, NULL);
}

void
cx_growth_chart_set_statistics (CxGrowthChart *self,
                                GListModel    *statistics)
{
  g_return_if_fail (CX_IS_GROWTH_CHART (self));
  g_return_if_fail (statistics == NULL || G_IS_LIST_MODEL (statistics));

  if (!g_set_object (&self->statistics, statistics))
    return;
  set_statistics (self, statistics);
}

const char *
cx_growth_chart_get_text_alternative (CxGrowthChart *self)
{
  g_return_val_if_fail (CX_IS_GROWTH_CHART (self), NULL);

  return self->text_alternative;
}

guint
cx_growth_chart_get_n_bars (CxGrowthChart *self)
{
  g_return_val_if_fail (CX_IS_GROWTH_CHART (self), 0);

  return self->bars->len;
}
