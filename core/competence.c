/* competence.c — resolving a competence reference against the 2004 map and the
 * workbook's frameworks, in one documented order, and its place in a profile's
 * mix of generic, specialist, partnership and organisational competences. */
#include "core/competence.h"
#include "core/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longer than any code of the map or the frameworks ("NHSLQF Delivering the
 * service: Effective and strategic influencing" is 67 bytes). */
#define CODE_MAX 160

const char *const comp_mix_name[MIX_N] = {"generic", "specialist", "partnership", "organisational",
                                          "outside the map"};

static bool all_digits(const char *s)
{
        if (!*s)
                return false;
        for (; *s; s++)
                if (!isdigit((unsigned char)*s))
                        return false;
        return true;
}

/* "MSC A1", "msc:a1": the generic standard, whatever the workbook's units are. */
static bool msc_prefixed(const char *s)
{
        return strncasecmp(s, "MSC", 3) == 0 &&
               (s[3] == ' ' || s[3] == ':' || isalpha((unsigned char)s[3]));
}

/* One code, trimmed, nothing after it. The order is the documented one. */
static bool resolve_code(const struct stdmap *m, const struct framework *fw, const char *code,
                         struct competence *out)
{
        int i;
        if (m && msc_prefixed(code) && (i = stdmap_standard(m, code)) >= 0) {
                out->kind = COMP_GENERIC;
                out->index = i;
                return true;
        }
        if (m && (i = stdmap_identity(m, code)) >= 0) {
                out->kind = COMP_RELATED;
                out->index = i;
                out->kinds = m->identities[i].kinds;
                return true;
        }
        struct ref r;
        const char *bare = code;
        /* the LMCS print their codes "LMC A1.1" */
        if (strncasecmp(code, "LMC", 3) == 0 && (code[3] == ' ' || code[3] == ':')) {
                bare = code + 3;
                while (*bare == ' ' || *bare == ':')
                        bare++;
        }
        if (fw && ref_parse(fw, bare, &r) &&
            (bare == code || r.kind == REF_UNIT || r.kind == REF_ELEMENT)) {
                static const enum comp_kind kinds[] = {[REF_CAPABILITY] = COMP_CAPABILITY,
                                                       [REF_THEME] = COMP_THEME,
                                                       [REF_INDICATOR] = COMP_INDICATOR,
                                                       [REF_UNIT] = COMP_UNIT,
                                                       [REF_ELEMENT] = COMP_ELEMENT};
                out->kind = kinds[r.kind];
                out->ref = r;
                out->index = r.kind == REF_UNIT                               ? r.unit
                             : r.kind == REF_ELEMENT                          ? r.element
                             : r.kind == REF_THEME || r.kind == REF_INDICATOR ? r.theme
                                                                              : r.cap;
                out->ambiguous = r.kind == REF_UNIT && m && stdmap_standard(m, code) >= 0;
                return true;
        }
        if (m && all_digits(code) && (i = stdmap_earlier(m, code)) >= 0) {
                out->kind = COMP_EARLIER;
                out->index = i;
                return true;
        }
        if (m && (i = stdmap_standard(m, code)) >= 0) {
                out->kind = COMP_GENERIC;
                out->index = i;
                return true;
        }
        return false;
}

/* The canonical code and the title of what out names. */
static void name_it(const struct stdmap *m, const struct framework *fw, struct competence *out)
{
        const char *title = NULL;
        switch (out->kind) {
        case COMP_GENERIC:
                snprintf(out->code, sizeof out->code, "MSC %s", m->standards[out->index].code);
                title = m->standards[out->index].title;
                break;
        case COMP_EARLIER:
                snprintf(out->code, sizeof out->code, "%s", m->earlier[out->index].number);
                title = m->earlier[out->index].title;
                break;
        case COMP_RELATED: {
                const struct sm_identity *idn = &m->identities[out->index];
                snprintf(out->code, sizeof out->code, "%s", idn->code);
                title = m->related[idn->rows[0]].title;
                break;
        }
        case COMP_UNIT:
        case COMP_ELEMENT:
        case COMP_CAPABILITY:
        case COMP_THEME:
        case COMP_INDICATOR:
                ref_code(fw, &out->ref, out->code, sizeof out->code);
                title = out->kind == COMP_UNIT         ? fw->units[out->ref.unit].title
                        : out->kind == COMP_ELEMENT    ? fw->elements[out->ref.element].title
                        : out->kind == COMP_THEME      ? fw->themes[out->ref.theme].name
                        : out->kind == COMP_CAPABILITY ? fw->caps[out->ref.cap].name
                                                       : NULL;
                if (out->kind == COMP_INDICATOR) {
                        const struct fw_indicator *ind =
                            fw_indicator(fw, out->ref.theme, out->ref.stage, 0, NULL);
                        title = ind ? ind->text : NULL;
                }
                break;
        default: break;
        }
        out->title = title && *title ? title : NULL;
}

