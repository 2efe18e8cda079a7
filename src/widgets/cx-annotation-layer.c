/* cx-annotation-layer.c: the annotations drawn over the map
 *
 * A layer of its own above the overlay, like the measure tool's: a
 * meeting's marks are a few dozen shapes of a few points (a pen stroke a
 * few hundred), so they are drawn with cairo at every frame, never cached
 * in tiles, and a new mark shows at once. Positions go through the
 * overlay's projection, so marks sit on the features exactly, shifted with
 * them over a GCJ-02 basemap, while the marks themselves stay in WGS84.
 *
 * Each mark carries its number in the list (1, 2, …) in a round badge: the
 * number the side panel's list, the handout's list of notes and a screen
 * reader say, so "see 3" means one thing in the room and on paper.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-annotations"

#include "config.h"

#include <math.h>

#include "cx-annotation-layer.h"
#include "cx-geometry.h"

struct _CxAnnotationLayer
{
  ShumateLayer    parent_instance;

  /* Owned */
  CxOverlayLayer *overlay;
  CxAnnotations  *annotations;   /* nullable */
  char           *selected;      /* the selected mark's id, or NULL */
  int             vertex;        /* the selected mark's picked vertex, or -1 */
  int             dragged;       /* the vertex the pointer drags, or -1 */
  graphene_point_t dragged_to;   /* where, in widget coordinates */
};

G_DEFINE_FINAL_TYPE (CxAnnotationLayer, cx_annotation_layer, SHUMATE_TYPE_LAYER)

/* How near a click must be to a mark's line or pin to pick it, in px. */
#define HIT_TOLERANCE_PX 8
#define BADGE_RADIUS CX_MARK_BADGE_RADIUS

static void
on_changed (CxAnnotationLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
parse_color (const char *color,
             double     *rgb)
{
  guint value = (guint) g_ascii_strtoull (color + 1, NULL, 16);

  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

static void
draw_badge (cairo_t    *cr,
            double      x,
            double      y,
            guint       number,
            const double *rgb,
            double      scale)
{
  char text[16];
  cairo_text_extents_t extents;
  double r = BADGE_RADIUS * scale;

  g_snprintf (text, sizeof text, "%u", number);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.5 * scale);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill (cr);

  /* Digits only, in the toy API: no shaping needed, and the same on the
   * page as on the screen. */
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, (number >= 10 ? 10.0 : 12.0) * scale);
  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x - extents.width / 2 - extents.x_bearing, y - extents.height / 2 - extents.y_bearing);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_show_text (cr, text);
  cairo_new_path (cr);
}

/**
 * cx_annotation_draw:
 * @xy: the annotation's points, already where they go on @cr
 * @number: its number in the list, shown in a badge; 0 for none
 *
 * Draws one mark: a pin, a line, an area filled lightly, or a wide
 * translucent highlighter stroke, with a white halo so that it reads on
 * any basemap; the selected one wider, with its corners as handles.
 */
void
cx_annotation_draw (cairo_t                *cr,
                    CxAnnotation           *annotation,
                    const graphene_point_t *xy,
                    guint                   number,
                    double                  scale,
                    gboolean                selected)
{
  CxAnnotationKind kind = cx_annotation_get_kind (annotation);
  guint n = cx_annotation_get_n_points (annotation);
  double width = cx_annotation_get_width (annotation) * scale * (selected ? 1.5 : 1);
  double opacity = cx_annotation_get_opacity (annotation);
  double rgb[3];
  double bx = xy[0].x, by = xy[0].y;

  parse_color (cx_annotation_get_color (annotation), rgb);
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (kind == CX_ANNOTATION_PIN)
    {
      double r = 8 * scale * (selected ? 1.25 : 1);

      /* A drop pin whose tip is the point. */
      cairo_move_to (cr, xy[0].x, xy[0].y);
      cairo_curve_to (cr, xy[0].x - r, xy[0].y - 1.4 * r, xy[0].x - r, xy[0].y - 2.6 * r, xy[0].x, xy[0].y - 2.6 * r);
      cairo_curve_to (cr, xy[0].x + r, xy[0].y - 2.6 * r, xy[0].x + r, xy[0].y - 1.4 * r, xy[0].x, xy[0].y);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 3 * scale);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill (cr);
      /* The number sits in the pin's head. */
      by = xy[0].y - 1.9 * r;
    }
  else
    {
      cairo_move_to (cr, xy[0].x, xy[0].y);
      for (guint i = 1; i < n; i++)
        cairo_line_to (cr, xy[i].x, xy[i].y);
      if (kind == CX_ANNOTATION_POLYGON)
        {
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.2);
          cairo_fill_preserve (cr);
        }
      if (kind != CX_ANNOTATION_STROKE)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, width + 4 * scale);
          cairo_stroke_preserve (cr);
        }
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], opacity);
      cairo_set_line_width (cr, width);
      cairo_stroke (cr);

      if (selected)
        for (guint i = 0; i < n && kind != CX_ANNOTATION_STROKE; i++)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, xy[i].x, xy[i].y, 5 * scale, 0, 2 * G_PI);
            cairo_set_source_rgb (cr, 1, 1, 1);
            cairo_fill_preserve (cr);
            cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
            cairo_set_line_width (cr, 2 * scale);
            cairo_stroke (cr);
          }

      /* The badge at the start of a line, inside an area. */
      if (kind == CX_ANNOTATION_POLYGON)
        {
          bx = by = 0;
          for (guint i = 0; i < n; i++)
            {
              bx += xy[i].x / n;
              by += xy[i].y / n;
            }
        }
    }

  if (number > 0)
    draw_badge (cr, bx, by, number, rgb, scale);
  cairo_restore (cr);
}

