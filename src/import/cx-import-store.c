/* cx-import-store.c: imported layers kept across restarts
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each layer is two files in the layers directory:
 *
 *   ID.geojson  the document exactly as it was imported (its bytes)
 *   ID.json     the sidecar: {"format": "changning-explorer-layer",
 *               "format_version": 1, "id", "name", "file_name", "gcj02",
 *               "visible", "imported" (Unix seconds)}
 *
 * Both are written atomically, the document first. The document is what
 * the user cannot get back; the sidecar is a few settings. So at start
 * (docs/stored-files.md has the whole table):
 *
 * - a document that imports is restored, with default settings and a
 *   notice when its sidecar is missing, unreadable or corrupt (a corrupt or
 *   unreadable sidecar is first moved aside intact);
 * - a document that cannot be read (permission, I/O error, not a regular
 *   file, too large) is left where it is with its sidecar, and reported;
 *   the next start tries again;
 * - a document that reads but does not import is moved aside with its
 *   sidecar (both renamed to *.corrupt-DATE) and reported;
 * - what an interrupted save left is recognised: the empty ID.geojson that
 *   reserves an id, and the temporaries ID.geojson.partial-XXXXXX and
 *   ID.json.partial-XXXXXX (or ID.geojson.XXXXXX and ID.json.XXXXXX from
 *   versions that saved with g_file_set_contents()). A complete temporary is put in place, an incomplete one
 *   removed, an empty reserved document without settings removed, and each
 *   is mentioned.
 *
 * A layer read by the import helper (any format but GeoJSON) keeps its
 * original instead of ID.geojson: ID.gpkg, ID.kmz, ID.csv, … or, for a
 * Shapefile, its set (ID.shp, ID.shx, ID.dbf, ID.prj, ID.cpg, as present).
 * Its sidecar says so with "source" (the stored file's name) and, when a
 * CRS was chosen for it, "crs"; at start it is imported again through the
 * helper (in cx_import_store_load_all_async()'s thread) and one that no
 * longer imports is moved aside with its sidecar, as a document is.
 * Older versions ignore the new members, but see such a sidecar as one
 * without its document and move it aside; the original stays.
 *
 * Nothing is ever deleted that held something the user could miss.
 */

#define G_LOG_DOMAIN "cx-import-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-data-pack.h"
#include "cx-import-helper.h"
#include "cx-import-private.h"
#include "cx-json-scanner.h"
#include "cx-json-util.h"
#include "cx-store-util.h"

#define SIDECAR_FORMAT "changning-explorer-layer"
#define SIDECAR_FORMAT_VERSION 1

/* Sidecars are a few hundred bytes. */
#define SIDECAR_MAX_SIZE (64 * 1024)

/* Layers may be someone's unpublished plans. */
#define FILE_MODE 0600

/* Ids tried for one file name before giving up. */
#define MAX_ID_NUMBER 10000

#define NAME_MAX_CHARS 200

/* What is written: a copy of the layer's fields, so that a save can run in
 * a thread while the layer stays on the main thread. */
typedef struct
{
  GFile   *dir;
  char    *id;
  char    *slug;
  char    *name;
  char    *file_name;
  GBytes  *source;
  GFile   *source_file;   /* a helper layer's original, until stored */
  char    *source_ext;    /* its extension: ".gpkg", ".shp", … */
  char    *crs;           /* the CRS chosen for it */
  gboolean gcj02;
  gboolean visible;
  gboolean has_color;
  CxColor  color;
  gboolean stored;
  gint64   imported;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->dir);
  g_free (snapshot->id);
  g_free (snapshot->slug);
  g_free (snapshot->name);
  g_free (snapshot->file_name);
  g_clear_pointer (&snapshot->source, g_bytes_unref);
  g_clear_object (&snapshot->source_file);
  g_free (snapshot->source_ext);
  g_free (snapshot->crs);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static Snapshot *
snapshot_new (CxImportedLayer *layer,
              GFile           *dir)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->dir = g_object_ref (dir);
  snapshot->id = g_strdup (layer->id);
  snapshot->slug = g_strdup (layer->slug);
  snapshot->name = g_strdup (layer->name);
  snapshot->file_name = g_strdup (layer->file_name);
  snapshot->source = layer->source != NULL ? g_bytes_ref (layer->source) : NULL;
  snapshot->source_file = layer->source_file != NULL ? g_object_ref (layer->source_file) : NULL;
  snapshot->source_ext = g_strdup (layer->source_ext);
  snapshot->crs = g_strdup (layer->crs_override);
  snapshot->gcj02 = layer->gcj02;
  snapshot->visible = layer->visible;
  snapshot->has_color = layer->has_color;
  snapshot->color = layer->color;
  snapshot->stored = layer->stored;
  snapshot->imported = layer->imported;

  return snapshot;
}

static GFile *
child_with_suffix (GFile      *dir,
                   const char *id,
                   const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_file_get_child (dir, name);
}

