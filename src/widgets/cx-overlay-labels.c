/* cx-overlay-labels.c: the overlay's labels, placed and drawn as cached sprites
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "cx-chinese.h"
#include "cx-overlay-private.h"
#include "cx-palette.h"

/* A label as it is drawn: text in a font and a colour, with a halo. */
typedef struct
{
  const char *text;
  double      size;        /* absolute, in pixels */
  gboolean    bold;
  CxColor     ink;
  CxColor     halo;
} LabelLook;

static void
label_layout_set (PangoLayout     *layout,
                  const LabelLook *look)
{
  PangoFontDescription *font = pango_font_description_from_string (look->bold ? "Sans Bold" : "Sans");

  g_autoptr(PangoAttrList) attrs = cx_chinese_attributes ();

  pango_font_description_set_absolute_size (font, look->size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  /* Names in Chinese are in Simplified Chinese glyphs in every locale. */
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, look->text, -1);
}

/* Draws the layout with its top left corner at the current point. */
static void
label_draw (cairo_t         *cr,
            PangoLayout     *layout,
            const LabelLook *look,
            double           x,
            double           y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cx_overlay_set_color (cr, &look->halo, 1);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);

  cairo_move_to (cr, x, y);
  cx_overlay_set_color (cr, &look->ink, 1);
  pango_cairo_show_layout (cr, layout);
  /* No current point left behind: whatever is drawn next (a handout's
   * north arrow) would begin with a line from here. */
  cairo_new_path (cr);
}

#define LABEL_PAD 3   /* room for the halo around the ink, in pixels */

/* A label on the map is at most this many characters, then "…": a title
 * from a file can be 16 KiB (CX_IMPORT_MAX_TEXT_BYTES), and its sprite
 * would be wider than cairo's 32,767 px limit for a surface. At the
 * largest label size (15 px, bold, presentation scale 2, device scale 2)
 * 80 characters stay under 8,000 px. */
#define LABEL_MAX_CHARS 80

/* The largest surface side cairo can make. */
#define CAIRO_MAX_SIDE 32767

/* @text, or a copy in @owned cut to LABEL_MAX_CHARS with "…". Looks at no
 * more than LABEL_MAX_CHARS + 1 characters, so it costs the same for any
 * length of text, every frame. */
static const char *
label_text_bounded (const char  *text,
                    char       **owned)
{
  const char *end = text;

  for (guint i = 0; i < LABEL_MAX_CHARS; i++)
    {
      if (*end == '\0')
        return text;
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return text;

  *owned = g_malloc ((gsize) (end - text) + sizeof "…");
  memcpy (*owned, text, (gsize) (end - text));
  memcpy (*owned + (end - text), "…", sizeof "…");
  return *owned;
}

/* A label drawn once into a texture, for every frame that shows it until
 * its look changes: stroking the halo of a label costs most of a
 * millisecond, painting a texture almost nothing. */
typedef struct
{
  cairo_surface_t *surface; /* owned; NULL when the label has no ink */
  GdkTexture *texture;     /* owned; made from @surface when first wanted */
  double      width;       /* logical extents, for placing it */
  double      height;
  double      ink_x;       /* where the texture goes, from the layout's origin */
  double      ink_y;
  double      ink_width;
  double      ink_height;
} LabelSprite;

static void
label_sprite_free (gpointer data)
{
  LabelSprite *sprite = data;

  g_clear_object (&sprite->texture);
  g_clear_pointer (&sprite->surface, cairo_surface_destroy);
  g_free (sprite);
}

GdkTexture *
cx_overlay_texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                      (gsize) cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32, premultiplied, in native order. */
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                 cairo_image_surface_get_height (surface),
                                 GDK_MEMORY_DEFAULT, bytes,
                                 (gsize) cairo_image_surface_get_stride (surface));
}

#define LABEL_CACHE_MAX 2048

/* The key of a sprite: its look and scale, then its text. */
typedef struct
{
  int     scale;
  int     bold;
  double  size;
  CxColor ink;
  CxColor halo;
} SpriteKey;

static guint
sprite_key_hash (gconstpointer key)
{
  const SpriteKey *k = key;
  const char *text = (const char *) (k + 1);
  guint hash = g_str_hash (text);
  const guint8 *bytes = key;

  for (gsize i = 0; i < sizeof *k; i++)
    hash = hash * 31 + bytes[i];
  return hash;
}

static gboolean
sprite_key_equal (gconstpointer a,
                  gconstpointer b)
{
  return memcmp (a, b, sizeof (SpriteKey)) == 0 &&
         strcmp ((const char *) ((const SpriteKey *) a + 1), (const char *) ((const SpriteKey *) b + 1)) == 0;
}

