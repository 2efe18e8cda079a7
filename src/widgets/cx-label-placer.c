/* cx-label-placer.c: where map labels go, against each other and everything they could hit
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels are placed greedily, most important first: the selected item's,
 * then areas' names, points', lines', and the small names of minor points;
 * within each, the top layer first, then the feature's order in its layer.
 * Each label has candidate positions (slots around a marker; points well
 * inside an area; points along the visible part of a line) and takes the
 * first one that
 *
 *   - stays inside the view and off every covered rectangle (panels, the
 *     presentation card, the map's own buttons),
 *   - overlaps no label placed before it and no marker of an item of its
 *     own tier or above (hard rules), and
 *   - crosses none of the thick lines drawn under it (the district
 *     outline, the creek) and covers none of the small dots of minor points
 *     or the markers of items of a lower tier: a position that does is
 *     rejected whenever the label has one that is free of all this.
 *
 * Only where no position is free does a label cross a line or cover a
 * marker, at the position that crosses and covers the least (a cost: the
 * pixels of line under it, by each line's weight, and the markers it
 * covers); cx_label_placer_get_crossing() says so. A point's name of
 * context (CxLabelSpec.context: the view is about something else) is left
 * out instead where that position crosses a thick line.
 *
 * A tier is what the priority order says before the feature's rank: the
 * selected item, then areas' names above points', then the layer. So
 * 2,000 imported points, whose markers leave no free box at zoom 14, do
 * not turn away the district's name or the selected item's, while a
 * point's name never covers the marker of a point of its own layer. A
 * marker whose item has no label here (a point whose name is not shown
 * at this zoom, or that has none) ranks below every named item: at the
 * district's zoom the 2,000 points' markers do not hide its name.
 *
 * A label that has no position left is dropped (the selected one is placed
 * anyway, at its least bad position in sight: over markers if it must,
 * never over another label, off the view or under a panel). Everything is looked up in a grid of
 * CELL_SIZE px cells, as libshumate's vector renderer does
 * (shumate-vector-collision.c): a placement looks at the few cells under
 * its box, so placing n labels costs O(n), not the O(n²) of comparing
 * each with every label before it.
 *
 * Between frames a label keeps its position, remembered by its key in
 * unit (map) coordinates: while it is still free and nearly as good as the
 * best, it is tried first and kept, so that panning does not make labels
 * jump. cx_label_placer_begin()'s @state says when everything is placed
 * afresh instead (the zoom, what is shown or selected, the covered area).
 *
 * Areas are labelled at their pole of inaccessibility, the inside point
 * farthest from the outline, found as Mapbox's polylabel finds it: cells
 * over the shape in a priority queue by the best distance they could hold,
 * split until no cell can beat the best point by more than the precision.
 */

#define G_LOG_DOMAIN "cx-labels"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cx-label-placer.h"

/* About a short label's width: a box covers 2 to 6 cells. */
#define CELL_SIZE 48.0
/* Candidate anchors of one label (points along a line, inside an area). */
#define MAX_ANCHORS 12
/* A remembered position is kept unless another crosses this many pixels
 * less of the lines under it. */
#define HYSTERESIS_PX 8.0
/* A line's name crossing its own line costs this much of what crossing
 * another does: it is better beside it, but may go on it. (An area's
 * name crossing its own outline costs in full: it belongs inside.) */
#define OWN_LINE_WEIGHT 0.25
/* Covering the marker of a lower tier's item costs this many times what
 * crossing a line as long as the marker is wide does: a name goes over
 * the district's outline before it hides a point. */
#define LOWER_MARKER_WEIGHT 4.0
/* Two anchors closer than this (unit coordinates, relative to the view's
 * scale) are the same. */
#define SAME_ANCHOR_PX 0.5

typedef enum
{
  SLOT_RIGHT,
  SLOT_LEFT,
  SLOT_UPPER_RIGHT,
  SLOT_LOWER_RIGHT,
  SLOT_UPPER_LEFT,
  SLOT_LOWER_LEFT,
  SLOT_BELOW,
  SLOT_ABOVE,
  SLOT_CENTRE,
  /* Slid along the marker's side, as cartographic placers (QGIS's
   * "cartographic" mode) add them: beside it a half line up or down,
   * above or below it with the marker under a quarter of the name. */
  SLOT_RIGHT_HIGH,
  SLOT_RIGHT_LOW,
  SLOT_LEFT_HIGH,
  SLOT_LEFT_LOW,
  SLOT_ABOVE_EAST,
  SLOT_BELOW_EAST,
  SLOT_ABOVE_WEST,
  SLOT_BELOW_WEST,
} Slot;

/* A slid place: taken only where it is free. Where nothing is, a
 * label crosses at the least bad of its classic places, as it always did:
 * among twice as many places to cross at, one would more often come out
 * from under a panel a pan later crossing a few pixels less, and the
 * label would jump to it. */
static inline gboolean
slot_is_extra (Slot slot)
{
  return slot >= SLOT_RIGHT_HIGH;
}

/* Around a marker, in the order they are tried. On the right first, on
 * the marker's line, as the app has always put them, then left, then the
 * four diagonals (the upper ones first, as Imhof prefers), then straight
 * below and above, which sit on the marker's column and read least
 * clearly as its name. Only when none of these eight is free: the same
 * sides slid by half a line or a quarter of the name (still by the
 * marker, so still plainly its name; a ring farther out, tried too,
 * freed no label of the starter scenes that these did not). These
 * extra places are taken only when free (see slot_is_extra()): a
 * label with a free classic place never reaches them, and one with no
 * free place at all crosses where it did before they were added. */
static const Slot point_slots[] = {
  SLOT_RIGHT, SLOT_LEFT, SLOT_UPPER_RIGHT, SLOT_LOWER_RIGHT,
  SLOT_UPPER_LEFT, SLOT_LOWER_LEFT, SLOT_BELOW, SLOT_ABOVE,
  SLOT_RIGHT_HIGH, SLOT_RIGHT_LOW, SLOT_LEFT_HIGH, SLOT_LEFT_LOW,
  SLOT_ABOVE_EAST, SLOT_BELOW_EAST, SLOT_ABOVE_WEST, SLOT_BELOW_WEST,
};
/* A minor point's small name sits under its dot, like a caption. */
static const Slot minor_slots[] = {
  SLOT_BELOW, SLOT_ABOVE, SLOT_RIGHT, SLOT_LEFT,
  SLOT_LOWER_RIGHT, SLOT_LOWER_LEFT, SLOT_UPPER_RIGHT, SLOT_UPPER_LEFT,
};
/* A line's name goes beside it, above or below (for a line that runs
 * across) or right or left (for one that runs down), where its own line
 * does not cross it; on it only when nothing else is free. */
static const Slot line_slots[] = {
  SLOT_ABOVE, SLOT_BELOW, SLOT_RIGHT, SLOT_LEFT, SLOT_CENTRE,
};
static const Slot centre_slots[] = { SLOT_CENTRE };

typedef struct
{
  double ux, uy;
} Anchor;

typedef struct
{
  CxLabelSpec spec;
  guint       order;          /* as added: the last tie-break */
  guint       tier;           /* set by run(): 0 is the top */
  guint       first_anchor;   /* in self->anchors */
  guint       n_anchors;
  gboolean    placed;
  gboolean    crossing;       /* placed across a line or marker: nothing free */
  CxLabelRect box;
  double      ux, uy;         /* the anchor it was placed at */
  Slot        slot;
} Label;

typedef struct
{
  gconstpointer owner;
  double        x, y, radius;
  gboolean      small;        /* may be covered, at a cost */
  guint         tier;         /* its item's label's (see run()); G_MAXUINT without one */
} Marker;

typedef struct
{
  gconstpointer owner;
  double        x0, y0, x1, y1;
  double        half_width;
  double        weight;
} Segment;

