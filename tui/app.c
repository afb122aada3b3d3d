/* app.c — the full-screen workbook: start-up, the event loop, the main screen's
 * three linked panes, detail area and status line, and the global actions. */
#include "core/fileio.h"
#include "core/search.h"
#include "core/text.h"
#include "tui/tui.h"
#include "tui/ui.h"

#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <term.h>
#include <unistd.h>

volatile sig_atomic_t tui_signal;

static const struct glyphs glyphs_utf8 = {{"\xC2\xB7", "\xE2\x97\x8B", "!", "\xE2\x88\x85",
                                           "\xE2\x97\x94", "\xE2\x97\x90", "\xE2\x97\x8F"},
                                          "\xE2\x96\xB8",
                                          "\xE2\x96\xBE",
                                          "\xE2\x94\x82",
                                          "\xE2\x97\x86",
                                          "\xE2\x97\x87",
                                          "\xE2\x96\x88",
                                          "\xE2\x96\x92",
                                          "\xC2\xB7",
                                          "\xE2\x80\xA6"};
static const struct glyphs glyphs_ascii = {
    {"-", "p", "u", "n", "i", "m", "A"}, "+", "-", "|", "D", "i", "#", "+", ".", "~"};

static void on_signal(int sig)
{
        tui_signal = sig;
}

void app_message(struct app *app, bool error, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(app->msg, sizeof app->msg, fmt, ap);
        va_end(ap);
        app->msg_error = error;
}

/* --- panes ----------------------------------------------------------------- */

static void pane_push(struct pane *p, int a, int b)
{
        if (p->n == p->cap) {
                p->cap = p->cap ? p->cap * 2 : 64;
                p->items = xrealloc(p->items, p->cap * sizeof *p->items);
        }
        p->items[p->n].a = a;
        p->items[p->n].b = b;
        p->n++;
}

static void pane_clamp(struct pane *p)
{
        if (p->sel >= p->n)
                p->sel = p->n ? p->n - 1 : 0;
}

static void build_caps(struct app *app)
{
        struct pane *p = &app->panes[PANE_CAPS];
        const struct framework *fw = &app->wb.fw;
        p->n = 0;
        for (size_t c = 0; c < fw->ncaps; c++) {
                pane_push(p, (int)c, -1);
                if (app->cap_open[c])
                        for (size_t k = 0; k < fw->caps[c].nthemes; k++)
                                pane_push(p, (int)c, fw->caps[c].themes[k]);
        }
        pane_clamp(p);
}

static void build_nos(struct app *app)
{
        struct pane *p = &app->panes[PANE_NOS];
        const struct framework *fw = &app->wb.fw;
        p->n = 0;
        /* the candidate's units first, then the rest, each in framework order */
        for (int pass = 0; pass < 2; pass++) {
                for (size_t u = 0; u < fw->nunits; u++) {
                        bool mine = wb_unit_status(&app->wb, (int)u) != US_NONE;
                        if (mine != (pass == 0))
                                continue;
                        pane_push(p, (int)u, -1);
                        if (app->unit_open[u])
                                for (size_t k = 0; k < fw->units[u].nelements; k++)
                                        pane_push(p, (int)u, fw->units[u].elements[k]);
                }
        }
        pane_clamp(p);
}

static const struct link_list *selected_links(struct app *app)
{
        if (app->link_from == PANE_NOS) {
                struct pane *p = &app->panes[PANE_NOS];
                if (!p->n)
                        return NULL;
                struct pane_item it = p->items[p->sel];
                return it.b >= 0 ? &app->lx.elements[it.b] : &app->lx.units[it.a];
        }
        struct pane *p = &app->panes[PANE_CAPS];
        if (!p->n)
                return NULL;
        struct pane_item it = p->items[p->sel];
        return it.b >= 0 ? &app->lx.themes[it.b] : &app->lx.caps[it.a];
}

/* Evidence shows what the last-moved pane's selection links to (or all). */
static void build_evidence(struct app *app)
{
        struct pane *p = &app->panes[PANE_EVIDENCE];
        long keep = p->n ? p->items[p->sel].a : -1;
        p->n = 0;
        const struct link_list *l = app->linking ? selected_links(app) : NULL;
        if (app->linking && l) {
                for (size_t i = 0; i < l->n; i++)
                        pane_push(p, (int)(l->v[i] >> 2), (int)(l->v[i] & 3));
        } else if (!app->linking) {
                for (size_t i = 0; i < app->wb.nentries; i++)
                        pane_push(p, (int)i, 0);
        }
        p->sel = 0;
        for (size_t i = 0; i < p->n; i++)
                if (p->items[i].a == keep)
                        p->sel = i;
        if (p->top > p->sel)
                p->top = p->sel;
}

void app_refresh_model(struct app *app)
{
        coverage_free(&app->cov);
        link_index_free(&app->lx);
        coverage_compute(&app->wb, app->wb.stage_index, &app->cov);
        link_index_build(&app->wb, &app->lx);
        build_caps(app);
        build_nos(app);
        build_evidence(app);
        for (int i = 0; i < app->nviews; i++)
                app->views[i]->stale = true;
}

bool app_show_entry(struct app *app, long entry)
{
        struct pane *ep = &app->panes[PANE_EVIDENCE];
        bool linked = true;
        for (int pass = 0; pass < 2; pass++) {
                for (size_t j = 0; j < ep->n; j++)
                        if (ep->items[j].a == entry) {
                                ep->sel = j;
                                app->focus = PANE_EVIDENCE;
                                return linked;
                        }
                if (!app->linking)
                        break;
                app->linking = false; /* not linked to the selection: show every entry */
                linked = false;
                build_evidence(app);
        }
        return linked;
}

void app_select_theme(struct app *app, int cap, int theme)
{
        app->cap_open[cap] = true;
        build_caps(app);
        struct pane *p = &app->panes[PANE_CAPS];
        for (size_t i = 0; i < p->n; i++)
                if (p->items[i].a == cap && p->items[i].b == theme)
                        p->sel = i;
        app->focus = PANE_CAPS;
        app->link_from = PANE_CAPS;
        build_evidence(app);
}

void app_select_unit(struct app *app, int unit, int element)
{
        app->unit_open[unit] = true;
        build_nos(app);
        struct pane *p = &app->panes[PANE_NOS];
        for (size_t i = 0; i < p->n; i++)
                if (p->items[i].a == unit && p->items[i].b == element)
                        p->sel = i;
        app->focus = PANE_NOS;
        app->link_from = PANE_NOS;
        build_evidence(app);
}

/* How the other pane's selection maps to a Capabilities or NOS row: 0 not at
 * all, 1 directly, 2 indirectly (only when Evidence follows that pane). */
static int link_mark(struct app *app, enum pane_id pane, int a, int b)
{
        enum pane_id other = pane == PANE_CAPS ? PANE_NOS : PANE_CAPS;
        struct pane *op = &app->panes[other];
        if (app->link_from != (int)other || !op->n)
                return 0;
        struct pane_item s = op->items[op->sel];
        return pane == PANE_CAPS ? link_kind(&app->wb.fw, s.a, s.b, a, b)
                                 : link_kind(&app->wb.fw, a, b, s.a, s.b);
}

/* --- layout and drawing -------------------------------------------------- */

struct rect {
        int y, x, h, w;
};

struct layout {
        struct rect pane[NPANES];
        bool shown[NPANES];
        struct rect detail;
};

