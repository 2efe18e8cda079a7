/* test-pack-updater.c: data pack updates against a loopback SoupServer
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request goes to a SoupServer on 127.0.0.1 that this program starts;
 * nothing else is contacted. The packs served are the Changning pack from
 * the source tree made into one file (every section inline) with another
 * "version". After every refused update the stored packs must be exactly
 * what they were.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cx-pack-updater.h"
#include "cx-test-files.h"
#include "cx-test-server.h"
#include "cx-test-wait.h"

/* No single wait in a test may take longer. */
#define WAIT_LIMIT_MS 15000

/* A stalled answer would finish after this long; the updater's timeout in
 * that test is a third of it. */
#define STALL_MS 3000
#define SHORT_TIMEOUT_MS 1000

#define EXPECTED_USER_AGENT "changning-explorer/" PACKAGE_VERSION " (+" PROJECT_URL ")"
#define LAST_MODIFIED "Tue, 01 Sep 2026 08:00:00 GMT"

typedef enum
{
  MODE_PACK,            /* the pack, with an ETag; 304 when If-None-Match matches */
  MODE_NO_VALIDATORS,   /* the pack, without ETag or Last-Modified */
  MODE_CUT,             /* Content-Length of the whole pack, half sent, closed */
  MODE_HUGE_LENGTH,     /* Content-Length over the cap */
  MODE_HUGE_CHUNKED,    /* no Content-Length, more than the cap sent */
  MODE_STALL,           /* headers and some of the body, the rest STALL_MS later */
  MODE_404,
} Mode;

typedef struct
{
  CxTestServer *server;
  const char *base_url;   /* the server's */
  char       *url;
  char       *root;
  char       *packs_path;
  GFile      *packs_dir;
  GPtrArray  *hits;       /* the server's */
  Mode        mode;
  GBytes     *body;
  char       *etag;
} Fixture;

/* ------------------------------------------------------------------ */
/* Test packs                                                          */
/* ------------------------------------------------------------------ */

/* The Changning pack as one file, with @version, and when @drop is given,
 * without that member. */
