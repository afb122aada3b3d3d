/* sheet.c — CSV sheets on libcsv. libcsv is fed one physical line at a time so
 * every record knows its line number and its raw bytes; a record that fails
 * strict parsing is kept verbatim and parsing resumes after it. The file is held
 * once: a row's cells are decoded in place in the bytes read, and the row's bytes
 * as read are made again from them when a save, a merge or history needs them. */
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

#define PARSE_BLOCK (1u << 20)        /* libcsv's 128-byte growth is quadratic on big cells */
#define EMIT_CHUNK  ((size_t)1 << 20) /* a save or a comparison works in slices this big */

/* Where a row's bytes on disk come from when its cells cannot make them: the
 * bytes themselves (a bad row, a row libcsv parsed, the header), or the row as it
 * was before this session's edits; and the bytes of rows removed just before it. */
struct sheet_origin {
        const char *raw; /* NULL: the bytes are made from before (or there are none) */
        size_t raw_len;
        bool raw_own; /* raw is malloc'd */
        bool has_before;
        struct sheet_row before; /* its origin NULL; its cells freed with this if own */
        char *gone;              /* the bytes of rows removed just before this one */
        size_t gone_len;
};

/* Row blocks and offsets made while loading are carved out of a few big chunks
 * instead of one malloc each; sheet_free releases them together. */
struct pool_chunk {
        struct pool_chunk *next;
        size_t used, cap;
        char mem[];
};

struct sheet_pool {
        struct pool_chunk *head;
        size_t next_cap;
};

