/* form.c — the entry form: every evidence field, a multi-line summary edited in
 * place or in $EDITOR, pickers with type-ahead for elements and indicators,
 * validation shown next to the field. Add, edit and revamp share it. */
#include "core/fileio.h"
#include "core/text.h"
#include "tui/editor.h"
#include "tui/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <stdint.h>
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
        char key[48];   /* its name in the journal: new, edit:E3, revamp:E2 */
        uint64_t jhash; /* the fields as last journalled */
        uint64_t jfield[NFIELDS];
        int jcur;              /* the field the cursor was in then */
        struct timespec jtime; /* and when */
};

static uint64_t field_hash(const struct buf *b)
{
        uint64_t h = 1469598103934665603ULL;
        for (size_t k = 0; k < b->len; k++)
                h = (h ^ (unsigned char)b->s[k]) * 1099511628211ULL;
        return h;
}

static uint64_t form_hash(const struct form *f)
{
        uint64_t h = 0;
        for (int i = 0; i < NFIELDS; i++)
                h = h * 31 + field_hash(&f->ed[i].text);
        return h;
}

/* Writes the form's fields to the journal when they changed: at once (flushed)
 * when the cursor moved to another field or when forced, else at most once a
 * second while typing, so a crash loses at most the last second's keystrokes. */
