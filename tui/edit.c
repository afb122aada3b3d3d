/* edit.c — the editing commands of the full screen: save, undo and redo, add a
 * reference to an entry (cross-reference), an entry's or a unit's status,
 * sign-off (and the question before a signed entry changes), and the report
 * written into the workbook folder. Each asks what it needs on the status line,
 * changes the workbook through core/, and says what it did. */
#include "core/fileio.h"
#include "core/signoff.h"
#include "core/text.h"
#include "core/user.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
        bool voids = false;
        if (code && !edit_signed_ask(app, id, k == 'c' ? "indicators" : "elements", &voids)) {
                free(id);
                return REACT_NONE;
        }
        wb_begin(&app->ses.wb);
        if (code && voids)
                signoff_void(&app->ses.wb, id, &d);
        int linked = code ? wb_link(&app->ses.wb, id, code, &d) : -1;
        wb_end(&app->ses.wb);
        if (linked == 0) {
                app_message(app, false, "%s now also counts for %s%s", id, code,
                            voids ? "; its sign-off is voided" : "");
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
        if (!k)
                return REACT_NONE;
        /* removed: not chosen, its row gone from units.csv on save */
        enum unit_status to =
            k == 'r' ? US_NONE : (enum unit_status)(strchr(letters, k) - letters + 1);
        wb_unit_set_status(wb, unit, to);
        app_message(app, false, "%s: %s", wb->fw.units[unit].code, unit_status_label[to]);
        return REACT_MODEL;
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
        bool voids = false;
        if (!edit_signed_ask(app, id, why ? "status and rationale" : "status", &voids)) {
                free(why);
                free(id);
                return REACT_NONE;
        }
        struct diag d = {0};
        wb_begin(wb);
        if (voids)
                signoff_void(wb, id, &d);
        wb_set(wb, WB_EVIDENCE, id, "status", st);
        if (why)
                wb_set(wb, WB_EVIDENCE, id, "rationale", why);
        wb_end(wb);
        diag_free(&d);
        app_message(app, false, "%s is now %s%s", id, st,
                    voids ? "; its sign-off is voided (history.csv records it on save)" : "");
        free(why);
        free(id);
        return REACT_MODEL;
}

bool edit_signed_ask(struct app *app, const char *id, const char *what, bool *voids)
{
        struct workbook *wb = &app->ses.wb;
        long e = wb_entry_by_id(wb, id);
        *voids = false;
        if (e < 0 || !signoff_present(wb, (size_t)e))
                return true;
        struct signoff_status st;
        signoff_verify(wb, (size_t)e, &st);
        /* the longest question that fits the status line: the answers must show */
        char q[3][700];
        snprintf(q[0], sizeof q[0],
                 "%s is signed off by %s%s%s: void it to change its %s? (y)es (n)o", id,
                 *st.by ? st.by : "someone", *st.on ? " on " : "", st.on, what);
        snprintf(q[1], sizeof q[1], "%s is signed off: void it to change its %s? (y)es (n)o", id,
                 what);
        snprintf(q[2], sizeof q[2], "Void %s's sign-off to change it? (y)es (n)o", id);
        int k = 0;
        while (k < 2 && (int)text_width(q[k]) >= app->term.cols)
                k++;
        if (prompt_choice(app, q[k], "yn") != 'y') {
                app_message(app, true, "%s unchanged: still signed off", id);
                return false;
        }
        *voids = true;
        return true;
}

enum reaction edit_sign_off(struct app *app, long entry)
{
        struct workbook *wb = &app->ses.wb;
        char *id = xstrdup(entry_id(app, entry));
        char login[64], name[256];
        user_login(login, sizeof login);
        /* a refusal is said before anything is asked, not at the next save */
        if (!signoff_may_sign(wb, login)) {
                struct buf who = {0};
                strlist_join(&wb->assessors, &who);
                app_message(app, true,
                            "%s not signed off: you are logged in as %s, and [candidate] "
                            "assessors names only %s",
                            id, login, buf_str(&who));
                buf_free(&who);
                free(id);
                return REACT_NONE;
        }
        user_full_name(name, sizeof name);
        const char *guess = *wb->assessor ? wb->assessor : *wb->supervisor ? wb->supervisor : name;
        enum reaction r = REACT_NONE;
        char *who = prompt_line(app, "Signed off by: ", guess);
        if (who && *who) {
                char today[11];
                date_today(today);
                char *when = prompt_line(app, "On (YYYY-MM-DD): ", today);
                struct diag d = {0};
                enum sign_result sr = when ? signoff_sign(wb, id, who, when, &d) : SIGN_REFUSED;
                bool own = *wb->login && strcmp(login, wb->login) == 0;
                if (sr == SIGN_OK) {
                        app_message(app, false, "%s signed off by %s on %s%s", id, who, when,
                                    own ? " (from the candidate's own login)" : "");
                        r = REACT_MODEL;
                } else if (sr == SIGN_BAD_DATE) {
                        app_message(app, true, "not a date (YYYY-MM-DD): not signed");
                } else if (d.n) {
                        app_message(app, true, "%s", d.v[0].msg);
                }
                diag_free(&d);
                free(when);
        }
        free(who);
        free(id);
        return r;
}

