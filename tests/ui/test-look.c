/* test-look.c: legible at the back of the room and in both colour schemes
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sizes are read from what GTK and Pango lay out (the fonts of the card's,
 * the scale bar's and the attribution's labels) and from the overlay's
 * test hook; contrasts from pixels rendered the way the window draws them,
 * as WCAG 2 ratios.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "cx-overlay-private.h"
#include "cx-palette.h"
#include "ui-helpers.h"

static CxWindow *
window (void)
{
  return ui_window ();
}

static CxMapView *
map_view (void)
{
  return cx_window_get_map_view (window ());
}

static void
settle (void)
{
  ui_settle (GTK_WIDGET (window ()));
}

/* ------------------------------------------------------------------ */
/* Sizes                                                               */
/* ------------------------------------------------------------------ */

/* The largest font, in pixels, that @label's layout uses. */
static double
label_font_px (GtkWidget *label)
{
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double px = 0;

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      if (run != NULL)
        {
          g_autoptr(PangoFontDescription) desc = pango_font_describe_with_absolute_size (run->item->analysis.font);

          px = MAX (px, pango_font_description_get_size (desc) / (double) PANGO_SCALE);
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  return px;
}

/* The smallest font of the visible labels under @widget with text. */
static double
smallest_font_px (GtkWidget *widget)
{
  double px = G_MAXDOUBLE;

  if (!gtk_widget_get_visible (widget))
    return px;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    px = label_font_px (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    px = MIN (px, smallest_font_px (child));

  return px;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  int width, height;
} Size;

static gboolean
window_has_size (gpointer data)
{
  Size *size = data;

  /* Under Xvfb there is no window manager to make the window full screen,
   * and the surface asked for includes the window's shadow, some 10 px. */
  return abs (gtk_widget_get_width (GTK_WIDGET (window ())) - size->width) <= 20 &&
         abs (gtk_widget_get_height (GTK_WIDGET (window ())) - size->height) <= 20;
}

static void
resize (int width,
        int height)
{
  Size size = { width, height };

  gtk_window_set_default_size (GTK_WINDOW (window ()), width, height);
  if (!ui_wait_for (window_has_size, &size, 10000))
    g_error ("asked for %d × %d, the window is %d × %d", width, height,
             gtk_widget_get_width (GTK_WIDGET (window ())), gtk_widget_get_height (GTK_WIDGET (window ())));
  settle ();
}

/* The sizes follow the map's height: CxMapView:presentation-scale, once the
 * view has its size and the text has been resized. */
static gboolean
scaled_for_screen (gpointer data)
{
  double k = gtk_widget_get_height (GTK_WIDGET (map_view ())) / 1080.0;

  return fabs (cx_map_view_get_presentation_scale (map_view ()) - k) < 0.002;
}

typedef struct
{
  double title, subtitle, legend, scale, attribution;
  double label_area, label_point, label_minor;
} Sizes;

static void
measure (Sizes *s)
{
  GtkWidget *card = cx_window_get_presentation_card (window ());
  GtkWidget *title = gtk_widget_get_first_child (card);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *legend = gtk_widget_get_next_sibling (subtitle);
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view ());

  s->title = label_font_px (title);
  s->subtitle = gtk_widget_get_visible (subtitle) ? label_font_px (subtitle) : 0;
  s->legend = smallest_font_px (legend);
  s->scale = smallest_font_px (find_type (GTK_WIDGET (map_view ()), SHUMATE_TYPE_SCALE));
  s->attribution = smallest_font_px (find_type (GTK_WIDGET (map_view ()), SHUMATE_TYPE_LICENSE));
  s->label_area = cx_overlay_layer_get_label_px (overlay, TRUE, FALSE);
  s->label_point = cx_overlay_layer_get_label_px (overlay, FALSE, FALSE);
  s->label_minor = cx_overlay_layer_get_label_px (overlay, FALSE, TRUE);
  g_test_message ("presenting, map %d×%d: card title %.1f px, subtitle %.1f px, legend %.1f px, "
                  "scale bar %.1f px, attribution %.1f px; map labels: areas %.1f px, points %.1f px, small %.1f px",
                  gtk_widget_get_width (GTK_WIDGET (map_view ())), gtk_widget_get_height (GTK_WIDGET (map_view ())),
                  s->title, s->subtitle, s->legend, s->scale, s->attribution,
                  s->label_area, s->label_point, s->label_minor);
}

static void
present_scene (int    width,
               int    height,
               Sizes *sizes)
{
  resize (width, height);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", 0);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.presentation", NULL);
  settle ();
  g_assert_true (ui_wait_for (scaled_for_screen, NULL, 10000));
  settle ();
  measure (sizes);
}

