/* cx-format.c: figures, periods and dates as people read them
 *
 * Everything here goes through gettext and the C library's locale, never
 * through concatenation, so that a translation can reorder and reword.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cx-format.h"
#include "cx-import.h"
#include "cx-item.h"

static int
decimals_for (double value)
{
  double a = fabs (value);

  if (fabs (a - round (a)) < 1e-9)
    return 0;
  if (fabs (a * 10 - round (a * 10)) < 1e-6)
    return 1;
  return 2;
}

/**
 * cx_format_number:
 *
 * Formats @value with the locale's digit grouping and decimal mark, with as
 * many decimals as it has (up to 2).
 *
 * Returns: (transfer full): the text
 */
char *
cx_format_number (double value)
{
  /* The ' flag groups thousands the way the locale does ("693,051"). */
  return g_strdup_printf ("%'.*f", decimals_for (value), value);
}

/* Whether the interface's language counts large numbers in 万 (10⁴) and
 * 亿 (10⁸), as Chinese does, rather than in thousands. */
static gboolean
counts_in_myriads (void)
{
  /* TRANSLATORS: not shown. "myriads" if your language writes large numbers
   * in 万 (10,000) and 亿 (100,000,000), as Chinese does (69.3万, 2789亿);
   * anything else for digits grouped in thousands (693,051). */
  return g_strcmp0 (C_("number scale", "thousands"), "myriads") == 0;
}

/* @value (≥ 0) with at most @max_decimals decimals, trailing zeros
 * dropped, without grouping: "69.3", "2789", "1". */
static char *
format_scaled (double value,
               int    max_decimals)
{
  char *text = g_strdup_printf ("%.*f", max_decimals, value);
  char *mark = NULL;

  /* The decimal mark is the locale's; find it as the first non-digit. */
  for (char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      {
        mark = p;
        break;
      }
  if (mark != NULL)
    {
      char *end = text + strlen (text);

      while (end > mark + 1 && end[-1] == '0')
        *--end = '\0';
      if (end == mark + 1 || !g_ascii_isdigit (end[-1]))
        *mark = '\0';
    }
  return text;
}

/**
 * cx_format_quantity:
 * @value: a count or an amount (people, jobs, yuan), not a rate
 *
 * A large number as readers of the interface's language count it.
 *
 * In English (and any language whose translation of the "number scale"
 * switch is not "myriads"): the locale's digit grouping, with as many
 * decimals as the value has (up to 2): "693,051".
 *
 * In Chinese, by the magnitude of the value rounded as it will be shown:
 * - under 10,000: as in English, the locale's grouping: "9,999";
 * - from 10,000: in 万 (10⁴) with at most 1 decimal: "1万", "69.3万";
 * - from 100,000,000, or where 万 would round to 10000万: in 亿 (10⁸) with
 *   at most 2 decimals: "1亿", "2789亿", "2.49亿";
 * - from 10¹², or where 亿 would round to 10000亿: in 万亿 with at most 2
 *   decimals: "1.62万亿".
 * Trailing zeros are dropped, and the scaled number is not grouped (Chinese
 * writes 2789亿, not 2,789亿). Rounding can reach the next unit: 99,999,999
 * is "1亿". Negative values keep their sign.
 *
 * Returns: (transfer full): the number, without a unit
 */
char *
cx_format_quantity (double value)
{
  static const struct { double size; int decimals; const char *unit; } units[] = {
    { 1e12, 2, "万亿" },
    { 1e8, 2, "亿" },
    { 1e4, 1, "万" },
  };
  double magnitude = fabs (value);
  const char *sign = value < 0 ? "-" : "";

  if (!counts_in_myriads () || !isfinite (value) || magnitude < 1e4)
    return cx_format_number (value);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      double factor = pow (10, units[i].decimals);
      double scaled = round (magnitude / units[i].size * factor) / factor;

      /* The smallest unit that holds the rounded value under 10000 of it,
       * or the largest. */
      if (i + 1 < G_N_ELEMENTS (units))
        {
          double next_factor = pow (10, units[i + 1].decimals);
          double next = round (magnitude / units[i + 1].size * next_factor) / next_factor;

          if (next < 1e4)
            continue;
        }
      {
        g_autofree char *number = format_scaled (scaled, units[i].decimals);

        return g_strdup_printf ("%s%s%s", sign, number, units[i].unit);
      }
    }

  g_assert_not_reached ();
}

