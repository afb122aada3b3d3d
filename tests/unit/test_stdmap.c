/* test_stdmap.c — the 2004 standards map as loaded: counts and text as
 * printed, identities for every related standard, codes matched as people
 * write them (spaces, colons, case, the map's misprints), lookup and search,
 * and a framework of the wrong kind refused with one message. */
#include "core/fileio.h"
#include "core/framework.h"
#include "core/stdmap.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(stdmap, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static void load(struct stdmap *m)
{
        struct diag d = {0};
        cr_assert_eq(stdmap_load(m, NULL, false, &d), 0, "stdmap_load: %s", first_msg(&d));
        cr_assert_eq(diag_count(&d, DIAG_NOTE), 0, "loading the shipped map: %s:%u: %s",
                     d.n ? d.v[0].file : "", d.n ? d.v[0].line : 0, first_msg(&d));
        diag_free(&d);
}

/* The identity a code as typed names, which must exist. */
static const struct sm_identity *ident(const struct stdmap *m, const char *code)
{
        int i = stdmap_identity(m, code);
        cr_assert_geq(i, 0, "%s names no identity", code);
        return &m->identities[i];
}

Test(stdmap, shipped_counts_and_text)
{
        struct stdmap m;
        load(&m);
        cr_assert_eq(m.nareas, 6);
        cr_assert_eq(m.nstandards, 46);
        cr_assert_eq(m.nrelated, 133);
        cr_assert_eq(m.ncategories, 19);
        cr_assert_eq(m.naliases, 6);
        cr_assert_eq(m.nearlier, 12);
        cr_assert_eq(m.ncpd_kinds, 17);
        static const char *const areas[][2] = {{"A", "Managing self and personal skills"},
                                               {"B", "Providing direction"},
                                               {"C", "Facilitating change"},
                                               {"D", "Working with people"},
                                               {"E", "Using resources"},
                                               {"F", "Achieving results"}};
        static const size_t per_area[] = {3, 11, 6, 7, 7, 12};
        for (size_t i = 0; i < 6; i++) {
                cr_assert_str_eq(m.areas[i].code, areas[i][0]);
                cr_assert_str_eq(m.areas[i].title, areas[i][1]);
                cr_assert_eq(m.areas[i].n, per_area[i], "area %s", areas[i][0]);
        }
        /* no B10 in the map */
        cr_assert_lt(stdmap_standard(&m, "B10"), 0);
        const struct sm_standard *b5 = &m.standards[stdmap_standard(&m, "B5")];
        cr_assert_str_eq(b5->title, "Provide leadership for your team");
        cr_assert_str_eq(b5->description, "to provide direction, motivate and support them to "
                                          "achieve both team and personal work objectives.");
        /* B5's related standards in map order: one specialist, one partnership */
        cr_assert_eq(b5->n, 2);
        cr_assert_str_eq(m.related[b5->first].code, "VSNT0: A1");
        cr_assert_eq(m.related[b5->first].kind, SM_SPECIALIST);
        cr_assert_str_eq(m.related[b5->first + 1].code, "DANOS: BB1");
        cr_assert_eq(m.related[b5->first + 1].kind, SM_PARTNERSHIP);
        cr_assert_eq(m.standards[stdmap_standard(&m, "B12")].n, 6, "B12 lists no partnership");
        /* the legend, grouped as printed, with its note on working titles */
        int hsc = stdmap_category(&m, "HSC");
        cr_assert_str_eq(m.categories[hsc].name, "Health and Social Care");
        cr_assert_str_eq(m.categories[hsc].list, "catalogue");
        cr_assert(strstr(m.categories[hsc].note, "working titles which may be revised"));
        cr_assert_str_eq(m.categories[stdmap_category(&m, "RMA")].list, "also");
        stdmap_free(&m);
}

Test(stdmap, every_related_standard_has_an_identity)
{
        struct stdmap m;
        load(&m);
        size_t nocat = 0;
        for (size_t i = 0; i < m.nrelated; i++) {
                const struct sm_related *r = &m.related[i];
                cr_assert_geq(r->nidentity, 1, "%s (under %s) has no identity", r->code,
                              m.standards[r->standard].code);
                for (unsigned k = 0; k < r->nidentity; k++)
                        nocat += m.identities[r->identity[k]].category < 0;
        }
        /* only "N1" (E1) prints no category of the legend */
        cr_assert_eq(nocat, 1);
        cr_assert_lt(ident(&m, "N1")->category, 0);
        stdmap_free(&m);
}

