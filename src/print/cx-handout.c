/* cx-handout.c: the current view as a handout page, drawn offscreen
 *
 * The page is drawn with cairo from the data, not captured from the
 * window: vectors in a PDF, the same drawing in a PNG or on paper.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-handout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cx-format.h"
#include "cx-handout.h"
#include "cx-legend.h"
#include "cx-palette.h"
#include "cx-schematic-source.h"

#define EARTH_CIRCUMFERENCE 40075016.686

void
cx_handout_page_size (CxHandoutSize    size,
                      CxHandoutFormat  format,
                      double          *width,
                      double          *height)
{
  if (size == CX_HANDOUT_A4_LANDSCAPE)
    {
      /* PDF in points; PNG at 150 dpi. */
      *width = format == CX_HANDOUT_PDF ? 841.89 : 1754;
      *height = format == CX_HANDOUT_PDF ? 595.28 : 1240;
    }
  else
    {
      *width = format == CX_HANDOUT_PDF ? 960 : 1920;
      *height = format == CX_HANDOUT_PDF ? 540 : 1080;
    }
}

/* Draws @text at (x, y) no wider than @width; returns its height. */
static double
text (cairo_t    *cr,
      const char *string,
      double      x,
      double      y,
      double      width,
      double      size,
      gboolean    bold,
      double      grey,
      PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (bold ? "Sans Bold" : "Sans");
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  /* Data is text, never markup. */
  pango_layout_set_text (layout, string, -1);

  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, grey, grey, grey);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, &w, &h);

  return h;
}

static void
draw_scale_bar (cairo_t *cr,
                double   x,
                double   y,
                double   u,
                double   metres_per_unit)
{
  static const double steps[] = { 1, 2, 5 };
  double max_len = 110 * u;
  double best = 10;
  g_autofree char *label = NULL;
  double len;

  for (double p = 1; p < 1e7; p *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      if (steps[i] * p / metres_per_unit <= max_len)
        best = steps[i] * p;

  len = best / metres_per_unit;
  if (best >= 1000)
    {
      g_autofree char *km = cx_format_number (best / 1000);
      label = g_strdup_printf (_("%s km"), km);
    }
  else
    {
      g_autofree char *m = cx_format_number (best);
      label = g_strdup_printf (_("%s m"), m);
    }

  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x - 4 * u, y - 14 * u, len + 8 * u, 20 * u);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 1.5 * u);
  cairo_move_to (cr, x, y - 4 * u);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + len, y);
  cairo_line_to (cr, x + len, y - 4 * u);
  cairo_stroke (cr);

  text (cr, label, x, y - 14 * u, len, 8 * u, FALSE, 0.15, PANGO_ALIGN_LEFT);
}

static void
draw_north_arrow (cairo_t *cr,
                  double   cx,
                  double   top,
                  double   u)
{
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_arc (cr, cx, top + 16 * u, 15 * u, 0, 2 * G_PI);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_move_to (cr, cx, top + 4 * u);
  cairo_line_to (cr, cx + 6 * u, top + 22 * u);
  cairo_line_to (cr, cx, top + 18 * u);
  cairo_line_to (cr, cx - 6 * u, top + 22 * u);
  cairo_close_path (cr);
  cairo_fill (cr);

  text (cr, C_("north arrow", "N"), cx - 10 * u, top + 22 * u, 20 * u, 8 * u, TRUE, 0.15, PANGO_ALIGN_CENTER);
}

/* Sources cited by what is shown, in pack order, each once. */
static GPtrArray *
shown_sources (CxDataPack   *pack,
               CxVisibility *visibility)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GListModel *features = cx_data_pack_get_features (pack);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) f = g_list_model_get_item (features, i);
      GListModel *cited;

      if (!cx_visibility_get_visible (visibility, cx_layer_get_id (cx_feature_get_layer (f))))
        continue;

      cited = cx_feature_get_sources (f);
      for (guint k = 0; k < g_list_model_get_n_items (cited); k++)
        {
          g_autoptr(CxSource) s = g_list_model_get_item (cited, k);

          if (g_hash_table_add (seen, s))
            g_ptr_array_add (sources, g_object_ref (s));
        }
    }

  return sources;
}

