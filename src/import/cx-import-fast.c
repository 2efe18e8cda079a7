/* cx-import-fast.c: the common GeoJSON feature, read without a JSON tree
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The streaming reader (cx-import-json.c) builds a json-glib tree for each
 * element of "features", and cx-import.c walks it: building and freeing
 * the JsonNodes and their hash tables was 60% of an import's time. Almost
 * every element of every file has the same plain shape, though, so this
 * reads that shape straight from the bytes, into scratch space that is
 * reused from one feature to the next:
 *
 *   an object of "type": "Feature", "id" (a string, a number or null),
 *   "properties" (null, or an object whose values are strings, numbers,
 *   true, false or null), "geometry" (null, or an object of exactly
 *   "type" and "coordinates", for Point, MultiPoint, LineString,
 *   MultiLineString, Polygon or MultiPolygon) and "bbox" (an array of
 *   numbers), each at most once; strings without escapes; numbers that
 *   fit; positions of 2 or 3 numbers.
 *
 * It is only ever a shortcut, never a second set of rules: whatever else
 * it meets (another member, an escape, a member twice, a number too large,
 * a position out of range, a short or open ring, an empty array…), and
 * whatever the slow way would refuse, it answers "not mine" and the
 * reader reads the element again the slow way from the same byte, so
 * every refusal keeps its message, position included. It refuses nothing
 * itself. What it accepts it reads to the same values: numbers through
 * the reader's own cx_import_json_read_number(), property texts as
 * cx-import.c's value_display_text() writes them, and positions checked,
 * clamped and counted as cx_geojson_parse_position() does.
 * tests/unit/test-import-fast.c and tests/fuzz/fuzz-import-fast.c import
 * with it and without it (CX_IMPORT_NO_FAST_PATH) and compare.
 *
 * Strings need no UTF-8 check here: cx_json_check_text() has checked the
 * whole document before any reading starts, and a string without escapes
 * is its bytes.
 */

#define G_LOG_DOMAIN "cx-import-fast"

#include "config.h"

#include <string.h>

#include "cx-geojson.h"
#include "cx-import-fast.h"
#include "cx-import-json.h"
#include "cx-import-private.h"

/* A MultiPolygon's positions are arrays 4 deep; nothing deeper is read. */
#define MAX_COORDINATE_DEPTH 4

/* Property names are checked for repeats pairwise up to this many, and
 * through a hash table above. */
#define PAIRWISE_NAMES 8

/* Probes of the hash table per name before the feature is left to the
 * slow way: names made to collide must not make this quadratic. */
#define MAX_PROBES 32

static gint n_read;

/* A property while its texts still move (offsets into CxImportFast.text). */
typedef struct
{
  gsize             key;
  gsize             key_len;
  gsize             text;
  CxImportValueType type;
} PropertyRef;

struct _CxImportFast
{
  /* The feature being read; emptied, not freed, for the next one */
  GString    *text;           /* the id, property names and texts, each ending in a NUL */
  GArray     *refs;           /* PropertyRef */
  GArray     *properties;     /* CxImportProperty, pointing into text */
  GArray     *coords;         /* CxCoord, clamped */
  GArray     *part_ends;      /* guint: coords->len where each array of positions ended */
  GArray     *polygon_ends;   /* guint: part_ends->len where each array of those ended */
  CxGeometry *geometry;
  guint      *slots;          /* the hash table for repeated names: indices in refs */
  guint       n_slots;
};

typedef struct
{
  CxImportFast *fast;
  const char   *data;
  gsize         len;
  gsize         pos;
  guint         n_clamped;
} Reader;

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

