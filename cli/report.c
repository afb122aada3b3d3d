/* report.c — the report's table of sections and the walk that writes them (the
 * contents first, then each section under its heading); the pack of one unit;
 * and the helpers the sections share. */
#include "cli/cli.h"
#include "cli/plans.h"
#include "cli/report.h"
#include "core/fileio.h"
#include "core/signoff.h"

#include <stdlib.h>
#include <string.h>

/* In the order printed: first what an assessor reads first, the cover and the
 * two mapping summary tables every case study opens with. */
const struct report_section report_sections[] = {
    {"summary", "Summary", 0, report_cover, NULL},
    {"coverage", "Coverage by capability and theme", 0, report_coverage, NULL},
    {"unit-summary", "Unit mapping summary table", HEAD_NEW_PAGE, report_unit_summary, NULL},
    {"element-summary", "Element mapping summary table", 0, report_element_summary, NULL},
    {"capabilities", "Capabilities: indicators and evidence", HEAD_NEW_PAGE, report_capabilities,
     report_capabilities_toc},
    {"gaps", "Gaps and the units that could fill them", HEAD_NEW_PAGE, report_gaps, NULL},
    {"planned", "Planned entries and what they became", 0, report_planned, NULL},
    {"na", "Entries marked not applicable", 0, report_na, NULL},
    {"sessions", "Supervision sessions and agreed actions", HEAD_NEW_PAGE, report_sessions, NULL},
    {"resources", "Resources linked to the capabilities", 0, report_resources, NULL},
    {"evidence", "Evidence and sign-offs", HEAD_NEW_PAGE, report_evidence, NULL},
    {"log-sheets", "Reference log sheets and mapping grids", HEAD_NEW_PAGE, report_log_sheets,
     report_log_sheets_toc},
};
const size_t report_nsections = sizeof report_sections / sizeof *report_sections;

static void report_start(struct report *r, struct doc *d, struct workbook *wb, int stage)
{
        memset(r, 0, sizeof *r);
        r->doc = d;
        r->wb = wb;
        r->stage = stage;
        date_today(r->today);
        r->name = *wb->name ? wb->name : path_basename(wb->dir);
        coverage_compute(wb, stage, &r->cov);
}

/* The person management specification, the development plan and the CPD record,
 * those the workbook holds, after the sections: in text and HTML as their own
 * sections; in CSV a table each (spec, pdp, cpd) after the report's tables,
 * or a file each beside them. before: called before the document ends (text
 * and HTML), else after it (CSV, whose tables are written at its end). */
static int report_plans(struct doc *d, const struct workbook *wb, bool before)
{
        bool csv = d->ops == &render_csv;
        if (before == csv)
                return 0;
        if (!csv) {
                doc_settle(d);
                plans_report(d->f, wb, d->ops == &render_html ? FMT_HTML : FMT_TEXT);
                return 0;
        }
        static const char *const names[] = {"spec", "pdp", "cpd"};
        char today[11];
        date_today(today);
        int rc = 0;
        for (int p = PLAN_SPEC; p <= PLAN_CPD; p++) {
                if (!plan_present(wb, (enum plan_sheet)p))
                        continue;
                char *mem = NULL;
                size_t len = 0;
                FILE *m = open_memstream(&mem, &len);
                if (!m)
                        return -1;
                plan_render(m, wb, (enum plan_sheet)p, FMT_CSV, today);
                fclose(m);
                char name[16];
                snprintf(name, sizeof name, "%s.csv", names[p]);
                if (d->put_file) {
                        if (d->put_file(d, name, mem, len) < 0)
                                rc = -1;
                } else {
                        fprintf(d->f, "\r\n# %s\r\n", names[p]);
                        fwrite(mem, 1, len, d->f);
                }
                free(mem);
        }
        return rc;
}

int report_workbook(struct doc *d, struct workbook *wb, int stage, bool history)
{
        struct report r;
        report_start(&r, d, wb, stage);
        r.history = history;
        struct buf title = {0};
        buf_printf(&title, "Portfolio report: %s", r.name);
        doc_begin(d, buf_str(&title));
        /* the contents: a line a section, and those a section adds below it */
        struct strlist titles = {0}, anchors = {0};
        struct doc_toc *toc = NULL;
        size_t ntoc = 0;
        for (size_t i = 0; i < report_nsections; i++) {
                const struct report_section *s = &report_sections[i];
                size_t from = titles.n;
                strlist_push(&titles, s->title);
                strlist_push(&anchors, s->anchor);
                if (s->contents)
                        s->contents(&r, &titles, &anchors);
                toc = xrealloc(toc, titles.n * sizeof *toc);
                for (size_t k = from; k < titles.n; k++)
                        toc[ntoc++] =
                            (struct doc_toc){k == from ? 1 : 2, anchors.v[k], titles.v[k]};
        }
        doc_contents(d, toc, ntoc);
        free(toc);
        strlist_free(&titles);
        strlist_free(&anchors);
        for (size_t i = 0; i < report_nsections; i++) {
                const struct report_section *s = &report_sections[i];
                doc_heading(d, 2, s->anchor, s->title, s->flags);
                s->write(&r);
        }
        buf_free(&title);
        coverage_free(&r.cov);
        report_plans(d, wb, true);
        int rc = doc_end(d);
        if (report_plans(d, wb, false) < 0)
                rc = -1;
        return rc;
}

int report_unit(struct doc *d, struct workbook *wb, int stage, int unit)
{
        struct report r;
        report_start(&r, d, wb, stage);
        struct buf title = {0};
        buf_printf(&title, "%s: reference log sheet of %s", r.name, wb->fw.units[unit].code);
        doc_begin(d, buf_str(&title));
        d->section = "log-sheet";
        report_unit_sheet(&r, unit, 2, false);
        buf_free(&title);
        coverage_free(&r.cov);
        return doc_end(d);
}

void report_anchor(char *out, size_t n, const char *prefix, const char *code)
{
        /* an id attribute holds no space; codes are letters, digits and dots */
        size_t k = (size_t)snprintf(out, n, "%s-", prefix);
        for (const char *p = code; *p && k + 1 < n; p++)
                out[k++] = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                                   (*p >= '0' && *p <= '9') || *p == '.'
                               ? *p
                               : '_';
        out[k < n ? k : n - 1] = '\0';
}

enum signoff_state report_signoff_text(struct report *r, size_t entry, struct buf *out)
{
        struct signoff_status st;
        signoff_verify(r->wb, entry, &st);
        signoff_describe(&st, out);
        return st.state;
}

const char *report_num(unsigned n)
{
        static char bufs[8][16];
        static unsigned next;
        char *b = bufs[next++ % 8];
        snprintf(b, 16, "%u", n);
        return b;
}

const char *report_unit_taken(const struct workbook *wb, int unit)
{
        enum unit_status us = wb_unit_status(wb, unit);
        return us == US_NONE ? "" : unit_status_label[us];
}
