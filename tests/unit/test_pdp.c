/* test_pdp.c — the development plan and the agreed-target code it shares with
 * sessions' actions (adding, overdue, done), and spec.csv, pdp.csv and
 * cpd.csv under the rules of every sheet: optional, unknown columns kept,
 * formula guard, journal, merge with a change on disk. */
#include "core/cpd.h"
#include "core/fileio.h"
#include "core/journal.h"
#include "core/pdp.h"
#include "core/spec.h"
#include "core/target.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(pdp, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static char *new_workbook(struct workbook *wb)
{
        char *dir = path_join(tmpdir, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "T", "manager", "AC", NULL, NULL, &d), 0);
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0);
        cr_assert_eq(diag_count(&d, DIAG_NOTE), 0, "%s", first_msg(&d));
        diag_free(&d);
        return dir;
}

static char *slurp(const char *dir, const char *name)
{
        char *p = path_join(dir, name), *data;
        size_t len;
        cr_assert_eq(file_read(p, &data, &len, NULL), 0, "cannot read %s", p);
        free(p);
        return data;
}

static void write_text(const char *dir, const char *name, const char *text)
{
        char *p = path_join(dir, name);
        char err[256];
        cr_assert_eq(file_replace(p, text, strlen(text), 0600, err, sizeof err), 0, "%s", err);
        free(p);
}

Test(pdp, levels_as_the_strategy_words_them)
{
        cr_assert_eq(pdp_level_parse(""), PDP_LEVEL_NONE);
        cr_assert_eq(pdp_level_parse("Basics"), PDP_BASICS);
        cr_assert_eq(pdp_level_parse("2"), PDP_QUALIFICATIONS);
        cr_assert_eq(pdp_level_parse("discrete learning"), PDP_DISCRETE);
        cr_assert_eq(pdp_level_parse("4"), PDP_LEVEL_UNKNOWN);
        cr_assert(strstr(pdp_levels[PDP_BASICS].words, "including induction and foundation "
                                                       "learning"));
        cr_assert(
            strstr(pdp_levels[PDP_QUALIFICATIONS].words, "such as the Registered Manager Award"));
        cr_assert(strstr(pdp_levels[PDP_DISCRETE].words, "external non-qualifying programmes"));
}

/* On 2026-01-15 the example's T3 (due 2025-12-19, open) is overdue; T1 and
 * T5 are done; T2 and T4 are not yet due. */
Test(pdp, teamleader_plan_and_overdue)
{
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, "data/examples/teamleader", NULL, &d), 0);
        char today[11];
        date_today(today);
        cr_assert_str_eq(today, "2026-01-15");
        const struct sheet *sh = &wb.sheets[WB_PDP];
        cr_assert_eq(sh->nrows, 5);
        size_t overdue = 0, done = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                overdue += target_row_overdue(&wb, WB_PDP, i, today);
                done += target_is_done(wb_get(&wb, WB_PDP, i, "done"));
        }
        cr_assert_eq(overdue, 1);
        cr_assert_eq(done, 2);
        cr_assert(target_row_overdue(&wb, WB_PDP, (size_t)wb_find(&wb, WB_PDP, "T3"), today));
        /* links: a specification row, "whole", and a competence */
        struct spec_link l;
        cr_assert(spec_link_resolve(&wb, "R1", &l));
        cr_assert_eq(l.row, wb_find(&wb, WB_SPEC, "R1"));
        cr_assert(spec_link_resolve(&wb, "whole", &l));
        cr_assert(spec_link_resolve(&wb, "RMA:B3", &l));
        cr_assert_lt(l.row, 0);
        cr_assert_str_eq(l.comp.code, "RMA B3");
        cr_assert_not(spec_link_resolve(&wb, "", &l));
        cr_assert_not(spec_link_resolve(&wb, "R99", &l));
        workbook_free(&wb);
        diag_free(&d);
}

