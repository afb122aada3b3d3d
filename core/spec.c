/* spec.c — the person management specification: its rows resolved to
 * competences, "as above" read as the whole specification, revisions dated by
 * row, the review schedule, and the mix of competences against the 2004
 * guidance for the manager's level. */
#include "core/spec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The guidance: Topss England 2004, product 3 (the map) and product 2 (the
 * whole systems model, 5.3 Selecting competences). */
const struct mgr_level_info mgr_levels[LEVEL_UNKNOWN] = {
    [LEVEL_FIRST_LINE] = {"first line", "first line manager",
                          "First line managers and supervisors are likely to have a relatively "
                          "greater number of specialist competences within their profiles; first "
                          "line and some middle managers may need more specialist and partnership "
                          "standards."},
    [LEVEL_MIDDLE] = {"middle", "middle manager",
                      "It is likely that first line and some middle managers may need more "
                      "specialist and partnership standards, while some middle managers and "
                      "senior managers may need more generic standards. This will depend on the "
                      "job role and the size of the organisation."},
    [LEVEL_SENIOR] = {"senior", "senior manager",
                      "Senior managers will have a larger number of generic competences; some "
                      "middle managers and senior managers may need more generic standards."},
};

static const char all_managers[] =
    "All managers will require competences in working in partnership.";

enum mgr_level mgr_level_parse(const char *s)
{
        char norm[32];
        size_t n = 0;
        for (; *s && n + 1 < sizeof norm; s++)
                norm[n++] = *s == '-' || *s == '_' ? ' ' : (char)tolower((unsigned char)*s);
        norm[n] = '\0';
        char *t = str_trim(norm);
        if (!*t)
                return LEVEL_NONE;
        for (int i = LEVEL_FIRST_LINE; i <= LEVEL_SENIOR; i++)
                if (strcmp(t, mgr_levels[i].code) == 0 || strcmp(t, mgr_levels[i].name) == 0)
                        return (enum mgr_level)i;
        return LEVEL_UNKNOWN;
}

static bool is_as_above(const char *v)
{
        char *t = xstrdup(v);
        bool yes = str_ieq(str_trim(t), SPEC_AS_ABOVE);
        free(t);
        return yes;
}

const char *spec_cell(const struct workbook *wb, size_t row, const char *col, bool *inherited)
{
        const char *v = wb_get(wb, WB_SPEC, row, col);
        bool above = is_as_above(v);
        if (inherited)
                *inherited = above;
        if (!above)
                return v;
        long whole = wb_find(wb, WB_SPEC, SPEC_WHOLE);
        return whole >= 0 ? wb_get(wb, WB_SPEC, (size_t)whole, col) : "";
}

bool spec_link_resolve(const struct workbook *wb, const char *text, struct spec_link *out)
{
        memset(out, 0, sizeof *out);
        out->row = *text ? wb_find(wb, WB_SPEC, text) : -1;
        bool found = competence_resolve(&wb->map, &wb->fw, out->row >= 0 ? "" : text, &out->comp);
        return out->row >= 0 || (*text && found);
}

/* What makes two references the same competence in the mix. */
static void mix_key(const struct competence *c, struct buf *key)
{
        buf_reset(key);
        buf_printf(key, "%d|", (int)c->kind);
        for (const char *p = c->code; *p; p++)
                if (*p != ' ' && *p != ':')
                        buf_addc(key, (char)toupper((unsigned char)*p));
}

static void review_dates(const struct workbook *wb, const char *today, struct spec *s)
{
        const struct sheet *sh = &wb->sheets[WB_SPEC];
        const char *last = "";
        if (s->whole >= 0 && date_valid(wb_get(wb, WB_SPEC, (size_t)s->whole, "revised")))
                last = wb_get(wb, WB_SPEC, (size_t)s->whole, "revised");
        /* before a review is recorded: the specification was agreed when last revised */
        if (!*last)
                for (size_t i = 0; i < sh->nrows; i++) {
                        const char *r = sh->rows[i].bad || wb_row_deleted(wb, WB_SPEC, i)
                                            ? ""
                                            : wb_get(wb, WB_SPEC, i, "revised");
                        if (date_valid(r) && strcmp(r, last) > 0)
                                last = r;
                }
        snprintf(s->last_review, sizeof s->last_review, "%s", last);
        s->next_review[0] = '\0';
        if (*last) {
                date_add_months(last, (int)wb->review_months, s->next_review);
                s->review_due = strcmp(s->next_review, today) <= 0;
        }
}

