/* view_history.c — an entry's history from history.csv, oldest first: when,
 * who, what (added, the columns changed, signed, sign-off voided), and its
 * sign-off as it stands now; H on the selected entry. */
#include "core/history.h"
#include "core/signoff.h"
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

/* The entry is held by id: an edit or a save may move it to another index. */
static void build(struct app *app, struct view *v, int width)
{
        struct workbook *wb = &app->ses.wb;
        const char *id = v->data;
        snprintf(v->title, sizeof v->title, "history of %s", id);
        long e = wb_entry_by_id(wb, id);
        if (e >= 0) {
                struct signoff_status st;
                struct buf b = {0};
                signoff_verify(wb, (size_t)e, &st);
                signoff_describe(&st, &b);
                vline_wrap(v, st.state == SO_CHANGED ? CR_ERROR : CR_NONE, width - 1, 1,
                           b.len ? b.s : "not signed off");
                buf_free(&b);
        }
        struct history_row *rows;
        size_t n = history_of(wb, WB_EVIDENCE, id, &rows);
        vline_add(v, -1, false, 0, 0, "%-25s %-12s %s", "when", "login", "what");
        for (size_t i = 0; i < n; i++) {
                struct buf l = {0};
                buf_printf(&l, "%-25s %-12s %s", rows[i].when, rows[i].login, rows[i].what);
                vline_wrap(v, CR_NONE, width - 1, 0, l.s);
                buf_free(&l);
        }
        if (!n)
                vline_add(v, CR_NONE, false, 0, 0,
                          wb->single_sheet     ? "(no history.csv beside a single evidence sheet)"
                          : workbook_dirty(wb) ? "nothing recorded yet: history.csv grows on save"
                                               : "nothing recorded in history.csv");
        else if (workbook_dirty(wb))
                vline_add(v, CR_NONE, false, 0, 0, "(unsaved changes are recorded on save)");
        free(rows);
}

static void done(struct app *app, struct view *v, bool ending)
{
        (void)app, (void)ending;
        free(v->data);
}

static void model(struct app *app, struct view *v, bool fresh)
{
        (void)app, (void)fresh;
        v->stale = true; /* the history grows on save; the sign-off may change */
}

const struct view_ops view_history_ops = {.name = "history",
                                          .build = build,
                                          .search = list_search,
                                          .model = model,
                                          .done = done,
                                          .hints = {{ACT_DOWN, "scroll"}}};

void history_view_open(struct app *app, long entry)
{
        struct view *v = view_push(app, &view_history_ops, 0);
        v->data = xstrdup(entry_get(&app->ses.wb, &app->ses.wb.entries[entry], "id"));
}
