/* test-handout.c: what the room sees: the presentation card and the
 * handout say what the view is, before and after moving on from a scene;
 * the handout lists all its sources, its legend has the basemap, its file
 * is named after what it shows and can be opened from the toast, its
 * Chinese is Simplified Chinese, and nothing stray is drawn across its map
 * (needs a display; reads PDFs with poppler-utils)
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "cx-format.h"
#include "cx-layer-panel.h"
#include "cx-map-view-private.h"
#include "cx-print-operation.h"
#include "cx-test-files.h"
#include "ui-helpers.h"

static char *out_dir;

static CxWindow *
window (void)
{
  return ui_window ();
}

static CxSceneList *
scenes (void)
{
  return CX_SCENE_LIST (cx_window_get_scenes (window ()));
}

static gboolean
moved_on (void)
{
  return cx_scene_list_get_moved_on (scenes ());
}

static CxSelection *
selection (void)
{
  return cx_window_get_selection (window ());
}

static void
settle (void)
{
  ui_settle (GTK_WIDGET (window ()));
}

static void
apply_scene (guint index)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", index);
  settle ();
}

/* Keys go to the map, as in a meeting. */
static void
focus_map (void)
{
  gtk_widget_grab_focus (GTK_WIDGET (cx_window_get_map_view (window ())));
  settle ();
}

/* The presentation card's title and subtitle, as F5 shows them (the
 * subtitle NULL when hidden). */
static void
card_titles (char **title,
             char **subtitle)
{
  GtkWidget *card = cx_window_get_presentation_card (window ());
  GtkWidget *title_label, *subtitle_label;

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.presentation", NULL);
  settle ();
  g_assert_true (gtk_widget_get_visible (card));

  title_label = gtk_widget_get_first_child (card);
  subtitle_label = gtk_widget_get_next_sibling (title_label);
  *title = g_strdup (gtk_label_get_text (GTK_LABEL (title_label)));
  *subtitle = gtk_widget_get_visible (subtitle_label) ? g_strdup (gtk_label_get_text (GTK_LABEL (subtitle_label))) : NULL;

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.leave-presentation", NULL);
  settle ();
}

static char *
out_path (const char *name)
{
  return g_build_filename (out_dir, name, NULL);
}

/* The handout of the view as a PDF in @name, and its text as pdftotext
 * reads it (pages end with a form feed); NULL when pdftotext is missing. */
static char *
handout_text (const char *name)
{
  g_autofree char *path = out_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GBytes) text = NULL;

  g_assert_true (cx_window_export_handout (window (), file, CX_HANDOUT_PDF, CX_HANDOUT_A4_LANDSCAPE, &error));
  g_assert_no_error (error);
  text = ui_run_tool (argv);
  return text != NULL ? g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text)) : NULL;
}

/* The steps: Page Down ("Hongqiao hub"), then Zhongshan Park, then
 * F5 or Ctrl+E. While the view is the scene's, the card and the handout
 * say the scene; once moved on, the place, "based on" the scene. */
static void
test_moved_on_to_a_place (void)
{
  g_autofree char *title = NULL, *subtitle = NULL;
  g_autofree char *on_scene = NULL, *moved = NULL;
  g_autofree char *pdf_name = NULL, *png_name = NULL;

  cx_scene_list_set_current (scenes (), -1);
  cx_selection_clear (selection ());
  focus_map ();
  ui_key ("Next");
  settle ();
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, 0);
  g_assert_false (moved_on ());

  card_titles (&title, &subtitle);
  g_assert_cmpstr (title, ==, "Hongqiao hub");
  g_assert_cmpstr (subtitle, ==, "长宁区 · Changning District");
  on_scene = handout_text ("on-scene.pdf");
  if (on_scene == NULL)
    return;
  g_assert_true (g_str_has_prefix (on_scene, "Hongqiao hub\n"));
  g_assert_nonnull (strstr (on_scene, "Terminal 1, East Hongqiao"));
  pdf_name = cx_window_dup_handout_file_name (window (), CX_HANDOUT_PDF);
  g_assert_cmpstr (pdf_name, ==, "Hongqiao hub.pdf");

  g_assert_true (cx_selection_select_by_id (selection (), "zhongshan-park"));
  settle ();
  g_assert_true (moved_on ());
  /* The scene stays the starting point: Page Down goes on from it. */
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, 0);

  g_clear_pointer (&title, g_free);
  g_clear_pointer (&subtitle, g_free);
  card_titles (&title, &subtitle);
  g_assert_cmpstr (title, ==, "Zhongshan Park · 中山公园");
  g_assert_cmpstr (subtitle, ==, "长宁区 · Changning District · Based on “Hongqiao hub”");

  moved = handout_text ("moved-on.pdf");
  g_assert_true (g_str_has_prefix (moved, "Zhongshan Park · 中山公园\n"));
  g_assert_nonnull (strstr (moved, "Based on “Hongqiao hub”"));
  g_assert_null (strstr (moved, "Terminal 1, East Hongqiao"));

  g_clear_pointer (&pdf_name, g_free);
  pdf_name = cx_window_dup_handout_file_name (window (), CX_HANDOUT_PDF);
  png_name = cx_window_dup_handout_file_name (window (), CX_HANDOUT_PNG);
  g_assert_cmpstr (pdf_name, ==, "Zhongshan Park.pdf");
  g_assert_cmpstr (png_name, ==, "Zhongshan Park.png");

  /* Nothing selected, no scene: the district. */
  cx_scene_list_set_current (scenes (), -1);
  cx_selection_clear (selection ());
  settle ();
  g_clear_pointer (&pdf_name, g_free);
  pdf_name = cx_window_dup_handout_file_name (window (), CX_HANDOUT_PDF);
  g_assert_cmpstr (pdf_name, ==, "Changning District.pdf");
}

