/* render_html.c — the report as one HTML page: coverage by capability and
 * theme, and the evidence, every value escaped. */
#include "cli/cli.h"
#include "cli/plans.h"
#include "cli/render.h"

#include <string.h>

static void html_text(FILE *f, const char *s)
{
        struct buf b = {0};
        text_sanitize(&b, s, strlen(s), true);
        for (const char *p = buf_str(&b); *p; p++) {
                switch (*p) {
                case '&': fputs("&amp;", f); break;
                case '<': fputs("&lt;", f); break;
                case '>': fputs("&gt;", f); break;
                case '"': fputs("&quot;", f); break;
                case '\n': fputs("<br>", f); break;
                default: fputc(*p, f);
                }
        }
        buf_free(&b);
}

static void html_workbook(FILE *f, const struct workbook *wb, int st)
{
        const struct framework *fw = &wb->fw;
        fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<title>capbook report: ");
        html_text(f, wb->name);
        fprintf(f, "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
                   "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em;"
                   "vertical-align:top;text-align:left}</style></head><body>\n<h1>");
        html_text(f, *wb->name ? wb->name : wb->dir);
        fprintf(f, "</h1>\n<p>Pathway: ");
        html_text(f, pathway_name(wb));
        fprintf(f, ". Target stage: ");
        html_text(f, fw->stages[st].name);
        fprintf(f, ".</p>\n<h2>Coverage</h2>\n<table><tr><th>Code</th><th>Capability or theme</th>"
                   "<th>Coverage</th><th>Actual</th><th>Planned</th></tr>\n");
        struct coverage c;
        coverage_compute(wb, st, &c);
        for (struct cov_row r = {0}; cov_row_next(fw, &c, &r);) {
                const char *b = r.theme < 0 ? "<b>" : "", *end_b = r.theme < 0 ? "</b>" : "";
                fprintf(f, "<tr><td>");
                html_text(f, r.code);
                fprintf(f, "</td><td>%s", b);
                html_text(f, r.name);
                fprintf(f, "%s</td><td>%s</td><td>%u</td><td>%u</td></tr>\n", end_b,
                        cov_mark_name[cov_mark(r.cov)], r.cov->direct.actual,
                        r.cov->direct.planned);
        }
        coverage_free(&c);
        fprintf(f, "</table>\n<h2>Evidence</h2>\n<table><tr><th>Id</th><th>Status</th><th>Date</th>"
                   "<th>Ref</th><th>Summary</th><th>Elements</th><th>Indicators</th></tr>\n");
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                const char *cols[] = {"id",      "status",   "date",      "ref",
                                      "summary", "elements", "indicators"};
                fprintf(f, "<tr>");
                for (size_t k = 0; k < 7; k++) {
                        fprintf(f, "<td>");
                        html_text(f, entry_get(wb, e, cols[k]));
                        fprintf(f, "</td>");
                }
                fprintf(f, "</tr>\n");
        }
        fprintf(f, "</table>\n");
        plans_report(f, wb, FMT_HTML);
        fprintf(f, "</body></html>\n");
}

/* the caseload is not an HTML page yet: the text table */
const struct renderer render_html = {html_workbook, NULL, NULL, NULL};
