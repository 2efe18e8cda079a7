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
#include "cx-json-scanner.h"
#include "cx-json-util.h"
#include "cx-annotations.h"
#include "cx-pack-error.h"
#include "cx-scene.h"
#include "cx-store-util.h"

struct _CxScene
{
  GObject parent_instance;

  char   *id;       /* the same scene in two processes' lists (cx-scene-list.c) */
  char   *title;
  char   *note;
  double  latitude;
  double  longitude;
  double  zoom;
  /* What the scene is about, to fit into whatever screen or page shows it
   * (cx_scene_get_extent()); empty in files of earlier versions, whose
   * scenes are shown at their centre and zoom. */
  CxBounds extent;
  GStrv   layers;
  char   *selection;
  /* What was drawn on the map in the scene (CxAnnotation, immutable, so
   * shared with copies and with the window's CxAnnotations); empty in
   * files of earlier versions. */
  GPtrArray *annotations;
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

  g_free (self->id);
  g_free (self->title);
  g_free (self->note);
  g_strfreev (self->layers);
  g_free (self->selection);
  g_ptr_array_unref (self->annotations);

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
  self->id = g_uuid_string_random ();
  self->title = g_strdup ("");
  self->note = g_strdup ("");
  self->layers = g_new0 (char *, 1);
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  cx_bounds_init_empty (&self->extent);
}

/* A box a scenes file holds: on the map, west to east and south to north
 * (a point is a box too: a scene about one place). */
static gboolean
is_valid_extent (double west,
                 double south,
                 double east,
                 double north)
{
  return isfinite (west) && isfinite (south) && isfinite (east) && isfinite (north) &&
         west >= -180 && east <= 180 && south >= -85.05 && north <= 85.05 &&
         west <= east && south <= north;
}

/* The same marks in the same order; their ids may differ (a scene read
 * from a file against the same scene copied). */
static gboolean
same_annotations (GPtrArray *a,
                  GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!cx_annotation_same_content (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
same_extent (const CxBounds *a,
             const CxBounds *b)
{
  if (cx_bounds_is_empty (a) || cx_bounds_is_empty (b))
    return cx_bounds_is_empty (a) == cx_bounds_is_empty (b);
  return a->min_x == b->min_x && a->min_y == b->min_y && a->max_x == b->max_x && a->max_y == b->max_y;
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

const char *cx_scene_get_id (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return self->id; }
const char *cx_scene_get_title (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return self->title; }
const char *cx_scene_get_note (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return self->note; }
double cx_scene_get_latitude (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), 0); return self->latitude; }
double cx_scene_get_longitude (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), 0); return self->longitude; }
double cx_scene_get_zoom (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), 0); return self->zoom; }
const char * const *cx_scene_get_layers (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return (const char * const *) self->layers; }
const char *cx_scene_get_selection (CxScene *self) { g_return_val_if_fail (CX_IS_SCENE (self), NULL); return self->selection; }

/**
 * cx_scene_copy:
 *
 * Returns: (transfer full): a scene like @self, with the same id
 */
CxScene *
cx_scene_copy (CxScene *self)
{
  CxScene *copy;

  g_return_val_if_fail (CX_IS_SCENE (self), NULL);

  copy = cx_scene_new (self->title, self->latitude, self->longitude, self->zoom,
                       (const char * const *) self->layers, self->selection);
  cx_scene_set_note (copy, self->note);
  copy->extent = self->extent;
  cx_scene_set_annotations (copy, self->annotations);
  g_free (copy->id);
  copy->id = g_strdup (self->id);
  return copy;
}

/**
 * cx_scene_get_extent:
 * @extent: (out): the box (degrees, WGS84) the scene shows whole
 *
 * Returns: whether the scene has one; scenes saved by earlier versions
 *   have only a centre and a zoom, which hold for the screen they were
 *   saved on
 */
gboolean
cx_scene_get_extent (CxScene  *self,
                     CxBounds *extent)
{
  g_return_val_if_fail (CX_IS_SCENE (self), FALSE);

  *extent = self->extent;
  return !cx_bounds_is_empty (&self->extent);
}

