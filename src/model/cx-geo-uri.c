/* cx-geo-uri.c: RFC 5870 geo: URIs
 *
 * A geo: URI arrives from outside (the command line, another app, a link a
 * colleague sent), so it is read strictly: RFC 5870 numbers only (no
 * exponents, no NaN or Infinity), WGS 84 only, and every coordinate checked
 * against its range before anyone uses it.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-geo-uri"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cx-data-pack.h"
#include "cx-geo-uri.h"

G_DEFINE_QUARK (cx-geo-uri-error-quark, cx_geo_uri_error)

/* RFC 5870: num = [ "-" ] pnum; pnum = 1*DIGIT [ "." 1*DIGIT ]. Advances
 * *p past the number and returns TRUE, or leaves *p alone and returns FALSE. */
static gboolean
parse_number (const char **p,
              gboolean     allow_minus,
              double      *value)
{
  const char *start = *p;
  const char *q = start;
  g_autofree char *text = NULL;

  if (allow_minus && *q == '-')
    q++;
  if (!g_ascii_isdigit (*q))
    return FALSE;
  while (g_ascii_isdigit (*q))
    q++;
  if (*q == '.')
    {
      q++;
      if (!g_ascii_isdigit (*q))
        return FALSE;
      while (g_ascii_isdigit (*q))
        q++;
    }

  /* Copied so that strtod cannot read past what was checked (an exponent
   * right after the digits, say). */
  text = g_strndup (start, (gsize) (q - start));
  *value = g_ascii_strtod (text, NULL);
  *p = q;
  return TRUE;
}

/* RFC 5870 paramchar: unreserved, "[]:&+$" or a %XX escape. */
static gsize
paramchar_span (const char *p)
{
  const char *q = p;

  for (;;)
    {
      if (*q != '\0' && (g_ascii_isalnum (*q) || strchr ("-._~[]:&+$", *q) != NULL))
        q++;
      else if (*q == '%' && g_ascii_isxdigit (q[1]) && g_ascii_isxdigit (q[2]))
        q += 3;
      else
        break;
    }

  return (gsize) (q - p);
}

static gsize
labeltext_span (const char *p)
{
  const char *q = p;

  while (g_ascii_isalnum (*q) || *q == '-')
    q++;

  return (gsize) (q - p);
}

static gboolean
unexpected (const char  *uri,
            const char  *p,
            GError     **error)
{
  g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
               _("The geo: location has unexpected text at character %u"),
               (guint) (p - uri) + 1);
  return FALSE;
}

/* ;crs=…, ;u=… and any other ;name[=value]. */
static gboolean
parse_parameters (const char  *uri,
                  const char **p,
                  GError     **error)
{
  gboolean seen_crs = FALSE;

  while (**p == ';')
    {
      const char *name = *p + 1;
      gsize name_len = labeltext_span (name);
      const char *value = NULL;
      gsize value_len = 0;

      if (name_len == 0)
        return unexpected (uri, name, error);

      *p = name + name_len;
      if (**p == '=')
        {
          value = *p + 1;
          value_len = paramchar_span (value);
          if (value_len == 0)
            return unexpected (uri, value, error);
          *p = value + value_len;
        }

      if (name_len == 3 && g_ascii_strncasecmp (name, "crs", 3) == 0)
        {
          g_autofree char *label = NULL;

          if (seen_crs)
            {
              g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                           _("The geo: location names its coordinate system twice"));
              return FALSE;
            }
          seen_crs = TRUE;

          if (value == NULL || labeltext_span (value) != value_len)
            return unexpected (uri, value != NULL ? value : *p, error);

          label = g_strndup (value, value_len);
          if (g_ascii_strcasecmp (label, "wgs84") != 0)
            {
              g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_UNSUPPORTED_CRS,
                           _("The geo: location uses the coordinate system “%s”; only WGS 84 (crs=wgs84) is supported"),
                           label);
              return FALSE;
            }
        }
      /* ;u= (uncertainty in metres) and unknown parameters change nothing
       * the map can show, so they are ignored, as RFC 5870 allows. */
    }

  return TRUE;
}

/* ?z=N (the zoom convention of desktop and mobile map apps) and
 * thematic=ID (this app's: a statistic shown on the map); other query
 * members, such as q=, are ignored. */
