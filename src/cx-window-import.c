/* cx-window-import.c: the planner's own files imported as layers: every way
 * a file comes in (Ctrl+O, drops, the command line), the queue with its
 * progress, the coordinate system asked for when a file names none, the
 * messages when one fails, the layers kept for next time, renaming and
 * removing them
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-crs-dialog.h"
#include "cx-import-queue.h"
#include "cx-map-view.h"
#include "cx-overlay-layer.h"
#include "cx-palette.h"
#include "cx-rename-dialog.h"
#include "cx-window-private.h"

enum {
  LAYER_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CxImportedLayer *
find_imported (CxWindow   *self,
               const char *id,
               guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->imported)); i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->imported), i);

      if (g_strcmp0 (cx_imported_layer_get_id (layer), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return layer;
        }
    }

  return NULL;
}

static void
on_imported_visible (CxImportedLayer *layer,
                     GParamSpec      *pspec,
                     CxWindow        *self)
{
  g_autoptr(GError) error = NULL;

  if (!cx_import_store_set_visible (layer, self->layers_dir, cx_imported_layer_get_visible (layer), &error))
    g_warning ("Could not remember whether “%s” is shown: %s", cx_imported_layer_get_name (layer), error->message);
}

/* A layer without a colour (just imported, or kept from before the
 * layers had one) gets the palette's next free one, which is stored. */
static void
give_color (CxWindow        *self,
            CxImportedLayer *layer)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->imported));
  g_autofree CxColor *taken = g_new0 (CxColor, MAX (n, 1));
  guint n_taken = 0;
  g_autoptr(GError) error = NULL;
  CxColor color;

  if (cx_imported_layer_get_color (layer, &color))
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxImportedLayer) other = g_list_model_get_item (G_LIST_MODEL (self->imported), i);

      if (cx_imported_layer_get_color (other, &taken[n_taken]))
        n_taken++;
    }
  cx_palette_get_imported (cx_palette_pick_imported (taken, n_taken), &color);

  /* A layer not stored yet keeps it in memory until it is saved. */
  if (!cx_import_store_set_color (layer, self->layers_dir, &color, &error))
    {
      cx_imported_layer_set_color (layer, &color);
      g_warning ("Could not remember the colour of “%s”: %s", cx_imported_layer_get_name (layer), error->message);
    }
}

/* Returns whether the layer lies (partly) outside the pack's pan limit,
 * which then widens to take it in. */
static gboolean
show_imported (CxWindow        *self,
               CxImportedLayer *layer)
{
  CxBounds bounds = cx_imported_layer_get_bounds (layer);

  give_color (self, layer);
  g_list_store_append (self->imported, layer);
  g_signal_connect_object (layer, "notify::visible", G_CALLBACK (on_imported_visible), self, 0);
  return cx_map_view_include_bounds (self->map_view, &bounds);
}

/* "100.0°E, 0.0°N": where a box's centre is, for a message. */
static char *
describe_place (const CxBounds *b)
{
  double lon = (b->min_x + b->max_x) / 2;
  double lat = (b->min_y + b->max_y) / 2;
  char lon_text[G_ASCII_DTOSTR_BUF_SIZE], lat_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lon_text, sizeof lon_text, "%.1f", fabs (lon));
  g_ascii_formatd (lat_text, sizeof lat_text, "%.1f", fabs (lat));
  /* TRANSLATORS: a place as longitude and latitude, e.g. "100.0°E, 0.0°N" */
  return g_strdup_printf (_("%s°%s, %s°%s"), lon_text, lon < 0 ? C_("longitude", "W") : C_("longitude", "E"),
                          lat_text, lat < 0 ? C_("latitude", "S") : C_("latitude", "N"));
}

/* What the toast after an import says: how much was imported, and, so that
 * no import ends out of sight or in silence, whether anything could be
 * drawn, where the data is when it lies outside the district, and what
 * was drawn other than as written. Sets @warning when something the user
 * may not expect happened: the toast is then shown at once. */
