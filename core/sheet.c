/* sheet.c — CSV sheets on libcsv. libcsv is fed one physical line at a time so
 * every record knows its line number and its raw bytes; a record that fails
 * strict parsing is kept verbatim and parsing resumes after it. */
#include "core/sheet.h"
#include "core/strmap.h"
#include "core/text.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PARSE_BLOCK (1u << 20) /* libcsv's 128-byte growth is quadratic on big cells */

/* Row blocks made while loading are carved out of a few big chunks instead of
 * one malloc each; sheet_free releases them together. */
struct pool_chunk {
        struct pool_chunk *next;
        size_t used, cap;
        char mem[];
};

struct sheet_pool {
        struct pool_chunk *head;
        size_t next_cap;
};

static void *pool_alloc(struct sheet_pool *pl, size_t n)
{
        n = (n + 7) & ~(size_t)7;
        struct pool_chunk *c = pl->head;
        if (!c || c->cap - c->used < n) {
                size_t cap = pl->next_cap > n ? pl->next_cap : n;
                c = xbig_alloc(sizeof *c + cap);
                c->next = pl->head;
                c->used = 0;
                c->cap = cap;
                pl->head = c;
                pl->next_cap = cap / 2 > ((size_t)1 << 20) ? cap / 2 : (size_t)1 << 20;
        }
        void *p = c->mem + c->used;
        c->used += n;
        return p;
}

static void pool_free(struct sheet_pool *pl)
{
        if (!pl)
                return;
        for (struct pool_chunk *c = pl->head, *next; c; c = next) {
                next = c->next;
                free(c);
        }
        free(pl);
}

struct fieldvec {
        struct buf cells; /* values back to back, each NUL-terminated */
        uint32_t *off;
        unsigned n, cap;
        bool has_nul;
};

static void fieldvec_reset(struct fieldvec *f)
{
        buf_reset(&f->cells);
        f->n = 0;
        f->has_nul = false;
}

static void on_field(void *s, size_t len, void *ctx)
{
        struct fieldvec *f = ctx;
        if (f->n == f->cap) {
                f->cap = f->cap ? f->cap * 2 : 16;
                f->off = xrealloc(f->off, f->cap * sizeof *f->off);
        }
        f->off[f->n++] = (uint32_t)f->cells.len;
        const char *p = s ? s : "";
        if (len && memchr(p, '\0', len))
                f->has_nul = true;
        if (guard_present(p, len)) /* the formula guard added one ' on save */
                p++, len--;
        buf_add(&f->cells, p, len);
        buf_addc(&f->cells, '\0');
}

struct parse_state {
        struct fieldvec fields;
        bool record_done;
        struct buf unq; /* a quoted field with its "" made " (fast_record) */
};

#ifndef FAST_RECORDS
#define FAST_RECORDS 1
#endif

/* A record that lies on one physical line p[pos..e) (e: where its line end
 * starts), split as libcsv splits it in strict mode, without spaces trimmed:
 * fields separated by commas, a field starting with a quote running to the
 * matching quote, "" inside it standing for one ". False, with no field kept,
 * for anything else (a quoted field still open at the line end, a quote inside
 * an unquoted field, text after a closing quote): libcsv then takes the line
 * and reports it as always. */
static bool fast_record(const char *p, size_t pos, size_t e, struct parse_state *ps)
{
        struct fieldvec *f = &ps->fields;
        size_t i = pos;
        for (;;) {
                if (i < e && p[i] == '"') {
                        size_t j = i + 1;
                        bool doubled = false;
                        const char *q;
                        for (;;) {
                                q = memchr(p + j, '"', e - j);
                                if (!q)
                                        goto slow;
                                if ((size_t)(q - p) + 1 < e && q[1] == '"') {
                                        doubled = true;
                                        j = (size_t)(q - p) + 2;
                                        continue;
                                }
                                break;
                        }
                        size_t k = (size_t)(q - p); /* the closing quote */
                        if (k + 1 < e && p[k + 1] != ',')
                                goto slow;
                        if (!doubled) {
                                on_field((void *)(p + i + 1), k - i - 1, f);
                        } else {
                                buf_reset(&ps->unq);
                                for (size_t a = i + 1; a < k;) {
                                        const char *dq = memchr(p + a, '"', k - a);
                                        size_t n = dq ? (size_t)(dq - p) + 1 - a : k - a;
                                        buf_add(&ps->unq, p + a, n);
                                        a += n + (dq ? 1 : 0);
                                }
                                on_field(ps->unq.len ? ps->unq.s : (char *)"", ps->unq.len, f);
                        }
                        if (k + 1 >= e)
                                return true;
                        i = k + 2;
                } else {
                        const char *c = memchr(p + i, ',', e - i);
                        size_t end = c ? (size_t)(c - p) : e;
                        if (memchr(p + i, '"', end - i))
                                goto slow;
                        on_field((void *)(p + i), end - i, f);
                        if (!c)
                                return true;
                        i = end + 1;
                }
        }
slow:
        fieldvec_reset(f);
        return false;
}

static void on_record(int c, void *ctx)
{
        (void)c;
        struct parse_state *ps = ctx;
        ps->record_done = true;
}

static void cb_field(void *s, size_t len, void *ctx)
{
        on_field(s, len, &((struct parse_state *)ctx)->fields);
}

static int never_space(unsigned char c)
{
        (void)c;
        return 0;
}

static void parser_start(struct csv_parser *p)
{
        csv_init(p, CSV_STRICT | CSV_STRICT_FINI);
        csv_set_space_func(p, never_space);
        csv_set_blk_size(p, PARSE_BLOCK);
}

