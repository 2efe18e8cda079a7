/* cx-item.h: what can be selected, searched for and announced
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cx-types.h"

G_BEGIN_DECLS

#define CX_TYPE_ITEM (cx_item_get_type ())
G_DECLARE_INTERFACE (CxItem, cx_item, CX, ITEM, GObject)

struct _CxItemInterface
{
  GTypeInterface parent_iface;

  const char * (*get_id)         (CxItem *self);
  const char * (*get_title)      (CxItem *self);
  const char * (*get_kind_label) (CxItem *self);
};

const char *cx_item_get_id         (CxItem *self);
const char *cx_item_get_title      (CxItem *self);
const char *cx_item_get_kind_label (CxItem *self);

/* For implementations: installs the interface's properties on @klass as
 * overrides, with these ids, to be read through cx_item_get_property(). */
void        cx_item_install_properties (GObjectClass *klass,
                                        guint         first_prop_id);
gboolean    cx_item_get_property       (GObject      *object,
                                        guint         first_prop_id,
                                        guint         prop_id,
                                        GValue       *value);

/* The number of properties cx_item_install_properties() installs. */
#define CX_ITEM_N_PROPERTIES 3

G_END_DECLS