/**
 * cx_scene_set_extent:
 * @extent: (nullable): what the scene shows whole, %NULL or empty for none
 *
 * A box that no scenes file could hold (not finite, off the map, or upside
 * down) is not taken: the scene then has none.
 */
void
cx_scene_set_extent (CxScene        *self,
                     const CxBounds *extent)
{
  g_return_if_fail (CX_IS_SCENE (self));

  if (extent != NULL && is_valid_extent (extent->min_x, extent->min_y, extent->max_x, extent->max_y))
    self->extent = *extent;
  else
    cx_bounds_init_empty (&self->extent);
}

/**
 * cx_scene_same_content:
 *
 * Returns: whether @a and @b show and say the same (whatever their ids)
 */
gboolean
cx_scene_same_content (CxScene *a,
                       CxScene *b)
{
  g_return_val_if_fail (CX_IS_SCENE (a) && CX_IS_SCENE (b), FALSE);

  return g_str_equal (a->title, b->title) && g_str_equal (a->note, b->note) &&
         a->latitude == b->latitude && a->longitude == b->longitude && a->zoom == b->zoom &&
         same_extent (&a->extent, &b->extent) &&
         g_strv_equal ((const char * const *) a->layers, (const char * const *) b->layers) &&
         g_strcmp0 (a->selection, b->selection) == 0 &&
         same_annotations (a->annotations, b->annotations);
}

/**
 * cx_scene_get_annotations:
 *
 * Returns: (transfer none) (element-type CxAnnotation): what was drawn on
 *   the map in the scene, in drawing order; empty, never %NULL
 */
GPtrArray *
cx_scene_get_annotations (CxScene *self)
{
  g_return_val_if_fail (CX_IS_SCENE (self), NULL);

  return self->annotations;
}

/**
 * cx_scene_set_annotations:
 * @annotations: (nullable) (element-type CxAnnotation): the annotations,
 *   or %NULL for none
 *
 * Keeps references to @annotations (values that never change), not the
 * array.
 */
void
cx_scene_set_annotations (CxScene   *self,
                          GPtrArray *annotations)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (CX_IS_SCENE (self));

  old = g_steal_pointer (&self->annotations);
  self->annotations = g_ptr_array_new_full (annotations != NULL ? annotations->len : 0, g_object_unref);
  if (annotations != NULL)
    for (guint i = 0; i < annotations->len; i++)
      g_ptr_array_add (self->annotations, g_object_ref (g_ptr_array_index (annotations, i)));
}

/**
 * cx_scene_set_new_id:
 *
 * Gives @self an id of its own: a copy kept beside the scene it was copied
 * from.
 */
void
cx_scene_set_new_id (CxScene *self)
{
  g_return_if_fail (CX_IS_SCENE (self));

  g_free (self->id);
  self->id = g_uuid_string_random ();
}

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

static gboolean
number_member (JsonObject *o,
               const char *name,
               double     *out)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && cx_json_node_get_finite (node, out);
}

/* Ids are [a-z0-9-], 1 to 64 characters (uuids, and derived ones). */
static gboolean
is_scene_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (id[i]) || g_ascii_isdigit (id[i]) || id[i] == '-'))
      return FALSE;
  return TRUE;
}

