/* cx-sidebar.c: search, the Places list, and the layers and scenes — the
 * keyboard's and the screen reader's way into the map
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cx-format.h"
#include "cx-layer-panel.h"
#include "cx-search.h"
#include "cx-sidebar.h"

struct _CxSidebar
{
  GtkWidget parent_instance;

  /* Owned */
  CxSelection *selection;

  /* Children */
  GtkWidget   *box;
  GtkWidget   *search_entry;
  GtkWidget   *main_stack;
  GtkWidget   *browse_stack;
  GtkWidget   *layer_panel;
  GtkWidget   *places_list;
  GtkWidget   *results_list;
  GtkWidget   *results_status;

  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (CxSidebar, cx_sidebar, GTK_TYPE_WIDGET)

static const char *
item_kind (GObject *item)
{
  if (CX_IS_PROGRAM (item))
    return _("Program");
  if (CX_IS_STATISTIC (item))
    return _("Statistic");
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Search                                                              */
/* ------------------------------------------------------------------ */

static void
select_and_zoom (CxSidebar *self,
                 GObject   *item)
{
  cx_selection_select (self->selection, item);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-to-selection", NULL);
}

static void
on_result_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     CxSidebar     *self)
{
  CxSearchResult *result = g_object_get_data (G_OBJECT (row), "cx-result");

  if (result != NULL)
    select_and_zoom (self, cx_search_result_get_item (result));
}

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

static GtkWidget *
result_row (CxSearchResult *result)
{
  GObject *item = cx_search_result_get_item (result);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = highlighted_title (result);
  g_autofree char *subtitle = NULL;

  if (CX_IS_FEATURE (item))
    {
      g_autofree char *kind = cx_format_feature_kind (CX_FEATURE (item));
      subtitle = g_strdup_printf ("%s · %s", kind, cx_feature_get_name_zh (CX_FEATURE (item)));
    }
  else if (CX_IS_PROGRAM (item))
    subtitle = g_strdup_printf ("%s · %s", item_kind (item), cx_program_get_title_zh (CX_PROGRAM (item)));
  else
    subtitle = g_strdup_printf ("%s · %s", item_kind (item), cx_statistic_get_title_zh (CX_STATISTIC (item)));

  /* Markup here only for the highlight; every piece of data is escaped. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "cx-result", g_object_ref (result), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, cx_search_result_get_title (result), -1);

  return row;
}

static void
on_search_changed (GtkSearchEntry *entry,
                   CxSidebar      *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GListModel) results = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (self->results_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->results_list), child);

  if (text[0] == '\0')
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "browse");
      return;
    }

  results = cx_search (cx_selection_get_pack (self->selection), text);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxSearchResult) result = g_list_model_get_item (results, i);
      gtk_list_box_append (GTK_LIST_BOX (self->results_list), result_row (result));
    }

  if (n == 0)
    gtk_label_set_text (GTK_LABEL (self->results_status), _("Nothing found. Try an English or Chinese name, or pinyin."));
  else
    {
      g_autofree char *status = g_strdup_printf (ngettext ("%u result", "%u results", n), n);
      gtk_label_set_text (GTK_LABEL (self->results_status), status);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (GTK_LABEL (self->results_status)), -1);

  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "results");
}

/* Enter in the entry opens the best result. */
static void
on_search_activate (GtkSearchEntry *entry,
                    CxSidebar      *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->results_list), 0);

  if (first != NULL)
    on_result_activated (GTK_LIST_BOX (self->results_list), first, self);
}

static void
on_stop_search (GtkSearchEntry *entry,
                CxSidebar      *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Down from the entry goes into the results. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      CxSidebar             *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->results_list), 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

/* ------------------------------------------------------------------ */
/* Places                                                              */
/* ------------------------------------------------------------------ */

static void
places_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  CxFeature *feature = g_object_get_data (G_OBJECT (row), "cx-feature");
  CxFeature *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "cx-feature") : NULL;
  CxLayer *layer = cx_feature_get_layer (feature);
  GtkWidget *header;

  if (previous != NULL && cx_feature_get_layer (previous) == layer)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (cx_layer_get_name (layer));
  gtk_widget_add_css_class (header, "heading");
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

/* Moving through the list selects each place, and the map follows. */
static void
on_place_selected (GtkListBox    *list,
                   GtkListBoxRow *row,
                   CxSidebar     *self)
{
  CxFeature *feature;

  if (row == NULL || self->syncing)
    return;

  feature = g_object_get_data (G_OBJECT (row), "cx-feature");
  self->syncing = TRUE;
  select_and_zoom (self, G_OBJECT (feature));
  self->syncing = FALSE;
}

/* The list mirrors a selection made elsewhere, on the map or in search. */
static void
on_selection_changed (CxSidebar *self)
{
  CxFeature *feature = cx_selection_get_feature (self->selection);
  GtkListBoxRow *row = NULL;

  if (self->syncing)
    return;

  for (int i = 0; feature != NULL; i++)
    {
      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->places_list), i);
      if (row == NULL || g_object_get_data (G_OBJECT (row), "cx-feature") == feature)
        break;
    }

  self->syncing = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->places_list), row);
  else
    gtk_list_box_unselect_all (GTK_LIST_BOX (self->places_list));
  self->syncing = FALSE;
}

