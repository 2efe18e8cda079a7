/* cx-measure-bar.c: the measure tool's small bar over the map
 *
 * What is measured so far, in words a screen reader also hears as they
 * change, a Distance/Area switch, and a way out. The map view places it
 * over the map and counts it among what covers the map, so that labels
 * keep clear of it.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-measure"

#include "config.h"

#include "cx-announce.h"
#include "cx-measure-bar.h"

struct _CxMeasureBar
{
  GtkBox           parent_instance;

  /* Template widgets */
  GtkLabel        *readout;
  GtkToggleButton *distance_button;
  GtkToggleButton *area_button;

  /* Owned */
  CxMeasure       *measure;
};

G_DEFINE_FINAL_TYPE (CxMeasureBar, cx_measure_bar, GTK_TYPE_BOX)

static void
on_measure_changed (CxMeasureBar *self)
{
  g_autofree char *text = cx_measure_dup_readout (self->measure);
  gboolean area = cx_measure_get_area (self->measure);

  if (gtk_toggle_button_get_active (self->area_button) != area)
    gtk_toggle_button_set_active (area ? self->area_button : self->distance_button, TRUE);

  if (g_strcmp0 (gtk_label_get_label (self->readout), text) == 0)
    return;
  gtk_label_set_label (self->readout, text);
  /* Only while it shows: a measurement cleared as the tool closes is not
   * news. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cx_accessible_announce (GTK_ACCESSIBLE (self), text);
}

static void
on_kind_toggled (CxMeasureBar *self)
{
  if (self->measure != NULL)
    cx_measure_set_area (self->measure, gtk_toggle_button_get_active (self->area_button));
}

static void
cx_measure_bar_dispose (GObject *object)
{
  CxMeasureBar *self = CX_MEASURE_BAR (object);

  if (self->measure != NULL)
    g_signal_handlers_disconnect_by_data (self->measure, self);
  g_clear_object (&self->measure);
  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_MEASURE_BAR);

  G_OBJECT_CLASS (cx_measure_bar_parent_class)->dispose (object);
}

static void
cx_measure_bar_class_init (CxMeasureBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_measure_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-measure-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CxMeasureBar, readout);
  gtk_widget_class_bind_template_child (widget_class, CxMeasureBar, distance_button);
  gtk_widget_class_bind_template_child (widget_class, CxMeasureBar, area_button);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_set_css_name (widget_class, "cx-measure-bar");
}

static void
cx_measure_bar_init (CxMeasureBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cx_measure_bar_set_measure (CxMeasureBar *self,
                            CxMeasure    *measure)
{
  g_return_if_fail (CX_IS_MEASURE_BAR (self));
  g_return_if_fail (CX_IS_MEASURE (measure));

  if (self->measure != NULL)
    g_signal_handlers_disconnect_by_data (self->measure, self);
  g_set_object (&self->measure, measure);
  g_signal_connect_swapped (measure, "changed", G_CALLBACK (on_measure_changed), self);
  on_measure_changed (self);
}

/* What the bar says now (for tests, and the window's own announcements). */
const char *
cx_measure_bar_get_readout (CxMeasureBar *self)
{
  g_return_val_if_fail (CX_IS_MEASURE_BAR (self), NULL);

  return gtk_label_get_label (self->readout);
}
