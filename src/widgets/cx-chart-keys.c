/* cx-chart-keys.c: the keys a chart's items share, read once
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar chart and the series chart are walked alike: Ctrl+C (or
 * Ctrl+Insert) copies the table, the arrows step, Home and End go to the
 * ends, Enter or Space activates. Each chart does its own thing for each;
 * what a key means lives here, so the two cannot drift apart.
 */

#define G_LOG_DOMAIN "cx-chart-keys"

#include "config.h"

#include "cx-chart-keys.h"

/**
 * cx_chart_key_action:
 * @keyval: the key pressed
 * @state: its modifiers, as the key controller gives them
 * @sideways: whether Left and Right step too (columns side by side);
 *   Up and Down always do
 *
 * Returns: what the key does in a chart, %CX_CHART_KEY_NONE for a key
 *   that should go on to other widgets
 */
CxChartKey
cx_chart_key_action (guint           keyval,
                     GdkModifierType state,
                     gboolean        sideways)
{
  state &= gtk_accelerator_get_default_mod_mask ();
  if (state == GDK_CONTROL_MASK && (keyval == GDK_KEY_c || keyval == GDK_KEY_C || keyval == GDK_KEY_Insert))
    return CX_CHART_KEY_COPY;
  if (state != 0)
    return CX_CHART_KEY_NONE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return sideways ? CX_CHART_KEY_PREVIOUS : CX_CHART_KEY_NONE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return sideways ? CX_CHART_KEY_NEXT : CX_CHART_KEY_NONE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return CX_CHART_KEY_PREVIOUS;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return CX_CHART_KEY_NEXT;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return CX_CHART_KEY_FIRST;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return CX_CHART_KEY_LAST;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      return CX_CHART_KEY_ACTIVATE;
    default:
      return CX_CHART_KEY_NONE;
    }
}

/**
 * cx_chart_key_target:
 * @key: a step: previous, next, first or last
 * @current: the item the keyboard is on
 * @selected: whether an item is selected; with none, a step goes to the
 *   first, whichever way
 * @n: how many items there are (not 0)
 *
 * Returns: the item to move to, which the chart clamps; -1 for a key
 *   that is not a step
 */
int
cx_chart_key_target (CxChartKey key,
                     int        current,
                     gboolean   selected,
                     guint      n)
{
  switch (key)
    {
    case CX_CHART_KEY_PREVIOUS:
      return selected ? current - 1 : 0;
    case CX_CHART_KEY_NEXT:
      return selected ? current + 1 : 0;
    case CX_CHART_KEY_FIRST:
      return 0;
    case CX_CHART_KEY_LAST:
      return (int) n - 1;
    case CX_CHART_KEY_NONE:
    case CX_CHART_KEY_COPY:
    case CX_CHART_KEY_ACTIVATE:
    default:
      return -1;
    }
}
