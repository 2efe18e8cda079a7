/* cx-overlay-layer.c: every overlay feature of a pack, drawn by one layer
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget and its API; how it draws is in the files that
 * cx-overlay-private.h lists.
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <string.h>

#include "cx-gcj02.h"
#include "cx-overlay-private.h"

G_DEFINE_FINAL_TYPE (CxOverlayLayer, cx_overlay_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_PACK,
  PROP_BILINGUAL,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
cx_overlay_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CxOverlayLayer *self = CX_OVERLAY_LAYER (widget);
  GskRenderer *renderer;
  gboolean zoom_moving;
  gint64 now;
  Frame f;

  cx_overlay_frame_init (self, &f);
  if (f.width <= 0 || f.height <= 0)
    return;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  now = g_get_monotonic_time ();
  /* Another zoom than the frame just before: the zoom is moving. */
  zoom_moving = f.zoom != self->last_widget_zoom && now - self->last_widget_frame < ZOOM_SETTLE_MS * 1000;
  self->last_widget_zoom = f.zoom;
  self->last_widget_frame = now;
  cx_overlay_snapshot_frame (self, snapshot, &f, gtk_widget_get_scale_factor (widget),
                             renderer == NULL || !GSK_IS_CAIRO_RENDERER (renderer), zoom_moving);
}


static void update_styles (CxOverlayLayer *self);

static void
cx_overlay_layer_constructed (GObject *object)
{
  CxOverlayLayer *self = (CxOverlayLayer *) object;
  ShumateViewport *viewport;

  G_OBJECT_CLASS (cx_overlay_layer_parent_class)->constructed (object);

  g_assert (self->pack != NULL);
  cx_overlay_items_add_pack (self);
  update_styles (self);
  {
    g_autoptr(CxVisibility) visibility = cx_visibility_new (self->pack);
    cx_overlay_layer_set_visibility (self, visibility);
  }

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);

  self->text_scale = 1.0;
  self->presentation_text_scale = CX_PRESENTATION_SCALE;
  if (gtk_settings_get_default () != NULL)
    {
      g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                               G_CALLBACK (on_xft_dpi_changed), self, G_CONNECT_SWAPPED);
      on_xft_dpi_changed (self);
    }
}

static void
overlay_symbol_clear (gpointer data)
{
  CxOverlaySymbol *symbol = data;

  g_free (symbol->id);
}

static void
cx_overlay_layer_finalize (GObject *object)
{
  CxOverlayLayer *self = (CxOverlayLayer *) object;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->hit);
  cx_overlay_symbols_clear (self);
  /* Every tile job holds a reference: none is pending now. */
  cx_overlay_tiles_clear (self);
  g_clear_pointer (&self->draw_set, cx_overlay_draw_set_release);
  g_clear_pointer (&self->draw_runs, g_hash_table_unref);
  g_clear_pointer (&self->index_grids, g_hash_table_unref);
  g_clear_pointer (&self->label_sprites, g_hash_table_unref);
  g_clear_object (&self->label_layout);
  g_clear_pointer (&self->placer, cx_label_placer_free);
  g_clear_pointer (&self->covered, g_array_unref);
  g_clear_pointer (&self->avoided_path, g_array_unref);
  g_clear_pointer (&self->label_record, g_array_unref);
  g_clear_pointer (&self->page_record, g_array_unref);
  g_clear_pointer (&self->page_covered, g_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->page_marks, g_ptr_array_unref);
  g_clear_pointer (&self->index, cx_overlay_index_release);
  g_clear_pointer (&self->items, g_array_unref);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (self->user_layers != NULL)
    for (guint i = 0; i < self->user_layers->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->user_layers, i), self);
  g_clear_pointer (&self->user_layers, g_ptr_array_unref);
  /* Each job holds a reference: none is running now. */
  g_clear_pointer (&self->items_jobs, g_ptr_array_unref);
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
    case PROP_MODEL:
      g_value_set_object (value, self->model);
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
    case PROP_MODEL:
      cx_overlay_layer_set_model (self, g_value_get_object (value));
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
  /**
   * CxOverlayLayer:model: (nullable)
   *
   * The imported layers (a #GListModel of #CxImportedLayer) to draw above
   * the pack's, in its order: the overlay follows its items-changed.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cx-overlay-layer");
}

static void
cx_overlay_layer_init (CxOverlayLayer *self)
{
  self->items_jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->draw_runs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cx_overlay_draw_run_release);
  self->index_grids = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cx_overlay_index_grid_release);
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, cx_overlay_item_clear);
  self->user_layers = g_ptr_array_new_with_free_func (g_object_unref);
  cx_overlay_tiles_init (self);
  self->label_sprites = cx_overlay_label_cache_new ();
  self->label_metrics_serial = 1;
  self->placer = cx_label_placer_new ();
  self->covered = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->avoided_path = g_array_new (FALSE, FALSE, sizeof (CxCoord));
  self->label_record = g_array_new (FALSE, FALSE, sizeof (LabelRecord));
  self->page_record = g_array_new (FALSE, FALSE, sizeof (LabelRecord));
  g_array_set_clear_func (self->label_record, cx_overlay_label_record_clear);
  g_array_set_clear_func (self->page_record, cx_overlay_label_record_clear);
  self->page_covered = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
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
  cx_overlay_invalidate_tiles (self);
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

  cx_overlay_invalidate_tiles (self);
}

/**
 * cx_overlay_layer_set_thematic:
 * @statistic: (nullable): a statistic with a breakdown by feature, drawn as
 *   proportional symbols on its places; %NULL for none
 */
