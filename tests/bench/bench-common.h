/* bench-common.h: timing, medians and the table every benchmark prints
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

G_BEGIN_DECLS

/* Nanosecond resolution: g_get_monotonic_time() is too coarse for a hit test. */
static inline double
bench_now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values in place. */
static inline double
bench_quantile (double *values,
                guint   n,
                double  q)
{
  double pos;
  guint i;

  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), bench_compare_doubles);
  pos = q * (n - 1);
  i = (guint) pos;
  if (i + 1 >= n)
    return values[n - 1];
  return values[i] + (pos - i) * (values[i + 1] - values[i]);
}

static inline double
bench_median (double *values,
              guint   n)
{
  return bench_quantile (values, n, 0.5);
}

/* One row of the table build-aux/bench prints. Rows start with "| " so
 * that build-aux/bench can count met and missed targets; anything else a
 * benchmark prints is commentary. Widths are counted in characters, not
 * bytes: the table has "×", "≤" and "→" in it. */
static inline void
bench_append_cell (GString    *row,
                   const char *text,
                   int         width,
                   gboolean    right)
{
  int pad = width - (int) g_utf8_strlen (text != NULL ? text : "", -1);

  if (right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (row, ' ');
  g_string_append (row, text != NULL ? text : "");
  if (!right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (row, ' ');
  g_string_append (row, " | ");
}

static const int bench_widths[] = { 7, 44, 13, 13, 32, 12, 14, 6 };

static inline void
bench_print_row (const char *bench,
                 const char *name,
                 const char *median,
                 const char *baseline,
                 const char *baseline_is,
                 const char *ratio,
                 const char *target,
                 const char *status)
{
  const char *cells[] = { bench, name, median, baseline, baseline_is, ratio, target, status };
  g_autoptr(GString) row = g_string_new ("| ");

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    bench_append_cell (row, cells[i], bench_widths[i], i == 2 || i == 3 || i == 5);
  g_string_truncate (row, row->len - 1);
  fputs (row->str, stdout);
  fputc ('\n', stdout);
}

static inline void
bench_print_header (void)
{
  g_autoptr(GString) rule = g_string_new ("|");

  bench_print_row ("bench", "case", "median", "baseline", "baseline is", "ratio", "target", "status");
  for (guint i = 0; i < G_N_ELEMENTS (bench_widths); i++)
    {
      for (int j = 0; j < bench_widths[i] + 2; j++)
        g_string_append_c (rule, '-');
      g_string_append_c (rule, '|');
    }
  printf ("%s\n", rule->str);
}

/* "5.3× faster" or "0.42×": the baseline's figure over ours. */
static inline void
bench_format_speedup (char   *buf,
                      gsize   size,
                      double  ratio)
{
  if (ratio >= 10)
    g_snprintf (buf, size, "%.0f× faster", ratio);
  else if (ratio >= 1)
    g_snprintf (buf, size, "%.1f× faster", ratio);
  else
    g_snprintf (buf, size, "%.2f× slower", 1 / ratio);
}

/* "met" or "MISSED", for the status column. */
static inline const char *
bench_status (gboolean met)
{
  return met ? "met" : "MISSED";
}

G_END_DECLS