/* A placed box, in the list of one cell. */
typedef struct
{
  guint label;
  int   next;
} Node;

typedef struct
{
  double  ux, uy;
  Slot    slot;
  guint64 frame;
} Memory;

/* Static obstacles in a cell's list: markers, and segments with this bit. */
#define SEGMENT_BIT 0x80000000u

struct _CxLabelPlacer
{
  CxLabelView view;
  double      inv_xx, inv_xy, inv_yx, inv_yy;
  double      unit_per_px;    /* of the view's scale */
  guint64     state;
  gboolean    has_state;
  guint64     frame;

  GArray     *labels;         /* Label */
  GArray     *anchors;        /* Anchor */
  GArray     *covered;        /* CxLabelRect */
  GArray     *markers;        /* Marker */
  GArray     *segments;       /* Segment */
  guint       n_small_markers;
  gboolean    has_lower_markers; /* some marker's tier is below a label's */

  /* The grid over the view */
  guint       cols, rows;
  GArray     *cell_start;     /* guint, cols × rows + 1: obstacles, binned */
  GArray     *cell_items;     /* guint: a marker, or a segment | SEGMENT_BIT */
  GArray     *heads;          /* int, cols × rows: the first placed box, or -1 */
  GArray     *nodes;          /* Node */
  GArray     *seg_stamp;      /* guint per segment, then per marker: seen by the query with this stamp */
  guint       stamp;

  GHashTable *memory;         /* key → Memory: where each label was last */

  /* Scratch for cx_label_placer_add_line_anchors() */
  GArray     *pieces;
};

/* ------------------------------------------------------------------ */
/* Boxes and segments                                                  */
/* ------------------------------------------------------------------ */

static gboolean
rects_overlap (const CxLabelRect *a,
               const CxLabelRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
disc_overlaps (const CxLabelRect *r,
               double             x,
               double             y,
               double             radius)
{
  double dx = x - CLAMP (x, r->x, r->x + r->width);
  double dy = y - CLAMP (y, r->y, r->y + r->height);

  return dx * dx + dy * dy < radius * radius;
}

/* Liang–Barsky: the part of a segment inside a box, as parameters along
 * it. FALSE when none is. */
static gboolean
clip_segment (double  x0,
              double  y0,
              double  x1,
              double  y1,
              double  min_x,
              double  min_y,
              double  max_x,
              double  max_y,
              double *t0,
              double *t1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - min_x, max_x - x0, y0 - min_y, max_y - y0 };

  *t0 = 0;
  *t1 = 1;
  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      double t = q[i] / p[i];
      if (p[i] < 0)
        *t0 = MAX (*t0, t);
      else
        *t1 = MIN (*t1, t);
      if (*t0 > *t1)
        return FALSE;
    }
  return TRUE;
}

/* How much of a line's middle runs inside the box, widened by half the
 * line's width: in pixels. */
static double
segment_length_in (const Segment     *s,
                   const CxLabelRect *r)
{
  double t0, t1;

  if (!clip_segment (s->x0, s->y0, s->x1, s->y1,
                     r->x - s->half_width, r->y - s->half_width,
                     r->x + r->width + s->half_width, r->y + r->height + s->half_width,
                     &t0, &t1))
    return 0;

  /* A segment that only touches the widened box still crosses ink. */
  return MAX ((t1 - t0) * hypot (s->x1 - s->x0, s->y1 - s->y0), 1e-3);
}

/* ------------------------------------------------------------------ */
/* The placer                                                          */
/* ------------------------------------------------------------------ */

CxLabelPlacer *
cx_label_placer_new (void)
{
  CxLabelPlacer *self = g_new0 (CxLabelPlacer, 1);

  self->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  self->anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  self->covered = g_array_new (FALSE, FALSE, sizeof (CxLabelRect));
  self->markers = g_array_new (FALSE, FALSE, sizeof (Marker));
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->cell_start = g_array_new (FALSE, TRUE, sizeof (guint));
  self->cell_items = g_array_new (FALSE, FALSE, sizeof (guint));
  self->heads = g_array_new (FALSE, FALSE, sizeof (int));
  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  self->seg_stamp = g_array_new (FALSE, TRUE, sizeof (guint));
  self->pieces = g_array_new (FALSE, FALSE, sizeof (double) * 5);
  self->memory = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  return self;
}

void
cx_label_placer_free (CxLabelPlacer *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->labels);
  g_array_unref (self->anchors);
  g_array_unref (self->covered);
  g_array_unref (self->markers);
  g_array_unref (self->segments);
  g_array_unref (self->cell_start);
  g_array_unref (self->cell_items);
  g_array_unref (self->heads);
  g_array_unref (self->nodes);
  g_array_unref (self->seg_stamp);
  g_array_unref (self->pieces);
  g_hash_table_unref (self->memory);
  g_free (self);
}

/**
 * cx_label_placer_begin:
 * @view: the view the labels are placed in
 * @state: everything but the view's position that placement depends on
 *   (zoom, what is shown and selected, the covered area), hashed: when it
 *   differs from the last frame's, every label is placed afresh
 *
 * Starts a frame: forgets the obstacles and labels of the last one.
 */
void
cx_label_placer_begin (CxLabelPlacer     *self,
                       const CxLabelView *view,
                       guint64            state)
{
  double det;

  g_return_if_fail (self != NULL);
  g_return_if_fail (view != NULL);

  self->view = *view;
  det = view->xx * view->yy - view->xy * view->yx;
  if (det == 0)
    det = 1;
  self->inv_xx = view->yy / det;
  self->inv_xy = -view->xy / det;
  self->inv_yx = -view->yx / det;
  self->inv_yy = view->xx / det;
  self->unit_per_px = 1 / sqrt (fabs (det));

  if (!self->has_state || self->state != state)
    g_hash_table_remove_all (self->memory);
  self->state = state;
  self->has_state = TRUE;
  self->frame++;

  g_array_set_size (self->labels, 0);
  g_array_set_size (self->anchors, 0);
  g_array_set_size (self->covered, 0);
  g_array_set_size (self->markers, 0);
  g_array_set_size (self->segments, 0);
  self->n_small_markers = 0;
}

void
cx_label_placer_view_to_unit (const CxLabelView *view,
                              double             x,
                              double             y,
                              double            *ux,
                              double            *uy)
{
  double det = view->xx * view->yy - view->xy * view->yx;
  double dx = x - view->x0, dy = y - view->y0;

  if (det == 0)
    det = 1;
  *ux = (view->yy * dx - view->xy * dy) / det;
  *uy = (-view->yx * dx + view->xx * dy) / det;
}

static void
to_view (const CxLabelPlacer *self,
         double               ux,
         double               uy,
         double              *x,
         double              *y)
{
  *x = self->view.xx * ux + self->view.xy * uy + self->view.x0;
  *y = self->view.yx * ux + self->view.yy * uy + self->view.y0;
}

static void
to_unit (const CxLabelPlacer *self,
         double               x,
         double               y,
         double              *ux,
         double              *uy)
{
  double dx = x - self->view.x0, dy = y - self->view.y0;

  *ux = self->inv_xx * dx + self->inv_xy * dy;
  *uy = self->inv_yx * dx + self->inv_yy * dy;
}

/**
 * cx_label_placer_add_covered:
 *
 * A part of the view that something covers (a panel, a card, a button):
 * no label goes there.
 */
void
cx_label_placer_add_covered (CxLabelPlacer     *self,
                             const CxLabelRect *rect)
{
  g_return_if_fail (self != NULL);

  if (rect->width > 0 && rect->height > 0)
    g_array_append_val (self->covered, *rect);
}

/**
 * cx_label_placer_add_marker:
 * @owner: the feature it marks: its own label may touch it
 *
 * A marker, in view coordinates: no label of its item's tier or above
 * covers it; a label of a higher tier may, at a cost, where nothing free
 * is left (see the top of this file).
 */
