/* test_config.c — capbook.ini against the option table: the shipped file holds
 * every key with its default, an untrusted file is refused, and a file mode
 * that would open files to others is replaced. */
#include "core/config.h"
#include "core/fileio.h"
#include "core/ini.h"
#include "core/text.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *made[8];
static size_t nmade;

static void teardown(void)
{
        for (size_t i = 0; i < nmade; i++) {
                unlink(made[i]);
                free(made[i]);
        }
        nmade = 0;
        tmp_teardown();
}

TestSuite(config, .init = tmp_setup, .fini = teardown, .timeout = 30);

static const char *conf_file(const char *name, const char *text, mode_t mode)
{
        char *p = path_join(tmpdir, name);
        FILE *f = fopen(p, "w");
        cr_assert_not_null(f);
        fputs(text, f);
        fclose(f);
        cr_assert_eq(chmod(p, mode), 0);
        made[nmade++] = p;
        return p;
}

static void every_default_in(const char *path)
{
        struct ini ini;
        struct diag d = {0};
        cr_assert_eq(ini_load(&ini, path, false, &d), 0, "%s does not load: %s", path,
                     d.n ? d.v[0].msg : "");
        for (int i = 0; i < OPT_COUNT; i++) {
                const struct config_option *o = &config_options[i];
                char key[128];
                snprintf(key, sizeof key, "%s:%s", o->section, o->key);
                const char *v = ini_get(&ini, key);
                cr_assert_not_null(v, "%s has no %s", path, key);
                cr_assert_str_eq(v, o->def, "%s: %s is \"%s\", the default is \"%s\"", path, key, v,
                                 o->def);
        }
        ini_free(&ini);
        diag_free(&d);
}

Test(config, shipped_file_has_every_default)
{
        if (!path_exists("conf/capbook.ini")) {
                teardown(); /* a skipped test does not run .fini */
                cr_assert_fail("conf/capbook.ini is missing");
        }
        every_default_in("conf/capbook.ini");
}

Test(config, written_defaults_have_every_default)
{
        char *p = path_join(tmpdir, "defaults.ini");
        made[nmade++] = p;
        FILE *f = fopen(p, "w");
        cr_assert_not_null(f);
        config_write_defaults(f);
        fclose(f);
        every_default_in(p);
        /* and it loads as a config with no complaint */
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, NULL, &d), 0);
        cr_assert_eq(d.n, 0, "%s", d.n ? d.v[0].msg : "");
        cr_assert_eq(c.num[OPT_FILE_MODE], 0600);
        cr_assert_eq(c.num[OPT_ESCDELAY], 25);
        cr_assert_eq(c.num[OPT_ASCII], 0);
        config_free(&c);
        diag_free(&d);
}

Test(config, writable_by_others_is_refused)
{
        const char *p = conf_file("open.ini", "[ui]\neditor = /tmp/evil\n", 0666);
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, NULL, &d), -1);
        cr_assert_geq(diag_count(&d, DIAG_ERROR), 1);
        cr_assert_str_eq(d.v[0].file, p);
        cr_assert(strstr(d.v[0].msg, "write"), "message: %s", d.v[0].msg);
        cr_assert_str_eq(c.str[OPT_EDITOR], "", "a value from the refused file was used");
        config_free(&c);
        diag_free(&d);

        const char *g = conf_file("group.ini", "[ui]\neditor = /tmp/evil\n", 0620);
        cr_assert_eq(config_load(&c, g, NULL, &d), -1, "group-writable is refused too");
        config_free(&c);
        diag_free(&d);
}

Test(config, world_file_mode_replaced)
{
        const char *p = conf_file("mode.ini", "[workbook]\nfile_mode = 0644\n", 0600);
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, NULL, &d), 0);
        cr_assert_eq(c.num[OPT_FILE_MODE], 0600);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 1);
        cr_assert_eq(d.v[0].level, DIAG_WARN);
        cr_assert_eq(d.v[0].line, 2);
        cr_assert(strstr(d.v[0].msg, "file_mode"), "message: %s", d.v[0].msg);
        config_free(&c);
        diag_free(&d);

        const char *q = conf_file("mode2.ini", "[workbook]\nfile_mode = 0640\n", 0600);
        cr_assert_eq(config_load(&c, q, NULL, &d), 0);
        cr_assert_eq(c.num[OPT_FILE_MODE], 0640, "a group mode is allowed");
        cr_assert_eq(d.n, 0);
        config_free(&c);

        const char *x = conf_file("mode3.ini", "[workbook]\nfile_mode = 0700\n", 0600);
        cr_assert_eq(config_load(&c, x, NULL, &d), 0);
        cr_assert_eq(c.num[OPT_FILE_MODE], 0600, "executable files are refused");
        cr_assert_eq(diag_count(&d, DIAG_WARN), 1);
        config_free(&c);
        diag_free(&d);
}

