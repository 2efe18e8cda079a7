/* cx-annotations.c: the annotations of a meeting, with undo and redo, and as GeoJSON
 *
 * Every edit is one splice of the list: at a position, some annotations
 * out and some in (an add takes none out, a delete puts none in, an edit
 * takes one out and puts its new value in, clearing takes all out). The
 * undo stack keeps the splices; undoing one is the same splice backwards.
 * Annotations are immutable values, so a splice holds references, never
 * copies, and a step costs a few pointers however long the strokes are.
 *
 * The GeoJSON side writes a FeatureCollection that QGIS and geojson.io
 * draw in the annotations' colours (simplestyle-spec) and reads one back
 * through the same strict scanner and geometry checks as any imported
 * layer (cx_json_parse_bytes(), cx_geojson_parse_geometry()), so a hostile
 * file is refused with the same words.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-annotations"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cx-annotations.h"
#include "cx-geojson.h"
#include "cx-json-scanner.h"
#include "cx-json-util.h"
#include "cx-pack-error.h"

#define KIND_MEMBER "changning-explorer:kind"

typedef struct
{
  guint      position;
  GPtrArray *removed;   /* CxAnnotation, owned */
  GPtrArray *added;     /* CxAnnotation, owned */
} Splice;

struct _CxAnnotations
{
  GObject    parent_instance;

  GPtrArray *items;   /* CxAnnotation, owned */
  GQueue     undo;    /* Splice, newest at the head */
  GQueue     redo;    /* Splice, newest at the head */
};

static void cx_annotations_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CxAnnotations, cx_annotations, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cx_annotations_list_model_init))

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_QUARK (cx-annotations-error-quark, cx_annotations_error)

static void
splice_free (Splice *splice)
{
  g_ptr_array_unref (splice->removed);
  g_ptr_array_unref (splice->added);
  g_free (splice);
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) splice_free);
}

/* Replaces @n_removed items at @position by @added, and says so. */
static void
apply (CxAnnotations *self,
       guint          position,
       guint          n_removed,
       GPtrArray     *added)
{
  guint n_before = self->items->len;

  g_ptr_array_remove_range (self->items, position, n_removed);
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_insert (self->items, position + i, g_object_ref (g_ptr_array_index (added, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, added->len);
  if (n_before != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_ITEMS]);
}

static void
notify_undo (CxAnnotations *self,
             gboolean       could_undo,
             gboolean       could_redo)
{
  if (could_undo != cx_annotations_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_UNDO]);
  if (could_redo != cx_annotations_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_REDO]);
}

/* Does one new edit: takes @added (and the removed items), and forgets
 * what could be redone. */
static void
edit (CxAnnotations *self,
      guint          position,
      guint          n_removed,
      GPtrArray     *added)
{
  gboolean could_undo = cx_annotations_can_undo (self);
  gboolean could_redo = cx_annotations_can_redo (self);
  Splice *splice = g_new0 (Splice, 1);

  splice->position = position;
  splice->removed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_removed; i++)
    g_ptr_array_add (splice->removed, g_object_ref (g_ptr_array_index (self->items, position + i)));
  splice->added = g_ptr_array_ref (added);

  clear_queue (&self->redo);
  g_queue_push_head (&self->undo, splice);
  while (self->undo.length > CX_ANNOTATIONS_MAX_UNDO)
    splice_free (g_queue_pop_tail (&self->undo));

  apply (self, position, n_removed, added);
  notify_undo (self, could_undo, could_redo);
}

static GPtrArray *
array_of_one (CxAnnotation *annotation)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (array, g_object_ref (annotation));
  return array;
}

static gboolean
check_room (CxAnnotations  *self,
            guint           n_more,
            GError        **error)
{
  if (self->items->len + n_more > CX_ANNOTATIONS_MAX)
    {
      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT,
                   _("A scene holds at most %d annotations; delete some first"),
                   CX_ANNOTATIONS_MAX);
      return FALSE;
    }
  return TRUE;
}

static GType
cx_annotations_get_item_type (GListModel *model)
{
  return CX_TYPE_ANNOTATION;
}

