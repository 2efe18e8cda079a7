/* cx-chart-table.c: what a chart shows, as a table to rank, copy and export
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart draws one of these, so what is copied (Ctrl+C, tab-separated)
 * and exported (CSV) is what is drawn, row for row, sources included. The
 * table has five columns: the row's label, its value, the unit, the period
 * and the source, last so that a long citation does not push the figures
 * off a spreadsheet's first screen.
 *
 * Escaping, on purpose:
 * - CSV follows RFC 4180: a field holding a comma, a quote, CR or LF is
 *   quoted, quotes doubled; lines end in CRLF. A file starts with a UTF-8
 *   byte order mark, without which Excel reads it as the ANSI code page and
 *   Chinese names come out garbled; LibreOffice and Python's csv skip it.
 * - TSV (the clipboard) has no quoting of its own: tabs and line breaks in
 *   a field become spaces, so every row stays one line of five cells. A
 *   field starting with a quote is quoted as in CSV, because spreadsheets
 *   parse pasted text that way and would otherwise drop the quote.
 * - Spreadsheet formulas: a text cell starting with =, +, -, @, a tab or CR
 *   is run as a formula by Excel and LibreOffice ("CSV injection"), so it
 *   gets a leading apostrophe, as OWASP recommends. The pack is ours, but
 *   labels and citations are text nobody checks for that. The value column
 *   is a plain number ("-3.2" stays a number) and is never prefixed.
 * - Values are written with a dot and without grouping ("693051",
 *   "278.9"), whatever the language, so a spreadsheet reads them as
 *   numbers; a value that is not available is an empty cell, not 0.
 */

#define G_LOG_DOMAIN "cx-chart-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-chart-table.h"
#include "cx-format.h"
#include "cx-source.h"
#include "cx-store-util.h"

struct _CxChartTable
{
  gatomicrefcount  ref_count;
  char            *title;
  char            *label_heading;
  GPtrArray       *rows;     /* CxChartRow, owned */
};

G_DEFINE_BOXED_TYPE (CxChartTable, cx_chart_table, cx_chart_table_ref, cx_chart_table_unref)

static void
row_free (gpointer data)
{
  CxChartRow *row = data;

  g_free (row->id);
  g_free (row->label);
  g_free (row->text);
  g_free (row->unit);
  g_free (row->period);
  g_free (row->source);
  g_free (row);
}

/**
 * cx_chart_table_new:
 * @title: (nullable): what the chart shows, as its heading
 * @label_heading: (nullable): the heading of the first column ("District",
 *   "Period"); "Label" when %NULL
 *
 * Returns: (transfer full): an empty table
 */
CxChartTable *
cx_chart_table_new (const char *title,
                    const char *label_heading)
{
  CxChartTable *self = g_new0 (CxChartTable, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->title = g_strdup (title);
  self->label_heading = g_strdup (label_heading);
  self->rows = g_ptr_array_new_with_free_func (row_free);

  return self;
}

CxChartTable *
cx_chart_table_ref (CxChartTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cx_chart_table_unref (CxChartTable *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->label_heading);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

const char *
cx_chart_table_get_title (CxChartTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

const char *
cx_chart_table_get_label_heading (CxChartTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* TRANSLATORS: heading of the first column of a chart's copied table,
   * when the chart does not name it */
  return self->label_heading != NULL ? self->label_heading : _("Label");
}

/**
 * cx_chart_table_append:
 * @id: what the row is about (unique in the table)
 * @label: the row's name as shown
 * @has_value: %FALSE to list the row as not available
 * @value: the value; ignored without @has_value, and a value that is not
 *   finite is listed as not available
 *
 * Returns: (transfer none): the row, to set its details and highlight on
 */
CxChartRow *
cx_chart_table_append (CxChartTable *self,
                       const char   *id,
                       const char   *label,
                       gboolean      has_value,
                       double        value)
{
  CxChartRow *row;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  row = g_new0 (CxChartRow, 1);
  row->id = g_strdup (id);
  row->label = g_strdup (label != NULL ? label : id);
  row->has_value = has_value && isfinite (value);
  row->value = row->has_value ? value : 0;
  g_ptr_array_add (self->rows, row);

  return row;
}

/**
 * cx_chart_row_set_details:
 * @text: (nullable): the value as shown, with its unit
 * @unit: (nullable): the unit, for the table's unit column
 * @period: (nullable): the period, as shown
 * @source: (nullable): the source, as cited
 */
void
cx_chart_row_set_details (CxChartRow *row,
                          const char *text,
                          const char *unit,
                          const char *period,
                          const char *source)
{
  g_return_if_fail (row != NULL);

  g_free (row->text);
  row->text = g_strdup (text);
  g_free (row->unit);
  row->unit = g_strdup (unit);
  g_free (row->period);
  row->period = g_strdup (period);
  g_free (row->source);
  row->source = g_strdup (source);
}

guint
cx_chart_table_get_n_rows (CxChartTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

const CxChartRow *
cx_chart_table_get_row (CxChartTable *self,
                        guint         i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, i);
}

/* Returns: the index of the row with @id, or -1 */
int
cx_chart_table_find (CxChartTable *self,
                     const char   *id)
{
  g_return_val_if_fail (self != NULL, -1);

  if (id == NULL)
    return -1;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (((CxChartRow *) g_ptr_array_index (self->rows, i))->id, id) == 0)
      return i;
  return -1;
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const CxChartRow *x = *(CxChartRow * const *) a;
  const CxChartRow *y = *(CxChartRow * const *) b;

  /* Not available goes last; among equal values the order appended stays
   * (g_ptr_array_sort is a stable merge sort). */
  if (x->has_value != y->has_value)
    return x->has_value ? -1 : 1;
  if (!x->has_value)
    return 0;
  return (x->value < y->value) - (x->value > y->value);
}

/**
 * cx_chart_table_rank:
 *
 * Orders the rows by value, the largest first; rows without a value keep
 * their order after all the others.
 */
void
cx_chart_table_rank (CxChartTable *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_sort (self->rows, compare_ranked);
}

/**
 * cx_chart_cite:
 * @source: (nullable): a value's source
 *
 * The source as a table's last column cites it: title, publisher and
 * date, and the address, so that a reader of the copied table can find it.
 *
 * Returns: (transfer full) (nullable): the citation
 */
char *
cx_chart_cite (CxSource *source)
{
  g_autofree char *citation = NULL;

  if (source == NULL)
    return NULL;
  citation = cx_format_source (source);
  if (cx_source_get_url (source) != NULL)
    /* TRANSLATORS: a source in a chart's copied table: title, citation, address */
    return g_strdup_printf (_("%1$s. %2$s. %3$s"), cx_source_get_title (source), citation,
                            cx_source_get_url (source));
  /* TRANSLATORS: a source in a chart's copied table: title, citation */
  return g_strdup_printf (_("%1$s. %2$s."), cx_source_get_title (source), citation);
}

/* A value in the table's own form: a dot, no grouping, up to 15
 * significant digits so that 278.9 is not 278.89999999999998. */
static char *
plain_number (const CxChartRow *row)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!row->has_value)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", row->value));
}

