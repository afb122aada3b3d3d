/* coverage.c — coverage, gaps, the unit planner, reverse transfer and mapping
 * grids, all computed from the entries' resolved references and the links. */
#include "core/coverage.h"
#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const cov_mark_name[] = {"none",           "planned only",  "needs updating",
                                     "not applicable", "indirect only", "through the mapping",
                                     "actual"};
const char cov_mark_letter[] = {'-', 'p', 'u', 'n', 'i', 'm', 'A'};

unsigned tally_total(const struct tally *t)
{
        return t->actual + t->planned + t->update + t->na;
}

static void tally_add(struct tally *t, enum ev_status st)
{
        switch (st) {
        case ST_ACTUAL: t->actual++; break;
        case ST_PLANNED: t->planned++; break;
        case ST_UPDATE: t->update++; break;
        case ST_NA: t->na++; break;
        default: break;
        }
}

/* The mark of one stage's counts (or a unit's, an element's). */
static enum cov_mark tally_mark(const struct cov *c)
{
        if (c->direct.actual)
                return MARK_ACTUAL;
        if (c->mapped_direct.actual)
                return MARK_MAPPED;
        if (c->mapped_indirect.actual)
                return MARK_INDIRECT;
        if (c->direct.na)
                return MARK_NA;
        if (c->direct.update || c->mapped_direct.update || c->mapped_indirect.update)
                return MARK_UPDATE;
        if (c->direct.planned || c->mapped_direct.planned || c->mapped_indirect.planned)
                return MARK_PLANNED;
        return MARK_NONE;
}

/* A stage is satisfied by actual evidence that names it, or an n/a that does
 * (with its rationale); the mapping alone never satisfies one. */
static bool satisfied(const struct cov *c)
{
        return c->direct.actual || c->direct.na;
}

enum cov_mark cov_mark(const struct cov *c)
{
        enum cov_mark m = tally_mark(c);
        if (!c->earlier_short)
                return m;
        /* a stage before is missing: the weakest stage is what shows */
        return satisfied(c) || c->earlier < m ? c->earlier : m;
}

bool cov_met(const struct cov *c)
{
        return !c->missing && satisfied(c);
}

struct tally cov_sum(const struct cov *c)
{
        struct tally t = c->direct;
        const struct tally *m[2] = {&c->mapped_direct, &c->mapped_indirect};
        for (int i = 0; i < 2; i++) {
                t.actual += m[i]->actual;
                t.planned += m[i]->planned;
                t.update += m[i]->update;
                t.na += m[i]->na;
        }
        return t;
}

static bool link_from_matches(const struct fw_link *l, const struct ref *r)
{
        if (l->element >= 0)
                return r->kind == REF_ELEMENT && r->element == l->element;
        return (r->kind == REF_UNIT || r->kind == REF_ELEMENT) && r->unit == l->unit;
}

/* Does a capability-side reference fall under the link's target? */
static bool link_to_matches(const struct fw_link *l, const struct ref *r)
{
        if (r->cap != l->cap)
                return false;
        if (l->theme < 0)
                return true;
        return (r->kind == REF_THEME || r->kind == REF_INDICATOR) && r->theme == l->theme;
}

static int better(int a, int b)
{
        if (!a)
                return b;
        if (!b)
                return a;
        return a < b ? a : b;
}

/* A theme or capability named without a stage counts at the workbook's target
 * stage: the log is kept against the indicators of the stage the candidate is
 * working at (the case studies: "the indicators for accomplished managers").
 * Read as every stage, one entry would meet all three; 004 asks for evidence of
 * each. stage -1: any stage. */
static bool stageless_counts(const struct workbook *wb, int stage)
{
        return stage < 0 || stage == wb->stage_index;
}

