/* test-overlay.c: the overlay's frames drawn from cached tiles (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On screen the overlay is drawn from tiles, some drawn by a worker thread,
 * and labels from cached sprites; for print it is drawn directly as vector
 * paths. Each test compares the two pixel by pixel, after a change of
 * state (selection, visibility, datum) that the tiles must follow.
 */

#include "config.h"

#include <math.h>
#include <shumate/shumate.h>

#include "cx-data-pack.h"
#include "cx-geometry.h"
#include "cx-import.h"
#include "cx-overlay-private.h"
#include "cx-selection.h"
#include "cx-test-wait.h"

#define WIDTH 640
#define HEIGHT 400
#define CENTRE_LAT 31.2135
#define CENTRE_LON 121.381

/* Where the views are centred. */
static double centre_lat = CENTRE_LAT;
static double centre_lon = CENTRE_LON;

typedef struct
{
  CxDataPack      *pack;
  ShumateViewport *viewport;
  CxOverlayLayer  *overlay;
  CxImportedLayer *imported;
} Fixture;

/* @n × @n polygons of @vertices vertices each, in a square around the
 * centre @span degrees wide, each overlapping its right neighbour. */
static GBytes *
make_polygons (guint  n,
               guint  vertices,
               double span)
{
  GString *json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  double step = span / n, radius = step * 0.7;

  for (guint j = 0; j < n; j++)
    for (guint i = 0; i < n; i++)
      {
        double lon0 = CENTRE_LON - span / 2 + (i + 0.5) * step;
        double lat0 = CENTRE_LAT - span / 2 + (j + 0.5) * step;

        g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{\"fill\":\"#e66100\",\"fill-opacity\":0.5},"
                                "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                                i + j == 0 ? "" : ",");
        for (guint v = 0; v <= vertices; v++)
          {
            double a = 2 * G_PI * (v % vertices) / vertices;
            char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_dtostr (lon, sizeof lon, lon0 + radius * cos (a));
            g_ascii_dtostr (lat, sizeof lat, lat0 + radius * 0.86 * sin (a));
            g_string_append_printf (json, "%s[%s,%s]", v == 0 ? "" : ",", lon, lat);
          }
        g_string_append (json, "]]}}");
      }
  g_string_append (json, "]}");

  return g_string_free_to_bytes (json);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = GPOINTER_TO_UINT (data);

  fixture->pack = cx_data_pack_load_default (&error);
  g_assert_no_error (error);
  fixture->viewport = shumate_viewport_new ();
  fixture->overlay = g_object_ref_sink (cx_overlay_layer_new (fixture->viewport, fixture->pack));

  if (n > 0)
    {
      /* Enough vertices in a tile for the worker to draw it. */
      g_autoptr(GBytes) document = make_polygons (n, 120, 0.03);

      fixture->imported = cx_import_bytes (document, "generated", "generated.geojson", FALSE, NULL, &error);
      g_assert_no_error (error);
      cx_overlay_layer_add_imported (fixture->overlay, fixture->imported);
    }
}

static gboolean
no_pending_tiles (gpointer overlay)
{
  return cx_overlay_layer_get_n_pending_tiles (overlay) == 0;
}

/* The worker has drawn every tile asked for, and the results are in. */
static void
wait_for_tiles (Fixture *fixture)
{
  g_assert_true (cx_test_wait_until (no_pending_tiles, fixture->overlay, 20000));
  cx_test_drain ();
}

static gboolean
settle_done (gpointer overlay)
{
  return !cx_overlay_layer_get_settle_pending (overlay);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Pending tiles hold the overlay: let them finish first. */
  wait_for_tiles (fixture);
  g_clear_object (&fixture->overlay);
  g_clear_object (&fixture->imported);
  g_clear_object (&fixture->viewport);
  g_clear_object (&fixture->pack);
}

static cairo_surface_t *
new_surface (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  /* Paper under the overlay, as the basemap would be. */
  cairo_set_source_rgb (cr, 0.96, 0.95, 0.92);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

static cairo_surface_t *
render_overlay (CxOverlayLayer *overlay,
                double          zoom)
{
  cairo_surface_t *surface = new_surface ();
  cairo_t *cr = cairo_create (surface);

  cx_overlay_layer_render (overlay, cr, WIDTH, HEIGHT, centre_lat, centre_lon, zoom, 1.0, NULL, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render_direct (Fixture *fixture,
               double   zoom)
{
  return render_overlay (fixture->overlay, zoom);
}

/* A frame as the widget makes it; returns how many tiles were pending. */
static cairo_surface_t *
render_frame (Fixture  *fixture,
              double    zoom,
              gboolean  textures,
              gboolean  zoom_moving,
              guint    *n_pending)
{
  cairo_surface_t *surface = new_surface ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_t *cr;

  cx_overlay_layer_snapshot_view (fixture->overlay, snapshot, textures, zoom_moving, WIDTH, HEIGHT,
                                  centre_lat, centre_lon, zoom);
  if (n_pending != NULL)
    *n_pending = cx_overlay_layer_get_n_pending_tiles (fixture->overlay);
  node = gtk_snapshot_free_to_node (snapshot);
  cr = cairo_create (surface);
  if (node != NULL)
    {
      gsk_render_node_draw (node, cr);
      gsk_render_node_unref (node);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render_tiled (Fixture  *fixture,
              double    zoom,
              gboolean  textures,
              guint    *n_pending)
{
  return render_frame (fixture, zoom, textures, FALSE, n_pending);
}

/* Every tile drawn: the frame after the worker is done. */
static cairo_surface_t *
render_complete (Fixture  *fixture,
                 double    zoom,
                 gboolean  textures)
{
  cairo_surface_destroy (render_tiled (fixture, zoom, textures, NULL));
  wait_for_tiles (fixture);
  return render_tiled (fixture, zoom, textures, NULL);
}

#define BLOCK 8

typedef struct
{
  double mean;       /* mean difference of a channel of 8×8 blocks' averages, 0…255 */
  double worst;      /* the largest such difference */
} Difference;

/* Compared in blocks of 8×8 pixels: glyphs drawn half a pixel apart
 * average out, a shape or a marker missing or moved does not. */
static Difference
compare (cairo_surface_t *a,
         cairo_surface_t *b)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  Difference d = { 0, 0 };
  guint n = 0;

  for (int by = 0; by < HEIGHT; by += BLOCK)
    for (int bx = 0; bx < WIDTH; bx += BLOCK)
      for (int c = 0; c < 4; c++)
        {
          double sum = 0, diff;

          for (int y = by; y < by + BLOCK; y++)
            for (int x = bx; x < bx + BLOCK; x++)
              sum += pa[y * stride + x * 4 + c] - pb[y * stride + x * 4 + c];
          diff = fabs (sum) / (BLOCK * BLOCK);
          d.mean += diff;
          d.worst = MAX (d.worst, diff);
          n++;
        }

  d.mean /= n;
  return d;
}

#define SAME_MEAN 1.2
#define SAME_WORST 64

/* The tiles are placed on whole pixels (half a pixel off at most) and
 * labels are sprites of sizes rounded to half a pixel: edges differ a
 * little, nothing more. */
static void
assert_same_within (cairo_surface_t *tiled,
                    cairo_surface_t *direct,
                    const char      *what,
                    double           same_mean)
{
  Difference d = compare (tiled, direct);

  g_test_message ("%s: blocks differ by %.3f on average, %.1f at most", what, d.mean, d.worst);
  if ((d.mean >= same_mean || d.worst >= SAME_WORST) && g_getenv ("G_TEST_BUILDDIR") != NULL)
    {
      /* To look at. */
      g_autofree char *name = g_strdelimit (g_strdup (what), " ,×.", '-');
      g_autofree char *a = g_strdup_printf ("%s/overlay-%s-tiled.png", g_getenv ("G_TEST_BUILDDIR"), name);
      g_autofree char *b = g_strdup_printf ("%s/overlay-%s-direct.png", g_getenv ("G_TEST_BUILDDIR"), name);

      cairo_surface_write_to_png (tiled, a);
      cairo_surface_write_to_png (direct, b);
      g_test_message ("written: %s, %s", a, b);
    }
  g_assert_cmpfloat (d.mean, <, same_mean);
  g_assert_cmpfloat (d.worst, <, SAME_WORST);
}

static void
assert_same (cairo_surface_t *tiled,
             cairo_surface_t *direct,
             const char      *what)
{
  assert_same_within (tiled, direct, what, SAME_MEAN);
}

/* Clearly not the same picture. */
static void
assert_differ (cairo_surface_t *a,
               cairo_surface_t *b,
               const char      *what)
{
  Difference d = compare (a, b);

  g_test_message ("%s: blocks differ by %.3f on average, %.1f at most", what, d.mean, d.worst);
  g_assert_true (d.mean >= 2 * SAME_MEAN || d.worst >= 2 * SAME_WORST);
}

static void
test_pack_tiles_match_direct (Fixture       *fixture,
                              gconstpointer  data)
{
  /* The district, then Zhongshan Park and its neighbours up close. */
  const double zooms[] = { 11, 13, 14.5, 16.5 };
  cairo_surface_t *paper = new_surface ();

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint textures = 0; textures < 2; textures++)
      {
        centre_lat = zooms[z] > 16 ? 31.2232 : CENTRE_LAT;
        centre_lon = zooms[z] > 16 ? 121.4165 : CENTRE_LON;

        cairo_surface_t *direct = render_direct (fixture, zooms[z]);
        guint n_pending = 99;
        cairo_surface_t *tiled = render_tiled (fixture, zooms[z], textures, &n_pending);
        g_autofree char *what = g_strdup_printf ("pack z%.1f %s", zooms[z], textures ? "textures" : "cairo");

        /* The pack's tiles are cheap: all drawn in the frame itself. */
        g_assert_cmpuint (n_pending, ==, 0);
        assert_same (tiled, direct, what);
        /* And the view is not blank. */
        assert_differ (direct, paper, "against blank paper");
        cairo_surface_destroy (tiled);
        cairo_surface_destroy (direct);
      }
  centre_lat = CENTRE_LAT;
  centre_lon = CENTRE_LON;
  cairo_surface_destroy (paper);
}

static void
test_heavy_tiles_drawn_by_worker (Fixture       *fixture,
                                  gconstpointer  data)
{
  cairo_surface_t *direct = render_direct (fixture, 13);
  guint n_pending = 0;
  cairo_surface_t *first = render_tiled (fixture, 13, TRUE, &n_pending);
  cairo_surface_t *complete;

  /* The first frame does not wait for heavy tiles: the worker draws them. */
  g_assert_cmpuint (n_pending, >, 0);
  assert_differ (first, direct, "first frame, worker busy");

  wait_for_tiles (fixture);
  complete = render_tiled (fixture, 13, TRUE, &n_pending);
  g_assert_cmpuint (n_pending, ==, 0);
  assert_same (complete, direct, "10×10 polygons z13, after the worker");

  cairo_surface_destroy (complete);
  cairo_surface_destroy (first);
  cairo_surface_destroy (direct);
}

/* What the tiles show follows the selection, the layers shown and the
 * datum; tiles of before are never shown as current. */
static void
test_tiles_follow_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CxSelection) selection = cx_selection_new (fixture->pack);
  g_autoptr(CxOverlayLayer) fresh = NULL;
  cairo_surface_t *before, *direct, *tiled;

  cx_overlay_layer_set_selection (fixture->overlay, selection);
  before = render_complete (fixture, 13, TRUE);

  /* Selecting a place dims everything else. */
  g_assert_true (cx_selection_select_by_id (selection, "zhongshan-park"));
  direct = render_direct (fixture, 13);
  tiled = render_complete (fixture, 13, TRUE);
  assert_same (tiled, direct, "after a selection");
  assert_differ (tiled, before, "selection against before");
  cairo_surface_destroy (tiled);
  cairo_surface_destroy (direct);

  /* Hiding the imported layer. */
  cx_selection_clear (selection);
  cx_imported_layer_set_visible (fixture->imported, FALSE);
  direct = render_direct (fixture, 13);
  tiled = render_complete (fixture, 13, FALSE);
  assert_same (tiled, direct, "imported layer hidden");
  assert_differ (tiled, before, "hidden against before");
  cairo_surface_destroy (tiled);
  cairo_surface_destroy (direct);

  /* Over a GCJ-02 basemap everything moves about 500 m, simplified shapes
   * too (zoom 12 draws them): as drawn by an overlay that was in GCJ-02
   * from the start. */
  cx_imported_layer_set_visible (fixture->imported, TRUE);
  cairo_surface_destroy (before);
  before = render_complete (fixture, 12, TRUE);
  cx_overlay_layer_set_gcj02 (fixture->overlay, TRUE);
  fresh = g_object_ref_sink (cx_overlay_layer_new (fixture->viewport, fixture->pack));
  cx_overlay_layer_set_gcj02 (fresh, TRUE);
  cx_overlay_layer_add_imported (fresh, fixture->imported);
  direct = render_overlay (fresh, 12);
  tiled = render_complete (fixture, 12, TRUE);
  assert_same (tiled, direct, "GCJ-02");
  assert_differ (tiled, before, "GCJ-02 against WGS84");
  cairo_surface_destroy (tiled);
  cairo_surface_destroy (direct);
  cairo_surface_destroy (before);
}

static guint32
pixel_at (cairo_surface_t *surface,
          Fixture         *fixture,
          double           zoom,
          double           lat,
          double           lon)
{
  double mx, my, cx, cy, world = 256 * exp2 (zoom);
  int x, y;

  cx_mercator_project (lon, lat, &mx, &my);
  cx_mercator_project (centre_lon, centre_lat, &cx, &cy);
  x = (int) round ((mx - cx) * world + WIDTH / 2.0);
  y = (int) round ((my - cy) * world + HEIGHT / 2.0);
  g_assert_true (x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT);
  return *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4);
}

/* Two imported squares that overlap, one with a hole: the overlap is
 * filled (once: shapes of a layer drawn together fill their union, with no
 * darker seams), the hole is not. The even-odd rule used before left the
 * overlap empty. */
static void
test_overlaps_filled (Fixture       *fixture,
                      gconstpointer  data)
{
  /* The second square is wound the other way, as files often are. */
  static const char squares[] =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"fill\":\"#1a5fb4\",\"fill-opacity\":0.5,\"stroke-width\":0},"
    " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
    "   [[121.370,31.205],[121.380,31.205],[121.380,31.215],[121.370,31.215],[121.370,31.205]],"
    "   [[121.372,31.207],[121.374,31.207],[121.374,31.209],[121.372,31.209],[121.372,31.207]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"fill\":\"#1a5fb4\",\"fill-opacity\":0.5,\"stroke-width\":0},"
    " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
    "   [[121.376,31.211],[121.376,31.219],[121.386,31.219],[121.386,31.211],[121.376,31.211]]]}}"
    "]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (squares, sizeof squares - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = cx_import_bytes (bytes, "squares", "squares.geojson", FALSE, NULL, &error);
  cairo_surface_t *paper = new_surface ();
  guint32 blank, single, overlap, hole;

  g_assert_no_error (error);
  cx_overlay_layer_add_imported (fixture->overlay, layer);

  for (guint textures = 0; textures < 3; textures++)
    {
      /* Direct, then from tiles in both ways. */
      cairo_surface_t *surface = textures == 0 ? render_direct (fixture, 14) : render_complete (fixture, 14, textures == 2);

      blank = pixel_at (paper, fixture, 14, 31.213, 121.3725);
      single = pixel_at (surface, fixture, 14, 31.206, 121.378);
      overlap = pixel_at (surface, fixture, 14, 31.213, 121.378);
      hole = pixel_at (surface, fixture, 14, 31.208, 121.373);

      g_test_message ("paper %06x, one square %06x, overlap %06x, hole %06x",
                      blank & 0xffffff, single & 0xffffff, overlap & 0xffffff, hole & 0xffffff);
      /* Blue over the paper: its red fades, in the overlap as in one square. */
      g_assert_cmpuint ((single >> 16) & 0xff, <, ((blank >> 16) & 0xff) - 60);
      g_assert_cmpuint ((overlap >> 16) & 0xff, <, ((blank >> 16) & 0xff) - 60);
      /* The hole shows the paper through (the district's own tint aside). */
      g_assert_cmpuint ((hole >> 16) & 0xff, >, ((single >> 16) & 0xff) + 20);
      cairo_surface_destroy (surface);
    }

  cx_overlay_layer_remove_imported (fixture->overlay, layer);
  cairo_surface_destroy (paper);
}

/* While the zoom moves over a large layer, frames ask for no tiles and show
 * the cached ones scaled; once it stops, the tiles come. A small layer is
 * drawn in full all along. */
static void
test_zoom_moving_defers_heavy_tiles (Fixture       *fixture,
                                     gconstpointer  data)
{
  cairo_surface_t *paper = new_surface ();
  cairo_surface_t *before = render_complete (fixture, 13, TRUE);
  cairo_surface_t *moving, *settled, *direct;
  guint n_pending = 99;

  moving = render_frame (fixture, 13.4, TRUE, TRUE, &n_pending);
  g_assert_cmpuint (n_pending, ==, 0);
  g_assert_cmpuint (cx_overlay_layer_get_n_stand_ins (fixture->overlay), >, 0);
  /* Not blank: the zoom-13 tiles, scaled. */
  assert_differ (moving, paper, "zoom moving against blank paper");
  /* A frame is due once the zoom has stayed put, without anything else. */
  g_assert_true (cx_overlay_layer_get_settle_pending (fixture->overlay));
  g_assert_true (cx_test_wait_until (settle_done, fixture->overlay, 10000));

  /* It stopped: the tiles of 13.4 are asked for (none was made while it
   * moved), then drawn. */
  cairo_surface_destroy (render_frame (fixture, 13.4, TRUE, FALSE, &n_pending));
  g_assert_cmpuint (n_pending, >, 0);
  settled = render_complete (fixture, 13.4, TRUE);
  direct = render_direct (fixture, 13.4);
  /* 441 close rings of dark outline: the half pixel the tiles may move
   * shows more than in the pack. */
  assert_same_within (settled, direct, "zoom settled", 2 * SAME_MEAN);

  cairo_surface_destroy (direct);
  cairo_surface_destroy (settled);
  cairo_surface_destroy (moving);
  cairo_surface_destroy (before);
  cairo_surface_destroy (paper);
}

static void
test_zoom_moving_small_layer_in_full (Fixture       *fixture,
                                      gconstpointer  data)
{
  cairo_surface_t *before = render_complete (fixture, 13, TRUE);
  guint n_pending = 99;
  cairo_surface_t *moving = render_frame (fixture, 13.4, TRUE, TRUE, &n_pending);
  cairo_surface_t *direct = render_direct (fixture, 13.4);

  g_assert_cmpuint (n_pending, ==, 0);
  g_assert_cmpuint (cx_overlay_layer_get_n_stand_ins (fixture->overlay), ==, 0);
  g_assert_false (cx_overlay_layer_get_settle_pending (fixture->overlay));
  assert_same (moving, direct, "pack while the zoom moves");

  cairo_surface_destroy (direct);
  cairo_surface_destroy (moving);
  cairo_surface_destroy (before);
}

/* The overlay follows a model of imported layers: what is added to it is
 * drawn above the pack, in the model's order; what leaves it is gone. */
static void
test_follows_model (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GListStore) store = g_list_store_new (CX_TYPE_IMPORTED_LAYER);
  g_autoptr(GBytes) document = make_polygons (3, 8, 0.03);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) first = NULL;
  g_autoptr(CxImportedLayer) second = NULL;
  guint n_pack = cx_overlay_layer_get_n_features (fixture->overlay);
  cairo_surface_t *before, *shown, *after;
  GListModel *model = NULL;

  first = cx_import_bytes (document, "first", "first.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  second = cx_import_bytes (document, "second", "second.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);

  before = render_direct (fixture, 14);
  g_object_set (fixture->overlay, "model", store, NULL);
  g_object_get (fixture->overlay, "model", &model, NULL);
  g_assert_true (model == G_LIST_MODEL (store));
  g_clear_object (&model);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (fixture->overlay), ==, n_pack);

  g_list_store_append (store, first);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (fixture->overlay), ==, n_pack + 9);
  shown = render_direct (fixture, 14);
  assert_differ (shown, before, "an imported layer added to the model");

  /* Inserted below the first: both drawn, the new one under it. */
  g_list_store_insert (store, 0, second);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (fixture->overlay), ==, n_pack + 18);

  g_list_store_remove (store, 1);
  g_list_store_remove (store, 0);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (fixture->overlay), ==, n_pack);
  after = render_direct (fixture, 14);
  assert_same (after, before, "every imported layer removed from the model");

  /* A model set with layers in it draws them; no model, none. */
  g_list_store_append (store, first);
  g_list_store_append (store, second);
  g_object_set (fixture->overlay, "model", NULL, NULL);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (fixture->overlay), ==, n_pack);
  cx_overlay_layer_set_model (fixture->overlay, G_LIST_MODEL (store));
  g_assert_cmpuint (cx_overlay_layer_get_n_features (fixture->overlay), ==, n_pack + 18);
  g_list_store_remove_all (store);
  g_assert_cmpuint (cx_overlay_layer_get_n_features (fixture->overlay), ==, n_pack);

  cairo_surface_destroy (after);
  cairo_surface_destroy (shown);
  cairo_surface_destroy (before);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/overlay/pack-tiles-match-direct", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_pack_tiles_match_direct, fixture_tear_down);
  g_test_add ("/overlay/heavy-tiles-drawn-by-worker", Fixture, GUINT_TO_POINTER (10),
              fixture_set_up, test_heavy_tiles_drawn_by_worker, fixture_tear_down);
  g_test_add ("/overlay/tiles-follow-changes", Fixture, GUINT_TO_POINTER (10),
              fixture_set_up, test_tiles_follow_changes, fixture_tear_down);
  g_test_add ("/overlay/overlaps-filled", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_overlaps_filled, fixture_tear_down);
  /* 21 × 21 polygons of 120 vertices: over the 50,000 of a large layer. */
  g_test_add ("/overlay/zoom-moving-defers-heavy-tiles", Fixture, GUINT_TO_POINTER (21),
              fixture_set_up, test_zoom_moving_defers_heavy_tiles, fixture_tear_down);
  g_test_add ("/overlay/zoom-moving-small-layer-in-full", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_zoom_moving_small_layer_in_full, fixture_tear_down);

  g_test_add ("/overlay/follows-model", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_follows_model, fixture_tear_down);

  return g_test_run ();
}
