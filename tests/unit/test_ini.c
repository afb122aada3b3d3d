/* test_ini.c — the iniparser wrapper: BOM and CRLF, FILE:LINE: for syntax
 * errors with nothing on stderr, checked numbers and booleans, and the
 * iniparser 4.1 crash input; writing keys back with everything else kept. */
#include "core/ini.h"
#include "core/fileio.h"
#include "core/text.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *files[16];
static size_t nfiles;

static void teardown(void)
{
        for (size_t i = 0; i < nfiles; i++) {
                unlink(files[i]);
                free(files[i]);
        }
        nfiles = 0;
        tmp_teardown();
}

TestSuite(ini, .init = tmp_setup, .fini = teardown, .timeout = 30);

static const char *ini_file(const char *name, const char *text, size_t len)
{
        char *p = path_join(tmpdir, name);
        FILE *f = fopen(p, "wb");
        cr_assert_not_null(f);
        cr_assert_eq(fwrite(text, 1, len, f), len);
        fclose(f);
        cr_assert_lt(nfiles, 16);
        files[nfiles++] = p;
        return p;
}

#define INI_FILE(name, lit) ini_file((name), (lit), sizeof(lit) - 1)

static const struct diag_item *find_line(const struct diag *d, unsigned line)
{
        for (size_t i = 0; i < d->n; i++)
                if (d->v[i].line == line)
                        return &d->v[i];
        return NULL;
}

Test(ini, bom_and_crlf)
{
        const char *p =
            INI_FILE("bom.ini", "\xef\xbb\xbf; a comment\r\n[Candidate]\r\nname = Freda\r\n"
                                "stage=AC\r\n\r\n[frameworks]\r\nmapping = \"own map\"\r\n");
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, false, &d), 0);
        cr_assert_eq(d.n, 0, "unexpected: %s", d.n ? d.v[0].msg : "");
        cr_assert_str_eq(ini_get(&ini, "candidate:name"), "Freda");
        cr_assert_str_eq(ini_get(&ini, "Candidate:Name"), "Freda", "keys are case-insensitive");
        cr_assert_str_eq(ini_get(&ini, "candidate:stage"), "AC", "no CR left on the value");
        cr_assert_str_eq(ini_get(&ini, "frameworks:mapping"), "own map");
        cr_assert_null(ini_get(&ini, "candidate:award"));
        cr_assert_eq(ini_line(&ini, "candidate:name"), 3);
        cr_assert_eq(ini_line(&ini, "frameworks:mapping"), 7);
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, missing_file)
{
        struct ini ini;
        struct diag d = {0};
        char *p = path_join(tmpdir, "nope.ini");
        cr_assert_eq(ini_load(&ini, p, true, &d), -1);
        cr_assert_eq(d.n, 0, "quiet_missing gives no message");
        ini_free(&ini);
        cr_assert_eq(ini_load(&ini, p, false, &d), -1);
        cr_assert_eq(d.n, 1);
        ini_free(&ini);
        free(p);
        diag_free(&d);
}

Test(ini, syntax_error_is_file_line_and_quiet, .init = cr_redirect_stderr)
{
        const char *p = INI_FILE("bad.ini", "[a]\nb = 1\nthis line is wrong\nc = 2\n");
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, false, &d), -1);
        cr_assert_geq(d.n, 1);
        const struct diag_item *it = find_line(&d, 3);
        cr_assert_not_null(it, "no message for line 3 (first: line %u: %s)", d.v[0].line,
                           d.v[0].msg);
        cr_assert_eq(it->level, DIAG_ERROR);
        char *s = diag_format(it);
        char want[128];
        snprintf(want, sizeof want, "%s:3: ", p);
        cr_assert(strncmp(s, want, strlen(want)) == 0, "formatted as \"%s\"", s);
        free(s);
        ini_free(&ini);
        diag_free(&d);
        fflush(stderr);
        cr_assert_stderr_eq_str("");
}

Test(ini, syntax_error_after_bom_and_crlf_keeps_line, .init = cr_redirect_stderr)
{
        const char *p = INI_FILE("bad2.ini", "\xef\xbb\xbf[a]\r\nb = 1\r\n\r\n[c\r\n");
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, false, &d), -1);
        cr_assert_not_null(find_line(&d, 4), "no message for line 4 (first: line %u: %s)",
                           d.n ? d.v[0].line : 0, d.n ? d.v[0].msg : "");
        ini_free(&ini);
        diag_free(&d);
        fflush(stderr);
        cr_assert_stderr_eq_str("");
}

