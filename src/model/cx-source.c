/* cx-source.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-source"

#include "config.h"

#include "cx-pack-private.h"

G_DEFINE_FINAL_TYPE (CxSource, cx_source, G_TYPE_OBJECT)

static void
cx_source_finalize (GObject *object)
{
  CxSource *self = (CxSource *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->publisher);
  g_free (self->date);
  g_free (self->url);
  g_free (self->note);

  G_OBJECT_CLASS (cx_source_parent_class)->finalize (object);
}

static void
cx_source_class_init (CxSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_source_finalize;
}

static void
cx_source_init (CxSource *self)
{
}

const char *cx_source_get_id (CxSource *self) { g_return_val_if_fail (CX_IS_SOURCE (self), NULL); return self->id; }
const char *cx_source_get_title (CxSource *self) { g_return_val_if_fail (CX_IS_SOURCE (self), NULL); return self->title; }
const char *cx_source_get_publisher (CxSource *self) { g_return_val_if_fail (CX_IS_SOURCE (self), NULL); return self->publisher; }
const char *cx_source_get_date (CxSource *self) { g_return_val_if_fail (CX_IS_SOURCE (self), NULL); return self->date; }
const char *cx_source_get_url (CxSource *self) { g_return_val_if_fail (CX_IS_SOURCE (self), NULL); return self->url; }
const char *cx_source_get_note (CxSource *self) { g_return_val_if_fail (CX_IS_SOURCE (self), NULL); return self->note; }
