/* test-hostile.c: hostile input for the pack loader, the GeoJSON reader and
 * `changning-explorer --validate`
 *
 * Every case must end in a clear error or in safe handling (documented in
 * docs/security.md): no crash, no hang past a stated bound, and error
 * messages that are short, valid UTF-8 and free of control characters
 * whatever the input held.
 *
 * Time bounds, in CPU time: a ring of 10^6 positions (23 MB of GeoJSON)
 * loads in under 5 s in a normal build; it takes about 2–3 s here, mostly
 * in json-glib.
 * AddressSanitizer slows allocation-heavy code some 3–4 times, so sanitized
 * builds get 30 s. Under valgrind (CX_TEST_UNDER_VALGRIND, set by `meson
 * test --setup=valgrind`) the big inputs are scaled down to 2·10^4
 * positions and 2 MB strings, since valgrind runs some 50 times slower; the
 * plain and ASan runs cover the full sizes.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cx-data-pack.h"
#include "cx-geojson.h"
#include "cx-import.h"
#include "cx-json-scanner.h"

#if defined(__SANITIZE_ADDRESS__)
# define CX_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define CX_SANITIZED 1
# endif
#endif
#ifndef CX_SANITIZED
# define CX_SANITIZED 0
#endif

#include "cx-test-files.h"
#include "cx-test-packs.h"
#include "cx-test-run.h"

#define AREA_RING "[[[121.3, 31.1], [121.5, 31.1], [121.5, 31.3], [121.3, 31.1]]]"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static gboolean
under_valgrind (void)
{
  return g_getenv ("CX_TEST_UNDER_VALGRIND") != NULL;
}

/* 10^6 positions, or 2·10^4 under valgrind. */
static guint
big_ring_size (void)
{
  return under_valgrind () ? 20000 : 1000000;
}

/* 50 MB, or 2 MB under valgrind. */
static gsize
big_string_size (void)
{
  return under_valgrind () ? 2 * 1000 * 1000 : 50 * 1000 * 1000;
}

/* Seconds a big input may take: 5 in a normal build. */
static double
time_bound (void)
{
  if (under_valgrind ())
    return 60;
  return CX_SANITIZED ? 30 : 5;
}

/* Bounds are on CPU time, so that other tests running beside this one (two
 * cores, meson runs tests in parallel) do not make it fail; a hang that
 * burns no CPU is caught by meson's timeout instead. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of the subprocesses that have ended so far. */
static double
children_cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* What every error message must be, whatever the input held. */
static void
assert_clean_message (const char *message)
{
  g_assert_nonnull (message);
  g_assert_cmpuint (strlen (message), <=, 1024);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (p));

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_error ("control or format character U+%04X in “%s”", g_utf8_get_char (p), message);
    }
}


static void
assert_pack_refused (const char  *text,
                     gsize        len,
                     CxPackError  code,
                     const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text, len, &error);

  g_assert_null (pack);
  g_assert_error (error, CX_PACK_ERROR, (int) code);
  if (strstr (error->message, expected) == NULL)
    {
      g_test_fail_printf ("expected “%s” in “%s”", expected, error->message);
      return;
    }
  assert_clean_message (error->message);
}

static gboolean
count_geometry (guint        index,
                const char  *id,
                CxGeometry  *geometry,
                JsonObject  *properties,
                gpointer     user_data,
                GError     **error)
{
  guint *n_coords = user_data;

  *n_coords += cx_geometry_get_n_coords (geometry);
  return TRUE;
}

/* A closed ring of @n positions around Zhongshan Park, as GeoJSON text. */
static void
append_ring (GString *out,
             guint    n)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      double angle = 2 * G_PI * (i % (n - 1)) / (n - 1);

      g_ascii_formatd (x, sizeof x, "%.7f", 121.4165 + 0.01 * cos (angle));
      g_ascii_formatd (y, sizeof y, "%.7f", 31.2232 + 0.01 * sin (angle));
      g_string_append_printf (out, "%s[%s, %s]", i == 0 ? "" : ",", x, y);
    }
  g_string_append_c (out, ']');
}

static GString *
nested (const char *open,
        const char *close,
        guint       depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return text;
}

/* ------------------------------------------------------------------ */
/* One change to the valid pack, refused with a clear error            */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char  *name;
  const char  *find;
  const char  *replace;
  CxPackError  code;
  const char  *message;
} RefusedCase;

