/* cx-scene-list.c: the user's scenes, the one being shown, and the file
 * they are kept in
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of CxScene with a "current" scene that follows it when
 * scenes move or go. Read in a thread (cx_scene_list_load_async()). Saved
 * whole and atomically (cx_scenes_to_bytes(), which refuses what it could
 * not read back, then cx_store_write_atomic_full()); never over a file
 * that failed to load: that would replace the user's scenes with the
 * starters. Such a file stays where it is ("problem" says why) until the
 * user retries or keeps it aside. A save merges what another process
 * saved since this list read the file (cx_scene_list_save_full()).
 */

#define G_LOG_DOMAIN "cx-scene-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-scene-list.h"
#include "cx-store-util.h"

struct _CxSceneList
{
  GObject     parent_instance;

  /* Owned */
  GListStore *store;      /* CxScene */
  GHashTable *starters;   /* CxScene not the user's: replaced if the file reads later */
  GFile      *file;
  GFile      *starters_file;
  char       *problem;    /* why file failed to load; it is never saved over meanwhile */
  int         current;    /* -1: none */
  gboolean    moved_on;   /* the view is no longer the current scene's */
  gboolean    loading;    /* the file is being read in a thread */
  gboolean    save_pending;  /* a save asked for while loading */

  /* What the file held when this list last read or wrote it, to see and
   * merge what another process saved since (see cx_scene_list_save_full()) */
  GHashTable *base;       /* id → CxScene, copies */
  CxStoreIdentity identity;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxSceneList, cx_scene_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (cx-scene-list-error-quark, cx_scene_list_error)

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_MOVED_ON,
  PROP_PROBLEM,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return CX_TYPE_SCENE;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CX_SCENE_LIST (model)->store));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CX_SCENE_LIST (model)->store), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_items_changed (GListModel  *store,
                  guint        position,
                  guint        removed,
                  guint        added,
                  CxSceneList *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
set_problem (CxSceneList *self,
             const char  *problem)
{
  if (g_set_str (&self->problem, problem))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* One splice, so one items-changed: a thousand scenes appended one by one
 * made the panel renumber its rows a thousand times. */
static void
splice_in (CxSceneList *self,
           guint        position,
           guint        n_removed,
           GListModel  *scenes)
{
  guint n = g_list_model_get_n_items (scenes);
  g_autofree gpointer *items = g_new0 (gpointer, n + 1);

  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (scenes, i);
  g_list_store_splice (self->store, position, n_removed, items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);
}

/* The pack's starter scenes, in the user's language; once saved they are
 * the user's own text. They go first, before any added while loading. */
static void
insert_starters (CxSceneList *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GListStore) starters = NULL;

  if (self->starters_file == NULL)
    return;
  bytes = g_file_load_bytes (self->starters_file, NULL, NULL, NULL);
  starters = bytes != NULL ? cx_scenes_from_bytes (bytes, NULL) : NULL;
  if (starters == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (starters)); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (starters), i);

      cx_scene_set_title (scene, g_dpgettext2 (GETTEXT_PACKAGE, "starter-scene-title", cx_scene_get_title (scene)));
      if (cx_scene_get_note (scene)[0] != '\0')
        cx_scene_set_note (scene, g_dpgettext2 (GETTEXT_PACKAGE, "starter-scene-note", cx_scene_get_note (scene)));
      g_hash_table_add (self->starters, g_object_ref (scene));
    }
  splice_in (self, 0, 0, G_LIST_MODEL (starters));
}

/* Remembers @scenes as what the file holds (read or written). */
static void
set_base (CxSceneList *self,
          GListModel  *scenes)
{
  g_hash_table_remove_all (self->base);
  for (guint i = 0; scenes != NULL && i < g_list_model_get_n_items (scenes); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);
      CxScene *copy = cx_scene_copy (scene);

      g_hash_table_replace (self->base, (gpointer) cx_scene_get_id (copy), copy);
    }
}