/* The title and subtitle the card shows now. */
static char *
card_text (void)
{
  GtkWidget *title = gtk_widget_get_first_child (cx_window_get_presentation_card (window ()));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  return g_strdup_printf ("%s / %s", gtk_label_get_text (GTK_LABEL (title)),
                          gtk_widget_get_visible (subtitle) ? gtk_label_get_text (GTK_LABEL (subtitle)) : "");
}

/* While presenting, the card follows: to the scene, and on from it. */
static void
test_card_follows_while_presenting (void)
{
  g_autofree char *on_scene = NULL, *moved = NULL, *back = NULL;

  cx_selection_clear (selection ());
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.presentation", NULL);
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", 0);
  settle ();
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, 0);
  on_scene = card_text ();
  g_assert_cmpstr (on_scene, ==, "Hongqiao hub / 长宁区 · Changning District");

  g_assert_true (cx_selection_select_by_id (selection (), "zhongshan-park"));
  settle ();
  moved = card_text ();
  g_assert_cmpstr (moved, ==, "Zhongshan Park · 中山公园 / 长宁区 · Changning District · Based on “Hongqiao hub”");

  /* The next scene, from the one moved on from. */
  ui_key ("Next");
  settle ();
  g_assert_cmpint (cx_window_get_current_scene (window ()), ==, 1);
  back = card_text ();
  g_assert_true (g_str_has_prefix (back, "Suzhou Creek waterfront / "));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.leave-presentation", NULL);
  settle ();
}

/* Layers and the map itself move on from a scene too; switching back is
 * the scene again. */
static void
test_layers_and_view_move_on (void)
{
  CxProgram *hub = cx_data_pack_lookup_program (cx_application_get_pack (ui_app ()), "hongqiao-hub");
  g_autofree char *title = NULL, *subtitle = NULL;
  g_autofree char *text = NULL;

  apply_scene (0);
  g_assert_false (moved_on ());
  focus_map ();

  /* Key 2: the subdistricts, which the scene does not show. */
  ui_key ("2");
  g_assert_true (moved_on ());
  card_titles (&title, &subtitle);
  /* What is shown: the scene's program, still selected. */
  g_assert_true (g_str_has_prefix (title, cx_program_get_title (hub)));
  g_assert_true (g_str_has_suffix (subtitle, "Based on “Hongqiao hub”"));
  text = handout_text ("layers.pdf");
  if (text == NULL)
    return;
  g_assert_true (g_str_has_prefix (text, title));
  g_assert_null (strstr (text, "Terminal 1, East Hongqiao"));

  focus_map ();
  ui_key ("2");
  g_assert_false (moved_on ());
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&subtitle, g_free);
  card_titles (&title, &subtitle);
  g_assert_cmpstr (title, ==, "Hongqiao hub");

  /* The map panned by a key, then zoomed by the window's action. */
  focus_map ();
  ui_key ("Right");
  g_assert_true (moved_on ());
  apply_scene (0);
  g_assert_false (moved_on ());
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.zoom-in", NULL);
  settle ();
  g_assert_true (moved_on ());
}

static void
record_moved_on (gboolean *ever)
{
  *ever |= moved_on ();
}

