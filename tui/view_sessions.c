/* view_sessions.c — supervision sessions with their agreed actions: add a
 * session (date, focus, participants, notes), add actions (objective, success
 * indicator, due, who), mark them done; edit or delete either; overdue actions
 * are flagged. */
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void build(struct app *app, struct view *v, int width)
{
        const struct workbook *wb = &app->ses.wb;
        const struct sheet *ss = &wb->sheets[WB_SESSIONS], *as = &wb->sheets[WB_ACTIONS];
        char today[11];
        date_today(today);
        snprintf(v->title, sizeof v->title, "supervision sessions and agreed actions");
        char ka[16];
        keys_first(app, ACT_ADD, ka, sizeof ka);
        size_t shown = 0; /* deleted ones (tombstones) are no sessions */
        for (size_t i = 0; i < ss->nrows; i++)
                shown += !ss->rows[i].bad && !wb_row_deleted(wb, WB_SESSIONS, i);
        if (!shown)
                vline_add(v, CR_NONE, false, 0, 0, "No sessions yet: %s adds one.", ka);
        for (size_t i = 0; i < ss->nrows; i++) {
                if (ss->rows[i].bad || wb_row_deleted(wb, WB_SESSIONS, i))
                        continue;
                const char *sid = sheet_get(ss, i, sheet_col(ss, "id"));
                vline_add(v, -1, true, 0, (int)i, "%s  %s  %s  (%s)", sid,
                          sheet_get(ss, i, sheet_col(ss, "date")),
                          sheet_get(ss, i, sheet_col(ss, "focus")),
                          sheet_get(ss, i, sheet_col(ss, "participants")));
                const char *notes = sheet_get(ss, i, sheet_col(ss, "notes"));
                if (*notes)
                        vline_wrap(v, CR_NONE, width, 6, notes);
                for (size_t k = 0; k < as->nrows; k++) {
                        if (as->rows[k].bad || wb_row_deleted(wb, WB_ACTIONS, k) ||
                            strcmp(sheet_get(as, k, sheet_col(as, "session")), sid))
                                continue;
                        const char *due = sheet_get(as, k, sheet_col(as, "due"));
                        const char *done = sheet_get(as, k, sheet_col(as, "done"));
                        bool is_done = *done && !str_ieq(done, "no");
                        bool overdue = !is_done && date_valid(due) && strcmp(due, today) < 0;
                        /* the facts on the line that is selected, the words wrapped below */
                        const char *who = sheet_get(as, k, sheet_col(as, "responsibility"));
                        vline_add(v,
                                  is_done   ? CR_ACTUAL
                                  : overdue ? CR_ERROR
                                            : CR_NONE,
                                  true, 1, (int)k, "   [%s] %-4s due %s%s%s%s%s%s",
                                  is_done ? "x" : " ", sheet_get(as, k, sheet_col(as, "id")),
                                  *due ? due : "-", overdue ? " OVERDUE" : "", *who ? "  by " : "",
                                  who, is_done ? "  done " : "", is_done ? done : "");
                        vline_wrap(v, CR_NONE, width, 9,
                                   sheet_get(as, k, sheet_col(as, "objective")));
                        const char *succ = sheet_get(as, k, sheet_col(as, "success_indicator"));
                        if (*succ) {
                                char *t = xmalloc(strlen(succ) + 16);
                                sprintf(t, "Success: %s", succ);
                                vline_wrap(v, CR_NONE, width, 9, t);
                                free(t);
                        }
                }
        }
}

/* Rebuilds the view now and selects the session (kind 0) or action (kind 1)
 * of sheet row row, so what was just added is on screen. */
static void rebuild_select(struct app *app, struct view *v, int kind, long row)
{
        view_clear(v);
        v->ops->build(app, v, app->term.cols);
        v->stale = false;
        for (size_t i = 0; i < v->n; i++)
                if (v->lines[i].selectable && v->lines[i].a == kind && v->lines[i].b == row)
                        v->sel = i;
}

/* The session of the selected line (the line itself, or the one its action is
 * under), into buf; NULL if none. */
static const char *selected_session(struct app *app, struct view *v, char *buf, size_t n)
{
        const struct sheet *ss = &app->ses.wb.sheets[WB_SESSIONS];
        for (size_t i = v->sel + 1; i-- > 0;)
                if (i < v->n && v->lines[i].selectable && v->lines[i].a == 0) {
                        snprintf(buf, n, "%s",
                                 sheet_get(ss, (size_t)v->lines[i].b, sheet_col(ss, "id")));
                        return buf;
                }
        return NULL;
}

