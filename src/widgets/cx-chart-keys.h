/* cx-chart-keys.h
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  CX_CHART_KEY_NONE,
  CX_CHART_KEY_COPY,
  CX_CHART_KEY_PREVIOUS,
  CX_CHART_KEY_NEXT,
  CX_CHART_KEY_FIRST,
  CX_CHART_KEY_LAST,
  CX_CHART_KEY_ACTIVATE,
} CxChartKey;

CxChartKey cx_chart_key_action (guint           keyval,
                                GdkModifierType state,
                                gboolean        sideways);
int        cx_chart_key_target (CxChartKey      key,
                                int             current,
                                gboolean        selected,
                                guint           n);

G_END_DECLS