/* Whether the map is where scene 1 puts it: its extent fitted to the view,
 * and the flight there ended. */
static gboolean
at_scene_1 (gpointer data)
{
  g_autoptr(CxScene) scene = g_list_model_get_item (cx_window_get_scenes (window ()), 1);
  CxMapView *map_view = cx_window_get_map_view (window ());
  CxBounds extent;

  g_assert_true (cx_scene_get_extent (scene, &extent));
  return cx_map_view_shows_extent (map_view, &extent) && _cx_map_view_fit_arrived (map_view);
}

/* With animations, the map flies to a scene: on the way, the view is the
 * scene's already, and it is where the flight ends. */
static void
test_flight_to_a_scene (void)
{
  CxMapView *map_view = cx_window_get_map_view (window ());
  gboolean ever_moved_on = FALSE;
  gulong notify_id;

  apply_scene (0);
  cx_map_view_zoom_by (map_view, -1);
  settle ();
  g_assert_true (moved_on ());

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  notify_id = g_signal_connect_swapped (scenes (), "notify::moved-on", G_CALLBACK (record_moved_on), &ever_moved_on);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.scene-apply", "u", 1);
  g_assert_false (moved_on ());
  /* It takes the map a while (go-to-duration): it is on its way. */
  g_assert_false (at_scene_1 (NULL));
  g_assert_true (ui_wait_for (at_scene_1, NULL, 20000));
  settle ();
  g_signal_handler_disconnect (scenes (), notify_id);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_assert_false (ever_moved_on);
  g_assert_false (moved_on ());
  g_assert_true (at_scene_1 (NULL));

  /* Then a move is a move away. */
  cx_map_view_zoom_by (map_view, 1);
  settle ();
  g_assert_true (moved_on ());
}

/* Sources cited by what the view shows, as the handout lists them. */
static GPtrArray *
shown_citations (void)
{
  CxDataPack *pack = cx_application_get_pack (ui_app ());
  GListModel *features = cx_data_pack_get_features (pack);
  GPtrArray *citations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(CxFeature) feature = g_list_model_get_item (features, i);
      GListModel *sources = cx_feature_get_sources (feature);

      if (!cx_visibility_get_visible (cx_window_get_visibility (window ()), cx_layer_get_id (cx_feature_get_layer (feature))))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (sources); k++)
        {
          g_autoptr(CxSource) source = g_list_model_get_item (sources, k);

          if (g_hash_table_add (seen, source))
            g_ptr_array_add (citations, cx_format_source (source));
        }
    }
  return citations;
}

/* Without any white space (a citation may be broken over lines) and with
 * ligatures spelled out (pdftotext gives "Oﬃce" for "Office"). */
