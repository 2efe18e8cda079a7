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
 */

#define G_LOG_DOMAIN "cx-import-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-import-json.h"
#include "cx-json-util.h"
#include "cx-pack-error.h"

/* The same limit as cx_json_parse_bytes(), so that both refuse the same. */
#define MAX_DEPTH 64

/* Numbers longer than this are copied to the heap to be converted. */
#define NUMBER_BUFFER 64

typedef struct
{
  const char                *data;
  gsize                      len;
  gsize                      pos;
  guint                      depth;
  const CxJsonStreamOptions *options;
  gboolean                   streamed;
  gsize                      next_progress;
  GString                   *scratch;

  /* > 0 inside a Feature's "properties" or "id"; see above. */
  guint                      foreign;
  /* While reading the top-level "features" member. */
  gboolean                   in_features;

  /* On failure: either a problem in the text at problem_pos, or an error
   * from a callback. */
  char                      *problem;
  gboolean                   syntax;
  gsize                      problem_pos;
  GError                    *error;
} Reader;

static JsonNode *read_value (Reader *r);

static gboolean
fail (Reader   *r,
      gsize     pos,
      gboolean  syntax,
      char     *problem)
{
  g_assert (r->problem == NULL && r->error == NULL);

  r->problem = problem;
  r->syntax = syntax;
  r->problem_pos = pos;
  return FALSE;
}

static char *
describe_char (const char *p,
               const char *end)
{
  gunichar c;

  if (p >= end)
    return g_strdup (_("unexpected end of the text"));

  c = g_utf8_get_char (p);
  if (c > 0x20 && c < 0x7f)
    return g_strdup_printf (_("unexpected character “%c”"), (char) c);
  return g_strdup_printf (_("unexpected character U+%04X"), c);
}

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

static gboolean
report_progress (Reader *r)
{
  const CxJsonStreamOptions *o = r->options;

  r->next_progress = r->pos + CX_JSON_PROGRESS_STEP;
  if (o == NULL || o->progress_func == NULL)
    return TRUE;

  return o->progress_func (r->pos, r->len, o->user_data, &r->error);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader *r,
           gsize   at,
           guint  *value)
{
  *value = 0;
  if (r->len - at < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int v = hex_value (r->data[at + i]);

      if (v < 0)
        return FALSE;
      *value = *value * 16 + (guint) v;
    }
  return TRUE;
}

/* Reads the string whose opening quote is at r->pos into r->scratch. */
static gboolean
read_string (Reader *r)
{
  const char *data = r->data;
  gsize i = r->pos + 1;

  g_string_truncate (r->scratch, 0);

  for (;;)
    {
      gsize run = i;
      guchar c;

      while (i < r->len && data[i] != '"' && data[i] != '\\' && (guchar) data[i] >= 0x20)
        i++;
      g_string_append_len (r->scratch, data + run, (gssize) (i - run));

      if (i >= r->len)
        return fail (r, i, TRUE, g_strdup (_("a string is not closed")));

      c = (guchar) data[i];
      if (c == '"')
        {
          r->pos = i + 1;
          return TRUE;
        }

      if (c < 0x20)
        return fail (r, i, TRUE,
                     g_strdup_printf (_("a string holds the control character U+%04X; write it as an escape"), c));

      if (i + 1 >= r->len)
        return fail (r, i, TRUE, g_strdup (_("a string is not closed")));

      switch (data[i + 1])
        {
        case '"': case '\\': case '/':
          g_string_append_c (r->scratch, data[i + 1]);
          i += 2;
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          g_string_append_c (r->scratch, "\b\f\n\r\t"[strchr ("bfnrt", data[i + 1]) - "bfnrt"]);
          i += 2;
          break;
        case 'u':
          {
            gsize escape = i;
            guint unit, low;
            gunichar ch;

            if (!read_hex4 (r, i + 2, &unit))
              return fail (r, escape, TRUE, g_strdup (_("a \\u escape needs four hexadecimal digits")));
            i += 6;

            if (unit == 0 && r->foreign > 0)
              {
                g_string_append (r->scratch, "\xE2\x90\x80");   /* U+2400 */
                break;
              }
            if (unit == 0)
              return fail (r, escape, FALSE, g_strdup (_("a string holds a NUL character (\\u0000)")));

            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail (r, escape, FALSE, g_strdup (_("a \\u escape is half of a surrogate pair")));

            ch = unit;
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (r->len - i < 6 || data[i] != '\\' || data[i + 1] != 'u' ||
                    !read_hex4 (r, i + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                  return fail (r, escape, FALSE, g_strdup (_("a \\u escape is half of a surrogate pair")));
                ch = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
              }

            g_string_append_unichar (r->scratch, ch);
            break;
          }
        default:
          {
            g_autofree char *what = describe_char (data + i + 1, data + r->len);

            return fail (r, i, TRUE,
                         g_strdup_printf (_("a string holds an invalid escape (%s after “\\”)"), what));
          }
        }
    }
}

/* Most numbers in GeoJSON are coordinates like 121.4165123: at most 15
 * significant digits and no exponent. Such a number is an integer below
 * 2^53 divided by an exactly representable power of ten, and one IEEE
 * division rounds that correctly (Clinger's fast path), so strtod(), a
 * fifth of the import's time, is only needed for the rest. */
static gboolean
fast_decimal (const char *p,
              const char *end,
              double     *value)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
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
      if (digits > 15 || scale >= G_N_ELEMENTS (powers))
        return FALSE;
    }

  *value = (double) mantissa / powers[scale];
  if (negative)
    *value = -*value;
  return TRUE;
}

