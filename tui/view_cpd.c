/* view_cpd.c — the CPD record: the total over the window of the minimum ending
 * today, the shortfall and the day the oldest counted activity leaves it (all
 * counted again at every change), then each activity, in full on Enter; add,
 * edit, delete. */
#include "core/cpd.h"
#include "core/text.h"
#include "tui/plans_view.h"

#include <stdlib.h>
#include <string.h>

/* "5 days (37.5 h)" */
static const char *days_hours(const struct workbook *wb, double hours, char *out, size_t n)
{
        char d[32], h[32];
        cpd_amount_format(cpd_days(wb, hours), d, sizeof d);
        cpd_amount_format(hours, h, sizeof h);
        snprintf(out, n, "%s day%s (%s h)", d, strcmp(d, "1") ? "s" : "", h);
        return out;
}

static void totals_lines(struct app *app, struct view *v, const char *today)
{
        const struct workbook *wb = &app->ses.wb;
        struct cpd_totals t;
        cpd_totals(wb, today, &t);
        struct buf min = {0};
        cpd_minimum_describe(&wb->cpd_min, &min);
        char hpd[32], a[96], b[96];
        cpd_amount_format(wb->cpd_hours_per_day, hpd, sizeof hpd);
        vline_add(v, CR_NONE, false, 0, 0, "Minimum: %s (a day is %s hours)", buf_str(&min), hpd);
        buf_free(&min);
        if (wb->cpd_min.set) {
                vline_add(v, CR_NONE, false, 0, 0, "Counted on %s: %s from %zu activit%s since %s",
                          today, days_hours(wb, t.hours_window, a, sizeof a), t.counted,
                          t.counted == 1 ? "y" : "ies", t.window_from);
                if (t.shortfall_hours > 0)
                        vline_add(v, CR_ERROR, false, 0, 0, "SHORT of the minimum by %s",
                                  days_hours(wb, t.shortfall_hours, b, sizeof b));
                else
                        vline_add(v, CR_ACTUAL, false, 0, 0, "The minimum is met");
                if (t.oldest_row >= 0)
                        vline_add(v, CR_NONE, false, 0, 0,
                                  "%s (%s) leaves the window on %s, taking %s with it",
                                  wb_get(wb, WB_CPD, (size_t)t.oldest_row, "id"),
                                  wb_get(wb, WB_CPD, (size_t)t.oldest_row, "date"), t.oldest_leaves,
                                  days_hours(wb, t.leaving_hours, b, sizeof b));
        }
        vline_add(v, CR_NONE, false, 0, 0, "All activities to date: %s",
                  days_hours(wb, t.hours_all, a, sizeof a));
}

static void activity_lines(struct app *app, struct view *v, int width, size_t row,
                           const char *today)
{
        const struct workbook *wb = &app->ses.wb;
        const char *id = wb_get(wb, WB_CPD, row, "id"), *date = wb_get(wb, WB_CPD, row, "date");
        const char *d = wb_get(wb, WB_CPD, row, "days"), *h = wb_get(wb, WB_CPD, row, "hours");
        char time[64], window[40] = "";
        snprintf(time, sizeof time, "%s%s%s%s%s", d, *d ? "d" : "", *d && *h ? " " : "", h,
                 *h ? "h" : "");
        bool counts = cpd_row_counts(wb, row, today);
        if (!date_valid(date))
                snprintf(window, sizeof window, "no date");
        else if (strcmp(date, today) > 0)
                snprintf(window, sizeof window, "after today");
        else if (wb->cpd_min.set) {
                char leaves[11];
                cpd_leaves(wb, date, leaves);
                snprintf(window, sizeof window, "%s %s", counts ? "until" : "left", leaves);
        }
        vline_add(v, counts ? CR_NONE : CR_NA, true, PL_ROW, (int)row,
                  "%-4s %-10s %-23.23s %-9s %s", id, date, wb_get(wb, WB_CPD, row, "kind"), time,
                  window);
        bool open = plans_is_open(v, id);
        const char *act = wb_get(wb, WB_CPD, row, "activity");
        if (!open) {
                vline_add(v, CR_NONE, false, 0, 0, "     %.*s", (int)strcspn(act, "\n"), act);
                return;
        }
        vline_wrap(v, CR_NONE, width, 5, act);
        struct buf b = {0};
        const char *learnt = wb_get(wb, WB_CPD, row, "learnt");
        if (*learnt) {
                buf_printf(&b, "Learnt: %s", learnt);
                vline_wrap(v, CR_NONE, width, 7, buf_str(&b));
        }
        struct strlist refs = {0};
        strlist_split(&refs, wb_get(wb, WB_CPD, row, "refs"));
        for (size_t k = 0; k < refs.n; k++) {
                buf_reset(&b);
                buf_adds(&b, k ? "            " : "Relates to: ");
                plans_describe_ref(wb, refs.v[k], &b);
                vline_add(v, CR_LINK, false, 0, 0, "     %s", buf_str(&b));
        }
        strlist_free(&refs);
        const char *ev = wb_get(wb, WB_CPD, row, "evidence");
        if (*ev)
                vline_add(v, CR_NONE, false, 0, 0, "     Evidence: %s", ev);
        buf_free(&b);
}

static void build(struct app *app, struct view *v, int width)
{
        const struct workbook *wb = &app->ses.wb;
        const struct sheet *sh = &wb->sheets[WB_CPD];
        char today[11];
        date_today(today);
        snprintf(v->title, sizeof v->title, "%s: CPD record",
                 *wb->name ? wb->name : "the candidate");
        totals_lines(app, v, today);
        vline_add(v, -1, false, 0, 0, "%-4s %-10s %-23s %-9s %s", "id", "date", "kind", "time",
                  "counts");
        bool any = false;
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_CPD, i))
                        continue;
                activity_lines(app, v, width, i, today);
                any = true;
        }
        char ka[16], ko[16];
        if (!any)
                vline_add(v, CR_NONE, false, 0, 0, "No activities yet: %s adds one.",
                          keys_first(app, ACT_ADD, ka, sizeof ka));
        else
                vline_add(v, CR_NONE, false, 0, 0, "%s shows an activity in full.",
                          keys_first(app, ACT_OPEN, ko, sizeof ko));
}

static enum reaction key(struct app *app, struct view *v, enum action act, int ch)
{
        (void)ch;
        const char *sel = plans_selected_id(app, v);
        switch (act) {
        case ACT_ADD: rowform_open(app, WB_CPD, NULL, v->id); return REACT_NONE;
        case ACT_EDIT:
                if (sel)
                        rowform_open(app, WB_CPD, sel, v->id);
                else
                        app_message(app, true, "select an activity to edit");
                return REACT_NONE;
        case ACT_OPEN:
                if (sel)
                        plans_toggle_shown(app, v, sel);
                return REACT_NONE;
        case ACT_DELETE: return plans_delete(app, v);
        default: return REACT_IGNORED;
        }
}

const struct view_ops view_cpd_ops = {
    .name = "cpd",
    .keymap = {KM_CPD, KM_CPD},
    .build = build,
    .key = key,
    .search = list_search,
    .model = plans_model,
    .done = plans_done,
    .hints = {{ACT_ADD, "add"}, {ACT_EDIT, "edit"}, {ACT_DELETE, "delete"}, {ACT_OPEN, "in full"}}};
