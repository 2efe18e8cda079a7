/* cx-overlay-private.h: the overlay's insides, shared by its files
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overlay is one widget split by concern, as libshumate splits its
 * vector renderer:
 *
 *   cx-overlay-layer.c   the widget: properties, signals, public API
 *   cx-overlay-items.c   features projected once to the unit square (Item)
 *   cx-overlay-index.c   the spatial grid over the items, simplified copies
 *   cx-overlay-draw.c    what a state of the layer draws (DrawSet), in cairo
 *   cx-overlay-labels.c  labels: what each shows, its candidate places,
 *                        what it must avoid; sprites and their cache
 *   cx-label-placer.c    where labels go (GLib only: tested on its own)
 *   cx-overlay-tiles.c   drawn tiles: the cache and the worker thread
 *   cx-overlay-frame.c   the frame: where the map is, and what one shows
 *
 * Tests and benchmarks include this header for the hooks below.
 *
 * Data flows one way: the pack and the imported layers become Items (main
 * thread only); a state of the layer becomes a read-only DrawSet that a
 * worker can draw tiles from while the Items change.
 *
 * Labels are not in the tiles. A tile is drawn once for a zoom and a state
 * and shown in every frame that pans over it, but where a label goes
 * depends on the whole view: its edges, the panels over it
 * (cx_overlay_layer_set_covered()), every other label in it. So each frame
 * places the labels of its view afresh, in view (widget) space, and draws
 * them over the tiles from cached sprites (LABELS_TEXTURES, LABELS_SURFACES);
 * print and export place them the same way for their page and draw them as
 * paths (LABELS_VECTOR). Placing is linear in the labels (a grid of cells,
 * cx-label-placer.c), and only what it places is drawn: a frame costs a
 * sprite lookup per placed label, not a Pango layout. The widget keeps one
 * placer from frame to frame, which remembers each label's place on the
 * map (in unit coordinates), so that panning moves labels with the map
 * instead of letting them jump; it places everything afresh when the zoom,
 * the layer's state (generation: visibility, selection, styles) or the
 * covered area changes. A label's text is measured once at a reference
 * size and scaled, so that a zoom animation does not lay out every label
 * at every size it passes through.
 */

#pragma once

#include "cx-label-placer.h"
#include "cx-overlay-layer.h"

G_BEGIN_DECLS

typedef enum
{
  EMPHASIS_NORMAL,
  EMPHASIS_DIMMED,       /* something else is selected */
  EMPHASIS_HIGHLIGHTED,  /* selected, or a place of the selected program */
} Emphasis;

#define DIMMED_ALPHA 0.4

/* Label sizes in pixels at zoom 14, before Frame.label_scale: areas' names,
 * points', and the small ones (subdistricts). */
#define LABEL_PX_AREA  15.0
#define LABEL_PX_POINT 12.5
#define LABEL_PX_MINOR 11.0

#define MARKER_RADIUS 6.0
#define LINE_HIT_TOLERANCE 6.0
#define MARKER_HIT_TOLERANCE 4.0
#define EARTH_CIRCUMFERENCE 40075016.686

/* Imported layers are many features of one style, often small: their names
 * are labelled only up to this many features (each frame places the
 * labels in view; with 2,000 in view that is within a frame's budget, see
 * build-aux/bench). */
#define CX_USER_LAYER_MAX_LABELS 2000

/* Simplified copies of a shape (see cx_overlay_lod_geometry()). */
#define N_LOD_LEVELS 5

/* Shared by the item and by the tile jobs drawing it in the worker thread:
 * the levels are read and filled under a lock of cx-overlay-index.c. An
 * atomic rc box. */
typedef struct
{
  CxGeometry *levels[N_LOD_LEVELS];   /* owned; NULL until drawn at that level */
} ItemLod;

/* An item's styles: as its pack layer or file gives it, for presentation,
 * and both as drawn in each colour scheme (cx_palette_scheme_style()).
 * Shared by every item of the same style (the features of a pack layer, an
 * imported layer's features of one style): 1.2 KB that each of 245,000
 * imported buildings had a copy of. An atomic rc box: the draw sets of
 * worker threads hold them too. */
typedef struct
{
  CxStyle pack;
  CxStyle presentation;
  CxStyle schemed[2][2];       /* [dark][presentation] */
} ItemStyles;

ItemStyles *cx_overlay_item_styles_new     (const CxStyle *pack,
                                            const CxStyle *presentation);
