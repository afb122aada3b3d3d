/* dialog.c — a small form as a view: a few labelled fields, each a line of text,
 * a multi-line text or a choice from a list, saved as a whole or cancelled. The
 * profile, a session, an action, a unit's notes and a new workbook are edited
 * in it. Keys are the entry form's; a field entered is selected whole, so
 * typing replaces what it held and a move keeps it. */
#include "core/text.h"
#include "tui/editor.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

#define LABEL_W 14

struct dialog {
        const char *title;
        struct dialog_field *f;
        size_t n;
        struct editor *ed; /* a text field's text */
        size_t *choice;    /* a choice field's choice */
        bool *fresh;       /* the field as entered: selected whole */
        char **error;
        int cur;
        bool changed, saved;
        dialog_fn accept;
        void *ctx;
};

static size_t nchoices(const struct dialog_field *f)
{
        size_t n = 0;
        while (f->choices && f->choices[n])
                n++;
        return n;
}

static const char *choice_shown(const struct dialog_field *f, size_t i)
{
        return f->shown ? f->shown[i] : f->choices[i];
}

/* The fields as typed into each field's value (the caller's to free). */
static void values_out(struct dialog *d)
{
        for (size_t i = 0; i < d->n; i++) {
                free(d->f[i].value);
                d->f[i].value = xstrdup(d->f[i].choices ? d->f[i].choices[d->choice[i]]
                                                        : buf_str(&d->ed[i].text));
        }
}

static void set_error(struct dialog *d, int field, const char *msg)
{
        for (size_t i = 0; i < d->n; i++) {
                free(d->error[i]);
                d->error[i] = NULL;
        }
        if (field >= 0 && (size_t)field < d->n && msg)
                d->error[field] = xstrdup(msg);
}

static void enter_field(struct dialog *d, int to)
{
        d->cur = to;
        d->fresh[to] = true;
        d->ed[to].cur = d->ed[to].text.len;
}

/* A multi-line field's rows: what the screen has left, up to 10. */
static int multi_rows(const struct tui_term *t, const struct dialog *d)
{
        int used = 0, multi = 0;
        for (size_t i = 0; i < d->n; i++) {
                used += 1 + (d->error[i] != NULL) + (d->f[i].hint && (int)i == d->cur);
                multi += d->f[i].multiline;
        }
        int left = t->rows - 4 - used;
        int r = multi ? 1 + left / multi : 1;
        return r < 2 ? 2 : r > 10 ? 10 : r;
}

static void draw_text(struct tui_term *t, struct dialog *d, size_t i, int y, int rows)
{
        struct editor *ed = &d->ed[i];
        bool cur = (int)i == d->cur;
        attr_t a = cur && d->fresh[i] && ed->text.len ? A_REVERSE : cur ? A_UNDERLINE : A_NORMAL;
        ed_draw(t, ed, y, LABEL_W, rows, d->f[i].multiline, cur, a);
}

/* A choice: the choices in a row, the chosen one bracketed; when they do not
 * all fit, as many as fit from the chosen one on, an ellipsis where more are. */
static void draw_choice(struct app *app, struct dialog *d, size_t i, int y)
{
        struct tui_term *t = &app->term;
        const struct dialog_field *f = &d->f[i];
        size_t n = nchoices(f), c = d->choice[i];
        int vw = t->cols - LABEL_W - 1;
        bool cur = (int)i == d->cur;
        struct buf b = {0};
        int at = 0;
        for (size_t first = 0; first <= c; first = first ? first + 1 : c) {
                buf_reset(&b);
                if (first)
                        buf_printf(&b, "%s ", app->term.gl->ellipsis);
                size_t k = first;
                for (; k < n; k++) {
                        size_t len = b.len;
                        if (k == c)
                                at = (int)text_width(buf_str(&b));
                        buf_printf(&b, "%s%s%s ", k == c ? "[" : " ", choice_shown(f, k),
                                   k == c ? "]" : " ");
                        if (k > c && (int)text_width(buf_str(&b)) + 2 > vw) {
                                b.len = len, b.s[len] = '\0';
                                break;
                        }
                }
                if (k < n)
                        buf_adds(&b, app->term.gl->ellipsis);
                if ((int)text_width(buf_str(&b)) <= vw || first == c)
                        break;
        }
        ui_put(t, y, LABEL_W, vw, buf_str(&b), cur ? A_BOLD : A_NORMAL, true);
        if (cur)
                t->cursor_y = y, t->cursor_x = LABEL_W + at + 1;
        buf_free(&b);
}

