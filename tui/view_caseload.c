/* view_caseload.c — an assessor's caseload: one line per workbook in the folder,
 * with candidate, pathway, stage, entries, a coverage bar per capability, gaps,
 * the last session and overdue actions, and why one can only be read or not be
 * opened; sorted and filtered as asked. Enter opens one; b (or Esc) on its main
 * screen comes back here; a makes a new one. */
#include "core/fileio.h"
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum cl_sort { SORT_NAME, SORT_STAGE, SORT_GAPS, SORT_SESSION, SORT_OVERDUE, NSORTS };
static const char *const sort_words[NSORTS] = {"name", "stage", "gaps (most first)",
                                               "last session (longest ago first)",
                                               "overdue actions (most first)"};

/* One workbook of the caseload, read once (the list is sorted and filtered
 * from these, not from the folder again). */
struct cl_row {
        char *dir, *folder, *name, *pathway, *stage, *why; /* why: it could not be opened */
        char *read_only; /* why it opens only to be read, or NULL */
        int stage_index;
        size_t entries, gaps;
        unsigned char *cells; /* a theme each, capability by capability: 2 met, 1 short of it */
        size_t ncells;
        char last[11]; /* the last session's date, or "" */
        unsigned overdue;
        bool same_name; /* another candidate of the caseload has this name */
};

struct caseload {
        struct cl_row *rows;
        size_t n;
        struct strlist cap_codes; /* the capability columns, from the first workbook read */
        size_t *cap_themes;
        enum cl_sort sort;
        char *filter;
        bool loaded;
        char *select; /* the folder to select once built (a new workbook) */
};

static void rows_free(struct caseload *c)
{
        for (size_t i = 0; i < c->n; i++) {
                struct cl_row *r = &c->rows[i];
                free(r->dir), free(r->folder), free(r->name), free(r->pathway), free(r->stage);
                free(r->why), free(r->read_only), free(r->cells);
        }
        free(c->rows);
        c->rows = NULL;
        c->n = 0;
        strlist_free(&c->cap_codes);
        free(c->cap_themes);
        c->cap_themes = NULL;
}

/* The last session's date and the actions overdue today, tombstones skipped. */
static void sessions_read(const struct workbook *wb, struct cl_row *r)
{
        const struct sheet *ss = &wb->sheets[WB_SESSIONS], *as = &wb->sheets[WB_ACTIONS];
        for (size_t i = 0; i < ss->nrows; i++) {
                const char *d = sheet_get(ss, i, sheet_col(ss, "date"));
                if (!ss->rows[i].bad && !wb_row_deleted(wb, WB_SESSIONS, i) && date_valid(d) &&
                    strcmp(d, r->last) > 0)
                        snprintf(r->last, sizeof r->last, "%s", d);
        }
        char today[11];
        date_today(today);
        for (size_t i = 0; i < as->nrows; i++) {
                const char *due = sheet_get(as, i, sheet_col(as, "due"));
                const char *done = sheet_get(as, i, sheet_col(as, "done"));
                bool is_done = *done && !str_ieq(done, "no");
                r->overdue += !as->rows[i].bad && !wb_row_deleted(wb, WB_ACTIONS, i) && !is_done &&
                              date_valid(due) && strcmp(due, today) < 0;
        }
}