/**
 * cx_format_statistic_figure:
 * @value: a value of @statistic: its own, or one of its series or breakdown
 *
 * Formats @value with @statistic's unit, as cx_format_statistic_value()
 * formats the statistic's own value.
 *
 * Returns: (transfer full): the text
 */
char *
cx_format_statistic_figure (CxStatistic *statistic,
                            double       value)
{
  const char *unit = cx_statistic_get_unit (statistic);
  g_autofree char *number = cx_format_number (value);

  if (g_strcmp0 (unit, "%") == 0)
    {
      if (cx_statistic_get_kind (statistic) == CX_STATISTIC_GROWTH && value > 0)
        /* TRANSLATORS: a growth rate, e.g. "+15.3 %" */
        return g_strdup_printf (_("+%s %%"), number);
      /* TRANSLATORS: a percentage, e.g. "54.9 %" */
      return g_strdup_printf (_("%s %%"), number);
    }

  if (g_strcmp0 (unit, "CNY bn") == 0 || g_strcmp0 (unit, "CNY trn") == 0)
    {
      double yuan = value * (g_strcmp0 (unit, "CNY bn") == 0 ? 1e9 : 1e12);

      /* TRANSLATORS: not shown. How your language writes sums of yuan of
       * this size: "bn" for billions ("¥278.9 bn"), or "yi" for hundreds
       * of millions, as Chinese does (2789亿元, not 278.9十亿元). */
      if (g_strcmp0 (C_("yuan scale", "bn"), "yi") == 0)
        {
          g_autofree char *quantity = cx_format_quantity (yuan);

          /* TRANSLATORS: a sum of yuan written with cx_format_quantity(),
           * e.g. "2789亿元"; used when "yuan scale" is translated as "yi" */
          return g_strdup_printf (C_("yuan in myriads", "%s yuan"), quantity);
        }
      if (g_strcmp0 (unit, "CNY trn") == 0)
        /* TRANSLATORS: trillions of yuan, e.g. "¥1.62 trn" */
        return g_strdup_printf (_("¥%s trn"), number);
      /* TRANSLATORS: billions of yuan, e.g. "¥278.9 bn" */
      return g_strdup_printf (_("¥%s bn"), number);
    }
  if (g_strcmp0 (unit, "km²") == 0)
    return g_strdup_printf (_("%s km²"), number);

  {
    gulong n = (gulong) MIN (fabs (round (value)), (double) G_MAXULONG);
    g_autofree char *quantity = cx_format_quantity (value);

    if (g_strcmp0 (unit, "people") == 0)
      return g_strdup_printf (ngettext ("%s person", "%s people", n), quantity);
    if (g_strcmp0 (unit, "jobs") == 0)
      return g_strdup_printf (ngettext ("%s job", "%s jobs", n), quantity);
    if (g_strcmp0 (unit, "platforms") == 0)
      return g_strdup_printf (ngettext ("%s platform", "%s platforms", n), quantity);
    if (g_strcmp0 (unit, "jobs/km²") == 0)
      /* TRANSLATORS: a density of jobs, e.g. "16,204 jobs per km²" */
      return g_strdup_printf (ngettext ("%s job per km²", "%s jobs per km²", n), quantity);
  }

  /* TRANSLATORS: a figure and its unit as given by the data pack */
  return g_strdup_printf (C_("value and unit", "%s %s"), number, unit);
}

/**
 * cx_format_unit:
 * @statistic: a statistic
 *
 * Names @statistic's unit as its figures are written
 * (cx_format_statistic_figure()), for a chart's caption: "billions of
 * yuan", or in Chinese "亿元", never the pack's "CNY bn".
 *
 * Returns: (transfer full): the text
 */
