/* test-label-placer.c: map labels placed against each other and everything they could hit
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The placer on synthetic input, in a view whose unit coordinates are its
 * pixels (a pan moves the transform's origin): no two labels overlap,
 * none leaves the view or lies on a covered rectangle or a marker, the
 * selected one always shows, labels stay put under a pan, lines are
 * crossed only when nothing else is free, areas' labels sit inside them
 * (polylabel against answers worked out by hand and by brute force), and
 * lines are labelled along their visible part.
 */

#include "config.h"

#include <math.h>

#include "cx-label-placer.h"

#define VIEW_W 800
#define VIEW_H 600

static CxLabelView
view_at (double pan_x,
         double pan_y)
{
  return (CxLabelView) { VIEW_W, VIEW_H, 1, 0, pan_x, 0, 1, pan_y };
}

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

/* Where the map is panned to: view x = unit x + pan_x. */
static double pan_x;

/* A point label of @w × 16 px at (@x, @y) of the map, with its marker.
 * Keys are 1-based indices, never NULL. */
static guint
add_point (CxLabelPlacer *placer,
           guint          key,
           double         x,
           double         y,
           double         w,
           guint          layer,
           gboolean       selected)
{
  CxLabelSpec spec = { GUINT_TO_POINTER (key), CX_LABEL_KIND_POINT, selected, FALSE, layer, key, w, 16, 9 };
  guint label;

  cx_label_placer_add_marker (placer, GUINT_TO_POINTER (key), x + pan_x, y, 7);
  label = cx_label_placer_add_label (placer, &spec);
  cx_label_placer_add_anchor (placer, label, x, y);
  return label;
}

typedef struct
{
  double x, y;
  guint  layer;
} Point;

/* A crowded view: @n points scattered by a fixed seed between @min_y
 * and @max_y, some of them off the edges, and covered rectangles (a
 * panel, a card). */
static void
crowd (CxLabelPlacer     *placer,
       Point             *points,
       guint              n,
       double             min_y,
       double             max_y,
       const CxLabelRect *covered,
       guint              n_covered)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n_covered; i++)
    cx_label_placer_add_covered (placer, &covered[i]);
  for (guint i = 0; i < n; i++)
    {
      points[i].x = g_rand_double_range (rand, -40, VIEW_W + 40);
      points[i].y = g_rand_double_range (rand, min_y, max_y);
      points[i].layer = g_rand_int_range (rand, 0, 4);
      add_point (placer, i + 1, points[i].x, points[i].y, g_rand_double_range (rand, 30, 160),
                 points[i].layer, FALSE);
    }
}

static const CxLabelRect crowd_covered[] = {
  { 500, 0, 300, 420 },    /* a floating panel on the right */
  { 16, 16, 200, 110 },    /* the presentation card */
};

static void
test_no_overlaps (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  Point points[600];
  guint n_placed = 0;

  cx_label_placer_begin (placer, &view, 1);
  crowd (placer, points, G_N_ELEMENTS (points), -40, VIEW_H + 40, crowd_covered, G_N_ELEMENTS (crowd_covered));
  cx_label_placer_run (placer);

  for (guint i = 0; i < cx_label_placer_get_n_labels (placer); i++)
    {
      CxLabelRect a;

      if (!cx_label_placer_get_box (placer, i, &a))
        continue;
      n_placed++;

      /* Inside the view, off the covered area. */
      g_assert_cmpfloat (a.x, >=, 0);
      g_assert_cmpfloat (a.y, >=, 0);
      g_assert_cmpfloat (a.x + a.width, <=, VIEW_W);
      g_assert_cmpfloat (a.y + a.height, <=, VIEW_H);
      for (guint c = 0; c < G_N_ELEMENTS (crowd_covered); c++)
        g_assert_false (rects_overlap (&a, &crowd_covered[c]));

      /* On no other label, and no marker but its own and those of a
       * lower layer's points (see test_lower_markers()). */
      for (guint j = i + 1; j < cx_label_placer_get_n_labels (placer); j++)
        {
          CxLabelRect b;

          if (cx_label_placer_get_box (placer, j, &b) && rects_overlap (&a, &b))
            g_error ("labels %u and %u overlap: (%g, %g %g×%g) and (%g, %g %g×%g)",
                     i, j, a.x, a.y, a.width, a.height, b.x, b.y, b.width, b.height);
        }
      for (guint j = 0; j < G_N_ELEMENTS (points); j++)
        if (j != i && points[j].layer >= points[i].layer)
          g_assert_false (disc_overlaps (&a, points[j].x, points[j].y, 7));
    }

  /* A crowd: many are placed, many dropped. */
  g_test_message ("%u of %u labels placed", n_placed, (guint) G_N_ELEMENTS (points));
  g_assert_cmpuint (n_placed, >, 40);
  g_assert_cmpuint (n_placed, <, G_N_ELEMENTS (points));
}

/* Eight slots around a marker: a label blocked on the right, left and
 * above goes to one of the others rather than being dropped. */
