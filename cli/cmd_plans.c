/* cmd_plans.c — the 2004 standards put to work from the command line: the map
 * (standards), the person management specification (spec, spec-add,
 * spec-review), the development plan (pdp, pdp-add) and the CPD record (cpd,
 * cpd-add). */
#include "cli/cli.h"
#include "cli/plans.h"
#include "core/cpd.h"
#include "core/pdp.h"
#include "core/spec.h"
#include "core/stdmap.h"

#include <stdlib.h>
#include <string.h>

/* --- standards: the map ---------------------------------------------------------- */

static const char *kind_words(unsigned kinds)
{
        return kinds == (SM_SPECIALIST | SM_PARTNERSHIP) ? "specialist and partnership"
               : kinds == SM_PARTNERSHIP                 ? "partnership"
                                                         : "specialist";
}

/* A related standard's line: its code as printed, its title, its category. */
static void related_line(const struct stdmap *m, const struct sm_related *r, int indent)
{
        struct buf l = {0};
        const struct sm_identity *idn = r->nidentity ? &m->identities[r->identity[0]] : NULL;
        buf_printf(&l, "%-14s %s", r->code, r->title);
        if (idn && idn->category >= 0)
                buf_printf(&l, " [%s]", m->categories[idn->category].code);
        cli_wrap(stdout, buf_str(&l), indent + 15, indent, WIDTH);
        buf_free(&l);
}

/* A generic standard: code and title; with detail, its description and the
 * specialist and partnership standards listed against it. */
static void standard_show(const struct stdmap *m, int si, bool detail)
{
        const struct sm_standard *s = &m->standards[si];
        struct buf l = {0};
        buf_printf(&l, "%-4s %s", s->code, s->title);
        cli_wrap(stdout, buf_str(&l), 7, 2, WIDTH);
        buf_free(&l);
        if (!detail)
                return;
        if (*s->description)
                cli_wrap(stdout, s->description, 7, 7, WIDTH);
        static const enum sm_kind kinds[] = {SM_SPECIALIST, SM_PARTNERSHIP};
        static const char *const heads[] = {"Specialist standards:", "Partnership standards:"};
        for (int k = 0; k < 2; k++) {
                bool head = false;
                for (size_t i = s->first; i < s->first + s->n; i++) {
                        if (m->related[i].kind != kinds[k])
                                continue;
                        if (!head)
                                printf("       %s\n", heads[k]);
                        head = true;
                        related_line(m, &m->related[i], 9);
                }
        }
}

static void area_show(const struct stdmap *m, int ai, bool detail)
{
        const struct sm_area *a = &m->areas[ai];
        printf("%s  %s\n", text_safe(a->code), text_safe(a->title));
        for (size_t i = a->first; i < a->first + a->n; i++) {
                if (detail && i > a->first)
                        putchar('\n');
                standard_show(m, (int)i, detail);
        }
}

static void legend_show(const struct stdmap *m)
{
        printf("\nCategories of the specialist and partnership standards\n");
        for (size_t i = 0; i < m->ncategories; i++) {
                const struct sm_category *c = &m->categories[i];
                struct buf l = {0};
                buf_printf(&l, "%-8s %s%s%s", c->code, c->name, *c->note ? ". " : "", c->note);
                cli_wrap(stdout, buf_str(&l), 11, 2, WIDTH);
                buf_free(&l);
        }
        if (m->naliases) {
                printf("\nWritten otherwise in the map\n");
                for (size_t i = 0; i < m->naliases; i++) {
                        const struct sm_alias *a = &m->aliases[i];
                        struct buf l = {0};
                        buf_printf(&l, "%-8s read as %s: %s", a->printed,
                                   m->categories[a->category].code, a->note);
                        cli_wrap(stdout, buf_str(&l), 11, 2, WIDTH);
                        buf_free(&l);
                }
        }
}

static void earlier_show(const struct stdmap *m, int ei)
{
        const struct sm_earlier *e = &m->earlier[ei];
        struct buf l = {0};
        buf_printf(&l,
                   "%-4s %s (a generic standard of the earlier numbering the strategy cites; "
                   "not tied to A1-F12)",
                   e->number, e->title);
        cli_wrap(stdout, buf_str(&l), 7, 2, WIDTH);
        buf_reset(&l);
        if (*e->description)
                cli_wrap(stdout, e->description, 7, 7, WIDTH);
        if (*e->cited_for) {
                buf_printf(&l, "Cited for: %s", e->cited_for);
                cli_wrap(stdout, buf_str(&l), 9, 7, WIDTH);
        }
        if (*e->note)
                cli_wrap(stdout, e->note, 7, 7, WIDTH);
        buf_free(&l);
}

