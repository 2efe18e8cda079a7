/* cx-details-panel.c: what the selection is about, with figures and sources
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cx-details-panel.h"
#include "cx-format.h"
#include "cx-growth-chart.h"
#include "cx-pack-error.h"
#include "cx-pack-updater.h"
#include "cx-web-link.h"

struct _CxDetailsPanel
{
  GtkWidget parent_instance;

  /* Owned */
  CxSelection *selection;

  /* Children */
  GtkWidget   *header;
  GtkWidget   *back_button;
  GtkWidget   *title;
  GtkWidget   *scroller;
  GtkWidget   *page;          /* the current page's content, rebuilt on change */
  const char  *page_name;
};

G_DEFINE_FINAL_TYPE (CxDetailsPanel, cx_details_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Building blocks. Pack text is always set as plain text: a name like */
/* "<b>&amp;" must show as typed, never be read as markup.            */
/* ------------------------------------------------------------------ */

/* Pango breaks a line inside a long word by trying one place after
 * another, each time measuring again: a 16 KiB word took 15 s. A zero-width
 * space after every CX_DETAILS_MAX_WORD_CHARS characters without a break
 * gives it places to break at, and keeps laying out linear. */
#define CX_DETAILS_MAX_WORD_CHARS 40

/* A heading from a file is cut to this many characters, with "…"; the
 * whole text (itself cut to CX_IMPORT_MAX_TEXT_BYTES on import) follows
 * in a selectable paragraph. */
#define CX_DETAILS_MAX_HEADING_CHARS 200

/* A feature from a file can have any number of properties; past this many
 * rows the table says how many more there are (the stored file keeps them
 * all), so that selecting it stays fast. */
#define CX_DETAILS_MAX_PROPERTY_ROWS 200

static char *
breakable_text (const char *text)
{
  GString *out;
  guint run = 0;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == '-')
        run = 0;
      else if (++run > CX_DETAILS_MAX_WORD_CHARS)
        {
          g_string_append_unichar (out, 0x200B);
          run = 1;
        }
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* @text cut to @max_chars characters with "…", or %NULL if it is shorter. */
static char *
shortened_text (const char *text,
                guint       max_chars)
{
  const char *end = text;
  GString *out;

  for (guint i = 0; i < max_chars; i++)
    {
      if (*end == '\0')
        return NULL;
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return NULL;

  out = g_string_new_len (text, end - text);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *breakable = breakable_text (text);

  gtk_label_set_text (GTK_LABEL (label), breakable);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = plain_label (text, "heading");

  gtk_widget_set_margin_top (label, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  return label;
}

static GtkWidget *
page_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 18);
  return box;
}

/* A boxed list under a heading in @box, named by it for screen readers
 * (a list without a name is read as just "list"). */
static GtkWidget *
list_box (GtkWidget  *box,
          const char *title)
{
  GtkWidget *label = heading (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  return list;
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle,
         gboolean    activatable)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (activatable)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }

  return row;
}

/* Selecting from a row: the row keeps the item it stands for. */
static void
on_item_row_activated (AdwActionRow   *row,
                       CxDetailsPanel *self)
{
  GObject *item = g_object_get_data (G_OBJECT (row), "cx-item");

  if (item != NULL)
    cx_selection_select (self->selection, item);
}

static GtkWidget *
item_row (CxDetailsPanel *self,
          GObject        *item,
          const char     *title,
          const char     *subtitle)
{
  GtkWidget *row = row_new (title, subtitle, TRUE);

  g_object_set_data_full (G_OBJECT (row), "cx-item", g_object_ref (item), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (on_item_row_activated), self);
  return row;
}

static void
on_link_row_activated (AdwActionRow *row,
                       gpointer      user_data)
{
  cx_open_web_link (GTK_WIDGET (row), g_object_get_data (G_OBJECT (row), "cx-url"));
}

static GtkWidget *
source_row (CxSource *source)
{
  g_autofree char *citation = cx_format_source (source);
  const char *url = cx_source_get_url (source);
  GtkWidget *row = row_new (cx_source_get_title (source), citation, FALSE);

  if (url != NULL && cx_is_web_url (url))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "cx-url", g_strdup (url), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_link_row_activated), NULL);
      gtk_widget_set_tooltip_text (row, url);
    }

  return row;
}

