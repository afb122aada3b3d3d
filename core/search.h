/* search.h — finding text in a workbook: capabilities and themes (with their
 * indicators' words), units and elements, and entries, each walked in its own
 * order from a position, round the end; every row of each, whatever its size. */
#ifndef CAPBOOK_SEARCH_H
#define CAPBOOK_SEARCH_H

#include "core/workbook.h"

#include <stdbool.h>

enum search_scope {
        SEARCH_CAPS,   /* capabilities and their themes, in tree order */
        SEARCH_NOS,    /* units and their elements, in framework order */
        SEARCH_ENTRIES /* evidence entries, in entry order */
};

/* A row of a scope: capability and theme (-1 for the capability itself), unit
 * and element (-1 for the unit), or entry (b unused). */
struct search_at {
        int a, b;
};

/* Finds text (case-insensitive) in the rows of scope after from (dir 1) or
 * before it (dir -1), round the end. from itself is tried last, and only when
 * with_from; a from that is no row of the scope counts as the first. True and
 * the row in *hit when found. Capabilities and themes match by code and name, a
 * theme also by its indicators' words on the workbook's pathway; units and
 * elements by code and title; entries by id, ref, summary, elements, indicators
 * and rationale. */
bool search_find(const struct workbook *wb, enum search_scope scope, const char *text,
                 struct search_at from, int dir, bool with_from, struct search_at *hit);

#endif
