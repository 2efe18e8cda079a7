/* cx-network-tile.c: what is known of a tile: its freshness, and whether it is an image
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-network-source"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cx-network-source-private.h"

void
cx_net_tile_meta_clear (TileMeta *meta)
{
  g_clear_pointer (&meta->etag, g_free);
  g_clear_pointer (&meta->last_modified, g_free);
  meta->max_age = -1;
  meta->no_store = FALSE;
}

void
cx_net_tile_request_free (gpointer data)
{
  TileRequest *req = data;

  g_assert (!req->queued && !req->holds_slot);

  if (req->tile_cancelled != NULL)
    g_source_destroy (req->tile_cancelled);
  g_clear_pointer (&req->tile_cancelled, g_source_unref);
  if (req->source_stopped != NULL)
    g_source_destroy (req->source_stopped);
  g_clear_pointer (&req->source_stopped, g_source_unref);
  if (req->deadline != NULL)
    g_source_destroy (req->deadline);
  g_clear_pointer (&req->deadline, g_source_unref);
  g_clear_object (&req->cancellable);
  g_clear_pointer (&req->cached, g_bytes_unref);
  g_clear_pointer (&req->cached_time, g_date_time_unref);
  cx_net_tile_meta_clear (&req->cached_meta);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_object (&req->msg);
  g_clear_object (&req->body_stream);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_free (req);
}

char *
cx_net_tile_meta_serialize (const TileMeta *meta)
{
  return g_strdup_printf (META_MAGIC "\n%" G_GINT64_FORMAT "\n%s\n%s",
                          meta->max_age,
                          meta->last_modified ? meta->last_modified : "",
                          meta->etag ? meta->etag : "");
}

/* Anything not written by cx_net_tile_meta_serialize() is taken as a bare ETag. */
void
cx_net_tile_meta_parse (const char *stored,
                 TileMeta   *meta)
{
  g_auto(GStrv) fields = NULL;

  cx_net_tile_meta_clear (meta);
  if (stored == NULL || *stored == '\0')
    return;

  if (!g_str_has_prefix (stored, META_MAGIC "\n"))
    {
      meta->etag = g_strdup (stored);
      return;
    }

  fields = g_strsplit (stored, "\n", 4);
  if (g_strv_length (fields) != 4)
    return;

  if (!g_ascii_string_to_signed (fields[1], 10, -1, MAX_AGE_LIMIT, &meta->max_age, NULL))
    meta->max_age = -1;
  if (*fields[2] != '\0')
    meta->last_modified = g_strdup (fields[2]);
  if (*fields[3] != '\0')
    meta->etag = g_strdup (fields[3]);
}

gboolean
cx_net_parse_seconds (const char *text,
               gint64      max,
               gint64     *out)
{
  guint64 value;

  if (text == NULL)
    return FALSE;

  /* Allow a quoted value, which some servers send. */
  if (*text == '"')
    {
      g_autofree char *unquoted = g_strndup (text + 1, strcspn (text + 1, "\""));

      return cx_net_parse_seconds (unquoted, max, out);
    }

  if (!g_ascii_isdigit (*text))
    return FALSE;

  /* Overlong numbers are huge, not invalid: clamp them. */
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    value = G_MAXUINT64;

  *out = (gint64) MIN (value, (guint64) max);
  return TRUE;
}

gint64
cx_net_seconds_until (GDateTime *when,
               GDateTime *now)
{
  return g_date_time_difference (when, now) / G_USEC_PER_SEC;
}

/* Freshness per RFC 9111, enough of it for tiles: no-store, no-cache,
 * max-age, else Expires − Date, minus Age. */
void
cx_net_tile_meta_from_response (TileMeta           *meta,
                         SoupMessageHeaders *headers)
{
  const char *cache_control = soup_message_headers_get_list (headers, "Cache-Control");
  const char *value;
  gint64 age;

  cx_net_tile_meta_clear (meta);

  if (cache_control != NULL)
    {
      GHashTable *params = soup_header_parse_param_list (cache_control);

      if (g_hash_table_contains (params, "no-store"))
        meta->no_store = TRUE;
      if (g_hash_table_contains (params, "no-cache"))
        meta->max_age = 0;
      else if (!cx_net_parse_seconds (g_hash_table_lookup (params, "max-age"), MAX_AGE_LIMIT, &meta->max_age))
        meta->max_age = -1;

      soup_header_free_param_list (params);
    }

  if (meta->max_age < 0 && (value = soup_message_headers_get_one (headers, "Expires")) != NULL)
    {
      g_autoptr(GDateTime) expires = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) date = NULL;

      if ((value = soup_message_headers_get_one (headers, "Date")) != NULL)
        date = soup_date_time_new_from_http_string (value);

      /* An Expires that does not parse means "already expired". */
      if (expires == NULL)
        meta->max_age = 0;
      else
        meta->max_age = CLAMP (cx_net_seconds_until (expires, date ? date : now), 0, MAX_AGE_LIMIT);
    }

  if (meta->max_age > 0 && cx_net_parse_seconds (soup_message_headers_get_one (headers, "Age"), MAX_AGE_LIMIT, &age))
    meta->max_age = MAX (0, meta->max_age - age);

  meta->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  meta->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
}

