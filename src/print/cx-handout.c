/* cx-handout.c: the current view as a handout page, drawn offscreen
 *
 * The page is drawn with cairo from the data, not captured from the
 * window: vectors in a PDF, the same drawing in a PNG or on paper.
 *
 * A handout is read by people who do not have the app, so it says
 * everything on paper: the map's legend includes the basemap, and every
 * source of what is shown is listed. Sources that do not fit beside the
 * map continue on more pages (PDF, print); a PNG is one image, so there
 * they are listed short (publisher and date) to fit.
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

#include "cx-annotation-layer.h"
#include "cx-chinese.h"
#include "cx-format.h"
#include "cx-handout.h"
#include "cx-handout-private.h"
#include "cx-legend.h"
#include "cx-palette.h"
#include "cx-schematic-source.h"
#include "cx-thematic-legend.h"

#define EARTH_CIRCUMFERENCE 40075016.686

/* Sizes on the page, in units of one point on A4 (595.28 pt high). */
#define SOURCE_SIZE      7.0   /* a source's line */
#define SOURCE_GAP       3.0   /* between two sources */
#define COLUMNS_LATER    3     /* columns of sources on the pages after the first */

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

/* Where everything is on a page. */
typedef struct
{
  double u;          /* one point on A4; everything scales with the page */
  double m;          /* the margin */
  double width, height;
  double map_x, map_y, map_w, map_h;
  double col_x, col_w;
  double footer_y;
} Layout;

static void
layout_init (Layout *l,
             double  width,
             double  height)
{
  double header, footer;

  l->u = height / 595.28;
  l->m = 24 * l->u;
  l->width = width;
  l->height = height;
  header = 58 * l->u;
  footer = 16 * l->u;
  l->col_w = width * 0.27;
  l->map_x = l->m;
  l->map_y = l->m + header;
  l->map_w = width - 3 * l->m - l->col_w;
  l->map_h = height - l->map_y - l->m - footer;
  l->col_x = l->map_x + l->map_w + l->m;
  l->footer_y = height - l->m - footer + 4 * l->u;
}

/**
 * cx_handout_get_layout:
 *
 * Where the map and its north arrow are on the first page of a handout
 * @width × @height, in the page's units.
 */
void
cx_handout_get_layout (double           width,
                       double           height,
                       CxHandoutLayout *layout)
{
  Layout l;

  layout_init (&l, width, height);
  layout->map_x = l.map_x;
  layout->map_y = l.map_y;
  layout->map_width = l.map_w;
  layout->map_height = l.map_h;
  layout->arrow_x = l.map_x + l.map_w - 22 * l.u;
  layout->arrow_y = l.map_y + 8 * l.u + 16 * l.u;
  layout->arrow_radius = 15 * l.u;
}

/* A paragraph @width wide. The pack's Chinese is Simplified Chinese
 * whatever the interface language (cx-chinese.c). */
static PangoLayout *
paragraph (cairo_t        *cr,
           const char     *string,
           double          width,
           double          size,
           gboolean        bold,
           PangoAlignment  align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (bold ? "Sans Bold" : "Sans");
  g_autoptr(PangoAttrList) attrs = cx_chinese_attributes ();

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_attributes (layout, attrs);
  /* Data is text, never markup. */
  pango_layout_set_text (layout, string, -1);

  return layout;
}

