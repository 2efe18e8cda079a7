/* cx-tile-url.c: raster tile URL templates, checked before anything is fetched
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is a web address with placeholders: {z} the zoom level, {x} the
 * column, {y} the row counted from the north (XYZ), or {tmsy} the row
 * counted from the south (TMS). A user types it into Preferences or presets
 * it with GSettings, so every rejection says what to fix in plain words.
 * Both functions take any bytes without crashing; they are fuzzed.
 */

#define G_LOG_DOMAIN "cx-tile-url"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-tile-url.h"

/* Names shown in messages are cut to this many bytes. */
#define MAX_SHOWN_PLACEHOLDER 24

G_DEFINE_QUARK (cx-tile-url-error-quark, cx_tile_url_error)

typedef enum
{
  PLACEHOLDER_NONE,
  PLACEHOLDER_Z,
  PLACEHOLDER_X,
  PLACEHOLDER_Y,
  PLACEHOLDER_TMSY,
} Placeholder;

static const struct
{
  const char  *text;
  gsize        len;
  Placeholder  kind;
} placeholders[] = {
  { "{z}", 3, PLACEHOLDER_Z },
  { "{x}", 3, PLACEHOLDER_X },
  { "{y}", 3, PLACEHOLDER_Y },
  { "{tmsy}", 6, PLACEHOLDER_TMSY },
};

/* The placeholder that starts at @p, and its length, or PLACEHOLDER_NONE. */
static Placeholder
placeholder_at (const char *p,
                gsize      *len)
{
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strncmp (p, placeholders[i].text, placeholders[i].len) == 0)
      {
        *len = placeholders[i].len;
        return placeholders[i].kind;
      }

  return PLACEHOLDER_NONE;
}

static gboolean
check_placeholders (const char  *url_template,
                    gboolean    *seen,
                    GError     **error)
{
  for (const char *p = url_template; *p != '\0'; p++)
    {
      const char *close;
      Placeholder kind;
      gsize len;

      if (*p == '}')
        {
          g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MALFORMED,
                       _("The tile URL has a “}” without a matching “{”"));
          return FALSE;
        }

      if (*p != '{')
        continue;

      kind = placeholder_at (p, &len);
      if (kind != PLACEHOLDER_NONE)
        {
          seen[kind] = TRUE;
          p += len - 1;
          continue;
        }

      close = strpbrk (p + 1, "{}");
      if (close == NULL || *close == '{')
        {
          g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MALFORMED,
                       _("The tile URL has a “{” without a matching “}”"));
          return FALSE;
        }
      else
        {
          g_autofree char *name = g_strndup (p + 1, MIN ((gsize) (close - p - 1), MAX_SHOWN_PLACEHOLDER));

          g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The tile URL contains “{%s}”; only {z}, {x}, {y} and {tmsy} are supported"),
                       name);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * cx_tile_url_template_validate:
 * @url_template: (nullable): a template such as
 *   `https://tile.openstreetmap.org/{z}/{x}/{y}.png`
 * @error: a location for a #CX_TILE_URL_ERROR, with a message for the user
 *
 * Checks a tile URL template: at most %CX_TILE_URL_MAX_LENGTH bytes of
 * printable ASCII (no spaces or control characters; percent-encode anything
 * else); http or https; a server name, without user name or password and
 * without placeholders in it; no fragment; and {z}, {x} and one of {y} or
 * {tmsy}, with no other `{…}`.
 *
 * Returns: %TRUE if @url_template can be used
 */