static char *
import_summary (CxImportedLayer *layer,
                gboolean         outside,
                gboolean        *warning)
{
  guint n = g_list_model_get_n_items (cx_imported_layer_get_features (layer));
  guint unlocated = cx_imported_layer_get_n_unlocated (layer);
  guint clamped = cx_imported_layer_get_n_clamped (layer);
  const char *name = cx_imported_layer_get_name (layer);
  CxBounds bounds = cx_imported_layer_get_bounds (layer);
  GString *out = g_string_new (NULL);

  *warning = FALSE;

  if (n == 0)
    {
      *warning = TRUE;
      if (unlocated == 0)
        g_string_append_printf (out, _("“%s” was added, but it holds no features: there is nothing to draw"), name);
      else
        g_string_append_printf (out, ngettext ("“%2$s” was added, but there is nothing to draw: its %1$u feature has no location (its geometry is null or empty)",
                                               "“%2$s” was added, but there is nothing to draw: none of its %1$u features has a location (their geometries are null or empty)",
                                               unlocated),
                                unlocated, name);
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out, ngettext ("“%2$s”: %1$u feature imported", "“%2$s”: %1$u features imported", n),
                          n, name);

  if (outside)
    {
      g_autofree char *place = describe_place (&bounds);

      /* Shown at once, not behind other toasts: the map has moved far
       * from the district, and this says why. */
      *warning = TRUE;

      /* TRANSLATORS: after "“Layer”: 3 features imported" */
      g_string_append_printf (out, _(", around %s, outside the district’s map; the map now reaches it"), place);
    }

  if (unlocated > 0)
    {
      *warning = TRUE;
      /* TRANSLATORS: between two sentences of a message */
      g_string_append (out, _(". "));
      g_string_append_printf (out, ngettext ("%u feature has no location and is not drawn",
                                             "%u features have no location and are not drawn", unlocated),
                              unlocated);
    }

  if (clamped > 0)
    {
      *warning = TRUE;
      g_string_append (out, _(". "));
      g_string_append_printf (out, ngettext ("%u position lies beyond 85.05° latitude, where the map ends, and is drawn at its edge",
                                             "%u positions lie beyond 85.05° latitude, where the map ends, and are drawn at its edge", clamped),
                              clamped);
    }

  return g_string_free (out, FALSE);
}

/* The card over the map tells of an import under way, or else of the
 * layers kept from before while they load (once that takes a while). */
static void
update_import_card (CxWindow *self)
{
  CxImportQueue *queue = cx_session_get_import_queue (self->session);
  const char *name = cx_import_queue_get_current_name (queue);
  gboolean importing = cx_import_queue_get_busy (queue);

  gtk_revealer_set_reveal_child (self->import_revealer, importing || self->restore_card);
  /* Cancelling a load would only hide the layers until the next start. */
  gtk_widget_set_visible (self->import_cancel, importing);
  if (importing)
    {
      gtk_progress_bar_set_fraction (self->import_progress, cx_import_queue_get_fraction (queue));
      if (name != NULL)
        {
          g_autofree char *label = g_strdup_printf (_("Importing %s…"), name);
          gtk_label_set_label (self->import_label, label);
        }
    }
  else if (self->restore_card)
    {
      gtk_progress_bar_set_fraction (self->import_progress, self->restore_fraction);
      gtk_label_set_label (self->import_label, _("Loading your layers…"));
    }
}

static void
on_restore_progress (double   fraction,
                     gpointer user_data)
{
  CxWindow *self = user_data;

  self->restore_fraction = fraction;
  if (self->restore_card)
    update_import_card (self);
}

/* A load of the kept layers that takes longer than this shows the card:
 * a large layer (a district's buildings) takes seconds, and the map is
 * shown, and used, meanwhile. */
#define RESTORE_CARD_DELAY_MS 400

static void
show_restore_card (gpointer user_data)
{
  CxWindow *self = user_data;

  self->restore_card_id = 0;
  self->restore_card = TRUE;
  update_import_card (self);
}

static void
on_imported_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings = NULL;
  g_autoptr(GListStore) layers = cx_import_store_load_all_finish (result, &warnings, &error);

  /* The window closed first. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->restore_cancellable);
  g_clear_handle_id (&self->restore_card_id, g_source_remove);
  self->restore_card = FALSE;
  update_import_card (self);

  if (layers == NULL)
    {
      _cx_window_toast (self, CX_TOAST_ERROR, _("Your layers could not be loaded: %s"), error->message);
      return;
    }

  /* Nothing is dropped silently: what happened to each layer's files is
   * said, and stays on screen until read (a dialog may be over it). */
  if (warnings != NULL && warnings[0] != '\0')
    _cx_window_toast (self, CX_TOAST_ERROR | CX_TOAST_LASTING, "%s", warnings);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (layers)); i++)
    {
      g_autoptr(CxImportedLayer) layer = g_list_model_get_item (G_LIST_MODEL (layers), i);
      show_imported (self, layer);
    }
}

