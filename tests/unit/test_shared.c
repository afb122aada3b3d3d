/* test_shared.c — one server, many people: who am I (login or uid number, full
 * name, groups), the modes of a shared workbook, saves that keep a sheet's group
 * and mode, permission denied said as such, per-person journals, and a caseload
 * of symbolic links. Tests that need someone else's files skip as root; the
 * shared-server suite (tests/shared/run.sh) runs them again under other uids. */
#include "core/fileio.h"
#include "core/journal.h"
#include "core/text.h"
#include "core/user.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

TestSuite(shared, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

/* A test that needs permissions to stop the user cannot run as root. */
#define SKIP_AS_ROOT()                                                                             \
        do {                                                                                       \
                if (geteuid() == 0) {                                                              \
                        tmp_teardown();                                                            \
                        cr_skip_test("root is not stopped by permissions");                        \
                }                                                                                  \
        } while (0)

static char *tpath(const char *name)
{
        return path_join(tmpdir, name);
}

/* A gid that has no name in the group database and that the user is not in. */
static gid_t stranger_gid(void)
{
        for (gid_t g = 4242; g < 5242; g++)
                if (!getgrgid(g) && !user_in_group(g))
                        return g;
        cr_assert_fail("no free gid between 4242 and 5242");
        return 0;
}

/* Folder name made shared with the user's own (effective) group. */
static char *shared_dir(const char *name)
{
        char *d = tpath(name);
        cr_assert_eq(mkdir(d, 0700), 0);
        cr_assert_eq(chown(d, (uid_t)-1, getegid()), 0);
        cr_assert_eq(chmod(d, 02770), 0);
        return d;
}

static mode_t mode_of(const char *path)
{
        struct stat sb;
        cr_assert_eq(lstat(path, &sb), 0, "no %s", path);
        return sb.st_mode & 07777;
}

static gid_t gid_of(const char *path)
{
        struct stat sb;
        cr_assert_eq(lstat(path, &sb), 0, "no %s", path);
        return sb.st_gid;
}

static void write_text(const char *path, const char *text)
{
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f, "cannot write %s", path);
        fputs(text, f);
        fclose(f);
}

/* --- who am I ------------------------------------------------------------ */

Test(shared, login_is_the_name_or_the_number)
{
        const struct passwd *pw = getpwuid(geteuid());
        char want[64], got[64];
        if (pw)
                snprintf(want, sizeof want, "%s", pw->pw_name);
        else
                snprintf(want, sizeof want, "%lu", (unsigned long)geteuid());
        user_login(got, sizeof got);
        cr_assert_str_eq(got, want);
        char file[64], file_of[64];
        user_login_for_file(file, sizeof file);
        user_login_for_file_of(want, file_of, sizeof file_of);
        cr_assert_str_eq(file, file_of);
        char other[64];
        user_name_of(geteuid(), other, sizeof other);
        cr_assert_str_eq(other, want);
        char full[128];
        user_full_name(full, sizeof full);
        if (!pw)
                cr_assert_str_eq(full, want, "no entry: the full name is the number");
        cr_assert(*full);
}

Test(shared, login_as_it_goes_into_a_file_name)
{
        char out[64], uid[32];
        snprintf(uid, sizeof uid, "%lu", (unsigned long)geteuid());
        user_login_for_file_of("ann", out, sizeof out);
        cr_assert_str_eq(out, "ann");
        user_login_for_file_of("ann.smith_2-x", out, sizeof out);
        cr_assert_str_eq(out, "ann.smith_2-x");
        /* anything else is the number: no two logins share a file */
        static const char *const odd[] = {"DOM\\ann",  "a/b", "x y",         "..", ".hidden",
                                          "ann@north", "",    "caf\xc3\xa9", NULL};
        for (int i = 0; odd[i]; i++) {
                user_login_for_file_of(odd[i], out, sizeof out);
                cr_assert_str_eq(out, uid, "\"%s\" gave %s", odd[i], out);
        }
        user_login_for_file_of(NULL, out, sizeof out);
        cr_assert_str_eq(out, uid);
}

