/* bench-overlay.c: drawing the overlay, and finding the feature at a point
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-overlay [--runs N] [--points N] [--naive-max N] [--skip-naive] [--skip-hit]
 *
 * overlay: frames of the overlay at 1280×800, centred on the district at
 * zooms 11, 14 and 17, for two scenes: the Changning pack, and the pack
 * under a generated layer of 10,000 polygons of 100 vertices each
 * (1,000,000 vertices; cx_import_bytes() on a generated document, as an
 * import would). A frame is what the widget's snapshot() makes
 * (cx_overlay_layer_snapshot_view()), rendered offscreen into a texture by
 * GskCairoRenderer: the CPU's work, without the fixed cost of Mesa's
 * llvmpipe GL under Xvfb (GSK_RENDERER=gl measures that instead; an empty
 * frame's cost is printed for either). The figure is the median frame
 * while panning 12 px right and 5 px down a frame for 90 frames, which
 * brings new tiles into view; its p95 and maximum, the first frame with
 * nothing cached and the time until the view is fully drawn (the worker
 * thread's tiles included) are printed below the table.
 *
 * The baseline is the naive way: one ShumatePathLayer per shape, each
 * snapshotted (its snapshot() vfunc, as GTK calls it every frame) and
 * rendered by the same renderer. Path layers cache nothing, so each of
 * their frames costs the same. They draw no markers or labels, so the
 * baseline does less than the overlay.
 *
 * hit: cx_overlay_layer_feature_at() on the widget-sized layer at random
 * points of the 1280×800 view, among the pack and the 10,000 polygons.
 * The baseline is the plain scan the overlay used before it had an index:
 * every feature, topmost first, point-in-polygon without a bounding box.
 * Every answer is checked against the baseline's.
 *
 * labels: the pack under 2,000 imported points with titles (every one a
 * label to place; at zoom 13, where imported names show, all in view),
 * frames while panning as above at zooms 13, 14 and 17;
 * the baseline is the same points without titles, so the ratio is what
 * placing and drawing the labels costs. The notes say how many labels
 * are placed at each zoom, the pack's and the points'; a row checks that
 * at zoom 14, where the points' markers leave no box free, the pack's
 * areas' names (ranked above every point) are all placed. Then the placer alone
 * (cx-label-placer.c) on 500 to 8,000 synthetic labels in a 1280×800 view,
 * against the four-position loop the overlay had before (each label
 * compared with every one placed before it), kept below as it was: the
 * notes give the cost per label of each, which stays flat for the placer
 * and grows with the count for the loop.
 *
 * Needs a display (for GTK); build-aux/bench runs it under Xvfb.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <shumate/shumate.h>

#include "bench-common.h"
#include "bench-geojson.h"
#include "cx-data-pack.h"
#include "cx-feature.h"
#include "cx-layer.h"
#include "cx-import.h"
#include "cx-label-placer.h"
#include "cx-overlay-private.h"

#define WIDTH 1280
#define HEIGHT 800
/* The middle of the district, where the app opens. */
#define CENTRE_LAT 31.2135
#define CENTRE_LON 121.381

#define GEN_POLYGONS 10000
#define GEN_VERTICES 100

static double zooms[] = { 11, 14, 17 };
static guint n_zooms = G_N_ELEMENTS (zooms);

static int runs = 11;
static int n_points = 2000;
static int naive_max = GEN_POLYGONS;
static gboolean skip_naive;
static gboolean skip_hit;
static gboolean skip_labels;
static gboolean labels_only;
static char *only_scene;   /* "pack" or "generated", for profiling */
static double only_zoom;   /* one zoom, for profiling */

/* ------------------------------------------------------------------ */
/* Timing a frame                                                      */
/* ------------------------------------------------------------------ */

/* Frames are drawn as the app's are: a render node, rendered by the GSK
 * renderer GTK picks for a window on this display (GL on Mesa under Xvfb,
 * or GSK_RENDERER), into a texture, which waits for the last pixel. */
static GskRenderer *renderer;
static double empty_frame_ms;

static void
present (GskRenderNode *node)
{
  if (node != NULL)
    {
      GdkTexture *texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));

      g_object_unref (texture);
      gsk_render_node_unref (node);
    }
}

typedef GskRenderNode *(*DrawFunc) (double zoom, gpointer data);

/* Median milliseconds of @n_runs frames, after @n_warm that warm the caches. */
static double
time_frames (DrawFunc  draw,
             double    zoom,
             gpointer  data,
             int       n_warm,
             int       n_runs)
{
  g_autofree double *times = g_new0 (double, n_runs);

  for (int r = -n_warm; r < n_runs; r++)
    {
      double start = bench_now_us ();

      present (draw (zoom, data));
      if (r >= 0)
        times[r] = (bench_now_us () - start) / 1000.0;
    }

  return bench_median (times, n_runs);
}

/* One frame as the widget makes it: cx_overlay_layer_snapshot_view() (the
 * widget's snapshot() for a given view), then rendered. */
static void
draw_overlay_moving (CxOverlayLayer *overlay,
                     double          zoom,
                     double          dx_px,
                     double          dy_px,
                     gboolean        zoom_moving)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  double mx, my, lat, lon, world = 256 * exp2 (zoom);

  cx_mercator_project (CENTRE_LON, CENTRE_LAT, &mx, &my);
  cx_mercator_unproject (mx + dx_px / world, my + dy_px / world, &lon, &lat);
  cx_overlay_layer_snapshot_view (overlay, snapshot, !GSK_IS_CAIRO_RENDERER (renderer), zoom_moving,
                                  WIDTH, HEIGHT, lat, lon, zoom);
  present (gtk_snapshot_free_to_node (snapshot));
}

