/* cx-json-scanner.c: the strict JSON scanner both readers share
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-json-scanner"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-json-scanner.h"
#include "cx-json-util.h"
#include "cx-pack-error.h"

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

void
cx_json_scanner_init (CxJsonScanner *scanner,
                      const char    *data,
                      gsize          len)
{
  memset (scanner, 0, sizeof *scanner);
  scanner->data = data;
  scanner->len = len;
}

void
cx_json_scanner_clear (CxJsonScanner *scanner)
{
  g_clear_pointer (&scanner->problem, g_free);
}

/* Takes @problem, found at byte @pos. @syntax says whether the text is not
 * JSON at all, or is JSON that is refused. Only the first problem counts.
 * Returns FALSE, for the caller to return. */
gboolean
cx_json_scanner_fail (CxJsonScanner *scanner,
                      gsize          pos,
                      gboolean       syntax,
                      char          *problem)
{
  g_assert (scanner->problem == NULL);

  scanner->problem = problem;
  scanner->problem_pos = pos;
  scanner->syntax = syntax;
  return FALSE;
}

char *
cx_json_describe_char (const char *p,
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

void
cx_json_scanner_skip_space (CxJsonScanner *scanner)
{
  while (scanner->pos < scanner->len)
    {
      char c = scanner->data[scanner->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      scanner->pos++;
    }
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
read_hex4 (CxJsonScanner *scanner,
           gsize          at,
           guint         *value)
{
  *value = 0;
  if (scanner->len - at < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int v = hex_value (scanner->data[at + i]);

      if (v < 0)
        return FALSE;
      *value = *value * 16 + (guint) v;
    }
  return TRUE;
}

/**
 * cx_json_scanner_read_string:
 * @decoded: (nullable): where the string's value is appended, if wanted
 * @lenient_nul: read \u0000 as U+2400 SYMBOL FOR NULL instead of refusing it
 *
 * Reads the string whose opening quote is at the scanner's position, and
 * moves past its closing quote.
 */
gboolean
cx_json_scanner_read_string (CxJsonScanner *scanner,
                             GString       *decoded,
                             gboolean       lenient_nul)
{
  const char *data = scanner->data;
  gsize i = scanner->pos + 1;

  for (;;)
    {
      gsize run = i;
      guchar c;

      /* Plain characters, in one go. */
      while (i < scanner->len && data[i] != '"' && data[i] != '\\' && (guchar) data[i] >= 0x20)
        i++;
      if (decoded != NULL)
        g_string_append_len (decoded, data + run, (gssize) (i - run));

      if (i >= scanner->len)
        return cx_json_scanner_fail (scanner, i, TRUE, g_strdup (_("a string is not closed")));

      c = (guchar) data[i];
      if (c == '"')
        {
          scanner->pos = i + 1;
          return TRUE;
        }

      if (c < 0x20)
        return cx_json_scanner_fail (scanner, i, TRUE,
                                     g_strdup_printf (_("a string holds the control character U+%04X; write it as an escape"), c));

      /* An escape. */
      if (i + 1 >= scanner->len)
        return cx_json_scanner_fail (scanner, i, TRUE, g_strdup (_("a string is not closed")));

      switch (data[i + 1])
        {
        case '"': case '\\': case '/':
          if (decoded != NULL)
            g_string_append_c (decoded, data[i + 1]);
          i += 2;
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          if (decoded != NULL)
            g_string_append_c (decoded, "\b\f\n\r\t"[strchr ("bfnrt", data[i + 1]) - "bfnrt"]);
          i += 2;
          break;
        case 'u':
          {
            gsize escape = i;
            guint unit, low;
            gunichar ch;

            if (!read_hex4 (scanner, i + 2, &unit))
              return cx_json_scanner_fail (scanner, escape, TRUE,
                                           g_strdup (_("a \\u escape needs four hexadecimal digits")));
            i += 6;

            if (unit == 0 && lenient_nul)
              {
                if (decoded != NULL)
                  g_string_append (decoded, "\xE2\x90\x80");   /* U+2400 */
                break;
              }
            if (unit == 0)
              return cx_json_scanner_fail (scanner, escape, FALSE,
                                           g_strdup (_("a string holds a NUL character (\\u0000)")));

            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return cx_json_scanner_fail (scanner, escape, FALSE,
                                           g_strdup (_("a \\u escape is half of a surrogate pair")));

            ch = unit;
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (scanner->len - i < 6 || data[i] != '\\' || data[i + 1] != 'u' ||
                    !read_hex4 (scanner, i + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                  return cx_json_scanner_fail (scanner, escape, FALSE,
                                               g_strdup (_("a \\u escape is half of a surrogate pair")));
                ch = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
              }

            if (decoded != NULL)
              g_string_append_unichar (decoded, ch);
            break;
          }
        default:
          {
            g_autofree char *what = cx_json_describe_char (data + i + 1, data + scanner->len);

            return cx_json_scanner_fail (scanner, i, TRUE,
                                         g_strdup_printf (_("a string holds an invalid escape (%s after “\\”)"), what));
          }
        }
    }
}

/* true, false or null at the scanner's position. */
gboolean
cx_json_scanner_read_literal (CxJsonScanner *scanner,
                              CxJsonLiteral *literal)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint k = 0; k < G_N_ELEMENTS (literals); k++)
    {
      gsize n = strlen (literals[k]);

      if (scanner->len - scanner->pos >= n &&
          memcmp (scanner->data + scanner->pos, literals[k], n) == 0)
        {
          scanner->pos += n;
          *literal = (CxJsonLiteral) k;
          return TRUE;
        }
    }

  return cx_json_scanner_fail (scanner, scanner->pos, TRUE,
                               cx_json_describe_char (scanner->data + scanner->pos,
                                                      scanner->data + scanner->len));
}

/* The "{" or "[" at the scanner's position, one level deeper. */
gboolean
cx_json_scanner_open (CxJsonScanner *scanner)
{
  if (scanner->depth >= CX_JSON_MAX_DEPTH)
    return cx_json_scanner_fail (scanner, scanner->pos, FALSE,
                                 g_strdup_printf (_("nested more than %u levels deep"), CX_JSON_MAX_DEPTH));

  scanner->depth++;
  scanner->pos++;
  return TRUE;
}

/* The member @name, at byte @pos, that its object already has. */
gboolean
cx_json_scanner_fail_duplicate (CxJsonScanner *scanner,
                                gsize          pos,
                                const char    *name)
{
  g_autofree char *excerpt = cx_error_excerpt (name);

  return cx_json_scanner_fail (scanner, pos, FALSE,
                               g_strdup_printf (_("the member “%s” appears twice in one object, so which one counts would be a guess"),
                                                excerpt));
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

/* The scanner's problem as an error in %CX_PACK_ERROR_PARSE, naming @file
 * and the line and column. */
void
cx_json_scanner_set_error (CxJsonScanner *scanner,
                           const char    *file,
                           GError       **error)
{
  guint line, column;

  g_return_if_fail (scanner->problem != NULL);

  position_of (scanner->data, scanner->problem_pos, &line, &column);
  if (scanner->syntax)
    g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                 _("%s: not valid JSON: %s (line %u, column %u)"),
                 file, scanner->problem, line, column);
  else
    g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                 _("%s: %s (line %u, column %u)"),
                 file, scanner->problem, line, column);
}

/**
 * cx_json_describe_overflow:
 * @number: a number as written in the input (need not end in a NUL)
 * @len: its length in bytes
 *
 * Returns: (transfer full): what the readers say of a number beyond the
 *   range of a double, naming it, e.g. "the number 1e400 is too large…"
 */
char *
cx_json_describe_overflow (const char *number,
                           gsize       len)
{
  g_autofree char *text = g_strndup (number, len);
  g_autofree char *excerpt = cx_error_excerpt (text);

  return g_strdup_printf (_("the number %s is too large to be represented (beyond ±1.8e308)"), excerpt);
}

/**
 * cx_json_check_text:
 * @data: (inout): the document; moved past a UTF-8 byte-order mark
 * @len: (inout): its length
 * @file: how to name the document in errors
 *
 * What both JSON readers ask of a document before they read it: UTF-8
 * (RFC 8259 §8.1), no NUL byte, and a value in it. The message says what
 * the text is instead (UTF-16, binary, only white space), since "not valid
 * UTF-8" helps nobody who saved a file from Notepad as "Unicode". Costs
 * one pass over the text.
 *
 * Returns: %FALSE with @error set (in %CX_PACK_ERROR_PARSE) when it is not
 *   such a text
 */
gboolean
cx_json_check_text (const char **data,
                    gsize       *len,
                    const char  *file,
                    GError     **error)
{
  const guchar *u;
  const char *bad;
  const char *nul;
  gsize i;

  if (*len >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *len -= 3;
    }
  u = (const guchar *) *data;

  /* A byte-order mark, or a NUL beside each ASCII character (JSON starts
   * with one), is how UTF-16 and UTF-32 show. */
  if ((*len >= 4 && memcmp (u, "\xFF\xFE\0\0", 4) == 0) ||
      (*len >= 4 && memcmp (u, "\0\0\xFE\xFF", 4) == 0) ||
      (*len >= 4 && u[0] != 0 && u[1] == 0 && u[2] == 0 && u[3] == 0) ||
      (*len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] != 0))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: the file looks like UTF-32 text; JSON must be UTF-8 (save it again as UTF-8)"),
                   file);
      return FALSE;
    }
  if ((*len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
      (*len >= 2 && ((u[0] == 0 && u[1] != 0) || (u[0] != 0 && u[1] == 0))))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: the file looks like UTF-16 text; JSON must be UTF-8 (save it again as UTF-8)"),
                   file);
      return FALSE;
    }

  nul = memchr (*data, '\0', *len);
  if (nul != NULL)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: the file contains a NUL byte (at byte %zu), so it is not a text file"),
                   file, (size_t) (nul - *data));
      return FALSE;
    }

  if (!g_utf8_validate_len (*data, *len, &bad))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: not valid UTF-8 text (at byte %zu)"),
                   file, (size_t) (bad - *data));
      return FALSE;
    }

  for (i = 0; i < *len; i++)
    if ((*data)[i] != ' ' && (*data)[i] != '\t' && (*data)[i] != '\n' && (*data)[i] != '\r')
      break;

  if (*len == 0)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: the file is empty"), file);
      return FALSE;
    }
  if (i == *len)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: the file contains only white space, no JSON value"), file);
      return FALSE;
    }

  return TRUE;
}