static void
on_card_clicked (GtkButton      *button,
                 CxDetailsPanel *self)
{
  cx_selection_select (self->selection, g_object_get_data (G_OBJECT (button), "cx-item"));
}

/* A statistic as a card: value, title, period and comparison, source. */
static GtkWidget *
stat_card (CxDetailsPanel *self,
           CxStatistic    *stat)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *value = cx_format_statistic_value (stat);
  g_autofree char *period = cx_format_period (cx_statistic_get_period (stat));
  g_autofree char *citation = cx_format_source (cx_statistic_get_source (stat));
  g_autofree char *source_line = g_strdup_printf (_("Source: %s"), citation);
  g_autofree char *accessible = NULL;
  const char *comparison = cx_statistic_get_comparison (stat);
  GtkWidget *value_label;

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "cx-stat-card");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  value_label = plain_label (value, "title-2");
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), plain_label (cx_statistic_get_title (stat), NULL));
  gtk_box_append (GTK_BOX (box), plain_label (period, "dim-label"));
  if (comparison != NULL)
    gtk_box_append (GTK_BOX (box), plain_label (comparison, "dim-label"));
  gtk_box_append (GTK_BOX (box), plain_label (source_line, "caption"));

  gtk_button_set_child (GTK_BUTTON (button), box);
  g_object_set_data_full (G_OBJECT (button), "cx-item", g_object_ref (stat), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_card_clicked), self);

  /* TRANSLATORS: a statistic card read aloud: title: value, period */
  accessible = g_strdup_printf (_("%1$s: %2$s, %3$s"), cx_statistic_get_title (stat), value, period);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return button;
}

static void
append_cards (CxDetailsPanel *self,
              GtkWidget      *box,
              GListModel     *statistics)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 8);

  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CxStatistic) stat = g_list_model_get_item (statistics, i);
      GtkWidget *card = stat_card (self, stat);

      gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
      /* The flow box child itself need not take focus; the card does. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }

  gtk_box_append (GTK_BOX (box), flow);
}

static void
append_programs (CxDetailsPanel *self,
                 GtkWidget      *box,
                 GListModel     *programs)
{
  GtkWidget *list;

  if (g_list_model_get_n_items (programs) == 0)
    return;

  list = list_box (box, _("Programs"));
  for (guint i = 0; i < g_list_model_get_n_items (programs); i++)
    {
      g_autoptr(CxProgram) program = g_list_model_get_item (programs, i);
      g_autofree char *dates = cx_format_program_dates (program);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           item_row (self, G_OBJECT (program), cx_program_get_title (program), dates));
    }
  gtk_box_append (GTK_BOX (box), list);
}

static void
append_places (CxDetailsPanel *self,
               GtkWidget      *box,
               GListModel     *features)
{
  GtkWidget *list;
  guint n = g_list_model_get_n_items (features);
  g_autofree char *title = NULL;

  if (n == 0)
    return;

  title = g_strdup_printf (ngettext ("%u Place", "%u Places", n), n);
  list = list_box (box, title);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxFeature) feature = g_list_model_get_item (features, i);
      g_autofree char *kind = cx_format_feature_kind (feature);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", cx_feature_get_name_zh (feature), kind);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           item_row (self, G_OBJECT (feature), cx_feature_get_name (feature), subtitle));
    }
  gtk_box_append (GTK_BOX (box), list);
}

static void
append_sources (GtkWidget  *box,
                GListModel *sources)
{
  GtkWidget *list;

  if (g_list_model_get_n_items (sources) == 0)
    return;

  list = list_box (box, _("Sources"));
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(CxSource) source = g_list_model_get_item (sources, i);
      gtk_list_box_append (GTK_LIST_BOX (list), source_row (source));
    }
  gtk_box_append (GTK_BOX (box), list);
}

static void
append_names (GtkWidget  *box,
              const char *name,
              const char *name_zh,
              const char *name_en,
              const char *kind)
{
  GtkWidget *title = plain_label (name, "title-1");

  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), title);
  /* Both scripts: the other one under the name shown, whichever that is. */
  if (g_strcmp0 (name, name_zh) != 0)
    gtk_box_append (GTK_BOX (box), plain_label (name_zh, "title-3"));
  else if (name_en != NULL && g_strcmp0 (name, name_en) != 0)
    gtk_box_append (GTK_BOX (box), plain_label (name_en, "title-3"));
  if (kind != NULL)
    gtk_box_append (GTK_BOX (box), plain_label (kind, "dim-label"));
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */
/* ------------------------------------------------------------------ */

