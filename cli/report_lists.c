/* report_lists.c — the report's lists: the gaps with the units that could fill
 * them, planned entries and what they became, n/a entries and why, sessions and
 * their agreed actions, the resources, and every entry with its sign-off (and,
 * asked for, its history). */
#include "cli/cli.h"
#include "cli/report.h"
#include "core/history.h"
#include "core/target.h"

#include <stdlib.h>
#include <string.h>

void report_gaps(struct report *r)
{
        const struct workbook *wb = r->wb;
        const struct framework *fw = &wb->fw;
        struct gap *g;
        size_t n = coverage_gaps(wb, &r->cov, &g);
        char sl[64];
        struct buf b = {0};
        buf_printf(&b,
                   "The capabilities and themes without actual evidence naming them at every "
                   "stage up to %s, what there is instead, and the units whose mapping links "
                   "reach them (held: the candidate has achieved the unit or holds it by credit "
                   "transfer).",
                   stage_label(wb, r->stage, sl, sizeof sl));
        doc_note(r->doc, b.s);
        static const struct doc_col cols[] = {{"Capability", NULL, CELL_KEY, 0},
                                              {"Theme", NULL, CELL_KEY, 0},
                                              {"Code", NULL, CELL_PAPER | CELL_CODE, 8},
                                              {"Capability or theme", "name", CELL_WIDE, 26},
                                              {"Missing", NULL, 0, 16},
                                              {"There is", "coverage", 0, 14},
                                              {"Units that could fill it", "units", CELL_WIDE, 36}};
        static const struct doc_table t = {"gaps", NULL, cols, 7};
        if (n)
                doc_table(r->doc, &t);
        else
                doc_note(r->doc, "No gaps: every capability and theme has actual evidence at "
                                 "every stage.");
        struct buf miss = {0}, hints = {0};
        for (size_t i = 0; i < n; i++) {
                const struct cov *cv =
                    g[i].theme < 0 ? &r->cov.caps[g[i].cap] : &r->cov.themes[g[i].theme];
                buf_reset(&miss), buf_reset(&hints);
                cov_missing_text(fw, cv, &miss);
                hints_text(wb, g[i].units, g[i].nunits, &hints);
                const char *code =
                    g[i].theme < 0 ? fw->caps[g[i].cap].code : fw->themes[g[i].theme].code;
                unsigned strong = g[i].theme < 0 ? CELL_STRONG : 0;
                struct doc_cell cells[] = {
                    {fw->caps[g[i].cap].code, 0, NULL},
                    {g[i].theme < 0 ? "" : code, 0, NULL},
                    {code, strong, NULL},
                    {g[i].theme < 0 ? fw->caps[g[i].cap].name : fw->themes[g[i].theme].name, strong,
                     NULL},
                    {buf_str(&miss), CELL_MISSING, NULL},
                    {g[i].mark == MARK_NONE ? "nothing" : cov_mark_name[g[i].mark], 0, NULL},
                    {hints.len ? hints.s : "(no unit links here)", 0, NULL}};
                doc_row(r->doc, cells);
        }
        if (n)
                doc_table_end(r->doc);
        buf_free(&miss), buf_free(&hints), buf_free(&b);
        gaps_free(g, n);
        static const struct doc_col ucols[] = {{"Entry", "id", CELL_CODE, 8},
                                               {"Ref", NULL, CELL_CODE, 14},
                                               {"Summary", NULL, CELL_WIDE, 58},
                                               {"Indicators", NULL, CELL_CODE, 20}};
        static const struct doc_table ut = {"needs_update", "Evidence marked needs-update", ucols,
                                            4};
        size_t nu = 0;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (e->status != ST_UPDATE)
                        continue;
                if (nu++ == 0)
                        doc_table(r->doc, &ut);
                const char *row[] = {entry_get(wb, e, "id"), entry_get(wb, e, "ref"),
                                     entry_get(wb, e, "summary"), entry_get(wb, e, "indicators")};
                doc_row_text(r->doc, row);
        }
        if (nu)
                doc_table_end(r->doc);
}