/* A fresh parser state after a malformed record, keeping libcsv's buffer: a new
 * PARSE_BLOCK for every bad row made a file of many bad rows slow. */
static void parser_restart(struct csv_parser *p)
{
        unsigned char *buf = p->entry_buf;
        size_t size = p->entry_size;
        parser_start(p);
        p->entry_buf = buf;
        p->entry_size = size;
}

static char *make_block_in(const struct fieldvec *f, struct sheet_pool *pl)
{
        size_t head = (f->n + 1) * sizeof(uint32_t);
        char *b = pl ? pool_alloc(pl, head + f->cells.len + 1) : xmalloc(head + f->cells.len + 1);
        uint32_t *off = (uint32_t *)(void *)b;
        for (unsigned i = 0; i < f->n; i++)
                off[i] = (uint32_t)head + f->off[i];
        off[f->n] = (uint32_t)(head + f->cells.len);
        if (f->cells.len)
                memcpy(b + head, f->cells.s, f->cells.len);
        b[head + f->cells.len] = '\0';
        return b;
}

static char *make_block(const struct fieldvec *f)
{
        return make_block_in(f, NULL);
}

/* make_block_in with uint16 offsets, when the block is under 64 KiB (NULL if not):
 * half the offsets' bytes, for the many rows a load makes. */
static char *make_narrow_block_in(const struct fieldvec *f, struct sheet_pool *pl)
{
        size_t head = (f->n + 1) * sizeof(uint16_t);
        if (head + f->cells.len + 1 > UINT16_MAX)
                return NULL;
        char *b = pool_alloc(pl, head + f->cells.len + 1);
        uint16_t *off = (uint16_t *)(void *)b;
        for (unsigned i = 0; i < f->n; i++)
                off[i] = (uint16_t)(head + f->off[i]);
        off[f->n] = (uint16_t)(head + f->cells.len);
        if (f->cells.len)
                memcpy(b + head, f->cells.s, f->cells.len);
        b[head + f->cells.len] = '\0';
        return b;
}

const char *row_cell(const struct sheet_row *r, unsigned i)
{
        if (r->bad || !r->block || i >= r->ncells)
                return "";
        if (r->narrow)
                return r->block + ((const uint16_t *)(const void *)r->block)[i];
        const uint32_t *off = (const uint32_t *)(const void *)r->block;
        return r->block + off[i];
}

const char *sheet_row_raw(const struct sheet *sh, const struct sheet_row *r)
{
        return r->raw_own ? r->raw_own : sh->data + r->raw_off;
}

void sheet_normalise_name(const char *in, size_t len, struct buf *out)
{
        buf_reset(out);
        size_t a = 0, b = len;
        while (a < b && (in[a] == ' ' || in[a] == '\t'))
                a++;
        while (b > a && (in[b - 1] == ' ' || in[b - 1] == '\t'))
                b--;
        for (size_t i = a; i < b; i++) {
                char c = in[i];
                if (c == ' ' || c == '-')
                        c = '_';
                else if (c >= 'A' && c <= 'Z')
                        c = (char)(c - 'A' + 'a');
                buf_addc(out, c);
        }
        buf_str(out);
}

static void rows_push(struct sheet *sh, const struct sheet_row *r)
{
        if (sh->nrows == sh->cap) {
                sh->cap = sh->cap ? sh->cap * 2 : 64;
                sh->rows = xbig_realloc(sh->rows, sh->nrows * sizeof *sh->rows,
                                        sh->cap * sizeof *sh->rows);
        }
        sh->rows[sh->nrows++] = *r;
}

static const char *guess_encoding(const unsigned char *p, size_t len)
{
        for (size_t i = 0; i < len; i++)
                if (p[i] >= 0x80 && p[i] <= 0x9F)
                        return "; looks like Windows-1252 (save it as CSV UTF-8)";
        return "; looks like Windows-1252 or Latin-1 (save it as CSV UTF-8)";
}

/* Rejects what is not a UTF-8 CSV before libcsv sees it. */
static int sniff(struct sheet *sh, const char *name, struct diag *d)
{
        const unsigned char *u = (const unsigned char *)sh->data;
        size_t n = sh->len;
        if (n == 0) {
                diag_add(d, DIAG_ERROR, name, 0, "empty file: a sheet needs at least a header row");
                return -1;
        }
        if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
                diag_add(d, DIAG_ERROR, name, 1,
                         "UTF-16 text (Excel \"Unicode Text\"), not CSV; save it as \"CSV UTF-8\"");
                return -1;
        }
        if (n >= 4 && u[0] == 'P' && u[1] == 'K' && u[2] == 3 && u[3] == 4) {
                diag_add(
                    d, DIAG_ERROR, name, 1,
                    "a ZIP file (an .xlsx or .ods workbook?), not CSV; save it as \"CSV UTF-8\"");
                return -1;
        }
        if (n >= 4 && u[0] == 0xD0 && u[1] == 0xCF && u[2] == 0x11 && u[3] == 0xE0) {
                diag_add(d, DIAG_ERROR, name, 1,
                         "an old binary Office file (.xls), not CSV; save it as \"CSV UTF-8\"");
                return -1;
        }
        size_t probe = n < 4096 ? n : 4096;
        if (memchr(u, '\0', probe)) {
                diag_add(d, DIAG_ERROR, name, 1,
                         "binary data or UTF-16 without a byte-order mark (NUL bytes), not CSV");
                return -1;
        }
        return 0;
}

/* Where the last search for an LF started and the LF it found (len: none): no
 * LF lies in [from, at). A file of CR line ends is then not searched to its end
 * for an LF at every line. */
struct lf_cache {
        size_t from, at;
};

