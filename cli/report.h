/* report.h — the report of a workbook, the pack an assessor prints: a table of
 * sections, each written once through a document (render.h) whatever the
 * --format; the pack of one unit; the caseload page. */
#ifndef CAPBOOK_CLI_REPORT_H
#define CAPBOOK_CLI_REPORT_H

#include "cli/render.h"
#include "core/coverage.h"
#include "core/signoff.h"
#include "core/workbook.h"

#include <stdbool.h>

struct report {
        struct doc *doc;
        struct workbook *wb; /* not const: a sign-off's state reads history.csv */
        int stage;           /* the stage reported at (--stage, else the target) */
        struct coverage cov; /* at stage */
        bool history;        /* each entry's history (--history) */
        char today[11];
        const char *name; /* the candidate, or the folder's name */
};

/* One section of the report: its heading (and anchor in the contents) and what
 * writes it. A new section is a line in report_sections (report.c). */
struct report_section {
        const char *anchor, *title;
        unsigned flags; /* enum heading_flag */
        void (*write)(struct report *r);
        /* lines of the contents below its own, as report_toc_add does; may be NULL */
        void (*contents)(struct report *r, struct strlist *titles, struct strlist *anchors);
};
extern const struct report_section report_sections[];
extern const size_t report_nsections;

/* The whole report of wb at stage through d; 0, or -1 (d's files not written). */
int report_workbook(struct doc *d, struct workbook *wb, int stage, bool history);
/* One unit's log sheet and mapping grid alone. */
int report_unit(struct doc *d, struct workbook *wb, int stage, int unit);

/* A caseload's page: a row a candidate. href: each candidate's own report (its
 * folder's name and ext), or NULL for none. */
struct caseload_page;
struct caseload_page *caseload_page_begin(struct doc *d, const char *dir, const char *link_ext);
/* folder: the candidate's folder; wb NULL: it could not be read; access: what
 * the user may do to it; why: what stops them reading or writing ("" or NULL:
 * nothing). */
void caseload_page_row(struct caseload_page *p, const char *folder, struct workbook *wb,
                       enum wb_access access, const char *why);
int caseload_page_end(struct caseload_page *p);

/* The sections (report_*.c). */
void report_cover(struct report *r);        /* report_cover.c */
void report_coverage(struct report *r);     /* report_cover.c */
void report_capabilities(struct report *r); /* report_caps.c */
void report_capabilities_toc(struct report *r, struct strlist *titles, struct strlist *anchors);
void report_unit_summary(struct report *r);    /* report_units.c */
void report_element_summary(struct report *r); /* report_units.c */
void report_log_sheets(struct report *r);      /* report_units.c */
void report_log_sheets_toc(struct report *r, struct strlist *titles, struct strlist *anchors);
void report_gaps(struct report *r);      /* report_lists.c */
void report_planned(struct report *r);   /* report_lists.c */
void report_na(struct report *r);        /* report_lists.c */
void report_sessions(struct report *r);  /* report_lists.c */
void report_resources(struct report *r); /* report_lists.c */
void report_evidence(struct report *r);  /* report_lists.c */

/* report_units.c: one unit's reference log sheet and mapping grid (level: of
 * the sheet's heading; new_page: printed from the top of a page). */
void report_unit_sheet(struct report *r, int unit, int level, bool new_page);

/* Helpers the sections share (report.c). */
/* "A1", "A1.1" … as an anchor: "unit-A1". */
void report_anchor(char *out, size_t n, const char *prefix, const char *code);
/* The entry's sign-off in words (signoff_describe; "" when none); its state. */
enum signoff_state report_signoff_text(struct report *r, size_t entry, struct buf *out);
/* A count as text, in one of a few rotating buffers. */
const char *report_num(unsigned n);
/* The candidate's own unit's status in words, "" for a unit not taken. */
const char *report_unit_taken(const struct workbook *wb, int unit);

#endif
