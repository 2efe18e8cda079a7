/* cx-series-chart.c: a statistic's values over time as columns
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column per row of a CxChartTable made by cx_series_table(), in time
 * order: each labelled with its value, the period under it; a row without
 * a value (a year, or a run of years, with no figure) is a gap, drawn as
 * an empty dashed column saying so, never bridged. As in CxBarChart, each
 * column is a child widget, so it is an item of the chart's accessible
 * list with its own name ("2023: ¥228.62 bn") and description (its
 * source), and a focus ring of its own; the chart is one Tab stop, and
 * Left/Right (or Up/Down), Home and End walk it. A click, Enter or Space
 * on a column opens a popover with the value's source, and a button to
 * open it where it has an address: every value's source is one click
 * away. Ctrl+C copies the table.
 */

#define G_LOG_DOMAIN "cx-series-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-series-chart.h"
#include "cx-chart-keys.h"
#include "cx-chinese.h"

#define PLOT_HEIGHT 120
#define PADDING 3
#define GAP 3

#define CX_TYPE_SERIES_COLUMN (cx_series_column_get_type ())
G_DECLARE_FINAL_TYPE (CxSeriesColumn, cx_series_column, CX, SERIES_COLUMN, GtkWidget)

struct _CxSeriesColumn
{
  GtkWidget      parent_instance;

  CxSeriesChart *chart;      /* unowned: the parent */
  guint          index;
  double         fraction;   /* of the largest value, 0..1 */
  gboolean       selected;
};

G_DEFINE_FINAL_TYPE (CxSeriesColumn, cx_series_column, GTK_TYPE_WIDGET)

struct _CxSeriesChart
{
  GtkWidget     parent_instance;

  CxChartTable *table;
  GPtrArray    *columns;     /* CxSeriesColumn, unowned (children) */
  char         *selected_id;
  GtkWidget    *popover;     /* owned: unparented in dispose */
  GtkWidget    *popover_label;
  GtkWidget    *popover_button;
};

G_DEFINE_FINAL_TYPE (CxSeriesChart, cx_series_chart, GTK_TYPE_WIDGET)

static const CxChartRow *
column_row (CxSeriesColumn *column)
{
  return cx_chart_table_get_row (column->chart->table, column->index);
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text,
              gboolean    bold,
              int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

static char *
column_value_text (const CxChartRow *row)
{
  if (!row->has_value)
    /* TRANSLATORS: a gap in a chart over time: no value for these years */
    return g_strdup (_("no figure"));
  return g_strdup (row->text != NULL ? row->text : "");
}

/* Heights of the value and period labels at @width. */
static void
column_layouts (CxSeriesColumn  *column,
                int              width,
                PangoLayout    **value,
                PangoLayout    **period)
{
  const CxChartRow *row = column_row (column);
  g_autofree char *text = column_value_text (row);

  *value = small_layout (GTK_WIDGET (column), text, row->has_value, width - 2 * PADDING);
  *period = small_layout (GTK_WIDGET (column), row->label, FALSE, width - 2 * PADDING);
}

static int
labels_height (CxSeriesChart *chart,
               int            width,
               int           *value_height,
               int           *period_height)
{
  /* All columns share the heights of the tallest labels, so that their
   * baselines line up. */
  *value_height = *period_height = 0;
  for (guint i = 0; i < chart->columns->len; i++)
    {
      g_autoptr(PangoLayout) value = NULL;
      g_autoptr(PangoLayout) period = NULL;
      int vh, ph;

      column_layouts (g_ptr_array_index (chart->columns, i), width, &value, &period);
      pango_layout_get_pixel_size (value, NULL, &vh);
      pango_layout_get_pixel_size (period, NULL, &ph);
      *value_height = MAX (*value_height, vh);
      *period_height = MAX (*period_height, ph);
    }
  return *value_height + *period_height;
}

/* Columns are as tall as their labels need at the narrowest: a height
 * that depends on the width made GtkBox, sharing the width among
 * homogeneous columns, allocate less than one of them asked for. */
#define COLUMN_MIN_WIDTH 56

static void
cx_series_column_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CxSeriesColumn *column = CX_SERIES_COLUMN (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = COLUMN_MIN_WIDTH;
      *natural = 88;
    }
  else
    {
      int vh, ph;

      *minimum = *natural = PADDING + labels_height (column->chart, COLUMN_MIN_WIDTH, &vh, &ph)
                            + GAP + PLOT_HEIGHT + GAP + PADDING;
    }
}