void
cx_overlay_layer_set_thematic (CxOverlayLayer *self,
                               CxStatistic    *statistic)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (statistic == NULL || CX_IS_STATISTIC (statistic));

  if (!g_set_object (&self->thematic, statistic))
    return;
  cx_overlay_symbols_update (self);
  /* The labels of the symbols' places change: the value joins the name. */
  self->label_metrics_serial++;
  cx_overlay_invalidate_tiles (self);
}

CxStatistic *
cx_overlay_layer_get_thematic (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  return self->thematic;
}

/**
 * cx_overlay_layer_get_symbol_radius:
 *
 * Returns: the radius, in pixels, of the largest value's circle at the
 *   view's zoom: what the legend draws it with
 */
double
cx_overlay_layer_get_symbol_radius (CxOverlayLayer *self)
{
  Frame f;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  cx_overlay_frame_init (self, &f);
  return cx_overlay_symbol_max_radius (&f);
}

/**
 * cx_overlay_layer_get_symbol_radius_at:
 * @zoom: the zoom of a page's map
 * @scale: the page's scale, as given to cx_overlay_layer_render()
 *
 * Returns: the radius of the largest value's circle on that page: what the
 *   page's legend draws it with
 */
double
cx_overlay_layer_get_symbol_radius_at (CxOverlayLayer *self,
                                       double          zoom,
                                       double          scale)
{
  Frame f;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  cx_overlay_frame_init_view (self, &f, 256, 256, 0, 0, zoom, scale, scale);
  return cx_overlay_symbol_max_radius (&f);
}

/**
 * cx_overlay_layer_set_symbol_hover:
 * @feature: (nullable): the feature whose circle is drawn as hovered (the
 *   pointer is on its bar in the panel), or %NULL
 */
void
cx_overlay_layer_set_symbol_hover (CxOverlayLayer *self,
                                   GObject        *feature)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  if (self->symbol_hover == feature)
    return;
  self->symbol_hover = feature;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_overlay_layer_dup_symbols:
 *
 * Returns: (transfer full): the thematic view's circles as the widget's
 *   view draws them now (CxOverlaySymbol), largest first
 */
