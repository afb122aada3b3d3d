/* stdmap.h — the Topss England 2004 standards map (data folder topss2004):
 * functional areas, generic standards, the specialist and partnership standards
 * listed against them, each with an identity that matches codes as people write
 * them; the category legend and its aliases; the generic standards an earlier
 * numbering cites; the kinds of CPD activity. Browsing, lookup and search. */
#ifndef CAPBOOK_STDMAP_H
#define CAPBOOK_STDMAP_H

#include "core/diag.h"
#include "core/strmap.h"
#include "core/text.h"

#include <stdbool.h>
#include <stddef.h>

#define STDMAP_ID "topss2004"

/* Which list of the map a related standard is in (bits: an identity may be in both). */
enum sm_kind { SM_SPECIALIST = 1, SM_PARTNERSHIP = 2 };

struct sm_area {
        char *code, *title;
        size_t first, n; /* its generic standards: standards[first .. first+n) */
};
struct sm_standard {
        char *code, *title, *description;
        int area;
        size_t first, n; /* its related standards: related[first .. first+n), map order */
};
/* One entry of a specialist or partnership list, as printed. A cell that prints
 * two codes ("RMRCC: 2 HSC: D1.4") has an identity for each. */
struct sm_related {
        int standard;
        enum sm_kind kind;
        char *code, *title;
        int identity[2];
        unsigned nidentity;
        unsigned line; /* in related.csv */
};
/* A related standard as people name it: its legend category and its own code
 * ("RMRCC 12"), or for NHS KSF and LQF the dimension or quality from its title
 * ("NHSKSF Dimension 2"). The map may list one identity several times. */
struct sm_identity {
        char *code;
        int category;   /* in categories, or -1 (no legend category: "N1") */
        unsigned kinds; /* enum sm_kind bits over its rows */
        int *rows;
        size_t nrows;
};
struct sm_category {
        char *code, *name, *list,
            *note; /* list: "catalogue" or "also", as the legend groups them */
};
/* A category written otherwise than the legend prints it: the map's own misprints. */
struct sm_alias {
        char *printed, *note;
        int category;
};
/* A generic standard cited by a number from an earlier numbering ("14 Fostering
 * innovation"): kept as printed, never tied to A1–F12. */
struct sm_earlier {
        char *number, *title, *description, *cited_for, *note;
};
struct sm_cpd_kind {
        char *code, *name, *source;
};

struct stdmap {
        char *dir; /* where it was found; NULL: not loaded */
        struct sm_area *areas;
        struct sm_standard *standards;
        struct sm_related *related;
        struct sm_identity *identities;
        struct sm_category *categories;
        struct sm_alias *aliases;
        struct sm_earlier *earlier;
        struct sm_cpd_kind *cpd_kinds;
        size_t nareas, nstandards, nrelated, nidentities, ncategories, naliases, nearlier,
            ncpd_kinds;
        char **prefixes; /* the categories and aliases as matched: squeezed */
        int *prefix_category;
        size_t nprefixes;
        struct strmap keys;     /* an identity's match key → identity */
        struct strmap generic;  /* "A1" → standard */
        struct strmap numbered; /* "14" → earlier */
};

/* Loads the map found by id topss2004 along the framework search path. 0 ok;
 * -1 not found or unreadable (reason in d unless quiet_missing and not found). */
int stdmap_load(struct stdmap *m, const char *workbook_dir, bool quiet_missing, struct diag *d);
void stdmap_free(struct stdmap *m);

/* The match key of a code as typed: spaces, tabs and colons dropped, upper
 * case, and a legend category or alias at its start written as the legend
 * prints it ("VSNTO: A4" → "VSNT0A4"). *category gets the category or -1. */
void stdmap_key(const struct stdmap *m, const char *text, size_t len, struct buf *key,
                int *category);

/* Finders; each -1 when there is none. */
int stdmap_area(const struct stdmap *m, const char *code);     /* "B" */
int stdmap_standard(const struct stdmap *m, const char *code); /* "B5", "MSC B5", "msc:b5" */
int stdmap_identity(const struct stdmap *m, const char *code); /* "RMA:RG6", "NHSKSF Dimension 2" */
int stdmap_earlier(const struct stdmap *m, const char *number); /* "14" */
int stdmap_category(const struct stdmap *m, const char *code);  /* "RMA", "VSNTO", "H&S" */
int stdmap_cpd_kind(const struct stdmap *m, const char *text);  /* by code or name, any case */

/* What a code names, for `capbook standards CODE`. */
enum sm_hit_kind {
        SM_HIT_AREA,
        SM_HIT_STANDARD,
        SM_HIT_RELATED,
        SM_HIT_IDENTITY,
        SM_HIT_EARLIER,
        SM_HIT_CATEGORY
};
struct sm_hit {
        enum sm_hit_kind kind;
        int index;
};
bool stdmap_lookup(const struct stdmap *m, const char *code, struct sm_hit *out);
/* Everything whose words hold every word of query (any case), in map order:
 * generic standards (code, title, description), related standards (code,
 * identity, title, category name), earlier-numbered standards. Returns the
 * number found; *hits (caller frees) holds them. */
size_t stdmap_search(const struct stdmap *m, const char *query, struct sm_hit **hits);

#endif
