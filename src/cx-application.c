/* cx-application.c
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdio.h>

#include "cx-application-private.h"
#include "cx-cli.h"
#include "cx-pack-updater.h"
#include "cx-store-util.h"
#include "cx-window-private.h"

struct _CxApplication
{
  AdwApplication parent_instance;

  CxSession  *session;          /* from startup on */
  gboolean    session_shown;    /* a window has it */
  gboolean    report_first_frame;
  gboolean    first_frame_seen;
  gboolean    waiting_imports;  /* the state is reported once the command line's files are in */
  GPtrArray  *pending;          /* window actions (name, parameter) from the command line, until there is a window,
                                 * and those after a scene while the scenes are read */
};

G_DEFINE_FINAL_TYPE (CxApplication, cx_application, ADW_TYPE_APPLICATION)

static gint64 process_start_us;

static const GOptionEntry option_entries[] = {
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check a data pack (directory or pack.json) or a map file (GeoJSON, Shapefile, GeoPackage, KML, GPX, CSV, FlatGeobuf…), print a summary and exit"),
    N_("PATH") },
  { "crs", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The coordinate system of the files given (and of --validate’s) when they name none, e.g. EPSG:4549"),
    N_("CRS") },
  { "feature", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open with this place (or program, or statistic) selected"),
    N_("ID") },
  { "layers", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show only these layers (ids separated by commas)"),
    N_("ID,ID,…") },
  { "scene", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open this scene (its title, or its number from 1)"),
    N_("NAME") },
  { "thematic", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show this statistic by subdistrict on the map, as circles"),
    N_("ID") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL,
    N_("[FILE…] [geo:LAT,LON?z=ZOOM…]") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "first-frame-time", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Print the milliseconds from start to the first frame of the map, then quit", NULL },
  { NULL }
};

static gboolean
register_app (GApplication *app)
{
  g_autoptr(GError) error = NULL;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("changning-explorer: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
cx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CxApplication *self = CX_APPLICATION (app);
  g_autofree char *validate = NULL;
  g_autofree char *crs = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "changning-explorer", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "crs", "s", &crs);
  if (crs != NULL && (crs[0] == '\0' || strchr (crs, '\n') != NULL))
    {
      g_printerr ("changning-explorer: %s\n", _("--crs needs a coordinate system, e.g. EPSG:4549"));
      return 1;
    }

  if (g_variant_dict_lookup (options, "validate", "^ay", &validate))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GString) err = g_string_new (NULL);
      int status = cx_cli_validate (validate, crs, out, err);

      fputs (out->str, stdout);
      if (err->len > 0)
        g_printerr ("changning-explorer: %s", err->str);
      return status;
    }

  if (g_variant_dict_contains (options, "first-frame-time"))
    {
      self->report_first_frame = TRUE;
      /* A second instance would only forward to the first; measure this one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  {
    static const struct { const char *option; const char *action; } forwarded[] = {
      { "layers", "win.set-layers" },
      { "feature", "win.select" },
      { "scene", "win.scene-open" },
      { "thematic", "win.thematic" },
    };
    g_autofree const char **remaining = NULL;
    gboolean registered = FALSE;

    /* Everything that sets the state goes through an action of the
     * application, so that it also reaches an instance already running:
     * the app is single-instance. */
    for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
      {
        g_autofree char *value = NULL;

        if (!g_variant_dict_lookup (options, forwarded[i].option, "s", &value))
          continue;
        if (!registered && !register_app (app))
          return 1;
        registered = TRUE;
        g_action_group_activate_action (G_ACTION_GROUP (app), "forward",
                                        g_variant_new ("(ss)", forwarded[i].action, value));
      }

    if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &remaining))
      {
        /* The files go together, one URI a line, so that a Shapefile's set
         * (x.shp x.shx x.dbf, as a shell's x.* gives it) imports once. */
        g_autoptr(GString) uris = g_string_new (NULL);

        for (guint i = 0; remaining[i] != NULL; i++)
          {
            g_autoptr(GFile) file = NULL;
            g_autofree char *uri = NULL;

            if (!registered && !register_app (app))
              return 1;
            registered = TRUE;

            if (g_str_has_prefix (remaining[i], "geo:"))
              {
                g_action_group_activate_action (G_ACTION_GROUP (app), "forward",
                                                g_variant_new ("(ss)", "win.open-geo", remaining[i]));
                continue;
              }

            /* Anything else is a file to import as a layer; resolved
             * here, where the working directory is the caller's. */
            file = g_file_new_for_commandline_arg (remaining[i]);
            uri = g_file_get_uri (file);
            g_string_append_printf (uris, "%s\n", uri);
          }

        /* With --crs, its value goes first, on a line of its own. */
        if (uris->len > 0 && crs != NULL)
          {
            g_string_prepend_c (uris, '\n');
            g_string_prepend (uris, crs);
          }
        if (uris->len > 0)
          g_action_group_activate_action (G_ACTION_GROUP (app), "forward",
                                          g_variant_new ("(ss)", crs != NULL ? "win.import-files-crs" : "win.import-files",
                                                         uris->str));
      }
  }

  return -1;
}

