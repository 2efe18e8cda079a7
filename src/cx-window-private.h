/* cx-window-private.h: what the files of CxWindow share, and the hooks the
 * tests use
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CxWindow is one class over several files, as gnome-text-editor's
 * EditorWindow: cx-window.c (the view and its life: session, first frame,
 * panels, toasts), cx-window-actions.c (every win.* action that is not one
 * concern's, presenting, the small dialogs, the one shortcut table and
 * _cx_window_actions_update()), cx-window-scenes.c, cx-window-import.c
 * (GeoJSON layers) and cx-window-handout.c (export and printing).
 */

#pragma once

#include "cx-window.h"

#include "cx-caption.h"
#include "cx-handout.h"
#include "cx-import.h"
#include "cx-map-view.h"
#include "cx-scene-list.h"
#include "cx-selection.h"
#include "cx-session.h"
#include "cx-visibility.h"

G_BEGIN_DECLS

struct _CxWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *header_bar;
  AdwWindowTitle      *window_title;
  GtkToggleButton     *measure_button;
  GtkMenuButton       *menu_button;
  GMenuModel          *primary_menu;
  AdwOverlaySplitView *layers_split;
  AdwOverlaySplitView *details_split;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkWidget           *presentation_card;
  GtkWidget           *thematic_legend;
  GtkRevealer         *import_revealer;
  GtkRevealer         *offline_revealer;
  GtkLabel            *import_label;
  GtkProgressBar      *import_progress;
  GtkWidget           *import_cancel;

  /* Owned */
  CxSession       *session;
  CxSelection     *selection;   /* NULL when there is no pack */
  CxAnnotations   *annotations; /* the marks on the map; NULL when there is no pack */
  gboolean         annotations_resetting; /* a scene's marks are being put on the map */
  GPtrArray       *handout_marks; /* CxAnnotation: what the last handout view borrowed */
  GCancellable    *restore_cancellable; /* loading the layers kept from before; NULL when done */
  double           restore_fraction;
  guint            restore_card_id; /* shows the card for a load that takes a while */
  gboolean         restore_card;    /* the card shows the load */

  /* Borrowed, from the session */
  GSettings       *settings;
  CxVisibility    *visibility;  /* NULL when there is no pack */
  CxSceneList     *scenes;      /* NULL when there is no pack */
  GListStore      *imported;    /* CxImportedLayer */
  GFile           *layers_dir;

  /* Borrowed */
  CxMapView       *map_view;
  GtkWidget       *details;
  GtkWidget       *layer_panel;
  GtkWidget       *sidebar;
  GtkWindow       *shortcuts;   /* built when first shown */
  AdwDialog       *scenes_dialog; /* the choice about a scenes file that failed, while open */
  AdwToast        *scene_edge_toast; /* "Last scene", "First scene": made when first needed */

  /* What the current scene made of the view, to tell when the user moves
   * on from it (cx-window-scenes.c) */
  gboolean         scene_applying;
  gboolean         scene_arriving;  /* the map is still flying there */
  double           scene_view[3];   /* latitude, longitude, zoom it arrived at */
  char           **scene_layers;
  GObject         *scene_selected;
  CxStatistic     *scene_thematic;
  char            *scene_to_open; /* asked for (--scene) while the scenes were being read */

  gboolean         presenting;
  gboolean         panels_before_presenting[2];
  gboolean         panels_before_hiding[2];
  gboolean         panels_hidden;
  gboolean         tools_hidden;   /* F9 hid the tools bar with the panels while presenting */
  gboolean         presenting_details; /* F9 showed the details panel while presenting */
  gboolean         layers_gave_way; /* the docked layers panel was hidden for the floating details */

  gulong           after_paint_id;
  GdkFrameClock   *frame_clock;
  gint64           first_frame_us;  /* monotonic time of the first frame, 0 before it */
};

/**
 * CxToastFlags:
 * @CX_TOAST_NONE: a plain notice, not logged
 * @CX_TOAST_ERROR: logged as a warning, and shown at once
 * @CX_TOAST_URGENT: shown at once, before the toasts waiting
 * @CX_TOAST_LASTING: stays until dismissed (a notice about the user's files)
 * @CX_TOAST_LOG: logged as a message
 *
 * How _cx_window_toast() shows and logs. A text longer than a toast's line
 * always gets a Details button that shows all of it.
 */
typedef enum
{
  CX_TOAST_NONE    = 0,
  CX_TOAST_ERROR   = 1 << 0,
  CX_TOAST_URGENT  = 1 << 1,
  CX_TOAST_LASTING = 1 << 2,
  CX_TOAST_LOG     = 1 << 3,
} CxToastFlags;

/**
 * CxShortcutScope:
 * @CX_SHORTCUT_GLOBAL: an application accelerator: works wherever the focus is
 * @CX_SHORTCUT_CAPTURE: also caught by the window before any widget (rows
 *   and the map would otherwise swallow it)
 * @CX_SHORTCUT_TYPED: a binding of the window, in the bubble phase, so that
 *   a focused text field types it instead (or a search field, a popover or
 *   a dialog takes Esc); "1...9" means digits 1 to 9 (and the keypad's),
 *   with the digit less one as target
 * @CX_SHORTCUT_MAP: an action of the map view (map.*), bound on it in the
 *   bubble phase: it works while the map has the keyboard
 */
