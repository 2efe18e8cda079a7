/* fuzz-common.h: what every fuzz target shares
 *
 * Each target defines LLVMFuzzerTestOneInput, and LLVMFuzzerInitialize with
 * FUZZ_DEFINE_INITIALIZE() unless it needs more than fuzz_init(). Built with -Dfuzzing=true they link against
 * libFuzzer; in every other build they link against replay.c, which feeds
 * them the seed corpus and the saved regressions as a unit test.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* An invariant the code under test promises; breaking it is a finding,
 * exactly like a crash, so it aborts (g_assert could be compiled out). */
#define FUZZ_CHECK(cond)                                                     \
  G_STMT_START {                                                             \
    if (G_UNLIKELY (!(cond)))                                                \
      {                                                                      \
        fprintf (stderr, "%s:%d: invariant broken: %s\n",                    \
                 __FILE__, __LINE__, #cond);                                 \
        abort ();                                                            \
      }                                                                      \
  } G_STMT_END

/* Error messages end up in toasts and on terminals: they must be valid
 * UTF-8, short, and free of control, format and separator characters
 * (terminal escapes, bidi overrides, line breaks) whatever the input was. */
#define FUZZ_MAX_MESSAGE_BYTES 4096

static inline void
fuzz_check_message (const char *message)
{
  FUZZ_CHECK (message != NULL);
  FUZZ_CHECK (message[0] != '\0');
  FUZZ_CHECK (strlen (message) <= FUZZ_MAX_MESSAGE_BYTES);
  FUZZ_CHECK (g_utf8_validate (message, -1, NULL));

  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (p));

      FUZZ_CHECK (type != G_UNICODE_CONTROL && type != G_UNICODE_FORMAT &&
                  type != G_UNICODE_LINE_SEPARATOR && type != G_UNICODE_PARAGRAPH_SEPARATOR);
    }
}

/* A string the loader hands on must be valid UTF-8 (json-glib 1.6 can make
 * invalid UTF-8 from a lone \ud800; the strict pre-scan refuses that). */
static inline void
fuzz_check_text (const char *text)
{
  if (text != NULL)
    FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
}

/* A g_warning or g_critical from our code, GLib or json-glib means a
 * precondition was broken somewhere: that is a finding too. */
static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* The LLVMFuzzerInitialize of a target that needs nothing but fuzz_init(). */
#define FUZZ_DEFINE_INITIALIZE()                                             \
  int                                                                        \
  LLVMFuzzerInitialize (int    *argc,                                        \
                        char ***argv)                                        \
  {                                                                          \
    fuzz_init ();                                                            \
    return 0;                                                                \
  }
