/* cx-scene.c: scenes, and the file they are kept and shared in
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-scene"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cx-data-pack.h"
#include "cx-json-util.h"
#include "cx-pack-error.h"
#include "cx-scene.h"

/* A scenes file holds a meeting's worth of views, not megabytes. */
#define CX_SCENES_MAX_FILE_SIZE (4 * 1024 * 1024)
#define CX_SCENES_MAX_SCENES 1000
#define CX_SCENES_MAX_TEXT 4096

struct _CxScene
{
  GObject parent_instance;

  char   *title;
  char   *note;
  double  latitude;
  double  longitude;
  double  zoom;
  GStrv   layers;
  char   *selection;
};

G_DEFINE_FINAL_TYPE (CxScene, cx_scene, G_TYPE_OBJECT)
G_DEFINE_QUARK (cx-scenes-error-quark, cx_scenes_error)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cx_scene_finalize (GObject *object)
{
  CxScene *self = (CxScene *) object;

  g_free (self->title);
  g_free (self->note);
  g_strfreev (self->layers);
  g_free (self->selection);

  G_OBJECT_CLASS (cx_scene_parent_class)->finalize (object);
}

static void
cx_scene_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CxScene *self = CX_SCENE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_scene_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CxScene *self = CX_SCENE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      cx_scene_set_title (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      cx_scene_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_scene_class_init (CxSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cx_scene_finalize;
  object_class->get_property = cx_scene_get_property;
  object_class->set_property = cx_scene_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "",
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cx_scene_init (CxScene *self)
{
  self->title = g_strdup ("");
  self->note = g_strdup ("");
  self->layers = g_new0 (char *, 1);
}

CxScene *
cx_scene_new (const char         *title,
              double              latitude,
              double              longitude,
              double              zoom,
              const char * const *visible_layers,
              const char         *selection)
{
  CxScene *self = g_object_new (CX_TYPE_SCENE, NULL);

  cx_scene_set_title (self, title);
  self->latitude = latitude;
  self->longitude = longitude;
  self->zoom = zoom;
  g_strfreev (self->layers);
  self->layers = g_strdupv ((char **) visible_layers);
  if (self->layers == NULL)
    self->layers = g_new0 (char *, 1);
  self->selection = g_strdup (selection);

  return self;
}

const char *cx_scene_get_title (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return self->title; }
const char *cx_scene_get_note (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return self->note; }
double cx_scene_get_latitude (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), 0); return self->latitude; }
double cx_scene_get_longitude (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), 0); return self->longitude; }
double cx_scene_get_zoom (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), 0); return self->zoom; }
const char * const *cx_scene_get_layers (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return (const char * const *) self->layers; }
const char *cx_scene_get_selection (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return self->selection; }

