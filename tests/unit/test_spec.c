/* test_spec.c — competence references resolved in their documented order, the
 * teamleader example's specification (every code to the kind expected, the
 * mix counted by hand), "as above", revisions and reviews, the guidance by
 * level, and editing a specification with undo. */
#include "core/competence.h"
#include "core/fileio.h"
#include "core/spec.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(spec, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static void open_teamleader(struct workbook *wb)
{
        if (!path_is_dir("data/examples/teamleader")) {
                tmp_teardown();
                cr_assert_fail("data/examples/teamleader does not exist");
        }
        struct diag d = {0};
        cr_assert_eq(workbook_open(wb, "data/examples/teamleader", NULL, &d), 0);
        workbook_check(wb, &d);
        cr_assert_eq(diag_count(&d, DIAG_NOTE), 0, "teamleader: %s:%u: %s", d.n ? d.v[0].file : "",
                     d.n ? d.v[0].line : 0, first_msg(&d));
        diag_free(&d);
}

static struct competence resolve(const struct workbook *wb, const char *text)
{
        struct competence c;
        competence_resolve(&wb->map, &wb->fw, text, &c);
        return c;
}

Test(spec, resolution_order)
{
        struct workbook wb;
        open_teamleader(&wb);
        struct competence c = resolve(&wb, "A1");
        cr_assert_eq(c.kind, COMP_UNIT, "a bare unit code is the workbook's unit");
        cr_assert(c.ambiguous, "and it is said that MSC A1 is another standard");
        cr_assert_str_eq(c.title, "Manage and develop yourself and your workforce within care "
                                  "services");
        c = resolve(&wb, "msc:a1");
        cr_assert_eq(c.kind, COMP_GENERIC);
        cr_assert_str_eq(c.code, "MSC A1");
        cr_assert_str_eq(c.title, "Manage your own resources");
        c = resolve(&wb, "F12"); /* no unit F12: the 2004 generic standard */
        cr_assert_eq(c.kind, COMP_GENERIC);
        cr_assert_not(c.ambiguous);
        cr_assert_str_eq(c.code, "MSC F12");
        c = resolve(&wb, "LMC A1.1");
        cr_assert_eq(c.kind, COMP_ELEMENT);
        cr_assert_str_eq(c.code, "A1.1");
        c = resolve(&wb, "slf.2");
        cr_assert_eq(c.kind, COMP_THEME);
        cr_assert_str_eq(c.title, "Improving own leadership");
        cr_assert_eq(resolve(&wb, "COL").kind, COMP_CAPABILITY);
        cr_assert_eq(resolve(&wb, "SLF.2.AC").kind, COMP_INDICATOR);
        c = resolve(&wb, "ORG: knowledge of policies");
        cr_assert_eq(c.kind, COMP_ORGANISATIONAL);
        cr_assert_str_eq(competence_title(&c), "knowledge of policies");
        cr_assert_eq(competence_mix(&c), 1u << MIX_ORGANISATIONAL);
        /* a code and its title as the worked example prints them */
        c = resolve(&wb, "RMA:RG6  Take responsibility for business performance");
        cr_assert_eq(c.kind, COMP_RELATED);
        cr_assert_str_eq(c.code, "RMA RG6");
        cr_assert_eq(c.used, strlen("RMA:RG6"));
        cr_assert_str_eq(c.title, "Take responsibility for your business performance and the "
                                  "continuing development of self and others.");
        c = resolve(&wb, "NHSKSF Dimension 21: Management of financial/ physical resources");
        cr_assert_str_eq(c.code, "NHSKSF Dimension 21");
        c = resolve(&wb, "14  Fostering innovation – encouraging people to challenge");
        cr_assert_eq(c.kind, COMP_EARLIER);
        cr_assert_str_eq(c.code, "14");
        /* not found: kept as written, no title */
        cr_assert_not(competence_resolve(&wb.map, &wb.fw, " RMA:SNH4U1 ", &c));
        cr_assert_eq(c.kind, COMP_OUTSIDE);
        cr_assert_str_eq(c.code, "RMA:SNH4U1");
        cr_assert_null(competence_title(&c));
        cr_assert_str_eq(competence_kind_name(&c), "outside the map");
        c = resolve(&wb, "24");
        cr_assert_eq(c.kind, COMP_EARLIER);
        cr_assert_null(competence_title(&c), "24 is printed without a title of its own");
        /* short texts: nothing read past their end (ASan), nothing found */
        static const char *const shorts[] = {"", "O", "OR", "ORG", "ORG ", "M", "MS", "LM"};
        for (size_t i = 0; i < sizeof shorts / sizeof *shorts; i++) {
                cr_assert_not(competence_resolve(&wb.map, &wb.fw, shorts[i], &c), "%s", shorts[i]);
                cr_assert_eq(c.kind, COMP_OUTSIDE);
        }
        cr_assert_eq(resolve(&wb, "ORG:").kind, COMP_ORGANISATIONAL);
        cr_assert_null(competence_title(&c));
        /* with no map and no frameworks, everything is outside */
        cr_assert_not(competence_resolve(NULL, NULL, "RMA:RG6", &c));
        workbook_free(&wb);
}