/* Every row of the map that lists identity ii, under its generic standard. */
static void identity_show(const struct stdmap *m, int ii)
{
        const struct sm_identity *idn = &m->identities[ii];
        struct buf l = {0};
        buf_printf(&l, "%s: %s standard", idn->code, kind_words(idn->kinds));
        if (idn->category >= 0)
                buf_printf(&l, " (%s, %s)", m->categories[idn->category].code,
                           m->categories[idn->category].name);
        cli_wrap(stdout, buf_str(&l), 2, 0, WIDTH);
        buf_free(&l);
        for (size_t k = 0; k < idn->nrows; k++) {
                const struct sm_related *r = &m->related[idn->rows[k]];
                const struct sm_standard *s = &m->standards[r->standard];
                struct buf h = {0};
                buf_printf(&h, "listed as %s against %s %s",
                           r->kind == SM_PARTNERSHIP ? "partnership" : "specialist", s->code,
                           s->title);
                cli_wrap(stdout, buf_str(&h), 4, 2, WIDTH);
                buf_free(&h);
                related_line(m, r, 4);
        }
}

static void category_show(const struct stdmap *m, int ci)
{
        const struct sm_category *c = &m->categories[ci];
        struct buf l = {0};
        buf_printf(&l, "%s: %s%s%s", c->code, c->name, *c->note ? ". " : "", c->note);
        cli_wrap(stdout, buf_str(&l), 2, 0, WIDTH);
        buf_free(&l);
        for (size_t i = 0; i < m->nidentities; i++)
                if (m->identities[i].category == ci) {
                        const struct sm_related *r = &m->related[m->identities[i].rows[0]];
                        struct buf t = {0};
                        buf_printf(&t, "%-14s %s (%s; against %s)", m->identities[i].code, r->title,
                                   kind_words(m->identities[i].kinds),
                                   m->standards[r->standard].code);
                        cli_wrap(stdout, buf_str(&t), 17, 2, WIDTH);
                        buf_free(&t);
                }
}

static void hit_line(const struct stdmap *m, const struct sm_hit *h)
{
        struct buf l = {0};
        if (h->kind == SM_HIT_STANDARD) {
                const struct sm_standard *s = &m->standards[h->index];
                buf_printf(&l, "%-14s %s (generic standard, area %s)", s->code, s->title,
                           m->areas[s->area].code);
        } else if (h->kind == SM_HIT_RELATED) {
                const struct sm_related *r = &m->related[h->index];
                const struct sm_identity *idn =
                    r->nidentity ? &m->identities[r->identity[0]] : NULL;
                buf_printf(&l, "%-14s %s (%s, against %s)", idn ? idn->code : r->code, r->title,
                           r->kind == SM_PARTNERSHIP ? "partnership" : "specialist",
                           m->standards[r->standard].code);
        } else {
                const struct sm_earlier *e = &m->earlier[h->index];
                buf_printf(&l, "%-14s %s (generic, earlier numbering)", e->number, e->title);
        }
        cli_wrap(stdout, buf_str(&l), 15, 0, WIDTH);
        buf_free(&l);
}

static void kinds_show(const struct stdmap *m)
{
        for (size_t i = 0; i < m->ncpd_kinds; i++)
                printf("%-24s %s\n", text_safe(m->cpd_kinds[i].code),
                       text_safe(m->cpd_kinds[i].name));
}