/* How high @string is set no wider than @width. */
static double
text_height (cairo_t    *cr,
             const char *string,
             double      width,
             double      size,
             gboolean    bold)
{
  g_autoptr(PangoLayout) layout = paragraph (cr, string, width, size, bold, PANGO_ALIGN_LEFT);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

/* Draws @string at (x, y) no wider than @width; returns its height. */
static double
text (cairo_t        *cr,
      const char     *string,
      double          x,
      double          y,
      double          width,
      double          size,
      gboolean        bold,
      double          grey,
      PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = paragraph (cr, string, width, size, bold, align);
  int w, h;

  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, grey, grey, grey);
  pango_cairo_show_layout (cr, layout);
  /* Text leaves a current point; a shape drawn next would begin with a
   * line from it (a hairline across the page). */
  cairo_new_path (cr);
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

  cairo_new_path (cr);
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
                  double   cy,
                  double   radius,
                  double   u)
{
  double top = cy - 16 * u;

  /* An arc begins with a line from the current point, if there is one:
   * from the last label drawn on the map, a hairline across it. */
  cairo_new_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
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
               CxVisibility *visibility,
               CxStatistic  *thematic)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GListModel *features = cx_data_pack_get_features (pack);

  /* The thematic view's figures first: a computed ratio's are both its
   * statistics'. */
  if (thematic != NULL)
    {
      CxStatistic *operands[2] = { NULL, NULL };

      if (!cx_statistic_get_ratio (thematic, &operands[0], &operands[1]))
        operands[0] = thematic;
      for (guint k = 0; k < G_N_ELEMENTS (operands); k++)
        {
          if (operands[k] == NULL)
            continue;
          if (g_hash_table_add (seen, cx_statistic_get_source (operands[k])))
            g_ptr_array_add (sources, g_object_ref (cx_statistic_get_source (operands[k])));
          for (guint i = 0; i < cx_statistic_get_n_entries (operands[k]); i++)
            {
              CxSource *s = cx_statistic_get_entry (operands[k], i)->source;

              if (g_hash_table_add (seen, s))
                g_ptr_array_add (sources, g_object_ref (s));
            }
        }
    }

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

/* A source in full: publisher, date — title. */
static char *
source_line (CxSource *source)
{
  g_autofree char *citation = cx_format_source (source);

  return g_strdup_printf ("%s — %s", citation, cx_source_get_title (source));
}

/* What the handout shows and where its sources go. */
typedef struct
{
  CxDataPack *pack;
  GPtrArray  *sources;      /* CxSource */
  GPtrArray  *lines;        /* char *, each source's line */
  GArray     *page_first;   /* guint: the first source of each page */
  double      legend_end;   /* where the legend ends on the first page */
  gboolean    paged;        /* PDF and print: pages follow; PNG: one image */
  guint       n_compact;    /* PNG: the sources listed (the rest are counted) */
  GDateTime  *date;
  char       *marks;        /* the marks' numbered notes, one a line; NULL for none */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->sources, g_ptr_array_unref);
  g_clear_pointer (&plan->lines, g_ptr_array_unref);
  g_clear_pointer (&plan->page_first, g_array_unref);
  g_clear_pointer (&plan->date, g_date_time_unref);
  g_clear_pointer (&plan->marks, g_free);
}

/* The marks as the page lists them: "1. Note", in the map's numbers; a
 * mark without a note is named by its kind, so the numbers run on. */
static char *
marks_list (GPtrArray *annotations)
{
  GString *out;

  if (annotations == NULL || annotations->len == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < annotations->len; i++)
    {
      CxAnnotation *annotation = g_ptr_array_index (annotations, i);
      const char *note = cx_annotation_get_note (annotation);
      const char *kinds[] = {
        /* TRANSLATORS: a mark without a note, in the handout's list of marks */
        [CX_ANNOTATION_PIN] = N_("Pin"), [CX_ANNOTATION_LINE] = N_("Line"),
        [CX_ANNOTATION_POLYGON] = N_("Area"), [CX_ANNOTATION_STROKE] = N_("Pen stroke"),
      };

      if (i > 0)
        g_string_append_c (out, '\n');
      /* TRANSLATORS: a numbered mark in the handout's list: "3. Proposed park" */
      g_string_append_printf (out, _("%u. %s"), i + 1,
                              note[0] != '\0' ? note : _(kinds[cx_annotation_get_kind (annotation)]));
    }
  return g_string_free (out, FALSE);
}

#define MARKS_SIZE 8.0

