/* test_coverage.c — coverage on the six example workbooks (the case studies'
 * workflows) and the coverage rules on a workbook made here: stages, themes,
 * and elements counting through the mapping. */
#include "core/coverage.h"
#include "core/fileio.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

TestSuite(coverage, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

/* Opens data/examples/NAME (the tests run from the repository root); skips the
 * test if the example is not there. */
static void open_example(struct workbook *wb, const char *name)
{
        char path[128];
        snprintf(path, sizeof path, "data/examples/%s", name);
        if (!path_is_dir(path)) {
                tmp_teardown(); /* a skipped test does not run .fini */
                cr_assert_fail("%s does not exist", path);
        }
        struct diag d = {0};
        cr_assert_eq(workbook_open(wb, path, NULL, &d), 0, "cannot open %s", path);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "%s: %s:%u: %s", name, d.v[0].file, d.v[0].line,
                     d.v[0].msg);
        workbook_check(wb, &d);
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "check %s: %s:%u: %s", name,
                     d.n ? d.v[0].file : "", d.n ? d.v[0].line : 0, d.n ? d.v[0].msg : "");
        diag_free(&d);
}

static int code_of(const struct workbook *wb, const char *code, enum ref_kind kind)
{
        struct ref r;
        cr_assert(ref_parse(&wb->fw, code, &r), "%s", code);
        cr_assert_eq(r.kind, kind, "%s", code);
        switch (kind) {
        case REF_CAPABILITY: return r.cap;
        case REF_THEME: return r.theme;
        case REF_UNIT: return r.unit;
        case REF_ELEMENT: return r.element;
        default: return -1;
        }
}

static unsigned actual_any(const struct cov *c)
{
        return c->direct.actual + c->mapped_direct.actual + c->mapped_indirect.actual;
}

static const struct gap *find_gap(const struct gap *g, size_t n, int cap, int theme)
{
        for (size_t i = 0; i < n; i++)
                if (g[i].cap == cap && g[i].theme == theme)
                        return &g[i];
        return NULL;
}

static bool hints_unit(const struct unit_hint *h, size_t n, int unit, bool direct)
{
        for (size_t i = 0; i < n; i++)
                if (h[i].unit == unit && h[i].direct == direct)
                        return true;
        return false;
}

Test(coverage, fred_gaps_in_vision_and_collaborating)
{
        struct workbook wb;
        open_example(&wb, "fred");
        cr_assert_str_eq(wb.fw.stages[wb.stage_index].code, "AC");
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        int vis = code_of(&wb, "VIS", REF_CAPABILITY), col = code_of(&wb, "COL", REF_CAPABILITY);
        const struct gap *gv = find_gap(g, n, vis, -1), *gc = find_gap(g, n, col, -1);
        cr_assert_not_null(gv, "no capability-level gap for VIS");
        cr_assert_not_null(gc, "no capability-level gap for COL");
        cr_assert_eq(actual_any(&c.caps[vis]), 0);
        cr_assert_eq(actual_any(&c.caps[col]), 0);
        cr_assert_eq(gv->mark, MARK_NONE);
        cr_assert_eq(gc->mark, MARK_NONE);
        int a2 = code_of(&wb, "A2", REF_UNIT), d1 = code_of(&wb, "D1", REF_UNIT);
        int d2 = code_of(&wb, "D2", REF_UNIT);
        cr_assert(hints_unit(gv->units, gv->nunits, a2, true), "A2 not suggested for VIS");
        cr_assert(hints_unit(gc->units, gc->nunits, d1, true), "D1 not suggested for COL");
        cr_assert(hints_unit(gc->units, gc->nunits, d2, false),
                  "D2 (indirect) not suggested for COL");
        struct unit_hint *h;
        size_t nh = links_to(&wb, vis, -1, &h);
        cr_assert(hints_unit(h, nh, a2, true));
        free(h);
        nh = links_to(&wb, col, -1, &h);
        cr_assert(hints_unit(h, nh, d1, true));
        free(h);
        /* every theme of VIS is a gap too; SLF is covered */
        for (size_t k = 0; k < wb.fw.caps[vis].nthemes; k++)
                cr_assert_not_null(find_gap(g, n, vis, wb.fw.caps[vis].themes[k]));
        int slf = code_of(&wb, "SLF", REF_CAPABILITY);
        cr_assert_null(find_gap(g, n, slf, -1));
        cr_assert_eq(cov_mark(&c.caps[slf]), MARK_ACTUAL);

        /* cross-referencing E3 to vision (the case study's two keystrokes) fills the
         * accomplished part of the gap; the stages are cumulative, so vision is still a
         * gap, with emerging and established missing, and its themes still say which
         * units could fill them */
        struct diag d = {0};
        cr_assert_eq(wb_link(&wb, "E3", "VIS", &d), 0);
        struct coverage c2;
        coverage_compute(&wb, wb.stage_index, &c2);
        const struct cov *at = coverage_at(&c2, wb.stage_index, vis, -1);
        cr_assert_eq(at->direct.actual, 1);
        cr_assert_eq(cov_mark(at), MARK_ACTUAL);
        cr_assert_not(cov_met(&c2.caps[vis]));
        struct gap *g2;
        size_t n2 = coverage_gaps(&wb, &c2, &g2);
        const struct gap *gv2 = find_gap(g2, n2, vis, -1);
        cr_assert_not_null(gv2);
        int em = fw_stage_index(&wb.fw, "EM"), es = fw_stage_index(&wb.fw, "ES");
        cr_assert_eq(gv2->missing, 1u << em | 1u << es);
        struct buf why = {0};
        cov_missing_text(&wb.fw, &c2.caps[vis], &why);
        cr_assert_str_eq(buf_str(&why), "EM and ES missing");
        buf_free(&why);
        for (size_t k = 0; k < wb.fw.caps[vis].nthemes; k++) {
                const struct gap *gt = find_gap(g2, n2, vis, wb.fw.caps[vis].themes[k]);
                cr_assert_not_null(gt);
                cr_assert(hints_unit(gt->units, gt->nunits, a2, true),
                          "a vision theme's gap lost A2 after the cross-reference");
        }
        cr_assert_not_null(find_gap(g2, n2, col, -1));
        gaps_free(g2, n2);
        coverage_free(&c2);
        gaps_free(g, n);
        coverage_free(&c);
        diag_free(&d);
        workbook_free(&wb);
}