Test(shared, groups_by_name_or_number)
{
        gid_t g = stranger_gid(), got;
        char name[64], num[32];
        snprintf(num, sizeof num, "%lu", (unsigned long)g);
        user_group_name(g, name, sizeof name);
        cr_assert_str_eq(name, num, "a group without a name is its number");
        cr_assert_eq(user_group_parse(num, &got), 0);
        cr_assert_eq(got, g);
        cr_assert(!user_in_group(g));
        cr_assert(user_in_group(getegid()));
        user_group_name(getegid(), name, sizeof name);
        cr_assert_eq(user_group_parse(name, &got), 0);
        cr_assert_eq(got, getegid());
        cr_assert_eq(user_group_parse("no-such-group-capbook", &got), -1);
        cr_assert_eq(user_group_parse("", &got), -1);
        cr_assert_eq(user_group_parse("12abc", &got), -1);
        char *all = user_group_names();
        cr_assert(strncmp(all, name, strlen(name)) == 0, "groups: %s", all);
        free(all);
        const struct group *users = getgrgid(100);
        if (users) {
                user_group_name(100, name, sizeof name);
                cr_assert_str_eq(name, users->gr_name);
        }
}

Test(shared, why_a_permission_stops_you)
{
        gid_t g = stranger_gid();
        char gname[32], why[256];
        snprintf(gname, sizeof gname, "%lu", (unsigned long)g);
        uid_t other = geteuid() == 4099 ? 4098 : 4099;
        struct stat sb;
        memset(&sb, 0, sizeof sb);
        sb.st_uid = other;
        sb.st_gid = g;
        sb.st_mode = S_IFREG | 0660;
        user_access_why(&sb, W_OK, why, sizeof why);
        char want[128];
        snprintf(want, sizeof want, "you are not in group %s", gname);
        cr_assert_str_eq(why, want);
        sb.st_mode = S_IFDIR | 02770;
        user_access_why(&sb, R_OK | X_OK, why, sizeof why);
        cr_assert_str_eq(why, want);
        sb.st_mode = S_IFREG | 0600;
        user_access_why(&sb, W_OK, why, sizeof why);
        char owner[64];
        user_name_of(other, owner, sizeof owner);
        snprintf(want, sizeof want, "only its owner %s may write it", owner);
        cr_assert_str_eq(why, want);
        sb.st_mode = S_IFREG | 0000;
        user_access_why(&sb, R_OK, why, sizeof why);
        cr_assert_str_eq(why, "its mode (0000) lets no one read it");
        sb.st_uid = geteuid();
        sb.st_mode = S_IFREG | 0440;
        user_access_why(&sb, W_OK, why, sizeof why);
        cr_assert_str_eq(why, "you own it, but its mode (0440) does not let you write it");
        sb.st_uid = other;
        sb.st_gid = getegid();
        sb.st_mode = S_IFDIR | 02750;
        user_access_why(&sb, W_OK | X_OK, why, sizeof why);
        char mine[64];
        user_group_name(getegid(), mine, sizeof mine);
        snprintf(want, sizeof want, "its group %s may not write in it", mine);
        cr_assert_str_eq(why, want);
}

/* --- modes ----------------------------------------------------------------- */

Test(shared, new_files_in_a_shared_folder_are_0660_whatever_the_umask)
{
        char *dir = shared_dir("team");
        umask(077);
        cr_assert_eq(folder_file_mode(dir, 0600), 0660);
        char *p = path_join(dir, "report.html"), err[256];
        cr_assert_eq(file_replace(p, "x", 1, 0600, err, sizeof err), 0, "%s", err);
        cr_assert_eq(mode_of(p), 0660, "mode %o", mode_of(p));
        cr_assert_eq(gid_of(p), getegid());
        char *priv = tpath("private"), *q = path_join(priv, "report.html");
        cr_assert_eq(mkdir(priv, 0700), 0);
        cr_assert_eq(folder_file_mode(priv, 0600), 0600);
        cr_assert_eq(folder_file_mode(priv, 0644), 0640, "never world bits");
        cr_assert_eq(file_replace(q, "x", 1, 0600, err, sizeof err), 0, "%s", err);
        cr_assert_eq(mode_of(q), 0600);
        /* a folder that is setgid but not group-writable is not shared */
        cr_assert_eq(chmod(priv, 02750), 0);
        cr_assert_eq(folder_file_mode(priv, 0600), 0600);
        free(p), free(q), free(dir), free(priv);
}

