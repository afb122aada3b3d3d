/* spec.h — the person management specification (spec.csv): the requirements of
 * a manager's job, each with the competences that meet it, the learning
 * opportunities and the organisational training; one row (id "whole") for the
 * whole specification; dated revisions and the review that is due; the
 * profile's mix of generic, specialist, partnership and organisational
 * competences against the guidance for the manager's level. */
#ifndef CAPBOOK_SPEC_H
#define CAPBOOK_SPEC_H

#include "core/competence.h"
#include "core/diag.h"
#include "core/text.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stddef.h>

/* The row of the whole specification: the role, and the learning
 * opportunities and organisational training for all of it. */
#define SPEC_WHOLE "whole"
/* What a requirement row writes to take the whole specification's value. */
#define SPEC_AS_ABOVE "as above"

struct mgr_level_info {
        const char *code, *name;
        const char *guidance; /* the 2004 map's and model's words for this level */
};
/* Indexed by enum mgr_level, LEVEL_FIRST_LINE to LEVEL_SENIOR. */
extern const struct mgr_level_info mgr_levels[LEVEL_UNKNOWN];
/* "first line", "first-line", "middle", "senior" (any case); empty: LEVEL_NONE. */
enum mgr_level mgr_level_parse(const char *s);

struct spec_req {
        size_t row; /* in spec.csv */
        struct competence *comps;
        size_t ncomps;
};

struct spec {
        struct spec_req *reqs; /* the requirement rows, in sheet order (not the whole row) */
        size_t nreqs;
        long whole;                            /* the row of the whole specification, or -1 */
        struct comp_mix mix;                   /* distinct competences over every requirement */
        char last_review[11], next_review[11]; /* "" when there is none */
        bool review_due;                       /* next_review is today or past */
};
/* Resolves every row against the map and the workbook's frameworks (call
 * workbook_map first if the sheet may have been made since opening). */
void spec_build(const struct workbook *wb, const char *today, struct spec *out);
void spec_free(struct spec *s);

/* A requirement row's learning or training: "as above" (any case) gives the
 * whole specification's (*inherited set). */
const char *spec_cell(const struct workbook *wb, size_t row, const char *col, bool *inherited);

/* What a development target's link or a CPD activity's reference names: a
 * specification row (row ≥ 0, "R3" or "whole") or else a competence. False
 * (comp outside the map) when it names neither; an empty text is false. */
struct spec_link {
        long row;
        struct competence comp;
};
bool spec_link_resolve(const struct workbook *wb, const char *text, struct spec_link *out);

struct spec_new {
        const char *requirement, *competences, *learning, *training;
};
/* Adds a requirement (its competences a `;` list, kept as written; those
 * outside the map are noted in d). Returns its id (caller frees) or NULL. */
char *spec_add(struct workbook *wb, const struct spec_new *n, struct diag *d);
/* Sets a cell of row id (SPEC_WHOLE included, made when missing) and dates
 * the row's revision today. */
int spec_set(struct workbook *wb, const char *id, const char *col, const char *value,
             struct diag *d);
/* Rewrites requirement id (SPEC_WHOLE included, made when missing) with n's
 * fields (a NULL field is left as it is; the competences a `;` list, those
 * outside the map noted in d) as one undo step, dating the row's revision
 * today when anything changed. 0, or -1 (reason in d) with nothing changed. */
int spec_edit(struct workbook *wb, const char *id, const struct spec_new *n, struct diag *d);
/* Records a review of the whole specification on date (NULL: today). */
int spec_review(struct workbook *wb, const char *date, struct diag *d);

/* The development targets tied to requirement id and the CPD activities that
 * refer to it, in words appended to why ("T3 is tied to it; C2 refers to
 * it"): what deleting it would leave pointing at nothing. How many. */
size_t spec_row_users(const struct workbook *wb, const char *id, struct buf *why);

/* The dated revisions, newest first: each date and the rows revised on it (a
 * row deleted that day as "R16 (deleted)"). */
struct spec_revision {
        char date[11];
        struct strlist ids;
};
size_t spec_revisions(const struct workbook *wb, struct spec_revision **out);
void spec_revisions_free(struct spec_revision *r, size_t n);

/* The guidance for the level and what the mix shows against it, as
 * sentences for a screen or a report. False when the mix does not follow
 * the guidance (or no level is set). */
bool spec_mix_note(enum mgr_level level, const struct comp_mix *mix, struct buf *out);

void spec_check(const struct workbook *wb, struct diag *d);

#endif