static void
test_eight_positions (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelRect box;
  guint label;

  cx_label_placer_begin (placer, &view, 1);
  /* Markers right and left of the point, and a panel above it. */
  cx_label_placer_add_marker (placer, GUINT_TO_POINTER (100), 360, 300, 7);
  cx_label_placer_add_marker (placer, GUINT_TO_POINTER (101), 240, 300, 7);
  cx_label_placer_add_covered (placer, &(CxLabelRect) { 0, 0, VIEW_W, 292 });
  label = add_point (placer, 1, 300, 300, 50, 0, FALSE);
  cx_label_placer_run (placer);

  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  /* Lower right: the first slot left. */
  g_assert_cmpfloat (box.x, >, 300);
  g_assert_cmpfloat (box.y, >, 300);
}

static void
test_selected_always_placed (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelRect box;
  guint selected;

  cx_label_placer_begin (placer, &view, 1);
  /* Twenty labels of higher layers just left of it… */
  for (guint i = 0; i < 20; i++)
    add_point (placer, i + 1, 380 + (i % 5) * 3, 300 + (i / 5) * 3, 120, 5, FALSE);
  /* …and the selected one, of the lowest layer, added last. */
  selected = add_point (placer, 99, 405, 305, 120, 0, TRUE);
  cx_label_placer_run (placer);

  g_assert_true (cx_label_placer_get_box (placer, selected, &box));
  /* It went first: in its best place, on the right of its marker, with
   * the others around it. */
  g_assert_cmpfloat (box.x, >, 405);
  g_assert_cmpfloat (fabs (box.y + box.height / 2 - 305), <, 1);
  for (guint i = 0; i < 20; i++)
    {
      CxLabelRect other;

      if (cx_label_placer_get_box (placer, i, &other))
        g_assert_false (rects_overlap (&box, &other));
    }

  /* Even with every slot blocked (markers all around, the view's edge
   * close), it shows, at the least bad of them. */
  cx_label_placer_begin (placer, &view, 2);
  for (guint i = 0; i < 16; i++)
    cx_label_placer_add_marker (placer, GUINT_TO_POINTER (200 + i), 40 + 30 * cos (i * G_PI / 8), 40 + 30 * sin (i * G_PI / 8), 8);
  selected = add_point (placer, 99, 40, 40, 200, 0, TRUE);
  add_point (placer, 98, 40, 40, 200, 9, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, selected, &box));
  g_assert_false (cx_label_placer_get_box (placer, selected + 1, &box));
}

/* Under a pan of one pixel, every label keeps its place on the map: it
 * moves by the pan exactly. Among them, a line's label that the middle of
 * the line's visible run would move (by half the pan, as the line leaves
 * the view). Only labels at the view's edge move or come and go, and the
 * few they push. */
static void
test_stable_under_pan (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  g_autoptr(CxGeometry) line = cx_geometry_new (CX_GEOMETRY_LINE_STRING);
  Point points[250];
  CxLabelRect before[G_N_ELEMENTS (points) + 1];
  gboolean placed[G_N_ELEMENTS (points) + 1];
  guint n_lines = G_N_ELEMENTS (points), n_kept = 0, n_changed = 0, n_pushed = 0, n_moved = 0;

  /* A line from far left to the middle of the view, above the crowd. */
  cx_geometry_add_coord (line, -900, 200);
  cx_geometry_add_coord (line, 420, 200);
  cx_geometry_close_part (line);

  for (guint frame = 0; frame < 12; frame++)
    {
      CxLabelView view = view_at (frame, 0);
      CxLabelSpec spec = { GUINT_TO_POINTER (1000), CX_LABEL_KIND_LINE, FALSE, FALSE, 9, 0, 150, 18, 0 };
      guint label;

      pan_x = frame;
      cx_label_placer_begin (placer, &view, 7);
      cx_label_placer_add_line (placer, GUINT_TO_POINTER (1000),
                                (CxCoord[]) { { -900 + pan_x, 200 }, { 420 + pan_x, 200 } }, 2, FALSE, 8, 1);
      crowd (placer, points, G_N_ELEMENTS (points), 240, VIEW_H + 40, crowd_covered + 1, 1);
      label = cx_label_placer_add_label (placer, &spec);
      g_assert_cmpuint (label, ==, n_lines);
      cx_label_placer_add_line_anchors (placer, label, line);
      cx_label_placer_run (placer);

      for (guint i = 0; i <= n_lines; i++)
        {
          CxLabelRect box;
          gboolean now = cx_label_placer_get_box (placer, i, &box);

          if (frame > 0 && placed[i] && now)
            {
              gboolean moved = fabs (box.x - (before[i].x + 1)) > 1e-9 || fabs (box.y - before[i].y) > 1e-9;

              /* Where it was, the pan would take it over the edge. */
              if (moved && i < n_lines && before[i].x + 1 + before[i].width > VIEW_W)
                n_pushed++;
              else if (moved && i < n_lines)
                n_moved++;
              else if (moved)
                g_error ("frame %u: the line's label moved from (%g, %g) to (%g, %g), not by the pan",
                         frame, before[i].x, before[i].y, box.x, box.y);
              else
                n_kept++;
            }
          if (frame > 0 && placed[i] != now)
            n_changed++;
          placed[i] = now;
          before[i] = box;
        }
      g_assert_true (placed[n_lines]);
    }
  pan_x = 0;

  g_test_message ("over 11 pans, %u labels kept their place, %u were pushed by the view's edge, "
                  "%u moved for those, %u came or went", n_kept, n_pushed, n_moved, n_changed);
  g_assert_cmpuint (n_kept, >, 11 * 40);
  g_assert_cmpuint (n_moved, <=, n_pushed);
  g_assert_cmpuint (n_changed, <, n_kept / 20);
}

