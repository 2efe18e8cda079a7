/* cx-layer-panel.c: layers to switch on and off, and the scenes to step
 * through, on the left of the map
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-layer-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cx-layer-panel.h"
#include "cx-import.h"
#include "cx-legend.h"

struct _CxLayerPanel
{
  GtkWidget parent_instance;

  /* Owned */
  CxVisibility *visibility;
  GListModel   *scenes;
  GPtrArray    *switches;     /* GtkSwitch, borrowed, by layer index */

  GListModel   *imported;     /* CxImportedLayer, nullable */

  /* Children */
  GtkWidget    *scroller;
  GtkWidget    *imported_box;
  GtkWidget    *imported_list;
  GtkWidget    *scene_list;
  GtkWidget    *scene_status;

  gboolean      syncing;
  int           current_scene;
};

G_DEFINE_FINAL_TYPE (CxLayerPanel, cx_layer_panel, GTK_TYPE_WIDGET)

static void
sync_switches (CxLayerPanel *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->switches->len; i++)
    gtk_switch_set_active (g_ptr_array_index (self->switches, i),
                           cx_visibility_get_visible_index (self->visibility, i));
  self->syncing = FALSE;
}

static void
on_switch_active (GtkSwitch    *sw,
                  GParamSpec   *pspec,
                  CxLayerPanel *self)
{
  CxLayer *layer = g_object_get_data (G_OBJECT (sw), "cx-layer");

  if (!self->syncing)
    cx_visibility_set_visible (self->visibility, cx_layer_get_id (layer), gtk_switch_get_active (sw));
}

static void
on_show_all (GtkButton    *button,
             CxLayerPanel *self)
{
  cx_visibility_set_all (self->visibility, TRUE);
}

static void
on_hide_all (GtkButton    *button,
             CxLayerPanel *self)
{
  cx_visibility_set_all (self->visibility, FALSE);
}

static GtkWidget *
layer_row (CxLayerPanel *self,
           CxLayer      *layer)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();
  guint n = g_list_model_get_n_items (cx_layer_get_features (layer));
  guint index = cx_layer_get_index (layer);
  g_autofree char *subtitle = NULL;
  g_autofree char *count = g_strdup_printf (ngettext ("%u place", "%u places", n), n);
  g_autofree char *switch_label = NULL;

  /* The other script: Chinese, or English when the interface is Chinese. */
  const char *other = g_strcmp0 (cx_layer_get_name (layer), cx_layer_get_name_zh (layer)) != 0
        ? cx_layer_get_name_zh (layer) : cx_layer_get_name_en (layer);
  if (index < 9)
    /* TRANSLATORS: a layer row's subtitle: its Chinese name, how many places, and the key that toggles it */
    subtitle = g_strdup_printf (_("%1$s · %2$s · key %3$u"), other, count, index + 1);
  else
    subtitle = g_strdup_printf ("%s · %s", other, count);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cx_layer_get_name (layer));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), cx_legend_swatch_new (layer, FALSE));

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  /* TRANSLATORS: the accessible name of a layer's switch, e.g. "Show Landmarks" */
  switch_label = g_strdup_printf (_("Show %s"), cx_layer_get_name (layer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  g_object_set_data_full (G_OBJECT (sw), "cx-layer", g_object_ref (layer), g_object_unref);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_switch_active), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);

  g_ptr_array_add (self->switches, sw);
  return row;
}

/* ------------------------------------------------------------------ */
/* Scenes                                                              */
/* ------------------------------------------------------------------ */

static int
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
on_scene_menu_clicked (GtkButton *button,
                       GtkWidget *menu_button)
{
  const char *action = g_object_get_data (G_OBJECT (button), "cx-action");
  int index = row_index (menu_button);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  if (index >= 0)
    gtk_widget_activate_action (menu_button, action, "u", (guint32) index);
}

static GtkWidget *
scene_menu (void)
{
  static const struct { const char *label; const char *action; } items[] = {
    { N_("_Rename…"), "win.scene-rename" },
    { N_("Move _Up"), "win.scene-up" },
    { N_("Move _Down"), "win.scene-down" },
    { N_("_Delete"), "win.scene-delete" },
  };
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(items[i].label));

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data (G_OBJECT (button), "cx-action", (gpointer) items[i].action);
      g_signal_connect (button, "clicked", G_CALLBACK (on_scene_menu_clicked), menu_button);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Scene Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scene menu"), -1);

  return menu_button;
}

