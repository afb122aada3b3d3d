/* coverage.h — what the evidence covers at a stage: for every capability, theme,
 * unit and element, counts by status, told apart as direct (the entry names it)
 * or through the mapping (direct or indirect link); gaps and which units could
 * fill them; the unit planner; reverse transfer; the mapping grid of a unit. */
#ifndef CAPBOOK_COVERAGE_H
#define CAPBOOK_COVERAGE_H

#include "core/workbook.h"

#include <stdint.h>

struct tally {
        unsigned actual, planned, update, na;
};

struct cov {
        struct tally direct, mapped_direct, mapped_indirect;
};

/* Strongest first reading: what a mark on screen says. */
enum cov_mark {
        MARK_NONE,
        MARK_PLANNED,  /* only planned evidence */
        MARK_UPDATE,   /* evidence marked needs-update, none actual */
        MARK_NA,       /* marked not applicable */
        MARK_INDIRECT, /* actual only through an indirect link */
        MARK_MAPPED,   /* actual through a direct link */
        MARK_ACTUAL    /* actual evidence that names it */
};
extern const char *const cov_mark_name[];
extern const char cov_mark_letter[]; /* one ASCII letter per mark */

struct coverage {
        int stage;
        struct cov *caps, *themes, *units, *elements;
        size_t ncaps, nthemes, nunits, nelements;
};

void coverage_compute(const struct workbook *wb, int stage, struct coverage *c);
void coverage_free(struct coverage *c);
enum cov_mark cov_mark(const struct cov *c);
unsigned tally_total(const struct tally *t);

/* For every capability, theme, unit and element: the entries that count for it
 * at any stage, in entry order, each as entry << 2 | how (1 names it, 2 through
 * a direct link, 3 through an indirect link). A selection change is a lookup. */
struct link_list {
        uint32_t *v;
        size_t n, cap;
};
struct link_index {
        struct link_list *caps, *themes, *units, *elements;
        size_t ncaps, nthemes, nunits, nelements;
};
void link_index_build(const struct workbook *wb, struct link_index *x);
void link_index_free(struct link_index *x);

/* Does entry e count for this capability (theme -1) or theme at stage, and how?
 * Returns 0 no, 1 direct, 2 through a direct link, 3 through an indirect link. */
int entry_counts_for(const struct workbook *wb, const struct entry *e, int cap, int theme,
                     int stage);
/* Does entry e count for this unit (element -1) or element: 0 no, 1 names it,
 * 2 through a direct link, 3 through an indirect link. */
int entry_counts_for_nos(const struct workbook *wb, const struct entry *e, int unit, int element);

/* The mapping link between a unit (element -1) or element and a capability
 * (theme -1) or theme, as the panes mark it: 0 none, 1 direct, 2 indirect (a
 * direct link wins). A unit takes the links of its elements and a capability
 * those of its themes; an element takes its unit's own links and a theme its
 * capability's. */
int link_kind(const struct framework *fw, int unit, int element, int cap, int theme);
/* Does entry e name the unit (element -1) or the element itself? */
bool entry_names_nos(const struct entry *e, int unit, int element);

struct unit_hint {
        int unit;
        bool direct;
};

struct gap {
        int cap, theme; /* theme -1: the whole capability */
        enum cov_mark mark;
        struct unit_hint *units; /* units whose mapping links here */
        size_t nunits;
};

/* Capabilities and themes with no actual evidence at the stage, or only through
 * an indirect link (mark MARK_INDIRECT or below, n/a excepted), in framework order. */
size_t coverage_gaps(const struct workbook *wb, const struct coverage *c, struct gap **out);
void gaps_free(struct gap *g, size_t n);
/* Units whose links reach capability cap (theme -1) or theme. */
size_t links_to(const struct workbook *wb, int cap, int theme, struct unit_hint **out);

struct plan_row {
        int unit;
        enum unit_status status;
        size_t ncaps_direct, ncaps_indirect;
        int *caps; /* capabilities reached, in order */
        bool *caps_direct;
        size_t ncaps;
        size_t gaps_filled; /* current gaps (capabilities and themes) it links to */
};
size_t coverage_plan(const struct workbook *wb, const struct coverage *c, struct plan_row **out);
void plan_free(struct plan_row *p, size_t n);

struct transfer {
        int unit, element; /* element -1: the unit */
        bool direct;
        bool named; /* the entry already names it */
};
/* The NOS elements/units an entry's capability references map to. */
size_t entry_transfer(const struct workbook *wb, const struct entry *e, struct transfer **out);

/* Mapping grid of a unit: one row for the unit and one per element, one column
 * per capability. kind: 0 no link, 1 direct, 2 indirect. count: entries that
 * name the row's element (or unit) and count for the capability. */
struct grid_cell {
        int kind;
        unsigned actual, planned;
};
struct grid {
        int unit;
        size_t nrows, ncols; /* rows: unit then elements; cols: capabilities */
        struct grid_cell *cells;
        unsigned *row_entries; /* entries naming the row */
};
void coverage_grid(const struct workbook *wb, int unit, struct grid *g);
void grid_free(struct grid *g);

#endif
