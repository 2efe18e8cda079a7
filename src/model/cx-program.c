/* cx-program.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-program"

#include "config.h"

#include "cx-pack-private.h"

G_DEFINE_FINAL_TYPE (CxProgram, cx_program, G_TYPE_OBJECT)

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

static void
cx_program_class_init (CxProgramClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_program_finalize;
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