static const RefusedCase refused_cases[] = {
  /* Not-a-number and infinity: JSON has no such literals; 1e400 overflows. */
  { "nan-literal", "[121.4165, 31.2232]", "[NaN, 31.2232]", CX_PACK_ERROR_PARSE, "not valid JSON: unexpected character “N” (line 15, column 85)" },
  { "infinity-literal", "[121.4165, 31.2232]", "[121.4165, Infinity]", CX_PACK_ERROR_PARSE, "not valid JSON: unexpected character “I”" },
  { "minus-infinity-literal", "[121.4165, 31.2232]", "[-Infinity, 31.2232]", CX_PACK_ERROR_PARSE, "a number is malformed" },
  { "1e400-latitude", "[121.4165, 31.2232]", "[121.4165, 1e400]", CX_PACK_ERROR_COORDINATE, "the point: the latitude is not a finite number" },
  { "minus-1e400-longitude", "[121.4165, 31.2232]", "[-1e400, 31.2232]", CX_PACK_ERROR_COORDINATE, "the point: the longitude is not a finite number" },
  { "1e400-in-ring", "[121.5, 31.3], [121.3, 31.1]]]", "[121.5, 1e400], [121.3, 31.1]]]", CX_PACK_ERROR_COORDINATE, "the polygon, outer ring, position 3: the latitude is not a finite number" },
  { "1e400-value", "\"value\": 15.3", "\"value\": 1e400", CX_PACK_ERROR_VALUE, "“value” is not a finite number" },
  { "1e400-bounds", "[121.3, 31.1, 121.5, 31.3]", "[121.3, 31.1, 1e400, 31.3]", CX_PACK_ERROR_COORDINATE, "“bounds” holds a number that is not finite" },
  { "1e400-accuracy", "\"accuracy_m\": 150", "\"accuracy_m\": 1e400", CX_PACK_ERROR_VALUE, "“accuracy_m” is not a finite number" },
  /* Out of range. */
  { "longitude-past-180", "[121.4165, 31.2232]", "[180.0000001, 31.2232]", CX_PACK_ERROR_COORDINATE, "longitude 180 is outside −180…180" },
  { "latitude-past-mercator", "[121.4165, 31.2232]", "[121.4165, 85.06]", CX_PACK_ERROR_COORDINATE, "latitude 85.06 is outside −85.05…85.05" },
  { "latitude-pole", "[121.4165, 31.2232]", "[121.4165, -90]", CX_PACK_ERROR_COORDINATE, "latitude -90 is outside" },
  { "swapped-lat-lon", "[121.4165, 31.2232]", "[31.2232, 121.4165]", CX_PACK_ERROR_COORDINATE, "latitude 121.4" },
  { "bounds-outside-world", "[121.3, 31.1, 121.5, 31.3]", "[-200, 31.1, 121.5, 31.3]", CX_PACK_ERROR_COORDINATE, "not a box inside the web map's range" },
  /* Duplicate member names: json-glib would keep the last (and take
   * quadratic time over many), so they are refused. */
  { "duplicate-key", "\"id\": \"mini\"", "\"id\": \"mini\", \"id\": \"other\"", CX_PACK_ERROR_PARSE, "pack.json: the member “id” appears twice in one object, so which one counts would be a guess (line 3, column 17)" },
  { "duplicate-key-escaped", "\"id\": \"mini\"", "\"id\": \"mini\", \"\\u0069d\": \"other\"", CX_PACK_ERROR_PARSE, "the member “id” appears twice" },
  { "duplicate-key-nested", "\"kind\": \"park\"", "\"kind\": \"park\", \"kind\": \"zoo\"", CX_PACK_ERROR_PARSE, "the member “kind” appears twice" },
  /* Links are opened in a browser: only http and https. */
  { "javascript-link", "\"https://example.org/b\"", "\"javascript:alert(1)\"", CX_PACK_ERROR_VALUE, "link 1 must be an http or https address, not “javascript:alert(1)”" },
  { "javascript-link-upper", "\"https://example.org/b\"", "\"JaVaScRiPt:alert(1)\"", CX_PACK_ERROR_VALUE, "must be an http or https address" },
  { "file-link", "\"https://example.org/b\"", "\"file:///etc/passwd\"", CX_PACK_ERROR_VALUE, "not “file:///etc/passwd”" },
  { "data-source-url", "\"https://example.org/a\"", "\"data:text/html,<script>alert(1)</script>\"", CX_PACK_ERROR_VALUE, "“url” must be an http or https address" },
  { "javascript-source-url-spaced", "\"https://example.org/a\"", "\" javascript:alert(1)\"", CX_PACK_ERROR_VALUE, "“url” must be an http or https address" },
  { "hostless-https", "\"https://example.org/a\"", "\"https:///etc/passwd\"", CX_PACK_ERROR_VALUE, "“url” must be an http or https address" },
  /* What json-glib 1.6 would get wrong if it saw it. */
  { "integer-overflow-version", "\"version\": 3", "\"version\": 18446744073709551619", CX_PACK_ERROR_PARSE, "a whole number is too large (more than 64 bits) (line 3" },
  { "integer-overflow-format", "\"format_version\": 1", "\"format_version\": 18446744073709551617", CX_PACK_ERROR_PARSE, "too large" },
  { "lone-surrogate", "\"Mini\"", "\"Mi\\ud800ni\"", CX_PACK_ERROR_PARSE, "a \\u escape is half of a surrogate pair" },
  { "nul-escape", "\"Mini\"", "\"Mi\\u0000ni\"", CX_PACK_ERROR_PARSE, "a string holds a NUL character" },
  { "single-quotes", "\"Mini\"", "'Mini'", CX_PACK_ERROR_PARSE, "not valid JSON: unexpected character “'”" },
  { "comment", "\"license\": \"CC0\"", "\"license\": /* c */ \"CC0\"", CX_PACK_ERROR_PARSE, "not valid JSON: unexpected character “/”" },
  { "hex-number", "\"version\": 3", "\"version\": 0x3", CX_PACK_ERROR_PARSE, "expected “,” or “}”" },
  { "leading-zero", "\"version\": 3", "\"version\": 03", CX_PACK_ERROR_PARSE, "a number is malformed" },
  { "trailing-comma", "\"max_zoom\": 18}", "\"max_zoom\": 18,}", CX_PACK_ERROR_PARSE, "expected a member name in double quotes" },
  { "raw-tab-in-string", "\"Mini\"", "\"Mi\tni\"", CX_PACK_ERROR_PARSE, "a string holds the control character U+0009" },
  { "invalid-escape", "\"Mini\"", "\"Mi\\qni\"", CX_PACK_ERROR_PARSE, "invalid escape (unexpected character “q” after “\\”)" },
  /* Bytes that are not UTF-8. */
  { "invalid-utf8", "\"Mini\"", "\"Mi\xff\xfeni\"", CX_PACK_ERROR_PARSE, "pack.json: not valid UTF-8 text (at byte 136)" },
  { "overlong-utf8", "\"Mini\"", "\"Mi\xc0\xafni\"", CX_PACK_ERROR_PARSE, "not valid UTF-8" },
  { "encoded-surrogate-utf8", "\"Mini\"", "\"Mi\xed\xa0\x80ni\"", CX_PACK_ERROR_PARSE, "not valid UTF-8" },
  { "truncated-utf8", "\"小\"", "\"\xe5\xb0\"", CX_PACK_ERROR_PARSE, "not valid UTF-8" },
  /* A second byte-order mark is not white space. */
  { "two-boms", "{\n  \"format\"", "\xef\xbb\xbf\xef\xbb\xbf{\n  \"format\"", CX_PACK_ERROR_PARSE, "unexpected character U+FEFF" },
  { "trailing-garbage", "  ]}\n}\n", "  ]}\n}\n{}", CX_PACK_ERROR_PARSE, "unexpected text after the end of the JSON value" },
  /* Values that quote themselves in the message are cut short and shown
   * without their control characters. */
  { "escape-in-id", "\"id\": \"area\"", "\"id\": \"\\u001b[31mred\\u001b[0m\"", CX_PACK_ERROR_VALUE, "feature 1 (“\xef\xbf\xbd[31mred\xef\xbf\xbd[0m”): the id “\xef\xbf\xbd[31mred\xef\xbf\xbd[0m” is not valid" },
  { "bidi-override-in-layer", "\"layer\": \"landmarks\", \"kind\": \"park\"", "\"layer\": \"evil\\u202egnp.exe\", \"kind\": \"park\"", CX_PACK_ERROR_UNKNOWN_LAYER, "its layer “evil\xef\xbf\xbdgnp.exe” is not one of the pack's layers" },
  { "newline-in-kind", "\"kind\": \"growth\"", "\"kind\": \"gro\\nwth\\r\\n\\u2028x\"", CX_PACK_ERROR_VALUE, "“kind” is “gro\xef\xbf\xbdwth\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx”" },
};

