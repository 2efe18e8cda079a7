/* test-annotate.c: marks drawn on the map by keyboard, undone and redone,
 * saved with a scene and seen again by a new process, exported as GeoJSON
 * and on the handout (needs a display; reads PDFs with poppler-utils)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cx-annotations.h"
#include "cx-layer-panel.h"
#include "cx-note-dialog.h"
#include "cx-overlay-private.h"
#include "cx-scene-list.h"
#include "cx-sidebar.h"
#include "cx-test-files.h"
#include "cx-test-run.h"
#include "ui-helpers.h"

static char *out_dir;

static CxWindow *
window (void)
{
  return ui_window ();
}

static CxMapView *
map_view (void)
{
  return cx_window_get_map_view (window ());
}

static CxAnnotations *
marks (void)
{
  return cx_window_get_annotations (window ());
}

static void
settle (void)
{
  ui_settle (GTK_WIDGET (window ()));
}

static gboolean
n_marks_is (gpointer n)
{
  return g_list_model_get_n_items (G_LIST_MODEL (marks ())) == GPOINTER_TO_UINT (n);
}

static CxAnnotation *
mark (guint i)
{
  CxAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (marks ()), i);

  g_object_unref (annotation);   /* the list keeps it */
  return annotation;
}

/* How many pixels of the map are within a little of @color: what was drawn
 * there, read from the rendered widget. */
static guint
count_pixels (const char *color)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (GTK_WIDGET (map_view ()));
  g_autoptr(GdkTextureDownloader) downloader = gdk_texture_downloader_new (texture);
  g_autoptr(GBytes) bytes = NULL;
  guint value = (guint) g_ascii_strtoull (color + 1, NULL, 16);
  int want[3] = { (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };
  gsize stride;
  const guchar *data;
  guint n = 0;
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);

  gdk_texture_downloader_set_format (downloader, GDK_MEMORY_R8G8B8A8);
  bytes = gdk_texture_downloader_download_bytes (downloader, &stride);
  data = g_bytes_get_data (bytes, NULL);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + y * stride + x * 4;

        if (abs (p[0] - want[0]) < 12 && abs (p[1] - want[1]) < 12 && abs (p[2] - want[2]) < 12)
          n++;
      }
  return n;
}

static void
save_screenshot (const char *name)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window ())));
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The test: draw an area by keyboard alone (A, arrows and Enter,
 * Enter again to finish), undo it, redo it; and it is drawn. */
static void
test_polygon_undo_redo (void)
{
  const char *purple = cx_annotation_default_color (CX_ANNOTATION_POLYGON);
  guint before, drawn;

  cx_map_view_fit_district (map_view ());
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  settle ();
  g_assert_true (n_marks_is (GUINT_TO_POINTER (0)));
  g_assert_true (cx_map_view_get_annotations (map_view ()) == marks ());
  before = count_pixels (purple);

  ui_key ("a");
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, CX_ANNOTATION_POLYGON);
  /* The tool is not the measure tool: the Measure button stays off. */
  g_assert_false (cx_map_view_get_measuring (map_view ()));

  ui_key ("Return");
  for (guint i = 0; i < 6; i++)
    ui_key ("Right");
  ui_key ("Return");
  for (guint i = 0; i < 5; i++)
    ui_key ("Down");
  ui_key ("Return");
  for (guint i = 0; i < 6; i++)
    ui_key ("Left");
  ui_key ("Return");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (0)));
  /* Enter again on the last corner finishes the area. */
  ui_key ("Return");
  g_assert_true (ui_wait_for (n_marks_is, GUINT_TO_POINTER (1), 2000));
  g_assert_cmpint (cx_annotation_get_kind (mark (0)), ==, CX_ANNOTATION_POLYGON);
  g_assert_cmpuint (cx_annotation_get_n_points (mark (0)), ==, 4);
  g_assert_cmpstr (cx_map_view_get_selected_annotation (map_view ()), ==, cx_annotation_get_id (mark (0)));
  /* The tool stays on for the next mark, with nothing drawn yet. */
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, CX_ANNOTATION_POLYGON);
  g_assert_cmpuint (cx_measure_get_n_points (cx_map_view_get_measure (map_view ())), ==, 0);

  settle ();
  drawn = count_pixels (purple);
  g_test_message ("pixels of the area's colour: %u before, %u drawn", before, drawn);
  g_assert_cmpuint (drawn, >, before + 200);
  save_screenshot ("annotate-polygon.png");

  ui_key ("Escape");
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, -1);

  ui_key ("ctrl+z");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (0)));
  g_assert_null (cx_map_view_get_selected_annotation (map_view ()));
  settle ();
  g_assert_cmpuint (count_pixels (purple), <, before + 50);

  ui_key ("ctrl+shift+z");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (1)));
  settle ();
  g_assert_cmpuint (count_pixels (purple), >, before + 200);
}