Test(shared, folder_created_shared_or_private)
{
        umask(077);
        char *s = tpath("s"), *p = tpath("p"), err[256];
        gid_t g = getegid();
        cr_assert_eq(folder_create(s, &g, err, sizeof err), 0, "%s", err);
        cr_assert_eq(mode_of(s), 02770, "mode %o", mode_of(s));
        cr_assert_eq(gid_of(s), g);
        cr_assert_eq(folder_create(p, NULL, err, sizeof err), 0, "%s", err);
        cr_assert_eq(mode_of(p), 0700);
        free(s), free(p);
}

Test(shared, a_shared_workbook_is_made_for_the_group)
{
        umask(077);
        char *dir = tpath("wb"), name[64];
        user_group_name(getegid(), name, sizeof name);
        struct wb_options o = {0600, false};
        struct diag d = {0};
        cr_assert_eq(workbook_create_shared(dir, "Ann", "manager", "AC", NULL, &o, name, &d), 0,
                     "%s", first_msg(&d));
        cr_assert_eq(mode_of(dir), 02770, "folder mode %o", mode_of(dir));
        cr_assert_eq(gid_of(dir), getegid());
        static const char *const files[] = {"workbook.ini", "evidence.csv", "units.csv",
                                            "sessions.csv", "actions.csv"};
        for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
                char *p = path_join(dir, files[i]);
                cr_assert_eq(mode_of(p), 0660, "%s: mode %o", files[i], mode_of(p));
                cr_assert_eq(gid_of(p), getegid(), "%s", files[i]);
                free(p);
        }
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, &o, &d), 0, "%s", first_msg(&d));
        cr_assert(wb.shared);
        cr_assert_eq(wb_file_mode(&wb), 0660, "shared wins over file_mode 0600");
        cr_assert_eq(wb.file_mode, 0660);
        char why[256];
        cr_assert(!workbook_readonly_reason(&wb, why, sizeof why), "read-only: %s", why);
        workbook_free(&wb);
        /* a private one keeps the configured mode */
        char *priv = tpath("mine");
        struct wb_options o2 = {0640, false};
        cr_assert_eq(workbook_create(priv, "Bob", "manager", "AC", NULL, &o2, &d), 0);
        cr_assert_eq(mode_of(priv), 0700);
        char *ev = path_join(priv, "evidence.csv");
        cr_assert_eq(mode_of(ev), 0640);
        cr_assert_eq(workbook_open(&wb, priv, &o2, &d), 0);
        cr_assert(!wb.shared);
        cr_assert_eq(wb_file_mode(&wb), 0640);
        workbook_free(&wb);
        free(dir), free(priv), free(ev);
        diag_free(&d);
}

Test(shared, a_group_that_is_not_yours_or_not_there_is_refused)
{
        char *dir = tpath("wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create_shared(dir, "Ann", "manager", "AC", NULL, NULL,
                                            "no-such-group-capbook", &d),
                     -1);
        cr_assert(strstr(first_msg(&d), "no group \"no-such-group-capbook\""), "%s", first_msg(&d));
        cr_assert(!path_exists(dir), "nothing made for a refused group");
        diag_free(&d);
        SKIP_AS_ROOT(); /* root may give a folder to any group */
        char num[32];
        snprintf(num, sizeof num, "%lu", (unsigned long)stranger_gid());
        cr_assert_eq(workbook_create_shared(dir, "Ann", "manager", "AC", NULL, NULL, num, &d), -1);
        char want[64];
        snprintf(want, sizeof want, "you are not in group %s", num);
        cr_assert(strstr(first_msg(&d), want), "%s", first_msg(&d));
        cr_assert(!path_exists(dir));
        diag_free(&d);
        free(dir);
}

