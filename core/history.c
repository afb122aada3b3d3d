/* history.c — history.csv: reading the audit trail, checking its chain, and the
 * rows a save appends (found by comparing each changed row with its own bytes
 * on disk, so every way of editing is recorded alike). */
#include "core/history.h"
#include "core/digest.h"
#include "core/fileio.h"
#include "core/signoff.h"
#include "core/strmap.h"
#include "core/user.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { HC_WHEN, HC_LOGIN, HC_SHEET, HC_ID, HC_WHAT, HC_DIGEST, HC_FIELDS, HC_CHAIN, HC_N };
static const char *const history_cols[HC_N] = {"when", "login",  "sheet",  "id",
                                               "what", "digest", "fields", "chain"};

struct history {
        struct sheet sh;
        bool exists;
        int col[HC_N];
        bool indexed;
        struct strmap signed_rows; /* "id\x1fdigest" → the last "signed" row */
        struct strmap signoffs;    /* id → the last row that signed or voided */
};

static char *history_path(const struct workbook *wb)
{
        return path_join(wb->dir, HISTORY_FILE);
}

void history_free(struct workbook *wb)
{
        struct history *h = wb->history;
        if (!h)
                return;
        if (h->exists)
                sheet_free(&h->sh);
        strmap_free(&h->signed_rows);
        strmap_free(&h->signoffs);
        free(h);
        wb->history = NULL;
}

/* history.csv as on disk, read on first use (problems to d, which may be NULL). */
static struct history *history_load(struct workbook *wb, struct diag *d)
{
        if (wb->history)
                return wb->history;
        struct history *h = xcalloc(1, sizeof *h);
        wb->history = h;
        for (int c = 0; c < HC_N; c++)
                h->col[c] = -1;
        if (wb->single_sheet)
                return h;
        char *path = history_path(wb);
        if (path_exists(path)) {
                struct diag quiet = {0};
                h->exists = true;
                sheet_load(&h->sh, path, d ? d : &quiet);
                diag_free(&quiet);
                for (int c = 0; c < HC_N; c++)
                        h->col[c] = sheet_col(&h->sh, history_cols[c]);
        }
        free(path);
        return h;
}

static void row_at(const struct history *h, size_t i, struct history_row *r)
{
        const char **f[HC_N] = {&r->when, &r->login,  &r->sheet,  &r->id,
                                &r->what, &r->digest, &r->fields, &r->chain};
        for (int c = 0; c < HC_N; c++)
                *f[c] = sheet_get(&h->sh, i, h->col[c]);
        r->line = h->sh.rows[i].line;
}

bool history_exists(struct workbook *wb)
{
        return history_load(wb, NULL)->exists;
}

size_t history_of(struct workbook *wb, enum wb_sheet s, const char *id, struct history_row **rows)
{
        struct history *h = history_load(wb, NULL);
        size_t n = 0;
        *rows = NULL;
        if (!h->exists)
                return 0;
        for (size_t i = 0; i < h->sh.nrows; i++) {
                if (h->sh.rows[i].bad)
                        continue;
                struct history_row r;
                row_at(h, i, &r);
                if (strcmp(r.sheet, wb_sheet_file[s]) != 0 || strcmp(r.id, id) != 0)
                        continue;
                *rows = xrealloc(*rows, (n + 1) * sizeof **rows);
                (*rows)[n++] = r;
        }
        return n;
}

static void signed_key(struct buf *k, const char *id, const char *digest)
{
        buf_reset(k);
        buf_adds(k, id);
        buf_addc(k, '\x1f');
        for (const char *p = digest; *p; p++)
                buf_addc(k, (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p));
}

