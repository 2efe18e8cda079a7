/* cx-import-json.c: a strict JSON reader that streams a FeatureCollection
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cx_json_parse_bytes() checks a document and then has json-glib build the
 * whole tree: about 14 bytes of memory per byte of GeoJSON and no way to
 * report progress or to stop. A 50 MB layer took 680 MB and 8 s that way.
 * This reader applies the same rules (RFC 8259 plus: at most 64 levels, no
 * member name twice in one object, numbers that fit a double, no lone surrogates and no \u0000) with the
 * same messages, builds JsonNodes itself, and hands the features of a
 * FeatureCollection over one at a time, so that only one feature's tree
 * exists at once.
 *
 * Except in foreign data: the "properties" and "id" of a Feature (at the
 * top level, or in the top-level "features" array) are only shown, never
 * acted on, and other tools write them loosely, so one odd value there
 * must not sink a whole file. Within them a member name given twice keeps
 * its last value (as JavaScript's JSON.parse and json-c, so GDAL, do),
 * \u0000 reads as U+2400
 * SYMBOL FOR NULL, and a whole number beyond 64 bits or a number beyond a
 * double is kept as the text it was written as. Everywhere else (the
 * geometry, "type", "crs") those are still refused, but for a whole number
 * beyond 64 bits, which is read as the nearest double.
 *
 * It recurses once per level, which the 64-level limit bounds.
 *
 * Before an element of the streamed array is read, the options' fast
 * element callback may take it whole from the bytes (cx-import-fast.c,
 * for the importer: no tree at all for the common feature); what it
 * leaves is read here as above, from the same byte.
 */

#define G_LOG_DOMAIN "cx-import-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-import-json.h"
#include "cx-json-scanner.h"
#include "cx-json-util.h"
#include "cx-pack-error.h"

/* Numbers longer than this are copied to the heap to be converted. */
#define NUMBER_BUFFER 64

typedef struct
{
  CxJsonScanner              scanner;   /* the text, the position, the problem */
  const CxJsonStreamOptions *options;
  gboolean                   streamed;
  gsize                      next_progress;
  GString                   *scratch;

  /* > 0 inside a Feature's "properties" or "id"; see above. */
  guint                      foreign;
  /* While reading the top-level "features" member. */
  gboolean                   in_features;

  /* On failure: either the scanner's problem, or an error from a
   * callback. */
  GError                    *error;
} Reader;

static JsonNode *read_value (Reader *r);

static gboolean
fail (Reader   *r,
      gsize     pos,
      gboolean  syntax,
      char     *problem)
{
  g_assert (r->error == NULL);

  return cx_json_scanner_fail (&r->scanner, pos, syntax, problem);
}

static inline void
skip_space (Reader *r)
{
  cx_json_scanner_skip_space (&r->scanner);
}

/* Reads the string whose opening quote is at the position into r->scratch. */
static gboolean
read_string (Reader *r)
{
  g_string_truncate (r->scratch, 0);
  return cx_json_scanner_read_string (&r->scanner, r->scratch, r->foreign > 0);
}

static gboolean
report_progress (Reader *r)
{
  const CxJsonStreamOptions *o = r->options;

  r->next_progress = r->scanner.pos + CX_JSON_PROGRESS_STEP;
  if (o == NULL || o->progress_func == NULL)
    return TRUE;

  return o->progress_func (r->scanner.pos, r->scanner.len, o->user_data, &r->error);
}

/* Most numbers in GeoJSON are coordinates like 121.4165123: at most 15
 * significant digits and no exponent. Such a number is an integer below
 * 2^53 divided by an exactly representable power of ten, and one IEEE
 * division rounds that correctly (Clinger's fast path), so strtod(), a
 * fifth of the import's time, is only needed for the rest. */
static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* At most this many significant digits: below 2^53, so exact in a double. */
#define FAST_DIGITS 15

static gboolean
fast_decimal (const char *p,
              const char *end,
              double     *value)
{
  const double *powers = powers_of_ten;
  gboolean negative = FALSE, fraction = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, scale = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; p < end; p++)
    {
      if (*p == '.')
        {
          fraction = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;   /* an exponent */

      mantissa = mantissa * 10 + (guint64) (*p - '0');
      if (mantissa != 0)
        digits++;
      if (fraction)
        scale++;
      if (digits > FAST_DIGITS || scale >= G_N_ELEMENTS (powers_of_ten))
        return FALSE;
    }

  *value = (double) mantissa / powers[scale];
  if (negative)
    *value = -*value;
  return TRUE;
}

