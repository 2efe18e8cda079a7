/* test-palette.c: the presentation palette stays distinguishable under the
 * common colour-vision deficiencies
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-data-pack.h"
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

/* Every layer's lines and markers, in both schemes and both palettes,
 * against the land they are drawn on (the UI test test-look reads the
 * same from rendered pixels). */
static void
test_schemes_stand_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_default (&error);
  GListModel *layers;

  g_assert_no_error (error);
  layers = cx_data_pack_get_layers (pack);
  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
      for (guint presentation = 0; presentation < 2; presentation++)
        {
          g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
          const CxColor *ground = &cx_map_palette_get (dark)->ground;
          CxStyle base, schemed;
          double stroke, marker;

          if (presentation)
            cx_palette_presentation_style (cx_layer_get_style (layer), i, &base);
          else
            base = *cx_layer_get_style (layer);
          cx_palette_scheme_style (&base, dark, &schemed);
          stroke = cx_color_contrast (&schemed.stroke, ground);
          marker = cx_color_contrast (&schemed.marker, ground);
          g_test_message ("%s, %s%s: stroke %.2f:1 (was %.2f:1), marker %.2f:1 (was %.2f:1)",
                          dark ? "dark" : "light", cx_layer_get_id (layer), presentation ? " presenting" : "",
                          stroke, cx_color_contrast (&base.stroke, ground),
                          marker, cx_color_contrast (&base.marker, ground));
          g_assert_cmpfloat (marker, >=, CX_MIN_GRAPHIC_CONTRAST);
          /* A white rim round a marker is lighter than the light land on
           * purpose; every other stroke stands out. */
          if (dark || cx_color_luminance (&base.stroke) < cx_color_luminance (ground))
            g_assert_cmpfloat (stroke, >=, (dark ? CX_MIN_TEXT_CONTRAST : CX_MIN_GRAPHIC_CONTRAST));
        }

  /* Names on their halo. */
  for (guint dark = 0; dark < 2; dark++)
    {
      const CxMapPalette *palette = cx_map_palette_get (dark);

      g_assert_cmpfloat (cx_color_contrast (&palette->text, &palette->under_text), >=, CX_MIN_TEXT_CONTRAST);
      g_assert_cmpfloat (cx_color_contrast (&palette->minor_text, &palette->under_text), >=, CX_MIN_TEXT_CONTRAST);
    }
}

/* The imported layers' colours: apart from each other and from every
 * colour of the pack's layers (normal vision: files bring colours of their
 * own, which no palette can keep apart), and standing out from the land in
 * both schemes as lines and markers. */
static void
test_imported_colours (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_data_pack_load_default (&error);
  GListModel *layers;

  g_assert_no_error (error);
  layers = cx_data_pack_get_layers (pack);
  for (guint i = 0; i < CX_IMPORTED_PALETTE_SIZE; i++)
    {
      CxColor a;

      cx_palette_get_imported (i, &a);
      for (guint j = i + 1; j < CX_IMPORTED_PALETTE_SIZE; j++)
        {
          CxColor b;

          cx_palette_get_imported (j, &b);
          g_test_message ("imported %u and %u: ΔE %.1f", i, j, cx_color_delta_e (&a, &b));
          g_assert_cmpfloat (cx_color_delta_e (&a, &b), >=, MIN_PAIR_DELTA_E);
        }
      for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
        {
          g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
          const CxStyle *style = cx_layer_get_style (layer);
          const CxColor *pack_colors[] = { &style->stroke, &style->marker };

          for (guint k = 0; k < G_N_ELEMENTS (pack_colors); k++)
            {
              CxColor opaque = *pack_colors[k];

              /* A white rim is no layer's colour. */
              if (opaque.red > 0.95 && opaque.green > 0.95 && opaque.blue > 0.95)
                continue;
              opaque.alpha = 1;
              g_test_message ("imported %u and %s: ΔE %.1f", i, cx_layer_get_id (layer), cx_color_delta_e (&a, &opaque));
              g_assert_cmpfloat (cx_color_delta_e (&a, &opaque), >=, MIN_PAIR_DELTA_E);
            }
        }
      for (guint dark = 0; dark < 2; dark++)
        {
          CxStyle base = { .stroke = a, .marker = a, .stroke_width = 2 }, schemed;
          const CxColor *ground = &cx_map_palette_get (dark)->ground;

          cx_palette_scheme_style (&base, dark, &schemed);
          g_assert_cmpfloat (cx_color_contrast (&schemed.stroke, ground), >=, CX_MIN_GRAPHIC_CONTRAST);
          g_assert_cmpfloat (cx_color_contrast (&schemed.marker, ground), >=, CX_MIN_GRAPHIC_CONTRAST);
        }
    }
}

/* A new layer takes the first colour no other layer has; once all are
 * taken, the one taken fewest times, the first of those. */
static void
test_pick_imported (void)
{
  CxColor taken[CX_IMPORTED_PALETTE_SIZE + 2];

  g_assert_cmpuint (cx_palette_pick_imported (NULL, 0), ==, 0);

  cx_palette_get_imported (0, &taken[0]);
  cx_palette_get_imported (2, &taken[1]);
  g_assert_cmpuint (cx_palette_pick_imported (taken, 2), ==, 1);

  /* A colour that is none of the palette's takes nothing. */
  cx_color_parse ("#123456", &taken[0]);
  g_assert_cmpuint (cx_palette_pick_imported (taken, 2), ==, 0);

  for (guint i = 0; i < CX_IMPORTED_PALETTE_SIZE; i++)
    cx_palette_get_imported (i, &taken[i]);
  g_assert_cmpuint (cx_palette_pick_imported (taken, CX_IMPORTED_PALETTE_SIZE), ==, 0);
  cx_palette_get_imported (0, &taken[CX_IMPORTED_PALETTE_SIZE]);
  cx_palette_get_imported (1, &taken[CX_IMPORTED_PALETTE_SIZE + 1]);
  g_assert_cmpuint (cx_palette_pick_imported (taken, CX_IMPORTED_PALETTE_SIZE + 2), ==, 2);
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
  g_test_add_func ("/palette/schemes-stand-out", test_schemes_stand_out);
  g_test_add_func ("/palette/imported-colours", test_imported_colours);
  g_test_add_func ("/palette/pick-imported", test_pick_imported);

  return g_test_run ();
}