static GtkWidget *
build_overview (CxDetailsPanel *self)
{
  CxDataPack *pack = cx_selection_get_pack (self->selection);
  GtkWidget *box = page_box ();
  CxStatistic *area = cx_data_pack_lookup_statistic (pack, "area");
  CxStatistic *population = cx_data_pack_lookup_statistic (pack, "population-2020");
  CxFeature *district = cx_data_pack_lookup_feature (pack, "changning-district");
  g_autoptr(GListStore) key_stats = g_list_store_new (CX_TYPE_STATISTIC);
  GtkWidget *chart;

  append_names (box, cx_data_pack_get_name (pack), cx_data_pack_get_name_zh (pack), cx_data_pack_get_name_en (pack), NULL);

  if (area != NULL && population != NULL)
    {
      g_autofree char *a = cx_format_statistic_value (area);
      g_autofree char *p = cx_format_statistic_value (population);
      g_autofree char *p_period = cx_format_period (cx_statistic_get_period (population));
      /* TRANSLATORS: area · population (census year), e.g. "38.3 km² · 693,051 people (2020)" */
      g_autofree char *line = g_strdup_printf (_("%1$s · %2$s (%3$s)"), a, p, p_period);

      gtk_box_append (GTK_BOX (box), plain_label (line, "title-4"));
    }

  /* The key figures are those the pack links to the district as a whole. */
  if (district != NULL)
    {
      GListModel *stats = cx_feature_get_statistics (district);

      for (guint i = 0; i < g_list_model_get_n_items (stats); i++)
        {
          g_autoptr(CxStatistic) stat = g_list_model_get_item (stats, i);
          g_list_store_append (key_stats, stat);
        }
    }
  else
    {
      GListModel *stats = cx_data_pack_get_statistics (pack);

      for (guint i = 0; i < g_list_model_get_n_items (stats); i++)
        {
          g_autoptr(CxStatistic) stat = g_list_model_get_item (stats, i);
          g_list_store_append (key_stats, stat);
        }
    }

  chart = cx_growth_chart_new (G_LIST_MODEL (key_stats));
  gtk_box_append (GTK_BOX (box), heading (_("Growth")));
  gtk_box_append (GTK_BOX (box), chart);
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (chart), cx_growth_chart_get_n_bars (CX_GROWTH_CHART (chart)) > 0);
  gtk_widget_set_visible (chart, cx_growth_chart_get_n_bars (CX_GROWTH_CHART (chart)) > 0);

  gtk_box_append (GTK_BOX (box), heading (_("Key Figures")));
  append_cards (self, box, G_LIST_MODEL (key_stats));
  append_programs (self, box, cx_data_pack_get_programs (pack));

  {
    g_autofree char *date = cx_format_date (cx_data_pack_get_data_date (pack));
    /* TRANSLATORS: the data in use: when it was compiled, and the pack's version */
    g_autofree char *line = g_strdup_printf (_("Data of %1$s · version %2$d"), date, (int) cx_data_pack_get_version (pack));
    g_autoptr(GFile) packs_dir = cx_pack_store_get_default_dir ();
    g_autofree char *stored_name = g_strdup_printf ("pack-%d.json", (int) cx_data_pack_get_version (pack));
    g_autoptr(GFile) stored = g_file_get_child (packs_dir, stored_name);
    g_autoptr(GFileInfo) info = g_file_query_info (stored, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GtkWidget *label;

    /* An update downloaded earlier: say when. */
    if (info != NULL)
      {
        g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        gint64 days = modified != NULL ? g_date_time_difference (now, modified) / G_TIME_SPAN_DAY : 0;
        g_autofree char *updated = days < 1 ? g_strdup (_("updated today"))
                                            : g_strdup_printf (ngettext ("updated %d day ago", "updated %d days ago", (gulong) days), (int) days);
        g_autofree char *with_update = g_strdup_printf ("%s · %s", line, updated);

        g_free (line);
        line = g_steal_pointer (&with_update);
      }

    label = plain_label (line, "dim-label");

    gtk_widget_add_css_class (label, "caption");
    gtk_widget_set_margin_top (label, 12);
    gtk_box_append (GTK_BOX (box), label);
  }

  return box;
}

