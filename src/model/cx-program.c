/* cx-program.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-program"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-data-pack.h"
#include "cx-format.h"
#include "cx-item.h"
#include "cx-pack-private.h"
#include "cx-properties.h"

static void cx_program_item_iface_init (CxItemInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxProgram, cx_program, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CX_TYPE_ITEM, cx_program_item_iface_init))

static void
cx_program_finalize (GObject *object)
{
  CxProgram *self = (CxProgram *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->title_zh);
  g_free (self->summary);
  g_free (self->start);
  g_free (self->end);
  g_clear_object (&self->sources);
  g_clear_pointer (&self->link_titles, g_ptr_array_unref);
  g_clear_pointer (&self->link_urls, g_ptr_array_unref);

  G_OBJECT_CLASS (cx_program_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_TITLE_EN,
  PROP_TITLE_ZH,
  PROP_SUMMARY,
  PROP_SUMMARY_EN,
  PROP_START,
  PROP_END,
  PROP_SOURCES,
  PROP_N_LINKS,
  N_PROPS,
  PROP_ITEM_FIRST = N_PROPS,   /* id, title, kind-label: CxItem */
};

static GParamSpec *properties[N_PROPS];

static const CxStringProperty string_properties[] = {
  { PROP_TITLE_EN, "title-en" },
  { PROP_TITLE_ZH, "title-zh" },
  { PROP_SUMMARY, "summary" },
  { PROP_SUMMARY_EN, "summary-en" },
  { PROP_START, "start" },
  { PROP_END, "end" },
};

static const char *
cx_program_item_get_id (CxItem *item)
{
  return cx_program_get_id (CX_PROGRAM (item));
}

static const char *
cx_program_item_get_title (CxItem *item)
{
  return cx_program_get_title (CX_PROGRAM (item));
}

static const char *
cx_program_item_get_kind_label (CxItem *item)
{
  return _("Program");
}

static CxSelectionKind
cx_program_item_get_kind (CxItem *item)
{
  return CX_SELECTION_PROGRAM;
}

static char *
cx_program_item_dup_announcement (CxItem *item)
{
  g_autofree char *dates = cx_format_program_dates (CX_PROGRAM (item));

  /* TRANSLATORS: read aloud when a program is selected: title, dates */
  return g_strdup_printf (_("Program: %1$s, %2$s"), cx_program_get_title (CX_PROGRAM (item)), dates);
}

static GListModel *
cx_program_item_dup_places (CxItem     *item,
                            CxDataPack *pack)
{
  return g_object_ref (cx_data_pack_get_program_features (pack, CX_PROGRAM (item)));
}

static void
cx_program_item_iface_init (CxItemInterface *iface)
{
  iface->get_id = cx_program_item_get_id;
  iface->get_title = cx_program_item_get_title;
  iface->get_kind_label = cx_program_item_get_kind_label;
  iface->get_kind = cx_program_item_get_kind;
  iface->dup_announcement = cx_program_item_dup_announcement;
  iface->dup_places = cx_program_item_dup_places;
}

static void
cx_program_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CxProgram *self = CX_PROGRAM (object);

  if (cx_item_get_property (object, PROP_ITEM_FIRST, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_TITLE_EN:
      g_value_set_string (value, cx_program_get_title_en (self));
      break;
    case PROP_TITLE_ZH:
      g_value_set_string (value, cx_program_get_title_zh (self));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, cx_program_get_summary (self));
      break;
    case PROP_SUMMARY_EN:
      g_value_set_string (value, cx_program_get_summary_en (self));
      break;
    case PROP_START:
      g_value_set_string (value, cx_program_get_start (self));
      break;
    case PROP_END:
      g_value_set_string (value, cx_program_get_end (self));
      break;
    case PROP_SOURCES:
      g_value_set_object (value, cx_program_get_sources (self));
      break;
    case PROP_N_LINKS:
      g_value_set_uint (value, cx_program_get_n_links (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_program_class_init (CxProgramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_program_finalize;
  object_class->get_property = cx_program_get_property;

  cx_string_properties_install (properties, string_properties, G_N_ELEMENTS (string_properties));
  properties[PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_LINKS] =
    g_param_spec_uint ("n-links", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  cx_item_install_properties (object_class, PROP_ITEM_FIRST);
}

static void
cx_program_init (CxProgram *self)
{
  self->sources = g_list_store_new (CX_TYPE_SOURCE);
  self->link_titles = g_ptr_array_new_with_free_func (g_free);
  self->link_urls = g_ptr_array_new_with_free_func (g_free);
}

const char *cx_program_get_id (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), NULL); return self->id; }

/**
 * cx_program_get_title:
 *
 * Returns: the title in the user's language: the pack's English title
 *   translated through gettext (for zh_CN, the pack's Chinese title)
 */
const char *
cx_program_get_title (CxProgram *self)
{
  g_return_val_if_fail (CX_IS_PROGRAM (self), NULL);

  return cx_pack_gettext ("program-title", self->id, self->title);
}

const char *cx_program_get_title_en (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), NULL); return self->title; }
const char *cx_program_get_title_zh (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), NULL); return self->title_zh; }

/**
 * cx_program_get_summary:
 *
 * Returns: the summary in the user's language (see cx_program_get_title())
 */
const char *
cx_program_get_summary (CxProgram *self)
{
  g_return_val_if_fail (CX_IS_PROGRAM (self), NULL);

  return cx_pack_gettext ("program-summary", self->id, self->summary);
}

const char *cx_program_get_summary_en (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), NULL); return self->summary; }
const char *cx_program_get_start (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), NULL); return self->start; }
const char *cx_program_get_end (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), NULL); return self->end; }
GListModel *cx_program_get_sources (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), NULL); return G_LIST_MODEL (self->sources); }
guint cx_program_get_n_links (CxProgram *self) { g_return_val_if_fail (CX_IS_PROGRAM (self), 0); return self->link_urls->len; }

/**
 * cx_program_get_link_title:
 *
 * Returns: the title of link @i in the user's language (see
 *   cx_program_get_title())
 */
const char *
cx_program_get_link_title (CxProgram *self,
                           guint      i)
{
  g_return_val_if_fail (CX_IS_PROGRAM (self), NULL);
  g_return_val_if_fail (i < self->link_titles->len, NULL);

  /* One context for all of a program's links, so that reordering them in
   * the pack keeps their translations. */
  return cx_pack_gettext ("program-link-title", self->id, g_ptr_array_index (self->link_titles, i));
}

const char *
cx_program_get_link_title_en (CxProgram *self,
                              guint      i)
{
  g_return_val_if_fail (CX_IS_PROGRAM (self), NULL);
  g_return_val_if_fail (i < self->link_titles->len, NULL);

  return g_ptr_array_index (self->link_titles, i);
}

const char *
cx_program_get_link_url (CxProgram *self,
                         guint      i)
{
  g_return_val_if_fail (CX_IS_PROGRAM (self), NULL);
  g_return_val_if_fail (i < self->link_urls->len, NULL);

  return g_ptr_array_index (self->link_urls, i);
}
