/* cx-ogr-reader.c: every vector format GDAL/OGR reads, inside the import helper
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the file: each vector layer in turn, each feature as GDAL
 * reads it, transformed to WGS84 longitude/latitude and handed to the sink.
 * Nothing is kept here; the sink (the pipe encoder in the helper) decides
 * what to keep.
 *
 * What GDAL is allowed to do with a file from someone else:
 *
 *  - Only drivers that read a local file: no database, web-service or
 *    external-program driver (PostgreSQL, WFS, GPSBabel, …) and no VRT,
 *    which can name any other file or URL (deny_drivers below). The helper
 *    also runs without network, where bubblewrap is available.
 *  - Nothing written beside the file (GDAL_PAM_ENABLED=NO: no .aux.xml),
 *    no SQLite extensions or VirtualOGR tables from inside a GeoPackage,
 *    no Python in pixel functions, no directory listing on open (a
 *    Downloads folder of 10,000 files costs nothing).
 *  - Any GDAL error while reading stops the import with GDAL's own words:
 *    a half-read layer is not shown as if it were whole.
 *  Memory and time are bounded by the helper process (cx-import-helper.h).
 */

#define G_LOG_DOMAIN "cx-ogr-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "cx-import.h"
#include "cx-ogr-reader.h"

/* Progress is reported every so many features. */
#define PROGRESS_EVERY 512

/* GDAL's messages are quoted up to this many bytes, at most this many. */
#define MAX_MESSAGE_BYTES 300
#define MAX_MESSAGES 3

/* Drivers never used, whatever the file: they reach a database, a web
 * service or another program, or (VRT) read whatever other file or URL the
 * document names. */
static const char * const deny_drivers[] = {
  "AmigoCloud", "Carto", "CSW", "EEDA", "Elasticsearch", "GMLAS", "GPSBabel",
  "HTTP", "MEM", "Memory", "MSSQLSpatial", "MySQL", "NGW", "OAPIF", "OGCAPI",
  "ODBC", "OGR_OGDI", "OGR_VRT", "PGeo", "PLSCENES", "PostgreSQL", "VRT",
  "WFS", "WMS", "WMTS", "DAAS", "GNMDatabase", "GNMFile", "PGDUMP",
  NULL
};

/* Files looked for inside a .zip that is not a Shapefile directory, best
 * first. */
static const char * const zip_member_suffixes[] = {
  ".shp", ".gpkg", ".kml", ".gpx", ".geojson", ".json", ".fgb", ".csv",
  ".gml", ".tab", ".mif", ".dxf", ".sqlite", ".ods", ".xlsx",
  NULL
};

typedef struct
{
  GString *text;
  guint    n;
  gboolean failed;
} ErrorLog;

typedef struct
{
  const char          *path;
  const char          *display_name;   /* the file's base name, for messages */
  const CxImportSink  *sink;
  gpointer             sink_data;
  ErrorLog            *log;

  /* Shapefile text with no declared encoding: read raw, decoded here. */
  gboolean             decode_gb18030;

  /* Progress over the whole file: features read of those counted. */
  gint64               n_read;
  gint64               n_total;        /* -1: unknown */
  guint                layer_index;
  guint                n_layers;
} Reader;

static char **allowed_drivers;

/* ------------------------------------------------------------------ */
/* GDAL's errors                                                        */
/* ------------------------------------------------------------------ */

static void CPL_STDCALL
collect_error_cb (CPLErr      klass,
                  CPLErrorNum number,
                  const char *message)
{
  ErrorLog *log = CPLGetErrorHandlerUserData ();

  if (klass < CE_Failure)
    {
      g_debug ("GDAL: %s", message);
      return;
    }

  log->failed = TRUE;
  if (log->n++ >= MAX_MESSAGES || message == NULL)
    return;

  if (log->text->len > 0)
    g_string_append (log->text, " — ");
  if (strlen (message) > MAX_MESSAGE_BYTES)
    {
      const char *end = message + MAX_MESSAGE_BYTES;

      /* Cut on a character, not inside one (GDAL's text may be anything). */
      g_utf8_validate (message, MAX_MESSAGE_BYTES, &end);
      g_string_append_len (log->text, message, end - message);
      g_string_append (log->text, "…");
    }
  else
    g_string_append (log->text, message);
}

static void
error_log_reset (ErrorLog *log)
{
  g_string_truncate (log->text, 0);
  log->n = 0;
  log->failed = FALSE;
  CPLErrorReset ();
}

/* GDAL's words, valid UTF-8 and free of control characters. */
static char *
error_log_text (ErrorLog *log)
{
  g_autofree char *valid = g_utf8_make_valid (log->text->str, log->text->len);

  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  return g_strstrip (g_steal_pointer (&valid));
}

