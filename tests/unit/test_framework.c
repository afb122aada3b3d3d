/* test_framework.c — the shipped frameworks as loaded: counts, word-for-word
 * indicator text, mandatory units, reference codes, the shipped mapping, and a
 * workbook's own mapping.csv replacing it. */
#include "core/fileio.h"
#include "core/framework.h"
#include "core/text.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TestSuite(framework, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static void load(struct framework *fw, const char *wbdir)
{
        struct diag d = {0};
        int rc = framework_load(fw, wbdir, NULL, NULL, NULL, NULL, &d);
        cr_assert_eq(rc, 0, "framework_load: %s", d.n ? d.v[0].msg : "");
        cr_assert_eq(diag_count(&d, DIAG_WARN), 0, "problems loading the shipped data: %s:%u: %s",
                     d.n ? d.v[0].file : "", d.n ? d.v[0].line : 0, d.n ? d.v[0].msg : "");
        diag_free(&d);
}

static struct ref must_parse(const struct framework *fw, const char *code)
{
        struct ref r;
        cr_assert(ref_parse(fw, code, &r), "%s does not parse", code);
        return r;
}

Test(framework, shipped_counts)
{
        struct framework fw;
        load(&fw, NULL);
        cr_assert_eq(fw.ncaps, 6);
        cr_assert_eq(fw.nthemes, 22);
        cr_assert_eq(fw.nindicators, 66);
        cr_assert_eq(fw.nstages, 3);
        cr_assert_str_eq(fw.stages[0].code, "EM");
        cr_assert_str_eq(fw.stages[1].code, "ES");
        cr_assert_str_eq(fw.stages[2].code, "AC");
        static const char *const caps[] = {"VIS", "SLF", "MOT", "EMP", "COL", "CRE"};
        static const size_t nthemes[] = {4, 5, 3, 4, 3, 3};
        for (size_t i = 0; i < 6; i++) {
                struct ref r = must_parse(&fw, caps[i]);
                cr_assert_eq(r.kind, REF_CAPABILITY);
                cr_assert_eq(fw.caps[r.cap].nthemes, nthemes[i], "%s", caps[i]);
        }
        cr_assert_eq(fw.nunits, 21);
        cr_assert_eq(fw.nelements, 23);
        cr_assert_eq(fw.nlinks, 29);
        cr_assert_str_eq(fw.cap_id, "sil");
        cr_assert_str_eq(fw.std_id, "lmcs2008");
        cr_assert_str_eq(fw.map_id, "lmcs2008-sil");
        cr_assert_str_eq(path_basename(fw.map_path), "mapping.csv");
        framework_free(&fw);
}

static void indicator_is(const struct framework *fw, const char *code, const char *text,
                         const char *clf)
{
        struct ref r = must_parse(fw, code);
        cr_assert_eq(r.kind, REF_INDICATOR, "%s", code);
        int manager = fw_pathway_index(fw, "manager");
        cr_assert_geq(manager, 0);
        bool fallback = true;
        const struct fw_indicator *ind = fw_indicator(fw, r.theme, r.stage, manager, &fallback);
        cr_assert_not_null(ind, "%s has no text", code);
        cr_assert(!fallback);
        cr_assert_str_eq(ind->code, code);
        cr_assert_str_eq(ind->text, text, "%s", code);
        cr_assert_str_eq(ind->clf, clf, "%s", code);
}

Test(framework, indicator_text_word_for_word)
{
        struct framework fw;
        load(&fw, NULL);
        indicator_is(&fw, "SLF.2.EM",
                     "I reflect on my leadership approach and seek advice and support to improve.",
                     "CLF: Leadership \xe2\x80\x93 Established");
        indicator_is(
            &fw, "VIS.3.EM",
            "I have a public service ethos which puts outcomes for individuals, families "
            "and the community first.",
            "this closely links to CLF: Awareness of the wider context \xe2\x80\x93 Established");
        indicator_is(&fw, "COL.3.AC",
                     "I can manage a wide range of complex and conflicting perspectives and take "
                     "others with me towards a shared solution.",
                     "");
        indicator_is(&fw, "CRE.1.ES",
                     "I see the potential for improvement in a range of situations and am ready to "
                     "act on opportunities which present themselves and to create innovative "
                     "solutions.",
                     "CLF: Professional autonomy \xe2\x80\x93 Exemplary");
        /* a pathway without shipped text falls back to the manager text */
        int frontline = fw_pathway_index(&fw, "frontline");
        cr_assert_geq(frontline, 0);
        struct ref r = must_parse(&fw, "SLF.2.EM");
        bool fallback = false;
        const struct fw_indicator *ind = fw_indicator(&fw, r.theme, r.stage, frontline, &fallback);
        cr_assert_not_null(ind);
        cr_assert(fallback);
        framework_free(&fw);
}