static guint
cx_annotations_get_n_items (GListModel *model)
{
  return CX_ANNOTATIONS (model)->items->len;
}

static gpointer
cx_annotations_get_item (GListModel *model,
                         guint       position)
{
  CxAnnotations *self = CX_ANNOTATIONS (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cx_annotations_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cx_annotations_get_item_type;
  iface->get_n_items = cx_annotations_get_n_items;
  iface->get_item = cx_annotations_get_item;
}

static void
cx_annotations_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CxAnnotations *self = CX_ANNOTATIONS (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cx_annotations_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cx_annotations_can_redo (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_annotations_finalize (GObject *object)
{
  CxAnnotations *self = CX_ANNOTATIONS (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (cx_annotations_parent_class)->finalize (object);
}

static void
cx_annotations_class_init (CxAnnotationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cx_annotations_get_property;
  object_class->finalize = cx_annotations_finalize;

  props[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
cx_annotations_init (CxAnnotations *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

CxAnnotations *
cx_annotations_new (void)
{
  return g_object_new (CX_TYPE_ANNOTATIONS, NULL);
}

/**
 * cx_annotations_add:
 *
 * Adds @annotation at the end, as one step of undo.
 *
 * Returns: %FALSE with %CX_ANNOTATIONS_ERROR_LIMIT if the list is full
 */
gboolean
cx_annotations_add (CxAnnotations  *self,
                    CxAnnotation   *annotation,
                    GError        **error)
{
  g_autoptr(GPtrArray) added = NULL;

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);
  g_return_val_if_fail (CX_IS_ANNOTATION (annotation), FALSE);

  if (!check_room (self, 1, error))
    return FALSE;

  added = array_of_one (annotation);
  edit (self, self->items->len, 0, added);
  return TRUE;
}

/**
 * cx_annotations_add_all:
 * @annotations: (element-type CxAnnotation): what an imported file held
 *
 * Adds @annotations at the end as one step of undo. One whose id is in the
 * list already (the same file imported twice) is added with a new id, so
 * that ids stay unique.
 *
 * Returns: %FALSE with %CX_ANNOTATIONS_ERROR_LIMIT, adding nothing, if
 *   they would not fit
 */
gboolean
cx_annotations_add_all (CxAnnotations  *self,
                        GPtrArray      *annotations,
                        GError        **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  if (annotations->len == 0)
    return TRUE;
  if (!check_room (self, annotations->len, error))
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    g_hash_table_add (ids, (gpointer) cx_annotation_get_id (g_ptr_array_index (self->items, i)));

  for (guint i = 0; i < annotations->len; i++)
    {
      CxAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (g_hash_table_contains (ids, cx_annotation_get_id (annotation)))
        {
          guint n;
          const CxCoord *points = cx_annotation_get_points (annotation, &n);

          annotation = cx_annotation_new_full (cx_annotation_get_kind (annotation), NULL, points, n,
                                               cx_annotation_get_note (annotation),
                                               cx_annotation_get_color (annotation),
                                               cx_annotation_get_width (annotation),
                                               cx_annotation_get_opacity (annotation));
        }
      else
        g_object_ref (annotation);

      g_hash_table_add (ids, (gpointer) cx_annotation_get_id (annotation));
      g_ptr_array_add (added, annotation);
    }

  edit (self, self->items->len, 0, added);
  return TRUE;
}

/**
 * cx_annotations_remove:
 *
 * Deletes the annotation at @position, as one step of undo.
 *
 * Returns: whether there was one
 */
gboolean
cx_annotations_remove (CxAnnotations *self,
                       guint          position)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  if (position >= self->items->len)
    return FALSE;

  edit (self, position, 1, added);
  return TRUE;
}

/**
 * cx_annotations_replace:
 *
 * Puts @annotation (an edit of the one there, usually with the same id) at
 * @position, as one step of undo. Nothing is done if it is the same.
 *
 * Returns: whether anything changed
 */
gboolean
cx_annotations_replace (CxAnnotations *self,
                        guint          position,
                        CxAnnotation  *annotation)
{
  g_autoptr(GPtrArray) added = NULL;
  CxAnnotation *old;

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);
  g_return_val_if_fail (CX_IS_ANNOTATION (annotation), FALSE);

  if (position >= self->items->len)
    return FALSE;

  old = g_ptr_array_index (self->items, position);
  if (old == annotation
      || (g_str_equal (cx_annotation_get_id (old), cx_annotation_get_id (annotation))
          && cx_annotation_same_content (old, annotation)))
    return FALSE;

  added = array_of_one (annotation);
  edit (self, position, 1, added);
  return TRUE;
}

/**
 * cx_annotations_move_vertex:
 *
 * Moves point @vertex of the annotation at @position (a dragged corner, or
 * a pin), as one step of undo. Call it once a drag ends, not while it goes.
 *
 * Returns: whether anything changed (not for a position the map cannot
 *   draw)
 */
gboolean
cx_annotations_move_vertex (CxAnnotations *self,
                            guint          position,
                            guint          vertex,
                            double         lon,
                            double         lat)
{
  g_autoptr(CxAnnotation) moved = NULL;

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  if (position >= self->items->len)
    return FALSE;

  moved = cx_annotation_with_point (g_ptr_array_index (self->items, position), vertex, lon, lat);
  return moved != NULL && cx_annotations_replace (self, position, moved);
}

/**
 * cx_annotations_set_note:
 *
 * Returns: whether anything changed (not for a note too long)
 */
gboolean
cx_annotations_set_note (CxAnnotations *self,
                         guint          position,
                         const char    *note)
{
  g_autoptr(CxAnnotation) edited = NULL;

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  if (position >= self->items->len)
    return FALSE;

  edited = cx_annotation_with_note (g_ptr_array_index (self->items, position), note);
  return edited != NULL && cx_annotations_replace (self, position, edited);
}

/**
 * cx_annotations_clear:
 *
 * Deletes every annotation, as one step that undo brings back whole.
 *
 * Returns: whether there were any
 */
gboolean
cx_annotations_clear (CxAnnotations *self)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  if (self->items->len == 0)
    return FALSE;

  edit (self, 0, self->items->len, added);
  return TRUE;
}

/**
 * cx_annotations_replace_all:
 * @annotations: (nullable) (element-type CxAnnotation): the new marks
 *
 * Puts @annotations in place of all the marks, as one step of undo (marks
 * drawn outside any scene, replaced by a scene's: undo brings them back).
 *
 * Returns: whether anything changed
 */
gboolean
cx_annotations_replace_all (CxAnnotations *self,
                            GPtrArray     *annotations)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  if (annotations != NULL)
    for (guint i = 0; i < annotations->len && i < CX_ANNOTATIONS_MAX; i++)
      g_ptr_array_add (added, g_object_ref (g_ptr_array_index (annotations, i)));
  if (self->items->len == 0 && added->len == 0)
    return FALSE;

  edit (self, 0, self->items->len, added);
  return TRUE;
}

gboolean
cx_annotations_can_undo (CxAnnotations *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  return self->undo.length > 0;
}

gboolean
cx_annotations_can_redo (CxAnnotations *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  return self->redo.length > 0;
}

/* Moves the newest splice of @from to @to, applied forwards or backwards. */
static gboolean
step (CxAnnotations *self,
      GQueue        *from,
      GQueue        *to,
      gboolean       backwards)
{
  gboolean could_undo = cx_annotations_can_undo (self);
  gboolean could_redo = cx_annotations_can_redo (self);
  Splice *splice = g_queue_pop_head (from);

  if (splice == NULL)
    return FALSE;

  if (backwards)
    apply (self, splice->position, splice->added->len, splice->removed);
  else
    apply (self, splice->position, splice->removed->len, splice->added);
  g_queue_push_head (to, splice);

  notify_undo (self, could_undo, could_redo);
  return TRUE;
}

gboolean
cx_annotations_undo (CxAnnotations *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  return step (self, &self->undo, &self->redo, TRUE);
}

gboolean
cx_annotations_redo (CxAnnotations *self)
{
  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  return step (self, &self->redo, &self->undo, FALSE);
}

/**
 * cx_annotations_reset:
 * @annotations: (nullable) (element-type CxAnnotation): the new list, or
 *   %NULL for none
 *
 * Replaces the list and forgets undo and redo: another scene is shown, and
 * undoing into the previous scene's marks would be a surprise.
 */
void
cx_annotations_reset (CxAnnotations *self,
                      GPtrArray     *annotations)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean could_undo, could_redo;

  g_return_if_fail (CX_IS_ANNOTATIONS (self));

  could_undo = cx_annotations_can_undo (self);
  could_redo = cx_annotations_can_redo (self);
  if (annotations != NULL)
    for (guint i = 0; i < annotations->len && i < CX_ANNOTATIONS_MAX; i++)
      g_ptr_array_add (added, g_object_ref (g_ptr_array_index (annotations, i)));

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  if (self->items->len > 0 || added->len > 0)
    apply (self, 0, self->items->len, added);
  notify_undo (self, could_undo, could_redo);
}

/**
 * cx_annotations_dup_all:
 *
 * Returns: (transfer full) (element-type CxAnnotation): the annotations now
 */
GPtrArray *
cx_annotations_dup_all (CxAnnotations *self)
{
  GPtrArray *all;

  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), NULL);

  all = g_ptr_array_new_full (self->items->len, g_object_unref);
  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (self->items, i)));
  return all;
}