static gboolean
set_read_error (Reader  *reader,
                GError **error)
{
  g_autofree char *gdal_text = error_log_text (reader->log);

  if (*gdal_text == '\0')
    g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ,
                 _("“%s” could not be read: it is damaged or incomplete."),
                 reader->display_name);
  else
    g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_READ,
                 _("“%s” could not be read: %s"),
                 reader->display_name, gdal_text);
  return FALSE;
}

static gboolean
set_unsupported_error (Reader  *reader,
                       GError **error)
{
  g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED,
               _("“%s” is not a map file this app can read. It reads Shapefile (alone or zipped), GeoPackage, KML and KMZ, GPX, CSV with longitude and latitude columns, FlatGeobuf and GeoJSON."),
               reader->display_name);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Setting GDAL up, once                                                */
/* ------------------------------------------------------------------ */

static gboolean
driver_is_denied (const char *name)
{
  return g_strv_contains ((const char * const *) deny_drivers, name);
}

static gpointer
init_gdal_once (gpointer data)
{
  g_autoptr(GStrvBuilder) allowed = g_strv_builder_new ();

  /* Before GDALAllRegister: deprecated drivers and plugins stay off. */
  CPLSetConfigOption ("GDAL_DRIVER_PATH", "disable");
  /* Read only: no .aux.xml written beside someone's file. */
  CPLSetConfigOption ("GDAL_PAM_ENABLED", "NO");
  /* Siblings (.dbf, .prj, .cpg) are probed by name, not by listing what
   * may be a huge folder. */
  CPLSetConfigOption ("GDAL_DISABLE_READDIR_ON_OPEN", "TRUE");
  /* A GeoPackage is SQLite: no extensions, no VirtualOGR tables that
   * would open other files from inside it. */
  CPLSetConfigOption ("OGR_SQLITE_LOAD_EXTENSIONS", NULL);
  CPLSetConfigOption ("OGR_SQLITE_ALLOW_EXTERNAL_ACCESS", "NO");
  CPLSetConfigOption ("GDAL_VRT_ENABLE_PYTHON", "NO");
  /* GML and GMLAS would fetch schemas named in the file. */
  CPLSetConfigOption ("GDAL_XML_VALIDATION", "NO");
  CPLSetConfigOption ("GML_DOWNLOAD_SCHEMA", "NO");
  CPLSetConfigOption ("CPL_DEBUG", "OFF");

  /* The denied drivers are dropped right after registration (GDAL_SKIP),
   * so that no open can reach them, whatever the allowed list says; HEIF
   * too (photos, not maps). */
  {
    g_autofree char *skip = g_strjoinv (" ", (char **) deny_drivers);
    g_autofree char *skip_all = g_strconcat (skip, " HEIF", NULL);

    CPLSetConfigOption ("GDAL_SKIP", skip_all);
  }

  GDALAllRegister ();

  for (int i = 0; i < GDALGetDriverCount (); i++)
    {
      GDALDriverH driver = GDALGetDriver (i);
      const char *name = GDALGetDriverShortName (driver);

      if (GDALGetMetadataItem (driver, GDAL_DCAP_VECTOR, NULL) == NULL ||
          driver_is_denied (name))
        continue;
      g_strv_builder_add (allowed, name);
    }
  allowed_drivers = g_strv_builder_end (allowed);

  return NULL;
}

static void
init_gdal (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gdal_once, NULL);
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */
/* ------------------------------------------------------------------ */

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  size_t n = strlen (path), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (path + n - m, suffix) == 0;
}

static gboolean
is_csv (const char *path)
{
  return has_suffix (path, ".csv") || has_suffix (path, ".tsv") || has_suffix (path, ".psv");
}

/* A zip's member to open: a folder of Shapefiles as one dataset (all its
 * layers), else the first member of the best kind; NULL when none. */
static char *
zip_member (const char *vsi_root)
{
  g_auto(GStrv) members = VSIReadDirRecursive (vsi_root);
  g_autofree char *shp_dir = NULL;
  guint n_shp = 0;

  if (members == NULL)
    return NULL;

  for (guint i = 0; members[i] != NULL; i++)
    if (has_suffix (members[i], ".shp") && strstr (members[i], "__MACOSX") == NULL)
      {
        g_autofree char *dir = g_path_get_dirname (members[i]);

        if (n_shp++ == 0)
          shp_dir = g_steal_pointer (&dir);
        else if (g_strcmp0 (dir, shp_dir) != 0)
          n_shp = G_MAXUINT / 2;  /* Shapefiles in several folders: take the first */
      }
  if (n_shp > 1 && n_shp < G_MAXUINT / 2)
    return g_strcmp0 (shp_dir, ".") == 0 ? g_strdup (vsi_root)
                                         : g_build_filename (vsi_root, shp_dir, NULL);

  for (guint s = 0; zip_member_suffixes[s] != NULL; s++)
    for (guint i = 0; members[i] != NULL; i++)
      if (has_suffix (members[i], zip_member_suffixes[s]) &&
          strstr (members[i], "__MACOSX") == NULL)
        return g_build_filename (vsi_root, members[i], NULL);

  return NULL;
}

