/* cx-print-operation.c: a handout on A4 landscape pages
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages are drawn by cx_handout_draw_page(), as the exported PDF's
 * are, from a copy of the view taken when printing starts: what is printed
 * is what was on screen when the user asked. The first page has the map;
 * sources that do not fit beside it continue on the next.
 */

#define G_LOG_DOMAIN "cx-print"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-print-operation.h"

struct _CxPrintOperation
{
  GtkPrintOperation parent_instance;

  /* Owned: the view, with its strings and overlay */
  CxHandoutView     view;
};

G_DEFINE_FINAL_TYPE (CxPrintOperation, cx_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
cx_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  CxPrintOperation *self = CX_PRINT_OPERATION (operation);

  /* Measured on the printer's own context, as the pages are drawn. */
  gtk_print_operation_set_n_pages (operation,
                                   (int) cx_handout_get_n_pages (&self->view, CX_HANDOUT_PDF,
                                                                 gtk_print_context_get_cairo_context (context),
                                                                 gtk_print_context_get_width (context),
                                                                 gtk_print_context_get_height (context)));
}

static void
cx_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page)
{
  CxPrintOperation *self = CX_PRINT_OPERATION (operation);

  cx_handout_draw_page (&self->view, CX_HANDOUT_PDF, gtk_print_context_get_cairo_context (context),
                        gtk_print_context_get_width (context), gtk_print_context_get_height (context), (guint) page);
}

static void
cx_print_operation_finalize (GObject *object)
{
  CxPrintOperation *self = (CxPrintOperation *) object;

  g_clear_object (&self->view.overlay);
  g_free ((char *) self->view.title);
  g_free ((char *) self->view.subtitle);
  g_free ((char *) self->view.note);
  g_clear_pointer (&self->view.date, g_date_time_unref);
  g_clear_pointer (&self->view.annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (cx_print_operation_parent_class)->finalize (object);
}

static void
cx_print_operation_class_init (CxPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = cx_print_operation_finalize;
  operation_class->begin_print = cx_print_operation_begin_print;
  operation_class->draw_page = cx_print_operation_draw_page;
}

static void
cx_print_operation_init (CxPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), _("Changning Explorer handout"));
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
}

/**
 * cx_print_operation_new:
 * @view: what to print; copied
 *
 * Returns: (transfer full): an operation that prints @view as a handout
 */
CxPrintOperation *
cx_print_operation_new (const CxHandoutView *view)
{
  CxPrintOperation *self;

  g_return_val_if_fail (view != NULL, NULL);

  self = g_object_new (CX_TYPE_PRINT_OPERATION, NULL);
  self->view = *view;
  self->view.overlay = g_object_ref (view->overlay);
  self->view.title = g_strdup (view->title);
  self->view.subtitle = g_strdup (view->subtitle);
  self->view.note = g_strdup (view->note);
  self->view.date = view->date != NULL ? g_date_time_ref (view->date) : NULL;
  /* The marks never change (CxAnnotation is a value): the array is kept. */
  self->view.annotations = view->annotations != NULL ? g_ptr_array_ref (view->annotations) : NULL;

  return self;
}