static bool names_cap(const struct workbook *wb, const struct entry *e, int cap)
{
        for (unsigned i = 0; i < e->nrefs; i++) {
                struct ref r;
                entry_ref(wb, e, i, &r);
                if ((r.kind == REF_CAPABILITY || r.kind == REF_THEME || r.kind == REF_INDICATOR) &&
                    r.cap == cap)
                        return true;
        }
        return false;
}

static bool names(const struct workbook *wb, const struct entry *e, enum ref_kind kind, int idx)
{
        for (unsigned i = 0; i < e->nrefs; i++) {
                struct ref r;
                entry_ref(wb, e, i, &r);
                if (r.kind == kind && (kind == REF_ELEMENT ? r.element : r.unit) == idx)
                        return true;
        }
        return false;
}

Test(coverage, freda_self_leadership_through_the_mapping)
{
        struct workbook wb;
        open_example(&wb, "freda");
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        int slf = code_of(&wb, "SLF", REF_CAPABILITY);
        enum cov_mark m = cov_mark(&c.caps[slf]);
        cr_assert(m == MARK_ACTUAL || m == MARK_MAPPED, "SLF mark %s", cov_mark_name[m]);
        int a11 = code_of(&wb, "A1.1", REF_ELEMENT);
        size_t found = 0;
        for (size_t i = 0; i < wb.nentries; i++) {
                const struct entry *e = &wb.entries[i];
                if (!names(&wb, e, REF_ELEMENT, a11) || names_cap(&wb, e, slf))
                        continue;
                cr_assert_eq(
                    entry_counts_for(&wb, e, slf, -1, wb.stage_index), 2,
                    "%s names A1.1 and no SLF indicator: it counts for SLF through a direct link",
                    entry_get(&wb, e, "id"));
                /* but not for a particular theme */
                for (size_t k = 0; k < wb.fw.caps[slf].nthemes; k++)
                        cr_assert_eq(entry_counts_for(&wb, e, slf, wb.fw.caps[slf].themes[k],
                                                      wb.stage_index),
                                     0);
                found++;
        }
        cr_assert_geq(found, 1, "no entry names A1.1 without a self-leadership indicator");
        cr_assert_gt(c.caps[slf].mapped_direct.actual, 0);
        /* the A1 grid: A1.1 links directly to SLF */
        struct grid gr;
        int a1 = code_of(&wb, "A1", REF_UNIT);
        coverage_grid(&wb, a1, &gr);
        cr_assert_eq(gr.nrows, 5);
        cr_assert_eq(gr.ncols, 6);
        cr_assert_eq(gr.cells[0 * gr.ncols + (size_t)slf].kind, 1, "A1 → SLF direct");
        cr_assert_eq(gr.cells[1 * gr.ncols + (size_t)slf].kind, 1, "A1.1 → SLF direct");
        cr_assert_gt(gr.row_entries[1], 0);
        grid_free(&gr);
        /* her own resource against SLF */
        bool toolkit = false;
        for (size_t i = 0; i < wb.fw.nresources; i++)
                toolkit |= wb.fw.resources[i].own && strcmp(wb.fw.resources[i].ref, "SLF") == 0;
        cr_assert(toolkit, "Freda's own resources.csv has no SLF resource");
        coverage_free(&c);
        workbook_free(&wb);
}

Test(coverage, rashid_reverse_transfer)
{
        struct workbook wb;
        open_example(&wb, "rashid");
        cr_assert_str_eq(wb.fw.stages[wb.stage_index].code, "ES");
        size_t with = 0;
        for (size_t i = 0; i < wb.nentries; i++) {
                const struct entry *e = &wb.entries[i];
                bool caps_only = e->nrefs > 0;
                for (unsigned k = 0; k < e->nrefs; k++) {
                        struct ref r;
                        entry_ref(&wb, e, k, &r);
                        caps_only &= r.kind == REF_CAPABILITY || r.kind == REF_THEME ||
                                     r.kind == REF_INDICATOR;
                }
                if (!caps_only)
                        continue;
                struct transfer *t;
                size_t n = entry_transfer(&wb, e, &t);
                size_t fresh = 0;
                for (size_t k = 0; k < n; k++) {
                        fresh += !t[k].named;
                        cr_assert_geq(t[k].unit, 0);
                        if (t[k].element >= 0)
                                cr_assert_eq(wb.fw.elements[t[k].element].unit, t[k].unit);
                }
                with += fresh > 0;
                free(t);
        }
        cr_assert_geq(with, 1, "no capability entry of Rashid's suggests a NOS element or unit");
        /* E1 names SLF.1.ES: A1 and A1.1 link to SLF */
        long e1 = wb_entry_by_id(&wb, "E1");
        cr_assert_geq(e1, 0);
        struct transfer *t;
        size_t n = entry_transfer(&wb, &wb.entries[e1], &t);
        bool a1 = false, a11 = false;
        for (size_t k = 0; k < n; k++) {
                a1 |= t[k].unit == code_of(&wb, "A1", REF_UNIT) && t[k].element < 0;
                a11 |= t[k].element == code_of(&wb, "A1.1", REF_ELEMENT);
        }
        cr_assert(a1 && a11, "E1 (SLF.1.ES) should transfer to A1 and A1.1");
        free(t);
        int a4 = code_of(&wb, "A4", REF_UNIT), c2 = code_of(&wb, "C2", REF_UNIT);
        cr_assert_eq(wb_unit_status(&wb, a4), US_CREDIT);
        cr_assert_eq(wb_unit_status(&wb, c2), US_CREDIT);
        workbook_free(&wb);
}