static GDALDatasetH
open_dataset (const char         *path,
              const char * const *open_options)
{
  return GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                     (const char * const *) allowed_drivers, open_options, NULL);
}

/* Where GDAL is to read @path: itself, or a member of it when it is a zip
 * (a .kmz's doc.kml, a zipped Shapefile) that GDAL does not open whole. */
static char *
dataset_name (const char *path)
{
  g_autofree char *vsi_root = NULL;

  if (!has_suffix (path, ".zip") && !has_suffix (path, ".kmz"))
    return g_strdup (path);
  /* GDAL reads .shp.zip and .gpkg.zip itself, LIBKML reads .kmz (the
   * Flatpak's GDAL has only the expat KML driver, which does not). */
  if (has_suffix (path, ".shp.zip") || has_suffix (path, ".gpkg.zip") ||
      (has_suffix (path, ".kmz") && GDALGetDriverByName ("LIBKML") != NULL))
    return g_strdup (path);

  vsi_root = g_strconcat ("/vsizip/", path, NULL);
  return zip_member (vsi_root);
}

/* ------------------------------------------------------------------ */
/* Coordinate systems                                                   */
/* ------------------------------------------------------------------ */

/* "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)", or the name
 * alone when no authority knows it. */
static char *
describe_srs (OGRSpatialReferenceH srs)
{
  const char *name = OSRGetName (srs);
  const char *authority = OSRGetAuthorityName (srs, NULL);
  const char *code = OSRGetAuthorityCode (srs, NULL);
  char *described = NULL;

  if (authority == NULL || code == NULL)
    {
      /* An ESRI .prj names no EPSG code; PROJ finds it when sure. */
      int n_matches = 0;
      int *confidences = NULL;
      OGRSpatialReferenceH *matches = OSRFindMatches (srs, NULL, &n_matches, &confidences);

      if (n_matches > 0 && confidences[0] >= 90 &&
          OSRGetAuthorityName (matches[0], NULL) != NULL &&
          OSRGetAuthorityCode (matches[0], NULL) != NULL)
        described = g_strdup_printf ("%s (%s:%s)", OSRGetName (matches[0]),
                                     OSRGetAuthorityName (matches[0], NULL),
                                     OSRGetAuthorityCode (matches[0], NULL));
      OSRFreeSRSArray (matches);
      CPLFree (confidences);
      if (described != NULL)
        return described;
    }

  if (name == NULL)
    name = "?";
  if (authority != NULL && code != NULL)
    return g_strdup_printf ("%s (%s:%s)", name, authority, code);
  return g_strdup (name);
}

/* 3452871.2 → "3,452,871": a coordinate as a person compares it. */
static char *
format_coordinate (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (value));
  GString *out = g_string_new (value < 0 && digits[0] != '0' ? "−" : "");
  size_t n = strlen (digits);

  for (size_t i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  OGRCoordinateTransformationH  transform;   /* NULL: already longitude/latitude */
  char                         *crs_text;
} LayerCrs;

static void
layer_crs_clear (LayerCrs *crs)
{
  g_clear_pointer (&crs->transform, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&crs->crs_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LayerCrs, layer_crs_clear)

static gboolean
setup_layer_crs (Reader                   *reader,
                 OGRLayerH                 layer,
                 const CxOgrReaderOptions *options,
                 LayerCrs                 *crs,
                 GError                  **error)
{
  OGRSpatialReferenceH source = NULL;
  OGRSpatialReferenceH wgs84 = NULL;
  OGREnvelope extent;

  if (options != NULL && options->crs != NULL)
    {
      source = OSRNewSpatialReference (NULL);
      if (OSRSetFromUserInput (source, options->crs) != OGRERR_NONE)
        {
          OSRDestroySpatialReference (source);
          error_log_reset (reader->log);
          g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_CRS,
                       _("“%s” is not a coordinate system this app knows."),
                       options->crs);
          return FALSE;
        }
    }
  else if (OGR_L_GetSpatialRef (layer) != NULL)
    source = OSRClone (OGR_L_GetSpatialRef (layer));

  if (source == NULL)
    {
      /* No coordinate system: longitude and latitude if every coordinate
       * can be, else the person must say. */
      if (OGR_L_GetExtent (layer, &extent, TRUE) != OGRERR_NONE)
        {
          error_log_reset (reader->log);
          return TRUE;  /* no geometry to place */
        }
      if (extent.MinX >= -180 && extent.MaxX <= 180 &&
          extent.MinY >= -90 && extent.MaxY <= 90)
        return TRUE;

      {
        g_autofree char *x = format_coordinate (fabs (extent.MinX) > 180 ? extent.MinX : extent.MaxX);
        g_autofree char *y = format_coordinate (fabs (extent.MinY) > 90 ? extent.MinY : extent.MaxY);

        g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_NO_CRS,
                     /* Translators: the numbers are the file's own coordinates, "441,203 / 3,452,871" */
                     _("“%s” does not say which coordinate system it uses, and its coordinates (e.g. %s / %s) are not longitude and latitude. Choose its coordinate system and import it again."),
                     reader->display_name, x, y);
      }
      return FALSE;
    }

  crs->crs_text = describe_srs (source);
  OSRSetAxisMappingStrategy (source, OAMS_TRADITIONAL_GIS_ORDER);

  wgs84 = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);

  /* Already WGS84 (GeoJSON, KML, GPX, most CSVs): nothing to transform,
   * which saves PROJ's call per feature. */
  if (OSRIsSame (source, wgs84))
    {
      OSRDestroySpatialReference (source);
      OSRDestroySpatialReference (wgs84);
      return TRUE;
    }

  crs->transform = OCTNewCoordinateTransformation (source, wgs84);
  OSRDestroySpatialReference (source);
  OSRDestroySpatialReference (wgs84);

  if (crs->transform == NULL)
    {
      g_autofree char *gdal_text = error_log_text (reader->log);

      error_log_reset (reader->log);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_CRS,
                   _("The coordinate system of “%s”, %s, cannot be converted to longitude and latitude. %s"),
                   reader->display_name, crs->crs_text, gdal_text);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Geometry                                                             */
