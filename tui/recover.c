/* recover.c — the screen's side of "never lose a word": the workbook lock
 * (read-only when someone else holds it), the journal every edit and every
 * half-filled form is written to first, and the recovery dialog on open (a
 * question, the review view, the recovered forms reopened). */
#include "core/fileio.h"
#include "core/journal.h"
#include "core/lock.h"
#include "core/text.h"
#include "core/user.h"
#include "tui/plans.h"
#include "tui/editor.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int journal_hook(void *ctx, const struct wb_edit *e)
{
        struct app *app = ctx;
        return journal_edit(&app->ses.journal, e, e->removes_row);
}

/* The review view: what the journal holds, edit by edit. */
static void review_build(struct app *app, struct view *v, int width)
{
        (void)width;
        const struct journal_pending *p = &app->ses.pending;
        snprintf(v->title, sizeof v->title, "unsaved work found (Esc: back to the question)");
        char what[512];
        journal_pending_describe(p, what, sizeof what);
        vline_add(v, -1, false, 0, 0, "%s", what);
        for (size_t i = 0; i < p->nedits; i++) {
                const struct wb_edit *e = &p->edits[i];
                if (p->removes[i])
                        vline_add(v, CR_NONE, true, 0, 0,
                                  "  %-13s %-6s removed (an undone addition)",
                                  wb_sheet_file[e->sheet], e->id);
                else
                        vline_add(v, CR_NONE, true, 0, 0, "  %-13s %-6s %-12s %s",
                                  wb_sheet_file[e->sheet], e->id, e->col, e->after);
        }
        for (size_t i = 0; i < p->ndrafts; i++) {
                const struct journal_draft *dr = &p->drafts[i];
                vline_add(v, -1, false, 0, 0, "Unfinished form: %s", dr->form);
                for (size_t k = 0; k < dr->cols.n; k++)
                        vline_add(v, CR_NONE, true, 0, 0, "  %-12s %s", dr->cols.v[k],
                                  dr->vals.v[k]);
        }
        if (p->bad_lines)
                vline_add(v, CR_ERROR, false, 0, 0,
                          "%u record%s torn by the crash could not be read (kept in the file)",
                          p->bad_lines, p->bad_lines == 1 ? "" : "s");
}

static enum reaction review_key(struct app *app, struct view *v, enum action act, int key)
{
        (void)app, (void)v, (void)key;
        return act == ACT_BACK || act == ACT_QUIT ? REACT_POP : REACT_IGNORED;
}

static const struct view_ops view_review_ops = {.name = "review",
                                                .flags = VIEW_MODAL,
                                                .build = review_build,
                                                .key = review_key,
                                                .hints = {{ACT_DOWN, "scroll"}}};

/* Shows what the journal holds until the user goes back to the question. */
static void review(struct app *app)
{
        unsigned long id = view_push(app, &view_review_ops, 0)->id;
        loop_run(app, id);
        view_remove(app, view_by_id(app, id));
}

/* Keeps a discarded journal beside the workbook rather than deleting words:
 * .capbook-journal.discarded-LOGIN-STAMP.csv (the dot after "journal" keeps it
 * from being taken for someone's pending journal, .capbook-journal-LOGIN.csv). */
static void set_aside(struct app *app)
{
        char stamp[32], login[64], name[160];
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        user_login_for_file(login, sizeof login);
        snprintf(name, sizeof name, ".capbook-journal.discarded-%s-%s.csv", login, stamp);
        char *to = path_join(app->ses.wb.dir, name);
        if (rename(app->ses.journal.path, to) != 0)
                app_message(app, true, "could not set the journal aside; it is kept");
        else
                app_message(app, false, "unsaved work set aside in %s", name);
        free(to);
}

/* Read-only from now on, why (for the header) and the message (whole). */
static void read_only(struct app *app, const char *why, const char *msg)
{
        app->ses.readonly = true;
        snprintf(app->ses.readonly_why, sizeof app->ses.readonly_why, "%s", why);
        app_message(app, true, "read-only: %s", msg ? msg : why);
}

