/* cx-overlay-layer.c: every overlay feature of a pack, drawn by one layer
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "cx-overlay-layer.h"
#include "cx-gcj02.h"
#include "cx-palette.h"

typedef enum
{
  EMPHASIS_NORMAL,
  EMPHASIS_DIMMED,       /* something else is selected */
  EMPHASIS_HIGHLIGHTED,  /* selected, or a place of the selected program */
} Emphasis;

#define DIMMED_ALPHA 0.4

typedef struct _ItemLod ItemLod;
typedef struct _DrawSet DrawSet;
typedef struct _OverlayIndex OverlayIndex;

static void item_lod_release (ItemLod *lod);
static void invalidate_tiles (CxOverlayLayer *self);

/* Simplified copies of a shape (see lod_geometry()). */
#define N_LOD_LEVELS 5

/* Shared by the item and by the tile jobs drawing it in the worker thread:
 * the levels are read and filled under lod_lock. */
struct _ItemLod
{
  CxGeometry *levels[N_LOD_LEVELS];   /* owned; NULL until drawn at that level */
};

static GMutex lod_lock;

/* A feature with its geometry projected once to unit Web Mercator, so that a
 * frame only scales and translates. */
typedef struct
{
  GObject       *object;       /* owned: a CxFeature, or a CxImportedFeature */
  CxFeature     *feature;      /* @object when it is the pack's, else NULL */
  CxLayer       *layer;        /* borrowed from the pack; NULL for imported features */
  CxImportedLayer *user_layer; /* borrowed; NULL for the pack's features */
  guint          order;        /* drawing order of its layer: the pack's, then imported ones */
  const char    *name;         /* borrowed; the label, NULL for none */
  const char    *name_zh;      /* borrowed; for bilingual labels, NULL for none */
  const CxStyle *pack_style;
  CxStyle        presentation_style;
  const CxStyle *style;        /* one of the two above */
  CxGeometry    *projected;    /* owned; x, y in 0…1 */
  CxBounds       bounds;       /* of @projected */
  double         label_x;
  double         label_y;
  double         accuracy_unit; /* accuracy_m in unit-square lengths */
  gboolean       minor;         /* drawn small, named in small type */
  ItemLod       *lod;           /* owned (an atomic rc box): simplified copies of @projected */
} Item;

struct _CxOverlayLayer
{
  ShumateLayer parent_instance;

  /* Owned */
  CxDataPack  *pack;
  CxSelection *selection;    /* nullable */
  GArray     *items;           /* Item, in draw order: layer by layer, pack order within */
  CxVisibility *visibility;
  guint       n_layers;
  GPtrArray  *user_layers;     /* CxImportedLayer, owned, in drawing order */
  gboolean    presentation;
  gboolean    dark;            /* the dark style: light text on dark halos */
  gboolean    bilingual;       /* labels in the user's language and in Chinese */
  gboolean    gcj02;           /* drawn over a GCJ-02 basemap: shifted to match it */
  gboolean    high_contrast;   /* the checked palette, as in presentation mode */
  double      text_scale;      /* the desktop's large-text setting */


  OverlayIndex *index;         /* owned; built on first use after the items change */
  DrawSet      *draw_set;      /* owned; of the latest generation drawn */

  /* Drawn tiles (see "Tiles") */
  GPtrArray  *tiles;           /* Tile, owned */
  GHashTable *tile_index;      /* Tile → itself, by zoom, position, generation and scale */
  guint       generation;      /* bumped whenever what tiles show changes */
  guint64     frame_count;
  gint64      frame_sync_us;   /* spent drawing tiles in this frame */
  double      last_widget_zoom;   /* of the widget's last frame */
  gint64      last_widget_frame;  /* when it was made, monotonic µs */
  guint       settle_id;       /* a frame once the zoom has stopped moving */
  guint       n_stand_ins;     /* tiles of the last frame shown by others, scaled */
  int         last_scale;
  guint       n_pending;       /* tiles a worker is drawing */
  GMutex      tile_lock;       /* guards the two below, read by workers */
  double      wanted_zoom;
  guint       wanted_generation;

  GHashTable  *label_sprites;  /* key → LabelSprite, owned */
  PangoLayout *label_layout;   /* owned; for measuring and drawing sprites */
};

G_DEFINE_FINAL_TYPE (CxOverlayLayer, cx_overlay_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_PACK,
  PROP_BILINGUAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MARKER_RADIUS 6.0
#define LINE_HIT_TOLERANCE 6.0
#define MARKER_HIT_TOLERANCE 4.0
#define EARTH_CIRCUMFERENCE 40075016.686

/* ------------------------------------------------------------------ */
/* The frame: where the unit square is on the widget                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  double width, height;
  double zoom;
  double world;        /* size of the unit square in pixels */
  double cx, cy;       /* viewport centre in world pixels */
  double rotation;
  double scale;        /* style scale for this zoom */
  double label_scale;  /* text grows less with zoom, but fully with presentation or print */
} Frame;

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
      f->label_scale *= CX_PRESENTATION_SCALE;
    }
}

static void
frame_init (CxOverlayLayer *self,
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

static void
frame_to_widget (const Frame *f,
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

static void
frame_from_widget (const Frame *f,
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
static CxBounds
frame_visible_bounds (const Frame *f,
                      double       margin_px)
{
  double r = hypot (f->width, f->height) / 2 + margin_px;
  CxBounds b = {
    (f->cx - r) / f->world, (f->cy - r) / f->world,
    (f->cx + r) / f->world, (f->cy + r) / f->world,
  };

  return b;
}

/* ------------------------------------------------------------------ */
/* Items                                                               */
/* ------------------------------------------------------------------ */

/* Twice the signed area of a ring. */
static double
ring_area2 (const CxCoord *coords,
            guint          n)
{
  double sum = 0;

  for (guint i = 0; i + 1 < n; i++)
    sum += coords[i].x * coords[i + 1].y - coords[i + 1].x * coords[i].y;
  if (n > 0)
    sum += coords[n - 1].x * coords[0].y - coords[0].x * coords[n - 1].y;
  return sum;
}

/* Every outer ring turns one way and every hole the other, so that shapes
 * drawn together are filled with the non-zero rule: where two overlap,
 * both are filled; a hole stays empty unless another shape covers it. (The
 * even-odd rule left overlaps of a batch unfilled.) */
static CxGeometry *
project_geometry (CxGeometry *geometry,
                  gboolean    gcj02)
{
  CxGeometry *projected = cx_geometry_new (cx_geometry_get_geometry_type (geometry));
  gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (geometry));
  guint n_polygons = cx_geometry_get_n_polygons (geometry);
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (CxCoord));
  guint part = 0;

  for (guint p = 0; p <= n_polygons; p++)
    {
      guint first = part, n_parts;

      if (p < n_polygons)
        cx_geometry_get_polygon_parts (geometry, p, &first, &n_parts);
      else
        n_parts = cx_geometry_get_n_parts (geometry) - part;

      for (guint r = first; r < first + n_parts; r++)
        {
          guint n;
          const CxCoord *coords = cx_geometry_get_part (geometry, r, &n);
          gboolean reverse;

          g_array_set_size (ring, n);
          for (guint i = 0; i < n; i++)
            {
              double lat = coords[i].y, lon = coords[i].x;
              CxCoord *c = &g_array_index (ring, CxCoord, i);

              /* Over GCJ-02 tiles, everything moves where those tiles put it. */
              if (gcj02)
                cx_wgs84_to_gcj02 (coords[i].y, coords[i].x, &lat, &lon);
              cx_mercator_project (lon, lat, &c->x, &c->y);
            }

          /* Outer rings (the first of a polygon) positive, holes negative. */
          reverse = areal && ((ring_area2 ((CxCoord *) ring->data, n) < 0) == (r == first));
          for (guint i = 0; i < n; i++)
            {
              const CxCoord *c = &g_array_index (ring, CxCoord, reverse ? n - 1 - i : i);
              cx_geometry_add_coord (projected, c->x, c->y);
            }
          cx_geometry_close_part (projected);
        }
      part = first + n_parts;

      if (p < n_polygons)
        cx_geometry_close_polygon (projected);
    }

  return projected;
}

/* A WGS84 position to the unit square, in the datum the map is drawn in. */
static void
project_point (CxOverlayLayer *self,
               double          lat,
               double          lon,
               double         *x,
               double         *y)
{
  if (self->gcj02)
    cx_wgs84_to_gcj02 (lat, lon, &lat, &lon);
  cx_mercator_project (lon, lat, x, y);
}

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->object);
  item->feature = NULL;
  g_clear_pointer (&item->projected, cx_geometry_unref);
  item_lod_release (g_steal_pointer (&item->lod));
}

