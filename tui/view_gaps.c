/* view_gaps.c — the gap list: capabilities and themes without actual evidence
 * at the target stage, the units whose grids could supply each, and evidence
 * marked needs-update. Enter jumps to the theme; g opens a suggested grid. */
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        int st = app->ses.wb.stage_index;
        snprintf(v->title, sizeof v->title, "gaps at %s (%s)", fw->stages[st].name,
                 fw->stages[st].code);
        struct gap *g;
        size_t n = coverage_gaps(&app->ses.wb, &app->ses.cov, &g);
        if (!n)
                vline_add(v, CR_ACTUAL, false, 0, 0,
                          "No gaps: every capability and theme has actual evidence.");
        for (size_t i = 0; i < n; i++) {
                const char *code =
                    g[i].theme < 0 ? fw->caps[g[i].cap].code : fw->themes[g[i].theme].code;
                const char *name =
                    g[i].theme < 0 ? fw->caps[g[i].cap].name : fw->themes[g[i].theme].name;
                char hints[300] = "";
                size_t len = 0;
                for (size_t k = 0; k < g[i].nunits; k++) {
                        enum unit_status us = wb_unit_status(&app->ses.wb, g[i].units[k].unit);
                        len += (size_t)snprintf(
                            hints + len, len < sizeof hints ? sizeof hints - len : 0, "%s%s %s%s",
                            k ? ", " : "", fw->units[g[i].units[k].unit].code,
                            g[i].units[k].direct ? "direct" : "indirect",
                            us == US_ACHIEVED || us == US_CREDIT ? " (held)" : "");
                }
                vline_add(v, g[i].theme < 0 ? CR_MISSING : CR_NONE, true, (int)g[i].cap, g[i].theme,
                          "%s %s%-7s %s: %s", app->term.gl->mark[g[i].mark],
                          g[i].theme < 0 ? "" : "  ", code, name,
                          g[i].mark == MARK_NONE ? "no evidence" : cov_mark_name[g[i].mark]);
                if (g[i].nunits && g[i].theme < 0)
                        vline_add(v, CR_LINK, false, 0, 0,
                                  "      could come from: %s (g opens the grid)", hints);
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
        (void)width;
}

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
                if (n)
                        view_push(app, &view_grid_ops, h[0].unit);
                else
                        app_message(app, true, "no unit's mapping links here");
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
