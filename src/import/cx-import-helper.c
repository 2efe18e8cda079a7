/* cx-import-helper.c: other formats, read in the import helper process
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window never links GDAL. It starts changning-explorer-import on the
 * file, reads the records it writes (cx-import-pipe.c) into a sink that
 * builds the layer exactly as the GeoJSON reader would for the same data
 * (the same property rules, MultiPoint, clamped latitudes, GCJ-02), and
 * turns every way the helper can end into a message for a person:
 *
 *  - killed by a signal (a crash in GDAL on a damaged file),
 *  - out of memory: the helper may use MEMORY_LIMIT of address space
 *    (RLIMIT_AS, set between fork and exec, so it holds for a helper
 *    that is not ours too); 2 GiB is four times what GDAL needs for the
 *    largest file we tried, and less than the laptops the app is for
 *    have free while the window holds its layers,
 *  - a watchdog: no record for WATCHDOG_SECONDS (a reader that loops or
 *    blocks) and the helper is killed; the CPU limit catches a loop that
 *    keeps sending,
 *  - could not be started,
 *  - a stream the window cannot read (the helper taken over, or a bug).
 *
 * Where bubblewrap works, the helper runs in a sandbox with no network,
 * /usr read-only and only the file (and a Shapefile's sibling files)
 * from the rest of the file system; see sandbox_argv().
 */

#define G_LOG_DOMAIN "cx-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cx-import-helper.h"
#include "cx-import-pipe.h"
#include "cx-import-private.h"

#define HELPER_NAME "changning-explorer-import"

/* The helper's address space, in MiB; CX_IMPORT_HELPER_MEMORY_MB changes
 * it (the tests make it small). */
#define MEMORY_LIMIT_MB 2048
/* CPU seconds: a reader that loops while it sends (the watchdog catches
 * one that loops silently). The largest file we expect reads in a minute. */
#define CPU_LIMIT_SECONDS (30 * 60)
/* No record for this long and the helper is killed; CX_IMPORT_HELPER_TIMEOUT
 * (seconds) changes it for the tests. */
#define WATCHDOG_SECONDS 60

/* What is kept of the helper's stderr for the log. */
#define STDERR_TAIL_BYTES 4096

#define MAX_LATITUDE 85.0511287798

/* ------------------------------------------------------------------ */
/* Which files                                                         */
/* ------------------------------------------------------------------ */

static const char * const helper_extensions[] = {
  ".shp", ".shz", ".shp.zip", ".zip", ".gpkg", ".kml", ".kmz", ".gpx", ".csv", ".tsv",
  ".fgb", ".gml", ".dbf", ".tab", ".mif", ".dxf", ".gmt", ".sqlite", ".ods", ".xlsx",
  ".osm", ".pbf", ".vct", ".gxt", ".e00",
};

