/* form.c — the entry form, a view: every evidence field, a multi-line summary
 * edited in place or in $EDITOR, the pickers for elements and indicators,
 * validation shown next to the field, and the draft journalled as it is typed
 * (at once when input goes idle). Add, edit and revamp share it. */
#include "core/fileio.h"
#include "core/signoff.h"
#include "core/text.h"
#include "tui/editor.h"
#include "tui/ui.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum field {
        F_STATUS,
        F_DATE,
        F_REF,
        F_SUMMARY,
        F_ELEMENTS,
        F_INDICATORS,
        F_RATIONALE,
        F_SIGNED_BY,
        F_SIGNED_ON,
        NFIELDS
};
static const char *const field_col[NFIELDS] = {"status",    "date",      "ref",
                                               "summary",   "elements",  "indicators",
                                               "rationale", "signed_by", "signed_on"};
static const char *const field_label[NFIELDS] = {"Status",    "Date",      "Portfolio ref",
                                                 "Summary",   "Elements",  "Indicators",
                                                 "Rationale", "Signed by", "Signed on"};

struct form {
        struct editor ed[NFIELDS];
        char *error[NFIELDS];
        int cur;
        long entry;    /* -1: new */
        char *revamps; /* the planned entry's id when revamping */
        bool changed;
        bool finished;           /* saved into the workbook, or abandoned: its draft is done */
        char key[48];            /* its name in the journal: new, edit:E3, revamp:E2 */
        struct form_draft draft; /* what the journal has of it */
        char title[200];
};

/* The fields to the journal when they changed (see draft_journal). */
static void journal_form(struct app *app, struct form *f, bool force)
{
        draft_journal(app, &f->draft, f->key, f->ed, field_col, NFIELDS, f->cur, force);
}

static void set_error(struct form *f, int field, const char *fmt, const char *arg)
{
        free(f->error[field]);
        f->error[field] = NULL;
        if (fmt) {
                struct buf b = {0};
                buf_printf(&b, fmt, arg ? arg : "");
                f->error[field] = buf_take(&b);
        }
}

/* Checks a reference list; the first unknown code, or NULL. */
static char *unknown_ref(const struct workbook *wb, const char *list, bool nos)
{
        struct strlist l = {0};
        strlist_split(&l, list);
        char *bad = NULL;
        for (size_t i = 0; i < l.n && !bad; i++) {
                struct ref r;
                bool ok = ref_parse(&wb->fw, l.v[i], &r);
                bool is_nos = r.kind == REF_UNIT || r.kind == REF_ELEMENT;
                if (!ok || is_nos != nos)
                        bad = xstrdup(l.v[i]);
        }
        strlist_free(&l);
        return bad;
}

static bool validate(const struct workbook *wb, struct form *f)
{
        bool ok = true;
        for (int i = 0; i < NFIELDS; i++)
                set_error(f, i, NULL, NULL);
        const char *st = buf_str(&f->ed[F_STATUS].text);
        enum ev_status s = ev_status_parse(st);
        if (s == ST_UNKNOWN)
                set_error(f, F_STATUS, "planned, actual, needs-update or na (Space cycles)", NULL),
                    ok = false;
        const char *date = buf_str(&f->ed[F_DATE].text);
        if (!date_valid(date))
                set_error(f, F_DATE, "a date: YYYY-MM-DD", NULL), ok = false;
        const char *son = buf_str(&f->ed[F_SIGNED_ON].text);
        if (*son && !date_valid(son))
                set_error(f, F_SIGNED_ON, "a date: YYYY-MM-DD, or empty", NULL), ok = false;
        if (!*buf_str(&f->ed[F_SUMMARY].text))
                set_error(f, F_SUMMARY, "say what the evidence is", NULL), ok = false;
        char *bad = unknown_ref(wb, buf_str(&f->ed[F_ELEMENTS].text), true);
        if (bad)
                set_error(f, F_ELEMENTS, "not a unit or element: %s (F2 picks)", bad), ok = false;
        free(bad);
        bad = unknown_ref(wb, buf_str(&f->ed[F_INDICATORS].text), false);
        if (bad)
                set_error(f, F_INDICATORS, "not a capability, theme or indicator: %s (F2 picks)",
                          bad),
                    ok = false;
        free(bad);
        if (s == ST_NA && !*buf_str(&f->ed[F_RATIONALE].text))
                set_error(f, F_RATIONALE, "n/a needs the reason it does not apply", NULL),
                    ok = false;
        return ok;
}

