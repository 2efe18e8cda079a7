/* cx-district.c: one of the city's districts, by id and name
 *
 * A district is not a map feature: statistics compare the pack's own
 * district with the others through it (a breakdown "by": "district"), so
 * all it needs is an id and its names.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-district"

#include "config.h"

#include "cx-district.h"
#include "cx-pack-private.h"
#include "cx-properties.h"

G_DEFINE_FINAL_TYPE (CxDistrict, cx_district, G_TYPE_OBJECT)

static void
cx_district_finalize (GObject *object)
{
  CxDistrict *self = (CxDistrict *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->name_zh);

  G_OBJECT_CLASS (cx_district_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NAME_EN,
  PROP_NAME_ZH,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const CxStringProperty string_properties[] = {
  { PROP_ID, "id" },
  { PROP_NAME, "name" },
  { PROP_NAME_EN, "name-en" },
  { PROP_NAME_ZH, "name-zh" },
};

static void
cx_district_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CxDistrict *self = CX_DISTRICT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, cx_district_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, cx_district_get_name (self));
      break;
    case PROP_NAME_EN:
      g_value_set_string (value, cx_district_get_name_en (self));
      break;
    case PROP_NAME_ZH:
      g_value_set_string (value, cx_district_get_name_zh (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_district_class_init (CxDistrictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_district_finalize;
  object_class->get_property = cx_district_get_property;

  cx_string_properties_install (properties, string_properties, G_N_ELEMENTS (string_properties));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cx_district_init (CxDistrict *self)
{
}

const char *cx_district_get_id (CxDistrict *self) { g_return_val_if_fail (CX_IS_DISTRICT (self), NULL); return self->id; }

/**
 * cx_district_get_name:
 *
 * Returns: the name in the user's language: the pack's English name
 *   translated through gettext with the context "district-name:ID" (for
 *   zh_CN, the pack's Chinese name)
 */
const char *
cx_district_get_name (CxDistrict *self)
{
  g_return_val_if_fail (CX_IS_DISTRICT (self), NULL);

  return cx_pack_gettext ("district-name", self->id, self->name);
}

const char *cx_district_get_name_en (CxDistrict *self) { g_return_val_if_fail (CX_IS_DISTRICT (self), NULL); return self->name; }
const char *cx_district_get_name_zh (CxDistrict *self) { g_return_val_if_fail (CX_IS_DISTRICT (self), NULL); return self->name_zh; }
