/* test_workbook.c — creating, opening, editing and saving a workbook: entries
 * and their ids, undo and redo, cross-referencing, revamping plans, unknown
 * columns and references kept, and saves that do not churn the files. */
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
                 "E1,actual,2025-01-02,R1,\"first, edited\",\"seen, ok\",A1.1; ZZ9,SLF.2.AC\n"
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