/* Almost every number in GeoJSON, in one pass: -?(0|[1-9][0-9]*) of at
 * most 18 digits, which fits 64 bits, or the same with a fraction and
 * within fast_decimal()'s limits, and no exponent. Those are what
 * cx_json_lex_number() takes as CX_JSON_NUMBER_OK, converted as
 * cx_import_json_read_number() converts them after it (the same digits,
 * the same division). FALSE for anything else, without a judgement: it is
 * then lexed and converted the long way, which says what is wrong. */
/* Cheaper than g_ascii_isdigit()'s table, in the loops below. */
#define IS_DIGIT(c) ((guint) ((c) - '0') < 10)

static gboolean
read_common_number (const char   *data,
                    gsize         len,
                    gsize         start,
                    gsize        *end,
                    CxJsonNumber *number)
{
  gsize i = start;
  gboolean negative = FALSE, fraction = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, scale = 0, whole_digits = 0;

  if (data[i] == '-')
    {
      negative = TRUE;
      i++;
    }

  if (i < len && data[i] == '0')
    i++;
  else if (i < len && data[i] >= '1' && data[i] <= '9')
    {
      /* At most 18 digits: one more is refused below. */
      gsize limit = MIN (len, i + 18);

      for (; i < limit && IS_DIGIT (data[i]); i++)
        mantissa = mantissa * 10 + (guint64) (data[i] - '0');
      whole_digits = (guint) (i - start - (negative ? 1 : 0));
    }
  else
    return FALSE;

  if (i < len && IS_DIGIT (data[i]))
    return FALSE;   /* a leading zero, or a 19th digit */

  if (i < len && data[i] == '.')
    {
      gsize first, limit, zeros;

      fraction = TRUE;
      i++;
      first = i;
      /* Fewer digits than powers_of_ten has: a longer one is refused. */
      limit = MIN (len, first + G_N_ELEMENTS (powers_of_ten) - 1);
      for (; i < limit && IS_DIGIT (data[i]); i++)
        mantissa = mantissa * 10 + (guint64) (data[i] - '0');
      scale = (guint) (i - first);
      if (scale == 0 || (i < len && IS_DIGIT (data[i])))
        return FALSE;
      /* fast_decimal()'s count: digits from the first that is not 0 (a
       * mantissa that overflowed on the way has more than 15 of them). */
      for (zeros = 0; whole_digits == 0 && zeros < scale && data[first + zeros] == '0'; zeros++)
        ;
      digits = whole_digits + scale - (guint) zeros;
      if (digits > FAST_DIGITS)
        return FALSE;
    }

  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    return FALSE;

  *end = i;
  if (!fraction)
    {
      number->whole = TRUE;
      number->integer = negative ? -(gint64) mantissa : (gint64) mantissa;
      number->real = (double) number->integer;
      return TRUE;
    }

  number->whole = FALSE;
  number->integer = 0;
  number->real = (double) mantissa / powers_of_ten[scale];
  if (negative)
    number->real = -number->real;
  return TRUE;
}

/**
 * cx_import_json_read_number:
 * @data: the document (need not end in a NUL)
 * @len: its length
 * @start: where the number starts: a `-` or a digit, before @len
 * @end: (out): after the number; where it goes wrong if malformed
 * @number: (out): its value, for %CX_JSON_NUMBER_OK and
 *   %CX_JSON_NUMBER_TOO_LARGE (then the nearest double, not whole)
 *
 * The number as this reader reads it outside a Feature's "properties"
 * and "id": cx_json_lex_number() and the conversion. The fast path
 * (cx-import-fast.c) converts with this too, so that both read every
 * number to the same bits.
 *
 * Returns: what cx_json_lex_number() says of it
 */
