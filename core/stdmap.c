/* stdmap.c — loading the 2004 standards map and matching its codes: every
 * related standard gets an identity from its printed code, read against the
 * category legend and the aliases for the map's own misprints. */
#include "core/stdmap.h"
#include "core/fileio.h"
#include "core/framework.h"
#include "core/sheet.h"
#include "core/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define GROW(arr, n) ((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)))

static char *cell(const struct sheet *sh, size_t row, const char *col)
{
        return xstrdup(sheet_get(sh, row, sheet_col(sh, col)));
}

/* dir/name into sh: false when it is missing (and reported, if required) or unusable. */
static bool open_sheet(struct sheet *sh, const char *dir, const char *name, bool required,
                       struct diag *d)
{
        char *p = path_join(dir, name);
        bool ok = false;
        memset(sh, 0, sizeof *sh);
        if (path_exists(p))
                ok = sheet_load(sh, p, d) == 0;
        else if (required)
                diag_add(d, DIAG_ERROR, p, 0, "missing sheet of the 2004 standards map");
        free(p);
        return ok;
}

static bool squeezed_out(char c)
{
        return c == ' ' || c == '\t' || c == ':' || c == '\r' || c == '\n';
}

/* Upper case without spaces and colons: what matching compares. */
static void squeeze(const char *s, size_t len, struct buf *out)
{
        for (size_t i = 0; i < len && s[i]; i++)
                if (!squeezed_out(s[i]))
                        buf_addc(out, (char)toupper((unsigned char)s[i]));
}

/* The legend category (or alias) that the squeezed key starts with, the
 * longest one: "HSCE1.1" is HSC, not H. Its length in *plen; -1 if none. */
static int category_prefix(const struct stdmap *m, const char *key, size_t *plen)
{
        int best = -1;
        size_t blen = 0;
        for (size_t i = 0; i < m->nprefixes; i++) {
                size_t n = strlen(m->prefixes[i]);
                if (n > blen && strncmp(key, m->prefixes[i], n) == 0) {
                        best = m->prefix_category[i];
                        blen = n;
                }
        }
        *plen = blen;
        return best;
}

/* The categories and aliases squeezed once, for category_prefix. */
static void prefixes_build(struct stdmap *m)
{
        size_t n = m->ncategories + m->naliases;
        m->prefixes = xcalloc(n + 1, sizeof *m->prefixes);
        m->prefix_category = xcalloc(n + 1, sizeof *m->prefix_category);
        for (size_t i = 0; i < n; i++) {
                const char *code = i < m->ncategories ? m->categories[i].code
                                                      : m->aliases[i - m->ncategories].printed;
                struct buf b = {0};
                squeeze(code, strlen(code), &b);
                m->prefixes[i] = buf_take(&b);
                m->prefix_category[i] =
                    i < m->ncategories ? (int)i : m->aliases[i - m->ncategories].category;
        }
        m->nprefixes = n;
}

void stdmap_key(const struct stdmap *m, const char *text, size_t len, struct buf *key,
                int *category)
{
        struct buf sq = {0};
        squeeze(text, len, &sq);
        size_t plen;
        int cat = category_prefix(m, buf_str(&sq), &plen);
        buf_reset(key);
        if (cat >= 0) {
                squeeze(m->categories[cat].code, strlen(m->categories[cat].code), key);
                buf_adds(key, buf_str(&sq) + plen);
        } else {
                buf_adds(key, buf_str(&sq));
        }
        if (category)
                *category = cat;
        buf_free(&sq);
}

/* The identity with this key, made when new; row added to it. */
static int identity_add(struct stdmap *m, const char *code, int category, const char *key, int row)
{
        int id = strmap_get(&m->keys, key);
        if (id < 0) {
                GROW(m->identities, m->nidentities);
                struct sm_identity *idn = &m->identities[m->nidentities];
                memset(idn, 0, sizeof *idn);
                idn->code = xstrdup(code);
                idn->category = category;
                id = (int)m->nidentities++;
                strmap_put(&m->keys, key, id);
        }
        struct sm_identity *idn = &m->identities[id];
        if (idn->nrows == 0 || idn->rows[idn->nrows - 1] != row) {
                GROW(idn->rows, idn->nrows);
                idn->rows[idn->nrows++] = row;
        }
        idn->kinds |= m->related[row].kind;
        return id;
}

/* A second key for an identity (an LQF quality without its cluster). */
static void identity_key(struct stdmap *m, int id, const char *text)
{
        struct buf key = {0};
        stdmap_key(m, text, strlen(text), &key, NULL);
        if (strmap_get(&m->keys, buf_str(&key)) < 0)
                strmap_put(&m->keys, buf_str(&key), id);
        buf_free(&key);
}