GArray *
cx_overlay_layer_dup_symbols (CxOverlayLayer *self)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CxOverlaySymbol));
  Frame f;

  g_array_set_clear_func (out, overlay_symbol_clear);
  if (!cx_overlay_symbols_shown (self))
    return out;

  cx_overlay_frame_init (self, &f);
  for (guint k = 0; k < self->symbols->len; k++)
    {
      const Symbol *symbol = &g_array_index (self->symbols, Symbol, k);
      const Item *item = &g_array_index (self->items, Item, symbol->item);
      const CxCoord *c = cx_geometry_get_coords (item->projected);
      CxOverlaySymbol drawn = { g_strdup (cx_feature_get_id (item->feature)), 0, 0,
                                cx_overlay_symbol_radius (self, symbol, &f), symbol->value };

      cx_overlay_frame_to_widget (&f, c[0].x, c[0].y, &drawn.x, &drawn.y);
      g_array_append_val (out, drawn);
    }

  return out;
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
  cx_overlay_frame_init (self, &f);
  if (f.width <= 0 || f.height <= 0)
    return 0;
  visible = cx_overlay_frame_visible_bounds (&f, 64);
  cx_overlay_index_query (cx_overlay_index_ensure (self), &visible, nearby);
  for (guint k = 0; k < nearby->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, g_array_index (nearby, guint, k));
      CxBounds reach = cx_overlay_item_reach (item);

      if (cx_bounds_intersects (&reach, &visible) && cx_overlay_item_visible (self, item))
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
  cx_overlay_invalidate_tiles (self);
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
  cx_overlay_invalidate_tiles (self);
}

CxVisibility *
cx_overlay_layer_get_visibility (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  return self->visibility;
}

/* Points each item at its style for the scheme and palette drawn now;
 * after any change to self->items as well. */
static void
update_styles (CxOverlayLayer *self)
{
  gboolean palette = self->presentation || self->high_contrast;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      item->style = &item->styles->schemed[self->dark][palette];
    }
  cx_overlay_invalidate_tiles (self);
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
  cx_overlay_items_reproject (self);
  cx_overlay_draw_runs_forget (self, NULL);
  cx_overlay_index_forget (self, NULL);

  cx_overlay_index_invalidate (self);
  cx_overlay_invalidate_tiles (self);
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
  /* Every label has another text. */
  self->label_metrics_serial++;
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
 * cx_overlay_layer_set_presentation_text_scale:
 * @scale: how much larger labels are while presenting
 *
 * The map view sets it for the screen it presents on (CX_PRESENTATION_SCALE
 * until it does).
 */
void
cx_overlay_layer_set_presentation_text_scale (CxOverlayLayer *self,
                                              double          scale)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (scale > 0);

  if (self->presentation_text_scale == scale)
    return;

  self->presentation_text_scale = scale;
  if (self->presentation)
    gtk_widget_queue_draw (GTK_WIDGET (self));
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

  cx_overlay_frame_init (self, &f);
  cx_overlay_project_point (self, latitude, longitude, &ux, &uy);
  cx_overlay_frame_to_widget (&f, ux, uy, x, y);
}

/**
 * cx_overlay_layer_widget_to_location:
 * @latitude: (out): WGS84
 * @longitude: (out): WGS84
 *
 * The position under a point of the layer, as its features are hit: over
 * a GCJ-02 basemap, where the shift drawn there is undone, so that what is
 * measured or marked from a click is in the data's datum.
 */
void
cx_overlay_layer_widget_to_location (CxOverlayLayer *self,
                                     double          x,
                                     double          y,
                                     double         *latitude,
                                     double         *longitude)
{
  Frame f;
  double ux, uy, lat, lon;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  cx_overlay_frame_init (self, &f);
  cx_overlay_frame_from_widget (&f, x, y, &ux, &uy);
  cx_mercator_unproject (ux, uy, &lon, &lat);
  if (self->gcj02)
    cx_gcj02_to_wgs84 (lat, lon, &lat, &lon);
  *latitude = lat;
  *longitude = lon;
}

static void
on_user_layer_changed (CxOverlayLayer *self)
{
  cx_overlay_invalidate_tiles (self);
}

/* A layer of more features than this has its items made in a worker
 * thread: projecting 250,000 building footprints takes the main thread
 * seconds, during which no frame would be drawn. A smaller one is added at
 * once, and drawn in the same frame. */
#define ITEMS_IN_WORKER_MIN 2000

typedef struct
{
  CxImportedLayer *layer;   /* owned */
  guint            order;
  gboolean         gcj02;
} ItemsJob;

static void
items_job_free (gpointer data)
{
  ItemsJob *job = data;

  g_clear_object (&job->layer);
  g_free (job);
}

/* What the worker makes: the items, and what draw sets take of them. */
typedef struct
{
  GArray    *items;
  DrawRun   *run;
  IndexGrid *grid;
} MadeItems;