void        cx_overlay_item_styles_release (ItemStyles    *styles);

/* A feature with its geometry projected once to unit Web Mercator, so that a
 * frame only scales and translates. */
typedef struct
{
  GObject       *object;       /* owned: the pack's CxFeature; NULL for imported features,
                                * which are @feature_index of @user_layer's store (an
                                * object each would cost more than the feature itself):
                                * see cx_overlay_item_dup_object() */
  CxFeature     *feature;      /* @object when it is the pack's, else NULL */
  CxLayer       *layer;        /* borrowed from the pack; NULL for imported features */
  CxImportedLayer *user_layer; /* borrowed; NULL for the pack's features */
  guint          feature_index; /* in @user_layer's features */
  guint          order;        /* drawing order of its layer: the pack's, then imported ones */
  const char    *name;         /* borrowed; the label, NULL for none */
  const char    *name_zh;      /* borrowed; for bilingual labels, NULL for none */
  ItemStyles    *styles;       /* owned (a reference) */
  const CxStyle *style;        /* one of @styles' schemed, as drawn now */
  CxGeometry    *projected;    /* owned; x, y in 0…1 */
  CxBounds       bounds;       /* of @projected */
  double         label_x;
  double         label_y;
  double         accuracy_unit; /* accuracy_m in unit-square lengths */
  gboolean       minor;         /* drawn small, named in small type */
  ItemLod       *lod;           /* owned (an atomic rc box): simplified copies of @projected */
  CxCoord       *label_points;  /* owned; areas: points well inside, the pole first (unit
                                 * square); computed when first labelled */
  guint          n_label_points;
  gboolean       label_points_done;
  double         label_width;   /* of the label's text at a reference size … */
  double         label_height;
  guint          label_metrics_serial; /* … when this is the layer's */
} Item;

/* A circle of the thematic view (cx-overlay-symbols.c). */
typedef struct
{
  guint  item;    /* index into the layer's items */
  guint  entry;   /* index into the statistic's breakdown */
  double value;
} Symbol;

typedef struct _OverlayIndex OverlayIndex;
typedef struct _DrawSet DrawSet;

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
  GPtrArray  *items_jobs;      /* GTask, owned: imported layers whose items a worker is making */
  GListModel *model;           /* nullable; of CxImportedLayer: @user_layers follows it */
  GObject    *hit;             /* owned, nullable: what cx_overlay_layer_feature_at() last
                                * found, held so that it may be returned borrowed */
  gboolean    presentation;
  gboolean    dark;            /* the dark style: light text on dark halos */
  gboolean    bilingual;       /* labels in the user's language and in Chinese */
  gboolean    gcj02;           /* drawn over a GCJ-02 basemap: shifted to match it */
  gboolean    high_contrast;   /* the checked palette, as in presentation mode */
  double      text_scale;      /* the desktop's large-text setting */
  double      presentation_text_scale; /* labels' growth while presenting, for the screen */

  OverlayIndex *index;         /* owned; built on first use after the items change */
  GHashTable *draw_runs;       /* a CxImportedLayer (or the pack) → its items' DrawRun, owned */
  GHashTable *index_grids;     /* a CxImportedLayer (or the pack) → its items' IndexGrid, owned */
  DrawSet      *draw_set;      /* owned; of the latest generation drawn */

  /* Drawn tiles (see cx-overlay-tiles.c) */
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
  guint        label_metrics_serial; /* bumped when labels' texts or fonts change */
  PangoLayout *label_layout;   /* owned; for measuring and drawing sprites */
  CxLabelPlacer *placer;       /* owned; the widget's, remembering places between frames */
  GArray      *covered;        /* graphene_rect_t: what covers the map, widget coordinates */
  guint        covered_serial; /* bumped when @covered changes */
  GArray      *avoided_path;   /* CxCoord, WGS84 (x lon, y lat): a drawn path labels avoid */
  gboolean     avoided_closed;
  GArray      *label_record;   /* LabelRecord: the labels of the last frame, for tests */
  GArray      *page_record;    /* LabelRecord: the labels of the last page drawn, for tests */
  GArray      *page_covered;   /* graphene_rect_t: what the last page drew over its map */
  /* The marks (CxAnnotation) labels keep clear of, and whose pins' notes
   * they place: the screen's, and a page's while it is drawn. */
  GPtrArray   *marks;          /* owned, nullable; drawn at the presentation's scale */
  GPtrArray   *page_marks;     /* owned, nullable */
  double       page_marks_scale;
  double       page_width, page_height;
  guint        label_log_hash; /* of what G_MESSAGES_DEBUG=cx-labels said last */

  /* The thematic view (cx-overlay-symbols.c) */
  CxStatistic *thematic;       /* owned; nullable */
  GArray      *symbols;        /* Symbol, largest first; NULL without @thematic */
  double       symbols_max;
  GObject     *symbol_hover;   /* borrowed: a feature whose circle is hovered, or NULL */
  guint        page_n_symbols; /* circles the last page drew, for tests */
};

