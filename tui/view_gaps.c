/* view_gaps.c — the gap list: capabilities and themes not met up to the target
 * stage, which stages are missing, the units whose grids could supply each, and
 * evidence marked needs-update. Enter jumps to the theme; g opens the grid of a
 * suggested unit, asking which when there are several. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

/* The stages a gap lacks: "ES missing", "EM, ES and AC missing". */
static void gap_words(const struct framework *fw, const struct gap *g, struct buf *out)
{
        struct cov c = {.missing = g->missing};
        cov_missing_text(fw, &c, out);
}

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        int st = app->ses.wb.stage_index;
        snprintf(v->title, sizeof v->title,
                 "gaps up to %s (%s): every stage up to it needs evidence", fw->stages[st].name,
                 fw->stages[st].code);
        struct gap *g;
        size_t n = coverage_gaps(&app->ses.wb, &app->ses.cov, &g);
        if (!n)
                vline_add(
                    v, CR_ACTUAL, false, 0, 0,
                    "No gaps: every capability and theme has actual evidence at every stage.");
        /* the words of each gap in a column as wide as the widest */
        int ww = 0;
        for (size_t i = 0; i < n; i++) {
                struct buf w = {0};
                gap_words(fw, &g[i], &w);
                ww = (int)text_width(buf_str(&w)) > ww ? (int)text_width(buf_str(&w)) : ww;
                buf_free(&w);
        }
        const struct gap *capgap = NULL;
        char kg[16];
        keys_first(app, ACT_GRID, kg, sizeof kg);
        for (size_t i = 0; i < n; i++) {
                const char *code =
                    g[i].theme < 0 ? fw->caps[g[i].cap].code : fw->themes[g[i].theme].code;
                const char *name =
                    g[i].theme < 0 ? fw->caps[g[i].cap].name : fw->themes[g[i].theme].name;
                if (g[i].theme < 0)
                        capgap = &g[i];
                struct buf w = {0};
                gap_words(fw, &g[i], &w);
                /* what there is short of it after the name: its mark in words */
                bool some = g[i].mark != MARK_NONE;
                vline_add(v, g[i].theme < 0 ? CR_MISSING : CR_NONE, true, (int)g[i].cap, g[i].theme,
                          "%s %s%-*s %-*s  %s%s%s%s", app->term.gl->mark[g[i].mark],
                          g[i].theme < 0 ? "" : "  ", g[i].theme < 0 ? 9 : 7, code, ww, buf_str(&w),
                          name, some ? " (" : "", some ? cov_mark_name[g[i].mark] : "",
                          some ? ")" : "");
                buf_free(&w);
                bool each;
                if (!gap_hints_here(g, n, i, capgap, &each))
                        continue;
                struct buf h = {0};
                buf_printf(&h, "%scould come from: ", each ? "each " : "");
                for (size_t k = 0; k < g[i].nunits; k++) {
                        enum unit_status us = wb_unit_status(&app->ses.wb, g[i].units[k].unit);
                        buf_printf(&h, "%s%s %s%s", k ? ", " : "",
                                   fw->units[g[i].units[k].unit].code,
                                   g[i].units[k].direct ? "direct" : "indirect",
                                   us == US_ACHIEVED || us == US_CREDIT ? " (held)" : "");
                }
                buf_printf(&h, " (%s %s)", kg,
                           g[i].nunits > 1 ? "chooses one's grid" : "opens the grid");
                vline_wrap(v, CR_LINK, width, g[i].theme < 0 ? 6 : 8, buf_str(&h));
                buf_free(&h);
        }
        bool first = true;
        for (size_t i = 0; i < app->ses.wb.nentries; i++) {
                const struct entry *e = &app->ses.wb.entries[i];
                if (e->status != ST_UPDATE)
                        continue;
                if (first)
                        vline_add(v, -1, false, 0, 0, "Evidence marked needs-update");
                first = false;
                const char *sum = entry_get(&app->ses.wb, e, "summary");
                char *one = xstrndup(sum, strcspn(sum, "\r\n"));
                vline_add(v, CR_UPDATE, true, -1, (int)i, "  %s [%s] %s",
                          entry_get(&app->ses.wb, e, "id"), entry_get(&app->ses.wb, e, "ref"), one);
                free(one);
        }
        gaps_free(g, n);
}

/* --- which unit's grid: the units that could fill a gap ----------------------- */

struct choice {
        int cap, theme;
};

static void choose_build(struct app *app, struct view *v, int width)
{
        const struct choice *c = v->data;
        const struct framework *fw = &app->ses.wb.fw;
        snprintf(v->title, sizeof v->title, "units whose mapping links to %s: Enter opens the grid",
                 c->theme < 0 ? fw->caps[c->cap].code : fw->themes[c->theme].code);
        struct unit_hint *h;
        size_t n = links_to(&app->ses.wb, c->cap, c->theme, &h);
        for (size_t k = 0; k < n; k++) {
                enum unit_status us = wb_unit_status(&app->ses.wb, h[k].unit);
                char head[64];
                snprintf(head, sizeof head, "%-4s %-8s %-15s ", fw->units[h[k].unit].code,
                         h[k].direct ? "direct" : "indirect", unit_status_label[us]);
                char *title = ui_unit_title(&app->term, fw, h[k].unit, width - (int)strlen(head));
                vline_add(v, CR_NONE, true, h[k].unit, 0, "%s%s", head, title);
                free(title);
        }
        free(h);
}

static enum reaction choose_key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        if ((action == ACT_OPEN || action == ACT_GRID) && v->sel < v->n &&
            v->lines[v->sel].selectable) {
                view_push(app, &view_grid_ops, v->lines[v->sel].a); /* the grid in its place */
                return REACT_POP;
        }
        return REACT_IGNORED;
}

static void choose_done(struct app *app, struct view *v, bool ending)
{
        (void)app, (void)ending;
        free(v->data);
}

static const struct view_ops choose_ops = {.name = "gap units",
                                           .build = choose_build,
                                           .key = choose_key,
                                           .search = list_search,
                                           .done = choose_done,
                                           .hints = {{ACT_OPEN, "open its grid"}}};

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        if (v->sel >= v->n || !v->lines[v->sel].selectable)
                return REACT_IGNORED;
        const struct vline *l = &v->lines[v->sel];
        if (action == ACT_OPEN) {
                if (l->a < 0) { /* an entry that needs updating */
                        form_open(app, l->b, false, NULL, NULL);
                        return REACT_NONE;
                }
                panes_select_theme(app, l->a, l->b);
                return REACT_NONE;
        }
        if (action == ACT_GRID && l->a >= 0) {
                struct unit_hint *h;
                size_t n = links_to(&app->ses.wb, l->a, l->b, &h);
                if (n == 1) {
                        view_push(app, &view_grid_ops, h[0].unit);
                } else if (n) {
                        struct choice *c = xmalloc(sizeof *c);
                        *c = (struct choice){l->a, l->b};
                        view_push(app, &choose_ops, 0)->data = c;
                } else {
                        app_message(app, true, "no unit's mapping links here");
                }
                free(h);
                return REACT_NONE;
        }
        return REACT_IGNORED;
}

const struct view_ops view_gaps_ops = {
    .name = "gaps",
    .build = build,
    .key = key,
    .search = list_search,
    .hints = {{ACT_OPEN, "go to it"}, {ACT_GRID, "grid of a unit that could fill it"}}};