typedef enum
{
  CX_SHORTCUT_GLOBAL,
  CX_SHORTCUT_CAPTURE,
  CX_SHORTCUT_TYPED,
  CX_SHORTCUT_MAP,
} CxShortcutScope;

typedef struct
{
  const char      *action;
  const char      *accels;       /* space separated, as the shortcuts window writes them */
  CxShortcutScope  scope;
  gboolean         listed_by_action; /* the shortcuts window names the action; else it
                                      * shows the row's first key (one entry may show
                                      * the first keys of several rows) */
} CxShortcut;

const CxShortcut *cx_window_get_shortcuts (guint *n_shortcuts);

/* cx-window.c */
void        _cx_window_toast               (CxWindow     *self,
                                            CxToastFlags  flags,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (3, 4);
void        _cx_window_toast_open          (CxWindow     *self,
                                            GFile        *file,
                                            CxToastFlags  flags,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (4, 5);
void        _cx_window_ensure_panels       (CxWindow     *self);

/* cx-window-actions.c */
void        _cx_window_update_presentation (CxWindow     *self);
void        _cx_window_install_map_shortcuts (CxWindow   *self);
gboolean    _cx_window_file_dialog_failed  (CxWindow     *self,
                                            const GError *error);
typedef void (*CxWindowFileChosen)         (CxWindow     *self,
                                            GFile        *file);
GListModel *_cx_window_file_filters        (const char   *name,
                                            const char   *mime_type,
                                            const char * const *patterns);
void        _cx_window_choose_file         (CxWindow     *self,
                                            GtkFileDialog *dialog,
                                            gboolean      save,
                                            CxWindowFileChosen chosen);
AdwDialog  *_cx_window_dialog_new          (const char   *id);
void        _cx_window_present_choice      (CxWindow     *self,
                                            const char   *id,
                                            GCallback     on_response);
void        _cx_window_class_actions_init  (GtkWidgetClass *widget_class);
void        _cx_window_actions_init        (CxWindow     *self);
void        _cx_window_install_accels      (GtkApplication *app);
void        _cx_window_actions_update      (CxWindow     *self);
void        _cx_window_apply_basemap       (CxWindow     *self);

/* cx-window-scenes.c */
void        _cx_window_class_scenes_init   (GtkWidgetClass *widget_class);
void        _cx_window_load_scenes         (CxWindow     *self);
void        _cx_window_caption             (CxWindow     *self,
                                            CxCaption    *caption);
CxScene    *_cx_window_dup_current_scene   (CxWindow     *self);
void        _cx_window_save_scenes         (CxWindow     *self);

/* cx-window-annotations.c */
void        _cx_window_class_annotations_init (GtkWidgetClass *widget_class);
void        _cx_window_annotations_init    (CxWindow     *self);
void        _cx_window_annotations_show_scene (CxWindow  *self,
                                            CxScene      *scene);
void        cx_window_import_annotations   (CxWindow     *self,
                                            GFile        *file);
gboolean    cx_window_export_annotations   (CxWindow     *self,
                                            GFile        *file);

/* cx-window-import.c */
void        _cx_window_class_import_init   (GtkWidgetClass *widget_class);
void        _cx_window_import_init         (CxWindow     *self);
void        _cx_window_set_imported_color  (CxWindow        *self,
                                            CxImportedLayer *layer,
                                            const CxColor   *color);

/* cx-window-handout.c */
void        _cx_window_class_thematic_init (GtkWidgetClass *widget_class);
void        _cx_window_thematic_init       (CxWindow     *self);
void        _cx_window_thematic_panel_init (CxWindow     *self);
gboolean    _cx_window_show_thematic       (CxWindow     *self,
                                            const char   *id);
void        _cx_window_class_handout_init  (GtkWidgetClass *widget_class);
void        _cx_window_fill_handout_view   (CxWindow      *self,
                                            CxHandoutView *view,
                                            CxCaption     *caption);

/* Hooks for the tests: the window's inside, read from outside */
CxMapView   *cx_window_get_map_view      (CxWindow   *self);
CxAnnotations *cx_window_get_annotations (CxWindow   *self);
CxSelection *cx_window_get_selection     (CxWindow   *self);
GtkWidget   *cx_window_get_details_panel (CxWindow   *self);
CxVisibility *cx_window_get_visibility   (CxWindow   *self);
GListModel  *cx_window_get_scenes        (CxWindow   *self);
int          cx_window_get_current_scene (CxWindow   *self);
gboolean     cx_window_get_presenting    (CxWindow   *self);
GtkWidget   *cx_window_get_layer_panel   (CxWindow   *self);
gboolean     cx_window_get_panels_built  (CxWindow   *self);
GtkWidget   *cx_window_get_sidebar       (CxWindow   *self);
GListModel  *cx_window_get_imported      (CxWindow   *self);
gint64       cx_window_get_first_frame_time (CxWindow *self);
char        *cx_window_describe_state    (CxWindow   *self);
GtkWidget   *cx_window_get_presentation_card (CxWindow *self);
char        *cx_window_dup_handout_file_name (CxWindow        *self,
                                              CxHandoutFormat  format);
gboolean     cx_window_save_handout      (CxWindow        *self,
                                          GFile           *file,
                                          CxHandoutFormat  format,
                                          CxHandoutSize    size);

G_END_DECLS
