/* test-charts.c: a statistic's charts: walked by keyboard, described to
 * screen readers, Changning among the districts, the table copied; run
 * again as test-charts-zh (CX_TEST_LANGUAGE=zh_CN) for 万 (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cx-bar-chart.h"
#include "cx-chart-section.h"
#include "cx-details-panel.h"
#include "cx-district-figures.h"
#include "cx-format.h"
#include "cx-series-chart.h"
#include "ui-helpers.h"

static gboolean chinese;

static CxSelection *
selection (void)
{
  return cx_window_get_selection (ui_window ());
}

static CxDetailsPanel *
panel (void)
{
  return CX_DETAILS_PANEL (cx_window_get_details_panel (ui_window ()));
}

static GtkWidget *
find_visible (GtkWidget *widget,
              GType      type)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  const char *id;
  GType       type;
} PageWait;

static gboolean
page_shows (gpointer data)
{
  PageWait *wait = data;
  GObject *item = cx_selection_get_item (selection ());
  GtkWidget *page = cx_details_panel_get_page (panel ());

  return CX_IS_STATISTIC (item) && g_strcmp0 (cx_statistic_get_id (CX_STATISTIC (item)), wait->id) == 0
         && page != NULL && find_visible (page, wait->type) != NULL;
}

/* Opens the statistic @id and returns its visible chart of @type, drawn. */
static GtkWidget *
open_chart (const char *id,
            GType       type)
{
  PageWait wait = { id, type };
  GtkWidget *chart;

  cx_selection_clear (selection ());
  g_assert_true (cx_selection_select_by_id (selection (), id));
  g_assert_true (ui_wait_for (page_shows, &wait, 5000));
  chart = find_visible (cx_details_panel_get_page (panel ()), type);
  ui_wait_drawn (chart);
  return chart;
}

static void
assert_accessible (GtkWidget             *widget,
                   GtkAccessibleProperty  property,
                   const char            *expected)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, expected);

  if (error != NULL)
    g_error ("%s: %s", G_OBJECT_TYPE_NAME (widget), error);
}

typedef struct
{
  CxSeriesChart *chart;
  const char    *id;
} SelectedWait;

static gboolean
series_selected (gpointer data)
{
  SelectedWait *wait = data;

  return g_strcmp0 (cx_series_chart_get_selected_id (wait->chart), wait->id) == 0;
}