/* The same white space as cx_json_scanner_skip_space(). */
static inline void
skip_space (Reader *r)
{
  while (r->pos < r->len)
    {
      char c = r->data[r->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      r->pos++;
    }
}

static inline gboolean
at (Reader *r,
    char    c)
{
  return r->pos < r->len && r->data[r->pos] == c;
}

/* @c, after white space. */
static inline gboolean
expect (Reader *r,
        char    c)
{
  skip_space (r);
  if (!at (r, c))
    return FALSE;
  r->pos++;
  return TRUE;
}

/* After a member or an element: "," (*more set) or @close (*more unset). */
static inline gboolean
read_more (Reader   *r,
           char      close,
           gboolean *more)
{
  skip_space (r);
  if (at (r, ','))
    {
      r->pos++;
      *more = TRUE;
      return TRUE;
    }
  if (at (r, close))
    {
      r->pos++;
      *more = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The bytes that end a run of plain characters in a string: the control
 * characters, '"' and '\\'. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* The string at the position, when it has no escape and no control
 * character: its bytes are then its value. */
static gboolean
read_plain_string (Reader *r,
                   gsize  *start,
                   gsize  *n)
{
  const guchar *data = (const guchar *) r->data;
  gsize i;

  if (!at (r, '"'))
    return FALSE;

  *start = i = r->pos + 1;
  while (i < r->len && !string_stop[data[i]])
    i++;
  if (i >= r->len || data[i] != '"')
    return FALSE;

  *n = i - *start;
  r->pos = i + 1;
  return TRUE;
}

#define IS_WORD(r, start, n, word) \
  ((n) == sizeof (word) - 1 && memcmp ((r)->data + (start), (word), sizeof (word) - 1) == 0)

/* A member name and its ":". */
static inline gboolean
read_name (Reader *r,
           gsize  *start,
           gsize  *n)
{
  skip_space (r);
  if (!read_plain_string (r, start, n) || !expect (r, ':'))
    return FALSE;
  skip_space (r);
  return TRUE;
}

/* A number that the reader reads without a problem, as it reads it. */
static gboolean
read_number (Reader       *r,
             CxJsonNumber *number)
{
  gsize end;
  char c;

  if (r->pos >= r->len)
    return FALSE;
  c = r->data[r->pos];
  if (c != '-' && !g_ascii_isdigit (c))
    return FALSE;

  if (cx_import_json_read_number (r->data, r->len, r->pos, &end, number) != CX_JSON_NUMBER_OK)
    return FALSE;
  r->pos = end;
  return TRUE;
}

static inline gboolean
read_literal (Reader     *r,
              const char *word,
              gsize       n)
{
  if (r->len - r->pos < n || memcmp (r->data + r->pos, word, n) != 0)
    return FALSE;
  r->pos += n;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Texts                                                               */
/* ------------------------------------------------------------------ */

static gsize
keep_text (CxImportFast *fast,
           const char   *text,
           gsize         n)
{
  gsize offset = fast->text->len;

  g_string_append_len (fast->text, text, (gssize) n);
  g_string_append_c (fast->text, '\0');
  return offset;
}

/* The significant digits of the decimal @text (without an exponent) from
 * the first that is not 0 to the last that is not 0; 0 when there is none
 * or when the number is not one append_short_decimal() may take: an
 * exponent, more than 15 integer digits, more than 22 decimals. */
static guint
significant_digits (const char *text,
                    gsize       n)
{
  const char *end = text + n;
  const char *first = NULL, *last = NULL, *point = NULL;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '.')
        point = p;
      else if (*p == 'e' || *p == 'E')
        return 0;
      else if (*p >= '1' && *p <= '9')
        {
          if (first == NULL)
            first = p;
          last = p;
        }
    }

  if (point == NULL || end - point - 1 > 22 || point - text > 16 || first == NULL)
    return 0;
  return (guint) (last - first) + (first < point && last > point ? 0 : 1);
}

/* What cx_import_append_double() writes for @value, read from a decimal of
 * @digits significant digits (1 to 15) in the normal range: the shortest
 * "%.Ng" that reads back as @value, which it finds by trying N = 1, 2, …
 * (a dozen formattings and conversions for 12.3456). It is N = @digits:
 * that many digits give back the decimal, which reads as @value; and no
 * fewer can, since two decimals of at most 15 (DBL_DIG) significant digits
 * that read as the same double are the same decimal. */
static void
append_short_decimal (GString *out,
                      double   value,
                      guint    digits)
{
  static const char * const formats[] = {
    NULL, "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g",
    "%.9g", "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g",
  };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (digits >= 1 && digits < G_N_ELEMENTS (formats));
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, formats[digits], value));
}

