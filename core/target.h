/* target.h — agreed targets: the actions a supervision session agrees
 * (actions.csv) and the targets of a personal development plan (pdp.csv) share
 * their due and done cells, the overdue test, adding, marking done and checks. */
#ifndef CAPBOOK_TARGET_H
#define CAPBOOK_TARGET_H

#include "core/diag.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stddef.h>

/* done holds a date, "yes" or anything but empty or "no". */
bool target_is_done(const char *done);
/* Open and due before today (dates YYYY-MM-DD). */
bool target_overdue(const char *due, const char *done, const char *today);
/* The same for row row of sheet s (its due and done columns). */
bool target_row_overdue(const struct workbook *wb, enum wb_sheet s, size_t row, const char *today);
/* A new target row: the cells ({column, value}, values may be NULL), due (may
 * be empty, else a date) and done left empty, as one undo step. Returns the
 * new id (caller frees), or NULL with the reason in d. */
char *target_add(struct workbook *wb, enum wb_sheet s, const char *due, const char *cells[][2],
                 size_t n, struct diag *d);
/* Marks target id done on date (NULL: today). 0, or -1 (reason in d). */
int target_mark_done(struct workbook *wb, enum wb_sheet s, const char *id, const char *date,
                     struct diag *d);
/* Done becomes open again and open becomes done today (the full screen's key). */
int target_toggle_done(struct workbook *wb, enum wb_sheet s, const char *id, struct diag *d);
/* FILE:LINE: messages for a target row's due and done cells. */
void target_check_row(const struct sheet *sh, size_t row, struct diag *d);

#endif
