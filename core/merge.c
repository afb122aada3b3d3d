/* merge.c — the three-way merge of a sheet by its key (see merge.h), history.csv's
 * union, and git's merge driver around both. Rows are matched by identity: their
 * key, or for a row with no key of its own its bytes as a whole. */
#include "core/merge.h"
#include "core/digest.h"
#include "core/fileio.h"
#include "core/history.h"
#include "core/site.h"
#include "core/strmap.h"
#include "core/user.h"
#include "core/workbook.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* A whole row's identity starts with this byte (no key starts with a control byte). */
#define WHOLE '\x01'

/* One side of a merge: each row's identity, and the rows by identity. */
struct side {
        const struct sheet *sh;
        size_t n; /* rows when indexed */
        int kc;
        char **ident;
        struct strmap rows;
};

/* WHOLE and the digest of the row's bytes (its line end left out). */
static void whole_ident(const struct sheet *sh, size_t i, struct buf *out)
{
        struct buf b = {0};
        sheet_row_bytes(sh, &sh->rows[i], &b);
        size_t n = b.len;
        while (n && (b.s[n - 1] == '\n' || b.s[n - 1] == '\r'))
                n--;
        char hex[DIGEST_HEX];
        digest_sha256_hex(n ? b.s : "", n, hex);
        buf_free(&b);
        buf_reset(out);
        buf_addc(out, WHOLE);
        buf_adds(out, hex);
}

static void side_index(struct side *sd, const struct sheet *sh, const char *key)
{
        memset(sd, 0, sizeof *sd);
        sd->sh = sh;
        sd->n = sh->nrows;
        sd->kc = sheet_col(sh, key);
        sd->ident = xcalloc(sh->nrows + 1, sizeof *sd->ident);
        strmap_reserve(&sd->rows, sh->nrows);
        struct buf b = {0};
        for (size_t i = 0; i < sh->nrows; i++) {
                const char *k = sd->kc >= 0 ? sheet_get(sh, i, sd->kc) : "";
                if (*k && *k != WHOLE && strmap_add(&sd->rows, k, (int)i) < 0) {
                        sd->ident[i] = xstrdup(k);
                        continue;
                }
                /* no key, a key seen before, or no cells: the row as a whole (the
                 * same bytes twice in one sheet are told apart by their count) */
                whole_ident(sh, i, &b);
                size_t len = b.len;
                for (unsigned dup = 2; strmap_add(&sd->rows, buf_str(&b), (int)i) >= 0; dup++) {
                        b.len = len;
                        buf_printf(&b, "#%u", dup);
                }
                sd->ident[i] = xstrdup(buf_str(&b));
        }
        buf_free(&b);
}

static void side_free(struct side *sd)
{
        for (size_t i = 0; i < sd->n; i++)
                free(sd->ident[i]);
        free(sd->ident);
        strmap_free(&sd->rows);
}

static long side_row(const struct side *sd, const char *ident)
{
        return strmap_get(&sd->rows, ident);
}

/* The columns of all three sides (the key apart), with each side's index. */
struct columns {
        char **name;
        int *at[3]; /* base, into, other; -1 where a side has none */
        size_t n;
};

enum { BASE, INTO, OTHER };

static void columns_add(struct columns *c, const struct sheet *sh, const char *key)
{
        for (unsigned i = 0; i < sh->ncols; i++) {
                const char *name = sh->cols[i];
                bool have = !*name || strcmp(name, key) == 0;
                for (size_t k = 0; k < c->n && !have; k++)
                        have = strcmp(c->name[k], name) == 0;
                if (have)
                        continue;
                c->name = xrealloc(c->name, (c->n + 1) * sizeof *c->name);
                c->name[c->n++] = xstrdup(name);
        }
}

static void columns_build(struct columns *c, const struct sheet *const sh[3], const char *key)
{
        memset(c, 0, sizeof *c);
        for (int s = 0; s < 3; s++)
                columns_add(c, sh[s], key);
        for (int s = 0; s < 3; s++) {
                c->at[s] = xcalloc(c->n + 1, sizeof *c->at[s]);
                for (size_t k = 0; k < c->n; k++)
                        c->at[s][k] = sheet_col(sh[s], c->name[k]);
        }
}

