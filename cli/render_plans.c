/* render_plans.c — the person management specification, the development plan
 * and the CPD record printed: text wrapped to 80 columns, CSV for a
 * spreadsheet, and HTML sections with every value escaped. */
#include "cli/plans.h"
#include "core/cpd.h"
#include "core/pdp.h"
#include "core/spec.h"
#include "core/target.h"

#include <stdlib.h>
#include <string.h>

static const enum wb_sheet plan_sheet_of[] = {WB_SPEC, WB_PDP, WB_CPD};

static bool row_live(const struct workbook *wb, enum wb_sheet s, size_t row)
{
        return !wb->sheets[s].rows[row].bad && !wb_row_deleted(wb, s, row);
}

bool plan_present(const struct workbook *wb, enum plan_sheet p)
{
        enum wb_sheet s = plan_sheet_of[p];
        for (size_t i = 0; i < wb->sheets[s].nrows; i++)
                if (row_live(wb, s, i))
                        return true;
        return false;
}

static const char *wb_title(const struct workbook *wb)
{
        return *wb->name ? wb->name : wb->dir;
}

/* The role: the profile's, else the words of the whole specification. */
static const char *role_of(const struct workbook *wb)
{
        if (wb->role && *wb->role)
                return wb->role;
        long w = wb_find(wb, WB_SPEC, SPEC_WHOLE);
        return w >= 0 ? wb_get(wb, WB_SPEC, (size_t)w, "requirement") : "";
}

/* "RMA RG6  Take responsibility … (specialist standard)"; a code outside the
 * map as written, with no title. */
static void comp_describe(const struct competence *c, struct buf *out)
{
        const char *title = competence_title(c);
        buf_printf(out, "%s%s%s [%s]", c->code, title ? "  " : "", title ? title : "",
                   competence_kind_name(c));
}

/* What a target's link or an activity's reference names: a requirement (its
 * first line) or a competence. */
static void link_describe(const struct workbook *wb, const char *text, struct buf *out)
{
        struct spec_link l;
        spec_link_resolve(wb, text, &l);
        if (l.row < 0) {
                comp_describe(&l.comp, out);
                return;
        }
        const char *req = wb_get(wb, WB_SPEC, (size_t)l.row, "requirement");
        bool whole = strcmp(text, SPEC_WHOLE) == 0;
        buf_printf(out, "%s  %s%.*s", text, whole ? "the whole specification: " : "",
                   (int)strcspn(req, "\n"), req);
}

/* Each reference of a `;` list described, one a line. */
static void refs_describe(const struct workbook *wb, const char *list, struct buf *out)
{
        struct strlist l = {0};
        strlist_split(&l, list);
        for (size_t i = 0; i < l.n; i++) {
                if (i)
                        buf_addc(out, '\n');
                link_describe(wb, l.v[i], out);
        }
        strlist_free(&l);
}

static const char *first_line(const char *s, char *buf, size_t n)
{
        snprintf(buf, n, "%.*s", (int)strcspn(s, "\n"), s);
        return buf;
}

/* --- the specification ------------------------------------------------------- */