/* A number as value_display_text() (cx-import.c) writes json-glib's node
 * of it: a whole number as its int64 in decimal, which is the digits as
 * written but for "-0" (0); any other with cx_import_append_double(), or
 * what that would write, when it can be known in one step. */
static gsize
keep_number_text (Reader             *r,
                  gsize               start,
                  const CxJsonNumber *number)
{
  CxImportFast *fast = r->fast;
  gsize offset = fast->text->len;
  guint digits;

  if (number->whole && number->integer == 0)
    g_string_append_c (fast->text, '0');
  else if (number->whole)
    g_string_append_len (fast->text, r->data + start, (gssize) (r->pos - start));
  else if (number->real != 0 &&
           (digits = significant_digits (r->data + start, r->pos - start)) > 0 && digits <= 15)
    append_short_decimal (fast->text, number->real, digits);
  else
    cx_import_append_double (fast->text, number->real);
  g_string_append_c (fast->text, '\0');
  return offset;
}

/* ------------------------------------------------------------------ */
/* Properties                                                          */
/* ------------------------------------------------------------------ */

static gboolean
read_property_value (Reader      *r,
                     PropertyRef *ref)
{
  CxImportFast *fast = r->fast;
  gsize start = r->pos, n;
  CxJsonNumber number;
  char c;

  if (r->pos >= r->len)
    return FALSE;

  c = r->data[r->pos];
  if (c == '"')
    {
      if (!read_plain_string (r, &start, &n))
        return FALSE;
      ref->type = CX_IMPORT_VALUE_STRING;
      ref->text = keep_text (fast, r->data + start, n);
    }
  else if (c == '-' || g_ascii_isdigit (c))
    {
      /* Beyond 64 bits or a double, "properties" keeps the text as a
       * string: left to the slow way. */
      if (!read_number (r, &number))
        return FALSE;
      ref->type = CX_IMPORT_VALUE_NUMBER;
      ref->text = keep_number_text (r, start, &number);
    }
  else if (read_literal (r, "true", 4))
    {
      ref->type = CX_IMPORT_VALUE_BOOLEAN;
      ref->text = keep_text (fast, "true", 4);
    }
  else if (read_literal (r, "false", 5))
    {
      ref->type = CX_IMPORT_VALUE_BOOLEAN;
      ref->text = keep_text (fast, "false", 5);
    }
  else if (read_literal (r, "null", 4))
    {
      /* read_properties() in cx-import.c gives null the text "null". */
      ref->type = CX_IMPORT_VALUE_NULL;
      ref->text = keep_text (fast, "null", 4);
    }
  else
    return FALSE;   /* an object or an array: compact JSON, the slow way */

  return TRUE;
}

static gboolean
same_name (CxImportFast      *fast,
           const PropertyRef *a,
           const PropertyRef *b)
{
  return a->key_len == b->key_len &&
         memcmp (fast->text->str + a->key, fast->text->str + b->key, a->key_len) == 0;
}

/* Whether a name is given twice, which "properties" allows (the last
 * value counts) but which is left to the slow way. */
static gboolean
has_repeated_name (CxImportFast *fast)
{
  const PropertyRef *refs = (const PropertyRef *) (gpointer) fast->refs->data;
  guint n = fast->refs->len;
  guint mask;

  if (n <= PAIRWISE_NAMES)
    {
      for (guint i = 1; i < n; i++)
        for (guint j = 0; j < i; j++)
          if (same_name (fast, &refs[i], &refs[j]))
            return TRUE;
      return FALSE;
    }

  if (fast->n_slots < 2 * n)
    {
      while (fast->n_slots < 2 * n)
        fast->n_slots = MAX (fast->n_slots * 2, 64);
      g_free (fast->slots);
      fast->slots = g_new (guint, fast->n_slots);
    }
  memset (fast->slots, 0xff, fast->n_slots * sizeof (guint));
  mask = fast->n_slots - 1;

  for (guint i = 0; i < n; i++)
    {
      guint slot = g_str_hash (fast->text->str + refs[i].key) & mask;
      guint probes = 0;

      while (fast->slots[slot] != G_MAXUINT)
        {
          if (same_name (fast, &refs[i], &refs[fast->slots[slot]]) || ++probes > MAX_PROBES)
            return TRUE;
          slot = (slot + 1) & mask;
        }
      fast->slots[slot] = i;
    }

  return FALSE;
}