static void
add_marker (CxLabelPlacer *self,
            gconstpointer  owner,
            double         x,
            double         y,
            double         radius,
            gboolean       small)
{
  Marker m = { owner, x, y, radius, small, 0 };

  if (x + radius < 0 || y + radius < 0 || x - radius > self->view.width || y - radius > self->view.height)
    return;
  g_array_append_val (self->markers, m);
  self->n_small_markers += small;
}

void
cx_label_placer_add_marker (CxLabelPlacer *self,
                            gconstpointer  owner,
                            double         x,
                            double         y,
                            double         radius)
{
  g_return_if_fail (self != NULL);

  add_marker (self, owner, x, y, radius, FALSE);
}

/**
 * cx_label_placer_add_small_marker:
 * @owner: the feature it marks
 *
 * The dot of a minor point (a subdistrict's, drawn small and named only
 * when zoomed in): a label covers it only where no free place is left,
 * and then costs as much as crossing a line as long as the dot is wide.
 */
void
cx_label_placer_add_small_marker (CxLabelPlacer *self,
                                  gconstpointer  owner,
                                  double         x,
                                  double         y,
                                  double         radius)
{
  g_return_if_fail (self != NULL);

  add_marker (self, owner, x, y, radius, TRUE);
}

static void
add_segment (CxLabelPlacer *self,
             gconstpointer  owner,
             double         x0,
             double         y0,
             double         x1,
             double         y1,
             double         half,
             double         weight)
{
  double length, t0, t1;
  guint n;

  /* Only what the view shows. */
  if (!clip_segment (x0, y0, x1, y1, -half, -half, self->view.width + half, self->view.height + half, &t0, &t1))
    return;

  /* In pieces no longer than a cell, each binned by its own bounds. */
  length = hypot (x1 - x0, y1 - y0) * (t1 - t0);
  n = (guint) MIN (ceil (length / CELL_SIZE), 4096);
  n = MAX (n, 1);
  for (guint i = 0; i < n; i++)
    {
      double a = t0 + (t1 - t0) * i / n, b = t0 + (t1 - t0) * (i + 1) / n;
      Segment s = {
        owner,
        x0 + (x1 - x0) * a, y0 + (y1 - y0) * a,
        x0 + (x1 - x0) * b, y0 + (y1 - y0) * b,
        half, weight,
      };

      g_array_append_val (self->segments, s);
    }
}

/**
 * cx_label_placer_add_line:
 * @owner: the feature it draws: its own label may lie on it
 * @points: (array length=n_points): in view coordinates
 * @closed: a ring: the last point joins the first
 * @width: as drawn, in pixels
 * @weight: how much crossing it costs, per pixel: 1 for a line drawn in
 *   full, less for one drawn faintly
 *
 * A thick line: a label crosses it only where no free place is left.
 */
void
cx_label_placer_add_line (CxLabelPlacer *self,
                          gconstpointer  owner,
                          const CxCoord *points,
                          guint          n_points,
                          gboolean       closed,
                          double         width,
                          double         weight)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i + 1 < n_points; i++)
    add_segment (self, owner, points[i].x, points[i].y, points[i + 1].x, points[i + 1].y, width / 2, weight);
  if (closed && n_points > 2)
    add_segment (self, owner, points[n_points - 1].x, points[n_points - 1].y, points[0].x, points[0].y,
                 width / 2, weight);
}

guint
cx_label_placer_get_n_segments (CxLabelPlacer *self)
{
  return self->segments->len;
}

/**
 * cx_label_placer_get_segment:
 * @owner: (out) (optional): the feature whose line it is a piece of
 * @from: (out): one end, in view coordinates
 * @to: (out): the other
 * @width: (out) (optional): as drawn, in pixels
 *
 * A piece of a thick line the labels of this frame avoid (for tests).
 */
void
cx_label_placer_get_segment (CxLabelPlacer  *self,
                             guint           segment,
                             gconstpointer  *owner,
                             CxCoord        *from,
                             CxCoord        *to,
                             double         *width)
{
  const Segment *s;

  g_return_if_fail (self != NULL);
  g_return_if_fail (segment < self->segments->len);

  s = &g_array_index (self->segments, Segment, segment);
  if (owner != NULL)
    *owner = s->owner;
  *from = (CxCoord) { s->x0, s->y0 };
  *to = (CxCoord) { s->x1, s->y1 };
  if (width != NULL)
    *width = 2 * s->half_width;
}

/**
 * cx_label_placer_add_label:
 *
 * A label to place, with no anchor yet: add its anchors next, best first.
 *
 * Returns: its index, for its anchors and its placement
 */
guint
cx_label_placer_add_label (CxLabelPlacer     *self,
                           const CxLabelSpec *spec)
{
  Label label = { 0, };

  g_return_val_if_fail (self != NULL, 0);

  label.spec = *spec;
  label.order = self->labels->len;
  label.first_anchor = self->anchors->len;
  g_array_append_val (self->labels, label);

  return self->labels->len - 1;
}

/**
 * cx_label_placer_add_anchor:
 * @label: the label added last
 *
 * A point, in unit coordinates, around or on which the label may go; the
 * first ones are preferred.
 */
void
cx_label_placer_add_anchor (CxLabelPlacer *self,
                            guint          label,
                            double         ux,
                            double         uy)
{
  Label *l;
  Anchor a = { ux, uy };

  g_return_if_fail (self != NULL);
  g_return_if_fail (label + 1 == self->labels->len);

  l = &g_array_index (self->labels, Label, label);
  if (l->n_anchors >= MAX_ANCHORS || !isfinite (ux) || !isfinite (uy))
    return;
  g_array_append_val (self->anchors, a);
  l->n_anchors++;
}

/* A visible run of a line: its pieces are self->pieces[first…first+n). */
typedef struct
{
  guint  first, n;
  double length;
} Run;

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const Run *ra = a, *rb = b;

  return ra->length < rb->length ? 1 : ra->length > rb->length ? -1 : (int) ra->first - (int) rb->first;
}

/* The point @at pixels along a run. */
static void
run_point (CxLabelPlacer *self,
           const Run     *run,
           double         at,
           double        *x,
           double        *y)
{
  for (guint i = run->first; i < run->first + run->n; i++)
    {
      const double *p = &g_array_index (self->pieces, double, i * 5);

      if (at <= p[4] || i + 1 == run->first + run->n)
        {
          double t = p[4] > 0 ? CLAMP (at / p[4], 0, 1) : 0;

          *x = p[0] + (p[2] - p[0]) * t;
          *y = p[1] + (p[3] - p[1]) * t;
          return;
        }
      at -= p[4];
    }
}

/**
 * cx_label_placer_add_line_anchors:
 * @label: the label added last
 * @geometry: the line, in unit coordinates
 *
 * Anchors along the parts of the line the view shows, with room for the
 * label around them: the middle of the longest visible run first, then
 * other points of it, from the middle out, then the middles of the next
 * two runs.
 */