/* The facts above the requirements, a sentence a line. */
static void spec_facts(const struct workbook *wb, const struct spec *s, struct buf *out)
{
        const char *role = role_of(wb);
        if (*role) {
                char l1[512];
                buf_printf(out, "Role: %s\n", first_line(role, l1, sizeof l1));
        }
        if (wb->level_code > LEVEL_NONE && wb->level_code < LEVEL_UNKNOWN)
                buf_printf(out, "Level: %s\n", mgr_levels[wb->level_code].name);
        else if (*wb->level)
                buf_printf(out, "Level: \"%s\" (not first line, middle or senior)\n", wb->level);
        else
                buf_adds(out, "Level: not set ([candidate] level in workbook.ini)\n");
        if (*s->last_review)
                buf_printf(out, "Last review %s; next due %s%s (every %u month%s)\n",
                           s->last_review, s->next_review, s->review_due ? ", now overdue" : "",
                           wb->review_months, wb->review_months == 1 ? "" : "s");
        else
                buf_adds(out, "Not reviewed yet: no row is dated\n");
        struct spec_revision *rev;
        size_t n = spec_revisions(wb, &rev);
        if (n) {
                buf_adds(out, "Revisions:");
                for (size_t i = 0; i < n; i++) {
                        struct buf ids = {0};
                        strlist_join(&rev[i].ids, &ids);
                        for (char *p = ids.s; p && *p; p++)
                                if (*p == ';')
                                        *p = ',';
                        buf_printf(out, "%s %s %s", i ? ";" : "", rev[i].date, buf_str(&ids));
                        buf_free(&ids);
                }
                buf_addc(out, '\n');
        }
        spec_revisions_free(rev, n);
}

/* "46 distinct competences: 12 generic, …", and why the kinds may add up to more. */
static void spec_mix_line(const struct spec *s, struct buf *out)
{
        unsigned sum = 0;
        buf_printf(out, "Mix: %u distinct competence%s:", s->mix.total,
                   s->mix.total == 1 ? "" : "s");
        for (int m = 0; m < MIX_N; m++) {
                buf_printf(out, "%s %u %s", m ? "," : "", s->mix.n[m], comp_mix_name[m]);
                sum += s->mix.n[m];
        }
        buf_adds(out, sum > s->mix.total ? " (a standard the map lists as both specialist and "
                                           "partnership counts in both)."
                                         : ".");
}

static void text_block(FILE *f, const char *heading, const char *text)
{
        if (!*text)
                return;
        fprintf(f, "%s\n", heading);
        cli_wrap(f, text, 2, 2, WIDTH);
}

static void spec_text(FILE *f, const struct workbook *wb, const char *today)
{
        struct spec s;
        spec_build(wb, today, &s);
        struct buf b = {0};
        fprintf(f, "Person management specification: %s\n", text_safe(wb_title(wb)));
        spec_facts(wb, &s, &b);
        for (char *line = strtok(b.s, "\n"); line; line = strtok(NULL, "\n"))
                cli_wrap(f, line, 2, 0, WIDTH);
        fputc('\n', f);
        buf_reset(&b);
        spec_mix_line(&s, &b);
        cli_wrap(f, buf_str(&b), 2, 0, WIDTH);
        buf_reset(&b);
        spec_mix_note(wb->level_code, &s.mix, &b);
        cli_wrap(f, buf_str(&b), 2, 2, WIDTH);
        if (s.whole >= 0) {
                fputc('\n', f);
                text_block(f, "Learning opportunities for the whole specification:",
                           wb_get(wb, WB_SPEC, (size_t)s.whole, "learning"));
                text_block(f, "Organisational training for the whole specification:",
                           wb_get(wb, WB_SPEC, (size_t)s.whole, "training"));
        }
        fprintf(f, "\nRequirements (%zu)\n", s.nreqs);
        for (size_t i = 0; i < s.nreqs; i++) {
                const struct spec_req *r = &s.reqs[i];
                buf_reset(&b);
                buf_printf(&b, "%-4s %s", wb_get(wb, WB_SPEC, r->row, "id"),
                           wb_get(wb, WB_SPEC, r->row, "requirement"));
                cli_wrap(f, buf_str(&b), 5, 0, WIDTH);
                for (size_t k = 0; k < r->ncomps; k++) {
                        const struct competence *c = &r->comps[k];
                        const char *title = competence_title(c);
                        buf_reset(&b);
                        buf_printf(&b, "%-12s %s%s[%s]", c->code, title ? title : "",
                                   title ? " " : "", competence_kind_name(c));
                        cli_wrap(f, buf_str(&b), 18, 5, WIDTH);
                }
                if (!r->ncomps)
                        cli_wrap(f, "(no competences yet)", 5, 5, WIDTH);
                static const char *const cols[] = {"learning", "training"};
                static const char *const label[] = {"Learning", "Training"};
                for (int k = 0; k < 2; k++) {
                        bool above;
                        const char *v = spec_cell(wb, r->row, cols[k], &above);
                        buf_reset(&b);
                        if (above)
                                buf_printf(&b, "%s: as above (the whole specification's)",
                                           label[k]);
                        else if (*v)
                                buf_printf(&b, "%s: %s", label[k], v);
                        else
                                continue;
                        cli_wrap(f, buf_str(&b), 7, 5, WIDTH);
                }
                const char *rev = wb_get(wb, WB_SPEC, r->row, "revised");
                if (*rev)
                        fprintf(f, "     revised %s\n", text_safe(rev));
        }
        buf_free(&b);
        spec_free(&s);
}

