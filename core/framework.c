/* framework.c — loading the reference data sheets and resolving reference codes.
 * Frameworks are folders of CSV named by id, found along a search path so an
 * organisation can bring its own mapping grids. */
#include "core/framework.h"
#include "core/fileio.h"
#include "core/sheet.h"
#include "core/text.h"
#include "core/words.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KIND_SHIFT 24
#define KIND_MASK  ((1 << KIND_SHIFT) - 1)

size_t framework_search_path(const char *workbook_dir, char **dirs, size_t max)
{
        size_t n = 0;
#define ADD(p)                                                                                     \
        do {                                                                                       \
                char *p_ = (p);                                                                    \
                if (n < max && p_)                                                                 \
                        dirs[n++] = p_;                                                            \
                else                                                                               \
                        free(p_);                                                                  \
        } while (0)
        if (workbook_dir)
                ADD(xstrdup(workbook_dir));
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        if (xdg && *xdg == '/')
                ADD(path_join(xdg, "capbook"));
        else if (home && *home)
                ADD(path_join(home, ".local/share/capbook"));
        ADD(xstrdup(CAPBOOK_DATADIR));
        char *ed = exe_dir();
        if (ed) {
                ADD(path_join_up(ed, "../share/capbook"));
                ADD(path_join(ed, "data"));
                ADD(path_join_up(ed, "../data"));
                ADD(path_join_up(ed, "../../data"));
                free(ed);
        }
#undef ADD
        return n;
}

char *framework_find(const char *workbook_dir, const char *id)
{
        char *dirs[16];
        size_t n = framework_search_path(workbook_dir, dirs, 16);
        char *found = NULL;
        for (size_t i = 0; i < n; i++) {
                char *p = path_join(dirs[i], id);
                if (!found && path_is_dir(p))
                        found = p;
                else
                        free(p);
                free(dirs[i]);
        }
        return found;
}

static bool valid_id(const char *id)
{
        if (!*id || *id == '.')
                return false;
        for (const char *p = id; *p; p++)
                if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
                        return false;
        return true;
}

/* Loads dir/name into sh; false (with a message) if it is missing or unusable. */
static bool open_sheet(struct sheet *sh, const char *dir, const char *name, bool required,
                       struct diag *d)
{
        char *p = path_join(dir, name);
        bool ok;
        if (!path_exists(p)) {
                if (required)
                        diag_add(d, DIAG_ERROR, p, 0, "missing framework sheet");
                memset(sh, 0, sizeof *sh);
                ok = false;
        } else {
                /* installed frameworks may well be links (a package's data): followed */
                ok = sheet_load_flags(sh, p, 0, d) == 0;
        }
        free(p);
        return ok;
}

static char *cell(const struct sheet *sh, size_t row, const char *col)
{
        return xstrdup(sheet_get(sh, row, sheet_col(sh, col)));
}

static void add_code(struct framework *fw, const char *code, enum ref_kind kind, size_t idx,
                     const char *path, unsigned line, struct diag *d)
{
        if (strmap_get(&fw->codes, code) >= 0) {
                diag_add(d, DIAG_WARN, path, line, "code %s appears twice; the later row is used",
                         text_safe(code));
        }
        strmap_put(&fw->codes, code, (int)((unsigned)kind << KIND_SHIFT | idx));
}

static int code_index(const struct framework *fw, const char *code, enum ref_kind kind)
{
        int v = strmap_get(&fw->codes, code);
        if (v < 0 || (enum ref_kind)((unsigned)v >> KIND_SHIFT) != kind)
                return -1;
        return v & KIND_MASK;
}

#define GROW(arr, n) ((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)))

