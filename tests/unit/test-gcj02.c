/* test-gcj02.c: WGS84 ↔ GCJ-02
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-gcj02.h"

#define METRES_PER_DEGREE 111319.49

static double
distance_m (double lat1,
            double lon1,
            double lat2,
            double lon2)
{
  double dlat = lat2 - lat1;
  double dlon = (lon2 - lon1) * cos ((lat1 + lat2) / 2 / 180 * G_PI);

  return hypot (dlat, dlon) * METRES_PER_DEGREE;
}

/* Published pairs from independent implementations of the same public
 * formula (WGS84 lat, lon → GCJ-02 lat, lon). They agree to a centimetre
 * (1e-7°); floating-point details differ below that. */
static const struct
{
  const char *name;
  double lat, lon, glat, glon;
} reference_pairs[] = {
  { "Shanghai Pudong", 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215 },
  { "Shenzhen",        22.543847,  113.912316,  22.540796131694766, 113.9171764808363 },
  { "Beijing",         39.911954,  116.377817,  39.91334545536069, 116.38404722455657 },
  { "Jiaxing",         30.6107779, 121.0917077, 30.608604331756705, 121.09626935575027 },
};

static void
test_reference_pairs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (reference_pairs); i++)
    {
      double glat, glon, lat, lon;

      cx_wgs84_to_gcj02 (reference_pairs[i].lat, reference_pairs[i].lon, &glat, &glon);
      g_test_message ("%s: %.9f, %.9f", reference_pairs[i].name, glat, glon);
      g_assert_cmpfloat_with_epsilon (glat, reference_pairs[i].glat, 1e-7);
      g_assert_cmpfloat_with_epsilon (glon, reference_pairs[i].glon, 1e-7);

      cx_gcj02_to_wgs84 (reference_pairs[i].glat, reference_pairs[i].glon, &lat, &lon);
      g_assert_cmpfloat (distance_m (lat, lon, reference_pairs[i].lat, reference_pairs[i].lon), <, 0.5);
    }
}

/* The fact sheet: in Changning the shift is about +0.0046° lon and −0.0019°
 * lat, ≈ 490 m in all. */
static void
test_changning_shift (void)
{
  const double points[][2] = {
    { 31.2204, 121.4246 },   /* Zhongshan Park */
    { 31.2130, 121.3800 },   /* Xianxia */
    { 31.1979, 121.3363 },   /* Hongqiao Airport */
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double lat = points[i][0], lon = points[i][1], glat, glon, d;

      g_assert_true (cx_gcj02_applies (lat, lon));
      cx_wgs84_to_gcj02 (lat, lon, &glat, &glon);
      g_assert_cmpfloat_with_epsilon (glon - lon, 0.0046, 0.0003);
      g_assert_cmpfloat_with_epsilon (glat - lat, -0.0019, 0.0003);

      d = distance_m (lat, lon, glat, glon);
      g_assert_cmpfloat (d, >, 440);
      g_assert_cmpfloat (d, <, 540);
    }
}

/* Every point of a 1 km grid over Shanghai comes back within 0.5 m. */
static void
test_round_trip_shanghai (void)
{
  double worst = 0;
  guint n = 0;

  for (double lat = 30.68; lat <= 31.87; lat += 0.009)
    for (double lon = 120.85; lon <= 122.00; lon += 0.0105)
      {
        double glat, glon, rlat, rlon, d;

        cx_wgs84_to_gcj02 (lat, lon, &glat, &glon);
        g_assert_cmpfloat (distance_m (lat, lon, glat, glon), >, 300);

        cx_gcj02_to_wgs84 (glat, glon, &rlat, &rlon);
        d = distance_m (lat, lon, rlat, rlon);
        worst = MAX (worst, d);
        n++;
      }

  g_test_message ("%u points, worst round trip %.6f m", n, worst);
  g_assert_cmpuint (n, >, 10000);
  g_assert_cmpfloat (worst, <, 0.5);
}

typedef struct
{
  const char *name;
  double lat, lon;
} Place;

static void
test_identity_outside (void)
{
  const Place outside[] = {
    { "Tokyo", 35.6895, 139.6917 },
    { "Osaka", 34.6937, 135.5023 },
    { "Paris", 48.8566, 2.3522 },
    { "Seoul", 37.5665, 126.9780 },
    { "Hong Kong Central", 22.2819, 114.1582 },
    { "Kowloon", 22.3193, 114.1694 },
    { "Sheung Shui", 22.5010, 114.1280 },
    { "Lantau", 22.2700, 113.9400 },
    { "Macau peninsula", 22.1987, 113.5439 },
    { "Taipa", 22.1570, 113.5560 },
    { "Taipei", 25.0330, 121.5654 },
    { "Kaohsiung", 22.6273, 120.3014 },
    { "Magong", 23.5655, 119.5793 },
    { "Kinmen", 24.4360, 118.3180 },
    { "Nangan", 26.1597, 119.9496 },
    { "South Pole", -89.0, 121.0 },
    { "Null Island", 0.0, 0.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      double glat, glon, lat, lon;

      g_test_message ("%s", outside[i].name);
      g_assert_false (cx_gcj02_applies (outside[i].lat, outside[i].lon));

      cx_wgs84_to_gcj02 (outside[i].lat, outside[i].lon, &glat, &glon);
      g_assert_cmpfloat (glat, ==, outside[i].lat);
      g_assert_cmpfloat (glon, ==, outside[i].lon);

      cx_gcj02_to_wgs84 (outside[i].lat, outside[i].lon, &lat, &lon);
      g_assert_cmpfloat (lat, ==, outside[i].lat);
      g_assert_cmpfloat (lon, ==, outside[i].lon);
    }

  g_assert_false (cx_gcj02_applies (NAN, 121.4));
  g_assert_false (cx_gcj02_applies (31.2, INFINITY));
}

/* The exclusions must not swallow the mainland cities right next to them. */
static void
test_applies_mainland (void)
{
  const Place inside[] = {
    { "Changning", 31.2204, 121.4246 },
    { "Shenzhen Futian", 22.5431, 114.0579 },
    { "Shenzhen Luohu", 22.5480, 114.1310 },
    { "Zhuhai Gongbei", 22.2270, 113.5470 },
    { "Hengqin", 22.1300, 113.5300 },
    { "Xiamen", 24.4798, 118.0894 },
    { "Fuzhou", 26.0745, 119.2965 },
    { "Pingtan", 25.5000, 119.7900 },
    { "Harbin", 45.8038, 126.5350 },
    { "Urumqi", 43.8256, 87.6168 },
    { "Sanya", 18.2528, 109.5119 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inside); i++)
    {
      double glat, glon;

      g_test_message ("%s", inside[i].name);
      g_assert_true (cx_gcj02_applies (inside[i].lat, inside[i].lon));
      cx_wgs84_to_gcj02 (inside[i].lat, inside[i].lon, &glat, &glon);
      g_assert_cmpfloat (distance_m (inside[i].lat, inside[i].lon, glat, glon), >, 50);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcj02/reference-pairs", test_reference_pairs);
  g_test_add_func ("/gcj02/changning-shift", test_changning_shift);
  g_test_add_func ("/gcj02/round-trip-shanghai", test_round_trip_shanghai);
  g_test_add_func ("/gcj02/identity-outside", test_identity_outside);
  g_test_add_func ("/gcj02/applies-mainland", test_applies_mainland);

  return g_test_run ();
}