static void hint_line(struct app *app, struct dialog *d, char *out, size_t n)
{
        char ks[16], kc[16], kn[16], kx[16];
        keys_first(app, ACT_FORM_SAVE, ks, sizeof ks);
        keys_first(app, ACT_FORM_CANCEL, kc, sizeof kc);
        keys_first(app, ACT_FORM_NEXT, kn, sizeof kn);
        keys_first(app, ACT_FORM_EDITOR, kx, sizeof kx);
        if (d->f[d->cur].choices)
                snprintf(out, n,
                         " %s save  %s cancel  Space, Left, Right or a letter: choose  %s next", ks,
                         kc, kn);
        else if (d->f[d->cur].multiline)
                snprintf(out, n, " %s save  %s cancel  %s next  %s $EDITOR  typing replaces", ks,
                         kc, kn, kx);
        else
                snprintf(out, n, " %s save  %s cancel  %s next field  typing replaces, Left edits",
                         ks, kc, kn);
}

static void dialog_draw(struct app *app, struct view *v)
{
        struct dialog *d = v->data;
        struct tui_term *t = &app->term;
        ui_put(t, 0, 0, t->cols, d->title, t->role_attr[CR_TITLE], true);
        int y = 2, mrows = multi_rows(t, d), bottom = t->rows - 1;
        t->cursor_y = 1, t->cursor_x = 0;
        for (size_t i = 0; i < d->n && y < bottom; i++) {
                bool cur = (int)i == d->cur;
                int rows = d->f[i].multiline ? mrows : 1;
                if (y + rows > bottom)
                        rows = bottom - y;
                ui_put(t, y, 0, LABEL_W, d->f[i].label, cur ? A_BOLD | A_UNDERLINE : A_BOLD, true);
                if (d->f[i].choices)
                        draw_choice(app, d, i, y);
                else
                        draw_text(t, d, i, y, rows);
                y += rows;
                if (d->error[i] && y < bottom)
                        ui_put(t, y++, LABEL_W, t->cols - LABEL_W, d->error[i],
                               t->role_attr[CR_ERROR], true);
                if (cur && d->f[i].hint && y < bottom)
                        ui_put(t, y++, LABEL_W, t->cols - LABEL_W, d->f[i].hint, A_DIM, true);
        }
        char hint[300];
        hint_line(app, d, hint, sizeof hint);
        ui_put(t, t->rows - 1, 0, t->cols, app->msg[0] ? app->msg : hint,
               app->msg[0] && app->msg_error ? t->role_attr[CR_ERROR] : A_NORMAL, true);
        if (t->cursor_x >= t->cols)
                t->cursor_x = t->cols - 1;
}

/* A choice field's keys: Space, Left and Right step through the choices; a
 * letter goes to the next one that starts with it. */
static bool choice_key(struct dialog *d, enum action act, int c)
{
        const struct dialog_field *f = &d->f[d->cur];
        size_t n = nchoices(f), *at = &d->choice[d->cur];
        if (!n)
                return false;
        if (act == ACT_ED_RIGHT || (act == ACT_NONE && c == ' ')) {
                *at = (*at + 1) % n;
                return true;
        }
        if (act == ACT_ED_LEFT) {
                *at = (*at + n - 1) % n;
                return true;
        }
        if (act != ACT_NONE || c <= ' ' || c >= 128)
                return false;
        for (size_t k = 1; k <= n; k++) {
                size_t i = (*at + k) % n;
                const char *s = choice_shown(f, i);
                if ((s[0] | 0x20) == (c | 0x20) || (f->choices[i][0] | 0x20) == (c | 0x20)) {
                        *at = i;
                        return true;
                }
        }
        return false;
}

static bool text_key(struct dialog *d, enum action act, int c)
{
        struct editor *ed = &d->ed[d->cur];
        bool fresh = d->fresh[d->cur];
        d->fresh[d->cur] = false;
        if (act == ACT_NONE) {
                if (fresh)
                        ed_set(ed, ""); /* typing replaces what the field held */
                return ed_insert(ed, c);
        }
        if (fresh && (act == ACT_ED_DELETE_BACK || act == ACT_ED_DELETE)) {
                ed_set(ed, "");
                return true;
        }
        return ed_act(ed, act);
}

