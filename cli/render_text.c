/* render_text.c — the report as plain text for 80 columns: the candidate, units,
 * coverage by capability and theme, evidence, sessions and agreed actions; and
 * the caseload as a table with a coverage letter per capability. */
#include "cli/cli.h"
#include "cli/plans.h"
#include "cli/render.h"

#include <string.h>

static void text_workbook(FILE *f, const struct workbook *wb, int st)
{
        const struct framework *fw = &wb->fw;
        char sl[64];
        fprintf(f, "capbook report: %s\n", *wb->name ? text_safe(wb->name) : text_safe(wb->dir));
        struct buf l = {0};
        buf_printf(&l, "Pathway: %s   Target stage: %s", pathway_name(wb),
                   stage_label(wb, st, sl, sizeof sl));
        cli_wrap(f, l.s, 2, 0, WIDTH);
        if (*wb->award) {
                buf_reset(&l);
                buf_printf(&l, "Award: %s", wb->award);
                cli_wrap(f, l.s, 7, 0, WIDTH);
        }
        if (*wb->supervisor) {
                buf_reset(&l);
                buf_printf(&l, "Supervisor/assessor: %s", wb->supervisor);
                cli_wrap(f, l.s, 21, 0, WIDTH);
        }
        buf_free(&l);
        fprintf(f, "\nUnits\n");
        const struct sheet *us = &wb->sheets[WB_UNITS];
        for (size_t i = 0; i < us->nrows; i++) {
                if (us->rows[i].bad)
                        continue;
                const char *code = sheet_get(us, i, sheet_col(us, "unit"));
                struct ref r;
                const char *title =
                    ref_parse(fw, code, &r) && r.kind == REF_UNIT ? fw->units[r.unit].title : "";
                struct buf l = {0};
                buf_printf(&l, "%-5s %-16s %s", code, sheet_get(us, i, sheet_col(us, "status")),
                           title);
                const char *notes = sheet_get(us, i, sheet_col(us, "notes"));
                if (*notes)
                        buf_printf(&l, " (%s)", notes);
                cli_wrap(f, l.s, 23, 2, WIDTH);
                buf_free(&l);
        }
        struct coverage c;
        coverage_compute(wb, st, &c);
        fprintf(f, "\nCoverage at %s (actual/planned; m: through the mapping)\n",
                fw->stages[st].code);
        for (struct cov_row r = {0}; cov_row_next(fw, &c, &r);) {
                const struct cov *cv = r.cov;
                if (r.theme < 0) {
                        fprintf(f, "  %-4s %-36.36s %-20s %u/%u, m %u\n", r.code, text_safe(r.name),
                                cov_mark_name[cov_mark(cv)], cv->direct.actual, cv->direct.planned,
                                cv->mapped_direct.actual + cv->mapped_indirect.actual);
                        continue;
                }
                struct buf l = {0};
                buf_printf(&l, "%-6s %s: %s, %u/%u", r.code, r.name, cov_mark_name[cov_mark(cv)],
                           cv->direct.actual, cv->direct.planned);
                cli_wrap(f, l.s, 11, 4, WIDTH);
                buf_free(&l);
        }
        coverage_free(&c);
        fprintf(f, "\nEvidence (%zu entries)\n", wb->nentries);
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                struct buf l = {0};
                buf_printf(&l, "%s %s %s [%s]", entry_get(wb, e, "id"), entry_get(wb, e, "status"),
                           entry_get(wb, e, "date"), entry_get(wb, e, "ref"));
                const char *rv = entry_get(wb, e, "revamps");
                if (*rv)
                        buf_printf(&l, " revamps %s", rv);
                cli_wrap(f, l.s, 6, 2, WIDTH);
                buf_reset(&l);
                cli_wrap(f, entry_get(wb, e, "summary"), 6, 6, WIDTH);
                buf_printf(&l, "elements: %s  indicators: %s", entry_get(wb, e, "elements"),
                           entry_get(wb, e, "indicators"));
                cli_wrap(f, l.s, 8, 6, WIDTH);
                if (*entry_get(wb, e, "rationale")) {
                        buf_reset(&l);
                        buf_printf(&l, "rationale: %s", entry_get(wb, e, "rationale"));
                        cli_wrap(f, l.s, 8, 6, WIDTH);
                }
                if (*entry_get(wb, e, "signed_by")) {
                        buf_reset(&l);
                        buf_printf(&l, "signed by %s on %s", entry_get(wb, e, "signed_by"),
                                   entry_get(wb, e, "signed_on"));
                        cli_wrap(f, l.s, 8, 6, WIDTH);
                }
                buf_free(&l);
        }
        const struct sheet *ss = &wb->sheets[WB_SESSIONS], *as = &wb->sheets[WB_ACTIONS];
        if (ss->nrows)
                fprintf(f, "\nSupervision sessions\n");
        for (size_t i = 0; i < ss->nrows; i++) {
                if (ss->rows[i].bad)
                        continue;
                const char *sid = sheet_get(ss, i, sheet_col(ss, "id"));
                struct buf l = {0};
                buf_printf(&l, "%s %s focus: %s; with %s", sid,
                           sheet_get(ss, i, sheet_col(ss, "date")),
                           sheet_get(ss, i, sheet_col(ss, "focus")),
                           sheet_get(ss, i, sheet_col(ss, "participants")));
                cli_wrap(f, l.s, 6, 2, WIDTH);
                cli_wrap(f, sheet_get(ss, i, sheet_col(ss, "notes")), 6, 6, WIDTH);
                for (size_t k = 0; k < as->nrows; k++) {
                        if (as->rows[k].bad ||
                            strcmp(sheet_get(as, k, sheet_col(as, "session")), sid))
                                continue;
                        buf_reset(&l);
                        const char *done = sheet_get(as, k, sheet_col(as, "done"));
                        buf_printf(&l, "%s %s — success: %s; due %s; %s; %s%s",
                                   sheet_get(as, k, sheet_col(as, "id")),
                                   sheet_get(as, k, sheet_col(as, "objective")),
                                   sheet_get(as, k, sheet_col(as, "success_indicator")),
                                   sheet_get(as, k, sheet_col(as, "due")),
                                   sheet_get(as, k, sheet_col(as, "responsibility")),
                                   *done ? "done " : "open", done);
                        cli_wrap(f, l.s, 10, 6, WIDTH);
                }
                buf_free(&l);
        }
        plans_report(f, wb, FMT_TEXT);
}

