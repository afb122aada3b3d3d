/* sheet.c — CSV sheets on libcsv. libcsv is fed one physical line at a time so
 * every record knows its line number and its raw bytes; a record that fails
 * strict parsing is kept verbatim and parsing resumes after it. */
#include "core/sheet.h"
#include "core/text.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define PARSE_BLOCK (1u << 20) /* libcsv's 128-byte growth is quadratic on big cells */

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
};

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

static char *make_block(const struct fieldvec *f)
{
        size_t head = (f->n + 1) * sizeof(uint32_t);
        char *b = xmalloc(head + f->cells.len + 1);
        uint32_t *off = (uint32_t *)(void *)b;
        for (unsigned i = 0; i < f->n; i++)
                off[i] = (uint32_t)head + f->off[i];
        off[f->n] = (uint32_t)(head + f->cells.len);
        if (f->cells.len)
                memcpy(b + head, f->cells.s, f->cells.len);
        b[head + f->cells.len] = '\0';
        return b;
}

const char *row_cell(const struct sheet_row *r, unsigned i)
{
        if (r->bad || !r->block || i >= r->ncells)
                return "";
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
                sh->rows = xrealloc(sh->rows, sh->cap * sizeof *sh->rows);
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

static size_t line_end(const char *p, size_t pos, size_t len, size_t *next)
{
        const char *nl = NULL;
        /* the earliest CR or LF */
        const char *lf = memchr(p + pos, '\n', len - pos);
        size_t lim = lf ? (size_t)(lf - (p + pos)) : len - pos;
        const char *cr = memchr(p + pos, '\r', lim);
        nl = cr ? cr : lf;
        if (!nl) {
                *next = len;
                return len;
        }
        size_t e = (size_t)(nl - p);
        *next = e + 1;
        if (*nl == '\r' && e + 1 < len && p[e + 1] == '\n')
                *next = e + 2;
        return e;
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
        } else if (!utf8_valid(sh->data + start, end - start, &bad_at)) {
                r.bad = true;
                const unsigned char *u = (const unsigned char *)sh->data + start;
                diag_add(d, DIAG_ERROR, name, line,
                         "not valid UTF-8 (byte 0x%02X)%s; row kept as it is", u[bad_at],
                         guess_encoding(u, end - start));
        } else {
                r.ncells = ps->fields.n;
                r.block = make_block(&ps->fields);
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
        while (pos < sh->len) {
                size_t next, e = line_end(sh->data, pos, sh->len, &next);
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
                size_t used = csv_parse(&p, sh->data + pos, next - pos, cb_field, on_record, &ps);
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
                                return;
                        }
                        if (line > rec_line) {
                                /* a quote opened on an earlier line ran into later rows: the
                                 * problem is where it was opened; the lines after it are rows */
                                diag_add(d, DIAG_ERROR, name, rec_line,
                                         "unterminated quoted field; row kept as it is");
                                bad_row(sh, rec_line, rec_start, rec_first_line_end);
                                csv_free(&p);
                                parser_start(&p);
                                in_record = false;
                                pos = rec_first_line_end, line = rec_line + 1;
                                continue;
                        }
                        diag_add(
                            d, DIAG_ERROR, name, line,
                            "malformed quotes (a \" inside a field that is not quoted, or text "
                            "after a closing quote); row kept as it is");
                        bad_row(sh, rec_line, rec_start, next);
                        csv_free(&p);
                        parser_start(&p);
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
        parse_rows(sh, pos, line, name, d);
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
        sh->stamp.hash = file_hash(data, len);
        return load_data(sh, name, d);
}

int sheet_load(struct sheet *sh, const char *path, struct diag *d)
{
        memset(sh, 0, sizeof *sh);
        sh->path = xstrdup(path);
        if (file_read(path, &sh->data, &sh->len, &sh->stamp) < 0) {
                diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s", strerror(errno));
                sh->data = NULL;
                return -1;
        }
        return load_data(sh, path, d);
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

static void row_free(struct sheet_row *r)
{
        free(r->block);
        free(r->raw_own);
        r->block = r->raw_own = NULL;
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
        for (unsigned i = 0; i < n; i++) {
                const char *v = i == col ? value : row_cell(r, i);
                f.off = xrealloc(f.off, (f.n + 1) * sizeof *f.off);
                f.off[f.n++] = (uint32_t)f.cells.len;
                buf_adds(&f.cells, v);
                buf_addc(&f.cells, '\0');
        }
        free(r->block);
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

void sheet_encode_field(struct buf *out, const char *v)
{
        size_t len = strlen(v);
        bool guard = guard_needed(v, len);
        bool quote = strpbrk(v, ",\"\r\n") != NULL;
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
                if (r->dirty && !r->bad)
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

bool sheet_changed_on_disk(const struct sheet *sh)
{
        struct file_stamp now;
        bool readable = file_stamp_now(sh->path, &now);
        if (!sh->exists)
                return readable; /* someone created it meanwhile */
        if (!readable)
                return true;
        return !file_stamp_same(&now, &sh->stamp);
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
        }
        free(offs);
        free(lens);
        sh->exists = true;
        sh->dirty = false;
        file_stamp_now(sh->path, &sh->stamp);
        return 0;
}