static void load_capabilities(struct framework *fw, const char *dir, struct diag *d)
{
        struct sheet sh;
        if (open_sheet(&sh, dir, "capabilities.csv", true, d)) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad || !*sheet_get(&sh, i, sheet_col(&sh, "code")))
                                continue;
                        GROW(fw->caps, fw->ncaps);
                        struct fw_capability *c = &fw->caps[fw->ncaps];
                        memset(c, 0, sizeof *c);
                        c->code = cell(&sh, i, "code");
                        c->name = cell(&sh, i, "name");
                        c->description = cell(&sh, i, "description");
                        add_code(fw, c->code, REF_CAPABILITY, fw->ncaps, sh.path, sh.rows[i].line,
                                 d);
                        fw->ncaps++;
                }
        }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "stages.csv", true, d)) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        GROW(fw->stages, fw->nstages);
                        struct fw_stage *s = &fw->stages[fw->nstages++];
                        s->code = cell(&sh, i, "code");
                        s->name = cell(&sh, i, "name");
                        s->description = cell(&sh, i, "description");
                }
        }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "themes.csv", true, d)) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        const char *capcode = sheet_get(&sh, i, sheet_col(&sh, "capability"));
                        int cap = code_index(fw, capcode, REF_CAPABILITY);
                        if (cap < 0) {
                                diag_add(d, DIAG_ERROR, sh.path, sh.rows[i].line,
                                         "theme of unknown capability %s", text_safe(capcode));
                                continue;
                        }
                        GROW(fw->themes, fw->nthemes);
                        struct fw_theme *t = &fw->themes[fw->nthemes];
                        t->code = cell(&sh, i, "code");
                        t->name = cell(&sh, i, "name");
                        t->cap = cap;
                        struct fw_capability *c = &fw->caps[cap];
                        GROW(c->themes, c->nthemes);
                        c->themes[c->nthemes++] = (int)fw->nthemes;
                        add_code(fw, t->code, REF_THEME, fw->nthemes, sh.path, sh.rows[i].line, d);
                        fw->nthemes++;
                }
        }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "pathways.csv", false, d)) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        GROW(fw->pathways, fw->npathways);
                        struct fw_pathway *p = &fw->pathways[fw->npathways++];
                        p->id = cell(&sh, i, "id");
                        p->name = cell(&sh, i, "name");
                        p->note = cell(&sh, i, "note");
                        p->shipped =
                            str_ieq(sheet_get(&sh, i, sheet_col(&sh, "indicators")), "shipped");
                }
        }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "indicators.csv", true, d)) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        const char *tc = sheet_get(&sh, i, sheet_col(&sh, "theme"));
                        const char *sc = sheet_get(&sh, i, sheet_col(&sh, "stage"));
                        const char *pc = sheet_get(&sh, i, sheet_col(&sh, "pathway"));
                        int theme = code_index(fw, tc, REF_THEME);
                        int stage = fw_stage_index(fw, sc);
                        int path = fw_pathway_index(fw, pc);
                        if (theme < 0 || stage < 0) {
                                diag_add(d, DIAG_ERROR, sh.path, sh.rows[i].line,
                                         "indicator of unknown theme or stage (%s, %s)",
                                         text_safe(tc), text_safe(sc));
                                continue;
                        }
                        if (path < 0 && *pc) {
                                GROW(fw->pathways, fw->npathways);
                                struct fw_pathway *p = &fw->pathways[fw->npathways];
                                memset(p, 0, sizeof *p);
                                p->id = xstrdup(pc);
                                p->name = xstrdup(pc);
                                p->note = xstrdup("");
                                p->shipped = true;
                                path = (int)fw->npathways++;
                        }
                        GROW(fw->indicators, fw->nindicators);
                        struct fw_indicator *ind = &fw->indicators[fw->nindicators];
                        ind->code = cell(&sh, i, "code");
                        ind->text = cell(&sh, i, "text");
                        ind->clf = cell(&sh, i, "clf");
                        ind->theme = theme;
                        ind->stage = stage;
                        ind->pathway = path;
                        char key[128];
                        snprintf(key, sizeof key, "%d/%d/%d", path, theme, stage);
                        strmap_put(&fw->indicator_index, key, (int)fw->nindicators);
                        fw->nindicators++;
                }
        }
        sheet_free(&sh);
        char *rp = path_join(dir, "resources.csv");
        if (path_exists(rp))
                framework_add_resources(fw, rp, false, d);
        free(rp);
}