/* The sign-off rows of evidence, indexed once. */
static struct history *history_indexed(struct workbook *wb)
{
        struct history *h = history_load(wb, NULL);
        if (h->indexed || !h->exists)
                return h;
        h->indexed = true;
        struct buf k = {0};
        for (size_t i = 0; i < h->sh.nrows; i++) {
                if (h->sh.rows[i].bad)
                        continue;
                struct history_row r;
                row_at(h, i, &r);
                if (strcmp(r.sheet, wb_sheet_file[WB_EVIDENCE]) != 0)
                        continue;
                bool is_signed = strcmp(r.what, "signed") == 0;
                if (is_signed) {
                        signed_key(&k, r.id, r.digest);
                        strmap_put(&h->signed_rows, buf_str(&k), (int)i);
                }
                if (is_signed || strcmp(r.what, "sign-off voided") == 0)
                        strmap_put(&h->signoffs, r.id, (int)i);
        }
        buf_free(&k);
        return h;
}

bool history_find_signed(struct workbook *wb, const char *id, const char *digest,
                         struct history_row *out)
{
        struct history *h = history_indexed(wb);
        struct buf k = {0};
        signed_key(&k, id, digest);
        int i = h->exists ? strmap_get(&h->signed_rows, buf_str(&k)) : -1;
        buf_free(&k);
        if (i < 0)
                return false;
        row_at(h, (size_t)i, out);
        return true;
}

bool history_last_signoff(struct workbook *wb, const char *id, struct history_row *out)
{
        struct history *h = history_indexed(wb);
        int i = h->exists ? strmap_get(&h->signoffs, id) : -1;
        if (i < 0)
                return false;
        row_at(h, (size_t)i, out);
        return true;
}

void history_chain(const char *prev, const struct history_row *r, char out[65])
{
        struct buf b = {0};
        const char *f[] = {prev, r->when, r->login, r->sheet, r->id, r->what, r->digest, r->fields};
        for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
                if (i)
                        buf_addc(&b, '\x1f');
                buf_adds(&b, f[i]);
        }
        digest_sha256_hex(buf_str(&b), b.len, out);
        buf_free(&b);
}

void history_check(struct workbook *wb, struct diag *d)
{
        if (wb->single_sheet)
                return;
        history_free(wb); /* read afresh, its problems reported */
        struct history *h = history_load(wb, d);
        if (!h->exists || !h->sh.loaded)
                return;
        for (int c = 0; c < HC_N; c++)
                if (h->col[c] < 0) {
                        diag_add(
                            d, DIAG_ERROR, h->sh.path, h->sh.header.line ? h->sh.header.line : 1,
                            "no \"%s\" column: the audit trail cannot be checked", history_cols[c]);
                        return;
                }
        const char *prev = "";
        for (size_t i = 0; i < h->sh.nrows; i++) {
                if (h->sh.rows[i].bad)
                        continue; /* reported by the loader */
                struct history_row r;
                row_at(h, i, &r);
                char want[65];
                history_chain(prev, &r, want);
                if (strcasecmp(want, r.chain) != 0)
                        diag_add(d, DIAG_ERROR, h->sh.path, r.line,
                                 "this row was changed, or a row before it removed: its chain "
                                 "does not follow from the row before");
                prev = r.chain;
        }
}

/* --- what a save changes ------------------------------------------------------ */

static void event_add(struct history_batch *b, enum wb_sheet s, const char *id, const char *what,
                      const char *digest, const char *fields)
{
        if (b->n == b->cap) {
                b->cap = b->cap ? b->cap * 2 : 16;
                b->v = xrealloc(b->v, b->cap * sizeof *b->v);
        }
        struct history_event *e = &b->v[b->n++];
        e->sheet = s;
        e->id = xstrdup(id);
        e->what = xstrdup(what);
        e->digest = xstrdup(digest ? digest : "");
        e->fields = xstrdup(fields ? fields : "");
}

static void event_free(struct history_event *e)
{
        free(e->id), free(e->what), free(e->digest), free(e->fields);
}

void history_batch_cut(struct history_batch *b, size_t from)
{
        while (b->n > from)
                event_free(&b->v[--b->n]);
}

void history_batch_free(struct history_batch *b)
{
        history_batch_cut(b, 0);
        free(b->v);
        memset(b, 0, sizeof *b);
}

