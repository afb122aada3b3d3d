/* view_map.c — the 2004 map of leadership and management standards, browsed:
 * functional areas, their generic standards, and under a standard opened with
 * Enter its description and the specialist and partnership standards listed
 * against it; the category legend; / searches every code and word of the map
 * and opens the way to what it finds. */
#include "core/text.h"
#include "tui/plans_view.h"

#include <stdlib.h>
#include <string.h>

static void key_of(char *out, size_t n, const char *kind, const char *code)
{
        snprintf(out, n, "%s:%s", kind, code);
}

static bool area_open(const struct view *v, const struct stdmap *m, size_t a)
{
        char k[64];
        key_of(k, sizeof k, "closed", m->areas[a].code);
        return !plans_is_open(v, k);
}

static bool standard_open(const struct view *v, const struct stdmap *m, size_t s)
{
        char k[64];
        key_of(k, sizeof k, "std", m->standards[s].code);
        return plans_is_open(v, k);
}

/* A related standard: code and title, the title wrapped under itself. */
static void related_lines(struct view *v, int width, const struct stdmap *m, size_t ri)
{
        const struct sm_related *r = &m->related[ri];
        const struct sm_identity *idn = r->nidentity ? &m->identities[r->identity[0]] : NULL;
        struct buf l = {0};
        buf_printf(&l, "          %-15s %s", r->code, r->title);
        if (idn && idn->category >= 0)
                buf_printf(&l, " [%s]", m->categories[idn->category].code);
        plans_hang_wrap(v, CR_NONE, width, 26, buf_str(&l), true, PL_RELATED, (int)ri);
        buf_free(&l);
}

static void standard_lines(struct app *app, struct view *v, int width, const struct stdmap *m,
                           size_t si)
{
        const struct sm_standard *s = &m->standards[si];
        const struct glyphs *gl = app->term.gl;
        bool open = standard_open(v, m, si);
        vline_add(v, CR_NONE, true, PL_STANDARD, (int)si, "  %s %-4s %s",
                  open ? gl->open : gl->closed, s->code, s->title);
        if (!open)
                return;
        if (*s->description)
                vline_wrap(v, CR_NONE, width, 9, s->description);
        static const enum sm_kind kinds[] = {SM_SPECIALIST, SM_PARTNERSHIP};
        static const char *const heads[] = {"Specialist standards", "Partnership standards"};
        for (int k = 0; k < 2; k++) {
                bool head = false;
                for (size_t i = s->first; i < s->first + s->n; i++) {
                        if (m->related[i].kind != kinds[k])
                                continue;
                        if (!head)
                                vline_add(v, CR_LINK, false, 0, 0, "         %s", heads[k]);
                        head = true;
                        related_lines(v, width, m, i);
                }
        }
}

