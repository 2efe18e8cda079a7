/* cx-test-packs.c: the packs of the tests: the mini pack, and the default one
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pack is tests/common/mini-pack.json (meson gives its path as
 * CX_TEST_MINI_PACK); test-pack-errors and test-hostile each break one
 * thing in it per case, so byte offsets in their messages count from it.
 */

#include "config.h"

#include "cx-test-packs.h"

/* The pack's text, read once. */
const char *
cx_test_mini_pack (void)
{
  static char *text;

  if (text == NULL)
    {
      g_autoptr(GError) error = NULL;

      g_file_get_contents (CX_TEST_MINI_PACK, &text, NULL, &error);
      g_assert_no_error (error);
    }

  return text;
}

/* The pack with the first @find made @replace; the case must change the
 * pack, or it tests nothing. */
GString *
cx_test_mini_pack_with (const char *find,
                        const char *replace)
{
  GString *text = g_string_new (cx_test_mini_pack ());

  g_assert_cmpuint (g_string_replace (text, find, replace, 1), ==, 1);
  return text;
}

/* @text loaded as an update delivers a pack: one file, no folder. */
CxDataPack *
cx_test_load_pack_text (const char  *text,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return cx_data_pack_load_from_bytes (bytes, NULL, "pack.json", NULL, error);
}

/* The pack the app ships (from its resources), which must load. */
CxDataPack *
cx_test_load_default_pack (void)
{
  g_autoptr(GError) error = NULL;
  CxDataPack *pack = cx_data_pack_load_default (&error);

  g_assert_no_error (error);
  return pack;
}
