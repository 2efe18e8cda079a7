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

/* json-glib parses recursively; a hostile file nested deeply enough would
 * overflow the stack, so nesting is checked before it is handed over. */
#define CX_JSON_MAX_DEPTH 64

G_DEFINE_QUARK (cx-pack-error-quark, cx_pack_error)

void
cx_load_context_set_error (const CxLoadContext *ctx,
                           GError             **error,
                           CxPackError          code,
                           const char          *format,
                           ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->what == NULL)
    g_set_error (error, CX_PACK_ERROR, code, "%s: %s", ctx->file, problem);
  else if (ctx->id != NULL)
    g_set_error (error, CX_PACK_ERROR, code, "%s: %s %d (“%s”): %s",
                 ctx->file, ctx->what, ctx->index, ctx->id, problem);
  else
    g_set_error (error, CX_PACK_ERROR, code, "%s: %s %d: %s",
                 ctx->file, ctx->what, ctx->index, problem);
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

static gboolean
check_depth (const char  *data,
             gsize        len,
             guint        max_depth,
             gsize       *offending_offset)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              *offending_offset = i;
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
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
  const char *data;
  const char *bad;
  gsize len;
  gsize offset;
  JsonNode *root;

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (!g_utf8_validate (data, len, &bad))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: not valid UTF-8 text (at byte %" G_GSIZE_FORMAT ")"),
                   file, (gsize) (bad - data));
      return NULL;
    }

  if (!check_depth (data, len, CX_JSON_MAX_DEPTH, &offset))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_PARSE,
                   _("%s: nested more than %u levels deep (at byte %" G_GSIZE_FORMAT ")"),
                   file, CX_JSON_MAX_DEPTH, offset);
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