static void load_standards(struct framework *fw, const char *dir, struct diag *d)
{
        struct sheet sh;
        if (open_sheet(&sh, dir, "units.csv", true, d)) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad || !*sheet_get(&sh, i, sheet_col(&sh, "code")))
                                continue;
                        GROW(fw->units, fw->nunits);
                        struct fw_unit *u = &fw->units[fw->nunits];
                        memset(u, 0, sizeof *u);
                        u->code = cell(&sh, i, "code");
                        u->title = cell(&sh, i, "title");
                        u->group = cell(&sh, i, "group");
                        u->title_from = cell(&sh, i, "title_from");
                        u->source = cell(&sh, i, "source");
                        u->imported_from = cell(&sh, i, "imported_from");
                        u->elements_state = cell(&sh, i, "elements");
                        u->mandatory =
                            str_ieq(sheet_get(&sh, i, sheet_col(&sh, "mandatory")), "yes");
                        add_code(fw, u->code, REF_UNIT, fw->nunits, sh.path, sh.rows[i].line, d);
                        fw->nunits++;
                }
        }
        sheet_free(&sh);
        if (open_sheet(&sh, dir, "elements.csv", false, d)) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        const char *uc = sheet_get(&sh, i, sheet_col(&sh, "unit"));
                        int unit = code_index(fw, uc, REF_UNIT);
                        if (unit < 0) {
                                diag_add(d, DIAG_ERROR, sh.path, sh.rows[i].line,
                                         "element of unknown unit %s", text_safe(uc));
                                continue;
                        }
                        GROW(fw->elements, fw->nelements);
                        struct fw_element *e = &fw->elements[fw->nelements];
                        e->code = cell(&sh, i, "code");
                        e->title = cell(&sh, i, "title");
                        e->source = cell(&sh, i, "source");
                        e->unit = unit;
                        struct fw_unit *u = &fw->units[unit];
                        GROW(u->elements, u->nelements);
                        u->elements[u->nelements++] = (int)fw->nelements;
                        add_code(fw, e->code, REF_ELEMENT, fw->nelements, sh.path, sh.rows[i].line,
                                 d);
                        fw->nelements++;
                }
        }
        sheet_free(&sh);
}

static void load_mapping(struct framework *fw, const char *path, bool own, struct diag *d)
{
        struct sheet sh;
        if (sheet_load_flags(&sh, path, own ? FILE_NOFOLLOW : 0, d) < 0) {
                sheet_free(&sh);
                return;
        }
        int cf = sheet_col(&sh, "from"), ct = sheet_col(&sh, "to"), ck = sheet_col(&sh, "kind"),
            cs = sheet_col(&sh, "source");
        if (cf < 0 || ct < 0)
                diag_add(d, DIAG_ERROR, path, 1, "a mapping sheet needs columns from and to");
        for (size_t i = 0; cf >= 0 && ct >= 0 && i < sh.nrows; i++) {
                if (sh.rows[i].bad)
                        continue;
                struct ref from, to;
                const char *fc = sheet_get(&sh, i, cf), *tc = sheet_get(&sh, i, ct);
                const char *kind = sheet_get(&sh, i, ck);
                unsigned line = sh.rows[i].line;
                if (!ref_parse(fw, fc, &from) ||
                    (from.kind != REF_UNIT && from.kind != REF_ELEMENT)) {
                        diag_add(d, DIAG_WARN, path, line, "link from %s: not a unit or element",
                                 text_safe(fc));
                        continue;
                }
                if (!ref_parse(fw, tc, &to) ||
                    (to.kind != REF_CAPABILITY && to.kind != REF_THEME)) {
                        diag_add(d, DIAG_WARN, path, line, "link to %s: not a capability or theme",
                                 text_safe(tc));
                        continue;
                }
                if (!str_ieq(kind, link_kind_word(true)) && !str_ieq(kind, link_kind_word(false))) {
                        diag_add(
                            d, DIAG_WARN, path, line,
                            "link kind \"%s\" is neither direct nor indirect; taken as indirect",
                            text_safe(kind));
                }
                GROW(fw->links, fw->nlinks);
                struct fw_link *l = &fw->links[fw->nlinks++];
                l->unit = from.unit;
                l->element = from.kind == REF_ELEMENT ? from.element : -1;
                l->cap = to.cap;
                l->theme = to.kind == REF_THEME ? to.theme : -1;
                l->direct = str_ieq(kind, link_kind_word(true));
                l->source = xstrdup(sheet_get(&sh, i, cs));
        }
        sheet_free(&sh);
}