static LabelSprite *
label_sprite_get (CxOverlayLayer  *self,
                  const LabelLook *look,
                  int              scale)
{
  gsize text_len = strlen (look->text);
  g_autofree SpriteKey *key = g_malloc0 (sizeof (SpriteKey) + text_len + 1);
  LabelSprite *sprite;
  PangoRectangle ink, logical;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* Zeroed first: the padding of the struct is hashed too. */
  key->scale = scale;
  key->bold = look->bold;
  key->size = look->size;
  key->ink = look->ink;
  key->halo = look->halo;
  memcpy (key + 1, look->text, text_len + 1);

  sprite = g_hash_table_lookup (self->label_sprites, key);
  if (sprite != NULL)
    return sprite;

  if (self->label_layout == NULL)
    self->label_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  label_layout_set (self->label_layout, look);
  pango_layout_get_pixel_extents (self->label_layout, &ink, &logical);

  sprite = g_new0 (LabelSprite, 1);
  sprite->width = logical.width;
  sprite->height = logical.height;
  sprite->ink_x = ink.x - LABEL_PAD;
  sprite->ink_y = ink.y - LABEL_PAD;
  sprite->ink_width = ink.width + 2 * LABEL_PAD;
  sprite->ink_height = ink.height + 2 * LABEL_PAD;

  /* Beyond cairo's limit the surface would be an error surface, and its
   * texture a GTK-CRITICAL; LABEL_MAX_CHARS keeps labels far from it, and
   * this keeps any that is not (a huge font) from being drawn at all. */
  if (ink.width > 0 && ink.height > 0 &&
      ceil (sprite->ink_width * scale) <= CAIRO_MAX_SIDE && ceil (sprite->ink_height * scale) <= CAIRO_MAX_SIDE)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (sprite->ink_width * scale),
                                            (int) ceil (sprite->ink_height * scale));
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_warning ("A label of %d × %d px could not be drawn: %s",
                     (int) ceil (sprite->ink_width * scale), (int) ceil (sprite->ink_height * scale),
                     cairo_status_to_string (cairo_surface_status (surface)));
          cairo_surface_destroy (surface);
          surface = NULL;
        }
    }
  else
    surface = NULL;

  if (surface != NULL)
    {
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      pango_cairo_update_layout (cr, self->label_layout);
      label_draw (cr, self->label_layout, look, -sprite->ink_x, -sprite->ink_y);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      sprite->surface = surface;
    }

  if (g_hash_table_size (self->label_sprites) >= LABEL_CACHE_MAX)
    g_hash_table_remove_all (self->label_sprites);
  g_hash_table_insert (self->label_sprites, g_steal_pointer (&key), sprite);

  return sprite;
}

/* ------------------------------------------------------------------ */
/* What a label shows                                                  */
/* ------------------------------------------------------------------ */

/* The text of an item's label: its name, or "Zhongshan Park 中山公园" for
 * mixed audiences, cut to LABEL_MAX_CHARS. @owned holds it when it had to
 * be made. */
static const char *
label_text (CxOverlayLayer  *self,
            const Item      *item,
            char           **owned)
{
  g_autofree char *both = NULL;
  char *bounded = NULL;
  const char *text = item->name;
  const Symbol *symbol = cx_overlay_symbol_for (self, (guint) (item - (const Item *) self->items->data));

  if (self->bilingual && item->name_zh != NULL && g_strcmp0 (item->name, item->name_zh) != 0)
    text = both = g_strdup_printf ("%s %s", item->name, item->name_zh);
  text = label_text_bounded (text, &bounded);
  /* A place of the thematic view says its value under its name, so that
   * one label, placed once, carries both. */
  if (symbol != NULL)
    {
      g_autofree char *value = cx_overlay_symbol_text (self, symbol);
      /* Translators: the end of a subdistrict's name on the map, left
       * off beside a thematic view's value (the view says "by
       * subdistrict"), so that all ten values find room. */
      const char *suffix = C_("subdistrict name suffix", " Subdistrict");
      g_autofree char *name = g_strdup (text);
      char *with_value;

      if (g_str_has_suffix (name, suffix) && strlen (name) > strlen (suffix))
        name[strlen (name) - strlen (suffix)] = '\0';
      with_value = g_strdup_printf ("%s\n%s", name, value);

      g_free (bounded);
      g_free (both);
      *owned = with_value;
      return with_value;
    }
  if (bounded != NULL)
    *owned = bounded;
  else if (both != NULL)
    *owned = g_steal_pointer (&both);
  return text;
}

char *
cx_overlay_label_text (CxOverlayLayer *self,
                       const Item     *item)
{
  g_autofree char *owned = NULL;
  const char *text = label_text (self, item, &owned);

  return owned != NULL ? g_steal_pointer (&owned) : g_strdup (text);
}

static LabelLook
label_look (CxOverlayLayer *self,
            const Item     *item,
            Emphasis        emphasis,
            const Frame    *f,
            LabelsMode      mode,
            const char     *text)
{
  gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected));
  const CxMapPalette *palette = cx_map_palette_get (self->dark);
  LabelLook look;

  look.text = text;
  look.bold = !item->minor;
  look.size = (areal ? LABEL_PX_AREA : item->minor ? LABEL_PX_MINOR : LABEL_PX_POINT) * f->label_scale;
  /* In half pixels, so that frames of a zoom animation share sprites. */
  if (mode != LABELS_VECTOR)
    look.size = round (look.size * 2) / 2;
  look.halo = palette->halo;
  if (emphasis == EMPHASIS_DIMMED)
    look.ink = (CxColor) { palette->text.red, palette->text.green, palette->text.blue, DIMMED_ALPHA + 0.15 };
  else if (item->minor)
    look.ink = palette->minor_text;
  else if (areal)
    {
      /* In the area's colour, as dark (or light) as reading it needs. */
      look.ink = (CxColor) { item->style->stroke.red, item->style->stroke.green, item->style->stroke.blue,
                             item->style->stroke.alpha * 0.85 };
      cx_color_ensure_contrast (&look.ink, &palette->under_text, CX_MIN_TEXT_CONTRAST, &look.ink);
    }
  else
    look.ink = palette->text;

  return look;
}

