/* cx-pack-members.c: the pack loader's JSON member accessors
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-data-pack"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cx-data-pack.h"
#include "cx-geojson.h"
#include "cx-json-scanner.h"
#include "cx-pack-private.h"

/* Text in a pack is a name or a few sentences. A 50 MB "name" would load
 * fine and then freeze the window that lays it out, so it is refused. */
#define CX_PACK_MAX_TEXT_BYTES (64 * 1024)

/* ------------------------------------------------------------------ */
/* Member accessors: each reports the member by name on failure        */
/* ------------------------------------------------------------------ */

gboolean
cx_pack_get_string (JsonObject          *object,
                    const char          *name,
                    gboolean             required,
                    const CxLoadContext *ctx,
                    const char         **out,
                    GError             **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || (!required && JSON_NODE_HOLDS_NULL (node)))
    {
      if (!required)
        return TRUE;
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing"), name);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("“%s” must be a string, not %s"),
                                 name, cx_json_node_type_name (node));
      return FALSE;
    }

  *out = json_node_get_string (node);
  if (required && (*out)[0] == '\0')
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” must not be empty"), name);
      return FALSE;
    }

  if (strlen (*out) > CX_PACK_MAX_TEXT_BYTES)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” is %zu bytes long; text in a pack may be at most %d bytes"),
                                 name, strlen (*out), CX_PACK_MAX_TEXT_BYTES);
      *out = NULL;
      return FALSE;
    }

  return TRUE;
}

gboolean
cx_pack_get_number (JsonObject          *object,
                    const char          *name,
                    gboolean             required,
                    const CxLoadContext *ctx,
                    double              *out,
                    gboolean            *present,
                    GError             **error)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (present)
    *present = FALSE;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing"), name);
      return FALSE;
    }

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("“%s” must be a number, not %s"),
                                 name, cx_json_node_type_name (node));
      return FALSE;
    }

  *out = json_node_get_double (node);
  if (!isfinite (*out))
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” is not a finite number"), name);
      return FALSE;
    }

  if (present)
    *present = TRUE;
  return TRUE;
}

gboolean
cx_pack_get_integer (JsonObject          *object,
                     const char          *name,
                     const CxLoadContext *ctx,
                     gint64               min,
                     gint64               max,
                     gint64              *out,
                     GError             **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing"), name);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("“%s” must be a whole number, not %s"),
                                 name, cx_json_node_type_name (node));
      return FALSE;
    }

  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” is %lld; it must be from %lld to %lld"),
                                 name, (long long) *out, (long long) min, (long long) max);
      return FALSE;
    }

  return TRUE;
}

/* The member @name if it is there and of @type; *out is %NULL when it is
 * absent and not @required. */
static gboolean
get_container (JsonObject          *object,
               const char          *name,
               gboolean             required,
               JsonNodeType         type,
               const CxLoadContext *ctx,
               JsonNode           **out,
               GError             **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL)
    {
      if (!required)
        return TRUE;
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing"), name);
      return FALSE;
    }

  if (json_node_get_node_type (node) != type)
    {
      if (type == JSON_NODE_OBJECT)
        cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                   _("“%s” must be an object, not %s"),
                                   name, cx_json_node_type_name (node));
      else
        cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                   _("“%s” must be an array, not %s"),
                                   name, cx_json_node_type_name (node));
      return FALSE;
    }

  *out = node;
  return TRUE;
}

