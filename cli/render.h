/* render.h — the report's renderers behind one interface: a report is written
 * once as a document (headings, fields, notes, tables, lines to sign on) and each
 * --format renders it: plain text, CSV tables, or one printable HTML page. */
#ifndef CAPBOOK_CLI_RENDER_H
#define CAPBOOK_CLI_RENDER_H

#include "core/coverage.h"
#include "core/diag.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stdio.h>

/* How a cell (or every cell of a column) is shown. */
enum cell_flag {
        CELL_DATE = 1 << 0, /* a date or a time: never wraps */
        CELL_NUM = 1 << 1,  /* a count, aligned right */
        CELL_MARK = 1 << 2, /* a short mark (direct, met), centred */
        CELL_WIDE = 1 << 3, /* long text: it gets the room the others leave */
        CELL_STRONG =
            1 << 4, /* stands out (a capability above its themes, a candidate's own unit) */
        CELL_REPEAT = 1 << 5,   /* the same as the row above: blank on paper, written in CSV */
        CELL_KEY = 1 << 6,      /* a column for CSV alone (the heading above says it on paper) */
        CELL_CODE = 1 << 7,     /* a reference or id */
        CELL_PAPER = 1 << 8,    /* a column for paper alone (CSV has it in other columns) */
        CELL_MET = 1 << 9,      /* says something is met */
        CELL_MISSING = 1 << 10, /* says something is missing */
};

struct doc_col {
        const char *label; /* on paper */
        const char *name;  /* the CSV header; NULL: the label in lower case, spaces as _ */
        unsigned flags;    /* enum cell_flag, for every cell of the column */
        int pct;           /* on paper, its share of the width in per cent; 0: as it needs */
};

struct doc_cell {
        const char *text; /* NULL as empty; may hold line breaks */
        unsigned flags;   /* added to the column's */
        const char *href; /* a link (HTML): "#anchor", a file beside it, or an http(s) address */
};

struct doc_table {
        const char *name;    /* one CSV table: tables of the same name add their rows to it */
        const char *caption; /* NULL: none */
        const struct doc_col *cols;
        size_t ncols;
};

/* A line of the table of contents (on screen only). */
struct doc_toc {
        int level; /* 1 a section, 2 inside one */
        const char *anchor, *title;
};

enum heading_flag {
        HEAD_NEW_PAGE = 1 << 0, /* printed from the top of a new page */
};

struct doc;

/* What a renderer does with each part, in the order the report writes them. */
struct doc_ops {
        const char *ext; /* the file name ending of its files: "html" */
        void (*begin)(struct doc *d, const char *title);
        void (*contents)(struct doc *d, const struct doc_toc *toc, size_t n);
        void (*heading)(struct doc *d, int level, const char *anchor, const char *text,
                        unsigned flags);
        void (*field)(struct doc *d, const char *label, const char *value, unsigned flags);
        void (*note)(struct doc *d, const char *text);
        void (*table_begin)(struct doc *d, const struct doc_table *t);
        void (*row)(struct doc *d, const struct doc_cell *cells);
        void (*table_end)(struct doc *d);
        /* blank lines to sign and date on, one a label */
        void (*signature)(struct doc *d, const char *const *labels, size_t n);
        /* 0, or -1 when a file could not be written (said in d->diag) */
        int (*end)(struct doc *d);
        /* closes what the renderer holds open (HTML: a list of fields), so that
         * what follows may be written to d->f as it is; may be NULL */
        void (*settle)(struct doc *d);
};

extern const struct doc_ops render_text, render_csv, render_html;

struct doc {
        const struct doc_ops *ops;
        FILE *f; /* where the document goes */
        /* the section being written, from the last heading with an anchor (CSV
         * names it beside fields) */
        const char *section;
        char section_buf[80];
        /* CSV: a file a table (NAME.csv) through this, when set; else all on f */
        int (*put_file)(struct doc *d, const char *name, const char *data, size_t len);
        void *put_ctx;
        struct diag *diag;
        bool landscape; /* printed on landscape pages (a wide table) */
        void *state;    /* the renderer's own */
        const struct doc_table *table;
};

/* Calls on a document, checked and forwarded to its renderer. */
void doc_begin(struct doc *d, const char *title);
void doc_contents(struct doc *d, const struct doc_toc *toc, size_t n);
void doc_heading(struct doc *d, int level, const char *anchor, const char *text, unsigned flags);
void doc_field(struct doc *d, const char *label, const char *value, unsigned flags);
void doc_note(struct doc *d, const char *text);
void doc_table(struct doc *d, const struct doc_table *t);
/* A row of the open table: one cell a column. */
void doc_row(struct doc *d, const struct doc_cell *cells);
/* The same from texts alone (NULL as empty). */
void doc_row_text(struct doc *d, const char *const *texts);
void doc_table_end(struct doc *d);
void doc_signature(struct doc *d, const char *const *labels, size_t n);
int doc_end(struct doc *d);
/* Nothing held open: the caller may write the format's own text to d->f. */
void doc_settle(struct doc *d);

/* Shared by the renderers. */
/* A column's CSV header into out ("Portfolio reference" → portfolio_reference). */
void doc_col_name(const struct doc_col *c, char *out, size_t n);
/* Is the column shown on paper (text and HTML)? In CSV? */
bool doc_col_shown(const struct doc_col *c);
bool doc_col_in_csv(const struct doc_col *c);

/* A row of a coverage table: each capability (theme -1), then its themes. */
struct cov_row {
        int cap, theme;
        const char *code, *name;
        const struct cov *cov;
        int place; /* the walk's place: 0 before the first row */
};
/* Steps r to the next row (r zeroed to start); false after the last. */
bool cov_row_next(const struct framework *fw, const struct coverage *c, struct cov_row *r);

#endif
