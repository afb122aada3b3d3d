/* view_caseload.c — an assessor's caseload: one line per workbook in the folder,
 * with candidate, pathway, stage and a coverage cell per capability. Enter
 * opens one; b (or Esc) on its main screen comes back here. */
#include "core/fileio.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void build(struct app *app, struct view *v, int width)
{
        char **dirs;
        size_t n = workbook_list_caseload(app->caseload_dir, &dirs);
        /* the count first: a long folder name is cut at the right edge */
        snprintf(v->title, sizeof v->title, "caseload: %zu workbook%s in %s", n, n == 1 ? "" : "s",
                 app->caseload_dir);
        bool header = false;
        for (size_t i = 0; i < n; i++) {
                struct workbook wb;
                struct diag d = {0};
                struct wb_options o = {(unsigned)app->cfg.num[OPT_FILE_MODE], false};
                if (workbook_open(&wb, dirs[i], &o, &d) == 0) {
                        if (!header) {
                                char caps[128] = "";
                                size_t len = 0;
                                for (size_t k = 0; k < wb.fw.ncaps; k++)
                                        len += (size_t)snprintf(caps + len, sizeof caps - len,
                                                                "%-4s", wb.fw.caps[k].code);
                                vline_add(v, -1, false, 0, 0, "%-14s %-18s %-6s %-7s %s",
                                          "candidate", "pathway", "stage", "entries", caps);
                                header = true;
                        }
                        struct coverage c;
                        coverage_compute(&wb, wb.stage_index, &c);
                        char bar[256] = "";
                        size_t len = 0;
                        for (size_t k = 0; k < wb.fw.ncaps; k++)
                                len += (size_t)snprintf(bar + len, sizeof bar - len, "%s   ",
                                                        app->gl->mark[cov_mark(&c.caps[k])]);
                        size_t gaps = 0;
                        for (size_t k = 0; k < wb.fw.ncaps; k++)
                                gaps += cov_mark(&c.caps[k]) <= MARK_UPDATE;
                        vline_add(v, CR_NONE, true, (int)i, 0,
                                  "%-14.14s %-18.18s %-6s %-7zu %s %zu gap%s",
                                  *wb.name ? wb.name : path_basename(dirs[i]),
                                  wb.pathway_index >= 0 ? wb.fw.pathways[wb.pathway_index].name
                                                        : wb.pathway,
                                  wb.fw.nstages ? wb.fw.stages[wb.stage_index].code : "?",
                                  wb.nentries, bar, gaps, gaps == 1 ? "" : "s");
                        coverage_free(&c);
                        workbook_free(&wb);
                } else {
                        vline_add(v, CR_ERROR, false, (int)i, 0, "%s: cannot be opened",
                                  path_basename(dirs[i]));
                }
                diag_free(&d);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char legend[300];
        snprintf(legend, sizeof legend,
                 "Marks per capability at each candidate's target stage: %s actual, %s through "
                 "the mapping, %s planned, %s nothing",
                 app->gl->mark[MARK_ACTUAL], app->gl->mark[MARK_MAPPED],
                 app->gl->mark[MARK_PLANNED], app->gl->mark[MARK_NONE]);
        vline_wrap(v, CR_NONE, width, 0, legend);
        for (size_t i = 0; i < n; i++)
                free(dirs[i]);
        free(dirs);
}

static bool key(struct app *app, struct view *v, int action, int ch)
{
        (void)ch;
        if (action == ACT_OPEN && v->sel < v->n && v->lines[v->sel].selectable) {
                char **dirs;
                size_t n = workbook_list_caseload(app->caseload_dir, &dirs);
                size_t k = (size_t)v->lines[v->sel].a;
                if (k < n) {
                        /* app_open_workbook asks about unsaved changes first */
                        if (k < n && app_open_workbook(app, dirs[k]))
                                view_pop(app);
                }
                for (size_t i = 0; i < n; i++)
                        free(dirs[i]);
                free(dirs);
                return true;
        }
        if (action == ACT_CASELOAD)
                return true;
        return false;
}

const struct view_ops view_caseload_ops = {"caseload", build, key, "Enter open  q quit"};