static void layout(struct app *app, struct layout *L)
{
        memset(L, 0, sizeof *L);
        int avail = app->rows - 2;
        int dh = app->rows >= 40 ? 10 : app->rows >= 24 ? 6 : 4;
        int ph = avail - dh;
        if (app->cols >= 120 && app->rows >= 20) {
                int w1 = app->cols * 3 / 10, w2 = app->cols * 3 / 10;
                L->pane[PANE_CAPS] = (struct rect){1, 0, ph, w1};
                L->pane[PANE_NOS] = (struct rect){1, w1 + 1, ph, w2};
                L->pane[PANE_EVIDENCE] = (struct rect){1, w1 + w2 + 2, ph, app->cols - w1 - w2 - 2};
                for (int i = 0; i < NPANES; i++)
                        L->shown[i] = true;
        } else if (app->cols >= 80 && app->rows >= 20) {
                int top = ph / 2 + 1, w1 = app->cols / 2;
                L->pane[PANE_CAPS] = (struct rect){1, 0, top, w1};
                L->pane[PANE_NOS] = (struct rect){1, w1 + 1, top, app->cols - w1 - 1};
                L->pane[PANE_EVIDENCE] = (struct rect){1 + top, 0, ph - top, app->cols};
                for (int i = 0; i < NPANES; i++)
                        L->shown[i] = true;
        } else {
                dh = 4;
                ph = avail - dh;
                L->pane[app->focus] = (struct rect){1, 0, ph, app->cols};
                L->shown[app->focus] = true;
        }
        L->detail = (struct rect){1 + ph, 0, dh, app->cols};
}

static void draw_pane_title(struct app *app, struct rect r, enum pane_id id)
{
        static const char *const names[] = {"Capabilities", "NOS units", "Evidence"};
        char t[200];
        const struct pane *p = &app->panes[id];
        if (id == PANE_EVIDENCE) {
                const char *what = "all entries";
                char sel[96] = "";
                if (app->linking) {
                        const struct pane *lp = &app->panes[app->link_from];
                        if (lp->n) {
                                struct pane_item it = lp->items[lp->sel];
                                const struct framework *fw = &app->wb.fw;
                                snprintf(
                                    sel, sizeof sel, "linked to %s",
                                    app->link_from == PANE_CAPS
                                        ? (it.b >= 0 ? fw->themes[it.b].code : fw->caps[it.a].code)
                                        : (it.b >= 0 ? fw->elements[it.b].code
                                                     : fw->units[it.a].code));
                                what = sel;
                        }
                }
                snprintf(t, sizeof t, "%s%s (%zu, %s)%s", app->focus == (int)id ? "[" : " ",
                         names[id], p->n, what, app->focus == (int)id ? "]" : " ");
        } else {
                snprintf(t, sizeof t, "%s%s%s", app->focus == (int)id ? "[" : " ", names[id],
                         app->focus == (int)id ? "]" : " ");
        }
        if (app->cols < 80 || app->rows < 20) { /* one pane at a time: say where Tab goes */
                size_t len = strlen(t);
                snprintf(t + len, sizeof t - len, "  Tab: %s", names[(id + 1) % NPANES]);
        }
        attr_t a = app->role_attr[CR_TITLE] | (app->focus == (int)id ? A_BOLD : 0);
        ui_put(app, r.y, r.x, r.w, t, a, true);
}

/* The selected row in the focused pane shows a reverse-video bar over its start,
 * up to the end of the item's code, rather than over the whole row: moving it
 * rewrites those few cells, not two rows (what a move costs over a slow link). */
static void selection_bar(int y, int x, int w, int span)
{
        ui_highlight(y, x, span < w ? span : w);
}

/* The bar on a Capabilities or NOS row: up to the end of its code, which stands
 * after the marks (a theme's or element's indented by one more). */
static void selection_bar_to_code(int y, int x, int w, bool leaf, const char *code)
{
        selection_bar(y, x, w, (leaf ? 7 : 6) + (int)text_width(code));
}

/* The spaces after a row's link mark and coverage mark take the bold of the mark
 * before them (bold shows nothing on a space; a colour, which could be a
 * background, is not taken): fewer attribute changes to send. */
static void marks_gaps(struct app *app, int y, int x, enum cov_mark m)
{
        ui_put(app, y, x + 1, 1, " ", app->role_attr[CR_LINK] & A_BOLD, false);
        ui_put(app, y, x + 3, 1, " ", ui_mark_attr(app, m) & A_BOLD, false);
}

/* The start of a Capabilities or NOS row, cleared: the link mark (lk 1 direct,
 * 2 indirect), the coverage mark, and the gaps after them. */
static void row_marks(struct app *app, int y, int x, int w, int lk, enum cov_mark m)
{
        ui_fill(y, x, w, A_NORMAL);
        ui_put(app, y, x, 1,
               lk == 1   ? app->gl->link_direct
               : lk == 2 ? app->gl->link_indirect
                         : " ",
               app->role_attr[CR_LINK], false);
        ui_put(app, y, x + 2, 1, app->gl->mark[m], ui_mark_attr(app, m), false);
        marks_gaps(app, y, x, m);
}

static void draw_row_caps(struct app *app, int y, int x, int w, struct pane_item it, bool sel)
{
        const struct framework *fw = &app->wb.fw;
        const struct cov *cv = it.b >= 0 ? &app->cov.themes[it.b] : &app->cov.caps[it.a];
        row_marks(app, y, x, w, link_mark(app, PANE_CAPS, it.a, it.b), cov_mark(cv));
        char t[512];
        if (it.b < 0)
                snprintf(t, sizeof t, "%s %s %s",
                         app->cap_open[it.a] ? app->gl->open : app->gl->closed, fw->caps[it.a].code,
                         fw->caps[it.a].name);
        else
                snprintf(t, sizeof t, "   %s %s", fw->themes[it.b].code, fw->themes[it.b].name);
        char n[32];
        snprintf(n, sizeof n, " %u/%u",
                 cv->direct.actual + cv->mapped_direct.actual + cv->mapped_indirect.actual,
                 cv->direct.planned);
        int nw = (int)strlen(n);
        ui_put(app, y, x + 4, w - 4 - nw, t, it.b < 0 ? A_BOLD : A_NORMAL, true);
        ui_put(app, y, x + w - nw, nw, n, A_NORMAL, false);
        if (sel)
                selection_bar_to_code(y, x, w, it.b >= 0,
                                      it.b < 0 ? fw->caps[it.a].code : fw->themes[it.b].code);
}

static void draw_row_nos(struct app *app, int y, int x, int w, struct pane_item it, bool sel)
{
        const struct framework *fw = &app->wb.fw;
        const struct cov *cv = it.b >= 0 ? &app->cov.elements[it.b] : &app->cov.units[it.a];
        row_marks(app, y, x, w, link_mark(app, PANE_NOS, it.a, it.b), cov_mark(cv));
        char t[600];
        const struct fw_unit *u = &fw->units[it.a];
        if (it.b < 0) {
                const char *st = unit_status_short[wb_unit_status(&app->wb, it.a)];
                snprintf(t, sizeof t, "%s %-4s%s%-8s %s",
                         u->nelements ? (app->unit_open[it.a] ? app->gl->open : app->gl->closed)
                                      : " ",
                         u->code, u->mandatory ? "*" : " ", st,
                         *u->title ? u->title : "(title not in the sources)");
        } else {
                const struct fw_element *e = &fw->elements[it.b];
                snprintf(t, sizeof t, "   %-5s %s", e->code,
                         *e->title ? e->title : "(title not in the sources)");
        }
        ui_put(app, y, x + 4, w - 4, t, it.b < 0 ? A_BOLD : A_NORMAL, true);
        if (sel)
                selection_bar_to_code(y, x, w, it.b >= 0,
                                      it.b < 0 ? u->code : fw->elements[it.b].code);
}

