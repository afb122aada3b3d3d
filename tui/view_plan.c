/* view_plan.c — the unit planner: optional units, what each maps to, how many
 * current gaps it would fill; t (or Space) cycles the unit's status, which is
 * written to units.csv (not chosen again: its row goes). */
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

/* What a unit maps to: "MOT EMP CRE", an indirect link marked (i). */
static void maps_text(const struct framework *fw, const struct plan_row *p, struct buf *out)
{
        for (size_t k = 0; k < p->ncaps; k++)
                buf_printf(out, "%s%s%s", k ? " " : "", fw->caps[p->caps[k]].code,
                           p->caps_direct[k] ? "" : "(i)");
        if (!p->ncaps)
                buf_adds(out, "-");
}

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        int st = app->ses.wb.stage_index;
        snprintf(v->title, sizeof v->title, "unit planner: optional units, gaps up to %s",
                 fw->stages[st].code);
        struct plan_row *p;
        size_t n = coverage_plan(&app->ses.wb, &app->ses.cov, &p);
        /* the columns as wide as their words: the rest is the title's */
        int sw = (int)strlen("status"), mw = (int)strlen("maps to");
        for (size_t i = 0; i < n; i++) {
                struct buf m = {0};
                maps_text(fw, &p[i], &m);
                mw = (int)m.len > mw ? (int)m.len : mw;
                buf_free(&m);
                int w = (int)text_width(unit_status_label[p[i].status]);
                sw = w > sw ? w : sw;
        }
        int tw = width - (5 + 1 + sw + 1 + mw + 1 + 5 + 1);
        vline_add(v, -1, false, 0, 0, "%-5s %-*s %-*s %-5s %s", "unit", sw, "status", mw, "maps to",
                  "gaps", "title");
        for (size_t i = 0; i < n; i++) {
                const struct fw_unit *u = &fw->units[p[i].unit];
                struct buf m = {0};
                maps_text(fw, &p[i], &m);
                char *title = ui_unit_title(&app->term, fw, p[i].unit, tw);
                vline_add(v, p[i].status == US_NONE ? CR_NONE : CR_ACTUAL, true, p[i].unit, 0,
                          "%-5s %-*s %-*s %-5zu %s", u->code, sw, unit_status_label[p[i].status],
                          mw, buf_str(&m), p[i].gaps_filled, title);
                free(title);
                buf_free(&m);
        }
        plan_free(p, n);
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char legend[300];
        snprintf(legend, sizeof legend,
                 "gaps: capabilities and themes not met up to %s (a stage without actual "
                 "evidence naming them) that the unit links to; (i) indirect",
                 fw->stages[st].code);
        vline_wrap(v, CR_NONE, width, 0, legend);
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        if (v->sel >= v->n || !v->lines[v->sel].selectable)
                return REACT_IGNORED;
        int unit = v->lines[v->sel].a;
        (void)ch;
        if (action == ACT_STATUS || action == ACT_TOGGLE) {
                /* not chosen, planned, in progress, achieved, credit transfer, round */
                enum unit_status us = wb_unit_status(&app->ses.wb, unit);
                enum unit_status to = us == US_CREDIT || us == US_UNKNOWN ? US_NONE : us + 1;
                wb_unit_set_status(&app->ses.wb, unit, to);
                app_message(app, false, "%s: %s", app->ses.wb.fw.units[unit].code,
                            unit_status_label[to]);
                return REACT_MODEL;
        }
        if (action == ACT_OPEN || action == ACT_GRID) {
                view_push(app, &view_grid_ops, unit);
                return REACT_NONE;
        }
        if (action == ACT_EDIT)
                return edit_unit_notes(app, unit);
        return REACT_IGNORED;
}

const struct view_ops view_plan_ops = {.name = "plan",
                                       .keymap = {KM_PLANNER, KM_PLANNER},
                                       .build = build,
                                       .key = key,
                                       .search = list_search,
                                       .hints = {{ACT_TOGGLE, "status"}, {ACT_OPEN, "grid"}}};
