/* test_workbook.c — creating, opening, editing and saving a workbook: entries
 * and their ids, undo and redo, cross-referencing, revamping plans, unknown
 * columns and references kept, and saves that do not churn the files. */
#include "core/coverage.h"
#include "core/fileio.h"
#include "core/sheet.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TestSuite(workbook, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

/* A new workbook folder in the temp folder, opened. */
static char *new_workbook(struct workbook *wb, const char *units)
{
        char *dir = path_join(tmpdir, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Test Candidate", "manager", "AC", units, NULL, &d), 0,
                     "workbook_create: %s", first_msg(&d));
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0, "workbook_open: %s", first_msg(&d));
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "opening a new workbook: %s", first_msg(&d));
        diag_free(&d);
        return dir;
}

static char *add(struct workbook *wb, const char *status, const char *date, const char *elements,
                 const char *indicators, const char *summary)
{
        struct new_entry ne = {status, date, "REF", summary, elements, indicators, NULL, NULL};
        struct diag d = {0};
        char *id = wb_add_entry(wb, &ne, &d);
        cr_assert_not_null(id, "wb_add_entry: %s", first_msg(&d));
        diag_free(&d);
        return id;
}

static const char *cell(const struct workbook *wb, const char *id, const char *col)
{
        long e = wb_entry_by_id(wb, id);
        cr_assert_geq(e, 0, "no entry %s", id);
        return entry_get(wb, &wb->entries[e], col);
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
        char *p = path_join(dir, name), *data;
        cr_assert_eq(file_read(p, &data, len, NULL), 0, "cannot read %s", p);
        free(p);
        return data;
}

static void save(struct workbook *wb)
{
        struct diag d = {0};
        cr_assert_eq(workbook_save(wb, &d), 0, "workbook_save: %s", first_msg(&d));
        diag_free(&d);
}

Test(workbook, create_and_open)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, "A2, d1");
        cr_assert_str_eq(wb.name, "Test Candidate");
        cr_assert_str_eq(wb.pathway, "manager");
        cr_assert_str_eq(wb.fw.stages[wb.stage_index].code, "AC");
        cr_assert_eq(wb.nentries, 0);
        static const char *const units[] = {"A1", "B1", "C1", "E1", "A2", "D1"};
        for (size_t i = 0; i < 6; i++) {
                struct ref r;
                cr_assert(ref_parse(&wb.fw, units[i], &r));
                cr_assert_eq(wb_unit_status(&wb, r.unit), US_PLANNED, "%s not planned", units[i]);
        }
        cr_assert_eq(wb.sheets[WB_UNITS].nrows, 6);
        static const char *const files[] = {"workbook.ini", "evidence.csv", "units.csv",
                                            "sessions.csv", "actions.csv"};
        for (size_t i = 0; i < 5; i++) {
                char *p = path_join(dir, files[i]);
                struct stat sb;
                cr_assert_eq(stat(p, &sb), 0, "%s not created", files[i]);
                cr_assert_eq(sb.st_mode & 0777, 0600, "%s has mode %o", files[i],
                             sb.st_mode & 0777);
                free(p);
        }
        size_t len;
        char *ev = slurp(dir, "evidence.csv", &len);
        cr_assert_str_eq(ev, "id,status,date,ref,summary,elements,indicators,revamps,rationale,"
                             "signed_by,signed_on\n");
        free(ev);
        workbook_free(&wb);

        /* an existing workbook is never overwritten */
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Other", "manager", "AC", NULL, NULL, &d), -1);
        cr_assert_geq(d.n, 1);
        diag_free(&d);
        char *bad = path_join(tmpdir, "bad");
        cr_assert_eq(workbook_create(bad, "X", "manager", "AC", "Q9", NULL, &d), -1,
                     "unknown unit");
        cr_assert_eq(workbook_create(bad, "X", "manager", "ZZ", NULL, NULL, &d), -1,
                     "unknown stage");
        cr_assert_eq(workbook_create(bad, "X\"\n[frameworks]", "manager", "AC", NULL, NULL, &d), -1,
                     "a name that would inject INI lines");
        free(bad);
        diag_free(&d);
        free(dir);
}