void report_planned(struct report *r)
{
        const struct workbook *wb = r->wb;
        static const struct doc_col cols[] = {{"Entry", "id", CELL_CODE, 8},
                                              {"Ref", NULL, CELL_CODE, 14},
                                              {"Date", NULL, CELL_DATE, 11},
                                              {"Summary", NULL, CELL_WIDE, 47},
                                              {"Revamped into", "revamped_into", 0, 20}};
        static const struct doc_table t = {"planned", NULL, cols, 5};
        struct buf into = {0};
        size_t n = 0;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (e->status != ST_PLANNED)
                        continue;
                buf_reset(&into);
                for (size_t k = 0; k < wb->nentries; k++) {
                        const struct entry *a = &wb->entries[k];
                        if (a->revamps != (int)i)
                                continue;
                        buf_printf(&into, "%s%s (%s, %s)", into.len ? "\n" : "",
                                   entry_get(wb, a, "id"), ev_status_label[a->status],
                                   entry_get(wb, a, "date"));
                }
                if (n++ == 0)
                        doc_table(r->doc, &t);
                const char *row[] = {entry_get(wb, e, "id"), entry_get(wb, e, "ref"),
                                     entry_get(wb, e, "date"), entry_get(wb, e, "summary"),
                                     into.len ? into.s : "not yet"};
                doc_row_text(r->doc, row);
        }
        if (n)
                doc_table_end(r->doc);
        else
                doc_note(r->doc, "No planned entries.");
        buf_free(&into);
}

void report_na(struct report *r)
{
        const struct workbook *wb = r->wb;
        static const struct doc_col cols[] = {{"Entry", "id", CELL_CODE, 8},
                                              {"Ref", NULL, CELL_CODE, 14},
                                              {"Elements", NULL, CELL_CODE, 14},
                                              {"Indicators", NULL, CELL_CODE, 16},
                                              {"Rationale", NULL, CELL_WIDE, 48}};
        static const struct doc_table t = {"not_applicable", NULL, cols, 5};
        size_t n = 0;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (e->status != ST_NA)
                        continue;
                if (n++ == 0)
                        doc_table(r->doc, &t);
                const char *why = entry_get(wb, e, "rationale");
                const char *row[] = {entry_get(wb, e, "id"), entry_get(wb, e, "ref"),
                                     entry_get(wb, e, "elements"), entry_get(wb, e, "indicators"),
                                     *why ? why : "(no rationale given)"};
                doc_row_text(r->doc, row);
        }
        if (n)
                doc_table_end(r->doc);
        else
                doc_note(r->doc, "No entries are marked not applicable.");
}

/* The actions agreed at session sid ("" for those of no session). */
static size_t actions_of(struct report *r, const char *sid)
{
        const struct workbook *wb = r->wb;
        const struct sheet *as = &wb->sheets[WB_ACTIONS];
        static const struct doc_col cols[] = {
            {"Session", NULL, CELL_KEY, 0},     {"Action", "id", CELL_CODE, 8},
            {"Objective", NULL, CELL_WIDE, 24}, {"Success indicator", NULL, CELL_WIDE, 23},
            {"Due", NULL, CELL_DATE, 11},       {"Who", "responsibility", 0, 12},
            {"Done", NULL, CELL_DATE, 11},      {"Overdue", NULL, 0, 11}};
        static const struct doc_table t = {"actions", NULL, cols, 8};
        size_t n = 0;
        for (size_t k = 0; k < as->nrows; k++) {
                if (as->rows[k].bad || wb_row_deleted(wb, WB_ACTIONS, k) ||
                    strcmp(sheet_get(as, k, sheet_col(as, "session")), sid) != 0)
                        continue;
                if (n++ == 0)
                        doc_table(r->doc, &t);
                bool overdue = target_row_overdue(wb, WB_ACTIONS, k, r->today);
                struct doc_cell cells[] = {
                    {sid, 0, NULL},
                    {sheet_get(as, k, sheet_col(as, "id")), 0, NULL},
                    {sheet_get(as, k, sheet_col(as, "objective")), 0, NULL},
                    {sheet_get(as, k, sheet_col(as, "success_indicator")), 0, NULL},
                    {sheet_get(as, k, sheet_col(as, "due")), 0, NULL},
                    {sheet_get(as, k, sheet_col(as, "responsibility")), 0, NULL},
                    {sheet_get(as, k, sheet_col(as, "done")), 0, NULL},
                    {overdue ? "OVERDUE" : "", overdue ? CELL_MISSING : 0, NULL}};
                doc_row(r->doc, cells);
        }
        if (n)
                doc_table_end(r->doc);
        return n;
}