const char *
cx_json_node_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING: return "a string";
        case G_TYPE_BOOLEAN: return "a boolean";
        default: return "a number";
        }
    default:
      return "something else";
    }
}

/* ------------------------------------------------------------------ */
/* Strict pre-scan                                                     */
/* ------------------------------------------------------------------ */

/* json-glib 1.6 is built on GScanner and is both lenient and fragile with
 * hostile input: it accepts single-quoted strings, comments and hex
 * numbers, wraps integers that overflow 64 bits, turns a lone \ud800 into
 * invalid UTF-8, takes quadratic time over repeated member names, and
 * recurses once per nesting level. So every document is first checked here,
 * iteratively and in linear time, against RFC 8259 plus these rules: at most
 * CX_JSON_MAX_DEPTH levels, no member name twice in one object, whole
 * numbers that fit in 64 bits, no lone surrogates and no \u0000. Only what
 * passes reaches json-glib. */

typedef enum
{
  SCAN_VALUE,             /* a value must come */
  SCAN_VALUE_OR_CLOSE,    /* just after "[" */
  SCAN_KEY_OR_CLOSE,      /* just after "{" */
  SCAN_KEY,               /* after "," in an object */
  SCAN_COLON,
  SCAN_COMMA_OR_CLOSE,
  SCAN_DONE,
} ScanState;

