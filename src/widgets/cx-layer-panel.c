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

#include "cx-annotations.h"
#include "cx-import.h"
#include "cx-imported-row.h"
#include "cx-layer-actions.h"
#include "cx-layer-panel.h"
#include "cx-layer-row.h"
#include "cx-paced-model.h"
#include "cx-scene-row.h"
#include "cx-thematic-panel.h"

struct _CxLayerPanel
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *scroller;
  GtkWidget    *layer_list;
  GtkWidget    *thematic_panel;
  GtkWidget    *imported_box;
  GtkWidget    *imported_list;
  GtkWidget    *scene_status;
  GtkWidget    *scene_list;
  GtkWidget    *marks_box;
  GtkWidget    *marks_list;

  /* Owned */
  CxAnnotations *annotations; /* nullable */
  CxVisibility *visibility;
  GListModel   *scenes;       /* CxScene */
  CxPacedModel *shown_scenes; /* the first of them, as many as have rows */
  guint         reveal_id;    /* tick callback adding rows, while some lack one */
  GListModel   *imported;     /* CxImportedLayer, nullable */
  int           current_scene;
  gboolean      scenes_loading;
};

G_DEFINE_FINAL_TYPE (CxLayerPanel, cx_layer_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VISIBILITY,
  PROP_SCENES,
  PROP_IMPORTED,
  PROP_CURRENT_SCENE,
  PROP_SCENES_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static GtkWidget *
create_layer_row (gpointer item,
                  gpointer user_data)
{
  return cx_layer_row_new (item);
}

static GtkWidget *
create_scene_row (gpointer item,
                  gpointer user_data)
{
  return cx_scene_row_new (item);
}

static GtkWidget *
create_imported_row (gpointer item,
                     gpointer user_data)
{
  return cx_imported_row_new (item);
}

/* ------------------------------------------------------------------ */
/* Scenes                                                              */
/* ------------------------------------------------------------------ */

static void
update_scene_status (CxLayerPanel *self)
{
  guint n = self->scenes != NULL ? g_list_model_get_n_items (self->scenes) : 0;
  g_autofree char *text = NULL;

  if (self->scenes_loading)
    text = g_strdup (_("Reading your scenes…"));
  else if (n == 0)
    text = g_strdup (_("No scenes yet. Add the current view with Ctrl+D."));
  else if (self->current_scene < 0 || (guint) self->current_scene >= n)
    text = g_strdup_printf (ngettext ("%u scene · Page Down to start", "%u scenes · Page Down to start", n), n);
  else
    /* TRANSLATORS: which scene is showing, e.g. "Scene 2 of 5" */
    text = g_strdup_printf (_("Scene %1$d of %2$u"), self->current_scene + 1, n);

  gtk_label_set_text (GTK_LABEL (self->scene_status), text);
}

/* Runs after the list box has made its rows for the change. The row of
 * the current scene is marked. */
static void
update_scene_rows (CxLayerPanel *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->scene_list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (CX_IS_SCENE_ROW (row))
      {
        cx_scene_row_update_index (CX_SCENE_ROW (row));
        cx_scene_row_set_current (CX_SCENE_ROW (row),
                                  gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) == self->current_scene);
      }

  update_scene_status (self);
}

/* Rows are made a few dozen a frame (cx-paced-model.c): a thousand made
 * at once, and laid out in the next frame, kept the window from answering
 * for over a second. Keys and drawing go on in between. */
#define SCENE_ROWS_PER_FRAME 50

static gboolean
reveal_scene_rows (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  CxLayerPanel *self = CX_LAYER_PANEL (widget);
  gboolean more = cx_paced_model_show_more (self->shown_scenes);

  /* The rows just made: the current scene may be among them (Page Up
   * goes to the last scene before its row is there). */
  update_scene_rows (self);
  if (more)
    return G_SOURCE_CONTINUE;

  self->reveal_id = 0;
  return G_SOURCE_REMOVE;
}

static void
reveal_scene_rows_later (CxLayerPanel *self)
{
  if (self->reveal_id == 0 && self->shown_scenes != NULL &&
      cx_paced_model_get_n_held (self->shown_scenes) > g_list_model_get_n_items (G_LIST_MODEL (self->shown_scenes)))
    self->reveal_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_scene_rows, NULL, NULL);
}