/* A label keeps a worse place while it is still free, until the state
 * changes: then it is placed afresh. */
static void
test_recomputed_on_state_change (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelRect box;
  guint label;

  /* A marker on the right: the label goes left. */
  cx_label_placer_begin (placer, &view, 1);
  cx_label_placer_add_marker (placer, GUINT_TO_POINTER (50), 340, 300, 7);
  label = add_point (placer, 1, 300, 300, 60, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x + box.width, <, 300);

  /* The marker gone, the same state: it stays left. */
  cx_label_placer_begin (placer, &view, 1);
  label = add_point (placer, 1, 300, 300, 60, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x + box.width, <, 300);

  /* Another state (a zoom, a selection): back to the right. */
  cx_label_placer_begin (placer, &view, 2);
  label = add_point (placer, 1, 300, 300, 60, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x, >, 300);
}

static double
line_crossing (const CxLabelRect *box,
               double             y,
               double             half)
{
  return box->y - half < y && box->y + box->height + half > y;
}

/* A thick line under a label counts: the free position is taken, the
 * crossing one only when none is free, and then the one crossing the
 * least (a faint line counting less, a line's own line less still, an
 * area's own outline in full). */
static void
test_lines_cost (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelRect box;
  guint label;

  /* A horizontal line through the marker's middle row: right and left
   * both cross it; the diagonals do not. */
  cx_label_placer_begin (placer, &view, 1);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 0, 300 }, { 800, 300 } }, 2, FALSE, 6, 1);
  label = add_point (placer, 1, 300, 300, 80, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_false (line_crossing (&box, 300, 3));

  /* Lines everywhere around: it is still placed (unless it is a name of
   * context while another is selected, see test_thick_line_rejected()). */
  cx_label_placer_begin (placer, &view, 2);
  for (guint k = 0; k < 40; k++)
    cx_label_placer_add_line (placer, GUINT_TO_POINTER (77),
                              (CxCoord[]) { { 0, 200 + 5 * k }, { 800, 200 + 5 * k } }, 2, FALSE, 2, 1);
  label = add_point (placer, 1, 300, 300, 80, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));

  /* Every slot crosses a line: above and below, another's, drawn in
   * full; right and left, a faint one: it crosses the faint one. */
  cx_label_placer_begin (placer, &view, 3);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 0, 282 }, { 800, 282 } }, 2, FALSE, 2, 1);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 0, 318 }, { 800, 318 } }, 2, FALSE, 2, 1);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (78), (CxCoord[]) { { 0, 300 }, { 800, 300 } }, 2, FALSE, 6, 0.4);
  label = add_point (placer, 1, 300, 300, 80, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x, >, 300);
  g_assert_true (line_crossing (&box, 300, 3));

  /* A line's name: its own line, drawn in full, down through above and
   * below, another's right and left: it goes above, on its own. */
  cx_label_placer_begin (placer, &view, 4);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 250, 0 }, { 250, 600 } }, 2, FALSE, 2, 1);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 350, 0 }, { 350, 600 } }, 2, FALSE, 2, 1);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (1), (CxCoord[]) { { 300, 0 }, { 300, 600 } }, 2, FALSE, 6, 1);
  label = cx_label_placer_add_label (placer, &(CxLabelSpec) { GUINT_TO_POINTER (1), CX_LABEL_KIND_LINE, FALSE, FALSE,
                                                              0, 0, 80, 16, 4 });
  cx_label_placer_add_anchor (placer, label, 300, 300);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (fabs (box.x + box.width / 2 - 300), <, 1e-9);
  g_assert_cmpfloat (fabs (box.y + box.height - 296), <, 1e-9);

  /* An area's name: across its own outline costs in full; it takes the
   * place inside, even over a small dot. */
  cx_label_placer_begin (placer, &view, 5);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (2), (CxCoord[]) { { 330, 0 }, { 330, 600 } }, 2, FALSE, 4, 1);
  cx_label_placer_add_small_marker (placer, GUINT_TO_POINTER (90), 200, 400, 3);
  label = cx_label_placer_add_label (placer, &(CxLabelSpec) { GUINT_TO_POINTER (2), CX_LABEL_KIND_AREA, FALSE, FALSE,
                                                              0, 0, 80, 16, 0 });
  cx_label_placer_add_anchor (placer, label, 300, 300);
  cx_label_placer_add_anchor (placer, label, 200, 400);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (fabs (box.x + box.width / 2 - 200), <, 1e-9);
}