void
cx_label_placer_add_line_anchors (CxLabelPlacer    *self,
                                  guint             label,
                                  const CxGeometry *geometry)
{
  /* From the middle outwards: a label near the middle of what shows of
   * a line reads as its name; one at an end, as the name of what is
   * there. */
  static const double fractions[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9 };
  const Label *l;
  double min_x, min_y, max_x, max_y;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));

  g_return_if_fail (self != NULL);
  g_return_if_fail (label + 1 == self->labels->len);

  l = &g_array_index (self->labels, Label, label);
  /* Where the label's centre can be, with the label inside the view. */
  min_x = l->spec.width / 2 + 1;
  min_y = l->spec.height / 2 + 1;
  max_x = self->view.width - l->spec.width / 2 - 1;
  max_y = self->view.height - l->spec.height / 2 - 1;
  if (min_x >= max_x || min_y >= max_y)
    return;

  g_array_set_size (self->pieces, 0);
  for (guint part = 0; part < cx_geometry_get_n_parts (geometry); part++)
    {
      guint n;
      const CxCoord *c = cx_geometry_get_part (geometry, part, &n);
      Run run = { self->pieces->len, 0, 0 };
      double px = 0, py = 0;

      for (guint i = 0; i < n; i++)
        {
          double x, y, t0, t1;

          to_view (self, c[i].x, c[i].y, &x, &y);
          if (i > 0 && clip_segment (px, py, x, y, min_x, min_y, max_x, max_y, &t0, &t1))
            {
              double piece[5] = {
                px + (x - px) * t0, py + (y - py) * t0,
                px + (x - px) * t1, py + (y - py) * t1,
                0,
              };

              piece[4] = hypot (piece[2] - piece[0], piece[3] - piece[1]);
              /* A run goes on while the line stays in view. */
              if (t0 > 0 && run.n > 0)
                {
                  g_array_append_val (runs, run);
                  run = (Run) { self->pieces->len, 0, 0 };
                }
              g_array_append_vals (self->pieces, piece, 1);
              run.n++;
              run.length += piece[4];
              if (t1 < 1)
                {
                  g_array_append_val (runs, run);
                  run = (Run) { self->pieces->len, 0, 0 };
                }
            }
          px = x;
          py = y;
        }
      if (run.n > 0)
        g_array_append_val (runs, run);
    }

  g_array_sort (runs, compare_runs);
  for (guint r = 0; r < MIN (runs->len, 3); r++)
    {
      const Run *run = &g_array_index (runs, Run, r);

      for (guint k = 0; k < (r == 0 ? G_N_ELEMENTS (fractions) : 1); k++)
        {
          double x = 0, y = 0, ux, uy;

          run_point (self, run, run->length * fractions[k], &x, &y);
          to_unit (self, x, y, &ux, &uy);
          cx_label_placer_add_anchor (self, label, ux, uy);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Placing                                                             */
/* ------------------------------------------------------------------ */

static const Slot *
label_slots (const Label *l,
             guint       *n)
{
  switch (l->spec.kind)
    {
    case CX_LABEL_KIND_POINT:
      *n = G_N_ELEMENTS (point_slots);
      return point_slots;
    case CX_LABEL_KIND_MINOR:
      *n = G_N_ELEMENTS (minor_slots);
      return minor_slots;
    case CX_LABEL_KIND_LINE:
      *n = G_N_ELEMENTS (line_slots);
      return line_slots;
    case CX_LABEL_KIND_AREA:
    default:
      *n = G_N_ELEMENTS (centre_slots);
      return centre_slots;
    }
}

static CxLabelRect
slot_box (const Label *l,
          double       ax,
          double       ay,
          Slot         slot)
{
  double w = l->spec.width, h = l->spec.height, g = l->spec.gap;
  double d = g * G_SQRT2 / 2;

  switch (slot)
    {
    case SLOT_RIGHT:       return (CxLabelRect) { ax + g, ay - h / 2, w, h };
    case SLOT_LEFT:        return (CxLabelRect) { ax - g - w, ay - h / 2, w, h };
    case SLOT_UPPER_RIGHT: return (CxLabelRect) { ax + d, ay - d - h, w, h };
    case SLOT_LOWER_RIGHT: return (CxLabelRect) { ax + d, ay + d, w, h };
    case SLOT_UPPER_LEFT:  return (CxLabelRect) { ax - d - w, ay - d - h, w, h };
    case SLOT_LOWER_LEFT:  return (CxLabelRect) { ax - d - w, ay + d, w, h };
    case SLOT_BELOW:       return (CxLabelRect) { ax - w / 2, ay + g, w, h };
    case SLOT_ABOVE:       return (CxLabelRect) { ax - w / 2, ay - g - h, w, h };
    case SLOT_RIGHT_HIGH:  return (CxLabelRect) { ax + g, ay - h, w, h };
    case SLOT_RIGHT_LOW:   return (CxLabelRect) { ax + g, ay, w, h };
    case SLOT_LEFT_HIGH:   return (CxLabelRect) { ax - g - w, ay - h, w, h };
    case SLOT_LEFT_LOW:    return (CxLabelRect) { ax - g - w, ay, w, h };
    case SLOT_ABOVE_EAST:  return (CxLabelRect) { ax - w / 4, ay - g - h, w, h };
    case SLOT_BELOW_EAST:  return (CxLabelRect) { ax - w / 4, ay + g, w, h };
    case SLOT_ABOVE_WEST:  return (CxLabelRect) { ax - w * 3 / 4, ay - g - h, w, h };
    case SLOT_BELOW_WEST:  return (CxLabelRect) { ax - w * 3 / 4, ay + g, w, h };
    case SLOT_CENTRE:
    default:               return (CxLabelRect) { ax - w / 2, ay - h / 2, w, h };
    }
}

static inline void
cell_range (const CxLabelPlacer *self,
            double               min_x,
            double               min_y,
            double               max_x,
            double               max_y,
            guint               *c0,
            guint               *r0,
            guint               *c1,
            guint               *r1)
{
  /* Truncation is floor for the positive; the negative are clamped. */
  *c0 = min_x <= 0 ? 0 : MIN ((guint) (min_x / CELL_SIZE), self->cols - 1);
  *c1 = max_x <= 0 ? 0 : MIN ((guint) (max_x / CELL_SIZE), self->cols - 1);
  *r0 = min_y <= 0 ? 0 : MIN ((guint) (min_y / CELL_SIZE), self->rows - 1);
  *r1 = max_y <= 0 ? 0 : MIN ((guint) (max_y / CELL_SIZE), self->rows - 1);
}

static void
obstacle_bounds (const CxLabelPlacer *self,
                 guint                item,
                 double              *min_x,
                 double              *min_y,
                 double              *max_x,
                 double              *max_y)
{
  if (item & SEGMENT_BIT)
    {
      const Segment *s = &g_array_index (self->segments, Segment, item & ~SEGMENT_BIT);

      *min_x = MIN (s->x0, s->x1) - s->half_width;
      *max_x = MAX (s->x0, s->x1) + s->half_width;
      *min_y = MIN (s->y0, s->y1) - s->half_width;
      *max_y = MAX (s->y0, s->y1) + s->half_width;
    }
  else
    {
      const Marker *m = &g_array_index (self->markers, Marker, item);

      *min_x = m->x - m->radius;
      *max_x = m->x + m->radius;
      *min_y = m->y - m->radius;
      *max_y = m->y + m->radius;
    }
}

/* Bins every marker and segment into the cells its bounds touch
 * (counting, then filling: two passes, no list per cell). */
static void
build_grid (CxLabelPlacer *self)
{
  guint n_cells, n_obstacles = self->markers->len + self->segments->len;
  guint *start, *fill = NULL;

  self->cols = MAX (1, (guint) ceil (self->view.width / CELL_SIZE));
  self->rows = MAX (1, (guint) ceil (self->view.height / CELL_SIZE));
  n_cells = self->cols * self->rows;

  g_array_set_size (self->cell_start, n_cells + 1);
  start = (guint *) self->cell_start->data;
  memset (start, 0, (n_cells + 1) * sizeof (guint));

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          /* Counts to offsets; @fill walks each cell's slice. */
          guint sum = 0;

          for (guint c = 0; c <= n_cells; c++)
            {
              guint count = start[c];
              start[c] = sum;
              sum += count;
            }
          g_array_set_size (self->cell_items, sum);
          fill = g_new (guint, n_cells);
          memcpy (fill, start, n_cells * sizeof (guint));
        }

      for (guint k = 0; k < n_obstacles; k++)
        {
          guint item = k < self->markers->len ? k : (k - self->markers->len) | SEGMENT_BIT;
          double x0, y0, x1, y1;
          guint c0, r0, c1, r1;

          obstacle_bounds (self, item, &x0, &y0, &x1, &y1);
          cell_range (self, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                if (pass == 0)
                  start[r * self->cols + c]++;
                else
                  g_array_index (self->cell_items, guint, fill[r * self->cols + c]++) = item;
              }
        }
    }
  g_free (fill);

  g_array_set_size (self->heads, n_cells);
  for (guint c = 0; c < n_cells; c++)
    g_array_index (self->heads, int, c) = -1;
  g_array_set_size (self->nodes, 0);

  g_array_set_size (self->seg_stamp, self->segments->len + self->markers->len);
  if (self->seg_stamp->len > 0)
    memset (self->seg_stamp->data, 0, self->seg_stamp->len * sizeof (guint));
  self->stamp = 0;
}

