/* panes_draw.c — the main screen drawn: the layout for the terminal's size, the
 * header, the three panes with their marks and selection bar, the detail area
 * and its text, and the status line's hints. */
#include "core/fileio.h"
#include "core/signoff.h"
#include "core/text.h"
#include "tui/panes.h"

#include <stdlib.h>
#include <string.h>

static int link_mark(struct app *app, enum pane_id pane, int a, int b)
{
        struct panes *P = panes_state(app);
        enum pane_id other = pane == PANE_CAPS ? PANE_NOS : PANE_CAPS;
        struct pane *op = &P->pane[other];
        if (P->link_from != (int)other || !op->n)
                return 0;
        struct pane_item s = op->items[op->sel];
        return pane == PANE_CAPS ? link_kind(&app->ses.wb.fw, s.a, s.b, a, b)
                                 : link_kind(&app->ses.wb.fw, a, b, s.a, s.b);
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
        struct panes *P = panes_state(app);
        memset(L, 0, sizeof *L);
        int avail = app->term.rows - 2;
        int dh = app->term.rows >= 40 ? 10 : app->term.rows >= 24 ? 6 : 4;
        int ph = avail - dh;
        if (app->term.cols >= 120 && app->term.rows >= 20) {
                int w1 = app->term.cols * 3 / 10, w2 = app->term.cols * 3 / 10;
                L->pane[PANE_CAPS] = (struct rect){1, 0, ph, w1};
                L->pane[PANE_NOS] = (struct rect){1, w1 + 1, ph, w2};
                L->pane[PANE_EVIDENCE] =
                    (struct rect){1, w1 + w2 + 2, ph, app->term.cols - w1 - w2 - 2};
                for (int i = 0; i < NPANES; i++)
                        L->shown[i] = true;
        } else if (app->term.cols >= 80 && app->term.rows >= 20) {
                int top = ph / 2 + 1, w1 = app->term.cols / 2;
                L->pane[PANE_CAPS] = (struct rect){1, 0, top, w1};
                L->pane[PANE_NOS] = (struct rect){1, w1 + 1, top, app->term.cols - w1 - 1};
                L->pane[PANE_EVIDENCE] = (struct rect){1 + top, 0, ph - top, app->term.cols};
                for (int i = 0; i < NPANES; i++)
                        L->shown[i] = true;
        } else {
                dh = 4;
                ph = avail - dh;
                L->pane[P->focus] = (struct rect){1, 0, ph, app->term.cols};
                L->shown[P->focus] = true;
        }
        L->detail = (struct rect){1 + ph, 0, dh, app->term.cols};
}

static void draw_pane_title(struct app *app, struct rect r, enum pane_id id)
{
        struct panes *P = panes_state(app);
        static const char *const names[] = {"Capabilities", "NOS units", "Evidence"};
        char t[200];
        const struct pane *p = &P->pane[id];
        if (id == PANE_EVIDENCE) {
                const char *what = "all entries";
                char sel[96] = "";
                if (P->linking) {
                        const struct pane *lp = &P->pane[P->link_from];
                        if (lp->n) {
                                struct pane_item it = lp->items[lp->sel];
                                const struct framework *fw = &app->ses.wb.fw;
                                snprintf(
                                    sel, sizeof sel, "linked to %s",
                                    P->link_from == PANE_CAPS
                                        ? (it.b >= 0 ? fw->themes[it.b].code : fw->caps[it.a].code)
                                        : (it.b >= 0 ? fw->elements[it.b].code
                                                     : fw->units[it.a].code));
                                what = sel;
                        }
                }
                snprintf(t, sizeof t, "%s%s (%zu, %s)%s", P->focus == (int)id ? "[" : " ",
                         names[id], p->n, what, P->focus == (int)id ? "]" : " ");
        } else {
                snprintf(t, sizeof t, "%s%s%s", P->focus == (int)id ? "[" : " ", names[id],
                         P->focus == (int)id ? "]" : " ");
        }
        if (app->term.cols < 80 ||
            app->term.rows < 20) { /* one pane at a time: say where Tab goes */
                size_t len = strlen(t);
                snprintf(t + len, sizeof t - len, "  Tab: %s", names[(id + 1) % NPANES]);
        }
        attr_t a = app->term.role_attr[CR_TITLE] | (P->focus == (int)id ? A_BOLD : 0);
        ui_put(&app->term, r.y, r.x, r.w, t, a, true);
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
        ui_put(&app->term, y, x + 1, 1, " ", app->term.role_attr[CR_LINK] & A_BOLD, false);
        ui_put(&app->term, y, x + 3, 1, " ", ui_mark_attr(&app->term, m) & A_BOLD, false);
}