static void
draw_overlay_at (CxOverlayLayer *overlay,
                 double          zoom,
                 double          dx_px,
                 double          dy_px)
{
  draw_overlay_moving (overlay, zoom, dx_px, dy_px, FALSE);
}


/* What the main loop does between two frames: tiles a worker finished are
 * taken in. */
static void
run_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_tiles (CxOverlayLayer *overlay)
{
  while (cx_overlay_layer_get_n_pending_tiles (overlay) > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* A zoom animation from @zoom to one level in, 15 frames (a quarter of a
 * second at 60 Hz), from a complete view: median and p95 ms per frame, the
 * frames told the zoom is moving (as the widget tells them) or not. */
#define ZOOM_FRAMES 15

static void
time_zoom_animation (CxOverlayLayer *overlay,
                     double          zoom,
                     gboolean        zoom_moving,
                     double         *median,
                     double         *p95)
{
  double times[ZOOM_FRAMES];

  wait_for_tiles (overlay);
  run_main_loop ();
  cx_overlay_layer_drop_tiles (overlay);
  draw_overlay_at (overlay, zoom, 0, 0);
  wait_for_tiles (overlay);
  run_main_loop ();
  draw_overlay_at (overlay, zoom, 0, 0);

  for (int k = 0; k < ZOOM_FRAMES; k++)
    {
      double start;

      run_main_loop ();
      start = bench_now_us ();
      draw_overlay_moving (overlay, zoom + (k + 1.0) / ZOOM_FRAMES, 0, 0, zoom_moving && k + 1 < ZOOM_FRAMES);
      times[k] = (bench_now_us () - start) / 1000;
    }
  wait_for_tiles (overlay);
  run_main_loop ();

  *median = bench_median (times, ZOOM_FRAMES);
  *p95 = bench_quantile (times, ZOOM_FRAMES, 0.95);
}

typedef struct
{
  double pan_median, pan_p95, pan_max;   /* ms per frame while panning */
  double cold;                           /* ms of the first frame, nothing cached */
  double complete;                       /* ms until the first view is fully drawn */
} OverlayTimes;

#define PAN_FRAMES 90
#define PAN_STEP_PX 12

static OverlayTimes
time_overlay (CxOverlayLayer *overlay,
              double          zoom,
              int             n_runs)
{
  g_autofree double *cold = g_new0 (double, n_runs);
  g_autofree double *complete = g_new0 (double, n_runs);
  g_autofree double *pan = g_new0 (double, PAN_FRAMES);
  OverlayTimes t;

  for (int r = -1; r < n_runs; r++)
    {
      double start, first;

      wait_for_tiles (overlay);
      run_main_loop ();
      cx_overlay_layer_drop_tiles (overlay);
      start = bench_now_us ();
      draw_overlay_at (overlay, zoom, 0, 0);
      first = bench_now_us ();
      /* Then as the main loop would: take the tiles in, draw again. */
      wait_for_tiles (overlay);
      run_main_loop ();
      draw_overlay_at (overlay, zoom, 0, 0);
      if (r >= 0)
        {
          cold[r] = (first - start) / 1000;
          complete[r] = (bench_now_us () - start) / 1000;
        }
    }

  /* Panning from the view drawn above: each frame moves the map 12 px
   * right and 5 px down (1080 px in all: new tiles come into view). */
  for (int r = 0; r < PAN_FRAMES; r++)
    {
      double start;

      run_main_loop ();
      start = bench_now_us ();
      draw_overlay_at (overlay, zoom, (r + 1) * PAN_STEP_PX, (r + 1) * PAN_STEP_PX * 5 / 12.0);
      pan[r] = (bench_now_us () - start) / 1000;
    }
  wait_for_tiles (overlay);
  run_main_loop ();

  t.cold = bench_median (cold, n_runs);
  t.complete = bench_median (complete, n_runs);
  t.pan_median = bench_median (pan, PAN_FRAMES);
  t.pan_p95 = bench_quantile (pan, PAN_FRAMES, 0.95);
  t.pan_max = bench_quantile (pan, PAN_FRAMES, 1.0);

  return t;
}

/* ------------------------------------------------------------------ */
/* The naive way: one ShumatePathLayer per shape                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  ShumateViewport *viewport;
  GPtrArray       *layers;     /* ShumatePathLayer, owned */
  guint            n_features;
} Naive;

static void
to_rgba (const CxColor *c,
         GdkRGBA       *rgba)
{
  *rgba = (GdkRGBA) { c->red, c->green, c->blue, c->alpha };
}

static void
naive_add_part (Naive         *naive,
                const CxCoord *coords,
                guint          n,
                gboolean       areal,
                const CxStyle *style)
{
  ShumatePathLayer *layer = shumate_path_layer_new (naive->viewport);
  GdkRGBA rgba;
  int min, nat;

  shumate_path_layer_set_closed (layer, areal);
  shumate_path_layer_set_fill (layer, areal && style->has_fill);
  to_rgba (&style->fill, &rgba);
  shumate_path_layer_set_fill_color (layer, &rgba);
  to_rgba (&style->stroke, &rgba);
  shumate_path_layer_set_stroke_color (layer, &rgba);
  shumate_path_layer_set_stroke (layer, style->stroke_width > 0);
  shumate_path_layer_set_stroke_width (layer, CLAMP (style->stroke_width, 0, 100));
  if (style->n_dashes > 0)
    {
      GList *dashes = NULL;

      for (guint i = style->n_dashes; i-- > 0;)
        dashes = g_list_prepend (dashes, GUINT_TO_POINTER ((guint) MAX (1, style->dashes[i])));
      shumate_path_layer_set_dash (layer, dashes);
      g_list_free (dashes);
    }

  /* add_node() prepends: add them last to first. */
  for (guint i = n; i-- > 0;)
    shumate_path_layer_add_node (layer, SHUMATE_LOCATION (shumate_coordinate_new_full (coords[i].y, coords[i].x)));

  g_object_ref_sink (layer);
  gtk_widget_measure (GTK_WIDGET (layer), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (layer), GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_allocate (GTK_WIDGET (layer), WIDTH, HEIGHT, -1, NULL);
  g_ptr_array_add (naive->layers, layer);
}

/* A path layer has one ring: a polygon's holes are left out, a
 * multipolygon is a layer per polygon, a multi-line a layer per line.
 * Points have no path-layer equivalent and are left out. */
static void
naive_add_geometry (Naive         *naive,
                    CxGeometry    *geometry,
                    const CxStyle *style)
{
  CxGeometryType type = cx_geometry_get_geometry_type (geometry);

  if (type == CX_GEOMETRY_POINT)
    return;

  naive->n_features++;
  if (cx_geometry_type_is_areal (type))
    for (guint p = 0; p < cx_geometry_get_n_polygons (geometry); p++)
      {
        guint first, n_parts, n;
        const CxCoord *ring;

        cx_geometry_get_polygon_parts (geometry, p, &first, &n_parts);
        ring = cx_geometry_get_part (geometry, first, &n);
        naive_add_part (naive, ring, n, TRUE, style);
      }
  else
    for (guint i = 0; i < cx_geometry_get_n_parts (geometry); i++)
      {
        guint n;
        const CxCoord *part = cx_geometry_get_part (geometry, i, &n);

        naive_add_part (naive, part, n, FALSE, style);
      }
}

static Naive *
naive_new (CxDataPack      *pack,
           CxImportedLayer *imported,
           guint            n_imported)
{
  g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
  Naive *naive = g_new0 (Naive, 1);
  GListModel *layers = cx_data_pack_get_layers (pack);

  naive->viewport = shumate_viewport_new ();
  /* Only for its tile size (256), which maps zoom levels to pixels; no
   * tile is ever asked for. */
  shumate_viewport_set_reference_map_source (naive->viewport,
                                             shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK));
  shumate_location_set_location (SHUMATE_LOCATION (naive->viewport), CENTRE_LAT, CENTRE_LON);
  naive->layers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
      GListModel *features = cx_layer_get_features (layer);

      for (guint i = 0; i < g_list_model_get_n_items (features); i++)
        {
          g_autoptr(CxFeature) feature = g_list_model_get_item (features, i);

          naive_add_geometry (naive, cx_feature_get_geometry (feature), cx_layer_get_style (layer));
        }
    }

  if (imported != NULL)
    {
      GListModel *features = cx_imported_layer_get_features (imported);

      for (guint i = 0; i < MIN (n_imported, g_list_model_get_n_items (features)); i++)
        {
          g_autoptr(CxImportedFeature) feature = g_list_model_get_item (features, i);

          naive_add_geometry (naive, cx_imported_feature_get_geometry (feature),
                              cx_imported_feature_get_style (feature));
        }
    }

  return naive;
}

