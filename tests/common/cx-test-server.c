/* cx-test-server.c: a SoupServer on 127.0.0.1 for the tests
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request of the net and ui tests goes to one of these; nothing else
 * is contacted, and a request from anywhere but 127.0.0.1 fails the test.
 */

#include "config.h"

#include <string.h>

#include "cx-test-server.h"
#include "cx-test-wait.h"

struct _CxTestServer
{
  SoupServer         *server;
  char               *url;
  SoupServerCallback  callback;
  gpointer            user_data;
  GPtrArray          *hits;      /* CxTestHit*, oldest first */
  GPtrArray          *stalled;   /* StalledReply* */
};

/* An answer whose body ends only after a delay. */
typedef struct
{
  SoupServerMessage *msg;
  GBytes            *rest;
  GSource           *timer;
} StalledReply;

static void
hit_free (gpointer data)
{
  CxTestHit *hit = data;

  g_free (hit->path);
  g_free (hit->user_agent);
  g_free (hit->accept);
  g_free (hit->if_none_match);
  g_free (hit->if_modified_since);
  g_free (hit);
}

static void
stalled_reply_free (gpointer data)
{
  StalledReply *reply = data;

  if (reply->timer != NULL)
    {
      g_source_destroy (reply->timer);
      g_source_unref (reply->timer);
    }
  if (reply->msg != NULL)
    g_signal_handlers_disconnect_by_data (reply->msg, reply);
  g_clear_object (&reply->msg);
  g_clear_pointer (&reply->rest, g_bytes_unref);
  g_free (reply);
}

/* The client gave up: the message is done for, nothing more to send. */
static void
stalled_reply_gone_cb (SoupServerMessage *msg,
                       StalledReply      *reply)
{
  if (reply->timer != NULL)
    {
      g_source_destroy (reply->timer);
      g_clear_pointer (&reply->timer, g_source_unref);
    }
  g_signal_handlers_disconnect_by_data (msg, reply);
  g_clear_object (&reply->msg);
}

static gboolean
stalled_reply_finish_cb (gpointer data)
{
  StalledReply *reply = data;
  SoupMessageBody *body = soup_server_message_get_response_body (reply->msg);

  soup_message_body_append_bytes (body, reply->rest);
  soup_message_body_complete (body);
  soup_server_message_unpause (reply->msg);

  g_clear_pointer (&reply->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  CxTestServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  CxTestHit *hit = g_new0 (CxTestHit, 1);

  /* Only loopback clients: a test must never be anything else. */
  g_assert_cmpstr (soup_server_message_get_remote_host (msg), ==, "127.0.0.1");

  hit->path = g_strdup (path);
  hit->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  hit->accept = g_strdup (soup_message_headers_get_one (request, "Accept"));
  hit->if_none_match = g_strdup (soup_message_headers_get_one (request, "If-None-Match"));
  hit->if_modified_since = g_strdup (soup_message_headers_get_one (request, "If-Modified-Since"));
  hit->time = g_get_monotonic_time ();
  g_ptr_array_add (self->hits, hit);

  self->callback (server, msg, path, query, self->user_data);
}

/**
 * cx_test_server_new:
 * @callback: answers every request
 *
 * A server listening on an IPv4 loopback port of its own.
 */
CxTestServer *
cx_test_server_new (SoupServerCallback callback,
                    gpointer           user_data)
{
  CxTestServer *self = g_new0 (CxTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSList *listeners;

  self->callback = callback;
  self->user_data = user_data;
  self->hits = g_ptr_array_new_with_free_func (hit_free);
  self->stalled = g_ptr_array_new_with_free_func (stalled_reply_free);
  self->server = soup_server_new ("server-header", "cx-test-server", NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);

  /* soup_server_listen_local() would also take ::1; IPv4 loopback only. */
  g_assert_true (soup_server_listen (self->server, address, 0, &error));
  g_assert_no_error (error);

  /* The port from the listening socket: soup_server_get_uris() leaks in
   * libsoup 3.2, which valgrind would blame on the test. */
  listeners = soup_server_get_listeners (self->server);
  g_assert_cmpuint (g_slist_length (listeners), ==, 1);
  bound = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  g_slist_free (listeners);

  self->url = g_strdup_printf ("http://127.0.0.1:%u/",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return self;
}

/* "http://127.0.0.1:PORT/", with the slash. */
const char *
cx_test_server_get_url (CxTestServer *self)
{
  return self->url;
}

/* Every request so far (CxTestHit*), oldest first; the test may empty it. */
GPtrArray *
cx_test_server_get_hits (CxTestServer *self)
{
  return self->hits;
}

/* The latest request; the handler's own, while it runs. */
CxTestHit *
cx_test_server_last_hit (CxTestServer *self)
{
  g_assert_cmpuint (self->hits->len, >, 0);
  return g_ptr_array_index (self->hits, self->hits->len - 1);
}

/**
 * cx_test_server_finish_later:
 * @msg: an answer whose status, headers and first part of the body are set
 * @rest: the body's last part
 *
 * Sends @rest and ends the body after @delay_ms, unless the client gave
 * up first: a server that stalls mid-answer.
 */
void
cx_test_server_finish_later (CxTestServer      *self,
                             SoupServerMessage *msg,
                             GBytes            *rest,
                             guint              delay_ms)
{
  StalledReply *reply = g_new0 (StalledReply, 1);

  reply->msg = g_object_ref (msg);
  reply->rest = g_bytes_ref (rest);
  reply->timer = g_timeout_source_new (delay_ms);
  g_source_set_callback (reply->timer, stalled_reply_finish_cb, reply, NULL);
  g_source_attach (reply->timer, NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (stalled_reply_gone_cb), reply);
  g_signal_connect (msg, "disconnected", G_CALLBACK (stalled_reply_gone_cb), reply);
  g_ptr_array_add (self->stalled, reply);
}

void
cx_test_server_free (CxTestServer *self)
{
  g_clear_pointer (&self->stalled, g_ptr_array_unref);

  /* Let the server see the clients' connections close, then let its own
   * connections wind down before the next test. */
  cx_test_drain ();
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  cx_test_drain ();

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_free (self->url);
  g_free (self);
}

/**
 * cx_test_no_proxy:
 *
 * No proxy that could send loopback traffic elsewhere. Call before
 * anything asks for one.
 */
void
cx_test_no_proxy (void)
{
  static const char * const variables[] = {
    "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    g_unsetenv (variables[i]);
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
}

/**
 * cx_test_reply_raw:
 *
 * Writes @head and @n bytes of @body on the raw connection, then closes
 * it: what a server that dies mid-answer looks like.
 */
void
cx_test_reply_raw (SoupServerMessage *msg,
                   const char        *head,
                   gconstpointer      body,
                   gsize              n)
{
  g_autoptr(GIOStream) io = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (io);

  g_assert_true (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL));
  g_assert_true (g_output_stream_write_all (out, body, n, NULL, NULL, NULL));
  g_io_stream_close (io, NULL, NULL);
}