enum reaction edit_delete(struct app *app, enum wb_sheet s, const char *id, const char *what)
{
        struct workbook *wb = &app->ses.wb;
        char *mine = xstrdup(id); /* id may be a cell the deletion empties */
        struct buf q = {0}, why = {0};
        buf_printf(&q, "Delete %s? (y)es (n)o", what);
        enum reaction r = REACT_NONE;
        if (prompt_choice(app, buf_str(&q), "yn") != 'y') {
                app_message(app, false, "not deleted");
                goto out;
        }
        /* what it would disturb is said, and asked about, once more */
        if (wb_delete_concerns(wb, s, mine, &why) > 0) {
                buf_reset(&q);
                buf_printf(&q, "%s. Delete %s all the same? (y)es (n)o", buf_str(&why), mine);
                if (prompt_choice(app, buf_str(&q), "yn") != 'y') {
                        app_message(app, false, "not deleted");
                        goto out;
                }
        }
        struct diag d = {0};
        if (wb_delete(wb, s, mine, &d) < 0) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not deleted");
                app_message(app, true, "%s", m);
                free(m);
        } else {
                char ku[16], kw[16];
                app_message(app, false, "%s deleted (%s brings it back; %s saves)", mine,
                            keys_first(app, ACT_UNDO, ku, sizeof ku),
                            keys_first(app, ACT_SAVE, kw, sizeof kw));
                r = REACT_MODEL;
        }
        diag_free(&d);
out:
        buf_free(&q), buf_free(&why);
        free(mine);
        return r;
}