static void draw_row_evidence(struct app *app, int y, int x, int w, struct pane_item it, bool sel)
{
        const struct workbook *wb = &app->wb;
        const struct entry *e = &wb->entries[it.a];
        ui_fill(y, x, w, A_NORMAL);
        const char *how = it.b == 1   ? "="
                          : it.b == 2 ? app->gl->link_direct
                          : it.b == 3 ? app->gl->link_indirect
                                      : " ";
        ui_put(app, y, x, 1, how, app->role_attr[CR_LINK], false);
        /* bold like its neighbours: one attribute change fewer on the wire */
        ui_put(app, y, x + 1, 1, " ", app->role_attr[CR_LINK] & A_BOLD, false);
        static const enum color_role sr[] = {CR_PLANNED, CR_ACTUAL, CR_UPDATE, CR_NA, CR_ERROR};
        ui_put(app, y, x + 2, 6, entry_get(wb, e, "id"), A_BOLD, true);
        ui_put(app, y, x + 8, 7, ev_status_short[e->status], app->role_attr[sr[e->status]], true);
        int col = x + 16;
        if (w >= 70) {
                ui_put(app, y, col, 10, entry_get(wb, e, "date"), A_NORMAL, true);
                col += 11;
        }
        int refw = w >= 100 ? 14 : 9;
        ui_put(app, y, col, refw, entry_get(wb, e, "ref"), A_NORMAL, true);
        col += refw + 1;
        char n[16];
        snprintf(n, sizeof n, " %u", e->nrefs + e->nunknown);
        int nw = (int)strlen(n);
        const char *sum = entry_get(wb, e, "summary");
        char *first = xstrndup(sum, strcspn(sum, "\r\n"));
        ui_put(app, y, col, x + w - col - nw, first, A_NORMAL, true);
        free(first);
        ui_put(app, y, x + w - nw, nw, n, A_NORMAL, false);
        if (sel) /* the bar: the link mark and the id column */
                selection_bar(y, x, w, 8);
}

static void draw_pane(struct app *app, struct rect r, enum pane_id id)
{
        struct pane *p = &app->panes[id];
        draw_pane_title(app, r, id);
        int rows = r.h - 1;
        if (rows <= 0)
                return;
        if (p->sel < p->top)
                p->top = p->sel;
        if (p->sel >= p->top + (size_t)rows)
                p->top = p->sel - (size_t)rows + 1;
        for (int i = 0; i < rows; i++) {
                size_t k = p->top + (size_t)i;
                int y = r.y + 1 + i;
                if (k >= p->n) {
                        ui_fill(y, r.x, r.w, A_NORMAL);
                        if (k == 0 && id == PANE_EVIDENCE) {
                                char t[120], kk[16];
                                if (app->linking && app->wb.nentries)
                                        snprintf(t, sizeof t,
                                                 "nothing linked to the selection (%s shows every "
                                                 "entry)",
                                                 keys_first(app, ACT_LINKING, kk, sizeof kk));
                                else
                                        snprintf(t, sizeof t, "no entries yet (%s adds one)",
                                                 keys_first(app, ACT_ADD, kk, sizeof kk));
                                ui_put(app, y, r.x + 2, r.w - 2, t, A_DIM, false);
                        }
                        continue;
                }
                bool sel = k == p->sel && app->focus == (int)id;
                bool marked = k == p->sel && app->focus != (int)id;
                if (id == PANE_CAPS)
                        draw_row_caps(app, y, r.x, r.w, p->items[k], sel);
                else if (id == PANE_NOS)
                        draw_row_nos(app, y, r.x, r.w, p->items[k], sel);
                else
                        draw_row_evidence(app, y, r.x, r.w, p->items[k], sel);
                if (marked)
                        mvchgat(y, r.x + 4, 1, A_BOLD | A_UNDERLINE, 0, NULL);
                if (sel) {
                        app->cursor_y = y;
                        app->cursor_x = r.x + 2;
                }
        }
}

static void detail_caps(struct app *app, struct rect r, struct buf *b)
{
        const struct framework *fw = &app->wb.fw;
        struct pane *p = &app->panes[PANE_CAPS];
        if (!p->n)
                return;
        struct pane_item it = p->items[p->sel];
        const struct fw_capability *c = &fw->caps[it.a];
        const struct cov *cv = it.b >= 0 ? &app->cov.themes[it.b] : &app->cov.caps[it.a];
        int st = app->wb.stage_index;
        if (it.b < 0) {
                buf_printf(b, "%s %s%s%s\n", c->code, c->name, *c->description ? " - " : "",
                           c->description);
        } else {
                buf_printf(b, "%s %s (%s)\n", fw->themes[it.b].code, fw->themes[it.b].name,
                           c->name);
                /* the target stage first: on a short screen it is the one that shows */
                for (size_t k = 0; k < fw->nstages; k++) {
                        size_t s = k == 0 ? (size_t)st : k <= (size_t)st ? k - 1 : k;
                        if (!app->all_stages && (int)s != st)
                                continue;
                        bool fb;
                        const struct fw_indicator *ind =
                            fw_indicator(fw, it.b, (int)s, app->wb.pathway_index, &fb);
                        buf_printf(b, "%s %s: %s%s%s%s%s\n", fw->stages[s].code, fw->stages[s].name,
                                   ind ? ind->text : "(no indicator text shipped)",
                                   ind && *ind->clf ? " (" : "", ind && *ind->clf ? ind->clf : "",
                                   ind && *ind->clf ? ")" : "",
                                   fb ? " [text of another pathway]" : "");
                }
        }
        buf_printf(b,
                   "Coverage at %s: %s; %u actual, %u planned, %u needs update, %u n/a; "
                   "%u actual through direct links, %u through indirect.%s\n",
                   fw->stages[st].code, cov_mark_name[cov_mark(cv)], cv->direct.actual,
                   cv->direct.planned, cv->direct.update, cv->direct.na, cv->mapped_direct.actual,
                   cv->mapped_indirect.actual,
                   it.b >= 0 && !app->all_stages ? " (s: every stage)" : "");
        for (size_t i = 0; i < fw->nresources; i++) {
                const struct fw_resource *res = &fw->resources[i];
                struct ref rr;
                if (!ref_parse(fw, res->ref, &rr) || rr.cap != it.a)
                        continue;
                buf_printf(b, "Resource: %s%s%s%s%s\n", res->title, *res->address ? " <" : "",
                           res->address, *res->address ? ">" : "",
                           res->own ? " (the candidate's own)" : "");
        }
        (void)r;
}

