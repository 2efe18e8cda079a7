/* cx-map-view.c: the map, its schematic basemap and the overlay
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "cx-map-view.h"
#include "cx-map-view-private.h"
#include "cx-annotation-layer.h"
#include "cx-announce.h"
#include "cx-measure-bar.h"
#include "cx-measure-layer.h"
#include "cx-pen-layer.h"
#include "cx-presentation-card.h"
#include "cx-note-dialog.h"
#include "cx-network-source.h"
#include "cx-schematic-source.h"
#include "cx-tile-url.h"

struct _CxMapView
{
  GtkWidget parent_instance;

  /* Template widgets */
  ShumateMap        *map;
  ShumateLicense    *license;
  ShumateScale      *scale;
  GtkWidget         *controls;
  GtkWidget         *zoom_buttons;
  GtkWidget         *measure_bar;
  GtkWidget         *tools_bar;

  /* Owned */
  CxDataPack        *pack;
  CxSelection       *selection;    /* nullable */
  CxSchematicSource *basemap;
  ShumateMapSource  *base_source;  /* the basemap or the network's, drawn by @base_layer */
  CxOverlayLayer    *overlay;
  /* The measure tool (cx_map_view_set_measuring()): its points, drawn by
   * its own layer over the overlay, and read out by the bar. */
  CxMeasure         *measure;
  CxMeasureLayer    *measure_layer;
  gboolean           measuring;
  GdkCursor         *tool_cursor;  /* while a tool is on: see tool_cursor_texture() */
  /* The presentation pen (cx_map_view_set_pen()): a drag draws a stroke;
   * one that stays becomes an annotation of @annotations. */
  CxPenLayer        *pen_layer;
  gboolean           pen;
  gboolean           pen_fades;
  /* The annotation tools (map.annotate-*) draw with the measure tool's
   * points, clicks and crosshair, and add the mark on finishing; -1 when
   * none is on. The marks are the window's (cx_map_view_set_annotations()). */
  int                annotate_kind;
  CxAnnotations     *annotations;      /* nullable */
  CxAnnotationLayer *annotation_layer;
  char              *selected_annotation; /* its id, or NULL */
  /* The selected mark's vertex the arrows move ([ and ] pick it, Enter or
   * Esc lets go), or -1; and the one the pointer drags, or -1. */
  int                edited_vertex;
  int                dragged_vertex;

  gboolean           fit_pending;
  gboolean           bounds_pending;   /* pending_bounds to show once there is a size */
  CxBounds           pending_bounds;
  gboolean           follow_selection;
  gboolean           basemap_dark;
  gboolean           details_pending;  /* a place was clicked: see on_click_stopped() */
  /* How much of the view floating panels cover, from its start and end
   * edges (cx_map_view_set_covered()) */
  int                covered_start;
  int                covered_end;
  /* What the presenter's tools bar takes of the end edge while shown (its
   * width and margin): things are fitted beside it as beside a panel. */
  int                tools_end;
  /* A card in the view's top start corner (the presentation card), as
   * wide and high as this, 0 for none (cx_map_view_set_card()) */
  int                card_width;
  int                card_height;
  /* What the view was last fitted to (fit_box()), to fit it again when the
   * view's size or its covered part changes before anyone moves it: a
   * window going full screen to present, panels floating in. */
  gboolean           fit_active;
  gboolean           fit_flying;       /* on its way there, animated */
  gboolean           fitting;          /* in fit_box(), moving the viewport */
  gboolean           fit_beside_panels;
  CxBounds           fit_extent;
  double             fit_max_zoom;
  double             fit_latitude;     /* where the fit put the view */
  double             fit_longitude;
  double             fit_zoom;
  graphene_rect_t    fit_uncovered;    /* the part it was fitted into */
  int                last_width;       /* see cx_map_view_size_allocate() */
  int                last_height;

  /* A network basemap, when one is chosen: its tiles over the schematic
   * map, which shows wherever a tile is missing. */
  CxNetworkSource   *network;
  ShumateMapSource  *network_map;
  ShumateMapLayer   *underlay;
  gboolean           clamping;

  /* Borrowed */
  ShumateMapLayer   *base_layer;   /* a child of @map */

  /* The pack's pan and zoom limits, widened to take in imported layers
   * that lie outside them (cx_map_view_include_bounds()). */
  CxBounds           pan_bounds;
  double             min_zoom;
  /* See queue_layers_settle(). */
  guint              settle_tick;
  guint              settle_frames;

  /* What may lie over the map (see cx_map_view_add_cover()) */
  GPtrArray         *covers;         /* GWeakRef of GtkWidget, owned */
  GdkFrameClock     *layout_clock;   /* while realized */
  gulong             layout_id;
  /* Presenting (cx_map_view_set_presenting()) */
  gboolean           presenting;
  double             presentation_scale;  /* the screen's height over 1080 */
  guint              presentation_scale_idle;
  guint              zoom_rest_id;        /* hides the zoom buttons when the pointer rests */
  gboolean           pointer_known;
  double             pointer_x, pointer_y;   /* in the surface's coordinates */
  int                pointer_height;         /* the view's height they were seen at */
};

G_DEFINE_FINAL_TYPE (CxMapView, cx_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PACK,
  PROP_OFFLINE,
  PROP_PRESENTATION_SCALE,
  PROP_MEASURING,
  PROP_ANNOTATING,
  PROP_PEN,
  PROP_PEN_FADES,
  PROP_SELECTED_ANNOTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How many frames after the last change the layers are made to look again:
 * twice, in case the first look falls in the stall described below. */
#define SETTLE_FIRST_FRAME 3
#define SETTLE_LAST_FRAME 12

/* Makes the base map layers look at the view again a few frames after it
 * last changed, or after they were replaced.
 *
 * libshumate's ShumateMapLayer (1.4, unchanged to 1.6.2) defers loading
 * tiles while the view moves fast (should_defer()), judging by the change
 * since the last frame, and resumes from a tick callback on the next frame.
 * If that recompute sees the same frame time as the one that deferred (GDK
 * gives code outside a frame the time of the next frame), it keeps
 * deferring and schedules nothing more: a map that then stands still stays
 * blank until it moves. A new layer always starts out "moving fast". In
 * tests/ui/test-basemap.c a new network layer asked for no tile within
 * 12 s in about half the runs; meanwhile the frame clock ran 60 frames a
 * second once anything asked for ticks, and re-allocating the layer made it
 * load at once. A layer recomputes when it is allocated. */
static gboolean
layers_settle_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  ShumateMapLayer *base;

  self->settle_frames++;
  if (self->settle_frames != SETTLE_FIRST_FRAME && self->settle_frames != SETTLE_LAST_FRAME)
    return G_SOURCE_CONTINUE;

  base = self->base_layer;
  if (base != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (base));
  if (self->underlay != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self->underlay));

  if (self->settle_frames < SETTLE_LAST_FRAME)
    return G_SOURCE_CONTINUE;

  self->settle_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_layers_settle (CxMapView *self)
{
  self->settle_frames = 0;
  if (self->settle_tick == 0)
    self->settle_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), layers_settle_cb, NULL, NULL);
}

/* Keeps the centre inside the pack's max_bounds (and the imported layers'
 * extents): libshumate (1.4 too) has no pan limit, and a map of Changning
 * panned to the Pacific helps nobody, unless the user's own data is there. */
static void
on_viewport_moved (CxMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  CxBounds max = self->pan_bounds;
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double clat = CLAMP (lat, max.min_y, max.max_y);
  double clon = CLAMP (lon, max.min_x, max.max_x);

  queue_layers_settle (self);

  if (self->clamping || (clat == lat && clon == lon))
    return;

  self->clamping = TRUE;
  shumate_location_set_location (SHUMATE_LOCATION (viewport), clat, clon);
  self->clamping = FALSE;
}

/* A floating panel narrower than the view by less than this leaves too
 * little to show anything in: things are then centred in the whole view. */
#define MIN_UNCOVERED_WIDTH 64

/* The part of a view @width wide between @start and @end pixels taken off
 * its start and end edges, from @left to @right, in widget coordinates. */
static void
span_between (CxMapView *self,
              double     width,
              int        start,
              int        end,
              double    *left,
              double    *right)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  *left = rtl ? end : start;
  *right = width - (rtl ? start : end);
  if (*right - *left < MIN_UNCOVERED_WIDTH)
    {
      *left = 0;
      *right = width;
    }
}

/* The part of a view @width wide that no floating panel covers, from
 * @left to @right, in widget coordinates; things are fitted beside the
 * presenter's tools bar too. */
static void
uncovered_span (CxMapView *self,
                double     width,
                double    *left,
                double    *right)
{
  span_between (self, width, self->covered_start, self->covered_end + self->tools_end, left, right);
}

/* Where the view's centre goes for the point @x, @y (Web Mercator, 0 to 1)
 * to show in the middle of the part no floating panel covers, at @zoom: the
 * view's centre is the middle of the widget, and the point goes as far
 * from it as the uncovered part's middle is. */
static void
centre_for (CxMapView *self,
            double     x,
            double     y,
            double     zoom,
            double     width,
            double    *latitude,
            double    *longitude)
{
  double left, right;

  uncovered_span (self, width, &left, &right);
  cx_mercator_unproject (x - ((left + right) / 2 - width / 2) / (256 * exp2 (zoom)), y, longitude, latitude);
}

/* The margin left around what a view is fitted to: 48 px, less in a small
 * view, where it would take too much. */
static double
fit_margin (double width,
            double height)
{
  return MIN (48, 0.06 * MIN (width, height));
}

/* How many pixels a world unit (Web Mercator, 0 to 1) can take for a box
 * @dx × @dy to show whole in @r with its margin. */
static double
fit_scale (const graphene_rect_t *r,
           double                 dx,
           double                 dy)
{
  double pad = fit_margin (r->size.width, r->size.height);

  return MIN (MAX (r->size.width - 2 * pad, 32) / dx, MAX (r->size.height - 2 * pad, 32) / dy);
}

/* The part of a view @width × @height that nothing covers, to show a box
 * @dx × @dy (world units) in: beside the floating panels when
 * @beside_panels; then beside or below the card in the top start corner
 * (presentation), whichever shows the box larger. An L-shaped part has no
 * one middle: the box goes into the larger of its two rectangles. */
static void
uncovered_rect (CxMapView       *self,
                double           width,
                double           height,
                double           dx,
                double           dy,
                gboolean         beside_panels,
                graphene_rect_t *rect)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  double left = 0, right = width, card_left, card_right;
  graphene_rect_t below, beside;

  if (beside_panels)
    uncovered_span (self, width, &left, &right);
  graphene_rect_init (rect, left, 0, right - left, height);

  if (self->card_width <= 0 || self->card_height <= 0)
    return;
  card_left = rtl ? width - self->card_width : 0;
  card_right = rtl ? width : self->card_width;
  if (card_right <= left || card_left >= right)
    return;

  graphene_rect_init (&below, left, self->card_height, right - left, height - self->card_height);
  if (rtl)
    graphene_rect_init (&beside, left, 0, card_left - left, height);
  else
    graphene_rect_init (&beside, card_right, 0, right - card_right, height);

  if (below.size.height < MIN_UNCOVERED_WIDTH && beside.size.width < MIN_UNCOVERED_WIDTH)
    return;
  if (beside.size.width < MIN_UNCOVERED_WIDTH ||
      (below.size.height >= MIN_UNCOVERED_WIDTH && fit_scale (&below, dx, dy) >= fit_scale (&beside, dx, dy)))
    *rect = below;
  else
    *rect = beside;
}

/* Shows @b whole, centred, no closer than @max_zoom, at whatever zoom
 * (libshumate takes fractional ones) fills the space best: @beside_panels,
 * in the part of the view that nothing covers (panels, the presentation
 * card); else in the whole view, under any card. The view stays fitted to
 * @b, through changes of its size and of what covers it, until it is
 * moved (fit_again()). */