/* ------------------------------------------------------------------ */
/* Hooks for tests and benchmarks (cx-overlay-layer.c): what the app    */
/* itself never asks                                                   */
/* ------------------------------------------------------------------ */

guint           cx_overlay_layer_get_n_features     (CxOverlayLayer  *self);
gboolean        cx_overlay_layer_has_feature        (CxOverlayLayer  *self,
                                                     const char      *id);
void            cx_overlay_layer_set_layer_visible  (CxOverlayLayer  *self,
                                                     const char      *layer_id,
                                                     gboolean         visible);
gboolean        cx_overlay_layer_get_layer_visible  (CxOverlayLayer  *self,
                                                     const char      *layer_id);
guint           cx_overlay_layer_get_n_drawn        (CxOverlayLayer  *self);
gboolean        cx_overlay_layer_get_gcj02          (CxOverlayLayer  *self);
void            cx_overlay_layer_snapshot_view      (CxOverlayLayer  *self,
                                                     GtkSnapshot     *snapshot,
                                                     gboolean         textures,
                                                     gboolean         zoom_moving,
                                                     double           width,
                                                     double           height,
                                                     double           latitude,
                                                     double           longitude,
                                                     double           zoom);
guint           cx_overlay_layer_get_n_pending_tiles (CxOverlayLayer *self);
guint           cx_overlay_layer_get_n_stand_ins    (CxOverlayLayer  *self);
gboolean        cx_overlay_layer_get_settle_pending (CxOverlayLayer *self);
void            cx_overlay_layer_drop_tiles         (CxOverlayLayer  *self);
double          cx_overlay_layer_get_label_px       (CxOverlayLayer  *self,
                                                     gboolean         areal,
                                                     gboolean         minor);

/* A label of the widget's last frame (or of the last view snapshotted). */
typedef struct
{
  char            *id;        /* the feature's id */
  char            *text;      /* as drawn */
  graphene_rect_t  rect;      /* widget coordinates, halo included; where it
                               * was tried first, when dropped */
  gboolean         placed;
  gboolean         selected;  /* highlighted: placed first, and always */
  gboolean         crossing;  /* placed across a thick line (or over a
                               * marker it may cover): nothing was free */
} CxOverlayLabel;

/* A piece of a thick line that the labels of the last frame avoided, in
 * widget coordinates, as drawn. */
typedef struct
{
  graphene_point_t from, to;
  double           width;     /* of the band drawn, halo included */
} CxOverlaySegment;

GArray         *cx_overlay_layer_dup_labels         (CxOverlayLayer  *self);
GArray         *cx_overlay_layer_dup_page_labels    (CxOverlayLayer  *self,
                                                     graphene_size_t *frame,
                                                     GArray         **covered);
GArray         *cx_overlay_layer_dup_avoided_line   (CxOverlayLayer  *self,
                                                     const char      *id);
const graphene_rect_t *cx_overlay_layer_get_covered (CxOverlayLayer  *self,
                                                     guint           *n_rects);

/* ------------------------------------------------------------------ */
/* The frame: where the unit square is on the widget                   */
/* (cx-overlay-frame.c)                                                */
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

/* While the zoom moves over a layer this large, tiles of passing zooms are
 * not asked for (see cx_overlay_snapshot_frame()). */
#define HEAVY_LAYER_COORDS 50000
#define ZOOM_SETTLE_MS 150

void      cx_overlay_frame_init           (CxOverlayLayer *self,
                                           Frame          *f);
void      cx_overlay_frame_init_view      (CxOverlayLayer *self,
                                           Frame          *f,
                                           double          width,
                                           double          height,
                                           double          latitude,
                                           double          longitude,
                                           double          zoom,
                                           double          line_factor,
                                           double          text_factor);
