/* cx-feature.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-geometry.h"
#include "cx-types.h"

G_BEGIN_DECLS

#define CX_TYPE_FEATURE (cx_feature_get_type ())
G_DECLARE_FINAL_TYPE (CxFeature, cx_feature, CX, FEATURE, GObject)

const char  *cx_feature_get_id            (CxFeature *self);
CxLayer     *cx_feature_get_layer         (CxFeature *self);
const char  *cx_feature_get_kind          (CxFeature *self);
const char  *cx_feature_get_name          (CxFeature *self);
const char  *cx_feature_get_name_en       (CxFeature *self);
const char  *cx_feature_get_name_zh       (CxFeature *self);
const char  *cx_feature_get_pinyin        (CxFeature *self);
const char  *cx_feature_get_description   (CxFeature *self);
const char  *cx_feature_get_description_en (CxFeature *self);
double       cx_feature_get_accuracy_m    (CxFeature *self);
const char  *cx_feature_get_accuracy_note (CxFeature *self);
const char  *cx_feature_get_accuracy_note_en (CxFeature *self);
CxGeometry  *cx_feature_get_geometry      (CxFeature *self);
CxCoord      cx_feature_get_label_point   (CxFeature *self);
CxBounds     cx_feature_get_bounds        (CxFeature *self);
CxBounds     cx_feature_get_shown_bounds  (CxFeature *self);
CxBounds     cx_features_get_shown_bounds (GListModel *features);
GListModel  *cx_feature_get_sources       (CxFeature *self);
GListModel  *cx_feature_get_statistics    (CxFeature *self);
GListModel  *cx_feature_get_programs      (CxFeature *self);

G_END_DECLS