/* Runs after the list box has made its rows for the change. */
static void
on_scenes_changed (GListModel   *model,
                   guint         position,
                   guint         removed,
                   guint         added,
                   CxLayerPanel *self)
{
  reveal_scene_rows_later (self);
  update_scene_rows (self);
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

/* ------------------------------------------------------------------ */
/* Models                                                              */
/* ------------------------------------------------------------------ */

static void
set_visibility (CxLayerPanel *self,
                CxVisibility *visibility)
{
  if (!g_set_object (&self->visibility, visibility))
    return;

  if (visibility == NULL)
    {
      gtk_list_box_bind_model (GTK_LIST_BOX (self->layer_list), NULL, NULL, NULL, NULL);
      gtk_widget_insert_action_group (GTK_WIDGET (self), "layers", NULL);
    }
  else
    {
      /* Every layer switch is in this panel, so the group lives here. */
      g_autoptr(GObject) actions = G_OBJECT (cx_layer_actions_new (visibility));

      gtk_widget_insert_action_group (GTK_WIDGET (self), "layers", G_ACTION_GROUP (actions));
      gtk_list_box_bind_model (GTK_LIST_BOX (self->layer_list),
                               cx_data_pack_get_layers (cx_visibility_get_pack (visibility)),
                               create_layer_row, self, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBILITY]);
}

static void
set_scenes (CxLayerPanel *self,
            GListModel   *scenes)
{
  if (self->scenes != NULL)
    g_signal_handlers_disconnect_by_func (self->scenes, on_scenes_changed, self);
  if (!g_set_object (&self->scenes, scenes))
    return;

  if (self->reveal_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_id);
  self->reveal_id = 0;
  g_clear_object (&self->shown_scenes);
  if (scenes != NULL)
    self->shown_scenes = cx_paced_model_new (scenes, SCENE_ROWS_PER_FRAME);

  gtk_list_box_bind_model (GTK_LIST_BOX (self->scene_list), G_LIST_MODEL (self->shown_scenes),
                           scenes != NULL ? create_scene_row : NULL, self, NULL);
  if (scenes != NULL)
    {
      g_signal_connect_object (scenes, "items-changed", G_CALLBACK (on_scenes_changed), self, 0);
      on_scenes_changed (scenes, 0, 0, 0, self);
    }
  else
    update_scene_status (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENES]);
}