/* A pin's note: as a point's name, in the map's ink. */
static LabelLook
mark_label_look (CxOverlayLayer *self,
                 const Frame    *f,
                 LabelsMode      mode,
                 const char     *text)
{
  const CxMapPalette *palette = cx_map_palette_get (self->dark);
  LabelLook look = { text, LABEL_PX_POINT * f->label_scale, TRUE, palette->text, palette->halo };

  if (mode != LABELS_VECTOR)
    look.size = round (look.size * 2) / 2;
  return look;
}

/* Every label in view is measured to be placed, and most of a crowded
 * view's are dropped: measuring must cost less than drawing, and a frame
 * that pans must not measure again. A label's text is laid out once, at
 * this size, and the size kept in its item and scaled (GTK lays text out
 * with unhinted metrics, so sizes scale with the font), instead of once
 * per size: a zoom animation passes through dozens. */
#define METRICS_SIZE 32.0

/* The logical size of @item's label in @look, in pixels. Its text is
 * made only when the item has not been measured since its text or the
 * fonts changed (self->label_metrics_serial). */
static void
label_size (CxOverlayLayer  *self,
            Item            *item,
            const LabelLook *look,
            double          *width,
            double          *height)
{
  if (item->label_metrics_serial != self->label_metrics_serial)
    {
      g_autofree char *owned = NULL;
      LabelLook reference = *look;
      PangoRectangle logical;

      reference.text = label_text (self, item, &owned);
      reference.size = METRICS_SIZE;
      if (self->label_layout == NULL)
        self->label_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      label_layout_set (self->label_layout, &reference);
      pango_layout_get_extents (self->label_layout, NULL, &logical);
      item->label_width = (double) logical.width / PANGO_SCALE;
      item->label_height = (double) logical.height / PANGO_SCALE;
      item->label_metrics_serial = self->label_metrics_serial;
    }

  *width = ceil (item->label_width * look->size / METRICS_SIZE);
  *height = ceil (item->label_height * look->size / METRICS_SIZE);
}

/* ------------------------------------------------------------------ */
/* Placing and drawing                                                 */
/* ------------------------------------------------------------------ */

/* Room for the halo around the text, and a little air between labels:
 * the placed box is the text's logical box grown by these. */
#define BOX_PAD_X 2
#define BOX_PAD_Y 1

/* Lines and outlines drawn at least this wide (halo included) are
 * avoided; thinner ones are crossed freely. */
#define THICK_LINE_PX 3
/* At most this many markers and line pieces a frame: beyond them (a
 * layer of 100,000 points in view), labels may cover the rest. */
#define MAX_MARKERS 20000
#define MAX_LINE_COORDS 50000
/* Areas cut to the view (for their label's place) per frame. */
#define MAX_AREA_CUTS 4

typedef struct
{
  guint      item;          /* G_MAXUINT for a mark's note */
  Emphasis   emphasis;
  guint      label;         /* in the placer */
  CxAnnotation *mark;       /* borrowed from the frame's marks, or NULL */
} LabelJob;

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

/* Unit coordinates to the view's (the frame's, as cx_overlay_frame_to_widget()
 * computes them, without a sine and cosine each time). */
static inline void
view_point (const CxLabelView *view,
            double             ux,
            double             uy,
            double            *x,
            double            *y)
{
  *x = view->xx * ux + view->xy * uy + view->x0;
  *y = view->yx * ux + view->yy * uy + view->y0;
}

/* The radius a marker covers as drawn (see draw_point_at()), ring included. */
static double
marker_reach (const Item  *item,
              Emphasis     emphasis,
              const Frame *f)
{
  double r = MARKER_RADIUS * f->scale;

  if (item->minor)
    r *= 0.5;
  if (emphasis == EMPHASIS_HIGHLIGHTED)
    return MAX (r * 1.4, 6) + 4;
  return r + 2;
}

/* How wide a shape's outline is drawn (see draw_shape()), halo included. */
static double
line_band (const Item  *item,
           Emphasis     emphasis,
           const Frame *f)
{
  double width = item->style->stroke_width * f->scale;

  if (width <= 0)
    return 0;
  if (emphasis == EMPHASIS_HIGHLIGHTED)
    return MAX (width * 1.8, 3.5) + 4;
  return item->style->stroke.alpha >= 1 ? width + 3 : width;
}

/* Whether @item's outline is one labels avoid: the pack's lines and
 * outlines, and those of imported layers small enough to be labelled
 * (a layer of 10,000 polygons is a texture; avoiding it, a frame's
 * worth of work). */
static gboolean
avoided_line (const Item *item)
{
  if (item->user_layer == NULL)
    return TRUE;
  return g_list_model_get_n_items (cx_imported_layer_get_features (item->user_layer)) <= CX_USER_LAYER_MAX_LABELS;
}

/* The points well inside an area, found once (cx_polygon_label_points()). */
static void
ensure_label_points (Item *item)
{
  CxCoord points[6];
  double precision;

  if (item->label_points_done)
    return;
  item->label_points_done = TRUE;
  /* A thousandth of the shape: 12 m for the district. */
  precision = MAX (item->bounds.max_x - item->bounds.min_x, item->bounds.max_y - item->bounds.min_y) / 1000;
  item->n_label_points = cx_polygon_label_points (item->projected, NULL, precision, points, G_N_ELEMENTS (points));
  item->label_points = g_memdup2 (points, item->n_label_points * sizeof (CxCoord));
}

/* The part of the view labels can use: the whole view, or when panels
 * cover some of it, the largest strip beside the largest of them (the map
 * left of a floating panel, the map below the presentation card). */
