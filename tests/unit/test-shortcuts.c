/* test-shortcuts.c: the one shortcut table (cx-window-actions.c) and the
 * shortcuts window (help-overlay.ui) list the same shortcuts
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shortcuts window names a shortcut either by its action (the window
 * then shows the table's keys for it) or by its keys: an entry such as
 * "Left Right Up Down" shows the keys of four rows, every one of them (a
 * keypad key is shown by its main key: KP_Left by Left, KP_Add by plus).
 * Every row must be in exactly one entry, every key of a row named by keys
 * must be shown, and every action or key an entry shows must be in exactly
 * one row: a shortcut or a key added to one side and not to the other, or a
 * row removed from the table, fails here.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "cx-window-private.h"

typedef struct
{
  char *action;       /* nullable */
  char *accelerator;  /* nullable */
} Listed;

static void
listed_free (gpointer data)
{
  Listed *listed = data;

  g_free (listed->action);
  g_free (listed->accelerator);
  g_free (listed);
}

typedef struct
{
  GPtrArray *listed;     /* Listed */
  Listed    *current;    /* inside a GtkShortcutsShortcut */
  int        depth;      /* of <object> inside it */
  GString   *text;
  char      *property;   /* the property being read */
} Parse;

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Parse *parse = user_data;

  if (g_str_equal (element, "object"))
    {
      const char *class = NULL;

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "class"))
          class = values[i];

      if (parse->current != NULL)
        parse->depth++;
      else if (g_strcmp0 (class, "GtkShortcutsShortcut") == 0)
        {
          parse->current = g_new0 (Listed, 1);
          parse->depth = 0;
        }
    }
  else if (g_str_equal (element, "property") && parse->current != NULL && parse->depth == 0)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          g_set_str (&parse->property, values[i]);
      g_string_truncate (parse->text, 0);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Parse *parse = user_data;

  if (g_str_equal (element, "property") && parse->property != NULL)
    {
      if (g_str_equal (parse->property, "action-name"))
        parse->current->action = g_strdup (parse->text->str);
      else if (g_str_equal (parse->property, "accelerator"))
        parse->current->accelerator = g_strdup (parse->text->str);
      g_clear_pointer (&parse->property, g_free);
    }
  else if (g_str_equal (element, "object") && parse->current != NULL)
    {
      if (parse->depth > 0)
        parse->depth--;
      else
        g_ptr_array_add (parse->listed, g_steal_pointer (&parse->current));
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text_,
      gsize                 len,
      gpointer              user_data,
      GError              **error)
{
  Parse *parse = user_data;

  if (parse->property != NULL)
    g_string_append_len (parse->text, text_, (gssize) len);
}

static GPtrArray *
parse_shortcuts_window (const char *xml)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  Parse parse = { g_ptr_array_new_with_free_func (listed_free), NULL, 0, g_string_new (NULL), NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &parse, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_null (parse.current);
  g_string_free (parse.text, TRUE);

  return parse.listed;
}

static char *
help_overlay_xml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/help-overlay.ui", 0, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A key as the shortcuts window lists it, normalised by GTK: the keypad's
 * keys are listed by their main keys (KP_Add by plus, KP_Left by Left),
 * which GtkShortcutLabel writes alike or which stand for them. A range
 * such as "1...9" is kept as it is. */
static char *
listed_key (const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;
  const char *name;

  if (!gtk_accelerator_parse (accel, &key, &mods) || key == 0)
    return g_strdup (accel);

  name = gdk_keyval_name (key);
  if (name != NULL && g_str_has_prefix (name, "KP_"))
    {
      gunichar ch = gdk_keyval_to_unicode (key);
      guint main_key = ch != 0 ? gdk_unicode_to_keyval (ch) : gdk_keyval_from_name (name + 3);

      if (main_key != 0 && main_key != GDK_KEY_VoidSymbol && (main_key & 0x01000000) == 0)
        key = main_key;
    }

  return gtk_accelerator_name (key, mods);
}

