/* cx-bar-chart.c: a ranked bar chart of a CxChartTable, linked both ways
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per row of the table, largest first and the rows without a value
 * last, listed as "not available" rather than dropped. Each bar is a child
 * widget of its own (CxBarChartBar, drawn in C like the growth chart), so
 * that each is an item of the chart's accessible list with its own name
 * ("Changning District: 693,051 people") and description ("11th of 16"),
 * and has a focus ring of its own.
 *
 * The chart is one Tab stop: only the current bar (the selected one, else
 * the first) is focusable, and Up/Down/Home/End move the selection and the
 * focus among the bars. Enter, Space or a click selects a bar and emits
 * ::row-activated; Ctrl+C copies the table as tab-separated text.
 *
 * A map links to it through two properties, both read-write: selected-id
 * (what the chart and the map have selected) and hovered-id (what the
 * pointer is over, on either).
 */

#define G_LOG_DOMAIN "cx-bar-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-bar-chart.h"
#include "cx-chart-keys.h"
#include "cx-format.h"

#define BAR_HEIGHT 10
#define PADDING 4

/* ---- One bar ---------------------------------------------------------- */

#define CX_TYPE_BAR_CHART_BAR (cx_bar_chart_bar_get_type ())
G_DECLARE_FINAL_TYPE (CxBarChartBar, cx_bar_chart_bar, CX, BAR_CHART_BAR, GtkWidget)

struct _CxBarChartBar
{
  GtkWidget   parent_instance;

  CxBarChart *chart;         /* unowned: the parent */
  guint       index;         /* in the chart's ranked table */
  double      fraction;      /* of the largest value, 0..1 */
  gboolean    selected;
  gboolean    hovered;
};

G_DEFINE_FINAL_TYPE (CxBarChartBar, cx_bar_chart_bar, GTK_TYPE_WIDGET)

struct _CxBarChart
{
  GtkWidget     parent_instance;

  CxChartTable *table;       /* ranked */
  GPtrArray    *bars;        /* CxBarChartBar, unowned (children) */
  char         *selected_id;
  char         *hovered_id;
};

G_DEFINE_FINAL_TYPE (CxBarChart, cx_bar_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TABLE,
  PROP_SELECTED_ID,
  PROP_HOVERED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CxChartRow *
bar_row (CxBarChartBar *bar)
{
  return cx_chart_table_get_row (bar->chart->table, bar->index);
}

/* The value as the bar shows it: the row's own text, else the number as
 * the language counts it (69.3万 in Chinese). */
static char *
value_text (const CxChartRow *row)
{
  if (!row->has_value)
    /* TRANSLATORS: a chart's bar for a place without a figure */
    return g_strdup (_("not available"));
  if (row->text != NULL)
    return g_strdup (row->text);
  return cx_format_quantity (row->value);
}

static PangoLayout *
bar_layout (CxBarChartBar *bar,
            const char    *text,
            gboolean       bold,
            int            width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (bar), text);

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* The label wraps in what the value leaves of the line; the value is never
 * cut. */
static void
bar_layouts (CxBarChartBar  *bar,
             int             width,
             PangoLayout   **label,
             PangoLayout   **value,
             int            *text_height)
{
  const CxChartRow *row = bar_row (bar);
  g_autofree char *text = value_text (row);
  int value_width, value_height, label_height;

  *value = bar_layout (bar, text, row->highlighted, width - 2 * PADDING);
  pango_layout_set_width (*value, -1);
  pango_layout_get_pixel_size (*value, &value_width, &value_height);
  *label = bar_layout (bar, row->label, row->highlighted, width - 2 * PADDING - value_width - 12);
  pango_layout_get_pixel_size (*label, NULL, &label_height);
  *text_height = MAX (label_height, value_height);
}

static void
cx_bar_chart_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CxBarChartBar *bar = CX_BAR_CHART_BAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 280;
    }
  else
    {
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) value = NULL;
      int text_height;

      bar_layouts (bar, for_size > 0 ? for_size : 280, &label, &value, &text_height);
      *minimum = *natural = PADDING + text_height + 3 + BAR_HEIGHT + PADDING;
    }
}

