/* report_units.c — the report's NOS pages: the unit and element mapping summary
 * tables (every unit and element against the capabilities, the candidate's own
 * marked), and for each unit the candidate takes its reference log sheet in the
 * paper form's layout, with lines to sign, and its mapping grid. */
#include "cli/cli.h"
#include "cli/report.h"
#include "core/signoff.h"

#include <stdlib.h>
#include <string.h>

static const char *kind_word(int kind)
{
        return kind == 1 ? "direct" : kind == 2 ? "indirect" : "";
}

/* Columns: the fixed ones, then one a capability (labelled by its code). */
static struct doc_col *cap_cols(const struct framework *fw, const struct doc_col *fixed,
                                size_t nfixed, size_t *ncols)
{
        *ncols = nfixed + fw->ncaps;
        struct doc_col *cols = xcalloc(*ncols, sizeof *cols);
        memcpy(cols, fixed, nfixed * sizeof *cols);
        for (size_t c = 0; c < fw->ncaps; c++)
                cols[nfixed + c] =
                    (struct doc_col){fw->caps[c].code, fw->caps[c].code, CELL_MARK, 0};
        return cols;
}

void report_unit_summary(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        static const struct doc_col fixed[] = {{"Unit", NULL, CELL_CODE, 6},
                                               {"Title", NULL, CELL_WIDE, 22},
                                               {"Kind", NULL, 0, 10},
                                               {"Taken", NULL, 0, 12}};
        size_t ncols;
        struct doc_col *cols = cap_cols(fw, fixed, 4, &ncols);
        struct doc_table t = {"unit_summary", NULL, cols, ncols};
        doc_note(r->doc, "Every unit against the six capabilities: direct or indirect mapping "
                         "links. The candidate's own units are in bold, with their status under "
                         "Taken.");
        doc_table(r->doc, &t);
        struct doc_cell *cells = xcalloc(ncols, sizeof *cells);
        for (size_t u = 0; u < fw->nunits; u++) {
                const char *taken = report_unit_taken(r->wb, (int)u);
                unsigned own = *taken ? CELL_STRONG : 0;
                cells[0] = (struct doc_cell){fw->units[u].code, own, NULL};
                cells[1] = (struct doc_cell){title_or_unknown(fw->units[u].title), own, NULL};
                cells[2] =
                    (struct doc_cell){fw->units[u].mandatory ? "mandatory" : "optional", 0, NULL};
                cells[3] = (struct doc_cell){taken, own, NULL};
                for (size_t c = 0; c < fw->ncaps; c++)
                        cells[4 + c] = (struct doc_cell){
                            kind_word(link_kind(fw, (int)u, -1, (int)c, -1)), 0, NULL};
                doc_row(r->doc, cells);
        }
        doc_table_end(r->doc);
        free(cells);
        free(cols);
}

/* An element's link to a capability, with the themes a link names on its own
 * ("direct (SLF.2)"). */
static void element_link(const struct framework *fw, int unit, int element, int cap,
                         struct buf *out)
{
        buf_adds(out, kind_word(link_kind(fw, unit, element, cap, -1)));
        bool first = true;
        for (size_t j = 0; j < fw->nlinks; j++) {
                const struct fw_link *l = &fw->links[j];
                if (l->theme < 0 || l->cap != cap ||
                    !(l->element == element || (l->element < 0 && l->unit == unit)))
                        continue;
                buf_printf(out, "%s%s", first ? " (" : ", ", fw->themes[l->theme].code);
                first = false;
        }
        if (!first)
                buf_addc(out, ')');
}

