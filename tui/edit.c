/* edit.c — the editing commands of the full screen: save, undo and redo, add a
 * reference to an entry (cross-reference), an entry's or a unit's status, and
 * sign-off. Each asks what it needs on the status line, changes the workbook
 * through core/, and says what it did. */
#include "core/fileio.h"
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

/* What a save did beyond saving, for the status line: the rows it renumbered
 * ("E15 is now E16: E15 was added on disk too") and the fields it set aside as
 * conflicts; short forms when the long ones do not fit. False: nothing of that. */
static bool save_news(struct app *app, size_t set_aside, bool brief, struct buf *out)
{
        const struct workbook *wb = &app->ses.wb;
        size_t shown = 0;
        for (size_t i = 0; i < wb->nrenumbered && shown < 2; i++, shown++) {
                const struct wb_renumbered *r = &wb->renumbered[i];
                if (brief)
                        buf_printf(out, "; %s is now %s (added on disk too)", text_safe(r->from),
                                   text_safe(r->to));
                else
                        buf_printf(out, "; %s is now %s: %s was added on disk too",
                                   text_safe(r->from), text_safe(r->to), text_safe(r->from));
        }
        if (wb->nrenumbered > shown)
                buf_printf(out, "; %zu more renumbered", wb->nrenumbered - shown);
        char k[16];
        keys_first_in(app, KM_MAIN, ACT_CONFLICTS, k, sizeof k);
        if (set_aside && brief)
                buf_printf(out, "; %zu set aside (%s: conflicts)", set_aside, k);
        else if (set_aside)
                buf_printf(out, "; %zu field%s set aside as conflicts (%s: the list)", set_aside,
                           set_aside == 1 ? "" : "s", k);
        return wb->nrenumbered || set_aside;
}

bool edit_save(struct app *app)
{
        if (app->ses.readonly) {
                app_message(app, true, "read-only: not saved (%s)",
                            *app->ses.readonly_why ? app->ses.readonly_why : "read-only");
                return false;
        }
        struct workbook *wb = &app->ses.wb;
        struct diag d = {0};
        workbook_office_locks(wb, &d);
        if (d.n) {
                char *m = diag_format(&d.v[0]);
                char q[700];
                snprintf(q, sizeof q, "%s. Save anyway? (y)es (n)o", m);
                free(m);
                diag_clear(&d);
                if (prompt_choice(app, q, "yn") != 'y') {
                        diag_free(&d);
                        app_message(app, true, "not saved");
                        return false;
                }
        }
        /* a merge with a version changed on disk may renumber the selected entry */
        char *selected = panes_entry_id(app);
        int rc = workbook_save(wb, &d);
        size_t removed = 0;
        size_t set_aside = conflicts_after_save(app, rc == 0, &removed, &d);
        loop_model(app, false);
        if (selected)
                panes_follow_entry(app, wb_renumbered_id(wb, WB_EVIDENCE, selected));
        free(selected);
        size_t worst = 0;
        for (size_t i = 0; i < d.n; i++)
                if (d.v[i].level > d.v[worst].level)
                        worst = i;
        /* the status line is short: the sheet's name, not its whole path */
        const char *file = d.n && d.v[worst].file ? path_basename(d.v[worst].file) : "";
        struct buf news = {0};
        if (rc < 0 && d.n) {
                app_message(app, true, "not saved: %s: %s", text_safe(file),
                            text_safe(d.v[worst].msg));
        } else if (save_news(app, set_aside, false, &news)) {
                if ((int)text_width(news.s) + 5 > app->term.cols) {
                        buf_reset(&news);
                        save_news(app, set_aside, true, &news);
                }
                app_message(app, set_aside > 0, "saved%s", news.s);
        } else if (d.n) {
                app_message(app, false, "saved; %s: %s", text_safe(file),
                            text_safe(d.v[worst].msg));
        } else if (removed) {
                app_message(app, false, "saved; %zu resolved conflict%s left the list", removed,
                            removed == 1 ? "" : "s");
        } else {
                app_message(app, false, "saved %s", wb->dir);
        }
        buf_free(&news);
        diag_free(&d);
        if (rc == 0)
                recover_saved(app);
        return rc == 0;
}