static void row_read(struct app *app, struct caseload *c, const struct caseload_entry *ce,
                     struct cl_row *r)
{
        memset(r, 0, sizeof *r);
        r->dir = xstrdup(ce->dir);
        r->folder = xstrdup(path_basename(ce->dir));
        if (ce->access == WB_ACCESS_NONE) {
                r->why = xstrdup(*ce->why ? ce->why : "permission denied");
                r->name = xstrdup(r->folder);
                return;
        }
        struct workbook wb;
        struct diag d = {0};
        struct wb_options o = {(unsigned)app->ses.cfg.num[OPT_FILE_MODE], false};
        if (workbook_open(&wb, ce->dir, &o, &d) != 0) {
                /* why: what the permissions say, else what the open said */
                r->why = *ce->why ? xstrdup(ce->why)
                         : d.n    ? diag_format(&d.v[0])
                                  : xstrdup("capbook check says why");
                r->name = xstrdup(r->folder);
                diag_free(&d);
                return;
        }
        if (ce->access == WB_ACCESS_READ) /* opens, but only to be read */
                r->read_only = xstrdup(*ce->why ? ce->why : "permission denied");
        const struct framework *fw = &wb.fw;
        r->name = xstrdup(*wb.name ? wb.name : r->folder);
        r->pathway =
            xstrdup(wb.pathway_index >= 0 ? fw->pathways[wb.pathway_index].name : wb.pathway);
        r->stage = xstrdup(fw->nstages ? fw->stages[wb.stage_index].code : "?");
        r->stage_index = wb.stage_index;
        r->entries = wb.nentries;
        if (!c->cap_codes.n) {
                c->cap_themes = xcalloc(fw->ncaps + 1, sizeof *c->cap_themes);
                for (size_t k = 0; k < fw->ncaps; k++) {
                        strlist_push(&c->cap_codes, fw->caps[k].code);
                        c->cap_themes[k] = fw->caps[k].nthemes;
                }
        }
        /* a cell per theme, in theme order: met up to the target stage (the
         * cumulative rule), something short of that, or nothing */
        struct coverage cov;
        coverage_compute(&wb, wb.stage_index, &cov);
        r->cells = xcalloc(fw->nthemes + 1, 1);
        for (size_t k = 0; k < fw->ncaps; k++)
                for (size_t t = 0; t < fw->caps[k].nthemes; t++) {
                        const struct cov *cv = &cov.themes[fw->caps[k].themes[t]];
                        unsigned char v = cov_met(cv) ? 2 : cov_mark(cv) != MARK_NONE ? 1 : 0;
                        r->cells[r->ncells++] = v;
                        r->gaps += v != 2;
                }
        coverage_free(&cov);
        sessions_read(&wb, r);
        workbook_free(&wb);
        diag_free(&d);
}

static void caseload_load(struct app *app, struct caseload *c)
{
        rows_free(c);
        struct caseload_entry *ce;
        size_t n = workbook_caseload(app->ses.caseload_dir, &ce);
        c->rows = xcalloc(n + 1, sizeof *c->rows);
        for (size_t i = 0; i < n; i++)
                row_read(app, c, &ce[i], &c->rows[c->n++]);
        workbook_caseload_free(ce, n);
        for (size_t i = 0; i < c->n; i++)
                for (size_t k = 0; k < c->n; k++)
                        if (i != k && !c->rows[i].why && !c->rows[k].why &&
                            str_ieq(c->rows[i].name, c->rows[k].name))
                                c->rows[i].same_name = true;
        c->loaded = true;
}

static int by_name(const struct cl_row *a, const struct cl_row *b)
{
        int r = strcasecmp(a->name, b->name);
        return r ? r : strcmp(a->folder, b->folder);
}

static enum cl_sort sort_now; /* qsort's comparator has no context */
/* The sort and filter chosen last: the list keeps them when b comes back to it. */
static enum cl_sort kept_sort;
static char kept_filter[128];

static int row_cmp(const void *x, const void *y)
{
        const struct cl_row *a = *(const struct cl_row *const *)x,
                            *b = *(const struct cl_row *const *)y;
        int r = 0;
        switch (sort_now) {
        case SORT_STAGE: r = a->stage_index - b->stage_index; break;
        case SORT_GAPS: r = a->gaps < b->gaps ? 1 : a->gaps > b->gaps ? -1 : 0; break;
        case SORT_SESSION: r = strcmp(a->last, b->last); break; /* none first */
        case SORT_OVERDUE:
                r = a->overdue < b->overdue ? 1 : a->overdue > b->overdue ? -1 : 0;
                break;
        default: break;
        }
        return r ? r : by_name(a, b);
}

static bool row_matches(const struct cl_row *r, const char *f)
{
        return !f || !*f || strcasestr(r->name, f) || strcasestr(r->folder, f) ||
               (r->pathway && strcasestr(r->pathway, f)) || (r->stage && strcasestr(r->stage, f));
}

/* The candidate's column: the name, and where another has the same name, the
 * folder too; its end when it does not fit ("Fred (…-2024)"), where folders of
 * one candidate differ. */
static char *name_cell(struct app *app, const struct cl_row *r, int w)
{
        if (!r->same_name)
                return ui_fit(&app->term, r->name, w);
        int room = w - 3 - (int)text_width(r->name); /* for the folder */
        int want = (int)text_width(r->folder) < 6 ? (int)text_width(r->folder) : 6;
        char *name = NULL;
        if (room < want) { /* the name gives way */
                char *n = ui_fit(&app->term, r->name, w - 3 - want);
                name = xstrdup(str_trim(n));
                free(n);
                room = want;
        }
        const char *f = r->folder;
        const char *ell = "";
        if ((int)text_width(f) > room) {
                ell = app->term.gl->ellipsis;
                while (*f && (int)text_width(f) > room - 1)
                        f++;
                while (((unsigned char)*f & 0xC0) == 0x80)
                        f++;
        }
        struct buf b = {0};
        buf_printf(&b, "%s (%s%s)", name ? name : r->name, ell, f);
        char *cell = ui_fit(&app->term, buf_str(&b), w);
        buf_free(&b);
        free(name);
        return cell;
}

