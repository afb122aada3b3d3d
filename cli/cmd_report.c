/* cmd_report.c — capbook report: a workbook or a caseload through the renderer
 * of the chosen --format, to stdout or (-o FILE) written whole, atomically. */
#include "cli/cli.h"
#include "cli/render.h"
#include "core/fileio.h"

#include <stdlib.h>

static const struct renderer *const renderers[] = {
    [FMT_TEXT] = &render_text, [FMT_CSV] = &render_csv, [FMT_HTML] = &render_html};

static void report_caseload(FILE *f, struct args *a, const char *path, const struct renderer *r)
{
        /* a renderer without a caseload form gives the text table, without its
         * legend (the HTML report of a caseload has always been just that) */
        bool foot = r->caseload_row != NULL;
        if (!r->caseload_row)
                r = &render_text;
        struct caseload_entry *v;
        size_t n = workbook_caseload(path, &v);
        /* candidates that cannot be opened before the first that can wait for the
         * head (made from a workbook), so the rows keep their order */
        size_t held = 0;
        bool head = false;
        for (size_t i = 0; i < n; i++) {
                struct workbook wb;
                struct wb_options o = cli_wb_options(a);
                if (workbook_open(&wb, v[i].dir, &o, &a->d) != 0) {
                        if (head)
                                r->caseload_row(f, &v[i], NULL, NULL);
                        else
                                held++;
                        continue;
                }
                struct coverage c;
                coverage_compute(&wb, wb.stage_index, &c);
                if (!head) {
                        r->caseload_head(f, &wb);
                        for (size_t k = 0; k < i; k++)
                                r->caseload_row(f, &v[k], NULL, NULL);
                        held = 0;
                }
                head = true;
                r->caseload_row(f, &v[i], &wb, &c);
                coverage_free(&c);
                workbook_free(&wb);
        }
        for (size_t k = n - held; k < n; k++) /* none opened: no head, the rows alone */
                r->caseload_row(f, &v[k], NULL, NULL);
        workbook_caseload_free(v, n);
        if (head && foot && r->caseload_foot)
                r->caseload_foot(f);
}

int cmd_report(struct args *a)
{
        enum cli_format fmt = arg_format(a, true);
        if (fmt == FMT_BAD)
                return EXIT_USAGE;
        const struct renderer *r = renderers[fmt];
        const char *out = arg_get(a, "o");
        FILE *f = stdout;
        char *mem = NULL;
        size_t memlen = 0;
        if (out)
                f = open_memstream(&mem, &memlen);
        int rc = 0;
        if (workbook_is_caseload(a->pos[0])) {
                report_caseload(f, a, a->pos[0], r);
        } else {
                struct workbook wb;
                rc = cli_open(a, &wb, a->pos[0]);
                if (rc == 0) {
                        int st = arg_stage(a, &wb);
                        if (st < 0)
                                rc = EXIT_USAGE;
                        else
                                r->workbook(f, &wb, st);
                        workbook_free(&wb);
                }
        }
        if (out) {
                fclose(f);
                char err[256];
                if (rc == 0 && file_replace(out, mem, memlen, (unsigned)a->cfg.num[OPT_FILE_MODE],
                                            err, sizeof err) < 0) {
                        diag_add(&a->d, DIAG_ERROR, out, 0, "not written: %s", err);
                        rc = EXIT_PROBLEMS;
                }
                free(mem);
        }
        return rc;
}
