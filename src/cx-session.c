/* cx-session.c: what the app knows apart from any window: the data pack,
 * the settings, which layers show, the GeoJSON import queue, update checks
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK here: the application owns the session and gives it to its window
 * ("session", construct-only), which shows it. What model code has to tell
 * the user goes out as a "notice", which the window turns into a toast.
 *
 * The settings are never NULL: without the installed schema (running
 * uninstalled) this is said once, at start, and the build's compiled schema
 * is used with a memory backend, so nothing is remembered but everything
 * works. Without either (an install that lost its schema) the session has
 * a load error, which the window shows as it shows a pack that failed.
 */

#define G_LOG_DOMAIN "cx-session"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cx-format.h"
#include "cx-pack-updater.h"
#include "cx-session.h"
#include "cx-store-util.h"
#include "cx-thematic.h"

#define CX_STARTER_SCENES_URI "resource:///io/github/changning/Explorer/packs/changning/scenes.json"

struct _CxSession
{
  GObject        parent_instance;

  /* Owned */
  CxDataPack    *pack;           /* NULL when it failed to load: see pack_error */
  GError        *pack_error;
  char          *startup_warning; /* a stored pack or settings file moved aside */
  GSettings     *settings;
  gboolean       settings_kept;   /* FALSE: a memory backend, forgotten at exit */
  CxVisibility  *visibility;
  CxSceneList   *scenes;
  GListStore    *imported;       /* CxImportedLayer, read by the window that shows them */
  GFile         *layers_dir;
  CxImportQueue *import_queue;
  gboolean       update_on_demand;
  /* The statistic drawn as a thematic view, one at a time: here and not in
   * a widget so that scenes save it and every view of the session agrees. */
  CxStatistic   *thematic;
};

G_DEFINE_FINAL_TYPE (CxSession, cx_session, G_TYPE_OBJECT)

enum {
  NOTICE,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_THEMATIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint signals[N_SIGNALS];

static void
add_startup_warning (CxSession  *self,
                     const char *warning)
{
  char *both;

  g_warning ("%s", warning);
  if (self->startup_warning == NULL)
    {
      self->startup_warning = g_strdup (warning);
      return;
    }

  both = g_strconcat (self->startup_warning, "\n", warning, NULL);
  g_free (self->startup_warning);
  self->startup_warning = both;
}

static GSettingsSchema *
lookup_schema (GSettingsSchemaSource *source)
{
  return source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
}

/* The schema compiled at build time travels in the app's resources, so a
 * copy run without its schema installed still has settings (kept in memory
 * only). GSettings reads a schema source from a folder: the copy is written
 * to a private temporary one, loaded (mapped), and removed. */
static GSettingsSchemaSource *
schema_source_from_resource (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GSettingsSchemaSource *source = NULL;

  bytes = g_resources_lookup_data ("/io/github/changning/Explorer/gschemas.compiled",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    dir = g_dir_make_tmp ("changning-explorer-schema-XXXXXX", &error);
  if (dir != NULL)
    {
      path = g_build_filename (dir, "gschemas.compiled", NULL);
      if (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error))
        source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, &error);
      g_remove (path);
      g_rmdir (dir);
    }
  if (source == NULL)
    g_warning ("The settings schema built into the app could not be used: %s", error->message);

  return source;
}

static GSettings *
create_settings (gboolean  *kept,
                 GError   **error)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema (g_settings_schema_source_get_default ());
  g_autoptr(GSettingsSchemaSource) build = NULL;
  g_autoptr(GSettingsBackend) memory = NULL;

  *kept = schema != NULL;
  if (schema != NULL)
    return g_settings_new_full (schema, NULL, NULL);

  /* Said once, here; nothing else asks whether there are settings. */
  g_warning ("The settings schema %s is not installed; settings are not remembered", APP_ID);
  build = schema_source_from_resource ();
  schema = lookup_schema (build);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema %s is not installed"), APP_ID);
      return NULL;
    }

  memory = g_memory_settings_backend_new ();
  return g_settings_new_full (schema, memory, NULL);
}

