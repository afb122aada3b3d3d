/* test_fileio.c — what a read refuses: a FIFO (without hanging on it), a folder,
 * a socket, a device, a symbolic link inside the workbook folder, and a file over
 * the size limit; and the workbook's own files refused in the same way. */
#include "core/fileio.h"
#include "core/sheet.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static void teardown(void)
{
        file_set_max_size(0);
        tmp_teardown();
}

/* the timeout is the test of "never blocks": a FIFO opened for reading without
 * O_NONBLOCK waits for a writer for ever */
TestSuite(fileio, .init = tmp_setup, .fini = teardown, .timeout = 30);

static char *in_tmp(const char *name)
{
        return path_join(tmpdir, name);
}

static void write_text(const char *path, const char *text)
{
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f, "cannot write %s", path);
        fputs(text, f);
        fclose(f);
}

static int read_errno(const char *path, unsigned flags, unsigned long long max)
{
        char *data = NULL;
        size_t len;
        struct stat sb;
        errno = 0;
        if (file_read_all(path, flags, max, &data, &len, &sb) == 0) {
                free(data);
                return 0;
        }
        return errno;
}

Test(fileio, fifo_is_refused_without_blocking)
{
        char *p = in_tmp("fifo");
        cr_assert_eq(mkfifo(p, 0600), 0);
        cr_assert_eq(read_errno(p, 0, 0), FILE_E_NOTREG);
        cr_assert_eq(read_errno(p, FILE_NOFOLLOW, 0), FILE_E_NOTREG);
        cr_assert_str_eq(file_strerror(FILE_E_NOTREG), "not a regular file");
        free(p);
}

Test(fileio, folder_socket_and_device_are_refused)
{
        char *dir = in_tmp("folder");
        cr_assert_eq(mkdir(dir, 0700), 0);
        cr_assert_eq(read_errno(dir, 0, 0), FILE_E_NOTREG);
        char *sock = in_tmp("sock");
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        cr_assert_geq(s, 0);
        struct sockaddr_un addr = {.sun_family = AF_UNIX};
        cr_assert_lt(strlen(sock), sizeof addr.sun_path);
        strcpy(addr.sun_path, sock);
        cr_assert_eq(bind(s, (struct sockaddr *)&addr, sizeof addr), 0);
        cr_assert_eq(read_errno(sock, 0, 0), FILE_E_NOTREG);
        close(s);
        cr_assert_eq(read_errno("/dev/zero", 0, 0), FILE_E_NOTREG, "/dev/zero was read");
        cr_assert_eq(read_errno("/dev/null", 0, 0), FILE_E_NOTREG);
        free(dir), free(sock);
}

Test(fileio, symbolic_link_refused_only_when_asked)
{
        char *target = in_tmp("target"), *link = in_tmp("link");
        write_text(target, "words\n");
        cr_assert_eq(symlink(target, link), 0);
        cr_assert_eq(read_errno(link, FILE_NOFOLLOW, 0), FILE_E_SYMLINK);
        cr_assert_str_eq(file_strerror(FILE_E_SYMLINK), "is a symbolic link");
        cr_assert_eq(read_errno(link, 0, 0), 0, "a link is followed without FILE_NOFOLLOW");
        char *zero = in_tmp("zero");
        cr_assert_eq(symlink("/dev/zero", zero), 0);
        cr_assert_eq(read_errno(zero, FILE_NOFOLLOW, 0), FILE_E_SYMLINK);
        cr_assert_eq(read_errno(zero, 0, 0), FILE_E_NOTREG);
        free(target), free(link), free(zero);
}

Test(fileio, size_limit)
{
        char *p = in_tmp("big");
        write_text(p, "0123456789");
        cr_assert_eq(read_errno(p, 0, 10), 0);
        cr_assert_eq(read_errno(p, 0, 9), FILE_E_TOOBIG);
        file_set_max_size(9);
        cr_assert_eq(file_max_size(), 9);
        cr_assert_eq(read_errno(p, 0, 0), FILE_E_TOOBIG, "the process-wide limit is not used");
        file_set_max_size(0);
        cr_assert_eq(file_max_size(), FILE_MAX_SIZE_DEFAULT);
        cr_assert_eq(read_errno(p, 0, 0), 0);
        char t[32];
        file_size_text(4ULL << 30, t, sizeof t);
        cr_assert_str_eq(t, "4 GiB");
        file_size_text(1536, t, sizeof t);
        cr_assert_str_eq(t, "1.5 KiB");
        file_size_text(100, t, sizeof t);
        cr_assert_str_eq(t, "100 bytes");
        free(p);
}