gboolean
cx_import_helper_handles (GFile        *file,
                          const guint8 *head,
                          gsize         head_size)
{
  g_autofree char *basename = file != NULL ? g_file_get_basename (file) : NULL;
  gsize skip = 0;

  if (basename != NULL)
    {
      if (g_str_has_suffix (basename, ".geojson") || g_str_has_suffix (basename, ".json"))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (helper_extensions); i++)
        {
          gsize n = strlen (helper_extensions[i]), len = strlen (basename);

          if (len > n && g_ascii_strcasecmp (basename + len - n, helper_extensions[i]) == 0)
            return TRUE;
        }
    }

  if (head == NULL)
    return FALSE;

  if (head_size >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return TRUE;
  if (head_size >= 16 && memcmp (head, "SQLite format 3\0", 16) == 0)
    return TRUE;
  if (head_size >= 4 && memcmp (head, "fgb\x03", 4) == 0)
    return TRUE;

  /* XML: KML, GPX, GML. A byte-order mark and white space may come first. */
  if (head_size >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  while (skip < head_size && g_ascii_isspace (head[skip]))
    skip++;
  if (head_size - skip >= 4 &&
      (memcmp (head + skip, "<?xm", 4) == 0 || memcmp (head + skip, "<kml", 4) == 0 ||
       memcmp (head + skip, "<gpx", 4) == 0))
    return TRUE;

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Finding and starting the helper                                     */
/* ------------------------------------------------------------------ */

static char *
find_helper (void)
{
  const char *env = g_getenv ("CX_IMPORT_HELPER");
  g_autofree char *self = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  /* In the build tree (build-aux/dev run): beside the app's binary. */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *path = g_build_filename (dir, "import", "helper", HELPER_NAME, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&path);
    }

  return g_build_filename (LIBEXECDIR, HELPER_NAME, NULL);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return (guint) value;
  return fallback;
}

#if defined(__SANITIZE_ADDRESS__)
#define CX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CX_ASAN 1
#endif
#endif

/* Whether RLIMIT_AS can be set: AddressSanitizer reserves terabytes of
 * address space for its shadow, so under it the helper could not start. */
gboolean
cx_import_helper_has_memory_limit (void)
{
#ifdef CX_ASAN
  return FALSE;
#else
  return TRUE;
#endif
}

typedef struct
{
  rlim_t memory;
} Limits;

/* Between fork and exec: only async-signal-safe calls. */
static void
child_setup (gpointer user_data)
{
  const Limits *limits = user_data;
  struct rlimit cpu = { CPU_LIMIT_SECONDS, CPU_LIMIT_SECONDS + 5 };
  struct rlimit core = { 0, 0 };

  if (limits->memory > 0)
    {
      struct rlimit as = { limits->memory, limits->memory };

      setrlimit (RLIMIT_AS, &as);
    }
  setrlimit (RLIMIT_CPU, &cpu);
  setrlimit (RLIMIT_CORE, &core);
}

static gboolean
bwrap_runs (const char *bwrap,
            gboolean    with_proc,
            char      **message)
{
  const char *argv[] = { bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                         "--dev", "/dev", with_proc ? "--proc" : "true", "/proc", "true", NULL };
  g_autofree char *err = NULL;
  int status = -1;

  if (!with_proc)
    argv[8] = "true", argv[9] = NULL;

  if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                    NULL, &err, &status, NULL) &&
      g_spawn_check_wait_status (status, NULL))
    return TRUE;

  g_free (*message);
  *message = g_strdup (err != NULL ? g_strstrip (err) : "?");
  return FALSE;
}

/* Whether bubblewrap runs here: probed once. It does not inside a
 * Flatpak (bwrap cannot make namespaces there; see docs/security.md),
 * nor where the system forbids unprivileged user namespaces. Where a new
 * /proc cannot be mounted (inside some containers, build-aux/dev's
 * among them), the helper gets none rather than the outer one, whose
 * /proc/PID/root would show every file. */
static gboolean bwrap_with_proc;

static gboolean
bwrap_works (void)
{
  static gsize probed = 0;
  static gboolean works = FALSE;

  if (g_once_init_enter (&probed))
    {
      g_autofree char *bwrap = g_find_program_in_path ("bwrap");
      g_autofree char *message = NULL;

      if (g_getenv ("CX_IMPORT_NO_SANDBOX") != NULL)
        g_message ("import helper: sandbox turned off (CX_IMPORT_NO_SANDBOX)");
      else if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
        g_message ("import helper: in a Flatpak, bubblewrap is not usable; the helper runs in "
                   "the app's own sandbox, with its seccomp filter against sockets");
      else if (bwrap == NULL)
        g_message ("import helper: bwrap is not installed; the helper runs without a sandbox, "
                   "with its seccomp filter against sockets");
      else if (bwrap_runs (bwrap, TRUE, &message))
        works = bwrap_with_proc = TRUE;
      else if (bwrap_runs (bwrap, FALSE, &message))
        works = TRUE;
      else
        g_message ("import helper: bwrap does not work here (%s); the helper runs without a "
                   "sandbox, with its seccomp filter against sockets", message);
      g_once_init_leave (&probed, 1);
    }

  return works;
}

gboolean
cx_import_helper_sandboxed (void)
{
  return bwrap_works ();
}

static void
add (GPtrArray  *argv,
     const char *arg)
{
  g_ptr_array_add (argv, g_strdup (arg));
}