static void columns_free(struct columns *c)
{
        for (size_t k = 0; k < c->n; k++)
                free(c->name[k]);
        free(c->name);
        for (int s = 0; s < 3; s++)
                free(c->at[s]);
}

struct merge_ctx {
        const struct merge_job *job;
        const struct sheet *base, *other;
        struct sheet *into;
        struct side side[3];
        struct columns cols;
        struct merge_result *res;
};

static const char *value(const struct merge_ctx *m, int s, long row, size_t col)
{
        const struct sheet *sh = s == BASE ? m->base : s == INTO ? m->into : m->other;
        return row < 0 ? "" : sheet_get(sh, (size_t)row, m->cols.at[s][col]);
}

/* Sets column col of into's row; a column into lacks is added for a value. */
static void into_set(struct merge_ctx *m, size_t row, size_t col, const char *v)
{
        int c = sheet_col(m->into, m->cols.name[col]);
        if (c < 0) {
                if (!*v)
                        return;
                c = sheet_ensure_col(m->into, m->cols.name[col]);
        }
        sheet_set(m->into, row, c, v);
}

static void conflict_add(struct merge_ctx *m, const char *id, size_t col, const char *base,
                         const char *kept, const char *aside, const char *source)
{
        struct merge_result *r = m->res;
        r->conflicts = xrealloc(r->conflicts, (r->nconflicts + 1) * sizeof *r->conflicts);
        conflict_fill(&r->conflicts[r->nconflicts++], m->job->sheet, id, m->cols.name[col], base,
                      kept, aside, source);
}

/* Does side s's row hold what base's row held, field for field? */
static bool row_unchanged(const struct merge_ctx *m, long brow, int s, long row)
{
        for (size_t k = 0; k < m->cols.n; k++)
                if (strcmp(value(m, BASE, brow, k), value(m, s, row, k)) != 0)
                        return false;
        return true;
}

/* The row's key, for the conflicts. */
static const char *row_key(const struct merge_ctx *m, int s, long row)
{
        const struct side *sd = &m->side[s];
        return row >= 0 && sd->kc >= 0 ? sheet_get(sd->sh, (size_t)row, sd->kc) : "";
}

/* Both sides have the row: field by field. */
static void merge_fields(struct merge_ctx *m, long brow, size_t irow, size_t orow)
{
        const char *id = row_key(m, INTO, (long)irow);
        for (size_t k = 0; k < m->cols.n; k++) {
                const char *bv = value(m, BASE, brow, k);
                const char *iv = value(m, INTO, (long)irow, k);
                const char *ov = value(m, OTHER, (long)orow, k);
                if (strcmp(iv, ov) == 0 || strcmp(ov, bv) == 0)
                        continue;
                if (strcmp(iv, bv) == 0) {
                        into_set(m, irow, k, ov);
                        m->res->taken++;
                        continue;
                }
                if (m->job->keep_into) {
                        conflict_add(m, id, k, bv, iv, ov, m->job->source);
                } else {
                        conflict_add(m, id, k, bv, ov, iv, m->job->source);
                        into_set(m, irow, k, ov);
                }
        }
}

/* A row of other copied into into (appended); its index, or -1 when it has no
 * cells to copy (a row that cannot be parsed). */
static long copy_row(struct merge_ctx *m, size_t orow)
{
        if (m->other->rows[orow].bad) {
                m->res->uncopied++;
                return -1;
        }
        size_t r = sheet_append(m->into);
        const char *key = row_key(m, OTHER, (long)orow);
        if (*key)
                sheet_set(m->into, r, sheet_ensure_col(m->into, m->job->key), key);
        for (size_t k = 0; k < m->cols.n; k++)
                into_set(m, r, k, value(m, OTHER, (long)orow, k));
        m->res->taken++;
        return (long)r;
}

/* One side removed a row the other changed: the fields the other changed are the
 * conflicts. removed_into: into is the side that removed it. */
static void removed_conflicts(struct merge_ctx *m, long brow, int changed_side, long row,
                              bool kept_removed)
{
        const char *id = row_key(m, changed_side, row);
        for (size_t k = 0; k < m->cols.n; k++) {
                const char *bv = value(m, BASE, brow, k), *v = value(m, changed_side, row, k);
                if (strcmp(bv, v) == 0)
                        continue;
                if (kept_removed)
                        conflict_add(m, id, k, bv, "", v, m->job->source_removed);
                else
                        conflict_add(m, id, k, bv, v, "", m->job->source_removed);
        }
}

