/* cx-imported-feature-page.c: the details of a feature of an imported
 * GeoJSON layer: its title and description from the simplestyle
 * properties, every other property as a table
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-details-page.h"
#include "cx-details-text.h"
#include "cx-format.h"
#include "cx-imported-feature-page.h"
#include "cx-imported-row.h"

/* A feature from a file can have any number of properties; past this many
 * rows the table says how many more there are (the stored file keeps them
 * all), so that selecting it stays fast. */
#define CX_DETAILS_MAX_PROPERTY_ROWS 200

struct _CxImportedFeaturePage
{
  CxDetailsPage parent_instance;

  /* Template widgets */
  GtkWidget        *properties_box;
  GtkGrid          *properties_grid;
};

G_DEFINE_FINAL_TYPE (CxImportedFeaturePage, cx_imported_feature_page, CX_TYPE_DETAILS_PAGE)

/* Template closures: the page's text, from its item. */

static char *
title_text (CxImportedFeaturePage *self,
            CxImportedFeature     *feature)
{
  const char *name = feature != NULL ? cx_imported_feature_get_display_name (feature) : NULL;
  g_autofree char *shortened = cx_details_shortened (name, CX_DETAILS_MAX_HEADING_CHARS);

  return g_strdup (shortened != NULL ? shortened : name);
}

static char *
kind_text (CxImportedFeaturePage *self,
           CxImportedFeature     *feature)
{
  if (feature == NULL)
    return NULL;
  return g_strdup_printf (_("%1$s in “%2$s”"), cx_imported_feature_get_geojson_type (feature),
                          cx_imported_layer_get_name (cx_imported_feature_get_layer (feature)));
}

/* The whole name, selectable, when the heading had to cut it. */
static char *
full_name_text (CxImportedFeaturePage *self,
                CxImportedFeature     *feature)
{
  const char *name = feature != NULL ? cx_imported_feature_get_display_name (feature) : NULL;
  g_autofree char *shortened = cx_details_shortened (name, CX_DETAILS_MAX_HEADING_CHARS);

  return shortened != NULL ? cx_details_breakable (name) : NULL;
}

static char *
description_text (CxImportedFeaturePage *self,
                  CxImportedFeature     *feature)
{
  return feature != NULL ? cx_details_breakable (cx_imported_feature_get_description (feature)) : NULL;
}

/* A line's length, an area's area and perimeter, measured on the ellipsoid
 * (the import keeps WGS84, converting a GCJ-02 file's positions). */
static char *
measured_text (CxImportedFeaturePage *self,
               CxImportedFeature     *feature)
{
  return feature != NULL ? cx_format_measured_shape (cx_imported_feature_get_geometry (feature)) : NULL;
}

static char *
more_properties_text (CxImportedFeaturePage *self,
                      CxImportedFeature     *feature)
{
  guint n = feature != NULL ? cx_imported_feature_get_n_properties (feature) : 0;

  if (n <= CX_DETAILS_MAX_PROPERTY_ROWS)
    return NULL;
  return g_strdup_printf (ngettext ("%u more property is not shown here",
                                    "%u more properties are not shown here",
                                    n - CX_DETAILS_MAX_PROPERTY_ROWS),
                          n - CX_DETAILS_MAX_PROPERTY_ROWS);
}

static char *
source_text (CxImportedFeaturePage *self,
             CxImportedFeature     *feature)
{
  g_autofree char *text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *crs = NULL;
  g_autofree char *parts = NULL;
  CxImportedLayer *layer;

  if (feature == NULL)
    return NULL;
  layer = cx_imported_feature_get_layer (feature);
  format = cx_imported_layer_describe_format (layer);
  crs = cx_imported_layer_describe_crs (layer);
  parts = cx_imported_layer_describe_parts (layer);
  if (parts != NULL)
    /* TRANSLATORS: "Imported from roads.gpkg (GeoPackage, longitude and latitude; 2 layers: a (3), b (4))." */
    text = g_strdup_printf (_("Imported from %s (%s, %s; %s). Nothing in it was checked against the district’s sources."),
                            cx_imported_layer_get_file_name (layer), format, crs, parts);
  else
    /* TRANSLATORS: "Imported from roads.shp (Shapefile, read as EPSG:4549, chosen by you)." */
    text = g_strdup_printf (_("Imported from %s (%s, %s). Nothing in it was checked against the district’s sources."),
                            cx_imported_layer_get_file_name (layer), format, crs);
  return cx_details_breakable (text);
}

static GtkWidget *
property_label (const char *text,
                gboolean    is_key)
{
  g_autofree char *breakable = cx_details_breakable (text);
  GtkWidget *label = gtk_label_new (breakable);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (is_key)
    {
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
    }

  return label;
}

/* The table of the feature's properties: as many rows as the file has,
 * so built here. */
static void
fill_properties (CxImportedFeaturePage *self,
                 CxImportedFeature     *feature)
{
  guint n = feature != NULL ? cx_imported_feature_get_n_properties (feature) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->properties_grid))) != NULL)
    gtk_grid_remove (self->properties_grid, child);

  for (guint i = 0; i < MIN (n, CX_DETAILS_MAX_PROPERTY_ROWS); i++)
    {
      gtk_grid_attach (self->properties_grid, property_label (cx_imported_feature_get_property_key (feature, i), TRUE), 0, (int) i, 1, 1);
      gtk_grid_attach (self->properties_grid, property_label (cx_imported_feature_get_property_text (feature, i), FALSE), 1, (int) i, 1, 1);
    }
  gtk_widget_set_visible (self->properties_box, n > 0);
}

static void
cx_imported_feature_page_show_lists (CxDetailsPage *page)
{
  CxImportedFeaturePage *self = CX_IMPORTED_FEATURE_PAGE (page);

  fill_properties (self, cx_details_page_get_item (page));
}

static void
cx_imported_feature_page_class_init (CxImportedFeaturePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CxDetailsPageClass *page_class = CX_DETAILS_PAGE_CLASS (klass);

  page_class->item_type = CX_TYPE_IMPORTED_FEATURE;
  page_class->show_lists = cx_imported_feature_page_show_lists;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-imported-feature-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CxImportedFeaturePage, properties_box);
  gtk_widget_class_bind_template_child (widget_class, CxImportedFeaturePage, properties_grid);
  gtk_widget_class_bind_template_callback (widget_class, title_text);
  gtk_widget_class_bind_template_callback (widget_class, kind_text);
  gtk_widget_class_bind_template_callback (widget_class, full_name_text);
  gtk_widget_class_bind_template_callback (widget_class, description_text);
  gtk_widget_class_bind_template_callback (widget_class, measured_text);
  gtk_widget_class_bind_template_callback (widget_class, more_properties_text);
  gtk_widget_class_bind_template_callback (widget_class, source_text);
  gtk_widget_class_bind_template_callback (widget_class, cx_details_has_text);
}

static void
cx_imported_feature_page_init (CxImportedFeaturePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