static void
cx_series_column_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CxSeriesColumn *column = CX_SERIES_COLUMN (widget);
  const CxChartRow *row = column_row (column);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) value = NULL;
  g_autoptr(PangoLayout) period = NULL;
  int value_height, period_height, max_vh, max_ph, plot_top, baseline, bar_width;
  GdkRGBA fg, dim, fill, axis;

  gtk_widget_get_color (widget, &fg);
  dim = fg;
  dim.alpha = 0.55;
  axis = fg;
  axis.alpha = 0.35;
  gdk_rgba_parse (&fill, "#d9822b");

  if (column->selected)
    {
      GdkRGBA tint = fg;
      GskRoundedRect rect;

      tint.alpha = 0.1;
      gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, width, height), 6);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_pop (snapshot);
    }
  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect rect;
      GdkRGBA ring;
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA colours[4];

      gdk_rgba_parse (&ring, "#3584e4");
      for (guint i = 0; i < 4; i++)
        colours[i] = ring;
      gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
      gtk_snapshot_append_border (snapshot, &rect, widths, colours);
    }

  labels_height (column->chart, width, &max_vh, &max_ph);
  column_layouts (column, width, &value, &period);
  pango_layout_get_pixel_size (value, NULL, &value_height);
  pango_layout_get_pixel_size (period, NULL, &period_height);
  /* From the bottom: the periods, the axis, the plot; the room the
   * labels need at the narrowest is left above. */
  baseline = height - PADDING - max_ph - GAP;
  plot_top = baseline - PLOT_HEIGHT;
  bar_width = MAX (8, MIN (width - 2 * PADDING - 8, 36));

  if (row->has_value)
    {
      double bar_height = MAX (2, PLOT_HEIGHT * column->fraction);

      gtk_snapshot_append_color (snapshot, &fill,
                                 &GRAPHENE_RECT_INIT ((width - bar_width) / 2.0, baseline - bar_height,
                                                      bar_width, bar_height));
      /* The value just above its column. */
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, baseline - bar_height - GAP - value_height));
      gtk_snapshot_append_layout (snapshot, value, &fg);
      gtk_snapshot_restore (snapshot);
    }
  else
    {
      /* A gap: an empty dashed column the full height, so that nobody
       * reads a line across it. */
      g_autoptr(GskPathBuilder) builder = gsk_path_builder_new ();
      g_autoptr(GskPath) path = NULL;
      g_autoptr(GskStroke) stroke = gsk_stroke_new (1);
      const float dash[2] = { 4, 3 };

      gsk_stroke_set_dash (stroke, dash, 2);
      gsk_path_builder_add_rect (builder, &GRAPHENE_RECT_INIT ((width - bar_width) / 2.0 + 0.5, plot_top + 0.5,
                                                               bar_width - 1, PLOT_HEIGHT - 1));
      path = gsk_path_builder_free_to_path (g_steal_pointer (&builder));
      gtk_snapshot_append_stroke (snapshot, path, stroke, &dim);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, plot_top + (PLOT_HEIGHT - value_height) / 2.0));
      gtk_snapshot_append_layout (snapshot, value, &dim);
      gtk_snapshot_restore (snapshot);
    }

  /* The axis, then the period under it. */
  gtk_snapshot_append_color (snapshot, &axis, &GRAPHENE_RECT_INIT (0, baseline, width, 1));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, baseline + GAP));
  gtk_snapshot_append_layout (snapshot, period, row->has_value ? &fg : &dim);
  gtk_snapshot_restore (snapshot);
}

/* The source popover is moved under the column it is about; a popover's
 * parent must place it on each allocation. */
static void
cx_series_column_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