bool competence_resolve(const struct stdmap *m, const struct framework *fw, const char *text,
                        struct competence *out)
{
        memset(out, 0, sizeof *out);
        out->index = -1;
        out->ref.kind = REF_UNKNOWN;
        if (m && !m->dir)
                m = NULL;
        while (*text == ' ' || *text == '\t')
                text++;
        size_t len = strlen(text);
        while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
                len--;
        char *t = xstrndup(text, len);
        out->used = len;
        bool found;
        size_t k = strncasecmp(t, "ORG", 3) == 0 ? 3 + strspn(t + 3, " \t") : 0;
        if (k && t[k] == ':') {
                /* the organisation's own competence, in its own words */
                const char *words = t + k + 1;
                while (*words == ' ' || *words == '\t')
                        words++;
                out->kind = COMP_ORGANISATIONAL;
                snprintf(out->code, sizeof out->code, "ORG: %s", words);
                free(t);
                return true;
        }
        found = resolve_code(m, fw, t, out);
        /* a code followed by its title as written: the longest run of words that
         * is a code wins. No code is longer than CODE_MAX, so a long text costs
         * no more than a short one (a 5 MB cell is not tried a word at a time). */
        for (size_t end = len < CODE_MAX ? len : CODE_MAX; !found && end > 0; end--) {
                if (t[end] != ' ' && t[end] != '\t')
                        continue;
                size_t e = end;
                while (e && (t[e - 1] == ' ' || t[e - 1] == '\t'))
                        e--;
                if (!e)
                        break;
                char save = t[e];
                t[e] = '\0';
                found = resolve_code(m, fw, t, out);
                t[e] = save;
                if (found)
                        out->used = e;
        }
        if (found) {
                name_it(m, fw, out);
        } else {
                out->kind = COMP_OUTSIDE;
                out->used = len;
                snprintf(out->code, sizeof out->code, "%s", t);
        }
        free(t);
        return found;
}

const char *competence_title(const struct competence *c)
{
        if (c->kind == COMP_ORGANISATIONAL)
                return c->code[5] ? c->code + 5 : NULL;
        return c->title;
}

const char *competence_kind_name(const struct competence *c)
{
        switch (c->kind) {
        case COMP_GENERIC: return "generic standard (2004)";
        case COMP_EARLIER: return "generic standard (earlier numbering)";
        case COMP_RELATED:
                return c->kinds == (SM_SPECIALIST | SM_PARTNERSHIP) ? "specialist and partnership "
                                                                      "standard"
                       : c->kinds == SM_PARTNERSHIP                 ? "partnership standard"
                                                                    : "specialist standard";
        case COMP_UNIT: return "NOS unit";
        case COMP_ELEMENT: return "NOS element";
        case COMP_CAPABILITY: return "leadership capability";
        case COMP_THEME: return "capability theme";
        case COMP_INDICATOR: return "capability indicator";
        case COMP_ORGANISATIONAL: return "organisational competence";
        default: return "outside the map";
        }
}

unsigned competence_mix(const struct competence *c)
{
        switch (c->kind) {
        case COMP_GENERIC:
        case COMP_EARLIER: return 1u << MIX_GENERIC;
        case COMP_RELATED:
                return (c->kinds & SM_SPECIALIST ? 1u << MIX_SPECIALIST : 0) |
                       (c->kinds & SM_PARTNERSHIP ? 1u << MIX_PARTNERSHIP : 0);
        /* the LMCS and the capabilities are standards of care services themselves:
         * "specialist competences, specific to social care" */
        case COMP_UNIT:
        case COMP_ELEMENT:
        case COMP_CAPABILITY:
        case COMP_THEME:
        case COMP_INDICATOR: return 1u << MIX_SPECIALIST;
        case COMP_ORGANISATIONAL: return 1u << MIX_ORGANISATIONAL;
        default: return 1u << MIX_OUTSIDE;
        }
}

