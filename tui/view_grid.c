/* view_grid.c — the mapping grid of a unit: elements down, capabilities across,
 * with the kind of link and the entries placed there (the paper mapping grid). */
#include "tui/ui.h"

#include <string.h>

static void build(struct app *app, struct view *v, int width)
{
        const struct framework *fw = &app->ses.wb.fw;
        const struct fw_unit *u = &fw->units[v->arg];
        snprintf(v->title, sizeof v->title, "mapping grid of %s", u->code);
        vline_add(v, -1, false, 0, 0, "%s %s", u->code,
                  *u->title ? u->title : "(title not in the sources)");
        struct grid g;
        coverage_grid(&app->ses.wb, v->arg, &g);
        char head[256];
        size_t len = (size_t)snprintf(head, sizeof head, "%-8s", "");
        for (size_t c = 0; c < g.ncols; c++)
                len += (size_t)snprintf(head + len, sizeof head - len, " %-7s", fw->caps[c].code);
        snprintf(head + len, sizeof head - len, " entries");
        vline_add(v, -1, false, 0, 0, "%s", head);
        for (size_t r = 0; r < g.nrows; r++) {
                int el = r ? u->elements[r - 1] : -1;
                char line[400];
                len = (size_t)snprintf(line, sizeof line, "%-8s",
                                       r ? fw->elements[el].code : u->code);
                for (size_t c = 0; c < g.ncols; c++) {
                        const struct grid_cell *cell = &g.cells[r * g.ncols + c];
                        const char *k = cell->kind == 1   ? app->term.gl->link_direct
                                        : cell->kind == 2 ? app->term.gl->link_indirect
                                                          : app->term.gl->mark[0];
                        char cb[24];
                        if (cell->actual || cell->planned)
                                snprintf(cb, sizeof cb, "%s %u/%u", k, cell->actual, cell->planned);
                        else
                                snprintf(cb, sizeof cb, "%s", k);
                        /* pad by display width: the glyph may be several bytes */
                        int pad = 7 - (int)text_width(cb);
                        len += (size_t)snprintf(line + len, sizeof line - len, " %s%*s", cb,
                                                pad > 0 ? pad : 0, "");
                }
                snprintf(line + len, sizeof line - len, " %u", g.row_entries[r]);
                vline_add(v, CR_NONE, true, v->arg, el, "%s", line);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char legend[400];
        snprintf(legend, sizeof legend,
                 "%s direct link, %s indirect, %s none; n/m: actual/planned entries that name the "
                 "row and count for the capability (by naming it, or through the row's or its "
                 "unit's link); entries: every entry naming the row",
                 app->term.gl->link_direct, app->term.gl->link_indirect, app->term.gl->mark[0]);
        vline_wrap(v, CR_NONE, width, 0, legend);
        for (size_t i = 0; i < u->nelements; i++) {
                const struct fw_element *e = &fw->elements[u->elements[i]];
                vline_add(v, CR_NONE, false, 0, 0, "%-6s %s", e->code,
                          *e->title ? e->title : "(title not in the sources)");
        }
        if (!u->nelements)
                vline_add(v, CR_NONE, false, 0, 0, "Elements of %s are not in the shipped data.",
                          u->code);
        grid_free(&g);
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        if (action == ACT_OPEN && v->sel < v->n) {
                panes_select_unit(app, v->lines[v->sel].a, v->lines[v->sel].b);
                return REACT_NONE;
        }
        if (action == ACT_LOG) { /* the log sheet in its place */
                view_push(app, &view_log_ops, v->arg);
                return REACT_POP;
        }
        return REACT_IGNORED;
}

const struct view_ops view_grid_ops = {
    .name = "grid",
    .build = build,
    .key = key,
    .search = list_search,
    .hints = {{ACT_OPEN, "select element"}, {ACT_LOG, "log sheet"}}};
