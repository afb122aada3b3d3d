/* render_csv.c — the report as RFC 4180 CSV for a spreadsheet: a row a
 * capability and theme with its coverage counts; the caseload, a row a workbook. */
#include "cli/cli.h"
#include "cli/plans.h"
#include "cli/render.h"

#include <stdlib.h>
#include <string.h>

static void csv_workbook(FILE *f, const struct workbook *wb, int st)
{
        const char *hdr[] = {"capability",
                             "theme",
                             "name",
                             "coverage",
                             "actual",
                             "planned",
                             "needs_update",
                             "na",
                             "actual_through_mapping",
                             NULL};
        csv_row(f, hdr);
        struct coverage c;
        coverage_compute(wb, st, &c);
        for (struct cov_row r = {0}; cov_row_next(&wb->fw, &c, &r);) {
                const struct cov *cv = r.cov;
                char n[5][16];
                snprintf(n[0], 16, "%u", cv->direct.actual);
                snprintf(n[1], 16, "%u", cv->direct.planned);
                snprintf(n[2], 16, "%u", cv->direct.update);
                snprintf(n[3], 16, "%u", cv->direct.na);
                snprintf(n[4], 16, "%u", cv->mapped_direct.actual + cv->mapped_indirect.actual);
                const char *row[] = {wb->fw.caps[r.cap].code,
                                     r.theme < 0 ? "" : r.code,
                                     r.name,
                                     cov_mark_name[cov_mark(cv)],
                                     n[0],
                                     n[1],
                                     n[2],
                                     n[3],
                                     n[4],
                                     NULL};
                csv_row(f, row);
        }
        coverage_free(&c);
        plans_report(f, wb, FMT_CSV);
}

/* The head's number of capabilities: a row of a candidate that cannot be opened
 * has as many cells. */
static size_t head_caps;

/* After the capabilities: what the user may do to the candidate's workbook
 * (read-write, read-only or none) and what stops them. */
static void csv_caseload_head(FILE *f, const struct workbook *first)
{
        const char *fixed[] = {"folder", "candidate", "pathway", "stage", "entries"};
        size_t nc = head_caps = first->fw.ncaps;
        const char **row = xcalloc(5 + nc + 3, sizeof *row);
        memcpy(row, fixed, sizeof fixed);
        for (size_t k = 0; k < nc; k++)
                row[5 + k] = first->fw.caps[k].code;
        row[5 + nc] = "access";
        row[5 + nc + 1] = "why";
        csv_row(f, row);
        free(row);
}

static void csv_caseload_row(FILE *f, const struct caseload_entry *e, const struct workbook *wb,
                             const struct coverage *c)
{
        static const char *const access[] = {[WB_ACCESS_NONE] = "none",
                                             [WB_ACCESS_READ] = "read-only",
                                             [WB_ACCESS_WRITE] = "read-write"};
        char entries[24];
        /* a candidate that cannot be opened: as many cells, empty but its access */
        size_t nc = wb ? wb->fw.ncaps : head_caps;
        const char **row = xcalloc(5 + nc + 3, sizeof *row);
        for (size_t k = 0; k < 5 + nc; k++)
                row[k] = "";
        row[0] = path_basename(e->dir);
        if (wb) {
                snprintf(entries, sizeof entries, "%zu", wb->nentries);
                row[1] = wb->name;
                row[2] = wb->pathway;
                row[3] = wb->fw.nstages ? wb->fw.stages[wb->stage_index].code : "?";
                row[4] = entries;
                for (size_t k = 0; k < nc; k++)
                        row[5 + k] = cov_mark_name[cov_mark(&c->caps[k])];
        }
        row[5 + nc] = access[wb ? e->access : WB_ACCESS_NONE];
        row[5 + nc + 1] = wb || *e->why ? e->why : "cannot be opened (capbook check says why)";
        csv_row(f, row);
        free(row);
}

const struct renderer render_csv = {csv_workbook, csv_caseload_head, csv_caseload_row, NULL};