static GBytes *
make_pack (gint64      version,
           const char *drop)
{
  g_autofree char *dir = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", "packs", "changning", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "pack.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *manifest;
  guint n_inlined = 0;
  char *text;
  gsize length;

  json_parser_load_from_file (parser, manifest_path, &error);
  g_assert_no_error (error);
  manifest = json_node_get_object (json_parser_get_root (parser));

  /* Every section the manifest names by file, whichever the format has. */
  members = json_object_get_members (manifest);
  for (GList *l = members; l != NULL; l = l->next)
    {
      /* A copy: setting the member may free the object's own. */
      g_autofree char *name = g_strdup (l->data);
      JsonNode *node = json_object_get_member (manifest, name);
      g_autofree char *path = NULL;
      g_autoptr(JsonParser) section = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      path = g_build_filename (dir, json_node_get_string (node), NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      section = json_parser_new ();
      json_parser_load_from_file (section, path, &error);
      g_assert_no_error (error);
      json_object_set_member (manifest, name, json_node_copy (json_parser_get_root (section)));
      n_inlined++;
    }
  /* features, statistics, programs, sources, basemap, districts at least */
  g_assert_cmpuint (n_inlined, >=, 6);

  json_object_set_int_member (manifest, "version", version);
  if (drop != NULL)
    json_object_remove_member (manifest, drop);

  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static void
serve_pack (Fixture    *f,
            gint64      version,
            const char *drop)
{
  g_clear_pointer (&f->body, g_bytes_unref);
  g_free (f->etag);
  f->body = make_pack (version, drop);
  f->etag = g_strdup_printf ("\"pack-%" G_GINT64_FORMAT "%s\"", version, drop != NULL ? "-broken" : "");
}

/* ------------------------------------------------------------------ */
/* The server                                                          */
/* ------------------------------------------------------------------ */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  CxTestHit *hit = cx_test_server_last_hit (f->server);
  gsize size;
  gconstpointer data = f->body != NULL ? g_bytes_get_data (f->body, &size) : NULL;

  if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/pack.json");
      return;
    }
  if (g_str_equal (path, "/to-file"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "file:///etc/passwd");
      return;
    }
  if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, "/loop");
      return;
    }

  switch (f->mode)
    {
    case MODE_PACK:
      soup_message_headers_replace (response, "ETag", f->etag);
      soup_message_headers_replace (response, "Last-Modified", LAST_MODIFIED);
      if (g_strcmp0 (hit->if_none_match, f->etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case MODE_NO_VALIDATORS:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, size);
      break;

    case MODE_CUT:
      {
        g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                 "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);

        cx_test_reply_raw (msg, head, data, size / 2);
      }
      break;

    case MODE_HUGE_LENGTH:
      cx_test_reply_raw (msg, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 25000000\r\n\r\n",
                 "{\"format\": ", 11);
      break;

    case MODE_HUGE_CHUNKED:
      {
        gsize huge = CX_PACK_UPDATER_MAX_SIZE + 1024 * 1024;
        char *spaces = g_malloc (huge);

        memset (spaces, ' ', huge);
        spaces[0] = '{';
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
        soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_TAKE, spaces, huge);
        soup_message_body_complete (soup_server_message_get_response_body (msg));
      }
      break;

    case MODE_STALL:
      {
        g_autoptr(GBytes) rest = g_bytes_new_static ("}", 1);

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
        soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY, data, size / 2);
        cx_test_server_finish_later (f->server, msg, rest, STALL_MS);
      }
      break;

    case MODE_404:
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no", 2);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->mode = MODE_PACK;

  f->root = cx_test_make_tmp_dir ("cx-net-packs-XXXXXX");
  f->packs_path = g_build_filename (f->root, "changning-explorer", "packs", NULL);
  f->packs_dir = g_file_new_for_path (f->packs_path);

  f->server = cx_test_server_new (server_cb, f);
  f->hits = cx_test_server_get_hits (f->server);
  f->base_url = cx_test_server_get_url (f->server);
  f->url = g_strconcat (f->base_url, "pack.json", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  f->base_url = NULL;
  g_clear_pointer (&f->server, cx_test_server_free);

  cx_test_remove_tree (f->root);
  g_clear_pointer (&f->root, g_free);
  g_clear_pointer (&f->packs_path, g_free);
  g_clear_object (&f->packs_dir);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->body, g_bytes_unref);
  g_clear_pointer (&f->etag, g_free);
  f->hits = NULL;
}

/* ------------------------------------------------------------------ */
/* Waiting and looking                                                 */
/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean           done;
  gboolean           ok;
  CxPackUpdateResult result;
  GError            *error;
  gint64             elapsed;
} Check;

static void
check_clear (Check *check)
{
  g_clear_error (&check->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Check, check_clear)

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Check *check = user_data;

  check->ok = cx_pack_updater_check_finish (CX_PACK_UPDATER (object), result, &check->result, &check->error);
  g_assert_true (check->ok == (check->error == NULL));
  check->done = TRUE;
}

static void
run_check (CxPackUpdater *updater,
           GCancellable  *cancellable,
           Check         *check)
{
  gint64 start = g_get_monotonic_time ();

  memset (check, 0, sizeof *check);
  cx_pack_updater_check_async (updater, cancellable, checked_cb, check);
  cx_test_wait_flag (&check->done, WAIT_LIMIT_MS);
  check->elapsed = g_get_monotonic_time () - start;
}

/* The files in the packs directory, sorted, joined by " "; "" if none. */
static char *
list_packs (Fixture *f)
{
  if (!g_file_test (f->packs_path, G_FILE_TEST_IS_DIR))
    return g_strdup ("");
  return cx_test_listing (f->packs_path, "");
}