static AdwDialog *
note_dialog (void)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window ()));

  return dialog != NULL && CX_IS_NOTE_DIALOG (dialog) ? dialog : NULL;
}

static gboolean
note_dialog_shown (gpointer shown)
{
  return (note_dialog () != NULL) == GPOINTER_TO_INT (shown);
}

/* A pin by keyboard, its note, N to select it and Delete; then back. */
static void
test_pin_note_delete (void)
{
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("i");
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, CX_ANNOTATION_PIN);
  for (guint i = 0; i < 3; i++)
    ui_key ("Up");
  ui_key ("Return");
  g_assert_true (ui_wait_for (n_marks_is, GUINT_TO_POINTER (2), 2000));
  g_assert_cmpint (cx_annotation_get_kind (mark (1)), ==, CX_ANNOTATION_PIN);
  /* The pin asks for its note; Esc there keeps the pin without one, and
   * Esc again stops the tool. */
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (TRUE), 3000));
  ui_key ("Escape");
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (FALSE), 3000));
  g_assert_true (n_marks_is (GUINT_TO_POINTER (2)));
  g_assert_cmpstr (cx_annotation_get_note (mark (1)), ==, "");
  ui_key ("Escape");
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, -1);

  g_assert_true (cx_annotations_set_note (marks (), 1, "Gate “A” 东门"));
  ui_key ("n");
  g_assert_cmpstr (cx_map_view_get_selected_annotation (map_view ()), ==, cx_annotation_get_id (mark (0)));
  ui_key ("n");
  g_assert_cmpstr (cx_map_view_get_selected_annotation (map_view ()), ==, cx_annotation_get_id (mark (1)));
  ui_key ("Delete");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (1)));
  ui_key ("ctrl+z");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (2)));
  g_assert_cmpstr (cx_annotation_get_note (mark (1)), ==, "Gate “A” 东门");

  /* The side panel lists them by number, named for a screen reader, and
   * a row selects its mark on the map. */
  {
    GtkWidget *panel = cx_sidebar_get_layer_panel (CX_SIDEBAR (cx_window_get_sidebar (window ())));
    GtkWidget *row;

    g_assert_true (ui_wait_text (panel, "2. Gate “A” 东门"));
    row = ui_find_row (panel, "1. Area");
    g_assert_nonnull (row);
    g_assert_true (ui_has_accessible_name (row));
    gtk_widget_activate (row);
    g_assert_cmpstr (cx_map_view_get_selected_annotation (map_view ()), ==, cx_annotation_get_id (mark (0)));
  }
}

/* Saved with a scene (Ctrl+D), and a new process opening that scene has
 * the marks, in view; clearing all is one step that undo takes back. */
static void
test_scene_round_trip (void)
{
  g_auto(CxTestRun) run = { 0, };
  GListModel *scenes = cx_window_get_scenes (window ());
  guint n_scenes;

  ui_wait_scenes_read (window ());
  n_scenes = g_list_model_get_n_items (scenes);
  cx_window_add_scene (window (), "Marked up");
  g_assert_cmpuint (g_list_model_get_n_items (scenes), ==, n_scenes + 1);

  cx_test_run_app (&run, CX_TEST_RUN_DEFAULT,
                   (const char *[]) { "--first-frame-time", "--scene", "Marked up", NULL });
  g_test_message ("%s", run.out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "annotations 2 in-view 2\n"));

  /* An edit while the scene is current is saved into it. */
  g_assert_true (cx_annotations_clear (marks ()));
  {
    g_auto(CxTestRun) again = { 0, };

    cx_test_run_app (&again, CX_TEST_RUN_DEFAULT,
                     (const char *[]) { "--first-frame-time", "--scene", "Marked up", NULL });
    g_assert_nonnull (strstr (again.out, "annotations 0 "));
  }
  ui_key ("ctrl+z");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (2)));
}