static void *pool_alloc(struct sheet_pool *pl, size_t n, size_t align)
{
        struct pool_chunk *c = pl->head;
        size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
        if (!c || at > c->cap || c->cap - at < n) {
                size_t cap = pl->next_cap > n ? pl->next_cap : n;
                c = xbig_alloc(sizeof *c + cap);
                c->next = pl->head;
                c->used = 0;
                c->cap = cap;
                pl->head = c;
                pl->next_cap = cap / 2 > ((size_t)1 << 20) ? cap / 2 : (size_t)1 << 20;
                at = 0;
        }
        void *p = c->mem + at;
        c->used = at + n;
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

static struct sheet_pool *pool_new(size_t cap)
{
        struct sheet_pool *pl = xcalloc(1, sizeof *pl);
        pl->next_cap = cap;
        return pl;
}

struct fieldvec {
        struct buf cells; /* values back to back, each NUL-terminated */
        uint32_t *off;
        unsigned n, cap;
};

static void fieldvec_reset(struct fieldvec *f)
{
        buf_reset(&f->cells);
        f->n = 0;
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
        if (guard_present(p, len)) /* the formula guard added one ' on save */
                p++, len--;
        buf_add(&f->cells, p, len);
        buf_addc(&f->cells, '\0');
}

/* A field as it lies in the bytes read: its text from at (after an opening
 * quote), len bytes of it, quoted or not, with "" pairs in it or not. */
struct span {
        size_t at, len;
        bool quoted, doubled;
};

struct parse_state {
        struct fieldvec fields; /* a record libcsv parsed, or the spans copied out */
        bool record_done;
        bool fast;         /* the record is in spans (fast_record), not in fields */
        struct span *span; /* the record's fields where they lie (fast) */
        unsigned nspan, capspan;
        struct buf unq; /* a quoted field with its "" made " */
};

#ifndef FAST_RECORDS
#define FAST_RECORDS 1
#endif

static void span_push(struct parse_state *ps, size_t at, size_t len, bool quoted, bool doubled)
{
        if (ps->nspan == ps->capspan) {
                ps->capspan = ps->capspan ? ps->capspan * 2 : 16;
                ps->span = xrealloc(ps->span, ps->capspan * sizeof *ps->span);
        }
        ps->span[ps->nspan++] = (struct span){at, len, quoted, doubled};
}

/* A record that lies on one physical line p[pos..e) (e: where its line end
 * starts), split as libcsv splits it in strict mode, without spaces trimmed:
 * fields separated by commas, a field starting with a quote running to the
 * matching quote, "" inside it standing for one ". The fields go into ps->span
 * where they lie, nothing copied. False for anything else (a quoted field still
 * open at the line end, a quote inside an unquoted field, text after a closing
 * quote): libcsv then takes the line and reports it as always. */
static bool fast_record(const char *p, size_t pos, size_t e, struct parse_state *ps)
{
        size_t i = pos;
        ps->nspan = 0;
        for (;;) {
                if (i < e && p[i] == '"') {
                        size_t j = i + 1;
                        bool doubled = false;
                        const char *q;
                        for (;;) {
                                q = memchr(p + j, '"', e - j);
                                if (!q)
                                        return false;
                                if ((size_t)(q - p) + 1 < e && q[1] == '"') {
                                        doubled = true;
                                        j = (size_t)(q - p) + 2;
                                        continue;
                                }
                                break;
                        }
                        size_t k = (size_t)(q - p); /* the closing quote */
                        if (k + 1 < e && p[k + 1] != ',')
                                return false;
                        span_push(ps, i + 1, k - i - 1, true, doubled);
                        if (k + 1 >= e)
                                return true;
                        i = k + 2;
                } else {
                        const char *c = memchr(p + i, ',', e - i);
                        size_t end = c ? (size_t)(c - p) : e;
                        if (memchr(p + i, '"', end - i))
                                return false;
                        span_push(ps, i, end - i, false, false);
                        if (!c)
                                return true;
                        i = end + 1;
                }
        }
}

/* The spans' values copied out into ps->fields (the header, a row not decoded
 * in place). */
static void spans_to_fields(const char *p, struct parse_state *ps)
{
        fieldvec_reset(&ps->fields);
        for (unsigned k = 0; k < ps->nspan; k++) {
                const struct span *sp = &ps->span[k];
                if (!sp->doubled) {
                        on_field((void *)(p + sp->at), sp->len, &ps->fields);
                        continue;
                }
                buf_reset(&ps->unq);
                for (size_t a = sp->at, end = sp->at + sp->len; a < end;) {
                        const char *dq = memchr(p + a, '"', end - a);
                        size_t n = dq ? (size_t)(dq - p) + 1 - a : end - a;
                        buf_add(&ps->unq, p + a, n);
                        a += n + (dq ? 1 : 0);
                }
                on_field(ps->unq.len ? ps->unq.s : (char *)"", ps->unq.len, &ps->fields);
        }
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

/* The cells of f in one block: uint32 offsets (ncells of them), then the values;
 * in the pool, or malloc'd when pl is NULL. */
static char *make_block_in(const struct fieldvec *f, struct sheet_pool *pl)
{
        size_t head = f->n * sizeof(uint32_t);
        char *b =
            pl ? pool_alloc(pl, head + f->cells.len + 1, 4) : xmalloc(head + f->cells.len + 1);
        uint32_t *off = (uint32_t *)(void *)b;
        for (unsigned i = 0; i < f->n; i++)
                off[i] = (uint32_t)head + f->off[i];
        if (f->cells.len)
                memcpy(b + head, f->cells.s, f->cells.len);
        b[head + f->cells.len] = '\0';
        return b;
}

/* make_block_in with uint16 offsets, when the block is under 64 KiB (NULL if not):
 * half the offsets' bytes, for the many rows a load makes. */
static char *make_narrow_block_in(const struct fieldvec *f, struct sheet_pool *pl)
{
        size_t head = f->n * sizeof(uint16_t);
        if (head + f->cells.len + 1 > UINT16_MAX)
                return NULL;
        char *b = pool_alloc(pl, head + f->cells.len + 1, 2);
        uint16_t *off = (uint16_t *)(void *)b;
        for (unsigned i = 0; i < f->n; i++)
                off[i] = (uint16_t)(head + f->off[i]);
        if (f->cells.len)
                memcpy(b + head, f->cells.s, f->cells.len);
        b[head + f->cells.len] = '\0';
        return b;
}

/* The row's cells become the block f makes: malloc'd (own), or in the pool. */
static void row_take_fields(struct sheet_row *r, const struct fieldvec *f, struct sheet_pool *pl)
{
        char *b = pl ? make_narrow_block_in(f, pl) : NULL;
        r->narrow = b != NULL;
        if (!b)
                b = make_block_in(f, pl);
        r->cells = b;
        r->off = b;
        r->ncells = f->n;
        r->own = pl == NULL;
        r->inplace = false;
}

static size_t cell_off(const struct sheet_row *r, unsigned i)
{
        return r->narrow ? ((const uint16_t *)r->off)[i] : ((const uint32_t *)r->off)[i];
}

const char *row_cell(const struct sheet_row *r, unsigned i)
{
        if (r->bad || !r->cells || i >= r->ncells)
                return "";
        return r->cells + cell_off(r, i);
}

static struct sheet_origin *origin_of(struct sheet_row *r)
{
        if (!r->origin)
                r->origin = xcalloc(1, sizeof *r->origin);
        return r->origin;
}

static void origin_free(struct sheet_origin *o)
{
        if (!o)
                return;
        if (o->raw_own)
                free((char *)o->raw);
        if (o->has_before && o->before.own)
                free(o->before.cells);
        free(o->gone);
        free(o);
}

/* The bytes as read of a row kept as it is (a bad row, a row libcsv parsed, the
 * header), lying in sh->data. */
static void row_set_raw(struct sheet_row *r, const char *raw, size_t len)
{
        struct sheet_origin *o = origin_of(r);
        if (o->raw_own)
                free((char *)o->raw);
        o->raw = raw;
        o->raw_len = len;
        o->raw_own = false;
}

const char *sheet_row_raw(const struct sheet *sh, const struct sheet_row *r, size_t *len)
{
        (void)sh;
        if (r->origin && r->origin->raw) {
                *len = r->origin->raw_len;
                return r->origin->raw;
        }
        *len = 0;
        return "";
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

static const char *eol_str(enum sheet_eol e)
{
        return e == EOL_CRLF ? "\r\n" : e == EOL_CR ? "\r" : "\n";
}

/* --- a row's bytes ------------------------------------------------------------ */

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

/* The row as capbook writes it: every field encoded, the sheet's line end. */
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

/* The bytes a row decoded in place was read from. Each field's text is where it
 * was; what stood before it says how it was written: an opening quote, the
 * formula guard's ', both, or neither (the NUL or comma that ended the field
 * before). A quoted field had its quotes doubled; the line end is the row's. */
static void row_walk(const struct sheet_row *r, struct buf *out)
{
        for (unsigned k = 0; k < r->ncells; k++) {
                size_t o = cell_off(r, k);
                const char *c = r->cells + o;
                bool quoted, guard;
                if (k == 0) {
                        quoted = o >= 1 && r->cells[0] == '"';
                        guard = o == (quoted ? 2u : 1u);
                } else {
                        quoted = c[-1] == '"' || (c[-1] == '\'' && c[-2] == '"');
                        guard = c[-1] == '\'';
                }
                if (k)
                        buf_addc(out, ',');
                if (quoted)
                        buf_addc(out, '"');
                if (guard)
                        buf_addc(out, '\'');
                size_t len = strlen(c);
                if (!quoted) {
                        buf_add(out, c, len);
                        continue;
                }
                for (const char *q; (q = memchr(c, '"', len));) {
                        size_t n = (size_t)(q - c) + 1;
                        buf_add(out, c, n);
                        buf_addc(out, '"');
                        c += n, len -= n;
                }
                buf_add(out, c, len);
                buf_addc(out, '"');
        }
        buf_adds(out, eol_str((enum sheet_eol)r->eol));
}

/* A row's own bytes on disk, when its cells make them. */
static void row_self_disk(const struct sheet *sh, const struct sheet_row *r, struct buf *out)
{
        if (r->inplace && !r->canon)
                row_walk(r, out);
        else
                encode_row(out, r, sh->eol);
}

/* The row's bytes on disk without the removed rows before it. */
void sheet_row_bytes(const struct sheet *sh, const struct sheet_row *r, struct buf *out)
{
        const struct sheet_origin *o = r->origin;
        if (o && o->raw)
                buf_add(out, o->raw, o->raw_len);
        else if (o && o->has_before)
                row_self_disk(sh, &o->before, out);
        else if (!r->fresh)
                row_self_disk(sh, r, out);
}

void sheet_row_disk(const struct sheet *sh, const struct sheet_row *r, struct buf *out)
{
        if (r->origin && r->origin->gone_len)
                buf_add(out, r->origin->gone, r->origin->gone_len);
        sheet_row_bytes(sh, r, out);
}

/* Puts a row back as it was read, where it was decoded in place (a parse whose
 * result is dropped). */
static void row_restore(struct sheet_row *r, struct buf *tmp)
{
        if (!r->inplace || r->canon)
                return;
        if (r->origin && r->origin->raw) { /* its bytes kept (blank lines after it) */
                memcpy(r->cells, r->origin->raw, r->origin->raw_len);
                return;
        }
        buf_reset(tmp);
        row_walk(r, tmp);
        memcpy(r->cells, tmp->s, tmp->len);
}

/* Where the row's bytes as read end in sh->data (rows as parsed). */
static const char *row_read_end(const struct sheet_row *r, struct buf *tmp)
{
        if (r->origin && r->origin->raw)
                return r->origin->raw + r->origin->raw_len;
        buf_reset(tmp);
        row_walk(r, tmp);
        return r->cells + tmp->len;
}

/* --- reading ------------------------------------------------------------------ */

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
        size_t n = sh->data_len;
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

static enum sheet_eol eol_at(const char *p, size_t e, size_t len)
{
        if (e >= len || p[e] == '\n')
                return EOL_LF;
        return e + 1 < len && p[e + 1] == '\n' ? EOL_CRLF : EOL_CR;
}

/* The fields of a record read by fast_record, decoded where they lie: a NUL
 * written after each value (over the comma, the closing quote or the line end),
 * the "" pairs of a quoted field made one " (the value moves up, in the field's
 * own bytes), a formula guard's ' left before the value. Nothing else moves,
 * so row_walk can write the bytes as read again. */
static void row_decode_in_place(struct sheet *sh, struct sheet_row *r, const struct parse_state *ps,
                                size_t start, size_t end, enum sheet_eol eol)
{
        char *base = sh->data + start;
        bool narrow = end - start <= UINT16_MAX;
        void *off = pool_alloc(sh->pool, ps->nspan * (narrow ? 2u : 4u), narrow ? 2 : 4);
        for (unsigned k = 0; k < ps->nspan; k++) {
                const struct span *sp = &ps->span[k];
                char *c = sh->data + sp->at;
                size_t len = sp->len;
                if (sp->doubled) {
                        size_t w = 0;
                        for (size_t a = 0; a < sp->len;) {
                                const char *dq = memchr(c + a, '"', sp->len - a);
                                size_t n = dq ? (size_t)(dq - (c + a)) + 1 : sp->len - a;
                                memmove(c + w, c + a, n);
                                w += n;
                                a += n + (dq ? 1 : 0);
                        }
                        len = w;
                }
                size_t o = sp->at - start;
                if (guard_present(c, len))
                        o++;
                c[len] = '\0';
                if (narrow)
                        ((uint16_t *)off)[k] = (uint16_t)o;
                else
                        ((uint32_t *)off)[k] = (uint32_t)o;
        }
        r->cells = base;
        r->off = off;
        r->narrow = narrow;
        r->ncells = ps->nspan;
        r->inplace = true;
        r->eol = eol;
}

static void bad_row(struct sheet *sh, unsigned line, size_t start, size_t end)
{
        struct sheet_row r = {0};
        r.line = line;
        r.bad = true;
        row_set_raw(&r, sh->data + start, end - start);
        rows_push(sh, &r);
}

/* A record parsed: a row decoded in place when it can be (read by fast_record,
 * no blank line before it), else its cells copied out beside its bytes as read. */
static void finish_row(struct sheet *sh, struct parse_state *ps, unsigned line, size_t start,
                       size_t first, size_t end, enum sheet_eol eol, const char *name,
                       struct diag *d)
{
        const char *raw = sh->data + start;
        size_t len = end - start, bad_at;
        unsigned n = ps->fast ? ps->nspan : ps->fields.n;
        if (memchr(raw, '\0', len)) {
                diag_add(d, DIAG_ERROR, name, line, "contains a NUL byte; row kept as it is");
                bad_row(sh, line, start, end);
                return;
        }
        if (!row_utf8_valid(raw, len, &bad_at)) {
                const unsigned char *u = (const unsigned char *)raw;
                diag_add(d, DIAG_ERROR, name, line,
                         "not valid UTF-8 (byte 0x%02X)%s; row kept as it is", u[bad_at],
                         guess_encoding(u, len));
                bad_row(sh, line, start, end);
                return;
        }
        if (n > SHEET_MAX_CELLS) {
                diag_add(d, DIAG_ERROR, name, line, "more than %u cells; row kept as it is",
                         SHEET_MAX_CELLS);
                bad_row(sh, line, start, end);
                return;
        }
        struct sheet_row r = {0};
        r.line = line;
        if (!sh->pool) /* the offsets, and the rows copied out */
                sh->pool = pool_new(sh->data_len / 8 + ((size_t)64 << 10));
        r.old_style = raw_unquoted_sep(raw, len);
        if (ps->fast && first == start) {
                row_decode_in_place(sh, &r, ps, start, end, eol);
        } else {
                if (ps->fast)
                        spans_to_fields(sh->data, ps);
                row_take_fields(&r, &ps->fields, sh->pool);
                row_set_raw(&r, raw, len);
        }
        rows_push(sh, &r);
}

/* The header: its cells copied out (a block of its own), its bytes as read kept. */
static void take_header(struct sheet *sh, struct parse_state *ps, unsigned line, size_t start,
                        size_t end)
{
        if (ps->fast)
                spans_to_fields(sh->data, ps);
        sh->header.line = line;
        row_take_fields(&sh->header, &ps->fields, NULL);
        row_set_raw(&sh->header, sh->data + start, end - start);
}

/* Blank lines at the end of the file stay with the last row (or the header). */
static void keep_trailing_blank(struct sheet *sh, size_t blank_start)
{
        struct sheet_row *last = sh->nrows ? &sh->rows[sh->nrows - 1] : &sh->header;
        if (!last->cells && !last->bad)
                return;
        struct buf tmp = {0};
        if (row_read_end(last, &tmp) == sh->data + blank_start) {
                struct sheet_origin *o = last->origin;
                if (o && o->raw && !o->raw_own) {
                        o->raw_len = sh->data_len - (size_t)(o->raw - sh->data);
                } else { /* decoded in place: its bytes as read, and the blank lines, kept */
                        buf_add(&tmp, sh->data + blank_start, sh->data_len - blank_start);
                        o = origin_of(last);
                        o->raw_len = tmp.len;
                        o->raw = buf_take(&tmp);
                        o->raw_own = true;
                }
        }
        buf_free(&tmp);
}

static bool have_header(const struct sheet *sh)
{
        return sh->header.cells || sh->header.bad;
}

/* Parses sh->data from pos to sh->data_len into rows; the first record becomes
 * the header. */
static void parse_rows(struct sheet *sh, size_t pos, unsigned line, const char *name,
                       struct diag *d)
{
        struct csv_parser p;
        struct parse_state ps = {0};
        parser_start(&p);
        bool in_record = false;
        size_t rec_start = pos, rec_first = pos, rec_first_line_end = pos, blank_start = SIZE_MAX;
        enum sheet_eol rec_eol = EOL_LF;
        unsigned rec_line = line;
        const size_t len = sh->data_len;
        size_t budget = len * 8 + (1u << 20), fed = 0;
        struct lf_cache lfc = {SIZE_MAX, 0};
        while (pos < len) {
                size_t next, e = line_end_cached(sh->data, pos, len, &next, &lfc);
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
                        rec_first = pos;
                        blank_start = SIZE_MAX;
                        rec_line = line;
                        rec_first_line_end = next;
                        rec_eol = eol_at(sh->data, e, len);
                        fieldvec_reset(&ps.fields);
                }
                fed += next - pos;
                ps.record_done = false;
                size_t used;
                if (FAST_RECORDS && line == rec_line && next > e &&
                    fast_record(sh->data, pos, e, &ps)) {
                        used = next - pos; /* libcsv, at a record's start, is left there */
                        ps.record_done = true;
                        ps.fast = true;
                } else {
                        ps.fast = false;
                        used = csv_parse(&p, sh->data + pos, next - pos, cb_field, on_record, &ps);
                }
                if (used != next - pos || fed > budget) {
                        if (fed > budget) {
                                diag_add(
                                    d, DIAG_ERROR, name, rec_line,
                                    "gave up parsing here (too many malformed quotes); the rest of "
                                    "the file is kept as it is");
                                bad_row(sh, rec_line, rec_start, len);
                                csv_free(&p);
                                free(ps.fields.off);
                                buf_free(&ps.fields.cells);
                                buf_free(&ps.unq);
                                free(ps.span);
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
                        if (!have_header(sh) && sh->nrows == 0) {
                                take_header(sh, &ps, rec_line, rec_start, next);
                                sh->eol = eol_at(sh->data, e, len);
                        } else {
                                finish_row(sh, &ps, rec_line, rec_start, rec_first, next, rec_eol,
                                           name, d);
                        }
                        in_record = false;
                }
                pos = next, line++;
        }
        if (in_record) {
                ps.record_done = false;
                ps.fast = false;
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
                        free(ps.span);
                        unsigned l = rec_line + 1;
                        /* count the lines inside the first physical line: exactly one */
                        parse_rows(sh, rec_first_line_end, l, name, d);
                        return;
                }
                if (ps.record_done) {
                        if (!have_header(sh) && sh->nrows == 0)
                                take_header(sh, &ps, rec_line, rec_start, len);
                        else
                                finish_row(sh, &ps, rec_line, rec_start, rec_first, len, rec_eol,
                                           name, d);
                }
        } else {
                csv_fini(&p, cb_field, on_record, &ps);
                if (blank_start != SIZE_MAX)
                        keep_trailing_blank(sh, blank_start);
        }
        csv_free(&p);
        free(ps.fields.off);
        buf_free(&ps.fields.cells);
        buf_free(&ps.unq);
        free(ps.span);
}

/* Big files are parsed in two halves at once, split at a line end where the
 * number of quotes before it is even (outside any quoted field, if the file is
 * well formed). The result is used only if each half parsed without a problem
 * and the first ended exactly at the split: then it is what one pass gives,
 * row for row. Otherwise the rows decoded in place are put back as they were
 * read and the file is parsed again in one pass, which reports the problems as
 * always. */
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

static void row_free(struct sheet_row *r)
{
        if (r->own)
                free(r->cells);
        origin_free(r->origin);
        r->own = false;
        r->cells = NULL;
        r->off = NULL;
        r->origin = NULL;
}

/* Frees the rows, putting back the bytes of those decoded in place first when
 * restore is set. */
static void rows_free(struct sheet *sh, bool restore)
{
        struct buf tmp = {0};
        for (size_t i = 0; i < sh->nrows; i++) {
                if (restore)
                        row_restore(&sh->rows[i], &tmp);
                row_free(&sh->rows[i]);
        }
        buf_free(&tmp);
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

/* The pool for rows read from n bytes: their offsets, about a tenth of the bytes. */
static size_t pool_guess(size_t n)
{
        return n / 8 + ((size_t)64 << 10);
}

/* parse_rows from pos to the end, in two halves at once when that is safe. */
static void parse_all(struct sheet *sh, size_t pos, unsigned line, const char *name, struct diag *d)
{
        size_t len = sh->data_len;
        size_t mid = len - pos >= SPLIT_MIN ? find_split(sh->data, pos, len) : 0;
        struct tail_job j = {0};
        pthread_t th;
        if (mid) {
                j.tail.data = sh->data;
                j.tail.data_len = len;
                j.tail.header.cells = (char *)""; /* rows only: the header is the first half's */
                j.tail.pool = pool_new(pool_guess(len - mid));
                rows_reserve(&j.tail, sh->data + mid, len - mid);
                j.pos = mid;
                j.name = name;
                if (pthread_create(&th, NULL, tail_run, &j) != 0) {
                        pool_free(j.tail.pool);
                        free(j.tail.rows);
                        mid = 0;
                }
        }
        if (!mid) {
                if (len - pos >= SPLIT_MIN)
                        rows_reserve(sh, sh->data + pos, len - pos);
                sh->pool = pool_new(pool_guess(len - pos));
                parse_rows(sh, pos, line, name, d);
                return;
        }
        struct diag d1 = {0};
        sh->data_len = mid;
        sh->pool = pool_new(pool_guess(mid - pos));
        rows_reserve(sh, sh->data + pos, mid - pos); /* the tail's rows are added after */
        parse_rows(sh, pos, line, name, &d1);
        sh->data_len = len;
        pthread_join(th, NULL);
        memset(&j.tail.header, 0, sizeof j.tail.header);
        const struct sheet_row *last = sh->nrows ? &sh->rows[sh->nrows - 1] : NULL;
        struct buf tmp = {0};
        bool ok = d1.n == 0 && j.d.n == 0 && sh->header.cells && !sh->header.bad && last &&
                  row_read_end(last, &tmp) == sh->data + mid && j.tail.nrows > 0;
        buf_free(&tmp);
        diag_free(&d1);
        diag_free(&j.d);
        if (!ok) {
                rows_free(&j.tail, true);
                rows_free(sh, true);
                row_free(&sh->header);
                memset(&sh->header, 0, sizeof sh->header);
                sh->eol = EOL_LF;
                sh->pool = pool_new(pool_guess(len - pos));
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
        size_t len;
        const char *raw = sheet_row_raw(sh, &sh->header, &len);
        size_t bad;
        if (!utf8_valid(raw, len, &bad))
                diag_add(d, DIAG_ERROR, name, sh->header.line,
                         "header row not valid UTF-8 (byte 0x%02X)%s", (unsigned char)raw[bad],
                         guess_encoding((const unsigned char *)raw, len));
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
        sh->len = sh->data_len;
        if (sniff(sh, name, d) < 0)
                return -1;
        if (sh->data_len >= 3 && memcmp(sh->data, "\xEF\xBB\xBF", 3) == 0) {
                sh->bom = true;
                pos = 3;
        }
        if (sh->data_len - pos >= 4 && strncasecmp(sh->data + pos, "sep=", 4) == 0) {
                size_t next;
                size_t e = line_end(sh->data, pos, sh->data_len, &next);
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
        if (!sh->header.cells) {
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

/* Loads the len bytes of data, which the sheet takes (malloc'd, one byte more
 * for a NUL). */
static int load_owned(struct sheet *sh, const char *name, char *data, size_t len, struct diag *d)
{
        memset(sh, 0, sizeof *sh);
        sh->path = xstrdup(name);
        sh->data = data;
        sh->data[len] = '\0';
        sh->data_len = len;
        sh->stamp.exists = true;
        sh->stamp.size = (off_t)len;
        return load_data(sh, name, d);
}

int sheet_load_mem(struct sheet *sh, const char *name, const char *data, size_t len, struct diag *d)
{
        char *copy = xbig_alloc(len + 1);
        memcpy(copy, data, len);
        return load_owned(sh, name, copy, len, d);
}

int sheet_load_disk(struct sheet *base, const struct sheet *sh, struct diag *d)
{
        struct buf b = {0};
        sheet_disk_bytes(sh, &b);
        size_t len = b.len;
        char *data = b.s ? buf_take(&b) : xstrdup("");
        return load_owned(base, sh->path, data, len, d);
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
        if (file_read_all(path, flags, 0, &sh->data, &sh->data_len, &sb) < 0) {
                sheet_read_error(path, errno, &sb, d);
                sh->data = NULL;
                return -1;
        }
        stamp_from_stat(&sh->stamp, &sb, sh->data_len);
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
        row_take_fields(&sh->header, &f, NULL);
        sh->header.fresh = true;
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
        free(sh->gone_tail);
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

/* --- edits -------------------------------------------------------------------- */

/* Before a row's cells change: what is on disk stays known. A row whose bytes
 * on disk its cells made keeps those cells (its origin's before); one whose bytes
 * are kept, or that is not on disk, just lets its cells go. */
static void row_keep_disk(struct sheet_row *r)
{
        struct sheet_origin *o = r->origin;
        if (r->fresh || (o && (o->raw || o->has_before))) {
                if (r->own)
                        free(r->cells);
                return;
        }
        o = origin_of(r);
        o->before = *r;
        o->before.origin = NULL;
        o->before.dirty = false;
        o->has_before = true; /* its cells (and whether they are its own) go with it */
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
        row_keep_disk(r);
        row_take_fields(r, &f, NULL);
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
        r.fresh = true;
        struct fieldvec f = {0};
        row_take_fields(&r, &f, NULL);
        rows_push(sh, &r);
        sh->dirty = true;
        return sh->nrows - 1;
}

void sheet_remove(struct sheet *sh, size_t row)
{
        if (row >= sh->nrows)
                return;
        /* its bytes on disk (and those of rows removed before it) stay known until
         * the next save: with the row after it, or at the end */
        struct buf b = {0};
        sheet_row_disk(sh, &sh->rows[row], &b);
        if (b.len && row + 1 < sh->nrows) {
                struct sheet_origin *o = origin_of(&sh->rows[row + 1]);
                buf_add(&b, o->gone, o->gone_len);
                free(o->gone);
                o->gone_len = b.len;
                o->gone = buf_take(&b);
        } else if (b.len) {
                buf_add(&b, sh->gone_tail, sh->gone_tail_len);
                free(sh->gone_tail);
                sh->gone_tail_len = b.len;
                sh->gone_tail = buf_take(&b);
        }
        buf_free(&b);
        row_free(&sh->rows[row]);
        memmove(&sh->rows[row], &sh->rows[row + 1], (sh->nrows - row - 1) * sizeof *sh->rows);
        sh->nrows--;
        sh->dirty = true;
}

size_t sheet_old_style_rows(const struct sheet *sh)
{
        size_t n = 0;
        for (size_t i = 0; i < sh->nrows; i++)
                n += sh->rows[i].old_style && !sh->rows[i].bad;
        return n;
}

/* --- writing ------------------------------------------------------------------ */

/* Bytes made a slice at a time: kept whole in b (flush NULL), or handed to flush
 * whenever EMIT_CHUNK of them are ready (a save, a comparison with the disk). */
struct emit {
        struct buf b;
        bool (*flush)(struct emit *e); /* false: stop (an error, a difference) */
        void *ctx;
        size_t total; /* bytes flushed */
        char last;    /* the last byte flushed */
        bool stop;
};

static void emit_flush(struct emit *e)
{
        if (!e->flush || e->stop || !e->b.len)
                return;
        e->last = e->b.s[e->b.len - 1];
        e->total += e->b.len;
        if (!e->flush(e))
                e->stop = true;
        e->b.len = 0;
}

static void emit_row_done(struct emit *e)
{
        if (e->flush && e->b.len >= EMIT_CHUNK)
                emit_flush(e);
}

/* Does what was emitted so far end a line (or is it nothing)? */
static bool emit_ends_line(const struct emit *e)
{
        char c = e->b.len ? e->b.s[e->b.len - 1] : e->last;
        return (!e->b.len && !e->total) || c == '\n' || c == '\r';
}

static bool row_bare(const struct sheet_row *r, unsigned key)
{
        for (unsigned i = 0; i < r->ncells; i++)
                if (i != key && *row_cell(r, i))
                        return false;
        return true;
}

static bool row_dropped(const struct sheet *sh, const struct sheet_row *r)
{
        return r->dirty && !r->bad && sh->drop_bare_rows && row_bare(r, sh->bare_key);
}

static bool row_encoded(const struct sheet_row *r)
{
        return (r->dirty || r->old_style) && !r->bad;
}

static bool header_encoded(const struct sheet *sh)
{
        return sh->header_dirty || sh->header.dirty;
}

/* The bytes a save writes. A row that lacks a line end (the last of a file
 * without one) gets one when a row follows it. */
static void encode_all(const struct sheet *sh, struct emit *e)
{
        if (sh->bom)
                buf_adds(&e->b, "\xEF\xBB\xBF");
        if (sh->sep_len)
                buf_add(&e->b, sh->data + sh->sep_off, sh->sep_len);
        if (header_encoded(sh))
                encode_row(&e->b, &sh->header, sh->eol);
        else
                sheet_row_bytes(sh, &sh->header, &e->b);
        for (size_t i = 0; i < sh->nrows && !e->stop; i++) {
                const struct sheet_row *r = &sh->rows[i];
                if (row_dropped(sh, r))
                        continue; /* nothing to say: no row */
                if (!emit_ends_line(e))
                        buf_adds(&e->b, eol_str(sh->eol));
                if (row_encoded(r))
                        encode_row(&e->b, r, sh->eol);
                else
                        sheet_row_bytes(sh, r, &e->b);
                emit_row_done(e);
        }
        emit_flush(e);
}

void sheet_encode(struct sheet *sh, struct buf *out)
{
        struct emit e = {0};
        e.b = *out;
        encode_all(sh, &e);
        *out = e.b;
        buf_str(out);
}

/* The bytes of the file as last read or written. */
static void disk_all(const struct sheet *sh, struct emit *e)
{
        if (sh->bom)
                buf_adds(&e->b, "\xEF\xBB\xBF");
        if (sh->sep_len)
                buf_add(&e->b, sh->data + sh->sep_off, sh->sep_len);
        sheet_row_disk(sh, &sh->header, &e->b);
        for (size_t i = 0; i < sh->nrows && !e->stop; i++) {
                sheet_row_disk(sh, &sh->rows[i], &e->b);
                emit_row_done(e);
        }
        buf_add(&e->b, sh->gone_tail, sh->gone_tail_len);
        emit_flush(e);
}

void sheet_disk_bytes(const struct sheet *sh, struct buf *out)
{
        struct emit e = {0};
        e.b = *out;
        disk_all(sh, &e);
        *out = e.b;
}

bool sheet_ends_line(const struct sheet *sh)
{
        struct buf b = {0};
        buf_add(&b, sh->gone_tail, sh->gone_tail_len);
        for (size_t i = sh->nrows; !b.len && i-- > 0;)
                sheet_row_disk(sh, &sh->rows[i], &b);
        if (!b.len)
                sheet_row_disk(sh, &sh->header, &b);
        if (!b.len && sh->sep_len)
                buf_add(&b, sh->data + sh->sep_off, sh->sep_len);
        bool ends = b.len ? b.s[b.len - 1] == '\n' || b.s[b.len - 1] == '\r' : !sh->bom;
        buf_free(&b);
        return ends;
}

/* A comparison with the file: each slice made is read from it and compared. */
struct compare {
        int fd;
        char *buf;
        size_t cap;
        bool same, failed;
};

static bool compare_slice(struct emit *e)
{
        struct compare *c = e->ctx;
        size_t got = 0;
        if (e->b.len > c->cap) { /* a row bigger than a slice */
                c->cap = e->b.len;
                free(c->buf);
                c->buf = xmalloc(c->cap);
        }
        while (got < e->b.len) {
                ssize_t r = read(c->fd, c->buf + got, e->b.len - got);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r < 0)
                        c->failed = true;
                if (r <= 0)
                        break;
                got += (size_t)r;
        }
        c->same = got == e->b.len && memcmp(c->buf, e->b.s, got) == 0;
        return c->same;
}

/* Does the file hold exactly the bytes last read or written? 1 yes, 0 no, -1 it
 * cannot be read. Compared in slices, the bytes made again from the rows. */
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
        struct compare c = {fd, xmalloc(EMIT_CHUNK + 4096), EMIT_CHUNK + 4096, true, false};
        struct emit e = {0};
        e.flush = compare_slice;
        e.ctx = &c;
        buf_grow(&e.b, EMIT_CHUNK + 4096);
        disk_all(sh, &e);
        int same = c.failed ? -1 : c.same ? 1 : 0;
        if (same == 1) {
                char one;
                ssize_t r;
                while ((r = read(fd, &one, 1)) < 0 && errno == EINTR)
                        ;
                if (r != 0 || e.total != sh->len)
                        same = 0; /* it grew meanwhile */
        }
        buf_free(&e.b);
        free(c.buf);
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

static bool write_slice(struct emit *e)
{
        return file_write_all(*(int *)e->ctx, e->b.s, e->b.len) == 0;
}

struct save_job {
        const struct sheet *sh;
        size_t total;
};

static int save_write(int fd, void *ctx)
{
        struct save_job *j = ctx;
        struct emit e = {0};
        e.flush = write_slice;
        e.ctx = &fd;
        buf_grow(&e.b, EMIT_CHUNK + 4096);
        encode_all(j->sh, &e);
        int err = errno;
        buf_free(&e.b);
        j->total = e.total;
        errno = err;
        return e.stop ? -1 : 0;
}

/* What the rows are on disk once the save wrote them: the rows written from
 * their cells are that now; a row that lacked a line end got one if a row
 * followed it; the rows removed are gone. */
static void after_save(struct sheet *sh)
{
        struct sheet_row *prev = NULL; /* the last row written, and what ended it */
        bool prev_ends = true;
        struct buf tmp = {0};
        for (size_t i = 0; i <= sh->nrows; i++) {
                struct sheet_row *r = i ? &sh->rows[i - 1] : &sh->header;
                bool enc = i ? row_encoded(r) : header_encoded(sh);
                bool drop = i && row_dropped(sh, r);
                if (drop) {
                        origin_free(r->origin);
                        r->origin = NULL;
                        r->fresh = true;
                        r->dirty = false;
                        continue;
                }
                if (!prev_ends && prev) {
                        /* the line end the save put after the row before */
                        buf_reset(&tmp);
                        sheet_row_bytes(sh, prev, &tmp);
                        buf_adds(&tmp, eol_str(sh->eol));
                        struct sheet_origin *o = origin_of(prev);
                        if (o->raw_own)
                                free((char *)o->raw);
                        o->raw_len = tmp.len;
                        o->raw = buf_take(&tmp);
                        o->raw_own = true;
                }
                if (enc) {
                        origin_free(r->origin);
                        r->origin = NULL;
                        r->canon = true;
                        r->fresh = r->dirty = r->old_style = false;
                        prev_ends = true;
                } else {
                        struct sheet_origin *o = r->origin;
                        if (o) {
                                free(o->gone);
                                o->gone = NULL;
                                o->gone_len = 0;
                                if (!o->raw && !o->has_before) {
                                        free(o);
                                        r->origin = NULL;
                                }
                        }
                        const struct sheet_origin *ro = r->origin;
                        if (ro && ro->raw)
                                prev_ends = !ro->raw_len || eol_byte(ro->raw[ro->raw_len - 1]);
                        else
                                prev_ends = true;
                        if (ro && ro->raw && !ro->raw_len)
                                continue; /* nothing written: the row before still ends the file */
                }
                prev = r;
        }
        buf_free(&tmp);
        free(sh->gone_tail);
        sh->gone_tail = NULL;
        sh->gone_tail_len = 0;
        sh->header_dirty = false;
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
        char err[256];
        struct save_job j = {sh, 0};
        if (file_replace_with(sh->path, mode, save_write, &j, err, sizeof err) < 0) {
                diag_add(d, DIAG_ERROR, sh->path, 0, "not saved: %s", err);
                return -1;
        }
        after_save(sh);
        sh->len = j.total;
        sh->exists = true;
        sh->dirty = false;
        struct stat sb;
        if (stat(sh->path, &sb) == 0)
                stamp_from_stat(&sh->stamp, &sb, sh->len);
        else
                memset(&sh->stamp, 0, sizeof sh->stamp);
        return 0;
}