/* Every key of @accels as listed, once each. */
static GStrv
listed_keys (const char *accels)
{
  g_auto(GStrv) keys = g_strsplit (accels != NULL ? accels : "", " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      char *key;

      if (keys[i][0] == '\0')
        continue;
      key = listed_key (keys[i]);
      if (g_ptr_array_find_with_equal_func (seen, key, g_str_equal, NULL))
        {
          g_free (key);
          continue;
        }
      g_strv_builder_add (builder, key);
      g_ptr_array_add (seen, key);
    }

  return g_strv_builder_end (builder);
}

/* How many rows of the table named by keys have @key among theirs. */
static guint
rows_showing (const CxShortcut *table,
              guint             n_table,
              const char       *key)
{
  g_autofree char *wanted = listed_key (key);
  guint n = 0;

  for (guint i = 0; i < n_table; i++)
    if (!table[i].listed_by_action)
      {
        g_auto(GStrv) keys = listed_keys (table[i].accels);

        n += g_strv_contains ((const char * const *) keys, wanted);
      }
  return n;
}

/* Whether @listed names @shortcut: by its action, or by every one of its
 * keys. */
static gboolean
matches (const CxShortcut *shortcut,
         const Listed     *listed)
{
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) keys = NULL;

  if (shortcut->listed_by_action)
    return listed->action != NULL && g_strcmp0 (listed->action, shortcut->action) == 0;
  if (listed->accelerator == NULL)
    return FALSE;

  shown = listed_keys (listed->accelerator);
  keys = listed_keys (shortcut->accels);
  for (guint k = 0; keys[k] != NULL; k++)
    if (!g_strv_contains ((const char * const *) shown, keys[k]))
      return FALSE;
  return TRUE;
}

/* Appends a line to @problems for each row that is not in exactly one
 * entry, and for each action or key of an entry that is not in exactly
 * one row. */
static void
compare (const CxShortcut *table,
         guint             n_table,
         GPtrArray        *listed,
         GString          *problems)
{
  for (guint i = 0; i < n_table; i++)
    {
      guint n = 0;

      for (guint k = 0; k < listed->len; k++)
        n += matches (&table[i], g_ptr_array_index (listed, k));
      if (n != 1)
        g_string_append_printf (problems, "%s (%s) is in the shortcuts window %u times\n",
                                table[i].action, table[i].accels, n);
    }

  /* Each key of a row named by keys, wherever it is missing: a key kept in
   * the table but dropped from the window, or the other way round. */
  for (guint i = 0; i < n_table; i++)
    {
      g_auto(GStrv) keys = NULL;

      if (table[i].listed_by_action)
        continue;
      keys = listed_keys (table[i].accels);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          gboolean found = FALSE;

          for (guint e = 0; e < listed->len && !found; e++)
            {
              Listed *entry = g_ptr_array_index (listed, e);
              g_auto(GStrv) shown = entry->action == NULL ? listed_keys (entry->accelerator) : NULL;

              found = shown != NULL && g_strv_contains ((const char * const *) shown, keys[k]);
            }
          if (!found)
            g_string_append_printf (problems, "%s's key %s is not in the shortcuts window\n",
                                    table[i].action, keys[k]);
        }
    }

  for (guint k = 0; k < listed->len; k++)
    {
      Listed *entry = g_ptr_array_index (listed, k);

      if (entry->action != NULL)
        {
          guint n = 0;

          for (guint i = 0; i < n_table; i++)
            n += table[i].listed_by_action && g_strcmp0 (table[i].action, entry->action) == 0;
          if (n != 1)
            g_string_append_printf (problems, "the shortcuts window's %s is in the table %u times\n", entry->action, n);
        }
      else
        {
          g_auto(GStrv) keys = listed_keys (entry->accelerator);

          for (guint j = 0; keys[j] != NULL; j++)
            {
              guint n = rows_showing (table, n_table, keys[j]);

              if (n != 1)
                g_string_append_printf (problems, "the shortcuts window's %s is in the table %u times\n", keys[j], n);
            }
        }
    }
}

static void
test_same_shortcuts (void)
{
  guint n_table;
  const CxShortcut *table = cx_window_get_shortcuts (&n_table);
  g_autofree char *xml = help_overlay_xml ();
  g_autoptr(GPtrArray) listed = parse_shortcuts_window (xml);
  g_autoptr(GString) problems = g_string_new (NULL);

  g_assert_cmpuint (n_table, >, 10);
  compare (table, n_table, listed, problems);
  g_assert_cmpstr (problems->str, ==, "");
}