/* Whether a label may cover @m, at a cost: a minor point's dot, or the
 * marker of an item of a lower tier than the label's. */
static inline gboolean
marker_is_soft (const Marker *m,
                const Label  *l)
{
  return m->small || m->tier > l->tier;
}

/* Whether @box breaks no hard rule: inside the view, off the covered
 * area, the labels placed before and every marker but its own and those
 * it may cover. */
static gboolean
box_is_free (CxLabelPlacer     *self,
             const Label       *l,
             const CxLabelRect *box)
{
  guint c0, r0, c1, r1;

  if (box->x < 0 || box->y < 0 ||
      box->x + box->width > self->view.width || box->y + box->height > self->view.height)
    return FALSE;

  for (guint i = 0; i < self->covered->len; i++)
    if (rects_overlap (box, &g_array_index (self->covered, CxLabelRect, i)))
      return FALSE;

  cell_range (self, box->x, box->y, box->x + box->width, box->y + box->height, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * self->cols + c;
        guint end = g_array_index (self->cell_start, guint, cell + 1);

        /* Markers first: in a crowded view they turn most places down. */
        for (guint k = g_array_index (self->cell_start, guint, cell); k < end; k++)
          {
            guint item = g_array_index (self->cell_items, guint, k);
            const Marker *m;

            if (item & SEGMENT_BIT)
              continue;
            m = &g_array_index (self->markers, Marker, item);
            if (!marker_is_soft (m, l) && m->owner != l->spec.key && disc_overlaps (box, m->x, m->y, m->radius))
              return FALSE;
          }

        for (int n = g_array_index (self->heads, int, cell); n >= 0; n = g_array_index (self->nodes, Node, n).next)
          if (rects_overlap (box, &g_array_index (self->labels, Label, g_array_index (self->nodes, Node, n).label).box))
            return FALSE;
      }

  return TRUE;
}

/* How many pixels of the thick lines run under @box, each by its weight
 * (its own by less), and of the markers it may cover and covers: a dot
 * as much as a line as long as it is wide, a lower tier's marker
 * LOWER_MARKER_WEIGHT times that. @lines_out, when given, gets the lines'
 * part alone. */
static double
box_penalty (CxLabelPlacer     *self,
             const Label       *l,
             const CxLabelRect *box,
             gboolean           lower_markers,
             double            *lines_out)
{
  guint c0, r0, c1, r1;
  guint *stamps = (guint *) self->seg_stamp->data;
  double penalty = 0, lines = 0;

  if (lines_out != NULL)
    *lines_out = 0;
  if (self->segments->len == 0 && self->n_small_markers == 0 && !self->has_lower_markers)
    return 0;

  /* Each segment counted once, however many of the cells it is in. */
  if (++self->stamp == 0)
    {
      if (self->seg_stamp->len > 0)
        memset (stamps, 0, self->seg_stamp->len * sizeof (guint));
      self->stamp = 1;
    }

  cell_range (self, box->x, box->y, box->x + box->width, box->y + box->height, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * self->cols + c;
        guint end = g_array_index (self->cell_start, guint, cell + 1);

        for (guint k = g_array_index (self->cell_start, guint, cell); k < end; k++)
          {
            guint item = g_array_index (self->cell_items, guint, k);
            const Segment *s;

            if (!(item & SEGMENT_BIT))
              {
                const Marker *m = &g_array_index (self->markers, Marker, item);

                /* Counted once, however many cells it is in: otherwise
                 * a 1-pixel pan that moves it across a cell's edge
                 * would change the cost, and the label would jump. */
                if (stamps[self->segments->len + item] == self->stamp)
                  continue;
                stamps[self->segments->len + item] = self->stamp;
                if (marker_is_soft (m, l) && (m->small || lower_markers) &&
                    m->owner != l->spec.key && disc_overlaps (box, m->x, m->y, m->radius))
                  penalty += 2 * m->radius * (m->small ? 1 : LOWER_MARKER_WEIGHT);
                continue;
              }
            item &= ~SEGMENT_BIT;
            if (stamps[item] == self->stamp)
              continue;
            stamps[item] = self->stamp;
            s = &g_array_index (self->segments, Segment, item);
            lines += segment_length_in (s, box) * s->weight *
                     (s->owner == l->spec.key && l->spec.kind == CX_LABEL_KIND_LINE ? OWN_LINE_WEIGHT : 1);
          }
      }

  if (lines_out != NULL)
    *lines_out = lines;
  return penalty + lines;
}

/* For a label that must be placed anyway: how much of the markers @box
 * covers, in square pixels; or -1 where it would not be seen (out of the
 * view, covered, or on a label placed before it). */
static double
box_cost (CxLabelPlacer     *self,
          const Label       *l,
          const CxLabelRect *box)
{
  double cost = 0;

  if (box->x < 0 || box->y < 0 ||
      box->x + box->width > self->view.width || box->y + box->height > self->view.height)
    return -1;
  for (guint i = 0; i < self->covered->len; i++)
    if (rects_overlap (box, &g_array_index (self->covered, CxLabelRect, i)))
      return -1;
  for (guint i = 0; i < self->labels->len; i++)
    {
      const Label *other = &g_array_index (self->labels, Label, i);

      if (other->placed && rects_overlap (box, &other->box))
        return -1;
    }

  for (guint i = 0; i < self->markers->len; i++)
    {
      const Marker *m = &g_array_index (self->markers, Marker, i);

      if (m->owner != l->spec.key && disc_overlaps (box, m->x, m->y, m->radius))
        {
          /* A value on another circle would be read as that circle's. */
          if (l->spec.own_marker_only && !marker_is_soft (m, l))
            return -1;
          cost += G_PI * m->radius * m->radius;
        }
    }

  return cost * 100 + box_penalty (self, l, box, TRUE, NULL);
}

static void
insert_box (CxLabelPlacer *self,
            guint          index)
{
  const Label *l = &g_array_index (self->labels, Label, index);
  guint c0, r0, c1, r1;

  cell_range (self, l->box.x, l->box.y, l->box.x + l->box.width, l->box.y + l->box.height, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        int *head = &g_array_index (self->heads, int, r * self->cols + c);
        Node node = { index, *head };

        g_array_append_val (self->nodes, node);
        *head = (int) self->nodes->len - 1;
      }
}

typedef struct
{
  double      ux, uy;
  Slot        slot;
  CxLabelRect box;
} Candidate;

/* The candidates of a label, in the order they are tried: where it was
 * last (when remembered), then every slot around every anchor. */
static guint
label_candidates (CxLabelPlacer *self,
                  const Label   *l,
                  Candidate     *out,
                  guint          max,
                  gboolean      *remembered)
{
  const Memory *memory = g_hash_table_lookup (self->memory, l->spec.key);
  guint n_slots, n = 0;
  const Slot *slots = label_slots (l, &n_slots);

  *remembered = FALSE;
  if (memory != NULL && memory->frame + 1 == self->frame)
    {
      double x, y;

      to_view (self, memory->ux, memory->uy, &x, &y);
      out[n++] = (Candidate) { memory->ux, memory->uy, memory->slot, slot_box (l, x, y, memory->slot) };
      *remembered = TRUE;
    }

  for (guint a = 0; a < l->n_anchors; a++)
    {
      const Anchor *anchor = &g_array_index (self->anchors, Anchor, l->first_anchor + a);
      double x, y;

      to_view (self, anchor->ux, anchor->uy, &x, &y);
      for (guint s = 0; s < n_slots && n < max; s++)
        {
          /* The remembered one is tried already. */
          if (*remembered && out[0].slot == slots[s] &&
              fabs (anchor->ux - out[0].ux) < SAME_ANCHOR_PX * self->unit_per_px &&
              fabs (anchor->uy - out[0].uy) < SAME_ANCHOR_PX * self->unit_per_px)
            continue;
          out[n++] = (Candidate) { anchor->ux, anchor->uy, slots[s], slot_box (l, x, y, slots[s]) };
        }
    }

  return n;
}

