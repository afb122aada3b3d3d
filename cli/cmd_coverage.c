/* cmd_coverage.c — what the evidence covers, as text or CSV: gaps, the mapping
 * grid of a unit, the optional-unit planner, reverse transfer. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static void print_needs_update(const struct workbook *wb, FILE *f)
{
        bool any = false;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (e->status != ST_UPDATE)
                        continue;
                if (!any)
                        fprintf(f, "\nEvidence marked needs-update:\n");
                any = true;
                struct buf b = {0};
                buf_printf(&b, "%s [%s] %s", entry_get(wb, e, "id"), entry_get(wb, e, "ref"),
                           entry_get(wb, e, "summary"));
                cli_wrap(f, b.s, 4, 2, WIDTH);
                buf_free(&b);
        }
}

int cmd_gaps(struct args *a)
{
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        enum cli_format fmt = arg_format(a, false);
        int st = arg_stage(a, &wb);
        if (fmt == FMT_BAD || st < 0) {
                workbook_free(&wb);
                return EXIT_USAGE;
        }
        struct coverage c;
        coverage_compute(&wb, st, &c);
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        const struct framework *fw = &wb.fw;
        if (fmt == FMT_CSV) {
                const char *hdr[] = {"capability", "theme",        "name", "coverage", "actual",
                                     "planned",    "needs_update", "na",   "units",    NULL};
                csv_row(stdout, hdr);
                for (size_t i = 0; i < n; i++) {
                        const struct cov *cv =
                            g[i].theme < 0 ? &c.caps[g[i].cap] : &c.themes[g[i].theme];
                        char nums[4][16];
                        snprintf(nums[0], 16, "%u", cv->direct.actual);
                        snprintf(nums[1], 16, "%u",
                                 cv->direct.planned + cv->mapped_direct.planned +
                                     cv->mapped_indirect.planned);
                        snprintf(nums[2], 16, "%u",
                                 cv->direct.update + cv->mapped_direct.update +
                                     cv->mapped_indirect.update);
                        snprintf(nums[3], 16, "%u", cv->direct.na);
                        struct buf h = {0};
                        hints_text(&wb, g[i].units, g[i].nunits, &h);
                        const char *row[] = {fw->caps[g[i].cap].code,
                                             g[i].theme < 0 ? "" : fw->themes[g[i].theme].code,
                                             g[i].theme < 0 ? fw->caps[g[i].cap].name
                                                            : fw->themes[g[i].theme].name,
                                             cov_mark_name[g[i].mark],
                                             nums[0],
                                             nums[1],
                                             nums[2],
                                             nums[3],
                                             buf_str(&h),
                                             NULL};
                        csv_row(stdout, row);
                        buf_free(&h);
                }
        } else {
                char sl[64];
                printf("Gaps at %s for %s, %s pathway\n", stage_label(&wb, st, sl, sizeof sl),
                       *wb.name ? text_safe(wb.name) : "this workbook",
                       text_safe(pathway_name(&wb)));
                if (!n)
                        printf("\nNo gaps: every capability and theme has actual evidence.\n");
                int last_cap = -1;
                for (size_t i = 0; i < n; i++) {
                        struct buf line = {0}, h = {0};
                        if (g[i].cap != last_cap && g[i].theme >= 0) {
                                /* the capability itself is covered; say how */
                                enum cov_mark m = cov_mark(&c.caps[g[i].cap]);
                                printf("\n%s %s: %s\n", fw->caps[g[i].cap].code,
                                       text_safe(fw->caps[g[i].cap].name), cov_mark_name[m]);
                        }
                        if (g[i].theme < 0) {
                                printf("\n%s %s: %s\n", fw->caps[g[i].cap].code,
                                       text_safe(fw->caps[g[i].cap].name),
                                       g[i].mark == MARK_NONE ? "no evidence"
                                                              : cov_mark_name[g[i].mark]);
                                if (g[i].nunits) {
                                        hints_text(&wb, g[i].units, g[i].nunits, &h);
                                        buf_printf(&line, "could come from: %s", h.s);
                                        cli_wrap(stdout, line.s, 6, 4, WIDTH);
                                }
                        } else {
                                buf_printf(&line, "%s %s: %s", fw->themes[g[i].theme].code,
                                           fw->themes[g[i].theme].name,
                                           g[i].mark == MARK_NONE ? "no evidence"
                                                                  : cov_mark_name[g[i].mark]);
                                cli_wrap(stdout, line.s, 6, 2, WIDTH);
                        }
                        last_cap = g[i].cap;
                        buf_free(&line), buf_free(&h);
                }
                print_needs_update(&wb, stdout);
        }
        gaps_free(g, n);
        coverage_free(&c);
        workbook_free(&wb);
        return 0;
}