static void
key_selects (CxSeriesChart *chart,
             const char    *key,
             const char    *id,
             guint          column)
{
  SelectedWait wait = { chart, id };

  ui_key (key);
  g_assert_true (ui_wait_for (series_selected, &wait, 5000));
  g_assert_true (gtk_widget_has_focus (cx_series_chart_get_column (chart, column)));
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The GDP series walked with the keyboard: one Tab stop, the arrows,
 * Home and End; each column named by its period and value and described
 * by its source; Enter shows the source; the gap is a column saying so. */
static void
test_series_keyboard (void)
{
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  CxStatistic *gdp = cx_data_pack_lookup_statistic (pack, "gdp");
  CxSeriesChart *chart = CX_SERIES_CHART (open_chart ("gdp", CX_TYPE_SERIES_CHART));
  CxChartTable *table = cx_series_chart_get_table (chart);
  GtkWidget *popover = cx_series_chart_get_source_popover (chart);
  g_autofree char *v2018 = cx_format_statistic_figure (gdp, 141.88);
  g_autofree char *period = cx_format_period ("2019/2022");

  g_assert_cmpuint (cx_chart_table_get_n_rows (table), ==, 4);
  /* One Tab stop: only the first column takes focus before a choice. */
  g_assert_true (gtk_widget_get_focusable (cx_series_chart_get_column (chart, 0)));
  g_assert_false (gtk_widget_get_focusable (cx_series_chart_get_column (chart, 1)));

  for (guint i = 0; i < cx_chart_table_get_n_rows (table); i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (table, i);
      GtkWidget *column = cx_series_chart_get_column (chart, i);
      g_autofree char *name = g_strdup_printf (chinese ? "%s：%s" : "%s: %s", row->label,
                                               row->has_value ? row->text : (chinese ? "无数据" : "no figure"));

      assert_accessible (column, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      if (row->has_value)
        {
          g_autofree char *description = row->note != NULL
            ? g_strdup_printf (chinese ? "来源：%s；%s" : "source: %s; %s", row->source, row->note)
            : g_strdup_printf (chinese ? "来源：%s" : "source: %s", row->source);

          assert_accessible (column, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
        }
    }
  g_assert_cmpstr (cx_chart_table_get_row (table, 0)->text, ==, v2018);
  g_assert_cmpstr (cx_chart_table_get_row (table, 1)->label, ==, period);
  g_assert_false (cx_chart_table_get_row (table, 1)->has_value);

  gtk_widget_grab_focus (cx_series_chart_get_column (chart, 0));
  key_selects (chart, "Right", "2018", 0);
  key_selects (chart, "Right", "2019/2022", 1);
  key_selects (chart, "End", "2024", 3);
  key_selects (chart, "Left", "2023", 2);
  key_selects (chart, "Home", "2018", 0);
  g_assert_false (gtk_widget_get_focusable (cx_series_chart_get_column (chart, 3)));

  /* Enter: the 2018 value's source, one key (or click) away. */
  ui_key ("Return");
  g_assert_true (ui_wait_for (popover_shown, popover, 5000));
  g_assert_true (ui_text_contains (popover, "Travel China Guide"));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* 2023: its note says why its level and the 2024 growth disagree. */
  key_selects (chart, "Right", "2019/2022", 1);
  key_selects (chart, "Right", "2023", 2);
  ui_key ("Return");
  g_assert_true (ui_wait_for (popover_shown, popover, 5000));
  g_assert_true (ui_text_contains (popover, cx_chart_table_get_row (table, 2)->note));
  g_assert_true (ui_text_contains (popover, chinese ? "经济普查" : "economic census"));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
bar_of (CxBarChart *chart,
        const char *id)
{
  int i = cx_chart_table_find (cx_bar_chart_get_table (chart), id);

  g_assert_cmpint (i, >=, 0);
  return cx_bar_chart_get_row_widget (chart, i);
}

/* Changning among the 16 districts: highlighted, said to be so; every
 * district is a bar; by GDP, the districts without a figure are named. */
static void
test_districts (void)
{
  CxBarChart *chart = CX_BAR_CHART (open_chart ("population-census", CX_TYPE_BAR_CHART));
  GtkWidget *section = gtk_widget_get_ancestor (GTK_WIDGET (chart), CX_TYPE_CHART_SECTION);
  GtkDropDown *measure = GTK_DROP_DOWN (find_visible (section, GTK_TYPE_DROP_DOWN));
  CxChartTable *table = cx_bar_chart_get_table (chart);
  const CxChartRow *changning;
  g_autofree char *caption = NULL;
  g_autofree char *description = NULL;

  g_assert_cmpuint (cx_chart_table_get_n_rows (table), ==, 16);
  /* Ranked: Pudong first; Changning highlighted, and only it. */
  g_assert_cmpstr (cx_chart_table_get_row (table, 0)->id, ==, "pudong");
  for (guint i = 0; i < 16; i++)
    g_assert_cmpint (cx_chart_table_get_row (table, i)->highlighted, ==,
                     g_strcmp0 (cx_chart_table_get_row (table, i)->id, "changning") == 0);
  changning = cx_chart_table_get_row (table, cx_chart_table_find (table, "changning"));
  description = g_strdup_printf (chinese ? "16个中排第%d，%s，突出显示，来源：%s" : "rank %d of 16, %s, highlighted, source: %s",
                                 cx_chart_table_find (table, "changning") + 1, changning->period, changning->source);
  assert_accessible (bar_of (chart, "changning"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  if (chinese)
    /* 693,051 people as Chinese readers count them. */
    g_assert_cmpstr (changning->text, ==, "69.3万人");

  /* By GDP: only Changning has a figure; the others are listed. */
  gtk_drop_down_set_selected (measure, CX_DISTRICT_GDP);
  table = cx_bar_chart_get_table (chart);
  g_assert_cmpuint (cx_chart_table_get_n_rows (table), ==, 16);
  g_assert_cmpstr (cx_chart_table_get_row (table, 0)->id, ==, "changning");
  g_assert_false (cx_chart_table_get_row (table, 15)->has_value);
  g_object_get (section, "caption", &caption, NULL);
  g_assert_nonnull (strstr (caption, chinese ? "暂无数据：" : "Not available: "));
  g_assert_nonnull (strstr (caption, chinese ? "黄浦区" : "Huangpu District"));
  g_assert_nonnull (strstr (caption, chinese ? "崇明区" : "Chongming District"));
  g_assert_null (strstr (caption, chinese ? "长宁区" : "Changning District"));
  assert_accessible (bar_of (chart, "xuhui"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                     chinese ? "徐汇区：暂无数据" : "Xuhui District: not available");
  if (chinese)
    g_assert_cmpstr (cx_chart_table_get_row (table, 0)->text, ==, "2789亿元");

  /* Density says it is computed. */
  gtk_drop_down_set_selected (measure, CX_DISTRICT_DENSITY);
  g_clear_pointer (&caption, g_free);
  g_object_get (section, "caption", &caption, NULL);
  g_assert_nonnull (strstr (caption, chinese ? "本应用计算" : "Computed here"));
  g_assert_nonnull (strstr (cx_chart_table_get_title (cx_bar_chart_get_table (chart)), chinese ? "计算所得" : "computed"));
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  ClipboardRead *read = data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { 0 };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_text_read, &read);
  g_assert_true (ui_wait_for (read_done, &read, 5000));
  return read.text;
}

typedef struct
{
  CxBarChart *chart;
  const char *id;
} BarWait;

static gboolean
bar_selected (gpointer data)
{
  BarWait *wait = data;

  return g_strcmp0 (cx_bar_chart_get_selected_id (wait->chart), wait->id) == 0;
}

static void
bar_key_selects (CxBarChart *chart,
                 const char *key,
                 guint       row)
{
  BarWait wait = { chart, cx_chart_table_get_row (cx_bar_chart_get_table (chart), row)->id };

  ui_key (key);
  g_assert_true (ui_wait_for (bar_selected, &wait, 5000));
  g_assert_true (gtk_widget_has_focus (cx_bar_chart_get_row_widget (chart, row)));
  g_assert_true (gtk_widget_get_focusable (cx_bar_chart_get_row_widget (chart, row)));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* The bars walked with Up, Down, Home and End, one Tab stop; selected-id
 * and hovered-id follow the chart and lead it, for a map to link. */
static void
test_bars_keyboard (void)
{
  CxBarChart *chart = CX_BAR_CHART (open_chart ("population-census", CX_TYPE_BAR_CHART));
  guint n = cx_chart_table_get_n_rows (cx_bar_chart_get_table (chart));
  guint hovered = 0;

  cx_bar_chart_set_selected_id (chart, NULL);
  gtk_widget_grab_focus (cx_bar_chart_get_row_widget (chart, 0));
  bar_key_selects (chart, "Down", 0);
  bar_key_selects (chart, "Down", 1);
  bar_key_selects (chart, "End", n - 1);
  bar_key_selects (chart, "Up", n - 2);
  bar_key_selects (chart, "Home", 0);
  g_assert_false (gtk_widget_get_focusable (cx_bar_chart_get_row_widget (chart, 1)));

  /* Set from outside (a click on the map): the bar follows. */
  cx_bar_chart_set_selected_id (chart, "changning");
  g_assert_true (gtk_widget_get_focusable (bar_of (chart, "changning")));
  g_signal_connect (chart, "notify::hovered-id", G_CALLBACK (on_notify), &hovered);
  cx_bar_chart_set_hovered_id (chart, "xuhui");
  g_assert_cmpstr (cx_bar_chart_get_hovered_id (chart), ==, "xuhui");
  cx_bar_chart_set_hovered_id (chart, "xuhui");
  g_assert_cmpuint (hovered, ==, 1);
  cx_bar_chart_set_hovered_id (chart, NULL);
  g_signal_handlers_disconnect_by_func (chart, on_notify, &hovered);
}

/* Ctrl+C on the chart, and Copy Table in its menu, put its table on the
 * clipboard as tab-separated text. */
static void
test_copy (void)
{
  CxBarChart *chart = CX_BAR_CHART (open_chart ("population-census", CX_TYPE_BAR_CHART));
  GtkWidget *section = gtk_widget_get_ancestor (GTK_WIDGET (chart), CX_TYPE_CHART_SECTION);
  g_autofree char *tsv = cx_chart_table_to_tsv (cx_bar_chart_get_table (chart));
  g_autofree char *copied = NULL;
  g_autofree char *line = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (chart)), "before");
  /* The page keeps the chart, and its selection, from the last test: the
   * chart's one Tab stop is the first bar again once nothing is selected. */
  cx_bar_chart_set_selected_id (chart, NULL);
  g_assert_true (gtk_widget_grab_focus (cx_bar_chart_get_row_widget (chart, 0)));
  ui_key ("ctrl+c");
  copied = clipboard_text (GTK_WIDGET (chart));
  g_assert_cmpstr (copied, ==, tsv);
  line = g_strdup_printf ("%s\t693051\tpeople\t2020\t", chinese ? "长宁区" : "Changning District");
  g_assert_nonnull (strstr (copied, line));
  g_assert_true (g_str_has_prefix (copied, chinese ? "行政区\t数值\t单位\t时期\t来源\n" : "District\tValue\tUnit\tPeriod\tSource\n"));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (chart)), "before");
  g_assert_true (gtk_widget_activate_action (section, "chart.copy", NULL));
  g_clear_pointer (&copied, g_free);
  copied = clipboard_text (GTK_WIDGET (chart));
  g_assert_cmpstr (copied, ==, tsv);
}

static gboolean
place_selected (gpointer id)
{
  GObject *item = cx_selection_get_item (selection ());

  return CX_IS_FEATURE (item) && g_strcmp0 (cx_feature_get_id (CX_FEATURE (item)), id) == 0;
}

/* A statistic's bars by place select their place, on the map too, as the
 * thematic panel's do. */
static void
test_breakdown_selects_place (void)
{
  CxBarChart *chart = NULL;
  GtkWidget *page;

  open_chart ("jobs-2023", CX_TYPE_BAR_CHART);
  page = cx_details_panel_get_page (panel ());
  /* The chart by place, whichever other charts the page shows. */
  for (GtkWidget *w = gtk_widget_get_first_child (page); w != NULL; )
    {
      if (CX_IS_BAR_CHART (w) && gtk_widget_get_mapped (w) &&
          cx_chart_table_find (cx_bar_chart_get_table (CX_BAR_CHART (w)), "xinjing-town") >= 0)
        {
          chart = CX_BAR_CHART (w);
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != page && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == page ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (chart);

  gtk_widget_grab_focus (cx_bar_chart_get_row_widget (chart, cx_chart_table_find (cx_bar_chart_get_table (chart), "xinjing-town")));
  ui_key ("Return");
  g_assert_true (ui_wait_for (place_selected, "xinjing-town", 5000));
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("CX_TEST_LANGUAGE");

  if (g_strcmp0 (language, "zh_CN") == 0)
    {
      if (!ui_use_language (language))
        return ui_skip_language (&argc, &argv, language, "/charts/zh_CN", NULL);
      chinese = TRUE;
    }
  else
    g_setenv ("LANGUAGE", "en", TRUE);

  /* GtkTestATContext: the accessible names as a screen reader gets them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_private_data_home ("cx-test-charts-XXXXXX");
  ui_init (&argc, &argv);

  g_test_add_func ("/charts/series-keyboard", test_series_keyboard);
  g_test_add_func ("/charts/districts", test_districts);
  g_test_add_func ("/charts/bars-keyboard", test_bars_keyboard);
  g_test_add_func ("/charts/copy", test_copy);
  g_test_add_func ("/charts/breakdown-selects-place", test_breakdown_selects_place);

  return ui_run ();
}