static void
save_visibility (CxSession *self)
{
  g_auto(GStrv) hidden = cx_visibility_dup_hidden_ids (self->visibility);

  g_settings_set_strv (self->settings, "hidden-layers", (const char * const *) hidden);
}

/* The pack and the settings are there: what follows from them. */
static void
setup (CxSession *self)
{
  g_auto(GStrv) hidden = NULL;

  if (self->pack == NULL)
    return;

  self->visibility = cx_visibility_new (self->pack);
  hidden = g_settings_get_strv (self->settings, "hidden-layers");
  cx_visibility_set_hidden_ids (self->visibility, (const char * const *) hidden);
  g_signal_connect_object (self->visibility, "changed", G_CALLBACK (save_visibility), self, G_CONNECT_SWAPPED);

  {
    g_autoptr(GFile) file = cx_scenes_default_file ();
    g_autoptr(GFile) starters = g_file_new_for_uri (CX_STARTER_SCENES_URI);

    /* Read by the window that shows them, which tells what went wrong. */
    self->scenes = cx_scene_list_new (file, starters);
  }
}

static void
cx_session_finalize (GObject *object)
{
  CxSession *self = (CxSession *) object;

  g_clear_object (&self->pack);
  g_clear_error (&self->pack_error);
  g_free (self->startup_warning);
  g_clear_object (&self->settings);
  g_clear_object (&self->visibility);
  g_clear_object (&self->scenes);
  g_clear_object (&self->imported);
  g_clear_object (&self->layers_dir);
  g_clear_object (&self->import_queue);
  g_clear_object (&self->thematic);

  G_OBJECT_CLASS (cx_session_parent_class)->finalize (object);
}