/* What reading the file gave; made in a thread, used in the main one. */
typedef struct
{
  GListStore *scenes;     /* NULL when it failed */
  CxStoreIdentity identity;
  gboolean    existed;
  char       *aside;      /* where it was moved, if it was */
  char       *notices;
  GError     *error;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->scenes);
  g_free (result->aside);
  g_free (result->notices);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/* Never NULL: what went wrong is in the result. */
static gpointer
read_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadResult *result = g_new0 (LoadResult, 1);

  result->scenes = cx_scenes_load_file_identity (file, &result->aside, &result->notices, &result->identity, &result->error);
  result->existed = g_file_query_exists (file, NULL);
  return result;
}

static void
set_loading (CxSceneList *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The file's scenes (or the starters) go first, in one splice, before any
 * scene added while it was read. */
static gboolean
apply_load (CxSceneList  *self,
            LoadResult   *result,
            char        **notices,
            GError      **error)
{
  if (notices != NULL)
    *notices = g_steal_pointer (&result->notices);

  if (result->scenes == NULL && result->aside == NULL)
    set_problem (self, result->error->message);

  {
    guint before = g_list_model_get_n_items (G_LIST_MODEL (self->store));

    if (result->scenes != NULL && result->existed)
      {
        splice_in (self, 0, 0, G_LIST_MODEL (result->scenes));
        set_base (self, G_LIST_MODEL (result->scenes));
      }
    else
      {
        /* The starters stand for the file: as if read from it. */
        insert_starters (self);
        set_base (self, NULL);
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
          {
            g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (self->store), i);

            if (g_hash_table_contains (self->starters, scene))
              {
                CxScene *copy = cx_scene_copy (scene);

                g_hash_table_replace (self->base, (gpointer) cx_scene_get_id (copy), copy);
              }
          }
      }
    self->identity = result->identity;

    /* A scene added meanwhile stays current: it moved down. */
    if (self->current >= 0)
      cx_scene_list_set_current (self, self->current + (int) (g_list_model_get_n_items (G_LIST_MODEL (self->store)) - before));
  }

  set_loading (self, FALSE);

  if (result->scenes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&result->error));
      return FALSE;
    }
  return TRUE;
}