static CxScene *
parse_scene (JsonNode  *node,
             guint      index,
             GError   **error)
{
  g_autoptr(GStrvBuilder) layers = g_strv_builder_new ();
  g_auto(GStrv) layer_ids = NULL;
  JsonObject *o;
  JsonNode *center, *layers_node, *selection_node, *extent_node, *annotations_node;
  g_autoptr(GPtrArray) annotations = NULL;
  const char *title, *note, *selection = NULL, *scene_id;
  double zoom, lat, lon, box[4];
  gboolean has_extent = FALSE;
  CxScene *scene;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return scene_error (error, index, _("must be an object")), NULL;
  o = json_node_get_object (node);

  title = cx_json_member_string (o, "title");
  if (title == NULL || title[0] == '\0' || strlen (title) > CX_SCENES_MAX_TEXT)
    return scene_error (error, index, _("needs a “title” (text)")), NULL;
  note = cx_json_member_string (o, "note");
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

  /* Since 0.9; optional: older files have none. */
  extent_node = json_object_get_member (o, "extent");
  if (extent_node != NULL && !JSON_NODE_HOLDS_NULL (extent_node))
    {
      JsonArray *a = JSON_NODE_HOLDS_ARRAY (extent_node) ? json_node_get_array (extent_node) : NULL;

      if (a == NULL || json_array_get_length (a) != 4)
        return scene_error (error, index, _("“extent” must be [west, south, east, north]")), NULL;
      for (guint k = 0; k < 4; k++)
        {
          JsonNode *v = json_array_get_element (a, k);

          if (!JSON_NODE_HOLDS_VALUE (v) ||
              (json_node_get_value_type (v) != G_TYPE_DOUBLE && json_node_get_value_type (v) != G_TYPE_INT64))
            return scene_error (error, index, _("“extent” must be [west, south, east, north]")), NULL;
          box[k] = json_node_get_double (v);
        }
      if (!is_valid_extent (box[0], box[1], box[2], box[3]))
        return scene_error (error, index, _("“extent” is not a box on the map, west to east and south to north")), NULL;
      has_extent = TRUE;
    }

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
      selection = cx_json_member_string (o, "selection");
      if (selection == NULL || !cx_is_valid_id (selection))
        return scene_error (error, index, _("“selection” must be an id or null")), NULL;
    }

  /* Since 1.1; optional: older files have none. GeoJSON Features, read by
   * the same rules as an imported annotations file. */
  annotations_node = json_object_get_member (o, "annotations");
  if (annotations_node != NULL)
    {
      g_autoptr(GError) annotations_error = NULL;

      /* Translators: where in a scene a problem is, as in
       * "scene 1: annotations: feature 2: the point: latitude 95 is outside −90…90" */
      annotations = cx_annotations_from_json_array (annotations_node, _("annotations"), &annotations_error);
      if (annotations == NULL)
        return scene_error (error, index, annotations_error->message), NULL;
    }

  layer_ids = g_strv_builder_end (layers);
  scene = cx_scene_new (title, lat, lon, zoom, (const char * const *) layer_ids, selection);
  cx_scene_set_note (scene, note);
  cx_scene_set_annotations (scene, annotations);
  if (has_extent)
    {
      scene->extent.min_x = box[0];
      scene->extent.min_y = box[1];
      scene->extent.max_x = box[2];
      scene->extent.max_y = box[3];
    }

  /* Files of earlier versions, the pack's starters and hand-made files
   * have none; a bad one is not worth refusing the file for. Either way
   * the scene gets one derived from it (derive_ids()). */
  g_clear_pointer (&scene->id, g_free);
  scene_id = cx_json_member_string (o, "id");
  if (scene_id != NULL && is_scene_id (scene_id))
    scene->id = g_strdup (scene_id);
  return scene;
}

/* A scene read without an id (or with one already taken) gets one made
 * from its place and content, the same in every process that reads the
 * same file: two processes that read a file of an earlier version agree on
 * which scene is which. */
static void
derive_ids (GListStore *store)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (scene->id != NULL && g_hash_table_contains (taken, scene->id))
        g_clear_pointer (&scene->id, g_free);

      if (scene->id == NULL)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *layers = g_strjoinv (",", scene->layers);
          g_autofree char *hash = NULL;

          g_string_append_printf (text, "%u\n%s\n%s\n%.17g %.17g %.17g\n%s\n%s", i, scene->title, scene->note,
                                  scene->longitude, scene->latitude, scene->zoom, layers,
                                  scene->selection != NULL ? scene->selection : "");
          hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, (gssize) text->len);
          scene->id = g_strdup_printf ("h-%.16s", hash);
          /* Taken by a later scene's own id already: then by position alone. */
          if (g_hash_table_contains (taken, scene->id))
            {
              g_free (scene->id);
              scene->id = g_strdup_printf ("h-%.16s-%u", hash, i);
            }
        }
      g_hash_table_add (taken, scene->id);
    }
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
      (format = cx_json_member_string (json_node_get_object (root), "format")) == NULL ||
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

  derive_ids (store);
  return g_steal_pointer (&store);
}

/**
 * cx_scenes_check_count:
 *
 * Whether a scenes file may hold @n_scenes (%CX_SCENES_MAX_SCENES).
 *
 * Returns: %FALSE with %CX_SCENES_ERROR_LIMIT, saying what to do, if not
 */
