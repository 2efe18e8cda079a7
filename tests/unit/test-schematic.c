/* test-schematic.c: the offline basemap draws what the pack holds
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-schematic-source.h"
#include "cx-test-packs.h"
#include "cx-test-wait.h"

static void
tile_for (double  lon,
          double  lat,
          guint   zoom,
          guint  *x,
          guint  *y,
          double *px,
          double *py)
{
  double mx, my, n = exp2 (zoom);

  cx_mercator_project (lon, lat, &mx, &my);
  *x = (guint) floor (mx * n);
  *y = (guint) floor (my * n);
  *px = (mx * n - *x) * 256;
  *py = (my * n - *y) * 256;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff;
}

static cairo_surface_t *
render (CxDataPack *pack,
        guint       zoom,
        guint       x,
        guint       y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);

  cx_schematic_render_tile (pack, cr, zoom, x, y, 256);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static gboolean
is_blue (guint32 rgb)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  return b > r + 40 && b > g;
}

/* The creek is drawn where the pack says it runs. */
static void
test_creek_is_water (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_default (&error);
  cairo_surface_t *surface;
  guint x, y;
  double px, py;

  g_assert_no_error (error);

  /* A vertex of the creek line, at zoom 15 where the creek is several pixels wide. */
  tile_for (121.39476, 31.22059, 15, &x, &y, &px, &py);
  surface = render (pack, 15, x, y);
  g_assert_true (is_blue (pixel_at (surface, (int) px, (int) py)));
  cairo_surface_destroy (surface);
}

/* Inside the district the land is lighter than outside it. */
static void
test_district_land (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_default (&error);
  cairo_surface_t *inside, *outside;
  guint x, y;
  double px, py;
  guint32 in_rgb, out_rgb;

  g_assert_no_error (error);

  /* Xianxia area, well inside and away from roads and parks. */
  tile_for (121.3800, 31.2130, 14, &x, &y, &px, &py);
  inside = render (pack, 14, x, y);
  in_rgb = pixel_at (inside, (int) px, (int) py);

  /* Far south-east of the district, in Xuhui. */
  tile_for (121.4700, 31.1500, 14, &x, &y, &px, &py);
  outside = render (pack, 14, x, y);
  out_rgb = pixel_at (outside, (int) px, (int) py);

  g_assert_cmpuint (in_rgb, !=, out_rgb);
  g_assert_cmpuint ((in_rgb >> 8) & 0xff, >, (out_rgb >> 8) & 0xff);

  cairo_surface_destroy (inside);
  cairo_surface_destroy (outside);
}

/* A tile over the district holds many colours; one far away is plain. */
static void
test_tile_detail (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_default (&error);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) plain = g_hash_table_new (NULL, NULL);
  cairo_surface_t *busy, *empty;
  guint x, y;
  double px, py;

  g_assert_no_error (error);

  tile_for (121.3769, 31.2096, 12, &x, &y, &px, &py);
  busy = render (pack, 12, x, y);
  empty = render (pack, 12, x + 40, y + 40);

  for (int j = 0; j < 256; j += 2)
    for (int i = 0; i < 256; i += 2)
      {
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel_at (busy, i, j)));
        g_hash_table_add (plain, GUINT_TO_POINTER (pixel_at (empty, i, j)));
      }

  g_assert_cmpuint (g_hash_table_size (colours), >, 20);
  g_assert_cmpuint (g_hash_table_size (plain), ==, 1);

  cairo_surface_destroy (busy);
  cairo_surface_destroy (empty);
}

/* The map source fills a tile with a texture (ShumateMapLayer calls
 * fill_tile_async, in 1.0.3 as in 1.4). */
