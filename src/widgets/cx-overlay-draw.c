/* cx-overlay-draw.c: what a state of the overlay draws, and drawing it in cairo
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>

#include "cx-overlay-private.h"

void
cx_overlay_set_color (cairo_t       *cr,
                      const CxColor *c,
                      double         alpha_factor)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha_factor);
}

static void
draw_run_clear (gpointer data)
{
  DrawRun *run = data;

  for (guint i = 0; i < run->n; i++)
    {
      DrawBase *b = &run->bases[i];

      g_clear_pointer (&b->projected, cx_geometry_unref);
      cx_overlay_item_lod_release (g_steal_pointer (&b->lod));
      g_clear_pointer (&b->styles, cx_overlay_item_styles_release);
    }
  g_free (run->bases);
}

/* The shapes and styles of @n items, with references of their own. Reads
 * only the items: safe in the worker that made them. */
DrawRun *
cx_overlay_draw_run_new (const Item *items,
                         guint       n)
{
  DrawRun *run = g_atomic_rc_box_new0 (DrawRun);

  run->n = n;
  run->bases = g_new0 (DrawBase, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const Item *item = &items[i];
      CxGeometryType type = cx_geometry_get_geometry_type (item->projected);
      DrawBase *b = &run->bases[i];

      b->projected = cx_geometry_ref (item->projected);
      b->lod = g_atomic_rc_box_acquire (item->lod);
      b->styles = g_atomic_rc_box_acquire (item->styles);
      b->reach = cx_overlay_item_reach (item);
      b->accuracy_unit = item->accuracy_unit;
      b->is_point = type == CX_GEOMETRY_POINT;
      b->areal = cx_geometry_type_is_areal (type);
      b->minor = item->minor;
      b->user = item->user_layer != NULL;
    }
  return run;
}

void
cx_overlay_draw_run_release (DrawRun *run)
{
  if (run != NULL)
    g_atomic_rc_box_release_full (run, draw_run_clear);
}

static void
draw_set_clear (gpointer data)
{
  DrawSet *set = data;

  g_clear_pointer (&set->runs, g_ptr_array_unref);
  g_free (set->bases);
  g_free (set->states);
}

void
cx_overlay_draw_set_release (DrawSet *set)
{
  if (set != NULL)
    g_atomic_rc_box_release_full (set, draw_set_clear);
}

/* Item @i as @set draws it. Safe in any thread. */
void
cx_overlay_draw_set_item (const DrawSet *set,
                          guint          i,
                          DrawItem      *out)
{
  const DrawBase *b = set->bases[i];
  guint8 state = set->states[i];

  out->projected = b->projected;
  out->lod = b->lod;
  out->style = &b->styles->schemed[set->scheme / 2][set->scheme % 2];
  out->emphasis = state & DRAW_STATE_EMPHASIS_MASK;
  out->accuracy_unit = b->accuracy_unit;
  out->visible = (state & DRAW_STATE_VISIBLE) != 0;
  out->is_point = b->is_point;
  out->areal = b->areal;
  out->minor = b->minor;
  out->batched = !b->is_point && b->user && out->emphasis != EMPHASIS_HIGHLIGHTED &&
                 out->style->n_dashes == 0;
}

static void
trace_geometry (cairo_t          *cr,
                const Frame      *f,
                const CxGeometry *geometry,
                gboolean          areal)
{
  /* Vertices closer than this to the last one drawn add nothing visible:
   * at low zoom, most of a detailed ring is skipped. */
  const double min_step = 0.7;

  for (guint i = 0; i < cx_geometry_get_n_parts (geometry); i++)
    {
      guint n;
      const CxCoord *part = cx_geometry_get_part (geometry, i, &n);
      double last_x = 0, last_y = 0;

      for (guint j = 0; j < n; j++)
        {
          double x = part[j].x * f->world - f->cx;
          double y = part[j].y * f->world - f->cy;

          if (j == 0)
            cairo_move_to (cr, x, y);
          else if (j + 1 == n || fabs (x - last_x) + fabs (y - last_y) >= min_step)
            cairo_line_to (cr, x, y);
          else
            continue;
          last_x = x;
          last_y = y;
        }
      if (areal)
        cairo_close_path (cr);
    }
}

static void
trace_item (cairo_t        *cr,
            const Frame    *f,
            const DrawItem *d)
{
  /* Simplified for this zoom: what cairo spends on a path grows with its
   * vertices (each is a join of the stroke), not only with its pixels. */
  g_autoptr(CxGeometry) geometry = cx_overlay_lod_geometry (d->projected, d->lod, f);

  trace_geometry (cr, f, geometry, d->areal);
}

