/* cpd.h — the record of continuing professional development (cpd.csv): dated
 * activities of a kind from the 2004 strategy's list, their time in days or
 * hours, what was learnt and what it relates to; the total over the window of
 * a minimum ("15 days over 3 years") ending today, and the shortfall. */
#ifndef CAPBOOK_CPD_H
#define CAPBOOK_CPD_H

#include "core/diag.h"
#include "core/text.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stddef.h>

/* "7.5", "2", "0,5": a number of days or hours (either decimal mark, no sign). */
bool cpd_amount_parse(const char *s, double *out);
/* "12.5", "7", "0.33": up to two decimals, no trailing zeros, whatever the locale. */
void cpd_amount_format(double v, char *out, size_t n);
/* "15 days over 3 years", "30 hours in 12 months", "5 days per year". 0, or -1
 * (out->set false) when not understood. */
int cpd_minimum_parse(const char *text, struct cpd_minimum *out);
/* "15 days over 3 years". */
void cpd_minimum_describe(const struct cpd_minimum *min, struct buf *out);

/* Hours of row row: days × hours per day + hours. False when neither cell
 * holds a number (*hours 0). */
bool cpd_row_hours(const struct workbook *wb, size_t row, double *hours);
/* The day an activity of date stops counting towards the minimum: date plus
 * the window (2023-01-16 + 3 years: 2026-01-16). */
void cpd_leaves(const struct workbook *wb, const char *date, char out[11]);
/* True if row row counts today: dated, not after today, and (with a minimum)
 * not yet out of its window. */
bool cpd_row_counts(const struct workbook *wb, size_t row, const char *today);

struct cpd_totals {
        double hours_all;       /* every dated activity up to today */
        double hours_window;    /* those that count (all of them when no minimum is set) */
        size_t counted;         /* how many count */
        double minimum_hours;   /* the minimum in hours; 0 when none */
        double shortfall_hours; /* the minimum less what counts; 0 when met or none */
        char window_from[11];   /* the first day of the window; "" when no minimum */
        char oldest_leaves[11]; /* the day the oldest counted activity stops counting; "" */
        long oldest_row;        /* its row, or -1 */
        double leaving_hours;   /* the hours that stop counting that day */
};
void cpd_totals(const struct workbook *wb, const char *today, struct cpd_totals *t);
/* hours in days at the workbook's hours per day. */
double cpd_days(const struct workbook *wb, double hours);

struct cpd_new {
        const char *date, *activity, *kind, *days, *hours, *learnt, *refs, *evidence;
};
/* Adds an activity (date empty: today). The kind must be on the list, days or
 * hours a number, evidence ids entries of the workbook; refs (specification
 * rows or competences, spec_link_resolve) outside the map are kept and noted. Returns the new id
 * (caller frees) or NULL. */
char *cpd_add(struct workbook *wb, const struct cpd_new *n, struct diag *d);
/* Rewrites activity id with n's fields, checked as cpd_add checks them (an
 * empty date is today), as one undo step. 0, or -1 (reason in d) with
 * nothing changed. */
int cpd_edit(struct workbook *wb, const char *id, const struct cpd_new *n, struct diag *d);
void cpd_check(const struct workbook *wb, struct diag *d);

#endif
