/* test-import-queue.c: GeoJSON files imported one at a time, with their
 * progress as properties, and cancelled
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cx-import-queue.h"
#include "cx-test-wait.h"

/* No single wait in a test may take longer: well below meson's time-out
 * for the test (60 s, times 10 under valgrind and 3 under ASan), so that
 * the wait's own message is what a failure prints, whatever factor
 * cx_test_wait_until() grows it by in those builds. */
#define WAIT_LIMIT_MS 30000

/* The big file's points: 60,000 (about 5 MB), or a tenth under valgrind,
 * where the import runs some 50 times slower and 60,000 took more than the
 * wait's minute; a tenth still reports its progress several times. */
static guint
big_points (void)
{
  return cx_test_under_valgrind () ? 6000 : 60000;
}

typedef struct
{
  GPtrArray *done_names;    /* basename of each file done, in order */
  GPtrArray *done_layers;   /* CxImportedLayer, or NULL */
  GPtrArray *done_errors;   /* GError, or NULL */
  GPtrArray *names_seen;    /* current-name at each notify, "(null)" for none */
  GArray    *busy_seen;     /* gboolean at each notify::busy */
  GArray    *fractions;     /* double at each notify::fraction */
  guint      waiting_at_done; /* files still waiting when the first ended */
} Recorder;

static void
on_done (CxImportQueue   *queue,
         GFile           *file,
         CxImportedLayer *layer,
         const GError    *error,
         Recorder        *rec)
{
  if (rec->done_names->len == 0)
    rec->waiting_at_done = cx_import_queue_get_n_waiting (queue);
  g_ptr_array_add (rec->done_names, g_file_get_basename (file));
  g_ptr_array_add (rec->done_layers, layer != NULL ? g_object_ref (layer) : NULL);
  g_ptr_array_add (rec->done_errors, error != NULL ? g_error_copy (error) : NULL);
}

static void
on_notify (CxImportQueue *queue,
           GParamSpec    *pspec,
           Recorder      *rec)
{
  if (g_str_equal (pspec->name, "busy"))
    {
      gboolean busy = cx_import_queue_get_busy (queue);
      g_array_append_val (rec->busy_seen, busy);
    }
  else if (g_str_equal (pspec->name, "fraction"))
    {
      double fraction = cx_import_queue_get_fraction (queue);
      g_array_append_val (rec->fractions, fraction);
    }
  else if (g_str_equal (pspec->name, "current-name"))
    {
      const char *name = cx_import_queue_get_current_name (queue);
      g_ptr_array_add (rec->names_seen, g_strdup (name != NULL ? name : "(null)"));
    }
}

static void
unref_nullable (gpointer object)
{
  g_clear_object (&object);
}

static void
error_free_nullable (gpointer error)
{
  g_clear_error ((GError **) &error);
}

static Recorder *
recorder_new (CxImportQueue *queue)
{
  Recorder *rec = g_new0 (Recorder, 1);

  rec->done_names = g_ptr_array_new_with_free_func (g_free);
  rec->done_layers = g_ptr_array_new_with_free_func (unref_nullable);
  rec->done_errors = g_ptr_array_new_with_free_func (error_free_nullable);
  rec->names_seen = g_ptr_array_new_with_free_func (g_free);
  rec->busy_seen = g_array_new (FALSE, FALSE, sizeof (gboolean));
  rec->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (queue, "done", G_CALLBACK (on_done), rec);
  g_signal_connect (queue, "notify", G_CALLBACK (on_notify), rec);
  return rec;
}