/* Crossing a thick line is a rejection whenever another place is free:
 * a point beside a line goes to its free side, even from where it was
 * the frame before and crosses only a little (the hysteresis that keeps
 * a label in place does not keep it across a line); with no free side,
 * it is placed all the same, across the line, and says so. */
static void
test_thick_line_rejected (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelRect box;
  guint label;

  pan_x = 0;

  /* A line down the right of the marker: every slot on its right and
   * above and below crosses it; those on the left are free. */
  cx_label_placer_begin (placer, &view, 1);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 330, 0 }, { 330, 600 } }, 2, FALSE, 6, 1);
  label = add_point (placer, 1, 300, 300, 80, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x + box.width, <, 300);
  g_assert_false (cx_label_placer_get_crossing (placer, label));

  /* Nothing in the way: it goes right, and remembers it. */
  cx_label_placer_begin (placer, &view, 2);
  label = add_point (placer, 1, 300, 300, 80, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x, >, 300);
  g_assert_false (cx_label_placer_get_crossing (placer, label));

  /* The same state, and a faint line through its right end: where it was
   * it would cross 18 px × 0.25, less than the hysteresis. The left is
   * free: it goes there. */
  cx_label_placer_begin (placer, &view, 2);
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 380, 0 }, { 380, 600 } }, 2, FALSE, 2, 0.25);
  label = add_point (placer, 1, 300, 300, 80, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x + box.width, <, 300);
  g_assert_false (cx_label_placer_get_crossing (placer, label));

  /* Lines down both sides, markers of its own tier above and below: no
   * place is free. A name of context (while another is selected) is left
   * out rather than written across a line… */
  for (guint selected = 0; selected < 2; selected++)
    {
      cx_label_placer_begin (placer, &view, 3 + selected);
      cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 330, 0 }, { 330, 600 } }, 2, FALSE, 6, 1);
      cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 270, 0 }, { 270, 600 } }, 2, FALSE, 6, 1);
      add_point (placer, 2, 300, 270, 10, 0, FALSE);
      add_point (placer, 3, 300, 330, 10, 0, FALSE);
      if (selected)
        label = add_point (placer, 1, 300, 300, 80, 0, TRUE);
      else
        {
          /* Another is selected: this name is context. */
          cx_label_placer_add_marker (placer, GUINT_TO_POINTER (1), 300, 300, 7);
          label = cx_label_placer_add_label (placer, &(CxLabelSpec) { GUINT_TO_POINTER (1), CX_LABEL_KIND_POINT, FALSE, FALSE,
                                                                      0, 1, 80, 16, 9, TRUE });
          cx_label_placer_add_anchor (placer, label, 300, 300);
        }
      cx_label_placer_run (placer);
      if (!selected)
        {
          g_assert_false (cx_label_placer_get_box (placer, label, &box));
          continue;
        }
      /* …and what the view is about is placed across it all the same. */
      g_assert_true (cx_label_placer_get_box (placer, label, &box));
      g_assert_true (box.x < 270 || box.x + box.width > 330);
      g_assert_true (cx_label_placer_get_crossing (placer, label));
    }
}

/* Slid places: with the district's outline down both sides, every one of
 * the eight classic places crosses it (those beside the marker reach the
 * right-hand line, those above and below, centred, the left-hand one);
 * above the marker slid right, its marker under the name's first
 * quarter, is free. The label goes there, crossing nothing, and keeps it
 * under a pan. */
static void
test_slid_positions (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view;
  CxLabelRect box;
  guint label;

  for (guint frame = 0; frame < 2; frame++)
    {
      pan_x = frame;
      view = view_at (pan_x, 0);
      cx_label_placer_begin (placer, &view, 1);
      cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 270 + pan_x, 0 }, { 270 + pan_x, 600 } }, 2, FALSE, 6, 1);
      cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 380 + pan_x, 0 }, { 380 + pan_x, 600 } }, 2, FALSE, 6, 1);
      label = add_point (placer, 1, 300, 300, 80, 0, FALSE);
      cx_label_placer_run (placer);

      g_assert_true (cx_label_placer_get_box (placer, label, &box));
      g_assert_false (cx_label_placer_get_crossing (placer, label));
      /* Between the lines, above the marker, the marker at a quarter. */
      g_assert_cmpfloat (box.x, >=, 273 + pan_x);
      g_assert_cmpfloat (box.x + box.width, <=, 377 + pan_x);
      g_assert_cmpfloat (box.y + box.height, <=, 300 - 7);
      g_assert_cmpfloat (fabs (300 + pan_x - (box.x + box.width / 4)), <, 1);
    }
  pan_x = 0;
}

/* A small marker (a minor point's dot) is avoided where a place is free,
 * and covered rather than the label dropped. */
