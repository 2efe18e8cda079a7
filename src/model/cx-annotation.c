/* cx-annotation.c: one mark drawn on the map (a pin with a note, a line, an area, a pen stroke)
 *
 * An annotation is an immutable value. The undo stack keeps the old and the
 * new annotation of each edit, scenes keep the ones saved with them, and the
 * map draws whichever is in the list: none of them has to copy, and none can
 * change under another. An edit is a new annotation with the same id, so the
 * selection follows it.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-annotation"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-annotation.h"
#include "cx-annotations.h"

/* Web Mercator ends here; the map cannot draw a point beyond it. */
#define MAX_LATITUDE 85.0511287798

struct _CxAnnotation
{
  GObject           parent_instance;

  char             *id;
  CxAnnotationKind  kind;
  CxCoord          *points;
  guint             n_points;
  char             *note;      /* never NULL */
  char             *color;     /* "#rrggbb" */
  double            width;     /* line width in px at presentation size 1 */
  double            opacity;
};

G_DEFINE_FINAL_TYPE (CxAnnotation, cx_annotation, G_TYPE_OBJECT)

static const struct
{
  const char *name;
  const char *color;
  double      width;
  double      opacity;
  guint       min_points;
  guint       max_points;
} kinds[] = {
  /* Colours from the presentation palette's accents: distinguishable from
   * the map's layers and from each other with colour-vision deficiencies. */
  [CX_ANNOTATION_PIN]     = { "pin",     "#c0392b", 2,  1.0,  1, 1 },
  [CX_ANNOTATION_LINE]    = { "line",    "#1f5fbf", 4,  1.0,  2, CX_ANNOTATION_MAX_POINTS },
  [CX_ANNOTATION_POLYGON] = { "polygon", "#8e44ad", 3,  1.0,  3, CX_ANNOTATION_MAX_POINTS },
  /* A highlighter: wide and translucent, so what it marks shows through. */
  [CX_ANNOTATION_STROKE]  = { "stroke",  "#f5c400", 14, 0.55, 2, CX_ANNOTATION_MAX_POINTS },
};

static void
cx_annotation_finalize (GObject *object)
{
  CxAnnotation *self = CX_ANNOTATION (object);

  g_free (self->id);
  g_free (self->points);
  g_free (self->note);
  g_free (self->color);

  G_OBJECT_CLASS (cx_annotation_parent_class)->finalize (object);
}

static void
cx_annotation_class_init (CxAnnotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_annotation_finalize;
}

static void
cx_annotation_init (CxAnnotation *self)
{
}

static gboolean
kind_is_valid (CxAnnotationKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kinds);
}

const char *
cx_annotation_kind_to_string (CxAnnotationKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return kinds[kind].name;
}

gboolean
cx_annotation_kind_from_string (const char       *string,
                                CxAnnotationKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (string, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

const char *
cx_annotation_default_color (CxAnnotationKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return kinds[kind].color;
}

/* "#rgb" or "#rrggbb" (simplestyle-spec allows both), as "#rrggbb";
 * NULL for anything else. */
static char *
normalize_color (const char *color)
{
  gsize len;

  if (color == NULL || color[0] != '#')
    return NULL;

  len = strlen (color + 1);
  if (len != 3 && len != 6)
    return NULL;
  for (gsize i = 1; i <= len; i++)
    if (!g_ascii_isxdigit (color[i]))
      return NULL;

  if (len == 3)
    return g_ascii_strdown ((char[]) { '#', color[1], color[1], color[2], color[2], color[3], color[3], 0 }, -1);
  return g_ascii_strdown (color, -1);
}

/**
 * cx_annotation_check:
 *
 * Whether @points and @note make an annotation of @kind: the number of
 * points the kind needs, every point a finite WGS84 position the map can
 * draw, a note of valid UTF-8 no longer than CX_ANNOTATION_MAX_NOTE bytes.
 * The message says what is wrong, for a file that is refused.
 */
gboolean
cx_annotation_check (CxAnnotationKind   kind,
                     const CxCoord     *points,
                     guint              n_points,
                     const char        *note,
                     GError           **error)
{
  if (!kind_is_valid (kind))
    {
      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_FORMAT,
                   _("unknown kind of annotation"));
      return FALSE;
    }

  if (n_points < kinds[kind].min_points)
    {
      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_VALUE,
                   /* Translators: the first %u is at least 2 */
                   ngettext ("has %u point; it needs at least %u",
                             "has %u points; it needs at least %u", n_points),
                   n_points, kinds[kind].min_points);
      return FALSE;
    }
  if (n_points > kinds[kind].max_points)
    {
      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT,
                   ngettext ("has %u point; it may have at most %u",
                             "has %u points; it may have at most %u", n_points),
                   n_points, kinds[kind].max_points);
      return FALSE;
    }

  for (guint i = 0; i < n_points; i++)
    {
      if (!isfinite (points[i].x) || !isfinite (points[i].y)
          || points[i].x < -180 || points[i].x > 180)
        {
          g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_VALUE,
                       _("point %u: longitude %g is outside −180…180"), i + 1, points[i].x);
          return FALSE;
        }
      if (points[i].y < -MAX_LATITUDE || points[i].y > MAX_LATITUDE)
        {
          g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_VALUE,
                       _("point %u: latitude %g is beyond ±85.05°, where the map ends"),
                       i + 1, points[i].y);
          return FALSE;
        }
    }

  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_VALUE,
                   _("the note is not valid UTF-8 text"));
      return FALSE;
    }
  if (note != NULL && strlen (note) > CX_ANNOTATION_MAX_NOTE)
    {
      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT,
                   _("the note is %zu bytes long; a note may be at most %d"),
                   strlen (note), CX_ANNOTATION_MAX_NOTE);
      return FALSE;
    }

  return TRUE;
}