Test(stdmap, codes_as_people_write_them)
{
        struct stdmap m;
        load(&m);
        /* spaces, colons and case ignored */
        const struct sm_identity *rg6 = ident(&m, "RMA:RG6");
        cr_assert_str_eq(rg6->code, "RMA RG6");
        cr_assert_eq(ident(&m, "rma rg6"), rg6);
        cr_assert_eq(ident(&m, "RMARG6"), rg6);
        cr_assert_eq(ident(&m, " RMA : RG6 "), rg6);
        cr_assert_str_eq(m.related[rg6->rows[0]].code, "RMA RG6");
        /* the volunteering map: the legend's VSNT0, the worked example's VSNTO */
        const struct sm_identity *a4 = ident(&m, "VSNTO:A4");
        cr_assert_str_eq(a4->code, "VSNT0 A4");
        cr_assert_eq(ident(&m, "VSNT0: A4"), a4);
        cr_assert_str_eq(m.related[a4->rows[0]].title,
                         "Develop plans to meet your organisation's goals.");
        /* NHS KSF: the dimension is in the title; listed under A1 and D3 */
        const struct sm_identity *k2 = ident(&m, "NHSKSF Dimension 2");
        cr_assert_str_eq(k2->code, "NHSKSF Dimension 2");
        cr_assert_eq(ident(&m, "NHS KSF dimension 2"), k2);
        cr_assert_eq(k2->nrows, 2);
        cr_assert_eq(k2->kinds, SM_SPECIALIST | SM_PARTNERSHIP);
        cr_assert_neq(ident(&m, "NHSKSF Dimension 21"), k2);
        cr_assert_lt(stdmap_identity(&m, "NHS KSF"), 0, "the category alone names nothing");
        /* NHS LQF: cluster and quality, or the quality alone; F3's "NHS LQS" */
        const struct sm_identity *dfr = ident(&m, "NHS LQF Setting direction: Drive for results");
        cr_assert_eq(dfr->nrows, 2);
        cr_assert_eq(ident(&m, "NHSLQF Drive for results"), dfr);
        cr_assert_eq(ident(&m, "NHS LQS Setting direction: Drive for results"), dfr);
        cr_assert_str_eq(m.related[dfr->rows[1]].code, "NHS LQS");
        /* a cell printing two codes has an identity for each */
        const struct sm_identity *r2 = ident(&m, "RMRCC2"), *d14 = ident(&m, "HSC D1.4");
        cr_assert_neq(r2, d14);
        cr_assert_eq(r2->rows[0], d14->rows[0]);
        cr_assert_str_eq(m.related[r2->rows[0]].code, "RMRCC: 2 HSC: D1.4");
        cr_assert_str_eq(ident(&m, "RMA: C10")->code, "RMA C10");
        cr_assert_str_eq(ident(&m, "RMRCC 11")->code, "RMRCC 11");
        /* RMA HSC: L4U9 is HSC L4U9, and the whole printed code names it too */
        cr_assert_eq(ident(&m, "RMA HSC: L4U9"), ident(&m, "HSC:L4U9"));
        /* the map's own misprints, through aliases.csv */
        cr_assert_str_eq(ident(&m, "H&S: E")->code, "H+S E");
        cr_assert_eq(ident(&m, "H+S:E"), ident(&m, "H&S: E"));
        cr_assert_str_eq(ident(&m, "RMRC: 9")->code, "RMRCC 9");
        cr_assert_str_eq(ident(&m, "RM RCC:20")->code, "RMRCC 20");
        cr_assert_str_eq(ident(&m, "J:D301")->code, "YJ D301");
        cr_assert_str_eq(ident(&m, "CSNT0: F1")->code, "VSNT0 F1");
        /* one identity, printed two ways in two places: H57 (B12) and H:57 (C4) */
        const struct sm_identity *h57 = ident(&m, "H57");
        cr_assert_eq(h57->nrows, 2);
        cr_assert_eq(h57->kinds, SM_SPECIALIST | SM_PARTNERSHIP);
        cr_assert_str_eq(m.related[h57->rows[1]].code, "H:57");
        /* HSC is not H followed by SC */
        cr_assert_eq(ident(&m, "HSC:C1.1")->category, stdmap_category(&m, "HSC"));
        /* not in the map */
        cr_assert_lt(stdmap_identity(&m, "RMA:4"), 0);
        cr_assert_lt(stdmap_identity(&m, "RMA:SNH4U1"), 0);
        cr_assert_lt(stdmap_identity(&m, ""), 0);
        stdmap_free(&m);
}