/* A row of the result: into's row, and where base had it (-1: added). */
struct placed {
        size_t row;
        long brow;
        long rank; /* in the order the base rows follow */
        bool rank_after;
        const char *ident;
};

static int cmp_base_placed(const void *a, const void *b)
{
        const struct placed *x = a, *y = b;
        if (x->rank != y->rank)
                return x->rank < y->rank ? -1 : 1;
        if (x->rank_after != y->rank_after)
                return x->rank_after ? 1 : -1;
        return x->brow < y->brow ? -1 : x->brow > y->brow;
}

static int cmp_added_placed(const void *a, const void *b)
{
        const struct placed *x = a, *y = b;
        bool wx = x->ident[0] == WHOLE, wy = y->ident[0] == WHOLE;
        if (wx != wy)
                return wx ? 1 : -1; /* rows with keys first */
        return wx ? strcmp(x->ident, y->ident) : site_id_cmp(x->ident, y->ident);
}

/* Does side s hold base's rows in another order than base? */
static bool side_reordered(const struct merge_ctx *m, int s)
{
        long last = -1;
        for (size_t i = 0; i < m->base->nrows; i++) {
                long at = side_row(&m->side[s], m->side[BASE].ident[i]);
                if (at < 0)
                        continue;
                if (at < last)
                        return true;
                last = at;
        }
        return false;
}

/* Puts the rows of sh in the order perm gives (perm[i]: the row that goes i-th,
 * each row once). The sheet has no call that moves a row; a row is whole in
 * itself (its cells, and where its bytes are), so the array is permuted as is. */
static void rows_permute(struct sheet *sh, const size_t *perm)
{
        size_t i = 0;
        while (i < sh->nrows && perm[i] == i)
                i++;
        if (i == sh->nrows)
                return;
        struct sheet_row *v = xmalloc(sh->nrows * sizeof *v);
        for (i = 0; i < sh->nrows; i++)
                v[i] = sh->rows[perm[i]];
        memcpy(sh->rows, v, sh->nrows * sizeof *v);
        free(v);
        sh->dirty = true;
}