/* "changed a,b" for the listed columns, if any. */
static void add_changed(struct history_batch *b, enum wb_sheet s, const char *id,
                        const struct strlist *cols, const char *digest)
{
        if (!cols->n)
                return;
        struct buf w = {0};
        buf_adds(&w, "changed ");
        for (size_t i = 0; i < cols->n; i++)
                buf_printf(&w, "%s%s", i ? "," : "", cols->v[i]);
        event_add(b, s, id, buf_str(&w), digest, NULL);
        buf_free(&w);
}

static bool is_signoff_col(const char *col)
{
        return strcmp(col, "signed_by") == 0 || strcmp(col, "signed_on") == 0 ||
               strcmp(col, "signed_login") == 0 || strcmp(col, "signed_digest") == 0;
}

static int signed_field_of(const char *col)
{
        for (int f = 0; f < SF_N; f++)
                if (strcmp(col, signed_field_name[f]) == 0)
                        return f;
        return -1;
}

static bool row_signed(const struct sheet *sh, size_t row)
{
        return *sheet_get(sh, row, sheet_col(sh, "signed_by")) ||
               *sheet_get(sh, row, sheet_col(sh, "signed_digest"));
}

/* The events of one changed row: base is the row as on disk (NULL: new). Within
 * a save the rows follow the order of the work: a void (a front end voids before
 * it edits), the changes made before a sign-off, the sign-off, the changes made
 * after it (told apart by the fields it signed). */
static void row_events(struct workbook *wb, enum wb_sheet s, size_t row, const struct sheet *base,
                       size_t brow, const char *id, struct history_batch *b)
{
        const struct sheet *sh = &wb->sheets[s];
        bool ev = s == WB_EVIDENCE;
        char now[DIGEST_HEX] = "";
        if (ev)
                signoff_digest(wb, row, now);
        const char *status = sheet_get(sh, row, sheet_col(sh, "status"));
        struct strlist changed = {0};
        bool status_changed = false, signed_ev = false, voided_ev = false;
        const char *cur_dg = sheet_get(sh, row, sheet_col(sh, "signed_digest"));
        if (base) {
                for (unsigned c = 0; c < sh->ncols; c++) {
                        const char *name = sh->cols[c];
                        if (!*name || strlist_has(&changed, name))
                                continue;
                        const char *was = sheet_get(base, brow, sheet_col(base, name));
                        if (strcmp(was, sheet_get(sh, row, (int)c)) != 0)
                                strlist_push(&changed, name);
                }
                if (!changed.n)
                        return;
                bool was = row_signed(base, brow), is = row_signed(sh, row);
                const char *bdg = sheet_get(base, brow, sheet_col(base, "signed_digest"));
                const char *bby = sheet_get(base, brow, sheet_col(base, "signed_by"));
                const char *by = sheet_get(sh, row, sheet_col(sh, "signed_by"));
                /* signed again (same name, same fields) is a sign-off too: this
                 * session's memo of it says so */
                signed_ev = ev && is &&
                            (!was || strcmp(bdg, cur_dg) != 0 || strcmp(bby, by) != 0 ||
                             (*cur_dg && signoff_memo_fields(wb, id, cur_dg)));
                /* voided, or voided in this session and signed again since */
                voided_ev = ev && was && (!is || signoff_memo_voided(wb, id));
                status_changed = strlist_has(&changed, "status");
        } else {
                signed_ev = ev && row_signed(sh, row);
        }
        bool added = !base;
        if (status_changed && str_ieq(status, "deleted")) {
                event_add(b, s, id, "deleted", now, NULL);
                strlist_free(&changed);
                return;
        }
        /* the fields changed after the sign-off: those that no longer match it */
        unsigned post = 0;
        const char *memo = signed_ev && *cur_dg ? signoff_memo_fields(wb, id, cur_dg) : NULL;
        if (memo && !signoff_fields_differ(wb, row, memo, &post))
                post = 0;
        for (int f = 0; added && f < SF_N; f++)
                if (post & (1u << f))
                        strlist_push(&changed, signed_field_name[f]);
        const char *pre_dg = memo ? cur_dg : now;
        struct strlist before = {0}, after = {0};
        bool status_after = false;
        for (size_t i = 0; i < changed.n; i++) {
                const char *col = changed.v[i];
                if ((signed_ev || voided_ev) && is_signoff_col(col))
                        continue;
                int f = signed_field_of(col);
                bool later = f >= 0 && (post & (1u << f));
                if (strcmp(col, "status") == 0 && !added)
                        status_after = later;
                else
                        strlist_push(later ? &after : &before, col);
        }
        struct buf w = {0};
        buf_printf(&w, "status %s", status);
        if (added)
                event_add(b, s, id, "added", pre_dg, NULL);
        if (voided_ev) /* a front end voids before it edits: the void comes first */
                event_add(b, s, id, "sign-off voided", pre_dg, NULL);
        add_changed(b, s, id, &before, pre_dg);
        if (status_changed && !status_after)
                event_add(b, s, id, buf_str(&w), pre_dg, NULL);
        if (signed_ev) {
                struct buf fields = {0};
                if (memo)
                        buf_adds(&fields, memo);
                else if (strcasecmp(now, cur_dg) == 0)
                        signoff_field_digests(wb, row, &fields);
                event_add(b, s, id, "signed", cur_dg, buf_str(&fields));
                buf_free(&fields);
        }
        add_changed(b, s, id, &after, now);
        if (status_changed && status_after)
                event_add(b, s, id, buf_str(&w), now, NULL);
        buf_free(&w);
        strlist_free(&changed);
        strlist_free(&before);
        strlist_free(&after);
}

