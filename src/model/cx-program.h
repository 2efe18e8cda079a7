/* cx-program.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-types.h"

G_BEGIN_DECLS

#define CX_TYPE_PROGRAM (cx_program_get_type ())
G_DECLARE_FINAL_TYPE (CxProgram, cx_program, CX, PROGRAM, GObject)

const char  *cx_program_get_id        (CxProgram *self);
const char  *cx_program_get_title     (CxProgram *self);
const char  *cx_program_get_title_en  (CxProgram *self);
const char  *cx_program_get_title_zh  (CxProgram *self);
const char  *cx_program_get_summary   (CxProgram *self);
const char  *cx_program_get_summary_en (CxProgram *self);
const char  *cx_program_get_start     (CxProgram *self);
const char  *cx_program_get_end       (CxProgram *self);
GListModel  *cx_program_get_sources   (CxProgram *self);
guint        cx_program_get_n_links   (CxProgram *self);
const char  *cx_program_get_link_title (CxProgram *self,
                                        guint      i);
const char  *cx_program_get_link_title_en (CxProgram *self,
                                           guint      i);
const char  *cx_program_get_link_url  (CxProgram *self,
                                       guint      i);

G_END_DECLS
