/* competence.h — a competence reference as a person management specification,
 * a development target or a CPD activity names it: a 2004 generic standard, a
 * specialist or partnership standard of the map, a generic standard of the
 * earlier numbering, an LMCS unit or element, a Step into Leadership
 * capability, theme or indicator, an organisation's own competence, or a code
 * outside the map (kept as written, never given a title). */
#ifndef CAPBOOK_COMPETENCE_H
#define CAPBOOK_COMPETENCE_H

#include "core/framework.h"
#include "core/stdmap.h"

#include <stdbool.h>
#include <stddef.h>

enum comp_kind {
        COMP_OUTSIDE, /* not found: kept as written */
        COMP_GENERIC, /* a 2004 generic standard, written "MSC A1" (or "A1" when no unit is A1) */
        COMP_EARLIER, /* a generic standard of the earlier numbering: "14" */
        COMP_RELATED, /* a specialist or partnership standard of the map: "RMA RG6" */
        COMP_UNIT,    /* the workbook's standards: "A1" */
        COMP_ELEMENT, /* "A1.1" */
        COMP_CAPABILITY,    /* the workbook's capabilities: "SLF" */
        COMP_THEME,         /* "SLF.2" */
        COMP_INDICATOR,     /* "SLF.2.AC" */
        COMP_ORGANISATIONAL /* the organisation's own: "ORG: knowledge of policies" */
};

/* The four kinds of competence a profile mixes (and the codes outside the map). */
enum comp_mix_kind {
        MIX_GENERIC,
        MIX_SPECIALIST,
        MIX_PARTNERSHIP,
        MIX_ORGANISATIONAL,
        MIX_OUTSIDE,
        MIX_N
};

struct competence {
        enum comp_kind kind;
        int index;      /* standard, earlier, identity; unit, element, capability, theme */
        struct ref ref; /* the framework kinds */
        unsigned kinds; /* COMP_RELATED: enum sm_kind bits */
        bool ambiguous; /* a bare unit code that is also a 2004 generic standard (A1) */
        size_t used;    /* bytes of the text the code took; the rest is a title as written */
        /* canonical: "MSC A1", "RMA RG6", "14", "A1.1", "SLF.2", "ORG: words", or as written */
        char code[256];
        const char
            *title; /* the map's or framework's title (lives as long as they do); NULL: none */
};

/* Resolves one reference. Either table may be empty (fw NULL allowed). Text
 * after a code ("RMA:RG6 Take responsibility …") is taken as its title as
 * written. False (COMP_OUTSIDE, code as written) when nothing matches. */
bool competence_resolve(const struct stdmap *m, const struct framework *fw, const char *text,
                        struct competence *out);
/* The title to show: the map's or framework's, an organisational competence's
 * own words; NULL when none is known (never made up). */
const char *competence_title(const struct competence *c);
/* "generic standard (2004)", "specialist standard", "LMCS unit", "outside the map" … */
const char *competence_kind_name(const struct competence *c);
/* Which of the mix it counts in: a standard the map lists as both specialist
 * and partnership counts in both. */
unsigned competence_mix(const struct competence *c); /* bits 1 << enum comp_mix_kind */

extern const char *const comp_mix_name[MIX_N];

/* One competence a picker offers: its canonical code (what is written into a
 * sheet), its title and kind. */
struct comp_choice {
        enum comp_kind kind;
        unsigned kinds; /* COMP_RELATED: enum sm_kind bits */
        char code[96];
        const char *title;
};
/* Every competence of the map and the frameworks that typed picks out, in
 * order (2004 generic, the map's related standards, the earlier numbering,
 * capabilities and themes, units and elements): typed's words all in its code
 * or title (any case), or typed the start of its code with spaces and colons
 * ignored ("rmarg" finds RMA RG6, "VSNTO:A" the VSNT0 A codes). Empty typed:
 * all. Returns the number (caller frees *out). */
size_t competence_choices(const struct stdmap *m, const struct framework *fw, const char *typed,
                          struct comp_choice **out);

/* A profile's mix: distinct competences by kind. */
struct comp_mix {
        unsigned n[MIX_N];
        unsigned total; /* distinct competences, each once */
};

#endif