enum reaction edit_undo(struct app *app, bool redo)
{
        if (!(redo ? wb_redo(&app->ses.wb) : wb_undo(&app->ses.wb))) {
                app_message(app, true, redo ? "nothing to redo" : "nothing to undo");
                return REACT_NONE;
        }
        app_message(app, false, redo ? "redone" : "undone");
        return REACT_MODEL;
}

static const char *entry_id(struct app *app, long entry)
{
        return entry_get(&app->ses.wb, &app->ses.wb.entries[entry], "id");
}

enum reaction edit_cross_reference(struct app *app, long entry, const char *cap_code,
                                   const char *nos_code)
{
        char *id = xstrdup(entry_id(app, entry));
        /* name the entry and both codes: nothing is linked by surprise */
        char q[200];
        snprintf(q, sizeof q, "%s also counts for: (c) %s  (n) %s  Esc cancels", id,
                 cap_code ? cap_code : "-", nos_code ? nos_code : "-");
        int k = prompt_choice(app, q, "cn");
        const char *code = k == 'c' ? cap_code : k == 'n' ? nos_code : NULL;
        enum reaction r = REACT_NONE;
        struct diag d = {0};
        if (code && wb_link(&app->ses.wb, id, code, &d) == 0) {
                app_message(app, false, "%s now also counts for %s", id, code);
                r = REACT_MODEL;
        } else if (d.n) {
                char *m = diag_format(&d.v[0]);
                app_message(app, true, "%s", m);
                free(m);
        }
        diag_free(&d);
        free(id);
        return r;
}

enum reaction edit_unit_status(struct app *app, int unit)
{
        struct workbook *wb = &app->ses.wb;
        int k = prompt_choice(
            app, "Unit status: (p)lanned (i)n progress (a)chieved (c)redit transfer (r)emove?",
            "piacr");
        static const char letters[] = "piac";
        const char *code = wb->fw.units[unit].code;
        if (k && k != 'r')
                wb_set(wb, WB_UNITS, code, "status",
                       unit_status_name[strchr(letters, k) - letters + 1]);
        else if (k == 'r' && wb_find(wb, WB_UNITS, code) >= 0)
                wb_set(wb, WB_UNITS, code, "status", "");
        return k ? REACT_MODEL : REACT_NONE;
}

enum reaction edit_entry_status(struct app *app, long entry)
{
        struct workbook *wb = &app->ses.wb;
        int k = prompt_choice(app, "Status: (p)lanned (a)ctual (u) needs update (n)ot applicable?",
                              "paun");
        if (!k)
                return REACT_NONE;
        char *id = xstrdup(entry_id(app, entry));
        static const char letters[] = "paun";
        const char *st = ev_status_name[strchr(letters, k) - letters];
        char *why = NULL;
        if (k == 'n') {
                why = prompt_line(app, "Why is it not applicable? ",
                                  entry_get(wb, &wb->entries[entry], "rationale"));
                if (!why || !*why) {
                        app_message(app, true, "n/a needs a rationale: status unchanged");
                        free(why);
                        free(id);
                        return REACT_NONE;
                }
        }
        wb_begin(wb);
        wb_set(wb, WB_EVIDENCE, id, "status", st);
        if (why)
                wb_set(wb, WB_EVIDENCE, id, "rationale", why);
        wb_end(wb);
        app_message(app, false, "%s is now %s", id, st);
        free(why);
        free(id);
        return REACT_MODEL;
}

enum reaction edit_sign_off(struct app *app, long entry)
{
        struct workbook *wb = &app->ses.wb;
        char *id = xstrdup(entry_id(app, entry));
        enum reaction r = REACT_NONE;
        char *who = prompt_line(app, "Signed off by: ", *wb->supervisor ? wb->supervisor : "");
        if (who && *who) {
                char today[11];
                date_today(today);
                char *when = prompt_line(app, "On (YYYY-MM-DD): ", today);
                if (when && date_valid(when)) {
                        wb_begin(wb);
                        wb_set(wb, WB_EVIDENCE, id, "signed_by", who);
                        wb_set(wb, WB_EVIDENCE, id, "signed_on", when);
                        wb_end(wb);
                        app_message(app, false, "%s signed off by %s on %s", id, who, when);
                        r = REACT_MODEL;
                } else if (when) {
                        app_message(app, true, "not a date (YYYY-MM-DD): not signed");
                }
                free(when);
        }
        free(who);
        free(id);
        return r;
}
