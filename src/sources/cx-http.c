/* cx-http.c: the redirect policy every download of the app shares
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Downloads are sent with SOUP_MESSAGE_NO_REDIRECT and follow redirects
 * here, so that tiles and pack updates stop at the same count
 * (CX_HTTP_MAX_REDIRECTS) and never leave http(s) or go from https down to
 * plain http.
 */

#define G_LOG_DOMAIN "cx-http"

#include "config.h"

#include "cx-http.h"
#include "cx-pack-error.h"

/* A 3xx answer that points elsewhere (304 Not Modified does not). */
gboolean
cx_http_is_redirect (SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);

  return SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED;
}

gboolean
cx_http_is_web_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

/**
 * cx_http_follow_redirect:
 * @msg: a message whose answer is a redirect (cx_http_is_redirect())
 * @current: the address @msg was sent to
 * @n_redirects: (inout): redirects followed so far for this request
 * @target: (out) (transfer full): with %CX_HTTP_REDIRECT_FOLLOW, where to go
 * @location: (out) (transfer full): the Location header, shortened for a
 *   message (cx_error_excerpt()); "" when there is none
 *
 * Returns: whether to follow, or why not
 */
CxHttpRedirect
cx_http_follow_redirect (SoupMessage  *msg,
                         GUri         *current,
                         guint        *n_redirects,
                         GUri        **target,
                         char        **location)
{
  const char *header = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_autoptr(GUri) next = NULL;

  *target = NULL;
  *location = cx_error_excerpt (header != NULL ? header : "");

  if (++*n_redirects > CX_HTTP_MAX_REDIRECTS)
    return CX_HTTP_REDIRECT_TOO_MANY;

  if (header != NULL)
    next = g_uri_parse_relative (current, header, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || !cx_http_is_web_uri (next))
    return CX_HTTP_REDIRECT_NOT_WEB;

  if (g_ascii_strcasecmp (g_uri_get_scheme (current), "https") == 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (next), "https") != 0)
    return CX_HTTP_REDIRECT_DOWNGRADE;

  *target = g_steal_pointer (&next);
  return CX_HTTP_REDIRECT_FOLLOW;
}