static void
recorder_free (Recorder *rec)
{
  g_ptr_array_unref (rec->done_names);
  g_ptr_array_unref (rec->done_layers);
  g_ptr_array_unref (rec->done_errors);
  g_ptr_array_unref (rec->names_seen);
  g_array_unref (rec->busy_seen);
  g_array_unref (rec->fractions);
  g_free (rec);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

static gboolean
queue_idle (gpointer queue)
{
  return !cx_import_queue_get_busy (queue);
}

/* Runs the main context until the queue is idle, with the tests' own
 * condition wait: a deadline of its own (a minute everywhere) failed the
 * valgrind run, where 60,000 points take 30 s of CPU instead of 0.5 s. */
static void
wait_until_idle (CxImportQueue *queue)
{
  if (!cx_test_wait_until (queue_idle, queue, WAIT_LIMIT_MS))
    g_error ("The import queue was still busy after %u s (\"%s\", %.0f %%)", WAIT_LIMIT_MS / 1000,
             cx_import_queue_get_current_name (queue), 100 * cx_import_queue_get_fraction (queue));
}

/* A FeatureCollection of @n points in the district. */
static GFile *
write_points (const char *dir,
              const char *name,
              guint       n)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"P%u\"},"
                            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[121.%04u,31.%04u]}}",
                            i > 0 ? "," : "", i, 3800 + i % 500, 2000 + i % 300);
  g_string_append (text, "]}");
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cx-import-queue-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Busy from the first file queued to the last done; one file at a time, in
 * the order queued; the name follows the file being imported. */
static void
test_files_in_order (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GFile) a = write_points (dir, "a.geojson", 3);
  g_autoptr(GFile) b = write_points (dir, "b.geojson", 5);
  g_autoptr(CxImportQueue) queue = cx_import_queue_new ();
  g_autoptr(Recorder) rec = recorder_new (queue);

  g_assert_false (cx_import_queue_get_busy (queue));
  g_assert_null (cx_import_queue_get_current_name (queue));

  cx_import_queue_add (queue, a, FALSE);
  g_assert_true (cx_import_queue_get_busy (queue));
  g_assert_cmpstr (cx_import_queue_get_current_name (queue), ==, "a.geojson");
  g_assert_cmpuint (cx_import_queue_get_n_waiting (queue), ==, 0);

  cx_import_queue_add (queue, b, TRUE);
  g_assert_cmpstr (cx_import_queue_get_current_name (queue), ==, "a.geojson");
  g_assert_cmpuint (cx_import_queue_get_n_waiting (queue), ==, 1);

  wait_until_idle (queue);

  g_assert_cmpuint (rec->done_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rec->done_names, 0), ==, "a.geojson");
  g_assert_cmpstr (g_ptr_array_index (rec->done_names, 1), ==, "b.geojson");
  /* One at a time: the second waited until the first was done. */
  g_assert_cmpuint (rec->waiting_at_done, ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_null (g_ptr_array_index (rec->done_errors, i));
      g_assert_nonnull (g_ptr_array_index (rec->done_layers, i));
    }
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (g_ptr_array_index (rec->done_layers, 0))), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (cx_imported_layer_get_features (g_ptr_array_index (rec->done_layers, 1))), ==, 5);
  /* The second was read as GCJ-02, as asked: its points moved. */
  g_assert_cmpint (cx_imported_layer_get_gcj02 (g_ptr_array_index (rec->done_layers, 1)), ==, TRUE);
  g_assert_cmpint (cx_imported_layer_get_gcj02 (g_ptr_array_index (rec->done_layers, 0)), ==, FALSE);

  /* Busy once, then idle once: not in between files. */
  g_assert_cmpuint (rec->busy_seen->len, ==, 2);
  g_assert_true (g_array_index (rec->busy_seen, gboolean, 0));
  g_assert_false (g_array_index (rec->busy_seen, gboolean, 1));
  g_assert_cmpuint (rec->names_seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (rec->names_seen, 0), ==, "a.geojson");
  g_assert_cmpstr (g_ptr_array_index (rec->names_seen, 1), ==, "b.geojson");
  g_assert_cmpstr (g_ptr_array_index (rec->names_seen, 2), ==, "(null)");
  g_assert_false (cx_import_queue_get_busy (queue));
  g_assert_null (cx_import_queue_get_current_name (queue));
  g_assert_cmpfloat (cx_import_queue_get_fraction (queue), ==, 0);

  remove_dir (dir);
}