static GBytes *
read_pack_file (Fixture    *f,
                const char *name)
{
  g_autofree char *path = g_build_filename (f->packs_path, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* Stores @version the way an update does, through the server. */
static void
accept_update (Fixture *f,
               gint64   from,
               gint64   version)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, from);
  g_auto(Check) check = { 0, };

  serve_pack (f, version, NULL);
  f->mode = MODE_PACK;
  run_check (updater, NULL, &check);
  g_assert_no_error (check.error);
  g_assert_cmpint (check.result, ==, CX_PACK_UPDATE_UPDATED);
}

static void
assert_best_version (Fixture *f,
                     gint64   version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(CxDataPack) pack = cx_pack_store_load_best (f->packs_dir, &warning, &error);

  g_assert_no_error (error);
  g_assert_null (warning);
  g_assert_cmpint (cx_data_pack_get_version (pack), ==, version);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static void
test_accepted (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 1);
  g_auto(Check) check = { 0, };
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *listing = NULL;
  CxDataPack *pack;

  serve_pack (f, 2, NULL);
  g_assert_null (cx_pack_updater_get_pack (updater));
  run_check (updater, NULL, &check);

  g_assert_no_error (check.error);
  g_assert_cmpint (check.result, ==, CX_PACK_UPDATE_UPDATED);
  g_assert_cmpuint (f->hits->len, ==, 1);
  g_assert_cmpstr (cx_test_server_last_hit (f->server)->path, ==, "/pack.json");
  g_assert_cmpstr (cx_test_server_last_hit (f->server)->user_agent, ==, EXPECTED_USER_AGENT);
  g_assert_null (cx_test_server_last_hit (f->server)->if_none_match);

  pack = cx_pack_updater_get_pack (updater);
  g_assert_nonnull (pack);
  g_assert_cmpint (cx_data_pack_get_version (pack), ==, 2);
  g_assert_cmpstr (cx_data_pack_get_id (pack), ==, "changning");
  g_assert_cmpint (cx_pack_updater_get_current_version (updater), ==, 2);

  /* Stored as downloaded, with what a conditional GET needs. */
  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "pack-2.json update-state.json");
  stored = read_pack_file (f, "pack-2.json");
  g_assert_true (g_bytes_equal (stored, f->body));

  assert_best_version (f, 2);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 1);
  g_auto(Check) first = { 0, };
  g_auto(Check) second = { 0, };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *state_path = NULL;
  GStatBuf st_before, st_after;

  serve_pack (f, 2, NULL);
  run_check (updater, NULL, &first);
  g_assert_no_error (first.error);

  before = read_pack_file (f, "pack-2.json");
  state_path = g_build_filename (f->packs_path, "update-state.json", NULL);
  g_assert_cmpint (g_stat (state_path, &st_before), ==, 0);

  run_check (updater, NULL, &second);
  g_assert_no_error (second.error);
  g_assert_cmpint (second.result, ==, CX_PACK_UPDATE_NOT_MODIFIED);
  g_assert_cmpuint (f->hits->len, ==, 2);
  g_assert_cmpstr (cx_test_server_last_hit (f->server)->if_none_match, ==, f->etag);

  /* Nothing written. */
  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "pack-2.json update-state.json");
  after = read_pack_file (f, "pack-2.json");
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (g_stat (state_path, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_ino, ==, st_before.st_ino);
  g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);

  /* A new updater for the pack in use (a restart) asks the same way. */
  {
    g_autoptr(CxPackUpdater) restarted = cx_pack_updater_new (f->url, f->packs_dir, 2);
    g_auto(Check) third = { 0, };

    run_check (restarted, NULL, &third);
    g_assert_no_error (third.error);
    g_assert_cmpint (third.result, ==, CX_PACK_UPDATE_NOT_MODIFIED);
  }
}

/* The server has no validators and serves the version in use. */
static void
test_up_to_date (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 2);
  g_auto(Check) check = { 0, };
  g_autofree char *listing = NULL;

  serve_pack (f, 2, NULL);
  f->mode = MODE_NO_VALIDATORS;
  run_check (updater, NULL, &check);

  g_assert_no_error (check.error);
  g_assert_cmpint (check.result, ==, CX_PACK_UPDATE_UP_TO_DATE);
  g_assert_null (cx_pack_updater_get_pack (updater));
  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "update-state.json");
}