static void detail_nos(struct app *app, struct buf *b)
{
        const struct framework *fw = &app->wb.fw;
        struct pane *p = &app->panes[PANE_NOS];
        if (!p->n)
                return;
        struct pane_item it = p->items[p->sel];
        const struct fw_unit *u = &fw->units[it.a];
        if (it.b < 0) {
                enum unit_status us = wb_unit_status(&app->wb, it.a);
                buf_printf(b, "%s %s\n%s unit, %s%s%s. ", u->code,
                           *u->title ? u->title : "(title not in the sources)",
                           u->mandatory ? "mandatory" : "optional",
                           us == US_NONE ? "not chosen" : unit_status_name[us],
                           *u->imported_from ? "; imported from " : "", u->imported_from);
                const char *notes = wb_unit_notes(&app->wb, it.a);
                if (*notes)
                        buf_printf(b, "Notes: %s. ", notes);
                if (!u->nelements)
                        buf_printf(b, "Elements not in the shipped data. ");
        } else {
                const struct fw_element *e = &fw->elements[it.b];
                buf_printf(b, "%s %s\n", e->code,
                           *e->title ? e->title : "(title not in the sources)");
        }
        bool any = false;
        for (size_t j = 0; j < fw->nlinks; j++) {
                const struct fw_link *l = &fw->links[j];
                bool from = it.b >= 0 ? (l->element == it.b || (l->element < 0 && l->unit == it.a))
                                      : l->unit == it.a;
                /* a unit and its element may both map to SLF: name it once */
                for (size_t k = 0; from && k < j; k++) {
                        const struct fw_link *o = &fw->links[k];
                        if (o->cap == l->cap && o->theme == l->theme && o->direct == l->direct &&
                            (it.b >= 0 ? (o->element == it.b || (o->element < 0 && o->unit == it.a))
                                       : o->unit == it.a))
                                from = false;
                }
                if (!from)
                        continue;
                buf_printf(b, "%s%s %s", any ? ", " : "Maps to: ",
                           l->theme >= 0 ? fw->themes[l->theme].code : fw->caps[l->cap].code,
                           l->direct ? "(direct)" : "(indirect)");
                any = true;
        }
        buf_adds(b, any ? ".\n" : "No mapping links.\n");
        const char *src = it.b >= 0 ? fw->elements[it.b].source : fw->units[it.a].source;
        if (*src)
                buf_printf(b, "Source: %s\n", src);
}

static void detail_entry(struct app *app, struct buf *b)
{
        struct pane *p = &app->panes[PANE_EVIDENCE];
        if (!p->n)
                return;
        const struct workbook *wb = &app->wb;
        const struct entry *e = &wb->entries[p->items[p->sel].a];
        buf_printf(b, "%s %s %s ref %s", entry_get(wb, e, "id"), entry_get(wb, e, "status"),
                   entry_get(wb, e, "date"), entry_get(wb, e, "ref"));
        if (*entry_get(wb, e, "revamps"))
                buf_printf(b, ", revamps %s", entry_get(wb, e, "revamps"));
        if (*entry_get(wb, e, "signed_by"))
                buf_printf(b, ", signed by %s on %s", entry_get(wb, e, "signed_by"),
                           entry_get(wb, e, "signed_on"));
        buf_printf(b, "\nElements: %s  Indicators: %s\n", entry_get(wb, e, "elements"),
                   entry_get(wb, e, "indicators"));
        /* reverse transfer: NOS units/elements its capability references map to */
        struct transfer *tr;
        size_t nt = entry_transfer(wb, e, &tr), shown = 0;
        for (size_t i = 0; i < nt; i++) {
                if (tr[i].named)
                        continue;
                const struct framework *fw = &wb->fw;
                buf_printf(b, "%s%s%s", shown++ ? ", " : "Could also count for: ",
                           tr[i].element >= 0 ? fw->elements[tr[i].element].code
                                              : fw->units[tr[i].unit].code,
                           tr[i].direct ? "" : " (indirect)");
        }
        if (shown)
                buf_adds(b, "\n");
        free(tr);
        if (*entry_get(wb, e, "rationale"))
                buf_printf(b, "Rationale: %s\n", entry_get(wb, e, "rationale"));
        buf_printf(b, "%s", entry_get(wb, e, "summary"));
}

/* Whether the detail area follows the Evidence cursor: at 80x24 its five lines
 * of a new entry cost more on the wire than the list move itself, and hold only
 * part of a long entry; from 40 rows up the area has room for one. */
static bool entry_in_detail(const struct app *app)
{
        return app->entry_detail == ENTRY_DETAIL_ALWAYS ||
               (app->entry_detail == ENTRY_DETAIL_AUTO && app->rows >= 40);
}

/* The pane the detail area describes: the focused one, or in Evidence, when
 * the entry is not shown there, the pane Evidence is linked to. */
static int detail_pane(const struct app *app)
{
        return app->focus == PANE_EVIDENCE && !entry_in_detail(app) ? app->link_from : app->focus;
}

void app_detail_text(struct app *app, struct buf *b)
{
        struct rect r = {0, 0, 0, 0};
        int pane = detail_pane(app);
        if (pane == PANE_CAPS)
                detail_caps(app, r, b);
        else if (pane == PANE_NOS)
                detail_nos(app, b);
        else
                detail_entry(app, b);
}

static void draw_detail(struct app *app, struct rect r)
{
        struct buf b = {0};
        app_detail_text(app, &b);
        while (b.len && b.s[b.len - 1] == '\n')
                b.s[--b.len] = '\0';
        int pane = detail_pane(app);
        char t[200], k[32];
        if (pane != app->focus) { /* Evidence, linked to this selection */
                keys_first(app, ACT_ENTRY_DETAIL, k, sizeof k);
                snprintf(t, sizeof t, " Detail of the %s selection (%s: the entry here)",
                         pane == PANE_CAPS ? "Capabilities" : "NOS", k);
                if ((int)text_width(t) > r.w)
                        snprintf(t, sizeof t, " Detail: %s (%s: the entry)",
                                 pane == PANE_CAPS ? "Capabilities" : "NOS", k);
        } else {
                /* more than fits: the title says so, and how to see the rest */
                bool more = ui_wrap_lines(app, r.w - 2, buf_str(&b)) > r.h - 1;
                const struct pane *fp = &app->panes[pane];
                bool leaf = fp->n && fp->items[fp->sel].b >= 0;
                snprintf(t, sizeof t, "%s",
                         !more                   ? " Detail"
                         : pane == PANE_EVIDENCE ? " Detail (more: Enter opens the entry)"
                         : leaf                  ? " Detail (more: Enter shows all of it)"
                                                 : " Detail (more: Enter on a theme or element)");
        }
        ui_put(app, r.y, r.x, r.w, t, app->role_attr[CR_TITLE], true);
        int used = ui_wrap(app, r.y + 1, r.x + 1, r.w - 2, r.h - 1, buf_str(&b), A_NORMAL);
        for (int i = used; i < r.h - 1; i++)
                ui_fill(r.y + 1 + i, r.x, r.w, A_NORMAL);
        buf_free(&b);
}

static void draw_header(struct app *app)
{
        const struct workbook *wb = &app->wb;
        unsigned n[5] = {0};
        if (app->cols >= 100) /* counted on every paint: only where they are shown */
                for (size_t i = 0; i < wb->nentries; i++)
                        n[wb->entries[i].status]++;
        char t[600];
        int st = wb->stage_index;
        const char *who = *wb->name ? wb->name : path_basename(wb->dir);
        const char *path =
            wb->pathway_index >= 0 ? wb->fw.pathways[wb->pathway_index].name : wb->pathway;
        const char *stage = wb->fw.nstages ? wb->fw.stages[st].code : "?";
        const char *state = workbook_dirty(wb) ? "modified" : "saved";
        if (app->cols >= 100)
                snprintf(
                    t, sizeof t,
                    " capbook  %s | %s | %s (%s) | %zu entries: %u actual, %u planned | %s%s%s",
                    who, path, wb->fw.nstages ? wb->fw.stages[st].name : "?", stage, wb->nentries,
                    n[ST_ACTUAL], n[ST_PLANNED], state, app->readonly ? " | read-only" : "",
                    app->linking ? "" : " | linking off");
        else
                snprintf(t, sizeof t, " %s | %s | %s | %zu entries | %s%s%s", who, path, stage,
                         wb->nentries, state, app->readonly ? " | read-only" : "",
                         app->linking ? "" : " | linking off");
        ui_put(app, 0, 0, app->cols, t, app->role_attr[CR_TITLE], true);
}