static void
leave_presentation (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.leave-presentation", NULL);
  settle ();
}

/* The sizes at 1920×1080, and the same proportions at 1400×900:
 * sizes follow the screen, not a fixed factor. */
static void
test_presentation_sizes (void)
{
  Sizes full, small;
  double ratio;

  present_scene (1920, 1080, &full);
  g_assert_cmpfloat (full.title, >=, 28);
  g_assert_cmpfloat (full.legend, >=, 20);
  g_assert_cmpfloat (full.label_minor, >=, 20);
  g_assert_cmpfloat (full.label_point, >=, 20);
  g_assert_cmpfloat (full.label_area, >=, 20);
  g_assert_cmpfloat (full.scale, >=, 16);
  g_assert_cmpfloat (full.attribution, >=, 16);
  leave_presentation ();

  present_scene (1400, 900, &small);
  ratio = gtk_widget_get_height (GTK_WIDGET (map_view ())) / 1080.0;
  g_assert_cmpfloat (fabs (small.title - full.title * ratio), <, 1);
  g_assert_cmpfloat (fabs (small.legend - full.legend * ratio), <, 1);
  g_assert_cmpfloat (fabs (small.scale - full.scale * ratio), <, 1);
  g_assert_cmpfloat (fabs (small.attribution - full.attribution * ratio), <, 1);
  g_assert_cmpfloat (fabs (small.label_minor - full.label_minor * ratio), <, 1);
  /* And still readable from a few metres. */
  g_assert_cmpfloat (small.legend, >=, 16);
  g_assert_cmpfloat (small.scale, >=, 13);
  leave_presentation ();

  /* Back at the desk, the style's own sizes. */
  {
    Sizes desk;

    measure (&desk);
    g_assert_cmpfloat (desk.scale, <, small.scale);
    g_assert_cmpfloat (desk.label_minor, <, small.label_minor);
  }
}

static GtkWidget *
zoom_in_button (void)
{
  GtkWidget *zoom_in = find_type (GTK_WIDGET (map_view ()), GTK_TYPE_BUTTON);

  /* Named by its tooltip, its accessible name. */
  g_assert_nonnull (zoom_in);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (zoom_in), ==, "Zoom In");
  return zoom_in;
}

static gboolean
zoom_buttons_shown (gpointer data)
{
  return gtk_widget_get_opacity (gtk_widget_get_parent (zoom_in_button ())) == 1;
}

static gboolean
zoom_buttons_hidden (gpointer data)
{
  return gtk_widget_get_opacity (gtk_widget_get_parent (zoom_in_button ())) == 0;
}

typedef struct
{
  double zoom;
} ZoomWait;

static gboolean
zoomed_in (gpointer data)
{
  ZoomWait *wait = data;

  return shumate_viewport_get_zoom_level (cx_map_view_get_viewport (map_view ())) > wait->zoom + 0.1;
}

/* While presenting, the zoom buttons wait out of sight until the pointer
 * moves, and go again once it rests; the keyboard zooms all along, and the
 * buttons stay in the accessibility tree, named. */