void merge_sheet(const struct merge_job *job, const struct sheet *base, struct sheet *into,
                 const struct sheet *other, struct merge_result *res)
{
        memset(res, 0, sizeof *res);
        struct merge_ctx m = {job, base, other, into, {{0}}, {0}, res};
        side_index(&m.side[BASE], base, job->key);
        side_index(&m.side[INTO], into, job->key);
        side_index(&m.side[OTHER], other, job->key);
        const struct sheet *three[3] = {base, into, other};
        columns_build(&m.cols, three, job->key);
        /* the order the base rows keep: one side's when only it reordered them */
        bool ri = side_reordered(&m, INTO), ro = side_reordered(&m, OTHER);
        int order = ri && !ro ? INTO : ro && !ri ? OTHER : BASE;

        size_t n_into = into->nrows;
        size_t cap = n_into + other->nrows + 1;
        bool *keep = xcalloc(cap, sizeof *keep);
        struct placed *kept = xcalloc(cap, sizeof *kept), *added = xcalloc(cap, sizeof *added);
        size_t nkept = 0, nadded = 0;
        long last_rank = -1;
        for (size_t b = 0; b < base->nrows; b++) {
                const char *id = m.side[BASE].ident[b];
                bool whole = id[0] == WHOLE;
                long ir = side_row(&m.side[INTO], id), orow = side_row(&m.side[OTHER], id);
                long at = order == BASE ? (long)b : side_row(&m.side[order], id);
                bool after = at < 0;
                if (at >= 0)
                        last_rank = at;
                long row = -1;
                if (ir >= 0 && orow >= 0) {
                        if (!whole)
                                merge_fields(&m, (long)b, (size_t)ir, (size_t)orow);
                        row = ir;
                } else if (ir >= 0) { /* other removed it */
                        bool same = whole || row_unchanged(&m, (long)b, INTO, ir);
                        if (!same)
                                removed_conflicts(&m, (long)b, INTO, ir, !job->keep_into);
                        row = !same && job->keep_into ? ir : -1;
                } else if (orow >= 0) { /* into removed it */
                        bool same = whole || row_unchanged(&m, (long)b, OTHER, orow);
                        if (!same)
                                removed_conflicts(&m, (long)b, OTHER, orow, job->keep_into);
                        if (!same && !job->keep_into)
                                row = copy_row(&m, (size_t)orow);
                }
                if (row < 0)
                        continue;
                keep[row] = true;
                kept[nkept++] =
                    (struct placed){(size_t)row, (long)b, after ? last_rank : at, after, id};
        }
        /* rows added in into (and the same ones added in other too) */
        for (size_t i = 0; i < n_into; i++) {
                const char *id = m.side[INTO].ident[i];
                if (side_row(&m.side[BASE], id) >= 0)
                        continue;
                long orow = side_row(&m.side[OTHER], id);
                if (orow >= 0 && id[0] != WHOLE)
                        merge_fields(&m, -1, i, (size_t)orow);
                keep[i] = true;
                added[nadded++] = (struct placed){i, -1, 0, false, id};
        }
        /* rows added in other alone */
        for (size_t i = 0; i < other->nrows; i++) {
                const char *id = m.side[OTHER].ident[i];
                if (side_row(&m.side[BASE], id) >= 0 || side_row(&m.side[INTO], id) >= 0)
                        continue;
                long row = copy_row(&m, i);
                if (row < 0)
                        continue;
                keep[row] = true;
                added[nadded++] = (struct placed){(size_t)row, -1, 0, false, id};
        }
        qsort(kept, nkept, sizeof *kept, cmp_base_placed);
        qsort(added, nadded, sizeof *added, cmp_added_placed);
        /* the rows that go, then the rest in their order */
        size_t n = into->nrows;
        size_t *newidx = xcalloc(n + 1, sizeof *newidx), next = 0;
        for (size_t i = 0; i < n; i++)
                newidx[i] = keep[i] ? next++ : SIZE_MAX;
        for (size_t i = n; i-- > 0;)
                if (!keep[i])
                        sheet_remove(into, i);
        size_t *perm = xcalloc(nkept + nadded + 1, sizeof *perm);
        for (size_t i = 0; i < nkept; i++)
                perm[i] = newidx[kept[i].row];
        for (size_t i = 0; i < nadded; i++)
                perm[nkept + i] = newidx[added[i].row];
        rows_permute(into, perm);
        free(perm), free(newidx), free(keep), free(kept), free(added);
        columns_free(&m.cols);
        for (int s = 0; s < 3; s++)
                side_free(&m.side[s]);
}

void merge_result_free(struct merge_result *res)
{
        for (size_t i = 0; i < res->nconflicts; i++)
                conflict_free(&res->conflicts[i]);
        free(res->conflicts);
        memset(res, 0, sizeof *res);
}

/* --- history.csv ------------------------------------------------------------- */

enum { H_WHEN, H_LOGIN, H_SHEET, H_ID, H_WHAT, H_DIGEST, H_FIELDS, H_CHAIN, H_N };
static const char *const h_cols[H_N] = {"when", "login",  "sheet",  "id",
                                        "what", "digest", "fields", "chain"};

/* One row of a side's history.csv. */
struct hrow {
        const struct sheet *sh;
        size_t i;
        bool bad;
        long long t;   /* when, as seconds (UTC); a row without one: its predecessor's */
        char *content; /* what makes it the same event: its fields but the chain */
        bool held;     /* its chain followed from the row before it on its side */
        struct history_row hr;
};

/* "2026-01-15T10:15:02+01:00" as seconds since 1970 (UTC); false if not so. */
static bool when_seconds(const char *s, long long *out)
{
        if (strlen(s) < 19 || s[10] != 'T')
                return false;
        char day[11];
        memcpy(day, s, 10);
        day[10] = '\0';
        if (!date_valid(day))
                return false;
        int h, mi, se;
        if (sscanf(s + 11, "%2d:%2d:%2d", &h, &mi, &se) != 3)
                return false;
        long long t = (long long)date_days(day) * 86400 + h * 3600 + mi * 60 + se;
        const char *z = s + 19;
        int oh = 0, om = 0;
        if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &oh, &om) == 2)
                t -= (*z == '+' ? 1 : -1) * (long long)(oh * 3600 + om * 60);
        *out = t;
        return true;
}