static void draw_status(struct app *app, const char *hints)
{
        int y = app->rows - 1;
        if (app->msg[0]) {
                ui_put(app, y, 0, app->cols, app->msg,
                       app->msg_error ? app->role_attr[CR_ERROR] : A_BOLD, true);
                return;
        }
        ui_put(app, y, 0, app->cols, hints, A_NORMAL, true);
}

static void main_hints(struct app *app, char *out, size_t n)
{
        static const enum action shown[] = {ACT_ADD,  ACT_EDIT, ACT_REVAMP, ACT_XREF, ACT_SEARCH,
                                            ACT_GRID, ACT_GAPS, ACT_SAVE,   ACT_HELP, ACT_QUIT};
        static const char *const label[] = {"add",  "edit", "revamp", "x-ref", "search",
                                            "grid", "gaps", "save",   "help",  "quit"};
        /* what goes first when the line is too narrow: help and quit stay */
        static const int drop[] = {5, 6, 3, 2, 4, 1, 7, 0};
        for (size_t ndrop = 0; ndrop <= sizeof drop / sizeof *drop; ndrop++) {
                size_t len = 0;
                out[0] = '\0';
                for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
                        bool skip = false;
                        for (size_t d = 0; d < ndrop; d++)
                                skip = skip || drop[d] == (int)i;
                        if (skip)
                                continue;
                        char k[32];
                        keys_first(app, shown[i], k, sizeof k);
                        len += (size_t)snprintf(out + len, n > len ? n - len : 0, "%s%s %s",
                                                len ? "  " : " ", k, label[i]);
                        if (len >= n)
                                break;
                }
                if ((int)text_width(out) <= app->cols)
                        return;
        }
}

void app_draw(struct app *app)
{
        app_layout_check(app);
        erase();
        if (app->too_small) {
                app_too_small(app, NULL);
                return;
        }
        app->cursor_y = app->rows - 1;
        app->cursor_x = 0;
        if (app->nviews) {
                view_draw(app, app->views[app->nviews - 1]);
        } else {
                struct layout L;
                layout(app, &L);
                draw_header(app);
                for (int i = 0; i < NPANES; i++)
                        if (L.shown[i])
                                draw_pane(app, L.pane[i], (enum pane_id)i);
                for (int i = 0; i < NPANES - 1; i++)
                        if (L.shown[i] && L.shown[i + 1] && L.pane[i].y == L.pane[i + 1].y)
                                for (int y = L.pane[i].y; y < L.pane[i].y + L.pane[i].h; y++)
                                        ui_put(app, y, L.pane[i].x + L.pane[i].w, 1, app->gl->sep,
                                               A_NORMAL, false);
                draw_detail(app, L.detail);
                char hints[400];
                main_hints(app, hints, sizeof hints);
                draw_status(app, hints);
        }
        if (app->nviews && app->msg[0])
                draw_status(app, "");
        move(app->cursor_y, app->cursor_x);
        refresh();
}

void app_layout_check(struct app *app)
{
        getmaxyx(stdscr, app->rows, app->cols);
        app->too_small = app->cols < MIN_COLS || app->rows < MIN_ROWS;
}

void app_too_small(struct app *app, const char *question)
{
        char t[80];
        snprintf(t, sizeof t, "terminal too small (%dx%d, need %dx%d)", app->cols, app->rows,
                 MIN_COLS, MIN_ROWS);
        erase();
        /* wrapped, so that even a very narrow terminal shows all of it */
        int y = ui_wrap(app, 0, 0, app->cols, app->rows, t, A_NORMAL);
        if (question && y + 1 < app->rows)
                ui_wrap(app, y + 1, 0, app->cols, app->rows - y - 1, question, A_BOLD);
        move(0, 0);
        refresh();
}

/* --- input --------------------------------------------------------------- */

int app_read_key(struct app *app, int *ch)
{
        int fast_errors = 0;
        for (;;) {
                if (tui_signal)
                        return -1;
                wint_t w;
                struct timespec t0, t1;
                clock_gettime(CLOCK_MONOTONIC, &t0);
                int r = get_wch(&w);
                clock_gettime(CLOCK_MONOTONIC, &t1);
                long waited =
                    (t1.tv_sec - t0.tv_sec) * 1000L + (t1.tv_nsec - t0.tv_nsec) / 1000000L;
                if (r == ERR && waited >= 125) {
                        fast_errors = 0; /* the timeout: an idle user, not a lost terminal */
                        continue;
                }
                if (r == ERR) {
                        /* with timeout(250) an ERR that comes at once, again and again,
                         * means the terminal is gone: treat it as a hang-up */
                        if (!isatty(STDIN_FILENO) || (errno == EIO && ++fast_errors > 3)) {
                                tui_signal = SIGHUP;
                                return -1;
                        }
                        if (++fast_errors > 200) {
                                tui_signal = SIGHUP;
                                return -1;
                        }
                        continue;
                }
                fast_errors = 0;
                if (r == KEY_CODE_YES) {
                        if (w == KEY_RESIZE) {
                                app_layout_check(app);
                                *ch = 0;
                                return KEY_RESIZE;
                        }
                        *ch = 0;
                        return (int)w;
                }
                *ch = (int)w;
                return KEY_CHAR(w);
        }
}

/* --- actions --------------------------------------------------------------- */

static void move_sel(struct app *app, struct pane *p, long delta)
{
        if (!p->n)
                return;
        long s = (long)p->sel + delta;
        if (s < 0)
                s = 0;
        if (s >= (long)p->n)
                s = (long)p->n - 1;
        p->sel = (size_t)s;
        if (app->focus != PANE_EVIDENCE) {
                app->link_from = app->focus;
                build_evidence(app);
        }
}

static bool save(struct app *app)
{
        if (app->readonly) {
                app_message(app, true,
                            "read-only: not saved (another session holds the workbook, or -r)");
                return false;
        }
        struct diag d = {0};
        workbook_office_locks(&app->wb, &d);
        if (d.n) {
                char *m = diag_format(&d.v[0]);
                char q[700];
                snprintf(q, sizeof q, "%s. Save anyway? (y)es (n)o", m);
                free(m);
                diag_clear(&d);
                if (prompt_choice(app, q, "yn") != 'y') {
                        diag_free(&d);
                        app_message(app, true, "not saved");
                        return false;
                }
        }
        int rc = workbook_save(&app->wb, &d);
        /* a merge with a version changed on disk may have moved rows */
        app_refresh_model(app);
        size_t worst = 0;
        for (size_t i = 0; i < d.n; i++)
                if (d.v[i].level > d.v[worst].level)
                        worst = i;
        /* the status line is short: the sheet's name, not its whole path */
        const char *file = d.n && d.v[worst].file ? path_basename(d.v[worst].file) : "";
        if (rc < 0 && d.n) {
                app_message(app, true, "not saved: %s: %s", text_safe(file),
                            text_safe(d.v[worst].msg));
        } else if (d.n) {
                app_message(app, false, "saved; %s: %s", text_safe(file),
                            text_safe(d.v[worst].msg));
        } else {
                app_message(app, false, "saved %s", app->wb.dir);
        }
        diag_free(&d);
        if (rc == 0)
                recover_saved(app);
        return rc == 0;
}