/* What a picker offers as a person types. */
Test(spec, choices_as_typed)
{
        struct workbook wb;
        open_teamleader(&wb);
        struct comp_choice *v;
        size_t n = competence_choices(&wb.map, &wb.fw, "", &v);
        cr_assert_eq(n, 46 + 122 + 12 + 6 + 22 + 21 + 23, "everything: %zu", n);
        cr_assert_str_eq(v[0].code, "MSC A1");
        free(v);
        n = competence_choices(&wb.map, &wb.fw, "rmarg", &v);
        cr_assert_eq(n, 1);
        cr_assert_str_eq(v[0].code, "RMA RG6");
        cr_assert_eq(v[0].kind, COMP_RELATED);
        free(v);
        n = competence_choices(&wb.map, &wb.fw, "VSNTO:A", &v);
        cr_assert_eq(n, 3, "VSNT0 A1, A3, A4");
        free(v);
        /* by words of the title: the map's two, and the LMCS element A1.2 */
        n = competence_choices(&wb.map, &wb.fw, "SUPERVISION", &v);
        cr_assert_eq(n, 3);
        cr_assert_str_eq(v[0].code, "HSC E1.1");
        cr_assert_str_eq(v[1].code, "DANOS AC2");
        cr_assert_str_eq(v[2].code, "A1.2");
        cr_assert_eq(v[2].kind, COMP_ELEMENT);
        free(v);
        n = competence_choices(&wb.map, &wb.fw, "innovation", &v);
        bool earlier = false, theme = false;
        for (size_t i = 0; i < n; i++) {
                earlier |= v[i].kind == COMP_EARLIER && strcmp(v[i].code, "14") == 0;
                theme |= v[i].kind == COMP_THEME && strcmp(v[i].code, "CRE.2") == 0;
        }
        cr_assert(earlier && theme, "14 Fostering innovation and CRE.2");
        free(v);
        cr_assert_eq(competence_choices(&wb.map, &wb.fw, "zebra", &v), 0);
        free(v);
        workbook_free(&wb);
}

/* Every competence code of the example, as the worked example prints it, and
 * what it names. */