static void
build_items (CxOverlayLayer *self)
{
  GListModel *layers = cx_data_pack_get_layers (self->pack);

  self->n_layers = g_list_model_get_n_items (layers);

  for (guint l = 0; l < self->n_layers; l++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
      GListModel *features = cx_layer_get_features (layer);

      for (guint i = 0; i < g_list_model_get_n_items (features); i++)
        {
          Item item = { 0, };
          CxCoord label;
          double lat;

          item.object = g_list_model_get_item (features, i);
          item.feature = CX_FEATURE (item.object);
          item.layer = layer;
          item.order = l;
          item.name = cx_feature_get_name (item.feature);
          item.name_zh = cx_feature_get_name_zh (item.feature);
          item.pack_style = cx_layer_get_style (layer);
          cx_palette_presentation_style (item.pack_style, l, &item.presentation_style);
          item.style = item.pack_style;
          /* Points of a layer without labels of their own weight, like the
           * subdistricts' representative points, stay discreet. */
          item.minor = item.pack_style->label == CX_LABEL_NEVER ||
                       g_strcmp0 (cx_layer_get_id (layer), "subdistricts") == 0;
          item.projected = project_geometry (cx_feature_get_geometry (item.feature), self->gcj02);
          item.lod = g_atomic_rc_box_new0 (ItemLod);
          item.bounds = cx_geometry_get_bounds (item.projected);

          label = cx_feature_get_label_point (item.feature);
          project_point (self, label.y, label.x, &item.label_x, &item.label_y);

          /* One metre is 1/(C·cos φ) of the unit square at latitude φ. */
          lat = label.y * G_PI / 180;
          item.accuracy_unit = cx_feature_get_accuracy_m (item.feature) / (EARTH_CIRCUMFERENCE * cos (lat));

          g_array_append_val (self->items, item);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Spatial index and simplified geometry                               */
/* ------------------------------------------------------------------ */

/* A frame draws, and a click tests, only the items whose bounds meet the
 * part of the unit square in question: a uniform grid over the items'
 * bounds finds them without looking at the others. With 10,000 imported
 * polygons a click costs a few microseconds instead of milliseconds, and a
 * zoomed-in frame walks a few cells instead of every item. */

/* About this many items per cell, and at most this many cells. */
#define INDEX_ITEMS_PER_CELL 2
#define INDEX_MAX_SIDE 512
/* An item over more cells than this (the district outline, say) is not
 * put in the cells but in a list that every query takes whole. */
#define INDEX_MAX_CELLS_PER_ITEM 64

/* Simplified copies of a shape, made the first time it is drawn at a
 * level: Douglas–Peucker at LOD_TOLERANCE_PX of the zoom of the level.
 * A frame uses the coarsest level whose tolerance is at most that many
 * pixels at its own zoom, so its error is 0.25 to 0.5 px; from zoom 16 on
 * it draws the full shape. At zoom 11, a 100-vertex ring of an imported
 * parcel, 5 px across, is drawn with 6 to 10. */
#define LOD_TOLERANCE_PX 0.5
#define LOD_MIN_COORDS 16
static const double lod_zooms[N_LOD_LEVELS] = { 8, 10, 12, 14, 16 };


struct _OverlayIndex
{
  guint     n_items;            /* self->items->len when it was built */
  gboolean  stale;              /* items were added or removed since */
  CxBounds  bounds;             /* of every item's reach */
  guint     cols, rows;
  double    cell_width, cell_height;
  guint    *cell_starts;        /* cols × rows + 1 offsets into @cell_items */
  guint    *cell_items;         /* item indices, ascending within a cell */
  GArray   *wide;               /* guint: items over too many cells, ascending */
  guint32  *marks;              /* a bit per item; all clear between queries */
  double    max_stroke_width;   /* the widest line of any item, in any style */
  gsize     n_coords;           /* of every item */
};

static void
item_lod_clear (gpointer data)
{
  ItemLod *lod = data;

  for (guint l = 0; l < N_LOD_LEVELS; l++)
    g_clear_pointer (&lod->levels[l], cx_geometry_unref);
}

static void
item_lod_release (ItemLod *lod)
{
  if (lod != NULL)
    g_atomic_rc_box_release_full (lod, item_lod_clear);
}

static void
overlay_index_free (OverlayIndex *index)
{
  g_free (index->cell_starts);
  g_free (index->cell_items);
  g_free (index->marks);
  g_array_unref (index->wide);
  g_free (index);
}

/* Where an item can leave ink: its bounds, and a point's accuracy disc. */
static CxBounds
item_reach (const Item *item)
{
  CxBounds reach = item->bounds;

  if (cx_geometry_get_geometry_type (item->projected) == CX_GEOMETRY_POINT)
    {
      reach.min_x -= item->accuracy_unit;
      reach.max_x += item->accuracy_unit;
      reach.min_y -= item->accuracy_unit;
      reach.max_y += item->accuracy_unit;
    }

  return reach;
}

static void
index_cell_range (const OverlayIndex *index,
                  const CxBounds     *b,
                  guint              *c0,
                  guint              *r0,
                  guint              *c1,
                  guint              *r1)
{
  *c0 = (guint) CLAMP ((b->min_x - index->bounds.min_x) / index->cell_width, 0, index->cols - 1);
  *c1 = (guint) CLAMP ((b->max_x - index->bounds.min_x) / index->cell_width, 0, index->cols - 1);
  *r0 = (guint) CLAMP ((b->min_y - index->bounds.min_y) / index->cell_height, 0, index->rows - 1);
  *r1 = (guint) CLAMP ((b->max_y - index->bounds.min_y) / index->cell_height, 0, index->rows - 1);
}

static OverlayIndex *
overlay_index_new (GArray *items)
{
  OverlayIndex *index = g_new0 (OverlayIndex, 1);
  guint n = items->len;
  g_autofree CxBounds *reach = g_new (CxBounds, MAX (n, 1));
  g_autofree guint8 *wide = g_new0 (guint8, MAX (n, 1));
  double width, height;
  guint n_cells;

  index->n_items = n;
  index->marks = g_new0 (guint32, n / 32 + 1);
  index->wide = g_array_new (FALSE, FALSE, sizeof (guint));
  cx_bounds_init_empty (&index->bounds);

  for (guint i = 0; i < n; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      reach[i] = item_reach (item);
      if (!cx_bounds_is_empty (&reach[i]))
        cx_bounds_union (&index->bounds, &reach[i]);
      index->max_stroke_width = MAX (index->max_stroke_width,
                                     MAX (item->pack_style->stroke_width, item->presentation_style.stroke_width));
      index->n_coords += cx_geometry_get_n_coords (item->projected);
    }

  /* Cells about as wide as they are high, for shapes that are too. */
  width = cx_bounds_is_empty (&index->bounds) ? 0 : index->bounds.max_x - index->bounds.min_x;
  height = cx_bounds_is_empty (&index->bounds) ? 0 : index->bounds.max_y - index->bounds.min_y;
  n_cells = MAX (n / INDEX_ITEMS_PER_CELL, 1);
  if (width > 0 && height > 0)
    {
      index->cols = (guint) CLAMP (round (sqrt (n_cells * width / height)), 1, INDEX_MAX_SIDE);
      index->rows = (guint) CLAMP (round ((double) n_cells / index->cols), 1, INDEX_MAX_SIDE);
    }
  else
    index->cols = index->rows = 1;
  index->cell_width = width > 0 ? width / index->cols : 1;
  index->cell_height = height > 0 ? height / index->rows : 1;

  /* Counting sort: count the entries of each cell, then fill them in item
   * order, which keeps every cell ascending. */
  index->cell_starts = g_new0 (guint, index->cols * index->rows + 1);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree guint *fill = pass == 1 ? g_memdup2 (index->cell_starts, index->cols * index->rows * sizeof (guint)) : NULL;

      for (guint i = 0; i < n; i++)
        {
          guint c0, r0, c1, r1;

          if (cx_bounds_is_empty (&reach[i]))
            continue;
          index_cell_range (index, &reach[i], &c0, &r0, &c1, &r1);
          if ((c1 - c0 + 1) * (r1 - r0 + 1) > INDEX_MAX_CELLS_PER_ITEM)
            {
              if (pass == 0)
                {
                  wide[i] = TRUE;
                  g_array_append_val (index->wide, i);
                }
              continue;
            }
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                if (pass == 0)
                  index->cell_starts[r * index->cols + c + 1]++;
                else
                  index->cell_items[fill[r * index->cols + c]++] = i;
              }
        }

      if (pass == 0)
        {
          for (guint k = 0; k < index->cols * index->rows; k++)
            index->cell_starts[k + 1] += index->cell_starts[k];
          index->cell_items = g_new (guint, MAX (index->cell_starts[index->cols * index->rows], 1));
        }
    }

  return index;
}

/* The index of the items as they are now. */
static OverlayIndex *
ensure_index (CxOverlayLayer *self)
{
  if (self->index != NULL && !self->index->stale && self->index->n_items == self->items->len)
    return self->index;

  g_clear_pointer (&self->index, overlay_index_free);
  self->index = overlay_index_new (self->items);

  return self->index;
}

/* Called whenever items are added, removed or moved. */
static void
invalidate_index (CxOverlayLayer *self)
{
  if (self->index != NULL)
    self->index->stale = TRUE;
}

static inline void
index_mark (OverlayIndex *index,
            guint         i)
{
  index->marks[i / 32] |= 1u << (i % 32);
}

/* Appends to @out, ascending, every item whose reach may meet @area (and
 * some that do not: the caller still checks the bounds). */
static void
index_query (OverlayIndex   *index,
             const CxBounds *area,
             GArray         *out)
{
  guint n_words = index->n_items / 32 + 1;
  guint c0, r0, c1, r1;

  if (index->n_items == 0 || cx_bounds_is_empty (&index->bounds) ||
      !cx_bounds_intersects (area, &index->bounds))
    return;

  if (area->min_x <= index->bounds.min_x && area->max_x >= index->bounds.max_x &&
      area->min_y <= index->bounds.min_y && area->max_y >= index->bounds.max_y)
    {
      /* Everything is in view: no need for the cells. */
      g_array_set_size (out, out->len + index->n_items);
      for (guint i = 0; i < index->n_items; i++)
        g_array_index (out, guint, out->len - index->n_items + i) = i;
      return;
    }

  index_cell_range (index, area, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      for (guint k = index->cell_starts[r * index->cols + c]; k < index->cell_starts[r * index->cols + c + 1]; k++)
        index_mark (index, index->cell_items[k]);
  for (guint k = 0; k < index->wide->len; k++)
    index_mark (index, g_array_index (index->wide, guint, k));

  /* The bits come out in item order, which is the drawing order, and are
   * cleared for the next query. */
  for (guint w = 0; w < n_words; w++)
    {
      guint32 bits = index->marks[w];

      while (bits != 0)
        {
          guint i = w * 32 + (guint) __builtin_ctz (bits);

          g_array_append_val (out, i);
          bits &= bits - 1;
        }
      index->marks[w] = 0;
    }
}

static inline double
segment_distance2 (const CxCoord *p,
                   const CxCoord *a,
                   const CxCoord *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / len2 : 0;
  double ex, ey;

  t = CLAMP (t, 0.0, 1.0);
  ex = a->x + t * dx - p->x;
  ey = a->y + t * dy - p->y;
  return ex * ex + ey * ey;
}

/* Douglas–Peucker over coords[first..last], marking what it keeps. */
static void
simplify_span (const CxCoord *coords,
               guint          first,
               guint          last,
               double         tolerance2,
               guint8        *keep,
               GArray        *stack)
{
  guint span[2] = { first, last };

  g_array_set_size (stack, 0);
  g_array_append_vals (stack, span, 2);
  while (stack->len > 0)
    {
      guint a = g_array_index (stack, guint, stack->len - 2);
      guint b = g_array_index (stack, guint, stack->len - 1);
      double worst = -1;
      guint worst_i = a;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = a + 1; i < b; i++)
        {
          double d = segment_distance2 (&coords[i], &coords[a], &coords[b]);

          if (d > worst)
            {
              worst = d;
              worst_i = i;
            }
        }
      if (worst > tolerance2)
        {
          guint left[2] = { a, worst_i }, right[2] = { worst_i, b };

          keep[worst_i] = TRUE;
          g_array_append_vals (stack, left, 2);
          g_array_append_vals (stack, right, 2);
        }
    }
}

static void
simplify_part (const CxCoord *coords,
               guint          n,
               double         tolerance,
               CxGeometry    *out)
{
  g_autofree guint8 *keep = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  if (n > 2)
    {
      /* A ring starts and ends on the same position: split it at the
       * vertex farthest from there, which keeps its area. */
      guint far = 0;
      double far_d = -1;

      for (guint i = 1; i + 1 < n; i++)
        {
          double dx = coords[i].x - coords[0].x, dy = coords[i].y - coords[0].y;

          if (dx * dx + dy * dy > far_d)
            {
              far_d = dx * dx + dy * dy;
              far = i;
            }
        }
      keep[far] = TRUE;
      simplify_span (coords, 0, far, tolerance * tolerance, keep, stack);
      simplify_span (coords, far, n - 1, tolerance * tolerance, keep, stack);
    }
  keep[0] = TRUE;
  keep[n - 1] = TRUE;

  for (guint i = 0; i < n; i++)
    if (keep[i])
      cx_geometry_add_coord (out, coords[i].x, coords[i].y);
  cx_geometry_close_part (out);
}

static CxGeometry *
simplify_geometry (const CxGeometry *geometry,
                   double            tolerance)
{
  CxGeometry *simplified = cx_geometry_new (cx_geometry_get_geometry_type (geometry));
  guint n_polygons = cx_geometry_get_n_polygons (geometry);
  guint part = 0;

  /* The same walk as project_geometry(): polygons, then any loose parts. */
  for (guint p = 0; p <= n_polygons; p++)
    {
      guint first = part, n_parts;

      if (p < n_polygons)
        cx_geometry_get_polygon_parts (geometry, p, &first, &n_parts);
      else
        n_parts = cx_geometry_get_n_parts (geometry) - part;

      for (guint r = first; r < first + n_parts; r++)
        {
          guint n;
          const CxCoord *coords = cx_geometry_get_part (geometry, r, &n);

          if (n > 0)
            simplify_part (coords, n, tolerance, simplified);
          else
            cx_geometry_close_part (simplified);
        }
      part = first + n_parts;

      if (p < n_polygons)
        cx_geometry_close_polygon (simplified);
    }

  return simplified;
}

/* What is drawn of @projected at the frame's scale. Safe in any thread.
 *
 * Returns: (transfer full): the geometry */
static CxGeometry *
lod_geometry (CxGeometry  *projected,
              ItemLod     *lod,
              const Frame *f)
{
  if (lod == NULL || cx_geometry_get_n_coords (projected) < LOD_MIN_COORDS)
    return cx_geometry_ref (projected);

  for (guint l = 0; l < N_LOD_LEVELS; l++)
    {
      /* The level's tolerance, in unit-square lengths. */
      double tolerance = LOD_TOLERANCE_PX / (256 * exp2 (lod_zooms[l]));
      CxGeometry *geometry;

      if (tolerance * f->world > LOD_TOLERANCE_PX)
        continue;

      g_mutex_lock (&lod_lock);
      geometry = lod->levels[l] != NULL ? cx_geometry_ref (lod->levels[l]) : NULL;
      g_mutex_unlock (&lod_lock);
      if (geometry != NULL)
        return geometry;

      /* Made outside the lock; if another thread made it meanwhile, its
       * copy is kept. */
      geometry = simplify_geometry (projected, tolerance);
      g_mutex_lock (&lod_lock);
      if (lod->levels[l] == NULL)
        lod->levels[l] = cx_geometry_ref (geometry);
      else
        {
          cx_geometry_unref (geometry);
          geometry = cx_geometry_ref (lod->levels[l]);
        }
      g_mutex_unlock (&lod_lock);
      return geometry;
    }

  return cx_geometry_ref (projected);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

static void
set_color (cairo_t       *cr,
           const CxColor *c,
           double         alpha_factor)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha_factor);
}