Test(ini, get_long_checks)
{
        const char *p = INI_FILE("n.ini", "[x]\n"
                                          "a = 12abc\n"
                                          "b = 0x\n"
                                          "c = 99999999999999999999\n"
                                          "d = 42\n"
                                          "e = 500\n"
                                          "f = -3\n"
                                          "g =\n"
                                          "h = 7 \n");
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, false, &d), 0);
        cr_assert_eq(d.n, 0);
        static const struct {
                const char *key;
                unsigned line;
        } bad[] = {{"x:a", 2}, {"x:b", 3}, {"x:c", 4}, {"x:e", 6}, {"x:f", 7}};
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
                diag_clear(&d);
                cr_assert_eq(ini_get_long(&ini, bad[i].key, 25, 0, 100, &d), 25, "%s", bad[i].key);
                cr_assert_eq(d.n, 1, "%s: want one message", bad[i].key);
                cr_assert_eq(d.v[0].line, bad[i].line, "%s: line %u", bad[i].key, d.v[0].line);
                cr_assert_str_eq(d.v[0].file, p);
                cr_assert(strstr(d.v[0].msg, "bad value"), "%s: %s", bad[i].key, d.v[0].msg);
        }
        diag_clear(&d);
        cr_assert_eq(ini_get_long(&ini, "x:d", 25, 0, 100, &d), 42);
        cr_assert_eq(ini_get_long(&ini, "x:g", 25, 0, 100, &d), 25, "empty: the default");
        cr_assert_eq(ini_get_long(&ini, "x:h", 25, 0, 100, &d), 7);
        cr_assert_eq(ini_get_long(&ini, "x:missing", 25, 0, 100, &d), 25);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(ini_get_long(NULL, "x:d", 9, 0, 100, &d), 9, "no file: the default");
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, get_bool_words)
{
        const char *p = INI_FILE("b.ini", "[ui]\n"
                                          "a = yes\nb = no\nc = on\nd = off\ne = true\nf = false\n"
                                          "g = TRUE\nh = maybe\n");
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, false, &d), 0);
        cr_assert_eq(ini_get_bool(&ini, "ui:a", false, &d), true);
        cr_assert_eq(ini_get_bool(&ini, "ui:b", true, &d), false);
        cr_assert_eq(ini_get_bool(&ini, "ui:c", false, &d), true);
        cr_assert_eq(ini_get_bool(&ini, "ui:d", true, &d), false);
        cr_assert_eq(ini_get_bool(&ini, "ui:e", false, &d), true);
        cr_assert_eq(ini_get_bool(&ini, "ui:f", true, &d), false);
        cr_assert_eq(ini_get_bool(&ini, "ui:g", false, &d), true);
        cr_assert_eq(ini_get_bool(&ini, "ui:missing", true, &d), true);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(ini_get_bool(&ini, "ui:h", true, &d), true, "bad value: the default");
        cr_assert_eq(d.n, 1);
        cr_assert_eq(d.v[0].line, 9);
        cr_assert(strstr(d.v[0].msg, "bad value"));
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, get_choice)
{
        const char *p = INI_FILE("c.ini", "[ui]\ncolor = Never\nother = purple\n");
        static const char *const choices[] = {"auto", "always", "never", NULL};
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, false, &d), 0);
        cr_assert_eq(ini_get_choice(&ini, "ui:color", choices, 0, &d), 2);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(ini_get_choice(&ini, "ui:other", choices, 0, &d), 0);
        cr_assert_eq(d.n, 1);
        cr_assert_eq(d.v[0].line, 3);
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, iniparser_41_crash_input, .init = cr_redirect_stderr)
{
        const char *p = INI_FILE("crash.ini", "[a]\nb = 1\n[a:b]\n");
        struct ini ini;
        struct diag d = {0};
        int rc = ini_load(&ini, p, false, &d);
        if (rc == 0) {
                const char *v = ini_get(&ini, "a:b");
                cr_assert(v == NULL || strcmp(v, "1") == 0, "a:b gave \"%s\"", v);
                (void)ini_get(&ini, "a:b:b");
                (void)ini_get(&ini, "a");
                (void)ini_get_long(&ini, "a:b", 1, 0, 10, &d);
                (void)ini_get_bool(&ini, "a:b", false, &d);
                static const char *const ch[] = {"x", NULL};
                (void)ini_get_choice(&ini, "a:b", ch, 0, &d);
                (void)ini_line(&ini, "a:b");
        }
        ini_free(&ini);
        diag_free(&d);
        fflush(stderr);
        cr_assert_stderr_eq_str("");
}

