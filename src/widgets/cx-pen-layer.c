/* cx-pen-layer.c: the presentation pen's strokes over the map, as they are drawn
 *
 * A highlighter: wide, translucent yellow strokes above the overlay. The
 * stroke being drawn, and those that fade, live here; a stroke that stays
 * becomes an annotation (CX_ANNOTATION_STROKE, drawn by the annotation
 * layer) when it ends, so that it is undone, kept in a scene and saved with
 * the other marks. Points are WGS84 (x the longitude, y the latitude) and
 * go through the overlay's projection, so that strokes move with the map.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-pen"

#include "config.h"

#include <math.h>

#include "cx-geometry.h"
#include "cx-pen-layer.h"

typedef struct
{
  GArray *points;      /* CxCoord, WGS84 */
  gint64  fade_start;  /* monotonic µs; 0 while it is being drawn */
} Stroke;

struct _CxPenLayer
{
  ShumateLayer    parent_instance;

  /* Owned */
  CxOverlayLayer *overlay;
  GPtrArray      *strokes;   /* Stroke: fading ones, then the one being drawn */
  Stroke         *current;   /* borrowed from @strokes, or NULL */
  guint           tick_id;   /* while strokes fade */
};

G_DEFINE_FINAL_TYPE (CxPenLayer, cx_pen_layer, SHUMATE_TYPE_LAYER)

static void
stroke_free (gpointer data)
{
  Stroke *stroke = data;

  g_array_unref (stroke->points);
  g_free (stroke);
}

/* How much of a fading stroke is left, 1 to 0: it holds, then fades out in
 * its last second. */
static double
stroke_alpha (const Stroke *stroke,
              gint64        now)
{
  double left_ms;

  if (stroke->fade_start == 0)
    return 1;
  left_ms = CX_PEN_FADE_MS - (now - stroke->fade_start) / 1000.0;
  return CLAMP (left_ms / 1000.0, 0, 1);
}

static gboolean
fade_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       data)
{
  CxPenLayer *self = CX_PEN_LAYER (widget);
  gint64 now = g_get_monotonic_time ();
  gboolean fading = FALSE;

  for (guint i = self->strokes->len; i-- > 0;)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);

      if (stroke->fade_start == 0)
        continue;
      if (stroke_alpha (stroke, now) <= 0)
        g_ptr_array_remove_index (self->strokes, i);
      else
        fading = TRUE;
    }
  gtk_widget_queue_draw (widget);
  if (fading)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
cx_pen_layer_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CxPenLayer *self = CX_PEN_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale = cx_overlay_layer_get_presentation (self->overlay) ? CX_PRESENTATION_SCALE : 1;
  gint64 now = g_get_monotonic_time ();
  cairo_t *cr;

  if (self->strokes->len == 0 || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 14 * scale);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      const Stroke *stroke = g_ptr_array_index (self->strokes, i);

      for (guint k = 0; k < stroke->points->len; k++)
        {
          const CxCoord *c = &g_array_index (stroke->points, CxCoord, k);
          double x, y;

          cx_overlay_layer_location_to_widget (self->overlay, c->y, c->x, &x, &y);
          if (k == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (stroke->points->len == 1)
        cairo_rel_line_to (cr, 0, 0);
      /* A highlighter's yellow: marks without hiding what is under it. */
      cairo_set_source_rgba (cr, 1.0, 0.84, 0.0, 0.5 * stroke_alpha (stroke, now));
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
cx_pen_layer_dispose (GObject *object)
{
  CxPenLayer *self = CX_PEN_LAYER (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->strokes, g_ptr_array_unref);
  self->current = NULL;
  g_clear_object (&self->overlay);

  G_OBJECT_CLASS (cx_pen_layer_parent_class)->dispose (object);
}

static void
cx_pen_layer_class_init (CxPenLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cx_pen_layer_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = cx_pen_layer_snapshot;
}

static void
cx_pen_layer_init (CxPenLayer *self)
{
  self->strokes = g_ptr_array_new_with_free_func (stroke_free);
  /* The map view's drag gesture draws; the layer only shows. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

CxPenLayer *
cx_pen_layer_new (CxOverlayLayer *overlay)
{
  ShumateViewport *viewport;
  CxPenLayer *self;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (overlay), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (overlay));
  self = g_object_new (CX_TYPE_PEN_LAYER, "viewport", viewport, NULL);
  self->overlay = g_object_ref (overlay);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  return self;
}

/* Starts a stroke at the widget point (@x, @y). */
void
cx_pen_layer_begin (CxPenLayer *self,
                    double      x,
                    double      y)
{
  Stroke *stroke;

  g_return_if_fail (CX_IS_PEN_LAYER (self));

  if (self->current != NULL)
    g_ptr_array_remove (self->strokes, self->current);
  stroke = g_new0 (Stroke, 1);
  stroke->points = g_array_new (FALSE, FALSE, sizeof (CxCoord));
  g_ptr_array_add (self->strokes, stroke);
  self->current = stroke;
  cx_pen_layer_extend (self, x, y);
}

void
cx_pen_layer_extend (CxPenLayer *self,
                     double      x,
                     double      y)
{
  CxCoord c;

  g_return_if_fail (CX_IS_PEN_LAYER (self));

  if (self->current == NULL)
    return;
  cx_overlay_layer_widget_to_location (self->overlay, x, y, &c.y, &c.x);
  g_array_append_val (self->current->points, c);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_pen_layer_end:
 * @fade: keep the stroke here, to fade away; otherwise it is given back
 *
 * Returns: (transfer full) (nullable): the stroke's points (CxCoord,
 *   WGS84), when it does not fade: the caller keeps it (as an annotation)
 */
GArray *
cx_pen_layer_end (CxPenLayer *self,
                  gboolean    fade)
{
  Stroke *stroke;
  GArray *points = NULL;

  g_return_val_if_fail (CX_IS_PEN_LAYER (self), NULL);

  stroke = g_steal_pointer (&self->current);
  if (stroke == NULL)
    return NULL;
  if (fade)
    {
      stroke->fade_start = g_get_monotonic_time ();
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fade_tick, NULL, NULL);
    }
  else
    {
      points = g_array_ref (stroke->points);
      g_ptr_array_remove (self->strokes, stroke);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return points;
}

/* Every stroke here gone, the one being drawn too. */
void
cx_pen_layer_clear (CxPenLayer *self)
{
  g_return_if_fail (CX_IS_PEN_LAYER (self));

  self->current = NULL;
  g_ptr_array_set_size (self->strokes, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cx_pen_layer_get_drawing (CxPenLayer *self)
{
  g_return_val_if_fail (CX_IS_PEN_LAYER (self), FALSE);

  return self->current != NULL;
}

/* The strokes shown here: fading, or being drawn (for tests). */
guint
cx_pen_layer_get_n_strokes (CxPenLayer *self)
{
  g_return_val_if_fail (CX_IS_PEN_LAYER (self), 0);

  return self->strokes->len;
}
