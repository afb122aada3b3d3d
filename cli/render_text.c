/* render_text.c — the report as plain text for 80 columns: headings underlined,
 * fields as "Label: value", tables in columns wrapped to fit (or, when their
 * columns cannot fit, one block a row), lines to sign on. */
#include "cli/cli.h"
#include "cli/render.h"

#include <stdlib.h>
#include <string.h>

#define GAP 2 /* spaces between columns */

struct text_table {
        const struct doc_table *t;
        size_t *col;  /* the shown columns */
        size_t ncols; /* how many */
        char **cells; /* nrows × ncols, sanitised; NULL as empty */
        unsigned *fl; /* their flags */
        size_t nrows, cap;
};

struct text {
        struct text_table tab;
        bool after_block; /* something was written: a blank line before the next block */
};

static struct text *st(struct doc *d)
{
        return d->state;
}

static char *clean(const char *s)
{
        struct buf b = {0};
        text_sanitize(&b, s ? s : "", s ? strlen(s) : 0, true);
        return buf_take(&b);
}

static void blank_line(struct doc *d)
{
        if (st(d)->after_block)
                fputc('\n', d->f);
        st(d)->after_block = true;
}

static void text_begin(struct doc *d, const char *title)
{
        d->state = xcalloc(1, sizeof(struct text));
        char *t = clean(title);
        cli_wrap(d->f, t, 0, 0, WIDTH);
        size_t w = text_width(t);
        for (size_t i = 0; i < (w < WIDTH ? w : WIDTH); i++)
                fputc('=', d->f);
        fputc('\n', d->f);
        free(t);
        st(d)->after_block = true;
}

static void text_heading(struct doc *d, int level, const char *anchor, const char *text,
                         unsigned flags)
{
        (void)anchor, (void)flags;
        blank_line(d);
        if (level <= 2)
                fputc('\n', d->f);
        char *t = clean(text);
        cli_wrap(d->f, t, 0, 0, WIDTH);
        if (level <= 3) {
                size_t w = text_width(t);
                for (size_t i = 0; i < (w < WIDTH ? w : WIDTH); i++)
                        fputc(level <= 2 ? '=' : '-', d->f);
                fputc('\n', d->f);
        }
        free(t);
        st(d)->after_block = false;
}

static void text_field(struct doc *d, const char *label, const char *value, unsigned flags)
{
        (void)flags;
        struct buf l = {0};
        int lw = (int)text_width(label) + 2;
        int indent = lw <= 16 ? 16 : 4;
        buf_printf(&l, "%s:%*s%s", label, lw <= 16 ? 16 - lw + 1 : 1, "", value);
        cli_wrap(d->f, l.s, indent, 0, WIDTH);
        buf_free(&l);
        st(d)->after_block = true;
}

static void text_note(struct doc *d, const char *text)
{
        blank_line(d);
        cli_wrap(d->f, text, 0, 0, WIDTH);
}

static void text_table_begin(struct doc *d, const struct doc_table *t)
{
        struct text_table *tt = &st(d)->tab;
        memset(tt, 0, sizeof *tt);
        tt->t = t;
        tt->col = xcalloc(t->ncols + 1, sizeof *tt->col);
        for (size_t i = 0; i < t->ncols; i++)
                if (doc_col_shown(&t->cols[i]))
                        tt->col[tt->ncols++] = i;
}

static void text_row(struct doc *d, const struct doc_cell *cells)
{
        struct text_table *tt = &st(d)->tab;
        if (tt->nrows == tt->cap) {
                tt->cap = tt->cap ? tt->cap * 2 : 16;
                tt->cells = xrealloc(tt->cells, tt->cap * tt->ncols * sizeof *tt->cells);
                tt->fl = xrealloc(tt->fl, tt->cap * tt->ncols * sizeof *tt->fl);
        }
        for (size_t k = 0; k < tt->ncols; k++) {
                size_t i = tt->col[k];
                unsigned fl = tt->t->cols[i].flags | cells[i].flags;
                bool repeat = (fl & CELL_REPEAT) && tt->nrows > 0;
                tt->cells[tt->nrows * tt->ncols + k] = repeat ? NULL : clean(cells[i].text);
                tt->fl[tt->nrows * tt->ncols + k] = fl;
        }
        tt->nrows++;
}