/* The object at the position. */
static gboolean
read_properties (Reader *r)
{
  CxImportFast *fast = r->fast;
  gboolean more = TRUE;

  r->pos++;
  skip_space (r);
  if (at (r, '}'))
    {
      r->pos++;
      return TRUE;
    }

  while (more)
    {
      PropertyRef ref;
      gsize start, n;

      if (!read_name (r, &start, &n))
        return FALSE;
      ref.key = keep_text (fast, r->data + start, n);
      ref.key_len = n;
      if (!read_property_value (r, &ref))
        return FALSE;
      g_array_append_val (fast->refs, ref);

      if (!read_more (r, '}', &more))
        return FALSE;
    }

  return !has_repeated_name (fast);
}

/* ------------------------------------------------------------------ */
/* Geometry                                                            */
/* ------------------------------------------------------------------ */

/* The numbers of a position, from the first (after "[") to "]", checked,
 * clamped and counted as cx_geojson_parse_position() does; anything it
 * would refuse is left to it, to say so. */
static gboolean
read_position (Reader *r)
{
  CxJsonNumber number;
  CxCoord coord;
  double values[3];
  gboolean more = TRUE;
  guint n = 0;

  while (more)
    {
      /* More than an altitude is valid, and rare: the slow way. */
      if (n == G_N_ELEMENTS (values))
        return FALSE;

      skip_space (r);
      if (!read_number (r, &number))
        return FALSE;
      values[n++] = number.real;

      if (!read_more (r, ']', &more))
        return FALSE;
    }

  if (n < 2)
    return FALSE;

  coord.x = values[0];
  coord.y = values[1];
  if (coord.x < -180 || coord.x > 180 || coord.y < -90 || coord.y > 90)
    return FALSE;
  if (coord.y < -CX_GEOJSON_MAX_LATITUDE || coord.y > CX_GEOJSON_MAX_LATITUDE)
    {
      coord.y = CLAMP (coord.y, -CX_GEOJSON_MAX_LATITUDE, CX_GEOJSON_MAX_LATITUDE);
      r->n_clamped++;
    }

  g_array_append_val (r->fast->coords, coord);
  return TRUE;
}

/* The array at the position, @level deep in "coordinates" (1 for
 * "coordinates" itself), whatever the type: *depth is 1 for a position, 2
 * for an array of positions, and so on. All its elements must be equally
 * deep, and no array empty (an empty geometry is read the slow way).
 * The ends of the arrays of positions, and of arrays of those, are noted
 * for build_geometry(). */
static gboolean
read_coordinates (Reader *r,
                  guint   level,
                  guint  *depth)
{
  CxImportFast *fast = r->fast;
  gboolean more = TRUE;
  guint inner = 0;

  if (!at (r, '['))
    return FALSE;
  r->pos++;
  skip_space (r);

  if (!at (r, '['))
    {
      *depth = 1;
      return read_position (r);
    }

  if (level >= MAX_COORDINATE_DEPTH)
    return FALSE;

  while (more)
    {
      guint element_depth;

      skip_space (r);
      if (!read_coordinates (r, level + 1, &element_depth))
        return FALSE;
      if (inner != 0 && element_depth != inner)
        return FALSE;
      inner = element_depth;

      if (!read_more (r, ']', &more))
        return FALSE;
    }

  *depth = inner + 1;
  if (*depth == 2)
    {
      guint end = fast->coords->len;

      g_array_append_val (fast->part_ends, end);
    }
  else if (*depth == 3)
    {
      guint end = fast->part_ends->len;

      g_array_append_val (fast->polygon_ends, end);
    }
  return TRUE;
}