static void spec_csv(FILE *f, const struct workbook *wb)
{
        const char *hdr[] = {"id",    "requirement", "competence", "code",    "kind",
                             "title", "learning",    "training",   "revised", NULL};
        csv_row(f, hdr);
        const struct sheet *sh = &wb->sheets[WB_SPEC];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (!row_live(wb, WB_SPEC, i))
                        continue;
                struct strlist l = {0};
                strlist_split(&l, wb_get(wb, WB_SPEC, i, "competences"));
                for (size_t k = 0; k < (l.n ? l.n : 1); k++) {
                        struct competence c;
                        memset(&c, 0, sizeof c);
                        if (l.n)
                                competence_resolve(&wb->map, &wb->fw, l.v[k], &c);
                        const char *title = l.n ? competence_title(&c) : NULL;
                        const char *row[] = {wb_get(wb, WB_SPEC, i, "id"),
                                             wb_get(wb, WB_SPEC, i, "requirement"),
                                             l.n ? l.v[k] : "",
                                             l.n ? c.code : "",
                                             l.n ? competence_kind_name(&c) : "",
                                             title ? title : "",
                                             wb_get(wb, WB_SPEC, i, "learning"),
                                             wb_get(wb, WB_SPEC, i, "training"),
                                             wb_get(wb, WB_SPEC, i, "revised"),
                                             NULL};
                        csv_row(f, row);
                }
                strlist_free(&l);
        }
}

/* --- the development plan ------------------------------------------------------ */

/* "done 2025-06-24", "OVERDUE (due 2025-12-19)", "open, due 2027-03-31". */
static void target_state(const struct workbook *wb, size_t row, const char *today, struct buf *out)
{
        const char *due = wb_get(wb, WB_PDP, row, "due"), *done = wb_get(wb, WB_PDP, row, "done");
        if (target_is_done(done))
                buf_printf(out, "done%s%s", date_valid(done) ? " " : "",
                           date_valid(done) ? done : "");
        else if (target_overdue(due, done, today))
                buf_printf(out, "OVERDUE (due %s)", due);
        else if (*due)
                buf_printf(out, "open, due %s", due);
        else
                buf_adds(out, "open, no due date");
}

static const char *state_word(const struct workbook *wb, size_t row, const char *today)
{
        const char *done = wb_get(wb, WB_PDP, row, "done");
        return target_is_done(done)                                          ? "done"
               : target_overdue(wb_get(wb, WB_PDP, row, "due"), done, today) ? "overdue"
                                                                             : "open";
}

/* "5 targets: 2 done, 3 open, 1 of them overdue on 2026-01-15." */
static void pdp_summary(const struct workbook *wb, const char *today, struct buf *out)
{
        unsigned n = 0, done = 0, overdue = 0;
        const struct sheet *sh = &wb->sheets[WB_PDP];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (!row_live(wb, WB_PDP, i))
                        continue;
                n++;
                done += target_is_done(wb_get(wb, WB_PDP, i, "done"));
                overdue += target_row_overdue(wb, WB_PDP, i, today);
        }
        buf_printf(out, "%u target%s: %u done, %u open, %u of them overdue on %s.", n,
                   n == 1 ? "" : "s", done, n - done, overdue, today);
}