gboolean
cx_annotations_find (CxAnnotations *self,
                     const char    *id,
                     guint         *position)
{
  g_return_val_if_fail (CX_IS_ANNOTATIONS (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (cx_annotation_get_id (g_ptr_array_index (self->items, i)), id) == 0)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

/* GeoJSON */

static void
add_position (JsonBuilder   *builder,
              const CxCoord *coord)
{
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, coord->x);
  json_builder_add_double_value (builder, coord->y);
  json_builder_end_array (builder);
}

/* The first line of @note, for "title": what QGIS's and geojson.io's
 * popups show first. */
static char *
title_of (const char *note)
{
  const char *end = strchr (note, '\n');

  return end != NULL ? g_strndup (note, end - note) : g_strdup (note);
}

static JsonNode *
feature_to_node (CxAnnotation *annotation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CxAnnotationKind kind = cx_annotation_get_kind (annotation);
  const char *note = cx_annotation_get_note (annotation);
  const char *color = cx_annotation_get_color (annotation);
  guint n;
  const CxCoord *points = cx_annotation_get_points (annotation, &n);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Feature");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, cx_annotation_get_id (annotation));

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, KIND_MEMBER);
  json_builder_add_string_value (builder, cx_annotation_kind_to_string (kind));
  if (note[0] != '\0')
    {
      g_autofree char *title = title_of (note);

      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, note);
    }
  if (kind == CX_ANNOTATION_PIN)
    {
      json_builder_set_member_name (builder, "marker-color");
      json_builder_add_string_value (builder, color);
    }
  else
    {
      json_builder_set_member_name (builder, "stroke");
      json_builder_add_string_value (builder, color);
      json_builder_set_member_name (builder, "stroke-width");
      json_builder_add_double_value (builder, cx_annotation_get_width (annotation));
      json_builder_set_member_name (builder, "stroke-opacity");
      json_builder_add_double_value (builder, cx_annotation_get_opacity (annotation));
    }
  if (kind == CX_ANNOTATION_POLYGON)
    {
      /* The map fills areas this lightly, so what is under them shows. */
      json_builder_set_member_name (builder, "fill");
      json_builder_add_string_value (builder, color);
      json_builder_set_member_name (builder, "fill-opacity");
      json_builder_add_double_value (builder, 0.2);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "geometry");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  switch (kind)
    {
    case CX_ANNOTATION_PIN:
      json_builder_add_string_value (builder, "Point");
      json_builder_set_member_name (builder, "coordinates");
      add_position (builder, &points[0]);
      break;
    case CX_ANNOTATION_POLYGON:
      json_builder_add_string_value (builder, "Polygon");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      json_builder_begin_array (builder);
      /* RFC 7946 §3.1.6: exterior rings counterclockwise. Written as drawn:
       * readers must accept either, and reversing would change the
       * vertex numbers the user sees while editing. */
      for (guint i = 0; i < n; i++)
        add_position (builder, &points[i]);
      add_position (builder, &points[0]);
      json_builder_end_array (builder);
      json_builder_end_array (builder);
      break;
    case CX_ANNOTATION_LINE:
    case CX_ANNOTATION_STROKE:
    default:
      json_builder_add_string_value (builder, "LineString");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        add_position (builder, &points[i]);
      json_builder_end_array (builder);
      break;
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * cx_annotations_to_json_array:
 * @annotations: (element-type CxAnnotation)
 *
 * Returns: (transfer full): a JSON array of GeoJSON Feature objects
 */
JsonNode *
cx_annotations_to_json_array (GPtrArray *annotations)
{
  g_autoptr(JsonArray) array = json_array_sized_new (annotations->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < annotations->len; i++)
    json_array_add_element (array, feature_to_node (g_ptr_array_index (annotations, i)));
  json_node_set_array (node, array);
  return node;
}

/**
 * cx_annotations_to_geojson:
 * @annotations: (element-type CxAnnotation)
 *
 * Returns: (transfer full): a GeoJSON FeatureCollection, UTF-8, one
 *   feature a line
 */
GBytes *
cx_annotations_to_geojson (GPtrArray *annotations)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *text = g_string_new ("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [");

  for (guint i = 0; i < annotations->len; i++)
    {
      g_autoptr(JsonNode) node = feature_to_node (g_ptr_array_index (annotations, i));
      g_autofree char *line = NULL;
      gsize len;

      json_generator_set_root (generator, node);
      /* Not json_generator_to_data(): it writes U+001F raw (see there). */
      line = cx_json_generator_to_data (generator, &len);
      g_string_append (text, i == 0 ? "\n    " : ",\n    ");
      g_string_append_len (text, line, len);
    }
  g_string_append (text, annotations->len > 0 ? "\n  ]\n}\n" : "]\n}\n");

  return g_string_free_to_bytes (text);
}