static void
test_refused (gconstpointer data)
{
  const RefusedCase *bad = data;
  g_autoptr(GString) text = cx_test_mini_pack_with (bad->find, bad->replace);

  assert_pack_refused (text->str, text->len, bad->code, bad->message);
}

/* ------------------------------------------------------------------ */
/* The rest, one by one                                                */
/* ------------------------------------------------------------------ */

static void
test_valid_pack_loads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (cx_test_mini_pack (), strlen (cx_test_mini_pack ()), &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
}

static void
test_bom (void)
{
  g_autoptr(GString) text = g_string_new ("\xef\xbb\xbf");
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;

  g_string_append (text, cx_test_mini_pack ());
  pack = cx_test_load_pack_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cx_data_pack_get_id (pack), ==, "mini");
}

static void
test_empty (void)
{
  assert_pack_refused ("", 0, CX_PACK_ERROR_PARSE, "pack.json: the file is empty");
  assert_pack_refused (" \n\t\r\n", 5, CX_PACK_ERROR_PARSE, "pack.json: the file contains only white space, no JSON value");
  assert_pack_refused ("\xef\xbb\xbf", 3, CX_PACK_ERROR_PARSE, "pack.json: the file is empty");
  assert_pack_refused ("\0", 1, CX_PACK_ERROR_PARSE, "pack.json: the file contains a NUL byte (at byte 0), so it is not a text file");
  assert_pack_refused ("{\"a\": 1}\0", 9, CX_PACK_ERROR_PARSE, "pack.json: the file contains a NUL byte (at byte 8), so it is not a text file");
  /* "{}" in UTF-16, with and without a byte-order mark, and in UTF-32 */
  assert_pack_refused ("\xff\xfe{\0}\0", 6, CX_PACK_ERROR_PARSE, "pack.json: the file looks like UTF-16 text; JSON must be UTF-8 (save it again as UTF-8)");
  assert_pack_refused ("\0{\0}", 4, CX_PACK_ERROR_PARSE, "pack.json: the file looks like UTF-16 text; JSON must be UTF-8 (save it again as UTF-8)");
  assert_pack_refused ("{\0}\0", 4, CX_PACK_ERROR_PARSE, "pack.json: the file looks like UTF-16 text; JSON must be UTF-8 (save it again as UTF-8)");
  assert_pack_refused ("{\0\0\0}\0\0\0", 8, CX_PACK_ERROR_PARSE, "pack.json: the file looks like UTF-32 text; JSON must be UTF-8 (save it again as UTF-8)");
}

