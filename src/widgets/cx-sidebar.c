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

#include "cx-layer-panel.h"
#include "cx-place-row.h"
#include "cx-result-row.h"
#include "cx-search.h"
#include "cx-sidebar.h"

struct _CxSidebar
{
  GtkWidget     parent_instance;

  /* Template widgets; box, the only child, is bound so that
   * gtk_widget_dispose_template() unparents it */
  GtkWidget    *box;
  GtkWidget    *search_entry;
  GtkWidget    *main_stack;
  GtkWidget    *browse_stack;
  GtkWidget    *layer_panel;
  GtkWidget    *places_list;
  GtkWidget    *results_list;
  GtkWidget    *results_status;

  /* Owned */
  CxSelection  *selection;
  CxVisibility *visibility;
  GListModel   *scenes;
  GListModel   *places;       /* CxFeature, every layer's in turn */
  gboolean      places_bound; /* places_list has its rows (ensure_places_rows()) */
  GListModel   *results;      /* CxSearchResult */
  char         *searched;     /* the text the results are for */
};

G_DEFINE_FINAL_TYPE (CxSidebar, cx_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_VISIBILITY,
  PROP_SCENES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The item behind a row of a list bound to @model. */
static gpointer
row_item (GListModel    *model,
          GtkListBoxRow *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (model == NULL || index < 0)
    return NULL;

  return g_list_model_get_item (model, (guint) index);
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

/* Opens @item: selects it and shows its details (the window's action),
 * which in a narrow window float over the map in place of this panel; then
 * the map shows it, in the part the details leave uncovered. */
static void
open_item (CxSidebar *self,
           GObject   *item)
{
  cx_selection_select (self->selection, item);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-to-selection", NULL);
}

static void
on_result_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     CxSidebar     *self)
{
  g_autoptr(CxSearchResult) result = row_item (self->results, row);

  if (result != NULL)
    open_item (self, cx_search_result_get_item (result));
}

static GtkWidget *
create_result_row (gpointer item,
                   gpointer user_data)
{
  return cx_result_row_new (item);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   CxSidebar      *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  guint n;

  /* Already searched when Enter came first (on_search_activate()). */
  if (self->results != NULL && g_strcmp0 (self->searched, text) == 0)
    return;

  g_clear_object (&self->results);
  g_free (self->searched);
  self->searched = g_strdup (text);
  if (text[0] == '\0' || self->selection == NULL)
    {
      gtk_list_box_bind_model (GTK_LIST_BOX (self->results_list), NULL, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "browse");
      return;
    }

  self->results = cx_search (cx_selection_get_pack (self->selection), text);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->results_list), self->results, create_result_row, self, NULL);

  n = g_list_model_get_n_items (self->results);
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
  GtkListBoxRow *first;

  /* Enter typed within the search entry's delay after the text (a quick
   * typist, or a busy window taking several keys at once) would find the
   * results of the text before it, or none: search the text as it is. */
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    on_search_changed (entry, self);

  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->results_list), 0);
  if (first != NULL)
    on_result_activated (GTK_LIST_BOX (self->results_list), first, self);
}

/* Esc leaves the search, for the map (the window's action, which also
 * closes this panel where it floats over the map): the digits toggle
 * layers again instead of typing. */
static void
on_stop_search (GtkSearchEntry *entry,
                CxSidebar      *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.back-to-map", NULL);
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

/* A heading over the first place of each layer. */
static void
places_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  CxSidebar *self = user_data;
  g_autoptr(CxFeature) feature = row_item (self->places, row);
  g_autoptr(CxFeature) previous = row_item (self->places, before);
  CxLayer *layer;
  GtkWidget *header;

  if (feature == NULL)
    return;

  layer = cx_feature_get_layer (feature);
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

/* Moving through the list selects each place, and the map follows. A row
 * that only mirrors the selection (see on_selection_changed()) is already
 * the selected place, and is left at that. */
static void
on_place_selected (GtkListBox    *list,
                   GtkListBoxRow *row,
                   CxSidebar     *self)
{
  g_autoptr(CxFeature) feature = row_item (self->places, row);

  if (feature == NULL || feature == cx_selection_get_feature (self->selection))
    return;

  select_and_zoom (self, G_OBJECT (feature));
}

/* Enter or a click on a place opens it (moving through the list only
 * selects). */
static void
on_place_activated (GtkListBox    *list,
                    GtkListBoxRow *row,
                    CxSidebar     *self)
{
  g_autoptr(CxFeature) feature = row_item (self->places, row);

  if (feature != NULL)
    open_item (self, G_OBJECT (feature));
}

/* The list mirrors a selection made elsewhere, on the map or in search. */
static void
on_selection_changed (CxSidebar *self)
{
  CxFeature *feature = cx_selection_get_feature (self->selection);
  GtkListBoxRow *row = NULL;

  if (!self->places_bound)
    return;

  for (guint i = 0; feature != NULL && self->places != NULL && i < g_list_model_get_n_items (self->places); i++)
    {
      g_autoptr(CxFeature) place = g_list_model_get_item (self->places, i);

      if (place == feature)
        {
          row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->places_list), (int) i);
          break;
        }
    }

  if (row != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->places_list), row);
  else
    gtk_list_box_unselect_all (GTK_LIST_BOX (self->places_list));
}