Test(framework, mandatory_units)
{
        struct framework fw;
        load(&fw, NULL);
        static const char *const mandatory[] = {"A1", "B1", "C1", "E1"};
        for (size_t i = 0; i < 4; i++) {
                struct ref r = must_parse(&fw, mandatory[i]);
                cr_assert_eq(r.kind, REF_UNIT);
                cr_assert(fw.units[r.unit].mandatory, "%s should be mandatory", mandatory[i]);
        }
        size_t n = 0;
        for (size_t i = 0; i < fw.nunits; i++)
                n += fw.units[i].mandatory;
        cr_assert_eq(n, 4, "exactly four mandatory units");
        struct ref a1 = must_parse(&fw, "A1");
        cr_assert_eq(fw.units[a1.unit].nelements, 4);
        framework_free(&fw);
}

Test(framework, ref_parse_levels)
{
        struct framework fw;
        load(&fw, NULL);
        struct ref slf = must_parse(&fw, "SLF");
        cr_assert_eq(slf.kind, REF_CAPABILITY);
        cr_assert_str_eq(fw.caps[slf.cap].code, "SLF");
        cr_assert_eq(slf.theme, -1);
        cr_assert_eq(slf.unit, -1);

        struct ref t = must_parse(&fw, "SLF.2");
        cr_assert_eq(t.kind, REF_THEME);
        cr_assert_eq(t.cap, slf.cap);
        cr_assert_str_eq(fw.themes[t.theme].code, "SLF.2");
        cr_assert_eq(t.stage, -1);

        struct ref ind = must_parse(&fw, "SLF.2.AC");
        cr_assert_eq(ind.kind, REF_INDICATOR);
        cr_assert_eq(ind.cap, slf.cap);
        cr_assert_eq(ind.theme, t.theme);
        cr_assert_str_eq(fw.stages[ind.stage].code, "AC");

        struct ref low = must_parse(&fw, "slf.2.ac");
        cr_assert_eq(low.kind, REF_INDICATOR);
        cr_assert_eq(low.theme, ind.theme);
        cr_assert_eq(low.stage, ind.stage);

        struct ref u = must_parse(&fw, "A1");
        cr_assert_eq(u.kind, REF_UNIT);
        cr_assert_str_eq(fw.units[u.unit].code, "A1");
        cr_assert_eq(u.element, -1);
        cr_assert_eq(u.cap, -1);

        struct ref e = must_parse(&fw, "A1.1");
        cr_assert_eq(e.kind, REF_ELEMENT);
        cr_assert_eq(e.unit, u.unit);
        cr_assert_str_eq(fw.elements[e.element].code, "A1.1");

        struct ref lower_el = must_parse(&fw, "a1.1");
        cr_assert_eq(lower_el.element, e.element);

        static const char *const bad[] = {"SLF.9",    "A1.9",   "XYZ",     "",
                                          "SLF.2.XX", "SLF.EM", "A1.1.AC", "SLF.2.AC.EM",
                                          "SLF.",     ".2",     "E10.1"};
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
                struct ref r;
                cr_assert(!ref_parse(&fw, bad[i], &r), "%s should not parse", bad[i]);
                cr_assert_eq(r.kind, REF_UNKNOWN, "%s", bad[i]);
        }
        framework_free(&fw);
}

Test(framework, ref_code_round_trip)
{
        struct framework fw;
        load(&fw, NULL);
        char code[64], out[64];
        struct ref r;
        for (size_t i = 0; i < fw.ncaps; i++) {
                cr_assert(ref_parse(&fw, fw.caps[i].code, &r));
                ref_code(&fw, &r, out, sizeof out);
                cr_assert_str_eq(out, fw.caps[i].code);
        }
        for (size_t i = 0; i < fw.nthemes; i++) {
                cr_assert(ref_parse(&fw, fw.themes[i].code, &r));
                ref_code(&fw, &r, out, sizeof out);
                cr_assert_str_eq(out, fw.themes[i].code);
                for (size_t s = 0; s < fw.nstages; s++) {
                        snprintf(code, sizeof code, "%s.%s", fw.themes[i].code, fw.stages[s].code);
                        cr_assert(ref_parse(&fw, code, &r), "%s", code);
                        cr_assert_eq(r.kind, REF_INDICATOR);
                        ref_code(&fw, &r, out, sizeof out);
                        cr_assert_str_eq(out, code);
                }
        }
        for (size_t i = 0; i < fw.nunits; i++) {
                cr_assert(ref_parse(&fw, fw.units[i].code, &r));
                ref_code(&fw, &r, out, sizeof out);
                cr_assert_str_eq(out, fw.units[i].code);
        }
        for (size_t i = 0; i < fw.nelements; i++) {
                cr_assert(ref_parse(&fw, fw.elements[i].code, &r));
                ref_code(&fw, &r, out, sizeof out);
                cr_assert_str_eq(out, fw.elements[i].code);
        }
        /* lower case in, canonical out */
        cr_assert(ref_parse(&fw, "vis.1.em", &r));
        ref_code(&fw, &r, out, sizeof out);
        cr_assert_str_eq(out, "VIS.1.EM");
        framework_free(&fw);
}

