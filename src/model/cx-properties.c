/* cx-properties.c: installing read-only string properties
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cx-properties.h"

/* Makes the read-only GParamSpec of each entry of @table, at
 * properties[entry->id], for g_object_class_install_properties(). */
void
cx_string_properties_install (GParamSpec             **properties,
                              const CxStringProperty  *table,
                              guint                    n)
{
  for (guint i = 0; i < n; i++)
    properties[table[i].id] = g_param_spec_string (table[i].name, NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}