Test(coverage, john_revamp_points_to_a_plan)
{
        struct workbook wb;
        open_example(&wb, "john");
        size_t revamps = 0;
        for (size_t i = 0; i < wb.nentries; i++) {
                const struct entry *e = &wb.entries[i];
                if (e->revamps < 0)
                        continue;
                cr_assert_eq(e->status, ST_ACTUAL, "%s revamps a plan but is not actual",
                             entry_get(&wb, e, "id"));
                cr_assert_eq(wb.entries[e->revamps].status, ST_PLANNED,
                             "%s revamps %s, no longer planned", entry_get(&wb, e, "id"),
                             entry_get(&wb, &wb.entries[e->revamps], "id"));
                cr_assert_str_eq(entry_get(&wb, &wb.entries[e->revamps], "id"),
                                 entry_get(&wb, e, "revamps"));
                revamps++;
        }
        cr_assert_geq(revamps, 1, "no revamped entry in John's workbook");
        /* the unit planner: D1 is chosen and fills the COL gap it links to */
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        struct plan_row *p;
        size_t n = coverage_plan(&wb, &c, &p);
        int d1 = code_of(&wb, "D1", REF_UNIT);
        bool seen = false;
        for (size_t i = 0; i < n; i++) {
                cr_assert(!wb.fw.units[p[i].unit].mandatory,
                          "the planner lists optional units only");
                if (p[i].unit == d1) {
                        seen = true;
                        cr_assert_eq(p[i].status, US_IN_PROGRESS);
                        cr_assert_eq(p[i].ncaps, 1);
                        cr_assert_eq(p[i].caps[0], code_of(&wb, "COL", REF_CAPABILITY));
                        cr_assert(p[i].caps_direct[0]);
                }
        }
        cr_assert(seen);
        plan_free(p, n);
        coverage_free(&c);
        workbook_free(&wb);
}

Test(coverage, bridget_needs_update)
{
        struct workbook wb;
        open_example(&wb, "bridget");
        size_t update = 0;
        for (size_t i = 0; i < wb.nentries; i++)
                update += wb.entries[i].status == ST_UPDATE;
        cr_assert_geq(update, 1, "no needs-update entry");
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        bool mark_update = false;
        for (size_t i = 0; i < c.ncaps; i++)
                mark_update |= cov_mark(&c.caps[i]) == MARK_UPDATE;
        for (size_t i = 0; i < c.nthemes; i++)
                mark_update |= cov_mark(&c.themes[i]) == MARK_UPDATE;
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        cr_assert(mark_update || n > 0, "neither a needs-update mark nor a gap");
        /* no entry names a CRE theme: each CRE theme is a gap; CRE itself is reached only
         * through the mapping, which never makes a stage met: a gap at every stage */
        int cre = code_of(&wb, "CRE", REF_CAPABILITY);
        for (size_t k = 0; k < wb.fw.caps[cre].nthemes; k++)
                cr_assert_not_null(find_gap(g, n, cre, wb.fw.caps[cre].themes[k]));
        cr_assert_eq(cov_mark(&c.caps[cre]), MARK_MAPPED);
        const struct gap *gc = find_gap(g, n, cre, -1);
        cr_assert_not_null(gc);
        cr_assert_eq(gc->mark, MARK_MAPPED);
        cr_assert_eq(gc->missing, 7u, "EM, ES and AC missing");
        /* her earlier-stage evidence (the award she holds) meets the other capabilities */
        for (size_t ci = 0; ci < wb.fw.ncaps; ci++)
                if ((int)ci != cre)
                        cr_assert(cov_met(&c.caps[ci]), "%s not met", wb.fw.caps[ci].code);
        gaps_free(g, n);
        coverage_free(&c);
        workbook_free(&wb);
}

Test(coverage, liliana_plan_lists_chosen_units)
{
        struct workbook wb;
        open_example(&wb, "liliana");
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        struct plan_row *p;
        size_t n = coverage_plan(&wb, &c, &p);
        static const char *const chosen[] = {"B4", "B5", "D3", "E10"};
        for (size_t k = 0; k < 4; k++) {
                int u = code_of(&wb, chosen[k], REF_UNIT);
                bool seen = false;
                for (size_t i = 0; i < n; i++) {
                        if (p[i].unit != u)
                                continue;
                        seen = true;
                        cr_assert_eq(p[i].status, US_PLANNED, "%s is %s", chosen[k],
                                     unit_status_name[p[i].status]);
                }
                cr_assert(seen, "%s is not in the plan", chosen[k]);
        }
        /* a unit she did not choose shows as not chosen */
        int a2 = code_of(&wb, "A2", REF_UNIT);
        for (size_t i = 0; i < n; i++)
                if (p[i].unit == a2)
                        cr_assert_eq(p[i].status, US_NONE);
        /* the na entry with its rationale */
        size_t na = 0;
        for (size_t i = 0; i < wb.nentries; i++)
                if (wb.entries[i].status == ST_NA) {
                        na++;
                        cr_assert_str_neq(entry_get(&wb, &wb.entries[i], "rationale"), "");
                }
        cr_assert_geq(na, 1);
        plan_free(p, n);
        coverage_free(&c);
        workbook_free(&wb);
}