static size_t line_end_cached(const char *p, size_t pos, size_t len, size_t *next,
                              struct lf_cache *lc)
{
        if (pos < lc->from || pos > lc->at) {
                const char *lf = memchr(p + pos, '\n', len - pos);
                lc->from = pos;
                lc->at = lf ? (size_t)(lf - p) : len;
        }
        /* the earliest CR or LF */
        const char *cr = memchr(p + pos, '\r', lc->at - pos);
        size_t e = cr ? (size_t)(cr - p) : lc->at;
        if (e >= len) {
                *next = len;
                return len;
        }
        *next = e + 1;
        if (p[e] == '\r' && e + 1 < len && p[e + 1] == '\n')
                *next = e + 2;
        return e;
}

static size_t line_end(const char *p, size_t pos, size_t len, size_t *next)
{
        struct lf_cache lc = {SIZE_MAX, 0};
        return line_end_cached(p, pos, len, next, &lc);
}

/* utf8_valid, stepping over ASCII eight bytes at a time. */
static bool row_utf8_valid(const char *s, size_t len, size_t *bad)
{
        const unsigned char *u = (const unsigned char *)s;
        size_t i = 0;
        unsigned cp;
        while (i < len) {
                uint64_t w;
                if (i + 8 <= len && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ULL))) {
                        i += 8;
                        continue;
                }
                if (u[i] < 0x80) {
                        i++;
                        continue;
                }
                size_t n = utf8_seq(u + i, len - i, &cp);
                if (!n) {
                        *bad = i;
                        return false;
                }
                i += n;
        }
        return true;
}

/* Does the record's text hold a ';' or a tab outside quotes (written before
 * capbook quoted them)? The record parsed, so its quotes pair up: from one
 * quote to the next is inside (a doubled "" closes and opens again). */
static bool raw_unquoted_sep(const char *p, size_t len)
{
        size_t i = 0;
        while (i < len) {
                const char *q = memchr(p + i, '"', len - i);
                size_t e = q ? (size_t)(q - p) : len;
                if (memchr(p + i, ';', e - i) || memchr(p + i, '\t', e - i))
                        return true;
                if (!q)
                        return false;
                const char *close = memchr(q + 1, '"', len - e - 1);
                if (!close)
                        return false;
                i = (size_t)(close - p) + 1;
        }
        return false;
}

static void finish_row(struct sheet *sh, struct parse_state *ps, unsigned line, size_t start,
                       size_t end, const char *name, struct diag *d)
{
        struct sheet_row r = {0};
        r.line = line;
        r.raw_off = start;
        r.raw_len = end - start;
        size_t bad_at;
        if (ps->fields.has_nul) {
                r.bad = true;
                diag_add(d, DIAG_ERROR, name, line, "contains a NUL byte; row kept as it is");
        } else if (!row_utf8_valid(sh->data + start, end - start, &bad_at)) {
                r.bad = true;
                const unsigned char *u = (const unsigned char *)sh->data + start;
                diag_add(d, DIAG_ERROR, name, line,
                         "not valid UTF-8 (byte 0x%02X)%s; row kept as it is", u[bad_at],
                         guess_encoding(u, end - start));
        } else {
                r.ncells = ps->fields.n;
                if (!sh->pool) {
                        sh->pool = xcalloc(1, sizeof *sh->pool);
                        /* the blocks take about the file's size: one chunk, mostly */
                        sh->pool->next_cap = sh->len + sh->len / 4 + ((size_t)64 << 10);
                }
                r.block = make_narrow_block_in(&ps->fields, sh->pool);
                r.narrow = r.block != NULL;
                if (!r.block)
                        r.block = make_block_in(&ps->fields, sh->pool);
                r.pooled = true;
                r.old_style = raw_unquoted_sep(sh->data + start, end - start);
        }
        rows_push(sh, &r);
}

static void bad_row(struct sheet *sh, unsigned line, size_t start, size_t end)
{
        struct sheet_row r = {0};
        r.line = line;
        r.raw_off = start;
        r.raw_len = end - start;
        r.bad = true;
        rows_push(sh, &r);
}