Test(shared, a_save_keeps_the_sheets_group_and_mode)
{
        char *dir = shared_dir("wb");
        char *ev = path_join(dir, "evidence.csv");
        write_text(ev, "id,status,date,ref,summary\nE1,actual,2026-01-10,R,one\n");
        cr_assert_eq(chmod(ev, 0640), 0, "a member may keep a sheet from the group's edits");
        umask(077);
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0, "%s", first_msg(&d));
        struct new_entry ne = {"actual", NULL, "R2", "two", NULL, NULL, NULL, NULL};
        char *id = wb_add_entry(&wb, &ne, &d);
        cr_assert_str_eq(id, "E2");
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert_eq(mode_of(ev), 0640, "mode %o", mode_of(ev));
        cr_assert_eq(gid_of(ev), getegid());
        /* a new sheet in the same save is the group's */
        char *units = path_join(dir, "units.csv");
        wb_set(&wb, WB_UNITS, "A1", "status", "planned");
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert_eq(mode_of(units), 0660);
        workbook_free(&wb);
        free(id), free(ev), free(units), free(dir);
        diag_free(&d);
}

/* --- permission denied ------------------------------------------------------ */

Test(shared, a_file_you_may_not_write_is_not_replaced)
{
        SKIP_AS_ROOT();
        char *p = tpath("evidence.csv"), err[256];
        write_text(p, "id\nE1\n");
        cr_assert_eq(chmod(p, 0440), 0);
        cr_assert_eq(file_replace(p, "id\n", 3, 0600, err, sizeof err), -1);
        cr_assert(strstr(err, "permission denied (you own it, but its mode (0440)"), "%s", err);
        size_t len;
        char *data;
        cr_assert_eq(file_read(p, &data, &len, NULL), 0);
        cr_assert_str_eq(data, "id\nE1\n");
        free(data), free(p);
}

Test(shared, a_save_refused_by_permissions_says_so)
{
        SKIP_AS_ROOT();
        char *dir = tpath("wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Ann", "manager", "AC", NULL, NULL, &d), 0);
        char *ev = path_join(dir, "evidence.csv");
        cr_assert_eq(chmod(ev, 0400), 0);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0, "%s", first_msg(&d));
        char why[256];
        cr_assert(workbook_readonly_reason(&wb, why, sizeof why));
        cr_assert_str_eq(why, "evidence.csv is not writable by you (you own it, but its mode "
                              "(0400) does not let you write it)");
        struct new_entry ne = {"actual", NULL, "R", "one", NULL, NULL, NULL, NULL};
        free(wb_add_entry(&wb, &ne, &d));
        diag_clear(&d);
        cr_assert_eq(workbook_save(&wb, &d), -1);
        cr_assert_str_eq(d.v[0].file, ev);
        cr_assert(strncmp(d.v[0].msg, "permission denied (", 19) == 0, "%s", d.v[0].msg);
        workbook_free(&wb);
        /* the folder itself */
        cr_assert_eq(chmod(ev, 0600), 0);
        cr_assert_eq(chmod(dir, 0500), 0);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        cr_assert(workbook_readonly_reason(&wb, why, sizeof why));
        cr_assert(strstr(why, "does not let you write in it"), "%s", why);
        workbook_free(&wb);
        cr_assert_eq(chmod(dir, 0700), 0);
        free(ev), free(dir);
        diag_free(&d);
}

Test(shared, a_folder_you_may_not_read_is_permission_denied_not_missing)
{
        SKIP_AS_ROOT();
        char *dir = tpath("wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Ann", "manager", "AC", NULL, NULL, &d), 0);
        diag_clear(&d);
        cr_assert_eq(chmod(dir, 0000), 0);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), -1);
        cr_assert_str_eq(d.v[0].file, dir);
        cr_assert(strncmp(d.v[0].msg, "permission denied", 17) == 0, "%s", d.v[0].msg);
        cr_assert(!strstr(d.v[0].msg, "not a workbook"));
        diag_clear(&d);
        /* a path through it: the folder that stops the user is named */
        char *ev = path_join(dir, "evidence.csv");
        cr_assert_eq(workbook_open(&wb, ev, NULL, &d), -1);
        cr_assert(strstr(d.v[0].msg, "permission denied (cannot look into"), "%s", d.v[0].msg);
        diag_clear(&d);
        cr_assert_eq(chmod(dir, 0700), 0);
        /* the evidence sheet alone */
        cr_assert_eq(chmod(ev, 0200), 0);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), -1);
        cr_assert_str_eq(d.v[0].file, ev);
        cr_assert(strncmp(d.v[0].msg, "permission denied", 17) == 0, "%s", d.v[0].msg);
        cr_assert_eq(chmod(ev, 0600), 0);
        free(ev), free(dir);
        diag_free(&d);
}