/* An entry keeps its references packed: every code of the frameworks comes back
 * from ref_pack and ref_unpack exactly as ref_parse gave it. */
static void pack_round_trip(const struct framework *fw, const char *code)
{
        struct ref r, back;
        cr_assert(ref_parse(fw, code, &r), "%s", code);
        uint32_t packed = ref_pack(&r);
        cr_assert_neq(packed, 0u, "%s does not pack", code);
        ref_unpack(fw, packed, &back);
        cr_assert(back.kind == r.kind && back.cap == r.cap && back.theme == r.theme &&
                      back.stage == r.stage && back.unit == r.unit && back.element == r.element,
                  "%s: packed and unpacked differs", code);
}

Test(framework, ref_pack_round_trip)
{
        struct framework fw;
        load(&fw, NULL);
        char code[64];
        for (size_t i = 0; i < fw.ncaps; i++)
                pack_round_trip(&fw, fw.caps[i].code);
        for (size_t i = 0; i < fw.nthemes; i++) {
                pack_round_trip(&fw, fw.themes[i].code);
                for (size_t s = 0; s < fw.nstages; s++) {
                        snprintf(code, sizeof code, "%s.%s", fw.themes[i].code, fw.stages[s].code);
                        pack_round_trip(&fw, code);
                }
        }
        for (size_t i = 0; i < fw.nunits; i++)
                pack_round_trip(&fw, fw.units[i].code);
        for (size_t i = 0; i < fw.nelements; i++)
                pack_round_trip(&fw, fw.elements[i].code);
        /* what cannot be packed is 0, never a reference to something else */
        struct ref none = {REF_UNKNOWN, -1, -1, -1, -1, -1};
        cr_assert_eq(ref_pack(&none), 0u);
        struct ref huge = {REF_ELEMENT, -1, -1, -1, 0, 1 << 29};
        cr_assert_eq(ref_pack(&huge), 0u);
        struct ref stage = {REF_INDICATOR, 0, 0, 300, -1, -1};
        cr_assert_eq(ref_pack(&stage), 0u);
        framework_free(&fw);
}

static const struct fw_link *find_link(const struct framework *fw, const char *from, const char *to)
{
        struct ref f = must_parse(fw, from), t = must_parse(fw, to);
        for (size_t i = 0; i < fw->nlinks; i++) {
                const struct fw_link *l = &fw->links[i];
                bool from_ok = f.kind == REF_ELEMENT ? l->element == f.element
                                                     : (l->element < 0 && l->unit == f.unit);
                bool to_ok =
                    t.kind == REF_THEME ? l->theme == t.theme : (l->theme < 0 && l->cap == t.cap);
                if (from_ok && to_ok)
                        return l;
        }
        return NULL;
}

Test(framework, shipped_mapping)
{
        struct framework fw;
        load(&fw, NULL);
        const struct fw_link *l = find_link(&fw, "A1.1", "SLF");
        cr_assert_not_null(l, "A1.1 → SLF missing");
        cr_assert(l->direct);
        cr_assert_eq(l->unit, must_parse(&fw, "A1").unit);
        l = find_link(&fw, "A2", "VIS");
        cr_assert_not_null(l, "A2 → VIS missing");
        cr_assert(l->direct);
        cr_assert_eq(l->element, -1);
        l = find_link(&fw, "D1", "COL");
        cr_assert_not_null(l, "D1 → COL missing");
        cr_assert(l->direct);
        l = find_link(&fw, "D2", "COL");
        cr_assert_not_null(l, "D2 → COL missing");
        cr_assert(!l->direct, "D2 → COL is indirect");
        cr_assert_null(find_link(&fw, "A2", "SLF"));
        framework_free(&fw);
}

