/* cx-source.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CX_TYPE_SOURCE (cx_source_get_type ())
G_DECLARE_FINAL_TYPE (CxSource, cx_source, CX, SOURCE, GObject)

const char *cx_source_get_id        (CxSource *self);
const char *cx_source_get_title     (CxSource *self);
const char *cx_source_get_publisher (CxSource *self);
const char *cx_source_get_date      (CxSource *self);
const char *cx_source_get_url       (CxSource *self);
const char *cx_source_get_note      (CxSource *self);

G_END_DECLS