/* What a frame draws of an item: copied from it on the main thread, so that
 * a worker thread can draw a tile from it while the items change. */
typedef struct
{
  CxGeometry *projected;      /* owned */
  ItemLod    *lod;            /* owned */
  CxStyle     style;
  Emphasis    emphasis;
  double      accuracy_unit;
  gboolean    visible;
  gboolean    is_point;
  gboolean    areal;
  gboolean    minor;
  gboolean    batched;        /* drawn in one path with its neighbours of the same style */
} DrawItem;

/* Every item as drawn in one state of the layer (its generation), made once
 * for that state and shared, read-only, by the frames and the tile jobs of
 * that state: a tile only lists the indices of what it draws. An atomic rc
 * box: jobs hold it in the worker thread. */
struct _DrawSet
{
  GArray *items;               /* DrawItem, one per Item, in item order */
  guint   generation;
};

static void
draw_item_clear (gpointer data)
{
  DrawItem *d = data;

  g_clear_pointer (&d->projected, cx_geometry_unref);
  item_lod_release (g_steal_pointer (&d->lod));
}

static void
draw_set_clear (gpointer data)
{
  DrawSet *set = data;

  g_clear_pointer (&set->items, g_array_unref);
}

static void
draw_set_release (DrawSet *set)
{
  if (set != NULL)
    g_atomic_rc_box_release_full (set, draw_set_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrawSet, draw_set_release)

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
  g_autoptr(CxGeometry) geometry = lod_geometry (d->projected, d->lod, f);

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
      set_color (cr, &style->fill, batch->alpha);
      cairo_fill_preserve (cr);
    }
  if (width > 0)
    {
      set_color (cr, &style->stroke, batch->alpha);
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

static gboolean
item_visible (CxOverlayLayer *self,
              const Item     *item)
{
  if (item->user_layer != NULL)
    return cx_imported_layer_get_visible (item->user_layer);

  return cx_visibility_get_visible_index (self->visibility, item->order);
}

static Emphasis
item_emphasis (CxOverlayLayer *self,
               const Item     *item)
{
  if (self->selection == NULL || g_list_model_get_n_items (cx_selection_get_highlighted (self->selection)) == 0)
    return EMPHASIS_NORMAL;

  return cx_selection_is_highlighted (self->selection, item->object) ? EMPHASIS_HIGHLIGHTED : EMPHASIS_DIMMED;
}

static void
draw_shape (cairo_t        *cr,
            const Frame    *f,
            const DrawItem *d)
{
  const CxStyle *style = &d->style;
  Emphasis emphasis = d->emphasis;
  double alpha = emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;
  double width = style->stroke_width * f->scale;

  if (emphasis == EMPHASIS_HIGHLIGHTED)
    width = MAX (width * 1.8, 3.5);

  cairo_new_path (cr);
  trace_item (cr, f, d);

  if (style->has_fill && d->areal)
    {
      set_color (cr, &style->fill, emphasis == EMPHASIS_HIGHLIGHTED ? 1.6 : alpha);
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
    set_color (cr, &style->stroke, alpha);
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
  const CxStyle *style = &d->style;
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
      set_color (cr, &style->fill, emphasis == EMPHASIS_HIGHLIGHTED ? 1.6 : alpha);
      cairo_fill_preserve (cr);
      set_color (cr, &style->stroke, 0.8 * alpha);
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
  set_color (cr, &style->marker, alpha);
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

/* Which items of the frame to collect. */
typedef enum
{
  COLLECT_NORMAL = 1 << 0,       /* everything not highlighted: what tiles hold */
  COLLECT_HIGHLIGHTED = 1 << 1,  /* drawn above everything, every frame */
} CollectFlags;

/* The items as drawn in the layer's state now.
 *
 * Returns: (transfer full): the draw set */
static DrawSet *
get_draw_set (CxOverlayLayer *self)
{
  DrawSet *set = self->draw_set;

  if (set != NULL && set->generation == self->generation && set->items->len == self->items->len)
    return g_atomic_rc_box_acquire (set);

  g_clear_pointer (&self->draw_set, draw_set_release);
  set = g_atomic_rc_box_new0 (DrawSet);
  set->generation = self->generation;
  set->items = g_array_sized_new (FALSE, FALSE, sizeof (DrawItem), self->items->len);
  g_array_set_clear_func (set->items, draw_item_clear);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      CxGeometryType type = cx_geometry_get_geometry_type (item->projected);
      DrawItem d;

      d.projected = cx_geometry_ref (item->projected);
      d.lod = g_atomic_rc_box_acquire (item->lod);
      d.style = *item->style;
      d.emphasis = item_emphasis (self, item);
      d.accuracy_unit = item->accuracy_unit;
      d.visible = item_visible (self, item);
      d.is_point = type == CX_GEOMETRY_POINT;
      d.areal = cx_geometry_type_is_areal (type);
      d.minor = item->minor;
      d.batched = !d.is_point && item->user_layer != NULL && d.emphasis != EMPHASIS_HIGHLIGHTED &&
                  item->style->n_dashes == 0;
      g_array_append_val (set->items, d);
    }

  self->draw_set = set;
  return g_atomic_rc_box_acquire (set);
}

/* Appends to @out, in drawing order, the indices in @set of what is to be
 * drawn of the items whose ink may reach @area: shapes layer by layer, then
 * every point on top of them; what is highlighted comes last, above
 * everything.
 *
 * Returns: how many vertices the collected items have */
static gsize
collect_items (CxOverlayLayer *self,
               DrawSet        *set,
               const CxBounds *area,
               CollectFlags    flags,
               GArray         *out)
{
  g_autoptr(GArray) nearby = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *passes[4] = { NULL, };
  gsize n_coords = 0;

  index_query (ensure_index (self), area, nearby);

  /* One look at each item, sorted into the four passes: shapes, points,
   * highlighted shapes, highlighted points. */
  for (guint k = 0; k < nearby->len; k++)
    {
      guint i = g_array_index (nearby, guint, k);
      const DrawItem *d = &g_array_index (set->items, DrawItem, i);
      gboolean highlighted = d->emphasis == EMPHASIS_HIGHLIGHTED;
      guint pass = (highlighted ? 2 : 0) + (d->is_point ? 1 : 0);
      /* The accuracy disc of a point can be much larger than its marker. */
      CxBounds reach;

      if (!d->visible || !(flags & (highlighted ? COLLECT_HIGHLIGHTED : COLLECT_NORMAL)))
        continue;
      reach = item_reach (&g_array_index (self->items, Item, i));
      if (!cx_bounds_intersects (&reach, area))
        continue;

      if (pass == 0)
        g_array_append_val (out, i);
      else
        {
          if (passes[pass] == NULL)
            passes[pass] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (passes[pass], i);
        }
      n_coords += cx_geometry_get_n_coords (d->projected);
    }

  for (guint pass = 1; pass < 4; pass++)
    if (passes[pass] != NULL)
      {
        g_array_append_vals (out, passes[pass]->data, passes[pass]->len);
        g_array_unref (passes[pass]);
      }

  return n_coords;
}

static void
draw_setup (cairo_t *cr)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Rings are oriented so (see project_geometry()). */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
}

/* Draws the items of @set at @indices, in order; cairo's origin is the
 * frame's centre. Safe in any thread, on a context of its own. */
static void
draw_items (cairo_t       *cr,
            const Frame   *f,
            const DrawSet *set,
            GArray        *indices)
{
  Batch batch = { NULL, 1, 0, FALSE };

  cairo_new_path (cr);
  for (guint k = 0; k < indices->len; k++)
    {
      const DrawItem *d = &g_array_index (set->items, DrawItem, g_array_index (indices, guint, k));

      if (d->batched)
        {
          double alpha = d->emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;

          if (batch.count > 0 &&
              (batch.count >= BATCH_MAX || !cx_style_equal (batch.style, &d->style) ||
               batch.alpha != alpha || batch.areal != d->areal))
            batch_flush (cr, f, &batch);
          batch.style = &d->style;
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

/* ------------------------------------------------------------------ */
/* Labels                                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  double x, y, w, h;
} Box;

static gboolean
box_overlaps (const Box *a,
              const Box *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

static gboolean
label_wanted (const Item  *item,
              const Frame *f)
{
  gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected));

  switch (item->style->label)
    {
    case CX_LABEL_NEVER:
      return FALSE;
    case CX_LABEL_ALWAYS:
      /* An area's name matters while the area fits on screen, not inside it. */
      return !areal || f->zoom < 14;
    case CX_LABEL_ZOOM:
    default:
      return f->zoom >= 13 && (!areal || f->zoom < 15);
    }
}

/* A label as it is drawn: text in a font and a colour, with a halo. */
typedef struct
{
  const char *text;
  double      size;        /* absolute, in pixels */
  gboolean    bold;
  CxColor     ink;
  CxColor     halo;
} LabelLook;

static void
label_layout_set (PangoLayout     *layout,
                  const LabelLook *look)
{
  PangoFontDescription *font = pango_font_description_from_string (look->bold ? "Sans Bold" : "Sans");

  pango_font_description_set_absolute_size (font, look->size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, look->text, -1);
}

/* Draws the layout with its top left corner at the current point. */
static void
label_draw (cairo_t         *cr,
            PangoLayout     *layout,
            const LabelLook *look,
            double           x,
            double           y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_color (cr, &look->halo, 1);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);

  cairo_move_to (cr, x, y);
  set_color (cr, &look->ink, 1);
  pango_cairo_show_layout (cr, layout);
}

#define LABEL_PAD 3   /* room for the halo around the ink, in pixels */

/* A label on the map is at most this many characters, then "…": a title
 * from a file can be 16 KiB (CX_IMPORT_MAX_TEXT_BYTES), and its sprite
 * would be wider than cairo's 32,767 px limit for a surface. At the
 * largest label size (15 px, bold, presentation scale 2, device scale 2)
 * 80 characters stay under 8,000 px. */
#define LABEL_MAX_CHARS 80

/* The largest surface side cairo can make. */
#define CAIRO_MAX_SIDE 32767

/* @text, or a copy in @owned cut to LABEL_MAX_CHARS with "…". Looks at no
 * more than LABEL_MAX_CHARS + 1 characters, so it costs the same for any
 * length of text, every frame. */
static const char *
label_text_bounded (const char  *text,
                    char       **owned)
{
  const char *end = text;

  for (guint i = 0; i < LABEL_MAX_CHARS; i++)
    {
      if (*end == '\0')
        return text;
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return text;

  *owned = g_malloc ((gsize) (end - text) + sizeof "…");
  memcpy (*owned, text, (gsize) (end - text));
  memcpy (*owned + (end - text), "…", sizeof "…");
  return *owned;
}

/* A label drawn once into a texture, for every frame that shows it until
 * its look changes: stroking the halo of a label costs most of a
 * millisecond, painting a texture almost nothing. */
typedef struct
{
  cairo_surface_t *surface; /* owned; NULL when the label has no ink */
  GdkTexture *texture;     /* owned; made from @surface when first wanted */
  double      width;       /* logical extents, for placing it */
  double      height;
  double      ink_x;       /* where the texture goes, from the layout's origin */
  double      ink_y;
  double      ink_width;
  double      ink_height;
} LabelSprite;

static void
label_sprite_free (gpointer data)
{
  LabelSprite *sprite = data;

  g_clear_object (&sprite->texture);
  g_clear_pointer (&sprite->surface, cairo_surface_destroy);
  g_free (sprite);
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                      (gsize) cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32, premultiplied, in native order. */
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                 cairo_image_surface_get_height (surface),
                                 GDK_MEMORY_DEFAULT, bytes,
                                 (gsize) cairo_image_surface_get_stride (surface));
}

#define LABEL_CACHE_MAX 2048

/* The key of a sprite: its look and scale, then its text. */
typedef struct
{
  int     scale;
  int     bold;
  double  size;
  CxColor ink;
  CxColor halo;
} SpriteKey;

static guint
sprite_key_hash (gconstpointer key)
{
  const SpriteKey *k = key;
  const char *text = (const char *) (k + 1);
  guint hash = g_str_hash (text);
  const guint8 *bytes = key;

  for (gsize i = 0; i < sizeof *k; i++)
    hash = hash * 31 + bytes[i];
  return hash;
}

static gboolean
sprite_key_equal (gconstpointer a,
                  gconstpointer b)
{
  return memcmp (a, b, sizeof (SpriteKey)) == 0 &&
         strcmp ((const char *) ((const SpriteKey *) a + 1), (const char *) ((const SpriteKey *) b + 1)) == 0;
}

static LabelSprite *
label_sprite_get (CxOverlayLayer  *self,
                  const LabelLook *look,
                  int              scale)
{
  gsize text_len = strlen (look->text);
  g_autofree SpriteKey *key = g_malloc0 (sizeof (SpriteKey) + text_len + 1);
  LabelSprite *sprite;
  PangoRectangle ink, logical;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* Zeroed first: the padding of the struct is hashed too. */
  key->scale = scale;
  key->bold = look->bold;
  key->size = look->size;
  key->ink = look->ink;
  key->halo = look->halo;
  memcpy (key + 1, look->text, text_len + 1);

  sprite = g_hash_table_lookup (self->label_sprites, key);
  if (sprite != NULL)
    return sprite;

  if (self->label_layout == NULL)
    self->label_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  label_layout_set (self->label_layout, look);
  pango_layout_get_pixel_extents (self->label_layout, &ink, &logical);

  sprite = g_new0 (LabelSprite, 1);
  sprite->width = logical.width;
  sprite->height = logical.height;
  sprite->ink_x = ink.x - LABEL_PAD;
  sprite->ink_y = ink.y - LABEL_PAD;
  sprite->ink_width = ink.width + 2 * LABEL_PAD;
  sprite->ink_height = ink.height + 2 * LABEL_PAD;

  /* Beyond cairo's limit the surface would be an error surface, and its
   * texture a GTK-CRITICAL; LABEL_MAX_CHARS keeps labels far from it, and
   * this keeps any that is not (a huge font) from being drawn at all. */
  if (ink.width > 0 && ink.height > 0 &&
      ceil (sprite->ink_width * scale) <= CAIRO_MAX_SIDE && ceil (sprite->ink_height * scale) <= CAIRO_MAX_SIDE)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (sprite->ink_width * scale),
                                            (int) ceil (sprite->ink_height * scale));
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_warning ("A label of %d × %d px could not be drawn: %s",
                     (int) ceil (sprite->ink_width * scale), (int) ceil (sprite->ink_height * scale),
                     cairo_status_to_string (cairo_surface_status (surface)));
          cairo_surface_destroy (surface);
          surface = NULL;
        }
    }
  else
    surface = NULL;

  if (surface != NULL)
    {
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      pango_cairo_update_layout (cr, self->label_layout);
      label_draw (cr, self->label_layout, look, -sprite->ink_x, -sprite->ink_y);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      sprite->surface = surface;
    }

  if (g_hash_table_size (self->label_sprites) >= LABEL_CACHE_MAX)
    g_hash_table_remove_all (self->label_sprites);
  g_hash_table_insert (self->label_sprites, g_steal_pointer (&key), sprite);

  return sprite;
}