/* The summary's rows: what the screen has left once every other field and
 * every error message has its line. */
static int summary_rows(const struct tui_term *t, const struct form *f)
{
        int errors = 0;
        for (int i = 0; i < NFIELDS; i++)
                errors += f->error[i] != NULL;
        int r = t->rows - 2 - (NFIELDS - 1) - 3 - errors;
        return r < 2 ? 2 : r > 14 ? 14 : r;
}

/* The status line's hint for the field the cursor is in, keys as bound; saving
 * and leaving first, as on a narrow screen the end is cut. */
static void form_hint(struct app *app, const struct form *f, char *out, size_t n)
{
        char ks[16], kc[16], kn[16], ke[16], kx[16];
        keys_first(app, ACT_FORM_SAVE, ks, sizeof ks);
        keys_first(app, ACT_FORM_CANCEL, kc, sizeof kc);
        keys_first(app, ACT_FORM_NEXT, kn, sizeof kn);
        keys_first(app, ACT_ED_NEW_LINE, ke, sizeof ke);
        keys_first(app, ACT_FORM_EDITOR, kx, sizeof kx);
        if (f->cur == F_ELEMENTS || f->cur == F_INDICATORS)
                snprintf(out, n, " %s save  %s cancel  %s pick from list  %s next field", ks, kc,
                         keys_first(app, ACT_FORM_PICK, kx, sizeof kx), kn);
        else if (f->cur == F_STATUS)
                snprintf(out, n, " %s save  %s cancel  p/a/u/n or Space  %s next", ks, kc, kn);
        else if (f->cur == F_SUMMARY)
                snprintf(out, n, " %s save  %s cancel  %s new line  %s $EDITOR  %s next", ks, kc,
                         ke, kx, kn);
        else
                snprintf(out, n, " %s save  %s cancel  %s/%s next field  %s $EDITOR", ks, kc, kn,
                         ke, kx);
}

static void form_draw(struct app *app, struct view *v)
{
        struct form *f = v->data;
        struct tui_term *t = &app->term;
        ui_put(t, 0, 0, t->cols, f->title, t->role_attr[CR_TITLE], true);
        /* when the fields do not all fit (a short screen, error messages), the
         * form scrolls so the field being edited shows */
        int h[NFIELDS], total = 0, srows = summary_rows(t, f);
        for (int i = 0; i < NFIELDS; i++)
                total += h[i] = (i == F_SUMMARY ? srows : 1) + (f->error[i] != NULL);
        int y = total <= t->rows - 3 ? 2 : 1, bottom = t->rows - 1, skip = 0;
        for (;; skip++) {
                int upto = 0;
                for (int i = skip; i <= f->cur; i++)
                        upto += h[i];
                if (upto <= bottom - y || skip == f->cur)
                        break;
        }
        int lw = 14, vw = t->cols - lw - 1;
        t->cursor_y = 1, t->cursor_x = 0;
        for (int i = skip; i < NFIELDS; i++) {
                if (y + h[i] > bottom)
                        break;
                bool cur = i == f->cur;
                ui_put(t, y, 0, lw, field_label[i], cur ? A_BOLD | A_UNDERLINE : A_BOLD, true);
                int rows = i == F_SUMMARY ? srows : 1;
                ed_draw(t, &f->ed[i], y, 14, rows, i == F_SUMMARY, cur,
                        cur ? A_UNDERLINE : A_NORMAL);
                y += rows;
                if (f->error[i]) {
                        ui_put(t, y, lw, vw, f->error[i], t->role_attr[CR_ERROR], true);
                        y++;
                }
        }
        char hint[200];
        form_hint(app, f, hint, sizeof hint);
        ui_put(t, t->rows - 1, 0, t->cols, app->msg[0] ? app->msg : hint,
               app->msg[0] && app->msg_error ? t->role_attr[CR_ERROR] : A_NORMAL, true);
        if (t->cursor_x >= t->cols)
                t->cursor_x = t->cols - 1;
}

