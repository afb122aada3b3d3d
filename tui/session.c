/* session.c — the workbook the full screen has open: opening one (and closing
 * the last, asking first about unsaved changes), coverage and the link index
 * kept in step with it, and the question before quitting. */
#include "core/fileio.h"
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

void session_refresh(struct app *app)
{
        struct session *s = &app->ses;
        if (!s->have_wb)
                return;
        coverage_free(&s->cov);
        link_index_free(&s->lx);
        coverage_compute(&s->wb, s->wb.stage_index, &s->cov);
        link_index_build(&s->wb, &s->lx);
        conflicts_sync(app); /* an undo may have taken a pick back */
}

void session_close(struct app *app)
{
        struct session *s = &app->ses;
        if (!s->have_wb)
                return;
        recover_close(app, s->discarded);
        conflicts_free(app);
        s->discarded = false;
        s->readonly_why[0] = '\0';
        coverage_free(&s->cov);
        link_index_free(&s->lx);
        workbook_free(&s->wb);
        s->have_wb = false;
}

bool session_close_ok(struct app *app, const char *question)
{
        struct session *s = &app->ses;
        if (!s->have_wb || s->readonly || !workbook_dirty(&s->wb))
                return true;
        int k = prompt_choice(app, question, "ync");
        if (k == 'y')
                return edit_save(app);
        if (k == 'n')
                s->discarded = true;
        return k == 'n';
}

bool session_quit_ok(struct app *app)
{
        return session_close_ok(app, "Save changes before quitting? (y)es (n)o, discard (c)ancel");
}

/* Another member's unsaved edits in a shared workbook: said, so that nobody
 * is surprised by them later (who and since when, never what). */
static void others_pending(struct app *app)
{
        if (app->ses.wb.single_sheet)
                return;
        struct journal_other *o;
        size_t n = journal_others_pending(app->ses.wb.dir, &o);
        for (size_t i = 0; i < n; i++) {
                char what[160];
                journal_other_describe(&o[i], what, sizeof what);
                app_message_add(app, false, "%s", what);
        }
        free(o);
}

bool session_open(struct app *app, const char *path)
{
        struct session *s = &app->ses;
        if (!session_close_ok(app,
                              "Save changes to this workbook first? (y)es (n)o, discard (c)ancel"))
                return false;
        struct workbook wb;
        struct diag d = {0};
        struct wb_options o = {(unsigned)s->cfg.num[OPT_FILE_MODE], s->cfg.num[OPT_NEW_FILES] == 1};
        if (workbook_open(&wb, path, &o, &d) < 0) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("cannot open");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                if (wb.dir)
                        workbook_free(&wb);
                return false;
        }
        session_close(app);
        s->wb = wb;
        s->have_wb = true;
        s->readonly = s->opts->readonly;
        loop_model(app, true);
        size_t problems = diag_count(&d, DIAG_WARN);
        if (problems) {
                char *m = diag_format(&d.v[0]);
                app_message(app, true, "%zu problem%s (capbook check lists them): %s", problems,
                            problems == 1 ? "" : "s", m);
                free(m);
        } else {
                app->msg[0] = '\0';
        }
        diag_free(&d);
        recover_open(app);
        conflicts_open(app);
        others_pending(app);
        recover_forms(app);
        return true;
}