static void
fit_box (CxMapView      *self,
         const CxBounds *b,
         double          max_zoom,
         double          width,
         double          height,
         gboolean        beside_panels,
         gboolean        animate)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double x0, y0, x1, y1, zoom, lon, lat;
  double dx, dy, mid_x, mid_y;
  graphene_rect_t r;

  cx_mercator_project (b->min_x, b->max_y, &x0, &y0);
  cx_mercator_project (b->max_x, b->min_y, &x1, &y1);
  dx = MAX (x1 - x0, 1e-12);
  dy = MAX (y1 - y0, 1e-12);
  uncovered_rect (self, width, height, dx, dy, beside_panels, &r);

  zoom = log2 (fit_scale (&r, dx, dy) / 256);
  zoom = MIN (zoom, max_zoom);
  zoom = CLAMP (zoom, self->min_zoom, cx_data_pack_get_max_zoom (self->pack));

  /* The box's middle goes to the rectangle's: the view's centre is the
   * widget's middle, as far from it as the rectangle's middle is. */
  mid_x = r.origin.x + r.size.width / 2;
  mid_y = r.origin.y + r.size.height / 2;
  cx_mercator_unproject ((x0 + x1) / 2 - (mid_x - width / 2) / (256 * exp2 (zoom)),
                         (y0 + y1) / 2 - (mid_y - height / 2) / (256 * exp2 (zoom)), &lon, &lat);

  self->fit_extent = *b;
  self->fit_max_zoom = max_zoom;
  self->fit_beside_panels = beside_panels;
  self->fit_uncovered = r;
  self->fit_latitude = lat;
  self->fit_longitude = lon;
  self->fit_zoom = zoom;

  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      shumate_map_go_to_full (self->map, lat, lon, zoom);
      self->fit_active = TRUE;
      self->fit_flying = TRUE;
    }
  else
    {
      /* Whoever watches the viewport sees a view that is still fitted,
       * half-way through too (the zoom changes before the centre). */
      self->fit_active = TRUE;
      self->fitting = TRUE;
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      self->fitting = FALSE;
      /* As the viewport took them (the pan limit may have moved it). */
      self->fit_latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      self->fit_longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      self->fit_zoom = shumate_viewport_get_zoom_level (viewport);
      self->fit_active = TRUE;
      self->fit_flying = FALSE;
    }
}

/* Whether the view still shows what it was last fitted to, as it was put:
 * nobody moved it since (or it is flying there). */
static gboolean
still_fitted (CxMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (!self->fit_active)
    return FALSE;
  if (self->fit_flying || self->fitting)
    return TRUE;

  return fabs (shumate_viewport_get_zoom_level (viewport) - self->fit_zoom) < 1e-6 &&
         fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - self->fit_latitude) < 1e-9 &&
         fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - self->fit_longitude) < 1e-9;
}

/* The view's size or its covered part changed: what it was fitted to is
 * fitted again (at once, unless it was flying there). Returns whether it
 * was. */
static gboolean
fit_again (CxMapView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  CxBounds b;

  if (width <= 0 || height <= 0 || !still_fitted (self))
    return FALSE;

  /* On its way there, it goes on to the new place instead. */
  b = self->fit_extent;
  fit_box (self, &b, self->fit_max_zoom, width, height, self->fit_beside_panels, self->fit_flying);
  return TRUE;
}

static void
on_animation_completed (CxMapView *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (!self->fit_flying)
    return;

  self->fit_flying = FALSE;
  self->fit_latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->fit_longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  self->fit_zoom = shumate_viewport_get_zoom_level (viewport);
}

static void
fit_bounds (CxMapView *self,
            double     width,
            double     height)
{
  CxBounds b = cx_data_pack_get_bounds (self->pack);

  fit_box (self, &b, cx_data_pack_get_max_zoom (self->pack), width, height, TRUE, FALSE);
}

/* Points are shown at street level, areas whole. */
static void
zoom_to_features (CxMapView  *self,
                  GListModel *features,
                  gboolean    animate)
{
  CxBounds b = cx_features_get_shown_bounds (features);

  if (cx_bounds_is_empty (&b))
    return;

  fit_box (self, &b, 16, gtk_widget_get_width (GTK_WIDGET (self)),
           gtk_widget_get_height (GTK_WIDGET (self)), TRUE, animate);
}

/* Whether some of @b shows in the part of a view @width × @height that no
 * panel covers. Worked out from the viewport's centre and zoom, which hold
 * in the middle of a size change as well. */
static gboolean
is_in_view (CxMapView      *self,
            const CxBounds *b,
            double          width,
            double          height)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double scale = 256 * exp2 (shumate_viewport_get_zoom_level (viewport));
  double cx, cy, x0, y0, x1, y1, left, right;

  cx_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  cx_mercator_project (b->min_x, b->max_y, &x0, &y0);
  cx_mercator_project (b->max_x, b->min_y, &x1, &y1);
  uncovered_span (self, width, &left, &right);

  return width / 2 + (x1 - cx) * scale >= left && width / 2 + (x0 - cx) * scale <= right &&
         height / 2 + (y1 - cy) * scale >= 0 && height / 2 + (y0 - cy) * scale <= height;
}

/* The map follows the selection: a program's places are all brought into
 * view; a place chosen elsewhere (a list, the command line) is brought into
 * view if it is not; a click on the map moves nothing. Back shows the
 * earlier selection as it was left. */
static void
on_selection_changed (CxMapView *self)
{
  GListModel *highlighted = cx_selection_get_highlighted (self->selection);
  CxSelectionView view;
  CxBounds b;

  /* The view is about what is chosen now, not what it was fitted to: a
   * panel that opens over it next brings the choice out from under it
   * (bring_out_selection()), at the same zoom. A scene, which chooses and
   * then fits, and a program, whose places are fitted below, are fitted
   * again. */
  self->fit_active = FALSE;

  if (!self->follow_selection)
    return;

  if (cx_selection_get_view (self->selection, &view))
    {
      cx_map_view_go_to (self, view.latitude, view.longitude, view.zoom);
      return;
    }

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;

  if (cx_selection_get_kind (self->selection) == CX_SELECTION_PROGRAM)
    {
      zoom_to_features (self, highlighted, TRUE);
      return;
    }

  /* Nothing, or an imported feature, highlights none of the pack's places. */
  b = cx_features_get_shown_bounds (highlighted);
  if (!cx_bounds_is_empty (&b) &&
      !is_in_view (self, &b, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self))))
    zoom_to_features (self, highlighted, TRUE);
}

/* If a floating panel covers the selected places, moves the map (a view
 * @width × @height) to show them beside it, at the same zoom. */
static void
bring_out_selection (CxMapView *self,
                     double     width,
                     double     height)
{
  GListModel *highlighted;
  CxBounds b;
  double x0, y0, x1, y1, zoom, lat, lon;

  if (self->selection == NULL || !self->follow_selection ||
      (self->covered_start == 0 && self->covered_end == 0))
    return;

  highlighted = cx_selection_get_highlighted (self->selection);
  b = cx_features_get_shown_bounds (highlighted);
  if (cx_bounds_is_empty (&b) || is_in_view (self, &b, width, height))
    return;

  zoom = shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map));
  cx_mercator_project (b.min_x, b.max_y, &x0, &y0);
  cx_mercator_project (b.max_x, b.min_y, &x1, &y1);
  centre_for (self, (x0 + x1) / 2, (y0 + y1) / 2, zoom, width, &lat, &lon);
  cx_map_view_go_to (self, lat, lon, zoom);
}

/* The view being left, for the selection's history (see
 * cx_selection_set_view_func()). */
static gboolean
current_view (CxSelectionView *view,
              gpointer         user_data)
{
  CxMapView *self = user_data;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  view->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  return TRUE;
}

/* One click selects what is under it, or clears the selection on empty map.
 * A drag never gets here: the gesture gives up once the pointer moves. */
/* ------------------------------------------------------------------ */
/* Measuring                                                           */
/* ------------------------------------------------------------------ */

/* How close to the first corner a click closes the outline, in pixels. */
#define MEASURE_CLOSE_PX 10
/* How far an arrow key moves the crosshair, and how near the edge it may
 * come before the map moves instead. */
#define CROSSHAIR_STEP_PX 16
#define CROSSHAIR_EDGE_PX 24

static void
move_crosshair_to (CxMapView *self,
                   double     lat,
                   double     lon)
{
  cx_measure_layer_set_crosshair (self->measure_layer, self->measuring, lat, lon);
}

/* The pointer while a tool is on: a crosshair big and contrasted enough to
 * find on a projector (the theme's is 24 px, thin and black): 48 logical
 * px, dark strokes on a white halo, open in the middle so that what it
 * points at stays visible; drawn for the screen's scale, so crisp at 2×. */
#define TOOL_CURSOR_PX 48

static GdkTexture *
tool_cursor_texture (GdkCursor *cursor,
                     int        cursor_size,
                     double     scale,
                     int       *width,
                     int       *height,
                     int       *hotspot_x,
                     int       *hotspot_y,
                     gpointer   data)
{
  int side = (int) ceil (TOOL_CURSOR_PX * MAX (scale, 1));
  double c = side / 2.0, r = side / 2.0 - 2 * scale, gap = 6 * scale;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, c - r, c);
  cairo_line_to (cr, c - gap, c);
  cairo_move_to (cr, c + gap, c);
  cairo_line_to (cr, c + r, c);
  cairo_move_to (cr, c, c - r);
  cairo_line_to (cr, c, c - gap);
  cairo_move_to (cr, c, c + gap);
  cairo_line_to (cr, c, c + r);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 6 * scale);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
  cairo_set_line_width (cr, 2.5 * scale);
  cairo_stroke (cr);
  /* The point itself. */
  cairo_arc (cr, c, c, 1.5 * scale, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * side);
  cairo_surface_destroy (surface);
  *width = *height = TOOL_CURSOR_PX;
  *hotspot_x = *hotspot_y = TOOL_CURSOR_PX / 2;
  return gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, bytes, (gsize) side * 4);
}

/* The map's pointer: the tool's crosshair while @on, else the default. */
static void
show_tool_cursor (CxMapView *self,
                  gboolean   on)
{
  if (on && self->tool_cursor == NULL)
    {
      /* The fallback is referenced by the cursor, not taken. */
      g_autoptr(GdkCursor) fallback = gdk_cursor_new_from_name ("crosshair", NULL);

      self->tool_cursor = gdk_cursor_new_from_callback (tool_cursor_texture, NULL, NULL, fallback);
    }
  gtk_widget_set_cursor (GTK_WIDGET (self->map), on ? self->tool_cursor : NULL);
}

/* The pen's strokes, fading or being drawn, or (with @annotations) those
 * kept as annotations: something Esc or Clear Strokes would clear. */
static gboolean
has_strokes (CxMapView *self)
{
  g_autoptr(GPtrArray) all = NULL;

  if (cx_pen_layer_get_n_strokes (self->pen_layer) > 0)
    return TRUE;
  if (self->annotations == NULL)
    return FALSE;
  all = cx_annotations_dup_all (self->annotations);
  for (guint i = 0; i < all->len; i++)
    if (cx_annotation_get_kind (g_ptr_array_index (all, i)) == CX_ANNOTATION_STROKE)
      return TRUE;
  return FALSE;
}

static void
update_pen_actions (CxMapView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.pen-clear", self->pen || has_strokes (self));
}

static void
on_pen_drag_begin (GtkGestureDrag *gesture,
                   double          x,
                   double          y,
                   CxMapView      *self)
{
  graphene_point_t p;

  if (!self->pen ||
      !gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self->overlay), &GRAPHENE_POINT_INIT (x, y), &p))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  cx_pen_layer_begin (self->pen_layer, p.x, p.y);
}

static void
on_pen_drag_update (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    CxMapView      *self)
{
  double x, y;
  graphene_point_t p;

  if (!self->pen || !gtk_gesture_drag_get_start_point (gesture, &x, &y) ||
      !gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self->overlay), &GRAPHENE_POINT_INIT (x + dx, y + dy), &p))
    return;
  cx_pen_layer_extend (self->pen_layer, p.x, p.y);
}

static void
on_pen_drag_end (GtkGestureDrag *gesture,
                 double          dx,
                 double          dy,
                 CxMapView      *self)
{
  g_autoptr(GArray) points = NULL;

  if (!self->pen)
    return;
  on_pen_drag_update (gesture, dx, dy, self);
  points = cx_pen_layer_end (self->pen_layer, self->pen_fades || self->annotations == NULL);
  /* A stroke that stays is a mark like the others: undone with Ctrl+Z,
   * kept in a scene, saved with the marks. */
  if (points != NULL && points->len >= 2)
    {
      g_autoptr(CxAnnotation) stroke = cx_annotation_new (CX_ANNOTATION_STROKE, (const CxCoord *) (gpointer) points->data,
                                                          MIN (points->len, CX_ANNOTATION_MAX_POINTS), NULL, NULL);
      g_autoptr(GError) error = NULL;

      if (!cx_annotations_add (self->annotations, stroke, &error))
        g_warning ("The pen's stroke could not be kept: %s", error->message);
    }
  update_pen_actions (self);
}