/* Parses sh->data from pos into rows; the first record becomes the header. */
static void parse_rows(struct sheet *sh, size_t pos, unsigned line, const char *name,
                       struct diag *d)
{
        struct csv_parser p;
        struct parse_state ps = {0};
        parser_start(&p);
        bool in_record = false;
        size_t rec_start = pos, rec_first_line_end = pos, blank_start = SIZE_MAX;
        unsigned rec_line = line;
        size_t budget = sh->len * 8 + (1u << 20), fed = 0;
        struct lf_cache lfc = {SIZE_MAX, 0};
        while (pos < sh->len) {
                size_t next, e = line_end_cached(sh->data, pos, sh->len, &next, &lfc);
                if (!in_record) {
                        if (pos == e) {
                                /* a blank line between records: it belongs to the next row's raw
                                 * bytes */
                                if (blank_start == SIZE_MAX)
                                        blank_start = pos;
                                pos = next, line++;
                                continue;
                        }
                        in_record = true;
                        rec_start = blank_start != SIZE_MAX ? blank_start : pos;
                        blank_start = SIZE_MAX;
                        rec_line = line;
                        rec_first_line_end = next;
                        fieldvec_reset(&ps.fields);
                }
                fed += next - pos;
                ps.record_done = false;
                size_t used;
                if (FAST_RECORDS && line == rec_line && next > e &&
                    fast_record(sh->data, pos, e, &ps)) {
                        used = next - pos; /* libcsv, at a record's start, is left there */
                        ps.record_done = true;
                } else {
                        used = csv_parse(&p, sh->data + pos, next - pos, cb_field, on_record, &ps);
                }
                if (used != next - pos || fed > budget) {
                        if (fed > budget) {
                                diag_add(
                                    d, DIAG_ERROR, name, rec_line,
                                    "gave up parsing here (too many malformed quotes); the rest of "
                                    "the file is kept as it is");
                                bad_row(sh, rec_line, rec_start, sh->len);
                                csv_free(&p);
                                fieldvec_reset(&ps.fields);
                                free(ps.fields.off);
                                buf_free(&ps.fields.cells);
                                buf_free(&ps.unq);
                                return;
                        }
                        if (line > rec_line) {
                                /* a quote opened on an earlier line ran into later rows: the
                                 * problem is where it was opened; the lines after it are rows */
                                diag_add(d, DIAG_ERROR, name, rec_line,
                                         "unterminated quoted field; row kept as it is");
                                bad_row(sh, rec_line, rec_start, rec_first_line_end);
                                parser_restart(&p);
                                in_record = false;
                                pos = rec_first_line_end, line = rec_line + 1;
                                continue;
                        }
                        diag_add(
                            d, DIAG_ERROR, name, line,
                            "malformed quotes (a \" inside a field that is not quoted, or text "
                            "after a closing quote); row kept as it is");
                        bad_row(sh, rec_line, rec_start, next);
                        parser_restart(&p);
                        in_record = false;
                        pos = next, line++;
                        continue;
                }
                if (ps.record_done) {
                        if (!sh->header.block && !sh->header.bad && sh->nrows == 0) {
                                sh->header.line = rec_line;
                                sh->header.raw_off = rec_start;
                                sh->header.raw_len = next - rec_start;
                                sh->header.ncells = ps.fields.n;
                                sh->header.block = make_block(&ps.fields);
                                const char *t = sh->data + e;
                                sh->eol = e >= sh->len ? EOL_LF
                                          : (*t == '\r' && e + 1 < sh->len && t[1] == '\n')
                                              ? EOL_CRLF
                                          : *t == '\r' ? EOL_CR
                                                       : EOL_LF;
                        } else {
                                finish_row(sh, &ps, rec_line, rec_start, next, name, d);
                        }
                        in_record = false;
                }
                pos = next, line++;
        }
        if (in_record) {
                ps.record_done = false;
                if (csv_fini(&p, cb_field, on_record, &ps) != 0) {
                        /* an unterminated quote: keep the first line of the record as it is and
                         * parse again after it, so one stray quote does not swallow the file */
                        diag_add(d, DIAG_ERROR, name, rec_line,
                                 "unterminated quoted field; row kept as it is");
                        bad_row(sh, rec_line, rec_start, rec_first_line_end);
                        csv_free(&p);
                        free(ps.fields.off);
                        buf_free(&ps.fields.cells);
                        buf_free(&ps.unq);
                        unsigned l = rec_line + 1;
                        /* count the lines inside the first physical line: exactly one */
                        parse_rows(sh, rec_first_line_end, l, name, d);
                        return;
                }
                if (ps.record_done) {
                        if (!sh->header.block && sh->nrows == 0) {
                                sh->header.line = rec_line;
                                sh->header.raw_off = rec_start;
                                sh->header.raw_len = sh->len - rec_start;
                                sh->header.ncells = ps.fields.n;
                                sh->header.block = make_block(&ps.fields);
                        } else {
                                finish_row(sh, &ps, rec_line, rec_start, sh->len, name, d);
                        }
                }
        } else {
                csv_fini(&p, cb_field, on_record, &ps);
                if (blank_start != SIZE_MAX) {
                        /* blank lines at the end stay with the last row */
                        struct sheet_row *last = sh->nrows ? &sh->rows[sh->nrows - 1] : &sh->header;
                        if (last->raw_off + last->raw_len == blank_start)
                                last->raw_len = sh->len - last->raw_off;
                }
        }
        csv_free(&p);
        free(ps.fields.off);
        buf_free(&ps.fields.cells);
        buf_free(&ps.unq);
}

/* Big files are parsed in two halves at once, split at a line end where the
 * number of quotes before it is even (outside any quoted field, if the file is
 * well formed). The result is used only if each half parsed without a problem
 * and the first ended exactly at the split: then it is what one pass gives,
 * row for row. Otherwise the file is parsed again in one pass, which reports
 * the problems as always. */
#ifndef SPLIT_MIN
#define SPLIT_MIN ((size_t)4 << 20)
#endif

static bool eol_byte(char c)
{
        return c == '\n' || c == '\r';
}

/* A split point after pos: just after an LF ending a non-blank line, with an even
 * number of quotes before it, and not followed by a blank line. 0 if none. */
static size_t find_split(const char *p, size_t pos, size_t len)
{
        size_t mid = pos + (len - pos) / 2, q = 0;
        for (const char *c = p + pos; (c = memchr(c, '"', (size_t)(p + mid - c))); c++)
                q++;
        for (size_t i = mid; i + 1 < len;) {
                const char *lf = memchr(p + i, '\n', len - i - 1);
                if (!lf)
                        return 0;
                for (const char *c = p + i; (c = memchr(c, '"', (size_t)(lf - c))); c++)
                        q++;
                size_t at = (size_t)(lf - p) + 1;
                i = at;
                if (q % 2 || at - pos < 3 || eol_byte(p[at]))
                        continue;
                if (p[at - 2] == '\n' || (p[at - 2] == '\r' && eol_byte(p[at - 3])))
                        continue; /* a blank line before: it would belong to the next row */
                return at > len - (len - pos) / 4 ? 0 : at;
        }
        return 0;
}