/* Exported as GeoJSON and imported back, the same marks; and on the
 * handout, numbered, with the note's text in the PDF. */
static void
test_export_import_handout (void)
{
  g_autofree char *path = g_build_filename (out_dir, "marks.geojson", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "handout.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GBytes) text = NULL;
  g_autofree char *id = g_strdup (cx_annotation_get_id (mark (1)));

  g_assert_true (cx_window_export_annotations (window (), file));
  cx_window_import_annotations (window (), file);
  g_assert_true (ui_wait_for (n_marks_is, GUINT_TO_POINTER (4), 5000));
  g_assert_true (cx_annotation_same_content (mark (1), mark (3)));
  /* The same file twice: new ids, so that each can be picked. */
  g_assert_cmpstr (cx_annotation_get_id (mark (3)), !=, id);
  g_assert_true (cx_annotations_undo (marks ()));
  g_assert_true (n_marks_is (GUINT_TO_POINTER (2)));

  g_assert_true (cx_window_export_handout (window (), pdf_file, CX_HANDOUT_PDF, CX_HANDOUT_A4_LANDSCAPE, &error));
  g_assert_no_error (error);
  /* The page's labels name the pin by its note, placed as the screen's. */
  {
    graphene_size_t frame;
    g_autoptr(GArray) labels = cx_overlay_layer_dup_page_labels (cx_map_view_get_overlay (map_view ()), &frame, NULL);
    gboolean found = FALSE;

    for (guint i = 0; i < labels->len; i++)
      {
        const CxOverlayLabel *label = &g_array_index (labels, CxOverlayLabel, i);

        if (g_strcmp0 (label->id, id) == 0)
          {
            g_assert_true (label->placed);
            g_assert_cmpstr (label->text, ==, "Gate “A” 东门");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
  /* The same as an image, to look at. */
  {
    g_autofree char *png = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "annotate-handout.png", NULL);
    g_autoptr(GFile) png_file = g_file_new_for_path (png);

    g_assert_true (cx_window_export_handout (window (), png_file, CX_HANDOUT_PNG, CX_HANDOUT_HD, &error));
    g_assert_no_error (error);
    g_test_message ("handout: %s", png);
  }
  text = ui_run_tool (argv);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is missing");
      return;
    }
  g_test_message ("%.*s", (int) g_bytes_get_size (text), (const char *) g_bytes_get_data (text, NULL));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), (gssize) g_bytes_get_size (text), "Gate “A” 东门"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), (gssize) g_bytes_get_size (text), "Marks"));
}

/* Marks drawn while no scene is current are not lost when a scene is
 * shown: one Ctrl+Z brings them back, into that scene, and saves them. */
static void
test_marks_outside_scenes (void)
{
  CxSceneList *scenes = CX_SCENE_LIST (cx_window_get_scenes (window ()));
  g_autoptr(CxAnnotation) pin = NULL;
  g_autoptr(CxScene) first = NULL;
  const CxCoord where = { 121.41, 31.22 };

  cx_scene_list_set_current (scenes, -1);
  cx_annotations_reset (marks (), NULL);
  pin = cx_annotation_new (CX_ANNOTATION_PIN, &where, 1, "outside", NULL);
  g_assert_true (cx_annotations_add (marks (), pin, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", 0);
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, 0);
  first = g_list_model_get_item (G_LIST_MODEL (scenes), 0);
  g_assert_true (n_marks_is (GUINT_TO_POINTER (cx_scene_get_annotations (first)->len)));

  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("ctrl+z");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (1)));
  g_assert_cmpstr (cx_annotation_get_note (mark (0)), ==, "outside");
  /* And now they are the scene's. */
  g_assert_cmpuint (cx_scene_get_annotations (first)->len, ==, 1);
}

