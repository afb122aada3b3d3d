/* plans.c — what the views of the 2004 standards share: opening one (in place
 * of another of them, so moving between them does not pile views up), their
 * state (rows shown in full, the row to select once rebuilt), and a row chosen
 * to act on. */
#include "core/text.h"
#include "tui/plans.h"
#include "tui/plans_view.h"

#include <stdlib.h>
#include <string.h>

bool plans_is_view(const struct view *v)
{
        return v->ops == &view_spec_ops || v->ops == &view_pdp_ops || v->ops == &view_cpd_ops ||
               v->ops == &view_map_ops;
}

enum reaction plans_open(struct app *app, struct view *v, enum action act)
{
        const struct view_ops *ops = act == ACT_SPEC  ? &view_spec_ops
                                     : act == ACT_PDP ? &view_pdp_ops
                                     : act == ACT_CPD ? &view_cpd_ops
                                                      : &view_map_ops;
        if (v->ops == ops)
                return REACT_NONE;
        if (ops != &view_map_ops && !app->ses.have_wb) {
                app_message(app, true, "open a workbook first (Enter on a candidate)");
                return REACT_NONE;
        }
        struct plan_state *ps = xcalloc(1, sizeof *ps);
        struct diag d = {0};
        int rc = app->ses.have_wb ? workbook_map(&app->ses.wb, &d)
                                  : stdmap_load(&ps->own, NULL, false, &d);
        if (rc < 0 && ops == &view_map_ops) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("the 2004 map is not found");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                free(ps);
                return REACT_NONE;
        }
        diag_free(&d);
        bool replace = plans_is_view(v);
        struct view *nv = view_push(app, ops, 0);
        nv->data = ps;
        if (replace)
                view_remove(app, v);
        return REACT_NONE;
}

const struct stdmap *plans_map(struct app *app, struct view *v)
{
        struct plan_state *ps = v->data;
        return app->ses.have_wb ? &app->ses.wb.map : &ps->own;
}

void plans_select(struct app *app, unsigned long view, const char *id)
{
        struct view *v = view_by_id(app, view);
        if (!v || !plans_is_view(v))
                return;
        struct plan_state *ps = v->data;
        free(ps->select);
        ps->select = xstrdup(id);
}

/* The selected row and the lines that belong to it (up to the next row that can
 * be selected) in view, as far as they fit. */
static void show_block(struct app *app, struct view *v)
{
        size_t end = v->sel + 1, rows = app->term.rows > 3 ? (size_t)app->term.rows - 2 : 1;
        while (end < v->n && !v->lines[end].selectable)
                end++;
        if (end - v->top > rows)
                v->top = end - rows;
        if (v->top > v->sel)
                v->top = v->sel;
}

void plans_rebuild(struct app *app, struct view *v, int a, int b)
{
        view_clear(v);
        v->title[0] = '\0';
        v->ops->build(app, v, app->term.cols);
        v->built_cols = app->term.cols;
        v->stale = false;
        for (size_t i = 0; i < v->n; i++)
                if (v->lines[i].selectable && v->lines[i].a == a && v->lines[i].b == b) {
                        v->sel = i;
                        break;
                }
        if (v->sel >= v->n)
                v->sel = 0;
}

void plans_model(struct app *app, struct view *v, bool fresh)
{
        struct plan_state *ps = v->data;
        (void)fresh;
        v->stale = true;
        if (!ps->select || !app->ses.have_wb)
                return;
        /* built now, so the row just recorded is the one selected */
        long row = wb_find(&app->ses.wb, plans_sheet(v), ps->select);
        plans_rebuild(app, v, PL_ROW, (int)row);
        show_block(app, v);
        free(ps->select);
        ps->select = NULL;
}

void plans_toggle_shown(struct app *app, struct view *v, const char *key)
{
        bool sel = v->sel < v->n && v->lines[v->sel].selectable;
        int a = sel ? v->lines[v->sel].a : -1, b = sel ? v->lines[v->sel].b : -1;
        plans_toggle_open(v, key);
        plans_rebuild(app, v, a, b);
        show_block(app, v);
}

void plans_done(struct app *app, struct view *v, bool ending)
{
        (void)app, (void)ending;
        struct plan_state *ps = v->data;
        if (!ps)
                return;
        if (ps->own.dir)
                stdmap_free(&ps->own);
        strlist_free(&ps->open);
        free(ps->select);
        free(ps);
}

enum wb_sheet plans_sheet(const struct view *v)
{
        return v->ops == &view_spec_ops ? WB_SPEC : v->ops == &view_pdp_ops ? WB_PDP : WB_CPD;
}

const char *plans_selected_id(struct app *app, struct view *v)
{
        if (v->sel >= v->n || !v->lines[v->sel].selectable || v->lines[v->sel].a != PL_ROW)
                return NULL;
        return wb_get(&app->ses.wb, plans_sheet(v), (size_t)v->lines[v->sel].b, "id");
}

bool plans_is_open(const struct view *v, const char *key)
{
        const struct plan_state *ps = v->data;
        return strlist_has(&ps->open, key);
}

void plans_toggle_open(struct view *v, const char *key)
{
        struct plan_state *ps = v->data;
        struct strlist keep = {0};
        bool was = false;
        for (size_t i = 0; i < ps->open.n; i++)
                if (strcmp(ps->open.v[i], key) == 0)
                        was = true;
                else
                        strlist_push(&keep, ps->open.v[i]);
        if (!was)
                strlist_push(&keep, key);
        strlist_free(&ps->open);
        ps->open = keep;
        v->stale = true;
}

enum reaction plans_delete(struct app *app, struct view *v)
{
        struct workbook *wb = &app->ses.wb;
        const char *sel = plans_selected_id(app, v);
        if (!sel) {
                app_message(app, true, "select a row to delete");
                return REACT_NONE;
        }
        char *id = xstrdup(sel);
        enum wb_sheet s = plans_sheet(v);
        struct buf why = {0}, q = {0};
        wb_delete_concerns(wb, s, id, &why);
        /* "Delete R1 (T3 is tied to it; C2 refers to it)? (y)es (n)o" */
        buf_printf(&q, "Delete %s%s%s%s? (y)es (n)o", id, why.len ? " (" : "", buf_str(&why),
                   why.len ? ")" : "");
        enum reaction r = REACT_NONE;
        if (prompt_choice(app, buf_str(&q), "yn") == 'y') {
                struct diag d = {0};
                if (wb_delete(wb, s, id, &d) == 0) {
                        char ku[16];
                        app_message(app, false, "%s deleted (%s undoes)", id,
                                    keys_first(app, ACT_UNDO, ku, sizeof ku));
                        r = REACT_MODEL;
                } else {
                        char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not deleted");
                        app_message(app, true, "%s", m);
                        free(m);
                }
                diag_free(&d);
        }
        buf_free(&why), buf_free(&q);
        free(id);
        return r;
}

void plans_hang_wrap(struct view *v, int role, int width, int indent, const char *text,
                     bool selectable, int a, int b)
{
        const char *next;
        size_t len = text_wrap_line(text, width, &next);
        vline_add(v, role, selectable, a, b, "%.*s", (int)len, text);
        while (*next == ' ')
                next++;
        if (*next)
                vline_wrap(v, role, width, indent, next);
}