static char **split_words(const char *cmd, size_t *n)
{
        char **v = NULL;
        *n = 0;
        char *copy = xstrdup(cmd);
        for (char *t = strtok(copy, " \t"); t; t = strtok(NULL, " \t")) {
                v = xrealloc(v, (*n + 2) * sizeof *v);
                v[(*n)++] = xstrdup(t);
        }
        free(copy);
        if (v)
                v[*n] = NULL;
        return v;
}

/* Edits text in $EDITOR: a private temp file inside the workbook folder, the
 * editor run without a shell, the screen restored after. */
bool form_edit_external(struct app *app, struct editor *ed)
{
        const struct config *cfg = &app->ses.cfg;
        const char *cmd = *cfg->str[OPT_EDITOR]                   ? cfg->str[OPT_EDITOR]
                          : getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
                          : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR")
                                                                  : "vi";
        char *dir = realpath(app->ses.wb.dir, NULL);
        if (!dir) {
                app_message(app, true, "cannot find the workbook folder: %s", strerror(errno));
                return false;
        }
        struct buf path = {0};
        buf_printf(&path, "%s/.capbook-edit-XXXXXX.txt", dir);
        free(dir);
        int fd = mkstemps(path.s, 4);
        if (fd < 0) {
                app_message(app, true, "cannot make a file to edit in: %s", strerror(errno));
                buf_free(&path);
                return false;
        }
        fchmod(fd, 0600);
        const char *text = buf_str(&ed->text);
        size_t len = strlen(text), done = 0;
        while (done < len) {
                ssize_t w = write(fd, text + done, len - done);
                if (w <= 0)
                        break;
                done += (size_t)w;
        }
        if (len && text[len - 1] != '\n')
                (void)!write(fd, "\n", 1);
        close(fd);
        size_t argc;
        char **argv = split_words(cmd, &argc);
        argv = xrealloc(argv, (argc + 2) * sizeof *argv);
        argv[argc] = xstrdup(path.s);
        argv[argc + 1] = NULL;
        int status = term_run(&app->term, argv);
        for (size_t i = 0; i <= argc; i++)
                free(argv[i]);
        free(argv);
        bool ok = false;
        char *data;
        size_t n, bad;
        if (status != 0) {
                app_message(app, true, "the editor (%s) failed; the text is unchanged", cmd);
        } else if (file_read(path.s, &data, &n, NULL) == 0) {
                if (memchr(data, '\0', n) || !utf8_valid(data, n, &bad) || n > (1u << 20)) {
                        app_message(app, true,
                                    "the edited text is not UTF-8 text under 1 MB; unchanged");
                } else {
                        while (n && (data[n - 1] == '\n' || data[n - 1] == '\r'))
                                data[--n] = '\0';
                        if (!ed->multiline)
                                for (char *p = data; *p; p++)
                                        if (*p == '\n' || *p == '\r')
                                                *p = ' ';
                        ed_set(ed, data);
                        ok = true;
                }
                free(data);
        }
        unlink(path.s);
        buf_free(&path);
        return ok;
}

/* The signed fields an edit of a signed entry changes, in words ("summary,
 * date"); empty when none does, or when the form signs it again (a new name)
 * or voids it (no name) itself. */