/* The layers kept from before load in a thread, while the window is
 * drawn and used; each is drawn once it is ready (a large one after a
 * worker has prepared it for the map, cx_overlay_layer_add_imported()). */
static void
load_imported (CxWindow *self)
{
  self->restore_cancellable = g_cancellable_new ();
  self->restore_fraction = 0;
  self->restore_card_id = g_timeout_add_once (RESTORE_CARD_DELAY_MS, show_restore_card, self);
  cx_import_store_load_all_async_full (self->layers_dir, self->restore_cancellable, on_restore_progress, self,
                                       on_imported_loaded, g_object_ref (self));
}

static void
on_layer_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CxWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cx_import_store_save_finish (CX_IMPORTED_LAYER (source), result, &error))
    _cx_window_toast (self, CX_TOAST_ERROR, "%s", error->message);
}

/* The import helper's errors (a reader that crashed, hung or ran out of
 * memory, a damaged or unsupported file) run to several sentences that
 * say what happened and that nothing was changed: they are shown whole in
 * a dialog, not cut in a toast, and logged. */
static void
report_failure (CxWindow     *self,
                GFile        *file,
                const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("“%s” Not Imported"), name);
  AdwDialog *dialog;

  g_warning ("The file could not be imported: %s", error->message);

  dialog = adw_alert_dialog_new (heading, NULL);
  adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog), error->message);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "close");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "close");
  gtk_widget_set_name (GTK_WIDGET (dialog), "import-failed-dialog");
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* Queues @file after any import under way, and updates what the actions
 * allow (Cancel Import): the one way every chooser, drop, command line and
 * the CRS dialog hand a file on. */
static void
queue_import (CxWindow   *self,
              GFile      *file,
              gboolean    gcj02,
              const char *crs)
{
  cx_import_queue_add_full (cx_session_get_import_queue (self->session), file, gcj02, crs);
  _cx_window_actions_update (self);
}

static void
on_crs_response (CxCrsDialog *dialog,
                 const char  *response,
                 CxWindow    *self)
{
  g_autofree char *crs = NULL;

  if (g_strcmp0 (response, "import") != 0)
    return;

  crs = cx_crs_dialog_get_crs (dialog);
  g_return_if_fail (crs != NULL);
  g_message ("Importing “%s” again as %s", g_file_peek_path (cx_crs_dialog_get_file (dialog)), crs);
  /* Not GCJ-02: GCJ-02 shifts longitude and latitude only, and a file
   * that needed asking is in a system of its own. */
  queue_import (self, cx_crs_dialog_get_file (dialog), FALSE, crs);
}

/* A file with no coordinate system, whose coordinates cannot be longitude
 * and latitude: which one is it in? Asked, never guessed; Cancel leaves
 * everything as it was. */
static void
ask_crs (CxWindow     *self,
         GFile        *file,
         const GError *error)
{
  AdwDialog *dialog = cx_crs_dialog_new (file, error->message);

  g_message ("%s", error->message);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_crs_response), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
on_import_done (CxImportQueue   *queue,
                GFile           *file,
                CxImportedLayer *layer,
                const GError    *error,
                CxWindow        *self)
{
  _cx_window_actions_update (self);

  if (layer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cx_window_toast (self, CX_TOAST_NONE, _("Import cancelled"));
      else if (g_error_matches (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS))
        ask_crs (self, file, error);
      else if (error->domain == CX_IMPORT_ERROR)
        report_failure (self, file, error);
      else
        _cx_window_toast (self, CX_TOAST_ERROR, _("The file could not be imported: %s"), error->message);
    }
  else
    {
      CxBounds bounds = cx_imported_layer_get_bounds (layer);
      gboolean outside = show_imported (self, layer);
      gboolean warning;
      g_autofree char *message = import_summary (layer, outside, &warning);

      cx_import_store_save_async (layer, self->layers_dir, NULL, on_layer_saved, g_object_ref (self));
      _cx_window_toast (self, CX_TOAST_LOG | (warning ? CX_TOAST_URGENT : 0), "%s", message);
      cx_map_view_zoom_to_bounds (self->map_view, &bounds);
      g_signal_emit (self, signals[LAYER_IMPORTED], 0, layer);
    }
}

