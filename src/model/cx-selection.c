/* cx-selection.c: what is selected, the one source of truth
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-selection"

#include "config.h"

#include "cx-enums.h"
#include "cx-item.h"
#include "cx-selection.h"

/* Back goes this far; a session of clicking around needs no more. */
#define CX_SELECTION_HISTORY_MAX 100

/* An earlier selection, and what the map showed when it was left. */
typedef struct
{
  GObject         *item;      /* nullable: nothing was selected */
  gboolean         has_view;
  CxSelectionView  view;
} HistoryEntry;

struct _CxSelection
{
  GObject parent_instance;

  CxDataPack *pack;
  GObject    *item;        /* nullable */
  GArray     *history;     /* HistoryEntry, oldest first */
  GListStore *highlighted; /* CxFeature */
  GHashTable *highlighted_set;

  /* Asked for the view being left (the map's), see set_item() */
  CxSelectionViewFunc view_func;
  gpointer            view_data;
  GDestroyNotify      view_destroy;

  /* The view the item was left at, when Back returned to it */
  gboolean            has_view;
  CxSelectionView     view;
};

G_DEFINE_FINAL_TYPE (CxSelection, cx_selection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PACK,
  PROP_ITEM,
  PROP_KIND,
  PROP_CAN_GO_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The places the item stands for, and the item itself (an imported
 * feature is highlighted too, but is not one of the pack's places). */
static void
update_highlighted (CxSelection *self)
{
  g_autoptr(GListModel) places = NULL;

  g_list_store_remove_all (self->highlighted);
  g_hash_table_remove_all (self->highlighted_set);
  if (self->item == NULL)
    return;

  places = cx_item_dup_places (CX_ITEM (self->item), self->pack);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(CxFeature) feature = g_list_model_get_item (places, i);

      g_list_store_append (self->highlighted, feature);
      g_hash_table_add (self->highlighted_set, feature);
    }
  g_hash_table_add (self->highlighted_set, self->item);
}

static void
history_entry_clear (gpointer data)
{
  HistoryEntry *entry = data;

  g_clear_object (&entry->item);
}

/* @item replaces the selection. Remembered (for Back) with the view it is
 * left at, asked for now: the map has not followed the new item yet. */
static void
set_item (CxSelection *self,
          GObject     *item,
          gboolean     remember)
{
  gboolean could_go_back = cx_selection_get_can_go_back (self);

  if (item == self->item)
    return;

  if (remember)
    {
      HistoryEntry entry = { NULL, FALSE, { 0, 0, 0 } };

      if (self->item != NULL)
        entry.item = g_object_ref (self->item);
      if (self->view_func != NULL)
        entry.has_view = self->view_func (&entry.view, self->view_data);
      g_array_append_val (self->history, entry);
      if (self->history->len > CX_SELECTION_HISTORY_MAX)
        g_array_remove_index (self->history, 0);

      self->has_view = FALSE;
    }

  g_set_object (&self->item, item);
  update_highlighted (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  if (could_go_back != cx_selection_get_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

static void
cx_selection_dispose (GObject *object)
{
  CxSelection *self = (CxSelection *) object;

  g_clear_object (&self->item);
  if (self->history != NULL)
    g_array_set_size (self->history, 0);
  cx_selection_set_view_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (cx_selection_parent_class)->dispose (object);
}

static void
cx_selection_finalize (GObject *object)
{
  CxSelection *self = (CxSelection *) object;

  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->highlighted_set, g_hash_table_unref);
  g_clear_object (&self->highlighted);
  g_clear_object (&self->pack);

  G_OBJECT_CLASS (cx_selection_parent_class)->finalize (object);
}

static void
cx_selection_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CxSelection *self = CX_SELECTION (object);

  switch (prop_id)
    {
    case PROP_PACK:
      g_value_set_object (value, self->pack);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_KIND:
      g_value_set_enum (value, cx_selection_get_kind (self));
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, cx_selection_get_can_go_back (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_selection_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CxSelection *self = CX_SELECTION (object);

  switch (prop_id)
    {
    case PROP_PACK:
      self->pack = g_value_dup_object (value);
      break;
    case PROP_ITEM:
      cx_selection_select (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_selection_class_init (CxSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cx_selection_dispose;
  object_class->finalize = cx_selection_finalize;
  object_class->get_property = cx_selection_get_property;
  object_class->set_property = cx_selection_set_property;

  properties[PROP_PACK] =
    g_param_spec_object ("pack", NULL, NULL, CX_TYPE_DATA_PACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CX_TYPE_SELECTION_KIND, CX_SELECTION_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cx_selection_init (CxSelection *self)
{
  self->history = g_array_new (FALSE, FALSE, sizeof (HistoryEntry));
  g_array_set_clear_func (self->history, history_entry_clear);
  self->highlighted = g_list_store_new (CX_TYPE_FEATURE);
  self->highlighted_set = g_hash_table_new (NULL, NULL);
}

CxSelection *
cx_selection_new (CxDataPack *pack)
{
  g_return_val_if_fail (CX_IS_DATA_PACK (pack), NULL);

  return g_object_new (CX_TYPE_SELECTION, "pack", pack, NULL);
}

CxDataPack *
cx_selection_get_pack (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), NULL);

  return self->pack;
}

/**
 * cx_selection_get_item:
 *
 * Returns: (transfer none) (nullable): a CxFeature, CxProgram or CxStatistic
 */
GObject *
cx_selection_get_item (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), NULL);

  return self->item;
}

CxSelectionKind
cx_selection_get_kind (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), CX_SELECTION_NONE);

  return self->item != NULL ? cx_item_get_kind (CX_ITEM (self->item)) : CX_SELECTION_NONE;
}

CxFeature *
cx_selection_get_feature (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), NULL);

  return CX_IS_FEATURE (self->item) ? CX_FEATURE (self->item) : NULL;
}

CxProgram *
cx_selection_get_program (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), NULL);

  return CX_IS_PROGRAM (self->item) ? CX_PROGRAM (self->item) : NULL;
}