void report_sessions(struct report *r)
{
        const struct workbook *wb = r->wb;
        const struct sheet *ss = &wb->sheets[WB_SESSIONS];
        struct buf b = {0};
        size_t n = 0;
        for (size_t i = 0; i < ss->nrows; i++) {
                if (ss->rows[i].bad || wb_row_deleted(wb, WB_SESSIONS, i))
                        continue;
                n++;
                const char *sid = sheet_get(ss, i, sheet_col(ss, "id"));
                const char *focus = sheet_get(ss, i, sheet_col(ss, "focus"));
                char anchor[64];
                report_anchor(anchor, sizeof anchor, "session", sid);
                buf_reset(&b);
                buf_printf(&b, "%s %s%s%s", sid, sheet_get(ss, i, sheet_col(ss, "date")),
                           *focus ? ": " : "", focus);
                doc_heading(r->doc, 3, anchor, b.s, 0);
                const char *who = sheet_get(ss, i, sheet_col(ss, "participants"));
                if (*who)
                        doc_field(r->doc, "Participants", who, 0);
                const char *notes = sheet_get(ss, i, sheet_col(ss, "notes"));
                if (*notes)
                        doc_field(r->doc, "Notes", notes, 0);
                if (!actions_of(r, sid))
                        doc_note(r->doc, "No actions agreed.");
        }
        if (!n)
                doc_note(r->doc, "No supervision sessions recorded.");
        /* actions of no session, or of one that is not there */
        const struct sheet *as = &wb->sheets[WB_ACTIONS];
        bool loose = false;
        for (size_t k = 0; k < as->nrows && !loose; k++)
                loose = !as->rows[k].bad && !wb_row_deleted(wb, WB_ACTIONS, k) &&
                        !*sheet_get(as, k, sheet_col(as, "session"));
        if (loose) {
                doc_heading(r->doc, 3, "session-none", "Actions agreed outside a session", 0);
                actions_of(r, "");
        }
        buf_free(&b);
}

void report_resources(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        static const struct doc_col cols[] = {{"For", "ref", CELL_CODE, 16},
                                              {"Title", NULL, CELL_WIDE, 25},
                                              {"Address", NULL, CELL_WIDE, 27},
                                              {"Notes", NULL, CELL_WIDE, 32}};
        static const struct doc_table t = {"resources", NULL, cols, 4};
        bool *shown = xcalloc(fw->nresources + 1, sizeof *shown);
        size_t n = 0;
        struct buf what = {0};
        /* each capability's own (its themes' first), then the general ones once */
        for (int c = 0; c <= (int)fw->ncaps; c++) {
                size_t *idx;
                bool general = c == (int)fw->ncaps;
                size_t k = fw_resources_for(fw, general ? 0 : c, -1, &idx);
                for (size_t i = 0; i < k; i++) {
                        const struct fw_resource *res = &fw->resources[idx[i]];
                        int how = fw_resource_link(fw, res, general ? 0 : c, -1);
                        if (shown[idx[i]] || (general ? how != 3 : how == 3))
                                continue;
                        shown[idx[i]] = true;
                        if (n++ == 0)
                                doc_table(r->doc, &t);
                        buf_reset(&what);
                        struct ref rf;
                        if (general)
                                buf_adds(&what, "every capability");
                        else if (ref_parse(fw, res->ref, &rf) && rf.kind == REF_THEME)
                                buf_printf(&what, "%s %s", fw->themes[rf.theme].code,
                                           fw->themes[rf.theme].name);
                        else
                                buf_printf(&what, "%s %s", fw->caps[c].code, fw->caps[c].name);
                        bool web = strncmp(res->address, "http://", 7) == 0 ||
                                   strncmp(res->address, "https://", 8) == 0;
                        struct doc_cell cells[] = {{buf_str(&what), 0, NULL},
                                                   {res->title, 0, NULL},
                                                   {res->address, 0, web ? res->address : NULL},
                                                   {res->notes, 0, NULL}};
                        doc_row(r->doc, cells);
                }
                free(idx);
        }
        if (n)
                doc_table_end(r->doc);
        else
                doc_note(r->doc, "No resources are linked to the capabilities.");
        buf_free(&what);
        free(shown);
}