void report_element_summary(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        static const struct doc_col fixed[] = {{"Element", NULL, CELL_CODE, 9},
                                               {"Title", NULL, CELL_WIDE, 22},
                                               {"Taken", NULL, 0, 12}};
        size_t ncols;
        struct doc_col *cols = cap_cols(fw, fixed, 3, &ncols);
        struct doc_table t = {"element_summary", NULL, cols, ncols};
        doc_note(r->doc, "Every element against the capabilities, and against a theme where a "
                         "link names one (in brackets). An element takes its unit's links. The "
                         "elements of the candidate's own units are in bold.");
        doc_table(r->doc, &t);
        struct doc_cell *cells = xcalloc(ncols, sizeof *cells);
        struct buf *links = xcalloc(fw->ncaps + 1, sizeof *links);
        struct buf none = {0};
        for (size_t u = 0; u < fw->nunits; u++) {
                const struct fw_unit *un = &fw->units[u];
                const char *taken = report_unit_taken(r->wb, (int)u);
                unsigned own = *taken ? CELL_STRONG : 0;
                if (!un->nelements)
                        buf_printf(&none, "%s%s", none.len ? ", " : "", un->code);
                for (size_t k = 0; k < un->nelements; k++) {
                        int el = un->elements[k];
                        cells[0] = (struct doc_cell){fw->elements[el].code, own, NULL};
                        cells[1] =
                            (struct doc_cell){title_or_unknown(fw->elements[el].title), own, NULL};
                        cells[2] = (struct doc_cell){taken, own, NULL};
                        for (size_t c = 0; c < fw->ncaps; c++) {
                                buf_reset(&links[c]);
                                element_link(fw, (int)u, el, (int)c, &links[c]);
                                cells[3 + c] = (struct doc_cell){buf_str(&links[c]), 0, NULL};
                        }
                        doc_row(r->doc, cells);
                }
        }
        doc_table_end(r->doc);
        if (none.len) {
                struct buf b = {0};
                buf_printf(&b, "The elements of %s are not in the shipped data.", none.s);
                doc_note(r->doc, b.s);
                buf_free(&b);
        }
        buf_free(&none);
        for (size_t c = 0; c <= fw->ncaps; c++)
                buf_free(&links[c]);
        free(links);
        free(cells);
        free(cols);
}

/* Does entry e belong on unit's log sheet: does it name the unit or one of its
 * elements? */
static bool on_sheet(const struct fw_unit *u, const struct entry *e, int unit)
{
        if (entry_names_nos(e, unit, -1))
                return true;
        for (size_t k = 0; k < u->nelements; k++)
                if (entry_names_nos(e, unit, u->elements[k]))
                        return true;
        return false;
}

/* The entry's status, and for a planned one what it was revamped into. */
static void status_text(const struct workbook *wb, size_t entry, struct buf *out)
{
        const struct entry *e = &wb->entries[entry];
        buf_adds(out, ev_status_label[e->status]);
        for (size_t i = 0; i < wb->nentries; i++)
                if (wb->entries[i].revamps == (int)entry)
                        buf_printf(out, "; revamped into %s", entry_get(wb, &wb->entries[i], "id"));
}

/* Who signed: the name, and what a reader must know of the sign-off. */
static void signed_by_text(struct report *r, size_t entry, struct buf *out, unsigned *flags)
{
        struct signoff_status st;
        signoff_verify(r->wb, entry, &st);
        buf_adds(out, st.by);
        const char *sep = *st.by ? "\n" : "";
        if (st.by_candidate)
                buf_printf(out, "%s(from the candidate's own login)", sep), sep = "\n";
        switch (st.state) {
        case SO_CHANGED:
                buf_printf(out, "%sCHANGED since signed", sep);
                if (st.fields_known && st.changed) {
                        buf_adds(out, ": ");
                        signoff_changed_names(st.changed, out);
                }
                *flags = CELL_MISSING;
                break;
        case SO_NO_DIGEST: buf_printf(out, "%s(no digest)", sep); break;
        case SO_VOIDED:
                buf_printf(out, "%ssign-off voided", sep);
                if (*st.voided_login)
                        buf_printf(out, " by %s", st.voided_login);
                break;
        default: break;
        }
}

