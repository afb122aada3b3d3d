/* test_recovery.c — the promises that nothing typed is lost: the journal (edits
 * and half-filled forms, torn records), the workbook lock (held, stale, released),
 * spreadsheet lock files, and a sheet changed on disk while it was open. */
#include "core/conflict.h"
#include "core/fileio.h"
#include "core/journal.h"
#include "core/lock.h"
#include "core/user.h"
#include "core/sheet.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

TestSuite(recovery, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

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

static char *add(struct workbook *wb, const char *summary)
{
        struct new_entry ne = {"actual", NULL, "REF", summary, "A1.1", NULL, NULL, NULL};
        struct diag d = {0};
        char *id = wb_add_entry(wb, &ne, &d);
        cr_assert_not_null(id, "wb_add_entry: %s", first_msg(&d));
        diag_free(&d);
        return id;
}

static int hook(void *ctx, const struct wb_edit *e)
{
        return journal_edit(ctx, e, e->removes_row);
}

static void write_text(const char *path, const char *text)
{
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f, "cannot write %s", path);
        fputs(text, f);
        fclose(f);
}

static const char *cell(const struct workbook *wb, const char *id, const char *col)
{
        long e = wb_entry_by_id(wb, id);
        cr_assert_geq(e, 0, "no entry %s", id);
        return entry_get(wb, &wb->entries[e], col);
}

/* Edits journalled but never saved come back, exactly, in a new process. */
Test(recovery, journal_replays_unsaved_edits)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        struct journal j;
        journal_init(&j, dir, 0600);
        wb.before_edit = hook;
        wb.before_edit_ctx = &j;
        char *id = add(&wb, "Typed in the meeting, with a comma, a \"quote\"\nand é");
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, id, "ref", "P/7"), 0);
        char *gone = add(&wb, "added then undone");
        cr_assert(wb_undo(&wb));
        /* the crash: nothing saved */
        journal_close(&j);
        workbook_free(&wb);

        struct diag d = {0};
        struct journal_pending p;
        cr_assert(journal_pending_read(dir, &p, &d), "no journal found after unsaved edits");
        cr_assert_gt(p.nedits, 0);
        cr_assert_eq(p.ndrafts, 0);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert_eq(wb.nentries, 0);
        journal_replay(&wb, &p, &d);
        cr_assert_str_eq(cell(&wb, id, "summary"),
                         "Typed in the meeting, with a comma, a \"quote\"\nand é");
        cr_assert_str_eq(cell(&wb, id, "ref"), "P/7");
        cr_assert_lt(wb_entry_by_id(&wb, gone), 0, "the undone entry came back");
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        journal_pending_free(&p);
        /* after a clean save the journal goes */
        journal_init(&j, dir, 0600);
        journal_clear(&j);
        journal_close(&j);
        cr_assert_not(journal_pending_read(dir, &p, &d));
        free(id), free(gone), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A redo is journalled as the edit it repeats, never as removing its row: the
 * entry redone is still there when the journal is replayed. */
Test(recovery, redo_journalled_as_an_edit)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        struct journal j;
        journal_init(&j, dir, 0600);
        wb.before_edit = hook;
        wb.before_edit_ctx = &j;
        char *id = add(&wb, "kept through undo and redo");
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, id, "ref", "P/8"), 0);
        cr_assert(wb_undo(&wb));
        cr_assert(wb_redo(&wb));
        journal_close(&j);
        workbook_free(&wb);

        struct diag d = {0};
        struct journal_pending p;
        cr_assert(journal_pending_read(dir, &p, &d));
        for (size_t i = 0; i < p.nedits; i++)
                cr_assert(!p.removes[i] || !p.edits[i].col || strcmp(p.edits[i].col, "ref"),
                          "the redone ref was journalled as removing the row");
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        journal_replay(&wb, &p, &d);
        cr_assert_str_eq(cell(&wb, id, "ref"), "P/8");
        journal_pending_free(&p);
        free(id), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A half-filled form is kept as a draft; an ended form is not pending. */