static void
test_small_markers (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelRect box;
  guint label;

  /* A small dot on the right: the label goes left. */
  cx_label_placer_begin (placer, &view, 1);
  cx_label_placer_add_small_marker (placer, GUINT_TO_POINTER (50), 340, 300, 3);
  label = add_point (placer, 1, 300, 300, 60, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_cmpfloat (box.x + box.width, <, 300);

  /* Small dots all around, close: it covers one of them. */
  cx_label_placer_begin (placer, &view, 2);
  for (guint i = 0; i < 24; i++)
    cx_label_placer_add_small_marker (placer, GUINT_TO_POINTER (100 + i),
                                      300 + 24 * cos (i * G_PI / 12), 300 + 24 * sin (i * G_PI / 12), 3);
  label = add_point (placer, 1, 300, 300, 60, 0, FALSE);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));
}

/* A grid of @layer's point markers every 16 px over the whole view, each
 * with a label too wide to go anywhere: no box is free of markers. Keys
 * from 1000. */
static void
marker_grid (CxLabelPlacer *placer,
             guint          layer,
             gboolean       labelled)
{
  guint key = 1000;

  for (double y = 8; y < VIEW_H; y += 16)
    for (double x = 8; x < VIEW_W; x += 16, key++)
      {
        CxLabelSpec spec = { GUINT_TO_POINTER (key), CX_LABEL_KIND_POINT, FALSE, FALSE, layer, key, 90, 16, 5 };
        guint label;

        cx_label_placer_add_marker (placer, GUINT_TO_POINTER (key), x, y, 4);
        if (!labelled)
          continue;
        label = cx_label_placer_add_label (placer, &spec);
        cx_label_placer_add_anchor (placer, label, x, y);
      }
}

static guint
markers_under (const CxLabelRect *box)
{
  guint n = 0;

  for (double y = 8; y < VIEW_H; y += 16)
    for (double x = 8; x < VIEW_W; x += 16)
      n += disc_overlaps (box, x, y, 4);
  return n;
}

/* Markers of lower-priority items do not turn a label away: in a view
 * full of a low layer's point markers, a higher layer's point name and an
 * area's name (of the low layer) are placed over them, while the low
 * layer's own names are not (their markers are of equal priority). The
 * markers of a higher-priority item stay hard obstacles; those of items
 * without a label (a name not shown at this zoom) rank below all. */
static void
test_lower_markers (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelSpec area = { GUINT_TO_POINTER (2), CX_LABEL_KIND_AREA, FALSE, FALSE, 0, 0, 160, 16, 0 };
  CxLabelRect box;
  guint point, area_label, n_placed = 0;

  pan_x = 0;
  cx_label_placer_begin (placer, &view, 1);
  marker_grid (placer, 0, TRUE);
  point = add_point (placer, 1, 400, 300, 80, 1, FALSE);
  area_label = cx_label_placer_add_label (placer, &area);
  cx_label_placer_add_anchor (placer, area_label, 400, 150);
  cx_label_placer_run (placer);

  g_assert_true (cx_label_placer_get_box (placer, point, &box));
  g_assert_cmpuint (markers_under (&box), >, 0);
  g_assert_true (cx_label_placer_get_box (placer, area_label, &box));
  g_assert_cmpuint (markers_under (&box), >, 0);
  for (guint i = 0; i < cx_label_placer_get_n_labels (placer); i++)
    n_placed += cx_label_placer_get_box (placer, i, &box);
  g_assert_cmpuint (n_placed, ==, 2);

  /* The grid is of a higher layer now: the point's name is turned away. */
  cx_label_placer_begin (placer, &view, 2);
  marker_grid (placer, 2, TRUE);
  point = add_point (placer, 1, 400, 300, 80, 1, FALSE);
  cx_label_placer_run (placer);
  g_assert_false (cx_label_placer_get_box (placer, point, &box));

  /* Markers of items without a label yield to any label. */
  cx_label_placer_begin (placer, &view, 3);
  marker_grid (placer, 0, FALSE);
  point = add_point (placer, 1, 400, 300, 80, 1, FALSE);
  area_label = cx_label_placer_add_label (placer, &area);
  cx_label_placer_add_anchor (placer, area_label, 400, 150);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, point, &box));
  g_assert_true (cx_label_placer_get_box (placer, area_label, &box));
}

/* A marker that a label may cover costs once, however many of the grid's
 * cells under the label it lies in: a marker on the edge between two
 * cells does not cost twice, which would make a label jump when a 1-px pan
 * moves the marker across the edge. A label with two places, both taken
 * (the rest covered): on the right it covers a lower tier's marker (56,
 * once; 112, counted in both cells it is in), on the left it crosses a
 * line (81). */