int entry_counts_for(const struct workbook *wb, const struct entry *e, int cap, int theme,
                     int stage)
{
        const struct framework *fw = &wb->fw;
        int how = 0;
        for (unsigned i = 0; i < e->nrefs; i++) {
                struct ref ref_;
                ref_unpack(fw, e->refs[i], &ref_);
                const struct ref *r = &ref_;
                switch (r->kind) {
                case REF_CAPABILITY:
                        if (theme < 0 && r->cap == cap && stageless_counts(wb, stage))
                                how = better(how, 1);
                        break;
                case REF_THEME:
                        if ((theme < 0 ? r->cap == cap : r->theme == theme) &&
                            stageless_counts(wb, stage))
                                how = better(how, 1);
                        break;
                case REF_INDICATOR:
                        if ((stage < 0 || r->stage == stage) &&
                            (theme < 0 ? r->cap == cap : r->theme == theme))
                                how = better(how, 1);
                        break;
                case REF_UNIT:
                case REF_ELEMENT:
                        for (size_t k = 0; k < fw->nlinks; k++) {
                                const struct fw_link *l = &fw->links[k];
                                if (!link_from_matches(l, r))
                                        continue;
                                if (theme < 0 ? l->cap == cap : l->theme == theme)
                                        how = better(how, l->direct ? 2 : 3);
                        }
                        break;
                default: break;
                }
        }
        return how;
}

int entry_counts_for_nos(const struct workbook *wb, const struct entry *e, int unit, int element)
{
        const struct framework *fw = &wb->fw;
        int how = 0;
        for (unsigned i = 0; i < e->nrefs; i++) {
                struct ref ref_;
                ref_unpack(fw, e->refs[i], &ref_);
                const struct ref *r = &ref_;
                if (r->kind == REF_ELEMENT || r->kind == REF_UNIT) {
                        if (element >= 0 ? (r->kind == REF_ELEMENT && r->element == element)
                                         : r->unit == unit)
                                how = better(how, 1);
                        continue;
                }
                for (size_t k = 0; k < fw->nlinks; k++) {
                        const struct fw_link *l = &fw->links[k];
                        bool from = element >= 0 ? l->element == element : l->unit == unit;
                        if (from && link_to_matches(l, r))
                                how = better(how, l->direct ? 2 : 3);
                }
        }
        return how;
}

/* Per-entry bookkeeping so one entry counts once per item, by its best route. */
struct touch {
        unsigned *stamp;
        unsigned char *how;
        int *list;
        size_t n;
};

static void touch(struct touch *t, int idx, int how, unsigned gen)
{
        if (idx < 0)
                return;
        if (t->stamp[idx] != gen) {
                t->stamp[idx] = gen;
                t->how[idx] = (unsigned char)how;
                t->list[t->n++] = idx;
        } else if (how < t->how[idx]) {
                t->how[idx] = (unsigned char)how;
        }
}

static void touch_init(struct touch *t, size_t n)
{
        t->stamp = xcalloc(n + 1, sizeof *t->stamp);
        t->how = xcalloc(n + 1, 1);
        t->list = xcalloc(n + 1, sizeof *t->list);
        t->n = 0;
}

static void touch_free(struct touch *t)
{
        free(t->stamp), free(t->how), free(t->list);
}

static void touch_flush(struct touch *t, struct cov *covs, enum ev_status st)
{
        for (size_t i = 0; i < t->n; i++) {
                int idx = t->list[i];
                struct cov *c = &covs[idx];
                tally_add(t->how[idx] == 1   ? &c->direct
                          : t->how[idx] == 2 ? &c->mapped_direct
                                             : &c->mapped_indirect,
                          st);
        }
        t->n = 0;
}

/* Touches every item entry e counts for (stage -1: any stage), best route each. */
static void visit_entry(const struct framework *fw, const struct entry *e, int stage, unsigned gen,
                        struct touch *tc, struct touch *tt, struct touch *tu, struct touch *te)
{
        for (unsigned k = 0; k < e->nrefs; k++) {
                struct ref ref_;
                ref_unpack(fw, e->refs[k], &ref_);
                const struct ref *r = &ref_;
                switch (r->kind) {
                case REF_INDICATOR:
                        if (stage < 0 || r->stage == stage) {
                                touch(tt, r->theme, 1, gen);
                                touch(tc, r->cap, 1, gen);
                        }
                        break;
                case REF_THEME:
                        touch(tt, r->theme, 1, gen);
                        touch(tc, r->cap, 1, gen);
                        break;
                case REF_CAPABILITY: touch(tc, r->cap, 1, gen); break;
                case REF_ELEMENT: touch(te, r->element, 1, gen); /* fall through */
                case REF_UNIT: touch(tu, r->unit, 1, gen); break;
                default: break;
                }
                bool nos = r->kind == REF_UNIT || r->kind == REF_ELEMENT;
                for (size_t j = 0; j < fw->nlinks; j++) {
                        const struct fw_link *l = &fw->links[j];
                        int how = l->direct ? 2 : 3;
                        if (nos) {
                                if (!link_from_matches(l, r))
                                        continue;
                                touch(tc, l->cap, how, gen);
                                touch(tt, l->theme, how, gen);
                        } else if (link_to_matches(l, r)) {
                                touch(tu, l->unit, how, gen);
                                touch(te, l->element, how, gen);
                        }
                }
        }
}