static char *
squeezed (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *plain = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  for (const char *p = plain; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
show_district (void)
{
  cx_scene_list_set_current (scenes (), -1);
  cx_selection_clear (selection ());
  cx_visibility_set_all (cx_window_get_visibility (window ()), TRUE);
  cx_map_view_fit_district (cx_window_get_map_view (window ()));
  settle ();
}

/* A handout is read without the app: every source of what is shown is on
 * it, on a second page when they do not fit beside the map. */
static void
test_sources_continue (void)
{
  g_autofree char *text = NULL;
  g_autofree char *all = NULL;
  g_autoptr(GPtrArray) citations = NULL;
  g_auto(GStrv) pages = NULL;

  show_district ();
  text = handout_text ("sources.pdf");
  if (text == NULL)
    return;

  /* pdftotext ends each page with a form feed. */
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, 3);
  g_assert_cmpstr (pages[2], ==, "");
  g_assert_nonnull (strstr (pages[0], "Sources continue on the next page"));
  g_assert_nonnull (strstr (pages[0], "Page 1 of 2"));
  g_assert_nonnull (strstr (pages[1], "Sources, continued"));
  g_assert_nonnull (strstr (pages[1], "Page 2 of 2"));
  g_assert_null (strstr (text, "see Sources in Changning Explorer"));

  citations = shown_citations ();
  g_assert_cmpuint (citations->len, >, 20);
  all = squeezed (text);
  for (guint i = 0; i < citations->len; i++)
    {
      g_autofree char *citation = squeezed (g_ptr_array_index (citations, i));

      if (strstr (all, citation) == NULL)
        g_error ("the handout does not cite “%s”", (char *) g_ptr_array_index (citations, i));
    }
}

/* The view as the window hands it to the handout, titled @title. */
static void
handout_view (CxHandoutView *view,
              const char    *title)
{
  CxMapView *map_view = cx_window_get_map_view (window ());
  ShumateViewport *viewport = cx_map_view_get_viewport (map_view);

  view->overlay = cx_map_view_get_overlay (map_view);
  view->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->view_width = gtk_widget_get_width (GTK_WIDGET (map_view));
  view->view_height = gtk_widget_get_height (GTK_WIDGET (map_view));
  view->title = title;
}

/* Printing (Ctrl+P) gives the pages the PDF has: exported through the
 * print operation here, as the print dialog's "Print to File" does. */
static void
test_print_pages (void)
{
  g_autofree char *path = out_path ("printed.pdf");
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(CxPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *plain = NULL;
  g_auto(GStrv) pages = NULL;
  CxHandoutView view = { 0, };

  show_district ();
  handout_view (&view, "Changning District");
  operation = cx_print_operation_new (&view);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                            GTK_WINDOW (window ()), &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  text = ui_run_tool (argv);
  if (text == NULL)
    return;
  plain = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  pages = g_strsplit (plain, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, 3);
  g_assert_nonnull (strstr (pages[0], "Legend"));
  g_assert_nonnull (strstr (pages[1], "Sources, continued"));
}

/* A PNG is one image: its sources are all there, shortly (publisher and
 * date), in the same space. Drawn onto a PDF page here, to be read. */
static void
test_sources_in_one_image (void)
{
  g_autofree char *path = out_path ("image.pdf");
  CxHandoutView view = { 0, };
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GPtrArray) citations = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *all = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  show_district ();
  handout_view (&view, "Changning District");

  /* The HD image's size, in PDF points. */
  cx_handout_page_size (CX_HANDOUT_HD, CX_HANDOUT_PNG, &w, &h);
  surface = cairo_pdf_surface_create (path, w, h);
  cr = cairo_create (surface);
  g_assert_cmpuint (cx_handout_get_n_pages (&view, CX_HANDOUT_PNG, cr, w, h), ==, 1);
  g_assert_cmpuint (cx_handout_get_n_pages (&view, CX_HANDOUT_PDF, cr, w, h), >, 1);
  cx_handout_draw_page (&view, CX_HANDOUT_PNG, cr, w, h, 0);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = ui_run_tool (argv);
  if (text == NULL)
    return;
  plain = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  all = squeezed (plain);
  citations = shown_citations ();
  for (guint i = 0; i < citations->len; i++)
    {
      g_autofree char *citation = squeezed (g_ptr_array_index (citations, i));

      if (strstr (all, citation) == NULL)
        g_error ("the image does not cite “%s”", (char *) g_ptr_array_index (citations, i));
    }
}

/* The legend says what the basemap's roads, water and blocks are. */
static void
test_basemap_in_legend (void)
{
  g_autofree char *text = NULL;
  const char *legend, *sources;

  show_district ();
  text = handout_text ("legend.pdf");
  if (text == NULL)
    return;

  legend = strstr (text, "Legend\n");
  sources = strstr (text, "Sources\n");
  g_assert_nonnull (legend);
  g_assert_nonnull (sources);
  for (guint i = 0; i < 4; i++)
    {
      static const char *entries[] = { "\nExpressway\n", "\nWater\n", "\nPark\n", "\nAirport\n" };
      const char *at = strstr (legend, entries[i]);

      if (at == NULL || at > sources)
        g_error ("the legend has no “%s”", g_strstrip (g_strdup (entries[i])));
    }
}

static gboolean
got_layer (gpointer data)
{
  return *(CxImportedLayer **) data != NULL;
}

static void
on_layer_imported (CxWindow         *window,
                   CxImportedLayer  *layer,
                   CxImportedLayer **out)
{
  g_set_object (out, layer);
}

/* An imported layer shown is in the legend, under its name, after the
 * pack's layers; hidden, it is not. */
static void
test_imported_in_legend (void)
{
  const char *geojson = "{\"type\":\"Feature\",\"properties\":{},"
                        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        "[[[121.40,31.21],[121.41,31.21],[121.41,31.22],[121.40,31.21]]]}}";
  g_autofree char *path = out_path ("规划地块.geojson");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CxImportedLayer) layer = NULL;
  g_autofree char *text = NULL, *hidden = NULL;
  const char *legend, *name, *sources;
  gulong handler;

  g_assert_true (g_file_set_contents (path, geojson, -1, NULL));
  handler = g_signal_connect (window (), "layer-imported", G_CALLBACK (on_layer_imported), &layer);
  cx_window_import_file (window (), file, FALSE);
  g_assert_true (ui_wait_for (got_layer, &layer, 10000));
  g_signal_handler_disconnect (window (), handler);
  show_district ();

  text = handout_text ("imported.pdf");
  if (text != NULL)
    {
      legend = strstr (text, "Legend\n");
      name = strstr (text, "\n规划地块\n");
      sources = strstr (text, "Sources\n");
      g_assert_nonnull (legend);
      g_assert_nonnull (name);
      g_assert_true (name > legend && (sources == NULL || name < sources));
      /* After the pack's layers. */
      g_assert_true (name > strstr (legend, "Landmarks"));

      cx_imported_layer_set_visible (layer, FALSE);
      hidden = handout_text ("imported-hidden.pdf");
      g_assert_null (strstr (hidden, "规划地块"));
    }

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.imported-remove", "s", cx_imported_layer_get_id (layer));
}

