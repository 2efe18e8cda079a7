/* cx-chinese.c: Chinese text in Simplified Chinese glyphs, whatever the
 * interface language
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One Han character has different glyphs in Simplified and Traditional
 * Chinese, Japanese and Korean; Pango chooses by the text's language, which
 * is the interface's unless the text says otherwise. In an English (or any
 * non-Chinese) interface, the pack's Chinese names came out in the Japanese
 * forms of Noto Sans CJK JP, on screen and on paper. Text that shows
 * Chinese names is tagged as Simplified Chinese here; runs in other scripts
 * (Latin, digits) keep a language of their own script (pango_itemize()
 * only keeps a language for the scripts it is written in).
 *
 * The tag is "zh-cn", not the BCP 47 "zh-Hans": fontconfig (2.15, Debian 13
 * and the GNOME 49 runtime) knows Simplified Chinese only as the
 * orthography zh-cn, and its Noto CJK rules test for that; "zh-Hans" gets
 * the JP face (measured with pdffonts). HarfBuzz reads both as the
 * OpenType language ZHS.
 */

#define G_LOG_DOMAIN "cx-chinese"

#include "config.h"

#include "cx-chinese.h"

/**
 * cx_chinese_language:
 *
 * Returns: (transfer none): Simplified Chinese, as Pango and fontconfig
 *   know it
 */
PangoLanguage *
cx_chinese_language (void)
{
  return pango_language_from_string ("zh-cn");
}

/**
 * cx_chinese_attributes:
 *
 * Returns: (transfer full): attributes for a layout or label whose Chinese
 *   text is Simplified Chinese: the language over the whole text
 */
PangoAttrList *
cx_chinese_attributes (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_language_new (cx_chinese_language ()));
  return attrs;
}

/**
 * cx_chinese_label:
 *
 * Tags @label's text, whatever it is later set to, as Simplified Chinese
 * where it is Chinese.
 */
void
cx_chinese_label (GtkLabel *label)
{
  g_autoptr(PangoAttrList) attrs = cx_chinese_attributes ();

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_attributes (label, attrs);
}

/**
 * cx_chinese_markup:
 * @text: plain text, never markup
 *
 * For a label that can only take markup (the subtitle of an AdwActionRow):
 * @text escaped, and tagged as Simplified Chinese where it is Chinese.
 *
 * Returns: (transfer full): Pango markup
 */
char *
cx_chinese_markup (const char *text)
{
  return g_markup_printf_escaped ("<span lang=\"%s\">%s</span>",
                                  pango_language_to_string (cx_chinese_language ()), text != NULL ? text : "");
}

/**
 * cx_chinese_row:
 * @title: plain text
 * @subtitle: (nullable): plain text, with the Chinese names in it
 *
 * Sets @row's title and subtitle, tagged as Simplified Chinese where they
 * are Chinese. AdwActionRow's labels take nothing but markup, so @row is
 * switched to markup and the text escaped: pack text is never markup.
 */
void
cx_chinese_row (AdwActionRow *row,
                const char   *title,
                const char   *subtitle)
{
  g_autofree char *title_markup = cx_chinese_markup (title);
  g_autofree char *subtitle_markup = subtitle != NULL ? cx_chinese_markup (subtitle) : NULL;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (row, subtitle_markup);
}
