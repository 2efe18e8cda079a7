/* cx-types.h: forward declarations of the project's types
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header that only passes a type around includes this instead of the
 * header that defines it, so that headers need not include each other.
 * (C11 allows a typedef to be repeated, so G_DECLARE_FINAL_TYPE may name
 * the same type again.)
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* model/ */
typedef struct _CxDataPack        CxDataPack;
typedef struct _CxDistrict        CxDistrict;
typedef struct _CxFeature         CxFeature;
typedef struct _CxGeometry        CxGeometry;
typedef struct _CxImportedFeature CxImportedFeature;
typedef struct _CxImportedLayer   CxImportedLayer;
typedef struct _CxItem            CxItem;
typedef struct _CxLayer           CxLayer;
typedef struct _CxProgram         CxProgram;
typedef struct _CxScene           CxScene;
typedef struct _CxSearchResult    CxSearchResult;
typedef struct _CxSelection       CxSelection;
typedef struct _CxSource          CxSource;
typedef struct _CxStatistic       CxStatistic;
typedef struct _CxVisibility      CxVisibility;

/* sources/ */
typedef struct _CxNetworkSource   CxNetworkSource;
typedef struct _CxPackUpdater     CxPackUpdater;
typedef struct _CxSchematicSource CxSchematicSource;

/* widgets/ */
typedef struct _CxDetailsPanel    CxDetailsPanel;
typedef struct _CxGrowthChart     CxGrowthChart;
typedef struct _CxLayerPanel      CxLayerPanel;
typedef struct _CxMapView         CxMapView;
typedef struct _CxOverlayLayer    CxOverlayLayer;
typedef struct _CxSidebar         CxSidebar;

/* the application */
typedef struct _CxApplication     CxApplication;
typedef struct _CxWindow          CxWindow;

G_END_DECLS