/* Physical lines ended in p[0..n), as parse_rows counts them (CRLF is one). */
static unsigned count_lines(const char *p, size_t n)
{
        unsigned lines = 0;
        for (const char *c = p, *e = p + n; (c = memchr(c, '\n', (size_t)(e - c))); c++)
                lines++;
        for (const char *c = p, *e = p + n; (c = memchr(c, '\r', (size_t)(e - c))); c++)
                if (c + 1 == e || c[1] != '\n')
                        lines++;
        return lines;
}

struct tail_job {
        struct sheet tail;
        size_t pos;
        const char *name;
        struct diag d;
};

static void *tail_run(void *arg)
{
        struct tail_job *j = arg;
        parse_rows(&j->tail, j->pos, 1, j->name, &j->d);
        return NULL;
}

static struct sheet_pool *pool_new(size_t bytes)
{
        struct sheet_pool *pl = xcalloc(1, sizeof *pl);
        pl->next_cap = bytes + bytes / 4 + ((size_t)64 << 10);
        return pl;
}

static void row_free(struct sheet_row *r)
{
        if (!r->pooled)
                free(r->block);
        r->pooled = false;
        free(r->raw_own);
        r->block = r->raw_own = NULL;
}

static void rows_free(struct sheet *sh)
{
        for (size_t i = 0; i < sh->nrows; i++)
                row_free(&sh->rows[i]);
        free(sh->rows);
        pool_free(sh->pool);
        sh->rows = NULL;
        sh->nrows = sh->cap = 0;
        sh->pool = NULL;
}

/* Room for the rows of p[0..n), guessed from the line ends in its first 64 KiB,
 * so that a big file's row array is not copied over and over as it grows. */
static void rows_reserve(struct sheet *sh, const char *p, size_t n)
{
        size_t probe = n < ((size_t)64 << 10) ? n : (size_t)64 << 10, lines = 1;
        for (const char *c = p, *e = p + probe; (c = memchr(c, '\n', (size_t)(e - c))); c++)
                lines++;
        size_t want = (size_t)((double)lines * ((double)n / (double)(probe ? probe : 1)) * 1.05);
        if (want > sh->cap) {
                sh->cap = want;
                sh->rows = xbig_realloc(sh->rows, sh->nrows * sizeof *sh->rows,
                                        sh->cap * sizeof *sh->rows);
        }
}

/* parse_rows from pos to the end, in two halves at once when that is safe. */
static void parse_all(struct sheet *sh, size_t pos, unsigned line, const char *name, struct diag *d)
{
        size_t mid = sh->len - pos >= SPLIT_MIN ? find_split(sh->data, pos, sh->len) : 0;
        struct tail_job j = {0};
        pthread_t th;
        if (mid) {
                j.tail.data = sh->data;
                j.tail.len = sh->len;
                j.tail.header.block = (char *)""; /* rows only: the header is the first half's */
                j.tail.pool = pool_new(sh->len - mid);
                rows_reserve(&j.tail, sh->data + mid, sh->len - mid);
                j.pos = mid;
                j.name = name;
                if (pthread_create(&th, NULL, tail_run, &j) != 0) {
                        pool_free(j.tail.pool);
                        mid = 0;
                }
        }
        if (!mid) {
                if (sh->len - pos >= SPLIT_MIN)
                        rows_reserve(sh, sh->data + pos, sh->len - pos);
                parse_rows(sh, pos, line, name, d);
                return;
        }
        struct diag d1 = {0};
        size_t len = sh->len;
        sh->len = mid;
        sh->pool = pool_new(mid - pos);
        rows_reserve(sh, sh->data + pos, sh->len - pos); /* the tail's rows are added after */
        parse_rows(sh, pos, line, name, &d1);
        sh->len = len;
        pthread_join(th, NULL);
        const struct sheet_row *last = sh->nrows ? &sh->rows[sh->nrows - 1] : NULL;
        bool ok = d1.n == 0 && j.d.n == 0 && sh->header.block && !sh->header.bad && last &&
                  last->raw_off + last->raw_len == mid && j.tail.nrows > 0;
        diag_free(&d1);
        diag_free(&j.d);
        if (!ok) {
                rows_free(&j.tail);
                rows_free(sh);
                free(sh->header.block);
                memset(&sh->header, 0, sizeof sh->header);
                sh->eol = EOL_LF;
                parse_rows(sh, pos, line, name, d);
                return;
        }
        unsigned shift = line + count_lines(sh->data + pos, mid - pos) - 1;
        if (sh->cap < sh->nrows + j.tail.nrows) {
                sh->cap = sh->nrows + j.tail.nrows;
                sh->rows = xbig_realloc(sh->rows, sh->nrows * sizeof *sh->rows,
                                        sh->cap * sizeof *sh->rows);
        }
        for (size_t i = 0; i < j.tail.nrows; i++) {
                j.tail.rows[i].line += shift;
                sh->rows[sh->nrows++] = j.tail.rows[i];
        }
        free(j.tail.rows);
        struct pool_chunk **end = &sh->pool->head;
        while (*end)
                end = &(*end)->next;
        *end = j.tail.pool->head;
        free(j.tail.pool);
}

static void header_columns(struct sheet *sh)
{
        struct buf nb = {0};
        sh->ncols = sh->header.ncells;
        sh->cols = xcalloc(sh->ncols + 1, sizeof *sh->cols);
        for (unsigned i = 0; i < sh->ncols; i++) {
                const char *c = row_cell(&sh->header, i);
                sheet_normalise_name(c, strlen(c), &nb);
                sh->cols[i] = xstrdup(buf_str(&nb));
        }
        buf_free(&nb);
}

/* The header row: bytes that are not UTF-8, and names given twice (lookups find
 * only the first; the other column is kept as it is). */
