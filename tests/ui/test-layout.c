/* test-layout.c: nothing clipped and everything named, in every panel page
 * and dialog, at a wide, a middling and a narrow window size, in English or
 * (as test-layout-zh, with CX_TEST_LANGUAGE=zh_CN) in Simplified Chinese
 * (needs a display)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <shumate/shumate.h>
#include <string.h>

#include "cx-sidebar.h"
#include "ui-helpers.h"

/* One less than a pixel: allocations are whole pixels, text extents are
 * rounded from Pango units. */
#define SLACK 0.75

static CxWindow *
window (void)
{
  return ui_window ();
}

static CxSelection *
selection (void)
{
  return cx_window_get_selection (window ());
}

static CxSidebar *
sidebar (void)
{
  return CX_SIDEBAR (cx_window_get_sidebar (window ()));
}

static AdwOverlaySplitView *
split_of (GtkWidget *panel)
{
  GtkWidget *split = gtk_widget_get_ancestor (panel, ADW_TYPE_OVERLAY_SPLIT_VIEW);

  g_assert_nonnull (split);
  return ADW_OVERLAY_SPLIT_VIEW (split);
}

static AdwOverlaySplitView *
details_split (void)
{
  return split_of (cx_window_get_details_panel (window ()));
}

static AdwOverlaySplitView *
layers_split (void)
{
  return split_of (cx_window_get_sidebar (window ()));
}

/* ------------------------------------------------------------------ */
/* The walk                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *where;     /* the page or dialog, for the messages */
  GPtrArray  *problems;
  guint       widgets;
  guint       labels;
  guint       named;
} Walk;

/* What a widget is, for a message: its type, its CSS name and classes, its
 * text if it is a label. */
static char *
describe (GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);
  GString *out = g_string_new (G_OBJECT_TYPE_NAME (widget));

  if (joined[0] != '\0')
    g_string_append_printf (out, ".%s", joined);
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " “%s”", gtk_label_get_text (GTK_LABEL (widget)));
  else if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (out, " (tooltip “%s”)", gtk_widget_get_tooltip_text (widget));
  return g_string_free (out, FALSE);
}

static void
problem (Walk       *walk,
         GtkWidget  *widget,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Walk       *walk,
         GtkWidget  *widget,
         const char *format,
         ...)
{
  g_autofree char *what = describe (widget);
  g_autofree char *parent = gtk_widget_get_parent (widget) != NULL ? describe (gtk_widget_get_parent (widget)) : g_strdup ("none");
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (walk->problems, g_strdup_printf ("%s: %s in %s: %s", walk->where, what, parent, why));
}

/* Where a child may lie outside its parent's allocation on purpose:
 * - the child of anything that scrolls (GtkViewport, list views…): the
 *   scrolled window clips it and its scroll bars reach the rest;
 * - whatever is on the map (ShumateMap's layers and markers): the map
 *   draws its world from a viewport, and a marker half off the view is
 *   cut by the map, by design; the map's own overlay labels are the label
 *   placer's business (test-overlay), not this walk's;
 * - a popover or other GtkNative: a surface of its own, not walked (the
 *   app's popovers are GtkPopoverMenus that GTK lays out from a GMenu);
 * - libadwaita's private AdwGizmos, which show no content: the shade
 *   behind a floating panel is moved aside with it (by the sidebar's
 *   width, 360 px, in AdwOverlaySplitView 1.7). */
static gboolean
may_overflow (GtkWidget *parent)
{
  return GTK_IS_SCROLLABLE (parent) || gtk_widget_get_ancestor (parent, SHUMATE_TYPE_MAP) != NULL ||
         SHUMATE_IS_MAP (parent);
}