/* typed's words all in code or title, or typed (as a key) the start of code's key. */
static bool choice_matches(const struct stdmap *m, const struct strlist *words, const char *tkey,
                           const char *code, const char *title)
{
        bool all = true;
        for (size_t w = 0; w < words->n && all; w++)
                all = strcasestr(code, words->v[w]) || (title && strcasestr(title, words->v[w]));
        if (all)
                return true;
        if (!*tkey || !m)
                return false;
        struct buf key = {0};
        stdmap_key(m, code, strlen(code), &key, NULL);
        bool yes = strncmp(buf_str(&key), tkey, strlen(tkey)) == 0;
        buf_free(&key);
        return yes;
}

static void choice_push(struct comp_choice **v, size_t *n, enum comp_kind kind, unsigned kinds,
                        const char *code, const char *title)
{
        *v = xrealloc(*v, (*n + 1) * sizeof **v);
        struct comp_choice *c = &(*v)[(*n)++];
        c->kind = kind;
        c->kinds = kinds;
        snprintf(c->code, sizeof c->code, "%s", code);
        c->title = title && *title ? title : NULL;
}

size_t competence_choices(const struct stdmap *m, const struct framework *fw, const char *typed,
                          struct comp_choice **out)
{
        if (m && !m->dir)
                m = NULL;
        struct strlist words = {0};
        char *q = xstrdup(typed);
        for (char *p = q; *p; p++)
                if (*p == ' ' || *p == '\t')
                        *p = ';';
        strlist_split(&words, q);
        free(q);
        struct buf tkey = {0};
        if (m)
                stdmap_key(m, typed, strlen(typed), &tkey, NULL);
        const char *tk = buf_str(&tkey);
        struct comp_choice *v = NULL;
        size_t n = 0;
        char code[96];
        for (size_t i = 0; m && i < m->nstandards; i++) {
                snprintf(code, sizeof code, "MSC %s", m->standards[i].code);
                if (choice_matches(m, &words, tk, code, m->standards[i].title))
                        choice_push(&v, &n, COMP_GENERIC, 0, code, m->standards[i].title);
        }
        for (size_t i = 0; m && i < m->nidentities; i++) {
                const struct sm_identity *idn = &m->identities[i];
                const char *title = m->related[idn->rows[0]].title;
                if (choice_matches(m, &words, tk, idn->code, title))
                        choice_push(&v, &n, COMP_RELATED, idn->kinds, idn->code, title);
        }
        for (size_t i = 0; m && i < m->nearlier; i++)
                if (choice_matches(m, &words, tk, m->earlier[i].number, m->earlier[i].title))
                        choice_push(&v, &n, COMP_EARLIER, 0, m->earlier[i].number,
                                    m->earlier[i].title);
        for (size_t i = 0; fw && i < fw->ncaps; i++) {
                const struct fw_capability *c = &fw->caps[i];
                if (choice_matches(m, &words, tk, c->code, c->name))
                        choice_push(&v, &n, COMP_CAPABILITY, 0, c->code, c->name);
                for (size_t k = 0; k < c->nthemes; k++) {
                        const struct fw_theme *t = &fw->themes[c->themes[k]];
                        if (choice_matches(m, &words, tk, t->code, t->name))
                                choice_push(&v, &n, COMP_THEME, 0, t->code, t->name);
                }
        }
        for (size_t i = 0; fw && i < fw->nunits; i++) {
                const struct fw_unit *u = &fw->units[i];
                if (choice_matches(m, &words, tk, u->code, u->title))
                        choice_push(&v, &n, COMP_UNIT, 0, u->code, u->title);
                for (size_t k = 0; k < u->nelements; k++) {
                        const struct fw_element *e = &fw->elements[u->elements[k]];
                        if (choice_matches(m, &words, tk, e->code, e->title))
                                choice_push(&v, &n, COMP_ELEMENT, 0, e->code, e->title);
                }
        }
        strlist_free(&words);
        buf_free(&tkey);
        *out = v;
        return n;
}