void edit_words_start(struct buf *out, const char *s)
{
        size_t n = strcspn(s, "\r\n"), cut = n < 40 ? n : 40;
        while (cut < n && cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
                cut--; /* never inside a character */
        buf_add(out, s, cut);
        if (cut < n)
                buf_adds(out, "…");
}

enum reaction edit_delete_entry(struct app *app, long entry)
{
        const struct workbook *wb = &app->ses.wb;
        const struct entry *e = &wb->entries[entry];
        struct buf what = {0};
        buf_printf(&what, "%s (%s: ", entry_get(wb, e, "id"), entry_get(wb, e, "ref"));
        edit_words_start(&what, entry_get(wb, e, "summary"));
        buf_adds(&what, ")");
        char *id = xstrdup(entry_get(wb, e, "id"));
        enum reaction r = edit_delete(app, WB_EVIDENCE, id, buf_str(&what));
        free(id);
        buf_free(&what);
        return r;
}

/* --- a unit's notes, the profile ------------------------------------------------ */

static bool unit_notes_accept(struct app *app, void *ctx, struct dialog_field *f, int *field,
                              struct buf *why)
{
        int unit = *(int *)ctx;
        if (wb_unit_set_notes(&app->ses.wb, unit, f[0].value) < 0) {
                *field = 0;
                buf_adds(why, "units.csv could not be read: the notes cannot be kept");
                return false;
        }
        return true;
}

enum reaction edit_unit_notes(struct app *app, int unit)
{
        struct workbook *wb = &app->ses.wb;
        const char *code = wb->fw.units[unit].code;
        char title[200];
        snprintf(title, sizeof title, " Notes on %s (units.csv)", code);
        struct dialog_field f[] = {{.label = "Notes",
                                    .init = wb_unit_notes(wb, unit),
                                    .multiline = true,
                                    .hint = "e.g. the award a credit transfer came from"}};
        if (!dialog_run(app, title, f, 1, unit_notes_accept, &unit))
                return REACT_NONE;
        char kw[16];
        app_message(app, false, "notes on %s kept (%s saves)", code,
                    keys_first(app, ACT_SAVE, kw, sizeof kw));
        free(f[0].value);
        return REACT_MODEL;
}

static bool profile_accept(struct app *app, void *ctx, struct dialog_field *f, int *field,
                           struct buf *why)
{
        (void)ctx;
        /* only what was changed is written: a key not there stays away */
        const char *v[6];
        for (int i = 0; i < 6; i++)
                v[i] = strcmp(f[i].value, f[i].init ? f[i].init : "") ? f[i].value : NULL;
        struct wb_profile p = {v[0], v[1], v[2], v[3], v[4], v[5]};
        struct diag d = {0};
        if (workbook_set_profile(&app->ses.wb, &p, &d) == 0) {
                diag_free(&d);
                return true;
        }
        char *m = d.n ? diag_format(&d.v[0]) : xstrdup("workbook.ini not written");
        buf_adds(why, m);
        /* the field it is about, when the message names one */
        static const char *const names[] = {"name",  "pathway",    "stage",
                                            "award", "supervisor", "assessor"};
        *field = -1;
        for (int i = 0; i < 6 && *field < 0; i++)
                if (strstr(m, names[i]))
                        *field = i;
        free(m);
        diag_free(&d);
        return false;
}

enum reaction edit_profile(struct app *app)
{
        struct workbook *wb = &app->ses.wb;
        const struct framework *fw = &wb->fw;
        if (!wb->ini_path) {
                app_message(app, true,
                            "opened from one evidence sheet: no workbook.ini to hold a "
                            "profile");
                return REACT_NONE;
        }
        /* the pathways and stages to choose from, by id, shown by name */
        const char **pid = xcalloc(fw->npathways + 2, sizeof *pid);
        const char **pname = xcalloc(fw->npathways + 2, sizeof *pname);
        const char **sid = xcalloc(fw->nstages + 1, sizeof *sid);
        const char **sname = xcalloc(fw->nstages + 1, sizeof *sname);
        size_t np = 0;
        for (size_t i = 0; i < fw->npathways; i++, np++)
                pid[np] = fw->pathways[i].id, pname[np] = fw->pathways[i].name;
        if (wb->pathway_index < 0 && *wb->pathway) /* kept as written until changed */
                pid[np] = wb->pathway, pname[np++] = wb->pathway;
        for (size_t i = 0; i < fw->nstages; i++)
                sid[i] = fw->stages[i].code, sname[i] = fw->stages[i].name;
        struct dialog_field f[] = {
            {.label = "Candidate", .init = wb->name},
            {.label = "Pathway",
             .init = wb->pathway_index >= 0 ? fw->pathways[wb->pathway_index].id : wb->pathway,
             .choices = pid,
             .shown = pname,
             .hint = "whose indicators the capabilities are read against"},
            {.label = "Target stage",
             .init = fw->nstages ? fw->stages[wb->stage_index].code : wb->stage,
             .choices = sid,
             .shown = sname,
             .hint = "the stages are cumulative: every stage up to it needs evidence"},
            {.label = "Award", .init = wb->award},
            {.label = "Supervisor", .init = wb->supervisor},
            {.label = "Assessor", .init = wb->assessor}};
        size_t n = sizeof f / sizeof *f;
        bool saved = dialog_run(app, " The workbook's profile (workbook.ini, written at once)", f,
                                n, profile_accept, NULL);
        for (size_t i = 0; i < n; i++)
                free(f[i].value);
        free(pid), free(pname), free(sid), free(sname);
        if (!saved)
                return REACT_NONE;
        app_message(app, false,
                    "profile written to workbook.ini (at once: undo does not reach it)");
        return REACT_MODEL;
}

/* The report's file name: the candidate's name as letters, digits, '-' and '_'
 * (spaces as '-'), or the folder's; the unit's code; the day. */
static void report_name(const struct workbook *wb, int unit, const char *day, struct buf *out)
{
        const char *name = *wb->name ? wb->name : path_basename(wb->dir);
        size_t start = out->len;
        for (const char *p = name; *p; p++) {
                char c = *p;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-')
                        buf_addc(out, c);
                else if (c == ' ' && out->len > start && out->s[out->len - 1] != '-')
                        buf_addc(out, '-');
        }
        if (out->len == start)
                buf_adds(out, "report");
        if (unit >= 0)
                buf_printf(out, "-%s", wb->fw.units[unit].code);
        buf_printf(out, "-%s.html", day);
}

enum reaction edit_report(struct app *app, int unit)
{
        struct workbook *wb = &app->ses.wb;
        if (!app->ses.opts->report_html) {
                app_message(app, true, "no report writer in this build");
                return REACT_NONE;
        }
        char err[256], day[11];
        date_today(day);
        /* reports/ is made as the folder's files are: the group's when it is shared */
        char *dir = path_join(wb->dir, "reports");
        struct stat sb;
        gid_t gid = stat(wb->dir, &sb) == 0 ? sb.st_gid : 0;
        if (!path_is_dir(dir) &&
            folder_create(dir, wb->shared ? &gid : NULL, err, sizeof err) < 0) {
                app_message(app, true, "report not written: %s: %s", dir, err);
                free(dir);
                return REACT_NONE;
        }
        struct buf name = {0};
        report_name(wb, unit, day, &name);
        char *path = path_join(dir, buf_str(&name));
        char *mem = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&mem, &len);
        int rc = f ? app->ses.opts->report_html(wb, unit, f) : -1;
        if (f)
                fclose(f);
        if (rc < 0)
                app_message(app, true, "report not written: the frameworks are not loaded");
        else if (file_replace(path, mem, len, wb_file_mode(wb), err, sizeof err) < 0)
                app_message(app, true, "report not written: %s", err);
        else /* the folder's own name: the status line has room for little more */
                app_message(app, false, "report written: reports/%s in %s", buf_str(&name),
                            path_basename(wb->dir));
        free(mem);
        free(path);
        buf_free(&name);
        free(dir);
        return REACT_NONE;
}
