/* cx-pack-updater.c: data pack updates over HTTP, and the packs kept on disk
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An update is one file: a pack with every section inline. It replaces the
 * data in use only once it has been downloaded whole, loaded by the same
 * strict loader as the embedded pack, and found newer; until then nothing
 * is written. Accepted packs are stored as packs/pack-VERSION.json, written
 * atomically, and the previous one is kept, so that a pack that later turns
 * out damaged on disk has a fallback. At start the newest pack that loads
 * wins; one that does not is moved aside, never deleted.
 *
 * Beside the packs, update-state.json remembers the ETag and Last-Modified
 * of the answer that gave the pack in use, for a conditional GET. They are
 * only sent while that very pack is in use, so that falling back to an
 * older pack makes the next check download the newer one again.
 */

#define G_LOG_DOMAIN "cx-pack-updater"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cx-json-scanner.h"
#include "cx-pack-store.h"
#include "cx-pack-updater.h"
#include "cx-http.h"
#include "cx-json-util.h"
#include "cx-store-util.h"

#define USER_AGENT "changning-explorer/" PACKAGE_VERSION " (+" PROJECT_URL ")"

#define STATE_FILE "update-state.json"
#define READ_CHUNK (64 * 1024)

struct _CxPackUpdater
{
  GObject parent_instance;

  /* Owned */
  SoupSession *session;
  char        *url;
  GFile       *packs_dir;
  CxDataPack  *pack;            /* accepted by the last check, if it updated */

  gint64       current_version;
  guint        timeout_ms;
  gboolean     busy;
};

G_DEFINE_FINAL_TYPE (CxPackUpdater, cx_pack_updater, G_TYPE_OBJECT)
G_DEFINE_QUARK (cx-pack-updater-error-quark, cx_pack_updater_error)

/* What update-state.json holds. */
typedef struct
{
  char   *url;
  char   *etag;
  char   *last_modified;
  gint64  version;
} State;