void
cx_scene_set_title (CxScene    *self,
                    const char *title)
{
  g_return_if_fail (CX_IS_SCENE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
cx_scene_set_note (CxScene    *self,
                   const char *note)
{
  g_return_if_fail (CX_IS_SCENE (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note != NULL ? note : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static gboolean
scene_error (GError    **error,
             guint       index,
             const char *problem)
{
  g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_VALUE,
               _("scene %u: %s"), index + 1, problem);
  return FALSE;
}

static const char *
text_member (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
number_member (JsonObject *o,
               const char *name,
               double     *out)
{
  JsonNode *node = json_object_get_member (o, name);
  GType t;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

static CxScene *
parse_scene (JsonNode  *node,
             guint      index,
             GError   **error)
{
  g_autoptr(GStrvBuilder) layers = g_strv_builder_new ();
  g_auto(GStrv) layer_ids = NULL;
  JsonObject *o;
  JsonNode *center, *layers_node, *selection_node;
  const char *title, *note, *selection = NULL;
  double zoom, lat, lon;
  CxScene *scene;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return scene_error (error, index, _("must be an object")), NULL;
  o = json_node_get_object (node);

  title = text_member (o, "title");
  if (title == NULL || title[0] == '\0' || strlen (title) > CX_SCENES_MAX_TEXT)
    return scene_error (error, index, _("needs a “title” (text)")), NULL;
  note = text_member (o, "note");
  if (json_object_has_member (o, "note") && (note == NULL || strlen (note) > CX_SCENES_MAX_TEXT))
    return scene_error (error, index, _("“note” must be text")), NULL;

  center = json_object_get_member (o, "center");
  if (center == NULL || !JSON_NODE_HOLDS_ARRAY (center) || json_array_get_length (json_node_get_array (center)) != 2)
    return scene_error (error, index, _("needs a “center” [longitude, latitude]")), NULL;
  {
    JsonArray *a = json_node_get_array (center);
    JsonNode *x = json_array_get_element (a, 0), *y = json_array_get_element (a, 1);

    if (!JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y) ||
        (json_node_get_value_type (x) != G_TYPE_DOUBLE && json_node_get_value_type (x) != G_TYPE_INT64) ||
        (json_node_get_value_type (y) != G_TYPE_DOUBLE && json_node_get_value_type (y) != G_TYPE_INT64))
      return scene_error (error, index, _("“center” must hold two numbers")), NULL;
    lon = json_node_get_double (x);
    lat = json_node_get_double (y);
  }
  if (!isfinite (lat) || !isfinite (lon) || lat < -85.05 || lat > 85.05 || lon < -180 || lon > 180)
    return scene_error (error, index, _("“center” is not a position on the map")), NULL;

  if (!number_member (o, "zoom", &zoom) || zoom < 0 || zoom > 20)
    return scene_error (error, index, _("needs a “zoom” from 0 to 20")), NULL;

  layers_node = json_object_get_member (o, "layers");
  if (layers_node == NULL || !JSON_NODE_HOLDS_ARRAY (layers_node))
    return scene_error (error, index, _("needs “layers”, a list of layer ids")), NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (layers_node)); i++)
    {
      JsonNode *id = json_array_get_element (json_node_get_array (layers_node), i);

      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
          !cx_is_valid_id (json_node_get_string (id)))
        return scene_error (error, index, _("“layers” must hold layer ids")), NULL;
      g_strv_builder_add (layers, json_node_get_string (id));
    }

  selection_node = json_object_get_member (o, "selection");
  if (selection_node != NULL && !JSON_NODE_HOLDS_NULL (selection_node))
    {
      selection = text_member (o, "selection");
      if (selection == NULL || !cx_is_valid_id (selection))
        return scene_error (error, index, _("“selection” must be an id or null")), NULL;
    }

  layer_ids = g_strv_builder_end (layers);
  scene = cx_scene_new (title, lat, lon, zoom, (const char * const *) layer_ids, selection);
  cx_scene_set_note (scene, note);
  return scene;
}

/**
 * cx_scenes_from_bytes:
 *
 * Reads a scenes file strictly: a file with one bad scene is refused whole,
 * so that nothing is half-loaded and then saved over the original.
 *
 * Returns: (transfer full): a store of CxScene, or %NULL with @error set
 */
GListStore *
cx_scenes_from_bytes (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CX_TYPE_SCENE);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *o;
  JsonNode *scenes;
  JsonArray *array;
  const char *format;
  double version;

  if (g_bytes_get_size (bytes) > CX_SCENES_MAX_FILE_SIZE)
    {
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_PARSE, _("the file is too large to be a scenes file"));
      return NULL;
    }

  root = cx_json_parse_bytes (bytes, _("scenes file"), &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, CX_SCENES_ERROR, CX_SCENES_ERROR_PARSE, local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (format = text_member (json_node_get_object (root), "format")) == NULL ||
      !g_str_equal (format, "changning-explorer-scenes"))
    {
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_FORMAT, _("this is not a Changning Explorer scenes file"));
      return NULL;
    }

  o = json_node_get_object (root);
  if (!number_member (o, "version", &version) || version != 1)
    {
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_FORMAT,
                   _("this scenes file was made by a newer version of Changning Explorer"));
      return NULL;
    }

  scenes = json_object_get_member (o, "scenes");
  if (scenes == NULL || !JSON_NODE_HOLDS_ARRAY (scenes))
    {
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_FORMAT, _("the file has no list of scenes"));
      return NULL;
    }

  array = json_node_get_array (scenes);
  if (json_array_get_length (array) > CX_SCENES_MAX_SCENES)
    {
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_VALUE,
                   _("the file holds more than %d scenes"), CX_SCENES_MAX_SCENES);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CxScene) scene = parse_scene (json_array_get_element (array, i), i, error);

      if (scene == NULL)
        return NULL;
      g_list_store_append (store, scene);
    }

  return g_steal_pointer (&store);
}