/* --- grid --------------------------------------------------------------- */

int cmd_grid(struct args *a)
{
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        enum cli_format fmt = arg_format(a, false);
        struct ref r;
        if (fmt == FMT_BAD || !ref_parse(&wb.fw, a->pos[1], &r) || r.kind != REF_UNIT) {
                if (fmt != FMT_BAD)
                        cli_fail(a, "unknown unit %s", a->pos[1]);
                workbook_free(&wb);
                return EXIT_USAGE;
        }
        const struct framework *fw = &wb.fw;
        const struct fw_unit *u = &fw->units[r.unit];
        struct grid g;
        coverage_grid(&wb, r.unit, &g);
        if (fmt == FMT_CSV) {
                const char *hdr[] = {"row",    "title",   "capability", "link",
                                     "actual", "planned", NULL};
                csv_row(stdout, hdr);
                for (size_t i = 0; i < g.nrows; i++) {
                        const char *code = i ? fw->elements[u->elements[i - 1]].code : u->code;
                        const char *title = i ? fw->elements[u->elements[i - 1]].title : u->title;
                        for (size_t cidx = 0; cidx < g.ncols; cidx++) {
                                const struct grid_cell *cell = &g.cells[i * g.ncols + cidx];
                                char n1[16], n2[16];
                                snprintf(n1, 16, "%u", cell->actual);
                                snprintf(n2, 16, "%u", cell->planned);
                                const char *row[] = {
                                    code,
                                    title,
                                    fw->caps[cidx].code,
                                    cell->kind ? link_kind_word(cell->kind == 1) : "",
                                    n1,
                                    n2,
                                    NULL};
                                csv_row(stdout, row);
                        }
                }
        } else {
                struct buf t = {0};
                buf_printf(&t, "%s %s", u->code,
                           *u->title ? u->title : "(title not in the sources)");
                cli_wrap(stdout, t.s, 4, 0, WIDTH);
                buf_free(&t);
                printf("Mapping grid: D direct link, i indirect; actual/planned entries that name\n"
                       "the row and the capability; entries: all entries naming the row.\n\n");
                printf("%-9s", "");
                for (size_t cidx = 0; cidx < g.ncols; cidx++)
                        printf(" %-7s", fw->caps[cidx].code);
                printf(" entries\n");
                for (size_t i = 0; i < g.nrows; i++) {
                        const char *code = i ? fw->elements[u->elements[i - 1]].code : u->code;
                        printf("%-9s", text_safe(code));
                        for (size_t cidx = 0; cidx < g.ncols; cidx++) {
                                const struct grid_cell *cell = &g.cells[i * g.ncols + cidx];
                                char cellbuf[16];
                                char k = cell->kind == 1 ? 'D' : cell->kind == 2 ? 'i' : '.';
                                if (cell->actual || cell->planned)
                                        snprintf(cellbuf, sizeof cellbuf, "%c %u/%u", k,
                                                 cell->actual, cell->planned);
                                else
                                        snprintf(cellbuf, sizeof cellbuf, "%c", k);
                                printf(" %-7s", cellbuf);
                        }
                        printf(" %u\n", g.row_entries[i]);
                }
                if (u->nelements) {
                        printf("\n");
                        for (size_t i = 0; i < u->nelements; i++) {
                                const struct fw_element *e = &fw->elements[u->elements[i]];
                                struct buf l = {0};
                                buf_printf(&l, "%-6s %s", e->code,
                                           *e->title ? e->title : "(title not in the sources)");
                                cli_wrap(stdout, l.s, 7, 0, WIDTH);
                                buf_free(&l);
                        }
                } else {
                        printf("\nThe elements of %s are not in the shipped data; add them to the\n"
                               "standards' elements.csv in the workbook's own framework folder.\n",
                               text_safe(u->code));
                }
        }
        grid_free(&g);
        workbook_free(&wb);
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

int cmd_plan(struct args *a)
{
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        enum cli_format fmt = arg_format(a, false);
        int st = arg_stage(a, &wb);
        if (fmt == FMT_BAD || st < 0) {
                workbook_free(&wb);
                return EXIT_USAGE;
        }
        const struct framework *fw = &wb.fw;
        struct coverage c;
        coverage_compute(&wb, st, &c);
        struct plan_row *p;
        size_t n = coverage_plan(&wb, &c, &p);
        qsort(p, n, sizeof *p, plan_cmp);
        if (fmt == FMT_CSV) {
                const char *hdr[] = {"unit",     "title",       "status", "direct",
                                     "indirect", "gaps_filled", NULL};
                csv_row(stdout, hdr);
        } else {
                char sl[64];
                struct buf h = {0};
                buf_printf(&h,
                           "Optional units for %s at %s: what each maps to and the gaps it "
                           "would fill (capabilities and themes with no actual evidence).",
                           *wb.name ? wb.name : "this workbook",
                           stage_label(&wb, st, sl, sizeof sl));
                cli_wrap(stdout, h.s, 0, 0, WIDTH);
                buf_free(&h);
                putchar('\n');
                printf("%-5s %-16s %-24s %-5s %s\n", "unit", "status", "maps to", "gaps", "title");
        }
        for (size_t i = 0; i < n; i++) {
                const struct fw_unit *u = &fw->units[p[i].unit];
                struct buf d = {0}, ind = {0}, both = {0};
                for (size_t k = 0; k < p[i].ncaps; k++) {
                        struct buf *b = p[i].caps_direct[k] ? &d : &ind;
                        if (b->len)
                                buf_adds(b, "; ");
                        buf_adds(b, fw->caps[p[i].caps[k]].code);
                        if (both.len)
                                buf_adds(&both, " ");
                        buf_printf(&both, "%s%s", fw->caps[p[i].caps[k]].code,
                                   p[i].caps_direct[k] ? "" : "(i)");
                }
                char gaps[16];
                snprintf(gaps, sizeof gaps, "%zu", p[i].gaps_filled);
                if (fmt == FMT_CSV) {
                        const char *row[] = {
                            u->code,     u->title,      unit_status_name[p[i].status],
                            buf_str(&d), buf_str(&ind), gaps,
                            NULL};
                        csv_row(stdout, row);
                } else {
                        struct buf l = {0};
                        buf_printf(&l, "%-5s %-16s %-24s %-5s %s", u->code,
                                   unit_status_label[p[i].status], both.len ? both.s : "-", gaps,
                                   *u->title ? u->title : "(title not in the sources)");
                        cli_wrap(stdout, l.s, 54, 0, WIDTH);
                        buf_free(&l);
                }
                buf_free(&d), buf_free(&ind), buf_free(&both);
        }
        if (fmt == FMT_TEXT) {
                struct buf l = {0};
                buf_printf(&l, "(i): indirect link. Links come from the mapping %s.",
                           fw->map_path ? fw->map_path : fw->map_id);
                putchar('\n');
                cli_wrap(stdout, l.s, 0, 0, WIDTH);
                buf_free(&l);
        }
        plan_free(p, n);
        coverage_free(&c);
        workbook_free(&wb);
        return 0;
}

/* --- transfer ----------------------------------------------------------- */

int cmd_transfer(struct args *a)
{
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        const struct framework *fw = &wb.fw;
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
                const struct entry *e = &wb.entries[i];
                struct transfer *t;
                size_t n = entry_transfer(&wb, e, &t);
                size_t fresh = 0;
                for (size_t k = 0; k < n; k++)
                        fresh += !t[k].named;
                if (fresh || only >= 0) {
                        struct buf l = {0};
                        buf_printf(&l, "%s [%s] %s", entry_get(&wb, e, "id"),
                                   entry_get(&wb, e, "ref"), entry_get(&wb, e, "indicators"));
                        cli_wrap(stdout, l.s, 4, 0, WIDTH);
                        buf_free(&l);
                        if (!fresh)
                                printf("    no further NOS elements through the mapping\n");
                        for (size_t k = 0; k < n; k++) {
                                if (t[k].named)
                                        continue;
                                const struct fw_unit *u = &fw->units[t[k].unit];
                                const char *code =
                                    t[k].element >= 0 ? fw->elements[t[k].element].code : u->code;
                                const char *title =
                                    t[k].element >= 0 ? fw->elements[t[k].element].title : u->title;
                                enum unit_status us = wb_unit_status(&wb, t[k].unit);
                                buf_printf(&l, "could also count for %s (%s link%s) %s", code,
                                           link_kind_word(t[k].direct),
                                           us == US_NONE       ? ""
                                           : us == US_CREDIT   ? ", unit held by credit transfer"
                                           : us == US_ACHIEVED ? ", unit achieved"
                                                               : ", unit chosen",
                                           title);
                                cli_wrap(stdout, l.s, 6, 4, WIDTH);
                                buf_free(&l);
                        }
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
