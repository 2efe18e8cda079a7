/* mini-pack.h: a small valid single-file pack for the loader tests
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-pack-errors and test-hostile each break one thing in it per case.
 */

#pragma once

static const char valid_pack[] =
  "{\n"
  "  \"format\": \"changning-explorer-pack\", \"format_version\": 1,\n"
  "  \"id\": \"mini\", \"version\": 3, \"data_date\": \"2025-09\",\n"
  "  \"name\": {\"en\": \"Mini\", \"zh\": \"小\"},\n"
  "  \"attribution\": \"test\", \"license\": \"CC0\",\n"
  "  \"view\": {\"bounds\": [121.3, 31.1, 121.5, 31.3], \"max_bounds\": [120, 30, 122, 32], \"min_zoom\": 10, \"max_zoom\": 18},\n"
  "  \"layers\": [{\"id\": \"landmarks\", \"name\": {\"en\": \"Landmarks\", \"zh\": \"地标\"}, \"description\": \"d\",\n"
  "               \"style\": {\"stroke\": \"#1f5fa8\", \"stroke_width\": 2, \"fill\": \"#1f5fa840\"}}],\n"
  "  \"sources\": [{\"id\": \"src\", \"title\": \"T\", \"publisher\": \"P\", \"date\": \"2023-08-31\", \"url\": \"https://example.org/a\"}],\n"
  "  \"statistics\": [{\"id\": \"stat\", \"title\": {\"en\": \"S\", \"zh\": \"统\"}, \"kind\": \"growth\", \"value\": 15.3,\n"
  "                  \"unit\": \"%\", \"period\": \"2023-H1\", \"status\": \"confirmed\", \"source\": \"src\"}],\n"
  "  \"programs\": [{\"id\": \"prog\", \"title\": {\"en\": \"P\", \"zh\": \"项\"}, \"summary\": \"s\", \"start\": \"2021\",\n"
  "                \"sources\": [\"src\"], \"links\": [{\"title\": \"t\", \"url\": \"https://example.org/b\"}]}],\n"
  "  \"features\": {\"type\": \"FeatureCollection\", \"features\": [\n"
  "    {\"type\": \"Feature\", \"id\": \"park\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4165, 31.2232]},\n"
  "     \"properties\": {\"layer\": \"landmarks\", \"kind\": \"park\", \"name\": {\"en\": \"Park\", \"zh\": \"公园\"},\n"
  "                    \"description\": \"d\", \"accuracy_m\": 150, \"accuracy_note\": \"n\", \"sources\": [\"src\"],\n"
  "                    \"statistics\": [\"stat\"], \"programs\": [\"prog\"]}},\n"
  "    {\"type\": \"Feature\", \"id\": \"area\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.3, 31.1], [121.5, 31.1], [121.5, 31.3], [121.3, 31.1]]]},\n"
  "     \"properties\": {\"layer\": \"landmarks\", \"kind\": \"area\", \"name\": {\"en\": \"Area\", \"zh\": \"区\"},\n"
  "                    \"description\": \"d\", \"accuracy_m\": 100, \"accuracy_note\": \"n\", \"sources\": [\"src\"]}}\n"
  "  ]},\n"
  "  \"basemap\": {\"type\": \"FeatureCollection\", \"features\": [\n"
  "    {\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.3, 31.2], [121.4, 31.2]]},\n"
  "     \"properties\": {\"class\": \"river\", \"accuracy_m\": 150}}\n"
  "  ]}\n"
  "}\n";
