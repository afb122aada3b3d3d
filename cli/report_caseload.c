/* report_caseload.c — the caseload page: a row a candidate with their pathway,
 * stage, each capability met or what is missing, the gaps, the last session and
 * the overdue actions, linking to each candidate's own report when written. */
#include "cli/cli.h"
#include "cli/report.h"
#include "core/target.h"

#include <stdlib.h>
#include <string.h>

struct caseload_page {
        struct doc *doc;
        const char *link_ext;
        struct doc_col *cols;
        size_t ncols, ncaps, rows;
        struct strlist codes; /* the capabilities' codes: the columns outlive the workbook */
        struct doc_table table;
        bool begun;
        char today[11];
        /* candidates not read before the first that is: the columns come from a
         * workbook, so these wait for it, keeping their order */
        struct strlist held_folder, held_why;
};

/* Folder names made safe for an href: a percent sign for anything but letters,
 * digits, '.', '-' and '_'. */
static void href_of(const char *folder, const char *ext, struct buf *out)
{
        for (const unsigned char *p = (const unsigned char *)folder; *p; p++) {
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
                        buf_addc(out, (char)*p);
                else
                        buf_printf(out, "%%%02X", *p);
        }
        buf_printf(out, ".%s", ext);
}

struct caseload_page *caseload_page_begin(struct doc *d, const char *dir, const char *link_ext)
{
        struct caseload_page *p = xcalloc(1, sizeof *p);
        p->doc = d;
        p->link_ext = link_ext;
        date_today(p->today);
        struct buf t = {0};
        buf_printf(&t, "Caseload: %s", path_basename(dir));
        d->landscape = true; /* a column a capability besides the candidate's own */
        doc_begin(d, t.s);
        buf_free(&t);
        d->section = "caseload";
        return p;
}

/* The columns before the capabilities'. */
enum { FIXED = 6 };

/* The columns follow the first workbook's capabilities. */
static void page_table(struct caseload_page *p, const struct framework *fw)
{
        static const struct doc_col fixed[] = {
            {"Folder", NULL, CELL_KEY | CELL_CODE, 0},
            {"Candidate", NULL, CELL_KEY, 0},
            /* on paper with what stops the user */
            {"Candidate", "candidate_shown", CELL_STRONG | CELL_PAPER, 16},
            {"Pathway", NULL, 0, 11},
            {"Stage", NULL, CELL_CODE, 6},
            {"Entries", NULL, CELL_NUM, 7}};
        static const struct doc_col tail[] = {{"Gaps", NULL, CELL_NUM, 6},
                                              {"Last session", "last_session", CELL_DATE, 11},
                                              {"Overdue actions", "overdue_actions", CELL_NUM, 8},
                                              {"Access", NULL, CELL_KEY, 0},
                                              {"Why", NULL, CELL_KEY, 0}};
        p->ncaps = fw ? fw->ncaps : 0;
        p->ncols = FIXED + p->ncaps + 5;
        p->cols = xcalloc(p->ncols, sizeof *p->cols);
        memcpy(p->cols, fixed, sizeof fixed);
        for (size_t k = 0; k < p->ncaps; k++)
                strlist_push(&p->codes, fw->caps[k].code);
        for (size_t k = 0; k < p->ncaps; k++)
                p->cols[FIXED + k] = (struct doc_col){p->codes.v[k], p->codes.v[k], CELL_MARK, 0};
        memcpy(p->cols + FIXED + p->ncaps, tail, sizeof tail);
        p->table = (struct doc_table){"caseload", NULL, p->cols, p->ncols};
        doc_table(p->doc, &p->table);
        p->begun = true;
}

/* The latest session's date, and the open actions due before today. */
static void sessions_of(const struct workbook *wb, const char *today, char last[11],
                        unsigned *overdue)
{
        const struct sheet *ss = &wb->sheets[WB_SESSIONS], *as = &wb->sheets[WB_ACTIONS];
        last[0] = '\0';
        for (size_t i = 0; i < ss->nrows; i++) {
                if (ss->rows[i].bad || wb_row_deleted(wb, WB_SESSIONS, i))
                        continue;
                const char *dt = sheet_get(ss, i, sheet_col(ss, "date"));
                if (date_valid(dt) && strcmp(dt, last) > 0)
                        snprintf(last, 11, "%s", dt);
        }
        *overdue = 0;
        for (size_t k = 0; k < as->nrows; k++)
                if (!as->rows[k].bad && !wb_row_deleted(wb, WB_ACTIONS, k) &&
                    target_row_overdue(wb, WB_ACTIONS, k, today))
                        (*overdue)++;
}

static void page_row(struct caseload_page *p, const char *folder, struct workbook *wb,
                     enum wb_access access, const char *why);