CxJsonNumberStatus
cx_import_json_read_number (const char   *data,
                            gsize         len,
                            gsize         start,
                            gsize        *end,
                            CxJsonNumber *number)
{
  CxJsonNumberStatus status;
  gboolean whole;
  char buffer[NUMBER_BUFFER];
  g_autofree char *heap = NULL;
  char *text;

  if (read_common_number (data, len, start, end, number))
    return CX_JSON_NUMBER_OK;

  status = cx_json_lex_number (data, len, start, end, &whole);
  if (status == CX_JSON_NUMBER_MALFORMED || status == CX_JSON_NUMBER_OVERFLOW)
    return status;

  /* A whole number beyond 64 bits is read as the nearest double (RFC 8259
   * §6 allows that); as a coordinate it is then refused as out of range,
   * by its value. */
  if (status == CX_JSON_NUMBER_TOO_LARGE)
    whole = FALSE;

  number->whole = whole;
  if (whole)
    {
      /* cx_json_lex_number() let through only -?(0|[1-9][0-9]*) within
       * ±(2^63 − 1), so this is what g_ascii_strtoll() would give. */
      const char *p = data + start;
      gboolean negative = *p == '-';
      guint64 magnitude = 0;

      for (p += negative; p < data + *end; p++)
        magnitude = magnitude * 10 + (guint64) (*p - '0');
      number->integer = negative ? -(gint64) magnitude : (gint64) magnitude;
      /* What json_node_get_double() gives for a whole number. */
      number->real = (double) number->integer;
      return status;
    }

  number->integer = 0;
  if (fast_decimal (data + start, data + *end, &number->real))
    return status;

  /* The input need not end in a NUL, so the number is copied out. */
  if (*end - start < sizeof buffer)
    {
      memcpy (buffer, data + start, *end - start);
      buffer[*end - start] = '\0';
      text = buffer;
    }
  else
    text = heap = g_strndup (data + start, *end - start);

  number->real = g_ascii_strtod (text, NULL);   /* finite: see cx_json_lex_number() */
  return status;
}

static JsonNode *
read_number (Reader *r)
{
  const char *data = r->scanner.data;
  gsize start = r->scanner.pos;
  gsize i;
  CxJsonNumberStatus status;
  CxJsonNumber number;

  status = cx_import_json_read_number (data, r->scanner.len, start, &i, &number);
  switch (status)
    {
    case CX_JSON_NUMBER_MALFORMED:
      fail (r, i, TRUE, g_strdup (_("a number is malformed")));
      return NULL;
    case CX_JSON_NUMBER_TOO_LARGE:
    case CX_JSON_NUMBER_OVERFLOW:
      if (r->foreign > 0)
        {
          /* Shown as written: "12345678901234567890123" is an identifier
           * more often than a quantity. */
          g_autofree char *digits = g_strndup (data + start, i - start);

          r->scanner.pos = i;
          return json_node_init_string (json_node_alloc (), digits);
        }
      if (status == CX_JSON_NUMBER_OVERFLOW)
        {
          fail (r, start, FALSE, cx_json_describe_overflow (data + start, i - start));
          return NULL;
        }
      break;
    case CX_JSON_NUMBER_OK:
    default:
      break;
    }

  r->scanner.pos = i;
  if (number.whole)
    return json_node_init_int (json_node_alloc (), number.integer);
  return json_node_init_double (json_node_alloc (), number.real);
}