Test(recovery, journal_keeps_drafts_until_ended)
{
        char *dir = path_join(tmpdir, "drafts");
        cr_assert_eq(mkdir(dir, 0700), 0);
        struct journal j;
        journal_init(&j, dir, 0600);
        const char *cols[] = {"summary", "ref"};
        const char *v1[] = {"first wor", "P/1"};
        const char *v2[] = {"first words of the meeting", "P/1"};
        cr_assert_eq(journal_draft(&j, "new", cols, v1, 2, false), 0);
        cr_assert_eq(journal_draft(&j, "new", cols, v2, 1, true), 0);
        cr_assert_eq(journal_draft(&j, "edit:E3", cols, v1, 2, true), 0);
        cr_assert_eq(journal_draft_end(&j, "edit:E3"), 0);
        journal_close(&j);
        struct stat sb;
        char *jp = path_join(dir, JOURNAL_FILE);
        cr_assert_eq(stat(jp, &sb), 0);
        cr_assert_eq(sb.st_mode & 0777, 0600, "journal mode %o", sb.st_mode & 0777);
        struct journal_pending p;
        struct diag d = {0};
        cr_assert(journal_pending_read(dir, &p, &d));
        cr_assert_eq(p.ndrafts, 1);
        cr_assert_str_eq(p.drafts[0].form, "new");
        cr_assert_str_eq(p.drafts[0].cols.v[0], "summary");
        cr_assert_str_eq(p.drafts[0].vals.v[0], "first words of the meeting");
        cr_assert_str_eq(p.drafts[0].vals.v[1], "P/1");
        journal_pending_free(&p);
        free(jp), free(dir);
        diag_free(&d);
}

/* A crash mid-write leaves a torn last record: the rest still recovers. */
Test(recovery, torn_journal_record_is_skipped)
{
        char *dir = path_join(tmpdir, "torn");
        cr_assert_eq(mkdir(dir, 0700), 0);
        char *jp = path_join(dir, JOURNAL_FILE);
        write_text(jp, "kind,time,user,host,sheet,id,col,before,after\n"
                       "edit,2026-01-15 10:00:00,ann,h1,evidence.csv,E1,summary,,\"whole\"\n"
                       "edit,2026-01-15 10:00:01,ann,h1,evidence.csv,E1,ref,,\"P/");
        struct journal_pending p;
        struct diag d = {0};
        cr_assert(journal_pending_read(dir, &p, &d));
        cr_assert_eq(p.nedits, 1);
        cr_assert_str_eq(p.edits[0].after, "whole");
        cr_assert_eq(p.bad_lines, 1);
        cr_assert_str_eq(p.user, "ann");
        journal_pending_free(&p);
        free(jp), free(dir);
        diag_free(&d);
}

/* The journal is never written through a symlink someone planted. */
Test(recovery, journal_refuses_symlink)
{
        char *dir = path_join(tmpdir, "link");
        cr_assert_eq(mkdir(dir, 0700), 0);
        char *target = path_join(tmpdir, "elsewhere");
        char *jp = path_join(dir, JOURNAL_FILE);
        cr_assert_eq(symlink(target, jp), 0);
        struct journal j;
        journal_init(&j, dir, 0600);
        const char *cols[] = {"summary"}, *vals[] = {"secret"};
        cr_assert_lt(journal_draft(&j, "new", cols, vals, 1, true), 0);
        cr_assert_not(path_exists(target), "the journal followed a symlink");
        journal_close(&j);
        free(target), free(jp), free(dir);
}

Test(recovery, lock_held_stale_and_released)
{
        char *dir = path_join(tmpdir, "locked");
        cr_assert_eq(mkdir(dir, 0700), 0);
        struct lock a, b;
        struct lock_info li;
        char err[256];
        cr_assert_eq(lock_take(&a, dir, 0600, false, &li, err, sizeof err), LOCK_TAKEN);
        /* a second taker (same process here; another pid in life) is refused */
        cr_assert_eq(lock_take(&b, dir, 0600, false, &li, err, sizeof err), LOCK_HELD);
        cr_assert_eq(li.pid, (long)getpid());
        cr_assert_not(li.stale);
        lock_release(&a);
        char *lp = path_join(dir, LOCK_FILE);
        cr_assert_not(path_exists(lp), "lock not removed on release");

        /* a lock left by a process that is gone is stale, and can be taken over */
        pid_t child = fork();
        if (child == 0) {
                struct lock c;
                struct lock_info ci;
                char e[64];
                _exit(lock_take(&c, dir, 0600, false, &ci, e, sizeof e) == LOCK_TAKEN ? 0 : 1);
        }
        int st;
        waitpid(child, &st, 0);
        cr_assert_eq(WEXITSTATUS(st), 0);
        cr_assert_eq(lock_take(&b, dir, 0600, false, &li, err, sizeof err), LOCK_STALE);
        cr_assert(li.stale);
        cr_assert_eq(li.pid, (long)child);
        cr_assert_eq(lock_take(&b, dir, 0600, true, &li, err, sizeof err), LOCK_TAKEN);
        struct stat sb;
        cr_assert_eq(stat(lp, &sb), 0);
        cr_assert_eq(sb.st_mode & 0777, 0600);
        lock_release(&b);
        free(lp), free(dir);
}