static void cross_reference(struct app *app)
{
        struct pane *ep = &app->panes[PANE_EVIDENCE];
        if (!ep->n) {
                app_message(app, true, "no entry selected to cross-reference");
                return;
        }
        const struct framework *fw = &app->wb.fw;
        const struct entry *e = &app->wb.entries[ep->items[ep->sel].a];
        char *id = xstrdup(entry_get(&app->wb, e, "id"));
        /* the selection of the pane the user looked at last, other than Evidence */
        struct pane *cp = &app->panes[PANE_CAPS], *np = &app->panes[PANE_NOS];
        const char *code = NULL, *ncode = NULL;
        char buf[64];
        if (cp->n) {
                struct pane_item it = cp->items[cp->sel];
                if (it.b >= 0)
                        snprintf(buf, sizeof buf, "%s.%s", fw->themes[it.b].code,
                                 fw->stages[app->wb.stage_index].code);
                else
                        snprintf(buf, sizeof buf, "%s", fw->caps[it.a].code);
        }
        if (np->n) {
                struct pane_item it = np->items[np->sel];
                ncode = it.b >= 0 ? fw->elements[it.b].code : fw->units[it.a].code;
        }
        /* name the entry and both codes: nothing is linked by surprise */
        char q[200];
        snprintf(q, sizeof q, "%s also counts for: (c) %s  (n) %s  Esc cancels", id,
                 cp->n ? buf : "-", ncode ? ncode : "-");
        int k = prompt_choice(app, q, "cn");
        if (k == 'c' && cp->n)
                code = buf;
        else if (k == 'n')
                code = ncode;
        if (code) {
                struct diag d = {0};
                if (app->readonly)
                        app_message(app, true, "read-only: nothing changed");
                else if (wb_link(&app->wb, id, code, &d) == 0) {
                        app_refresh_model(app);
                        app_message(app, false, "%s now also counts for %s", id, code);
                } else if (d.n) {
                        char *m = diag_format(&d.v[0]);
                        app_message(app, true, "%s", m);
                        free(m);
                }
                diag_free(&d);
        }
        free(id);
}

static void set_status(struct app *app)
{
        if (app->readonly) {
                app_message(app, true, "read-only: nothing changed");
                return;
        }
        if (app->focus == PANE_NOS) {
                struct pane *np = &app->panes[PANE_NOS];
                if (!np->n)
                        return;
                int unit = np->items[np->sel].a;
                int k = prompt_choice(
                    app,
                    "Unit status: (p)lanned (i)n progress (a)chieved (c)redit transfer (r)emove?",
                    "piacr");
                static const char *const st[] = {"planned", "in-progress", "achieved",
                                                 "credit-transfer"};
                const char *letters = "piac";
                const char *code = app->wb.fw.units[unit].code;
                if (k && k != 'r')
                        wb_set(&app->wb, WB_UNITS, code, "status",
                               st[strchr(letters, k) - letters]);
                else if (k == 'r' && wb_find(&app->wb, WB_UNITS, code) >= 0)
                        wb_set(&app->wb, WB_UNITS, code, "status", "");
                app_refresh_model(app);
                app_select_unit(app, unit, -1);
                return;
        }
        struct pane *ep = &app->panes[PANE_EVIDENCE];
        if (!ep->n || app->focus != PANE_EVIDENCE) {
                app_message(app, true,
                            "select an entry (Evidence pane) or a unit (NOS pane) first");
                return;
        }
        const struct entry *e = &app->wb.entries[ep->items[ep->sel].a];
        char *id = xstrdup(entry_get(&app->wb, e, "id"));
        int k = prompt_choice(app, "Status: (p)lanned (a)ctual (u) needs update (n)ot applicable?",
                              "paun");
        if (k) {
                const char *st = k == 'p'   ? "planned"
                                 : k == 'a' ? "actual"
                                 : k == 'u' ? "needs-update"
                                            : "na";
                char *why = NULL;
                if (k == 'n') {
                        why = prompt_line(app, "Why is it not applicable? ",
                                          entry_get(&app->wb, e, "rationale"));
                        if (!why || !*why) {
                                app_message(app, true, "n/a needs a rationale: status unchanged");
                                free(why);
                                free(id);
                                return;
                        }
                }
                wb_begin(&app->wb);
                wb_set(&app->wb, WB_EVIDENCE, id, "status", st);
                if (why)
                        wb_set(&app->wb, WB_EVIDENCE, id, "rationale", why);
                wb_end(&app->wb);
                free(why);
                app_refresh_model(app);
                app_message(app, false, "%s is now %s", id, st);
        }
        free(id);
}

static void sign_off(struct app *app)
{
        struct pane *ep = &app->panes[PANE_EVIDENCE];
        if (app->focus != PANE_EVIDENCE || !ep->n) {
                app_message(app, true, "select an entry in the Evidence pane to sign it off");
                return;
        }
        if (app->readonly) {
                app_message(app, true, "read-only: nothing changed");
                return;
        }
        const struct entry *e = &app->wb.entries[ep->items[ep->sel].a];
        char *id = xstrdup(entry_get(&app->wb, e, "id"));
        char *who =
            prompt_line(app, "Signed off by: ", *app->wb.supervisor ? app->wb.supervisor : "");
        if (who && *who) {
                char today[11];
                date_today(today);
                char *when = prompt_line(app, "On (YYYY-MM-DD): ", today);
                if (when && date_valid(when)) {
                        wb_begin(&app->wb);
                        wb_set(&app->wb, WB_EVIDENCE, id, "signed_by", who);
                        wb_set(&app->wb, WB_EVIDENCE, id, "signed_on", when);
                        wb_end(&app->wb);
                        app_refresh_model(app);
                        app_message(app, false, "%s signed off by %s on %s", id, who, when);
                } else if (when) {
                        app_message(app, true, "not a date (YYYY-MM-DD): not signed");
                }
                free(when);
        }
        free(who);
        free(id);
}

/* Finds the next match of app->search after the selection, in the focused
 * pane first, then the others (entries, indicators and elements). */
static void search_next(struct app *app, int dir)
{
        if (!app->search || !*app->search) {
                app_message(app, true, "no search yet (/ starts one)");
                return;
        }
        static const enum search_scope scope[NPANES] = {SEARCH_CAPS, SEARCH_NOS, SEARCH_ENTRIES};
        for (int pass = 0; pass < NPANES; pass++) {
                int pane = (app->focus + pass) % NPANES;
                const struct pane *p = &app->panes[pane];
                struct search_at from = {0, pane == PANE_EVIDENCE ? 0 : -1}, hit;
                if (p->n)
                        from = (struct search_at){p->items[p->sel].a, p->items[p->sel].b};
                /* the selection itself only in another pane, or as the only entry */
                bool with_from = pass || (pane == PANE_EVIDENCE && app->wb.nentries == 1);
                if (!search_find(&app->wb, scope[pane], app->search, from, dir, with_from, &hit))
                        continue;
                if (pane == PANE_CAPS)
                        app_select_theme(app, hit.a, hit.b);
                else if (pane == PANE_NOS)
                        app_select_unit(app, hit.a, hit.b);
                else if (!app_show_entry(app, hit.a))
                        app_message(app, false, "linking off to show the match (m turns it on)");
                return;
        }
        app_message(app, true, "not found: %s", app->search);
}