static void
cx_scene_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CxSceneList *self = CX_SCENE_LIST (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_int (value, self->current);
      break;
    case PROP_MOVED_ON:
      g_value_set_boolean (value, self->moved_on);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_scene_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CxSceneList *self = CX_SCENE_LIST (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      cx_scene_list_set_current (self, g_value_get_int (value));
      break;
    case PROP_MOVED_ON:
      cx_scene_list_set_moved_on (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_scene_list_finalize (GObject *object)
{
  CxSceneList *self = (CxSceneList *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->starters, g_hash_table_unref);
  g_clear_pointer (&self->base, g_hash_table_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->starters_file);
  g_free (self->problem);

  G_OBJECT_CLASS (cx_scene_list_parent_class)->finalize (object);
}

static void
cx_scene_list_class_init (CxSceneListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cx_scene_list_get_property;
  object_class->set_property = cx_scene_list_set_property;
  object_class->finalize = cx_scene_list_finalize;

  /**
   * CxSceneList:current:
   *
   * The position of the scene last applied or added, -1 for none; it
   * follows the scene when scenes move or are removed.
   */
  properties[PROP_CURRENT] =
    g_param_spec_int ("current", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxSceneList:moved-on:
   *
   * Whether the view has moved on from the current scene since it was
   * applied: its selection, layers or place on the map are no longer the
   * scene's. The scene stays current (the next Page Down goes on from it),
   * and what describes the view (cx_caption_init()) says what is shown,
   * "based on" the scene. Always %FALSE while there is no current scene.
   * The window that shows the view keeps it up to date.
   */
  properties[PROP_MOVED_ON] =
    g_param_spec_boolean ("moved-on", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxSceneList:problem:
   *
   * Why the file failed to load, while it is kept and not written over.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxSceneList:loading:
   *
   * Whether the file is being read (cx_scene_list_load_async()); the list
   * fills when it is done.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cx_scene_list_init (CxSceneList *self)
{
  self->store = g_list_store_new (CX_TYPE_SCENE);
  self->starters = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->base = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->current = -1;
  g_signal_connect (self->store, "items-changed", G_CALLBACK (on_items_changed), self);
}

/**
 * cx_scene_list_new:
 * @file: where the user's scenes are kept
 * @starters: (nullable): the scenes a first start begins with
 *
 * Returns: (transfer full): an empty list; see cx_scene_list_load()
 */
CxSceneList *
cx_scene_list_new (GFile *file,
                   GFile *starters)
{
  CxSceneList *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CX_TYPE_SCENE_LIST, NULL);
  self->file = g_object_ref (file);
  self->starters_file = starters != NULL ? g_object_ref (starters) : NULL;
  return self;
}

/**
 * cx_scene_list_load:
 * @notices: (out) (optional) (nullable): what was mended or dropped while
 *   reading, to tell
 *
 * Reads the file. A first start, or a start after a file that could not be
 * read, begins with the starter scenes.
 *
 * Returns: %FALSE when the file could not be read: it was moved aside
 *   (the error says where), or it is kept where it is and
 *   cx_scene_list_get_problem() says why
 */
gboolean
cx_scene_list_load (CxSceneList  *self,
                    char        **notices,
                    GError      **error)
{
  g_autoptr(LoadResult) result = NULL;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);
  g_return_val_if_fail (!self->loading, FALSE);

  result = read_file (self->file, NULL, NULL);
  return apply_load (self, result, notices, error);
}

static void
on_file_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxSceneList *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  LoadResult *load = g_task_propagate_pointer (G_TASK (result), &error);

  /* The reader never fails as a task; only a cancelled one has no result. */
  if (load == NULL)
    {
      set_loading (self, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, load, load_result_free);
}

/**
 * cx_scene_list_load_async:
 *
 * cx_scene_list_load() in a thread (cx_store_run_file_task()): reading,
 * recovering interrupted saves and parsing a file of up to 4 MiB never
 * block the window. Meanwhile #CxSceneList:loading is %TRUE, the list holds
 * only scenes added since (they follow the file's), and a save waits
 * (cx_scene_list_take_save_pending()).
 */
void
cx_scene_list_load_async (CxSceneList         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CX_IS_SCENE_LIST (self));
  g_return_if_fail (!self->loading);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cx_scene_list_load_async);
  set_loading (self, TRUE);
  cx_store_run_file_task (self->file, cx_scene_list_load_async, "[cx-scene-list] load",
                          cancellable, on_file_read, task, read_file, load_result_free);
}

/**
 * cx_scene_list_load_finish:
 * @notices: (out) (optional) (nullable): as for cx_scene_list_load()
 *
 * Puts what was read in the list, as cx_scene_list_load() does.
 *
 * Returns: as cx_scene_list_load()
 */
gboolean
cx_scene_list_load_finish (CxSceneList   *self,
                           GAsyncResult  *result,
                           char         **notices,
                           GError       **error)
{
  g_autoptr(LoadResult) load = NULL;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cx_scene_list_load_async, FALSE);

  if (notices != NULL)
    *notices = NULL;
  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return FALSE;
  return apply_load (self, load, notices, error);
}

/**
 * cx_scene_list_get_loading:
 *
 * Returns: whether the file is being read
 */
gboolean
cx_scene_list_get_loading (CxSceneList *self)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  return self->loading;
}

/**
 * cx_scene_list_take_save_pending:
 *
 * Returns: whether a save was asked for while the file was read (and
 *   forgets it): the caller saves now
 */
gboolean
cx_scene_list_take_save_pending (CxSceneList *self)
{
  gboolean pending;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  pending = self->save_pending;
  self->save_pending = FALSE;
  return pending;
}

/* What a merge did, to tell the user. */
typedef struct
{
  guint added;      /* theirs, new here */
  guint updated;    /* edited there, not here: theirs taken */
  guint removed;    /* deleted there, not edited here: gone here too */
  guint kept;       /* deleted on one side, edited on the other: kept */
  guint doubled;    /* edited on both sides, differently: both kept */
} MergeCounts;

