/* cx-district.h: one of the city's districts, by id and name
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CX_TYPE_DISTRICT (cx_district_get_type ())
G_DECLARE_FINAL_TYPE (CxDistrict, cx_district, CX, DISTRICT, GObject)

const char *cx_district_get_id      (CxDistrict *self);
const char *cx_district_get_name    (CxDistrict *self);
const char *cx_district_get_name_en (CxDistrict *self);
const char *cx_district_get_name_zh (CxDistrict *self);

G_END_DECLS