static void
naive_free (Naive *naive)
{
  g_ptr_array_unref (naive->layers);
  g_object_unref (naive->viewport);
  g_free (naive);
}

static GskRenderNode *
draw_naive (double    zoom,
            gpointer  data)
{
  Naive *naive = data;
  GtkSnapshot *snapshot;

  shumate_viewport_set_zoom_level (naive->viewport, zoom);

  snapshot = gtk_snapshot_new ();
  for (guint i = 0; i < naive->layers->len; i++)
    {
      GtkWidget *layer = g_ptr_array_index (naive->layers, i);

      GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
    }
  return gtk_snapshot_free_to_node (snapshot);
}

/* ------------------------------------------------------------------ */
/* The overlay benchmark                                               */
/* ------------------------------------------------------------------ */

static void
format_ms (char   *buf,
           gsize   size,
           double  ms)
{
  if (ms >= 1000)
    g_snprintf (buf, size, "%.2f s", ms / 1000);
  else if (ms >= 10)
    g_snprintf (buf, size, "%.1f ms", ms);
  else
    g_snprintf (buf, size, "%.2f ms", ms);
}

static void
bench_overlay (CxDataPack      *pack,
               CxOverlayLayer  *pack_overlay,
               CxOverlayLayer  *gen_overlay,
               CxImportedLayer *generated)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  Naive *pack_naive = NULL, *gen_naive = NULL;
  guint n_naive = MIN ((guint) naive_max, GEN_POLYGONS);
  gboolean extrapolated = n_naive < GEN_POLYGONS;

  if (!skip_naive)
    {
      double start = bench_now_us ();

      pack_naive = naive_new (pack, NULL, 0);
      gen_naive = naive_new (pack, generated, n_naive);
      g_string_append_printf (notes,
                              "  naive: %u path layers for the pack's %u shapes (points have none); %u for the pack + %u generated polygons; built in %.1f s\n",
                              pack_naive->layers->len, pack_naive->n_features,
                              gen_naive->layers->len, n_naive, (bench_now_us () - start) / 1e6);
    }

  for (guint scene = 0; scene < 2; scene++)
    for (guint z = 0; z < n_zooms; z++)
      {
        CxOverlayLayer *overlay = scene == 0 ? pack_overlay : gen_overlay;

        if (only_scene != NULL && g_strcmp0 (only_scene, scene == 0 ? "pack" : "generated") != 0)
          continue;
        Naive *naive = scene == 0 ? pack_naive : gen_naive;
        double target = scene == 0 ? 8 : 16;
        /* Drawing the generated scene from nothing takes a second: fewer runs. */
        OverlayTimes t = time_overlay (overlay, zooms[z], scene == 0 ? runs : MIN (runs, 5));
        double ms = t.pan_median;
        double naive_ms = NAN;
        char name[96], median[32], baseline[32] = "—", ratio[32] = "—", target_text[32];
        char cold[32], complete[32], p95[32], max[32];
        const char *baseline_is = "—";
        gboolean met = ms <= target;

        if (naive != NULL)
          {
            /* The naive way is slow: 5 runs is the minimum, and plenty. */
            naive_ms = time_frames (draw_naive, zooms[z], naive, 1, 5);
            if (scene == 1 && extrapolated)
              {
                /* Each path layer costs the same whatever it holds (a full
                 * viewport surface): scale what the generated ones cost. */
                double pack_ms = time_frames (draw_naive, zooms[z], pack_naive, 1, 5);
                double per_feature = (naive_ms - pack_ms) / n_naive;

                g_string_append_printf (notes, "  naive z%.0f: pack %.1f ms + %u polygons %.1f ms → %.3f ms per polygon, × %d = %.0f ms (extrapolated)\n",
                                        zooms[z], pack_ms, n_naive, naive_ms - pack_ms, per_feature, GEN_POLYGONS,
                                        pack_ms + per_feature * GEN_POLYGONS);
                naive_ms = pack_ms + per_feature * GEN_POLYGONS;
              }
            format_ms (baseline, sizeof baseline, naive_ms);
            bench_format_speedup (ratio, sizeof ratio, naive_ms / ms);
            baseline_is = scene == 1 && extrapolated ? "naive, extrapolated (see note)" : "naive: a ShumatePathLayer/shape";
            met = met && naive_ms / ms >= 10;
          }

        g_snprintf (name, sizeof name, "%s, zoom %.0f, frame while panning",
                    scene == 0 ? "pack" : "pack + 10k polygons (1M vertices)", zooms[z]);
        format_ms (median, sizeof median, ms);
        g_snprintf (target_text, sizeof target_text, "≤ %.0f ms, ≥ 10×", target);
        bench_print_row ("overlay", name, median, baseline, baseline_is, ratio, target_text, bench_status (met));

        format_ms (cold, sizeof cold, t.cold);
        format_ms (complete, sizeof complete, t.complete);
        format_ms (p95, sizeof p95, t.pan_p95);
        format_ms (max, sizeof max, t.pan_max);
        g_string_append_printf (notes, "  %s z%.0f: panning p95 %s, max %s (%d frames); first frame with nothing cached %s on the main thread; view fully drawn after %s%s%s\n",
                                scene == 0 ? "pack" : "10k", zooms[z], p95, max, PAN_FRAMES, cold, complete,
                                naive != NULL ? ", naive " : "", naive != NULL ? baseline : "");
        if (zooms[z] < 17)
          {
            double moving_median, moving_p95, asking_median, asking_p95;

            time_zoom_animation (overlay, zooms[z], TRUE, &moving_median, &moving_p95);
            time_zoom_animation (overlay, zooms[z], FALSE, &asking_median, &asking_p95);
            g_string_append_printf (notes, "  %s z%.0f→%.0f zoom animation (%d frames): median %.2f ms, p95 %.2f ms; asking every frame for its tiles instead: median %.2f ms, p95 %.2f ms\n",
                                    scene == 0 ? "pack" : "10k", zooms[z], zooms[z] + 1, ZOOM_FRAMES,
                                    moving_median, moving_p95, asking_median, asking_p95);
          }
      }

  printf ("%s", notes->str);
  g_clear_pointer (&pack_naive, naive_free);
  g_clear_pointer (&gen_naive, naive_free);
}