void framework_add_resources(struct framework *fw, const char *path, bool own, struct diag *d)
{
        struct sheet sh;
        if (sheet_load_flags(&sh, path, own ? FILE_NOFOLLOW : 0, d) == 0) {
                for (size_t i = 0; i < sh.nrows; i++) {
                        if (sh.rows[i].bad)
                                continue;
                        char *ref = cell(&sh, i, "ref"), *title = cell(&sh, i, "title");
                        char *address = cell(&sh, i, "address"), *notes = cell(&sh, i, "notes");
                        /* the workbook's own row for a shipped resource (same reference
                         * and title) is that resource, with its own words where it has
                         * them: listed once */
                        struct fw_resource *r = NULL;
                        for (size_t k = 0; k < fw->nresources && !r; k++)
                                if (str_ieq(fw->resources[k].title, title) &&
                                    (str_ieq(fw->resources[k].ref, ref) ||
                                     (!*fw->resources[k].ref && !fw->resources[k].own)))
                                        r = &fw->resources[k];
                        if (r) {
                                if (!*r->ref && *ref) {
                                        /* a general resource the workbook links */
                                        free(r->ref);
                                        r->ref = ref;
                                        ref = NULL;
                                }
                                if (*address) {
                                        free(r->address);
                                        r->address = address;
                                        address = NULL;
                                }
                                if (*notes) {
                                        free(r->notes);
                                        r->notes = notes;
                                        notes = NULL;
                                }
                                r->own = own;
                                free(ref), free(title), free(address), free(notes);
                                continue;
                        }
                        GROW(fw->resources, fw->nresources);
                        r = &fw->resources[fw->nresources++];
                        r->ref = ref;
                        r->title = title;
                        r->address = address;
                        r->notes = notes;
                        r->own = own;
                }
        }
        sheet_free(&sh);
}

/* A framework of another kind named where capabilities (slot 0) or standards
 * (slot 1) belong: one message, and true. */
static bool wrong_kind(const char *dir, const char *id, int slot, const char *file, unsigned line,
                       struct diag *d)
{
        static const char *const sheet[] = {"capabilities.csv", "units.csv"};
        static const char *const want[] = {"capabilities", "standards"};
        char *p = path_join(dir, sheet[slot]);
        bool have = path_exists(p);
        free(p);
        char counts[256];
        const char *kind = have ? NULL : framework_describe(dir, counts, sizeof counts);
        if (!kind)
                return false;
        if (strcmp(kind, "standards map") == 0 && slot == 1)
                diag_add(d, DIAG_ERROR, file, line,
                         "\"%s\" is the 2004 standards map, which has no units or elements to "
                         "log evidence against (its A1 is not the LMCS A1): name lmcs2008 or "
                         "lmcs2012 as the standards; the person management specification, plan "
                         "and CPD record use the map in any workbook",
                         text_safe(id));
        else
                diag_add(d, DIAG_ERROR, file, line,
                         "framework \"%s\" holds %s, not %s (capbook frameworks lists each "
                         "kind)",
                         text_safe(id), kind, want[slot]);
        return true;
}

