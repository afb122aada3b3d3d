/* view_help.c — the help screens, made from the action table and the keys as
 * bound: from the panes and the views, every key of those and a summary of the
 * form's; from the form, a picker or a question, every key that works there. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void line(struct view *v, int width, const char *text)
{
        vline_wrap(v, CR_NONE, width, 2, text);
}

/* An action's keys, name (in a column as wide as the longest name of a
 * keymap's help) and help, the help wrapped under itself. */
static void action_line(struct app *app, struct view *v, int width, int a)
{
        char keys[96], prefix[160];
        keys_of(app, (enum action)a, keys, sizeof keys);
        int nw = v->arg == KM_FORM || v->arg == KM_PICKER || v->arg == KM_PROMPT ? 22 : 16;
        int pw = snprintf(prefix, sizeof prefix, "  %-16s %-*s ", keys, nw, action_info[a].name);
        size_t first = v->n;
        vline_wrap(v, CR_NONE, width, pw, action_info[a].help);
        if (first < v->n) {
                struct vline *l = &v->lines[first];
                char *t = xmalloc(strlen(prefix) + strlen(l->text) + 1);
                sprintf(t, "%s%s", prefix, l->text + pw);
                free(l->text);
                l->text = t;
        }
}

static void group(struct app *app, struct view *v, int width, const char *title, const char *name)
{
        vline_add(v, -1, false, 0, 0, "%s", title);
        for (int a = 1; a < ACT_COUNT; a++)
                if (strcmp(action_info[a].group, name) == 0)
                        action_line(app, v, width, a);
        vline_add(v, CR_NONE, false, 0, 0, " ");
}

static const char *first_key(struct app *app, enum action a, char *buf)
{
        return keys_first(app, a, buf, 32);
}

/* "Ctrl-Left" and "Ctrl-Right" as "Ctrl-Left/Right". */
static void key_pair(struct app *app, enum action a, enum action b, char *out, size_t n)
{
        char ka[32], kb[32];
        first_key(app, a, ka);
        first_key(app, b, kb);
        const char *dash = strchr(ka, '-');
        size_t p = dash ? (size_t)(dash - ka) + 1 : 0;
        snprintf(out, n, "%s/%s", ka, p && strncmp(ka, kb, p) == 0 ? kb + p : kb);
}

static void marks(struct app *app, struct view *v, int width)
{
        const struct glyphs *gl = app->term.gl;
        vline_add(v, -1, false, 0, 0, "Coverage marks (at the target stage)");
        static const char *const what[] = {"nothing",
                                           "planned only",
                                           "needs updating",
                                           "not applicable",
                                           "indirect only",
                                           "actual through the mapping (a direct link)",
                                           "actual evidence that names it"};
        for (int m = MARK_ACTUAL; m >= MARK_NONE; m--)
                vline_add(v, CR_NONE, false, 0, 0, "  %s  %s", gl->mark[m], what[m]);
        char t[300];
        snprintf(t, sizeof t, "%s / %s  the other pane's selection maps here directly / indirectly",
                 gl->link_direct, gl->link_indirect);
        line(v, width, t);
        snprintf(t, sizeof t,
                 "Evidence: = names the selection, %s through a direct link, %s indirect",
                 gl->link_direct, gl->link_indirect);
        line(v, width, t);
        line(v, width, "n/m after a name: actual/planned entries; * after a unit: mandatory");
        line(v, width,
             "An Evidence row: id, status, date, ref, the summary's first line, and the "
             "number of elements and indicators it names");
        vline_add(v, CR_NONE, false, 0, 0, " ");
}

