/* test_cpd.c — the CPD record: dates moved by months, amounts and minimums as
 * written, the rolling window's edges (a leap day included), days and hours
 * mixed, no minimum, the teamleader example's totals counted by hand, and
 * adding and checking activities. */
#include "core/cpd.h"
#include "core/fileio.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(cpd, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

#define cr_assert_near(a, b) cr_assert(fabs((a) - (b)) < 1e-9, "%s is %g, not %g", #a, (a), (b))

Test(cpd, dates_by_months)
{
        char out[11];
        date_add_months("2023-01-16", 36, out);
        cr_assert_str_eq(out, "2026-01-16");
        date_add_months("2024-02-29", 36, out); /* no 29 February in 2027: rolls on */
        cr_assert_str_eq(out, "2027-03-01");
        date_add_months("2024-02-29", 48, out);
        cr_assert_str_eq(out, "2028-02-29");
        date_add_months("2025-01-31", 1, out);
        cr_assert_str_eq(out, "2025-03-03");
        date_add_months("2026-01-15", -36, out);
        cr_assert_str_eq(out, "2023-01-15");
        date_add_months("2025-12-31", 1, out);
        cr_assert_str_eq(out, "2026-01-31");
        cr_assert_eq(date_days("1970-01-01"), 0);
        cr_assert_eq(date_days("2024-03-01") - date_days("2024-02-28"), 2);
        for (long day = date_days("1999-12-25"); day < date_days("2001-01-05"); day++) {
                date_from_days(day, out);
                cr_assert(date_valid(out), "%s", out);
                cr_assert_eq(date_days(out), day);
        }
}

Test(cpd, amounts_and_minimums_as_written)
{
        double v;
        cr_assert(cpd_amount_parse("7.5", &v));
        cr_assert_near(v, 7.5);
        cr_assert(cpd_amount_parse(" 0,5 ", &v));
        cr_assert_near(v, 0.5);
        cr_assert(cpd_amount_parse("2", &v));
        cr_assert_near(v, 2);
        cr_assert_not(cpd_amount_parse("", &v));
        cr_assert_not(cpd_amount_parse("-1", &v));
        cr_assert_not(cpd_amount_parse("1.2.3", &v));
        cr_assert_not(cpd_amount_parse("2 days", &v));
        cr_assert_not(cpd_amount_parse("1e3", &v));
        char s[32];
        cpd_amount_format(12.5, s, sizeof s);
        cr_assert_str_eq(s, "12.5");
        cpd_amount_format(7, s, sizeof s);
        cr_assert_str_eq(s, "7");
        cpd_amount_format(10.0 / 3, s, sizeof s);
        cr_assert_str_eq(s, "3.33");
        cpd_amount_format(0.999, s, sizeof s);
        cr_assert_str_eq(s, "1");
        struct cpd_minimum m;
        cr_assert_eq(cpd_minimum_parse("15 days over 3 years", &m), 0);
        cr_assert(m.set);
        cr_assert_near(m.amount, 15);
        cr_assert_not(m.in_hours);
        cr_assert_eq(m.months, 36);
        cr_assert_eq(cpd_minimum_parse("30 Hours in 18 months", &m), 0);
        cr_assert(m.in_hours);
        cr_assert_eq(m.months, 18);
        cr_assert_eq(cpd_minimum_parse("5 days per year", &m), 0);
        cr_assert_eq(m.months, 12);
        struct buf b = {0};
        cpd_minimum_describe(&m, &b);
        cr_assert_str_eq(b.s, "5 days over 1 year");
        static const char *const bad[] = {"",
                                          "15",
                                          "15 days",
                                          "days over 3 years",
                                          "15 weeks over 3 years",
                                          "15 days over 3",
                                          "15 days over 3 years ago",
                                          "0 days over 1 year",
                                          "15 days over 2.5 years"};
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
                cr_assert_eq(cpd_minimum_parse(bad[i], &m), -1, "\"%s\" parsed", bad[i]);
                cr_assert_not(m.set);
        }
        buf_free(&b);
}

/* A workbook in the temp folder with ini_cpd as its [cpd] section (NULL: none)
 * and these rows in cpd.csv, opened. */
