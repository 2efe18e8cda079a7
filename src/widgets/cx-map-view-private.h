/* cx-map-view-private.h: the map view's test hooks
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-map-view.h"

G_BEGIN_DECLS

gboolean _cx_map_view_get_fit (CxMapView       *self,
                               CxBounds        *extent,
                               graphene_rect_t *uncovered);
gboolean _cx_map_view_fit_arrived (CxMapView      *self);

G_END_DECLS