/* Three-way, by id: @base is what the file held when this list last read or
 * wrote it, @theirs what it holds now. Every scene either side has, or
 * changed, is in the result; a scene goes only when one side deleted it and
 * the other did not touch it. Our order first, then theirs that are new. */
static GListStore *
merge (GHashTable  *base,
       GListModel  *ours,
       GListModel  *theirs,
       MergeCounts *counts)
{
  g_autoptr(GHashTable) their_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) our_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListStore *merged = g_list_store_new (CX_TYPE_SCENE);

  for (guint i = 0; i < g_list_model_get_n_items (theirs); i++)
    {
      g_autoptr(CxScene) t = g_list_model_get_item (theirs, i);
      g_hash_table_insert (their_ids, (gpointer) cx_scene_get_id (t), t);
    }

  for (guint i = 0; i < g_list_model_get_n_items (ours); i++)
    {
      g_autoptr(CxScene) s = g_list_model_get_item (ours, i);
      const char *id = cx_scene_get_id (s);
      CxScene *b = g_hash_table_lookup (base, id);
      CxScene *t = g_hash_table_lookup (their_ids, id);

      g_hash_table_add (our_ids, (gpointer) id);
      if (t == NULL)
        {
          if (b != NULL && cx_scene_same_content (s, b))
            {
              counts->removed++;
              continue;
            }
          if (b != NULL)
            counts->kept++;
          g_list_store_append (merged, s);
        }
      else if (cx_scene_same_content (s, t) || (b != NULL && cx_scene_same_content (t, b)))
        g_list_store_append (merged, s);
      else if (b != NULL && cx_scene_same_content (s, b))
        {
          counts->updated++;
          g_list_store_append (merged, t);
        }
      else
        {
          /* Both changed it: ours, and theirs beside it as a scene of its own. */
          g_autoptr(CxScene) copy = cx_scene_copy (t);

          cx_scene_set_new_id (copy);
          counts->doubled++;
          g_list_store_append (merged, s);
          g_list_store_append (merged, copy);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (theirs); i++)
    {
      g_autoptr(CxScene) t = g_list_model_get_item (theirs, i);
      const char *id = cx_scene_get_id (t);
      CxScene *b = g_hash_table_lookup (base, id);

      if (g_hash_table_contains (our_ids, id))
        continue;
      if (b == NULL)
        counts->added++;
      else if (!cx_scene_same_content (t, b))
        counts->kept++;
      else
        continue;   /* deleted here, untouched there */
      g_list_store_append (merged, t);
    }

  return merged;
}

static char *
describe_merge (const MergeCounts *counts)
{
  GString *text = g_string_new (_("Your scenes file had been saved by another window or program since it was read here; the two were merged, and nothing was lost."));

  if (counts->added > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u scene saved there was added here.",
                                              "%u scenes saved there were added here.", counts->added), counts->added);
    }
  if (counts->updated > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u scene edited there was updated here.",
                                              "%u scenes edited there were updated here.", counts->updated), counts->updated);
    }
  if (counts->removed > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u scene deleted there was removed here.",
                                              "%u scenes deleted there were removed here.", counts->removed), counts->removed);
    }
  if (counts->kept > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u scene deleted in one place and edited in the other was kept.",
                                              "%u scenes deleted in one place and edited in the other were kept.", counts->kept), counts->kept);
    }
  if (counts->doubled > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u scene edited in both places is there twice, once as each left it.",
                                              "%u scenes edited in both places are there twice, once as each left it.", counts->doubled), counts->doubled);
    }
  return g_string_free (text, FALSE);
}

/* Puts @merged in place of the list, the current scene (by id) current. */
static void
take_merged (CxSceneList *self,
             GListModel  *merged)
{
  g_autoptr(CxScene) current = cx_scene_list_dup_current_scene (self);
  int position = -1;

  cx_scene_list_set_current (self, -1);
  splice_in (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), merged);
  for (guint i = 0; current != NULL && i < g_list_model_get_n_items (merged); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (merged, i);

      if (g_str_equal (cx_scene_get_id (scene), cx_scene_get_id (current)))
        position = (int) i;
    }
  cx_scene_list_set_current (self, position);
}