/* The touches of one entry for coverage: units and elements as visit_entry
 * makes them; capabilities and themes in the set of the stage each reference
 * counts at, and those a link reaches in the set after the stages' (tc[ns]),
 * counted at every stage by mapped_flush. An n/a counts for what it names only. */
static void visit_entry_staged(const struct workbook *wb, const struct entry *e, unsigned gen,
                               struct touch *tc, struct touch *tt, struct touch *tu,
                               struct touch *te)
{
        const struct framework *fw = &wb->fw;
        size_t ns = fw->nstages;
        bool na = e->status == ST_NA;
        int target = wb->stage_index >= 0 && (size_t)wb->stage_index < ns ? wb->stage_index : -1;
        for (unsigned k = 0; k < e->nrefs; k++) {
                struct ref ref_;
                ref_unpack(fw, e->refs[k], &ref_);
                const struct ref *r = &ref_;
                int st = r->kind == REF_INDICATOR ? r->stage : target;
                switch (r->kind) {
                case REF_INDICATOR:
                case REF_THEME:
                        if (st >= 0 && (size_t)st < ns) {
                                touch(&tt[st], r->theme, 1, gen);
                                if (!na)
                                        touch(&tc[st], r->cap, 1, gen);
                        }
                        break;
                case REF_CAPABILITY:
                        if (st >= 0)
                                touch(&tc[st], r->cap, 1, gen);
                        break;
                case REF_ELEMENT:
                        touch(te, r->element, 1, gen);
                        if (!na)
                                touch(tu, r->unit, 1, gen);
                        break;
                case REF_UNIT: touch(tu, r->unit, 1, gen); break;
                default: break;
                }
                bool nos = r->kind == REF_UNIT || r->kind == REF_ELEMENT;
                for (size_t j = 0; j < fw->nlinks; j++) {
                        const struct fw_link *l = &fw->links[j];
                        int how = l->direct ? 2 : 3;
                        if (nos) {
                                if (!link_from_matches(l, r))
                                        continue;
                                touch(&tc[ns], l->cap, how, gen); /* no stage: every stage's */
                                touch(&tt[ns], l->theme, how, gen);
                        } else if (link_to_matches(l, r)) {
                                touch(tu, l->unit, how, gen);
                                touch(te, l->element, how, gen);
                        }
                }
        }
}

/* The capabilities or themes an entry reaches through the mapping, counted at
 * every stage, except at a stage where the entry names them (direct wins: the
 * stage's set was flushed, its stamps still say so). */
static void mapped_flush(struct touch *m, const struct touch *direct, struct cov *at, size_t n,
                         size_t ns, enum ev_status st, unsigned gen)
{
        for (size_t i = 0; i < m->n; i++) {
                int idx = m->list[i];
                for (size_t s = 0; s < ns; s++) {
                        if (direct[s].stamp[idx] == gen)
                                continue;
                        struct cov *c = &at[s * n + (size_t)idx];
                        tally_add(m->how[idx] == 2 ? &c->mapped_direct : &c->mapped_indirect, st);
                }
        }
        m->n = 0;
}

/* The cumulative rule, from each stage's own counts into the coverage up to stage. */
static void cumulate(struct cov *out, const struct cov *at, size_t n, size_t stage)
{
        for (size_t i = 0; i < n; i++) {
                struct cov *o = &out[i];
                *o = at[stage * n + i];
                for (size_t s = 0; s <= stage; s++) {
                        const struct cov *cs = &at[s * n + i];
                        if (satisfied(cs))
                                continue;
                        o->missing |= 1u << s;
                        if (s == stage)
                                continue;
                        enum cov_mark m = tally_mark(cs);
                        if (!o->earlier_short || m < o->earlier)
                                o->earlier = m;
                        o->earlier_short = true;
                }
        }
}