static gboolean
write_sidecar (const Snapshot  *snapshot,
               const char      *id,
               GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = child_with_suffix (snapshot->dir, id, ".json");
  g_autofree char *text = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SIDECAR_FORMAT);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, SIDECAR_FORMAT_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, snapshot->name);
  json_builder_set_member_name (builder, "file_name");
  json_builder_add_string_value (builder, snapshot->file_name);
  json_builder_set_member_name (builder, "gcj02");
  json_builder_add_boolean_value (builder, snapshot->gcj02);
  json_builder_set_member_name (builder, "visible");
  json_builder_add_boolean_value (builder, snapshot->visible);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, snapshot->imported);
  if (snapshot->has_color)
    {
      g_autofree char *color = cx_color_to_hex (&snapshot->color);

      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
    }
  if (snapshot->source_ext != NULL)
    {
      g_autofree char *source = g_strconcat (id, snapshot->source_ext, NULL);

      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
      if (snapshot->crs != NULL)
        {
          json_builder_set_member_name (builder, "crs");
          json_builder_add_string_value (builder, snapshot->crs);
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = cx_json_generator_to_data (generator, &length);

  return cx_store_write_atomic (file, text, length, FILE_MODE, error);
}

/* Finds a free id and claims it by creating an empty ID.geojson, which
 * nothing else will then take (O_EXCL), even another thread or process. */
static char *
reserve_id (const Snapshot  *snapshot,
            GError         **error)
{
  for (guint n = 1; n <= MAX_ID_NUMBER; n++)
    {
      g_autofree char *id = cx_import_make_id (snapshot->slug, n);
      g_autoptr(GFile) sidecar = child_with_suffix (snapshot->dir, id, ".json");
      g_autoptr(GFile) document = child_with_suffix (snapshot->dir, id, ".geojson");
      g_autoptr(GFileOutputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_file_query_exists (sidecar, NULL))
        continue;

      stream = g_file_create (document, G_FILE_CREATE_PRIVATE, NULL, &local_error);
      if (stream == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            continue;
          cx_store_write_failed (document, local_error, error);
          return NULL;
        }

      if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
        {
          cx_store_write_failed (document, local_error, error);
          return NULL;
        }
      return g_steal_pointer (&id);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               "no free layer id for “%s”", snapshot->slug);
  return NULL;
}

/* A Shapefile's files besides the .shp that are kept with it. */
static const char * const shapefile_parts[] = { ".shx", ".dbf", ".prj", ".cpg" };

/* @source copied to @dest through a temporary beside it ("DEST.partial-…",
 * which an interrupted save leaves and the next start removes), then
 * renamed: @dest is never a part of the file. */
static gboolean
copy_atomic (GFile   *source,
             GFile   *dest,
             GError **error)
{
  g_autofree char *base = g_file_get_basename (dest);
  g_autofree char *temp_name = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (dest);
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GError) local_error = NULL;
  guint32 r = g_random_int ();

  temp_name = g_strdup_printf ("%s.partial-%06x", base, r & 0xffffff);
  temp = g_file_get_child (parent, temp_name);

  if (!g_file_copy (source, temp, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error) ||
      !g_file_set_attribute_uint32 (temp, G_FILE_ATTRIBUTE_UNIX_MODE, FILE_MODE,
                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error) ||
      !g_file_move (temp, dest, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &local_error))
    {
      g_file_delete (temp, NULL, NULL);
      cx_store_write_failed (dest, local_error, error);
      return FALSE;
    }
  return TRUE;
}

/* The helper layer's original as ID.EXT (and a Shapefile's parts beside
 * it, those that exist). */
static gboolean
copy_source (const Snapshot  *snapshot,
             const char      *id,
             GError         **error)
{
  g_autoptr(GFile) dest = child_with_suffix (snapshot->dir, id, snapshot->source_ext);

  if (!copy_atomic (snapshot->source_file, dest, error))
    return FALSE;

  if (g_str_equal (snapshot->source_ext, ".shp"))
    {
      g_autofree char *path = g_file_get_path (snapshot->source_file);
      g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".shp"));

      for (guint i = 0; i < G_N_ELEMENTS (shapefile_parts); i++)
        for (guint upper = 0; upper < 2; upper++)
          {
            g_autofree char *ext = upper ? g_ascii_strup (shapefile_parts[i], -1) : g_strdup (shapefile_parts[i]);
            g_autofree char *part_path = g_strconcat (stem, ext, NULL);
            g_autoptr(GFile) part = g_file_new_for_path (part_path);
            g_autoptr(GFile) part_dest = child_with_suffix (snapshot->dir, id, shapefile_parts[i]);

            if (!g_file_test (part_path, G_FILE_TEST_IS_REGULAR))
              continue;
            if (!copy_atomic (part, part_dest, error))
              return FALSE;
            break;
          }
    }
  return TRUE;
}

/* Every file a layer may have in the store: its settings, its document or
 * its original (and a Shapefile's parts). */
static GPtrArray *
stored_files (GFile      *dir,
              const char *id,
              const char *source_ext)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (files, child_with_suffix (dir, id, ".json"));
  g_ptr_array_add (files, child_with_suffix (dir, id, ".geojson"));
  if (source_ext != NULL)
    {
      g_ptr_array_add (files, child_with_suffix (dir, id, source_ext));
      if (g_str_equal (source_ext, ".shp"))
        for (guint i = 0; i < G_N_ELEMENTS (shapefile_parts); i++)
          g_ptr_array_add (files, child_with_suffix (dir, id, shapefile_parts[i]));
    }
  return files;
}