static void
check_inside_parent (Walk      *walk,
                     GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_rect_t b, p;

  if (parent == NULL || GTK_IS_NATIVE (widget) || may_overflow (parent) ||
      g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwGizmo"))
    return;

  /* Both border boxes, in the parent's coordinates: a child may reach
   * into its parent's padding and border, not beyond. */
  g_assert_true (gtk_widget_compute_bounds (widget, parent, &b));
  g_assert_true (gtk_widget_compute_bounds (parent, parent, &p));

  /* Except by a negative CSS margin, which puts it there on purpose
   * (libadwaita's header bar and window title, GTK's scroll bar slider).
   * GtkStyleContext is the only way to read a margin in GTK 4.18. */
  {
    GtkBorder margin = { 0 };

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_style_context_get_margin (gtk_widget_get_style_context (widget), &margin);
    G_GNUC_END_IGNORE_DEPRECATIONS
    p.origin.x += MIN (margin.left, 0);
    p.size.width -= MIN (margin.left, 0) + MIN (margin.right, 0);
    p.origin.y += MIN (margin.top, 0);
    p.size.height -= MIN (margin.top, 0) + MIN (margin.bottom, 0);
  }
  if (b.origin.x < p.origin.x - SLACK || b.origin.y < p.origin.y - SLACK ||
      b.origin.x + b.size.width > p.origin.x + p.size.width + SLACK ||
      b.origin.y + b.size.height > p.origin.y + p.size.height + SLACK)
    problem (walk, widget, "%.0f×%.0f at (%.0f, %.0f) is outside its parent's %.0f×%.0f at (%.0f, %.0f)",
             b.size.width, b.size.height, b.origin.x, b.origin.y,
             p.size.width, p.size.height, p.origin.x, p.origin.y);
}

/* A label shows all of its text, or says with an ellipsis that it does
 * not: its text, laid out for the space it was given, fits that space. */
static void
check_label (Walk     *walk,
             GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  PangoRectangle logical;
  int width = gtk_widget_get_width (GTK_WIDGET (label));
  int height = gtk_widget_get_height (GTK_WIDGET (label));

  walk->labels++;
  if (gtk_label_get_text (label)[0] == '\0')
    return;
  if (pango_layout_is_ellipsized (layout))
    return;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (logical.width > width + SLACK || logical.height > height + SLACK)
    problem (walk, GTK_WIDGET (label), "its text needs %d×%d and has %d×%d, cut without an ellipsis",
             logical.width, logical.height, width, height);
}

static gboolean
has_own_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The parts of GTK's and libadwaita's own composites, which the app cannot
 * name: the steppers of a GtkSpinButton and the item a GtkDropDown shows
 * (both named by their widget, which is checked), the about dialog and the
 * shortcuts window (GTK's and libadwaita's whole), and libadwaita's private
 * helpers (AdwGizmo: a dialog's dimmed background that closes it on a
 * click). Their clipping is still checked. */
static gboolean
is_library_part (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwGizmo"))
    return TRUE;

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_SPIN_BUTTON (w) || GTK_IS_DROP_DOWN (w) || ADW_IS_ABOUT_DIALOG (w) ||
        GTK_IS_SHORTCUTS_WINDOW (w))
      return TRUE;

  return GTK_IS_SHORTCUTS_WINDOW (widget);
}

static void
check_name (Walk      *walk,
            GtkWidget *widget)
{
  if (is_library_part (widget))
    return;

  /* A scrolled window is a "scroll pane" to a screen reader, which reads
   * its name when the focus enters it. */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      if (has_own_name (widget))
        walk->named++;
      else
        problem (walk, widget, "a scrolled window without an accessible name");
      return;
    }

  if (ui_is_interactive (widget))
    {
      if (ui_has_accessible_name (widget))
        walk->named++;
      else
        problem (walk, widget, "an interactive widget without an accessible name");
    }
}

static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget) ||
      !gtk_widget_get_mapped (widget))
    return;

  walk->widgets++;
  check_inside_parent (walk, widget);
  if (GTK_IS_LABEL (widget))
    check_label (walk, GTK_LABEL (widget));
  check_name (walk, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_NATIVE (child))
      walk_widget (walk, child);
}

/* With CX_TEST_SHOTS set to a folder, each view walked is saved there as
 * a PNG of the window that shows it, to look at. */