/* Esc while the pen is on or strokes are shown, and Clear Strokes. */
static void
pen_clear_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cx_map_view_clear_strokes (CX_MAP_VIEW (widget));
}

/* Names on the map keep off the measured line and its points, as off the
 * bar that reads it out. */
static void
on_measure_changed (CxMapView *self)
{
  guint n;
  const CxCoord *points = cx_measure_get_points (self->measure, &n);

  cx_overlay_layer_set_avoided_path (self->overlay, points, n, cx_measure_get_area (self->measure));
}

/* A click while measuring: a point there (in WGS84: the overlay undoes a
 * GCJ-02 basemap's shift, as for hit tests), and the crosshair with it, so
 * that Enter next finishes. A click on the first corner of three or more
 * closes them into an area. */
static void
measure_click (CxMapView *self,
               double     x,
               double     y)
{
  guint n;
  const CxCoord *points = cx_measure_get_points (self->measure, &n);
  double lat, lon;

  if (n >= 3 && !cx_measure_get_finished (self->measure))
    {
      double fx, fy;

      cx_overlay_layer_location_to_widget (self->overlay, points[0].y, points[0].x, &fx, &fy);
      if (hypot (fx - x, fy - y) <= MEASURE_CLOSE_PX)
        {
          cx_measure_set_area (self->measure, TRUE);
          cx_measure_set_finished (self->measure, TRUE);
          move_crosshair_to (self, points[n - 1].y, points[n - 1].x);
          return;
        }
    }

  cx_overlay_layer_widget_to_location (self->overlay, x, y, &lat, &lon);
  cx_measure_add_point (self->measure, lon, lat);
  move_crosshair_to (self, lat, lon);
}

/* Enter: a point where the crosshair is; where the last one already is,
 * the measurement is finished (so a second Enter finishes, as does Enter
 * after a click). */
static void
measure_point_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  guint n;
  const CxCoord *points = cx_measure_get_points (self->measure, &n);
  double lat, lon;

  cx_measure_layer_get_crosshair (self->measure_layer, &lat, &lon);
  if (n > 0 && !cx_measure_get_finished (self->measure) &&
      points[n - 1].x == lon && points[n - 1].y == lat)
    cx_measure_set_finished (self->measure, TRUE);
  else
    cx_measure_add_point (self->measure, lon, lat);
}

static void
measure_undo_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cx_measure_remove_last (CX_MAP_VIEW (widget)->measure);
}

static void
measure_leave_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cx_map_view_set_measuring (CX_MAP_VIEW (widget), FALSE);
}

/* An arrow key while measuring moves the crosshair a little; at the edge
 * of the view, the map moves under it instead. */
static gboolean
move_crosshair_by (CxMapView *self,
                   double     dx,
                   double     dy)
{
  GtkWidget *overlay = GTK_WIDGET (self->overlay);
  double w = gtk_widget_get_width (overlay), h = gtk_widget_get_height (overlay);
  double lat, lon, x, y;

  if (!self->measuring)
    return FALSE;

  cx_measure_layer_get_crosshair (self->measure_layer, &lat, &lon);
  cx_overlay_layer_location_to_widget (self->overlay, lat, lon, &x, &y);
  /* Left behind by the mouse or a zoom: back to the middle first. */
  if (x < 0 || x > w || y < 0 || y > h)
    {
      double left, right;

      uncovered_span (self, w, &left, &right);
      cx_overlay_layer_widget_to_location (self->overlay, (left + right) / 2, h / 2, &lat, &lon);
      move_crosshair_to (self, lat, lon);
      return TRUE;
    }
  x += dx * CROSSHAIR_STEP_PX;
  y += dy * CROSSHAIR_STEP_PX;
  if (x < CROSSHAIR_EDGE_PX || x > w - CROSSHAIR_EDGE_PX || y < CROSSHAIR_EDGE_PX || y > h - CROSSHAIR_EDGE_PX)
    return FALSE;

  cx_overlay_layer_widget_to_location (self->overlay, x, y, &lat, &lon);
  move_crosshair_to (self, lat, lon);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Annotating                                                          */
/* ------------------------------------------------------------------ */

static void update_annotation_actions (CxMapView *self);
static void set_tool                  (CxMapView *self,
                                       gboolean   on,
                                       int        kind);

static void
select_annotation (CxMapView  *self,
                   const char *id)
{
  if (g_strcmp0 (self->selected_annotation, id) == 0)
    return;
  g_free (self->selected_annotation);
  self->selected_annotation = g_strdup (id);
  self->edited_vertex = self->dragged_vertex = -1;
  cx_annotation_layer_set_selected (self->annotation_layer, id);
  update_annotation_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ANNOTATION]);
}

/* The selected mark's position in the list, or -1. */
static int
selected_position (CxMapView *self)
{
  guint position;

  if (self->annotations == NULL || self->selected_annotation == NULL ||
      !cx_annotations_find (self->annotations, self->selected_annotation, &position))
    return -1;
  return (int) position;
}

static void
update_annotation_actions (CxMapView *self)
{
  gboolean selected = selected_position (self) >= 0;

  g_autoptr(CxAnnotation) annotation = NULL;
  gboolean has_vertices;

  if (selected)
    annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), (guint) selected_position (self));
  /* A highlighter stroke has too many points to pick one by one. */
  has_vertices = annotation != NULL && cx_annotation_get_kind (annotation) != CX_ANNOTATION_STROKE;
  if (!has_vertices)
    self->edited_vertex = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.vertex-next", has_vertices);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.vertex-previous", has_vertices);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.vertex-done", self->edited_vertex >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.annotation-delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.annotation-edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.annotation-next",
                                 self->annotations != NULL &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) > 0);
}

static void
on_annotations_changed (CxMapView *self)
{
  g_autoptr(GPtrArray) marks = self->annotations != NULL ? cx_annotations_dup_all (self->annotations) : NULL;

  /* The overlay's labels keep clear of the marks and name the pins. */
  cx_overlay_layer_set_marks (self->overlay, marks);
  /* Deleted, or undone away: nothing is selected any more. */
  if (self->selected_annotation != NULL && selected_position (self) < 0)
    select_annotation (self, NULL);
  update_annotation_actions (self);
}

/* "Point 2 of 4 at 31.2201° N, 121.4150° E": which vertex the arrows move,
 * and where it is, for a screen reader. */
static void
announce_vertex (CxMapView *self,
                 gboolean   moved)
{
  g_autoptr(CxAnnotation) annotation = NULL;
  g_autofree char *said = NULL;
  const CxCoord *points;
  guint n;

  if (selected_position (self) < 0 || self->edited_vertex < 0)
    return;
  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), (guint) selected_position (self));
  points = cx_annotation_get_points (annotation, &n);
  if ((guint) self->edited_vertex >= n)
    return;
  if (moved)
    /* TRANSLATORS: a vertex of a mark, just moved: its number, how many
     * there are, its latitude and longitude */
    said = g_strdup_printf (_("Point %d of %u moved to %.5f° N, %.5f° E"), self->edited_vertex + 1, n,
                            points[self->edited_vertex].y, points[self->edited_vertex].x);
  else
    /* TRANSLATORS: a vertex of a mark on the map, picked to be moved with
     * the arrow keys: its number, how many there are, its latitude and
     * longitude */
    said = g_strdup_printf (_("Point %d of %u, at %.5f° N, %.5f° E; arrow keys move it, Enter ends"),
                            self->edited_vertex + 1, n,
                            points[self->edited_vertex].y, points[self->edited_vertex].x);
  cx_accessible_announce (GTK_ACCESSIBLE (self), said);
}

static void
set_edited_vertex (CxMapView *self,
                   int        vertex)
{
  self->edited_vertex = vertex;
  cx_annotation_layer_set_vertex (self->annotation_layer, vertex);
  update_annotation_actions (self);
}

/* [ and ]: the selected mark's previous or next vertex, for the arrows. */
static void
vertex_pick_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  int position = selected_position (self);
  g_autoptr(CxAnnotation) annotation = NULL;
  int n, vertex;

  if (position < 0)
    return;
  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), (guint) position);
  n = (int) cx_annotation_get_n_points (annotation);
  if (g_str_equal (action_name, "map.vertex-next"))
    vertex = self->edited_vertex < 0 ? 0 : (self->edited_vertex + 1) % n;
  else
    vertex = self->edited_vertex < 0 ? n - 1 : (self->edited_vertex + n - 1) % n;
  set_edited_vertex (self, vertex);
  announce_vertex (self, FALSE);
}

/* Enter or Esc: the arrows pan the map again. */
static void
vertex_done_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);

  set_edited_vertex (self, -1);
  cx_accessible_announce (GTK_ACCESSIBLE (self), _("Done moving the point"));
}

/* Moves the selected mark's @vertex to @x, @y of the overlay: one step of
 * undo. */
static void
move_vertex_to (CxMapView *self,
                guint      vertex,
                double     x,
                double     y)
{
  int position = selected_position (self);
  double lat, lon;

  if (position < 0)
    return;
  /* As the map is drawn: the GCJ-02 basemap's shift undone, as for clicks. */
  cx_overlay_layer_widget_to_location (self->overlay, x, y, &lat, &lon);
  cx_annotations_move_vertex (self->annotations, (guint) position, vertex, lon, lat);
}

/* An arrow key with a vertex picked moves it this many pixels. */
#define VERTEX_STEP_PX 8

static gboolean
move_edited_vertex_by (CxMapView *self,
                       int        dx,
                       int        dy)
{
  double x, y;

  if (self->edited_vertex < 0 ||
      !cx_annotation_layer_get_vertex_xy (self->annotation_layer, (guint) self->edited_vertex, &x, &y))
    return FALSE;
  move_vertex_to (self, (guint) self->edited_vertex, x + dx * VERTEX_STEP_PX, y + dy * VERTEX_STEP_PX);
  announce_vertex (self, TRUE);
  return TRUE;
}

/* The pointer drags a handle of the selected mark; elsewhere, the map
 * pans as before (the gesture gives up at once). */