static void history_table(struct report *r)
{
        struct workbook *wb = r->wb;
        static const struct doc_col cols[] = {{"Entry", "id", CELL_CODE, 8},
                                              {"When", NULL, 0, 22},
                                              {"Login", NULL, 0, 14},
                                              {"What", NULL, CELL_WIDE, 56}};
        static const struct doc_table t = {"history", NULL, cols, 4};
        doc_heading(r->doc, 3, "history", "History of each entry", 0);
        size_t shown = 0;
        for (size_t i = 0; i < wb->nentries; i++) {
                char *id = xstrdup(entry_get(wb, &wb->entries[i], "id"));
                struct history_row *rows;
                size_t n = history_of(wb, WB_EVIDENCE, id, &rows);
                for (size_t k = 0; k < n; k++) {
                        if (shown++ == 0)
                                doc_table(r->doc, &t);
                        /* the date and the time may go on two lines, the date whole */
                        char *when = xstrdup(rows[k].when);
                        char *t = strchr(when, 'T');
                        if (t)
                                *t = ' ';
                        const char *row[] = {id, when, rows[k].login, rows[k].what};
                        doc_row_text(r->doc, row);
                        free(when);
                }
                free(rows);
                free(id);
        }
        if (shown)
                doc_table_end(r->doc);
        else
                doc_note(r->doc, "history.csv records no change to these entries yet.");
}

void report_evidence(struct report *r)
{
        struct workbook *wb = r->wb;
        static const struct doc_col cols[] = {
            {"Entry", "id", CELL_CODE, 7},       {"Ref", NULL, CELL_CODE, 11},
            {"Date", NULL, CELL_DATE, 11},       {"Status", NULL, 0, 10},
            {"Summary", NULL, CELL_WIDE, 29},    {"Elements", NULL, CELL_CODE, 9},
            {"Indicators", NULL, CELL_CODE, 12}, {"Sign-off", "signoff", 0, 11}};
        static const struct doc_table t = {"evidence", NULL, cols, 8};
        if (!wb->nentries) {
                doc_note(r->doc, "No evidence logged yet.");
        } else {
                doc_table(r->doc, &t);
                struct buf so = {0}, status = {0};
                for (size_t i = 0; i < wb->nentries; i++) {
                        const struct entry *e = &wb->entries[i];
                        buf_reset(&so), buf_reset(&status);
                        bool changed = report_signoff_text(r, i, &so) == SO_CHANGED;
                        buf_adds(&status, ev_status_label[e->status]);
                        const char *rv = entry_get(wb, e, "revamps");
                        if (*rv)
                                buf_printf(&status, "; revamps %s", rv);
                        struct doc_cell cells[] = {
                            {entry_get(wb, e, "id"), 0, NULL},
                            {entry_get(wb, e, "ref"), 0, NULL},
                            {entry_get(wb, e, "date"), 0, NULL},
                            {buf_str(&status), 0, NULL},
                            {entry_get(wb, e, "summary"), 0, NULL},
                            {entry_get(wb, e, "elements"), 0, NULL},
                            {entry_get(wb, e, "indicators"), 0, NULL},
                            {so.len ? so.s : "not signed", changed ? CELL_MISSING : 0, NULL}};
                        doc_row(r->doc, cells);
                }
                doc_table_end(r->doc);
                buf_free(&so), buf_free(&status);
        }
        if (r->history)
                history_table(r);
}