static graphene_rect_t
open_view (const Frame           *f,
           const graphene_rect_t *covered,
           guint                  n_covered)
{
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, f->width, f->height);
  const graphene_rect_t *largest = NULL;
  graphene_rect_t strips[4];
  guint best = 0;

  for (guint i = 0; i < n_covered; i++)
    if (largest == NULL || covered[i].size.width * covered[i].size.height > largest->size.width * largest->size.height)
      largest = &covered[i];
  if (largest == NULL)
    return view;

  strips[0] = GRAPHENE_RECT_INIT (0, 0, largest->origin.x, f->height);
  strips[1] = GRAPHENE_RECT_INIT (largest->origin.x + largest->size.width, 0,
                                  f->width - largest->origin.x - largest->size.width, f->height);
  strips[2] = GRAPHENE_RECT_INIT (0, 0, f->width, largest->origin.y);
  strips[3] = GRAPHENE_RECT_INIT (0, largest->origin.y + largest->size.height,
                                  f->width, f->height - largest->origin.y - largest->size.height);
  for (guint k = 1; k < 4; k++)
    if (strips[k].size.width * strips[k].size.height > strips[best].size.width * strips[best].size.height)
      best = k;
  return strips[best];
}

/* Whether a label of @width × @height centred at (@ux, @uy) would fit in
 * @open. */
static gboolean
fits_in (const CxLabelView     *view,
         const graphene_rect_t *open,
         double                 ux,
         double                 uy,
         double                 width,
         double                 height)
{
  double x, y;

  view_point (view, ux, uy, &x, &y);
  return x >= open->origin.x + width / 2 && x <= open->origin.x + open->size.width - width / 2 &&
         y >= open->origin.y + height / 2 && y <= open->origin.y + open->size.height - height / 2;
}

/* The anchors of an area's label: its pole and other points well inside
 * it; and when none of those is in the open part of the view (a large
 * area, zoomed in; a panel over it), the pole of the part it shows. */
static void
add_area_anchors (CxLabelPlacer         *placer,
                  guint                  label,
                  Item                  *item,
                  const Frame           *f,
                  const CxLabelView     *view,
                  const graphene_rect_t *open,
                  double                 width,
                  double                 height,
                  guint                 *n_cuts)
{
  gboolean any_in_view = FALSE;

  ensure_label_points (item);
  for (guint i = 0; i < item->n_label_points; i++)
    {
      cx_label_placer_add_anchor (placer, label, item->label_points[i].x, item->label_points[i].y);
      any_in_view |= fits_in (view, open, item->label_points[i].x, item->label_points[i].y, width, height);
      /* Where the pack puts its name, after its pole. */
      if (i == 0 && cx_geometry_contains (item->projected, item->label_x, item->label_y))
        {
          cx_label_placer_add_anchor (placer, label, item->label_x, item->label_y);
          any_in_view |= fits_in (view, open, item->label_x, item->label_y, width, height);
        }
    }

  if (!any_in_view && f->rotation == 0 && *n_cuts < MAX_AREA_CUTS)
    {
      CxBounds cut;
      CxCoord points[3];
      guint n;

      cx_overlay_frame_from_widget (f, open->origin.x + width / 2, open->origin.y + height / 2,
                                    &cut.min_x, &cut.min_y);
      cx_overlay_frame_from_widget (f, open->origin.x + open->size.width - width / 2,
                                    open->origin.y + open->size.height - height / 2,
                                    &cut.max_x, &cut.max_y);
      if (cut.min_x < cut.max_x && cut.min_y < cut.max_y)
        {
          (*n_cuts)++;
          n = cx_polygon_label_points (item->projected, &cut, 2 / f->world, points, G_N_ELEMENTS (points));
          for (guint i = 0; i < n; i++)
            cx_label_placer_add_anchor (placer, label, points[i].x, points[i].y);
        }
    }
}

/* Markers, and the thick lines and outlines, that labels must avoid. */
static void
add_obstacles (CxOverlayLayer    *self,
               CxLabelPlacer     *placer,
               const Frame       *f,
               const CxLabelView *view,
               GArray            *nearby)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (CxCoord));
  guint n_markers = 0;
  gsize n_line_coords = 0;

  for (guint k = 0; k < nearby->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, g_array_index (nearby, guint, k));
      CxGeometryType type = cx_geometry_get_geometry_type (item->projected);
      Emphasis emphasis;

      /* Checked first: a layer of 10,000 polygons costs a look at each. */
      /* A thematic view's circles are drawn whether their layer is
       * shown or not (cx-overlay-symbols.c): they are obstacles alike. */
      if ((type != CX_GEOMETRY_POINT && !avoided_line (item)) ||
          (!cx_overlay_item_visible (self, item) && cx_overlay_symbol_for (self, g_array_index (nearby, guint, k)) == NULL))
        continue;
      emphasis = cx_overlay_item_emphasis (self, item);

      if (type == CX_GEOMETRY_POINT)
        {
          const CxCoord *c = cx_geometry_get_coords (item->projected);
          const Symbol *symbol = cx_overlay_symbol_for (self, g_array_index (nearby, guint, k));
          /* Other names keep clear of a thematic view's circle. */
          double reach = symbol != NULL ? cx_overlay_symbol_radius (self, symbol, f) + 1 :
                                          marker_reach (item, emphasis, f);

          for (guint i = 0; i < cx_geometry_get_n_coords (item->projected) && n_markers < MAX_MARKERS; i++, n_markers++)
            {
              double x, y;

              view_point (view, c[i].x, c[i].y, &x, &y);
              /* A minor point's dot (a subdistrict's) yields to a name
               * with nowhere else to go. */
              if (item->minor && symbol == NULL)
                cx_label_placer_add_small_marker (placer, cx_overlay_item_key (item), x, y, reach);
              else
                cx_label_placer_add_marker (placer, cx_overlay_item_key (item), x, y, reach);
            }
        }
      else if (line_band (item, emphasis, f) >= THICK_LINE_PX && n_line_coords < MAX_LINE_COORDS)
        {
          g_autoptr(CxGeometry) drawn = cx_overlay_lod_geometry (item->projected, item->lod, f);
          gboolean closed = cx_geometry_type_is_areal (type);

          for (guint part = 0; part < cx_geometry_get_n_parts (drawn); part++)
            {
              guint n;
              const CxCoord *c = cx_geometry_get_part (drawn, part, &n);

              g_array_set_size (points, n);
              for (guint i = 0; i < n; i++)
                {
                  CxCoord *p = &g_array_index (points, CxCoord, i);

                  view_point (view, c[i].x, c[i].y, &p->x, &p->y);
                }
              cx_label_placer_add_line (placer, cx_overlay_item_key (item), (CxCoord *) points->data, n, closed,
                                        line_band (item, emphasis, f),
                                        emphasis == EMPHASIS_DIMMED ? DIMMED_ALPHA : 1);
              n_line_coords += n;
            }
        }
    }
}