static void header_check(const struct sheet *sh, const char *name, struct diag *d)
{
        const char *raw = sheet_row_raw(sh, &sh->header);
        size_t bad;
        if (!utf8_valid(raw, sh->header.raw_len, &bad))
                diag_add(d, DIAG_ERROR, name, sh->header.line,
                         "header row not valid UTF-8 (byte 0x%02X)%s", (unsigned char)raw[bad],
                         guess_encoding((const unsigned char *)raw, sh->header.raw_len));
        struct strmap seen = {0};
        unsigned dups = 0;
        for (unsigned i = 0; i < sh->ncols; i++) {
                if (!*sh->cols[i])
                        continue;
                int first = strmap_get(&seen, sh->cols[i]);
                if (first < 0) {
                        strmap_put(&seen, sh->cols[i], (int)i);
                } else if (++dups <= 3) {
                        diag_add(d, DIAG_WARN, name, sh->header.line,
                                 "column \"%s\" appears twice (columns %d and %u); only the first "
                                 "is read",
                                 text_safe(row_cell(&sh->header, i)), first + 1, i + 1);
                }
        }
        if (dups > 3)
                diag_add(d, DIAG_WARN, name, sh->header.line, "%u more repeated column names",
                         dups - 3);
        strmap_free(&seen);
}

static int load_data(struct sheet *sh, const char *name, struct diag *d)
{
        size_t pos = 0;
        unsigned line = 1;
        if (sniff(sh, name, d) < 0)
                return -1;
        if (sh->len >= 3 && memcmp(sh->data, "\xEF\xBB\xBF", 3) == 0) {
                sh->bom = true;
                pos = 3;
        }
        if (sh->len - pos >= 4 && strncasecmp(sh->data + pos, "sep=", 4) == 0) {
                size_t next;
                size_t e = line_end(sh->data, pos, sh->len, &next);
                if (e - pos != 5 || sh->data[pos + 4] != ',') {
                        diag_add(d, DIAG_ERROR, name, 1,
                                 "the file says its separator is not a comma (\"%.*s\"); save it "
                                 "as CSV with commas",
                                 (int)(e - pos > 20 ? 20 : e - pos), sh->data + pos);
                        return -1;
                }
                sh->sep_off = pos;
                sh->sep_len = next - pos;
                pos = next;
                line = 2;
        }
        parse_all(sh, pos, line, name, d);
        if (!sh->header.block) {
                diag_add(d, DIAG_ERROR, name, line, "no header row could be read");
                return -1;
        }
        header_columns(sh);
        if (sh->ncols == 1 && strchr(row_cell(&sh->header, 0), ';')) {
                diag_add(d, DIAG_ERROR, name, sh->header.line,
                         "looks semicolon-separated (Excel with ';' as list separator); save it as "
                         "CSV with commas");
                return -1;
        }
        if (sh->ncols == 1 && strchr(row_cell(&sh->header, 0), '\t')) {
                diag_add(d, DIAG_ERROR, name, sh->header.line,
                         "looks tab-separated (Excel \"Text\" or \"Unicode Text\"); save it as CSV "
                         "with commas");
                return -1;
        }
        header_check(sh, name, d);
        sh->loaded = true;
        sh->exists = true;
        return 0;
}

int sheet_load_mem(struct sheet *sh, const char *name, const char *data, size_t len, struct diag *d)
{
        memset(sh, 0, sizeof *sh);
        sh->path = xstrdup(name);
        sh->data = xmalloc(len + 1);
        memcpy(sh->data, data, len);
        sh->data[len] = '\0';
        sh->len = len;
        sh->stamp.exists = true;
        sh->stamp.size = (off_t)len;
        return load_data(sh, name, d);
}

static void stamp_from_stat(struct file_stamp *st, const struct stat *sb, size_t len)
{
        st->exists = true;
        st->dev = sb->st_dev;
        st->ino = sb->st_ino;
        st->size = (off_t)len;
        st->mtime_ns = (long long)sb->st_mtim.tv_sec * 1000000000LL + sb->st_mtim.tv_nsec;
        st->hash = 0; /* not computed: sheet_changed_on_disk compares the bytes themselves */
}

void sheet_read_error(const char *path, int err, const struct stat *sb, struct diag *d)
{
        if (err == FILE_E_TOOBIG) {
                char size[32], max[32];
                file_size_text((unsigned long long)sb->st_size, size, sizeof size);
                file_size_text(file_max_size(), max, sizeof max);
                diag_add(d, DIAG_ERROR, path, 0,
                         "too big to open: %s, over the limit of %s ([workbook] max_file_size "
                         "in capbook.ini)",
                         size, max);
        } else if (err == FILE_E_NOTREG || err == FILE_E_SYMLINK) {
                diag_add(d, DIAG_ERROR, path, 0, "%s", file_strerror(err));
        } else {
                diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s", file_strerror(err));
        }
}

int sheet_load_flags(struct sheet *sh, const char *path, unsigned flags, struct diag *d)
{
        memset(sh, 0, sizeof *sh);
        sh->path = xstrdup(path);
        struct stat sb;
        memset(&sb, 0, sizeof sb);
        if (file_read_all(path, flags, 0, &sh->data, &sh->len, &sb) < 0) {
                sheet_read_error(path, errno, &sb, d);
                sh->data = NULL;
                return -1;
        }
        stamp_from_stat(&sh->stamp, &sb, sh->len);
        return load_data(sh, path, d);
}

int sheet_load(struct sheet *sh, const char *path, struct diag *d)
{
        return sheet_load_flags(sh, path, FILE_NOFOLLOW, d);
}