Test(config, unknown_key_and_bad_values)
{
        const char *p = conf_file("bad.ini",
                                  "[ui]\ncolour = never\nescdelay = soon\nascii = maybe\ncolor = "
                                  "purple\n[keys]\nquit = q\n",
                                  0600);
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, NULL, &d), 0);
        cr_assert_eq(c.num[OPT_ESCDELAY], 25);
        cr_assert_eq(c.num[OPT_ASCII], 0);
        cr_assert_eq(c.num[OPT_COLOR], 0, "the default, auto");
        /* colour (line 2) is unknown; escdelay, ascii, color are bad (lines 3-5); [keys] is
         * checked by the caller, here no one */
        bool l[9] = {false};
        for (size_t i = 0; i < d.n; i++) {
                cr_assert_str_eq(d.v[i].file, p);
                if (d.v[i].line < 9)
                        l[d.v[i].line] = true;
        }
        cr_assert(l[2] && l[3] && l[4] && l[5], "a message for each of lines 2-5");
        config_free(&c);
        diag_free(&d);
}

Test(config, explicit_missing_file)
{
        char *p = path_join(tmpdir, "nope.ini");
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, NULL, &d), -1);
        cr_assert_eq(d.n, 1);
        cr_assert_str_eq(d.v[0].file, p);
        cr_assert_str_eq(d.v[0].msg, "no such file");
        cr_assert(c.missing);
        cr_assert_eq(c.num[OPT_FILE_MODE], 0600, "defaults still apply");
        config_free(&c);
        diag_free(&d);
        free(p);
}

/* $CAPBOOK_CONFIG naming a file that is not there is as much an error as -c */
Test(config, env_missing_file)
{
        char *p = path_join(tmpdir, "nope.ini");
        setenv("CAPBOOK_CONFIG", p, 1);
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, NULL, NULL, &d), -1);
        cr_assert_str_eq(first_msg(&d), "no such file");
        cr_assert(c.missing);
        config_free(&c);
        diag_free(&d);
        unsetenv("CAPBOOK_CONFIG");
        free(p);
}

/* with nothing named, the default places are searched and a missing one is no error */
Test(config, search_takes_the_first_that_exists)
{
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, NULL, NULL, &d), 0);
        cr_assert_eq(diag_count(&d, DIAG_ERROR), 0, "%s", first_msg(&d));
        cr_assert_not(c.missing);
        config_free(&c);
        char *dir = path_join(tmpdir, "xdg-config/capbook");
        char *mid = path_join(tmpdir, "xdg-config");
        cr_assert_eq(mkdir(mid, 0700), 0);
        cr_assert_eq(mkdir(dir, 0700), 0);
        char *p = path_join(dir, "capbook.ini");
        FILE *f = fopen(p, "w");
        cr_assert_not_null(f);
        fputs("[workbook]\nfile_mode = 0640\n", f);
        fclose(f);
        cr_assert_eq(chmod(p, 0600), 0);
        cr_assert_eq(config_load(&c, NULL, NULL, &d), 0);
        cr_assert_str_eq(c.path, p);
        cr_assert_eq(c.num[OPT_FILE_MODE], 0640);
        config_free(&c);
        diag_free(&d);
        unlink(p);
        rmdir(dir), rmdir(mid);
        free(p), free(dir), free(mid);
}

