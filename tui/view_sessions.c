/* view_sessions.c — supervision sessions with their agreed actions: add a
 * session (date, focus, participants, notes), add actions (objective, success
 * indicator, due, who), mark them done; overdue actions are flagged. */
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
        if (!ss->nrows)
                vline_add(v, CR_NONE, false, 0, 0, "No sessions yet: %s adds one.", ka);
        for (size_t i = 0; i < ss->nrows; i++) {
                if (ss->rows[i].bad)
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
                        if (as->rows[k].bad ||
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

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        struct workbook *wb = &app->ses.wb;
        (void)ch;
        if (action == ACT_ADD)
                return add_session(app, v);
        if (action == ACT_ADD_ACTION)
                return add_action(app, v);
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
                                                     {ACT_TOGGLE, "done"}}};