typedef enum
{
  LABELS_VECTOR,     /* as paths, into a cairo context: for print and export */
  LABELS_SURFACES,   /* sprites painted into a cairo context */
  LABELS_TEXTURES,   /* sprites as texture nodes of a snapshot */
} LabelsMode;

/* Labels are placed greedily, most important layer first (the top layer),
 * and skipped where they would overlap one already placed. @cr's origin is
 * the frame's centre, turned with the map; @snapshot's is the widget's. */
static void
draw_labels (CxOverlayLayer *self,
             LabelsMode      mode,
             cairo_t        *cr,
             GtkSnapshot    *snapshot,
             int             scale,
             const Frame    *f,
             const CxBounds *visible)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(PangoLayout) layout = mode == LABELS_VECTOR ? pango_cairo_create_layout (cr) : NULL;
  /* Labels stay upright when the map turns: they are laid out in widget
   * space, around where the map's rotation puts their anchor. */
  double c = cos (f->rotation), s = sin (f->rotation);
  double text_ink = self->dark ? 0.92 : 0.13;
  double minor_ink = self->dark ? 0.72 : 0.33;
  CxColor halo = self->dark ? (CxColor) { 0.1, 0.1, 0.12, 0.9 } : (CxColor) { 1, 1, 1, 0.9 };
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The few items with a name in view (large imported layers have none). */
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (item->name != NULL && cx_bounds_contains (visible, item->label_x, item->label_y))
        g_array_append_val (candidates, i);
    }

  /* Highlighted labels are placed first, so that they always show. */
  for (guint label_pass = 0; label_pass < 2; label_pass++)
  for (guint li = self->n_layers + self->user_layers->len; li-- > 0;)
    {
      for (guint n = 0; n < candidates->len; n++)
        {
          const Item *item = &g_array_index (self->items, Item, g_array_index (candidates, guint, n));
          Emphasis emphasis;

          if (item->order != li)
            continue;
          emphasis = item_emphasis (self, item);
          if ((emphasis == EMPHASIS_HIGHLIGHTED) != (label_pass == 0))
            continue;
          gboolean is_point = cx_geometry_get_geometry_type (item->projected) == CX_GEOMETRY_POINT;
          gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected));
          g_autofree char *both = NULL;
          g_autofree char *bounded = NULL;
          LabelLook look;
          LabelSprite *sprite = NULL;
          double ax, ay, w, h;
          double offsets[4][2];
          gboolean done = FALSE;
          gboolean minor;

          if (!item_visible (self, item) ||
              (!label_wanted (item, f) && emphasis != EMPHASIS_HIGHLIGHTED))
            continue;

          minor = item->minor;
          look.text = item->name;
          if (self->bilingual && item->name_zh != NULL && g_strcmp0 (item->name, item->name_zh) != 0)
            {
              /* For mixed audiences: "Zhongshan Park 中山公园". */
              both = g_strdup_printf ("%s %s", item->name, item->name_zh);
              look.text = both;
            }
          look.text = label_text_bounded (look.text, &bounded);
          look.bold = !minor;
          look.size = (areal ? 15 : minor ? 11 : 12.5) * f->label_scale;
          /* In half pixels, so that frames of a zoom animation share sprites. */
          if (mode != LABELS_VECTOR)
            look.size = round (look.size * 2) / 2;
          look.halo = halo;
          if (emphasis == EMPHASIS_DIMMED)
            look.ink = (CxColor) { text_ink, text_ink, text_ink + 0.03, DIMMED_ALPHA + 0.15 };
          else if (minor)
            look.ink = (CxColor) { minor_ink, minor_ink, minor_ink + 0.03, 1 };
          else if (areal)
            look.ink = (CxColor) { item->style->stroke.red, item->style->stroke.green, item->style->stroke.blue,
                                   item->style->stroke.alpha * 0.85 };
          else
            look.ink = (CxColor) { text_ink, text_ink, text_ink + 0.03, 1 };

          if (mode == LABELS_VECTOR)
            {
              PangoRectangle logical;

              label_layout_set (layout, &look);
              pango_layout_get_pixel_extents (layout, NULL, &logical);
              w = logical.width;
              h = logical.height;
            }
          else
            {
              sprite = label_sprite_get (self, &look, scale);
              w = sprite->width;
              h = sprite->height;
            }

          ax = item->label_x * f->world - f->cx;
          ay = item->label_y * f->world - f->cy;

          if (is_point && !minor)
            {
              double gap = MARKER_RADIUS * f->scale + 5;

              offsets[0][0] = gap;          offsets[0][1] = -h / 2;
              offsets[1][0] = -gap - w;     offsets[1][1] = -h / 2;
              offsets[2][0] = -w / 2;       offsets[2][1] = gap - 2;
              offsets[3][0] = -w / 2;       offsets[3][1] = -gap - h + 2;
            }
          else
            {
              /* Centred on the point (areas, lines, and subdistrict names,
               * which sit just under their small dot). */
              double below = minor ? 4 : -h / 2;

              for (guint k = 0; k < 4; k++)
                {
                  offsets[k][0] = -w / 2;
                  offsets[k][1] = below;
                }
            }

          for (guint k = 0; k < 4 && !done; k++)
            {
              Box box = {
                c * ax - s * ay + offsets[k][0] - 2,
                s * ax + c * ay + offsets[k][1] - 1,
                w + 4, h + 2,
              };
              gboolean clash = FALSE;

              for (guint p = 0; p < placed->len && !clash; p++)
                clash = box_overlaps (&box, &g_array_index (placed, Box, p));
              if (clash)
                continue;

              g_array_append_val (placed, box);
              done = TRUE;

              if (mode == LABELS_VECTOR)
                {
                  cairo_save (cr);
                  cairo_rotate (cr, -f->rotation);
                  label_draw (cr, layout, &look, box.x + 2, box.y + 1);
                  cairo_restore (cr);
                }
              else if (sprite->surface != NULL)
                {
                  /* On whole device pixels, where the text was drawn. */
                  double x = round ((f->width / 2 + box.x + 2 + sprite->ink_x) * scale) / scale;
                  double y = round ((f->height / 2 + box.y + 1 + sprite->ink_y) * scale) / scale;

                  if (mode == LABELS_TEXTURES)
                    {
                      if (sprite->texture == NULL)
                        sprite->texture = texture_from_surface (sprite->surface);
                      gtk_snapshot_append_texture (snapshot, sprite->texture,
                                                   &GRAPHENE_RECT_INIT (x, y,
                                                                        gdk_texture_get_width (sprite->texture) / (double) scale,
                                                                        gdk_texture_get_height (sprite->texture) / (double) scale));
                    }
                  else
                    {
                      cairo_save (cr);
                      cairo_rotate (cr, -f->rotation);
                      cairo_set_source_surface (cr, sprite->surface, x - f->width / 2, y - f->height / 2);
                      cairo_paint (cr);
                      cairo_restore (cr);
                    }
                }
            }
        }
    }
}

