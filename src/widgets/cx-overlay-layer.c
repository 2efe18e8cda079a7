/* cx-overlay-layer.c: every overlay feature of a pack, drawn by one layer
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>
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
typedef struct _OverlayIndex OverlayIndex;

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
  ItemLod       *lod;           /* borrowed from the spatial index: simplified copies of @projected */
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

  guint       n_drawn;         /* features drawn in the last frame, for tests */

  OverlayIndex *index;         /* owned; built on first use after the items change */
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

  /* Styles are given for zoom 14; thin out a little when zoomed out, grow a
   * little when zoomed in, never so much that the map turns into a chart. */
  f->scale = CLAMP (exp2 ((f->zoom - 14) * 0.3), 0.7, 1.5);
  f->label_scale = MAX (1, f->scale * 0.9) * self->text_scale;
  /* On a projector, everything a third of a room away must still read. */
  if (self->presentation)
    {
      f->scale *= CX_PRESENTATION_SCALE;
      f->label_scale *= CX_PRESENTATION_SCALE;
    }
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

static CxGeometry *
project_geometry (CxGeometry *geometry,
                  gboolean    gcj02)
{
  CxGeometry *projected = cx_geometry_new (cx_geometry_get_geometry_type (geometry));
  guint n_polygons = cx_geometry_get_n_polygons (geometry);
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

          for (guint i = 0; i < n; i++)
            {
              double x, y, lat = coords[i].y, lon = coords[i].x;

              /* Over GCJ-02 tiles, everything moves where those tiles put it. */
              if (gcj02)
                cx_wgs84_to_gcj02 (coords[i].y, coords[i].x, &lat, &lon);
              cx_mercator_project (lon, lat, &x, &y);
              cx_geometry_add_coord (projected, x, y);
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
#define N_LOD_LEVELS 5
#define LOD_TOLERANCE_PX 0.5
#define LOD_MIN_COORDS 16
static const double lod_zooms[N_LOD_LEVELS] = { 8, 10, 12, 14, 16 };

struct _ItemLod
{
  CxGeometry *levels[N_LOD_LEVELS];   /* owned; NULL until drawn at that level */
};

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
  ItemLod  *lods;               /* one per item */
  double    max_stroke_width;   /* the widest line of any item, in any style */
};

static void
item_lod_clear (ItemLod *lod)
{
  for (guint l = 0; l < N_LOD_LEVELS; l++)
    g_clear_pointer (&lod->levels[l], cx_geometry_unref);
}

static void
overlay_index_free (OverlayIndex *index)
{
  for (guint i = 0; i < index->n_items; i++)
    item_lod_clear (&index->lods[i]);
  g_free (index->lods);
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
  index->lods = g_new0 (ItemLod, MAX (n, 1));
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

/* The index of the items as they are now. The simplified shapes already
 * made move to the new index with their items. */
static OverlayIndex *
ensure_index (CxOverlayLayer *self)
{
  OverlayIndex *index;

  if (self->index != NULL && !self->index->stale && self->index->n_items == self->items->len)
    return self->index;

  index = overlay_index_new (self->items);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (item->lod != NULL)
        {
          index->lods[i] = *item->lod;
          *item->lod = (ItemLod) { { NULL, } };
        }
      item->lod = &index->lods[i];
    }
  g_clear_pointer (&self->index, overlay_index_free);
  self->index = index;

  return index;
}

/* Called whenever items are added or removed. */
static void
invalidate_index (CxOverlayLayer *self)
{
  /* Only marked stale: the next ensure_index() takes the simplified shapes
   * over before it frees it. */
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

/* What trace_item() draws of @item at the frame's scale. */
static const CxGeometry *
item_geometry_for_frame (const Item  *item,
                         const Frame *f)
{
  if (item->lod == NULL || cx_geometry_get_n_coords (item->projected) < LOD_MIN_COORDS)
    return item->projected;

  for (guint l = 0; l < N_LOD_LEVELS; l++)
    {
      /* The level's tolerance, in unit-square lengths. */
      double tolerance = LOD_TOLERANCE_PX / (256 * exp2 (lod_zooms[l]));

      if (tolerance * f->world > LOD_TOLERANCE_PX)
        continue;
      if (item->lod->levels[l] == NULL)
        item->lod->levels[l] = simplify_geometry (item->projected, tolerance);
      return item->lod->levels[l];
    }

  return item->projected;
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

static void
trace_item (cairo_t     *cr,
            const Frame *f,
            const Item  *item)
{
  gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected));
  /* Simplified for this zoom: what cairo spends on a path grows with its
   * vertices (each is a join of the stroke), not only with its pixels. */
  const CxGeometry *geometry = item_geometry_for_frame (item, f);
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

/* Imported layers are often thousands of shapes of one style: their
 * outlines and fills are gathered into one path and drawn at once, which is
 * many times faster than a fill and a stroke per shape. */
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
draw_shape (cairo_t     *cr,
            const Frame *f,
            const Item  *item,
            Emphasis     emphasis)
{
  const CxStyle *style = item->style;
  double alpha = emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;
  double width = style->stroke_width * f->scale;

  if (emphasis == EMPHASIS_HIGHLIGHTED)
    width = MAX (width * 1.8, 3.5);

  cairo_new_path (cr);
  trace_item (cr, f, item);

  if (style->has_fill && cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected)))
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
draw_point_at (cairo_t       *cr,
               const Frame   *f,
               const Item    *item,
               Emphasis       emphasis,
               const CxCoord *c)
{
  const CxStyle *style = item->style;
  double alpha = emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;
  double x = c->x * f->world - f->cx;
  double y = c->y * f->world - f->cy;
  double r = MARKER_RADIUS * f->scale;
  double accuracy_px = item->accuracy_unit * f->world;

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

  if (item->minor)
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
draw_point (cairo_t     *cr,
            const Frame *f,
            const Item  *item,
            Emphasis     emphasis)
{
  const CxCoord *coords = cx_geometry_get_coords (item->projected);

  for (guint i = 0; i < cx_geometry_get_n_coords (item->projected); i++)
    draw_point_at (cr, f, item, emphasis, &coords[i]);
}

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

/* Labels are placed greedily, most important layer first (the top layer),
 * and skipped where they would overlap one already placed. */
static void
draw_labels (CxOverlayLayer *self,
             cairo_t        *cr,
             const Frame    *f,
             const CxBounds *visible)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  PangoLayout *layout = pango_cairo_create_layout (cr);
  /* Labels stay upright when the map turns: they are laid out in widget
   * space, around where the map's rotation puts their anchor. */
  double c = cos (f->rotation), s = sin (f->rotation);
  double text_ink = self->dark ? 0.92 : 0.13;
  double minor_ink = self->dark ? 0.72 : 0.33;

  /* Highlighted labels are placed first, so that they always show. */
  for (guint label_pass = 0; label_pass < 2; label_pass++)
  for (guint li = self->n_layers + self->user_layers->len; li-- > 0;)
    {
      PangoFontDescription *font;
      gboolean minor;

      for (guint i = 0; i < self->items->len; i++)
        {
          const Item *item = &g_array_index (self->items, Item, i);
          Emphasis emphasis = item_emphasis (self, item);

          if ((emphasis == EMPHASIS_HIGHLIGHTED) != (label_pass == 0))
            continue;
          gboolean is_point = cx_geometry_get_geometry_type (item->projected) == CX_GEOMETRY_POINT;
          gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected));
          PangoRectangle ink, logical;
          double ax, ay, w, h;
          double offsets[4][2];
          gboolean done = FALSE;

          if (item->order != li || item->name == NULL || !item_visible (self, item) ||
              (!label_wanted (item, f) && emphasis != EMPHASIS_HIGHLIGHTED) ||
              !cx_bounds_contains (visible, item->label_x, item->label_y))
            continue;

          minor = item->minor;
          font = pango_font_description_from_string (areal ? "Sans Bold 15px" : minor ? "Sans 11px" : "Sans Bold 12.5px");
          pango_font_description_set_absolute_size (font, (areal ? 15 : minor ? 11 : 12.5) * PANGO_SCALE * f->label_scale);
          pango_layout_set_font_description (layout, font);
          pango_font_description_free (font);
          if (self->bilingual && item->name_zh != NULL && g_strcmp0 (item->name, item->name_zh) != 0)
            {
              /* For mixed audiences: "Zhongshan Park 中山公园". */
              g_autofree char *both = g_strdup_printf ("%s %s", item->name, item->name_zh);
              pango_layout_set_text (layout, both, -1);
            }
          else
            pango_layout_set_text (layout, item->name, -1);
          pango_layout_get_pixel_extents (layout, &ink, &logical);
          w = logical.width;
          h = logical.height;

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

              cairo_save (cr);
              cairo_rotate (cr, -f->rotation);
              cairo_move_to (cr, box.x + 2, box.y + 1);
              pango_cairo_layout_path (cr, layout);
              cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
              if (self->dark)
                cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.9);
              else
                cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
              cairo_set_line_width (cr, 3.5);
              cairo_stroke (cr);

              cairo_move_to (cr, box.x + 2, box.y + 1);
              if (emphasis == EMPHASIS_DIMMED)
                cairo_set_source_rgba (cr, text_ink, text_ink, text_ink + 0.03, DIMMED_ALPHA + 0.15);
              else if (minor)
                cairo_set_source_rgba (cr, minor_ink, minor_ink, minor_ink + 0.03, 1);
              else if (areal)
                set_color (cr, &item->style->stroke, 0.85);
              else
                cairo_set_source_rgba (cr, text_ink, text_ink, text_ink + 0.03, 1);
              pango_cairo_show_layout (cr, layout);
              cairo_restore (cr);
            }
        }
    }

  g_object_unref (layout);
}