int framework_load(struct framework *fw, const char *workbook_dir, const char *cap_id,
                   const char *std_id, const char *map_id, const struct fw_origin *from,
                   struct diag *d)
{
        /* FILE:LINE of an id written in workbook.ini; else no place */
#define AT(k) (from && from->line[k] ? from->file : NULL), (from ? from->line[k] : 0)
        memset(fw, 0, sizeof *fw);
        fw->cap_id = xstrdup(cap_id && *cap_id ? cap_id : "sil");
        fw->std_id = xstrdup(std_id && *std_id ? std_id : "lmcs2008");
        fw->map_id = xstrdup(map_id && *map_id ? map_id : "lmcs2008-sil");
        const char *ids[] = {fw->cap_id, fw->std_id, fw->map_id};
        char **where[] = {&fw->cap_dir, &fw->std_dir, NULL};
        int rc = 0;
        for (int k = 0; k < 2; k++) {
                if (!valid_id(ids[k])) {
                        diag_add(d, DIAG_ERROR, AT(k), "framework id \"%s\" is not a plain name",
                                 text_safe(ids[k]));
                        rc = -1;
                        continue;
                }
                *where[k] = framework_find(workbook_dir, ids[k]);
                if (!*where[k]) {
                        diag_add(d, DIAG_ERROR, AT(k),
                                 "framework \"%s\" not found (capbook frameworks lists those "
                                 "found)",
                                 text_safe(ids[k]));
                        rc = -1;
                } else if (wrong_kind(*where[k], ids[k], k, AT(k), d)) {
                        /* said once here; nothing is loaded from it, so no reference
                         * and no link is reported again for it */
                        free(*where[k]);
                        *where[k] = NULL;
                        rc = -1;
                }
        }
        if (fw->cap_dir)
                load_capabilities(fw, fw->cap_dir, d);
        if (fw->std_dir)
                load_standards(fw, fw->std_dir, d);
        char *own = workbook_dir ? path_join(workbook_dir, "mapping.csv") : NULL;
        bool own_map = own && path_exists(own);
        if (own_map) {
                fw->map_path = own;
        } else {
                free(own);
                char *mdir = valid_id(fw->map_id) ? framework_find(workbook_dir, fw->map_id) : NULL;
                if (mdir) {
                        fw->map_path = path_join(mdir, "mapping.csv");
                        free(mdir);
                } else {
                        diag_add(d, DIAG_WARN, AT(2), "mapping \"%s\" not found; no links",
                                 text_safe(fw->map_id));
                }
        }
        if (rc == 0 && fw->map_path && path_exists(fw->map_path))
                load_mapping(fw, fw->map_path, own_map, d);
        return rc;
#undef AT
}

int framework_load_one(struct framework *fw, const char *workbook_dir, const char *id,
                       struct diag *d)
{
        memset(fw, 0, sizeof *fw);
        char *dir = valid_id(id) ? framework_find(workbook_dir, id) : NULL;
        char counts[256];
        const char *kind = dir ? framework_describe(dir, counts, sizeof counts) : NULL;
        if (kind && strcmp(kind, "capabilities") == 0) {
                fw->cap_id = xstrdup(id);
                fw->cap_dir = dir;
                load_capabilities(fw, dir, d);
        } else if (kind && strcmp(kind, "standards") == 0) {
                fw->std_id = xstrdup(id);
                fw->std_dir = dir;
                load_standards(fw, dir, d);
        } else {
                if (kind)
                        diag_add(d, DIAG_ERROR, dir, 0,
                                 "framework \"%s\" is a %s, not capabilities or standards",
                                 text_safe(id), kind);
                else
                        diag_add(d, DIAG_ERROR, NULL, 0,
                                 "framework \"%s\" not found (capbook frameworks lists those "
                                 "found)",
                                 text_safe(id));
                free(dir);
                return -1;
        }
        return 0;
}

