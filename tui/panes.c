/* panes.c — the main screen as a view: the Capabilities, NOS and Evidence panes
 * built from the workbook, the selection and linking, its keys, and search
 * over all three; drawn by panes_draw.c. */
#include "core/search.h"
#include "core/text.h"
#include "tui/panes.h"

#include <stdlib.h>
#include <string.h>

struct panes *panes_state(const struct app *app)
{
        return app->nviews && app->views[0]->ops->draw == panes_draw ? app->views[0]->data : NULL;
}

/* --- building the panes ---------------------------------------------------- */

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

static struct pane_item pane_selected(const struct pane *p)
{
        return p->n ? p->items[p->sel] : (struct pane_item){-1, -1};
}

/* After a rebuild: the same row stays selected if it is still there. */
static void pane_keep(struct pane *p, struct pane_item keep)
{
        for (size_t i = 0; i < p->n; i++)
                if (p->items[i].a == keep.a && p->items[i].b == keep.b) {
                        p->sel = i;
                        return;
                }
        if (p->sel >= p->n)
                p->sel = p->n ? p->n - 1 : 0;
}

static void build_caps(struct app *app, struct panes *P)
{
        struct pane *p = &P->pane[PANE_CAPS];
        struct pane_item keep = pane_selected(p);
        const struct framework *fw = &app->ses.wb.fw;
        p->n = 0;
        for (size_t c = 0; c < fw->ncaps; c++) {
                pane_push(p, (int)c, -1);
                if (P->cap_open[c])
                        for (size_t k = 0; k < fw->caps[c].nthemes; k++)
                                pane_push(p, (int)c, fw->caps[c].themes[k]);
        }
        pane_keep(p, keep);
}

static void build_nos(struct app *app, struct panes *P)
{
        struct pane *p = &P->pane[PANE_NOS];
        struct pane_item keep = pane_selected(p);
        const struct framework *fw = &app->ses.wb.fw;
        p->n = 0;
        /* the candidate's units first, then the rest, each in framework order */
        for (int pass = 0; pass < 2; pass++) {
                for (size_t u = 0; u < fw->nunits; u++) {
                        bool mine = wb_unit_status(&app->ses.wb, (int)u) != US_NONE;
                        if (mine != (pass == 0))
                                continue;
                        pane_push(p, (int)u, -1);
                        if (P->unit_open[u])
                                for (size_t k = 0; k < fw->units[u].nelements; k++)
                                        pane_push(p, (int)u, fw->units[u].elements[k]);
                }
        }
        pane_keep(p, keep);
}

static const struct link_list *selected_links(struct app *app, struct panes *P)
{
        const struct link_index *lx = &app->ses.lx;
        struct pane_item it = pane_selected(&P->pane[P->link_from]);
        if (it.a < 0)
                return NULL;
        if (P->link_from == PANE_NOS)
                return it.b >= 0 ? &lx->elements[it.b] : &lx->units[it.a];
        return it.b >= 0 ? &lx->themes[it.b] : &lx->caps[it.a];
}

/* Evidence shows what the last-moved pane's selection links to (or all). */
static void build_evidence(struct app *app, struct panes *P)
{
        struct pane *p = &P->pane[PANE_EVIDENCE];
        long keep = p->n ? p->items[p->sel].a : -1;
        p->n = 0;
        const struct link_list *l = P->linking ? selected_links(app, P) : NULL;
        if (P->linking && l) {
                for (size_t i = 0; i < l->n; i++)
                        pane_push(p, (int)(l->v[i] >> 2), (int)(l->v[i] & 3));
        } else if (!P->linking) {
                for (size_t i = 0; i < app->ses.wb.nentries; i++)
                        pane_push(p, (int)i, 0);
        }
        p->sel = 0;
        for (size_t i = 0; i < p->n; i++)
                if (p->items[i].a == keep)
                        p->sel = i;
        if (p->top > p->sel)
                p->top = p->sel;
}

