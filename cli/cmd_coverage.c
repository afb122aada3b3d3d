/* cmd_coverage.c — what the evidence covers, as text or CSV: gaps, the mapping
 * grid of a unit, the optional-unit planner, reverse transfer. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

/* What gaps, grid and plan start from: the workbook, --format and, for gaps
 * and plan, --stage and the coverage at that stage. */
struct coverage_run {
        struct workbook wb;
        enum cli_format fmt;
        int stage;
        bool measured; /* c computed */
        struct coverage c;
};

/* Opens a->pos[0], reads --format and (measure) --stage, and computes the
 * coverage: 0, or an exit status with nothing left open. */
static int coverage_start(struct args *a, struct coverage_run *r, bool measure)
{
        memset(r, 0, sizeof *r);
        int rc = cli_open(a, &r->wb, a->pos[0]);
        if (rc)
                return rc;
        r->fmt = arg_format(a, false);
        r->stage = measure ? arg_stage(a, &r->wb) : 0; /* both checked: each bad one is named */
        if (r->fmt == FMT_BAD || r->stage < 0) {
                workbook_free(&r->wb);
                return EXIT_USAGE;
        }
        if ((r->measured = measure))
                coverage_compute(&r->wb, r->stage, &r->c);
        return 0;
}

static void coverage_end(struct coverage_run *r)
{
        if (r->measured)
                coverage_free(&r->c);
        workbook_free(&r->wb);
}

/* A count as a CSV cell. */
static const char *num(char buf[16], unsigned n)
{
        snprintf(buf, 16, "%u", n);
        return buf;
}

/* --- gaps --------------------------------------------------------------- */

static void gaps_csv(const struct workbook *wb, const struct coverage *c, const struct gap *g,
                     size_t n)
{
        const struct framework *fw = &wb->fw;
        const char *hdr[] = {"capability", "theme",        "name", "coverage", "missing", "actual",
                             "planned",    "needs_update", "na",   "units",    NULL};
        csv_row(stdout, hdr);
        for (size_t i = 0; i < n; i++) {
                const struct cov *cv = g[i].theme < 0 ? &c->caps[g[i].cap] : &c->themes[g[i].theme];
                char nums[4][16];
                struct buf h = {0}, miss = {0};
                hints_text(wb, g[i].units, g[i].nunits, &h);
                /* the stages missing as codes, a list like the sheets' own: "EM; ES" */
                for (size_t s = 0; s < fw->nstages && s < 16; s++)
                        if ((g[i].missing >> s) & 1)
                                buf_printf(&miss, "%s%s", miss.len ? "; " : "", fw->stages[s].code);
                const char *row[] = {fw->caps[g[i].cap].code,
                                     g[i].theme < 0 ? "" : fw->themes[g[i].theme].code,
                                     g[i].theme < 0 ? fw->caps[g[i].cap].name
                                                    : fw->themes[g[i].theme].name,
                                     cov_mark_name[g[i].mark],
                                     buf_str(&miss),
                                     num(nums[0], cv->direct.actual),
                                     num(nums[1], cv->direct.planned + cv->mapped_direct.planned +
                                                      cv->mapped_indirect.planned),
                                     num(nums[2], cv->direct.update + cv->mapped_direct.update +
                                                      cv->mapped_indirect.update),
                                     num(nums[3], cv->direct.na),
                                     buf_str(&h),
                                     NULL};
                csv_row(stdout, row);
                buf_free(&h), buf_free(&miss);
        }
}

/* What a gap lacks: the stages missing ("ES missing"), and what there is short
 * of actual evidence naming it ("EM, ES and AC missing (planned only)"). */
static void gap_words(const struct framework *fw, const struct gap *g, struct buf *out)
{
        struct cov c = {.missing = g->missing};
        cov_missing_text(fw, &c, out);
        if (g->mark != MARK_NONE)
                buf_printf(out, " (%s)", cov_mark_name[g->mark]);
}

static void print_needs_update(const struct workbook *wb)
{
        bool any = false;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (e->status != ST_UPDATE)
                        continue;
                if (!any)
                        printf("\nEvidence marked needs-update:\n");
                any = true;
                struct buf b = {0};
                buf_printf(&b, "%s [%s] %s", entry_get(wb, e, "id"), entry_get(wb, e, "ref"),
                           entry_get(wb, e, "summary"));
                cli_wrap(stdout, b.s, 4, 2, WIDTH);
                buf_free(&b);
        }
}

