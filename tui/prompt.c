/* prompt.c — questions on the status line, as views over the screen behind: a
 * line of text, or one letter of a few. Each runs the loop until it is
 * answered, so resize, signals and "terminal too small" are the loop's. A line
 * offered pre-filled is selected: typing replaces it, a move edits it. */
#include "core/text.h"
#include "tui/editor.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

struct prompt {
        const char *question;
        const char *letters; /* a choice: the letters that answer it */
        struct editor ed;    /* a line: the text typed */
        bool fresh;          /* the line as offered, not yet touched: typing replaces it */
        void (*changed)(struct app *app, void *ctx, const char *text);
        void *ctx;
        char *line; /* the line, once accepted */
        int letter; /* the letter, once typed */
};

static void line_draw(struct app *app, struct view *v)
{
        struct prompt *p = v->data;
        struct tui_term *t = &app->term;
        int y = t->rows - 1, qw = (int)text_width(p->question);
        if (qw > t->cols / 2)
                qw = t->cols / 2;
        ui_put(t, y, 0, qw, p->question, A_BOLD, false);
        int w = t->cols - qw - 1;
        /* scroll the text so the cursor shows */
        struct editor *ed = &p->ed;
        int row, col;
        ed->width = 1 << 20;
        ed_cursor_pos(ed, 1 << 20, &row, &col);
        size_t start = 0;
        while (col >= w && start < ed->cur) {
                start++;
                while (start < ed->text.len && ((unsigned char)ed->text.s[start] & 0xC0) == 0x80)
                        start++;
                col = (int)text_width(ed->text.s + start) - (int)text_width(ed->text.s + ed->cur);
        }
        ui_put(t, y, qw, w, buf_str(&ed->text) + start, p->fresh ? A_REVERSE : A_NORMAL, true);
        t->cursor_y = y;
        t->cursor_x = qw + col;
}

static enum reaction line_key(struct app *app, struct view *v, enum action act, int key)
{
        struct prompt *p = v->data;
        if (act == ACT_PROMPT_CANCEL)
                return REACT_POP;
        if (act == ACT_PROMPT_ACCEPT) {
                p->line = xstrdup(buf_str(&p->ed.text));
                return REACT_POP;
        }
        bool fresh = p->fresh;
        p->fresh = false;
        size_t before = p->ed.text.len;
        enum reaction r = REACT_NONE;
        if (fresh && (act == ACT_NONE || act == ACT_ED_DELETE_BACK || act == ACT_ED_DELETE)) {
                ed_set(&p->ed, ""); /* what was offered goes: "Joseph" typed is "Joseph" */
                if (act == ACT_NONE)
                        ed_insert(&p->ed, KEY_CHAR_OF(key));
        } else if (act == ACT_NONE) {
                ed_insert(&p->ed, KEY_CHAR_OF(key));
        } else if (!ed_act(&p->ed, act)) {
                r = REACT_IGNORED;
        }
        if (p->changed && (fresh || p->ed.text.len != before))
                p->changed(app, p->ctx, buf_str(&p->ed.text));
        return r;
}

/* A question longer than the status line takes the lines above it too, so
 * what it asks and its letters all show. */
static void choice_draw(struct app *app, struct view *v)
{
        struct prompt *p = v->data;
        struct tui_term *t = &app->term;
        int n = ui_wrap_lines(t, t->cols, p->question);
        if (n > t->rows / 2)
                n = t->rows / 2;
        if (n <= 1) {
                ui_put(t, t->rows - 1, 0, t->cols, p->question, A_BOLD, true);
                int qw = (int)text_width(p->question);
                t->cursor_y = t->rows - 1;
                t->cursor_x = qw < t->cols ? qw : t->cols - 1;
                return;
        }
        ui_wrap(t, t->rows - n, 0, t->cols, n, p->question, A_BOLD);
        /* the cursor after its last word */
        const char *q = p->question, *line = q, *next;
        size_t len = 0;
        for (int i = 0; i < n && *q; i++) {
                line = q;
                len = text_wrap_line(q, t->cols, &next);
                q = next;
        }
        char *last = xstrndup(line, len);
        int w = (int)text_width(last);
        free(last);
        t->cursor_y = t->rows - 1;
        t->cursor_x = w < t->cols ? w : t->cols - 1;
}

static enum reaction choice_key(struct app *app, struct view *v, enum action act, int key)
{
        (void)app;
        struct prompt *p = v->data;
        if (act == ACT_PROMPT_CANCEL)
                return REACT_POP;
        int c = KEY_IS_CHAR(key) ? KEY_CHAR_OF(key) : 0;
        if (c >= 'A' && c <= 'Z')
                c = c - 'A' + 'a';
        if (act != ACT_NONE || c <= 0 || c >= 128 || !strchr(p->letters, c))
                return REACT_IGNORED;
        p->letter = c;
        return REACT_POP;
}

static const struct view_ops line_ops = {
    .name = "prompt",
    .flags = VIEW_MODAL | VIEW_TEXT | VIEW_OVERLAY,
    .keymap = {KM_PROMPT, KM_EDITOR},
    .draw = line_draw,
    .key = line_key,
};

/* The question shows on the too-small screen too, and is answered there. */
static const struct view_ops choice_ops = {
    .name = "prompt",
    .flags = VIEW_MODAL | VIEW_TEXT | VIEW_OVERLAY | VIEW_SMALL_OK,
    .keymap = {KM_PROMPT, KM_PROMPT},
    .draw = choice_draw,
    .key = choice_key,
};

/* Pushes the question and runs the loop until it is answered (or a signal ends
 * the program): the screen behind shows no message meanwhile, nor after. */
static void ask(struct app *app, const struct view_ops *ops, struct prompt *p)
{
        app->msg[0] = '\0';
        struct view *v = view_push(app, ops, 0);
        v->data = p;
        v->question = p->question;
        unsigned long id = v->id;
        loop_run(app, id);
        view_remove(app, view_by_id(app, id)); /* still there when a signal ended the loop */
        app->msg[0] = '\0';
}

char *prompt_line(struct app *app, const char *question, const char *initial)
{
        struct prompt p = {.question = question};
        ed_set(&p.ed, initial);
        p.fresh = p.ed.text.len > 0;
        ask(app, &line_ops, &p);
        ed_free(&p.ed);
        return p.line;
}

char *prompt_live(struct app *app, const char *question, const char *initial,
                  void (*changed)(struct app *app, void *ctx, const char *text), void *ctx)
{
        struct prompt p = {.question = question, .changed = changed, .ctx = ctx};
        ed_set(&p.ed, initial);
        p.fresh = p.ed.text.len > 0;
        ask(app, &line_ops, &p);
        ed_free(&p.ed);
        return p.line;
}

int prompt_choice(struct app *app, const char *question, const char *letters)
{
        struct prompt p = {.question = question, .letters = letters};
        ask(app, &choice_ops, &p);
        return p.letter;
}
