/* cx-overlay-labels.c: the overlay's labels, placed and drawn as cached sprites
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-overlay-layer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "cx-chinese.h"
#include "cx-overlay-private.h"
#include "cx-palette.h"

typedef struct
{
  double x, y, w, h;
} Box;

static gboolean
box_overlaps (const Box *a,
              const Box *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

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

/* Labels are placed greedily, most important layer first (the top layer),
 * and skipped where they would overlap one already placed. @cr's origin is
 * the frame's centre, turned with the map; @snapshot's is the widget's. */
void
cx_overlay_draw_labels (CxOverlayLayer *self,
                        LabelsMode      mode,
                        cairo_t        *cr,
                        GtkSnapshot    *snapshot,
                        int             scale,
                        const Frame    *f,
                        const CxBounds *visible)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(PangoLayout) layout = mode == LABELS_VECTOR ? pango_cairo_create_layout (cr) : NULL;
  /* Labels stay upright when the map turns: they are laid out in widget
   * space, around where the map's rotation puts their anchor. */
  double c = cos (f->rotation), s = sin (f->rotation);
  const CxMapPalette *palette = cx_map_palette_get (self->dark);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The few items with a name in view (large imported layers have none). */
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (item->name != NULL && cx_bounds_contains (visible, item->label_x, item->label_y))
        g_array_append_val (candidates, i);
    }

  /* Highlighted labels are placed first, so that they always show. */
  for (guint label_pass = 0; label_pass < 2; label_pass++)
  for (guint li = self->n_layers + self->user_layers->len; li-- > 0;)
    {
      for (guint n = 0; n < candidates->len; n++)
        {
          const Item *item = &g_array_index (self->items, Item, g_array_index (candidates, guint, n));
          Emphasis emphasis;

          if (item->order != li)
            continue;
          emphasis = cx_overlay_item_emphasis (self, item);
          if ((emphasis == EMPHASIS_HIGHLIGHTED) != (label_pass == 0))
            continue;
          gboolean is_point = cx_geometry_get_geometry_type (item->projected) == CX_GEOMETRY_POINT;
          gboolean areal = cx_geometry_type_is_areal (cx_geometry_get_geometry_type (item->projected));
          g_autofree char *both = NULL;
          g_autofree char *bounded = NULL;
          LabelLook look;
          LabelSprite *sprite = NULL;
          double ax, ay, w, h;
          double offsets[4][2];
          gboolean done = FALSE;
          gboolean minor;

          if (!cx_overlay_item_visible (self, item) ||
              (!label_wanted (item, f) && emphasis != EMPHASIS_HIGHLIGHTED))
            continue;

          minor = item->minor;
          look.text = item->name;
          if (self->bilingual && item->name_zh != NULL && g_strcmp0 (item->name, item->name_zh) != 0)
            {
              /* For mixed audiences: "Zhongshan Park 中山公园". */
              both = g_strdup_printf ("%s %s", item->name, item->name_zh);
              look.text = both;
            }
          look.text = label_text_bounded (look.text, &bounded);
          look.bold = !minor;
          look.size = (areal ? LABEL_PX_AREA : minor ? LABEL_PX_MINOR : LABEL_PX_POINT) * f->label_scale;
          /* In half pixels, so that frames of a zoom animation share sprites. */
          if (mode != LABELS_VECTOR)
            look.size = round (look.size * 2) / 2;
          look.halo = palette->halo;
          if (emphasis == EMPHASIS_DIMMED)
            look.ink = (CxColor) { palette->text.red, palette->text.green, palette->text.blue, DIMMED_ALPHA + 0.15 };
          else if (minor)
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

          if (mode == LABELS_VECTOR)
            {
              PangoRectangle logical;

              label_layout_set (layout, &look);
              pango_layout_get_pixel_extents (layout, NULL, &logical);
              w = logical.width;
              h = logical.height;
            }
          else
            {
              sprite = label_sprite_get (self, &look, scale);
              w = sprite->width;
              h = sprite->height;
            }

          ax = item->label_x * f->world - f->cx;
          ay = item->label_y * f->world - f->cy;

          if (is_point && !minor)
            {
              double gap = MARKER_RADIUS * f->scale + 5;

              offsets[0][0] = gap;          offsets[0][1] = -h / 2;
              offsets[1][0] = -gap - w;     offsets[1][1] = -h / 2;
              offsets[2][0] = -w / 2;       offsets[2][1] = gap - 2;
              offsets[3][0] = -w / 2;       offsets[3][1] = -gap - h + 2;
            }
          else
            {
              /* Centred on the point (areas, lines, and subdistrict names,
               * which sit just under their small dot). */
              double below = minor ? 4 : -h / 2;

              for (guint k = 0; k < 4; k++)
                {
                  offsets[k][0] = -w / 2;
                  offsets[k][1] = below;
                }
            }

          for (guint k = 0; k < 4 && !done; k++)
            {
              Box box = {
                c * ax - s * ay + offsets[k][0] - 2,
                s * ax + c * ay + offsets[k][1] - 1,
                w + 4, h + 2,
              };
              gboolean clash = FALSE;

              for (guint p = 0; p < placed->len && !clash; p++)
                clash = box_overlaps (&box, &g_array_index (placed, Box, p));
              if (clash)
                continue;

              g_array_append_val (placed, box);
              done = TRUE;

              if (mode == LABELS_VECTOR)
                {
                  cairo_save (cr);
                  cairo_rotate (cr, -f->rotation);
                  label_draw (cr, layout, &look, box.x + 2, box.y + 1);
                  cairo_restore (cr);
                }
              else if (sprite->surface != NULL)
                {
                  /* On whole device pixels, where the text was drawn. */
                  double x = round ((f->width / 2 + box.x + 2 + sprite->ink_x) * scale) / scale;
                  double y = round ((f->height / 2 + box.y + 1 + sprite->ink_y) * scale) / scale;

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
        }
    }
}

/* Sprites by look, scale and text. */
GHashTable *
cx_overlay_label_cache_new (void)
{
  return g_hash_table_new_full (sprite_key_hash, sprite_key_equal, g_free, label_sprite_free);
}