Test(coverage, caseload_of_examples)
{
        if (!path_is_dir("data/examples")) {
                tmp_teardown();
                cr_assert_fail("data/examples does not exist");
        }
        cr_assert(workbook_is_caseload("data/examples"));
        char **dirs;
        size_t n = workbook_list_caseload("data/examples", &dirs);
        cr_assert_geq(n, 6);
        for (size_t i = 0; i < n; i++)
                free(dirs[i]);
        free(dirs);
}

/* --- the rules, on a workbook made here ------------------------------------- */

static char *synthetic(struct workbook *wb)
{
        char *dir = path_join(tmpdir, "syn");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Syn", "manager", "AC", NULL, NULL, &d), 0);
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0);
        struct new_entry es = {"actual", NULL, "R1", "ES indicator", NULL, "SLF.1.ES", NULL, NULL};
        struct new_entry theme = {"actual", NULL, "R2", "theme", NULL, "SLF.2", NULL, NULL};
        struct new_entry element = {"actual", NULL, "R3", "element", "A1.1", NULL, NULL, NULL};
        struct new_entry plan = {"planned", NULL, "R4", "plan", NULL, "VIS.1.AC", NULL, NULL};
        struct new_entry indirect = {"actual", NULL, "R5", "D2", "D2", NULL, NULL, NULL};
        struct new_entry upd = {"needs-update", NULL, "R6", "old", NULL, "MOT.1.AC", NULL, NULL};
        const struct new_entry *all[] = {&es, &theme, &element, &plan, &indirect, &upd};
        for (size_t i = 0; i < 6; i++) {
                char *id = wb_add_entry(wb, all[i], &d);
                cr_assert_not_null(id, "%s", d.n ? d.v[0].msg : "");
                free(id);
        }
        diag_free(&d);
        return dir;
}