Test(config, sizes)
{
        unsigned long long n;
        cr_assert(config_parse_size("4G", &n) && n == 4ULL << 30);
        cr_assert(config_parse_size("512M", &n) && n == 512ULL << 20);
        cr_assert(config_parse_size("512 MiB", &n) && n == 512ULL << 20);
        cr_assert(config_parse_size("16k", &n) && n == 16384);
        cr_assert(config_parse_size("1048576", &n) && n == 1048576);
        cr_assert(config_parse_size("2T", &n) && n == 2ULL << 40);
        cr_assert_not(config_parse_size("", &n));
        cr_assert_not(config_parse_size("0", &n));
        cr_assert_not(config_parse_size("-1G", &n));
        cr_assert_not(config_parse_size("4Q", &n));
        cr_assert_not(config_parse_size("4G extra", &n));
        cr_assert_not(config_parse_size("99999999999999999999", &n));
        cr_assert_not(config_parse_size("99999999999T", &n));
}

Test(config, max_file_size_sets_the_limit)
{
        const char *p = conf_file("size.ini", "[workbook]\nmax_file_size = 512M\n", 0600);
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, NULL, &d), 0);
        cr_assert_eq(d.n, 0, "%s", first_msg(&d));
        cr_assert_eq(c.num[OPT_MAX_FILE_SIZE], 512L << 20);
        cr_assert_eq(file_max_size(), 512ULL << 20);
        config_free(&c);
        p = conf_file("badsize.ini", "[workbook]\n\nmax_file_size = lots\n", 0600);
        cr_assert_eq(config_load(&c, p, NULL, &d), 0);
        cr_assert_eq(d.n, 1);
        cr_assert_eq(d.v[0].line, 3);
        cr_assert(strstr(d.v[0].msg, "max_file_size") && strstr(d.v[0].msg, "lots"), "%s",
                  d.v[0].msg);
        cr_assert_eq(file_max_size(), FILE_MAX_SIZE_DEFAULT, "a bad value keeps the default");
        config_free(&c);
        diag_free(&d);
        file_set_max_size(0);
}

static bool any_key(const char *section, const char *key)
{
        (void)key;
        return strcmp(section, "colors") == 0;
}

Test(config, colour_names_checked_with_their_line)
{
        const char *p = conf_file("colors.ini",
                                  "[colors]\nactual = green\nmapped = Cyan on black\n"
                                  "planned = greeen\nnone = red on\nlink = red on blue on green\n",
                                  0600);
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, any_key, &d), 0);
        cr_assert_eq(d.n, 3, "%zu messages, first: %s", d.n, first_msg(&d));
        cr_assert_eq(d.v[0].line, 4);
        cr_assert(strstr(d.v[0].msg, "greeen") && strstr(d.v[0].msg, "magenta"), "%s", d.v[0].msg);
        cr_assert_eq(d.v[1].line, 5);
        cr_assert_eq(d.v[2].line, 6);
        config_free(&c);
        diag_free(&d);
        cr_assert(config_color_valid("default"));
        cr_assert(config_color_valid("white on blue"));
        cr_assert_not(config_color_valid(""));
        cr_assert_not(config_color_valid("on blue"));
        cr_assert_not(config_color_valid("pink"));
}

static int word_code(const char *w)
{
        if (strcmp(w, "bad") == 0)
                return -1;
        /* two spellings of one key: ^r and ^R */
        return w[0] == '^' ? 1000 + (w[1] & ~0x20) : (unsigned char)w[0] * 256 + w[1];
}

Test(config, key_given_to_two_actions)
{
        const char *p = conf_file("keys.ini", "[keys]\nsave = q\nredo = ^r\n", 0600);
        struct config c;
        struct diag d = {0};
        cr_assert_eq(config_load(&c, p, NULL, &d), 0);
        diag_clear(&d);
        const struct config_binding b[] = {
            {"quit", "q Q", 0},    {"save", "q", 2},   {"undo", "u ^R", 0},
            {"redo", "^r bad", 3}, {"help", "? ?", 0}, /* the same action twice: harmless */
        };
        cr_assert_eq(config_check_bindings(&c, b, 5, word_code, &d), 2);
        cr_assert_eq(d.n, 2);
        cr_assert_str_eq(d.v[0].file, p);
        cr_assert_eq(d.v[0].line, 2);
        cr_assert(strstr(d.v[0].msg, "quit (its default)") && strstr(d.v[0].msg, "save"), "%s",
                  d.v[0].msg);
        cr_assert_eq(d.v[1].line, 3);
        cr_assert(strstr(d.v[1].msg, "undo") && strstr(d.v[1].msg, "redo"), "%s", d.v[1].msg);
        config_free(&c);
        diag_free(&d);
}
