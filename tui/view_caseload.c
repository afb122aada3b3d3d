/* view_caseload.c — an assessor's caseload: one line per workbook in the folder
 * with candidate, pathway, stage, entries and a coverage bar per capability, and
 * why one can only be read or not opened at all. Enter opens one; b (or Esc) on
 * its main screen comes back here. */
#include "core/fileio.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

/* A capability's column: its bar (a cell per theme), or its code if longer. */
static int cap_width(const struct fw_capability *fc)
{
        int cw = (int)strlen(fc->code);
        return (int)fc->nthemes > cw ? (int)fc->nthemes : cw;
}

/* One cell per theme of the capability at the target stage: full for actual
 * evidence (named, through a direct link, or marked n/a), part for something
 * short of that (planned, needs updating, an indirect link only), empty for
 * nothing; strongest first, so the bar reads like a gauge. Returns the themes
 * without actual evidence. */
static size_t cap_bar(struct app *app, const struct workbook *wb, const struct coverage *c,
                      size_t cap, int width, struct buf *out)
{
        const struct fw_capability *fc = &wb->fw.caps[cap];
        size_t full = 0, part = 0;
        for (size_t t = 0; t < fc->nthemes; t++) {
                enum cov_mark m = cov_mark(&c->themes[fc->themes[t]]);
                if (m >= MARK_MAPPED || m == MARK_NA)
                        full++;
                else if (m != MARK_NONE)
                        part++;
        }
        for (size_t t = 0; t < fc->nthemes; t++)
                buf_adds(out, t < full          ? app->term.gl->bar_full
                              : t < full + part ? app->term.gl->bar_part
                                                : app->term.gl->bar_empty);
        buf_printf(out, "%*s", width - (int)fc->nthemes + 1, "");
        return fc->nthemes - full;
}

static void build(struct app *app, struct view *v, int width)
{
        struct caseload_entry *cl;
        size_t n = workbook_caseload(app->ses.caseload_dir, &cl);
        /* the count first: a long folder name is cut at the right edge */
        snprintf(v->title, sizeof v->title, "caseload: %zu workbook%s in %s", n, n == 1 ? "" : "s",
                 app->ses.caseload_dir);
        /* 80 columns: name 12, pathway 17, stage, entries, the bars (22 themes and
         * a space each), gaps. Wider: a longer name; narrower: a shorter pathway. */
        int namew = width > 80 ? 12 + (width - 80 < 18 ? width - 80 : 18) : 12;
        int pathw = width >= 80 ? 17 : width - 63;
        if (pathw < 6)
                pathw = 0;
        bool header = false;
        for (size_t i = 0; i < n; i++) {
                struct workbook wb;
                struct diag d = {0};
                struct wb_options o = {(unsigned)app->ses.cfg.num[OPT_FILE_MODE], false};
                const char *dir = cl[i].dir;
                if (workbook_open(&wb, dir, &o, &d) != 0) {
                        /* why: what the permissions say, else what the open said */
                        char *m = d.n ? diag_format(&d.v[0]) : NULL;
                        struct buf t = {0};
                        buf_printf(&t, "%s: cannot be opened: %s", path_basename(dir),
                                   *cl[i].why ? cl[i].why
                                   : m        ? m
                                              : "capbook check says why");
                        vline_wrap(v, CR_ERROR, width, 0, t.s);
                        buf_free(&t);
                        free(m);
                        diag_free(&d);
                        continue;
                }
                if (!header) {
                        struct buf h = {0};
                        buf_printf(&h, "%-*s ", namew, "candidate");
                        if (pathw)
                                buf_printf(&h, "%-*s ", pathw, "pathway");
                        buf_printf(&h, "%-5s %7s  ", "stage", "entries");
                        for (size_t k = 0; k < wb.fw.ncaps; k++)
                                buf_printf(&h, "%-*s ", cap_width(&wb.fw.caps[k]),
                                           wb.fw.caps[k].code);
                        buf_adds(&h, "gaps");
                        vline_add(v, -1, false, 0, 0, "%s", h.s);
                        buf_free(&h);
                        header = true;
                }
                struct coverage c;
                coverage_compute(&wb, wb.stage_index, &c);
                struct buf l = {0};
                buf_printf(&l, "%-*.*s ", namew, namew, *wb.name ? wb.name : path_basename(dir));
                if (pathw)
                        buf_printf(&l, "%-*.*s ", pathw, pathw,
                                   wb.pathway_index >= 0 ? wb.fw.pathways[wb.pathway_index].name
                                                         : wb.pathway);
                buf_printf(&l, "%-5s %7zu  ",
                           wb.fw.nstages ? wb.fw.stages[wb.stage_index].code : "?", wb.nentries);
                size_t gaps = 0;
                for (size_t k = 0; k < wb.fw.ncaps; k++)
                        gaps += cap_bar(app, &wb, &c, k, cap_width(&wb.fw.caps[k]), &l);
                buf_printf(&l, "%4zu", gaps);
                vline_add(v, CR_NONE, true, (int)i, 0, "%s", l.s);
                buf_free(&l);
                if (cl[i].access == WB_ACCESS_READ) { /* opens, but only to be read */
                        struct buf t = {0};
                        buf_printf(&t, "read-only for you: %s", cl[i].why);
                        vline_wrap(v, CR_UPDATE, width, 2, t.s);
                        buf_free(&t);
                }
                coverage_free(&c);
                workbook_free(&wb);
                diag_free(&d);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char legend[400];
        snprintf(legend, sizeof legend,
                 "A bar per capability, a cell per theme, at each candidate's target stage: %s "
                 "actual evidence (or n/a), %s planned, needs updating or an indirect link "
                 "only, %s nothing. Gaps: themes without actual evidence.",
                 app->term.gl->bar_full, app->term.gl->bar_part, app->term.gl->bar_empty);
        vline_wrap(v, CR_NONE, width, 0, legend);
        workbook_caseload_free(cl, n);
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        if (action == ACT_OPEN && v->sel < v->n && v->lines[v->sel].selectable) {
                struct caseload_entry *cl;
                size_t n = workbook_caseload(app->ses.caseload_dir, &cl);
                size_t k = (size_t)v->lines[v->sel].a;
                /* session_open asks about unsaved changes first */
                bool opened = k < n && session_open(app, cl[k].dir);
                workbook_caseload_free(cl, n);
                return opened ? REACT_POP : REACT_NONE;
        }
        /* back to a workbook, if one is open under the list */
        if (action == ACT_BACK && !app->ses.have_wb)
                return REACT_NONE;
        return REACT_IGNORED;
}

const struct view_ops view_caseload_ops = {.name = "caseload",
                                           .flags = VIEW_QUITS,
                                           .build = build,
                                           .key = key,
                                           .search = list_search,
                                           .hints = {{ACT_OPEN, "open"}, {ACT_QUIT, "quit"}}};