/* A big file reports its progress as it goes, between 0 and 1, never
 * backwards; the queue starts the next file at 0. */
static void
test_progress (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GFile) big = write_points (dir, "big.geojson", big_points ());
  g_autoptr(CxImportQueue) queue = cx_import_queue_new ();
  g_autoptr(Recorder) rec = recorder_new (queue);
  double last = 0;
  gboolean between = FALSE;

  cx_import_queue_add (queue, big, FALSE);
  wait_until_idle (queue);

  g_assert_cmpuint (rec->done_names->len, ==, 1);
  g_assert_nonnull (g_ptr_array_index (rec->done_layers, 0));
  g_test_message ("%u points: %u progress reports", big_points (), rec->fractions->len);
  g_assert_cmpuint (rec->fractions->len, >=, 2);  /* up, and back to 0 */
  for (guint i = 0; i + 1 < rec->fractions->len; i++)
    {
      double fraction = g_array_index (rec->fractions, double, i);

      g_assert_cmpfloat (fraction, >=, last);
      g_assert_cmpfloat (fraction, <=, 1);
      between |= fraction > 0 && fraction < 1;
      last = fraction;
    }
  g_assert_true (between);
  g_assert_cmpfloat (g_array_index (rec->fractions, double, rec->fractions->len - 1), ==, 0);

  remove_dir (dir);
}

/* Cancelling drops the files waiting and ends the one under way with
 * G_IO_ERROR_CANCELLED; the queue is idle after. */
static void
test_cancel (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GFile) big = write_points (dir, "big.geojson", 60000);
  g_autoptr(GFile) small = write_points (dir, "small.geojson", 2);
  g_autoptr(CxImportQueue) queue = cx_import_queue_new ();
  g_autoptr(Recorder) rec = recorder_new (queue);

  cx_import_queue_add (queue, big, FALSE);
  cx_import_queue_add (queue, small, FALSE);
  g_assert_cmpuint (cx_import_queue_get_n_waiting (queue), ==, 1);

  cx_import_queue_cancel (queue);
  g_assert_cmpuint (cx_import_queue_get_n_waiting (queue), ==, 0);
  wait_until_idle (queue);

  g_assert_cmpuint (rec->done_names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rec->done_names, 0), ==, "big.geojson");
  g_assert_null (g_ptr_array_index (rec->done_layers, 0));
  g_assert_error ((GError *) g_ptr_array_index (rec->done_errors, 0), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cx_import_queue_get_current_name (queue));

  /* Usable again after. */
  cx_import_queue_add (queue, small, FALSE);
  wait_until_idle (queue);
  g_assert_cmpuint (rec->done_names->len, ==, 2);
  g_assert_nonnull (g_ptr_array_index (rec->done_layers, 1));

  remove_dir (dir);
}

/* A file that is not GeoJSON ends in its error, and the next one is still
 * imported. */
static void
test_failure_then_next (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *bad_path = g_build_filename (dir, "bad.geojson", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good = write_points (dir, "good.geojson", 1);
  g_autoptr(CxImportQueue) queue = cx_import_queue_new ();
  g_autoptr(Recorder) rec = recorder_new (queue);

  g_assert_true (g_file_set_contents (bad_path, "not json", -1, NULL));
  cx_import_queue_add (queue, bad, FALSE);
  cx_import_queue_add (queue, good, FALSE);
  wait_until_idle (queue);

  g_assert_cmpuint (rec->done_names->len, ==, 2);
  g_assert_null (g_ptr_array_index (rec->done_layers, 0));
  g_assert_nonnull (g_ptr_array_index (rec->done_errors, 0));
  g_assert_false (g_error_matches (g_ptr_array_index (rec->done_errors, 0), G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_nonnull (g_ptr_array_index (rec->done_layers, 1));

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-queue/files-in-order", test_files_in_order);
  g_test_add_func ("/import-queue/progress", test_progress);
  g_test_add_func ("/import-queue/cancel", test_cancel);
  g_test_add_func ("/import-queue/failure-then-next", test_failure_then_next);

  return g_test_run ();
}