Test(workbook, add_entry_validation)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        char *id = add(&wb, "actual", "2025-12-01", "A1.1", "SLF.2.AC", "first");
        cr_assert_str_eq(id, "E1");
        cr_assert_str_eq(cell(&wb, "E1", "status"), "actual");
        cr_assert_str_eq(cell(&wb, "E1", "date"), "2025-12-01");
        cr_assert_str_eq(cell(&wb, "E1", "elements"), "A1.1");
        cr_assert_str_eq(cell(&wb, "E1", "indicators"), "SLF.2.AC");
        cr_assert_str_eq(cell(&wb, "E1", "summary"), "first");
        cr_assert_eq(wb.entries[0].nrefs, 2);
        free(id);

        struct diag d = {0};
        struct new_entry bad_ref = {"actual", NULL, "R", "s", NULL, "ZZ9", NULL, NULL};
        cr_assert_null(wb_add_entry(&wb, &bad_ref, &d), "an unknown reference is refused");
        cr_assert_geq(diag_count(&d, DIAG_ERROR), 1);
        struct new_entry bad_el = {"actual", NULL, "R", "s", "A1.9", NULL, NULL, NULL};
        cr_assert_null(wb_add_entry(&wb, &bad_el, &d));
        struct new_entry bad_date = {"actual", "2025-02-30", "R", "s", "A1", NULL, NULL, NULL};
        cr_assert_null(wb_add_entry(&wb, &bad_date, &d), "2025-02-30 is no date");
        struct new_entry bad_date2 = {"actual", "1/2/2025", "R", "s", "A1", NULL, NULL, NULL};
        cr_assert_null(wb_add_entry(&wb, &bad_date2, &d));
        struct new_entry bad_status = {"done", NULL, "R", "s", "A1", NULL, NULL, NULL};
        cr_assert_null(wb_add_entry(&wb, &bad_status, &d), "status done is not a status");
        struct new_entry na = {"na", NULL, "R", "s", "B1.3", NULL, NULL, NULL};
        cr_assert_null(wb_add_entry(&wb, &na, &d), "na needs a rationale");
        struct new_entry na_empty = {"na", NULL, "R", "s", "B1.3", NULL, NULL, ""};
        cr_assert_null(wb_add_entry(&wb, &na_empty, &d), "an empty rationale is none");
        struct new_entry bad_revamp = {"actual", NULL, "R", "s", "A1", NULL, "E99", NULL};
        cr_assert_null(wb_add_entry(&wb, &bad_revamp, &d));
        cr_assert_eq(wb.nentries, 1, "refused adds leave nothing behind");
        cr_assert_eq(wb.sheets[WB_EVIDENCE].nrows, 1);

        na.rationale = "the home supports no children";
        id = wb_add_entry(&wb, &na, &d);
        cr_assert_not_null(id);
        cr_assert_str_eq(id, "E2", "refused adds use up no ids");
        cr_assert_str_eq(cell(&wb, "E2", "status"), "na");
        cr_assert_str_eq(cell(&wb, "E2", "rationale"), "the home supports no children");
        cr_assert_str_eq(cell(&wb, "E2", "date"), "2026-01-15", "no date: today");
        free(id);

        /* references are written canonically, commas taken as ';' */
        id = add(&wb, "planned", NULL, "a1.2, d1", "slf.1.es; VIS", "third");
        cr_assert_str_eq(cell(&wb, id, "elements"), "A1.2; D1");
        cr_assert_str_eq(cell(&wb, id, "indicators"), "SLF.1.ES; VIS");
        cr_assert_eq(wb.entries[wb_entry_by_id(&wb, id)].status, ST_PLANNED);
        free(id);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, ids_never_reused)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        char *e1 = add(&wb, "actual", NULL, "A1.1", NULL, "one");
        char *e2 = add(&wb, "actual", NULL, "A1.2", NULL, "two");
        cr_assert_str_eq(e1, "E1");
        cr_assert_str_eq(e2, "E2");
        save(&wb);
        workbook_free(&wb);
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        char *e3 = add(&wb, "actual", NULL, "A1.3", NULL, "three");
        cr_assert_str_eq(e3, "E3");
        save(&wb);
        /* E3 is on disk now; undoing it and saving must not free its id */
        cr_assert(wb_undo(&wb));
        cr_assert_lt(wb_entry_by_id(&wb, "E3"), 0);
        save(&wb);
        char *e4 = add(&wb, "actual", NULL, "A1.4", NULL, "four");
        cr_assert_str_neq(e4, "E3", "E3 was saved, removed and then given to a different entry");
        free(e1), free(e2), free(e3), free(e4);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, ids_continue_after_reopen)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "actual", NULL, "A1.1", NULL, "one"));
        free(add(&wb, "actual", NULL, "A1.2", NULL, "two"));
        save(&wb);
        workbook_free(&wb);
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_eq(wb.nentries, 2);
        char *id = add(&wb, "actual", NULL, "A1.3", NULL, "three");
        cr_assert_str_eq(id, "E3");
        free(id);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, undo_redo_add)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        char *id = add(&wb, "actual", "2025-11-01", "A1.1", "SLF.2.AC", "to be undone");
        cr_assert_eq(wb.nentries, 1);
        cr_assert(workbook_dirty(&wb));
        cr_assert(wb_undo(&wb), "nothing to undo");
        cr_assert_eq(wb.nentries, 0, "the whole add is one undo step");
        cr_assert_eq(wb.sheets[WB_EVIDENCE].nrows, 0);
        cr_assert_lt(wb_entry_by_id(&wb, "E1"), 0);
        cr_assert(!wb_undo(&wb), "only one step to undo");
        cr_assert(wb_redo(&wb));
        cr_assert_eq(wb.nentries, 1);
        cr_assert_str_eq(cell(&wb, "E1", "summary"), "to be undone");
        cr_assert_str_eq(cell(&wb, "E1", "status"), "actual");
        cr_assert_str_eq(cell(&wb, "E1", "date"), "2025-11-01");
        cr_assert_str_eq(cell(&wb, "E1", "elements"), "A1.1");
        cr_assert_eq(wb.entries[wb_entry_by_id(&wb, "E1")].nrefs, 2, "references derived again");
        cr_assert(!wb_redo(&wb));
        free(id);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, undo_redo_field_change)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "planned", NULL, "A1.1", NULL, "before"));
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "summary", "after"), 0);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "status", "actual"), 0);
        cr_assert_eq(wb.entries[0].status, ST_ACTUAL);
        cr_assert(wb_undo(&wb));
        cr_assert_eq(wb.entries[0].status, ST_PLANNED, "status derived again after undo");
        cr_assert_str_eq(cell(&wb, "E1", "summary"), "after");
        cr_assert(wb_undo(&wb));
        cr_assert_str_eq(cell(&wb, "E1", "summary"), "before");
        cr_assert(wb_redo(&wb));
        cr_assert_str_eq(cell(&wb, "E1", "summary"), "after");
        cr_assert(wb_redo(&wb));
        cr_assert_eq(wb.entries[0].status, ST_ACTUAL);
        /* a new edit after an undo drops the redo */
        cr_assert(wb_undo(&wb));
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "ref", "P/1"), 0);
        cr_assert(!wb_redo(&wb));
        cr_assert_eq(wb.entries[0].status, ST_PLANNED);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, undo_back_to_saved_is_not_modified)
{
        struct workbook wb;
        struct diag d = {0};
        char *dir = new_workbook(&wb, NULL);
        cr_assert(!workbook_dirty(&wb), "a new workbook is saved");
        free(add(&wb, "planned", NULL, "A1.1", NULL, "one"));
        cr_assert(workbook_dirty(&wb));
        cr_assert(wb_undo(&wb));
        cr_assert(!workbook_dirty(&wb), "every edit undone: nothing to save");
        cr_assert(wb_redo(&wb));
        cr_assert(workbook_dirty(&wb));
        cr_assert_eq(workbook_save(&wb, &d), 0);
        cr_assert(!workbook_dirty(&wb));
        /* undo past the save is a change; redo back to it is not */
        cr_assert(wb_undo(&wb));
        cr_assert(workbook_dirty(&wb), "undoing a saved edit is a change");
        cr_assert(wb_redo(&wb));
        cr_assert(!workbook_dirty(&wb), "redone back to what was saved");
        /* a new edit after undoing past the save drops the saved state for good */
        cr_assert(wb_undo(&wb));
        cr_assert_eq(wb_set(&wb, WB_UNITS, "A2", "status", "planned"), 0);
        cr_assert(wb_undo(&wb));
        cr_assert(workbook_dirty(&wb), "the saved state is no longer reachable");
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, link_merges_without_duplicates)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "actual", NULL, "A1.1", "SLF.2.AC", "x"));
        struct diag d = {0};
        cr_assert_eq(wb_link(&wb, "E1", "VIS; A1.1; slf.2.ac; D1.2", &d), 0, "%s", first_msg(&d));
        cr_assert_str_eq(cell(&wb, "E1", "elements"), "A1.1; D1.2");
        cr_assert_str_eq(cell(&wb, "E1", "indicators"), "SLF.2.AC; VIS");
        cr_assert_eq(wb.entries[0].nrefs, 4);
        cr_assert_eq(wb_link(&wb, "E1", "VIS", &d), 0);
        cr_assert_str_eq(cell(&wb, "E1", "indicators"), "SLF.2.AC; VIS",
                         "linking twice adds nothing");
        cr_assert_eq(wb_link(&wb, "E1", "VIS; QQ1", &d), -1,
                     "an unknown reference refuses the link");
        cr_assert_str_eq(cell(&wb, "E1", "indicators"), "SLF.2.AC; VIS");
        cr_assert_eq(wb_link(&wb, "E9", "VIS", &d), -1, "no entry E9");
        /* one undo step undoes the link */
        cr_assert(wb_undo(&wb));
        cr_assert_str_eq(cell(&wb, "E1", "indicators"), "SLF.2.AC");
        cr_assert_str_eq(cell(&wb, "E1", "elements"), "A1.1");
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, revamp_plan)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "planned", "2025-09-01", "D1.1", "COL.1.AC", "planned evidence"));
        free(add(&wb, "actual", NULL, "A1.1", NULL, "actual evidence"));
        struct diag d = {0};
        char *id = wb_revamp(&wb, "E1", NULL, "2026-01-10", &d);
        cr_assert_not_null(id, "wb_revamp: %s", first_msg(&d));
        cr_assert_str_eq(id, "E3");
        cr_assert_str_eq(cell(&wb, "E3", "status"), "actual");
        cr_assert_str_eq(cell(&wb, "E3", "revamps"), "E1");
        cr_assert_str_eq(cell(&wb, "E3", "elements"), "D1.1");
        cr_assert_str_eq(cell(&wb, "E3", "indicators"), "COL.1.AC");
        cr_assert_str_eq(cell(&wb, "E3", "summary"), "planned evidence");
        cr_assert_str_eq(cell(&wb, "E3", "date"), "2026-01-10");
        cr_assert_str_eq(cell(&wb, "E1", "status"), "planned", "the plan stays planned");
        long e3 = wb_entry_by_id(&wb, "E3"), e1 = wb_entry_by_id(&wb, "E1");
        cr_assert_eq(wb.entries[e3].revamps, e1);
        cr_assert_eq(wb.entries[e1].revamps, -1);
        free(id);

        id = wb_revamp(&wb, "E1", "what actually happened", NULL, &d);
        cr_assert_not_null(id);
        cr_assert_str_eq(cell(&wb, id, "summary"), "what actually happened");
        cr_assert_str_eq(cell(&wb, id, "date"), "2026-01-15");
        free(id);

        cr_assert_null(wb_revamp(&wb, "E2", NULL, NULL, &d), "an actual entry is not a plan");
        cr_assert_null(wb_revamp(&wb, "E77", NULL, NULL, &d));
        save(&wb);
        workbook_free(&wb);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        e3 = wb_entry_by_id(&wb, "E3");
        cr_assert_eq(wb.entries[e3].revamps, wb_entry_by_id(&wb, "E1"), "revamps resolved on open");
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