/* Draws the whole frame into @cr, as vector paths: for print and export. */
static void
render_frame (CxOverlayLayer *self,
              cairo_t        *cr,
              const Frame    *frame)
{
  Frame f = *frame;
  CxBounds visible = frame_visible_bounds (&f, 64);
  g_autoptr(DrawSet) set = get_draw_set (self);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));

  collect_items (self, set, &visible, COLLECT_NORMAL | COLLECT_HIGHLIGHTED, items);

  cairo_save (cr);
  cairo_translate (cr, f.width / 2, f.height / 2);
  cairo_rotate (cr, f.rotation);
  draw_setup (cr);
  draw_items (cr, &f, set, items);
  draw_labels (self, LABELS_VECTOR, cr, NULL, 1, &f, &visible);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* Tiles                                                               */
/* ------------------------------------------------------------------ */

/* On screen, what is not highlighted is drawn in tiles of TILE_SIZE pixels
 * at the frame's zoom, kept as textures: a frame that only moves the map
 * draws nothing again. Tiles with many vertices are drawn in a worker
 * thread, and the frame shows what it has meanwhile (the same tile as it
 * was before the last change, or tiles of another zoom, scaled), so that
 * no frame waits for a large layer. Highlighted items and labels are drawn
 * every frame, over the tiles. */
#define TILE_SIZE 256
/* Tiles with fewer vertices than TILE_SYNC_CHEAP_COORDS are drawn in the
 * frame that wants them, always: a fraction of a millisecond each (the
 * whole pack has 109 vertices), and no flicker. Tiles of up to
 * TILE_SYNC_MAX_COORDS are too, while the frame has spent less than
 * TILE_SYNC_BUDGET_US drawing tiles. The others go to the worker. */
#define TILE_SYNC_CHEAP_COORDS 300
#define TILE_SYNC_MAX_COORDS 4000
#define TILE_SYNC_BUDGET_US 4000
#define TILE_CACHE_MAX_BYTES (64 * 1024 * 1024)

typedef struct
{
  double      zoom;
  gint64      tx, ty;
  guint       generation;  /* of the layer's state when drawn */
  int         scale;
  cairo_surface_t *surface; /* owned; NULL while pending, or when empty */
  GdkTexture *texture;     /* owned; made from @surface when first wanted */
  gboolean    pending;     /* a worker is drawing it */
  guint64     used;        /* the last frame that wanted it */
} Tile;

static guint
tile_hash (gconstpointer data)
{
  const Tile *tile = data;

  return (guint) (g_double_hash (&tile->zoom) * 31 + tile->tx * 1000003 + tile->ty * 7919 +
                  tile->generation * 131 + (guint) tile->scale);
}

static gboolean
tile_equal (gconstpointer a,
            gconstpointer b)
{
  const Tile *ta = a, *tb = b;

  return ta->zoom == tb->zoom && ta->tx == tb->tx && ta->ty == tb->ty &&
         ta->generation == tb->generation && ta->scale == tb->scale;
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_free (tile);
}

static gsize
tile_bytes (const Tile *tile)
{
  return tile->surface != NULL ? (gsize) TILE_SIZE * TILE_SIZE * 4 * tile->scale * tile->scale : 64;
}

static void
tile_forget (CxOverlayLayer *self,
             Tile           *tile)
{
  g_hash_table_remove (self->tile_index, tile);
  g_ptr_array_remove (self->tiles, tile);
}

typedef struct
{
  CxOverlayLayer  *self;        /* owned */
  Tile            *tile;        /* borrowed: pending tiles stay in the cache */
  Frame            frame;       /* the tile's own: its centre, TILE_SIZE wide */
  DrawSet         *set;         /* owned */
  GArray          *items;       /* guint: indices in @set */
  cairo_surface_t *surface;     /* the result; NULL if not wanted any more or empty */
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->set, draw_set_release);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_clear_object (&job->self);
  g_free (job);
}

static cairo_surface_t *
tile_draw (const Frame   *f,
           int            scale,
           const DrawSet *set,
           GArray        *items)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (items->len == 0)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE * scale, TILE_SIZE * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, TILE_SIZE / 2.0, TILE_SIZE / 2.0);
  draw_setup (cr);
  draw_items (cr, f, set, items);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_set_device_scale (surface, scale, scale);

  return surface;
}