static gboolean
parse_query (const char  *uri,
             const char **p,
             double      *zoom,
             char       **thematic,
             GError     **error)
{
  gboolean seen_zoom = FALSE;

  if (**p != '?')
    return TRUE;

  do
    {
      const char *key = *p + 1;
      const char *q = key;

      /* Printable ASCII other than the separators; anything else (spaces,
       * control characters, raw UTF-8) is not part of a URI. */
      while (*q > ' ' && *q < 0x7f && *q != '&' && *q != '#')
        q++;

      if (q - key >= 2 && key[0] == 'z' && key[1] == '=')
        {
          const char *v = key + 2;
          double z;

          if (seen_zoom)
            {
              g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                           _("The geo: location gives its zoom level twice"));
              return FALSE;
            }
          seen_zoom = TRUE;

          if (!parse_number (&v, FALSE, &z) || v != q)
            {
              g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                           _("The zoom level of a geo: location must be a number, as in ?z=15"));
              return FALSE;
            }
          if (!(z >= CX_GEO_URI_MIN_ZOOM && z <= CX_GEO_URI_MAX_ZOOM))
            {
              g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_OUT_OF_RANGE,
                           _("The zoom level %g is outside %d…%d"),
                           z, CX_GEO_URI_MIN_ZOOM, CX_GEO_URI_MAX_ZOOM);
              return FALSE;
            }
          *zoom = z;
        }
      else if (q - key >= 9 && strncmp (key, "thematic=", 9) == 0)
        {
          g_autofree char *id = g_strndup (key + 9, (gsize) (q - key - 9));

          if (*thematic != NULL)
            {
              g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                           _("The geo: location names its statistic twice"));
              return FALSE;
            }
          if (!cx_is_valid_id (id))
            {
              g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                           _("The statistic of a geo: location must be an id, as in thematic=jobs-2023"));
              return FALSE;
            }
          *thematic = g_steal_pointer (&id);
        }

      *p = q;
    }
  while (**p == '&');

  return TRUE;
}

/**
 * cx_geo_uri_parse:
 * @uri: a URI such as `geo:31.2232,121.4165` or `geo:31.2232,121.4165?z=15`
 * @lat: (out): the latitude, −90…90
 * @lon: (out): the longitude, −180…180
 * @zoom: (out): the zoom level asked for with `?z=`, or NAN when absent
 * @error: a #CX_GEO_URI_ERROR with a message that can be shown as is
 *
 * Reads an RFC 5870 `geo:` URI. An altitude, `;u=` and unknown parameters
 * are accepted and ignored; a `;crs=` other than `wgs84` is refused. The
 * outputs are only written on success.
 *
 * Returns: %TRUE when @uri is a geo: URI the map can show
 */
gboolean
cx_geo_uri_parse (const char  *uri,
                  double      *lat,
                  double      *lon,
                  double      *zoom,
                  GError     **error)
{
  return cx_geo_uri_parse_full (uri, lat, lon, zoom, NULL, error);
}

/**
 * cx_geo_uri_parse_full:
 * @thematic: (out) (optional) (transfer full): the id given with
 *   `thematic=` (a statistic to show on the map), or %NULL when absent
 *
 * As cx_geo_uri_parse(), and reads this app's `thematic=ID` too, as in
 * `geo:31.2135,121.381?z=13&thematic=jobs-2023`; an id that is not one is
 * refused.
 */
gboolean
cx_geo_uri_parse_full (const char  *uri,
                       double      *lat,
                       double      *lon,
                       double      *zoom,
                       char       **thematic,
                       GError     **error)
{
  const char *p;
  double a = 0, b = 0, altitude = 0, z = NAN;
  g_autofree char *statistic = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strnlen (uri, CX_GEO_URI_MAX_LENGTH + 1) > CX_GEO_URI_MAX_LENGTH)
    {
      g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                   _("The geo: location is longer than %d characters"),
                   CX_GEO_URI_MAX_LENGTH);
      return FALSE;
    }

  if (g_ascii_strncasecmp (uri, "geo:", 4) != 0)
    {
      g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                   _("Not a geo: location: it must start with “geo:”"));
      return FALSE;
    }

  p = uri + 4;
  if (!parse_number (&p, TRUE, &a) || *p != ',' ||
      (p++, !parse_number (&p, TRUE, &b)))
    {
      g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID,
                   _("A geo: location must start with a latitude and a longitude, as in geo:31.2232,121.4165"));
      return FALSE;
    }

  if (*p == ',')
    {
      p++;
      if (!parse_number (&p, TRUE, &altitude))
        return unexpected (uri, p, error);
    }

  if (!parse_parameters (uri, &p, error) ||
      !parse_query (uri, &p, &z, &statistic, error))
    return FALSE;

  if (*p != '\0')
    return unexpected (uri, p, error);

  /* Very long digit strings overflow to infinity; the range checks below
   * are written so that they refuse that (and NaN) too. */
  if (!(a >= -90 && a <= 90))
    {
      g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_OUT_OF_RANGE,
                   _("The latitude %g is outside −90…90"), a);
      return FALSE;
    }
  if (!(b >= -180 && b <= 180))
    {
      g_set_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_OUT_OF_RANGE,
                   _("The longitude %g is outside −180…180"), b);
      return FALSE;
    }

  if (lat != NULL)
    *lat = a;
  if (lon != NULL)
    *lon = b;
  if (zoom != NULL)
    *zoom = z;
  if (thematic != NULL)
    *thematic = g_steal_pointer (&statistic);
  return TRUE;
}