/* A string member, or absent; anything else is an error. */
static gboolean
optional_string (JsonObject           *properties,
                 const char           *name,
                 const char          **value,
                 const CxLoadContext  *ctx,
                 GError              **error)
{
  JsonNode *node = properties != NULL ? json_object_get_member (properties, name) : NULL;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_TYPE,
                                 _("\"%s\" must be a string, not %s"), name, cx_json_node_type_name (node));
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
optional_number (JsonObject           *properties,
                 const char           *name,
                 double                min,
                 double                max,
                 double               *value,
                 const CxLoadContext  *ctx,
                 GError              **error)
{
  JsonNode *node = properties != NULL ? json_object_get_member (properties, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!cx_json_node_get_finite (node, value) || *value < min || *value > max)
    {
      cx_load_context_set_error (ctx, error, CX_PACK_ERROR_VALUE,
                                 _("\"%s\" must be a number from %g to %g"), name, min, max);
      return FALSE;
    }
  return TRUE;
}


static CxAnnotation *
parse_feature (JsonNode    *node,
               guint        index,
               const char  *file,
               GError     **error)
{
  CxLoadContext ctx = { file, "feature", (int) index + 1, NULL };
  g_autoptr(CxGeometry) geometry = NULL;
  g_autoptr(GError) check_error = NULL;
  JsonObject *object, *properties = NULL;
  const char *id, *kind_name, *note, *title, *color;
  CxAnnotationKind kind;
  const CxCoord *coords;
  guint n_coords;
  double width = 0, opacity = -1;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_TYPE,
                                 _("must be an object, not %s"), cx_json_node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);
  id = cx_json_member_string (object, "id");
  ctx.id = id;

  if (!cx_geojson_check_feature (object, &ctx, &properties, error))
    return NULL;

  if (!json_object_has_member (object, "geometry"))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_MISSING,
                                 _("has no \"geometry\" member"));
      return NULL;
    }
  geometry = cx_geojson_parse_geometry (json_object_get_member (object, "geometry"), &ctx, error);
  if (geometry == NULL)
    return NULL;

  switch (cx_geometry_get_geometry_type (geometry))
    {
    case CX_GEOMETRY_POINT:
      kind = CX_ANNOTATION_PIN;
      break;
    case CX_GEOMETRY_LINE_STRING:
      kind = CX_ANNOTATION_LINE;
      break;
    case CX_GEOMETRY_POLYGON:
      kind = CX_ANNOTATION_POLYGON;
      break;
    case CX_GEOMETRY_MULTI_LINE_STRING:
    case CX_GEOMETRY_MULTI_POLYGON:
    default:
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("annotations are points, lines and areas, and a %s is none of them (import the file as a layer instead)"),
                                 cx_geometry_type_to_string (cx_geometry_get_geometry_type (geometry)));
      return NULL;
    }

  if (cx_geometry_get_n_coords (geometry) == 0)
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("an annotation needs a location; this geometry is empty"));
      return NULL;
    }
  if (kind == CX_ANNOTATION_POLYGON && cx_geometry_get_n_parts (geometry) != 1)
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_GEOMETRY,
                                 _("an annotated area has one outline and no holes"));
      return NULL;
    }

  if (!optional_string (properties, KIND_MEMBER, &kind_name, &ctx, error))
    return NULL;
  if (kind_name != NULL)
    {
      CxAnnotationKind named;

      if (!cx_annotation_kind_from_string (kind_name, &named))
        {
          g_autofree char *excerpt = cx_error_excerpt (kind_name);

          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("unknown kind of annotation “%s”"), excerpt);
          return NULL;
        }
      /* A stroke is a line drawn with the pen; anything else must match. */
      if (named == CX_ANNOTATION_STROKE && kind == CX_ANNOTATION_LINE)
        kind = named;
      else if (named != kind)
        {
          cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                     _("a %s cannot be a “%s”"),
                                     cx_geometry_type_to_string (cx_geometry_get_geometry_type (geometry)),
                                     kind_name);
          return NULL;
        }
    }

  if (!optional_string (properties, "description", &note, &ctx, error)
      || !optional_string (properties, "title", &title, &ctx, error)
      || !optional_string (properties, kind == CX_ANNOTATION_PIN ? "marker-color" : "stroke",
                           &color, &ctx, error)
      /* A pin has no stroke: its width and opacity are not written, so
       * they are not read either (a pin from elsewhere may carry them), or
       * what loads would not save and load again the same. */
      || (kind != CX_ANNOTATION_PIN
          && (!optional_number (properties, "stroke-width", 0.5, 64, &width, &ctx, error)
              || !optional_number (properties, "stroke-opacity", 0, 1, &opacity, &ctx, error))))
    return NULL;
  if (note == NULL)
    note = title;
  if (color != NULL && !cx_annotation_color_is_valid (color))
    {
      g_autofree char *excerpt = cx_error_excerpt (color);

      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE,
                                 _("the colour “%s” is not #rgb or #rrggbb"), excerpt);
      return NULL;
    }

  coords = cx_geometry_get_part (geometry, 0, &n_coords);
  /* A ring repeats its first position last; the annotation does not. */
  if (kind == CX_ANNOTATION_POLYGON)
    n_coords--;

  if (!cx_annotation_check (kind, coords, n_coords, note, &check_error))
    {
      cx_load_context_set_error (&ctx, error, CX_PACK_ERROR_VALUE, "%s", check_error->message);
      return NULL;
    }

  return cx_annotation_new_full (kind, id, coords, n_coords, note, color, width, opacity);
}