static GtkSizeRequestMode
cx_bar_chart_bar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cx_bar_chart_bar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CxBarChartBar *bar = CX_BAR_CHART_BAR (widget);
  const CxChartRow *row = bar_row (bar);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) value = NULL;
  int text_height, value_width, span;
  GdkRGBA fg, dim, fill, track, tint;

  gtk_widget_get_color (widget, &fg);
  dim = fg;
  dim.alpha = 0.6;
  track = fg;
  track.alpha = 0.08;
  tint = fg;
  tint.alpha = bar->selected ? 0.12 : 0.06;
  if (row->highlighted)
    /* The growth chart's orange: the one colour the app gives its own
     * district's figures. */
    gdk_rgba_parse (&fill, "#d9822b");
  else
    {
      fill = fg;
      fill.alpha = 0.45;
    }

  if (bar->selected || bar->hovered)
    {
      GskRoundedRect rect;

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
      ring.alpha = 0.8;
      for (guint i = 0; i < 4; i++)
        colours[i] = ring;
      gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
      gtk_snapshot_append_border (snapshot, &rect, widths, colours);
    }

  bar_layouts (bar, width, &label, &value, &text_height);
  pango_layout_get_pixel_size (value, &value_width, NULL);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, PADDING));
  gtk_snapshot_append_layout (snapshot, label, &fg);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - PADDING - value_width, PADDING));
  gtk_snapshot_append_layout (snapshot, value, row->has_value ? &fg : &dim);
  gtk_snapshot_restore (snapshot);

  span = MAX (width - 2 * PADDING, 1);
  gtk_snapshot_append_color (snapshot, &track,
                             &GRAPHENE_RECT_INIT (PADDING, PADDING + text_height + 3, span, BAR_HEIGHT));
  if (row->has_value)
    gtk_snapshot_append_color (snapshot, &fill,
                               &GRAPHENE_RECT_INIT (PADDING, PADDING + text_height + 3,
                                                    MAX (2, span * bar->fraction), BAR_HEIGHT));
}