static void
test_older_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = NULL;
  g_auto(Check) check = { 0, };
  g_autofree char *listing = NULL;

  accept_update (f, 1, 3);
  g_ptr_array_set_size (f->hits, 0);

  updater = cx_pack_updater_new (f->url, f->packs_dir, 3);
  serve_pack (f, 2, NULL);
  run_check (updater, NULL, &check);

  g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_OLDER);
  g_assert_cmpstr (check.error->message, ==, "The update is version 2, older than the data in use (3)");
  g_assert_null (cx_pack_updater_get_pack (updater));
  g_assert_cmpint (cx_pack_updater_get_current_version (updater), ==, 3);

  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "pack-3.json update-state.json");
  assert_best_version (f, 3);
}

static void
test_invalid_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = NULL;
  g_auto(Check) check = { 0, };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;

  accept_update (f, 1, 2);
  before = read_pack_file (f, "pack-2.json");

  updater = cx_pack_updater_new (f->url, f->packs_dir, 2);
  serve_pack (f, 3, "sources");
  run_check (updater, NULL, &check);

  g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_INVALID);
  g_assert_cmpstr (check.error->message, ==, "The update is not a valid data pack: pack.json: the required member “sources” is missing");

  /* The old one kept, untouched. */
  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "pack-2.json update-state.json");
  after = read_pack_file (f, "pack-2.json");
  g_assert_true (g_bytes_equal (before, after));
  assert_best_version (f, 2);
}

static void
test_cut_mid_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = NULL;
  g_auto(Check) check = { 0, };
  g_autofree char *listing = NULL;

  accept_update (f, 1, 2);

  updater = cx_pack_updater_new (f->url, f->packs_dir, 2);
  serve_pack (f, 3, NULL);
  f->mode = MODE_CUT;
  run_check (updater, NULL, &check);

  g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_INCOMPLETE);
  g_test_message ("%s", check.error->message);
  g_assert_true (g_str_has_prefix (check.error->message, "The download of the update broke off"));

  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "pack-2.json update-state.json");
  assert_best_version (f, 2);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 1);
  g_auto(Check) check = { 0, };
  g_autofree char *listing = NULL;

  serve_pack (f, 2, NULL);
  f->mode = GPOINTER_TO_INT (data);
  run_check (updater, NULL, &check);

  g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_TOO_LARGE);
  g_assert_cmpstr (check.error->message, ==, "The update is larger than 20 MB, more than a data pack may be");
  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 1);
  g_auto(Check) check = { 0, };
  g_autofree char *listing = NULL;

  serve_pack (f, 2, NULL);
  f->mode = MODE_STALL;
  cx_pack_updater_set_timeout (updater, SHORT_TIMEOUT_MS);
  g_assert_cmpuint (cx_pack_updater_get_timeout (updater), ==, SHORT_TIMEOUT_MS);
  run_check (updater, NULL, &check);

  g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_TIMED_OUT);
  g_assert_cmpstr (check.error->message, ==, "The update server did not answer within 1 seconds");
  g_assert_cmpint (check.elapsed, >=, SHORT_TIMEOUT_MS * 1000 - 50000);
  g_assert_cmpint (check.elapsed, <, STALL_MS * 1000);
  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "");
}

