/* pdp.h — the personal development plan (pdp.csv): SMART targets (objective,
 * how it is measured, agreed with, due, done), each tied to a specification
 * row or a competence, at one of the three levels of the 2004 strategy. */
#ifndef CAPBOOK_PDP_H
#define CAPBOOK_PDP_H

#include "core/competence.h"
#include "core/diag.h"
#include "core/workbook.h"

#include <stdbool.h>

enum pdp_level { PDP_LEVEL_NONE, PDP_BASICS, PDP_QUALIFICATIONS, PDP_DISCRETE, PDP_LEVEL_UNKNOWN };

struct pdp_level_info {
        const char *code;  /* as written in the level column */
        const char *name;  /* short, for a screen */
        const char *words; /* the strategy's words */
};
/* Indexed by enum pdp_level, PDP_BASICS to PDP_DISCRETE. */
extern const struct pdp_level_info pdp_levels[PDP_LEVEL_UNKNOWN];

/* By code ("basics"), number ("1") or name, any case; empty is PDP_LEVEL_NONE. */
enum pdp_level pdp_level_parse(const char *s);

struct pdp_new {
        const char *objective, *measure, *agreed_with, *due, *link, *level;
};
/* Adds a target; returns its id (caller frees) or NULL (reason in d). A link
 * outside the map is kept and noted in d. */
char *pdp_add(struct workbook *wb, const struct pdp_new *n, struct diag *d);
/* Rewrites target id with n's fields and done (a date, yes, no or empty),
 * checked as pdp_add checks them, as one undo step. 0, or -1 (reason in d)
 * with nothing changed. */
int pdp_edit(struct workbook *wb, const char *id, const struct pdp_new *n, const char *done,
             struct diag *d);
void pdp_check(const struct workbook *wb, struct diag *d);

#endif