static void
on_vertex_drag_begin (GtkGestureDrag *gesture,
                      double          x,
                      double          y,
                      CxMapView      *self)
{
  GtkWidget *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  graphene_point_t p;
  int vertex = -1;

  if (!self->measuring && selected_position (self) >= 0 &&
      gtk_widget_compute_point (map, GTK_WIDGET (self->overlay), &GRAPHENE_POINT_INIT (x, y), &p))
    vertex = cx_annotation_layer_vertex_at (self->annotation_layer, p.x, p.y);
  if (vertex < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragged_vertex = vertex;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
vertex_drag_point (GtkGestureDrag   *gesture,
                   double            dx,
                   double            dy,
                   CxMapView        *self,
                   graphene_point_t *p)
{
  GtkWidget *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  double x0, y0;

  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  if (!gtk_widget_compute_point (map, GTK_WIDGET (self->overlay), &GRAPHENE_POINT_INIT (x0 + dx, y0 + dy), p))
    *p = GRAPHENE_POINT_INIT (x0 + dx, y0 + dy);
}

static void
on_vertex_drag_update (GtkGestureDrag *gesture,
                       double          dx,
                       double          dy,
                       CxMapView      *self)
{
  graphene_point_t p;
  double vx, vy;

  if (self->dragged_vertex < 0)
    return;
  vertex_drag_point (gesture, dx, dy, self, &p);
  /* The vertex keeps its offset from where the handle was taken. */
  if (cx_annotation_layer_get_vertex_xy (self->annotation_layer, (guint) self->dragged_vertex, &vx, &vy))
    {
      double x0, y0;
      graphene_point_t start;

      gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
      vertex_drag_point (gesture, 0, 0, self, &start);
      cx_annotation_layer_set_dragged (self->annotation_layer, self->dragged_vertex,
                                       vx + p.x - start.x, vy + p.y - start.y);
    }
}

static void
on_vertex_drag_end (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    CxMapView      *self)
{
  graphene_point_t p, start;
  double vx, vy;
  int vertex = self->dragged_vertex;

  if (vertex < 0)
    return;
  self->dragged_vertex = -1;
  cx_annotation_layer_set_dragged (self->annotation_layer, -1, 0, 0);
  vertex_drag_point (gesture, dx, dy, self, &p);
  vertex_drag_point (gesture, 0, 0, self, &start);
  if ((dx != 0 || dy != 0) &&
      cx_annotation_layer_get_vertex_xy (self->annotation_layer, (guint) vertex, &vx, &vy))
    {
      move_vertex_to (self, (guint) vertex, vx + p.x - start.x, vy + p.y - start.y);
      set_edited_vertex (self, vertex);
      announce_vertex (self, TRUE);
    }
}

static const guint annotate_min_points[] = {
  [CX_ANNOTATION_PIN] = 1, [CX_ANNOTATION_LINE] = 2, [CX_ANNOTATION_POLYGON] = 3,
};

static void edit_note (CxMapView    *self,
                       CxAnnotation *annotation);

/* The tool's points changed: a pin is added at its first point; a line or
 * an area when the measurement they are drawn with finishes (double
 * click, Enter twice, or a click on the first corner), and the tool stays
 * on for the next. A pin is there for its note, so the note dialog opens
 * for it at once: Cancel keeps the pin without one, Save is a step of its
 * own that undo takes back before the pin. */
static void
on_annotate_points (CxMapView *self)
{
  g_autoptr(CxAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  const CxCoord *points;

  if (self->annotate_kind < 0 || self->annotations == NULL)
    return;

  points = cx_measure_get_points (self->measure, &n);
  if (self->annotate_kind != CX_ANNOTATION_PIN && !cx_measure_get_finished (self->measure))
    return;
  if (n < annotate_min_points[self->annotate_kind])
    {
      /* Finished too soon (Enter twice on the first point): go on drawing. */
      if (cx_measure_get_finished (self->measure))
        cx_measure_set_finished (self->measure, FALSE);
      return;
    }

  annotation = cx_annotation_new (self->annotate_kind, points, MIN (n, CX_ANNOTATION_MAX_POINTS), NULL, NULL);
  /* Cleared first: the list's change may save, and must find the tool idle. */
  g_signal_handlers_block_by_func (self->measure, on_annotate_points, self);
  cx_measure_clear (self->measure);
  g_signal_handlers_unblock_by_func (self->measure, on_annotate_points, self);
  if (annotation == NULL)
    return;
  if (!cx_annotations_add (self->annotations, annotation, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
      return;
    }
  select_annotation (self, cx_annotation_get_id (annotation));
  if (self->annotate_kind == CX_ANNOTATION_PIN)
    edit_note (self, annotation);
}

/**
 * cx_map_view_set_annotating:
 * @kind: a CxAnnotationKind other than a stroke (the pen draws those), or
 *   -1 for none
 *
 * Turns an annotation tool on (off with -1). It draws as the measure tool
 * measures, without its bar: clicks or Enter at the crosshair add points,
 * Backspace drops the last one, a double click or Enter twice finishes,
 * Esc stops.
 */
void
cx_map_view_set_annotating (CxMapView *self,
                            int        kind)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));
  g_return_if_fail (kind >= -1 && kind < CX_ANNOTATION_STROKE);

  set_tool (self, kind >= 0, kind);
}

int
cx_map_view_get_annotating (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), -1);

  return self->annotate_kind;
}

static void
annotate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  int kind = g_str_equal (action_name, "map.annotate-pin") ? CX_ANNOTATION_PIN
           : g_str_equal (action_name, "map.annotate-line") ? CX_ANNOTATION_LINE
           : CX_ANNOTATION_POLYGON;

  /* The same tool again turns it off, as a toolbar toggle would. */
  cx_map_view_set_annotating (self, self->annotate_kind == kind ? -1 : kind);
}

static void
annotation_delete_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  int position = selected_position (self);

  if (position >= 0)
    cx_annotations_remove (self->annotations, (guint) position);
}

/* Tab-like, for the keyboard: the next mark (after the last, the first),
 * said to screen readers by its number and note. */
static void
annotation_next_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  guint n = self->annotations != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) : 0;
  int position = selected_position (self);
  g_autoptr(CxAnnotation) annotation = NULL;
  g_autofree char *said = NULL;
  const char *note;

  if (n == 0)
    return;
  position = (position + 1) % (int) n;
  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), (guint) position);
  select_annotation (self, cx_annotation_get_id (annotation));
  note = cx_annotation_get_note (annotation);
  said = note[0] != '\0' ? g_strdup_printf (_("Mark %d of %u: %s"), position + 1, n, note)
                         : g_strdup_printf (_("Mark %d of %u, without a note"), position + 1, n);
  /* Not gtk_accessible_announce (): it crashes without an AT-SPI bus (cx-announce.c). */
  cx_accessible_announce (GTK_ACCESSIBLE (self), said);
}

static void
on_note_response (CxNoteDialog *dialog,
                  const char   *response,
                  CxMapView    *self)
{
  CxAnnotation *annotation = CX_ANNOTATION (cx_note_dialog_get_item (dialog));
  g_autofree char *note = NULL;
  guint position;

  if (g_strcmp0 (response, "save") != 0 || self->annotations == NULL ||
      !cx_annotations_find (self->annotations, cx_annotation_get_id (annotation), &position))
    return;
  note = cx_note_dialog_dup_text (dialog);
  if (strlen (note) > CX_ANNOTATION_MAX_NOTE)
    cx_accessible_announce (GTK_ACCESSIBLE (self), _("The note is too long to keep"));
  else
    cx_annotations_set_note (self->annotations, position, note);
}

/* The note, in a dialog of several lines (cx-note-dialog.c). */
static void
edit_note (CxMapView    *self,
           CxAnnotation *annotation)
{
  AdwDialog *dialog = cx_note_dialog_new (G_OBJECT (annotation), cx_annotation_get_note (annotation));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_note_response), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* F2: the selected mark's note. */
static void
annotation_edit_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  int position = selected_position (self);
  g_autoptr(CxAnnotation) annotation = NULL;

  if (position < 0)
    return;
  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), (guint) position);
  edit_note (self, annotation);
}

/**
 * cx_map_view_set_annotations:
 * @annotations: (nullable): the marks to draw and edit
 */
void
cx_map_view_set_annotations (CxMapView     *self,
                             CxAnnotations *annotations)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_set_object (&self->annotations, annotations);
  if (annotations != NULL)
    g_signal_connect_swapped (annotations, "items-changed", G_CALLBACK (on_annotations_changed), self);
  cx_annotation_layer_set_annotations (self->annotation_layer, annotations);
  on_annotations_changed (self);
}

/**
 * cx_map_view_get_annotations:
 *
 * Returns: (transfer none) (nullable): the marks the view draws and edits
 *   (the window's): where the presentation pen adds its strokes that stay
 */
CxAnnotations *
cx_map_view_get_annotations (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL);

  return self->annotations;
}

/**
 * cx_map_view_count_annotations_in_view:
 *
 * Returns: how many marks the map shows now (a point of theirs in view)
 */
guint
cx_map_view_count_annotations_in_view (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), 0);

  return cx_annotation_layer_count_in_view (self->annotation_layer);
}

/**
 * cx_map_view_select_annotation:
 * @id: (nullable): a mark's id, or %NULL for none
 *
 * Selects that mark.
 */
void
cx_map_view_select_annotation (CxMapView  *self,
                               const char *id)
{
  guint position;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  if (id == NULL || self->annotations == NULL || !cx_annotations_find (self->annotations, id, &position))
    {
      select_annotation (self, NULL);
      return;
    }
  select_annotation (self, id);
}

const char *
cx_map_view_get_selected_annotation (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL);

  return self->selected_annotation;
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   CxMapView       *self)
{
  GtkWidget *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GObject *feature;
  graphene_point_t p;

  if (n_press == 1 && self->measuring &&
      gtk_widget_compute_point (map, GTK_WIDGET (self->overlay), &GRAPHENE_POINT_INIT (x, y), &p))
    {
      measure_click (self, p.x, p.y);
      return;
    }

  if (n_press != 1 || self->selection == NULL)
    return;

  if (!gtk_widget_compute_point (map, GTK_WIDGET (self->overlay), &GRAPHENE_POINT_INIT (x, y), &p))
    return;

  /* A mark drawn over the map is picked before what is under it. */
  {
    int mark = cx_annotation_layer_annotation_at (self->annotation_layer, p.x, p.y);

    if (mark >= 0)
      {
        g_autoptr(CxAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), (guint) mark);

        select_annotation (self, cx_annotation_get_id (annotation));
        return;
      }
    select_annotation (self, NULL);
  }

  feature = cx_overlay_layer_feature_at (self->overlay, p.x, p.y);
  if (feature != NULL)
    {
      cx_selection_select (self->selection, feature);
      self->details_pending = TRUE;
    }
  else if (cx_selection_get_item (self->selection) != NULL)
    cx_selection_clear (self->selection);
}

/* The clicks are over (GTK waits the double-click time for a second one).
 * What was clicked is what the user wants to read about: its details show,
 * floating over the map in a narrow window (the window's action). Not at
 * the first click: a floating panel brings a shield over the map that
 * would take the second click of a double click, and close the panel
 * instead of zooming. */
static void
on_click_stopped (GtkGestureClick *gesture,
                  CxMapView       *self)
{
  if (!self->details_pending)
    return;

  self->details_pending = FALSE;
  if (self->selection != NULL && cx_selection_get_item (self->selection) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
}

/* Any press on the map, before the map sees it.
 *
 * The keyboard follows the pointer: a click or a drag gives the map view
 * the focus, so the arrow keys pan it next (libshumate's map does not take
 * the focus on a click, and is not a Tab stop of its own here).
 *
 * A double click is turned into what the user meant: on a place, zoom to
 * that place (the first click has selected it); elsewhere, zoom in one
 * whole step. libshumate 1.4 ignores zoom-on-double-click=FALSE and would
 * zoom as well (fixed in 1.6.0), so the second press is claimed here. Once
 * the floor is libshumate 1.6 (SHUMATE_CHECK_VERSION (1, 6, 0)), the
 * property set in constructed() is enough and this can move to "released". */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CxMapView       *self)
{
  GtkWidget *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  GObject *feature;
  graphene_point_t p;
  double lat, lon, mx, my, zoom;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (n_press != 2)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  /* Measuring, a double click ends the line (its first click added the
   * last point); it does not zoom. */
  if (self->measuring)
    {
      cx_measure_set_finished (self->measure, TRUE);
      return;
    }

  if (!gtk_widget_compute_point (map, GTK_WIDGET (self->overlay), &GRAPHENE_POINT_INIT (x, y), &p))
    return;
  feature = cx_overlay_layer_feature_at (self->overlay, p.x, p.y);
  shumate_viewport_widget_coords_to_location (viewport, map, x, y, &lat, &lon);
  zoom = MIN (round (shumate_viewport_get_zoom_level (viewport)) + 1, cx_data_pack_get_max_zoom (self->pack));

  /* The first click chose a place: its details now, before the zoom, so
   * that the zoom shows it beside them (this press is the map's already,
   * whatever comes over it). The map may move to bring the place out from
   * under them: what was clicked, and where, was taken before. */
  if (self->details_pending)
    {
      self->details_pending = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
    }

  if (CX_IS_FEATURE (feature) && cx_geometry_get_geometry_type (cx_feature_get_geometry (CX_FEATURE (feature))) == CX_GEOMETRY_POINT)
    {
      g_autoptr(GListStore) one = g_list_store_new (CX_TYPE_FEATURE);

      g_list_store_append (one, feature);
      zoom_to_features (self, G_LIST_MODEL (one), TRUE);
    }
  else
    {
      cx_mercator_project (lon, lat, &mx, &my);
      centre_for (self, mx, my, zoom, gtk_widget_get_width (GTK_WIDGET (self)), &lat, &lon);
      shumate_map_go_to_full (self->map, lat, lon, zoom);
    }
}

/* ------------------------------------------------------------------ */
/* What covers the map                                                 */
/* ------------------------------------------------------------------ */

/* Tells the overlay which parts of the map its own buttons, scale and
 * licence cover, the widgets given to cx_map_view_add_cover() where they
 * lie over it, and the span of cx_map_view_set_covered(), so that labels
 * keep off them. Run after every layout of the window, when allocations
 * have just changed: GTK 4 has no signal for another widget's allocation.
 *
 * The span is where a floating panel is going to be, the widget where it
 * is now: while a panel slides in over a narrow window, its labels leave
 * the span once, instead of at every frame of the slide (each change of
 * what is covered places the labels again); while it slides out, the
 * span is already gone and the labels come back as it uncovers them. */