static void
made_items_free (gpointer data)
{
  MadeItems *made = data;

  g_clear_pointer (&made->items, g_array_unref);
  cx_overlay_draw_run_release (made->run);
  cx_overlay_index_grid_release (made->grid);
  g_free (made);
}

static void
make_items_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  ItemsJob *job = data;
  MadeItems *made = g_new0 (MadeItems, 1);

  made->items = cx_overlay_items_make_imported (job->layer, job->order, job->gcj02, cancellable);
  made->run = cx_overlay_draw_run_new ((const Item *) (gpointer) made->items->data, made->items->len);
  made->grid = cx_overlay_index_grid_new ((const Item *) (gpointer) made->items->data, made->items->len);
  g_task_return_pointer (task, made, made_items_free);
}

static void start_items_job (CxOverlayLayer  *self,
                             CxImportedLayer *layer);

static void
on_items_made (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CxOverlayLayer *self = CX_OVERLAY_LAYER (source);
  GTask *task = G_TASK (result);
  ItemsJob *job = g_task_get_task_data (task);
  MadeItems *made = g_task_propagate_pointer (task, NULL);
  GArray *items;
  guint position;

  /* The layer was removed meanwhile (and the job cancelled). */
  if (!g_ptr_array_remove (self->items_jobs, task))
    {
      g_clear_pointer (&made, made_items_free);
      return;
    }
  g_return_if_fail (made != NULL);
  items = made->items;

  /* The datum changed meanwhile: made again, in the new one. */
  if (job->gcj02 != self->gcj02)
    {
      start_items_job (self, job->layer);
      made_items_free (made);
      return;
    }

  /* Layers below it may have been removed meanwhile. */
  if (!g_ptr_array_find (self->user_layers, job->layer, &position))
    {
      made_items_free (made);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    g_array_index (items, Item, i).order = self->n_layers + position;

  /* Its run and its grid go with the items, from which they were made. */
  g_hash_table_replace (self->draw_runs, job->layer, g_steal_pointer (&made->run));
  g_hash_table_replace (self->index_grids, job->layer, g_steal_pointer (&made->grid));
  cx_overlay_items_insert (self, items);
  made_items_free (made);
  cx_overlay_index_invalidate (self);
  update_styles (self);
}

static void
start_items_job (CxOverlayLayer  *self,
                 CxImportedLayer *layer)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = g_task_new (self, cancellable, on_items_made, NULL);
  ItemsJob *job = g_new0 (ItemsJob, 1);
  guint position = 0;

  g_ptr_array_find (self->user_layers, layer, &position);
  job->layer = g_object_ref (layer);
  job->order = self->n_layers + position;
  job->gcj02 = self->gcj02;
  g_task_set_task_data (task, job, items_job_free);
  g_task_set_name (task, "cx-overlay-items");
  g_ptr_array_add (self->items_jobs, g_object_ref (task));
  g_task_run_in_thread (task, make_items_thread);
}

/* Cancels the job making @layer's items, if any. */
static void
cancel_items_job (CxOverlayLayer  *self,
                  CxImportedLayer *layer)
{
  for (guint i = 0; i < self->items_jobs->len; i++)
    {
      GTask *task = g_ptr_array_index (self->items_jobs, i);
      ItemsJob *job = g_task_get_task_data (task);

      if (job->layer == layer)
        {
          g_cancellable_cancel (g_task_get_cancellable (task));
          g_ptr_array_remove_index (self->items_jobs, i);
          return;
        }
    }
}

/**
 * cx_overlay_layer_add_imported:
 *
 * Draws an imported layer above the pack's layers (and above layers
 * imported before it). A large layer is drawn once a worker thread has
 * prepared it: cx_overlay_layer_get_n_pending_tiles() counts it until then.
 */