char *
cx_format_unit (CxStatistic *statistic)
{
  const char *unit = cx_statistic_get_unit (statistic);

  if (g_strcmp0 (unit, "CNY bn") == 0 || g_strcmp0 (unit, "CNY trn") == 0)
    {
      /* As cx_format_statistic_figure() writes the sums. */
      if (g_strcmp0 (C_("yuan scale", "bn"), "yi") == 0)
        /* TRANSLATORS: a chart's unit, sums of yuan written in myriads
         * (e.g. "亿元"); used when "yuan scale" is translated as "yi" */
        return g_strdup (C_("unit", "hundreds of millions of yuan"));
      if (g_strcmp0 (unit, "CNY trn") == 0)
        /* TRANSLATORS: a chart's unit */
        return g_strdup (C_("unit", "trillions of yuan (¥ trn)"));
      /* TRANSLATORS: a chart's unit */
      return g_strdup (C_("unit", "billions of yuan (¥ bn)"));
    }
  if (g_strcmp0 (unit, "%") == 0)
    /* TRANSLATORS: a chart's unit */
    return g_strdup (C_("unit", "per cent"));
  if (g_strcmp0 (unit, "people") == 0)
    /* TRANSLATORS: a chart's unit */
    return g_strdup (C_("unit", "people"));
  if (g_strcmp0 (unit, "jobs") == 0)
    /* TRANSLATORS: a chart's unit */
    return g_strdup (C_("unit", "jobs"));
  if (g_strcmp0 (unit, "platforms") == 0)
    /* TRANSLATORS: a chart's unit */
    return g_strdup (C_("unit", "platforms"));
  if (g_strcmp0 (unit, "jobs/km²") == 0)
    /* TRANSLATORS: a chart's unit */
    return g_strdup (C_("unit", "jobs per km²"));
  return g_strdup (unit);
}

char *
cx_format_statistic_value (CxStatistic *statistic)
{
  return cx_format_statistic_figure (statistic, cx_statistic_get_value (statistic));
}

static char *
format_month (guint year,
              guint month,
              guint day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc ((int) year, (int) month, day ? (int) day : 1, 0, 0, 0);

  if (dt == NULL)
    return g_strdup_printf ("%u-%02u", year, month);

  if (day == 0)
    /* TRANSLATORS: a month, as for g_date_time_format(); e.g. "September 2025", "2025年9月" */
    return g_date_time_format (dt, C_("month format", "%B %Y"));

  /* TRANSLATORS: a day, as for g_date_time_format(); e.g. "31 August 2023", "2023年8月31日" */
  return g_date_time_format (dt, C_("day format", "%-d %B %Y"));
}

/* One part of a period; the pack loader has checked its form. */
static char *
format_period_part (const char *part)
{
  guint year = (guint) strtoul (part, NULL, 10);
  const char *rest = strlen (part) > 4 ? part + 5 : NULL;

  if (rest == NULL)
    return g_strdup_printf ("%u", year);

  if (rest[0] == 'H')
    /* TRANSLATORS: %u is a year; e.g. "2023年上半年" */
    return rest[1] == '1' ? g_strdup_printf (_("first half of %u"), year)
                          /* TRANSLATORS: %u is a year; e.g. "2023年下半年" */
                          : g_strdup_printf (_("second half of %u"), year);

  if (rest[0] == 'Q')
    /* TRANSLATORS: a quarter, e.g. "Q3 2024"; %1$u is the quarter, %2$u the year */
    return g_strdup_printf (_("Q%1$u %2$u"), (guint) (rest[1] - '0'), year);

  {
    guint month = (guint) strtoul (rest, NULL, 10);
    guint day = strlen (rest) > 3 ? (guint) strtoul (rest + 3, NULL, 10) : 0;

    return format_month (year, month, day);
  }
}

/**
 * cx_format_period:
 * @period: a period as the pack writes it: 2024, 2023-H1, 2021/2024, …
 *
 * Returns: (transfer full): the period in words
 */
char *
cx_format_period (const char *period)
{
  const char *slash;

  if (period == NULL)
    return g_strdup ("");

  slash = strchr (period, '/');
  if (slash != NULL)
    {
      g_autofree char *first_raw = g_strndup (period, (gsize) (slash - period));
      g_autofree char *first = format_period_part (first_raw);
      g_autofree char *last = format_period_part (slash + 1);

      /* TRANSLATORS: a range of periods, e.g. "2021–2024" */
      return g_strdup_printf (_("%s – %s"), first, last);
    }

  return format_period_part (period);
}

/* Case, spaces and the kind of dash aside: "2021–2024" is "2021 – 2024". */
static char *
loose_text (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212)
        c = '-';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * cx_format_title_with_period:
 * @title: a statistic's title
 * @period: its period, in words (cx_format_period())
 *
 * Returns: (transfer full): "title (period)", or the title alone when it
 *   already says the period ("GDP growth, first half of 2023")
 */
char *
cx_format_title_with_period (const char *title,
                             const char *period)
{
  g_autofree char *loose_title = loose_text (title);
  g_autofree char *loose_period = loose_text (period);

  if (*loose_period == '\0' || strstr (loose_title, loose_period) != NULL)
    return g_strdup (title);

  /* TRANSLATORS: a statistic's title and its period, e.g. "GDP growth (2024)" */
  return g_strdup_printf (_("%1$s (%2$s)"), title, period);
}