Test(stdmap, lookup_each_kind)
{
        struct stdmap m;
        load(&m);
        struct sm_hit h;
        cr_assert(stdmap_lookup(&m, "b", &h));
        cr_assert_eq(h.kind, SM_HIT_AREA);
        cr_assert(stdmap_lookup(&m, "msc:d6", &h));
        cr_assert_eq(h.kind, SM_HIT_STANDARD);
        cr_assert_str_eq(m.standards[h.index].code, "D6");
        cr_assert(stdmap_lookup(&m, "F12", &h));
        cr_assert_eq(h.kind, SM_HIT_STANDARD);
        cr_assert(stdmap_lookup(&m, "sw:14", &h));
        cr_assert_eq(h.kind, SM_HIT_IDENTITY);
        cr_assert(stdmap_lookup(&m, "14", &h));
        cr_assert_eq(h.kind, SM_HIT_EARLIER);
        cr_assert_str_eq(m.earlier[h.index].title, "Fostering innovation");
        cr_assert_str_eq(m.earlier[h.index].description, "encouraging people to challenge");
        cr_assert(stdmap_lookup(&m, "VSNTO", &h));
        cr_assert_eq(h.kind, SM_HIT_CATEGORY);
        cr_assert_str_eq(m.categories[h.index].code, "VSNT0");
        cr_assert_not(stdmap_lookup(&m, "Z9", &h));
        /* the earlier numbering gives 24 no title of its own: none is made up */
        cr_assert_str_eq(m.earlier[stdmap_earlier(&m, "24")].title, "");
        cr_assert_lt(stdmap_earlier(&m, "2"), 0);
        stdmap_free(&m);
}

Test(stdmap, search_all_words_any_case)
{
        struct stdmap m;
        load(&m);
        struct sm_hit *hits;
        size_t n = stdmap_search(&m, "BUDGET", &hits);
        /* E1's title, and nothing else says budget */
        cr_assert_eq(n, 1);
        cr_assert_eq(hits[0].kind, SM_HIT_STANDARD);
        cr_assert_str_eq(m.standards[hits[0].index].code, "E1");
        free(hits);
        /* each word anywhere in one standard: "supervision" is in HSC E1.1 ("… using
         * supervision …") and DANOS AC2 ("Make use of supervision."); with "use"
         * only the second */
        n = stdmap_search(&m, "Supervision", &hits);
        cr_assert_eq(n, 2);
        cr_assert_eq(hits[0].kind, SM_HIT_RELATED);
        cr_assert_str_eq(m.related[hits[0].index].code, "HSC E1.1");
        cr_assert_str_eq(m.related[hits[1].index].code, "DANOS: AC2");
        free(hits);
        n = stdmap_search(&m, "supervision USE", &hits);
        cr_assert_eq(n, 1);
        cr_assert_str_eq(m.related[hits[0].index].code, "DANOS: AC2");
        free(hits);
        /* by category name, and by the earlier numbering's words */
        n = stdmap_search(&m, "volunteers", &hits);
        cr_assert_geq(n, 9, "the VSNT0 rows by their category's name");
        free(hits);
        n = stdmap_search(&m, "fostering", &hits);
        cr_assert_eq(n, 1);
        cr_assert_eq(hits[0].kind, SM_HIT_EARLIER);
        free(hits);
        cr_assert_eq(stdmap_search(&m, "   ", &hits), 0);
        cr_assert_eq(stdmap_search(&m, "budget zebra", &hits), 0);
        free(hits);
        stdmap_free(&m);
}

Test(stdmap, cpd_kinds_by_code_or_name)
{
        struct stdmap m;
        load(&m);
        cr_assert_str_eq(m.cpd_kinds[stdmap_cpd_kind(&m, "Shadowing")].code, "shadowing");
        cr_assert_str_eq(m.cpd_kinds[stdmap_cpd_kind(&m, "seminar, lecture or talk")].code,
                         "seminar");
        cr_assert_str_eq(m.cpd_kinds[stdmap_cpd_kind(&m, "REFLECTIVE-DIARY")].name,
                         "Reflective learning diary");
        cr_assert_lt(stdmap_cpd_kind(&m, "golf"), 0);
        stdmap_free(&m);
}