/* The path another layer draws over the map (the measure tool's line and
 * points, cx_overlay_layer_set_avoided_path()): drawn 3 px wide with a
 * 2 px halo each side and dots of 4.5 px radius ringed 2 px wide (times
 * the presentation scale, cx-measure-layer.c), avoided as a thick line
 * and markers, with a pixel to spare. */
static void
add_avoided_path (CxOverlayLayer    *self,
                  CxLabelPlacer     *placer,
                  const CxLabelView *view)
{
  guint n = self->avoided_path->len;
  double scale = cx_overlay_layer_get_presentation (self) ? CX_PRESENTATION_SCALE : 1;
  g_autofree CxCoord *points = g_new (CxCoord, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const CxCoord *c = &g_array_index (self->avoided_path, CxCoord, i);
      double ux, uy;

      cx_overlay_project_point (self, c->y, c->x, &ux, &uy);
      view_point (view, ux, uy, &points[i].x, &points[i].y);
      cx_label_placer_add_marker (placer, self->avoided_path, points[i].x, points[i].y, 6.5 * scale);
    }
  if (n >= 2)
    cx_label_placer_add_line (placer, self->avoided_path, points, n, self->avoided_closed && n >= 3,
                              9 * scale, 1);
}

/* ------------------------------------------------------------------ */
/* Marks                                                               */
/* ------------------------------------------------------------------ */

/* How much of a pin's note its label shows, in characters. */
#define MARK_NOTE_CHARS 32

/* A pin's note on the map: its first line, cut to MARK_NOTE_CHARS. NULL when
 * the note is empty (or the mark is not a pin). */
char *
cx_overlay_mark_label_text (CxAnnotation *mark)
{
  const char *note = cx_annotation_get_note (mark);
  g_autofree char *line = NULL;

  if (cx_annotation_get_kind (mark) != CX_ANNOTATION_PIN || note == NULL)
    return NULL;
  line = g_strndup (note, strcspn (note, "\r\n"));
  g_strstrip (line);
  if (*line == '\0')
    return NULL;
  /* Shorter than names may be: a note is a sentence, and the handout's
   * list and the side panel have it whole. */
  if (g_utf8_strlen (line, -1) > MARK_NOTE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, MARK_NOTE_CHARS - 1);

      g_strchomp (cut);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

void
cx_overlay_label_record_clear (gpointer data)
{
  LabelRecord *record = data;

  g_clear_object (&record->mark);
}

/* Where a mark's first point is in the view, and its point @i. */
static void
mark_point (CxAnnotation      *mark,
            guint              i,
            const CxLabelView *view,
            double            *ux,
            double            *uy,
            double            *x,
            double            *y)
{
  guint n;
  const CxCoord *points = cx_annotation_get_points (mark, &n);

  cx_mercator_project (points[i].x, points[i].y, ux, uy);
  view_point (view, *ux, *uy, x, y);
}

/* The marks as obstacles, drawn as cx_annotation_draw() draws them. A
 * pin (its number in its head) and the number badge of a line or an area
 * are kept clear by every label, as the map's buttons are, whatever its
 * rank: a mark is what the meeting is about, and its number is how the
 * handout's list and the side panel name it. Their lines are thick lines,
 * crossed only where a name has nowhere else to go. */
static void
add_mark_obstacles (CxLabelPlacer     *placer,
                    GPtrArray         *marks,
                    double             scale,
                    const CxLabelView *view)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (CxCoord));

  for (guint k = 0; k < marks->len; k++)
    {
      CxAnnotation *mark = g_ptr_array_index (marks, k);
      CxAnnotationKind kind = cx_annotation_get_kind (mark);
      guint n = cx_annotation_get_n_points (mark);
      double ux, uy, x, y, bx = 0, by = 0, r;

      if (kind == CX_ANNOTATION_PIN)
        {
          /* Tip to head, white ring included; as drawn selected (a
           * quarter larger), so that selecting it moves no name. */
          r = 8 * scale * 1.25;
          mark_point (mark, 0, view, &ux, &uy, &x, &y);
          cx_label_placer_add_covered (placer, &(CxLabelRect) { x - r - 2 * scale, y - 2.6 * r - 2 * scale,
                                                                2 * r + 4 * scale, 2.6 * r + 4 * scale });
          continue;
        }

      g_array_set_size (points, n);
      for (guint i = 0; i < n; i++)
        {
          CxCoord *p = &g_array_index (points, CxCoord, i);

          mark_point (mark, i, view, &ux, &uy, &p->x, &p->y);
          if (kind == CX_ANNOTATION_POLYGON || i == 0)
            {
              bx += p->x / (kind == CX_ANNOTATION_POLYGON ? n : 1);
              by += p->y / (kind == CX_ANNOTATION_POLYGON ? n : 1);
            }
        }
      r = (CX_MARK_BADGE_RADIUS + 2) * scale;
      if (kind != CX_ANNOTATION_STROKE)
        cx_label_placer_add_covered (placer, &(CxLabelRect) { bx - r, by - r, 2 * r, 2 * r });
      /* The line with its white halo (none on a highlighter stroke). */
      cx_label_placer_add_line (placer, mark, (CxCoord *) points->data, n, kind == CX_ANNOTATION_POLYGON,
                                (cx_annotation_get_width (mark) + (kind != CX_ANNOTATION_STROKE ? 4 : 0)) * scale,
                                1);
    }
}