static void signed_changes(const struct workbook *wb, const struct form *f, const char *const *v,
                           struct buf *out)
{
        const struct entry *e = &wb->entries[f->entry];
        const char *by = entry_get(wb, e, "signed_by");
        if (strcmp(v[F_SIGNED_BY], by) != 0)
                return;
        for (int i = 0; i < F_SIGNED_BY; i++) {
                const char *now = entry_get(wb, e, field_col[i]);
                bool same = i == F_STATUS ? ev_status_parse(now) == ev_status_parse(v[i])
                                          : strcmp(now, v[i]) == 0;
                if (!same && signoff_edit_voids(wb, entry_get(wb, e, "id"), field_col[i]))
                        buf_printf(out, "%s%s", out->len ? ", " : "", field_col[i]);
        }
}

static bool commit(struct app *app, struct form *f)
{
        struct workbook *wb = &app->ses.wb;
        struct diag d = {0};
        char *id = NULL;
        const char *v[NFIELDS];
        for (int i = 0; i < NFIELDS; i++)
                v[i] = buf_str(&f->ed[i].text);
        bool voids = false;
        if (f->entry >= 0 && !f->revamps) {
                struct buf what = {0};
                signed_changes(wb, f, v, &what);
                bool ok =
                    !what.len || edit_signed_ask(app, entry_get(wb, &wb->entries[f->entry], "id"),
                                                 what.s, &voids);
                buf_free(&what);
                if (!ok)
                        return false;
        }
        wb_begin(wb);
        if (f->entry < 0 || f->revamps) {
                struct new_entry ne = {v[F_STATUS],   v[F_DATE],       v[F_REF],   v[F_SUMMARY],
                                       v[F_ELEMENTS], v[F_INDICATORS], f->revamps, v[F_RATIONALE]};
                id = wb_add_entry(wb, &ne, &d);
                if (id && *v[F_SIGNED_BY])
                        wb_set(wb, WB_EVIDENCE, id, "signed_by", v[F_SIGNED_BY]);
                if (id && *v[F_SIGNED_ON])
                        wb_set(wb, WB_EVIDENCE, id, "signed_on", v[F_SIGNED_ON]);
        } else {
                id = xstrdup(entry_get(wb, &wb->entries[f->entry], "id"));
                /* voided first, in the same undo step; the old name is not set
                 * back (that would sign the changed entry again) */
                if (voids)
                        signoff_void(wb, id, &d);
                for (int i = 0; i < NFIELDS; i++)
                        if (!voids || (i != F_SIGNED_BY && i != F_SIGNED_ON))
                                wb_set(wb, WB_EVIDENCE, id, field_col[i],
                                       i == F_STATUS ? ev_status_name[ev_status_parse(v[i])]
                                                     : v[i]);
        }
        wb_end(wb);
        if (!id) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not recorded");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                return false;
        }
        /* the entry shown where the user will look for it: the model first */
        loop_model(app, false);
        long entry = wb_entry_by_id(wb, id);
        bool linked = app->show_entry ? app->show_entry(app, entry) : true;
        app_message(app, false, "%s %s%s (w saves the workbook%s)", id,
                    f->entry < 0 || f->revamps ? "added" : "changed",
                    voids ? ", its sign-off voided" : "", linked ? "" : "; linking off to show it");
        free(id);
        diag_free(&d);
        return true;
}

/* --- the view ---------------------------------------------------------------- */

static enum reaction form_idle(struct app *app, struct view *v)
{
        journal_form(app, v->data, true);
        return REACT_NONE;
}

/* On Status a letter (or Space, Left, Right) picks the status; nothing else is
 * typed into it. */
static void status_key(struct app *app, struct form *f, enum action act, int c)
{
        static const char letters[] = "paun";
        static const char *const by[] = {"planned", "actual", "needs-update", "na"};
        struct editor *ed = &f->ed[F_STATUS];
        int s = (int)ev_status_parse(buf_str(&ed->text));
        const char *at = act == ACT_NONE && c > ' ' && c < 128 ? strchr(letters, c | 0x20) : NULL;
        if (at)
                s = (int)(at - letters);
        else if (act == ACT_ED_RIGHT || act == ACT_ED_LEFT || (act == ACT_NONE && c == ' '))
                s = s >= 4 ? 1 : (s + (act == ACT_ED_LEFT ? 3 : 1)) % 4;
        else {
                app_message(app, true,
                            "status: p planned, a actual, u needs update, n n/a (or Space)");
                return;
        }
        ed_set(ed, by[s]);
}

