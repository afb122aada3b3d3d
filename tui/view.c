/* view.c — the one interface every full-screen view uses: lines built from core
 * data, a selection that skips headings, scrolling, a title and key hints. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdarg.h>
#include <stdio.h>
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

/* Builds the lines again when stale or built for another width, the same item
 * staying selected when lines moved. */
static void list_build(struct app *app, struct view *v)
{
        if (v->built_cols != app->term.cols) /* resized: lines are wrapped to the width */
                v->stale = true;
        if (!v->stale)
                return;
        size_t keep = v->sel;
        bool same = keep < v->n && v->lines[keep].selectable;
        int ka = same ? v->lines[keep].a : 0, kb = same ? v->lines[keep].b : 0;
        view_clear(v);
        v->title[0] = '\0';
        v->sel = (size_t)-1; /* a build may choose the line to select (a row just made) */
        v->ops->build(app, v, app->term.cols);
        v->built_cols = app->term.cols;
        if (v->sel < v->n) {
                same = false;
        } else {
                v->sel = keep < v->n ? keep : 0;
        }
        for (size_t i = 0; same && i < v->n; i++)
                if (v->lines[i].selectable && v->lines[i].a == ka && v->lines[i].b == kb) {
                        v->sel = i;
                        break;
                }
        select_first(v);
        v->stale = false;
}

void status_line(struct app *app, const char *hints)
{
        struct tui_term *t = &app->term;
        int y = t->rows - 1;
        if (app->msg[0])
                ui_put(t, y, 0, t->cols, app->msg, app->msg_error ? t->role_attr[CR_ERROR] : A_BOLD,
                       true);
        else
                ui_put(t, y, 0, t->cols, hints, A_NORMAL, true);
}

static bool text_only(const struct view *v)
{
        for (size_t i = 0; i < v->n; i++)
                if (v->lines[i].selectable)
                        return false;
        return true;
}

void list_draw(struct app *app, struct view *v)
{
        struct tui_term *t = &app->term;
        list_build(app, v);
        char title[220];
        snprintf(title, sizeof title, " capbook  %s", v->title);
        ui_put(t, 0, 0, t->cols, title, t->role_attr[CR_TITLE], true);
        int rows = t->rows - 2;
        if (v->sel < v->top)
                v->top = v->sel;
        /* on the first row that can be selected, the headings above it show too */
        size_t first = 0;
        while (first < v->n && !v->lines[first].selectable)
                first++;
        if (v->sel == first && v->sel < (size_t)rows)
                v->top = 0;
        if (v->sel >= v->top + (size_t)rows)
                v->top = v->sel - (size_t)rows + 1;
        /* the selected row's words wrapped below it show too (an action's
         * objective); after the last row, everything to the end (a legend) */
        if (!text_only(v) && v->sel < v->n) {
                size_t end = v->sel;
                while (end + 1 < v->n && !v->lines[end + 1].selectable)
                        end++;
                if (end >= v->top + (size_t)rows) {
                        size_t top = end - (size_t)rows + 1;
                        v->top = top < v->sel ? top : v->sel;
                }
        }
        for (int i = 0; i < rows; i++) {
                size_t k = v->top + (size_t)i;
                int y = 1 + i;
                if (k >= v->n) {
                        ui_fill(y, 0, t->cols, A_NORMAL);
                        continue;
                }
                const struct vline *l = &v->lines[k];
                attr_t a = l->role < 0 ? A_BOLD : t->role_attr[l->role];
                if (l->selectable && k == v->sel) {
                        a = A_REVERSE;
                        t->cursor_y = y;
                        t->cursor_x = 0;
                }
                ui_put(t, y, 0, t->cols, l->text, a, true);
        }
        char hints[300];
        size_t len = 0;
        for (size_t i = 0; i < 4 && v->ops->hints[i].label; i++) {
                char k[16];
                len += (size_t)snprintf(
                    hints + len, sizeof hints - len, " %s %s ",
                    keys_first_in(app, v->ops->keymap[0], v->ops->hints[i].act, k, sizeof k),
                    v->ops->hints[i].label);
        }
        char k1[16], k2[16];
        snprintf(hints + len, sizeof hints - len, " %s back  %s help",
                 keys_first(app, ACT_BACK, k1, sizeof k1),
                 keys_first(app, ACT_HELP, k2, sizeof k2));
        status_line(app, hints);
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
        long rows = app->term.rows - 2 > 1 ? app->term.rows - 2 : 1;
        long last = (long)v->n - rows > 0 ? (long)v->n - rows : 0;
        long top = (long)v->top + delta;
        top = top < 0 ? 0 : top > last ? last : top;
        v->top = v->sel = (size_t)top;
}

enum reaction list_key(struct app *app, struct view *v, enum action act)
{
        list_build(app, v);
        bool any = text_only(v);
        long page = app->term.rows - 3 > 1 ? app->term.rows - 3 : 1, n = (long)v->n, d;
        switch (act) {
        case ACT_DOWN: d = 1; break;
        case ACT_UP: d = -1; break;
        case ACT_PAGE_DOWN: d = page; break;
        case ACT_PAGE_UP: d = -page; break;
        case ACT_HOME: d = -n; break;
        case ACT_END: d = n; break;
        default: return REACT_IGNORED;
        }
        if (any)
                scroll_text(app, v, d);
        else
                step(v, d, false);
        return REACT_NONE;
}

bool list_search(struct app *app, struct view *v, const char *text, int dir)
{
        list_build(app, v);
        bool any = text_only(v);
        size_t n = v->n;
        for (size_t s = 1; s <= n; s++) {
                size_t i = dir < 0 ? (v->sel + n - s % n) % n : (v->sel + s) % n;
                if ((any || v->lines[i].selectable) && strcasestr(v->lines[i].text, text)) {
                        if (any)
                                scroll_text(app, v, (long)i - (long)v->top);
                        else
                                v->sel = i;
                        return true;
                }
        }
        return false;
}
