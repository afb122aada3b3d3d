/* view_pdp.c — the personal development plan: its targets under the three
 * levels of the strategy, done or open, overdue ones flagged, each with how it
 * is measured and what it is tied to; add, edit, done, delete. */
#include "core/pdp.h"
#include "core/target.h"
#include "core/text.h"
#include "tui/plans_view.h"

#include <stdlib.h>
#include <string.h>

static const int level_order[] = {PDP_BASICS, PDP_QUALIFICATIONS, PDP_DISCRETE, PDP_LEVEL_NONE,
                                  PDP_LEVEL_UNKNOWN};

static const char *level_heading(int lv)
{
        return lv == PDP_LEVEL_NONE      ? "No level given"
               : lv == PDP_LEVEL_UNKNOWN ? "Level not understood"
                                         : pdp_levels[lv].name;
}

static void target_lines(struct app *app, struct view *v, int width, size_t row, const char *today)
{
        const struct workbook *wb = &app->ses.wb;
        const char *due = wb_get(wb, WB_PDP, row, "due"), *done = wb_get(wb, WB_PDP, row, "done");
        const char *with = wb_get(wb, WB_PDP, row, "agreed_with");
        bool is_done = target_is_done(done), overdue = target_row_overdue(wb, WB_PDP, row, today);
        vline_add(v,
                  is_done   ? CR_ACTUAL
                  : overdue ? CR_ERROR
                            : CR_NONE,
                  true, PL_ROW, (int)row, " [%s] %-4s due %s%s%s%s%s%s", is_done ? "x" : " ",
                  wb_get(wb, WB_PDP, row, "id"), *due ? due : "-", overdue ? " OVERDUE" : "",
                  is_done ? "  done " : "", is_done ? done : "", *with ? "  with " : "", with);
        vline_wrap(v, CR_NONE, width, 9, wb_get(wb, WB_PDP, row, "objective"));
        const char *measure = wb_get(wb, WB_PDP, row, "measure");
        if (*measure) {
                struct buf b = {0};
                buf_printf(&b, "Measure: %s", measure);
                vline_wrap(v, CR_NONE, width, 9, buf_str(&b));
                buf_free(&b);
        }
        const char *link = wb_get(wb, WB_PDP, row, "link");
        if (*link) {
                struct buf b = {0};
                buf_adds(&b, "For: ");
                plans_describe_ref(wb, link, &b);
                vline_add(v, CR_LINK, false, 0, 0, "         %s", buf_str(&b));
                buf_free(&b);
        }
}

static void build(struct app *app, struct view *v, int width)
{
        const struct workbook *wb = &app->ses.wb;
        const struct sheet *sh = &wb->sheets[WB_PDP];
        char today[11];
        date_today(today);
        snprintf(v->title, sizeof v->title, "%s: personal development plan",
                 *wb->name ? wb->name : "the candidate");
        unsigned n = 0, done = 0, overdue = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_PDP, i))
                        continue;
                n++;
                done += target_is_done(wb_get(wb, WB_PDP, i, "done"));
                overdue += target_row_overdue(wb, WB_PDP, i, today);
        }
        char ka[16];
        if (!n) {
                vline_add(v, CR_NONE, false, 0, 0, "No targets yet: %s adds one.",
                          keys_first(app, ACT_ADD, ka, sizeof ka));
                return;
        }
        vline_add(v, overdue ? CR_ERROR : CR_NONE, false, 0, 0,
                  "%u target%s: %u done, %u open, %u overdue (today %s)", n, n == 1 ? "" : "s",
                  done, n - done, overdue, today);
        for (size_t L = 0; L < sizeof level_order / sizeof *level_order; L++) {
                bool head = false;
                for (size_t i = 0; i < sh->nrows; i++) {
                        if (sh->rows[i].bad || wb_row_deleted(wb, WB_PDP, i) ||
                            (int)pdp_level_parse(wb_get(wb, WB_PDP, i, "level")) != level_order[L])
                                continue;
                        if (!head)
                                vline_add(v, -1, false, 0, 0, "%s", level_heading(level_order[L]));
                        head = true;
                        target_lines(app, v, width, i, today);
                }
        }
}

static enum reaction key(struct app *app, struct view *v, enum action act, int ch)
{
        (void)ch;
        struct workbook *wb = &app->ses.wb;
        const char *sel = plans_selected_id(app, v);
        switch (act) {
        case ACT_ADD: rowform_open(app, WB_PDP, NULL, v->id); return REACT_NONE;
        case ACT_OPEN:
        case ACT_EDIT:
                if (sel)
                        rowform_open(app, WB_PDP, sel, v->id);
                else
                        app_message(app, true, "select a target to edit");
                return REACT_NONE;
        case ACT_TOGGLE: {
                if (!sel) {
                        app_message(app, true, "select a target first");
                        return REACT_NONE;
                }
                char *id = xstrdup(sel);
                struct diag d = {0};
                enum reaction r = REACT_NONE;
                if (target_toggle_done(wb, WB_PDP, id, &d) == 0) {
                        long row = wb_find(wb, WB_PDP, id);
                        const char *done = row >= 0 ? wb_get(wb, WB_PDP, (size_t)row, "done") : "";
                        app_message(app, false, "%s %s", id,
                                    target_is_done(done) ? "done" : "open again");
                        r = REACT_MODEL;
                }
                diag_free(&d);
                free(id);
                return r;
        }
        case ACT_DELETE: return plans_delete(app, v);
        default: return REACT_IGNORED;
        }
}

const struct view_ops view_pdp_ops = {
    .name = "pdp",
    .keymap = {KM_PDP, KM_PDP},
    .build = build,
    .key = key,
    .search = list_search,
    .model = plans_model,
    .done = plans_done,
    .hints = {{ACT_ADD, "add"}, {ACT_EDIT, "edit"}, {ACT_TOGGLE, "done"}, {ACT_DELETE, "delete"}}};