static void
test_marker_counted_once (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelRect box;
  guint label;

  pan_x = 0;
  cx_label_placer_begin (placer, &view, 1);
  /* Only the rows of the right and the left place are open. */
  cx_label_placer_add_covered (placer, &(CxLabelRect) { 0, 0, VIEW_W, 292 });
  cx_label_placer_add_covered (placer, &(CxLabelRect) { 0, 308, VIEW_W, VIEW_H - 308 });
  /* A marker of an item without a label (the lowest tier), astride the
   * edge of cells 6 and 7 (x = 336), under the right place. */
  cx_label_placer_add_marker (placer, GUINT_TO_POINTER (50), 336, 288, 7);
  /* A line along the left place. */
  cx_label_placer_add_line (placer, GUINT_TO_POINTER (77), (CxCoord[]) { { 200, 300 }, { 290, 300 } }, 2, FALSE, 4, 1);
  label = add_point (placer, 1, 300, 300, 80, 1, FALSE);
  cx_label_placer_run (placer);

  g_assert_true (cx_label_placer_get_box (placer, label, &box));
  g_assert_true (cx_label_placer_get_crossing (placer, label));
  g_assert_cmpfloat (box.x, >, 300);
  g_assert_true (disc_overlaps (&box, 336, 288, 7));
}

/* An area's name beats a point's for the same spot, whatever the order
 * they come in or their layers; the selected label beats both. */
static void
test_priority (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  CxLabelView view = view_at (0, 0);
  CxLabelSpec area = { GUINT_TO_POINTER (2), CX_LABEL_KIND_AREA, FALSE, FALSE, 0, 0, 200, 16, 0 };
  CxLabelSpec line = { GUINT_TO_POINTER (3), CX_LABEL_KIND_LINE, FALSE, FALSE, 9, 0, 200, 20, 0 };
  CxLabelRect box;
  guint point_label, area_label, line_label;

  cx_label_placer_begin (placer, &view, 1);
  /* The point, of a higher layer, first; its right slot is where the
   * area's name would be centred, and nothing else is free for it. */
  cx_label_placer_add_covered (placer, &(CxLabelRect) { 0, 0, 190, VIEW_H });
  point_label = add_point (placer, 1, 300, 300, 200, 9, FALSE);
  line_label = cx_label_placer_add_label (placer, &line);
  cx_label_placer_add_anchor (placer, line_label, 409, 300);
  area_label = cx_label_placer_add_label (placer, &area);
  cx_label_placer_add_anchor (placer, area_label, 410, 300);
  cx_label_placer_run (placer);

  g_assert_true (cx_label_placer_get_box (placer, area_label, &box));
  g_assert_cmpfloat (fabs (box.x + box.width / 2 - 410), <, 1e-9);
  g_assert_false (cx_label_placer_get_box (placer, line_label, &box));
  /* The point's name found another place (below the area's). */
  g_assert_true (cx_label_placer_get_box (placer, point_label, &box));
  g_assert_cmpfloat (box.y, >=, 308);

  /* Selected, the point's name takes its best place. */
  cx_label_placer_begin (placer, &view, 2);
  cx_label_placer_add_covered (placer, &(CxLabelRect) { 0, 0, 190, VIEW_H });
  point_label = add_point (placer, 1, 300, 300, 200, 9, TRUE);
  area_label = cx_label_placer_add_label (placer, &area);
  cx_label_placer_add_anchor (placer, area_label, 410, 300);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, point_label, &box));
  g_assert_cmpfloat (fabs (box.y + box.height / 2 - 300), <, 1e-9);
  g_assert_false (cx_label_placer_get_box (placer, area_label, &box));
}

/* ------------------------------------------------------------------ */
/* Poles of inaccessibility                                            */
/* ------------------------------------------------------------------ */

static CxGeometry *
polygon (const double *xy,
         guint         n)
{
  CxGeometry *g = cx_geometry_new (CX_GEOMETRY_POLYGON);

  for (guint i = 0; i < n; i++)
    cx_geometry_add_coord (g, xy[2 * i], xy[2 * i + 1]);
  cx_geometry_add_coord (g, xy[0], xy[1]);
  cx_geometry_close_part (g);
  cx_geometry_close_polygon (g);
  return g;
}

/* The inside point farthest from the outline, on a fine grid. */
static double
brute_force_pole (const CxGeometry *g,
                  double            step,
                  CxCoord          *at)
{
  CxBounds b = cx_geometry_get_bounds (g);
  guint n;
  const CxCoord *ring = cx_geometry_get_part (g, 0, &n);
  double best = -1;

  for (double y = b.min_y; y <= b.max_y; y += step)
    for (double x = b.min_x; x <= b.max_x; x += step)
      {
        double d;

        if (!cx_geometry_contains (g, x, y))
          continue;
        d = cx_polyline_distance (ring, n, x, y);
        if (d > best)
          {
            best = d;
            *at = (CxCoord) { x, y };
          }
      }
  return best;
}

static double
pole_of (const CxGeometry *g,
         double            precision,
         CxCoord          *pole)
{
  guint n;
  const CxCoord *ring = cx_geometry_get_part (g, 0, &n);
  const CxCoord *rings[] = { ring };
  guint sizes[] = { n };
  double d = 0;

  g_assert_true (cx_polygon_pole (rings, sizes, 1, precision, pole, &d));
  return d;
}