static void build(struct app *app, struct view *v, int width)
{
        struct caseload *c = v->data;
        if (!c->loaded)
                caseload_load(app, c);
        struct cl_row **shown = xcalloc(c->n + 1, sizeof *shown);
        size_t n = 0;
        for (size_t i = 0; i < c->n; i++)
                if (row_matches(&c->rows[i], c->filter))
                        shown[n++] = &c->rows[i];
        sort_now = c->sort;
        if (n)
                qsort(shown, n, sizeof *shown, row_cmp);
        /* the count first: a long folder name is cut at the right edge */
        int len = snprintf(v->title, sizeof v->title, "caseload: %zu workbook%s by %s", c->n,
                           c->n == 1 ? "" : "s", sort_words[c->sort]);
        if (c->filter && *c->filter)
                len += snprintf(v->title + len, sizeof v->title - (size_t)len, ", %zu with \"%s\"",
                                n, c->filter);
        snprintf(v->title + len, sizeof v->title - (size_t)len, ", in %s", app->ses.caseload_dir);
        /* 80 columns: name 12, stage, entries, the bars (22 themes and a space
         * a capability), gaps, last session, overdue. Wider: the pathway, then a
         * longer name. */
        size_t barw = 0;
        for (size_t k = 0; k < c->cap_codes.n; k++) {
                size_t cw = strlen(c->cap_codes.v[k]);
                barw += (c->cap_themes[k] > cw ? c->cap_themes[k] : cw) + 1;
        }
        int fixed = 1 + 5 + 1 + 7 + 2 + (int)barw + 4 + 1 + 10 + 1 + 7;
        int pathw = width - fixed - 12 >= 18 ? 17 : 0;
        int namew = width - fixed - (pathw ? pathw + 1 : 0);
        namew = namew < 12 ? 12 : namew > 30 ? 30 : namew;
        struct buf h = {0};
        buf_printf(&h, "%-*s ", namew, "candidate");
        if (pathw)
                buf_printf(&h, "%-*s ", pathw, "pathway");
        buf_printf(&h, "%-5s %7s  ", "stage", "entries");
        for (size_t k = 0; k < c->cap_codes.n; k++) {
                size_t cw = strlen(c->cap_codes.v[k]);
                buf_printf(&h, "%-*s ", (int)(c->cap_themes[k] > cw ? c->cap_themes[k] : cw),
                           c->cap_codes.v[k]);
        }
        buf_printf(&h, "%4s %-10s %7s", "gaps", "session", "overdue");
        vline_add(v, -1, false, 0, 0, "%s", h.s);
        buf_free(&h);
        const char *glyph[3] = {app->term.gl->bar_empty, app->term.gl->bar_part,
                                app->term.gl->bar_full};
        for (size_t i = 0; i < n; i++) {
                const struct cl_row *r = shown[i];
                int idx = (int)(r - c->rows);
                char *name = name_cell(app, r, namew);
                struct buf l = {0};
                buf_printf(&l, "%s ", name);
                free(name);
                if (r->why) { /* the reason whole, wrapped below when it is long */
                        bool fits = (int)text_width(l.s) + 18 + (int)text_width(r->why) <= width;
                        buf_printf(&l, "cannot be opened:%s%s", fits ? " " : "",
                                   fits ? r->why : "");
                        vline_add(v, CR_ERROR, true, idx, 0, "%s", l.s);
                        if (!fits)
                                vline_wrap(v, CR_ERROR, width, 2, r->why);
                        buf_free(&l);
                        continue;
                }
                if (pathw) {
                        char *p = ui_fit(&app->term, r->pathway, pathw);
                        buf_printf(&l, "%s ", p);
                        free(p);
                }
                buf_printf(&l, "%-5s %7zu  ", r->stage, r->entries);
                size_t cell = 0;
                for (size_t k = 0; k < c->cap_codes.n; k++) {
                        size_t cw = strlen(c->cap_codes.v[k]);
                        size_t w = c->cap_themes[k] > cw ? c->cap_themes[k] : cw;
                        for (size_t t = 0; t < c->cap_themes[k]; t++, cell++)
                                buf_adds(&l, cell < r->ncells ? glyph[r->cells[cell]] : "?");
                        buf_printf(&l, "%*s", (int)(w - c->cap_themes[k]) + 1, "");
                }
                char od[16];
                snprintf(od, sizeof od, "%u", r->overdue);
                buf_printf(&l, "%4zu %-10s %7s", r->gaps, *r->last ? r->last : "-",
                           r->overdue ? od : "-");
                vline_add(v, r->overdue ? CR_ERROR : CR_NONE, true, idx, 0, "%s", l.s);
                buf_free(&l);
                if (r->read_only) {
                        struct buf t = {0};
                        buf_printf(&t, "read-only for you: %s", r->read_only);
                        vline_wrap(v, CR_UPDATE, width, 2, t.s);
                        buf_free(&t);
                }
                if (c->select && strcmp(c->select, r->dir) == 0)
                        v->sel = v->n - 1;
        }
        if (!n && c->n)
                vline_add(v, CR_NONE, false, 0, 0, "No candidate's line holds \"%s\".", c->filter);
        free(c->select);
        c->select = NULL;
        free(shown);
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char legend[600], ks[16], kf[16], ka[16];
        snprintf(legend, sizeof legend,
                 "A bar per capability, a cell per theme in order, up to each candidate's target "
                 "stage: %s met (actual evidence or n/a naming it at every stage up to it), %s "
                 "short of that (planned, needs updating, through the mapping, or a stage "
                 "missing), %s nothing. Gaps: themes not met. Session: the last one; overdue: "
                 "agreed actions past their due date. %s sorts, %s filters, %s makes a new "
                 "workbook.",
                 glyph[2], glyph[1], glyph[0],
                 keys_first_in(app, KM_CASELOAD, ACT_SORT, ks, sizeof ks),
                 keys_first_in(app, KM_CASELOAD, ACT_FILTER, kf, sizeof kf),
                 keys_first_in(app, KM_CASELOAD, ACT_NEW_WORKBOOK, ka, sizeof ka));
        vline_wrap(v, CR_NONE, width, 0, legend);
}

