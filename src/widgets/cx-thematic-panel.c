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
 * The ranked bars here are a small list of their own (rank_fill(),
 * rank_select()), until the shared ranked bar chart widget replaces them.
 */

#define G_LOG_DOMAIN "cx-thematic-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

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
  GPtrArray   *bar_ids;     /* char *, the places in rank order */
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
/* The ranked bars                                                     */
/* ------------------------------------------------------------------ */

static void
on_bar_enter (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              CxThematicPanel          *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  CxDataPack *pack = cx_selection_get_pack (self->selection);
  int rank = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  CxFeature *feature = cx_data_pack_lookup_feature (pack, g_ptr_array_index (self->bar_ids, rank));

  g_signal_emit (self, signals[HOVER], 0, feature);
}

static void
on_bar_leave (GtkEventControllerMotion *motion,
              CxThematicPanel          *self)
{
  g_signal_emit (self, signals[HOVER], 0, NULL);
}

static GtkWidget *
bar_new (CxThematicPanel *self,
         const char      *name,
         double           value,
         double           max_value,
         guint            rank,
         guint            n_ranks)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_label = gtk_label_new (name);
  g_autofree char *figure = cx_format_statistic_figure (self->statistic,
                                                        cx_thematic_shown_value (self->statistic, value));
  GtkWidget *value_label = gtk_label_new (figure);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  /* TRANSLATORS: a bar of the ranked list, for screen readers:
   * "Xinjing Town: 148,418 jobs, 1 of 10" */
  g_autofree char *description = g_strdup_printf (_("%1$s: %2$s, %3$u of %4$u"), name, figure, rank, n_ranks);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (line), name_label);
  gtk_box_append (GTK_BOX (line), value_label);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), max_value > 0 ? value / max_value : 0);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  g_signal_connect (motion, "enter", G_CALLBACK (on_bar_enter), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_bar_leave), self);
  gtk_widget_add_controller (row, motion);

  return row;
}

/* Bars for the statistic's places, the largest value first; places whose
 * value is not available are listed last, as such, not dropped. */
static void
rank_fill (CxThematicPanel *self)
{
  CxDataPack *pack = self->selection != NULL ? cx_selection_get_pack (self->selection) : NULL;
  g_autofree guint *order = NULL;
  guint n = 0;
  double max_value;

  gtk_list_box_remove_all (GTK_LIST_BOX (self->bars));
  g_ptr_array_set_size (self->bar_ids, 0);
  if (self->statistic == NULL || pack == NULL)
    return;

  max_value = cx_thematic_max_value (self->statistic);
  order = cx_thematic_order (self->statistic, &n);
  for (guint k = 0; k < n; k++)
    {
      const CxStatisticEntry *entry = cx_statistic_get_entry (self->statistic, order[k]);
      CxFeature *feature = cx_data_pack_lookup_feature (pack, entry->id);
      const char *name = feature != NULL ? cx_feature_get_name (feature) : entry->id;
      GtkWidget *row;

      if (entry->has_value)
        row = bar_new (self, name, entry->value, max_value, k + 1, n);
      else
        {
          /* TRANSLATORS: a place of the ranked list without a value */
          g_autofree char *text = g_strdup_printf (_("%s: not available"), name);

          row = gtk_list_box_row_new ();
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), gtk_label_new (text));
        }
      gtk_list_box_append (GTK_LIST_BOX (self->bars), row);
      g_ptr_array_add (self->bar_ids, g_strdup (entry->id));
    }
}

/* Selects the bar of the place with @id, or none. */
static void
rank_select (CxThematicPanel *self,
             const char      *id)
{
  GtkListBoxRow *row = NULL;

  for (guint k = 0; id != NULL && k < self->bar_ids->len; k++)
    if (g_strcmp0 (g_ptr_array_index (self->bar_ids, k), id) == 0)
      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->bars), (int) k);

  self->syncing = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->bars), row);
  else
    gtk_list_box_unselect_all (GTK_LIST_BOX (self->bars));
  self->syncing = FALSE;
}

static void
on_bar_selected (GtkListBox      *box,
                 GtkListBoxRow   *row,
                 CxThematicPanel *self)
{
  CxFeature *feature;

  if (self->syncing || row == NULL || self->selection == NULL)
    return;

  feature = cx_data_pack_lookup_feature (cx_selection_get_pack (self->selection),
                                         g_ptr_array_index (self->bar_ids, gtk_list_box_row_get_index (row)));
  if (feature != NULL)
    cx_selection_select (self->selection, G_OBJECT (feature));
}

static void
on_selection_changed (CxThematicPanel *self)
{
  GObject *item = cx_selection_get_item (self->selection);

  rank_select (self, item != NULL && CX_IS_FEATURE (item) ? cx_feature_get_id (CX_FEATURE (item)) : NULL);
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
  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), 0);

  return self->bar_ids->len;
}

int
cx_thematic_panel_get_selected_bar (CxThematicPanel *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), -1);

  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->bars));
  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

const char *
cx_thematic_panel_get_bar_id (CxThematicPanel *self,
                              guint            rank)
{
  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), NULL);

  return rank < self->bar_ids->len ? g_ptr_array_index (self->bar_ids, rank) : NULL;
}

GtkWidget *
cx_thematic_panel_get_bar (CxThematicPanel *self,
                           guint            rank)
{
  g_return_val_if_fail (CX_IS_THEMATIC_PANEL (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->bars), (int) rank));
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

  g_ptr_array_unref (self->bar_ids);
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
  self->bar_ids = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->bars, "row-selected", G_CALLBACK (on_bar_selected), self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