/**
 * cx_annotation_new_full:
 * @id: (nullable): an id to keep (from a file or an edit), or %NULL for a
 *   new one
 * @color: (nullable): "#rgb" or "#rrggbb", or %NULL for the kind's colour
 * @width: a line width in px, or 0 for the kind's
 * @opacity: 0…1, or a negative number for the kind's
 *
 * Returns: (transfer full) (nullable): the annotation, or %NULL where
 * cx_annotation_check() or the colour refuses it (a programming error:
 * readers check first).
 */
CxAnnotation *
cx_annotation_new_full (CxAnnotationKind  kind,
                        const char       *id,
                        const CxCoord    *points,
                        guint             n_points,
                        const char       *note,
                        const char       *color,
                        double            width,
                        double            opacity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  CxAnnotation *self;

  if (!cx_annotation_check (kind, points, n_points, note, &error))
    {
      g_critical ("%s: %s", G_STRFUNC, error->message);
      return NULL;
    }

  normalized = normalize_color (color != NULL ? color : kinds[kind].color);
  g_return_val_if_fail (normalized != NULL, NULL);

  self = g_object_new (CX_TYPE_ANNOTATION, NULL);
  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->kind = kind;
  self->points = g_memdup2 (points, sizeof (CxCoord) * n_points);
  self->n_points = n_points;
  self->note = g_strdup (note != NULL ? note : "");
  self->color = g_steal_pointer (&normalized);
  self->width = width > 0 && isfinite (width) ? CLAMP (width, 0.5, 64) : kinds[kind].width;
  self->opacity = opacity >= 0 && isfinite (opacity) ? CLAMP (opacity, 0, 1) : kinds[kind].opacity;

  return self;
}

/**
 * cx_annotation_new:
 *
 * A new annotation with a new id and the kind's width and opacity.
 *
 * Returns: (transfer full): the annotation
 */
CxAnnotation *
cx_annotation_new (CxAnnotationKind  kind,
                   const CxCoord    *points,
                   guint             n_points,
                   const char       *note,
                   const char       *color)
{
  return cx_annotation_new_full (kind, NULL, points, n_points, note, color, 0, -1);
}

/* Whether @color is one cx_annotation_new_full() takes: "#rgb" or "#rrggbb". */
gboolean
cx_annotation_color_is_valid (const char *color)
{
  g_autofree char *normalized = normalize_color (color);

  return normalized != NULL;
}

const char *
cx_annotation_get_id (CxAnnotation *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), NULL);

  return self->id;
}

CxAnnotationKind
cx_annotation_get_kind (CxAnnotation *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), CX_ANNOTATION_PIN);

  return self->kind;
}

/**
 * cx_annotation_get_points:
 * @n_points: (out) (optional): how many
 *
 * Returns: (transfer none) (array length=n_points): WGS84 longitude (x) and
 * latitude (y); a polygon's outline is not closed
 */
const CxCoord *
cx_annotation_get_points (CxAnnotation *self,
                          guint        *n_points)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), NULL);

  if (n_points != NULL)
    *n_points = self->n_points;
  return self->points;
}

guint
cx_annotation_get_n_points (CxAnnotation *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), 0);

  return self->n_points;
}