static gboolean
label_placed (gpointer id)
{
  g_autoptr(GArray) labels = cx_overlay_layer_dup_labels (cx_map_view_get_overlay (map_view ()));

  for (guint i = 0; i < labels->len; i++)
    {
      const CxOverlayLabel *label = &g_array_index (labels, CxOverlayLabel, i);

      if (label->placed && g_strcmp0 (label->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Where a pin is drawn, head and tip, ring included (cx_annotation_draw()),
 * in the overlay's coordinates. */
static graphene_rect_t
pin_box (CxAnnotation *pin)
{
  guint n;
  const CxCoord *where = cx_annotation_get_points (pin, &n);
  double x, y, r = 8;

  cx_overlay_layer_location_to_widget (cx_map_view_get_overlay (map_view ()), where->y, where->x, &x, &y);
  return GRAPHENE_RECT_INIT (x - r, y - 2.6 * r - 1, 2 * r, 2.6 * r);
}

/* Marks go through the label placement: pins put right where place names
 * were push those names off them, and a pin's note (its first line) is
 * placed as its label, off the other pins too. */
static void
test_labels_avoid_marks (void)
{
  CxOverlayLayer *overlay = cx_map_view_get_overlay (map_view ());
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GPtrArray) pins = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first_id = NULL;
  guint n_pins = 0, n_checked = 0;
  gboolean note_seen = FALSE;

  cx_annotations_reset (marks (), NULL);
  /* A projector's window, the panels beside the map. */
  ui_resize_window (1400, 900);
  cx_map_view_fit_district (map_view ());
  settle ();
  before = cx_overlay_layer_dup_labels (overlay);
  /* A pin over each of the first placed names, its head on the name. */
  for (guint i = 0; i < before->len && n_pins < 6; i++)
    {
      const CxOverlayLabel *label = &g_array_index (before, CxOverlayLabel, i);
      g_autoptr(CxAnnotation) pin = NULL;
      CxCoord where;

      if (!label->placed)
        continue;
      cx_overlay_layer_widget_to_location (overlay,
                                          label->rect.origin.x + label->rect.size.width / 2,
                                          label->rect.origin.y + label->rect.size.height / 2 + 1.75 * 8,
                                          &where.y, &where.x);
      pin = cx_annotation_new (CX_ANNOTATION_PIN, &where, 1,
                               n_pins == 0 ? "Proposed school site, north of the park\nwith a second line" : NULL,
                               NULL);
      g_assert_true (cx_annotations_add (marks (), pin, NULL));
      g_ptr_array_add (pins, g_object_ref (pin));
      n_pins++;
    }
  g_assert_cmpuint (n_pins, >=, 3);
  first_id = g_strdup (cx_annotation_get_id (g_ptr_array_index (pins, 0)));

  gtk_widget_queue_draw (GTK_WIDGET (overlay));
  g_assert_true (ui_wait_for (label_placed, first_id, 3000));
  settle ();
  after = cx_overlay_layer_dup_labels (overlay);
  for (guint i = 0; i < after->len; i++)
    {
      const CxOverlayLabel *label = &g_array_index (after, CxOverlayLabel, i);

      if (!label->placed)
        continue;
      if (g_strcmp0 (label->id, first_id) == 0)
        {
          /* The note's first line, cut short. */
          g_assert_true (g_str_has_prefix (label->text, "Proposed school"));
          g_assert_null (strchr (label->text, '\n'));
          g_assert_true (g_str_has_suffix (label->text, "…"));
          note_seen = TRUE;
        }
      for (guint k = 0; k < pins->len; k++)
        {
          graphene_rect_t box = pin_box (g_ptr_array_index (pins, k));
          graphene_rect_t text = label->rect;

          /* The box holds the halo's pixel on each side. */
          graphene_rect_inset (&text, 1, 1);
          if (ui_rects_overlap (&text, &box))
            g_test_message ("label “%s” at %g,%g %gx%g over pin %u at %g,%g %gx%g", label->text,
                            text.origin.x, text.origin.y, text.size.width, text.size.height,
                            k, box.origin.x, box.origin.y, box.size.width, box.size.height);
          g_assert_false (ui_rects_overlap (&text, &box));
          n_checked++;
        }
    }
  g_assert_true (note_seen);
  g_test_message ("%u pins, %u label–pin pairs clear", n_pins, n_checked);
  save_screenshot ("annotate-labels.png");
  cx_annotations_reset (marks (), NULL);
}

/* By keyboard: ] picks a vertex of the selected mark, an arrow moves it
 * (one step of undo), Enter lets go and the arrows pan again; Ctrl+Z puts
 * it back. */
static void
test_vertex_keyboard (void)
{
  const CxCoord corners[] = { { 121.40, 31.21 }, { 121.42, 31.21 }, { 121.42, 31.22 } };
  g_autoptr(CxAnnotation) area = cx_annotation_new (CX_ANNOTATION_POLYGON, corners, 3, NULL, NULL);
  CxCoord before, after;
  const CxCoord *points;
  guint n;

  cx_annotations_reset (marks (), NULL);
  cx_map_view_fit_district (map_view ());
  g_assert_true (cx_annotations_add (marks (), area, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  settle ();
  ui_key ("n");
  g_assert_cmpstr (cx_map_view_get_selected_annotation (map_view ()), ==, cx_annotation_get_id (mark (0)));

  ui_key ("bracketright");
  ui_key ("bracketright");
  before = cx_annotation_get_points (mark (0), &n)[1];
  ui_key ("Right");
  ui_key ("Up");
  points = cx_annotation_get_points (mark (0), &n);
  after = points[1];
  g_test_message ("vertex 2: %.6f,%.6f → %.6f,%.6f", before.x, before.y, after.x, after.y);
  /* East and north, the others where they were. */
  g_assert_cmpfloat (after.x, >, before.x + 1e-5);
  g_assert_cmpfloat (after.y, >, before.y + 1e-5);
  g_assert_cmpfloat_with_epsilon (points[0].x, corners[0].x, 1e-9);
  g_assert_cmpfloat_with_epsilon (points[2].y, corners[2].y, 1e-9);

  /* Enter lets go: the arrows pan the map, the mark stays. */
  ui_key ("Return");
  ui_key ("Left");
  g_assert_cmpfloat_with_epsilon (cx_annotation_get_points (mark (0), &n)[1].x, after.x, 1e-9);

  /* Each arrow press was one step. */
  ui_key ("ctrl+z");
  g_assert_cmpfloat_with_epsilon (cx_annotation_get_points (mark (0), &n)[1].y, before.y, 1e-9);
  g_assert_cmpfloat (cx_annotation_get_points (mark (0), &n)[1].x, >, before.x + 1e-5);
  ui_key ("ctrl+z");
  g_assert_cmpfloat_with_epsilon (cx_annotation_get_points (mark (0), &n)[1].x, before.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (cx_annotation_get_points (mark (0), &n)[1].y, before.y, 1e-9);
  cx_annotations_reset (marks (), NULL);
}

/* F2 edits a note on several lines: Enter is a new line, Ctrl+Enter saves,
 * Esc cancels; and the note keeps its lines through GeoJSON. */
static void
test_note_lines (void)
{
  const CxCoord where = { 121.41, 31.215 };
  g_autoptr(CxAnnotation) pin = cx_annotation_new (CX_ANNOTATION_PIN, &where, 1, "Old", NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GBytes) json = NULL;
  GtkTextView *view;

  cx_annotations_reset (marks (), NULL);
  g_assert_true (cx_annotations_add (marks (), pin, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("n");
  ui_key ("F2");
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (TRUE), 3000));
  view = cx_note_dialog_get_view (CX_NOTE_DIALOG (note_dialog ()));
  g_assert_true (ui_has_accessible_name (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), "First line", -1);
  ui_key ("Return");
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view), "second line", -1);
  ui_key ("ctrl+Return");
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (FALSE), 3000));
  g_assert_cmpstr (cx_annotation_get_note (mark (0)), ==, "First line\nsecond line");

  /* Esc cancels. */
  ui_key ("F2");
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (TRUE), 3000));
  view = cx_note_dialog_get_view (CX_NOTE_DIALOG (note_dialog ()));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "thrown away", -1);
  ui_key ("Escape");
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (FALSE), 3000));
  g_assert_cmpstr (cx_annotation_get_note (mark (0)), ==, "First line\nsecond line");

  /* Both lines through GeoJSON. */
  all = cx_annotations_dup_all (marks ());
  json = cx_annotations_to_geojson (all);
  back = cx_annotations_from_geojson (json, "test.geojson", NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (cx_annotation_get_note (g_ptr_array_index (back, 0)), ==, "First line\nsecond line");
  cx_annotations_reset (marks (), NULL);
}