static void
cx_series_column_dispose (GObject *object)
{
  GtkWidget *child;

  /* The chart takes its popover back before a column goes. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cx_series_column_parent_class)->dispose (object);
}

static void
cx_series_column_class_init (CxSeriesColumnClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cx_series_column_dispose;
  widget_class->size_allocate = cx_series_column_size_allocate;

  widget_class->measure = cx_series_column_measure;
  widget_class->snapshot = cx_series_column_snapshot;
  gtk_widget_class_set_css_name (widget_class, "cx-series-column");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
cx_series_column_init (CxSeriesColumn *self)
{
}

/* ---- The chart -------------------------------------------------------- */

static int
current_index (CxSeriesChart *self)
{
  int i = self->table != NULL ? cx_chart_table_find (self->table, self->selected_id) : -1;

  return i >= 0 ? i : 0;
}

static void
update_columns (CxSeriesChart *self)
{
  int current = current_index (self);

  for (guint i = 0; i < self->columns->len; i++)
    {
      CxSeriesColumn *column = g_ptr_array_index (self->columns, i);
      gboolean selected = self->selected_id != NULL && g_strcmp0 (column_row (column)->id, self->selected_id) == 0;

      gtk_widget_set_focusable (GTK_WIDGET (column), (int) i == current);
      if (column->selected != selected)
        {
          column->selected = selected;
          gtk_accessible_update_state (GTK_ACCESSIBLE (column), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
          gtk_widget_queue_draw (GTK_WIDGET (column));
        }
    }
}

static void
select_column (CxSeriesChart  *self,
               CxSeriesColumn *column)
{
  if (g_set_str (&self->selected_id, column_row (column)->id))
    update_columns (self);
}

static void
on_open_source (GtkButton     *button,
                CxSeriesChart *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  g_autoptr(GtkUriLauncher) launcher = NULL;

  if (url == NULL)
    return;
  launcher = gtk_uri_launcher_new (url);
  gtk_uri_launcher_launch (launcher, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL, NULL);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Moves the popover under @parent; it is kept alive across the move. */
static void
move_popover (CxSeriesChart *self,
              GtkWidget     *parent)
{
  g_autoptr(GtkWidget) popover = g_object_ref (self->popover);

  if (gtk_widget_get_parent (popover) == parent)
    return;
  gtk_widget_unparent (popover);
  gtk_widget_set_parent (popover, parent);
}

/* Shows the column's value and source in the popover. */
static void
reveal_source (CxSeriesChart  *self,
               CxSeriesColumn *column)
{
  const CxChartRow *row = column_row (column);
  g_autofree char *value = column_value_text (row);
  g_autofree char *text = NULL;

  if (row->has_value && row->note != NULL)
    /* TRANSLATORS: a value of a chart over time, its source and its note,
     * in the popover a click on its column opens */
    text = g_strdup_printf (_("%1$s: %2$s\nSource: %3$s\n%4$s"), row->label, value,
                            row->source != NULL ? row->source : "", row->note);
  else if (row->has_value)
    /* TRANSLATORS: a value of a chart over time and its source, in the
     * popover a click on its column opens */
    text = g_strdup_printf (_("%1$s: %2$s\nSource: %3$s"), row->label, value, row->source != NULL ? row->source : "");
  else
    /* TRANSLATORS: the popover of a gap in a chart over time */
    text = g_strdup_printf (_("%s: no figure was published or found for these years; the chart leaves a gap rather than guess."),
                            row->label);
  gtk_label_set_text (GTK_LABEL (self->popover_label), text);
  g_object_set_data_full (G_OBJECT (self->popover_button), "url", g_strdup (row->url), g_free);
  gtk_widget_set_visible (self->popover_button, row->url != NULL);

  move_popover (self, GTK_WIDGET (column));
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
move_to (CxSeriesChart *self,
         int            i)
{
  CxSeriesColumn *column;

  if (self->columns->len == 0)
    return;
  column = g_ptr_array_index (self->columns, CLAMP (i, 0, (int) self->columns->len - 1));
  select_column (self, column);
  gtk_widget_grab_focus (GTK_WIDGET (column));
}

static void
on_column_released (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CxSeriesColumn  *column)
{
  select_column (column->chart, column);
  gtk_widget_grab_focus (GTK_WIDGET (column));
  reveal_source (column->chart, column);
}

/* What each key means is cx-chart-keys.c's; columns stand side by side,
 * so Left and Right step as well as Up and Down. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CxSeriesChart         *self)
{
  CxChartKey key = cx_chart_key_action (keyval, state, TRUE);
  int current = current_index (self);

  if (key == CX_CHART_KEY_COPY)
    {
      cx_series_chart_copy (self);
      return GDK_EVENT_STOP;
    }
  if (key == CX_CHART_KEY_NONE || self->columns->len == 0)
    return GDK_EVENT_PROPAGATE;

  if (key == CX_CHART_KEY_ACTIVATE)
    {
      CxSeriesColumn *column = g_ptr_array_index (self->columns, current);

      select_column (self, column);
      reveal_source (self, column);
    }
  else
    move_to (self, cx_chart_key_target (key, current, self->selected_id != NULL, self->columns->len));
  return GDK_EVENT_STOP;
}

static void
describe_column (CxSeriesColumn *column)
{
  const CxChartRow *row = column_row (column);
  g_autofree char *value = column_value_text (row);
  /* TRANSLATORS: a column of a chart over time read aloud: period, value */
  g_autofree char *name = g_strdup_printf (C_("chart column", "%1$s: %2$s"), row->label, value);
  g_autofree char *description = NULL;

  if (row->has_value && row->source != NULL && row->note != NULL)
    /* TRANSLATORS: where a chart's value is from, and its note, read aloud */
    description = g_strdup_printf (_("source: %1$s; %2$s"), row->source, row->note);
  else if (row->has_value && row->source != NULL)
    /* TRANSLATORS: where a chart's value is from, read aloud */
    description = g_strdup_printf (_("source: %s"), row->source);
  else if (!row->has_value)
    /* TRANSLATORS: a gap in a chart over time, read aloud */
    description = g_strdup (_("a gap in the series: nothing is drawn for these years"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (column),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (column), name);
}

static void
rebuild (CxSeriesChart *self)
{
  GtkWidget *child;
  double max = 0;
  guint n = self->table != NULL ? cx_chart_table_get_n_rows (self->table) : 0;

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  move_popover (self, GTK_WIDGET (self));
  child = gtk_widget_get_first_child (GTK_WIDGET (self));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (CX_IS_SERIES_COLUMN (child))
        gtk_widget_unparent (child);
      child = next;
    }
  g_ptr_array_set_size (self->columns, 0);

  for (guint i = 0; i < n; i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (self->table, i);

      if (row->has_value)
        max = MAX (max, fabs (row->value));
    }

  for (guint i = 0; i < n; i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (self->table, i);
      CxSeriesColumn *column = g_object_new (CX_TYPE_SERIES_COLUMN, NULL);
      GtkGesture *click = gtk_gesture_click_new ();

      column->chart = self;
      column->index = i;
      column->fraction = row->has_value && max > 0 ? fabs (row->value) / max : 0;
      g_signal_connect (click, "released", G_CALLBACK (on_column_released), column);
      gtk_widget_add_controller (GTK_WIDGET (column), GTK_EVENT_CONTROLLER (click));
      gtk_widget_insert_before (GTK_WIDGET (column), GTK_WIDGET (self), self->popover);
      g_ptr_array_add (self->columns, column);
      describe_column (column);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->table != NULL ? cx_chart_table_get_title (self->table) : NULL,
                                  /* TRANSLATORS: how to use a chart over time, for screen readers */
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Left and Right choose a period, Enter shows its source, Ctrl+C copies the table"),
                                  -1);
  update_columns (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
cx_series_chart_dispose (GObject *object)
{
  CxSeriesChart *self = CX_SERIES_CHART (object);
  GtkWidget *child;

  if (self->popover != NULL)
    {
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);

  G_OBJECT_CLASS (cx_series_chart_parent_class)->dispose (object);
}

static void
cx_series_chart_finalize (GObject *object)
{
  CxSeriesChart *self = CX_SERIES_CHART (object);

  g_clear_pointer (&self->table, cx_chart_table_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_free (self->selected_id);

  G_OBJECT_CLASS (cx_series_chart_parent_class)->finalize (object);
}

static void
cx_series_chart_class_init (CxSeriesChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_series_chart_dispose;
  object_class->finalize = cx_series_chart_finalize;

  gtk_widget_class_set_css_name (widget_class, "cx-series-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cx_series_chart_init (CxSeriesChart *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkWidget *box;

  self->columns = g_ptr_array_new ();
  gtk_box_layout_set_homogeneous (layout, TRUE);
  gtk_box_layout_set_spacing (layout, 4);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* The popover is a child of the chart, moved under the column it is
   * about; a GtkPopover takes no room in the box. */
  self->popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  self->popover_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->popover_label), TRUE);
  /* A point's source may be a Chinese publisher. */
  cx_chinese_label (GTK_LABEL (self->popover_label));
  gtk_label_set_wrap_mode (GTK_LABEL (self->popover_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (self->popover_label), 40);
  /* Not selectable: a selectable label takes the focus with its text all
   * selected; the citation is in the copied table too. */
  gtk_label_set_xalign (GTK_LABEL (self->popover_label), 0);
  gtk_box_append (GTK_BOX (box), self->popover_label);
  /* TRANSLATORS: button in a chart's popover: opens the value's source in the browser */
  self->popover_button = gtk_button_new_with_label (_("Open Source"));
  gtk_widget_set_halign (self->popover_button, GTK_ALIGN_START);
  g_signal_connect (self->popover_button, "clicked", G_CALLBACK (on_open_source), self);
  gtk_box_append (GTK_BOX (box), self->popover_button);
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  rebuild (self);
}

GtkWidget *
cx_series_chart_new (void)
{
  return g_object_new (CX_TYPE_SERIES_CHART, NULL);
}

/**
 * cx_series_chart_set_table:
 * @table: (nullable): a series' table (cx_series_table()), drawn in its
 *   order
 */
void
cx_series_chart_set_table (CxSeriesChart *self,
                           CxChartTable  *table)
{
  g_return_if_fail (CX_IS_SERIES_CHART (self));

  if (table == self->table)
    return;
  if (table != NULL)
    cx_chart_table_ref (table);
  g_clear_pointer (&self->table, cx_chart_table_unref);
  self->table = table;
  g_clear_pointer (&self->selected_id, g_free);
  rebuild (self);
}

CxChartTable *
cx_series_chart_get_table (CxSeriesChart *self)
{
  g_return_val_if_fail (CX_IS_SERIES_CHART (self), NULL);

  return self->table;
}

const char *
cx_series_chart_get_selected_id (CxSeriesChart *self)
{
  g_return_val_if_fail (CX_IS_SERIES_CHART (self), NULL);

  return self->selected_id;
}

/**
 * cx_series_chart_get_column:
 *
 * Returns: (transfer none) (nullable): the column drawing row @i, with its
 *   accessible name and description
 */
GtkWidget *
cx_series_chart_get_column (CxSeriesChart *self,
                            guint          i)
{
  g_return_val_if_fail (CX_IS_SERIES_CHART (self), NULL);

  return i < self->columns->len ? g_ptr_array_index (self->columns, i) : NULL;
}

/**
 * cx_series_chart_get_source_popover:
 *
 * Returns: (transfer none): the popover that shows a column's source
 */
GtkWidget *
cx_series_chart_get_source_popover (CxSeriesChart *self)
{
  g_return_val_if_fail (CX_IS_SERIES_CHART (self), NULL);

  return self->popover;
}

void
cx_series_chart_copy (CxSeriesChart *self)
{
  g_autofree char *tsv = NULL;

  g_return_if_fail (CX_IS_SERIES_CHART (self));

  if (self->table == NULL)
    return;
  tsv = cx_chart_table_to_tsv (self->table);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
}
