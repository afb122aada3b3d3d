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
        cr_assert_eq(c.num[OPT_FILE_MODE], 0600, "defaults still apply");
        config_free(&c);
        diag_free(&d);
        free(p);
}