void spec_build(const struct workbook *wb, const char *today, struct spec *out)
{
        memset(out, 0, sizeof *out);
        out->whole = -1;
        const struct sheet *sh = &wb->sheets[WB_SPEC];
        struct strmap seen = {0};
        struct buf key = {0};
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_SPEC, i))
                        continue;
                if (strcmp(wb_get(wb, WB_SPEC, i, "id"), SPEC_WHOLE) == 0) {
                        out->whole = (long)i;
                        continue;
                }
                out->reqs = xrealloc(out->reqs, (out->nreqs + 1) * sizeof *out->reqs);
                struct spec_req *r = &out->reqs[out->nreqs++];
                memset(r, 0, sizeof *r);
                r->row = i;
                struct strlist l = {0};
                strlist_split(&l, wb_get(wb, WB_SPEC, i, "competences"));
                r->comps = l.n ? xcalloc(l.n, sizeof *r->comps) : NULL;
                for (size_t k = 0; k < l.n; k++) {
                        struct competence *c = &r->comps[r->ncomps++];
                        competence_resolve(&wb->map, &wb->fw, l.v[k], c);
                        mix_key(c, &key);
                        if (strmap_get(&seen, buf_str(&key)) >= 0)
                                continue;
                        strmap_put(&seen, buf_str(&key), 1);
                        out->mix.total++;
                        unsigned bits = competence_mix(c);
                        for (int m = 0; m < MIX_N; m++)
                                if (bits & 1u << m)
                                        out->mix.n[m]++;
                }
                strlist_free(&l);
        }
        strmap_free(&seen);
        buf_free(&key);
        review_dates(wb, today, out);
}

void spec_free(struct spec *s)
{
        for (size_t i = 0; i < s->nreqs; i++)
                free(s->reqs[i].comps);
        free(s->reqs);
        memset(s, 0, sizeof *s);
}

/* The references of a `;` list outside the map, noted (never refused). */
static void note_outside(const struct workbook *wb, const char *list, struct diag *d)
{
        struct strlist l = {0};
        strlist_split(&l, list);
        for (size_t i = 0; i < l.n; i++) {
                struct competence c;
                if (!competence_resolve(&wb->map, &wb->fw, l.v[i], &c))
                        diag_add(d, DIAG_NOTE, NULL, 0,
                                 "competence %s is outside the map (kept as written)",
                                 text_safe(l.v[i]));
                else if (c.ambiguous)
                        diag_add(d, DIAG_NOTE, NULL, 0,
                                 "%s is taken as the unit %s of the workbook's standards; the "
                                 "2004 generic standard is written MSC %s",
                                 text_safe(l.v[i]), c.code, c.code);
        }
        strlist_free(&l);
}

static void joined(const char *list, struct buf *out)
{
        struct strlist l = {0};
        strlist_split(&l, list);
        strlist_join(&l, out);
        strlist_free(&l);
}

char *spec_add(struct workbook *wb, const struct spec_new *n, struct diag *d)
{
        workbook_map(wb, d);
        if (!n->requirement || !*n->requirement) {
                diag_add(d, DIAG_ERROR, NULL, 0, "a requirement needs its words");
                return NULL;
        }
        if (!wb->sheets[WB_SPEC].loaded) {
                diag_add(d, DIAG_ERROR, wb->sheets[WB_SPEC].path, 0,
                         "cannot add: the sheet could not be read");
                return NULL;
        }
        note_outside(wb, n->competences, d);
        struct buf comps = {0};
        joined(n->competences, &comps);
        char today[11];
        date_today(today);
        char *id = wb_new_id(wb, WB_SPEC);
        const char *cells[][2] = {{"requirement", n->requirement},
                                  {"competences", buf_str(&comps)},
                                  {"learning", n->learning},
                                  {"training", n->training},
                                  {"revised", today}};
        wb_set_row(wb, WB_SPEC, id, cells, 5);
        buf_free(&comps);
        if (wb_find(wb, WB_SPEC, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "the requirement could not be recorded");
                free(id);
                return NULL;
        }
        return id;
}

