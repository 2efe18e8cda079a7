/* cx-test-server.h: a SoupServer on 127.0.0.1 for the tests
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _CxTestServer CxTestServer;

/* A request, as the server saw it. */
typedef struct
{
  char   *path;
  char   *user_agent;
  char   *accept;
  char   *if_none_match;
  char   *if_modified_since;
  gint64  time;              /* monotonic µs */
} CxTestHit;

CxTestServer *cx_test_server_new          (SoupServerCallback  callback,
                                           gpointer            user_data);
const char   *cx_test_server_get_url      (CxTestServer       *self);
GPtrArray    *cx_test_server_get_hits     (CxTestServer       *self);
CxTestHit    *cx_test_server_last_hit     (CxTestServer       *self);
void          cx_test_server_finish_later (CxTestServer       *self,
                                           SoupServerMessage  *msg,
                                           GBytes             *rest,
                                           guint               delay_ms);
void          cx_test_server_free         (CxTestServer       *self);

void          cx_test_no_proxy            (void);

void          cx_test_reply_raw           (SoupServerMessage  *msg,
                                           const char         *head,
                                           gconstpointer       body,
                                           gsize               n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CxTestServer, cx_test_server_free)

G_END_DECLS