void
cx_handout_draw (const CxHandoutView *view,
                 cairo_t             *cr,
                 double               width,
                 double               height)
{
  CxOverlayLayer *overlay = view->overlay;
  CxDataPack *pack = cx_overlay_layer_get_pack (overlay);
  CxVisibility *visibility = cx_overlay_layer_get_visibility (overlay);
  gboolean presentation = cx_overlay_layer_get_presentation (overlay);
  GListModel *layers = cx_data_pack_get_layers (pack);
  g_autoptr(GDateTime) now = view->date != NULL ? g_date_time_ref (view->date) : g_date_time_new_now_local ();
  g_autofree char *date_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *date = cx_format_date (date_iso);
  g_autoptr(GPtrArray) sources = shown_sources (pack, visibility);
  /* One unit is a point on A4; everything scales with the page. */
  double u = height / 595.28;
  double m = 24 * u;
  double header = 58 * u;
  double footer = 16 * u;
  double column = width * 0.27;
  double map_x = m, map_y = m + header;
  double map_w = width - 3 * m - column;
  double map_h = height - map_y - m - footer;
  double factor, zoom, world, mx, my, col_x, y;
  g_autofree char *subtitle = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Header: title, the district in both scripts, the date. */
  text (cr, view->title, m, m, width - 2 * m - 160 * u, 20 * u, TRUE, 0.1, PANGO_ALIGN_LEFT);
  subtitle = view->note != NULL && view->note[0] != '\0'
           ? g_strdup_printf ("%s · %s — %s", cx_data_pack_get_name_zh (pack), cx_data_pack_get_name (pack), view->note)
           : g_strdup_printf ("%s · %s", cx_data_pack_get_name_zh (pack), cx_data_pack_get_name (pack));
  text (cr, subtitle, m, m + 28 * u, width - 2 * m - 160 * u, 10 * u, FALSE, 0.35, PANGO_ALIGN_LEFT);
  text (cr, date, width - m - 160 * u, m + 6 * u, 160 * u, 10 * u, FALSE, 0.35, PANGO_ALIGN_RIGHT);

  /* The map: the on-screen extent, fitted into the map box. */
  factor = MIN (map_w / MAX (view->view_width, 1), map_h / MAX (view->view_height, 1));
  zoom = view->zoom + log2 (factor);
  world = 256 * exp2 (zoom);
  cx_mercator_project (view->longitude, view->latitude, &mx, &my);

  cairo_save (cr);
  cairo_rectangle (cr, map_x, map_y, map_w, map_h);
  cairo_clip (cr);
  cairo_translate (cr, map_x, map_y);
  cx_schematic_render_area (pack, cr, zoom, mx * world - map_w / 2, my * world - map_h / 2, map_w, map_h);
  {
    /* The north arrow and the scale bar (at its longest) keep labels off. */
    const graphene_rect_t covered[] = {
      GRAPHENE_RECT_INIT (map_w - 37 * u, 9 * u, 30 * u, 30 * u),
      GRAPHENE_RECT_INIT (8 * u, map_h - 26 * u, 118 * u, 20 * u),
    };

    cx_overlay_layer_render (overlay, cr, map_w, map_h, view->latitude, view->longitude, zoom, factor,
                             covered, G_N_ELEMENTS (covered));
  }
  draw_north_arrow (cr, map_w - 22 * u, 8 * u, u);
  draw_scale_bar (cr, 12 * u, map_h - 12 * u, u,
                  EARTH_CIRCUMFERENCE * cos (view->latitude * G_PI / 180) / world);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.75 * u);
  cairo_rectangle (cr, map_x, map_y, map_w, map_h);
  cairo_stroke (cr);

  /* Legend of the visible layers. */
  col_x = map_x + map_w + m;
  y = map_y;
  y += text (cr, _("Legend"), col_x, y, column, 12 * u, TRUE, 0.1, PANGO_ALIGN_LEFT) + 6 * u;
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      g_autofree char *name = NULL;
      CxStyle style;
      double h;

      if (!cx_visibility_get_visible_index (visibility, i))
        continue;

      if (presentation)
        cx_palette_presentation_style (cx_layer_get_style (layer), i, &style);
      else
        style = *cx_layer_get_style (layer);

      cx_legend_draw_swatch (cr, &style, cx_legend_layer_kind (layer), col_x, y + 1 * u, 22 * u, 15 * u);
      name = g_strdup_printf ("%s  %s", cx_layer_get_name (layer), cx_layer_get_name_zh (layer));
      h = text (cr, name, col_x + 30 * u, y, column - 30 * u, 9 * u, FALSE, 0.15, PANGO_ALIGN_LEFT);
      y += MAX (h, 17 * u) + 4 * u;
    }

  /* The data's sources, as many as fit. */
  y += 10 * u;
  y += text (cr, _("Sources"), col_x, y, column, 12 * u, TRUE, 0.1, PANGO_ALIGN_LEFT) + 4 * u;
  for (guint i = 0; i < sources->len; i++)
    {
      CxSource *source = g_ptr_array_index (sources, i);
      g_autofree char *citation = cx_format_source (source);
      g_autofree char *line = g_strdup_printf ("%s — %s", citation, cx_source_get_title (source));
      double room = map_y + map_h - y;

      if (room < 40 * u && i + 1 < sources->len)
        {
          guint rest = sources->len - i;
          g_autofree char *more = g_strdup_printf (ngettext ("…and %u more: see Sources in Changning Explorer",
                                                             "…and %u more: see Sources in Changning Explorer", rest),
                                                   rest);
          text (cr, more, col_x, y, column, 7 * u, FALSE, 0.35, PANGO_ALIGN_LEFT);
          break;
        }
      y += text (cr, line, col_x, y, column, 7 * u, FALSE, 0.25, PANGO_ALIGN_LEFT) + 3 * u;
    }

  /* Footer: basemap attribution and where the page came from. */
  {
    /* TRANSLATORS: the handout's footer: the map's attribution, the app's version and the date */
    g_autofree char *footer_text = g_strdup_printf (_("Basemap and data: %1$s · Changning Explorer %2$s · %3$s"),
                                                    cx_data_pack_get_attribution (pack), PACKAGE_VERSION, date);
    text (cr, footer_text, m, height - m - footer + 4 * u, width - 2 * m, 7 * u, FALSE, 0.35, PANGO_ALIGN_LEFT);
  }

  cairo_restore (cr);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *out = closure;

  return g_output_stream_write_all (out, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * cx_handout_write:
 *
 * Draws the handout and writes it to @out as PDF or PNG.
 */
gboolean
cx_handout_write (const CxHandoutView  *view,
                  CxHandoutFormat       format,
                  CxHandoutSize         size,
                  GOutputStream        *out,
                  GError              **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double w, h;

  cx_handout_page_size (size, format, &w, &h);

  if (format == CX_HANDOUT_PDF)
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, out, w, h);
      /* Handouts go to whatever prints or shows them: community centres'
       * printers, old readers. cairo 1.18 writes PDF 1.7 with compressed
       * object streams by default; 1.4 is read everywhere, at the cost of a
       * slightly larger file. */
      cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_4);
    }
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);

  cr = cairo_create (surface);
  cx_handout_draw (view, cr, w, h);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == CX_HANDOUT_PDF)
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
      else
        status = cairo_surface_write_to_png_stream (surface, write_to_stream, out);
    }

  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The handout could not be written: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (out, NULL, error);
}
