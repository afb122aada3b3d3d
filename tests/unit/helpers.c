/* helpers.c — see helpers.h. */
#include "tests/unit/helpers.h"
#include "core/fileio.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

char tmpdir[64];

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
        (void)sb, (void)flag, (void)f;
        return remove(p);
}

void tmp_setup(void)
{
        setenv("CAPBOOK_TODAY", "2026-01-15", 1);
        unsetenv("CAPBOOK_CONFIG");
        snprintf(tmpdir, sizeof tmpdir, "/tmp/capbook-test-XXXXXX");
        cr_assert_not_null(mkdtemp(tmpdir));
        setenv("HOME", tmpdir, 1);
        char *x = path_join(tmpdir, "xdg-data");
        setenv("XDG_DATA_HOME", x, 1);
        free(x);
        x = path_join(tmpdir, "xdg-config");
        setenv("XDG_CONFIG_HOME", x, 1);
        free(x);
}

void tmp_teardown(void)
{
        if (tmpdir[0])
                nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
        tmpdir[0] = '\0';
}

const char *first_msg(const struct diag *d)
{
        return d->n ? d->v[0].msg : "";
}