/* /lib, /lib64, /bin, /sbin: a directory, or (merged /usr) a symlink into /usr. */
static void
add_top_dir (GPtrArray  *argv,
             const char *path)
{
  g_autofree char *target = g_file_read_link (path, NULL);

  if (target != NULL)
    {
      add (argv, "--symlink");
      add (argv, target);
      add (argv, path);
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      add (argv, "--ro-bind");
      add (argv, path);
      add (argv, path);
    }
}

static void
add_ro_bind (GPtrArray  *argv,
             const char *path)
{
  add (argv, "--ro-bind");
  add (argv, path);
  add (argv, path);
}

/* The file, and for a Shapefile its siblings: the same directory and the
 * same name up to the extension (x.shx, x.dbf, x.prj, x.cpg, …). */
static void
add_file_binds (GPtrArray  *argv,
                const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  g_autoptr(GDir) listing = NULL;
  const char *name;

  add_ro_bind (argv, path);
  if (dot == NULL || g_ascii_strcasecmp (dot, ".shp") != 0)
    return;

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      const char *other_dot = strrchr (name, '.');

      if (other_dot != NULL && other_dot - name == dot - base &&
          strncmp (name, base, dot - base) == 0 && !g_str_equal (name, base))
        {
          g_autofree char *sibling = g_build_filename (dir, name, NULL);

          if (g_file_test (sibling, G_FILE_TEST_IS_REGULAR))
            add_ro_bind (argv, sibling);
        }
    }
}

/* bwrap's arguments before the helper's: a new namespace for everything
 * (no network), /usr and the loader's files read-only, a private /tmp,
 * and the one file. Nothing of $HOME but the file. */
static void
sandbox_argv (GPtrArray  *argv,
              const char *helper,
              const char *path)
{
  g_autofree char *bwrap = g_find_program_in_path ("bwrap");

  add (argv, bwrap);
  add (argv, "--unshare-all");
  add (argv, "--die-with-parent");
  add (argv, "--new-session");
  add_ro_bind (argv, "/usr");
  add_top_dir (argv, "/lib");
  add_top_dir (argv, "/lib64");
  add_top_dir (argv, "/lib32");
  add_top_dir (argv, "/bin");
  add_top_dir (argv, "/sbin");
  add (argv, "--ro-bind-try");
  add (argv, "/etc/ld.so.cache");
  add (argv, "/etc/ld.so.cache");
  /* Debian's alternatives (libblas.so.3 and other libraries GDAL links
   * are symlinks through /etc/alternatives). GDAL's and PROJ's data live
   * under /usr/share. */
  add (argv, "--ro-bind-try");
  add (argv, "/etc/alternatives");
  add (argv, "/etc/alternatives");
  add (argv, "--ro-bind-try");
  add (argv, "/etc/localtime");
  add (argv, "/etc/localtime");
  if (bwrap_with_proc)
    {
      add (argv, "--proc");
      add (argv, "/proc");
    }
  add (argv, "--dev");
  add (argv, "/dev");
  add (argv, "--tmpfs");
  add (argv, "/tmp");
  if (!g_str_has_prefix (helper, "/usr/"))
    add_ro_bind (argv, helper);
  /* A build tree's translations (main.c's CX_LOCALEDIR), so that the
   * helper's messages are in the window's language when run from there. */
  if (g_getenv ("CX_LOCALEDIR") != NULL && g_path_is_absolute (g_getenv ("CX_LOCALEDIR")))
    {
      add (argv, "--ro-bind-try");
      add (argv, g_getenv ("CX_LOCALEDIR"));
      add (argv, g_getenv ("CX_LOCALEDIR"));
    }
  add_file_binds (argv, path);
  add (argv, "--");
}

/**
 * cx_import_helper_check_sandbox:
 * @allowed: the file the helper is given, as for an import
 * @probe: a file it tries to read
 * @report: (out): what the helper said
 *
 * Runs the helper's --check-sandbox diagnostic in the sandbox an import of
 * @allowed gets: it tries to open a socket and to read @probe.
 *
 * Returns: whether both failed
 */
gboolean
cx_import_helper_check_sandbox (const char  *allowed,
                                const char  *probe,
                                char       **report)
{
  g_autofree char *helper = find_helper ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  if (bwrap_works ())
    sandbox_argv (argv, helper, allowed);
  add (argv, helper);
  add (argv, "--check-sandbox");
  add (argv, probe);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, NULL))
    status = -1;
  *report = g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);
  return status == 0;
}