/* A pin placed by keyboard asks for its note at once: typed, Ctrl+Enter,
 * and it is the pin's. Saving it is a step of its own: undo once takes the
 * note back, twice the pin. */
static void
test_pin_asks_note (void)
{
  static const char * const typed[] = { "shift+m", "e", "e", "t", "space", "h", "e", "r", "e", NULL };
  GtkTextView *view;

  cx_annotations_reset (marks (), NULL);
  gtk_widget_grab_focus (GTK_WIDGET (map_view ()));
  ui_key ("i");
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, CX_ANNOTATION_PIN);
  ui_key ("Return");
  g_assert_true (ui_wait_for (n_marks_is, GUINT_TO_POINTER (1), 2000));
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (TRUE), 3000));
  view = cx_note_dialog_get_view (CX_NOTE_DIALOG (note_dialog ()));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));
  g_assert_true (cx_note_dialog_get_item (CX_NOTE_DIALOG (note_dialog ())) == G_OBJECT (mark (0)));
  for (guint i = 0; typed[i] != NULL; i++)
    ui_key (typed[i]);
  ui_key ("ctrl+Return");
  g_assert_true (ui_wait_for (note_dialog_shown, GINT_TO_POINTER (FALSE), 3000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (marks ())), ==, 1);
  g_assert_cmpint (cx_annotation_get_kind (mark (0)), ==, CX_ANNOTATION_PIN);
  g_assert_cmpstr (cx_annotation_get_note (mark (0)), ==, "Meet here");
  /* The tool stays on for the next pin; Esc stops it. */
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, CX_ANNOTATION_PIN);
  ui_key ("Escape");
  g_assert_cmpint (cx_map_view_get_annotating (map_view ()), ==, -1);

  ui_key ("ctrl+z");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (1)));
  g_assert_cmpstr (cx_annotation_get_note (mark (0)), ==, "");
  ui_key ("ctrl+z");
  g_assert_true (n_marks_is (GUINT_TO_POINTER (0)));
  cx_annotations_reset (marks (), NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("LANGUAGE", "en", TRUE);
  /* Accessible names are read back (the note's text view). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_private_data_home ("cx-test-annotate-XXXXXX");
  ui_init (&argc, &argv);
  out_dir = cx_test_make_tmp_dir ("cx-test-annotate-out-XXXXXX");

  g_test_add_func ("/annotate/polygon-undo-redo", test_polygon_undo_redo);
  g_test_add_func ("/annotate/pin-note-delete", test_pin_note_delete);
  g_test_add_func ("/annotate/scene-round-trip", test_scene_round_trip);
  g_test_add_func ("/annotate/export-import-handout", test_export_import_handout);
  g_test_add_func ("/annotate/marks-outside-scenes", test_marks_outside_scenes);
  g_test_add_func ("/annotate/labels-avoid-marks", test_labels_avoid_marks);
  g_test_add_func ("/annotate/vertex-keyboard", test_vertex_keyboard);
  g_test_add_func ("/annotate/note-lines", test_note_lines);
  g_test_add_func ("/annotate/pin-asks-note", test_pin_asks_note);

  status = ui_run ();
  cx_test_remove_tree (out_dir);
  g_free (out_dir);
  return status;
}