static GtkWidget *
create_place_row (gpointer item,
                  gpointer user_data)
{
  return cx_place_row_new (item);
}

/* The Places list gets its rows when first shown, or asked for
 * (cx_sidebar_get_places_list()): the first view shows the Layers page,
 * and a row per place (its Chinese name, the CJK font) is work and memory
 * at start for a page that may never be opened. */
static void
ensure_places_rows (CxSidebar *self)
{
  if (self->places_bound || self->places == NULL)
    return;

  self->places_bound = TRUE;
  gtk_list_box_bind_model (GTK_LIST_BOX (self->places_list), self->places, create_place_row, self, NULL);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->places_list), places_header, self, NULL);
  on_selection_changed (self);
}

static void
on_browse_page_changed (CxSidebar *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->browse_stack)), "places") == 0)
    ensure_places_rows (self);
}

static void
set_selection (CxSidebar   *self,
               CxSelection *selection)
{
  GListModel *layers;
  GListStore *places;

  if (selection == NULL)
    return;

  self->selection = g_object_ref (selection);

  /* Every layer's places, one after the other. */
  layers = cx_data_pack_get_layers (cx_selection_get_pack (selection));
  places = g_list_store_new (CX_TYPE_FEATURE);
  for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, l);
      GListModel *features = cx_layer_get_features (layer);

      for (guint i = 0; i < g_list_model_get_n_items (features); i++)
        {
          g_autoptr(CxFeature) feature = g_list_model_get_item (features, i);
          g_list_store_append (places, feature);
        }
    }
  self->places = G_LIST_MODEL (places);
  g_signal_connect_object (self->browse_stack, "notify::visible-child", G_CALLBACK (on_browse_page_changed),
                           self, G_CONNECT_SWAPPED);
  on_browse_page_changed (self);
  g_signal_connect_object (self->places_list, "row-selected", G_CALLBACK (on_place_selected), self, 0);
  g_signal_connect_object (self->places_list, "row-activated", G_CALLBACK (on_place_activated), self, 0);
  g_signal_connect_object (selection, "notify::item", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cx_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CxSidebar *self = CX_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      set_selection (self, g_value_get_object (value));
      break;
    case PROP_VISIBILITY:
      self->visibility = g_value_dup_object (value);
      break;
    case PROP_SCENES:
      self->scenes = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CxSidebar *self = CX_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_VISIBILITY:
      g_value_set_object (value, self->visibility);
      break;
    case PROP_SCENES:
      g_value_set_object (value, self->scenes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_sidebar_dispose (GObject *object)
{
  CxSidebar *self = (CxSidebar *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->visibility);
  g_clear_object (&self->scenes);
  g_clear_object (&self->places);
  g_clear_object (&self->results);
  g_clear_pointer (&self->searched, g_free);

  G_OBJECT_CLASS (cx_sidebar_parent_class)->dispose (object);
}

static void
cx_sidebar_class_init (CxSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_sidebar_set_property;
  object_class->get_property = cx_sidebar_get_property;
  object_class->dispose = cx_sidebar_dispose;

  /** CxSidebar:selection: what is selected; its pack gives the places and the search */
  properties[PROP_SELECTION] = g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                                                    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /** CxSidebar:visibility: which layers show, for the layer panel */
  properties[PROP_VISIBILITY] = g_param_spec_object ("visibility", NULL, NULL, CX_TYPE_VISIBILITY,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /** CxSidebar:scenes: the saved scenes (CxScene), for the layer panel */
  properties[PROP_SCENES] = g_param_spec_object ("scenes", NULL, NULL, G_TYPE_LIST_MODEL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_LAYER_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, browse_stack);
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, layer_panel);
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, places_list);
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, results_list);
  gtk_widget_class_bind_template_child (widget_class, CxSidebar, results_status);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cx-sidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_sidebar_init (CxSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

GtkWidget *
cx_sidebar_new (CxSelection  *selection,
                CxVisibility *visibility,
                GListModel   *scenes)
{
  g_return_val_if_fail (CX_IS_SELECTION (selection), NULL);

  return g_object_new (CX_TYPE_SIDEBAR,
                       "selection", selection,
                       "visibility", visibility,
                       "scenes", scenes,
                       NULL);
}

GtkWidget *cx_sidebar_get_layer_panel (CxSidebar *self) { g_return_val_if_fail (CX_IS_SIDEBAR (self), NULL); return self->layer_panel; }
GtkWidget *cx_sidebar_get_search_entry (CxSidebar *self) { g_return_val_if_fail (CX_IS_SIDEBAR (self), NULL); return self->search_entry; }

/**
 * cx_sidebar_get_places_list:
 *
 * Returns: (transfer none): the Places list, with its rows
 */
GtkWidget *
cx_sidebar_get_places_list (CxSidebar *self)
{
  g_return_val_if_fail (CX_IS_SIDEBAR (self), NULL);

  ensure_places_rows (self);
  return self->places_list;
}

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