/* A C open to the right: a back 4 wide (x 0…4), arms 2 high. By hand:
 * the farthest points from the outline are the middle of the back,
 * x = 2 for 2 ≤ y ≤ 8, at distance 2; the centroid (3.875, 5) lies
 * 0.125 from the inner edge. */
static void
test_pole_c_shape (void)
{
  static const double c[] = { 0, 0, 10, 0, 10, 2, 4, 2, 4, 8, 10, 8, 10, 10, 0, 10 };
  g_autoptr(CxGeometry) g = polygon (c, G_N_ELEMENTS (c) / 2);
  CxCoord pole, brute;
  double d = pole_of (g, 0.01, &pole);
  double brute_d = brute_force_pole (g, 0.05, &brute);

  g_test_message ("C: pole (%g, %g) at %g; brute force %g", pole.x, pole.y, d, brute_d);
  g_assert_cmpfloat (fabs (d - 2), <=, 0.01);
  g_assert_cmpfloat (fabs (pole.x - 2), <=, 0.02);
  g_assert_cmpfloat (pole.y, >=, 2 - 0.02);
  g_assert_cmpfloat (pole.y, <=, 8 + 0.02);
  g_assert_cmpfloat (d, >=, brute_d - 0.01);
}

/* Thin shapes: a strip 1.41 wide along a diagonal (its pole lies on the
 * middle line, 0.707 from both sides), and a thin arc whose bounding
 * box's centre and centroid are both outside it. */
static void
test_pole_thin (void)
{
  static const double strip[] = { 0, 0, 100, 100, 101, 99, 1, -1 };
  g_autoptr(CxGeometry) s = polygon (strip, 4);
  g_autoptr(GArray) arc_xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CxGeometry) arc = NULL;
  CxCoord pole, brute;
  double d, brute_d;

  d = pole_of (s, 0.001, &pole);
  g_test_message ("strip: pole (%g, %g) at %g", pole.x, pole.y, d);
  g_assert_cmpfloat (fabs (d - G_SQRT2 / 2), <=, 0.002);
  g_assert_true (cx_geometry_contains (s, pole.x, pole.y));

  /* Half a ring between radii 10 and 11. */
  for (guint i = 0; i <= 60; i++)
    {
      double a = G_PI * i / 60, xy[2] = { 11 * cos (a), 11 * sin (a) };
      g_array_append_vals (arc_xy, xy, 2);
    }
  for (guint i = 61; i-- > 0;)
    {
      double a = G_PI * i / 60, xy[2] = { 10 * cos (a), 10 * sin (a) };
      g_array_append_vals (arc_xy, xy, 2);
    }
  arc = polygon ((double *) arc_xy->data, arc_xy->len / 2);
  g_assert_false (cx_geometry_contains (arc, 0, 5.5));

  d = pole_of (arc, 0.001, &pole);
  brute_d = brute_force_pole (arc, 0.05, &brute);
  g_test_message ("arc: pole (%g, %g) at %g; brute force %g at (%g, %g)", pole.x, pole.y, d, brute_d, brute.x, brute.y);
  g_assert_true (cx_geometry_contains (arc, pole.x, pole.y));
  g_assert_cmpfloat (d, >=, brute_d - 0.002);
  /* Half the arc's width, less the chords' sagitta. */
  g_assert_cmpfloat (d, >, 0.49);
  g_assert_cmpfloat (d, <=, 0.5);
}

/* Labels of areas sit inside them: in the C, where the centroid would
 * have put it on the edge, and in the arc; a second point of a long shape
 * is there for when the first is taken. */
static void
test_area_labels_inside (void)
{
  static const double c[] = { 0, 0, 10, 0, 10, 2, 4, 2, 4, 8, 10, 8, 10, 10, 0, 10 };
  static const double band[] = { 0, 0, 60, 0, 60, 4, 0, 4 };
  g_autoptr(CxGeometry) cg = polygon (c, G_N_ELEMENTS (c) / 2);
  g_autoptr(CxGeometry) bg = polygon (band, G_N_ELEMENTS (band) / 2);
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  /* 20 px to a unit: the C is 200 px across. */
  CxLabelView view = { VIEW_W, VIEW_H, 20, 0, 100, 0, 20, 100 };
  CxCoord points[8];
  guint n = cx_polygon_label_points (cg, NULL, 0.01, points, G_N_ELEMENTS (points));
  CxLabelSpec spec = { GUINT_TO_POINTER (5), CX_LABEL_KIND_AREA, FALSE, FALSE, 0, 0, 60, 16, 0 };
  CxLabelRect box;
  guint label;
  double ux, uy;

  g_assert_cmpuint (n, >=, 1);
  cx_label_placer_begin (placer, &view, 1);
  label = cx_label_placer_add_label (placer, &spec);
  for (guint i = 0; i < n; i++)
    cx_label_placer_add_anchor (placer, label, points[i].x, points[i].y);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, label, &box));

  /* Every corner of the box inside the C. */
  for (guint k = 0; k < 4; k++)
    {
      cx_label_placer_view_to_unit (&view, box.x + (k & 1) * box.width, box.y + (k >> 1) * box.height, &ux, &uy);
      g_assert_true (cx_geometry_contains (cg, ux, uy));
    }

  /* A long band holds more than one point, apart from each other, all
   * inside. */
  n = cx_polygon_label_points (bg, NULL, 0.01, points, G_N_ELEMENTS (points));
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (cx_geometry_contains (bg, points[i].x, points[i].y));
      for (guint j = 0; j < i; j++)
        g_assert_cmpfloat (hypot (points[i].x - points[j].x, points[i].y - points[j].y), >=, 2 - 0.01);
    }

  /* Cut to a box: the point is inside the shape and the box. */
  n = cx_polygon_label_points (bg, &(CxBounds) { 40, -10, 100, 10 }, 0.01, points, G_N_ELEMENTS (points));
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpfloat (points[0].x, >, 40);
  g_assert_true (cx_geometry_contains (bg, points[0].x, points[0].y));
}

