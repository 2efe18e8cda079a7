/* cx-schematic-source.c: the offline basemap, drawn with cairo from the pack
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-schematic-source"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "cx-schematic-source.h"

struct _CxSchematicSource
{
  ShumateMapSource parent_instance;

  CxDataPack *pack;
  gboolean    dark;
  /* A pixel (cairo's ARGB32) → a texture of one pixel of that colour:
   * shared by the tiles that are all of it. */
  GHashTable *plain;
};

G_DEFINE_FINAL_TYPE (CxSchematicSource, cx_schematic_source, SHUMATE_TYPE_MAP_SOURCE)

/* A quiet, warm palette: the overlay's colours must stand out on it. */
typedef struct { double r, g, b, a; } Rgba;

typedef struct
{
  Rgba paper;        /* outside the district */
  Rgba district;
  Rgba district_rim;
  Rgba water;
  Rgba water_edge;
  Rgba park;
  Rgba park_edge;
  Rgba greenbelt;
  Rgba airport;
  Rgba airport_edge;
  Rgba rail;
  Rgba arterial_casing;
  Rgba arterial_fill;
  Rgba express_casing;
  Rgba express_fill;
} Palette;

static const Palette light_palette = {
  .paper = { 0.925, 0.918, 0.894, 1 },
  .district = { 0.976, 0.969, 0.949, 1 },
  .district_rim = { 0.55, 0.50, 0.66, 0.16 },
  .water = { 0.647, 0.792, 0.902, 1 },
  .water_edge = { 0.545, 0.714, 0.851, 1 },
  .park = { 0.808, 0.898, 0.757, 1 },
  .park_edge = { 0.690, 0.824, 0.627, 1 },
  .greenbelt = { 0.745, 0.867, 0.690, 1 },
  .airport = { 0.890, 0.878, 0.910, 1 },
  .airport_edge = { 0.800, 0.788, 0.835, 1 },
  .rail = { 0.62, 0.62, 0.64, 1 },
  .arterial_casing = { 0.780, 0.757, 0.710, 1 },
  .arterial_fill = { 1, 1, 1, 1 },
  .express_casing = { 0.820, 0.600, 0.345, 1 },
  .express_fill = { 0.976, 0.812, 0.541, 1 },
};

/* For the dark style: the same map at night, quiet enough for the overlay. */
static const Palette dark_palette = {
  .paper = { 0.118, 0.122, 0.133, 1 },
  .district = { 0.176, 0.180, 0.192, 1 },
  .district_rim = { 0.62, 0.58, 0.78, 0.18 },
  .water = { 0.157, 0.275, 0.392, 1 },
  .water_edge = { 0.208, 0.341, 0.471, 1 },
  .park = { 0.180, 0.271, 0.180, 1 },
  .park_edge = { 0.231, 0.333, 0.224, 1 },
  .greenbelt = { 0.169, 0.255, 0.161, 1 },
  .airport = { 0.220, 0.212, 0.247, 1 },
  .airport_edge = { 0.290, 0.282, 0.325, 1 },
  .rail = { 0.45, 0.45, 0.48, 1 },
  .arterial_casing = { 0.290, 0.290, 0.302, 1 },
  .arterial_fill = { 0.420, 0.420, 0.435, 1 },
  .express_casing = { 0.420, 0.310, 0.180, 1 },
  .express_fill = { 0.620, 0.470, 0.260, 1 },
};