const char *
cx_annotation_get_note (CxAnnotation *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), NULL);

  return self->note;
}

const char *
cx_annotation_get_color (CxAnnotation *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), NULL);

  return self->color;
}

double
cx_annotation_get_width (CxAnnotation *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), 0);

  return self->width;
}

double
cx_annotation_get_opacity (CxAnnotation *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), 0);

  return self->opacity;
}

CxBounds
cx_annotation_get_bounds (CxAnnotation *self)
{
  CxBounds bounds;

  cx_bounds_init_empty (&bounds);
  g_return_val_if_fail (CX_IS_ANNOTATION (self), bounds);

  for (guint i = 0; i < self->n_points; i++)
    cx_bounds_extend (&bounds, self->points[i].x, self->points[i].y);
  return bounds;
}

/**
 * cx_annotation_to_geometry:
 *
 * The annotation as a geometry, for measuring it, hit tests and the
 * handout: a Point, a LineString, or a Polygon of one closed ring.
 *
 * Returns: (transfer full): a new geometry
 */
CxGeometry *
cx_annotation_to_geometry (CxAnnotation *self)
{
  CxGeometry *geometry;

  g_return_val_if_fail (CX_IS_ANNOTATION (self), NULL);

  switch (self->kind)
    {
    case CX_ANNOTATION_PIN:
      geometry = cx_geometry_new (CX_GEOMETRY_POINT);
      break;
    case CX_ANNOTATION_POLYGON:
      geometry = cx_geometry_new (CX_GEOMETRY_POLYGON);
      break;
    case CX_ANNOTATION_LINE:
    case CX_ANNOTATION_STROKE:
    default:
      geometry = cx_geometry_new (CX_GEOMETRY_LINE_STRING);
      break;
    }

  for (guint i = 0; i < self->n_points; i++)
    cx_geometry_add_coord (geometry, self->points[i].x, self->points[i].y);
  if (self->kind == CX_ANNOTATION_POLYGON)
    cx_geometry_add_coord (geometry, self->points[0].x, self->points[0].y);
  cx_geometry_close_part (geometry);
  if (self->kind == CX_ANNOTATION_POLYGON)
    cx_geometry_close_polygon (geometry);

  return geometry;
}

/**
 * cx_annotation_same_content:
 *
 * Whether @a and @b are the same mark: everything but the id is equal,
 * points exactly (a GeoJSON round trip writes them with 17 digits).
 */
gboolean
cx_annotation_same_content (CxAnnotation *a,
                            CxAnnotation *b)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (CX_IS_ANNOTATION (b), FALSE);

  return a->kind == b->kind
         && a->n_points == b->n_points
         && memcmp (a->points, b->points, sizeof (CxCoord) * a->n_points) == 0
         && g_str_equal (a->note, b->note)
         && g_str_equal (a->color, b->color)
         && a->width == b->width
         && a->opacity == b->opacity;
}

/**
 * cx_annotation_with_note:
 *
 * Returns: (transfer full) (nullable): a copy of @self, with the same id,
 * whose note is @note; %NULL if the note is too long or not UTF-8
 */
CxAnnotation *
cx_annotation_with_note (CxAnnotation *self,
                         const char   *note)
{
  g_return_val_if_fail (CX_IS_ANNOTATION (self), NULL);

  if (!cx_annotation_check (self->kind, self->points, self->n_points, note, NULL))
    return NULL;

  return cx_annotation_new_full (self->kind, self->id, self->points, self->n_points,
                                 note, self->color, self->width, self->opacity);
}

/**
 * cx_annotation_with_point:
 *
 * Returns: (transfer full) (nullable): a copy of @self, with the same id,
 * whose point @index is at @lon, @lat; %NULL if there is no such point or
 * the position cannot be drawn
 */
CxAnnotation *
cx_annotation_with_point (CxAnnotation *self,
                          guint         index,
                          double        lon,
                          double        lat)
{
  g_autofree CxCoord *points = NULL;

  g_return_val_if_fail (CX_IS_ANNOTATION (self), NULL);

  if (index >= self->n_points)
    return NULL;

  points = g_memdup2 (self->points, sizeof (CxCoord) * self->n_points);
  points[index].x = lon;
  points[index].y = lat;
  if (!cx_annotation_check (self->kind, points, self->n_points, self->note, NULL))
    return NULL;

  return cx_annotation_new_full (self->kind, self->id, points, self->n_points,
                                 self->note, self->color, self->width, self->opacity);
}