GBytes *
cx_scenes_to_bytes (GListModel *scenes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *data;
  gsize len;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "changning-explorer-scenes");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "scenes");
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (scenes); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, scene->title);
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, scene->note);
      json_builder_set_member_name (builder, "center");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, scene->longitude);
      json_builder_add_double_value (builder, scene->latitude);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "zoom");
      json_builder_add_double_value (builder, scene->zoom);
      json_builder_set_member_name (builder, "layers");
      json_builder_begin_array (builder);
      for (guint k = 0; scene->layers[k] != NULL; k++)
        json_builder_add_string_value (builder, scene->layers[k]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "selection");
      if (scene->selection != NULL)
        json_builder_add_string_value (builder, scene->selection);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = cx_json_generator_to_data (generator, &len);

  return g_bytes_new_take (data, len);
}

/**
 * cx_scenes_load_file:
 * @moved_aside: (out) (optional): where a corrupt file was moved, if it was
 *
 * Loads a scenes file. A missing file is an empty list. A file that cannot
 * be read as scenes is never dropped: it is renamed to
 * `NAME.corrupt-YYYYMMDD-HHMMSS` next to itself, and @error says so.
 *
 * Returns: (transfer full) (nullable): the scenes; %NULL with @error set
 */
GListStore *
cx_scenes_load_file (GFile   *file,
                     char   **moved_aside,
                     GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GListStore) store = NULL;

  if (moved_aside != NULL)
    *moved_aside = NULL;

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_list_store_new (CX_TYPE_SCENE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  store = cx_scenes_from_bytes (bytes, &local_error);
  if (store == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);

      if (path != NULL && g_rename (path, aside) == 0)
        {
          g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_PARSE,
                       _("Your scenes could not be read (%s). The file was kept as %s."),
                       local_error->message, aside);
          if (moved_aside != NULL)
            *moved_aside = g_steal_pointer (&aside);
        }
      else
        g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_PARSE,
                     _("Your scenes could not be read (%s), and the file could not be moved aside."),
                     local_error->message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* Written to a temporary file, then renamed over the old one: a crash or a
 * full disk leaves the previous file intact. */
gboolean
cx_scenes_save_file (GListModel  *scenes,
                     GFile       *file,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = cx_scenes_to_bytes (scenes);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Scenes can only be saved to local files"));
      return FALSE;
    }

  if (parent != NULL && !g_file_make_directory_with_parents (parent, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/**
 * cx_scenes_default_file:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/changning-explorer/scenes.json`
 */
GFile *
cx_scenes_default_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "changning-explorer", "scenes.json", NULL);

  return g_file_new_for_path (path);
}

/**
 * cx_scenes_find:
 *
 * Returns: (transfer none) (nullable): the first scene with this title
 *   (case-insensitive), or the N-th when @title is a number from 1
 */
CxScene *
cx_scenes_find (GListModel *scenes,
                const char *title)
{
  char *end = NULL;
  guint64 n;

  if (title == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (scenes); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);
      g_autofree char *a = g_utf8_casefold (scene->title, -1);
      g_autofree char *b = g_utf8_casefold (title, -1);

      if (g_str_equal (a, b))
        return scene;
    }

  n = g_ascii_strtoull (title, &end, 10);
  if (end != title && *end == '\0' && n >= 1 && n <= g_list_model_get_n_items (scenes))
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, (guint) n - 1);
      return scene;
    }

  return NULL;
}