void framework_free(struct framework *fw)
{
        for (size_t i = 0; i < fw->ncaps; i++) {
                free(fw->caps[i].code), free(fw->caps[i].name), free(fw->caps[i].description);
                free(fw->caps[i].themes);
        }
        for (size_t i = 0; i < fw->nthemes; i++)
                free(fw->themes[i].code), free(fw->themes[i].name);
        for (size_t i = 0; i < fw->nstages; i++)
                free(fw->stages[i].code), free(fw->stages[i].name), free(fw->stages[i].description);
        for (size_t i = 0; i < fw->npathways; i++)
                free(fw->pathways[i].id), free(fw->pathways[i].name), free(fw->pathways[i].note);
        for (size_t i = 0; i < fw->nindicators; i++)
                free(fw->indicators[i].code), free(fw->indicators[i].text),
                    free(fw->indicators[i].clf);
        for (size_t i = 0; i < fw->nunits; i++) {
                struct fw_unit *u = &fw->units[i];
                free(u->code), free(u->title), free(u->group), free(u->title_from);
                free(u->source), free(u->imported_from), free(u->elements_state), free(u->elements);
        }
        for (size_t i = 0; i < fw->nelements; i++)
                free(fw->elements[i].code), free(fw->elements[i].title),
                    free(fw->elements[i].source);
        for (size_t i = 0; i < fw->nlinks; i++)
                free(fw->links[i].source);
        for (size_t i = 0; i < fw->nresources; i++) {
                struct fw_resource *r = &fw->resources[i];
                free(r->ref), free(r->title), free(r->address), free(r->notes);
        }
        free(fw->caps), free(fw->themes), free(fw->stages), free(fw->pathways);
        free(fw->indicators), free(fw->units), free(fw->elements), free(fw->links);
        free(fw->resources);
        free(fw->cap_id), free(fw->std_id), free(fw->map_id);
        free(fw->cap_dir), free(fw->std_dir), free(fw->map_path);
        strmap_free(&fw->codes);
        strmap_free(&fw->indicator_index);
        memset(fw, 0, sizeof *fw);
}

int fw_stage_index(const struct framework *fw, const char *code)
{
        for (size_t i = 0; i < fw->nstages; i++)
                if (str_ieq(fw->stages[i].code, code) || str_ieq(fw->stages[i].name, code))
                        return (int)i;
        return -1;
}

int fw_pathway_index(const struct framework *fw, const char *id)
{
        for (size_t i = 0; i < fw->npathways; i++)
                if (str_ieq(fw->pathways[i].id, id))
                        return (int)i;
        return -1;
}

bool ref_parse(const struct framework *fw, const char *code, struct ref *out)
{
        out->kind = REF_UNKNOWN;
        out->cap = out->theme = out->stage = out->unit = out->element = -1;
        char up[64];
        size_t n = strlen(code);
        if (n == 0 || n >= sizeof up)
                return false;
        for (size_t i = 0; i <= n; i++)
                up[i] = (char)toupper((unsigned char)code[i]);
        int v = strmap_getn(&fw->codes, up, n);
        if (v < 0) {
                /* theme.stage */
                char *dot = strrchr(up, '.');
                if (!dot)
                        return false;
                int stage = fw_stage_index(fw, dot + 1);
                int t = strmap_getn(&fw->codes, up, (size_t)(dot - up));
                if (stage < 0 || t < 0 || (enum ref_kind)((unsigned)t >> KIND_SHIFT) != REF_THEME)
                        return false;
                out->kind = REF_INDICATOR;
                out->theme = t & KIND_MASK;
                out->cap = fw->themes[out->theme].cap;
                out->stage = stage;
                return true;
        }
        int idx = v & KIND_MASK;
        out->kind = (enum ref_kind)((unsigned)v >> KIND_SHIFT);
        switch (out->kind) {
        case REF_CAPABILITY: out->cap = idx; break;
        case REF_THEME:
                out->theme = idx;
                out->cap = fw->themes[idx].cap;
                break;
        case REF_UNIT: out->unit = idx; break;
        case REF_ELEMENT:
                out->element = idx;
                out->unit = fw->elements[idx].unit;
                break;
        default: return false;
        }
        return true;
}

/* kind in the top 4 bits; the index it names below (an indicator's theme, then
 * its stage in the low 8 bits) */
#define PACK_SHIFT 28
#define PACK_MAX   (1u << PACK_SHIFT)