static void
on_zoom_to_clicked (GtkButton      *button,
                    CxDetailsPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-to-selection", NULL);
}

static GtkWidget *
build_place (CxDetailsPanel *self,
             CxFeature      *feature)
{
  GtkWidget *box = page_box ();
  GtkWidget *zoom;
  g_autofree char *kind = cx_format_feature_kind (feature);
  g_autofree char *accuracy = cx_format_accuracy (feature);
  g_autofree char *layer = NULL;
  GListModel *stats = cx_feature_get_statistics (feature);

  layer = g_strdup_printf ("%s · %s", kind, cx_layer_get_name (cx_feature_get_layer (feature)));
  append_names (box, cx_feature_get_name (feature), cx_feature_get_name_zh (feature), cx_feature_get_name_en (feature), layer);

  zoom = gtk_button_new_with_mnemonic (_("_Zoom to Place"));
  gtk_widget_set_halign (zoom, GTK_ALIGN_START);
  gtk_widget_add_css_class (zoom, "pill");
  g_signal_connect (zoom, "clicked", G_CALLBACK (on_zoom_to_clicked), self);
  gtk_box_append (GTK_BOX (box), zoom);

  gtk_box_append (GTK_BOX (box), plain_label (cx_feature_get_description (feature), NULL));

  gtk_box_append (GTK_BOX (box), heading (accuracy));
  gtk_box_append (GTK_BOX (box), plain_label (cx_feature_get_accuracy_note (feature), "dim-label"));

  if (g_list_model_get_n_items (stats) > 0)
    {
      gtk_box_append (GTK_BOX (box), heading (_("Figures")));
      append_cards (self, box, stats);
    }

  append_programs (self, box, cx_feature_get_programs (feature));
  append_sources (box, cx_feature_get_sources (feature));

  return box;
}

static GtkWidget *
build_program (CxDetailsPanel *self,
               CxProgram      *program)
{
  CxDataPack *pack = cx_selection_get_pack (self->selection);
  GtkWidget *box = page_box ();
  g_autofree char *dates = cx_format_program_dates (program);

  append_names (box, cx_program_get_title (program), cx_program_get_title_zh (program), cx_program_get_title_en (program), _("Program"));
  gtk_box_append (GTK_BOX (box), plain_label (dates, "heading"));
  gtk_box_append (GTK_BOX (box), plain_label (cx_program_get_summary (program), NULL));

  append_places (self, box, cx_data_pack_get_program_features (pack, program));

  if (cx_program_get_n_links (program) > 0)
    {
      GtkWidget *list = list_box (box, _("Further Reading"));

      for (guint i = 0; i < cx_program_get_n_links (program); i++)
        {
          const char *url = cx_program_get_link_url (program, i);
          GtkWidget *row = row_new (cx_program_get_link_title (program, i), url, FALSE);

          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "cx-url", g_strdup (url), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_link_row_activated), NULL);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      gtk_box_append (GTK_BOX (box), list);
    }

  append_sources (box, cx_program_get_sources (program));

  return box;
}

