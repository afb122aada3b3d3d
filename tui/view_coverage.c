/* view_coverage.c — the coverage picture: capabilities and their themes by
 * stage, each stage on its own (a bar per capability, a mark per theme) and
 * whether it is met up to the target stage; then units by capabilities for the
 * candidate's units; block characters, or ASCII. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
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

/* The stages missing up to the target, as codes: "EM ES"; "" when met. */
static void missing_codes(const struct framework *fw, const struct cov *c, char *out, size_t n)
{
        size_t len = 0;
        out[0] = '\0';
        for (size_t s = 0; s < fw->nstages && s < 16; s++)
                if ((c->missing >> s) & 1)
                        len += (size_t)snprintf(out + len, n > len ? n - len : 0, "%s%s",
                                                len ? " " : "", fw->stages[s].code);
}

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        const struct coverage *cov = &app->ses.cov;
        int st = app->ses.wb.stage_index;
        snprintf(v->title, sizeof v->title, "coverage picture: each stage on its own, and up to %s",
                 fw->stages[st].code);
        int bw = width >= 100 ? 10 : 6;
        char head[200], up[32];
        snprintf(up, sizeof up, "up to %s", fw->stages[st].code);
        size_t len = (size_t)snprintf(head, sizeof head, "%-30s", "themes with actual evidence");
        for (size_t s = 0; s < cov->nstages; s++)
                len += (size_t)snprintf(head + len, sizeof head - len, " %-*s", bw + 4,
                                        fw->stages[s].code);
        snprintf(head + len, sizeof head - len, " %s", up);
        vline_add(v, -1, false, 0, 0, "%s", head);
        for (size_t c = 0; c < fw->ncaps; c++) {
                const struct fw_capability *fc = &fw->caps[c];
                char line[600];
                char *name = ui_fit(&app->term, fc->name, 25);
                len = (size_t)snprintf(line, sizeof line, "%-4s %s", fc->code, name);
                free(name);
                for (size_t s = 0; s < cov->nstages; s++) {
                        unsigned have = 0;
                        for (size_t t = 0; t < fc->nthemes; t++) {
                                const struct cov *at = coverage_at(cov, (int)s, -1, fc->themes[t]);
                                have += at->direct.actual || at->direct.na;
                        }
                        char b[200];
                        bar(app, b, sizeof b, have, (unsigned)fc->nthemes, bw);
                        len += (size_t)snprintf(line + len, sizeof line - len, " %s", b);
                }
                unsigned met = 0;
                for (size_t t = 0; t < fc->nthemes; t++)
                        met += cov_met(&cov->themes[fc->themes[t]]);
                snprintf(line + len, sizeof line - len, " %u/%zu met", met, fc->nthemes);
                vline_add(v, CR_NONE, true, (int)c, -1, "%s", line);
                /* each theme: its mark at each stage, and the stages it misses */
                for (size_t t = 0; t < fc->nthemes; t++) {
                        int th = fc->themes[t];
                        name = ui_fit(&app->term, fw->themes[th].name, 21);
                        len = (size_t)snprintf(line, sizeof line, "  %-6s %s", fw->themes[th].code,
                                               name);
                        free(name);
                        for (size_t s = 0; s < cov->nstages; s++) {
                                const struct cov *at = coverage_at(cov, (int)s, -1, th);
                                const char *m = app->term.gl->mark[cov_mark(at)];
                                int pad = bw + 4 - (int)text_width(m);
                                len += (size_t)snprintf(line + len, sizeof line - len, " %s%*s", m,
                                                        pad > 0 ? pad : 0, "");
                        }
                        char miss[64];
                        missing_codes(fw, &cov->themes[th], miss, sizeof miss);
                        snprintf(line + len, sizeof line - len, " %s%s", miss,
                                 *miss ? " missing" : "met");
                        vline_add(v, CR_NONE, true, (int)c, th, "%s", line);
                }
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
                /* the title cut to its column, told apart from its neighbours' */
                char *title = ui_unit_title(&app->term, fw, (int)u, 22);
                char *cell = ui_fit(&app->term, title, 22);
                len = (size_t)snprintf(line, sizeof line, "%-5s %s", fw->units[u].code, cell);
                free(title), free(cell);
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
        char legend[800];
        snprintf(legend, sizeof legend,
                 "Each stage on its own: a theme counts at a stage with actual evidence (or n/a) "
                 "naming it there; a mark per theme (%s actual, %s only through the mapping, %s "
                 "nothing). Up to %s: met when every stage up to it has such evidence. Units: "
                 "%s direct link, %s indirect; numbers: the actual counts of the unit's mapping "
                 "grid added up (entries that name a row and count for the capability, by naming "
                 "it or through the row's or its unit's link).",
                 app->term.gl->mark[MARK_ACTUAL], app->term.gl->mark[MARK_MAPPED],
                 app->term.gl->mark[MARK_NONE], fw->stages[st].code, app->term.gl->link_direct,
                 app->term.gl->link_indirect);
        vline_wrap(v, CR_NONE, width, 0, legend);
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        if (action == ACT_OPEN && v->sel < v->n && v->lines[v->sel].selectable) {
                panes_select_theme(app, v->lines[v->sel].a, v->lines[v->sel].b);
                return REACT_NONE;
        }
        return REACT_IGNORED;
}

const struct view_ops view_coverage_ops = {.name = "coverage",
                                           .build = build,
                                           .key = key,
                                           .search = list_search,
                                           .hints = {{ACT_OPEN, "go to it"}}};