static struct hrow *history_rows(const struct sheet *sh, size_t *n)
{
        int col[H_N];
        for (int c = 0; c < H_N; c++)
                col[c] = sheet_col(sh, h_cols[c]);
        struct hrow *v = xcalloc(sh->nrows + 1, sizeof *v);
        const char *prev = "";
        long long last = LLONG_MIN;
        struct buf b = {0};
        for (size_t i = 0; i < sh->nrows; i++) {
                struct hrow *r = &v[i];
                r->sh = sh;
                r->i = i;
                r->bad = sh->rows[i].bad;
                r->t = last;
                if (r->bad) {
                        whole_ident(sh, i, &b);
                        r->content = buf_take(&b);
                        continue;
                }
                const char **f[H_N] = {&r->hr.when, &r->hr.login,  &r->hr.sheet,  &r->hr.id,
                                       &r->hr.what, &r->hr.digest, &r->hr.fields, &r->hr.chain};
                for (int c = 0; c < H_N; c++)
                        *f[c] = sheet_get(sh, i, col[c]);
                buf_reset(&b);
                for (int c = 0; c < H_CHAIN; c++) {
                        buf_adds(&b, *f[c]);
                        buf_addc(&b, '\x1f');
                }
                r->content = buf_take(&b);
                long long t;
                if (when_seconds(r->hr.when, &t))
                        r->t = last = t;
                char want[65];
                history_chain(prev, &r->hr, want);
                r->held = strcasecmp(want, r->hr.chain) == 0;
                prev = r->hr.chain;
        }
        buf_free(&b);
        *n = sh->nrows;
        return v;
}

static void history_rows_free(struct hrow *v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i].content);
        free(v);
}

static bool same_row(const struct hrow *a, const struct hrow *b)
{
        return a->bad == b->bad && strcmp(a->content, b->content) == 0 &&
               (a->bad || strcasecmp(a->hr.chain, b->hr.chain) == 0);
}

static const char *eol_text(enum sheet_eol e)
{
        return e == EOL_CRLF ? "\r\n" : e == EOL_CR ? "\r" : "\n";
}

/* Where history is written: the header's columns and the line ends. */
struct hout {
        struct buf *out;
        const struct sheet *style;
        const char *eol;
        char eol_char;
};

/* A row's bytes as read (the header's too), ending its line. */
static void out_raw(struct hout *o, const struct sheet *sh, const struct sheet_row *r)
{
        size_t from = o->out->len;
        sheet_row_bytes(sh, r, o->out);
        const char *raw = o->out->s;
        size_t end = o->out->len;
        if (end == from || (raw[end - 1] != '\n' && raw[end - 1] != '\r'))
                buf_adds(o->out, o->eol);
}

/* A row as capbook writes one, under the style side's header; chain replaced. */
static void out_row(struct hout *o, const struct history_row *hr, const struct sheet *from,
                    size_t i, const char *chain)
{
        const struct sheet *st = o->style;
        for (unsigned c = 0; c < st->ncols; c++) {
                if (c)
                        buf_addc(o->out, ',');
                const char *name = st->cols[c], *v;
                if (strcmp(name, "chain") == 0)
                        v = chain;
                else if (!from)
                        v = strcmp(name, "when") == 0     ? hr->when
                            : strcmp(name, "login") == 0  ? hr->login
                            : strcmp(name, "sheet") == 0  ? hr->sheet
                            : strcmp(name, "id") == 0     ? hr->id
                            : strcmp(name, "what") == 0   ? hr->what
                            : strcmp(name, "digest") == 0 ? hr->digest
                            : strcmp(name, "fields") == 0 ? hr->fields
                                                          : "";
                else
                        v = sheet_get(from, i, sheet_col(from, name));
                sheet_encode_field(o->out, v);
        }
        buf_adds(o->out, o->eol);
}

static unsigned out_line(const struct hout *o)
{
        unsigned n = 1;
        for (size_t i = 0; i < o->out->len; i++)
                n += o->out->s[i] == o->eol_char;
        return n;
}