Test(spec, teamleader_codes_resolve_as_expected)
{
        static const struct {
                const char *code;
                enum comp_kind kind;
                const char *canonical;
                unsigned mix;
        } want[] = {
#define S (1u << MIX_SPECIALIST)
#define P (1u << MIX_PARTNERSHIP)
#define G (1u << MIX_GENERIC)
#define O (1u << MIX_OUTSIDE)
            {"RMRCC2", COMP_RELATED, "RMRCC 2", S},
            {"VSNTO:A4", COMP_RELATED, "VSNT0 A4", S},
            {"H57", COMP_RELATED, "H 57", S | P},
            {"14", COMP_EARLIER, "14", G},
            {"17", COMP_EARLIER, "17", G},
            {"RMA:4", COMP_OUTSIDE, "RMA:4", O},
            {"RMRCC: 1", COMP_RELATED, "RMRCC 1", S},
            {"L+D:9", COMP_RELATED, "L+D 9", S},
            {"NHS LQF Delivering the service: Leading change through people", COMP_RELATED,
             "NHSLQF Delivering the service: Leading change through people", S},
            {"H:48", COMP_RELATED, "H 48", S},
            {"18", COMP_EARLIER, "18", G},
            {"1", COMP_EARLIER, "1", G},
            {"RMA:RG6", COMP_RELATED, "RMA RG6", S},
            {"25", COMP_EARLIER, "25", G},
            {"RMA:SNH4U1", COMP_OUTSIDE, "RMA:SNH4U1", O},
            {"RMA:F3", COMP_RELATED, "RMA F3", S},
            {"RMRCC:17", COMP_RELATED, "RMRCC 17", S},
            {"RMA:B3", COMP_RELATED, "RMA B3", S},
            {"RMA:D4", COMP_RELATED, "RMA D4", S},
            {"NHSKSF Dimension 21", COMP_RELATED, "NHSKSF Dimension 21", S},
            {"24", COMP_EARLIER, "24", G},
            {"RMRCC:10", COMP_RELATED, "RMRCC 10", S},
            {"NHSKSF Dimension 2", COMP_RELATED, "NHSKSF Dimension 2", S | P},
            {"RMRCC:14", COMP_RELATED, "RMRCC 14", S},
            {"RMRCC:12", COMP_RELATED, "RMRCC 12", S},
            {"RMRCC:15", COMP_RELATED, "RMRCC 15", S},
            {"HSC:C1.1", COMP_RELATED, "HSC C1.1", S},
            {"DANOS:AC2", COMP_RELATED, "DANOS AC2", S},
            {"13", COMP_EARLIER, "13", G},
            {"RMA: D4", COMP_RELATED, "RMA D4", S},
            {"38", COMP_EARLIER, "38", G},
            {"NHSKSF Dimension 6", COMP_RELATED, "NHSKSF Dimension 6", S},
            {"YW:D2", COMP_RELATED, "YW D2", S},
            {"VSNTO: F11", COMP_RELATED, "VSNT0 F11", S},
            {"39", COMP_EARLIER, "39", G},
            {"SW20", COMP_RELATED, "SW 20", S},
            {"DANOS:AC2", COMP_RELATED, "DANOS AC2", S},
            {"SW: 14", COMP_RELATED, "SW 14", S},
            {"14", COMP_EARLIER, "14", G},
            {"15", COMP_EARLIER, "15", G},
            {"9", COMP_EARLIER, "9", G},
            {"NHSKSF Dimension 19", COMP_RELATED, "NHSKSF Dimension 19", P},
            {"NHS LQS Setting direction: Drive for results", COMP_RELATED,
             "NHSLQF Setting direction: Drive for results", S},
            {"NHSLQF Setting Direction: Intellectual flexibility", COMP_RELATED,
             "NHSLQF Setting direction: Intellectual flexibility", S},
            {"HSC:C2.1", COMP_RELATED, "HSC C2.1", P},
            {"DANOS:BA3", COMP_RELATED, "DANOS BA3", S},
            {"HSC:B3.1", COMP_RELATED, "HSC B3.1", S},
            {"RMRCC:18", COMP_RELATED, "RMRCC 18", S},
            {"12", COMP_EARLIER, "12", G},
#undef S
#undef P
#undef G
#undef O
        };
        size_t nwant = sizeof want / sizeof *want;
        struct workbook wb;
        open_teamleader(&wb);
        struct spec s;
        spec_build(&wb, "2026-01-15", &s);
        /* the example's cells hold exactly these codes, in this order */
        size_t k = 0;
        for (size_t r = 0; r < s.nreqs; r++)
                for (size_t i = 0; i < s.reqs[r].ncomps; i++, k++) {
                        const struct competence *c = &s.reqs[r].comps[i];
                        cr_assert_lt(k, nwant, "more codes in spec.csv than expected");
                        struct strlist l = {0};
                        strlist_split(&l, wb_get(&wb, WB_SPEC, s.reqs[r].row, "competences"));
                        cr_assert_str_eq(l.v[i], want[k].code, "code %zu", k);
                        strlist_free(&l);
                        cr_assert_eq(c->kind, want[k].kind, "%s: kind %d", want[k].code, c->kind);
                        cr_assert_str_eq(c->code, want[k].canonical);
                        cr_assert_eq(competence_mix(c), want[k].mix, "%s", want[k].code);
                        if (c->kind == COMP_OUTSIDE)
                                cr_assert_null(competence_title(c));
                        else if (strcmp(c->code, "24") != 0)
                                cr_assert_not_null(competence_title(c), "%s", want[k].code);
                }
        cr_assert_eq(k, nwant, "%zu codes in spec.csv, %zu expected", k, nwant);
        spec_free(&s);
        workbook_free(&wb);
}

/* The mix, counted by hand from the worked example: distinct competences,
 * 12 of the earlier numbering (1 9 12 13 14 15 17 18 24 25 38 39), 32
 * standards of the map of which 30 are listed as specialist and 4 as
 * partnership (H 57 and NHSKSF Dimension 2 are listed as both; Dimension 19
 * and HSC C2.1 only as partnership), and 2 outside it (RMA:4, RMA:SNH4U1). */
