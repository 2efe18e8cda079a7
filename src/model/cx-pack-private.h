/* cx-pack-private.h: the fields of the pack's objects, filled in by the loader.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cx-feature.h"
#include "cx-layer.h"
#include "cx-program.h"
#include "cx-source.h"
#include "cx-statistic.h"

G_BEGIN_DECLS

struct _CxSource
{
  GObject parent_instance;

  char *id;
  char *title;
  char *publisher;
  char *date;
  char *url;
  char *note;
};

struct _CxLayer
{
  GObject parent_instance;

  char       *id;
  char       *name;
  char       *name_zh;
  char       *description;
  CxStyle     style;
  guint       index;
  GListStore *features;   /* CxFeature, owned; each feature points back without a ref */
};

struct _CxStatistic
{
  GObject parent_instance;

  char              *id;
  char              *title;
  char              *title_zh;
  CxStatisticKind    kind;
  double             value;
  char              *unit;
  char              *period;
  char              *comparison;
  CxStatisticStatus  status;
  CxSource          *source;
  char              *note;
};

struct _CxProgram
{
  GObject parent_instance;

  char       *id;
  char       *title;
  char       *title_zh;
  char       *summary;
  char       *start;
  char       *end;
  GListStore *sources;
  GPtrArray  *link_titles;
  GPtrArray  *link_urls;
};

struct _CxFeature
{
  GObject parent_instance;

  char       *id;
  CxLayer    *layer;      /* borrowed: the pack owns the layers and outlives its features' use */
  char       *kind;
  char       *name;
  char       *name_zh;
  char       *pinyin;
  char       *description;
  double      accuracy_m;
  char       *accuracy_note;
  CxGeometry *geometry;
  gboolean    has_label_point;
  CxCoord     label_point;
  CxBounds    bounds;
  GListStore *sources;
  GListStore *statistics;
  GListStore *programs;
};

/* The pack's English text is translated through the app's own catalogue:
 * build-aux/pack-strings extracts each string with the context "FIELD:ID"
 * (e.g. "feature-name:zhongshan-park"), and the getters look it up here with
 * the same context. Text nobody translated, or that a newer pack changed,
 * comes back as the English it is. */
static inline const char *
cx_pack_gettext (const char *field,
                 const char *id,
                 const char *english)
{
  char context[128];

  /* gettext ("") would return the catalogue's header. */
  if (english == NULL || english[0] == '\0' || id == NULL)
    return english;

  g_snprintf (context, sizeof context, "%s:%s", field, id);

  return g_dpgettext2 (GETTEXT_PACKAGE, context, english);
}

G_END_DECLS