gboolean
cx_scenes_check_count (guint     n_scenes,
                       GError  **error)
{
  if (n_scenes <= CX_SCENES_MAX_SCENES)
    return TRUE;

  g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT,
               _("that would make %u scenes, and a scenes file holds at most %u. Delete some scenes first (export them to keep a copy)"),
               n_scenes, CX_SCENES_MAX_SCENES);
  return FALSE;
}

/**
 * cx_scenes_check_text:
 * @note: (nullable): the note
 *
 * Whether a scene's title and note fit in a scenes file
 * (%CX_SCENES_MAX_TEXT bytes each, and a title is not empty).
 *
 * Returns: %FALSE with %CX_SCENES_ERROR_LIMIT, saying which, if not
 */
gboolean
cx_scenes_check_text (const char  *title,
                      const char  *note,
                      GError     **error)
{
  if (title == NULL || title[0] == '\0')
    {
      g_set_error_literal (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT, _("a scene needs a title"));
      return FALSE;
    }
  if (strlen (title) > CX_SCENES_MAX_TEXT)
    {
      /* TRANSLATORS: %u is 4096; about a third as many Chinese characters fit */
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT,
                   _("a scene’s title holds at most %u bytes (about 4,000 letters, or 1,300 Chinese characters). Shorten it"),
                   CX_SCENES_MAX_TEXT);
      return FALSE;
    }
  if (note != NULL && strlen (note) > CX_SCENES_MAX_TEXT)
    {
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT,
                   _("a scene’s note holds at most %u bytes (about 4,000 letters, or 1,300 Chinese characters). Shorten it"),
                   CX_SCENES_MAX_TEXT);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
scene_to_node (CxScene *scene)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, scene->id);
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
  if (!cx_bounds_is_empty (&scene->extent))
    {
      json_builder_set_member_name (builder, "extent");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, scene->extent.min_x);
      json_builder_add_double_value (builder, scene->extent.min_y);
      json_builder_add_double_value (builder, scene->extent.max_x);
      json_builder_add_double_value (builder, scene->extent.max_y);
      json_builder_end_array (builder);
    }
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
  /* Only where there are some, so that a file without annotations stays
   * as earlier versions wrote it (and read it). */
  if (scene->annotations->len > 0)
    {
      json_builder_set_member_name (builder, "annotations");
      json_builder_add_value (builder, cx_annotations_to_json_array (scene->annotations));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The file's text, or %NULL when a limit of the reader would be broken. */
static GBytes *
serialize (GListModel  *scenes,
           GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) text = g_string_new ("{\n  \"format\": \"changning-explorer-scenes\",\n  \"version\": 1,\n  \"scenes\": [");
  guint n = g_list_model_get_n_items (scenes);

  if (!cx_scenes_check_count (n, error))
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (scenes, i);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *line = NULL;
      g_autoptr(GError) text_error = NULL;
      gsize len;

      if (!cx_scenes_check_text (scene->title, scene->note, &text_error))
        {
          g_autofree char *excerpt = cx_error_excerpt (scene->title);

          g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT,
                       _("scene %u (“%s”): %s"), i + 1, excerpt, text_error->message);
          return NULL;
        }

      node = scene_to_node (scene);
      json_generator_set_root (generator, node);
      line = cx_json_generator_to_data (generator, &len);
      g_string_append (text, i == 0 ? "\n    " : ",\n    ");
      g_string_append_len (text, line, len);

      /* Stop early: the size can only grow. */
      if (text->len > CX_SCENES_MAX_FILE_SIZE)
        break;
    }
  g_string_append (text, n > 0 ? "\n  ]\n}\n" : "]\n}\n");

  if (text->len > CX_SCENES_MAX_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size_full (CX_SCENES_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT,
                   _("the scenes would take more than %s, the most a scenes file holds. Delete some scenes or shorten long notes first (export them to keep a copy)"),
                   limit);
      return NULL;
    }

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/**
 * cx_scenes_check_fits:
 *
 * Whether @scenes can be written as a scenes file that loads again: at
 * most %CX_SCENES_MAX_SCENES, titles and notes of at most
 * %CX_SCENES_MAX_TEXT bytes, at most %CX_SCENES_MAX_FILE_SIZE written.
 * For refusing a change before it is made.
 *
 * Returns: %FALSE with %CX_SCENES_ERROR_LIMIT, saying which limit and what
 *   to do, if not
 */