static void panes_model(struct app *app, struct view *v, bool fresh)
{
        struct panes *P = v->data;
        const struct framework *fw = &app->ses.wb.fw;
        if (fresh) { /* another workbook: nothing of the last one's selection */
                free(P->cap_open);
                free(P->unit_open);
                P->cap_open = xcalloc(fw->ncaps + 1, sizeof *P->cap_open);
                P->unit_open = xcalloc(fw->nunits + 1, sizeof *P->unit_open);
                for (int i = 0; i < NPANES; i++)
                        P->pane[i].n = P->pane[i].sel = P->pane[i].top = 0;
                P->focus = P->link_from = PANE_CAPS;
        }
        /* the status columns as wide as the words in them: in-progress and
         * credit-transfer only where a unit has them */
        P->status_w = 7; /* planned, actual */
        bool seen[ST_UNKNOWN + 1] = {0};
        for (size_t i = 0; i < app->ses.wb.nentries; i++)
                seen[app->ses.wb.entries[i].status] = true;
        for (int s = 0; s <= ST_UNKNOWN; s++)
                if (seen[s] && (int)text_width(ev_status_label[s]) > P->status_w)
                        P->status_w = (int)text_width(ev_status_label[s]);
        P->unit_status_w = 0;
        for (size_t u = 0; u < fw->nunits; u++) {
                enum unit_status us = wb_unit_status(&app->ses.wb, (int)u);
                int w = us == US_NONE ? 0 : (int)text_width(unit_status_label[us]);
                P->unit_status_w = w > P->unit_status_w ? w : P->unit_status_w;
        }
        build_caps(app, P);
        build_nos(app, P);
        build_evidence(app, P);
}

/* --- selection --------------------------------------------------------------- */

/* Selects the entry in Evidence, focused; if linking hides it, linking goes off
 * (and false is returned). */
static bool show_entry(struct app *app, long entry)
{
        struct panes *P = panes_state(app);
        if (!P)
                return true;
        struct pane *ep = &P->pane[PANE_EVIDENCE];
        bool linked = true;
        for (int pass = 0; pass < 2; pass++) {
                for (size_t j = 0; j < ep->n; j++)
                        if (ep->items[j].a == entry) {
                                ep->sel = j;
                                P->focus = PANE_EVIDENCE;
                                return linked;
                        }
                if (!P->linking)
                        break;
                P->linking = false; /* not linked to the selection: show every entry */
                linked = false;
                build_evidence(app, P);
        }
        return linked;
}

static void select_theme(struct app *app, struct panes *P, int cap, int theme)
{
        P->cap_open[cap] = true;
        build_caps(app, P);
        struct pane *p = &P->pane[PANE_CAPS];
        for (size_t i = 0; i < p->n; i++)
                if (p->items[i].a == cap && p->items[i].b == theme)
                        p->sel = i;
        P->focus = PANE_CAPS;
        P->link_from = PANE_CAPS;
        build_evidence(app, P);
}

static void select_unit(struct app *app, struct panes *P, int unit, int element)
{
        P->unit_open[unit] = true;
        build_nos(app, P);
        struct pane *p = &P->pane[PANE_NOS];
        for (size_t i = 0; i < p->n; i++)
                if (p->items[i].a == unit && p->items[i].b == element)
                        p->sel = i;
        P->focus = PANE_NOS;
        P->link_from = PANE_NOS;
        build_evidence(app, P);
}

static void back_to_panes(struct app *app)
{
        while (app->nviews > 1)
                view_remove(app, view_top(app));
}

void panes_select_theme(struct app *app, int cap, int theme)
{
        back_to_panes(app);
        select_theme(app, panes_state(app), cap, theme);
}

void panes_select_unit(struct app *app, int unit, int element)
{
        back_to_panes(app);
        select_unit(app, panes_state(app), unit, element);
}

static void move_sel(struct app *app, struct panes *P, long delta)
{
        struct pane *p = &P->pane[P->focus];
        if (!p->n)
                return;
        long s = (long)p->sel + delta;
        if (s < 0)
                s = 0;
        if (s >= (long)p->n)
                s = (long)p->n - 1;
        p->sel = (size_t)s;
        if (P->focus != PANE_EVIDENCE) {
                P->link_from = P->focus;
                build_evidence(app, P);
        }
}

/* The code of the Capabilities selection (a theme at the target stage), or of
 * the NOS selection; NULL when the pane is empty. */
static const char *selection_code(struct app *app, struct panes *P, enum pane_id id, char *buf,
                                  size_t n)
{
        const struct framework *fw = &app->ses.wb.fw;
        struct pane_item it = pane_selected(&P->pane[id]);
        if (it.a < 0)
                return NULL;
        if (id == PANE_NOS)
                snprintf(buf, n, "%s", it.b >= 0 ? fw->elements[it.b].code : fw->units[it.a].code);
        else if (it.b >= 0)
                snprintf(buf, n, "%s.%s", fw->themes[it.b].code,
                         fw->stages[app->ses.wb.stage_index].code);
        else
                snprintf(buf, n, "%s", fw->caps[it.a].code);
        return buf;
}