/**
 * cx_scene_list_save:
 *
 * cx_scene_list_save_full() without the notice.
 */
gboolean
cx_scene_list_save (CxSceneList  *self,
                    GError      **error)
{
  return cx_scene_list_save_full (self, NULL, error);
}

/**
 * cx_scene_list_save_full:
 * @notice: (out) (optional) (nullable): what was merged, to tell the user;
 *   %NULL when nothing was
 *
 * Writes the scenes, atomically: the file is whole, old or new, whatever
 * happens. A file that failed to load is not written over
 * (%CX_SCENE_LIST_ERROR_KEPT). While the file is being read, the save is
 * postponed (cx_scene_list_take_save_pending()) and %TRUE returned.
 *
 * Another process (a second session, a Flatpak and a native build) may have
 * saved since this list read or wrote the file: the last save would win,
 * and the other's scenes be lost in silence. So, with the folder locked
 * against the other's save (cx_store_lock_dir()), the file's identity is
 * compared with the one this list read or wrote; if it changed, the file is
 * read and merged by scene id (merge()): what either side added, edited or
 * kept stays, and the list shows the result, which is then written, and
 * @notice says what happened.
 */
gboolean
cx_scene_list_save_full (CxSceneList  *self,
                         char        **notice,
                         GError      **error)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CxStoreIdentity now, written;
  gboolean ok;
  int lock;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  if (notice != NULL)
    *notice = NULL;

  /* Saving now would write over the scenes not read yet. */
  if (self->loading)
    {
      self->save_pending = TRUE;
      return TRUE;
    }

  if (self->problem != NULL)
    {
      g_set_error_literal (error, CX_SCENE_LIST_ERROR, CX_SCENE_LIST_ERROR_KEPT,
                           _("Scenes not saved: your scenes file could not be read, and is not written over"));
      return FALSE;
    }

  dir = g_file_get_parent (self->file);
  if (!cx_store_ensure_dir (dir, error))
    return FALSE;
  lock = cx_store_lock_dir (dir, error);
  if (lock < 0)
    return FALSE;

  if (!cx_store_query_identity (self->file, &now, &local_error))
    {
      cx_store_unlock_dir (lock);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Saved elsewhere since: theirs, read whole, merged with ours. A file
   * gone (kept aside elsewhere) has nothing to merge. */
  if (now.exists && !cx_store_identity_equal (&now, &self->identity))
    {
      g_autoptr(GBytes) theirs_bytes = cx_store_read_file_full (self->file, CX_SCENES_MAX_FILE_SIZE, NULL, &now, &local_error);
      g_autoptr(GListStore) theirs = theirs_bytes != NULL ? cx_scenes_from_bytes (theirs_bytes, &local_error) : NULL;

      if (theirs == NULL)
        {
          /* Unreadable or not scenes: left alone, as at start. */
          g_autofree char *shown = g_file_get_parse_name (self->file);

          cx_store_unlock_dir (lock);
          g_set_error (error, CX_SCENE_LIST_ERROR, CX_SCENE_LIST_ERROR_KEPT,
                       _("Scenes not saved: your scenes file %s was changed by another window or program and cannot be read now (%s); it is not written over"),
                       shown, local_error->message);
          return FALSE;
        }
      else
        {
          MergeCounts counts = { 0, };
          g_autoptr(GListStore) merged = merge (self->base, G_LIST_MODEL (self->store), G_LIST_MODEL (theirs), &counts);

          take_merged (self, G_LIST_MODEL (merged));
          /* What is on disk now is theirs: merged again if this save fails. */
          set_base (self, G_LIST_MODEL (theirs));
          self->identity = now;
          g_message ("The scenes file changed since it was read: %u added, %u updated, %u removed, %u kept, %u doubled",
                     counts.added, counts.updated, counts.removed, counts.kept, counts.doubled);
          if (notice != NULL)
            *notice = describe_merge (&counts);
        }
    }

  bytes = cx_scenes_to_bytes (G_LIST_MODEL (self->store), error);
  ok = bytes != NULL &&
       cx_store_write_atomic_full (self->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   0644, &written, error);
  if (ok)
    {
      self->identity = written;
      set_base (self, G_LIST_MODEL (self->store));
    }
  cx_store_unlock_dir (lock);
  return ok;
}