void      cx_overlay_frame_to_widget      (const Frame    *f,
                                           double          ux,
                                           double          uy,
                                           double         *x,
                                           double         *y);
void      cx_overlay_frame_from_widget    (const Frame    *f,
                                           double          x,
                                           double          y,
                                           double         *ux,
                                           double         *uy);
CxBounds  cx_overlay_frame_visible_bounds (const Frame    *f,
                                           double          margin_px);
void      cx_overlay_snapshot_frame       (CxOverlayLayer *self,
                                           GtkSnapshot    *snapshot,
                                           const Frame    *frame,
                                           int             scale,
                                           gboolean        textures,
                                           gboolean        zoom_moving);
void      cx_overlay_render_frame         (CxOverlayLayer        *self,
                                           cairo_t               *cr,
                                           const Frame           *frame,
                                           const graphene_rect_t *covered,
                                           guint                  n_covered);

/* ------------------------------------------------------------------ */
/* Items (cx-overlay-items.c)                                          */
/* ------------------------------------------------------------------ */

void      cx_overlay_item_clear           (gpointer        data);
void      cx_overlay_project_point        (CxOverlayLayer *self,
                                           double          lat,
                                           double          lon,
                                           double         *x,
                                           double         *y);
void      cx_overlay_items_add_pack       (CxOverlayLayer *self);
void      cx_overlay_items_add_imported   (CxOverlayLayer *self,
                                           CxImportedLayer *layer,
                                           guint           order);
GArray   *cx_overlay_items_make_imported  (CxImportedLayer *layer,
                                           guint           order,
                                           gboolean        gcj02,
                                           GCancellable   *cancellable);
void      cx_overlay_items_insert         (CxOverlayLayer *self,
                                           GArray         *items);
void      cx_overlay_items_reproject      (CxOverlayLayer *self);
guint     cx_overlay_items_run            (CxOverlayLayer *self,
                                           guint           first,
                                           gpointer       *key);
gconstpointer cx_overlay_item_key         (const Item     *item);
GObject  *cx_overlay_item_peek_object     (const Item     *item);
GObject  *cx_overlay_item_dup_object      (const Item     *item);
const char *cx_overlay_item_get_id        (const Item     *item);

/* ------------------------------------------------------------------ */
/* Spatial index and simplified geometry (cx-overlay-index.c)          */
/* ------------------------------------------------------------------ */

typedef struct _IndexGrid IndexGrid;

typedef struct
{
  guint      base;              /* the index in self->items of the run's first item */
  IndexGrid *grid;              /* owned (a reference) */
} IndexPart;

/* The items' spatial index: a grid for each run of items (the pack's, and
 * each imported layer's), in item order. An atomic rc box, read-only once
 * made: tile jobs query it in the worker. */
struct _OverlayIndex
{
  guint      n_items;           /* self->items->len when it was built */
  gboolean   stale;             /* items were added or removed since */
  CxBounds   bounds;            /* of every item's reach */
  IndexPart *parts;
  guint      n_parts;
  double     max_stroke_width;  /* the widest line of any item, in any style */
  gsize      n_coords;          /* of every item */
};

void          cx_overlay_index_release    (OverlayIndex   *index);
gsize         cx_overlay_index_estimate   (OverlayIndex   *index,
                                           const CxBounds *area);
IndexGrid    *cx_overlay_index_grid_new   (const Item     *items,
                                           guint           n);
void          cx_overlay_index_grid_release (IndexGrid    *grid);
void          cx_overlay_index_forget     (CxOverlayLayer *self,
                                           gpointer        key);
CxBounds      cx_overlay_item_reach       (const Item     *item);
ItemLod      *cx_overlay_item_lod_new     (void);
void          cx_overlay_item_lod_release (ItemLod        *lod);
OverlayIndex *cx_overlay_index_ensure     (CxOverlayLayer *self);
void          cx_overlay_index_invalidate (CxOverlayLayer *self);
void          cx_overlay_index_query      (OverlayIndex   *index,
                                           const CxBounds *area,
                                           GArray         *out);
CxGeometry   *cx_overlay_lod_geometry     (CxGeometry     *projected,
                                           ItemLod        *lod,
                                           const Frame    *f);

/* ------------------------------------------------------------------ */
/* Drawing (cx-overlay-draw.c)                                         */
/* ------------------------------------------------------------------ */