static gboolean
scenes_loading (CxWindow *window)
{
  GListModel *scenes = cx_window_get_scenes (window);

  return scenes != NULL && cx_scene_list_get_loading (CX_SCENE_LIST (scenes));
}

static void maybe_report_state (CxApplication *self,
                                CxWindow      *window);

static void
on_imports_done (CxImportQueue *imports,
                 GParamSpec    *pspec,
                 CxApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!cx_import_queue_get_busy (imports) && CX_IS_WINDOW (window))
    maybe_report_state (self, CX_WINDOW (window));
}

/* --first-frame-time: the state the window opened in, once the command
 * line's state is applied (a scene waits for the scenes to be read, the
 * command line's files for their imports). */
static void
maybe_report_state (CxApplication *self,
                    CxWindow      *window)
{
  g_autofree char *state = NULL;

  CxImportQueue *imports = cx_session_get_import_queue (self->session);

  if (!self->report_first_frame || !self->first_frame_seen || self->pending->len > 0 || scenes_loading (window))
    return;
  /* Files given on the command line are imported in a thread: the state
   * says what they became. */
  if (cx_import_queue_get_busy (imports))
    {
      if (!self->waiting_imports)
        g_signal_connect_object (imports, "notify::busy", G_CALLBACK (on_imports_done), self, 0);
      self->waiting_imports = TRUE;
      return;
    }

  /* Without a pack the window shows why, and has no state to tell. */
  state = cx_session_get_pack (self->session) != NULL ? cx_window_describe_state (window) : g_strdup ("");
  g_print ("%s", state);
  self->report_first_frame = FALSE;
  g_application_quit (G_APPLICATION (self));
}

static void run_pending (CxApplication *self,
                         CxWindow      *window);

static gboolean
run_pending_idle (gpointer data)
{
  CxApplication *self = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CX_IS_WINDOW (window))
    run_pending (self, CX_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
on_scenes_read (GObject       *scenes,
                GParamSpec    *pspec,
                CxApplication *self)
{
  if (cx_scene_list_get_loading (CX_SCENE_LIST (scenes)))
    return;
  g_signal_handlers_disconnect_by_func (scenes, on_scenes_read, self);
  /* After the window has taken the scenes in. */
  g_idle_add_full (G_PRIORITY_DEFAULT, run_pending_idle, g_object_ref (self), g_object_unref);
}

/* Command-line state, in the order given: layers, then selection, then
 * scene or position. The scenes are read in a thread: a scene, and what
 * comes after it, wait until they are in. */
static void
run_pending (CxApplication *self,
             CxWindow      *window)
{
  while (self->pending->len > 0)
    {
      g_autoptr(GVariant) call = g_variant_ref (g_ptr_array_index (self->pending, 0));
      const char *name, *value;

      g_variant_get (call, "(&s&s)", &name, &value);
      if (g_str_equal (name, "win.scene-open") && scenes_loading (window))
        {
          g_signal_connect_object (cx_window_get_scenes (window), "notify::loading",
                                   G_CALLBACK (on_scenes_read), self, 0);
          return;
        }
      g_ptr_array_remove_index (self->pending, 0);
      gtk_widget_activate_action (GTK_WIDGET (window), name, "s", value);
    }

  maybe_report_state (self, window);
}

static void
on_first_frame (CxWindow *window,
                gpointer  user_data)
{
  CxApplication *self = user_data;
  double ms = (cx_window_get_first_frame_time (window) - process_start_us) / 1000.0;

  g_debug ("First frame after %.1f ms", ms);
  self->first_frame_seen = TRUE;
  if (self->report_first_frame && g_getenv ("CX_BENCH_PANELS") != NULL)
    {
      /* build-aux/bench's start benchmark: "panels-built-ms N" says when
       * the frame that shows the side panels is painted, which is the
       * first, as they are built with the window
       * (_cx_window_ensure_panels()); a window without them (the pack
       * failed) never says it. The app then stays until the benchmark has
       * read its memory and ends it. */
      g_print ("first-frame-ms %.1f\n", ms);
      self->report_first_frame = FALSE;
      if (cx_window_get_panels_built (window))
        g_print ("panels-built-ms %.1f\n", ms);
      fflush (stdout);
    }
  else if (self->report_first_frame)
    {
      /* When it is painted; the state follows, once applied. */
      g_print ("first-frame-ms %.1f\n", ms);
      fflush (stdout);
      maybe_report_state (self, window);
    }
}

static void
cx_application_activate (GApplication *app)
{
  CxApplication *self = CX_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (cx_window_new (self));
      g_signal_connect_object (window, "first-frame", G_CALLBACK (on_first_frame), self, 0);

      if (cx_session_get_startup_warning (self->session) != NULL)
        cx_window_add_toast (CX_WINDOW (window), cx_session_get_startup_warning (self->session));
    }

  if (CX_IS_WINDOW (window))
    run_pending (self, CX_WINDOW (window));

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close windows first so that they save their state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *w = l->data;
      l = l->next;
      gtk_window_close (w);
    }
  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CxApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *data_credits = NULL;
  CxDataPack *pack = cx_session_get_pack (self->session);
  AdwDialog *about;

  /* The dialog itself is in cx-about-dialog.ui. */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/cx-about-dialog.ui");

    about = g_object_ref (ADW_DIALOG (gtk_builder_get_object (builder, "about_dialog")));
  }
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), APP_ID);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (about), PACKAGE_VERSION);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (about), PROJECT_URL);
  if (pack != NULL)
    {
      GListModel *sources = cx_data_pack_get_sources (pack);
      g_autoptr(GPtrArray) cited = g_ptr_array_new_with_free_func (g_free);

      g_autofree char *credits_text = g_strdup_printf ("%s\n\n%s", cx_data_pack_get_attribution (pack),
                                                       cx_data_pack_get_license (pack));

      /* The legal text is read as markup; the pack's is plain text. */
      data_credits = g_markup_escape_text (credits_text, -1);
      adw_about_dialog_add_legal_section (ADW_ABOUT_DIALOG (about), _("Map data"), NULL,
                                          GTK_LICENSE_CUSTOM, data_credits);
      adw_about_dialog_add_legal_section (ADW_ABOUT_DIALOG (about), _("OpenStreetMap"),
                                          _("© OpenStreetMap contributors"),
                                          GTK_LICENSE_CUSTOM,
                                          _("Data from OpenStreetMap is available under the Open Database Licence (ODbL) 1.0, https://www.openstreetmap.org/copyright. This applies to the positions taken from OpenStreetMap and to OpenStreetMap map tiles when that basemap is chosen."));

      /* Every figure's source, as the pack cites it. */
      for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
        {
          g_autoptr(CxSource) source = g_list_model_get_item (sources, i);
          g_ptr_array_add (cited, g_strdup_printf ("%s — %s", cx_source_get_publisher (source), cx_source_get_title (source)));
        }
      g_ptr_array_add (cited, NULL);
      adw_about_dialog_add_acknowledgement_section (ADW_ABOUT_DIALOG (about), _("Sources of the data"),
                                                    (const char **) cited->pdata);
    }
  adw_dialog_present (about, parent != NULL ? GTK_WIDGET (parent) : NULL);
  g_object_unref (about);
}