/* The static type names cx-import.c's supported_type() gives. */
static const char *
geometry_type_name (Reader *r,
                    gsize   start,
                    gsize   n)
{
  static const char * const names[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (n == strlen (names[i]) && memcmp (r->data + start, names[i], n) == 0)
      return names[i];
  return NULL;
}

/* Part @part of the positions read. */
static const CxCoord *
part_coords (CxImportFast *fast,
             guint         part,
             guint        *n)
{
  const guint *ends = (const guint *) (gpointer) fast->part_ends->data;
  guint start = part == 0 ? 0 : ends[part - 1];

  *n = ends[part] - start;
  return &g_array_index (fast->coords, CxCoord, start);
}

/* What cx_geojson_parse_geometry() (and parse_multi_point() in
 * cx-import.c) make of coordinates @depth deep for @type, when they
 * accept them: lines of 2 positions or more, rings of 4 or more whose last
 * repeats the first (compared after clamping, as there). */
static gboolean
build_geometry (CxImportFast *fast,
                const char   *type,
                guint         depth)
{
  const CxCoord *coords = (const CxCoord *) (gpointer) fast->coords->data;
  CxGeometry *geometry = fast->geometry;
  gboolean areal = g_str_equal (type, "Polygon") || g_str_equal (type, "MultiPolygon");
  guint min_positions = areal ? 4 : 2;
  guint n_parts = fast->part_ends->len;

  if (g_str_equal (type, "Point"))
    {
      if (depth != 1)
        return FALSE;
      cx_geometry_reset (geometry, CX_GEOMETRY_POINT);
      cx_geometry_add_coords (geometry, coords, 1);
      cx_geometry_close_part (geometry);
      return TRUE;
    }

  if (g_str_equal (type, "MultiPoint"))
    {
      if (depth != 2)
        return FALSE;
      /* One part per point, as parse_multi_point() makes it. */
      cx_geometry_reset (geometry, CX_GEOMETRY_POINT);
      for (guint i = 0; i < fast->coords->len; i++)
        {
          cx_geometry_add_coords (geometry, &coords[i], 1);
          cx_geometry_close_part (geometry);
        }
      return TRUE;
    }

  if (depth != (g_str_equal (type, "LineString") ? 2 :
                g_str_equal (type, "MultiPolygon") ? 4 : 3))
    return FALSE;

  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const CxCoord *part = part_coords (fast, p, &n);

      if (n < min_positions)
        return FALSE;
      if (areal && (part[0].x != part[n - 1].x || part[0].y != part[n - 1].y))
        return FALSE;
    }

  if (g_str_equal (type, "LineString"))
    cx_geometry_reset (geometry, CX_GEOMETRY_LINE_STRING);
  else if (g_str_equal (type, "MultiLineString"))
    cx_geometry_reset (geometry, CX_GEOMETRY_MULTI_LINE_STRING);
  else if (g_str_equal (type, "Polygon"))
    cx_geometry_reset (geometry, CX_GEOMETRY_POLYGON);
  else
    cx_geometry_reset (geometry, CX_GEOMETRY_MULTI_POLYGON);

  if (!areal)
    {
      for (guint p = 0; p < n_parts; p++)
        {
          guint n;
          const CxCoord *part = part_coords (fast, p, &n);

          cx_geometry_add_coords (geometry, part, n);
          cx_geometry_close_part (geometry);
        }
      return TRUE;
    }

  /* A Polygon's rings are one polygon; a MultiPolygon's, one per array
   * of rings. */
  for (guint k = 0, p = 0; k < fast->polygon_ends->len; k++)
    {
      guint polygon_end = g_array_index (fast->polygon_ends, guint, k);

      for (; p < polygon_end; p++)
        {
          guint n;
          const CxCoord *part = part_coords (fast, p, &n);

          cx_geometry_add_coords (geometry, part, n);
          cx_geometry_close_part (geometry);
        }
      cx_geometry_close_polygon (geometry);
    }
  return TRUE;
}