/* Returns the id the layer is stored under. */
static char *
save_snapshot (const Snapshot  *snapshot,
               GError         **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GFile) document = NULL;
  g_autoptr(GError) local_error = NULL;
  gconstpointer data;
  gsize length;

  if (!cx_store_ensure_dir (snapshot->dir, &local_error))
    goto failed;

  /* Already stored: only the settings change. */
  if (snapshot->stored)
    {
      if (!write_sidecar (snapshot, snapshot->id, &local_error))
        goto failed;
      return g_strdup (snapshot->id);
    }

  /* A helper layer: its original, then its settings, then the empty
   * file that reserved the id goes. */
  if (snapshot->source == NULL && snapshot->source_file != NULL && snapshot->source_ext != NULL)
    {
      id = reserve_id (snapshot, &local_error);
      if (id == NULL)
        goto failed;

      document = child_with_suffix (snapshot->dir, id, ".geojson");
      if (!copy_source (snapshot, id, &local_error) ||
          !write_sidecar (snapshot, id, &local_error))
        {
          g_autoptr(GPtrArray) files = stored_files (snapshot->dir, id, snapshot->source_ext);

          for (guint i = 0; i < files->len; i++)
            g_file_delete (g_ptr_array_index (files, i), NULL, NULL);
          goto failed;
        }
      g_file_delete (document, NULL, NULL);
      return g_steal_pointer (&id);
    }

  /* Removed from the store, then saved again: the text is gone. */
  if (snapshot->source == NULL)
    {
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("the imported file is no longer held; import it again"));
      goto failed;
    }

  id = reserve_id (snapshot, &local_error);
  if (id == NULL)
    goto failed;

  document = child_with_suffix (snapshot->dir, id, ".geojson");
  data = g_bytes_get_data (snapshot->source, &length);
  if (!cx_store_write_atomic (document, data != NULL ? data : "", length, FILE_MODE, &local_error) ||
      !write_sidecar (snapshot, id, &local_error))
    {
      g_file_delete (document, NULL, NULL);
      goto failed;
    }

  return g_steal_pointer (&id);

failed:
  g_set_error (error, local_error->domain, local_error->code,
               _("The layer “%s” is shown, but could not be kept for next time: %s"),
               snapshot->name, local_error->message);
  return NULL;
}

static void
layer_mark_stored (CxImportedLayer *layer,
                   const char      *id)
{
  cx_imported_layer_set_id (layer, id);
  layer->stored = TRUE;
  /* The stored copy is what a reload reads; no need to hold the text,
   * nor to point at the original. */
  g_clear_pointer (&layer->source, g_bytes_unref);
  g_clear_object (&layer->source_file);
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  char    *id;
  char    *name;
  char    *file_name;
  char    *source;     /* "ID.gpkg": a helper layer's stored original */
  char    *crs;        /* the CRS chosen for it */
  gboolean gcj02;
  gboolean visible;
  gboolean has_color;  /* "color": "#rrggbb", when valid */
  CxColor  color;
  gint64   imported;
} Sidecar;

static void
sidecar_clear (Sidecar *sidecar)
{
  g_free (sidecar->source);
  g_free (sidecar->crs);
  g_free (sidecar->id);
  g_free (sidecar->name);
  g_free (sidecar->file_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sidecar, sidecar_clear)

static gboolean
read_sidecar (GFile       *file,
              const char  *expected_id,
              Sidecar     *sidecar,
              GError     **error)
{
  g_autofree char *display = g_file_get_basename (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *text;

  bytes = cx_store_read_file (file, SIDECAR_MAX_SIZE, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: cannot be read: %s"), display, local_error->message);
      return FALSE;
    }

  root = cx_json_parse_bytes (bytes, display, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (cx_json_member_string (json_node_get_object (root), "format"), SIDECAR_FORMAT) != 0)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_FORMAT,
                   _("%s: not the settings of a layer"), display);
      return FALSE;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != SIDECAR_FORMAT_VERSION)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_FORMAT,
                   _("%s: made by another version of the app"), display);
      return FALSE;
    }

  text = cx_json_member_string (object, "id");
  if (g_strcmp0 (text, expected_id) != 0)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE,
                   _("%s: its \"id\" does not match its file name"), display);
      return FALSE;
    }
  sidecar->id = g_strdup (text);

  text = cx_json_member_string (object, "name");
  if (text == NULL || text[0] == '\0')
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE,
                   _("%s: the layer has no name"), display);
      return FALSE;
    }
  sidecar->name = g_strdup (text);

  text = cx_json_member_string (object, "file_name");
  sidecar->file_name = g_strdup (text != NULL ? text : sidecar->name);

  if (!cx_json_member_boolean (object, "gcj02", &sidecar->gcj02) ||
      !cx_json_member_boolean (object, "visible", &sidecar->visible))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_TYPE,
                   _("%s: \"gcj02\" and \"visible\" must be true or false"), display);
      return FALSE;
    }

  node = json_object_get_member (object, "imported");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    sidecar->imported = json_node_get_int (node);

  /* Its colour (written since the layers had one): anything but "#rrggbb"
   * is as if there were none, and the window gives the layer one again. */
  text = cx_json_member_string (object, "color");
  sidecar->has_color = text != NULL && strlen (text) == 7 && cx_color_parse (text, &sidecar->color);

  /* A helper layer's original: "ID.EXT", never a path elsewhere. */
  text = cx_json_member_string (object, "source");
  if (text != NULL)
    {
      const char *ext = g_str_has_prefix (text, expected_id) ? text + strlen (expected_id) : NULL;
      gboolean valid = ext != NULL && ext[0] == '.' && strlen (ext) >= 2 && strlen (ext) <= 9 &&
                       !g_str_equal (ext, ".json") && !g_str_equal (ext, ".geojson");

      for (const char *p = ext != NULL ? ext + 1 : ""; valid && *p != '\0'; p++)
        valid = g_ascii_islower (*p) || g_ascii_isdigit (*p);
      if (!valid)
        {
          g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_VALUE,
                       _("%s: \"source\" is not a file of this layer"), display);
          return FALSE;
        }
      sidecar->source = g_strdup (text);

      text = cx_json_member_string (object, "crs");
      if (text != NULL && text[0] != '\0' && strlen (text) <= 200)
        sidecar->crs = g_strdup (text);
    }

  return TRUE;
}