void sheet_init_new(struct sheet *sh, const char *path, const char *const *cols, unsigned ncols,
                    bool excel)
{
        memset(sh, 0, sizeof *sh);
        sh->path = xstrdup(path);
        sh->data = xstrdup("");
        sh->loaded = true;
        sh->bom = excel;
        sh->eol = excel ? EOL_CRLF : EOL_LF;
        struct fieldvec f = {0};
        for (unsigned i = 0; i < ncols; i++)
                on_field((void *)cols[i], strlen(cols[i]), &f);
        sh->header.ncells = f.n;
        sh->header.block = make_block(&f);
        free(f.off);
        buf_free(&f.cells);
        sh->header_dirty = true;
        sh->dirty = true;
        header_columns(sh);
}

void sheet_free(struct sheet *sh)
{
        for (size_t i = 0; i < sh->nrows; i++)
                row_free(&sh->rows[i]);
        row_free(&sh->header);
        for (unsigned i = 0; i < sh->ncols; i++)
                free(sh->cols[i]);
        free(sh->cols);
        free(sh->rows);
        free(sh->data);
        free(sh->path);
        pool_free(sh->pool);
        memset(sh, 0, sizeof *sh);
}

int sheet_col(const struct sheet *sh, const char *name)
{
        for (unsigned i = 0; i < sh->ncols; i++)
                if (strcmp(sh->cols[i], name) == 0)
                        return (int)i;
        return -1;
}

const char *sheet_get(const struct sheet *sh, size_t row, int col)
{
        if (row >= sh->nrows || col < 0)
                return "";
        return row_cell(&sh->rows[row], (unsigned)col);
}

/* Rebuilds a row's cells with cell `col` replaced (and the row widened as needed). */
static void row_set(struct sheet_row *r, unsigned col, const char *value, unsigned min_cells)
{
        struct fieldvec f = {0};
        unsigned n = r->ncells > col + 1 ? r->ncells : col + 1;
        if (n < min_cells)
                n = min_cells;
        f.off = xmalloc(n * sizeof *f.off); /* not one realloc per cell: quadratic */
        f.cap = n;
        for (unsigned i = 0; i < n; i++) {
                const char *v = i == col ? value : row_cell(r, i);
                f.off[f.n++] = (uint32_t)f.cells.len;
                buf_adds(&f.cells, v);
                buf_addc(&f.cells, '\0');
        }
        if (!r->pooled)
                free(r->block);
        r->pooled = false;
        r->narrow = false;
        r->block = make_block(&f);
        r->ncells = f.n;
        r->dirty = true;
        free(f.off);
        buf_free(&f.cells);
}

int sheet_ensure_col(struct sheet *sh, const char *name)
{
        int c = sheet_col(sh, name);
        if (c >= 0)
                return c;
        row_set(&sh->header, sh->header.ncells, name, 0);
        for (unsigned i = 0; i < sh->ncols; i++)
                free(sh->cols[i]);
        free(sh->cols);
        header_columns(sh);
        sh->header_dirty = true;
        sh->dirty = true;
        return sheet_col(sh, name);
}

void sheet_set(struct sheet *sh, size_t row, int col, const char *value)
{
        if (row >= sh->nrows || col < 0 || sh->rows[row].bad)
                return;
        if (strcmp(row_cell(&sh->rows[row], (unsigned)col), value) == 0)
                return;
        row_set(&sh->rows[row], (unsigned)col, value, sh->ncols);
        sh->dirty = true;
}

size_t sheet_append(struct sheet *sh)
{
        struct sheet_row r = {0};
        r.line = 0;
        r.dirty = true;
        struct fieldvec f = {0};
        r.block = make_block(&f);
        rows_push(sh, &r);
        sh->dirty = true;
        return sh->nrows - 1;
}

void sheet_remove(struct sheet *sh, size_t row)
{
        if (row >= sh->nrows)
                return;
        row_free(&sh->rows[row]);
        memmove(&sh->rows[row], &sh->rows[row + 1], (sh->nrows - row - 1) * sizeof *sh->rows);
        sh->nrows--;
        sh->dirty = true;
}

static const char *eol_str(enum sheet_eol e)
{
        return e == EOL_CRLF ? "\r\n" : e == EOL_CR ? "\r" : "\n";
}

size_t sheet_old_style_rows(const struct sheet *sh)
{
        size_t n = 0;
        for (size_t i = 0; i < sh->nrows; i++)
                n += sh->rows[i].old_style && !sh->rows[i].bad;
        return n;
}

void sheet_encode_field(struct buf *out, const char *v)
{
        size_t len = strlen(v);
        bool guard = guard_needed(v, len);
        /* quoted too: what would read back as a BOM or a "sep=" line at the start of a file */
        bool quote = strpbrk(v, ",\"\r\n;\t") != NULL || strncmp(v, "\xEF\xBB\xBF", 3) == 0 ||
                     strncasecmp(v, "sep=", 4) == 0;
        if (quote)
                buf_addc(out, '"');
        if (guard)
                buf_addc(out, '\'');
        if (quote) {
                for (const char *p = v; *p; p++) {
                        if (*p == '"')
                                buf_addc(out, '"');
                        buf_addc(out, *p);
                }
        } else {
                buf_add(out, v, len);
        }
        if (quote)
                buf_addc(out, '"');
}

static void encode_row(struct buf *out, const struct sheet_row *r, enum sheet_eol eol)
{
        if (r->ncells == 1 && !*row_cell(r, 0)) {
                buf_adds(out, "\"\""); /* a lone empty field must not become a blank line */
        } else {
                for (unsigned i = 0; i < r->ncells; i++) {
                        if (i)
                                buf_addc(out, ',');
                        sheet_encode_field(out, row_cell(r, i));
                }
        }
        buf_adds(out, eol_str(eol));
}