static void write_text(const char *dir, const char *name, const char *text)
{
        char *p = path_join(dir, name);
        FILE *f = fopen(p, "wb");
        cr_assert_not_null(f);
        fputs(text, f);
        fclose(f);
        free(p);
}

Test(workbook, unknown_columns_and_references_kept)
{
        char *dir = path_join(tmpdir, "hand");
        cr_assert_eq(mkdir(dir, 0700), 0);
        write_text(dir, "workbook.ini", "[candidate]\nname = Hand Made\nstage = AC\n");
        const char *ev = "id,status,date,ref,summary,assessor_note,elements,indicators\n"
                         "E1,actual,2025-01-02,R1,first,\"seen, ok\",A1.1; ZZ9,SLF.2.AC\n"
                         "E2,planned,2025-01-03,R2,second,=check this,B1,MOT\n"
                         "E3,actual,2025-01-04,R3,third,,ZZ9,\n";
        write_text(dir, "evidence.csv", ev);
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0, "%s", first_msg(&d));
        cr_assert_eq(wb.nentries, 3);
        long e1 = wb_entry_by_id(&wb, "E1");
        cr_assert_eq(wb.entries[e1].nrefs, 2);
        cr_assert_eq(wb.entries[e1].nunknown, 1, "ZZ9 is counted as unknown");
        diag_clear(&d);
        workbook_check(&wb, &d);
        bool warned = false;
        for (size_t i = 0; i < d.n; i++)
                warned |= strstr(d.v[i].msg, "ZZ9") && d.v[i].line == 2;
        cr_assert(warned, "check does not report ZZ9 on line 2");

        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "summary", "first, edited"), 0);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E3", "summary", "third, edited"), 0);
        save(&wb);
        workbook_free(&wb);

        size_t len;
        char *out = slurp(dir, "evidence.csv", &len);
        cr_assert_str_eq(
            out, "id,status,date,ref,summary,assessor_note,elements,indicators\n"
                 "E1,actual,2025-01-02,R1,\"first, edited\",\"seen, ok\",\"A1.1; ZZ9\",SLF.2.AC\n"
                 "E2,planned,2025-01-03,R2,second,=check this,B1,MOT\n"
                 "E3,actual,2025-01-04,R3,\"third, edited\",,ZZ9,\n");
        free(out);

        struct sheet sh;
        char *p = path_join(dir, "evidence.csv");
        cr_assert_eq(sheet_load(&sh, p, &d), 0);
        int an = sheet_col(&sh, "assessor_note");
        cr_assert_str_eq(sheet_get(&sh, 0, an), "seen, ok");
        cr_assert_str_eq(sheet_get(&sh, 1, an), "=check this");
        cr_assert_str_eq(sheet_get(&sh, 0, sheet_col(&sh, "elements")), "A1.1; ZZ9");
        cr_assert_str_eq(sheet_get(&sh, 2, sheet_col(&sh, "elements")), "ZZ9");
        sheet_free(&sh);
        free(p);
        diag_free(&d);
        free(dir);
}