char *panes_entry_id(struct app *app)
{
        struct panes *P = panes_state(app);
        const struct pane *ep = P ? &P->pane[PANE_EVIDENCE] : NULL;
        if (!ep || !ep->n || ep->items[ep->sel].a < 0 ||
            (size_t)ep->items[ep->sel].a >= app->ses.wb.nentries)
                return NULL;
        return xstrdup(entry_get(&app->ses.wb, &app->ses.wb.entries[ep->items[ep->sel].a], "id"));
}

void panes_follow_entry(struct app *app, const char *id)
{
        struct panes *P = panes_state(app);
        long e = P && id ? wb_entry_by_id(&app->ses.wb, id) : -1;
        if (e < 0)
                return;
        /* in the list as it is (no pane moved, linking as it was) */
        struct pane *ep = &P->pane[PANE_EVIDENCE];
        for (size_t j = 0; j < ep->n; j++)
                if (ep->items[j].a == e) {
                        ep->sel = j;
                        return;
                }
}

/* --- the view -------------------------------------------------------------- */

static long panes_entry(struct app *app, struct view *v)
{
        (void)app;
        struct panes *P = v->data;
        const struct pane *ep = &P->pane[PANE_EVIDENCE];
        return P->focus == PANE_EVIDENCE && ep->n ? ep->items[ep->sel].a : -1;
}

/* A capability's (theme -1) or theme's place in the Capabilities tree. */
static size_t tree_pos(const struct framework *fw, int cap, int theme)
{
        size_t pos = 0;
        for (int c = 0; c < cap; c++)
                pos += 1 + fw->caps[c].nthemes;
        for (size_t k = 0; theme >= 0 && k < fw->caps[cap].nthemes; k++)
                if (fw->caps[cap].themes[k] == theme)
                        return pos + 1 + k;
        return pos;
}

static bool resource_matches(const struct fw_resource *r, const char *text)
{
        return strcasestr(r->title, text) || strcasestr(r->address, text) ||
               strcasestr(r->notes, text);
}

/* The next capability or theme after from (dir 1, or before it, -1) that a
 * resource linked to it matches, as search_find finds one by its own words:
 * *res the resource. A general resource (no capability) is found by
 * general_resource. */
static bool resource_find(const struct framework *fw, const char *text, struct search_at from,
                          int dir, bool with_from, struct search_at *hit, size_t *res)
{
        size_t n = tree_pos(fw, (int)fw->ncaps, -1),
               start = from.a >= 0 ? tree_pos(fw, from.a, from.b) : 0;
        size_t best = 0;
        bool found = false;
        for (size_t i = 0; i < fw->nresources; i++) {
                struct ref r;
                if (!resource_matches(&fw->resources[i], text) ||
                    !ref_parse(fw, fw->resources[i].ref, &r) || r.cap < 0)
                        continue;
                size_t at = tree_pos(fw, r.cap, r.theme);
                size_t step = dir < 0 ? (start + n - at) % n : (at + n - start) % n;
                if (!step && !with_from)
                        step = n; /* from itself: last */
                if (!found || step < best) {
                        best = step;
                        *hit = (struct search_at){r.cap, r.theme};
                        *res = i;
                        found = true;
                }
        }
        return found;
}

static const struct fw_resource *general_resource(const struct framework *fw, const char *text)
{
        for (size_t i = 0; i < fw->nresources; i++) {
                struct ref r;
                if (resource_matches(&fw->resources[i], text) &&
                    !ref_parse(fw, fw->resources[i].ref, &r))
                        return &fw->resources[i];
        }
        return NULL;
}

/* Finds the next match of text after the selection, in the focused pane first,
 * then the others (entries, indicators and elements; in Capabilities, the
 * resources linked to a capability or theme too). */