/* Imported layers are often thousands of shapes of one style: their
 * outlines and fills are gathered into paths of a few hundred shapes and
 * drawn at once, which is many times faster than a fill and a stroke per
 * shape. Longer paths get slower again: cairo's scan converter works on
 * every edge of a path at once. */
#define BATCH_MAX 256

typedef struct
{
  const CxStyle *style;
  double         alpha;
  guint          count;
  gboolean       areal;
} Batch;

static void
batch_flush (cairo_t     *cr,
             const Frame *f,
             Batch       *batch)
{
  const CxStyle *style = batch->style;
  double width;

  if (batch->count == 0)
    return;

  width = style->stroke_width * f->scale;
  if (batch->areal && style->has_fill)
    {
      cx_overlay_set_color (cr, &style->fill, batch->alpha);
      cairo_fill_preserve (cr);
    }
  if (width > 0)
    {
      cx_overlay_set_color (cr, &style->stroke, batch->alpha);
      cairo_set_line_width (cr, width);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  batch->count = 0;
}

static void
set_dash (cairo_t       *cr,
          const CxStyle *style,
          double         scale)
{
  double dashes[CX_STYLE_MAX_DASHES];

  for (guint i = 0; i < style->n_dashes; i++)
    dashes[i] = style->dashes[i] * scale;
  cairo_set_dash (cr, dashes, (int) style->n_dashes, 0);
}

gboolean
cx_overlay_item_visible (CxOverlayLayer *self,
                         const Item     *item)
{
  if (item->user_layer != NULL)
    return cx_imported_layer_get_visible (item->user_layer);

  return cx_visibility_get_visible_index (self->visibility, item->order);
}

Emphasis
cx_overlay_item_emphasis (CxOverlayLayer *self,
                          const Item     *item)
{
  if (self->selection == NULL || g_list_model_get_n_items (cx_selection_get_highlighted (self->selection)) == 0)
    return EMPHASIS_NORMAL;

  /* An imported feature that is highlighted is held by the selection, so
   * its object exists. */
  return cx_selection_is_highlighted (self->selection, cx_overlay_item_peek_object (item)) ? EMPHASIS_HIGHLIGHTED
                                                                                           : EMPHASIS_DIMMED;
}

static void
draw_shape (cairo_t        *cr,
            const Frame    *f,
            const DrawItem *d)
{
  const CxStyle *style = d->style;
  Emphasis emphasis = d->emphasis;
  double alpha = emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;
  double width = style->stroke_width * f->scale;

  if (emphasis == EMPHASIS_HIGHLIGHTED)
    width = MAX (width * 1.8, 3.5);

  cairo_new_path (cr);
  trace_item (cr, f, d);

  if (style->has_fill && d->areal)
    {
      cx_overlay_set_color (cr, &style->fill, emphasis == EMPHASIS_HIGHLIGHTED ? 1.6 : alpha);
      cairo_fill_preserve (cr);
    }

  if (width <= 0)
    {
      cairo_new_path (cr);
      return;
    }

  /* A pale halo under an opaque stroke keeps it legible over roads; a
   * translucent stroke is a band that lets what it follows show through.
   * The selection gets a dark edge instead, to stand out from everything. */
  if (emphasis == EMPHASIS_HIGHLIGHTED)
    {
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.15, 0.85);
      cairo_set_line_width (cr, width + 4);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 1);
      cairo_set_line_width (cr, width + 2);
      cairo_stroke_preserve (cr);
    }
  else if (style->stroke.alpha >= 1)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.75 * alpha);
      cairo_set_line_width (cr, width + 3);
      cairo_stroke_preserve (cr);
    }

  if (emphasis == EMPHASIS_HIGHLIGHTED)
    cairo_set_source_rgba (cr, style->stroke.red, style->stroke.green, style->stroke.blue, 1);
  else
    cx_overlay_set_color (cr, &style->stroke, alpha);
  cairo_set_line_width (cr, width);
  set_dash (cr, style, f->scale);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Areas known only by a representative point are drawn as a disc as wide as
 * their stated accuracy: "somewhere around here", honestly. */