static void workbook_with(struct workbook *wb, const char *ini_cpd, const char *rows)
{
        char *dir = path_join(tmpdir, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "T", "manager", "AC", NULL, NULL, &d), 0);
        char *ini = path_join(dir, "workbook.ini");
        char *text;
        size_t len;
        cr_assert_eq(file_read(ini, &text, &len, NULL), 0);
        struct buf b = {0};
        buf_add(&b, text, len);
        if (ini_cpd)
                buf_printf(&b, "\n[cpd]\n%s\n", ini_cpd);
        char err[256];
        cr_assert_eq(file_replace(ini, b.s, b.len, 0600, err, sizeof err), 0);
        buf_reset(&b);
        buf_printf(&b, "id,date,activity,kind,days,hours,learnt,refs,evidence\n%s", rows);
        char *cpd = path_join(dir, "cpd.csv");
        cr_assert_eq(file_replace(cpd, b.s, b.len, 0600, err, sizeof err), 0);
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s", first_msg(&d));
        diag_free(&d);
        buf_free(&b);
        free(text), free(ini), free(cpd), free(dir);
}

/* Two activities either side of the window's edge: on 2026-01-15 with 3
 * years, 2023-01-16 still counts and 2023-01-15 no longer does. */
Test(cpd, rolling_window_edges)
{
        struct workbook wb;
        workbook_with(&wb, "minimum = 15 days over 3 years",
                      "C1,2023-01-15,edge out,course,1,,,,\n"
                      "C2,2023-01-16,edge in,course,2,,,,\n"
                      "C3,2026-01-15,today,reading,,3,,,\n"
                      "C4,2026-01-16,tomorrow,reading,,5,,,\n");
        struct cpd_totals t;
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert_eq(t.counted, 2);
        cr_assert_near(t.hours_window, 2 * 7.5 + 3);
        cr_assert_near(t.hours_all, 7.5 + 2 * 7.5 + 3); /* nothing after today */
        cr_assert_near(t.minimum_hours, 15 * 7.5);
        cr_assert_near(t.shortfall_hours, 15 * 7.5 - 18);
        cr_assert_str_eq(t.window_from, "2023-01-16");
        cr_assert_str_eq(t.oldest_leaves, "2026-01-16");
        cr_assert_eq(t.oldest_row, 1);
        cr_assert_near(t.leaving_hours, 15);
        cr_assert_not(cpd_row_counts(&wb, 0, "2026-01-15"));
        cr_assert(cpd_row_counts(&wb, 1, "2026-01-15"));
        cr_assert_not(cpd_row_counts(&wb, 3, "2026-01-15"));
        /* the day before, C1 still counted; the day after, C2 has gone */
        cpd_totals(&wb, "2026-01-14", &t);
        cr_assert_eq(t.counted, 2);
        cr_assert_str_eq(t.window_from, "2023-01-15");
        cr_assert_str_eq(t.oldest_leaves, "2026-01-15");
        cpd_totals(&wb, "2026-01-16", &t);
        cr_assert_eq(t.counted, 2, "C3 and C4 now");
        cr_assert_near(t.hours_window, 8);
        cr_assert_str_eq(t.oldest_leaves, "2029-01-15");
        workbook_free(&wb);
}

/* 29 February: counted for three full years, leaving on 1 March. */
Test(cpd, leap_day)
{
        struct workbook wb;
        workbook_with(&wb, "minimum = 20 hours over 3 years",
                      "C1,2024-02-29,seminar,seminar,,4,,,\n");
        struct cpd_totals t;
        cpd_totals(&wb, "2027-02-28", &t);
        cr_assert_eq(t.counted, 1);
        cr_assert_str_eq(t.oldest_leaves, "2027-03-01");
        cr_assert_near(t.shortfall_hours, 16);
        cr_assert_str_eq(t.window_from, "2024-02-29");
        cpd_totals(&wb, "2027-03-01", &t);
        cr_assert_eq(t.counted, 0);
        cr_assert_near(t.shortfall_hours, 20);
        cr_assert_str_eq(t.window_from, "2024-03-02");
        cr_assert_str_eq(t.oldest_leaves, "");
        cr_assert_eq(t.oldest_row, -1);
        /* a window starting on a leap day that the year lacks */
        cpd_totals(&wb, "2028-02-29", &t);
        cr_assert_str_eq(t.window_from, "2025-03-01");
        workbook_free(&wb);
}

