/* ui-helpers.c: a real application and window under a display, and real
 * input sent with xdotool through the X server
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cx-test-files.h"
#include "cx-overlay-private.h"
#include "cx-test-wait.h"
#include "ui-helpers.h"

static CxApplication *app;
static CxWindow *window;
static GTestDBus *bus;
static double first_frame_ms = -1;
static gint64 start_us;
static char *data_home;

void
ui_init (int    *argc,
         char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;

  g_test_init (argc, argv, NULL);

  /* A private session bus, so that GtkApplication never touches the user's
   * (or complains that CI has none). g_test_dbus_up() unsets DISPLAY to keep
   * dbus from autolaunching X; put it back. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  app = cx_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/**
 * ui_private_data_home:
 * @tmpl: a name for g_dir_make_tmp()
 *
 * Gives the test (and the apps it starts) an XDG_DATA_HOME of its own, so
 * that scenes and layers never touch the user's; ui_run() removes it.
 * Call first in main(), before anything reads it.
 */
const char *
ui_private_data_home (const char *tmpl)
{
  g_assert_null (data_home);
  data_home = cx_test_private_data_home (tmpl);
  return data_home;
}

int
ui_run (void)
{
  int status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  /* GTK keeps the bus connection until exit, so g_test_dbus_down() (also run
   * by unref) would wait for it in vain: stop the daemon and let exit free
   * the rest. */
  g_test_dbus_stop (bus);

  if (data_home != NULL)
    cx_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);

  return status;
}

CxApplication *
ui_app (void)
{
  return app;
}

static void
on_first_frame (CxWindow *w,
                gpointer  user_data)
{
  first_frame_ms = (g_get_monotonic_time () - start_us) / 1000.0;
}

static gboolean
first_frame_seen (gpointer data)
{
  return first_frame_ms >= 0;
}

static gboolean
scenes_read (gpointer data)
{
  GListModel *scenes = cx_window_get_scenes (data);

  return scenes == NULL || !cx_scene_list_get_loading (CX_SCENE_LIST (scenes));
}

/**
 * ui_wait_scenes_read:
 *
 * A window reads its scenes in a thread, after it is made: waits until
 * they are in its list (and said, if something was wrong with the file).
 */
void
ui_wait_scenes_read (CxWindow *w)
{
  g_assert_true (ui_wait_for (scenes_read, w, 20000));
}

