/* cx-properties.h: read-only string properties read through their getters
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most properties of the model objects are strings that a getter returns
 * (translated where the getter translates). A class lists them once in a
 * table; these install them and read them.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A getter of the class, cast to this type. */
typedef const char * (*CxStringGetter) (gpointer object);

typedef struct
{
  guint           id;
  const char     *name;
  CxStringGetter  get;
} CxStringProperty;

void      cx_string_properties_install (GParamSpec             **properties,
                                        const CxStringProperty  *table,
                                        guint                    n);
gboolean  cx_string_properties_get     (const CxStringProperty  *table,
                                        guint                    n,
                                        GObject                 *object,
                                        guint                    prop_id,
                                        GValue                  *value);

G_END_DECLS