/* ------------------------------------------------------------------ */
/* The hit test                                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  GObject    *object;     /* owned: an imported layer's features are made when asked
                           * for, the same object while someone holds one, so the
                           * overlay's hits can be compared with these */
  CxGeometry *projected;  /* owned */
  double      stroke_width;
} ScanItem;

static CxGeometry *
project (CxGeometry *geometry)
{
  CxGeometry *projected = cx_geometry_new (cx_geometry_get_geometry_type (geometry));
  guint n_polygons = cx_geometry_get_n_polygons (geometry);

  if (n_polygons == 0)
    {
      for (guint r = 0; r < cx_geometry_get_n_parts (geometry); r++)
        {
          guint n;
          const CxCoord *c = cx_geometry_get_part (geometry, r, &n);

          for (guint i = 0; i < n; i++)
            {
              double x, y;

              cx_mercator_project (c[i].x, c[i].y, &x, &y);
              cx_geometry_add_coord (projected, x, y);
            }
          cx_geometry_close_part (projected);
        }
      return projected;
    }

  for (guint p = 0; p < n_polygons; p++)
    {
      guint first, n_parts;

      cx_geometry_get_polygon_parts (geometry, p, &first, &n_parts);
      for (guint r = first; r < first + n_parts; r++)
        {
          guint n;
          const CxCoord *c = cx_geometry_get_part (geometry, r, &n);

          for (guint i = 0; i < n; i++)
            {
              double x, y;

              cx_mercator_project (c[i].x, c[i].y, &x, &y);
              cx_geometry_add_coord (projected, x, y);
            }
          cx_geometry_close_part (projected);
        }
      cx_geometry_close_polygon (projected);
    }
  return projected;
}

static void
scan_item_clear (gpointer data)
{
  ScanItem *item = data;

  g_clear_object (&item->object);
  g_clear_pointer (&item->projected, cx_geometry_unref);
}

