/* view_log.c — the reference log sheet of a unit: its elements down, and for
 * each the entries placed against it with ref, summary and indicators. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        const struct fw_unit *u = &fw->units[v->arg];
        snprintf(v->title, sizeof v->title, "log sheet of %s", u->code);
        vline_add(v, -1, false, 0, 0, "%s %s", u->code,
                  *u->title ? u->title : "(title not in the sources)");
        /* columns as wide as this unit's refs and indicators need, within reason */
        int refw = 3, indw = 10, indmax = width >= 120 ? 40 : 18, stw = 7;
        for (size_t r = 0; r <= u->nelements; r++)
                for (size_t i = 0; i < app->ses.wb.nentries; i++) {
                        const struct entry *e = &app->ses.wb.entries[i];
                        if (!entry_names_nos(e, v->arg, r ? u->elements[r - 1] : -1))
                                continue;
                        int rw = (int)strlen(entry_get(&app->ses.wb, e, "ref"));
                        int iw = (int)strlen(entry_get(&app->ses.wb, e, "indicators"));
                        int sw = (int)text_width(ev_status_label[e->status]);
                        stw = sw > stw ? sw : stw;
                        refw = rw > refw ? (rw > 16 ? 16 : rw) : refw;
                        indw = iw > indw ? (iw > indmax ? indmax : iw) : indw;
                }
        for (size_t r = 0; r <= u->nelements; r++) {
                int el = r ? u->elements[r - 1] : -1;
                if (r)
                        vline_add(v, -1, false, 0, 0, "%s %s", fw->elements[el].code,
                                  *fw->elements[el].title ? fw->elements[el].title
                                                          : "(title not in the sources)");
                else
                        vline_add(v, -1, false, 0, 0, "%s as a whole", u->code);
                size_t shown = 0;
                for (size_t i = 0; i < app->ses.wb.nentries; i++) {
                        const struct entry *e = &app->ses.wb.entries[i];
                        if (!entry_names_nos(e, v->arg, el))
                                continue;
                        const char *sum = entry_get(&app->ses.wb, e, "summary");
                        char *first = xstrndup(sum, strcspn(sum, "\r\n"));
                        static const enum color_role sr[] = {CR_PLANNED, CR_ACTUAL, CR_UPDATE,
                                                             CR_NA, CR_ERROR};
                        vline_add(v, sr[e->status], true, (int)i, 0, "  %-5s %-*s %-*.*s %-*.*s %s",
                                  entry_get(&app->ses.wb, e, "id"), stw, ev_status_label[e->status],
                                  refw, refw, entry_get(&app->ses.wb, e, "ref"), indw, indw,
                                  entry_get(&app->ses.wb, e, "indicators"), first);
                        free(first);
                        shown++;
                }
                if (!shown)
                        vline_add(v, CR_MISSING, false, 0, 0, "  (no evidence logged)");
        }
}

static long entry(struct app *app, struct view *v);

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        long e = entry(app, v);
        if ((action == ACT_OPEN || action == ACT_EDIT) && e >= 0) {
                form_open(app, e, false, NULL, NULL);
                return REACT_NONE;
        }
        if (action == ACT_REVAMP) {
                if (app->ses.wb.entries[e].status != ST_PLANNED)
                        app_message(app, true, "only a planned entry can be revamped");
                else
                        form_open(app, e, true, NULL, NULL);
                return REACT_NONE;
        }
        if (action == ACT_HISTORY && e >= 0) {
                history_view_open(app, e);
                return REACT_NONE;
        }
        if (action == ACT_GRID) {
                view_push(app, &view_grid_ops, v->arg); /* the grid in its place */
                return REACT_POP;
        }
        if (action == ACT_DELETE)
                return edit_delete_entry(app, e);
        if (action == ACT_EDIT) {
                app_message(app, true, "select an entry first");
                return REACT_NONE;
        }
        return REACT_IGNORED;
}

static long entry(struct app *app, struct view *v)
{
        (void)app;
        return v->sel < v->n && v->lines[v->sel].selectable ? v->lines[v->sel].a : -1;
}

const struct view_ops view_log_ops = {
    .name = "log",
    .build = build,
    .key = key,
    .search = list_search,
    .entry = entry,
    .hints = {{ACT_OPEN, "edit"}, {ACT_REVAMP, "revamp"}, {ACT_GRID, "grid"}}};