static void
set_rgba (cairo_t    *cr,
          const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

typedef struct
{
  double world;    /* world size in pixels at this zoom */
  double ox, oy;   /* tile origin in world pixels */
  double mpp;      /* metres per pixel at the tile's latitude */
  CxBounds geo;    /* the tile's extent in degrees, with a margin */
} TileFrame;

static void
trace_part (cairo_t         *cr,
            const TileFrame *f,
            const CxCoord   *coords,
            guint            n,
            gboolean         close)
{
  for (guint i = 0; i < n; i++)
    {
      double mx, my;

      cx_mercator_project (coords[i].x, coords[i].y, &mx, &my);
      if (i == 0)
        cairo_move_to (cr, mx * f->world - f->ox, my * f->world - f->oy);
      else
        cairo_line_to (cr, mx * f->world - f->ox, my * f->world - f->oy);
    }

  if (close)
    cairo_close_path (cr);
}

static void
trace_geometry (cairo_t         *cr,
                const TileFrame *f,
                CxGeometry      *geometry)
{
  gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (geometry));

  for (guint i = 0; i < cx_geometry_get_n_parts (geometry); i++)
    {
      guint n;
      const CxCoord *part = cx_geometry_get_part (geometry, i, &n);

      trace_part (cr, f, part, n, areal);
    }
}

/* Width of something @metres wide on the ground, kept between @min and @max pixels. */
static double
ground_width (const TileFrame *f,
              double           metres,
              double           min,
              double           max)
{
  return CLAMP (metres / f->mpp, min, max);
}

/* Railways and main roads only show closer in. */
static gboolean
class_drawn_at (CxBasemapClass klass,
                double         zoom)
{
  switch (klass)
    {
    case CX_BASEMAP_RAIL:
      return zoom >= 13;
    case CX_BASEMAP_ARTERIAL:
      return zoom >= 12;
    default:
      return TRUE;
    }
}

static void
draw_class (CxDataPack      *pack,
            cairo_t         *cr,
            const TileFrame *f,
            CxBasemapClass   klass,
            void           (*draw) (cairo_t *, const TileFrame *, const CxBasemapItem *, gpointer),
            gpointer         data)
{
  for (guint i = 0; i < cx_data_pack_get_n_basemap_items (pack); i++)
    {
      const CxBasemapItem *item = cx_data_pack_get_basemap_item (pack, i);

      if (item->klass != klass || !cx_bounds_intersects (&item->bounds, &f->geo))
        continue;

      draw (cr, f, item, data);
    }
}

typedef struct
{
  const Rgba *fill;
  const Rgba *edge;
  double      edge_width;
} AreaStyle;

static void
draw_area (cairo_t             *cr,
           const TileFrame     *f,
           const CxBasemapItem *item,
           gpointer             data)
{
  const AreaStyle *style = data;

  cairo_new_path (cr);
  trace_geometry (cr, f, item->geometry);
  set_rgba (cr, style->fill);
  if (style->edge == NULL)
    {
      cairo_fill (cr);
      return;
    }
  cairo_fill_preserve (cr);
  set_rgba (cr, style->edge);
  cairo_set_line_width (cr, style->edge_width);
  cairo_stroke (cr);
}

typedef struct
{
  const Rgba *color;
  double      metres;
  double      min;
  double      max;
  double      extra;   /* added to the width, for casings */
  gboolean    dashed;
} LineStyle;

