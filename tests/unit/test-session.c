/* test-session.c: a session's settings, with its schema installed or not
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib reads where schemas are, and which settings backend to use, once per
 * process, so each case runs its sessions in subprocesses of this test,
 * each with the environment it is about:
 *
 * - no schema installed (GSETTINGS_SCHEMA_DIR and XDG_DATA_DIRS pointing at
 *   an empty folder): each start says so once, then uses the schema built
 *   into the app's resources, with settings kept in memory, so that nothing
 *   after it has to ask whether there are settings;
 * - the schema installed, and GLib's keyfile backend in a folder of the
 *   test (as under Flatpak): what one process sets through its session,
 *   the next process's session reads.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cx-session.h"
#include "cx-test-files.h"

#define APP_ID "io.github.changning.Explorer"

static const char *build_schema_dir;   /* GSETTINGS_SCHEMA_DIR as meson set it */

/* Runs the test @path in a subprocess with @vars ("NAME", "value", …,
 * NULL) added to the environment. */
static void
run_child (const char *path,
           ...)
{
  g_auto(GStrv) envp = g_get_environ ();
  va_list args;
  const char *name;

  va_start (args, path);
  while ((name = va_arg (args, const char *)) != NULL)
    envp = g_environ_setenv (envp, name, va_arg (args, const char *), TRUE);
  va_end (args);

  g_test_trap_subprocess_with_envp (path, (const char * const *) envp, 0,
                                    G_TEST_SUBPROCESS_DEFAULT);
}

/* ------------------------------------------------------------------ */
/* No schema installed                                                 */
/* ------------------------------------------------------------------ */

typedef struct
{
  GHashTable *defaults;   /* key name → default, as GVariant text */
  char       *key;        /* the <key> being read */
  char       *type;
  GString    *text;
  gboolean    in_default;
} SchemaXml;

static void
schema_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SchemaXml *xml = user_data;

  if (g_str_equal (element, "key"))
    {
      g_assert_true (g_markup_collect_attributes (element, names, values, error,
                                                  G_MARKUP_COLLECT_STRDUP, "name", &xml->key,
                                                  G_MARKUP_COLLECT_STRDUP, "type", &xml->type,
                                                  G_MARKUP_COLLECT_INVALID));
    }
  else if (g_str_equal (element, "default") && xml->key != NULL)
    {
      xml->in_default = TRUE;
      g_string_truncate (xml->text, 0);
    }
}

static void
schema_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SchemaXml *xml = user_data;

  if (g_str_equal (element, "default") && xml->in_default)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GVariant) value = g_variant_parse (G_VARIANT_TYPE (xml->type), xml->text->str, NULL, NULL, &local_error);

      g_assert_no_error (local_error);
      g_hash_table_insert (xml->defaults, g_strdup (xml->key), g_variant_print (value, FALSE));
      xml->in_default = FALSE;
    }
  else if (g_str_equal (element, "key"))
    {
      g_clear_pointer (&xml->key, g_free);
      g_clear_pointer (&xml->type, g_free);
    }
}

static void
schema_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 len,
             gpointer              user_data,
             GError              **error)
{
  SchemaXml *xml = user_data;

  if (xml->in_default)
    g_string_append_len (xml->text, text, (gssize) len);
}

/* The keys of the schema in data/, with their defaults. */
static GHashTable *
schema_in_source (void)
{
  static const GMarkupParser parser = { schema_start, schema_end, schema_text, NULL, NULL };
  g_autofree char *path = g_build_filename (g_getenv ("CX_SOURCE_ROOT"), "data", APP_ID ".gschema.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  SchemaXml xml = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), NULL, NULL, g_string_new (NULL), FALSE };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &xml, NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_markup_parse_context_parse (context, contents, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_string_free (xml.text, TRUE);

  return xml.defaults;
}

/* The settings are the real schema's: every key of data/'s schema, none
 * more, with its default. */
static void
assert_real_keys (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GHashTable) expected = schema_in_source ();
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  g_assert_cmpstr (g_settings_schema_get_id (schema), ==, APP_ID);
  keys = g_settings_schema_list_keys (schema);
  g_assert_cmpuint (g_strv_length (keys), ==, g_hash_table_size (expected));
  g_assert_cmpuint (g_strv_length (keys), >=, 10);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) value = g_settings_schema_key_get_default_value (key);
      g_autofree char *printed = g_variant_print (value, FALSE);
      g_autoptr(GVariant) current = g_settings_get_value (settings, keys[i]);
      g_autofree char *current_printed = g_variant_print (current, FALSE);

      g_assert_cmpstr (printed, ==, g_hash_table_lookup (expected, keys[i]));
      /* Nothing set yet: the default is what a reader gets. */
      g_assert_cmpstr (current_printed, ==, printed);
    }
}