static GArray *
scan_items_new (CxDataPack      *pack,
                CxImportedLayer *imported)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (ScanItem));
  GListModel *layers = cx_data_pack_get_layers (pack);
  GListModel *features = cx_imported_layer_get_features (imported);

  g_array_set_clear_func (items, scan_item_clear);
  for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
      GListModel *pack_features = cx_layer_get_features (layer);

      for (guint i = 0; i < g_list_model_get_n_items (pack_features); i++)
        {
          g_autoptr(CxFeature) feature = g_list_model_get_item (pack_features, i);
          ScanItem item = { g_object_ref (G_OBJECT (feature)), project (cx_feature_get_geometry (feature)),
                            cx_layer_get_style (layer)->stroke_width };

          g_array_append_val (items, item);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxImportedFeature) feature = g_list_model_get_item (features, i);
      ScanItem item = { g_object_ref (G_OBJECT (feature)), project (cx_imported_feature_get_geometry (feature)),
                        cx_imported_feature_get_style (feature)->stroke_width };

      g_array_append_val (items, item);
    }

  return items;
}

/* The overlay's hit test as it was before the index, on the same frame:
 * markers first, then every shape from the top down. */
static GObject *
scan_feature_at (GArray *items,
                 double  ux,
                 double  uy,
                 double  world,
                 double  style_scale)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = items->len; i-- > 0;)
      {
        const ScanItem *item = &g_array_index (items, ScanItem, i);
        CxGeometryType type = cx_geometry_get_geometry_type (item->projected);

        if ((type == CX_GEOMETRY_POINT) != (pass == 0))
          continue;
        if (type == CX_GEOMETRY_POINT)
          {
            /* The nearest of its points: a MultiPoint has several. */
            if (cx_geometry_distance_to_lines (item->projected, ux, uy) * world <= 6.0 * style_scale + 4.0)
              return item->object;
          }
        else if (cx_geometry_type_is_linear (type))
          {
            if (cx_geometry_distance_to_lines (item->projected, ux, uy) * world <= 6.0 + item->stroke_width * style_scale / 2)
              return item->object;
          }
        else if (cx_geometry_contains (item->projected, ux, uy))
          return item->object;
      }
  return NULL;
}

static void
bench_hit (CxDataPack      *pack,
           CxImportedLayer *generated)
{
  g_autoptr(ShumateViewport) viewport = shumate_viewport_new ();
  CxOverlayLayer *overlay = g_object_ref_sink (cx_overlay_layer_new (viewport, pack));
  g_autoptr(GArray) scan = scan_items_new (pack, generated);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  int min, nat;

  cx_overlay_layer_add_imported (overlay, generated);
  gtk_widget_measure (GTK_WIDGET (overlay), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (overlay), GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_allocate (GTK_WIDGET (overlay), WIDTH, HEIGHT, -1, NULL);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CENTRE_LAT, CENTRE_LON);

  for (guint z = 0; z < n_zooms; z++)
    {
      int n = n_points * 5;   /* five runs' worth, pooled */
      g_autofree double *indexed = g_new0 (double, n);
      g_autofree double *linear = g_new0 (double, n);
      g_autofree CxCoord *points = g_new0 (CxCoord, n);
      g_autofree GObject **found = g_new0 (GObject *, n);
      double world = 256 * exp2 (zooms[z]);
      double style_scale = CLAMP (exp2 ((zooms[z] - 14) * 0.3), 0.7, 1.5);
      double cx, cy, im, lm;
      guint hits = 0, mismatches = 0;
      char name[64], median[32], baseline[32], ratio[32];

      shumate_viewport_set_zoom_level (viewport, zooms[z]);
      cx_mercator_project (CENTRE_LON, CENTRE_LAT, &cx, &cy);

      /* Each loop on its own, so that the scan's megabytes of coordinates
       * do not push the index out of the caches between two queries. */
      for (int i = 0; i < n; i++)
        {
          points[i].x = g_rand_double_range (rand, 0, WIDTH);
          points[i].y = g_rand_double_range (rand, 0, HEIGHT);
        }
      for (int i = 0; i < n; i++)
        {
          double start = bench_now_us ();

          found[i] = cx_overlay_layer_feature_at (overlay, points[i].x, points[i].y);
          indexed[i] = bench_now_us () - start;
        }
      for (int i = 0; i < n; i++)
        {
          double ux = (points[i].x - WIDTH / 2.0) / world + cx;
          double uy = (points[i].y - HEIGHT / 2.0) / world + cy;
          double start = bench_now_us ();
          GObject *expected = scan_feature_at (scan, ux, uy, world, style_scale);

          linear[i] = bench_now_us () - start;
          hits += found[i] != NULL;
          mismatches += found[i] != expected;
        }

      im = bench_median (indexed, n);
      lm = bench_median (linear, n);
      g_snprintf (name, sizeof name, "10k polygons + pack, zoom %.0f", zooms[z]);
      g_snprintf (median, sizeof median, "%.1f µs", im);
      g_snprintf (baseline, sizeof baseline, "%.1f µs", lm);
      bench_format_speedup (ratio, sizeof ratio, lm / im);
      bench_print_row ("hit", name, median, baseline, "linear scan, no index", ratio, "≤ 50 µs",
                       bench_status (im <= 50 && mismatches == 0));
      printf ("  hit z%.0f: %d random points, %u on a feature, %u answers differ from the scan; p90 %.1f µs\n",
               zooms[z], n, hits, mismatches, bench_quantile (indexed, n, 0.9));
    }

  g_object_unref (overlay);
}

/* ------------------------------------------------------------------ */
/* Labels                                                              */
/* ------------------------------------------------------------------ */

#define LABEL_POINTS 2000

static const double label_zooms[] = { 13, 14, 17 };

/* @n points scattered over the district, with titles ("Bakery 17, Yuyuan
 * Road") or none; the same points either way. */