/* The own code NHS KSF and LQF rows carry in their title: "Dimension 2" of
 * "Dimension 2: Personal and …"; "Setting direction: Drive for results" of
 * "Setting direction: Drive for results – a strong …". Empty if none. */
static void own_from_title(const char *cat, const char *title, struct buf *own)
{
        if (strcmp(cat, "NHSKSF") == 0) {
                if (strncmp(title, "Dimension ", 10) == 0 && isdigit((unsigned char)title[10])) {
                        size_t n = 10;
                        while (isdigit((unsigned char)title[n]))
                                n++;
                        buf_add(own, title, n);
                }
        } else if (strcmp(cat, "NHSLQF") == 0) {
                const char *dash = strstr(title, " – ");
                const char *hyphen = strstr(title, " - ");
                if (!dash || (hyphen && hyphen < dash))
                        dash = hyphen;
                if (strchr(title, ':') && dash)
                        buf_add(own, title, (size_t)(dash - title));
        }
}

/* The printed code split where a second category starts ("RMRCC: 2 HSC: D1.4"):
 * a later word holding a colon whose first part is a legend category. */
static size_t split_groups(const struct stdmap *m, const char *code, const char **starts,
                           size_t *lens, size_t max)
{
        size_t n = 0;
        const char *p = code;
        const char *group = NULL;
        struct buf b = {0};
        while (*p) {
                while (*p == ' ' || *p == '\t')
                        p++;
                if (!*p)
                        break;
                const char *w = p;
                while (*p && *p != ' ' && *p != '\t')
                        p++;
                const char *colon = memchr(w, ':', (size_t)(p - w));
                bool starts_group = !group;
                if (group && colon) {
                        buf_reset(&b);
                        squeeze(w, (size_t)(colon - w), &b);
                        size_t plen;
                        starts_group =
                            b.len && category_prefix(m, buf_str(&b), &plen) >= 0 && plen == b.len;
                }
                if (starts_group && n < max) {
                        if (group)
                                lens[n - 1] = (size_t)(w - group);
                        group = starts[n] = w;
                        lens[n++] = 0;
                }
        }
        if (n)
                lens[n - 1] = strlen(group);
        buf_free(&b);
        return n;
}

/* The identities of related row r, from its printed code and title. */
static void related_identify(struct stdmap *m, int r)
{
        struct sm_related *rel = &m->related[r];
        const char *starts[4];
        size_t lens[4];
        size_t ng = split_groups(m, rel->code, starts, lens, 4);
        bool qualified = false; /* a category printed alone before another ("RMA HSC: L4U9") */
        struct buf key = {0}, own = {0}, code = {0};
        for (size_t g = 0; g < ng; g++) {
                int cat;
                stdmap_key(m, starts[g], lens[g], &key, &cat);
                buf_reset(&own);
                buf_reset(&code);
                if (cat >= 0) {
                        struct buf catsq = {0};
                        squeeze(m->categories[cat].code, strlen(m->categories[cat].code), &catsq);
                        buf_adds(&own, buf_str(&key) + catsq.len);
                        buf_free(&catsq);
                        if (!own.len)
                                own_from_title(m->categories[cat].code, rel->title, &own);
                        if (!own.len) {
                                qualified = ng > 1;
                                continue;
                        }
                        buf_printf(&code, "%s %s", m->categories[cat].code, buf_str(&own));
                } else {
                        buf_adds(&code, buf_str(&key));
                }
                stdmap_key(m, code.s, code.len, &key, NULL);
                int id = identity_add(m, code.s, cat, buf_str(&key), r);
                if (rel->nidentity < 2)
                        rel->identity[rel->nidentity++] = id;
                if (cat >= 0 && strcmp(m->categories[cat].code, "NHSLQF") == 0) {
                        const char *colon = strchr(own.s, ':');
                        if (colon) {
                                buf_reset(&code);
                                buf_printf(&code, "NHSLQF %s", colon + 1);
                                identity_key(m, id, code.s);
                        }
                }
        }
        /* the whole printed code names it too */
        if (qualified && rel->nidentity)
                identity_key(m, rel->identity[0], rel->code);
        buf_free(&key), buf_free(&own), buf_free(&code);
}