uint32_t ref_pack(const struct ref *r)
{
        unsigned v;
        switch (r->kind) {
        case REF_CAPABILITY: v = (unsigned)r->cap; break;
        case REF_THEME: v = (unsigned)r->theme; break;
        case REF_INDICATOR:
                if ((unsigned)r->theme >= PACK_MAX >> 8 || (unsigned)r->stage > 0xFF)
                        return 0;
                v = (unsigned)r->theme << 8 | (unsigned)r->stage;
                break;
        case REF_UNIT: v = (unsigned)r->unit; break;
        case REF_ELEMENT: v = (unsigned)r->element; break;
        default: return 0;
        }
        return v < PACK_MAX ? (uint32_t)r->kind << PACK_SHIFT | v : 0;
}

void ref_unpack(const struct framework *fw, uint32_t packed, struct ref *out)
{
        unsigned v = packed & (PACK_MAX - 1);
        out->kind = (enum ref_kind)(packed >> PACK_SHIFT);
        out->cap = out->theme = out->stage = out->unit = out->element = -1;
        switch (out->kind) {
        case REF_CAPABILITY: out->cap = (int)v; break;
        case REF_THEME:
                out->theme = (int)v;
                out->cap = fw->themes[v].cap;
                break;
        case REF_INDICATOR:
                out->theme = (int)(v >> 8);
                out->stage = (int)(v & 0xFF);
                out->cap = fw->themes[v >> 8].cap;
                break;
        case REF_UNIT: out->unit = (int)v; break;
        case REF_ELEMENT:
                out->element = (int)v;
                out->unit = fw->elements[v].unit;
                break;
        default: out->kind = REF_UNKNOWN; break;
        }
}

void ref_code(const struct framework *fw, const struct ref *r, char *out, size_t n)
{
        switch (r->kind) {
        case REF_CAPABILITY: snprintf(out, n, "%s", fw->caps[r->cap].code); break;
        case REF_THEME: snprintf(out, n, "%s", fw->themes[r->theme].code); break;
        case REF_INDICATOR:
                snprintf(out, n, "%s.%s", fw->themes[r->theme].code, fw->stages[r->stage].code);
                break;
        case REF_UNIT: snprintf(out, n, "%s", fw->units[r->unit].code); break;
        case REF_ELEMENT: snprintf(out, n, "%s", fw->elements[r->element].code); break;
        default: snprintf(out, n, "?");
        }
}

const struct fw_indicator *fw_indicator(const struct framework *fw, int theme, int stage,
                                        int pathway, bool *fallback)
{
        char key[64];
        if (fallback)
                *fallback = false;
        snprintf(key, sizeof key, "%d/%d/%d", pathway, theme, stage);
        int i = strmap_get(&fw->indicator_index, key);
        if (i >= 0)
                return &fw->indicators[i];
        for (size_t p = 0; p < fw->npathways; p++) {
                snprintf(key, sizeof key, "%zu/%d/%d", p, theme, stage);
                i = strmap_get(&fw->indicator_index, key);
                if (i >= 0) {
                        if (fallback)
                                *fallback = true;
                        return &fw->indicators[i];
                }
        }
        return NULL;
}

static size_t count_rows(const char *dir, const char *name)
{
        struct sheet sh;
        size_t n = 0;
        if (open_sheet(&sh, dir, name, false, NULL))
                for (size_t i = 0; i < sh.nrows; i++)
                        n += !sh.rows[i].bad;
        sheet_free(&sh);
        return n;
}