Test(coverage, rules_stage_theme_element)
{
        struct workbook wb;
        char *dir = synthetic(&wb);
        int em = fw_stage_index(&wb.fw, "EM"), es = fw_stage_index(&wb.fw, "ES"),
            ac = fw_stage_index(&wb.fw, "AC");
        int slf = code_of(&wb, "SLF", REF_CAPABILITY);
        int slf1 = code_of(&wb, "SLF.1", REF_THEME), slf2 = code_of(&wb, "SLF.2", REF_THEME);
        const struct entry *e_es = &wb.entries[wb_entry_by_id(&wb, "E1")];
        const struct entry *e_theme = &wb.entries[wb_entry_by_id(&wb, "E2")];
        const struct entry *e_el = &wb.entries[wb_entry_by_id(&wb, "E3")];

        /* an indicator at ES counts at ES only */
        cr_assert_eq(entry_counts_for(&wb, e_es, slf, slf1, es), 1);
        cr_assert_eq(entry_counts_for(&wb, e_es, slf, slf1, ac), 0, "an ES indicator counts at AC");
        cr_assert_eq(entry_counts_for(&wb, e_es, slf, -1, ac), 0);
        cr_assert_eq(entry_counts_for(&wb, e_es, slf, -1, es), 1);
        cr_assert_eq(entry_counts_for(&wb, e_es, slf, slf2, es), 0);
        /* a theme named without a stage counts at the workbook's target stage (AC) only */
        for (int st = em; st <= ac; st++) {
                cr_assert_eq(entry_counts_for(&wb, e_theme, slf, slf2, st), st == ac, "stage %d",
                             st);
                cr_assert_eq(entry_counts_for(&wb, e_theme, slf, -1, st), st == ac);
                cr_assert_eq(entry_counts_for(&wb, e_theme, slf, slf1, st), 0);
        }
        cr_assert_eq(entry_counts_for(&wb, e_theme, slf, slf2, -1), 1, "any stage");
        /* an element counts for SLF through the direct link, for no theme */
        cr_assert_eq(entry_counts_for(&wb, e_el, slf, -1, ac), 2);
        cr_assert_eq(entry_counts_for(&wb, e_el, slf, slf1, ac), 0);
        cr_assert_eq(entry_counts_for(&wb, e_el, slf, slf2, ac), 0);
        cr_assert_eq(entry_counts_for(&wb, e_el, code_of(&wb, "VIS", REF_CAPABILITY), -1, ac), 0);
        cr_assert_eq(entry_counts_for_nos(&wb, e_el, code_of(&wb, "A1", REF_UNIT), -1), 1);
        cr_assert_eq(entry_counts_for_nos(&wb, e_el, -1, code_of(&wb, "A1.1", REF_ELEMENT)), 1);
        cr_assert_eq(entry_counts_for_nos(&wb, e_el, -1, code_of(&wb, "A1.2", REF_ELEMENT)), 0);
        /* and the other way: a SLF theme counts for A1 through the A1 → SLF link */
        cr_assert_eq(entry_counts_for_nos(&wb, e_theme, code_of(&wb, "A1", REF_UNIT), -1), 2);

        struct coverage c;
        coverage_compute(&wb, ac, &c);
        cr_assert_eq(cov_mark(&c.themes[slf1]), MARK_NONE, "SLF.1 at AC: only ES evidence");
        cr_assert_eq(cov_mark(coverage_at(&c, ac, slf, slf2)), MARK_ACTUAL, "SLF.2 at AC alone");
        cr_assert_eq(cov_mark(&c.themes[slf2]), MARK_NONE, "SLF.2: nothing at EM or ES");
        /* SLF: ES (E1) and AC (E2) named, EM only through the mapping (E3) */
        cr_assert_eq(cov_mark(&c.caps[slf]), MARK_MAPPED);
        cr_assert_eq(c.caps[slf].missing, 1u << em);
        cr_assert_eq(c.caps[slf].direct.actual, 1, "only the theme entry names SLF at AC");
        cr_assert_eq(c.caps[slf].mapped_direct.actual, 1, "the element entry, through the mapping");
        int vis = code_of(&wb, "VIS", REF_CAPABILITY), col = code_of(&wb, "COL", REF_CAPABILITY);
        int mot = code_of(&wb, "MOT", REF_CAPABILITY);
        /* each stage alone, and up to AC: the weakest stage shows (nothing at EM) */
        cr_assert_eq(cov_mark(coverage_at(&c, ac, vis, -1)), MARK_PLANNED);
        cr_assert_eq(cov_mark(&c.caps[vis]), MARK_NONE);
        cr_assert_eq(cov_mark(coverage_at(&c, em, col, -1)), MARK_INDIRECT, "a link has no stage");
        cr_assert_eq(cov_mark(&c.caps[col]), MARK_INDIRECT, "D2 → COL is indirect");
        cr_assert_eq(cov_mark(coverage_at(&c, ac, mot, -1)), MARK_UPDATE);
        cr_assert_eq(cov_mark(&c.caps[mot]), MARK_NONE);
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        cr_assert_not_null(find_gap(g, n, slf, slf1));
        cr_assert_not_null(find_gap(g, n, slf, slf2));
        cr_assert_not_null(find_gap(g, n, slf, -1));
        const struct gap *gc = find_gap(g, n, col, -1);
        cr_assert_not_null(gc, "indirect-only is still a gap");
        cr_assert_eq(gc->mark, MARK_INDIRECT);
        cr_assert_not_null(find_gap(g, n, vis, -1));
        gaps_free(g, n);
        coverage_free(&c);

        coverage_compute(&wb, es, &c);
        cr_assert_eq(cov_mark(coverage_at(&c, es, slf, slf1)), MARK_ACTUAL, "SLF.1 at ES");
        cr_assert_eq(cov_mark(&c.themes[slf1]), MARK_NONE, "SLF.1 up to ES: nothing at EM");
        cr_assert_eq(c.caps[slf].direct.actual, 1, "at ES only E1 names SLF");
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

Test(coverage, link_index_matches_counts)
{
        struct workbook wb;
        char *dir = synthetic(&wb);
        struct link_index x;
        link_index_build(&wb, &x);
        int slf = code_of(&wb, "SLF", REF_CAPABILITY);
        /* E1 (SLF.1.ES), E2 (SLF.2) name SLF; E3 (A1.1) reaches it through a direct link */
        cr_assert_eq(x.caps[slf].n, 3);
        cr_assert_eq(x.caps[slf].v[0], (0u << 2) | 1);
        cr_assert_eq(x.caps[slf].v[1], (1u << 2) | 1);
        cr_assert_eq(x.caps[slf].v[2], (2u << 2) | 2);
        for (size_t i = 0; i < x.ncaps; i++)
                for (size_t k = 0; k < x.caps[i].n; k++) {
                        uint32_t v = x.caps[i].v[k];
                        cr_assert_eq(entry_counts_for(&wb, &wb.entries[v >> 2], (int)i, -1, -1),
                                     (int)(v & 3));
                }
        link_index_free(&x);
        workbook_free(&wb);
        free(dir);
}

/* Freda's resources.csv names the shipped toolkit again, in her own words: it is
 * listed once, with her notes and the shipped address. */
Test(coverage, freda_toolkit_listed_once)
{
        struct workbook wb;
        open_example(&wb, "freda");
        size_t n = 0;
        const struct fw_resource *r = NULL;
        for (size_t i = 0; i < wb.fw.nresources; i++)
                if (strcmp(wb.fw.resources[i].title, "Leadership skills toolkit (Mind tools)") ==
                    0) {
                        n++;
                        r = &wb.fw.resources[i];
                }
        cr_assert_eq(n, 1, "the toolkit is listed %zu times", n);
        cr_assert_str_eq(r->notes, "found on the Step into Leadership website");
        cr_assert_str_eq(r->address, "https://stepintoleadership.info/");
        cr_assert(r->own);
        workbook_free(&wb);
}

/* The link kind the panes mark: direct wins, a unit takes its elements' links
 * and a capability its themes'. */
Test(coverage, link_kind_of_rows)
{
        struct workbook wb;
        open_example(&wb, "freda");
        const struct framework *fw = &wb.fw;
        int a1 = code_of(&wb, "A1", REF_UNIT), a11 = code_of(&wb, "A1.1", REF_ELEMENT);
        int slf = code_of(&wb, "SLF", REF_CAPABILITY), slf2 = code_of(&wb, "SLF.2", REF_THEME);
        int vis = code_of(&wb, "VIS", REF_CAPABILITY);
        cr_assert_eq(link_kind(fw, a1, a11, slf, -1), 1, "A1.1 to SLF is direct");
        cr_assert_eq(link_kind(fw, a1, -1, slf, -1), 1, "A1 takes A1.1's link");
        cr_assert_eq(link_kind(fw, a1, a11, slf, slf2), 1, "SLF.2 takes SLF's link");
        cr_assert_eq(link_kind(fw, a1, a11, vis, -1), 0, "A1.1 does not map to VIS");
        /* an indirect link, wherever the mapping has one, and no stronger one */
        bool seen = false;
        for (size_t j = 0; j < fw->nlinks && !seen; j++) {
                const struct fw_link *l = &fw->links[j];
                if (l->direct || link_kind(fw, l->unit, l->element, l->cap, l->theme) != 2)
                        continue;
                seen = true;
        }
        cr_assert(seen, "no indirect link found in the shipped mapping");
        workbook_free(&wb);
}

/* --- the cumulative rule and the counts, on workbooks made here ------------ */

/* A new workbook at stage with the entries given ({status, elements, indicators}),
 * E1, E2 … in order. */
struct spec {
        const char *status, *elements, *indicators;
};

static char *made(struct workbook *wb, const char *stage, const struct spec *s, size_t n)
{
        static unsigned seq;
        char name[32];
        snprintf(name, sizeof name, "made%u", ++seq);
        char *dir = path_join(tmpdir, name);
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Made", "manager", stage, NULL, NULL, &d), 0, "%s",
                     first_msg(&d));
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0);
        for (size_t i = 0; i < n; i++) {
                struct new_entry ne = {
                    s[i].status,   NULL,
                    "R",           "made here",
                    s[i].elements, s[i].indicators,
                    NULL,          strcmp(s[i].status, "na") == 0 ? "why not" : NULL};
                char *id = wb_add_entry(wb, &ne, &d);
                cr_assert_not_null(id, "%s", first_msg(&d));
                free(id);
        }
        diag_free(&d);
        return dir;
}