int spec_set(struct workbook *wb, const char *id, const char *col, const char *value,
             struct diag *d)
{
        if (strcmp(col, "id") == 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "a row's id never changes");
                return -1;
        }
        if (strcmp(id, SPEC_WHOLE) != 0 && wb_find(wb, WB_SPEC, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no requirement %s", text_safe(id));
                return -1;
        }
        struct buf v = {0};
        workbook_map(wb, d);
        if (strcmp(col, "competences") == 0) {
                note_outside(wb, value, d);
                joined(value, &v);
        } else {
                buf_adds(&v, value);
        }
        char today[11];
        date_today(today);
        wb_begin(wb);
        int rc = wb_set(wb, WB_SPEC, id, col, buf_str(&v));
        if (rc == 0 && strcmp(col, "revised") != 0)
                rc = wb_set(wb, WB_SPEC, id, "revised", today);
        wb_end(wb);
        buf_free(&v);
        return rc;
}

int spec_edit(struct workbook *wb, const char *id, const struct spec_new *n, struct diag *d)
{
        bool whole = strcmp(id, SPEC_WHOLE) == 0;
        if (!whole && wb_find(wb, WB_SPEC, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no requirement %s", text_safe(id));
                return -1;
        }
        if (!whole && (!n->requirement || !*n->requirement)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "a requirement needs its words");
                return -1;
        }
        if (!wb->sheets[WB_SPEC].loaded) {
                diag_add(d, DIAG_ERROR, wb->sheets[WB_SPEC].path, 0,
                         "cannot change: the sheet could not be read");
                return -1;
        }
        workbook_map(wb, d);
        struct buf comps = {0};
        if (n->competences) {
                note_outside(wb, n->competences, d);
                joined(n->competences, &comps);
        }
        const char *cols[] = {"requirement", "competences", "learning", "training"};
        const char *vals[] = {n->requirement, n->competences ? buf_str(&comps) : NULL, n->learning,
                              n->training};
        long row = wb_find(wb, WB_SPEC, id);
        bool changed = false;
        wb_begin(wb);
        for (int i = 0; i < 4; i++) {
                if (!vals[i] ||
                    (row >= 0 && strcmp(wb_get(wb, WB_SPEC, (size_t)row, cols[i]), vals[i]) == 0))
                        continue;
                wb_set(wb, WB_SPEC, id, cols[i], vals[i]);
                row = wb_find(wb, WB_SPEC, id);
                changed = true;
        }
        if (changed) {
                char today[11];
                date_today(today);
                wb_set(wb, WB_SPEC, id, "revised", today);
        }
        wb_end(wb);
        buf_free(&comps);
        return 0;
}

int spec_review(struct workbook *wb, const char *date, struct diag *d)
{
        char today[11];
        date_today(today);
        date = date && *date ? date : today;
        if (!date_valid(date)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "date \"%s\" is not YYYY-MM-DD", text_safe(date));
                return -1;
        }
        return wb_set(wb, WB_SPEC, SPEC_WHOLE, "revised", date);
}

size_t spec_row_users(const struct workbook *wb, const char *id, struct buf *why)
{
        size_t n = 0;
        const struct sheet *ps = &wb->sheets[WB_PDP], *cs = &wb->sheets[WB_CPD];
        for (size_t i = 0; i < ps->nrows; i++)
                if (!ps->rows[i].bad && !wb_row_deleted(wb, WB_PDP, i) &&
                    strcmp(wb_get(wb, WB_PDP, i, "link"), id) == 0)
                        buf_printf(why, "%s%s is tied to it", n++ ? "; " : "",
                                   wb_get(wb, WB_PDP, i, "id"));
        for (size_t i = 0; i < cs->nrows; i++) {
                if (cs->rows[i].bad || wb_row_deleted(wb, WB_CPD, i))
                        continue;
                struct strlist l = {0};
                strlist_split(&l, wb_get(wb, WB_CPD, i, "refs"));
                if (strlist_has(&l, id))
                        buf_printf(why, "%s%s refers to it", n++ ? "; " : "",
                                   wb_get(wb, WB_CPD, i, "id"));
                strlist_free(&l);
        }
        return n;
}

static int cmp_revision(const void *a, const void *b)
{
        return -strcmp(((const struct spec_revision *)a)->date,
                       ((const struct spec_revision *)b)->date);
}