/* The start of a Capabilities or NOS row, cleared: the link mark (lk 1 direct,
 * 2 indirect), the coverage mark, and the gaps after them. */
static void row_marks(struct app *app, int y, int x, int w, int lk, enum cov_mark m)
{
        ui_fill(y, x, w, A_NORMAL);
        ui_put(&app->term, y, x, 1,
               lk == 1   ? app->term.gl->link_direct
               : lk == 2 ? app->term.gl->link_indirect
                         : " ",
               app->term.role_attr[CR_LINK], false);
        ui_put(&app->term, y, x + 2, 1, app->term.gl->mark[m], ui_mark_attr(&app->term, m), false);
        marks_gaps(app, y, x, m);
}

static void draw_row_caps(struct app *app, int y, int x, int w, struct pane_item it, bool sel)
{
        struct panes *P = panes_state(app);
        const struct framework *fw = &app->ses.wb.fw;
        const struct cov *cv = it.b >= 0 ? &app->ses.cov.themes[it.b] : &app->ses.cov.caps[it.a];
        row_marks(app, y, x, w, link_mark(app, PANE_CAPS, it.a, it.b), cov_mark(cv));
        char t[512];
        if (it.b < 0)
                snprintf(t, sizeof t, "%s %s %s",
                         P->cap_open[it.a] ? app->term.gl->open : app->term.gl->closed,
                         fw->caps[it.a].code, fw->caps[it.a].name);
        else
                snprintf(t, sizeof t, "   %s %s", fw->themes[it.b].code, fw->themes[it.b].name);
        /* every route counted: planned evidence through the mapping is planned */
        struct tally sum = cov_sum(cv);
        char n[32];
        snprintf(n, sizeof n, " %u/%u", sum.actual, sum.planned);
        int nw = (int)strlen(n);
        ui_put(&app->term, y, x + 4, w - 4 - nw, t, it.b < 0 ? A_BOLD : A_NORMAL, true);
        ui_put(&app->term, y, x + w - nw, nw, n, A_NORMAL, false);
        if (sel)
                selection_bar_to_code(y, x, w, it.b >= 0,
                                      it.b < 0 ? fw->caps[it.a].code : fw->themes[it.b].code);
}

static void draw_row_nos(struct app *app, int y, int x, int w, struct pane_item it, bool sel)
{
        struct panes *P = panes_state(app);
        const struct framework *fw = &app->ses.wb.fw;
        const struct cov *cv = it.b >= 0 ? &app->ses.cov.elements[it.b] : &app->ses.cov.units[it.a];
        row_marks(app, y, x, w, link_mark(app, PANE_NOS, it.a, it.b), cov_mark(cv));
        char t[600];
        const struct fw_unit *u = &fw->units[it.a];
        if (it.b < 0) {
                enum unit_status us = wb_unit_status(&app->ses.wb, it.a);
                int sw = P->unit_status_w ? P->unit_status_w + 1 : 0;
                int len = snprintf(
                    t, sizeof t, "%s %-4s%s%-*s",
                    u->nelements ? (P->unit_open[it.a] ? app->term.gl->open : app->term.gl->closed)
                                 : " ",
                    u->code, u->mandatory ? "*" : " ", sw,
                    us == US_NONE ? "" : unit_status_label[us]);
                /* the title in the room left, told apart from its neighbours' */
                char *title =
                    ui_unit_title(&app->term, fw, it.a, w - 4 - (int)text_width(t) - (sw ? 0 : 1));
                snprintf(t + len, sizeof t - (size_t)len, "%s%s", sw ? "" : " ", title);
                free(title);
        } else {
                const struct fw_element *e = &fw->elements[it.b];
                snprintf(t, sizeof t, "   %-5s %s", e->code,
                         *e->title ? e->title : "(title not in the sources)");
        }
        ui_put(&app->term, y, x + 4, w - 4, t, it.b < 0 ? A_BOLD : A_NORMAL, true);
        if (sel)
                selection_bar_to_code(y, x, w, it.b >= 0,
                                      it.b < 0 ? u->code : fw->elements[it.b].code);
}