CxWindow *
ui_window (void)
{
  if (window != NULL)
    return window;

  start_us = g_get_monotonic_time ();
  window = cx_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_signal_connect (window, "first-frame", G_CALLBACK (on_first_frame), NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (ui_wait_for (first_frame_seen, NULL, 20000));
  ui_wait_scenes_read (window);
  /* The overlay's tiles arrive from its worker. */
  ui_settle (GTK_WIDGET (window));

  return window;
}

/* The window's default size counts its frame (10 px under Xvfb), its
 * width not: this much either way is the size asked for. */
#define RESIZE_SLACK 12

typedef struct
{
  int width, height;
} Size;

static gboolean
window_settled (gpointer data)
{
  const Size *size = data;
  int width = gtk_widget_get_width (GTK_WIDGET (window));

  /* The breakpoints (cx-window.ui): details float from 1020 px down, both
   * panels from 700 px. */
  return abs (width - size->width) <= RESIZE_SLACK &&
         abs (gtk_widget_get_height (GTK_WIDGET (window)) - size->height) <= RESIZE_SLACK &&
         adw_overlay_split_view_get_collapsed (window->details_split) == (width <= 1020) &&
         adw_overlay_split_view_get_collapsed (window->layers_split) == (width <= 700);
}

/**
 * ui_resize_window:
 *
 * Gives the window @width × @height and waits until it has that size and
 * its panels have followed the breakpoints; fails the test when it does
 * not within 10 s.
 */
void
ui_resize_window (int width,
                  int height)
{
  Size size = { width, height };

  ui_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (!ui_wait_for (window_settled, &size, 10000))
    g_error ("asked for %d×%d, the window is %d×%d", width, height,
             gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  ui_settle (GTK_WIDGET (window));
}

/**
 * ui_use_language:
 * @language: a locale's name without its codeset, e.g. "zh_CN"
 *
 * Puts the test in @language, as a desktop in it would start the app, with
 * the translations this build made. LANGUAGE alone is not enough: glibc
 * 2.41 ignores it under C.UTF-8. gtk_init() sets the locale again from
 * these. Call first in main(), before ui_init().
 *
 * Returns: FALSE when the locale is not generated here (then skip, with
 *   ui_skip_language())
 */
gboolean
ui_use_language (const char *language)
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *locale = g_strdup_printf ("%s.UTF-8", language);

  g_unsetenv ("LANG");
  g_setenv ("LC_ALL", locale, TRUE);
  g_setenv ("LANGUAGE", language, TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    return FALSE;

  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

/**
 * ui_skip_language:
 * @first_path: the first of the test paths to skip, then more, then %NULL
 *
 * Runs the test with only these paths, each skipped, saying that
 * @language's locale is not generated here.
 *
 * Returns: what g_test_run() returns
 */
int
ui_skip_language (int         *argc,
                  char      ***argv,
                  const char  *language,
                  const char  *first_path,
                  ...)
{
  g_autofree char *reason = g_strdup_printf ("the %s.UTF-8 locale is not generated here (locale-gen %s.UTF-8; "
                                             "build-aux/dev's environment has it)", language, language);
  va_list args;

  g_test_init (argc, argv, NULL);
  va_start (args, first_path);
  for (const char *path = first_path; path != NULL; path = va_arg (args, const char *))
    g_test_add_data_func_full (path, g_strdup (reason), (GTestDataFunc) g_test_skip, g_free);
  va_end (args);

  return g_test_run ();
}

double
ui_first_frame_ms (void)
{
  return first_frame_ms;
}

/* Events the display delivered to any of our surfaces, counted by an
 * emission hook, not a handler: the window's own handler of
 * GdkSurface::event stops the emission before later handlers run. */
static struct
{
  gulong hook;
  guint  key_presses;
  guint  button_releases;
  guint  motions;
  double motion_x, motion_y;   /* the last one, in its surface's coordinates */
} seen;

static gboolean
count_events (GSignalInvocationHint *hint,
              guint                  n_values,
              const GValue          *values,
              gpointer               data)
{
  GdkEvent *event = n_values > 1 ? g_value_peek_pointer (&values[1]) : NULL;

  if (event == NULL)
    return TRUE;

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
      seen.key_presses++;
      break;
    case GDK_BUTTON_RELEASE:
      seen.button_releases++;
      break;
    case GDK_MOTION_NOTIFY:
    case GDK_ENTER_NOTIFY:
      seen.motions++;
      gdk_event_get_position (event, &seen.motion_x, &seen.motion_y);
      break;
    default:
      break;
    }

  return TRUE;
}

static void
watch_events (void)
{
  if (seen.hook == 0)
    seen.hook = g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0,
                                            count_events, NULL, NULL);
}

static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* The second tick comes with the frame after the one that the first
 * began, so that one has been laid out and painted. */
static gboolean
frame_done (gpointer data)
{
  return *(guint *) data >= 2;
}

/**
 * ui_wait_drawn:
 *
 * Asks @widget's window for a frame and waits until it has been laid out
 * and painted: whatever changed before is then allocated and drawn.
 */
void
ui_wait_drawn (GtkWidget *widget)
{
  g_autoptr(GtkWidget) native = NULL;
  guint ticks = 0;
  guint id;

  if (widget == NULL || gtk_widget_get_native (widget) == NULL)
    return;
  native = g_object_ref (GTK_WIDGET (gtk_widget_get_native (widget)));
  if (!gtk_widget_get_mapped (native))
    return;

  id = gtk_widget_add_tick_callback (native, count_tick, &ticks, NULL);
  gtk_widget_queue_draw (native);
  g_assert_true (ui_wait_for (frame_done, &ticks, 10000));
  gtk_widget_remove_tick_callback (native, id);
}

static gboolean
overlay_idle (gpointer data)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (cx_window_get_map_view (data));

  return cx_overlay_layer_get_n_pending_tiles (overlay) == 0 &&
         !cx_overlay_layer_get_settle_pending (overlay);
}

typedef struct
{
  double zoom, latitude, longitude;
  int    width, height;
} ViewState;

