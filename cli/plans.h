/* plans.h — the person management specification, the development plan and the
 * CPD record as the command line prints them: text for 80 columns, CSV, and
 * HTML sections; each on its own (capbook spec, pdp, cpd) and in the report. */
#ifndef CAPBOOK_CLI_PLANS_H
#define CAPBOOK_CLI_PLANS_H

#include "cli/cli.h"
#include "core/workbook.h"

#include <stdio.h>

/* What each of the three prints; today (YYYY-MM-DD) dates the review due, the
 * overdue targets and the CPD window. */
enum plan_sheet { PLAN_SPEC, PLAN_PDP, PLAN_CPD };

/* One of them in a format: text and CSV whole, HTML as a section (<h2> and
 * what follows) for a page around it. */
void plan_render(FILE *f, const struct workbook *wb, enum plan_sheet p, enum cli_format fmt,
                 const char *today);
/* An HTML page around one of them (capbook spec --format html). */
void plan_html_page(FILE *f, const struct workbook *wb, enum plan_sheet p, const char *today);
/* True when the workbook holds a row of it that is not deleted. */
bool plan_present(const struct workbook *wb, enum plan_sheet p);

/* The report's part: each of the three the workbook holds, after what the
 * report prints (text and HTML: a section each; CSV: a blank line and a table
 * each, under its own header row). Nothing when it holds none of them. */
void plans_report(FILE *f, const struct workbook *wb, enum cli_format fmt);

#endif