/**
 * cx_scene_list_retry:
 * @n_loaded: (out): how many scenes the file held
 * @merged: (out): whether scenes added meanwhile were kept after them (then
 *   the list wants saving)
 *
 * Reads the file that failed again; if it now loads, its scenes replace the
 * starters, and the scenes added meanwhile follow them.
 *
 * Returns: %FALSE when it still cannot be read (see
 *   cx_scene_list_get_problem()) or was moved aside now (the problem is gone
 *   and the list can be saved)
 */
gboolean
cx_scene_list_retry (CxSceneList  *self,
                     guint        *n_loaded,
                     gboolean     *merged,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GListStore) loaded = NULL;
  CxStoreIdentity identity;
  guint n_added = 0;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);
  g_return_val_if_fail (self->problem != NULL, FALSE);

  *n_loaded = 0;
  *merged = FALSE;
  loaded = cx_scenes_load_file_identity (self->file, &aside, NULL, &identity, &local_error);
  if (loaded == NULL)
    {
      set_problem (self, aside == NULL ? local_error->message : NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  set_problem (self, NULL);
  self->identity = identity;
  set_base (self, G_LIST_MODEL (loaded));
  *n_loaded = g_list_model_get_n_items (G_LIST_MODEL (loaded));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (!g_hash_table_contains (self->starters, scene))
        {
          g_list_store_append (loaded, scene);
          n_added++;
        }
    }

  g_hash_table_remove_all (self->starters);
  cx_scene_list_set_current (self, -1);
  splice_in (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), G_LIST_MODEL (loaded));

  *merged = n_added > 0;
  return TRUE;
}

/**
 * cx_scene_list_keep_aside:
 * @kept_as: (out) (nullable): the name the file now has
 *
 * Moves the file that failed aside, intact; the list can be saved then.
 */
gboolean
cx_scene_list_keep_aside (CxSceneList  *self,
                          char        **kept_as,
                          GError      **error)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  if (!cx_scenes_keep_aside (self->file, kept_as, error))
    return FALSE;

  /* Saving starts afresh: nothing is on disk. */
  memset (&self->identity, 0, sizeof self->identity);
  set_base (self, NULL);
  set_problem (self, NULL);
  return TRUE;
}

/**
 * cx_scene_list_get_problem:
 *
 * Returns: (nullable): why the file failed to load, while it is kept
 */
const char *
cx_scene_list_get_problem (CxSceneList *self)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), NULL);

  return self->problem;
}

GFile *
cx_scene_list_get_file (CxSceneList *self)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), NULL);

  return self->file;
}

int
cx_scene_list_get_current (CxSceneList *self)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), -1);

  return self->current;
}

void
cx_scene_list_set_current (CxSceneList *self,
                           int          current)
{
  g_return_if_fail (CX_IS_SCENE_LIST (self));
  g_return_if_fail (current >= -1 && current < (int) g_list_model_get_n_items (G_LIST_MODEL (self->store)));

  if (self->current == current)
    return;

  self->current = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (current < 0)
    cx_scene_list_set_moved_on (self, FALSE);
}

gboolean
cx_scene_list_get_moved_on (CxSceneList *self)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  return self->moved_on;
}

void
cx_scene_list_set_moved_on (CxSceneList *self,
                            gboolean     moved_on)
{
  g_return_if_fail (CX_IS_SCENE_LIST (self));

  moved_on = moved_on && self->current >= 0;
  if (self->moved_on == moved_on)
    return;

  self->moved_on = moved_on;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVED_ON]);
}