static void
test_schema_not_installed_child (void)
{
  g_autoptr(CxSession) session = NULL;
  g_autoptr(CxSession) other = NULL;
  g_autoptr(CxSession) again = NULL;
  g_auto(GStrv) hidden = NULL;
  const char *layers[] = { "landmarks", NULL };
  GSettings *settings;

  /* Each start says it once: a start that says it twice, or not at all,
   * fails here (an unexpected warning is fatal in a test). */
  g_test_expect_message ("cx-session", G_LOG_LEVEL_WARNING, "*schema*not installed*");
  session = cx_session_new ();
  g_test_assert_expected_messages ();
  g_assert_nonnull (cx_session_get_pack (session));

  settings = cx_session_get_settings (session);
  g_assert_nonnull (settings);
  g_assert_false (cx_session_get_settings_kept (session));
  assert_real_keys (settings);

  /* Kept in memory, for this session, through its layers. */
  cx_visibility_set_visible (cx_session_get_visibility (session), "landmarks", FALSE);
  hidden = g_settings_get_strv (settings, "hidden-layers");
  g_assert_cmpstrv (hidden, layers);

  /* A second start of its own says it again, once: the count above is
   * one per start, not one per process by luck. */
  g_test_expect_message ("cx-session", G_LOG_LEVEL_WARNING, "*schema*not installed*");
  other = cx_session_new ();
  g_test_assert_expected_messages ();
  g_assert_true (cx_session_get_settings (other) != settings);
  g_assert_true (cx_visibility_get_visible (cx_session_get_visibility (other), "landmarks"));

  /* A start over the same session (the pack updated) says nothing, and
   * reads the layers the session kept. */
  again = cx_session_new_like (session);
  g_assert_true (cx_session_get_settings (again) == settings);
  g_assert_false (cx_visibility_get_visible (cx_session_get_visibility (again), "landmarks"));
}

static void
test_schema_not_installed (void)
{
  g_autofree char *empty = g_dir_make_tmp ("cx-test-session-XXXXXX", NULL);

  g_assert_nonnull (empty);
  run_child ("/session/schema-not-installed/subprocess",
             "GSETTINGS_SCHEMA_DIR", empty, "XDG_DATA_DIRS", empty, "XDG_DATA_HOME", empty, NULL);
  cx_test_remove_tree (empty);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------ */
/* Installed, kept from one process to the next                        */
/* ------------------------------------------------------------------ */

static void
test_restart_first_child (void)
{
  g_autoptr(CxSession) session = cx_session_new ();
  CxVisibility *visibility = cx_session_get_visibility (session);

  g_assert_true (cx_session_get_settings_kept (session));
  assert_real_keys (cx_session_get_settings (session));
  g_assert_true (cx_visibility_get_visible (visibility, "landmarks"));
  cx_visibility_set_visible (visibility, "landmarks", FALSE);
  g_settings_sync ();
}

static void
test_restart_second_child (void)
{
  g_autoptr(CxSession) session = cx_session_new ();
  CxVisibility *visibility = cx_session_get_visibility (session);
  g_auto(GStrv) hidden = g_settings_get_strv (cx_session_get_settings (session), "hidden-layers");
  const char *layers[] = { "landmarks", NULL };

  g_assert_true (cx_session_get_settings_kept (session));
  g_assert_cmpstrv (hidden, layers);
  g_assert_false (cx_visibility_get_visible (visibility, "landmarks"));
  g_assert_true (cx_visibility_get_visible (visibility, "district"));
}

static void
test_restart_keeps_settings (void)
{
  g_autofree char *root = g_dir_make_tmp ("cx-test-session-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *contents = NULL;

  g_assert_nonnull (root);
  g_assert_nonnull (build_schema_dir);

  /* The second start's check fails when nothing was kept: it can fail. */
  run_child ("/session/restart/second/subprocess",
             "GSETTINGS_SCHEMA_DIR", build_schema_dir, "GSETTINGS_BACKEND", "keyfile",
             "XDG_CONFIG_HOME", config, "XDG_DATA_HOME", data, NULL);
  g_test_trap_assert_failed ();

  /* One process hides a layer; GLib writes it down; the next one reads it. */
  run_child ("/session/restart/first/subprocess",
             "GSETTINGS_SCHEMA_DIR", build_schema_dir, "GSETTINGS_BACKEND", "keyfile",
             "XDG_CONFIG_HOME", config, "XDG_DATA_HOME", data, NULL);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (keyfile, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "hidden-layers=['landmarks']"));

  run_child ("/session/restart/second/subprocess",
             "GSETTINGS_SCHEMA_DIR", build_schema_dir, "GSETTINGS_BACKEND", "keyfile",
             "XDG_CONFIG_HOME", config, "XDG_DATA_HOME", data, NULL);
  g_test_trap_assert_passed ();

  cx_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  build_schema_dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/schema-not-installed", test_schema_not_installed);
  g_test_add_func ("/session/schema-not-installed/subprocess", test_schema_not_installed_child);
  g_test_add_func ("/session/restart-keeps-settings", test_restart_keeps_settings);
  g_test_add_func ("/session/restart/first/subprocess", test_restart_first_child);
  g_test_add_func ("/session/restart/second/subprocess", test_restart_second_child);

  return g_test_run ();
}