static void
on_scene_row_activated (AdwActionRow *row,
                        gpointer      user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (row), "win.scene-apply", "u",
                              (guint32) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

static GtkWidget *
create_scene_row (gpointer item,
                  gpointer user_data)
{
  CxScene *scene = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (scene, "title", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (scene, "note", row, "subtitle", G_BINDING_SYNC_CREATE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_scene_row_activated), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), scene_menu ());

  return row;
}

static void
update_scene_status (CxLayerPanel *self)
{
  guint n = g_list_model_get_n_items (self->scenes);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No scenes yet. Add the current view with Ctrl+D."));
  else if (self->current_scene < 0 || (guint) self->current_scene >= n)
    text = g_strdup_printf (ngettext ("%u scene · Page Down to start", "%u scenes · Page Down to start", n), n);
  else
    /* TRANSLATORS: which scene is showing, e.g. "Scene 2 of 5" */
    text = g_strdup_printf (_("Scene %1$d of %2$u"), self->current_scene + 1, n);

  gtk_label_set_text (GTK_LABEL (self->scene_status), text);
}

static void
on_scenes_changed (GListModel   *model,
                   guint         position,
                   guint         removed,
                   guint         added,
                   CxLayerPanel *self)
{
  update_scene_status (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static GtkWidget *
heading_box (const char *title,
             GtkWidget  *end)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), label);
  if (end != NULL)
    gtk_box_append (GTK_BOX (box), end);

  return box;
}

static void
build (CxLayerPanel *self)
{
  GListModel *layers = cx_data_pack_get_layers (cx_visibility_get_pack (self->visibility));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *show_all = gtk_button_new_with_mnemonic (_("Show _All"));
  GtkWidget *hide_all = gtk_button_new_with_mnemonic (_("_Hide All"));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *add_scene;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_widget_add_css_class (show_all, "flat");
  gtk_widget_add_css_class (hide_all, "flat");
  g_signal_connect (show_all, "clicked", G_CALLBACK (on_show_all), self);
  g_signal_connect (hide_all, "clicked", G_CALLBACK (on_hide_all), self);
  gtk_box_append (GTK_BOX (buttons), show_all);
  gtk_box_append (GTK_BOX (buttons), hide_all);
  gtk_box_append (GTK_BOX (box), heading_box (_("Layers"), buttons));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layers"), -1);
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(CxLayer) layer = g_list_model_get_item (layers, i);
      gtk_list_box_append (GTK_LIST_BOX (list), layer_row (self, layer));
    }
  gtk_box_append (GTK_BOX (box), list);

  /* The planner's own layers, once there are any. */
  self->imported_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_visible (self->imported_box, FALSE);
  {
    GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");

    gtk_widget_add_css_class (open, "flat");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.import");
    gtk_widget_set_tooltip_text (open, _("Open a GeoJSON Layer (Ctrl+O)"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open a GeoJSON layer"), -1);
    gtk_box_append (GTK_BOX (self->imported_box), heading_box (_("Your Layers"), open));
  }
  self->imported_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->imported_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->imported_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->imported_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your layers"), -1);
  gtk_box_append (GTK_BOX (self->imported_box), self->imported_list);
  gtk_box_append (GTK_BOX (box), self->imported_box);

  add_scene = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add_scene, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_scene), "win.scene-add");
  gtk_widget_set_tooltip_text (add_scene, _("Add the Current View as a Scene (Ctrl+D)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_scene), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add the current view as a scene"), -1);
  gtk_box_append (GTK_BOX (box), heading_box (_("Scenes"), add_scene));

  self->scene_status = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->scene_status, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->scene_status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->scene_status), TRUE);
  gtk_box_append (GTK_BOX (box), self->scene_status);

  self->scene_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->scene_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->scene_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scene_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenes"), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->scene_list), self->scenes, create_scene_row, self, NULL);
  gtk_box_append (GTK_BOX (box), self->scene_list);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);

  g_signal_connect_object (self->visibility, "changed", G_CALLBACK (sync_switches), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenes, "items-changed", G_CALLBACK (on_scenes_changed), self, 0);
  sync_switches (self);
  update_scene_status (self);
}

static void
cx_layer_panel_dispose (GObject *object)
{
  CxLayerPanel *self = (CxLayerPanel *) object;

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->visibility);
  g_clear_object (&self->scenes);
  g_clear_object (&self->imported);
  if (self->switches != NULL)
    g_ptr_array_set_size (self->switches, 0);

  G_OBJECT_CLASS (cx_layer_panel_parent_class)->dispose (object);
}