static void
set_imported (CxLayerPanel *self,
              GListModel   *imported)
{
  if (self->imported != NULL)
    g_signal_handlers_disconnect_by_func (self->imported, on_imported_changed, self);
  if (!g_set_object (&self->imported, imported))
    return;

  gtk_list_box_bind_model (GTK_LIST_BOX (self->imported_list), imported, imported != NULL ? create_imported_row : NULL, self, NULL);
  if (imported != NULL)
    {
      g_signal_connect_object (imported, "items-changed", G_CALLBACK (on_imported_changed), self, 0);
      on_imported_changed (imported, 0, 0, 0, self);
    }
  else
    gtk_widget_set_visible (self->imported_box, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cx_layer_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CxLayerPanel *self = CX_LAYER_PANEL (object);

  switch (prop_id)
    {
    case PROP_VISIBILITY:
      set_visibility (self, g_value_get_object (value));
      break;
    case PROP_SCENES:
      set_scenes (self, g_value_get_object (value));
      break;
    case PROP_IMPORTED:
      set_imported (self, g_value_get_object (value));
      break;
    case PROP_CURRENT_SCENE:
      cx_layer_panel_set_current_scene (self, g_value_get_int (value));
      break;
    case PROP_SCENES_LOADING:
      if (self->scenes_loading != g_value_get_boolean (value))
        {
          self->scenes_loading = g_value_get_boolean (value);
          update_scene_status (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_layer_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CxLayerPanel *self = CX_LAYER_PANEL (object);

  switch (prop_id)
    {
    case PROP_VISIBILITY:
      g_value_set_object (value, self->visibility);
      break;
    case PROP_SCENES:
      g_value_set_object (value, self->scenes);
      break;
    case PROP_IMPORTED:
      g_value_set_object (value, self->imported);
      break;
    case PROP_CURRENT_SCENE:
      g_value_set_int (value, self->current_scene);
      break;
    case PROP_SCENES_LOADING:
      g_value_set_boolean (value, self->scenes_loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_layer_panel_dispose (GObject *object)
{
  CxLayerPanel *self = CX_LAYER_PANEL (object);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_clear_object (&self->annotations);

  if (self->scenes != NULL)
    g_signal_handlers_disconnect_by_func (self->scenes, on_scenes_changed, self);
  if (self->imported != NULL)
    g_signal_handlers_disconnect_by_func (self->imported, on_imported_changed, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_LAYER_PANEL);
  g_clear_object (&self->visibility);
  g_clear_object (&self->shown_scenes);
  g_clear_object (&self->scenes);
  g_clear_object (&self->imported);

  G_OBJECT_CLASS (cx_layer_panel_parent_class)->dispose (object);
}

static void
cx_layer_panel_class_init (CxLayerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_layer_panel_set_property;
  object_class->get_property = cx_layer_panel_get_property;
  object_class->dispose = cx_layer_panel_dispose;

  /**
   * CxLayerPanel:visibility:
   *
   * The pack's layers and which of them show. Its switches act on it
   * through the `layers` action group the panel makes from it.
   */
  properties[PROP_VISIBILITY] = g_param_spec_object ("visibility", NULL, NULL, CX_TYPE_VISIBILITY,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /** CxLayerPanel:scenes: the saved scenes (CxScene) */
  properties[PROP_SCENES] = g_param_spec_object ("scenes", NULL, NULL, G_TYPE_LIST_MODEL,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /** CxLayerPanel:imported: the planner's own layers (CxImportedLayer) */
  properties[PROP_IMPORTED] = g_param_spec_object ("imported", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /** CxLayerPanel:current-scene: the scene showing, or -1 */
  properties[PROP_CURRENT_SCENE] = g_param_spec_int ("current-scene", NULL, NULL, -1, G_MAXINT, -1,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /** CxLayerPanel:scenes-loading: the scenes are still being read; the list fills after */
  properties[PROP_SCENES_LOADING] = g_param_spec_boolean ("scenes-loading", NULL, NULL, FALSE,
                                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_THEMATIC_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-layer-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, layer_list);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, thematic_panel);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, imported_box);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, imported_list);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, scene_status);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, scene_list);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, marks_box);
  gtk_widget_class_bind_template_child (widget_class, CxLayerPanel, marks_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cx-layer-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_layer_panel_init (CxLayerPanel *self)
{
  self->current_scene = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  update_scene_status (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

GtkWidget *
cx_layer_panel_new (CxVisibility *visibility,
                    GListModel   *scenes)
{
  g_return_val_if_fail (CX_IS_VISIBILITY (visibility), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (scenes), NULL);

  return g_object_new (CX_TYPE_LAYER_PANEL,
                       "visibility", visibility,
                       "scenes", scenes,
                       NULL);
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

  set_imported (self, imported);
}

/* A mark's row: its number on the map and its note (or what it is), and
 * activating it selects the mark there. */
static GtkWidget *
create_mark_row (gpointer item,
                 gpointer user_data)
{
  CxLayerPanel *self = user_data;
  CxAnnotation *annotation = item;
  const char *note = cx_annotation_get_note (annotation);
  const char *kinds[] = {
    [CX_ANNOTATION_PIN] = N_("Pin"), [CX_ANNOTATION_LINE] = N_("Line"),
    [CX_ANNOTATION_POLYGON] = N_("Area"), [CX_ANNOTATION_STROKE] = N_("Pen stroke"),
  };
  guint position = 0;
  g_autofree char *first_line = NULL;
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();

  cx_annotations_find (self->annotations, cx_annotation_get_id (annotation), &position);
  first_line = note[0] != '\0' ? g_strndup (note, strcspn (note, "\n")) : g_strdup (_(kinds[cx_annotation_get_kind (annotation)]));
  /* TRANSLATORS: a mark in the side panel's list: "3. Proposed park" */
  title = g_strdup_printf (_("%u. %s"), position + 1, first_line);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.annotation-select");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", cx_annotation_get_id (annotation));
  return row;
}

/* Every row again: a mark's number is its place in the list, which a
 * change before it moves. A meeting has a few dozen marks. */
static void
on_marks_changed (CxLayerPanel *self)
{
  guint n = self->annotations != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) : 0;

  gtk_list_box_bind_model (GTK_LIST_BOX (self->marks_list), NULL, NULL, NULL, NULL);
  if (self->annotations != NULL)
    gtk_list_box_bind_model (GTK_LIST_BOX (self->marks_list), G_LIST_MODEL (self->annotations),
                             create_mark_row, self, NULL);
  gtk_widget_set_visible (self->marks_box, n > 0);
}

/**
 * cx_layer_panel_set_annotations:
 * @annotations: (nullable): the marks on the map, listed by number
 */
void
cx_layer_panel_set_annotations (CxLayerPanel  *self,
                                CxAnnotations *annotations)
{
  g_return_if_fail (CX_IS_LAYER_PANEL (self));

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_func (self->annotations, on_marks_changed, self);
  g_set_object (&self->annotations, annotations);
  if (annotations != NULL)
    g_signal_connect_swapped (annotations, "items-changed", G_CALLBACK (on_marks_changed), self);
  on_marks_changed (self);
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
  GtkListBoxRow *row;

  g_return_val_if_fail (CX_IS_LAYER_PANEL (self), NULL);

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->layer_list), (int) index);
  return row != NULL ? cx_layer_row_get_switch (CX_LAYER_ROW (row)) : NULL;
}

void
cx_layer_panel_set_current_scene (CxLayerPanel *self,
                                  int           index)
{
  g_return_if_fail (CX_IS_LAYER_PANEL (self));

  index = MAX (index, -1);
  if (self->current_scene == index)
    return;

  self->current_scene = index;
  update_scene_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENE]);
}

/**
 * cx_layer_panel_get_thematic_panel:
 *
 * Returns: (transfer none): the panel's statistics on the map
 */
CxThematicPanel *
cx_layer_panel_get_thematic_panel (CxLayerPanel *self)
{
  g_return_val_if_fail (CX_IS_LAYER_PANEL (self), NULL);

  return CX_THEMATIC_PANEL (self->thematic_panel);
}