/* The levels in the strategy's order, then targets with none or one not understood. */
static const char *level_heading(int lv)
{
        return lv == PDP_LEVEL_NONE      ? "No level given"
               : lv == PDP_LEVEL_UNKNOWN ? "Level not understood"
                                         : pdp_levels[lv].name;
}
static const int level_order[] = {PDP_BASICS, PDP_QUALIFICATIONS, PDP_DISCRETE, PDP_LEVEL_NONE,
                                  PDP_LEVEL_UNKNOWN};

static void pdp_text(FILE *f, const struct workbook *wb, const char *today)
{
        const struct sheet *sh = &wb->sheets[WB_PDP];
        struct buf b = {0};
        fprintf(f, "Personal development plan: %s\n", text_safe(wb_title(wb)));
        pdp_summary(wb, today, &b);
        cli_wrap(f, buf_str(&b), 2, 0, WIDTH);
        for (size_t L = 0; L < sizeof level_order / sizeof *level_order; L++) {
                bool head = false;
                for (size_t i = 0; i < sh->nrows; i++) {
                        if (!row_live(wb, WB_PDP, i) ||
                            (int)pdp_level_parse(wb_get(wb, WB_PDP, i, "level")) != level_order[L])
                                continue;
                        if (!head)
                                fprintf(f, "\n%s\n", level_heading(level_order[L]));
                        head = true;
                        buf_reset(&b);
                        buf_printf(&b, "%-4s ", wb_get(wb, WB_PDP, i, "id"));
                        target_state(wb, i, today, &b);
                        const char *with = wb_get(wb, WB_PDP, i, "agreed_with");
                        if (*with)
                                buf_printf(&b, "; agreed with %s", with);
                        cli_wrap(f, buf_str(&b), 7, 2, WIDTH);
                        cli_wrap(f, wb_get(wb, WB_PDP, i, "objective"), 7, 7, WIDTH);
                        const char *measure = wb_get(wb, WB_PDP, i, "measure");
                        if (*measure) {
                                buf_reset(&b);
                                buf_printf(&b, "Measure: %s", measure);
                                cli_wrap(f, buf_str(&b), 9, 7, WIDTH);
                        }
                        const char *link = wb_get(wb, WB_PDP, i, "link");
                        if (*link) {
                                buf_reset(&b);
                                buf_adds(&b, "For: ");
                                link_describe(wb, link, &b);
                                cli_wrap(f, buf_str(&b), 9, 7, WIDTH);
                        }
                }
        }
        buf_free(&b);
}

static void pdp_csv(FILE *f, const struct workbook *wb, const char *today)
{
        const char *hdr[] = {"id",   "level", "objective", "measure", "agreed_with", "due",
                             "done", "state", "link",      "link_is", NULL};
        csv_row(f, hdr);
        const struct sheet *sh = &wb->sheets[WB_PDP];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (!row_live(wb, WB_PDP, i))
                        continue;
                struct buf l = {0};
                const char *link = wb_get(wb, WB_PDP, i, "link");
                if (*link)
                        link_describe(wb, link, &l);
                const char *row[] = {wb_get(wb, WB_PDP, i, "id"),
                                     wb_get(wb, WB_PDP, i, "level"),
                                     wb_get(wb, WB_PDP, i, "objective"),
                                     wb_get(wb, WB_PDP, i, "measure"),
                                     wb_get(wb, WB_PDP, i, "agreed_with"),
                                     wb_get(wb, WB_PDP, i, "due"),
                                     wb_get(wb, WB_PDP, i, "done"),
                                     state_word(wb, i, today),
                                     link,
                                     buf_str(&l),
                                     NULL};
                csv_row(f, row);
                buf_free(&l);
        }
}

