/* view.c — the one interface every full-screen view uses: lines built from core
 * data, a selection that skips headings, scrolling, a title and key hints. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void vline_add(struct view *v, int role, bool selectable, int a, int b, const char *fmt, ...)
{
        v->lines = xrealloc(v->lines, (v->n + 1) * sizeof *v->lines);
        struct vline *l = &v->lines[v->n++];
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        l->text = xmalloc((size_t)(n > 0 ? n : 0) + 1);
        va_start(ap, fmt);
        vsnprintf(l->text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
        va_end(ap);
        l->role = role;
        l->selectable = selectable;
        l->a = a;
        l->b = b;
}

void vline_wrap(struct view *v, int role, int width, int indent, const char *text)
{
        /* each line, indent included, fits width columns */
        width -= indent;
        if (width < 20)
                width = 20;
        for (const char *p = text; *p;) {
                const char *next;
                size_t len = text_wrap_line(p, width, &next);
                vline_add(v, role, false, 0, 0, "%*s%.*s", indent, "", (int)len, p);
                p = next;
        }
}

void view_clear(struct view *v)
{
        for (size_t i = 0; i < v->n; i++)
                free(v->lines[i].text);
        free(v->lines);
        v->lines = NULL;
        v->n = 0;
}

void view_push(struct app *app, const struct view_ops *ops, int arg)
{
        if (app->nviews == (int)(sizeof app->views / sizeof *app->views))
                view_pop(app);
        struct view *v = xcalloc(1, sizeof *v);
        v->ops = ops;
        v->arg = arg;
        v->stale = true;
        app->views[app->nviews++] = v;
}

void view_pop(struct app *app)
{
        if (!app->nviews)
                return;
        struct view *v = app->views[--app->nviews];
        view_clear(v);
        free(v);
}

static void select_first(struct view *v)
{
        if (v->sel < v->n && v->lines[v->sel].selectable)
                return;
        for (size_t i = 0; i < v->n; i++)
                if (v->lines[i].selectable) {
                        v->sel = i;
                        return;
                }
}

void view_draw(struct app *app, struct view *v)
{
        if (v->built_cols != app->cols) /* resized: lines are wrapped to the width */
                v->stale = true;
        if (v->stale) {
                size_t keep = v->sel;
                bool same = keep < v->n && v->lines[keep].selectable;
                int ka = same ? v->lines[keep].a : 0, kb = same ? v->lines[keep].b : 0;
                view_clear(v);
                v->title[0] = '\0';
                v->ops->build(app, v, app->cols);
                v->built_cols = app->cols;
                v->sel = keep < v->n ? keep : 0;
                /* the same item stays selected when lines moved */
                for (size_t i = 0; same && i < v->n; i++)
                        if (v->lines[i].selectable && v->lines[i].a == ka && v->lines[i].b == kb) {
                                v->sel = i;
                                break;
                        }
                select_first(v);
                v->stale = false;
        }
        char t[220];
        snprintf(t, sizeof t, " capbook  %s", v->title);
        ui_put(app, 0, 0, app->cols, t, app->role_attr[CR_TITLE], true);
        int rows = app->rows - 2;
        if (v->sel < v->top)
                v->top = v->sel;
        if (v->sel >= v->top + (size_t)rows)
                v->top = v->sel - (size_t)rows + 1;
        for (int i = 0; i < rows; i++) {
                size_t k = v->top + (size_t)i;
                int y = 1 + i;
                if (k >= v->n) {
                        ui_fill(y, 0, app->cols, A_NORMAL);
                        continue;
                }
                const struct vline *l = &v->lines[k];
                attr_t a = l->role < 0 ? A_BOLD : app->role_attr[l->role];
                if (l->selectable && k == v->sel) {
                        a = A_REVERSE;
                        app->cursor_y = y;
                        app->cursor_x = 0;
                }
                ui_put(app, y, 0, app->cols, l->text, a, true);
        }
        char hints[300];
        size_t len = 0;
        for (size_t i = 0; i < 4 && v->ops->hints[i].label; i++) {
                char k[16];
                len += (size_t)snprintf(hints + len, sizeof hints - len, " %s %s ",
                                        keys_first(app, v->ops->hints[i].act, k, sizeof k),
                                        v->ops->hints[i].label);
        }
        char k1[16], k2[16];
        snprintf(hints + len, sizeof hints - len, " %s back  %s help",
                 keys_first(app, ACT_BACK, k1, sizeof k1),
                 keys_first(app, ACT_HELP, k2, sizeof k2));
        ui_put(app, app->rows - 1, 0, app->cols, app->msg[0] ? app->msg : hints,
               app->msg[0] && app->msg_error ? app->role_attr[CR_ERROR] : A_NORMAL, true);
        if (!app->cursor_y)
                app->cursor_y = 1;
}

static void step(struct view *v, long delta, bool any)
{
        if (!v->n)
                return;
        long i = (long)v->sel;
        long dir = delta > 0 ? 1 : -1;
        long moved = 0, last_ok = i;
        while (moved < labs(delta)) {
                i += dir;
                if (i < 0 || i >= (long)v->n)
                        break;
                if (any || v->lines[i].selectable) {
                        last_ok = i;
                        moved++;
                }
        }
        v->sel = (size_t)last_ok;
}

/* A view with nothing to select (help) scrolls its text: the keys move the top
 * line, and the selection follows it. */
static void scroll_text(struct app *app, struct view *v, long delta)
{
        long rows = app->rows - 2 > 1 ? app->rows - 2 : 1;
        long last = (long)v->n - rows > 0 ? (long)v->n - rows : 0;
        long top = (long)v->top + delta;
        top = top < 0 ? 0 : top > last ? last : top;
        v->top = v->sel = (size_t)top;
}

bool view_key(struct app *app, struct view *v, int action, int ch)
{
        bool any = true;
        for (size_t i = 0; i < v->n; i++)
                if (v->lines[i].selectable)
                        any = false;
        int page = app->rows - 3 > 1 ? app->rows - 3 : 1;
        if (any) {
                long n = (long)v->n;
                switch (action) {
                case ACT_DOWN: scroll_text(app, v, 1); return true;
                case ACT_UP: scroll_text(app, v, -1); return true;
                case ACT_PAGE_DOWN: scroll_text(app, v, page); return true;
                case ACT_PAGE_UP: scroll_text(app, v, -page); return true;
                case ACT_HOME: scroll_text(app, v, -n); return true;
                case ACT_END: scroll_text(app, v, n); return true;
                default: break;
                }
        }
        switch (action) {
        case ACT_DOWN: step(v, 1, any); return true;
        case ACT_UP: step(v, -1, any); return true;
        case ACT_PAGE_DOWN: step(v, page, any); return true;
        case ACT_PAGE_UP: step(v, -page, any); return true;
        case ACT_HOME: step(v, -(long)v->n, any); return true;
        case ACT_END: step(v, (long)v->n, any); return true;
        case ACT_REDRAW: clearok(curscr, TRUE); return true;
        case ACT_HELP:
                if (v->ops != &view_help_ops)
                        view_push(app, &view_help_ops, 0);
                return true;
        default: break;
        }
        if (v->ops->key && v->ops->key(app, v, action, ch))
                return true;
        if (action == ACT_BACK) {
                if (app->nviews > 1 || app->have_wb)
                        view_pop(app);
                return true;
        }
        return false;
}