Test(ini, nul_bytes_refused)
{
        const char *p = ini_file("nul.ini", "[a]\nb = 1\0\n", 11);
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, false, &d), -1);
        cr_assert_eq(d.n, 1);
        ini_free(&ini);
        diag_free(&d);
}

static char *read_back(const char *path)
{
        char *data;
        size_t len;
        cr_assert_eq(file_read(path, &data, &len, NULL), 0);
        return data;
}

Test(ini, write_keeps_everything_else)
{
        const char *text = "\xEF\xBB\xBF; a comment\r\n[candidate]\r\nname = Ann\r\n"
                           "# another\r\nstage = AC\r\n\r\n[frameworks]\r\nmapping = x\r\n";
        const char *p = ini_file("w.ini", text, strlen(text));
        const char *keys[] = {"candidate:name", "candidate:assessor", "extra:key",
                              "candidate:stage"};
        const char *vals[] = {"Ann Example; B", "Amelia", "v", "AC"};
        struct diag d = {0};
        cr_assert_eq(ini_write(p, keys, vals, 4, 0600, &d), 0, "%s", first_msg(&d));
        char *got = read_back(p);
        cr_assert_str_eq(got, "\xEF\xBB\xBF; a comment\r\n[candidate]\r\nname = \"Ann Example; "
                              "B\"\r\n# another\r\nstage = AC\r\nassessor = \"Amelia\"\r\n\r\n"
                              "[frameworks]\r\nmapping = x\r\n\r\n[extra]\r\nkey = \"v\"\r\n");
        free(got);
        struct ini ini;
        cr_assert_eq(ini_load(&ini, p, false, &d), 0);
        cr_assert_str_eq(ini_get(&ini, "candidate:name"), "Ann Example; B");
        cr_assert_str_eq(ini_get(&ini, "candidate:assessor"), "Amelia");
        cr_assert_str_eq(ini_get(&ini, "frameworks:mapping"), "x");
        ini_free(&ini);
        /* the same values again: the same bytes */
        cr_assert_eq(ini_write(p, keys, vals, 4, 0600, &d), 0);
        char *again = read_back(p);
        got = read_back(p);
        cr_assert_str_eq(again, got);
        free(got), free(again);
        diag_free(&d);
}

Test(ini, write_refuses_what_it_cannot_keep)
{
        /* a file iniparser cannot read (a NUL byte) is never written over */
        static const char nul[] = "[candidate]\nname = Ann\n\0x\n";
        const char *p = ini_file("bad.ini", nul, sizeof nul - 1);
        const char *keys[] = {"candidate:name"};
        const char *vals[] = {"Bea"};
        struct diag d = {0};
        cr_assert_eq(ini_write(p, keys, vals, 1, 0600, &d), -1);
        char *after;
        size_t len;
        cr_assert_eq(file_read(p, &after, &len, NULL), 0);
        cr_assert_eq(len, sizeof nul - 1);
        cr_assert(memcmp(after, nul, len) == 0, "a refused write changed the file");
        free(after);
        const char *ok = ini_file("ok.ini", "[candidate]\nname = Ann\n", 23);
        const char *quote[] = {"Ann \"A\""};
        cr_assert_eq(ini_write(ok, keys, quote, 1, 0600, &d), -1);
        const char *nl[] = {"Ann\nstage = ES"};
        cr_assert_eq(ini_write(ok, keys, nl, 1, 0600, &d), -1);
        char *same = read_back(ok);
        cr_assert_str_eq(same, "[candidate]\nname = Ann\n");
        free(same);
        /* a missing file is made */
        char *fresh = path_join(tmpdir, "fresh.ini");
        cr_assert_eq(ini_write(fresh, keys, vals, 1, 0600, &d), 0);
        char *made = read_back(fresh);
        cr_assert_str_eq(made, "[candidate]\nname = \"Bea\"\n");
        free(made);
        unlink(fresh);
        free(fresh);
        diag_free(&d);
}

/* iniparser's load is quadratic in the keys (100,000 lines: seconds): what it is
 * handed is capped, and a file over the cap is refused at the first line beyond. */
