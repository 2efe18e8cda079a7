/* cx-network-fetch.c: the network source's downloads
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-network-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-http.h"
#include "cx-network-source-private.h"
#include "cx-tile-url.h"

/* The network */

static void
release_slot (CxNetworkSource *self,
              TileRequest     *req)
{
  if (req->deadline != NULL)
    g_source_destroy (req->deadline);
  g_clear_pointer (&req->deadline, g_source_unref);
  g_clear_object (&req->body_stream);

  if (!req->holds_slot)
    return;

  req->holds_slot = FALSE;
  self->in_flight--;

  while (self->in_flight < MAX_IN_FLIGHT && !g_queue_is_empty (&self->pending))
    {
      GTask *next = g_queue_pop_head (&self->pending);
      TileRequest *next_req = g_task_get_task_data (next);

      next_req->queued = FALSE;
      cx_net_start_request (self, next);
    }
}

static void
on_transport_error (GTask  *task,
                    GError *error)
{
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  gboolean cancelled = !req->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Before the slot goes to the next request in the queue. */
  if (!cancelled)
    {
      cx_net_set_offline (self, TRUE);
      cx_net_note_failure (self, -1, BACKOFF_NETWORK_MAX_S);
    }
  release_slot (self, req);

  if (req->timed_out)
    {
      cx_net_complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TIMED_OUT,
                                                 _("The tile server did not answer within %u s"),
                                                 (self->timeout_ms + 999) / 1000));
    }
  else if (cancelled)
    {
      cx_net_complete_cancelled (task);
    }
  else
    {
      cx_net_complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_NETWORK,
                                                 _("Could not load a map tile: %s"), error->message));
    }
}

static void
on_download_checked (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = g_bytes_ref (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GError) error = NULL;
  TileMeta meta = { -1, NULL, NULL, FALSE };

  if (!cx_net_check_image_finish (result, &error))
    {
      cx_net_complete_with_fallback (task, g_steal_pointer (&error));
      return;
    }

  self->stats.downloads++;

  /* Worth keeping even if the tile has left the view meanwhile. */
  cx_net_tile_meta_from_response (&meta, soup_message_get_response_headers (req->msg));
  cx_net_store_tile (self, req, bytes, &meta);
  cx_net_tile_meta_clear (&meta);

  cx_net_complete_with_data (task, bytes);
}

static void read_body (GTask *task);

static void
on_body_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GBytes) body = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      on_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      if (req->body->len + g_bytes_get_size (chunk) > MAX_TILE_BYTES)
        {
          release_slot (self, req);
          cx_net_complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TOO_LARGE,
                                                     "Tile larger than %d bytes", MAX_TILE_BYTES));
          return;
        }

      g_byte_array_append (req->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_body (g_steal_pointer (&task));
      return;
    }

  cx_net_set_offline (self, FALSE);
  cx_net_note_server_ok (self);
  release_slot (self, req);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&req->body));
  cx_net_check_image_async (self, body, on_download_checked, g_steal_pointer (&task));
}

static void
read_body (GTask *task)
{
  TileRequest *req = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (req->body_stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->cancellable, on_body_read, task);
}

static gboolean
tile_meta_equal (const TileMeta *a,
                 const TileMeta *b)
{
  return a->max_age == b->max_age &&
         g_strcmp0 (a->etag, b->etag) == 0 &&
         g_strcmp0 (a->last_modified, b->last_modified) == 0;
}

static void
on_not_modified (GTask *task)
{
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  TileMeta meta = { -1, NULL, NULL, FALSE };

  self->stats.not_modified++;

  /* A 304 may update the stored headers; keep what it leaves out. */
  cx_net_tile_meta_from_response (&meta, soup_message_get_response_headers (req->msg));
  if (meta.max_age < 0)
    meta.max_age = req->cached_meta.max_age;
  if (meta.etag == NULL)
    meta.etag = g_strdup (req->cached_meta.etag);
  if (meta.last_modified == NULL)
    meta.last_modified = g_strdup (req->cached_meta.last_modified);

  if (tile_meta_equal (&meta, &req->cached_meta) || meta.no_store)
    {
      if (self->cache != NULL)
        shumate_file_cache_mark_up_to_date (self->cache, req->x, req->y, req->z);
    }
  else
    cx_net_store_tile (self, req, req->cached, &meta);
  cx_net_tile_meta_clear (&meta);

  cx_net_complete_with_data (task, req->cached);
}

static void send_message (CxNetworkSource *self,
                          GTask           *task);

/* A redirect is followed within the request's slot and deadline, as the
 * policy shared with pack updates allows (cx-http.c). Returns FALSE when
 * the request has been completed instead. */