/* How far the marks' list takes the side column down from @y. */
static double
marks_height (cairo_t      *cr,
              const Layout *l,
              const char   *marks)
{
  if (marks == NULL)
    return 0;
  return 10 * l->u + text_height (cr, _("Marks"), l->col_w, 12 * l->u, TRUE) + 4 * l->u
         + text_height (cr, marks, l->col_w, MARKS_SIZE * l->u, FALSE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

/* What the map box shows: its @zoom and its middle (@mx, @my, Web
 * Mercator, 0 to 1), and @factor, how much larger than on screen lines
 * and labels are drawn. The view's extent, when it has one, is fitted into
 * the box with a margin, whatever the size of the window it came from, at
 * a screen pixel to 1/96 inch (0.75 pt on A4). Else (a view made by hand)
 * the on-screen view, scaled to the box. */
static void
map_frame (const CxHandoutView *view,
           const Layout        *l,
           double              *factor,
           double              *zoom,
           double              *mx,
           double              *my)
{
  if (view->has_extent && !cx_bounds_is_empty (&view->extent))
    {
      double x0, y0, x1, y1, dx, dy, pad = 0.04 * MIN (l->map_w, l->map_h);

      cx_mercator_project (view->extent.min_x, view->extent.max_y, &x0, &y0);
      cx_mercator_project (view->extent.max_x, view->extent.min_y, &x1, &y1);
      dx = MAX (x1 - x0, 1e-12);
      dy = MAX (y1 - y0, 1e-12);
      *zoom = log2 (MIN ((l->map_w - 2 * pad) / dx, (l->map_h - 2 * pad) / dy) / 256);
      *mx = (x0 + x1) / 2;
      *my = (y0 + y1) / 2;
      *factor = 0.75 * l->u;
      return;
    }

  *factor = MIN (l->map_w / MAX (view->view_width, 1), l->map_h / MAX (view->view_height, 1));
  *zoom = view->zoom + log2 (*factor);
  cx_mercator_project (view->longitude, view->latitude, mx, my);
}

/* Test hook (cx-handout-private.h): the box (degrees, WGS84) the first
 * page's map shows on a page @width × @height. */
void
_cx_handout_get_map_extent (const CxHandoutView *view,
                            double               width,
                            double               height,
                            CxBounds            *extent)
{
  Layout l;
  double factor, zoom, mx, my, world;

  layout_init (&l, width, height);
  map_frame (view, &l, &factor, &zoom, &mx, &my);
  world = 256 * exp2 (zoom);
  cx_mercator_unproject (mx - l.map_w / 2 / world, my + l.map_h / 2 / world, &extent->min_x, &extent->min_y);
  cx_mercator_unproject (mx + l.map_w / 2 / world, my - l.map_h / 2 / world, &extent->max_x, &extent->max_y);
}

/* The basemap's kinds of things drawn in the map box: roads, water,
 * parks, the airport… as the legend lists them. */
static guint
basemap_legend (const CxHandoutView *view,
                const Layout        *l,
                CxBasemapClass      *classes)
{
  CxDataPack *pack = cx_overlay_layer_get_pack (view->overlay);
  double factor, zoom, world, mx, my;

  map_frame (view, l, &factor, &zoom, &mx, &my);
  world = 256 * exp2 (zoom);
  return cx_schematic_legend_classes (pack, zoom, mx * world - l->map_w / 2, my * world - l->map_h / 2,
                                      l->map_w, l->map_h, classes);
}

/* The legend beside the map: the layers shown, then the basemap. Draws it
 * when @draw; returns where it ends. */
static double
legend (const CxHandoutView *view,
        cairo_t             *cr,
        const Layout        *l,
        gboolean             draw)
{
  CxOverlayLayer *overlay = view->overlay;
  CxDataPack *pack = cx_overlay_layer_get_pack (overlay);
  CxVisibility *visibility = cx_overlay_layer_get_visibility (overlay);
  gboolean presentation = cx_overlay_layer_get_presentation (overlay);
  GListModel *layers = cx_data_pack_get_layers (pack);
  GListModel *imported = cx_overlay_layer_get_model (overlay);
  CxBasemapClass classes[CX_BASEMAP_N_CLASSES];
  guint n_classes = basemap_legend (view, l, classes);
  double u = l->u, x = l->col_x, y = l->map_y;
  double swatch_w = 22 * u, swatch_h = 15 * u, text_x = x + 30 * u, text_w = l->col_w - 30 * u;

  if (draw)
    y += text (cr, _("Legend"), x, y, l->col_w, 12 * u, TRUE, 0.1, PANGO_ALIGN_LEFT) + 6 * u;
  else
    y += text_height (cr, _("Legend"), l->col_w, 12 * u, TRUE) + 6 * u;

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      g_autofree char *name = NULL;
      CxStyle style;
      double h;

      if (!cx_visibility_get_visible_index (visibility, i))
        continue;

      name = cx_format_two_names (cx_layer_get_name (layer), cx_layer_get_name_zh (layer), cx_layer_get_name_en (layer));
      if (draw)
        {
          if (presentation)
            cx_palette_presentation_style (cx_layer_get_style (layer), i, &style);
          else
            style = *cx_layer_get_style (layer);
          cx_legend_draw_swatch (cr, &style, cx_legend_layer_kind (layer), x, y + 1 * u, swatch_w, swatch_h);
          h = text (cr, name, text_x, y, text_w, 9 * u, FALSE, 0.15, PANGO_ALIGN_LEFT);
        }
      else
        h = text_height (cr, name, text_w, 9 * u, FALSE);
      y += MAX (h, 17 * u) + 4 * u;
    }

  /* The imported layers shown, in their own colours, as the map draws
   * them (presentation mode leaves them as they are too). */
  for (guint i = 0; imported != NULL && i < g_list_model_get_n_items (imported); i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (imported, i);
      const char *name = cx_imported_layer_get_name (layer);
      double h;

      if (!cx_imported_layer_get_visible (layer))
        continue;

      if (draw)
        {
          CxStyle style;

          cx_imported_layer_get_legend_style (layer, &style);
          cx_legend_draw_swatch (cr, &style, cx_imported_layer_get_kind (layer), x, y + 1 * u, swatch_w, swatch_h);
          h = text (cr, name, text_x, y, text_w, 9 * u, FALSE, 0.15, PANGO_ALIGN_LEFT);
        }
      else
        h = text_height (cr, name, text_w, 9 * u, FALSE);
      y += MAX (h, 17 * u) + 4 * u;
    }

  /* The thematic view: its title, nested circles as the page's map draws
   * them, and where its figures are from (a computed ratio says so). */
  if (cx_overlay_layer_get_thematic (overlay) != NULL)
    {
      CxStatistic *thematic = cx_overlay_layer_get_thematic (overlay);
      g_autofree char *note = cx_thematic_describe_source (pack, thematic);
      g_autoptr(PangoLayout) values = paragraph (cr, "", text_w, 8 * u, FALSE, PANGO_ALIGN_LEFT);
      double factor, zoom, mx, my, radius, w, h;

      map_frame (view, l, &factor, &zoom, &mx, &my);
      radius = cx_overlay_layer_get_symbol_radius_at (overlay, zoom, factor);
      y += 4 * u;
      if (draw)
        y += text (cr, cx_statistic_get_title (thematic), x, y, l->col_w, 9 * u, TRUE, 0.1, PANGO_ALIGN_LEFT) + 4 * u;
      else
        y += text_height (cr, cx_statistic_get_title (thematic), l->col_w, 9 * u, TRUE) + 4 * u;

      pango_layout_set_width (values, -1);
      cx_overlay_draw_symbol_legend (NULL, values, thematic, radius, FALSE, &w, &h);
      if (draw)
        {
          cairo_save (cr);
          cairo_translate (cr, x, y);
          cx_overlay_draw_symbol_legend (cr, values, thematic, radius, FALSE, NULL, NULL);
          cairo_restore (cr);
          cairo_new_path (cr);
        }
      y += h + 4 * u;

      if (draw)
        y += text (cr, note, x, y, l->col_w, 7 * u, FALSE, 0.3, PANGO_ALIGN_LEFT) + 6 * u;
      else
        y += text_height (cr, note, l->col_w, 7 * u, FALSE) + 6 * u;
    }

  /* The basemap under them, smaller: what the roads, water and blocks are. */
  if (n_classes > 0)
    y += 4 * u;
  for (guint i = 0; i < n_classes; i++)
    {
      const char *name = cx_schematic_class_name (classes[i]);
      double h;

      if (draw)
        {
          cx_schematic_draw_swatch (cr, classes[i], x, y + 1 * u, swatch_w, 11 * u);
          h = text (cr, name, text_x, y, text_w, 8 * u, FALSE, 0.3, PANGO_ALIGN_LEFT);
        }
      else
        h = text_height (cr, name, text_w, 8 * u, FALSE);
      y += MAX (h, 13 * u) + 3 * u;
    }

  return y;
}

/* The short form of the sources for a single image: "publisher, date",
 * run together, the first @n of them. */
static char *
compact_sources (GPtrArray *sources,
                 guint      n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *citation = cx_format_source (g_ptr_array_index (sources, i));

      if (i > 0)
        g_string_append (out, " · ");
      g_string_append (out, citation);
    }

  if (n < sources->len)
    {
      guint rest = sources->len - n;

      g_string_append (out, " · ");
      /* TRANSLATORS: ends a handout's short list of sources when the image has no room for more */
      g_string_append_printf (out, ngettext ("and %u more", "and %u more", rest), rest);
    }

  return g_string_free (out, FALSE);
}

