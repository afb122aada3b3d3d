/* view_coverage.c — the coverage picture: capabilities by stage, one bar per
 * cell for the share of themes with actual evidence, and units by capabilities
 * for the candidate's units; block characters, or ASCII. */
#include "tui/ui.h"

#include <string.h>

static void bar(struct app *app, char *out, size_t n, unsigned have, unsigned total, int width)
{
        size_t len = 0;
        int full = total ? (int)((have * (unsigned)width + total / 2) / total) : 0;
        for (int i = 0; i < width; i++)
                len +=
                    (size_t)snprintf(out + len, n > len ? n - len : 0, "%s",
                                     i < full ? app->term.gl->bar_full : app->term.gl->bar_empty);
        snprintf(out + len, n > len ? n - len : 0, " %u/%u", have, total);
}

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        snprintf(v->title, sizeof v->title, "coverage picture");
        int bw = width >= 100 ? 10 : 6;
        char head[200];
        size_t len = (size_t)snprintf(head, sizeof head, "%-30s", "themes with actual evidence");
        for (size_t s = 0; s < fw->nstages; s++)
                len += (size_t)snprintf(head + len, sizeof head - len, " %-*s", bw + 5,
                                        fw->stages[s].code);
        vline_add(v, -1, false, 0, 0, "%s", head);
        struct coverage cs[8];
        size_t ns = fw->nstages < 8 ? fw->nstages : 8;
        for (size_t s = 0; s < ns; s++)
                coverage_compute(&app->ses.wb, (int)s, &cs[s]);
        for (size_t c = 0; c < fw->ncaps; c++) {
                char line[600];
                len = (size_t)snprintf(line, sizeof line, "%-4s %-25.25s", fw->caps[c].code,
                                       fw->caps[c].name);
                for (size_t s = 0; s < ns; s++) {
                        unsigned have = 0;
                        for (size_t t = 0; t < fw->caps[c].nthemes; t++)
                                have += cs[s].themes[fw->caps[c].themes[t]].direct.actual > 0;
                        char b[200];
                        bar(app, b, sizeof b, have, (unsigned)fw->caps[c].nthemes, bw);
                        len += (size_t)snprintf(line + len, sizeof line - len, " %s", b);
                }
                vline_add(v, CR_NONE, true, (int)c, 0, "%s", line);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char hd[200];
        len = (size_t)snprintf(hd, sizeof hd, "%-28s", "units x capabilities (actual)");
        for (size_t c = 0; c < fw->ncaps; c++)
                len += (size_t)snprintf(hd + len, sizeof hd - len, " %-4s", fw->caps[c].code);
        vline_add(v, -1, false, 0, 0, "%s", hd);
        for (size_t u = 0; u < fw->nunits; u++) {
                if (wb_unit_status(&app->ses.wb, (int)u) == US_NONE)
                        continue;
                struct grid g;
                coverage_grid(&app->ses.wb, (int)u, &g);
                char line[400];
                len = (size_t)snprintf(line, sizeof line, "%-5s %-22.22s", fw->units[u].code,
                                       fw->units[u].title);
                for (size_t c = 0; c < g.ncols; c++) {
                        unsigned act = 0;
                        int kind = 0;
                        for (size_t r = 0; r < g.nrows; r++) {
                                act += g.cells[r * g.ncols + c].actual;
                                if (g.cells[r * g.ncols + c].kind &&
                                    (!kind || g.cells[r * g.ncols + c].kind < kind))
                                        kind = g.cells[r * g.ncols + c].kind;
                        }
                        char cell[32];
                        snprintf(cell, sizeof cell, "%s%u",
                                 kind == 1   ? app->term.gl->link_direct
                                 : kind == 2 ? app->term.gl->link_indirect
                                             : " ",
                                 act);
                        int pad = 4 - (int)text_width(cell);
                        len += (size_t)snprintf(line + len, sizeof line - len, " %s%*s", cell,
                                                pad > 0 ? pad : 0, "");
                }
                vline_add(v, CR_NONE, false, 0, 0, "%s", line);
                grid_free(&g);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char legend[200];
        snprintf(legend, sizeof legend,
                 "%s direct link, %s indirect; numbers: actual entries naming the unit and the "
                 "capability",
                 app->term.gl->link_direct, app->term.gl->link_indirect);
        vline_wrap(v, CR_NONE, width, 0, legend);
        for (size_t s = 0; s < ns; s++)
                coverage_free(&cs[s]);
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        if (action == ACT_OPEN && v->sel < v->n && v->lines[v->sel].selectable) {
                panes_select_theme(app, v->lines[v->sel].a, -1);
                return REACT_NONE;
        }
        return REACT_IGNORED;
}

const struct view_ops view_coverage_ops = {.name = "coverage",
                                           .build = build,
                                           .key = key,
                                           .search = list_search,
                                           .hints = {{ACT_OPEN, "go to the capability"}}};
