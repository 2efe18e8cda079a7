/* cx-properties.h: installing read-only string properties
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most properties of the model objects are strings that a getter returns
 * (translated where the getter translates). A class lists them once in a
 * table, installs them all with this, and reads each through its getter.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  guint       id;
  const char *name;
} CxStringProperty;

void      cx_string_properties_install (GParamSpec             **properties,
                                        const CxStringProperty  *table,
                                        guint                    n);

G_END_DECLS