static GtkWidget *
build_statistic (CxDetailsPanel *self,
                 CxStatistic    *stat)
{
  CxDataPack *pack = cx_selection_get_pack (self->selection);
  GtkWidget *box = page_box ();
  g_autofree char *value = cx_format_statistic_value (stat);
  g_autofree char *period = cx_format_period (cx_statistic_get_period (stat));
  g_autofree char *status = cx_format_statistic_status (stat);
  g_autoptr(GListStore) sources = g_list_store_new (CX_TYPE_SOURCE);
  const char *comparison = cx_statistic_get_comparison (stat);
  const char *note = cx_statistic_get_note (stat);

  append_names (box, cx_statistic_get_title (stat), cx_statistic_get_title_zh (stat), cx_statistic_get_title_en (stat), _("Statistic"));
  gtk_box_append (GTK_BOX (box), plain_label (value, "title-1"));
  gtk_box_append (GTK_BOX (box), plain_label (period, "heading"));
  if (comparison != NULL)
    gtk_box_append (GTK_BOX (box), plain_label (comparison, NULL));
  gtk_box_append (GTK_BOX (box), plain_label (status, "dim-label"));
  if (note != NULL)
    gtk_box_append (GTK_BOX (box), plain_label (note, "dim-label"));

  append_places (self, box, cx_data_pack_get_statistic_features (pack, stat));

  g_list_store_append (sources, cx_statistic_get_source (stat));
  append_sources (box, G_LIST_MODEL (sources));

  return box;
}

/* A feature of an imported GeoJSON layer: its title and description from
 * the simplestyle properties, every other property as a table. */
static GtkWidget *
build_imported (CxDetailsPanel    *self,
                CxImportedFeature *feature)
{
  GtkWidget *box = page_box ();
  CxImportedLayer *layer = cx_imported_feature_get_layer (feature);
  const char *description = cx_imported_feature_get_description (feature);
  guint n = cx_imported_feature_get_n_properties (feature);
  g_autofree char *kind = g_strdup_printf (_("%1$s in “%2$s”"), cx_imported_feature_get_geojson_type (feature),
                                           cx_imported_layer_get_name (layer));
  const char *name = cx_imported_feature_get_display_name (feature);
  g_autofree char *short_name = name != NULL ? shortened_text (name, CX_DETAILS_MAX_HEADING_CHARS) : NULL;
  GtkWidget *zoom, *title;

  title = plain_label (short_name != NULL ? short_name : name, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), plain_label (kind, "dim-label"));
  if (short_name != NULL)
    {
      GtkWidget *full = plain_label (name, NULL);

      gtk_label_set_selectable (GTK_LABEL (full), TRUE);
      gtk_box_append (GTK_BOX (box), full);
    }

  zoom = gtk_button_new_with_mnemonic (_("_Zoom to Place"));
  gtk_widget_set_halign (zoom, GTK_ALIGN_START);
  gtk_widget_add_css_class (zoom, "pill");
  g_signal_connect (zoom, "clicked", G_CALLBACK (on_zoom_to_clicked), self);
  gtk_box_append (GTK_BOX (box), zoom);

  if (description != NULL && description[0] != '\0')
    gtk_box_append (GTK_BOX (box), plain_label (description, NULL));

  if (n > 0)
    {
      GtkWidget *grid = gtk_grid_new ();

      gtk_box_append (GTK_BOX (box), heading (_("Properties")));
      gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
      for (guint i = 0; i < MIN (n, CX_DETAILS_MAX_PROPERTY_ROWS); i++)
        {
          GtkWidget *key = plain_label (cx_imported_feature_get_property_key (feature, i), "dim-label");
          GtkWidget *value = plain_label (cx_imported_feature_get_property_text (feature, i), NULL);

          gtk_label_set_selectable (GTK_LABEL (value), TRUE);
          gtk_widget_set_hexpand (value, TRUE);
          gtk_widget_set_valign (key, GTK_ALIGN_START);
          gtk_grid_attach (GTK_GRID (grid), key, 0, (int) i, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), value, 1, (int) i, 1, 1);
        }
      gtk_box_append (GTK_BOX (box), grid);
      if (n > CX_DETAILS_MAX_PROPERTY_ROWS)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("%u more property is not shown here",
                                                             "%u more properties are not shown here",
                                                             n - CX_DETAILS_MAX_PROPERTY_ROWS),
                                                   n - CX_DETAILS_MAX_PROPERTY_ROWS);
          gtk_box_append (GTK_BOX (box), plain_label (more, "dim-label"));
        }
    }

  gtk_box_append (GTK_BOX (box), heading (_("Source")));
  {
    g_autofree char *source = g_strdup_printf (_("Imported from %s. Nothing in it was checked against the district’s sources."),
                                               cx_imported_layer_get_file_name (layer));
    gtk_box_append (GTK_BOX (box), plain_label (source, "dim-label"));
  }

  return box;
}