/* The rows held for the columns, once there are columns. */
static void held_rows(struct caseload_page *p)
{
        for (size_t i = 0; i < p->held_folder.n; i++)
                page_row(p, p->held_folder.v[i], NULL, WB_ACCESS_NONE, p->held_why.v[i]);
        strlist_free(&p->held_folder);
        strlist_free(&p->held_why);
}

void caseload_page_row(struct caseload_page *p, const char *folder, struct workbook *wb,
                       enum wb_access access, const char *why)
{
        if (!p->begun && !wb) {
                strlist_push(&p->held_folder, folder);
                strlist_push(&p->held_why, why && *why ? why : "capbook check says why");
                return;
        }
        if (!p->begun) {
                page_table(p, &wb->fw);
                held_rows(p);
        }
        page_row(p, folder, wb, access, why);
}

static void page_row(struct caseload_page *p, const char *folder, struct workbook *wb,
                     enum wb_access access, const char *why)
{
        static const char *const access_word[] = {[WB_ACCESS_NONE] = "none",
                                                  [WB_ACCESS_READ] = "read-only",
                                                  [WB_ACCESS_WRITE] = "read-write"};
        struct doc_cell *cells = xcalloc(p->ncols, sizeof *cells);
        struct buf href = {0}, name = {0};
        struct buf *caps = xcalloc(p->ncaps + 1, sizeof *caps);
        cells[0].text = folder;
        why = why && *why ? why : wb ? "" : "capbook check says why";
        cells[FIXED + 3 + p->ncaps].text = access_word[wb ? access : WB_ACCESS_NONE];
        cells[FIXED + 4 + p->ncaps].text = why;
        if (!wb) {
                buf_printf(&name, "%s (cannot be opened: %s)", folder, why);
                cells[2].text = name.s;
                doc_row(p->doc, cells);
        } else {
                struct coverage c;
                coverage_compute(wb, wb->stage_index, &c);
                struct gap *g;
                size_t ng = coverage_gaps(wb, &c, &g);
                gaps_free(g, ng);
                char last[11];
                unsigned overdue;
                sessions_of(wb, p->today, last, &overdue);
                if (p->link_ext)
                        href_of(folder, p->link_ext, &href);
                buf_adds(&name, *wb->name ? wb->name : folder);
                if (access == WB_ACCESS_READ) /* opens, but only to be read */
                        buf_printf(&name, " (read-only for you: %s)", why);
                cells[1].text = *wb->name ? wb->name : folder;
                cells[2] = (struct doc_cell){name.s, 0, href.len ? href.s : NULL};
                cells[3].text = pathway_name(wb);
                cells[4].text = wb->fw.nstages ? wb->fw.stages[wb->stage_index].code : "?";
                cells[5].text = report_num((unsigned)wb->nentries);
                for (size_t k = 0; k < p->ncaps && k < wb->fw.ncaps; k++) {
                        if (cov_met(&c.caps[k])) {
                                buf_adds(&caps[k], "met");
                                cells[FIXED + k].flags = CELL_MET;
                        } else {
                                cov_missing_text(&wb->fw, &c.caps[k], &caps[k]);
                                cells[FIXED + k].flags = CELL_MISSING;
                        }
                        cells[FIXED + k].text = buf_str(&caps[k]);
                }
                cells[FIXED + p->ncaps].text = report_num((unsigned)ng);
                cells[FIXED + 1 + p->ncaps].text = *last ? last : "none";
                cells[FIXED + 2 + p->ncaps].text = report_num(overdue);
                doc_row(p->doc, cells);
                coverage_free(&c);
        }
        p->rows++;
        for (size_t k = 0; k <= p->ncaps; k++)
                buf_free(&caps[k]);
        free(caps);
        buf_free(&href), buf_free(&name);
        free(cells);
}

int caseload_page_end(struct caseload_page *p)
{
        if (!p->begun && p->held_folder.n) { /* none was read: no capability columns */
                page_table(p, NULL);
                held_rows(p);
        }
        if (p->begun) {
                doc_table_end(p->doc);
                char sl[96];
                snprintf(sl, sizeof sl, "Generated %s. ", p->today);
                struct buf b = {0};
                buf_printf(&b,
                           "%sEach capability at the candidate's own target stage: met (actual "
                           "evidence names it at every stage up to the target), or the stages "
                           "missing. Gaps: the capabilities and themes not met. Overdue: agreed "
                           "actions not done by their due date.",
                           sl);
                doc_note(p->doc, b.s);
                buf_free(&b);
        } else {
                doc_note(p->doc, "No workbooks in this caseload.");
        }
        int rc = doc_end(p->doc);
        strlist_free(&p->codes);
        free(p->cols);
        free(p);
        return rc;
}