static void
save_shot (GtkWidget  *root,
           const char *where)
{
  const char *dir = g_getenv ("CX_TEST_SHOTS");
  GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (root));
  int width = gtk_widget_get_width (native);
  int height = gtk_widget_get_height (native);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (native);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* A window between two frames may have nothing to give: no picture. */
  if (node == NULL)
    {
      g_test_message ("no screenshot of %s: nothing drawn", where);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (native)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  name = g_strdup_printf ("%s-%s.png", g_getenv ("CX_TEST_LANGUAGE") != NULL ? g_getenv ("CX_TEST_LANGUAGE") : "en", where);
  g_strdelimit (name, " ×'’", '_');
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Walks everything shown under @root and fails, listing every problem,
 * if anything is clipped or unnamed. */
static void
assert_laid_out (GtkWidget  *root,
                 const char *where)
{
  g_autofree char *full = g_strdup_printf ("%s at %d×%d", where,
                                           gtk_widget_get_width (GTK_WIDGET (window ())),
                                           gtk_widget_get_height (GTK_WIDGET (window ())));
  Walk walk = { full, g_ptr_array_new_with_free_func (g_free), 0, 0, 0 };

  ui_settle (root);
  save_shot (root, full);
  walk_widget (&walk, root);
  g_test_message ("%s: %u widgets, %u labels, %u named", full, walk.widgets, walk.labels, walk.named);
  for (guint i = 0; i < walk.problems->len; i++)
    g_test_message ("  %s", (char *) g_ptr_array_index (walk.problems, i));
  g_assert_cmpuint (walk.widgets, >, 10);
  if (walk.problems->len > 0)
    g_error ("%s: %u problems, the first: %s", full, walk.problems->len,
             (char *) g_ptr_array_index (walk.problems, 0));
  g_ptr_array_unref (walk.problems);
}

/* A parent that gives its child 60×12 px, whatever the child asks for, as
 * a widget with its own size_allocate may, and 10 px to the right: half
 * outside its own 60×12. */
static void
fixed_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 60 : 12;
}

static void
fixed_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_allocate (child, 60, 12, -1, gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (10, 0)));
}

static gboolean
widget_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* The walk's rules themselves: a label given less than its text needs is
 * found unless it ellipsizes; a child outside its parent is found; an
 * unnamed scroll pane is found. */
static void
test_walk_finds_problems (void)
{
  GtkWidget *win = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* GtkWidget is abstract; a box with a layout of the test's own. */
  GtkWidget *fixed = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new ("A label far longer than sixty pixels");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  Walk walk = { "the walk's own check", g_ptr_array_new_with_free_func (g_free), 0, 0, 0 };

  gtk_widget_set_layout_manager (fixed, gtk_custom_layout_new (NULL, fixed_measure, fixed_allocate));
  gtk_box_append (GTK_BOX (fixed), label);
  gtk_box_append (GTK_BOX (box), fixed);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_window_set_child (GTK_WINDOW (win), box);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (ui_wait_for (widget_drawn, label, 10000));
  ui_wait_drawn (win);

  walk_widget (&walk, box);
  for (guint i = 0; i < walk.problems->len; i++)
    g_test_message ("  %s", (char *) g_ptr_array_index (walk.problems, i));
  /* The label is cut and outside its 60×12 parent; the scroll pane has no
   * name. */
  g_assert_cmpuint (walk.problems->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (walk.problems, 0), "outside its parent"));
  g_assert_nonnull (strstr (g_ptr_array_index (walk.problems, 1), "cut without an ellipsis"));
  g_assert_nonnull (strstr (g_ptr_array_index (walk.problems, 2), "scrolled window without an accessible name"));
  g_ptr_array_set_size (walk.problems, 0);

  /* Ellipsized and named: only the label out of place is said. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL, "Test", -1);
  ui_wait_drawn (win);
  walk_widget (&walk, box);
  for (guint i = 0; i < walk.problems->len; i++)
    g_test_message ("  %s", (char *) g_ptr_array_index (walk.problems, i));
  g_assert_cmpuint (walk.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (walk.problems, 0), "outside its parent"));

  g_ptr_array_unref (walk.problems);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* ------------------------------------------------------------------ */
