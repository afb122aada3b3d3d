/* report_cover.c — the report's first pages: who the candidate is, their
 * pathway, stages, award, supervisor and assessor, their units, the picture of
 * capabilities by stage; then the coverage of every capability and theme. */
#include "cli/cli.h"
#include "cli/report.h"

#include <stdlib.h>
#include <string.h>

/* A capability at stage s on its own: met (actual evidence names it, or n/a),
 * or missing and what there is instead; flags get CELL_MET or CELL_MISSING. */
static void stage_words(const struct cov *cv, struct buf *out, unsigned *flags)
{
        enum cov_mark m = cov_mark(cv);
        if (m == MARK_ACTUAL) {
                buf_printf(out, "met (%u)", cv->direct.actual);
                *flags = CELL_MET;
        } else if (m == MARK_NA) {
                buf_adds(out, "n/a");
                *flags = CELL_MET;
        } else {
                buf_adds(out, "missing");
                if (m != MARK_NONE)
                        buf_printf(out, ": %s", cov_mark_name[m]);
                *flags = CELL_MISSING;
        }
}

static void cover_fields(struct report *r)
{
        struct workbook *wb = r->wb;
        struct doc *d = r->doc;
        char sl[64], tl[64];
        doc_field(d, "Candidate", r->name, 0);
        doc_field(d, "Pathway", pathway_name(wb), 0);
        struct buf b = {0};
        if (fw_pathway_text_note(&wb->fw, wb->pathway_index, &b)) {
                /* the sentence starts lower case: it is said on its own here */
                if (b.s[0] >= 'a' && b.s[0] <= 'z')
                        b.s[0] = (char)(b.s[0] - 'a' + 'A');
                buf_adds(&b, ".");
                doc_field(d, "Indicator text", b.s, 0);
        }
        doc_field(d, "Target stage", stage_label(wb, wb->stage_index, tl, sizeof tl), 0);
        if (r->stage != wb->stage_index) {
                buf_reset(&b);
                buf_printf(&b, "%s; the target stage is %s",
                           stage_label(wb, r->stage, sl, sizeof sl), tl);
                doc_field(d, "Reported at", b.s, 0);
        }
        doc_field(d, "Award", *wb->award ? wb->award : "(none named)", 0);
        doc_field(d, "Supervisor", *wb->supervisor ? wb->supervisor : "(none named)", 0);
        doc_field(d, "Assessor", *wb->assessor ? wb->assessor : "(none named)", 0);
        doc_field(d, "Generated", r->today, CELL_DATE);
        buf_free(&b);
}

static void cover_units(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        static const struct doc_col cols[] = {{"Unit", NULL, CELL_CODE, 7},
                                              {"Title", NULL, CELL_WIDE, 45},
                                              {"Kind", NULL, 0, 12},
                                              {"Status", NULL, 0, 14},
                                              {"Notes", NULL, 0, 22}};
        static const struct doc_table t = {"units", "The candidate's units", cols, 5};
        size_t n = 0;
        for (size_t u = 0; u < fw->nunits; u++) {
                if (wb_unit_status(r->wb, (int)u) == US_NONE)
                        continue;
                if (n++ == 0)
                        doc_table(r->doc, &t);
                const char *row[] = {fw->units[u].code, title_or_unknown(fw->units[u].title),
                                     fw->units[u].mandatory ? "mandatory" : "optional",
                                     report_unit_taken(r->wb, (int)u),
                                     wb_unit_notes(r->wb, (int)u)};
                doc_row_text(r->doc, row);
        }
        if (n)
                doc_table_end(r->doc);
        else
                doc_note(r->doc, "No units chosen yet.");
}

/* The picture of capabilities by stage: each stage on its own, up to the later
 * of the stage reported at and the target. */