typedef struct
{
  CxJsonScanner scanner;
  gboolean      in_object[CX_JSON_MAX_DEPTH + 1];
  GHashTable   *keys[CX_JSON_MAX_DEPTH + 1];   /* member names per open object, lazily made */
} Prescan;

/* A member name: scanned like any string, then checked against the names
 * the same object already has. */
static gboolean
scan_key (Prescan *scan)
{
  CxJsonScanner *scanner = &scan->scanner;
  GHashTable **keys = &scan->keys[scanner->depth];
  g_autoptr(GString) name = g_string_new (NULL);
  gsize start = scanner->pos;

  if (!cx_json_scanner_read_string (scanner, name, FALSE))
    return FALSE;

  if (*keys == NULL)
    *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_contains (*keys, name->str))
    return cx_json_scanner_fail_duplicate (scanner, start, name->str);

  g_hash_table_add (*keys, g_string_free (g_steal_pointer (&name), FALSE));
  return TRUE;
}

/* RFC 8259 numbers that fit json-glib (cx_json_lex_number()). */
static gboolean
scan_number (CxJsonScanner *scanner)
{
  gsize end;
  gboolean whole;

  switch (cx_json_lex_number (scanner->data, scanner->len, scanner->pos, &end, &whole))
    {
    case CX_JSON_NUMBER_MALFORMED:
      return cx_json_scanner_fail (scanner, end, TRUE, g_strdup (_("a number is malformed")));
    case CX_JSON_NUMBER_TOO_LARGE:
      return cx_json_scanner_fail (scanner, scanner->pos, FALSE,
                                   g_strdup (_("a whole number is too large (more than 64 bits)")));
    case CX_JSON_NUMBER_OVERFLOW:
      /* json-glib reads it as infinity, and the pack's checks refuse it
       * by the name of what it is ("“value” is not a finite number"). */
    case CX_JSON_NUMBER_OK:
    default:
      scanner->pos = end;
      return TRUE;
    }
}

static gboolean
scan_open (Prescan  *scan,
           gboolean  object)
{
  if (!cx_json_scanner_open (&scan->scanner))
    return FALSE;

  scan->in_object[scan->scanner.depth] = object;
  return TRUE;
}