static void
test_nested_100000_arrays (void)
{
  g_autoptr(GString) text = nested ("[", "]", 100000);
  double start = cpu_now ();

  assert_pack_refused (text->str, text->len, CX_PACK_ERROR_PARSE,
                       "pack.json: nested more than 64 levels deep (line 1, column 65)");
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());
}

static void
test_nested_100000_objects (void)
{
  g_autoptr(GString) text = nested ("{\"a\":", "}", 100000);

  g_string_prepend (text, "{\"features\": ");
  g_string_append (text, "}");
  assert_pack_refused (text->str, text->len, CX_PACK_ERROR_PARSE, "nested more than 64 levels deep");
}

/* json-glib 1.6 takes '…' strings and comments, which the depth check used
 * to read past: a " inside either hid 100,000 levels from it, and json-glib
 * then overflowed the stack. Both are now refused before json-glib runs. */
static void
test_nesting_hidden_in_single_quotes (void)
{
  g_autoptr(GString) text = nested ("[", "]", 100000);

  g_string_prepend (text, "['\"', ");
  g_string_append (text, ", '\"']");
  assert_pack_refused (text->str, text->len, CX_PACK_ERROR_PARSE,
                       "not valid JSON: unexpected character “'” (line 1, column 2)");
}

static void
test_nesting_hidden_in_comment (void)
{
  g_autoptr(GString) text = nested ("[", "]", 100000);

  g_string_prepend (text, "[/* \" */ ");
  g_string_append (text, " /* \" */]");
  assert_pack_refused (text->str, text->len, CX_PACK_ERROR_PARSE, "unexpected character “/”");
}

/* 64 levels are fine; the 65th is not. */
static void
test_nesting_limit_exact (void)
{
  g_autoptr(GString) ok = nested ("[", "]", 64);
  g_autoptr(GString) deep = nested ("[", "]", 65);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (ok->str, ok->len);
  g_autoptr(JsonNode) root = cx_json_parse_bytes (bytes, "x.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  assert_pack_refused (deep->str, deep->len, CX_PACK_ERROR_PARSE, "nested more than 64 levels deep");
}

/* Text members are capped at 64 KiB: a 50 MB description would load and
 * then freeze the details panel that lays it out. */
static void
test_50mb_description (void)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) value = g_string_new ("\"description\": \"");
  gsize prefix = value->len;
  double start = cpu_now ();

  g_string_set_size (value, prefix + big_string_size ());
  memset (value->str + prefix, 'a', big_string_size ());
  g_string_append (value, "\", \"accuracy_m\": 150");
  text = cx_test_mini_pack_with ("\"description\": \"d\", \"accuracy_m\": 150", value->str);

  assert_pack_refused (text->str, text->len, CX_PACK_ERROR_VALUE,
                       "feature 0 (“park”): “description” is ");
  assert_pack_refused (text->str, text->len, CX_PACK_ERROR_VALUE,
                       " bytes long; text in a pack may be at most 65536 bytes");
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());
}

