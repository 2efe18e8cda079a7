/* cx-overlay-symbols.c: a thematic view's proportional symbols
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One statistic's breakdown by feature (CxSession:thematic) drawn as a
 * circle on each of its places, area proportional to the value
 * (cx_thematic_radius()). The circles are drawn in every frame over the
 * tiles, not in them: their size is in pixels, not in metres, and they
 * change with the selection and the hover. They are semi-transparent so the
 * map shows through, and drawn from the largest down, so a small circle is
 * never hidden under a large one; the topmost circle under the pointer is
 * therefore the smallest, and is the one a click hits. Their values are
 * labels like any other (cx-overlay-labels.c asks cx_overlay_symbol_for()).
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>

#include "cx-feature.h"
#include "cx-format.h"
#include "cx-overlay-private.h"
#include "cx-thematic.h"

/* The largest circle's radius at zoom 14, in pixels before the frame's
 * style scale (which grows it in presentation mode and in print). */
#define SYMBOL_MAX_RADIUS 30.0

/* Magenta: no layer of the pack is drawn in it (the Hongqiao areas' discs
 * are orange, landmarks blue, green spaces green), so a circle is never
 * taken for a place's own marker. */
static const CxColor symbol_fill = { 0.76, 0.09, 0.36, 0.38 };
static const CxColor symbol_stroke = { 0.53, 0.05, 0.31, 0.95 };
static const CxColor symbol_stroke_dark = { 1.0, 0.60, 0.78, 0.95 };

void
cx_overlay_symbols_clear (CxOverlayLayer *self)
{
  g_clear_object (&self->thematic);
  g_clear_pointer (&self->symbols, g_array_unref);
}

/* Which item draws each value: the pack's feature of that id. */
void
cx_overlay_symbols_update (CxOverlayLayer *self)
{
  g_autofree guint *order = NULL;
  guint n_order = 0;

  g_clear_pointer (&self->symbols, g_array_unref);
  if (self->thematic == NULL)
    return;

  self->symbols = g_array_new (FALSE, FALSE, sizeof (Symbol));
  self->symbols_max = cx_thematic_max_value (self->thematic);
  order = cx_thematic_order (self->thematic, &n_order);
  for (guint k = 0; k < n_order; k++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (self->thematic, order[k]);

      if (!entry->has_value || !(entry->value > 0))
        continue;
      for (guint i = 0; i < self->items->len; i++)
        {
          const Item *item = &g_array_index (self->items, Item, i);

          if (item->feature != NULL &&
              g_strcmp0 (cx_feature_get_id (item->feature), entry->id) == 0)
            {
              Symbol symbol = { i, order[k], entry->value };

              g_array_append_val (self->symbols, symbol);
              break;
            }
        }
    }
}

/* The symbol drawn on @item_index, or NULL. */
const Symbol *
cx_overlay_symbol_for (CxOverlayLayer *self,
                       guint           item_index)
{
  if (self->symbols == NULL)
    return NULL;

  for (guint k = 0; k < self->symbols->len; k++)
    if (g_array_index (self->symbols, Symbol, k).item == item_index)
      return &g_array_index (self->symbols, Symbol, k);

  return NULL;
}

double
cx_overlay_symbol_max_radius (const Frame *f)
{
  return SYMBOL_MAX_RADIUS * f->scale;
}

double
cx_overlay_symbol_radius (CxOverlayLayer *self,
                          const Symbol   *symbol,
                          const Frame    *f)
{
  return cx_thematic_radius (symbol->value, self->symbols_max, cx_overlay_symbol_max_radius (f));
}

/* Where @symbol's centre is, in the frame's world pixels. */
static void
symbol_centre (CxOverlayLayer *self,
               const Symbol   *symbol,
               const Frame    *f,
               double         *x,
               double         *y)
{
  const Item *item = &g_array_index (self->items, Item, symbol->item);
  const CxCoord *c = cx_geometry_get_coords (item->projected);

  *x = c[0].x * f->world;
  *y = c[0].y * f->world;
}

static gboolean
symbol_is_selected (CxOverlayLayer *self,
                    const Symbol   *symbol)
{
  const Item *item = &g_array_index (self->items, Item, symbol->item);

  return self->selection != NULL &&
         cx_selection_get_item (self->selection) == item->object;
}

/**
 * cx_overlay_draw_symbols:
 * @cr: a context whose origin is the frame's centre, turned with the map
 *
 * Draws the thematic view's circles, the largest first.
 */