gboolean
cx_scenes_check_fits (GListModel  *scenes,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = serialize (scenes, error);

  return bytes != NULL;
}

/**
 * cx_scenes_to_bytes:
 *
 * Writes a scenes file: one scene a line, each compact, so that the file
 * stays readable and diffable without the indentation that made a 999-scene
 * file 141 KB larger (pretty-printed, 4,149,797 bytes became 4,291,020,
 * over the limit). A list that breaks a limit of the reader (count, text,
 * size) is refused with words saying which and what to do; and what is
 * written is read back by the reader before it is returned, so nothing the
 * app writes can fail to load.
 *
 * Returns: (transfer full) (nullable): the file's bytes, or %NULL with
 *   %CX_SCENES_ERROR_LIMIT
 */
GBytes *
cx_scenes_to_bytes (GListModel  *scenes,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = serialize (scenes, error);
  g_autoptr(GListStore) back = NULL;
  g_autoptr(GError) read_error = NULL;

  if (bytes == NULL)
    return NULL;

  back = cx_scenes_from_bytes (bytes, &read_error);
  if (back == NULL || g_list_model_get_n_items (G_LIST_MODEL (back)) != g_list_model_get_n_items (scenes))
    {
      /* Never expected: the checks above are the reader's. Said, not written. */
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_LIMIT,
                   _("the scenes would not load again once written (%s), so nothing was written"),
                   read_error != NULL ? read_error->message : "?");
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* A save that died before its rename leaves "scenes.json.partial-XXXXXX"
 * beside the file. (Only that name: the folder is the user's too, and a
 * "scenes.json.backup" of theirs must never be taken for one.) A complete one (it loads) is the newest save and takes the
 * file's place, unless the file itself is there but cannot be read, which
 * is then left for the user to decide about; an incomplete one is removed.
 * Either way @notices says so. */
static void
recover_interrupted_saves (GFile   *file,
                           GString *notices)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean file_usable = TRUE;

  if (parent == NULL)
    return;
  names = cx_store_list_temporaries (parent, FALSE);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *target = cx_store_temp_target (name, FALSE);

      if (g_str_equal (target, basename))
        g_ptr_array_add (temps, g_file_get_child (parent, name));
    }

  if (temps->len == 0)
    return;

  /* Replace the file only when nothing of the user's is in it that a
   * complete save does not hold too: missing, or readable as scenes. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = cx_store_read_file (file, CX_SCENES_MAX_FILE_SIZE, NULL, &error);
    g_autoptr(GListStore) current = NULL;

    if (bytes != NULL)
      current = cx_scenes_from_bytes (bytes, NULL);
    file_usable = current != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  for (guint i = 0; i < temps->len; i++)
    {
      GFile *temp = g_ptr_array_index (temps, i);
      g_autofree char *temp_name = g_file_get_basename (temp);
      g_autoptr(GBytes) bytes = cx_store_read_file (temp, CX_SCENES_MAX_FILE_SIZE, NULL, NULL);
      g_autoptr(GListStore) scenes = bytes != NULL ? cx_scenes_from_bytes (bytes, NULL) : NULL;
      g_autoptr(GError) error = NULL;

      if (notices->len > 0)
        g_string_append_c (notices, '\n');

      if (scenes != NULL && file_usable)
        {
          if (g_file_move (temp, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                           NULL, NULL, NULL, &error))
            g_string_append_printf (notices, _("A save of your scenes was interrupted; it was complete and was recovered from %s."),
                                    temp_name);
          else
            g_string_append_printf (notices, _("A save of your scenes was interrupted; the complete copy %s could not be put in place: %s"),
                                    temp_name, error->message);
        }
      else if (scenes != NULL)
        g_string_append_printf (notices, _("A save of your scenes was interrupted; its complete copy was kept as %s."),
                                temp_name);
      else if (g_file_delete (temp, NULL, &error))
        g_string_append_printf (notices, _("A save of your scenes was interrupted before it was complete; the unfinished copy %s was removed (your saved scenes were not affected)."),
                                temp_name);
      else
        g_string_append_printf (notices, _("A save of your scenes was interrupted; its unfinished copy %s could not be removed: %s"),
                                temp_name, error->message);
    }
}

/**
 * cx_scenes_load_file_full:
 * @moved_aside: (out) (optional): where a corrupt file was moved, if it was
 * @notices: (out) (optional) (nullable): what was done about files an
 *   interrupted save left, one line each; %NULL if nothing
 *
 * Loads a scenes file; a missing file is an empty list. Nothing the user
 * made is ever dropped:
 *
 * - a file that can be read but not understood is renamed to
 *   `NAME.corrupt-YYYYMMDD-HHMMSS` beside itself, and @error says so;
 * - a file that cannot be read at all (permission denied, an I/O error, a
 *   folder, a pipe or device, too large) is left where it is, @error is
 *   %CX_SCENES_ERROR_READ, and @moved_aside stays %NULL. The caller must
 *   then not save over it until the user has chosen (see
 *   cx_scenes_keep_aside());
 * - files an interrupted save left beside it are recovered when complete
 *   and removed when not, and @notices says which.
 *
 * Returns: (transfer full) (nullable): the scenes; %NULL with @error set
 */
