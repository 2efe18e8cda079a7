/* cx-overlay-frame.c: the frame: where the map is on the widget, and what one frame shows
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>

#include "cx-overlay-private.h"

/* The style scales of a frame at f->zoom: lines grow by @line_factor and
 * text by @text_factor over what the zoom gives them (on screen, text by
 * the desktop's large-text setting only; in print, both by the print
 * scale). */
static void
frame_set_scales (CxOverlayLayer *self,
                  Frame          *f,
                  double          line_factor,
                  double          text_factor)
{
  /* Styles are given for zoom 14; thin out a little when zoomed out, grow a
   * little when zoomed in, never so much that the map turns into a chart. */
  f->scale = CLAMP (exp2 ((f->zoom - 14) * 0.3), 0.7, 1.5);
  f->label_scale = MAX (1, f->scale * 0.9) * text_factor;
  f->scale *= line_factor;
  /* On a projector, everything a third of a room away must still read. */
  if (self->presentation)
    {
      f->scale *= CX_PRESENTATION_SCALE;
      f->label_scale *= self->presentation_text_scale;
    }
}

void
cx_overlay_frame_init (CxOverlayLayer *self,
                       Frame          *f)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *ref = shumate_viewport_get_reference_map_source (viewport);
  double tile_size = ref != NULL ? shumate_map_source_get_tile_size (ref) : 256;
  double mx, my;

  f->width = gtk_widget_get_width (GTK_WIDGET (self));
  f->height = gtk_widget_get_height (GTK_WIDGET (self));
  f->zoom = shumate_viewport_get_zoom_level (viewport);
  f->world = tile_size * exp2 (f->zoom);
  f->rotation = shumate_viewport_get_rotation (viewport);

  cx_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       &mx, &my);
  f->cx = mx * f->world;
  f->cy = my * f->world;
  frame_set_scales (self, f, 1, self->text_scale);
}

void
cx_overlay_frame_to_widget (const Frame *f,
                            double       ux,
                            double       uy,
                            double      *x,
                            double      *y)
{
  double dx = ux * f->world - f->cx;
  double dy = uy * f->world - f->cy;
  double c = cos (f->rotation), s = sin (f->rotation);

  *x = c * dx - s * dy + f->width / 2;
  *y = s * dx + c * dy + f->height / 2;
}

void
cx_overlay_frame_from_widget (const Frame *f,
                              double       x,
                              double       y,
                              double      *ux,
                              double      *uy)
{
  double dx = x - f->width / 2;
  double dy = y - f->height / 2;
  double c = cos (-f->rotation), s = sin (-f->rotation);

  *ux = (c * dx - s * dy + f->cx) / f->world;
  *uy = (s * dx + c * dy + f->cy) / f->world;
}

/* The part of the unit square the widget can show (a circle around the
 * centre covers every rotation). */
CxBounds
cx_overlay_frame_visible_bounds (const Frame *f,
                                 double       margin_px)
{
  double r = hypot (f->width, f->height) / 2 + margin_px;
  CxBounds b = {
    (f->cx - r) / f->world, (f->cy - r) / f->world,
    (f->cx + r) / f->world, (f->cy + r) / f->world,
  };

  return b;
}

/* A frame for a view other than the widget's: a handout, a print-out, a
 * benchmark. */
void
cx_overlay_frame_init_view (CxOverlayLayer *self,
                            Frame          *f,
                            double          width,
                            double          height,
                            double          latitude,
                            double          longitude,
                            double          zoom,
                            double          line_factor,
                            double          text_factor)
{
  double mx, my;

  f->width = width;
  f->height = height;
  f->zoom = zoom;
  f->world = 256 * exp2 (zoom);
  f->rotation = 0;
  cx_mercator_project (longitude, latitude, &mx, &my);
  f->cx = mx * f->world;
  f->cy = my * f->world;
  frame_set_scales (self, f, line_factor, text_factor);
}

/* ------------------------------------------------------------------ */
/* Frames on screen                                                    */
/* ------------------------------------------------------------------ */