Test(spec, teamleader_mix_and_review)
{
        struct workbook wb;
        open_teamleader(&wb);
        cr_assert_eq(wb.level_code, LEVEL_FIRST_LINE);
        struct spec s;
        spec_build(&wb, "2026-01-15", &s);
        cr_assert_eq(s.nreqs, 15);
        cr_assert_geq(s.whole, 0);
        cr_assert_eq(s.mix.n[MIX_GENERIC], 12);
        cr_assert_eq(s.mix.n[MIX_SPECIALIST], 30);
        cr_assert_eq(s.mix.n[MIX_PARTNERSHIP], 4);
        cr_assert_eq(s.mix.n[MIX_ORGANISATIONAL], 0);
        cr_assert_eq(s.mix.n[MIX_OUTSIDE], 2);
        cr_assert_eq(s.mix.total, 46);
        /* reviewed (whole row) 2025-04-01, every 12 months */
        cr_assert_str_eq(s.last_review, "2025-04-01");
        cr_assert_str_eq(s.next_review, "2026-04-01");
        cr_assert_not(s.review_due);
        spec_free(&s);
        spec_build(&wb, "2026-04-01", &s);
        cr_assert(s.review_due, "due on the day");
        spec_free(&s);
        struct buf note = {0};
        cr_assert(spec_mix_note(wb.level_code, &s.mix, &note) == false, "an empty mix");
        buf_reset(&note);
        spec_build(&wb, "2026-01-15", &s);
        cr_assert(spec_mix_note(wb.level_code, &s.mix, &note), "%s", note.s);
        cr_assert(strstr(note.s, "For a first line manager: First line managers and "
                                 "supervisors are likely to have a relatively greater number of "
                                 "specialist competences"),
                  "%s", note.s);
        cr_assert(strstr(note.s, "more specialist and partnership competences (34) than generic "
                                 "ones (12)"),
                  "%s", note.s);
        cr_assert(strstr(note.s, "All managers will require competences in working in "
                                 "partnership."));
        /* "as above": the whole specification's words */
        long r3 = wb_find(&wb, WB_SPEC, "R3"), r1 = wb_find(&wb, WB_SPEC, "R1");
        long whole = wb_find(&wb, WB_SPEC, SPEC_WHOLE);
        bool inherited;
        cr_assert_eq(spec_cell(&wb, (size_t)r3, "learning", &inherited),
                     wb_get(&wb, WB_SPEC, (size_t)whole, "learning"));
        cr_assert(inherited);
        cr_assert(strstr(spec_cell(&wb, (size_t)r3, "training", NULL), "15 days over 3 years"));
        cr_assert_str_eq(spec_cell(&wb, (size_t)r1, "learning", &inherited), "");
        cr_assert_not(inherited);
        /* revisions, newest first */
        struct spec_revision *rev;
        size_t n = spec_revisions(&wb, &rev);
        cr_assert_eq(n, 2);
        cr_assert_str_eq(rev[0].date, "2025-10-06");
        cr_assert_eq(rev[0].ids.n, 1);
        cr_assert_str_eq(rev[0].ids.v[0], "R13");
        cr_assert_str_eq(rev[1].date, "2025-04-01");
        cr_assert_eq(rev[1].ids.n, 15);
        spec_revisions_free(rev, n);
        buf_free(&note);
        spec_free(&s);
        workbook_free(&wb);
}

Test(spec, guidance_by_level)
{
        cr_assert_eq(mgr_level_parse(""), LEVEL_NONE);
        cr_assert_eq(mgr_level_parse("First-Line"), LEVEL_FIRST_LINE);
        cr_assert_eq(mgr_level_parse("first_line"), LEVEL_FIRST_LINE);
        cr_assert_eq(mgr_level_parse(" Middle "), LEVEL_MIDDLE);
        cr_assert_eq(mgr_level_parse("senior manager"), LEVEL_SENIOR);
        cr_assert_eq(mgr_level_parse("director"), LEVEL_UNKNOWN);
        struct comp_mix generic_heavy = {{10, 4, 2, 0, 0}, 16};
        struct comp_mix no_partnership = {{2, 8, 0, 1, 0}, 11};
        struct buf b = {0};
        cr_assert(spec_mix_note(LEVEL_SENIOR, &generic_heavy, &b), "%s", b.s);
        cr_assert(strstr(b.s, "more generic competences (10) than specialist ones (4)"), "%s", b.s);
        buf_reset(&b);
        cr_assert_not(spec_mix_note(LEVEL_FIRST_LINE, &generic_heavy, &b));
        cr_assert(strstr(b.s, "no more specialist and partnership competences (6) than generic "
                              "ones (10)"),
                  "%s", b.s);
        buf_reset(&b);
        cr_assert_not(spec_mix_note(LEVEL_FIRST_LINE, &no_partnership, &b));
        cr_assert(strstr(b.s, "in working in partnership. This profile has none."), "%s", b.s);
        buf_reset(&b);
        cr_assert(spec_mix_note(LEVEL_MIDDLE, &generic_heavy, &b));
        cr_assert(strstr(b.s, "This will depend on the job role and the size of the organisation"));
        buf_reset(&b);
        cr_assert_not(spec_mix_note(LEVEL_NONE, &generic_heavy, &b));
        cr_assert(strstr(b.s, "No level is set"), "%s", b.s);
        buf_free(&b);
}

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