char *
cx_format_date (const char *date)
{
  return cx_format_period (date);
}

char *
cx_format_program_dates (CxProgram *program)
{
  g_autofree char *start = cx_format_date (cx_program_get_start (program));

  if (cx_program_get_end (program) == NULL)
    {
      const char *begun = cx_program_get_start (program);

      /* A year alone reads differently from a date in some languages
       * (Chinese: 自2021年起, but 自2021年9月起). */
      if (begun != NULL && strlen (begun) == 4)
        /* TRANSLATORS: a program that began in the year %u and is still running, e.g. "Since 2021, ongoing" */
        return g_strdup_printf (C_("since a year", "Since %u, ongoing"), (guint) strtoul (begun, NULL, 10));
      /* TRANSLATORS: a program that began at %s (a month or a day) and is still running */
      return g_strdup_printf (_("Since %s, ongoing"), start);
    }

  {
    g_autofree char *end = cx_format_date (cx_program_get_end (program));
    return g_strdup_printf (_("%s – %s"), start, end);
  }
}

char *
cx_format_source (CxSource *source)
{
  g_autofree char *date = cx_format_date (cx_source_get_date (source));

  /* TRANSLATORS: a citation: publisher, date; e.g. "China Securities Journal, 31 August 2023" */
  return g_strdup_printf (_("%1$s, %2$s"), cx_source_get_publisher (source), date);
}

char *
cx_format_statistic_status (CxStatistic *statistic)
{
  switch (cx_statistic_get_status (statistic))
    {
    case CX_STATISTIC_CONFIRMED:
      return g_strdup (_("Confirmed in the source"));
    case CX_STATISTIC_REPORTED:
      return g_strdup (_("As reported; not checked word for word"));
    case CX_STATISTIC_ESTIMATE:
    default:
      return g_strdup (_("Estimate or secondary source"));
    }
}

char *
cx_format_feature_kind (CxFeature *feature)
{
  static const struct { const char *kind; const char *label; } kinds[] = {
    { "district", N_("District") },
    { "subdistrict", N_("Subdistrict") },
    { "town", N_("Town") },
    { "airport", N_("Airport") },
    { "zone", N_("Development zone") },
    { "area", N_("Area") },
    { "park", N_("Park") },
    { "heritage", N_("Heritage site") },
    { "university", N_("University") },
    { "street", N_("Street") },
    { "zoo", N_("Zoo") },
    { "government", N_("Government") },
    { "waterfront", N_("Waterfront") },
    { "greenbelt", N_("Greenbelt") },
  };
  const char *kind = cx_feature_get_kind (feature);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return g_strdup (_(kinds[i].label));

  /* A kind this version does not know: show it as the pack wrote it. */
  return g_strdup (kind);
}

char *
cx_format_accuracy (CxFeature *feature)
{
  double metres = cx_feature_get_accuracy_m (feature);
  g_autofree char *number = cx_format_number (round (metres));

  if (metres >= 1000)
    {
      g_autofree char *km = cx_format_number (round (metres / 100) / 10);
      /* TRANSLATORS: how accurate a position is, e.g. "Accurate to about 1 km" */
      return g_strdup_printf (_("Accurate to about %s km"), km);
    }

  /* TRANSLATORS: how accurate a position is, e.g. "Accurate to about 150 m" */
  return g_strdup_printf (_("Accurate to about %s m"), number);
}

/* @value rounded to @digits significant figures, and the decimals that
 * shows them (the rounded value decides: 9.996 is 10.0, not 10.00). */
static double
round_significant (double value,
                   int    digits,
                   int   *decimals)
{
  double rounded;
  int magnitude;

  if (value == 0 || !isfinite (value))
    {
      *decimals = 0;
      return isfinite (value) ? value : 0;
    }

  magnitude = (int) floor (log10 (fabs (value))) + 1 - digits;
  rounded = round (value / pow (10, magnitude)) * pow (10, magnitude);
  magnitude = (int) floor (log10 (fabs (rounded))) + 1 - digits;
  *decimals = magnitude < 0 ? -magnitude : 0;
  return rounded;
}

/* Three significant figures, with the locale's grouping and decimal mark.
 * Measured outlines are good to a few tenths of a percent at best, so more
 * would only look precise. */