/* The pins' notes as labels, beside their pins as a point's name is, and
 * placed before the map's own names. */
static void
add_mark_labels (CxOverlayLayer    *self,
                 CxLabelPlacer     *placer,
                 GPtrArray         *marks,
                 double             scale,
                 const Frame       *f,
                 const CxLabelView *view,
                 LabelsMode         mode,
                 PangoLayout       *layout,
                 GArray            *jobs)
{
  for (guint k = 0; k < marks->len; k++)
    {
      CxAnnotation *mark = g_ptr_array_index (marks, k);
      g_autofree char *text = cx_overlay_mark_label_text (mark);
      PangoLayout *measure;
      LabelJob job = { G_MAXUINT, EMPHASIS_NORMAL, 0, mark };
      LabelLook look;
      PangoRectangle logical;
      double ux, uy, x, y;

      if (text == NULL)
        continue;
      mark_point (mark, 0, view, &ux, &uy, &x, &y);
      if (x < 0 || y < 0 || x > f->width || y > f->height)
        continue;

      if (layout == NULL && self->label_layout == NULL)
        self->label_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      measure = layout != NULL ? layout : self->label_layout;
      look = mark_label_look (self, f, mode, text);
      label_layout_set (measure, &look);
      pango_layout_get_pixel_extents (measure, NULL, &logical);
      job.label = cx_label_placer_add_label (placer, &(CxLabelSpec) {
        /* Ranked with the areas' names, and before them (the top
         * layer): a place's name yields to a note, which is what the
         * meeting is about. */
        mark, CX_LABEL_KIND_POINT, FALSE, TRUE, G_MAXUINT, k,
        logical.width + 2 * BOX_PAD_X, logical.height + 2 * BOX_PAD_Y,
        /* Beside the pin's head, whose middle is the anchor: the head's
         * half width (selected, a quarter larger) and a little air. */
        1.25 * 8 * scale + 4,
        FALSE,
      });
      /* Anchored at the middle of the head, which labels beside it read
       * as the pin's. */
      cx_label_placer_view_to_unit (view, x, y - 1.75 * 1.25 * 8 * scale, &ux, &uy);
      cx_label_placer_add_anchor (placer, job.label, ux, uy);
      /* Or under the tip, when the sides of the head are taken. */
      cx_label_placer_view_to_unit (view, x, y + 2 * scale, &ux, &uy);
      cx_label_placer_add_anchor (placer, job.label, ux, uy);
      g_array_append_val (jobs, job);
    }
}

/* What the placement depends on besides where the view is: when any of it
 * changes, labels are placed afresh instead of where they were. */
static guint64
placement_state (CxOverlayLayer *self,
                 const Frame    *f)
{
  guint64 values[] = {
    self->generation, self->covered_serial, self->bilingual, 0, 0, 0,
  };
  guint64 hash = 14695981039346656037ull;

  memcpy (&values[3], &f->zoom, sizeof (double));
  memcpy (&values[4], &f->label_scale, sizeof (double));
  memcpy (&values[5], &f->rotation, sizeof (double));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    hash = (hash ^ values[i]) * 1099511628211ull;
  return hash;
}

/* Places the labels of the items in view (see cx-label-placer.c), against
 * each other, the markers and thick lines, the view's edges and @covered,
 * and draws those placed: in @cr as paths (LABELS_VECTOR) or sprites
 * (LABELS_SURFACES), whose origin is the frame's centre, turned with the
 * map; or as textures in @snapshot, whose origin is the widget's. Labels
 * stay upright when the map turns: they are placed in widget space, around
 * where the map's rotation puts their anchors. On screen the widget's
 * placer keeps labels where they were; print places its page afresh. */