gboolean
cx_pack_get_object (JsonObject          *object,
                    const char          *name,
                    gboolean             required,
                    const CxLoadContext *ctx,
                    JsonObject         **out,
                    GError             **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_container (object, name, required, JSON_NODE_OBJECT, ctx, &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

gboolean
cx_pack_get_array (JsonObject          *object,
                   const char          *name,
                   gboolean             required,
                   const CxLoadContext *ctx,
                   JsonArray          **out,
                   GError             **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_container (object, name, required, JSON_NODE_ARRAY, ctx, &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

gboolean
cx_pack_get_id (JsonObject          *object,
                const CxLoadContext *ctx,
                const char         **out,
                GError             **error)
{
  if (!cx_pack_get_string (object, "id", TRUE, ctx, out, error))
    return FALSE;

  if (!cx_is_valid_id (*out))
    {
      g_autofree char *quoted = cx_error_excerpt (*out);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("the id “%s” is not valid: use 1–64 of a–z, 0–9 and “-”, starting with a letter"),
                                 quoted);
      return FALSE;
    }

  return TRUE;
}

gboolean
cx_pack_get_names (JsonObject          *object,
                   const char          *name,
                   const CxLoadContext *ctx,
                   char               **en,
                   char               **zh,
                   GError             **error)
{
  JsonObject *names;
  const char *s_en, *s_zh;
  g_autofree char *en_member = g_strdup_printf ("%s.en", name);
  g_autofree char *zh_member = g_strdup_printf ("%s.zh", name);
  JsonNode *n_en, *n_zh;

  if (!cx_pack_get_object (object, name, TRUE, ctx, &names, error))
    return FALSE;

  n_en = json_object_get_member (names, "en");
  n_zh = json_object_get_member (names, "zh");
  s_en = (n_en && JSON_NODE_HOLDS_VALUE (n_en) && json_node_get_value_type (n_en) == G_TYPE_STRING) ? json_node_get_string (n_en) : NULL;
  s_zh = (n_zh && JSON_NODE_HOLDS_VALUE (n_zh) && json_node_get_value_type (n_zh) == G_TYPE_STRING) ? json_node_get_string (n_zh) : NULL;

  if (n_en == NULL || n_zh == NULL)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_MISSING,
                                 _("the required member “%s” is missing"),
                                 n_en == NULL ? en_member : zh_member);
      return FALSE;
    }
  if (s_en == NULL || s_zh == NULL)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("“%s” must be a string, not %s"),
                                 s_en == NULL ? en_member : zh_member,
                                 cx_json_node_type_name (s_en == NULL ? n_en : n_zh));
      return FALSE;
    }
  if (s_en[0] == '\0' || s_zh[0] == '\0')
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” must not be empty"),
                                 s_en[0] == '\0' ? en_member : zh_member);
      return FALSE;
    }
  if (strlen (s_en) > CX_PACK_MAX_TEXT_BYTES || strlen (s_zh) > CX_PACK_MAX_TEXT_BYTES)
    {
      gboolean en_long = strlen (s_en) > CX_PACK_MAX_TEXT_BYTES;

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” is %zu bytes long; text in a pack may be at most %d bytes"),
                                 en_long ? en_member : zh_member,
                                 strlen (en_long ? s_en : s_zh), CX_PACK_MAX_TEXT_BYTES);
      return FALSE;
    }

  *en = g_strdup (s_en);
  *zh = g_strdup (s_zh);
  return TRUE;
}

gboolean
cx_pack_get_date (JsonObject          *object,
                  const char          *name,
                  gboolean             required,
                  const CxLoadContext *ctx,
                  const char         **out,
                  GError             **error)
{
  if (!cx_pack_get_string (object, name, required, ctx, out, error))
    return FALSE;

  if (*out != NULL && !cx_is_valid_date (*out))
    {
      g_autofree char *quoted = cx_error_excerpt (*out);

      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” is “%s”, which is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
                                 name, quoted);
      return FALSE;
    }

  return TRUE;
}

gboolean
cx_pack_get_bounds (JsonObject          *object,
                    const char          *name,
                    const CxLoadContext *ctx,
                    CxBounds            *bounds,
                    GError             **error)
{
  JsonArray *array;
  double v[4];

  if (!cx_pack_get_array (object, name, TRUE, ctx, &array, error))
    return FALSE;

  if (json_array_get_length (array) != 4)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("“%s” must be [west, south, east, north]"), name);
      return FALSE;
    }

  for (guint i = 0; i < 4; i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      GType t = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;

      if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
        {
          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                     _("“%s” must hold four numbers, not %s"),
                                     name, cx_json_node_type_name (n));
          return FALSE;
        }
      v[i] = json_node_get_double (n);
      if (!isfinite (v[i]))
        {
          cx_load_context_set_error (ctx, error, CX_PACK_ERROR_COORDINATE,
                                     _("“%s” holds a number that is not finite"), name);
          return FALSE;
        }
    }

  if (v[0] < -180 || v[2] > 180 || v[1] < -85.0511 || v[3] > 85.0511 ||
      v[0] >= v[2] || v[1] >= v[3])
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_COORDINATE,
                                 _("“%s” is not a box inside the web map's range with west < east and south < north"),
                                 name);
      return FALSE;
    }

  bounds->min_x = v[0];
  bounds->min_y = v[1];
  bounds->max_x = v[2];
  bounds->max_y = v[3];
  return TRUE;
}