Test(workbook, new_id_skips_ids_of_unparsed_rows)
{
        char *dir = path_join(tmpdir, "badrow");
        cr_assert_eq(mkdir(dir, 0700), 0);
        write_text(dir, "workbook.ini", "[candidate]\nname = Bad Row\n");
        write_text(dir, "evidence.csv",
                   "id,status,date,ref,summary,elements,indicators\n"
                   "E1,actual,2025-01-02,R1,fine,A1.1,\n"
                   "E2,actual,2025-01-03,R2,bad\"quote,A1.2,\n");
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_eq(wb.nentries, 1);
        char *id = add(&wb, "actual", NULL, "A1.3", NULL, "new");
        cr_assert_str_neq(id, "E2", "E2 is the id of the unparsed row on line 3");
        free(id);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

static void read_all(const char *dir, char *data[5], size_t len[5])
{
        static const char *const files[] = {"workbook.ini", "evidence.csv", "units.csv",
                                            "sessions.csv", "actions.csv"};
        for (int i = 0; i < 5; i++)
                data[i] = slurp(dir, files[i], &len[i]);
}

static void same_files(char *a[5], size_t alen[5], char *b[5], size_t blen[5])
{
        for (int i = 0; i < 5; i++) {
                cr_assert_eq(alen[i], blen[i], "file %d changed length", i);
                cr_assert(memcmp(a[i], b[i], alen[i]) == 0, "file %d changed", i);
        }
}

Test(workbook, second_save_is_byte_identical)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, "A2");
        free(add(&wb, "actual", "2025-10-01", "A1.1; A2", "SLF.2.AC; VIS",
                 "=SUM(1) \"quoted\", with\nnewline \xc3\xa9 \xe4\xbd\x9c"));
        free(add(&wb, "planned", NULL, "D1.1", "COL.1.AC", "-5 '=x ' \t tab"));
        cr_assert_eq(wb_set(&wb, WB_SESSIONS, "S1", "date", "2026-01-15"), 0);
        cr_assert_eq(wb_set(&wb, WB_SESSIONS, "S1", "focus", "Self-leadership"), 0);
        save(&wb);
        char *a[5], *b[5], *c[5];
        size_t alen[5], blen[5], clen[5];
        read_all(dir, a, alen);
        save(&wb);
        workbook_free(&wb);

        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s", first_msg(&d));
        cr_assert_str_eq(cell(&wb, "E1", "summary"),
                         "=SUM(1) \"quoted\", with\nnewline \xc3\xa9 \xe4\xbd\x9c");
        cr_assert_str_eq(cell(&wb, "E2", "summary"), "-5 '=x ' \t tab");
        save(&wb);
        read_all(dir, b, blen);
        same_files(a, alen, b, blen);

        /* an edit undone: the rows are written again from their cells, same bytes */
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "summary", "changed"), 0);
        cr_assert_eq(wb_set(&wb, WB_UNITS, "A2", "notes", "changed"), 0);
        cr_assert(wb_undo(&wb));
        cr_assert(wb_undo(&wb));
        save(&wb);
        read_all(dir, c, clen);
        same_files(a, alen, c, clen);
        for (int i = 0; i < 5; i++)
                free(a[i]), free(b[i]), free(c[i]);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

/* A field both sides changed: the other person's save is not overwritten (their
 * value stays; ours is set aside in the conflict record). */
