/* cx-import-file.c: importing a GeoJSON file, in a thread
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read in chunks (its share of the progress is READ_SHARE),
 * then cx_import_bytes_full() reads the document.
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "cx-import-helper.h"
#include "cx-import-private.h"
#include "cx-store-util.h"

/* Of the progress of a file import, the share that reading the file takes;
 * parsing takes the rest. */
#define READ_SHARE 0.1

/* A quarter of the physical memory, within these bounds: importing takes
 * the file's text and the layer (together at most about twice the file,
 * docs/geojson-conformance.md), and the map's copy of the layer about as
 * much again, on a laptop that is running other things. At most 4 GiB:
 * the layer's store keeps its texts at 32-bit offsets
 * (cx-feature-store.c), which a larger file's could overrun. */
#define MAX_FILE_SIZE_CEILING ((goffset) 4 * 1024 * 1024 * 1024)

/**
 * cx_import_get_max_file_size:
 *
 * The largest file imported on this machine: a quarter of its physical
 * memory, at least %CX_IMPORT_MIN_MAX_FILE_SIZE (512 MiB) and at most
 * 4 GiB. `CX_IMPORT_MAX_FILE_MB` sets it instead (tests, and a user who
 * knows better), within the same bounds.
 *
 * Returns: the size in bytes
 */
goffset
cx_import_get_max_file_size (void)
{
  static goffset limit;

  if (g_once_init_enter (&limit))
    {
      const char *mb = g_getenv ("CX_IMPORT_MAX_FILE_MB");
      long pages = sysconf (_SC_PHYS_PAGES), page_size = sysconf (_SC_PAGESIZE);
      goffset value = pages > 0 && page_size > 0 ? (goffset) pages * page_size / 4 : 0;

      if (mb != NULL && *mb != '\0')
        value = (goffset) g_ascii_strtoll (mb, NULL, 10) * 1024 * 1024;
      g_once_init_leave (&limit, CLAMP (value, CX_IMPORT_MIN_MAX_FILE_SIZE, MAX_FILE_SIZE_CEILING));
    }

  return limit;
}

/* Progress reaches the main thread at most this often. */
#define PROGRESS_INTERVAL_US (100 * 1000)

#define READ_CHUNK (1024 * 1024)

GBytes *
cx_import_read_file (GFile                *file,
                     const char           *display_name,
                     GCancellable         *cancellable,
                     CxImportProgressSink  progress,
                     gpointer              progress_data,
                     double                progress_to,
                     GError              **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize allocated, total = 0;
  goffset size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    goto failed;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: not a regular file"), display_name);
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (size > cx_import_get_max_file_size ())
    goto too_large;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    goto failed;

  /* Asked again of the opened file (fstat), which is what is read: the
   * name may have been pointed at something else in between. */
  g_clear_object (&info);
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                         cancellable, &local_error);
  if (info == NULL)
    goto failed;
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_TYPE) &&
      g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: not a regular file"), display_name);
      return NULL;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);
  if (size > cx_import_get_max_file_size ())
    goto too_large;

  allocated = (gsize) size + 1;
  buffer = g_malloc (allocated);

  for (;;)
    {
      gssize n;

      /* The file may have grown since its size was asked. */
      if (allocated - total < READ_CHUNK + 1)
        {
          allocated = MAX (allocated * 2, total + READ_CHUNK + 1);
          buffer = g_realloc (buffer, allocated);
        }

      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer + total, READ_CHUNK,
                               cancellable, &local_error);
      if (n < 0)
        goto failed;
      if (n == 0)
        break;

      total += (gsize) n;
      if (total > (gsize) cx_import_get_max_file_size ())
        {
          size = (goffset) total;
          goto too_large;
        }

      if (progress != NULL && size > 0)
        progress (progress_to * MIN (1.0, (double) total / (double) size), progress_data);
    }

  /* A NUL after the text costs nothing and keeps C string functions safe. */
  buffer[total] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buffer), total);

failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    {
      /* The cause, not GIO's "Error opening file /the/whole/path: …",
       * which a toast cuts off before it gets to the reason. */
      g_autofree char *cause = cx_store_describe_error (local_error);

      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: cannot be read: %s"), display_name, cause);
    }
  return NULL;