static void gaps_text(const struct workbook *wb, int st, const struct coverage *c,
                      const struct gap *g, size_t n)
{
        const struct framework *fw = &wb->fw;
        char sl[64];
        printf("Gaps at %s for %s, %s pathway\n", stage_label(wb, st, sl, sizeof sl),
               *wb->name ? text_safe(wb->name) : "this workbook", text_safe(pathway_name(wb)));
        if (!n)
                printf("\nNo gaps: every capability and theme has actual evidence.\n");
        const struct gap *capgap = NULL; /* the last capability's own gap */
        for (size_t i = 0; i < n; i++) {
                const struct fw_capability *cap = &fw->caps[g[i].cap];
                struct buf line = {0}, h = {0};
                if (g[i].theme < 0)
                        capgap = &g[i];
                bool each, hints = gap_hints_here(g, n, i, capgap, &each);
                if (g[i].theme < 0) {
                        buf_printf(&line, "%s %s: ", cap->code, cap->name);
                        gap_words(fw, &g[i], &line);
                        putchar('\n');
                        cli_wrap(stdout, line.s, 4, 0, WIDTH);
                } else {
                        /* the first gap of a capability that is met itself says so */
                        if (i == 0 || g[i - 1].cap != g[i].cap)
                                printf("\n%s %s: %s\n", cap->code, text_safe(cap->name),
                                       cov_met(&c->caps[g[i].cap])
                                           ? "met"
                                           : cov_mark_name[cov_mark(&c->caps[g[i].cap])]);
                        buf_printf(&line, "%s %s: ", fw->themes[g[i].theme].code,
                                   fw->themes[g[i].theme].name);
                        gap_words(fw, &g[i], &line);
                        cli_wrap(stdout, line.s, 6, 2, WIDTH);
                }
                if (hints) {
                        hints_text(wb, g[i].units, g[i].nunits, &h);
                        buf_reset(&line);
                        buf_printf(&line, "%scould come from: %s", each ? "each " : "", h.s);
                        cli_wrap(stdout, line.s, 6, g[i].theme < 0 ? 4 : 6, WIDTH);
                }
                buf_free(&line), buf_free(&h);
        }
        print_needs_update(wb);
}

int cmd_gaps(struct args *a)
{
        struct coverage_run r;
        int rc = coverage_start(a, &r, true);
        if (rc)
                return rc;
        struct gap *g;
        size_t n = coverage_gaps(&r.wb, &r.c, &g);
        if (r.fmt == FMT_CSV)
                gaps_csv(&r.wb, &r.c, g, n);
        else
                gaps_text(&r.wb, r.stage, &r.c, g, n);
        gaps_free(g, n);
        coverage_end(&r);
        return 0;
}

/* --- grid --------------------------------------------------------------- */

/* Row i of a unit's grid: the unit itself, then its elements. */
static const char *grid_row_code(const struct framework *fw, const struct fw_unit *u, size_t i)
{
        return i ? fw->elements[u->elements[i - 1]].code : u->code;
}

static void grid_csv(const struct framework *fw, const struct fw_unit *u, const struct grid *g)
{
        const char *hdr[] = {"row", "title", "capability", "link", "actual", "planned", NULL};
        csv_row(stdout, hdr);
        for (size_t i = 0; i < g->nrows; i++) {
                const char *title = i ? fw->elements[u->elements[i - 1]].title : u->title;
                for (size_t cidx = 0; cidx < g->ncols; cidx++) {
                        const struct grid_cell *cell = &g->cells[i * g->ncols + cidx];
                        char n1[16], n2[16];
                        const char *row[] = {grid_row_code(fw, u, i),
                                             title,
                                             fw->caps[cidx].code,
                                             cell->kind ? link_kind_word(cell->kind == 1) : "",
                                             num(n1, cell->actual),
                                             num(n2, cell->planned),
                                             NULL};
                        csv_row(stdout, row);
                }
        }
}