/* ------------------------------------------------------------------ */
/* Building the layer                                                  */
/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean              gcj02;
  GCancellable         *cancellable;
  CxImportProgressFunc  progress;
  gpointer              progress_data;

  CxFeatureStore       *store;        /* owned until the layer takes it */
  GArray               *sublayers;    /* CxImportedSublayer */
  char                 *format;
  char                 *crs;
  guint                 n_unlocated;
  guint                 n_clamped;
} Builder;

static void
builder_clear (Builder *builder)
{
  g_clear_pointer (&builder->format, g_free);
  g_clear_pointer (&builder->crs, g_free);
  g_clear_pointer (&builder->store, cx_feature_store_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Builder, builder_clear)

static void
clear_sublayer (gpointer data)
{
  g_free (((CxImportedSublayer *) data)->name);
  g_free (((CxImportedSublayer *) data)->crs);
}

static gboolean
builder_layer (gpointer                 user_data,
               const CxImportLayerInfo *layer,
               GError                 **error)
{
  Builder *builder = user_data;
  CxImportedSublayer sublayer = { g_strdup (layer->name), g_strdup (layer->crs), 0 };

  g_array_append_val (builder->sublayers, sublayer);
  if (builder->format == NULL)
    {
      builder->format = g_strdup (layer->driver);
      builder->crs = g_strdup (layer->crs);
    }
  return TRUE;
}

/* Latitudes past where Web Mercator ends are drawn there, and counted, as
 * the GeoJSON reader does. NULL when nothing needs to move. */
static CxGeometry *
clamp_geometry (const CxGeometry *in,
                guint            *n_clamped)
{
  CxGeometryType type = cx_geometry_get_geometry_type (in);
  const CxCoord *coords = cx_geometry_get_coords (in);
  guint n_coords = cx_geometry_get_n_coords (in);
  guint n_parts = cx_geometry_get_n_parts (in);
  g_autoptr(CxGeometry) out = NULL;
  guint part = 0;

  for (guint i = 0; i < n_coords; i++)
    if (fabs (coords[i].y) > MAX_LATITUDE)
      break;
    else if (i == n_coords - 1)
      return NULL;

  out = cx_geometry_new_sized (type, n_coords, n_parts, cx_geometry_get_n_polygons (in));
  for (guint p = 0; p < (cx_geometry_type_is_areal (type) ? cx_geometry_get_n_polygons (in) : 1); p++)
    {
      guint first = 0, n_in = n_parts;

      if (cx_geometry_type_is_areal (type))
        cx_geometry_get_polygon_parts (in, p, &first, &n_in);
      for (part = first; part < first + n_in; part++)
        {
          guint n;
          const CxCoord *c = cx_geometry_get_part (in, part, &n);

          for (guint i = 0; i < n; i++)
            {
              double y = c[i].y;

              if (fabs (y) > MAX_LATITUDE)
                {
                  y = copysign (MAX_LATITUDE, y);
                  (*n_clamped)++;
                }
              cx_geometry_add_coord (out, c[i].x, y);
            }
          cx_geometry_close_part (out);
        }
      if (cx_geometry_type_is_areal (type))
        cx_geometry_close_polygon (out);
    }

  return g_steal_pointer (&out);
}

static gboolean
builder_feature (gpointer                   user_data,
                 const CxImportFeatureInfo *info,
                 GError                   **error)
{
  Builder *builder = user_data;
  g_autoptr(CxGeometry) clamped = NULL;
  CxImportFeatureInfo feature;
  guint sublayer;

  if (g_cancellable_set_error_if_cancelled (builder->cancellable, error))
    return FALSE;

  /* A feature before any layer record is a helper's mistake. */
  if (builder->sublayers->len == 0)
    {
      g_set_error_literal (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                           _("the import helper sent data the app cannot read"));
      return FALSE;
    }
  sublayer = builder->sublayers->len - 1;
  g_array_index (builder->sublayers, CxImportedSublayer, sublayer).n_features++;

  if (info->geometry == NULL)
    {
      builder->n_unlocated++;
      return TRUE;
    }

  clamped = clamp_geometry (info->geometry, &builder->n_clamped);
  feature = *info;
  if (clamped != NULL)
    feature.geometry = clamped;
  cx_feature_store_add (builder->store, &feature, sublayer, builder->gcj02);
  return TRUE;
}

static gboolean
builder_progress (gpointer   user_data,
                  double     fraction,
                  GError   **error)
{
  Builder *builder = user_data;

  if (g_cancellable_set_error_if_cancelled (builder->cancellable, error))
    return FALSE;
  if (builder->progress != NULL)
    builder->progress (fraction, builder->progress_data);
  return TRUE;
}

static const CxImportSink builder_sink = { builder_layer, builder_feature, builder_progress };

/* "parcels.shp" → "parcels"; "roads.shp.zip" → "roads". */
static char *
name_from_file_name (const char *file_name)
{
  g_autofree char *name = g_strdup (file_name);
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  if (g_str_has_suffix (name, ".shp"))
    name[strlen (name) - 4] = '\0';
  return g_steal_pointer (&name);
}

/* For a file saved without its extension: one GDAL recognises again when
 * the store reads it back (a zip must be named .zip to be looked into). */
static char *
extension_from_head (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 head[16] = { 0, };
  gsize n = 0;

  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, NULL);

  if (n >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return g_strdup (".zip");
  if (n >= 16 && memcmp (head, "SQLite format 3\0", 16) == 0)
    return g_strdup (".gpkg");
  if (n >= 4 && memcmp (head, "fgb\x03", 4) == 0)
    return g_strdup (".fgb");
  if (cx_import_helper_handles (NULL, head, n))
    return g_strdup (".xml");
  return g_strdup (".dat");
}

static CxImportedLayer *
builder_finish (Builder    *builder,
                GFile      *file,
                const char *crs_override)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *basename = g_file_get_basename (file);
  CxImportedLayer *layer = g_object_new (CX_TYPE_IMPORTED_LAYER, NULL);

  layer->file_name = g_filename_display_name (basename);
  layer->name = name_from_file_name (layer->file_name);
  layer->slug = cx_import_make_slug (layer->name);
  layer->id = cx_import_make_id (layer->slug, 1);
  layer->gcj02 = builder->gcj02;
  layer->imported = g_date_time_to_unix (now);
  layer->source_file = g_object_ref (file);
  {
    /* Kept as ID.EXT by the store: a simple lower-case extension, or
     * ".dat" for a name without one. */
    const char *dot = strrchr (basename, '.');
    g_autofree char *ext = dot != NULL && dot != basename ? g_ascii_strdown (dot, -1) : NULL;
    gboolean simple = ext != NULL && strlen (ext) >= 2 && strlen (ext) <= 9 &&
                      !g_str_equal (ext, ".json") && !g_str_equal (ext, ".geojson");

    for (const char *p = ext != NULL ? ext + 1 : ""; simple && *p != '\0'; p++)
      simple = g_ascii_islower (*p) || g_ascii_isdigit (*p);
    layer->source_ext = simple ? g_steal_pointer (&ext) : extension_from_head (file);
  }
  layer->n_unlocated = builder->n_unlocated;
  layer->n_clamped = builder->n_clamped;
  layer->bounds = cx_feature_store_get_extent (builder->store);
  layer->format = g_steal_pointer (&builder->format);
  layer->crs = g_steal_pointer (&builder->crs);
  layer->crs_override = g_strdup (crs_override);
  layer->sublayers = g_array_ref (builder->sublayers);
  /* With several layers in the file, each feature's table starts with
   * the one it is from (cx-imported-feature.c). */
  cx_imported_layer_set_store (layer, g_steal_pointer (&builder->store));

  return layer;
}