too_large:
  {
    g_autofree char *text = g_format_size_full ((guint64) size, G_FORMAT_SIZE_IEC_UNITS);
    g_autofree char *limit = g_format_size_full ((guint64) cx_import_get_max_file_size (), G_FORMAT_SIZE_IEC_UNITS);

    /* TRANSLATORS: the sizes are like "5.0 GiB"; the limit depends on the computer's memory */
    g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                 _("%s: the file is %s; a layer may be at most %s on this computer"),
                 display_name, text, limit);
    return NULL;
  }
}

/* Whether @file is for the import helper: by its name, or its first bytes
 * (a file saved without its extension). */
static gboolean
is_for_helper (GFile        *file,
               GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 head[64];
  gsize n = 0;

  if (cx_import_helper_handles (file, NULL, 0))
    return TRUE;

  stream = g_file_read (file, cancellable, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, cancellable, NULL))
    return FALSE;
  return cx_import_helper_handles (file, head, n);
}

static CxImportedLayer *
import_file (GFile                *file,
             const char           *display_name,
             const char           *crs,
             gboolean              gcj02,
             GCancellable         *cancellable,
             CxImportProgressSink  progress,
             gpointer              progress_data,
             GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *file_name = g_filename_display_name (basename);

  if (display_name == NULL)
    display_name = file_name;

  /* Every other format is read in the helper, which streams: the size
   * limit of the GeoJSON reader does not apply. */
  if (is_for_helper (file, cancellable))
    return cx_import_helper_import (file, display_name, crs, gcj02, cancellable,
                                    progress, progress_data, error);

  bytes = cx_import_read_file (file, display_name, cancellable, progress, progress_data, READ_SHARE, error);
  if (bytes == NULL)
    return NULL;

  return cx_import_bytes_full (bytes, display_name, file_name, gcj02, cancellable,
                               progress, progress_data, READ_SHARE, error);
}

/**
 * cx_import_file:
 * @file: a GeoJSON file, at most cx_import_get_max_file_size() bytes
 * @display_name: (nullable): how errors name the file; %NULL for its name
 * @gcj02: whether its positions are GCJ-02, to be converted to WGS84
 *
 * Imports synchronously, which can take seconds for a large file; the
 * window uses cx_import_file_async().
 *
 * Returns: (transfer full): the layer, or %NULL with @error set, as for
 *   cx_import_bytes()
 */
CxImportedLayer *
cx_import_file (GFile         *file,
                const char    *display_name,
                gboolean       gcj02,
                GCancellable  *cancellable,
                GError       **error)
{
  return cx_import_file_full (file, display_name, NULL, gcj02, cancellable, error);
}

/**
 * cx_import_file_full:
 * @crs: (nullable): the coordinate system of a file that names none, for
 *   the formats the import helper reads ("EPSG:4549"); NULL: the file's own
 *
 * As cx_import_file(), with a coordinate system.
 */