void
cx_overlay_draw_symbols (CxOverlayLayer *self,
                         cairo_t        *cr,
                         const Frame    *f)
{
  if (self->symbols == NULL || !cx_overlay_symbols_shown (self))
    return;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint k = 0; k < self->symbols->len; k++)
    {
      const Symbol *symbol = &g_array_index (self->symbols, Symbol, k);
      const Item *item = &g_array_index (self->items, Item, symbol->item);
      double r = cx_overlay_symbol_radius (self, symbol, f);
      gboolean selected = symbol_is_selected (self, symbol);
      gboolean hovered = self->symbol_hover == item->object;
      double x, y;

      symbol_centre (self, symbol, f, &x, &y);
      x -= f->cx;
      y -= f->cy;

      cairo_new_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cx_overlay_set_color (cr, &symbol_fill, selected || hovered ? 1.6 : 1);
      cairo_fill_preserve (cr);
      cx_overlay_set_color (cr, self->dark ? &symbol_stroke_dark : &symbol_stroke, 1);
      cairo_set_line_width (cr, (selected ? 3.0 : hovered ? 2.2 : 1.2) * MAX (f->scale, 1));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Whether the thematic view's places are on the map: its layer may be
 * hidden. */
gboolean
cx_overlay_symbols_shown (CxOverlayLayer *self)
{
  return self->symbols != NULL && self->symbols->len > 0;
}

/**
 * cx_overlay_symbol_at:
 * @ux, @uy: a point of the unit square
 *
 * Returns: (nullable): the item whose circle is topmost at the point
 */
const Item *
cx_overlay_symbol_at (CxOverlayLayer *self,
                      const Frame    *f,
                      double          ux,
                      double          uy)
{
  if (!cx_overlay_symbols_shown (self))
    return NULL;

  /* Drawn largest first: the last hit is the one on top. */
  for (guint k = self->symbols->len; k-- > 0;)
    {
      const Symbol *symbol = &g_array_index (self->symbols, Symbol, k);
      double x, y;

      symbol_centre (self, symbol, f, &x, &y);
      if (hypot (ux * f->world - x, uy * f->world - y) <= cx_overlay_symbol_radius (self, symbol, f) + 1)
        return &g_array_index (self->items, Item, symbol->item);
    }

  return NULL;
}

/* The value as the label's second line shows it: 148,418 or 14.8万. */
char *
cx_overlay_symbol_text (CxOverlayLayer *self,
                        const Symbol   *symbol)
{
  return cx_format_quantity (cx_thematic_shown_value (self->thematic, symbol->value));
}

/* Space between the circles and their values, and the values' leaders. */
#define LEGEND_GAP 6.0

/**
 * cx_overlay_draw_symbol_legend:
 * @cr: (nullable): where to draw, its origin the legend's top left; %NULL
 *   only measures
 * @layout: a layout in the font the values are written in
 * @statistic: the thematic view's statistic
 * @max_radius: the radius the map draws the largest value with
 * @dark: light lines, for a dark background
 * @width: (out) (optional): the legend's width
 * @height: (out) (optional): its height
 *
 * The nested-circle legend: round values (cx_thematic_legend_values()) as
 * circles of the radius the map gives them, standing on one base line, each
 * with a leader from its top to its value. The map, the legend card and
 * the handout draw it alike.
 *
 * Returns: how many circles it has
 */
guint
cx_overlay_draw_symbol_legend (cairo_t     *cr,
                               PangoLayout *layout,
                               CxStatistic *statistic,
                               double       max_radius,
                               gboolean     dark,
                               double      *width,
                               double      *height)
{
  double values[CX_THEMATIC_MAX_LEGEND];
  double max_value = cx_thematic_max_value (statistic);
  double big = 0, text_width = 0, text_height = 0;
  guint n = cx_thematic_statistic_legend_values (statistic, values);

  if (n > 0)
    big = cx_thematic_radius (values[0], max_value, max_radius);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = cx_format_quantity (values[i]);
      int w, h;

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      text_width = MAX (text_width, w);
      text_height = MAX (text_height, h);
    }

  if (width != NULL)
    *width = n > 0 ? 2 * big + LEGEND_GAP * 3 + text_width : 0;
  if (height != NULL)
    {
      /* The values may be pushed below the base (see below). */
      double text_y = -G_MAXDOUBLE;

      for (guint i = 0; i < n; i++)
        text_y = MAX (text_height / 2 + 2 * big - 2 * cx_thematic_radius (values[i], max_value, max_radius),
                      text_y + text_height);
      *height = n > 0 ? MAX (text_y + text_height / 2, text_height / 2 + 2 * big) + 2 : 0;
    }
  if (cr == NULL || n == 0)
    return n;

  cairo_save (cr);
  {
    double base = text_height / 2 + 2 * big;
    double text_y = -G_MAXDOUBLE;

    for (guint i = 0; i < n; i++)
      {
        double r = cx_thematic_radius (values[i], max_value, max_radius);
        double top = base - 2 * r;
        g_autofree char *text = cx_format_quantity (values[i]);
        int w, h;

        cairo_new_path (cr);
        cairo_arc (cr, big, base - r, r, 0, 2 * G_PI);
        if (i == 0)
          {
            cx_overlay_set_color (cr, &symbol_fill, 0.6);
            cairo_fill_preserve (cr);
          }
        cx_overlay_set_color (cr, dark ? &symbol_stroke_dark : &symbol_stroke, 1);
        cairo_set_line_width (cr, 1.2);
        cairo_stroke (cr);

        /* Each value a line below the one before: small circles' tops are
         * closer together than a line of text. Its leader goes from the
         * circle's top across, then down to it. */
        text_y = MAX (top, text_y + text_height);
        cairo_move_to (cr, big, top);
        cairo_line_to (cr, 2 * big + LEGEND_GAP, top);
        cairo_line_to (cr, 2 * big + LEGEND_GAP * 2, text_y);
        cairo_set_line_width (cr, 0.8);
        cairo_stroke (cr);

        pango_layout_set_text (layout, text, -1);
        pango_layout_get_pixel_size (layout, &w, &h);
        if (dark)
          cairo_set_source_rgb (cr, 1, 1, 1);
        else
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
        cairo_move_to (cr, 2 * big + LEGEND_GAP * 3, text_y - h / 2.0);
        pango_cairo_show_layout (cr, layout);
      }
  }
  cairo_restore (cr);

  return n;
}
