/* test_merge.c — saving over a sheet changed on disk: rows added on both sides
 * under one id (ours renumbered, with our references, the undo list and the
 * journal following), fields changed on both sides (the conflict record: append,
 * read, resolve by picking a side, remove, survive a reopen), and the copies an
 * older capbook saved beside a sheet moved into the record. */
#include "core/conflict.h"
#include "core/fileio.h"
#include "core/journal.h"
#include "core/sheet.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TestSuite(merge, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static const char *const EV_HEAD =
    "id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,signed_on\n";

static char *open_new(struct workbook *wb)
{
        char *dir = path_join(tmpdir, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Test Candidate", "manager", "AC", NULL, NULL, &d), 0,
                     "workbook_create: %s", first_msg(&d));
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0, "workbook_open: %s", first_msg(&d));
        diag_free(&d);
        return dir;
}

static char *add(struct workbook *wb, const char *status, const char *summary, const char *revamps)
{
        struct new_entry ne = {status, NULL, "REF", summary, "A1.1", NULL, revamps, NULL};
        struct diag d = {0};
        char *id = wb_add_entry(wb, &ne, &d);
        cr_assert_not_null(id, "wb_add_entry: %s", first_msg(&d));
        diag_free(&d);
        return id;
}

static void append_text(const char *dir, const char *name, const char *text)
{
        char *p = path_join(dir, name);
        FILE *f = fopen(p, "a");
        cr_assert_not_null(f, "cannot append to %s", p);
        fputs(text, f);
        fclose(f);
        free(p);
}

static void write_text(const char *dir, const char *name, const char *text)
{
        char *p = path_join(dir, name);
        FILE *f = fopen(p, "w");
        cr_assert_not_null(f, "cannot write %s", p);
        fputs(text, f);
        fclose(f);
        free(p);
}

static const char *cell(const struct workbook *wb, enum wb_sheet s, const char *id, const char *col)
{
        long row = wb_find(wb, s, id);
        cr_assert_geq(row, 0, "no row %s in %s", id, wb_sheet_file[s]);
        return wb_get(wb, s, (size_t)row, col);
}

static bool said(const struct diag *d, const char *text)
{
        for (size_t i = 0; i < d->n; i++)
                if (strstr(d->v[i].msg, text))
                        return true;
        return false;
}

static int journal_hook(void *ctx, const struct wb_edit *e)
{
        return journal_edit(ctx, e, e->removes_row);
}

/* This session added E2 (a plan) and E3 (its revamp) and never saved them; a
 * spreadsheet meanwhile appended its own E2. The save renumbers ours to E4, E3's
 * revamps follows, theirs is kept, and the note says so. */