/* While the zoom moves (an animation, a pinch) over a layer this large,
 * the tiles of the zooms it passes through are not asked for: the cached
 * tiles of the nearest zooms stand in, scaled, and the tiles come once the
 * zoom has stayed put for ZOOM_SETTLE_MS. Smaller layers draw every frame
 * in full, as their tiles cost little. (HEAVY_LAYER_COORDS and
 * ZOOM_SETTLE_MS are in cx-overlay-private.h.) */

static gboolean
on_zoom_settled (gpointer data)
{
  CxOverlayLayer *self = data;

  self->settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

void
cx_overlay_snapshot_frame (CxOverlayLayer *self,
                           GtkSnapshot    *snapshot,
                           const Frame    *frame,
                           int             scale,
                           gboolean        textures,
                           gboolean        zoom_moving)
{
  Frame f = *frame;
  CxBounds visible;
  gboolean defer = zoom_moving && cx_overlay_index_ensure (self)->n_coords >= HEAVY_LAYER_COORDS;
  gboolean deferred = FALSE;
  g_autoptr(DrawSet) set = cx_overlay_draw_set_get (self);
  g_autoptr(GArray) highlighted = g_array_new (FALSE, FALSE, sizeof (guint));
  Painter painter = { snapshot, NULL };
  double x0, y0, x1, y1;

  self->frame_count++;
  self->frame_sync_us = 0;
  self->n_stand_ins = 0;
  self->last_scale = scale;

  /* Unturned, the tiles fall on whole device pixels, where they are sharp:
   * the overlay moves by less than half a pixel for it. */
  if (f.rotation == 0)
    {
      f.cx = round ((f.cx - f.width / 2) * scale) / scale + f.width / 2;
      f.cy = round ((f.cy - f.height / 2) * scale) / scale + f.height / 2;
      x0 = f.cx - f.width / 2;
      x1 = f.cx + f.width / 2;
      y0 = f.cy - f.height / 2;
      y1 = f.cy + f.height / 2;
    }
  else
    {
      double r = hypot (f.width, f.height) / 2;

      x0 = f.cx - r;
      x1 = f.cx + r;
      y0 = f.cy - r;
      y1 = f.cy + r;
    }
  visible = cx_overlay_frame_visible_bounds (&f, 64);

  g_mutex_lock (&self->tile_lock);
  self->wanted_zoom = f.zoom;
  self->wanted_generation = self->generation;
  g_mutex_unlock (&self->tile_lock);

  if (textures)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (f.width / 2, f.height / 2));
      if (f.rotation != 0)
        gtk_snapshot_rotate (snapshot, f.rotation * 180 / G_PI);
    }
  else
    {
      painter.cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, f.width, f.height));
      cairo_translate (painter.cr, f.width / 2, f.height / 2);
      cairo_rotate (painter.cr, f.rotation);
    }

  for (gint64 ty = (gint64) floor (y0 / TILE_SIZE); ty <= (gint64) floor (y1 / TILE_SIZE); ty++)
    for (gint64 tx = (gint64) floor (x0 / TILE_SIZE); tx <= (gint64) floor (x1 / TILE_SIZE); tx++)
      {
        graphene_rect_t r = GRAPHENE_RECT_INIT (tx * TILE_SIZE - f.cx, ty * TILE_SIZE - f.cy,
                                                TILE_SIZE, TILE_SIZE);
        Tile *tile;

        if (defer && cx_overlay_tile_lookup (self, f.zoom, tx, ty, scale) == NULL)
          {
            cx_overlay_tile_fallback (self, &painter, &f, &r);
            self->n_stand_ins++;
            deferred = TRUE;
            continue;
          }

        tile = cx_overlay_tile_ensure (self, set, &f, scale, tx, ty);
        if (tile->surface != NULL)
          cx_overlay_paint_tile (&painter, tile, &r, NULL);
        else if (tile->pending)
          {
            cx_overlay_tile_fallback (self, &painter, &f, &r);
            self->n_stand_ins++;
          }
      }

  /* What is highlighted, over the tiles. */
  cx_overlay_collect_items (self, set, &visible, COLLECT_HIGHLIGHTED, highlighted);
  if (highlighted->len > 0 && painter.cr != NULL)
    {
      cx_overlay_draw_setup (painter.cr);
      cx_overlay_draw_items (painter.cr, &f, set, highlighted);
    }
  else if (highlighted->len > 0)
    {
      /* In a drawing only as large as it is. */
      CxBounds ink;
      double margin = 32 * f.scale;
      cairo_t *cr;

      cx_bounds_init_empty (&ink);
      for (guint k = 0; k < highlighted->len; k++)
        {
          DrawItem item_d;
          const DrawItem *d = &item_d;
          CxBounds b;
          double grow;

          cx_overlay_draw_set_item (set, g_array_index (highlighted, guint, k), &item_d);
          b = cx_geometry_get_bounds (d->projected);
          grow = d->is_point ? d->accuracy_unit : 0;

          b.min_x -= grow;
          b.max_x += grow;
          b.min_y -= grow;
          b.max_y += grow;
          cx_bounds_union (&ink, &b);
        }
      x0 = MAX (x0, ink.min_x * f.world - margin) - f.cx;
      x1 = MIN (x1, ink.max_x * f.world + margin) - f.cx;
      y0 = MAX (y0, ink.min_y * f.world - margin) - f.cy;
      y1 = MIN (y1, ink.max_y * f.world + margin) - f.cy;
      if (x1 > x0 && y1 > y0)
        {
          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
          cx_overlay_draw_setup (cr);
          cx_overlay_draw_items (cr, &f, set, highlighted);
          cairo_destroy (cr);
        }
    }

  /* The thematic view's circles, over the map, under the labels. */
  if (cx_overlay_symbols_shown (self))
    {
      if (painter.cr != NULL)
        cx_overlay_draw_symbols (self, painter.cr, &f);
      else
        {
          double r = hypot (f.width, f.height) / 2 + cx_overlay_symbol_max_radius (&f);
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (-r, -r, 2 * r, 2 * r));

          cx_overlay_draw_symbols (self, cr, &f);
          cairo_destroy (cr);
        }
    }

  if (textures)
    {
      gtk_snapshot_restore (snapshot);
      cx_overlay_draw_labels (self, LABELS_TEXTURES, NULL, snapshot, scale, &f, &visible,
                              (const graphene_rect_t *) self->covered->data, self->covered->len);
    }
  else
    {
      cx_overlay_draw_labels (self, LABELS_SURFACES, painter.cr, NULL, scale, &f, &visible,
                              (const graphene_rect_t *) self->covered->data, self->covered->len);
      cairo_destroy (painter.cr);
    }

  if (deferred && self->settle_id == 0)
    self->settle_id = g_timeout_add (ZOOM_SETTLE_MS, on_zoom_settled, self);

  cx_overlay_tiles_trim (self);
}

/* Draws the whole frame into @cr, as vector paths: for print and export.
 * Its labels are placed for this frame alone, clear of @covered (what the
 * page draws over the map). */
void
cx_overlay_render_frame (CxOverlayLayer        *self,
                         cairo_t               *cr,
                         const Frame           *frame,
                         const graphene_rect_t *covered,
                         guint                  n_covered)
{
  Frame f = *frame;
  CxBounds visible = cx_overlay_frame_visible_bounds (&f, 64);
  g_autoptr(DrawSet) set = cx_overlay_draw_set_get (self);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));

  cx_overlay_collect_items (self, set, &visible, COLLECT_NORMAL | COLLECT_HIGHLIGHTED, items);

  cairo_save (cr);
  cairo_translate (cr, f.width / 2, f.height / 2);
  cairo_rotate (cr, f.rotation);
  cx_overlay_draw_setup (cr);
  cx_overlay_draw_items (cr, &f, set, items);
  cx_overlay_draw_symbols (self, cr, &f);
  self->page_n_symbols = cx_overlay_symbols_shown (self) ? self->symbols->len : 0;
  cx_overlay_draw_labels (self, LABELS_VECTOR, cr, NULL, 1, &f, &visible, covered, n_covered);
  cairo_restore (cr);
}