static void grid_text(const struct framework *fw, const struct fw_unit *u, const struct grid *g)
{
        struct buf t = {0};
        buf_printf(&t, "%s %s", u->code, title_or_unknown(u->title));
        cli_wrap(stdout, t.s, 4, 0, WIDTH);
        buf_free(&t);
        cli_wrap(stdout,
                 "Mapping grid: D direct link, i indirect, . none; n/m: actual/planned entries "
                 "that name the row and count for the capability (by naming it, or through the "
                 "row's or its unit's link); entries: every entry naming the row.",
                 0, 0, WIDTH);
        putchar('\n');
        printf("%-9s", "");
        for (size_t cidx = 0; cidx < g->ncols; cidx++)
                printf(" %-7s", fw->caps[cidx].code);
        printf(" entries\n");
        for (size_t i = 0; i < g->nrows; i++) {
                printf("%-9s", text_safe(grid_row_code(fw, u, i)));
                for (size_t cidx = 0; cidx < g->ncols; cidx++) {
                        const struct grid_cell *cell = &g->cells[i * g->ncols + cidx];
                        char cellbuf[16];
                        char k = cell->kind == 1 ? 'D' : cell->kind == 2 ? 'i' : '.';
                        if (cell->actual || cell->planned)
                                snprintf(cellbuf, sizeof cellbuf, "%c %u/%u", k, cell->actual,
                                         cell->planned);
                        else
                                snprintf(cellbuf, sizeof cellbuf, "%c", k);
                        printf(" %-7s", cellbuf);
                }
                printf(" %u\n", g->row_entries[i]);
        }
        if (!u->nelements) {
                printf("\nThe elements of %s are not in the shipped data; add them to the\n"
                       "standards' elements.csv in the workbook's own framework folder.\n",
                       text_safe(u->code));
                return;
        }
        printf("\n");
        for (size_t i = 0; i < u->nelements; i++) {
                const struct fw_element *e = &fw->elements[u->elements[i]];
                code_title(stdout, 0, 6, e->code, e->title, "");
        }
}

int cmd_grid(struct args *a)
{
        struct coverage_run r;
        int rc = coverage_start(a, &r, false);
        if (rc)
                return rc;
        const struct framework *fw = &r.wb.fw;
        struct ref ref;
        if (!ref_parse(fw, a->pos[1], &ref) || ref.kind != REF_UNIT) {
                cli_fail(a, "unknown unit %s", a->pos[1]);
                coverage_end(&r);
                return EXIT_USAGE;
        }
        struct grid g;
        coverage_grid(&r.wb, ref.unit, &g);
        if (r.fmt == FMT_CSV)
                grid_csv(fw, &fw->units[ref.unit], &g);
        else
                grid_text(fw, &fw->units[ref.unit], &g);
        grid_free(&g);
        coverage_end(&r);
        return 0;
}

/* --- plan --------------------------------------------------------------- */

static int plan_cmp(const void *x, const void *y)
{
        const struct plan_row *a = x, *b = y;
        if (a->gaps_filled != b->gaps_filled)
                return a->gaps_filled < b->gaps_filled ? 1 : -1;
        if (a->ncaps_direct != b->ncaps_direct)
                return a->ncaps_direct < b->ncaps_direct ? 1 : -1;
        return a->unit - b->unit;
}

/* One unit's row: the capabilities it links to, directly and indirectly (CSV),
 * or all in one column with (i) after the indirect ones (text). */
static void plan_row(const struct workbook *wb, const struct plan_row *p, enum cli_format fmt)
{
        const struct framework *fw = &wb->fw;
        const struct fw_unit *u = &fw->units[p->unit];
        struct buf d = {0}, ind = {0}, both = {0};
        for (size_t k = 0; k < p->ncaps; k++) {
                struct buf *b = p->caps_direct[k] ? &d : &ind;
                if (b->len)
                        buf_adds(b, "; ");
                buf_adds(b, fw->caps[p->caps[k]].code);
                if (both.len)
                        buf_adds(&both, " ");
                buf_printf(&both, "%s%s", fw->caps[p->caps[k]].code,
                           p->caps_direct[k] ? "" : "(i)");
        }
        char gaps[16];
        snprintf(gaps, sizeof gaps, "%zu", p->gaps_filled);
        if (fmt == FMT_CSV) {
                const char *row[] = {u->code,     u->title,      unit_status_name[p->status],
                                     buf_str(&d), buf_str(&ind), gaps,
                                     NULL};
                csv_row(stdout, row);
        } else {
                struct buf l = {0};
                buf_printf(&l, "%-5s %-16s %-24s %-5s %s", u->code, unit_status_label[p->status],
                           both.len ? both.s : "-", gaps, title_or_unknown(u->title));
                cli_wrap(stdout, l.s, 54, 0, WIDTH);
                buf_free(&l);
        }
        buf_free(&d), buf_free(&ind), buf_free(&both);
}

