/* cpd.c — CPD activities, their time and the rolling window of a minimum. An
 * activity counts on day D when it is dated on or before D and D is before
 * the day it leaves: its date plus the window, a day the month lacks rolling
 * forward (29 February 2024 + 3 years leaves on 1 March 2027). */
#include "core/cpd.h"
#include "core/competence.h"
#include "core/spec.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cpd_amount_parse(const char *s, double *out)
{
        while (*s == ' ')
                s++;
        double v = 0, scale = 0;
        bool digits = false;
        for (; *s && *s != ' '; s++) {
                if (isdigit((unsigned char)*s)) {
                        digits = true;
                        if (scale) {
                                v += (*s - '0') * scale;
                                scale /= 10;
                        } else {
                                v = v * 10 + (*s - '0');
                        }
                        if (v > 1e9)
                                return false;
                } else if ((*s == '.' || *s == ',') && !scale) {
                        scale = 0.1;
                } else {
                        return false;
                }
        }
        while (*s == ' ')
                s++;
        if (!digits || *s)
                return false;
        *out = v;
        return true;
}

void cpd_amount_format(double v, char *out, size_t n)
{
        long hundredths = (long)(v * 100 + (v < 0 ? -0.5 : 0.5));
        bool neg = hundredths < 0;
        if (neg)
                hundredths = -hundredths;
        long whole = hundredths / 100, frac = hundredths % 100;
        if (!frac)
                snprintf(out, n, "%s%ld", neg ? "-" : "", whole);
        else if (frac % 10 == 0)
                snprintf(out, n, "%s%ld.%ld", neg ? "-" : "", whole, frac / 10);
        else
                snprintf(out, n, "%s%ld.%02ld", neg ? "-" : "", whole, frac);
}

/* The next word of *p (lower case, up to n-1 bytes); "" at the end. */
static const char *next_word(const char **p, char *w, size_t n)
{
        while (**p == ' ' || **p == '\t')
                (*p)++;
        size_t k = 0;
        while (**p && **p != ' ' && **p != '\t') {
                if (k + 1 < n)
                        w[k++] = (char)tolower((unsigned char)**p);
                (*p)++;
        }
        w[k] = '\0';
        return w;
}

static bool word_is(const char *w, const char *const *words)
{
        for (; *words; words++)
                if (strcmp(w, *words) == 0)
                        return true;
        return false;
}

int cpd_minimum_parse(const char *text, struct cpd_minimum *out)
{
        static const char *const days[] = {"day", "days", NULL};
        static const char *const hours[] = {"hour", "hours", "hrs", NULL};
        static const char *const over[] = {"over", "in", "per", "every", "within", "a", NULL};
        static const char *const years[] = {"year", "years", NULL};
        static const char *const months[] = {"month", "months", NULL};
        memset(out, 0, sizeof *out);
        const char *p = text;
        char w[32];
        double amount, count = 1;
        if (!cpd_amount_parse(next_word(&p, w, sizeof w), &amount) || amount <= 0)
                return -1;
        next_word(&p, w, sizeof w);
        bool in_hours = word_is(w, hours);
        if (!in_hours && !word_is(w, days))
                return -1;
        if (!word_is(next_word(&p, w, sizeof w), over))
                return -1;
        next_word(&p, w, sizeof w);
        if (isdigit((unsigned char)w[0])) {
                if (!cpd_amount_parse(w, &count) || count != (unsigned)count || count < 1 ||
                    count > 100)
                        return -1;
                next_word(&p, w, sizeof w);
        }
        unsigned per = word_is(w, years) ? 12 : word_is(w, months) ? 1 : 0;
        if (!per || *next_word(&p, w, sizeof w))
                return -1;
        out->set = true;
        out->amount = amount;
        out->in_hours = in_hours;
        out->months = (unsigned)count * per;
        return 0;
}

void cpd_minimum_describe(const struct cpd_minimum *min, struct buf *out)
{
        if (!min->set) {
                buf_adds(out, "no minimum");
                return;
        }
        char a[32];
        cpd_amount_format(min->amount, a, sizeof a);
        bool years = min->months % 12 == 0;
        unsigned n = years ? min->months / 12 : min->months;
        buf_printf(out, "%s %s over %u %s%s", a,
                   min->in_hours ? (min->amount == 1 ? "hour" : "hours")
                                 : (min->amount == 1 ? "day" : "days"),
                   n, years ? "year" : "month", n == 1 ? "" : "s");
}

bool cpd_row_hours(const struct workbook *wb, size_t row, double *hours)
{
        double d = 0, h = 0;
        bool have_d = cpd_amount_parse(wb_get(wb, WB_CPD, row, "days"), &d);
        bool have_h = cpd_amount_parse(wb_get(wb, WB_CPD, row, "hours"), &h);
        *hours = (have_d ? d * wb->cpd_hours_per_day : 0) + (have_h ? h : 0);
        return have_d || have_h;
}