static void journal_form(struct app *app, struct form *f, bool force)
{
        uint64_t h = form_hash(f);
        if (h == f->jhash)
                return;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ms =
            (now.tv_sec - f->jtime.tv_sec) * 1000L + (now.tv_nsec - f->jtime.tv_nsec) / 1000000L;
        bool moved = f->cur != f->jcur;
        if (!force && !moved && ms < 1000)
                return;
        /* only the fields that changed since the last snapshot */
        const char *cols[NFIELDS], *vals[NFIELDS];
        unsigned n = 0;
        for (int i = 0; i < NFIELDS; i++) {
                uint64_t fh = field_hash(&f->ed[i].text);
                if (fh == f->jfield[i])
                        continue;
                f->jfield[i] = fh;
                cols[n] = field_col[i];
                vals[n++] = buf_str(&f->ed[i].text);
        }
        recover_form(app, f->key, cols, vals, n, force || moved);
        f->jhash = h;
        f->jcur = f->cur;
        f->jtime = now;
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

static bool validate(struct app *app, struct form *f)
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
        char *bad = unknown_ref(&app->wb, buf_str(&f->ed[F_ELEMENTS].text), true);
        if (bad)
                set_error(f, F_ELEMENTS, "not a unit or element: %s (F2 picks)", bad), ok = false;
        free(bad);
        bad = unknown_ref(&app->wb, buf_str(&f->ed[F_INDICATORS].text), false);
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
static int summary_rows(const struct app *app, const struct form *f)
{
        int errors = 0;
        for (int i = 0; i < NFIELDS; i++)
                errors += f->error[i] != NULL;
        int r = app->rows - 2 - (NFIELDS - 1) - 3 - errors;
        return r < 2 ? 2 : r > 14 ? 14 : r;
}

static void draw_form(struct app *app, struct form *f, const char *title)
{
        erase();
        app_layout_check(app);
        if (app->too_small) {
                app_too_small(app, NULL);
                return;
        }
        ui_put(app, 0, 0, app->cols, title, app->role_attr[CR_TITLE], true);
        /* when the fields do not all fit (a short screen, error messages), the
         * form scrolls so the field being edited shows */
        int h[NFIELDS], total = 0, srows = summary_rows(app, f);
        for (int i = 0; i < NFIELDS; i++)
                total += h[i] = (i == F_SUMMARY ? srows : 1) + (f->error[i] != NULL);
        int y = total <= app->rows - 3 ? 2 : 1, bottom = app->rows - 1, skip = 0;
        for (;; skip++) {
                int upto = 0;
                for (int i = skip; i <= f->cur; i++)
                        upto += h[i];
                if (upto <= bottom - y || skip == f->cur)
                        break;
        }
        int lw = 14, vw = app->cols - lw - 1;
        int cy = 1, cx = 0;
        for (int i = skip; i < NFIELDS; i++) {
                if (y + h[i] > bottom)
                        break;
                bool cur = i == f->cur;
                ui_put(app, y, 0, lw, field_label[i], cur ? A_BOLD | A_UNDERLINE : A_BOLD, true);
                struct editor *ed = &f->ed[i];
                int rows = i == F_SUMMARY ? srows : 1;
                ed->width = vw;
                size_t starts[4096];
                size_t n = ed_lines(ed, vw, starts, 4096);
                int crow = 0, ccol = 0;
                ed_cursor_pos(ed, vw, &crow, &ccol);
                int first = i == F_SUMMARY && crow >= rows ? crow - rows + 1 : 0;
                if (i != F_SUMMARY) {
                        /* one line: scroll sideways to keep the cursor in view; its
                         * column is along the whole line, never wrapped */
                        int crow1, col;
                        ed_cursor_pos(ed, 1 << 20, &crow1, &col);
                        (void)crow1;
                        const char *s = buf_str(&ed->text);
                        size_t off = 0;
                        while (col >= vw - 1 && off < ed->cur) {
                                unsigned cp;
                                size_t k = utf8_seq((const unsigned char *)s + off,
                                                    ed->text.len - off, &cp);
                                int cw = k ? wcwidth((wchar_t)cp) : 1;
                                col -= cw > 0 ? cw : 1;
                                off += k ? k : 1;
                        }
                        ui_put(app, y, lw, vw, s + off, cur ? A_UNDERLINE : A_NORMAL, true);
                        if (cur)
                                cy = y, cx = lw + col;
                } else {
                        for (int r = 0; r < rows; r++) {
                                size_t li = (size_t)(first + r);
                                if (li < n) {
                                        size_t a = starts[li],
                                               b = li + 1 < n ? starts[li + 1] : ed->text.len;
                                        while (b > a && (ed->text.s[b - 1] == '\n'))
                                                b--;
                                        char *line = xstrndup(ed->text.s + a, b - a);
                                        ui_put(app, y + r, lw, vw, line,
                                               cur ? A_UNDERLINE : A_NORMAL, true);
                                        free(line);
                                } else {
                                        ui_fill(y + r, lw, vw, cur ? A_UNDERLINE : A_NORMAL);
                                }
                        }
                        if (cur)
                                cy = y + crow - first, cx = lw + ccol;
                }
                y += rows;
                if (f->error[i]) {
                        ui_put(app, y, lw, vw, f->error[i], app->role_attr[CR_ERROR], true);
                        y++;
                }
        }
        /* saving and leaving first: on a narrow screen the end is cut */
        const char *hint = f->cur == F_ELEMENTS || f->cur == F_INDICATORS
                               ? " ^S save  Esc cancel  F2 pick from list  Tab next field"
                           : f->cur == F_STATUS ? " ^S save  Esc cancel  p/a/u/n or Space  Tab next"
                           : f->cur == F_SUMMARY
                               ? " ^S save  Esc cancel  Enter new line  ^O $EDITOR  Tab next"
                               : " ^S save  Esc cancel  Tab/Enter next field  ^O $EDITOR";
        ui_put(app, app->rows - 1, 0, app->cols, app->msg[0] ? app->msg : hint,
               app->msg[0] && app->msg_error ? app->role_attr[CR_ERROR] : A_NORMAL, true);
        if (cx >= app->cols)
                cx = app->cols - 1;
        move(cy, cx);
        refresh();
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
static bool edit_external(struct app *app, struct editor *ed)
{
        const char *cmd = *app->cfg.str[OPT_EDITOR]               ? app->cfg.str[OPT_EDITOR]
                          : getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
                          : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR")
                                                                  : "vi";
        char *dir = realpath(app->wb.dir, NULL);
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
        const char *t = buf_str(&ed->text);
        size_t len = strlen(t), done = 0;
        while (done < len) {
                ssize_t w = write(fd, t + done, len - done);
                if (w <= 0)
                        break;
                done += (size_t)w;
        }
        if (len && t[len - 1] != '\n')
                (void)!write(fd, "\n", 1);
        close(fd);
        size_t argc;
        char **argv = split_words(cmd, &argc);
        argv = xrealloc(argv, (argc + 2) * sizeof *argv);
        argv[argc] = xstrdup(path.s);
        argv[argc + 1] = NULL;
        def_prog_mode();
        endwin();
        struct sigaction ign, old_int, old_quit;
        memset(&ign, 0, sizeof ign);
        ign.sa_handler = SIG_IGN;
        sigaction(SIGINT, &ign, &old_int);
        sigaction(SIGQUIT, &ign, &old_quit);
        pid_t pid = fork();
        int status = -1;
        if (pid == 0) {
                signal(SIGINT, SIG_DFL);
                signal(SIGQUIT, SIG_DFL);
                execvp(argv[0], argv);
                _exit(127);
        }
        if (pid > 0)
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                        ;
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        reset_prog_mode();
        clearok(curscr, TRUE);
        refresh();
        for (size_t i = 0; i <= argc; i++)
                free(argv[i]);
        free(argv);
        bool ok = false;
        if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                app_message(app, true, "the editor (%s) failed; the text is unchanged", cmd);
        } else {
                char *data;
                size_t n;
                if (file_read(path.s, &data, &n, NULL) == 0) {
                        size_t bad;
                        if (memchr(data, '\0', n) || !utf8_valid(data, n, &bad) || n > (1u << 20)) {
                                app_message(
                                    app, true,
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
        }
        unlink(path.s);
        buf_free(&path);
        return ok;
}

/* --- the reference pickers -------------------------------------------------- */

struct pick_item {
        char code[32];
        char *label;
};

char *picker_refs(struct app *app, bool nos, const char *initial)
{
        const struct framework *fw = &app->wb.fw;
        struct pick_item *items = NULL;
        size_t n = 0;
#define ADD(c, ...)                                                                                \
        do {                                                                                       \
                items = xrealloc(items, (n + 1) * sizeof *items);                                  \
                snprintf(items[n].code, sizeof items[n].code, "%s", c);                            \
                struct buf b_ = {0};                                                               \
                buf_printf(&b_, __VA_ARGS__);                                                      \
                items[n++].label = buf_take(&b_);                                                  \
        } while (0)
        if (nos) {
                for (size_t u = 0; u < fw->nunits; u++) {
                        ADD(fw->units[u].code, "%-6s %s", fw->units[u].code, fw->units[u].title);
                        for (size_t k = 0; k < fw->units[u].nelements; k++) {
                                const struct fw_element *e =
                                    &fw->elements[fw->units[u].elements[k]];
                                ADD(e->code, "  %-6s %s", e->code,
                                    *e->title ? e->title : "(title not in the sources)");
                        }
                }
        } else {
                for (size_t c = 0; c < fw->ncaps; c++) {
                        ADD(fw->caps[c].code, "%-9s %s", fw->caps[c].code, fw->caps[c].name);
                        for (size_t k = 0; k < fw->caps[c].nthemes; k++) {
                                int t = fw->caps[c].themes[k];
                                ADD(fw->themes[t].code, "  %-7s %s", fw->themes[t].code,
                                    fw->themes[t].name);
                                for (size_t s = 0; s < fw->nstages; s++) {
                                        const struct fw_indicator *ind = fw_indicator(
                                            fw, t, (int)s, app->wb.pathway_index, NULL);
                                        char code[32];
                                        snprintf(code, sizeof code, "%s.%s", fw->themes[t].code,
                                                 fw->stages[s].code);
                                        ADD(code, "    %-9s %s", code, ind ? ind->text : "");
                                }
                        }
                }
        }
#undef ADD
        struct strlist chosen = {0};
        strlist_split(&chosen, initial);
        struct buf filter = {0};
        size_t sel = 0, top = 0;
        char *result = NULL;
        size_t *shown = xmalloc((n + 1) * sizeof *shown);
        for (;;) {
                size_t ns = 0;
                for (size_t i = 0; i < n; i++)
                        if (!filter.len || strcasestr(items[i].label, buf_str(&filter)))
                                shown[ns++] = i;
                if (sel >= ns)
                        sel = ns ? ns - 1 : 0;
                erase();
                app_layout_check(app);
                if (app->too_small) {
                        app_too_small(app, NULL);
                } else {
                        char t[200];
                        /* short enough for 80 columns: what Esc does must show */
                        snprintf(t, sizeof t, " Pick %s  Space marks  Enter accepts  Esc cancels",
                                 nos ? "units/elements" : "indicators");
                        ui_put(app, 0, 0, app->cols, t, app->role_attr[CR_TITLE], true);
                        struct buf cl = {0};
                        strlist_join(&chosen, &cl);
                        char line[300];
                        snprintf(line, sizeof line, "Type to filter: %s", buf_str(&filter));
                        ui_put(app, 1, 0, app->cols, line, A_BOLD, true);
                        snprintf(line, sizeof line, "Chosen: %s", buf_str(&cl));
                        ui_put(app, app->rows - 1, 0, app->cols, line, A_BOLD, true);
                        buf_free(&cl);
                        int rows = app->rows - 3;
                        if (sel < top)
                                top = sel;
                        if (sel >= top + (size_t)rows)
                                top = sel - (size_t)rows + 1;
                        for (int r = 0; r < rows; r++) {
                                size_t k = top + (size_t)r;
                                if (k >= ns)
                                        break;
                                const struct pick_item *it = &items[shown[k]];
                                char row[600];
                                snprintf(row, sizeof row, "[%s] %s",
                                         strlist_has(&chosen, it->code) ? "x" : " ", it->label);
                                ui_put(app, 2 + r, 0, app->cols, row,
                                       k == sel ? A_REVERSE : A_NORMAL, true);
                        }
                        move(2 + (int)(sel - top), 1);
                }
                refresh();
                int ch;
                int key = app_read_key(app, &ch);
                if (key < 0 || key == KEY_CHAR(27))
                        break;
                if (key == KEY_RESIZE)
                        continue;
                if (key == KEY_DOWN)
                        sel = sel + 1 < ns ? sel + 1 : sel;
                else if (key == KEY_UP)
                        sel = sel ? sel - 1 : 0;
                else if (key == KEY_NPAGE)
                        sel = sel + 10 < ns ? sel + 10 : (ns ? ns - 1 : 0);
                else if (key == KEY_PPAGE)
                        sel = sel > 10 ? sel - 10 : 0;
                else if (key == KEY_CHAR(' ') && ns) {
                        const char *code = items[shown[sel]].code;
                        if (strlist_has(&chosen, code)) {
                                struct strlist keep = {0};
                                for (size_t i = 0; i < chosen.n; i++)
                                        if (strcmp(chosen.v[i], code))
                                                strlist_push(&keep, chosen.v[i]);
                                strlist_free(&chosen);
                                chosen = keep;
                        } else {
                                strlist_push(&chosen, code);
                        }
                } else if (key == KEY_CHAR('\r') || key == KEY_CHAR('\n') || key == KEY_ENTER) {
                        if (!chosen.n && ns)
                                strlist_push(&chosen, items[shown[sel]].code);
                        struct buf out = {0};
                        strlist_join(&chosen, &out);
                        result = buf_take(&out);
                        break;
                } else if (key == KEY_BACKSPACE || key == KEY_CHAR(127) || key == KEY_CHAR(8)) {
                        while (filter.len &&
                               ((unsigned char)filter.s[filter.len - 1] & 0xC0) == 0x80)
                                filter.len--;
                        if (filter.len)
                                filter.len--;
                        buf_str(&filter)[0] == 0 ? (void)0 : (void)0;
                        filter.s[filter.len] = '\0';
                        sel = 0;
                } else if ((key & 0x100000) && (key & 0xFFFFF) >= ' ') {
                        wchar_t w = (wchar_t)(key & 0xFFFFF);
                        char enc[8];
                        mbstate_t st;
                        memset(&st, 0, sizeof st);
                        size_t k = wcrtomb(enc, w, &st);
                        if (k != (size_t)-1)
                                buf_add(&filter, enc, k);
                        sel = 0;
                }
        }
        for (size_t i = 0; i < n; i++)
                free(items[i].label);
        free(items);
        free(shown);
        strlist_free(&chosen);
        buf_free(&filter);
        return result;
}

/* --- the form --------------------------------------------------------------- */

static void prefill(struct app *app, struct form *f)
{
        const struct framework *fw = &app->wb.fw;
        char today[11];
        date_today(today);
        ed_set(&f->ed[F_STATUS], "actual");
        ed_set(&f->ed[F_DATE], today);
        struct pane *cp = &app->panes[PANE_CAPS], *np = &app->panes[PANE_NOS];
        if (app->link_from == PANE_CAPS && cp->n) {
                struct pane_item it = cp->items[cp->sel];
                char code[48];
                if (it.b >= 0)
                        snprintf(code, sizeof code, "%s.%s", fw->themes[it.b].code,
                                 fw->stages[app->wb.stage_index].code);
                else
                        snprintf(code, sizeof code, "%s", fw->caps[it.a].code);
                ed_set(&f->ed[F_INDICATORS], code);
        }
        if (app->link_from == PANE_NOS && np->n) {
                struct pane_item it = np->items[np->sel];
                ed_set(&f->ed[F_ELEMENTS],
                       it.b >= 0 ? fw->elements[it.b].code : fw->units[it.a].code);
        }
}

static bool commit(struct app *app, struct form *f)
{
        struct workbook *wb = &app->wb;
        if (app->readonly) { /* the form only shows the entry (Enter, the log sheet) */
                app_message(app, true, "read-only: nothing can be changed (Esc closes)");
                return false;
        }
        struct diag d = {0};
        char *id = NULL;
        if (f->entry < 0 || f->revamps) {
                struct new_entry ne = {buf_str(&f->ed[F_STATUS].text),
                                       buf_str(&f->ed[F_DATE].text),
                                       buf_str(&f->ed[F_REF].text),
                                       buf_str(&f->ed[F_SUMMARY].text),
                                       buf_str(&f->ed[F_ELEMENTS].text),
                                       buf_str(&f->ed[F_INDICATORS].text),
                                       f->revamps,
                                       buf_str(&f->ed[F_RATIONALE].text)};
                wb_begin(wb);
                id = wb_add_entry(wb, &ne, &d);
                if (id) {
                        if (*buf_str(&f->ed[F_SIGNED_BY].text))
                                wb_set(wb, WB_EVIDENCE, id, "signed_by",
                                       buf_str(&f->ed[F_SIGNED_BY].text));
                        if (*buf_str(&f->ed[F_SIGNED_ON].text))
                                wb_set(wb, WB_EVIDENCE, id, "signed_on",
                                       buf_str(&f->ed[F_SIGNED_ON].text));
                }
                wb_end(wb);
        } else {
                id = xstrdup(entry_get(wb, &wb->entries[f->entry], "id"));
                wb_begin(wb);
                for (int i = 0; i < NFIELDS; i++) {
                        const char *v = buf_str(&f->ed[i].text);
                        if (i == F_STATUS)
                                v = ev_status_name[ev_status_parse(v)];
                        wb_set(wb, WB_EVIDENCE, id, field_col[i], v);
                }
                wb_end(wb);
        }
        if (!id) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not recorded");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                return false;
        }
        app_refresh_model(app);
        bool linked = app_show_entry(app, wb_entry_by_id(wb, id));
        app_message(app, false, "%s %s (w saves the workbook%s)", id,
                    f->entry < 0 || f->revamps ? "added" : "changed",
                    linked ? "" : "; linking off to show it");
        free(id);
        diag_free(&d);
        return true;
}

static void form_run(struct app *app, long entry, bool revamp, const struct strlist *cols,
                     const struct strlist *vals)
{
        struct form f;
        memset(&f, 0, sizeof f);
        f.entry = entry;
        f.ed[F_SUMMARY].multiline = true;
        char title[200];
        if (entry < 0) {
                prefill(app, &f);
                snprintf(title, sizeof title, " New entry (pre-filled from the selection)");
        } else {
                const struct entry *e = &app->wb.entries[entry];
                for (int i = 0; i < NFIELDS; i++)
                        ed_set(&f.ed[i], entry_get(&app->wb, e, field_col[i]));
                const char *id = entry_get(&app->wb, e, "id");
                if (revamp) {
                        f.revamps = xstrdup(id);
                        char today[11];
                        date_today(today);
                        ed_set(&f.ed[F_STATUS], "actual");
                        ed_set(&f.ed[F_DATE], today);
                        ed_set(&f.ed[F_SIGNED_BY], "");
                        ed_set(&f.ed[F_SIGNED_ON], "");
                        snprintf(title, sizeof title,
                                 " Revamp %s: the actual evidence (the plan is kept)", id);
                        f.cur = F_SUMMARY;
                } else {
                        snprintf(title, sizeof title, " Edit %s", id);
                }
        }
        if (entry < 0)
                snprintf(f.key, sizeof f.key, "new");
        else
                snprintf(f.key, sizeof f.key, "%s:%s", revamp ? "revamp" : "edit",
                         entry_get(&app->wb, &app->wb.entries[entry], "id"));
        /* the draft starts from every field (recovery needs the whole form) */
        f.jhash = 0;
        f.jcur = f.cur;
        for (size_t k = 0; cols && vals && k < cols->n && k < vals->n; k++)
                for (int i = 0; i < NFIELDS; i++)
                        if (strcmp(cols->v[k], field_col[i]) == 0 &&
                            strcmp(vals->v[k], buf_str(&f.ed[i].text)) != 0) {
                                ed_set(&f.ed[i], vals->v[k]);
                                f.changed = true;
                        }
        if (cols)
                snprintf(title + strlen(title), sizeof title - strlen(title),
                         " (recovered after a crash)");
        if (app->readonly)
                snprintf(title + strlen(title), sizeof title - strlen(title), " (read-only)");
        for (int i = 0; i < NFIELDS; i++)
                f.ed[i].cur = f.ed[i].text.len;
        app->msg[0] = '\0';
        bool done = false;
        for (;;) {
                journal_form(app, &f, false);
                draw_form(app, &f, title);
                int ch;
                int key = app_read_key(app, &ch);
                if (key < 0) {
                        journal_form(app, &f, true); /* hang-up: keep what was typed */
                        break;                       /* and the caller's loop ends */
                }
                if (key == KEY_RESIZE)
                        continue;
                app->msg[0] = '\0';
                struct editor *ed = &f.ed[f.cur];
                if (key == KEY_CHAR(27) || key == KEY_CHAR(3)) {
                        if (f.changed &&
                            prompt_choice(app, "Discard this entry's changes? (y)es (n)o", "yn") !=
                                'y')
                                continue;
                        done = true;
                        break;
                }
                if (key == KEY_CHAR(19) || key == KEY_F(10)) { /* ^S */
                        if (validate(app, &f) && commit(app, &f)) {
                                done = true;
                                break;
                        }
                        for (int i = 0; i < NFIELDS; i++)
                                if (f.error[i]) {
                                        f.cur = i;
                                        break;
                                }
                        continue;
                }
                if (key == KEY_CHAR('\t') || (key == KEY_DOWN && f.cur != F_SUMMARY) ||
                    ((key == KEY_CHAR('\r') || key == KEY_ENTER) && f.cur != F_SUMMARY)) {
                        f.cur = (f.cur + 1) % NFIELDS;
                        continue;
                }
                if (key == KEY_BTAB || (key == KEY_UP && f.cur != F_SUMMARY)) {
                        f.cur = (f.cur + NFIELDS - 1) % NFIELDS;
                        continue;
                }
                if (f.cur == F_SUMMARY && (key == KEY_UP || key == KEY_DOWN)) {
                        size_t before = ed->cur;
                        ed_key(ed, key);
                        if (ed->cur == before)
                                f.cur = key == KEY_UP ? F_REF : F_ELEMENTS;
                        continue;
                }
                if (key == KEY_CHAR(15)) { /* ^O: $EDITOR */
                        if (edit_external(app, ed))
                                f.changed = true;
                        continue;
                }
                if (f.cur == F_STATUS &&
                    (key == KEY_CHAR(' ') || key == KEY_RIGHT || key == KEY_LEFT)) {
                        static const char *const order[] = {"planned", "actual", "needs-update",
                                                            "na"};
                        int s = (int)ev_status_parse(buf_str(&ed->text));
                        s = s >= 4 ? 1 : (s + (key == KEY_LEFT ? 3 : 1)) % 4;
                        ed_set(ed, order[s]);
                        f.changed = true;
                        continue;
                }
                if (f.cur == F_STATUS && (key & 0x100000) && (key & 0xFFFFF) > ' ') {
                        /* a letter picks the status; nothing else is typed into it */
                        static const char letters[] = "paun";
                        static const char *const by[] = {"planned", "actual", "needs-update", "na"};
                        int c = key & 0xFFFFF;
                        const char *at = c < 128 ? strchr(letters, c | 0x20) : NULL;
                        if (at) {
                                ed_set(ed, by[at - letters]);
                                f.changed = true;
                        } else {
                                app_message(app, true,
                                            "status: p planned, a actual, u needs update, n n/a "
                                            "(or Space)");
                        }
                        continue;
                }
                if ((f.cur == F_ELEMENTS || f.cur == F_INDICATORS) &&
                    (key == KEY_F(2) || key == KEY_CHAR(16))) {
                        char *r = picker_refs(app, f.cur == F_ELEMENTS, buf_str(&ed->text));
                        if (r) {
                                ed_set(ed, r);
                                f.changed = true;
                                free(r);
                        }
                        continue;
                }
                if (ed_key(ed, key))
                        f.changed = true;
        }
        if (done)
                recover_form_done(app, f.key);
        for (int i = 0; i < NFIELDS; i++) {
                ed_free(&f.ed[i]);
                free(f.error[i]);
        }
        free(f.revamps);
}

void form_entry(struct app *app, long entry, bool revamp)
{
        form_run(app, entry, revamp, NULL, NULL);
}

void form_entry_draft(struct app *app, const char *form, const struct strlist *cols,
                      const struct strlist *vals)
{
        long entry = -1;
        bool revamp = strncmp(form, "revamp:", 7) == 0;
        if (revamp || strncmp(form, "edit:", 5) == 0) {
                entry = wb_entry_by_id(&app->wb, strchr(form, ':') + 1);
                if (entry < 0) {
                        /* the entry is gone: keep the words in a new entry's form */
                        revamp = false;
                }
        }
        form_run(app, entry, revamp, cols, vals);
}
