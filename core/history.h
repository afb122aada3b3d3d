/* history.h — history.csv, the workbook's audit trail: every save appends a row
 * per change (when, login, sheet, id, what, digest, fields, chain) and never
 * rewrites one; each row's chain hashes the row before, so check can tell when
 * a row was changed or removed. */
#ifndef CAPBOOK_HISTORY_H
#define CAPBOOK_HISTORY_H

#include "core/diag.h"
#include "core/text.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stddef.h>

#define HISTORY_FILE "history.csv"

/* One row of history.csv; the strings are the sheet's cells. */
struct history_row {
        unsigned line;
        const char *when, *login, *sheet, *id, *what, *digest, *fields, *chain;
};

/* The rows for one row of sheet s (by its id), oldest first, into *rows (caller
 * frees the array; the strings stay valid until the next save). */
size_t history_of(struct workbook *wb, enum wb_sheet s, const char *id, struct history_row **rows);
/* The last "signed" row of evidence entry id with this digest; false if none. */
bool history_find_signed(struct workbook *wb, const char *id, const char *digest,
                         struct history_row *out);
/* The last row of entry id that signed it or voided its sign-off; false if none. */
bool history_last_signoff(struct workbook *wb, const char *id, struct history_row *out);
/* Does history.csv exist (for a workbook folder)? */
bool history_exists(struct workbook *wb);
/* Checks the chain: a row changed, or one removed before a row, is reported as
 * history.csv:LINE. */
void history_check(struct workbook *wb, struct diag *d);
/* The chain value of a row that follows prev (SHA-256, hex, of prev and the
 * row's when … fields, joined by 0x1F). */
void history_chain(const char *prev, const struct history_row *r, char out[65]);

/* The rows a save will append, gathered sheet by sheet before the sheets are
 * written (history_collect) and appended once they are (history_append). */
struct history_event {
        enum wb_sheet sheet;
        char *id, *what, *digest, *fields;
};
struct history_batch {
        struct history_event *v;
        size_t n, cap;
};
/* The changes to sheet s since it was read or saved, from its rows as in memory
 * against the same rows' bytes on disk. */
void history_collect(struct workbook *wb, enum wb_sheet s, struct history_batch *b);
/* Drops the events from index from on (a sheet that was not saved after all). */
void history_batch_cut(struct history_batch *b, size_t from);
/* Appends b to history.csv (O_APPEND, then fsync), continuing the chain.
 * 0, or -1 with the reason in d. */
int history_append(struct workbook *wb, const struct history_batch *b, struct diag *d);
void history_batch_free(struct history_batch *b);
/* Now as ISO 8601 local time with its offset: "2026-01-15T10:15:02+00:00". */
void history_now(char out[32]);
void history_free(struct workbook *wb);

#endif