Test(cpd, days_and_hours_mixed)
{
        struct workbook wb;
        workbook_with(&wb, "minimum = 3 days over 12 months\nhours_per_day = 6",
                      "C1,2025-06-01,a,course,1,,,,\n"
                      "C2,2025-07-01,b,course,,4.5,,,\n"
                      "C3,2025-08-01,c,course,0.5,2,,,\n"
                      "C4,2025-09-01,d,course,,,,,\n");
        cr_assert_near(wb.cpd_hours_per_day, 6);
        double h;
        cr_assert(cpd_row_hours(&wb, 2, &h));
        cr_assert_near(h, 5);
        cr_assert_not(cpd_row_hours(&wb, 3, &h), "no time given");
        struct cpd_totals t;
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert_eq(t.counted, 3);
        cr_assert_near(t.hours_window, 6 + 4.5 + 5);
        cr_assert_near(cpd_days(&wb, t.hours_window), 15.5 / 6);
        cr_assert_near(t.minimum_hours, 18);
        cr_assert_near(t.shortfall_hours, 2.5);
        struct diag d = {0};
        workbook_check(&wb, &d);
        cr_assert_eq(d.n, 1, "%s", first_msg(&d));
        cr_assert(strstr(first_msg(&d), "no time given"));
        cr_assert_eq(d.v[0].line, 5);
        diag_free(&d);
        workbook_free(&wb);
}

Test(cpd, no_minimum)
{
        struct workbook wb;
        workbook_with(&wb, NULL,
                      "C1,2001-06-01,old,course,1,,,,\n"
                      "C2,2025-07-01,recent,course,,3,,,\n");
        cr_assert_not(wb.cpd_min.set);
        struct cpd_totals t;
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert_eq(t.counted, 2, "with no minimum there is no window: all count");
        cr_assert_near(t.hours_window, 10.5);
        cr_assert_near(t.hours_all, 10.5);
        cr_assert_near(t.minimum_hours, 0);
        cr_assert_near(t.shortfall_hours, 0);
        cr_assert_str_eq(t.window_from, "");
        cr_assert_str_eq(t.oldest_leaves, "");
        workbook_free(&wb);
}

Test(cpd, settings_not_understood_are_said_where_written)
{
        char *dir = path_join(tmpdir, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "T", "manager", "AC", NULL, NULL, &d), 0);
        char *ini = path_join(dir, "workbook.ini");
        char *text;
        size_t len;
        cr_assert_eq(file_read(ini, &text, &len, NULL), 0);
        struct buf b = {0};
        char *award = strstr(text, "award = \"\"\n");
        cr_assert_not_null(award);
        award += strlen("award = \"\"\n");
        buf_add(&b, text, (size_t)(award - text));
        buf_adds(&b, "level = director\n");
        buf_add(&b, award, len - (size_t)(award - text));
        buf_adds(&b, "\n[cpd]\nminimum = lots\nhours_per_day = 30\n"
                     "[specification]\nreview_every_months = 0\n");
        char err[256];
        cr_assert_eq(file_replace(ini, b.s, b.len, 0600, err, sizeof err), 0);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_eq(d.n, 4, "%zu: %s", d.n, first_msg(&d));
        unsigned want_lines[] = {7, 18, 16, 15};
        for (size_t i = 0; i < 4; i++) {
                cr_assert_eq(d.v[i].level, DIAG_WARN);
                cr_assert_eq(d.v[i].line, want_lines[i], "%s at %u", d.v[i].msg, d.v[i].line);
        }
        cr_assert(strstr(d.v[0].msg, "level \"director\" is not first line, middle or senior"));
        cr_assert_eq(wb.level_code, LEVEL_UNKNOWN);
        cr_assert_not(wb.cpd_min.set);
        cr_assert_near(wb.cpd_hours_per_day, 7.5);
        cr_assert_eq(wb.review_months, 12);
        workbook_free(&wb);
        diag_free(&d);
        buf_free(&b);
        free(text), free(ini), free(dir);
}