/* What every state of the layer draws of an item: its shapes and styles,
 * with references of its own, so that a worker thread can draw a tile
 * from it while the items change. Made once for a run of items (the
 * pack's, or one imported layer's: in the worker that makes a large
 * layer's items) and shared by every draw set until those items change. */
typedef struct
{
  CxGeometry *projected;      /* owned */
  ItemLod    *lod;            /* owned */
  ItemStyles *styles;         /* owned (a reference) */
  CxBounds    reach;          /* cx_overlay_item_reach() */
  double      accuracy_unit;
  gboolean    is_point;
  gboolean    areal;
  gboolean    minor;
  gboolean    user;           /* of an imported layer */
} DrawBase;

/* A run's DrawBase, one per item in item order. An atomic rc box. */
typedef struct
{
  DrawBase *bases;
  guint     n;
} DrawRun;

DrawRun  *cx_overlay_draw_run_new         (const Item     *items,
                                           guint           n);
void      cx_overlay_draw_run_release     (DrawRun        *run);

/* An item as one state of the layer draws it: its DrawBase, and what that
 * state says of it. Filled in by cx_overlay_draw_set_item(); borrowed from
 * the draw set. */
typedef struct
{
  CxGeometry    *projected;
  ItemLod       *lod;
  const CxStyle *style;
  Emphasis       emphasis;
  double         accuracy_unit;
  gboolean       visible;
  gboolean       is_point;
  gboolean       areal;
  gboolean       minor;
  gboolean       batched;     /* drawn in one path with its neighbours of the same style */
} DrawItem;

/* Every item as drawn in one state of the layer (its generation), made once
 * for that state and shared, read-only, by the frames and the tile jobs of
 * that state: a tile only lists the indices of what it draws. An atomic rc
 * box: jobs hold it in the worker thread. Making one for a new state costs
 * a pointer and a byte an item: the shapes are the runs'. */
struct _DrawSet
{
  GPtrArray       *runs;       /* DrawRun, owned references, in item order */
  const DrawBase **bases;      /* one per item, into @runs */
  guint8          *states;     /* one per item: DRAW_STATE_* */
  guint            n_items;
  guint            scheme;     /* [dark][presentation] of ItemStyles' schemed, as 2·dark + palette */
  guint            generation;
};

#define DRAW_STATE_VISIBLE        (1 << 2)
#define DRAW_STATE_EMPHASIS_MASK  3   /* an Emphasis */

void      cx_overlay_draw_set_item        (const DrawSet  *set,
                                           guint           i,
                                           DrawItem       *out);
void      cx_overlay_draw_runs_forget     (CxOverlayLayer *self,
                                           gpointer        key);

/* Which items of the frame to collect. */
typedef enum
{
  COLLECT_NORMAL = 1 << 0,       /* everything not highlighted: what tiles hold */
  COLLECT_HIGHLIGHTED = 1 << 1,  /* drawn above everything, every frame */
} CollectFlags;

void      cx_overlay_set_color            (cairo_t        *cr,
                                           const CxColor  *c,
                                           double          alpha_factor);
gboolean  cx_overlay_item_visible         (CxOverlayLayer *self,
                                           const Item     *item);
Emphasis  cx_overlay_item_emphasis        (CxOverlayLayer *self,
                                           const Item     *item);
DrawSet  *cx_overlay_draw_set_get         (CxOverlayLayer *self);
void      cx_overlay_draw_set_release     (DrawSet        *set);
gsize     cx_overlay_collect_items        (CxOverlayLayer *self,
                                           DrawSet        *set,
                                           const CxBounds *area,
                                           CollectFlags    flags,
                                           GArray         *out);
gsize     cx_overlay_collect_items_in     (OverlayIndex   *index,
                                           const DrawSet  *set,
                                           const CxBounds *area,
                                           CollectFlags    flags,
                                           GArray         *out);
void      cx_overlay_draw_setup           (cairo_t        *cr);
void      cx_overlay_draw_items           (cairo_t        *cr,
                                           const Frame    *f,
                                           const DrawSet  *set,
                                           GArray         *indices);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrawSet, cx_overlay_draw_set_release)

/* ------------------------------------------------------------------ */
/* Labels (cx-overlay-labels.c)                                        */
/* ------------------------------------------------------------------ */

typedef enum
{
  LABELS_VECTOR,     /* as paths, into a cairo context: for print and export */
  LABELS_SURFACES,   /* sprites painted into a cairo context */
  LABELS_TEXTURES,   /* sprites as texture nodes of a snapshot */
} LabelsMode;