static void add_line(struct buf *b, const char *p, size_t n)
{
        buf_add(b, p, n);
        if (n && p[n - 1] != '\n' && p[n - 1] != '\r')
                buf_addc(b, '\n');
}

void history_collect(struct workbook *wb, enum wb_sheet s, struct history_batch *b)
{
        const struct sheet *sh = &wb->sheets[s];
        int kc = sheet_col(sh, wb_sheet_key[s]);
        if (kc < 0)
                return;
        /* the changed rows' bytes as on disk, under the header as on disk: read as
         * a sheet of their own, so a save costs a parse of what changed only */
        struct buf raw = {0};
        struct buf one = {0};
        sheet_row_disk(sh, &sh->header, &one);
        bool have_base = sh->exists && one.len > 0;
        if (have_base)
                add_line(&raw, one.s, one.len);
        size_t ndirty = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                const struct sheet_row *r = &sh->rows[i];
                if (!r->dirty || r->bad)
                        continue;
                ndirty++;
                buf_reset(&one);
                if (have_base)
                        sheet_row_disk(sh, r, &one);
                if (one.len)
                        add_line(&raw, one.s, one.len);
        }
        struct sheet base;
        bool parsed = false;
        struct strmap bids = {0};
        if (ndirty && have_base) {
                struct diag quiet = {0};
                parsed = sheet_load_mem(&base, sh->path, raw.s, raw.len, &quiet) == 0;
                diag_free(&quiet);
                int bkc = parsed ? sheet_col(&base, wb_sheet_key[s]) : -1;
                for (size_t i = 0; parsed && bkc >= 0 && i < base.nrows; i++)
                        if (!base.rows[i].bad)
                                strmap_put(&bids, sheet_get(&base, i, bkc), (int)i);
                if (!parsed)
                        sheet_free(&base);
        }
        for (size_t i = 0; i < sh->nrows && ndirty; i++) {
                const struct sheet_row *r = &sh->rows[i];
                if (!r->dirty || r->bad)
                        continue;
                const char *id = sheet_get(sh, i, kc);
                if (!*id)
                        continue;
                int br = parsed ? strmap_get(&bids, id) : -1;
                row_events(wb, s, i, br >= 0 ? &base : NULL, br >= 0 ? (size_t)br : 0, id, b);
        }
        if (parsed)
                sheet_free(&base);
        strmap_free(&bids);
        buf_free(&raw);
        buf_free(&one);
}