static void
state_clear (State *state)
{
  g_clear_pointer (&state->url, g_free);
  g_clear_pointer (&state->etag, g_free);
  g_clear_pointer (&state->last_modified, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (State, state_clear)

/* One check, from the request to the stored pack. */
typedef struct
{
  GUri         *uri;             /* after redirects */
  SoupMessage  *msg;
  GInputStream *body;
  GByteArray   *data;
  GCancellable *cancellable;     /* ours: cancelled by the caller's or the deadline */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GSource      *deadline;
  char         *display_name;
  char         *etag;            /* of the answer */
  char         *last_modified;

  goffset       content_length;
  guint         timeout_ms;
  guint         n_redirects;
  gboolean      conditional;
  gboolean      timed_out;
} Check;

/* The part of a check that runs in a thread: loading, comparing, storing. */
typedef struct
{
  /* In */
  GBytes             *bytes;
  GFile              *packs_dir;
  char               *display_name;
  char               *url;
  char               *etag;
  char               *last_modified;
  gint64              current_version;

  /* Out */
  CxDataPack         *pack;
  CxPackUpdateResult  result;
} Work;

/* ------------------------------------------------------------------ */
/* State file                                                          */
/* ------------------------------------------------------------------ */

/* A missing or damaged state file only costs a full download. */
static void
state_load (GFile *packs_dir,
            State *state)
{
  g_autoptr(GFile) file = g_file_get_child (packs_dir, STATE_FILE);
  g_autoptr(GBytes) bytes = cx_store_read_file (file, 64 * 1024, NULL, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *version;

  if (bytes == NULL)
    return;

  root = cx_json_parse_bytes (bytes, STATE_FILE, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return;

  state->version = json_node_get_int (version);
  state->url = g_strdup (cx_json_member_string (object, "url"));
  state->etag = g_strdup (cx_json_member_string (object, "etag"));
  state->last_modified = g_strdup (cx_json_member_string (object, "last_modified"));
}

static gboolean
state_save (GFile       *packs_dir,
            const char  *url,
            const char  *etag,
            const char  *last_modified,
            gint64       version,
            GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = g_file_get_child (packs_dir, STATE_FILE);
  g_autofree char *text = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  if (etag != NULL)
    {
      json_builder_set_member_name (builder, "etag");
      json_builder_add_string_value (builder, etag);
    }
  if (last_modified != NULL)
    {
      json_builder_set_member_name (builder, "last_modified");
      json_builder_add_string_value (builder, last_modified);
    }
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, version);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = cx_json_generator_to_data (generator, &length);

  return cx_store_write_atomic (file, text, length, 0666, error);
}

/* ------------------------------------------------------------------ */
/* Validating and storing, in a thread                                 */
/* ------------------------------------------------------------------ */

static void
work_free (gpointer data)
{
  Work *work = data;

  g_clear_pointer (&work->bytes, g_bytes_unref);
  g_clear_object (&work->packs_dir);
  g_clear_object (&work->pack);
  g_free (work->display_name);
  g_free (work->url);
  g_free (work->etag);
  g_free (work->last_modified);
  g_free (work);
}

static void
validate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(CxDataPack) pack = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize length;
  gint64 version;

  pack = cx_data_pack_load_from_bytes (work->bytes, NULL, work->display_name, cancellable, &error);
  if (pack == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_INVALID,
                                 _("The update is not a valid data pack: %s"), error->message);
      return;
    }

  version = cx_data_pack_get_version (pack);
  if (version < work->current_version)
    {
      g_task_return_new_error (task, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_OLDER,
                               _("The update is version %lld, older than the data in use (%lld)"),
                               (long long) version, (long long) work->current_version);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!cx_store_ensure_dir (work->packs_dir, &error))
    goto store_failed;

  if (version == work->current_version)
    {
      /* Same data: only remember the validators, for a 304 next time. */
      if (!state_save (work->packs_dir, work->url, work->etag, work->last_modified, version, &error))
        g_warning ("Could not remember the update's ETag: %s", error->message);
      work->result = CX_PACK_UPDATE_UP_TO_DATE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  file = cx_pack_store_get_file (work->packs_dir, version);
  data = g_bytes_get_data (work->bytes, &length);
  if (!cx_store_write_atomic (file, data, length, 0666, &error))
    goto store_failed;

  if (!state_save (work->packs_dir, work->url, work->etag, work->last_modified, version, &error))
    {
      g_warning ("Could not remember the update's ETag: %s", error->message);
      g_clear_error (&error);
    }

  cx_pack_store_prune (work->packs_dir);

  work->pack = g_steal_pointer (&pack);
  work->result = CX_PACK_UPDATE_UPDATED;
  g_task_return_boolean (task, TRUE);
  return;

store_failed:
  g_task_return_new_error (task, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_STORE,
                           _("The update could not be stored: %s"), error->message);
}

/* ------------------------------------------------------------------ */
/* The check                                                           */
/* ------------------------------------------------------------------ */

static void
check_stop (Check *check)
{
  if (check->deadline != NULL)
    {
      g_source_destroy (check->deadline);
      g_clear_pointer (&check->deadline, g_source_unref);
    }
  if (check->caller_handler != 0)
    {
      g_cancellable_disconnect (check->caller_cancellable, check->caller_handler);
      check->caller_handler = 0;
    }
}

static void
check_free (gpointer data)
{
  Check *check = data;

  check_stop (check);
  g_clear_pointer (&check->uri, g_uri_unref);
  g_clear_object (&check->msg);
  g_clear_object (&check->body);
  g_clear_pointer (&check->data, g_byte_array_unref);
  g_clear_object (&check->cancellable);
  g_clear_object (&check->caller_cancellable);
  g_free (check->display_name);
  g_free (check->etag);
  g_free (check->last_modified);
  g_free (check);
}

static void
check_return_error (GTask  *task,
                    GError *error)
{
  CxPackUpdater *self = g_task_get_source_object (task);

  check_stop (g_task_get_task_data (task));
  self->busy = FALSE;
  g_task_return_error (task, error);
}

/* Why a transfer stopped: the deadline, the caller, or the network. */
static GError *
transfer_error (Check              *check,
                const GError       *error,
                CxPackUpdaterError  code,
                const char         *what)
{
  if (check->timed_out)
    return g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_TIMED_OUT,
                        _("The update server did not answer within %u seconds"),
                        (check->timeout_ms + 999) / 1000);

  if (g_cancellable_is_cancelled (check->caller_cancellable))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check for data updates was cancelled"));

  return g_error_new (CX_PACK_UPDATER_ERROR, code, "%s: %s", what, error->message);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Check *check = user_data;

  check->timed_out = TRUE;
  g_clear_pointer (&check->deadline, g_source_unref);
  g_cancellable_cancel (check->cancellable);

  return G_SOURCE_REMOVE;
}

/* May run in any thread, whichever cancelled. */
static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void send_request (GTask *task);

static void
validated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxPackUpdater *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        check_return_error (task, transfer_error (check, error, CX_PACK_UPDATER_ERROR_INVALID,
                                                  _("The update could not be checked")));
      else
        check_return_error (task, g_steal_pointer (&error));
      return;
    }

  check_stop (check);
  self->busy = FALSE;

  if (work->result == CX_PACK_UPDATE_UPDATED)
    {
      g_set_object (&self->pack, work->pack);
      self->current_version = cx_data_pack_get_version (work->pack);
    }

  g_task_return_int (task, work->result);
}