/* Sizes, pages and dialogs                                            */
/* ------------------------------------------------------------------ */

/* Shows the layers panel (floating, where it floats) at @page. */
static void
show_sidebar_page (const char *page)
{
  AdwOverlaySplitView *details = details_split ();

  if (adw_overlay_split_view_get_collapsed (details))
    adw_overlay_split_view_set_show_sidebar (details, FALSE);
  adw_overlay_split_view_set_show_sidebar (layers_split (), TRUE);
  cx_sidebar_show_page (sidebar (), page);
  g_assert_true (ui_wait_mapped (cx_window_get_sidebar (window ())));
}

/* Selects @id (the district's overview for NULL) and shows its details
 * (floating, where they float, over the layers panel). */
static void
show_details_of (const char *id)
{
  GtkWidget *panel = cx_window_get_details_panel (window ());

  if (id == NULL)
    cx_selection_clear (selection ());
  else
    g_assert_true (cx_selection_select_by_id (selection (), id));
  if (adw_overlay_split_view_get_collapsed (layers_split ()))
    adw_overlay_split_view_set_show_sidebar (layers_split (), FALSE);
  adw_overlay_split_view_set_show_sidebar (details_split (), TRUE);
  g_assert_true (ui_wait_mapped (panel));
}

/* The window with every page of both panels. */
static void
walk_panels (void)
{
  static const struct
  {
    const char *id;
    const char *page;
  } details[] = {
    { NULL, "the district's overview" },
    { "zhongshan-park", "a place's page" },
    { "suzhou-creek-opening", "a program's page" },
    { "gdp-2024", "a statistic's page" },
  };

  show_sidebar_page ("layers");
  assert_laid_out (GTK_WIDGET (window ()), "the layers and scenes");
  show_sidebar_page ("places");
  assert_laid_out (GTK_WIDGET (window ()), "the places list");
  show_sidebar_page ("places");
  ui_search (cx_sidebar_get_search_entry (sidebar ()), "park", FALSE);
  assert_laid_out (GTK_WIDGET (window ()), "search results");
  gtk_editable_set_text (GTK_EDITABLE (cx_sidebar_get_search_entry (sidebar ())), "");

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      show_details_of (details[i].id);
      assert_laid_out (GTK_WIDGET (window ()), details[i].page);
    }
  cx_selection_clear (selection ());
}

static AdwDialog *
visible_dialog (void)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window ()));
}

