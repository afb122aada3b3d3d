/* view_help.c — the help screen, made from the action table and the key map. */
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void line(struct view *v, int width, const char *text)
{
        vline_wrap(v, CR_NONE, width, 2, text);
}

static void build(struct app *app, struct view *v, int width)
{
        snprintf(v->title, sizeof v->title, "help");
        static const char *const groups[][2] = {{"move", "Moving"},
                                                {"edit", "Entries and changes"},
                                                {"find", "Searching"},
                                                {"view", "Views"},
                                                {"inview", "In the views"}};
        for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
                vline_add(v, -1, false, 0, 0, "%s", groups[g][1]);
                for (int a = 1; a < ACT_COUNT; a++) {
                        if (strcmp(action_info[a].where, groups[g][0]) != 0)
                                continue;
                        char keys[96] = "";
                        size_t len = 0;
                        for (size_t i = 0; i < app->nkeys; i++) {
                                if (app->keys[i].act != (enum action)a)
                                        continue;
                                char k[16];
                                keys_name_of(app->keys[i].key, k, sizeof k);
                                /* one name per key: Enter is bound as ^J, ^M and the keypad's */
                                bool seen = false;
                                for (size_t j = 0; j < i && !seen; j++) {
                                        char o[16];
                                        keys_name_of(app->keys[j].key, o, sizeof o);
                                        seen =
                                            app->keys[j].act == (enum action)a && strcmp(o, k) == 0;
                                }
                                if (seen)
                                        continue;
                                len += (size_t)snprintf(keys + len,
                                                        len < sizeof keys ? sizeof keys - len : 0,
                                                        "%s%s", len ? " " : "", k);
                        }
                        /* the help text wraps under itself when the screen is narrow */
                        char prefix[160];
                        int pw = snprintf(prefix, sizeof prefix, "  %-16s %-16s ", keys,
                                          action_info[a].name);
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
                vline_add(v, CR_NONE, false, 0, 0, " ");
        }
        const struct glyphs *gl = app->gl;
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
        vline_add(v, -1, false, 0, 0, "In the entry form");
        line(v, width, "Tab / Shift-Tab  next / previous field");
        line(v, width, "Enter  next field (a new line in Summary)");
        line(v, width, "^S  save the entry   Esc  cancel");
        line(v, width, "^E  end of line   ^O  edit the field in $EDITOR");
        line(v, width, "F2 or ^P on Elements/Indicators: pick from a list (type to filter)");
        line(v, width,
             "On Status: p/a/u/n pick planned, actual, needs update, n/a; Space the next");
        line(v, width,
             "Ctrl-Left/Right  word by word   ^U ^K ^W  delete to line start / end / word");
}

const struct view_ops view_help_ops = {"help", build, NULL, {{ACT_DOWN, "scroll"}}};