static void draw_row_evidence(struct app *app, int y, int x, int w, struct pane_item it, bool sel)
{
        const struct workbook *wb = &app->ses.wb;
        const struct entry *e = &wb->entries[it.a];
        ui_fill(y, x, w, A_NORMAL);
        const char *how = it.b == 1   ? "="
                          : it.b == 2 ? app->term.gl->link_direct
                          : it.b == 3 ? app->term.gl->link_indirect
                                      : " ";
        ui_put(&app->term, y, x, 1, how, app->term.role_attr[CR_LINK], false);
        /* bold like its neighbours: one attribute change fewer on the wire */
        ui_put(&app->term, y, x + 1, 1, " ", app->term.role_attr[CR_LINK] & A_BOLD, false);
        static const enum color_role sr[] = {CR_PLANNED, CR_ACTUAL, CR_UPDATE, CR_NA, CR_ERROR};
        int sw = panes_state(app)->status_w;
        ui_put(&app->term, y, x + 2, 5, entry_get(wb, e, "id"), A_BOLD, true);
        /* signed off, or changed since it was: a mark before the status (the
         * digest is taken only of an entry that carries a sign-off) */
        if (signoff_present(wb, (size_t)it.a)) {
                struct signoff_status st;
                signoff_verify(&app->ses.wb, (size_t)it.a, &st);
                bool changed = st.state == SO_CHANGED;
                ui_put(&app->term, y, x + 7, 1,
                       changed ? app->term.gl->signed_changed : app->term.gl->signed_ok,
                       changed ? app->term.role_attr[CR_ERROR] | A_BOLD
                               : app->term.role_attr[CR_ACTUAL],
                       false);
        }
        ui_put(&app->term, y, x + 8, sw, ev_status_label[e->status],
               app->term.role_attr[sr[e->status]], true);
        int col = x + 8 + sw + 1;
        if (w >= 70) {
                ui_put(&app->term, y, col, 10, entry_get(wb, e, "date"), A_NORMAL, true);
                col += 11;
        }
        int refw = w >= 100 ? 14 : 9;
        ui_put(&app->term, y, col, refw, entry_get(wb, e, "ref"), A_NORMAL, true);
        col += refw + 1;
        char n[16];
        snprintf(n, sizeof n, " %u", e->nrefs + e->nunknown);
        int nw = (int)strlen(n);
        const char *sum = entry_get(wb, e, "summary");
        char *first = xstrndup(sum, strcspn(sum, "\r\n"));
        ui_put(&app->term, y, col, x + w - col - nw, first, A_NORMAL, true);
        free(first);
        ui_put(&app->term, y, x + w - nw, nw, n, A_NORMAL, false);
        if (sel) /* the bar: the link mark and the id column */
                selection_bar(y, x, w, 8);
}

static void draw_pane(struct app *app, struct rect r, enum pane_id id)
{
        struct panes *P = panes_state(app);
        struct pane *p = &P->pane[id];
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
                                if (P->linking && app->ses.wb.nentries)
                                        snprintf(t, sizeof t,
                                                 "nothing linked to the selection (%s shows every "
                                                 "entry)",
                                                 keys_first(app, ACT_LINKING, kk, sizeof kk));
                                else
                                        snprintf(t, sizeof t, "no entries yet (%s adds one)",
                                                 keys_first(app, ACT_ADD, kk, sizeof kk));
                                ui_put(&app->term, y, r.x + 2, r.w - 2, t, A_DIM, false);
                        }
                        continue;
                }
                bool sel = k == p->sel && P->focus == (int)id;
                bool marked = k == p->sel && P->focus != (int)id;
                if (id == PANE_CAPS)
                        draw_row_caps(app, y, r.x, r.w, p->items[k], sel);
                else if (id == PANE_NOS)
                        draw_row_nos(app, y, r.x, r.w, p->items[k], sel);
                else
                        draw_row_evidence(app, y, r.x, r.w, p->items[k], sel);
                if (marked)
                        mvchgat(y, r.x + 4, 1, A_BOLD | A_UNDERLINE, 0, NULL);
                if (sel) {
                        app->term.cursor_y = y;
                        app->term.cursor_x = r.x + 2;
                }
        }
}

/* One stage's evidence in words: what names it there ("7 actual, 1 planned"),
 * then what reaches it through the mapping, which counts at every stage a
 * capability or theme is not named at ("10 by the mapping (1 planned)"). */
