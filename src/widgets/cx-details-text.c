/* cx-details-text.c: pack text made safe and quick to show in the details
 *
 * Pack and file text is always set as plain text (a name like "<b>&amp;"
 * shows as typed), and never hands Pango a long unbroken word.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details"

#include "config.h"

#include <string.h>

#include "cx-details-text.h"
#include "cx-format.h"

/* Pango breaks a line inside a long word by trying one place after
 * another, each time measuring again: a 16 KiB word took 15 s. A zero-width
 * space after every CX_DETAILS_MAX_WORD_CHARS characters without a break
 * gives it places to break at, and keeps laying out linear. */
#define CX_DETAILS_MAX_WORD_CHARS 40

/**
 * cx_details_breakable:
 * @text: (nullable): text from a pack or a file
 *
 * Returns: (transfer full) (nullable): @text with places to break it
 */
char *
cx_details_breakable (const char *text)
{
  GString *out;
  guint run = 0;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == '-')
        run = 0;
      else if (++run > CX_DETAILS_MAX_WORD_CHARS)
        {
          g_string_append_unichar (out, 0x200B);
          run = 1;
        }
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * cx_details_shortened:
 *
 * Returns: (transfer full) (nullable): @text cut to @max_chars characters
 *   with "…", or %NULL if it is not longer
 */
char *
cx_details_shortened (const char *text,
                      guint       max_chars)
{
  const char *end = text;
  GString *out;

  if (text == NULL)
    return NULL;

  for (guint i = 0; i < max_chars; i++)
    {
      if (*end == '\0')
        return NULL;
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return NULL;

  out = g_string_new_len (text, end - text);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/**
 * cx_details_other_name:
 *
 * Both scripts: the other one under the name shown, whichever that is.
 *
 * Returns: (transfer full) (nullable): the name to show under @name
 */
char *
cx_details_other_name (const char *name,
                       const char *name_zh,
                       const char *name_en)
{
  return cx_format_other_name (name, name_zh, name_en);
}

/* A template closure: whether a label bound to @text has anything to show. */
gboolean
cx_details_has_text (gpointer    this_object,
                     const char *text)
{
  return text != NULL && text[0] != '\0';
}