/* The vertex that the arrow keys move: a ring around its handle, in the
 * colours of the keyboard focus. */
static void
draw_picked (cairo_t                *cr,
             const graphene_point_t *xy,
             double                  scale)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, xy->x, xy->y, 9 * scale, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 5 * scale);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2.5 * scale);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
presentation_scale (CxAnnotationLayer *self)
{
  return cx_overlay_layer_get_presentation (self->overlay) ? CX_PRESENTATION_SCALE : 1;
}

static graphene_point_t *
project (CxAnnotationLayer *self,
         CxAnnotation      *annotation,
         guint             *n)
{
  const CxCoord *points = cx_annotation_get_points (annotation, n);
  graphene_point_t *xy = g_new (graphene_point_t, *n);

  for (guint i = 0; i < *n; i++)
    {
      double x, y;

      cx_overlay_layer_location_to_widget (self->overlay, points[i].y, points[i].x, &x, &y);
      xy[i] = GRAPHENE_POINT_INIT (x, y);
    }
  return xy;
}

static void
cx_annotation_layer_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CxAnnotationLayer *self = CX_ANNOTATION_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_items;
  cairo_t *cr;

  if (self->annotations == NULL || width <= 0 || height <= 0)
    return;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  if (n_items == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CxAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);
      g_autofree graphene_point_t *xy = NULL;
      guint n;

      gboolean selected = g_strcmp0 (cx_annotation_get_id (annotation), self->selected) == 0;

      xy = project (self, annotation, &n);
      /* A handle being dragged: the mark follows it before it is moved. */
      if (selected && self->dragged >= 0 && (guint) self->dragged < n)
        xy[self->dragged] = self->dragged_to;
      cx_annotation_draw (cr, annotation, xy, i + 1, presentation_scale (self), selected);
      if (selected && self->vertex >= 0 && (guint) self->vertex < n)
        draw_picked (cr, &xy[self->vertex], presentation_scale (self));
    }
  cairo_destroy (cr);
}

static void
cx_annotation_layer_dispose (GObject *object)
{
  CxAnnotationLayer *self = CX_ANNOTATION_LAYER (object);

  cx_annotation_layer_set_annotations (self, NULL);
  g_clear_object (&self->overlay);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (cx_annotation_layer_parent_class)->dispose (object);
}

static void
cx_annotation_layer_class_init (CxAnnotationLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_annotation_layer_dispose;
  widget_class->snapshot = cx_annotation_layer_snapshot;
}

static void
cx_annotation_layer_init (CxAnnotationLayer *self)
{
  self->vertex = self->dragged = -1;
  /* Clicks go through to the map and its gestures (cx_annotation_layer_annotation_at()). */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

CxAnnotationLayer *
cx_annotation_layer_new (CxOverlayLayer *overlay)
{
  CxAnnotationLayer *self;
  ShumateViewport *viewport;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (overlay), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (overlay));
  self = g_object_new (CX_TYPE_ANNOTATION_LAYER, "viewport", viewport, NULL);
  self->overlay = g_object_ref (overlay);
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);

  return self;
}