/* The first page's room for sources: under the legend and the heading, to
 * the bottom of the map. */
static double
first_page_sources_top (cairo_t      *cr,
                        const Layout *l,
                        const Plan   *plan)
{
  return plan->legend_end + 10 * l->u + text_height (cr, _("Sources"), l->col_w, 12 * l->u, TRUE) + 4 * l->u;
}

/* The pages after the first: where their sources start, and their columns. */
static double
later_page_top (const Layout *l)
{
  return l->m + 48 * l->u;
}

static double
later_column_width (const Layout *l)
{
  return (l->width - 2 * l->m - (COLUMNS_LATER - 1) * l->m) / COLUMNS_LATER;
}

static void
plan_init (Plan                *plan,
           const CxHandoutView *view,
           CxHandoutFormat      format,
           cairo_t             *cr,
           const Layout        *l)
{
  CxVisibility *visibility = cx_overlay_layer_get_visibility (view->overlay);
  double u = l->u, bottom = l->map_y + l->map_h;
  double y, note_h;
  guint i;

  plan->pack = cx_overlay_layer_get_pack (view->overlay);
  plan->sources = shown_sources (plan->pack, visibility, cx_overlay_layer_get_thematic (view->overlay));
  plan->lines = g_ptr_array_new_with_free_func (g_free);
  plan->page_first = g_array_new (FALSE, FALSE, sizeof (guint));
  plan->paged = format == CX_HANDOUT_PDF;
  plan->date = view->date != NULL ? g_date_time_ref (view->date) : g_date_time_new_now_local ();
  for (i = 0; i < plan->sources->len; i++)
    g_ptr_array_add (plan->lines, source_line (g_ptr_array_index (plan->sources, i)));

  plan->legend_end = legend (view, cr, l, FALSE);
  /* The marks' notes come after the legend, before the sources. */
  plan->marks = marks_list (view->annotations);
  plan->legend_end += marks_height (cr, l, plan->marks);
  y = first_page_sources_top (cr, l, plan);

  if (!plan->paged)
    {
      /* One image: as many of the short forms as fit, most often all. */
      guint lo = 0, hi = plan->sources->len;

      while (lo < hi)
        {
          guint mid = (lo + hi + 1) / 2;
          g_autofree char *compact = compact_sources (plan->sources, mid);

          if (y + text_height (cr, compact, l->col_w, SOURCE_SIZE * u, FALSE) <= bottom)
            lo = mid;
          else
            hi = mid - 1;
        }
      plan->n_compact = lo;
      g_array_append_val (plan->page_first, (guint) { 0 });
      return;
    }

  /* First page: the sources that fit beside the map, keeping room for the
   * line that says where the others are. */
  note_h = text_height (cr, _("Sources continue on the next page"), l->col_w, SOURCE_SIZE * u, FALSE);
  g_array_append_val (plan->page_first, (guint) { 0 });
  for (i = 0; i < plan->lines->len; i++)
    {
      double h = text_height (cr, g_ptr_array_index (plan->lines, i), l->col_w, SOURCE_SIZE * u, FALSE) + SOURCE_GAP * u;
      gboolean last = i + 1 == plan->lines->len;

      if (y + h > bottom - (last ? 0 : note_h))
        break;
      y += h;
    }

  /* Later pages: columns across the page, down to the footer; each
   * column takes one source at least (a source taller than a column
   * still goes somewhere). draw_later_page() breaks the same way. */
  while (i < plan->lines->len)
    {
      double column_w = later_column_width (l);

      g_array_append_val (plan->page_first, i);
      for (guint c = 0; c < COLUMNS_LATER && i < plan->lines->len; c++)
        {
          y = later_page_top (l);
          while (i < plan->lines->len)
            {
              double h = text_height (cr, g_ptr_array_index (plan->lines, i), column_w, SOURCE_SIZE * u, FALSE) + SOURCE_GAP * u;

              if (y + h > l->footer_y - 6 * u && y > later_page_top (l))
                break;
              y += h;
              i++;
            }
        }
    }
}