static ViewState
view_state (void)
{
  CxMapView *view = cx_window_get_map_view (window);
  ShumateViewport *viewport = cx_map_view_get_viewport (view);

  return (ViewState) {
    shumate_viewport_get_zoom_level (viewport),
    shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
    shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
    gtk_widget_get_width (GTK_WIDGET (view)),
    gtk_widget_get_height (GTK_WIDGET (view)),
  };
}

/**
 * ui_settle:
 *
 * Waits until what is ready has run, the test window's map has stopped
 * moving (the same view and size over a drawn frame) with no overlay tile
 * pending, and @widget's window has drawn a frame since.
 */
void
ui_settle (GtkWidget *widget)
{
  cx_test_drain ();
  if (window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      ViewState before, after;

      do
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          before = view_state ();
          g_assert_true (ui_wait_for (overlay_idle, window, 20000));
          ui_wait_drawn (GTK_WIDGET (window));
          cx_test_drain ();
          after = view_state ();
        }
      while (memcmp (&before, &after, sizeof before) != 0);
    }
  ui_wait_drawn (widget);
  cx_test_drain ();
}
static gboolean
on_timeout (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * ui_observe:
 *
 * Runs the main loop for @ms, for the checks that something does NOT
 * happen: a negative can only be watched for a while. Never to wait for
 * something to happen; that is ui_wait_for().
 */
void
ui_observe (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
/* Spins the main loop until done() says so; FALSE on time-out. */
gboolean
ui_wait_for (gboolean (*done) (gpointer),
             gpointer   data,
             guint      timeout_ms)
{
  return cx_test_wait_until (done, data, timeout_ms);
}

static void
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* xdotool names windows by their X window ID. gdk_x11_surface_get_xid()
 * is deprecated with the whole X11 backend in GTK 4.18 and has no
 * replacement; the tests run under Xvfb, so they still need it. */
static gulong
surface_xid (GdkSurface *surface)
{
  gulong xid;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  xid = (gulong) gdk_x11_surface_get_xid (surface);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return xid;
}

typedef struct
{
  guint   motions;
  double  x, y;
} MoveWait;

static gboolean
pointer_arrived (gpointer data)
{
  MoveWait *wait = data;

  return seen.motions > wait->motions &&
         fabs (seen.motion_x - wait->x) < 1.5 && fabs (seen.motion_y - wait->y) < 1.5;
}

static gboolean
pointer_is_at (GdkSurface *surface,
               double      x,
               double      y)
{
  GdkSeat *seat = gdk_display_get_default_seat (gdk_surface_get_display (surface));
  double px, py;

  return gdk_surface_get_device_position (surface, gdk_seat_get_pointer (seat), &px, &py, NULL) &&
         fabs (px - x) < 1.5 && fabs (py - y) < 1.5;
}

static void
move_pointer_once (const char *xid,
                   int         x,
                   int         y)
{
  g_autofree char *sx = g_strdup_printf ("%d", x);
  g_autofree char *sy = g_strdup_printf ("%d", y);
  const char *move[] = { "xdotool", "mousemove", "--window", xid, sx, sy, NULL };
  MoveWait wait = { seen.motions, x, y };

  run_xdotool (move);
  g_assert_true (ui_wait_for (pointer_arrived, &wait, 10000));
}

/* Moves the real pointer to (@x, @y) of @surface and waits until GTK has
 * seen it arrive. A pointer already there is moved a pixel aside and
 * back: GTK picks the widget under the pointer when it moves, and one
 * picked before the window changed under a still pointer (a floating
 * panel gone from where the last click was) would take the click; a hand
 * on a mouse is never that still. */
static void
move_pointer (GdkSurface *surface,
              const char *xid,
              double      x,
              double      y)
{
  watch_events ();
  if (pointer_is_at (surface, (int) x, (int) y))
    move_pointer_once (xid, (int) x > 0 ? (int) x - 1 : (int) x + 1, (int) y);
  move_pointer_once (xid, (int) x, (int) y);
}

/**
 * ui_label_han_is_simplified:
 *
 * Whether @label's text, where it is Han, is in Simplified Chinese: the
 * language of its layout's attributes (from gtk_label_set_attributes() or
 * markup) at its first Han character. A label without Han text is.
 */
gboolean
ui_label_han_is_simplified (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);
  PangoAttrList *attrs = pango_layout_get_attributes (gtk_label_get_layout (label));
  g_autoptr(PangoAttrIterator) iter = NULL;
  const char *han = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      {
        han = p;
        break;
      }
  if (han == NULL)
    return TRUE;
  if (attrs == NULL)
    return FALSE;

  iter = pango_attr_list_get_iterator (attrs);
  do
    {
      int start, end;
      PangoAttrLanguage *language;

      pango_attr_iterator_range (iter, &start, &end);
      language = (PangoAttrLanguage *) pango_attr_iterator_get (iter, PANGO_ATTR_LANGUAGE);
      if (start <= han - text && han - text < end)
        return language != NULL && language->value == pango_language_from_string ("zh-cn");
    }
  while (pango_attr_iterator_next (iter));

  return FALSE;
}

/**
 * ui_move_pointer:
 * @x, @y: a point in @widget's coordinates
 *
 * Moves the real pointer there, through the X server, and waits until GTK
 * has seen it arrive.
 */
void
ui_move_pointer (GtkWidget *widget,
                 double     x,
                 double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xid = NULL;
  graphene_point_t p;
  double dx, dy;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &dx, &dy);
  xid = g_strdup_printf ("%lu", surface_xid (surface));
  move_pointer (surface, xid, p.x + dx, p.y + dy);
  ui_settle (widget);
}