/* A folder NAME in the temp folder holding evidence.csv, whose path is returned;
 * the folder's in *dir. */
static char *sheet_in(const char *name, char **dir)
{
        *dir = path_join(tmpdir, name);
        cr_assert_eq(mkdir(*dir, 0700), 0);
        char *sheet = path_join(*dir, "evidence.csv");
        write_text(sheet, "id\n");
        return sheet;
}

Test(recovery, spreadsheet_lock_files_are_recognised_and_kept)
{
        char *dir, *sheet = sheet_in("office", &dir);
        char who[256];
        cr_assert_not(office_lock_owner(sheet, who, sizeof who));
        char *lo = path_join(dir, ".~lock.evidence.csv#");
        write_text(lo, "Joseph Bloggs,joseph,office-pc,23.11.2026 10:15,file:///x;");
        cr_assert(office_lock_owner(sheet, who, sizeof who));
        cr_assert(strstr(who, "Joseph Bloggs") && strstr(who, "office-pc") &&
                      strstr(who, "LibreOffice"),
                  "got: %s", who);
        cr_assert(path_exists(lo), "the spreadsheet's lock file was removed");
        free(lo), free(sheet), free(dir);
}

/* Microsoft Office's owner file "~$evidence.csv": a length byte, the user's name
 * padded with spaces to 54 bytes, then the name again in UTF-16. */
Test(recovery, microsoft_office_owner_file_names_the_user)
{
        char *dir, *sheet = sheet_in("msoffice", &dir);
        char owner[162];
        memset(owner, ' ', 54);
        memset(owner + 54, 0, sizeof owner - 54);
        owner[0] = 13;
        memcpy(owner + 1, "Joseph Bloggs", 13);
        for (int i = 0; i < 13; i++)
                owner[56 + 2 * i] = "Joseph Bloggs"[i];
        char *ms = path_join(dir, "~$evidence.csv");
        FILE *f = fopen(ms, "wb");
        cr_assert_not_null(f);
        cr_assert_eq(fwrite(owner, 1, sizeof owner, f), sizeof owner);
        fclose(f);
        char who[256];
        cr_assert(office_lock_owner(sheet, who, sizeof who));
        cr_assert_str_eq(who, "Joseph Bloggs in Microsoft Office");
        cr_assert(path_exists(ms), "the spreadsheet's owner file was removed");
        free(ms), free(sheet), free(dir);
}

static void replace_line(const char *path, const char *from, const char *to)
{
        char *data;
        size_t len;
        cr_assert_eq(file_read(path, &data, &len, NULL), 0);
        char *at = strstr(data, from);
        cr_assert_not_null(at, "%s not in %s", from, path);
        struct buf b = {0};
        buf_add(&b, data, (size_t)(at - data));
        buf_adds(&b, to);
        buf_adds(&b, at + strlen(from));
        write_text(path, buf_str(&b));
        buf_free(&b);
        free(data);
}

/* A spreadsheet changed other rows (and added a column) while the workbook was
 * open: our edits are applied to that version, theirs kept. */
Test(recovery, outside_edit_merged_by_row_id)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        char *e1 = add(&wb, "one"), *e2 = add(&wb, "two");
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, e1, "summary", "one, edited here"), 0);
        char *e3 = add(&wb, "three, added here");
        char *ev = path_join(dir, "evidence.csv");
        /* meanwhile, in a spreadsheet: E2 changed, a column added */
        replace_line(ev, ",two,", ",\"two, edited there\",");
        sleep(0); /* the stamp is by content, not by time */
        cr_assert_eq(workbook_save(&wb, &d), 0, "save refused: %s", first_msg(&d));
        struct workbook back;
        cr_assert_eq(workbook_open(&back, dir, NULL, &d), 0);
        cr_assert_str_eq(cell(&back, e1, "summary"), "one, edited here");
        cr_assert_str_eq(cell(&back, e2, "summary"), "two, edited there");
        cr_assert_str_eq(cell(&back, e3, "summary"), "three, added here");
        workbook_free(&back);
        free(e1), free(e2), free(e3), free(ev), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* Both sides changed the same field: the disk's value stays in the sheet, ours
 * goes into the conflict record, and the rest of our changes are saved. */