static void
on_filled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_fill_tile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_default (&error);
  g_autoptr(CxSchematicSource) source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  gboolean done = FALSE;

  g_assert_no_error (error);
  source = cx_schematic_source_new (pack);
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (source)), ==, "changning-schematic-changning-1");

  /* Over the district's heart: roads, parks and water. */
  tile = shumate_tile_new_full (3429, 1674, 256, 12);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &done);
  cx_test_wait_flag (&done, 20000);

  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_assert_nonnull (shumate_tile_get_paintable (tile));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (shumate_tile_get_paintable (tile)), ==, 256);

  /* Filling a tile keeps no reference: the source goes with its last
   * owner. (tests/lsan.supp has to forgive libshumate's map layers for
   * keeping theirs, so this is where a leak of ours shows under ASan.) */
  {
    gpointer weak = source;

    g_object_add_weak_pointer (G_OBJECT (source), &weak);
    g_clear_object (&source);
    g_assert_null (weak);
  }
}

static GdkTexture *
fill (CxSchematicSource *source,
      guint              x,
      guint              y,
      guint              zoom,
      guint              scale)
{
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (x, y, 256, zoom);
  gboolean done = FALSE;

  shumate_tile_set_scale_factor (tile, scale);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &done);
  cx_test_wait_flag (&done, 20000);
  g_assert_true (GDK_IS_TEXTURE (shumate_tile_get_paintable (tile)));

  return g_object_ref (GDK_TEXTURE (shumate_tile_get_paintable (tile)));
}

/* A tile all of one colour (the land beyond the district) is one pixel of
 * it, shared by every such tile, at any scale: the colour its drawing has
 * everywhere. A tile with anything on it keeps all its pixels. */
static void
test_fill_plain_tile (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  g_autoptr(CxSchematicSource) source = cx_schematic_source_new (pack);
  g_autoptr(GdkTexture) west = fill (source, 3425, 1672, 12, 1);
  g_autoptr(GdkTexture) north = fill (source, 3429, 1670, 12, 1);
  g_autoptr(GdkTexture) hidpi = fill (source, 3425, 1673, 12, 2);
  g_autoptr(GdkTexture) heart = fill (source, 3429, 1674, 12, 1);
  cairo_surface_t *drawn = render (pack, 12, 3425, 1672);
  guint32 pixel = 0;

  g_assert_cmpint (gdk_texture_get_width (west), ==, 1);
  g_assert_cmpint (gdk_texture_get_height (west), ==, 1);
  g_assert_true (north == west);
  g_assert_true (hidpi == west);
  gdk_texture_download (west, (guchar *) &pixel, sizeof pixel);
  g_assert_cmphex (pixel & 0xffffff, ==, pixel_at (drawn, 0, 0));
  g_assert_cmphex (pixel & 0xffffff, ==, pixel_at (drawn, 255, 255));
  g_assert_cmpint (gdk_texture_get_width (heart), ==, 256);

  cairo_surface_destroy (drawn);
}

/* Of the 2×2 blocks of device pixels, how many are not of one colour:
 * detail finer than a logical pixel, which a tile drawn at scale 1 and
 * magnified has none of. */
static guint
count_split_blocks (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guint32 *pixels = g_malloc ((gsize) height * stride);
  guint n = 0;

  gdk_texture_download (texture, (guchar *) pixels, stride);
  for (int y = 0; y + 1 < height; y += 2)
    for (int x = 0; x + 1 < width; x += 2)
      {
        guint32 p = pixels[y * width + x];

        if (pixels[y * width + x + 1] != p || pixels[(y + 1) * width + x] != p ||
            pixels[(y + 1) * width + x + 1] != p)
          n++;
      }

  return n;
}

/* On a HiDPI screen ShumateMapLayer gives its tiles the widget's scale
 * factor: the texture has that many device pixels per logical one, with
 * lines drawn at that resolution (roads, water and parks at the district's
 * heart). */
