/* fuzz_ref.c — the reference parser over the shipped frameworks: never reads out
 * of bounds; a code it accepts prints back (ref_code) as a code that parses to
 * the same reference. */
#include "core/framework.h"
#include "fuzz/fuzz_common.h"

static struct framework fw;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        (void)argc, (void)argv;
        struct diag d = {0};
        if (framework_load(&fw, NULL, NULL, NULL, NULL, NULL, &d) < 0 || fw.nthemes == 0) {
                diag_print(&d, stderr);
                fprintf(stderr, "fuzz_ref: the shipped frameworks (data/) were not found\n");
                exit(1);
        }
        diag_free(&d);
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *code = xstrndup((const char *)data, size); /* stops at a NUL, as a C string does */
        struct ref r;
        bool ok = ref_parse(&fw, code, &r);
        FUZZ_ASSERT(ok == (r.kind != REF_UNKNOWN));
        if (ok) {
                char back[128];
                ref_code(&fw, &r, back, sizeof back);
                struct ref r2;
                FUZZ_ASSERT(ref_parse(&fw, back, &r2));
                FUZZ_ASSERT(r2.kind == r.kind && r2.cap == r.cap && r2.theme == r.theme &&
                            r2.stage == r.stage && r2.unit == r.unit && r2.element == r.element);
                if (r.kind == REF_INDICATOR)
                        for (int p = -1; p <= (int)fw.npathways; p++)
                                (void)fw_indicator(&fw, r.theme, r.stage, p, NULL);
        }
        (void)fw_stage_index(&fw, code);
        (void)fw_pathway_index(&fw, code);
        free(code);
        return 0;
}