/* Asks before the workbook is closed with unsaved changes (quitting, or
 * opening another from the caseload); false: stay. */
static bool close_ok(struct app *app, const char *question)
{
        if (!app->have_wb || app->readonly || !workbook_dirty(&app->wb))
                return true;
        int k = prompt_choice(app, question, "ync");
        if (k == 'y')
                return save(app);
        if (k == 'n')
                app->discarded = true;
        return k == 'n';
}

static bool quit_ok(struct app *app)
{
        return close_ok(app, "Save changes before quitting? (y)es (n)o, discard (c)ancel");
}

static void suspend(void)
{
        endwin();
        kill(getpid(), SIGTSTP);
        refresh();
}

/* Actions that work on the main screen. */
static void main_action(struct app *app, enum action act, int ch)
{
        struct pane *p = &app->panes[app->focus];
        int page = app->rows / 3 > 1 ? app->rows / 3 : 1;
        (void)ch;
        switch (act) {
        case ACT_DOWN: move_sel(app, p, 1); break;
        case ACT_UP: move_sel(app, p, -1); break;
        case ACT_PAGE_DOWN: move_sel(app, p, page); break;
        case ACT_PAGE_UP: move_sel(app, p, -page); break;
        case ACT_HOME: move_sel(app, p, -(long)p->n); break;
        case ACT_END: move_sel(app, p, (long)p->n); break;
        case ACT_NEXT_PANE:
        case ACT_PREV_PANE:
                app->focus = (app->focus + (act == ACT_NEXT_PANE ? 1 : NPANES - 1)) % NPANES;
                /* Evidence follows the pane the user is looking at */
                if (app->focus != PANE_EVIDENCE && app->focus != app->link_from) {
                        app->link_from = app->focus;
                        build_evidence(app);
                }
                break;
        case ACT_OPEN:
        case ACT_COLLAPSE:
                if (!p->n)
                        break;
                if (act == ACT_OPEN && app->focus != PANE_EVIDENCE && p->items[p->sel].b >= 0) {
                        view_push(app, &view_detail_ops, 0); /* a theme or element: all of it */
                        break;
                }
                if (app->focus == PANE_CAPS) {
                        struct pane_item it = p->items[p->sel];
                        bool open =
                            act == ACT_OPEN ? (it.b < 0 ? !app->cap_open[it.a] : true) : false;
                        app->cap_open[it.a] = open;
                        build_caps(app);
                        app_select_theme(app, it.a, open ? it.b : -1);
                } else if (app->focus == PANE_NOS) {
                        struct pane_item it = p->items[p->sel];
                        bool open =
                            act == ACT_OPEN ? (it.b < 0 ? !app->unit_open[it.a] : true) : false;
                        app->unit_open[it.a] = open;
                        build_nos(app);
                        app_select_unit(app, it.a, open ? it.b : -1);
                } else if (act == ACT_OPEN) {
                        form_entry(app, p->items[p->sel].a, false);
                }
                break;
        case ACT_BACK:
                if (app->caseload)
                        view_push(app, &view_caseload_ops, 0);
                break;
        case ACT_ADD:
                if (app->readonly)
                        app_message(app, true, "read-only: cannot add");
                else
                        form_entry(app, -1, false);
                break;
        case ACT_EDIT:
        case ACT_REVAMP:
                if (app->focus != PANE_EVIDENCE || !p->n) {
                        app_message(app, true, "select an entry in the Evidence pane first (Tab)");
                } else if (app->readonly) {
                        app_message(app, true, "read-only: cannot change entries");
                } else {
                        const struct entry *e = &app->wb.entries[p->items[p->sel].a];
                        if (act == ACT_REVAMP && e->status != ST_PLANNED)
                                app_message(app, true, "only a planned entry can be revamped");
                        else
                                form_entry(app, p->items[p->sel].a, act == ACT_REVAMP);
                }
                break;
        case ACT_XREF: cross_reference(app); break;
        case ACT_STATUS: set_status(app); break;
        case ACT_SIGN: sign_off(app); break;
        case ACT_UNDO:
                if (wb_undo(&app->wb)) {
                        app_refresh_model(app);
                        app_message(app, false, "undone");
                } else
                        app_message(app, true, "nothing to undo");
                break;
        case ACT_REDO:
                if (wb_redo(&app->wb)) {
                        app_refresh_model(app);
                        app_message(app, false, "redone");
                } else
                        app_message(app, true, "nothing to redo");
                break;
        case ACT_SAVE: save(app); break;
        case ACT_SEARCH: {
                char *s = prompt_line(app, "/", app->search ? app->search : "");
                if (s && *s) {
                        free(app->search);
                        app->search = s;
                        search_next(app, 1);
                } else {
                        free(s);
                }
                break;
        }
        case ACT_SEARCH_NEXT: search_next(app, 1); break;
        case ACT_SEARCH_PREV: search_next(app, -1); break;
        case ACT_LINKING:
                app->linking = !app->linking;
                build_evidence(app);
                app_message(app, false,
                            app->linking ? "linking on: Evidence follows the selection"
                                         : "linking off: every entry shown");
                break;
        case ACT_ENTRY_DETAIL:
                app->entry_detail = entry_in_detail(app) ? ENTRY_DETAIL_NEVER : ENTRY_DETAIL_ALWAYS;
                app_message(app, false,
                            entry_in_detail(app)
                                ? "detail area: the selected entry"
                                : "detail area: what Evidence is linked to (Enter opens an entry)");
                break;
        case ACT_STAGES: app->all_stages = !app->all_stages; break;
        case ACT_GRID:
        case ACT_LOG: {
                struct pane *np = &app->panes[PANE_NOS];
                int unit = np->n ? np->items[np->sel].a : 0;
                if (app->wb.fw.nunits)
                        view_push(app, act == ACT_GRID ? &view_grid_ops : &view_log_ops, unit);
                break;
        }
        case ACT_GAPS: view_push(app, &view_gaps_ops, 0); break;
        case ACT_PLAN: view_push(app, &view_plan_ops, 0); break;
        case ACT_SESSIONS: view_push(app, &view_sessions_ops, 0); break;
        case ACT_COVERAGE: view_push(app, &view_coverage_ops, 0); break;
        case ACT_CASELOAD:
                if (app->caseload)
                        view_push(app, &view_caseload_ops, 0);
                else
                        app_message(app, true, "not opened on a caseload folder");
                break;
        case ACT_HELP: view_push(app, &view_help_ops, 0); break;
        case ACT_REDRAW: clearok(curscr, TRUE); break;
        case ACT_QUIT:
                if (quit_ok(app))
                        app->quit = true;
                break;
        default: break;
        }
}