static void
rebuild (CxDetailsPanel *self)
{
  GObject *item = cx_selection_get_item (self->selection);
  GtkAdjustment *adjustment;
  const char *title;

  switch (cx_selection_get_kind (self->selection))
    {
    case CX_SELECTION_FEATURE:
      self->page = build_place (self, CX_FEATURE (item));
      self->page_name = "place";
      title = _("Place");
      break;
    case CX_SELECTION_PROGRAM:
      self->page = build_program (self, CX_PROGRAM (item));
      self->page_name = "program";
      title = _("Program");
      break;
    case CX_SELECTION_STATISTIC:
      self->page = build_statistic (self, CX_STATISTIC (item));
      self->page_name = "statistic";
      title = _("Statistic");
      break;
    case CX_SELECTION_IMPORTED:
      self->page = build_imported (self, CX_IMPORTED_FEATURE (item));
      self->page_name = "imported";
      title = _("Your Layer");
      break;
    case CX_SELECTION_NONE:
    default:
      self->page = build_overview (self);
      self->page_name = "overview";
      title = _("Overview");
      break;
    }

  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->page);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  gtk_adjustment_set_value (adjustment, 0);
}

static void
on_selection_changed (CxDetailsPanel *self)
{
  rebuild (self);
}

static void
on_back_clicked (GtkButton      *button,
                 CxDetailsPanel *self)
{
  cx_selection_go_back (self->selection);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cx_details_panel_constructed (GObject *object)
{
  CxDetailsPanel *self = (CxDetailsPanel *) object;

  G_OBJECT_CLASS (cx_details_panel_parent_class)->constructed (object);

  g_assert (self->selection != NULL);
  g_signal_connect_object (self->selection, "notify::item", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->selection, "can-go-back", self->back_button, "sensitive", G_BINDING_SYNC_CREATE);
  rebuild (self);
}

static void
cx_details_panel_dispose (GObject *object)
{
  CxDetailsPanel *self = (CxDetailsPanel *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->page = NULL;
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cx_details_panel_parent_class)->dispose (object);
}

static void
cx_details_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CxDetailsPanel *self = CX_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CxDetailsPanel *self = CX_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      self->selection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_panel_class_init (CxDetailsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cx_details_panel_constructed;
  object_class->dispose = cx_details_panel_dispose;
  object_class->get_property = cx_details_panel_get_property;
  object_class->set_property = cx_details_panel_set_property;

  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cx-details-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_details_panel_init (CxDetailsPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->header, 12);
  gtk_widget_set_margin_end (self->header, 12);
  gtk_widget_set_margin_top (self->header, 8);
  gtk_widget_set_margin_bottom (self->header, 4);
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_add_css_class (self->back_button, "flat");
  gtk_widget_set_tooltip_text (self->back_button, _("Back (Alt+Left)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the previous selection"), -1);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  gtk_box_append (GTK_BOX (self->header), self->back_button);

  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_box_append (GTK_BOX (self->header), self->title);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Details"), -1);
}

GtkWidget *
cx_details_panel_new (CxSelection *selection)
{
  g_return_val_if_fail (CX_IS_SELECTION (selection), NULL);

  return g_object_new (CX_TYPE_DETAILS_PANEL, "selection", selection, NULL);
}

CxSelection *
cx_details_panel_get_selection (CxDetailsPanel *self)
{
  g_return_val_if_fail (CX_IS_DETAILS_PANEL (self), NULL);

  return self->selection;
}

/**
 * cx_details_panel_get_page_name:
 *
 * Returns: "overview", "place", "program" or "statistic"
 */
const char *
cx_details_panel_get_page_name (CxDetailsPanel *self)
{
  g_return_val_if_fail (CX_IS_DETAILS_PANEL (self), NULL);

  return self->page_name;
}

/**
 * cx_details_panel_get_page:
 *
 * Returns: (transfer none): the widget holding the current page
 */
GtkWidget *
cx_details_panel_get_page (CxDetailsPanel *self)
{
  g_return_val_if_fail (CX_IS_DETAILS_PANEL (self), NULL);

  return self->page;
}