/* Adds one line to @warnings. */
static void
warn (GString    *warnings,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (GString    *warnings,
      const char *format,
      ...)
{
  va_list args;

  if (warnings->len > 0)
    g_string_append_c (warnings, '\n');
  va_start (args, format);
  g_string_append_vprintf (warnings, format, args);
  va_end (args);
}

/* "user-SLUG-N": the slug is what is between. */
static char *
slug_of (const char *id)
{
  return g_strndup (id + strlen ("user-"), strrchr (id, '-') - id - strlen ("user-"));
}

static void
move_aside_and_report_full (GFile      *dir,
                            const char *id,
                            const char *source_ext,
                            const char *reason,
                            GString    *warnings)
{
  g_autoptr(GPtrArray) files = stored_files (dir, id, source_ext);
  g_autoptr(GString) moved = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *new_name = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_query_exists (file, NULL))
        continue;
      if (cx_store_move_aside (file, &new_name, &error))
        g_string_append_printf (moved, "%s%s", moved->len > 0 ? ", " : "", new_name);
      else
        {
          g_autofree char *name = g_file_get_basename (file);

          g_warning ("Could not move %s aside: %s", name, error->message);
        }
    }

  warn (warnings, _("The layer %s could not be loaded and was moved aside (%s): %s"),
        id, moved->len > 0 ? moved->str : "—", reason);
}

static void
move_aside_and_report (GFile      *dir,
                       const char *id,
                       const char *reason,
                       GString    *warnings)
{
  move_aside_and_report_full (dir, id, NULL, reason, warnings);
}

/* Of a stored document's load, the share of reading it (the rest is
 * parsing), as for an import (cx-import-file.c). */
#define LOAD_READ_SHARE 0.1

/* Where one layer's loading lies in the progress of loading them all. */
typedef struct
{
  CxProgressRelay *relay;   /* nullable */
  double           from;
  double           to;
} LoadProgress;

static void
load_progress_report (double   fraction,
                      gpointer data)
{
  LoadProgress *progress = data;

  cx_progress_relay_report (progress->from + CLAMP (fraction, 0, 1) * (progress->to - progress->from),
                            progress->relay);
}

/* A layer the import helper reads: imported again from its stored
 * original. One that no longer imports is moved aside with its settings;
 * one whose helper could not run (not installed, killed, out of memory) is
 * left as it is for the next start. */
static CxImportedLayer *
load_helper_layer (GFile         *dir,
                   const char    *id,
                   Sidecar       *sidecar,
                   LoadProgress  *progress,
                   GCancellable  *cancellable,
                   GString       *warnings,
                   GError       **error)
{
  g_autoptr(GFile) original = g_file_get_child (dir, sidecar->source);
  const char *ext = sidecar->source + strlen (id);
  g_autoptr(GError) local_error = NULL;
  CxImportedLayer *layer;

  if (!g_file_query_exists (original, NULL))
    {
      g_autofree char *reason = g_strdup_printf (_("its original (%s) is missing"), sidecar->source);

      move_aside_and_report_full (dir, id, ext, reason, warnings);
      return NULL;
    }

  layer = cx_import_helper_import (original, sidecar->source, sidecar->crs, sidecar->gcj02,
                                   cancellable, load_progress_report, progress, &local_error);
  if (layer == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER) ||
               g_error_matches (local_error, CX_PACK_ERROR, CX_PACK_ERROR_IO))
        warn (warnings, _("The layer %s was not loaded: %s. Its files were left as they are; the next start tries again."),
              id, local_error->message);
      else
        move_aside_and_report_full (dir, id, ext, local_error->message, warnings);
      return NULL;
    }

  g_free (layer->slug);
  layer->slug = slug_of (id);
  g_free (layer->file_name);
  layer->file_name = g_steal_pointer (&sidecar->file_name);
  g_free (layer->source_ext);
  layer->source_ext = g_strdup (ext);
  layer_mark_stored (layer, id);
  g_free (layer->name);
  layer->name = g_steal_pointer (&sidecar->name);
  layer->visible = sidecar->visible;
  layer->has_color = sidecar->has_color;
  layer->color = sidecar->color;
  layer->imported = sidecar->imported;
  return layer;
}