Test(workbook, save_keeps_field_changed_by_someone_else)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "actual", NULL, "A1.1", NULL, "mine"));
        save(&wb);
        write_text(dir, "evidence.csv",
                   "id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,"
                   "signed_on\nE1,actual,2026-01-15,REF,theirs,A1.1,,,,,\n");
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "summary", "mine, edited"), 0);
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        cr_assert_geq(diag_count(&d, DIAG_WARN), 1, "the conflict was not said");
        size_t len;
        char *out = slurp(dir, "evidence.csv", &len);
        cr_assert(strstr(out, "theirs"), "the other person's save was overwritten");
        cr_assert_null(strstr(out, "mine, edited"));
        free(out);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, caseload_listing)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        workbook_free(&wb);
        char *other = path_join(tmpdir, "another");
        struct diag d = {0};
        cr_assert_eq(workbook_create(other, "B", "manager", "ES", NULL, NULL, &d), 0);
        char *plain = path_join(tmpdir, "not-a-workbook");
        cr_assert_eq(mkdir(plain, 0700), 0);
        cr_assert(workbook_is_caseload(tmpdir));
        cr_assert(!workbook_is_caseload(dir));
        char **dirs;
        size_t n = workbook_list_caseload(tmpdir, &dirs);
        cr_assert_eq(n, 2);
        cr_assert_str_eq(path_basename(dirs[0]), "another");
        cr_assert_str_eq(path_basename(dirs[1]), "wb");
        for (size_t i = 0; i < n; i++)
                free(dirs[i]);
        free(dirs);
        free(plain), free(other), free(dir);
        diag_free(&d);
}

/* --- deleting: tombstones ---------------------------------------------------- */

static bool has_msg(const struct diag *d, const char *what)
{
        for (size_t i = 0; i < d->n; i++)
                if (strstr(d->v[i].msg, what))
                        return true;
        return false;
}

Test(workbook, delete_leaves_a_tombstone)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "actual", "2025-10-01", "A1.1", "SLF.2.AC", "one"));
        free(add(&wb, "actual", "2025-10-02", "A1.2", "SLF.1.AC", "two, to delete"));
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E2", "own_column", "private words"), 0);
        save(&wb);
        struct diag d = {0};
        cr_assert_eq(wb_delete(&wb, WB_EVIDENCE, "E2", &d), 0, "%s", first_msg(&d));
        cr_assert_eq(wb.nentries, 1, "a tombstone is no entry");
        cr_assert_lt(wb_entry_by_id(&wb, "E2"), 0);
        cr_assert_lt(wb_find(&wb, WB_EVIDENCE, "E2"), 0, "wb_find does not find it");
        cr_assert_eq(wb.sheets[WB_EVIDENCE].nrows, 2, "the row stays");
        cr_assert(wb_row_deleted(&wb, WB_EVIDENCE, 1));
        /* hidden everywhere: coverage, the link index, check */
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        struct ref r;
        cr_assert(ref_parse(&wb.fw, "SLF.1", &r));
        cr_assert_eq(coverage_at(&c, wb.stage_index, r.cap, r.theme)->direct.actual, 0);
        coverage_free(&c);
        struct link_index x;
        link_index_build(&wb, &x);
        cr_assert_eq(x.themes[r.theme].n, 0);
        link_index_free(&x);
        /* undo brings it back whole */
        cr_assert(wb_undo(&wb));
        cr_assert_eq(wb.nentries, 2);
        cr_assert_str_eq(cell(&wb, "E2", "summary"), "two, to delete");
        cr_assert_str_eq(cell(&wb, "E2", "own_column"), "private words");
        cr_assert(wb_redo(&wb));
        cr_assert_eq(wb.nentries, 1);
        save(&wb);
        workbook_free(&wb);
        /* on disk: id, status deleted, the day, the rest empty, unknown column too */
        size_t len;
        char *out = slurp(dir, "evidence.csv", &len);
        cr_assert(strstr(out, "\nE2,deleted,2026-01-15,,,,,,,,,\n"), "%s", out);
        cr_assert_null(strstr(out, "private words"));
        free(out);
        /* reopened: still hidden, and its id is never used again */
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_eq(wb.nentries, 1);
        char *e3 = add(&wb, "actual", NULL, "A1.3", NULL, "three");
        cr_assert_str_eq(e3, "E3");
        workbook_check(&wb, &d);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "check warns of a tombstone: %s", first_msg(&d));
        free(e3);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, deleting_the_last_entry_keeps_its_id)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "actual", NULL, "A1.1", NULL, "one"));
        free(add(&wb, "actual", NULL, "A1.2", NULL, "two"));
        struct diag d = {0};
        cr_assert_eq(wb_delete(&wb, WB_EVIDENCE, "E2", &d), 0);
        save(&wb);
        workbook_free(&wb);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        char *id = add(&wb, "actual", NULL, "A1.3", NULL, "three");
        cr_assert_str_eq(id, "E3", "the deleted E2 was given out again");
        free(id);
        cr_assert_eq(wb_delete(&wb, WB_EVIDENCE, "E2", &d), -1, "a tombstone deleted again");
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, delete_concerns_signed_and_revamped)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        free(add(&wb, "planned", NULL, "A1.1", NULL, "the plan"));
        struct diag d = {0};
        char *id = wb_revamp(&wb, "E1", "done", NULL, &d);
        cr_assert_str_eq(id, "E2");
        const char *row[][2] = {{"signed_by", "Amelia"}, {"signed_on", "2026-01-10"}};
        wb_set_row(&wb, WB_EVIDENCE, "E1", row, 2);
        struct buf why = {0};
        cr_assert_eq(wb_delete_concerns(&wb, WB_EVIDENCE, "E1", &why), 2);
        cr_assert_str_eq(buf_str(&why), "E1 is signed off by Amelia on 2026-01-10; E2 revamps it");
        buf_reset(&why);
        cr_assert_eq(wb_delete_concerns(&wb, WB_EVIDENCE, "E2", &why), 0);
        cr_assert_eq(wb_delete(&wb, WB_EVIDENCE, "E1", &d), 0);
        /* E2 still says what it grew from; check notes the plan is gone */
        workbook_check(&wb, &d);
        cr_assert(has_msg(&d, "revamps E1, which was deleted"), "%s", first_msg(&d));
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s", first_msg(&d));
        buf_free(&why);
        free(id);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, delete_session_takes_its_actions)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        const char *s1[][2] = {{"date", "2026-01-10"}, {"focus", "Vision"}, {"notes", "n"}};
        wb_set_row(&wb, WB_SESSIONS, "S1", s1, 3);
        const char *s2[][2] = {{"date", "2026-01-12"}, {"focus", "Self-leadership"}};
        wb_set_row(&wb, WB_SESSIONS, "S2", s2, 2);
        const char *a1[][2] = {{"session", "S1"}, {"objective", "read"}, {"due", "2026-02-01"}};
        wb_set_row(&wb, WB_ACTIONS, "AP1", a1, 3);
        const char *a2[][2] = {{"session", "S2"}, {"objective", "write"}};
        wb_set_row(&wb, WB_ACTIONS, "AP2", a2, 2);
        struct buf why = {0};
        cr_assert_eq(wb_delete_concerns(&wb, WB_SESSIONS, "S1", &why), 1);
        cr_assert_str_eq(buf_str(&why), "its 1 action goes with it");
        struct diag d = {0};
        cr_assert_eq(wb_delete(&wb, WB_SESSIONS, "S1", &d), 0);
        cr_assert_lt(wb_find(&wb, WB_SESSIONS, "S1"), 0);
        cr_assert_lt(wb_find(&wb, WB_ACTIONS, "AP1"), 0);
        cr_assert_geq(wb_find(&wb, WB_ACTIONS, "AP2"), 0);
        cr_assert_eq(wb_delete(&wb, WB_ACTIONS, "AP2", &d), 0);
        cr_assert_lt(wb_find(&wb, WB_ACTIONS, "AP2"), 0);
        cr_assert(wb_undo(&wb));
        cr_assert_geq(wb_find(&wb, WB_ACTIONS, "AP2"), 0);
        cr_assert(wb_undo(&wb), "the session and its action: one step");
        cr_assert_geq(wb_find(&wb, WB_SESSIONS, "S1"), 0);
        cr_assert_str_eq(wb_get(&wb, WB_ACTIONS, (size_t)wb_find(&wb, WB_ACTIONS, "AP1"), "due"),
                         "2026-02-01");
        cr_assert(wb_redo(&wb));
        save(&wb);
        workbook_free(&wb);
        size_t len;
        char *out = slurp(dir, "sessions.csv", &len);
        cr_assert(strstr(out, "\nS1,2026-01-15,,,,deleted\n"), "%s", out);
        free(out);
        out = slurp(dir, "actions.csv", &len);
        cr_assert(strstr(out, "\nAP1,,,,,,,deleted\n"), "%s", out);
        free(out);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        workbook_check(&wb, &d);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s", first_msg(&d));
        char *s = wb_new_id(&wb, WB_SESSIONS), *a = wb_new_id(&wb, WB_ACTIONS);
        cr_assert_str_eq(s, "S3");
        cr_assert_str_eq(a, "AP3");
        free(s), free(a);
        buf_free(&why);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