Test(pdp, add_done_undo)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        struct diag d = {0};
        struct pdp_new n = {"Complete the induction",
                            "Checklist signed",
                            "Service manager",
                            "2026-01-10",
                            "ORG: knowledge of policies",
                            "basics"};
        char *id = pdp_add(&wb, &n, &d);
        cr_assert_str_eq(id, "T1", "%s", first_msg(&d));
        cr_assert_eq(d.n, 0, "%s", first_msg(&d));
        long row = wb_find(&wb, WB_PDP, "T1");
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)row, "level"), "basics");
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)row, "done"), "");
        cr_assert(target_row_overdue(&wb, WB_PDP, (size_t)row, "2026-01-15"));
        cr_assert_not(target_row_overdue(&wb, WB_PDP, (size_t)row, "2026-01-10"), "due today");
        cr_assert_eq(target_toggle_done(&wb, WB_PDP, "T1", &d), 0);
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)row, "done"), "2026-01-15");
        cr_assert_not(target_row_overdue(&wb, WB_PDP, (size_t)row, "2026-01-15"));
        cr_assert_eq(target_toggle_done(&wb, WB_PDP, "T1", &d), 0);
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)row, "done"), "");
        cr_assert(wb_undo(&wb));
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)row, "done"), "2026-01-15");
        cr_assert_eq(target_mark_done(&wb, WB_PDP, "T1", "2026-01-12", &d), 0);
        cr_assert_neq(target_mark_done(&wb, WB_PDP, "T9", NULL, &d), 0);
        cr_assert_neq(target_mark_done(&wb, WB_PDP, "T1", "yesterday", &d), 0);
        /* back through the two marks; the whole add is then one undo step */
        cr_assert(wb_undo(&wb));
        cr_assert(wb_undo(&wb));
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)row, "done"), "");
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)row, "objective"), "Complete the induction");
        cr_assert(wb_undo(&wb));
        cr_assert_lt(wb_find(&wb, WB_PDP, "T1"), 0, "undoing the add removes the row");
        free(id);
        /* refused: no objective, a level not on the list, a due date not a date */
        diag_clear(&d);
        struct pdp_new bad[] = {{"", NULL, NULL, NULL, NULL, NULL},
                                {"x", NULL, NULL, NULL, NULL, "4"},
                                {"x", NULL, NULL, "soon", NULL, NULL}};
        for (size_t i = 0; i < 3; i++)
                cr_assert_null(pdp_add(&wb, &bad[i], &d), "bad %zu", i);
        cr_assert_eq(diag_count(&d, DIAG_ERROR), 3);
        /* a link neither a row nor in the map: kept, and noted */
        diag_clear(&d);
        n = (struct pdp_new){"x", NULL, NULL, NULL, "Z99", "3"};
        id = pdp_add(&wb, &n, &d);
        cr_assert_not_null(id);
        cr_assert_eq(d.n, 1);
        cr_assert_eq(d.v[0].level, DIAG_NOTE);
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)wb_find(&wb, WB_PDP, id), "level"),
                         "discrete");
        free(id);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

/* The actions of sessions go through the same code: same overdue test, same
 * checks of due and done. */