static void
cx_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CxSession *self = CX_SESSION (object);

  switch (prop_id)
    {
    case PROP_THEMATIC:
      g_value_set_object (value, self->thematic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CxSession *self = CX_SESSION (object);

  switch (prop_id)
    {
    case PROP_THEMATIC:
      cx_session_set_thematic (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_session_class_init (CxSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_session_finalize;
  object_class->get_property = cx_session_get_property;
  object_class->set_property = cx_session_set_property;

  /**
   * CxSession:thematic: (nullable)
   *
   * The statistic whose breakdown by feature the map draws as proportional
   * symbols, or %NULL for none.
   */
  properties[PROP_THEMATIC] =
    g_param_spec_object ("thematic", NULL, NULL,
                         CX_TYPE_STATISTIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CxSession::notice:
   * @text: plain text for the user, never markup
   * @urgent: whether it is shown before the notices waiting
   *
   * Something the user is to hear of; it has been logged already.
   */
  signals[NOTICE] = g_signal_new ("notice",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
cx_session_init (CxSession *self)
{
  self->import_queue = cx_import_queue_new ();
  self->imported = g_list_store_new (CX_TYPE_IMPORTED_LAYER);
  self->layers_dir = cx_import_store_get_default_dir ();
}

/**
 * cx_session_new:
 *
 * Loads the newest valid stored pack (a broken one is moved aside and the
 * next is used, down to the pack built in) and the settings.
 *
 * Returns: (transfer full): the session; see cx_session_get_pack_error()
 */
CxSession *
cx_session_new (void)
{
  CxSession *self = g_object_new (CX_TYPE_SESSION, NULL);
  g_autoptr(GFile) packs_dir = cx_pack_store_get_default_dir ();
  g_autofree char *pack_warning = NULL;
  g_autofree char *settings_warning = NULL;

  self->pack = cx_pack_store_load_best (packs_dir, &pack_warning, &self->pack_error);
  if (self->pack == NULL)
    g_warning ("No data pack could be loaded: %s", self->pack_error->message);
  else if (pack_warning != NULL)
    add_startup_warning (self, pack_warning);

  /* Preferences that GLib would silently start afresh are copied aside
   * first (cx_store_guard_settings_file()); told like a stored pack. */
  settings_warning = cx_store_guard_settings_file ();
  if (settings_warning != NULL)
    add_startup_warning (self, settings_warning);

  {
    g_autoptr(GError) error = NULL;

    self->settings = create_settings (&self->settings_kept, &error);
    if (self->settings == NULL)
      {
        g_clear_object (&self->pack);
        g_clear_error (&self->pack_error);
        self->pack_error = g_steal_pointer (&error);
      }
  }

  setup (self);
  return self;
}

/**
 * cx_session_new_failed:
 * @error: why there is no pack
 *
 * A session without a pack: its window shows why, and nothing else.
 *
 * Returns: (transfer full): the session
 */
CxSession *
cx_session_new_failed (const GError *error)
{
  CxSession *self;

  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (CX_TYPE_SESSION, NULL);
  self->pack_error = g_error_copy (error);
  return self;
}

/**
 * cx_session_new_like:
 *
 * A new start over the same pack and settings: the layers shown, the
 * scenes and the imported layers are read again, as at the next start.
 *
 * Returns: (transfer full): the session
 */
CxSession *
cx_session_new_like (CxSession *other)
{
  CxSession *self;

  g_return_val_if_fail (CX_IS_SESSION (other), NULL);

  self = g_object_new (CX_TYPE_SESSION, NULL);
  self->pack = other->pack != NULL ? g_object_ref (other->pack) : NULL;
  self->pack_error = other->pack_error != NULL ? g_error_copy (other->pack_error) : NULL;
  self->settings = other->settings != NULL ? g_object_ref (other->settings) : NULL;
  self->settings_kept = other->settings_kept;
  setup (self);
  return self;
}

/**
 * cx_session_get_pack:
 *
 * Returns: (transfer none) (nullable): the pack, %NULL when it (or the
 *   settings) could not be loaded
 */
CxDataPack *
cx_session_get_pack (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->pack;
}

/**
 * cx_session_get_pack_error:
 *
 * Returns: (nullable): why there is no pack
 */
const GError *
cx_session_get_pack_error (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->pack_error;
}

/**
 * cx_session_get_startup_warning:
 *
 * Returns: (nullable): files of the user's moved aside at start, to tell
 */
const char *
cx_session_get_startup_warning (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->startup_warning;
}

/**
 * cx_session_get_settings:
 *
 * Returns: (transfer none): the settings; never %NULL when there is a pack
 */
GSettings *
cx_session_get_settings (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->settings;
}

/**
 * cx_session_get_settings_kept:
 *
 * Returns: whether changed settings are kept for the next start (not when
 *   the schema is not installed)
 */
gboolean
cx_session_get_settings_kept (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), FALSE);

  return self->settings_kept;
}

/**
 * cx_session_get_visibility:
 *
 * Returns: (transfer none) (nullable): which layers show, remembered in
 *   the settings; %NULL without a pack
 */
CxVisibility *
cx_session_get_visibility (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->visibility;
}

/**
 * cx_session_get_scenes:
 *
 * Returns: (transfer none) (nullable): the user's scenes, not read yet
 *   until cx_scene_list_load(); %NULL without a pack
 */
/**
 * cx_session_get_thematic:
 *
 * Returns: (nullable) (transfer none): the statistic shown as a thematic
 *   view, or %NULL
 */
CxStatistic *
cx_session_get_thematic (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->thematic;
}

/**
 * cx_session_set_thematic:
 * @statistic: (nullable): a statistic of the session's pack with a
 *   breakdown by feature (cx_thematic_can_show()), or %NULL to clear
 *
 * Shows @statistic as the thematic view, in place of any other.
 *
 * Returns: %FALSE, changing nothing, when @statistic cannot be shown so
 */
gboolean
cx_session_set_thematic (CxSession   *self,
                         CxStatistic *statistic)
{
  g_return_val_if_fail (CX_IS_SESSION (self), FALSE);
  g_return_val_if_fail (statistic == NULL || CX_IS_STATISTIC (statistic), FALSE);

  if (statistic != NULL && !cx_thematic_can_show (statistic))
    return FALSE;
  if (g_set_object (&self->thematic, statistic))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEMATIC]);

  return TRUE;
}

CxSceneList *
cx_session_get_scenes (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->scenes;
}

/**
 * cx_session_get_imported:
 *
 * Returns: (transfer none): the GeoJSON layers shown, CxImportedLayer
 */
GListStore *
cx_session_get_imported (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->imported;
}

/**
 * cx_session_get_layers_dir:
 *
 * Returns: (transfer none): where imported layers are kept across starts
 */
GFile *
cx_session_get_layers_dir (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->layers_dir;
}

/**
 * cx_session_get_import_queue:
 *
 * Returns: (transfer none): the GeoJSON files being imported
 */
CxImportQueue *
cx_session_get_import_queue (CxSession *self)
{
  g_return_val_if_fail (CX_IS_SESSION (self), NULL);

  return self->import_queue;
}

/**
 * cx_session_notice:
 * @urgent: shown before the notices waiting (an error); logged as a warning
 *
 * Tells the user something, through whoever shows the session.
 */
void
cx_session_notice (CxSession  *self,
                   gboolean    urgent,
                   const char *format,
                   ...)
{
  g_autofree char *text = NULL;
  va_list args;

  g_return_if_fail (CX_IS_SESSION (self));

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  if (urgent)
    g_warning ("%s", text);
  g_signal_emit (self, signals[NOTICE], 0, text, urgent);
}

static void
on_update_checked (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CxSession) self = user_data;
  CxPackUpdater *updater = CX_PACK_UPDATER (source);
  g_autoptr(GError) error = NULL;
  CxPackUpdateResult outcome;

  if (!cx_pack_updater_check_finish (updater, result, &outcome, &error))
    {
      cx_session_notice (self, TRUE, _("The data could not be updated: %s"), error->message);
      return;
    }

  g_settings_set_int64 (self->settings, "pack-last-check", g_get_real_time () / G_USEC_PER_SEC);

  if (outcome == CX_PACK_UPDATE_UPDATED)
    {
      CxDataPack *pack = cx_pack_updater_get_pack (updater);
      g_autofree char *date = cx_format_date (cx_data_pack_get_data_date (pack));

      cx_session_notice (self, FALSE, _("New data downloaded (version %d, data of %s); it is used from the next start"),
                         (int) cx_data_pack_get_version (pack), date);
    }
  else if (self->update_on_demand)
    cx_session_notice (self, FALSE, _("The data is up to date"));
}

/**
 * cx_session_check_for_updates:
 * @on_demand: the user asked: also say when there is nothing new; else
 *   only once a day
 *
 * Asks the update address for a newer pack, without blocking; the answer
 * is a notice.
 */
void
cx_session_check_for_updates (CxSession *self,
                              gboolean   on_demand)
{
  g_autofree char *url = NULL;
  g_autoptr(CxPackUpdater) updater = NULL;
  g_autoptr(GFile) packs_dir = NULL;

  g_return_if_fail (CX_IS_SESSION (self));
  g_return_if_fail (self->pack != NULL);

  if (!on_demand &&
      !cx_pack_updater_due (g_settings_get_int64 (self->settings, "pack-last-check"), g_get_real_time () / G_USEC_PER_SEC))
    return;

  url = g_settings_get_string (self->settings, "pack-update-url");
  if (url[0] == '\0')
    {
      if (on_demand)
        cx_session_notice (self, FALSE, _("No update address is set: the data built into the app is used"));
      return;
    }

  self->update_on_demand = on_demand;
  packs_dir = cx_pack_store_get_default_dir ();
  updater = cx_pack_updater_new (url, packs_dir, cx_data_pack_get_version (self->pack));
  cx_pack_updater_check_async (updater, NULL, on_update_checked, g_object_ref (self));
}