/* Whether the layer still wants tiles of this job's state and zoom. */
static gboolean
tile_job_wanted (TileJob *job)
{
  CxOverlayLayer *self = job->self;
  gboolean wanted;

  g_mutex_lock (&self->tile_lock);
  wanted = self->wanted_generation == job->tile->generation && self->wanted_zoom == job->tile->zoom;
  g_mutex_unlock (&self->tile_lock);

  return wanted;
}

static gboolean
tile_job_done (gpointer data)
{
  TileJob *job = data;
  CxOverlayLayer *self = job->self;
  Tile *tile = job->tile;

  g_assert (tile->pending);
  tile->pending = FALSE;
  if (job->surface != NULL)
    tile->surface = g_steal_pointer (&job->surface);
  else if (job->items != NULL)
    {
      /* Not drawn: forgotten, to be asked for again if wanted. */
      tile_forget (self, tile);
    }
  self->n_pending--;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  tile_job_free (job);

  return G_SOURCE_REMOVE;
}

static void
tile_job_run (gpointer data,
              gpointer user_data)
{
  TileJob *job = data;

  if (tile_job_wanted (job))
    {
      job->surface = tile_draw (&job->frame, job->tile->scale, job->set, job->items);
      /* Empty: drawn, nothing to show. */
      if (job->surface == NULL)
        g_clear_pointer (&job->items, g_array_unref);
    }
  g_idle_add_full (G_PRIORITY_DEFAULT, tile_job_done, job, NULL);
}

static GThreadPool *
tile_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      /* One worker: the main thread has the other core of a small machine. */
      GThreadPool *new_pool = g_thread_pool_new (tile_job_run, NULL, 1, FALSE, NULL);
      g_once_init_leave (&pool, new_pool);
    }
  return pool;
}

static Tile *
tile_lookup (CxOverlayLayer *self,
             double          zoom,
             gint64          tx,
             gint64          ty,
             int             scale)
{
  Tile key = { .zoom = zoom, .tx = tx, .ty = ty, .generation = self->generation, .scale = scale };

  return g_hash_table_lookup (self->tile_index, &key);
}

/* The tile of the frame's zoom at @tx, @ty as the layer is now: found,
 * drawn now, or asked of the worker (then pending). */
static Tile *
tile_ensure (CxOverlayLayer *self,
             DrawSet        *set,
             const Frame    *f,
             int             scale,
             gint64          tx,
             gint64          ty)
{
  Tile *tile = tile_lookup (self, f->zoom, tx, ty, scale);
  g_autoptr(GArray) items = NULL;
  Frame tf;
  CxBounds area;
  gsize n_coords;

  if (tile != NULL)
    {
      tile->used = self->frame_count;
      return tile;
    }

  tf = *f;
  tf.width = tf.height = TILE_SIZE;
  tf.rotation = 0;
  tf.cx = (tx + 0.5) * TILE_SIZE;
  tf.cy = (ty + 0.5) * TILE_SIZE;
  area = frame_visible_bounds (&tf, 64);
  items = g_array_new (FALSE, FALSE, sizeof (guint));
  n_coords = collect_items (self, set, &area, COLLECT_NORMAL, items);

  tile = g_new0 (Tile, 1);
  tile->zoom = f->zoom;
  tile->tx = tx;
  tile->ty = ty;
  tile->generation = self->generation;
  tile->scale = scale;
  tile->used = self->frame_count;
  g_ptr_array_add (self->tiles, tile);
  g_hash_table_add (self->tile_index, tile);

  if (n_coords < TILE_SYNC_CHEAP_COORDS ||
      (n_coords < TILE_SYNC_MAX_COORDS && self->frame_sync_us < TILE_SYNC_BUDGET_US))
    {
      gint64 start = g_get_monotonic_time ();

      tile->surface = tile_draw (&tf, scale, set, items);
      self->frame_sync_us += g_get_monotonic_time () - start;
    }
  else
    {
      TileJob *job = g_new0 (TileJob, 1);

      job->self = g_object_ref (self);
      job->tile = tile;
      job->frame = tf;
      job->set = g_atomic_rc_box_acquire (set);
      job->items = g_steal_pointer (&items);
      tile->pending = TRUE;
      self->n_pending++;
      g_thread_pool_push (tile_pool (), job, NULL);
    }

  return tile;
}

/* Where tiles go: texture nodes of a snapshot, which a GL renderer keeps
 * on the GPU from frame to frame; or, for the cairo renderer, which would
 * convert a texture every frame, painted as they are into one cairo node. */
typedef struct
{
  GtkSnapshot *snapshot;   /* origin at the frame's centre, turned with the map */
  cairo_t     *cr;         /* the same origin; NULL for textures */
} Painter;

static void
paint_tile (Painter               *painter,
            Tile                  *tile,
            const graphene_rect_t *r,
            const graphene_rect_t *clip)
{
  if (painter->cr != NULL)
    {
      cairo_t *cr = painter->cr;

      cairo_save (cr);
      if (clip != NULL)
        {
          cairo_rectangle (cr, clip->origin.x, clip->origin.y, clip->size.width, clip->size.height);
          cairo_clip (cr);
        }
      cairo_rectangle (cr, r->origin.x, r->origin.y, r->size.width, r->size.height);
      cairo_translate (cr, r->origin.x, r->origin.y);
      cairo_scale (cr, r->size.width / TILE_SIZE, r->size.height / TILE_SIZE);
      cairo_set_source_surface (cr, tile->surface, 0, 0);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }

  if (tile->texture == NULL)
    tile->texture = texture_from_surface (tile->surface);
  if (clip != NULL)
    gtk_snapshot_push_clip (painter->snapshot, clip);
  gtk_snapshot_append_texture (painter->snapshot, tile->texture, r);
  if (clip != NULL)
    gtk_snapshot_pop (painter->snapshot);
}

/* While a tile is being drawn, what the cache has of its place: tiles of
 * the zooms nearest (at most two zooms away), the nearest on top, and the
 * same tile before the last change above them. */
typedef struct
{
  Tile           *tile;
  graphene_rect_t rect;      /* where it goes in this frame */
  double          score;     /* lower is better */
} Fallback;

static int
compare_fallbacks (gconstpointer a,
                   gconstpointer b)
{
  const Fallback *fa = a, *fb = b;

  /* The worst first: the better are painted over them. */
  return fa->score < fb->score ? 1 : fa->score > fb->score ? -1 : 0;
}

static void
tile_fallback (CxOverlayLayer        *self,
               Painter               *painter,
               const Frame           *f,
               const graphene_rect_t *missing)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Fallback));

  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);
      double factor = exp2 (f->zoom - tile->zoom);
      graphene_rect_t r = GRAPHENE_RECT_INIT (tile->tx * TILE_SIZE * factor - f->cx,
                                              tile->ty * TILE_SIZE * factor - f->cy,
                                              TILE_SIZE * factor, TILE_SIZE * factor);
      Fallback fallback = { tile, r, fabs (f->zoom - tile->zoom) + (tile->generation == self->generation ? 0 : 0.5) };

      /* Tiles more than two zooms away would be a blur, and scaling them
       * up costs more than a frame should. */
      if (tile->surface == NULL || tile->scale != self->last_scale ||
          fabs (f->zoom - tile->zoom) > 2 ||
          !graphene_rect_intersection (&r, missing, NULL))
        continue;
      g_array_append_val (found, fallback);
    }

  g_array_sort (found, compare_fallbacks);
  for (guint i = 0; i < found->len; i++)
    {
      Fallback *fallback = &g_array_index (found, Fallback, i);

      paint_tile (painter, fallback->tile, &fallback->rect, missing);
    }
}

/* Keeps the cache under its size: the tiles wanted longest ago go first. */
static void
tiles_trim (CxOverlayLayer *self)
{
  gsize total = 0;

  for (guint i = 0; i < self->tiles->len; i++)
    total += tile_bytes (g_ptr_array_index (self->tiles, i));

  while (total > TILE_CACHE_MAX_BYTES)
    {
      Tile *oldest = NULL;

      for (guint i = 0; i < self->tiles->len; i++)
        {
          Tile *tile = g_ptr_array_index (self->tiles, i);

          if (!tile->pending && tile->used != self->frame_count &&
              (oldest == NULL || tile->used < oldest->used))
            oldest = tile;
        }
      if (oldest == NULL)
        break;
      total -= tile_bytes (oldest);
      tile_forget (self, oldest);
    }
}

/* The layer's state changed: tiles are drawn again, and shown as they were
 * until then. */
static void
invalidate_tiles (CxOverlayLayer *self)
{
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* While the zoom moves (an animation, a pinch) over a layer this large,
 * the tiles of the zooms it passes through are not asked for: the cached
 * tiles of the nearest zooms stand in, scaled, and the tiles come once the
 * zoom has stayed put for ZOOM_SETTLE_MS. Smaller layers draw every frame
 * in full, as their tiles cost little. */
#define HEAVY_LAYER_COORDS 50000
#define ZOOM_SETTLE_MS 150

static gboolean
on_zoom_settled (gpointer data)
{
  CxOverlayLayer *self = data;

  self->settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
snapshot_frame (CxOverlayLayer *self,
                GtkSnapshot    *snapshot,
                const Frame    *frame,
                int             scale,
                gboolean        textures,
                gboolean        zoom_moving)
{
  Frame f = *frame;
  CxBounds visible;
  gboolean defer = zoom_moving && ensure_index (self)->n_coords >= HEAVY_LAYER_COORDS;
  gboolean deferred = FALSE;
  g_autoptr(DrawSet) set = get_draw_set (self);
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
  visible = frame_visible_bounds (&f, 64);

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

        if (defer && tile_lookup (self, f.zoom, tx, ty, scale) == NULL)
          {
            tile_fallback (self, &painter, &f, &r);
            self->n_stand_ins++;
            deferred = TRUE;
            continue;
          }

        tile = tile_ensure (self, set, &f, scale, tx, ty);
        if (tile->surface != NULL)
          paint_tile (&painter, tile, &r, NULL);
        else if (tile->pending)
          {
            tile_fallback (self, &painter, &f, &r);
            self->n_stand_ins++;
          }
      }

  /* What is highlighted, over the tiles. */
  collect_items (self, set, &visible, COLLECT_HIGHLIGHTED, highlighted);
  if (highlighted->len > 0 && painter.cr != NULL)
    {
      draw_setup (painter.cr);
      draw_items (painter.cr, &f, set, highlighted);
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
          const DrawItem *d = &g_array_index (set->items, DrawItem, g_array_index (highlighted, guint, k));
          CxBounds b = cx_geometry_get_bounds (d->projected);
          double grow = d->is_point ? d->accuracy_unit : 0;

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
          draw_setup (cr);
          draw_items (cr, &f, set, highlighted);
          cairo_destroy (cr);
        }
    }

  if (textures)
    {
      gtk_snapshot_restore (snapshot);
      draw_labels (self, LABELS_TEXTURES, NULL, snapshot, scale, &f, &visible);
    }
  else
    {
      draw_labels (self, LABELS_SURFACES, painter.cr, NULL, scale, &f, &visible);
      cairo_destroy (painter.cr);
    }

  if (deferred && self->settle_id == 0)
    self->settle_id = g_timeout_add (ZOOM_SETTLE_MS, on_zoom_settled, self);

  tiles_trim (self);
}