static gboolean
dialog_ready (gpointer data)
{
  AdwDialog *dialog = visible_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static gboolean
dialog_gone (gpointer data)
{
  return visible_dialog () == NULL;
}

/* Opens a dialog with @action (and @parameter, floating or not),
 * walks it over the window, closes it. */
static void
walk_dialog (const char *action,
             GVariant   *parameter,
             const char *what)
{
  /* gtk_widget_activate_action_variant() does not sink a floating one. */
  g_autoptr(GVariant) held = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  AdwDialog *dialog;

  gtk_widget_activate_action_variant (GTK_WIDGET (window ()), action, held);
  g_assert_true (ui_wait_for (dialog_ready, NULL, 20000));
  dialog = visible_dialog ();
  assert_laid_out (GTK_WIDGET (dialog), what);
  g_assert_true (adw_dialog_close (dialog));
  g_assert_true (ui_wait_for (dialog_gone, NULL, 20000));
}

static GtkWindow *
find_shortcuts (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
shortcuts_shown (gpointer data)
{
  GtkWindow *shortcuts = find_shortcuts ();

  return shortcuts != NULL && gtk_widget_get_width (GTK_WIDGET (shortcuts)) > 0;
}

static gboolean
shortcuts_gone (gpointer data)
{
  return find_shortcuts () == NULL;
}

static void
walk_dialogs (void)
{
  GtkWindow *shortcuts;

  walk_dialog ("win.preferences", NULL, "the preferences");
  walk_dialog ("win.show-sources", NULL, "the sources");
  walk_dialog ("win.export", NULL, "the handout's format and size");
  walk_dialog ("win.import", NULL, "the import's coordinates");
  walk_dialog ("win.scene-rename", g_variant_new_uint32 (0), "the scene's new name");

  /* The scenes file's problem, as offer_scenes_choice() shows it when
   * the file does not load (its three long buttons stack), and a toast's
   * whole message. */
  {
    g_autoptr(AdwDialog) dialog = _cx_window_dialog_new ("scenes_problem_dialog");

    adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog),
                               "Your scenes file could not be read: it is not valid JSON "
                               "(line 3, column 14). It is left as it is until you choose what to do with it.");
    adw_dialog_present (dialog, GTK_WIDGET (window ()));
    g_assert_true (ui_wait_for (dialog_ready, NULL, 20000));
    assert_laid_out (GTK_WIDGET (dialog), "the scenes file's problem");
    g_assert_true (adw_dialog_close (dialog));
    g_assert_true (ui_wait_for (dialog_gone, NULL, 20000));
  }
  walk_dialog ("win.show-message",
               g_variant_new_string ("The layer “Community gardens 2024 (survey of the street offices)” could not be imported: "
                                     "its file is not GeoJSON. Choose a file exported as GeoJSON and try again."),
               "a message's details");

  {
    AdwDialog *dialog;

    g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "about", NULL);
    g_assert_true (ui_wait_for (dialog_ready, NULL, 20000));
    dialog = visible_dialog ();
    assert_laid_out (GTK_WIDGET (dialog), "the about dialog");
    g_assert_true (adw_dialog_close (dialog));
    g_assert_true (ui_wait_for (dialog_gone, NULL, 20000));
  }

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-help-overlay", NULL);
  g_assert_true (ui_wait_for (shortcuts_shown, NULL, 20000));
  shortcuts = find_shortcuts ();
  assert_laid_out (GTK_WIDGET (shortcuts), "the shortcuts");
  gtk_window_close (shortcuts);
  g_assert_true (ui_wait_for (shortcuts_gone, NULL, 20000));
}

/* Wide: both panels docked beside the map. */
static void
test_wide (void)
{
  /* In the language asked for, not English by a missing catalogue. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window ())), ==,
                   g_strcmp0 (g_getenv ("CX_TEST_LANGUAGE"), "zh_CN") == 0 ? "长宁探索" : "Changning Explorer");
  ui_resize_window (1400, 900);
  walk_panels ();
  walk_dialogs ();
}

/* Just wide enough for both panels docked: the tightest docked layout. */
static void
test_tightest_docked (void)
{
  ui_resize_window (1040, 710);
  g_assert_false (adw_overlay_split_view_get_collapsed (details_split ()));
  walk_panels ();
}

/* Just below: the details float over the map. */
static void
test_details_float (void)
{
  ui_resize_window (1020, 710);
  g_assert_true (adw_overlay_split_view_get_collapsed (details_split ()));
  walk_panels ();
}

/* Narrow: both panels float, one at a time; the dialogs are sheets. */
static void
test_narrow (void)
{
  ui_resize_window (600, 800);
  walk_panels ();
  walk_dialogs ();
  adw_overlay_split_view_set_show_sidebar (details_split (), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("CX_TEST_LANGUAGE");

  if (g_strcmp0 (language, "zh_CN") == 0)
    {
      if (!ui_use_language (language))
        return ui_skip_language (&argc, &argv, language, "/layout/zh_CN", NULL);
    }
  else
    g_setenv ("LANGUAGE", "en", TRUE);

  /* GtkTestATContext: the accessible names as a screen reader gets them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* Fresh scenes: the pack's starters. */
  ui_private_data_home ("cx-test-layout-XXXXXX");
  ui_init (&argc, &argv);

  g_test_add_func ("/layout/walk-finds-problems", test_walk_finds_problems);
  g_test_add_func ("/layout/wide", test_wide);
  g_test_add_func ("/layout/tightest-docked", test_tightest_docked);
  g_test_add_func ("/layout/details-float", test_details_float);
  g_test_add_func ("/layout/narrow", test_narrow);

  return ui_run ();
}
