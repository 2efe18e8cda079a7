/* test-palette.c: the presentation palette stays distinguishable under the
 * common colour-vision deficiencies
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-palette.h"

/* A pair of map colours must differ by at least this much (CIE76 ΔE). */
#define MIN_PAIR_DELTA_E 20.0
#define MIN_PAPER_DELTA_E 25.0

static const char *vision_names[CX_VISION_N] = { "normal", "protanopia", "deuteranopia", "tritanopia" };

static void
test_pairs_stay_apart (void)
{
  double worst = G_MAXDOUBLE;

  for (guint v = 0; v < CX_VISION_N; v++)
    for (guint i = 0; i < CX_PRESENTATION_PALETTE_SIZE; i++)
      for (guint j = i + 1; j < CX_PRESENTATION_PALETTE_SIZE; j++)
        {
          CxColor a, b, sa, sb;
          double d;

          cx_palette_get_presentation (i, &a);
          cx_palette_get_presentation (j, &b);
          cx_color_simulate (&a, v, &sa);
          cx_color_simulate (&b, v, &sb);
          d = cx_color_delta_e (&sa, &sb);
          worst = MIN (worst, d);
          g_test_message ("%s: colours %u and %u: ΔE %.1f", vision_names[v], i, j, d);
          if (d < MIN_PAIR_DELTA_E)
            g_error ("%s: presentation colours %u and %u are only ΔE %.1f apart", vision_names[v], i, j, d);
        }

  g_test_message ("smallest pair difference: ΔE %.1f", worst);
}

static void
test_colours_stand_out_from_paper (void)
{
  CxColor paper, sim_paper;

  /* The schematic basemap's paper inside the district. */
  g_assert_true (cx_color_parse ("#f9f7f2", &paper));

  for (guint v = 0; v < CX_VISION_N; v++)
    {
      cx_color_simulate (&paper, v, &sim_paper);
      for (guint i = 0; i < CX_PRESENTATION_PALETTE_SIZE; i++)
        {
          CxColor c, sc;
          double d;

          cx_palette_get_presentation (i, &c);
          cx_color_simulate (&c, v, &sc);
          d = cx_color_delta_e (&sc, &sim_paper);
          if (d < MIN_PAPER_DELTA_E)
            g_error ("%s: presentation colour %u is only ΔE %.1f from the paper", vision_names[v], i, d);
        }
    }
}

/* The simulation itself: red and green, far apart normally, collapse for a
 * deuteranope; a test that could never fail would prove nothing. */
static void
test_simulation_confuses_red_and_green (void)
{
  CxColor red, green, sr, sg;

  cx_color_parse ("#d62728", &red);
  cx_color_parse ("#2ca02c", &green);
  g_assert_cmpfloat (cx_color_delta_e (&red, &green), >, 60);

  cx_color_simulate (&red, CX_VISION_DEUTERANOPIA, &sr);
  cx_color_simulate (&green, CX_VISION_DEUTERANOPIA, &sg);
  g_assert_cmpfloat (cx_color_delta_e (&sr, &sg), <, MIN_PAIR_DELTA_E);
}

static void
test_presentation_style (void)
{
  CxStyle base = { 0, }, out;

  cx_color_parse ("#123456", &base.stroke);
  cx_color_parse ("#12345640", &base.fill);
  base.has_fill = TRUE;
  base.stroke_width = 2;

  cx_palette_presentation_style (&base, 4, &out);
  g_assert_cmpfloat_with_epsilon (out.stroke.blue, 0x83 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (out.fill.alpha, base.fill.alpha, 1e-9);
  g_assert_cmpfloat (out.stroke_width, ==, 2);

  /* Beyond the palette, the pack's colours stay. */
  cx_palette_presentation_style (&base, 9, &out);
  g_assert_cmpfloat (out.stroke.red, ==, base.stroke.red);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/palette/pairs-stay-apart", test_pairs_stay_apart);
  g_test_add_func ("/palette/colours-stand-out-from-paper", test_colours_stand_out_from_paper);
  g_test_add_func ("/palette/simulation-confuses-red-and-green", test_simulation_confuses_red_and_green);
  g_test_add_func ("/palette/presentation-style", test_presentation_style);

  return g_test_run ();
}