Test(merge, same_new_id_on_both_sides_renumbered)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        free(add(&wb, "actual", "one", NULL));
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        struct journal j;
        journal_init(&j, dir, 0600);
        wb.before_edit = journal_hook;
        wb.before_edit_ctx = &j;
        char *plan = add(&wb, "planned", "our plan", NULL);
        cr_assert_str_eq(plan, "E2");
        char *done = add(&wb, "actual", "our plan, done", plan);
        cr_assert_str_eq(done, "E3");
        append_text(dir, "evidence.csv", "E2,actual,2026-01-10,SHEET,their row,A1.2,,,,,\n");
        cr_assert_eq(workbook_save(&wb, &d), 0, "the save was blocked: %s", first_msg(&d));
        cr_assert(said(&d, "E2 is now E4: E2 was added on disk too"), "no note (first: %s)",
                  first_msg(&d));
        cr_assert_str_eq(wb_renumbered_id(&wb, WB_EVIDENCE, "E2"), "E4");
        cr_assert_str_eq(wb_renumbered_id(&wb, WB_EVIDENCE, "E3"), "E3");
        cr_assert_str_eq(wb_renumbered_id(&wb, WB_SESSIONS, "E2"), "E2");
        /* in memory */
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E2", "summary"), "their row");
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E4", "summary"), "our plan");
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E3", "revamps"), "E4");
        long e3 = wb_entry_by_id(&wb, "E3");
        cr_assert_geq(e3, 0);
        cr_assert_eq(wb.entries[e3].revamps, (int)wb_entry_by_id(&wb, "E4"),
                     "the revamp is not linked to the renumbered plan");
        /* on disk */
        struct workbook back;
        cr_assert_eq(workbook_open(&back, dir, NULL, &d), 0);
        cr_assert_str_eq(cell(&back, WB_EVIDENCE, "E2", "summary"), "their row");
        cr_assert_str_eq(cell(&back, WB_EVIDENCE, "E4", "summary"), "our plan");
        cr_assert_str_eq(cell(&back, WB_EVIDENCE, "E3", "revamps"), "E4");
        workbook_free(&back);
        /* the next id is past all of them */
        char *next = wb_new_id(&wb, WB_EVIDENCE);
        cr_assert_str_eq(next, "E5");
        free(next);
        /* the journal: a replay follows the renumbering */
        struct journal_pending p;
        cr_assert(journal_pending_read(dir, &p, &d));
        bool e2_left = false, e4_made = false, ref_e4 = false;
        for (size_t i = 0; i < p.nedits; i++) {
                e2_left |= strcmp(p.edits[i].id, "E2") == 0;
                e4_made |= strcmp(p.edits[i].id, "E4") == 0;
                ref_e4 |= strcmp(p.edits[i].id, "E3") == 0 &&
                          strcmp(p.edits[i].col, "revamps") == 0 &&
                          strcmp(p.edits[i].after, "E4") == 0;
        }
        cr_assert_not(e2_left, "a journalled edit still names E2, now the spreadsheet's row");
        cr_assert(e4_made && ref_e4);
        journal_pending_free(&p);
        /* the undo list followed: undoing both adds leaves their E2 alone */
        wb.before_edit = NULL;
        cr_assert(wb_undo(&wb));
        cr_assert(wb_undo(&wb));
        cr_assert_lt(wb_find(&wb, WB_EVIDENCE, "E4"), 0);
        cr_assert_lt(wb_find(&wb, WB_EVIDENCE, "E3"), 0);
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E2", "summary"), "their row");
        cr_assert(wb_redo(&wb));
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E4", "summary"), "our plan");
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E2", "summary"), "their row");
        journal_close(&j);
        free(plan), free(done), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* The next free id counts a row on disk that cannot be parsed. */
Test(merge, renumbered_past_an_unparsable_row)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        char *mine = add(&wb, "actual", "mine", NULL);
        cr_assert_str_eq(mine, "E1");
        append_text(
            dir, "evidence.csv",
            "E1,actual,2026-01-10,X,theirs,A1.1,,,,,\nE7,actual,2026-01-10,X,bad\"quote,,,,,,\n");
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert(said(&d, "E1 is now E8"), "first: %s", first_msg(&d));
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E8", "summary"), "mine");
        free(mine), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A session and its action, both new; sessions.csv got an S1 meanwhile: ours is
 * S2, and the action names S2. */
Test(merge, renumbered_session_carries_its_actions)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        char *sid = wb_new_id(&wb, WB_SESSIONS);
        cr_assert_str_eq(sid, "S1");
        const char *sc[][2] = {{"date", "2026-01-15"}, {"focus", "our meeting"}};
        wb_set_row(&wb, WB_SESSIONS, sid, sc, 2);
        char *aid = wb_new_id(&wb, WB_ACTIONS);
        const char *ac[][2] = {{"session", sid}, {"objective", "read the toolkit"}};
        wb_set_row(&wb, WB_ACTIONS, aid, ac, 2);
        append_text(dir, "sessions.csv", "S1,2026-01-14,their meeting,,\n");
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert(said(&d, "S1 is now S2"), "first: %s", first_msg(&d));
        struct workbook back;
        cr_assert_eq(workbook_open(&back, dir, NULL, &d), 0);
        cr_assert_str_eq(cell(&back, WB_SESSIONS, "S1", "focus"), "their meeting");
        cr_assert_str_eq(cell(&back, WB_SESSIONS, "S2", "focus"), "our meeting");
        cr_assert_str_eq(cell(&back, WB_ACTIONS, aid, "session"), "S2");
        workbook_free(&back);
        free(sid), free(aid), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A unit (named, not numbered) chosen here and in a spreadsheet: merged field
 * by field; only a field set differently is a conflict. */