/* The last stored chain of a side. */
static const char *last_chain(const struct hrow *v, size_t n)
{
        for (size_t i = n; i-- > 0;)
                if (!v[i].bad)
                        return v[i].hr.chain;
        return "";
}

size_t merge_history(const struct sheet *ours, const struct sheet *theirs, const char *when,
                     const char *login, struct buf *out)
{
        size_t no, nt;
        struct hrow *o = history_rows(ours, &no), *t = history_rows(theirs, &nt);
        const struct sheet *style = ours->ncols ? ours : theirs;
        struct hout ho = {out, style, eol_text(style->eol), style->eol == EOL_CR ? '\r' : '\n'};
        if (style->bom)
                buf_adds(out, "\xEF\xBB\xBF");
        struct buf hb = {0};
        sheet_row_bytes(style, &style->header, &hb);
        bool header_read = hb.len > 0;
        buf_free(&hb);
        if (header_read) {
                out_raw(&ho, style, &style->header);
        } else {
                for (int c = 0; c < H_N; c++)
                        buf_printf(out, "%s%s", c ? "," : "", h_cols[c]);
                buf_adds(out, ho.eol);
        }
        size_t k = 0;
        struct strmap seen = {0};
        const char *prev = "";
        while (k < no && k < nt && same_row(&o[k], &t[k])) {
                out_raw(&ho, ours, &ours->rows[k]);
                strmap_put(&seen, o[k].content, 1);
                if (!o[k].bad)
                        prev = o[k].hr.chain;
                k++;
        }
        char *last = xstrdup(prev);
        size_t i = k, j = k, rechained = 0;
        unsigned first_line = 0;
        while (i < no || j < nt) {
                if (i < no && strmap_get(&seen, o[i].content) >= 0) {
                        i++;
                        continue;
                }
                if (j < nt && strmap_get(&seen, t[j].content) >= 0) {
                        j++;
                        continue;
                }
                bool take_ours =
                    j >= nt ||
                    (i < no && (o[i].t != t[j].t ? o[i].t < t[j].t
                                                 : strcmp(o[i].content, t[j].content) <= 0));
                struct hrow *r = take_ours ? &o[i++] : &t[j++];
                strmap_put(&seen, r->content, 1);
                if (r->bad) {
                        out_raw(&ho, r->sh, &r->sh->rows[r->i]);
                        continue;
                }
                char chain[65];
                if (r->held)
                        history_chain(last, &r->hr, chain);
                else
                        snprintf(chain, sizeof chain, "%s", r->hr.chain);
                if (strcasecmp(chain, r->hr.chain) != 0 && !rechained++)
                        first_line = out_line(&ho);
                out_row(&ho, &r->hr, r->sh, r->i, chain);
                free(last);
                last = xstrdup(chain);
        }
        if (rechained) {
                struct buf fields = {0};
                const char *co = last_chain(o, no), *ct = last_chain(t, nt);
                bool o_first = strcmp(co, ct) <= 0; /* the same row whichever side is ours */
                buf_printf(&fields, "re-chained from line %u; the two sides ended at %s and %s",
                           first_line, o_first ? co : ct, o_first ? ct : co);
                struct history_row hr = {
                    0, when, login, HISTORY_FILE, "", "merged", "", buf_str(&fields), NULL};
                char chain[65];
                history_chain(last, &hr, chain);
                out_row(&ho, &hr, NULL, 0, chain);
                buf_free(&fields);
        }
        free(last);
        strmap_free(&seen);
        history_rows_free(o, no);
        history_rows_free(t, nt);
        return rechained;
}

/* --- git's merge driver -------------------------------------------------------- */

/* Loads one version git hands over; an empty file (none in that version) is a
 * sheet with nothing in it. 0, or -1 with why in d under pathname. */
static int load_version(struct sheet *sh, const char *path, const char *pathname, const char *which,
                        struct diag *d)
{
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0) {
                sheet_init_new(sh, path, NULL, 0, false);
                sh->dirty = false;
                return 0;
        }
        struct diag quiet = {0};
        if (sheet_load_flags(sh, path, 0, &quiet) < 0) {
                diag_add(d, DIAG_ERROR, pathname, 0, "%s version cannot be read as a sheet (%s)",
                         which, quiet.n ? quiet.v[0].msg : "?");
                diag_free(&quiet);
                return -1;
        }
        diag_free(&quiet);
        return 0;
}