static char *
format_significant (double value)
{
  int decimals;
  double rounded = round_significant (value, 3, &decimals);

  return g_strdup_printf ("%'.*f", decimals, rounded);
}

/**
 * cx_format_length:
 * @metres: a length
 *
 * Whole metres under a kilometre, kilometres to three significant figures
 * above ("850 m", "1.25 km", "36.9 km").
 *
 * Returns: (transfer full): the text
 */
char *
cx_format_length (double metres)
{
  if (round (metres) < 1000)
    {
      g_autofree char *number = g_strdup_printf ("%'.0f", MAX (round (metres), 0));

      /* TRANSLATORS: a measured length in metres, e.g. "850 m"; written
       * like "%s km²" (in Chinese without a space) */
      return g_strdup_printf (C_("measured length", "%s m"), number);
    }
  else
    {
      g_autofree char *number = format_significant (metres / 1000);

      /* TRANSLATORS: a measured length in kilometres, e.g. "36.9 km";
       * written like "%s km²" (in Chinese without a space) */
      return g_strdup_printf (C_("measured length", "%s km"), number);
    }
}

/**
 * cx_format_area:
 * @square_metres: an area
 *
 * Square metres under 0.1 km², square kilometres above, to three
 * significant figures ("4,530 m²", "37.2 km²"). Where land is counted in
 * hectares and mu (Chinese: 公顷 and 亩, 1 亩 = 10000/15 m²), as the
 * translation says, they follow in brackets.
 *
 * Returns: (transfer full): the text
 */
char *
cx_format_area (double square_metres)
{
  g_autofree char *main_unit = NULL;
  double m2 = MAX (square_metres, 0);
  int decimals;

  /* The unit for the figure as rounded: 99,999 m² is 0.100 km². */
  if (round_significant (m2, 3, &decimals) < 1e5)
    {
      g_autofree char *number = m2 < 1000 ? g_strdup_printf ("%'.0f", round (m2)) : format_significant (m2);

      /* TRANSLATORS: a measured area in square metres, e.g. "4,530 m²" */
      main_unit = g_strdup_printf (_("%s m²"), number);
    }
  else
    {
      g_autofree char *number = format_significant (m2 / 1e6);

      main_unit = g_strdup_printf (_("%s km²"), number);
    }

  /* TRANSLATORS: not shown. Translate as "mu" if your readers count land
   * in hectares and mu (亩) too, as Chinese does: areas are then followed
   * by both, as "%1$s (%2$s ha, %3$s mu)" is translated. */
  if (g_strcmp0 (C_("area units", "metric"), "mu") == 0)
    {
      g_autofree char *hectares = format_significant (m2 / 1e4);
      g_autofree char *mu = format_significant (m2 * 15 / 1e4);

      /* TRANSLATORS: an area, then the same in hectares and in mu (亩), e.g.
       * "37.2 km² (3,720 ha, 55,800 mu)"; only used when "area units" is
       * translated as "mu" */
      return g_strdup_printf (_("%1$s (%2$s ha, %3$s mu)"), main_unit, hectares, mu);
    }

  return g_steal_pointer (&main_unit);
}

/**
 * cx_format_measurement:
 * @measurement: what cx_geodesy_measure_geometry() found
 *
 * A line's length ("11.7 km"), or an area with its perimeter ("37.2 km²,
 * perimeter 36.9 km").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for nothing measured
 */
char *
cx_format_measurement (const CxMeasurement *measurement)
{
  g_return_val_if_fail (measurement != NULL, NULL);

  switch (measurement->kind)
    {
    case CX_MEASURE_LENGTH:
      return cx_format_length (measurement->length_m);
    case CX_MEASURE_AREA:
      {
        g_autofree char *area = cx_format_area (measurement->area_m2);
        g_autofree char *perimeter = cx_format_length (measurement->length_m);

        /* TRANSLATORS: a measured area and its perimeter, e.g. "37.2 km², perimeter 36.9 km" */
        return g_strdup_printf (_("%1$s, perimeter %2$s"), area, perimeter);
      }
    case CX_MEASURE_NONE:
    default:
      return NULL;
    }
}

/**
 * cx_format_measured_shape:
 * @geometry: (nullable): a feature's shape, in WGS84
 *
 * What the details say of a line or an area: its length, or its area and
 * perimeter, measured on the ellipsoid and said to be measured ("Measured
 * from the outline: 37.2 km², perimeter 36.9 km").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for a point
 */
