/* cx-source.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-source"

#include "config.h"

#include "cx-pack-private.h"
#include "cx-properties.h"

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

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_PUBLISHER,
  PROP_DATE,
  PROP_URL,
  PROP_NOTE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const CxStringProperty string_properties[] = {
  { PROP_ID, "id" },
  { PROP_TITLE, "title" },
  { PROP_PUBLISHER, "publisher" },
  { PROP_DATE, "date" },
  { PROP_URL, "url" },
  { PROP_NOTE, "note" },
};

static void
cx_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CxSource *self = CX_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, cx_source_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, cx_source_get_title (self));
      break;
    case PROP_PUBLISHER:
      g_value_set_string (value, cx_source_get_publisher (self));
      break;
    case PROP_DATE:
      g_value_set_string (value, cx_source_get_date (self));
      break;
    case PROP_URL:
      g_value_set_string (value, cx_source_get_url (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, cx_source_get_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_source_class_init (CxSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_source_finalize;
  object_class->get_property = cx_source_get_property;

  cx_string_properties_install (properties, string_properties, G_N_ELEMENTS (string_properties));
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