bool app_open_workbook(struct app *app, const char *path)
{
        if (!close_ok(app, "Save changes to this workbook first? (y)es (n)o, discard (c)ancel"))
                return false;
        struct workbook wb;
        struct diag d = {0};
        struct wb_options o = {(unsigned)app->cfg.num[OPT_FILE_MODE],
                               app->cfg.num[OPT_NEW_FILES] == 1};
        if (workbook_open(&wb, path, &o, &d) < 0 || !wb.sheets[WB_EVIDENCE].loaded) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("cannot open");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                if (wb.dir)
                        workbook_free(&wb);
                return false;
        }
        if (app->have_wb) {
                recover_close(app, app->discarded);
                app->discarded = false;
                coverage_free(&app->cov);
                link_index_free(&app->lx);
                workbook_free(&app->wb);
                free(app->cap_open);
                free(app->unit_open);
        }
        app->wb = wb;
        app->have_wb = true;
        app->cap_open = xcalloc(wb.fw.ncaps + 1, sizeof *app->cap_open);
        app->unit_open = xcalloc(wb.fw.nunits + 1, sizeof *app->unit_open);
        for (int i = 0; i < NPANES; i++)
                app->panes[i].sel = app->panes[i].top = 0;
        app->focus = PANE_CAPS;
        app->link_from = PANE_CAPS;
        app_refresh_model(app);
        size_t problems = diag_count(&d, DIAG_WARN);
        if (problems) {
                char *m = diag_format(&d.v[0]);
                app_message(app, true, "%zu problem%s (capbook check lists them): %s", problems,
                            problems == 1 ? "" : "s", m);
                free(m);
        } else {
                app->msg[0] = '\0';
        }
        app->readonly = app->opts->readonly;
        diag_free(&d);
        app_draw(app);
        recover_open(app);
        return true;
}

static bool config_key_ok(const char *section, const char *key)
{
        if (strcmp(section, "keys") == 0)
                return keys_known_name(key);
        if (strcmp(section, "colors") == 0)
                return colors_known_key(key);
        return false;
}

static char *demo_path(void)
{
        return framework_find(NULL, "examples/freda");
}

int tui_run(const struct tui_opts *g)
{
        struct app app;
        memset(&app, 0, sizeof app);
        app.opts = g;
        app.linking = true;
        struct diag cd = {0};
        config_load(&app.cfg, g->config, config_key_ok, &cd);
        app.entry_detail = (int)app.cfg.num[OPT_ENTRY_DETAIL];
        const char *path = g->path;
        char *demo = NULL;
        if (!path && *app.cfg.str[OPT_WORKBOOK])
                path = app.cfg.str[OPT_WORKBOOK];
        if (!path)
                path = demo = demo_path();
        if (!path) {
                fprintf(stderr, "capbook: no workbook named and the demo workbook was not found\n");
                return 2;
        }
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
                fprintf(stderr, "capbook: the full-screen workbook needs a terminal; the commands "
                                "(capbook --help) work without one\n");
                return 2;
        }
        diag_print(&cd, stderr); /* before the screen: config problems */
        diag_free(&cd);
        app.caseload = workbook_is_caseload(path);
        if (app.caseload)
                app.caseload_dir = xstrdup(path);
        else if (!path_exists(path)) {
                fprintf(stderr, "capbook: %s: no such workbook\n", text_safe(path));
                free(demo);
                return 2;
        }
        const char *cs = nl_langinfo(CODESET);
        bool utf8 = cs && (str_ieq(cs, "UTF-8") || str_ieq(cs, "utf8"));
        /* a VT100-type terminal shows no UTF-8; the Linux console's font lacks most
         * of the geometric shapes the marks use, though it shows accented letters */
        const char *term = getenv("TERM") ? getenv("TERM") : "";
        bool vt = term[0] == 'v' && term[1] == 't', console = strncmp(term, "linux", 5) == 0;
        app.ascii = g->ascii || app.cfg.num[OPT_ASCII] || !utf8 || vt;
        app.gl = app.ascii || console ? &glyphs_ascii : &glyphs_utf8;
        const char *nc = getenv("NO_COLOR");
        SCREEN *scr = newterm(NULL, stdout, stdin);
        if (!scr) {
                fprintf(stderr, "capbook: cannot use this terminal (TERM=%s)\n",
                        getenv("TERM") ? text_safe(getenv("TERM")) : "");
                free(demo);
                return 2;
        }
        if (!tigetstr("cup") || tigetstr("cup") == (char *)-1) {
                endwin();
                delscreen(scr);
                fprintf(stderr,
                        "capbook: this terminal (TERM=%s) cannot move the cursor; the commands "
                        "(capbook --help) work without a screen\n",
                        getenv("TERM") ? text_safe(getenv("TERM")) : "");
                free(demo);
                return 2;
        }
        app.color = has_colors() && !(nc && *nc) && !g->no_color && app.cfg.num[OPT_COLOR] != 2;
        if (!getenv("ESCDELAY"))
                set_escdelay((int)app.cfg.num[OPT_ESCDELAY]);
        raw();
        noecho();
        nonl();
        keypad(stdscr, TRUE);
        timeout(250); /* wakes to see a signal's flag; nothing is redrawn then */
        curs_set(1);
        ui_colors_init(&app);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGHUP, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);
        keys_init(&app);
        getmaxyx(stdscr, app.rows, app.cols);
        if (app.caseload)
                view_push(&app, &view_caseload_ops, 0);
        else if (!app_open_workbook(&app, path)) {
                endwin();
                delscreen(scr);
                fprintf(stderr, "capbook: %s\n", app.msg);
                free(demo);
                return 2;
        }
        if (app.diag.n && !app.msg[0]) {
                char *m = diag_format(&app.diag.v[0]);
                app_message(&app, true, "%s", m);
                free(m);
        }
        while (!app.quit) {
                app_draw(&app);
                if (app.recover_drafts) {
                        recover_drafts(&app);
                        continue;
                }
                int ch;
                int key = app_read_key(&app, &ch);
                if (key < 0) {
                        if (tui_signal == SIGINT) {
                                tui_signal = 0;
                                if (quit_ok(&app))
                                        break;
                                continue;
                        }
                        break; /* hang-up or terminate */
                }
                if (key == KEY_RESIZE)
                        continue;
                app.msg[0] = '\0';
                enum action act = keys_action(&app, key);
                if (key == KEY_CHAR(3)) { /* Ctrl-C: as quit */
                        act = ACT_QUIT;
                } else if (key == KEY_CHAR(26)) { /* Ctrl-Z */
                        suspend();
                        continue;
                }
                if (app.too_small) {
                        /* nothing to act on but quitting (asking first if need be) */
                        if (act == ACT_QUIT && quit_ok(&app))
                                break;
                        continue;
                }
                if (app.nviews) {
                        struct view *v = app.views[app.nviews - 1];
                        /* the caseload list is where a caseload session starts: q there quits */
                        bool bottom =
                            (app.nviews == 1 && !app.have_wb) || v->ops == &view_caseload_ops;
                        if (act == ACT_QUIT && !bottom) {
                                view_pop(&app); /* q leaves a view, as Esc does */
                                continue;
                        }
                        if (view_key(&app, v, act, ch))
                                continue;
                        if (act == ACT_QUIT && quit_ok(&app))
                                app.quit = true;
                        else if (app.have_wb &&
                                 (act == ACT_SAVE || act == ACT_UNDO || act == ACT_REDO))
                                main_action(&app, act, ch); /* w, u, ^R work in every view */
                        continue;
                }
                if (!app.have_wb)
                        continue;
                main_action(&app, act, ch);
        }
        endwin();
        delscreen(scr);
        int rc = 0;
        if (tui_signal == SIGHUP || tui_signal == SIGTERM) {
                rc = 128 + tui_signal;
        }
        while (app.nviews)
                view_pop(&app);
        if (app.have_wb) {
                recover_close(&app, app.discarded);
                coverage_free(&app.cov);
                link_index_free(&app.lx);
                workbook_free(&app.wb);
                free(app.cap_open);
                free(app.unit_open);
        }
        for (int i = 0; i < NPANES; i++)
                free(app.panes[i].items);
        free(app.keys);
        free(app.search);
        free(app.caseload_dir);
        config_free(&app.cfg);
        diag_free(&app.diag);
        free(demo);
        return rc;
}