static void
test_50mb_id (void)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) value = g_string_new ("\"id\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  gsize prefix = value->len;

  g_string_set_size (value, prefix + big_string_size ());
  memset (value->str + prefix, 'x', big_string_size ());
  g_string_append_c (value, '"');
  text = cx_test_mini_pack_with ("\"id\": \"park\"", value->str);

  /* The message names the entry by its id: cut to 64 characters. */
  pack = cx_test_load_pack_text (text->str, text->len, &error);
  g_assert_null (pack);
  g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "xxxxxxxx…”): “id” is "));
  assert_clean_message (error->message);
}

/* Unknown members are ignored, however large: loading stays linear. */
static void
test_50mb_unknown_member (void)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) value = g_string_new ("\"license\": \"CC0\", \"x-padding\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  double start = cpu_now ();
  gsize prefix = value->len;

  g_string_set_size (value, prefix + big_string_size ());
  memset (value->str + prefix, ' ', big_string_size ());
  g_string_append_c (value, '"');
  text = cx_test_mini_pack_with ("\"license\": \"CC0\"", value->str);

  pack = cx_test_load_pack_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());
}

static void
test_50mb_geojson_property (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"Feature\", \"properties\": {\"name\": \"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gsize prefix = text->len;
  guint n_coords = 0;
  double start = cpu_now ();

  g_string_set_size (text, prefix + big_string_size ());
  memset (text->str + prefix, 'n', big_string_size ());
  g_string_append (text, "\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}}");

  bytes = g_bytes_new (text->str, text->len);
  root = cx_json_parse_bytes (bytes, "big.geojson", &error);
  g_assert_no_error (error);
  g_assert_true (cx_geojson_foreach (root, "big.geojson", count_geometry, &n_coords, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_coords, ==, 1);
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());
}

/* The importer lets a member name repeat inside a Feature's "properties"
 * (foreign data, only shown), keeping the last: that must stay linear
 * (json-glib 1.6 scanned the member list for each repeat; 40,000 repeats
 * took 24 s). */
static void
test_import_many_duplicate_properties (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 31.2]}, \"properties\": {");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = NULL;
  CxImportedFeature *feature;
  guint n = under_valgrind () ? 4000 : 40000;
  double start = cpu_now ();

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "\"k%u\": %u, ", i, i);
  for (guint i = 0; i < n; i++)
    g_string_append (text, "\"k7\": \"again\", ");
  g_string_append (text, "\"end\": 0}}");

  bytes = g_bytes_new (text->str, text->len);
  layer = cx_import_bytes (bytes, "dups.geojson", "dups.geojson", FALSE, NULL, &error);
  g_assert_no_error (error);
  feature = g_list_model_get_item (cx_imported_layer_get_features (layer), 0);
  g_assert_cmpstr (cx_imported_feature_lookup_property (feature, "k7"), ==, "again");
  g_assert_cmpuint (cx_imported_feature_get_n_properties (feature), ==, n + 1);
  g_object_unref (feature);
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());
}

static void
test_manifest_over_64_mib (void)
{
  gsize size = 64 * 1024 * 1024 + 1;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;

  memset (data, ' ', size);
  bytes = g_bytes_new_static (data, size);
  pack = cx_data_pack_load_from_bytes (bytes, NULL, "update.json", NULL, &error);
  g_assert_null (pack);
  g_assert_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "update.json: the pack is 67108865 bytes, more than a pack file may be (64 MiB)"));
}

static void
test_ring_of_a_million_in_pack (void)
{
  g_autoptr(GString) ring = g_string_new ("[");
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  CxFeature *area;
  double start;

  append_ring (ring, big_ring_size ());
  g_string_append_c (ring, ']');
  text = cx_test_mini_pack_with (AREA_RING, ring->str);

  start = cpu_now ();
  pack = cx_test_load_pack_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_test_message ("%u positions loaded in %.2f s of CPU time", big_ring_size (), cpu_now () - start);
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());

  area = cx_data_pack_lookup_feature (pack, "area");
  g_assert_cmpuint (cx_geometry_get_n_coords (cx_feature_get_geometry (area)), ==, big_ring_size ());
  g_assert_true (cx_geometry_contains (cx_feature_get_geometry (area), 121.4165, 31.2232));
}

static void
test_ring_of_a_million_in_geojson (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"Polygon\", \"coordinates\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint n_coords = 0;
  double start;

  append_ring (text, big_ring_size ());
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);

  start = cpu_now ();
  root = cx_json_parse_bytes (bytes, "ring.geojson", &error);
  g_assert_no_error (error);
  g_assert_true (cx_geojson_foreach (root, "ring.geojson", count_geometry, &n_coords, &error));
  g_assert_no_error (error);
  g_test_message ("%u positions read in %.2f s of CPU time", big_ring_size (), cpu_now () - start);
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());
  g_assert_cmpuint (n_coords, ==, big_ring_size ());
}