static JsonNode *
read_literal (Reader *r)
{
  CxJsonLiteral literal;

  if (!cx_json_scanner_read_literal (&r->scanner, &literal))
    return NULL;

  switch (literal)
    {
    case CX_JSON_LITERAL_TRUE:
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case CX_JSON_LITERAL_FALSE:
      return json_node_init_boolean (json_node_alloc (), FALSE);
    case CX_JSON_LITERAL_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

static gboolean
open_container (Reader *r)
{
  return cx_json_scanner_open (&r->scanner);
}

/* After an element or a member: "," (TRUE, *more set) or the closing
 * bracket (TRUE, *more unset). */
static gboolean
read_separator (Reader   *r,
                char      close,
                gboolean *more)
{
  skip_space (r);
  if (r->scanner.pos >= r->scanner.len)
    return fail (r, r->scanner.pos, TRUE, g_strdup (_("unexpected end of the text")));

  if (r->scanner.data[r->scanner.pos] == ',')
    {
      r->scanner.pos++;
      *more = TRUE;
      return TRUE;
    }
  if (r->scanner.data[r->scanner.pos] == close)
    {
      r->scanner.pos++;
      r->scanner.depth--;
      *more = FALSE;
      return TRUE;
    }

  if (close == '}')
    return fail (r, r->scanner.pos, TRUE, g_strdup (_("expected “,” or “}”")));
  return fail (r, r->scanner.pos, TRUE, g_strdup (_("expected “,” or “]”")));
}

/* The array at r->scanner.pos, whose elements go to the element callback. */
static gboolean
read_streamed_array (Reader     *r,
                     JsonObject *root)
{
  const CxJsonStreamOptions *o = r->options;
  gboolean more = TRUE;
  guint index = 0;

  if (!open_container (r))
    return FALSE;

  skip_space (r);
  if (r->scanner.pos < r->scanner.len && r->scanner.data[r->scanner.pos] == ']')
    {
      r->scanner.pos++;
      r->scanner.depth--;
      return TRUE;
    }

  while (more)
    {
      JsonNode *element;
      gboolean ok;

      if (r->scanner.pos >= r->next_progress && !report_progress (r))
        return FALSE;

      if (o->fast_element_func != NULL)
        {
          gsize end = 0;

          skip_space (r);
          switch (o->fast_element_func (root, r->scanner.data, r->scanner.len, r->scanner.pos,
                                        index, o->user_data, &end, &r->error))
            {
            case CX_JSON_FAST_HANDLED:
              g_assert (end > r->scanner.pos && end <= r->scanner.len);
              r->scanner.pos = end;
              index++;
              if (!read_separator (r, ']', &more))
                return FALSE;
              continue;
            case CX_JSON_FAST_ERROR:
              g_assert (r->error != NULL);
              return FALSE;
            case CX_JSON_FAST_NOT_MINE:
            default:
              break;
            }
        }

      element = read_value (r);
      if (element == NULL)
        return FALSE;

      ok = o->element_func (root, element, index++, o->user_data, &r->error);
      json_node_unref (element);
      if (!ok)
        return FALSE;

      if (!read_separator (r, ']', &more))
        return FALSE;
    }

  return TRUE;
}

static gboolean
should_stream (Reader     *r,
               JsonObject *object,
               const char *name)
{
  const CxJsonStreamOptions *o = r->options;
  JsonNode *type;

  if (r->scanner.depth != 1 || o == NULL || o->stream_member == NULL || o->element_func == NULL ||
      !g_str_equal (name, o->stream_member) ||
      r->scanner.pos >= r->scanner.len || r->scanner.data[r->scanner.pos] != '[')
    return FALSE;

  type = json_object_get_member (object, "type");
  return type != NULL && JSON_NODE_HOLDS_VALUE (type) &&
         json_node_get_value_type (type) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (type), o->stream_when_type) == 0;
}

/* Whether the member @name of the object being read, at r->scanner.depth, is the
 * "properties" or "id" of a Feature at the top level or in the top-level
 * "features" array (or of whatever else stands there: only a Feature's are
 * ever used). */
static gboolean
is_foreign (Reader     *r,
            const char *name)
{
  if (!g_str_equal (name, "properties") && !g_str_equal (name, "id"))
    return FALSE;
  return r->scanner.depth == 1 || (r->scanner.depth == 3 && r->in_features);
}

static JsonNode *
read_object (Reader *r)
{
  g_autoptr(JsonObject) object = NULL;
  gboolean more = TRUE;

  if (!open_container (r))
    return NULL;

  object = json_object_new ();

  skip_space (r);
  if (r->scanner.pos < r->scanner.len && r->scanner.data[r->scanner.pos] == '}')
    {
      r->scanner.pos++;
      r->scanner.depth--;
      more = FALSE;
    }

  while (more)
    {
      g_autofree char *name = NULL;
      gsize name_pos;
      JsonNode *value;
      gboolean foreign, features;

      if (r->scanner.pos >= r->next_progress && !report_progress (r))
        return NULL;

      skip_space (r);
      if (r->scanner.pos >= r->scanner.len)
        {
          fail (r, r->scanner.pos, TRUE, g_strdup (_("unexpected end of the text")));
          return NULL;
        }
      if (r->scanner.data[r->scanner.pos] != '"')
        {
          fail (r, r->scanner.pos, TRUE, g_strdup (_("expected a member name in double quotes")));
          return NULL;
        }

      name_pos = r->scanner.pos;
      if (!read_string (r))
        return NULL;
      name = g_strndup (r->scratch->str, r->scratch->len);

      if (r->foreign == 0 && json_object_has_member (object, name))
        {
          cx_json_scanner_fail_duplicate (&r->scanner, name_pos, name);
          return NULL;
        }

      skip_space (r);
      if (r->scanner.pos >= r->scanner.len)
        {
          fail (r, r->scanner.pos, TRUE, g_strdup (_("unexpected end of the text")));
          return NULL;
        }
      if (r->scanner.data[r->scanner.pos] != ':')
        {
          fail (r, r->scanner.pos, TRUE, g_strdup (_("expected “:” after a member name")));
          return NULL;
        }
      r->scanner.pos++;
      skip_space (r);

      foreign = is_foreign (r, name);
      features = r->scanner.depth == 1 && g_str_equal (name, "features");
      if (foreign)
        r->foreign++;
      if (features)
        r->in_features = TRUE;

      if (should_stream (r, object, name))
        {
          if (!read_streamed_array (r, object))
            return NULL;
          r->streamed = TRUE;
          /* Kept as an empty array, so that the member still has its type. */
          json_object_set_array_member (object, name, json_array_new ());
        }
      else
        {
          value = read_value (r);
          if (value == NULL)
            return NULL;
          /* In foreign data, a later member of the same name replaces
           * the earlier one (in constant time in json-glib 1.10). */
          json_object_set_member (object, name, value);
        }

      if (foreign)
        r->foreign--;
      if (features)
        r->in_features = FALSE;

      if (!read_separator (r, '}', &more))
        return NULL;
    }

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
read_array (Reader *r)
{
  g_autoptr(JsonArray) array = NULL;
  gboolean more = TRUE;

  if (!open_container (r))
    return NULL;

  array = json_array_new ();

  skip_space (r);
  if (r->scanner.pos < r->scanner.len && r->scanner.data[r->scanner.pos] == ']')
    {
      r->scanner.pos++;
      r->scanner.depth--;
      more = FALSE;
    }

  while (more)
    {
      JsonNode *element;

      if (r->scanner.pos >= r->next_progress && !report_progress (r))
        return NULL;

      element = read_value (r);
      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);

      if (!read_separator (r, ']', &more))
        return NULL;
    }

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
read_value (Reader *r)
{
  char c;

  skip_space (r);
  if (r->scanner.pos >= r->scanner.len)
    {
      fail (r, r->scanner.pos, TRUE, g_strdup (_("unexpected end of the text")));
      return NULL;
    }

  c = r->scanner.data[r->scanner.pos];
  switch (c)
    {
    case '{':
      return read_object (r);
    case '[':
      return read_array (r);
    case '"':
      if (!read_string (r))
        return NULL;
      return json_node_init_string (json_node_alloc (), r->scratch->str);
    default:
      if (c == '-' || g_ascii_isdigit (c))
        return read_number (r);
      return read_literal (r);
    }
}

/**
 * cx_import_json_parse:
 * @bytes: UTF-8 JSON; a leading byte-order mark is skipped
 * @file: how to name the document in errors
 * @options: (nullable): what to stream, and the callbacks
 * @streamed: (out) (optional): whether the stream member's elements went to
 *   the element callback (it is then an empty array in the result)
 *
 * Errors are worded as cx_json_parse_bytes() words them, in %CX_PACK_ERROR,
 * except those of the callbacks, which are passed on as they are.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
JsonNode *
cx_import_json_parse (GBytes                    *bytes,
                      const char                *file,
                      const CxJsonStreamOptions *options,
                      gboolean                  *streamed,
                      GError                   **error)
{
  Reader r = { 0, };
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);

  if (streamed != NULL)
    *streamed = FALSE;

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  if (!cx_json_check_text (&data, &len, file, error))
    return NULL;

  cx_json_scanner_init (&r.scanner, data, len);
  r.options = options;
  r.next_progress = CX_JSON_PROGRESS_STEP;
  r.scratch = g_string_new (NULL);

  root = read_value (&r);
  if (root != NULL)
    {
      skip_space (&r);
      if (r.scanner.pos < r.scanner.len)
        {
          fail (&r, r.scanner.pos, TRUE, g_strdup (_("unexpected text after the end of the JSON value")));
          g_clear_pointer (&root, json_node_unref);
        }
    }

  g_string_free (r.scratch, TRUE);

  if (root == NULL)
    {
      if (r.error != NULL)
        g_propagate_error (error, r.error);
      else
        cx_json_scanner_set_error (&r.scanner, file, error);
      cx_json_scanner_clear (&r.scanner);
      return NULL;
    }

  if (r.options != NULL && r.options->progress_func != NULL &&
      !r.options->progress_func (r.scanner.len, r.scanner.len, r.options->user_data, error))
    return NULL;

  if (streamed != NULL)
    *streamed = r.streamed;

  return g_steal_pointer (&root);
}