char *
cx_format_measured_shape (const CxGeometry *geometry)
{
  CxMeasurement measurement;
  g_autofree char *figures = NULL;

  if (geometry == NULL || !cx_geodesy_measure_geometry (geometry, &measurement))
    return NULL;

  figures = cx_format_measurement (&measurement);
  if (measurement.kind == CX_MEASURE_AREA)
    /* TRANSLATORS: on a place's page, its area and perimeter measured from its shape on the map */
    return g_strdup_printf (_("Measured from the outline: %s"), figures);
  /* TRANSLATORS: on a line's page, its length measured along its shape on the map */
  return g_strdup_printf (_("Measured along the line: %s"), figures);
}

/**
 * cx_format_announcement:
 * @item: (nullable): a CxItem: a feature, program, statistic or imported
 *   feature
 *
 * What a screen reader says when @item is selected (see
 * cx_item_dup_announcement()).
 *
 * Returns: (transfer full) (nullable): the text, %NULL for no selection
 */
char *
cx_format_announcement (GObject *item)
{
  return CX_IS_ITEM (item) ? cx_item_dup_announcement (CX_ITEM (item)) : NULL;
}

/**
 * cx_format_other_name:
 * @shown: the name shown, in the user's language
 * @other: (nullable): the name in the other script, usually the Chinese one
 * @instead: (nullable): what to give where @other is @shown (in a Chinese
 *   interface the Chinese name is the one shown): usually the English one
 *
 * The name to set beside or under @shown so that both scripts are there,
 * each once.
 *
 * Returns: (transfer full) (nullable): the name, %NULL when there is none
 *   that differs from @shown
 */
char *
cx_format_other_name (const char *shown,
                      const char *other,
                      const char *instead)
{
  if (other != NULL && other[0] != '\0' && g_strcmp0 (shown, other) != 0)
    return g_strdup (other);
  if (instead != NULL && instead[0] != '\0' && g_strcmp0 (shown, instead) != 0)
    return g_strdup (instead);
  return NULL;
}

/**
 * cx_format_two_names:
 *
 * Two names of one thing on one line, "区界 · District", each once: @first,
 * then cx_format_other_name() of it. Every place that writes a name in
 * both scripts goes through here, so that a Chinese interface never reads
 * "区界 · 区界".
 *
 * Returns: (transfer full): the text
 */
char *
cx_format_two_names (const char *first,
                     const char *second,
                     const char *instead)
{
  g_autofree char *other = cx_format_other_name (first, second, instead);

  if (other == NULL)
    return g_strdup (first != NULL ? first : "");
  return g_strdup_printf ("%s · %s", first, other);
}

/**
 * cx_format_district:
 *
 * The district in Chinese first, then in the user's language, or in
 * English where that is Chinese: "长宁区 · Changning District" in both.
 *
 * Returns: (transfer full): the heading
 */
char *
cx_format_district (CxDataPack *pack)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  return cx_format_two_names (cx_data_pack_get_name_zh (pack), cx_data_pack_get_name (pack),
                              cx_data_pack_get_name_en (pack));
}

/* A file name is cut to this many characters, before its extension: well
 * under the 255 bytes of most file systems, in any script. */
#define FILE_NAME_MAX_CHARS 60

/**
 * cx_format_file_name:
 * @name: what the file holds, e.g. a scene's title
 * @extension: "pdf", "png"…
 * @fallback: the name when @name leaves nothing
 *
 * A file name from @name that every file system and file chooser takes:
 * no slash or other character Windows or a FAT stick refuses, no control
 * character, no leading dot (a hidden file) or trailing dot or space, one
 * space where there were several, at most FILE_NAME_MAX_CHARS characters.
 * Letters of any script stay as they are ("中山公园.pdf").
 *
 * Returns: (transfer full): "NAME.EXTENSION"
 */
char *
cx_format_file_name (const char *name,
                     const char *extension,
                     const char *fallback)
{
  GString *out = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = name != NULL && g_utf8_validate (name, -1, NULL) ? name : "";
       *p != '\0' && n_chars < FILE_NAME_MAX_CHARS;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c) || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        {
          /* One space for any run of them, none at the start. */
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            {
              g_string_append_c (out, ' ');
              n_chars++;
            }
          continue;
        }
      if (c == '.' && out->len == 0)
        continue;
      g_string_append_unichar (out, c);
      n_chars++;
    }

  while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '.'))
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, fallback);

  g_string_append_printf (out, ".%s", extension);
  return g_string_free (out, FALSE);
}
