/* cx-paced-model.h: the items of a list model, shown a few dozen at a time
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CX_TYPE_PACED_MODEL (cx_paced_model_get_type ())
G_DECLARE_FINAL_TYPE (CxPacedModel, cx_paced_model, CX, PACED_MODEL, GObject)

CxPacedModel *cx_paced_model_new         (GListModel   *model,
                                          guint         step);
gboolean      cx_paced_model_show_more   (CxPacedModel *self);
guint         cx_paced_model_get_n_held  (CxPacedModel *self);

G_END_DECLS