int cmd_plan(struct args *a)
{
        struct coverage_run r;
        int rc = coverage_start(a, &r, true);
        if (rc)
                return rc;
        const struct workbook *wb = &r.wb;
        struct plan_row *p;
        size_t n = coverage_plan(wb, &r.c, &p);
        qsort(p, n, sizeof *p, plan_cmp);
        struct buf l = {0};
        if (r.fmt == FMT_CSV) {
                const char *hdr[] = {"unit",     "title",       "status", "direct",
                                     "indirect", "gaps_filled", NULL};
                csv_row(stdout, hdr);
        } else {
                char sl[64];
                buf_printf(&l,
                           "Optional units for %s up to %s: what each maps to and the gaps it "
                           "would fill (capabilities and themes not met: a stage up to %s "
                           "without actual evidence naming them).",
                           *wb->name ? wb->name : "this workbook",
                           stage_label(wb, r.stage, sl, sizeof sl),
                           wb->fw.nstages ? wb->fw.stages[r.stage].code : "it");
                cli_wrap(stdout, l.s, 0, 0, WIDTH);
                putchar('\n');
                printf("%-5s %-16s %-24s %-5s %s\n", "unit", "status", "maps to", "gaps", "title");
        }
        for (size_t i = 0; i < n; i++)
                plan_row(wb, &p[i], r.fmt);
        if (r.fmt == FMT_TEXT) {
                buf_reset(&l);
                buf_printf(&l, "(i): indirect link. Links come from the mapping %s.",
                           wb->fw.map_path ? wb->fw.map_path : wb->fw.map_id);
                putchar('\n');
                cli_wrap(stdout, l.s, 0, 0, WIDTH);
        }
        buf_free(&l);
        plan_free(p, n);
        coverage_end(&r);
        return 0;
}

/* --- transfer ----------------------------------------------------------- */

/* One entry's further NOS elements (those it does not name already). */
static void transfer_entry(const struct workbook *wb, const struct entry *e,
                           const struct transfer *t, size_t n, size_t fresh)
{
        const struct framework *fw = &wb->fw;
        struct buf l = {0};
        buf_printf(&l, "%s [%s] %s", entry_get(wb, e, "id"), entry_get(wb, e, "ref"),
                   entry_get(wb, e, "indicators"));
        cli_wrap(stdout, l.s, 4, 0, WIDTH);
        buf_reset(&l);
        if (!fresh)
                printf("    no further NOS elements through the mapping\n");
        for (size_t k = 0; k < n; k++) {
                if (t[k].named)
                        continue;
                const struct fw_unit *u = &fw->units[t[k].unit];
                const char *code = t[k].element >= 0 ? fw->elements[t[k].element].code : u->code;
                const char *title = t[k].element >= 0 ? fw->elements[t[k].element].title : u->title;
                enum unit_status us = wb_unit_status(wb, t[k].unit);
                buf_printf(&l, "could also count for %s (%s link%s) %s", code,
                           link_kind_word(t[k].direct),
                           us == US_NONE       ? ""
                           : us == US_CREDIT   ? ", unit held by credit transfer"
                           : us == US_ACHIEVED ? ", unit achieved"
                                               : ", unit chosen",
                           title);
                cli_wrap(stdout, l.s, 6, 4, WIDTH);
                buf_reset(&l);
        }
        buf_free(&l);
}

int cmd_transfer(struct args *a)
{
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        long only = -1;
        if (a->npos > 1 && (only = wb_entry_by_id(&wb, a->pos[1])) < 0) {
                cli_fail(a, "no entry %s", a->pos[1]);
                workbook_free(&wb);
                return EXIT_PROBLEMS;
        }
        size_t shown = 0;
        for (size_t i = 0; i < wb.nentries; i++) {
                if (only >= 0 && (long)i != only)
                        continue;
                struct transfer *t;
                size_t n = entry_transfer(&wb, &wb.entries[i], &t);
                size_t fresh = 0;
                for (size_t k = 0; k < n; k++)
                        fresh += !t[k].named;
                if (fresh || only >= 0) {
                        transfer_entry(&wb, &wb.entries[i], t, n, fresh);
                        shown++;
                }
                free(t);
        }
        if (!shown)
                printf("No entry names a capability that the mapping links to a NOS unit it does\n"
                       "not already name.\n");
        workbook_free(&wb);
        return 0;
}