void coverage_compute(const struct workbook *wb, int stage, struct coverage *c)
{
        const struct framework *fw = &wb->fw;
        memset(c, 0, sizeof *c);
        c->stage = stage;
        c->ncaps = fw->ncaps, c->nthemes = fw->nthemes;
        c->nunits = fw->nunits, c->nelements = fw->nelements;
        /* the stage bits are an unsigned's; the shipped frameworks have three */
        size_t ns = fw->nstages < 16 ? fw->nstages : 16;
        c->nstages = ns;
        c->caps = xcalloc(c->ncaps + 1, sizeof *c->caps);
        c->themes = xcalloc(c->nthemes + 1, sizeof *c->themes);
        c->units = xcalloc(c->nunits + 1, sizeof *c->units);
        c->elements = xcalloc(c->nelements + 1, sizeof *c->elements);
        c->stage_caps = xcalloc(ns * c->ncaps + 1, sizeof *c->stage_caps);
        c->stage_themes = xcalloc(ns * c->nthemes + 1, sizeof *c->stage_themes);
        /* a set of touches per stage, and one more for the mapping's */
        struct touch *tc = xcalloc(ns + 1, sizeof *tc), *tt = xcalloc(ns + 1, sizeof *tt);
        for (size_t s = 0; s <= ns; s++)
                touch_init(&tc[s], c->ncaps), touch_init(&tt[s], c->nthemes);
        struct touch tu, te;
        touch_init(&tu, c->nunits), touch_init(&te, c->nelements);
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (e->status == ST_UNKNOWN || !e->nrefs)
                        continue;
                visit_entry_staged(wb, e, (unsigned)i + 1, tc, tt, &tu, &te);
                unsigned gen = (unsigned)i + 1;
                for (size_t s = 0; s < ns; s++) {
                        touch_flush(&tc[s], c->stage_caps + s * c->ncaps, e->status);
                        touch_flush(&tt[s], c->stage_themes + s * c->nthemes, e->status);
                }
                mapped_flush(&tc[ns], tc, c->stage_caps, c->ncaps, ns, e->status, gen);
                mapped_flush(&tt[ns], tt, c->stage_themes, c->nthemes, ns, e->status, gen);
                touch_flush(&tu, c->units, e->status), touch_flush(&te, c->elements, e->status);
        }
        for (size_t s = 0; s <= ns; s++)
                touch_free(&tc[s]), touch_free(&tt[s]);
        free(tc), free(tt);
        touch_free(&tu), touch_free(&te);
        if (stage >= 0 && (size_t)stage < ns) {
                cumulate(c->caps, c->stage_caps, c->ncaps, (size_t)stage);
                cumulate(c->themes, c->stage_themes, c->nthemes, (size_t)stage);
        }
}

const struct cov *coverage_at(const struct coverage *c, int stage, int cap, int theme)
{
        static const struct cov none;
        if (stage < 0 || (size_t)stage >= c->nstages)
                return &none;
        if (theme >= 0)
                return (size_t)theme < c->nthemes
                           ? &c->stage_themes[(size_t)stage * c->nthemes + (size_t)theme]
                           : &none;
        return cap >= 0 && (size_t)cap < c->ncaps
                   ? &c->stage_caps[(size_t)stage * c->ncaps + (size_t)cap]
                   : &none;
}

void cov_missing_text(const struct framework *fw, const struct cov *c, struct buf *out)
{
        size_t n = 0, total = 0;
        for (size_t s = 0; s < fw->nstages && s < 16; s++)
                total += (c->missing >> s) & 1;
        for (size_t s = 0; s < fw->nstages && s < 16; s++) {
                if (!((c->missing >> s) & 1))
                        continue;
                buf_printf(out, "%s%s",
                           n == 0           ? ""
                           : n + 1 == total ? " and "
                                            : ", ",
                           fw->stages[s].code);
                n++;
        }
        if (n)
                buf_adds(out, " missing");
}

static void hits_flush(struct touch *t, struct link_list *lists, uint32_t entry)
{
        for (size_t i = 0; i < t->n; i++) {
                struct link_list *l = &lists[t->list[i]];
                if (l->n == l->cap) {
                        l->cap = l->cap ? l->cap * 2 : 16;
                        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
                }
                l->v[l->n++] = entry << 2 | t->how[t->list[i]];
        }
        t->n = 0;
}