Test(recovery, outside_conflict_recorded_rest_saved)
{
        struct workbook wb;
        char *dir = open_new(&wb);
        char *e1 = add(&wb, "one"), *e2 = add(&wb, "two");
        struct diag d = {0};
        cr_assert_eq(workbook_save(&wb, &d), 0);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, e1, "summary", "ours"), 0);
        cr_assert_eq(wb_set(&wb, WB_EVIDENCE, e2, "summary", "two, edited here"), 0);
        char *ev = path_join(dir, "evidence.csv");
        replace_line(ev, ",one,", ",theirs,");
        cr_assert_eq(workbook_save(&wb, &d), 0, "the save was refused: %s", first_msg(&d));
        bool named = false;
        for (size_t i = 0; i < d.n; i++)
                if (d.v[i].level == DIAG_WARN && strstr(d.v[i].msg, "ours") &&
                    strstr(d.v[i].msg, "theirs"))
                        named = true;
        cr_assert(named, "the conflicting field is not shown with both values");
        struct workbook back;
        cr_assert_eq(workbook_open(&back, dir, NULL, &d), 0);
        cr_assert_str_eq(cell(&back, e1, "summary"), "theirs", "their value was overwritten");
        cr_assert_str_eq(cell(&back, e2, "summary"), "two, edited here", "the rest not saved");
        workbook_free(&back);
        /* ours is in the conflict record, private, with the three values */
        struct conflict_list l = {0};
        cr_assert_eq(conflict_read_all(dir, &l, &d), 1);
        cr_assert_str_eq(l.v[0].sheet, "evidence.csv");
        cr_assert_str_eq(l.v[0].id, e1);
        cr_assert_str_eq(l.v[0].field, "summary");
        cr_assert_str_eq(l.v[0].base, "one");
        cr_assert_str_eq(l.v[0].on_disk, "theirs");
        cr_assert_str_eq(l.v[0].mine, "ours");
        cr_assert_str_eq(l.v[0].source, "save");
        cr_assert_eq(l.v[0].line, 2);
        struct stat sb;
        cr_assert_eq(stat(l.v[0].file, &sb), 0);
        cr_assert_eq(sb.st_mode & 0777, 0600, "record mode %o", sb.st_mode & 0777);
        conflict_list_free(&l);
        /* and nothing beside the sheet any more */
        DIR *dp = opendir(dir);
        for (struct dirent *de; (de = readdir(dp));)
                cr_assert_null(strstr(de->d_name, ".mine-"), "%s was written", de->d_name);
        closedir(dp);
        free(e1), free(e2), free(ev), free(dir);
        diag_free(&d);
        workbook_free(&wb);
}

/* A lock file planted as a symlink is never written through. */
Test(recovery, lock_refuses_symlink)
{
        char *dir = path_join(tmpdir, "linklock");
        cr_assert_eq(mkdir(dir, 0700), 0);
        char *target = path_join(tmpdir, "victim");
        char *lp = path_join(dir, LOCK_FILE);
        cr_assert_eq(symlink(target, lp), 0);
        struct lock l;
        struct lock_info li;
        char err[256];
        cr_assert_neq(lock_take(&l, dir, 0600, true, &li, err, sizeof err), LOCK_TAKEN);
        cr_assert_not(path_exists(target), "the lock followed a symlink");
        free(target), free(lp), free(dir);
}