static void load_categories(struct stdmap *m, const char *dir, struct diag *d)
{
        struct sheet sh;
        if (open_sheet(&sh, dir, "categories.csv", true, d))
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad || !*sheet_get(&sh, i, sheet_col(&sh, "code")))
                                continue;
                        GROW(m->categories, m->ncategories);
                        struct sm_category *c = &m->categories[m->ncategories++];
                        c->code = cell(&sh, i, "code");
                        c->name = cell(&sh, i, "name");
                        c->list = cell(&sh, i, "list");
                        c->note = cell(&sh, i, "note");
                }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "aliases.csv", false, d))
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        const char *to = sheet_get(&sh, i, sheet_col(&sh, "category"));
                        int cat = -1;
                        for (size_t k = 0; k < m->ncategories && cat < 0; k++)
                                if (str_ieq(m->categories[k].code, to))
                                        cat = (int)k;
                        if (cat < 0) {
                                diag_add(d, DIAG_WARN, sh.path, sh.rows[i].line,
                                         "alias of %s, which is not in the legend", text_safe(to));
                                continue;
                        }
                        GROW(m->aliases, m->naliases);
                        struct sm_alias *a = &m->aliases[m->naliases++];
                        a->printed = cell(&sh, i, "printed");
                        a->note = cell(&sh, i, "note");
                        a->category = cat;
                }
        sheet_free(&sh);
}

static void load_standards(struct stdmap *m, const char *dir, struct diag *d)
{
        struct sheet sh;
        if (open_sheet(&sh, dir, "areas.csv", true, d))
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad || !*sheet_get(&sh, i, sheet_col(&sh, "code")))
                                continue;
                        GROW(m->areas, m->nareas);
                        struct sm_area *a = &m->areas[m->nareas++];
                        a->code = cell(&sh, i, "code");
                        a->title = cell(&sh, i, "title");
                        a->first = a->n = 0;
                }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "standards.csv", true, d))
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad || !*sheet_get(&sh, i, sheet_col(&sh, "code")))
                                continue;
                        const char *ac = sheet_get(&sh, i, sheet_col(&sh, "area"));
                        int area = stdmap_area(m, ac);
                        if (area < 0) {
                                diag_add(d, DIAG_ERROR, sh.path, sh.rows[i].line,
                                         "standard of unknown functional area %s", text_safe(ac));
                                continue;
                        }
                        struct sm_area *a = &m->areas[area];
                        if (a->n && a->first + a->n != m->nstandards) {
                                diag_add(d, DIAG_ERROR, sh.path, sh.rows[i].line,
                                         "the standards of area %s are not together; row skipped",
                                         text_safe(ac));
                                continue;
                        }
                        GROW(m->standards, m->nstandards);
                        struct sm_standard *s = &m->standards[m->nstandards];
                        s->code = cell(&sh, i, "code");
                        s->title = cell(&sh, i, "title");
                        s->description = cell(&sh, i, "description");
                        s->area = area;
                        s->first = s->n = 0;
                        if (!a->n)
                                a->first = m->nstandards;
                        a->n++;
                        struct buf key = {0};
                        squeeze(s->code, strlen(s->code), &key);
                        strmap_put(&m->generic, buf_str(&key), (int)m->nstandards++);
                        buf_free(&key);
                }
        sheet_free(&sh);
}

static void load_related(struct stdmap *m, const char *dir, struct diag *d)
{
        struct sheet sh;
        if (open_sheet(&sh, dir, "related.csv", true, d))
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        const char *sc = sheet_get(&sh, i, sheet_col(&sh, "standard"));
                        const char *kind = sheet_get(&sh, i, sheet_col(&sh, "kind"));
                        int st = stdmap_standard(m, sc);
                        bool spec = str_ieq(kind, "specialist");
                        if (st < 0 || (!spec && !str_ieq(kind, "partnership"))) {
                                diag_add(d, DIAG_ERROR, sh.path, sh.rows[i].line,
                                         st < 0 ? "listed against unknown standard %s"
                                                : "kind \"%s\" is neither specialist nor "
                                                  "partnership",
                                         text_safe(st < 0 ? sc : kind));
                                continue;
                        }
                        struct sm_standard *s = &m->standards[st];
                        if (s->n && s->first + s->n != m->nrelated) {
                                diag_add(d, DIAG_ERROR, sh.path, sh.rows[i].line,
                                         "the rows of standard %s are not together; row skipped",
                                         text_safe(sc));
                                continue;
                        }
                        GROW(m->related, m->nrelated);
                        struct sm_related *r = &m->related[m->nrelated];
                        memset(r, 0, sizeof *r);
                        r->standard = st;
                        r->kind = spec ? SM_SPECIALIST : SM_PARTNERSHIP;
                        r->code = cell(&sh, i, "code");
                        r->title = cell(&sh, i, "title");
                        r->line = sh.rows[i].line;
                        if (!s->n)
                                s->first = m->nrelated;
                        s->n++;
                        related_identify(m, (int)m->nrelated++);
                }
        sheet_free(&sh);
}

