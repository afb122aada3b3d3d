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

static void csv_caseload_head(FILE *f, const struct workbook *first)
{
        const char *fixed[] = {"folder", "candidate", "pathway", "stage", "entries"};
        const char **row = xcalloc(5 + first->fw.ncaps + 1, sizeof *row);
        memcpy(row, fixed, sizeof fixed);
        for (size_t k = 0; k < first->fw.ncaps; k++)
                row[5 + k] = first->fw.caps[k].code;
        csv_row(f, row);
        free(row);
}

static void csv_caseload_row(FILE *f, const char *folder, const struct workbook *wb,
                             const struct coverage *c)
{
        char entries[24];
        snprintf(entries, sizeof entries, "%zu", wb->nentries);
        const char *fixed[] = {folder, wb->name, wb->pathway,
                               wb->fw.nstages ? wb->fw.stages[wb->stage_index].code : "?", entries};
        const char **row = xcalloc(5 + wb->fw.ncaps + 1, sizeof *row);
        memcpy(row, fixed, sizeof fixed);
        for (size_t k = 0; k < wb->fw.ncaps; k++)
                row[5 + k] = cov_mark_name[cov_mark(&c->caps[k])];
        csv_row(f, row);
        free(row);
}

const struct renderer render_csv = {csv_workbook, csv_caseload_head, csv_caseload_row, NULL};