static CxImportedLayer *
load_layer (GFile         *dir,
            const char    *id,
            gboolean       has_sidecar,
            LoadProgress  *progress,
            GCancellable  *cancellable,
            GString       *warnings,
            GError       **error)
{
  g_autoptr(GFile) sidecar_file = child_with_suffix (dir, id, ".json");
  g_autoptr(GFile) document = child_with_suffix (dir, id, ".geojson");
  g_autofree char *display = g_file_get_basename (document);
  g_autofree char *slug = slug_of (id);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) sidecar_error = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(Sidecar) sidecar = { 0, };
  gboolean settings_ok = FALSE;
  CxImportedLayer *layer;

  bytes = cx_import_read_file (document, display, cancellable, load_progress_report, progress,
                               LOAD_READ_SHARE, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* Perhaps only for now (a permission, a disk): touch nothing. */
      warn (warnings, _("The layer %s was not loaded: %s. Its files were left as they are; the next start tries again."),
            id, local_error->message);
      return NULL;
    }

  /* The empty file that reserves an id, from an import that never got
   * further: nothing of the user's is in it. */
  if (g_bytes_get_size (bytes) == 0 && !has_sidecar)
    {
      if (g_file_delete (document, NULL, &local_error))
        warn (warnings, _("An import that was interrupted left the empty file %s; it was removed."), display);
      else
        warn (warnings, _("An import that was interrupted left the empty file %s, which could not be removed: %s"),
              display, local_error->message);
      return NULL;
    }

  if (has_sidecar)
    settings_ok = read_sidecar (sidecar_file, id, &sidecar, &sidecar_error);

  layer = cx_import_bytes_full (bytes, display,
                                settings_ok ? sidecar.file_name : display,
                                settings_ok ? sidecar.gcj02 : FALSE,
                                cancellable, load_progress_report, progress, LOAD_READ_SHARE, &local_error);
  if (layer == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      move_aside_and_report (dir, id, local_error->message, warnings);
      return NULL;
    }

  g_free (layer->slug);
  layer->slug = g_strdup (slug);
  layer_mark_stored (layer, id);

  if (settings_ok)
    {
      g_free (layer->name);
      layer->name = g_steal_pointer (&sidecar.name);
      layer->visible = sidecar.visible;
      layer->has_color = sidecar.has_color;
      layer->color = sidecar.color;
      layer->imported = sidecar.imported;
      return layer;
    }

  /* The document is intact: the layer comes back with default settings.
   * Settings that could not be read are kept aside first, never written
   * over. */
  {
    g_autofree char *kept_as = NULL;
    g_autofree char *reason = NULL;
    g_autoptr(GError) move_error = NULL;
    g_autoptr(GError) write_error = NULL;

    g_free (layer->name);
    layer->name = g_strdup (slug);
    layer->visible = TRUE;
    layer->imported = 0;

    if (has_sidecar && !cx_store_move_aside (sidecar_file, &kept_as, &move_error))
      {
        layer->settings_locked = TRUE;
        g_warning ("Could not move %s.json aside: %s", id, move_error->message);
      }

    if (!layer->settings_locked)
      {
        g_autoptr(Snapshot) snapshot = snapshot_new (layer, dir);

        if (!write_sidecar (snapshot, id, &write_error))
          g_warning ("Could not write default settings for %s: %s", id, write_error->message);
      }

    if (!has_sidecar)
      reason = g_strdup (_("its settings file is missing"));
    else if (kept_as != NULL)
      reason = g_strdup_printf (_("its settings could not be used (%s); they were kept as %s"),
                                sidecar_error->message, kept_as);
    else
      reason = g_strdup_printf (_("its settings could not be used (%s), and are left as they are"),
                                sidecar_error->message);

    warn (warnings, _("The layer %s was restored with default settings (named “%s”, shown, positions taken as WGS84) because %s."),
          id, layer->name, reason);
  }

  return layer;
}

/* Whether @name is "ID@suffix" for an id the store could have written. */
static char *
stored_id (const char *name,
           const char *suffix)
{
  g_autofree char *id = NULL;
  const char *dash;

  if (!g_str_has_suffix (name, suffix))
    return NULL;

  id = g_strndup (name, strlen (name) - strlen (suffix));
  dash = strrchr (id, '-');
  if (!g_str_has_prefix (id, "user-") || !cx_is_valid_id (id) ||
      dash == NULL || dash < id + strlen ("user-") || !g_ascii_isdigit (dash[1]))
    return NULL;

  return g_steal_pointer (&id);
}

static char *
sidecar_id (const char *name)
{
  return stored_id (name, ".json");
}

/* Whether @temp, the temporary of @target (ID.geojson or ID.json), holds a
 * whole file of its kind. */
static gboolean
temp_is_complete (GFile        *temp,
                  const char   *id,
                  gboolean      is_document,
                  GCancellable *cancellable)
{
  g_autofree char *display = g_file_get_basename (temp);

  if (is_document)
    {
      g_autoptr(GBytes) bytes = cx_import_read_file (temp, display, cancellable, NULL, NULL, 0, NULL);
      g_autoptr(CxImportedLayer) layer = NULL;

      if (bytes == NULL || g_bytes_get_size (bytes) == 0)
        return FALSE;
      layer = cx_import_bytes_full (bytes, display, display, FALSE, cancellable, NULL, NULL, 0, NULL);
      return layer != NULL;
    }
  else
    {
      g_auto(Sidecar) sidecar = { 0, };

      return read_sidecar (temp, id, &sidecar, NULL);
    }
}

/* A save that died before its rename leaves "ID.geojson.partial-XXXXXX"
 * or "ID.json.partial-XXXXXX" (".XXXXXX" from older versions). A complete one takes its target's place when the target
 * holds nothing better (an empty reserved document, or settings, which a
 * complete temporary always holds a newer copy of); a complete document
 * beside a non-empty one is moved aside; an incomplete one is removed. */