static void
draw_point_at (cairo_t        *cr,
               const Frame    *f,
               const DrawItem *d,
               const CxCoord  *c)
{
  const CxStyle *style = d->style;
  Emphasis emphasis = d->emphasis;
  double alpha = emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;
  double x = c->x * f->world - f->cx;
  double y = c->y * f->world - f->cy;
  double r = MARKER_RADIUS * f->scale;
  double accuracy_px = d->accuracy_unit * f->world;

  if (style->has_fill && accuracy_px > 2 * r)
    {
      double dashes[] = { 4, 3 };

      cairo_new_path (cr);
      cairo_arc (cr, x, y, accuracy_px, 0, 2 * G_PI);
      cx_overlay_set_color (cr, &style->fill, emphasis == EMPHASIS_HIGHLIGHTED ? 1.6 : alpha);
      cairo_fill_preserve (cr);
      cx_overlay_set_color (cr, &style->stroke, 0.8 * alpha);
      cairo_set_line_width (cr, emphasis == EMPHASIS_HIGHLIGHTED ? 2.5 : 1.5);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (d->minor)
    r *= 0.5;
  if (emphasis == EMPHASIS_HIGHLIGHTED)
    r = MAX (r * 1.4, 6);

  cairo_new_path (cr);
  if (emphasis == EMPHASIS_HIGHLIGHTED)
    {
      cairo_arc (cr, x, y, r + 4, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.15, 0.85);
      cairo_fill (cr);
    }
  cairo_arc (cr, x, y, r + 2, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95 * alpha);
  cairo_fill (cr);

  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cx_overlay_set_color (cr, &style->marker, alpha);
  cairo_fill (cr);
}

/* A MultiPoint is one feature with a marker at each of its points. */
static void
draw_point (cairo_t        *cr,
            const Frame    *f,
            const DrawItem *d)
{
  const CxCoord *coords = cx_geometry_get_coords (d->projected);

  for (guint i = 0; i < cx_geometry_get_n_coords (d->projected); i++)
    draw_point_at (cr, f, d, &coords[i]);
}

/* The DrawRun of the @n items from @first, which are those of @key (an
 * imported layer, or the pack): the one made before, if they have not
 * changed since (cx_overlay_draw_runs_forget()), or a new one. */
static DrawRun *
draw_run_for (CxOverlayLayer *self,
              gpointer        key,
              guint           first,
              guint           n)
{
  DrawRun *run = g_hash_table_lookup (self->draw_runs, key);

  if (run == NULL || run->n != n)
    {
      run = cx_overlay_draw_run_new (&g_array_index (self->items, Item, first), n);
      g_hash_table_replace (self->draw_runs, key, run);
    }
  return run;
}

/* The items as drawn in the layer's state now.
 *
 * Returns: (transfer full): the draw set */
DrawSet *
cx_overlay_draw_set_get (CxOverlayLayer *self)
{
  DrawSet *set = self->draw_set;
  gboolean palette = self->presentation || self->high_contrast;
  gboolean any_highlighted;
  guint n = self->items->len;

  if (set != NULL && set->generation == self->generation && set->n_items == n)
    return g_atomic_rc_box_acquire (set);

  g_clear_pointer (&self->draw_set, cx_overlay_draw_set_release);
  set = g_atomic_rc_box_new0 (DrawSet);
  set->generation = self->generation;
  set->n_items = n;
  set->scheme = 2 * (self->dark ? 1 : 0) + (palette ? 1 : 0);
  set->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) cx_overlay_draw_run_release);
  set->bases = g_new (const DrawBase *, MAX (n, 1));
  set->states = g_new (guint8, MAX (n, 1));
  any_highlighted = self->selection != NULL &&
                    g_list_model_get_n_items (cx_selection_get_highlighted (self->selection)) > 0;

  /* Run by run: the pack's items, then each imported layer's. */
  for (guint first = 0; first < n;)
    {
      const Item *head = &g_array_index (self->items, Item, first);
      gboolean layer_visible = head->user_layer != NULL && cx_imported_layer_get_visible (head->user_layer);
      gpointer key;
      guint end = cx_overlay_items_run (self, first, &key);
      DrawRun *run;

      run = draw_run_for (self, key, first, end - first);
      g_ptr_array_add (set->runs, g_atomic_rc_box_acquire (run));

      for (guint i = first; i < end; i++)
        {
          const Item *item = &g_array_index (self->items, Item, i);
          gboolean visible = item->user_layer != NULL ? layer_visible : cx_overlay_item_visible (self, item);
          Emphasis emphasis = any_highlighted ? cx_overlay_item_emphasis (self, item) : EMPHASIS_NORMAL;

          set->bases[i] = &run->bases[i - first];
          set->states[i] = (guint8) (emphasis | (visible ? DRAW_STATE_VISIBLE : 0));
        }
      first = end;
    }

  self->draw_set = set;
  return g_atomic_rc_box_acquire (set);
}