static void set_age(const char *path, int seconds)
{
        struct timespec t[2];
        clock_gettime(CLOCK_REALTIME, &t[0]);
        t[0].tv_sec -= seconds;
        t[1] = t[0];
        cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* A lock left empty (its writer killed between creating and writing it, as an
 * older capbook could be) or holding garbage: held while it may still be being
 * written, stale after 10 s, and then taken over. */
Test(recovery, empty_or_garbage_lock_stale_after_ten_seconds)
{
        char *dir = path_join(tmpdir, "broken");
        cr_assert_eq(mkdir(dir, 0700), 0);
        char *lp = path_join(dir, LOCK_FILE);
        struct buf huge = {0};
        while (huge.len <= (64u << 10))
                buf_adds(&huge, "garbage, more than a lock file ever holds\n");
        const char *bodies[] = {"", "garbage\001 not a lock\n", "user=ann\nsince=x\n", huge.s};
        for (int i = 0; i < 4; i++) {
                write_text(lp, bodies[i]);
                struct lock l;
                struct lock_info li;
                char err[256];
                cr_assert_eq(lock_take(&l, dir, 0600, true, &li, err, sizeof err), LOCK_HELD,
                             "a young broken lock (%d) was taken", i);
                cr_assert(li.broken);
                cr_assert_not(li.stale);
                set_age(lp, 11);
                cr_assert_eq(lock_take(&l, dir, 0600, false, &li, err, sizeof err), LOCK_STALE,
                             "an old broken lock (%d) is not stale", i);
                cr_assert(li.broken && li.stale);
                char what[512];
                lock_describe(&li, what, sizeof what);
                cr_assert(strstr(what, "empty or cannot be read"), "%s", what);
                cr_assert_eq(lock_take(&l, dir, 0600, true, &li, err, sizeof err), LOCK_TAKEN);
                cr_assert(lock_read(dir, &li));
                cr_assert_eq(li.pid, (long)getpid());
                cr_assert_not(li.broken);
                lock_release(&l);
                cr_assert_not(path_exists(lp));
        }
        buf_free(&huge);
        free(lp), free(dir);
}

/* The lock is linked into place whole: it names login, full name, host and pid,
 * and no temporary file is left beside it. */
Test(recovery, lock_written_whole_with_names)
{
        char *dir = path_join(tmpdir, "whole");
        cr_assert_eq(mkdir(dir, 0700), 0);
        struct lock l;
        struct lock_info li;
        char err[256];
        cr_assert_eq(lock_take(&l, dir, 0600, false, &li, err, sizeof err), LOCK_TAKEN, "%s", err);
        char *lp = path_join(dir, LOCK_FILE), *data;
        size_t len;
        cr_assert_eq(file_read(lp, &data, &len, NULL), 0);
        char user[64], host[128], name[128], line[512];
        lock_whoami(user, sizeof user, host, sizeof host);
        user_full_name(name, sizeof name);
        if (strcmp(name, user) == 0)
                name[0] = '\0'; /* no full name: the lock names the login alone */
        cr_assert_null(strchr(name, '\n'));
        snprintf(line, sizeof line, "user=%s\nname=%s\nhost=%s\npid=%ld\n", user, name, host,
                 (long)getpid());
        cr_assert(strncmp(data, line, strlen(line)) == 0, "the lock reads:\n%s", data);
        free(data);
        DIR *dp = opendir(dir);
        cr_assert_not_null(dp);
        int files = 0;
        for (struct dirent *de; (de = readdir(dp));)
                files += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
        closedir(dp);
        cr_assert_eq(files, 1, "something beside the lock was left");
        lock_release(&l);
        free(lp), free(dir);
}

/* A lock in the old format (no name= line) still reads; one with a name says it. */
Test(recovery, lock_formats_old_and_new)
{
        char *dir = path_join(tmpdir, "formats");
        cr_assert_eq(mkdir(dir, 0700), 0);
        char *lp = path_join(dir, LOCK_FILE);
        write_text(lp, "user=ann\nhost=elsewhere\npid=4242\nsince=2026-01-15 09:00:00\n");
        struct lock_info li;
        cr_assert(lock_read(dir, &li));
        char what[512];
        lock_describe(&li, what, sizeof what);
        cr_assert_str_eq(what, "ann on elsewhere (pid 4242) since 2026-01-15 09:00:00");
        cr_assert_not(li.stale, "a lock of another host is never judged stale here");
        write_text(lp, "user=ann\nname=Ann Example\nhost=elsewhere\npid=4242\nsince=2026-01-15 "
                       "09:00:00\n");
        cr_assert(lock_read(dir, &li));
        lock_describe(&li, what, sizeof what);
        cr_assert_str_eq(what,
                         "Ann Example (ann) on elsewhere (pid 4242) since 2026-01-15 09:00:00");
        struct lock l;
        char err[256];
        cr_assert_eq(lock_take(&l, dir, 0600, true, &li, err, sizeof err), LOCK_HELD);
        free(lp), free(dir);
}

/* A lock that is a folder, or a link, is no lock: refused with the reason. */
Test(recovery, lock_that_is_no_file)
{
        char *dir = path_join(tmpdir, "nofile");
        cr_assert_eq(mkdir(dir, 0700), 0);
        char *lp = path_join(dir, LOCK_FILE);
        cr_assert_eq(mkdir(lp, 0700), 0);
        struct lock l;
        struct lock_info li;
        char err[256];
        cr_assert_eq(lock_take(&l, dir, 0600, true, &li, err, sizeof err), LOCK_FAILED);
        cr_assert(strstr(err, "not a regular file"), "%s", err);
        cr_assert_eq(rmdir(lp), 0);
        cr_assert_eq(symlink("/etc/passwd", lp), 0);
        cr_assert_eq(lock_take(&l, dir, 0600, true, &li, err, sizeof err), LOCK_FAILED);
        cr_assert(strstr(err, "is a symbolic link"), "%s", err);
        cr_assert_not(lock_read(dir, &li), "a link was read as a lock");
        free(lp), free(dir);
}