static GBytes *
generate_points (guint    n,
                 gboolean titled,
                 guint32  seed)
{
  static const char * const kinds[] = {
    "Café", "Bookshop", "Clinic", "Bakery", "Pharmacy", "Noodle House", "Community Centre", "Gallery",
  };
  static const char * const streets[] = {
    "Yan'an West", "Changning", "Yuyuan", "Tianshan", "Xianxia", "Hongqiao", "Wuyi", "Dingxi", "Gubei",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; i < n; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];
      const char *kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
      const char *street = streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))];

      g_ascii_dtostr (lon, sizeof lon, g_rand_double_range (rand, BENCH_WEST, BENCH_EAST));
      g_ascii_dtostr (lat, sizeof lat, g_rand_double_range (rand, BENCH_SOUTH, BENCH_NORTH));
      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{", i == 0 ? "" : ",");
      if (titled)
        g_string_append_printf (json, "\"title\":\"%s %u, %s Road\"", kind, i, street);
      g_string_append_printf (json, "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}", lon, lat);
    }
  g_string_append (json, "]}");

  return g_string_free_to_bytes (json);
}

typedef struct
{
  double x, y, w, h;
} Box;

/* The overlay's placement before the placer, as it was: four positions
 * around each point (right, left, below, above), each compared with every
 * label placed before it; nothing else counted. */
static guint
four_position_loop (const Box *labels,
                    guint      n,
                    double     gap,
                    GArray    *placed)
{
  g_array_set_size (placed, 0);
  for (guint i = 0; i < n; i++)
    {
      const Box *l = &labels[i];
      double offsets[4][2] = {
        { gap, -l->h / 2 }, { -gap - l->w, -l->h / 2 }, { -l->w / 2, gap - 2 }, { -l->w / 2, -gap - l->h + 2 },
      };

      for (guint k = 0; k < 4; k++)
        {
          Box box = { l->x + offsets[k][0] - 2, l->y + offsets[k][1] - 1, l->w + 4, l->h + 2 };
          gboolean clash = FALSE;

          for (guint p = 0; p < placed->len && !clash; p++)
            {
              const Box *b = &g_array_index (placed, Box, p);

              clash = box.x < b->x + b->w && b->x < box.x + box.w && box.y < b->y + b->h && b->y < box.y + box.h;
            }
          if (!clash)
            {
              g_array_append_val (placed, box);
              break;
            }
        }
    }
  return placed->len;
}

static guint
run_placer (CxLabelPlacer *placer,
            const Box     *labels,
            guint          n,
            double         width,
            double         height,
            double         gap,
            guint64        state)
{
  CxLabelView view = { width, height, 1, 0, 0, 0, 1, 0 };
  guint placed = 0;

  cx_label_placer_begin (placer, &view, state);
  for (guint i = 0; i < n; i++)
    cx_label_placer_add_marker (placer, GUINT_TO_POINTER (i + 1), labels[i].x, labels[i].y, 8);
  for (guint i = 0; i < n; i++)
    {
      CxLabelSpec spec = { GUINT_TO_POINTER (i + 1), CX_LABEL_KIND_POINT, FALSE, FALSE, 0, i,
                           labels[i].w + 4, labels[i].h + 2, gap };
      guint label = cx_label_placer_add_label (placer, &spec);

      cx_label_placer_add_anchor (placer, label, labels[i].x, labels[i].y);
    }
  cx_label_placer_run (placer);
  for (guint i = 0; i < n; i++)
    {
      CxLabelRect box;

      placed += cx_label_placer_get_box (placer, i, &box);
    }
  return placed;
}

/* The placer alone, and the old loop, on synthetic labels as dense as the
 * 2,000 points are at zoom 14 (about 550 in a 1280×800 view), in views as
 * many times larger as there are labels: the labels placed grow with the
 * count, as in a large window, or a page. */
#define LABELS_PER_VIEW 550

static void
bench_label_placement (GString *notes)
{
  static const guint counts[] = { 500, 1000, 2000, 4000, 8000 };
  g_autoptr(CxLabelPlacer) placer = cx_label_placer_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  double at_4000_ms = 0;

  g_string_append_printf (notes, "  placement alone, per label (%u labels to a 1280×800 view, markers of 8 px; "
                          "8 positions, against labels, markers and edges; the old loop 4, against labels only):",
                          LABELS_PER_VIEW);
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      guint n = counts[c];
      double scale = sqrt ((double) n / LABELS_PER_VIEW);
      double width = WIDTH * scale, height = HEIGHT * scale;
      int n_runs = MAX (runs, 7);
      g_autofree double *ours = g_new (double, n_runs);
      g_autofree double *loop = g_new (double, n_runs);
      g_autofree Box *labels = g_new (Box, n);
      g_autoptr(GRand) rand = g_rand_new_with_seed (3);
      guint n_ours = 0, n_loop = 0;
      double ours_ms, loop_ms;

      /* Labels of 60 to 240 px by 17, the sizes the overlay's are. */
      for (guint i = 0; i < n; i++)
        labels[i] = (Box) { g_rand_double_range (rand, 0, width), g_rand_double_range (rand, 0, height),
                            g_rand_double_range (rand, 60, 240), 17 };

      /* Alternated, each from nothing (a new state: nothing remembered). */
      for (int r = -1; r < n_runs; r++)
        {
          double start = bench_now_us ();

          n_ours = run_placer (placer, labels, n, width, height, 11, (guint64) r + 2);
          if (r >= 0)
            ours[r] = (bench_now_us () - start) / 1000;
          start = bench_now_us ();
          n_loop = four_position_loop (labels, n, 11, placed);
          if (r >= 0)
            loop[r] = (bench_now_us () - start) / 1000;
        }
      ours_ms = bench_median (ours, n_runs);
      loop_ms = bench_median (loop, n_runs);
      g_string_append_printf (notes, "%s %u labels %.2f µs (%u placed), old loop %.2f µs (%u placed)",
                              c == 0 ? "" : ";", n, ours_ms * 1000 / n, n_ours, loop_ms * 1000 / n, n_loop);

      if (n == 4000)
        at_4000_ms = ours_ms;
      if (n == LABEL_POINTS)
        {
          char name[64], median[32], baseline[32], ratio[32];

          g_snprintf (name, sizeof name, "placement alone, %u labels, %.0f×%.0f", n, width, height);
          g_snprintf (median, sizeof median, "%.2f ms", ours_ms);
          g_snprintf (baseline, sizeof baseline, "%.2f ms", loop_ms);
          bench_format_speedup (ratio, sizeof ratio, loop_ms / ours_ms);
          /* Half a 60 Hz frame. */
          bench_print_row ("labels", name, median, baseline, "the old 4-position loop", ratio,
                           "≤ 8 ms", bench_status (ours_ms <= 8));
        }
      else if (c + 1 == G_N_ELEMENTS (counts))
        {
          char name[64], median[32], baseline[32], ratio[32], target[32];

          g_snprintf (name, sizeof name, "placement alone, %u labels, %.0f×%.0f", n, width, height);
          g_snprintf (median, sizeof median, "%.2f ms", ours_ms);
          g_snprintf (baseline, sizeof baseline, "%.2f ms", loop_ms);
          bench_format_speedup (ratio, sizeof ratio, loop_ms / ours_ms);
          /* Linear: twice the labels of 4,000, each costing at most a
           * quarter more (the old loop's cost per label doubles). From
           * 2,000 to 4,000 the placer's data outgrow the caches: the
           * notes show each step. */
          g_snprintf (target, sizeof target, "≤ %.1f ms", at_4000_ms * 2 * 1.25);
          bench_print_row ("labels", name, median, baseline, "the old 4-position loop", ratio,
                           target, bench_status (ours_ms <= at_4000_ms * 2 * 1.25));
        }
    }
  g_string_append (notes, "\n");
}

