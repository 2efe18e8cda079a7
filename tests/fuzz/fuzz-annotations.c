/* fuzz-annotations.c: an annotations file (GeoJSON) someone brought to the meeting
 *
 * What loads must be marks the map can draw, and must write and load
 * again to the same marks: the app exports what it imported.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cx-annotations.h"
#include "cx-pack-error.h"
#include "fuzz-common.h"

FUZZ_DEFINE_INITIALIZE ()

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  annotations = cx_annotations_from_geojson (bytes, "fuzz.geojson", &error);
  if (annotations == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == CX_PACK_ERROR || error->domain == CX_ANNOTATIONS_ERROR);
      fuzz_check_message (error->message);
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (annotations->len <= CX_ANNOTATIONS_MAX);

  for (guint i = 0; i < annotations->len; i++)
    {
      CxAnnotation *annotation = g_ptr_array_index (annotations, i);
      guint n;
      const CxCoord *points = cx_annotation_get_points (annotation, &n);

      FUZZ_CHECK (cx_annotation_check (cx_annotation_get_kind (annotation), points, n,
                                       cx_annotation_get_note (annotation), NULL));
      FUZZ_CHECK (cx_annotation_color_is_valid (cx_annotation_get_color (annotation)));
      FUZZ_CHECK (isfinite (cx_annotation_get_width (annotation)));
      fuzz_check_text (cx_annotation_get_note (annotation));
    }

  saved = cx_annotations_to_geojson (annotations);
  again = cx_annotations_from_geojson (saved, "saved.geojson", &error);
  if (again == NULL)
    {
      fprintf (stderr, "exported annotations do not load again: %s\n", error->message);
      abort ();
    }
  FUZZ_CHECK (again->len == annotations->len);
  for (guint i = 0; i < again->len; i++)
    FUZZ_CHECK (cx_annotation_same_content (g_ptr_array_index (annotations, i), g_ptr_array_index (again, i)));

  return 0;
}
