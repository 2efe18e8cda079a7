/* cx-map-view.c: the map, its schematic basemap and the overlay
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-map-view.h"
#include "cx-schematic-source.h"

struct _CxMapView
{
  GtkWidget parent_instance;

  /* Owned */
  CxDataPack        *pack;
  ShumateSimpleMap  *simple_map;   /* child */
  CxSchematicSource *basemap;
  CxOverlayLayer    *overlay;

  gboolean           fit_pending;
  gboolean           clamping;
};

G_DEFINE_FINAL_TYPE (CxMapView, cx_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keeps the centre inside the pack's max_bounds: libshumate 1.0 has no pan
 * limit, and a map of Changning panned to the Pacific helps nobody. */
static void
on_viewport_moved (CxMapView *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  CxBounds max = cx_data_pack_get_max_bounds (self->pack);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double clat = CLAMP (lat, max.min_y, max.max_y);
  double clon = CLAMP (lon, max.min_x, max.max_x);

  if (self->clamping || (clat == lat && clon == lon))
    return;

  self->clamping = TRUE;
  shumate_location_set_location (SHUMATE_LOCATION (viewport), clat, clon);
  self->clamping = FALSE;
}

static void
fit_bounds (CxMapView *self,
            double     width,
            double     height)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  CxBounds b = cx_data_pack_get_bounds (self->pack);
  double x0, y0, x1, y1, zoom;
  double tile = 256;
  double pad = 48;

  cx_mercator_project (b.min_x, b.max_y, &x0, &y0);
  cx_mercator_project (b.max_x, b.min_y, &x1, &y1);

  zoom = log2 (MIN ((MAX (width - 2 * pad, 64)) / ((x1 - x0) * tile),
                    (MAX (height - 2 * pad, 64)) / ((y1 - y0) * tile)));
  zoom = CLAMP (zoom, cx_data_pack_get_min_zoom (self->pack), cx_data_pack_get_max_zoom (self->pack));

  {
    double lon, lat;

    cx_mercator_unproject ((x0 + x1) / 2, (y0 + y1) / 2, &lon, &lat);
    shumate_viewport_set_zoom_level (viewport, zoom);
    shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  }
}

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

  gtk_widget_allocate (GTK_WIDGET (self->simple_map), width, height, baseline, NULL);
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
  CxMapView *self = CX_MAP_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->simple_map), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cx_map_view_constructed (GObject *object)
{
  CxMapView *self = (CxMapView *) object;
  ShumateViewport *viewport;
  ShumateLicense *license;

  G_OBJECT_CLASS (cx_map_view_parent_class)->constructed (object);

  g_assert (self->pack != NULL);

  self->simple_map = shumate_simple_map_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->simple_map), GTK_WIDGET (self));

  self->basemap = cx_schematic_source_new (self->pack);
  shumate_simple_map_set_map_source (self->simple_map, SHUMATE_MAP_SOURCE (self->basemap));

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  shumate_viewport_set_max_zoom_level (viewport, cx_data_pack_get_max_zoom (self->pack));
  shumate_viewport_set_min_zoom_level (viewport, cx_data_pack_get_min_zoom (self->pack));

  self->overlay = g_object_ref_sink (cx_overlay_layer_new (viewport, self->pack));
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->overlay));

  /* The basemap is drawn from the pack, so the pack's credits are its
   * licence line; ShumateLicense shows it bottom right. */
  license = shumate_simple_map_get_license (self->simple_map);
  shumate_license_set_xalign (license, 1.0);

  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_moved), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map of Changning District"),
                                  -1);
}

static void
cx_map_view_dispose (GObject *object)
{
  CxMapView *self = (CxMapView *) object;

  if (self->simple_map != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->simple_map));
      self->simple_map = NULL;
    }
  g_clear_object (&self->overlay);
  g_clear_object (&self->basemap);
  g_clear_object (&self->pack);

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

  properties[PROP_PACK] =
    g_param_spec_object ("pack", NULL, NULL,
                         CX_TYPE_DATA_PACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cx-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_map_view_init (CxMapView *self)
{
  self->fit_pending = TRUE;
}

CxMapView *
cx_map_view_new (CxDataPack *pack)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  return g_object_new (CX_TYPE_MAP_VIEW, "pack", pack, NULL);
}

CxDataPack *cx_map_view_get_pack (CxMapView *self) { g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL); return self->pack; }
ShumateSimpleMap *cx_map_view_get_simple_map (CxMapView *self) { g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL); return self->simple_map; }
ShumateViewport *cx_map_view_get_viewport (CxMapView *self) { g_return_val_if_fail (CX_IS_MAP_VIEW (self), NULL); return shumate_simple_map_get_viewport (self->simple_map); }
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

void
cx_map_view_zoom_by (CxMapView *self,
                     double     levels)
{
  ShumateViewport *viewport;

  g_return_if_fail (CX_IS_MAP_VIEW (self));

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  shumate_viewport_set_zoom_level (viewport, round (shumate_viewport_get_zoom_level (viewport) + levels));
}