/* The side the result is built on, whose look it keeps: the one that changed it
 * from base (BOM, line ends, header); when both or neither did, the same one
 * whichever side is ours (by their bytes), so that the result, raw rows and all,
 * does not depend on the direction of the merge. */
static int style_cmp(const struct sheet *a, const struct sheet *b)
{
        if (a->bom != b->bom)
                return a->bom ? 1 : -1;
        if (a->eol != b->eol)
                return a->eol < b->eol ? -1 : 1;
        struct buf ba = {0}, bb = {0};
        sheet_row_bytes(a, &a->header, &ba);
        sheet_row_bytes(b, &b->header, &bb);
        size_t la = ba.len, lb = bb.len;
        const char *ra = la ? ba.s : "", *rb = lb ? bb.s : "";
        while (la && (ra[la - 1] == '\n' || ra[la - 1] == '\r'))
                la--;
        while (lb && (rb[lb - 1] == '\n' || rb[lb - 1] == '\r'))
                lb--;
        int c = memcmp(ra, rb, la < lb ? la : lb);
        int r = c ? c : la < lb ? -1 : la > lb;
        buf_free(&ba), buf_free(&bb);
        return r;
}

/* Rows of other that cannot be parsed and that neither base nor into has: put in
 * into's bytes (into reloaded), as no cells can carry them. */
static void carry_unparsed(struct sheet *into, const struct sheet *base, const struct sheet *other,
                           const char *key)
{
        struct side sb, si, so;
        side_index(&sb, base, key);
        side_index(&si, into, key);
        side_index(&so, other, key);
        struct buf extra = {0};
        const char *eol = eol_text(into->eol);
        for (size_t i = 0; i < other->nrows; i++) {
                if (!other->rows[i].bad || side_row(&sb, so.ident[i]) >= 0 ||
                    side_row(&si, so.ident[i]) >= 0)
                        continue;
                size_t from = extra.len;
                sheet_row_bytes(other, &other->rows[i], &extra);
                while (extra.len > from &&
                       (extra.s[extra.len - 1] == '\n' || extra.s[extra.len - 1] == '\r'))
                        extra.len--; /* its own line end, then the sheet's */
                extra.s[extra.len] = '\0';
                buf_adds(&extra, eol);
        }
        side_free(&sb), side_free(&si), side_free(&so);
        if (!extra.len)
                return;
        struct buf all = {0};
        buf_add(&all, into->data, into->len);
        if (all.len && all.s[all.len - 1] != '\n' && all.s[all.len - 1] != '\r')
                buf_adds(&all, eol);
        buf_add(&all, extra.s, extra.len);
        struct sheet again;
        struct diag quiet = {0};
        char *path = xstrdup(into->path);
        if (sheet_load_mem(&again, path, buf_str(&all), all.len, &quiet) == 0) {
                sheet_free(into);
                *into = again;
        } else {
                sheet_free(&again);
        }
        free(path);
        diag_free(&quiet);
        buf_free(&all);
        buf_free(&extra);
}

static int write_result(const char *ours, const struct buf *b, const char *pathname, struct diag *d)
{
        char err[256];
        if (file_replace(ours, b->s ? b->s : "", b->len, 0600, err, sizeof err) < 0) {
                diag_add(d, DIAG_ERROR, pathname, 0, "the merged sheet cannot be written: %s", err);
                return -1;
        }
        return 0;
}

static int history_driver(const char *ours_p, const char *theirs_p, const char *pathname,
                          struct diag *d)
{
        struct sheet ours, theirs;
        int rc = 2;
        bool o_ok = load_version(&ours, ours_p, pathname, "our", d) == 0;
        bool t_ok = o_ok && load_version(&theirs, theirs_p, pathname, "their", d) == 0;
        if (o_ok && t_ok) {
                char when[32], login[64];
                history_now(when);
                user_login(login, sizeof login);
                struct buf out = {0};
                size_t n = merge_history(&ours, &theirs, when, login, &out);
                if (write_result(ours_p, &out, pathname, d) == 0) {
                        rc = 0;
                        if (n)
                                diag_add(d, DIAG_NOTE, pathname, 0,
                                         "both sides' rows kept in time order; %zu re-chained "
                                         "and the merge recorded in a row \"merged\"",
                                         n);
                }
                buf_free(&out);
        }
        if (t_ok)
                sheet_free(&theirs);
        if (o_ok)
                sheet_free(&ours);
        return rc;
}