void history_now(char out[32])
{
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        char z[8];
        strftime(z, sizeof z, "%z", &tm); /* +0100 → +01:00 */
        strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
        size_t n = strlen(out);
        snprintf(out + n, 32 - n, "%.3s:%.2s", z, z + 3);
}

static void add_row(struct buf *out, const char *const *v, const char *eol)
{
        for (int c = 0; c < HC_N; c++) {
                if (c)
                        buf_addc(out, ',');
                sheet_encode_field(out, v[c]);
        }
        buf_adds(out, eol);
}

int history_append(struct workbook *wb, const struct history_batch *b, struct diag *d)
{
        if (!b->n || wb->single_sheet)
                return 0;
        history_free(wb); /* the chain goes on from the file as it is now */
        struct history *h = history_load(wb, NULL);
        char *path = history_path(wb);
        const char *prev = "";
        bool fresh = !h->exists || h->sh.len == 0;
        const char *eol = wb->excel_style && fresh ? "\r\n" : "\n";
        if (h->exists && h->sh.loaded) {
                eol = h->sh.eol == EOL_CRLF ? "\r\n" : h->sh.eol == EOL_CR ? "\r" : "\n";
                for (size_t i = h->sh.nrows; i-- > 0 && h->col[HC_CHAIN] >= 0;)
                        if (!h->sh.rows[i].bad) {
                                prev = sheet_get(&h->sh, i, h->col[HC_CHAIN]);
                                break;
                        }
        }
        struct buf out = {0};
        if (fresh) {
                if (wb->excel_style)
                        buf_adds(&out, "\xEF\xBB\xBF");
                add_row(&out, history_cols, eol);
        } else if (h->sh.len && !sheet_ends_line(&h->sh)) {
                buf_adds(&out, eol); /* a row cut off by a crash stays a row of its own */
        }
        char when[32], login[64], chain[65];
        history_now(when);
        user_login(login, sizeof login);
        char *last = xstrdup(prev);
        for (size_t i = 0; i < b->n; i++) {
                const struct history_event *e = &b->v[i];
                struct history_row r = {0,     when,    login,     wb_sheet_file[e->sheet],
                                        e->id, e->what, e->digest, e->fields,
                                        NULL};
                history_chain(last, &r, chain);
                const char *v[HC_N] = {r.when, r.login,  r.sheet,  r.id,
                                       r.what, r.digest, r.fields, chain};
                add_row(&out, v, eol);
                free(last);
                last = xstrdup(chain);
        }
        free(last);
        history_free(wb);
        /* appended, never rewritten; not through a symlink; flushed before we say so */
        int rc = -1, err = 0;
        unsigned mode = wb->file_mode ? wb->file_mode : 0600;
        int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, mode);
        struct stat sb;
        if (fd < 0)
                err = errno;
        else if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode))
                err = EINVAL; /* not a plain file: nothing written into it */
        else if (sb.st_size == 0 && sb.st_uid == geteuid() && fchmod(fd, mode) < 0)
                err = errno; /* made just now: its mode is capbook's, not the umask's (a
                                shared workbook's 0660, so that the group can append) */
        else if (file_write_all(fd, out.s, out.len) < 0 || fsync(fd) < 0)
                err = errno;
        else
                rc = 0;
        if (fd >= 0 && close(fd) != 0 && rc == 0) {
                rc = -1;
                err = errno;
        }
        if (rc == 0 && fresh) {
                int dfd = open(wb->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (dfd >= 0) {
                        fsync(dfd); /* the new file's name, durable too */
                        close(dfd);
                }
        }
        if (rc < 0)
                diag_add(d, DIAG_ERROR, path, 0,
                         "the sheets are saved, but the audit trail could not be appended to: %s",
                         strerror(err));
        buf_free(&out);
        free(path);
        return rc;
}