/**
 * cx_window_import_file:
 * @gcj02: the file's coordinates are GCJ-02 and are to be converted
 *
 * Imports a map file (GeoJSON, or a format the import helper reads) as a
 * layer, after any import under way (one file at a time, off the main
 * thread, with a progress bar).
 */
void
cx_window_import_file (CxWindow *self,
                       GFile    *file,
                       gboolean  gcj02)
{
  g_return_if_fail (CX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->map_view != NULL);

  queue_import (self, file, gcj02, NULL);
}

/* The files of a Shapefile besides its .shp (the .shp names them all):
 * read with it, never imported on their own. */
static const char * const shapefile_companions[] = {
  ".shx", ".dbf", ".prj", ".cpg", ".sbn", ".sbx", ".qix", ".fix", ".qmd", ".shp.xml",
  ".aih", ".ain", ".atx", ".ixs", ".mxs",
};

/* The path of @file without its extension, in lower case ("/d/roads"), so
 * that ROADS.SHP and roads.dbf are seen as one set, with in @extension
 * the extension when it is @wanted (".shp") or any Shapefile companion
 * (@wanted NULL). NULL when it is neither. */
static char *
shapefile_stem (GFile       *file,
                const char  *wanted,
                const char **extension)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lower = path != NULL ? g_utf8_strdown (path, -1) : NULL;

  if (lower == NULL)
    return NULL;

  for (guint i = 0; i < (wanted != NULL ? 1 : G_N_ELEMENTS (shapefile_companions)); i++)
    {
      const char *ext = wanted != NULL ? wanted : shapefile_companions[i];

      if (g_str_has_suffix (lower, ext) && strlen (lower) > strlen (ext))
        {
          if (extension != NULL)
            *extension = ext;
          return g_strndup (lower, strlen (lower) - strlen (ext));
        }
    }
  return NULL;
}

/**
 * cx_window_import_files:
 * @files: #GFile items, chosen or dropped together
 * @gcj02: their coordinates are GCJ-02 and are to be converted
 *
 * Imports files chosen or dropped together, as cx_window_import_file()
 * does each, but a Shapefile once: its .shp is imported, its .shx, .dbf,
 * .prj and .cpg (which come with it when a set is dropped) are read with
 * it and said nothing of. Said instead, in one message: a companion
 * without its .shp, and a folder. A folder is not imported: it may hold a
 * whole project of unrelated files (and a File Geodatabase, a folder,
 * is not offered), so its files are to be chosen.
 */
void
cx_window_import_files (CxWindow   *self,
                        GListModel *files,
                        gboolean    gcj02)
{
  cx_window_import_files_full (self, files, gcj02, NULL);
}

/**
 * cx_window_import_files_full:
 * @crs: (nullable): the coordinate system of files that name none, as
 *   `--crs` gives it ("EPSG:4549"); NULL: each file's own
 *
 * As cx_window_import_files().
 */
void
cx_window_import_files_full (CxWindow   *self,
                             GListModel *files,
                             gboolean    gcj02,
                             const char *crs)
{
  g_autoptr(GHashTable) shapefiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) lone = g_string_new (NULL);
  g_autoptr(GString) folders = g_string_new (NULL);
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (files);

  g_return_if_fail (CX_IS_WINDOW (self));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *stem = shapefile_stem (file, ".shp", NULL);

      if (stem != NULL)
        g_hash_table_add (shapefiles, stem);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *name = g_file_get_basename (file);
      const char *extension = NULL;
      g_autofree char *stem = shapefile_stem (file, NULL, &extension);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        {
          /* TRANSLATORS: between the names in a list: “a”, “b” */
          g_string_append_printf (folders, "%s“%s”", folders->len > 0 ? C_("list separator", ", ") : "", name);
          continue;
        }
      if (stem != NULL)
        {
          if (!g_hash_table_contains (shapefiles, stem))
            g_string_append_printf (lone, "%s“%s”", lone->len > 0 ? C_("list separator", ", ") : "", name);
          continue;
        }
      g_ptr_array_add (accepted, g_steal_pointer (&file));
    }

  /* What is refused is said before the others start (and log). */
  if (lone->len > 0)
    /* TRANSLATORS: %s is a list of file names, “roads.dbf”, “roads.shx” */
    _cx_window_toast (self, CX_TOAST_URGENT | CX_TOAST_LOG,
                      _("Not imported: %s. These are parts of a Shapefile, read with its .shp file: import the .shp (or the zip of the whole set)"),
                      lone->str);
  if (folders->len > 0)
    /* TRANSLATORS: %s is a list of folder names, “survey”, “2024” */
    _cx_window_toast (self, CX_TOAST_URGENT | CX_TOAST_LOG,
                      _("Not imported: %s. A folder cannot be imported as a layer: choose or drop the files in it"),
                      folders->str);
  for (guint i = 0; i < accepted->len; i++)
    queue_import (self, accepted->pdata[i], gcj02, crs);
}

