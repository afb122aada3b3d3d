/* site.c — the site tag and the ids minted with it (see site.h): the tag read
 * from the clone's git config, the id form parsed and ordered, and a tag chosen
 * for a new clone that no id in its sheets carries yet. */
#include "core/site.h"
#include "core/fileio.h"
#include "core/git.h"
#include "core/sheet.h"
#include "core/workbook.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool site_tag_valid(const char *tag)
{
        size_t n = strlen(tag);
        if (n < 1 || n > SITE_TAG_MAX)
                return false;
        for (size_t i = 0; i < n; i++)
                if (tag[i] < 'a' || tag[i] > 'z')
                        return false;
        return true;
}

/* The digits and tag of an id after its prefix, within len bytes: the length
 * taken (digits and tag) and the number, or 0 if there are no digits. The tag is
 * the lower-case letters after them, up to SITE_TAG_MAX. */
static size_t number_and_tag(const char *p, size_t len, unsigned long *n, size_t *tag_len)
{
        size_t j = 0;
        unsigned long v = 0;
        while (j < len && isdigit((unsigned char)p[j])) {
                if (v < 100000000UL)
                        v = v * 10 + (unsigned long)(p[j] - '0');
                j++;
        }
        if (j == 0)
                return 0;
        size_t t = 0;
        while (j + t < len && p[j + t] >= 'a' && p[j + t] <= 'z')
                t++;
        *n = v;
        *tag_len = t;
        return j + t;
}

unsigned site_id_number(const char *id, const char *prefix)
{
        size_t pl = strlen(prefix), len = strlen(id);
        if (len <= pl || strncmp(id, prefix, pl) != 0)
                return 0;
        unsigned long n;
        size_t tl;
        size_t used = number_and_tag(id + pl, len - pl, &n, &tl);
        if (!used || pl + used != len || tl > SITE_TAG_MAX)
                return 0;
        return (unsigned)n;
}

size_t site_id_scan(const char *p, size_t len, const char *prefix, unsigned long *n)
{
        size_t pl = strlen(prefix);
        if (len <= pl || strncmp(p, prefix, pl) != 0)
                return 0;
        size_t tl;
        size_t used = number_and_tag(p + pl, len - pl, n, &tl);
        if (!used || tl > SITE_TAG_MAX)
                return 0;
        size_t end = pl + used;
        if (end < len && p[end] != ',' && p[end] != '"' && p[end] != '\r' && p[end] != '\n')
                return 0;
        return end;
}

/* A key read as upper-case prefix, number and tag ("AP12b": "AP", 12, "b"). */
struct key_form {
        size_t prefix_len;
        unsigned long n;
        const char *tag;
        size_t tag_len;
};

static bool key_form(const char *k, struct key_form *f)
{
        size_t len = strlen(k), i = 0;
        while (i < len && k[i] >= 'A' && k[i] <= 'Z')
                i++;
        size_t tl;
        size_t used = number_and_tag(k + i, len - i, &f->n, &tl);
        if (!used || i + used != len || tl > SITE_TAG_MAX)
                return false;
        f->prefix_len = i;
        f->tag = k + len - tl;
        f->tag_len = tl;
        return true;
}

int site_id_cmp(const char *a, const char *b)
{
        struct key_form fa, fb;
        bool pa = key_form(a, &fa), pb = key_form(b, &fb);
        if (!pa || !pb || fa.prefix_len != fb.prefix_len || strncmp(a, b, fa.prefix_len) != 0)
                return strcmp(a, b);
        if (fa.n != fb.n)
                return fa.n < fb.n ? -1 : 1;
        return strcmp(fa.tag, fb.tag); /* "" (the plain id) first */
}

char *site_tag_of(const char *dir)
{
        struct git_repo r;
        if (git_repo_find(dir, &r) != 1)
                return NULL;
        char *tag = NULL;
        if (git_config_get(&r, "capbook.site", &tag) != 1 || !site_tag_valid(tag)) {
                free(tag);
                tag = NULL;
        }
        git_repo_free(&r);
        return tag;
}

/* The tags of the keys of one sheet file. */
static void tags_in_sheet(const char *path, const char *key, struct strlist *used)
{
        struct sheet sh;
        struct diag quiet = {0};
        if (!path_exists(path))
                return;
        if (sheet_load(&sh, path, &quiet) == 0) {
                int kc = sheet_col(&sh, key);
                for (size_t i = 0; kc >= 0 && i < sh.nrows; i++) {
                        struct key_form f;
                        const char *k = sheet_get(&sh, i, kc);
                        if (!key_form(k, &f) || !f.tag_len || strlist_has(used, f.tag))
                                continue;
                        strlist_push(used, f.tag);
                }
        }
        sheet_free(&sh);
        diag_free(&quiet);
}

static void tags_in_workbook(const char *dir, struct strlist *used)
{
        for (int s = 0; s < WB_NSHEETS; s++) {
                char *p = path_join(dir, wb_sheet_file[s]);
                tags_in_sheet(p, wb_sheet_key[s], used);
                free(p);
        }
}

void site_tags_used(const char *path, struct strlist *used)
{
        if (!workbook_is_caseload(path)) {
                tags_in_workbook(path, used);
                return;
        }
        char **dirs;
        size_t n = workbook_list_caseload(path, &dirs);
        for (size_t i = 0; i < n; i++) {
                tags_in_workbook(dirs[i], used);
                free(dirs[i]);
        }
        free(dirs);
}

void site_tag_suggest(const char *login, const struct strlist *used, char out[SITE_TAG_MAX + 1])
{
        char letters[SITE_TAG_MAX + 1];
        size_t n = 0;
        for (const char *p = login; *p && n < SITE_TAG_MAX; p++)
                if (isalpha((unsigned char)*p) && !(*p & 0x80))
                        letters[n++] = (char)tolower((unsigned char)*p);
        letters[n] = '\0';
        for (size_t k = 1; k <= n; k++) {
                snprintf(out, SITE_TAG_MAX + 1, "%.*s", (int)k, letters);
                if (!strlist_has(used, out))
                        return;
        }
        /* another letter, then two: the first free one */
        for (int len = 1; len <= 2; len++)
                for (int i = 0; i < (len == 1 ? 26 : 26 * 26); i++) {
                        if (len == 1)
                                snprintf(out, SITE_TAG_MAX + 1, "%c", 'a' + i);
                        else
                                snprintf(out, SITE_TAG_MAX + 1, "%c%c", 'a' + i / 26, 'a' + i % 26);
                        if (!strlist_has(used, out))
                                return;
                }
        snprintf(out, SITE_TAG_MAX + 1, "zzz");
}
