/* test_plans_edit.c — editing and deleting rows of the person management
 * specification, the development plan and the CPD record: tombstones that
 * keep their ids and count nowhere, what deleting a requirement would leave
 * pointing at nothing, and edits checked as adds are, as one undo step. */
#include "core/cpd.h"
#include "core/pdp.h"
#include "core/spec.h"
#include "core/target.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

TestSuite(plans_edit, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static void open_teamleader(struct workbook *wb)
{
        struct diag d = {0};
        cr_assert_eq(workbook_open(wb, "data/examples/teamleader", NULL, &d), 0);
        cr_assert_eq(diag_count(&d, DIAG_NOTE), 0, "%s", first_msg(&d));
        diag_free(&d);
}

static const char *cell(const struct workbook *wb, enum wb_sheet s, const char *id, const char *col)
{
        long row = idmap_get(&wb->ids[s], id); /* tombstones too */
        cr_assert_geq(row, 0, "no row %s", id);
        return wb_get(wb, s, (size_t)row, col);
}

/* C2 (1 day) leaves the total and is a tombstone dated today; the totals move
 * back on undo; the next id is still one more than the highest. */
Test(plans_edit, cpd_activity_deleted_is_a_tombstone)
{
        struct workbook wb;
        open_teamleader(&wb);
        struct cpd_totals t;
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert(fabs(t.hours_window - 37.5) < 1e-9);
        struct diag d = {0};
        cr_assert_eq(wb_delete(&wb, WB_CPD, "C2", &d), 0, "%s", first_msg(&d));
        cr_assert_lt(wb_find(&wb, WB_CPD, "C2"), 0, "a tombstone is not found");
        cr_assert_str_eq(cell(&wb, WB_CPD, "C2", "status"), "deleted");
        cr_assert_str_eq(cell(&wb, WB_CPD, "C2", "date"), "2026-01-15");
        cr_assert_str_eq(cell(&wb, WB_CPD, "C2", "activity"), "");
        cr_assert_str_eq(cell(&wb, WB_CPD, "C2", "days"), "");
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert(fabs(t.hours_window - 30) < 1e-9, "%g", t.hours_window);
        cr_assert_eq(t.counted, 6);
        cr_assert_str_eq(t.oldest_leaves, "2027-03-01", "C3 (2024-02-29) is the oldest now");
        workbook_check(&wb, &d);
        cr_assert_eq(d.n, 0, "a tombstone is no problem: %s", first_msg(&d));
        char *id = wb_new_id(&wb, WB_CPD);
        cr_assert_str_eq(id, "C9");
        free(id);
        cr_assert(wb_undo(&wb));
        cr_assert_geq(wb_find(&wb, WB_CPD, "C2"), 0);
        cr_assert_str_eq(cell(&wb, WB_CPD, "C2", "days"), "1");
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert(fabs(t.hours_window - 37.5) < 1e-9);
        cr_assert_neq(wb_delete(&wb, WB_CPD, "C99", &d), 0);
        cr_assert(strstr(d.v[d.n - 1].msg, "no CPD activity C99"), "%s", d.v[d.n - 1].msg);
        diag_free(&d);
        workbook_free(&wb);
}

/* A requirement deleted leaves the mix and says first who points at it; the
 * whole specification is refused. */
Test(plans_edit, requirement_deleted_leaves_the_mix)
{
        struct workbook wb;
        open_teamleader(&wb);
        struct buf why = {0};
        cr_assert_eq(wb_delete_concerns(&wb, WB_SPEC, "R1", &why), 2, "%s", buf_str(&why));
        cr_assert_str_eq(buf_str(&why), "T3 is tied to it; C2 refers to it");
        buf_reset(&why);
        cr_assert_eq(wb_delete_concerns(&wb, WB_SPEC, "R5", &why), 0, "%s", buf_str(&why));
        buf_free(&why);
        struct diag d = {0};
        /* R13 (HSC:C2.1, partnership; cited only there) goes */
        cr_assert_eq(wb_delete(&wb, WB_SPEC, "R13", &d), 0, "%s", first_msg(&d));
        cr_assert_str_eq(cell(&wb, WB_SPEC, "R13", "revised"), "2026-01-15");
        cr_assert_str_eq(cell(&wb, WB_SPEC, "R13", "requirement"), "");
        struct spec s;
        spec_build(&wb, "2026-01-15", &s);
        cr_assert_eq(s.nreqs, 14);
        cr_assert_eq(s.mix.total, 45);
        cr_assert_eq(s.mix.n[MIX_PARTNERSHIP], 3);
        spec_free(&s);
        struct spec_revision *rev;
        size_t n = spec_revisions(&wb, &rev);
        cr_assert_str_eq(rev[0].date, "2026-01-15");
        cr_assert_str_eq(rev[0].ids.v[0], "R13 (deleted)");
        spec_revisions_free(rev, n);
        cr_assert_neq(wb_delete(&wb, WB_SPEC, SPEC_WHOLE, &d), 0);
        cr_assert(strstr(d.v[d.n - 1].msg, "whole specification is not deleted"));
        cr_assert_geq(wb_find(&wb, WB_SPEC, SPEC_WHOLE), 0);
        diag_clear(&d);
        workbook_check(&wb, &d);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s", first_msg(&d));
        diag_free(&d);
        workbook_free(&wb);
}

Test(plans_edit, target_deleted_no_longer_overdue)
{
        struct workbook wb;
        open_teamleader(&wb);
        long t3 = wb_find(&wb, WB_PDP, "T3");
        cr_assert(target_row_overdue(&wb, WB_PDP, (size_t)t3, "2026-01-15"));
        struct diag d = {0};
        cr_assert_eq(wb_delete(&wb, WB_PDP, "T3", &d), 0, "%s", first_msg(&d));
        cr_assert_lt(wb_find(&wb, WB_PDP, "T3"), 0);
        cr_assert_str_eq(cell(&wb, WB_PDP, "T3", "status"), "deleted");
        cr_assert_str_eq(cell(&wb, WB_PDP, "T3", "due"), "");
        cr_assert_lt(sheet_col(&wb.sheets[WB_PDP], "date"), 0, "no date column made for it");
        cr_assert_not(target_row_overdue(&wb, WB_PDP, (size_t)t3, "2026-01-15"));
        workbook_check(&wb, &d);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s", first_msg(&d));
        diag_free(&d);
        workbook_free(&wb);
}

/* Edits are checked as adds are, refuse without changing anything, and are one
 * undo step each. */
Test(plans_edit, edits_checked_and_undone_whole)
{
        struct workbook wb;
        open_teamleader(&wb);
        struct diag d = {0};
        struct cpd_new bad = {"2026-02-30", "x", "course", "1", NULL, NULL, NULL, NULL};
        cr_assert_neq(cpd_edit(&wb, "C3", &bad, &d), 0);
        cr_assert_str_eq(cell(&wb, WB_CPD, "C3", "date"), "2024-02-29");
        struct cpd_new c3 = {"2024-03-01", "Regional seminar", "Seminar",  NULL,
                             "4",          "Joint working",    "HSC:C2.1", NULL};
        cr_assert_eq(cpd_edit(&wb, "C3", &c3, &d), 0, "%s", first_msg(&d));
        cr_assert_str_eq(cell(&wb, WB_CPD, "C3", "kind"), "seminar", "by its code");
        cr_assert_str_eq(cell(&wb, WB_CPD, "C3", "hours"), "4");
        cr_assert_str_eq(cell(&wb, WB_CPD, "C3", "date"), "2024-03-01");
        cr_assert(wb_undo(&wb));
        cr_assert_str_eq(cell(&wb, WB_CPD, "C3", "date"), "2024-02-29", "one undo step");
        cr_assert_str_eq(cell(&wb, WB_CPD, "C3", "hours"), "3.5");

        struct pdp_new t = {
            "Shadow a contract review", "Notes", "Service manager", "2026-02-27", "R1", "discrete"};
        cr_assert_neq(pdp_edit(&wb, "T3", &t, "someday", &d), 0);
        cr_assert_str_eq(cell(&wb, WB_PDP, "T3", "due"), "2025-12-19");
        cr_assert_eq(pdp_edit(&wb, "T3", &t, "", &d), 0, "%s", first_msg(&d));
        long t3 = wb_find(&wb, WB_PDP, "T3");
        cr_assert_not(target_row_overdue(&wb, WB_PDP, (size_t)t3, "2026-01-15"));
        cr_assert(wb_undo(&wb));
        cr_assert(target_row_overdue(&wb, WB_PDP, (size_t)t3, "2026-01-15"));

        struct spec_new r = {"Computer literacy", "RMA: D4; 38; A1.1", NULL, NULL};
        diag_clear(&d);
        cr_assert_eq(spec_edit(&wb, "R7", &r, &d), 0, "%s", first_msg(&d));
        cr_assert_eq(d.n, 0, "every code known: %s", first_msg(&d));
        cr_assert_str_eq(cell(&wb, WB_SPEC, "R7", "competences"), "RMA: D4; 38; A1.1");
        cr_assert_str_eq(cell(&wb, WB_SPEC, "R7", "learning"), "as above", "NULL: left as is");
        cr_assert_str_eq(cell(&wb, WB_SPEC, "R7", "revised"), "2026-01-15");
        cr_assert(wb_undo(&wb));
        cr_assert_str_eq(cell(&wb, WB_SPEC, "R7", "revised"), "2025-04-01");
        /* nothing changed: no revision */
        struct spec_new same = {"Computer literacy", "RMA: D4; 38", NULL, NULL};
        cr_assert_eq(spec_edit(&wb, "R7", &same, &d), 0);
        cr_assert_str_eq(cell(&wb, WB_SPEC, "R7", "revised"), "2025-04-01");
        struct spec_new empty = {"", NULL, NULL, NULL};
        cr_assert_neq(spec_edit(&wb, "R7", &empty, &d), 0);
        struct spec_new outside = {"Computer literacy", "RMA:4", NULL, NULL};
        diag_clear(&d);
        cr_assert_eq(spec_edit(&wb, "R7", &outside, &d), 0);
        cr_assert(strstr(first_msg(&d), "RMA:4 is outside the map"), "%s", first_msg(&d));
        diag_free(&d);
        workbook_free(&wb);
}
