/* loop.c — the one event loop: a stack of views, each drawn and given keys in
 * turn; resize, signals, "terminal too small", read-only and "needs an entry"
 * handled here once; what a key handler asks for (repaint, a model refresh, a
 * pop) done here once; and timers, after a delay or once input is idle. */
#include "core/text.h"
#include "tui/plans.h"
#include "tui/ui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void app_message(struct app *app, bool error, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(app->msg, sizeof app->msg, fmt, ap);
        va_end(ap);
        app->msg_error = error;
}

void app_message_add(struct app *app, bool error, const char *fmt, ...)
{
        size_t len = strlen(app->msg);
        if (len && len + 2 < sizeof app->msg) {
                memcpy(app->msg + len, "; ", 3);
                len += 2;
        }
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(app->msg + len, sizeof app->msg - len, fmt, ap);
        va_end(ap);
        app->msg_error |= error;
}

/* --- the stack ---------------------------------------------------------------- */

struct view *view_by_id(struct app *app, unsigned long id)
{
        for (int i = 0; i < app->nviews; i++)
                if (app->views[i]->id == id)
                        return app->views[i];
        return NULL;
}

struct view *view_top(struct app *app)
{
        return app->nviews ? app->views[app->nviews - 1] : NULL;
}

struct view *view_push(struct app *app, const struct view_ops *ops, int arg)
{
        if (app->nviews == (int)(sizeof app->views / sizeof *app->views))
                view_remove(app, view_top(app));
        struct view *v = xcalloc(1, sizeof *v);
        v->ops = ops;
        v->arg = arg;
        v->stale = true;
        v->id = ++app->last_id;
        app->views[app->nviews++] = v;
        return v;
}

static void timers_drop(struct app *app, unsigned long view)
{
        size_t k = 0;
        for (size_t i = 0; i < app->ntimers; i++)
                if (app->timers[i].view != view)
                        app->timers[k++] = app->timers[i];
        app->ntimers = k;
}

static void view_free(struct app *app, struct view *v, bool ending)
{
        if (v->ops->done)
                v->ops->done(app, v, ending);
        timers_drop(app, v->id);
        view_clear(v);
        free(v);
}

void view_remove(struct app *app, struct view *v)
{
        for (int i = 0; v && i < app->nviews; i++) {
                if (app->views[i] != v)
                        continue;
                memmove(&app->views[i], &app->views[i + 1],
                        (size_t)(app->nviews - i - 1) * sizeof *app->views);
                app->nviews--;
                view_free(app, v, false);
                return;
        }
}

void loop_close_all(struct app *app)
{
        while (app->nviews) {
                struct view *v = app->views[--app->nviews];
                view_free(app, v, true);
        }
        free(app->timers);
        app->timers = NULL;
        app->ntimers = 0;
}

void loop_model(struct app *app, bool fresh)
{
        session_refresh(app);
        for (int i = 0; i < app->nviews; i++) {
                struct view *v = app->views[i];
                if (v->ops->model)
                        v->ops->model(app, v, fresh);
                else
                        v->stale = true;
        }
}

/* --- timers ------------------------------------------------------------------ */

static long long now_ms(void)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void loop_timer(struct app *app, struct view *v, int ms, bool idle, timer_fn fire)
{
        unsigned long id = v ? v->id : 0;
        struct timer *t = NULL;
        for (size_t i = 0; i < app->ntimers && !t; i++)
                if (app->timers[i].view == id && app->timers[i].fire == fire)
                        t = &app->timers[i];
        if (!t) {
                app->timers = xrealloc(app->timers, (app->ntimers + 1) * sizeof *app->timers);
                t = &app->timers[app->ntimers++];
        }
        *t = (struct timer){id, now_ms() + ms, idle ? ms : 0, fire};
}

/* How long the next key may be waited for: until the first timer is due. */
static int timers_wait(const struct app *app)
{
        if (!app->ntimers)
                return -1;
        long long first = app->timers[0].due;
        for (size_t i = 1; i < app->ntimers; i++)
                if (app->timers[i].due < first)
                        first = app->timers[i].due;
        long long left = first - now_ms();
        return left < 0 ? 0 : left > 1 << 30 ? 1 << 30 : (int)left;
}