Test(ini, too_many_lines_refused_at_the_line)
{
        struct buf b = {0};
        buf_adds(&b, "[candidate]\n");
        for (unsigned i = 1; i < INI_MAX_LINES * 2; i++)
                buf_printf(&b, "k%u = v\n", i);
        const char *p = ini_file("long.ini", b.s, b.len);
        buf_free(&b);
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, 0, &d), -1);
        cr_assert_eq(d.n, 1, "%zu messages", d.n);
        cr_assert_eq(d.v[0].line, INI_MAX_LINES + 1);
        cr_assert(strstr(d.v[0].msg, "too many lines"), "%s", d.v[0].msg);
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, exactly_the_most_lines_is_read)
{
        struct buf b = {0};
        buf_adds(&b, "[candidate]\n");
        for (unsigned i = 1; i < INI_MAX_LINES; i++)
                buf_printf(&b, "k%u = v\n", i);
        const char *p = ini_file("most.ini", b.s, b.len);
        buf_free(&b);
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, 0, &d), 0, "%s", first_msg(&d));
        cr_assert_eq(ini.nkeys, INI_MAX_LINES - 1);
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, too_big_refused)
{
        struct buf b = {0};
        buf_adds(&b, "[candidate]\n; ");
        while (b.len <= INI_MAX_BYTES)
                buf_adds(&b, "a comment that goes on and on and on and on and on and on\n;");
        const char *p = ini_file("big.ini", b.s, b.len);
        buf_free(&b);
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, 0, &d), -1);
        cr_assert_eq(d.n, 1);
        cr_assert(strstr(d.v[0].msg, "too big") && strstr(d.v[0].msg, "1 MiB"), "%s", d.v[0].msg);
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, nul_in_a_value_has_its_line)
{
        const char *p = INI_FILE("nulvalue.ini", "[candidate]\nstage = AC\nname = A\0B\n");
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, 0, &d), -1);
        cr_assert_eq(d.n, 1);
        cr_assert_eq(d.v[0].line, 3);
        cr_assert(strstr(d.v[0].msg, "NUL"), "%s", d.v[0].msg);
        ini_free(&ini);
        diag_free(&d);
}

/* garbage gives FILE:LINE: messages, a few of them, not one a line */
Test(ini, garbage_gives_a_few_messages_with_lines, .init = cr_redirect_stderr)
{
        struct buf b = {0};
        for (int i = 0; i < 200; i++)
                buf_printf(&b, "\x01\xfe garbage [%d\n", i);
        const char *p = ini_file("garbage.ini", b.s, b.len);
        buf_free(&b);
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, 0, &d), -1);
        cr_assert_lt(d.n, 10, "%zu messages", d.n);
        cr_assert_gt(d.n, 1);
        size_t with_line = 0;
        for (size_t i = 0; i < d.n; i++)
                with_line += d.v[i].line > 0;
        cr_assert_geq(with_line, 1);
        bool more = false;
        for (size_t i = 0; i < d.n; i++)
                more |= strstr(d.v[i].msg, "more lines") != NULL;
        cr_assert(more, "the lines left out are not counted");
        ini_free(&ini);
        diag_free(&d);
        fflush(stderr);
        cr_assert_stderr_eq_str("");
}

Test(ini, empty_is_told)
{
        const char *p = INI_FILE("empty.ini", " \n\n");
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, p, 0, &d), 0);
        cr_assert(ini.empty);
        ini_free(&ini);
        p = INI_FILE("comment.ini", "; only a comment\n");
        cr_assert_eq(ini_load(&ini, p, 0, &d), 0);
        cr_assert_not(ini.empty);
        ini_free(&ini);
        diag_free(&d);
}

Test(ini, link_and_fifo_refused)
{
        const char *p = INI_FILE("real.ini", "[candidate]\nname = A\n");
        char *link = path_join(tmpdir, "link.ini"), *fifo = path_join(tmpdir, "fifo.ini");
        cr_assert_eq(symlink(p, link), 0);
        cr_assert_eq(mkfifo(fifo, 0600), 0);
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, link, INI_NOFOLLOW, &d), -1);
        cr_assert_str_eq(first_msg(&d), "is a symbolic link");
        diag_clear(&d);
        cr_assert_eq(ini_load(&ini, link, 0, &d), 0, "a config may be a link");
        ini_free(&ini);
        cr_assert_eq(ini_load(&ini, fifo, 0, &d), -1);
        cr_assert_str_eq(first_msg(&d), "not a regular file");
        diag_clear(&d);
        cr_assert_eq(ini_load(&ini, "/dev/zero", 0, &d), -1);
        cr_assert_str_eq(first_msg(&d), "not a regular file");
        unlink(link), unlink(fifo);
        free(link), free(fifo);
        diag_free(&d);
}
