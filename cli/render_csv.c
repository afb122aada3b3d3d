/* render_csv.c — the report as RFC 4180 CSV tables for a spreadsheet: each
 * table of the report is one CSV table (the tables of one name, such as every
 * unit's log sheet, one table with a column saying which); the fields a table
 * of their own. A file a table through the document's put_file, else all on
 * one stream, each table after a line naming it (a table alone is just itself). */
#include "cli/cli.h"
#include "cli/render.h"
#include "core/sheet.h"

#include <stdlib.h>
#include <string.h>

struct csv_table {
        char *name;
        struct buf data; /* header and rows */
        size_t rows;
};

struct csv {
        struct csv_table *v;
        size_t n;
        struct csv_table *cur;
};

static struct csv *st(struct doc *d)
{
        return d->state;
}

static struct csv_table *table_named(struct doc *d, const char *name)
{
        struct csv *c = st(d);
        for (size_t i = 0; i < c->n; i++)
                if (strcmp(c->v[i].name, name) == 0)
                        return &c->v[i];
        c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
        struct csv_table *t = &c->v[c->n++];
        memset(t, 0, sizeof *t);
        t->name = xstrdup(name);
        return t;
}

static void add_row(struct buf *b, const char *const *v, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                if (i)
                        buf_addc(b, ',');
                sheet_encode_field(b, v[i] ? v[i] : "");
        }
        buf_adds(b, "\r\n");
}

static void csv_begin(struct doc *d, const char *title)
{
        (void)title;
        d->state = xcalloc(1, sizeof(struct csv));
}

static void csv_heading(struct doc *d, int level, const char *anchor, const char *text,
                        unsigned flags)
{
        (void)d, (void)level, (void)anchor, (void)text, (void)flags;
}

/* Fields: section, field, value. */
static void csv_field(struct doc *d, const char *label, const char *value, unsigned flags)
{
        (void)flags;
        char name[64];
        struct doc_col c = {label, NULL, 0, 0};
        doc_col_name(&c, name, sizeof name);
        struct csv_table *t = table_named(d, "fields");
        if (!t->data.len) {
                const char *h[] = {"section", "field", "value"};
                add_row(&t->data, h, 3);
        }
        const char *v[] = {d->section ? d->section : "", name, value};
        add_row(&t->data, v, 3);
        t->rows++;
}

static void csv_note(struct doc *d, const char *text)
{
        (void)d, (void)text; /* legends and remarks are for a reader */
}

static void csv_table_begin(struct doc *d, const struct doc_table *t)
{
        struct csv_table *ct = table_named(d, t->name);
        st(d)->cur = ct;
        if (ct->data.len)
                return; /* a table of this name has its header already */
        const char **h = xcalloc(t->ncols + 1, sizeof *h);
        char(*names)[64] = xcalloc(t->ncols + 1, sizeof *names);
        size_t n = 0;
        for (size_t i = 0; i < t->ncols; i++)
                if (doc_col_in_csv(&t->cols[i])) {
                        doc_col_name(&t->cols[i], names[n], sizeof names[n]);
                        h[n] = names[n];
                        n++;
                }
        add_row(&ct->data, h, n);
        free(names);
        free(h);
}

static void csv_row_out(struct doc *d, const struct doc_cell *cells)
{
        const struct doc_table *t = d->table;
        const char **v = xcalloc(t->ncols + 1, sizeof *v);
        size_t n = 0;
        for (size_t i = 0; i < t->ncols; i++)
                if (doc_col_in_csv(&t->cols[i]))
                        v[n++] = cells[i].text;
        add_row(&st(d)->cur->data, v, n);
        st(d)->cur->rows++;
        free(v);
}

static void csv_table_end(struct doc *d)
{
        st(d)->cur = NULL;
}

static void csv_signature(struct doc *d, const char *const *labels, size_t n)
{
        (void)d, (void)labels, (void)n; /* lines to sign on are for paper */
}

static int csv_end(struct doc *d)
{
        struct csv *c = st(d);
        int rc = 0;
        for (size_t i = 0; i < c->n; i++) {
                struct csv_table *t = &c->v[i];
                if (d->put_file) {
                        char name[80];
                        snprintf(name, sizeof name, "%s.csv", t->name);
                        if (d->put_file(d, name, buf_str(&t->data), t->data.len) < 0)
                                rc = -1;
                } else {
                        if (c->n > 1)
                                fprintf(d->f, "%s# %s\r\n", i ? "\r\n" : "", t->name);
                        fwrite(buf_str(&t->data), 1, t->data.len, d->f);
                }
        }
        for (size_t i = 0; i < c->n; i++) {
                free(c->v[i].name);
                buf_free(&c->v[i].data);
        }
        free(c->v);
        free(c);
        d->state = NULL;
        return rc;
}

const struct doc_ops render_csv = {
    "csv",           csv_begin,   NULL,          csv_heading,   csv_field, csv_note,
    csv_table_begin, csv_row_out, csv_table_end, csv_signature, csv_end,   NULL};