/* --- the CPD record ----------------------------------------------------------------- */

static void days_hours(const struct workbook *wb, double hours, struct buf *out)
{
        char d[32], h[32];
        cpd_amount_format(cpd_days(wb, hours), d, sizeof d);
        cpd_amount_format(hours, h, sizeof h);
        buf_printf(out, "%s day%s (%s hour%s)", d, strcmp(d, "1") ? "s" : "", h,
                   strcmp(h, "1") ? "s" : "");
}

/* The totals against the minimum, a sentence a line. */
static void cpd_summary(const struct workbook *wb, const char *today, struct buf *out)
{
        struct cpd_totals t;
        cpd_totals(wb, today, &t);
        char hpd[32];
        cpd_amount_format(wb->cpd_hours_per_day, hpd, sizeof hpd);
        buf_adds(out, "Minimum: ");
        cpd_minimum_describe(&wb->cpd_min, out);
        buf_printf(out, "; a day is %s hours\n", hpd);
        if (wb->cpd_min.set) {
                buf_printf(out, "On %s: ", today);
                days_hours(wb, t.hours_window, out);
                buf_printf(out, " counted from %zu activit%s since %s; ", t.counted,
                           t.counted == 1 ? "y" : "ies", t.window_from);
                if (t.shortfall_hours > 0) {
                        days_hours(wb, t.shortfall_hours, out);
                        buf_adds(out, " short of the minimum\n");
                } else {
                        buf_adds(out, "the minimum is met\n");
                }
                if (t.oldest_row >= 0) {
                        buf_printf(out,
                                   "The oldest counted activity (%s, %s) leaves the window on "
                                   "%s, taking ",
                                   wb_get(wb, WB_CPD, (size_t)t.oldest_row, "id"),
                                   wb_get(wb, WB_CPD, (size_t)t.oldest_row, "date"),
                                   t.oldest_leaves);
                        days_hours(wb, t.leaving_hours, out);
                        buf_adds(out, " with it\n");
                }
        }
        buf_adds(out, "All activities to date: ");
        days_hours(wb, t.hours_all, out);
        buf_addc(out, '\n');
}

/* "2 days", "3.5 hours", "1 day and 2 hours" as written in the row. */
static void row_time(const struct workbook *wb, size_t row, struct buf *out)
{
        const char *d = wb_get(wb, WB_CPD, row, "days"), *h = wb_get(wb, WB_CPD, row, "hours");
        if (*d)
                buf_printf(out, "%s day%s", d, strcmp(d, "1") ? "s" : "");
        if (*h)
                buf_printf(out, "%s%s hour%s", *d ? " and " : "", h, strcmp(h, "1") ? "s" : "");
        if (!*d && !*h)
                buf_adds(out, "no time given");
}

/* "counts until 2026-01-16", "left the window on 2026-01-15", "not yet (after today)". */
static void row_window(const struct workbook *wb, size_t row, const char *today, struct buf *out)
{
        const char *date = wb_get(wb, WB_CPD, row, "date");
        char leaves[11];
        if (!date_valid(date)) {
                buf_adds(out, "no date: counts for nothing");
                return;
        }
        if (strcmp(date, today) > 0) {
                buf_adds(out, "after today: counts from its date");
                return;
        }
        if (!wb->cpd_min.set) {
                buf_adds(out, "counts");
                return;
        }
        cpd_leaves(wb, date, leaves);
        buf_printf(out,
                   cpd_row_counts(wb, row, today) ? "counts until %s" : "left the window on %s",
                   leaves);
}

