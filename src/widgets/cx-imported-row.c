/* cx-imported-row.c: one of the planner's own (imported) layers in the
 * layer panel: a switch and a menu to zoom to, rename or remove it, and
 * what it was read from (format, coordinate system, the file's layers),
 * which the feature page says too
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-imported-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-imported-row.h"
#include "cx-legend.h"
#include "cx-row-menu.h"

struct _CxImportedRow
{
  AdwActionRow     parent_instance;

  /* Template widgets */
  GtkWidget       *layer_switch;
  GtkWidget       *menu_button;
  GMenuModel      *menu;

  /* Owned */
  CxImportedLayer *layer;
};

G_DEFINE_FINAL_TYPE (CxImportedRow, cx_imported_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_LAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * cx_imported_layer_describe_format:
 *
 * Returns: the layer's format in people's words: "Shapefile", "GeoPackage"
 */
char *
cx_imported_layer_describe_format (CxImportedLayer *layer)
{
  static const struct { const char *driver; const char *name; } names[] = {
    { "ESRI Shapefile", N_("Shapefile") },
    { "GPKG", N_("GeoPackage") },
    { "GPX", N_("GPX") },
    { "CSV", N_("CSV") },
    { "FlatGeobuf", N_("FlatGeobuf") },
    { "GeoJSON", N_("GeoJSON") },
    { "GeoJSONSeq", N_("GeoJSON") },
  };
  const char *driver = cx_imported_layer_get_format (layer);
  const char *file_name = cx_imported_layer_get_file_name (layer);

  if (driver == NULL)
    return g_strdup (_("GeoJSON"));
  /* KML's two drivers read KMZ too: the file's name tells which. */
  if (g_str_equal (driver, "KML") || g_str_equal (driver, "LIBKML"))
    return g_strdup (file_name != NULL && g_str_has_suffix (file_name, ".kmz") ? _("KMZ") : _("KML"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (driver, names[i].driver))
      return g_strdup (_(names[i].name));
  /* Offered but not promised: GDAL's own name for it. */
  return g_strdup (driver);
}

/**
 * cx_imported_layer_describe_crs:
 *
 * Returns: which coordinate system the layer was read in, and who chose
 *   it: "read as EPSG:4549, chosen by you"
 */
char *
cx_imported_layer_describe_crs (CxImportedLayer *layer)
{
  const char *override = cx_imported_layer_get_crs_override (layer);
  const char *crs = cx_imported_layer_get_crs (layer);

  if (override != NULL)
    /* TRANSLATORS: %s is a coordinate system, "EPSG:4549" */
    return g_strdup_printf (_("read as %s, chosen by you"), override);
  if (crs != NULL)
    /* TRANSLATORS: %s is the file's coordinate system, "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)" */
    return g_strdup_printf (_("in %s, as the file says"), crs);
  if (cx_imported_layer_get_gcj02 (layer))
    return g_strdup (_("GCJ-02 longitude and latitude, converted"));
  return g_strdup (_("longitude and latitude"));
}

/**
 * cx_imported_layer_describe_parts:
 *
 * Returns: (nullable): the file's own layers with their counts, when it
 *   has several: "layers tracks (2), waypoints (5)"
 */
char *
cx_imported_layer_describe_parts (CxImportedLayer *layer)
{
  guint n = cx_imported_layer_get_n_sublayers (layer);
  g_autoptr(GString) parts = NULL;

  if (n < 2)
    return NULL;

  parts = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      guint count = cx_imported_layer_get_sublayer_n_features (layer, i);

      if (i > 0)
        g_string_append (parts, C_("list separator", ", "));
      /* TRANSLATORS: one of a file's layers and its number of features, "tracks (2)" */
      g_string_append_printf (parts, _("%s (%u)"), cx_imported_layer_get_sublayer_name (layer, i), count);
    }
  /* TRANSLATORS: %u is how many layers a file holds, %s their names and counts */
  return g_strdup_printf (ngettext ("%u layer: %s", "%u layers: %s", n), n, parts->str);
}

static void
set_layer (CxImportedRow   *self,
           CxImportedLayer *layer)
{
  guint n = g_list_model_get_n_items (cx_imported_layer_get_features (layer));
  g_autofree char *format = cx_imported_layer_describe_format (layer);
  g_autofree char *crs = cx_imported_layer_describe_crs (layer);
  g_autofree char *parts = cx_imported_layer_describe_parts (layer);
  /* TRANSLATORS: "12 features · Shapefile, read as EPSG:4549, chosen by you" */
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u feature · %s, %s", "%u features · %s, %s", n), n,
                                               format, crs);
  /* The file's name is in the tooltip, not the one-line subtitle: a
   * Chinese name cut off by the ellipsis made the line shorter than the
   * whole name did, and GTK measured the row taller at its narrowest than
   * at its widest. */
  g_autofree char *tooltip = g_strjoin ("\n", subtitle, cx_imported_layer_get_file_name (layer), parts, NULL);
  g_autofree char *switch_label = g_strdup_printf (_("Show %s"), cx_imported_layer_get_name (layer));
  g_autoptr(GMenuModel) menu = cx_row_menu_with_target (self->menu, g_variant_new_string (cx_imported_layer_get_id (layer)));

  self->layer = g_object_ref (layer);

  /* As the pack's layers: how the map draws it, in its colour. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), cx_legend_imported_swatch_new (layer));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  /* The subtitle is one line; all of it, and the file's layers, here. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  g_object_bind_property (layer, "visible", self->layer_switch, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->layer_switch), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
}

static void
cx_imported_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CxImportedRow *self = CX_IMPORTED_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      if (g_value_get_object (value) != NULL)
        set_layer (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_imported_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CxImportedRow *self = CX_IMPORTED_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_imported_row_dispose (GObject *object)
{
  CxImportedRow *self = CX_IMPORTED_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_IMPORTED_ROW);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (cx_imported_row_parent_class)->dispose (object);
}

static void
cx_imported_row_class_init (CxImportedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_imported_row_set_property;
  object_class->get_property = cx_imported_row_get_property;
  object_class->dispose = cx_imported_row_dispose;

  properties[PROP_LAYER] = g_param_spec_object ("layer", NULL, NULL, CX_TYPE_IMPORTED_LAYER,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_IMPORTED_LAYER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-imported-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CxImportedRow, layer_switch);
  gtk_widget_class_bind_template_child (widget_class, CxImportedRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CxImportedRow, menu);
}

static void
cx_imported_row_init (CxImportedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_imported_row_new (CxImportedLayer *layer)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (layer), NULL);

  return g_object_new (CX_TYPE_IMPORTED_ROW, "layer", layer, NULL);
}
