/* cx-result-row.c: a search result in the sidebar, the matched part of its title in bold
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-result-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cx-chinese.h"
#include "cx-format.h"
#include "cx-result-row.h"

struct _CxResultRow
{
  AdwActionRow parent_instance;

  /* Owned */
  CxSearchResult *result;
};

G_DEFINE_FINAL_TYPE (CxResultRow, cx_result_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The matched part of the title in bold; the rest escaped, never markup. */
static char *
highlighted_title (CxSearchResult *result)
{
  const char *title = cx_search_result_get_title (result);
  guint start = cx_search_result_get_match_start (result);
  guint end = cx_search_result_get_match_end (result);
  g_autofree char *before = NULL, *match = NULL, *after = NULL;

  if (g_strcmp0 (cx_search_result_get_matched (result), title) != 0 || end <= start || end > strlen (title) ||
      !g_utf8_validate (title, start, NULL) || !g_utf8_validate (title + start, end - start, NULL))
    return g_markup_escape_text (title, -1);

  before = g_markup_escape_text (title, start);
  match = g_markup_escape_text (title + start, end - start);
  after = g_markup_escape_text (title + end, -1);
  return g_strdup_printf ("%s<b>%s</b>%s", before, match, after);
}

static void
set_result (CxResultRow    *self,
            CxSearchResult *result)
{
  GObject *item = cx_search_result_get_item (result);
  g_autofree char *title = highlighted_title (result);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  self->result = g_object_ref (result);

  if (CX_IS_FEATURE (item))
    {
      g_autofree char *kind = cx_format_feature_kind (CX_FEATURE (item));
      subtitle = g_strdup_printf ("%s · %s", kind, cx_feature_get_name_zh (CX_FEATURE (item)));
    }
  else if (CX_IS_PROGRAM (item))
    subtitle = g_strdup_printf ("%s · %s", _("Program"), cx_program_get_title_zh (CX_PROGRAM (item)));
  else
    subtitle = g_strdup_printf ("%s · %s", _("Statistic"), cx_statistic_get_title_zh (CX_STATISTIC (item)));

  escaped = cx_chinese_markup (subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, cx_search_result_get_title (result), -1);
}

static void
cx_result_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CxResultRow *self = CX_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      if (g_value_get_object (value) != NULL)
        set_result (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_result_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CxResultRow *self = CX_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_result_row_dispose (GObject *object)
{
  CxResultRow *self = CX_RESULT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_RESULT_ROW);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (cx_result_row_parent_class)->dispose (object);
}

static void
cx_result_row_class_init (CxResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_result_row_set_property;
  object_class->get_property = cx_result_row_get_property;
  object_class->dispose = cx_result_row_dispose;

  properties[PROP_RESULT] = g_param_spec_object ("result", NULL, NULL, CX_TYPE_SEARCH_RESULT,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-result-row.ui");
}

static void
cx_result_row_init (CxResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_result_row_new (CxSearchResult *result)
{
  g_return_val_if_fail (CX_IS_SEARCH_RESULT (result), NULL);

  return g_object_new (CX_TYPE_RESULT_ROW, "result", result, NULL);
}