static enum reaction dialog_key(struct app *app, struct view *v, enum action act, int key)
{
        struct dialog *d = v->data;
        int c = KEY_CHAR_OF(key), last = (int)d->n - 1;
        switch (act) {
        case ACT_FORM_CANCEL:
                if (d->changed &&
                    prompt_choice(app, "Discard what was typed? (y)es (n)o", "yn") != 'y')
                        return REACT_NONE;
                return REACT_POP;
        case ACT_FORM_SAVE: {
                values_out(d);
                struct buf why = {0};
                int field = -1;
                if (d->accept(app, d->ctx, d->f, &field, &why)) {
                        d->saved = true;
                        buf_free(&why);
                        return REACT_POP;
                }
                set_error(d, field, buf_str(&why));
                if (field >= 0 && field <= last)
                        enter_field(d, field);
                buf_free(&why);
                return REACT_NONE;
        }
        case ACT_FORM_NEXT: enter_field(d, d->cur == last ? 0 : d->cur + 1); return REACT_NONE;
        case ACT_FORM_PREV: enter_field(d, d->cur == 0 ? last : d->cur - 1); return REACT_NONE;
        case ACT_FORM_EDITOR:
                if (!d->f[d->cur].choices && form_edit_external(app, &d->ed[d->cur])) {
                        d->changed = true;
                        d->fresh[d->cur] = false;
                }
                return REACT_NONE;
        default: break;
        }
        if (d->f[d->cur].choices) {
                if (choice_key(d, act, c)) {
                        d->changed = true;
                        return REACT_NONE;
                }
        } else if (act == ACT_ED_NEW_LINE && !d->f[d->cur].multiline) {
                enter_field(d, d->cur == last ? 0 : d->cur + 1); /* Enter: the next field */
                return REACT_NONE;
        } else if (d->f[d->cur].multiline || (act != ACT_ED_UP && act != ACT_ED_DOWN)) {
                struct editor *ed = &d->ed[d->cur];
                size_t at = ed->cur;
                char *before = xstrdup(buf_str(&ed->text));
                bool done = text_key(d, act, c);
                d->changed = d->changed || strcmp(before, buf_str(&ed->text)) != 0;
                free(before);
                /* Up and Down off a multi-line field's ends: the field above or below */
                if ((act != ACT_ED_UP && act != ACT_ED_DOWN) || ed->cur != at)
                        return done ? REACT_NONE : REACT_IGNORED;
        }
        if (act == ACT_ED_DOWN || act == ACT_DOWN) {
                enter_field(d, d->cur == last ? last : d->cur + 1);
                return REACT_NONE;
        }
        if (act == ACT_ED_UP || act == ACT_UP) {
                enter_field(d, d->cur == 0 ? 0 : d->cur - 1);
                return REACT_NONE;
        }
        if (act == ACT_ED_NEW_LINE) { /* on a choice */
                enter_field(d, d->cur == last ? 0 : d->cur + 1);
                return REACT_NONE;
        }
        return REACT_IGNORED;
}

static const struct view_ops dialog_ops = {
    .name = "dialog",
    .flags = VIEW_MODAL | VIEW_TEXT,
    .keymap = {KM_FORM, KM_EDITOR},
    .draw = dialog_draw,
    .key = dialog_key,
};

bool dialog_run(struct app *app, const char *title, struct dialog_field *f, size_t n,
                dialog_fn accept, void *ctx)
{
        struct dialog d = {.title = title, .f = f, .n = n, .accept = accept, .ctx = ctx};
        d.ed = xcalloc(n, sizeof *d.ed);
        d.choice = xcalloc(n, sizeof *d.choice);
        d.fresh = xcalloc(n, sizeof *d.fresh);
        d.error = xcalloc(n, sizeof *d.error);
        for (size_t i = 0; i < n; i++) {
                f[i].value = NULL;
                d.ed[i].multiline = f[i].multiline;
                ed_set(&d.ed[i], f[i].init);
                for (size_t k = 0; f[i].choices && f[i].choices[k]; k++)
                        if (f[i].init && str_ieq(f[i].init, f[i].choices[k]))
                                d.choice[i] = k;
        }
        enter_field(&d, 0);
        app->msg[0] = '\0';
        struct view *v = view_push(app, &dialog_ops, 0);
        v->data = &d;
        unsigned long id = v->id;
        loop_run(app, id);
        view_remove(app, view_by_id(app, id)); /* still there when a signal ended the loop */
        for (size_t i = 0; i < n; i++) {
                ed_free(&d.ed[i]);
                free(d.error[i]);
        }
        free(d.ed), free(d.choice), free(d.fresh), free(d.error);
        return d.saved;
}