typedef struct
{
  guint      releases;
  GPtrArray *gestures;   /* the GtkGestureClicks that may take the click */
  guint      pressed;    /* how many of them began a sequence */
  guint      stopped;    /* and ended it */
} ClickWait;

static void
gesture_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    ClickWait       *wait)
{
  /* A sequence begins with its first press. */
  if (n_press == 1)
    wait->pressed++;
}

static void
gesture_stopped_cb (GtkGestureClick *gesture,
                    ClickWait       *wait)
{
  wait->stopped++;
}

/* Every release delivered, and every click gesture that took a press has
 * ended its sequence: a click that follows is a new one, not the third of
 * a triple click. */
static gboolean
click_over (gpointer data)
{
  ClickWait *wait = data;

  return seen.button_releases >= wait->releases && wait->stopped >= wait->pressed;
}

static void
watch_click_gestures (GtkWidget *widget,
                      ClickWait *wait)
{
  wait->gestures = g_ptr_array_new_with_free_func (g_object_unref);
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_CLICK (controller))
            {
              g_signal_connect (controller, "pressed", G_CALLBACK (gesture_pressed_cb), wait);
              g_signal_connect (controller, "stopped", G_CALLBACK (gesture_stopped_cb), wait);
              g_ptr_array_add (wait->gestures, g_object_ref (controller));
            }
        }
    }
}

static void
unwatch_click_gestures (ClickWait *wait)
{
  for (guint i = 0; i < wait->gestures->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (wait->gestures, i), wait);
  g_clear_pointer (&wait->gestures, g_ptr_array_unref);
}

/**
 * ui_click:
 * @x, @y: a point in @widget's coordinates
 *
 * Moves the real pointer there and clicks @n_clicks times, through the X
 * server, so that the click goes through GTK's event delivery and gestures.
 */
void
ui_click (GtkWidget *widget,
          double     x,
          double     y,
          guint      n_clicks)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xid = NULL;
  g_autofree char *repeat = NULL;
  graphene_point_t p;
  double dx, dy;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  /* The surface is larger than the window by its client-side shadow. */
  gtk_native_get_surface_transform (native, &dx, &dy);

  xid = g_strdup_printf ("%lu", surface_xid (surface));
  repeat = g_strdup_printf ("%u", n_clicks);

  /* Move, let GTK see the pointer arrive, then click. (--sync would wait
   * forever when the pointer is already there.) */
  move_pointer (surface, xid, p.x + dx, p.y + dy);

  {
    const char *click[] = { "xdotool", "click", "--repeat", repeat, "--delay", "60", "1", NULL };
    ClickWait wait = { seen.button_releases + n_clicks, NULL, 0, 0 };
    /* The click may destroy @widget (a dialog's button): hold its window. */
    g_autoptr(GtkWidget) held = g_object_ref (GTK_WIDGET (native));

    watch_click_gestures (widget, &wait);
    run_xdotool (click);
    /* Every release delivered and the click over, then handled and drawn. */
    g_assert_true (ui_wait_for (click_over, &wait, 10000));
    unwatch_click_gestures (&wait);
    ui_settle (held);
  }
}

