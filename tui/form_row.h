/* form_row.h — what the form over a row of the specification, plan or CPD
 * record shares between its files: the fields of each sheet, the form's state
 * and its checks (form_row_fields.c); the view itself is form_row.c. */
#ifndef CAPBOOK_TUI_FORM_ROW_H
#define CAPBOOK_TUI_FORM_ROW_H

#include "tui/editor.h"
#include "tui/ui.h"

#include <stdint.h>
#include <time.h>

enum rf_pick { RP_NONE, RP_COMPETENCES, RP_REFS, RP_LINK, RP_KIND, RP_LEVEL, RP_EVIDENCE };
enum rf_check {
        RC_NONE,
        RC_REQUIRED,
        RC_DATE,
        RC_DATE_OR_EMPTY,
        RC_AMOUNT,
        RC_DONE,
        RC_LEVEL,
        RC_KIND,
        RC_EVIDENCE
};

struct rf_field {
        const char *col, *label;
        bool multiline; /* lines of text: Enter is a new line */
        bool wrap;      /* shown over several rows (a long list of codes) */
        enum rf_pick pick;
        enum rf_check check;
};

#define MAXF 8

struct rf_sheet {
        enum wb_sheet sheet;
        const char *key;  /* in the journal's draft names: spec, pdp, cpd */
        const char *what; /* "requirement", "development target", "CPD activity" */
        const struct rf_field *fields;
        int n;
};
struct rowform {
        const struct rf_sheet *rs;
        char *id; /* NULL: new */
        bool whole;
        unsigned long parent;
        struct editor ed[MAXF];
        char *error[MAXF];
        int cur;
        bool changed, finished;
        char key[64];
        struct form_draft draft; /* what the journal has of it */
        char title[200];
};

/* The fields of sheet s (WB_SPEC, WB_PDP, WB_CPD), or NULL. */
const struct rf_sheet *rf_sheet_of(enum wb_sheet s);
/* The sheet of a draft's form name ("cpd:" or "cpd:edit:C3"), or NULL. */
const struct rf_sheet *rf_sheet_of_draft(const char *form);
/* Field i's text as typed. */
const char *rf_val(struct rowform *f, int i);
/* The index of the field over column col, or -1. */
int rf_field_index(const struct rowform *f, const char *col);
/* Field i's message (fmt with arg), or none (fmt NULL). */
void rf_set_error(struct rowform *f, int i, const char *fmt, const char *arg);
/* Checks field i, leaving its message; false when it is wrong. */
bool rf_check_field(struct app *app, struct rowform *f, int i);
/* Every field checked, and the time of a CPD activity; false when one is wrong. */
bool rf_validate(struct app *app, struct rowform *f);

#endif