void link_index_build(const struct workbook *wb, struct link_index *x)
{
        const struct framework *fw = &wb->fw;
        memset(x, 0, sizeof *x);
        x->caps = xcalloc(fw->ncaps + 1, sizeof *x->caps);
        x->themes = xcalloc(fw->nthemes + 1, sizeof *x->themes);
        x->units = xcalloc(fw->nunits + 1, sizeof *x->units);
        x->elements = xcalloc(fw->nelements + 1, sizeof *x->elements);
        x->ncaps = fw->ncaps, x->nthemes = fw->nthemes;
        x->nunits = fw->nunits, x->nelements = fw->nelements;
        struct touch tc, tt, tu, te;
        touch_init(&tc, fw->ncaps), touch_init(&tt, fw->nthemes);
        touch_init(&tu, fw->nunits), touch_init(&te, fw->nelements);
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                visit_entry(fw, e, -1, (unsigned)i + 1, &tc, &tt, &tu, &te);
                hits_flush(&tc, x->caps, (uint32_t)i), hits_flush(&tt, x->themes, (uint32_t)i);
                hits_flush(&tu, x->units, (uint32_t)i), hits_flush(&te, x->elements, (uint32_t)i);
        }
        touch_free(&tc), touch_free(&tt), touch_free(&tu), touch_free(&te);
}

static void lists_free(struct link_list *l, size_t n)
{
        for (size_t i = 0; l && i < n; i++)
                free(l[i].v);
        free(l);
}

void link_index_free(struct link_index *x)
{
        lists_free(x->caps, x->ncaps), lists_free(x->themes, x->nthemes);
        lists_free(x->units, x->nunits), lists_free(x->elements, x->nelements);
        memset(x, 0, sizeof *x);
}

void coverage_free(struct coverage *c)
{
        free(c->caps), free(c->themes), free(c->units), free(c->elements);
        free(c->stage_caps), free(c->stage_themes);
        memset(c, 0, sizeof *c);
}

size_t links_to(const struct workbook *wb, int cap, int theme, struct unit_hint **out)
{
        const struct framework *fw = &wb->fw;
        size_t n = 0;
        *out = NULL;
        for (size_t j = 0; j < fw->nlinks; j++) {
                const struct fw_link *l = &fw->links[j];
                bool hit = theme < 0 ? l->cap == cap
                                     : (l->theme == theme || (l->theme < 0 && l->cap == cap));
                if (!hit)
                        continue;
                size_t k;
                for (k = 0; k < n; k++)
                        if ((*out)[k].unit == l->unit)
                                break;
                if (k == n) {
                        *out = xrealloc(*out, (n + 1) * sizeof **out);
                        (*out)[n].unit = l->unit;
                        (*out)[n].direct = l->direct;
                        n++;
                } else if (l->direct) {
                        (*out)[k].direct = true;
                }
        }
        return n;
}

/* Not met, n/a excepted: a theme marked not applicable at a stage is no gap. */
static bool is_gap(const struct cov *c)
{
        return !cov_met(c);
}

size_t coverage_gaps(const struct workbook *wb, const struct coverage *c, struct gap **out)
{
        const struct framework *fw = &wb->fw;
        size_t n = 0;
        *out = NULL;
        for (size_t ci = 0; ci < fw->ncaps; ci++) {
                for (int k = -1; k < (int)fw->caps[ci].nthemes; k++) {
                        int theme = k < 0 ? -1 : fw->caps[ci].themes[k];
                        const struct cov *cv = theme < 0 ? &c->caps[ci] : &c->themes[theme];
                        if (!is_gap(cv))
                                continue;
                        *out = xrealloc(*out, (n + 1) * sizeof **out);
                        struct gap *g = &(*out)[n++];
                        g->cap = (int)ci;
                        g->theme = theme;
                        g->mark = cov_mark(cv);
                        g->missing = cv->missing;
                        g->nunits = links_to(wb, (int)ci, theme, &g->units);
                }
        }
        return n;
}

void gaps_free(struct gap *g, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(g[i].units);
        free(g);
}

