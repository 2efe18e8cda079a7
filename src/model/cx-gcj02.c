/* cx-gcj02.c: WGS84 ↔ GCJ-02, the datum of maps published in mainland China
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GCJ-02 is WGS84 plus a smooth, non-linear offset of a few hundred metres.
 * The forward formula below is the one that has been public since 2013 (the
 * "eviltransform" family of implementations): a Krasovsky-ellipsoid scaling
 * of two trigonometric series in (lon − 105°, lat − 35°). It reproduces the
 * official offset to well under a metre. There is no closed-form inverse;
 * cx_gcj02_to_wgs84() iterates the forward formula.
 */

#define G_LOG_DOMAIN "cx-gcj02"

#include "config.h"

#include <math.h>

#include "cx-gcj02.h"

/* Krasovsky 1940, which the formula scales with. */
#define KRASOVSKY_A  6378245.0
#define KRASOVSKY_EE 0.00669342162296594323

/* The inverse stops once the forward image of its estimate is this close to
 * the GCJ-02 input. The requirement is 0.5 m; a centimetre costs one more
 * iteration at most and keeps round trips far inside it. */
#define INVERSE_TOLERANCE_M 0.01
#define INVERSE_MAX_ITERATIONS 30

#define METRES_PER_DEGREE 111319.49

typedef struct
{
  double lon;
  double lat;
} LonLat;

/* Places inside the mainland bounding box where GCJ-02 is not used. These
 * are coarse outlines (a few hundred metres off at worst, drawn through the
 * water where possible), not borders: see cx_gcj02_applies(). */
static const LonLat hong_kong[] = {
  { 113.82, 22.14 }, { 114.50, 22.14 }, { 114.42, 22.42 }, { 114.35, 22.56 },
  { 114.23, 22.545 }, { 114.16, 22.54 }, { 114.12, 22.527 }, { 114.08, 22.51 },
  { 114.03, 22.50 }, { 113.97, 22.47 }, { 113.88, 22.42 }, { 113.82, 22.30 },
};

static const LonLat macau[] = {
  { 113.527, 22.213 }, { 113.551, 22.217 }, { 113.565, 22.205 }, { 113.605, 22.16 },
  { 113.60, 22.11 }, { 113.555, 22.105 }, { 113.553, 22.14 }, { 113.54, 22.17 },
  { 113.527, 22.18 },
};

/* Taiwan with Penghu; the north-west edge runs down the middle of the strait. */
static const LonLat taiwan[] = {
  { 119.25, 23.10 }, { 119.25, 23.80 }, { 120.80, 25.35 }, { 121.60, 25.70 },
  { 122.20, 25.70 }, { 122.20, 21.85 }, { 120.60, 21.85 },
};

/* Kinmen and Matsu lie a few kilometres off the Fujian coast. */
static const LonLat kinmen[] = {
  { 118.215, 24.38 }, { 118.50, 24.38 }, { 118.50, 24.51 }, { 118.215, 24.51 },
};

static const LonLat matsu_nangan_beigan[] = {
  { 119.90, 26.13 }, { 120.02, 26.13 }, { 120.02, 26.25 }, { 119.90, 26.25 },
};

static const LonLat matsu_juguang[] = {
  { 119.92, 25.94 }, { 119.99, 25.94 }, { 119.99, 25.99 }, { 119.92, 25.99 },
};

static const LonLat matsu_dongyin[] = {
  { 120.46, 26.34 }, { 120.52, 26.34 }, { 120.52, 26.39 }, { 120.46, 26.39 },
};

/* Neighbours across the sea that the bounding box takes in: South Korea (and
 * the southern tip of North Korea), and Japan west of 137.83° E. */
static const LonLat south_korea[] = {
  { 124.50, 33.00 }, { 131.00, 33.00 }, { 131.00, 38.60 }, { 124.50, 38.60 },
};

static const LonLat japan_west[] = {
  { 127.00, 24.00 }, { 137.84, 24.00 }, { 137.84, 37.90 }, { 131.00, 37.90 },
  { 131.00, 33.00 }, { 127.00, 33.00 },
};

typedef struct
{
  const LonLat *points;
  gsize         n_points;
} Outline;

#define OUTLINE(a) { a, G_N_ELEMENTS (a) }

static const Outline exclusions[] = {
  OUTLINE (hong_kong),
  OUTLINE (macau),
  OUTLINE (taiwan),
  OUTLINE (kinmen),
  OUTLINE (matsu_nangan_beigan),
  OUTLINE (matsu_juguang),
  OUTLINE (matsu_dongyin),
  OUTLINE (south_korea),
  OUTLINE (japan_west),
};