static void timers_put_off(struct app *app)
{
        long long now = now_ms();
        for (size_t i = 0; i < app->ntimers; i++)
                if (app->timers[i].idle_ms)
                        app->timers[i].due = now + app->timers[i].idle_ms;
}

/* Fires the timers that are due, each once (a timer may set itself again). */
static enum reaction timers_fire(struct app *app)
{
        enum reaction r = REACT_NONE;
        for (;;) {
                long long now = now_ms();
                size_t i = 0;
                while (i < app->ntimers && app->timers[i].due > now)
                        i++;
                if (i == app->ntimers)
                        return r;
                struct timer t = app->timers[i];
                app->timers[i] = app->timers[--app->ntimers];
                struct view *v = t.view ? view_by_id(app, t.view) : NULL;
                if (!t.view || v)
                        r |= t.fire(app, v);
        }
}

/* --- drawing ----------------------------------------------------------------- */

static void too_small(struct app *app, const char *question)
{
        struct tui_term *t = &app->term;
        char s[80];
        snprintf(s, sizeof s, "terminal too small (%dx%d, need %dx%d)", t->cols, t->rows, MIN_COLS,
                 MIN_ROWS);
        erase();
        /* wrapped, so that even a very narrow terminal shows all of it */
        int y = ui_wrap(t, 0, 0, t->cols, t->rows, s, A_NORMAL);
        if (question && y + 1 < t->rows)
                ui_wrap(t, y + 1, 0, t->cols, t->rows - y - 1, question, A_BOLD);
        move(0, 0);
        refresh();
}

static void draw_view(struct app *app, int i)
{
        struct view *v = app->views[i];
        if ((v->ops->flags & VIEW_OVERLAY) && i > 0)
                draw_view(app, i - 1);
        if (v->ops->draw)
                v->ops->draw(app, v);
        else
                list_draw(app, v);
}

static void loop_draw(struct app *app)
{
        struct tui_term *t = &app->term;
        struct view *v = view_top(app);
        term_size(t);
        erase();
        if (t->too_small) {
                too_small(app, v && (v->ops->flags & VIEW_SMALL_OK) ? v->question : NULL);
                return;
        }
        t->cursor_y = t->rows - 1;
        t->cursor_x = 0;
        if (v)
                draw_view(app, app->nviews - 1);
        move(t->cursor_y, t->cursor_x);
        refresh();
}

/* --- keys -------------------------------------------------------------------- */

static void search_again(struct app *app, struct view *v, int dir)
{
        if (!app->search || !*app->search)
                app_message(app, true, "no search yet (/ starts one)");
        else if (!v->ops->search(app, v, app->search, dir))
                app_message(app, true, "not found: %s", app->search);
}

/* The keys every screen has, when its view has not taken them. */
static enum reaction loop_own(struct app *app, struct view *v, enum action act)
{
        if (act == ACT_HELP) {
                if (v->ops != &view_help_ops)
                        view_push(app, &view_help_ops, v->ops->keymap[0]);
                return REACT_NONE;
        }
        if (v->ops->flags & VIEW_MODAL)
                return REACT_NONE;
        switch (act) {
        case ACT_QUIT:
                /* q leaves a view, as Esc does; at the bottom (or where a caseload
                 * session starts) it quits */
                if (app->nviews > 1 && !(v->ops->flags & VIEW_QUITS))
                        return REACT_POP;
                if (session_quit_ok(app))
                        app->quit = true;
                return REACT_NONE;
        case ACT_BACK: return app->nviews > 1 ? REACT_POP : REACT_NONE;
        case ACT_SAVE: /* w, u and ^R work in every view */
                if (app->ses.have_wb)
                        edit_save(app);
                return REACT_NONE;
        case ACT_UNDO:
        case ACT_REDO: return app->ses.have_wb ? edit_undo(app, act == ACT_REDO) : REACT_NONE;
        case ACT_SEARCH: {
                if (!v->ops->search)
                        return REACT_NONE;
                unsigned long id = v->id;
                char *s = prompt_line(app, "/", app->search ? app->search : "");
                if (s && *s && view_by_id(app, id)) {
                        free(app->search);
                        app->search = s;
                        search_again(app, v, 1);
                } else {
                        free(s);
                }
                return REACT_NONE;
        }
        case ACT_SEARCH_NEXT:
        case ACT_SEARCH_PREV:
                if (v->ops->search)
                        search_again(app, v, act == ACT_SEARCH_NEXT ? 1 : -1);
                return REACT_NONE;
        case ACT_SPEC:
        case ACT_PDP:
        case ACT_CPD:
        case ACT_MAP: return plans_open(app, v, act);
        default: return REACT_NONE;
        }
}