static JsonNode *
read_number (Reader *r)
{
  const char *data = r->data;
  gsize start = r->pos;
  gsize i;
  gboolean whole;
  CxJsonNumberStatus status;
  char buffer[NUMBER_BUFFER];
  g_autofree char *heap = NULL;
  char *text;
  JsonNode *node;

  status = cx_json_lex_number (data, r->len, start, &i, &whole);
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

          r->pos = i;
          return json_node_init_string (json_node_alloc (), digits);
        }
      if (status == CX_JSON_NUMBER_OVERFLOW)
        {
          fail (r, start, FALSE, cx_json_describe_overflow (data + start, i - start));
          return NULL;
        }
      /* Elsewhere a whole number beyond 64 bits is read as the nearest
       * double (RFC 8259 §6 allows that); as a coordinate it is then
       * refused as out of range, by its value. */
      whole = FALSE;
      break;
    case CX_JSON_NUMBER_OK:
    default:
      break;
    }

  if (!whole)
    {
      double value;

      if (fast_decimal (data + start, data + i, &value))
        {
          r->pos = i;
          return json_node_init_double (json_node_alloc (), value);
        }
    }

  /* The input need not end in a NUL, so the number is copied out. */
  if (i - start < sizeof buffer)
    {
      memcpy (buffer, data + start, i - start);
      buffer[i - start] = '\0';
      text = buffer;
    }
  else
    text = heap = g_strndup (data + start, i - start);

  node = json_node_alloc ();
  if (whole)
    json_node_init_int (node, g_ascii_strtoll (text, NULL, 10));
  else
    json_node_init_double (node, g_ascii_strtod (text, NULL));   /* finite: see cx_json_lex_number() */

  r->pos = i;
  return node;
}

static JsonNode *
read_literal (Reader *r)
{
  const char *rest = r->data + r->pos;
  gsize left = r->len - r->pos;
  JsonNode *node;

  if (left >= 4 && memcmp (rest, "true", 4) == 0)
    {
      node = json_node_init_boolean (json_node_alloc (), TRUE);
      r->pos += 4;
    }
  else if (left >= 5 && memcmp (rest, "false", 5) == 0)
    {
      node = json_node_init_boolean (json_node_alloc (), FALSE);
      r->pos += 5;
    }
  else if (left >= 4 && memcmp (rest, "null", 4) == 0)
    {
      node = json_node_init_null (json_node_alloc ());
      r->pos += 4;
    }
  else
    {
      fail (r, r->pos, TRUE, describe_char (rest, r->data + r->len));
      return NULL;
    }

  return node;
}

static gboolean
open_container (Reader *r)
{
  if (r->depth >= MAX_DEPTH)
    return fail (r, r->pos, FALSE,
                 g_strdup_printf (_("nested more than %u levels deep"), MAX_DEPTH));

  r->depth++;
  r->pos++;
  return TRUE;
}

/* After an element or a member: "," (TRUE, *more set) or the closing
 * bracket (TRUE, *more unset). */
static gboolean
read_separator (Reader   *r,
                char      close,
                gboolean *more)
{
  skip_space (r);
  if (r->pos >= r->len)
    return fail (r, r->pos, TRUE, g_strdup (_("unexpected end of the text")));

  if (r->data[r->pos] == ',')
    {
      r->pos++;
      *more = TRUE;
      return TRUE;
    }
  if (r->data[r->pos] == close)
    {
      r->pos++;
      r->depth--;
      *more = FALSE;
      return TRUE;
    }

  if (close == '}')
    return fail (r, r->pos, TRUE, g_strdup (_("expected “,” or “}”")));
  return fail (r, r->pos, TRUE, g_strdup (_("expected “,” or “]”")));
}

