/* test-tile-url.c: tile URL templates are checked and expanded
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cx-tile-url.h"

static void
test_valid (void)
{
  const char *good[] = {
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png",
    "HTTPS://Tiles.Example.org/{z}/{x}/{y}@2x.png",
    "https://example.org/wmts?layer=base&z={z}&x={x}&y={y}&key=abc%20def",
    "https://example.org/tms/{z}/{x}/{tmsy}.jpg",
    "https://[::1]:8443/{z}/{x}/{y}",
    "https://example.org/{z}/{x}/{y}/{x}.png",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", good[i]);
      g_assert_true (cx_tile_url_template_validate (good[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_invalid (void)
{
  g_autofree char *too_long = NULL;
  g_autofree char *longest = NULL;
  const char *prefix = "https://example.org/{z}/{x}/{y}?pad=";
  const struct
  {
    const char *url;
    CxTileUrlError code;
  } bad[] = {
    { "", CX_TILE_URL_ERROR_EMPTY },
    { "file:///home/user/tiles/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME },
    { "javascript:alert(1)//{z}/{x}/{y}", CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME },
    { "ftp://example.org/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME },
    { "resource:///tiles/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME },
    { "tile.openstreetmap.org/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME },
    { "//tile.openstreetmap.org/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_UNSUPPORTED_SCHEME },
    { "https://example.org/{x}/{y}.png", CX_TILE_URL_ERROR_MISSING_PLACEHOLDER },
    { "https://example.org/{z}/{y}.png", CX_TILE_URL_ERROR_MISSING_PLACEHOLDER },
    { "https://example.org/{z}/{x}.png", CX_TILE_URL_ERROR_MISSING_PLACEHOLDER },
    { "https://example.org/{z}/{x}/{y}/{q}.png", CX_TILE_URL_ERROR_UNKNOWN_PLACEHOLDER },
    { "https://example.org/{z}/{x}/{Y}.png", CX_TILE_URL_ERROR_UNKNOWN_PLACEHOLDER },
    { "https://example.org/{z}/{x}/{}.png", CX_TILE_URL_ERROR_UNKNOWN_PLACEHOLDER },
    { "https://example.org/{z}/{x}/{y.png", CX_TILE_URL_ERROR_MALFORMED },
    { "https://example.org/{z}/{x}/{{y}}.png", CX_TILE_URL_ERROR_MALFORMED },
    { "https://example.org/{z}/{x}/y}.png", CX_TILE_URL_ERROR_MALFORMED },
    { "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_UNKNOWN_PLACEHOLDER },
    { "https://t{z}.example.org/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_PLACEHOLDER_IN_HOST },
    { "https://example.org/{z}/{x}/{y}.png#top", CX_TILE_URL_ERROR_MALFORMED },
    { "https://example.org/{z}/{x}/{y}.png?bad=%zz", CX_TILE_URL_ERROR_MALFORMED },
    /* An escape completed by a placeholder: "%00" for tile 0 (found by fuzzing). */
    { "https://example.org/%{z}/{x}/{y}.png", CX_TILE_URL_ERROR_MALFORMED },
    { "https://example.org:99999/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_MALFORMED },
    { "https://example.org/{z}/{x}/{y} .png", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { " https://example.org/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { "https://example.org/{z}/{x}/{y}.png\n", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { "https://example.org/\t{z}/{x}/{y}.png", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { "https://example.org/\x01{z}/{x}/{y}.png", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { "https://example.org/\x7f{z}/{x}/{y}.png", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { "https://例え.jp/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { "https://example.org/\xff{z}/{x}/{y}.png", CX_TILE_URL_ERROR_INVALID_CHARACTER },
    { "https:///{z}/{x}/{y}.png", CX_TILE_URL_ERROR_NO_HOST },
    { "https:{z}/{x}/{y}.png", CX_TILE_URL_ERROR_NO_HOST },
    { "https://user:secret@example.org/{z}/{x}/{y}.png", CX_TILE_URL_ERROR_CREDENTIALS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (bad[i].url, NULL);

      g_test_message ("%s", shown);
      g_assert_false (cx_tile_url_template_validate (bad[i].url, &error));
      g_assert_error (error, CX_TILE_URL_ERROR, (int) bad[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_test_message ("  → %s", error->message);

      /* A NULL error location is fine too. */
      g_assert_false (cx_tile_url_template_validate (bad[i].url, NULL));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cx_tile_url_template_validate (NULL, &error));
    g_assert_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_EMPTY);
  }

  /* Exactly at the cap is fine, one byte over is not. */
  longest = g_strconcat (prefix, NULL);
  longest = g_realloc (longest, CX_TILE_URL_MAX_LENGTH + 1);
  memset (longest + strlen (prefix), 'a', CX_TILE_URL_MAX_LENGTH - strlen (prefix));
  longest[CX_TILE_URL_MAX_LENGTH] = '\0';
  g_assert_true (cx_tile_url_template_validate (longest, NULL));

  too_long = g_strconcat (longest, "a", NULL);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cx_tile_url_template_validate (too_long, &error));
    g_assert_error (error, CX_TILE_URL_ERROR, CX_TILE_URL_ERROR_TOO_LONG);
  }
}