static enum reaction add_action(struct app *app, struct view *v)
{
        struct workbook *wb = &app->ses.wb;
        char sidbuf[64], k[16];
        const char *sid = selected_session(app, v, sidbuf, sizeof sidbuf);
        if (!sid) {
                app_message(app, true, "select a session first (%s adds one)",
                            keys_first(app, ACT_ADD, k, sizeof k));
                return REACT_NONE;
        }
        char *obj = prompt_line(app, "Objective: ", "");
        if (!obj || !*obj) {
                free(obj);
                return REACT_NONE;
        }
        char *succ = prompt_line(app, "Success indicator: ", "");
        char *due = prompt_line(app, "Due (YYYY-MM-DD): ", "");
        while (due && *due && !date_valid(due)) {
                free(due);
                due = prompt_line(app, "Due, as YYYY-MM-DD (empty: none): ", "");
        }
        char *who = prompt_line(app, "Responsibility (who): ", "");
        char *id = wb_new_id(wb, WB_ACTIONS);
        const char *row[][2] = {
            {"session", sid}, {"objective", obj},      {"success_indicator", succ},
            {"due", due},     {"responsibility", who}, {"done", ""}};
        wb_set_row(wb, WB_ACTIONS, id, row, 6);
        app_message(app, false, "action %s added to %s", id, sid);
        rebuild_select(app, v, 1, wb_find(wb, WB_ACTIONS, id));
        free(id), free(obj), free(succ), free(due), free(who);
        return REACT_MODEL;
}

static enum reaction add_session(struct app *app, struct view *v)
{
        struct workbook *wb = &app->ses.wb;
        char today[11];
        date_today(today);
        char *date = prompt_line(app, "Session date (YYYY-MM-DD): ", today);
        if (!date || !date_valid(date)) {
                app_message(app, true, date ? "not a date: no session added" : "cancelled");
                free(date);
                return REACT_NONE;
        }
        char *focus = prompt_line(app, "Focus: ", "");
        char *who = prompt_line(app, "Participants: ", *wb->supervisor ? wb->supervisor : "");
        char *notes = prompt_line(app, "Notes: ", "");
        char *id = wb_new_id(wb, WB_SESSIONS);
        const char *row[][2] = {
            {"date", date}, {"focus", focus}, {"participants", who}, {"notes", notes}};
        wb_set_row(wb, WB_SESSIONS, id, row, 4);
        char k[16];
        app_message(app, false, "session %s added: %s adds its agreed actions", id,
                    keys_first(app, ACT_ADD_ACTION, k, sizeof k));
        rebuild_select(app, v, 0, wb_find(wb, WB_SESSIONS, id));
        free(id), free(date), free(focus), free(who), free(notes);
        return REACT_MODEL;
}

/* A diag's first message into why (for a dialog's error line). */
static void diag_why(struct diag *d, struct buf *why)
{
        char *m = d->n ? diag_format(&d->v[0]) : xstrdup("not changed");
        buf_adds(why, m);
        free(m);
        diag_free(d);
}

/* The field a message is about: the first whose column it names, else -1. */
static int field_named(const char *msg, const char *const *cols, int n)
{
        for (int i = 0; i < n; i++)
                if (strstr(msg, cols[i]))
                        return i;
        return -1;
}

static const char *const session_cols[] = {"date", "focus", "participants", "notes"};

static bool session_accept(struct app *app, void *ctx, struct dialog_field *f, int *field,
                           struct buf *why)
{
        if (!date_valid(f[0].value)) {
                *field = 0;
                buf_adds(why, "a date: YYYY-MM-DD");
                return false;
        }
        struct session_fields sf = {f[0].value, f[1].value, f[2].value, f[3].value};
        struct diag d = {0};
        if (wb_session_edit(&app->ses.wb, ctx, &sf, &d) == 0) {
                diag_free(&d);
                return true;
        }
        diag_why(&d, why);
        *field = field_named(buf_str(why), session_cols, 4);
        return false;
}

static const char *const action_cols[] = {"session", "objective",      "success",
                                          "due",     "responsibility", "done"};

static bool action_accept(struct app *app, void *ctx, struct dialog_field *f, int *field,
                          struct buf *why)
{
        for (int i = 3; i <= 5; i += 2) /* due, and done when a date */
                if (*f[i].value && !date_valid(f[i].value) &&
                    (i == 3 || (!str_ieq(f[i].value, "yes") && !str_ieq(f[i].value, "no")))) {
                        *field = i;
                        buf_adds(why, i == 3 ? "a date: YYYY-MM-DD, or empty"
                                             : "the day it was done (YYYY-MM-DD), yes, or empty "
                                               "for not done");
                        return false;
                }
        struct action_fields af = {f[0].value, f[1].value, f[2].value,
                                   f[3].value, f[4].value, f[5].value};
        struct diag d = {0};
        if (wb_action_edit(&app->ses.wb, ctx, &af, &d) == 0) {
                diag_free(&d);
                return true;
        }
        diag_why(&d, why);
        *field = field_named(buf_str(why), action_cols, 6);
        return false;
}

/* The selected session or action: its id (to free), whether an action, its
 * row; NULL, said on the status line, when none is selected. */
static char *selected_row(struct app *app, struct view *v, bool *is_action, size_t *row)
{
        if (v->sel >= v->n || !v->lines[v->sel].selectable) {
                app_message(app, true, "select a session or an action first");
                return NULL;
        }
        *is_action = v->lines[v->sel].a == 1;
        const struct sheet *sh = &app->ses.wb.sheets[*is_action ? WB_ACTIONS : WB_SESSIONS];
        *row = (size_t)v->lines[v->sel].b;
        return xstrdup(sheet_get(sh, *row, sheet_col(sh, "id")));
}