static void log_sheet_table(struct report *r, int unit)
{
        const struct workbook *wb = r->wb;
        const struct fw_unit *u = &wb->fw.units[unit];
        static const struct doc_col cols[] = {{"Unit", NULL, CELL_KEY, 0},
                                              {"Portfolio reference", "ref", CELL_CODE, 10},
                                              {"Entry", "id", CELL_CODE, 6},
                                              {"Description", "summary", CELL_WIDE, 23},
                                              {"Elements", NULL, CELL_CODE, 10},
                                              {"Indicators", NULL, CELL_CODE, 12},
                                              {"Status", NULL, 0, 9},
                                              {"Date", NULL, CELL_DATE, 11},
                                              {"Signed by", NULL, 0, 8},
                                              {"Signed on", NULL, CELL_DATE, 11}};
        static const struct doc_table t = {"log_sheet", NULL, cols, 10};
        struct buf status = {0}, by = {0};
        size_t n = 0;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (!on_sheet(u, e, unit))
                        continue;
                if (n++ == 0)
                        doc_table(r->doc, &t);
                buf_reset(&status), buf_reset(&by);
                status_text(wb, i, &status);
                unsigned byfl = 0;
                signed_by_text(r, i, &by, &byfl);
                struct doc_cell cells[] = {{u->code, 0, NULL},
                                           {entry_get(wb, e, "ref"), 0, NULL},
                                           {entry_get(wb, e, "id"), 0, NULL},
                                           {entry_get(wb, e, "summary"), 0, NULL},
                                           {entry_get(wb, e, "elements"), 0, NULL},
                                           {entry_get(wb, e, "indicators"), 0, NULL},
                                           {buf_str(&status), 0, NULL},
                                           {entry_get(wb, e, "date"), 0, NULL},
                                           {buf_str(&by), byfl, NULL},
                                           {entry_get(wb, e, "signed_on"), 0, NULL}};
                doc_row(r->doc, cells);
        }
        if (n)
                doc_table_end(r->doc);
        else
                doc_note(r->doc, "No evidence is logged against this unit or its elements yet.");
        buf_free(&status), buf_free(&by);
}

static void grid_table(struct report *r, int unit, int level)
{
        const struct framework *fw = &r->wb->fw;
        const struct fw_unit *u = &fw->units[unit];
        char anchor[64];
        report_anchor(anchor, sizeof anchor, "grid", u->code);
        struct buf b = {0};
        buf_printf(&b, "Mapping grid: %s", u->code);
        doc_heading(r->doc, level, anchor, b.s, 0);
        static const struct doc_col fixed[] = {{"Unit", NULL, CELL_KEY, 0},
                                               {"Row", NULL, CELL_CODE, 8},
                                               {"Title", NULL, CELL_WIDE, 29}};
        size_t ncols;
        struct doc_col *cols = cap_cols(fw, fixed, 3, &ncols);
        cols = xrealloc(cols, (ncols + 1) * sizeof *cols);
        cols[ncols++] = (struct doc_col){"Entries", NULL, CELL_NUM, 9};
        struct doc_table t = {"grid", NULL, cols, ncols};
        struct grid g;
        coverage_grid(r->wb, unit, &g);
        doc_table(r->doc, &t);
        struct doc_cell *cells = xcalloc(ncols, sizeof *cells);
        struct buf *text = xcalloc(g.ncols + 1, sizeof *text);
        for (size_t row = 0; row < g.nrows; row++) {
                int el = row ? u->elements[row - 1] : -1;
                cells[0] = (struct doc_cell){u->code, 0, NULL};
                cells[1] = (struct doc_cell){row ? fw->elements[el].code : u->code,
                                             row ? 0 : CELL_STRONG, NULL};
                cells[2] = (struct doc_cell){row ? title_or_unknown(fw->elements[el].title)
                                                 : "the unit as a whole",
                                             row ? 0 : CELL_STRONG, NULL};
                for (size_t c = 0; c < g.ncols; c++) {
                        const struct grid_cell *gc = &g.cells[row * g.ncols + c];
                        buf_reset(&text[c]);
                        /* the row's own link, then the entries; a dash for neither */
                        buf_adds(&text[c], kind_word(gc->kind));
                        if (gc->actual || gc->planned)
                                buf_printf(&text[c], "%s%u/%u", gc->kind ? " " : "", gc->actual,
                                           gc->planned);
                        else if (!gc->kind)
                                buf_adds(&text[c], "-");
                        cells[3 + c] = (struct doc_cell){buf_str(&text[c]), 0, NULL};
                }
                cells[ncols - 1] = (struct doc_cell){report_num(g.row_entries[row]), 0, NULL};
                doc_row(r->doc, cells);
        }
        doc_table_end(r->doc);
        doc_note(r->doc, "direct, indirect: the row's own mapping link to the capability; n/m: "
                         "the actual/planned entries naming the row that count for the "
                         "capability, by naming it or through a link of the row or its unit; "
                         "Entries: all the entries naming the row.");
        for (size_t c = 0; c <= g.ncols; c++)
                buf_free(&text[c]);
        free(text);
        free(cells);
        free(cols);
        grid_free(&g);
        buf_free(&b);
}