typedef struct
{
  guint presses;
} KeyWait;

static gboolean
presses_seen (gpointer data)
{
  return seen.key_presses >= ((KeyWait *) data)->presses;
}

/* Sends keys (xdotool syntax, e.g. "alt+Left", several separated by
 * spaces) to the test's window, once, and waits until every press has been
 * delivered, handled and drawn. With no window manager the X server gives
 * the keyboard to the window under the pointer, so the pointer is put over
 * the middle of the window first, and GTK has seen it there before the keys
 * go. */
void
ui_key (const char *keys)
{
  const char *argv[] = { "xdotool", "key", "--clearmodifiers", keys, NULL };
  g_auto(GStrv) tokens = g_strsplit (keys, " ", -1);
  guint before, expected = 0;
  KeyWait wait = { 0 };

  watch_events ();
  if (window != NULL)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
      g_autofree char *xid = g_strdup_printf ("%lu", surface_xid (surface));
      double dx, dy;

      /* Inside the window, not in its client-side shadow, which takes no
       * input: the X server would give the keys to the root window. */
      gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
      move_pointer (surface, xid,
                    (int) (gtk_widget_get_width (GTK_WIDGET (window)) / 2 + dx),
                    (int) (gtk_widget_get_height (GTK_WIDGET (window)) / 2 + dy));
    }

  /* "ctrl+shift+s" is three presses. */
  for (guint i = 0; tokens[i] != NULL; i++)
    if (tokens[i][0] != '\0')
      {
        g_auto(GStrv) parts = g_strsplit (tokens[i], "+", -1);

        expected += g_strv_length (parts);
      }
  before = seen.key_presses;
  wait.presses = before + expected;
  run_xdotool (argv);

  /* Never sent again: keys that have not arrived yet are on their way
   * while the window is busy (a second Alt+Left, sent because the first
   * was not seen within 2 s under ASan, went back twice). */
  if (!ui_wait_for (presses_seen, &wait, 10000))
    g_error ("Keys \"%s\": %u of their %u presses reached the window in 10 s",
             keys, seen.key_presses - before, expected);

  ui_settle (window != NULL ? GTK_WIDGET (window) : NULL);
}

/* gtk_widget_snapshot() is private in GTK 4.8; a parent may snapshot its
 * child, which draws exactly what the window shows. */
GdkTexture *
ui_render_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, parent, &bounds));
  gtk_widget_snapshot_child (parent, widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &bounds);
}

static void
collect (GtkWidget *widget,
         GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

/* Every visible label's text under @widget, one per line, as displayed. */
char *
ui_collect_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect (widget, out);
  return g_string_free (out, FALSE);
}

gboolean
ui_text_contains (GtkWidget  *widget,
                  const char *needle)
{
  g_autofree char *text = ui_collect_text (widget);

  return strstr (text, needle) != NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *needle;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;

  return ui_text_contains (wait->widget, wait->needle);
}

/* Waits until a visible label under @widget shows @needle; FALSE when it
 * does not within 10 s. */
gboolean
ui_wait_text (GtkWidget  *widget,
              const char *needle)
{
  TextWait wait = { widget, needle };

  return ui_wait_for (text_shown, &wait, 10000);
}

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Waits until @widget is mapped; FALSE when it is not within 10 s. */
gboolean
ui_wait_mapped (GtkWidget *widget)
{
  return ui_wait_for (mapped, widget, 10000);
}

/* A visible toplevel titled @title: a dialog GTK opened over the window
 * (a file dialog, the portal's or GTK's own; the colour chooser). */
GtkWindow *
ui_find_toplevel (const char *title)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          g_strcmp0 (gtk_window_get_title (toplevel), title) == 0)
        return toplevel;
    }

  return NULL;
}

/* The button showing @label, its mnemonic underscore aside, under @widget. */
GtkWidget *
ui_find_button (GtkWidget  *widget,
                const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *plain = g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));
      char *underscore = strchr (plain, '_');

      if (underscore != NULL)
        memmove (underscore, underscore + 1, strlen (underscore));
      if (g_str_equal (plain, label))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A row's title as it reads: without its markup, if it uses markup. */