/* The example's record counted by hand, on 2026-01-15 with 15 days over 3
 * years at 7.5 hours a day: C1 (2023-01-15, 2 days) has just left the
 * window; C2 1 day = 7.5 h, C3 3.5 h, C4 2 h, C5 9 h, C6 1 day = 7.5 h, C7 4 h,
 * C8 4 h count: 37.5 h = 5 days; 52.5 h = 7 days in all; the minimum 112.5 h,
 * short by 75 h = 10 days; C2 leaves on 2026-01-16, taking 1 day with it. */
Test(cpd, teamleader_totals_by_hand)
{
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, "data/examples/teamleader", NULL, &d), 0);
        workbook_check(&wb, &d);
        cr_assert_eq(d.n, 0, "%s", first_msg(&d));
        cr_assert(wb.cpd_min.set);
        struct cpd_totals t;
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert_eq(t.counted, 7);
        cr_assert_near(t.hours_window, 37.5);
        cr_assert_near(cpd_days(&wb, t.hours_window), 5);
        cr_assert_near(cpd_days(&wb, t.hours_all), 7);
        cr_assert_near(cpd_days(&wb, t.minimum_hours), 15);
        cr_assert_near(cpd_days(&wb, t.shortfall_hours), 10);
        cr_assert_str_eq(t.window_from, "2023-01-16");
        cr_assert_str_eq(t.oldest_leaves, "2026-01-16");
        cr_assert_str_eq(wb_get(&wb, WB_CPD, (size_t)t.oldest_row, "id"), "C2");
        cr_assert_near(cpd_days(&wb, t.leaving_hours), 1);
        struct buf b = {0};
        cpd_minimum_describe(&wb.cpd_min, &b);
        cr_assert_str_eq(b.s, "15 days over 3 years");
        buf_free(&b);
        workbook_free(&wb);
        diag_free(&d);
}

Test(cpd, add_and_check)
{
        struct workbook wb;
        workbook_with(&wb, "minimum = 15 days over 3 years", "");
        struct diag d = {0};
        struct new_entry ne = {"actual", NULL, "R", "evidence", NULL, "SLF", NULL, NULL};
        char *eid = wb_add_entry(&wb, &ne, &d);
        cr_assert_str_eq(eid, "E1");
        struct cpd_new n = {
            NULL, "Shadowing the commissioning manager", "Shadowing",        "1",
            NULL, "How contracts are reviewed",          "RMA:RG6; R9; COL", " E1 "};
        char *id = cpd_add(&wb, &n, &d);
        cr_assert_str_eq(id, "C1", "%s", first_msg(&d));
        cr_assert_eq(d.n, 1, "R9 is noted: %s", first_msg(&d));
        cr_assert(strstr(first_msg(&d), "R9 is neither a specification row nor in the map"));
        long row = wb_find(&wb, WB_CPD, "C1");
        cr_assert_str_eq(wb_get(&wb, WB_CPD, (size_t)row, "date"), "2026-01-15");
        cr_assert_str_eq(wb_get(&wb, WB_CPD, (size_t)row, "kind"), "shadowing", "by its code");
        cr_assert_str_eq(wb_get(&wb, WB_CPD, (size_t)row, "evidence"), "E1");
        struct cpd_totals t;
        cpd_totals(&wb, "2026-01-15", &t);
        cr_assert_near(t.hours_window, 7.5);
        free(id);
        /* refused, and nothing added */
        diag_clear(&d);
        struct cpd_new bad[] = {
            {"2026-02-30", "a", "course", "1", NULL, NULL, NULL, NULL},
            {NULL, "", "course", "1", NULL, NULL, NULL, NULL},
            {NULL, "a", "golf", "1", NULL, NULL, NULL, NULL},
            {NULL, "a", "course", NULL, NULL, NULL, NULL, NULL},
            {NULL, "a", "course", "a day", NULL, NULL, NULL, NULL},
            {NULL, "a", "course", NULL, "2", NULL, NULL, "E7"},
        };
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
                cr_assert_null(cpd_add(&wb, &bad[i], &d), "bad %zu added", i);
                cr_assert_eq(diag_count(&d, DIAG_ERROR), i + 1, "bad %zu: no reason", i);
        }
        cr_assert(strstr(d.v[2].msg, "\"golf\" is not one of course, seminar"), "%s", d.v[2].msg);
        cr_assert_eq(wb.sheets[WB_CPD].nrows, 1);
        diag_free(&d);
        free(eid);
        workbook_free(&wb);
}