static gboolean
server_hit (gpointer data)
{
  Fixture *f = data;

  return f->hits->len > 0;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Check) check = { 0, };
  g_auto(Check) busy = { 0, };
  g_autofree char *listing = NULL;

  serve_pack (f, 2, NULL);
  f->mode = MODE_STALL;

  memset (&check, 0, sizeof check);
  cx_pack_updater_check_async (updater, cancellable, checked_cb, &check);

  /* One at a time. */
  cx_pack_updater_check_async (updater, NULL, checked_cb, &busy);
  cx_test_wait_flag (&busy.done, WAIT_LIMIT_MS);
  g_assert_error (busy.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_BUSY);

  /* Cancelled mid-download: once the server is sending, and stalls. */
  g_assert_true (cx_test_wait_until (server_hit, f, WAIT_LIMIT_MS));
  g_cancellable_cancel (cancellable);
  cx_test_wait_flag (&check.done, WAIT_LIMIT_MS);
  g_assert_error (check.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "");

  /* And the updater works again afterwards. */
  {
    g_auto(Check) again = { 0, };

    f->mode = MODE_PACK;
    run_check (updater, NULL, &again);
    g_assert_no_error (again.error);
    g_assert_cmpint (again.result, ==, CX_PACK_UPDATE_UPDATED);
  }
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *moved = g_strconcat (f->base_url, "moved", NULL);
  g_autofree char *to_file = g_strconcat (f->base_url, "to-file", NULL);
  g_autofree char *loop = g_strconcat (f->base_url, "loop", NULL);
  g_autoptr(CxPackUpdater) followed = cx_pack_updater_new (moved, f->packs_dir, 1);
  g_autoptr(CxPackUpdater) refused = cx_pack_updater_new (to_file, f->packs_dir, 1);
  g_autoptr(CxPackUpdater) looping = cx_pack_updater_new (loop, f->packs_dir, 1);
  g_auto(Check) check = { 0, };
  g_auto(Check) bad = { 0, };
  g_auto(Check) endless = { 0, };

  serve_pack (f, 2, NULL);
  run_check (followed, NULL, &check);
  g_assert_no_error (check.error);
  g_assert_cmpint (check.result, ==, CX_PACK_UPDATE_UPDATED);
  g_assert_cmpuint (f->hits->len, ==, 2);
  g_assert_cmpstr (cx_test_server_last_hit (f->server)->path, ==, "/pack.json");

  run_check (refused, NULL, &bad);
  g_assert_error (bad.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_URL);
  g_assert_cmpstr (bad.error->message, ==, "The update server redirected to “file:///etc/passwd”, which is not an http or https address");

  run_check (looping, NULL, &endless);
  g_assert_error (endless.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_HTTP);
  g_assert_cmpstr (endless.error->message, ==, "The update server redirected more than 5 times");
}

static void
test_bad_urls (Fixture       *f,
               gconstpointer  data)
{
  static const char * const urls[] = {
    "ftp://127.0.0.1/pack.json", "file:///etc/passwd", "pack.json", "", "http://",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (urls[i], f->packs_dir, 1);
      g_autofree char *expected = g_strdup_printf ("The data update address “%s” is not an http or https URL", urls[i]);
      g_auto(Check) check = { 0, };

      run_check (updater, NULL, &check);
      g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_URL);
      g_assert_cmpstr (check.error->message, ==, expected);
    }

  g_assert_cmpuint (f->hits->len, ==, 0);
}

static void
test_http_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 1);
  g_auto(Check) check = { 0, };

  f->mode = MODE_404;
  run_check (updater, NULL, &check);
  g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_HTTP);
  g_assert_cmpstr (check.error->message, ==, "The update server answered “404 Not Found”");
}