static void
test_fill_tile_hidpi (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_default (&error);
  g_autoptr(CxSchematicSource) source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  GdkTexture *texture;
  gboolean done = FALSE;
  guint split, x, y;
  double px, py;

  g_assert_no_error (error);
  source = cx_schematic_source_new (pack);
  tile_for (121.3769, 31.2096, 13, &x, &y, &px, &py);
  tile = shumate_tile_new_full (x, y, 256, 13);
  shumate_tile_set_scale_factor (tile, 2);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &done);
  cx_test_wait_flag (&done, 20000);

  g_assert_true (GDK_IS_TEXTURE (shumate_tile_get_paintable (tile)));
  texture = GDK_TEXTURE (shumate_tile_get_paintable (tile));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 512);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 512);

  split = count_split_blocks (texture);
  g_test_message ("2×2 device-pixel blocks of more than one colour: %u of %u", split, 256 * 256);
  /* Every edge of every shape splits blocks; magnified tiles split none. */
  g_assert_cmpuint (split, >, 1000);
}

/* What a legend of an area lists of the basemap: what is drawn there. */
static gboolean
lists (const CxBasemapClass *classes,
       guint                 n,
       CxBasemapClass        klass)
{
  for (guint i = 0; i < n; i++)
    if (classes[i] == klass)
      return TRUE;
  return FALSE;
}

static guint
legend_around (CxDataPack     *pack,
               double          lon,
               double          lat,
               double          zoom,
               double          width,
               double          height,
               CxBasemapClass *classes)
{
  double world = 256 * exp2 (zoom), mx, my;

  cx_mercator_project (lon, lat, &mx, &my);
  return cx_schematic_legend_classes (pack, zoom, mx * world - width / 2, my * world - height / 2, width, height, classes);
}

static void
test_legend_classes (void)
{
  g_autoptr(CxDataPack) pack = cx_test_load_default_pack ();
  CxBasemapClass classes[CX_BASEMAP_N_CLASSES];
  guint n;

  /* The whole district: roads, water and blocks. */
  n = legend_around (pack, 121.38, 31.213, 12.5, 800, 600, classes);
  g_assert_true (lists (classes, n, CX_BASEMAP_EXPRESSWAY));
  g_assert_true (lists (classes, n, CX_BASEMAP_WATER));
  g_assert_true (lists (classes, n, CX_BASEMAP_PARK));
  g_assert_true (lists (classes, n, CX_BASEMAP_AIRPORT));
  /* Rivers and water areas are one entry, named once. */
  g_assert_cmpstr (cx_schematic_class_name (CX_BASEMAP_RIVER), ==, cx_schematic_class_name (CX_BASEMAP_WATER));

  /* Around Zhongshan Park, close in: inside the expressways' extent but
   * away from them, so they are not in the legend; the creek and the
   * park are. Railways and main roads are only listed where they are
   * drawn, closer in. */
  n = legend_around (pack, 121.4165, 31.2232, 15.5, 540, 470, classes);
  g_assert_false (lists (classes, n, CX_BASEMAP_EXPRESSWAY));
  g_assert_true (lists (classes, n, CX_BASEMAP_WATER));
  g_assert_true (lists (classes, n, CX_BASEMAP_PARK));
  g_assert_false (lists (classes, n, CX_BASEMAP_AIRPORT));
  n = legend_around (pack, 121.38, 31.213, 11, 800, 600, classes);
  g_assert_false (lists (classes, n, CX_BASEMAP_ARTERIAL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schematic/creek-is-water", test_creek_is_water);
  g_test_add_func ("/schematic/district-land", test_district_land);
  g_test_add_func ("/schematic/tile-detail", test_tile_detail);
  g_test_add_func ("/schematic/fill-tile", test_fill_tile);
  g_test_add_func ("/schematic/fill-tile-hidpi", test_fill_tile_hidpi);
  g_test_add_func ("/schematic/fill-plain-tile", test_fill_plain_tile);
  g_test_add_func ("/schematic/legend-classes", test_legend_classes);

  return g_test_run ();
}