Test(framework, workbook_mapping_overrides_shipped)
{
        char *p = path_join(tmpdir, "mapping.csv");
        FILE *f = fopen(p, "w");
        cr_assert_not_null(f);
        fputs("from,to,kind,source\nE7,VIS,direct,our own grid\n", f);
        fclose(f);
        struct framework fw;
        load(&fw, tmpdir);
        cr_assert_str_eq(fw.map_path, p);
        cr_assert_eq(fw.nlinks, 1, "only the workbook's link: got %zu", fw.nlinks);
        const struct fw_link *l = &fw.links[0];
        cr_assert_eq(l->unit, must_parse(&fw, "E7").unit);
        cr_assert_eq(l->element, -1);
        cr_assert_eq(l->cap, must_parse(&fw, "VIS").cap);
        cr_assert_eq(l->theme, -1);
        cr_assert(l->direct);
        cr_assert_str_eq(l->source, "our own grid");
        /* the capabilities and standards still come from the shipped data */
        cr_assert_eq(fw.nindicators, 66);
        cr_assert_eq(fw.nunits, 21);
        framework_free(&fw);
        free(p);
}

Test(framework, search_path_and_describe)
{
        char *dir = framework_find(NULL, "sil");
        cr_assert_not_null(dir, "the shipped sil framework is not found");
        char counts[256];
        const char *kind = framework_describe(dir, counts, sizeof counts);
        cr_assert_str_eq(kind, "capabilities");
        cr_assert(strstr(counts, "6 capabilities, 22 themes, 66 indicators"), "%s", counts);
        free(dir);
        cr_assert_null(framework_find(NULL, "no-such-framework"));
        struct framework fw;
        struct diag d = {0};
        cr_assert_eq(framework_load(&fw, NULL, "../sil", NULL, NULL, NULL, &d), -1,
                     "an id with a path in it is refused");
        framework_free(&fw);
        diag_free(&d);
}

Test(framework, installed_paths_named_without_dot_dot)
{
        struct {
                const char *dir, *rel, *want;
        } t[] = {
            {"/usr/local/bin", "../share/capbook", "/usr/local/share/capbook"},
            {"/opt/capbook/bin", "../../data", "/opt/data"},
            {"/bin", "../../x", "/x"},
            {"/usr/bin", "data", "/usr/bin/data"},
            {"/usr/bin/", "conf/capbook.ini", "/usr/bin/conf/capbook.ini"},
            {"/usr/bin//", "../share", "/usr/share"},
            {"bin", "../share", "bin/../share"},
        };
        for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
                char *p = path_join_up(t[i].dir, t[i].rel);
                cr_assert_str_eq(p, t[i].want, "%s + %s", t[i].dir, t[i].rel);
                free(p);
        }
        /* the search path of the built program has no "/../" in it */
        char *dirs[16];
        size_t n = framework_search_path(NULL, dirs, 16);
        for (size_t i = 0; i < n; i++) {
                cr_assert_null(strstr(dirs[i], "/../"), "%s", dirs[i]);
                free(dirs[i]);
        }
}

/* One framework on its own, for capbook frameworks ID: nothing else loaded,
 * and a mapping, a standards map or an unknown id refused with a reason. */
Test(framework, load_one)
{
        struct framework fw;
        struct diag d = {0};
        cr_assert_eq(framework_load_one(&fw, NULL, "lmcs2008", &d), 0);
        cr_expect_eq(fw.nunits, 21);
        cr_expect_eq(fw.nelements, 23);
        cr_expect_eq(fw.ncaps, 0);
        cr_expect_eq(fw.nlinks, 0);
        cr_expect_str_eq(fw.std_id, "lmcs2008");
        framework_free(&fw);
        cr_assert_eq(framework_load_one(&fw, NULL, "sil", &d), 0);
        cr_expect_eq(fw.ncaps, 6);
        cr_expect_eq(fw.nindicators, 66);
        cr_expect_eq(fw.nunits, 0);
        cr_expect_null(fw.std_dir);
        framework_free(&fw);
        cr_expect_eq(diag_count(&d, DIAG_WARN), 0);
        cr_expect_eq(framework_load_one(&fw, NULL, "lmcs2008-sil", &d), -1);
        cr_expect(strstr(d.v[d.n - 1].msg, "is a mapping"), "%s", d.v[d.n - 1].msg);
        framework_free(&fw);
        cr_expect_eq(framework_load_one(&fw, NULL, "topss2004", &d), -1);
        cr_expect(strstr(d.v[d.n - 1].msg, "is a standards map"), "%s", d.v[d.n - 1].msg);
        framework_free(&fw);
        cr_expect_eq(framework_load_one(&fw, NULL, "../sil", &d), -1);
        cr_expect(strstr(d.v[d.n - 1].msg, "not found"), "%s", d.v[d.n - 1].msg);
        framework_free(&fw);
        diag_free(&d);
}