static void cover_picture(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        size_t last = (size_t)(r->stage > r->wb->stage_index ? r->stage : r->wb->stage_index);
        if (last >= fw->nstages)
                last = fw->nstages - 1;
        size_t ncols = 2 + last + 1;
        struct doc_col *cols = xcalloc(ncols, sizeof *cols);
        cols[0] = (struct doc_col){"Code", "capability", CELL_CODE, 7};
        cols[1] = (struct doc_col){"Capability", "name", CELL_WIDE, 33};
        for (size_t s = 0; s <= last; s++)
                cols[2 + s] =
                    (struct doc_col){fw->stages[s].code, fw->stages[s].code, CELL_MARK, 0};
        struct doc_table t = {"stages", "Capabilities by stage", cols, ncols};
        doc_table(r->doc, &t);
        struct doc_cell *cells = xcalloc(ncols, sizeof *cells);
        struct buf *words = xcalloc(ncols, sizeof *words);
        for (size_t c = 0; c < fw->ncaps; c++) {
                cells[0] = (struct doc_cell){fw->caps[c].code, 0, NULL};
                cells[1] = (struct doc_cell){fw->caps[c].name, 0, NULL};
                for (size_t s = 0; s <= last; s++) {
                        buf_reset(&words[2 + s]);
                        unsigned fl = 0;
                        stage_words(coverage_at(&r->cov, (int)s, (int)c, -1), &words[2 + s], &fl);
                        cells[2 + s] = (struct doc_cell){buf_str(&words[2 + s]), fl, NULL};
                }
                doc_row(r->doc, cells);
        }
        doc_table_end(r->doc);
        for (size_t i = 0; i < ncols; i++)
                buf_free(&words[i]);
        free(words);
        free(cells);
        free(cols);
        doc_note(r->doc,
                 "met (n): n actual entries name the capability (one of its themes or indicators) "
                 "at that stage, or it is marked not applicable; missing: none does, and what "
                 "there is instead (planned only, through the mapping: entries logged against "
                 "units that link to it). The stages are cumulative: a capability is met at a "
                 "stage only when it is met at every stage before it as well.");
}

void report_cover(struct report *r)
{
        cover_fields(r);
        struct gap *g;
        size_t ng = coverage_gaps(r->wb, &r->cov, &g);
        char sl[64];
        struct buf b = {0};
        buf_printf(&b, "%zu capabilities and themes not met at %s; %zu entries", ng,
                   stage_label(r->wb, r->stage, sl, sizeof sl), r->wb->nentries);
        doc_field(r->doc, "In short", b.s, 0);
        buf_free(&b);
        gaps_free(g, ng);
        cover_units(r);
        cover_picture(r);
}

void report_coverage(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        char head[64];
        snprintf(head, sizeof head, "At %s", fw->stages[r->stage].code);
        const struct doc_col cols[] = {
            {"Capability", "capability", CELL_KEY, 0},
            {"Theme", "theme", CELL_KEY, 0},
            {"Code", NULL, CELL_PAPER | CELL_CODE, 8},
            {"Capability or theme", "name", CELL_WIDE, 26},
            {head, "coverage", 0, 11},
            {"Missing", "missing", 0, 12},
            {"Actual", NULL, CELL_NUM, 8},
            {"Planned", NULL, CELL_NUM, 9},
            {"Needs update", NULL, CELL_NUM, 8},
            {"n/a", "na", CELL_NUM, 5},
            {"Through the mapping", "actual_through_mapping", CELL_NUM, 13}};
        const struct doc_table t = {"coverage", NULL, cols, sizeof cols / sizeof *cols};
        doc_table(r->doc, &t);
        for (struct cov_row cr = {0}; cov_row_next(fw, &r->cov, &cr);) {
                const struct cov *cv = cr.cov;
                struct buf miss = {0};
                cov_missing_text(fw, cv, &miss);
                unsigned strong = cr.theme < 0 ? CELL_STRONG : 0;
                struct doc_cell cells[] = {
                    {fw->caps[cr.cap].code, 0, NULL},
                    {cr.theme < 0 ? "" : cr.code, 0, NULL},
                    {cr.code, strong, NULL},
                    {cr.name, strong, NULL},
                    {cov_mark_name[cov_mark(cv)], 0, NULL},
                    {buf_str(&miss), *buf_str(&miss) ? CELL_MISSING : 0, NULL},
                    {report_num(cv->direct.actual), 0, NULL},
                    {report_num(cv->direct.planned), 0, NULL},
                    {report_num(cv->direct.update), 0, NULL},
                    {report_num(cv->direct.na), 0, NULL},
                    {report_num(cv->mapped_direct.actual + cv->mapped_indirect.actual), 0, NULL}};
                doc_row(r->doc, cells);
                buf_free(&miss);
        }
        doc_table_end(r->doc);
        doc_note(r->doc, "Actual, planned, needs update and n/a count the entries that name the "
                         "capability or theme at the stage; through the mapping, the actual "
                         "entries logged against units and elements that link to it.");
}