static guint
plan_n_pages (const Plan *plan)
{
  return plan->page_first->len;
}

/* The sources of @page: [first, end). */
static void
plan_page_sources (const Plan *plan,
                   guint       page,
                   guint      *first,
                   guint      *end)
{
  *first = g_array_index (plan->page_first, guint, page);
  *end = page + 1 < plan->page_first->len ? g_array_index (plan->page_first, guint, page + 1) : plan->lines->len;
}

static void
draw_footer (cairo_t      *cr,
             const Layout *l,
             const Plan   *plan,
             guint         page)
{
  g_autofree char *date_iso = g_date_time_format (plan->date, "%Y-%m-%d");
  g_autofree char *date = cx_format_date (date_iso);
  /* TRANSLATORS: the handout's footer: the map's attribution, the app's version and the date */
  g_autofree char *footer = g_strdup_printf (_("Basemap and data: %1$s · Changning Explorer %2$s · %3$s"),
                                             cx_data_pack_get_attribution (plan->pack), PACKAGE_VERSION, date);
  double page_w = 0;

  if (plan_n_pages (plan) > 1)
    {
      /* TRANSLATORS: in a handout's footer, e.g. "Page 1 of 2" */
      g_autofree char *number = g_strdup_printf (_("Page %1$u of %2$u"), page + 1, plan_n_pages (plan));

      page_w = 90 * l->u;
      text (cr, number, l->width - l->m - page_w, l->footer_y, page_w, 7 * l->u, FALSE, 0.35, PANGO_ALIGN_RIGHT);
    }
  text (cr, footer, l->m, l->footer_y, l->width - 2 * l->m - page_w, 7 * l->u, FALSE, 0.35, PANGO_ALIGN_LEFT);
}