size_t coverage_plan(const struct workbook *wb, const struct coverage *c, struct plan_row **out)
{
        const struct framework *fw = &wb->fw;
        struct gap *gaps;
        size_t ngaps = coverage_gaps(wb, c, &gaps);
        size_t n = 0;
        *out = NULL;
        for (size_t u = 0; u < fw->nunits; u++) {
                if (fw->units[u].mandatory)
                        continue;
                *out = xrealloc(*out, (n + 1) * sizeof **out);
                struct plan_row *p = &(*out)[n++];
                memset(p, 0, sizeof *p);
                p->unit = (int)u;
                p->status = wb_unit_status(wb, (int)u);
                for (size_t j = 0; j < fw->nlinks; j++) {
                        const struct fw_link *l = &fw->links[j];
                        if (l->unit != (int)u)
                                continue;
                        size_t k;
                        for (k = 0; k < p->ncaps; k++)
                                if (p->caps[k] == l->cap)
                                        break;
                        if (k == p->ncaps) {
                                p->caps = xrealloc(p->caps, (k + 1) * sizeof *p->caps);
                                p->caps_direct =
                                    xrealloc(p->caps_direct, (k + 1) * sizeof *p->caps_direct);
                                p->caps[k] = l->cap;
                                p->caps_direct[k] = l->direct;
                                p->ncaps++;
                        } else if (l->direct) {
                                p->caps_direct[k] = true;
                        }
                }
                for (size_t k = 0; k < p->ncaps; k++)
                        p->caps_direct[k] ? p->ncaps_direct++ : p->ncaps_indirect++;
                for (size_t g = 0; g < ngaps; g++) {
                        for (size_t h = 0; h < gaps[g].nunits; h++)
                                if (gaps[g].units[h].unit == (int)u)
                                        p->gaps_filled++;
                }
        }
        gaps_free(gaps, ngaps);
        return n;
}

void plan_free(struct plan_row *p, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(p[i].caps), free(p[i].caps_direct);
        free(p);
}

size_t entry_transfer(const struct workbook *wb, const struct entry *e, struct transfer **out)
{
        const struct framework *fw = &wb->fw;
        size_t n = 0;
        *out = NULL;
        for (unsigned i = 0; i < e->nrefs; i++) {
                struct ref ref_;
                ref_unpack(fw, e->refs[i], &ref_);
                const struct ref *r = &ref_;
                if (r->kind == REF_UNIT || r->kind == REF_ELEMENT || r->kind == REF_UNKNOWN)
                        continue;
                for (size_t j = 0; j < fw->nlinks; j++) {
                        const struct fw_link *l = &fw->links[j];
                        if (!link_to_matches(l, r))
                                continue;
                        size_t k;
                        for (k = 0; k < n; k++)
                                if ((*out)[k].unit == l->unit && (*out)[k].element == l->element)
                                        break;
                        if (k < n) {
                                (*out)[k].direct |= l->direct;
                                continue;
                        }
                        *out = xrealloc(*out, (n + 1) * sizeof **out);
                        struct transfer *t = &(*out)[n++];
                        t->unit = l->unit;
                        t->element = l->element;
                        t->direct = l->direct;
                        t->named = entry_counts_for_nos(wb, e, l->unit, l->element) == 1;
                }
        }
        return n;
}

static bool names_cap(const struct framework *fw, const struct entry *e, int cap)
{
        for (unsigned i = 0; i < e->nrefs; i++) {
                struct ref r;
                ref_unpack(fw, e->refs[i], &r);
                if ((r.kind == REF_CAPABILITY || r.kind == REF_THEME || r.kind == REF_INDICATOR) &&
                    r.cap == cap)
                        return true;
        }
        return false;
}

bool entry_names_nos(const struct entry *e, int unit, int element)
{
        struct ref want = {REF_UNIT, -1, -1, -1, unit, element};
        if (element >= 0)
                want.kind = REF_ELEMENT;
        uint32_t packed = ref_pack(&want); /* what it names is all a packed ref holds */
        for (unsigned i = 0; packed && i < e->nrefs; i++)
                if (e->refs[i] == packed)
                        return true;
        return false;
}

