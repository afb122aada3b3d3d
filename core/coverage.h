/* coverage.h — what the evidence covers up to a stage: for every capability, theme,
 * unit and element, counts by status, told apart as direct (the entry names it)
 * or through the mapping (direct or indirect link), each stage on its own and
 * the stages taken together (the cumulative rule); gaps and which units could
 * fill them; the unit planner; reverse transfer; the mapping grid of a unit. */
#ifndef CAPBOOK_COVERAGE_H
#define CAPBOOK_COVERAGE_H

#include "core/workbook.h"

#include <stdint.h>

struct tally {
        unsigned actual, planned, update, na;
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

/* The counts are those of the one stage the coverage was computed at. For a
 * capability or theme, missing and earlier carry the cumulative rule: it is met
 * at a stage only with actual evidence naming it at that stage and at every
 * stage before (EM, then ES, then AC). */
struct cov {
        struct tally direct, mapped_direct, mapped_indirect;
        unsigned missing;      /* bit s: stage s (up to the coverage's) has no actual evidence
                                  naming it (and no n/a); 0 for units and elements */
        bool earlier_short;    /* a stage before the coverage's is missing … */
        enum cov_mark earlier; /* … and this is the weakest such stage's mark */
};

struct coverage {
        int stage;
        struct cov *caps, *themes, *units, *elements; /* up to stage (cumulative marks) */
        size_t ncaps, nthemes, nunits, nelements;
        size_t nstages;
        struct cov *stage_caps, *stage_themes; /* [s * ncaps + cap]: each stage on its own */
};

/* The coverage up to stage. An indicator counts at its own stage only; a theme
 * or capability named without a stage (SLF.2, SLF) counts at the workbook's
 * target stage, the indicators its log is kept against; evidence reaching a
 * capability or theme through the mapping has no stage: it counts (as "through
 * the mapping") at every stage and never makes a stage met. A not-applicable
 * entry counts for what it names, not for the unit or capability above it. */
void coverage_compute(const struct workbook *wb, int stage, struct coverage *c);
void coverage_free(struct coverage *c);
/* The mark shown: for a capability or theme, the weakest stage up to the
 * coverage's (a missing stage before it shows through). */
enum cov_mark cov_mark(const struct cov *c);
/* Met: actual evidence naming it at every stage up to the coverage's (n/a counts). */
bool cov_met(const struct cov *c);
unsigned tally_total(const struct tally *t);
/* The counts of every route added up: direct, through direct and through
 * indirect links (a planned entry reaching a theme through the mapping is planned). */
struct tally cov_sum(const struct cov *c);
/* Capability cap (theme -1) or theme at stage s alone, as the stages side by side
 * show it: its counts and mark, with no cumulative rule. */
const struct cov *coverage_at(const struct coverage *c, int stage, int cap, int theme);
/* What is missing up to the stage, in words: "ES missing", "EM and ES missing";
 * "" when met. */
void cov_missing_text(const struct framework *fw, const struct cov *c, struct buf *out);

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
        unsigned missing;        /* the stages missing (struct cov) */
        struct unit_hint *units; /* units whose mapping links here */
        size_t nunits;
};

/* Capabilities and themes not met at the stage (cov_met: a stage up to it has no
 * actual evidence naming them, whatever comes through the mapping), in framework
 * order. Each gap lists every unit whose links reach it, a theme's too. */
size_t coverage_gaps(const struct workbook *wb, const struct coverage *c, struct gap **out);
void gaps_free(struct gap *g, size_t n);
/* Whether the units that could fill gap i of g (n gaps, capgap: its capability's
 * gap, or NULL) are said after it: a capability's always; a theme's unless its
 * capability's gap said the same, and only after the last of a run of its
 * capability's themes that could come from the same units (*each: each of the
 * run could, so say it). */
bool gap_hints_here(const struct gap *g, size_t n, size_t i, const struct gap *capgap, bool *each);
/* Units whose links reach capability cap (theme -1) or theme. */
size_t links_to(const struct workbook *wb, int cap, int theme, struct unit_hint **out);

struct plan_row {
        int unit;
        enum unit_status status;
        size_t ncaps_direct, ncaps_indirect;
        int *caps; /* capabilities reached, in order */
        bool *caps_direct;
        size_t ncaps;
        size_t gaps_filled; /* current gaps (capabilities and themes not met) it links to */
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
 * per capability. kind: the row's own link, 0 none, 1 direct, 2 indirect. A
 * cell counts the entries that name the row (the element; on the unit row, the
 * unit itself) and count for the capability: by naming it (any theme or
 * indicator, any stage) or through a link from the row's element or its unit
 * to it, the links coverage counts by. So every entry naming A1.1 counts in
 * A1.1 × SLF (A1.1 links to SLF); an entry naming A1.2 counts in A1.2 × SLF
 * through A1's link, though the row's own mark shows none. */
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