static void
draw_first_page (const CxHandoutView *view,
                 cairo_t             *cr,
                 const Layout        *l,
                 const Plan          *plan)
{
  CxOverlayLayer *overlay = view->overlay;
  CxDataPack *pack = plan->pack;
  g_autofree char *date_iso = g_date_time_format (plan->date, "%Y-%m-%d");
  g_autofree char *date = cx_format_date (date_iso);
  g_autofree char *subtitle = NULL;
  double u = l->u, m = l->m;
  double factor, zoom, world, mx, my, lat, lon, y, bottom = l->map_y + l->map_h;
  CxHandoutLayout where;
  guint first, end;

  /* Header: what the view is (the card's words), then the district or
   * the scene it began as, and the scene's note; the date. */
  text (cr, view->title, m, m, l->width - 2 * m - 160 * u, 20 * u, TRUE, 0.1, PANGO_ALIGN_LEFT);
  if (view->subtitle != NULL && view->note != NULL && view->note[0] != '\0')
    subtitle = g_strdup_printf ("%s — %s", view->subtitle, view->note);
  else if (view->subtitle != NULL)
    subtitle = g_strdup (view->subtitle);
  else if (view->note != NULL && view->note[0] != '\0')
    subtitle = g_strdup (view->note);
  if (subtitle != NULL)
    text (cr, subtitle, m, m + 28 * u, l->width - 2 * m - 160 * u, 10 * u, FALSE, 0.35, PANGO_ALIGN_LEFT);
  text (cr, date, l->width - m - 160 * u, m + 6 * u, 160 * u, 10 * u, FALSE, 0.35, PANGO_ALIGN_RIGHT);

  /* The map: what the view is about, fitted into the map box. */
  map_frame (view, l, &factor, &zoom, &mx, &my);
  world = 256 * exp2 (zoom);
  cx_mercator_unproject (mx, my, &lon, &lat);
  cx_handout_get_layout (l->width, l->height, &where);

  cairo_save (cr);
  cairo_rectangle (cr, l->map_x, l->map_y, l->map_w, l->map_h);
  cairo_clip (cr);
  cairo_new_path (cr);
  cairo_translate (cr, l->map_x, l->map_y);
  cx_schematic_render_area (pack, cr, zoom, mx * world - l->map_w / 2, my * world - l->map_h / 2, l->map_w, l->map_h);
  {
    /* The north arrow and the scale bar (at its longest) keep labels off,
     * and so do the marks' pins and numbers, drawn over them next; the
     * overlay places the pins' notes and keeps names off the marks' lines
     * (cx_overlay_layer_set_page_marks()). */
    g_autoptr(GArray) covered = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
    const graphene_rect_t fixed[] = {
      GRAPHENE_RECT_INIT (where.arrow_x - l->map_x - where.arrow_radius, where.arrow_y - l->map_y - where.arrow_radius,
                          2 * where.arrow_radius, 2 * where.arrow_radius),
      GRAPHENE_RECT_INIT (8 * u, l->map_h - 26 * u, 118 * u, 20 * u),
    };

    g_array_append_vals (covered, fixed, G_N_ELEMENTS (fixed));
    for (guint i = 0; view->annotations != NULL && i < view->annotations->len; i++)
      {
        graphene_rect_t box;

        if (cx_annotation_badge_box (g_ptr_array_index (view->annotations, i), mx, my, world,
                                     l->map_w, l->map_h, factor, &box))
          g_array_append_val (covered, box);
      }
    cx_overlay_layer_set_page_marks (overlay, view->annotations, factor);
    cx_overlay_layer_render (overlay, cr, l->map_w, l->map_h, lat, lon, zoom, factor,
                             (const graphene_rect_t *) covered->data, covered->len);
    cx_overlay_layer_set_page_marks (overlay, NULL, 0);
  }
  /* The marks over everything, numbered as the list beside the map. */
  for (guint i = 0; view->annotations != NULL && i < view->annotations->len; i++)
    {
      CxAnnotation *annotation = g_ptr_array_index (view->annotations, i);
      guint n;
      const CxCoord *points = cx_annotation_get_points (annotation, &n);
      g_autofree graphene_point_t *xy = g_new (graphene_point_t, n);

      for (guint k = 0; k < n; k++)
        {
          double ux, uy;

          cx_mercator_project (points[k].x, points[k].y, &ux, &uy);
          xy[k] = GRAPHENE_POINT_INIT ((ux - mx) * world + l->map_w / 2, (uy - my) * world + l->map_h / 2);
        }
      cx_annotation_draw (cr, annotation, xy, i + 1, factor, FALSE);
    }
  draw_north_arrow (cr, where.arrow_x - l->map_x, where.arrow_y - l->map_y, where.arrow_radius, u);
  draw_scale_bar (cr, 12 * u, l->map_h - 12 * u, u,
                  EARTH_CIRCUMFERENCE * cos (lat * G_PI / 180) / world);
  cairo_restore (cr);

  cairo_new_path (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.75 * u);
  cairo_rectangle (cr, l->map_x, l->map_y, l->map_w, l->map_h);
  cairo_stroke (cr);

  y = legend (view, cr, l, TRUE);
  if (plan->marks != NULL)
    {
      y += 10 * u;
      y += text (cr, _("Marks"), l->col_x, y, l->col_w, 12 * u, TRUE, 0.1, PANGO_ALIGN_LEFT) + 4 * u;
      text (cr, plan->marks, l->col_x, y, l->col_w, MARKS_SIZE * u, FALSE, 0.2, PANGO_ALIGN_LEFT);
    }

  /* The data's sources. */
  y = plan->legend_end + 10 * u;
  y += text (cr, _("Sources"), l->col_x, y, l->col_w, 12 * u, TRUE, 0.1, PANGO_ALIGN_LEFT) + 4 * u;
  if (!plan->paged)
    {
      g_autofree char *compact = compact_sources (plan->sources, plan->n_compact);

      text (cr, compact, l->col_x, y, l->col_w, SOURCE_SIZE * u, FALSE, 0.25, PANGO_ALIGN_LEFT);
      return;
    }

  plan_page_sources (plan, 0, &first, &end);
  for (guint i = first; i < end; i++)
    y += text (cr, g_ptr_array_index (plan->lines, i), l->col_x, y, l->col_w, SOURCE_SIZE * u, FALSE, 0.25,
               PANGO_ALIGN_LEFT) + SOURCE_GAP * u;
  if (end < plan->lines->len)
    text (cr, _("Sources continue on the next page"), l->col_x, MIN (y, bottom), l->col_w, SOURCE_SIZE * u, FALSE,
          0.35, PANGO_ALIGN_LEFT);
}