/* Chinese on paper is in Simplified Chinese glyphs in an English handout
 * too (it was Noto Sans CJK JP). */
static void
test_chinese_glyphs_on_paper (void)
{
  g_autofree char *path = out_path ("fonts.pdf");
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *text = NULL;
  g_autoptr(GBytes) fonts = NULL;

  show_district ();
  text = handout_text ("fonts.pdf");
  if (text == NULL)
    return;
  /* It has Chinese: the legend's names. */
  g_assert_nonnull (strstr (text, "区界"));

  fonts = ui_run_tool (argv);
  g_test_message ("%.*s", (int) g_bytes_get_size (fonts), (const char *) g_bytes_get_data (fonts, NULL));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (fonts, NULL), g_bytes_get_size (fonts), "NotoSansCJKsc"));
  g_assert_null (g_strstr_len (g_bytes_get_data (fonts, NULL), g_bytes_get_size (fonts), "CJKjp"));
}

/* The first visible label under @widget whose text has @needle. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* And on screen: panels that show Chinese names. */
static void
test_chinese_glyphs_on_screen (void)
{
  GtkLabel *label;

  g_assert_true (cx_selection_select_by_id (selection (), "zhongshan-park"));
  settle ();

  /* The place's Chinese name under its English one. */
  g_assert_true (ui_wait_text (cx_window_get_details_panel (window ()), "中山公园"));
  label = find_label (cx_window_get_details_panel (window ()), "中山公园");
  g_assert_nonnull (label);
  g_assert_true (ui_label_han_is_simplified (label));

  /* A layer's Chinese name in its row. */
  label = find_label (cx_window_get_layer_panel (window ()), "区界");
  g_assert_nonnull (label);
  g_assert_true (ui_label_han_is_simplified (label));

  /* The presentation card's district. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.presentation", NULL);
  settle ();
  label = find_label (cx_window_get_presentation_card (window ()), "长宁区");
  g_assert_nonnull (label);
  g_assert_true (ui_label_han_is_simplified (label));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.leave-presentation", NULL);
  settle ();
}

/* Reads a binary PPM (what pdftoppm writes). */
static guchar *
read_ppm (GBytes *bytes,
          int    *width,
          int    *height)
{
  const char *data = g_bytes_get_data (bytes, NULL);
  int offset = 0, max = 0;

  g_assert_cmpint (sscanf (data, "P6 %d %d %d%n", width, height, &max, &offset), ==, 3);
  g_assert_cmpint (max, ==, 255);
  offset++;  /* the one white space after the header */
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, (gsize) offset + (gsize) *width * *height * 3);
  return (guchar *) data + offset;
}

/* Nothing stray crosses the map: the page was drawn with a path left over
 * from the last label, and the north arrow's disc began with a line from
 * it, a hairline across the map in every renderer. Around the arrow, in
 * the corner of the district's view, the map is empty: a ring just
 * outside the disc is all one colour. */