/* A line is labelled beside itself (right of a line that runs down, above
 * one that runs across), on the part of it the view shows: by the middle
 * of its visible run, or further along it when that is taken. */
static void
test_lines_along (void)
{
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  g_autoptr(CxGeometry) line = cx_geometry_new (CX_GEOMETRY_LINE_STRING);
  CxLabelView view = view_at (0, 0);
  CxLabelSpec spec = { GUINT_TO_POINTER (8), CX_LABEL_KIND_LINE, FALSE, FALSE, 0, 0, 120, 18, 4 };
  CxLabelRect box, panel = { 440, 60, 120, 120 };
  const CxCoord drawn[] = { { -300, 100 }, { 500, 100 }, { 500, 900 } };

  /* In from the left, down, then out through the bottom edge. */
  for (guint i = 0; i < G_N_ELEMENTS (drawn); i++)
    cx_geometry_add_coord (line, drawn[i].x, drawn[i].y);
  cx_geometry_close_part (line);

  /* The view shows it from x = 61 (half the label in) to the corner, then
   * down to y = 590: 439 + 490 px, whose middle is 25.5 px down, where it
   * runs down: the label goes on its right. */
  cx_label_placer_begin (placer, &view, 1);
  cx_label_placer_add_line (placer, spec.key, drawn, G_N_ELEMENTS (drawn), FALSE, 6, 1);
  cx_label_placer_add_label (placer, &spec);
  cx_label_placer_add_line_anchors (placer, 0, line);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, 0, &box));
  g_test_message ("line label at (%g, %g)", box.x, box.y);
  g_assert_cmpfloat (fabs (box.x - 504), <, 1e-6);
  g_assert_cmpfloat (fabs (box.y + box.height / 2 - 125.5), <, 1e-6);

  /* A panel over that middle: the next point out from the middle that is
   * free, 60 % of the way along (at 40 %, only the label's left is free
   * of the panel, and there it would lie on its line): 118.4 px down
   * from the corner, on the right. */
  cx_label_placer_begin (placer, &view, 2);
  cx_label_placer_add_line (placer, spec.key, drawn, G_N_ELEMENTS (drawn), FALSE, 6, 1);
  cx_label_placer_add_covered (placer, &panel);
  cx_label_placer_add_label (placer, &spec);
  cx_label_placer_add_line_anchors (placer, 0, line);
  cx_label_placer_run (placer);
  g_assert_true (cx_label_placer_get_box (placer, 0, &box));
  g_test_message ("line label at (%g, %g)", box.x, box.y);
  g_assert_false (rects_overlap (&box, &panel));
  g_assert_cmpfloat (fabs (box.x - 504), <, 1e-6);
  g_assert_cmpfloat (fabs (box.y + box.height / 2 - 218.4), <, 1e-6);
  g_assert_cmpfloat (box.x, >=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/label-placer/no-overlaps", test_no_overlaps);
  g_test_add_func ("/label-placer/eight-positions", test_eight_positions);
  g_test_add_func ("/label-placer/selected-always-placed", test_selected_always_placed);
  g_test_add_func ("/label-placer/stable-under-pan", test_stable_under_pan);
  g_test_add_func ("/label-placer/recomputed-on-state-change", test_recomputed_on_state_change);
  g_test_add_func ("/label-placer/lines-cost", test_lines_cost);
  g_test_add_func ("/label-placer/thick-line-rejected", test_thick_line_rejected);
  g_test_add_func ("/label-placer/slid-positions", test_slid_positions);
  g_test_add_func ("/label-placer/small-markers", test_small_markers);
  g_test_add_func ("/label-placer/priority", test_priority);
  g_test_add_func ("/label-placer/marker-counted-once", test_marker_counted_once);
  g_test_add_func ("/label-placer/lower-markers", test_lower_markers);
  g_test_add_func ("/label-placer/pole-c-shape", test_pole_c_shape);
  g_test_add_func ("/label-placer/pole-thin", test_pole_thin);
  g_test_add_func ("/label-placer/area-labels-inside", test_area_labels_inside);
  g_test_add_func ("/label-placer/lines-along", test_lines_along);

  return g_test_run ();
}