/* A page after the first: the handout's title, and its sources continued
 * in columns. */
static void
draw_later_page (const CxHandoutView *view,
                 cairo_t             *cr,
                 const Layout        *l,
                 const Plan          *plan,
                 guint                page)
{
  double u = l->u, m = l->m;
  double column_w = later_column_width (l);
  double x = m, y = later_page_top (l);
  guint first, end;

  text (cr, view->title, m, m, l->width - 2 * m, 14 * u, TRUE, 0.1, PANGO_ALIGN_LEFT);
  text (cr, _("Sources, continued"), m, m + 22 * u, l->width - 2 * m, 12 * u, TRUE, 0.1, PANGO_ALIGN_LEFT);

  plan_page_sources (plan, page, &first, &end);
  for (guint i = first; i < end; i++)
    {
      const char *line = g_ptr_array_index (plan->lines, i);
      double h = text_height (cr, line, column_w, SOURCE_SIZE * u, FALSE) + SOURCE_GAP * u;

      /* The same breaks as plan_init() made. */
      if (y + h > l->footer_y - 6 * u && y > later_page_top (l))
        {
          x += column_w + m;
          y = later_page_top (l);
        }
      y += text (cr, line, x, y, column_w, SOURCE_SIZE * u, FALSE, 0.25, PANGO_ALIGN_LEFT) + SOURCE_GAP * u;
    }
}