size_t spec_revisions(const struct workbook *wb, struct spec_revision **out)
{
        const struct sheet *sh = &wb->sheets[WB_SPEC];
        struct spec_revision *v = NULL;
        size_t n = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                const char *date = sh->rows[i].bad ? "" : wb_get(wb, WB_SPEC, i, "revised");
                if (!date_valid(date))
                        continue;
                size_t k = 0;
                while (k < n && strcmp(v[k].date, date) != 0)
                        k++;
                if (k == n) {
                        v = xrealloc(v, (n + 1) * sizeof *v);
                        memset(&v[n], 0, sizeof v[n]);
                        memcpy(v[n].date, date, sizeof v[n].date);
                        n++;
                }
                if (wb_row_deleted(wb, WB_SPEC, i)) {
                        char *gone = xmalloc(strlen(wb_get(wb, WB_SPEC, i, "id")) + 16);
                        sprintf(gone, "%s (deleted)", wb_get(wb, WB_SPEC, i, "id"));
                        strlist_push(&v[k].ids, gone);
                        free(gone);
                } else {
                        strlist_push(&v[k].ids, wb_get(wb, WB_SPEC, i, "id"));
                }
        }
        if (n)
                qsort(v, n, sizeof *v, cmp_revision);
        *out = v;
        return n;
}

void spec_revisions_free(struct spec_revision *r, size_t n)
{
        for (size_t i = 0; i < n; i++)
                strlist_free(&r[i].ids);
        free(r);
}

bool spec_mix_note(enum mgr_level level, const struct comp_mix *mix, struct buf *out)
{
        unsigned g = mix->n[MIX_GENERIC], s = mix->n[MIX_SPECIALIST], p = mix->n[MIX_PARTNERSHIP];
        bool fits = true;
        if (level > LEVEL_NONE && level < LEVEL_UNKNOWN) {
                buf_printf(out, "For a %s: %s", mgr_levels[level].name, mgr_levels[level].guidance);
                if (level == LEVEL_FIRST_LINE) {
                        fits = s + p > g;
                        buf_printf(out,
                                   " This profile has %s specialist and partnership "
                                   "competences (%u) than generic ones (%u).",
                                   fits ? "more" : "no more", s + p, g);
                } else if (level == LEVEL_SENIOR) {
                        fits = g > s;
                        buf_printf(out,
                                   " This profile has %s generic competences (%u) than "
                                   "specialist ones (%u).",
                                   fits ? "more" : "no more", g, s);
                }
        } else {
                fits = false;
                buf_adds(out, "No level is set: [candidate] level in workbook.ini is first line, "
                              "middle or senior.");
        }
        buf_printf(out, " %s", all_managers);
        if (!p) {
                fits = false;
                buf_adds(out, " This profile has none.");
        }
        return fits;
}

void spec_check(const struct workbook *wb, struct diag *d)
{
        const struct sheet *sh = &wb->sheets[WB_SPEC];
        long whole = wb_find(wb, WB_SPEC, SPEC_WHOLE);
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_SPEC, i))
                        continue;
                unsigned line = sh->rows[i].line;
                bool is_whole = (long)i == whole;
                const char *rev = wb_get(wb, WB_SPEC, i, "revised");
                if (*rev && !date_valid(rev))
                        diag_add(d, DIAG_WARN, sh->path, line,
                                 "revised \"%s\" is not a date (YYYY-MM-DD)", text_safe(rev));
                if (!is_whole && !*wb_get(wb, WB_SPEC, i, "requirement"))
                        diag_add(d, DIAG_WARN, sh->path, line, "a requirement with no words");
                /* codes outside the map are not problems (the map is incomplete and a
                 * specification may cite what it lacks): they are shown as such with the
                 * specification, and noted when added */
                static const char *const inherit[] = {"learning", "training"};
                for (int k = 0; k < 2; k++) {
                        const char *v = wb_get(wb, WB_SPEC, i, inherit[k]);
                        if (!is_as_above(v))
                                continue;
                        if (is_whole)
                                diag_add(d, DIAG_WARN, sh->path, line,
                                         "%s is \"%s\" on the whole specification itself",
                                         inherit[k], text_safe(v));
                        else if (!*spec_cell(wb, i, inherit[k], NULL))
                                diag_add(d, DIAG_WARN, sh->path, line,
                                         "%s is \"%s\", but the whole specification (row %s) "
                                         "gives none",
                                         inherit[k], text_safe(v), SPEC_WHOLE);
                }
        }
}
