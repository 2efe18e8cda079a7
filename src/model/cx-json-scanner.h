/* cx-json-scanner.h: the strict JSON scanner both readers share
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two readers apply the same strict rules (RFC 8259 plus: at most
 * CX_JSON_MAX_DEPTH levels, no member name twice in one object, no lone
 * surrogates, no \u0000) with the same messages:
 *
 * - cx_json_parse_bytes() checks a whole document with the scanner and
 *   then has json-glib build the tree (packs, scenes, GeoJSON to validate);
 * - cx_import_json_parse() (cx-import-json.h) builds the tree itself and
 *   streams the features of a large GeoJSON file.
 *
 * The scanner holds the text, the position, and the first problem found;
 * its functions read one token each.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib parses recursively; a hostile file nested deeply enough would
 * overflow the stack, so nesting is limited before it is handed over. */
#define CX_JSON_MAX_DEPTH 64

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       depth;

  /* Set by cx_json_scanner_fail(): what is wrong, where, and whether the
   * text is not JSON at all (syntax) or is JSON that is refused. */
  char       *problem;
  gsize       problem_pos;
  gboolean    syntax;
} CxJsonScanner;

typedef enum
{
  CX_JSON_LITERAL_TRUE,
  CX_JSON_LITERAL_FALSE,
  CX_JSON_LITERAL_NULL,
} CxJsonLiteral;

void       cx_json_scanner_init         (CxJsonScanner *scanner,
                                         const char    *data,
                                         gsize          len);
void       cx_json_scanner_clear        (CxJsonScanner *scanner);
gboolean   cx_json_scanner_fail         (CxJsonScanner *scanner,
                                         gsize          pos,
                                         gboolean       syntax,
                                         char          *problem);
void       cx_json_scanner_skip_space   (CxJsonScanner *scanner);
gboolean   cx_json_scanner_read_string  (CxJsonScanner *scanner,
                                         GString       *decoded,
                                         gboolean       lenient_nul);
gboolean   cx_json_scanner_read_literal (CxJsonScanner *scanner,
                                         CxJsonLiteral *literal);
gboolean   cx_json_scanner_open         (CxJsonScanner *scanner);
gboolean   cx_json_scanner_fail_duplicate (CxJsonScanner *scanner,
                                         gsize          pos,
                                         const char    *name);
void       cx_json_scanner_set_error    (CxJsonScanner *scanner,
                                         const char    *file,
                                         GError       **error);

char      *cx_json_describe_char        (const char    *p,
                                         const char    *end);

/* A whole document, checked by the scanner, then built by json-glib. */
JsonNode  *cx_json_parse_bytes          (GBytes        *bytes,
                                         const char    *file,
                                         GError       **error);

gboolean   cx_json_check_text           (const char   **data,
                                         gsize         *len,
                                         const char    *file,
                                         GError       **error);
char      *cx_json_describe_overflow    (const char    *number,
                                         gsize          len);

const char *cx_json_node_type_name      (JsonNode      *node);

G_END_DECLS
