/* bench-bare-window.c: the baseline of the start benchmark
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-bare-window
 *
 * The least an app like ours can do: an AdwApplication (non-unique, as
 * `changning-explorer --first-frame-time` is) whose window holds only a
 * ShumateSimpleMap over the district, at the app's default size. It is
 * instrumented exactly like the app (src/main.c, src/cx-application.c,
 * CxWindow::first-frame): the time is taken at the top of main(), and
 * "first-frame-ms N" is printed from the frame clock's first after-paint
 * once the window is mapped, then the app quits. It also prints the GSK
 * renderer the window got, which build-aux/bench reports. With
 * CX_BENCH_PANELS in the environment it stays after the first frame, as the
 * app does (src/cx-application.c), and says "panels-built-ms N" at the
 * first idle after it.
 */

#include "config.h"

#include <adwaita.h>
#include <shumate/shumate.h>
#include <stdio.h>

static gint64 process_start_us;

typedef struct
{
  GtkApplication *app;
  GtkWidget      *window;
  GdkFrameClock  *clock;
  gulong          after_paint_id;
} Bare;

/* CX_BENCH_PANELS: the app says "panels-built-ms" once its side panels are
 * painted (in its first frame); the bare window has none, and says it at
 * the first idle after its first frame. Both then stay until bench-start
 * has read their memory and ends them. */
static gboolean
panels_idle (gpointer data)
{
  printf ("panels-built-ms %.1f\n", (g_get_monotonic_time () - process_start_us) / 1000.0);
  fflush (stdout);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bare          *bare)
{
  double ms = (g_get_monotonic_time () - process_start_us) / 1000.0;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (bare->window));

  g_signal_handler_disconnect (clock, bare->after_paint_id);
  bare->after_paint_id = 0;

  printf ("first-frame-ms %.1f\n", ms);
  printf ("renderer %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  fflush (stdout);
  if (g_getenv ("CX_BENCH_PANELS") != NULL)
    g_idle_add (panels_idle, NULL);
  else
    g_application_quit (G_APPLICATION (bare->app));
}

static void
on_map (GtkWidget *window,
        Bare      *bare)
{
  bare->clock = gtk_widget_get_frame_clock (window);
  bare->after_paint_id = g_signal_connect (bare->clock, "after-paint", G_CALLBACK (on_after_paint), bare);
}

static void
on_activate (GtkApplication *app,
             Bare           *bare)
{
  ShumateSimpleMap *map = shumate_simple_map_new ();
  ShumateViewport *viewport = shumate_simple_map_get_viewport (map);

  /* Where and how large the app opens (cx-window.ui, cx-map-view.c). */
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 31.2135, 121.381);
  shumate_viewport_set_zoom_level (viewport, 12.24);

  bare->window = gtk_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (bare->window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (bare->window), GTK_WIDGET (map));
  g_signal_connect (bare->window, "map", G_CALLBACK (on_map), bare);
  gtk_window_present (GTK_WINDOW (bare->window));
}

int
main (int   argc,
      char *argv[])
{
  Bare bare = { 0, };
  int status;

  process_start_us = g_get_monotonic_time ();

  bare.app = GTK_APPLICATION (adw_application_new ("io.github.changning.Explorer.BenchBare",
                                                   G_APPLICATION_NON_UNIQUE));
  g_signal_connect (bare.app, "activate", G_CALLBACK (on_activate), &bare);
  status = g_application_run (G_APPLICATION (bare.app), argc, argv);
  g_object_unref (bare.app);

  return status;
}