static void
cx_layer_panel_finalize (GObject *object)
{
  CxLayerPanel *self = (CxLayerPanel *) object;

  g_clear_pointer (&self->switches, g_ptr_array_unref);

  G_OBJECT_CLASS (cx_layer_panel_parent_class)->finalize (object);
}

static void
cx_layer_panel_class_init (CxLayerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cx_layer_panel_dispose;
  object_class->finalize = cx_layer_panel_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cx-layer-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_layer_panel_init (CxLayerPanel *self)
{
  self->switches = g_ptr_array_new ();
  self->current_scene = -1;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layers and scenes"), -1);
}

GtkWidget *
cx_layer_panel_new (CxVisibility *visibility,
                    GListModel   *scenes)
{
  CxLayerPanel *self;

  g_return_val_if_fail (CX_IS_VISIBILITY (visibility), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (scenes), NULL);

  self = g_object_new (CX_TYPE_LAYER_PANEL, NULL);
  self->visibility = g_object_ref (visibility);
  self->scenes = g_object_ref (scenes);
  build (self);

  return GTK_WIDGET (self);
}

static void
on_imported_menu_clicked (GtkButton *button,
                          GtkWidget *menu_button)
{
  const char *action = g_object_get_data (G_OBJECT (button), "cx-action");
  const char *id = g_object_get_data (G_OBJECT (menu_button), "cx-id");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  gtk_widget_activate_action (menu_button, action, "s", id);
}

static GtkWidget *
create_imported_row (gpointer item,
                     gpointer user_data)
{
  static const struct { const char *label; const char *action; } items[] = {
    { N_("_Zoom to Layer"), "win.imported-zoom" },
    { N_("_Rename…"), "win.imported-rename" },
    { N_("Re_move"), "win.imported-remove" },
  };
  CxImportedLayer *layer = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *menu_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  guint n = g_list_model_get_n_items (cx_imported_layer_get_features (layer));
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u feature · %s", "%u features · %s", n), n,
                                               cx_imported_layer_get_file_name (layer));
  g_autofree char *switch_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (layer, "name", row, "title", G_BINDING_SYNC_CREATE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_object_bind_property (layer, "visible", sw, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  switch_label = g_strdup_printf (_("Show %s"), cx_imported_layer_get_name (layer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(items[i].label));

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data (G_OBJECT (button), "cx-action", (gpointer) items[i].action);
      g_signal_connect (button, "clicked", G_CALLBACK (on_imported_menu_clicked), menu_button);
      gtk_box_append (GTK_BOX (menu_box), button);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), menu_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Layer Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layer menu"), -1);
  g_object_set_data_full (G_OBJECT (menu_button), "cx-id", g_strdup (cx_imported_layer_get_id (layer)), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  return row;
}

static void
on_imported_changed (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     CxLayerPanel *self)
{
  gtk_widget_set_visible (self->imported_box, g_list_model_get_n_items (model) > 0);
}

/**
 * cx_layer_panel_set_imported:
 * @imported: CxImportedLayer items: the planner's own layers
 */
void
cx_layer_panel_set_imported (CxLayerPanel *self,
                             GListModel   *imported)
{
  g_return_if_fail (CX_IS_LAYER_PANEL (self));
  g_return_if_fail (G_IS_LIST_MODEL (imported));

  g_set_object (&self->imported, imported);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->imported_list), imported, create_imported_row, self, NULL);
  g_signal_connect_object (imported, "items-changed", G_CALLBACK (on_imported_changed), self, 0);
  on_imported_changed (imported, 0, 0, 0, self);
}

/**
 * cx_layer_panel_get_switch:
 *
 * Returns: (transfer none) (nullable): the switch of the layer at @index
 */
GtkWidget *
cx_layer_panel_get_switch (CxLayerPanel *self,
                           guint         index)
{
  g_return_val_if_fail (CX_IS_LAYER_PANEL (self), NULL);

  return index < self->switches->len ? g_ptr_array_index (self->switches, index) : NULL;
}

void
cx_layer_panel_set_current_scene (CxLayerPanel *self,
                                  int           index)
{
  g_return_if_fail (CX_IS_LAYER_PANEL (self));

  self->current_scene = index;
  update_scene_status (self);
}