/* A label as the last frame placed it (see cx_overlay_layer_dup_labels()). */
typedef struct
{
  guint       item;         /* G_MAXUINT for a mark's note */
  CxLabelRect box;
  gboolean    placed;
  gboolean    crossing;
  CxAnnotation *mark;       /* owned; the mark whose note it is, or NULL */
} LabelRecord;

void        cx_overlay_label_record_clear (gpointer data);
char       *cx_overlay_mark_label_text    (CxAnnotation *mark);

GHashTable *cx_overlay_label_cache_new    (void);
GdkTexture *cx_overlay_texture_from_surface (cairo_surface_t *surface);
char       *cx_overlay_label_text         (CxOverlayLayer *self,
                                           const Item     *item);
void        cx_overlay_draw_labels        (CxOverlayLayer        *self,
                                           LabelsMode             mode,
                                           cairo_t               *cr,
                                           GtkSnapshot           *snapshot,
                                           int                    scale,
                                           const Frame           *f,
                                           const CxBounds        *visible,
                                           const graphene_rect_t *covered,
                                           guint                  n_covered);

/* ------------------------------------------------------------------ */
/* Proportional symbols (cx-overlay-symbols.c)                         */
/* ------------------------------------------------------------------ */

void          cx_overlay_symbols_clear     (CxOverlayLayer *self);
void          cx_overlay_symbols_update    (CxOverlayLayer *self);
gboolean      cx_overlay_symbols_shown     (CxOverlayLayer *self);
const Symbol *cx_overlay_symbol_for        (CxOverlayLayer *self,
                                            guint           item_index);
double        cx_overlay_symbol_max_radius (const Frame    *f);
double        cx_overlay_symbol_radius     (CxOverlayLayer *self,
                                            const Symbol   *symbol,
                                            const Frame    *f);
char         *cx_overlay_symbol_text       (CxOverlayLayer *self,
                                            const Symbol   *symbol);
const Item   *cx_overlay_symbol_at         (CxOverlayLayer *self,
                                            const Frame    *f,
                                            double          ux,
                                            double          uy);
void          cx_overlay_draw_symbols      (CxOverlayLayer *self,
                                            cairo_t        *cr,
                                            const Frame    *f);

/* A circle of the widget's view, for tests: the feature's id, its centre in
 * widget coordinates and its radius in pixels, largest first. */
typedef struct
{
  char   *id;
  double  x, y, radius, value;
} CxOverlaySymbol;

GArray       *cx_overlay_layer_dup_symbols (CxOverlayLayer *self);

/* ------------------------------------------------------------------ */
/* Tiles (cx-overlay-tiles.c)                                          */
/* ------------------------------------------------------------------ */

#define TILE_SIZE 256

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

/* Where tiles go: texture nodes of a snapshot, which a GL renderer keeps
 * on the GPU from frame to frame; or, for the cairo renderer, which would
 * convert a texture every frame, painted as they are into one cairo node. */
typedef struct
{
  GtkSnapshot *snapshot;   /* origin at the frame's centre, turned with the map */
  cairo_t     *cr;         /* the same origin; NULL for textures */
} Painter;

void      cx_overlay_tiles_init           (CxOverlayLayer *self);
void      cx_overlay_tiles_clear          (CxOverlayLayer *self);
void      cx_overlay_tiles_drop           (CxOverlayLayer *self);
void      cx_overlay_tiles_trim           (CxOverlayLayer *self);
void      cx_overlay_invalidate_tiles     (CxOverlayLayer *self);
Tile     *cx_overlay_tile_lookup          (CxOverlayLayer *self,
                                           double          zoom,
                                           gint64          tx,
                                           gint64          ty,
                                           int             scale);
Tile     *cx_overlay_tile_ensure          (CxOverlayLayer *self,
                                           DrawSet        *set,
                                           const Frame    *f,
                                           int             scale,
                                           gint64          tx,
                                           gint64          ty);
void      cx_overlay_paint_tile           (Painter               *painter,
                                           Tile                  *tile,
                                           const graphene_rect_t *r,
                                           const graphene_rect_t *clip);
void      cx_overlay_tile_fallback        (CxOverlayLayer        *self,
                                           Painter               *painter,
                                           const Frame           *f,
                                           const graphene_rect_t *missing);

G_END_DECLS