/**
 * cx_scene_list_dup_current_scene:
 *
 * Returns: (transfer full) (nullable): the current scene
 */
CxScene *
cx_scene_list_dup_current_scene (CxSceneList *self)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), NULL);

  if (self->current < 0)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->store), (guint) self->current);
}

void
cx_scene_list_append (CxSceneList *self,
                      CxScene     *scene)
{
  g_return_if_fail (CX_IS_SCENE_LIST (self));
  g_return_if_fail (CX_IS_SCENE (scene));

  g_list_store_append (self->store, scene);
}

void
cx_scene_list_append_all (CxSceneList *self,
                          GListModel  *scenes)
{
  g_return_if_fail (CX_IS_SCENE_LIST (self));
  g_return_if_fail (G_IS_LIST_MODEL (scenes));

  splice_in (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0, scenes);
}

/**
 * cx_scene_list_add:
 * @scenes: scenes to append (CxScene)
 *
 * Appends @scenes, only if the list can then still be saved whole: a
 * scenes file that would break a limit of the reader (too many scenes, too
 * large, a title or note too long) would not load at the next start, so
 * the list is left as it is instead.
 *
 * Returns: %FALSE with %CX_SCENES_ERROR_LIMIT (which limit, what to do),
 *   and nothing appended, if they do not fit
 */
gboolean
cx_scene_list_add (CxSceneList  *self,
                   GListModel   *scenes,
                   GError      **error)
{
  g_autoptr(GListStore) candidate = NULL;
  guint n_old, n_new;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (scenes), FALSE);

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  n_new = g_list_model_get_n_items (scenes);
  if (!cx_scenes_check_count (n_old + n_new, error))
    return FALSE;

  candidate = g_list_store_new (CX_TYPE_SCENE);
  for (guint i = 0; i < n_old + n_new; i++)
    {
      g_autoptr(CxScene) scene = i < n_old ? g_list_model_get_item (G_LIST_MODEL (self->store), i)
                                           : g_list_model_get_item (scenes, i - n_old);
      g_list_store_append (candidate, scene);
    }
  if (!cx_scenes_check_fits (G_LIST_MODEL (candidate), error))
    return FALSE;

  cx_scene_list_append_all (self, scenes);
  return TRUE;
}

/**
 * cx_scene_list_move:
 * @step: -1 up, 1 down
 *
 * Returns: whether it moved (not past either end)
 */
gboolean
cx_scene_list_move (CxSceneList *self,
                    guint        index,
                    int          step)
{
  guint n;
  int target = (int) index + step;
  g_autoptr(CxScene) scene = NULL;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  if (index >= n || target < 0 || target >= (int) n)
    return FALSE;

  scene = g_list_model_get_item (G_LIST_MODEL (self->store), index);
  g_list_store_remove (self->store, index);
  g_list_store_insert (self->store, (guint) target, scene);

  if (self->current == (int) index)
    cx_scene_list_set_current (self, target);
  else if (self->current == target)
    cx_scene_list_set_current (self, (int) index);
  return TRUE;
}

gboolean
cx_scene_list_remove (CxSceneList *self,
                      guint        index)
{
  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return FALSE;

  /* current first: it must stay within the list at every notify */
  if (self->current == (int) index)
    cx_scene_list_set_current (self, -1);
  else if (self->current > (int) index)
    cx_scene_list_set_current (self, self->current - 1);
  g_list_store_remove (self->store, index);
  return TRUE;
}

/**
 * cx_scene_list_find:
 * @name: a title, or a number from 1
 *
 * Returns: whether there is such a scene
 */
gboolean
cx_scene_list_find (CxSceneList *self,
                    const char  *name,
                    guint       *position)
{
  CxScene *scene;

  g_return_val_if_fail (CX_IS_SCENE_LIST (self), FALSE);

  scene = cx_scenes_find (G_LIST_MODEL (self->store), name);
  return scene != NULL && g_list_store_find (self->store, scene, position);
}