static void
draw_line (cairo_t             *cr,
           const TileFrame     *f,
           const CxBasemapItem *item,
           gpointer             data)
{
  const LineStyle *style = data;
  double width = ground_width (f, style->metres, style->min, style->max) + style->extra;

  cairo_new_path (cr);
  trace_geometry (cr, f, item->geometry);
  set_rgba (cr, style->color);
  cairo_set_line_width (cr, width);
  if (style->dashed)
    {
      double dashes[] = { width * 3, width * 2 };
      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Greenbelts come as areas or, where only a centre line is known, as lines
 * about 100 m wide. */
static void
draw_greenbelt (cairo_t             *cr,
                const TileFrame     *f,
                const CxBasemapItem *item,
                gpointer             data)
{
  LineStyle line = { ((const AreaStyle *) data)->fill, 100, 2, 60, 0, FALSE };

  if (cx_geometry_type_is_linear (cx_geometry_get_geometry_type (item->geometry)))
    draw_line (cr, f, item, &line);
  else
    draw_area (cr, f, item, data);
}

/* The legend's entries, in its order; rivers and water areas are one. */
static const struct
{
  CxBasemapClass klass;
  CxBasemapClass also;
  const char    *name;
} legend_entries[] = {
  { CX_BASEMAP_EXPRESSWAY, CX_BASEMAP_EXPRESSWAY, N_("Expressway") },
  { CX_BASEMAP_ARTERIAL, CX_BASEMAP_ARTERIAL, N_("Main road") },
  { CX_BASEMAP_RAIL, CX_BASEMAP_RAIL, N_("Railway") },
  { CX_BASEMAP_WATER, CX_BASEMAP_RIVER, N_("Water") },
  { CX_BASEMAP_PARK, CX_BASEMAP_PARK, N_("Park") },
  { CX_BASEMAP_GREENBELT, CX_BASEMAP_GREENBELT, N_("Greenbelt") },
  { CX_BASEMAP_AIRPORT, CX_BASEMAP_AIRPORT, N_("Airport") },
};

/* Whether the segment (x0, y0)–(x1, y1) crosses @box (Liang–Barsky). */
static gboolean
segment_crosses (double          x0,
                 double          y0,
                 double          x1,
                 double          y1,
                 const CxBounds *box)
{
  double p[4] = { x0 - x1, x1 - x0, y0 - y1, y1 - y0 };
  double q[4] = { x0 - box->min_x, box->max_x - x0, y0 - box->min_y, box->max_y - y0 };
  double t0 = 0, t1 = 1;

  for (guint i = 0; i < 4; i++)
    {
      double t;

      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      t = q[i] / p[i];
      if (p[i] < 0)
        t0 = MAX (t0, t);
      else
        t1 = MIN (t1, t);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* Whether @item is drawn in @box: a line or outline through it, or an
 * area around it. Bounding boxes alone would list a road that only
 * passes near the view. */
static gboolean
item_in_area (const CxBasemapItem *item,
              const CxBounds      *box)
{
  if (!cx_bounds_intersects (&item->bounds, box))
    return FALSE;

  for (guint i = 0; i < cx_geometry_get_n_parts (item->geometry); i++)
    {
      guint n;
      const CxCoord *part = cx_geometry_get_part (item->geometry, i, &n);

      for (guint j = 0; j + 1 < n; j++)
        if (segment_crosses (part[j].x, part[j].y, part[j + 1].x, part[j + 1].y, box))
          return TRUE;
      if (n == 1 && cx_bounds_contains (box, part[0].x, part[0].y))
        return TRUE;
    }

  return cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->geometry)) &&
         cx_geometry_contains (item->geometry, (box->min_x + box->max_x) / 2, (box->min_y + box->max_y) / 2);
}

static gboolean
class_in_area (CxDataPack     *pack,
               CxBasemapClass  klass,
               const CxBounds *area)
{
  for (guint i = 0; i < cx_data_pack_get_n_basemap_items (pack); i++)
    {
      const CxBasemapItem *item = cx_data_pack_get_basemap_item (pack, i);

      if (item->klass == klass && item_in_area (item, area))
        return TRUE;
    }
  return FALSE;
}

/**
 * cx_schematic_legend_classes:
 * @zoom, @x0, @y0, @width, @height: an area, as for cx_schematic_render_area()
 * @classes: (out caller-allocates) (array fixed-size=CX_BASEMAP_N_CLASSES):
 *   the kinds of things the basemap draws there, in the legend's order
 *
 * What a legend of that area lists of the basemap: its roads, water and
 * blocks (parks, the airport), each as cx_schematic_class_name() calls it
 * and cx_schematic_draw_swatch() draws it. The district itself is not
 * listed: the pack's district layer is.
 *
 * Returns: the number of @classes
 */
guint
cx_schematic_legend_classes (CxDataPack     *pack,
                             double          zoom,
                             double          x0,
                             double          y0,
                             double          width,
                             double          height,
                             CxBasemapClass *classes)
{
  double lon0, lat0, lon1, lat1;
  CxBounds area;
  guint n = 0;

  g_return_val_if_fail (CX_IS_DATA_PACK (pack), 0);

  cx_mercator_unproject (x0 / (256 * exp2 (zoom)), y0 / (256 * exp2 (zoom)), &lon0, &lat0);
  cx_mercator_unproject ((x0 + width) / (256 * exp2 (zoom)), (y0 + height) / (256 * exp2 (zoom)), &lon1, &lat1);
  area.min_x = lon0;
  area.max_x = lon1;
  area.min_y = lat1;
  area.max_y = lat0;

  for (guint i = 0; i < G_N_ELEMENTS (legend_entries); i++)
    if (class_drawn_at (legend_entries[i].klass, zoom) &&
        (class_in_area (pack, legend_entries[i].klass, &area) || class_in_area (pack, legend_entries[i].also, &area)))
      classes[n++] = legend_entries[i].klass;

  return n;
}

/**
 * cx_schematic_class_name:
 *
 * Returns: (transfer none): what a legend calls @klass, translated
 */
const char *
cx_schematic_class_name (CxBasemapClass klass)
{
  for (guint i = 0; i < G_N_ELEMENTS (legend_entries); i++)
    if (legend_entries[i].klass == klass || legend_entries[i].also == klass)
      return _(legend_entries[i].name);
  return "";
}

/**
 * cx_schematic_draw_swatch:
 *
 * Draws @klass in the box as the basemap draws it (light style): a legend's
 * swatch.
 */
void
cx_schematic_draw_swatch (cairo_t        *cr,
                          CxBasemapClass  klass,
                          double          x,
                          double          y,
                          double          width,
                          double          height)
{
  const Palette *pal = &light_palette;
  const Rgba *fill = NULL, *edge = NULL, *casing = NULL, *line = NULL;
  double mid = y + height / 2;

  switch (klass)
    {
    case CX_BASEMAP_EXPRESSWAY:
      casing = &pal->express_casing;
      line = &pal->express_fill;
      break;
    case CX_BASEMAP_ARTERIAL:
      casing = &pal->arterial_casing;
      line = &pal->arterial_fill;
      break;
    case CX_BASEMAP_RAIL:
      line = &pal->rail;
      break;
    case CX_BASEMAP_WATER:
    case CX_BASEMAP_RIVER:
      casing = &pal->water_edge;
      line = &pal->water;
      break;
    case CX_BASEMAP_PARK:
      fill = &pal->park;
      edge = &pal->park_edge;
      break;
    case CX_BASEMAP_GREENBELT:
      fill = &pal->greenbelt;
      break;
    case CX_BASEMAP_AIRPORT:
      fill = &pal->airport;
      edge = &pal->airport_edge;
      break;
    case CX_BASEMAP_DISTRICT:
    case CX_BASEMAP_N_CLASSES:
    default:
      fill = &pal->district;
      edge = &pal->district_rim;
      break;
    }

  cairo_save (cr);
  /* No line from wherever the caller's last text or shape ended. */
  cairo_new_path (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (fill != NULL)
    {
      cairo_rectangle (cr, x + 1, y + 1, width - 2, height - 2);
      set_rgba (cr, fill);
      cairo_fill_preserve (cr);
      if (edge != NULL)
        {
          set_rgba (cr, edge);
          cairo_set_line_width (cr, 1);
          cairo_stroke_preserve (cr);
        }
      cairo_new_path (cr);
    }
  else
    {
      double w = MAX (height * 0.45, 2);

      cairo_move_to (cr, x + w / 2, mid);
      cairo_line_to (cr, x + width - w / 2, mid);
      if (casing != NULL)
        {
          set_rgba (cr, casing);
          cairo_set_line_width (cr, w);
          cairo_stroke_preserve (cr);
          w *= 0.6;
        }
      set_rgba (cr, line);
      cairo_set_line_width (cr, w);
      if (klass == CX_BASEMAP_RAIL)
        {
          double dashes[] = { w * 3, w * 2 };
          cairo_set_dash (cr, dashes, 2, 0);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void render_tile (CxDataPack *pack,
                         cairo_t    *cr,
                         guint       zoom,
                         guint       x,
                         guint       y,
                         guint       tile_size,
                         gboolean    use_dark);
static void render (CxDataPack      *pack,
                    cairo_t         *cr,
                    const TileFrame *frame,
                    const Palette   *pal,
                    double           zoom,
                    double           width,
                    double           height);

/**
 * cx_schematic_render_area:
 * @cr: a context whose user space is the area, (0, 0) to (@width, @height)
 * @zoom: the zoom level, fractional allowed
 * @x0, @y0: the area's top-left corner in world pixels at @zoom (256 px tiles)
 *
 * Draws any rectangle of the schematic basemap, as vectors: tiles for the
 * map, one piece for a handout.
 */
void
cx_schematic_render_area (CxDataPack *pack,
                          cairo_t    *cr,
                          double      zoom,
                          double      x0,
                          double      y0,
                          double      width,
                          double      height)
{
  cx_schematic_render_area_full (pack, cr, zoom, x0, y0, width, height, FALSE);
}

/**
 * cx_schematic_render_area_full:
 * @dark: whether to use the palette for the dark style
 */
void
cx_schematic_render_area_full (CxDataPack *pack,
                               cairo_t    *cr,
                               double      zoom,
                               double      x0,
                               double      y0,
                               double      width,
                               double      height,
                               gboolean    use_dark)
{
  TileFrame f;
  double lon0, lat0, lon1, lat1, margin;

  g_return_if_fail (CX_IS_DATA_PACK (pack));

  f.world = 256 * exp2 (zoom);
  f.ox = x0;
  f.oy = y0;

  cx_mercator_unproject (x0 / f.world, y0 / f.world, &lon0, &lat0);
  cx_mercator_unproject ((x0 + width) / f.world, (y0 + height) / f.world, &lon1, &lat1);
  f.mpp = 40075016.686 * cos ((lat0 + lat1) / 2 * G_PI / 180) / f.world;

  /* Strokes reach past a feature's bounds; widen the area a little. */
  margin = (lon1 - lon0) * 0.1;
  f.geo.min_x = lon0 - margin;
  f.geo.max_x = lon1 + margin;
  f.geo.min_y = lat1 - margin;
  f.geo.max_y = lat0 + margin;

  render (pack, cr, &f, use_dark ? &dark_palette : &light_palette, zoom, width, height);
}

/**
 * cx_schematic_render_tile:
 * @cr: a context whose user space is the tile, (0, 0) to (@tile_size, @tile_size)
 *
 * Draws one Web Mercator tile of the schematic basemap.
 */
void
cx_schematic_render_tile (CxDataPack *pack,
                          cairo_t    *cr,
                          guint       zoom,
                          guint       x,
                          guint       y,
                          guint       tile_size)
{
  render_tile (pack, cr, zoom, x, y, tile_size, FALSE);
}

static void
render_tile (CxDataPack *pack,
             cairo_t    *cr,
             guint       zoom,
             guint       x,
             guint       y,
             guint       tile_size,
             gboolean    use_dark)
{
  double scale = tile_size / 256.0;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cx_schematic_render_area_full (pack, cr, zoom, (double) x * 256, (double) y * 256, 256, 256, use_dark);
  cairo_restore (cr);
}

static void
render (CxDataPack      *pack,
        cairo_t         *cr,
        const TileFrame *frame,
        const Palette   *pal,
        double           zoom,
        double           width,
        double           height)
{
  TileFrame f = *frame;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  set_rgba (cr, &pal->paper);
  cairo_paint (cr);

  {
    AreaStyle land = { &pal->district, NULL, 0 };
    AreaStyle airport_style = { &pal->airport, &pal->airport_edge, 1 };
    AreaStyle park_style = { &pal->park, &pal->park_edge, 1 };
    AreaStyle greenbelt_style = { &pal->greenbelt, NULL, 0 };
    AreaStyle water_style = { &pal->water, &pal->water_edge, 1 };
    LineStyle river_edge = { &pal->water_edge, 60, 4, 80, 1.5, FALSE };
    LineStyle river = { &pal->water, 60, 4, 80, 0, FALSE };
    LineStyle rim = { &pal->district_rim, 0, 0, 0, 0, FALSE };
    LineStyle rail_style = { &pal->rail, 0, 1, 1, 0, TRUE };
    LineStyle arterial_case = { &pal->arterial_casing, 25, 1.5, 24, 2, FALSE };
    LineStyle arterial_line = { &pal->arterial_fill, 25, 1.5, 24, 0, FALSE };
    LineStyle express_case = { &pal->express_casing, 35, 2, 32, 2, FALSE };
    LineStyle express_line = { &pal->express_fill, 35, 2, 32, 0, FALSE };

    /* The rim is a soft band inside the boundary, wider when zoomed in. */
    rim.extra = CLAMP (zoom - 8, 3, 12);

    draw_class (pack, cr, &f, CX_BASEMAP_DISTRICT, draw_area, &land);
    draw_class (pack, cr, &f, CX_BASEMAP_AIRPORT, draw_area, &airport_style);
    draw_class (pack, cr, &f, CX_BASEMAP_GREENBELT, draw_greenbelt, &greenbelt_style);
    draw_class (pack, cr, &f, CX_BASEMAP_PARK, draw_area, &park_style);
    draw_class (pack, cr, &f, CX_BASEMAP_WATER, draw_area, &water_style);
    draw_class (pack, cr, &f, CX_BASEMAP_RIVER, draw_line, &river_edge);
    draw_class (pack, cr, &f, CX_BASEMAP_RIVER, draw_line, &river);
    draw_class (pack, cr, &f, CX_BASEMAP_DISTRICT, draw_line, &rim);
    if (class_drawn_at (CX_BASEMAP_RAIL, zoom))
      draw_class (pack, cr, &f, CX_BASEMAP_RAIL, draw_line, &rail_style);
    if (class_drawn_at (CX_BASEMAP_ARTERIAL, zoom))
      draw_class (pack, cr, &f, CX_BASEMAP_ARTERIAL, draw_line, &arterial_case);
    draw_class (pack, cr, &f, CX_BASEMAP_EXPRESSWAY, draw_line, &express_case);
    if (class_drawn_at (CX_BASEMAP_ARTERIAL, zoom))
      draw_class (pack, cr, &f, CX_BASEMAP_ARTERIAL, draw_line, &arterial_line);
    draw_class (pack, cr, &f, CX_BASEMAP_EXPRESSWAY, draw_line, &express_line);
  }

  cairo_restore (cr);
}

/* Most tiles around the district are of one colour, the land beyond it
 * (26 of the 30 the window opens with). Such a tile gets a texture of one
 * pixel, shared with every tile of that colour: libshumate stretches a
 * tile's paintable over the tile, so it shows the same, and the window
 * keeps 4 bytes instead of a 256 KB copy in memory (and another where the
 * renderer uploads it). */
static GdkTexture *
plain_texture (CxSchematicSource *self,
               cairo_surface_t   *surface,
               guint              size)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 first;
  GdkTexture *texture;

  memcpy (&first, data, sizeof first);
  for (guint y = 0; y < size; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (guint x = 0; x < size; x++)
        if (row[x] != first)
          return NULL;
    }

  texture = g_hash_table_lookup (self->plain, GUINT_TO_POINTER (first));
  if (texture == NULL)
    {
      g_autoptr(GBytes) pixel = g_bytes_new (&first, sizeof first);

      texture = gdk_memory_texture_new (1, 1, GDK_MEMORY_DEFAULT, pixel, sizeof first);
      g_hash_table_insert (self->plain, GUINT_TO_POINTER (first), texture);
    }

  return g_object_ref (texture);
}

static void
cx_schematic_source_fill_tile_async (ShumateMapSource    *source,
                                     ShumateTile         *tile,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CxSchematicSource *self = CX_SCHEMATIC_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  /* Drawn in device pixels, as the overlay's tiles are: libshumate paints
   * a tile over tile-size logical pixels whatever the texture's size, so a
   * texture scale-factor times larger is crisp on a HiDPI screen. */
  guint size = shumate_map_source_get_tile_size (source) * MAX (shumate_tile_get_scale_factor (tile), 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  int stride;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cx_schematic_source_fill_tile_async);

  /* A tile takes well under a millisecond to draw: no thread needed. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) size, (int) size);
  cr = cairo_create (surface);
  render_tile (self->pack, cr,
               shumate_tile_get_zoom_level (tile),
               shumate_tile_get_x (tile),
               shumate_tile_get_y (tile),
               size, self->dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  texture = plain_texture (self, surface, size);
  if (texture != NULL)
    cairo_surface_destroy (surface);
  else
    {
      stride = cairo_image_surface_get_stride (surface);
      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                          (gsize) stride * size,
                                          (GDestroyNotify) cairo_surface_destroy,
                                          surface);
      texture = gdk_memory_texture_new ((int) size, (int) size, GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
    }

  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);

  g_task_return_boolean (task, TRUE);
}

static gboolean
cx_schematic_source_fill_tile_finish (ShumateMapSource  *source,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cx_schematic_source_dispose (GObject *object)
{
  CxSchematicSource *self = (CxSchematicSource *) object;

  g_clear_object (&self->pack);
  g_clear_pointer (&self->plain, g_hash_table_unref);

  G_OBJECT_CLASS (cx_schematic_source_parent_class)->dispose (object);
}

static void
cx_schematic_source_class_init (CxSchematicSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = cx_schematic_source_dispose;
  source_class->fill_tile_async = cx_schematic_source_fill_tile_async;
  source_class->fill_tile_finish = cx_schematic_source_fill_tile_finish;
}

static void
cx_schematic_source_init (CxSchematicSource *self)
{
  self->plain = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/**
 * cx_schematic_source_new:
 *
 * Returns: (transfer full): a map source drawing @pack's base geometry
 */
CxSchematicSource *
cx_schematic_source_new (CxDataPack *pack)
{
  return cx_schematic_source_new_full (pack, FALSE);
}

/**
 * cx_schematic_source_new_full:
 * @dark: draw for the dark style
 */
CxSchematicSource *
cx_schematic_source_new_full (CxDataPack *pack,
                              gboolean    dark)
{
  CxSchematicSource *self;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  /* libshumate caches tiles by source id; a different pack, or the other
   * style, must not reuse these tiles. */
  id = g_strdup_printf ("%s-%s-%" G_GINT64_FORMAT "%s", CX_SCHEMATIC_SOURCE_ID,
                        cx_data_pack_get_id (pack), cx_data_pack_get_version (pack),
                        dark ? "-dark" : "");

  self = g_object_new (CX_TYPE_SCHEMATIC_SOURCE,
                       "id", id,
                       "name", _("Schematic (offline)"),
                       "license", cx_data_pack_get_attribution (pack),
                       "min-zoom-level", 1,
                       "max-zoom-level", 20,
                       "tile-size", 256,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->pack = g_object_ref (pack);
  self->dark = !!dark;

  return self;
}