static void
test_zoom_buttons_rest (void)
{
  GtkWidget *zoom_in, *box;
  ZoomWait wait;
  int w, h;

  resize (1400, 900);
  zoom_in = zoom_in_button ();
  box = gtk_widget_get_parent (zoom_in);
  w = gtk_widget_get_width (GTK_WIDGET (map_view ()));
  h = gtk_widget_get_height (GTK_WIDGET (map_view ()));
  ui_move_pointer (GTK_WIDGET (map_view ()), w / 2, h / 2);
  g_assert_cmpfloat (gtk_widget_get_opacity (box), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.presentation", NULL);
  settle ();
  g_assert_cmpfloat (gtk_widget_get_opacity (box), ==, 0);
  g_assert_false (gtk_widget_get_can_target (box));
  g_assert_true (gtk_widget_get_visible (zoom_in));
  g_assert_true (gtk_widget_get_child_visible (box));

  /* The keyboard zooms while they are hidden. */
  wait.zoom = shumate_viewport_get_zoom_level (cx_map_view_get_viewport (map_view ()));
  ui_key ("plus");
  g_assert_true (ui_wait_for (zoomed_in, &wait, 10000));
  settle ();
  g_assert_cmpfloat (gtk_widget_get_opacity (box), ==, 0);

  /* The pointer moves: they show… */
  ui_move_pointer (GTK_WIDGET (map_view ()), w / 2 + 40, h / 2 + 30);
  g_assert_true (ui_wait_for (zoom_buttons_shown, NULL, 10000));
  g_assert_true (gtk_widget_get_can_target (box));
  /* …and go when it rests. */
  g_assert_true (ui_wait_for (zoom_buttons_hidden, NULL, 20000));

  leave_presentation ();
  g_assert_cmpfloat (gtk_widget_get_opacity (box), ==, 1);
}

/* ------------------------------------------------------------------ */
/* Contrast                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint8 *pixels;     /* B, G, R, A, premultiplied, opaque here */
  int     width, height;
  gsize   stride;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static void
render (GtkWidget *widget,
        Pixels    *p)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (widget);

  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->stride = (gsize) p->width * 4;
  p->pixels = g_malloc (p->stride * (gsize) p->height);
  gdk_texture_download (texture, p->pixels, p->stride);
}

static CxColor
pixel (const Pixels *p,
       int           x,
       int           y)
{
  const guint8 *px;

  g_assert_true (x >= 0 && y >= 0 && x < p->width && y < p->height);
  px = p->pixels + (gsize) y * p->stride + (gsize) x * 4;
  return (CxColor) { px[2] / 255.0, px[1] / 255.0, px[0] / 255.0, 1 };
}

static const char *
scheme_name (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "dark" : "light";
}

/* Where the overlay placed the district's name in its last frame. */
static graphene_rect_t
district_label_rect (CxOverlayLayer *overlay)
{
  g_autoptr(GArray) labels = cx_overlay_layer_dup_labels (overlay);

  for (guint k = 0; k < labels->len; k++)
    {
      const CxOverlayLabel *label = &g_array_index (labels, CxOverlayLabel, k);

      if (g_str_equal (label->id, "changning-district") && label->placed)
        return label->rect;
    }
  g_error ("the district's name was not placed");
}

/* The district's name, against the halo it is written on: of the pixels
 * that change when the label does (the map drawn with only the district
 * layer, its name in one language and in two), the two as far apart in
 * luminance as they go: the ink and the halo. */