/**
 * cx_handout_get_n_pages:
 * @format: %CX_HANDOUT_PNG for one image; pages otherwise
 * @cr: what the pages are drawn with (the text is measured with it)
 *
 * Returns: how many pages the handout has: one, and more when the sources
 *   of what is shown do not all fit beside the map
 */
guint
cx_handout_get_n_pages (const CxHandoutView *view,
                        CxHandoutFormat      format,
                        cairo_t             *cr,
                        double               width,
                        double               height)
{
  g_auto(Plan) plan = { NULL, };
  Layout l;

  layout_init (&l, width, height);
  plan_init (&plan, view, format, cr, &l);
  return plan_n_pages (&plan);
}

/**
 * cx_handout_draw_page:
 * @page: from 0, below cx_handout_get_n_pages()
 */
void
cx_handout_draw_page (const CxHandoutView *view,
                      CxHandoutFormat      format,
                      cairo_t             *cr,
                      double               width,
                      double               height,
                      guint                page)
{
  g_auto(Plan) plan = { NULL, };
  Layout l;

  layout_init (&l, width, height);

  cairo_save (cr);
  plan_init (&plan, view, format, cr, &l);
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (page == 0)
    draw_first_page (view, cr, &l, &plan);
  else if (page < plan_n_pages (&plan))
    draw_later_page (view, cr, &l, &plan, page);
  draw_footer (cr, &l, &plan, page);

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
 * Draws the handout and writes it to @out: a PDF of as many pages as its
 * sources need, or one PNG image.
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
  guint n_pages;

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
  n_pages = cx_handout_get_n_pages (view, format, cr, w, h);
  for (guint page = 0; page < n_pages; page++)
    {
      cx_handout_draw_page (view, format, cr, w, h, page);
      if (format == CX_HANDOUT_PDF)
        cairo_show_page (cr);
    }
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
