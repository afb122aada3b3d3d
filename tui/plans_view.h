/* plans_view.h — what the views of the map, the specification, the plan and the
 * CPD record share inside tui/ (plans.c): their state, the kinds of their lines,
 * and the row to act on. */
#ifndef CAPBOOK_TUI_PLANS_VIEW_H
#define CAPBOOK_TUI_PLANS_VIEW_H

#include "core/stdmap.h"
#include "tui/plans.h"

/* A line's a: what its b indexes. */
enum plan_line {
        PL_ROW,   /* a row of the view's sheet: b is the row */
        PL_WHOLE, /* the whole specification */
        PL_MIX,   /* the specification's mix */
        PL_AREA,  /* the map: b an area, a standard, a related standard, a category */
        PL_STANDARD,
        PL_RELATED,
        PL_CATEGORY
};

struct plan_state {
        struct strlist open; /* rows shown in full (ids; map: codes) */
        char *select;        /* the id to select once built again */
        struct stdmap own;   /* the map, when no workbook is open */
};

bool plans_is_view(const struct view *v);
/* The map the view shows: the workbook's, or its own. */
const struct stdmap *plans_map(struct app *app, struct view *v);
enum wb_sheet plans_sheet(const struct view *v);
/* The id of the selected row of the view's sheet, or NULL. */
const char *plans_selected_id(struct app *app, struct view *v);
/* Built now at the terminal's width, the line (a, b) selected when it is there. */
void plans_rebuild(struct app *app, struct view *v, int a, int b);
bool plans_is_open(const struct view *v, const char *key);
void plans_toggle_open(struct view *v, const char *key);
/* The same from a key: built again at once, the row and what it shows in view. */
void plans_toggle_shown(struct app *app, struct view *v, const char *key);
/* Text whose first line (a, b, selectable as given) starts where the text
 * starts, the rest wrapped under indent. */
void plans_hang_wrap(struct view *v, int role, int width, int indent, const char *text,
                     bool selectable, int a, int b);
/* The view_ops parts they share. */
void plans_model(struct app *app, struct view *v, bool fresh);
void plans_done(struct app *app, struct view *v, bool ending);
/* Deletes the selected row after asking (what it would leave pointing at
 * nothing said first). */
enum reaction plans_delete(struct app *app, struct view *v);

#endif