static double
district_label_contrast (void)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view ());
  CxVisibility *visibility = cx_window_get_visibility (window ());
  GListModel *layers = cx_data_pack_get_layers (cx_visibility_get_pack (visibility));
  g_auto(Pixels) with = { 0, }, without = { 0, };
  graphene_rect_t area;
  double lightest = -1, darkest = 2;
  CxColor ink = { 0, }, halo = { 0, };
  guint changed = 0;
  gboolean bilingual;
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      gboolean shown = cx_visibility_get_visible (visibility, cx_layer_get_id (layer));

      g_array_append_val (before, shown);
      cx_visibility_set_visible (visibility, cx_layer_get_id (layer), g_str_equal (cx_layer_get_id (layer), "district"));
    }
  bilingual = cx_overlay_layer_get_bilingual (overlay);
  cx_overlay_layer_set_bilingual (overlay, FALSE);
  settle ();
  render (GTK_WIDGET (map_view ()), &with);
  area = district_label_rect (overlay);
  cx_overlay_layer_set_bilingual (overlay, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (overlay));
  settle ();
  render (GTK_WIDGET (map_view ()), &without);
  {
    graphene_rect_t other = district_label_rect (overlay);

    graphene_rect_union (&area, &other, &area);
  }
  cx_overlay_layer_set_bilingual (overlay, bilingual);
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);

      cx_visibility_set_visible (visibility, cx_layer_get_id (layer), g_array_index (before, gboolean, i));
    }

  /* Where the label was placed, in one language and in two (the overlay's
   * record of its last frame; the map view's coordinates are the overlay's). */
  for (int j = MAX (0, (int) area.origin.y); j < MIN (with.height, (int) ceil (area.origin.y + area.size.height)); j++)
    for (int i = MAX (0, (int) area.origin.x); i < MIN (with.width, (int) ceil (area.origin.x + area.size.width)); i++)
      {
        CxColor a = pixel (&with, i, j), b = pixel (&without, i, j);
        double l;

        if (a.red == b.red && a.green == b.green && a.blue == b.blue)
          continue;
        changed++;
        l = cx_color_luminance (&a);
        if (l > lightest)
          lightest = l, (adw_style_manager_get_dark (adw_style_manager_get_default ()) ? (ink = a) : (halo = a));
        if (l < darkest)
          darkest = l, (adw_style_manager_get_dark (adw_style_manager_get_default ()) ? (halo = a) : (ink = a));
      }

  g_assert_cmpuint (changed, >, 200);
  g_test_message ("%s: district label ink #%02x%02x%02x on halo #%02x%02x%02x: %.2f:1 (%u pixels of the label)",
                  scheme_name (), (int) (ink.red * 255), (int) (ink.green * 255), (int) (ink.blue * 255),
                  (int) (halo.red * 255), (int) (halo.green * 255), (int) (halo.blue * 255),
                  cx_color_contrast (&ink, &halo), changed);
  return cx_color_contrast (&ink, &halo);
}

/* The scale bar (the bottom border of the scale's label) against what is
 * under it, just below: the scale's plate over the map. */
static double
scale_bar_contrast (void)
{
  GtkWidget *scale = find_type (GTK_WIDGET (map_view ()), SHUMATE_TYPE_SCALE);
  GtkWidget *label = find_type (scale, GTK_TYPE_LABEL);
  g_auto(Pixels) p = { 0, };
  graphene_rect_t b;
  CxColor bar, under;
  double ratio;
  int x, y;

  render (GTK_WIDGET (map_view ()), &p);
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (map_view ()), &b));
  x = (int) (b.origin.x + b.size.width / 2);
  y = (int) (b.origin.y + b.size.height) - 1;
  bar = pixel (&p, x, y);
  under = pixel (&p, x, y + 2);
  ratio = cx_color_contrast (&bar, &under);
  g_test_message ("%s: scale bar #%02x%02x%02x over #%02x%02x%02x: %.2f:1", scheme_name (),
                  (int) (bar.red * 255), (int) (bar.green * 255), (int) (bar.blue * 255),
                  (int) (under.red * 255), (int) (under.green * 255), (int) (under.blue * 255), ratio);
  return ratio;
}

/* A legend swatch against the row it is drawn in: its most distinct pixel
 * (its outline, line or marker) against the row's own colour beside it, in
 * the window (@content) as it is drawn. */
