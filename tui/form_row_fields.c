/* form_row_fields.c — the fields of the specification's, the plan's and the CPD
 * record's row form, sheet by sheet, and the checks of what is typed in them. */
#include "core/cpd.h"
#include "core/pdp.h"
#include "core/text.h"
#include "tui/form_row.h"

#include <stdlib.h>
#include <string.h>

static const struct rf_field spec_fields[] = {
    {"requirement", "Requirement", true, true, RP_NONE, RC_REQUIRED},
    {"competences", "Competences", false, true, RP_COMPETENCES, RC_NONE},
    {"learning", "Learning", true, true, RP_NONE, RC_NONE},
    {"training", "Training", true, true, RP_NONE, RC_NONE},
};
static const struct rf_field pdp_fields[] = {
    {"objective", "Objective", true, true, RP_NONE, RC_REQUIRED},
    {"measure", "Measure", false, true, RP_NONE, RC_NONE},
    {"agreed_with", "Agreed with", false, false, RP_NONE, RC_NONE},
    {"due", "Due", false, false, RP_NONE, RC_DATE_OR_EMPTY},
    {"done", "Done", false, false, RP_NONE, RC_DONE},
    {"link", "Tied to", false, false, RP_LINK, RC_NONE},
    {"level", "Level", false, false, RP_LEVEL, RC_LEVEL},
};
static const struct rf_field cpd_fields[] = {
    {"date", "Date", false, false, RP_NONE, RC_DATE},
    {"activity", "Activity", true, true, RP_NONE, RC_REQUIRED},
    {"kind", "Kind", false, false, RP_KIND, RC_KIND},
    {"days", "Days", false, false, RP_NONE, RC_AMOUNT},
    {"hours", "Hours", false, false, RP_NONE, RC_AMOUNT},
    {"learnt", "Learnt", true, true, RP_NONE, RC_NONE},
    {"refs", "Relates to", false, true, RP_REFS, RC_NONE},
    {"evidence", "Evidence", false, false, RP_EVIDENCE, RC_EVIDENCE},
};
static const struct rf_sheet rf_sheets[] = {
    {WB_SPEC, "spec", "requirement of the specification", spec_fields, 4},
    {WB_PDP, "pdp", "development target", pdp_fields, 7},
    {WB_CPD, "cpd", "CPD activity", cpd_fields, 8},
};

const struct rf_sheet *rf_sheet_of(enum wb_sheet s)
{
        for (size_t i = 0; i < sizeof rf_sheets / sizeof *rf_sheets; i++)
                if (rf_sheets[i].sheet == s)
                        return &rf_sheets[i];
        return NULL;
}

const struct rf_sheet *rf_sheet_of_draft(const char *form)
{
        for (size_t i = 0; i < sizeof rf_sheets / sizeof *rf_sheets; i++) {
                size_t kl = strlen(rf_sheets[i].key);
                if (strncmp(form, rf_sheets[i].key, kl) == 0 && form[kl] == ':')
                        return &rf_sheets[i];
        }
        return NULL;
}

const char *rf_val(struct rowform *f, int i)
{
        return buf_str(&f->ed[i].text);
}

int rf_field_index(const struct rowform *f, const char *col)
{
        for (int i = 0; i < f->rs->n; i++)
                if (strcmp(f->rs->fields[i].col, col) == 0)
                        return i;
        return -1;
}

/* --- checks --------------------------------------------------------------------------- */

void rf_set_error(struct rowform *f, int i, const char *fmt, const char *arg)
{
        free(f->error[i]);
        f->error[i] = NULL;
        if (fmt) {
                struct buf b = {0};
                buf_printf(&b, fmt, arg ? arg : "");
                f->error[i] = buf_take(&b);
        }
}

bool rf_check_field(struct app *app, struct rowform *f, int i)
{
        const struct workbook *wb = &app->ses.wb;
        const char *v = rf_val(f, i);
        double x;
        switch (f->rs->fields[i].check) {
        case RC_REQUIRED:
                if (!*v && !f->whole) {
                        rf_set_error(f, i, "say what it is", NULL);
                        return false;
                }
                break;
        case RC_DATE:
                if (!date_valid(v)) {
                        rf_set_error(f, i, "a date: YYYY-MM-DD", NULL);
                        return false;
                }
                break;
        case RC_DATE_OR_EMPTY:
                if (*v && !date_valid(v)) {
                        rf_set_error(f, i, "a date: YYYY-MM-DD, or empty", NULL);
                        return false;
                }
                break;
        case RC_AMOUNT:
                if (*v && !cpd_amount_parse(v, &x)) {
                        rf_set_error(f, i, "a number (7.5, 0,5), or empty", NULL);
                        return false;
                }
                break;
        case RC_DONE:
                if (*v && !date_valid(v) && !str_ieq(v, "yes") && !str_ieq(v, "no")) {
                        rf_set_error(f, i, "a date (YYYY-MM-DD), yes, no, or empty", NULL);
                        return false;
                }
                break;
        case RC_LEVEL:
                if (pdp_level_parse(v) == PDP_LEVEL_UNKNOWN) {
                        rf_set_error(f, i, "basics, qualifications or discrete (F2 lists them)",
                                     NULL);
                        return false;
                }
                break;
        case RC_KIND:
                if (wb->map.ncpd_kinds && stdmap_cpd_kind(&wb->map, v) < 0) {
                        rf_set_error(f, i, "not a kind of CPD activity: %s (F2 lists them)", v);
                        return false;
                }
                break;
        case RC_EVIDENCE: {
                struct strlist l = {0};
                strlist_split(&l, v);
                for (size_t k = 0; k < l.n; k++)
                        if (wb_entry_by_id(wb, l.v[k]) < 0) {
                                rf_set_error(f, i, "not an entry here: %s (F2 lists them)", l.v[k]);
                                strlist_free(&l);
                                return false;
                        }
                strlist_free(&l);
                break;
        }
        case RC_NONE: break;
        }
        return true;
}

bool rf_validate(struct app *app, struct rowform *f)
{
        bool ok = true;
        for (int i = 0; i < f->rs->n; i++) {
                rf_set_error(f, i, NULL, NULL);
                ok &= rf_check_field(app, f, i);
        }
        int d = rf_field_index(f, "days"), h = rf_field_index(f, "hours");
        if (d >= 0 && !*rf_val(f, d) && !*rf_val(f, h) && !f->error[d]) {
                rf_set_error(f, d, "the time it took: days or hours", NULL);
                ok = false;
        }
        return ok;
}