static void take_lock(struct app *app)
{
        struct session *s = &app->ses;
        struct lock_info li;
        char err[256], who[512], q[700];
        enum lock_result lr =
            lock_take(&s->lock, s->wb.dir, s->wb.file_mode, false, &li, err, sizeof err);
        if (lr == LOCK_STALE) {
                if (li.broken)
                        snprintf(q, sizeof q,
                                 "Take over a stale lock? (y)es (r)ead-only: its file is empty or "
                                 "unreadable, unchanged since %s",
                                 *li.since ? li.since : "an unknown time");
                else {
                        lock_describe(&li, who, sizeof who);
                        snprintf(q, sizeof q, "Take over a stale lock? (y)es (r)ead-only: %s, gone",
                                 who);
                }
                if (prompt_choice(app, q, "yr") == 'y')
                        lr = lock_take(&s->lock, s->wb.dir, s->wb.file_mode, true, &li, err,
                                       sizeof err);
        }
        char why[200], msg[700];
        switch (lr) {
        case LOCK_TAKEN:
                file_clean_temps(s->wb.dir); /* left by a save that was killed */
                break;
        case LOCK_HELD:
        case LOCK_STALE:
                lock_describe(&li, who, sizeof who);
                snprintf(why, sizeof why, "open for writing by %s", *li.user ? li.user : "someone");
                snprintf(msg, sizeof msg, "open for writing by %s", who);
                read_only(app, why, msg);
                break;
        case LOCK_FAILED: read_only(app, err, NULL); break;
        }
}

/* Reopens the forms a crash interrupted, the first on top. */
static void reopen_forms(struct app *app)
{
        const struct journal_pending *p = &app->ses.pending;
        for (size_t i = p->ndrafts; i-- > 0;)
                if (!rowform_open_draft(app, p->drafts[i].form, &p->drafts[i].cols,
                                        &p->drafts[i].vals))
                        form_open_draft(app, p->drafts[i].form, &p->drafts[i].cols,
                                        &p->drafts[i].vals);
}

void recover_open(struct app *app)
{
        struct session *s = &app->ses;
        journal_init(&s->journal, s->wb.dir, s->wb.file_mode);
        if (s->readonly) /* -r */
                snprintf(s->readonly_why, sizeof s->readonly_why, "opened with -r");
        if (s->wb.single_sheet)
                return; /* one loose CSV: no folder of its own to journal into */
        /* what the permissions forbid is said as they say it, before any lock */
        char why[300];
        if (!s->readonly && workbook_readonly_reason(&s->wb, why, sizeof why))
                read_only(app, why, NULL);
        if (!s->readonly)
                take_lock(app);
        if (s->readonly)
                return;
        /* copies an older capbook saved beside a sheet go into the conflict record */
        struct diag cd = {0};
        size_t moved = conflict_import_mine(&s->wb, &cd);
        if (cd.n) {
                char *m = diag_format(&cd.v[0]);
                app_message_add(app, true, "%s", m);
                free(m);
        } else if (moved) {
                app_message_add(app, false,
                                "%zu field%s from an older save's copy moved into the "
                                "conflict list",
                                moved, moved == 1 ? "" : "s");
        }
        diag_free(&cd);
        s->wb.before_edit = journal_hook;
        s->wb.before_edit_ctx = app;
        struct diag d = {0};
        if (!journal_pending_read(s->wb.dir, &s->pending, &d)) {
                diag_free(&d);
                return;
        }
        diag_free(&d);
        char what[512], q[700];
        journal_pending_describe(&s->pending, what, sizeof what);
        snprintf(q, sizeof q, "Recover unsaved work? (r)ecover (v)iew (d)iscard: %s", what);
        int k;
        while ((k = prompt_choice(app, q, "rvd")) == 'v')
                review(app);
        if (k == 'd') {
                set_aside(app);
                journal_pending_free(&s->pending);
                return;
        }
        if (k != 'r') {
                /* Esc or a hang-up: leave the journal for next time, edit nothing */
                s->wb.before_edit = NULL;
                lock_release(&s->lock);
                read_only(app, "unsaved work left for recovery next time", NULL);
                journal_pending_free(&s->pending);
                return;
        }
        /* the replayed edits are in the journal already: apply them unjournalled */
        s->wb.before_edit = NULL;
        struct diag rd = {0};
        size_t n = journal_replay(&s->wb, &s->pending, &rd);
        s->wb.before_edit = journal_hook;
        loop_model(app, false);
        if (rd.n) {
                char *m = diag_format(&rd.v[0]);
                app_message(app, true, "recovered %zu edits; %s", n, m);
                free(m);
        } else {
                app_message(app, false, "recovered %zu edit%s (w saves them)", n,
                            n == 1 ? "" : "s");
        }
        diag_free(&rd);
        /* the recovered forms (s->pending's drafts) reopen in recover_forms */
}