static void
render_frame (CxOverlayLayer *self,
              cairo_t        *cr,
              const Frame    *frame)
{
  Frame f = *frame;
  CxBounds visible = frame_visible_bounds (&f, 64);
  /* Only what the index finds near the view is looked at, in drawing order. */
  g_autoptr(GArray) nearby = g_array_new (FALSE, FALSE, sizeof (guint));

  index_query (ensure_index (self), &visible, nearby);
  self->n_drawn = 0;

  cairo_save (cr);
  cairo_translate (cr, f.width / 2, f.height / 2);
  cairo_rotate (cr, f.rotation);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  /* Shapes first, layer by layer, then every point on top of them; what is
   * highlighted comes last, above everything. */
  for (guint pass = 0; pass < 4; pass++)
    {
    Batch batch = { NULL, 1, 0, FALSE };

    cairo_new_path (cr);
    for (guint k = 0; k < nearby->len; k++)
      {
        const Item *item = &g_array_index (self->items, Item, g_array_index (nearby, guint, k));
        gboolean is_point = cx_geometry_get_geometry_type (item->projected) == CX_GEOMETRY_POINT;
        Emphasis emphasis;
        /* The accuracy disc of a point can be much larger than its marker. */
        CxBounds reach = item_reach (item);

        if (is_point != (pass % 2 == 1) || !cx_bounds_intersects (&reach, &visible) ||
            !item_visible (self, item))
          continue;
        emphasis = item_emphasis (self, item);
        if ((emphasis == EMPHASIS_HIGHLIGHTED) != (pass >= 2))
          continue;

        if (!is_point && item->user_layer != NULL && emphasis != EMPHASIS_HIGHLIGHTED && item->style->n_dashes == 0)
          {
            double alpha = emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1;
            gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected));

            if (batch.count > 0 && (!cx_style_equal (batch.style, item->style) || batch.alpha != alpha || batch.areal != areal))
              batch_flush (cr, &f, &batch);
            batch.style = item->style;
            batch.alpha = alpha;
            batch.areal = areal;
            trace_item (cr, &f, item);
            batch.count++;
            self->n_drawn++;
            continue;
          }

        batch_flush (cr, &f, &batch);
        if (is_point)
          draw_point (cr, &f, item, emphasis);
        else
          draw_shape (cr, &f, item, emphasis);
        self->n_drawn++;
      }
    batch_flush (cr, &f, &batch);
    }

  draw_labels (self, cr, &f, &visible);
  cairo_restore (cr);
}

static void
cx_overlay_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CxOverlayLayer *self = CX_OVERLAY_LAYER (widget);
  Frame f;
  cairo_t *cr;

  frame_init (self, &f);
  if (f.width <= 0 || f.height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, f.width, f.height));
  render_frame (self, cr, &f);
  cairo_destroy (cr);
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cx_overlay_layer_get_n_drawn (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  return self->n_drawn;
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
      item->bounds = cx_geometry_get_bounds (item->projected);
      project_point (self, label.y, label.x, &item->label_x, &item->label_y);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  double mx, my;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  f.width = width;
  f.height = height;
  f.zoom = zoom;
  f.world = 256 * exp2 (zoom);
  f.rotation = 0;
  cx_mercator_project (longitude, latitude, &mx, &my);
  f.cx = mx * f.world;
  f.cy = my * f.world;
  f.scale = CLAMP (exp2 ((zoom - 14) * 0.3), 0.7, 1.5);
  f.label_scale = MAX (1, f.scale * 0.9) * scale;
  f.scale *= scale;
  if (self->presentation)
    {
      f.scale *= CX_PRESENTATION_SCALE;
      f.label_scale *= CX_PRESENTATION_SCALE;
    }

  render_frame (self, cr, &f);
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