static gboolean
follow_redirect (CxNetworkSource *self,
                 GTask           *task)
{
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GUri) target = NULL;
  g_autofree char *quoted = NULL;
  GError *error;

  switch (cx_http_follow_redirect (req->msg, req->uri, &req->n_redirects, &target, &quoted))
    {
    case CX_HTTP_REDIRECT_FOLLOW:
      g_uri_unref (req->uri);
      req->uri = g_steal_pointer (&target);
      return TRUE;
    case CX_HTTP_REDIRECT_TOO_MANY:
      error = g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP,
                           _("The tile server redirected more than %d times"), CX_HTTP_MAX_REDIRECTS);
      break;
    case CX_HTTP_REDIRECT_NOT_WEB:
      error = g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP,
                           _("The tile server redirected to “%s”, which is not an http or https address"), quoted);
      break;
    case CX_HTTP_REDIRECT_DOWNGRADE:
    default:
      error = g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP,
                           _("The tile server redirected from https to the unencrypted “%s”"), quoted);
      break;
    }

  release_slot (self, req);
  cx_net_complete_with_fallback (task, error);
  return FALSE;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CxNetworkSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  const char *phrase;
  guint status;
  goffset length;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      on_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (req->msg);

  if (cx_http_is_redirect (req->msg))
    {
      /* An answer: the network works, and the server is not overloaded. */
      cx_net_set_offline (self, FALSE);
      g_clear_object (&stream);
      if (follow_redirect (self, task))
        send_message (self, g_steal_pointer (&task));
      return;
    }

  if (status == SOUP_STATUS_OK)
    {
      length = soup_message_headers_get_content_length (soup_message_get_response_headers (req->msg));
      if (length > MAX_TILE_BYTES)
        {
          release_slot (self, req);
          cx_net_complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TOO_LARGE,
                                                     "Tile of %" G_GOFFSET_FORMAT " bytes is too large", length));
          return;
        }

      req->body_stream = g_steal_pointer (&stream);
      req->body = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK);
      read_body (g_steal_pointer (&task));
      return;
    }

  /* Any complete answer, even an error, means the network works (a 200
   * counts once its body has arrived). The back-off is decided before the
   * slot goes to the next request in the queue. */
  cx_net_set_offline (self, FALSE);
  if (status == 429 /* Too Many Requests */ || (status >= 500 && status <= 599))
    cx_net_note_failure (self, cx_net_parse_retry_after (soup_message_get_response_headers (req->msg)), BACKOFF_SERVER_MAX_S);
  else
    cx_net_note_server_ok (self);
  release_slot (self, req);

  if (status == SOUP_STATUS_NOT_MODIFIED && req->cached != NULL)
    {
      on_not_modified (task);
      return;
    }

  phrase = soup_message_get_reason_phrase (req->msg);
  cx_net_complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_HTTP,
                                             _("The tile server answered “%u %s”"), status,
                                             phrase != NULL ? phrase : ""));
}

static gboolean
on_deadline (gpointer user_data)
{
  TileRequest *req = user_data;

  /* Cancelling may complete the request, and free it, right away. */
  req->timed_out = TRUE;
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

static void
add_conditional_headers (TileRequest        *req,
                         SoupMessageHeaders *headers)
{
  if (req->cached_meta.etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", req->cached_meta.etag);

  if (req->cached_meta.last_modified != NULL)
    {
      soup_message_headers_replace (headers, "If-Modified-Since", req->cached_meta.last_modified);
    }
  else if (req->cached_meta.etag == NULL && req->cached_time != NULL)
    {
      /* No validator from the server: ask about changes since we got it. */
      g_autofree char *since = soup_date_time_to_string (req->cached_time, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "If-Modified-Since", since);
    }
}

/* Takes over the reference to @task. */
void
cx_net_start_request (CxNetworkSource *self,
               GTask           *task)
{
  TileRequest *req = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;

  /* Stopped while it waited for a slot, before its own cancellable heard. */
  if (g_cancellable_is_cancelled (req->cancellable) || self->stopped)
    {
      cx_net_complete_cancelled (task);
      g_object_unref (task);
      return;
    }

  if (cx_net_backing_off (self))
    {
      self->stats.backed_off++;
      cx_net_complete_with_fallback (task, cx_net_backing_off_error (self));
      g_object_unref (task);
      return;
    }

  url = cx_tile_url_expand (self->url_template, req->z, req->x, req->y);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      cx_net_complete_with_fallback (task, g_error_new (CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_FAILED,
                                                 "Invalid tile URL %s", url));
      g_object_unref (task);
      return;
    }

  req->uri = g_steal_pointer (&uri);
  req->holds_slot = TRUE;
  self->in_flight++;

  req->deadline = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (req->deadline, on_deadline, req, NULL);
  g_source_set_static_name (req->deadline, "[cx-network-source] deadline");
  g_source_attach (req->deadline, g_task_get_context (task));

  send_message (self, task);
}

/* Sends req->uri; redirects come back to on_sent() (libsoup would follow
 * 20 of them). Takes over the reference to @task. */
static void
send_message (CxNetworkSource *self,
              GTask           *task)
{
  TileRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&req->msg);
  req->msg = soup_message_new_from_uri (SOUP_METHOD_GET, req->uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "image/png,image/jpeg;q=0.9,image/*;q=0.5");
  if (req->cached != NULL)
    add_conditional_headers (req, headers);

  self->stats.requests++;
  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT, req->cancellable, on_sent, task);
}

void
cx_net_fetch_from_network (CxNetworkSource *self,
                    GTask           *task)
{
  TileRequest *req = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (req->cancellable) || self->stopped)
    {
      cx_net_complete_cancelled (task);
      return;
    }

  /* Fail fast rather than queue: the server asked for a pause. */
  if (cx_net_backing_off (self))
    {
      self->stats.backed_off++;
      cx_net_complete_with_fallback (task, cx_net_backing_off_error (self));
      return;
    }

  if (self->in_flight < MAX_IN_FLIGHT)
    {
      cx_net_start_request (self, g_object_ref (task));
      return;
    }

  req->queued = TRUE;
  g_queue_push_tail (&self->pending, g_object_ref (task));
}