void recover_forms(struct app *app)
{
        reopen_forms(app);
        journal_pending_free(&app->ses.pending);
}

void recover_saved(struct app *app)
{
        if (!app->ses.readonly && !workbook_dirty(&app->ses.wb))
                journal_clear(&app->ses.journal);
}

void recover_close(struct app *app, bool discarded)
{
        struct session *s = &app->ses;
        /* nothing unsaved (or the user chose to drop it): no journal left behind;
         * after a hang-up or a kill signal, or with a form still open, it stays */
        if (!s->readonly && s->wb.before_edit && !term_signal && !s->open_forms &&
            (discarded || !workbook_dirty(&s->wb)))
                journal_clear(&s->journal);
        journal_close(&s->journal);
        journal_pending_free(&s->pending);
        lock_release(&s->lock);
        s->wb.before_edit = NULL;
}

void recover_form(struct app *app, const char *form, const char *const *cols,
                  const char *const *vals, unsigned n, bool sync)
{
        if (app->ses.readonly || !app->ses.wb.before_edit)
                return;
        journal_draft(&app->ses.journal, form, cols, vals, n, sync);
}

void recover_form_done(struct app *app, const char *form)
{
        if (app->ses.readonly || !app->ses.wb.before_edit)
                return;
        journal_draft_end(&app->ses.journal, form);
}

static uint64_t text_hash(const struct buf *b)
{
        uint64_t h = 1469598103934665603ULL; /* FNV-1a */
        for (size_t k = 0; k < b->len; k++)
                h = (h ^ (unsigned char)b->s[k]) * 1099511628211ULL;
        return h;
}

uint64_t draft_hash(const struct editor *ed, int n)
{
        uint64_t h = 0;
        for (int i = 0; i < n; i++)
                h = h * 31 + text_hash(&ed[i].text);
        return h;
}

void draft_journal(struct app *app, struct form_draft *dr, const char *form,
                   const struct editor *ed, const char *const *cols, int n, int cur, bool force)
{
        uint64_t h = draft_hash(ed, n);
        if (h == dr->hash || n > DRAFT_FIELDS)
                return;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ms =
            (now.tv_sec - dr->time.tv_sec) * 1000L + (now.tv_nsec - dr->time.tv_nsec) / 1000000L;
        bool moved = cur != dr->cur;
        if (!force && !moved && ms < 1000)
                return;
        const char *c[DRAFT_FIELDS], *v[DRAFT_FIELDS];
        unsigned k = 0;
        for (int i = 0; i < n; i++) {
                uint64_t fh = text_hash(&ed[i].text);
                if (fh == dr->field[i])
                        continue;
                dr->field[i] = fh;
                c[k] = cols[i];
                v[k++] = ed[i].text.len ? ed[i].text.s : "";
        }
        recover_form(app, form, c, v, k, force || moved);
        dr->hash = h;
        dr->cur = cur;
        dr->time = now;
}