/* The widest word (unbroken run) and the widest line of s, in columns. */
static void measure(const char *s, size_t *word, size_t *line)
{
        *word = *line = 0;
        if (!s)
                return;
        while (*s) {
                size_t n = strcspn(s, "\n");
                char *l = xstrndup(s, n);
                size_t w = text_width(l);
                if (w > *line)
                        *line = w;
                for (char *p = strtok(l, " "); p; p = strtok(NULL, " ")) {
                        size_t ww = text_width(p);
                        if (ww > *word)
                                *word = ww;
                }
                free(l);
                s += n;
                if (*s == '\n')
                        s++;
        }
}

/* s wrapped to width: its lines, each no wider (a word longer is broken). */
static size_t wrap_lines(const char *s, int width, struct strlist *out)
{
        if (!s || !*s) {
                strlist_push(out, "");
                return 1;
        }
        size_t before = out->n;
        while (*s) {
                size_t nl = strcspn(s, "\n");
                char *para = xstrndup(s, nl);
                const char *p = para;
                if (!*p)
                        strlist_push(out, "");
                while (*p) {
                        const char *next;
                        size_t len = text_wrap_line(p, width, &next);
                        while (len && p[len - 1] == ' ')
                                len--;
                        char *line = xstrndup(p, len);
                        strlist_push(out, line);
                        free(line);
                        p = next;
                        while (*p == ' ')
                                p++;
                }
                free(para);
                s += nl;
                if (*s == '\n')
                        s++;
        }
        return out->n - before;
}

static void put_padded(struct buf *l, const char *s, int width, bool right)
{
        int pad = width - (int)text_width(s);
        if (pad < 0)
                pad = 0;
        if (right)
                buf_printf(l, "%*s%s", pad, "", s);
        else
                buf_printf(l, "%s%*s", s, pad, "");
}

/* One block a row: the first column's value, then each other "Label: value". */
static void table_records(struct doc *d, struct text_table *tt)
{
        const struct doc_col *cols = tt->t->cols;
        for (size_t r = 0; r < tt->nrows; r++) {
                fputc('\n', d->f);
                for (size_t k = 0; k < tt->ncols; k++) {
                        const char *v = tt->cells[r * tt->ncols + k];
                        if (k > 0 && (!v || !*v))
                                continue;
                        struct buf l = {0};
                        buf_printf(&l, "%s: %s", cols[tt->col[k]].label, v ? v : "");
                        cli_wrap(d->f, l.s, 6, k ? 4 : 0, WIDTH);
                        buf_free(&l);
                }
        }
}

static void table_columns(struct doc *d, struct text_table *tt, const int *width)
{
        const struct doc_col *cols = tt->t->cols;
        size_t n = tt->ncols;
        struct strlist *lines = xcalloc(n, sizeof *lines);
        /* the header (wrapped too), then a rule under each column */
        for (size_t r = 0; r <= tt->nrows; r++) {
                size_t height = 0;
                for (size_t k = 0; k < n; k++) {
                        strlist_free(&lines[k]);
                        const char *v =
                            r == 0 ? cols[tt->col[k]].label : tt->cells[(r - 1) * tt->ncols + k];
                        size_t h = wrap_lines(v, width[k], &lines[k]);
                        height = h > height ? h : height;
                }
                for (size_t y = 0; y < height; y++) {
                        struct buf l = {0};
                        for (size_t k = 0; k < n; k++) {
                                unsigned fl = r ? tt->fl[(r - 1) * tt->ncols + k] : 0;
                                const char *s = y < lines[k].n ? lines[k].v[y] : "";
                                if (k)
                                        buf_printf(&l, "%*s", GAP, "");
                                put_padded(&l, s, width[k], fl & CELL_NUM);
                        }
                        while (l.len && l.s[l.len - 1] == ' ')
                                l.len--;
                        fprintf(d->f, "%.*s\n", (int)l.len, buf_str(&l));
                        buf_free(&l);
                }
                if (r == 0) {
                        for (size_t k = 0; k < n; k++) {
                                if (k)
                                        fprintf(d->f, "%*s", GAP, "");
                                for (int i = 0; i < width[k]; i++)
                                        fputc('-', d->f);
                        }
                        fputc('\n', d->f);
                }
        }
        for (size_t k = 0; k < n; k++)
                strlist_free(&lines[k]);
        free(lines);
}