void report_unit_sheet(struct report *r, int unit, int level, bool new_page)
{
        struct workbook *wb = r->wb;
        const struct framework *fw = &wb->fw;
        const struct fw_unit *u = &fw->units[unit];
        char anchor[64], sl[64];
        report_anchor(anchor, sizeof anchor, "unit", u->code);
        struct buf b = {0};
        buf_printf(&b, "Reference log sheet: %s", u->code);
        doc_heading(r->doc, level, anchor, b.s, new_page ? HEAD_NEW_PAGE : 0);
        buf_reset(&b);
        buf_printf(&b, "%s %s (%s)", u->code, title_or_unknown(u->title),
                   u->mandatory ? "mandatory" : "optional");
        doc_field(r->doc, "Unit", b.s, 0);
        doc_field(r->doc, "Candidate", r->name, 0);
        buf_reset(&b);
        buf_printf(&b, "%s, %s", pathway_name(wb), stage_label(wb, r->stage, sl, sizeof sl));
        doc_field(r->doc, "Capabilities", b.s, 0);
        if (*wb->award)
                doc_field(r->doc, "Award", wb->award, 0);
        buf_reset(&b);
        const char *taken = report_unit_taken(wb, unit), *notes = wb_unit_notes(wb, unit);
        buf_printf(&b, "%s%s%s", *taken ? taken : "not chosen", *notes ? "; " : "", notes);
        doc_field(r->doc, "Unit status", b.s, 0);
        buf_reset(&b);
        for (size_t k = 0; k < u->nelements; k++) {
                const struct fw_element *e = &fw->elements[u->elements[k]];
                buf_printf(&b, "%s%s %s", k ? "\n" : "", e->code, title_or_unknown(e->title));
        }
        doc_field(r->doc, "Elements", b.len ? b.s : "(not in the shipped data)", 0);
        log_sheet_table(r, unit);
        static const char *const sign[] = {"Assessor's name", "Assessor's signature", "Date"};
        doc_signature(r->doc, sign, 3);
        grid_table(r, unit, level + 1);
        buf_free(&b);
}

void report_log_sheets(struct report *r)
{
        const struct framework *fw = &r->wb->fw;
        size_t n = 0;
        for (size_t u = 0; u < fw->nunits; u++) {
                if (wb_unit_status(r->wb, (int)u) == US_NONE)
                        continue;
                /* the first sheet starts on the section's own page */
                report_unit_sheet(r, (int)u, 3, n++ > 0);
        }
        if (!n)
                doc_note(r->doc, "The candidate has chosen no units yet (capbook unit PATH UNIT).");
}

void report_log_sheets_toc(struct report *r, struct strlist *titles, struct strlist *anchors)
{
        const struct framework *fw = &r->wb->fw;
        for (size_t u = 0; u < fw->nunits; u++) {
                if (wb_unit_status(r->wb, (int)u) == US_NONE)
                        continue;
                char anchor[64], title[320];
                report_anchor(anchor, sizeof anchor, "unit", fw->units[u].code);
                snprintf(title, sizeof title, "%s %s", fw->units[u].code,
                         title_or_unknown(fw->units[u].title));
                strlist_push(titles, title);
                strlist_push(anchors, anchor);
        }
}