double cpd_days(const struct workbook *wb, double hours)
{
        return hours / wb->cpd_hours_per_day;
}

void cpd_leaves(const struct workbook *wb, const char *date, char out[11])
{
        date_add_months(date, (int)wb->cpd_min.months, out);
}

bool cpd_row_counts(const struct workbook *wb, size_t row, const char *today)
{
        if (wb->sheets[WB_CPD].rows[row].bad || wb_row_deleted(wb, WB_CPD, row))
                return false;
        const char *date = wb_get(wb, WB_CPD, row, "date");
        if (!date_valid(date) || strcmp(date, today) > 0)
                return false;
        if (!wb->cpd_min.set)
                return true;
        char leaves[11];
        cpd_leaves(wb, date, leaves);
        return strcmp(leaves, today) > 0;
}

void cpd_totals(const struct workbook *wb, const char *today, struct cpd_totals *t)
{
        memset(t, 0, sizeof *t);
        t->oldest_row = -1;
        const struct sheet *sh = &wb->sheets[WB_CPD];
        const char *oldest = NULL;
        for (size_t i = 0; i < sh->nrows; i++) {
                const char *date = wb_get(wb, WB_CPD, i, "date");
                double h;
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_CPD, i) || !date_valid(date) ||
                    strcmp(date, today) > 0 || !cpd_row_hours(wb, i, &h))
                        continue;
                t->hours_all += h;
                if (!cpd_row_counts(wb, i, today))
                        continue;
                t->hours_window += h;
                t->counted++;
                if (!oldest || strcmp(date, oldest) < 0) {
                        oldest = date;
                        t->oldest_row = (long)i;
                        t->leaving_hours = h;
                } else if (strcmp(date, oldest) == 0) {
                        t->leaving_hours += h;
                }
        }
        if (!wb->cpd_min.set)
                return;
        t->minimum_hours = wb->cpd_min.amount * (wb->cpd_min.in_hours ? 1 : wb->cpd_hours_per_day);
        if (t->hours_window < t->minimum_hours)
                t->shortfall_hours = t->minimum_hours - t->hours_window;
        if (oldest)
                cpd_leaves(wb, oldest, t->oldest_leaves);
        /* the first day whose activity still counts today: the window's start */
        char d[11], leaves[11];
        date_add_months(today, -(int)wb->cpd_min.months, d);
        long day = date_days(d) - 3;
        for (int k = 0; k < 8; k++, day++) {
                date_from_days(day, d);
                cpd_leaves(wb, d, leaves);
                if (strcmp(leaves, today) > 0)
                        break;
        }
        memcpy(t->window_from, d, sizeof t->window_from);
}

/* References in a `;` list noted (never refused) when they name neither a
 * specification row nor anything in the map. */
static void note_outside(const struct workbook *wb, const char *list, struct diag *d)
{
        struct strlist l = {0};
        strlist_split(&l, list);
        for (size_t i = 0; i < l.n; i++) {
                struct spec_link link;
                if (!spec_link_resolve(wb, l.v[i], &link))
                        diag_add(d, DIAG_NOTE, NULL, 0,
                                 "reference %s is neither a specification row nor in the map "
                                 "(kept as written)",
                                 text_safe(l.v[i]));
        }
        strlist_free(&l);
}

/* Evidence ids of a `;` list that are not entries; -1 if any. */
static int check_evidence(const struct workbook *wb, const char *list, const char *file,
                          unsigned line, enum diag_level level, struct diag *d)
{
        struct strlist l = {0};
        strlist_split(&l, list);
        int rc = 0;
        for (size_t i = 0; i < l.n; i++)
                if (wb_entry_by_id(wb, l.v[i]) < 0) {
                        diag_add(d, level, file, line, "evidence %s is not an entry here",
                                 text_safe(l.v[i]));
                        rc = -1;
                }
        strlist_free(&l);
        return rc;
}

/* An activity's cells as n gives them, checked: the date (empty: today), the
 * kind by its code, the lists joined as capbook writes them. */
struct cpd_cells {
        char today[11];
        const char *date, *kind, *days, *hours;
        struct buf refs, ev;
};

static void cpd_cells_free(struct cpd_cells *c)
{
        buf_free(&c->refs), buf_free(&c->ev);
}