void
cx_overlay_layer_add_imported (CxOverlayLayer  *self,
                               CxImportedLayer *layer)
{
  guint order;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (CX_IS_IMPORTED_LAYER (layer));

  order = self->n_layers + self->user_layers->len;
  g_ptr_array_add (self->user_layers, g_object_ref (layer));
  g_signal_connect_swapped (layer, "notify::visible", G_CALLBACK (on_user_layer_changed), self);

  if (g_list_model_get_n_items (cx_imported_layer_get_features (layer)) >= ITEMS_IN_WORKER_MIN)
    {
      start_items_job (self, layer);
      return;
    }

  cx_overlay_items_add_imported (self, layer, order);
  cx_overlay_index_invalidate (self);
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

  cancel_items_job (self, layer);
  cx_overlay_draw_runs_forget (self, layer);
  cx_overlay_index_forget (self, layer);
  for (guint i = self->items->len; i-- > 0;)
    if (g_array_index (self->items, Item, i).user_layer == layer)
      g_array_remove_index (self->items, i);
  cx_overlay_index_invalidate (self);
  /* The items moved, and their styles point into them. */
  update_styles (self);

  g_signal_handlers_disconnect_by_data (layer, self);
  /* The last hit must not keep the layer. */
  if (CX_IS_IMPORTED_FEATURE (self->hit) && cx_imported_feature_get_layer (CX_IMPORTED_FEATURE (self->hit)) == layer)
    g_clear_object (&self->hit);
  g_ptr_array_remove_index (self->user_layers, index);

  /* Layers above it move down one place. */
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      if (item->user_layer != NULL && item->order > self->n_layers + index)
        item->order--;
    }

  cx_overlay_invalidate_tiles (self);
}

/* Draws exactly the model's layers, in its order. */
static void
sync_with_model (CxOverlayLayer *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  while (self->user_layers->len > 0)
    cx_overlay_layer_remove_imported (self, g_ptr_array_index (self->user_layers, self->user_layers->len - 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (self->model, i);

      cx_overlay_layer_add_imported (self, layer);
    }
}

static void
on_model_items_changed (GListModel     *model,
                        guint           position,
                        guint           removed,
                        guint           added,
                        CxOverlayLayer *self)
{
  /* @user_layers mirrors the model: what left it is at @position there. */
  if (position + removed > self->user_layers->len)
    {
      sync_with_model (self);
      return;
    }
  for (guint i = 0; i < removed; i++)
    cx_overlay_layer_remove_imported (self, g_ptr_array_index (self->user_layers, position));

  /* Layers come in at the end (an import, a start): appended, as their
   * items are. Anywhere else, every layer is drawn again in order. */
  if (added > 0 && position != self->user_layers->len)
    {
      sync_with_model (self);
      return;
    }
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (model, position + i);

      cx_overlay_layer_add_imported (self, layer);
    }
}

/**
 * cx_overlay_layer_set_model:
 * @model: (nullable): a #GListModel of #CxImportedLayer
 *
 * Draws the imported layers of @model above the pack's, and follows its
 * changes, instead of cx_overlay_layer_add_imported() and
 * cx_overlay_layer_remove_imported() (use one or the other: the model's
 * layers replace any added by hand).
 */