static void
scan_close (Prescan *scan)
{
  CxJsonScanner *scanner = &scan->scanner;

  if (scan->keys[scanner->depth] != NULL)
    g_hash_table_remove_all (scan->keys[scanner->depth]);
  scanner->depth--;
  scanner->pos++;
}

static ScanState
after_value (Prescan *scan)
{
  return scan->scanner.depth == 0 ? SCAN_DONE : SCAN_COMMA_OR_CLOSE;
}

static gboolean
scan_fail_here (CxJsonScanner *scanner,
                const char    *problem)
{
  return cx_json_scanner_fail (scanner, scanner->pos, TRUE, g_strdup (problem));
}

/* Returns FALSE with the scanner's problem set, or TRUE; *empty is set
 * when the text holds nothing but white space. */
static gboolean
scan_document (Prescan  *scan,
               gboolean *empty)
{
  CxJsonScanner *scanner = &scan->scanner;
  ScanState state = SCAN_VALUE;
  const char *data = scanner->data;

  *empty = FALSE;

  for (;;)
    {
      CxJsonLiteral literal;
      char c;

      cx_json_scanner_skip_space (scanner);

      if (scanner->pos >= scanner->len)
        {
          if (state == SCAN_DONE)
            return TRUE;
          if (state == SCAN_VALUE && scanner->depth == 0)
            {
              *empty = TRUE;
              return TRUE;
            }
          return scan_fail_here (scanner, _("unexpected end of the text"));
        }

      c = data[scanner->pos];

      switch (state)
        {
        case SCAN_VALUE_OR_CLOSE:
          if (c == ']')
            {
              scan_close (scan);
              state = after_value (scan);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case SCAN_VALUE:
          if (c == '{')
            {
              if (!scan_open (scan, TRUE))
                return FALSE;
              state = SCAN_KEY_OR_CLOSE;
            }
          else if (c == '[')
            {
              if (!scan_open (scan, FALSE))
                return FALSE;
              state = SCAN_VALUE_OR_CLOSE;
            }
          else
            {
              gboolean ok;

              if (c == '"')
                ok = cx_json_scanner_read_string (scanner, NULL, FALSE);
              else if (c == '-' || g_ascii_isdigit (c))
                ok = scan_number (scanner);
              else
                ok = cx_json_scanner_read_literal (scanner, &literal);
              if (!ok)
                return FALSE;
              state = after_value (scan);
            }
          break;

        case SCAN_KEY_OR_CLOSE:
          if (c == '}')
            {
              scan_close (scan);
              state = after_value (scan);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case SCAN_KEY:
          if (c != '"')
            return scan_fail_here (scanner, _("expected a member name in double quotes"));
          if (!scan_key (scan))
            return FALSE;
          state = SCAN_COLON;
          break;

        case SCAN_COLON:
          if (c != ':')
            return scan_fail_here (scanner, _("expected “:” after a member name"));
          scanner->pos++;
          state = SCAN_VALUE;
          break;

        case SCAN_COMMA_OR_CLOSE:
          {
            gboolean object = scan->in_object[scanner->depth];
            char close = object ? '}' : ']';

            if (c == close)
              {
                scan_close (scan);
                state = after_value (scan);
                break;
              }
            if (c != ',')
              return scan_fail_here (scanner, object ? _("expected “,” or “}”") : _("expected “,” or “]”"));
            state = object ? SCAN_KEY : SCAN_VALUE;
            scanner->pos++;
            break;
          }

        case SCAN_DONE:
        default:
          return scan_fail_here (scanner, _("unexpected text after the end of the JSON value"));
        }
    }
}

static void
prescan_clear (Prescan *scan)
{
  for (guint i = 0; i < G_N_ELEMENTS (scan->keys); i++)
    g_clear_pointer (&scan->keys[i], g_hash_table_unref);
  cx_json_scanner_clear (&scan->scanner);
}

/* Parses UTF-8 JSON (a leading byte-order mark is skipped) into a node the
 * caller owns. Errors name @file. */
JsonNode *
cx_json_parse_bytes (GBytes      *bytes,
                     const char  *file,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Prescan scan = { 0, };
  gboolean ok, empty;
  const char *data;
  gsize len;
  JsonNode *root;

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  if (!cx_json_check_text (&data, &len, file, error))
    return NULL;

  cx_json_scanner_init (&scan.scanner, data, len);
  ok = scan_document (&scan, &empty);
  if (!ok)
    cx_json_scanner_set_error (&scan.scanner, file, error);
  prescan_clear (&scan);
  if (!ok)
    return NULL;

  if (empty)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: the file is empty"), file);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: not valid JSON: %s"), file, local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: the file is empty"), file);
      return NULL;
    }

  return root;
}