#define MAX_CANDIDATES (MAX_ANCHORS * G_N_ELEMENTS (point_slots) + 1)

static void
place_label (CxLabelPlacer *self,
             guint          index)
{
  Label *l = &g_array_index (self->labels, Label, index);
  Candidate candidates[MAX_CANDIDATES];
  gboolean remembered;
  guint n = label_candidates (self, l, candidates, G_N_ELEMENTS (candidates), &remembered);
  int best = -1;
  double best_cost = INFINITY, best_lines = 0;
  gboolean is_free = FALSE;

  /* The first free place wins: where the label was, when it is still
   * free, then the others in order. Crossing a line (or covering a marker
   * it may cover) is ruled out whenever one is free, however little it
   * crosses: so the whole candidate list is looked at before any place
   * that crosses is taken. */
  for (guint k = 0; k < n; k++)
    {
      double cost, lines;

      if (!box_is_free (self, l, &candidates[k].box))
        continue;
      /* Where it was, the lower tiers' markers it covers are not held
       * against it: a pan that brings a place clear of them into view
       * (at the edge) does not make it jump there. Lines are: they move
       * with the map, so a place free of them stays free while panning. */
      if (remembered && k == 0)
        cost = box_penalty (self, l, &candidates[k].box, FALSE, &lines);
      else
        cost = box_penalty (self, l, &candidates[k].box, TRUE, &lines);
      if (cost == 0)
        {
          best = (int) k;
          is_free = TRUE;
          break;
        }
      if (slot_is_extra (candidates[k].slot))
        continue;
      /* Nothing free yet: the least crossing so far, where it was unless
       * another crosses clearly less. */
      if (remembered && k == 0)
        cost -= HYSTERESIS_PX;
      if (cost < best_cost)
        {
          best = (int) k;
          best_cost = cost;
          best_lines = lines;
        }
    }

  /* While the view is about something else, a point's name of context
   * with no place free of the thick lines around it is left out rather
   * than written across a line or an outline, as a cartographer leaves
   * out a name of context: the place stays on the map, in the Places list
   * and in search. What the view is about is named all the same, and
   * with nothing selected every name is what the map is about. */
  if (!is_free && best >= 0 && best_lines > 0 && l->spec.context && !l->spec.selected &&
      (l->spec.kind == CX_LABEL_KIND_POINT || l->spec.kind == CX_LABEL_KIND_MINOR))
    return;

  /* The selected label shows whatever it costs, at its least bad place
   * in sight: over markers if it must (never over another label). */
  if (best < 0 && l->spec.selected)
    for (guint k = 0; k < n; k++)
      {
        double cost;

        /* A value kept off the other circles may need the extra places
         * to be shown at all. */
        if (slot_is_extra (candidates[k].slot) && !l->spec.own_marker_only)
          continue;
        cost = box_cost (self, l, &candidates[k].box);

        if (cost >= 0 && cost < best_cost)
          {
            best = (int) k;
            best_cost = cost;
          }
      }

  if (best < 0)
    return;

  l->placed = TRUE;
  l->crossing = !is_free;
  l->box = candidates[best].box;
  l->ux = candidates[best].ux;
  l->uy = candidates[best].uy;
  l->slot = candidates[best].slot;
  insert_box (self, index);
}

/* Areas' names (and those of areas known by a point) first, then points',
 * lines' (which have many places to choose from), and minor points'. */
static guint
label_class (const Label *l)
{
  return l->spec.names_area ? CX_LABEL_KIND_AREA : l->spec.kind;
}

/* The priority order without the feature's rank: labels of one tier may
 * not cover each other's markers. */
static int
compare_tier (const Label *la,
              const Label *lb)
{
  if (la->spec.selected != lb->spec.selected)
    return la->spec.selected ? -1 : 1;
  if (label_class (la) != label_class (lb))
    return label_class (la) < label_class (lb) ? -1 : 1;
  if (la->spec.layer != lb->spec.layer)
    return la->spec.layer > lb->spec.layer ? -1 : 1;
  return 0;
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GArray *labels = user_data;
  const Label *la = &g_array_index (labels, Label, *(const guint *) a);
  const Label *lb = &g_array_index (labels, Label, *(const guint *) b);
  int tier = compare_tier (la, lb);

  if (tier != 0)
    return tier;
  if (la->spec.rank != lb->spec.rank)
    return la->spec.rank < lb->spec.rank ? -1 : 1;
  return la->order < lb->order ? -1 : la->order > lb->order ? 1 : 0;
}

/* Numbers the tiers in priority order (0 the top), and gives each marker
 * its item's label's: one look-up per marker, so still O(n). */
static void
assign_tiers (CxLabelPlacer *self,
              GArray        *order)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (NULL, NULL);
  const Label *previous = NULL;
  guint tier = 0;

  for (guint k = 0; k < order->len; k++)
    {
      Label *l = &g_array_index (self->labels, Label, g_array_index (order, guint, k));

      if (previous != NULL && compare_tier (previous, l) != 0)
        tier++;
      l->tier = tier;
      previous = l;
      if (l->spec.key != NULL)
        g_hash_table_insert (by_key, (gpointer) l->spec.key, l);
    }

  self->has_lower_markers = FALSE;
  for (guint i = 0; i < self->markers->len; i++)
    {
      Marker *m = &g_array_index (self->markers, Marker, i);
      const Label *owner = m->owner != NULL ? g_hash_table_lookup (by_key, m->owner) : NULL;

      m->tier = owner != NULL ? owner->tier : G_MAXUINT;
      if (!m->small && m->tier > 0)
        self->has_lower_markers = TRUE;
    }
}

static gboolean
memory_is_stale (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  return ((Memory *) value)->frame != *(guint64 *) user_data;
}

/**
 * cx_label_placer_run:
 *
 * Places the labels added since cx_label_placer_begin(), most important
 * first; cx_label_placer_get_box() says where each went.
 */
void
cx_label_placer_run (CxLabelPlacer *self)
{
  g_autoptr(GArray) order = NULL;

  g_return_if_fail (self != NULL);

  build_grid (self);

  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->labels->len);
  for (guint i = 0; i < self->labels->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_priority, self->labels);
  assign_tiers (self, order);

  for (guint k = 0; k < order->len; k++)
    place_label (self, g_array_index (order, guint, k));

  /* Remember where each label went, for the next frame. */
  for (guint i = 0; i < self->labels->len; i++)
    {
      const Label *l = &g_array_index (self->labels, Label, i);
      Memory *memory;

      if (!l->placed || l->spec.key == NULL)
        continue;
      memory = g_hash_table_lookup (self->memory, l->spec.key);
      if (memory == NULL)
        {
          memory = g_new (Memory, 1);
          g_hash_table_insert (self->memory, (gpointer) l->spec.key, memory);
        }
      *memory = (Memory) { l->ux, l->uy, l->slot, self->frame };
    }
  g_hash_table_foreach_remove (self->memory, memory_is_stale, &self->frame);
}

guint
cx_label_placer_get_n_labels (CxLabelPlacer *self)
{
  return self->labels->len;
}

/**
 * cx_label_placer_get_box:
 * @box: (out): where the label goes; where it was tried first, when it
 *   was dropped
 *
 * Returns: whether the label was placed
 */