void
cx_overlay_layer_set_model (CxOverlayLayer *self,
                            GListModel     *model)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_model_items_changed), self, 0);
  sync_with_model (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * cx_overlay_layer_get_model:
 *
 * Returns: (transfer none) (nullable): the imported layers followed
 */
GListModel *
cx_overlay_layer_get_model (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  return self->model;
}

/**
 * cx_overlay_layer_render:
 * @cr: a context whose user space is the map area, (0, 0) to (@width, @height)
 * @zoom: the zoom level to draw at
 * @scale: how much larger than on screen lines, markers and labels are
 * @covered: (array length=n_covered) (nullable): what the page draws over
 *   the map area (a north arrow, a scale bar), in @cr's user space
 *
 * Draws the overlay as it is now (visible layers, selection, presentation
 * mode) for a view other than the widget's: a handout, a print-out. Its
 * labels are placed for this view, inside it and clear of @covered.
 */
void
cx_overlay_layer_render (CxOverlayLayer        *self,
                         cairo_t               *cr,
                         double                 width,
                         double                 height,
                         double                 latitude,
                         double                 longitude,
                         double                 zoom,
                         double                 scale,
                         const graphene_rect_t *covered,
                         guint                  n_covered)
{
  Frame f;
  gboolean dark = self->dark;

  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (covered != NULL || n_covered == 0);

  /* Paper is light, whatever the screen's scheme: the handout's basemap is
   * the light one, and so are the colours and labels over it. */
  if (dark)
    {
      self->dark = FALSE;
      update_styles (self);
    }
  cx_overlay_frame_init_view (self, &f, width, height, latitude, longitude, zoom, scale, scale);
  cx_overlay_render_frame (self, cr, &f, covered, n_covered);
  if (dark)
    {
      self->dark = TRUE;
      update_styles (self);
    }
}

/**
 * cx_overlay_layer_set_covered:
 * @rects: (array length=n_rects) (nullable): in widget coordinates
 *
 * Tells the overlay which parts of it something covers (floating panels,
 * the presentation card, the map's buttons): no label is placed there.
 * Labels are placed afresh when this changes.
 */
void
cx_overlay_layer_set_covered (CxOverlayLayer        *self,
                              const graphene_rect_t *rects,
                              guint                  n_rects)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (rects != NULL || n_rects == 0);

  if (self->covered->len == n_rects &&
      (n_rects == 0 || memcmp (self->covered->data, rects, n_rects * sizeof (graphene_rect_t)) == 0))
    return;

  g_array_set_size (self->covered, 0);
  g_array_append_vals (self->covered, rects, n_rects);
  self->covered_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_overlay_layer_set_avoided_path:
 * @points: (array length=n_points) (nullable): WGS84 positions (x the
 *   longitude, y the latitude)
 * @closed: whether the path goes back to its first point (an area)
 *
 * A path drawn over the map by another layer, such as the measure tool's
 * line and its points: labels keep off it on screen, as they keep off the
 * map's thick lines and markers. Labels are placed afresh when it changes.
 */
void
cx_overlay_layer_set_avoided_path (CxOverlayLayer *self,
                                   const CxCoord  *points,
                                   guint           n_points,
                                   gboolean        closed)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));
  g_return_if_fail (points != NULL || n_points == 0);

  if (self->avoided_path->len == n_points && self->avoided_closed == closed &&
      (n_points == 0 || memcmp (self->avoided_path->data, points, n_points * sizeof (CxCoord)) == 0))
    return;

  g_array_set_size (self->avoided_path, 0);
  g_array_append_vals (self->avoided_path, points, n_points);
  self->avoided_closed = closed;
  self->covered_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_overlay_layer_get_covered:
 * @n_rects: (out): how many
 *
 * Returns: (array length=n_rects) (transfer none): what was said to cover
 *   the overlay (cx_overlay_layer_set_covered())
 */
const graphene_rect_t *
cx_overlay_layer_get_covered (CxOverlayLayer *self,
                              guint          *n_rects)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  *n_rects = self->covered->len;
  return (const graphene_rect_t *) self->covered->data;
}

static void
overlay_label_clear (gpointer data)
{
  CxOverlayLabel *label = data;

  g_clear_pointer (&label->id, g_free);
  g_clear_pointer (&label->text, g_free);
}

static GArray *
dup_labels (CxOverlayLayer *self,
            GArray         *records)
{
  GArray *labels = g_array_sized_new (FALSE, TRUE, sizeof (CxOverlayLabel), records->len);

  g_array_set_clear_func (labels, overlay_label_clear);
  for (guint k = 0; k < records->len; k++)
    {
      const LabelRecord *record = &g_array_index (records, LabelRecord, k);
      const Item *item;
      CxOverlayLabel label;

      label.rect = GRAPHENE_RECT_INIT (record->box.x, record->box.y, record->box.width, record->box.height);
      label.placed = record->placed;
      label.crossing = record->placed && record->crossing;
      if (record->mark != NULL)
        {
          /* A mark's note, by the mark's id. */
          label.id = g_strdup (cx_annotation_get_id (record->mark));
          label.text = cx_overlay_mark_label_text (record->mark);
          label.selected = FALSE;
          g_array_append_val (labels, label);
          continue;
        }
      item = &g_array_index (self->items, Item, record->item);
      label.id = g_strdup (cx_overlay_item_get_id (item));
      label.text = cx_overlay_label_text (self, item);
      label.rect = GRAPHENE_RECT_INIT (record->box.x, record->box.y, record->box.width, record->box.height);
      label.placed = record->placed;
      label.selected = cx_overlay_item_emphasis (self, item) == EMPHASIS_HIGHLIGHTED;
      label.crossing = record->placed && record->crossing;
      g_array_append_val (labels, label);
    }

  return labels;
}