gboolean
cx_tile_url_template_validate (const char  *url_template,
                               GError     **error)
{
  gboolean seen[PLACEHOLDER_TMSY + 1] = { FALSE, };
  const char *scheme;
  g_autofree char *sample = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *authority, *authority_end;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url_template == NULL || *url_template == '\0')
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_EMPTY,
                   _("Enter the address of a tile server"));
      return FALSE;
    }

  len = strnlen (url_template, CX_TILE_URL_MAX_LENGTH + 1);
  if (len > CX_TILE_URL_MAX_LENGTH)
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_TOO_LONG,
                   _("The tile URL is longer than %d characters"), CX_TILE_URL_MAX_LENGTH);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      guchar c = url_template[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_INVALID_CHARACTER,
                       _("The tile URL must not contain spaces or line breaks (at character %u)"),
                       (guint) i + 1);
          return FALSE;
        }
      /* An escape must be whole in the template itself: "%{z}" would make
       * "%00" out of tile 0 and "%1" elsewhere (found by fuzzing). */
      if (c == '%' && (i + 2 >= len || !g_ascii_isxdigit (url_template[i + 1]) ||
                       !g_ascii_isxdigit (url_template[i + 2])))
        {
          g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MALFORMED,
                       _("A “%%” in the tile URL must begin a complete escape such as %%20 (at character %u)"),
                       (guint) i + 1);
          return FALSE;
        }
      if (c < 0x21 || c > 0x7e)
        {
          g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_INVALID_CHARACTER,
                       _("The tile URL contains a character that is not allowed (at byte %u); "
                         "non-ASCII characters must be percent-encoded"),
                       (guint) i + 1);
          return FALSE;
        }
    }

  scheme = g_uri_peek_scheme (url_template);
  if (scheme == NULL)
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME,
                   _("The tile URL must start with http:// or https://"));
      return FALSE;
    }
  if (!g_str_equal (scheme, "http") && !g_str_equal (scheme, "https"))
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME,
                   _("Only http:// and https:// tile URLs are supported, not “%s:”"), scheme);
      return FALSE;
    }

  if (!check_placeholders (url_template, seen, error))
    return FALSE;

  /* Parse the address the first tile would have: placeholders are not URL
   * syntax, their values are. */
  sample = cx_tile_url_expand (url_template, 1, 0, 1);
  uri = g_uri_parse (sample, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MALFORMED,
                   _("The tile URL is not a valid web address"));
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_NO_HOST,
                   _("The tile URL has no server name, as in https://tile.example.org/{z}/{x}/{y}.png"));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_CREDENTIALS,
                   _("The tile URL must not contain a user name or password"));
      return FALSE;
    }

  if (g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MALFORMED,
                   _("The tile URL must not contain “#”"));
      return FALSE;
    }

  /* A server name that changes with the tile would spread requests over
   * hosts the user never named. The authority is what follows "//" up to
   * the path, query or fragment. */
  authority = strstr (url_template, "//");
  if (authority != NULL)
    {
      authority += 2;
      authority_end = authority + strcspn (authority, "/?#");
      if (memchr (authority, '{', authority_end - authority) != NULL)
        {
          g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_PLACEHOLDER_IN_HOST,
                       _("Placeholders may appear in the path of the tile URL, not in the server name"));
          return FALSE;
        }
    }

  if (!seen[PLACEHOLDER_Z])
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MISSING_PLACEHOLDER,
                   _("The tile URL must contain {z}, the zoom level"));
      return FALSE;
    }
  if (!seen[PLACEHOLDER_X])
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MISSING_PLACEHOLDER,
                   _("The tile URL must contain {x}, the tile column"));
      return FALSE;
    }
  if (!seen[PLACEHOLDER_Y] && !seen[PLACEHOLDER_TMSY])
    {
      g_set_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_MISSING_PLACEHOLDER,
                   _("The tile URL must contain {y}, the tile row"));
      return FALSE;
    }

  return TRUE;
}

/**
 * cx_tile_url_expand:
 * @url_template: a template, normally one that passed
 *   cx_tile_url_template_validate()
 *
 * Replaces every {z}, {x}, {y} and {tmsy} (2^z − 1 − y) with its value; any
 * other text, including unknown placeholders, is copied as it is.
 *
 * Returns: (transfer full): the tile's URL
 */
char *
cx_tile_url_expand (const char *url_template,
                    guint       z,
                    guint       x,
                    guint       y)
{
  GString *url;

  g_return_val_if_fail (url_template != NULL, NULL);

  url = g_string_sized_new (strlen (url_template) + 16);

  for (const char *p = url_template; *p != '\0';)
    {
      gsize len = 0;

      switch (*p == '{' ? placeholder_at (p, &len) : PLACEHOLDER_NONE)
        {
        case PLACEHOLDER_Z:
          g_string_append_printf (url, "%u", z);
          break;
        case PLACEHOLDER_X:
          g_string_append_printf (url, "%u", x);
          break;
        case PLACEHOLDER_Y:
          g_string_append_printf (url, "%u", y);
          break;
        case PLACEHOLDER_TMSY:
          {
            /* Unsigned arithmetic: nonsense input wraps instead of being
             * undefined. */
            guint64 rows = z < 64 ? G_GUINT64_CONSTANT (1) << z : 0;

            g_string_append_printf (url, "%" G_GUINT64_FORMAT, rows - 1 - y);
          }
          break;
        case PLACEHOLDER_NONE:
        default:
          g_string_append_c (url, *p);
          len = 1;
          break;
        }

      p += len;
    }

  return g_string_free (url, FALSE);
}
