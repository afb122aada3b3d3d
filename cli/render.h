/* render.h — the report's renderers, one per --format behind one interface:
 * the report of a workbook, and the overview of a caseload, written to a stream. */
#ifndef CAPBOOK_CLI_RENDER_H
#define CAPBOOK_CLI_RENDER_H

#include "core/coverage.h"
#include "core/workbook.h"

#include <stdio.h>

struct renderer {
        /* The report of one workbook, with coverage at stage st. */
        void (*workbook)(FILE *f, const struct workbook *wb, int st);
        /* A caseload: the head once, from the first workbook that opens; a row a
         * candidate (e: its folder, what the user may do to it and why; wb and c,
         * its coverage at its own target stage, NULL when it cannot be opened);
         * the foot after the last row, when there was one. NULL: the renderer has
         * no caseload form of its own and the text table is used. */
        void (*caseload_head)(FILE *f, const struct workbook *first);
        void (*caseload_row)(FILE *f, const struct caseload_entry *e, const struct workbook *wb,
                             const struct coverage *c);
        void (*caseload_foot)(FILE *f);
};

extern const struct renderer render_text, render_csv, render_html;

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