int merge_driver(const char *base_p, const char *ours_p, const char *theirs_p, const char *pathname,
                 struct diag *d)
{
        const char *name = path_basename(pathname);
        if (strcmp(name, HISTORY_FILE) == 0)
                return history_driver(ours_p, theirs_p, pathname, d);
        int s = -1;
        for (int k = 0; k < WB_NSHEETS && s < 0; k++)
                if (strcmp(name, wb_sheet_file[k]) == 0)
                        s = k;
        struct sheet v[3]; /* base, ours, theirs */
        const char *paths[3] = {base_p, ours_p, theirs_p};
        const char *which[3] = {"the common", "our", "their"};
        int loaded = 0;
        while (loaded < 3 &&
               load_version(&v[loaded], paths[loaded], pathname, which[loaded], d) == 0)
                loaded++;
        int rc = 2;
        const char *key = s >= 0 ? wb_sheet_key[s] : sheet_col(&v[1], "id") >= 0 ? "id" : NULL;
        if (loaded == 3 && !key)
                diag_add(d, DIAG_ERROR, pathname, 0,
                         "not a sheet capbook knows, and no id column to merge its rows by");
        if (loaded == 3 && key) {
                struct sheet *base = &v[0], *ours = &v[1], *theirs = &v[2];
                bool oc = !base->ncols || style_cmp(ours, base) != 0,
                     tc = !base->ncols || style_cmp(theirs, base) != 0;
                int cmp = style_cmp(ours, theirs);
                if (!cmp) /* the same look: the same one either way all the same */
                        cmp = memcmp(ours->data, theirs->data,
                                     ours->len < theirs->len ? ours->len : theirs->len);
                if (!cmp)
                        cmp = ours->len < theirs->len ? -1 : ours->len > theirs->len;
                bool into_ours = oc != tc ? oc : cmp < 0;
                struct sheet *into = into_ours ? ours : theirs, *other = into_ours ? theirs : ours;
                carry_unparsed(into, base, other, key);
                struct merge_job job = {key, name, "git merge", "git merge", into_ours};
                struct merge_result res;
                merge_sheet(&job, base, into, other, &res);
                int kc = sheet_col(into, key);
                into->drop_bare_rows = s == WB_UNITS && kc >= 0; /* as a save writes units */
                into->bare_key = kc >= 0 ? (unsigned)kc : 0;
                struct buf out = {0};
                sheet_encode(into, &out);
                char *dir = path_dirname(pathname);
                if (res.uncopied) {
                        diag_add(d, DIAG_ERROR, pathname, 0,
                                 "%zu row%s of theirs could not be carried over; not merged",
                                 res.uncopied, res.uncopied == 1 ? "" : "s");
                } else if (res.nconflicts &&
                           conflict_append(dir, res.conflicts, res.nconflicts, d) < 0) {
                        diag_add(d, DIAG_ERROR, pathname, 0,
                                 "fields changed on both sides could not be recorded; not merged");
                } else if (write_result(ours_p, &out, pathname, d) == 0) {
                        rc = res.nconflicts ? 1 : 0;
                        char *rec = conflict_path(dir);
                        for (size_t k = 0; k < res.nconflicts; k++) {
                                const struct conflict *c = &res.conflicts[k];
                                diag_add(d, DIAG_WARN, pathname, 0,
                                         "%s %s changed on both sides: kept ours (\"%s\"), theirs "
                                         "(\"%s\") set aside in %s",
                                         text_safe(c->id), text_safe(c->field),
                                         text_safe(c->on_disk), text_safe(c->mine),
                                         path_basename(rec));
                        }
                        if (res.nconflicts)
                                diag_add(
                                    d, DIAG_NOTE, pathname, 0,
                                    "the sheet is valid as it is; open the workbook in capbook "
                                    "to pick a side for each, then git add it");
                        free(rec);
                }
                free(dir);
                buf_free(&out);
                merge_result_free(&res);
        }
        for (int k = 0; k < loaded; k++)
                sheet_free(&v[k]);
        return rc;
}
