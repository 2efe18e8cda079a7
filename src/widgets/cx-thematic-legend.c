/* cx-thematic-legend.c: the thematic view's legend over the map
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card in a corner of the map: the statistic's title and unit, nested
 * circles of round values drawn as the map draws them at its zoom
 * (cx_overlay_draw_symbol_legend()), where the figures are from, and a
 * button that clears the view (as Esc does).
 */

#define G_LOG_DOMAIN "cx-thematic-legend"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cx-chinese.h"
#include "cx-format.h"
#include "cx-overlay-layer.h"
#include "cx-source.h"
#include "cx-thematic.h"
#include "cx-thematic-legend.h"

struct _CxThematicLegend
{
  GtkBox       parent_instance;

  /* Template widgets */
  GtkLabel    *title;
  GtkWidget   *circles;
  GtkLabel    *note;

  /* Owned */
  CxStatistic *statistic;
  double       max_radius;
  guint        n_circles;
  char        *circles_text;
};

G_DEFINE_FINAL_TYPE (CxThematicLegend, cx_thematic_legend, GTK_TYPE_BOX)

static gboolean
is_dark (GtkWidget *widget)
{
  return adw_style_manager_get_dark (adw_style_manager_get_for_display (gtk_widget_get_display (widget)));
}

static void
draw_circles (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  CxThematicLegend *self = user_data;
  g_autoptr(PangoLayout) layout = NULL;

  if (self->statistic == NULL)
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  cx_overlay_draw_symbol_legend (cr, layout, self->statistic, self->max_radius,
                                 is_dark (GTK_WIDGET (self)), NULL, NULL);
}

static void
update_size (CxThematicLegend *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  double width = 0, height = 0;

  if (self->statistic == NULL)
    return;

  layout = gtk_widget_create_pango_layout (self->circles, NULL);
  self->n_circles = cx_overlay_draw_symbol_legend (NULL, layout, self->statistic, self->max_radius,
                                                   FALSE, &width, &height);
  /* What the circles say, for screen readers (and tests). */
  {
    double values[CX_THEMATIC_MAX_LEGEND];
    guint n = cx_thematic_statistic_legend_values (self->statistic, values);
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *figure = cx_format_statistic_figure (self->statistic, values[i]);

        if (i > 0)
          /* TRANSLATORS: between the values of the legend's circles */
          g_string_append (text, C_("legend values", ", "));
        g_string_append (text, figure);
      }
    g_free (self->circles_text);
    /* TRANSLATORS: what the legend's nested circles stand for, for screen
     * readers: "Circles sized for 100,000 jobs, 25,000 jobs, 5,000 jobs" */
    self->circles_text = g_strdup_printf (_("Circles sized for %s"), text->str);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->circles),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->circles_text, -1);
  }
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->circles), (int) ceil (width) + 2);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->circles), (int) ceil (height) + 2);
  gtk_widget_queue_draw (self->circles);
}

/**
 * cx_thematic_describe_source:
 *
 * Returns: (transfer full): where a thematic view's figures are from, in a
 *   sentence: the source, or for a computed ratio that it is computed and
 *   both sources
 */
char *
cx_thematic_describe_source (CxDataPack  *pack,
                             CxStatistic *statistic)
{
  CxStatistic *numerator = NULL, *denominator = NULL;
  g_autofree char *period = cx_format_period (cx_statistic_get_period (statistic));

  if (cx_statistic_get_ratio (statistic, &numerator, &denominator))
    /* TRANSLATORS: a computed ratio's legend: "Computed: Jobs ÷ Area.
     * Sources: <source of jobs>; <source of area>." */
    return g_strdup_printf (_("Computed: %1$s ÷ %2$s. Sources: %3$s; %4$s."),
                            cx_statistic_get_title (numerator),
                            cx_statistic_get_title (denominator),
                            cx_source_get_publisher (cx_statistic_get_source (numerator)),
                            cx_source_get_publisher (cx_statistic_get_source (denominator)));

  /* TRANSLATORS: a thematic view's legend: "<period>. Source: <source>." */
  return g_strdup_printf (_("%1$s. Source: %2$s."),
                          period, cx_source_get_publisher (cx_statistic_get_source (statistic)));
}

void
cx_thematic_legend_set_statistic (CxThematicLegend *self,
                                  CxDataPack       *pack,
                                  CxStatistic      *statistic)
{
  g_return_if_fail (CX_IS_THEMATIC_LEGEND (self));

  if (!g_set_object (&self->statistic, statistic))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self), statistic != NULL);
  if (statistic == NULL)
    return;

  {
    g_autofree char *note = cx_thematic_describe_source (pack, statistic);

    gtk_label_set_text (self->title, cx_statistic_get_title (statistic));
    gtk_label_set_text (self->note, note);
  }
  update_size (self);
}

CxStatistic *
cx_thematic_legend_get_statistic (CxThematicLegend *self)
{
  g_return_val_if_fail (CX_IS_THEMATIC_LEGEND (self), NULL);

  return self->statistic;
}

/**
 * cx_thematic_legend_set_max_radius:
 * @max_radius: the radius the map draws the largest value with now
 */
void
cx_thematic_legend_set_max_radius (CxThematicLegend *self,
                                   double            max_radius)
{
  g_return_if_fail (CX_IS_THEMATIC_LEGEND (self));

  if (G_APPROX_VALUE (self->max_radius, max_radius, 0.25))
    return;
  self->max_radius = max_radius;
  update_size (self);
}

/**
 * cx_thematic_legend_get_circles_text:
 *
 * Returns: (nullable): what the circles stand for, in words: their
 *   accessible name
 */
const char *
cx_thematic_legend_get_circles_text (CxThematicLegend *self)
{
  g_return_val_if_fail (CX_IS_THEMATIC_LEGEND (self), NULL);

  return self->statistic != NULL ? self->circles_text : NULL;
}

guint
cx_thematic_legend_get_n_circles (CxThematicLegend *self)
{
  g_return_val_if_fail (CX_IS_THEMATIC_LEGEND (self), 0);

  return self->statistic != NULL ? self->n_circles : 0;
}

static void
cx_thematic_legend_dispose (GObject *object)
{
  CxThematicLegend *self = CX_THEMATIC_LEGEND (object);

  g_clear_object (&self->statistic);
  g_clear_pointer (&self->circles_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_THEMATIC_LEGEND);

  G_OBJECT_CLASS (cx_thematic_legend_parent_class)->dispose (object);
}

static void
cx_thematic_legend_class_init (CxThematicLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_thematic_legend_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/widgets/cx-thematic-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, CxThematicLegend, title);
  gtk_widget_class_bind_template_child (widget_class, CxThematicLegend, circles);
  gtk_widget_class_bind_template_child (widget_class, CxThematicLegend, note);
}

static void
cx_thematic_legend_init (CxThematicLegend *self)
{
  self->max_radius = 30;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its sources' publishers may be Chinese. */
  cx_chinese_label (self->note);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->circles), draw_circles, self, NULL);
  g_signal_connect_object (adw_style_manager_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                           "notify::dark", G_CALLBACK (gtk_widget_queue_draw), self->circles,
                           G_CONNECT_SWAPPED);
}
