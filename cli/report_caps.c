/* report_caps.c — the report's capabilities: for each, the indicator text of
 * its themes at every stage up to the one reported at, each stage met or
 * missing; the entries that count for it, and how (naming an indicator, or
 * through which unit's or element's link); and what is missing. */
#include "cli/cli.h"
#include "cli/report.h"

#include <stdlib.h>
#include <string.h>

/* A theme at stage s on its own: met, n/a, or missing and what there is. */
static void theme_state(const struct cov *cv, struct buf *out, unsigned *flags)
{
        enum cov_mark m = cov_mark(cv);
        if (m == MARK_ACTUAL) {
                buf_printf(out, "met (%u actual)", cv->direct.actual);
                *flags = CELL_MET;
        } else if (m == MARK_NA) {
                buf_adds(out, "not applicable");
                *flags = CELL_MET;
        } else {
                buf_adds(out, "missing");
                if (m != MARK_NONE)
                        buf_printf(out, " (%s)", cov_mark_name[m]);
                *flags = CELL_MISSING;
        }
}

static void indicators_table(struct report *r, int cap)
{
        const struct framework *fw = &r->wb->fw;
        static const struct doc_col cols[] = {{"Capability", NULL, CELL_KEY, 0},
                                              {"Theme", NULL, CELL_CODE, 22},
                                              {"Stage", NULL, CELL_CODE, 7},
                                              {"Indicator", NULL, CELL_WIDE, 53},
                                              {"State", NULL, 0, 18}};
        static const struct doc_table t = {"indicators", NULL, cols, 5};
        doc_table(r->doc, &t);
        struct buf theme = {0}, text = {0}, state = {0};
        for (size_t k = 0; k < fw->caps[cap].nthemes; k++) {
                int th = fw->caps[cap].themes[k];
                buf_reset(&theme);
                buf_printf(&theme, "%s %s", fw->themes[th].code, fw->themes[th].name);
                for (int s = 0; s <= r->stage; s++) {
                        buf_reset(&text);
                        buf_reset(&state);
                        if (!fw_indicator_text(fw, th, s, r->wb->pathway_index, &text))
                                buf_adds(&text, "(no indicator text in the framework)");
                        unsigned fl = 0;
                        theme_state(coverage_at(&r->cov, s, cap, th), &state, &fl);
                        struct doc_cell cells[] = {{fw->caps[cap].code, 0, NULL},
                                                   {buf_str(&theme), s ? CELL_REPEAT : 0, NULL},
                                                   {fw->stages[s].code, 0, NULL},
                                                   {buf_str(&text), 0, NULL},
                                                   {buf_str(&state), fl, NULL}};
                        doc_row(r->doc, cells);
                }
        }
        doc_table_end(r->doc);
        buf_free(&theme), buf_free(&text), buf_free(&state);
}

/* How entry e counts for capability cap up to the stage: the references of its
 * own that name the capability, and the units and elements whose links reach
 * it ("SLF.2.AC; through A1.1 (direct link)"). False if it does not count. */
static bool counts_for(struct report *r, const struct entry *e, int cap, struct buf *out)
{
        const struct framework *fw = &r->wb->fw;
        bool counts = false;
        for (int s = 0; s <= r->stage && !counts; s++)
                counts = entry_counts_for(r->wb, e, cap, -1, s) != 0;
        if (!counts)
                return false;
        char code[64];
        struct buf links = {0};
        for (unsigned i = 0; i < e->nrefs; i++) {
                struct ref ref;
                entry_ref(r->wb, e, i, &ref);
                const struct ref *rf = &ref;
                bool named = false;
                int kind = 0;
                switch (rf->kind) {
                case REF_CAPABILITY:
                case REF_THEME: named = rf->cap == cap; break;
                case REF_INDICATOR: named = rf->cap == cap && rf->stage <= r->stage; break;
                case REF_UNIT:
                case REF_ELEMENT: kind = link_kind(fw, rf->unit, rf->element, cap, -1); break;
                default: break;
                }
                if (!named && !kind)
                        continue;
                ref_code(fw, rf, code, sizeof code);
                if (named)
                        buf_printf(out, "%s%s", out->len ? "; " : "", code);
                else
                        buf_printf(&links, "%sthrough %s (%s link)", links.len ? "; " : "", code,
                                   link_kind_word(kind == 1));
        }
        /* what the entry names first, then what reaches the capability for it */
        if (links.len)
                buf_printf(out, "%s%s", out->len ? "; " : "", links.s);
        buf_free(&links);
        return true;
}