int link_kind(const struct framework *fw, int unit, int element, int cap, int theme)
{
        int kind = 0;
        for (size_t j = 0; j < fw->nlinks; j++) {
                const struct fw_link *l = &fw->links[j];
                bool from = element >= 0
                                ? (l->element == element || (l->element < 0 && l->unit == unit))
                                : l->unit == unit;
                bool to = theme >= 0 ? (l->theme == theme || (l->theme < 0 && l->cap == cap))
                                     : l->cap == cap;
                if (from && to)
                        kind = l->direct ? 1 : (kind ? kind : 2);
        }
        return kind;
}

/* Which capabilities the row reaches through a link from its element or its
 * unit (the unit's links hold for its elements, as in coverage): reach[cap]. */
static void row_reach(const struct framework *fw, int unit, int element, bool *reach)
{
        for (size_t j = 0; j < fw->nlinks; j++) {
                const struct fw_link *l = &fw->links[j];
                if (l->unit == unit && (l->element < 0 || l->element == element))
                        reach[l->cap] = true;
        }
}

void coverage_grid(const struct workbook *wb, int unit, struct grid *g)
{
        const struct framework *fw = &wb->fw;
        const struct fw_unit *u = &fw->units[unit];
        memset(g, 0, sizeof *g);
        g->unit = unit;
        g->nrows = 1 + u->nelements;
        g->ncols = fw->ncaps;
        g->cells = xcalloc(g->nrows * g->ncols + 1, sizeof *g->cells);
        g->row_entries = xcalloc(g->nrows + 1, sizeof *g->row_entries);
        bool *reach = xcalloc(g->ncols + 1, sizeof *reach);
        for (size_t r = 0; r < g->nrows; r++) {
                int el = r == 0 ? -1 : u->elements[r - 1];
                for (size_t j = 0; j < fw->nlinks; j++) {
                        const struct fw_link *l = &fw->links[j];
                        bool from = el < 0 ? (l->unit == unit && l->element < 0) : l->element == el;
                        if (!from)
                                continue;
                        struct grid_cell *c = &g->cells[r * g->ncols + (size_t)l->cap];
                        c->kind = l->direct ? 1 : (c->kind == 1 ? 1 : 2);
                }
                memset(reach, 0, g->ncols * sizeof *reach);
                row_reach(fw, unit, el, reach);
                for (size_t i = 0; i < wb->nentries; i++) {
                        const struct entry *e = &wb->entries[i];
                        if (!entry_names_nos(e, unit, el))
                                continue;
                        g->row_entries[r]++;
                        for (size_t cap = 0; cap < g->ncols; cap++) {
                                if (!reach[cap] && !names_cap(fw, e, (int)cap))
                                        continue;
                                struct grid_cell *c = &g->cells[r * g->ncols + cap];
                                if (e->status == ST_ACTUAL)
                                        c->actual++;
                                else if (e->status == ST_PLANNED)
                                        c->planned++;
                        }
                }
        }
        free(reach);
}

void grid_free(struct grid *g)
{
        free(g->cells), free(g->row_entries);
        memset(g, 0, sizeof *g);
}

/* Do two gaps name the same units that could fill them? */
static bool gap_same_hints(const struct gap *a, const struct gap *b)
{
        if (a->nunits != b->nunits)
                return false;
        for (size_t k = 0; k < a->nunits; k++)
                if (a->units[k].unit != b->units[k].unit ||
                    a->units[k].direct != b->units[k].direct)
                        return false;
        return true;
}

/* Whether a gap's units are said after it: a capability's always; a theme's
 * unless its capability's gap said the same, and only after the last of a run
 * of its capability's themes that could come from the same units (each then
 * says so). */
bool gap_hints_here(const struct gap *g, size_t n, size_t i, const struct gap *capgap, bool *each)
{
        *each = false;
        if (!g[i].nunits)
                return false;
        if (g[i].theme < 0)
                return true;
        if (capgap && capgap->cap == g[i].cap && gap_same_hints(capgap, &g[i]))
                return false;
        if (i + 1 < n && g[i + 1].theme >= 0 && g[i + 1].cap == g[i].cap &&
            gap_same_hints(&g[i + 1], &g[i]))
                return false;
        *each = i > 0 && g[i - 1].theme >= 0 && g[i - 1].cap == g[i].cap &&
                gap_same_hints(&g[i - 1], &g[i]);
        return true;
}