/* Image checks */

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
static const guint8 png_iend[8] = { 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };

static guint
read_be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* The size from the first SOF segment, without decoding anything. */
static gboolean
jpeg_dimensions (const guint8 *d,
                 gsize         n,
                 guint        *width,
                 guint        *height)
{
  gsize i = 2;

  while (i + 4 <= n)
    {
      guint8 marker;
      guint len;

      if (d[i] != 0xff)
        return FALSE;
      while (i < n && d[i] == 0xff)
        i++;
      if (i >= n)
        return FALSE;

      marker = d[i++];
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8))
        continue;                       /* no length */
      if (marker == 0xd9 || marker == 0xda)
        return FALSE;                   /* image data before any frame header */
      if (i + 2 > n)
        return FALSE;

      len = read_be16 (d + i);
      if (len < 2)
        return FALSE;

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (len < 8 || i + 7 > n)
            return FALSE;
          *height = read_be16 (d + i + 3);
          *width = read_be16 (d + i + 5);
          return TRUE;
        }

      i += len;
    }

  return FALSE;
}

static gboolean
jpeg_has_end (const guint8 *d,
              gsize         n)
{
  /* EOI, allowing a little padding after it. */
  for (gsize i = n >= 18 ? n - 18 : 0; i + 1 < n; i++)
    if (d[i] == 0xff && d[i + 1] == 0xd9)
      return TRUE;

  return FALSE;
}

/* Whether @bytes is a complete PNG or JPEG of a sane size that gdk-pixbuf
 * decodes, exactly as ShumateRasterRenderer will (gdk_pixbuf_new_from_stream).
 * The structural checks come first: a truncated image can decode "fine" with
 * a grey bottom, and a tiny file can declare a gigapixel image. */
static gboolean
tile_bytes_check_image (GBytes  *bytes,
                        GError **error)
{
  gsize n;
  const guint8 *d = g_bytes_get_data (bytes, &n);
  guint width = 0, height = 0;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;

  if (n > MAX_TILE_BYTES)
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_TOO_LARGE,
                   "Tile of %" G_GSIZE_FORMAT " bytes is too large", n);
      return FALSE;
    }

  if (n >= 33 && memcmp (d, png_signature, 8) == 0 && memcmp (d + 12, "IHDR", 4) == 0)
    {
      width = read_be32 (d + 16);
      height = read_be32 (d + 20);
      if (memcmp (d + n - 8, png_iend, 8) != 0)
        {
          g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                       "Truncated PNG (%" G_GSIZE_FORMAT " bytes, no IEND chunk)", n);
          return FALSE;
        }
    }
  else if (n >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
    {
      if (!jpeg_dimensions (d, n, &width, &height))
        {
          g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                       "JPEG without a frame header");
          return FALSE;
        }
      if (!jpeg_has_end (d, n))
        {
          g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                       "Truncated JPEG (%" G_GSIZE_FORMAT " bytes, no end marker)", n);
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                   "Not a PNG or JPEG image (%" G_GSIZE_FORMAT " bytes)", n);
      return FALSE;
    }

  if (width == 0 || height == 0 || width > MAX_TILE_DIMENSION || height > MAX_TILE_DIMENSION)
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                   "Image of %u×%u pixels is not a tile", width, height);
      return FALSE;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, CX_NETWORK_SOURCE_ERROR, CX_NETWORK_SOURCE_ERROR_INVALID_IMAGE,
                   "Undecodable image: %s", local_error ? local_error->message : "unknown error");
      return FALSE;
    }

  return TRUE;
}

static void
check_image_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (tile_bytes_check_image (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Decoding takes a millisecond or so per tile: off the main thread. */
void
cx_net_check_image_async (CxNetworkSource     *self,
                   GBytes              *bytes,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, cx_net_check_image_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, check_image_thread);
}

gboolean
cx_net_check_image_finish (GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