static void cpd_text(FILE *f, const struct workbook *wb, const char *today)
{
        struct buf b = {0};
        fprintf(f, "CPD record: %s\n", text_safe(wb_title(wb)));
        cpd_summary(wb, today, &b);
        for (char *line = strtok(b.s, "\n"); line; line = strtok(NULL, "\n"))
                cli_wrap(f, line, 2, 0, WIDTH);
        const struct sheet *sh = &wb->sheets[WB_CPD];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (!row_live(wb, WB_CPD, i))
                        continue;
                buf_reset(&b);
                buf_printf(&b, "%-4s %s  %s  ", wb_get(wb, WB_CPD, i, "id"),
                           wb_get(wb, WB_CPD, i, "date"), wb_get(wb, WB_CPD, i, "kind"));
                row_time(wb, i, &b);
                buf_adds(&b, "  ");
                row_window(wb, i, today, &b);
                fputc('\n', f);
                cli_wrap(f, buf_str(&b), 5, 0, WIDTH);
                cli_wrap(f, wb_get(wb, WB_CPD, i, "activity"), 5, 5, WIDTH);
                const char *learnt = wb_get(wb, WB_CPD, i, "learnt");
                if (*learnt) {
                        buf_reset(&b);
                        buf_printf(&b, "Learnt: %s", learnt);
                        cli_wrap(f, buf_str(&b), 7, 5, WIDTH);
                }
                const char *refs = wb_get(wb, WB_CPD, i, "refs");
                if (*refs) {
                        fprintf(f, "     Relates to:\n");
                        buf_reset(&b);
                        refs_describe(wb, refs, &b);
                        for (char *line = strtok(b.s, "\n"); line; line = strtok(NULL, "\n"))
                                cli_wrap(f, line, 9, 7, WIDTH);
                }
                const char *ev = wb_get(wb, WB_CPD, i, "evidence");
                if (*ev) {
                        buf_reset(&b);
                        buf_printf(&b, "Evidence: %s", ev);
                        cli_wrap(f, buf_str(&b), 7, 5, WIDTH);
                }
        }
        buf_free(&b);
}

static void cpd_csv(FILE *f, const struct workbook *wb, const char *today)
{
        const char *hdr[] = {"id",     "date",   "activity", "kind", "days",     "hours",
                             "counts", "leaves", "learnt",   "refs", "evidence", NULL};
        csv_row(f, hdr);
        const struct sheet *sh = &wb->sheets[WB_CPD];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (!row_live(wb, WB_CPD, i))
                        continue;
                char leaves[11] = "";
                const char *date = wb_get(wb, WB_CPD, i, "date");
                if (wb->cpd_min.set && date_valid(date))
                        cpd_leaves(wb, date, leaves);
                const char *row[] = {wb_get(wb, WB_CPD, i, "id"),
                                     date,
                                     wb_get(wb, WB_CPD, i, "activity"),
                                     wb_get(wb, WB_CPD, i, "kind"),
                                     wb_get(wb, WB_CPD, i, "days"),
                                     wb_get(wb, WB_CPD, i, "hours"),
                                     cpd_row_counts(wb, i, today) ? "yes" : "no",
                                     leaves,
                                     wb_get(wb, WB_CPD, i, "learnt"),
                                     wb_get(wb, WB_CPD, i, "refs"),
                                     wb_get(wb, WB_CPD, i, "evidence"),
                                     NULL};
                csv_row(f, row);
        }
}

/* --- HTML -------------------------------------------------------------------------- */

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

/* Lines of text as paragraphs. */
static void html_lines(FILE *f, const char *text)
{
        char *copy = xstrdup(text);
        for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
                fputs("<p>", f);
                html_text(f, line);
                fputs("</p>\n", f);
        }
        free(copy);
}

static void html_cell(FILE *f, const char *s)
{
        fputs("<td>", f);
        html_text(f, s);
        fputs("</td>", f);
}

static void html_head_row(FILE *f, const char *const *names)
{
        fputs("<table><tr>", f);
        for (; *names; names++)
                fprintf(f, "<th>%s</th>", *names);
        fputs("</tr>\n", f);
}

