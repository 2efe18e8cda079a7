/* cx-http.h: the redirect policy every download of the app shares
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Redirects followed per request, by tiles and pack updates alike. libsoup
 * would follow 20 (21 requests for one tile of a looping server); a real
 * server needs one or two. */
#define CX_HTTP_MAX_REDIRECTS 5

typedef enum
{
  CX_HTTP_REDIRECT_FOLLOW,      /* *target is where to go next */
  CX_HTTP_REDIRECT_TOO_MANY,    /* more than CX_HTTP_MAX_REDIRECTS */
  CX_HTTP_REDIRECT_NOT_WEB,     /* no Location, or not an http(s) address */
  CX_HTTP_REDIRECT_DOWNGRADE,   /* from https to plain http */
} CxHttpRedirect;

gboolean        cx_http_is_redirect     (SoupMessage  *msg);
gboolean        cx_http_is_web_uri      (GUri         *uri);
CxHttpRedirect  cx_http_follow_redirect (SoupMessage  *msg,
                                         GUri         *current,
                                         guint        *n_redirects,
                                         GUri        **target,
                                         char        **location);

G_END_DECLS