int cmd_standards(struct args *a)
{
        const char *search = arg_get(a, "search");
        bool kinds = arg_get(a, "kinds") != NULL;
        if ((search || kinds) && a->npos) {
                cli_fail(a, "give a CODE, --search or --kinds, not more than one%s", NULL);
                return EXIT_USAGE;
        }
        struct stdmap m;
        if (stdmap_load(&m, NULL, false, &a->d) < 0)
                return EXIT_USAGE;
        int rc = 0;
        struct sm_hit h;
        if (kinds) {
                kinds_show(&m);
        } else if (search) {
                struct sm_hit *hits;
                size_t n = stdmap_search(&m, search, &hits);
                for (size_t i = 0; i < n; i++)
                        hit_line(&m, &hits[i]);
                free(hits);
                if (!n) {
                        cli_fail(a, "nothing in the 2004 map matches \"%s\"", search);
                        rc = EXIT_PROBLEMS;
                }
        } else if (!a->npos) {
                printf("The 2004 map of leadership and management standards: the generic "
                       "standards\n(MSC) of each functional area, and the specialist and "
                       "partnership standards\nlisted against them.\n");
                for (size_t i = 0; i < m.nareas; i++) {
                        putchar('\n');
                        area_show(&m, (int)i, true);
                }
                legend_show(&m);
        } else if (!stdmap_lookup(&m, a->pos[0], &h)) {
                cli_fail(a,
                         "\"%s\" is no area, standard or category of the 2004 map (--search "
                         "finds words)",
                         a->pos[0]);
                rc = EXIT_PROBLEMS;
        } else {
                switch (h.kind) {
                case SM_HIT_AREA: area_show(&m, h.index, true); break;
                case SM_HIT_STANDARD: standard_show(&m, h.index, true); break;
                case SM_HIT_IDENTITY: identity_show(&m, h.index); break;
                case SM_HIT_EARLIER: earlier_show(&m, h.index); break;
                case SM_HIT_CATEGORY: category_show(&m, h.index); break;
                case SM_HIT_RELATED: break; /* lookup names identities, not rows */
                }
        }
        stdmap_free(&m);
        return rc;
}

/* --- spec, pdp, cpd: showing --------------------------------------------------------- */

static int plan_show(struct args *a, enum plan_sheet p)
{
        enum cli_format fmt = arg_format(a, true);
        if (fmt == FMT_BAD)
                return EXIT_USAGE;
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        workbook_map(&wb, &a->d);
        char today[11];
        date_today(today);
        if (fmt == FMT_HTML)
                plan_html_page(stdout, &wb, p, today);
        else
                plan_render(stdout, &wb, p, fmt, today);
        workbook_free(&wb);
        return 0;
}

int cmd_spec(struct args *a)
{
        return plan_show(a, PLAN_SPEC);
}

int cmd_pdp(struct args *a)
{
        return plan_show(a, PLAN_PDP);
}

int cmd_cpd(struct args *a)
{
        return plan_show(a, PLAN_CPD);
}

/* --- adding -------------------------------------------------------------------------- */

/* The new row's id, printed after the save as the save left it (renumbered
 * when the same id was added on disk meanwhile). */
static int made(struct args *a, enum wb_sheet s, char *id)
{
        if (!id)
                return EXIT_PROBLEMS;
        a->made = (struct made){s, id};
        return 0;
}

int cmd_spec_add(struct args *a, struct workbook *wb, struct buf *out)
{
        struct spec_new n = {arg_get(a, "requirement"), arg_get(a, "competences"),
                             arg_get(a, "learning"), arg_get(a, "training")};
        (void)out;
        return made(a, WB_SPEC, spec_add(wb, &n, &a->d));
}

int cmd_spec_review(struct args *a, struct workbook *wb, struct buf *out)
{
        char today[11];
        const char *date = arg_date(a, today);
        if (!date || spec_review(wb, date, &a->d) < 0)
                return EXIT_PROBLEMS;
        struct spec s;
        spec_build(wb, today, &s);
        buf_printf(out, "reviewed on %s; next due %s\n", date, s.next_review);
        spec_free(&s);
        return 0;
}

int cmd_pdp_add(struct args *a, struct workbook *wb, struct buf *out)
{
        struct pdp_new n = {arg_get(a, "objective"),   arg_get(a, "measure"),
                            arg_get(a, "agreed-with"), arg_get(a, "due"),
                            arg_get(a, "link"),        arg_get(a, "level")};
        (void)out;
        return made(a, WB_PDP, pdp_add(wb, &n, &a->d));
}

int cmd_cpd_add(struct args *a, struct workbook *wb, struct buf *out)
{
        if (!arg_get(a, "days") && !arg_get(a, "hours")) {
                cli_fail(a, "cpd-add needs the time: --days N or --hours N%s", NULL);
                return EXIT_USAGE;
        }
        struct cpd_new n = {arg_get(a, "date"), arg_get(a, "activity"), arg_get(a, "kind"),
                            arg_get(a, "days"), arg_get(a, "hours"),    arg_get(a, "learnt"),
                            arg_get(a, "refs"), arg_get(a, "evidence")};
        (void)out;
        return made(a, WB_CPD, cpd_add(wb, &n, &a->d));
}