static void spec_html(FILE *f, const struct workbook *wb, const char *today)
{
        struct spec s;
        spec_build(wb, today, &s);
        struct buf b = {0};
        fputs("<h2>Person management specification</h2>\n", f);
        spec_facts(wb, &s, &b);
        html_lines(f, buf_str(&b));
        buf_reset(&b);
        spec_mix_line(&s, &b);
        html_lines(f, buf_str(&b));
        buf_reset(&b);
        spec_mix_note(wb->level_code, &s.mix, &b);
        html_lines(f, buf_str(&b));
        if (s.whole >= 0) {
                static const char *const cols[] = {"learning", "training"};
                static const char *const head[] = {
                    "Learning opportunities for the whole specification",
                    "Organisational training for the whole specification"};
                for (int k = 0; k < 2; k++) {
                        const char *v = wb_get(wb, WB_SPEC, (size_t)s.whole, cols[k]);
                        if (!*v)
                                continue;
                        fprintf(f, "<h3>%s</h3>\n<p>", head[k]);
                        html_text(f, v);
                        fputs("</p>\n", f);
                }
        }
        static const char *const hdr[] = {"Id",       "Requirement", "Competences", "Learning",
                                          "Training", "Revised",     NULL};
        html_head_row(f, hdr);
        for (size_t i = 0; i < s.nreqs; i++) {
                const struct spec_req *r = &s.reqs[i];
                fputs("<tr>", f);
                html_cell(f, wb_get(wb, WB_SPEC, r->row, "id"));
                html_cell(f, wb_get(wb, WB_SPEC, r->row, "requirement"));
                fputs("<td>", f);
                for (size_t k = 0; k < r->ncomps; k++) {
                        const struct competence *c = &r->comps[k];
                        const char *title = competence_title(c);
                        fputs(k ? "<br><b>" : "<b>", f);
                        html_text(f, c->code);
                        fputs("</b> ", f);
                        if (title) {
                                html_text(f, title);
                                fputc(' ', f);
                        }
                        fputs("<i>(", f);
                        html_text(f, competence_kind_name(c));
                        fputs(")</i>", f);
                }
                fputs("</td>", f);
                static const char *const cols[] = {"learning", "training"};
                for (int k = 0; k < 2; k++) {
                        bool above;
                        const char *v = spec_cell(wb, r->row, cols[k], &above);
                        html_cell(f, above ? "as above" : v);
                }
                html_cell(f, wb_get(wb, WB_SPEC, r->row, "revised"));
                fputs("</tr>\n", f);
        }
        fputs("</table>\n", f);
        buf_free(&b);
        spec_free(&s);
}

static void pdp_html(FILE *f, const struct workbook *wb, const char *today)
{
        struct buf b = {0};
        fputs("<h2>Personal development plan</h2>\n", f);
        pdp_summary(wb, today, &b);
        html_lines(f, buf_str(&b));
        static const char *const hdr[] = {"Id",          "Level", "Objective", "Measure",
                                          "Agreed with", "State", "Tied to",   NULL};
        html_head_row(f, hdr);
        const struct sheet *sh = &wb->sheets[WB_PDP];
        for (size_t L = 0; L < sizeof level_order / sizeof *level_order; L++)
                for (size_t i = 0; i < sh->nrows; i++) {
                        if (!row_live(wb, WB_PDP, i) ||
                            (int)pdp_level_parse(wb_get(wb, WB_PDP, i, "level")) != level_order[L])
                                continue;
                        fputs("<tr>", f);
                        html_cell(f, wb_get(wb, WB_PDP, i, "id"));
                        html_cell(f, level_heading(level_order[L]));
                        html_cell(f, wb_get(wb, WB_PDP, i, "objective"));
                        html_cell(f, wb_get(wb, WB_PDP, i, "measure"));
                        html_cell(f, wb_get(wb, WB_PDP, i, "agreed_with"));
                        buf_reset(&b);
                        target_state(wb, i, today, &b);
                        html_cell(f, buf_str(&b));
                        buf_reset(&b);
                        const char *link = wb_get(wb, WB_PDP, i, "link");
                        if (*link)
                                link_describe(wb, link, &b);
                        html_cell(f, buf_str(&b));
                        fputs("</tr>\n", f);
                }
        fputs("</table>\n", f);
        buf_free(&b);
}