/* win.import-file: one file's URI; win.import-files: several, one a line
 * (the command line's, given together); win.import-files-crs: the same
 * after a first line that is the coordinate system `--crs` gave. */
static void
import_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_auto(GStrv) lines = g_strsplit (g_variant_get_string (parameter, NULL), "\n", -1);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  const char *crs = NULL;
  guint first = 0;

  if (g_str_equal (action_name, "win.import-files-crs") && lines[0] != NULL)
    {
      crs = lines[0][0] != '\0' ? lines[0] : NULL;
      first = 1;
    }

  for (guint i = first; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_autoptr(GFile) file = g_file_new_for_uri (lines[i]);
        g_list_store_append (files, file);
      }
  cx_window_import_files_full (CX_WINDOW (widget), G_LIST_MODEL (files), FALSE, crs);
}

static void
import_cancel_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cx_import_queue_cancel (cx_session_get_import_queue (CX_WINDOW (widget)->session));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CxWindow      *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  cx_window_import_files (self, G_LIST_MODEL (files), FALSE);

  return list != NULL;
}

typedef struct
{
  CxWindow *window;  /* owned */
  gboolean  gcj02;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_object_unref (request->window);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportRequest, import_request_free)

static void
on_import_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ImportRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);

  if (files == NULL)
    {
      _cx_window_file_dialog_failed (request->window, error);
      return;
    }

  cx_window_import_files (request->window, files, request->gcj02);
}

/* The formats offered, named for people, each with its file name endings
 * (matched in any case) and MIME types where shared-mime-info has them;
 * "All Supported Files" (the first, chosen at start) is their union. */
static const struct
{
  const char *name;
  const char *suffixes[4];
  const char *mime_types[3];
} import_formats[] = {
  /* A layer's document kept aside at start (docs/stored-files.md) can be
   * opened again once mended: "*.geojson.corrupt-DATE", a pattern below. */
  { N_("GeoJSON (.geojson, .json)"), { "geojson", "json" }, { "application/geo+json" } },
  /* A zipped set is .zip, or .shz as GDAL names it. */
  { N_("Shapefile (.shp, or zipped)"), { "shp", "zip", "shz" }, { NULL } },
  { N_("GeoPackage (.gpkg)"), { "gpkg" }, { "application/geopackage+sqlite3" } },
  { N_("KML and KMZ (Google Earth)"), { "kml", "kmz" },
    { "application/vnd.google-earth.kml+xml", "application/vnd.google-earth.kmz" } },
  { N_("GPX (GPS tracks)"), { "gpx" }, { "application/gpx+xml" } },
  { N_("CSV with coordinates (.csv)"), { "csv", "tsv" }, { "text/csv" } },
  { N_("FlatGeobuf (.fgb)"), { "fgb" }, { NULL } },
};

static void
add_format (GtkFileFilter *filter,
            guint          i)
{
  for (guint k = 0; k < G_N_ELEMENTS (import_formats[i].suffixes) && import_formats[i].suffixes[k] != NULL; k++)
    gtk_file_filter_add_suffix (filter, import_formats[i].suffixes[k]);
  for (guint k = 0; k < G_N_ELEMENTS (import_formats[i].mime_types) && import_formats[i].mime_types[k] != NULL; k++)
    gtk_file_filter_add_mime_type (filter, import_formats[i].mime_types[k]);
  if (i == 0)
    gtk_file_filter_add_pattern (filter, "*.geojson.corrupt-*");
}

/* Ctrl+O's filters: All Supported Files, one per format, All Files (GDAL
 * reads more than is promised here: a file of another kind is tried, and
 * refused in words if it cannot be read). */
