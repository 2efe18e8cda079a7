/* cx-import-queue.c: GeoJSON files imported one at a time, off the main
 * thread, with their progress as properties
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file ends in one "done" (the layer, or the error: G_IO_ERROR_CANCELLED
 * when cancelled); "busy" is TRUE from the first file queued to the last
 * done, and a progress bar binds to "fraction" and "current-name".
 */

#define G_LOG_DOMAIN "cx-import-queue"

#include "config.h"

#include "cx-import-queue.h"

typedef struct
{
  GFile    *file;
  char     *crs;       /* for the import helper; NULL: the file's own */
  gboolean  gcj02;
} Waiting;

static void
waiting_free (Waiting *waiting)
{
  g_object_unref (waiting->file);
  g_free (waiting->crs);
  g_free (waiting);
}

struct _CxImportQueue
{
  GObject       parent_instance;

  /* Owned */
  GQueue        waiting;       /* Waiting */
  GCancellable *cancellable;   /* of the file being imported; NULL when idle */
  GFile        *current;       /* the file being imported */
  char         *current_name;
  double        fraction;
};

G_DEFINE_FINAL_TYPE (CxImportQueue, cx_import_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_FRACTION,
  PROP_CURRENT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void import_next (CxImportQueue *self);

static void
set_fraction (CxImportQueue *self,
              double         fraction)
{
  fraction = CLAMP (fraction, 0, 1);
  if (self->fraction == fraction)
    return;

  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  CxImportQueue *self = user_data;

  /* A late report of a file that is done already changes nothing. */
  if (self->cancellable != NULL)
    set_fraction (self, fraction);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CxImportQueue) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CxImportedLayer) layer = cx_import_file_finish (result, &error);
  g_autoptr(GFile) file = g_steal_pointer (&self->current);

  g_clear_object (&self->cancellable);
  g_object_freeze_notify (G_OBJECT (self));
  g_signal_emit (self, signals[DONE], 0, file, layer, error);
  import_next (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
import_next (CxImportQueue *self)
{
  Waiting *next;
  gboolean was_busy = self->cancellable != NULL || self->current_name != NULL;

  if (self->cancellable != NULL)
    return;

  next = g_queue_pop_head (&self->waiting);
  g_clear_pointer (&self->current_name, g_free);
  set_fraction (self, 0);

  if (next == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NAME]);
      if (was_busy)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }

  self->current = g_object_ref (next->file);
  self->current_name = g_file_get_basename (next->file);
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NAME]);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  cx_import_file_async_full (next->file, next->gcj02, next->crs, self->cancellable,
                             on_progress, self, on_imported, g_object_ref (self));
  waiting_free (next);
}

static void
cx_import_queue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CxImportQueue *self = CX_IMPORT_QUEUE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, cx_import_queue_get_busy (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_CURRENT_NAME:
      g_value_set_string (value, self->current_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_import_queue_dispose (GObject *object)
{
  CxImportQueue *self = (CxImportQueue *) object;

  g_queue_clear_full (&self->waiting, (GDestroyNotify) waiting_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (cx_import_queue_parent_class)->dispose (object);
}

static void
cx_import_queue_finalize (GObject *object)
{
  CxImportQueue *self = (CxImportQueue *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->current);
  g_free (self->current_name);

  G_OBJECT_CLASS (cx_import_queue_parent_class)->finalize (object);
}

static void
cx_import_queue_class_init (CxImportQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cx_import_queue_get_property;
  object_class->dispose = cx_import_queue_dispose;
  object_class->finalize = cx_import_queue_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_NAME] =
    g_param_spec_string ("current-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CxImportQueue::done:
   * @file: the file
   * @layer: (nullable): what it holds, %NULL when it failed
   * @error: (nullable): why it failed
   *
   * A file was imported, or failed, or was cancelled.
   */
  signals[DONE] = g_signal_new ("done",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 3, G_TYPE_FILE, CX_TYPE_IMPORTED_LAYER, G_TYPE_ERROR);
}

static void
cx_import_queue_init (CxImportQueue *self)
{
  g_queue_init (&self->waiting);
}

CxImportQueue *
cx_import_queue_new (void)
{
  return g_object_new (CX_TYPE_IMPORT_QUEUE, NULL);
}

/**
 * cx_import_queue_add:
 * @gcj02: the file's coordinates are GCJ-02 and are to be converted
 *
 * Imports a file, after those queued before it.
 */
void
cx_import_queue_add (CxImportQueue *self,
                     GFile         *file,
                     gboolean       gcj02)
{
  cx_import_queue_add_full (self, file, gcj02, NULL);
}

/**
 * cx_import_queue_add_full:
 * @crs: (nullable): the coordinate system to read a file of another format
 *   in ("EPSG:4549", chosen when the file names none); %NULL for its own
 *
 * As cx_import_queue_add().
 */
void
cx_import_queue_add_full (CxImportQueue *self,
                          GFile         *file,
                          gboolean       gcj02,
                          const char    *crs)
{
  Waiting *waiting;

  g_return_if_fail (CX_IS_IMPORT_QUEUE (self));
  g_return_if_fail (G_IS_FILE (file));

  waiting = g_new0 (Waiting, 1);
  waiting->file = g_object_ref (file);
  waiting->crs = g_strdup (crs);
  waiting->gcj02 = gcj02;
  g_queue_push_tail (&self->waiting, waiting);
  import_next (self);
}

/**
 * cx_import_queue_cancel:
 *
 * Drops the files waiting and cancels the one being imported, which ends
 * in a "done" with G_IO_ERROR_CANCELLED.
 */
void
cx_import_queue_cancel (CxImportQueue *self)
{
  g_return_if_fail (CX_IS_IMPORT_QUEUE (self));

  g_queue_clear_full (&self->waiting, (GDestroyNotify) waiting_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
cx_import_queue_get_busy (CxImportQueue *self)
{
  g_return_val_if_fail (CX_IS_IMPORT_QUEUE (self), FALSE);

  return self->cancellable != NULL;
}

double
cx_import_queue_get_fraction (CxImportQueue *self)
{
  g_return_val_if_fail (CX_IS_IMPORT_QUEUE (self), 0);

  return self->fraction;
}

/**
 * cx_import_queue_get_current_name:
 *
 * Returns: (nullable): the name of the file being imported
 */
const char *
cx_import_queue_get_current_name (CxImportQueue *self)
{
  g_return_val_if_fail (CX_IS_IMPORT_QUEUE (self), NULL);

  return self->current_name;
}

guint
cx_import_queue_get_n_waiting (CxImportQueue *self)
{
  g_return_val_if_fail (CX_IS_IMPORT_QUEUE (self), 0);

  return g_queue_get_length (&self->waiting);
}