/* --- journals ----------------------------------------------------------------- */

static void journal_one_edit(const char *dir, const char *id)
{
        struct journal j;
        journal_init(&j, dir, 0660);
        struct wb_edit e = {WB_EVIDENCE, (char *)id, "summary", NULL, "typed", 1, false, false};
        cr_assert_eq(journal_edit(&j, &e, false), 0);
        journal_close(&j); /* left behind, as by a session that was killed */
}

Test(shared, each_person_has_a_private_journal)
{
        char want[128], login[64], tag[64];
        user_login(login, sizeof login);
        user_login_for_file(tag, sizeof tag);
        snprintf(want, sizeof want, ".capbook-journal-%s.csv", tag);
        cr_assert_str_eq(journal_file(), want);
        cr_assert_str_eq(JOURNAL_FILE, want);
        char *dir = shared_dir("wb");
        umask(0);
        journal_one_edit(dir, "E1");
        char *p = path_join(dir, want);
        cr_assert_eq(mode_of(p), 0600, "0600 even in a shared folder: %o", mode_of(p));
        struct stat sb;
        cr_assert_eq(stat(p, &sb), 0);
        cr_assert_eq(sb.st_uid, geteuid());
        struct journal_pending jp;
        struct diag d = {0};
        cr_assert(journal_pending_read(dir, &jp, &d));
        cr_assert_eq(jp.nedits, 1);
        cr_assert_str_eq(jp.user, login, "records name the login (or uid number)");
        journal_pending_free(&jp);
        struct journal_other *o;
        cr_assert_eq(journal_others_pending(dir, &o), 0, "your own is not someone else's");
        free(o), free(p), free(dir);
        diag_free(&d);
}

Test(shared, the_old_journal_moves_to_its_owners_name)
{
        char *dir = tpath("wb");
        cr_assert_eq(mkdir(dir, 0700), 0);
        journal_one_edit(dir, "E7");
        char *own = path_join(dir, journal_file()), *old = path_join(dir, JOURNAL_LEGACY_FILE);
        cr_assert_eq(rename(own, old), 0);
        struct journal_pending jp;
        struct diag d = {0};
        cr_assert(journal_pending_read(dir, &jp, &d), "%s", first_msg(&d));
        cr_assert_eq(jp.nedits, 1);
        cr_assert_str_eq(jp.edits[0].id, "E7");
        journal_pending_free(&jp);
        cr_assert(path_exists(own));
        cr_assert(!path_exists(old), "moved, not copied");
        free(own), free(old), free(dir);
        diag_free(&d);
}

Test(shared, an_old_journal_in_a_folder_you_may_not_write_is_read_where_it_is)
{
        SKIP_AS_ROOT();
        char *dir = tpath("wb");
        cr_assert_eq(mkdir(dir, 0700), 0);
        journal_one_edit(dir, "E8");
        char *own = path_join(dir, journal_file()), *old = path_join(dir, JOURNAL_LEGACY_FILE);
        cr_assert_eq(rename(own, old), 0);
        cr_assert_eq(chmod(dir, 0500), 0);
        struct journal_pending jp;
        struct diag d = {0};
        cr_assert(journal_pending_read(dir, &jp, &d), "still reported: %s", first_msg(&d));
        cr_assert_eq(jp.nedits, 1);
        journal_pending_free(&jp);
        cr_assert(path_exists(old));
        cr_assert_eq(chmod(dir, 0700), 0);
        free(own), free(old), free(dir);
        diag_free(&d);
}