Test(pdp, actions_share_the_target_code)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        struct diag d = {0};
        const char *cells[][2] = {{"objective", "Read the toolkit"}, {"responsibility", "Freda"}};
        char *id = target_add(&wb, WB_ACTIONS, "2025-12-01", cells, 2, &d);
        cr_assert_str_eq(id, "AP1");
        cr_assert(target_row_overdue(&wb, WB_ACTIONS, (size_t)wb_find(&wb, WB_ACTIONS, id),
                                     "2026-01-15"));
        cr_assert_null(target_add(&wb, WB_ACTIONS, "2025-13-01", cells, 2, &d));
        cr_assert_eq(wb_set(&wb, WB_ACTIONS, id, "done", "maybe"), 0);
        cr_assert_eq(wb_set(&wb, WB_ACTIONS, id, "due", "Friday"), 0);
        const char *pcells[][2] = {{"objective", "x"}};
        char *tid = target_add(&wb, WB_PDP, NULL, pcells, 1, &d);
        cr_assert_eq(wb_set(&wb, WB_PDP, tid, "done", "maybe"), 0);
        cr_assert_eq(wb_set(&wb, WB_PDP, tid, "due", "Friday"), 0);
        diag_clear(&d);
        workbook_check(&wb, &d);
        cr_assert_eq(d.n, 4, "%zu: %s", d.n, first_msg(&d));
        cr_assert_str_eq(d.v[0].msg, "due \"Friday\" is not a date (YYYY-MM-DD)");
        cr_assert_str_eq(d.v[1].msg, "done \"maybe\" is not a date (YYYY-MM-DD), yes or no");
        cr_assert_str_eq(path_basename(d.v[0].file), "actions.csv");
        cr_assert_str_eq(d.v[2].msg, d.v[0].msg);
        cr_assert_str_eq(path_basename(d.v[2].file), "pdp.csv");
        cr_assert(target_is_done("yes"));
        cr_assert(target_is_done("2026-01-01"));
        cr_assert_not(target_is_done("No"));
        cr_assert_not(target_is_done(""));
        free(id), free(tid), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A workbook without the three sheets does not load the 2004 map until asked. */
Test(pdp, map_loaded_when_needed)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        cr_assert_null(wb.map.dir);
        struct diag d = {0};
        cr_assert_eq(workbook_map(&wb, &d), 0);
        cr_assert_not_null(wb.map.dir);
        cr_assert_eq(wb.map.nstandards, 46);
        cr_assert_eq(workbook_map(&wb, &d), 0);
        cr_assert_eq(d.n, 0);
        workbook_free(&wb);
        /* adding the first activity loads it: the kind is checked against its list */
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        struct cpd_new n = {NULL, "a", "golf", "1", NULL, NULL, NULL, NULL};
        cr_assert_null(cpd_add(&wb, &n, &d));
        cr_assert(strstr(first_msg(&d), "\"golf\" is not one of"), "%s", first_msg(&d));
        workbook_free(&wb);
        /* and a workbook that has one of them loads it at open */
        write_text(dir, "pdp.csv", "id,objective\n");
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_not_null(wb.map.dir);
        workbook_free(&wb);
        diag_free(&d);
        free(dir);
}

/* Absent until written; created with the header the workbook uses; unknown
 * columns and formulas kept exactly. */
Test(pdp, sheets_follow_the_rules_of_the_others)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        static const char *const files[] = {"spec.csv", "pdp.csv", "cpd.csv"};
        for (size_t i = 0; i < 3; i++) {
                char *p = path_join(dir, files[i]);
                cr_assert_not(path_exists(p), "%s made before anything was written", files[i]);
                free(p);
        }
        struct spec_new sn = {"=HYPERLINK(\"x\")", "RMA:RG6", NULL, NULL};
        char *r = spec_add(&wb, &sn, &d);
        struct pdp_new pn = {"-5 days of leave", NULL, NULL, NULL, NULL, NULL};
        char *t = pdp_add(&wb, &pn, &d);
        struct cpd_new cn = {"2025-05-01", "+ a course", "course", "1", NULL, NULL, NULL, NULL};
        char *c = cpd_add(&wb, &cn, &d);
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        char *text = slurp(dir, "spec.csv");
        cr_assert_str_eq(text, "id,requirement,competences,learning,training,revised\n"
                               "R1,\"'=HYPERLINK(\"\"x\"\")\",RMA:RG6,,,2026-01-15\n");
        free(text);
        text = slurp(dir, "pdp.csv");
        cr_assert_str_eq(text, "id,objective,measure,agreed_with,due,done,link,level\n"
                               "T1,'-5 days of leave,,,,,,\n");
        free(text);
        text = slurp(dir, "cpd.csv");
        cr_assert_str_eq(text, "id,date,activity,kind,days,hours,learnt,refs,evidence\n"
                               "C1,2025-05-01,'+ a course,course,1,,,,\n");
        free(text);
        workbook_free(&wb);
        /* a spreadsheet added a column and reordered the others: both kept */
        write_text(dir, "cpd.csv",
                   "kind,id,date,activity,days,hours,learnt,refs,evidence,approved_by\n"
                   "course,C1,2025-05-01,'+ a course,1,,,,,Ann\n");
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_str_eq(wb_get(&wb, WB_CPD, 0, "activity"), "+ a course");
        cr_assert_eq(wb_set(&wb, WB_CPD, "C1", "hours", "2"), 0);
        cr_assert_eq(workbook_save(&wb, &d), 0);
        text = slurp(dir, "cpd.csv");
        cr_assert_str_eq(text, "kind,id,date,activity,days,hours,learnt,refs,evidence,approved_by\n"
                               "course,C1,2025-05-01,'+ a course,1,2,,,,Ann\n");
        free(text);
        free(r), free(t), free(c), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