CxStatistic *
cx_selection_get_statistic (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), NULL);

  return CX_IS_STATISTIC (self->item) ? CX_STATISTIC (self->item) : NULL;
}

/**
 * cx_selection_select:
 * @item: (nullable): a CxFeature, CxProgram or CxStatistic of the pack
 *
 * Selects @item, remembering what was selected before for Back.
 */
void
cx_selection_select (CxSelection *self,
                     GObject     *item)
{
  g_return_if_fail (CX_IS_SELECTION (self));
  g_return_if_fail (item == NULL || CX_IS_ITEM (item));

  set_item (self, item, TRUE);
}

/**
 * cx_selection_select_by_id:
 *
 * Selects the feature, program or statistic with this id (looked up in that
 * order).
 *
 * Returns: %FALSE when the pack has nothing with that id
 */
gboolean
cx_selection_select_by_id (CxSelection *self,
                           const char  *id)
{
  GObject *item;

  g_return_val_if_fail (CX_IS_SELECTION (self), FALSE);

  if (id == NULL)
    return FALSE;

  item = (GObject *) cx_data_pack_lookup_feature (self->pack, id);
  if (item == NULL)
    item = (GObject *) cx_data_pack_lookup_program (self->pack, id);
  if (item == NULL)
    item = (GObject *) cx_data_pack_lookup_statistic (self->pack, id);
  if (item == NULL)
    return FALSE;

  cx_selection_select (self, item);
  return TRUE;
}

void
cx_selection_clear (CxSelection *self)
{
  g_return_if_fail (CX_IS_SELECTION (self));

  set_item (self, NULL, TRUE);
}

gboolean
cx_selection_get_can_go_back (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), FALSE);

  return self->history->len > 0;
}

/**
 * cx_selection_go_back:
 *
 * Selects what was selected before, if anything was; cx_selection_get_view()
 * then gives the view it was left at.
 */
void
cx_selection_go_back (CxSelection *self)
{
  g_autoptr(GObject) previous = NULL;
  HistoryEntry *last;

  g_return_if_fail (CX_IS_SELECTION (self));

  if (self->history->len == 0)
    return;

  last = &g_array_index (self->history, HistoryEntry, self->history->len - 1);
  previous = g_steal_pointer (&last->item);
  /* Set before the item changes, for those who follow it. */
  self->has_view = last->has_view;
  self->view = last->view;
  g_array_set_size (self->history, self->history->len - 1);

  g_object_freeze_notify (G_OBJECT (self));
  set_item (self, previous, FALSE);
  /* Popping may have emptied the history whether or not the item changed. */
  if (self->history->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * cx_selection_get_highlighted:
 *
 * Returns: (transfer none): the features to highlight on the map: the
 *   selected place, or the places of the selected program or statistic
 */
GListModel *
cx_selection_get_highlighted (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), NULL);

  return G_LIST_MODEL (self->highlighted);
}

CxImportedFeature *
cx_selection_get_imported (CxSelection *self)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), NULL);

  return CX_IS_IMPORTED_FEATURE (self->item) ? CX_IMPORTED_FEATURE (self->item) : NULL;
}

gboolean
cx_selection_is_highlighted (CxSelection *self,
                             gpointer     feature)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), FALSE);

  return g_hash_table_contains (self->highlighted_set, feature);
}

/**
 * cx_selection_set_view_func:
 * @func: (nullable): asked for the view shown now whenever the selection
 *   changes, to keep it with the history
 * @destroy: (nullable): frees @user_data when replaced or when the
 *   selection goes
 *
 * Lets Back show the earlier selection as it was left: the map gives its
 * view, and follows cx_selection_get_view() after going back.
 */
void
cx_selection_set_view_func (CxSelection         *self,
                            CxSelectionViewFunc  func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (CX_IS_SELECTION (self));

  if (self->view_destroy != NULL)
    self->view_destroy (self->view_data);
  self->view_func = func;
  self->view_data = user_data;
  self->view_destroy = destroy;
}

/**
 * cx_selection_get_view:
 * @view: (out) (optional): the view
 *
 * The view the selected item was left at, when cx_selection_go_back()
 * returned to it; until the next selection.
 *
 * Returns: whether there is one
 */
gboolean
cx_selection_get_view (CxSelection     *self,
                       CxSelectionView *view)
{
  g_return_val_if_fail (CX_IS_SELECTION (self), FALSE);

  if (self->has_view && view != NULL)
    *view = self->view;
  return self->has_view;
}