Test(shared, an_old_journal_of_someone_else_is_theirs)
{
        if (geteuid() != 0) {
                tmp_teardown();
                cr_skip_test("needs root to give a file to another uid");
        }
        char *dir = tpath("wb");
        cr_assert_eq(mkdir(dir, 0755), 0);
        char *old = path_join(dir, JOURNAL_LEGACY_FILE);
        write_text(old, "kind,time,user,host,sheet,id,col,before,after\n"
                        "edit,2026-01-15 10:00:00,ann,h,evidence.csv,E1,summary,,theirs\n");
        cr_assert_eq(chown(old, 4001, 4001), 0);
        struct journal_pending jp;
        struct diag d = {0};
        cr_assert(!journal_pending_read(dir, &jp, &d), "not read: not yours");
        cr_assert(path_exists(old), "and not moved");
        struct journal_other *o;
        cr_assert_eq(journal_others_pending(dir, &o), 1);
        cr_assert_eq(o[0].uid, 4001);
        char who[64];
        user_name_of(4001, who, sizeof who);
        cr_assert_str_eq(o[0].who, who);
        free(o);
        /* a journal under your name that someone else owns is not read either */
        char *own = path_join(dir, journal_file());
        cr_assert_eq(rename(old, own), 0);
        cr_assert(!journal_pending_read(dir, &jp, &d));
        cr_assert(strstr(first_msg(&d), "a recovery journal under your name that"), "%s",
                  first_msg(&d));
        free(own), free(old), free(dir);
        diag_free(&d);
}

static void set_mtime(const char *path, int day, int hour, int min)
{
        struct tm tm = {0};
        tm.tm_year = 2026 - 1900;
        tm.tm_mon = 0;
        tm.tm_mday = day;
        tm.tm_hour = hour;
        tm.tm_min = min;
        tm.tm_isdst = -1;
        struct timespec ts[2] = {{mktime(&tm), 0}, {mktime(&tm), 0}};
        cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

Test(shared, other_members_pending_journals_are_named_by_owner_and_time)
{
        char *dir = tpath("wb");
        cr_assert_eq(mkdir(dir, 0700), 0);
        journal_one_edit(dir, "E1"); /* ours: not listed */
        char *a = path_join(dir, ".capbook-journal-zed.csv");
        char *b = path_join(dir, ".capbook-journal-amy.csv");
        char *c = path_join(dir, ".capbook-journal.discarded-20260101-100000.csv");
        /* the content says someone else: only the file's owner counts */
        write_text(a, "kind,time,user\nedit,2026-01-15 10:00:00,mallory\n");
        write_text(b, "");
        write_text(c, "");
        set_mtime(a, 15, 10, 5); /* CAPBOOK_TODAY is 2026-01-15 */
        set_mtime(b, 14, 9, 30);
        struct journal_other *o;
        cr_assert_eq(journal_others_pending(dir, &o), 2);
        char line[160], want[160], login[64];
        user_login(login, sizeof login);
        journal_other_describe(&o[0], line, sizeof line);
        snprintf(want, sizeof want, "%s has unsaved edits pending since 2026-01-14 09:30", login);
        cr_assert_str_eq(line, want);
        journal_other_describe(&o[1], line, sizeof line);
        snprintf(want, sizeof want, "%s has unsaved edits pending since 10:05", login);
        cr_assert_str_eq(line, want);
        free(o), free(a), free(b), free(c), free(dir);
}

/* For tests/shared/run.sh: each member leaves a journal in one shared folder
 * (CAPBOOK_TEST_SHARED_DIR) and sees only their own as theirs, and the others
 * (CAPBOOK_TEST_OTHERS, logins separated by spaces) as someone else's. */
Test(shared, journals_apart_in_one_folder)
{
        const char *dir = getenv("CAPBOOK_TEST_SHARED_DIR");
        if (!dir) {
                tmp_teardown();
                cr_skip_test("run by tests/shared/run.sh as each member in turn");
        }
        journal_one_edit(dir, "E9");
        struct journal_pending jp;
        struct diag d = {0};
        cr_assert(journal_pending_read(dir, &jp, &d), "%s", first_msg(&d));
        cr_assert_eq(jp.nedits, 1, "only your own edits: %zu", jp.nedits);
        char login[64];
        user_login(login, sizeof login);
        cr_assert_str_eq(jp.user, login);
        journal_pending_free(&jp);
        struct journal_other *o;
        size_t n = journal_others_pending(dir, &o);
        struct buf got = {0};
        for (size_t i = 0; i < n; i++)
                buf_printf(&got, "%s%s", i ? " " : "", o[i].who);
        const char *want = getenv("CAPBOOK_TEST_OTHERS");
        cr_assert_str_eq(buf_str(&got), want ? want : "");
        buf_free(&got);
        free(o);
        diag_free(&d);
}

/* --- caseload ------------------------------------------------------------------ */

static char *make_wb(const char *name)
{
        char *dir = tpath(name);
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, name, "manager", "AC", NULL, NULL, &d), 0, "%s",
                     first_msg(&d));
        diag_free(&d);
        return dir;
}

