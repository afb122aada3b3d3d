/* search.c — text search over the framework's trees and the entries: each
 * scope is walked as a list of rows, so a search reaches every row of it. */
#include "core/search.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

static bool has(const char *hay, const char *needle)
{
        return hay && strcasestr(hay, needle) != NULL;
}

/* The rows of a scope, in order; the caller frees. */
static struct search_at *scope_rows(const struct workbook *wb, enum search_scope scope, size_t *n)
{
        const struct framework *fw = &wb->fw;
        size_t count = scope == SEARCH_ENTRIES ? wb->nentries : 0;
        if (scope == SEARCH_CAPS)
                for (size_t c = 0; c < fw->ncaps; c++)
                        count += 1 + fw->caps[c].nthemes;
        if (scope == SEARCH_NOS)
                for (size_t u = 0; u < fw->nunits; u++)
                        count += 1 + fw->units[u].nelements;
        struct search_at *rows = xmalloc((count + 1) * sizeof *rows);
        size_t k = 0;
        if (scope == SEARCH_CAPS) {
                for (size_t c = 0; c < fw->ncaps; c++) {
                        rows[k++] = (struct search_at){(int)c, -1};
                        for (size_t t = 0; t < fw->caps[c].nthemes; t++)
                                rows[k++] = (struct search_at){(int)c, fw->caps[c].themes[t]};
                }
        } else if (scope == SEARCH_NOS) {
                for (size_t u = 0; u < fw->nunits; u++) {
                        rows[k++] = (struct search_at){(int)u, -1};
                        for (size_t e = 0; e < fw->units[u].nelements; e++)
                                rows[k++] = (struct search_at){(int)u, fw->units[u].elements[e]};
                }
        } else {
                for (size_t i = 0; i < wb->nentries; i++)
                        rows[k++] = (struct search_at){(int)i, 0};
        }
        *n = k;
        return rows;
}

static bool row_matches(const struct workbook *wb, enum search_scope scope, struct search_at r,
                        const char *text)
{
        const struct framework *fw = &wb->fw;
        if (scope == SEARCH_CAPS) {
                if (r.b < 0)
                        return has(fw->caps[r.a].name, text) || has(fw->caps[r.a].code, text);
                if (has(fw->themes[r.b].name, text) || has(fw->themes[r.b].code, text))
                        return true;
                for (size_t s = 0; s < fw->nstages; s++) {
                        const struct fw_indicator *ind =
                            fw_indicator(fw, r.b, (int)s, wb->pathway_index, NULL);
                        if (ind && has(ind->text, text))
                                return true;
                }
                return false;
        }
        if (scope == SEARCH_NOS)
                return r.b < 0 ? has(fw->units[r.a].code, text) || has(fw->units[r.a].title, text)
                               : has(fw->elements[r.b].code, text) ||
                                     has(fw->elements[r.b].title, text);
        static const char *const cols[] = {"id",       "ref",        "summary",
                                           "elements", "indicators", "rationale"};
        const struct entry *e = &wb->entries[r.a];
        for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
                if (has(entry_get(wb, e, cols[c]), text))
                        return true;
        return false;
}

bool search_find(const struct workbook *wb, enum search_scope scope, const char *text,
                 struct search_at from, int dir, bool with_from, struct search_at *hit)
{
        if (!text || !*text)
                return false;
        size_t n;
        struct search_at *rows = scope_rows(wb, scope, &n);
        size_t start = 0;
        for (size_t i = 0; i < n; i++)
                if (rows[i].a == from.a && (scope == SEARCH_ENTRIES || rows[i].b == from.b)) {
                        start = i;
                        break;
                }
        bool found = false;
        for (size_t step = 1; step <= n && !found; step++) {
                size_t i = dir < 0 ? (start + n - step % n) % n : (start + step) % n;
                if ((i != start || with_from) && row_matches(wb, scope, rows[i], text)) {
                        *hit = rows[i];
                        found = true;
                }
        }
        free(rows);
        return found;
}