/* "forward" ("win.ACTION", "value"): runs a window action with a string
 * parameter, now if there is a window, else once there is one. */
static void
forward_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CxApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *name, *value;

  g_variant_get (parameter, "(&s&s)", &name, &value);
  if (!g_str_has_prefix (name, "win."))
    return;

  /* Behind what waits for the scenes, if anything does. */
  if (CX_IS_WINDOW (window) && self->pending->len == 0)
    gtk_widget_activate_action (GTK_WIDGET (window), name, "s", value);
  else
    g_ptr_array_add (self->pending, g_variant_ref_sink (g_variant_new ("(ss)", name, value)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "forward", forward_activated, "(ss)" },
};

static void
cx_application_startup (GApplication *app)
{
  CxApplication *self = CX_APPLICATION (app);

  G_APPLICATION_CLASS (cx_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  /* Every shortcut is in one table, in cx-window-actions.c. */
  _cx_window_install_accels (GTK_APPLICATION (app));

  /* The pack, the settings and what follows from them; the window shows
   * what failed. */
  self->session = cx_session_new ();
}

static void
cx_application_finalize (GObject *object)
{
  CxApplication *self = (CxApplication *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (cx_application_parent_class)->finalize (object);
}

static void
cx_application_class_init (CxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cx_application_finalize;
  app_class->activate = cx_application_activate;
  app_class->startup = cx_application_startup;
  app_class->handle_local_options = cx_application_handle_local_options;
}

static void
cx_application_init (CxApplication *self)
{
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A map of Changning District, Shanghai, that works offline."));
}

CxApplication *
cx_application_new (void)
{
  return g_object_new (CX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * cx_application_get_session:
 *
 * Returns: (transfer none): the session, from startup on
 */
CxSession *
cx_application_get_session (CxApplication *self)
{
  g_return_val_if_fail (CX_IS_APPLICATION (self), NULL);

  return self->session;
}

/**
 * cx_application_dup_window_session:
 *
 * The session for a new window: the app's own for the first; another
 * window (the tests open one as the next start would) gets its own over
 * the same pack and settings, which reads scenes and layers again.
 *
 * Returns: (transfer full): a session
 */
CxSession *
cx_application_dup_window_session (CxApplication *self)
{
  g_return_val_if_fail (CX_IS_APPLICATION (self), NULL);

  if (!self->session_shown)
    {
      self->session_shown = TRUE;
      return g_object_ref (self->session);
    }
  return cx_session_new_like (self->session);
}

/**
 * cx_application_get_pack:
 *
 * Returns: (transfer none) (nullable): the loaded pack, %NULL if it failed
 */
CxDataPack *
cx_application_get_pack (CxApplication *self)
{
  g_return_val_if_fail (CX_IS_APPLICATION (self), NULL);

  return cx_session_get_pack (self->session);
}

void
cx_application_mark_process_start (void)
{
  process_start_us = g_get_monotonic_time ();
}

gint64
cx_application_get_process_start (void)
{
  return process_start_us;
}
