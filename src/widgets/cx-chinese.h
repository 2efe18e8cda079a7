/* cx-chinese.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

PangoLanguage *cx_chinese_language   (void);
PangoAttrList *cx_chinese_attributes (void);
void           cx_chinese_label      (GtkLabel   *label);
char          *cx_chinese_markup     (const char *text);
void           cx_chinese_row        (AdwActionRow *row,
                                      const char   *title,
                                      const char   *subtitle);

G_END_DECLS