/* --- the filter, as it is typed ------------------------------------------------- */

static void filter_change(struct app *app, void *ctx, const char *text)
{
        (void)app;
        struct view *v = ctx;
        struct caseload *c = v->data;
        free(c->filter);
        c->filter = xstrdup(text);
        snprintf(kept_filter, sizeof kept_filter, "%s", text);
        v->stale = true;
        v->sel = 0;
}

/* --- a new workbook ----------------------------------------------------------- */

struct new_wb {
        const char *dir; /* the caseload folder */
        char *made;      /* the new workbook's folder, once made */
};

static bool new_accept(struct app *app, void *ctx, struct dialog_field *f, int *field,
                       struct buf *why)
{
        struct new_wb *nw = ctx;
        const char *folder = f[0].value, *name = f[1].value;
        if (!*folder || strchr(folder, '/') || folder[0] == '.') {
                *field = 0;
                buf_adds(why, "a folder name in the caseload: no /, not starting with a dot");
                return false;
        }
        if (!*name) {
                *field = 1;
                buf_adds(why, "the candidate's name");
                return false;
        }
        char *path = path_join(nw->dir, folder);
        struct diag d = {0};
        struct wb_options o = {(unsigned)app->ses.cfg.num[OPT_FILE_MODE],
                               app->ses.cfg.num[OPT_NEW_FILES] == 1};
        if (workbook_create_shared(path, name, f[2].value, f[3].value,
                                   *f[4].value ? f[4].value : NULL, &o, f[5].value, &d) < 0) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not made");
                buf_adds(why, m);
                *field = strstr(m, "group")     ? 5
                         : strstr(m, "unit")    ? 4
                         : strstr(m, "pathway") ? 2
                                                : 0;
                free(m);
                diag_free(&d);
                free(path);
                return false;
        }
        diag_free(&d);
        nw->made = path;
        return true;
}

