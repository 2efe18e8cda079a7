/* cx-measure.c: the points of a measurement on the map, and what they measure
 *
 * A path of WGS84 positions (whatever datum the map is drawn in: the map
 * undoes a GCJ-02 basemap's shift before it adds a point), either a line,
 * measured along, or the outline of an area, closed back to its first
 * point. Kept apart from any widget so that drawn annotations can keep
 * their points the same way. One "changed" per change.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-measure"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-format.h"
#include "cx-measure.h"

struct _CxMeasure
{
  GObject   parent_instance;

  GArray   *points;    /* CxCoord, x longitude, y latitude */
  gboolean  area;
  gboolean  finished;
};

G_DEFINE_FINAL_TYPE (CxMeasure, cx_measure, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed (CxMeasure *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cx_measure_finalize (GObject *object)
{
  CxMeasure *self = CX_MEASURE (object);

  g_array_unref (self->points);

  G_OBJECT_CLASS (cx_measure_parent_class)->finalize (object);
}

static void
cx_measure_class_init (CxMeasureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_measure_finalize;

  /**
   * CxMeasure::changed:
   *
   * The points, the kind or whether it is finished changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cx_measure_init (CxMeasure *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (CxCoord));
}

CxMeasure *
cx_measure_new (void)
{
  return g_object_new (CX_TYPE_MEASURE, NULL);
}

/**
 * cx_measure_add_point:
 * @lon: WGS84 longitude
 * @lat: WGS84 latitude
 *
 * Adds a point at the end. A finished measurement starts again from it.
 */
void
cx_measure_add_point (CxMeasure *self,
                      double     lon,
                      double     lat)
{
  CxCoord c = { lon, lat };

  g_return_if_fail (CX_IS_MEASURE (self));
  g_return_if_fail (lat >= -90 && lat <= 90 && isfinite (lon));

  if (self->finished)
    {
      g_array_set_size (self->points, 0);
      self->finished = FALSE;
    }
  g_array_append_val (self->points, c);
  changed (self);
}

/**
 * cx_measure_remove_last:
 *
 * Drops the last point; a finished measurement can be taken up again so.
 *
 * Returns: %FALSE when there was none
 */
gboolean
cx_measure_remove_last (CxMeasure *self)
{
  g_return_val_if_fail (CX_IS_MEASURE (self), FALSE);

  if (self->points->len == 0)
    return FALSE;
  g_array_set_size (self->points, self->points->len - 1);
  self->finished = FALSE;
  changed (self);
  return TRUE;
}

void
cx_measure_clear (CxMeasure *self)
{
  g_return_if_fail (CX_IS_MEASURE (self));

  if (self->points->len == 0 && !self->finished)
    return;
  g_array_set_size (self->points, 0);
  self->finished = FALSE;
  changed (self);
}

/**
 * cx_measure_get_points:
 *
 * Returns: (array length=n_points): the points, in WGS84
 */
const CxCoord *
cx_measure_get_points (CxMeasure *self,
                       guint     *n_points)
{
  g_return_val_if_fail (CX_IS_MEASURE (self), NULL);

  *n_points = self->points->len;
  return (const CxCoord *) (gpointer) self->points->data;
}

guint
cx_measure_get_n_points (CxMeasure *self)
{
  g_return_val_if_fail (CX_IS_MEASURE (self), 0);

  return self->points->len;
}

/* Whether the points are an area's outline, closed back to the first one,
 * rather than a line. */
void
cx_measure_set_area (CxMeasure *self,
                     gboolean   area)
{
  g_return_if_fail (CX_IS_MEASURE (self));

  if (self->area == !!area)
    return;
  self->area = !!area;
  changed (self);
}

gboolean
cx_measure_get_area (CxMeasure *self)
{
  g_return_val_if_fail (CX_IS_MEASURE (self), FALSE);

  return self->area;
}

void
cx_measure_set_finished (CxMeasure *self,
                         gboolean   finished)
{
  g_return_if_fail (CX_IS_MEASURE (self));

  finished = finished && self->points->len > 0;
  if (self->finished == finished)
    return;
  self->finished = finished;
  changed (self);
}

gboolean
cx_measure_get_finished (CxMeasure *self)
{
  g_return_val_if_fail (CX_IS_MEASURE (self), FALSE);

  return self->finished;
}

/**
 * cx_measure_get_measurement:
 * @measurement: (out caller-allocates): the length of the line, or the area
 *   and perimeter of the outline (an outline of fewer than three points has
 *   no area yet: it measures as a line)
 */
void
cx_measure_get_measurement (CxMeasure     *self,
                            CxMeasurement *measurement)
{
  guint n = self->points->len;
  const CxCoord *points = (const CxCoord *) (gpointer) self->points->data;

  g_return_if_fail (CX_IS_MEASURE (self));

  if (self->area && n >= 3)
    {
      double perimeter = 0;
      double area = fabs (cx_geodesy_ring_area (points, n, &perimeter));

      *measurement = (CxMeasurement) { CX_MEASURE_AREA, perimeter, area };
    }
  else
    *measurement = (CxMeasurement) { CX_MEASURE_LENGTH, cx_geodesy_line_length (points, n), 0 };
}

/**
 * cx_measure_dup_readout:
 *
 * What the measure bar says, and a screen reader reads out: the figure so
 * far, or what to do first.
 *
 * Returns: (transfer full): the text
 */
char *
cx_measure_dup_readout (CxMeasure *self)
{
  CxMeasurement m;
  g_autofree char *figures = NULL;
  guint n;

  g_return_val_if_fail (CX_IS_MEASURE (self), NULL);

  n = self->points->len;
  if (n == 0)
    return g_strdup (self->area ? _("Area: click the corners, or move the crosshair and press Enter")
                                : _("Distance: click points, or move the crosshair and press Enter"));
  if (self->area && n < 3)
    /* TRANSLATORS: the measure bar, measuring an area with fewer than 3 corners */
    return g_strdup_printf (ngettext ("Area: %u corner, add at least 3", "Area: %u corners, add at least 3", n), n);

  cx_measure_get_measurement (self, &m);
  figures = cx_format_measurement (&m);
  if (self->area)
    /* TRANSLATORS: the measure bar, e.g. "Area: 0.123 km², perimeter 1.45 km" */
    return g_strdup_printf (self->finished ? _("Area (finished): %s") : _("Area: %s"), figures);
  /* TRANSLATORS: the measure bar, e.g. "Distance: 1.23 km" */
  return g_strdup_printf (self->finished ? _("Distance (finished): %s") : _("Distance: %s"), figures);
}