/* --- editing sessions, actions, units and the profile ------------------------ */

Test(workbook, session_and_action_edits)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, NULL);
        const char *s1[][2] = {{"date", "2026-01-10"}, {"focus", "Vision"}};
        wb_set_row(&wb, WB_SESSIONS, "S1", s1, 2);
        const char *a1[][2] = {{"session", "S1"}, {"objective", "read"}};
        wb_set_row(&wb, WB_ACTIONS, "AP1", a1, 2);
        struct diag d = {0};
        struct session_fields sf = {"2026-01-11", "Self-leadership", "Freda; Joseph", "notes"};
        cr_assert_eq(wb_session_edit(&wb, "S1", &sf, &d), 0);
        long r = wb_find(&wb, WB_SESSIONS, "S1");
        cr_assert_str_eq(wb_get(&wb, WB_SESSIONS, (size_t)r, "participants"), "Freda; Joseph");
        struct session_fields bad = {"11/01/2026", NULL, NULL, NULL};
        cr_assert_eq(wb_session_edit(&wb, "S1", &bad, &d), -1);
        cr_assert_str_eq(wb_get(&wb, WB_SESSIONS, (size_t)r, "date"), "2026-01-11");
        cr_assert(wb_undo(&wb), "one step");
        cr_assert_str_eq(wb_get(&wb, WB_SESSIONS, (size_t)r, "focus"), "Vision");
        cr_assert_str_eq(wb_get(&wb, WB_SESSIONS, (size_t)r, "date"), "2026-01-10");
        struct action_fields af = {NULL, "read the toolkit", "an account", "2026-02-01", "Freda",
                                   NULL};
        cr_assert_eq(wb_action_edit(&wb, "AP1", &af, &d), 0);
        long a = wb_find(&wb, WB_ACTIONS, "AP1");
        cr_assert_str_eq(wb_get(&wb, WB_ACTIONS, (size_t)a, "success_indicator"), "an account");
        cr_assert_eq(wb_action_done(&wb, "AP1", true, &d), 0);
        cr_assert_str_eq(wb_get(&wb, WB_ACTIONS, (size_t)a, "done"), "2026-01-15");
        cr_assert_eq(wb_action_done(&wb, "AP1", false, &d), 0);
        cr_assert_str_eq(wb_get(&wb, WB_ACTIONS, (size_t)a, "done"), "");
        struct action_fields nosess = {"S9", NULL, NULL, NULL, NULL, NULL};
        cr_assert_eq(wb_action_edit(&wb, "AP1", &nosess, &d), -1);
        struct action_fields baddue = {NULL, NULL, NULL, "soon", NULL, NULL};
        cr_assert_eq(wb_action_edit(&wb, "AP1", &baddue, &d), -1);
        cr_assert_eq(wb_action_edit(&wb, "AP9", &af, &d), -1);
        cr_assert_str_eq(wb_get(&wb, WB_ACTIONS, (size_t)a, "due"), "2026-02-01");
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