/* The items of @key (an imported layer, or the pack; NULL: every one)
 * changed: their DrawRun is made again when next drawn. */
void
cx_overlay_draw_runs_forget (CxOverlayLayer *self,
                             gpointer        key)
{
  if (key == NULL)
    g_hash_table_remove_all (self->draw_runs);
  else
    g_hash_table_remove (self->draw_runs, key);
}

/* Appends to @out, in drawing order, the indices in @set of what is to be
 * drawn of the items whose ink may reach @area: shapes layer by layer, then
 * every point on top of them; what is highlighted comes last, above
 * everything.
 *
 * Returns: how many vertices the collected items have */
gsize
cx_overlay_collect_items (CxOverlayLayer *self,
                          DrawSet        *set,
                          const CxBounds *area,
                          CollectFlags    flags,
                          GArray         *out)
{
  return cx_overlay_collect_items_in (cx_overlay_index_ensure (self), set, area, flags, out);
}

/* As cx_overlay_collect_items(), with @index the one of @set's items, in
 * any thread (a tile job's). */
gsize
cx_overlay_collect_items_in (OverlayIndex   *index,
                             const DrawSet  *set,
                             const CxBounds *area,
                             CollectFlags    flags,
                             GArray         *out)
{
  g_autoptr(GArray) nearby = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *passes[4] = { NULL, };
  gsize n_coords = 0;

  cx_overlay_index_query (index, area, nearby);

  /* One look at each item, sorted into the four passes: shapes, points,
   * highlighted shapes, highlighted points. */
  for (guint k = 0; k < nearby->len; k++)
    {
      guint i = g_array_index (nearby, guint, k);
      const DrawBase *b = set->bases[i];
      guint8 state = set->states[i];
      gboolean highlighted = (state & DRAW_STATE_EMPHASIS_MASK) == EMPHASIS_HIGHLIGHTED;
      gboolean visible = (state & DRAW_STATE_VISIBLE) != 0;
      guint pass = (highlighted ? 2 : 0) + (b->is_point ? 1 : 0);

      if (!visible || !(flags & (highlighted ? COLLECT_HIGHLIGHTED : COLLECT_NORMAL)))
        continue;
      /* The accuracy disc of a point can be much larger than its marker. */
      if (!cx_bounds_intersects (&b->reach, area))
        continue;

      if (pass == 0)
        g_array_append_val (out, i);
      else
        {
          if (passes[pass] == NULL)
            passes[pass] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (passes[pass], i);
        }
      n_coords += cx_geometry_get_n_coords (b->projected);
    }

  for (guint pass = 1; pass < 4; pass++)
    if (passes[pass] != NULL)
      {
        g_array_append_vals (out, passes[pass]->data, passes[pass]->len);
        g_array_unref (passes[pass]);
      }

  return n_coords;
}

void
cx_overlay_draw_setup (cairo_t *cr)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Rings are oriented so (see project_geometry()). */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
}

/* Draws the items of @set at @indices, in order; cairo's origin is the
 * frame's centre. Safe in any thread, on a context of its own. */
void
cx_overlay_draw_items (cairo_t       *cr,
                       const Frame   *f,
                       const DrawSet *set,
                       GArray        *indices)
{
  Batch batch = { NULL, 1, 0, FALSE };

  cairo_new_path (cr);
  for (guint k = 0; k < indices->len; k++)
    {
      DrawItem item_d;
      const DrawItem *d = &item_d;

      cx_overlay_draw_set_item (set, g_array_index (indices, guint, k), &item_d);

      if (d->batched)
        {
          double alpha = d->emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;

          if (batch.count > 0 &&
              (batch.count >= BATCH_MAX || !cx_style_equal (batch.style, d->style) ||
               batch.alpha != alpha || batch.areal != d->areal))
            batch_flush (cr, f, &batch);
          batch.style = d->style;
          batch.alpha = alpha;
          batch.areal = d->areal;
          trace_item (cr, f, d);
          batch.count++;
          continue;
        }

      batch_flush (cr, f, &batch);
      if (d->is_point)
        draw_point (cr, f, d);
      else
        draw_shape (cr, f, d);
    }
  batch_flush (cr, f, &batch);
}