/* A ring that crosses itself is accepted (RFC 7946 asks for simple rings,
 * but checking that is quadratic, and the map draws such a ring anyway):
 * hit testing and label placement must still answer sensibly. */
static void
test_self_intersecting_polygon (void)
{
  g_autoptr(GString) text = cx_test_mini_pack_with (AREA_RING, "[[[121.3, 31.1], [121.5, 31.3], [121.5, 31.1], [121.3, 31.3], [121.3, 31.1]]]");
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);
  CxGeometry *geometry;
  CxCoord label;

  g_assert_no_error (error);
  geometry = cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "area"));
  label = cx_geometry_get_label_point (geometry);
  g_assert_true (isfinite (label.x) && isfinite (label.y));
  /* Even-odd: each lobe of the bow tie is inside. */
  g_assert_true (cx_geometry_contains (geometry, 121.33, 31.2));
  g_assert_true (cx_geometry_contains (geometry, 121.47, 31.2));
  g_assert_false (cx_geometry_contains (geometry, 121.4, 31.12));
}

/* Zero area (all positions the same, or all on one line) is accepted too:
 * the label falls back to the mean of the positions, never NaN. */
static void
test_zero_area_polygons (void)
{
  static const char * const rings[] = {
    "[[[121.4, 31.2], [121.4, 31.2], [121.4, 31.2], [121.4, 31.2]]]",
    "[[[121.3, 31.1], [121.4, 31.2], [121.5, 31.3], [121.3, 31.1]]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rings); i++)
    {
      g_autoptr(GString) text = cx_test_mini_pack_with (AREA_RING, rings[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);
      CxGeometry *geometry;
      CxCoord label;

      g_assert_no_error (error);
      geometry = cx_feature_get_geometry (cx_data_pack_lookup_feature (pack, "area"));
      label = cx_geometry_get_label_point (geometry);
      g_assert_true (isfinite (label.x) && isfinite (label.y));
      g_assert_cmpfloat_with_epsilon (label.x, i == 0 ? 121.4 : 121.375, 1e-9);
      g_assert_false (cx_geometry_contains (geometry, 121.4, 31.2));
      g_assert_cmpfloat (cx_geometry_distance_to_lines (geometry, 121.4, 31.2), <, 1e-9);
    }
}

/* json-glib scans an object's member list once per repeated name, so
 * 40,000 names followed by 40,000 repeats took it half a minute; the
 * pre-scan refuses a file with a repeated name before json-glib sees it.
 * A repeat is refused at once, so repeats after the first are never read:
 * what must stay linear is the scan up to it. So the input is 40,000
 * distinct names and one repeat, last, where the refusal must point. A scan
 * that compared each name with those before it (8·10^8 comparisons) took
 * 17 s of CPU time here, past the bound. Repeats that are kept, in a
 * Feature's "properties", are test_import_many_duplicate_properties()'s. */
#define MANY_NAMES 40000

/* An object of MANY_NAMES names (k0, k1 …), then the last one again;
 * @offset: (out): where the repeat starts. */
static GString *
names_then_repeat (const char *prefix,
                   const char *suffix,
                   gsize      *offset)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < MANY_NAMES; i++)
    g_string_append_printf (text, "\"k%u\": 0, ", i);
  *offset = text->len;
  g_string_append_printf (text, "\"k%u\": 1, %s", MANY_NAMES - 1, suffix);
  return text;
}

static void
test_many_duplicate_keys (void)
{
  gsize offset;
  g_autoptr(GString) text = names_then_repeat ("{\"type\": \"FeatureCollection\", ", "\"features\": []}", &offset);
  /* Named where it is: the scan got there. */
  g_autofree char *message = g_strdup_printf ("the member “k%u” appears twice in one object, so which one counts would be a guess (line 1, column %" G_GSIZE_FORMAT ")",
                                              MANY_NAMES - 1, offset + 1);
  double start = cpu_now ();

  assert_pack_refused (text->str, text->len, CX_PACK_ERROR_PARSE, message);
  g_test_message ("%u names and a repeat refused in %.2f s of CPU time", MANY_NAMES, cpu_now () - start);
  g_assert_cmpfloat (cpu_now () - start, <, time_bound ());
}

/* Names are text: markup is kept as typed, never interpreted here (the UI
 * shows it literally; tests/ui covers that). */