static void text_caseload_head(FILE *f, const struct workbook *first)
{
        fprintf(f, "%-10s %-12s %-5s %-7s", "candidate", "pathway", "stage", "entries");
        for (size_t k = 0; k < first->fw.ncaps; k++)
                fprintf(f, " %s", first->fw.caps[k].code);
        fprintf(f, "\n");
}

/* A candidate the user can only read, or cannot open: said under the row, or
 * as the row, with the reason. */
static void text_caseload_access(FILE *f, const struct caseload_entry *e, bool opened)
{
        struct buf l = {0};
        if (!opened)
                buf_printf(&l, "%-10.10s cannot be opened: %s", path_basename(e->dir),
                           *e->why ? e->why : "capbook check says why");
        else
                buf_printf(&l, "%-10s read-only for you: %s", "", e->why);
        cli_wrap(f, l.s, 11, 0, WIDTH);
        buf_free(&l);
}

static void text_caseload_row(FILE *f, const struct caseload_entry *e, const struct workbook *wb,
                              const struct coverage *c)
{
        if (!wb) {
                text_caseload_access(f, e, false);
                return;
        }
        fprintf(f, "%-10.10s %-12.12s %-5s %-7zu", text_safe(wb->name), text_safe(wb->pathway),
                wb->fw.nstages ? wb->fw.stages[wb->stage_index].code : "?", wb->nentries);
        for (size_t k = 0; k < wb->fw.ncaps; k++)
                fprintf(f, " %-3c", cov_mark_letter[cov_mark(&c->caps[k])]);
        fprintf(f, "\n");
        if (e->access == WB_ACCESS_READ)
                text_caseload_access(f, e, true);
}

static void text_caseload_foot(FILE *f)
{
        fprintf(f, "\nA actual, m through the mapping, i indirect only, n n/a, u needs update,\n"
                   "p planned only, - nothing.\n");
}

const struct renderer render_text = {text_workbook, text_caseload_head, text_caseload_row,
                                     text_caseload_foot};