static void text_table_end(struct doc *d)
{
        struct text_table *tt = &st(d)->tab;
        const struct doc_col *cols = tt->t->cols;
        size_t n = tt->ncols;
        blank_line(d);
        if (tt->t->caption) {
                char *c = clean(tt->t->caption);
                cli_wrap(d->f, c, 0, 0, WIDTH);
                free(c);
        }
        int *minw = xcalloc(n + 1, sizeof *minw), *natw = xcalloc(n + 1, sizeof *natw);
        for (size_t k = 0; k < n; k++) {
                size_t word, line;
                /* a heading may wrap at its spaces: only its longest word counts */
                measure(cols[tt->col[k]].label, &word, &line);
                minw[k] = natw[k] = (int)word;
                for (size_t r = 0; r < tt->nrows; r++) {
                        const char *v = tt->cells[r * n + k];
                        measure(v, &word, &line);
                        /* a date is never broken; a long word may be, past a point */
                        if (tt->fl[r * n + k] & CELL_DATE)
                                word = line;
                        minw[k] = (int)word > minw[k] ? (int)word : minw[k];
                        natw[k] = (int)line > natw[k] ? (int)line : natw[k];
                }
                int cap = cols[tt->col[k]].flags & CELL_DATE ? 26 : 14;
                if (minw[k] > cap)
                        minw[k] = cap;
                if (minw[k] < 1)
                        minw[k] = 1;
                if (natw[k] < minw[k])
                        natw[k] = minw[k];
        }
        int avail = WIDTH - GAP * (int)(n ? n - 1 : 0), summin = 0, sumnat = 0;
        for (size_t k = 0; k < n; k++)
                summin += minw[k], sumnat += natw[k];
        if (summin > avail) {
                table_records(d, tt);
        } else {
                /* what is over the minimums goes to each column as it would use it */
                int *w = xcalloc(n + 1, sizeof *w), spare = avail - summin, want = sumnat - summin;
                for (size_t k = 0; k < n; k++)
                        w[k] = sumnat <= avail ? natw[k]
                                               : minw[k] + (int)((long)spare * (natw[k] - minw[k]) /
                                                                 (want ? want : 1));
                table_columns(d, tt, w);
                free(w);
        }
        free(minw), free(natw);
        for (size_t i = 0; i < tt->nrows * n; i++)
                free(tt->cells[i]);
        free(tt->cells), free(tt->fl), free(tt->col);
        memset(tt, 0, sizeof *tt);
}

static void text_signature(struct doc *d, const char *const *labels, size_t n)
{
        blank_line(d);
        for (size_t i = 0; i < n; i++) {
                int lw = (int)text_width(labels[i]) + 1;
                fprintf(d->f, "\n%s:%*s", labels[i], lw < 24 ? 24 - lw : 1, "");
                for (int k = 0; k < 40; k++)
                        fputc('_', d->f);
                fputc('\n', d->f);
        }
}

static int text_end(struct doc *d)
{
        free(d->state);
        d->state = NULL;
        return 0;
}

const struct doc_ops render_text = {
    "txt",    text_begin,     NULL,           text_heading, text_field, text_note, text_table_begin,
    text_row, text_table_end, text_signature, text_end,     NULL};