GListStore *
cx_scenes_load_file_full (GFile   *file,
                          char   **moved_aside,
                          char   **notices,
                          GError **error)
{
  return cx_scenes_load_file_identity (file, moved_aside, notices, NULL, error);
}

/**
 * cx_scenes_load_file_identity:
 * @identity: (out) (optional): which file the scenes were read from (the
 *   one that was read, even if another has replaced it since); `exists` is
 *   %FALSE when there was none, or it was moved aside
 *
 * cx_scenes_load_file_full(), telling which file it read: a save can then
 * see whether another process has saved since (cx-scene-list.c).
 */
GListStore *
cx_scenes_load_file_identity (GFile            *file,
                              char            **moved_aside,
                              char            **notices,
                              CxStoreIdentity  *identity,
                              GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *shown = g_file_get_parse_name (file);
  CxStoreIdentity read_identity = { 0, };

  if (moved_aside != NULL)
    *moved_aside = NULL;
  if (notices != NULL)
    *notices = NULL;

  if (identity != NULL)
    memset (identity, 0, sizeof *identity);

  /* Not while another process saves here: its temporary is not debris. */
  {
    g_autoptr(GFile) parent = g_file_get_parent (file);
    int lock = parent != NULL && g_file_query_exists (parent, NULL) ? cx_store_lock_dir (parent, NULL) : -1;

    if (lock >= 0)
      recover_interrupted_saves (file, notes);
    cx_store_unlock_dir (lock);
  }
  if (notices != NULL && notes->len > 0)
    *notices = g_strdup (notes->str);

  bytes = cx_store_read_file_full (file, CX_SCENES_MAX_FILE_SIZE, NULL, &read_identity, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_list_store_new (CX_TYPE_SCENE);
      g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_READ,
                   _("Your scenes file %s could not be read: %s. It was left as it is, and nothing is saved over it until you choose: try again once the problem is fixed, or keep it aside and start afresh."),
                   shown, local_error->message);
      return NULL;
    }

  store = cx_scenes_from_bytes (bytes, &local_error);
  if (store == NULL)
    {
      g_autofree char *aside = NULL;
      g_autoptr(GError) move_error = NULL;

      if (cx_store_move_aside (file, &aside, &move_error))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autoptr(GFile) aside_file = g_file_get_child (parent, aside);
          g_autofree char *aside_path = g_file_get_parse_name (aside_file);

          g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_PARSE,
                       _("Your scenes could not be read (%s). The file was kept as %s."),
                       local_error->message, aside_path);
          if (moved_aside != NULL)
            *moved_aside = g_steal_pointer (&aside_path);
        }
      else
        g_set_error (error, CX_SCENES_ERROR, CX_SCENES_ERROR_READ,
                     _("Your scenes could not be read (%s), and the file could not be moved aside (%s). It was left as it is, and nothing is saved over it until you choose: try again once the problem is fixed, or keep it aside and start afresh."),
                     local_error->message, move_error->message);
      return NULL;
    }

  if (identity != NULL)
    *identity = read_identity;
  return g_steal_pointer (&store);
}