Test(shared, a_caseload_of_symbolic_links)
{
        char *ann = make_wb("ann"), *bob = make_wb("bob");
        char *cl = tpath("caseload");
        cr_assert_eq(mkdir(cl, 0700), 0);
        char *l1 = path_join(cl, "ann"), *l2 = path_join(cl, "bob"), *l3 = path_join(cl, "gone");
        char *l4 = path_join(cl, "notes.txt"), *plain = path_join(cl, "minutes");
        cr_assert_eq(symlink(ann, l1), 0);
        cr_assert_eq(symlink("../bob", l2), 0, "a relative link too");
        cr_assert_eq(symlink("/nonexistent/capbook-wb", l3), 0);
        char *notes = tpath("notes.txt");
        write_text(notes, "x");
        cr_assert_eq(symlink(notes, l4), 0);
        cr_assert_eq(mkdir(plain, 0700), 0);
        cr_assert(workbook_is_caseload(cl));
        struct caseload_entry *v;
        size_t n = workbook_caseload(cl, &v);
        cr_assert_eq(n, 3, "ann, bob and the broken link: %zu", n);
        cr_assert_str_eq(v[0].dir, l1);
        cr_assert_eq(v[0].access, WB_ACCESS_WRITE, "%s", v[0].why);
        cr_assert_str_eq(v[1].dir, l2);
        cr_assert_eq(v[1].access, WB_ACCESS_WRITE);
        cr_assert_str_eq(v[2].dir, l3);
        cr_assert_eq(v[2].access, WB_ACCESS_NONE);
        cr_assert(strstr(v[2].why, "which is not there"), "%s", v[2].why);
        workbook_caseload_free(v, n);
        /* each opens through its link */
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, l2, NULL, &d), 0, "%s", first_msg(&d));
        cr_assert_str_eq(wb.name, "bob");
        workbook_free(&wb);
        diag_free(&d);
        /* links that lead nowhere do not make a caseload */
        cr_assert_eq(unlink(l1), 0);
        cr_assert_eq(unlink(l2), 0);
        cr_assert(!workbook_is_caseload(cl));
        free(ann), free(bob), free(cl), free(l1), free(l2), free(l3), free(l4), free(plain);
        free(notes);
}

Test(shared, a_caseload_says_whom_you_may_only_read)
{
        SKIP_AS_ROOT();
        char *ann = make_wb("ann"), *bob = make_wb("bob"), *cy = make_wb("cy");
        char *cl = tpath("caseload");
        cr_assert_eq(mkdir(cl, 0700), 0);
        const char *names[] = {"ann", "bob", "cy"};
        char *dirs[] = {ann, bob, cy};
        for (int i = 0; i < 3; i++) {
                char *l = path_join(cl, names[i]);
                cr_assert_eq(symlink(dirs[i], l), 0);
                free(l);
        }
        char *bob_ev = path_join(bob, "evidence.csv");
        cr_assert_eq(chmod(bob_ev, 0400), 0);
        cr_assert_eq(chmod(cy, 0000), 0);
        struct caseload_entry *v;
        size_t n = workbook_caseload(cl, &v);
        cr_assert_eq(n, 3);
        cr_assert_eq(v[0].access, WB_ACCESS_WRITE, "%s", v[0].why);
        cr_assert_eq(v[1].access, WB_ACCESS_READ);
        cr_assert(strstr(v[1].why, "evidence.csv is not writable by you"), "%s", v[1].why);
        cr_assert_eq(v[2].access, WB_ACCESS_NONE);
        cr_assert(strstr(v[2].why, "does not let you look into it"), "%s", v[2].why);
        workbook_caseload_free(v, n);
        char **list;
        n = workbook_list_caseload(cl, &list);
        cr_assert_eq(n, 3, "the one you may not read is listed too");
        for (size_t i = 0; i < n; i++)
                free(list[i]);
        free(list);
        cr_assert_eq(chmod(cy, 0700), 0);
        free(ann), free(bob), free(cy), free(cl), free(bob_ev);
}