/* Un-choosing an optional unit leaves no "D1,," row; its notes are kept. */
Test(workbook, unchosen_unit_leaves_no_row)
{
        struct workbook wb;
        char *dir = new_workbook(&wb, "D1, A2");
        struct ref d1, a2;
        cr_assert(ref_parse(&wb.fw, "D1", &d1) && ref_parse(&wb.fw, "A2", &a2));
        cr_assert_eq(wb_unit_set_notes(&wb, a2.unit, "chosen at the planning session"), 0);
        save(&wb);
        /* the way the screen does it too: the status emptied */
        cr_assert_eq(wb_set(&wb, WB_UNITS, "D1", "status", ""), 0);
        cr_assert_eq(wb_unit_set_status(&wb, a2.unit, US_NONE), 0);
        cr_assert_eq(wb_unit_status(&wb, d1.unit), US_NONE);
        save(&wb);
        size_t len;
        char *out = slurp(dir, "units.csv", &len);
        cr_assert_null(strstr(out, "D1"), "%s", out);
        cr_assert(strstr(out, "\nA2,,chosen at the planning session\n"), "notes kept: %s", out);
        free(out);
        /* undone: chosen again */
        cr_assert(wb_undo(&wb));
        cr_assert(wb_undo(&wb));
        save(&wb);
        out = slurp(dir, "units.csv", &len);
        cr_assert(strstr(out, "\nD1,planned,\n"), "%s", out);
        free(out);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, profile_written_keeping_comments)
{
        struct workbook wb;
        char *dir = path_join(tmpdir, "prof");
        cr_assert_eq(mkdir(dir, 0700), 0);
        write_text(dir, "workbook.ini",
                   "; Freda's workbook\n[candidate]\nname = Freda\n; her target\nstage = AC\n"
                   "pathway = manager\nlocal_note = kept\n\n[frameworks]\ncapabilities = sil\n");
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        diag_clear(&d);
        struct wb_profile p = {.name = "Freda Example",
                               .stage = "es",
                               .assessor = "Amelia",
                               .award = "LMCS award; completed"};
        cr_assert_eq(workbook_set_profile(&wb, &p, &d), 0, "%s", first_msg(&d));
        cr_assert_str_eq(wb.name, "Freda Example");
        cr_assert_str_eq(wb.fw.stages[wb.stage_index].code, "ES");
        cr_assert_str_eq(wb.assessor, "Amelia");
        size_t len;
        char *out = slurp(dir, "workbook.ini", &len);
        cr_assert_str_eq(out, "; Freda's workbook\n[candidate]\nname = \"Freda Example\"\n"
                              "; her target\nstage = \"ES\"\npathway = manager\n"
                              "local_note = kept\naward = \"LMCS award; completed\"\n"
                              "assessor = \"Amelia\"\n\n[frameworks]\ncapabilities = sil\n");
        free(out);
        workbook_free(&wb);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_str_eq(wb.award, "LMCS award; completed");
        cr_assert_str_eq(wb.assessor, "Amelia");
        cr_assert_not(has_msg(&d, "assessor"), "assessor is a known key");
        /* refused: an unknown pathway (with the list), a bad stage, a quote */
        struct wb_profile bad = {.pathway = "frontlinee"};
        cr_assert_eq(workbook_set_profile(&wb, &bad, &d), -1);
        cr_assert(has_msg(&d, "manager, frontline, strategic, citizen"), "%s", first_msg(&d));
        struct wb_profile bad2 = {.stage = "XX"};
        cr_assert_eq(workbook_set_profile(&wb, &bad2, &d), -1);
        struct wb_profile bad3 = {.supervisor = "Jo \"JJ\""};
        cr_assert_eq(workbook_set_profile(&wb, &bad3, &d), -1);
        char *again = slurp(dir, "workbook.ini", &len);
        cr_assert(strstr(again, "pathway = manager\n"));
        free(again);
        struct wb_profile fl = {.pathway = "frontline"};
        cr_assert_eq(workbook_set_profile(&wb, &fl, &d), 0);
        cr_assert_geq(wb.pathway_index, 0);
        cr_assert_str_eq(wb.fw.pathways[wb.pathway_index].id, "frontline");
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(workbook, new_refuses_an_unknown_pathway)
{
        char *dir = path_join(tmpdir, "typo");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Ann", "frontlinee", "AC", NULL, NULL, &d), -1);
        cr_assert(has_msg(&d, "unknown pathway \"frontlinee\"; the pathways are manager, "
                              "frontline, strategic, citizen"),
                  "%s", first_msg(&d));
        cr_assert_not(path_exists(dir), "a refused workbook left a folder");
        diag_free(&d);
        free(dir);
}

/* --- what a spreadsheet does ----------------------------------------------- */

static const char *const ev_head =
    "id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,signed_on\n";

static struct diag check_evidence(const char *name, const char *rows, struct workbook *wb)
{
        char *dir = path_join(tmpdir, name);
        cr_assert_eq(mkdir(dir, 0700), 0);
        write_text(dir, "workbook.ini", "[candidate]\nname = D\nstage = AC\n");
        char *text = xmalloc(strlen(ev_head) + strlen(rows) + 1);
        strcpy(text, ev_head);
        strcat(text, rows);
        write_text(dir, "evidence.csv", text);
        free(text);
        struct diag d = {0};
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0);
        diag_clear(&d);
        workbook_check(wb, &d);
        free(dir);
        return d;
}