/* The array at r->pos, whose elements go to the element callback. */
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
  if (r->pos < r->len && r->data[r->pos] == ']')
    {
      r->pos++;
      r->depth--;
      return TRUE;
    }

  while (more)
    {
      JsonNode *element;
      gboolean ok;

      if (r->pos >= r->next_progress && !report_progress (r))
        return FALSE;

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

  if (r->depth != 1 || o == NULL || o->stream_member == NULL || o->element_func == NULL ||
      !g_str_equal (name, o->stream_member) ||
      r->pos >= r->len || r->data[r->pos] != '[')
    return FALSE;

  type = json_object_get_member (object, "type");
  return type != NULL && JSON_NODE_HOLDS_VALUE (type) &&
         json_node_get_value_type (type) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (type), o->stream_when_type) == 0;
}

/* Whether the member @name of the object being read, at r->depth, is the
 * "properties" or "id" of a Feature at the top level or in the top-level
 * "features" array (or of whatever else stands there: only a Feature's are
 * ever used). */
static gboolean
is_foreign (Reader     *r,
            const char *name)
{
  if (!g_str_equal (name, "properties") && !g_str_equal (name, "id"))
    return FALSE;
  return r->depth == 1 || (r->depth == 3 && r->in_features);
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
  if (r->pos < r->len && r->data[r->pos] == '}')
    {
      r->pos++;
      r->depth--;
      more = FALSE;
    }

  while (more)
    {
      g_autofree char *name = NULL;
      gsize name_pos;
      JsonNode *value;
      gboolean foreign, features;

      if (r->pos >= r->next_progress && !report_progress (r))
        return NULL;

      skip_space (r);
      if (r->pos >= r->len)
        {
          fail (r, r->pos, TRUE, g_strdup (_("unexpected end of the text")));
          return NULL;
        }
      if (r->data[r->pos] != '"')
        {
          fail (r, r->pos, TRUE, g_strdup (_("expected a member name in double quotes")));
          return NULL;
        }

      name_pos = r->pos;
      if (!read_string (r))
        return NULL;
      name = g_strndup (r->scratch->str, r->scratch->len);

      if (r->foreign == 0 && json_object_has_member (object, name))
        {
          g_autofree char *excerpt = cx_error_excerpt (name);

          fail (r, name_pos, FALSE,
                g_strdup_printf (_("the member “%s” appears twice in one object, so which one counts would be a guess"),
                                 excerpt));
          return NULL;
        }

      skip_space (r);
      if (r->pos >= r->len)
        {
          fail (r, r->pos, TRUE, g_strdup (_("unexpected end of the text")));
          return NULL;
        }
      if (r->data[r->pos] != ':')
        {
          fail (r, r->pos, TRUE, g_strdup (_("expected “:” after a member name")));
          return NULL;
        }
      r->pos++;
      skip_space (r);

      foreign = is_foreign (r, name);
      features = r->depth == 1 && g_str_equal (name, "features");
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
  if (r->pos < r->len && r->data[r->pos] == ']')
    {
      r->pos++;
      r->depth--;
      more = FALSE;
    }

  while (more)
    {
      JsonNode *element;

      if (r->pos >= r->next_progress && !report_progress (r))
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
  if (r->pos >= r->len)
    {
      fail (r, r->pos, TRUE, g_strdup (_("unexpected end of the text")));
      return NULL;
    }

  c = r->data[r->pos];
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

/* Line and column (in characters) of byte @pos, both from 1. */
static void
position_of (const char *data,
             gsize       pos,
             guint      *line,
             guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < pos; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }

  *column = (guint) g_utf8_strlen (line_start, (gssize) (data + pos - line_start)) + 1;
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

  r.data = data;
  r.len = len;
  r.options = options;
  r.next_progress = CX_JSON_PROGRESS_STEP;
  r.scratch = g_string_new (NULL);

  root = read_value (&r);
  if (root != NULL)
    {
      skip_space (&r);
      if (r.pos < r.len)
        {
          fail (&r, r.pos, TRUE, g_strdup (_("unexpected text after the end of the JSON value")));
          g_clear_pointer (&root, json_node_unref);
        }
    }

  g_string_free (r.scratch, TRUE);

  if (root == NULL)
    {
      if (r.error != NULL)
        g_propagate_error (error, r.error);
      else
        {
          guint line, column;

          position_of (data, r.problem_pos, &line, &column);
          if (r.syntax)
            g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                         _("%s: not valid JSON: %s (line %u, column %u)"),
                         file, r.problem, line, column);
          else
            g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                         _("%s: %s (line %u, column %u)"),
                         file, r.problem, line, column);
          g_free (r.problem);
        }
      return NULL;
    }

  if (r.options != NULL && r.options->progress_func != NULL &&
      !r.options->progress_func (r.len, r.len, r.options->user_data, error))
    return NULL;

  if (streamed != NULL)
    *streamed = r.streamed;

  return g_steal_pointer (&root);
}
