/* framework.h — the reference data: capabilities, themes, stages, pathways and
 * indicators; NOS units and elements; the mapping between them; resources; and
 * the 2004 standards map. Found by id along a search path, loaded from CSV. */
#ifndef CAPBOOK_FRAMEWORK_H
#define CAPBOOK_FRAMEWORK_H

#include "core/diag.h"
#include "core/strmap.h"
#include "core/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fw_capability {
        char *code, *name, *description;
        int *themes;
        size_t nthemes;
};
struct fw_theme {
        char *code, *name;
        int cap;
};
struct fw_stage {
        char *code, *name, *description;
};
struct fw_pathway {
        char *id, *name, *note;
        bool shipped; /* indicator text shipped for this pathway */
};
struct fw_indicator {
        char *code, *text, *clf;
        int theme, stage, pathway;
};
struct fw_unit {
        char *code, *title, *group, *title_from, *source, *imported_from, *elements_state;
        bool mandatory;
        int *elements;
        size_t nelements;
};
struct fw_element {
        char *code, *title, *source;
        int unit;
};
/* One mapping link: from a unit (element -1) or element, to a capability (theme
 * -1) or theme. */
struct fw_link {
        int unit, element, cap, theme;
        bool direct;
        char *source;
};
struct fw_resource {
        char *ref, *title, *address, *notes;
        bool own; /* from the workbook's resources.csv */
};

enum ref_kind { REF_UNKNOWN, REF_CAPABILITY, REF_THEME, REF_INDICATOR, REF_UNIT, REF_ELEMENT };
struct ref {
        enum ref_kind kind;
        int cap, theme, stage, unit, element; /* -1 where not applicable */
};

struct framework {
        char *cap_id, *std_id, *map_id;
        char *cap_dir, *std_dir, *map_path; /* where each was found */
        struct fw_capability *caps;
        struct fw_theme *themes;
        struct fw_stage *stages;
        struct fw_pathway *pathways;
        struct fw_indicator *indicators;
        struct fw_unit *units;
        struct fw_element *elements;
        struct fw_link *links;
        struct fw_resource *resources;
        size_t ncaps, nthemes, nstages, npathways, nindicators, nunits, nelements, nlinks,
            nresources;
        struct strmap codes;           /* code → kind << 24 | index */
        struct strmap indicator_index; /* "pathway/code" → index */
};

/* The folders searched for a framework id, in order: the workbook folder (may be
 * NULL), $XDG_DATA_HOME/capbook, the installed data, the source tree's data/. */
size_t framework_search_path(const char *workbook_dir, char **dirs, size_t max);
/* Finds the folder holding framework id; NULL if none (caller frees). */
char *framework_find(const char *workbook_dir, const char *id);

/* Where the three ids were written (workbook.ini), for FILE:LINE: messages; a
 * line 0 is an id not written there (a default). */
struct fw_origin {
        const char *file;
        unsigned line[3]; /* capabilities, standards, mapping */
};
/* Loads the three frameworks named; ids NULL take the defaults (sil, lmcs2008,
 * lmcs2008-sil). A mapping.csv in workbook_dir overrides the mapping. When a
 * framework cannot be found the mapping is not loaded (its every link would be
 * reported). from may be NULL. */
int framework_load(struct framework *fw, const char *workbook_dir, const char *cap_id,
                   const char *std_id, const char *map_id, const struct fw_origin *from,
                   struct diag *d);
/* Loads the one capabilities or standards framework of that id, and nothing
 * else (to list it). 0 ok; -1 (reason in d) when it is not found or is of
 * another kind. */
int framework_load_one(struct framework *fw, const char *workbook_dir, const char *id,
                       struct diag *d);
void framework_free(struct framework *fw);
/* Adds resources from a sheet (the workbook's own resources.csv). A row with
 * the reference and title of a shipped resource is that resource (its address
 * and notes, where given, replace the shipped ones); so is a row with the title
 * of a shipped resource that names no capability, which it then links. */
void framework_add_resources(struct framework *fw, const char *path, bool own, struct diag *d);
/* How a resource relates to capability cap (theme -1) or theme: 0 not, 1 it
 * names the theme, 2 the capability, 3 nothing at all (a general resource,
 * shown with every capability, after those linked to it). */
int fw_resource_link(const struct framework *fw, const struct fw_resource *r, int cap, int theme);
/* The resources to show for capability cap (theme -1) or theme, best first
 * (the theme's, the capability's, then the general ones), as indices into
 * fw->resources; the count (caller frees *out). */
size_t fw_resources_for(const struct framework *fw, int cap, int theme, size_t **out);

/* Parses SLF, SLF.2, SLF.2.AC, A1, A1.1 (any case). False (kind REF_UNKNOWN) if
 * the code is not in the frameworks. */
bool ref_parse(const struct framework *fw, const char *code, struct ref *out);
void ref_code(const struct framework *fw, const struct ref *r, char *out, size_t n);
/* A reference in 32 bits, as an entry keeps its list: its kind and what it
 * names; the rest (a theme's capability, an element's unit) is the frameworks'.
 * 0 if it does not fit (a framework of millions of codes). */
uint32_t ref_pack(const struct ref *r);
void ref_unpack(const struct framework *fw, uint32_t packed, struct ref *out);
int fw_stage_index(const struct framework *fw, const char *code);
int fw_pathway_index(const struct framework *fw, const char *id);
/* The indicator text for theme at stage on pathway; falls back to the first
 * pathway with text (*fallback set). NULL if none. */
const struct fw_indicator *fw_indicator(const struct framework *fw, int theme, int stage,
                                        int pathway, bool *fallback);
/* The indicator text for theme at stage on pathway, appended to out: when it
 * is another pathway's (none is shipped for this one), marked so, e.g. "… [the
 * Managers pathway's text: none is shipped for Frontline workers]". False (out
 * untouched) if there is no text at all. */
bool fw_indicator_text(const struct framework *fw, int theme, int stage, int pathway,
                       struct buf *out);
/* For a whole output: when pathway's indicator text is not shipped, the
 * sentence saying whose text is shown instead, appended to out; false if its own
 * text is shipped (or there is none to show). */
bool fw_pathway_text_note(const struct framework *fw, int pathway, struct buf *out);
/* What kind of framework folder dir holds, and its counts, in words
 * ("6 capabilities, 22 themes, 66 indicators"). NULL kind: not a framework. */
const char *framework_describe(const char *dir, char *counts, size_t n);

#endif