void
cx_overlay_draw_labels (CxOverlayLayer        *self,
                        LabelsMode             mode,
                        cairo_t               *cr,
                        GtkSnapshot           *snapshot,
                        int                    scale,
                        const Frame           *f,
                        const CxBounds        *visible,
                        const graphene_rect_t *covered,
                        guint                  n_covered)
{
  g_autoptr(CxLabelPlacer) page_placer = mode == LABELS_VECTOR ? cx_label_placer_new () : NULL;
  CxLabelPlacer *placer = page_placer != NULL ? page_placer : self->placer;
  g_autoptr(PangoLayout) layout = mode == LABELS_VECTOR ? pango_cairo_create_layout (cr) : NULL;
  g_autoptr(GArray) nearby = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) jobs = g_array_new (FALSE, FALSE, sizeof (LabelJob));
  double c = cos (f->rotation), s = sin (f->rotation);
  CxLabelView view = {
    f->width, f->height,
    c * f->world, -s * f->world, -c * f->cx + s * f->cy + f->width / 2,
    s * f->world, c * f->world, -s * f->cx - c * f->cy + f->height / 2,
  };
  graphene_rect_t open = open_view (f, covered, n_covered);
  GArray *records;
  guint n_cuts = 0;
  GPtrArray *marks = page_placer != NULL ? self->page_marks : self->marks;
  double marks_scale = page_placer != NULL ? self->page_marks_scale :
                       cx_overlay_layer_get_presentation (self) ? CX_PRESENTATION_SCALE : 1;

  if (layout != NULL)
    {
      /* Text on a page is laid out as GTK lays it out on screen (glyphs
       * where the font puts them, not rounded to whole pixels as an image
       * surface would), so that it has the size it was placed with. */
      PangoContext *context = pango_layout_get_context (layout);
      cairo_font_options_t *options = cairo_font_options_create ();

      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (context, options);
      pango_context_set_round_glyph_positions (context, FALSE);
      pango_layout_context_changed (layout);
      cairo_font_options_destroy (options);
    }
  cx_label_placer_begin (placer, &view, page_placer != NULL ? 0 : placement_state (self, f));
  for (guint i = 0; i < n_covered; i++)
    cx_label_placer_add_covered (placer, &(CxLabelRect) { covered[i].origin.x, covered[i].origin.y,
                                                          covered[i].size.width, covered[i].size.height });

  cx_overlay_index_query (cx_overlay_index_ensure (self), visible, nearby);
  add_obstacles (self, placer, f, &view, nearby);
  /* On screen only: a page printed or exported has no measure tool. */
  if (page_placer == NULL)
    add_avoided_path (self, placer, &view);
  if (marks != NULL)
    {
      add_mark_obstacles (placer, marks, marks_scale, &view);
      add_mark_labels (self, placer, marks, marks_scale, f, &view, mode, layout, jobs);
    }

  for (guint k = 0; k < nearby->len; k++)
    {
      guint i = g_array_index (nearby, guint, k);
      Item *item = &g_array_index (self->items, Item, i);
      CxGeometryType type = cx_geometry_get_geometry_type (item->projected);
      gboolean areal = cx_geometry_type_is_areal (type);
      Emphasis emphasis;
      LabelJob job = { i, };
      const Symbol *symbol;
      LabelLook look;
      CxLabelSpec spec;
      double w, h;

      /* A thematic view's circle keeps its value with its layer hidden:
       * the circle is drawn all the same. */
      if (item->name == NULL || (!cx_overlay_item_visible (self, item) && cx_overlay_symbol_for (self, i) == NULL))
        continue;
      if (type == CX_GEOMETRY_POINT)
        {
          double x, y;

          /* A point's name only with its marker in view: not measured
           * otherwise. */
          view_point (&view, item->label_x, item->label_y, &x, &y);
          if (x < 0 || y < 0 || x > f->width || y > f->height)
            continue;
        }
      emphasis = cx_overlay_item_emphasis (self, item);
      symbol = cx_overlay_symbol_for (self, i);
      if (!label_wanted (item, f) && emphasis != EMPHASIS_HIGHLIGHTED && symbol == NULL)
        continue;

      job.emphasis = emphasis;
      look = label_look (self, item, emphasis, f, mode, NULL);
      label_size (self, item, &look, &w, &h);
      if (mode == LABELS_VECTOR)
        {
          g_autofree char *owned = NULL;
          PangoRectangle logical;

          /* The page's own layout, in case it differs: its box holds
           * both, so that a page and the screen place a view's labels
           * alike. */
          look.text = label_text (self, item, &owned);
          label_layout_set (layout, &look);
          pango_layout_get_pixel_extents (layout, NULL, &logical);
          w = MAX (w, logical.width);
          h = MAX (h, logical.height);
        }

      spec = (CxLabelSpec) {
        cx_overlay_item_key (item),
        areal ? CX_LABEL_KIND_AREA : cx_geometry_type_is_linear (type) ? CX_LABEL_KIND_LINE :
        item->minor && symbol == NULL ? CX_LABEL_KIND_MINOR : CX_LABEL_KIND_POINT,
        /* A thematic view's values are what the view is about. */
        emphasis == EMPHASIS_HIGHLIGHTED || symbol != NULL,
        /* Areas known by a point (drawn as a disc of their stated
         * accuracy, see draw_point_at()) rank with areas. */
        type == CX_GEOMETRY_POINT && item->style->has_fill && item->accuracy_unit > 0 && !item->minor,
        /* A thematic view's values, the largest first. */
        item->order, symbol != NULL ? (guint) (symbol - (const Symbol *) self->symbols->data) : i,
        w + 2 * BOX_PAD_X, h + 2 * BOX_PAD_Y,
        /* Clear of the marker, or of the line; a minor point's name just
         * under its dot, as a caption. */
        cx_geometry_type_is_linear (type) ? line_band (item, emphasis, f) / 2 + 1 :
        symbol != NULL ? cx_overlay_symbol_radius (self, symbol, f) + 2 :
        item->minor ? 3 : marker_reach (item, emphasis, f) + 1,
        emphasis == EMPHASIS_DIMMED,
        symbol != NULL,
      };
      job.label = cx_label_placer_add_label (placer, &spec);

      if (areal)
        add_area_anchors (placer, job.label, item, f, &view, &open, spec.width, spec.height, &n_cuts);
      else if (cx_geometry_type_is_linear (type))
        {
          g_autoptr(CxGeometry) drawn = cx_overlay_lod_geometry (item->projected, item->lod, f);

          cx_label_placer_add_line_anchors (placer, job.label, drawn);
          /* And where the pack puts the line's name. */
          cx_label_placer_add_anchor (placer, job.label, item->label_x, item->label_y);
        }
      else
        cx_label_placer_add_anchor (placer, job.label, item->label_x, item->label_y);

      g_array_append_val (jobs, job);
    }

  cx_label_placer_run (placer);

  /* What was placed, for tests: the widget's frame, or the page's. */
  records = page_placer == NULL ? self->label_record : self->page_record;
  g_array_set_size (records, 0);
  if (page_placer != NULL)
    {
      self->page_width = f->width;
      self->page_height = f->height;
      g_array_set_size (self->page_covered, 0);
      g_array_append_vals (self->page_covered, covered, n_covered);
    }

  for (guint k = 0; k < jobs->len; k++)
    {
      const LabelJob *job = &g_array_index (jobs, LabelJob, k);
      CxLabelRect box;
      gboolean placed = cx_label_placer_get_box (placer, job->label, &box);
      g_autofree char *owned = NULL;
      LabelLook look;
      double xalign;

      g_array_append_val (records, ((LabelRecord) { job->item, box, placed,
                                                    cx_label_placer_get_crossing (placer, job->label),
                                                    job->mark != NULL ? g_object_ref (job->mark) : NULL }));
      if (!placed)
        continue;

      if (job->mark != NULL)
        {
          owned = cx_overlay_mark_label_text (job->mark);
          look = mark_label_look (self, f, mode, owned);
        }
      else
        look = label_look (self, &g_array_index (self->items, Item, job->item), job->emphasis, f, mode,
                           label_text (self, &g_array_index (self->items, Item, job->item), &owned));

      /* Text narrower than its box (a page's own metrics, a pixel of
       * rounding) goes to the side of its marker. */
      xalign = cx_label_placer_get_xalign (placer, job->label);
      if (mode == LABELS_VECTOR)
        {
          PangoRectangle logical;

          label_layout_set (layout, &look);
          pango_layout_get_pixel_extents (layout, NULL, &logical);
          cairo_save (cr);
          cairo_rotate (cr, -f->rotation);
          label_draw (cr, layout, &look,
                      box.x + BOX_PAD_X + (box.width - 2 * BOX_PAD_X - logical.width) * xalign - f->width / 2,
                      box.y + BOX_PAD_Y - f->height / 2);
          cairo_restore (cr);
        }
      else
        {
          LabelSprite *sprite = label_sprite_get (self, &look, scale);
          /* On whole device pixels, where the text was drawn. */
          double x = round ((box.x + BOX_PAD_X + (box.width - 2 * BOX_PAD_X - sprite->width) * xalign + sprite->ink_x) * scale) / scale;
          double y = round ((box.y + BOX_PAD_Y + sprite->ink_y) * scale) / scale;

          if (sprite->surface == NULL)
            continue;
          if (mode == LABELS_TEXTURES)
            {
              if (sprite->texture == NULL)
                sprite->texture = cx_overlay_texture_from_surface (sprite->surface);
              gtk_snapshot_append_texture (snapshot, sprite->texture,
                                           &GRAPHENE_RECT_INIT (x, y,
                                                                gdk_texture_get_width (sprite->texture) / (double) scale,
                                                                gdk_texture_get_height (sprite->texture) / (double) scale));
            }
          else
            {
              cairo_save (cr);
              cairo_rotate (cr, -f->rotation);
              cairo_set_source_surface (cr, sprite->surface, x - f->width / 2, y - f->height / 2);
              cairo_paint (cr);
              cairo_restore (cr);
            }
        }
    }

  /* G_MESSAGES_DEBUG=cx-labels: what was placed and dropped, when it
   * changes. */
  if (page_placer == NULL && !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, "cx-labels"))
    {
      g_autoptr(GString) placed = g_string_new (NULL);
      g_autoptr(GString) dropped = g_string_new (NULL);
      guint n_placed = 0, hash;

      for (guint k = 0; k < self->label_record->len; k++)
        {
          const LabelRecord *record = &g_array_index (self->label_record, LabelRecord, k);
          GString *list = record->placed ? placed : dropped;
          g_autofree char *note = record->mark != NULL ? cx_overlay_mark_label_text (record->mark) : NULL;

          n_placed += record->placed;
          g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "",
                                  note != NULL ? note : g_array_index (self->items, Item, record->item).name);
        }
      hash = g_str_hash (placed->str) ^ (g_str_hash (dropped->str) * 31);
      if (hash != self->label_log_hash)
        g_log ("cx-labels", G_LOG_LEVEL_DEBUG, "labels: %u placed (%s); %u dropped (%s); %u pieces of lines avoided",
               n_placed, placed->str, self->label_record->len - n_placed, dropped->str,
               cx_label_placer_get_n_segments (placer));
      self->label_log_hash = hash;
    }
}

/* Sprites by look, scale and text. */
GHashTable *
cx_overlay_label_cache_new (void)
{
  return g_hash_table_new_full (sprite_key_hash, sprite_key_equal, g_free, label_sprite_free);
}