static void
recover_temp (GFile        *dir,
              const char   *name,
              const char   *target,
              GCancellable *cancellable,
              GString      *warnings)
{
  g_autoptr(GFile) temp = g_file_get_child (dir, name);
  g_autoptr(GFile) target_file = g_file_get_child (dir, target);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean is_document;

  if ((id = stored_id (target, ".geojson")) != NULL)
    is_document = TRUE;
  else if ((id = stored_id (target, ".json")) != NULL)
    is_document = FALSE;
  else
    {
      /* A helper layer's original, copied before its settings were
       * written: nothing refers to it yet, and the user still has it. */
      const char *dot = strrchr (target, '.');
      g_autofree char *base = dot != NULL ? g_strndup (target, dot - target) : NULL;
      g_autofree char *stem = base != NULL ? g_strconcat (base, ".x", NULL) : NULL;
      g_autofree char *target_id = stem != NULL ? stored_id (stem, ".x") : NULL;

      if (target_id == NULL)
        return;
      if (g_file_delete (temp, NULL, &error))
        warn (warnings, _("A save of the layer %s was interrupted before it was complete; the unfinished copy %s was removed."),
              target_id, name);
      return;
    }

  if (temp_is_complete (temp, id, is_document, cancellable))
    {
      g_autoptr(GFileInfo) info = g_file_query_info (target_file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

      if (is_document && info != NULL && g_file_info_get_size (info) > 0)
        {
          g_autofree char *kept_as = NULL;

          if (cx_store_move_aside (temp, &kept_as, &error))
            warn (warnings, _("A save of the layer %s was interrupted; its complete copy %s was kept as %s."),
                  id, name, kept_as);
          else
            warn (warnings, _("A save of the layer %s was interrupted; its complete copy %s was left as it is (%s)."),
                  id, name, error->message);
          return;
        }

      if (g_file_move (temp, target_file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                       cancellable, NULL, NULL, &error))
        warn (warnings, _("A save of the layer %s was interrupted; it was complete and was recovered from %s."),
              id, name);
      else
        warn (warnings, _("A save of the layer %s was interrupted; its complete copy %s could not be put in place: %s"),
              id, name, error->message);
      return;
    }

  if (g_file_delete (temp, NULL, &error))
    warn (warnings, _("A save of the layer %s was interrupted before it was complete; the unfinished copy %s was removed."),
          id, name);
  else
    warn (warnings, _("A save of the layer %s was interrupted; its unfinished copy %s could not be removed: %s"),
          id, name, error->message);
}

static int
compare_layers (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const CxImportedLayer *la = a, *lb = b;

  if (la->imported != lb->imported)
    return la->imported < lb->imported ? -1 : 1;
  return strcmp (la->id, lb->id);
}

static GListStore *
load_all (GFile            *dir,
          CxProgressRelay  *relay,
          GCancellable     *cancellable,
          char            **warnings_out,
          GError          **error)
{
  LoadProgress progress = { relay, 0, 0 };
  guint n_loads, n_loaded = 0;
  g_autoptr(GListStore) store = g_list_store_new (CX_TYPE_IMPORTED_LAYER);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) sidecars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GString) warnings = g_string_new (NULL);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_clear_object (&enumerator);
      enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
      if (enumerator == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            goto done;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      for (;;)
        {
          GFileInfo *info;
          const char *name;
          char *id;

          if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
            return NULL;
          if (info == NULL)
            break;

          name = g_file_info_get_name (info);
          if (pass == 0)
            {
              char *target = cx_store_temp_target (name, TRUE);

              if (target != NULL)
                {
                  g_ptr_array_add (temps, g_strdup (name));
                  g_ptr_array_add (temps, target);
                }
            }
          else if ((id = sidecar_id (name)) != NULL)
            g_hash_table_add (sidecars, id);
          else if ((id = stored_id (name, ".geojson")) != NULL)
            g_hash_table_add (documents, id);
        }

      /* What an interrupted save left, dealt with before the layers are
       * read, which the second pass lists again. */
      if (pass == 0)
        for (guint i = 0; i + 1 < temps->len; i += 2)
          recover_temp (dir, g_ptr_array_index (temps, i), g_ptr_array_index (temps, i + 1),
                        cancellable, warnings);
    }

  /* Progress: each layer an equal share (a document, or settings that
   * name an original; a few settings files without either count too). */
  n_loads = g_hash_table_size (documents);
  {
    GHashTableIter iter;
    gpointer id;

    g_hash_table_iter_init (&iter, sidecars);
    while (g_hash_table_iter_next (&iter, &id, NULL))
      if (!g_hash_table_contains (documents, id))
        n_loads++;
  }

  ids = g_hash_table_get_keys_as_ptr_array (documents);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(CxImportedLayer) layer = NULL;
      g_autoptr(GError) load_error = NULL;

      progress.from = (double) n_loaded / n_loads;
      progress.to = (double) ++n_loaded / n_loads;
      layer = load_layer (dir, id, g_hash_table_contains (sidecars, id), &progress, cancellable, warnings, &load_error);
      if (load_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&load_error));
          return NULL;
        }
      if (layer != NULL)
        g_list_store_append (store, layer);
    }
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* Settings without their document: nothing to show, but not thrown
   * away either. */
  ids = g_hash_table_get_keys_as_ptr_array (sidecars);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      g_autoptr(GFile) sidecar_file = NULL;
      g_autoptr(CxImportedLayer) layer = NULL;
      g_autoptr(GError) load_error = NULL;
      g_auto(Sidecar) sidecar = { 0, };

      if (g_hash_table_contains (documents, id))
        continue;
      progress.from = (double) n_loaded / n_loads;
      progress.to = (double) ++n_loaded / n_loads;

      /* A layer of another format keeps its original instead. */
      sidecar_file = child_with_suffix (dir, id, ".json");
      if (read_sidecar (sidecar_file, id, &sidecar, NULL) && sidecar.source != NULL)
        {
          layer = load_helper_layer (dir, id, &sidecar, &progress, cancellable, warnings, &load_error);
          if (load_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&load_error));
              return NULL;
            }
          if (layer != NULL)
            g_list_store_append (store, layer);
          continue;
        }

      move_aside_and_report (dir, id, _("its document (.geojson) is missing"), warnings);
    }

  g_list_store_sort (store, compare_layers, NULL);