static gboolean
looks_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* Appends one text cell for CSV (@csv) or TSV. */
static void
append_cell (GString    *out,
             const char *text,
             gboolean    csv,
             gboolean    is_number)
{
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quote;

  if (text == NULL)
    text = "";
  if (!is_number && looks_like_formula (text))
    g_string_append_c (cell, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!csv && (*p == '\t' || *p == '\n' || *p == '\r'))
        {
          /* CRLF is one break, one space. */
          if (!(*p == '\n' && p > text && p[-1] == '\r'))
            g_string_append_c (cell, ' ');
        }
      else
        g_string_append_c (cell, *p);
    }

  if (csv)
    quote = strpbrk (cell->str, ",\"\r\n") != NULL;
  else
    quote = cell->str[0] == '"';

  if (!quote)
    {
      g_string_append_len (out, cell->str, cell->len);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = cell->str; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
write_table (CxChartTable *self,
             gboolean      csv)
{
  const char *separator = csv ? "," : "\t";
  const char *eol = csv ? "\r\n" : "\n";
  const char *headings[] = {
    cx_chart_table_get_label_heading (self),
    /* TRANSLATORS: heading of a column of a chart's copied or exported table */
    C_("table heading", "Value"),
    /* TRANSLATORS: heading of a column of a chart's copied or exported table */
    C_("table heading", "Unit"),
    /* TRANSLATORS: heading of a column of a chart's copied or exported table */
    C_("table heading", "Period"),
    /* TRANSLATORS: heading of a column of a chart's copied or exported table */
    C_("table heading", "Source"),
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      append_cell (out, headings[i], csv, FALSE);
    }
  g_string_append (out, eol);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const CxChartRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *number = plain_number (row);

      append_cell (out, row->label, csv, FALSE);
      g_string_append (out, separator);
      append_cell (out, number, csv, TRUE);
      g_string_append (out, separator);
      append_cell (out, row->unit, csv, FALSE);
      g_string_append (out, separator);
      append_cell (out, row->period, csv, FALSE);
      g_string_append (out, separator);
      append_cell (out, row->source, csv, FALSE);
      g_string_append (out, eol);
    }

  return g_string_free (out, FALSE);
}

/**
 * cx_chart_table_to_tsv:
 *
 * The table as tab-separated text, a heading line first, for the
 * clipboard; see the top of this file for the escaping.
 *
 * Returns: (transfer full): the text
 */
char *
cx_chart_table_to_tsv (CxChartTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return write_table (self, FALSE);
}

/**
 * cx_chart_table_to_csv:
 *
 * The table as RFC 4180 CSV, a heading line first, without the byte order
 * mark cx_chart_table_write_csv() puts before it.
 *
 * Returns: (transfer full): the text
 */
char *
cx_chart_table_to_csv (CxChartTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return write_table (self, TRUE);
}

/**
 * cx_chart_table_write_csv:
 *
 * Writes the table to @file as CSV, whole or not at all: a local file
 * (the file chooser portal's too) through cx_store_write_atomic(), a
 * temporary fsync()ed and renamed over it; GIO's g_file_replace() would
 * write a new file in place, half-written if the app stops. Other files
 * (a GVfs location) through GIO's replace, as atomic as their backend.
 */
gboolean
cx_chart_table_write_csv (CxChartTable  *self,
                          GFile         *file,
                          GError       **error)
{
  g_autofree char *csv = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = write_table (self, TRUE);
  contents = g_strconcat ("\xef\xbb\xbf", csv, NULL);
  if (g_file_is_native (file))
    return cx_store_write_atomic (file, contents, strlen (contents), 0644, error);
  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
