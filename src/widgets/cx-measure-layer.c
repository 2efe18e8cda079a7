/* cx-measure-layer.c: the measure tool's line, corners and crosshair over the map
 *
 * A layer of its own above the overlay, drawn with cairo at every frame: a
 * measurement has a handful of points, so nothing is cached, and it never
 * waits for the overlay's tiles. Positions go through the overlay's own
 * projection (cx_overlay_layer_location_to_widget()), so the line sits on
 * the features exactly, shifted with them over a GCJ-02 basemap, while the
 * points themselves stay in WGS84.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-measure"

#include "config.h"

#include <math.h>

#include "cx-measure-layer.h"

struct _CxMeasureLayer
{
  ShumateLayer    parent_instance;

  /* Owned */
  CxOverlayLayer *overlay;
  CxMeasure      *measure;

  gboolean        crosshair_shown;
  double          crosshair_lat;   /* WGS84 */
  double          crosshair_lon;
};

G_DEFINE_FINAL_TYPE (CxMeasureLayer, cx_measure_layer, SHUMATE_TYPE_LAYER)

/* Red with a white halo: apart from every colour of the palette, and
 * readable over light and dark basemaps alike. */
#define INK_R 0.75
#define INK_G 0.11
#define INK_B 0.16

static void
on_changed (CxMeasureLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stroke_with_halo (cairo_t *cr,
                  double   width)
{
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, width + 4);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, INK_R, INK_G, INK_B);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
cx_measure_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CxMeasureLayer *self = CX_MEASURE_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale = cx_overlay_layer_get_presentation (self->overlay) ? CX_PRESENTATION_SCALE : 1;
  guint n;
  const CxCoord *points = cx_measure_get_points (self->measure, &n);
  g_autofree graphene_point_t *xy = g_new (graphene_point_t, MAX (n, 1));
  cairo_t *cr;

  if ((n == 0 && !self->crosshair_shown) || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < n; i++)
    {
      double x, y;

      cx_overlay_layer_location_to_widget (self->overlay, points[i].y, points[i].x, &x, &y);
      xy[i] = GRAPHENE_POINT_INIT (x, y);
    }

  /* An area is filled and closed back to its first corner. */
  if (cx_measure_get_area (self->measure) && n >= 3)
    {
      cairo_move_to (cr, xy[0].x, xy[0].y);
      for (guint i = 1; i < n; i++)
        cairo_line_to (cr, xy[i].x, xy[i].y);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, INK_R, INK_G, INK_B, 0.15);
      cairo_fill_preserve (cr);
      stroke_with_halo (cr, 3 * scale);
    }
  else if (n >= 2)
    {
      cairo_move_to (cr, xy[0].x, xy[0].y);
      for (guint i = 1; i < n; i++)
        cairo_line_to (cr, xy[i].x, xy[i].y);
      stroke_with_halo (cr, 3 * scale);
    }

  for (guint i = 0; i < n; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, xy[i].x, xy[i].y, 4.5 * scale, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, INK_R, INK_G, INK_B);
      cairo_set_line_width (cr, 2 * scale);
      cairo_stroke (cr);
    }

  /* The keyboard's crosshair: big enough to find on a projector, open in
   * the middle so that what it points at stays visible. */
  if (self->crosshair_shown)
    {
      double x, y, r = 18 * scale, gap = 5 * scale;

      cx_overlay_layer_location_to_widget (self->overlay, self->crosshair_lat, self->crosshair_lon, &x, &y);
      cairo_move_to (cr, x - r, y);
      cairo_line_to (cr, x - gap, y);
      cairo_move_to (cr, x + gap, y);
      cairo_line_to (cr, x + r, y);
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x, y - gap);
      cairo_move_to (cr, x, y + gap);
      cairo_line_to (cr, x, y + r);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 6 * scale);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
      cairo_set_line_width (cr, 2.5 * scale);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
cx_measure_layer_dispose (GObject *object)
{
  CxMeasureLayer *self = CX_MEASURE_LAYER (object);

  if (self->measure != NULL)
    g_signal_handlers_disconnect_by_data (self->measure, self);
  g_clear_object (&self->measure);
  g_clear_object (&self->overlay);

  G_OBJECT_CLASS (cx_measure_layer_parent_class)->dispose (object);
}

static void
cx_measure_layer_class_init (CxMeasureLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_measure_layer_dispose;
  widget_class->snapshot = cx_measure_layer_snapshot;
}

static void
cx_measure_layer_init (CxMeasureLayer *self)
{
  /* Clicks go through to the map and its gestures. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

CxMeasureLayer *
cx_measure_layer_new (CxOverlayLayer *overlay,
                      CxMeasure      *measure)
{
  CxMeasureLayer *self;
  ShumateViewport *viewport;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (overlay), NULL);
  g_return_val_if_fail (CX_IS_MEASURE (measure), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (overlay));
  self = g_object_new (CX_TYPE_MEASURE_LAYER, "viewport", viewport, NULL);
  self->overlay = g_object_ref (overlay);
  self->measure = g_object_ref (measure);
  g_signal_connect_swapped (measure, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);

  return self;
}

void
cx_measure_layer_set_crosshair (CxMeasureLayer *self,
                                gboolean        shown,
                                double          latitude,
                                double          longitude)
{
  g_return_if_fail (CX_IS_MEASURE_LAYER (self));

  self->crosshair_shown = shown;
  self->crosshair_lat = latitude;
  self->crosshair_lon = longitude;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_measure_layer_get_crosshair:
 * @latitude: (out): WGS84
 * @longitude: (out): WGS84
 *
 * Returns: whether the crosshair is shown
 */
gboolean
cx_measure_layer_get_crosshair (CxMeasureLayer *self,
                                double         *latitude,
                                double         *longitude)
{
  g_return_val_if_fail (CX_IS_MEASURE_LAYER (self), FALSE);

  *latitude = self->crosshair_lat;
  *longitude = self->crosshair_lon;
  return self->crosshair_shown;
}