static GtkWidget *
place_row (CxFeature *feature)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *kind = cx_format_feature_kind (feature);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", cx_feature_get_name_zh (feature), kind);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cx_feature_get_name (feature));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "cx-feature", g_object_ref (feature), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, cx_feature_get_name (feature), -1);

  return row;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static void
build (CxSidebar    *self,
       CxVisibility *visibility,
       GListModel   *scenes)
{
  GListModel *layers = cx_data_pack_get_layers (cx_selection_get_pack (self->selection));
  GtkWidget *switcher, *browse, *results_box;
  GtkEventController *keys;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search places, programs, figures"), NULL);
  gtk_widget_set_margin_start (self->search_entry, 12);
  gtk_widget_set_margin_end (self->search_entry, 12);
  gtk_widget_set_margin_top (self->search_entry, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search places, programs and figures"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (self->search_entry, keys);
  gtk_box_append (GTK_BOX (self->box), self->search_entry);

  self->main_stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->main_stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (self->main_stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->main_stack);

  /* Browse: layers and scenes, or every place. */
  browse = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->browse_stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->browse_stack, TRUE);
  switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->browse_stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 12);
  gtk_box_append (GTK_BOX (browse), switcher);
  gtk_box_append (GTK_BOX (browse), self->browse_stack);

  self->layer_panel = cx_layer_panel_new (visibility, scenes);
  gtk_stack_add_titled (GTK_STACK (self->browse_stack), self->layer_panel, "layers", _("Layers"));

  self->places_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->places_list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (self->places_list, "navigation-sidebar");
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->places_list), places_header, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->places_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Places"), -1);
  for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
      GListModel *layer_features = cx_layer_get_features (layer);

      for (guint i = 0; i < g_list_model_get_n_items (layer_features); i++)
        {
          g_autoptr(CxFeature) feature = g_list_model_get_item (layer_features, i);
          gtk_list_box_append (GTK_LIST_BOX (self->places_list), place_row (feature));
        }
    }
  gtk_list_box_unselect_all (GTK_LIST_BOX (self->places_list));
  g_signal_connect (self->places_list, "row-selected", G_CALLBACK (on_place_selected), self);
  gtk_stack_add_titled (GTK_STACK (self->browse_stack), scrolled (self->places_list), "places", _("Places"));

  gtk_stack_add_named (GTK_STACK (self->main_stack), browse, "browse");

  /* Results of a search. */
  results_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (results_box, 12);
  gtk_widget_set_margin_end (results_box, 12);
  gtk_widget_set_margin_top (results_box, 12);
  self->results_status = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->results_status, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->results_status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->results_status), TRUE);
  gtk_box_append (GTK_BOX (results_box), self->results_status);
  self->results_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->results_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->results_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search results"), -1);
  g_signal_connect (self->results_list, "row-activated", G_CALLBACK (on_result_activated), self);
  gtk_box_append (GTK_BOX (results_box), self->results_list);
  gtk_stack_add_named (GTK_STACK (self->main_stack), scrolled (results_box), "results");

  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "browse");

  g_signal_connect_object (self->selection, "notify::item", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cx_sidebar_dispose (GObject *object)
{
  CxSidebar *self = (CxSidebar *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cx_sidebar_parent_class)->dispose (object);
}

static void
cx_sidebar_class_init (CxSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_sidebar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cx-sidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_sidebar_init (CxSidebar *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search, places, layers and scenes"), -1);
}

GtkWidget *
cx_sidebar_new (CxSelection  *selection,
                CxVisibility *visibility,
                GListModel   *scenes)
{
  CxSidebar *self;

  g_return_val_if_fail (CX_IS_SELECTION (selection), NULL);

  self = g_object_new (CX_TYPE_SIDEBAR, NULL);
  self->selection = g_object_ref (selection);
  build (self, visibility, scenes);

  return GTK_WIDGET (self);
}

GtkWidget *cx_sidebar_get_layer_panel (CxSidebar *self) { g_return_val_if_fail (CX_IS_SIDEBAR (self), NULL); return self->layer_panel; }
GtkWidget *cx_sidebar_get_search_entry (CxSidebar *self) { g_return_val_if_fail (CX_IS_SIDEBAR (self), NULL); return self->search_entry; }
GtkWidget *cx_sidebar_get_places_list (CxSidebar *self) { g_return_val_if_fail (CX_IS_SIDEBAR (self), NULL); return self->places_list; }
GtkWidget *cx_sidebar_get_results_list (CxSidebar *self) { g_return_val_if_fail (CX_IS_SIDEBAR (self), NULL); return self->results_list; }

/**
 * cx_sidebar_show_page:
 * @name: "layers" or "places"
 */
void
cx_sidebar_show_page (CxSidebar  *self,
                      const char *name)
{
  g_return_if_fail (CX_IS_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "browse");
  gtk_stack_set_visible_child_name (GTK_STACK (self->browse_stack), name);
}