static void evidence_table(struct report *r, int cap)
{
        const struct workbook *wb = r->wb;
        static const struct doc_col cols[] = {
            {"Capability", NULL, CELL_KEY, 0}, {"Ref", NULL, CELL_CODE, 14},
            {"Entry", NULL, CELL_CODE, 8},     {"Date", NULL, CELL_DATE, 11},
            {"Status", NULL, 0, 14},           {"Counts for", NULL, CELL_WIDE, 53}};
        static const struct doc_table t = {"capability_evidence", NULL, cols, 6};
        struct buf how = {0};
        size_t n = 0;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                buf_reset(&how);
                if (!counts_for(r, e, cap, &how))
                        continue;
                if (n++ == 0)
                        doc_table(r->doc, &t);
                const char *row[] = {wb->fw.caps[cap].code,      entry_get(wb, e, "ref"),
                                     entry_get(wb, e, "id"),     entry_get(wb, e, "date"),
                                     ev_status_label[e->status], buf_str(&how)};
                doc_row_text(r->doc, row);
        }
        if (n)
                doc_table_end(r->doc);
        else
                doc_note(r->doc, "No entry counts for it yet.");
        buf_free(&how);
}

/* What is missing up to the stage: the capability's stages, then each theme's. */
static void missing_field(struct report *r, int cap)
{
        const struct framework *fw = &r->wb->fw;
        struct buf b = {0}, m = {0};
        cov_missing_text(fw, &r->cov.caps[cap], &m);
        if (m.len)
                buf_printf(&b, "%s: %s", fw->caps[cap].code, m.s);
        for (size_t k = 0; k < fw->caps[cap].nthemes; k++) {
                int th = fw->caps[cap].themes[k];
                buf_reset(&m);
                cov_missing_text(fw, &r->cov.themes[th], &m);
                if (m.len)
                        buf_printf(&b, "%s%s: %s", b.len ? "; " : "", fw->themes[th].code, m.s);
        }
        bool any = b.len > 0;
        if (!any)
                buf_printf(&b, "nothing: met at every stage up to %s", fw->stages[r->stage].code);
        doc_field(r->doc, "Missing", b.s, any ? CELL_MISSING : 0);
        buf_free(&b), buf_free(&m);
}

void report_capabilities(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        char sl[64];
        struct buf b = {0};
        buf_printf(&b,
                   "The indicators of the %s pathway at each stage up to %s, whether each stage "
                   "is met, and the entries that count for each capability.",
                   pathway_name(r->wb), stage_label(r->wb, r->stage, sl, sizeof sl));
        doc_note(r->doc, b.s);
        for (size_t c = 0; c < fw->ncaps; c++) {
                char anchor[64];
                report_anchor(anchor, sizeof anchor, "cap", fw->caps[c].code);
                buf_reset(&b);
                buf_printf(&b, "%s %s", fw->caps[c].code, fw->caps[c].name);
                doc_heading(r->doc, 3, anchor, b.s, 0);
                buf_reset(&b);
                struct buf m = {0};
                cov_missing_text(fw, &r->cov.caps[c], &m);
                buf_printf(&b, "%s%s%s", cov_mark_name[cov_mark(&r->cov.caps[c])],
                           m.len ? "; " : "", buf_str(&m));
                buf_free(&m);
                doc_field(r->doc, "Coverage", b.s, 0);
                indicators_table(r, (int)c);
                evidence_table(r, (int)c);
                missing_field(r, (int)c);
        }
        buf_free(&b);
}

void report_capabilities_toc(struct report *r, struct strlist *titles, struct strlist *anchors)
{
        const struct framework *fw = &r->wb->fw;
        for (size_t c = 0; c < fw->ncaps; c++) {
                char anchor[64], title[256];
                report_anchor(anchor, sizeof anchor, "cap", fw->caps[c].code);
                snprintf(title, sizeof title, "%s %s", fw->caps[c].code, fw->caps[c].name);
                strlist_push(titles, title);
                strlist_push(anchors, anchor);
        }
}