static enum reaction form_key(struct app *app, struct view *v, enum action act, int key)
{
        struct form *f = v->data;
        struct editor *ed = &f->ed[f->cur];
        uint64_t before = draft_hash(f->ed, NFIELDS);
        switch (act) {
        case ACT_FORM_CANCEL:
                if (f->changed &&
                    prompt_choice(app, "Discard this entry's changes? (y)es (n)o", "yn") != 'y')
                        break;
                f->finished = true;
                return REACT_POP;
        case ACT_FORM_SAVE:
                if (validate(&app->ses.wb, f) && commit(app, f)) {
                        f->finished = true;
                        return REACT_POP;
                }
                for (int i = 0; i < NFIELDS; i++)
                        if (f->error[i]) {
                                f->cur = i;
                                break;
                        }
                break;
        case ACT_FORM_NEXT: f->cur = (f->cur + 1) % NFIELDS; break;
        case ACT_FORM_PREV: f->cur = (f->cur + NFIELDS - 1) % NFIELDS; break;
        case ACT_FORM_EDITOR: form_edit_external(app, ed); break;
        case ACT_FORM_PICK:
                if (f->cur == F_ELEMENTS || f->cur == F_INDICATORS) {
                        char *r = picker_refs(app, f->cur == F_ELEMENTS, buf_str(&ed->text));
                        if (r)
                                ed_set(ed, r);
                        free(r);
                }
                break;
        default:
                if (f->cur == F_STATUS &&
                    (act == ACT_NONE || act == ACT_ED_LEFT || act == ACT_ED_RIGHT)) {
                        status_key(app, f, act, KEY_CHAR_OF(key));
                } else if (act == ACT_NONE) {
                        ed_insert(ed, KEY_CHAR_OF(key));
                } else if (act == ACT_ED_UP || act == ACT_ED_DOWN || act == ACT_ED_NEW_LINE) {
                        /* off the end of the summary, or in a one-line field: the
                         * field above or below */
                        size_t at = ed->cur;
                        bool moved = ed_act(ed, act) && (act == ACT_ED_NEW_LINE || ed->cur != at);
                        if (!moved && act == ACT_ED_UP)
                                f->cur =
                                    f->cur == F_SUMMARY ? F_REF : (f->cur + NFIELDS - 1) % NFIELDS;
                        else if (!moved)
                                f->cur = f->cur == F_SUMMARY ? F_ELEMENTS : (f->cur + 1) % NFIELDS;
                } else if (!ed_act(ed, act)) {
                        return REACT_IGNORED;
                }
        }
        if (draft_hash(f->ed, NFIELDS) != before) {
                f->changed = true;
                loop_timer(app, v, 500, true, form_idle);
        }
        journal_form(app, f, false);
        return REACT_NONE;
}

static void form_done(struct app *app, struct view *v, bool ending)
{
        struct form *f = v->data;
        (void)ending;
        if (f->finished) {
                recover_form_done(app, f->key);
                app->ses.open_forms--;
        } else {
                journal_form(app, f, true); /* the program ends with it open: keep the words */
        }
        for (int i = 0; i < NFIELDS; i++) {
                ed_free(&f->ed[i]);
                free(f->error[i]);
        }
        free(f->revamps);
        free(f);
}

static const struct view_ops form_ops = {
    .name = "form",
    .flags = VIEW_MODAL | VIEW_TEXT,
    .keymap = {KM_FORM, KM_EDITOR},
    .draw = form_draw,
    .key = form_key,
    .done = form_done,
};