static void cpd_html(FILE *f, const struct workbook *wb, const char *today)
{
        struct buf b = {0};
        fputs("<h2>CPD record</h2>\n", f);
        cpd_summary(wb, today, &b);
        html_lines(f, buf_str(&b));
        static const char *const hdr[] = {"Id",     "Date",   "Activity",   "Kind",     "Time",
                                          "Counts", "Learnt", "Relates to", "Evidence", NULL};
        html_head_row(f, hdr);
        const struct sheet *sh = &wb->sheets[WB_CPD];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (!row_live(wb, WB_CPD, i))
                        continue;
                fputs("<tr>", f);
                html_cell(f, wb_get(wb, WB_CPD, i, "id"));
                html_cell(f, wb_get(wb, WB_CPD, i, "date"));
                html_cell(f, wb_get(wb, WB_CPD, i, "activity"));
                html_cell(f, wb_get(wb, WB_CPD, i, "kind"));
                buf_reset(&b);
                row_time(wb, i, &b);
                html_cell(f, buf_str(&b));
                buf_reset(&b);
                row_window(wb, i, today, &b);
                html_cell(f, buf_str(&b));
                html_cell(f, wb_get(wb, WB_CPD, i, "learnt"));
                buf_reset(&b);
                refs_describe(wb, wb_get(wb, WB_CPD, i, "refs"), &b);
                html_cell(f, buf_str(&b));
                html_cell(f, wb_get(wb, WB_CPD, i, "evidence"));
                fputs("</tr>\n", f);
        }
        fputs("</table>\n", f);
        buf_free(&b);
}

/* --- the doors ---------------------------------------------------------------------- */

void plan_render(FILE *f, const struct workbook *wb, enum plan_sheet p, enum cli_format fmt,
                 const char *today)
{
        static void (*const text[])(FILE *, const struct workbook *,
                                    const char *) = {spec_text, pdp_text, cpd_text};
        static void (*const html[])(FILE *, const struct workbook *,
                                    const char *) = {spec_html, pdp_html, cpd_html};
        if (fmt == FMT_TEXT)
                text[p](f, wb, today);
        else if (fmt == FMT_HTML)
                html[p](f, wb, today);
        else if (p == PLAN_SPEC)
                spec_csv(f, wb);
        else if (p == PLAN_PDP)
                pdp_csv(f, wb, today);
        else
                cpd_csv(f, wb, today);
}

void plan_html_page(FILE *f, const struct workbook *wb, enum plan_sheet p, const char *today)
{
        static const char *const what[] = {"person management specification",
                                           "personal development plan", "CPD record"};
        fprintf(f,
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<title>capbook %s: ",
                what[p]);
        html_text(f, wb_title(wb));
        fprintf(f, "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
                   "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em;"
                   "vertical-align:top;text-align:left}</style></head><body>\n<h1>");
        html_text(f, wb_title(wb));
        fputs("</h1>\n", f);
        plan_render(f, wb, p, FMT_HTML, today);
        fputs("</body></html>\n", f);
}

void plans_report(FILE *f, const struct workbook *wb, enum cli_format fmt)
{
        char today[11];
        date_today(today);
        for (int p = PLAN_SPEC; p <= PLAN_CPD; p++) {
                if (!plan_present(wb, (enum plan_sheet)p))
                        continue;
                if (fmt != FMT_HTML)
                        fputs(fmt == FMT_CSV ? "\r\n" : "\n", f);
                plan_render(f, wb, (enum plan_sheet)p, fmt, today);
        }
}