/* ------------------------------------------------------------------ */

static const char *
geojson_type_name (OGRwkbGeometryType type)
{
  switch (wkbFlatten (type))
    {
    case wkbPoint: return "Point";
    case wkbMultiPoint: return "MultiPoint";
    case wkbLineString: case wkbCircularString: case wkbCompoundCurve:
      return "LineString";
    case wkbMultiLineString: case wkbMultiCurve: return "MultiLineString";
    case wkbPolygon: case wkbCurvePolygon: case wkbTriangle: return "Polygon";
    case wkbMultiPolygon: case wkbMultiSurface:
    case wkbPolyhedralSurface: case wkbTIN:
      return "MultiPolygon";
    case wkbGeometryCollection: return "GeometryCollection";
    default: return NULL;
    }
}

/* Appends the positions of a simple curve (point, line string or ring),
 * transformed, as one part. */
static gboolean
add_curve (CxGeometry   *out,
           OGRGeometryH  curve,
           LayerCrs     *crs)
{
  int n = OGR_G_GetPointCount (curve);
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;

  if (n <= 0)
    return TRUE;

  x = g_new (double, n);
  y = g_new (double, n);
  OGR_G_GetPoints (curve, x, sizeof (double), y, sizeof (double), NULL, 0);

  if (crs->transform != NULL &&
      !OCTTransform (crs->transform, n, x, y, NULL))
    return FALSE;

  for (int i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || !isfinite (y[i]) || fabs (y[i]) > 90 || fabs (x[i]) > 540)
        return FALSE;
      cx_geometry_add_coord (out, x[i], y[i]);
    }
  cx_geometry_close_part (out);
  return TRUE;
}

static gboolean
add_polygon (CxGeometry   *out,
             OGRGeometryH  polygon,
             LayerCrs     *crs)
{
  for (int r = 0; r < OGR_G_GetGeometryCount (polygon); r++)
    if (!add_curve (out, OGR_G_GetGeometryRef (polygon, r), crs))
      return FALSE;
  cx_geometry_close_polygon (out);
  return TRUE;
}

static CxGeometryType
geometry_type_for (OGRwkbGeometryType flat)
{
  switch (flat)
    {
    case wkbPoint: case wkbMultiPoint: return CX_GEOMETRY_POINT;
    case wkbLineString: return CX_GEOMETRY_LINE_STRING;
    case wkbMultiLineString: return CX_GEOMETRY_MULTI_LINE_STRING;
    case wkbPolygon: return CX_GEOMETRY_POLYGON;
    default: return CX_GEOMETRY_MULTI_POLYGON;
    }
}

/* A linear geometry (no curves, no collection) to a CxGeometry; FALSE when
 * a position cannot be transformed. */