static void react(struct app *app, unsigned long id, enum reaction r)
{
        if (r & REACT_MODEL)
                loop_model(app, false);
        if (r & REACT_POP)
                view_remove(app, view_by_id(app, id));
}

static const char *readonly_refusal(unsigned flags, bool modal)
{
        if (modal)
                return "read-only: nothing can be changed (Esc closes)";
        return (flags & ACTF_ADDS) == ACTF_ADDS ? "read-only: cannot add"
                                                : "read-only: nothing changed";
}

/* The action on view v, once what it needs is checked: the workbook open for
 * writing when it changes it, an entry selected when it works on one. */
static enum reaction act_checked(struct app *app, struct view *v, enum action act, int key)
{
        unsigned flags = action_info[act].flags;
        if ((flags & ACTF_CHANGES) && app->ses.have_wb && app->ses.readonly) {
                app_message(app, true, "%s", readonly_refusal(flags, v->ops->flags & VIEW_MODAL));
                return REACT_NONE;
        }
        if ((flags & ACTF_ENTRY) && v->ops->entry && v->ops->entry(app, v) < 0) {
                app_message(app, true, "%s",
                            v->ops->entry_hint ? v->ops->entry_hint : "select an entry first");
                return REACT_NONE;
        }
        unsigned long id = v->id;
        enum reaction r = v->ops->build ? list_key(app, v, act) : REACT_IGNORED;
        if ((r & REACT_IGNORED) && v->ops->key)
                r = v->ops->key(app, v, act, key);
        if ((r & REACT_IGNORED) && view_by_id(app, id))
                r = loop_own(app, v, act);
        return r;
}

enum reaction loop_act(struct app *app, struct view *v, enum action act)
{
        return act_checked(app, v, act, 0);
}

static void dispatch(struct app *app, int key)
{
        struct view *v = view_top(app);
        if (!v || key == KEY_RESIZE)
                return;
        app->msg[0] = '\0';
        enum action act = keys_action(app, v->ops, key);
        if (act == ACT_SUSPEND) {
                term_suspend(&app->term);
                return;
        }
        if (act == ACT_REDRAW) {
                clearok(curscr, TRUE);
                return;
        }
        if (app->term.too_small && !(v->ops->flags & VIEW_SMALL_OK)) {
                /* nothing to act on but quitting (asking first if need be) */
                if (!(v->ops->flags & VIEW_MODAL) && act == ACT_QUIT && session_quit_ok(app))
                        app->quit = true;
                return;
        }
        unsigned long id = v->id;
        react(app, id, act_checked(app, v, act, key));
}

/* SIGINT: quit, asking first when something is unsaved. */
static void interrupt(struct app *app)
{
        term_signal = 0;
        if (session_quit_ok(app))
                app->quit = true;
}

void loop_run(struct app *app, unsigned long until)
{
        bool paint = true;
        while (!app->quit && !term_signal && (!until || view_by_id(app, until))) {
                if (paint)
                        loop_draw(app);
                int key = term_read_key(&app->term, timers_wait(app));
                if (key == TERM_GONE) {
                        if (term_signal != SIGINT)
                                break; /* hang-up or terminate */
                        interrupt(app);
                        paint = true;
                        continue;
                }
                if (key != TERM_IDLE)
                        timers_put_off(app);
                enum reaction r = timers_fire(app);
                if (r & REACT_MODEL)
                        loop_model(app, false);
                paint = key != TERM_IDLE || (r & (REACT_REDRAW | REACT_MODEL));
                if (key != TERM_IDLE)
                        dispatch(app, key);
        }
}