static GListStore *
import_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) all_supported = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all_supported, _("All Supported Files"));
  for (guint i = 0; i < G_N_ELEMENTS (import_formats); i++)
    add_format (all_supported, i);
  g_list_store_append (filters, all_supported);

  for (guint i = 0; i < G_N_ELEMENTS (import_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(import_formats[i].name));
      add_format (filter, i);
      g_list_store_append (filters, filter);
    }

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, all);
  return filters;
}

static void
on_import_datum_response (AdwAlertDialog *choice,
                          const char     *response,
                          CxWindow       *self)
{
  GtkListBox *rows = GTK_LIST_BOX (adw_alert_dialog_get_extra_child (choice));
  AdwComboRow *datum_row = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (rows, 0));
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) all_supported = NULL;
  ImportRequest *request;

  if (g_strcmp0 (response, "choose") != 0)
    return;

  request = g_new0 (ImportRequest, 1);
  request->window = g_object_ref (self);
  request->gcj02 = adw_combo_row_get_selected (datum_row) == 1;

  filters = import_filters ();

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, _("Import Layers"));
  gtk_file_dialog_set_accept_label (dialog, _("_Open"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  all_supported = g_list_model_get_item (G_LIST_MODEL (filters), 0);
  gtk_file_dialog_set_default_filter (dialog, all_supported);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, on_import_chosen, request);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _cx_window_present_choice (CX_WINDOW (widget), "import_dialog", G_CALLBACK (on_import_datum_response));
}

static void
imported_zoom_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  CxImportedLayer *layer = find_imported (self, g_variant_get_string (parameter, NULL), NULL);

  if (layer != NULL)
    {
      CxBounds bounds = cx_imported_layer_get_bounds (layer);

      cx_imported_layer_set_visible (layer, TRUE);
      cx_map_view_zoom_to_bounds (self->map_view, &bounds);
    }
}

static void
on_layer_rename_response (CxRenameDialog *dialog,
                          const char     *response,
                          CxWindow       *self)
{
  CxImportedLayer *layer = CX_IMPORTED_LAYER (cx_rename_dialog_get_item (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  if (!cx_import_store_rename (layer, self->layers_dir, cx_rename_dialog_get_text (dialog), &error))
    _cx_window_toast (self, CX_TOAST_ERROR, _("The layer was not renamed: %s"), error->message);
}

static void
imported_rename_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  CxImportedLayer *layer = find_imported (self, g_variant_get_string (parameter, NULL), NULL);
  AdwDialog *dialog;

  if (layer == NULL)
    return;

  dialog = cx_rename_dialog_new (G_OBJECT (layer), _("Rename Layer"), _("Layer name"),
                                 cx_imported_layer_get_name (layer), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_layer_rename_response), self, 0);
  adw_dialog_present (dialog, widget);
}

/**
 * _cx_window_set_imported_color:
 * @color: opaque
 *
 * Gives @layer @color and stores it. The layer leaves the list of layers
 * and comes back in its place, so that the map, its row and the legends
 * all draw it anew. A colour that could not be stored is not taken, and
 * the toast says why.
 */
void
_cx_window_set_imported_color (CxWindow        *self,
                               CxImportedLayer *layer,
                               const CxColor   *color)
{
  g_autoptr(GError) error = NULL;
  guint position;

  if (find_imported (self, cx_imported_layer_get_id (layer), &position) != layer)
    return;

  if (!cx_import_store_set_color (layer, self->layers_dir, color, &error))
    {
      _cx_window_toast (self, CX_TOAST_ERROR, "%s", error->message);
      return;
    }
  g_list_store_splice (self->imported, position, 1, (gpointer *) &layer, 1);
}

typedef struct
{
  CxWindow        *window;
  CxImportedLayer *layer;
} ColorRequest;

static void
color_request_free (ColorRequest *request)
{
  g_object_unref (request->window);
  g_object_unref (request->layer);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ColorRequest, color_request_free)

static void
on_color_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ColorRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree GdkRGBA *rgba = gtk_color_dialog_choose_rgba_finish (GTK_COLOR_DIALOG (source), result, &error);

  if (rgba == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
          !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        _cx_window_toast (request->window, CX_TOAST_ERROR, _("The colour chooser could not be opened: %s"), error->message);
      return;
    }

  _cx_window_set_imported_color (request->window, request->layer,
                                 &(CxColor) { rgba->red, rgba->green, rgba->blue, 1 });
}

