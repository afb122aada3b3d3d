/* fuzz_text.c — the display sanitiser and its neighbours: text_sanitize never
 * lets a control, escape, C1, bidi or invisible character through and always
 * gives valid UTF-8; text_safe agrees with it; printable UTF-8 passes unchanged;
 * the formula guard is exactly reversible; lists split and join stably. */
#include "core/sheet.h"
#include "core/text.h"
#include "fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *s = (const char *)data;
        struct buf out = {0};
        text_sanitize(&out, s, size, false);
        FUZZ_ASSERT(fuzz_display_safe(out.s, out.len, false));
        (void)text_width(buf_str(&out));
        struct buf nl = {0};
        text_sanitize(&nl, s, size, true);
        FUZZ_ASSERT(fuzz_display_safe(nl.s, nl.len, true));
        /* already safe text is left alone */
        if (fuzz_display_safe(s, size, false)) {
                FUZZ_ASSERT(out.len == size && memcmp(out.s, s, size) == 0);
        }
        /* sanitising is idempotent */
        struct buf twice = {0};
        text_sanitize(&twice, out.s, out.len, false);
        FUZZ_ASSERT(twice.len == out.len && memcmp(twice.s, out.s, out.len) == 0);

        char *z = xstrndup(s, size); /* up to the first NUL */
        const char *safe = text_safe(z);
        FUZZ_ASSERT(fuzz_display_safe(safe, strlen(safe), false));

        /* utf8_valid agrees with utf8_seq */
        size_t bad = 0;
        bool valid = utf8_valid(s, size, &bad);
        if (!valid) {
                unsigned cp;
                FUZZ_ASSERT(bad < size);
                FUZZ_ASSERT(utf8_seq(data + bad, size - bad, &cp) == 0);
        }

        /* the formula guard: what a save writes reads back as the same value */
        size_t zl = strlen(z);
        if (guard_needed(z, zl)) {
                char *g = xmalloc(zl + 2);
                g[0] = '\'';
                memcpy(g + 1, z, zl + 1);
                FUZZ_ASSERT(guard_present(g, zl + 1));
                free(g);
        }
        if (guard_present(z, zl))
                FUZZ_ASSERT(guard_needed(z + 1, zl - 1));

        /* one field as written, read back as a sheet cell */
        struct buf line = {0};
        buf_adds(&line, "h\n");
        sheet_encode_field(&line, z);
        buf_adds(&line, "\n");
        struct diag d = {0};
        struct sheet sh;
        if (sheet_load_mem(&sh, "f.csv", line.s, line.len, &d) == 0 && zl &&
            utf8_valid(z, zl, NULL)) {
                FUZZ_ASSERT(sh.nrows == 1);
                FUZZ_ASSERT(!sh.rows[0].bad);
                FUZZ_ASSERT(strcmp(sheet_get(&sh, 0, 0), z) == 0);
        }
        sheet_free(&sh);
        diag_free(&d);
        buf_free(&line);

        /* lists: split, join, split again gives the same items */
        struct strlist a = {0}, b = {0};
        strlist_split(&a, z);
        struct buf j = {0};
        strlist_join(&a, &j);
        strlist_split(&b, buf_str(&j));
        FUZZ_ASSERT(a.n == b.n);
        for (size_t i = 0; i < a.n; i++)
                FUZZ_ASSERT(strcmp(a.v[i], b.v[i]) == 0);
        strlist_free(&a);
        strlist_free(&b);
        buf_free(&j);

        free(z);
        buf_free(&out);
        buf_free(&nl);
        buf_free(&twice);
        return 0;
}