CxImportedLayer *
cx_import_file_full (GFile         *file,
                     const char    *display_name,
                     const char    *crs,
                     gboolean       gcj02,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return import_file (file, display_name, crs, gcj02, cancellable, NULL, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Importing in a thread                                               */
/* ------------------------------------------------------------------ */

/* Progress from a worker thread to the task's main context: the worker
 * reports as often as it likes; the main context hears the latest
 * fraction at most ten times a second, and never once the task has
 * completed or been cancelled, so the listener's data need only live
 * until the task's callback. Shared with the layer store's loading. */
struct _CxProgressRelay
{
  GTask                *task;        /* borrowed: the relay is its task data's */
  CxImportProgressFunc  func;
  gpointer              data;

  GMutex                lock;        /* guards the three below */
  double                fraction;
  gboolean              pending;
  gint64                last_sent;
};

typedef struct
{
  GTask           *task;             /* owned */
  CxProgressRelay *relay;
} RelayWake;

static void
relay_wake_free (gpointer data)
{
  RelayWake *wake = data;

  g_object_unref (wake->task);
  g_free (wake);
}

CxProgressRelay *
cx_progress_relay_new (GTask                *task,
                       CxImportProgressFunc  func,
                       gpointer              data)
{
  CxProgressRelay *relay = g_new0 (CxProgressRelay, 1);

  relay->task = task;
  relay->func = func;
  relay->data = data;
  g_mutex_init (&relay->lock);
  return relay;
}

void
cx_progress_relay_free (CxProgressRelay *relay)
{
  g_mutex_clear (&relay->lock);
  g_free (relay);
}

/* On the task's main context. */
static gboolean
relay_idle_cb (gpointer user_data)
{
  RelayWake *wake = user_data;
  CxProgressRelay *relay = wake->relay;
  double fraction;

  g_mutex_lock (&relay->lock);
  fraction = relay->fraction;
  relay->pending = FALSE;
  relay->last_sent = g_get_monotonic_time ();
  g_mutex_unlock (&relay->lock);

  if (!g_task_get_completed (wake->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (wake->task)))
    relay->func (fraction, relay->data);

  return G_SOURCE_REMOVE;
}

/* In the worker (a CxImportProgressSink, @user_data the relay): keeps the
 * latest fraction, and wakes the main context unless it was woken less
 * than PROGRESS_INTERVAL_US ago. */
void
cx_progress_relay_report (double   fraction,
                          gpointer user_data)
{
  CxProgressRelay *relay = user_data;
  gboolean wake = FALSE;

  if (relay == NULL || relay->func == NULL)
    return;

  g_mutex_lock (&relay->lock);
  relay->fraction = fraction;
  if (!relay->pending && g_get_monotonic_time () - relay->last_sent >= PROGRESS_INTERVAL_US)
    {
      relay->pending = TRUE;
      wake = TRUE;
    }
  g_mutex_unlock (&relay->lock);

  if (wake)
    {
      g_autoptr(GSource) source = g_idle_source_new ();
      RelayWake *data = g_new0 (RelayWake, 1);

      data->task = g_object_ref (relay->task);
      data->relay = relay;
      g_source_set_callback (source, relay_idle_cb, data, relay_wake_free);
      g_source_set_static_name (source, "[cx-import] progress");
      g_source_attach (source, g_task_get_context (relay->task));
    }
}

typedef struct
{
  GFile           *file;
  char            *crs;
  gboolean         gcj02;
  CxProgressRelay *relay;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->file);
  g_free (job->crs);
  g_clear_pointer (&job->relay, cx_progress_relay_free);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  CxImportedLayer *layer;

  layer = import_file (job->file, NULL, job->crs, job->gcj02, cancellable, cx_progress_relay_report, job->relay, &error);
  if (layer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, layer, g_object_unref);
}

/**
 * cx_import_file_async:
 * @file: a GeoJSON file, at most cx_import_get_max_file_size() bytes
 * @gcj02: whether its positions are GCJ-02, to be converted to WGS84
 * @progress: (nullable) (scope notified): called on the thread-default main
 *   context of the caller with the fraction done (0…1), at most ten times
 *   a second, never after @callback or once @cancellable is cancelled
 *
 * Reads and parses @file in a thread. Cancelling completes the task at
 * once with %G_IO_ERROR_CANCELLED; the thread stops at its next check,
 * which comes after at most 256 KiB of text or one feature.
 */
void
cx_import_file_async (GFile                *file,
                      gboolean              gcj02,
                      GCancellable         *cancellable,
                      CxImportProgressFunc  progress,
                      gpointer              progress_data,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  cx_import_file_async_full (file, gcj02, NULL, cancellable, progress, progress_data,
                             callback, user_data);
}

/**
 * cx_import_file_async_full:
 * @crs: (nullable): for a file the import helper reads, the coordinate
 *   system to read it in ("EPSG:4549"); %NULL for the file's own.
 *   GeoJSON ignores it (RFC 7946 is longitude and latitude)
 *
 * As cx_import_file_async(); finish with cx_import_file_finish().
 */
void
cx_import_file_async_full (GFile                *file,
                           gboolean              gcj02,
                           const char           *crs,
                           GCancellable         *cancellable,
                           CxImportProgressFunc  progress,
                           gpointer              progress_data,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->file = g_object_ref (file);
  job->crs = g_strdup (crs);
  job->gcj02 = gcj02;

  task = g_task_new (NULL, cancellable, callback, user_data);
  if (progress != NULL)
    job->relay = cx_progress_relay_new (task, progress, progress_data);
  g_task_set_source_tag (task, cx_import_file_async);
  g_task_set_name (task, "[cx-import] import");
  g_task_set_task_data (task, job, import_job_free);
  g_task_set_return_on_cancel (task, TRUE);

  /* GLib 2.74 leaks the error when a task that returns on cancel is
   * started already cancelled; no thread is needed for that anyway. */
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_run_in_thread (task, import_thread);
}

/**
 * cx_import_file_finish:
 *
 * Errors name the file by its base name (for a toast); the message says
 * where in the file the problem is.
 *
 * Returns: (transfer full): the layer, or %NULL with @error set
 */
CxImportedLayer *
cx_import_file_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cx_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