Test(merge, same_unit_added_on_both_sides_merged)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        cr_assert_eq(wb_set(&wb, WB_UNITS, "B4", "status", "planned"), 0);
        cr_assert_eq(wb_set(&wb, WB_UNITS, "B4", "notes", "ours"), 0);
        append_text(dir, "units.csv", "B4,planned,theirs\n");
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert_str_eq(cell(&wb, WB_UNITS, "B4", "status"), "planned");
        cr_assert_str_eq(cell(&wb, WB_UNITS, "B4", "notes"), "theirs");
        struct conflict_list l = {0};
        cr_assert_eq(conflict_read_all(dir, &l, &d), 1);
        cr_assert_str_eq(l.v[0].field, "notes");
        cr_assert_str_eq(l.v[0].mine, "ours");
        conflict_list_free(&l);
        free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* Changed here, the row removed on disk: not brought back; our change set aside. */
Test(merge, changed_here_removed_on_disk)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        free(add(&wb, "actual", "one", NULL));
        free(add(&wb, "actual", "two", NULL));
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "summary", "one, edited"), 0);
        char *ev = path_join(dir, "evidence.csv");
        struct buf b = {0};
        buf_printf(&b, "%sE2,actual,2026-01-15,REF,two,A1.1,,,,,\n", EV_HEAD);
        write_text(dir, "evidence.csv", b.s);
        buf_free(&b);
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert_lt(wb_find(&wb, WB_EVIDENCE, "E1"), 0, "a row removed on disk came back");
        struct conflict_list l = {0};
        cr_assert_eq(conflict_read_all(dir, &l, &d), 1);
        cr_assert_str_eq(l.v[0].mine, "one, edited");
        cr_assert_str_eq(l.v[0].on_disk, "");
        cr_assert(strstr(l.v[0].source, "removed"), "%s", l.v[0].source);
        conflict_list_free(&l);
        free(ev), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* The record: appended without duplicates, read with its lines, reported by
 * check with FILE:LINE, resolved by picking a side (an undoable edit), the
 * resolved ones removed after a save, and the whole survives a reopen. */