static void
start_validation (GTask *task)
{
  CxPackUpdater *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  g_autoptr(GTask) inner = NULL;
  Work *work = g_new0 (Work, 1);
  guint length = check->data->len;

  work->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&check->data));
  work->packs_dir = g_object_ref (self->packs_dir);
  work->display_name = g_strdup (check->display_name);
  work->url = g_strdup (self->url);
  work->etag = g_strdup (check->etag);
  work->last_modified = g_strdup (check->last_modified);
  work->current_version = self->current_version;

  g_debug ("Downloaded %u bytes; validating", length);

  inner = g_task_new (self, check->cancellable, validated_cb, g_object_ref (task));
  g_task_set_source_tag (inner, start_validation);
  g_task_set_name (inner, "[cx-pack-updater] validate");
  g_task_set_task_data (inner, work, work_free);
  /* Once the pack is written, say so even if cancelled meanwhile. */
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, validate_thread);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize size;
  gconstpointer data;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      check_return_error (task, transfer_error (check, error, CX_PACK_UPDATER_ERROR_INCOMPLETE,
                                                _("The download of the update broke off")));
      return;
    }

  data = g_bytes_get_data (chunk, &size);
  if (size == 0)
    {
      if (check->content_length >= 0 && (goffset) check->data->len != check->content_length)
        {
          check_return_error (task, g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_INCOMPLETE,
                                                 _("The download of the update broke off after %u of %lld bytes"),
                                                 check->data->len, (long long) check->content_length));
          return;
        }
      start_validation (task);
      return;
    }

  /* Counted as it comes: a missing or false Content-Length, or a
   * compressed body, must not get past the cap. */
  if (check->data->len + size > CX_PACK_UPDATER_MAX_SIZE)
    {
      check_return_error (task, g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_TOO_LARGE,
                                             _("The update is larger than %d MB, more than a data pack may be"),
                                             CX_PACK_UPDATER_MAX_SIZE / (1024 * 1024)));
      return;
    }

  g_byte_array_append (check->data, data, (guint) size);
  g_input_stream_read_bytes_async (check->body, READ_CHUNK, G_PRIORITY_DEFAULT, check->cancellable,
                                   read_cb, g_steal_pointer (&task));
}

/* Where the redirect policy (cx-http.c) allows. */
static gboolean
follow_redirect (GTask *task)
{
  Check *check = g_task_get_task_data (task);
  g_autoptr(GUri) target = NULL;
  g_autofree char *quoted = NULL;

  switch (cx_http_follow_redirect (check->msg, check->uri, &check->n_redirects, &target, &quoted))
    {
    case CX_HTTP_REDIRECT_FOLLOW:
      break;
    case CX_HTTP_REDIRECT_TOO_MANY:
      check_return_error (task, g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_HTTP,
                                             _("The update server redirected more than %d times"), CX_HTTP_MAX_REDIRECTS));
      return FALSE;
    case CX_HTTP_REDIRECT_NOT_WEB:
      check_return_error (task, g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_URL,
                                             _("The update server redirected to “%s”, which is not an http or https address"),
                                             quoted));
      return FALSE;
    case CX_HTTP_REDIRECT_DOWNGRADE:
    default:
      check_return_error (task, g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_URL,
                                             _("The update server redirected from https to the unencrypted “%s”"),
                                             quoted));
      return FALSE;
    }

  g_uri_unref (check->uri);
  check->uri = g_steal_pointer (&target);
  return TRUE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  SoupMessageHeaders *headers;
  const char *phrase;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      check_return_error (task, transfer_error (check, error, CX_PACK_UPDATER_ERROR_NETWORK,
                                                _("The update server could not be reached")));
      return;
    }

  status = soup_message_get_status (check->msg);
  headers = soup_message_get_response_headers (check->msg);

  if (status == SOUP_STATUS_NOT_MODIFIED && check->conditional)
    {
      CxPackUpdater *self = g_task_get_source_object (task);

      check_stop (check);
      self->busy = FALSE;
      g_task_return_int (task, CX_PACK_UPDATE_NOT_MODIFIED);
      return;
    }

  if (cx_http_is_redirect (check->msg))
    {
      if (follow_redirect (task))
        send_request (g_steal_pointer (&task));
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      phrase = soup_message_get_reason_phrase (check->msg);
      check_return_error (task, g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_HTTP,
                                             _("The update server answered “%u %s”"),
                                             status, phrase != NULL ? phrase : ""));
      return;
    }

  check->content_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    check->content_length = soup_message_headers_get_content_length (headers);

  if (check->content_length > CX_PACK_UPDATER_MAX_SIZE)
    {
      check_return_error (task, g_error_new (CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_TOO_LARGE,
                                             _("The update is larger than %d MB, more than a data pack may be"),
                                             CX_PACK_UPDATER_MAX_SIZE / (1024 * 1024)));
      return;
    }

  check->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  check->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  check->data = g_byte_array_sized_new (check->content_length > 0 ? (guint) check->content_length : READ_CHUNK);
  check->body = g_steal_pointer (&stream);

  g_input_stream_read_bytes_async (check->body, READ_CHUNK, G_PRIORITY_DEFAULT, check->cancellable,
                                   read_cb, g_steal_pointer (&task));
}