/* A folder holding a workbook whose evidence.csv is made by make_evidence. */
static char *workbook_with(void (*make_evidence)(const char *path))
{
        char *dir = in_tmp("wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Test Candidate", "manager", "AC", NULL, NULL, &d), 0,
                     "workbook_create: %s", first_msg(&d));
        diag_free(&d);
        char *ev = path_join(dir, "evidence.csv");
        cr_assert_eq(unlink(ev), 0);
        make_evidence(ev);
        free(ev);
        return dir;
}

static void open_refused(const char *dir, const char *want)
{
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), -1, "an unusable evidence.csv opened");
        bool said = false;
        for (size_t i = 0; i < d.n; i++)
                if (strstr(d.v[i].file, "evidence.csv") && strcmp(d.v[i].msg, want) == 0)
                        said = true;
        cr_assert(said, "no \"evidence.csv: %s\" (first: %s)", want, first_msg(&d));
        cr_assert_null(wb.dir, "a refused open left memory behind");
        diag_free(&d);
}

static void make_fifo(const char *p)
{
        cr_assert_eq(mkfifo(p, 0600), 0);
}

static void make_folder(const char *p)
{
        cr_assert_eq(mkdir(p, 0700), 0);
}

static void make_passwd_link(const char *p)
{
        cr_assert_eq(symlink("/etc/passwd", p), 0);
}

Test(fileio, workbook_refuses_special_evidence)
{
        char *dir = workbook_with(make_fifo);
        open_refused(dir, "not a regular file");
        free(dir);
}

Test(fileio, workbook_refuses_folder_as_evidence)
{
        char *dir = workbook_with(make_folder);
        open_refused(dir, "not a regular file");
        free(dir);
}

/* nothing of what the link points to is read, so nothing of it can be echoed */
Test(fileio, workbook_refuses_linked_evidence)
{
        char *dir = workbook_with(make_passwd_link);
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), -1);
        for (size_t i = 0; i < d.n; i++)
                cr_assert_null(strstr(d.v[i].msg, "root:"), "echoed: %s", d.v[i].msg);
        diag_free(&d);
        open_refused(dir, "is a symbolic link");
        free(dir);
}

Test(fileio, workbook_sheet_over_the_limit)
{
        char *dir = in_tmp("wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Test Candidate", "manager", "AC", NULL, NULL, &d), 0);
        file_set_max_size(16);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), -1);
        bool said = false;
        for (size_t i = 0; i < d.n; i++)
                said |= strstr(d.v[i].msg, "too big to open") && strstr(d.v[i].msg, "16 bytes") &&
                        strstr(d.v[i].msg, "max_file_size");
        cr_assert(said, "no message naming the limit (first: %s)", first_msg(&d));
        diag_free(&d);
        free(dir);
}

/* A workbook folder named through a link is opened at its real path; inside it
 * a linked units.csv is refused and never written through. */
Test(fileio, linked_folder_followed_linked_sheet_not)
{
        char *dir = in_tmp("real");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Test Candidate", "manager", "AC", NULL, NULL, &d), 0);
        char *link = in_tmp("link");
        cr_assert_eq(symlink(dir, link), 0);
        char *units = path_join(dir, "units.csv"), *elsewhere = in_tmp("units-elsewhere.csv");
        cr_assert_eq(rename(units, elsewhere), 0);
        cr_assert_eq(symlink(elsewhere, units), 0);
        char *before;
        size_t blen;
        cr_assert_eq(file_read(elsewhere, &before, &blen, NULL), 0);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, link, NULL, &d), 0, "%s", first_msg(&d));
        char *real = realpath(dir, NULL);
        cr_assert_str_eq(wb.dir, real);
        cr_assert_not(wb.sheets[WB_UNITS].loaded, "a linked units.csv was read");
        wb_set(&wb, WB_UNITS, "A2", "status", "planned");
        struct diag sd = {0};
        (void)workbook_save(&wb, &sd);
        char *after;
        size_t alen;
        cr_assert_eq(file_read(elsewhere, &after, &alen, NULL), 0);
        cr_assert(alen == blen && memcmp(before, after, blen) == 0, "written through the link");
        struct stat ls;
        cr_assert_eq(lstat(units, &ls), 0);
        cr_assert(S_ISLNK(ls.st_mode), "the link was replaced");
        workbook_free(&wb);
        diag_free(&d), diag_free(&sd);
        free(before), free(after), free(real), free(units), free(elsewhere), free(link), free(dir);
}
