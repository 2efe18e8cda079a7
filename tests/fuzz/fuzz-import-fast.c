/* fuzz-import-fast.c: the importer's fast path never changes an outcome
 *
 * The GeoJSON importer reads the common feature straight from the bytes
 * (src/import/cx-import-fast.c) and leaves everything else to the slow
 * way, which builds a JSON tree. This imports every input both ways
 * (CX_IMPORT_NO_FAST_PATH) and aborts when the outcomes differ in
 * anything (tests/fuzz/import-compare.h): the error's domain, code or
 * message, or any feature, property, style, coordinate bit, unlocated or
 * clamped count. The first input byte chooses whether positions are
 * converted from GCJ-02, as in fuzz-import.c.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "import-compare.h"

FUZZ_DEFINE_INITIALIZE ()

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *difference = NULL;

  if (size < 1)
    return 0;

  bytes = g_bytes_new_static (data + 1, size - 1);
  difference = import_compare_both_ways (bytes, data[0] & 1);
  if (difference != NULL)
    {
      fprintf (stderr, "the fast path changed the outcome: %s\n", difference);
      abort ();
    }
  return 0;
}