static void
test_markup_in_names (void)
{
  g_autoptr(GString) text = cx_test_mini_pack_with ("{\"en\": \"Park\", \"zh\": \"公园\"}",
                                       "{\"en\": \"<b>Park</b> &amp; <span foreground=\\\"red\\\">x</span>\", \"zh\": \"<i>公园</i>\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);
  CxFeature *park;

  g_assert_no_error (error);
  park = cx_data_pack_lookup_feature (pack, "park");
  g_assert_cmpstr (cx_feature_get_name_zh (park), ==, "<i>公园</i>");
  g_assert_cmpstr (cx_feature_get_name (park), ==, "<b>Park</b> &amp; <span foreground=\"red\">x</span>");
}

/* Control characters written as escapes are valid JSON text: they load as
 * they are (the UI shows text literally), and only error messages replace
 * them. */
static void
test_control_characters_in_names (void)
{
  g_autoptr(GString) text = cx_test_mini_pack_with ("{\"en\": \"Park\", \"zh\": \"公园\"}",
                                       "{\"en\": \"Pa\\u0007rk\\u001b[2J\\u202e\\u0085\", \"zh\": \"公\\r\\n园\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = cx_test_load_pack_text (text->str, text->len, &error);
  CxFeature *park;

  g_assert_no_error (error);
  park = cx_data_pack_lookup_feature (pack, "park");
  g_assert_cmpstr (cx_feature_get_name (park), ==, "Pa\ark\033[2J\xe2\x80\xae\xc2\x85");
  g_assert_cmpstr (cx_feature_get_name_zh (park), ==, "公\r\n园");
}

/* ------------------------------------------------------------------ */
/* changning-explorer --validate                                       */
/* ------------------------------------------------------------------ */

/* Writes @len bytes to a file of its own and runs --validate on it. An
 * exit, not a signal: a crash is never an answer (cx_test_run_app()). */
static void
validate (CxTestRun  *run,
          const char *name,
          const char *contents,
          gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cx_test_make_tmp_dir ("cx-hostile-XXXXXX");
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, (gssize) len, &error));
  cx_test_run_app (run, CX_TEST_RUN_HEADLESS, (const char *[]) { "--validate", path, NULL });

  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_validate_refuses (CxTestRun  *run,
                         const char *expected)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  if (strstr (run->err, expected) == NULL)
    {
      g_test_fail_printf ("expected “%s” in “%s”", expected, run->err);
      return;
    }
  /* One line, and nothing a terminal would act on. */
  g_assert_nonnull (strchr (run->err, '\n'));
  g_assert_cmpstr (strchr (run->err, '\n'), ==, "\n");
  g_assert_null (strchr (run->err, '\033'));
  g_assert_null (strchr (run->err, '\r'));
}

static void
test_validate_deep_nesting (void)
{
  g_autoptr(GString) text = nested ("[", "]", 100000);
  g_auto(CxTestRun) run = { 0, };

  validate (&run, "deep.geojson", text->str, text->len);
  assert_validate_refuses (&run, "deep.geojson: nested more than 64 levels deep");
}

static void
test_validate_nesting_hidden_in_single_quotes (void)
{
  g_autoptr(GString) text = nested ("[", "]", 100000);
  g_auto(CxTestRun) run = { 0, };

  g_string_prepend (text, "['\"', ");
  g_string_append (text, ", '\"']");
  validate (&run, "quoted.geojson", text->str, text->len);
  assert_validate_refuses (&run, "quoted.geojson: not valid JSON: unexpected character “'”");
}

static void
test_validate_terminal_escape_in_id (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"id\": \"\\u001b]0;pwned\\u0007\\u001b[2J\","
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4, 91]}}]}";
  g_auto(CxTestRun) run = { 0, };

  validate (&run, "escape.geojson", text, strlen (text));
  assert_validate_refuses (&run, "escape.geojson: feature 0 (“\xef\xbf\xbd]0;pwned\xef\xbf\xbd\xef\xbf\xbd[2J”): the point: latitude 91 is outside");
}

static void
test_validate_invalid_utf8 (void)
{
  static const char text[] = "{\"type\": \"Point\", \"coordinates\": [121.4, 31.2], \"x\": \"\xc3\x28\"}";
  g_auto(CxTestRun) run = { 0, };

  validate (&run, "latin1.geojson", text, strlen (text));
  assert_validate_refuses (&run, "latin1.geojson: not valid UTF-8 text (at byte 54)");
}

static void
test_validate_1e400 (void)
{
  static const char text[] = "{\"type\": \"LineString\", \"coordinates\": [[121.4, 31.2], [1e400, 31.2]]}";
  g_auto(CxTestRun) run = { 0, };

  validate (&run, "inf.geojson", text, strlen (text));
  /* The number that is the problem is named, not its position in the pair. */
  assert_validate_refuses (&run, "inf.geojson: the number 1e400 is too large to be represented (beyond ±1.8e308) (line 1, column 56)");
}