static bool panes_search(struct app *app, struct view *v, const char *text, int dir)
{
        struct panes *P = v->data;
        const struct framework *fw = &app->ses.wb.fw;
        static const enum search_scope scope[NPANES] = {SEARCH_CAPS, SEARCH_NOS, SEARCH_ENTRIES};
        for (int pass = 0; pass < NPANES; pass++) {
                int pane = (P->focus + pass) % NPANES;
                const struct pane *p = &P->pane[pane];
                struct search_at from = {0, pane == PANE_EVIDENCE ? 0 : -1}, hit, rhit;
                if (p->n)
                        from = (struct search_at){p->items[p->sel].a, p->items[p->sel].b};
                /* the selection itself only in another pane, or as the only entry */
                bool with_from = pass || (pane == PANE_EVIDENCE && app->ses.wb.nentries == 1);
                bool found =
                    search_find(&app->ses.wb, scope[pane], text, from, dir, with_from, &hit);
                size_t res = 0;
                if (pane == PANE_CAPS &&
                    resource_find(fw, text, from, dir, with_from, &rhit, &res)) {
                        /* a resource's capability when it comes first from here */
                        size_t n = tree_pos(fw, (int)fw->ncaps, -1),
                               start = tree_pos(fw, from.a, from.b);
                        size_t sr = (tree_pos(fw, rhit.a, rhit.b) + n - start) % n,
                               sh = found ? (tree_pos(fw, hit.a, hit.b) + n - start) % n : n;
                        if (dir < 0)
                                sr = (n - sr) % n, sh = found ? (n - sh) % n : n;
                        sr = sr ? sr : n, sh = sh ? sh : n;
                        if (!found || sr < sh) {
                                hit = rhit;
                                found = true;
                                app_message(app, false, "in the resource: %s",
                                            fw->resources[res].title);
                        }
                }
                if (!found)
                        continue;
                if (pane == PANE_CAPS)
                        select_theme(app, P, hit.a, hit.b);
                else if (pane == PANE_NOS)
                        select_unit(app, P, hit.a, hit.b);
                else if (!show_entry(app, hit.a))
                        app_message(app, false, "linking off to show the match (m turns it on)");
                return true;
        }
        /* a general resource, shown with every capability */
        const struct fw_resource *r = general_resource(fw, text);
        if (r) {
                P->focus = PANE_CAPS;
                app_message(app, false,
                            "in a general resource (in the detail of every capability): %s",
                            r->title);
                return true;
        }
        return false;
}

/* Enter and Left: a capability or unit opens or closes; a theme or element
 * shows all of its text; an entry opens in the form. */
static void open_or_collapse(struct app *app, struct panes *P, bool open)
{
        struct pane *p = &P->pane[P->focus];
        if (!p->n)
                return;
        struct pane_item it = p->items[p->sel];
        if (open && P->focus != PANE_EVIDENCE && it.b >= 0) {
                view_push(app, &view_detail_ops, 0);
        } else if (P->focus == PANE_CAPS) {
                P->cap_open[it.a] = open && (it.b >= 0 || !P->cap_open[it.a]);
                build_caps(app, P);
                select_theme(app, P, it.a, P->cap_open[it.a] ? it.b : -1);
        } else if (P->focus == PANE_NOS) {
                P->unit_open[it.a] = open && (it.b >= 0 || !P->unit_open[it.a]);
                build_nos(app, P);
                select_unit(app, P, it.a, P->unit_open[it.a] ? it.b : -1);
        } else if (open) {
                form_open(app, it.a, false, NULL, NULL);
        }
}