static gboolean
convert_simple (OGRGeometryH   geometry,
                LayerCrs      *crs,
                CxGeometry   **out)
{
  OGRwkbGeometryType flat = wkbFlatten (OGR_G_GetGeometryType (geometry));
  g_autoptr(CxGeometry) result = cx_geometry_new (geometry_type_for (flat));
  gboolean ok = TRUE;

  switch (flat)
    {
    case wkbPoint:
    case wkbLineString:
      ok = add_curve (result, geometry, crs);
      break;
    case wkbMultiPoint:
    case wkbMultiLineString:
      for (int i = 0; ok && i < OGR_G_GetGeometryCount (geometry); i++)
        ok = add_curve (result, OGR_G_GetGeometryRef (geometry, i), crs);
      break;
    case wkbPolygon:
      ok = add_polygon (result, geometry, crs);
      break;
    case wkbMultiPolygon:
      for (int i = 0; ok && i < OGR_G_GetGeometryCount (geometry); i++)
        ok = add_polygon (result, OGR_G_GetGeometryRef (geometry, i), crs);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    *out = g_steal_pointer (&result);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Properties                                                           */
/* ------------------------------------------------------------------ */

/* UTF-8 whatever the file held: GB18030 (which GBK is part of) for a
 * Shapefile that does not say, then invalid bytes marked. */
static char *
text_to_utf8 (Reader     *reader,
              const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  if (reader->decode_gb18030)
    {
      char *converted = g_convert (text, -1, "UTF-8", "GB18030", NULL, NULL, NULL);

      if (converted != NULL)
        return converted;
    }

  return g_utf8_make_valid (text, -1);
}

/* The shortest text that reads back as the same double. */
static char *
format_real (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

static char *
list_to_json (Reader       *reader,
              OGRFeatureH   feature,
              int           field,
              OGRFieldType  type)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  int n = 0;

  switch (type)
    {
    case OFTIntegerList:
      {
        const int *values = OGR_F_GetFieldAsIntegerList (feature, field, &n);

        for (int i = 0; i < n; i++)
          json_array_add_int_element (array, values[i]);
      }
      break;
    case OFTInteger64List:
      {
        const GIntBig *values = OGR_F_GetFieldAsInteger64List (feature, field, &n);

        for (int i = 0; i < n; i++)
          json_array_add_int_element (array, values[i]);
      }
      break;
    case OFTRealList:
      {
        const double *values = OGR_F_GetFieldAsDoubleList (feature, field, &n);

        for (int i = 0; i < n; i++)
          if (isfinite (values[i]))
            json_array_add_double_element (array, values[i]);
          else
            json_array_add_null_element (array);
      }
      break;
    case OFTStringList:
      {
        char **values = OGR_F_GetFieldAsStringList (feature, field);

        for (guint i = 0; values != NULL && values[i] != NULL; i++)
          {
            g_autofree char *text = text_to_utf8 (reader, values[i]);

            json_array_add_string_element (array, text);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }

  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

static char *
format_date_time (OGRFeatureH  feature,
                  int          field,
                  OGRFieldType type)
{
  int year, month, day, hour, minute, tz;
  float second;

  if (!OGR_F_GetFieldAsDateTimeEx (feature, field, &year, &month, &day,
                                   &hour, &minute, &second, &tz))
    return NULL;

  if (type == OFTDate)
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  if (type == OFTTime)
    return g_strdup_printf ("%02d:%02d:%02d", hour, minute, (int) second);
  /* OGR_F_GetFieldAsISO8601DateTime, with its time zone and milliseconds. */
  return g_strdup (OGR_F_GetFieldAsISO8601DateTime (feature, field, NULL));
}

/* Fills @properties (CxImportProperty) for one feature; the texts are
 * owned by @texts. */
static void
read_properties (Reader         *reader,
                 OGRFeatureDefnH defn,
                 OGRFeatureH     feature,
                 GArray         *properties,
                 GPtrArray      *texts)
{
  int n_fields = OGR_FD_GetFieldCount (defn);

  g_array_set_size (properties, 0);
  g_ptr_array_set_size (texts, 0);

  for (int i = 0; i < n_fields; i++)
    {
      OGRFieldDefnH field = OGR_FD_GetFieldDefn (defn, i);
      OGRFieldType type = OGR_Fld_GetType (field);
      OGRFieldSubType subtype = OGR_Fld_GetSubType (field);
      CxImportProperty property = { NULL, NULL, CX_IMPORT_VALUE_NULL };
      char *key = text_to_utf8 (reader, OGR_Fld_GetNameRef (field));
      char *text = NULL;

      g_ptr_array_add (texts, key);
      property.key = key;

      if (OGR_F_IsFieldSetAndNotNull (feature, i))
        switch (type)
          {
          case OFTInteger:
            if (subtype == OFSTBoolean)
              {
                text = g_strdup (OGR_F_GetFieldAsInteger (feature, i) ? "true" : "false");
                property.type = CX_IMPORT_VALUE_BOOLEAN;
              }
            else
              {
                text = g_strdup_printf ("%d", OGR_F_GetFieldAsInteger (feature, i));
                property.type = CX_IMPORT_VALUE_NUMBER;
              }
            break;
          case OFTInteger64:
            text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                    (gint64) OGR_F_GetFieldAsInteger64 (feature, i));
            property.type = CX_IMPORT_VALUE_NUMBER;
            break;
          case OFTReal:
            {
              double value = OGR_F_GetFieldAsDouble (feature, i);

              /* JSON has no NaN or infinity. */
              if (isfinite (value))
                {
                  text = format_real (value);
                  property.type = CX_IMPORT_VALUE_NUMBER;
                }
            }
            break;
          case OFTDate:
          case OFTTime:
          case OFTDateTime:
            text = format_date_time (feature, i, type);
            if (text != NULL)
              property.type = CX_IMPORT_VALUE_STRING;
            break;
          case OFTIntegerList:
          case OFTInteger64List:
          case OFTRealList:
          case OFTStringList:
            text = list_to_json (reader, feature, i, type);
            property.type = CX_IMPORT_VALUE_JSON;
            break;
          case OFTBinary:
            {
              int n = 0;
              const GByte *bytes = OGR_F_GetFieldAsBinary (feature, i, &n);

              text = g_base64_encode (bytes, n);
              property.type = CX_IMPORT_VALUE_STRING;
            }
            break;
          case OFTString:
          default:
            text = text_to_utf8 (reader, OGR_F_GetFieldAsString (feature, i));
            property.type = CX_IMPORT_VALUE_STRING;
            /* A JSON field (GeoJSON's objects, GeoPackage's JSON columns)
             * stays JSON when it is. */
            if (subtype == OFSTJSON)
              {
                g_autoptr(JsonNode) parsed = json_from_string (text, NULL);

                if (parsed != NULL)
                  property.type = CX_IMPORT_VALUE_JSON;
              }
            break;
          }

      if (text != NULL)
        {
          g_ptr_array_add (texts, text);
          property.text = text;
        }
      g_array_append_val (properties, property);
    }
}

/* ------------------------------------------------------------------ */
/* Features                                                             */
/* ------------------------------------------------------------------ */

static gboolean
is_simple_type (OGRwkbGeometryType flat)
{
  return flat == wkbPoint || flat == wkbMultiPoint || flat == wkbLineString ||
         flat == wkbMultiLineString || flat == wkbPolygon || flat == wkbMultiPolygon;
}

/* A feature whose geometry this app cannot draw, still counted. */
static gboolean
send_no_location (Reader              *reader,
                  CxImportFeatureInfo *info,
                  GError             **error)
{
  info->geometry = NULL;
  return reader->sink->feature (reader->sink_data, info, error);
}

static gboolean
send_simple (Reader              *reader,
             CxImportFeatureInfo *info,
             OGRGeometryH         geometry,
             LayerCrs            *crs,
             GError             **error)
{
  g_autoptr(CxGeometry) converted = NULL;
  gboolean ok = convert_simple (geometry, crs, &converted);

  if (!ok)
    {
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_CRS,
                   _("A position of feature %u in “%s” cannot be converted from %s to longitude and latitude."),
                   info->source_index + 1, reader->display_name,
                   crs->crs_text != NULL ? crs->crs_text : _("its coordinate system"));
      return FALSE;
    }

  info->geometry = converted;
  ok = reader->sink->feature (reader->sink_data, info, error);
  info->geometry = NULL;
  return ok;
}

static gboolean
send_geometry (Reader              *reader,
               CxImportFeatureInfo *info,
               OGRGeometryH         geometry,
               LayerCrs            *crs,
               GError             **error)
{
  OGRwkbGeometryType flat;
  OGRGeometryH linear = NULL;
  gboolean ok;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    {
      info->geometry = NULL;
      info->geojson_type = geometry != NULL ? geojson_type_name (OGR_G_GetGeometryType (geometry)) : NULL;
      return reader->sink->feature (reader->sink_data, info, error);
    }

  flat = wkbFlatten (OGR_G_GetGeometryType (geometry));

  if (flat == wkbGeometryCollection)
    {
      for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
        {
          OGRGeometryH member = OGR_G_GetGeometryRef (geometry, i);

          /* Empty members are left out, as the GeoJSON importer does. */
          if (OGR_G_IsEmpty (member))
            continue;
          if (!send_geometry (reader, info, member, crs, error))
            return FALSE;
        }
      return TRUE;
    }

  info->geojson_type = geojson_type_name (flat);
  if (info->geojson_type == NULL)
    return send_no_location (reader, info, error);

  /* Curves as line segments (by type: a CompoundCurve of straight
   * segments is still one), surfaces and TINs as multipolygons. */
  if (OGR_GT_IsNonLinear (flat) || OGR_G_HasCurveGeometry (geometry, FALSE))
    linear = OGR_G_GetLinearGeometry (geometry, 0, NULL);
  else if (flat == wkbTriangle)
    linear = OGR_G_ForceToPolygon (OGR_G_Clone (geometry));
  else if (flat == wkbPolyhedralSurface || flat == wkbTIN)
    linear = OGR_G_ForceToMultiPolygon (OGR_G_Clone (geometry));

  if (linear != NULL)
    {
      OGRwkbGeometryType linear_flat = wkbFlatten (OGR_G_GetGeometryType (linear));

      /* OGR_G_GetLinearGeometry of a CompoundCurve is a LineString, of
       * a MultiSurface a MultiPolygon: simple by now, or else left
       * without a location rather than guessed at. */
      if (linear_flat == wkbGeometryCollection)
        ok = send_geometry (reader, info, linear, crs, error);
      else if (is_simple_type (linear_flat))
        ok = send_simple (reader, info, linear, crs, error);
      else
        ok = send_no_location (reader, info, error);
      OGR_G_DestroyGeometry (linear);
      return ok;
    }

  if (!is_simple_type (flat))
    return send_no_location (reader, info, error);
  return send_simple (reader, info, geometry, crs, error);
}

static gboolean
report_progress (Reader   *reader,
                 gint64    n_in_layer,
                 gint64    layer_count,
                 GError  **error)
{
  double fraction;

  if (reader->n_total > 0)
    fraction = (double) reader->n_read / reader->n_total;
  else if (layer_count > 0)
    fraction = (reader->layer_index + (double) n_in_layer / layer_count) / reader->n_layers;
  else
    fraction = (double) reader->layer_index / reader->n_layers;

  return reader->sink->progress (reader->sink_data, CLAMP (fraction, 0.0, 1.0), error);
}

/* GPX's route_points and track_points repeat the routes and tracks point
 * by point; tables without geometry are not map layers. */
static gboolean
skip_layer (GDALDatasetH dataset,
            OGRLayerH    layer)
{
  const char *driver = GDALGetDriverShortName (GDALGetDatasetDriver (dataset));
  const char *name = OGR_L_GetName (layer);

  /* A table without geometry (a GeoPackage's attribute table) is no map
   * layer; a CSV's is, and says what it lacks (read_layer). */
  if (OGR_FD_GetGeomFieldCount (OGR_L_GetLayerDefn (layer)) == 0 &&
      g_strcmp0 (driver, "CSV") != 0)
    return TRUE;

  return g_strcmp0 (driver, "GPX") == 0 &&
         (g_str_equal (name, "route_points") || g_str_equal (name, "track_points"));
}

static gboolean
read_layer (Reader                   *reader,
            GDALDatasetH              dataset,
            OGRLayerH                 layer,
            const CxOgrReaderOptions *options,
            GError                  **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  const char *driver = GDALGetDriverShortName (GDALGetDatasetDriver (dataset));
  g_auto(LayerCrs) crs = { NULL, NULL };
  g_autoptr(GArray) properties = g_array_new (FALSE, FALSE, sizeof (CxImportProperty));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *layer_name = text_to_utf8 (reader, OGR_L_GetName (layer));
  gint64 count = OGR_L_GetFeatureCount (layer, FALSE);
  CxImportLayerInfo layer_info;
  OGRFeatureH feature;
  guint source_index = 0;

  if (g_strcmp0 (driver, "CSV") == 0 && OGR_FD_GetGeomFieldCount (defn) == 0)
    {
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” has no longitude/latitude columns (经度/纬度, lon/lat, x/y) and no WKT column."),
                   reader->display_name);
      return FALSE;
    }

  error_log_reset (reader->log);
  if (!setup_layer_crs (reader, layer, options, &crs, error))
    return FALSE;

  layer_info.name = layer_name;
  layer_info.driver = driver;
  layer_info.crs = crs.crs_text;
  layer_info.n_features = count;
  if (!reader->sink->layer (reader->sink_data, &layer_info, error))
    return FALSE;

  error_log_reset (reader->log);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      CxImportFeatureInfo info = { 0, };
      g_autofree char *id = NULL;
      gboolean ok;

      if (reader->log->failed)
        {
          OGR_F_Destroy (feature);
          return set_read_error (reader, error);
        }

      if (OGR_F_GetFID (feature) != OGRNullFID)
        id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) OGR_F_GetFID (feature));

      read_properties (reader, defn, feature, properties, texts);
      info.source_index = source_index++;
      info.id = id;
      info.properties = (const CxImportProperty *) properties->data;
      info.n_properties = properties->len;

      ok = send_geometry (reader, &info, OGR_F_GetGeometryRef (feature), &crs, error);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;

      reader->n_read++;
      if (source_index % PROGRESS_EVERY == 0 &&
          !report_progress (reader, source_index, count, error))
        return FALSE;
    }

  /* GetNextFeature ends with NULL on an error as at the end. */
  if (reader->log->failed)
    return set_read_error (reader, error);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Shapefile text                                                       */