/* ------------------------------------------------------------------ */
/* Running it                                                          */
/* ------------------------------------------------------------------ */

static void
append_tail (GString      *tail,
             const guint8 *data,
             gsize         size)
{
  g_string_append_len (tail, (const char *) data, (gssize) size);
  if (tail->len > STDERR_TAIL_BYTES)
    g_string_erase (tail, 0, (gssize) (tail->len - STDERR_TAIL_BYTES));
}

static gboolean
looks_out_of_memory (const char *tail)
{
  static const char * const signs[] = {
    "failed to allocate", "bad_alloc", "Out of memory", "out of memory", "Cannot allocate memory",
  };

  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    if (strstr (tail, signs[i]) != NULL)
      return TRUE;
  return FALSE;
}

typedef enum
{
  END_NORMAL,
  END_WATCHDOG,
  END_CANCELLED,
  END_POLL_FAILED,
} EndReason;

CxImportedLayer *
cx_import_helper_import (GFile                *file,
                         const char           *display_name,
                         const char           *crs,
                         gboolean              gcj02,
                         GCancellable         *cancellable,
                         CxImportProgressFunc  progress,
                         gpointer              progress_data,
                         GError              **error)
{
  g_autofree char *helper = find_helper ();
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *file_name = g_filename_display_name (basename);
  g_autofree char *crs_arg = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CxImportPipeReader) reader = NULL;
  g_autoptr(GString) tail = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) stream_error = NULL;
  g_autoptr(GArray) sublayers = g_array_new (FALSE, TRUE, sizeof (CxImportedSublayer));
  guint watchdog = env_uint ("CX_IMPORT_HELPER_TIMEOUT", WATCHDOG_SECONDS);
  guint memory_mb = env_uint ("CX_IMPORT_HELPER_MEMORY_MB", MEMORY_LIMIT_MB);
  Limits limits = { 0 };
  g_auto(Builder) builder = { 0 };
  EndReason end = END_NORMAL;
  gboolean stream_ok = TRUE, sandboxed = FALSE;
  int sig = 0, status = 0;
  int out_fd, err_fd, cancel_fd;
  gint64 last_record;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (display_name == NULL)
    display_name = file_name;

  if (path == NULL)
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_IO,
                   _("%s: cannot be read: not a local file"), display_name);
      return NULL;
    }

  if (cx_import_helper_has_memory_limit ())
    limits.memory = (rlim_t) memory_mb * 1024 * 1024;

  sandboxed = bwrap_works ();
  if (sandboxed)
    sandbox_argv (argv, helper, path);
  add (argv, helper);
  if (crs != NULL)
    {
      crs_arg = g_strconcat ("--crs=", crs, NULL);
      add (argv, crs_arg);
    }
  add (argv, "--");
  add (argv, path);
  g_ptr_array_add (argv, NULL);

  if (!g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_warning ("import helper %s: no such program", helper);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                   _("“%s” cannot be imported: the import helper could not be started: %s"),
                   display_name, g_strerror (ENOENT));
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, &limits, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &local_error);
  if (process == NULL)
    {
      g_warning ("import helper %s could not be started: %s", helper, local_error->message);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                   _("“%s” cannot be imported: the import helper could not be started: %s"),
                   display_name, local_error->message);
      return NULL;
    }

  builder.gcj02 = gcj02;
  builder.cancellable = cancellable;
  builder.progress = progress;
  builder.progress_data = progress_data;
  builder.store = cx_feature_store_new ();
  builder.sublayers = sublayers;
  g_array_set_clear_func (sublayers, clear_sublayer);
  reader = cx_import_pipe_reader_new (&builder_sink, &builder);

  out_fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (process)));
  err_fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stderr_pipe (process)));
  cancel_fd = g_cancellable_get_fd (cancellable);
  last_record = g_get_monotonic_time ();

  /* Until both pipes are closed: records from stdout, the end of stderr
   * for the log, a cancel, or the watchdog. */
  while (out_fd >= 0 || err_fd >= 0)
    {
      struct pollfd fds[3] = {
        { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 }, { cancel_fd, POLLIN, 0 },
      };
      gint64 waited = (g_get_monotonic_time () - last_record) / 1000;
      gint64 left = (gint64) watchdog * 1000 - waited;
      guint8 buffer[64 * 1024];
      int n;

      if (left <= 0)
        {
          end = END_WATCHDOG;
          break;
        }

      n = poll (fds, 3, (int) MIN (left, 1000));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          end = END_POLL_FAILED;
          break;
        }
      if (g_cancellable_is_cancelled (cancellable))
        {
          end = END_CANCELLED;
          break;
        }

      if (out_fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
        {
          gssize got = read (out_fd, buffer, sizeof buffer);

          if (got < 0 && errno == EINTR)
            continue;
          if (got <= 0)
            out_fd = -1;
          else
            {
              last_record = g_get_monotonic_time ();
              if (stream_ok && !cx_import_pipe_reader_push (reader, buffer, (gsize) got, &stream_error))
                {
                  /* Nothing more is wanted from it. */
                  stream_ok = FALSE;
                  g_subprocess_force_exit (process);
                }
            }
        }

      if (err_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
        {
          gssize got = read (err_fd, buffer, sizeof buffer);

          if (got < 0 && errno == EINTR)
            continue;
          if (got <= 0)
            err_fd = -1;
          else
            append_tail (tail, buffer, (gsize) got);
        }
    }

  g_cancellable_release_fd (cancellable);

  if (end != END_NORMAL)
    g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  if (end == END_CANCELLED && g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (end == END_POLL_FAILED)
    {
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                   _("“%s” cannot be imported: the import helper could not be started: %s"),
                   display_name, g_strerror (errno));
      return NULL;
    }

  if (end == END_WATCHDOG)
    {
      g_warning ("import helper: no record for %u s on %s; killed. Its stderr ends: %s",
                 watchdog, path, tail->str);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                   ngettext ("The reader stopped answering for %u second while reading “%s” and was stopped. Nothing was changed.",
                             "The reader stopped answering for %u seconds while reading “%s” and was stopped. Nothing was changed.",
                             watchdog),
                   watchdog, display_name);
      return NULL;
    }

  /* The helper's own error record (its words, which name the problem), or
   * the sink's. */
  if (!stream_ok && !g_error_matches (stream_error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER))
    {
      g_propagate_error (error, g_steal_pointer (&stream_error));
      return NULL;
    }

  /* A malformed record: the helper was killed there, by us. */
  if (!stream_ok)
    {
      g_warning ("import helper: unreadable data on its pipe for %s; killed. Its stderr ends: %s",
                 path, tail->str);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER, "%s: %s",
                   display_name, stream_error->message);
      return NULL;
    }

  if (cx_import_pipe_reader_finish (reader, &stream_error))
    return builder_finish (&builder, file, crs);

  /* The stream stopped short: say why the helper ended. */
  if (looks_out_of_memory (tail->str))
    {
      g_autofree char *limit = memory_mb % 1024 == 0 ? g_strdup_printf ("%u GB", memory_mb / 1024)
                                                     : g_strdup_printf ("%u MB", memory_mb);

      g_warning ("import helper: out of memory on %s. Its stderr ends: %s", path, tail->str);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                   _("The reader needed more than %s of memory while reading “%s” and was stopped. Nothing was changed."),
                   limit, display_name);
      return NULL;
    }

  /* bwrap reports a helper killed by signal N as exit status 128 + N. */
  if (g_subprocess_get_if_signaled (process))
    sig = g_subprocess_get_term_sig (process);
  else if (g_subprocess_get_if_exited (process))
    {
      status = g_subprocess_get_exit_status (process);
      if (sandboxed && status > 128 && status < 128 + 65)
        sig = status - 128;
    }

  if (sig != 0)
    {
      g_warning ("import helper: signal %d (%s) on %s. Its stderr ends: %s",
                 sig, g_strsignal (sig), path, tail->str);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                   _("The reader stopped unexpectedly (signal %d) while reading “%s”; the file may be damaged. Nothing was changed."),
                   sig, display_name);
      return NULL;
    }

  if (status != 0)
    {
      g_warning ("import helper: exit status %d on %s. Its stderr ends: %s", status, path, tail->str);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER,
                   _("The reader stopped unexpectedly (exit status %d) while reading “%s”; the file may be damaged. Nothing was changed."),
                   status, display_name);
      return NULL;
    }

  g_warning ("import helper: its records for %s stop short. Its stderr ends: %s", path, tail->str);
  g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_HELPER, "%s: %s",
               display_name, stream_error->message);
  return NULL;
}