Test(workbook, check_names_spreadsheet_damage)
{
        struct workbook wb;
        /* E1: a list split at its ';' (LibreOffice with Semicolon ticked); E2: a day number;
         * E3: a local date format; E4: more cells than the header; E5: fine */
        struct diag d =
            check_evidence("damage",
                           "E1,actual,2025-04-08,P/1,one,A1.1, A1.2,SLF.1.AC,,,Joseph,2025-05-06\n"
                           "E2,actual,45755,P/2,two,A1.1,,,,,\n"
                           "E3,actual,24/03/25,P/3,three,A1.1,,,,,\n"
                           "E4,actual,2025-04-08,P/4,four,A1.1,,,,,,extra\n"
                           "E5,actual,2025-04-08,P/5,five,\"A1.1; A1.2\",,,,,\n",
                           &wb);
        cr_assert(has_msg(&d, "\"A1.1\" and \" A1.2\" look like one reference list in elements "
                              "split over two cells"),
                  "%s", first_msg(&d));
        cr_assert(has_msg(&d, "LibreOffice's import ticks \"Semicolon\""));
        cr_assert(has_msg(&d, "date \"45755\" is not a date (YYYY-MM-DD): it looks like a "
                              "spreadsheet's day number for 2025-04-08"));
        cr_assert(has_msg(&d, "date \"24/03/25\" is not a date (YYYY-MM-DD): a spreadsheet "
                              "probably rewrote it in its own date format (2025-03-24?)"));
        cr_assert(has_msg(&d, "12 cells where the header names 11 columns"));
        /* one message a damaged row: not also "signed_on "2025-05-06"…" for E1 */
        size_t on2 = 0;
        for (size_t i = 0; i < d.n; i++)
                on2 += d.v[i].line == 2;
        cr_assert_eq(on2, 1, "E1 has %zu messages", on2);
        for (size_t i = 0; i < d.n; i++)
                cr_assert_neq(d.v[i].line, 6, "the quoted list is fine: %s", d.v[i].msg);
        diag_free(&d);
        workbook_free(&wb);
}

/* A row written before lists were quoted is counted by check and re-encoded once,
 * by the next save that writes its sheet. */
Test(workbook, old_style_rows_counted_and_quoted_once)
{
        struct workbook wb;
        struct diag d = check_evidence("old",
                                       "E1,actual,2025-04-08,P/1,one,A1.1; A1.2,,,,,\n"
                                       "E2,actual,2025-04-08,P/2,two,A1.1,,,,,\n"
                                       "E3,actual,2025-04-08,P/3,\"three; quoted\",A1.1,,,,,\n",
                                       &wb);
        cr_assert(has_msg(&d, "1 row holds a ';' or a tab outside quotes"), "%s", first_msg(&d));
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s", first_msg(&d));
        char *dir = xstrdup(wb.dir);
        save(&wb); /* nothing changed: nothing written */
        size_t len;
        char *out = slurp(dir, "evidence.csv", &len);
        cr_assert(strstr(out, "\nE1,actual,2025-04-08,P/1,one,A1.1; A1.2,,,,,\n"));
        free(out);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E2", "ref", "P/2b"), 0);
        save(&wb);
        out = slurp(dir, "evidence.csv", &len);
        cr_assert_str_eq(out, "id,status,date,ref,summary,elements,indicators,revamps,rationale,"
                              "signed_by,signed_on\n"
                              "E1,actual,2025-04-08,P/1,one,\"A1.1; A1.2\",,,,,\n"
                              "E2,actual,2025-04-08,P/2b,two,A1.1,,,,,\n"
                              "E3,actual,2025-04-08,P/3,\"three; quoted\",A1.1,,,,,\n");
        /* and from then on, a save of an unchanged workbook is byte-identical */
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E2", "ref", "P/2"), 0);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E2", "ref", "P/2b"), 0);
        save(&wb);
        char *again = slurp(dir, "evidence.csv", &len);
        cr_assert_str_eq(again, out);
        diag_clear(&d);
        workbook_check(&wb, &d);
        cr_assert_not(has_msg(&d, "outside quotes"));
        free(out), free(again), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* The examples ship in the quoted style: written again from their cells, every
 * sheet is the same bytes. */
Test(workbook, examples_are_in_the_written_style)
{
        static const char *const names[] = {"bridget", "fred",    "freda",
                                            "john",    "liliana", "rashid"};
        for (size_t k = 0; k < 6; k++) {
                for (int s = 0; s < WB_NSHEETS; s++) {
                        char path[256];
                        snprintf(path, sizeof path, "data/examples/%s/%s", names[k],
                                 wb_sheet_file[s]);
                        if (!path_exists(path))
                                continue;
                        struct sheet sh;
                        struct diag d = {0};
                        cr_assert_eq(sheet_load(&sh, path, &d), 0, "%s", path);
                        cr_assert_eq(sheet_old_style_rows(&sh), 0, "%s has old-style rows", path);
                        sh.header_dirty = true;
                        for (size_t i = 0; i < sh.nrows; i++)
                                sh.rows[i].dirty = true;
                        struct buf out = {0};
                        sheet_encode(&sh, &out);
                        char *file;
                        size_t len;
                        cr_assert_eq(file_read(path, &file, &len, NULL), 0, "%s", path);
                        cr_assert_eq(out.len, len, "%s", path);
                        cr_assert(memcmp(out.s, file, len) == 0, "%s is not as written", path);
                        free(file);
                        buf_free(&out);
                        sheet_free(&sh);
                        diag_free(&d);
                }
        }
}
