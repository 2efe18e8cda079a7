/* cx-json-util.h: JSON helpers the readers and writers share
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  CX_JSON_NUMBER_OK,
  CX_JSON_NUMBER_MALFORMED,   /* not RFC 8259 */
  CX_JSON_NUMBER_TOO_LARGE,   /* a whole number that does not fit in 64 bits */
  CX_JSON_NUMBER_OVERFLOW,    /* beyond the range of a double (1e400): it would be infinite */
} CxJsonNumberStatus;

CxJsonNumberStatus cx_json_lex_number (const char *data,
                                       gsize       len,
                                       gsize       start,
                                       gsize      *end,
                                       gboolean   *whole);

const char        *cx_json_member_string     (JsonObject    *object,
                                              const char    *name);
gboolean           cx_json_member_boolean    (JsonObject    *object,
                                              const char    *name,
                                              gboolean      *value);
gboolean           cx_json_node_get_finite   (JsonNode      *node,
                                              double        *value);

char              *cx_json_generator_to_data (JsonGenerator *generator,
                                              gsize         *length);

G_END_DECLS