/* ------------------------------------------------------------------ */

/* TRUE when a Shapefile layer's text encoding is only GDAL's guess (no .cpg,
 * and a DBF language id that is absent or says Latin-1, which Chinese
 * tools write whatever the bytes are). */
static gboolean
shapefile_encoding_unknown (OGRLayerH layer)
{
  const char *source = GDALGetMetadataItem ((GDALMajorObjectH) layer, "SOURCE_ENCODING", "SHAPEFILE");
  const char *from_cpg = GDALGetMetadataItem ((GDALMajorObjectH) layer, "ENCODING_FROM_CPG", "SHAPEFILE");

  if (from_cpg != NULL && *from_cpg != '\0')
    return FALSE;
  return source == NULL || *source == '\0' ||
         g_ascii_strcasecmp (source, "ISO-8859-1") == 0 ||
         g_ascii_strcasecmp (source, "ISO8859-1") == 0;
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

static gboolean
read_dataset (Reader                   *reader,
              const char               *name,
              const CxOgrReaderOptions *options,
              GError                  **error)
{
  const char *csv_options[] = {
    "X_POSSIBLE_NAMES=lon,lng,long,longitude,x,经度,东经",
    "Y_POSSIBLE_NAMES=lat,latitude,y,纬度,北纬",
    "GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom",
    "KEEP_GEOM_COLUMNS=NO",
    "AUTODETECT_TYPE=YES",
    NULL
  };
  const char *raw_shapefile_options[] = { "ENCODING=", NULL };
  GDALDatasetH dataset;
  const char *driver;
  guint n_layers;
  gboolean ok = TRUE;

  error_log_reset (reader->log);
  dataset = open_dataset (name, is_csv (name) ? csv_options : NULL);
  if (dataset == NULL)
    {
      if (GDALIdentifyDriverEx (name, GDAL_OF_VECTOR,
                                (const char * const *) allowed_drivers, NULL) == NULL)
        return set_unsupported_error (reader, error);
      return set_read_error (reader, error);
    }

  driver = GDALGetDriverShortName (GDALGetDatasetDriver (dataset));
  if (g_strcmp0 (driver, "ESRI Shapefile") == 0)
    {
      gboolean unknown = FALSE;

      for (int i = 0; i < GDALDatasetGetLayerCount (dataset); i++)
        unknown |= shapefile_encoding_unknown (GDALDatasetGetLayer (dataset, i));
      if (unknown)
        {
          /* Again, raw: the bytes are decoded here (text_to_utf8). */
          GDALClose (dataset);
          dataset = open_dataset (name, raw_shapefile_options);
          if (dataset == NULL)
            return set_read_error (reader, error);
          reader->decode_gb18030 = TRUE;
        }
    }

  n_layers = GDALDatasetGetLayerCount (dataset);
  reader->n_layers = 0;
  reader->n_total = 0;
  for (guint i = 0; i < n_layers; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, i);
      gint64 count;

      if (skip_layer (dataset, layer))
        continue;
      reader->n_layers++;
      count = OGR_L_GetFeatureCount (layer, FALSE);
      if (count < 0 || reader->n_total < 0)
        reader->n_total = -1;
      else
        reader->n_total += count;
    }

  if (reader->n_layers == 0)
    {
      GDALClose (dataset);
      g_set_error (error, CX_IMPORT_ERROR, CX_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” holds no map layers."), reader->display_name);
      return FALSE;
    }

  reader->layer_index = 0;
  for (guint i = 0; ok && i < n_layers; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, i);

      if (skip_layer (dataset, layer))
        continue;
      ok = read_layer (reader, dataset, layer, options, error);
      reader->layer_index++;
      if (ok && reader->layer_index < reader->n_layers)
        ok = report_progress (reader, 0, 0, error);
    }

  GDALClose (dataset);
  /* All read, whatever the drivers' counts said. */
  if (ok)
    ok = reader->sink->progress (reader->sink_data, 1.0, error);
  return ok;
}

gboolean
cx_ogr_reader_read (const char               *path,
                    const CxOgrReaderOptions *options,
                    const CxImportSink       *sink,
                    gpointer                  sink_data,
                    GError                  **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *display_name = g_filename_display_name (basename);
  g_autofree char *name = NULL;
  ErrorLog log = { g_string_new (NULL), 0, FALSE };
  Reader reader = { 0, };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  init_gdal ();

  reader.path = path;
  reader.display_name = display_name;
  reader.sink = sink;
  reader.sink_data = sink_data;
  reader.log = &log;

  CPLPushErrorHandlerEx (collect_error_cb, &log);

  /* A file's path, not one of GDAL's virtual ones: /vsicurl/ would reach
   * the network, /vsimem/ and /vsistdin/ the helper itself. */
  name = g_str_has_prefix (path, "/vsi") ? NULL : dataset_name (path);
  if (name == NULL)
    ok = set_unsupported_error (&reader, error);
  else
    ok = read_dataset (&reader, name, options, error);

  CPLPopErrorHandler ();
  g_string_free (log.text, TRUE);

  return ok;
}