static void
set_marks (CxOverlayLayer  *self,
           GPtrArray      **field,
           GPtrArray       *marks)
{
  if (marks != NULL)
    g_ptr_array_ref (marks);
  g_clear_pointer (field, g_ptr_array_unref);
  *field = marks;
}

/**
 * cx_overlay_layer_set_marks:
 * @marks: (nullable) (element-type CxAnnotation): the marks on the map
 *
 * The marks drawn over the map (cx-annotation-layer.c): labels keep clear
 * of their pins, numbers and thick lines, and a pin's note is placed as
 * its label, with everything else's.
 */
void
cx_overlay_layer_set_marks (CxOverlayLayer *self,
                            GPtrArray      *marks)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  set_marks (self, &self->marks, marks);
  /* Labels are placed afresh (see placement_state()). */
  self->covered_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cx_overlay_layer_set_page_marks:
 * @marks: (nullable) (element-type CxAnnotation): the page's marks
 * @scale: how large the page draws them
 *
 * The same as cx_overlay_layer_set_marks(), for the pages that
 * cx_overlay_layer_render() draws next; unset with %NULL after.
 */
void
cx_overlay_layer_set_page_marks (CxOverlayLayer *self,
                                 GPtrArray      *marks,
                                 double          scale)
{
  g_return_if_fail (CX_IS_OVERLAY_LAYER (self));

  set_marks (self, &self->page_marks, marks);
  self->page_marks_scale = scale;
}

/**
 * cx_overlay_layer_dup_labels:
 *
 * The labels of the last frame (of the widget, or of
 * cx_overlay_layer_snapshot_view()): those placed and those dropped.
 *
 * Returns: (transfer full): a #GArray of #CxOverlayLabel
 */
GArray *
cx_overlay_layer_dup_labels (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  return dup_labels (self, self->label_record);
}

/**
 * cx_overlay_layer_dup_page_labels:
 * @frame: (out): the size of the page's map frame
 * @covered: (out) (optional) (transfer full): a #GArray of
 *   #graphene_rect_t, what the page drew over its map (north arrow,
 *   scale bar), in the frame's coordinates
 *
 * The labels of the last page drawn (a handout or a printout, see
 * cx_overlay_layer_render()), in the coordinates of its map frame.
 *
 * Returns: (transfer full): a #GArray of #CxOverlayLabel
 */
GArray *
cx_overlay_layer_dup_page_labels (CxOverlayLayer  *self,
                                  graphene_size_t *frame,
                                  GArray         **covered)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  frame->width = self->page_width;
  frame->height = self->page_height;
  if (covered != NULL)
    {
      *covered = g_array_sized_new (FALSE, FALSE, sizeof (graphene_rect_t), self->page_covered->len);
      g_array_append_vals (*covered, self->page_covered->data, self->page_covered->len);
    }
  return dup_labels (self, self->page_record);
}

/**
 * cx_overlay_layer_dup_avoided_line:
 * @id: a feature's id
 *
 * The pieces of the feature's line or outline that the labels of the
 * widget's last frame avoided: as drawn (simplified for the zoom), where
 * the frame drew them, and as wide as their band. None for a feature
 * whose line is thin, or out of the view.
 *
 * Returns: (transfer full): a #GArray of #CxOverlaySegment
 */
GArray *
cx_overlay_layer_dup_avoided_line (CxOverlayLayer *self,
                                   const char     *id)
{
  GArray *segments;
  gconstpointer object = NULL;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), NULL);

  segments = g_array_new (FALSE, FALSE, sizeof (CxOverlaySegment));
  for (guint i = 0; i < self->items->len && object == NULL; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (item->feature != NULL && g_strcmp0 (cx_feature_get_id (item->feature), id) == 0)
        object = item->object;
    }
  if (object == NULL)
    return segments;

  for (guint k = 0; k < cx_label_placer_get_n_segments (self->placer); k++)
    {
      gconstpointer owner;
      CxCoord from, to;
      double width;

      cx_label_placer_get_segment (self->placer, k, &owner, &from, &to, &width);
      if (owner == object)
        {
          CxOverlaySegment segment = { { from.x, from.y }, { to.x, to.y }, width };

          g_array_append_val (segments, segment);
        }
    }

  return segments;
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

  cx_overlay_frame_init_view (self, &f, width, height, latitude, longitude, zoom, 1, self->text_scale);
  cx_overlay_snapshot_frame (self, snapshot, &f, 1, textures, zoom_moving);
}

