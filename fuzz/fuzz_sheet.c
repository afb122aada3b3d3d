/* fuzz_sheet.c — the sheet loader: any bytes load or are refused with messages
 * that are safe to print; an unedited sheet encodes to exactly the bytes read,
 * but for rows with a ';' or a tab outside quotes, which are written again
 * (quoted) to the same cells, once; and a sheet without bad rows, every row
 * written again from its cells, reloads to the same cells. */
#include "core/sheet.h"
#include "fuzz/fuzz_common.h"

static void same_cells(const struct sheet_row *a, const struct sheet_row *b)
{
        FUZZ_ASSERT(a->ncells == b->ncells);
        for (unsigned i = 0; i < a->ncells; i++)
                FUZZ_ASSERT(strcmp(row_cell(a, i), row_cell(b, i)) == 0);
}

/* Only without bad rows: a row kept verbatim because a quote in it is never
 * closed can read differently once the bytes after it change (fuzz/known/). */
static void roundtrip(struct sheet *sh)
{
        for (size_t i = 0; i < sh->nrows; i++)
                if (sh->rows[i].bad)
                        return;
        sh->header_dirty = true;
        for (size_t i = 0; i < sh->nrows; i++)
                sh->rows[i].dirty = true;
        struct buf out = {0};
        sheet_encode(sh, &out);
        struct diag d = {0};
        struct sheet again;
        FUZZ_ASSERT(sheet_load_mem(&again, "again.csv", out.s, out.len, &d) == 0);
        same_cells(&sh->header, &again.header);
        FUZZ_ASSERT(again.nrows == sh->nrows);
        for (size_t i = 0; i < sh->nrows; i++) {
                FUZZ_ASSERT(!again.rows[i].bad);
                same_cells(&sh->rows[i], &again.rows[i]);
        }
        sheet_free(&again);
        diag_free(&d);
        buf_free(&out);
}

/* The old-style rows written again: the same rows and cells, none old-style
 * now, and encoding that is the same bytes (the one-time re-encoding). Without
 * bad rows only, as roundtrip. */
static void once_more(const struct sheet *sh, const struct buf *out)
{
        for (size_t i = 0; i < sh->nrows; i++)
                if (sh->rows[i].bad)
                        return;
        struct diag d = {0};
        struct sheet again;
        FUZZ_ASSERT(sheet_load_mem(&again, "again.csv", out->s ? out->s : "", out->len, &d) == 0);
        FUZZ_ASSERT(again.nrows == sh->nrows);
        for (size_t i = 0; i < sh->nrows; i++) {
                FUZZ_ASSERT(!again.rows[i].bad && !again.rows[i].old_style);
                same_cells(&sh->rows[i], &again.rows[i]);
        }
        struct buf twice = {0};
        sheet_encode(&again, &twice);
        FUZZ_ASSERT(twice.len == out->len && (!out->len || memcmp(twice.s, out->s, out->len) == 0));
        buf_free(&twice);
        sheet_free(&again);
        diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diag d = {0};
        struct sheet sh;
        int rc = sheet_load_mem(&sh, "fuzz.csv", (const char *)data, size, &d);
        fuzz_check_diag(&d);
        if (rc == 0) {
                FUZZ_ASSERT(sh.loaded);
                for (unsigned i = 0; i < sh.ncols && i < 32; i++)
                        FUZZ_ASSERT(sheet_col(&sh, sh.cols[i]) >= 0);
                /* nothing edited: the bytes as read, old-style rows apart */
                struct buf out = {0};
                sheet_encode(&sh, &out);
                if (sheet_old_style_rows(&sh) == 0)
                        FUZZ_ASSERT(out.len == size &&
                                    (size == 0 || memcmp(out.s, data, size) == 0));
                else
                        once_more(&sh, &out);
                buf_free(&out);
                roundtrip(&sh);
        } else {
                FUZZ_ASSERT(!sh.loaded);
                FUZZ_ASSERT(diag_count(&d, DIAG_ERROR) > 0);
        }
        sheet_free(&sh);
        diag_free(&d);
        return 0;
}