static void load_lists(struct stdmap *m, const char *dir, struct diag *d)
{
        struct sheet sh;
        if (open_sheet(&sh, dir, "earlier.csv", false, d))
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad || !*sheet_get(&sh, i, sheet_col(&sh, "number")))
                                continue;
                        GROW(m->earlier, m->nearlier);
                        struct sm_earlier *e = &m->earlier[m->nearlier];
                        e->number = cell(&sh, i, "number");
                        e->title = cell(&sh, i, "title");
                        e->description = cell(&sh, i, "description");
                        e->cited_for = cell(&sh, i, "cited_for");
                        e->note = cell(&sh, i, "note");
                        strmap_put(&m->numbered, e->number, (int)m->nearlier++);
                }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "cpd_kinds.csv", false, d))
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad || !*sheet_get(&sh, i, sheet_col(&sh, "code")))
                                continue;
                        GROW(m->cpd_kinds, m->ncpd_kinds);
                        struct sm_cpd_kind *k = &m->cpd_kinds[m->ncpd_kinds++];
                        k->code = cell(&sh, i, "code");
                        k->name = cell(&sh, i, "name");
                        k->source = cell(&sh, i, "source");
                }
        sheet_free(&sh);
}

int stdmap_load(struct stdmap *m, const char *workbook_dir, bool quiet_missing, struct diag *d)
{
        memset(m, 0, sizeof *m);
        char *dir = framework_find(workbook_dir, STDMAP_ID);
        if (!dir) {
                if (!quiet_missing)
                        diag_add(d, DIAG_ERROR, NULL, 0,
                                 "the 2004 standards map (%s) was not found (capbook frameworks "
                                 "lists the frameworks found)",
                                 STDMAP_ID);
                return -1;
        }
        m->dir = dir;
        size_t before = diag_count(d, DIAG_ERROR);
        load_categories(m, dir, d);
        prefixes_build(m);
        load_standards(m, dir, d);
        load_related(m, dir, d);
        load_lists(m, dir, d);
        return diag_count(d, DIAG_ERROR) > before ? -1 : 0;
}

void stdmap_free(struct stdmap *m)
{
        for (size_t i = 0; i < m->nareas; i++)
                free(m->areas[i].code), free(m->areas[i].title);
        for (size_t i = 0; i < m->nstandards; i++) {
                struct sm_standard *s = &m->standards[i];
                free(s->code), free(s->title), free(s->description);
        }
        for (size_t i = 0; i < m->nrelated; i++)
                free(m->related[i].code), free(m->related[i].title);
        for (size_t i = 0; i < m->nidentities; i++)
                free(m->identities[i].code), free(m->identities[i].rows);
        for (size_t i = 0; i < m->ncategories; i++) {
                struct sm_category *c = &m->categories[i];
                free(c->code), free(c->name), free(c->list), free(c->note);
        }
        for (size_t i = 0; i < m->naliases; i++)
                free(m->aliases[i].printed), free(m->aliases[i].note);
        for (size_t i = 0; i < m->nearlier; i++) {
                struct sm_earlier *e = &m->earlier[i];
                free(e->number), free(e->title), free(e->description), free(e->cited_for);
                free(e->note);
        }
        for (size_t i = 0; i < m->ncpd_kinds; i++) {
                struct sm_cpd_kind *k = &m->cpd_kinds[i];
                free(k->code), free(k->name), free(k->source);
        }
        free(m->areas), free(m->standards), free(m->related), free(m->identities);
        free(m->categories), free(m->aliases), free(m->earlier), free(m->cpd_kinds);
        for (size_t i = 0; i < m->nprefixes; i++)
                free(m->prefixes[i]);
        free(m->prefixes), free(m->prefix_category);
        strmap_free(&m->keys);
        strmap_free(&m->generic);
        strmap_free(&m->numbered);
        free(m->dir);
        memset(m, 0, sizeof *m);
}

int stdmap_area(const struct stdmap *m, const char *code)
{
        for (size_t i = 0; i < m->nareas; i++)
                if (str_ieq(m->areas[i].code, code))
                        return (int)i;
        return -1;
}

int stdmap_standard(const struct stdmap *m, const char *code)
{
        struct buf key = {0};
        squeeze(code, strlen(code), &key);
        const char *k = buf_str(&key);
        /* the Management Standards Centre's own prefix, as lmcs2008 cites "MSC D6" */
        if (strncmp(k, "MSC", 3) == 0 && strmap_get(&m->generic, k + 3) >= 0)
                k += 3;
        int v = strmap_get(&m->generic, k);
        buf_free(&key);
        return v;
}

