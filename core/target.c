/* target.c — the due and done of agreed targets, one code for the actions of
 * sessions and the targets of a development plan: a plan's target is overdue
 * exactly when an action would be. */
#include "core/target.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

bool target_is_done(const char *done)
{
        return *done && !str_ieq(done, "no");
}

bool target_overdue(const char *due, const char *done, const char *today)
{
        return !target_is_done(done) && date_valid(due) && strcmp(due, today) < 0;
}

bool target_row_overdue(const struct workbook *wb, enum wb_sheet s, size_t row, const char *today)
{
        return target_overdue(wb_get(wb, s, row, "due"), wb_get(wb, s, row, "done"), today);
}

char *target_add(struct workbook *wb, enum wb_sheet s, const char *due, const char *cells[][2],
                 size_t n, struct diag *d)
{
        due = due ? due : "";
        if (*due && !date_valid(due)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "due date \"%s\" is not YYYY-MM-DD",
                         text_safe(due));
                return NULL;
        }
        if (!wb->sheets[s].loaded) {
                diag_add(d, DIAG_ERROR, wb->sheets[s].path, 0,
                         "cannot add: the sheet could not be read");
                return NULL;
        }
        char *id = wb_new_id(wb, s);
        wb_begin(wb);
        wb_set_row(wb, s, id, cells, n);
        const char *tail[][2] = {{"due", due}, {"done", ""}};
        wb_set_row(wb, s, id, tail, 2);
        wb_end(wb);
        if (wb_find(wb, s, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "the target could not be recorded");
                free(id);
                return NULL;
        }
        return id;
}

int target_mark_done(struct workbook *wb, enum wb_sheet s, const char *id, const char *date,
                     struct diag *d)
{
        char today[11];
        date_today(today);
        date = date && *date ? date : today;
        if (wb_find(wb, s, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no %s %s",
                         s == WB_PDP ? "development target" : "action", text_safe(id));
                return -1;
        }
        if (!date_valid(date)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "date \"%s\" is not YYYY-MM-DD", text_safe(date));
                return -1;
        }
        return wb_set(wb, s, id, "done", date);
}

int target_toggle_done(struct workbook *wb, enum wb_sheet s, const char *id, struct diag *d)
{
        long row = wb_find(wb, s, id);
        if (row < 0)
                return target_mark_done(wb, s, id, NULL, d);
        if (target_is_done(wb_get(wb, s, (size_t)row, "done")))
                return wb_set(wb, s, id, "done", "");
        return target_mark_done(wb, s, id, NULL, d);
}

void target_check_row(const struct sheet *sh, size_t row, struct diag *d)
{
        const char *due = sheet_get(sh, row, sheet_col(sh, "due"));
        struct buf why = {0};
        if (*due && !date_valid(due)) {
                date_damage(due, &why);
                diag_add(d, DIAG_WARN, sh->path, sh->rows[row].line,
                         "due \"%s\" is not a date (YYYY-MM-DD)%s", text_safe(due), buf_str(&why));
                buf_reset(&why);
        }
        const char *done = sheet_get(sh, row, sheet_col(sh, "done"));
        if (*done && !date_valid(done) && !str_ieq(done, "yes") && !str_ieq(done, "no")) {
                date_damage(done, &why);
                diag_add(d, DIAG_WARN, sh->path, sh->rows[row].line,
                         "done \"%s\" is not a date (YYYY-MM-DD), yes or no%s", text_safe(done),
                         buf_str(&why));
        }
        buf_free(&why);
}