done:
  if (warnings_out != NULL)
    *warnings_out = warnings->len > 0 ? g_strdup (warnings->str) : NULL;
  return g_steal_pointer (&store);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * cx_import_store_get_default_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/changning-explorer/layers
 */
GFile *
cx_import_store_get_default_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "changning-explorer", "layers", NULL);

  return g_file_new_for_path (path);
}

/**
 * cx_import_store_save:
 * @layer: an imported layer
 * @layers_dir: a local directory, created if need be
 *
 * Stores a newly imported layer: gives it its final id (notifying
 * CxImportedLayer:id if that differs from the provisional one), writes the
 * document it was imported from and its settings. For a layer that is
 * already stored, writes its settings again. Writing a large document
 * takes time: cx_import_store_save_async() does it in a thread.
 *
 * Returns: %TRUE when stored
 */
gboolean
cx_import_store_save (CxImportedLayer  *layer,
                      GFile            *layers_dir,
                      GError          **error)
{
  g_autoptr(Snapshot) snapshot = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (layer), FALSE);
  g_return_val_if_fail (G_IS_FILE (layers_dir), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  snapshot = snapshot_new (layer, layers_dir);
  id = save_snapshot (snapshot, error);
  if (id == NULL)
    return FALSE;

  layer_mark_stored (layer, id);
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *id = save_snapshot (task_data, &error);

  if (id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, id, g_free);
}

/**
 * cx_import_store_save_async:
 *
 * cx_import_store_save() in a thread. The layer's fields are read now; the
 * layer is updated in cx_import_store_save_finish(). Saves of one layer
 * must not overlap.
 */
void
cx_import_store_save_async (CxImportedLayer     *layer,
                            GFile               *layers_dir,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CX_IS_IMPORTED_LAYER (layer));
  g_return_if_fail (G_IS_FILE (layers_dir));

  task = g_task_new (layer, cancellable, callback, user_data);
  g_task_set_source_tag (task, cx_import_store_save_async);
  g_task_set_name (task, "[cx-import-store] save");
  g_task_set_task_data (task, snapshot_new (layer, layers_dir), (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
cx_import_store_save_finish (CxImportedLayer  *layer,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_autofree char *id = NULL;
  const Snapshot *snapshot;

  g_return_val_if_fail (g_task_is_valid (result, layer), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cx_import_store_save_async, FALSE);

  id = g_task_propagate_pointer (G_TASK (result), error);
  if (id == NULL)
    return FALSE;

  layer_mark_stored (layer, id);
  snapshot = g_task_get_task_data (G_TASK (result));

  /* Removed while the thread wrote it: it would come back at the next
   * start. */
  if (layer->removed)
    return cx_import_store_remove (layer, snapshot->dir, error);

  /* Renamed, hidden or given a colour while the thread wrote the settings
   * it was given: those would come back at the next start. */
  if (g_strcmp0 (snapshot->name, layer->name) != 0 || snapshot->visible != layer->visible ||
      snapshot->has_color != layer->has_color ||
      (layer->has_color && !cx_color_equal_rgb (&snapshot->color, &layer->color)))
    {
      g_autoptr(Snapshot) now = snapshot_new (layer, snapshot->dir);

      if (!write_sidecar (now, id, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * cx_import_store_load_all:
 * @layers_dir: where the layers are stored; it need not exist
 * @warnings: (out) (optional) (nullable): one line per layer that could not
 *   be loaded, saying which files were moved aside and why; %NULL if none
 *
 * Loads every stored layer, oldest import first. Reading large layers
 * takes time: cx_import_store_load_all_async() does it in a thread.
 *
 * Returns: (transfer full): a store of CxImportedLayer, or %NULL when the
 *   directory cannot be read at all
 */
GListStore *
cx_import_store_load_all (GFile   *layers_dir,
                          char   **warnings,
                          GError **error)
{
  g_return_val_if_fail (G_IS_FILE (layers_dir), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_all (layers_dir, NULL, NULL, warnings, error);
}

typedef struct
{
  GListStore *store;
  char       *warnings;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->store);
  g_free (result->warnings);
  g_free (result);
}

typedef struct
{
  GFile           *dir;
  CxProgressRelay *relay;   /* nullable */
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_object_unref (job->dir);
  g_clear_pointer (&job->relay, cx_progress_relay_free);
  g_free (job);
}

/* In a thread: the layers and the warnings, or the error. */
static void
load_all_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  LoadJob *job = data;
  LoadResult *result = g_new0 (LoadResult, 1);
  GError *error = NULL;

  result->store = load_all (job->dir, job->relay, cancellable, &result->warnings, &error);
  if (result->store == NULL)
    {
      load_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, load_result_free);
}

void
cx_import_store_load_all_async (GFile               *layers_dir,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  cx_import_store_load_all_async_full (layers_dir, cancellable, NULL, NULL, callback, user_data);
}

/**
 * cx_import_store_load_all_async_full:
 * @progress: (nullable) (scope notified): called on the caller's
 *   thread-default main context with the fraction loaded (0…1), at most
 *   ten times a second, never after @callback
 *
 * As cx_import_store_load_all_async(), telling how far it is: each layer
 * is an equal share, read and parsed.
 */
void
cx_import_store_load_all_async_full (GFile                *layers_dir,
                                     GCancellable         *cancellable,
                                     CxImportProgressFunc  progress,
                                     gpointer              progress_data,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (G_IS_FILE (layers_dir));

  task = g_task_new (NULL, cancellable, callback, user_data);
  job = g_new0 (LoadJob, 1);
  job->dir = g_object_ref (layers_dir);
  if (progress != NULL)
    job->relay = cx_progress_relay_new (task, progress, progress_data);
  g_task_set_source_tag (task, cx_import_store_load_all_async);
  g_task_set_name (task, "[cx-import-store] load");
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_all_thread);
}

GListStore *
cx_import_store_load_all_finish (GAsyncResult  *result,
                                 char         **warnings,
                                 GError       **error)
{
  LoadResult *loaded;
  GListStore *store;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cx_import_store_load_all_async, NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  store = g_steal_pointer (&loaded->store);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&loaded->warnings);
  load_result_free (loaded);

  return store;
}

/* Writes the settings of a stored layer with one field changed; the layer
 * itself changes only once that has worked. A layer not stored yet only
 * changes in memory (its settings are written when it is saved). */
static gboolean
update_settings (CxImportedLayer  *layer,
                 GFile            *layers_dir,
                 const char       *name,
                 const gboolean   *visible,
                 const CxColor    *color,
                 GError          **error)
{
  g_autoptr(Snapshot) snapshot = snapshot_new (layer, layers_dir);

  if (name != NULL)
    {
      g_free (snapshot->name);
      snapshot->name = g_strdup (name);
    }
  if (visible != NULL)
    snapshot->visible = *visible;
  if (color != NULL)
    {
      snapshot->has_color = TRUE;
      snapshot->color = *color;
    }

  if (layer->stored && layer->settings_locked)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The layer “%s” could not be saved: its settings file could not be read at start, and is not written over"),
                   layer->name);
      return FALSE;
    }

  if (layer->stored)
    {
      g_autoptr(GError) local_error = NULL;

      if (!write_sidecar (snapshot, snapshot->id, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("The settings of the layer “%s” could not be saved: %s"),
                       layer->name, local_error->message);
          return FALSE;
        }
    }

  if (name != NULL)
    cx_imported_layer_set_name (layer, name);
  if (visible != NULL)
    cx_imported_layer_set_visible (layer, *visible);
  if (color != NULL)
    cx_imported_layer_set_color (layer, color);
  return TRUE;
}

/**
 * cx_import_store_rename:
 * @name: the new name; white space around it is dropped, and it is cut to
 *   200 characters
 *
 * Renames the layer and stores the name.
 *
 * Returns: %TRUE when renamed; %FALSE with %CX_IMPORT_ERROR_INVALID_NAME
 *   for an empty name, or an I/O error (the layer keeps its name)
 */
gboolean
cx_import_store_rename (CxImportedLayer  *layer,
                        GFile            *layers_dir,
                        const char       *name,
                        GError          **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (layer), FALSE);
  g_return_val_if_fail (G_IS_FILE (layers_dir), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = g_utf8_make_valid (name, -1);
  g_strstrip (clean);
  if (g_utf8_strlen (clean, -1) > NAME_MAX_CHARS)
    *g_utf8_offset_to_pointer (clean, NAME_MAX_CHARS) = '\0';

  if (clean[0] == '\0')
    {
      g_set_error_literal (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_INVALID_NAME,
                           _("A layer needs a name"));
      return FALSE;
    }

  return update_settings (layer, layers_dir, clean, NULL, NULL, error);
}

/**
 * cx_import_store_set_visible:
 *
 * Shows or hides the layer and stores that.
 */
gboolean
cx_import_store_set_visible (CxImportedLayer  *layer,
                             GFile            *layers_dir,
                             gboolean          visible,
                             GError          **error)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (layer), FALSE);
  g_return_val_if_fail (G_IS_FILE (layers_dir), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  visible = !!visible;
  return update_settings (layer, layers_dir, NULL, &visible, NULL, error);
}