/* a in the caseload: the choices of capbook new, a pathway and a stage from lists. */
static void new_workbook(struct app *app, struct view *v)
{
        struct caseload *c = v->data;
        struct framework fw;
        struct diag d = {0};
        /* the default frameworks' pathways and stages, those a new workbook names */
        if (framework_load(&fw, NULL, NULL, NULL, NULL, NULL, &d) < 0 || !fw.npathways) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("no pathways found");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                framework_free(&fw);
                return;
        }
        diag_free(&d);
        const char **pid = xcalloc(fw.npathways + 1, sizeof *pid);
        const char **pname = xcalloc(fw.npathways + 1, sizeof *pname);
        const char **sid = xcalloc(fw.nstages + 1, sizeof *sid);
        const char **sname = xcalloc(fw.nstages + 1, sizeof *sname);
        for (size_t i = 0; i < fw.npathways; i++)
                pid[i] = fw.pathways[i].id, pname[i] = fw.pathways[i].name;
        for (size_t i = 0; i < fw.nstages; i++)
                sid[i] = fw.stages[i].code, sname[i] = fw.stages[i].name;
        struct dialog_field f[] = {
            {.label = "Folder", .hint = "the new workbook's folder in the caseload, e.g. amelia"},
            {.label = "Candidate"},
            {.label = "Pathway", .init = "manager", .choices = pid, .shown = pname},
            {.label = "Target stage",
             .init = fw.nstages ? fw.stages[fw.nstages - 1].code : NULL,
             .choices = sid,
             .shown = sname},
            {.label = "Units",
             .hint = "optional units to plan, besides the mandatory ones: A2, D1 (or nothing)"},
            /* shared with a group as capbook new --group makes it; the config's
             * [workbook] group offered, emptied for a private one */
            {.label = "Group",
             .init = app->ses.cfg.str[OPT_GROUP],
             .hint = "share it with this group (you must be in it), or nothing: private"}};
        size_t n = sizeof f / sizeof *f;
        char title[300];
        snprintf(title, sizeof title, " New workbook in %s (as capbook new makes it)",
                 app->ses.caseload_dir);
        struct new_wb nw = {app->ses.caseload_dir, NULL};
        if (dialog_run(app, title, f, n, new_accept, &nw)) {
                app_message(app, false, "made %s for %s: Enter opens it", path_basename(nw.made),
                            f[1].value);
                c->loaded = false;
                free(c->select);
                c->select = nw.made;
                free(c->filter); /* shown, whatever the filter was */
                c->filter = NULL;
                kept_filter[0] = '\0';
                v->stale = true;
        }
        for (size_t i = 0; i < n; i++)
                free(f[i].value);
        free(pid), free(pname), free(sid), free(sname);
        framework_free(&fw);
}

static enum reaction key(struct app *app, struct view *v, enum action action, int ch)
{
        (void)ch;
        struct caseload *c = v->data;
        if (action == ACT_OPEN && v->sel < v->n && v->lines[v->sel].selectable) {
                const struct cl_row *r = &c->rows[v->lines[v->sel].a];
                if (r->why) {
                        app_message(app, true, "%s: %s", r->folder, r->why);
                        return REACT_NONE;
                }
                /* session_open asks about unsaved changes first */
                return session_open(app, r->dir) ? REACT_POP : REACT_NONE;
        }
        if (action == ACT_SORT) {
                c->sort = kept_sort = (c->sort + 1) % NSORTS;
                v->stale = true;
                app_message(app, false, "sorted by %s", sort_words[c->sort]);
                return REACT_NONE;
        }
        if (action == ACT_FILTER) {
                char *f = prompt_live(app, "Filter (Enter keeps it, Esc clears it): ",
                                      c->filter ? c->filter : "", filter_change, v);
                if (!f)
                        filter_change(app, v, "");
                free(f);
                return REACT_NONE;
        }
        if (action == ACT_NEW_WORKBOOK) {
                new_workbook(app, v);
                return REACT_NONE;
        }
        /* back to a workbook, if one is open under the list */
        if (action == ACT_BACK && !app->ses.have_wb)
                return REACT_NONE;
        return REACT_IGNORED;
}

static void model(struct app *app, struct view *v, bool fresh)
{
        (void)app, (void)fresh;
        struct caseload *c = v->data;
        c->loaded = false; /* a workbook of it was saved: read again when shown */
        v->stale = true;
}

static void done(struct app *app, struct view *v, bool ending)
{
        (void)app, (void)ending;
        struct caseload *c = v->data;
        rows_free(c);
        free(c->filter);
        free(c->select);
        free(c);
}

const struct view_ops view_caseload_ops = {
    .name = "caseload",
    .flags = VIEW_QUITS,
    .keymap = {KM_CASELOAD, KM_CASELOAD},
    .build = build,
    .key = key,
    .search = list_search,
    .model = model,
    .done = done,
    .hints = {{ACT_OPEN, "open"}, {ACT_SORT, "sort"}, {ACT_FILTER, "filter"}, {ACT_QUIT, "quit"}}};

void caseload_push(struct app *app)
{
        struct view *v = view_push(app, &view_caseload_ops, 0);
        struct caseload *c = xcalloc(1, sizeof *c);
        c->sort = kept_sort;
        c->filter = *kept_filter ? xstrdup(kept_filter) : NULL;
        v->data = c;
}
