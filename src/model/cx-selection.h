/* cx-selection.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-data-pack.h"
#include "cx-import.h"
#include "cx-item.h"

G_BEGIN_DECLS

#define CX_TYPE_SELECTION (cx_selection_get_type ())
G_DECLARE_FINAL_TYPE (CxSelection, cx_selection, CX, SELECTION, GObject)

/**
 * CxSelectionView:
 * @latitude: the centre's latitude, degrees (WGS84)
 * @longitude: the centre's longitude, degrees (WGS84)
 * @zoom: the zoom level
 *
 * What the map showed while an item was selected: kept with the history,
 * so that Back shows the item as it was left.
 */
typedef struct
{
  double latitude;
  double longitude;
  double zoom;
} CxSelectionView;

/**
 * CxSelectionViewFunc:
 * @view: (out): where to put the view shown now
 *
 * Asked for the view shown now, when the selection is about to change.
 *
 * Returns: whether there is one (a map not laid out yet has none)
 */
typedef gboolean (*CxSelectionViewFunc) (CxSelectionView *view,
                                         gpointer         user_data);

CxSelection     *cx_selection_new              (CxDataPack  *pack);
CxDataPack      *cx_selection_get_pack         (CxSelection *self);
GObject         *cx_selection_get_item         (CxSelection *self);
CxSelectionKind  cx_selection_get_kind         (CxSelection *self);
CxFeature       *cx_selection_get_feature      (CxSelection *self);
CxProgram       *cx_selection_get_program      (CxSelection *self);
CxStatistic     *cx_selection_get_statistic    (CxSelection *self);
void             cx_selection_select           (CxSelection *self,
                                                GObject     *item);
gboolean         cx_selection_select_by_id     (CxSelection *self,
                                                const char  *id);
void             cx_selection_clear            (CxSelection *self);
gboolean         cx_selection_get_can_go_back  (CxSelection *self);
void             cx_selection_go_back          (CxSelection *self);
GListModel      *cx_selection_get_highlighted  (CxSelection *self);
gboolean         cx_selection_is_highlighted   (CxSelection *self,
                                                gpointer     feature);
CxImportedFeature *cx_selection_get_imported   (CxSelection *self);
void             cx_selection_set_view_func    (CxSelection         *self,
                                                CxSelectionViewFunc  func,
                                                gpointer             user_data,
                                                GDestroyNotify       destroy);
gboolean         cx_selection_get_view         (CxSelection     *self,
                                                CxSelectionView *view);

G_END_DECLS
