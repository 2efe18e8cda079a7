/* test-shortcuts.c: the one shortcut table (cx-window-actions.c) and the
 * shortcuts window (help-overlay.ui) list the same shortcuts
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shortcuts window names a shortcut either by its action (the window
 * then shows the table's keys for it) or by its keys: an entry such as
 * "Left Right Up Down" shows the first key of four rows. Every row must be
 * in exactly one entry, and every action or key an entry shows must be in
 * exactly one row: a shortcut added to one side and not to the other, or
 * a row removed from the table, fails here.
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

/* The key the shortcuts window shows for a row named by its keys. */
static char *
first_key (const CxShortcut *shortcut)
{
  const char *space = strchr (shortcut->accels, ' ');

  return space != NULL ? g_strndup (shortcut->accels, (gsize) (space - shortcut->accels)) : g_strdup (shortcut->accels);
}

/* How many rows of the table show @key, named by keys. */
static guint
rows_showing (const CxShortcut *table,
              guint             n_table,
              const char       *key)
{
  guint n = 0;

  for (guint i = 0; i < n_table; i++)
    if (!table[i].listed_by_action)
      {
        g_autofree char *first = first_key (&table[i]);

        n += g_str_equal (first, key);
      }
  return n;
}

static gboolean
matches (const CxShortcut *shortcut,
         const Listed     *listed)
{
  g_auto(GStrv) keys = NULL;
  g_autofree char *first = NULL;

  if (shortcut->listed_by_action)
    return listed->action != NULL && g_strcmp0 (listed->action, shortcut->action) == 0;
  if (listed->accelerator == NULL)
    return FALSE;

  keys = g_strsplit (listed->accelerator, " ", -1);
  first = first_key (shortcut);
  return g_strv_contains ((const char * const *) keys, first);
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
          g_auto(GStrv) keys = g_strsplit (entry->accelerator != NULL ? entry->accelerator : "", " ", -1);

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