static void
update_covered (CxMapView *self)
{
  GtkWidget *overlay = GTK_WIDGET (self->overlay);
  GtkWidget *own[] = { GTK_WIDGET (self->license), GTK_WIDGET (self->scale), self->controls, self->measure_bar, self->tools_bar };
  g_autoptr(GArray) rects = NULL;
  graphene_rect_t map;
  double left, right;

  if (overlay == NULL || gtk_widget_get_width (overlay) <= 0 || gtk_widget_get_height (overlay) <= 0)
    return;
  map = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (overlay), gtk_widget_get_height (overlay));
  rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  /* A panel wider than the view leaves no uncovered span (things are then
   * centred in the whole view): its widget covers everything anyway. The
   * tools bar covers only its own box (below, with the view's own widgets),
   * not the whole height things are fitted beside. */
  span_between (self, map.size.width, self->covered_start, self->covered_end, &left, &right);
  if (left > 0)
    {
      graphene_rect_t span = GRAPHENE_RECT_INIT (0, 0, left, map.size.height);
      g_array_append_val (rects, span);
    }
  if (right < map.size.width)
    {
      graphene_rect_t span = GRAPHENE_RECT_INIT (right, 0, map.size.width - right, map.size.height);
      g_array_append_val (rects, span);
    }

  for (guint i = 0; i < G_N_ELEMENTS (own) + self->covers->len; i++)
    {
      g_autoptr(GtkWidget) widget = i < G_N_ELEMENTS (own) ? g_object_ref (own[i])
                                  : g_weak_ref_get (g_ptr_array_index (self->covers, i - G_N_ELEMENTS (own)));
      graphene_rect_t bounds;

      if (widget == NULL || !gtk_widget_get_mapped (widget) ||
          !gtk_widget_compute_bounds (widget, overlay, &bounds) ||
          !graphene_rect_intersection (&bounds, &map, &bounds) ||
          bounds.size.width < 1 || bounds.size.height < 1)
        continue;
      g_array_append_val (rects, bounds);
    }

  cx_overlay_layer_set_covered (self->overlay, (const graphene_rect_t *) rects->data, rects->len);
}

static void
cx_map_view_realize (GtkWidget *widget)
{
  CxMapView *self = CX_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (cx_map_view_parent_class)->realize (widget);

  /* After the window's own handler, which allocates everything. */
  self->layout_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_id = g_signal_connect_swapped (self->layout_clock, "layout", G_CALLBACK (update_covered), self);
}

static void
cx_map_view_unrealize (GtkWidget *widget)
{
  CxMapView *self = CX_MAP_VIEW (widget);

  if (self->layout_clock != NULL)
    g_clear_signal_handler (&self->layout_id, self->layout_clock);
  g_clear_object (&self->layout_clock);

  GTK_WIDGET_CLASS (cx_map_view_parent_class)->unrealize (widget);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* ------------------------------------------------------------------ */
/* Presenting: sizes that follow the screen, zoom buttons that rest     */
/* ------------------------------------------------------------------ */

/* Text on a projector is sized for the screen it fills: these are its
 * pixel sizes at 1080 px high, scaled by the screen's height, so that a
 * 900 px screen keeps the same proportions. */
#define PRESENTATION_REFERENCE_HEIGHT 1080.0
#define PRESENTATION_SCALE_TEXT_PX    17.0   /* scale bar and attribution */
/* Map labels: the overlay's sizes (11 px for the smallest) times this. */
#define PRESENTATION_LABEL_FACTOR     1.85
/* How long the pointer rests before the zoom buttons go, as video players
 * hide their controls. */
#define ZOOM_BUTTONS_REST_S           2

/* Sets the pixel size of every label under @widget. */
static void
set_labels_px (GtkWidget *widget,
               double     px)
{
  if (GTK_IS_LABEL (widget))
    cx_presentation_label_set_px (GTK_LABEL (widget), px);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    set_labels_px (child, px);
}

static void
apply_presentation_scale (CxMapView *self)
{
  double k = self->presenting ? self->presentation_scale : 0;

  cx_overlay_layer_set_presentation_text_scale (self->overlay,
                                                self->presenting ? PRESENTATION_LABEL_FACTOR * k : CX_PRESENTATION_SCALE);
  set_labels_px (GTK_WIDGET (self->scale), PRESENTATION_SCALE_TEXT_PX * k);
  set_labels_px (GTK_WIDGET (self->license), PRESENTATION_SCALE_TEXT_PX * k);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION_SCALE]);
}

static void
presentation_scale_idle_cb (gpointer user_data)
{
  CxMapView *self = user_data;

  self->presentation_scale_idle = 0;
  apply_presentation_scale (self);
}

/* From size_allocate: the sizes change outside it, as they resize labels
 * inside this view. */
static void
queue_presentation_scale (CxMapView *self,
                          int        height)
{
  double k = CLAMP (height / PRESENTATION_REFERENCE_HEIGHT, 0.5, 3.0);

  if (fabs (k - self->presentation_scale) < 0.001)
    return;

  self->presentation_scale = k;
  if (self->presentation_scale_idle == 0)
    self->presentation_scale_idle = g_idle_add_once (presentation_scale_idle_cb, self);
}

static void
set_zoom_buttons_shown (CxMapView *self,
                        gboolean   shown)
{
  /* Hidden by opacity, not visibility: they stay in the accessibility tree
   * and the focus chain, and show whenever the keyboard reaches them. */
  gtk_widget_set_opacity (self->zoom_buttons, shown ? 1 : 0);
  gtk_widget_set_can_target (self->zoom_buttons, shown);
}

static void
zoom_rest_cb (gpointer user_data)
{
  CxMapView *self = user_data;

  self->zoom_rest_id = 0;
  if (self->presenting && !gtk_widget_has_focus (self->zoom_buttons) &&
      gtk_widget_get_focus_child (self->zoom_buttons) == NULL)
    set_zoom_buttons_shown (self, FALSE);
}

static void
wake_zoom_buttons (CxMapView *self)
{
  if (!self->presenting)
    return;

  set_zoom_buttons_shown (self, TRUE);
  g_clear_handle_id (&self->zoom_rest_id, g_source_remove);
  self->zoom_rest_id = g_timeout_add_seconds_once (ZOOM_BUTTONS_REST_S, zoom_rest_cb, self);
}

static void
on_pointer_motion (GtkEventControllerMotion *motion,
                   double                    x,
                   double                    y,
                   CxMapView                *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (motion));
  double sx, sy;
  gboolean moved;

  /* Only a pointer that moved on the screen: when the panels go, or the
   * window goes full screen, the view moves under a still pointer and GTK
   * says where the pointer now is on it. So in the surface's coordinates
   * (as the X server gave them), from the first event after such a change. */
  if (event == NULL || !gdk_event_get_position (event, &sx, &sy))
    return;
  moved = self->pointer_known && (fabs (sx - self->pointer_x) > 1 || fabs (sy - self->pointer_y) > 1);
  self->pointer_known = TRUE;
  self->pointer_x = sx;
  self->pointer_y = sy;
  if (moved)
    wake_zoom_buttons (self);
}


static void
on_zoom_focus_enter (GtkEventControllerFocus *focus,
                     CxMapView               *self)
{
  wake_zoom_buttons (self);
}

/* ------------------------------------------------------------------ */
/* GtkWidget                                                           */
/* ------------------------------------------------------------------ */

static void
cx_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  CxMapView *self = CX_MAP_VIEW (widget);

  if (self->fit_pending && width > 0 && height > 0)
    {
      self->fit_pending = FALSE;
      fit_bounds (self, width, height);
    }
  if (self->bounds_pending && width > 0 && height > 0)
    {
      self->bounds_pending = FALSE;
      fit_box (self, &self->pending_bounds, 16, width, height, TRUE, FALSE);
    }

  /* A panel that floats over a view that changed size (the window's
   * breakpoints) may cover the selection now, as when a window opens narrow
   * with a place chosen (--feature). */
  if ((width != self->last_width || height != self->last_height) && width > 0 && height > 0)
    {
      self->last_width = width;
      self->last_height = height;
      if (!fit_again (self))
        bring_out_selection (self, width, height);
    }

  if (self->presenting && height > 0)
    queue_presentation_scale (self, height);
  /* The view moved or changed size under the pointer: see on_pointer_motion(). */
  if (height != self->pointer_height)
    {
      self->pointer_height = height;
      self->pointer_known = FALSE;
    }

  /* Every child over the whole view, placed by its own alignment, as
   * GtkBinLayout would (a layout manager would leave no room for the fits
   * above). */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
cx_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

/* libshumate (1.4 to 1.6) writes its scale bar's labels with gettext () in
 * the program's own text domain (shumate-scale.c includes <glib/gi18n.h>,
 * not gi18n-lib.h), so this app's catalogue translates them: these are
 * its strings, for xgettext, spelled as libshumate spells them (with a
 * no-break space). In Chinese they then say 公里 and 米, as the handout's
 * scale bar does ("%s km", cx-handout.c). */
static const char *shumate_scale_strings[] G_GNUC_UNUSED = {
  /* TRANSLATORS: the map's scale bar, e.g. "500 m", with a no-break space; the same unit as "%s m" */
  N_("%d\u00a0m"),
  /* TRANSLATORS: the map's scale bar, e.g. "2 km", with a no-break space; the same unit as "%s km" */
  N_("%d\u00a0km"),
};

/* ShumateLicense's labels wrap (1.0.3 to 1.6) but ask for the whole text on
 * one line and justify left, so a long attribution runs under the scale
 * bar on a narrow map and reads ragged on the right edge. It has no API for
 * either, so its labels get a width cap and right justification here: the
 * one remaining reach into a libshumate widget's children. */
static void
wrap_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (widget), 70);
      gtk_label_set_justify (GTK_LABEL (widget), GTK_JUSTIFY_RIGHT);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    wrap_labels (child);
}

/* The map's own actions, on purpose not libshumate's keys (1.2 and later
 * pan 25 px per arrow press and have no zoom keys): map.pan-* move by a
 * quarter of the view, which crosses the district in a few presses,
 * map.zoom-in and map.zoom-out by one whole level, as the zoom buttons and
 * the scenes do. Their keys come from the window's shortcut table
 * (cx-window-actions.c), bound on this view: they work while it has the
 * keyboard, and a text field elsewhere keeps its typing. */
static void
pan_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CxMapView *self = CX_MAP_VIEW (widget);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  double dx = 0, dy = 0, lat, lon;

  if (g_str_equal (action_name, "map.pan-left"))
    dx = -w / 4;
  else if (g_str_equal (action_name, "map.pan-right"))
    dx = w / 4;
  else if (g_str_equal (action_name, "map.pan-up"))
    dy = -h / 4;
  else
    dy = h / 4;

  /* Measuring, the arrows move the crosshair (the map, at the edge). */
  if (move_crosshair_by (self, dx > 0 ? 1 : dx < 0 ? -1 : 0, dy > 0 ? 1 : dy < 0 ? -1 : 0))
    return;
  /* A mark's vertex picked ([ or ]), they move it. */
  if (move_edited_vertex_by (self, dx > 0 ? 1 : dx < 0 ? -1 : 0, dy > 0 ? 1 : dy < 0 ? -1 : 0))
    return;

  shumate_viewport_widget_coords_to_location (viewport, widget, w / 2 + dx, h / 2 + dy, &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cx_map_view_zoom_by (CX_MAP_VIEW (widget), g_str_equal (action_name, "map.zoom-in") ? 1 : -1);
}

/* The map source of the base layer, as ShumateSimpleMap sets it (1.4):
 * the viewport's reference, a new layer where the old one was, and its
 * licence line. */
static void
set_base_source (CxMapView        *self,
                 ShumateMapSource *source)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  ShumateMapLayer *layer;

  if (self->base_source == source)
    return;

  if (self->base_source != NULL)
    shumate_license_remove_map_source (self->license, self->base_source);
  g_set_object (&self->base_source, source);

  shumate_viewport_set_reference_map_source (viewport, source);
  shumate_map_set_map_source (self->map, source);

  layer = shumate_map_layer_new (source, viewport);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (layer), SHUMATE_LAYER (self->base_layer));
  if (self->base_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->base_layer));
  self->base_layer = layer;

  shumate_license_append_map_source (self->license, source);
}

static void
set_zoom_limits (CxMapView *self,
                 guint      max_zoom)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  guint max = MIN (max_zoom, cx_data_pack_get_max_zoom (self->pack));

  /* set_map_source() gives the viewport the new source's limits whenever
   * the source changes (libshumate 1.4 too); ours are narrower. The zoom
   * itself is clamped to them, not reset (1.2 and later). */
  shumate_viewport_set_max_zoom_level (viewport, MAX (max, (guint) self->min_zoom));
  shumate_viewport_set_min_zoom_level (viewport, (guint) self->min_zoom);
}

