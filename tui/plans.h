/* plans.h — the 2004 standards put to work on screen: the map browser, the
 * views of the person management specification, the development plan and the
 * CPD record, the form over a row of any of the three, and the list a code is
 * picked from as one types. */
#ifndef CAPBOOK_TUI_PLANS_H
#define CAPBOOK_TUI_PLANS_H

#include "core/competence.h"
#include "tui/ui.h"

extern const struct view_ops view_map_ops, view_spec_ops, view_pdp_ops, view_cpd_ops;

/* The view an action names (ACT_SPEC, ACT_PDP, ACT_CPD, ACT_MAP), pushed over v,
 * or in place of v when v is another of the four. */
enum reaction plans_open(struct app *app, struct view *v, enum action act);

/* The row of the view's sheet to select once it is built again (a row just
 * added or edited); called by the form when it has recorded one. */
void plans_select(struct app *app, unsigned long view, const char *id);

/* The form over a row of the specification (WB_SPEC), the plan (WB_PDP) or the
 * CPD record (WB_CPD): id NULL adds one. parent: the view to show it in. */
void rowform_open(struct app *app, enum wb_sheet s, const char *id, unsigned long parent);
/* Reopens a form from a recovered draft ("spec:new", "cpd:edit:C3"); false
 * when the draft is not one of these forms. */
bool rowform_open_draft(struct app *app, const char *form, const struct strlist *cols,
                        const struct strlist *vals);

/* One thing to pick: the code written into the field, and the line shown. */
struct choice {
        char *code, *label;
};
/* The choices for what has been typed so far (caller frees with choices_free). */
typedef size_t (*choices_fn)(struct app *app, const char *typed, struct choice **out);
void choices_free(struct choice *v, size_t n);
/* Whether two codes are the same thing written two ways (NULL: the same text). */
typedef bool (*same_fn)(struct app *app, const char *a, const char *b);
/* The picker: a list recomputed as one types; Space marks (multi), Enter takes
 * the marked (or the selected) ones. Returns a "; " list, or the one code, or
 * NULL when cancelled (caller frees). initial: the field's list as it is. */
char *choose(struct app *app, const char *title, choices_fn fn, same_fn same, bool multi,
             const char *initial);

/* The choices each field offers. */
size_t choices_competences(struct app *app, const char *typed, struct choice **out);
size_t choices_refs(struct app *app, const char *typed, struct choice **out);
size_t choices_kinds(struct app *app, const char *typed, struct choice **out);
size_t choices_levels(struct app *app, const char *typed, struct choice **out);
size_t choices_evidence(struct app *app, const char *typed, struct choice **out);
bool same_competence(struct app *app, const char *a, const char *b);

/* A competence, requirement or code in a few words for a screen: "RMA RG6
 * Take responsibility …", "R1 Negotiation, planning …", "outside the map". */
void plans_describe_ref(const struct workbook *wb, const char *text, struct buf *out);
/* One letter (two for both) for the kind of a competence in the mix: g s p sp o
 * and ? outside the map. */
const char *plans_kind_tag(const struct competence *c);

#endif