/**
 * cx_annotations_from_json_array:
 * @array: a JSON array of GeoJSON Features (or %NULL for none)
 * @file: what to call the input in messages
 *
 * Returns: (transfer full) (element-type CxAnnotation): the annotations,
 *   or %NULL with an error naming the file, the feature and the problem
 */
GPtrArray *
cx_annotations_from_json_array (JsonNode    *array,
                                const char  *file,
                                GError     **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *features;

  if (array == NULL || JSON_NODE_HOLDS_NULL (array))
    return g_steal_pointer (&annotations);
  if (!JSON_NODE_HOLDS_ARRAY (array))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_TYPE,
                   _("%s: the annotations must be an array of features, not %s"),
                   file, cx_json_node_type_name (array));
      return NULL;
    }

  features = json_node_get_array (array);
  if (json_array_get_length (features) > CX_ANNOTATIONS_MAX)
    {
      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT,
                   _("%s: %u annotations; at most %d are read"),
                   file, json_array_get_length (features), CX_ANNOTATIONS_MAX);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      CxAnnotation *annotation = parse_feature (json_array_get_element (features, i), i, file, error);

      if (annotation == NULL)
        return NULL;
      g_ptr_array_add (annotations, annotation);
    }

  return g_steal_pointer (&annotations);
}

