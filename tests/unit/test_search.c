/* test_search.c — search over a workbook: each scope in its order, round the
 * end and back, the selection itself last; and a framework far larger than the
 * shipped one, searched to its last row. */
#include "core/fileio.h"
#include "core/search.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

TestSuite(search, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static void open_freda(struct workbook *wb)
{
        struct diag d = {0};
        cr_assert_eq(workbook_open(wb, "data/examples/freda", NULL, &d), 0);
        diag_free(&d);
}

static int code_index(const struct workbook *wb, const char *code)
{
        struct ref r;
        cr_assert(ref_parse(&wb->fw, code, &r), "%s", code);
        return r.kind == REF_THEME ? r.theme : r.kind == REF_ELEMENT ? r.element : r.cap;
}

Test(search, entries_forward_back_and_round)
{
        struct workbook wb;
        open_freda(&wb);
        struct search_at hit, from = {0, 0};
        cr_assert(search_find(&wb, SEARCH_ENTRIES, "p/052", from, 1, false, &hit));
        cr_assert_str_eq(entry_get(&wb, &wb.entries[hit.a], "id"), "E13");
        cr_assert(search_find(&wb, SEARCH_ENTRIES, "P/052", hit, 1, false, &hit));
        cr_assert_str_eq(entry_get(&wb, &wb.entries[hit.a], "id"), "E14");
        /* round the end to the first match again; and backwards from it */
        cr_assert(search_find(&wb, SEARCH_ENTRIES, "P/052", hit, 1, false, &hit));
        cr_assert_str_eq(entry_get(&wb, &wb.entries[hit.a], "id"), "E13");
        cr_assert(search_find(&wb, SEARCH_ENTRIES, "P/052", hit, -1, false, &hit));
        cr_assert_str_eq(entry_get(&wb, &wb.entries[hit.a], "id"), "E14");
        cr_assert_not(search_find(&wb, SEARCH_ENTRIES, "no such words", from, 1, true, &hit));
        cr_assert_not(search_find(&wb, SEARCH_ENTRIES, "", from, 1, true, &hit));
        workbook_free(&wb);
}

Test(search, the_selection_itself_only_when_asked)
{
        struct workbook wb;
        open_freda(&wb);
        int slf2 = code_index(&wb, "SLF.2"), slf = code_index(&wb, "SLF");
        struct search_at from = {slf, slf2}, hit;
        /* only SLF.2 has these words: not found from itself, unless with_from */
        cr_assert_not(
            search_find(&wb, SEARCH_CAPS, "Improving own leadership", from, 1, false, &hit));
        cr_assert(search_find(&wb, SEARCH_CAPS, "Improving own leadership", from, 1, true, &hit));
        cr_assert_eq(hit.a, slf);
        cr_assert_eq(hit.b, slf2);
        /* a theme is found by its indicator's words */
        from = (struct search_at){0, -1};
        cr_assert(search_find(&wb, SEARCH_CAPS, "aware of my own leadership style", from, 1, false,
                              &hit));
        cr_assert_eq(hit.b, slf2);
        /* units and elements by code and title */
        cr_assert(search_find(&wb, SEARCH_NOS, "a1.2", from, 1, false, &hit));
        cr_assert_eq(hit.b, code_index(&wb, "A1.2"));
        workbook_free(&wb);
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

/* A capability framework of 1 capability and 700 themes, in the workbook's own
 * folder: the last themes lie far beyond the 512 rows the screen once searched. */
Test(search, beyond_row_512)
{
        char *dir = path_join(tmpdir, "big");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Big", "manager", "AC", NULL, NULL, &d), 0);
        char *fw = path_join(dir, "bigcaps");
        cr_assert_eq(mkdir(fw, 0700), 0);
        write_text(fw, "capabilities.csv", "code,name,description\nBIG,Big capability,many\n");
        write_text(fw, "stages.csv",
                   "code,name,description\nEM,emerging,e\nES,established,s\n"
                   "AC,accomplished,a\n");
        write_text(fw, "indicators.csv", "code,theme,stage,pathway,text,clf\n");
        struct buf themes = {0};
        buf_adds(&themes, "code,capability,name\n");
        for (int i = 1; i <= 700; i++)
                buf_printf(&themes, "BIG.%d,BIG,Theme number %d%s\n", i, i,
                           i == 650 ? " (the needle)" : "");
        write_text(fw, "themes.csv", buf_str(&themes));
        buf_free(&themes);
        write_text(dir, "workbook.ini",
                   "[candidate]\nname = Big\npathway = manager\nstage = AC\n"
                   "[frameworks]\ncapabilities = bigcaps\nstandards = lmcs2008\n");
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        diag_free(&d);
        cr_assert_eq(wb.fw.nthemes, 700);
        struct search_at from = {0, -1}, hit;
        cr_assert(search_find(&wb, SEARCH_CAPS, "the needle", from, 1, false, &hit),
                  "a theme at row 651 of the tree was not found");
        cr_assert_str_eq(wb.fw.themes[hit.b].code, "BIG.650");
        /* and backwards, round the start */
        cr_assert(search_find(&wb, SEARCH_CAPS, "Theme number 700", from, -1, false, &hit));
        cr_assert_str_eq(wb.fw.themes[hit.b].code, "BIG.700");
        workbook_free(&wb);
        free(fw);
        free(dir);
}