static double
swatch_contrast (GtkWidget    *content,
                 const Pixels *shown,
                 GtkWidget    *swatch,
                 const char   *where)
{
  const Pixels *pixels = shown;
  graphene_rect_t b;
  CxColor ground, best = { 0, };
  double ratio = 1;

  g_assert_true (gtk_widget_compute_bounds (swatch, content, &b));
  ground = pixel (pixels, MAX (0, (int) b.origin.x - 3), (int) (b.origin.y + b.size.height / 2));
  for (int j = (int) b.origin.y; j < (int) (b.origin.y + b.size.height); j++)
    for (int i = (int) b.origin.x; i < (int) (b.origin.x + b.size.width); i++)
      {
        CxColor c = pixel (pixels, i, j);
        double r = cx_color_contrast (&c, &ground);

        if (r > ratio)
          ratio = r, best = c;
      }

  g_test_message ("%s: %s swatch #%02x%02x%02x on #%02x%02x%02x: %.2f:1", scheme_name (), where,
                  (int) (best.red * 255), (int) (best.green * 255), (int) (best.blue * 255),
                  (int) (ground.red * 255), (int) (ground.green * 255), (int) (ground.blue * 255), ratio);
  return ratio;
}

static guint
check_swatches_under (GtkWidget    *widget,
                      GtkWidget    *content,
                      const Pixels *shown,
                      const char   *where)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DRAWING_AREA (child) && gtk_widget_get_mapped (child))
        {
          g_assert_cmpfloat (swatch_contrast (content, shown, child, where), >=, CX_MIN_GRAPHIC_CONTRAST);
          n++;
        }
      else
        n += check_swatches_under (child, content, shown, where);
    }

  return n;
}

/* Every swatch under @widget (the drawing areas of the legends), as the
 * window shows them. */
static void
check_swatches (GtkWidget  *widget,
                const char *where)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window ()));
  g_auto(Pixels) shown = { 0, };

  render (content, &shown);
  /* One for each layer shown ("Hongqiao hub" shows three). */
  g_assert_cmpuint (check_swatches_under (widget, content, &shown, where), >=, 3);
}

static gboolean
map_in_scheme (gpointer data)
{
  g_auto(Pixels) p = { 0, };
  CxColor c;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  double sum = 0;
  guint n = 0;

  /* On average, over the whole view. */
  render (GTK_WIDGET (map_view ()), &p);
  for (int j = 0; j < p.height; j += 8)
    for (int i = 0; i < p.width; i += 8)
      {
        c = pixel (&p, i, j);
        sum += cx_color_luminance (&c);
        n++;
      }
  return dark ? sum / n < 0.15 : sum / n > 0.5;
}

static void
check_contrast (AdwColorScheme scheme)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *card = cx_window_get_presentation_card (window ());

  adw_style_manager_set_color_scheme (style, scheme);
  resize (1400, 900);
  cx_selection_clear (cx_window_get_selection (window ()));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", 0);
  settle ();
  /* The basemap of the scheme has replaced the other's tiles. */
  g_assert_true (ui_wait_for (map_in_scheme, NULL, 10000));

  g_assert_cmpfloat (district_label_contrast (), >=, CX_MIN_TEXT_CONTRAST);
  settle ();
  g_assert_cmpfloat (scale_bar_contrast (), >=, CX_MIN_GRAPHIC_CONTRAST);
  check_swatches (cx_window_get_layer_panel (window ()), "layer list");

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.presentation", NULL);
  settle ();
  g_assert_true (ui_wait_for (map_in_scheme, NULL, 10000));
  g_assert_cmpfloat (district_label_contrast (), >=, CX_MIN_TEXT_CONTRAST);
  settle ();
  g_assert_cmpfloat (scale_bar_contrast (), >=, CX_MIN_GRAPHIC_CONTRAST);
  check_swatches (card, "presentation legend");
  leave_presentation ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_contrast_light (void)
{
  check_contrast (ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
test_contrast_dark (void)
{
  check_contrast (ADW_COLOR_SCHEME_FORCE_DARK);
}

int
main (int   argc,
      char *argv[])
{
  ui_private_data_home ("cx-test-look-XXXXXX");
  ui_init (&argc, &argv);

  g_test_add_func ("/look/presentation-sizes", test_presentation_sizes);
  g_test_add_func ("/look/zoom-buttons-rest", test_zoom_buttons_rest);
  g_test_add_func ("/look/contrast-light", test_contrast_light);
  g_test_add_func ("/look/contrast-dark", test_contrast_dark);

  return ui_run ();
}