static void
cx_bar_chart_bar_class_init (CxBarChartBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = cx_bar_chart_bar_measure;
  widget_class->get_request_mode = cx_bar_chart_bar_get_request_mode;
  widget_class->snapshot = cx_bar_chart_bar_snapshot;
  gtk_widget_class_set_css_name (widget_class, "cx-bar-chart-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
cx_bar_chart_bar_init (CxBarChartBar *self)
{
}

/* ---- The chart -------------------------------------------------------- */

static void
set_hovered_id (CxBarChart *self,
                const char *id)
{
  if (!g_set_str (&self->hovered_id, id))
    return;
  for (guint i = 0; i < self->bars->len; i++)
    {
      CxBarChartBar *bar = g_ptr_array_index (self->bars, i);
      gboolean hovered = id != NULL && g_strcmp0 (bar_row (bar)->id, id) == 0;

      if (bar->hovered != hovered)
        {
          bar->hovered = hovered;
          gtk_widget_queue_draw (GTK_WIDGET (bar));
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVERED_ID]);
}

/* The bar the keyboard is on: the selected one, else the first. */
static int
current_index (CxBarChart *self)
{
  int i = self->table != NULL ? cx_chart_table_find (self->table, self->selected_id) : -1;

  return i >= 0 ? i : 0;
}

static void
update_bars (CxBarChart *self)
{
  int current = current_index (self);

  for (guint i = 0; i < self->bars->len; i++)
    {
      CxBarChartBar *bar = g_ptr_array_index (self->bars, i);
      gboolean selected = self->selected_id != NULL && g_strcmp0 (bar_row (bar)->id, self->selected_id) == 0;

      /* One Tab stop for the whole chart. */
      gtk_widget_set_focusable (GTK_WIDGET (bar), (int) i == current);
      if (bar->selected != selected)
        {
          bar->selected = selected;
          gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
          gtk_widget_queue_draw (GTK_WIDGET (bar));
        }
    }
}

static void
set_selected_id (CxBarChart *self,
                 const char *id)
{
  if (!g_set_str (&self->selected_id, id))
    return;
  update_bars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
move_to (CxBarChart *self,
         int         i)
{
  CxBarChartBar *bar;

  if (self->bars->len == 0)
    return;
  i = CLAMP (i, 0, (int) self->bars->len - 1);
  bar = g_ptr_array_index (self->bars, i);
  set_selected_id (self, bar_row (bar)->id);
  gtk_widget_grab_focus (GTK_WIDGET (bar));
}

static void
on_bar_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                CxBarChartBar   *bar)
{
  CxBarChart *self = bar->chart;
  g_autofree char *id = g_strdup (bar_row (bar)->id);

  set_selected_id (self, id);
  gtk_widget_grab_focus (GTK_WIDGET (bar));
  g_signal_emit (self, signals[ROW_ACTIVATED], 0, id);
}

static void
on_bar_enter (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              CxBarChartBar            *bar)
{
  set_hovered_id (bar->chart, bar_row (bar)->id);
}

static void
on_bar_leave (GtkEventControllerMotion *motion,
              CxBarChartBar            *bar)
{
  if (g_strcmp0 (bar->chart->hovered_id, bar_row (bar)->id) == 0)
    set_hovered_id (bar->chart, NULL);
}

/* What each key means is cx-chart-keys.c's; bars stand one above the
 * other, so Up and Down step. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CxBarChart            *self)
{
  CxChartKey key = cx_chart_key_action (keyval, state, FALSE);
  int current = current_index (self);

  if (key == CX_CHART_KEY_COPY)
    {
      cx_bar_chart_copy (self);
      return GDK_EVENT_STOP;
    }
  if (key == CX_CHART_KEY_NONE || self->bars->len == 0)
    return GDK_EVENT_PROPAGATE;

  if (key == CX_CHART_KEY_ACTIVATE)
    {
      CxBarChartBar *bar = g_ptr_array_index (self->bars, current);
      g_autofree char *id = g_strdup (bar_row (bar)->id);

      set_selected_id (self, id);
      g_signal_emit (self, signals[ROW_ACTIVATED], 0, id);
    }
  else
    move_to (self, cx_chart_key_target (key, current, self->selected_id != NULL, self->bars->len));
  return GDK_EVENT_STOP;
}

/* The bar's accessible name and description: what it says, and where it
 * ranks ("3rd of 16" reads badly in Chinese, so "3 of 16"). */
static void
describe_bar (CxBarChart    *self,
              CxBarChartBar *bar,
              guint          n_ranked)
{
  const CxChartRow *row = bar_row (bar);
  g_autofree char *value = value_text (row);
  /* TRANSLATORS: a chart's bar read aloud: its label, then its value */
  g_autofree char *name = g_strdup_printf (C_("chart bar", "%1$s: %2$s"), row->label, value);
  g_autoptr(GString) description = g_string_new (NULL);

  if (row->has_value)
    /* TRANSLATORS: where a bar ranks in a chart, read aloud: "rank 3 of 16" */
    g_string_append_printf (description, _("rank %1$u of %2$u"), bar->index + 1, n_ranked);
  else
    g_string_append (description, _("no figure, not ranked"));
  if (row->period != NULL)
    {
      g_string_append (description, C_("list separator", ", "));
      g_string_append (description, row->period);
    }
  if (row->highlighted)
    {
      g_string_append (description, C_("list separator", ", "));
      /* TRANSLATORS: read aloud after a bar that the chart stands out (our district) */
      g_string_append (description, _("highlighted"));
    }
  if (row->source != NULL)
    {
      g_string_append (description, C_("list separator", ", "));
      /* TRANSLATORS: where a chart's value is from, read aloud */
      g_string_append_printf (description, _("source: %s"), row->source);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (bar), row->source);
}

static void
rebuild (CxBarChart *self)
{
  GtkWidget *child;
  double max = 0;
  guint n = self->table != NULL ? cx_chart_table_get_n_rows (self->table) : 0;
  guint n_ranked = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->bars, 0);

  for (guint i = 0; i < n; i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (self->table, i);

      if (row->has_value)
        {
          max = MAX (max, fabs (row->value));
          n_ranked++;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const CxChartRow *row = cx_chart_table_get_row (self->table, i);
      CxBarChartBar *bar = g_object_new (CX_TYPE_BAR_CHART_BAR, NULL);
      GtkGesture *click = gtk_gesture_click_new ();
      GtkEventController *motion = gtk_event_controller_motion_new ();

      bar->chart = self;
      bar->index = i;
      bar->fraction = row->has_value && max > 0 ? fabs (row->value) / max : 0;
      g_signal_connect (click, "pressed", G_CALLBACK (on_bar_pressed), bar);
      gtk_widget_add_controller (GTK_WIDGET (bar), GTK_EVENT_CONTROLLER (click));
      g_signal_connect (motion, "enter", G_CALLBACK (on_bar_enter), bar);
      g_signal_connect (motion, "leave", G_CALLBACK (on_bar_leave), bar);
      gtk_widget_add_controller (GTK_WIDGET (bar), motion);
      gtk_widget_set_parent (GTK_WIDGET (bar), GTK_WIDGET (self));
      g_ptr_array_add (self->bars, bar);
      describe_bar (self, bar, n_ranked);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->table != NULL ? cx_chart_table_get_title (self->table) : NULL,
                                  /* TRANSLATORS: how to use a bar chart, for screen readers */
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Up and Down choose a bar, Ctrl+C copies the table"),
                                  -1);
  update_bars (self);
  set_hovered_id (self, NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
cx_bar_chart_dispose (GObject *object)
{
  CxBarChart *self = CX_BAR_CHART (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->bars != NULL)
    g_ptr_array_set_size (self->bars, 0);

  G_OBJECT_CLASS (cx_bar_chart_parent_class)->dispose (object);
}

static void
cx_bar_chart_finalize (GObject *object)
{
  CxBarChart *self = CX_BAR_CHART (object);

  g_clear_pointer (&self->table, cx_chart_table_unref);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  g_free (self->selected_id);
  g_free (self->hovered_id);

  G_OBJECT_CLASS (cx_bar_chart_parent_class)->finalize (object);
}

static void
cx_bar_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CxBarChart *self = CX_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_boxed (value, self->table);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_HOVERED_ID:
      g_value_set_string (value, self->hovered_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_bar_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CxBarChart *self = CX_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      cx_bar_chart_set_table (self, g_value_get_boxed (value));
      break;
    case PROP_SELECTED_ID:
      cx_bar_chart_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_HOVERED_ID:
      cx_bar_chart_set_hovered_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_bar_chart_class_init (CxBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_bar_chart_dispose;
  object_class->finalize = cx_bar_chart_finalize;
  object_class->get_property = cx_bar_chart_get_property;
  object_class->set_property = cx_bar_chart_set_property;

  /**
   * CxBarChart:table:
   *
   * What the chart shows; the chart keeps its own ranked copy's order (see
   * cx_chart_table_rank()), so the table given is ranked in place.
   */
  properties[PROP_TABLE] =
    g_param_spec_boxed ("table", NULL, NULL, CX_TYPE_CHART_TABLE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxBarChart:selected-id:
   *
   * The id of the selected row, or %NULL; set it to follow a selection
   * made elsewhere (on the map), read it to follow the chart's.
   */
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CxBarChart:hovered-id:
   *
   * The id of the row under the pointer, or %NULL; set it while the
   * pointer is over the same place elsewhere.
   */
  properties[PROP_HOVERED_ID] =
    g_param_spec_string ("hovered-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CxBarChart::row-activated:
   * @id: the row's id
   *
   * A bar was clicked, or Enter or Space pressed on it; it is selected.
   */
  signals[ROW_ACTIVATED] =
    g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "cx-bar-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cx_bar_chart_init (CxBarChart *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->bars = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  rebuild (self);
}

GtkWidget *
cx_bar_chart_new (void)
{
  return g_object_new (CX_TYPE_BAR_CHART, NULL);
}

/**
 * cx_bar_chart_set_table:
 * @table: (nullable): the rows to chart; ranked in place by value
 *
 * Shows @table, largest value first. The selection stays if its row is
 * still there.
 */
void
cx_bar_chart_set_table (CxBarChart   *self,
                        CxChartTable *table)
{
  g_return_if_fail (CX_IS_BAR_CHART (self));

  if (table == self->table)
    return;
  if (table != NULL)
    {
      cx_chart_table_ref (table);
      cx_chart_table_rank (table);
    }
  g_clear_pointer (&self->table, cx_chart_table_unref);
  self->table = table;
  rebuild (self);
  if (self->selected_id != NULL && (table == NULL || cx_chart_table_find (table, self->selected_id) < 0))
    set_selected_id (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE]);
}

CxChartTable *
cx_bar_chart_get_table (CxBarChart *self)
{
  g_return_val_if_fail (CX_IS_BAR_CHART (self), NULL);

  return self->table;
}

void
cx_bar_chart_set_selected_id (CxBarChart *self,
                              const char *id)
{
  g_return_if_fail (CX_IS_BAR_CHART (self));

  set_selected_id (self, id);
}

const char *
cx_bar_chart_get_selected_id (CxBarChart *self)
{
  g_return_val_if_fail (CX_IS_BAR_CHART (self), NULL);

  return self->selected_id;
}

void
cx_bar_chart_set_hovered_id (CxBarChart *self,
                             const char *id)
{
  g_return_if_fail (CX_IS_BAR_CHART (self));

  set_hovered_id (self, id);
}

const char *
cx_bar_chart_get_hovered_id (CxBarChart *self)
{
  g_return_val_if_fail (CX_IS_BAR_CHART (self), NULL);

  return self->hovered_id;
}

/**
 * cx_bar_chart_get_row_widget:
 * @i: a row of the ranked table
 *
 * Returns: (transfer none) (nullable): the bar that draws row @i: it
 *   carries the row's accessible name and description
 */
GtkWidget *
cx_bar_chart_get_row_widget (CxBarChart *self,
                             guint       i)
{
  g_return_val_if_fail (CX_IS_BAR_CHART (self), NULL);

  return i < self->bars->len ? g_ptr_array_index (self->bars, i) : NULL;
}

/**
 * cx_bar_chart_copy:
 *
 * Puts the chart's table on the clipboard as tab-separated text.
 */
void
cx_bar_chart_copy (CxBarChart *self)
{
  g_autofree char *tsv = NULL;

  g_return_if_fail (CX_IS_BAR_CHART (self));

  if (self->table == NULL)
    return;
  tsv = cx_chart_table_to_tsv (self->table);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
}