static void
apply_basemap (CxMapView *self)
{
  ShumateMap *map = self->map;

  queue_layers_settle (self);

  if (self->underlay != NULL)
    {
      shumate_map_remove_layer (map, SHUMATE_LAYER (self->underlay));
      g_clear_object (&self->underlay);
    }

  if (self->network_map == NULL)
    {
      /* The schematic map's licence line is the pack's credits already. */
      shumate_license_set_extra_text (self->license, NULL);
      set_base_source (self, SHUMATE_MAP_SOURCE (self->basemap));
      set_zoom_limits (self, 20);
      return;
    }

  /* The tiles' attribution, and the data's under it. */
  shumate_license_set_extra_text (self->license,
                                  cx_data_pack_get_attribution (self->pack));

  set_base_source (self, self->network_map);
  self->underlay = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->basemap),
                                                             shumate_map_get_viewport (self->map)));
  /* NULL: at the very bottom, under the network tiles. */
  shumate_map_insert_layer_above (map, SHUMATE_LAYER (self->underlay), NULL);
  set_zoom_limits (self, shumate_map_source_get_max_zoom_level (self->network_map));
}

static void
on_offline_changed (CxMapView *self)
{
  g_object_notify (G_OBJECT (self), "offline");
}

/* The dark style gets a dark basemap (a source of its own, so that cached
 * light tiles are not reused) and light labels; high contrast gets the
 * checked palette. */
static void
on_style_changed (CxMapView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);
  gboolean high_contrast = adw_style_manager_get_high_contrast (style);

  cx_overlay_layer_set_style_flags (self->overlay, dark, high_contrast);

  if (self->basemap == NULL || self->basemap_dark != dark)
    {
      g_clear_object (&self->basemap);
      self->basemap = cx_schematic_source_new_full (self->pack, dark);
      self->basemap_dark = dark;
      apply_basemap (self);
    }
}

static void
cx_map_view_constructed (GObject *object)
{
  CxMapView *self = (CxMapView *) object;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  GClosure *arrived;

  G_OBJECT_CLASS (cx_map_view_parent_class)->constructed (object);

  g_assert (self->pack != NULL);

  self->pan_bounds = cx_data_pack_get_max_bounds (self->pack);
  self->min_zoom = cx_data_pack_get_min_zoom (self->pack);

  self->basemap = cx_schematic_source_new_full (self->pack, FALSE);
  set_base_source (self, SHUMATE_MAP_SOURCE (self->basemap));

  shumate_viewport_set_max_zoom_level (viewport, cx_data_pack_get_max_zoom (self->pack));
  shumate_viewport_set_min_zoom_level (viewport, cx_data_pack_get_min_zoom (self->pack));

  self->overlay = g_object_ref_sink (cx_overlay_layer_new (viewport, self->pack));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->overlay));

  /* Marks above the features, below the tools' points and crosshair. */
  self->annotation_layer = g_object_ref_sink (cx_annotation_layer_new (self->overlay));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->annotation_layer));
  {
    /* Before the map's own drag, which pans: a handle of the selected
     * mark is dragged instead. */
    GtkGesture *drag = gtk_gesture_drag_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 1);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect (drag, "drag-begin", G_CALLBACK (on_vertex_drag_begin), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (on_vertex_drag_update), self);
    g_signal_connect (drag, "drag-end", G_CALLBACK (on_vertex_drag_end), self);
    gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (drag));
  }

  self->measure = cx_measure_new ();
  self->measure_layer = g_object_ref_sink (cx_measure_layer_new (self->overlay, self->measure));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->measure_layer));
  cx_measure_bar_set_measure (CX_MEASURE_BAR (self->measure_bar), self->measure);
  g_signal_connect_object (self->measure, "changed", G_CALLBACK (on_measure_changed), self, G_CONNECT_SWAPPED);
  self->pen_layer = g_object_ref_sink (cx_pen_layer_new (self->overlay));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->pen_layer));
  g_signal_connect_swapped (self->measure, "changed", G_CALLBACK (on_annotate_points), self);

  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (queue_layers_settle), self, G_CONNECT_SWAPPED);
  /* With a marshaller of its own: see watch_moving_on() in
   * cx-window-scenes.c for libshumate 1.4's. */
  arrived = g_cclosure_new_object_swap (G_CALLBACK (on_animation_completed), object);
  g_closure_set_marshal (arrived, g_cclosure_marshal_VOID__VOID);
  g_signal_connect_closure (self->map, "animation-completed::go-to", arrived, FALSE);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  on_style_changed (self);
}

static void
cx_map_view_dispose (GObject *object)
{
  CxMapView *self = (CxMapView *) object;

  if (self->settle_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick);
      self->settle_tick = 0;
    }
  g_clear_handle_id (&self->presentation_scale_idle, g_source_remove);
  g_clear_handle_id (&self->zoom_rest_id, g_source_remove);
  /* The layers go with the map. */
  self->base_layer = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_MAP_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      cx_selection_set_view_func (self->selection, NULL, NULL, NULL);
    }
  g_clear_object (&self->selection);
  if (self->network != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->network, self);
      cx_network_source_stop (self->network);
    }
  g_clear_object (&self->network);
  g_clear_object (&self->network_map);
  g_clear_object (&self->underlay);
  g_clear_object (&self->measure_layer);
  if (self->measure != NULL)
    g_signal_handlers_disconnect_by_data (self->measure, self);
  g_clear_object (&self->measure);
  g_clear_object (&self->tool_cursor);
  g_clear_object (&self->pen_layer);
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->annotation_layer);
  g_clear_pointer (&self->selected_annotation, g_free);
  g_clear_object (&self->overlay);
  g_clear_object (&self->base_source);
  g_clear_object (&self->basemap);
  g_clear_object (&self->pack);
  g_clear_pointer (&self->covers, g_ptr_array_unref);

  G_OBJECT_CLASS (cx_map_view_parent_class)->dispose (object);
}

static void
cx_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CxMapView *self = CX_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_PACK:
      g_value_set_object (value, self->pack);
      break;
    case PROP_PRESENTATION_SCALE:
      g_value_set_double (value, self->presentation_scale);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, cx_map_view_get_offline (self));
      break;
    case PROP_MEASURING:
      g_value_set_boolean (value, cx_map_view_get_measuring (self));
      break;
    case PROP_ANNOTATING:
      g_value_set_int (value, self->annotate_kind);
      break;
    case PROP_PEN:
      g_value_set_boolean (value, self->pen);
      break;
    case PROP_PEN_FADES:
      g_value_set_boolean (value, self->pen_fades);
      break;
    case PROP_SELECTED_ANNOTATION:
      g_value_set_string (value, self->selected_annotation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CxMapView *self = CX_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_PACK:
      self->pack = g_value_dup_object (value);
      break;
    case PROP_MEASURING:
      cx_map_view_set_measuring (self, g_value_get_boolean (value));
      break;
    case PROP_ANNOTATING:
      cx_map_view_set_annotating (self, g_value_get_int (value));
      break;
    case PROP_PEN:
      cx_map_view_set_pen (self, g_value_get_boolean (value));
      break;
    case PROP_PEN_FADES:
      self->pen_fades = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_map_view_class_init (CxMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cx_map_view_constructed;
  object_class->dispose = cx_map_view_dispose;
  object_class->get_property = cx_map_view_get_property;
  object_class->set_property = cx_map_view_set_property;

  widget_class->size_allocate = cx_map_view_size_allocate;
  widget_class->measure = cx_map_view_measure;
  widget_class->realize = cx_map_view_realize;
  widget_class->unrealize = cx_map_view_unrealize;

  properties[PROP_PACK] =
    g_param_spec_object ("pack", NULL, NULL,
                         CX_TYPE_DATA_PACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CxMapView:presentation-scale:
   *
   * While presenting, the screen's height over 1080 px: what the text
   * over the map (and the presentation card) is sized by.
   */
  properties[PROP_PRESENTATION_SCALE] =
    g_param_spec_double ("presentation-scale", NULL, NULL, 0, 10, 1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxMapView:measuring:
   *
   * Whether the measure tool is on: clicks and Enter add points instead of
   * choosing places, and the arrows move a crosshair.
   */
  properties[PROP_MEASURING] =
    g_param_spec_boolean ("measuring", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxMapView:annotating:
   *
   * The annotation tool that is on (a CxAnnotationKind), or -1.
   */
  properties[PROP_ANNOTATING] =
    g_param_spec_int ("annotating", NULL, NULL, -1, CX_ANNOTATION_POLYGON, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxMapView:selected-annotation:
   *
   * The id of the mark selected on the map, or %NULL.
   */
  properties[PROP_SELECTED_ANNOTATION] =
    g_param_spec_string ("selected-annotation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxMapView:pen:
   *
   * Whether the presentation pen is on: a drag over the map draws.
   */
  properties[PROP_PEN] =
    g_param_spec_boolean ("pen", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxMapView:pen-fades:
   *
   * Whether the pen's strokes fade after a few seconds (CX_PEN_FADE_MS),
   * or stay as annotations (the window binds the "pen-strokes-fade" key).
   */
  properties[PROP_PEN_FADES] =
    g_param_spec_boolean ("pen-fades", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cx-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_LICENSE);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_COMPASS);
  g_type_ensure (CX_TYPE_MEASURE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CxMapView, map);
  gtk_widget_class_bind_template_child (widget_class, CxMapView, license);
  gtk_widget_class_bind_template_child (widget_class, CxMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, CxMapView, controls);
  gtk_widget_class_bind_template_child (widget_class, CxMapView, zoom_buttons);
  gtk_widget_class_bind_template_child (widget_class, CxMapView, measure_bar);
  gtk_widget_class_bind_template_child (widget_class, CxMapView, tools_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_click_released);
  gtk_widget_class_bind_template_callback (widget_class, on_click_stopped);
  gtk_widget_class_bind_template_callback (widget_class, on_pressed);

  gtk_widget_class_install_action (widget_class, "map.pan-left", NULL, pan_activated);
  gtk_widget_class_install_action (widget_class, "map.pan-right", NULL, pan_activated);
  gtk_widget_class_install_action (widget_class, "map.pan-up", NULL, pan_activated);
  gtk_widget_class_install_action (widget_class, "map.pan-down", NULL, pan_activated);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "map.measure-point", NULL, measure_point_activated);
  gtk_widget_class_install_action (widget_class, "map.measure-undo", NULL, measure_undo_activated);
  gtk_widget_class_install_action (widget_class, "map.measure-leave", NULL, measure_leave_activated);
  /* The tools bar's buttons: stateful, so that a toggle button shows the
   * tool's state whoever turned it on. */
  gtk_widget_class_install_property_action (widget_class, "map.measuring", "measuring");
  gtk_widget_class_install_property_action (widget_class, "map.pen", "pen");
  /* The tools bar's Pin, Line and Area toggles: map.annotating with the
   * kind as the target. */
  gtk_widget_class_install_property_action (widget_class, "map.annotating", "annotating");
  gtk_widget_class_install_action (widget_class, "map.pen-clear", NULL, pen_clear_activated);
  gtk_widget_class_install_action (widget_class, "map.annotate-pin", NULL, annotate_activated);
  gtk_widget_class_install_action (widget_class, "map.annotate-line", NULL, annotate_activated);
  gtk_widget_class_install_action (widget_class, "map.annotate-polygon", NULL, annotate_activated);
  gtk_widget_class_install_action (widget_class, "map.annotation-delete", NULL, annotation_delete_activated);
  gtk_widget_class_install_action (widget_class, "map.annotation-edit", NULL, annotation_edit_activated);
  gtk_widget_class_install_action (widget_class, "map.annotation-next", NULL, annotation_next_activated);
  gtk_widget_class_install_action (widget_class, "map.vertex-next", NULL, vertex_pick_activated);
  gtk_widget_class_install_action (widget_class, "map.vertex-previous", NULL, vertex_pick_activated);
  gtk_widget_class_install_action (widget_class, "map.vertex-done", NULL, vertex_done_activated);
}

static void
cx_map_view_init (CxMapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fit_pending = TRUE;
  self->follow_selection = TRUE;
  self->covers = g_ptr_array_new_with_free_func (weak_ref_free);
  self->presentation_scale = 1;
  wrap_labels (GTK_WIDGET (self->license));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.measure-point", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.measure-undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.measure-leave", FALSE);
  self->annotate_kind = -1;
  self->pen_fades = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.pen-clear", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.annotation-delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.annotation-edit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.annotation-next", FALSE);
  self->edited_vertex = self->dragged_vertex = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.vertex-next", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.vertex-previous", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.vertex-done", FALSE);

  {
    /* In the capture phase, to see the pointer move over the map's own
     * widgets too. */
    GtkEventController *motion = gtk_event_controller_motion_new ();
    GtkEventController *focus = gtk_event_controller_focus_new ();

    gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
    g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_motion), self);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
    g_signal_connect (focus, "enter", G_CALLBACK (on_zoom_focus_enter), self);
    gtk_widget_add_controller (self->zoom_buttons, focus);
  }
  {
    /* The pen draws in the capture phase, before the map pans with the
     * same drag; it lets the drag go by while it is off. */
    GtkGesture *drag = gtk_gesture_drag_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect (drag, "drag-begin", G_CALLBACK (on_pen_drag_begin), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (on_pen_drag_update), self);
    g_signal_connect (drag, "drag-end", G_CALLBACK (on_pen_drag_end), self);
    gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (drag));
  }
}