/**
 * cx_overlay_layer_get_n_pending_tiles:
 *
 * Returns: how many tiles a worker thread is drawing, and imported layers
 *   it is preparing to be drawn (see cx_overlay_layer_add_imported())
 */
guint
cx_overlay_layer_get_n_pending_tiles (CxOverlayLayer *self)
{
  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  return self->n_pending + self->items_jobs->len;
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

  cx_overlay_tiles_drop (self);
  g_hash_table_remove_all (self->label_sprites);
  self->label_metrics_serial++;
}

/* The item's feature object: an imported feature's is made for the
 * caller and kept until the next hit, so that it can be returned borrowed
 * as a pack feature is. */
static GObject *
hit_object (CxOverlayLayer *self,
            const Item     *item)
{
  g_autoptr(GObject) object = cx_overlay_item_dup_object (item);

  if (item->object != NULL)
    return item->object;
  g_set_object (&self->hit, object);
  return self->hit;
}

/**
 * cx_overlay_layer_feature_at:
 * @x: widget x coordinate
 * @y: widget y coordinate
 *
 * Finds the topmost visible feature under a point: a marker within its
 * radius, a line within a few pixels, or a polygon containing the point.
 *
 * Returns: (transfer none) (nullable): the feature; an imported one is
 *   held until the next call
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

  cx_overlay_frame_init (self, &f);
  cx_overlay_frame_from_widget (&f, x, y, &ux, &uy);

  /* The thematic view's circles are drawn over everything. */
  {
    const Item *symbol = cx_overlay_symbol_at (self, &f, ux, uy);

    if (symbol != NULL)
      return symbol->object;
  }

  /* Only the items whose bounds come within a hit's reach of the point:
   * a marker's radius, or half the widest line, and the tolerance. */
  index = cx_overlay_index_ensure (self);
  reach_px = MAX (MARKER_RADIUS * f.scale + MARKER_HIT_TOLERANCE,
                  LINE_HIT_TOLERANCE + index->max_stroke_width * f.scale / 2);
  reach = reach_px / f.world;
  around = (CxBounds) { ux - reach, uy - reach, ux + reach, uy + reach };
  cx_overlay_index_query (index, &around, nearby);

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
        if (!cx_overlay_item_visible (self, item))
          continue;

        if (type == CX_GEOMETRY_POINT)
          {
            /* The nearest of its points (a MultiPoint has several). */
            if (cx_geometry_distance_to_lines (item->projected, px / f.world, py / f.world) * f.world <=
                MARKER_RADIUS * f.scale + MARKER_HIT_TOLERANCE)
              return hit_object (self, item);
          }
        else if (cx_geometry_type_is_linear (type))
          {
            if (cx_geometry_distance_to_lines (item->projected, ux, uy) * f.world <= LINE_HIT_TOLERANCE + item->style->stroke_width * f.scale / 2)
              return hit_object (self, item);
          }
        else if (cx_geometry_contains (item->projected, ux, uy))
          {
            return hit_object (self, item);
          }
      }

  return NULL;
}

/**
 * cx_overlay_layer_get_label_px:
 * @areal: of an area's name
 * @minor: of a small name (a subdistrict's)
 *
 * Returns: the pixel size labels of that kind are drawn at in the
 *   widget's frame now
 */
double
cx_overlay_layer_get_label_px (CxOverlayLayer *self,
                               gboolean        areal,
                               gboolean        minor)
{
  Frame f;

  g_return_val_if_fail (CX_IS_OVERLAY_LAYER (self), 0);

  cx_overlay_frame_init (self, &f);
  return (areal ? LABEL_PX_AREA : minor ? LABEL_PX_MINOR : LABEL_PX_POINT) * f.label_scale;
}
