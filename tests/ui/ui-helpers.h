/* ui-helpers.h: what the ui tests share
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cx-application-private.h"
#include "cx-window-private.h"

G_BEGIN_DECLS

void           ui_init             (int          *argc,
                                    char       ***argv);
const char    *ui_private_data_home (const char  *tmpl);
int            ui_run              (void);
CxApplication *ui_app              (void);
CxWindow      *ui_window           (void);
void           ui_resize_window    (int           width,
                                    int           height);
gboolean       ui_use_language     (const char   *language);
int            ui_skip_language    (int          *argc,
                                    char       ***argv,
                                    const char   *language,
                                    const char   *first_path,
                                    ...) G_GNUC_NULL_TERMINATED;
void           ui_wait_scenes_read (CxWindow     *window);
double         ui_first_frame_ms   (void);
void           ui_observe          (guint         ms);
void           ui_wait_drawn       (GtkWidget    *widget);
void           ui_settle           (GtkWidget    *widget);
gboolean       ui_wait_for         (gboolean    (*done) (gpointer),
                                    gpointer      data,
                                    guint         timeout_ms);
void           ui_click            (GtkWidget    *widget,
                                    double        x,
                                    double        y,
                                    guint         n_clicks);
void           ui_key              (const char   *keys);
void           ui_move_pointer     (GtkWidget    *widget,
                                    double        x,
                                    double        y);
GdkTexture    *ui_render_widget    (GtkWidget    *widget);
char          *ui_collect_text     (GtkWidget    *widget);
gboolean       ui_label_han_is_simplified (GtkLabel *label);
gboolean       ui_text_contains    (GtkWidget    *widget,
                                    const char   *needle);
gboolean       ui_wait_text        (GtkWidget    *widget,
                                    const char   *needle);
gboolean       ui_wait_mapped      (GtkWidget    *widget);
GtkWindow     *ui_find_toplevel    (const char   *title);
GtkWidget     *ui_find_button      (GtkWidget    *widget,
                                    const char   *label);
GtkWidget     *ui_find_row         (GtkWidget    *widget,
                                    const char   *title);
gboolean       ui_is_interactive   (GtkWidget    *widget);
gboolean       ui_has_accessible_name (GtkWidget *widget);
GBytes        *ui_run_tool         (const char * const *argv);

void           ui_search           (GtkWidget    *entry,
                                    const char   *text,
                                    gboolean      typed);

gboolean       ui_rects_overlap    (const graphene_rect_t *a,
                                    const graphene_rect_t *b);

/* Whether the main thread keeps drawing (ui_watch_start()). */
typedef struct
{
  gint64 worst_busy;      /* the most of the main thread's CPU between two runs of a 10 ms timer, µs */
  gint64 worst_lateness;  /* how late that timer ran at most, µs */
  gint64 worst_gap;       /* the longest wall time between two frames, µs */
  guint  timer_runs;
  guint  frames;

  /* Private */
  GtkWidget *widget;
  guint      tick_id, timer_id;
  gint64     last_tick, last_timer, last_timer_cpu;
  guint      wait_runs;
} UiWatch;

void           ui_watch_start      (UiWatch      *watch,
                                    GtkWidget    *widget);
void           ui_watch_reset      (UiWatch      *watch);
void           ui_watch_wait_timer (UiWatch      *watch);
void           ui_watch_stop       (UiWatch      *watch);

G_END_DECLS