static char *
row_title_text (AdwPreferencesRow *row)
{
  const char *title = adw_preferences_row_get_title (row);
  char *text = NULL;

  if (title == NULL || !adw_preferences_row_get_use_markup (row) ||
      !pango_parse_markup (title, -1, 0, NULL, &text, NULL, NULL))
    return g_strdup (title);
  return text;
}

/* The first AdwPreferencesRow under @widget whose title reads @title. */
GtkWidget *
ui_find_row (GtkWidget  *widget,
             const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      g_autofree char *text = row_title_text (ADW_PREFERENCES_ROW (widget));

      if (g_strcmp0 (text, title) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_text_content (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_text_content (child))
      return TRUE;

  return FALSE;
}

/* Visible text, as GTK's name computation reads a button's content: it
 * skips hidden widgets, such as a closed popover. */
static gboolean
has_visible_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_visible_text (child))
      return TRUE;

  return FALSE;
}

static gboolean
has_tooltip_name (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  g_autofree char *stripped = g_strstrip (g_strdup (tooltip != NULL ? tooltip : ""));

  return stripped[0] != '\0';
}

/* The name GTK 4.18 gives a GtkMenuButton's inner toggle, which is what
 * takes the focus and what a screen reader reads. gtkatcontext.c treats it
 * as a nested button (is_nested_button()) and names it from the menu
 * button, computed like any button: its label property or labelled-by
 * relation, else the text it shows, else its tooltip. An icon alone gives
 * no name, and nothing set on the inner toggle itself counts. */
static gboolean
menu_button_toggle_has_name (GtkWidget *toggle)
{
  GtkWidget *menu_button = gtk_widget_get_parent (toggle);
  GtkAccessible *accessible = GTK_ACCESSIBLE (menu_button);

  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));

  return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         has_visible_text (menu_button) ||
         has_tooltip_name (menu_button);
}

/**
 * ui_has_accessible_name:
 *
 * A name as a screen reader gets it: set outright, borrowed from a label,
 * or (for buttons and rows) the text they show; a button with none of
 * these is read by its tooltip (step 2I of the name computation, which GTK
 * follows), as libshumate's zoom buttons are ("Zoom In", translated). */
gboolean
ui_has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    return menu_button_toggle_has_name (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget) && has_tooltip_name (widget))
    return TRUE;

  if (GTK_IS_BUTTON (widget) || GTK_IS_LIST_BOX_ROW (widget) || GTK_IS_CHECK_BUTTON (widget))
    return has_text_content (widget);

  return FALSE;
}

/* What a user can operate: anything that takes focus or is a button. */
gboolean
ui_is_interactive (GtkWidget *widget)
{
  GtkWidget *entry_parent;

  if (GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget) ||
      GTK_IS_MENU_BUTTON (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget))
    return TRUE;

  /* A list of rows to pick from is announced by its name when the focus
   * enters it (AT-SPI showed the overview's programs list as a bare
   * "list"). */
  if (GTK_IS_LIST_BOX (widget))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (widget); row != NULL; row = gtk_widget_get_next_sibling (row))
        if (GTK_IS_LIST_BOX_ROW (row) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)))
          return TRUE;
      return FALSE;
    }

  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
           gtk_list_box_get_selection_mode (GTK_LIST_BOX (gtk_widget_get_parent (widget))) != GTK_SELECTION_NONE;

  /* The text inside an entry is named by the entry. */
  entry_parent = gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_ENTRY);
  if (entry_parent == NULL)
    entry_parent = gtk_widget_get_ancestor (widget, GTK_TYPE_ENTRY);
  if (GTK_IS_TEXT (widget) && entry_parent != NULL)
    return FALSE;

  return gtk_widget_get_focusable (widget) && !GTK_IS_LIST_BOX (widget) &&
         !GTK_IS_SCROLLED_WINDOW (widget) && !GTK_IS_VIEWPORT (widget) &&
         !GTK_IS_FLOW_BOX (widget) && !GTK_IS_WINDOW (widget) && !GTK_IS_POPOVER (widget);
}

/**
 * ui_run_tool:
 * @argv: a program the tests read what the app wrote with (poppler-utils'
 *   pdftotext, pdffonts, pdftoppm; build-aux/dev installs them), and its
 *   arguments
 *
 * Returns: (transfer full) (nullable): what it wrote to its standard
 *   output; %NULL when the program is not installed: the test is then
 *   skipped, saying so, or failed under CI, which always has it
 */