static void
test_connection_refused (void)
{
  g_autofree char *root = g_dir_make_tmp ("cx-net-packs-XXXXXX", NULL);
  g_autoptr(GFile) packs_dir = g_file_new_build_filename (root, "packs", NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CxPackUpdater) updater = NULL;
  g_autofree char *url = NULL;
  g_auto(Check) check = { 0, };

  /* A port that was free a moment ago and that nobody listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/pack.json", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  updater = cx_pack_updater_new (url, packs_dir, 1);
  run_check (updater, NULL, &check);
  g_assert_error (check.error, CX_PACK_UPDATER_ERROR, CX_PACK_UPDATER_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (check.error->message, "The update server could not be reached: "));
  g_assert_false (g_file_query_exists (packs_dir, NULL));

  cx_test_remove_tree (root);
}

static void
test_keeps_two (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *listing = NULL;

  accept_update (f, 1, 2);
  accept_update (f, 2, 3);
  accept_update (f, 3, 5);

  listing = list_packs (f);
  g_assert_cmpstr (listing, ==, "pack-3.json pack-5.json update-state.json");
  assert_best_version (f, 5);
}

/* The acceptance check of the issue: the newest stored pack cut short on
 * disk; the next start uses the one before, says so, and keeps the bad
 * file aside. */
static void
test_truncated_on_disk (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *contents = NULL;
  gsize length, cut;

  accept_update (f, 1, 2);
  accept_update (f, 2, 3);

  whole = read_pack_file (f, "pack-3.json");
  path = g_build_filename (f->packs_path, "pack-3.json", NULL);
  /* Cut at two thirds, between characters: a file cut short, not one
   * whose text is broken (a separate refusal). */
  cut = g_bytes_get_size (whole) * 2 / 3;
  while (cut > 0 && (((const guchar *) g_bytes_get_data (whole, NULL))[cut] & 0xc0) == 0x80)
    cut--;
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (whole, NULL), (gssize) cut, NULL));

  pack = cx_pack_store_load_best (f->packs_dir, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cx_data_pack_get_version (pack), ==, 2);
  g_assert_nonnull (warning);
  g_test_message ("%s", warning);
  g_assert_true (g_str_has_prefix (warning, "The stored data pack pack-3.json could not be used and was moved aside as pack-3.json.corrupt-"));
  g_assert_nonnull (strstr (warning, ": pack-3.json: not valid JSON: "));

  listing = list_packs (f);
  g_assert_true (g_str_has_prefix (listing, "pack-2.json pack-3.json.corrupt-"));
  g_assert_true (g_str_has_suffix (listing, " update-state.json"));

  /* Moved, not deleted: the same bytes under the new name. */
  aside = g_build_filename (f->packs_path, strchr (listing, ' ') + 1, NULL);
  *strrchr (aside, ' ') = '\0';
  g_assert_true (g_file_get_contents (aside, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, cut);

  /* The next start has nothing more to say. */
  assert_best_version (f, 2);

  /* The validators belonged to pack 3, so a check with pack 2 in use
   * downloads pack 3 again rather than hearing "not modified". */
  {
    g_autoptr(CxPackUpdater) updater = cx_pack_updater_new (f->url, f->packs_dir, 2);
    g_auto(Check) check = { 0, };

    run_check (updater, NULL, &check);
    g_assert_no_error (check.error);
    g_assert_null (cx_test_server_last_hit (f->server)->if_none_match);
    g_assert_cmpint (check.result, ==, CX_PACK_UPDATE_UPDATED);
    assert_best_version (f, 3);
  }
}

static void
test_fallback_to_embedded (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CxDataPack) pack = NULL;
  g_autoptr(CxDataPack) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *no_warning = NULL;
  g_autofree char *path = NULL;

  /* No directory at all: the embedded pack, quietly. */
  none = cx_pack_store_load_best (f->packs_dir, &no_warning, &error);
  g_assert_no_error (error);
  g_assert_null (no_warning);
  g_assert_cmpint (cx_data_pack_get_version (none), ==, 1);

  accept_update (f, 1, 2);
  path = g_build_filename (f->packs_path, "pack-2.json", NULL);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  pack = cx_pack_store_load_best (f->packs_dir, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cx_data_pack_get_version (pack), ==, 1);
  g_assert_nonnull (strstr (warning, "pack-2.json: the file is empty"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A stored pack no newer than the embedded one is not even opened; one
 * whose name does not match its version is moved aside. */
static void
test_store_names (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) v4 = make_pack (4, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CxDataPack) pack = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *p1 = NULL, *p7 = NULL, *odd = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->packs_path, 0700), ==, 0);
  p1 = g_build_filename (f->packs_path, "pack-1.json", NULL);
  p7 = g_build_filename (f->packs_path, "pack-7.json", NULL);
  odd = g_build_filename (f->packs_path, "pack-07.json", NULL);
  g_assert_true (g_file_set_contents (p1, "garbage", -1, NULL));
  g_assert_true (g_file_set_contents (p7, g_bytes_get_data (v4, NULL), (gssize) g_bytes_get_size (v4), NULL));
  g_assert_true (g_file_set_contents (odd, "garbage", -1, NULL));

  pack = cx_pack_store_load_best (f->packs_dir, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cx_data_pack_get_version (pack), ==, 1);
  g_assert_nonnull (strstr (warning, "pack-7.json: holds version 4, not the one in its name"));
  g_assert_true (g_file_test (p1, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (odd, G_FILE_TEST_EXISTS));
}