gboolean
cx_label_placer_get_box (CxLabelPlacer *self,
                         guint          label,
                         CxLabelRect   *box)
{
  const Label *l;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (label < self->labels->len, FALSE);

  l = &g_array_index (self->labels, Label, label);
  if (l->placed)
    *box = l->box;
  else if (l->n_anchors > 0)
    {
      const Anchor *a = &g_array_index (self->anchors, Anchor, l->first_anchor);
      guint n_slots;
      const Slot *slots = label_slots (l, &n_slots);
      double x, y;

      to_view (self, a->ux, a->uy, &x, &y);
      *box = slot_box (l, x, y, slots[0]);
    }
  else
    *box = (CxLabelRect) { 0, 0, 0, 0 };

  return l->placed;
}

/**
 * cx_label_placer_get_crossing:
 *
 * Returns: whether the label was placed across a thick line, or over a
 *   marker it may cover, because no free position was left (or, for the
 *   selected label, none in sight)
 */
gboolean
cx_label_placer_get_crossing (CxLabelPlacer *self,
                              guint          label)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (label < self->labels->len, FALSE);

  return g_array_index (self->labels, Label, label).crossing;
}

/**
 * cx_label_placer_get_xalign:
 *
 * Returns: where in its box the label's text goes, when it is narrower:
 *   0 at the left (on the right of a marker), 1 at the right (on its
 *   left: the text ends by the marker), 0.5 in the middle
 */
double
cx_label_placer_get_xalign (CxLabelPlacer *self,
                            guint          label)
{
  const Label *l;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (label < self->labels->len, 0);

  l = &g_array_index (self->labels, Label, label);
  switch (l->slot)
    {
    case SLOT_RIGHT:
    case SLOT_UPPER_RIGHT:
    case SLOT_LOWER_RIGHT:
    case SLOT_RIGHT_HIGH:
    case SLOT_RIGHT_LOW:
      return 0;
    case SLOT_LEFT:
    case SLOT_UPPER_LEFT:
    case SLOT_LOWER_LEFT:
    case SLOT_LEFT_HIGH:
    case SLOT_LEFT_LOW:
      return 1;
    case SLOT_BELOW:
    case SLOT_ABOVE:
    case SLOT_ABOVE_EAST:
    case SLOT_BELOW_EAST:
    case SLOT_ABOVE_WEST:
    case SLOT_BELOW_WEST:
    case SLOT_CENTRE:
    default:
      return 0.5;
    }
}

/* ------------------------------------------------------------------ */
/* Points well inside a polygon                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  double x, y;   /* centre */
  double h;      /* half its side */
  double d;      /* signed distance from the centre to the outline */
  double max;    /* the best distance a point of the cell could have */
} Cell;

static double
segment_distance_sq (double px,
                     double py,
                     double ax,
                     double ay,
                     double bx,
                     double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = 0;

  if (dx != 0 || dy != 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0, 1);
  dx = px - (ax + t * dx);
  dy = py - (ay + t * dy);
  return dx * dx + dy * dy;
}

/* Distance from a point to the polygon's outline: positive inside (by the
 * even-odd rule over all its rings, holes included), negative outside. */
static double
polygon_distance (double          x,
                  double          y,
                  const CxCoord **rings,
                  const guint    *sizes,
                  guint           n_rings)
{
  gboolean inside = FALSE;
  double min = INFINITY;

  for (guint r = 0; r < n_rings; r++)
    {
      const CxCoord *ring = rings[r];
      guint n = sizes[r];

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          const CxCoord *a = &ring[i], *b = &ring[j];

          if ((a->y > y) != (b->y > y) && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
            inside = !inside;
          min = MIN (min, segment_distance_sq (x, y, a->x, a->y, b->x, b->y));
        }
    }

  return (inside ? 1 : -1) * sqrt (min);
}

static Cell
cell_new (double          x,
          double          y,
          double          h,
          const CxCoord **rings,
          const guint    *sizes,
          guint           n_rings)
{
  Cell c = { x, y, h, polygon_distance (x, y, rings, sizes, n_rings), 0 };

  c.max = c.d + h * G_SQRT2;
  return c;
}

/* A binary max-heap of cells by @max. */
static void
heap_push (GArray *heap,
           Cell    cell)
{
  guint i;

  g_array_append_val (heap, cell);
  for (i = heap->len - 1; i > 0;)
    {
      guint parent = (i - 1) / 2;
      Cell *c = &g_array_index (heap, Cell, i), *p = &g_array_index (heap, Cell, parent);

      if (p->max >= c->max)
        break;
      Cell tmp = *p;
      *p = *c;
      *c = tmp;
      i = parent;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell top = g_array_index (heap, Cell, 0);
  guint n = heap->len - 1, i = 0;

  g_array_index (heap, Cell, 0) = g_array_index (heap, Cell, n);
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, largest = i;

      if (l < n && g_array_index (heap, Cell, l).max > g_array_index (heap, Cell, largest).max)
        largest = l;
      if (r < n && g_array_index (heap, Cell, r).max > g_array_index (heap, Cell, largest).max)
        largest = r;
      if (largest == i)
        break;
      Cell tmp = g_array_index (heap, Cell, i);
      g_array_index (heap, Cell, i) = g_array_index (heap, Cell, largest);
      g_array_index (heap, Cell, largest) = tmp;
      i = largest;
    }

  return top;
}

/* The area centroid of the outer ring, a good first guess. */
static Cell
centroid_cell (const CxCoord **rings,
               const guint    *sizes,
               guint           n_rings)
{
  const CxCoord *ring = rings[0];
  guint n = sizes[0];
  double area = 0, x = 0, y = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double f = ring[i].x * ring[j].y - ring[j].x * ring[i].y;

      x += (ring[i].x + ring[j].x) * f;
      y += (ring[i].y + ring[j].y) * f;
      area += f * 3;
    }
  if (area == 0)
    return cell_new (ring[0].x, ring[0].y, 0, rings, sizes, n_rings);
  return cell_new (x / area, y / area, 0, rings, sizes, n_rings);
}

/* However thin the shape, the first grid has at most this many cells;
 * and the search stops after this many, whatever the precision. */
#define POLE_MAX_FIRST_CELLS 4096
#define POLE_MAX_CELLS 100000

/**
 * cx_polygon_pole:
 * @rings: (array length=n_rings): the outline first, then the holes
 * @precision: how close to the best point is close enough, in the rings'
 *   units
 * @pole: (out): the pole of inaccessibility, the point inside farthest
 *   from the outline (up to @precision)
 * @distance: (out): its distance to the outline
 *
 * Polylabel's search: square cells over the outline's bounds, taken from
 * a priority queue by the distance a point of the cell could have at
 * best; each cell that could still beat the best point by more than
 * @precision is split in four.
 *
 * Returns: FALSE for a shape without an inside (no pole)
 */
