/* fuzz_competence.c — competence references over the shipped 2004 map and
 * frameworks: never reads out of bounds; a reference it resolves prints back
 * (its canonical code) as one that resolves to the same competence; the
 * map's search and the CPD minimum's parser take any text. */
#include "core/competence.h"
#include "core/cpd.h"
#include "core/framework.h"
#include "core/spec.h"
#include "core/stdmap.h"
#include "fuzz/fuzz_common.h"

static struct framework fw;
static struct stdmap map;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        (void)argc, (void)argv;
        struct diag d = {0};
        if (framework_load(&fw, NULL, NULL, NULL, NULL, NULL, &d) < 0 ||
            stdmap_load(&map, NULL, false, &d) < 0 || map.nidentities == 0) {
                diag_print(&d, stderr);
                fprintf(stderr, "fuzz_competence: the shipped data (data/) was not found\n");
                exit(1);
        }
        diag_free(&d);
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *text = xstrndup((const char *)data, size); /* stops at a NUL, as a C string does */
        struct competence c, back;
        bool ok = competence_resolve(&map, &fw, text, &c);
        FUZZ_ASSERT(ok == (c.kind != COMP_OUTSIDE));
        FUZZ_ASSERT(c.used <= strlen(text));
        if (ok && c.kind != COMP_ORGANISATIONAL) {
                FUZZ_ASSERT(competence_resolve(&map, &fw, c.code, &back));
                FUZZ_ASSERT(back.kind == c.kind && back.index == c.index);
                FUZZ_ASSERT(strcmp(back.code, c.code) == 0);
        }
        (void)competence_title(&c);
        (void)competence_kind_name(&c);
        (void)competence_mix(&c);
        struct sm_hit h, *hits;
        (void)stdmap_lookup(&map, text, &h);
        free(hits = NULL);
        size_t n = stdmap_search(&map, text, &hits);
        FUZZ_ASSERT(n <= map.nstandards + map.nrelated + map.nearlier);
        free(hits);
        struct cpd_minimum min;
        if (cpd_minimum_parse(text, &min) == 0)
                FUZZ_ASSERT(min.set && min.amount > 0 && min.months >= 1);
        double v;
        if (cpd_amount_parse(text, &v))
                FUZZ_ASSERT(v >= 0);
        (void)mgr_level_parse(text);
        free(text);
        return 0;
}