/**
 * cx_annotations_from_geojson:
 * @file: what to call the input in messages (its display name)
 *
 * Reads a GeoJSON FeatureCollection (or a single Feature) of points, lines
 * and single-outline polygons: the strict JSON and GeoJSON rules of an
 * imported layer, then what an annotation may be.
 *
 * Returns: (transfer full) (element-type CxAnnotation): the annotations,
 *   or %NULL with an error naming the file, the feature and the problem
 */
GPtrArray *
cx_annotations_from_geojson (GBytes      *bytes,
                             const char  *file,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) one = NULL;
  JsonObject *object;
  const char *type;
  JsonNode *crs;

  if (g_bytes_get_size (bytes) > CX_ANNOTATIONS_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (g_bytes_get_size (bytes), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (CX_ANNOTATIONS_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, CX_ANNOTATIONS_ERROR, CX_ANNOTATIONS_ERROR_LIMIT,
                   _("%s: the file is %s; annotations may take at most %s (import it as a layer instead)"),
                   file, size, limit);
      return NULL;
    }

  root = cx_json_parse_bytes (bytes, file, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_FORMAT,
                   _("%s: not GeoJSON: the top level must be an object, not %s"),
                   file, cx_json_node_type_name (root));
      return NULL;
    }
  object = json_node_get_object (root);
  type = cx_json_member_string (object, "type");

  /* RFC 7946 has no "crs"; an old file's may only name WGS84 longitude,
   * latitude. Anything else would put every mark somewhere wrong. */
  crs = json_object_get_member (object, "crs");
  if (crs != NULL && !JSON_NODE_HOLDS_NULL (crs))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, crs);
      text = json_generator_to_data (generator, NULL);
      if (strstr (text, "CRS84") == NULL && strstr (text, "EPSG::4326") == NULL)
        {
          g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_FORMAT,
                       _("%s: the file uses another coordinate reference system than WGS 84 longitude, latitude"),
                       file);
          return NULL;
        }
    }

  if (g_strcmp0 (type, "FeatureCollection") == 0)
    {
      JsonNode *features = json_object_get_member (object, "features");

      if (features == NULL || !JSON_NODE_HOLDS_ARRAY (features))
        {
          g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_FORMAT,
                       _("%s: a FeatureCollection needs a \"features\" array"), file);
          return NULL;
        }
      return cx_annotations_from_json_array (features, file, error);
    }

  if (g_strcmp0 (type, "Feature") == 0)
    {
      g_autoptr(JsonArray) array = json_array_new ();

      json_array_add_element (array, json_node_ref (root));
      one = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (one, array);
      return cx_annotations_from_json_array (one, file, error);
    }

  if (type == NULL)
    g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_FORMAT,
                 _("%s: not GeoJSON: the top level has no \"type\""), file);
  else
    {
      g_autofree char *excerpt = cx_error_excerpt (type);

      g_set_error (error, CX_PACK_ERROR, CX_PACK_ERROR_FORMAT,
                   _("%s: annotations are read from a GeoJSON FeatureCollection, not a “%s”"),
                   file, excerpt);
    }
  return NULL;
}