/* An organisation's own copy of the map, in the workbook's folder, wins. */
Test(stdmap, own_copy_in_the_workbook_folder)
{
        struct stdmap m;
        struct diag d = {0};
        cr_assert_eq(system("mkdir -p \"$HOME/wb/topss2004\" && cp data/topss2004/*.csv "
                            "\"$HOME/wb/topss2004/\" && printf 'code,title\\nZ,Zeta\\n' > "
                            "\"$HOME/wb/topss2004/areas.csv\""),
                     0);
        char *wb = path_join(tmpdir, "wb");
        /* its standards name areas A–F, which it no longer has: each said, none kept */
        cr_assert_neq(stdmap_load(&m, wb, false, &d), 0);
        cr_assert(strstr(first_msg(&d), "unknown functional area A"), "%s", first_msg(&d));
        cr_assert_eq(m.nareas, 1);
        cr_assert_str_eq(m.areas[0].title, "Zeta");
        cr_assert_eq(m.nstandards, 0);
        stdmap_free(&m);
        diag_free(&d);
        free(wb);
}

/* A workbook naming the 2004 map as its standards: one clear message, at the
 * line of workbook.ini that names it, and nothing else. */
Test(stdmap, map_as_standards_refused_once)
{
        char *dir = path_join(tmpdir, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "T", "manager", "AC", NULL, NULL, &d), 0);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        struct new_entry ne = {"actual", NULL, "R", "s", "A1.1; B1", "SLF.2", NULL, NULL};
        char *id = wb_add_entry(&wb, &ne, &d);
        cr_assert_not_null(id);
        free(id);
        cr_assert_eq(workbook_save(&wb, &d), 0);
        workbook_free(&wb);
        diag_free(&d);
        char *ini = path_join(dir, "workbook.ini");
        char *text;
        size_t len;
        cr_assert_eq(file_read(ini, &text, &len, NULL), 0);
        char *at = strstr(text, "standards = lmcs2008");
        cr_assert_not_null(at);
        struct buf b = {0};
        buf_add(&b, text, (size_t)(at - text));
        buf_adds(&b, "standards = topss2004");
        buf_adds(&b, at + strlen("standards = lmcs2008"));
        char err[256];
        cr_assert_eq(file_replace(ini, b.s, b.len, 0600, err, sizeof err), 0);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0, "the workbook still opens");
        workbook_check(&wb, &d);
        cr_assert_eq(d.n, 1, "%zu messages, the second: %s", d.n, d.n > 1 ? d.v[1].msg : "");
        cr_assert_eq(d.v[0].level, DIAG_ERROR);
        cr_assert_str_eq(path_basename(d.v[0].file), "workbook.ini");
        cr_assert_eq(d.v[0].line, 10);
        cr_assert(strstr(d.v[0].msg, "\"topss2004\" is the 2004 standards map"), "%s", d.v[0].msg);
        cr_assert(strstr(d.v[0].msg, "lmcs2008"), "the message says what to name instead");
        /* the evidence is kept as written */
        cr_assert_eq(wb.nentries, 1);
        cr_assert_str_eq(entry_get(&wb, &wb.entries[0], "elements"), "A1.1; B1");
        workbook_free(&wb);
        diag_free(&d);
        /* and standards where capabilities belong: one message too */
        buf_reset(&b);
        at = strstr(text, "capabilities = sil");
        cr_assert_not_null(at);
        buf_add(&b, text, (size_t)(at - text));
        buf_adds(&b, "capabilities = lmcs2008");
        buf_adds(&b, at + strlen("capabilities = sil"));
        cr_assert_eq(file_replace(ini, b.s, b.len, 0600, err, sizeof err), 0);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        workbook_check(&wb, &d);
        cr_assert_eq(d.n, 1, "%zu messages, the second: %s", d.n, d.n > 1 ? d.v[1].msg : "");
        cr_assert(strstr(d.v[0].msg, "holds standards, not capabilities"), "%s", d.v[0].msg);
        workbook_free(&wb);
        diag_free(&d);
        buf_free(&b);
        free(text), free(ini), free(dir);
}