static enum reaction panes_key(struct app *app, struct view *v, enum action act, int key)
{
        (void)key;
        struct panes *P = v->data;
        if (!app->ses.have_wb)
                return REACT_IGNORED;
        struct pane *p = &P->pane[P->focus];
        long page = app->term.rows / 3 > 1 ? app->term.rows / 3 : 1;
        long entry = panes_entry(app, v);
        char b1[64], b2[64];
        switch (act) {
        case ACT_DOWN: move_sel(app, P, 1); break;
        case ACT_UP: move_sel(app, P, -1); break;
        case ACT_PAGE_DOWN: move_sel(app, P, page); break;
        case ACT_PAGE_UP: move_sel(app, P, -page); break;
        case ACT_HOME: move_sel(app, P, -(long)p->n); break;
        case ACT_END: move_sel(app, P, (long)p->n); break;
        case ACT_NEXT_PANE:
        case ACT_PREV_PANE:
                P->focus = (P->focus + (act == ACT_NEXT_PANE ? 1 : NPANES - 1)) % NPANES;
                /* Evidence follows the pane the user is looking at */
                if (P->focus != PANE_EVIDENCE && P->focus != P->link_from) {
                        P->link_from = P->focus;
                        build_evidence(app, P);
                }
                break;
        case ACT_OPEN:
        case ACT_COLLAPSE: open_or_collapse(app, P, act == ACT_OPEN); break;
        case ACT_BACK:
        case ACT_CASELOAD:
                if (app->ses.caseload)
                        caseload_push(app);
                else if (act == ACT_CASELOAD)
                        app_message(app, true, "not opened on a caseload folder");
                break;
        case ACT_ADD: /* pre-filled with both selections, the NOS one and the Capabilities one */
                form_open(app, -1, false, selection_code(app, P, PANE_NOS, b1, sizeof b1),
                          selection_code(app, P, PANE_CAPS, b2, sizeof b2));
                break;
        case ACT_EDIT:
                if (entry >= 0)
                        form_open(app, entry, false, NULL, NULL);
                else if (P->focus == PANE_NOS && p->n)
                        return edit_unit_notes(app, p->items[p->sel].a);
                else
                        app_message(app, true,
                                    "select an entry (Evidence pane) or a unit (NOS pane) first");
                break;
        case ACT_DELETE: return edit_delete_entry(app, entry);
        case ACT_PROFILE: return edit_profile(app);
        case ACT_REVAMP:
                if (app->ses.wb.entries[entry].status != ST_PLANNED)
                        app_message(app, true, "only a planned entry can be revamped");
                else
                        form_open(app, entry, true, NULL, NULL);
                break;
        case ACT_XREF: {
                /* the entry selected in Evidence, wherever the focus is: select the
                 * entry, then the capability, then c (the question names both) */
                const struct pane *ep = &P->pane[PANE_EVIDENCE];
                if (!ep->n) {
                        app_message(app, true, "select an entry in the Evidence pane first");
                        break;
                }
                return edit_cross_reference(app, ep->items[ep->sel].a,
                                            selection_code(app, P, PANE_CAPS, b1, sizeof b1),
                                            selection_code(app, P, PANE_NOS, b2, sizeof b2));
        }
        case ACT_STATUS:
                if (P->focus == PANE_NOS)
                        return p->n ? edit_unit_status(app, p->items[p->sel].a) : REACT_NONE;
                if (entry < 0) {
                        app_message(app, true,
                                    "select an entry (Evidence pane) or a unit (NOS pane) first");
                        break;
                }
                return edit_entry_status(app, entry);
        case ACT_SIGN: return edit_sign_off(app, entry);
        case ACT_LINKING:
                P->linking = !P->linking;
                build_evidence(app, P);
                app_message(app, false,
                            P->linking ? "linking on: Evidence follows the selection"
                                       : "linking off: every entry shown");
                break;
        case ACT_ENTRY_DETAIL:
                P->entry_detail =
                    panes_entry_in_detail(app) ? ENTRY_DETAIL_NEVER : ENTRY_DETAIL_ALWAYS;
                app_message(app, false,
                            panes_entry_in_detail(app)
                                ? "detail area: the selected entry"
                                : "detail area: what Evidence is linked to (Enter opens an entry)");
                break;
        case ACT_STAGES: P->all_stages = !P->all_stages; break;
        case ACT_GRID:
        case ACT_LOG: {
                struct pane_item it = pane_selected(&P->pane[PANE_NOS]);
                if (app->ses.wb.fw.nunits)
                        view_push(app, act == ACT_GRID ? &view_grid_ops : &view_log_ops,
                                  it.a < 0 ? 0 : it.a);
                break;
        }
        case ACT_GAPS: view_push(app, &view_gaps_ops, 0); break;
        case ACT_PLAN: view_push(app, &view_plan_ops, 0); break;
        case ACT_SESSIONS: view_push(app, &view_sessions_ops, 0); break;
        case ACT_COVERAGE: view_push(app, &view_coverage_ops, 0); break;
        case ACT_CONFLICTS: view_push(app, &view_conflicts_ops, 0); break;
        case ACT_HISTORY: history_view_open(app, entry); break;
        case ACT_REPORT:
                /* in NOS, the selected unit's log sheet; elsewhere the whole pack */
                return edit_report(app, P->focus == PANE_NOS && p->n ? p->items[p->sel].a : -1);
        default: return REACT_IGNORED;
        }
        return REACT_NONE;
}

static void panes_done(struct app *app, struct view *v, bool ending)
{
        (void)ending;
        struct panes *P = v->data;
        if (app->show_entry == show_entry)
                app->show_entry = NULL;
        for (int i = 0; i < NPANES; i++)
                free(P->pane[i].items);
        free(P->cap_open);
        free(P->unit_open);
        free(P);
}

static const struct view_ops panes_ops = {
    .name = "main",
    .keymap = {KM_MAIN, KM_MAIN},
    .draw = panes_draw,
    .key = panes_key,
    .search = panes_search,
    .model = panes_model,
    .entry = panes_entry,
    .entry_hint = "select an entry in the Evidence pane first (Tab)",
    .done = panes_done,
};

void panes_push(struct app *app)
{
        struct view *v = view_push(app, &panes_ops, 0);
        struct panes *P = xcalloc(1, sizeof *P);
        P->linking = true;
        P->entry_detail = (enum entry_detail)app->ses.cfg.num[OPT_ENTRY_DETAIL];
        v->data = P;
        app->show_entry = show_entry;
}