/* The comparison has teeth: one more entry on either side is caught. */
static void
test_extra_entry_caught (void)
{
  guint n_table;
  const CxShortcut *table = cx_window_get_shortcuts (&n_table);
  g_autofree char *xml = help_overlay_xml ();
  g_autoptr(GPtrArray) listed = parse_shortcuts_window (xml);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree CxShortcut *longer = g_new0 (CxShortcut, n_table + 1);
  Listed *extra = g_new0 (Listed, 1);

  /* The window gains one. */
  extra->action = g_strdup ("win.not-in-the-table");
  g_ptr_array_add (listed, extra);
  compare (table, n_table, listed, problems);
  g_assert_nonnull (strstr (problems->str, "win.not-in-the-table"));

  /* The table gains one. */
  g_ptr_array_remove (listed, extra);
  g_string_truncate (problems, 0);
  memcpy (longer, table, n_table * sizeof *table);
  longer[n_table] = (CxShortcut) { "win.not-in-the-window", "<Control>k", CX_SHORTCUT_GLOBAL, TRUE };
  compare (longer, n_table + 1, listed, problems);
  g_assert_nonnull (strstr (problems->str, "win.not-in-the-window"));

  /* The table loses a row that the window shows by its key. */
  g_string_truncate (problems, 0);
  for (guint i = 0, n = 0; i < n_table; i++)
    if (g_strcmp0 (table[i].action, "map.pan-up") != 0)
      longer[n++] = table[i];
  compare (longer, n_table - 1, listed, problems);
  g_assert_nonnull (strstr (problems->str, "the shortcuts window's Up is in the table 0 times"));

  /* A row named by keys gains a key that is not its first. */
  g_string_truncate (problems, 0);
  memcpy (longer, table, n_table * sizeof *table);
  for (guint i = 0; i < n_table; i++)
    if (g_strcmp0 (table[i].action, "map.zoom-out") == 0)
      longer[i].accels = "minus KP_Subtract underscore";
  compare (longer, n_table, listed, problems);
  g_assert_cmpstr (problems->str, ==, "map.zoom-out (minus KP_Subtract underscore) is in the shortcuts window 0 times\n"
                                      "map.zoom-out's key underscore is not in the shortcuts window\n");

  /* The window drops a key that is not an entry's first. */
  g_string_truncate (problems, 0);
  for (guint k = 0; k < listed->len; k++)
    {
      Listed *entry = g_ptr_array_index (listed, k);

      if (g_strcmp0 (entry->accelerator, "plus equal minus") == 0)
        g_set_str (&entry->accelerator, "plus minus");
    }
  compare (table, n_table, listed, problems);
  g_assert_cmpstr (problems->str, ==, "map.zoom-in (plus equal KP_Add) is in the shortcuts window 0 times\n"
                                      "map.zoom-in's key equal is not in the shortcuts window\n");
}

/* Every key the table gives GTK parses, as an accelerator and as a
 * shortcut trigger. */
static void
test_accelerators_parse (void)
{
  guint n_table;
  const CxShortcut *table = cx_window_get_shortcuts (&n_table);

  for (guint i = 0; i < n_table; i++)
    {
      g_auto(GStrv) accels = NULL;

      if (table[i].scope == CX_SHORTCUT_TYPED)
        continue;

      g_assert_nonnull (table[i].action);
      accels = g_strsplit (table[i].accels, " ", -1);
      for (guint k = 0; accels[k] != NULL; k++)
        {
          guint key = 0;
          GdkModifierType mods = 0;

          g_autoptr(GtkShortcutTrigger) trigger = NULL;

          if (!gtk_accelerator_parse (accels[k], &key, &mods) || key == 0)
            g_error ("%s: “%s” does not parse", table[i].action, accels[k]);
          trigger = gtk_shortcut_trigger_parse_string (accels[k]);
          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            g_error ("%s: “%s” is no trigger", table[i].action, accels[k]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shortcuts/same-in-window-and-table", test_same_shortcuts);
  g_test_add_func ("/shortcuts/extra-entry-caught", test_extra_entry_caught);
  g_test_add_func ("/shortcuts/accelerators-parse", test_accelerators_parse);

  return g_test_run ();
}