static void
bench_labels (CxDataPack *pack)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) titled = generate_points (LABEL_POINTS, TRUE, 5);
  g_autoptr(GBytes) untitled = generate_points (LABEL_POINTS, FALSE, 5);
  g_autoptr(CxImportedLayer) titled_layer = cx_import_bytes (titled, "2,000 places", "places.geojson", FALSE, NULL, &error);
  g_autoptr(CxImportedLayer) untitled_layer = NULL;
  g_autoptr(ShumateViewport) viewport = shumate_viewport_new ();
  CxOverlayLayer *with_labels, *without;

  g_assert_no_error (error);
  untitled_layer = cx_import_bytes (untitled, "2,000 points", "points.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);

  with_labels = g_object_ref_sink (cx_overlay_layer_new (viewport, pack));
  without = g_object_ref_sink (cx_overlay_layer_new (viewport, pack));
  cx_overlay_layer_add_imported (with_labels, titled_layer);
  cx_overlay_layer_add_imported (without, untitled_layer);

  /* Imported points are named from zoom 13, where the district, and all
   * 2,000, fit in the view. */
  for (guint z = 0; z < G_N_ELEMENTS (label_zooms); z++)
    {
      OverlayTimes t, b;

      if (only_zoom > 0 && label_zooms[z] != only_zoom)
        continue;
      t = time_overlay (with_labels, label_zooms[z], runs);
      b = time_overlay (without, label_zooms[z], runs);
      /* What the first frame, over the district, had to place. */
      draw_overlay_at (with_labels, label_zooms[z], 0, 0);
      g_autoptr(GArray) placed = cx_overlay_layer_dup_labels (with_labels);
      guint n_placed = 0, n_pack = 0, n_pack_placed = 0, n_areas = 0, n_areas_placed = 0;
      g_autoptr(GString) pack_dropped = g_string_new (NULL);
      char name[96], median[32], baseline[32], ratio[32], cold[32], p95[32];

      for (guint i = 0; i < placed->len; i++)
        {
          const CxOverlayLabel *l = &g_array_index (placed, CxOverlayLabel, i);
          CxFeature *feature = l->id != NULL ? cx_data_pack_lookup_feature (pack, l->id) : NULL;

          n_placed += l->placed;
          if (feature == NULL)
            continue;
          n_pack++;
          n_pack_placed += l->placed;
          /* The pack's areas known by a point (the Hongqiao zones; the
           * district's own name is not wanted from zoom 14) rank above
           * every point: the markers of the points may not turn them away. */
          if (g_str_equal (cx_layer_get_id (cx_feature_get_layer (feature)), "hongqiao"))
            {
              n_areas++;
              n_areas_placed += l->placed;
            }
          if (!l->placed)
            g_string_append_printf (pack_dropped, "%s“%s”", pack_dropped->len > 0 ? ", " : "", l->text);
        }

      g_snprintf (name, sizeof name, "pack + 2,000 labelled points, zoom %.0f, panning", label_zooms[z]);
      format_ms (median, sizeof median, t.pan_median);
      format_ms (baseline, sizeof baseline, b.pan_median);
      bench_format_speedup (ratio, sizeof ratio, b.pan_median / t.pan_median);
      bench_print_row ("labels", name, median, baseline, "the same points, untitled", ratio, "≤ 16 ms",
                       bench_status (t.pan_median <= 16));
      format_ms (cold, sizeof cold, t.cold);
      format_ms (p95, sizeof p95, t.pan_p95);
      g_string_append_printf (notes, "  labels z%.0f: %u labels to place over the district, %u placed: "
                              "the pack's %u of %u (its areas' %u of %u%s%s), the imported points' %u of %u; "
                              "panning p95 %s; first frame with nothing cached (every label measured) %s, untitled %.1f ms\n",
                              label_zooms[z], placed->len, n_placed, n_pack_placed, n_pack,
                              n_areas_placed, n_areas, pack_dropped->len > 0 ? "; dropped: " : "",
                              pack_dropped->str, n_placed - n_pack_placed, placed->len - n_pack, p95, cold, b.cold);
      /* The points' markers (some 1,400 of them at zoom 14) leave no box
       * free: the areas' names, ranked above the points, must still show,
       * over the markers if need be. (The pack's points, lines and
       * subdistricts' names rank below the imported layer, drawn above
       * them, and yield to its markers.) */
      if (label_zooms[z] == 14)
        {
          char count[32];

          g_snprintf (count, sizeof count, "%u of %u", n_areas_placed, n_areas);
          bench_print_row ("labels", "the pack's areas' names among 2,000 points, z14", count, "—",
                           "", "—", "all placed", bench_status (n_areas > 0 && n_areas_placed == n_areas));
        }
    }

  /* Profiling one zoom: the frames only. */
  if (only_zoom == 0)
    bench_label_placement (notes);
  printf ("%s", notes->str);
  g_object_unref (with_labels);
  g_object_unref (without);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(CxImportedLayer) generated = NULL;
  g_autoptr(ShumateViewport) viewport = NULL;
  CxOverlayLayer *pack_overlay, *gen_overlay;
  GListModel *features;
  guint64 n_coords = 0;
  double start;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Frames timed per case (at least 5)", "N" },
    { "points", 'p', 0, G_OPTION_ARG_INT, &n_points, "Random points per hit-test run", "N" },
    { "naive-max", 0, 0, G_OPTION_ARG_INT, &naive_max, "Draw at most N generated polygons the naive way, and extrapolate", "N" },
    { "skip-naive", 0, 0, G_OPTION_ARG_NONE, &skip_naive, "Do not measure the naive way", NULL },
    { "skip-hit", 0, 0, G_OPTION_ARG_NONE, &skip_hit, "Do not measure the hit test", NULL },
    { "skip-labels", 0, 0, G_OPTION_ARG_NONE, &skip_labels, "Do not measure labels", NULL },
    { "labels-only", 0, 0, G_OPTION_ARG_NONE, &labels_only, "Measure only labels", NULL },
    { "scene", 0, 0, G_OPTION_ARG_STRING, &only_scene, "Draw only this scene (for profiling)", "pack|generated" },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &only_zoom, "Draw only at this zoom (for profiling)", "Z" },
    { NULL }
  };

  context = g_option_context_new ("— overlay drawing and hit-test benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 5);
  if (only_zoom > 0)
    {
      zooms[0] = only_zoom;
      n_zooms = 1;
    }
  naive_max = CLAMP (naive_max, 1, GEN_POLYGONS);

  gtk_init ();
  {
    GdkSurface *surface = gdk_surface_new_toplevel (gdk_display_get_default ());

    /* The cairo renderer by default: offscreen drawing on the CPU, which
     * is what the overlay costs. Under Xvfb, the GL renderer runs on Mesa's
     * llvmpipe, on the same two cores, and its every frame costs tens of
     * milliseconds whatever it shows (see the empty frame's figure). */
    if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "gl") == 0 || g_strcmp0 (g_getenv ("GSK_RENDERER"), "ngl") == 0)
      renderer = gsk_renderer_new_for_surface (surface);
    else
      {
        g_autoptr(GError) render_error = NULL;

        renderer = gsk_cairo_renderer_new ();
        gsk_renderer_realize (renderer, surface, &render_error);
        g_assert_no_error (render_error);
      }
    g_assert_nonnull (renderer);
    printf ("  renderer: %s (GSK_RENDERER=%s)\n", G_OBJECT_TYPE_NAME (renderer),
            g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "unset");
  }
  {
    /* What any frame costs: a 1280×800 texture filled with one colour. */
    g_autofree double *times = g_new0 (double, runs);

    for (int r = -1; r < runs; r++)
      {
        double t0 = bench_now_us ();

        present (gsk_color_node_new (&(GdkRGBA) { 0.9, 0.9, 0.9, 1 }, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT)));
        if (r >= 0)
          times[r] = (bench_now_us () - t0) / 1000;
      }
    empty_frame_ms = bench_median (times, runs);
    printf ("  an empty frame (one colour node) costs %.2f ms with this renderer\n", empty_frame_ms);
  }

  pack = cx_data_pack_load_default (&error);
  g_assert_no_error (error);

  if (labels_only)
    {
      bench_labels (pack);
      return 0;
    }

  start = bench_now_us ();
  document = bench_geojson_generate (GEN_POLYGONS, GEN_VERTICES, 7);
  generated = cx_import_bytes (document, "10k polygons", "bench.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  features = cx_imported_layer_get_features (generated);
  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxImportedFeature) feature = g_list_model_get_item (features, i);

      n_coords += cx_geometry_get_n_coords (cx_imported_feature_get_geometry (feature));
    }
  printf ("  generated: %u polygons, %" G_GUINT64_FORMAT " positions (%u vertices + the closing one each), %.1f MB of GeoJSON, imported in %.1f s\n",
           g_list_model_get_n_items (features), n_coords, GEN_VERTICES, g_bytes_get_size (document) / 1e6,
           (bench_now_us () - start) / 1e6);

  viewport = shumate_viewport_new ();
  pack_overlay = g_object_ref_sink (cx_overlay_layer_new (viewport, pack));
  gen_overlay = g_object_ref_sink (cx_overlay_layer_new (viewport, pack));
  start = bench_now_us ();
  cx_overlay_layer_add_imported (gen_overlay, generated);
  printf ("  cx_overlay_layer_add_imported (10k polygons): %.0f ms\n", (bench_now_us () - start) / 1000);

  bench_overlay (pack, pack_overlay, gen_overlay, generated);
  if (!skip_hit)
    bench_hit (pack, generated);
  if (!skip_labels)
    bench_labels (pack);

  g_object_unref (pack_overlay);
  g_object_unref (gen_overlay);
  return 0;
}