/* Opens the form on entry (-1: a new one, pre-filled), a draft's fields over it. */
static void form_start(struct app *app, long entry, bool revamp, const char *elements,
                       const char *indicators, const struct strlist *cols,
                       const struct strlist *vals)
{
        const struct workbook *wb = &app->ses.wb;
        struct form *f = xcalloc(1, sizeof *f);
        f->entry = entry;
        f->ed[F_SUMMARY].multiline = true;
        char today[11];
        date_today(today);
        if (entry < 0) {
                ed_set(&f->ed[F_STATUS], "actual");
                ed_set(&f->ed[F_DATE], today);
                ed_set(&f->ed[F_ELEMENTS], elements);
                ed_set(&f->ed[F_INDICATORS], indicators);
                snprintf(f->title, sizeof f->title, " New entry (pre-filled from the selection)");
                snprintf(f->key, sizeof f->key, "new");
        } else {
                const struct entry *e = &wb->entries[entry];
                for (int i = 0; i < NFIELDS; i++)
                        ed_set(&f->ed[i], entry_get(wb, e, field_col[i]));
                const char *id = entry_get(wb, e, "id");
                snprintf(f->key, sizeof f->key, "%s:%s", revamp ? "revamp" : "edit", id);
                if (revamp) {
                        f->revamps = xstrdup(id);
                        ed_set(&f->ed[F_STATUS], "actual");
                        ed_set(&f->ed[F_DATE], today);
                        ed_set(&f->ed[F_SIGNED_BY], "");
                        ed_set(&f->ed[F_SIGNED_ON], "");
                        snprintf(f->title, sizeof f->title,
                                 " Revamp %s: the actual evidence (the plan is kept)", id);
                        f->cur = F_SUMMARY;
                } else {
                        snprintf(f->title, sizeof f->title, " Edit %s", id);
                }
        }
        /* the draft starts from every field (recovery needs the whole form) */
        f->draft.cur = f->cur;
        for (size_t k = 0; cols && vals && k < cols->n && k < vals->n; k++)
                for (int i = 0; i < NFIELDS; i++)
                        if (strcmp(cols->v[k], field_col[i]) == 0 &&
                            strcmp(vals->v[k], buf_str(&f->ed[i].text)) != 0) {
                                ed_set(&f->ed[i], vals->v[k]);
                                f->changed = true;
                        }
        size_t len = strlen(f->title);
        if (cols)
                len += (size_t)snprintf(f->title + len, sizeof f->title - len,
                                        " (recovered after a crash)");
        if (app->ses.readonly)
                len += (size_t)snprintf(f->title + len, sizeof f->title - len, " (read-only)");
        /* said before anything is typed: saving a change to it voids the sign-off */
        if (entry >= 0 && !revamp && signoff_present(wb, (size_t)entry) && len < sizeof f->title)
                snprintf(f->title + len, sizeof f->title - len,
                         "; signed off: a change voids the sign-off");
        for (int i = 0; i < NFIELDS; i++)
                f->ed[i].cur = f->ed[i].text.len;
        app->msg[0] = '\0';
        struct view *v = view_push(app, &form_ops, 0);
        v->data = f;
        app->ses.open_forms++;
        journal_form(app, f, false);
}

void form_open(struct app *app, long entry, bool revamp, const char *elements,
               const char *indicators)
{
        form_start(app, entry, revamp, elements, indicators, NULL, NULL);
}

void form_open_draft(struct app *app, const char *form, const struct strlist *cols,
                     const struct strlist *vals)
{
        long entry = -1;
        bool revamp = strncmp(form, "revamp:", 7) == 0;
        if (revamp || strncmp(form, "edit:", 5) == 0)
                entry = wb_entry_by_id(&app->ses.wb, strchr(form, ':') + 1);
        /* an entry that is gone: its words are kept in a new entry's form */
        form_start(app, entry, revamp && entry >= 0, NULL, NULL, cols, vals);
}
