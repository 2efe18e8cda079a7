/* cx-pack-error.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-pack-error"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-pack-error.h"

G_DEFINE_QUARK (cx-pack-error-quark, cx_pack_error)

void
cx_load_context_set_error (const CxLoadContext *ctx,
                           GError             **error,
                           CxPackError          code,
                           const char          *format,
                           ...)
{
  g_autofree char *problem = NULL;
  g_autofree char *id = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->part != NULL)
    {
      g_autofree char *where = NULL;

      id = cx_error_excerpt (ctx->id);
      where = ctx->id != NULL ? g_strdup_printf ("%s %d (“%s”)", ctx->what, ctx->index, id)
                              : g_strdup_printf ("%s %d", ctx->what, ctx->index);
      g_set_error (error, CX_PACK_ERROR, code, "%s: %s, %s: %s", ctx->file, where, ctx->part, problem);
    }
  else if (ctx->what == NULL)
    g_set_error (error, CX_PACK_ERROR, code, "%s: %s", ctx->file, problem);
  else if (ctx->id != NULL)
    {
      /* The id is named before it is checked, so it may be anything. */
      id = cx_error_excerpt (ctx->id);
      g_set_error (error, CX_PACK_ERROR, code, "%s: %s %d (“%s”): %s",
                   ctx->file, ctx->what, ctx->index, id, problem);
    }
  else
    g_set_error (error, CX_PACK_ERROR, code, "%s: %s %d: %s",
                 ctx->file, ctx->what, ctx->index, problem);
}

/**
 * cx_error_excerpt:
 * @text: a value from the input, to be quoted in an error message
 *
 * Error messages quote what they refuse, and they end up in toasts and on
 * terminals. So the quote is cut to %CX_ERROR_EXCERPT_CHARS characters (a
 * 50 MB id would otherwise make a 50 MB message), and control, format and
 * separator characters (terminal escapes, bidi overrides, line breaks) are
 * shown as U+FFFD instead of acting on whatever displays them.
 *
 * Returns: (transfer full): the excerpt
 */
char *
cx_error_excerpt (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == CX_ERROR_EXCERPT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      switch (g_unichar_type (c))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
          g_string_append_unichar (out, 0xFFFD);
          break;
        default:
          g_string_append_unichar (out, c);
          break;
        }
    }

  return g_string_free (out, FALSE);
}