const char *framework_describe(const char *dir, char *counts, size_t n)
{
        char *p;
#define HAS(name) (p = path_join(dir, name), path_exists(p) ? (free(p), 1) : (free(p), 0))
        if (HAS("capabilities.csv")) {
                snprintf(counts, n, "%zu capabilities, %zu themes, %zu indicators, %zu pathways",
                         count_rows(dir, "capabilities.csv"), count_rows(dir, "themes.csv"),
                         count_rows(dir, "indicators.csv"), count_rows(dir, "pathways.csv"));
                return "capabilities";
        }
        if (HAS("units.csv")) {
                snprintf(counts, n, "%zu units, %zu elements", count_rows(dir, "units.csv"),
                         count_rows(dir, "elements.csv"));
                return "standards";
        }
        if (HAS("mapping.csv")) {
                snprintf(counts, n, "%zu links", count_rows(dir, "mapping.csv"));
                return "mapping";
        }
        if (HAS("areas.csv")) {
                size_t specialist = 0, partnership = 0;
                struct sheet sh;
                if (open_sheet(&sh, dir, "related.csv", false, NULL)) {
                        int k = sheet_col(&sh, "kind");
                        for (size_t i = 0; i < sh.nrows; i++) {
                                const char *v = sheet_get(&sh, i, k);
                                specialist += str_ieq(v, "specialist");
                                partnership += str_ieq(v, "partnership");
                        }
                }
                sheet_free(&sh);
                snprintf(counts, n,
                         "%zu functional areas, %zu generic standards, %zu specialist and %zu "
                         "partnership standards",
                         count_rows(dir, "areas.csv"), count_rows(dir, "standards.csv"), specialist,
                         partnership);
                return "standards map";
        }
#undef HAS
        return NULL;
}

/* The pathway whose text stands in for one with none shipped: the first with text. */
static int standin_pathway(const struct framework *fw)
{
        for (size_t p = 0; p < fw->npathways; p++)
                if (fw->pathways[p].shipped)
                        return (int)p;
        return -1;
}

bool fw_indicator_text(const struct framework *fw, int theme, int stage, int pathway,
                       struct buf *out)
{
        bool fallback;
        const struct fw_indicator *ind = fw_indicator(fw, theme, stage, pathway, &fallback);
        if (!ind)
                return false;
        buf_adds(out, ind->text);
        if (fallback) {
                const char *whose = ind->pathway >= 0 && (size_t)ind->pathway < fw->npathways
                                        ? fw->pathways[ind->pathway].name
                                        : "another";
                const char *mine = pathway >= 0 && (size_t)pathway < fw->npathways
                                       ? fw->pathways[pathway].name
                                       : "this pathway";
                buf_printf(out, " [the %s pathway's text: none is shipped for %s]", whose, mine);
        }
        return true;
}

bool fw_pathway_text_note(const struct framework *fw, int pathway, struct buf *out)
{
        if (pathway >= 0 && (size_t)pathway < fw->npathways && fw->pathways[pathway].shipped)
                return false;
        int p = standin_pathway(fw);
        if (p < 0)
                return false;
        const char *mine = pathway >= 0 && (size_t)pathway < fw->npathways
                               ? fw->pathways[pathway].name
                               : "this pathway";
        buf_printf(out,
                   "no indicator text is shipped for %s; the %s pathway's text is shown in its "
                   "place, marked as another pathway's",
                   mine, fw->pathways[p].name);
        return true;
}

static bool blank(const char *s)
{
        return !s[strspn(s, " \t")];
}

int fw_resource_link(const struct framework *fw, const struct fw_resource *r, int cap, int theme)
{
        if (blank(r->ref))
                return 3;
        struct ref rr;
        if (!ref_parse(fw, r->ref, &rr) || rr.cap < 0)
                return 0;
        if (rr.kind == REF_CAPABILITY)
                return rr.cap == cap ? 2 : 0;
        if (theme >= 0)
                return rr.theme == theme ? 1 : 0;
        return rr.cap == cap ? 2 : 0; /* a theme's resource, with its capability */
}

size_t fw_resources_for(const struct framework *fw, int cap, int theme, size_t **out)
{
        size_t n = 0;
        *out = xcalloc(fw->nresources + 1, sizeof **out);
        for (int want = 1; want <= 3; want++)
                for (size_t i = 0; i < fw->nresources; i++)
                        if (fw_resource_link(fw, &fw->resources[i], cap, theme) == want)
                                (*out)[n++] = i;
        return n;
}