GBytes *
ui_run_tool (const char * const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not installed (poppler-utils; build-aux/dev installs it)", argv[0]);

      if (g_getenv ("CI") != NULL)
        g_error ("%s", why);
      g_test_skip (why);
      return NULL;
    }

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %.*s", argv[0], (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));

  return g_steal_pointer (&out);
}

typedef struct
{
  const char *text;
  gboolean    searched;
} Search;

static void
searched_cb (GtkSearchEntry *entry,
             Search         *search)
{
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), search->text))
    search->searched = TRUE;
}

static gboolean
searched (gpointer data)
{
  return ((Search *) data)->searched;
}

/**
 * ui_search:
 * @entry: the sidebar's search entry
 * @typed: typed as keys (xdotool, into the widget with the keyboard) rather
 *   than set as an input method commits it
 *
 * Puts @text in the search field and waits until the sidebar has searched
 * for it: GtkSearchEntry waits a little after the last change.
 */
void
ui_search (GtkWidget  *entry,
           const char *text,
           gboolean    typed)
{
  Search search = { text, FALSE };
  gulong id = g_signal_connect_after (entry, "search-changed", G_CALLBACK (searched_cb), &search);

  if (typed)
    {
      const char *argv[] = { "xdotool", "type", "--delay", "30", text, NULL };
      g_autoptr(GError) error = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), text);

  g_assert_true (ui_wait_for (searched, &search, 10000));
  g_signal_handler_disconnect (entry, id);
  ui_settle (entry);
}

/* Whether @a and @b share some area (touching edges do not). */
gboolean
ui_rects_overlap (const graphene_rect_t *a,
                  const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width && b->origin.x < a->origin.x + a->size.width &&
         a->origin.y < b->origin.y + b->size.height && b->origin.y < a->origin.y + a->size.height;
}

/* The calling thread's CPU time, in µs. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
watch_timer (gpointer data)
{
  UiWatch *watch = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (watch->last_timer != 0)
    {
      watch->worst_lateness = MAX (watch->worst_lateness, now - watch->last_timer - 10000);
      watch->worst_busy = MAX (watch->worst_busy, cpu - watch->last_timer_cpu);
    }
  watch->last_timer = now;
  watch->last_timer_cpu = cpu;
  watch->timer_runs++;
  return G_SOURCE_CONTINUE;
}

/* Asks for a frame every frame, so that frames are drawn all along. */
static gboolean
watch_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  UiWatch *watch = data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last_tick != 0)
    watch->worst_gap = MAX (watch->worst_gap, now - watch->last_tick);
  watch->last_tick = now;
  watch->frames++;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/**
 * ui_watch_start:
 *
 * Watches whether the main thread keeps handling events and drawing
 * @widget's frames: a 10 ms timer measures the main thread's CPU time
 * between its runs (what it spent without a chance to draw; its wall time
 * also depends on the machine's other work), and a tick callback the
 * frames. Until ui_watch_stop().
 */
void
ui_watch_start (UiWatch   *watch,
                GtkWidget *widget)
{
  memset (watch, 0, sizeof *watch);
  watch->widget = widget;
  watch->tick_id = gtk_widget_add_tick_callback (widget, watch_tick, watch, NULL);
  watch->timer_id = g_timeout_add (10, watch_timer, watch);
}

/* Forgets what was measured so far. */
void
ui_watch_reset (UiWatch *watch)
{
  watch->worst_busy = watch->worst_lateness = watch->worst_gap = 0;
  watch->frames = 0;
  watch->last_tick = watch->last_timer = watch->last_timer_cpu = 0;
}

static gboolean
watch_timer_ran (gpointer data)
{
  UiWatch *watch = data;

  return watch->timer_runs > watch->wait_runs;
}

/* Waits for the timer to run once more: a block of the main loop that has
 * just begun is measured too. */
void
ui_watch_wait_timer (UiWatch *watch)
{
  watch->wait_runs = watch->timer_runs;
  g_assert_true (ui_wait_for (watch_timer_ran, watch, 20000));
}

void
ui_watch_stop (UiWatch *watch)
{
  gtk_widget_remove_tick_callback (watch->widget, watch->tick_id);
  g_clear_handle_id (&watch->timer_id, g_source_remove);
}