static void
cx_overlay_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CxOverlayLayer *self = CX_OVERLAY_LAYER (widget);
  GskRenderer *renderer;
  gboolean zoom_moving;
  gint64 now;
  Frame f;

  frame_init (self, &f);
  if (f.width <= 0 || f.height <= 0)
    return;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  now = g_get_monotonic_time ();
  /* Another zoom than the frame just before: the zoom is moving. */
  zoom_moving = f.zoom != self->last_widget_zoom && now - self->last_widget_frame < ZOOM_SETTLE_MS * 1000;
  self->last_widget_zoom = f.zoom;
  self->last_widget_frame = now;
  snapshot_frame (self, snapshot, &f, gtk_widget_get_scale_factor (widget),
                  renderer == NULL || !GSK_IS_CAIRO_RENDERER (renderer), zoom_moving);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
on_xft_dpi_changed (CxOverlayLayer *self)
{
  int dpi = 0;

  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
  /* GNOME's Large Text raises the font DPI from 96 by 1.25. */
  self->text_scale = dpi > 0 ? CLAMP (dpi / (96.0 * 1024), 0.75, 3.0) : 1.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_viewport_changed (CxOverlayLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cx_overlay_layer_constructed (GObject *object)
{
  CxOverlayLayer *self = (CxOverlayLayer *) object;
  ShumateViewport *viewport;

  G_OBJECT_CLASS (cx_overlay_layer_parent_class)->constructed (object);

  g_assert (self->pack != NULL);
  build_items (self);
  {
    g_autoptr(CxVisibility) visibility = cx_visibility_new (self->pack);
    cx_overlay_layer_set_visibility (self, visibility);
  }

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);

  self->text_scale = 1.0;
  if (gtk_settings_get_default () != NULL)
    {
      g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                               G_CALLBACK (on_xft_dpi_changed), self, G_CONNECT_SWAPPED);
      on_xft_dpi_changed (self);
    }
}

static void
cx_overlay_layer_finalize (GObject *object)
{
  CxOverlayLayer *self = (CxOverlayLayer *) object;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  /* Every tile job holds a reference: none is pending now. */
  g_assert (self->n_pending == 0);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_pointer (&self->draw_set, draw_set_release);
  g_clear_pointer (&self->tile_index, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_clear_pointer (&self->label_sprites, g_hash_table_unref);
  g_clear_object (&self->label_layout);
  g_mutex_clear (&self->tile_lock);
  g_clear_pointer (&self->index, overlay_index_free);
  g_clear_pointer (&self->items, g_array_unref);
  if (self->user_layers != NULL)
    for (guint i = 0; i < self->user_layers->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->user_layers, i), self);
  g_clear_pointer (&self->user_layers, g_ptr_array_unref);
  if (self->visibility != NULL)
    g_signal_handlers_disconnect_by_data (self->visibility, self);
  g_clear_object (&self->visibility);
  g_clear_object (&self->pack);

  G_OBJECT_CLASS (cx_overlay_layer_parent_class)->finalize (object);
}

static void
cx_overlay_layer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CxOverlayLayer *self = CX_OVERLAY_LAYER (object);

  switch (prop_id)
    {
    case PROP_PACK:
      g_value_set_object (value, self->pack);
      break;
    case PROP_BILINGUAL:
      g_value_set_boolean (value, self->bilingual);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_overlay_layer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CxOverlayLayer *self = CX_OVERLAY_LAYER (object);

  switch (prop_id)
    {
    case PROP_PACK:
      self->pack = g_value_dup_object (value);
      break;
    case PROP_BILINGUAL:
      cx_overlay_layer_set_bilingual (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_overlay_layer_class_init (CxOverlayLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cx_overlay_layer_constructed;
  object_class->finalize = cx_overlay_layer_finalize;
  object_class->get_property = cx_overlay_layer_get_property;
  object_class->set_property = cx_overlay_layer_set_property;

  widget_class->snapshot = cx_overlay_layer_snapshot;

  properties[PROP_PACK] =
    g_param_spec_object ("pack", NULL, NULL,
                         CX_TYPE_DATA_PACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BILINGUAL] =
    g_param_spec_boolean ("bilingual", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cx-overlay-layer");
}

static void
cx_overlay_layer_init (CxOverlayLayer *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->user_layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->tiles = g_ptr_array_new_with_free_func (tile_free);
  self->tile_index = g_hash_table_new (tile_hash, tile_equal);
  self->label_sprites = g_hash_table_new_full (sprite_key_hash, sprite_key_equal, g_free, label_sprite_free);
  self->last_scale = 1;
  g_mutex_init (&self->tile_lock);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

CxOverlayLayer *
cx_overlay_layer_new (ShumateViewport *viewport,
                      CxDataPack      *pack)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  return g_object_new (CX_TYPE_OVERLAY_LAYER,
                       "viewport", viewport,
                       "pack", pack,
                       NULL);
}

CxDataPack *
cx_overlay_layer_get_pack (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  return self->pack;
}

guint
cx_overlay_layer_get_n_features (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  return self->items->len;
}

gboolean
cx_overlay_layer_has_feature (CxOverlayLayer *self,
                              const char     *id)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    if (g_array_index (self->items, Item, i).feature != NULL &&
        g_strcmp0 (cx_feature_get_id (g_array_index (self->items, Item, i).feature), id) == 0)
      return TRUE;

  return FALSE;
}

static void
on_selection_changed (CxOverlayLayer *self)
{
  invalidate_tiles (self);
}

/**
 * cx_overlay_layer_set_selection:
 * @selection: (nullable): the selection to highlight
 */
void
cx_overlay_layer_set_selection (CxOverlayLayer *self,
                                CxSelection    *selection)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (selection == NULL || CX_IS_SELECTION (selection));

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    g_signal_connect_swapped (selection, "notify::item", G_CALLBACK (on_selection_changed), self);

  invalidate_tiles (self);
}

/**
 * cx_overlay_layer_get_n_drawn:
 *
 * Returns: how many visible features reach into the widget's view
 */
guint
cx_overlay_layer_get_n_drawn (CxOverlayLayer *self)
{
  g_autoptr(GArray) nearby = g_array_new (FALSE, FALSE, sizeof (guint));
  CxBounds visible;
  guint n = 0;
  Frame f;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  /* Counted when asked, not in every frame: only tests ask. */
  frame_init (self, &f);
  if (f.width <= 0 || f.height <= 0)
    return 0;
  visible = frame_visible_bounds (&f, 64);
  index_query (ensure_index (self), &visible, nearby);
  for (guint k = 0; k < nearby->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, g_array_index (nearby, guint, k));
      CxBounds reach = item_reach (item);

      if (cx_bounds_intersects (&reach, &visible) && item_visible (self, item))
        n++;
    }

  return n;
}

void
cx_overlay_layer_set_layer_visible (CxOverlayLayer *self,
                                    const char     *layer_id,
                                    gboolean        visible)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  cx_visibility_set_visible (self->visibility, layer_id, visible);
}

gboolean
cx_overlay_layer_get_layer_visible (CxOverlayLayer *self,
                                    const char     *layer_id)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), FALSE);

  return cx_visibility_get_visible (self->visibility, layer_id);
}

static void
on_visibility_changed (CxOverlayLayer *self)
{
  invalidate_tiles (self);
}

/**
 * cx_overlay_layer_set_visibility:
 *
 * Shares which layers show with the rest of the window (the overlay starts
 * with its own, all visible).
 */
void
cx_overlay_layer_set_visibility (CxOverlayLayer *self,
                                 CxVisibility   *visibility)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (CX_IS_VISIBILITY (visibility));

  if (self->visibility != NULL)
    g_signal_handlers_disconnect_by_data (self->visibility, self);
  g_set_object (&self->visibility, visibility);
  g_signal_connect_swapped (visibility, "changed", G_CALLBACK (on_visibility_changed), self);
  invalidate_tiles (self);
}

CxVisibility *
cx_overlay_layer_get_visibility (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  return self->visibility;
}

static void
update_styles (CxOverlayLayer *self)
{
  gboolean palette = self->presentation || self->high_contrast;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      item->style = palette ? &item->presentation_style : item->pack_style;
    }
  invalidate_tiles (self);
}

/**
 * cx_overlay_layer_set_gcj02:
 *
 * Over a basemap in the GCJ-02 datum (AMap, Tencent), features are shifted
 * by the same offset as its tiles (about 500 m in Changning), in drawing and
 * in hit testing; the data stays in WGS84.
 */
void
cx_overlay_layer_set_gcj02 (CxOverlayLayer *self,
                            gboolean        gcj02)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  if (self->gcj02 == !!gcj02)
    return;

  self->gcj02 = !!gcj02;
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      CxGeometry *source = item->feature != NULL ? cx_feature_get_geometry (item->feature)
                                                 : cx_imported_feature_get_geometry (CX_IMPORTED_FEATURE (item->object));
      CxCoord label = item->feature != NULL ? cx_feature_get_label_point (item->feature)
                                            : cx_geometry_get_label_point (source);

      g_clear_pointer (&item->projected, cx_geometry_unref);
      item->projected = project_geometry (source, self->gcj02);
      /* The simplified shapes were of the old position. */
      item_lod_release (item->lod);
      item->lod = g_atomic_rc_box_new0 (ItemLod);
      item->bounds = cx_geometry_get_bounds (item->projected);
      project_point (self, label.y, label.x, &item->label_x, &item->label_y);
    }

  invalidate_index (self);
  invalidate_tiles (self);
}