static void
test_validate_many_duplicate_keys (void)
{
  gsize offset;
  g_autoptr(GString) text = names_then_repeat ("{\"type\": \"Point\", \"coordinates\": [121.4, 31.2], ", "\"end\": 0}", &offset);
  g_auto(CxTestRun) run = { 0, };
  g_autofree char *message = g_strdup_printf ("dups.geojson: the member “k%u” appears twice in one object", MANY_NAMES - 1);
  /* Where the repeat is: the scan got there. */
  g_autofree char *where = g_strdup_printf ("(line 1, column %" G_GSIZE_FORMAT ")", offset + 1);
  double start = children_cpu_now ();

  validate (&run, "dups.geojson", text->str, text->len);
  assert_validate_refuses (&run, message);
  g_assert_nonnull (strstr (run.err, where));
  g_test_message ("--validate refused %u names and a repeat in %.2f s of CPU time", MANY_NAMES, children_cpu_now () - start);
  g_assert_cmpfloat (children_cpu_now () - start, <, time_bound ());
}

static void
test_validate_ring_of_a_million (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [");
  g_auto(CxTestRun) run = { 0, };
  double start;

  append_ring (text, big_ring_size ());
  g_string_append (text, "]}}");

  start = children_cpu_now ();
  validate (&run, "ring.geojson", text->str, text->len);
  g_test_message ("--validate of %u positions took %.2f s of CPU time", big_ring_size (), children_cpu_now () - start);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Polygon 1"));
  g_assert_cmpfloat (children_cpu_now () - start, <, time_bound ());
}

int
main (int   argc,
      char *argv[])
{
  guint n_cases = 0;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/pack/%s", refused_cases[i].name);
      g_test_add_data_func (path, &refused_cases[i], test_refused);
      n_cases++;
    }

#define ADD(path, func) G_STMT_START { g_test_add_func (path, func); n_cases++; } G_STMT_END
  ADD ("/hostile/pack/valid-control", test_valid_pack_loads);
  ADD ("/hostile/pack/bom", test_bom);
  ADD ("/hostile/pack/empty", test_empty);
  ADD ("/hostile/pack/nested-100000-arrays", test_nested_100000_arrays);
  ADD ("/hostile/pack/nested-100000-objects", test_nested_100000_objects);
  ADD ("/hostile/pack/nesting-hidden-in-single-quotes", test_nesting_hidden_in_single_quotes);
  ADD ("/hostile/pack/nesting-hidden-in-comment", test_nesting_hidden_in_comment);
  ADD ("/hostile/pack/nesting-limit-exact", test_nesting_limit_exact);
  ADD ("/hostile/pack/50mb-description", test_50mb_description);
  ADD ("/hostile/pack/50mb-id", test_50mb_id);
  ADD ("/hostile/pack/50mb-unknown-member", test_50mb_unknown_member);
  ADD ("/hostile/pack/over-64-mib", test_manifest_over_64_mib);
  ADD ("/hostile/pack/ring-of-a-million", test_ring_of_a_million_in_pack);
  ADD ("/hostile/pack/self-intersecting-polygon", test_self_intersecting_polygon);
  ADD ("/hostile/pack/zero-area-polygons", test_zero_area_polygons);
  ADD ("/hostile/pack/many-duplicate-keys", test_many_duplicate_keys);
  ADD ("/hostile/pack/markup-in-names", test_markup_in_names);
  ADD ("/hostile/pack/control-characters-in-names", test_control_characters_in_names);
  ADD ("/hostile/geojson/50mb-property", test_50mb_geojson_property);
  ADD ("/hostile/geojson/ring-of-a-million", test_ring_of_a_million_in_geojson);
  ADD ("/hostile/geojson/import-many-duplicate-properties", test_import_many_duplicate_properties);
  ADD ("/hostile/validate/deep-nesting", test_validate_deep_nesting);
  ADD ("/hostile/validate/nesting-hidden-in-single-quotes", test_validate_nesting_hidden_in_single_quotes);
  ADD ("/hostile/validate/terminal-escape-in-id", test_validate_terminal_escape_in_id);
  ADD ("/hostile/validate/invalid-utf8", test_validate_invalid_utf8);
  ADD ("/hostile/validate/1e400", test_validate_1e400);
  ADD ("/hostile/validate/many-duplicate-keys", test_validate_many_duplicate_keys);
  ADD ("/hostile/validate/ring-of-a-million", test_validate_ring_of_a_million);
#undef ADD

  g_test_message ("%u hostile input cases", n_cases);

  return g_test_run ();
}