static int hook(void *ctx, const struct wb_edit *e)
{
        return journal_edit(ctx, e, e->removes_row);
}

/* Unsaved edits of the three sheets come back from the journal. */
Test(pdp, journal_replays_the_new_sheets)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        struct journal j;
        journal_init(&j, dir, 0600);
        wb.before_edit = hook;
        wb.before_edit_ctx = &j;
        struct diag d = {0};
        struct spec_new sn = {"Joint working", "HSC:C2.1", NULL, NULL};
        char *r = spec_add(&wb, &sn, &d);
        struct pdp_new pn = {"Shadow a review", NULL, NULL, "2026-03-01", r, "discrete"};
        char *t = pdp_add(&wb, &pn, &d);
        struct cpd_new cn = {NULL, "Seminar", "seminar", NULL, "3", NULL, "HSC:C2.1", NULL};
        char *c = cpd_add(&wb, &cn, &d);
        journal_close(&j);
        workbook_free(&wb);
        struct journal_pending p;
        cr_assert(journal_pending_read(dir, &p, &d));
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_eq(wb.sheets[WB_SPEC].nrows, 0);
        journal_replay(&wb, &p, &d);
        cr_assert_str_eq(wb_get(&wb, WB_SPEC, (size_t)wb_find(&wb, WB_SPEC, r), "requirement"),
                         "Joint working");
        cr_assert_str_eq(wb_get(&wb, WB_PDP, (size_t)wb_find(&wb, WB_PDP, t), "link"), "R1");
        cr_assert_str_eq(wb_get(&wb, WB_CPD, (size_t)wb_find(&wb, WB_CPD, c), "hours"), "3");
        journal_pending_free(&p);
        free(r), free(t), free(c), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A sheet changed on disk while open: the change there and ours are merged
 * by row id, or, when both changed one field, ours goes beside it. */
Test(pdp, merge_with_a_change_on_disk)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        struct diag d = {0};
        struct pdp_new pn = {"Shadow a review", NULL, NULL, "2026-03-01", NULL, "discrete"};
        char *t1 = pdp_add(&wb, &pn, &d);
        char *t2 = pdp_add(&wb, &pn, &d);
        cr_assert_eq(workbook_save(&wb, &d), 0);
        /* a colleague marks T2 done in a spreadsheet; here T1 gets its measure */
        char *text = slurp(dir, "pdp.csv");
        char *t2row = strstr(text, "T2,");
        cr_assert_not_null(t2row);
        struct buf b = {0};
        buf_add(&b, text, (size_t)(t2row - text));
        buf_adds(&b, "T2,Shadow a review,,,2026-03-01,2026-01-14,,discrete\n");
        write_text(dir, "pdp.csv", b.s);
        cr_assert_eq(wb_set(&wb, WB_PDP, t1, "measure", "Notes discussed"), 0);
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        free(text);
        text = slurp(dir, "pdp.csv");
        cr_assert(strstr(text, "T1,Shadow a review,Notes discussed,,2026-03-01,,,discrete\n"), "%s",
                  text);
        cr_assert(strstr(text, "T2,Shadow a review,,,2026-03-01,2026-01-14,,discrete\n"), "%s",
                  text);
        free(text);
        buf_free(&b);
        free(t1), free(t2), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}