static void
imported_color_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  CxImportedLayer *layer = find_imported (self, g_variant_get_string (parameter, NULL), NULL);
  g_autoptr(GtkColorDialog) dialog = NULL;
  g_autofree char *title = NULL;
  ColorRequest *request;
  CxColor color = { 0, 0, 0, 1 };

  if (layer == NULL)
    return;

  /* TRANSLATORS: the title of the colour chooser; %s is the layer's name */
  title = g_strdup_printf (_("Colour of “%s”"), cx_imported_layer_get_name (layer));
  dialog = gtk_color_dialog_new ();
  gtk_color_dialog_set_title (dialog, title);
  gtk_color_dialog_set_with_alpha (dialog, FALSE);
  cx_imported_layer_get_color (layer, &color);

  request = g_new0 (ColorRequest, 1);
  request->window = g_object_ref (self);
  request->layer = g_object_ref (layer);
  gtk_color_dialog_choose_rgba (dialog, GTK_WINDOW (self),
                                &(GdkRGBA) { color.red, color.green, color.blue, 1 },
                                NULL, on_color_chosen, request);
}

static void
imported_remove_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CxWindow *self = CX_WINDOW (widget);
  guint position;
  CxImportedLayer *found = find_imported (self, g_variant_get_string (parameter, NULL), &position);
  g_autoptr(CxImportedLayer) layer = found != NULL ? g_object_ref (found) : NULL;
  g_autoptr(GError) error = NULL;

  if (layer == NULL)
    return;

  if (cx_selection_get_imported (self->selection) != NULL &&
      cx_imported_feature_get_layer (cx_selection_get_imported (self->selection)) == layer)
    cx_selection_clear (self->selection);

  if (!cx_import_store_remove (layer, self->layers_dir, &error))
    {
      _cx_window_toast (self, CX_TOAST_ERROR, "%s", error->message);
      return;
    }

  g_signal_handlers_disconnect_by_data (layer, self);
  g_list_store_remove (self->imported, position);

  /* The map reaches only as far as the layers still there need. */
  cx_map_view_reset_limits (self->map_view);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->imported)); i++)
    {
      g_autoptr(CxImportedLayer) other = g_list_model_get_item (G_LIST_MODEL (self->imported), i);
      CxBounds bounds = cx_imported_layer_get_bounds (other);

      cx_map_view_include_bounds (self->map_view, &bounds);
    }

  _cx_window_toast (self, CX_TOAST_NONE, _("Layer “%s” removed"), cx_imported_layer_get_name (layer));
}

/* The layers kept from before, the card telling of the session's import
 * queue, and files dropped on the window imported as layers. */
void
_cx_window_import_init (CxWindow *self)
{
  CxImportQueue *queue = cx_session_get_import_queue (self->session);
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (queue, "notify::busy", G_CALLBACK (update_import_card), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (queue, "notify::fraction", G_CALLBACK (update_import_card), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (queue, "notify::current-name", G_CALLBACK (update_import_card), self, G_CONNECT_SWAPPED);
  update_import_card (self);
  g_signal_connect_object (queue, "done", G_CALLBACK (on_import_done), self, 0);
  g_signal_connect_object (queue, "notify::busy", G_CALLBACK (_cx_window_actions_update), self, G_CONNECT_SWAPPED);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  load_imported (self);
}

void
_cx_window_class_import_init (GtkWidgetClass *widget_class)
{
  /**
   * CxWindow::layer-imported:
   *
   * Emitted when a GeoJSON file has been imported and is shown.
   */
  signals[LAYER_IMPORTED] = g_signal_new ("layer-imported",
                                          G_TYPE_FROM_CLASS (widget_class),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CX_TYPE_IMPORTED_LAYER);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_activated);
  gtk_widget_class_install_action (widget_class, "win.import-files", "s", import_file_activated);
  gtk_widget_class_install_action (widget_class, "win.import-files-crs", "s", import_file_activated);
  gtk_widget_class_install_action (widget_class, "win.import-cancel", NULL, import_cancel_activated);
  gtk_widget_class_install_action (widget_class, "win.imported-zoom", "s", imported_zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.imported-rename", "s", imported_rename_activated);
  gtk_widget_class_install_action (widget_class, "win.imported-color", "s", imported_color_activated);
  gtk_widget_class_install_action (widget_class, "win.imported-remove", "s", imported_remove_activated);
}