/* The object at the position: exactly "type" and "coordinates". */
static gboolean
read_geometry (Reader      *r,
               const char **type)
{
  gboolean more = TRUE;
  gboolean have_coordinates = FALSE;
  guint depth = 0;

  *type = NULL;
  r->pos++;

  while (more)
    {
      gsize start, n;

      if (!read_name (r, &start, &n))
        return FALSE;

      if (IS_WORD (r, start, n, "type") && *type == NULL)
        {
          if (!read_plain_string (r, &start, &n))
            return FALSE;
          *type = geometry_type_name (r, start, n);
          if (*type == NULL)
            return FALSE;
        }
      else if (IS_WORD (r, start, n, "coordinates") && !have_coordinates)
        {
          if (!read_coordinates (r, 1, &depth))
            return FALSE;
          have_coordinates = TRUE;
        }
      else
        return FALSE;

      if (!read_more (r, '}', &more))
        return FALSE;
    }

  return *type != NULL && have_coordinates && build_geometry (r->fast, *type, depth);
}

/* ------------------------------------------------------------------ */
/* Features                                                            */
/* ------------------------------------------------------------------ */

/* "bbox" is read and not used: an array of numbers. */
static gboolean
read_bbox (Reader *r)
{
  CxJsonNumber number;
  gboolean more = TRUE;

  if (!at (r, '['))
    return FALSE;
  r->pos++;
  skip_space (r);
  if (at (r, ']'))
    {
      r->pos++;
      return TRUE;
    }

  while (more)
    {
      skip_space (r);
      if (!read_number (r, &number) || !read_more (r, ']', &more))
        return FALSE;
    }
  return TRUE;
}

/* The "id": a string, a number (as value_display_text() writes it) or
 * null (none). */
static gboolean
read_id (Reader *r,
         gsize  *id)
{
  CxJsonNumber number;
  gsize start = r->pos, n;

  if (at (r, '"'))
    {
      if (!read_plain_string (r, &start, &n))
        return FALSE;
      *id = keep_text (r->fast, r->data + start, n);
      return TRUE;
    }
  if (read_literal (r, "null", 4))
    return TRUE;
  if (!read_number (r, &number))
    return FALSE;
  *id = keep_number_text (r, start, &number);
  return TRUE;
}

static gboolean
read_feature (Reader      *r,
              gsize       *id,
              const char **type,
              gboolean    *located)
{
  gboolean more = TRUE;
  gboolean seen_type = FALSE, seen_id = FALSE, seen_properties = FALSE;
  gboolean seen_geometry = FALSE, seen_bbox = FALSE;

  if (!at (r, '{'))
    return FALSE;
  r->pos++;

  while (more)
    {
      gsize start, n;

      if (!read_name (r, &start, &n))
        return FALSE;

      if (IS_WORD (r, start, n, "type") && !seen_type)
        {
          if (!read_plain_string (r, &start, &n) || !IS_WORD (r, start, n, "Feature"))
            return FALSE;
          seen_type = TRUE;
        }
      else if (IS_WORD (r, start, n, "id") && !seen_id)
        {
          if (!read_id (r, id))
            return FALSE;
          seen_id = TRUE;
        }
      else if (IS_WORD (r, start, n, "properties") && !seen_properties)
        {
          if (at (r, '{'))
            {
              if (!read_properties (r))
                return FALSE;
            }
          else if (!read_literal (r, "null", 4))
            return FALSE;
          seen_properties = TRUE;
        }
      else if (IS_WORD (r, start, n, "geometry") && !seen_geometry)
        {
          if (at (r, '{'))
            {
              if (!read_geometry (r, type))
                return FALSE;
              *located = TRUE;
            }
          else if (!read_literal (r, "null", 4))
            return FALSE;
          seen_geometry = TRUE;
        }
      else if (IS_WORD (r, start, n, "bbox") && !seen_bbox)
        {
          if (!read_bbox (r))
            return FALSE;
          seen_bbox = TRUE;
        }
      else
        return FALSE;

      if (!read_more (r, '}', &more))
        return FALSE;
    }

  return seen_type && seen_geometry;
}

