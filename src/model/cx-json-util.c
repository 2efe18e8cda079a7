/* cx-json-util.c: JSON helpers the readers and writers share
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cx-json-util.h"

/**
 * cx_json_lex_number:
 * @data: the document (need not end in a NUL)
 * @len: its length
 * @start: where the number starts: a `-` or a digit, before @len
 * @end: (out): after the number; where it goes wrong if malformed
 * @whole: (out): whether it has neither a fraction nor an exponent
 *
 * Lexes an RFC 8259 number. Whole numbers must also fit in 64 bits, since
 * json-glib would wrap them around (equal lengths compare as text, so
 * -2^63 itself is refused too, which no document here needs). Other
 * numbers must be finite as doubles: 1e400 would become infinity, and a
 * message about infinity would not name the number that was written
 * (RFC 8259 §6 lets a reader limit the range).
 *
 * Returns: whether it is a number, and a small enough one
 */
CxJsonNumberStatus
cx_json_lex_number (const char *data,
                    gsize       len,
                    gsize       start,
                    gsize      *end,
                    gboolean   *whole)
{
  gsize i = start;
  gsize digits_start;
  gboolean exponent = FALSE;

  *whole = TRUE;

  if (data[i] == '-')
    i++;

  digits_start = i;
  if (i < len && data[i] == '0')
    i++;
  else if (i < len && data[i] >= '1' && data[i] <= '9')
    while (i < len && g_ascii_isdigit (data[i]))
      i++;
  else
    goto malformed;

  if (i < len && g_ascii_isdigit (data[i]))
    goto malformed;   /* a leading zero */

  if (i < len && data[i] == '.')
    {
      *whole = FALSE;
      i++;
      if (i >= len || !g_ascii_isdigit (data[i]))
        goto malformed;
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }

  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    {
      exponent = TRUE;
      *whole = FALSE;
      i++;
      if (i < len && (data[i] == '+' || data[i] == '-'))
        i++;
      if (i >= len || !g_ascii_isdigit (data[i]))
        goto malformed;
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }

  /* Only a number with an exponent, or of more than 300 digits, can be
   * beyond DBL_MAX: only those are converted here, so lexing stays cheap. */
  if (i - start > 300 || exponent)
    {
      g_autofree char *text = g_strndup (data + start, i - start);

      if (!isfinite (g_ascii_strtod (text, NULL)))
        {
          *end = i;
          return CX_JSON_NUMBER_OVERFLOW;
        }
    }

  if (*whole)
    {
      static const char max[] = "9223372036854775807";
      gsize n = i - digits_start;

      if (n > sizeof max - 1 ||
          (n == sizeof max - 1 && memcmp (data + digits_start, max, n) > 0))
        {
          *end = i;
          return CX_JSON_NUMBER_TOO_LARGE;
        }
    }

  *end = i;
  return CX_JSON_NUMBER_OK;

malformed:
  *end = i;
  return CX_JSON_NUMBER_MALFORMED;
}

/**
 * cx_json_generator_to_data:
 * @length: (out) (optional): the length of the text
 *
 * json_generator_to_data(), but always JSON: json-glib 1.6 escapes every
 * control character in a string but U+001F, which it writes as it is, and
 * which RFC 8259 (and our readers) refuse. A raw 0x1F byte can only be in a
 * string (never in UTF-8 sequences or between tokens), so each becomes
 * \u001f.
 *
 * Returns: (transfer full): the text
 */
char *
cx_json_generator_to_data (JsonGenerator *generator,
                           gsize         *length)
{
  gsize raw_length = 0;
  g_autofree char *raw = json_generator_to_data (generator, &raw_length);
  GString *text;

  if (memchr (raw, 0x1f, raw_length) == NULL)
    {
      if (length != NULL)
        *length = raw_length;
      return g_steal_pointer (&raw);
    }

  text = g_string_sized_new (raw_length + 16);
  for (gsize i = 0; i < raw_length; i++)
    {
      if (raw[i] == 0x1f)
        g_string_append (text, "\\u001f");
      else
        g_string_append_c (text, raw[i]);
    }
  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}

/* The member @name if it is a string; %NULL if it is absent or anything
 * else. For members that are only ever shown or compared. */
const char *
cx_json_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Sets *value and returns TRUE if the member @name is a boolean. */
gboolean
cx_json_member_boolean (JsonObject *object,
                        const char *name,
                        gboolean   *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* Sets *value and returns TRUE if @node is a number, and a finite one. */
gboolean
cx_json_node_get_finite (JsonNode *node,
                         double   *value)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_double (node);
  return isfinite (*value);
}