static bool ends_line(const struct buf *out)
{
        return out->len == 0 || out->s[out->len - 1] == '\n' || out->s[out->len - 1] == '\r';
}

static bool row_bare(const struct sheet_row *r, unsigned key)
{
        for (unsigned i = 0; i < r->ncells; i++)
                if (i != key && *row_cell(r, i))
                        return false;
        return true;
}

/* Writes rows into out and records where each row's bytes went (offs may be NULL). */
static void encode_all(struct sheet *sh, struct buf *out, size_t *offs, size_t *lens)
{
        if (sh->bom)
                buf_adds(out, "\xEF\xBB\xBF");
        if (sh->sep_len)
                buf_add(out, sh->data + sh->sep_off, sh->sep_len);
        size_t start = out->len;
        if (sh->header_dirty || sh->header.dirty)
                encode_row(out, &sh->header, sh->eol);
        else
                buf_add(out, sheet_row_raw(sh, &sh->header), sh->header.raw_len);
        if (offs) {
                offs[0] = start;
                lens[0] = out->len - start;
        }
        for (size_t i = 0; i < sh->nrows; i++) {
                const struct sheet_row *r = &sh->rows[i];
                if (!ends_line(out))
                        buf_adds(out, eol_str(sh->eol));
                start = out->len;
                if (r->dirty && !r->bad && sh->drop_bare_rows && row_bare(r, sh->bare_key))
                        ; /* nothing to say: no row */
                else if ((r->dirty || r->old_style) && !r->bad)
                        encode_row(out, r, sh->eol);
                else
                        buf_add(out, sheet_row_raw(sh, r), r->raw_len);
                if (offs) {
                        offs[i + 1] = start;
                        lens[i + 1] = out->len - start;
                }
        }
}

void sheet_encode(struct sheet *sh, struct buf *out)
{
        encode_all(sh, out, NULL, NULL);
}

/* Does the file hold exactly the bytes last read or written (sh->data)? 1 yes,
 * 0 no, -1 it cannot be read. Compared in slices, without holding a second copy. */
static int same_on_disk(const struct sheet *sh)
{
        struct stat sb;
        /* a FIFO or a link put in its place is not the sheet: "changed", and then
         * refused when read for the merge */
        int fd = file_open_read(sh->path, FILE_NOFOLLOW, (unsigned long long)-1, &sb);
        if (fd < 0)
                return -1;
        if ((uintmax_t)sb.st_size != (uintmax_t)sh->len) {
                close(fd);
                return 0;
        }
        size_t cap = (size_t)1 << 20, off = 0;
        char *buf = xmalloc(cap);
        int same = 1;
        for (;;) {
                ssize_t r = read(fd, buf, cap);
                if (r < 0) {
                        if (errno == EINTR)
                                continue;
                        same = -1;
                        break;
                }
                if (r == 0)
                        break;
                if ((size_t)r > sh->len - off || memcmp(buf, sh->data + off, (size_t)r) != 0) {
                        same = 0;
                        break;
                }
                off += (size_t)r;
        }
        if (same == 1 && off != sh->len)
                same = 0;
        free(buf);
        close(fd);
        return same;
}

bool sheet_changed_on_disk(const struct sheet *sh)
{
        int same = same_on_disk(sh);
        if (!sh->exists)
                return same >= 0; /* someone created it meanwhile */
        if (same < 0 || !sh->stamp.exists)
                return true;
        return same == 0;
}

int sheet_save(struct sheet *sh, unsigned mode, bool force, struct diag *d)
{
        if (!sh->loaded)
                return 0; /* never write over a file we could not read */
        if (!sh->dirty && !force)
                return 0;
        if (sheet_changed_on_disk(sh)) {
                diag_add(d, DIAG_ERROR, sh->path, 0,
                         "changed on disk since capbook read it; not overwritten");
                return -1;
        }
        struct buf out = {0};
        out.cap = sh->len + sh->len / 16 + 4096; /* an edit rarely grows a file by more */
        out.s = xbig_alloc(out.cap);
        out.s[0] = '\0';
        size_t *offs = xcalloc(sh->nrows + 1, sizeof *offs);
        size_t *lens = xcalloc(sh->nrows + 1, sizeof *lens);
        encode_all(sh, &out, offs, lens);
        char err[256];
        if (file_replace(sh->path, out.s ? out.s : "", out.len, mode, err, sizeof err) < 0) {
                diag_add(d, DIAG_ERROR, sh->path, 0, "not saved: %s", err);
                free(offs);
                free(lens);
                buf_free(&out);
                return -1;
        }
        /* the written bytes become the rows' raw bytes: a second save is identical */
        free(sh->data);
        sh->len = out.len;
        sh->data = buf_take(&out);
        size_t hdr_off = (sh->bom ? 3 : 0);
        if (sh->sep_len) {
                sh->sep_off = hdr_off;
        }
        sh->header.raw_off = offs[0];
        sh->header.raw_len = lens[0];
        free(sh->header.raw_own);
        sh->header.raw_own = NULL;
        sh->header.dirty = false;
        sh->header_dirty = false;
        for (size_t i = 0; i < sh->nrows; i++) {
                struct sheet_row *r = &sh->rows[i];
                free(r->raw_own);
                r->raw_own = NULL;
                r->raw_off = offs[i + 1];
                r->raw_len = lens[i + 1];
                r->dirty = false;
                r->old_style = false;
        }
        free(offs);
        free(lens);
        sh->exists = true;
        sh->dirty = false;
        struct stat sb;
        if (stat(sh->path, &sb) == 0)
                stamp_from_stat(&sh->stamp, &sb, sh->len);
        else
                memset(&sh->stamp, 0, sizeof sh->stamp);
        return 0;
}