static const char *missing_text(const struct workbook *wb, const struct cov *c)
{
        static char out[64];
        struct buf b = {0};
        cov_missing_text(&wb->fw, c, &b);
        snprintf(out, sizeof out, "%s", buf_str(&b));
        buf_free(&b);
        return out;
}

/* Met at AC only with actual evidence naming the theme at EM, ES and AC; each
 * gap says which stages are missing. */
Test(coverage, stages_are_cumulative)
{
        struct workbook wb;
        const struct spec s[] = {{"actual", NULL, "SLF.1.EM"}, {"actual", NULL, "SLF.1.ES"},
                                 {"actual", NULL, "SLF.1.AC"}, {"actual", NULL, "SLF.2.AC"},
                                 {"actual", NULL, "SLF.3.EM"}, {"actual", NULL, "SLF.3.AC"}};
        char *dir = made(&wb, "AC", s, 6);
        int ac = fw_stage_index(&wb.fw, "AC");
        int slf = code_of(&wb, "SLF", REF_CAPABILITY);
        int t1 = code_of(&wb, "SLF.1", REF_THEME), t2 = code_of(&wb, "SLF.2", REF_THEME);
        int t3 = code_of(&wb, "SLF.3", REF_THEME), t4 = code_of(&wb, "SLF.4", REF_THEME);
        struct coverage c;
        coverage_compute(&wb, ac, &c);
        cr_assert(cov_met(&c.themes[t1]));
        cr_assert_eq(cov_mark(&c.themes[t1]), MARK_ACTUAL);
        cr_assert_str_eq(missing_text(&wb, &c.themes[t1]), "");
        cr_assert_not(cov_met(&c.themes[t2]), "AC evidence alone does not meet SLF.2 at AC");
        cr_assert_eq(cov_mark(&c.themes[t2]), MARK_NONE);
        cr_assert_eq(cov_mark(coverage_at(&c, ac, slf, t2)), MARK_ACTUAL, "AC on its own");
        cr_assert_str_eq(missing_text(&wb, &c.themes[t2]), "EM and ES missing");
        cr_assert_str_eq(missing_text(&wb, &c.themes[t3]), "ES missing");
        cr_assert_str_eq(missing_text(&wb, &c.themes[t4]), "EM, ES and AC missing");
        cr_assert(cov_met(&c.caps[slf]), "SLF is named at every stage");
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        cr_assert_null(find_gap(g, n, slf, t1));
        cr_assert_null(find_gap(g, n, slf, -1));
        const struct gap *g3 = find_gap(g, n, slf, t3);
        cr_assert_not_null(g3, "SLF.3 (EM and AC, no ES) is a gap");
        cr_assert_eq(g3->missing, 1u << fw_stage_index(&wb.fw, "ES"));
        cr_assert_not_null(find_gap(g, n, slf, t2));
        gaps_free(g, n);
        coverage_free(&c);
        /* up to ES, SLF.3 needs EM and ES: ES missing still; SLF.2 has nothing there */
        int es = fw_stage_index(&wb.fw, "ES");
        coverage_compute(&wb, es, &c);
        cr_assert(cov_met(&c.themes[t1]));
        cr_assert_str_eq(missing_text(&wb, &c.themes[t3]), "ES missing");
        cr_assert_str_eq(missing_text(&wb, &c.themes[t2]), "EM and ES missing");
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

/* An indicator of one stage is no evidence of another. */
Test(coverage, one_stage_does_not_count_for_another)
{
        struct workbook wb;
        const struct spec s[] = {{"actual", NULL, "VIS.1.AC"}};
        char *dir = made(&wb, "ES", s, 1);
        int es = fw_stage_index(&wb.fw, "ES"), ac = fw_stage_index(&wb.fw, "AC");
        int vis = code_of(&wb, "VIS", REF_CAPABILITY), t = code_of(&wb, "VIS.1", REF_THEME);
        struct coverage c;
        coverage_compute(&wb, es, &c);
        cr_assert_eq(coverage_at(&c, es, vis, t)->direct.actual, 0);
        cr_assert_eq(coverage_at(&c, ac, vis, t)->direct.actual, 1, "each stage is kept");
        cr_assert_eq(c.themes[t].direct.actual, 0);
        cr_assert_eq(cov_mark(&c.themes[t]), MARK_NONE);
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        cr_assert_not_null(find_gap(g, n, vis, t));
        gaps_free(g, n);
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

/* Evidence reaching a capability only through the mapping has no stage: it keeps
 * its own mark at every stage and meets none of them. */
Test(coverage, mapping_never_meets_a_stage)
{
        struct workbook wb;
        const struct spec s[] = {{"actual", "A1.1", NULL}};
        char *dir = made(&wb, "AC", s, 1);
        int slf = code_of(&wb, "SLF", REF_CAPABILITY);
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        for (int st = 0; st < (int)wb.fw.nstages; st++)
                cr_assert_eq(cov_mark(coverage_at(&c, st, slf, -1)), MARK_MAPPED, "stage %d", st);
        cr_assert_eq(cov_mark(&c.caps[slf]), MARK_MAPPED);
        cr_assert_not(cov_met(&c.caps[slf]));
        cr_assert_str_eq(missing_text(&wb, &c.caps[slf]), "EM, ES and AC missing");
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        const struct gap *gs = find_gap(g, n, slf, -1);
        cr_assert_not_null(gs, "through the mapping only is a gap");
        cr_assert_eq(gs->mark, MARK_MAPPED);
        gaps_free(g, n);
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

/* A theme or capability named without a stage counts at the target stage only. */
Test(coverage, stageless_reference_counts_at_the_target)
{
        struct workbook wb;
        const struct spec s[] = {{"actual", NULL, "EMP.2"}, {"actual", NULL, "COL"}};
        char *dir = made(&wb, "ES", s, 2);
        int es = fw_stage_index(&wb.fw, "ES"), em = fw_stage_index(&wb.fw, "EM");
        int ac = fw_stage_index(&wb.fw, "AC");
        int emp = code_of(&wb, "EMP", REF_CAPABILITY), t = code_of(&wb, "EMP.2", REF_THEME);
        int col = code_of(&wb, "COL", REF_CAPABILITY);
        struct coverage c;
        coverage_compute(&wb, es, &c);
        cr_assert_eq(coverage_at(&c, es, emp, t)->direct.actual, 1);
        cr_assert_eq(coverage_at(&c, em, emp, t)->direct.actual, 0);
        cr_assert_eq(coverage_at(&c, ac, emp, t)->direct.actual, 0);
        cr_assert_eq(coverage_at(&c, es, col, -1)->direct.actual, 1);
        cr_assert_eq(coverage_at(&c, em, col, -1)->direct.actual, 0);
        cr_assert_str_eq(missing_text(&wb, &c.themes[t]), "EM missing");
        const struct entry *e = &wb.entries[wb_entry_by_id(&wb, "E1")];
        cr_assert_eq(entry_counts_for(&wb, e, emp, t, es), 1);
        cr_assert_eq(entry_counts_for(&wb, e, emp, t, em), 0);
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

/* One n/a entry for an element is about that element, not its unit; one for an
 * indicator, not its capability. */
Test(coverage, na_counts_for_what_it_names)
{
        struct workbook wb;
        const struct spec s[] = {{"na", "B1.3", NULL}, {"na", NULL, "MOT.1.AC"}};
        char *dir = made(&wb, "AC", s, 2);
        int b1 = code_of(&wb, "B1", REF_UNIT), b13 = code_of(&wb, "B1.3", REF_ELEMENT);
        int mot = code_of(&wb, "MOT", REF_CAPABILITY), t = code_of(&wb, "MOT.1", REF_THEME);
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        cr_assert_eq(cov_mark(&c.elements[b13]), MARK_NA);
        cr_assert_neq(cov_mark(&c.units[b1]), MARK_NA, "a mandatory unit shown n/a");
        cr_assert_eq(cov_mark(coverage_at(&c, wb.stage_index, mot, t)), MARK_NA);
        cr_assert_neq(cov_mark(coverage_at(&c, wb.stage_index, mot, -1)), MARK_NA);
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

/* Planned evidence counting through the mapping is counted as planned. */
Test(coverage, planned_through_the_mapping_is_counted)
{
        struct workbook wb;
        const struct spec s[] = {{"planned", "A1.1", NULL}};
        char *dir = made(&wb, "AC", s, 1);
        int slf = code_of(&wb, "SLF", REF_CAPABILITY);
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        cr_assert_eq(cov_mark(&c.caps[slf]), MARK_PLANNED);
        struct tally all = cov_sum(&c.caps[slf]);
        cr_assert_eq(all.planned, 1, "the planned mark with 0 planned");
        cr_assert_eq(all.actual, 0);
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

/* A grid cell counts the entries naming the row that count for the capability,
 * through the row's link or its unit's as well as by naming it. */
Test(coverage, grid_cell_counts_through_the_link)
{
        struct workbook wb;
        const struct spec s[] = {{"actual", "A1.1", NULL},  {"actual", "A1.1", "SLF.2.AC"},
                                 {"planned", "A1.1", NULL}, {"actual", "A1.1", "VIS.1.AC"},
                                 {"actual", "A1.2", NULL},  {"actual", "A1", NULL}};
        char *dir = made(&wb, "AC", s, 6);
        int a1 = code_of(&wb, "A1", REF_UNIT);
        int slf = code_of(&wb, "SLF", REF_CAPABILITY), vis = code_of(&wb, "VIS", REF_CAPABILITY);
        struct grid g;
        coverage_grid(&wb, a1, &g);
        const struct grid_cell *a11 = &g.cells[1 * g.ncols + (size_t)slf];
        cr_assert_eq(a11->actual, 3, "every actual entry naming A1.1 counts for SLF");
        cr_assert_eq(a11->planned, 1);
        cr_assert_eq(g.row_entries[1], 4);
        cr_assert_eq(g.cells[1 * g.ncols + (size_t)vis].actual, 1, "named: no link needed");
        const struct grid_cell *a12 = &g.cells[2 * g.ncols + (size_t)slf];
        cr_assert_eq(a12->kind, 0, "A1.2 has no link of its own");
        cr_assert_eq(a12->actual, 1, "through A1's link");
        cr_assert_eq(g.cells[0 * g.ncols + (size_t)slf].actual, 1, "the unit row: A1 itself");
        grid_free(&g);
        workbook_free(&wb);
        free(dir);
}

/* Freda's demo: A1.1 × SLF counts all seven entries that name A1.1. */
Test(coverage, freda_grid_counts_every_a11_entry)
{
        struct workbook wb;
        open_example(&wb, "freda");
        int a1 = code_of(&wb, "A1", REF_UNIT), slf = code_of(&wb, "SLF", REF_CAPABILITY);
        int a11 = code_of(&wb, "A1.1", REF_ELEMENT);
        unsigned actual = 0, planned = 0;
        for (size_t i = 0; i < wb.nentries; i++)
                if (names(&wb, &wb.entries[i], REF_ELEMENT, a11)) {
                        actual += wb.entries[i].status == ST_ACTUAL;
                        planned += wb.entries[i].status == ST_PLANNED;
                }
        struct grid g;
        coverage_grid(&wb, a1, &g);
        const struct grid_cell *cell = &g.cells[1 * g.ncols + (size_t)slf];
        cr_assert_eq(cell->actual, actual);
        cr_assert_eq(cell->planned, planned);
        cr_assert_eq(cell->actual + cell->planned, g.row_entries[1]);
        grid_free(&g);
        workbook_free(&wb);
}

/* The planner counts the gaps a unit's links reach under the cumulative rule: a
 * theme with accomplished evidence but no earlier stage is still a gap. */
Test(coverage, plan_counts_gaps_by_the_rule)
{
        struct workbook wb;
        const struct spec s[] = {{"actual", NULL, "VIS.1.AC; VIS.2.AC; VIS.3.AC; VIS.4.AC"}};
        char *dir = made(&wb, "AC", s, 1);
        struct coverage c;
        coverage_compute(&wb, wb.stage_index, &c);
        struct plan_row *p;
        size_t n = coverage_plan(&wb, &c, &p);
        int a2 = code_of(&wb, "A2", REF_UNIT);
        bool seen = false;
        for (size_t i = 0; i < n; i++)
                if (p[i].unit == a2) {
                        seen = true;
                        cr_assert_eq(p[i].gaps_filled, 5, "VIS and its four themes");
                }
        cr_assert(seen);
        plan_free(p, n);
        coverage_free(&c);
        workbook_free(&wb);
        free(dir);
}

/* Bridget's own row for the general "How good are your people skills" links it
 * to MOT: listed once, with the shipped address; a resource naming nothing is
 * shown with every capability. */
Test(coverage, general_resource_shown)
{
        struct workbook wb;
        const struct spec s[] = {{"actual", NULL, "SLF.1.AC"}};
        char *dir = made(&wb, "AC", s, 1);
        const char *title = "How good are your people skills";
        int vis = code_of(&wb, "VIS", REF_CAPABILITY), slf = code_of(&wb, "SLF", REF_CAPABILITY);
        size_t *ix;
        size_t n = fw_resources_for(&wb.fw, vis, -1, &ix);
        bool general = false;
        for (size_t i = 0; i < n; i++)
                general |= strcmp(wb.fw.resources[ix[i]].title, title) == 0;
        free(ix);
        cr_assert(general, "a resource naming no capability is not shown");
        n = fw_resources_for(&wb.fw, slf, -1, &ix);
        cr_assert_geq(n, 2);
        cr_assert_str_eq(wb.fw.resources[ix[0]].ref, "SLF", "the capability's own first");
        cr_assert_eq(fw_resource_link(&wb.fw, &wb.fw.resources[ix[n - 1]], slf, -1), 3);
        free(ix);
        workbook_free(&wb);
        free(dir);

        open_example(&wb, "bridget");
        size_t count = 0;
        const struct fw_resource *r = NULL;
        for (size_t i = 0; i < wb.fw.nresources; i++)
                if (strcmp(wb.fw.resources[i].title, title) == 0)
                        count++, r = &wb.fw.resources[i];
        cr_assert_eq(count, 1);
        cr_assert_str_eq(r->ref, "MOT");
        cr_assert_str_eq(r->address, "https://stepintoleadership.info/");
        cr_assert(r->own);
        workbook_free(&wb);
}

/* The frontline pathway has no indicator text of its own: the managers' text is
 * shown, marked as theirs. */
Test(coverage, frontline_text_marked)
{
        struct workbook wb;
        open_example(&wb, "john");
        cr_assert_geq(wb.pathway_index, 0);
        struct buf b = {0};
        int t = code_of(&wb, "COL.1", REF_THEME);
        cr_assert(fw_indicator_text(&wb.fw, t, wb.stage_index, wb.pathway_index, &b));
        cr_assert(strstr(buf_str(&b), "[the Managers pathway's text: none is shipped for "
                                      "Frontline workers]"),
                  "%s", buf_str(&b));
        buf_reset(&b);
        cr_assert(fw_pathway_text_note(&wb.fw, wb.pathway_index, &b));
        cr_assert_str_eq(buf_str(&b), "no indicator text is shipped for Frontline workers; the "
                                      "Managers pathway's text is shown in its place, marked as "
                                      "another pathway's");
        buf_reset(&b);
        workbook_free(&wb);
        open_example(&wb, "fred");
        cr_assert_not(fw_pathway_text_note(&wb.fw, wb.pathway_index, &b));
        buf_reset(&b);
        cr_assert(fw_indicator_text(&wb.fw, t, wb.stage_index, wb.pathway_index, &b));
        cr_assert_null(strstr(buf_str(&b), "["), "the managers' own text is not marked");
        buf_free(&b);
        workbook_free(&wb);
}