/* False (the reason in d) when n cannot be recorded. */
static bool cpd_cells_check(struct workbook *wb, const struct cpd_new *n, struct cpd_cells *c,
                            struct diag *d)
{
        memset(c, 0, sizeof *c);
        workbook_map(wb, d);
        date_today(c->today);
        c->date = n->date && *n->date ? n->date : c->today;
        c->days = n->days ? n->days : "";
        c->hours = n->hours ? n->hours : "";
        double v;
        if (!date_valid(c->date)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "date \"%s\" is not YYYY-MM-DD",
                         text_safe(c->date));
                return false;
        }
        if (!n->activity || !*n->activity) {
                diag_add(d, DIAG_ERROR, NULL, 0, "an activity needs saying what it was");
                return false;
        }
        int kind = n->kind ? stdmap_cpd_kind(&wb->map, n->kind) : -1;
        if (kind < 0 && wb->map.ncpd_kinds) {
                struct buf known = {0};
                for (size_t i = 0; i < wb->map.ncpd_kinds; i++)
                        buf_printf(&known, "%s%s", i ? ", " : "", wb->map.cpd_kinds[i].code);
                diag_add(d, DIAG_ERROR, NULL, 0, "kind \"%s\" is not one of %s",
                         text_safe(n->kind ? n->kind : ""), known.s);
                buf_free(&known);
                return false;
        }
        c->kind = kind >= 0 ? wb->map.cpd_kinds[kind].code : n->kind;
        if ((!*c->days && !*c->hours) || (*c->days && !cpd_amount_parse(c->days, &v)) ||
            (*c->hours && !cpd_amount_parse(c->hours, &v))) {
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "an activity needs its time as a number of days "
                         "or hours");
                return false;
        }
        if (n->evidence && check_evidence(wb, n->evidence, NULL, 0, DIAG_ERROR, d) < 0)
                return false;
        if (n->refs)
                note_outside(wb, n->refs, d);
        struct strlist l = {0};
        strlist_split(&l, n->refs);
        strlist_join(&l, &c->refs);
        strlist_free(&l);
        strlist_split(&l, n->evidence);
        strlist_join(&l, &c->ev);
        strlist_free(&l);
        return true;
}

/* Writes the cells into row id (made when new) as one undo step. */
static void cpd_cells_write(struct workbook *wb, const char *id, const struct cpd_new *n,
                            struct cpd_cells *c)
{
        const char *cells[][2] = {{"date", c->date},           {"activity", n->activity},
                                  {"kind", c->kind},           {"days", c->days},
                                  {"hours", c->hours},         {"learnt", n->learnt},
                                  {"refs", buf_str(&c->refs)}, {"evidence", buf_str(&c->ev)}};
        wb_set_row(wb, WB_CPD, id, cells, 8);
}

char *cpd_add(struct workbook *wb, const struct cpd_new *n, struct diag *d)
{
        struct cpd_cells c;
        char *id = NULL;
        if (!cpd_cells_check(wb, n, &c, d)) {
                cpd_cells_free(&c);
                return NULL;
        }
        if (!wb->sheets[WB_CPD].loaded) {
                diag_add(d, DIAG_ERROR, wb->sheets[WB_CPD].path, 0,
                         "cannot add: the sheet could not be read");
        } else {
                id = wb_new_id(wb, WB_CPD);
                cpd_cells_write(wb, id, n, &c);
                if (wb_find(wb, WB_CPD, id) < 0) {
                        diag_add(d, DIAG_ERROR, NULL, 0, "the activity could not be recorded");
                        free(id);
                        id = NULL;
                }
        }
        cpd_cells_free(&c);
        return id;
}

int cpd_edit(struct workbook *wb, const char *id, const struct cpd_new *n, struct diag *d)
{
        if (wb_find(wb, WB_CPD, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no CPD activity %s", text_safe(id));
                return -1;
        }
        struct cpd_cells c;
        bool ok = cpd_cells_check(wb, n, &c, d);
        if (ok)
                cpd_cells_write(wb, id, n, &c);
        cpd_cells_free(&c);
        return ok ? 0 : -1;
}

void cpd_check(const struct workbook *wb, struct diag *d)
{
        const struct sheet *sh = &wb->sheets[WB_CPD];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_CPD, i))
                        continue;
                unsigned line = sh->rows[i].line;
                const char *date = wb_get(wb, WB_CPD, i, "date");
                if (!date_valid(date))
                        diag_add(d, DIAG_WARN, sh->path, line,
                                 "date \"%s\" is not a date (YYYY-MM-DD)", text_safe(date));
                const char *kind = wb_get(wb, WB_CPD, i, "kind");
                if (wb->map.ncpd_kinds && stdmap_cpd_kind(&wb->map, kind) < 0)
                        diag_add(
                            d, DIAG_WARN, sh->path, line,
                            "kind \"%s\" is not on the list of CPD activities (kept as written)",
                            text_safe(kind));
                static const char *const amounts[] = {"days", "hours"};
                bool any = false;
                for (int k = 0; k < 2; k++) {
                        const char *v = wb_get(wb, WB_CPD, i, amounts[k]);
                        double x;
                        if (*v && !cpd_amount_parse(v, &x))
                                diag_add(d, DIAG_WARN, sh->path, line, "%s \"%s\" is not a number",
                                         amounts[k], text_safe(v));
                        any |= *v != '\0';
                }
                if (!any)
                        diag_add(d, DIAG_WARN, sh->path, line,
                                 "no time given (days or hours): the activity counts for nothing");
                /* refs outside the map are shown as such, and noted when added */
                check_evidence(wb, wb_get(wb, WB_CPD, i, "evidence"), sh->path, line, DIAG_WARN, d);
        }
}