static void build(struct app *app, struct view *v, int width)
{
        const struct stdmap *m = plans_map(app, v);
        snprintf(v->title, sizeof v->title, "the 2004 map of leadership and management standards");
        if (!m->dir) {
                vline_add(v, CR_ERROR, false, 0, 0, "The 2004 map (topss2004) is not found.");
                return;
        }
        const struct glyphs *gl = app->term.gl;
        for (size_t a = 0; a < m->nareas; a++) {
                bool open = area_open(v, m, a);
                vline_add(v, -1, true, PL_AREA, (int)a, "%s %s  %s", open ? gl->open : gl->closed,
                          m->areas[a].code, m->areas[a].title);
                for (size_t s = m->areas[a].first; open && s < m->areas[a].first + m->areas[a].n;
                     s++)
                        standard_lines(app, v, width, m, s);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        vline_add(v, -1, false, 0, 0, "Categories of the specialist and partnership standards");
        for (size_t c = 0; c < m->ncategories; c++)
                vline_add(v, CR_NONE, true, PL_CATEGORY, (int)c, "  %-8s %s", m->categories[c].code,
                          m->categories[c].name);
        for (size_t i = 0; i < m->naliases; i++) {
                struct buf l = {0};
                buf_printf(&l, "  %-8s read as %s: %s", m->aliases[i].printed,
                           m->categories[m->aliases[i].category].code, m->aliases[i].note);
                plans_hang_wrap(v, CR_NONE, width, 11, buf_str(&l), false, 0, 0);
                buf_free(&l);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        struct buf l = {0};
        char ko[16], ks[16];
        buf_printf(&l,
                   "%s closed, %s open: %s opens or closes an area or a standard; %s searches "
                   "codes and words.",
                   gl->closed, gl->open, keys_first(app, ACT_OPEN, ko, sizeof ko),
                   keys_first(app, ACT_SEARCH, ks, sizeof ks));
        vline_wrap(v, CR_NONE, width, 0, buf_str(&l));
        buf_free(&l);
}

/* --- search -------------------------------------------------------------------------- */

struct map_item {
        enum plan_line kind;
        size_t index;
};

/* Every item of the map in the order the view shows them. */
static size_t map_items(const struct stdmap *m, struct map_item **out)
{
        size_t n = m->nareas + m->nstandards + m->nrelated + m->ncategories, k = 0;
        struct map_item *v = xcalloc(n + 1, sizeof *v);
        for (size_t a = 0; a < m->nareas; a++) {
                v[k++] = (struct map_item){PL_AREA, a};
                for (size_t s = m->areas[a].first; s < m->areas[a].first + m->areas[a].n; s++) {
                        v[k++] = (struct map_item){PL_STANDARD, s};
                        for (size_t r = m->standards[s].first;
                             r < m->standards[s].first + m->standards[s].n; r++)
                                v[k++] = (struct map_item){PL_RELATED, r};
                }
        }
        for (size_t c = 0; c < m->ncategories; c++)
                v[k++] = (struct map_item){PL_CATEGORY, c};
        *out = v;
        return k;
}

static bool item_matches(const struct stdmap *m, const struct map_item *it, const char *text)
{
        const char *t[4] = {NULL, NULL, NULL, NULL};
        switch (it->kind) {
        case PL_AREA: t[0] = m->areas[it->index].code, t[1] = m->areas[it->index].title; break;
        case PL_STANDARD:
                t[0] = m->standards[it->index].code, t[1] = m->standards[it->index].title;
                t[2] = m->standards[it->index].description;
                break;
        case PL_RELATED: {
                const struct sm_related *r = &m->related[it->index];
                t[0] = r->code, t[1] = r->title;
                t[2] = r->nidentity ? m->identities[r->identity[0]].code : NULL;
                t[3] = r->nidentity > 1 ? m->identities[r->identity[1]].code : NULL;
                break;
        }
        default: t[0] = m->categories[it->index].code, t[1] = m->categories[it->index].name;
        }
        for (int i = 0; i < 4; i++)
                if (t[i] && strcasestr(t[i], text))
                        return true;
        return false;
}

/* Opens the way to an item (its area, and its standard for a related one). */
static void reveal(struct view *v, const struct stdmap *m, const struct map_item *it)
{
        size_t s = it->kind == PL_RELATED ? (size_t)m->related[it->index].standard : it->index;
        if (it->kind != PL_STANDARD && it->kind != PL_RELATED)
                return;
        char k[64];
        key_of(k, sizeof k, "closed", m->areas[m->standards[s].area].code);
        if (plans_is_open(v, k))
                plans_toggle_open(v, k);
        key_of(k, sizeof k, "std", m->standards[s].code);
        if (it->kind == PL_RELATED && !plans_is_open(v, k))
                plans_toggle_open(v, k);
}

static bool search(struct app *app, struct view *v, const char *text, int dir)
{
        const struct stdmap *m = plans_map(app, v);
        struct map_item *items;
        size_t n = map_items(m, &items), at = 0;
        const struct vline *l = v->sel < v->n ? &v->lines[v->sel] : NULL;
        for (size_t i = 0; l && l->selectable && i < n; i++)
                if ((int)items[i].kind == l->a && (int)items[i].index == l->b)
                        at = i;
        bool found = false;
        for (size_t s = 1; n && s <= n && !found; s++) {
                size_t i = dir < 0 ? (at + n - s % n) % n : (at + s) % n;
                if (!item_matches(m, &items[i], text))
                        continue;
                reveal(v, m, &items[i]);
                plans_rebuild(app, v, (int)items[i].kind, (int)items[i].index);
                found = true;
        }
        free(items);
        return found;
}

/* --- keys ------------------------------------------------------------------------------ */

static enum reaction key(struct app *app, struct view *v, enum action act, int ch)
{
        (void)ch;
        const struct stdmap *m = plans_map(app, v);
        if (act != ACT_OPEN || v->sel >= v->n || !v->lines[v->sel].selectable)
                return REACT_IGNORED;
        const struct vline *l = &v->lines[v->sel];
        char k[64];
        if (l->a == PL_AREA) {
                key_of(k, sizeof k, "closed", m->areas[l->b].code);
                plans_toggle_open(v, k);
        } else if (l->a == PL_STANDARD) {
                key_of(k, sizeof k, "std", m->standards[l->b].code);
                plans_toggle_open(v, k);
        } else if (l->a == PL_RELATED) {
                const struct sm_related *r = &m->related[l->b];
                const struct sm_identity *idn =
                    r->nidentity ? &m->identities[r->identity[0]] : NULL;
                struct buf b = {0};
                buf_printf(&b, "%s: listed against", idn ? idn->code : r->code);
                for (size_t i = 0; idn && i < idn->nrows; i++)
                        buf_printf(&b, "%s %s (%s)", i ? "," : "",
                                   m->standards[m->related[idn->rows[i]].standard].code,
                                   m->related[idn->rows[i]].kind == SM_PARTNERSHIP ? "partnership"
                                                                                   : "specialist");
                app_message(app, false, "%s", buf_str(&b));
                buf_free(&b);
        } else if (l->a == PL_CATEGORY) {
                const struct sm_category *c = &m->categories[l->b];
                app_message(app, false, "%s: %s%s%s", c->code, c->name, *c->note ? ". " : "",
                            c->note);
        }
        return REACT_NONE;
}

const struct view_ops view_map_ops = {.name = "map",
                                      .keymap = {KM_GENERIC, KM_GENERIC},
                                      .build = build,
                                      .key = key,
                                      .search = search,
                                      .done = plans_done,
                                      .hints = {{ACT_OPEN, "open/close"}, {ACT_SEARCH, "search"}}};