static void stage_words(struct buf *b, const struct cov *at)
{
        const struct tally *t = &at->direct;
        const unsigned n[4] = {t->actual, t->planned, t->update, t->na};
        static const char *const what[4] = {"actual", "planned", "needs update", "n/a"};
        bool any = false;
        for (int i = 0; i < 4; i++)
                if (n[i]) {
                        buf_printf(b, "%s%u %s", any ? ", " : "", n[i], what[i]);
                        any = true;
                }
        unsigned ma = at->mapped_direct.actual + at->mapped_indirect.actual;
        unsigned mi = at->mapped_indirect.actual;
        unsigned mp = at->mapped_direct.planned + at->mapped_indirect.planned;
        if (ma)
                buf_printf(b, "%s%u by the mapping", any ? ", " : "", ma);
        /* how many of those by an indirect link, how many planned */
        if (ma && mi && mp)
                buf_printf(b, " (%u indirect, %u planned)", mi, mp);
        else if (ma && mi)
                buf_printf(b, " (%u indirect)", mi);
        else if (ma && mp)
                buf_printf(b, " (%u planned)", mp);
        else if (mp)
                buf_printf(b, "%s%u planned by the mapping", any ? ", " : "", mp);
        if (!any && !ma && !mp)
                buf_adds(b, "nothing");
}

/* The coverage of a capability (theme -1) or theme: met up to the target stage
 * or which stages are missing, then the stages side by side, each on its own. */
static void detail_coverage(struct app *app, struct buf *b, int cap, int theme)
{
        const struct framework *fw = &app->ses.wb.fw;
        const struct coverage *c = &app->ses.cov;
        const struct cov *cv = theme >= 0 ? &c->themes[theme] : &c->caps[cap];
        int st = app->ses.wb.stage_index;
        buf_printf(b, "Up to %s: ", fw->stages[st].code);
        if (cov_met(cv)) {
                buf_adds(b, "met");
        } else {
                buf_adds(b, "not met, ");
                cov_missing_text(fw, cv, b);
        }
        buf_adds(b, ".");
        for (size_t s = 0; s < c->nstages; s++) {
                const struct cov *at = coverage_at(c, (int)s, cap, theme);
                buf_printf(b, "%s%s %s ", s ? " | " : " ", fw->stages[s].code,
                           app->term.gl->mark[cov_mark(at)]);
                stage_words(b, at);
        }
        buf_adds(b, "\n");
}

static void detail_caps(struct app *app, struct buf *b, bool all)
{
        struct panes *P = panes_state(app);
        const struct framework *fw = &app->ses.wb.fw;
        struct pane *p = &P->pane[PANE_CAPS];
        if (!p->n)
                return;
        struct pane_item it = p->items[p->sel];
        const struct fw_capability *c = &fw->caps[it.a];
        int st = app->ses.wb.stage_index;
        if (it.b < 0) {
                buf_printf(b, "%s %s%s%s\n", c->code, c->name, *c->description ? " - " : "",
                           c->description);
        } else {
                buf_printf(b, "%s %s (%s)\n", fw->themes[it.b].code, fw->themes[it.b].name,
                           c->name);
                /* the stages side by side before the indicator's long text */
                detail_coverage(app, b, it.a, it.b);
                /* the target stage first: on a short screen it is the one that shows */
                for (size_t k = 0; k < fw->nstages; k++) {
                        size_t s = k == 0 ? (size_t)st : k <= (size_t)st ? k - 1 : k;
                        if (!all && (int)s != st)
                                continue;
                        buf_printf(b, "%s %s: ", fw->stages[s].code, fw->stages[s].name);
                        if (!fw_indicator_text(fw, it.b, (int)s, app->ses.wb.pathway_index, b))
                                buf_adds(b, "(no indicator text shipped)");
                        bool fb;
                        const struct fw_indicator *ind =
                            fw_indicator(fw, it.b, (int)s, app->ses.wb.pathway_index, &fb);
                        if (ind && *ind->clf)
                                buf_printf(b, " (%s)", ind->clf);
                        buf_adds(b, "\n");
                }
        }
        if (it.b < 0)
                detail_coverage(app, b, it.a, it.b);
        if (it.b >= 0 && !all) {
                char k[16];
                buf_printf(b, "(%s: the indicator at every stage)\n",
                           keys_first_in(app, KM_MAIN, ACT_STAGES, k, sizeof k));
        }
        size_t *res;
        size_t nres = fw_resources_for(fw, it.a, it.b, &res);
        for (size_t i = 0; i < nres; i++) {
                const struct fw_resource *r = &fw->resources[res[i]];
                buf_printf(b, "Resource%s: %s%s%s%s%s\n",
                           fw_resource_link(fw, r, it.a, it.b) == 3 ? " (general)" : "", r->title,
                           *r->address ? " <" : "", r->address, *r->address ? ">" : "",
                           r->own ? " (the candidate's own)" : "");
        }
        free(res);
}