/* The message names what is wrong, so the user can fix it. */
static void
test_messages (void)
{
  g_autoptr(GError) scheme = NULL;
  g_autoptr(GError) unknown = NULL;
  g_autoptr(GError) missing = NULL;

  cx_tile_url_template_validate ("file:///tmp/{z}/{x}/{y}.png", &scheme);
  g_assert_nonnull (strstr (scheme->message, "file:"));
  g_assert_nonnull (strstr (scheme->message, "https://"));

  cx_tile_url_template_validate ("https://example.org/{z}/{x}/{y}/{quadkey}", &unknown);
  g_assert_nonnull (strstr (unknown->message, "{quadkey}"));

  cx_tile_url_template_validate ("https://example.org/{x}/{y}.png", &missing);
  g_assert_nonnull (strstr (missing->message, "{z}"));
}

static void
test_expand (void)
{
  const struct
  {
    const char *url;
    guint z, x, y;
    const char *expected;
  } cases[] = {
    { "https://tile.openstreetmap.org/{z}/{x}/{y}.png", 15, 27438, 13391,
      "https://tile.openstreetmap.org/15/27438/13391.png" },
    { "https://example.org/{z}/{x}/{tmsy}.png", 15, 27438, 13391,
      "https://example.org/15/27438/19376.png" },
    { "https://example.org/{z}/{x}/{tmsy}.png", 0, 0, 0,
      "https://example.org/0/0/0.png" },
    { "https://example.org/?x={x}&y={y}&z={z}&again={x}", 3, 1, 2,
      "https://example.org/?x=1&y=2&z=3&again=1" },
    { "https://example.org/{z}/{x}/{y}/{q}{", 1, 1, 1,
      "https://example.org/1/1/1/{q}{" },
    { "no placeholders", 1, 2, 3, "no placeholders" },
    { "", 1, 2, 3, "" },
    { "{z}{x}{y}", G_MAXUINT, G_MAXUINT, G_MAXUINT, "429496729542949672954294967295" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = cx_tile_url_expand (cases[i].url, cases[i].z, cases[i].x, cases[i].y);

      g_assert_cmpstr (url, ==, cases[i].expected);
    }

  /* Nonsense rows wrap instead of crashing. */
  {
    g_autofree char *url = cx_tile_url_expand ("{tmsy}", 200, 0, 5);

    g_assert_nonnull (url);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tile-url/valid", test_valid);
  g_test_add_func ("/tile-url/invalid", test_invalid);
  g_test_add_func ("/tile-url/messages", test_messages);
  g_test_add_func ("/tile-url/expand", test_expand);

  return g_test_run ();
}