int stdmap_identity(const struct stdmap *m, const char *code)
{
        struct buf key = {0};
        stdmap_key(m, code, strlen(code), &key, NULL);
        int v = key.len ? strmap_get(&m->keys, buf_str(&key)) : -1;
        buf_free(&key);
        return v;
}

int stdmap_earlier(const struct stdmap *m, const char *number)
{
        struct buf key = {0};
        squeeze(number, strlen(number), &key);
        int v = key.len ? strmap_get(&m->numbered, buf_str(&key)) : -1;
        buf_free(&key);
        return v;
}

int stdmap_category(const struct stdmap *m, const char *code)
{
        struct buf sq = {0};
        squeeze(code, strlen(code), &sq);
        size_t plen;
        int cat = sq.len ? category_prefix(m, buf_str(&sq), &plen) : -1;
        if (cat >= 0 && plen != sq.len)
                cat = -1;
        buf_free(&sq);
        return cat;
}

int stdmap_cpd_kind(const struct stdmap *m, const char *text)
{
        for (size_t i = 0; i < m->ncpd_kinds; i++)
                if (str_ieq(m->cpd_kinds[i].code, text) || str_ieq(m->cpd_kinds[i].name, text))
                        return (int)i;
        return -1;
}

bool stdmap_lookup(const struct stdmap *m, const char *code, struct sm_hit *out)
{
        int i;
        if ((i = stdmap_area(m, code)) >= 0)
                *out = (struct sm_hit){SM_HIT_AREA, i};
        else if ((i = stdmap_standard(m, code)) >= 0)
                *out = (struct sm_hit){SM_HIT_STANDARD, i};
        else if ((i = stdmap_identity(m, code)) >= 0)
                *out = (struct sm_hit){SM_HIT_IDENTITY, i};
        else if ((i = stdmap_earlier(m, code)) >= 0)
                *out = (struct sm_hit){SM_HIT_EARLIER, i};
        else if ((i = stdmap_category(m, code)) >= 0)
                *out = (struct sm_hit){SM_HIT_CATEGORY, i};
        else
                return false;
        return true;
}

/* True if every word of the query is in one of the texts (any case). */
static bool words_in(const struct strlist *words, const char *const *texts, size_t n)
{
        for (size_t w = 0; w < words->n; w++) {
                bool found = false;
                for (size_t t = 0; t < n && !found; t++)
                        found = texts[t] && strcasestr(texts[t], words->v[w]);
                if (!found)
                        return false;
        }
        return true;
}

static void hit_push(struct sm_hit **hits, size_t *n, enum sm_hit_kind kind, size_t index)
{
        *hits = xrealloc(*hits, (*n + 1) * sizeof **hits);
        (*hits)[(*n)++] = (struct sm_hit){kind, (int)index};
}

size_t stdmap_search(const struct stdmap *m, const char *query, struct sm_hit **hits)
{
        struct strlist words = {0};
        char *q = xstrdup(query);
        for (char *p = q; *p; p++)
                if (*p == ' ' || *p == '\t')
                        *p = ';';
        strlist_split(&words, q);
        free(q);
        size_t n = 0;
        *hits = NULL;
        if (!words.n)
                return 0;
        for (size_t i = 0; i < m->nstandards; i++) {
                const struct sm_standard *s = &m->standards[i];
                const char *t[] = {s->code, s->title, s->description};
                if (words_in(&words, t, 3))
                        hit_push(hits, &n, SM_HIT_STANDARD, i);
                for (size_t k = s->first; k < s->first + s->n; k++) {
                        const struct sm_related *r = &m->related[k];
                        const struct sm_identity *idn =
                            r->nidentity ? &m->identities[r->identity[0]] : NULL;
                        const char *rt[] = {
                            r->code, r->title, idn ? idn->code : NULL,
                            r->nidentity > 1 ? m->identities[r->identity[1]].code : NULL,
                            idn && idn->category >= 0 ? m->categories[idn->category].name : NULL};
                        if (words_in(&words, rt, 5))
                                hit_push(hits, &n, SM_HIT_RELATED, k);
                }
        }
        for (size_t i = 0; i < m->nearlier; i++) {
                const struct sm_earlier *e = &m->earlier[i];
                const char *t[] = {e->number, e->title, e->description};
                if (words_in(&words, t, 3))
                        hit_push(hits, &n, SM_HIT_EARLIER, i);
        }
        strlist_free(&words);
        return n;
}