CxMapView *
cx_map_view_new (CxDataPack *pack)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  return g_object_new (CX_TYPE_MAP_VIEW, "pack", pack, NULL);
}

CxDataPack *cx_map_view_get_pack (CxMapView *self) { g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL); return self->pack; }
ShumateMap *cx_map_view_get_map (CxMapView *self) { g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL); return self->map; }
ShumateViewport *cx_map_view_get_viewport (CxMapView *self) { g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL); return shumate_map_get_viewport (self->map); }
CxOverlayLayer *cx_map_view_get_overlay (CxMapView *self) { g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL); return self->overlay; }

/**
 * cx_map_view_fit_district:
 *
 * Shows the whole of the pack's area, now if the view has a size, else as
 * soon as it gets one.
 */
void
cx_map_view_fit_district (CxMapView *self)
{
  int width, height;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width > 0 && height > 0)
    fit_bounds (self, width, height);
  else
    self->fit_pending = TRUE;
}

/**
 * cx_map_view_set_selection:
 * @selection: (nullable): the selection the map shows and changes
 */
void
cx_map_view_set_selection (CxMapView   *self,
                           CxSelection *selection)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));
  g_return_if_fail (selection == NULL || CX_IS_SELECTION (selection));

  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      cx_selection_set_view_func (self->selection, NULL, NULL, NULL);
    }
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    {
      g_signal_connect_swapped (selection, "notify::item", G_CALLBACK (on_selection_changed), self);
      /* The selection is ours (held), and lets go of the func when we do. */
      cx_selection_set_view_func (selection, current_view, self, NULL);
    }

  cx_overlay_layer_set_selection (self->overlay, selection);
}

/**
 * cx_map_view_zoom_to_bounds:
 *
 * Shows a box (degrees, WGS84) whole, no closer than street level.
 */
void
cx_map_view_zoom_to_bounds (CxMapView      *self,
                            const CxBounds *bounds)
{
  CxBounds b = *bounds;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  if (cx_bounds_is_empty (&b))
    return;

  /* A single point still gets a little room around it. */
  if (b.max_x - b.min_x < 1e-4)
    {
      b.min_x -= 5e-4;
      b.max_x += 5e-4;
    }
  if (b.max_y - b.min_y < 1e-4)
    {
      b.min_y -= 5e-4;
      b.max_y += 5e-4;
    }

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      /* Not laid out yet: show it as soon as it is. */
      self->pending_bounds = b;
      self->bounds_pending = TRUE;
      self->fit_pending = FALSE;
      return;
    }

  fit_box (self, &b, 16, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), TRUE, TRUE);
}

/**
 * cx_map_view_include_bounds:
 * @bounds: a box (degrees, WGS84), e.g. an imported layer's extent
 *
 * Widens the pan limit (the pack's max_bounds) and lowers the minimum
 * zoom so that @bounds can be reached and shown whole: a layer of the
 * user's own that lies outside the district is never out of reach.
 *
 * Returns: whether the limits had to widen, i.e. some of @bounds lay
 *   outside the pack's reach
 */
gboolean
cx_map_view_include_bounds (CxMapView      *self,
                            const CxBounds *bounds)
{
  ShumateViewport *viewport;
  CxBounds max;
  double x0, y0, x1, y1, width, height, zoom;

  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  if (cx_bounds_is_empty (bounds))
    return FALSE;

  max = cx_data_pack_get_max_bounds (self->pack);
  if (bounds->min_x >= max.min_x && bounds->max_x <= max.max_x &&
      bounds->min_y >= max.min_y && bounds->max_y <= max.max_y)
    return FALSE;

  if (bounds->min_x < self->pan_bounds.min_x || bounds->max_x > self->pan_bounds.max_x ||
      bounds->min_y < self->pan_bounds.min_y || bounds->max_y > self->pan_bounds.max_y)
    cx_bounds_union (&self->pan_bounds, bounds);

  /* Zoomed out far enough to see all of it in the window as it is (or in
   * a small window, before there is one), in whole levels, as libshumate
   * takes them. */
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      width = 800;
      height = 600;
    }
  cx_mercator_project (bounds->min_x, bounds->max_y, &x0, &y0);
  cx_mercator_project (bounds->max_x, bounds->min_y, &x1, &y1);
  zoom = log2 (MIN (MAX (width - 96, 64) / (MAX (x1 - x0, 1e-12) * 256),
                    MAX (height - 96, 64) / (MAX (y1 - y0, 1e-12) * 256)));
  zoom = MAX (floor (zoom), 1);
  if (zoom < self->min_zoom)
    {
      self->min_zoom = zoom;
      viewport = shumate_map_get_viewport (self->map);
      shumate_viewport_set_min_zoom_level (viewport, (guint) self->min_zoom);
    }

  return TRUE;
}

/**
 * cx_map_view_reset_limits:
 *
 * Back to the pack's own pan and zoom limits, e.g. when the layers that
 * widened them are removed (include the others' bounds again after it).
 * A view outside them is brought back in.
 */
void
cx_map_view_reset_limits (CxMapView *self)
{
  ShumateViewport *viewport;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  viewport = shumate_map_get_viewport (self->map);
  self->pan_bounds = cx_data_pack_get_max_bounds (self->pack);
  self->min_zoom = cx_data_pack_get_min_zoom (self->pack);
  if (shumate_viewport_get_zoom_level (viewport) < self->min_zoom)
    shumate_viewport_set_zoom_level (viewport, self->min_zoom);
  shumate_viewport_set_min_zoom_level (viewport, (guint) self->min_zoom);
  on_viewport_moved (self);
}

/**
 * cx_map_view_zoom_to_selection:
 *
 * Brings the selected place, or the places of the selected program or
 * statistic, into view.
 */
void
cx_map_view_zoom_to_selection (CxMapView *self)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  if (self->selection == NULL)
    return;

  if (cx_selection_get_item (self->selection) == NULL)
    cx_map_view_fit_district (self);
  else if (cx_selection_get_imported (self->selection) != NULL)
    {
      CxBounds b = cx_imported_feature_get_bounds (cx_selection_get_imported (self->selection));
      cx_map_view_zoom_to_bounds (self, &b);
    }
  else
    zoom_to_features (self, cx_selection_get_highlighted (self->selection), TRUE);
}

/**
 * cx_map_view_set_basemap:
 * @url_template: (nullable): a tile URL template; %NULL for the schematic map
 * @gcj02: the tiles are drawn in the GCJ-02 datum (AMap, Tencent): the
 *   overlay is shifted to match them
 *
 * Returns: %FALSE with @error set when the template is not usable; the map
 *   then stays as it was
 */
gboolean
cx_map_view_set_basemap (CxMapView   *self,
                         const char  *id,
                         const char  *name,
                         const char  *url_template,
                         const char  *attribution,
                         guint        max_zoom,
                         gboolean     gcj02,
                         guint64      cache_size,
                         GError     **error)
{
  g_autoptr(CxNetworkSource) network = NULL;

  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  if (url_template != NULL && !cx_tile_url_template_validate (url_template, error))
    return FALSE;

  /* The layer of the old source outlives it while its tiles load: see
   * cx_network_source_stop(). */
  if (self->network != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->network, self);
      cx_network_source_stop (self->network);
    }
  g_clear_object (&self->network);
  g_clear_object (&self->network_map);

  if (url_template != NULL)
    {
      network = cx_network_source_new (url_template, id, NULL, cache_size);
      self->network = g_object_ref (network);
      self->network_map = cx_network_map_source_new (id, name, attribution, NULL, 0, MAX (max_zoom, 1), network);
      g_signal_connect_swapped (self->network, "notify::offline", G_CALLBACK (on_offline_changed), self);
    }

  cx_overlay_layer_set_gcj02 (self->overlay, url_template != NULL && gcj02);
  apply_basemap (self);
  g_object_notify (G_OBJECT (self), "offline");

  return TRUE;
}

/**
 * cx_map_view_get_offline:
 *
 * Returns: whether the network basemap's last requests failed for want of
 *   a network
 */
gboolean
cx_map_view_get_offline (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  return self->network != NULL && cx_network_source_get_offline (self->network);
}

/**
 * cx_map_view_retry_network:
 *
 * After the network came back: forgets the back-off and asks again for the
 * tiles that failed.
 */
void
cx_map_view_retry_network (CxMapView *self)
{
  g_autoptr(ShumateMapSource) old = NULL;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  if (self->network == NULL)
    return;

  cx_network_source_reset_backoff (self->network);

  /* A ShumateMapLayer never asks again for a tile that failed, and
   * set_map_source() with the source the map already has does nothing
   * (1.0.3 to 1.6 alike). The same tiles under a new map source object get
   * a new layer, which asks for every tile in view; the disk cache serves
   * those that had not failed. */
  old = g_steal_pointer (&self->network_map);
  self->network_map = cx_network_map_source_new (shumate_map_source_get_id (old),
                                                 shumate_map_source_get_name (old),
                                                 shumate_map_source_get_license (old),
                                                 shumate_map_source_get_license_uri (old),
                                                 shumate_map_source_get_min_zoom_level (old),
                                                 shumate_map_source_get_max_zoom_level (old),
                                                 self->network);
  apply_basemap (self);
}

/**
 * cx_map_view_set_follow_selection:
 *
 * Whether the view moves to show what gets selected (a scene that sets the
 * selection and its own view turns this off meanwhile).
 */
void
cx_map_view_set_follow_selection (CxMapView *self,
                                  gboolean   follow)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  self->follow_selection = !!follow;
}

/**
 * cx_map_view_go_to:
 *
 * Moves the view there, animated when animations are on.
 *
 * Returns: %TRUE when the map flies there: it arrives when its map emits
 *   #ShumateMap::animation-completed ("go-to"); %FALSE when it is there
 *   already
 */
gboolean
cx_map_view_go_to (CxMapView *self,
                   double     latitude,
                   double     longitude,
                   double     zoom)
{
  ShumateViewport *viewport;
  gboolean animations = FALSE;

  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  viewport = shumate_map_get_viewport (self->map);
  zoom = CLAMP (zoom, self->min_zoom, cx_data_pack_get_max_zoom (self->pack));
  self->fit_pending = FALSE;
  self->fit_active = FALSE;

  /* As shumate_map_go_to_full() decides (libshumate 1.4): without
   * animations it jumps, and says nothing. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animations, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && animations && shumate_map_get_go_to_duration (self->map) > 0)
    {
      shumate_map_go_to_full (self->map, latitude, longitude, zoom);
      return TRUE;
    }

  shumate_map_stop_go_to (self->map);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
  return FALSE;
}

/**
 * cx_map_view_jump_to:
 *
 * As cx_map_view_go_to(), but at once, without flying there: for a view
 * the window opens with (a scene given on the command line, applied once
 * the scenes have been read), not one the user goes to.
 */
void
cx_map_view_jump_to (CxMapView *self,
                     double     latitude,
                     double     longitude,
                     double     zoom)
{
  ShumateViewport *viewport;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  viewport = shumate_map_get_viewport (self->map);
  self->fit_pending = FALSE;
  self->fit_active = FALSE;
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, self->min_zoom, cx_data_pack_get_max_zoom (self->pack)));
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
}

void
cx_map_view_zoom_by (CxMapView *self,
                     double     levels)
{
  ShumateViewport *viewport;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_zoom_level (viewport, round (shumate_viewport_get_zoom_level (viewport) + levels));
}

