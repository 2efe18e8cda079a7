/* bench-ogr.c: GDAL reading a vector file, every feature: the import benchmark's baseline
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-ogr FILE
 *
 * Opens FILE with GDAL (read-only, vector) and, for every layer, reads
 * every feature and touches all of it: the geometry's every position (its
 * envelope) and every field as text, which is what an importer has to do
 * with a feature. This is the fair comparison for cx_import_file():
 * `ogrinfo -al -so` reads much less (see build-aux/bench). Prints the same
 * lines as `bench-import --once`: "seconds S" (from GDALOpenEx() to the
 * last feature; driver registration is not counted), "rss-kb K"
 * (ru_maxrss) and "features N".
 */

#include "config.h"

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"

int
main (int   argc,
      char *argv[])
{
  GDALDatasetH dataset;
  struct rusage usage;
  guint64 n_features = 0;
  gsize text_bytes = 0;
  double start, seconds, extent = 0;

  if (argc != 2)
    {
      g_printerr ("usage: bench-ogr FILE\n");
      return 2;
    }

  GDALAllRegister ();
  start = bench_now_us ();
  dataset = GDALOpenEx (argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (dataset == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], CPLGetLastErrorMsg ());
      return 1;
    }

  for (int l = 0; l < GDALDatasetGetLayerCount (dataset); l++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, l);
      OGRFeatureH feature;

      OGR_L_ResetReading (layer);
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

          if (geometry != NULL && !OGR_G_IsEmpty (geometry))
            {
              OGREnvelope envelope;

              OGR_G_GetEnvelope (geometry, &envelope);
              extent += envelope.MaxX - envelope.MinX;
            }
          for (int f = 0; f < OGR_F_GetFieldCount (feature); f++)
            if (OGR_F_IsFieldSetAndNotNull (feature, f))
              text_bytes += strlen (OGR_F_GetFieldAsString (feature, f));
          OGR_F_Destroy (feature);
          n_features++;
        }
    }
  GDALClose (dataset);
  seconds = (bench_now_us () - start) / 1e6;
  getrusage (RUSAGE_SELF, &usage);

  /* The sums are printed so that the reading cannot be optimised away. */
  printf ("seconds %.4f\nrss-kb %ld\nfeatures %" G_GUINT64_FORMAT "\ntouched %" G_GSIZE_FORMAT " text bytes, %.3f° of widths\n",
          seconds, usage.ru_maxrss, n_features, text_bytes, extent);
  return 0;
}
