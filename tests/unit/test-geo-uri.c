/* test-geo-uri.c: RFC 5870 geo: URIs, valid and hostile
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "cx-geo-uri.h"

typedef struct
{
  const char *uri;
  double      lat;
  double      lon;
  double      zoom;   /* NAN: absent */
} GoodCase;

static const GoodCase good_cases[] = {
  { "geo:31.2232,121.4165", 31.2232, 121.4165, NAN },
  { "geo:31.2232,121.4165?z=15", 31.2232, 121.4165, 15 },
  { "geo:31.2232,121.4165,12.5", 31.2232, 121.4165, NAN },
  { "geo:31.2232,121.4165,-3;crs=wgs84", 31.2232, 121.4165, NAN },
  { "geo:31.2232,121.4165;crs=WGS84;u=35", 31.2232, 121.4165, NAN },
  { "geo:31.2232,121.4165;u=35.5?z=12.5", 31.2232, 121.4165, 12.5 },
  { "GEO:31,121", 31, 121, NAN },
  { "geo:-33.8688,151.2093", -33.8688, 151.2093, NAN },
  { "geo:90,-180", 90, -180, NAN },
  { "geo:-90,180?z=0", -90, 180, 0 },
  { "geo:-0,-0", 0, 0, NAN },
  { "geo:31.2232,121.4165;foo=bar%20baz;flag", 31.2232, 121.4165, NAN },
  { "geo:31.2232,121.4165?q=Zhongshan%20Park&z=16", 31.2232, 121.4165, 16 },
  { "geo:31.2232,121.4165?z=22", 31.2232, 121.4165, 22 },
  { "geo:0031.50000000000000000000000000,121", 31.5, 121, NAN },
};

