/* cx-details-panel.c: what the selection is about, with figures and sources
 *
 * The panel shows one page per kind of selection: the overview when
 * nothing is selected (cx-details-panel.ui), a place, a program, a
 * statistic or a feature of an imported layer. Each page binds its text to
 * its item; choosing the page by the selection's kind happens here, in
 * show_selection(), and nowhere else. The item pages are built when first
 * shown: at start only the overview is, and the statistic page alone is
 * 170 widgets (its charts), which the first view does not show.
 *
 * Copyright 2026 The Changning Explorer developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cx-details-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "cx-details-panel.h"
#include "cx-imported-feature-page.h"
#include "cx-overview-page.h"
#include "cx-place-page.h"
#include "cx-program-page.h"
#include "cx-statistic-page.h"

struct _CxDetailsPanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget         *header;
  GtkLabel          *title;
  GtkScrolledWindow *scroller;
  GtkStack          *stack;

  /* Owned */
  CxSelection       *selection;

  /* Borrowed, weak */
  GtkRoot           *root;            /* whose focus is watched, while rooted */
  GdkFrameClock     *layout_clock;    /* a scroll waits for its next layout */
};

G_DEFINE_FINAL_TYPE (CxDetailsPanel, cx_details_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The page for each kind of selection, by its name in the stack. */
static const char *
page_name_for (CxSelectionKind kind)
{
  switch (kind)
    {
    case CX_SELECTION_FEATURE:
      return "place";
    case CX_SELECTION_PROGRAM:
      return "program";
    case CX_SELECTION_STATISTIC:
      return "statistic";
    case CX_SELECTION_IMPORTED:
      return "imported";
    case CX_SELECTION_NONE:
    default:
      return "overview";
    }
}

/* The page for @kind, added to the stack the first time it is needed. */
static GtkWidget *
ensure_page (CxDetailsPanel  *self,
             CxSelectionKind  kind)
{
  const char *name = page_name_for (kind);
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);
  const char *title;
  GType type;

  if (page != NULL)
    return page;

  switch (kind)
    {
    case CX_SELECTION_FEATURE:
      type = CX_TYPE_PLACE_PAGE;
      title = _("Place");
      break;
    case CX_SELECTION_PROGRAM:
      type = CX_TYPE_PROGRAM_PAGE;
      title = _("Program");
      break;
    case CX_SELECTION_STATISTIC:
      type = CX_TYPE_STATISTIC_PAGE;
      title = _("Statistic");
      break;
    case CX_SELECTION_IMPORTED:
      type = CX_TYPE_IMPORTED_FEATURE_PAGE;
      /* TRANSLATORS: title of the details panel on a feature of a layer the
       * user imported */
      title = _("Your Layer");
      break;
    case CX_SELECTION_NONE:
    default:
      g_return_val_if_reached (NULL);
    }

  page = g_object_new (type, "selection", self->selection, NULL);
  gtk_stack_add_titled (self->stack, page, name, title);
  return page;
}

/* Shows the page for the selection's kind, with the item on it. The
 * other item pages let go of theirs and are hidden, so that neither a
 * screen reader nor a search of the panel's text finds a page not shown. */
static void
show_selection (CxDetailsPanel *self)
{
  CxSelectionKind kind = cx_selection_get_kind (self->selection);
  GtkWidget *page = ensure_page (self, kind);

  gtk_widget_set_visible (page, TRUE);
  if (kind != CX_SELECTION_NONE)
    g_object_set (page, "item", cx_selection_get_item (self->selection), NULL);
  gtk_stack_set_visible_child (self->stack, page);

  for (GtkWidget *other = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       other != NULL;
       other = gtk_widget_get_next_sibling (other))
    {
      if (other == page || CX_IS_OVERVIEW_PAGE (other))
        continue;
      g_object_set (other, "item", NULL, NULL);
      gtk_widget_set_visible (other, FALSE);
    }

  gtk_label_set_text (self->title, gtk_stack_page_get_title (gtk_stack_get_page (self->stack, page)));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
back_clicked_cb (CxDetailsPanel *self)
{
  /* The window's Back (Alt+Left), which also knows where the panel
   * floats; a panel outside a window goes back by itself. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL))
    cx_selection_go_back (self->selection);
}

/* ------------------------------------------------------------------ */
/* Keeping the focused row or card in view                             */
/* ------------------------------------------------------------------ */

/* The GtkViewport that GtkScrolledWindow put around the stack. */
static GtkViewport *
viewport (CxDetailsPanel *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->stack));

  g_assert (GTK_IS_VIEWPORT (parent));
  return GTK_VIEWPORT (parent);
}

static void
after_layout (GdkFrameClock  *clock,
              CxDetailsPanel *self)
{
  GtkWidget *focus = self->root != NULL ? gtk_root_get_focus (self->root) : NULL;

  g_signal_handlers_disconnect_by_func (clock, after_layout, self);
  g_clear_weak_pointer (&self->layout_clock);

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    gtk_viewport_scroll_to (viewport (self), focus, NULL);
}