/**
 * cx_import_store_set_color:
 * @color: opaque
 *
 * Gives the layer a colour (cx_imported_layer_set_color()) and stores it.
 */
gboolean
cx_import_store_set_color (CxImportedLayer  *layer,
                           GFile            *layers_dir,
                           const CxColor    *color,
                           GError          **error)
{
  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (layer), FALSE);
  g_return_val_if_fail (G_IS_FILE (layers_dir), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_settings (layer, layers_dir, NULL, NULL, color, error);
}

/**
 * cx_import_store_remove:
 *
 * Deletes the stored layer's files (the settings first, so that an
 * interrupted removal leaves a document that the next start moves aside
 * rather than a layer without its document). The layer object stays
 * usable; it is no longer stored. A save under way (cx_import_store_save_async())
 * deletes what it wrote when it ends.
 */
gboolean
cx_import_store_remove (CxImportedLayer  *layer,
                        GFile            *layers_dir,
                        GError          **error)
{
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (CX_IS_IMPORTED_LAYER (layer), FALSE);
  g_return_val_if_fail (G_IS_FILE (layers_dir), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A save under way removes what it wrote once it ends. */
  if (!layer->stored)
    {
      layer->removed = TRUE;
      return TRUE;
    }

  /* The settings first: without them, what is left is not loaded. */
  files = stored_files (layers_dir, layer->id, layer->source_ext);
  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(GError) local_error = NULL;

      if (!g_file_delete (file, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autoptr(GError) cause = NULL;

          cx_store_write_failed (file, local_error, &cause);
          g_set_error (error, cause->domain, cause->code,
                       _("The layer “%s” could not be removed: %s"),
                       layer->name, cause->message);
          return FALSE;
        }
    }

  layer->stored = FALSE;
  layer->removed = TRUE;
  return TRUE;
}