gboolean
cx_import_fast_enabled (void)
{
  const char *off = g_getenv (CX_IMPORT_NO_FAST_PATH_ENV);

  return off == NULL || off[0] == '\0' || g_str_equal (off, "0");
}

CxImportFast *
cx_import_fast_new (void)
{
  CxImportFast *fast = g_new0 (CxImportFast, 1);

  fast->text = g_string_sized_new (256);
  fast->refs = g_array_new (FALSE, FALSE, sizeof (PropertyRef));
  fast->properties = g_array_new (FALSE, FALSE, sizeof (CxImportProperty));
  fast->coords = g_array_new (FALSE, FALSE, sizeof (CxCoord));
  fast->part_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  fast->polygon_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  fast->geometry = cx_geometry_new (CX_GEOMETRY_POINT);
  return fast;
}

void
cx_import_fast_free (CxImportFast *fast)
{
  if (fast == NULL)
    return;

  g_string_free (fast->text, TRUE);
  g_array_unref (fast->refs);
  g_array_unref (fast->properties);
  g_array_unref (fast->coords);
  g_array_unref (fast->part_ends);
  g_array_unref (fast->polygon_ends);
  cx_geometry_unref (fast->geometry);
  g_free (fast->slots);
  g_free (fast);
}

/**
 * cx_import_fast_read:
 * @data: the whole document, checked by cx_json_check_text()
 * @len: its length
 * @pos: where the element of "features" starts (after white space)
 * @index: its index in "features"
 * @end: (out): after the element, when read
 * @feature: (out): the feature, when %CX_IMPORT_FAST_FEATURE: borrowed, and
 *   valid until the next call (its geometry too: copy what you keep)
 * @n_clamped: (out): positions drawn at ±85.05° latitude, when read
 *
 * Returns: what the element was; %CX_IMPORT_FAST_NOT_MINE when it is to be
 *   read the slow way
 */
CxImportFastResult
cx_import_fast_read (CxImportFast        *fast,
                     const char          *data,
                     gsize                len,
                     gsize                pos,
                     guint                index,
                     gsize               *end,
                     CxImportFeatureInfo *feature,
                     guint               *n_clamped)
{
  Reader r = { fast, data, len, pos, 0 };
  const PropertyRef *refs;
  const char *type = NULL;
  gboolean located = FALSE;
  gsize id = G_MAXSIZE;

  g_string_truncate (fast->text, 0);
  g_array_set_size (fast->refs, 0);
  g_array_set_size (fast->coords, 0);
  g_array_set_size (fast->part_ends, 0);
  g_array_set_size (fast->polygon_ends, 0);

  if (!read_feature (&r, &id, &type, &located))
    return CX_IMPORT_FAST_NOT_MINE;

  *end = r.pos;
  g_atomic_int_inc (&n_read);
  if (!located)
    return CX_IMPORT_FAST_UNLOCATED;

  /* The texts have stopped moving. */
  refs = (const PropertyRef *) (gpointer) fast->refs->data;
  g_array_set_size (fast->properties, fast->refs->len);
  for (guint i = 0; i < fast->refs->len; i++)
    {
      CxImportProperty *property = &g_array_index (fast->properties, CxImportProperty, i);

      property->key = fast->text->str + refs[i].key;
      property->text = fast->text->str + refs[i].text;
      property->type = refs[i].type;
    }

  feature->source_index = index;
  feature->id = id != G_MAXSIZE ? fast->text->str + id : NULL;
  feature->geojson_type = type;
  feature->geometry = fast->geometry;
  feature->properties = (const CxImportProperty *) (gpointer) fast->properties->data;
  feature->n_properties = fast->properties->len;
  *n_clamped = r.n_clamped;
  return CX_IMPORT_FAST_FEATURE;
}

guint
cx_import_fast_get_n_read (void)
{
  return (guint) g_atomic_int_get (&n_read);
}
