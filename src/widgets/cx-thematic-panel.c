/* cx-thematic-panel.c: the Layers panel's statistics on the map: which
 * breakdown by subdistrict the map shows, and its values as ranked bars
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The choices are the pack's statistics with a breakdown by feature
 * (cx_thematic_can_show()); choosing one activates win.thematic, which sets
 * CxSession:thematic, and the window gives the result back through
 * cx_thematic_panel_set_statistic(). The bars are linked both ways with the
 * app's one CxSelection: selecting a bar selects its place (and so its
 * circle on the map); selecting the place anywhere selects its bar. The
 * pointer on a bar emits ::hover, which the window passes to the map.
 *
 * The bars are the shared ranked bar chart (CxBarChart), of the table
 * cx_thematic_table() makes: keyboard walking, Ctrl+C and each bar's
 * accessible name come with it.
 */

#define G_LOG_DOMAIN "cx-thematic-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cx-bar-chart.h"
#include "cx-feature.h"
#include "cx-format.h"
#include "cx-item.h"
#include "cx-thematic.h"
#include "cx-thematic-legend.h"
#include "cx-thematic-panel.h"

struct _CxThematicPanel
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkWidget   *box;
  GtkWidget   *choices;
  GtkWidget   *shown;
  GtkLabel    *title;
  GtkWidget   *bars;
  GtkLabel    *note;

  /* Owned */
  CxSelection *selection;
  CxStatistic *statistic;
  GPtrArray   *checks;      /* GtkCheckButton, borrowed: one per choice */
  gboolean     syncing;     /* the widgets follow the model: not the other way */
};

G_DEFINE_FINAL_TYPE (CxThematicPanel, cx_thematic_panel, GTK_TYPE_WIDGET)

enum {
  HOVER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* The ranked bars (CxBarChart)                                        */
/* ------------------------------------------------------------------ */

static void
rank_fill (CxThematicPanel *self)
{
  CxDataPack *pack = self->selection != NULL ? cx_selection_get_pack (self->selection) : NULL;
  g_autoptr(CxChartTable) table = NULL;

  if (self->statistic != NULL && pack != NULL)
    table = cx_thematic_table (pack, self->statistic);
  cx_bar_chart_set_table (CX_BAR_CHART (self->bars), table);
}

/* A bar chosen (click, Enter, Space): its place is selected, on the map
 * too. */
static void
on_bar_activated (CxBarChart      *chart,
                  const char      *id,
                  CxThematicPanel *self)
{
  CxFeature *feature;

  if (self->selection == NULL)
    return;

  feature = cx_data_pack_lookup_feature (cx_selection_get_pack (self->selection), id);
  if (feature != NULL)
    cx_selection_select (self->selection, G_OBJECT (feature));
}

/* The pointer on a bar: its circle is drawn as hovered. */
static void
on_bar_hovered (CxThematicPanel *self)
{
  const char *id = cx_bar_chart_get_hovered_id (CX_BAR_CHART (self->bars));
  CxFeature *feature = NULL;

  if (id != NULL && self->selection != NULL)
    feature = cx_data_pack_lookup_feature (cx_selection_get_pack (self->selection), id);
  g_signal_emit (self, signals[HOVER], 0, feature);
}

/* Selected anywhere (the map, search, the Places list): its bar is
 * selected, or none when it is not one of the view's places. */
static void
on_selection_changed (CxThematicPanel *self)
{
  GObject *item = cx_selection_get_item (self->selection);
  const char *id = item != NULL && CX_IS_FEATURE (item) ? cx_feature_get_id (CX_FEATURE (item)) : NULL;
  CxChartTable *table = cx_bar_chart_get_table (CX_BAR_CHART (self->bars));

  if (table == NULL || (id != NULL && cx_chart_table_find (table, id) < 0))
    id = NULL;
  cx_bar_chart_set_selected_id (CX_BAR_CHART (self->bars), id);
}

/**
 * cx_thematic_panel_set_hovered:
 * @feature: (nullable): the place whose circle the pointer is on
 *
 * Its bar is drawn as hovered.
 */
void
cx_thematic_panel_set_hovered (CxThematicPanel *self,
                               GObject         *feature)
{
  g_return_if_fail (CX_IS_THEMATIC_PANEL (self));

  cx_bar_chart_set_hovered_id (CX_BAR_CHART (self->bars),
                               feature != NULL && CX_IS_FEATURE (feature) ? cx_feature_get_id (CX_FEATURE (feature)) : NULL);
}

/* ------------------------------------------------------------------ */
/* The choices                                                         */
/* ------------------------------------------------------------------ */

static void
on_choice_toggled (GtkCheckButton  *check,
                   CxThematicPanel *self)
{
  CxStatistic *statistic = g_object_get_data (G_OBJECT (check), "statistic");

  if (self->syncing)
    return;

  if (gtk_check_button_get_active (check))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.thematic", "s", cx_statistic_get_id (statistic));
  else if (self->statistic == statistic)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.thematic-clear", NULL);
}

static void
fill_choices (CxThematicPanel *self)
{
  GListModel *statistics;
  GtkCheckButton *group = NULL;

  gtk_list_box_remove_all (GTK_LIST_BOX (self->choices));
  g_ptr_array_set_size (self->checks, 0);
  if (self->selection == NULL)
    return;

  statistics = cx_data_pack_get_statistics (cx_selection_get_pack (self->selection));
  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CxStatistic) statistic = g_list_model_get_item (statistics, i);
      GtkWidget *row, *check;