static void
test_due (void)
{
  const gint64 now = 1790000000;

  g_assert_true (cx_pack_updater_due (0, now));
  g_assert_true (cx_pack_updater_due (now - CX_PACK_UPDATER_INTERVAL_S, now));
  g_assert_true (cx_pack_updater_due (now - 3 * CX_PACK_UPDATER_INTERVAL_S, now));
  g_assert_false (cx_pack_updater_due (now - CX_PACK_UPDATER_INTERVAL_S + 1, now));
  g_assert_false (cx_pack_updater_due (now - 60, now));
  g_assert_false (cx_pack_updater_due (now, now));
  /* The clock went back: due, rather than not for days. */
  g_assert_true (cx_pack_updater_due (now + 3600, now));
}

static void
test_default_dir (void)
{
  g_autoptr(GFile) dir = cx_pack_store_get_default_dir ();
  g_autofree char *path = g_file_get_path (dir);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "changning-explorer", "packs", NULL);

  g_assert_cmpstr (path, ==, expected);
}

#define ADD_TEST(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* Before anything asks for them: a private data directory, and no proxy
   * that could send loopback traffic elsewhere. */
  data_home = cx_test_private_data_home ("cx-net-xdg-XXXXXX");
  cx_test_no_proxy ();

  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/pack-updater/accepted", test_accepted, NULL);
  ADD_TEST ("/pack-updater/not-modified", test_not_modified, NULL);
  ADD_TEST ("/pack-updater/up-to-date", test_up_to_date, NULL);
  ADD_TEST ("/pack-updater/older-refused", test_older_refused, NULL);
  ADD_TEST ("/pack-updater/invalid-refused", test_invalid_refused, NULL);
  ADD_TEST ("/pack-updater/cut-mid-body", test_cut_mid_body, NULL);
  ADD_TEST ("/pack-updater/too-large/content-length", test_too_large, GINT_TO_POINTER (MODE_HUGE_LENGTH));
  ADD_TEST ("/pack-updater/too-large/streamed", test_too_large, GINT_TO_POINTER (MODE_HUGE_CHUNKED));
  ADD_TEST ("/pack-updater/timeout", test_timeout, NULL);
  ADD_TEST ("/pack-updater/cancel", test_cancel, NULL);
  ADD_TEST ("/pack-updater/redirects", test_redirects, NULL);
  ADD_TEST ("/pack-updater/bad-urls", test_bad_urls, NULL);
  ADD_TEST ("/pack-updater/http-error", test_http_error, NULL);
  g_test_add_func ("/pack-updater/connection-refused", test_connection_refused);
  ADD_TEST ("/pack-updater/keeps-two", test_keeps_two, NULL);
  ADD_TEST ("/pack-updater/truncated-on-disk", test_truncated_on_disk, NULL);
  ADD_TEST ("/pack-updater/fallback-to-embedded", test_fallback_to_embedded, NULL);
  ADD_TEST ("/pack-updater/store-names", test_store_names, NULL);
  g_test_add_func ("/pack-updater/due", test_due);
  g_test_add_func ("/pack-updater/default-dir", test_default_dir);

  status = g_test_run ();

  cx_test_remove_tree (data_home);
  return status;
}
