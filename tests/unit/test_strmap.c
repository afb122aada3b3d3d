/* test_strmap.c — the id index (idmap) against a plain strmap of every id: the
 * same rows for the same ids, whatever shape the ids take. */
#include "core/strmap.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

TestSuite(strmap, .timeout = 30);

/* Adds id to both, asserting both give the same answer. */
static void add_both(struct idmap *m, struct strmap *ref, const char *id, int row)
{
        int want = strmap_add(ref, id, row);
        int got = idmap_add(m, id, row);
        cr_assert_eq(got, want, "idmap_add(%s): %d, a strmap says %d", id, got, want);
}

static void same_rows(const struct idmap *m, const struct strmap *ref, const char *id)
{
        cr_assert_eq(idmap_get(m, id), strmap_get(ref, id), "%s: idmap %d, strmap %d", id,
                     idmap_get(m, id), strmap_get(ref, id));
}

Test(strmap, idmap_answers_as_a_strmap)
{
        static const char *const odd[] = {
            "E017", "E17b", "e17",        "E",           "E-3",  "E 4",
            "X17",  "E0",   "E999999999", "E2147483648", "E1.5", "E99999999999999999999",
        };
        size_t nodd = sizeof odd / sizeof *odd;
        struct idmap m;
        struct strmap ref = {0};
        idmap_init(&m, "E");
        idmap_reserve(&m, 100);
        char id[32];
        int row = 0;
        /* plain ids out of order, past the reserved room, and the odd ones among them */
        for (int i = 3000; i >= 1; i -= 3) {
                snprintf(id, sizeof id, "E%d", i);
                add_both(&m, &ref, id, row++);
                if (i % 300 == 0)
                        add_both(&m, &ref, odd[(size_t)i / 300 % nodd], row++);
        }
        for (size_t i = 0; i < nodd; i++)
                add_both(&m, &ref, odd[i], row++);
        /* twice: the first row is kept and returned */
        add_both(&m, &ref, "E3000", row++);
        add_both(&m, &ref, "E17b", row++);
        /* a stray huge number after the array grew */
        add_both(&m, &ref, "E90000000", row++);
        /* moved rows (a renumbering, a save) and new ones put */
        idmap_put(&m, "E3000", 7), strmap_put(&ref, "E3000", 7);
        idmap_put(&m, "E17b", 8), strmap_put(&ref, "E17b", 8);
        idmap_put(&m, "E5000", 9), strmap_put(&ref, "E5000", 9);
        idmap_put(&m, "E017", 10), strmap_put(&ref, "E017", 10);
        for (int i = 0; i <= 5100; i++) {
                snprintf(id, sizeof id, "E%d", i);
                same_rows(&m, &ref, id);
                snprintf(id, sizeof id, "E%db", i);
                same_rows(&m, &ref, id);
        }
        for (size_t i = 0; i < nodd; i++)
                same_rows(&m, &ref, odd[i]);
        same_rows(&m, &ref, "E90000000");
        same_rows(&m, &ref, "");
        idmap_free(&m);
        strmap_free(&ref);
        /* a sheet whose ids are names: everything in the strmap */
        idmap_init(&m, "");
        cr_assert_eq(idmap_add(&m, "17", 0), -1);
        cr_assert_eq(idmap_add(&m, "17", 1), 0);
        cr_assert_eq(idmap_get(&m, "17"), 0);
        cr_assert_eq(idmap_get(&m, "18"), -1);
        idmap_free(&m);
}