typedef struct
{
  const char    *uri;
  CxGeoUriError  code;
  const char    *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "", CX_GEO_URI_ERROR_INVALID, "must start with “geo:”" },
  { "https://example.org/31.2,121.4", CX_GEO_URI_ERROR_INVALID, "must start with “geo:”" },
  { "geo:", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:31.2232", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:31.2232,", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:,121.4", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo: 31.2,121.4", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:+31.2,121.4", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:.5,121.4", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:31.,121.4", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:NaN,121.4", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:31.2,Infinity", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:31.2,inf", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:1e400,121.4", CX_GEO_URI_ERROR_INVALID, "latitude and a longitude" },
  { "geo:31.2,121.4e1", CX_GEO_URI_ERROR_INVALID, "unexpected text at character 15" },
  { "geo:31.2,121.4,", CX_GEO_URI_ERROR_INVALID, "unexpected text at character 16" },
  { "geo:31.2,121.4,5,6", CX_GEO_URI_ERROR_INVALID, "unexpected text at character 17" },
  { "geo:31.2,121.4 ", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:31.2,121.4\n", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:31.2,121.4#here", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:31.2,121.4;", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:31.2,121.4;crs", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:31.2,121.4;u=", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:31.2,121.4;crs=wgs84;crs=wgs84", CX_GEO_URI_ERROR_INVALID, "coordinate system twice" },
  { "geo:31.2,121.4;crs=nad27", CX_GEO_URI_ERROR_UNSUPPORTED_CRS, "“nad27”; only WGS 84" },
  { "geo:31.2,121.4;crs=gcj02", CX_GEO_URI_ERROR_UNSUPPORTED_CRS, "“gcj02”" },
  { "geo:31.2,121.4;crs=wgs%38%34", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:31.2,121.4?z=", CX_GEO_URI_ERROR_INVALID, "must be a number, as in ?z=15" },
  { "geo:31.2,121.4?z=abc", CX_GEO_URI_ERROR_INVALID, "must be a number" },
  { "geo:31.2,121.4?z=-1", CX_GEO_URI_ERROR_INVALID, "must be a number" },
  { "geo:31.2,121.4?z=1e2", CX_GEO_URI_ERROR_INVALID, "must be a number" },
  { "geo:31.2,121.4?z=NaN", CX_GEO_URI_ERROR_INVALID, "must be a number" },
  { "geo:31.2,121.4?z=23", CX_GEO_URI_ERROR_OUT_OF_RANGE, "zoom level 23 is outside 0…22" },
  { "geo:31.2,121.4?z=15&z=16", CX_GEO_URI_ERROR_INVALID, "zoom level twice" },
  { "geo:31.2,121.4?q=\xe5\x85\xac\xe5\x9b\xad", CX_GEO_URI_ERROR_INVALID, "unexpected text" },
  { "geo:91,121.4", CX_GEO_URI_ERROR_OUT_OF_RANGE, "latitude 91 is outside −90…90" },
  { "geo:-90.0001,121.4", CX_GEO_URI_ERROR_OUT_OF_RANGE, "latitude" },
  { "geo:31.2,180.5", CX_GEO_URI_ERROR_OUT_OF_RANGE, "longitude 180.5 is outside −180…180" },
  { "geo:121.4165,31.2232", CX_GEO_URI_ERROR_OUT_OF_RANGE, "latitude 121.4" },
  { "geo:31.2,121.4?thematic=", CX_GEO_URI_ERROR_INVALID, "must be an id, as in thematic=jobs-2023" },
  { "geo:31.2,121.4?thematic=Jobs%202023", CX_GEO_URI_ERROR_INVALID, "must be an id" },
  { "geo:31.2,121.4?thematic=jobs-2023&thematic=gdp", CX_GEO_URI_ERROR_INVALID, "names its statistic twice" },
  { "javascript:alert(1)", CX_GEO_URI_ERROR_INVALID, "must start with “geo:”" },
  { "file:///etc/passwd", CX_GEO_URI_ERROR_INVALID, "must start with “geo:”" },
};

static void
test_good (gconstpointer data)
{
  const GoodCase *good = data;
  g_autoptr(GError) error = NULL;
  double lat = -1, lon = -1, zoom = -1;

  g_assert_true (cx_geo_uri_parse (good->uri, &lat, &lon, &zoom, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (lat, good->lat, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon, good->lon, 1e-12);
  if (isnan (good->zoom))
    g_assert_true (isnan (zoom));
  else
    g_assert_cmpfloat_with_epsilon (zoom, good->zoom, 1e-12);
}

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  double lat = 7, lon = 8, zoom = 9;

  g_assert_false (cx_geo_uri_parse (bad->uri, &lat, &lon, &zoom, &error));
  g_assert_error (error, CX_GEO_URI_ERROR, (int) bad->code);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", bad->uri, bad->message, error->message);

  /* Outputs are untouched on failure, and the message is fit to show. */
  g_assert_cmpfloat (lat, ==, 7);
  g_assert_cmpfloat (lon, ==, 8);
  g_assert_cmpfloat (zoom, ==, 9);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* This app's thematic=ID, beside the zoom, in either order. */
static void
test_thematic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *thematic = NULL;
  g_autofree char *none = NULL;
  double lat, lon, zoom;

  g_assert_true (cx_geo_uri_parse_full ("geo:31.2135,121.381?thematic=jobs-density-2023&z=13",
                                        &lat, &lon, &zoom, &thematic, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (thematic, ==, "jobs-density-2023");
  g_assert_cmpfloat (zoom, ==, 13);
  g_assert_cmpfloat (lat, ==, 31.2135);

  g_assert_true (cx_geo_uri_parse_full ("geo:31.2135,121.381?z=13", NULL, NULL, NULL, &none, &error));
  g_assert_null (none);
  /* Callers that do not ask for it read the rest as before. */
  g_assert_true (cx_geo_uri_parse ("geo:31.2135,121.381?z=13&thematic=jobs-2023", NULL, NULL, &zoom, &error));
  g_assert_cmpfloat (zoom, ==, 13);
}

static void
test_null_outputs (void)
{
  g_assert_true (cx_geo_uri_parse ("geo:31.2,121.4", NULL, NULL, NULL, NULL));
  g_assert_false (cx_geo_uri_parse ("geo:91,121.4", NULL, NULL, NULL, NULL));
}

/* Thousands of digits overflow strtod to infinity; that must be refused
 * as out of range, not accepted as a coordinate. */
static void
test_huge_number (void)
{
  g_autoptr(GString) uri = g_string_new ("geo:");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 400; i++)
    g_string_append_c (uri, '9');
  g_string_append (uri, ",121.4");

  g_assert_false (cx_geo_uri_parse (uri->str, NULL, NULL, NULL, &error));
  g_assert_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "latitude inf is outside"));
}

static void
test_too_long (void)
{
  g_autoptr(GString) uri = g_string_new ("geo:31.2,121.4;u=");
  g_autoptr(GError) error = NULL;

  while (uri->len <= CX_GEO_URI_MAX_LENGTH)
    g_string_append_c (uri, '1');

  g_assert_false (cx_geo_uri_parse (uri->str, NULL, NULL, NULL, &error));
  g_assert_error (error, CX_GEO_URI_ERROR, CX_GEO_URI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "longer than 1024 characters"));

  /* One shorter is fine: the cap is on length, not on content. */
  g_string_truncate (uri, CX_GEO_URI_MAX_LENGTH);
  g_clear_error (&error);
  g_assert_true (cx_geo_uri_parse (uri->str, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A locale with a decimal comma must not change how numbers are read. */
static void
test_locale_independent (void)
{
  double lat = 0, lon = 0;
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale (a decimal comma) is not generated here: "
                   "build-aux/dev generates it in its environment and on Debian or Ubuntu hosts");
      return;
    }

  g_assert_true (cx_geo_uri_parse ("geo:31.2232,121.4165", &lat, &lon, NULL, NULL));
  setlocale (LC_NUMERIC, saved);
  g_assert_cmpfloat_with_epsilon (lat, 31.2232, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon, 121.4165, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/geo-uri/good/%u", i);
      g_test_add_data_func (path, &good_cases[i], test_good);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/geo-uri/bad/%u", i);
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/geo-uri/null-outputs", test_null_outputs);
  g_test_add_func ("/geo-uri/thematic", test_thematic);
  g_test_add_func ("/geo-uri/huge-number", test_huge_number);
  g_test_add_func ("/geo-uri/too-long", test_too_long);
  g_test_add_func ("/geo-uri/locale-independent", test_locale_independent);

  return g_test_run ();
}
