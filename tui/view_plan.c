/* view_plan.c — the unit planner: optional units, what each maps to, how many
 * current gaps it would fill; t (or Space) cycles the unit's status, which is
 * written to units.csv. */
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        snprintf(v->title, sizeof v->title, "unit planner: optional units");
        vline_add(v, -1, false, 0, 0, "%-5s %-16s %-26s %-5s %s", "unit", "status", "maps to",
                  "gaps", "title");
        struct plan_row *p;
        size_t n = coverage_plan(&app->ses.wb, &app->ses.cov, &p);
        for (size_t i = 0; i < n; i++) {
                const struct fw_unit *u = &fw->units[p[i].unit];
                char maps[200] = "";
                size_t len = 0;
                for (size_t k = 0; k < p[i].ncaps; k++)
                        len +=
                            (size_t)snprintf(maps + len, len < sizeof maps ? sizeof maps - len : 0,
                                             "%s%s%s", k ? " " : "", fw->caps[p[i].caps[k]].code,
                                             p[i].caps_direct[k] ? "" : "(i)");
                vline_add(v, p[i].status == US_NONE ? CR_NONE : CR_ACTUAL, true, p[i].unit, 0,
                          "%-5s %-16s %-26s %-5zu %s", u->code,
                          p[i].status == US_NONE ? "not chosen" : unit_status_name[p[i].status],
                          len ? maps : "-", p[i].gaps_filled,
                          *u->title ? u->title : "(title not in the sources)");
        }
        plan_free(p, n);
        vline_add(v, CR_NONE, false, 0, 0, " ");
        vline_wrap(v, CR_NONE, width, 0,
                   "gaps: capabilities and themes with no actual evidence that the unit links to; "
                   "(i) indirect");
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        if (v->sel >= v->n || !v->lines[v->sel].selectable)
                return REACT_IGNORED;
        int unit = v->lines[v->sel].a;
        (void)ch;
        if (action == ACT_STATUS || action == ACT_TOGGLE) {
                static const char *const next[] = {"planned",  "planned",         "in-progress",
                                                   "achieved", "credit-transfer", "",
                                                   "planned"};
                enum unit_status us = wb_unit_status(&app->ses.wb, unit);
                const char *to = us == US_CREDIT ? "" : next[us + 1];
                wb_set(&app->ses.wb, WB_UNITS, app->ses.wb.fw.units[unit].code, "status", to);
                app_message(app, false, "%s: %s", app->ses.wb.fw.units[unit].code,
                            *to ? to : "not chosen");
                return REACT_MODEL;
        }
        if (action == ACT_OPEN || action == ACT_GRID) {
                view_push(app, &view_grid_ops, unit);
                return REACT_NONE;
        }
        return REACT_IGNORED;
}

const struct view_ops view_plan_ops = {.name = "plan",
                                       .keymap = {KM_PLANNER, KM_PLANNER},
                                       .build = build,
                                       .key = key,
                                       .search = list_search,
                                       .hints = {{ACT_TOGGLE, "status"}, {ACT_OPEN, "grid"}}};
