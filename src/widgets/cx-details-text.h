/* cx-details-text.h: pack text made safe and quick to show in the details
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A heading from a file is cut to this many characters, with "…"; the
 * whole text (itself cut to CX_IMPORT_MAX_TEXT_BYTES on import) follows
 * in a selectable paragraph. */
#define CX_DETAILS_MAX_HEADING_CHARS 200

char     *cx_details_breakable  (const char *text);
char     *cx_details_shortened  (const char *text,
                                 guint       max_chars);
char     *cx_details_other_name (const char *name,
                                 const char *name_zh,
                                 const char *name_en);
gboolean  cx_details_has_text   (gpointer    this_object,
                                 const char *text);

G_END_DECLS