gboolean
cx_polygon_pole (const CxCoord **rings,
                 const guint    *ring_sizes,
                 guint           n_rings,
                 double          precision,
                 CxCoord        *pole,
                 double         *distance)
{
  g_autoptr(GArray) heap = NULL;
  CxBounds b;
  double width, height, cell_size, h;
  Cell best, bbox_cell;
  guint n_cells = 0;

  g_return_val_if_fail (n_rings > 0 && ring_sizes[0] > 0, FALSE);

  cx_bounds_init_empty (&b);
  for (guint i = 0; i < ring_sizes[0]; i++)
    cx_bounds_extend (&b, rings[0][i].x, rings[0][i].y);
  width = b.max_x - b.min_x;
  height = b.max_y - b.min_y;
  cell_size = MIN (width, height);
  if (!(cell_size > 0))
    {
      *pole = (CxCoord) { b.min_x, b.min_y };
      *distance = 0;
      return FALSE;
    }
  cell_size = MAX (cell_size, sqrt (width * height / POLE_MAX_FIRST_CELLS));
  precision = MAX (precision, MAX (width, height) * 1e-9);
  h = cell_size / 2;

  heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  for (double x = b.min_x; x < b.max_x; x += cell_size)
    for (double y = b.min_y; y < b.max_y; y += cell_size)
      heap_push (heap, cell_new (x + h, y + h, h, rings, ring_sizes, n_rings));

  best = centroid_cell (rings, ring_sizes, n_rings);
  bbox_cell = cell_new (b.min_x + width / 2, b.min_y + height / 2, 0, rings, ring_sizes, n_rings);
  if (bbox_cell.d > best.d)
    best = bbox_cell;

  while (heap->len > 0 && n_cells++ < POLE_MAX_CELLS)
    {
      Cell cell = heap_pop (heap);

      if (cell.d > best.d)
        best = cell;
      /* Nothing in it can beat the best by more than the precision. */
      if (cell.max - best.d <= precision)
        continue;

      h = cell.h / 2;
      heap_push (heap, cell_new (cell.x - h, cell.y - h, h, rings, ring_sizes, n_rings));
      heap_push (heap, cell_new (cell.x + h, cell.y - h, h, rings, ring_sizes, n_rings));
      heap_push (heap, cell_new (cell.x - h, cell.y + h, h, rings, ring_sizes, n_rings));
      heap_push (heap, cell_new (cell.x + h, cell.y + h, h, rings, ring_sizes, n_rings));
    }

  *pole = (CxCoord) { best.x, best.y };
  *distance = best.d;
  return best.d > 0;
}

/* Sutherland–Hodgman: a ring cut to an upright box (edges along the box
 * where it was cut). */
static GArray *
clip_ring (const CxCoord  *ring,
           guint           n,
           const CxBounds *clip)
{
  GArray *in = g_array_new (FALSE, FALSE, sizeof (CxCoord));
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CxCoord));

  g_array_append_vals (in, ring, n);
  for (guint edge = 0; edge < 4 && in->len > 0; edge++)
    {
      g_array_set_size (out, 0);
      for (guint i = 0; i < in->len; i++)
        {
          CxCoord a = g_array_index (in, CxCoord, (i + in->len - 1) % in->len);
          CxCoord b = g_array_index (in, CxCoord, i);
          double va, vb;

          switch (edge)
            {
            case 0: va = a.x - clip->min_x; vb = b.x - clip->min_x; break;
            case 1: va = clip->max_x - a.x; vb = clip->max_x - b.x; break;
            case 2: va = a.y - clip->min_y; vb = b.y - clip->min_y; break;
            default: va = clip->max_y - a.y; vb = clip->max_y - b.y; break;
            }
          if ((va >= 0) != (vb >= 0))
            {
              double t = va / (va - vb);
              CxCoord c = { a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t };

              g_array_append_val (out, c);
            }
          if (vb >= 0)
            g_array_append_val (out, b);
        }
      GArray *tmp = in;
      in = out;
      out = tmp;
    }
  g_array_unref (out);
  return in;
}

typedef struct
{
  CxCoord  pole;
  double   distance;
  guint    polygon;
} Pole;

static int
compare_poles (gconstpointer a,
               gconstpointer b)
{
  const Pole *pa = a, *pb = b;

  return pa->distance < pb->distance ? 1 : pa->distance > pb->distance ? -1 : 0;
}

/* The rings of one polygon of @geometry, cut to @clip when given. */
static guint
polygon_rings (const CxGeometry *geometry,
               guint             polygon,
               const CxBounds   *clip,
               GPtrArray        *owned,
               const CxCoord   **rings,
               guint            *sizes,
               guint             max_rings)
{
  guint first, n_parts, n_rings = 0;

  cx_geometry_get_polygon_parts (geometry, polygon, &first, &n_parts);
  for (guint r = first; r < first + n_parts && n_rings < max_rings; r++)
    {
      guint n;
      const CxCoord *ring = cx_geometry_get_part (geometry, r, &n);

      if (clip != NULL)
        {
          GArray *cut = clip_ring (ring, n, clip);

          g_ptr_array_add (owned, cut);
          ring = (const CxCoord *) cut->data;
          n = cut->len;
        }
      /* Without its outline the polygon is out of the box. */
      if (n < 3)
        {
          if (r == first)
            return 0;
          continue;
        }
      rings[n_rings] = ring;
      sizes[n_rings] = n;
      n_rings++;
    }

  return n_rings;
}

#define MAX_RINGS 256
#define ALTERNATE_GRID 8

/**
 * cx_polygon_label_points:
 * @geometry: a Polygon or MultiPolygon
 * @clip: (nullable): only the part inside these bounds
 * @precision: see cx_polygon_pole()
 * @points: (out caller-allocates) (array length=max_points): the points
 *
 * Points well inside the shape to label it at, best first: the pole of
 * inaccessibility of its widest polygon, then those of its other
 * polygons, then other points far from the outline, apart from each
 * other (in a shape long enough to hold several).
 *
 * Returns: how many points were written
 */
guint
cx_polygon_label_points (const CxGeometry *geometry,
                         const CxBounds   *clip,
                         double            precision,
                         CxCoord          *points,
                         guint             max_points)
{
  g_autoptr(GArray) poles = g_array_new (FALSE, FALSE, sizeof (Pole));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const CxCoord *rings[MAX_RINGS];
  guint sizes[MAX_RINGS];
  guint n_points = 0, n_rings;
  const Pole *best;
  CxBounds b;

  if (max_points == 0 || !cx_geometry_type_is_areal (cx_geometry_get_geometry_type (geometry)))
    return 0;

  for (guint p = 0; p < cx_geometry_get_n_polygons (geometry); p++)
    {
      Pole pole = { { 0, 0 }, 0, p };

      n_rings = polygon_rings (geometry, p, clip, owned, rings, sizes, MAX_RINGS);
      if (n_rings > 0 && cx_polygon_pole (rings, sizes, n_rings, precision, &pole.pole, &pole.distance))
        g_array_append_val (poles, pole);
    }
  if (poles->len == 0)
    return 0;
  g_array_sort (poles, compare_poles);

  for (guint i = 0; i < poles->len && n_points < max_points; i++)
    points[n_points++] = g_array_index (poles, Pole, i).pole;

  /* Other points of the widest polygon, at least as far from those taken
   * as the best is from the outline, and half as far from the outline. */
  best = &g_array_index (poles, Pole, 0);
  n_rings = polygon_rings (geometry, best->polygon, clip, owned, rings, sizes, MAX_RINGS);
  cx_bounds_init_empty (&b);
  for (guint i = 0; i < sizes[0]; i++)
    cx_bounds_extend (&b, rings[0][i].x, rings[0][i].y);
  {
    Pole grid[ALTERNATE_GRID * ALTERNATE_GRID];
    guint n_grid = 0;

    for (guint j = 0; j < ALTERNATE_GRID; j++)
      for (guint i = 0; i < ALTERNATE_GRID; i++)
        {
          double x = b.min_x + (b.max_x - b.min_x) * (i + 0.5) / ALTERNATE_GRID;
          double y = b.min_y + (b.max_y - b.min_y) * (j + 0.5) / ALTERNATE_GRID;
          double d = polygon_distance (x, y, rings, sizes, n_rings);

          if (d >= best->distance / 2)
            grid[n_grid++] = (Pole) { { x, y }, d, 0 };
        }
    qsort (grid, n_grid, sizeof (Pole), compare_poles);
    for (guint k = 0; k < n_grid && n_points < max_points; k++)
      {
        gboolean apart = TRUE;

        for (guint i = 0; i < n_points && apart; i++)
          apart = hypot (grid[k].pole.x - points[i].x, grid[k].pole.y - points[i].y) >= best->distance;
        if (apart)
          points[n_points++] = grid[k].pole;
      }
  }

  return n_points;
}