/* e on a session or an action: every field of it in a dialog. */
static enum reaction edit_selected(struct app *app, struct view *v)
{
        struct workbook *wb = &app->ses.wb;
        bool is_action;
        size_t row;
        char *id = selected_row(app, v, &is_action, &row);
        if (!id)
                return REACT_NONE;
        enum wb_sheet s = is_action ? WB_ACTIONS : WB_SESSIONS;
        char title[160];
        bool saved;
        if (!is_action) {
                snprintf(title, sizeof title, " Session %s", id);
                struct dialog_field f[] = {
                    {.label = "Date", .init = wb_get(wb, s, row, "date"), .hint = "YYYY-MM-DD"},
                    {.label = "Focus", .init = wb_get(wb, s, row, "focus")},
                    {.label = "Participants",
                     .init = wb_get(wb, s, row, "participants"),
                     .hint = "who took part, separated by ;"},
                    {.label = "Notes", .init = wb_get(wb, s, row, "notes"), .multiline = true}};
                saved = dialog_run(app, title, f, 4, session_accept, id);
                for (int i = 0; i < 4; i++)
                        free(f[i].value);
        } else {
                snprintf(title, sizeof title, " Agreed action %s", id);
                struct dialog_field f[] = {
                    {.label = "Session",
                     .init = wb_get(wb, s, row, "session"),
                     .hint = "the id of the session that agreed it"},
                    {.label = "Objective",
                     .init = wb_get(wb, s, row, "objective"),
                     .multiline = true},
                    {.label = "Success",
                     .init = wb_get(wb, s, row, "success_indicator"),
                     .multiline = true,
                     .hint = "the success indicator: how everyone will know it is done"},
                    {.label = "Due", .init = wb_get(wb, s, row, "due"), .hint = "YYYY-MM-DD"},
                    {.label = "Who", .init = wb_get(wb, s, row, "responsibility")},
                    {.label = "Done",
                     .init = wb_get(wb, s, row, "done"),
                     .hint = "the day it was done (YYYY-MM-DD), or empty: not done"}};
                saved = dialog_run(app, title, f, 6, action_accept, id);
                for (int i = 0; i < 6; i++)
                        free(f[i].value);
        }
        if (saved) {
                char kw[16];
                app_message(app, false, "%s changed (%s saves)", id,
                            keys_first(app, ACT_SAVE, kw, sizeof kw));
                rebuild_select(app, v, is_action, wb_find(wb, s, id));
        }
        free(id);
        return saved ? REACT_MODEL : REACT_NONE;
}

static enum reaction delete_selected(struct app *app, struct view *v)
{
        struct workbook *wb = &app->ses.wb;
        bool is_action;
        size_t row;
        char *id = selected_row(app, v, &is_action, &row);
        if (!id)
                return REACT_NONE;
        enum wb_sheet s = is_action ? WB_ACTIONS : WB_SESSIONS;
        const struct sheet *sh = &wb->sheets[s];
        struct buf what = {0};
        const char *about = sheet_get(sh, row, sheet_col(sh, is_action ? "objective" : "focus"));
        buf_printf(&what, "%s %s (", is_action ? "action" : "session", id);
        edit_words_start(&what, about);
        buf_adds(&what, ")");
        enum reaction r = edit_delete(app, s, id, buf_str(&what));
        buf_free(&what);
        free(id);
        return r;
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        struct workbook *wb = &app->ses.wb;
        (void)ch;
        if (action == ACT_ADD)
                return add_session(app, v);
        if (action == ACT_ADD_ACTION)
                return add_action(app, v);
        if (action == ACT_EDIT)
                return edit_selected(app, v);
        if (action == ACT_DELETE)
                return delete_selected(app, v);
        bool on_action = v->sel < v->n && v->lines[v->sel].selectable && v->lines[v->sel].a == 1;
        if (action == ACT_OPEN && on_action) /* Enter on an action: as the toggle key */
                return loop_act(app, v, ACT_TOGGLE);
        if (action == ACT_TOGGLE && on_action) {
                const struct sheet *as = &wb->sheets[WB_ACTIONS];
                size_t row = (size_t)v->lines[v->sel].b;
                char *id = xstrdup(sheet_get(as, row, sheet_col(as, "id")));
                const char *done = sheet_get(as, row, sheet_col(as, "done"));
                char today[11];
                date_today(today);
                wb_set(wb, WB_ACTIONS, id, "done", *done && !str_ieq(done, "no") ? "" : today);
                free(id);
                return REACT_MODEL;
        }
        return REACT_IGNORED;
}

const struct view_ops view_sessions_ops = {.name = "sessions",
                                           .keymap = {KM_SESSIONS, KM_SESSIONS},
                                           .build = build,
                                           .key = key,
                                           .search = list_search,
                                           .hints = {{ACT_ADD, "add session"},
                                                     {ACT_ADD_ACTION, "add action to it"},
                                                     {ACT_TOGGLE, "done"},
                                                     {ACT_EDIT, "edit"}}};