void
cx_annotation_layer_set_annotations (CxAnnotationLayer *self,
                                     CxAnnotations     *annotations)
{
  g_return_if_fail (CX_IS_ANNOTATION_LAYER (self));

  if (self->annotations == annotations)
    return;
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_set_object (&self->annotations, annotations);
  if (annotations != NULL)
    g_signal_connect_swapped (annotations, "items-changed", G_CALLBACK (on_changed), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cx_annotation_layer_set_selected (CxAnnotationLayer *self,
                                  const char        *id)
{
  g_return_if_fail (CX_IS_ANNOTATION_LAYER (self));

  if (g_strcmp0 (self->selected, id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (id);
  self->vertex = self->dragged = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The selected mark, or NULL. */
static CxAnnotation *
dup_selected (CxAnnotationLayer *self)
{
  guint position;

  if (self->annotations == NULL || self->selected == NULL ||
      !cx_annotations_find (self->annotations, self->selected, &position))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->annotations), position);
}

/**
 * cx_annotation_layer_set_vertex:
 * @vertex: a vertex of the selected mark, or -1
 *
 * Shows which vertex the arrow keys move.
 */
void
cx_annotation_layer_set_vertex (CxAnnotationLayer *self,
                                int                vertex)
{
  g_return_if_fail (CX_IS_ANNOTATION_LAYER (self));

  self->vertex = vertex;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_annotation_layer_set_dragged:
 * @vertex: a vertex of the selected mark, or -1 when the drag is over
 *
 * Draws the selected mark with @vertex at @x, @y, while the pointer drags
 * it there (the mark is moved, one step of undo, when the drag ends).
 */
void
cx_annotation_layer_set_dragged (CxAnnotationLayer *self,
                                 int                vertex,
                                 double             x,
                                 double             y)
{
  g_return_if_fail (CX_IS_ANNOTATION_LAYER (self));

  self->dragged = vertex;
  self->dragged_to = GRAPHENE_POINT_INIT (x, y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_annotation_layer_get_vertex_xy:
 *
 * Where the selected mark's @vertex is drawn, in widget coordinates.
 *
 * Returns: whether there is such a vertex
 */
gboolean
cx_annotation_layer_get_vertex_xy (CxAnnotationLayer *self,
                                   guint              vertex,
                                   double            *x,
                                   double            *y)
{
  g_autoptr(CxAnnotation) annotation = NULL;
  const CxCoord *points;
  guint n;

  g_return_val_if_fail (CX_IS_ANNOTATION_LAYER (self), FALSE);

  annotation = dup_selected (self);
  if (annotation == NULL)
    return FALSE;
  points = cx_annotation_get_points (annotation, &n);
  if (vertex >= n)
    return FALSE;
  cx_overlay_layer_location_to_widget (self->overlay, points[vertex].y, points[vertex].x, x, y);
  return TRUE;
}

/**
 * cx_annotation_layer_vertex_at:
 *
 * Returns: the vertex of the selected mark whose handle is at @x, @y
 *   (widget coordinates; a pin's tip or head for a pin), or -1; none on a
 *   highlighter stroke, which has no handles
 */
int
cx_annotation_layer_vertex_at (CxAnnotationLayer *self,
                               double             x,
                               double             y)
{
  g_autoptr(CxAnnotation) annotation = NULL;
  double scale = presentation_scale (self);
  double reach = 9 * scale;
  int found = -1;
  guint n;

  g_return_val_if_fail (CX_IS_ANNOTATION_LAYER (self), -1);

  annotation = dup_selected (self);
  if (annotation == NULL || cx_annotation_get_kind (annotation) == CX_ANNOTATION_STROKE)
    return -1;
  n = cx_annotation_get_n_points (annotation);
  for (guint i = 0; i < n; i++)
    {
      double vx, vy;

      cx_annotation_layer_get_vertex_xy (self, i, &vx, &vy);
      /* A pin is held anywhere from its tip to its head. */
      if (cx_annotation_get_kind (annotation) == CX_ANNOTATION_PIN &&
          fabs (x - vx) <= 10 * scale && y <= vy + 4 * scale && y >= vy - 26 * scale)
        return 0;
      if (hypot (x - vx, y - vy) <= reach)
        {
          /* The nearest, and the last drawn of equals. */
          reach = hypot (x - vx, y - vy);
          found = (int) i;
        }
    }
  return found;
}

/**
 * cx_annotation_layer_annotation_at:
 *
 * Returns: the position in the list of the mark drawn at @x, @y (widget
 *   coordinates of the overlay), the topmost; -1 for none
 */
int
cx_annotation_layer_annotation_at (CxAnnotationLayer *self,
                                   double             x,
                                   double             y)
{
  guint n_items;

  g_return_val_if_fail (CX_IS_ANNOTATION_LAYER (self), -1);

  if (self->annotations == NULL)
    return -1;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  for (guint i = n_items; i-- > 0;)
    {
      g_autoptr(CxAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);
      g_autofree graphene_point_t *xy = NULL;
      CxAnnotationKind kind = cx_annotation_get_kind (annotation);
      double tolerance = HIT_TOLERANCE_PX * presentation_scale (self);
      guint n;

      xy = project (self, annotation, &n);
      if (kind == CX_ANNOTATION_PIN)
        {
          double r = 8 * presentation_scale (self);

          /* The pin's head, above the point. */
          if (hypot (x - xy[0].x, y - (xy[0].y - 1.9 * r)) <= r + tolerance / 2 ||
              hypot (x - xy[0].x, y - xy[0].y) <= tolerance)
            return (int) i;
          continue;
        }

      for (guint k = 0; k + 1 < n; k++)
        if (cx_segment_distance (x, y, xy[k].x, xy[k].y, xy[k + 1].x, xy[k + 1].y) <= tolerance)
          return (int) i;
      if (kind == CX_ANNOTATION_POLYGON)
        {
          g_autofree CxCoord *ring = g_new (CxCoord, n + 1);

          for (guint k = 0; k < n; k++)
            ring[k] = (CxCoord) { xy[k].x, xy[k].y };
          ring[n] = ring[0];
          if (cx_segment_distance (x, y, xy[n - 1].x, xy[n - 1].y, xy[0].x, xy[0].y) <= tolerance ||
              cx_ring_contains (ring, n + 1, x, y))
            return (int) i;
        }
    }
  return -1;
}

/**
 * cx_annotation_layer_count_in_view:
 *
 * Returns: how many marks have a point inside the layer's bounds: what the
 *   next frame draws, for scripts and tests
 */
guint
cx_annotation_layer_count_in_view (CxAnnotationLayer *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n_items, n_in = 0;

  g_return_val_if_fail (CX_IS_ANNOTATION_LAYER (self), 0);

  if (self->annotations == NULL)
    return 0;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CxAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);
      g_autofree graphene_point_t *xy = NULL;
      guint n;

      xy = project (self, annotation, &n);
      for (guint k = 0; k < n; k++)
        if (xy[k].x >= 0 && xy[k].x <= width && xy[k].y >= 0 && xy[k].y <= height)
          {
            n_in++;
            break;
          }
    }
  return n_in;
}

/**
 * cx_annotation_badge_box:
 * @mx: (in): the middle of the drawn map, in unit Web Mercator
 * @my: (in): the same
 * @world: the unit square's size in pixels
 * @width: the drawn map's size
 * @box: (out): where the pin or the number badge goes, in the map's pixels
 *
 * What labels must keep off for a mark to be read: its pin (a pin's head
 * holds its number), or the badge with its number; a line or an area
 * itself may be crossed, as the map's own lines are.
 *
 * Returns: whether that is on the map
 */
gboolean
cx_annotation_badge_box (CxAnnotation    *annotation,
                         double           mx,
                         double           my,
                         double           world,
                         double           width,
                         double           height,
                         double           scale,
                         graphene_rect_t *box)
{
  guint n;
  const CxCoord *points = cx_annotation_get_points (annotation, &n);
  double bx = 0, by = 0, r;

  /* Where cx_annotation_draw() puts the badge: in a pin's head, at a
   * line's start, at an area's corners' average. */
  if (cx_annotation_get_kind (annotation) != CX_ANNOTATION_POLYGON)
    n = 1;
  for (guint k = 0; k < n; k++)
    {
      double ux, uy;

      cx_mercator_project (points[k].x, points[k].y, &ux, &uy);
      bx += ((ux - mx) * world + width / 2) / n;
      by += ((uy - my) * world + height / 2) / n;
    }
  if (cx_annotation_get_kind (annotation) == CX_ANNOTATION_PIN)
    {
      r = 8 * scale;
      *box = GRAPHENE_RECT_INIT (bx - r - 2 * scale, by - 2.6 * r - 2 * scale, 2 * r + 4 * scale, 2.6 * r + 4 * scale);
    }
  else
    {
      r = (BADGE_RADIUS + 2) * scale;
      *box = GRAPHENE_RECT_INIT (bx - r, by - r, 2 * r, 2 * r);
    }
  return box->origin.x + box->size.width > 0 && box->origin.x < width &&
         box->origin.y + box->size.height > 0 && box->origin.y < height;
}
