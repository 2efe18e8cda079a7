/* cx-legend.c: legend swatches, drawn like the map draws the layer
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-legend"

#include "config.h"

#include <adwaita.h>

#include <math.h>

#include "cx-legend.h"
#include "cx-palette.h"

/**
 * cx_legend_layer_kind:
 *
 * Returns: what a layer mostly is: areas if it has any, else lines, else points
 */
CxGeometryType
cx_legend_layer_kind (CxLayer *layer)
{
  GListModel *features = cx_layer_get_features (layer);
  gboolean lines = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (features, i);
      CxGeometryType t = cx_geometry_get_geometry_type (cx_feature_get_geometry (f));

      if (cx_geometry_type_is_areal (t))
        return CX_GEOMETRY_POLYGON;
      lines |= cx_geometry_type_is_linear (t);
    }

  return lines ? CX_GEOMETRY_LINE_STRING : CX_GEOMETRY_POINT;
}

static void
set_color (cairo_t       *cr,
           const CxColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

void
cx_legend_draw_swatch (cairo_t        *cr,
                       const CxStyle  *style,
                       CxGeometryType  kind,
                       double          x,
                       double          y,
                       double          width,
                       double          height)
{
  double line = CLAMP (style->stroke_width, 1.5, 6);

  cairo_save (cr);
  /* No line from wherever the caller's last text or shape ended. */
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (kind == CX_GEOMETRY_POLYGON)
    {
      cairo_rectangle (cr, x + line / 2, y + line / 2, width - line, height - line);
      if (style->has_fill)
        {
          set_color (cr, &style->fill);
          cairo_fill_preserve (cr);
        }
      set_color (cr, &style->stroke);
      cairo_set_line_width (cr, line);
      if (style->n_dashes > 0)
        cairo_set_dash (cr, style->dashes, (int) style->n_dashes, 0);
      cairo_stroke (cr);
    }
  else if (kind == CX_GEOMETRY_LINE_STRING)
    {
      cairo_move_to (cr, x + line, y + height * 0.7);
      cairo_curve_to (cr, x + width * 0.4, y + height * 0.1, x + width * 0.6, y + height * 0.9, x + width - line, y + height * 0.3);
      set_color (cr, &style->stroke);
      cairo_set_line_width (cr, MIN (line, height / 2));
      cairo_stroke (cr);
    }
  else
    {
      double r = MIN (width, height) / 2 - 2;

      if (style->has_fill)
        {
          /* Areas known by a point are drawn with their accuracy disc. */
          cairo_arc (cr, x + width / 2, y + height / 2, r + 1.5, 0, 2 * G_PI);
          set_color (cr, &style->fill);
          cairo_fill (cr);
          r *= 0.55;
        }
      cairo_arc (cr, x + width / 2, y + height / 2, r, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_arc (cr, x + width / 2, y + height / 2, MAX (r - 1.5, 1), 0, 2 * G_PI);
      set_color (cr, &style->marker);
      cairo_fill (cr);
      cairo_new_path (cr);
    }

  cairo_restore (cr);
}

typedef struct
{
  CxStyle        styles[2];   /* by dark: as the map draws the layer in each colour scheme */
  CxGeometryType kind;
} SwatchData;

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SwatchData *data = user_data;

  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  cx_legend_draw_swatch (cr, &data->styles[dark], data->kind, 0, 0, width, height);
}

/**
 * cx_legend_swatch_new_for_style:
 * @style: as the map draws the layer in the light scheme
 *
 * Returns: (transfer floating): a small picture of @kind drawn in @style
 */
GtkWidget *
cx_legend_swatch_new_for_style (const CxStyle  *style,
                                CxGeometryType  kind)
{
  GtkWidget *area = gtk_drawing_area_new ();
  SwatchData *data = g_new0 (SwatchData, 1);

  data->kind = kind;
  for (guint dark = 0; dark < 2; dark++)
    cx_palette_scheme_style (style, dark, &data->styles[dark]);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 20);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, data, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), area, G_CONNECT_SWAPPED);
  /* Decorative: the row beside it names the layer. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return area;
}

/**
 * cx_legend_swatch_new:
 *
 * Returns: (transfer floating): a small picture of how @layer is drawn
 */
GtkWidget *
cx_legend_swatch_new (CxLayer  *layer,
                      gboolean  presentation)
{
  CxStyle style;

  if (presentation)
    cx_palette_presentation_style (cx_layer_get_style (layer), cx_layer_get_index (layer), &style);
  else
    style = *cx_layer_get_style (layer);

  return cx_legend_swatch_new_for_style (&style, cx_legend_layer_kind (layer));
}

/**
 * cx_legend_imported_swatch_new:
 *
 * Returns: (transfer floating): a small picture of how @layer is drawn
 *   (its first feature's style: most files have one)
 */
GtkWidget *
cx_legend_imported_swatch_new (CxImportedLayer *layer)
{
  CxStyle style;

  cx_imported_layer_get_legend_style (layer, &style);
  return cx_legend_swatch_new_for_style (&style, cx_imported_layer_get_kind (layer));
}