/**
 * cx_scenes_load_file:
 *
 * cx_scenes_load_file_full() without the notices.
 */
GListStore *
cx_scenes_load_file (GFile   *file,
                     char   **moved_aside,
                     GError **error)
{
  return cx_scenes_load_file_full (file, moved_aside, NULL, error);
}

/**
 * cx_scenes_keep_aside:
 * @kept_as: (out) (optional): the path it was moved to
 *
 * Moves a scenes file that could not be loaded aside, intact, as
 * `NAME.corrupt-YYYYMMDD-HHMMSS`, so that saving can start afresh. Whatever
 * the file is (a folder, a pipe, a link) it is renamed, never opened.
 *
 * Returns: %TRUE when the file is out of the way (or was not there)
 */
gboolean
cx_scenes_keep_aside (GFile   *file,
                      char   **kept_as,
                      GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (kept_as != NULL)
    *kept_as = NULL;

  if (!cx_store_move_aside (file, &aside, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (kept_as != NULL)
    {
      g_autoptr(GFile) aside_file = g_file_get_child (parent, aside);
      *kept_as = g_file_get_parse_name (aside_file);
    }
  return TRUE;
}

/* Written to a temporary file, then renamed over the old one: a crash or a
 * full disk leaves the previous file intact. A list that breaks a limit of
 * the reader is refused (%CX_SCENES_ERROR_LIMIT) and nothing is touched. */
gboolean
cx_scenes_save_file (GListModel  *scenes,
                     GFile       *file,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Scenes can only be saved to local files"));
      return FALSE;
    }

  /* Before anything is written: a list the reader would refuse is not. */
  bytes = cx_scenes_to_bytes (scenes, error);
  if (bytes == NULL)
    return FALSE;

  if (parent != NULL && !cx_store_ensure_dir (parent, error))
    return FALSE;

  return cx_store_write_atomic (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0644, error);
}

/* Scenes → Import reads a file the user chose, which may be anything; in
 * a thread. */
static gpointer
load_shared (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GListStore *scenes;

  if (g_file_is_native (file))
    bytes = cx_store_read_file (file, CX_SCENES_MAX_FILE_SIZE, cancellable, error);
  else
    {
      /* A remote file (a GVfs mount): read at most one byte past the limit. */
      g_autoptr(GInputStream) stream = G_INPUT_STREAM (g_file_read (file, cancellable, error));
      g_autofree char *buffer = NULL;
      gsize n = 0;

      if (stream != NULL)
        {
          buffer = g_malloc (CX_SCENES_MAX_FILE_SIZE + 2);
          if (g_input_stream_read_all (stream, buffer, CX_SCENES_MAX_FILE_SIZE + 1, &n, cancellable, error))
            {
              buffer[n] = '\0';
              bytes = g_bytes_new_take (g_steal_pointer (&buffer), n);
            }
        }
    }

  if (bytes == NULL)
    return NULL;

  scenes = cx_scenes_from_bytes (bytes, error);
  /* New scenes here, even from a file exported here: ids of their own. */
  for (guint i = 0; scenes != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (scenes)); i++)
    {
      g_autoptr(CxScene) scene = g_list_model_get_item (G_LIST_MODEL (scenes), i);
      cx_scene_set_new_id (scene);
    }
  return scenes;
}

/**
 * cx_scenes_load_shared_async:
 * @file: a scenes file someone shared; any file the user chose
 *
 * Reads and checks @file in a thread: only a regular file, at most
 * %CX_SCENES_MAX_FILE_SIZE bytes, so neither a pipe nor a huge file can
 * block the window.
 */
void
cx_scenes_load_shared_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));

  cx_store_run_file_task (file, cx_scenes_load_shared_async, "[cx-scene] load shared",
                          cancellable, callback, user_data, load_shared, g_object_unref);
}

/**
 * cx_scenes_load_shared_finish:
 *
 * Returns: (transfer full): the scenes, or %NULL with @error set
 */
GListStore *
cx_scenes_load_shared_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cx_scenes_load_shared_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