Test(merge, conflict_record_life)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        free(add(&wb, "actual", "one", NULL));
        free(add(&wb, "actual", "two", NULL));
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        struct conflict c[2];
        conflict_fill(&c[0], "evidence.csv", "E1", "summary", "one", "one", "mine one", "save");
        conflict_fill(&c[1], "evidence.csv", "E2", "summary", "two", "two", "mine two", "save");
        cr_assert_eq(conflict_append(dir, c, 2, &d), 0, "%s", first_msg(&d));
        cr_assert_eq(conflict_append(dir, c, 1, &d), 0);
        conflict_free(&c[0]), conflict_free(&c[1]);
        workbook_free(&wb);
        /* reopened: the record is still there, and check reports it by line */
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        struct diag cd = {0};
        workbook_check(&wb, &cd);
        char *rec = conflict_path(dir);
        unsigned lines = 0;
        for (size_t i = 0; i < cd.n; i++)
                if (strcmp(cd.v[i].file, rec) == 0 && (cd.v[i].line == 2 || cd.v[i].line == 3) &&
                    strstr(cd.v[i].msg, "unresolved"))
                        lines++;
        cr_assert_eq(lines, 2, "check did not report both conflicts by line (%zu messages)", cd.n);
        diag_free(&cd);
        struct conflict_list l = {0};
        cr_assert_eq(conflict_read_all(dir, &l, &d), 2, "a conflict was added twice");
        cr_assert_eq(conflict_resolve(&wb, &l.v[0], CONFLICT_MINE, &d), 0);
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E1", "summary"), "mine one");
        cr_assert(wb_undo(&wb), "picking a side is not undoable");
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E1", "summary"), "one");
        cr_assert(wb_redo(&wb));
        cr_assert_eq(conflict_resolve(&wb, &l.v[1], CONFLICT_ON_DISK, &d), 0);
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E2", "summary"), "two");
        cr_assert_eq(workbook_save(&wb, &d), 0);
        l.v[1].resolved = false; /* say the second was not picked after all */
        cr_assert_eq(conflict_remove_resolved(dir, &l, &d), 0, "%s", first_msg(&d));
        conflict_list_free(&l);
        cr_assert_eq(conflict_read_all(dir, &l, &d), 1);
        cr_assert_str_eq(l.v[0].id, "E2");
        l.v[0].resolved = true;
        cr_assert_eq(conflict_remove_resolved(dir, &l, &d), 0);
        conflict_list_free(&l);
        cr_assert_not(path_exists(rec), "an empty record was left");
        workbook_free(&wb);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_str_eq(cell(&wb, WB_EVIDENCE, "E1", "summary"), "mine one");
        free(rec), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A record planted as a link is never written through. */
Test(merge, conflict_record_link_refused)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        workbook_free(&wb);
        char *rec = conflict_path(dir), *victim = path_join(tmpdir, "victim");
        cr_assert_eq(symlink(victim, rec), 0);
        struct conflict c;
        conflict_fill(&c, "evidence.csv", "E1", "summary", "a", "b", "c", "save");
        struct diag d = {0};
        cr_assert_eq(conflict_append(dir, &c, 1, &d), -1);
        cr_assert_not(path_exists(victim), "written through the link");
        conflict_free(&c);
        free(rec), free(victim), free(dir);
        diag_free(&d);
}

/* The copy an older capbook saved beside the sheet: check names it; the next save
 * moves its differences into the record and removes it. */
Test(merge, mine_copy_moved_into_the_record)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        free(add(&wb, "actual", "one", NULL));
        free(add(&wb, "actual", "two", NULL));
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        workbook_free(&wb);
        char *ev = path_join(dir, "evidence.csv"), *data;
        size_t len;
        cr_assert_eq(file_read(ev, &data, &len, NULL), 0);
        char *at = strstr(data, ",two,");
        cr_assert_not_null(at);
        struct buf b = {0};
        buf_add(&b, data, (size_t)(at - data));
        buf_adds(&b, ",two as I had it,");
        buf_adds(&b, at + 5);
        write_text(dir, "evidence.mine-20261123-101500.csv", b.s);
        buf_free(&b);
        free(data);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        struct diag cd = {0};
        workbook_check(&wb, &cd);
        cr_assert(said(&cd, "conflict record at the next save"), "check did not name the copy");
        diag_free(&cd);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, "E1", "ref", "R1"), 0);
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        struct conflict_list l = {0};
        cr_assert_eq(conflict_read_all(dir, &l, &d), 1,
                     "not the one difference (our own unsaved "
                     "edit counted?)");
        cr_assert_str_eq(l.v[0].id, "E2");
        cr_assert_str_eq(l.v[0].field, "summary");
        cr_assert_str_eq(l.v[0].on_disk, "two");
        cr_assert_str_eq(l.v[0].mine, "two as I had it");
        cr_assert_str_eq(l.v[0].source, "evidence.mine-20261123-101500.csv");
        cr_assert_str_eq(l.v[0].when, "2026-11-23 10:15:00");
        conflict_list_free(&l);
        char *copy = path_join(dir, "evidence.mine-20261123-101500.csv");
        cr_assert_not(path_exists(copy), "the copy was not removed");
        free(copy), free(ev), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}
