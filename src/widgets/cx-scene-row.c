/* cx-scene-row.c: one saved scene in the layer panel; activating it shows
 * the scene, its menu renames, moves or deletes it
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-scene-row"

#include "config.h"

#include "cx-row-menu.h"
#include "cx-scene-row.h"

struct _CxSceneRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget  *menu_button;
  GtkWidget  *current_mark;
  GMenuModel *menu;

  /* Owned */
  CxScene    *scene;
  int         index;
  gboolean    current;
};

G_DEFINE_FINAL_TYPE (CxSceneRow, cx_scene_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SCENE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A row shows two lines of a note at most; a title rarely wraps. Laying
 * out all of a 4,096-byte note in each of 1,000 rows (Pango shapes the
 * whole text to ellipsize it) kept the window from drawing for seconds. */
#define SHOWN_CHARS 160

static char *
shown_text (CxSceneRow *self,
            const char *text)
{
  const char *end = text;

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < SHOWN_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* The menu is made when the button opens it, aimed at the row's index
 * then. Made with each row, its popover's items registered with the
 * window's actions, whose list of observers each new one is checked
 * against: quadratic, most of a second for 1,000 scenes (GTK 4.18,
 * gtk_action_muxer_set_parent(), found with perf). */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  CxSceneRow *self = user_data;
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self));
  g_autoptr(GMenuModel) menu = NULL;

  if (index < 0 || (index == self->index && gtk_menu_button_get_menu_model (button) != NULL))
    return;

  self->index = index;
  menu = cx_row_menu_with_target (self->menu, g_variant_new_uint32 ((guint32) index));
  gtk_menu_button_set_menu_model (button, menu);
}

/* The window's scene actions take the scene's index. */
static void
on_activated (CxSceneRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.scene-apply", "u",
                              (guint32) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self)));
}

static void
cx_scene_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CxSceneRow *self = CX_SCENE_ROW (object);

  switch (prop_id)
    {
    case PROP_SCENE:
      self->scene = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_scene_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CxSceneRow *self = CX_SCENE_ROW (object);

  switch (prop_id)
    {
    case PROP_SCENE:
      g_value_set_object (value, self->scene);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_scene_row_dispose (GObject *object)
{
  CxSceneRow *self = CX_SCENE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_SCENE_ROW);
  g_clear_object (&self->scene);

  G_OBJECT_CLASS (cx_scene_row_parent_class)->dispose (object);
}

static void
cx_scene_row_class_init (CxSceneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cx_scene_row_set_property;
  object_class->get_property = cx_scene_row_get_property;
  object_class->dispose = cx_scene_row_dispose;

  properties[PROP_SCENE] = g_param_spec_object ("scene", NULL, NULL, CX_TYPE_SCENE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_SCENE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/widgets/cx-scene-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CxSceneRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CxSceneRow, current_mark);
  gtk_widget_class_bind_template_child (widget_class, CxSceneRow, menu);
  gtk_widget_class_bind_template_callback (widget_class, on_activated);
  gtk_widget_class_bind_template_callback (widget_class, shown_text);
}

static void
cx_scene_row_init (CxSceneRow *self)
{
  self->index = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), create_menu, self, NULL);
}

GtkWidget *
cx_scene_row_new (CxScene *scene)
{
  g_return_val_if_fail (CX_IS_SCENE (scene), NULL);

  return g_object_new (CX_TYPE_SCENE_ROW, "scene", scene, NULL);
}

/**
 * cx_scene_row_update_index:
 *
 * Aims the menu at the row's place in the list, after scenes were added,
 * moved or deleted before it (the list box keeps such rows as they are).
 */
void
cx_scene_row_update_index (CxSceneRow *self)
{
  int index;

  g_return_if_fail (CX_IS_SCENE_ROW (self));

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self));
  if (index == self->index || index < 0)
    return;

  /* A menu made for the old place is made again when next opened. */
  self->index = index;
  if (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (self->menu_button)) != NULL)
    {
      g_autoptr(GMenuModel) menu = cx_row_menu_with_target (self->menu, g_variant_new_uint32 ((guint32) index));

      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
    }
}

/**
 * cx_scene_row_set_current:
 * @current: whether the row's scene is the one shown last
 *
 * Marks the row: a mark before the title, the row's colour, and, for
 * screen readers, the row selected (GTK has no "current" state; the scene
 * list selects nothing else).
 */
void
cx_scene_row_set_current (CxSceneRow *self,
                          gboolean    current)
{
  g_return_if_fail (CX_IS_SCENE_ROW (self));

  current = !!current;
  if (self->current == current)
    return;

  self->current = current;
  if (current)
    {
      adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->current_mark);
      gtk_widget_add_css_class (GTK_WIDGET (self), "current-scene");
    }
  else
    {
      adw_action_row_remove (ADW_ACTION_ROW (self), self->current_mark);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "current-scene");
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, current, -1);
}

gboolean
cx_scene_row_get_current (CxSceneRow *self)
{
  g_return_val_if_fail (CX_IS_SCENE_ROW (self), FALSE);

  return self->current;
}