Test(spec, add_set_review_undo_and_save)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        char *p = path_join(dir, "spec.csv");
        cr_assert_not(path_exists(p), "absent until written");
        struct diag d = {0};
        struct spec_new n = {"Joint working", "HSC:C2.1 ;RMA:4; ; MSC D1", NULL, SPEC_AS_ABOVE};
        char *id = spec_add(&wb, &n, &d);
        cr_assert_str_eq(id, "R1");
        cr_assert_eq(d.n, 1, "one note: RMA:4 is outside the map");
        cr_assert_eq(d.v[0].level, DIAG_NOTE);
        cr_assert(strstr(d.v[0].msg, "RMA:4 is outside the map"), "%s", d.v[0].msg);
        long row = wb_find(&wb, WB_SPEC, "R1");
        cr_assert_str_eq(wb_get(&wb, WB_SPEC, (size_t)row, "competences"),
                         "HSC:C2.1; RMA:4; MSC D1");
        cr_assert_str_eq(wb_get(&wb, WB_SPEC, (size_t)row, "revised"), "2026-01-15");
        /* "as above" with no whole specification yet: check says so */
        diag_clear(&d);
        workbook_check(&wb, &d);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 1, "%s", first_msg(&d));
        cr_assert(strstr(first_msg(&d), "the whole specification (row whole) gives none"), "%s",
                  first_msg(&d));
        diag_clear(&d);
        cr_assert_eq(spec_set(&wb, SPEC_WHOLE, "training", "Knowledge of policies", &d), 0);
        workbook_check(&wb, &d);
        cr_assert_eq(d.n, 0, "%s", first_msg(&d));
        cr_assert_str_eq(spec_cell(&wb, (size_t)row, "training", NULL), "Knowledge of policies");
        /* a review dates the whole row; undo takes it back */
        setenv("CAPBOOK_TODAY", "2026-02-01", 1);
        cr_assert_eq(spec_review(&wb, NULL, &d), 0);
        struct spec s;
        spec_build(&wb, "2026-02-01", &s);
        cr_assert_str_eq(s.last_review, "2026-02-01");
        cr_assert_str_eq(s.next_review, "2027-02-01");
        spec_free(&s);
        cr_assert(wb_undo(&wb));
        spec_build(&wb, "2026-02-01", &s);
        cr_assert_str_eq(s.last_review, "2026-01-15");
        spec_free(&s);
        cr_assert_neq(spec_review(&wb, "2026-02-30", &d), 0);
        cr_assert_neq(spec_set(&wb, "R9", "requirement", "x", &d), 0, "no R9");
        cr_assert_neq(spec_set(&wb, "R1", "id", "R2", &d), 0, "ids never change");
        free(id);
        n = (struct spec_new){"", NULL, NULL, NULL};
        cr_assert_null(spec_add(&wb, &n, &d));
        /* written on save, read back the same */
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert(path_exists(p));
        workbook_free(&wb);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        row = wb_find(&wb, WB_SPEC, "R1");
        cr_assert_geq(row, 0);
        cr_assert_str_eq(wb_get(&wb, WB_SPEC, (size_t)row, "requirement"), "Joint working");
        n = (struct spec_new){"Initiative", "14; 15", NULL, NULL};
        id = spec_add(&wb, &n, &d);
        cr_assert_str_eq(id, "R2", "ids count on after what is saved");
        free(id);
        workbook_free(&wb);
        diag_free(&d);
        free(p), free(dir);
}