static void detail_nos(struct app *app, struct buf *b)
{
        struct panes *P = panes_state(app);
        const struct framework *fw = &app->ses.wb.fw;
        struct pane *p = &P->pane[PANE_NOS];
        if (!p->n)
                return;
        struct pane_item it = p->items[p->sel];
        const struct fw_unit *u = &fw->units[it.a];
        if (it.b < 0) {
                enum unit_status us = wb_unit_status(&app->ses.wb, it.a);
                buf_printf(b, "%s %s\n%s unit, %s%s%s. ", u->code,
                           *u->title ? u->title : "(title not in the sources)",
                           u->mandatory ? "mandatory" : "optional",
                           us == US_NONE ? "not chosen" : unit_status_name[us],
                           *u->imported_from ? "; imported from " : "", u->imported_from);
                const char *notes = wb_unit_notes(&app->ses.wb, it.a);
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
        struct panes *P = panes_state(app);
        struct pane *p = &P->pane[PANE_EVIDENCE];
        if (!p->n)
                return;
        const struct workbook *wb = &app->ses.wb;
        const struct entry *e = &wb->entries[p->items[p->sel].a];
        buf_printf(b, "%s %s %s ref %s", entry_get(wb, e, "id"), entry_get(wb, e, "status"),
                   entry_get(wb, e, "date"), entry_get(wb, e, "ref"));
        if (*entry_get(wb, e, "revamps"))
                buf_printf(b, ", revamps %s", entry_get(wb, e, "revamps"));
        buf_printf(b, "\nElements: %s  Indicators: %s\n", entry_get(wb, e, "elements"),
                   entry_get(wb, e, "indicators"));
        /* the sign-off, and what changed since: the fields by name */
        struct signoff_status st;
        signoff_verify(&app->ses.wb, (size_t)p->items[p->sel].a, &st);
        if (st.state != SO_NONE) {
                buf_adds(b, "Sign-off: ");
                signoff_describe(&st, b);
                buf_adds(b, "\n");
        }
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
bool panes_entry_in_detail(const struct app *app)
{
        struct panes *P = panes_state(app);
        return P->entry_detail == ENTRY_DETAIL_ALWAYS ||
               (P->entry_detail == ENTRY_DETAIL_AUTO && app->term.rows >= 40);
}

/* The pane the detail area describes: the focused one, or in Evidence, when
 * the entry is not shown there, the pane Evidence is linked to. */
static int detail_pane(const struct app *app)
{
        struct panes *P = panes_state(app);
        return P->focus == PANE_EVIDENCE && !panes_entry_in_detail(app) ? P->link_from : P->focus;
}

void panes_detail_text(struct app *app, struct buf *b, bool all_stages)
{
        int pane = detail_pane(app);
        if (pane == PANE_CAPS)
                detail_caps(app, b, all_stages);
        else if (pane == PANE_NOS)
                detail_nos(app, b);
        else
                detail_entry(app, b);
}

static void draw_detail(struct app *app, struct rect r)
{
        struct panes *P = panes_state(app);
        struct buf b = {0};
        panes_detail_text(app, &b, P->all_stages);
        while (b.len && b.s[b.len - 1] == '\n')
                b.s[--b.len] = '\0';
        int pane = detail_pane(app);
        char t[200], k[32];
        if (pane != P->focus) { /* Evidence, linked to this selection */
                keys_first(app, ACT_ENTRY_DETAIL, k, sizeof k);
                snprintf(t, sizeof t, " Detail of the %s selection (%s: the entry here)",
                         pane == PANE_CAPS ? "Capabilities" : "NOS", k);
                if ((int)text_width(t) > r.w)
                        snprintf(t, sizeof t, " Detail: %s (%s: the entry)",
                                 pane == PANE_CAPS ? "Capabilities" : "NOS", k);
        } else {
                /* more than fits: the title says so, and how to see the rest */
                bool more = ui_wrap_lines(&app->term, r.w - 2, buf_str(&b)) > r.h - 1;
                const struct pane *fp = &P->pane[pane];
                bool leaf = fp->n && fp->items[fp->sel].b >= 0;
                snprintf(t, sizeof t, "%s",
                         !more                   ? " Detail"
                         : pane == PANE_EVIDENCE ? " Detail (more: Enter opens the entry)"
                         : leaf                  ? " Detail (more: Enter shows all of it)"
                                                 : " Detail (more: Enter on a theme or element)");
        }
        ui_put(&app->term, r.y, r.x, r.w, t, app->term.role_attr[CR_TITLE], true);
        int used = ui_wrap(&app->term, r.y + 1, r.x + 1, r.w - 2, r.h - 1, buf_str(&b), A_NORMAL);
        for (int i = used; i < r.h - 1; i++)
                ui_fill(r.y + 1 + i, r.x, r.w, A_NORMAL);
        buf_free(&b);
}

static void draw_header(struct app *app)
{
        struct panes *P = panes_state(app);
        const struct workbook *wb = &app->ses.wb;
        unsigned n[5] = {0};
        if (app->term.cols >= 100) /* counted on every paint: only where they are shown */
                for (size_t i = 0; i < wb->nentries; i++)
                        n[wb->entries[i].status]++;
        char t[600];
        int st = wb->stage_index;
        const char *who = *wb->name ? wb->name : path_basename(wb->dir);
        const char *path =
            wb->pathway_index >= 0 ? wb->fw.pathways[wb->pathway_index].name : wb->pathway;
        const char *stage = wb->fw.nstages ? wb->fw.stages[st].code : "?";
        const char *state = workbook_dirty(wb) ? "modified" : "saved";
        /* read-only says why ("read-only: you are not in group assessors"); when
         * that does not fit, "saved" goes (nothing read-only is ever modified) */
        char ro[340] = "";
        if (app->ses.readonly)
                snprintf(ro, sizeof ro, " | read-only%s%s", *app->ses.readonly_why ? ": " : "",
                         app->ses.readonly_why);
        for (int pass = 0; pass < 2; pass++) {
                const char *st_sep = pass && *ro ? "" : state;
                const char *ro_text = pass && *ro ? ro + 3 : ro;
                if (app->term.cols >= 100)
                        snprintf(t, sizeof t,
                                 " capbook  %s | %s | %s (%s) | %zu entries: %u actual, %u planned "
                                 "| %s%s%s",
                                 who, path, wb->fw.nstages ? wb->fw.stages[st].name : "?", stage,
                                 wb->nentries, n[ST_ACTUAL], n[ST_PLANNED], st_sep, ro_text,
                                 P->linking ? "" : " | linking off");
                else
                        snprintf(t, sizeof t, " %s | %s | %s | %zu entries | %s%s%s", who, path,
                                 stage, wb->nentries, st_sep, ro_text,
                                 P->linking ? "" : " | linking off");
                if (!*ro || (int)text_width(t) <= app->term.cols)
                        break;
        }
        ui_put(&app->term, 0, 0, app->term.cols, t, app->term.role_attr[CR_TITLE], true);
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
                        keys_first_in(app, KM_MAIN, shown[i], k, sizeof k);
                        len += (size_t)snprintf(out + len, n > len ? n - len : 0, "%s%s %s",
                                                len ? "  " : " ", k, label[i]);
                        if (len >= n)
                                break;
                }
                if ((int)text_width(out) <= app->term.cols)
                        return;
        }
}

void panes_draw(struct app *app, struct view *v)
{
        (void)v;
        if (!app->ses.have_wb)
                return;
        struct layout L;
        layout(app, &L);
        draw_header(app);
        for (int i = 0; i < NPANES; i++)
                if (L.shown[i])
                        draw_pane(app, L.pane[i], (enum pane_id)i);
        for (int i = 0; i < NPANES - 1; i++)
                if (L.shown[i] && L.shown[i + 1] && L.pane[i].y == L.pane[i + 1].y)
                        for (int y = L.pane[i].y; y < L.pane[i].y + L.pane[i].h; y++)
                                ui_put(&app->term, y, L.pane[i].x + L.pane[i].w, 1,
                                       app->term.gl->sep, A_NORMAL, false);
        draw_detail(app, L.detail);
        char hints[400];
        main_hints(app, hints, sizeof hints);
        status_line(app, hints);
}
