/* cx-paced-model.c: the items of a list model, shown a few dozen at a time
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListBox makes a row for every item a model adds, at once: a
 * thousand scenes arriving in one splice were a thousand rows made, and
 * laid out in the next frame, with nothing else running meanwhile. Bound
 * to this model instead, it gets the first items of the model it wraps
 * (the first "shown"), `step` more each time cx_paced_model_show_more() is
 * called (once a frame, by the widget), until it has them all.
 *
 * Changes to the items already shown are passed on as they are (a scene
 * moved, removed, added at the end), so that the list box keeps its other
 * rows: GtkSliceListModel, which would do the rest, reports any insertion
 * or removal as the whole tail removed and added again, and the list box
 * then makes every row after it again. Only an addition of more than
 * `step` items among the shown ones is cut to `step`, hiding the shown
 * items after it until their turn comes again.
 */

#define G_LOG_DOMAIN "cx-paced-model"

#include "config.h"

#include "cx-paced-model.h"

struct _CxPacedModel
{
  GObject     parent_instance;

  /* Owned */
  GListModel *model;

  guint       step;
  guint       shown;   /* the first items of model, at most all of them */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxPacedModel, cx_paced_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (CX_PACED_MODEL (list)->model);
}

static guint
get_n_items (GListModel *list)
{
  return CX_PACED_MODEL (list)->shown;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  CxPacedModel *self = CX_PACED_MODEL (list);

  return position < self->shown ? g_list_model_get_item (self->model, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  CxPacedModel *self)
{
  guint removed_shown, after;

  /* Beyond what is shown: its turn comes with cx_paced_model_show_more(). */
  if (position >= self->shown)
    return;

  removed_shown = MIN (removed, self->shown - position);
  after = self->shown - position - removed_shown;
  if (added <= self->step)
    {
      self->shown = self->shown - removed_shown + added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed_shown, added);
    }
  else
    {
      self->shown = position + self->step;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed_shown + after, self->step);
    }
}

static void
cx_paced_model_dispose (GObject *object)
{
  CxPacedModel *self = CX_PACED_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cx_paced_model_parent_class)->dispose (object);
}

static void
cx_paced_model_class_init (CxPacedModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cx_paced_model_dispose;
}

static void
cx_paced_model_init (CxPacedModel *self)
{
}

/**
 * cx_paced_model_new:
 * @model: the items
 * @step: how many are shown at first, and how many more at a time
 *
 * Returns: (transfer full): the model
 */
CxPacedModel *
cx_paced_model_new (GListModel *model,
                    guint       step)
{
  CxPacedModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (step > 0, NULL);

  self = g_object_new (CX_TYPE_PACED_MODEL, NULL);
  self->model = g_object_ref (model);
  self->step = step;
  self->shown = MIN (step, g_list_model_get_n_items (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  return self;
}

/**
 * cx_paced_model_show_more:
 *
 * Shows up to `step` more items.
 *
 * Returns: whether some are still not shown
 */
gboolean
cx_paced_model_show_more (CxPacedModel *self)
{
  guint n, before;

  g_return_val_if_fail (CX_IS_PACED_MODEL (self), FALSE);

  n = g_list_model_get_n_items (self->model);
  before = self->shown;
  if (before < n)
    {
      self->shown = MIN (n, before + self->step);
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->shown - before);
    }
  return self->shown < n;
}

/**
 * cx_paced_model_get_n_held:
 *
 * Returns: how many items the wrapped model holds, shown or not
 */
guint
cx_paced_model_get_n_held (CxPacedModel *self)
{
  g_return_val_if_fail (CX_IS_PACED_MODEL (self), 0);

  return g_list_model_get_n_items (self->model);
}