/**
 * cx_map_view_add_cover:
 * @widget: a widget that may lie over the map: a panel floating over it,
 *   a card, a notice
 *
 * Keeps the map's labels off the part of the map @widget covers, while it
 * is shown there (the map's own buttons, scale and licence are kept clear
 * of as well). Its place is looked at after every layout of the window.
 */
void
cx_map_view_add_cover (CxMapView *self,
                       GtkWidget *widget)
{
  GWeakRef *ref;

  g_return_if_fail (CX_IS_MAP_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, widget);
  g_ptr_array_add (self->covers, ref);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* What covers the view's edges changed: labels keep off the new span
 * (update_covered(), after the layout), and what the view was fitted to is
 * shown again beside it, or the selection brought out from under it. */
static void
covered_changed (CxMapView *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0 && !fit_again (self))
    bring_out_selection (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

/**
 * cx_map_view_set_covered:
 * @start: how many pixels a floating panel covers from the view's start
 *   edge (the left one, left to right), 0 for none
 * @end: the same from the end edge
 *
 * What the view shows of a place chosen from now on is centred in the
 * part no panel covers; and the selection, if a panel now covers it, is
 * brought out from under it, at the same zoom (a click on a place in a
 * narrow window opens its details over it: the map moves aside, no more).
 */
void
cx_map_view_set_covered (CxMapView *self,
                         int        start,
                         int        end)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  start = MAX (start, 0);
  end = MAX (end, 0);
  if (self->covered_start == start && self->covered_end == end)
    return;

  self->covered_start = start;
  self->covered_end = end;
  covered_changed (self);
}

/**
 * cx_map_view_set_card:
 * @width: how wide a card over the view's top start corner is, with its
 *   margin (the presentation card); 0 for none
 * @height: how high
 *
 * What the view is fitted to from now on (and what it was fitted to, if
 * it was not moved since) shows beside or below the card.
 */
void
cx_map_view_set_card (CxMapView *self,
                      int        width,
                      int        height)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  width = MAX (width, 0);
  height = MAX (height, 0);
  if (self->card_width == width && self->card_height == height)
    return;

  self->card_width = width;
  self->card_height = height;
  fit_again (self);
}

/**
 * cx_map_view_fit_extent:
 * @extent: a box (degrees, WGS84): what a scene is about
 * @animate: fly there when animations are on; else jump
 *
 * Shows @extent whole in the part of the view that nothing covers, at the
 * zoom that fills it best, whatever the screen's size.
 *
 * Returns: %TRUE when the map flies there: it arrives when its map emits
 *   #ShumateMap::animation-completed ("go-to"); %FALSE when it is there
 */
gboolean
cx_map_view_fit_extent (CxMapView      *self,
                        const CxBounds *extent,
                        gboolean        animate)
{
  gboolean animations = FALSE;
  int width, height;

  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (extent != NULL && !cx_bounds_is_empty (extent), FALSE);

  self->fit_pending = FALSE;
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      self->pending_bounds = *extent;
      self->bounds_pending = TRUE;
      return FALSE;
    }

  /* As cx_map_view_go_to(): without animations libshumate jumps. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animations, NULL);
  animate = animate && animations && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
            shumate_map_get_go_to_duration (self->map) > 0;
  fit_box (self, extent, cx_data_pack_get_max_zoom (self->pack), width, height, TRUE, animate);
  return animate;
}

/**
 * cx_map_view_get_visible_extent:
 * @extent: (out): the box (degrees, WGS84) shown in the part of the view
 *   no floating panel covers
 *
 * Returns: %FALSE when the view has no size yet
 */
gboolean
cx_map_view_get_visible_extent (CxMapView *self,
                                CxBounds  *extent)
{
  ShumateViewport *viewport;
  int width, height;
  double left, right, cx, cy, scale;

  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  cx_bounds_init_empty (extent);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return FALSE;

  viewport = shumate_map_get_viewport (self->map);
  scale = 256 * exp2 (shumate_viewport_get_zoom_level (viewport));
  cx_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  uncovered_span (self, width, &left, &right);
  cx_mercator_unproject (cx + (left - width / 2.0) / scale, cy + (height / 2.0) / scale,
                         &extent->min_x, &extent->min_y);
  cx_mercator_unproject (cx + (right - width / 2.0) / scale, cy - (height / 2.0) / scale,
                         &extent->max_x, &extent->max_y);
  return TRUE;
}

/**
 * cx_map_view_shows_extent:
 *
 * Returns: whether the view was fitted to @extent (cx_map_view_fit_extent())
 *   and nobody moved it since: fitted again to a new size or a new covered
 *   part, it still shows @extent
 */
gboolean
cx_map_view_shows_extent (CxMapView      *self,
                          const CxBounds *extent)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  return still_fitted (self) &&
         self->fit_extent.min_x == extent->min_x && self->fit_extent.min_y == extent->min_y &&
         self->fit_extent.max_x == extent->max_x && self->fit_extent.max_y == extent->max_y;
}

/* Test hook (cx-map-view-private.h): what the view was last fitted to, and
 * the part of it (widget coordinates) that was fitted into. Returns
 * whether the view still shows it as it was put. */
gboolean
_cx_map_view_get_fit (CxMapView       *self,
                      CxBounds        *extent,
                      graphene_rect_t *uncovered)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  *extent = self->fit_extent;
  *uncovered = self->fit_uncovered;
  return still_fitted (self);
}

/* Test hook: whether the view was fitted, and is where the fit put it (a
 * flight there has ended). */
gboolean
_cx_map_view_fit_arrived (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  return still_fitted (self) && !self->fit_flying;
}

/**
 * cx_map_view_set_presenting:
 *
 * Presentation mode over the map: larger lines and labels in the
 * presentation palette, text sized for the screen (see
 * CxMapView:presentation-scale), and the zoom buttons hidden until the
 * pointer moves (the keyboard's zoom keys work all the same).
 */
void
cx_map_view_set_presenting (CxMapView *self,
                            gboolean   presenting)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  if (self->presenting == !!presenting)
    return;

  self->presenting = !!presenting;
  cx_overlay_layer_set_presentation (self->overlay, presenting);
  if (presenting)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presenting");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presenting");

  g_clear_handle_id (&self->zoom_rest_id, g_source_remove);
  set_zoom_buttons_shown (self, !presenting);
  self->pointer_known = FALSE;

  if (presenting && gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    self->presentation_scale = CLAMP (gtk_widget_get_height (GTK_WIDGET (self)) / PRESENTATION_REFERENCE_HEIGHT, 0.5, 3.0);
  g_clear_handle_id (&self->presentation_scale_idle, g_source_remove);
  apply_presentation_scale (self);
}

/**
 * cx_map_view_set_pen:
 *
 * Turns the presentation pen on or off (P). On, a drag over the map draws
 * a translucent stroke instead of panning, and a tool that was on is off;
 * the strokes stay when it goes off (Esc or Clear Strokes clears them).
 */
void
cx_map_view_set_pen (CxMapView *self,
                     gboolean   pen)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  pen = !!pen;
  if (self->pen == pen)
    return;
  if (pen)
    set_tool (self, FALSE, -1);
  self->pen = pen;
  show_tool_cursor (self, pen);
  if (pen)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  update_pen_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEN]);
}

gboolean
cx_map_view_get_pen (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  return self->pen;
}

/**
 * cx_map_view_clear_strokes:
 *
 * Clears the pen's strokes: those fading and those kept as annotations
 * (removed as one step each, so Ctrl+Z brings them back).
 */
void
cx_map_view_clear_strokes (CxMapView *self)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  cx_pen_layer_clear (self->pen_layer);
  if (self->annotations != NULL)
    {
      g_autoptr(GPtrArray) all = cx_annotations_dup_all (self->annotations);

      for (guint i = all->len; i-- > 0;)
        if (cx_annotation_get_kind (g_ptr_array_index (all, i)) == CX_ANNOTATION_STROKE)
          cx_annotations_remove (self->annotations, i);
    }
  update_pen_actions (self);
}

/**
 * cx_map_view_get_n_strokes:
 *
 * Returns: the pen's strokes shown: fading, being drawn, and kept as
 *   annotations (for tests)
 */
guint
cx_map_view_get_n_strokes (CxMapView *self)
{
  guint n;
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (CX_IS_MAP_VIEW (self), 0);

  n = cx_pen_layer_get_n_strokes (self->pen_layer);
  if (self->annotations == NULL)
    return n;
  all = cx_annotations_dup_all (self->annotations);
  for (guint i = 0; i < all->len; i++)
    if (cx_annotation_get_kind (g_ptr_array_index (all, i)) == CX_ANNOTATION_STROKE)
      n++;
  return n;
}

/* Whether a stroke is being drawn (for tests). */
gboolean
cx_map_view_get_pen_drawing (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  return cx_pen_layer_get_drawing (self->pen_layer);
}

/**
 * cx_map_view_set_tools_shown:
 *
 * Shows or hides the presenter's tools bar over the map (the window shows
 * it while presenting, unless F9 hid it with the panels).
 */
void
cx_map_view_set_tools_shown (CxMapView *self,
                             gboolean   shown)
{
  int tools_end = 0;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  gtk_widget_set_visible (self->tools_bar, shown);
  /* The bar floats over the end edge: what the view shows is fitted beside
   * it, as beside a panel, so that the district's end is not under it. */
  if (shown)
    {
      int natural;

      gtk_widget_measure (self->tools_bar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      tools_end = natural + gtk_widget_get_margin_end (self->tools_bar) + gtk_widget_get_margin_start (self->tools_bar);
    }
  if (tools_end == self->tools_end)
    return;
  self->tools_end = tools_end;
  covered_changed (self);
}

/**
 * cx_map_view_get_tools_bar:
 *
 * Returns: (transfer none): the tools bar, for tests
 */
GtkWidget *
cx_map_view_get_tools_bar (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL);

  return self->tools_bar;
}

gboolean
cx_map_view_get_presenting (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  return self->presenting;
}

double
cx_map_view_get_presentation_scale (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), 1);

  return self->presentation_scale;
}

/* The tools share the points, the clicks and the crosshair: @kind is the
 * annotation tool drawing with them (-1 for measuring, or for none). */
static void
set_tool (CxMapView *self,
          gboolean   on,
          int        kind)
{
  GtkWidget *overlay;
  double left, right, lat = 0, lon = 0;
  gboolean was_measuring = cx_map_view_get_measuring (self);
  int was_kind = self->annotate_kind;

  on = !!on;
  if (!on)
    kind = -1;
  if (self->measuring == on && self->annotate_kind == kind)
    return;

  /* A tool's Enter and arrows are its own, not a picked vertex's. */
  if (on && self->edited_vertex >= 0)
    set_edited_vertex (self, -1);
  self->measuring = on;
  self->annotate_kind = kind;
  if (on)
    cx_map_view_set_pen (self, FALSE);
  cx_measure_clear (self->measure);
  cx_measure_set_area (self->measure, kind == CX_ANNOTATION_POLYGON);
  if (on)
    {
      overlay = GTK_WIDGET (self->overlay);
      uncovered_span (self, gtk_widget_get_width (overlay), &left, &right);
      cx_overlay_layer_widget_to_location (self->overlay, (left + right) / 2,
                                           gtk_widget_get_height (overlay) / 2.0, &lat, &lon);
    }
  move_crosshair_to (self, lat, lon);
  /* The bar reads out a measurement; drawing a mark needs none. */
  gtk_widget_set_visible (self->measure_bar, on && kind < 0);
  show_tool_cursor (self, on);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.measure-point", on);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.measure-undo", on);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.measure-leave", on);
  if (on)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (was_measuring != cx_map_view_get_measuring (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURING]);
  if (was_kind != kind)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATING]);
}

/**
 * cx_map_view_set_measuring:
 *
 * Turns the measure tool on or off. On, the bar shows over the map, the
 * keyboard comes to the map, and a crosshair waits in the middle of the
 * part of it nothing covers; off, the measurement is cleared. Either way
 * an annotation tool that was on is off.
 */
void
cx_map_view_set_measuring (CxMapView *self,
                           gboolean   measuring)
{
  g_return_if_fail (CX_IS_MAP_VIEW (self));

  set_tool (self, measuring, -1);
}

gboolean
cx_map_view_get_measuring (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), FALSE);

  return self->measuring && self->annotate_kind < 0;
}

/**
 * cx_map_view_get_measure:
 *
 * Returns: (transfer none): the measure tool's points
 */
CxMeasure *
cx_map_view_get_measure (CxMapView *self)
{
  g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL);

  return self->measure;
}