/* The form in a few lines, keys as bound; F1 there has all of them. */
static void form_summary(struct app *app, struct view *v, int width)
{
        char t[300], a[32], b[32], c[32], pair[64], pick[64];
        vline_add(v, -1, false, 0, 0, "In the entry form");
        snprintf(t, sizeof t, "%s / %s  next / previous field", first_key(app, ACT_FORM_NEXT, a),
                 first_key(app, ACT_FORM_PREV, b));
        line(v, width, t);
        snprintf(t, sizeof t, "%s  next field (a new line in Summary)",
                 first_key(app, ACT_ED_NEW_LINE, a));
        line(v, width, t);
        snprintf(t, sizeof t, "%s  save the entry   %s  cancel", first_key(app, ACT_FORM_SAVE, a),
                 first_key(app, ACT_FORM_CANCEL, b));
        line(v, width, t);
        keys_of(app, ACT_ED_LINE_END, pair, sizeof pair);
        snprintf(t, sizeof t, "%s  end of line   %s  edit the field in $EDITOR", pair,
                 first_key(app, ACT_FORM_EDITOR, b));
        line(v, width, t);
        keys_of(app, ACT_FORM_PICK, pick, sizeof pick);
        for (char *s = strchr(pick, ' '); s; s = strchr(s + 4, ' ')) {
                memmove(s + 3, s, strlen(s) + 1); /* "F2 ^P" as "F2 or ^P" */
                memcpy(s, " or", 3);
        }
        snprintf(t, sizeof t, "%s on Elements/Indicators: pick from a list (type to filter)", pick);
        line(v, width, t);
        line(v, width,
             "On Status: p/a/u/n pick planned, actual, needs update, n/a; Space the next");
        key_pair(app, ACT_ED_WORD_LEFT, ACT_ED_WORD_RIGHT, pair, sizeof pair);
        snprintf(t, sizeof t, "%s  word by word   %s %s %s  delete to line start / end / word",
                 pair, first_key(app, ACT_ED_KILL_START, a), first_key(app, ACT_ED_KILL_END, b),
                 first_key(app, ACT_ED_KILL_WORD, c));
        line(v, width, t);
        /* in the form a printable key is typed: help there is a key like F1 */
        char help[96];
        keys_of(app, ACT_HELP, help, sizeof help);
        const char *k = strtok(help, " ");
        while (k && strlen(k) == 1)
                k = strtok(NULL, " ");
        if (k) {
                snprintf(t, sizeof t, "%s in the form lists all its keys, its pickers' too", k);
                line(v, width, t);
        }
}

/* Help opened from a form, a picker or a question: the keys that work there. */
static void help_in(struct app *app, struct view *v, int width, enum keymap km)
{
        static const struct {
                enum keymap km;
                const char *title, *group;
        } own[] = {{KM_FORM, "The entry form", "form"},
                   {KM_PICKER, "A picker of references", "picker"},
                   {KM_PROMPT, "A question on the status line", "prompt"}};
        for (size_t i = 0; i < sizeof own / sizeof *own; i++)
                if (own[i].km == km) {
                        snprintf(v->title, sizeof v->title, "help: %s",
                                 km == KM_FORM ? "the entry form" : "typing");
                        group(app, v, width, own[i].title, own[i].group);
                }
        group(app, v, width, "Editing the text", "text");
        vline_add(v, -1, false, 0, 0, "Everywhere");
        static const enum action everywhere[] = {ACT_HELP, ACT_REDRAW, ACT_SUSPEND};
        for (size_t i = 0; i < sizeof everywhere / sizeof *everywhere; i++)
                action_line(app, v, width, everywhere[i]);
        if (km == KM_FORM)
                line(v, width,
                     "On Status: p/a/u/n pick planned, actual, needs update, n/a; Space the next");
        if (km == KM_PICKER)
                line(v, width, "Typing filters the list; Down, Up, PageDown, PageUp move in it");
}

static void build(struct app *app, struct view *v, int width)
{
        enum keymap km = (enum keymap)v->arg;
        if (km == KM_FORM || km == KM_PICKER || km == KM_PROMPT) {
                help_in(app, v, width, km);
                return;
        }
        snprintf(v->title, sizeof v->title, "help");
        static const char *const groups[][2] = {{"move", "Moving"},
                                                {"edit", "Entries and changes"},
                                                {"find", "Searching"},
                                                {"view", "Views"},
                                                {"inview", "In the views"}};
        for (size_t g = 0; g < sizeof groups / sizeof *groups; g++)
                group(app, v, width, groups[g][1], groups[g][0]);
        marks(app, v, width);
        form_summary(app, v, width);
}

const struct view_ops view_help_ops = {
    .name = "help", .build = build, .search = list_search, .hints = {{ACT_DOWN, "scroll"}}};