gboolean
cx_overlay_layer_get_gcj02 (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), FALSE);

  return self->gcj02;
}

void
cx_overlay_layer_set_bilingual (CxOverlayLayer *self,
                                gboolean        bilingual)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  if (self->bilingual == !!bilingual)
    return;

  self->bilingual = !!bilingual;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILINGUAL]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cx_overlay_layer_get_bilingual (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), FALSE);

  return self->bilingual;
}

/**
 * cx_overlay_layer_set_style_flags:
 * @dark: the dark style is on
 * @high_contrast: high contrast is on: draw in the checked palette
 */
void
cx_overlay_layer_set_style_flags (CxOverlayLayer *self,
                                  gboolean        dark,
                                  gboolean        high_contrast)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  self->dark = !!dark;
  self->high_contrast = !!high_contrast;
  update_styles (self);
}

/**
 * cx_overlay_layer_set_presentation:
 *
 * Draws lines, markers and labels larger, in the presentation palette.
 */
void
cx_overlay_layer_set_presentation (CxOverlayLayer *self,
                                   gboolean        presentation)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  if (self->presentation == !!presentation)
    return;

  self->presentation = !!presentation;
  update_styles (self);
}

gboolean
cx_overlay_layer_get_presentation (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), FALSE);

  return self->presentation;
}

void
cx_overlay_layer_location_to_widget (CxOverlayLayer *self,
                                     double          latitude,
                                     double          longitude,
                                     double         *x,
                                     double         *y)
{
  Frame f;
  double ux, uy;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  frame_init (self, &f);
  project_point (self, latitude, longitude, &ux, &uy);
  frame_to_widget (&f, ux, uy, x, y);
}

static void
on_user_layer_changed (CxOverlayLayer *self)
{
  invalidate_tiles (self);
}

/* Imported layers are many features of one style, often small: their names
 * are labelled only when there are few. */
#define CX_USER_LAYER_MAX_LABELS 300

/**
 * cx_overlay_layer_add_imported:
 *
 * Draws an imported layer above the pack's layers (and above layers
 * imported before it).
 */
void
cx_overlay_layer_add_imported (CxOverlayLayer  *self,
                               CxImportedLayer *layer)
{
  GListModel *features;
  guint order, n;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (CX_IS_IMPORTED_LAYER (layer));

  order = self->n_layers + self->user_layers->len;
  g_ptr_array_add (self->user_layers, g_object_ref (layer));
  g_signal_connect_swapped (layer, "notify::visible", G_CALLBACK (on_user_layer_changed), self);

  features = cx_imported_layer_get_features (layer);
  n = g_list_model_get_n_items (features);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxImportedFeature) feature = g_list_model_get_item (features, i);
      Item item = { 0, };
      CxCoord label;

      item.object = G_OBJECT (g_object_ref (feature));
      item.user_layer = layer;
      item.order = order;
      item.name = n <= CX_USER_LAYER_MAX_LABELS ? cx_imported_feature_get_title (feature) : NULL;
      item.pack_style = cx_imported_feature_get_style (feature);
      item.presentation_style = *item.pack_style;
      item.style = item.pack_style;
      item.projected = project_geometry (cx_imported_feature_get_geometry (feature), self->gcj02);
      item.lod = g_atomic_rc_box_new0 (ItemLod);
      item.bounds = cx_geometry_get_bounds (item.projected);
      label = cx_geometry_get_label_point (cx_imported_feature_get_geometry (feature));
      project_point (self, label.y, label.x, &item.label_x, &item.label_y);

      g_array_append_val (self->items, item);
    }

  invalidate_index (self);
  update_styles (self);
}

void
cx_overlay_layer_remove_imported (CxOverlayLayer  *self,
                                  CxImportedLayer *layer)
{
  guint index;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  if (!g_ptr_array_find (self->user_layers, layer, &index))
    return;

  for (guint i = self->items->len; i-- > 0;)
    if (g_array_index (self->items, Item, i).user_layer == layer)
      g_array_remove_index (self->items, i);
  invalidate_index (self);

  g_signal_handlers_disconnect_by_data (layer, self);
  g_ptr_array_remove_index (self->user_layers, index);

  /* Layers above it move down one place. */
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      if (item->user_layer != NULL && item->order > self->n_layers + index)
        item->order--;
    }

  invalidate_tiles (self);
}

/**
 * cx_overlay_layer_render:
 * @cr: a context whose user space is the map area, (0, 0) to (@width, @height)
 * @zoom: the zoom level to draw at
 * @scale: how much larger than on screen lines, markers and labels are
 *
 * Draws the overlay as it is now (visible layers, selection, presentation
 * mode) for a view other than the widget's: a handout, a print-out.
 */
static void
frame_init_view (CxOverlayLayer *self,
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

void
cx_overlay_layer_render (CxOverlayLayer *self,
                         cairo_t        *cr,
                         double          width,
                         double          height,
                         double          latitude,
                         double          longitude,
                         double          zoom,
                         double          scale)
{
  Frame f;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  frame_init_view (self, &f, width, height, latitude, longitude, zoom, scale, scale);
  render_frame (self, cr, &f);
}

/**
 * cx_overlay_layer_snapshot_view:
 *
 * What a frame of the widget adds to @snapshot, for another view: tiles
 * (drawn now, or pending in the worker), highlighted items and labels, as
 * texture nodes (for a GL renderer) or as one cairo node (for the cairo
 * renderer), as the widget chooses for the renderer of its window.
 * @zoom_moving is what the widget judges from its frames: whether the zoom
 * differs from the one of the frame just before.
 * For benchmarks and tests; the widget's own frames do the same.
 */
void
cx_overlay_layer_snapshot_view (CxOverlayLayer *self,
                                GtkSnapshot    *snapshot,
                                gboolean        textures,
                                gboolean        zoom_moving,
                                double          width,
                                double          height,
                                double          latitude,
                                double          longitude,
                                double          zoom)
{
  Frame f;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  frame_init_view (self, &f, width, height, latitude, longitude, zoom, 1, self->text_scale);
  snapshot_frame (self, snapshot, &f, 1, textures, zoom_moving);
}

/**
 * cx_overlay_layer_get_n_pending_tiles:
 *
 * Returns: how many tiles a worker thread is drawing
 */
guint
cx_overlay_layer_get_n_pending_tiles (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  return self->n_pending;
}

/**
 * cx_overlay_layer_get_n_stand_ins:
 *
 * Returns: how many tiles of the last frame were not drawn yet (pending,
 *   or not asked for while the zoom moved) and shown by others, scaled
 */
guint
cx_overlay_layer_get_n_stand_ins (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  return self->n_stand_ins;
}

/**
 * cx_overlay_layer_get_settle_pending:
 *
 * Returns: whether a frame is to come once the zoom has stopped moving,
 *   after one drawn with stand-ins for it
 */
gboolean
cx_overlay_layer_get_settle_pending (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), FALSE);

  return self->settle_id != 0;
}

/**
 * cx_overlay_layer_drop_tiles:
 *
 * Forgets every drawn tile and label, as at start, for benchmarks.
 */
void
cx_overlay_layer_drop_tiles (CxOverlayLayer *self)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  for (guint i = self->tiles->len; i-- > 0;)
    if (!((Tile *) g_ptr_array_index (self->tiles, i))->pending)
      tile_forget (self, g_ptr_array_index (self->tiles, i));
  g_hash_table_remove_all (self->label_sprites);
}

/**
 * cx_overlay_layer_feature_at:
 * @x: widget x coordinate
 * @y: widget y coordinate
 *
 * Finds the topmost visible feature under a point: a marker within its
 * radius, a line within a few pixels, or a polygon containing the point.
 *
 * Returns: (transfer none) (nullable): the feature
 */
GObject *
cx_overlay_layer_feature_at (CxOverlayLayer *self,
                             double          x,
                             double          y)
{
  Frame f;
  double ux, uy, reach_px, reach;
  OverlayIndex *index;
  CxBounds around;
  g_autoptr(GArray) nearby = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  frame_init (self, &f);
  frame_from_widget (&f, x, y, &ux, &uy);

  /* Only the items whose bounds come within a hit's reach of the point:
   * a marker's radius, or half the widest line, and the tolerance. */
  index = ensure_index (self);
  reach_px = MAX (MARKER_RADIUS * f.scale + MARKER_HIT_TOLERANCE,
                  LINE_HIT_TOLERANCE + index->max_stroke_width * f.scale / 2);
  reach = reach_px / f.world;
  around = (CxBounds) { ux - reach, uy - reach, ux + reach, uy + reach };
  index_query (index, &around, nearby);

  /* Points are drawn above everything, then shapes from the top layer down. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = nearby->len; k-- > 0;)
      {
        const Item *item = &g_array_index (self->items, Item, g_array_index (nearby, guint, k));
        CxGeometryType type = cx_geometry_get_geometry_type (item->projected);
        double px = ux * f.world, py = uy * f.world;

        if ((type == CX_GEOMETRY_POINT) != (pass == 0))
          continue;
        /* A shape is hit inside its bounds, or a line within reach of them. */
        if (type != CX_GEOMETRY_POINT &&
            (ux < item->bounds.min_x - reach || ux > item->bounds.max_x + reach ||
             uy < item->bounds.min_y - reach || uy > item->bounds.max_y + reach))
          continue;
        if (!item_visible (self, item))
          continue;

        if (type == CX_GEOMETRY_POINT)
          {
            /* The nearest of its points (a MultiPoint has several). */
            if (cx_geometry_distance_to_lines (item->projected, px / f.world, py / f.world) * f.world <=
                MARKER_RADIUS * f.scale + MARKER_HIT_TOLERANCE)
              return item->object;
          }
        else if (cx_geometry_type_is_linear (type))
          {
            if (cx_geometry_distance_to_lines (item->projected, ux, uy) * f.world <= LINE_HIT_TOLERANCE + item->style->stroke_width * f.scale / 2)
              return item->object;
          }
        else if (cx_geometry_contains (item->projected, ux, uy))
          {
            return item->object;
          }
      }

  return NULL;
}
