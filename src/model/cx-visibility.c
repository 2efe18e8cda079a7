/* cx-visibility.c: which layers are shown; the layer panel, the map, scenes
 * and settings all read and change this one object
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-visibility"

#include "config.h"

#include "cx-visibility.h"

struct _CxVisibility
{
  GObject parent_instance;

  CxDataPack *pack;
  gboolean   *visible;   /* by layer index */
  guint       n_layers;
};

G_DEFINE_FINAL_TYPE (CxVisibility, cx_visibility, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cx_visibility_finalize (GObject *object)
{
  CxVisibility *self = (CxVisibility *) object;

  g_free (self->visible);
  g_clear_object (&self->pack);

  G_OBJECT_CLASS (cx_visibility_parent_class)->finalize (object);
}

static void
cx_visibility_class_init (CxVisibilityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_visibility_finalize;

  /**
   * CxVisibility::changed:
   *
   * Emitted once per change, however many layers it touched.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cx_visibility_init (CxVisibility *self)
{
}

CxVisibility *
cx_visibility_new (CxDataPack *pack)
{
  CxVisibility *self;

  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  self = g_object_new (CX_TYPE_VISIBILITY, NULL);
  self->pack = g_object_ref (pack);
  self->n_layers = g_list_model_get_n_items (cx_data_pack_get_layers (pack));
  self->visible = g_new (gboolean, self->n_layers);
  for (guint i = 0; i < self->n_layers; i++)
    self->visible[i] = TRUE;

  return self;
}

CxDataPack *
cx_visibility_get_pack (CxVisibility *self)
{
  g_return_val_if_fail (CX_IS_VISIBILITY (self), NULL);

  return self->pack;
}

static int
index_of (CxVisibility *self,
          const char   *layer_id)
{
  CxLayer *layer = layer_id != NULL ? cx_data_pack_lookup_layer (self->pack, layer_id) : NULL;

  return layer != NULL ? (int) cx_layer_get_index (layer) : -1;
}

gboolean
cx_visibility_get_visible (CxVisibility *self,
                           const char   *layer_id)
{
  int i;

  g_return_val_if_fail (CX_IS_VISIBILITY (self), FALSE);

  i = index_of (self, layer_id);
  return i >= 0 && self->visible[i];
}

gboolean
cx_visibility_get_visible_index (CxVisibility *self,
                                 guint         index)
{
  g_return_val_if_fail (CX_IS_VISIBILITY (self), FALSE);

  return index < self->n_layers && self->visible[index];
}

void
cx_visibility_set_visible (CxVisibility *self,
                           const char   *layer_id,
                           gboolean      visible)
{
  int i;

  g_return_if_fail (CX_IS_VISIBILITY (self));

  i = index_of (self, layer_id);
  if (i < 0 || self->visible[i] == !!visible)
    return;

  self->visible[i] = !!visible;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * cx_visibility_toggle_index:
 * @index: a layer's index in pack order, from 0
 *
 * Returns: %FALSE when the pack has no such layer
 */
gboolean
cx_visibility_toggle_index (CxVisibility *self,
                            guint         index)
{
  g_return_val_if_fail (CX_IS_VISIBILITY (self), FALSE);

  if (index >= self->n_layers)
    return FALSE;

  self->visible[index] = !self->visible[index];
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
cx_visibility_set_all (CxVisibility *self,
                       gboolean      visible)
{
  gboolean changed = FALSE;

  g_return_if_fail (CX_IS_VISIBILITY (self));

  for (guint i = 0; i < self->n_layers; i++)
    if (self->visible[i] != !!visible)
      {
        self->visible[i] = !!visible;
        changed = TRUE;
      }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GStrv
dup_ids (CxVisibility *self,
         gboolean      visible)
{
  GListModel *layers = cx_data_pack_get_layers (self->pack);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->n_layers; i++)
    if (self->visible[i] == visible)
      {
        g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
        g_strv_builder_add (builder, cx_layer_get_id (layer));
      }

  return g_strv_builder_end (builder);
}

GStrv
cx_visibility_dup_visible_ids (CxVisibility *self)
{
  g_return_val_if_fail (CX_IS_VISIBILITY (self), NULL);

  return dup_ids (self, TRUE);
}

GStrv
cx_visibility_dup_hidden_ids (CxVisibility *self)
{
  g_return_val_if_fail (CX_IS_VISIBILITY (self), NULL);

  return dup_ids (self, FALSE);
}

static void
set_ids (CxVisibility       *self,
         const char * const *ids,
         gboolean            listed_visible)
{
  g_autofree gboolean *wanted = g_new (gboolean, self->n_layers);
  gboolean changed = FALSE;

  for (guint i = 0; i < self->n_layers; i++)
    wanted[i] = !listed_visible;

  /* Ids the pack does not have (an old scene, a newer pack) are ignored. */
  for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
    {
      int i = index_of (self, ids[k]);
      if (i >= 0)
        wanted[i] = listed_visible;
    }

  for (guint i = 0; i < self->n_layers; i++)
    if (self->visible[i] != wanted[i])
      {
        self->visible[i] = wanted[i];
        changed = TRUE;
      }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Shows exactly the layers named. */
void
cx_visibility_set_visible_ids (CxVisibility       *self,
                               const char * const *ids)
{
  g_return_if_fail (CX_IS_VISIBILITY (self));

  set_ids (self, ids, TRUE);
}

/* Hides exactly the layers named (what settings store, so that a layer new
 * in an updated pack shows by default). */
void
cx_visibility_set_hidden_ids (CxVisibility       *self,
                              const char * const *ids)
{
  g_return_if_fail (CX_IS_VISIBILITY (self));

  set_ids (self, ids, FALSE);
}
