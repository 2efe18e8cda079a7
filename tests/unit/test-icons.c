/* test-icons.c: the app icons load from the resources, as GTK loads them
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gdk-pixbuf recognises an SVG only if "<svg" starts within its first 256
 * bytes; a long comment before it once left the window without an icon and
 * made every UI test abort on the loader's warning. These icons are the
 * same files that are installed into hicolor.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#define RESOURCE_ICONS "/io/github/changning/Explorer/icons/"

static gboolean
have_svg_loader (void)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_strcmp0 (name, "svg") == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_icon_loads (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) small = NULL;
  g_autofree char *type = NULL;
  gboolean uncertain = TRUE;
  gsize size;
  const char *svg;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  svg = g_bytes_get_data (bytes, &size);

  /* What the desktop's MIME sniffing says, from the bytes alone. */
  type = g_content_type_guess (NULL, (const guchar *) svg, size, &uncertain);
  g_assert_true (g_content_type_is_mime_type (type, "image/svg+xml"));
  g_assert_nonnull (g_strstr_len (svg, MIN (size, 256), "<svg"));

  if (!have_svg_loader ())
    {
      g_test_skip ("no SVG loader for gdk-pixbuf here (Debian: librsvg2-common), which every desktop has");
      return;
    }

  /* Sniffed, not told the type: as GtkIconTheme loads it. */
  pixbuf = gdk_pixbuf_new_from_resource (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 0);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, gdk_pixbuf_get_width (pixbuf));

  /* The sizes a shell asks for. */
  small = gdk_pixbuf_new_from_resource_at_scale (path, 32, 32, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (small), ==, 32);
  g_assert_cmpint (gdk_pixbuf_get_height (small), ==, 32);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/icons/app", RESOURCE_ICONS "scalable/apps/" APP_ID ".svg", test_icon_loads);
  g_test_add_data_func ("/icons/symbolic", RESOURCE_ICONS "symbolic/apps/" APP_ID "-symbolic.svg", test_icon_loads);

  return g_test_run ();
}