      if (!cx_thematic_can_show (statistic))
        continue;

      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      group = GTK_CHECK_BUTTON (check);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "statistic", g_object_ref (statistic), g_object_unref);
      g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled), self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cx_statistic_get_title (statistic));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      {
        CxStatistic *numerator = NULL;

        if (cx_statistic_get_ratio (statistic, &numerator, NULL))
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Computed from two statistics"));
      }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (self->choices), row);
      g_ptr_array_add (self->checks, check);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->checks->len > 0);
}

static void
sync_choices (CxThematicPanel *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      gtk_check_button_set_active (check, g_object_get_data (G_OBJECT (check), "statistic") == (gpointer) self->statistic);
    }
  self->syncing = FALSE;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * cx_thematic_panel_set_selection:
 * @selection: the app's selection, of the pack whose statistics are offered
 */
void
cx_thematic_panel_set_selection (CxThematicPanel *self,
                                 CxSelection     *selection)
{
  g_return_if_fail (CX_IS_THEMATIC_PANEL (self));
  g_return_if_fail (selection == NULL || CX_IS_SELECTION (selection));

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (!g_set_object (&self->selection, selection))
    return;
  if (selection != NULL)
    g_signal_connect_swapped (selection, "notify::item", G_CALLBACK (on_selection_changed), self);

  fill_choices (self);
  sync_choices (self);
  rank_fill (self);
}

/**
 * cx_thematic_panel_set_statistic:
 * @statistic: (nullable): the statistic the map shows, or %NULL
 */
void
cx_thematic_panel_set_statistic (CxThematicPanel *self,
                                 CxStatistic     *statistic)
{
  g_return_if_fail (CX_IS_THEMATIC_PANEL (self));

  if (!g_set_object (&self->statistic, statistic))
    return;

  sync_choices (self);
  gtk_widget_set_visible (self->shown, statistic != NULL);
  rank_fill (self);
  if (statistic != NULL && self->selection != NULL)
    {
      g_autofree char *note = cx_thematic_describe_source (cx_selection_get_pack (self->selection), statistic);

      gtk_label_set_text (self->title, cx_statistic_get_title (statistic));
      gtk_label_set_text (self->note, note);
      on_selection_changed (self);
    }
}

CxStatistic *
cx_thematic_panel_get_statistic (CxThematicPanel *self)
{
  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), NULL);

  return self->statistic;
}

guint
cx_thematic_panel_get_n_bars (CxThematicPanel *self)
{
  CxChartTable *table;

  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), 0);

  table = cx_bar_chart_get_table (CX_BAR_CHART (self->bars));
  return table != NULL ? cx_chart_table_get_n_rows (table) : 0;
}

int
cx_thematic_panel_get_selected_bar (CxThematicPanel *self)
{
  CxChartTable *table;
  const char *id;

  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), -1);

  table = cx_bar_chart_get_table (CX_BAR_CHART (self->bars));
  id = cx_bar_chart_get_selected_id (CX_BAR_CHART (self->bars));
  return table != NULL && id != NULL ? cx_chart_table_find (table, id) : -1;
}

const char *
cx_thematic_panel_get_bar_id (CxThematicPanel *self,
                              guint            rank)
{
  CxChartTable *table;

  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), NULL);

  table = cx_bar_chart_get_table (CX_BAR_CHART (self->bars));
  return table != NULL && rank < cx_chart_table_get_n_rows (table) ? cx_chart_table_get_row (table, rank)->id : NULL;
}

GtkWidget *
cx_thematic_panel_get_bar (CxThematicPanel *self,
                           guint            rank)
{
  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), NULL);

  return cx_bar_chart_get_row_widget (CX_BAR_CHART (self->bars), rank);
}

const char *
cx_thematic_panel_get_hovered_bar_id (CxThematicPanel *self)
{
  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), NULL);

  return cx_bar_chart_get_hovered_id (CX_BAR_CHART (self->bars));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cx_thematic_panel_dispose (GObject *object)
{
  CxThematicPanel *self = CX_THEMATIC_PANEL (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->statistic);
  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_THEMATIC_PANEL);

  G_OBJECT_CLASS (cx_thematic_panel_parent_class)->dispose (object);
}

static void
cx_thematic_panel_finalize (GObject *object)
{
  CxThematicPanel *self = CX_THEMATIC_PANEL (object);

  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (cx_thematic_panel_parent_class)->finalize (object);
}

static void
cx_thematic_panel_class_init (CxThematicPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_thematic_panel_dispose;
  object_class->finalize = cx_thematic_panel_finalize;

  /**
   * CxThematicPanel::hover:
   * @feature: (nullable): the place whose bar the pointer is on, or %NULL
   *   when it left the bars
   */
  signals[HOVER] = g_signal_new ("hover",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_OBJECT);

  g_type_ensure (CX_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/widgets/cx-thematic-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CxThematicPanel, box);
  gtk_widget_class_bind_template_child (widget_class, CxThematicPanel, choices);
  gtk_widget_class_bind_template_child (widget_class, CxThematicPanel, shown);
  gtk_widget_class_bind_template_child (widget_class, CxThematicPanel, title);
  gtk_widget_class_bind_template_child (widget_class, CxThematicPanel, bars);
  gtk_widget_class_bind_template_child (widget_class, CxThematicPanel, note);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cx-thematic-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_thematic_panel_init (CxThematicPanel *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->bars, "row-activated", G_CALLBACK (on_bar_activated), self);
  g_signal_connect_swapped (self->bars, "notify::hovered-id", G_CALLBACK (on_bar_hovered), self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