static gboolean
outline_contains (const Outline *outline,
                  double         lon,
                  double         lat)
{
  gboolean inside = FALSE;

  for (gsize i = 0, j = outline->n_points - 1; i < outline->n_points; j = i++)
    {
      const LonLat *a = &outline->points[i];
      const LonLat *b = &outline->points[j];

      if ((a->lat > lat) != (b->lat > lat) &&
          lon < (b->lon - a->lon) * (lat - a->lat) / (b->lat - a->lat) + a->lon)
        inside = !inside;
    }

  return inside;
}

/**
 * cx_gcj02_applies:
 *
 * Whether a position is one where maps use GCJ-02, that is mainland China.
 *
 * This is an approximation: the long-standing public bounding box of China
 * (72.004–137.8347° E, 0.8293–55.8271° N) minus coarse outlines of Hong Kong,
 * Macau, Taiwan with Penghu, Kinmen and Matsu, South Korea and western
 * Japan. Other neighbours inside the box — North Korea, Mongolia, and the
 * countries west and south of China — are *not* excluded, and near the
 * Shenzhen and Zhuhai borders the answer can be wrong by a few hundred
 * metres. Good for a city map of Shanghai, not for a border survey.
 *
 * Returns: %TRUE inside mainland China (as approximated), %FALSE elsewhere
 *   and for non-finite input
 */
gboolean
cx_gcj02_applies (double lat,
                  double lon)
{
  if (!(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (exclusions); i++)
    if (outline_contains (&exclusions[i], lon, lat))
      return FALSE;

  return TRUE;
}

static double
series_lat (double x,
            double y)
{
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (160.0 * sin (y / 12.0 * G_PI) + 320.0 * sin (y * G_PI / 30.0)) * 2.0 / 3.0;

  return r;
}

static double
series_lon (double x,
            double y)
{
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;

  return r;
}

/* The offset in degrees, without the "does it apply" test. */
static void
gcj02_offset (double  lat,
              double  lon,
              double *dlat,
              double *dlon)
{
  double rad_lat = lat / 180.0 * G_PI;
  double magic = sin (rad_lat);
  double sqrt_magic;

  magic = 1 - KRASOVSKY_EE * magic * magic;
  sqrt_magic = sqrt (magic);

  *dlat = series_lat (lon - 105.0, lat - 35.0) * 180.0 /
          ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrt_magic) * G_PI);
  *dlon = series_lon (lon - 105.0, lat - 35.0) * 180.0 /
          (KRASOVSKY_A / sqrt_magic * cos (rad_lat) * G_PI);
}

/**
 * cx_wgs84_to_gcj02:
 * @glat: (out): GCJ-02 latitude
 * @glon: (out): GCJ-02 longitude
 *
 * Converts WGS84 to GCJ-02. Where cx_gcj02_applies() is %FALSE the position
 * is returned unchanged.
 */
void
cx_wgs84_to_gcj02 (double  lat,
                   double  lon,
                   double *glat,
                   double *glon)
{
  double dlat, dlon;

  g_return_if_fail (glat != NULL && glon != NULL);

  if (!cx_gcj02_applies (lat, lon))
    {
      *glat = lat;
      *glon = lon;
      return;
    }

  gcj02_offset (lat, lon, &dlat, &dlon);
  *glat = lat + dlat;
  *glon = lon + dlon;
}

/**
 * cx_gcj02_to_wgs84:
 * @lat: (out): WGS84 latitude
 * @lon: (out): WGS84 longitude
 *
 * Converts GCJ-02 to WGS84 by fixed-point iteration of the forward formula:
 * the estimate is moved by the forward residual until that residual is under
 * a centimetre (at most 30 steps; two or three suffice in practice). Where
 * cx_gcj02_applies() is %FALSE for the input, it is returned unchanged.
 */
void
cx_gcj02_to_wgs84 (double  glat,
                   double  glon,
                   double *lat,
                   double *lon)
{
  double wlat = glat, wlon = glon;

  g_return_if_fail (lat != NULL && lon != NULL);

  if (!cx_gcj02_applies (glat, glon))
    {
      *lat = glat;
      *lon = glon;
      return;
    }

  for (guint i = 0; i < INVERSE_MAX_ITERATIONS; i++)
    {
      double flat, flon, rlat, rlon, metres;

      cx_wgs84_to_gcj02 (wlat, wlon, &flat, &flon);
      rlat = flat - glat;
      rlon = flon - glon;
      wlat -= rlat;
      wlon -= rlon;

      metres = hypot (rlat, rlon * cos (glat / 180.0 * G_PI)) * METRES_PER_DEGREE;
      if (metres < INVERSE_TOLERANCE_M)
        break;
    }

  *lat = wlat;
  *lon = wlon;
}