/* Takes @task. */
static void
send_request (GTask *task)
{
  CxPackUpdater *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_auto(State) state = { 0, };

  g_clear_object (&check->msg);
  check->msg = soup_message_new_from_uri (SOUP_METHOD_GET, check->uri);
  soup_message_add_flags (check->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (check->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");

  /* Validators only while the pack they came with is the one in use. */
  state_load (self->packs_dir, &state);
  check->conditional = FALSE;
  if (g_strcmp0 (state.url, self->url) == 0 && state.version == self->current_version &&
      (state.etag != NULL || state.last_modified != NULL))
    {
      if (state.etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", state.etag);
      if (state.last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", state.last_modified);
      check->conditional = TRUE;
    }

  soup_session_send_async (self->session, check->msg, G_PRIORITY_DEFAULT, check->cancellable,
                           sent_cb, task);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cx_pack_updater_finalize (GObject *object)
{
  CxPackUpdater *self = CX_PACK_UPDATER (object);

  g_clear_object (&self->session);
  g_clear_object (&self->packs_dir);
  g_clear_object (&self->pack);
  g_free (self->url);

  G_OBJECT_CLASS (cx_pack_updater_parent_class)->finalize (object);
}

static void
cx_pack_updater_class_init (CxPackUpdaterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cx_pack_updater_finalize;
}

static void
cx_pack_updater_init (CxPackUpdater *self)
{
  self->timeout_ms = CX_PACK_UPDATER_DEFAULT_TIMEOUT_MS;
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", (self->timeout_ms + 999) / 1000,
                                                 NULL);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * cx_pack_updater_new:
 * @url: where the update is published: an http or https URL of a
 *   single-file pack (checked when a check starts)
 * @packs_dir: where accepted packs are stored, see
 *   cx_pack_store_get_default_dir()
 * @current_version: the version of the pack in use; only a newer one is
 *   accepted
 *
 * Returns: (transfer full): a new updater
 */
CxPackUpdater *
cx_pack_updater_new (const char *url,
                     GFile      *packs_dir,
                     gint64      current_version)
{
  CxPackUpdater *self;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (packs_dir), NULL);

  self = g_object_new (CX_TYPE_PACK_UPDATER, NULL);
  self->url = g_strdup (url);
  self->packs_dir = g_object_ref (packs_dir);
  self->current_version = current_version;

  return self;
}

const char *
cx_pack_updater_get_url (CxPackUpdater *self)
{
  g_return_val_if_fail (CX_IS_PACK_UPDATER (self), NULL);
  return self->url;
}

/**
 * cx_pack_updater_get_current_version:
 *
 * Returns: the version given at creation, or that of the last pack a check
 *   accepted
 */
gint64
cx_pack_updater_get_current_version (CxPackUpdater *self)
{
  g_return_val_if_fail (CX_IS_PACK_UPDATER (self), 0);
  return self->current_version;
}

guint
cx_pack_updater_get_timeout (CxPackUpdater *self)
{
  g_return_val_if_fail (CX_IS_PACK_UPDATER (self), 0);
  return self->timeout_ms;
}

/**
 * cx_pack_updater_set_timeout:
 * @timeout_ms: the most a whole check may take, in milliseconds
 *
 * Applies to the checks started afterwards.
 */
void
cx_pack_updater_set_timeout (CxPackUpdater *self,
                             guint          timeout_ms)
{
  g_return_if_fail (CX_IS_PACK_UPDATER (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
  g_object_set (self->session, "timeout", (timeout_ms + 999) / 1000, NULL);
}

/**
 * cx_pack_updater_check_async:
 *
 * Asks the server for the pack, with the ETag and Last-Modified of the
 * answer that gave the pack in use. A new pack is downloaded (at most
 * %CX_PACK_UPDATER_MAX_SIZE), loaded and compared before anything is
 * written; the network part runs on the caller's main context, loading and
 * writing in a thread, so nothing blocks. One check at a time.
 */
void
cx_pack_updater_check_async (CxPackUpdater       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path_name = NULL;
  Check *check;

  g_return_if_fail (CX_IS_PACK_UPDATER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cx_pack_updater_check_async);
  g_task_set_name (task, "[cx-pack-updater] check");

  if (self->busy)
    {
      g_task_return_new_error (task, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_BUSY,
                               _("A check for data updates is already running"));
      return;
    }

  uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || !cx_http_is_web_uri (uri))
    {
      g_autofree char *quoted = cx_error_excerpt (self->url);

      g_task_return_new_error (task, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_URL,
                               _("The data update address “%s” is not an http or https URL"), quoted);
      return;
    }

  check = g_new0 (Check, 1);
  check->uri = g_steal_pointer (&uri);
  check->timeout_ms = self->timeout_ms;
  check->cancellable = g_cancellable_new ();
  path_name = g_path_get_basename (g_uri_get_path (check->uri));
  check->display_name = g_str_equal (path_name, "/") || g_str_equal (path_name, ".") ?
                        g_strdup ("pack.json") : g_steal_pointer (&path_name);
  g_task_set_task_data (task, check, check_free);

  if (cancellable != NULL)
    {
      check->caller_cancellable = g_object_ref (cancellable);
      check->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                     g_object_ref (check->cancellable), g_object_unref);
    }

  check->deadline = g_timeout_source_new (check->timeout_ms);
  g_source_set_callback (check->deadline, deadline_cb, check, NULL);
  g_source_set_static_name (check->deadline, "[cx-pack-updater] deadline");
  g_source_attach (check->deadline, g_task_get_context (task));

  self->busy = TRUE;
  send_request (g_steal_pointer (&task));
}

/**
 * cx_pack_updater_check_finish:
 * @update_result: (out) (optional): what the check found
 *
 * After %CX_PACK_UPDATE_UPDATED, cx_pack_updater_get_pack() is the new pack.
 *
 * Returns: %TRUE when the check worked; %FALSE with @error set, in
 *   %CX_PACK_UPDATER_ERROR (or %G_IO_ERROR_CANCELLED), with a message for
 *   the user. The data in use and the stored packs are then unchanged.
 */
gboolean
cx_pack_updater_check_finish (CxPackUpdater       *self,
                              GAsyncResult        *result,
                              CxPackUpdateResult  *update_result,
                              GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (CX_IS_PACK_UPDATER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cx_pack_updater_check_async, FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (update_result != NULL)
    *update_result = (CxPackUpdateResult) value;
  return TRUE;
}

/**
 * cx_pack_updater_get_pack:
 *
 * Returns: (transfer none) (nullable): the pack the last successful update
 *   stored, already loaded, or %NULL
 */
CxDataPack *
cx_pack_updater_get_pack (CxPackUpdater *self)
{
  g_return_val_if_fail (CX_IS_PACK_UPDATER (self), NULL);
  return self->pack;
}

/**
 * cx_pack_updater_due:
 * @last_check_unix: when the last check at start was, in Unix seconds (0
 *   for never), e.g. the pack-last-check setting
 * @now_unix: the time now
 *
 * Checks at start happen at most once a day. A last check in the future
 * (the clock was set back) makes one due, rather than none for a long time.
 *
 * Returns: whether a check at start is due
 */
gboolean
cx_pack_updater_due (gint64 last_check_unix,
                     gint64 now_unix)
{
  if (last_check_unix <= 0 || now_unix < last_check_unix)
    return TRUE;

  return now_unix - last_check_unix >= CX_PACK_UPDATER_INTERVAL_S;
}