/* GtkViewport scrolls to the focus as soon as it moves, with the sizes
 * it last laid out. Focus that lands right after the page changed (a key
 * pressed at once, a slow machine) was measured on the page shown before,
 * whose height also bounds the scroll, and the card stayed out of view:
 * scroll again once the new page is laid out. */
static void
on_focus_changed (CxDetailsPanel *self)
{
  GtkWidget *focus = gtk_root_get_focus (self->root);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)) ||
      clock == NULL || self->layout_clock != NULL)
    return;

  g_set_weak_pointer (&self->layout_clock, clock);
  /* After GTK's own handler, which allocates the window. */
  g_signal_connect_object (clock, "layout", G_CALLBACK (after_layout), self, G_CONNECT_AFTER);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

static void
cx_details_panel_root (GtkWidget *widget)
{
  CxDetailsPanel *self = CX_DETAILS_PANEL (widget);

  GTK_WIDGET_CLASS (cx_details_panel_parent_class)->root (widget);

  g_set_weak_pointer (&self->root, gtk_widget_get_root (widget));
  g_signal_connect_object (self->root, "notify::focus-widget", G_CALLBACK (on_focus_changed), self, G_CONNECT_SWAPPED);
}

static void
cx_details_panel_unroot (GtkWidget *widget)
{
  CxDetailsPanel *self = CX_DETAILS_PANEL (widget);

  /* Either may be gone already when a window is destroyed. */
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_focus_changed, self);
  g_clear_weak_pointer (&self->root);
  if (self->layout_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->layout_clock, after_layout, self);
  g_clear_weak_pointer (&self->layout_clock);

  GTK_WIDGET_CLASS (cx_details_panel_parent_class)->unroot (widget);
}

static void
cx_details_panel_constructed (GObject *object)
{
  CxDetailsPanel *self = (CxDetailsPanel *) object;

  G_OBJECT_CLASS (cx_details_panel_parent_class)->constructed (object);

  g_assert (self->selection != NULL);
  /* The template's bindings follow the selection from here on. */
  g_object_notify_by_pspec (object, properties[PROP_SELECTION]);
  g_signal_connect_object (self->selection, "notify::item", G_CALLBACK (show_selection), self, G_CONNECT_SWAPPED);
  show_selection (self);
}

static void
cx_details_panel_dispose (GObject *object)
{
  CxDetailsPanel *self = (CxDetailsPanel *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CX_TYPE_DETAILS_PANEL);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cx_details_panel_parent_class)->dispose (object);
}

static void
cx_details_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CxDetailsPanel *self = CX_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CxDetailsPanel *self = CX_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      self->selection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cx_details_panel_class_init (CxDetailsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cx_details_panel_constructed;
  object_class->dispose = cx_details_panel_dispose;
  object_class->get_property = cx_details_panel_get_property;
  object_class->set_property = cx_details_panel_set_property;
  widget_class->root = cx_details_panel_root;
  widget_class->unroot = cx_details_panel_unroot;

  /**
   * CxDetailsPanel:selection:
   *
   * What the panel shows, and where its rows and cards select; the
   * overview shows the selection's pack.
   */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, CX_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CX_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CX_TYPE_PLACE_PAGE);
  g_type_ensure (CX_TYPE_PROGRAM_PAGE);
  g_type_ensure (CX_TYPE_STATISTIC_PAGE);
  g_type_ensure (CX_TYPE_IMPORTED_FEATURE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/changning/Explorer/cx-details-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CxDetailsPanel, header);
  gtk_widget_class_bind_template_child (widget_class, CxDetailsPanel, title);
  gtk_widget_class_bind_template_child (widget_class, CxDetailsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, CxDetailsPanel, stack);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cx-details-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cx_details_panel_init (CxDetailsPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cx_details_panel_new (CxSelection *selection)
{
  g_return_val_if_fail (CX_IS_SELECTION (selection), NULL);

  return g_object_new (CX_TYPE_DETAILS_PANEL, "selection", selection, NULL);
}

CxSelection *
cx_details_panel_get_selection (CxDetailsPanel *self)
{
  g_return_val_if_fail (CX_IS_DETAILS_PANEL (self), NULL);

  return self->selection;
}

/**
 * cx_details_panel_get_page_name:
 *
 * Returns: "overview", "place", "program", "statistic" or "imported"
 */
const char *
cx_details_panel_get_page_name (CxDetailsPanel *self)
{
  g_return_val_if_fail (CX_IS_DETAILS_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cx_details_panel_get_page:
 *
 * Returns: (transfer none): the page shown
 */
GtkWidget *
cx_details_panel_get_page (CxDetailsPanel *self)
{
  g_return_val_if_fail (CX_IS_DETAILS_PANEL (self), NULL);

  return gtk_stack_get_visible_child (self->stack);
}
