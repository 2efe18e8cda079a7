/* cx-item.h: what can be selected, searched for and announced
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cx-types.h"

G_BEGIN_DECLS

/**
 * CxSelectionKind:
 * @CX_SELECTION_NONE: no item (nothing selected)
 * @CX_SELECTION_FEATURE: a place of the pack
 * @CX_SELECTION_PROGRAM: a program of the pack
 * @CX_SELECTION_STATISTIC: a statistic of the pack
 * @CX_SELECTION_IMPORTED: a feature of an imported GeoJSON layer
 *
 * What kind of item an item is (see cx_item_get_kind()), and so what is
 * selected (see cx_selection_get_kind()).
 */
typedef enum
{
  CX_SELECTION_NONE,
  CX_SELECTION_FEATURE,
  CX_SELECTION_PROGRAM,
  CX_SELECTION_STATISTIC,
  CX_SELECTION_IMPORTED,
} CxSelectionKind;

#define CX_TYPE_ITEM (cx_item_get_type ())
G_DECLARE_INTERFACE (CxItem, cx_item, CX, ITEM, GObject)

struct _CxItemInterface
{
  GTypeInterface parent_iface;

  const char * (*get_id)         (CxItem *self);
  const char * (*get_title)      (CxItem *self);
  const char * (*get_kind_label) (CxItem *self);
  CxSelectionKind (*get_kind)    (CxItem *self);
  char *       (*dup_announcement) (CxItem *self);
  GListModel * (*dup_places)     (CxItem     *self,
                                  CxDataPack *pack);
};

const char     *cx_item_get_id           (CxItem     *self);
const char     *cx_item_get_title        (CxItem     *self);
const char     *cx_item_get_kind_label   (CxItem     *self);
CxSelectionKind cx_item_get_kind         (CxItem     *self);
char           *cx_item_dup_announcement (CxItem     *self);
GListModel     *cx_item_dup_places       (CxItem     *self,
                                          CxDataPack *pack);

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