static void
test_no_seam_across_the_map (void)
{
  g_autofree char *path = out_path ("seam.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *x = NULL, *y = NULL, *size = NULL;
  CxHandoutLayout layout;
  const double dpi = 300, k = dpi / 72;
  double w, h, crop_x, crop_y;
  int width, height;
  guint differ = 0;
  guchar *pixels, *paper;

  show_district ();
  g_assert_true (cx_window_export_handout (window (), file, CX_HANDOUT_PDF, CX_HANDOUT_A4_LANDSCAPE, &error));
  g_assert_no_error (error);

  cx_handout_page_size (CX_HANDOUT_A4_LANDSCAPE, CX_HANDOUT_PDF, &w, &h);
  cx_handout_get_layout (w, h, &layout);
  crop_x = floor ((layout.arrow_x - 2 * layout.arrow_radius) * k);
  crop_y = floor ((layout.arrow_y - 2 * layout.arrow_radius) * k);
  x = g_strdup_printf ("%.0f", crop_x);
  y = g_strdup_printf ("%.0f", crop_y);
  size = g_strdup_printf ("%.0f", ceil (4 * layout.arrow_radius * k));
  {
    const char *argv[] = { "pdftoppm", "-f", "1", "-l", "1", "-r", "300", "-x", x, "-y", y, "-W", size, "-H", size, path, NULL };

    image = ui_run_tool (argv);
  }
  if (image == NULL)
    return;

  pixels = read_ppm (image, &width, &height);
  paper = NULL;
  for (guint i = 0; i < 720; i++)
    for (double ring = 1.5; ring <= 3; ring += 1.5)
      {
        double a = 2 * G_PI * i / 720;
        int px = (int) round ((layout.arrow_x + (layout.arrow_radius + ring) * cos (a)) * k - crop_x);
        int py = (int) round ((layout.arrow_y + (layout.arrow_radius + ring) * sin (a)) * k - crop_y);
        guchar *p = pixels + ((gsize) py * width + px) * 3;

        g_assert_true (px >= 0 && px < width && py >= 0 && py < height);
        if (paper == NULL)
          paper = p;
        else if (ABS (p[0] - paper[0]) > 1 || ABS (p[1] - paper[1]) > 1 || ABS (p[2] - paper[2]) > 1)
          differ++;
      }
  g_assert_cmpuint (differ, ==, 0);
}

/* "Handout saved" has a button that opens the file. */
static void
test_open_button (void)
{
  g_autofree char *path = out_path ("Zhongshan Park.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *missing = g_build_filename (out_dir, "gone.pdf", NULL);
  g_autofree char *missing_uri = g_filename_to_uri (missing, NULL, NULL);
  GtkWidget *button;
  GVariant *target;

  g_assert_true (cx_window_save_handout (window (), file, CX_HANDOUT_PDF, CX_HANDOUT_A4_LANDSCAPE));
  g_assert_true (ui_wait_text (GTK_WIDGET (window ()), "Handout saved as Zhongshan Park.pdf"));
  button = ui_find_button (GTK_WIDGET (window ()), "Open");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open-file");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);

  /* The action hands the file to the desktop (GtkFileLauncher): opening
   * this one here would start a viewer, so a file that is not there shows
   * the way through, and what the user is told when opening fails. */
  g_test_expect_message ("cx-window", G_LOG_LEVEL_WARNING, "*gone.pdf*could not be opened*open it from your files*");
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.open-file", "s", missing_uri);
  g_assert_true (ui_wait_text (GTK_WIDGET (window ()), "“gone.pdf” could not be opened"));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Scenes live under XDG_DATA_HOME: the starter scenes, on a first start. */
  ui_private_data_home ("cx-handout-XXXXXX");
  ui_init (&argc, &argv);
  out_dir = cx_test_make_tmp_dir ("cx-handout-out-XXXXXX");

  g_test_add_func ("/handout/moved-on-to-a-place", test_moved_on_to_a_place);
  g_test_add_func ("/handout/card-follows-while-presenting", test_card_follows_while_presenting);
  g_test_add_func ("/handout/layers-and-view-move-on", test_layers_and_view_move_on);
  g_test_add_func ("/handout/flight-to-a-scene", test_flight_to_a_scene);
  g_test_add_func ("/handout/sources-continue", test_sources_continue);
  g_test_add_func ("/handout/sources-in-one-image", test_sources_in_one_image);
  g_test_add_func ("/handout/print-pages", test_print_pages);
  g_test_add_func ("/handout/basemap-in-legend", test_basemap_in_legend);
  g_test_add_func ("/handout/imported-in-legend", test_imported_in_legend);
  g_test_add_func ("/handout/chinese-glyphs-on-paper", test_chinese_glyphs_on_paper);
  g_test_add_func ("/handout/chinese-glyphs-on-screen", test_chinese_glyphs_on_screen);
  g_test_add_func ("/handout/no-seam-across-the-map", test_no_seam_across_the_map);
  g_test_add_func ("/handout/open-button", test_open_button);

  status = ui_run ();
  cx_test_remove_tree (out_dir);
  g_free (out_dir);
  return status;
}
